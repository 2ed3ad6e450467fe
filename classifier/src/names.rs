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

/// Whether every word of `name` (ignoring one-letter words) appears on the page. A name of
/// several words may also appear as a whole: its words run together, like as many words of the
/// page, within the slips a word of that length is allowed (a table border read into a short
/// part, as in "TJEAN-BAPTISTE", must not hide a compound name).
pub fn contains_name(page_tokens: &[&str], name: &str) -> bool {
    let wanted = name_tokens(name);
    if wanted.is_empty() {
        return false;
    }
    if wanted
        .iter()
        .all(|w| page_tokens.iter().any(|t| fuzzy_eq(t, w)))
    {
        return true;
    }
    let n = wanted.len();
    n > 1 && {
        let whole = wanted.concat();
        page_tokens
            .windows(n)
            .any(|run| fuzzy_eq(&run.concat(), &whole))
    }
}

/// Whether the page names someone by the other-gender form of `name` (Julie for Julien,
/// Louise for Louis, Jeanne for Jean, Danielle for Daniel) while `name` itself is not on it
/// word for word: the fuzzy match of [`contains_name`] takes such a pair for one name, and
/// spouses sharing a family name often bear such pairs.
pub fn other_gender_form(page_tokens: &[&str], name: &str) -> bool {
    let wanted = name_tokens(name);
    let gendered = |a: &str, b: &str| {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        short.len() >= 3
            && (long
                .strip_prefix(short)
                .is_some_and(|rest| matches!(rest, "e" | "ne" | "le" | "te" | "tte"))
                || (long.ends_with("ien")
                    && short.ends_with("ie")
                    && long[..long.len() - 1] == *short))
    };
    !wanted.is_empty()
        && !wanted.iter().all(|w| page_tokens.iter().any(|t| t == w))
        && wanted
            .iter()
            .any(|w| page_tokens.iter().any(|t| gendered(t, w)))
}

/// Labels after which a document prints the holder's family name.
const LABELS: &[&str] = &[
    "nom",
    "nom de naissance",
    "nom d usage",
    "nom de famille",
    "nom du demandeur",
    "demandeur",
    "demandeuse",
    "titulaire",
];

pub(crate) const CIVILITIES: &[&str] = &[
    "m",
    "mme",
    "mr",
    "mlle",
    "madame",
    "monsieur",
    "mademoiselle",
];

/// A line that is only a name label, possibly bilingual: "NOM / Surname", "Nom de naissance".
fn label_alone(line: &str) -> bool {
    let norm = normalize(line);
    let words: Vec<&str> = norm
        .split_whitespace()
        .filter(|w| !fuzzy_eq(w, "surname"))
        .collect();
    !words.is_empty() && words.len() <= 3 && LABELS.contains(&words.join(" ").as_str())
}

/// Checks the registry's nom against a page's text.
///
/// A mismatch is only declared on clear evidence: a `Nom : VALUE` line (or "Demandeur :",
/// "Titulaire :") whose value is a legible word far from the registry's nom (more than a third of
/// its letters differ: an OCR slip such as CHERTE for CHERIF is not a mismatch), while the
/// registry's nom appears nowhere on the page.
pub fn check(text: &str, nom: &str) -> NameCheck {
    let norm = normalize(text);
    let all: Vec<&str> = tokens(&norm);
    if contains_name(&all, nom) {
        return NameCheck::Confirmed;
    }
    let wanted = name_tokens(nom);
    let Some(main) = wanted.iter().max_by_key(|t| t.len()) else {
        return NameCheck::Unknown;
    };
    let mut verdict = NameCheck::Unknown;
    for word in labelled_names(text) {
        let tolerance = (main.len() / 3).max(1);
        if crate::text::bounded_distance(&word, main, tolerance) > tolerance {
            verdict = NameCheck::Mismatch;
        } else {
            return NameCheck::Unknown;
        }
    }
    verdict
}

/// Whether the text names a person the way a document names its holder: a `Nom : VALUE` line
/// (or the like) with a legible value, or a civility followed by a name in capitals
/// ("Madame Louise RENARD"). Used to stop reading a cover once its holder is named.
pub fn names_someone(text: &str) -> bool {
    let capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3 && w.chars().all(|c| !c.is_lowercase())
    };
    !labelled_names(text).is_empty()
        || text.lines().any(|line| {
            let mut words = line.split_whitespace();
            let first = normalize(words.next().unwrap_or(""));
            let first = first.trim().trim_end_matches('.');
            // "Madame Louise RENARD", or a table row read as "Nom CHEVALIER".
            (CIVILITIES.contains(&first) || matches!(first, "nom" | "demandeur" | "titulaire"))
                && words.take(4).any(capitals)
        })
}

