//! The outbox relay: publishes the messages written with their rows that could not be
//! published at once (broker down when the batch was submitted).

use std::time::Duration;

use crate::AppState;

/// Publishes pending outbox messages now; returns how many were published.
pub async fn relay_once(state: &AppState) -> anyhow::Result<usize> {
    let pending = state.db.outbox_pending(100).await?;
    let mut n = 0;
    for (id, queue, payload) in pending {
        state.publish(&queue, &payload).await?;
        state.db.outbox_published(id).await?;
        n += 1;
    }
    Ok(n)
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
