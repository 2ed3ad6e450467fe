//! `registry import DEMANDES.csv [--menage MENAGE.csv]`: imports (upserts) demandes into the
//! registry, then replaces the households of the demandes the household file names, idempotently
//! and in one transaction. A bad row (in either file, or a household of a demande the registry
//! does not have) stops the import before anything is written, naming its file and line.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand};
use storage::menage::MenageImportError;

/// The registry of demandes.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import a registry CSV (numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot).
    Import {
        file: PathBuf,
        /// The households of these demandes (numero_unique,lien,nom,prenom,date_naissance): each
        /// demande named gets exactly the persons listed.
        #[arg(long)]
        menage: Option<PathBuf>,
    },
}

/// A bad file: its message names the line; exit status 2.
fn refuse(file: &Path, e: impl std::fmt::Display) -> ! {
    eprintln!("{}: {e}", file.display());
    std::process::exit(2);
}

fn open(file: &Path) -> anyhow::Result<std::fs::File> {
    std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))
}

fn main() -> anyhow::Result<()> {
    ingest_worker::init_tracing();
    let Cli {
        command: Command::Import { file, menage },
    } = Cli::parse();
    // Both files are read whole and checked before anything is written.
    let rows = storage::registry_csv::parse(open(&file)?).unwrap_or_else(|e| refuse(&file, e));
    let household = match &menage {
        Some(path) => Some(
            storage::registry_csv::parse_menage(open(path)?).unwrap_or_else(|e| refuse(path, e)),
        ),
        None => None,
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (summary, menage_summary) = rt.block_on(async {
        let db = storage::DbConfig::from_env()?
            .connect()
            .await
            .context("connecting to PostgreSQL")?;
        anyhow::Ok(match &household {
            None => (
                db.import_registry(&rows)
                    .await
                    .context("importing the registry")?,
                None,
            ),
            Some(household) => match db.import_registry_with_menage(&rows, household).await {
                Ok((d, m)) => (d, Some(m)),
                Err(e @ MenageImportError::UnknownDemande { .. }) => {
                    refuse(menage.as_deref().unwrap_or(&file), e)
                }
                Err(MenageImportError::Db(e)) => {
                    return Err(anyhow::Error::new(e).context("importing the registry"))
                }
            },
        })
    })?;
    println!(
        "{} demandes : {} ajoutées, {} mises à jour, {} inchangées",
        rows.len(),
        summary.inserted,
        summary.updated,
        summary.unchanged
    );
    if let Some(m) = menage_summary {
        println!(
            "ménages de {} demandes ({} personnes) : {} ajoutés, {} remplacés, {} inchangés",
            m.demandes, m.membres, m.created, m.replaced, m.unchanged
        );
    }
    Ok(())
}
