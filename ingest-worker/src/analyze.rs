//! `ingest-worker analyze FILE --registry REGISTRY.csv [--menage MENAGE.csv]`: the whole
//! splitting, OCR and classification on a batch file, with no database, broker or object store;
//! JSON on stdout.

use std::collections::HashMap;
use std::path::Path;

use plan_de_classement::{NumeroUnique, Plan};
use serde::Serialize;

use crate::pipeline::{self, DemandeInfo, Outcome};

#[derive(Debug, Serialize)]
pub struct Report {
    /// What is wrong with the file as a whole (truncated, repaired), in French.
    pub warnings: Vec<String>,
    pub pages: u32,
    pub blank_pages: Vec<u32>,
    pub rejected_pages: Vec<RejectedPage>,
    pub plis: Vec<PliReport>,
    /// Figures for the benchmark (not part of the accuracy contract).
    pub cover_pages: u32,
    pub cover_read_ms_mean: f64,
    pub cover_read_ms_max: u64,
}

#[derive(Debug, Serialize)]
pub struct RejectedPage {
    pub page: u32,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct PliReport {
    pub first_page: u32,
    pub last_page: u32,
    pub cover_page: Option<u32>,
    pub numero_unique: Option<String>,
    pub outcome: Outcome,
    pub reason: String,
    pub pieces: Vec<PieceReport>,
}

#[derive(Debug, Serialize)]
pub struct PieceReport {
    pub first_page: u32,
    pub last_page: u32,
    #[serde(flatten)]
    pub reading: PieceReading,
}

/// What is read of a piece, as `analyze` and `classify` print it.
#[derive(Debug, Default, Serialize)]
pub struct PieceReading {
    pub category: Option<String>,
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    pub confidence: f32,
    pub needs_review: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_reason: Option<String>,
    /// Whose piece it is (`null`: no name found, or the demande unknown).
    pub holder: Option<HolderReport>,
    /// The machine-readable zone of an identity document (`null`: none read).
    pub mrz: Option<MrzReport>,
}

impl PieceReading {
    pub fn of(p: &pipeline::PieceDraft, plan: &Plan) -> Self {
        Self {
            category: p
                .type_code
                .as_ref()
                .and_then(|t| plan.piece_type(t))
                .map(|t| t.category.to_string()),
            type_code: p.type_code.as_ref().map(ToString::to_string),
            confidence: (p.confidence * 100.0).round() / 100.0,
            needs_review: p.needs_review,
            check_reason: p.check_reason.clone(),
            holder: HolderReport::of(&p.holder),
            mrz: p.mrz.as_ref().map(MrzReport::of),
        }
    }
}

/// An identity document's machine-readable zone as `analyze` and `classify` print it.
#[derive(Debug, Serialize)]
pub struct MrzReport {
    /// Every check digit agrees.
    pub valid: bool,
    /// `td1`, `td2`, `td3`, `fr_id_1988`.
    pub format: &'static str,
    pub birth_date: Option<String>,
    pub expiry_date: Option<String>,
}

fn iso(date: Option<(i32, u32, u32)>) -> Option<String> {
    date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

impl MrzReport {
    pub fn of(m: &classifier::mrz::MrzReading) -> Self {
        Self {
            valid: m.valid,
            format: m.format.as_str(),
            birth_date: iso(m.birth_date),
            expiry_date: iso(m.expiry_date),
        }
    }
}

/// The holder of a piece as `analyze` and `classify` print it.
#[derive(Debug, Serialize)]
pub struct HolderReport {
    /// `demandeur`, `conjoint`, `codemandeur`, `enfant`, `autre`, or `hors_menage`.
    pub role: &'static str,
    pub nom: String,
    pub prenom: String,
    pub date_naissance: Option<String>,
    /// `mrz` or `texte`.
    pub source: &'static str,
}

impl HolderReport {
    pub fn of(check: &classifier::holder::HolderCheck) -> Option<Self> {
        let h = check.holder()?;
        Some(Self {
            role: h.role.map_or("hors_menage", |r| r.as_str()),
            nom: h.nom.clone(),
            prenom: h.prenom.clone(),
            date_naissance: iso(h.date_naissance),
            source: h.source.as_str(),
        })
    }
}

/// Loads a registry file and, optionally, its household file into what the pipeline asks.
///
/// # Errors
/// When a file cannot be opened, or holds a bad row (named by its line), or the household names
/// a demande the registry does not hold.
pub fn load_registry(
    registry: &Path,
    menage: Option<&Path>,
) -> anyhow::Result<HashMap<NumeroUnique, DemandeInfo>> {
    use anyhow::Context;
    let file =
        std::fs::File::open(registry).with_context(|| format!("opening {}", registry.display()))?;
    let rows = storage::registry_csv::parse(file)
        .with_context(|| format!("registre {}", registry.display()))?;
    let mut demandes: HashMap<NumeroUnique, DemandeInfo> = rows
        .into_iter()
        .map(|r| {
            let info = DemandeInfo {
                nom: r.nom,
                prenom: r.prenom,
                date_naissance: r.date_naissance,
                active: r.etat == storage::registry_csv::Etat::Active,
                menage: Vec::new(),
            };
            (r.numero, info)
        })
        .collect();
    if let Some(path) = menage {
        let file =
            std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
        let rows = storage::registry_csv::parse_menage(file)
            .with_context(|| format!("ménage {}", path.display()))?;
        for row in rows {
            let Some(d) = demandes.get_mut(&row.numero) else {
                anyhow::bail!(
                    "ménage {} : ligne {} : numéro unique {} absent du registre",
                    path.display(),
                    row.line,
                    row.numero
                );
            };
            d.menage.push(pipeline::member(&row.membre));
        }
    }
    Ok(demandes)
}

/// Writes a pli's page texts as `page-NNNN.txt` (`page-NNNN-cover.txt` for its cover).
fn dump_texts(dir: &Path, pli: &pipeline::PliDraft) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    if let Some(n) = pli.cover_page {
        std::fs::write(dir.join(format!("page-{n:04}-cover.txt")), &pli.cover_text)?;
    }
    for p in &pli.pages {
        std::fs::write(dir.join(format!("page-{:04}.txt", p.raw.number)), &p.text)?;
    }
    Ok(())
}

/// Runs the dry run.
///
/// # Errors
/// When the registry file is bad or the batch cannot be read at all.
pub fn run(
    exe: &Path,
    batch: &Path,
    registry: &Path,
    menage: Option<&Path>,
    threads: usize,
) -> anyhow::Result<Report> {
    // Shared with the OCR threads, which look the numbers read on covers up in it.
    let registry = std::sync::Arc::new(load_registry(registry, menage)?);
    let plan = Plan::bundled();
    let mut plis = Vec::new();
    let lookup = registry.clone();
    let known: pipeline::Known = std::sync::Arc::new(move |numeros: &[NumeroUnique]| {
        numeros
            .iter()
            .filter_map(|n| {
                lookup.get(n).map(|d| pipeline::KnownDemande {
                    numero: n.clone(),
                    nom: d.nom.clone(),
                    date_naissance: d.date_naissance,
                })
            })
            .collect()
    });
    // A tool for extending the lexicon: the dry run may leave each page's OCR text in a
    // directory (never the worker, whose logs and disks carry no page text).
    let text_dir = std::env::var_os("ANALYZE_TEXT_DIR").map(std::path::PathBuf::from);
    let stats = pipeline::run(
        exe,
        batch,
        threads,
        known,
        |whole| {
            if let Some(dir) = &text_dir {
                dump_texts(dir, &whole)?;
            }
            for draft in pipeline::cut_strangers(whole, &registry) {
                let decision = pipeline::decide(&draft, &registry, &|_, _| 0, &plan);
                let pieces = decision
                    .pieces
                    .iter()
                    .map(|p| {
                        let first = draft.pages[p.pages[0]].raw.number;
                        let last = draft.pages[*p.pages.last().expect("non-empty piece")]
                            .raw
                            .number;
                        PieceReport {
                            first_page: first,
                            last_page: last,
                            reading: PieceReading::of(p, &plan),
                        }
                    })
                    .collect();
                plis.push(PliReport {
                    first_page: draft.first_page,
                    last_page: draft.last_page,
                    cover_page: draft.cover_page,
                    numero_unique: decision.numero.map(|n| n.to_string()),
                    outcome: decision.outcome,
                    reason: decision.reason,
                    pieces,
                });
            }
            Ok(())
        },
        |done, total| {
            if done % 10 == 0 {
                match total {
                    Some(t) => tracing::info!(pages.done = done, pages.total = t, "analysing"),
                    None => tracing::info!(pages.done = done, "analysing"),
                }
            }
        },
    )?;
    let mean = if stats.cover_pages > 0 {
        stats.cover_read_ms_total as f64 / f64::from(stats.cover_pages)
    } else {
        0.0
    };
    Ok(Report {
        warnings: stats.warnings,
        pages: stats.pages,
        blank_pages: stats.blank_pages,
        rejected_pages: stats
            .rejected_pages
            .into_iter()
            .map(|(page, reason)| RejectedPage { page, reason })
            .collect(),
        plis,
        cover_pages: stats.cover_pages,
        cover_read_ms_mean: (mean * 10.0).round() / 10.0,
        cover_read_ms_max: stats.cover_read_ms_max,
    })
}
