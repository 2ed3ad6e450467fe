//! Whose piece is it? The household as the registry knows it, and the check of a piece's
//! holder against it.

use crate::dates;
use crate::names;
use crate::text::{normalize, tokens};

/// How a member of the household is related to the demande.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The applicant himself.
    Demandeur,
    Conjoint,
    Codemandeur,
    Enfant,
    Autre,
}

impl Role {
    /// The registry's word (`lien` column of the household file; `demandeur` for the applicant).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Demandeur => "demandeur",
            Role::Conjoint => "conjoint",
            Role::Codemandeur => "codemandeur",
            Role::Enfant => "enfant",
            Role::Autre => "autre",
        }
    }

    /// Parses a `lien` of the household file (`conjoint`, `codemandeur`, `enfant`, `autre`).
    pub fn parse_lien(s: &str) -> Option<Self> {
        match s {
            "conjoint" => Some(Role::Conjoint),
            "codemandeur" => Some(Role::Codemandeur),
            "enfant" => Some(Role::Enfant),
            "autre" => Some(Role::Autre),
            _ => None,
        }
    }
}

/// A person of the household: the applicant or a member declared with the demande.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub role: Role,
    pub nom: String,
    pub prenom: String,
    /// (year, month, day)
    pub date_naissance: Option<(i32, u32, u32)>,
}

/// Where the holder was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The machine-readable zone of an identity document (check digits verified).
    Mrz,
    /// The printed text.
    Texte,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Mrz => "mrz",
            Source::Texte => "texte",
        }
    }
}

/// The person a piece is about, as read. For a member found in the text, `prenom` is empty
/// when only the family name was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Their place in the household (`None`: not a member).
    pub role: Option<Role>,
    pub nom: String,
    pub prenom: String,
    pub date_naissance: Option<(i32, u32, u32)>,
    pub source: Source,
}

/// Whose piece it is, against the household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolderCheck {
    /// A member of the household is named as the piece's holder (or, failing a holder, named
    /// at all).
    Member(Holder),
    /// The piece names someone as its holder, legibly, and nobody of the household appears on
    /// it: never attached automatically.
    Outside(Holder),
    /// No name found: changes nothing.
    Unknown,
}

impl HolderCheck {
    pub fn holder(&self) -> Option<&Holder> {
        match self {
            HolderCheck::Member(h) | HolderCheck::Outside(h) => Some(h),
            HolderCheck::Unknown => None,
        }
    }

    pub fn is_outside(&self) -> bool {
        matches!(self, HolderCheck::Outside(_))
    }
}

/// What an identity document's machine-readable zone says of its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MrzHolder {
    pub surname: String,
    pub given_names: Vec<String>,
    pub birth_date: Option<(i32, u32, u32)>,
    /// Every check digit agrees.
    pub valid: bool,
}

/// Whether two names (as printed, any case and accents) are one, within OCR slips: every word
/// of `wanted` on the other side, or the words run together.
fn same_name(printed: &str, wanted: &str) -> bool {
    let norm = normalize(printed);
    let toks = tokens(&norm);
    names::contains_name(&toks, wanted)
}

