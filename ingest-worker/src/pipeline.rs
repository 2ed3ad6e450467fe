//! From a batch file to plis with their pieces: intake (sandboxed child) → decode + OCR +
//! analysis on one thread per core (one warm Tesseract each) → pages back in order → plis cut at
//! each cover → pieces grouped and typed → outcome decided against the registry.
//!
//! Memory stays flat whatever the batch size: pages are decoded one per OCR thread, and only the
//! encoded images of the pli being assembled are kept.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use classifier::dates;
use classifier::grouping::{group_pages, PageFacts};
use classifier::holder::{self, HolderCheck, MrzHolder, Person, Role};
use classifier::mrz::MrzReading;
use classifier::names::{self, NameCheck};
use classifier::numero::Candidate;
use classifier::types::{self, Classification, REVIEW_BELOW};
use classifier::{analyze_page_with, PageKind};
use plan_de_classement::{NumeroUnique, Plan, TypeCode};
use serde::Serialize;

use crate::intake::{IntakeError, Item, PageStream};
use crate::ocr::Tesseract;
use crate::page::RawPage;

/// What the registry holds of these numbers: asked by the OCR threads while they read a cover,
/// to learn whether what they read confirms it. An error counts as "none".
pub type Known = Arc<dyn Fn(&[NumeroUnique]) -> Vec<KnownDemande> + Send + Sync>;

/// A demande the registry knows, as a cover must confirm it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownDemande {
    pub numero: NumeroUnique,
    pub nom: String,
    pub date_naissance: NaiveDate,
}

/// Whether a cover's text confirms the registry's demande: the applicant's name, or failing
/// that the date of birth, stands on it. Every reading needs it — the demandes of one guichet
/// and month are numbered in sequence, so one digit read wrong, even without a doubt, names a
/// neighbour's.
pub fn cover_confirms(text: &str, nom: &str, born: NaiveDate) -> bool {
    names::check(text, nom) == NameCheck::Confirmed
        || dates::shows_date(text, born.year(), born.month(), born.day())
}

/// Whether what was read of a cover is enough for [`decide`]: no reading is known (the pli is
/// not attached anyway), or the first known one is confirmed.
pub fn reading_settled(candidates: &[Candidate], known: &[KnownDemande], text: &str) -> bool {
    candidates
        .iter()
        .find_map(|c| known.iter().find(|k| k.numero == c.numero))
        .is_none_or(|k| cover_confirms(text, &k.nom, k.date_naissance))
}

/// An analysed page kept in its pli.
#[derive(Debug)]
pub struct PliPage {
    pub raw: RawPage,
    /// Clockwise rotation found by the analysis, on top of the page's own `/Rotate`.
    pub extra_rotation: u16,
    pub facts: PageFacts,
    /// OCR text: personal data, in memory only.
    pub text: String,
}

/// A pli as cut from the batch, before the registry is asked.
#[derive(Debug, Default)]
pub struct PliDraft {
    pub first_page: u32,
    pub last_page: u32,
    pub cover_page: Option<u32>,
    pub cover: Option<RawPage>,
    pub candidates: Vec<Candidate>,
    pub cover_text: String,
    pub pages: Vec<PliPage>,
    pub blank_pages: Vec<u32>,
    pub rejected_pages: Vec<(u32, String)>,
    /// Cut off the end of the previous pli: pieces of someone outside its household, with no
    /// attestation of their own ([`cut_strangers`]).
    pub cut_off: bool,
    /// The last pli of a batch file that did not arrive whole (truncated, repaired).
    pub damaged_file: bool,
}

/// What the registry knows of a demande.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemandeInfo {
    pub nom: String,
    pub prenom: String,
    pub date_naissance: NaiveDate,
    pub active: bool,
    /// The household declared with the demande, the applicant aside (may be empty: not known).
    pub menage: Vec<classifier::holder::Person>,
}

/// The outcome of a pli (the contract of the status endpoint and of `analyze`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Attached,
    UnknownNumero,
    DemandeRadiee,
    UnreadableCover,
    MissingCover,
    NeedsReview,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Attached => "attached",
            Outcome::UnknownNumero => "unknown_numero",
            Outcome::DemandeRadiee => "demande_radiee",
            Outcome::UnreadableCover => "unreadable_cover",
            Outcome::MissingCover => "missing_cover",
            Outcome::NeedsReview => "needs_review",
        }
    }
}

/// A piece of a pli: indices into [`PliDraft::pages`] and its type.
#[derive(Debug, Clone, PartialEq)]
pub struct PieceDraft {
    pub pages: Vec<usize>,
    pub type_code: Option<TypeCode>,
    pub confidence: f32,
    pub needs_review: bool,
    /// Whose piece it is, against the household (`Unknown` when the demande is not known).
    pub holder: HolderCheck,
    /// Why the piece must be checked, in French (shown to operators and guichets).
    pub check_reason: Option<String>,
    /// The machine-readable zone of an identity document, when one was read.
    pub mrz: Option<MrzReading>,
}

