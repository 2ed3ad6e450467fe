//! The RabbitMQ consumer. One queue carries two kinds of message: `{"batch_id": …}`, a scanned
//! batch stored in object storage, and `{"piece_id": …}`, a piece deposited digitally whose
//! original files must become one PDF (see [`process_upload`]).
//!
//! Order of a job: parse the message → download the batch → pipeline (OCR, classification) →
//! per pli: piece PDFs put under content keys → one short transaction (pli, pieces, journal,
//! idempotent on (batch, first page)) → after the whole batch, ack. A crash anywhere before the
//! ack means redelivery, and redelivery re-does only what was not committed.
//!
//! - Prefetch 1: a batch already keeps every core busy; more workers scale out.
//! - A dependency that is down (PostgreSQL, S3) pauses consumption with exponential backoff
//!   (1.5^n s, capped at 60 s) and the message is requeued, never dead-lettered for that.
//! - A message that cannot be parsed, or a batch delivered more than `MAX_DELIVERIES` times
//!   (a poison batch that kills the worker), goes to the dead-letter queue.
//! - A batch file that cannot be read (not a PDF/TIFF, encrypted, truncated) is recorded as
//!   failed with its reason, and the message acked deliberately.
//! - A deposited piece whose files cannot make a PDF (format, encryption, damage, limits of the
//!   merge child, over 2 Mo once merged) is rejected with its reason, and the message acked; a
//!   piece delivered more than `MAX_DELIVERIES` times is rejected and dead-lettered.
//! - SIGTERM/SIGINT: stop consuming, give the batch in flight `SHUTDOWN_GRACE_SECS` to finish,
//!   then leave it unacked (it will be redelivered).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use futures_util::StreamExt;
use lapin::options::{
    BasicAckOptions, BasicConsumeOptions, BasicNackOptions, BasicQosOptions, BasicRejectOptions,
};
use lapin::types::FieldTable;
use plan_de_classement::{NumeroUnique, Plan};
use storage::db::{NewPiece, NewPli, Recorded};
use storage::dead_letters::DeadJob;
use storage::objects::{piece_key, sha256_hex};
use storage::registry_csv::Etat;
use storage::{Db, DbConfig, ObjectConfig, ObjectStore};
use tokio::sync::watch;
use uuid::Uuid;

use crate::amqp::{self, AmqpConfig};
use crate::merge;
use crate::piece_pdf::{self, PiecePage};
use crate::pipeline::{self, DemandeInfo, PliDraft};

/// Worker settings. Variables: `WORKER_OCR_THREADS` (default: cores), `MAX_DELIVERIES`
/// (default 3), `SHUTDOWN_GRACE_SECS` (default 30), `WORK_DIR` (default the system temp dir),
/// plus those of [`DbConfig`], [`ObjectConfig`] and [`AmqpConfig`].
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    pub ocr_threads: usize,
    pub max_deliveries: i32,
    pub shutdown_grace: Duration,
    pub work_dir: PathBuf,
}

impl WorkerConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let num = |k: &str, d: u64| -> anyhow::Result<u64> {
            match std::env::var(k) {
                Ok(v) if !v.is_empty() => v
                    .parse()
                    .with_context(|| format!("{k} must be a number, not {v:?}")),
                _ => Ok(d),
            }
        };
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
        Ok(WorkerConfig {
            ocr_threads: num("WORKER_OCR_THREADS", cores)?.max(1) as usize,
            max_deliveries: num("MAX_DELIVERIES", 3)? as i32,
            shutdown_grace: Duration::from_secs(num("SHUTDOWN_GRACE_SECS", 30)?),
            work_dir: std::env::var("WORK_DIR")
                .map_or_else(|_| std::env::temp_dir(), PathBuf::from),
        })
    }
}

