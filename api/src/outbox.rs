//! The outbox relay: publishes the messages written with their rows that could not be
//! published at once (broker down when the batch was submitted).

use std::time::Duration;

use crate::AppState;

/// Publishes pending outbox messages now; returns how many were published.
pub async fn relay_once(state: &AppState) -> anyhow::Result<usize> {
    let claim = state.db.outbox_claim(100).await?;
    if claim.messages.is_empty() {
        return Ok(0);
    }
    let mut done = Vec::with_capacity(claim.messages.len());
    let mut failed = None;
    for (id, queue, payload) in &claim.messages {
        match state.publish(queue, payload).await {
            Ok(()) => done.push(*id),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    claim.published(&done).await?;
    match failed {
        Some(e) => Err(e),
        None => Ok(done.len()),
    }
}

/// Runs the relay every few seconds, forever.
pub async fn run(state: AppState) {
    loop {
        match relay_once(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(messages = n, "outbox relayed"),
            Err(e) => tracing::warn!(error = %format!("{e:#}"), "outbox relay failed, will retry"),
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
    }
}
