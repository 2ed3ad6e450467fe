use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// Dossier Unique ingest worker: scanned batches in, pieces filed into demandes.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Consume batch messages from RabbitMQ until SIGTERM/SIGINT.
    Run,
    /// Dry run on a batch file: no database, broker or object store; JSON on stdout.
    Analyze {
        file: PathBuf,
        #[arg(long)]
        registry: PathBuf,
        /// The registry's household file (numero_unique,lien,nom,prenom,date_naissance).
        #[arg(long)]
        menage: Option<PathBuf>,
        /// OCR threads (default: the number of cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Type files as deposits are typed (same sandboxed child, same reader); one JSON line per
    /// file, with the holder checked against the household when --numero is given.
    Classify {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        registry: Option<PathBuf>,
        /// The registry's household file (numero_unique,lien,nom,prenom,date_naissance).
        #[arg(long, requires = "registry")]
        menage: Option<PathBuf>,
        /// The demande the files are deposited on.
        #[arg(long, requires = "registry")]
        numero: Option<String>,
    },
    /// Apply the database migrations, sync the plan de classement and grant the application
    /// role its privileges (as the owner role: `MIGRATE_DATABASE_URL`, `APP_DB_ROLE`).
    Migrate,
    /// Internal: parse a batch file in a sandboxed child and stream its pages.
    #[command(hide = true)]
    Extract { file: PathBuf },
    /// Internal: merge a deposited piece's files into one PDF in a sandboxed child.
    #[command(hide = true)]
    Merge {
        out: PathBuf,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Extract { file } = &cli.command {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
        ingest_worker::intake::run_extract(file, &mut out)?;
        return Ok(());
    }
    if let Command::Merge { out, inputs } = &cli.command {
        ingest_worker::merge::run_merge(out, inputs, &mut std::io::stdout().lock())?;
        return Ok(());
    }
    ingest_worker::ensure_omp_thread_limit();
    ingest_worker::init_tracing();
    if !matches!(cli.command, Command::Migrate) {
        ingest_worker::install_lexicon()?;
    }
    let exe = std::env::current_exe().context("locating the ingest-worker binary")?;
    match cli.command {
        Command::Analyze {
            file,
            registry,
            menage,
            threads,
        } => {
            let threads = threads.unwrap_or_else(default_threads);
            let report =
                ingest_worker::analyze::run(&exe, &file, &registry, menage.as_deref(), threads)?;
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        Command::Classify {
            files,
            registry,
            menage,
            numero,
        } => {
            let registry = registry
                .map(|r| ingest_worker::analyze::load_registry(&r, menage.as_deref()))
                .transpose()?;
            let numero = numero
                .map(|n| plan_de_classement::NumeroUnique::parse(&n))
                .transpose()
                .context("--numero")?;
            ingest_worker::classify::run(&exe, &files, registry.as_ref(), numero.as_ref(), |l| {
                match serde_json::to_string(l) {
                    Ok(json) => println!("{json}"),
                    Err(e) => tracing::error!(error = %e, "cannot print a line"),
                }
            })?;
        }
        Command::Run => ingest_worker::worker::run_blocking(exe)?,
        Command::Migrate => ingest_worker::worker::migrate_blocking()?,
        Command::Extract { .. } | Command::Merge { .. } => unreachable!("handled above"),
    }
    Ok(())
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}