/// `ingest-worker migrate`, as the owner role (`MIGRATE_DATABASE_URL`): migrations, the plan de
/// classement, then the privileges of the application role (`APP_DB_ROLE`, default
/// `dossier_app`) that the services connect as (see [`storage::roles`]).
pub fn migrate_blocking() -> anyhow::Result<()> {
    runtime()?.block_on(async {
        let db = DbConfig::migrate_from_env()?
            .connect()
            .await
            .context("connecting to PostgreSQL (MIGRATE_DATABASE_URL)")?;
        db.migrate().await.context("applying migrations")?;
        let plan = Plan::bundled();
        db.sync_plan(&plan)
            .await
            .context("syncing the plan de classement")?;
        let app_role = match std::env::var("APP_DB_ROLE") {
            Ok(r) if !r.is_empty() => r,
            _ => "dossier_app".to_string(),
        };
        db.grant_app_role(&app_role)
            .await
            .context("granting the application role its privileges")?;
        tracing::info!(
            plan.version = plan.version,
            db.app_role = %app_role,
            "database migrated, plan de classement synced, application role granted"
        );
        Ok(())
    })
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

/// `ingest-worker run`.
pub fn run_blocking(exe: PathBuf) -> anyhow::Result<()> {
    runtime()?.block_on(run(exe))
}

struct Ctx {
    exe: PathBuf,
    db: Db,
    objects: Box<dyn ObjectStore>,
    plan: Plan,
    config: WorkerConfig,
}

/// What a message asks for.
#[derive(Debug, Clone, Copy)]
enum Job {
    Batch(Uuid),
    Upload(Uuid),
}

impl Job {
    fn parse(data: &[u8]) -> Option<Job> {
        let v = serde_json::from_slice::<serde_json::Value>(data).ok()?;
        let id = |k: &str| {
            v.get(k)
                .and_then(|b| b.as_str())
                .and_then(|s| Uuid::parse_str(s).ok())
        };
        id("piece_id")
            .map(Job::Upload)
            .or_else(|| id("batch_id").map(Job::Batch))
    }
}

impl std::fmt::Display for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Job::Batch(id) => write!(f, "batch {id}"),
            Job::Upload(id) => write!(f, "piece {id}"),
        }
    }
}

/// Why a job did not complete.
#[derive(Debug)]
enum BatchError {
    /// A dependency is down: requeue after a pause. `counted` tells whether this delivery was
    /// already counted in the database (it is then forgiven: see [`Forgiven`]).
    Transient { error: anyhow::Error, counted: bool },
}

/// Deliveries that ended on a transient failure, per job, in this worker. The database counts
/// every delivery to find poison messages (a job that keeps killing the worker); a delivery that
/// failed because PostgreSQL, S3 or the broker was down is not a sign of poison, so it is
/// subtracted here. A worker that is killed forgets them: a crash counts, as it should.
#[derive(Default)]
struct Forgiven(HashMap<String, i32>);

impl Forgiven {
    fn get(&self, job: &Job) -> i32 {
        self.0.get(&job.to_string()).copied().unwrap_or(0)
    }
    fn add(&mut self, job: &Job) {
        *self.0.entry(job.to_string()).or_insert(0) += 1;
    }
    fn clear(&mut self, job: &Job) {
        self.0.remove(&job.to_string());
    }
}

