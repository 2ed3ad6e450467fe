//! Grouping the consecutive pages of a pli into pieces.

use plan_de_classement::TypeCode;

use crate::types::{Classification, Scores, REVIEW_BELOW};

/// What grouping needs to know of a page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageFacts {
    pub scores: Scores,
    /// A "page k/n" cue read on the page.
    pub cue: Option<(u32, u32)>,
}

/// A piece: the indices of its pages (in the input slice) and its type.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub pages: Vec<usize>,
    pub classification: Option<Classification>,
}

impl Group {
    /// Whether an operator must confirm the type.
    pub fn needs_review(&self) -> bool {
        self.classification
            .as_ref()
            .is_none_or(|c| c.confidence < REVIEW_BELOW)
    }
}

/// Share of a page's best score the current piece's type must reach for a title-less page to
/// continue it.
const SHARED_VOCABULARY: f32 = 0.34;

/// A title-less page whose type is in doubt still breaks the piece when it scores at least this
/// confidence and the piece's type has less than this share of its best score.
const FOREIGN_CONFIDENCE: f32 = 0.45;
const FOREIGN_VOCABULARY: f32 = 0.15;

/// Splits pages into pieces. A page starts a new piece when
/// - it says "page 1/n", or has its own title at its head (two payslips in a row are two pieces),
/// - or it opens with a heading naming a kind of document and reads as another type,
/// - or it is confidently of another type than the piece so far;
///
/// it continues the current piece when it says "page k/n" with k > 1, or has no title and no
/// confident type of its own (a contract's second page, a signature page).
pub fn group_pages(pages: &[PageFacts]) -> Vec<Group> {
    let mut groups: Vec<(Vec<usize>, Scores, Option<(u32, u32)>)> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let continues = match groups.last() {
            None => false,
            Some((members, sum, first_cue)) => match page.cue {
                Some((k, _)) if k > 1 => true,
                Some((1, _)) => false,
                _ => {
                    // An announced page count not reached yet keeps the piece open.
                    let announced_open =
                        matches!(first_cue, Some((1, n)) if (members.len() as u32) < *n);
                    if announced_open {
                        true
                    } else if page.scores.title.is_some() {
                        false
                    } else {
                        let current = sum.best();
                        match (page.scores.best(), current) {
                            // A heading naming a kind of document the lexicon does not know
                            // ("Historique des périodes d'inscription") opens a new piece
                            // unless the page reads as the piece so far ("Extrait de la
                            // convention" in a divorce judgment).
                            (Some(p), Some(c))
                                if page.scores.opens && p.type_code != c.type_code =>
                            {
                                false
                            }
                            (Some(p), Some(c)) => {
                                // Without a title of its own, a page of another type breaks
                                // the piece only when it shares little of the piece's
                                // vocabulary: a contract's second page borrows words from many
                                // types but still reads as a contract.
                                let of = |t: &TypeCode| {
                                    page.scores
                                        .by_type
                                        .iter()
                                        .find(|(c, _)| c == t)
                                        .map_or(0.0, |(_, s)| *s)
                                };
                                // A page sharing next to nothing with the piece breaks it
                                // even when its own type is in doubt: a pregnancy
                                // certificate behind an identity card is not the card's back.
                                let confident = p.confidence >= REVIEW_BELOW
                                    && of(&c.type_code) < SHARED_VOCABULARY * of(&p.type_code);
                                let foreign = p.confidence >= FOREIGN_CONFIDENCE
                                    && of(&c.type_code) < FOREIGN_VOCABULARY * of(&p.type_code);
                                let other = p.type_code != c.type_code && (confident || foreign);
                                !other
                            }
                            _ => true,
                        }
                    }
                }
            },
        };
        if continues {
            let (members, sum, _) = groups.last_mut().expect("checked above");
            members.push(i);
            sum.add(&page.scores);
        } else {
            groups.push((vec![i], page.scores.clone(), page.cue));
        }
    }
    groups
        .into_iter()
        .map(|(pages, scores, _)| Group {
            pages,
            classification: scores.best(),
        })
        .collect()
}

