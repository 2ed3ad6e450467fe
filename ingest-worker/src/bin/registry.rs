//! `registry import FILE.csv`: imports (upserts) demandes into the registry, idempotently.
//! A bad row stops the import before anything is written, naming its line.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

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
    Import { file: PathBuf },
}

fn main() -> anyhow::Result<()> {
    ingest_worker::init_tracing();
    let Cli {
        command: Command::Import { file },
    } = Cli::parse();
    let input =
        std::fs::File::open(&file).with_context(|| format!("cannot open {}", file.display()))?;
    let rows = match storage::registry_csv::parse(input) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            std::process::exit(2);
        }
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let summary = rt.block_on(async {
        let db = storage::DbConfig::from_env()?
            .connect()
            .await
            .context("connecting to PostgreSQL")?;
        db.import_registry(&rows)
            .await
            .context("importing the registry")
    })?;
    println!(
        "{} demandes : {} ajoutées, {} mises à jour, {} inchangées",
        rows.len(),
        summary.inserted,
        summary.updated,
        summary.unchanged
    );
    Ok(())
}