async fn run(exe: PathBuf) -> anyhow::Result<()> {
    let config = WorkerConfig::from_env()?;
    let amqp_config = AmqpConfig::from_env();
    let db_config = DbConfig::from_env()?;
    // Listening for SIGTERM/SIGINT from the start: a worker stopped while it waits for its
    // services stops cleanly.
    let (shutdown_tx, shutdown) = watch::channel(false);
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("installing the SIGTERM handler")?;
    tokio::spawn(async move {
        shutdown_signal(term).await;
        tracing::info!("shutdown requested: finishing the batch in flight");
        let _ = shutdown_tx.send(true);
    });
    // A worker started while PostgreSQL is down waits for it rather than exiting.
    let mut attempt = 0;
    let db = loop {
        match db_config.connect().await {
            Ok(db) => break db,
            Err(e) if attempt < 20 => {
                attempt += 1;
                let pause = backoff(attempt);
                tracing::warn!(error = %e, retry_in_s = pause.as_secs_f32(), "PostgreSQL unavailable at start-up");
                // `wait_for` sees a stop requested during the attempt too (`changed` would not).
                let mut s = shutdown.clone();
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    _ = s.wait_for(|stop| *stop) => {
                        tracing::info!("worker stopped before it started");
                        return Ok(());
                    }
                }
            }
            Err(e) => return Err(e).context("connecting to PostgreSQL"),
        }
    };
    // The plan tables are written by `migrate` (the owner role): the worker only checks them.
    let plan = Plan::bundled();
    let synced = db
        .plan_version()
        .await
        .context("reading the plan de classement (did you run `ingest-worker migrate`?)")?;
    if synced != Some(plan.version) {
        anyhow::bail!(
            "the database holds plan de classement version {}, this worker version {}: run `ingest-worker migrate`",
            synced.map_or_else(|| "none".to_string(), |v| v.to_string()),
            plan.version
        );
    }
    let objects = ObjectConfig::from_env()?.build();
    let ctx = Arc::new(Ctx {
        exe,
        db,
        objects,
        plan,
        config,
    });
    let mut failures = 0u32;
    let mut forgiven = Forgiven::default();
    loop {
        if *shutdown.borrow() {
            break;
        }
        match consume(
            &ctx,
            &amqp_config,
            shutdown.clone(),
            &mut failures,
            &mut forgiven,
        )
        .await
        {
            Ok(()) => break,
            Err(e) => {
                failures += 1;
                let pause = backoff(failures);
                tracing::warn!(error = %format!("{e:#}"), retry_in_s = pause.as_secs_f32(), "broker connection lost");
                let mut s = shutdown.clone();
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    _ = s.changed() => {}
                }
            }
        }
    }
    tracing::info!("worker stopped");
    Ok(())
}

/// 1.5^n seconds, capped at 30 s.
fn backoff(n: u32) -> Duration {
    Duration::from_secs_f64(1.5f64.powi(n.min(12) as i32).min(30.0))
}

/// Bounds a broker operation (ack, nack, reject): a broker that stopped answering must not hang
/// the worker; the error makes the supervisor reconnect, and the message is redelivered.
async fn bounded<T>(
    what: &str,
    op: impl std::future::Future<Output = Result<T, lapin::Error>>,
) -> anyhow::Result<T> {
    match tokio::time::timeout(amqp::BROKER_TIMEOUT, op).await {
        Ok(r) => r.with_context(|| format!("broker {what}")),
        Err(_) => anyhow::bail!("broker {what}: no answer in {:?}", amqp::BROKER_TIMEOUT),
    }
}

async fn shutdown_signal(mut term: tokio::signal::unix::Signal) {
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}

