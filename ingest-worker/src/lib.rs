#![doc = include_str!("../README.md")]
//!
//!
//! The binary `ingest-worker` has the subcommands `run` (the RabbitMQ consumer), `analyze`
//! (dry run on a file, JSON on stdout), `migrate`, and the internal `extract` and `merge` (the
//! sandboxed children that parse a batch file, and turn a deposited piece's files into one PDF).
//! `registry import` is a separate binary of this package; the synthetic batches (`gen-corpus`)
//! live in the dev-only crate `tests/corpus`.

pub mod amqp;
pub mod analyze;
pub mod classify;
pub mod intake;
pub mod merge;
pub mod ocr;
pub mod page;
pub mod photo;
pub mod piece_pdf;
pub mod pipeline;
pub mod recompress;
pub mod worker;

/// Debian's libtesseract is built with OpenMP: without `OMP_THREAD_LIMIT=1` in the environment
/// **at process start**, recognition is ~6× slower on 2 cores. Setting it from `main` is too
/// late for the OpenMP runtime, so when it is missing the binary re-executes itself with it.
/// Call first thing in `main`.
pub fn ensure_omp_thread_limit() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("OMP_THREAD_LIMIT").is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let err = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("OMP_THREAD_LIMIT", "1")
        .exec();
    // exec only returns on failure: go on, slower.
    eprintln!("warning: could not re-execute with OMP_THREAD_LIMIT=1 ({err}); OCR will be slow");
}

/// Loads the classifier's lexicon — `LEXICON_FILE` when set (a deployment's own wordings),
/// else the bundled `lexicon.toml` — checks it against the plan de classement and installs it.
/// Called at start-up: a lexicon naming a type the plan lacks, or leaving a type of the plan
/// without cues, stops the program with the reason.
///
/// # Errors
/// An unreadable or inconsistent lexicon.
pub fn install_lexicon() -> anyhow::Result<()> {
    use anyhow::Context;
    use plan_de_classement::{Lexicon, Plan};
    let lexicon = match std::env::var("LEXICON_FILE") {
        Ok(path) if !path.trim().is_empty() => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading the lexicon LEXICON_FILE={path}"))?;
            Lexicon::parse(&text).with_context(|| format!("LEXICON_FILE={path}"))?
        }
        _ => Lexicon::bundled(),
    };
    lexicon
        .check(&Plan::bundled())
        .context("the lexicon does not match the plan de classement")?;
    classifier::types::install_lexicon(&lexicon)?;
    Ok(())
}

/// Sets up `tracing`: human-readable by default, JSON with `LOG_FORMAT=json`; level from
/// `RUST_LOG` (default `info`).
pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if std::env::var("LOG_FORMAT").as_deref() == Ok("json") {
        builder.json().init();
    } else {
        builder.init();
    }
}
