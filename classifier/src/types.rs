//! Page → type of the plan de classement, with a confidence.
//!
//! Each type has a lexicon of wordings drawn from many issuers (the data file
//! `plan-de-classement/lexicon.toml`, checked against the plan when a program starts): **titles** (what the document
//! calls itself), **strong** cues (terms that belong to that document and few others) and
//! **weak** cues (shared vocabulary). A page scores the sum of the distinct cues it contains,
//! matched word by word with tolerance for OCR slips; the confidence is the share of the best
//! score over the best two, damped when the evidence is thin. The identity types of the spouse
//! (`CIDC`, `TSJC`) read like the applicant's: [`resolve_holder`] decides from the names.

use std::sync::OnceLock;

use plan_de_classement::{Lexicon, TypeCode};

use crate::names;
use crate::text::{bounded_distance, find_phrase};

const TITLE: f32 = 4.0;
const STRONG: f32 = 2.0;
const WEAK: f32 = 1.0;

struct Entry {
    code: TypeCode,
    titles: Vec<Vec<String>>,
    strong: Vec<Vec<String>>,
    /// Issuers: scored as strong cues, never a heading's subject.
    issuers: Vec<Vec<String>>,
    weak: Vec<Vec<String>>,
}

struct Compiled {
    entries: Vec<Entry>,
    /// The lexicon compiled, for what is looked up in it as written (the derived types).
    source: Lexicon,
}

static LEXICON: OnceLock<Compiled> = OnceLock::new();

fn compile(lexicon: &Lexicon) -> Compiled {
    let split = |ps: &[String]| -> Vec<Vec<String>> {
        ps.iter()
            .map(|p| {
                crate::text::normalize(p)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect()
            })
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect()
    };
    Compiled {
        entries: lexicon
            .types
            .iter()
            .map(|t| Entry {
                code: t.code.clone(),
                titles: split(&t.titles),
                strong: split(&t.strong),
                issuers: split(&t.issuers),
                weak: split(&t.weak),
            })
            .collect(),
        source: lexicon.clone(),
    }
}

fn compiled() -> &'static Compiled {
    LEXICON.get_or_init(|| compile(&Lexicon::bundled()))
}

fn lexicon() -> &'static [Entry] {
    &compiled().entries
}

/// The lexicon was read before [`install_lexicon`] was called.
#[derive(Debug, thiserror::Error)]
#[error("le lexique du classifieur est déjà en service : il s'installe au démarrage, avant toute lecture")]
pub struct LexiconInUse;

/// Installs the lexicon pages are typed with (a deployment's own file, checked against its plan
/// by the caller); without it the bundled `lexicon.toml` is used. Call it once at start-up.
///
/// # Errors
/// [`LexiconInUse`] when a page was already typed with another lexicon.
pub fn install_lexicon(lexicon: &Lexicon) -> Result<(), LexiconInUse> {
    LEXICON.set(compile(lexicon)).map_err(|_| LexiconInUse)
}

/// The spouse's or co-applicant's type read through `code`'s cues (`CID` → `CIDC`).
fn spouse_type(code: &TypeCode) -> Option<&'static TypeCode> {
    compiled().source.derived_from(code)
}

/// The types the lexicon knows (every type of the plan but the spouse's identity types, which
/// [`resolve_holder`] derives).
pub fn known_types() -> Vec<TypeCode> {
    lexicon().iter().map(|e| e.code.clone()).collect()
}

/// The scores of one page (or of several pages summed).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores {
    /// Score per type, in lexicon order.
    pub by_type: Vec<(TypeCode, f32)>,
    /// The type whose title stands at the top of the page, if any.
    pub title: Option<TypeCode>,
    /// A heading naming a kind of document ("Historique des périodes d'inscription") stands at
    /// the page's head, whether or not the lexicon knows its subject.
    pub opens: bool,
}

/// A type with its confidence (0–1).
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    pub type_code: TypeCode,
    pub confidence: f32,
}

/// Below this confidence a piece is flagged for review rather than trusted.
pub const REVIEW_BELOW: f32 = 0.6;

fn as_refs(p: &[String]) -> Vec<&str> {
    p.iter().map(String::as_str).collect()
}

/// Scores a page from its normalised tokens. `top` is the number of leading tokens that count
/// as the page's head, where titles are looked for.
pub fn score(tokens: &[&str], top: usize) -> Scores {
    score_with(tokens, top, None)
}