/// One connection's life: connect, consume until the connection fails (returns the error, the
/// caller reconnects after a pause) or shutdown (returns `Ok`).
async fn consume(
    ctx: &Arc<Ctx>,
    amqp_config: &AmqpConfig,
    mut shutdown: watch::Receiver<bool>,
    failures: &mut u32,
    forgiven: &mut Forgiven,
) -> anyhow::Result<()> {
    let (conn, channel) = amqp::connect(amqp_config, "ingest-worker").await?;
    bounded("qos", channel.basic_qos(1, BasicQosOptions::default())).await?;
    let tag = format!("ingest-worker-{}", Uuid::new_v4());
    let mut consumer = bounded(
        "consume",
        channel.basic_consume(
            amqp_config.queue.as_str().into(),
            tag.as_str().into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        ),
    )
    .await?;
    if *failures > 0 {
        tracing::info!(
            attempts = *failures,
            "broker connection re-established: consuming again"
        );
    }
    *failures = 0;
    // Consecutive transient failures: the pause before a requeue grows with them.
    let mut transient_streak = 0u32;
    tracing::info!(queue = %amqp_config.queue, "waiting for batches");
    loop {
        let delivery = tokio::select! {
            d = consumer.next() => d,
            _ = shutdown.changed() => {
                let _ = channel.basic_cancel(tag.as_str().into(), Default::default()).await;
                let _ = conn.close(200, "shutdown".into()).await;
                return Ok(());
            }
        };
        let Some(delivery) = delivery else {
            anyhow::bail!("consumer cancelled by the broker")
        };
        let delivery = delivery?;
        let Some(job) = Job::parse(&delivery.data) else {
            let recorded = ctx
                .db
                .record_dead_letter(
                    &amqp_config.queue,
                    &delivery.data,
                    None,
                    "message illisible (ni lot ni pièce)",
                    None,
                )
                .await;
            if let Err(e) = recorded {
                // Dead-lettered only once the operators can see it.
                transient_streak += 1;
                tracing::warn!(error = %e, "unparsable message not recorded: requeued");
                requeue_after(&delivery, backoff(transient_streak), &mut shutdown).await?;
                continue;
            }
            tracing::error!(
                bytes = delivery.data.len(),
                "unparsable message: dead-lettered"
            );
            bounded(
                "reject",
                delivery.reject(BasicRejectOptions { requeue: false }),
            )
            .await?;
            continue;
        };
        let forgive = forgiven.get(&job);
        let work = async {
            match job {
                Job::Batch(id) => process_batch(Arc::clone(ctx), id, forgive).await,
                Job::Upload(id) => process_upload(ctx, id, forgive).await,
            }
        };
        tokio::pin!(work);
        let result = tokio::select! {
            r = &mut work => r,
            _ = shutdown.changed() => {
                match tokio::time::timeout(ctx.config.shutdown_grace, &mut work).await {
                    Ok(r) => r,
                    Err(_) => {
                        tracing::warn!(job = %job, "shutdown deadline reached: job left unacked for redelivery");
                        let _ = conn.close(200, "shutdown".into()).await;
                        return Ok(());
                    }
                }
            }
        };
        // A dead letter is recorded for the operators first; if that fails, it is a transient
        // failure like any other.
        let result = match result {
            Ok(Disposition::DeadLetter(d)) => match ctx
                .db
                .record_dead_letter(
                    &amqp_config.queue,
                    &delivery.data,
                    Some(d.job),
                    &d.reason,
                    d.deliveries,
                )
                .await
            {
                Ok(_) => Ok(Disposition::DeadLetter(d)),
                Err(e) => Err(transient_uncounted(e)),
            },
            other => other,
        };
        match result {
            Ok(Disposition::Ack) => {
                forgiven.clear(&job);
                transient_streak = 0;
                bounded("ack", delivery.ack(BasicAckOptions::default())).await?;
            }
            Ok(Disposition::DeadLetter(_)) => {
                forgiven.clear(&job);
                transient_streak = 0;
                bounded(
                    "nack",
                    delivery.nack(BasicNackOptions {
                        requeue: false,
                        multiple: false,
                    }),
                )
                .await?;
            }
            Err(BatchError::Transient { error, counted }) => {
                if counted {
                    forgiven.add(&job);
                }
                transient_streak += 1;
                let pause = backoff(transient_streak);
                tracing::warn!(job = %job, error = %format!("{error:#}"), pause_s = pause.as_secs_f32(), "dependency unavailable: pausing, message requeued");
                requeue_after(&delivery, pause, &mut shutdown).await?;
            }
        }
        if *shutdown.borrow() {
            let _ = conn.close(200, "shutdown".into()).await;
            return Ok(());
        }
    }
}

/// Holds the message for `pause` (unacked, with prefetch 1: consumption pauses), then gives it
/// back to the queue; a shutdown cuts the pause short.
async fn requeue_after(
    delivery: &lapin::message::Delivery,
    pause: Duration,
    shutdown: &mut watch::Receiver<bool>,
) -> anyhow::Result<()> {
    tokio::select! {
        () = tokio::time::sleep(pause) => {}
        _ = shutdown.changed() => {}
    }
    bounded(
        "nack",
        delivery.nack(BasicNackOptions {
            requeue: true,
            multiple: false,
        }),
    )
    .await?;
    Ok(())
}

enum Disposition {
    Ack,
    DeadLetter(Dead),
}

/// A permanent failure: the message goes to the dead-letter queue, and the operators see why.
struct Dead {
    job: DeadJob,
    reason: String,
    deliveries: Option<i32>,
}

