//! The e-mail relay: sends the messages written to `mail_outbox` with the events they announce,
//! through SMTP (lettre). A message that fails is retried a few times, then left with its error.

use std::time::Duration;

use anyhow::Context;
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Message, Tokio1Executor};

use crate::AppState;

const MAX_ATTEMPTS: i32 = 5;

/// SMTP settings. Variables: `SMTP_HOST` (unset: e-mails stay queued), `SMTP_PORT` (default
/// 25), `MAIL_FROM` (default `pieces-justificatives@localhost`). Plain SMTP on a local relay.
#[derive(Debug, Clone)]
pub struct MailConfig {
    pub host: Option<String>,
    pub port: u16,
    pub from: String,
}

impl MailConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let port = match std::env::var("SMTP_PORT") {
            Ok(p) if !p.is_empty() => p
                .parse()
                .with_context(|| format!("SMTP_PORT must be a port number, not {p:?}"))?,
            _ => 25,
        };
        let from =
            std::env::var("MAIL_FROM").unwrap_or_else(|_| "pieces-justificatives@localhost".into());
        from.parse::<Mailbox>()
            .with_context(|| format!("MAIL_FROM is not an e-mail address: {from:?}"))?;
        Ok(MailConfig {
            host: std::env::var("SMTP_HOST").ok().filter(|h| !h.is_empty()),
            port,
            from,
        })
    }
}

/// Sends pending e-mails; returns how many were sent.
pub async fn relay_once(state: &AppState) -> anyhow::Result<usize> {
    let Some(host) = &state.mail.host else {
        return Ok(0);
    };
    let pending = state.db.mail_pending(MAX_ATTEMPTS).await?;
    if pending.is_empty() {
        return Ok(0);
    }
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(state.mail.port)
        .timeout(Some(Duration::from_secs(10)))
        .build();
    let mut sent = 0;
    for m in pending {
        let result = async {
            let message = Message::builder()
                .from(state.mail.from.parse()?)
                .to(m.recipient.parse()?)
                .subject(&m.subject)
                .header(ContentType::TEXT_PLAIN)
                .body(m.body.clone())?;
            transport.send(message).await?;
            anyhow::Ok(())
        }
        .await;
        match result {
            Ok(()) => {
                state.db.mail_done(m.id, None).await?;
                sent += 1;
            }
            Err(e) => {
                // The address is personal data: log the message id only.
                tracing::warn!(mail.id = m.id, attempt = m.attempts + 1, error = %format!("{e:#}"), "e-mail not sent");
                state.db.mail_done(m.id, Some(&format!("{e:#}"))).await?;
            }
        }
    }
    Ok(sent)
}

/// Runs the relay every second or two, forever.
pub async fn run(state: AppState) {
    loop {
        match relay_once(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(mails = n, "e-mails sent"),
            Err(e) => tracing::warn!(error = %format!("{e:#}"), "e-mail relay failed, will retry"),
        }
        tokio::time::sleep(Duration::from_millis(1500)).await;
    }
}
