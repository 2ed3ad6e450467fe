#![doc = include_str!("../README.md")]

mod cover;
mod data;
mod doc;
mod exam;
mod heldout;
mod output;
pub mod photo;
mod pieces;
mod raster;
mod traps;

use std::collections::{BTreeMap, HashSet};
use std::io::{Cursor, Seek, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};

use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use image::GrayImage;
use plan_de_classement::{CategoryCode, NumeroUnique, Plan, TypeCode};
use rand::rngs::SmallRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use data::{Foyer, Lien, Person, Sexe};
use doc::Doc;
use output::Encoded;
use raster::{Fonts, GlyphCache, Painter};

pub use raster::DEFAULT_FONT_DIR;

/// Container format of the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchFormat {
    Pdf,
    Tiff,
}

impl BatchFormat {
    /// File extension of the batch (`pdf` or `tif`).
    pub fn extension(self) -> &'static str {
        match self {
            BatchFormat::Pdf => "pdf",
            BatchFormat::Tiff => "tif",
        }
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// Number of plis (envelopes), including the cover-less one the batch may start with.
    pub plis: usize,
    pub seed: u64,
    pub format: BatchFormat,
    /// Scan resolution: 300 as the service does; 100–150 for fast tests.
    pub dpi: u32,
    /// Scanner defects (skew, speckle, grey paper, contrast, shadows). Rotated and blank pages
    /// are part of the batch's structure and stay when this is off.
    pub noise: bool,
    /// Render every piece and cover with the held-out templates (`corpus/heldout`, written
    /// independently of the classifier) instead of the usual ones; same structure and truth.
    pub heldout: bool,
    /// Render every piece and cover with the exam templates (`corpus/exam`, a third set
    /// written independently of the classifier and of the other two sets) instead of the usual
    /// ones; same structure and truth. Takes precedence over `heldout`.
    pub exam: bool,
    /// Traps (see the `traps` module): about one pli in five carries one — a stained, smeared
    /// or pleated number, a cover in a layout never met, turned or photocopied, a cover-less
    /// envelope of somebody else after a normal pli, the spouse's or a child's documents,
    /// third parties named on pieces. Off by default: the usual batches keep their meaning.
    pub traps: bool,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        Self {
            plis: 40,
            seed: 1,
            format: BatchFormat::Pdf,
            dpi: 300,
            noise: true,
            heldout: false,
            exam: false,
            traps: false,
        }
    }
}

/// What the intake pipeline should find for a pli.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectedOutcome {
    /// Cover number in the registry, demande active: pieces attached.
    Attached,
    /// Valid number that the registry does not know: review queue.
    UnknownNumero,
    /// Number of a `radiee` demande: review queue.
    DemandeRadiee,
    /// The number on the cover is blacked out / smudged: review queue.
    UnreadableCover,
    /// Pages with no cover before them: at the head of the batch, or (traps) an envelope whose
    /// attestation is missing, after another pli — review queue, never the pli before.
    MissingCover,
}

/// Whose document a piece is, relative to the demande it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The applicant (for a `missing_cover` pli: the person the pieces name).
    Demandeur,
    Conjoint,
    Codemandeur,
    Enfant,
    Autre,
}

impl From<Lien> for Role {
    fn from(l: Lien) -> Self {
        match l {
            Lien::Conjoint => Role::Conjoint,
            Lien::Codemandeur => Role::Codemandeur,
            Lien::Enfant => Role::Enfant,
            Lien::Autre => Role::Autre,
        }
    }
}

/// The member of the household a piece is about (its holder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub role: Role,
    pub nom: String,
    pub prenom: String,
}

/// One piece of a pli (pages 1-based, inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthPiece {
    pub first_page: u32,
    pub last_page: u32,
    pub category: CategoryCode,
    #[serde(rename = "type")]
    pub type_code: TypeCode,
    /// The household member the piece names as its holder (third parties it also names, a
    /// host or a landlord, are not holders).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<Holder>,
    /// A piece a trap added: `household` (the spouse's or a child's own document) or
    /// `third_party` (naming a host, a landlord, a signatory besides its holder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trap: Option<String>,
}

/// One pli: its page range (cover and blank backs included), cover, number and pieces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthPli {
    pub first_page: u32,
    pub last_page: u32,
    /// `None` for the `missing_cover` pli.
    pub cover_page: Option<u32>,
    /// The number printed on the cover (also for `unreadable_cover`, where it cannot be read);
    /// `None` for `missing_cover`.
    pub numero_unique: Option<NumeroUnique>,
    pub expected_outcome: ExpectedOutcome,
    /// The applicant (for `missing_cover`: the person the pieces name).
    pub nom: String,
    pub prenom: String,
    pub pieces: Vec<TruthPiece>,
    /// The traps this pli carries (`gen-corpus --traps`): `unreadable:stain`,
    /// `unreadable:smudge+label`, `layout:portal_print`, `rotated:90`, `upside_down`,
    /// `photocopy`, `missing_attestation`, `household:CIDC`, `third_party:BAIL`…
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub traps: Vec<String>,
}

/// A page scanned upside down or sideways (degrees clockwise of the scanned image relative to
/// upright).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthRotation {
    pub page: u32,
    pub degrees: u32,
}

/// The ground truth of a batch (written as `truth.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Truth {
    pub pages: u32,
    pub blank_pages: Vec<u32>,
    pub plis: Vec<TruthPli>,
    /// Extra information: the rotated pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rotations: Vec<TruthRotation>,
}

/// A generated batch held in memory.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The batch file (PDF or TIFF bytes).
    pub batch: Vec<u8>,
    /// The registry CSV.
    pub registry_csv: String,
    /// The households of the registry's demandes (`menage.csv`).
    pub menage_csv: String,
    pub truth: Truth,
}

/// What goes beside the batch file.
#[derive(Debug, Clone)]
pub struct Sidecars {
    /// The registry CSV ([`REGISTRY_HEADER`]).
    pub registry_csv: String,
    /// The households CSV ([`MENAGE_HEADER`]): one row per member other than the applicant.
    pub menage_csv: String,
    pub truth: Truth,
}

/// Header of the registry CSV.
pub const REGISTRY_HEADER: &str =
    "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot";

/// Header of the households CSV: the members of each demande's household other than the
/// applicant (`lien`: conjoint, codemandeur, enfant or autre).
pub const MENAGE_HEADER: &str = "numero_unique,lien,nom,prenom,date_naissance";

/// Generates a batch in memory.
pub fn generate(opts: &CorpusOptions) -> anyhow::Result<Corpus> {
    let mut cur = Cursor::new(Vec::new());
    let s = generate_into(opts, &mut cur)?;
    Ok(Corpus {
        batch: cur.into_inner(),
        registry_csv: s.registry_csv,
        menage_csv: s.menage_csv,
        truth: s.truth,
    })
}

/// Generates a batch straight into `batch_path` (pages are written as they are rendered);
/// returns the registry and households CSV and the truth.
pub fn generate_to(opts: &CorpusOptions, batch_path: &Path) -> anyhow::Result<Sidecars> {
    let file = std::fs::File::create(batch_path)
        .with_context(|| format!("cannot create {}", batch_path.display()))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let res = generate_into(opts, &mut w)?;
    w.flush()?;
    Ok(res)
}

/// Generates into any seekable writer.
pub fn generate_into<W: Write + Seek>(opts: &CorpusOptions, out: W) -> anyhow::Result<Sidecars> {
    anyhow::ensure!(opts.plis >= 1, "at least one pli is needed");
    anyhow::ensure!(
        (50..=600).contains(&opts.dpi),
        "dpi must be between 50 and 600"
    );
    let fonts = Fonts::load()?;
    let mut plan = plan(opts);
    resolve_holders(&mut plan, &fonts, opts.dpi);
    let registry_csv = registry_csv(&plan.registry)?;
    let menage_csv = menage_csv(&plan.registry)?;
    match opts.format {
        BatchFormat::Pdf => {
            let mut w = output::PdfWriter::new(out, opts.dpi)?;
            render_all(opts, &fonts, &plan.jobs, |e| w.add_page(&e))?;
            w.finish()?;
        }
        BatchFormat::Tiff => {
            let mut w = output::TiffWriter::new(out, opts.dpi)?;
            render_all(opts, &fonts, &plan.jobs, |e| w.add_page(&e))?;
            w.finish()?;
        }
    }
    Ok(Sidecars {
        registry_csv,
        menage_csv,
        truth: plan.truth,
    })
}

// ---------------------------------------------------------------------------------------------
// Planning: everything random about the batch structure, decided up front from the seed.

/// How a piece is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    Usual,
    /// Naming a third party besides its holder (a trap).
    ThirdParty,
}

#[derive(Clone)]
enum PageKind {
    Cover {
        foyer: Arc<Foyer>,
        renouv: bool,
        unreadable: bool,
        trap: Option<traps::CoverTrap>,
    },
    Piece {
        foyer: Arc<Foyer>,
        code: String,
        index: u32,
        pages: u32,
        content_seed: u64,
        variant: Variant,
    },
    Blank {
        show_through: bool,
    },
}

#[derive(Clone)]
struct PageJob {
    kind: PageKind,
    seed: u64,
    rotation: u32,
    bitonal: bool,
}

