//! Is this page an attestation cover (the first page of an attestation d'enregistrement or de
//! renouvellement of a demande de logement social)?

use crate::text::{find_phrase, fuzzy_eq};

/// The evidence for a cover, from normalised tokens.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CoverEvidence {
    /// "attestation d'enregistrement" / "de renouvellement" (or close wordings: accusé,
    /// récépissé, récapitulatif, confirmation of the registration of a demande de logement).
    pub title: bool,
    /// A label of the demande's number: "Numéro unique", "N° unique départemental", "Numéro
    /// d'enregistrement unique", "N° de la demande"…
    pub label: bool,
    /// Words of the social-housing demande and of its attestation around it (distinct phrases
    /// found).
    pub context: u32,
}

impl CoverEvidence {
    /// A page is a cover when it reads as an attestation whether or not its number is legible:
    /// its title with the number, its label or any word of the demande; or, title unreadable,
    /// the number's label with the demande's wording around it.
    ///
    /// Erring towards a cover is the safe side: a cover whose number cannot be read opens a pli
    /// put aside for the operators, while a cover taken for a document lets its pages run into
    /// the previous applicant's pli.
    pub fn is_cover(&self, has_number: bool) -> bool {
        (self.title && (self.label || has_number || self.context >= 1))
            || (self.label && self.context >= 3)
            // Title and label both lost (white on a dark band, under a stain): the attestation's
            // own wording, several of its phrases.
            || self.context >= 5
    }
}

/// Words that open an attestation's title.
const TITLE_HEADS: &[&str] = &[
    "attestation",
    "accuse",
    "certificat",
    "recepisse",
    "recapitulatif",
    "confirmation",
];

/// Distinct phrases of the social-housing demande (each counts once in the context).
const CONTEXT: &[&[&str]] = &[
    &["demande", "de", "logement"],
    &["logement", "social"],
    &["logement", "locatif", "social"],
    &["logements", "sociaux"],
    &["logement", "locatif", "aide"],
    &["date", "de", "depot"],
    &["date", "du", "depot"],
    &["date", "de", "renouvellement"],
    &["date", "d", "enregistrement"],
    &["date", "de", "la", "demande"],
    &["guichet", "enregistreur"],
    &["service", "enregistreur"],
    &["service", "d", "enregistrement"],
    &["lieu", "d", "enregistrement"],
    &["systeme", "national", "d", "enregistrement"],
    &["bailleurs", "sociaux"],
    &["organismes", "hlm"],
    &["anormalement", "long"],
    &["renouveler", "votre", "demande"],
    &["commission", "d", "attribution"],
    &["demandeur"],
    // The attestation's own wording: when it was registered, until when it is valid, what it
    // proves and what it does not.
    &["enregistree", "le"],
    &["renouvelee", "le"],
    &["valable", "jusqu", "au"],
    &["ne", "vaut", "pas", "attribution"],
    &["existence", "de", "votre", "demande"],
    &["anciennete", "de", "votre", "demande"],
];

/// Whether `t` stands for one of `words` (OCR slips tolerated).
fn any_of(t: &str, words: &[&str]) -> bool {
    words.iter().any(|w| fuzzy_eq(t, w))
}

/// The words a spaced run of letters is cut at (longest first wins).
const SPACED_WORDS: &[&str] = &[
    "attestation",
    "accuse",
    "recapitulatif",
    "enregistrement",
    "renouvellement",
    "numero",
    "unique",
    "demande",
    "logement",
    "social",
    "de",
    "la",
    "d",
    "n",
];

/// `text` cut wholly into [`SPACED_WORDS`] (`None` when it cannot be).
fn segment(text: &str) -> Option<Vec<String>> {
    // reach[i]: the word that ends a segmentation of text[..i] (its length), if any.
    let n = text.len();
    let mut reach: Vec<Option<usize>> = vec![None; n + 1];
    reach[0] = Some(0);
    for i in 0..n {
        if reach[i].is_none() {
            continue;
        }
        for w in SPACED_WORDS {
            if text[i..].starts_with(w) && reach[i + w.len()].is_none() {
                reach[i + w.len()] = Some(w.len());
            }
        }
    }
    let mut words = Vec::new();
    let mut end = n;
    while end > 0 {
        let len = reach[end]?;
        words.push(text[end - len..end].to_string());
        end -= len;
    }
    words.reverse();
    Some(words)
}