impl Disposition {
    fn dead(job: DeadJob, reason: impl Into<String>, deliveries: Option<i32>) -> Disposition {
        Disposition::DeadLetter(Dead {
            job,
            reason: reason.into(),
            deliveries,
        })
    }
}

/// A transient failure after the delivery was counted.
fn transient(e: impl Into<anyhow::Error>) -> BatchError {
    BatchError::Transient {
        error: e.into(),
        counted: true,
    }
}

/// A transient failure before the delivery could be counted (the database is down).
fn transient_uncounted(e: impl Into<anyhow::Error>) -> BatchError {
    BatchError::Transient {
        error: e.into(),
        counted: false,
    }
}

async fn process_batch(
    ctx: Arc<Ctx>,
    batch_id: Uuid,
    forgiven: i32,
) -> Result<Disposition, BatchError> {
    let Some((key, status, deliveries)) = ctx
        .db
        .start_batch(batch_id)
        .await
        .map_err(transient_uncounted)?
    else {
        tracing::error!(batch.id = %batch_id, "message for an unknown batch: dead-lettered");
        return Ok(Disposition::dead(
            DeadJob::Batch(batch_id),
            "lot inconnu",
            None,
        ));
    };
    if status == "done" || status == "failed" {
        tracing::info!(batch.id = %batch_id, status, "batch already processed: message acknowledged");
        return Ok(Disposition::Ack);
    }
    let deliveries = deliveries - forgiven;
    if deliveries > ctx.config.max_deliveries {
        let reason = format!(
            "lot abandonné après {} tentatives de traitement",
            deliveries - 1
        );
        ctx.db
            .fail_batch(batch_id, &reason)
            .await
            .map_err(transient)?;
        tracing::error!(batch.id = %batch_id, deliveries, "poison batch: dead-lettered");
        return Ok(Disposition::dead(
            DeadJob::Batch(batch_id),
            reason,
            Some(deliveries),
        ));
    }
    tracing::info!(batch.id = %batch_id, delivery = deliveries, "processing batch");
    let local = ctx.config.work_dir.join(format!("batch-{batch_id}"));
    ctx.objects
        .get_to_file(&key, &local)
        .await
        .map_err(transient)?;
    let result = process_file(&ctx, batch_id, &local).await;
    let _ = tokio::fs::remove_file(&local).await;
    result
}

/// Largest normalized piece.
const MAX_PIECE_BYTES: u64 = 2 * 1024 * 1024;

/// A piece deposited digitally: its original files (already in object storage) become one PDF
/// under its content key, and the piece takes its target status — or is rejected with a reason
/// for the depositor. Redelivery is a no-op once the piece has left `processing`.
async fn process_upload(
    ctx: &Arc<Ctx>,
    piece_id: Uuid,
    forgiven: i32,
) -> Result<Disposition, BatchError> {
    let Some(mut job) = ctx
        .db
        .start_upload(piece_id)
        .await
        .map_err(transient_uncounted)?
    else {
        tracing::error!(piece.id = %piece_id, "message for an unknown piece: dead-lettered");
        return Ok(Disposition::dead(
            DeadJob::Piece(piece_id),
            "pièce inconnue",
            None,
        ));
    };
    if job.status != "processing" {
        tracing::info!(piece.id = %piece_id, status = %job.status, "piece already processed: message acknowledged");
        return Ok(Disposition::Ack);
    }
    job.deliveries -= forgiven;
    if job.deliveries > ctx.config.max_deliveries {
        let reason = format!(
            "traitement abandonné après {} tentatives",
            job.deliveries - 1
        );
        ctx.db
            .reject_upload(piece_id, &reason)
            .await
            .map_err(transient)?;
        tracing::error!(piece.id = %piece_id, deliveries = job.deliveries, "poison piece: rejected and dead-lettered");
        return Ok(Disposition::dead(
            DeadJob::Piece(piece_id),
            reason,
            Some(job.deliveries),
        ));
    }
    let originals = match job.originals() {
        Ok(o) if !o.is_empty() => o,
        // Not logged: the parse error could quote a file name.
        _ => return reject_piece(ctx, piece_id, "aucun fichier à traiter").await,
    };
    tracing::info!(piece.id = %piece_id, delivery = job.deliveries, files = originals.len(), "normalizing piece");
    let dir = ctx.config.work_dir.join(format!("piece-{piece_id}"));
    let demande = job
        .demande
        .as_deref()
        .and_then(|n| NumeroUnique::parse(n).ok());
    let result = normalize(ctx, piece_id, &originals, &dir, demande.as_ref()).await;
    let _ = tokio::fs::remove_dir_all(&dir).await;
    result
}

