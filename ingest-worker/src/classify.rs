//! `ingest-worker classify FILE [FILE…] [--registry R.csv --menage M.csv --numero NUMERO]`: each
//! file read as a deposit is — the same sandboxed child, the same reader — and typed; its
//! holder checked against the household when the demande is given. One JSON line per file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use classifier::types::Classification;
use plan_de_classement::{NumeroUnique, Plan, TypeCode};
use serde::Serialize;

use crate::analyze::PieceReading;
use crate::merge::{merge_in_child, MergeError};
use crate::pipeline::{check_piece, DemandeInfo};

/// One file's line.
#[derive(Debug, Serialize)]
pub struct Line {
    pub file: String,
    #[serde(flatten)]
    pub reading: PieceReading,
    /// Why the file could not be read (French), when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Reads one file in the sandboxed child and types it.
///
/// # Errors
/// When the child cannot be run at all.
pub async fn classify_file(
    exe: &Path,
    file: &Path,
    demande: Option<&DemandeInfo>,
    plan: &Plan,
) -> anyhow::Result<Line> {
    let out = std::env::temp_dir().join(format!(
        "classify-{}-{}.pdf",
        std::process::id(),
        uuid::Uuid::new_v4()
    ));
    let merged = merge_in_child(exe, &out, &[file.to_path_buf()]).await;
    let _ = std::fs::remove_file(&out);
    let mut line = Line {
        file: file.display().to_string(),
        reading: PieceReading {
            needs_review: true,
            ..PieceReading::default()
        },
        error: None,
    };
    let merged = match merged {
        Ok(m) => m,
        Err(MergeError::Refused(reason)) => {
            line.error = Some(reason);
            return Ok(line);
        }
        Err(e @ MergeError::Unavailable(_)) => return Err(e.into()),
    };
    let classification = merged.read_type.as_ref().and_then(|(t, c)| {
        Some(Classification {
            type_code: TypeCode::parse(t).ok()?,
            confidence: *c,
        })
    });
    let piece = check_piece(classification, &merged.text, demande);
    line.reading = PieceReading::of(&piece, plan);
    Ok(line)
}

/// Classifies the files one after another, printing each line as it is ready.
///
/// # Errors
/// When the registry is bad, the numéro is unknown to it, or the child cannot be run.
pub fn run(
    exe: &Path,
    files: &[PathBuf],
    registry: Option<&HashMap<NumeroUnique, DemandeInfo>>,
    numero: Option<&NumeroUnique>,
    mut print: impl FnMut(&Line),
) -> anyhow::Result<()> {
    let demande = match (registry, numero) {
        (Some(r), Some(n)) => Some(
            r.get(n)
                .ok_or_else(|| anyhow::anyhow!("numéro unique {n} absent du registre"))?,
        ),
        (None, Some(_)) => anyhow::bail!("--numero demande aussi --registry"),
        _ => None,
    };
    let plan = Plan::bundled();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    for file in files {
        let line = rt.block_on(classify_file(exe, file, demande, &plan))?;
        print(&line);
    }
    Ok(())
}