/// Scores a normalised page text, knowing its lines: a title only counts as the page's title
/// when it opens a line (give or take a word such as "Objet :"), so "du présent bail" in a
/// sentence does not make a page a new lease.
pub fn score_text(normalized: &str) -> Scores {
    let mut tokens = Vec::new();
    let mut line_starts = Vec::new();
    for line in normalized.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if !words.is_empty() {
            line_starts.push(tokens.len());
            tokens.extend(words);
        }
    }
    score_with(&tokens, head_len(&tokens), Some(&line_starts))
}

fn score_with(tokens: &[&str], top: usize, line_starts: Option<&[usize]>) -> Scores {
    let opens_line = |at: usize| {
        line_starts.is_none_or(|starts| starts.iter().any(|&ls| at >= ls && at <= ls + 2))
    };
    // The last line of a page of several lines is its running footer ("Bail d'habitation"
    // under a signature page), not its title.
    let in_footer = |at: usize| {
        line_starts
            .is_some_and(|starts| starts.len() >= 4 && starts.last().is_some_and(|&l| at >= l))
    };
    let mut by_type = Vec::new();
    let mut title: Option<(TypeCode, usize)> = None;
    let mut title_at_top: Option<(TypeCode, usize, usize)> = None;
    for e in lexicon() {
        let mut s = 0.0;
        for t in &e.titles {
            if let Some(at) = find_phrase(tokens, &as_refs(t)) {
                // A title counts as one at the head of the page; further down ("présenté avec
                // le passeport") it is only a strong cue.
                let heading = at < top && opens_line(at) && !in_footer(at);
                s += if heading { TITLE } else { STRONG };
                if heading {
                    // Earliest, then longest title wins the head of the page.
                    let better = match &title_at_top {
                        None => true,
                        Some((_, a, len)) => at < *a || at == *a && t.len() > *len,
                    };
                    if better {
                        title_at_top = Some((e.code.clone(), at, t.len()));
                    }
                }
                if title.is_none() {
                    title = Some((e.code.clone(), at));
                }
            }
        }
        for p in e.strong.iter().chain(&e.issuers) {
            if find_phrase(tokens, &as_refs(p)).is_some() {
                s += STRONG;
            }
        }
        for p in &e.weak {
            if find_phrase(tokens, &as_refs(p)).is_some() {
                s += WEAK;
            }
        }
        by_type.push((e.code.clone(), s));
    }
    let heading = line_starts.and_then(|starts| heading_line(tokens, starts, top));
    let mut title = title_at_top.map(|(c, at, len)| (c, at, at + len));
    if let Some((from, to)) = heading {
        // A heading names the document by its subject, which French puts last: "Attestation
        // de paiement de retraite complémentaire" is a pension's, "Attestation de suivi de
        // grossesse" a pregnancy's. The last cue of the heading (title or strong) is the
        // page's title when the lexicon found none at the head, or when the title found there
        // is the heading's generic start.
        if let Some((code, end)) = heading_subject(&tokens[from..to], &by_type) {
            let replace = match &title {
                None => true,
                Some((c, at, title_end)) => {
                    *c != code && (from..to).contains(at) && from + end > *title_end
                }
            };
            if replace {
                title = Some((code, from, from + end));
            }
        }
    }
    Scores {
        by_type,
        opens: heading.is_some(),
        title: title.map(|(c, _, _)| c),
    }
}

/// Words a document's heading opens with: the kind of paper it is.
const DOCUMENT_KINDS: &[&str] = &[
    "acte",
    "arret",
    "assignation",
    "arrete",
    "attestation",
    "avenant",
    "avis",
    "bail",
    "bordereau",
    "bulletin",
    "carte",
    "certificat",
    "certification",
    "commandement",
    "contrat",
    "convention",
    "copie",
    "decision",
    "declaration",
    "echeancier",
    "etat",
    "extrait",
    "facture",
    "fiche",
    "historique",
    "jugement",
    "justificatif",
    "livret",
    "notification",
    "ordonnance",
    "passeport",
    "permis",
    "proces",
    "promesse",
    "quittance",
    "rapport",
    "recepisse",
    "releve",
    "signification",
    "titre",
];