async fn normalize(
    ctx: &Arc<Ctx>,
    piece_id: Uuid,
    originals: &[storage::uploads::Original],
    dir: &std::path::Path,
    demande: Option<&NumeroUnique>,
) -> Result<Disposition, BatchError> {
    tokio::fs::create_dir_all(dir).await.map_err(transient)?;
    let mut inputs = Vec::with_capacity(originals.len());
    for (i, original) in originals.iter().enumerate() {
        // Named by position: the user's file names never reach the disk or the logs.
        let path = dir.join(format!("in-{i}"));
        ctx.objects
            .get_to_file(&original.key, &path)
            .await
            .map_err(transient)?;
        inputs.push(path);
    }
    let out = dir.join("merged.pdf");
    let merged = match merge::merge_in_child(&ctx.exe, &out, &inputs).await {
        Ok(m) => m,
        Err(merge::MergeError::Refused(reason)) => {
            return reject_piece(ctx, piece_id, &reason).await
        }
        Err(e @ merge::MergeError::Unavailable(_)) => return Err(transient(e)),
    };
    let pdf = tokio::fs::read(&out).await.map_err(transient)?;
    if pdf.len() as u64 > MAX_PIECE_BYTES {
        return reject_piece(ctx, piece_id, "la pièce dépasse 2 Mo après traitement").await;
    }
    let sha = sha256_hex(&pdf);
    let key = piece_key(&sha);
    let size = pdf.len() as u64;
    ctx.objects.put(&key, pdf.into()).await.map_err(transient)?;
    let changed = ctx
        .db
        .finish_upload(piece_id, &key, &sha, size, merged.pages)
        .await
        .map_err(transient)?;
    if changed {
        // Whose piece it is, read as a paper piece would be: the type follows the household
        // member it names (a spouse's passport deposited as the spouse's is no doubt), and a
        // piece naming someone outside the household is flagged (a deposit on the wrong demande).
        let registry = match demande {
            Some(n) => demandes_with_households(ctx, std::slice::from_ref(n)).await?,
            None => HashMap::new(),
        };
        let info = demande.and_then(|n| registry.get(n));
        let classification = merged.read_type.as_ref().and_then(|(t, c)| {
            Some(classifier::types::Classification {
                type_code: plan_de_classement::TypeCode::parse(t).ok()?,
                confidence: *c,
            })
        });
        let checked = pipeline::check_piece(classification, &merged.text, info);
        let read_type = checked
            .type_code
            .as_ref()
            .map(|t| (t.as_str(), checked.confidence));
        let holder_note = checked.holder.is_outside().then(|| {
            format!(
                "{} : déposée sur la bonne demande ?",
                pipeline::OUTSIDE_HOUSEHOLD
            )
        });
        // What a guichet should check: the same document photographed twice.
        let duplicate = ctx
            .db
            .record_checks(
                piece_id,
                merged.phash.as_deref(),
                read_type,
                holder_note.as_deref(),
            )
            .await
            .map_err(transient)?;
        if let Some(d) = duplicate {
            tracing::info!(piece.id = %piece_id, duplicate.of = %d, "probable duplicate flagged");
        }
        tracing::info!(piece.id = %piece_id, pages = merged.pages, bytes = size, "piece normalized");
    } else {
        tracing::info!(piece.id = %piece_id, "piece already finished by an earlier delivery");
    }
    Ok(Disposition::Ack)
}

/// Rejects a piece whose files cannot make a PDF; the message is done with.
async fn reject_piece(
    ctx: &Arc<Ctx>,
    piece_id: Uuid,
    reason: &str,
) -> Result<Disposition, BatchError> {
    // The reason names no file and no person: it is safe to log.
    tracing::warn!(piece.id = %piece_id, reason = %reason, "piece rejected");
    ctx.db
        .reject_upload(piece_id, reason)
        .await
        .map_err(transient)?;
    Ok(Disposition::Ack)
}