/// The reason given for a piece whose holder is outside the household.
pub const OUTSIDE_HOUSEHOLD: &str = "pièce au nom d'une autre personne que le ménage";

/// The decision on a pli.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub outcome: Outcome,
    pub numero: Option<NumeroUnique>,
    /// In French, for operators.
    pub reason: String,
    pub pieces: Vec<PieceDraft>,
}

/// A date as the holder check takes it: (year, month, day).
fn ymd(d: NaiveDate) -> (i32, u32, u32) {
    (d.year(), d.month(), d.day())
}

/// A member of the household as the registry declares it, as the holder check takes it.
pub fn member(m: &storage::registry_csv::MembreMenage) -> Person {
    use storage::registry_csv::Lien;
    Person {
        role: match m.lien {
            Lien::Conjoint => Role::Conjoint,
            Lien::Codemandeur => Role::Codemandeur,
            Lien::Enfant => Role::Enfant,
            Lien::Autre => Role::Autre,
        },
        nom: m.nom.clone(),
        prenom: m.prenom.clone(),
        date_naissance: Some(ymd(m.date_naissance)),
    }
}

/// The household of a demande as the holder check takes it: the applicant first.
pub fn household(demande: &DemandeInfo) -> Vec<Person> {
    let mut all = vec![Person {
        role: Role::Demandeur,
        nom: demande.nom.clone(),
        prenom: demande.prenom.clone(),
        date_naissance: Some(ymd(demande.date_naissance)),
    }];
    all.extend(demande.menage.iter().cloned());
    all
}

/// A valid machine-readable zone tells an identity document whatever the words around it said
/// (a passport's pages are full of other vocabulary): passport or card CID, residence permit TSJ.
fn with_mrz_type(c: Option<Classification>, mrz: Option<&MrzReading>) -> Option<Classification> {
    let Some(code) = mrz.filter(|m| m.valid).and_then(MrzReading::identity_type) else {
        return c;
    };
    let already = c
        .as_ref()
        .is_some_and(|c| c.type_code.as_str().starts_with(code));
    if already {
        return c;
    }
    Some(Classification {
        type_code: TypeCode::parse(code).expect("plan code"),
        confidence: 0.9,
    })
}

/// Types and checks one piece from its text (its pages' OCR, joined). With the demande known,
/// the holder is checked against the household: a member's identity document takes the type of
/// that member (the spouse's or co-applicant's: CIDC/TSJC), a piece of someone outside the
/// household is put aside with the reason.
pub fn check_piece(
    classification: Option<Classification>,
    text: &str,
    applicant: Option<&DemandeInfo>,
) -> PieceDraft {
    let Some(a) = applicant else {
        let mrz = classifier::mrz::find(text);
        let c = with_mrz_type(classification, mrz.as_ref()).map(types::holder_unknown);
        let confidence = c.as_ref().map_or(0.0, |c| c.confidence);
        return PieceDraft {
            pages: Vec::new(),
            needs_review: confidence < REVIEW_BELOW,
            type_code: c.map(|c| c.type_code),
            confidence,
            holder: HolderCheck::Unknown,
            check_reason: None,
            mrz,
        };
    };
    let mrz = classifier::mrz::find(text);
    let mrz_holder = mrz.as_ref().map(|m| MrzHolder {
        surname: m.surname.clone(),
        given_names: m.given_names.clone(),
        birth_date: m.birth_date,
        valid: m.valid,
    });
    let holder = holder::check(text, mrz_holder.as_ref(), &household(a));
    let classification = with_mrz_type(classification, mrz.as_ref());
    let mut check_reason = None;
    let c = classification.map(|cl| {
        let identity = matches!(cl.type_code.as_str(), "CID" | "TSJ" | "CIDC" | "TSJC");
        match holder.holder() {
            // A member's identity document, the member told apart by first name, date of
            // birth or MRZ: the type follows the member.
            Some(h) if identity && h.role.is_some() && !h.prenom.is_empty() => {
                let resident = matches!(cl.type_code.as_str(), "TSJ" | "TSJC");
                let code = match (h.role, resident) {
                    (Some(Role::Demandeur), false) => "CID",
                    (Some(Role::Demandeur), true) => "TSJ",
                    (Some(Role::Conjoint | Role::Codemandeur), false) => "CIDC",
                    (Some(Role::Conjoint | Role::Codemandeur), true) => "TSJC",
                    _ => {
                        check_reason =
                            Some("pièce d'identité d'un autre membre du ménage".to_string());
                        return Classification {
                            confidence: cl.confidence.min(REVIEW_BELOW - 0.1),
                            ..cl
                        };
                    }
                };
                Classification {
                    type_code: TypeCode::parse(code).expect("plan code"),
                    confidence: cl.confidence,
                }
            }
            _ => types::resolve_holder(cl, text, &a.nom, &a.prenom),
        }
    });
    let confidence = c.as_ref().map_or(0.0, |c| c.confidence);
    if holder.is_outside() {
        check_reason = Some(OUTSIDE_HOUSEHOLD.to_string());
    }
    PieceDraft {
        pages: Vec::new(),
        needs_review: confidence < REVIEW_BELOW || check_reason.is_some(),
        type_code: c.map(|c| c.type_code),
        confidence,
        holder,
        check_reason,
        mrz,
    }
}