/// The token range of the page's heading: among its first fourteen lines within its first half
/// (a letterhead, an address and a date may come first; not its running footer, the last of
/// four lines or more), the first short line (two to twelve words) opening with a kind of
/// document (after "Objet :" in a letter).
fn heading_line(tokens: &[&str], starts: &[usize], top: usize) -> Option<(usize, usize)> {
    let top = top.max(tokens.len() / 2);
    let ends = starts.iter().skip(1).copied().chain([tokens.len()]);
    let lines = if starts.len() >= 4 {
        starts.len() - 1
    } else {
        starts.len()
    };
    starts
        .iter()
        .copied()
        .zip(ends)
        .take(lines.min(14))
        .take_while(|&(from, _)| from < top)
        .find(|&(from, to)| {
            let line = &tokens[from..to];
            let line = line.strip_prefix(&["objet"]).unwrap_or(line);
            (2..=12).contains(&line.len()) && is_document_kind(line[0])
        })
}

/// A kind of document, read exactly or, from seven letters, with one slip ("rectification" is
/// two slips from "certification").
fn is_document_kind(word: &str) -> bool {
    DOCUMENT_KINDS
        .iter()
        .any(|k| word == *k || k.len() >= 7 && bounded_distance(word, k, 1) <= 1)
}

/// The type a heading names: the cue (title or strong) ending last in it — on a tie the longer,
/// then the type the whole page scores higher ("retraite complémentaire" is a pension's subject
/// and a payslip's contribution line) — with the end of that cue in the heading's tokens.
fn heading_subject(line: &[&str], page: &[(TypeCode, f32)]) -> Option<(TypeCode, usize)> {
    let mut best: Option<(&TypeCode, usize, usize, f32)> = None;
    for (e, (_, score)) in lexicon().iter().zip(page) {
        for p in e.titles.iter().chain(&e.strong) {
            let phrase = as_refs(p);
            let Some(at) = find_phrase(line, &phrase) else {
                continue;
            };
            let end = at + phrase.len();
            let key = (end, phrase.len(), *score);
            if best.is_none_or(|(_, e2, l2, s2)| {
                key.0 > e2 || key.0 == e2 && (key.1 > l2 || key.1 == l2 && key.2 > s2)
            }) {
                best = Some((&e.code, end, phrase.len(), *score));
            }
        }
    }
    best.map(|(c, end, _, _)| (c.clone(), end))
}

impl Scores {
    /// Adds another page's scores (for a piece of several pages).
    pub fn add(&mut self, other: &Scores) {
        if self.by_type.is_empty() {
            self.by_type = other.by_type.clone();
        } else {
            for (a, b) in self.by_type.iter_mut().zip(&other.by_type) {
                a.1 += b.1;
            }
        }
        if self.title.is_none() {
            self.title = other.title.clone();
        }
    }

    /// The best type with its confidence, or `None` when nothing matched.
    pub fn best(&self) -> Option<Classification> {
        let mut sorted: Vec<&(TypeCode, f32)> = self.by_type.iter().collect();
        // A title at the head of the page weighs as much again.
        let bonus = |c: &TypeCode| {
            if self.title.as_ref() == Some(c) {
                TITLE
            } else {
                0.0
            }
        };
        sorted.sort_by(|a, b| (b.1 + bonus(&b.0)).total_cmp(&(a.1 + bonus(&a.0))));
        let first = sorted.first()?;
        let s1 = first.1 + bonus(&first.0);
        if s1 <= 0.0 {
            return None;
        }
        let s2 = sorted.get(1).map_or(0.0, |s| s.1 + bonus(&s.0));
        // Share of the best two, damped when the evidence is thin (below ~8 points).
        let margin = s1 / (s1 + s2);
        let strength = (s1 / 8.0).min(1.0);
        let confidence = (margin * (0.5 + 0.5 * strength)).clamp(0.0, 1.0);
        Some(Classification {
            type_code: first.0.clone(),
            confidence,
        })
    }
}

/// Classifies a page's text.
pub fn classify(text: &str) -> Option<Classification> {
    score_text(&crate::text::normalize(text)).best()
}

/// How many leading tokens make a page's head (where its title stands).
pub fn head_len(tokens: &[&str]) -> usize {
    (tokens.len() / 4).clamp(30, 120)
}

/// An identity document of a pli whose applicant is not known (its cover unread, its number
/// unknown): whether it is the applicant's or the spouse's cannot be told, so a `CID`/`TSJ`
/// reading goes to review.
pub fn holder_unknown(c: Classification) -> Classification {
    match c.type_code.as_str() {
        "CID" | "TSJ" => Classification {
            confidence: c.confidence.min(0.5),
            ..c
        },
        _ => c,
    }
}