/// Checks whose piece this is. `household` holds the applicant (role `Demandeur`) and the
/// members declared with the demande; `mrz` the machine-readable zone read on the piece, if any.
///
/// - A valid MRZ names the holder: a member when their date of birth and one of their names
///   agree (or both names), else outside the household.
/// - Otherwise the text: a member whose family name appears on the piece makes it theirs (the
///   one whose first name appears too, the applicant first); a legible holder's name ("Nom :",
///   "Titulaire :", a civility before a name in capitals) with no member's family name anywhere
///   on the piece makes it someone else's. Third parties (employer, host, landlord, judge) do
///   not count against the household as long as the holder appears.
pub fn check(text: &str, mrz: Option<&MrzHolder>, household: &[Person]) -> HolderCheck {
    let norm = normalize(text);
    let toks = tokens(&norm);
    if let Some(m) = mrz.filter(|m| m.valid && m.surname.len() >= 2) {
        let first = m.given_names.first().cloned().unwrap_or_default();
        let member = household.iter().find(|p| {
            let nom = same_name(&m.surname, &p.nom);
            let prenom = !first.is_empty() && same_name(&m.given_names.join(" "), &p.prenom);
            let born = m.birth_date.is_some() && m.birth_date == p.date_naissance;
            (born && (nom || prenom))
                || (nom && prenom && (m.birth_date.is_none() || p.date_naissance.is_none()))
        });
        return match member {
            Some(p) => HolderCheck::Member(Holder {
                role: Some(p.role),
                nom: m.surname.clone(),
                prenom: first,
                date_naissance: m.birth_date,
                source: Source::Mrz,
            }),
            None => HolderCheck::Outside(Holder {
                role: None,
                nom: m.surname.clone(),
                prenom: first,
                date_naissance: m.birth_date,
                source: Source::Mrz,
            }),
        };
    }
    // Members named on the piece: family name (and first name) found.
    let named: Vec<(&Person, bool)> = household
        .iter()
        .filter(|p| names::contains_name(&toks, &p.nom))
        .map(|p| (p, names::contains_name(&toks, &p.prenom)))
        .collect();
    let born = |p: &Person| {
        p.date_naissance
            .is_some_and(|(y, m, d)| dates::shows_date(text, y, m, d))
    };
    // A family name alone, read within an OCR slip, is a common word as often as a name
    // (BOYER and "loyer", CHARGE and "charges"): alone it must stand letter for letter.
    let page = format!(" {} ", toks.join(" "));
    let exactly = |p: &Person| {
        let wanted = tokens(&normalize(&p.nom)).join(" ");
        !wanted.is_empty() && page.contains(&format!(" {wanted} "))
    };
    let best = named
        .iter()
        .find(|(p, prenom)| *prenom && born(p))
        .or_else(|| named.iter().find(|(_, prenom)| *prenom))
        .or_else(|| named.iter().find(|(p, _)| exactly(p)))
        .map(|(p, _)| *p)
        .or_else(|| household.iter().find(|p| born(p)));
    if let Some(p) = best {
        // The first name only when the piece shows it (or the member's date of birth): a
        // family name alone does not tell spouses apart.
        let confirmed = named
            .iter()
            .any(|(q, prenom)| std::ptr::eq(*q, p) && *prenom)
            || born(p);
        return HolderCheck::Member(Holder {
            role: Some(p.role),
            nom: p.nom.clone(),
            prenom: if confirmed {
                p.prenom.clone()
            } else {
                String::new()
            },
            date_naissance: p.date_naissance,
            source: Source::Texte,
        });
    }
    match printed_holder(text) {
        Some((nom, prenom)) if !household.is_empty() => HolderCheck::Outside(Holder {
            role: None,
            nom,
            prenom,
            date_naissance: None,
            source: Source::Texte,
        }),
        _ => HolderCheck::Unknown,
    }
}

/// Words that follow a civility or a name label without being a name.
const NOT_NAMES: &[&str] = &[
    "le",
    "la",
    "les",
    "de",
    "du",
    "des",
    "et",
    "ou",
    "votre",
    "vous",
    "nom",
    "prenom",
    "prenoms",
    "date",
    "directeur",
    "directrice",
    "president",
    "presidente",
    "prefet",
    "maire",
    "juge",
    "docteur",
    "dr",
    "maitre",
    "agent",
    "conseiller",
    "conseillere",
    "responsable",
    "gerant",
    "gerante",
    "service",
    "societe",
    "sarl",
    "sas",
    "madame",
    "monsieur",
    "mademoiselle",
];