/// Groups a pli's pages into typed pieces. The demande, when known, settles whose each piece is
/// ([`check_piece`]).
pub fn pieces_of(draft: &PliDraft, applicant: Option<&DemandeInfo>) -> Vec<PieceDraft> {
    let facts: Vec<PageFacts> = draft.pages.iter().map(|p| p.facts.clone()).collect();
    group_pages(&facts)
        .into_iter()
        .map(|g| {
            let text: String = g
                .pages
                .iter()
                .map(|&i| draft.pages[i].text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            PieceDraft {
                pages: g.pages,
                ..check_piece(g.classification, &text, applicant)
            }
        })
        .collect()
}

/// The demande a pli's cover points to, as [`decide`] will take it: the first reading the
/// registry knows.
fn demande_of<'r>(
    draft: &PliDraft,
    registry: &'r HashMap<NumeroUnique, DemandeInfo>,
) -> Option<&'r DemandeInfo> {
    draft
        .candidates
        .iter()
        .find_map(|c| registry.get(&c.numero))
}

/// Cuts off the pieces at the end of a pli that belong to someone outside the household of its
/// demande, with the pieces naming nobody around them: an envelope whose attestation is missing
/// follows the previous pli in the batch, and its pages must not be glued to it. A piece naming
/// nobody between the applicant's last piece and the stranger's may be either's: it goes aside
/// too. The tail becomes a pli of its own, without a cover (put aside as pages without an
/// attestation). A pli whose demande is unknown is left whole.
pub fn cut_strangers(
    mut draft: PliDraft,
    registry: &HashMap<NumeroUnique, DemandeInfo>,
) -> Vec<PliDraft> {
    let Some(demande) = demande_of(&draft, registry) else {
        return vec![draft];
    };
    let pieces = pieces_of(&draft, Some(demande));
    // The tail: the pieces after the last one naming a member, when one of them names someone
    // outside the household (whose the pieces naming nobody are, nobody can tell).
    let tail = pieces
        .iter()
        .rev()
        .take_while(|p| !matches!(p.holder, HolderCheck::Member(_)))
        .count();
    let tail = if pieces[pieces.len() - tail..]
        .iter()
        .any(|p| p.holder.is_outside())
    {
        tail
    } else {
        0
    };
    if tail == 0 {
        return vec![draft];
    }
    let from = pieces[pieces.len() - tail].pages[0];
    let first = draft.pages[from].raw.number;
    let pages = draft.pages.split_off(from);
    let (blank_tail, blank_head): (Vec<u32>, Vec<u32>) =
        draft.blank_pages.iter().partition(|&&n| n > first);
    let (rejected_tail, rejected_head): (Vec<_>, Vec<_>) = draft
        .rejected_pages
        .drain(..)
        .partition(|(n, _)| *n > first);
    let rest = PliDraft {
        first_page: first,
        last_page: draft.last_page,
        cover_page: None,
        cover: None,
        candidates: Vec::new(),
        cover_text: String::new(),
        pages,
        blank_pages: blank_tail,
        rejected_pages: rejected_tail,
        cut_off: true,
        // What a damaged file may have lost is the end: the tail's, not the head's.
        damaged_file: std::mem::take(&mut draft.damaged_file),
    };
    draft.last_page = draft
        .pages
        .iter()
        .map(|p| p.raw.number)
        .chain(blank_head.iter().copied())
        .chain(rejected_head.iter().map(|(n, _)| *n))
        .chain(draft.cover_page)
        .filter(|&n| n < first)
        .max()
        .unwrap_or(draft.first_page);
    draft.blank_pages = blank_head;
    draft.rejected_pages = rejected_head;
    vec![draft, rest]
}