/// Identity documents read alike for the applicant and the spouse: a `CID`/`TSJ` whose
/// holder is clearly someone else than the applicant (the applicant's first name is absent while
/// the page is legible) becomes `CIDC`/`TSJC`; mentions of the spouse do too.
pub fn resolve_holder(c: Classification, text: &str, nom: &str, prenom: &str) -> Classification {
    let norm = crate::text::normalize(text);
    let tokens = crate::text::tokens(&norm);
    let Some(spouse_type) = spouse_type(&c.type_code) else {
        return c;
    };
    let spouse = || Classification {
        type_code: spouse_type.clone(),
        confidence: c.confidence,
    };
    // One slip at most: "cotitulaire" must not match the "titulaire" every card prints.
    let near = |t: &str, word: &str| bounded_distance(t, word, 1) <= 1;
    let mentions_spouse = tokens
        .iter()
        .any(|t| near(t, "conjoint") || near(t, "conjointe") || near(t, "cotitulaire"))
        || find_phrase(&tokens, &["co", "titulaire"]).is_some();
    if mentions_spouse {
        return spouse();
    }
    let has_prenom = names::contains_name(&tokens, prenom);
    let has_nom = names::contains_name(&tokens, nom);
    if has_prenom && names::other_gender_form(&tokens, prenom) {
        // "Julie" on the card of a pli whose applicant is Julien: the spouse's most likely,
        // or a letter lost by the OCR: an operator decides.
        return Classification {
            confidence: c.confidence.min(REVIEW_BELOW - 0.1),
            ..spouse()
        };
    }
    match (has_nom, has_prenom) {
        (_, true) => c,
        // Same family name, another first name: the spouse's document.
        (true, false) => Classification {
            confidence: c.confidence.min(0.8),
            ..spouse()
        },
        // A legible holder who is not the applicant: most likely the spouse's.
        (false, false) if names::check(text, nom) == names::NameCheck::Mismatch => Classification {
            confidence: c.confidence.min(0.7),
            ..spouse()
        },
        // Illegible holder: never guess.
        (false, false) => Classification {
            confidence: c.confidence.min(0.5),
            ..c
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(text: &str) -> (String, f32) {
        let c = classify(text).expect("something matched");
        (c.type_code.to_string(), c.confidence)
    }

    #[test]
    fn classifies_typical_wordings() {
        let cases = [
            ("BULLETIN DE SALAIRE\nPériode du 01/03/2026 au 31/03/2026\nSalaire de base 1 850,00\nCSG déductible\nNet à payer avant impôt 1 432,10", "FPAIE"),
            ("Direction générale des Finances publiques\nAVIS D'IMPÔT 2025 sur les revenus 2024\nRevenu fiscal de référence 23 456\nNombre de parts 2", "AVIS"),
            ("Caisse d'allocations familiales\nAttestation de paiement\nNuméro allocataire 1234567\nAide personnalisée au logement 245,00", "CAF"),
            ("QUITTANCE DE LOYER\nReçu de M. Martin la somme de 650 € pour le loyer et les charges du mois de mars", "JUSTL"),
            ("CONTRAT DE TRAVAIL À DURÉE INDÉTERMINÉE\nEntre la société X et M. Y\nPériode d'essai de deux mois\nRémunération brute mensuelle", "CTRAV"),
            ("France Travail\nAvis de paiement\nAllocation d'aide au retour à l'emploi\nJours indemnisés 30 Allocation journalière 41,20", "ARE"),
            ("Récépissé de dépôt de plainte\nGendarmerie nationale\nLa victime déclare des violences", "VIOL"),
        ];
        for (text, want) in cases {
            let (got, conf) = best(text);
            assert_eq!(got, want, "{text}");
            assert!(conf >= REVIEW_BELOW, "{text}: {conf}");
        }
    }

    #[test]
    fn a_bare_judgment_heading_leaves_the_type_to_the_content() {
        let eviction = "TRIBUNAL JUDICIAIRE DE LYON\nJUGEMENT\nLe bailleur demande la résiliation du bail \
                        et l'expulsion du locataire.\nPAR CES MOTIFS\nORDONNE l'expulsion des lieux, \
                        au besoin avec le concours de la force publique";
        assert_eq!(best(eviction).0, "EXPUL");
        let custody = "TRIBUNAL JUDICIAIRE DE NANTES\nJUGEMENT\nLe juge aux affaires familiales \
                       fixe la résidence habituelle des enfants chez la mère et accorde au père \
                       un droit de visite et d'hébergement";
        assert_eq!(best(custody).0, "JUGG");
    }

    #[test]
    fn an_enrolment_in_training_is_not_a_france_travail_registration() {
        let training = "Institut régional de formation\nATTESTATION D'INSCRIPTION EN FORMATION\n\
                        Nous attestons que Mme X suit le titre professionnel de secrétaire \
                        assistante du 02/03/2026 au 30/10/2026";
        assert_eq!(best(training).0, "ATFOR");
        let registration = "France Travail\nATTESTATION D'INSCRIPTION\nMme X est inscrite comme \
                            demandeur d'emploi depuis le 02/03/2026, catégorie 1";
        assert_eq!(best(registration).0, "ATPE");
    }

    #[test]
    fn a_medical_certificate_of_pregnancy_is_a_pregnancy_certificate() {
        let text =
            "Cabinet de gynécologie\nCERTIFICAT MÉDICAL DE GROSSESSE\nJe soussignée, docteur, \
                    certifie que la patiente est enceinte et que l'accouchement est prévu en mai";
        assert_eq!(best(text).0, "GROS");
        let plain = "CERTIFICAT MÉDICAL\nJe soussigné, docteur, certifie que l'état de santé de \
                     M. X nécessite un logement en rez-de-chaussée";
        assert_eq!(best(plain).0, "CERTMED");
    }

    #[test]
    fn thin_evidence_has_low_confidence() {
        let (_, conf) = best("montant 12,00 période");
        assert!(conf < REVIEW_BELOW, "{conf}");
        assert!(classify("lorem ipsum dolor").is_none());
    }

    #[test]
    fn spouse_identity_is_resolved_from_names() {
        let text = "CARTE NATIONALE D'IDENTITÉ\nNom : DURAND\nPrénoms : Paul";
        let c = Classification {
            type_code: TypeCode::parse("CID").unwrap(),
            confidence: 0.9,
        };
        assert_eq!(
            resolve_holder(c.clone(), text, "Durand", "Paul")
                .type_code
                .as_str(),
            "CID"
        );
        assert_eq!(
            resolve_holder(c.clone(), text, "Durand", "Marie")
                .type_code
                .as_str(),
            "CIDC"
        );
        assert_eq!(
            resolve_holder(c.clone(), text, "Martin", "Marie")
                .type_code
                .as_str(),
            "CIDC"
        );
        // Every card names its "titulaire": that is not the spouse's "cotitulaire".
        let card = format!("{text}\nSignature du titulaire\nAUTORISE SON TITULAIRE À TRAVAILLER");
        assert_eq!(
            resolve_holder(c.clone(), &card, "Durand", "Paul")
                .type_code
                .as_str(),
            "CID"
        );
        let named = format!("{text}\nCo-titulaire du bail");
        assert_eq!(
            resolve_holder(c.clone(), &named, "Durand", "Paul")
                .type_code
                .as_str(),
            "CIDC"
        );
        // A spouse bearing the other-gender form of the applicant's first name: the spouse's,
        // for review (it could be a letter the OCR lost).
        let julie = "CARTE NATIONALE D'IDENTITÉ\nNom : LE ROUX\nPrénom(s) : Julie, Jessica";
        let r = resolve_holder(c.clone(), julie, "Le Roux", "Julien");
        assert_eq!(r.type_code.as_str(), "CIDC");
        assert!(r.confidence < REVIEW_BELOW);
        for (page, applicant) in [
            ("Louise", "Louis"),
            ("Jeanne", "Jean"),
            ("Daniel", "Danielle"),
        ] {
            let text = format!("CARTE NATIONALE D'IDENTITÉ\nNom : DURAND\nPrénoms : {page}");
            let r = resolve_holder(c.clone(), &text, "Durand", applicant);
            assert_eq!(r.type_code.as_str(), "CIDC", "{page} for {applicant}");
        }
        // The applicant's own first name, word for word, settles it.
        assert_eq!(
            resolve_holder(c.clone(), julie, "Le Roux", "Julie")
                .type_code
                .as_str(),
            "CID"
        );
        assert_eq!(
            resolve_holder(
                c.clone(),
                "Nom : MARTIN\nPrénoms : Julien",
                "Martin",
                "Julien"
            )
            .confidence,
            0.9
        );
        assert!(holder_unknown(c.clone()).confidence < REVIEW_BELOW);
        let illegible = resolve_holder(c, "CARTE NATIONALE D'IDENTITÉ ####", "Martin", "Marie");
        assert_eq!(illegible.type_code.as_str(), "CID");
        assert!(illegible.confidence < REVIEW_BELOW);
    }
}