/// The holder's name as the piece prints it: a name label's value ("Nom : DUPONT", "Titulaire :
/// M. DUPONT Jean"), else a civility before a name in capitals ("Madame Léa DURAND", "M. DURAND
/// Léa"). `(nom, prénom)`, the prénom possibly empty.
pub fn printed_holder(text: &str) -> Option<(String, String)> {
    let legible = |w: &str| {
        let n = normalize(w);
        let n = n.trim();
        n.len() >= 3 && n.chars().all(|c| c.is_ascii_alphabetic()) && !NOT_NAMES.contains(&n)
    };
    if let Some(nom) = names::labelled_names(text).into_iter().find(|w| legible(w)) {
        return Some((nom.to_uppercase(), String::new()));
    }
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let civ = normalize(w);
            let civ = civ.trim().trim_end_matches('.');
            if !names::CIVILITIES.contains(&civ) || civ == "m" && !w.ends_with('.') {
                continue;
            }
            let rest = &words[i + 1..words.len().min(i + 4)];
            let capitals = |w: &&&str| {
                w.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    && !w.chars().any(char::is_lowercase)
                    && legible(w)
            };
            if let Some(nom) = rest.iter().find(capitals) {
                let prenom = rest
                    .iter()
                    .find(|w| {
                        w.chars().next().is_some_and(char::is_uppercase)
                            && w.chars().any(char::is_lowercase)
                            && legible(w)
                    })
                    .map_or(String::new(), |p| {
                        p.trim_matches(|c: char| !c.is_alphabetic()).to_string()
                    });
                let nom = nom
                    .trim_matches(|c: char| !c.is_alphabetic() && c != '-')
                    .to_string();
                return Some((nom, prenom));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn household() -> Vec<Person> {
        vec![
            Person {
                role: Role::Demandeur,
                nom: "Dupont".into(),
                prenom: "Marie".into(),
                date_naissance: Some((1985, 3, 12)),
            },
            Person {
                role: Role::Conjoint,
                nom: "Benali".into(),
                prenom: "Karim".into(),
                date_naissance: Some((1983, 7, 1)),
            },
            Person {
                role: Role::Enfant,
                nom: "Benali".into(),
                prenom: "Inès".into(),
                date_naissance: Some((2015, 1, 20)),
            },
        ]
    }

    fn role(text: &str) -> Option<Role> {
        match check(text, None, &household()) {
            HolderCheck::Member(h) => h.role,
            _ => None,
        }
    }

    #[test]
    fn a_family_name_one_slip_from_a_common_word_names_nobody_alone() {
        let household = [Person {
            role: Role::Demandeur,
            nom: "BOYER".into(),
            prenom: "Julie".into(),
            date_naissance: Some((1962, 11, 2)),
        }];
        // A rent notice to someone else: "Loyer" is no BOYER.
        let notice = "Finistère Habitat\nMonsieur Daniel YILMAZ\n47 rue de la Gare\n\
                      AVIS D'ÉCHÉANCE\nLoyer principal 710,67\nTOTAL À PAYER 635,61";
        assert!(check(notice, None, &household).is_outside());
        // Her own, her family name read letter for letter.
        let own = "Finistère Habitat\nMadame BOYER\nAVIS D'ÉCHÉANCE\nLoyer principal 710,67";
        assert!(matches!(
            check(own, None, &household),
            HolderCheck::Member(_)
        ));
    }

    #[test]
    fn the_member_named_with_both_names_holds_the_piece() {
        assert_eq!(
            role("BULLETIN DE PAIE\nSalarié : M. BENALI Karim\nEmployeur : SAS Logistique Nord"),
            Some(Role::Conjoint)
        );
        assert_eq!(
            role("Acte de naissance\nBENALI Inès, née le 20 janvier 2015"),
            Some(Role::Enfant)
        );
        assert_eq!(
            role("Avis d'impôt\nMme DUPONT Marie"),
            Some(Role::Demandeur)
        );
        // OCR slips in the name.
        assert_eq!(role("Nom : DUP0NT\nPrénom : Marle"), Some(Role::Demandeur));
    }

    #[test]
    fn third_parties_do_not_make_a_piece_someone_else_s() {
        // A host, a landlord: the holder appears too.
        let host = "ATTESTATION D'HÉBERGEMENT\nJe soussigné Monsieur Pierre MARTIN certifie \
                    héberger à mon domicile Madame Marie DUPONT depuis le 01/02/2023.";
        assert_eq!(role(host), Some(Role::Demandeur));
        let lease =
            "CONTRAT DE LOCATION\nBailleur : M. Jacques LEROY\nLocataire : Mme DUPONT Marie";
        assert_eq!(role(lease), Some(Role::Demandeur));
    }

    #[test]
    fn a_stranger_s_piece_is_outside_and_an_unnamed_one_unknown() {
        let payslip = "BULLETIN DE SALAIRE\nMonsieur Thomas GARNIER\n12 rue des Lilas 59000 Lille\nNet à payer 1 845,20";
        match check(payslip, None, &household()) {
            HolderCheck::Outside(h) => assert_eq!(h.nom, "GARNIER"),
            other => panic!("{other:?}"),
        }
        assert!(check("Nom : LEMAIRE\nPrénom : Sophie", None, &household()).is_outside());
        assert_eq!(
            check("Net à payer 1 845,20 €", None, &household()),
            HolderCheck::Unknown
        );
        // "Madame, Monsieur," opens a letter; it names nobody.
        assert_eq!(
            check(
                "Madame, Monsieur,\nNous avons le plaisir",
                None,
                &household()
            ),
            HolderCheck::Unknown
        );
        // No household known at all: nothing can be outside it.
        assert_eq!(check(payslip, None, &[]), HolderCheck::Unknown);
    }

    #[test]
    fn a_valid_mrz_names_the_holder() {
        let mrz = |surname: &str, given: &str, born| MrzHolder {
            surname: surname.into(),
            given_names: vec![given.into()],
            birth_date: Some(born),
            valid: true,
        };
        let spouse = mrz("BENALI", "KARIM", (1983, 7, 1));
        match check("", Some(&spouse), &household()) {
            HolderCheck::Member(h) => {
                assert_eq!((h.role, h.source), (Some(Role::Conjoint), Source::Mrz))
            }
            other => panic!("{other:?}"),
        }
        // The applicant's name printed on the page but another person's zone: outside.
        let stranger = mrz("GARNIER", "THOMAS", (1990, 5, 5));
        assert!(check("DUPONT Marie", Some(&stranger), &household()).is_outside());
        // An invalid zone is not trusted: the text decides.
        let bad = MrzHolder {
            valid: false,
            ..stranger
        };
        assert_eq!(
            check("Nom : DUPONT", Some(&bad), &household())
                .holder()
                .and_then(|h| h.role),
            Some(Role::Demandeur)
        );
    }
}