/// A row of the registry CSV, with the demande's household.
#[derive(Debug, Clone)]
struct RegistryRow {
    numero: String,
    nom: String,
    prenom: String,
    naissance: NaiveDate,
    radiee: bool,
    depot: NaiveDate,
    menage: Vec<(Lien, Person)>,
}

struct BatchPlan {
    truth: Truth,
    registry: Vec<RegistryRow>,
    jobs: Vec<PageJob>,
    /// The pages are drawn by the held-out templates.
    heldout: bool,
    /// The pages are drawn by the exam templates.
    exam: bool,
}

const GUICHETS: &[&str] = &[
    "DGALN", "GDPUB", "GDPUB", "GDPUB", "10691", "TESTK", "75ABC", "13HAB", "69LYH", "ALS01",
    "59LMH", "CCAS1", "PREF0", "33AQT", "BAIL3", "76HAB", "93OPH", "31TMH", "44NMH", "97SHL",
];

fn guichet_code(rng: &mut SmallRng, dep: &str) -> String {
    match rng.gen_range(0..10) {
        0..=5 => GUICHETS[rng.gen_range(0..GUICHETS.len())].to_string(),
        6 | 7 => {
            let d2: String = dep
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .skip(1)
                .take(2)
                .collect();
            let letters: String = (0..3)
                .map(|_| char::from(b'A' + rng.gen_range(0..26u8)))
                .collect();
            format!("{d2}{letters}")
        }
        8 => data::digits(rng, 5),
        _ => (0..5)
            .map(|_| char::from(b'A' + rng.gen_range(0..26u8)))
            .collect(),
    }
}

fn numero(rng: &mut SmallRng, dep: &str, depot: NaiveDate, guichet: &str) -> String {
    format!(
        "{}{:02}{:02}{}{}",
        dep,
        depot.month(),
        depot.year() % 100,
        data::digits(rng, 6),
        guichet
    )
}

fn nir(rng: &mut SmallRng, p: &data::Person, dep: &str) -> String {
    let s = if p.sexe == Sexe::M { 1 } else { 2 };
    let d2: String = if p.nat.is_some() {
        "99".into()
    } else {
        dep.chars().skip(1).take(2).collect()
    };
    format!(
        "{} {:02} {:02} {} {} {} {}",
        s,
        p.naissance.year() % 100,
        p.naissance.month(),
        d2,
        data::digits(rng, 3),
        data::digits(rng, 3),
        data::digits(rng, 2)
    )
}

/// Type weights for the pieces beyond the one-of-each deck.
fn weight(code: &str) -> u32 {
    match code {
        "FPAIE" => 8,
        "CID" | "AVIS" | "CAF" | "JUSTL" => 4,
        "TSJ" | "ACNE" | "LIVF" | "CTRAV" | "ATPE" | "HEBERG" => 2,
        _ => 1,
    }
}

fn foyer(
    rng: &mut SmallRng,
    today: NaiveDate,
    types: &[String],
    used: &mut HashSet<String>,
) -> Foyer {
    let has = |c: &str| types.iter().any(|t| t == c);
    let mut demandeur = data::person(rng, None, None, (1952, 2004));
    let wants_conjoint = has("CIDC") || has("TSJC") || rng.gen_bool(0.4);
    let mut conjoint = wants_conjoint.then(|| {
        let sexe = if demandeur.sexe == Sexe::F {
            Sexe::M
        } else {
            Sexe::F
        };
        let same = rng.gen_bool(0.65);
        let nom = same.then(|| demandeur.nom.clone());
        let y = demandeur.naissance.year();
        data::person(rng, nom.as_deref(), Some(sexe), (y - 8, (y + 8).min(2004)))
    });
    if has("GROS") && demandeur.sexe == Sexe::M && conjoint.is_none() {
        let nom = demandeur.nom.clone();
        conjoint = Some(data::person(rng, Some(&nom), Some(Sexe::F), (1985, 2003)));
    }
    if has("TSJ") && demandeur.nat.is_none() {
        demandeur.nat = Some(rng.gen_range(0..data::NATS.len()));
    }
    if let Some(c) = conjoint.as_mut() {
        if has("TSJC") && c.nat.is_none() {
            c.nat = Some(rng.gen_range(0..data::NATS.len()));
        }
        if c.prenom == demandeur.prenom {
            c.prenom = format!(
                "{}-{}",
                c.prenom,
                if c.sexe == Sexe::F { "Marie" } else { "Pierre" }
            );
        }
    }
    let mut n_enf = *data::pick(rng, &[0usize, 0, 1, 1, 2, 2, 3, 4]);
    if n_enf == 0 && (has("ACNE") || has("LIVF") || has("JUGG")) {
        n_enf = rng.gen_range(1..=2);
    }
    let young = demandeur.naissance.year().max(1975) + 18;
    let enfants = (0..n_enf)
        .map(|_| {
            let nom = if rng.gen_bool(0.85) {
                demandeur.nom.clone()
            } else {
                conjoint
                    .as_ref()
                    .map(|c| c.nom.clone())
                    .unwrap_or(demandeur.nom.clone())
            };
            let mut e = data::person(rng, Some(&nom), None, (young.min(2023), 2024));
            e.nat = None;
            e
        })
        .collect();
    let adresse = data::address(rng, None);
    let employeur = data::employer(rng, adresse.commune);
    let poste = *data::pick(rng, data::POSTES);
    let brut = (rng.gen_range(1_420.0..3_300.0f64) * 100.0).round() / 100.0;
    let embauche = data::date_between(rng, data::ymd(2008, 1, 1), data::add_months(today, -2));
    // the demande: registered between 2015 and last month, renewed for older ones
    let depot = if rng.gen_bool(0.75) {
        data::date_between(
            rng,
            data::add_months(today, -22),
            data::add_months(today, -1),
        )
    } else {
        data::date_between(rng, data::ymd(2015, 1, 1), data::add_months(today, -22))
    };
    let dep = adresse.commune.dep;
    let guichet = guichet_code(rng, dep);
    let mut num = numero(rng, dep, depot, &guichet);
    while !used.insert(num.clone()) {
        num = numero(rng, dep, depot, &guichet);
    }
    let nir_s = nir(rng, &demandeur, dep);
    Foyer {
        allocataire: data::digits(rng, 7),
        numero_fiscal: format!(
            "{} {} {} {} {}",
            data::digits(rng, 2),
            data::digits(rng, 2),
            data::digits(rng, 3),
            data::digits(rng, 3),
            data::digits(rng, 3)
        ),
        nir: nir_s,
        ident_ft: format!(
            "{}{}",
            data::digits(rng, 7),
            char::from(b'A' + rng.gen_range(0..26u8))
        ),
        demandeur,
        conjoint,
        lien_conjoint: Lien::Conjoint,
        enfants,
        autres: Vec::new(),
        adresse,
        employeur,
        poste,
        brut_mensuel: brut,
        embauche,
        numero: Some(num),
        date_depot: depot,
        attestation: depot,
        guichet,
        today,
    }
}

/// The household draws the documents do not depend on (how the second adult is declared, the
/// rare other member), from their own random stream so that the pages stay the same.
fn complete_household(rng: &mut SmallRng, f: &mut Foyer) {
    if let Some(c) = &f.conjoint {
        let unmarried = c.nom != f.demandeur.nom;
        f.lien_conjoint = if rng.gen_bool(if unmarried { 0.5 } else { 0.1 }) {
            Lien::Codemandeur
        } else {
            Lien::Conjoint
        };
    }
    if rng.gen_ratio(1, 12) {
        let members: Vec<Person> = household(f).into_iter().map(|(_, p)| p).collect();
        f.autres.push(autre(rng, &f.demandeur, &members));
    }
}

/// A parent, a sibling or a cousin living with the applicant.
fn autre(rng: &mut SmallRng, d: &Person, members: &[Person]) -> Person {
    let y = d.naissance.year();
    loop {
        let parent = rng.gen_bool(0.5);
        let same_name = parent || rng.gen_bool(0.5);
        let nom = same_name.then(|| d.nom.clone());
        let born = if parent {
            (y - 40, y - 18)
        } else {
            ((y - 12).min(2004), (y + 12).min(2006))
        };
        let p = data::person(rng, nom.as_deref(), None, born);
        if p.prenom != d.prenom && !members.iter().any(|m| m.prenom == p.prenom) {
            return p;
        }
    }
}

/// The members of a batch applicant's household other than the applicant.
fn household(f: &Foyer) -> Vec<(Lien, Person)> {
    let mut v = Vec::new();
    if let Some(c) = &f.conjoint {
        v.push((f.lien_conjoint, c.clone()));
    }
    v.extend(f.enfants.iter().map(|e| (Lien::Enfant, e.clone())));
    v.extend(f.autres.iter().map(|a| (Lien::Autre, a.clone())));
    v
}