/// Decides a pli's outcome. `registry` answers for the candidates read on the cover;
/// `existing` gives how many pieces of each type the demande already holds (for the limits).
pub fn decide(
    draft: &PliDraft,
    registry: &HashMap<NumeroUnique, DemandeInfo>,
    existing: &dyn Fn(&NumeroUnique, &TypeCode) -> u32,
    plan: &Plan,
) -> Decision {
    let undecided = |outcome, numero, reason: String| Decision {
        outcome,
        numero,
        reason,
        pieces: pieces_of(draft, None),
    };
    if draft.cover_page.is_none() {
        let reason = if draft.cut_off {
            "pages au nom d'une autre personne que le ménage de la demande précédente, sans \
             attestation d'enregistrement"
        } else {
            "pages sans attestation d'enregistrement en tête de pli"
        };
        return undecided(Outcome::MissingCover, None, reason.into());
    }
    if draft.candidates.is_empty() {
        return undecided(
            Outcome::UnreadableCover,
            None,
            "numéro unique illisible sur l'attestation".into(),
        );
    }
    if draft.damaged_file {
        let numero = draft.candidates.first().map(|c| c.numero.clone());
        return undecided(
            Outcome::NeedsReview,
            numero,
            "fichier du lot endommagé (tronqué ou réparé) : ce dernier pli peut être incomplet"
                .into(),
        );
    }
    let known: Vec<(&NumeroUnique, &DemandeInfo)> = draft
        .candidates
        .iter()
        .filter_map(|c| registry.get(&c.numero).map(|d| (&c.numero, d)))
        .collect();
    let Some(&(numero, demande)) = known.first() else {
        return undecided(
            Outcome::UnknownNumero,
            Some(draft.candidates[0].numero.clone()),
            "numéro unique inconnu du registre".into(),
        );
    };
    if known.iter().any(|(n, _)| *n != numero) {
        return undecided(
            Outcome::NeedsReview,
            Some(numero.clone()),
            "plusieurs numéros uniques connus lus sur l'attestation".into(),
        );
    }
    if !demande.active {
        return Decision {
            outcome: Outcome::DemandeRadiee,
            numero: Some(numero.clone()),
            reason: "la demande est radiée".into(),
            pieces: pieces_of(draft, Some(demande)),
        };
    }
    let pieces = pieces_of(draft, Some(demande));
    let decision = |outcome, reason: String| Decision {
        outcome,
        numero: Some(numero.clone()),
        reason,
        pieces: pieces.clone(),
    };
    let name = names::check(&draft.cover_text, &demande.nom);
    if name == NameCheck::Mismatch {
        return decision(
            Outcome::NeedsReview,
            "le nom lu sur l'attestation ne correspond pas au registre".into(),
        );
    }
    // Any reading may be a misread that happens to exist — the demandes of one guichet and
    // month are numbered in sequence, so one digit read wrong, even without a doubt, names a
    // neighbour's: only the applicant's name or date of birth on the cover confirms it.
    let best = &draft.candidates[0];
    let exact = best.numero == *numero && best.corrections == 0;
    if !cover_confirms(&draft.cover_text, &demande.nom, demande.date_naissance) {
        let how = if exact { "lu" } else { "lu avec corrections" };
        return decision(
            Outcome::NeedsReview,
            format!(
                "numéro unique {how}, non confirmé par le nom ni par la date de naissance du \
                 demandeur lus sur l'attestation"
            ),
        );
    }
    let mut counts: BTreeMap<&TypeCode, u32> = BTreeMap::new();
    for p in pieces.iter().filter(|p| !p.needs_review) {
        if let Some(t) = &p.type_code {
            *counts.entry(t).or_default() += 1;
        }
    }
    for (t, n) in counts {
        if let Some(pt) = plan.piece_type(t) {
            let total = n + existing(numero, t);
            if total > pt.limit {
                return decision(
                    Outcome::NeedsReview,
                    format!(
                        "limite dépassée pour {} ({}) : {} pièces pour {} autorisées",
                        pt.code, pt.label, total, pt.limit
                    ),
                );
            }
        }
    }
    decision(Outcome::Attached, String::new())
}

/// Progress and figures of a run.
#[derive(Debug, Default, Clone, Serialize)]
pub struct RunStats {
    pub pages: u32,
    pub blank_pages: Vec<u32>,
    pub rejected_pages: Vec<(u32, String)>,
    pub cover_pages: u32,
    pub cover_read_ms_total: u64,
    pub cover_read_ms_max: u64,
    /// What is wrong with the batch file as a whole (French): truncated, repaired.
    pub warnings: Vec<String>,
}

/// A page analysed, with the time it took.
struct Analyzed {
    raw: RawPage,
    analysis: classifier::PageAnalysis,
    took: Duration,
}

