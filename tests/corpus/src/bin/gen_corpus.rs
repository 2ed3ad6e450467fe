//! `gen-corpus`: writes a synthetic scanned mail batch with its registry and ground truth.
//!
//! ```text
//! gen-corpus --out DIR [--plis N] [--seed S] [--format pdf|tiff] [--dpi 300] [--no-noise] [--heldout]
//!            [--exam] [--traps]
//! ```
//! writes `DIR/batch.pdf` (or `DIR/batch.tif`), `DIR/registry.csv`, `DIR/menage.csv` (the
//! households of the registry's demandes) and `DIR/truth.json`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, ValueEnum};
use corpus::{self, BatchFormat, CorpusOptions, ExpectedOutcome};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Pdf,
    Tiff,
}

/// Generate a synthetic batch of scanned plis (PDF or multi-page TIFF, no text layer), the
/// registry CSV it refers to and the ground truth.
#[derive(Parser, Debug)]
#[command(name = "gen-corpus", version)]
struct Args {
    /// Output directory (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Number of plis (envelopes).
    #[arg(long, default_value_t = 40)]
    plis: usize,
    /// Random seed: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Batch format.
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    format: Format,
    /// Scan resolution in dots per inch.
    #[arg(long, default_value_t = 300)]
    dpi: u32,
    /// Clean pages: no skew, speckle, grey paper or contrast loss.
    #[arg(long)]
    no_noise: bool,
    /// Draw pieces and covers with the held-out templates (written without reading the
    /// classifier; never tune the classifier on them).
    #[arg(long)]
    heldout: bool,
    /// Draw pieces and covers with the exam templates, a third set written without reading
    /// the classifier nor the other template sets (never tune the classifier on them).
    #[arg(long)]
    exam: bool,
    /// Traps in about one pli in five: stained, smeared or pleated cover numbers, covers in
    /// new layouts, turned or photocopied, envelopes whose attestation is missing, the
    /// spouse's and children's documents, third parties named on pieces (see `traps` in
    /// truth.json).
    #[arg(long)]
    traps: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let opts = CorpusOptions {
        plis: args.plis,
        seed: args.seed,
        format: match args.format {
            Format::Pdf => BatchFormat::Pdf,
            Format::Tiff => BatchFormat::Tiff,
        },
        dpi: args.dpi,
        noise: !args.no_noise,
        heldout: args.heldout,
        exam: args.exam,
        traps: args.traps,
    };
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let batch = args.out.join(format!("batch.{}", opts.format.extension()));
    let start = Instant::now();
    let corpus::Sidecars {
        registry_csv: registry,
        menage_csv,
        truth,
    } = corpus::generate_to(&opts, &batch)?;
    std::fs::write(args.out.join("registry.csv"), &registry).context("writing registry.csv")?;
    std::fs::write(args.out.join("menage.csv"), &menage_csv).context("writing menage.csv")?;
    let json = serde_json::to_string_pretty(&truth)?;
    std::fs::write(args.out.join("truth.json"), json + "\n").context("writing truth.json")?;

    let size = std::fs::metadata(&batch).map(|m| m.len()).unwrap_or(0);
    let count = |o: ExpectedOutcome| {
        truth
            .plis
            .iter()
            .filter(|p| p.expected_outcome == o)
            .count()
    };
    let pieces: usize = truth.plis.iter().map(|p| p.pieces.len()).sum();
    println!(
        "gen-corpus: {} plis, {} pieces, {} pages ({} blank, {} rotated) -> {} ({:.1} MB), {} demandes in registry.csv; outcomes: attached {}, unknown_numero {}, demande_radiee {}, unreadable_cover {}, missing_cover {}; {:.1} s",
        truth.plis.len(),
        pieces,
        truth.pages,
        truth.blank_pages.len(),
        truth.rotations.len(),
        batch.display(),
        size as f64 / 1e6,
        registry.lines().count().saturating_sub(1),
        count(ExpectedOutcome::Attached),
        count(ExpectedOutcome::UnknownNumero),
        count(ExpectedOutcome::DemandeRadiee),
        count(ExpectedOutcome::UnreadableCover),
        count(ExpectedOutcome::MissingCover),
        start.elapsed().as_secs_f64()
    );
    if opts.traps {
        let trapped: Vec<String> = truth
            .plis
            .iter()
            .filter(|p| !p.traps.is_empty())
            .map(|p| format!("{}-{} {}", p.first_page, p.last_page, p.traps.join("+")))
            .collect();
        println!("traps: {} plis: {}", trapped.len(), trapped.join(", "));
    }
    Ok(())
}
