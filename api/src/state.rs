//! Shared state of the API.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use ingest_worker::amqp::{self, AmqpConfig};
use storage::{Db, DbConfig, ObjectConfig, ObjectStore};
use tokio::sync::Mutex;

/// API settings. Variables: `API_ADDR` (default `127.0.0.1:8080`), `BATCH_MAX_BYTES` (default
/// 2 GiB), `WORK_DIR` (temporary files, default the system temp dir), `SECURE_COOKIES` (`1`
/// behind TLS: every cookie gets the `Secure` flag), plus those of [`crate::mail::MailConfig`],
/// [`crate::auth::AuthConfig`],
/// [`DbConfig`], [`ObjectConfig`] and [`AmqpConfig`].
#[derive(Debug, Clone)]
pub struct ApiConfig {
    pub addr: String,
    pub batch_max_bytes: u64,
    pub work_dir: PathBuf,
    pub secure_cookies: bool,
}

impl ApiConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let batch_max_bytes = match std::env::var("BATCH_MAX_BYTES") {
            Ok(v) if !v.is_empty() => v
                .parse()
                .with_context(|| format!("BATCH_MAX_BYTES must be a number, not {v:?}"))?,
            _ => 2 << 30,
        };
        Ok(ApiConfig {
            addr: std::env::var("API_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into()),
            batch_max_bytes,
            work_dir: std::env::var("WORK_DIR")
                .map_or_else(|_| std::env::temp_dir(), PathBuf::from),
            secure_cookies: matches!(std::env::var("SECURE_COOKIES").as_deref(), Ok("1" | "true")),
        })
    }
}

/// Cheap to clone: everything behind `Arc`.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub objects: Arc<dyn ObjectStore>,
    pub amqp: Arc<AmqpConfig>,
    /// The publishing channel, (re)opened on demand.
    pub channel: Arc<Mutex<Option<(lapin::Connection, lapin::Channel)>>>,
    pub config: Arc<ApiConfig>,
    pub mail: Arc<crate::mail::MailConfig>,
    pub auth: Arc<crate::auth::AuthConfig>,
}

impl AppState {
    /// Builds the state from the environment.
    pub async fn from_env() -> anyhow::Result<Self> {
        let db = DbConfig::from_env()?
            .connect()
            .await
            .context("connecting to PostgreSQL")?;
        let objects: Arc<dyn ObjectStore> = Arc::from(ObjectConfig::from_env()?.build());
        Ok(AppState {
            db,
            objects,
            amqp: Arc::new(AmqpConfig::from_env()),
            channel: Arc::new(Mutex::new(None)),
            config: Arc::new(ApiConfig::from_env()?),
            mail: Arc::new(crate::mail::MailConfig::from_env()?),
            auth: Arc::new(crate::auth::AuthConfig::from_env()?),
        })
    }

    /// Publishes a message with a broker confirm, reconnecting once if the channel was lost.
    pub async fn publish(&self, queue: &str, payload: &serde_json::Value) -> anyhow::Result<()> {
        let mut guard = self.channel.lock().await;
        for attempt in 0..2 {
            let healthy = guard
                .as_ref()
                .is_some_and(|(c, ch)| c.status().connected() && ch.status().connected());
            if !healthy {
                *guard = Some(amqp::connect(&self.amqp, "api").await?);
            }
            let (_, channel) = guard.as_ref().expect("just connected");
            match amqp::publish_confirmed(channel, queue, payload).await {
                Ok(()) => return Ok(()),
                Err(e) if attempt == 0 => {
                    tracing::warn!(error = %format!("{e:#}"), "publish failed, reconnecting");
                    *guard = None;
                }
                Err(e) => return Err(e),
            }
        }
        unreachable!("two attempts at most")
    }
}