/// Runs the pipeline over a batch file, calling `on_pli` for each pli in order and
/// `on_page` after each page.
///
/// # Errors
/// [`IntakeError`] when the file cannot be read at all (not a PDF/TIFF, encrypted, truncated
/// before its first page…); pages that fail alone are reported in the plis.
pub fn run(
    exe: &Path,
    batch: &Path,
    threads: usize,
    known: Known,
    mut on_pli: impl FnMut(PliDraft) -> anyhow::Result<()>,
    mut on_page: impl FnMut(u32, Option<u32>),
) -> anyhow::Result<RunStats> {
    let stream = PageStream::open(exe, batch)?;
    let declared = stream.declared_pages;
    let warnings = stream.warnings.clone();
    let threads = threads.max(1);
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, Item)>(threads * 2);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) =
        mpsc::sync_channel::<(u64, Result<Analyzed, (u32, String)>)>(threads * 2);

    let reader = std::thread::spawn(move || -> Result<(), IntakeError> {
        for (seq, item) in stream.enumerate() {
            if work_tx.send((seq as u64, item?)).is_err() {
                break;
            }
        }
        Ok(())
    });
    let mut workers = Vec::new();
    for _ in 0..threads {
        let rx = Arc::clone(&work_rx);
        let tx = done_tx.clone();
        let known = Arc::clone(&known);
        workers.push(std::thread::spawn(move || -> anyhow::Result<()> {
            let mut ocr = Tesseract::new()?;
            loop {
                let next = rx.lock().expect("work queue").recv();
                let Ok((seq, item)) = next else { break };
                let result = match item {
                    Item::Rejected { number, reason } => Err((number, reason)),
                    Item::Page(raw) => analyze_one(&mut ocr, raw, &*known),
                };
                if tx.send((seq, result)).is_err() {
                    break;
                }
            }
            Ok(())
        }));
    }
    drop(done_tx);

    let mut stats = RunStats {
        warnings,
        ..RunStats::default()
    };
    let mut pending: BTreeMap<u64, Result<Analyzed, (u32, String)>> = BTreeMap::new();
    let mut next = 0u64;
    let mut current: Option<PliDraft> = None;
    let mut callback_error = None;
    for (seq, result) in done_rx.iter() {
        pending.insert(seq, result);
        while let Some(result) = pending.remove(&next) {
            next += 1;
            stats.pages += 1;
            if let Err(e) = assemble(result, &mut current, &mut stats, &mut on_pli) {
                callback_error = Some(e);
                break;
            }
            on_page(stats.pages, declared);
        }
        if callback_error.is_some() {
            break;
        }
    }
    drop(done_rx);
    for w in workers {
        w.join()
            .map_err(|_| anyhow::anyhow!("OCR thread panicked"))??;
    }
    let read = reader
        .join()
        .map_err(|_| anyhow::anyhow!("reader thread panicked"))?;
    if let Some(e) = callback_error {
        return Err(e);
    }
    read?;
    if let Some(mut pli) = current.take() {
        // A damaged file may have lost the end of its last pli: it is not filed as if whole.
        pli.damaged_file = !stats.warnings.is_empty();
        on_pli(pli)?;
    }
    Ok(stats)
}

/// Decodes, turns by the page's own `/Rotate` and analyses one page; a page that cannot be
/// read comes back as its number and the reason.
fn analyze_one(
    ocr: &mut Tesseract,
    raw: RawPage,
    known: &(dyn Fn(&[NumeroUnique]) -> Vec<KnownDemande> + Send + Sync),
) -> Result<Analyzed, (u32, String)> {
    // One registry lookup per cover, however many bands are read to confirm it.
    let mut looked_up: Option<(Vec<NumeroUnique>, Vec<KnownDemande>)> = None;
    let mut confirmed = |candidates: &[Candidate], text: &str| {
        let numeros: Vec<NumeroUnique> = candidates.iter().map(|c| c.numero.clone()).collect();
        if looked_up.as_ref().is_none_or(|(n, _)| *n != numeros) {
            let found = known(&numeros);
            looked_up = Some((numeros, found));
        }
        let (_, found) = looked_up.as_ref().expect("set above");
        reading_settled(candidates, found, text)
    };
    let started = Instant::now();
    let analysis = raw
        .image
        .decode_gray()
        .map_err(|e| e.to_string())
        .map(|g| match raw.rotate {
            90 => image::imageops::rotate90(&g),
            180 => image::imageops::rotate180(&g),
            270 => image::imageops::rotate270(&g),
            _ => g,
        })
        .and_then(|g| {
            let mut analysis = analyze_page_with(ocr, &g, &mut confirmed)
                .map_err(|e| format!("OCR impossible : {e}"))?;
            add_mrz(ocr, &g, &mut analysis);
            Ok(analysis)
        });
    match analysis {
        Ok(analysis) => Ok(Analyzed {
            raw,
            analysis,
            took: started.elapsed(),
        }),
        Err(reason) => Err((raw.number, reason)),
    }
}