enum Event {
    Pli(PliDraft),
    Progress(u32, Option<u32>),
}

async fn process_file(
    ctx: &Arc<Ctx>,
    batch_id: Uuid,
    path: &std::path::Path,
) -> Result<Disposition, BatchError> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Event>(2);
    let (exe, path_owned, threads) = (ctx.exe.clone(), path.to_path_buf(), ctx.config.ocr_threads);
    let (db, runtime) = (ctx.db.clone(), tokio::runtime::Handle::current());
    let known: pipeline::Known = Arc::new(move |numeros: &[NumeroUnique]| {
        // Called from an OCR thread (no runtime of its own): wait for the lookup there.
        match runtime.block_on(db.lookup_demandes(numeros)) {
            Ok(found) => found
                .into_iter()
                .map(|(numero, d)| pipeline::KnownDemande {
                    numero,
                    nom: d.nom,
                    date_naissance: d.date_naissance,
                })
                .collect(),
            Err(e) => {
                tracing::warn!(error = %e, "registry lookup for a cover failed");
                Vec::new()
            }
        }
    });
    let pipeline = tokio::task::spawn_blocking(move || {
        let tx_pages = tx.clone();
        let mut last = std::time::Instant::now();
        pipeline::run(
            &exe,
            &path_owned,
            threads,
            known,
            |pli| {
                tx.blocking_send(Event::Pli(pli))
                    .map_err(|_| anyhow::anyhow!("filing stopped"))
            },
            |done, total| {
                if last.elapsed() > Duration::from_millis(500) || total == Some(done) {
                    last = std::time::Instant::now();
                    let _ = tx_pages.blocking_send(Event::Progress(done, total));
                }
            },
        )
    });
    let mut filing_error = None;
    while let Some(event) = rx.recv().await {
        let r = match event {
            Event::Progress(done, total) => ctx
                .db
                .batch_progress(batch_id, done, total)
                .await
                .map_err(transient),
            Event::Pli(draft) => file_pli(ctx, batch_id, draft).await,
        };
        if let Err(e) = r {
            filing_error = Some(e);
            break;
        }
    }
    drop(rx);
    let outcome = pipeline
        .await
        .map_err(|e| transient(anyhow::anyhow!("pipeline task failed: {e}")))?;
    if let Some(e) = filing_error {
        return Err(e);
    }
    match outcome {
        Ok(stats) => {
            ctx.db
                .finish_batch(
                    batch_id,
                    stats.pages,
                    &stats.blank_pages,
                    &stats.rejected_pages,
                    &stats.warnings,
                )
                .await
                .map_err(transient)?;
            tracing::info!(batch.id = %batch_id, pages = stats.pages, blank = stats.blank_pages.len(), rejected = stats.rejected_pages.len(), "batch done");
            Ok(Disposition::Ack)
        }
        Err(e) => {
            let reason = match e.downcast_ref::<crate::intake::IntakeError>() {
                Some(i) => i.to_string(),
                None => return Err(transient(e)),
            };
            tracing::warn!(batch.id = %batch_id, reason = %reason, "batch file rejected");
            ctx.db
                .fail_batch(batch_id, &reason)
                .await
                .map_err(transient)?;
            Ok(Disposition::Ack)
        }
    }
}

/// The demandes the registry knows among `numeros`, with their households (one query each).
async fn demandes_with_households(
    ctx: &Arc<Ctx>,
    numeros: &[NumeroUnique],
) -> Result<HashMap<NumeroUnique, DemandeInfo>, BatchError> {
    let known = ctx.db.lookup_demandes(numeros).await.map_err(transient)?;
    let found: Vec<NumeroUnique> = known.keys().cloned().collect();
    let mut menages = ctx.db.menages(&found).await.map_err(transient)?;
    Ok(known
        .into_iter()
        .map(|(n, d)| {
            let menage = menages
                .remove(&n)
                .unwrap_or_default()
                .iter()
                .map(pipeline::member)
                .collect();
            let info = DemandeInfo {
                nom: d.nom,
                prenom: d.prenom,
                date_naissance: d.date_naissance,
                active: d.etat == Etat::Active,
                menage,
            };
            (n, info)
        })
        .collect())
}