/// Runs of single letters ("A T T E S T A T I O N", a spaced title) joined into words: four
/// letters or more in a row make one word.
pub fn join_spaced<'a>(tokens: &[&'a str]) -> Vec<std::borrow::Cow<'a, str>> {
    use std::borrow::Cow;
    let mut out: Vec<Cow<'a, str>> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let run = tokens[i..]
            .iter()
            .take_while(|t| t.chars().count() == 1 && t.chars().all(char::is_alphanumeric))
            .count();
        if run >= 4 {
            // The gaps between the spaced words are lost: the run is cut at the words a cover
            // is recognised by, where they stand whole.
            let joined = tokens[i..i + run].concat();
            match segment(&joined) {
                Some(words) => out.extend(words.into_iter().map(Cow::Owned)),
                None => out.push(Cow::Owned(joined)),
            }
            i += run;
        } else {
            out.push(Cow::Borrowed(tokens[i]));
            i += 1;
        }
    }
    out
}

/// Collects the cover evidence of a page from its normalised tokens.
pub fn evidence(tokens: &[&str]) -> CoverEvidence {
    let joined = join_spaced(tokens);
    let tokens: Vec<&str> = joined.iter().map(|t| t.as_ref()).collect();
    let tokens = tokens.as_slice();
    let near = |i: usize, span: usize, words: &[&str]| {
        tokens[i + 1..tokens.len().min(i + 1 + span)]
            .iter()
            .any(|t| any_of(t, words))
    };
    // "Attestation d'enregistrement", "Accusé de renouvellement", "Récapitulatif de votre
    // demande de logement social", "Attestation de dépôt d'une demande de logement".
    // The words right after the head that make it another document's title ("certificat
    // médical établi pour la demande de logement", "attestation d'hébergement").
    const OTHER_TITLES: &[&str] = &[
        "medical",
        "medicale",
        "hebergement",
        "employeur",
        "travail",
        "salaire",
        "scolarite",
        "paiement",
        "droits",
        "loyer",
        "domicile",
        "grossesse",
        "naissance",
        "formation",
        "stage",
        "affiliation",
        "vie",
        "residence",
        "situation",
        "reussite",
        "inscrit",
    ];
    let title = tokens.iter().enumerate().any(|(i, t)| {
        if !any_of(t, TITLE_HEADS) || near(i, 3, OTHER_TITLES) {
            return false;
        }
        near(i, 5, &["enregistrement", "renouvellement"])
            // "Attestation de dépôt d'une demande de logement", "Accusé de réception de votre
            // demande de logement": the demande de logement itself, right after the head.
            || tokens[i + 1..tokens.len().min(i + 6)]
                .iter()
                .position(|t| any_of(t, &["inscription", "depot", "demande"]))
                .is_some_and(|k| near(i + 1 + k, 3, &["logement"]))
    }) || find_phrase(tokens, &["demande", "de", "logement"]).is_some_and(|i| {
        // "Votre demande de logement social a bien été enregistrée / renouvelée"
        tokens[i..tokens.len().min(i + 10)]
            .iter()
            .any(|t| any_of(t, &["enregistree", "renouvelee"]))
    });
    let number_word = |t: &str| fuzzy_eq(t, "numero") || matches!(t, "n" | "no" | "ne" | "num");
    let label = tokens.iter().enumerate().any(|(i, t)| {
        if !number_word(t) {
            return false;
        }
        let after = &tokens[i + 1..tokens.len().min(i + 4)];
        // "numéro unique", "n° unique départemental", "numéro d'enregistrement unique"; "numéro
        // un" when a stain eats the rest of the label
        after.iter().any(|a| fuzzy_eq(a, "unique"))
            || after.first().is_some_and(|a| a.len() >= 2 && "unique".starts_with(*a))
            // "n° de la demande", "numéro de demande", "numéro d'enregistrement"
            || matches!(after, [de, la, d, ..] if *de == "de" && *la == "la" && fuzzy_eq(d, "demande"))
            || matches!(after, [de, d, ..] if *de == "de" && fuzzy_eq(d, "demande"))
            || matches!(after, [d, e, ..] if *d == "d" && fuzzy_eq(e, "enregistrement"))
    });
    let mut context = 0;
    for phrase in CONTEXT {
        if let Some(i) = find_phrase(tokens, phrase) {
            // A job seeker ("demandeur d'emploi") says nothing of a demande de logement.
            let job = phrase == &["demandeur"]
                && tokens[i + 1..tokens.len().min(i + 3)]
                    .iter()
                    .any(|t| fuzzy_eq(t, "emploi"));
            if !job {
                context += 1;
            }
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
        // A job seeker's registration is not a demande de logement.
        assert!(!cover(
            "ATTESTATION D'INSCRIPTION\nFrance Travail certifie que M. Paul DURAND est inscrit \
             comme demandeur d'emploi depuis le 02/03/2024. Numéro d'identifiant : 1234567A",
            false
        ));
        assert!(!cover(
            "CERTIFICAT D'INSCRIPTION\nUniversité de Lille, année 2024-2025. Numéro étudiant",
            false
        ));
    }

    #[test]
    fn documents_written_for_the_demande_are_not_covers() {
        assert!(!cover(
            "CERTIFICAT MÉDICAL\nJe soussigné, Docteur Martin, certifie que l'état de santé de \
             Mme DURAND justifie sa demande de logement social en rez-de-chaussée.",
            false
        ));
        assert!(!cover(
            "ATTESTATION D'HÉBERGEMENT\nJe certifie héberger M. Paul DURAND, demandeur d'un \
             logement social, dans le cadre de sa demande de logement.",
            false
        ));
    }

    #[test]
    fn a_cover_whose_number_is_illegible_is_still_a_cover() {
        // A stain across the number: title and a word of the demande are enough.
        assert!(cover(
            "ATTESTATION D'ENREGISTREMENT\nDemande de logement social\nNuméro unique : \
             ▓▓▓▓ ▓▓▓",
            false
        ));
        // Title smudged: the label with the demande's wording around it.
        assert!(cover(
            "ATT▓▓▓▓ION ▓▓▓▓▓▓\nNuméro unique : ▓▓▓\nDate de dépôt : 12/03/2024\n\
             Votre demande de logement social doit être renouvelée chaque année.",
            false
        ));
    }

    #[test]
    fn an_attestation_whose_title_and_label_are_lost_is_known_by_its_wording() {
        // The title printed white on a dark band, unread; the label under a stain.
        assert!(cover(
            "DEMANDE DE LOGEMENT LOCATIF SOCIAL Formulaire 99285\nQUO CRAN TE\nNuméro un]\n\
             Nom de naissance\nEnregistrée le : 08/12/2024 Valable jusqu'au : 07/12/2025\n\
             La présente attestation justifie de l'existence de votre demande auprès des \
             bailleurs sociaux du département. Elle ne vaut pas attribution d'un logement.",
            false
        ));
        // A landlord's letter about the demande is not one.
        assert!(!cover(
            "Madame, votre demande de logement social a été examinée par la commission \
             d'attribution du 12 mars. Les bailleurs sociaux du département vous proposeront \
             un logement adapté.",
            false
        ));
    }

    #[test]
    fn covers_in_layouts_and_wordings_not_met_before() {
        // A renewal recap laid out as a table.
        assert!(cover(
            "RÉCAPITULATIF DE RENOUVELLEMENT | Demande de logement social\n\
             | Numéro d'enregistrement unique : | 093 0322 004512 AB12C |\n| Demandeur | MARTIN Léa |",
            true
        ));
        // A guichet's own letter, the label "N° de la demande", the number illegible.
        assert!(cover(
            "Accusé de réception de votre demande de logement\nN° de la demande : ??? \
             \nDate de dépôt : 03/02/2025\nService enregistreur : Mairie de Roubaix",
            false
        ));
        // A spaced title and label.
        assert!(cover(
            "A T T E S T A T I O N  D ' E N R E G I S T R E M E N T\n\
             N U M E R O  U N I Q U E  075 1220 123456 DGALN",
            true
        ));
        // "Numéro unique départemental" with the portal's confirmation wording.
        assert!(cover(
            "Votre demande de logement social a bien été enregistrée.\n\
             Numéro unique départemental : 0591224001234GDPUB",
            true
        ));
    }
}