/// A household for a demande whose documents are not in the batch.
fn random_household(rng: &mut SmallRng, d: &Person) -> Vec<(Lien, Person)> {
    let mut v = Vec::new();
    let y = d.naissance.year();
    if rng.gen_bool(0.35) {
        let sexe = if d.sexe == Sexe::F { Sexe::M } else { Sexe::F };
        let married = rng.gen_bool(0.6);
        let nom = married.then(|| d.nom.clone());
        let c = data::person(rng, nom.as_deref(), Some(sexe), (y - 8, (y + 8).min(2004)));
        let lien = if married || rng.gen_bool(0.5) {
            Lien::Conjoint
        } else {
            Lien::Codemandeur
        };
        v.push((lien, c));
    }
    let young = y.max(1975) + 18;
    for _ in 0..*data::pick(rng, &[0usize, 0, 1, 1, 2, 3]) {
        let mut e = data::person(rng, Some(&d.nom), None, (young.min(2023), 2024));
        e.nat = None;
        if e.prenom != d.prenom && !v.iter().any(|(_, m): &(Lien, Person)| m.prenom == e.prenom) {
            v.push((Lien::Enfant, e));
        }
    }
    if rng.gen_ratio(1, 15) {
        let members: Vec<Person> = v.iter().map(|(_, p)| p.clone()).collect();
        v.push((Lien::Autre, autre(rng, d, &members)));
    }
    v
}

/// Splits `n` by the rate: floor plus a Bernoulli draw on the fractional part.
fn share(rng: &mut SmallRng, n: usize, rate: f64) -> usize {
    let x = n as f64 * rate;
    let mut k = x.floor() as usize;
    if rng.gen_bool(x.fract().clamp(0.0, 1.0)) {
        k += 1;
    }
    k
}

