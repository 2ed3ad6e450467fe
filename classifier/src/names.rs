//! Cross-checking the applicant's name read on a page against the registry.

use crate::text::{fuzzy_eq, normalize, tokens};

/// What the page says about the applicant's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameCheck {
    /// The registry's nom is on the page.
    Confirmed,
    /// The page names someone under a "Nom" label, and it is not the registry's nom.
    Mismatch,
    /// Nothing legible either way.
    Unknown,
}

fn name_tokens(name: &str) -> Vec<String> {
    tokens(&normalize(name))
        .into_iter()
        .filter(|t| t.len() >= 2)
        .map(str::to_string)
        .collect()
}

/// Whether every word of `name` (ignoring one-letter words) appears on the page.
pub fn contains_name(page_tokens: &[&str], name: &str) -> bool {
    let wanted = name_tokens(name);
    !wanted.is_empty()
        && wanted
            .iter()
            .all(|w| page_tokens.iter().any(|t| fuzzy_eq(t, w)))
}

const LABELS: &[&str] = &[
    "nom",
    "demandeur",
    "demandeuse",
    "titulaire",
    "nom de naissance",
];

/// Checks the registry's nom against a page's text.
///
/// A mismatch is only declared on clear evidence: a line labelled "Nom" (or "Demandeur",
/// "Titulaire") whose value is a legible word, while the registry's nom appears nowhere.
pub fn check(text: &str, nom: &str) -> NameCheck {
    let norm = normalize(text);
    let all: Vec<&str> = tokens(&norm);
    if contains_name(&all, nom) {
        return NameCheck::Confirmed;
    }
    for line in norm.lines() {
        let toks: Vec<&str> = line.split_whitespace().collect();
        for (i, t) in toks.iter().enumerate() {
            if LABELS.iter().any(|l| *l == *t) {
                // Skip civility and "de naissance"/"d usage" after the label.
                let value: Vec<&&str> = toks[i + 1..]
                    .iter()
                    .filter(|v| {
                        !matches!(
                            **v,
                            "de" | "d"
                                | "naissance"
                                | "usage"
                                | "m"
                                | "mme"
                                | "mr"
                                | "madame"
                                | "monsieur"
                                | "famille"
                        )
                    })
                    .take(1)
                    .collect();
                if let Some(v) = value.first() {
                    if v.len() >= 3 && v.chars().all(|c| c.is_ascii_alphabetic()) {
                        return NameCheck::Mismatch;
                    }
                }
            }
        }
    }
    NameCheck::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirms_mismatches_or_abstains() {
        assert_eq!(
            check("Demandeur : Mme DUPONT Marie", "Dupont"),
            NameCheck::Confirmed
        );
        assert_eq!(
            check("Nom : DUP0NT-LEFÈVRE", "Dupont-Lefèvre"),
            NameCheck::Confirmed
        );
        assert_eq!(
            check("Nom : MARTIN\nPrénom : Paul", "Dupont"),
            NameCheck::Mismatch
        );
        assert_eq!(check("Numéro unique 075...", "Dupont"), NameCheck::Unknown);
        assert_eq!(check("Nom : ####", "Dupont"), NameCheck::Unknown);
    }
}