async fn file_pli(ctx: &Arc<Ctx>, batch_id: Uuid, draft: PliDraft) -> Result<(), BatchError> {
    let numeros: Vec<NumeroUnique> = draft.candidates.iter().map(|c| c.numero.clone()).collect();
    let registry = demandes_with_households(ctx, &numeros).await?;
    // Pieces of someone outside the household at the end of the pli: an envelope without its
    // attestation, filed after this one as a pli of its own (put aside).
    let mut parts = pipeline::cut_strangers(draft, &registry).into_iter();
    let draft = parts.next().expect("cut_strangers keeps the pli");
    let rest = parts.next();
    // Limits are checked again under a row lock when recording; this read only shapes the reason.
    let mut counts: HashMap<NumeroUnique, HashMap<String, u32>> = HashMap::new();
    for n in registry.keys() {
        counts.insert(n.clone(), ctx.db.piece_counts(n).await.map_err(transient)?);
    }
    let decision = pipeline::decide(
        &draft,
        &registry,
        &|n, t| {
            counts
                .get(n)
                .and_then(|c| c.get(t.as_str()))
                .copied()
                .unwrap_or(0)
        },
        &ctx.plan,
    );
    let mut pieces = Vec::new();
    for p in &decision.pieces {
        let pages: Vec<PiecePage<'_>> = p
            .pages
            .iter()
            .map(|&i| PiecePage {
                page: &draft.pages[i].raw,
                extra_rotation: draft.pages[i].extra_rotation,
            })
            .collect();
        let pdf = piece_pdf::build(&pages);
        let sha = sha256_hex(&pdf);
        let key = piece_key(&sha);
        let size = pdf.len() as u64;
        ctx.objects.put(&key, pdf.into()).await.map_err(transient)?;
        pieces.push(NewPiece {
            type_code: p.type_code.clone(),
            confidence: p.confidence,
            needs_review: p.needs_review,
            check_reason: p.check_reason.clone(),
            first_page: pages[0].page.number,
            last_page: pages[pages.len() - 1].page.number,
            page_count: pages.len() as u32,
            object_key: key,
            sha256: sha,
            size_bytes: size,
        });
    }
    let cover_object_key = match &draft.cover {
        Some(cover) => {
            let pdf = piece_pdf::build(&[PiecePage {
                page: cover,
                extra_rotation: 0,
            }]);
            let key = format!("covers/{}.pdf", sha256_hex(&pdf));
            ctx.objects.put(&key, pdf.into()).await.map_err(transient)?;
            Some(key)
        }
        None => None,
    };
    let record = NewPli {
        batch_id,
        first_page: draft.first_page,
        last_page: draft.last_page,
        cover_page: draft.cover_page,
        numero_lu: decision.numero.clone(),
        outcome: decision.outcome.as_str().to_string(),
        reason: decision.reason.clone(),
        cover_object_key,
        blank_pages: draft.blank_pages.clone(),
        rejected_pages: draft.rejected_pages.clone(),
        pieces,
    };
    match ctx
        .db
        .record_pli(&record, &ctx.plan)
        .await
        .map_err(transient)?
    {
        Recorded::Written { outcome, .. } => {
            tracing::info!(batch.id = %batch_id, pli.first_page = draft.first_page, pli.outcome = %outcome, pli.pieces = record.pieces.len(), "pli filed");
        }
        Recorded::AlreadyThere => {
            tracing::info!(batch.id = %batch_id, pli.first_page = draft.first_page, "pli already filed by an earlier delivery");
        }
    }
    if let Some(rest) = rest {
        tracing::info!(batch.id = %batch_id, pli.first_page = rest.first_page, "pieces outside the household cut off the previous pli");
        Box::pin(file_pli(ctx, batch_id, rest)).await?;
    }
    Ok(())
}