fn plan(opts: &CorpusOptions) -> BatchPlan {
    let mut rng = SmallRng::seed_from_u64(opts.seed);
    // households' details no page depends on: their own stream, so that the pages of a seed
    // stay what they were before households were written
    let mut hh_rng = SmallRng::seed_from_u64(opts.seed ^ 0x6d65_6e61_6765);
    let plan = Plan::bundled();
    let types: Vec<(String, CategoryCode, TypeCode)> = plan
        .types()
        .map(|t| (t.code.to_string(), t.category.clone(), t.code.clone()))
        .collect();
    let today = data::ymd(2025, rng.gen_range(3..=11), rng.gen_range(1..=28));
    // traps: their own stream; the cover-less envelopes they add count among the plis
    let mut trng = SmallRng::seed_from_u64(opts.seed ^ 0x7472_6170_7321);
    let trap_deck = if opts.traps {
        traps::deck(&mut trng, opts.plis)
    } else {
        Vec::new()
    };
    let inserted = trap_deck
        .iter()
        .filter(|k| **k == traps::Kind::Missing)
        .count();
    let n = opts.plis - inserted;
    let forced = n >= 8 && opts.seed % 2 == 1;
    let missing = n >= 2 && (forced || rng.gen_ratio(1, 3));
    let covered = n - usize::from(missing);

    // outcomes of the covered plis
    let mut outcomes = Vec::with_capacity(covered);
    for (rate, o) in [
        (1.0 / 12.0, ExpectedOutcome::UnknownNumero),
        (1.0 / 15.0, ExpectedOutcome::DemandeRadiee),
        (1.0 / 20.0, ExpectedOutcome::UnreadableCover),
    ] {
        for _ in 0..share(&mut rng, covered, rate) {
            if outcomes.len() < covered {
                outcomes.push(o);
            }
        }
    }
    while outcomes.len() < covered {
        outcomes.push(ExpectedOutcome::Attached);
    }
    outcomes.shuffle(&mut rng);

    // piece counts, then types: one of each type first (shuffled), weighted draws after
    let counts: Vec<usize> = (0..covered)
        .map(|_| *data::pick(&mut rng, &[1usize, 2, 2, 3, 3, 3, 4, 4, 5]))
        .collect();
    let total: usize = counts.iter().sum();
    let codes: Vec<&str> = types.iter().map(|t| t.0.as_str()).collect();
    let mut deck: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    deck.shuffle(&mut rng);
    let weights: Vec<u32> = codes.iter().map(|c| weight(c)).collect();
    let wsum: u32 = weights.iter().sum();
    let mut slots: Vec<String> = deck.into_iter().take(total).collect();
    while slots.len() < total {
        let mut x = rng.gen_range(0..wsum);
        let mut i = 0;
        while x >= weights[i] {
            x -= weights[i];
            i += 1;
        }
        slots.push(codes[i].to_string());
    }
    slots.shuffle(&mut rng);

    // which covered plis carry which trap: the cover-less envelopes first (any pli may come
    // before one), then the damaged covers (on plis that would be attached), then the rest
    let first_covered = usize::from(missing);
    let mut pli_trap: Vec<Option<traps::Kind>> = vec![None; n];
    {
        let mut free: Vec<usize> = (first_covered..n).collect();
        free.shuffle(&mut trng);
        let mut order = trap_deck.clone();
        order.sort_by_key(|k| match k {
            traps::Kind::Missing => 0,
            traps::Kind::Unreadable => 1,
            _ => 2,
        });
        for mut kind in order {
            let attached = |i: usize| outcomes[i - first_covered] == ExpectedOutcome::Attached;
            let at = match kind {
                traps::Kind::Unreadable => free.iter().position(|&i| attached(i)),
                _ => None,
            };
            let at = match at {
                Some(at) => Some(at),
                None if free.is_empty() => None,
                None => {
                    if kind == traps::Kind::Unreadable {
                        kind = traps::Kind::Layout;
                    }
                    Some(0)
                }
            };
            if let Some(at) = at {
                pli_trap[free.remove(at)] = Some(kind);
            }
        }
    }
    let mut layouts: Vec<traps::Layout> = Vec::new();

    let mut used = HashSet::new();
    let mut registry = Vec::new();
    let mut jobs: Vec<PageJob> = Vec::new();
    let mut truth_plis = Vec::new();
    let mut blank_pages = Vec::new();
    let mut rotations = Vec::new();
    let category_of = |code: &str| -> (CategoryCode, TypeCode) {
        let t = types
            .iter()
            .find(|t| t.0 == code)
            .expect("type of the plan");
        (t.1.clone(), t.2.clone())
    };

    let push_page = |jobs: &mut Vec<PageJob>,
                     rng: &mut SmallRng,
                     kind: PageKind,
                     rotations: &mut Vec<TruthRotation>|
     -> u32 {
        let blank = matches!(kind, PageKind::Blank { .. });
        let rotation = if !blank && rng.gen_ratio(1, 20) {
            *data::pick(rng, &[180u32, 180, 90, 270])
        } else {
            0
        };
        let bitonal = rng.gen_ratio(1, 4);
        jobs.push(PageJob {
            kind,
            seed: rng.gen(),
            rotation,
            bitonal,
        });
        let page = jobs.len() as u32;
        if rotation != 0 {
            rotations.push(TruthRotation {
                page,
                degrees: rotation,
            });
        }
        page
    };
    let maybe_blank = |jobs: &mut Vec<PageJob>, rng: &mut SmallRng, blank_pages: &mut Vec<u32>| {
        if rng.gen_ratio(1, 12) {
            jobs.push(PageJob {
                kind: PageKind::Blank {
                    show_through: rng.gen_bool(0.4),
                },
                seed: rng.gen(),
                rotation: 0,
                bitonal: rng.gen_ratio(1, 4),
            });
            blank_pages.push(jobs.len() as u32);
        }
    };
    // one piece's pages (at most `cap`), then perhaps a blank back
    let add_piece = |jobs: &mut Vec<PageJob>,
                     rng: &mut SmallRng,
                     rotations: &mut Vec<TruthRotation>,
                     blank_pages: &mut Vec<u32>,
                     foyer: &Arc<Foyer>,
                     code: &str,
                     variant: Variant,
                     cap: u32|
     -> TruthPiece {
        let (lo, hi) = pieces::page_range(code);
        let pages = if hi > lo && rng.gen_bool(0.55) {
            rng.gen_range(lo + 1..=hi)
        } else {
            lo
        };
        let pages = pages.min(cap);
        let content_seed: u64 = rng.gen();
        let mut fp = 0;
        let mut lp = 0;
        for index in 0..pages {
            let p = push_page(
                jobs,
                rng,
                PageKind::Piece {
                    foyer: foyer.clone(),
                    code: code.to_string(),
                    index,
                    pages,
                    content_seed,
                    variant,
                },
                rotations,
            );
            if index == 0 {
                fp = p;
            }
            lp = p;
        }
        let (category, type_code) = category_of(code);
        maybe_blank(jobs, rng, blank_pages);
        TruthPiece {
            first_page: fp,
            last_page: lp,
            category,
            type_code,
            holder: None,
            trap: None,
        }
    };

    let mut slot_iter = slots.into_iter();
    for pli in 0..n {
        let is_missing = missing && pli == 0;
        let (outcome, ptypes): (ExpectedOutcome, Vec<String>) = if is_missing {
            let multi = ["BAIL", "CTRAV", "JUGG", "AVIS", "DIVOR", "EXPUL"];
            let single = ["FPAIE", "JUSTL", "CAF", "HEBERG", "ATPE", "CERTMED"];
            let c = if rng.gen_bool(0.5) {
                *data::pick(&mut rng, &multi)
            } else {
                *data::pick(&mut rng, &single)
            };
            (ExpectedOutcome::MissingCover, vec![c.to_string()])
        } else {
            let i = pli - usize::from(missing);
            let k = counts[i];
            (outcomes[i], slot_iter.by_ref().take(k).collect())
        };
        let trap = pli_trap[pli];
        let outcome = if trap == Some(traps::Kind::Unreadable) {
            ExpectedOutcome::UnreadableCover
        } else {
            outcome
        };
        let mut f = foyer(&mut rng, today, &ptypes, &mut used);
        complete_household(&mut hh_rng, &mut f);
        let renouv = (today - f.date_depot).num_days() > 365 && rng.gen_bool(0.6);
        if renouv {
            // last anniversary of the deposit
            let mut a = f.date_depot;
            while data::add_months(a, 12) < today {
                a = data::add_months(a, 12);
            }
            f.attestation = a;
        }
        let numero_s = f.numero.clone().unwrap_or_default();
        match outcome {
            ExpectedOutcome::Attached
            | ExpectedOutcome::UnreadableCover
            | ExpectedOutcome::DemandeRadiee => {
                registry.push(RegistryRow {
                    numero: numero_s.clone(),
                    nom: f.demandeur.nom.clone(),
                    prenom: f.demandeur.prenom.clone(),
                    naissance: f.demandeur.naissance,
                    radiee: outcome == ExpectedOutcome::DemandeRadiee,
                    depot: f.date_depot,
                    menage: household(&f),
                });
            }
            ExpectedOutcome::UnknownNumero => {
                if rng.gen_bool(0.5) {
                    // a near miss: same prefix and guichet, one digit off, someone else
                    let mut b: Vec<u8> = numero_s.clone().into_bytes();
                    let pos = rng.gen_range(7..13);
                    b[pos] = b'0' + ((b[pos] - b'0' + rng.gen_range(1..10)) % 10);
                    let near = String::from_utf8(b).unwrap_or_default();
                    if used.insert(near.clone()) {
                        let other = data::person(&mut rng, None, None, (1950, 2004));
                        let menage = random_household(&mut hh_rng, &other);
                        registry.push(RegistryRow {
                            numero: near,
                            nom: other.nom,
                            prenom: other.prenom,
                            naissance: other.naissance,
                            radiee: false,
                            depot: f.date_depot,
                            menage,
                        });
                    }
                }
            }
            ExpectedOutcome::MissingCover => {
                f.numero = None;
            }
        }
        // the cover's trap, and the pieces the trap adds
        let mut trap_names: Vec<String> = Vec::new();
        let mut cover_trap = None;
        let mut cover_rotation = None;
        let mut specs: Vec<(String, Variant, Option<&str>)> = ptypes
            .iter()
            .map(|c| (c.clone(), Variant::Usual, None))
            .collect();
        match trap {
            Some(traps::Kind::Unreadable) => {
                let damage = *[
                    traps::Damage::Stain,
                    traps::Damage::Smudge,
                    traps::Damage::Fold,
                ]
                .choose(&mut trng)
                .unwrap_or(&traps::Damage::Stain);
                cover_trap = Some(traps::CoverTrap {
                    layout: trng
                        .gen_bool(0.35)
                        .then(|| next_layout(&mut layouts, &mut trng)),
                    damage: Some(damage),
                    label_too: trng.gen_bool(0.35),
                    photocopy: false,
                });
            }
            Some(traps::Kind::Layout) => {
                let layout = next_layout(&mut layouts, &mut trng);
                let photocopy = trng.gen_bool(0.15);
                if trng.gen_bool(0.15) {
                    cover_rotation = Some(*[90u32, 270, 180].choose(&mut trng).unwrap_or(&180));
                }
                cover_trap = Some(traps::CoverTrap {
                    layout: Some(layout),
                    photocopy,
                    ..Default::default()
                });
            }
            Some(traps::Kind::Orientation) => {
                let (photocopy, rot) = match trng.gen_range(0..5) {
                    0 => (false, Some(90)),
                    1 => (false, Some(270)),
                    2 => (false, Some(180)),
                    3 => (true, None),
                    _ => (true, Some(*[180u32, 90].choose(&mut trng).unwrap_or(&180))),
                };
                cover_rotation = rot;
                cover_trap = Some(traps::CoverTrap {
                    photocopy,
                    ..Default::default()
                });
            }
            Some(traps::Kind::Household) | Some(traps::Kind::ThirdParty) => {
                let count = |c: &str| specs.iter().filter(|s| s.0 == c).count();
                let mut own: Vec<&str> = Vec::new();
                if trap == Some(traps::Kind::Household) {
                    if let Some(c) = &f.conjoint {
                        let code = if c.nat.is_some() && trng.gen_bool(0.5) {
                            "TSJC"
                        } else {
                            "CIDC"
                        };
                        if count(code) < 2 {
                            own.push(code);
                        }
                    }
                    if !f.enfants.is_empty() && count("ACNE") < 8 {
                        own.push("ACNE");
                    }
                    own.shuffle(&mut trng);
                    if own.len() > 1 && trng.gen_bool(0.6) {
                        own.truncate(1);
                    }
                }
                let added: Vec<(String, Variant, &str)> = if own.is_empty() {
                    let limit = |c: &str| if c == "BAIL" { 1 } else { 2 };
                    let ok: Vec<&str> = traps::THIRD_PARTY_TYPES
                        .iter()
                        .copied()
                        .filter(|c| *c == "FPAIE" || count(c) < limit(c))
                        .collect();
                    let code = *ok.choose(&mut trng).unwrap_or(&"FPAIE");
                    trap_names.push(format!("third_party:{code}"));
                    vec![(code.to_string(), Variant::ThirdParty, "third_party")]
                } else {
                    own.iter()
                        .map(|c| {
                            trap_names.push(format!("household:{c}"));
                            (c.to_string(), Variant::Usual, "household")
                        })
                        .collect()
                };
                for (code, variant, mark) in added {
                    let at = trng.gen_range(0..=specs.len());
                    specs.insert(at, (code, variant, Some(mark)));
                }
            }
            Some(traps::Kind::Missing) | None => {}
        }
        if let Some(t) = &cover_trap {
            trap_names.extend(t.names());
        }
        match cover_rotation {
            Some(90) => trap_names.push("rotated:90".into()),
            Some(270) => trap_names.push("rotated:270".into()),
            Some(180) => trap_names.push("upside_down".into()),
            _ => {}
        }
        let foyer = Arc::new(f);
        let first = jobs.len() as u32 + 1;
        let mut cover_page = None;
        if !is_missing {
            let p = push_page(
                &mut jobs,
                &mut rng,
                PageKind::Cover {
                    foyer: foyer.clone(),
                    renouv,
                    unreadable: outcome == ExpectedOutcome::UnreadableCover && cover_trap.is_none(),
                    trap: cover_trap,
                },
                &mut rotations,
            );
            if let Some(deg) = cover_rotation {
                set_rotation(&mut jobs, &mut rotations, p, deg);
            }
            cover_page = Some(p);
            maybe_blank(&mut jobs, &mut rng, &mut blank_pages);
        }
        let mut tpieces = Vec::new();
        for (code, variant, mark) in &specs {
            let r = if mark.is_some() { &mut trng } else { &mut rng };
            let cap = if is_missing { 2 } else { u32::MAX };
            let mut piece = add_piece(
                &mut jobs,
                r,
                &mut rotations,
                &mut blank_pages,
                &foyer,
                code,
                *variant,
                cap,
            );
            piece.trap = mark.map(str::to_string);
            tpieces.push(piece);
        }
        let last = jobs.len() as u32;
        truth_plis.push(TruthPli {
            first_page: first,
            last_page: last,
            cover_page,
            numero_unique: if is_missing {
                None
            } else {
                NumeroUnique::parse(&numero_s).ok()
            },
            expected_outcome: outcome,
            nom: foyer.demandeur.nom.clone(),
            prenom: foyer.demandeur.prenom.clone(),
            pieces: tpieces,
            traps: trap_names,
        });

        if trap == Some(traps::Kind::Missing) {
            // an envelope whose attestation is missing: somebody else's pieces, no cover
            let k = trng.gen_range(1..=3);
            let mut codes: Vec<String> = Vec::new();
            while codes.len() < k {
                let c = *traps::MISSING_TYPES.choose(&mut trng).unwrap_or(&"FPAIE");
                if c == "FPAIE" || !codes.iter().any(|x| x == c) {
                    codes.push(c.to_string());
                }
            }
            let taken: HashSet<String> = std::iter::once(foyer.demandeur.nom.clone())
                .chain(household(&foyer).into_iter().map(|(_, p)| p.nom))
                .collect();
            let mut g = loop {
                let g = self::foyer(&mut trng, today, &codes, &mut used);
                if !taken.contains(&g.demandeur.nom) {
                    break g;
                }
            };
            complete_household(&mut trng, &mut g);
            if trng.gen_bool(0.6) {
                // known to the registry under their own demande
                registry.push(RegistryRow {
                    numero: g.numero.clone().unwrap_or_default(),
                    nom: g.demandeur.nom.clone(),
                    prenom: g.demandeur.prenom.clone(),
                    naissance: g.demandeur.naissance,
                    radiee: false,
                    depot: g.date_depot,
                    menage: household(&g),
                });
            }
            g.numero = None;
            let g = Arc::new(g);
            let first = jobs.len() as u32 + 1;
            let mut tpieces = Vec::new();
            for code in &codes {
                tpieces.push(add_piece(
                    &mut jobs,
                    &mut trng,
                    &mut rotations,
                    &mut blank_pages,
                    &g,
                    code,
                    Variant::Usual,
                    2,
                ));
            }
            truth_plis.push(TruthPli {
                first_page: first,
                last_page: jobs.len() as u32,
                cover_page: None,
                numero_unique: None,
                expected_outcome: ExpectedOutcome::MissingCover,
                nom: g.demandeur.nom.clone(),
                prenom: g.demandeur.prenom.clone(),
                pieces: tpieces,
                traps: vec!["missing_attestation".into()],
            });
        }
    }

    // unrelated demandes, some sharing a name with the batch's applicants
    let extra = rng.gen_range(18..=22);
    let names: Vec<String> = registry.iter().map(|r| r.nom.clone()).collect();
    for _ in 0..extra {
        let nom = (!names.is_empty() && rng.gen_bool(0.3))
            .then(|| names[rng.gen_range(0..names.len())].clone());
        let p = data::person(&mut rng, nom.as_deref(), None, (1950, 2004));
        let c = *data::pick(&mut rng, data::COMMUNES);
        let depot = data::date_between(&mut rng, data::ymd(2015, 1, 1), today);
        let g = guichet_code(&mut rng, c.dep);
        let mut num = numero(&mut rng, c.dep, depot, &g);
        while !used.insert(num.clone()) {
            num = numero(&mut rng, c.dep, depot, &g);
        }
        let menage = random_household(&mut hh_rng, &p);
        registry.push(RegistryRow {
            numero: num,
            nom: p.nom,
            prenom: p.prenom,
            naissance: p.naissance,
            radiee: rng.gen_bool(0.15),
            depot,
            menage,
        });
    }
    registry.sort_by(|a, b| a.numero.cmp(&b.numero));

    BatchPlan {
        truth: Truth {
            pages: jobs.len() as u32,
            blank_pages,
            plis: truth_plis,
            rotations,
        },
        registry,
        jobs,
        heldout: opts.heldout,
        exam: opts.exam,
    }
}