/// Whether the first word of a line (civility aside) is in capitals.
fn in_capitals(line: &str) -> bool {
    line.split_whitespace()
        .find(|w| !CIVILITIES.contains(&normalize(w).trim().trim_end_matches('.')))
        .is_some_and(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        })
}

/// The family names printed after a name label: the first legible word of each value.
pub(crate) fn labelled_names(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        // "Nom : VALUE", or a label alone on its line ("NOM / Surname") above the value.
        // A value on the next line must be printed in capitals as names are ("NOM / Surname"
        // over "LEFÈVRE"): in a column layout the next line read may be anything else.
        let (label, value) = match line.split_once(':') {
            Some(pair) => pair,
            None if lines.get(i + 1).is_some_and(|next| in_capitals(next)) && label_alone(line) => {
                (*line, lines[i + 1])
            }
            None => continue,
        };
        let label = normalize(label);
        let label = label
            .split_whitespace()
            .filter(|w| !fuzzy_eq(w, "surname"))
            .collect::<Vec<_>>()
            .join(" ");
        if !LABELS
            .iter()
            .any(|l| label == *l || label.ends_with(&format!(" {l}")))
        {
            continue;
        }
        let value = normalize(value);
        let Some(word) = value.split_whitespace().find(|w| !CIVILITIES.contains(w)) else {
            continue;
        };
        // Labels read in a column ("Nom / Prénom / Date de naissance") are not values.
        const NOT_NAMES: &[&str] = &[
            "prenom",
            "prenoms",
            "date",
            "sexe",
            "adresse",
            "nationalite",
            "given",
            "names",
            "nom",
            "usage",
            "naissance",
        ];
        if word.len() < 3
            || !word.chars().all(|c| c.is_ascii_alphabetic())
            || NOT_NAMES.contains(&word)
        {
            continue;
        }
        found.push(word.to_string());
    }
    found
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
        assert_eq!(
            check("Nom : CHERTE", "Cherif"),
            NameCheck::Unknown,
            "an OCR slip is no mismatch"
        );
        assert_eq!(
            check("le demandeur désigné ci-dessus", "Cherif"),
            NameCheck::Unknown
        );
        assert_eq!(
            check("Demandeur : M. LEROY Paul", "Cherif"),
            NameCheck::Mismatch
        );
        assert_eq!(check("NOM / Surname\nLEROY", "Cherif"), NameCheck::Mismatch);
        assert_eq!(check("NOM / Suname\nLEROY", "Cherif"), NameCheck::Mismatch);
        // A label read alone in a column layout, then the next block's line: no evidence.
        assert_eq!(
            check("Demandeur\nBât. B, 1 boulevard Simone Veil", "Kaya"),
            NameCheck::Unknown
        );
    }

    #[test]
    fn a_compound_name_with_a_stray_letter_in_a_short_part_is_confirmed() {
        // A table border read into the name's first part.
        assert_eq!(
            check("Nom TJEAN-BAPTISTE\nPrénom Louis", "Jean-Baptiste"),
            NameCheck::Confirmed
        );
        // Another compound name is not.
        assert_ne!(
            check("Nom : JEAN-PIERRE", "Jean-Baptiste"),
            NameCheck::Confirmed
        );
    }

    #[test]
    fn tells_when_a_text_names_someone() {
        assert!(names_someone("Demandeur : Mme DUPONT Marie"));
        assert!(names_someone("Nom\nMARTIN"));
        assert!(names_someone(
            "Madame Louise RENARD\n18 avenue du Général de Gaulle"
        ));
        assert!(names_someone("M. Paul LEROY"));
        assert!(names_someone("Nom CHEVALIER"));
        assert!(!names_someone(
            "Madame,\nLa demande de logement social présentée"
        ));
        assert!(!names_someone("le demandeur désigné ci-dessus"));
        assert!(!names_someone("Numéro unique : 075 1220 123456 DGALN"));
    }
}
