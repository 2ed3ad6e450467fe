//! Is this page an attestation cover (the first page of an attestation d'enregistrement or de
//! renouvellement of a demande de logement social)?

use crate::text::{find_phrase, fuzzy_eq};

/// The evidence for a cover, from normalised tokens.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CoverEvidence {
    /// "attestation d'enregistrement" / "de renouvellement" (or close wordings).
    pub title: bool,
    /// A "numéro unique" label.
    pub label: bool,
    /// Words of the social-housing demande around it.
    pub context: u32,
}

impl CoverEvidence {
    /// A page is a cover when it carries the attestation's title and either the number's label
    /// or the demande's context, or when the title is unreadable but label and context are
    /// strong.
    pub fn is_cover(&self, has_number: bool) -> bool {
        (self.title && (self.label || has_number || self.context >= 2))
            || (self.label && has_number && self.context >= 3)
    }
}

/// Collects the cover evidence of a page from its normalised tokens.
pub fn evidence(tokens: &[&str]) -> CoverEvidence {
    let attestation_at: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            fuzzy_eq(t, "attestation") || fuzzy_eq(t, "accuse") || fuzzy_eq(t, "certificat")
        })
        .map(|(i, _)| i)
        .collect();
    let title = attestation_at.iter().any(|&i| {
        tokens[i + 1..tokens.len().min(i + 5)].iter().any(|t| {
            fuzzy_eq(t, "enregistrement")
                || fuzzy_eq(t, "renouvellement")
                || fuzzy_eq(t, "inscription")
        })
    });
    let label = tokens.windows(2).any(|w| {
        (fuzzy_eq(w[0], "numero") || matches!(w[0], "n" | "no" | "num")) && fuzzy_eq(w[1], "unique")
    });
    let mut context = 0;
    for phrase in [
        &["demande", "de", "logement"][..],
        &["logement", "social"],
        &["logement", "locatif", "social"],
        &["date", "de", "depot"],
        &["date", "de", "renouvellement"],
        &["date", "d", "enregistrement"],
        &["guichet", "enregistreur"],
        &["service", "d", "enregistrement"],
        &["logements", "sociaux"],
        &["demandeur"],
    ] {
        if find_phrase(tokens, phrase).is_some() {
            context += 1;
        }
    }
    CoverEvidence {
        title,
        label,
        context,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{normalize, tokens};

    fn cover(text: &str, has_number: bool) -> bool {
        let n = normalize(text);
        evidence(&tokens(&n)).is_cover(has_number)
    }

    #[test]
    fn recognizes_several_wordings_of_the_attestation() {
        assert!(cover("ATTESTATION D'ENREGISTREMENT\nde votre demande de logement social\nNuméro unique : 075 1220 123456 DGALN", true));
        assert!(cover(
            "Attestation de renouvellement de la demande de logement locatif social\nN° unique",
            true
        ));
        assert!(cover(
            "ATTESTATI0N D'ENREGISTREMFNT D'UNE DEMANDE DE LOGEMENT SOCIAL date de dépôt",
            true
        ));
    }

    #[test]
    fn other_letters_mentioning_the_demande_are_not_covers() {
        assert!(!cover("Madame, votre demande de logement social n° unique 0751220123456DGALN a été examinée en commission", true));
        assert!(!cover(
            "BULLETIN DE PAIE Période du 01/03 au 31/03 Net à payer",
            false
        ));
        assert!(!cover("Attestation de paiement CAF", false));
    }
}