/// The next cover layout of the traps: each once before any again.
fn next_layout(deck: &mut Vec<traps::Layout>, rng: &mut SmallRng) -> traps::Layout {
    if deck.is_empty() {
        deck.extend(traps::LAYOUTS);
        deck.shuffle(rng);
    }
    deck.pop().unwrap_or(traps::Layout::RenewalTable)
}

/// Forces the rotation of page `page` (1-based), keeping the truth's list in step.
fn set_rotation(jobs: &mut [PageJob], rotations: &mut Vec<TruthRotation>, page: u32, deg: u32) {
    if let Some(job) = jobs.get_mut(page as usize - 1) {
        job.rotation = deg;
    }
    rotations.retain(|r| r.page != page);
    rotations.push(TruthRotation { page, degrees: deg });
}

fn registry_csv(rows: &[RegistryRow]) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(REGISTRY_HEADER.split(','))?;
    for r in rows {
        w.write_record([
            r.numero.as_str(),
            r.nom.as_str(),
            r.prenom.as_str(),
            &data::d_iso(r.naissance),
            if r.radiee { "radiee" } else { "active" },
            &r.numero[0..3],
            &r.numero[13..18],
            &data::d_iso(r.depot),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn menage_csv(rows: &[RegistryRow]) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(MENAGE_HEADER.split(','))?;
    for r in rows {
        for (lien, p) in &r.menage {
            w.write_record([
                r.numero.as_str(),
                lien.as_str(),
                p.nom.as_str(),
                p.prenom.as_str(),
                &data::d_iso(p.naissance),
            ])?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// Fills each truth piece's holder: the piece is laid out once without painting, and its
/// renderer says whom it chose (the applicant unless it says otherwise).
fn resolve_holders(plan: &mut BatchPlan, fonts: &Fonts, dpi: u32) {
    let mut holders = std::collections::HashMap::new();
    let mut img = GrayImage::new(1, 1);
    let mut cache = GlyphCache::default();
    for (i, job) in plan.jobs.iter().enumerate() {
        let PageKind::Piece {
            foyer,
            code,
            index: 0,
            pages,
            content_seed,
            variant,
        } = &job.kind
        else {
            continue;
        };
        let painter = Painter {
            img: &mut img,
            fonts,
            cache: &mut cache,
        };
        let content = SmallRng::seed_from_u64(*content_seed);
        let mut d = Doc::new(painter, content, dpi, u32::MAX, *pages);
        if *variant == Variant::ThirdParty {
            traps::render_third_party(&mut d, foyer, code);
        } else if plan.exam {
            exam::render_piece(&mut d, foyer, code);
        } else if plan.heldout {
            heldout::render_piece(&mut d, foyer, code);
        } else {
            pieces::render_piece(&mut d, foyer, code);
        }
        let subject = d.subject.take();
        holders.insert(i as u32 + 1, holder_of(foyer, subject.as_ref()));
    }
    for pli in &mut plan.truth.plis {
        for piece in &mut pli.pieces {
            piece.holder = holders.remove(&piece.first_page);
        }
    }
}

/// The household role of `subject` (the applicant when `None`).
fn holder_of(f: &Foyer, subject: Option<&Person>) -> Holder {
    let p = subject.unwrap_or(&f.demandeur);
    let role = if p.same(&f.demandeur) {
        Role::Demandeur
    } else {
        household(f)
            .into_iter()
            .find(|(_, m)| m.same(p))
            .map(|(l, _)| Role::from(l))
            .unwrap_or(Role::Autre)
    };
    Holder {
        role,
        nom: p.nom.clone(),
        prenom: p.prenom.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering

fn a4_px(dpi: u32) -> (u32, u32) {
    let w = (210.0 / 25.4 * dpi as f64).round() as u32;
    let h = (297.0 / 25.4 * dpi as f64).round() as u32;
    (w, h)
}

/// Renders one page (clean, then degraded); returns the image and the bitonal threshold.
fn render_page(
    job: &PageJob,
    opts: &CorpusOptions,
    fonts: &Fonts,
    cache: &mut GlyphCache,
) -> (GrayImage, u8) {
    let (w, h) = a4_px(opts.dpi);
    let mut img = GrayImage::from_pixel(w, h, image::Luma([255]));
    let mut rng = SmallRng::seed_from_u64(job.seed);
    // a trap's own draws, so that the page's usual ones stay what they are
    let mut trng = SmallRng::seed_from_u64(job.seed ^ 0x6461_6d61_6765);
    let mut damage = None;
    let mut photocopy = false;
    {
        let painter = Painter {
            img: &mut img,
            fonts,
            cache,
        };
        match &job.kind {
            PageKind::Cover {
                foyer,
                renouv,
                unreadable,
                trap,
            } => {
                let content = SmallRng::seed_from_u64(job.seed ^ 0x5eed_c0fe_u64);
                let mut d = Doc::new(painter, content, opts.dpi, 0, 1);
                if let Some(t) = trap {
                    let boxes = match t.layout {
                        Some(l) => traps::render_cover(&mut d, foyer, *renouv, l),
                        None => cover::render_cover(&mut d, foyer, *renouv, *unreadable),
                    };
                    damage = t.damage.map(|dm| (dm, t.label_too, boxes));
                    photocopy = t.photocopy;
                } else if opts.exam {
                    exam::render_cover(&mut d, foyer, *renouv, *unreadable);
                } else if opts.heldout {
                    heldout::render_cover(&mut d, foyer, *renouv, *unreadable);
                } else {
                    cover::render_cover(&mut d, foyer, *renouv, *unreadable);
                }
            }
            PageKind::Piece {
                foyer,
                code,
                index,
                pages,
                content_seed,
                variant,
            } => {
                let content = SmallRng::seed_from_u64(*content_seed);
                let mut d = Doc::new(painter, content, opts.dpi, *index, *pages);
                if *variant == Variant::ThirdParty {
                    traps::render_third_party(&mut d, foyer, code);
                } else if opts.exam {
                    exam::render_piece(&mut d, foyer, code);
                } else if opts.heldout {
                    heldout::render_piece(&mut d, foyer, code);
                } else {
                    pieces::render_piece(&mut d, foyer, code);
                }
            }
            PageKind::Blank { show_through } => {
                if *show_through {
                    // faint mirrored text lines seen through the paper
                    let mut p = painter;
                    let k = opts.dpi as f32 / 72.0;
                    let mut y = rng.gen_range(60.0f32..120.0);
                    let v = rng.gen_range(236u8..246);
                    while y < doc::PH - 60.0 {
                        let x0 = rng.gen_range(50.0f32..80.0);
                        let len = rng.gen_range(120.0f32..470.0);
                        p.fill_rect(x0 * k, y * k, len * k, 6.0 * k, v);
                        y += rng.gen_range(12.0f32..30.0);
                    }
                }
            }
        }
    }
    let px_scale = opts.dpi as f32 / 300.0;
    if let Some((dm, label_too, boxes)) = damage {
        let k = opts.dpi as f32 / 72.0;
        traps::apply_damage(&mut img, &mut trng, boxes, dm, label_too, k);
    }
    let mut thr = 160u8;
    if opts.noise {
        let bg = rng.gen_range(228u8..=252);
        let low_contrast = rng.gen_ratio(1, 6);
        let floor = if low_contrast {
            rng.gen_range(55u8..95)
        } else {
            rng.gen_range(0u8..35)
        };
        let (bg, floor) = if photocopy {
            traps::photocopy(&mut img, &mut trng, px_scale)
        } else {
            raster::tone(&mut img, bg, floor);
            (bg, floor)
        };
        if rng.gen_bool(0.85) {
            let a = rng.gen_range(-1.5f32..1.5);
            img = raster::skew(&img, a, bg);
        }
        raster::scanner_marks(&mut img, &mut rng, px_scale);
        let density = rng.gen_range(15.0f32..140.0);
        raster::speckle(&mut img, &mut rng, density, px_scale);
        // no sensor grain on lossless TIFF pages: it would make them ~2 MB each at 300 dpi
        let amp = rng.gen_range(2..6);
        let amp = if opts.format == BatchFormat::Tiff {
            0
        } else {
            amp
        };
        raster::grain(&mut img, &mut rng, amp);
        thr = ((bg as u16 + floor as u16) / 2) as u8;
    } else if photocopy {
        let (bg, floor) = traps::photocopy(&mut img, &mut trng, px_scale);
        thr = ((bg as u16 + floor as u16) / 2) as u8;
    }
    let img = match job.rotation {
        90 => image::imageops::rotate90(&img),
        180 => image::imageops::rotate180(&img),
        270 => image::imageops::rotate270(&img),
        _ => img,
    };
    (img, thr)
}

fn render_and_encode(
    job: &PageJob,
    opts: &CorpusOptions,
    fonts: &Fonts,
    cache: &mut GlyphCache,
) -> anyhow::Result<Encoded> {
    let (img, thr) = render_page(job, opts, fonts, cache);
    let bitonal = job.bitonal.then_some(thr);
    match opts.format {
        BatchFormat::Pdf => {
            let q = 70 + (job.seed % 11) as u8;
            output::encode_pdf_page(&img, bitonal, q)
        }
        BatchFormat::Tiff => Ok(output::encode_tiff_page(img, bitonal)),
    }
}

/// Renders the pages on a few threads and hands them to `sink` in page order.
fn render_all(
    opts: &CorpusOptions,
    fonts: &Fonts,
    jobs: &[PageJob],
    mut sink: impl FnMut(Encoded) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4)
        .min(jobs.len().max(1));
    if threads == 1 {
        let mut cache = GlyphCache::default();
        for job in jobs {
            sink(render_and_encode(job, opts, fonts, &mut cache)?)?;
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    let abort = AtomicBool::new(false);
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::sync_channel::<(usize, anyhow::Result<Encoded>)>(threads * 2);
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, abort) = (&next, &abort);
            s.spawn(move || {
                let mut cache = GlyphCache::default();
                loop {
                    if abort.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= jobs.len() {
                        break;
                    }
                    let r = render_and_encode(&jobs[i], opts, fonts, &mut cache);
                    if tx.send((i, r)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let result = (|| {
            let mut pending: BTreeMap<usize, Encoded> = BTreeMap::new();
            let mut want = 0usize;
            for (i, r) in rx.iter() {
                pending.insert(i, r.with_context(|| format!("page {}", i + 1))?);
                while let Some(e) = pending.remove(&want) {
                    sink(e)?;
                    want += 1;
                }
            }
            anyhow::ensure!(
                want == jobs.len(),
                "only {want} of {} pages rendered",
                jobs.len()
            );
            Ok(())
        })();
        abort.store(true, Ordering::Relaxed);
        drop(rx);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(plis: usize, seed: u64) -> CorpusOptions {
        CorpusOptions {
            plis,
            seed,
            format: BatchFormat::Pdf,
            dpi: 100,
            noise: true,
            heldout: false,
            exam: false,
            traps: false,
        }
    }

    fn check_truth(t: &Truth) {
        let mut next = 1;
        let blanks: HashSet<u32> = t.blank_pages.iter().copied().collect();
        let mut covered = HashSet::new();
        for pli in &t.plis {
            assert_eq!(pli.first_page, next, "plis are contiguous");
            assert!(pli.last_page >= pli.first_page && pli.last_page <= t.pages);
            match pli.expected_outcome {
                ExpectedOutcome::MissingCover => {
                    assert!(pli.cover_page.is_none() && pli.numero_unique.is_none());
                }
                _ => {
                    assert_eq!(pli.cover_page, Some(pli.first_page));
                    assert!(pli.numero_unique.is_some());
                }
            }
            assert!(!pli.pieces.is_empty());
            let mut prev = pli.cover_page.unwrap_or(pli.first_page - 1);
            for p in &pli.pieces {
                assert!(
                    p.first_page > prev
                        && p.last_page >= p.first_page
                        && p.last_page <= pli.last_page
                );
                for page in p.first_page..=p.last_page {
                    assert!(!blanks.contains(&page), "blank page {page} inside a piece");
                    assert!(covered.insert(page));
                }
                // between pieces only blank pages
                for page in prev + 1..p.first_page {
                    assert!(blanks.contains(&page), "page {page} belongs to nothing");
                }
                prev = p.last_page;
            }
            for page in prev + 1..=pli.last_page {
                assert!(blanks.contains(&page));
            }
            next = pli.last_page + 1;
        }
        assert_eq!(next, t.pages + 1, "the plis cover every page");
        for b in &t.blank_pages {
            assert!(*b >= 1 && *b <= t.pages);
        }
    }

    #[test]
    fn plan_has_every_type_and_consistent_ranges() {
        for seed in [1u64, 2, 3, 4, 17] {
            let p = plan(&opts(40, seed));
            let seen: HashSet<String> = p
                .truth
                .plis
                .iter()
                .flat_map(|pl| pl.pieces.iter().map(|x| x.type_code.to_string()))
                .collect();
            let all: HashSet<String> = Plan::bundled()
                .types()
                .map(|t| t.code.to_string())
                .collect();
            assert_eq!(all.len(), 29);
            assert!(
                all.is_subset(&seen),
                "seed {seed}: missing {:?}",
                all.difference(&seen).collect::<Vec<_>>()
            );
            assert_eq!(p.truth.plis.len(), 40);
            assert_eq!(p.jobs.len() as u32, p.truth.pages);
            check_truth(&p.truth);
            let outcomes: HashSet<ExpectedOutcome> =
                p.truth.plis.iter().map(|x| x.expected_outcome).collect();
            assert!(outcomes.contains(&ExpectedOutcome::Attached));
            if seed % 2 == 1 {
                assert_eq!(
                    p.truth.plis[0].expected_outcome,
                    ExpectedOutcome::MissingCover
                );
            }
            // CIDC/TSJC show a spouse with another prénom; TSJ a foreign applicant
            for job in &p.jobs {
                if let PageKind::Piece { foyer, code, .. } = &job.kind {
                    if code == "CIDC" || code == "TSJC" {
                        let c = foyer.conjoint.as_ref().expect("a spouse");
                        assert_ne!(c.prenom, foyer.demandeur.prenom);
                    }
                    if code == "TSJ" {
                        assert!(foyer.demandeur.nat.is_some());
                    }
                }
            }
            let missing = p
                .truth
                .plis
                .iter()
                .filter(|x| x.expected_outcome == ExpectedOutcome::MissingCover)
                .count();
            assert!(missing <= 1);
            assert_eq!(missing == 1, p.truth.plis[0].cover_page.is_none());
        }
    }

    #[test]
    fn registry_matches_outcomes() {
        let p = plan(&opts(60, 7));
        let csv_text = registry_csv(&p.registry).unwrap();
        assert_eq!(csv_text.lines().next().unwrap(), REGISTRY_HEADER);
        let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
        let mut etat = std::collections::HashMap::new();
        for rec in rdr.records() {
            let rec = rec.unwrap();
            let n = NumeroUnique::parse(&rec[0]).expect("valid number");
            assert_eq!(&rec[5], n.departement());
            assert_eq!(&rec[6], n.guichet());
            assert!(rec[4] == *"active" || rec[4] == *"radiee");
            NaiveDate::parse_from_str(&rec[3], "%Y-%m-%d").unwrap();
            let depot = NaiveDate::parse_from_str(&rec[7], "%Y-%m-%d").unwrap();
            assert_eq!(
                format!("{:02}{:02}", depot.month(), depot.year() % 100),
                &n.as_str()[3..7]
            );
            etat.insert(rec[0].to_string(), (rec[4].to_string(), rec[1].to_string()));
        }
        let mut seen = HashSet::new();
        for pli in &p.truth.plis {
            seen.insert(pli.expected_outcome);
            let num = pli.numero_unique.as_ref().map(|n| n.to_string());
            match pli.expected_outcome {
                ExpectedOutcome::Attached | ExpectedOutcome::UnreadableCover => {
                    let (e, nom) = &etat[num.as_ref().unwrap()];
                    assert_eq!(e, "active");
                    assert_eq!(nom, &pli.nom);
                }
                ExpectedOutcome::DemandeRadiee => {
                    assert_eq!(etat[num.as_ref().unwrap()].0, "radiee")
                }
                ExpectedOutcome::UnknownNumero => {
                    assert!(!etat.contains_key(num.as_ref().unwrap()))
                }
                ExpectedOutcome::MissingCover => assert!(num.is_none()),
            }
        }
        assert!(seen.contains(&ExpectedOutcome::UnknownNumero));
        assert!(seen.contains(&ExpectedOutcome::DemandeRadiee));
        let extras = etat.len()
            - p.truth
                .plis
                .iter()
                .filter(|x| {
                    matches!(
                        x.expected_outcome,
                        ExpectedOutcome::Attached
                            | ExpectedOutcome::UnreadableCover
                            | ExpectedOutcome::DemandeRadiee
                    )
                })
                .count();
        assert!((18..=30).contains(&extras), "{extras}");
    }

    /// The plan with its holders resolved (fonts needed).
    fn planned(o: &CorpusOptions) -> BatchPlan {
        let mut p = plan(o);
        resolve_holders(&mut p, &Fonts::load().unwrap(), o.dpi);
        p
    }

    #[test]
    fn households_match_the_pieces_and_the_registry() {
        for seed in [1u64, 2, 5, 8] {
            let o = opts(40, seed);
            let p = planned(&o);
            let menage = menage_csv(&p.registry).unwrap();
            assert_eq!(menage.lines().next().unwrap(), MENAGE_HEADER);
            let registry: HashSet<String> = p.registry.iter().map(|r| r.numero.clone()).collect();
            // numero -> (lien, nom, prenom)
            let mut members: std::collections::HashMap<String, Vec<(String, String, String)>> =
                Default::default();
            let mut rdr = csv::Reader::from_reader(menage.as_bytes());
            let mut liens = HashSet::new();
            for rec in rdr.records() {
                let rec = rec.unwrap();
                assert!(
                    registry.contains(&rec[0]),
                    "household of an unknown demande"
                );
                assert!(["conjoint", "codemandeur", "enfant", "autre"].contains(&&rec[1]));
                NaiveDate::parse_from_str(&rec[4], "%Y-%m-%d").unwrap();
                liens.insert(rec[1].to_string());
                members.entry(rec[0].to_string()).or_default().push((
                    rec[1].to_string(),
                    rec[2].to_string(),
                    rec[3].to_string(),
                ));
            }
            assert!(liens.contains("conjoint") && liens.contains("enfant"));
            for pli in &p.truth.plis {
                let num = pli.numero_unique.as_ref().map(|n| n.to_string());
                let in_registry = num.as_ref().is_some_and(|n| registry.contains(n))
                    && pli.expected_outcome != ExpectedOutcome::UnknownNumero;
                for piece in &pli.pieces {
                    let h = piece.holder.as_ref().expect("every piece has its holder");
                    let code = piece.type_code.to_string();
                    match h.role {
                        Role::Demandeur => {
                            assert_eq!((&h.nom, &h.prenom), (&pli.nom, &pli.prenom), "{code}")
                        }
                        Role::Conjoint | Role::Codemandeur => {
                            assert!(!matches!(code.as_str(), "CID" | "TSJ" | "ACNE"))
                        }
                        Role::Enfant => assert_eq!(code, "ACNE"),
                        Role::Autre => panic!("{code}: holder outside the household"),
                    }
                    if matches!(code.as_str(), "CIDC" | "TSJC") {
                        assert!(matches!(h.role, Role::Conjoint | Role::Codemandeur));
                    }
                    if code == "ACNE" {
                        assert_eq!(h.role, Role::Enfant);
                    }
                    if h.role != Role::Demandeur && in_registry {
                        let lien = serde_json::to_value(h.role).unwrap();
                        let m = &members[num.as_ref().unwrap()];
                        assert!(
                            m.iter().any(|(l, n, pr)| *l == lien.as_str().unwrap()
                                && *n == h.nom
                                && *pr == h.prenom),
                            "{code}: {h:?} not in the household"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn generation_is_deterministic_and_the_pdf_parses() {
        let o = opts(3, 12);
        let a = generate(&o).unwrap();
        let b = generate(&o).unwrap();
        assert_eq!(a.truth, b.truth);
        assert_eq!(a.registry_csv, b.registry_csv);
        assert!(a.batch == b.batch, "same bytes for the same seed");
        check_truth(&a.truth);
        // the streaming variant writes the same file
        let path = std::env::temp_dir().join(format!("gen-corpus-test-{}.pdf", std::process::id()));
        let side = generate_to(&o, &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        assert!(bytes == a.batch && side.registry_csv == a.registry_csv && side.truth == a.truth);
        assert_eq!(side.menage_csv, a.menage_csv);
        let c = generate(&opts(3, 13)).unwrap();
        assert_ne!(a.batch, c.batch);
        let doc = lopdf::Document::load_mem(&a.batch).expect("lopdf reads the batch");
        let pages = doc.get_pages();
        assert_eq!(pages.len() as u32, a.truth.pages);
        for (_, id) in pages {
            let page = doc.get_dictionary(id).unwrap();
            let res = page.get(b"Resources").unwrap().as_dict().unwrap();
            let xo = res.get(b"XObject").unwrap().as_dict().unwrap();
            let im = xo.get(b"Im0").unwrap().as_reference().unwrap();
            let s = doc.get_object(im).unwrap().as_stream().unwrap();
            let filter = s.dict.get(b"Filter").unwrap().as_name().unwrap();
            let bpc = s.dict.get(b"BitsPerComponent").unwrap().as_i64().unwrap();
            assert!(filter == b"DCTDecode" && bpc == 8 || filter == b"FlateDecode" && bpc == 1);
        }
        let json = serde_json::to_string(&a.truth).unwrap();
        let back: Truth = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a.truth);
    }

    #[test]
    fn every_type_has_heldout_templates_and_each_renders() {
        each_template_of_the_set_renders(
            "held-out",
            heldout::templates,
            heldout::cover_templates(),
        );
    }

    #[test]
    fn every_type_has_exam_templates_and_each_renders() {
        each_template_of_the_set_renders("exam", exam::templates, exam::cover_templates());
    }

    #[test]
    fn a_heldout_batch_keeps_the_structure_and_truth() {
        let mut o = opts(12, 9);
        o.heldout = true;
        a_batch_of_the_set_keeps_the_structure_and_truth(&o);
    }

    #[test]
    fn an_exam_batch_keeps_the_structure_and_truth() {
        let mut o = opts(12, 9);
        o.exam = true;
        let c = a_batch_of_the_set_keeps_the_structure_and_truth(&o);
        // and it differs from the held-out rendering
        let mut h = opts(12, 9);
        h.heldout = true;
        let heldout = generate(&h).unwrap();
        assert_ne!(heldout.batch, c.batch);
    }

    /// Every type of the plan has at least two templates in the set, each drawing every page
    /// count it may have with ink on each page; the set has six covers or more, each drawn
    /// plain, renewed and unreadable.
    fn each_template_of_the_set_renders(
        set: &str,
        templates: fn(&str) -> &'static [heldout::Tpl],
        covers: &'static [heldout::CoverTpl],
    ) {
        let fonts = Fonts::load().unwrap();
        let mut cache = GlyphCache::default();
        let p = plan(&opts(40, 3));
        for t in Plan::bundled().types() {
            let code = t.code.to_string();
            let list = templates(&code);
            assert!(list.len() >= 2, "{code}: {} {set} template(s)", list.len());
            let foyer = p
                .jobs
                .iter()
                .find_map(|j| match &j.kind {
                    PageKind::Piece { foyer, code: c, .. } if *c == code => Some(foyer.clone()),
                    _ => None,
                })
                .expect("the deck has every type");
            let (lo, hi) = pieces::page_range(&code);
            for (i, tpl) in list.iter().enumerate() {
                for pages in lo..=hi {
                    for target in 0..pages {
                        let mut img = GrayImage::from_pixel(413, 585, image::Luma([255]));
                        let painter = Painter {
                            img: &mut img,
                            fonts: &fonts,
                            cache: &mut cache,
                        };
                        let rng = SmallRng::seed_from_u64(i as u64 * 31 + pages as u64);
                        let mut d = Doc::new(painter, rng, 50, target, pages);
                        tpl(&mut d, &foyer);
                        d.finish();
                        assert_eq!(d.page + 1, pages, "{code} template {i}: page count");
                        let ink = img.pixels().filter(|px| px.0[0] < 180).count();
                        assert!(ink > 200, "{code} template {i}, page {target}: blank");
                    }
                }
            }
        }
        assert!(covers.len() >= 6, "{set} covers");
        let foyer = p
            .jobs
            .iter()
            .find_map(|j| match &j.kind {
                PageKind::Cover { foyer, .. } => Some(foyer.clone()),
                _ => None,
            })
            .unwrap();
        for (i, tpl) in covers.iter().enumerate() {
            for (renouv, unreadable) in [(false, false), (true, false), (false, true)] {
                let mut img = GrayImage::from_pixel(413, 585, image::Luma([255]));
                let painter = Painter {
                    img: &mut img,
                    fonts: &fonts,
                    cache: &mut cache,
                };
                let mut d = Doc::new(painter, SmallRng::seed_from_u64(i as u64), 50, 0, 1);
                tpl(&mut d, &foyer, renouv, unreadable);
                assert!(img.pixels().filter(|px| px.0[0] < 180).count() > 200);
            }
        }
    }

    /// A batch drawn with another template set (`o`, 12 plis, seed 9) keeps the usual
    /// structure, truth and registry, each piece's holder as its type says, and draws
    /// differently; returned for further checks.
    fn a_batch_of_the_set_keeps_the_structure_and_truth(o: &CorpusOptions) -> Corpus {
        let c = generate(o).unwrap();
        check_truth(&c.truth);
        assert_eq!(c.truth.plis.len(), 12);
        // the same batch structure as with the usual templates
        let mut stripped = c.truth.clone();
        for pli in &mut stripped.plis {
            for piece in &mut pli.pieces {
                piece.holder = None;
            }
        }
        assert_eq!(stripped, plan(&opts(12, 9)).truth);
        for pli in &c.truth.plis {
            for piece in &pli.pieces {
                let h = piece.holder.as_ref().expect("every piece has its holder");
                let code = piece.type_code.to_string();
                match code.as_str() {
                    "CIDC" | "TSJC" => {
                        assert!(
                            matches!(h.role, Role::Conjoint | Role::Codemandeur),
                            "{code}"
                        )
                    }
                    "ACNE" => assert_eq!(h.role, Role::Enfant),
                    "GROS" => assert!(matches!(
                        h.role,
                        Role::Demandeur | Role::Conjoint | Role::Codemandeur
                    )),
                    _ => assert_eq!(h.role, Role::Demandeur, "{code}"),
                }
            }
        }
        let doc = lopdf::Document::load_mem(&c.batch).expect("lopdf reads the batch");
        assert_eq!(doc.get_pages().len() as u32, c.truth.pages);
        // and it differs from the usual rendering
        let usual = generate(&opts(12, 9)).unwrap();
        assert_ne!(usual.batch, c.batch);
        assert_eq!(usual.registry_csv, c.registry_csv);
        c
    }

    fn trap_opts(plis: usize, seed: u64) -> CorpusOptions {
        CorpusOptions {
            traps: true,
            ..opts(plis, seed)
        }
    }

    #[test]
    fn trap_batches_carry_every_kind_with_a_consistent_truth() {
        let mut kinds = HashSet::new();
        let mut trapped = 0;
        let mut total = 0;
        for seed in [4242u64, 1, 2, 3, 17] {
            let p = planned(&trap_opts(40, seed));
            check_truth(&p.truth);
            assert_eq!(
                p.truth.plis.len(),
                40,
                "the added envelopes count among the plis"
            );
            assert_eq!(p.jobs.len() as u32, p.truth.pages);
            let registry: std::collections::HashMap<&str, &RegistryRow> =
                p.registry.iter().map(|r| (r.numero.as_str(), r)).collect();
            for (i, pli) in p.truth.plis.iter().enumerate() {
                total += 1;
                if !pli.traps.is_empty() {
                    trapped += 1;
                }
                for t in &pli.traps {
                    kinds.insert(t.split(':').next().unwrap().to_string());
                    if t.starts_with("rotated") || t == "upside_down" {
                        let page = pli.cover_page.unwrap();
                        let deg = p.truth.rotations.iter().find(|r| r.page == page).unwrap();
                        assert_eq!(
                            deg.degrees,
                            match t.as_str() {
                                "rotated:90" => 90,
                                "rotated:270" => 270,
                                _ => 180,
                            }
                        );
                    }
                }
                let num = pli.numero_unique.as_ref().map(|n| n.to_string());
                if pli.traps.iter().any(|t| t.starts_with("unreadable:")) {
                    assert_eq!(pli.expected_outcome, ExpectedOutcome::UnreadableCover);
                    let row = registry[num.as_deref().unwrap()];
                    assert!(!row.radiee && row.nom == pli.nom);
                }
                if pli.traps.iter().any(|t| t == "missing_attestation") {
                    assert_eq!(pli.expected_outcome, ExpectedOutcome::MissingCover);
                    assert!(pli.cover_page.is_none() && pli.numero_unique.is_none());
                    assert!((1..=3).contains(&pli.pieces.len()));
                    // right after a pli with a cover, and somebody else
                    let prev = &p.truth.plis[i - 1];
                    assert!(prev.cover_page.is_some());
                    assert_ne!(prev.nom, pli.nom);
                    if let Some(n) = prev.numero_unique.as_ref() {
                        if let Some(row) = registry.get(n.as_str()) {
                            assert!(!row
                                .menage
                                .iter()
                                .any(|(_, m)| m.nom == pli.nom && m.prenom == pli.prenom));
                        }
                    }
                    // in the registry, if at all, under a demande of their own
                    for r in p
                        .registry
                        .iter()
                        .filter(|r| r.nom == pli.nom && r.prenom == pli.prenom)
                    {
                        assert_ne!(
                            Some(r.numero.as_str()),
                            prev.numero_unique.as_ref().map(|n| n.as_str())
                        );
                    }
                    for piece in &pli.pieces {
                        let h = piece.holder.as_ref().unwrap();
                        assert_eq!((h.role, &h.nom), (Role::Demandeur, &pli.nom));
                    }
                }
                for t in &pli.traps {
                    if let Some(code) = t.strip_prefix("household:") {
                        let roles: Vec<Role> = pli
                            .pieces
                            .iter()
                            .filter(|x| x.type_code.as_str() == code)
                            .map(|x| x.holder.as_ref().unwrap().role)
                            .collect();
                        assert!(!roles.is_empty());
                        assert!(roles.iter().all(|r| matches!(
                            r,
                            Role::Conjoint | Role::Codemandeur | Role::Enfant
                        )));
                    }
                    if let Some(code) = t.strip_prefix("third_party:") {
                        assert!(pli.pieces.iter().any(|x| x.type_code.as_str() == code
                            && x.holder.as_ref().unwrap().role == Role::Demandeur));
                    }
                }
            }
        }
        for k in [
            "unreadable",
            "layout",
            "missing_attestation",
            "household",
            "third_party",
            "photocopy",
        ] {
            assert!(kinds.contains(k), "no {k} trap in {kinds:?}");
        }
        assert!(kinds.contains("upside_down") || kinds.contains("rotated"));
        let share = trapped as f64 / total as f64;
        assert!((0.12..=0.3).contains(&share), "{share}");
        // off by default, and then no trap at all
        let p = plan(&opts(40, 4242));
        assert!(p.truth.plis.iter().all(|x| x.traps.is_empty()));
    }

    #[test]
    fn every_trap_cover_renders_in_every_layout_and_damage() {
        let fonts = Fonts::load().unwrap();
        let mut cache = GlyphCache::default();
        let o = CorpusOptions {
            noise: false,
            dpi: 72,
            ..trap_opts(6, 5)
        };
        let p = plan(&o);
        let foyer = p
            .jobs
            .iter()
            .find_map(|j| match &j.kind {
                PageKind::Cover { foyer, .. } => Some(foyer.clone()),
                _ => None,
            })
            .unwrap();
        let layouts = traps::LAYOUTS.iter().map(|l| Some(*l)).chain([None]);
        for (li, layout) in layouts.enumerate() {
            for (di, damage) in [
                None,
                Some(traps::Damage::Stain),
                Some(traps::Damage::Smudge),
                Some(traps::Damage::Fold),
            ]
            .into_iter()
            .enumerate()
            {
                for renouv in [false, true] {
                    let job = PageJob {
                        kind: PageKind::Cover {
                            foyer: foyer.clone(),
                            renouv,
                            unreadable: false,
                            trap: Some(traps::CoverTrap {
                                layout,
                                damage,
                                label_too: di % 2 == 0,
                                photocopy: li % 3 == 0,
                            }),
                        },
                        seed: (li * 10 + di) as u64,
                        rotation: 0,
                        bitonal: false,
                    };
                    let (img, _) = render_page(&job, &o, &fonts, &mut cache);
                    let ink = img.pixels().filter(|px| px.0[0] < 128).count();
                    assert!(ink > 500, "{layout:?} {damage:?}: blank cover");
                }
            }
        }
    }

    #[test]
    fn a_trap_batch_renders() {
        let c = generate(&trap_opts(10, 4242)).unwrap();
        check_truth(&c.truth);
        assert!(c.truth.plis.iter().any(|p| !p.traps.is_empty()));
        let doc = lopdf::Document::load_mem(&c.batch).expect("lopdf reads the batch");
        assert_eq!(doc.get_pages().len() as u32, c.truth.pages);
        let json = serde_json::to_string(&c.truth).unwrap();
        assert!(json.contains("\"traps\""));
        let back: Truth = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c.truth);
    }

    #[test]
    fn tiff_batches_have_one_directory_per_page() {
        let mut o = opts(2, 4);
        o.format = BatchFormat::Tiff;
        o.noise = false;
        let c = generate(&o).unwrap();
        let mut dec = tiff::decoder::Decoder::new(Cursor::new(&c.batch)).unwrap();
        let mut n = 1;
        while dec.more_images() {
            dec.next_image().unwrap();
            n += 1;
        }
        assert_eq!(n, c.truth.pages);
    }
}
