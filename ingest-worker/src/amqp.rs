//! RabbitMQ topology and publishing, shared by the API (publisher) and the worker (consumer).
//!
//! - `<queue>`: durable, messages persistent; rejected messages go to the dead-letter exchange.
//! - `<queue>.dead`: the dead-letter queue, bound to the exchange `<queue>.dlx`.

use std::time::Duration;

use lapin::options::{
    BasicPublishOptions, ConfirmSelectOptions, ExchangeDeclareOptions, QueueBindOptions,
    QueueDeclareOptions,
};
use lapin::types::{AMQPValue, FieldTable};
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties, ExchangeKind};

/// Broker configuration. Variables: `AMQP_URL` (default `amqp://guest:guest@127.0.0.1:5672/%2f`),
/// `BATCH_QUEUE` (default `dossier.batches`).
#[derive(Clone)]
pub struct AmqpConfig {
    pub url: String,
    pub queue: String,
}

/// Printed without the password of its URL.
impl std::fmt::Debug for AmqpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AmqpConfig")
            .field("url", &storage::db::redacted_url(&self.url))
            .field("queue", &self.queue)
            .finish()
    }
}

impl AmqpConfig {
    pub fn from_env() -> Self {
        let var = |k: &str, d: &str| {
            std::env::var(k)
                .ok()
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| d.to_string())
        };
        AmqpConfig {
            url: var("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2f"),
            queue: var("BATCH_QUEUE", "dossier.batches"),
        }
    }

    pub fn dead_letter_queue(&self) -> String {
        format!("{}.dead", self.queue)
    }

    fn dead_letter_exchange(&self) -> String {
        format!("{}.dlx", self.queue)
    }
}

/// Timeout on every broker round trip: a broker that stops answering must not hang the caller.
pub const BROKER_TIMEOUT: Duration = Duration::from_secs(15);

/// Connects and declares the topology; returns the connection and a channel in confirm mode.
///
/// # Errors
/// When the broker cannot be reached or refuses the topology.
pub async fn connect(config: &AmqpConfig, name: &str) -> anyhow::Result<(Connection, Channel)> {
    let props = ConnectionProperties::default().with_connection_name(name.into());
    let conn = tokio::time::timeout(BROKER_TIMEOUT, Connection::connect(&config.url, props))
        .await
        .map_err(|_| anyhow::anyhow!("timed out connecting to the broker"))??;
    let channel = conn.create_channel().await?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await?;
    let durable = QueueDeclareOptions {
        durable: true,
        ..QueueDeclareOptions::default()
    };
    let dlx = config.dead_letter_exchange();
    channel
        .exchange_declare(
            dlx.as_str().into(),
            ExchangeKind::Direct,
            ExchangeDeclareOptions {
                durable: true,
                ..ExchangeDeclareOptions::default()
            },
            FieldTable::default(),
        )
        .await?;
    let dead = config.dead_letter_queue();
    channel
        .queue_declare(dead.as_str().into(), durable, FieldTable::default())
        .await?;
    channel
        .queue_bind(
            dead.as_str().into(),
            dlx.as_str().into(),
            dead.as_str().into(),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let mut args = FieldTable::default();
    args.insert(
        "x-dead-letter-exchange".into(),
        AMQPValue::LongString(dlx.as_str().into()),
    );
    args.insert(
        "x-dead-letter-routing-key".into(),
        AMQPValue::LongString(dead.as_str().into()),
    );
    channel
        .queue_declare(config.queue.as_str().into(), durable, args)
        .await?;
    Ok((conn, channel))
}

/// Publishes a persistent JSON message and waits for the broker's confirm.
///
/// # Errors
/// When the broker does not confirm (nack, timeout, closed channel).
pub async fn publish_confirmed(
    channel: &Channel,
    queue: &str,
    payload: &serde_json::Value,
) -> anyhow::Result<()> {
    let body = serde_json::to_vec(payload)?;
    let props = BasicProperties::default()
        .with_delivery_mode(2)
        .with_content_type("application/json".into());
    let confirm = tokio::time::timeout(BROKER_TIMEOUT, async {
        channel
            .basic_publish(
                "".into(),
                queue.into(),
                BasicPublishOptions::default(),
                &body,
                props,
            )
            .await?
            .await
    })
    .await
    .map_err(|_| anyhow::anyhow!("timed out waiting for the broker's confirm"))??;
    if confirm.is_nack() {
        anyhow::bail!("the broker refused the message (nack)");
    }
    Ok(())
}