/// Reads a "page k/n" cue ("Page 2/3", "page 2 sur 3", "2 / 3" alone on a line, "feuillet 2/3").
pub fn page_cue(text: &str) -> Option<(u32, u32)> {
    let lower = text.to_lowercase();
    let valid = |k: u32, n: u32| k >= 1 && n >= 2 && k <= n && n <= 50;
    for line in lower.lines() {
        let line = line.trim();
        for key in ["page", "feuillet", "pg"] {
            let mut from = 0;
            while let Some(pos) = line[from..].find(key) {
                let rest = &line[from + pos + key.len()..];
                if let Some((k, n)) = parse_fraction(rest) {
                    if valid(k, n) {
                        return Some((k, n));
                    }
                }
                from += pos + key.len();
            }
        }
        // A bare "2/3" line (typical footer).
        if line.len() <= 9 {
            if let Some((k, n)) = parse_fraction(line) {
                if valid(k, n) {
                    return Some((k, n));
                }
            }
        }
    }
    None
}

fn parse_fraction(s: &str) -> Option<(u32, u32)> {
    let s = s.trim_start_matches([' ', '.', ':', 'n', '°']);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let k: u32 = digits.parse().ok()?;
    let rest = s[digits.len()..].trim_start();
    let rest = rest
        .strip_prefix('/')
        .or_else(|| rest.strip_prefix("sur"))
        .or_else(|| rest.strip_prefix("of"))?
        .trim_start();
    let nd: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let n: u32 = nd.parse().ok()?;
    // Refuse dates like 01/03/2026.
    if rest[nd.len()..].starts_with('/') {
        return None;
    }
    Some((k, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;
    use crate::types::score_text;

    fn facts(text: &str) -> PageFacts {
        PageFacts {
            scores: score_text(&normalize(text)),
            cue: page_cue(text),
        }
    }

    #[test]
    fn reads_page_cues_but_not_dates() {
        assert_eq!(page_cue("Page 2/3"), Some((2, 3)));
        assert_eq!(page_cue("texte\npage 1 sur 2\n"), Some((1, 2)));
        assert_eq!(page_cue("  3 / 4 "), Some((3, 4)));
        assert_eq!(page_cue("Fait le 01/03/2026"), None);
        assert_eq!(page_cue("01/03"), Some((1, 3)));
        assert_eq!(page_cue("Montant 12/10"), None);
    }

    #[test]
    fn two_payslips_are_two_pieces_and_a_contract_stays_whole() {
        let pages = [
            facts("BULLETIN DE PAIE\nSalaire de base\nNet à payer"),
            facts("BULLETIN DE PAIE\nSalaire de base\nNet à payer"),
            facts("CONTRAT DE TRAVAIL\nEntre les soussignés\nPériode d'essai\nLe salarié"),
            facts("Article 5 - Horaires\nLa durée du travail est fixée à 35 heures."),
            facts("Fait à Lyon, en deux exemplaires\nSignature"),
            facts("QUITTANCE DE LOYER\nloyer charges"),
        ];
        let groups = group_pages(&pages);
        let shape: Vec<(Vec<usize>, String)> = groups
            .iter()
            .map(|g| {
                (
                    g.pages.clone(),
                    g.classification.as_ref().unwrap().type_code.to_string(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (vec![0], "FPAIE".into()),
                (vec![1], "FPAIE".into()),
                (vec![2, 3, 4], "CTRAV".into()),
                (vec![5], "JUSTL".into())
            ]
        );
    }

    #[test]
    fn a_signature_page_under_a_running_footer_stays_with_its_lease() {
        let pages = [
            facts("CONTRAT DE LOCATION\nLogement nu\nLe bailleur\nLe locataire\nLoyer mensuel"),
            facts("Villeurbanne, le 4 décembre 2023\nLe bailleur\nLe(s) locataire(s)\nSignature précédée de « lu et approuvé »\nBail d'habitation"),
            facts("BAIL D'HABITATION\nLe bailleur\nLe locataire"),
        ];
        let groups = group_pages(&pages);
        let members: Vec<Vec<usize>> = groups.iter().map(|g| g.pages.clone()).collect();
        assert_eq!(
            members,
            [vec![0, 1], vec![2]],
            "a title heading a page still opens a piece"
        );
    }

    #[test]
    fn a_heading_opens_a_piece_unless_the_page_reads_as_the_piece() {
        let types = |pages: &[PageFacts]| -> Vec<(Vec<usize>, String)> {
            group_pages(pages)
                .iter()
                .map(|g| {
                    let t = g.classification.as_ref().map(|c| c.type_code.to_string());
                    (g.pages.clone(), t.unwrap_or_default())
                })
                .collect()
        };
        // A pregnancy certificate whose title the lexicon lacks, behind a payslip: its heading
        // names its subject.
        let payslip = facts("BULLETIN DE PAIE\nSalaire de base\nCotisations\nNet à payer");
        let pregnancy = facts(
            "Groupe hospitalier\nMaternité\nATTESTATION DE SUIVI DE GROSSESSE\nPatiente : X\n\
             Nous attestons que Madame X est suivie dans notre établissement.\nLe praticien",
        );
        assert_eq!(
            types(&[payslip.clone(), pregnancy]),
            [(vec![0], "FPAIE".into()), (vec![1], "GROS".into())]
        );
        // A heading the lexicon does not know, on a page that reads as another type.
        let history = facts(
            "France Travail\nAgence Sud\nHistorique des périodes d'inscription\n\
             Identifiant France Travail 2910722G\nCatégorie 1\ndemandeur d'emploi",
        );
        let grouped = types(&[payslip, history]);
        assert_eq!(grouped.len(), 2, "{grouped:?}");
        // A section heading inside a divorce judgment stays in it.
        let judgment = facts(
            "JUGEMENT DE DIVORCE\nTribunal judiciaire\nLe juge aux affaires familiales\n\
             prononce le divorce des époux\nconvention de divorce",
        );
        let section = facts(
            "Extrait de la convention\nLes époux conviennent de la résidence alternée\n\
             prononce le divorce des époux\nà compter de la date du divorce.",
        );
        assert_eq!(types(&[judgment, section]).len(), 1);
    }

    #[test]
    fn a_page_sharing_nothing_with_the_piece_breaks_it_though_its_type_is_in_doubt() {
        let card = facts(
            "RÉPUBLIQUE FRANÇAISE\nCARTE NATIONALE D'IDENTITÉ\nNom : DUPONT\nPrénoms : Marie\n\
             Date de naissance 12.03.1985\nNationalité française",
        );
        // A certificate whose title sits below a long letterhead and whose words are shared
        // with other medical papers.
        let pregnancy = facts(
            "Docteur Sarah Noel\nGynécologie-obstétrique\n51 rue Victor Hugo\n44600 Saint-Nazaire\n\
             Tél. 04 92 19 70 90\nRPPS 36981616608\nSaint-Nazaire, le 10/11/2025\nTexte\nSuite\n\
             Encore\nLigne\nAutre\nDernière\nCERTIFICAT DE GROSSESSE\n\
             Je soussignée, Docteur, certifie avoir examiné Madame X, enceinte de 16 semaines \
             d'aménorrhée.",
        );
        let groups = group_pages(&[card, pregnancy]);
        assert_eq!(groups.len(), 2, "{groups:?}");
    }

    #[test]
    fn a_pension_heading_is_not_a_payslip() {
        let page = facts(
            "Caisse de retraite\nMonsieur X\n\
             ATTESTATION DE PAIEMENT DE RETRAITE COMPLÉMENTAIRE\nBénéficiaire : X\n\
             Date de paiement Brut Net payé\nVotre retraite complémentaire est versée mensuellement",
        );
        assert_eq!(
            group_pages(&[page])[0]
                .classification
                .as_ref()
                .map(|c| c.type_code.to_string()),
            Some("PENS".into())
        );
    }

    #[test]
    fn an_issuer_named_in_a_heading_is_not_its_subject() {
        let page = facts(
            "Mon FranceConnect\nCe justificatif a été créé le 03/02/2023\n\
             Justificatif d'inscription à Pôle emploi\nPrénom, NOM, date de naissance\n\
             Date d'inscription à Pôle emploi 01/02/2008\n\
             Ce justificatif permet de justifier de votre inscription à pôle emploi.",
        );
        assert_eq!(
            group_pages(&[page])[0]
                .classification
                .as_ref()
                .map(|c| c.type_code.to_string()),
            Some("ATPE".into())
        );
    }

    #[test]
    fn page_cues_override_titles() {
        let pages = [
            facts("AVIS D'IMPÔT\nRevenu fiscal de référence\nPage 1/2"),
            facts("AVIS D'IMPÔT\nDétail des revenus\nPage 2/2"),
        ];
        assert_eq!(group_pages(&pages).len(), 1);
    }
}