/// An identity document's page whose text holds no valid machine-readable zone: the zone is
/// read apart (the document cropped from the page, its bottom third, with the zone's character
/// set) and added to the page's text, as deposits are read.
fn add_mrz(ocr: &mut Tesseract, page: &image::GrayImage, analysis: &mut classifier::PageAnalysis) {
    let PageKind::Document { scores, .. } = &analysis.kind else {
        return;
    };
    let identity = scores
        .best()
        .is_some_and(|c| matches!(c.type_code.as_str(), "CID" | "TSJ" | "CIDC" | "TSJC"));
    if !identity || classifier::mrz::find(&analysis.text).is_some_and(|m| m.valid) {
        return;
    }
    let upright = classifier::analyze::rotate(page, analysis.rotation);
    let document = crate::merge::crop_to_content(&upright).unwrap_or(upright);
    if let Some(zone) = crate::merge::read_mrz(ocr, &document, 0) {
        analysis.text.push('\n');
        analysis.text.push_str(&zone);
    }
}

fn assemble(
    result: Result<Analyzed, (u32, String)>,
    current: &mut Option<PliDraft>,
    stats: &mut RunStats,
    on_pli: &mut impl FnMut(PliDraft) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    fn open(current: &mut Option<PliDraft>, number: u32) -> &mut PliDraft {
        current.get_or_insert_with(|| PliDraft {
            first_page: number,
            last_page: number,
            ..PliDraft::default()
        })
    }
    match result {
        Err((number, reason)) => {
            stats.rejected_pages.push((number, reason.clone()));
            let pli = open(current, number);
            pli.last_page = number;
            pli.rejected_pages.push((number, reason));
        }
        Ok(Analyzed {
            raw,
            analysis,
            took,
        }) => {
            let number = raw.number;
            match analysis.kind {
                PageKind::Blank => {
                    stats.blank_pages.push(number);
                    let pli = open(current, number);
                    pli.last_page = number;
                    pli.blank_pages.push(number);
                }
                PageKind::Cover { candidates } => {
                    stats.cover_pages += 1;
                    let ms = took.as_millis() as u64;
                    stats.cover_read_ms_total += ms;
                    stats.cover_read_ms_max = stats.cover_read_ms_max.max(ms);
                    if let Some(done) = current.take() {
                        on_pli(done)?;
                    }
                    *current = Some(PliDraft {
                        first_page: number,
                        last_page: number,
                        cover_page: Some(number),
                        candidates,
                        cover_text: analysis.text,
                        cover: Some(raw),
                        ..PliDraft::default()
                    });
                }
                PageKind::Document { scores, cue } => {
                    let pli = open(current, number);
                    pli.last_page = number;
                    pli.pages.push(PliPage {
                        raw,
                        extra_rotation: analysis.rotation,
                        facts: PageFacts { scores, cue },
                        text: analysis.text,
                    });
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cover(numero: &str, corrections: u32, text: &str) -> PliDraft {
        PliDraft {
            first_page: 1,
            last_page: 1,
            cover_page: Some(1),
            candidates: vec![Candidate {
                numero: NumeroUnique::parse(numero).unwrap(),
                corrections,
                labelled: true,
                bbox: None,
            }],
            cover_text: text.into(),
            ..PliDraft::default()
        }
    }

    fn registry(active: bool) -> HashMap<NumeroUnique, DemandeInfo> {
        let info = DemandeInfo {
            nom: "Dupont".into(),
            prenom: "Marie".into(),
            date_naissance: NaiveDate::from_ymd_opt(1985, 3, 12).unwrap(),
            active,
            menage: Vec::new(),
        };
        HashMap::from([(NumeroUnique::parse("0751220123456DGALN").unwrap(), info)])
    }

    fn outcome(draft: &PliDraft, active: bool) -> Outcome {
        decide(draft, &registry(active), &|_, _| 0, &Plan::bundled()).outcome
    }

    /// A page of a piece with its text, typed from that text.
    fn page(number: u32, text: &str) -> PliPage {
        PliPage {
            raw: RawPage {
                number,
                image: crate::page::EncodedImage {
                    width: 1,
                    height: 1,
                    bits_per_component: 8,
                    components: 1,
                    encoding: crate::page::Encoding::Raw,
                    inverted: false,
                    data: vec![255],
                },
                rotate: 0,
                size_pt: (595.0, 842.0),
            },
            extra_rotation: 0,
            facts: PageFacts {
                scores: classifier::types::score_text(&classifier::text::normalize(text)),
                cue: None,
            },
            text: text.into(),
        }
    }

    fn with_household(
        mut registry: HashMap<NumeroUnique, DemandeInfo>,
    ) -> HashMap<NumeroUnique, DemandeInfo> {
        for d in registry.values_mut() {
            d.menage = vec![Person {
                role: Role::Conjoint,
                nom: "Benali".into(),
                prenom: "Karim".into(),
                date_naissance: Some((1983, 7, 1)),
            }];
        }
        registry
    }

    const PAYSLIP_MARIE: &str = "BULLETIN DE PAIE\nPériode du 01/03/2025 au 31/03/2025\n\
        Salarié : Mme DUPONT Marie\nSalaire de base 1 900,00\nCotisations salariales\n\
        Net à payer avant impôt sur le revenu 1 512,40";
    const PAYSLIP_STRANGER: &str = "BULLETIN DE PAIE\nPériode du 01/03/2025 au 31/03/2025\n\
        Salarié : M. GARNIER Thomas\nSalaire de base 2 100,00\nCotisations salariales\n\
        Net à payer avant impôt sur le revenu 1 690,10";
    const CARD_KARIM: &str = "RÉPUBLIQUE FRANÇAISE\nCARTE NATIONALE D'IDENTITÉ\n\
        Nom : BENALI\nPrénom(s) : Karim\nSexe : M Né(e) le : 01.07.1983\nà : LILLE";

    #[test]
    fn pieces_of_a_stranger_at_the_end_of_a_pli_are_cut_off_and_put_aside() {
        let mut draft = cover("0751220123456DGALN", 0, "DUPONT Marie");
        draft.pages = vec![page(2, PAYSLIP_MARIE), page(3, PAYSLIP_STRANGER)];
        draft.blank_pages = vec![4];
        draft.last_page = 4;
        let registry = with_household(registry(true));
        let parts = cut_strangers(draft, &registry);
        assert_eq!(parts.len(), 2, "the stranger's payslip is cut off");
        let (head, tail) = (&parts[0], &parts[1]);
        assert_eq!(
            (head.first_page, head.last_page, head.pages.len()),
            (1, 2, 1)
        );
        assert_eq!(
            (tail.first_page, tail.last_page, tail.pages.len()),
            (3, 4, 1)
        );
        assert_eq!(tail.blank_pages, vec![4]);
        let plan = Plan::bundled();
        let head = decide(head, &registry, &|_, _| 0, &plan);
        assert_eq!(head.outcome, Outcome::Attached);
        let tail = decide(tail, &registry, &|_, _| 0, &plan);
        assert_eq!(tail.outcome, Outcome::MissingCover);
        assert!(tail.reason.contains("autre personne"), "{}", tail.reason);
    }

    #[test]
    fn pieces_naming_nobody_around_a_stranger_s_are_cut_off_with_it() {
        let mut draft = cover("0751220123456DGALN", 0, "DUPONT Marie");
        let nameless = "AVIS D'IMPÔT SUR LES REVENUS\nRevenu fiscal de référence 21 450\n\
            Impôt sur le revenu net 1 204";
        draft.pages = vec![
            page(2, PAYSLIP_MARIE),
            page(3, PAYSLIP_STRANGER),
            page(4, nameless),
        ];
        draft.last_page = 4;
        let parts = cut_strangers(draft, &with_household(registry(true)));
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[1].first_page, parts[1].last_page), (3, 4));
        // Between the applicant's last piece and the stranger's, a piece naming nobody may be
        // either's: it goes aside with the stranger's.
        let mut draft = cover("0751220123456DGALN", 0, "DUPONT Marie");
        draft.pages = vec![
            page(2, PAYSLIP_MARIE),
            page(3, nameless),
            page(4, PAYSLIP_STRANGER),
        ];
        draft.last_page = 4;
        let parts = cut_strangers(draft, &with_household(registry(true)));
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[0].first_page, parts[0].last_page), (1, 2));
        assert_eq!((parts[1].first_page, parts[1].last_page), (3, 4));
        // A piece naming nobody before the applicant's own: it stays.
        let mut draft = cover("0751220123456DGALN", 0, "DUPONT Marie");
        draft.pages = vec![page(2, nameless), page(3, PAYSLIP_MARIE)];
        draft.last_page = 3;
        assert_eq!(
            cut_strangers(draft, &with_household(registry(true))).len(),
            1
        );
    }

    #[test]
    fn a_stranger_s_piece_inside_a_pli_goes_to_review_with_the_reason() {
        let mut draft = cover("0751220123456DGALN", 0, "DUPONT Marie");
        draft.pages = vec![page(2, PAYSLIP_STRANGER), page(3, PAYSLIP_MARIE)];
        draft.last_page = 3;
        let registry = with_household(registry(true));
        let parts = cut_strangers(draft, &registry);
        assert_eq!(parts.len(), 1);
        let d = decide(&parts[0], &registry, &|_, _| 0, &Plan::bundled());
        assert_eq!(d.pieces.len(), 2);
        assert!(d.pieces[0].needs_review);
        assert_eq!(d.pieces[0].check_reason.as_deref(), Some(OUTSIDE_HOUSEHOLD));
        assert!(!d.pieces[1].needs_review);
    }

    #[test]
    fn the_spouse_s_identity_card_is_typed_cidc_without_review() {
        let mut draft = cover("0751220123456DGALN", 0, "DUPONT Marie");
        draft.pages = vec![page(2, CARD_KARIM)];
        draft.last_page = 2;
        let registry = with_household(registry(true));
        let d = decide(&draft, &registry, &|_, _| 0, &Plan::bundled());
        assert_eq!(
            d.pieces[0].type_code.as_ref().map(TypeCode::as_str),
            Some("CIDC")
        );
        assert!(!d.pieces[0].needs_review, "{:?}", d.pieces[0]);
        assert_eq!(
            d.pieces[0].holder.holder().and_then(|h| h.role),
            Some(Role::Conjoint)
        );
    }

    #[test]
    fn outcomes_follow_the_registry() {
        let text = "Attestation d'enregistrement\nDemandeur : DUPONT Marie";
        assert_eq!(
            outcome(&cover("0751220123456DGALN", 0, text), true),
            Outcome::Attached
        );
        assert_eq!(
            outcome(&cover("0751220123456DGALN", 0, text), false),
            Outcome::DemandeRadiee
        );
        assert_eq!(
            outcome(&cover("0751220999999DGALN", 0, text), true),
            Outcome::UnknownNumero
        );
        let mut unreadable = cover("0751220123456DGALN", 0, text);
        unreadable.candidates.clear();
        assert_eq!(outcome(&unreadable, true), Outcome::UnreadableCover);
        let mut missing = cover("0751220123456DGALN", 0, text);
        missing.cover_page = None;
        assert_eq!(outcome(&missing, true), Outcome::MissingCover);
    }

    #[test]
    fn a_cover_is_settled_once_the_known_demande_s_name_or_birth_date_stands_on_it() {
        let c = cover("0751220123456DGALN", 0, "").candidates;
        let known = [KnownDemande {
            numero: NumeroUnique::parse("0751220123456DGALN").unwrap(),
            nom: "DUPONT".into(),
            date_naissance: NaiveDate::from_ymd_opt(1985, 3, 12).unwrap(),
        }];
        let head = "Attestation d'enregistrement\nNuméro unique 075 1220 123456 DGALN";
        assert!(!reading_settled(&c, &known, head), "read on");
        assert!(!reading_settled(
            &c,
            &known,
            &format!("{head}\nNom : LEROY")
        ));
        assert!(reading_settled(
            &c,
            &known,
            &format!("{head}\nNom : DUPONT")
        ));
        assert!(reading_settled(
            &c,
            &known,
            &format!("{head}\nNée le 12/03/1985")
        ));
        assert!(
            reading_settled(&c, &[], head),
            "nothing known: nothing to confirm"
        );
    }

    #[test]
    fn every_number_needs_the_name_and_a_contradicting_name_blocks() {
        let confirmed = "Attestation d'enregistrement\nNom : DUPONT";
        assert_eq!(
            outcome(&cover("0751220123456DGALN", 2, confirmed), true),
            Outcome::Attached
        );
        let silent = "Attestation d'enregistrement";
        assert_eq!(
            outcome(&cover("0751220123456DGALN", 2, silent), true),
            Outcome::NeedsReview
        );
        // Read without a doubt, but a digit read wrong so names a neighbour's demande: the
        // name (or the date of birth) must confirm it too.
        assert_eq!(
            outcome(&cover("0751220123456DGALN", 0, silent), true),
            Outcome::NeedsReview
        );
        assert_eq!(
            outcome(&cover("0751220123456DGALN", 0, confirmed), true),
            Outcome::Attached
        );
        let other = "Attestation d'enregistrement\nNom : LEROY";
        assert_eq!(
            outcome(&cover("0751220123456DGALN", 0, other), true),
            Outcome::NeedsReview
        );
    }

    #[test]
    fn the_date_of_birth_confirms_a_corrected_number_when_the_name_is_illegible() {
        let born = "Attestation d'enregistrement\nDemandeur\nDate de naissance 12/03/1985";
        assert_eq!(
            outcome(&cover("0751220123456DGALN", 2, born), true),
            Outcome::Attached
        );
        let other_date = "Attestation d'enregistrement\nDemandeur\nDate de naissance 21/03/1985";
        let d = decide(
            &cover("0751220123456DGALN", 2, other_date),
            &registry(true),
            &|_, _| 0,
            &Plan::bundled(),
        );
        assert_eq!(d.outcome, Outcome::NeedsReview);
        assert!(d.reason.contains("date de naissance"), "{}", d.reason);
        // The date does not outweigh a name that contradicts the registry.
        let contradicted = "Attestation d'enregistrement\nNom : LEROY\nNée le 12/03/1985";
        assert_eq!(
            outcome(&cover("0751220123456DGALN", 2, contradicted), true),
            Outcome::NeedsReview
        );
    }
}
