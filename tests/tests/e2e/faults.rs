//! Faults during an ingest of generated batches and uploads: the worker killed with SIGKILL at
//! random points, RabbitMQ restarted, PostgreSQL and the S3 server stopped for 30 s. Each test
//! prints Jepsen-style counts (submitted, lost, duplicated, unexpected) and asserts that the last
//! three are 0.
//!
//! The service faults run on a PostgreSQL, a RabbitMQ node and an S3 server of their own (on free
//! loopback ports, in a temporary directory), so that stopping them disturbs no other test and no
//! service of the machine.
//!
//! Sizes come from the environment, for the soak script (`scripts/soak.sh`): `FAULT_KILLS`
//! (default 20), `FAULT_UPLOADS` (default 60), `FAULT_BATCHES` (default 2).

use std::collections::HashMap;
use std::io::Write;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use corpus::{BatchFormat, CorpusOptions};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::app::{deposit_at, small_pdf, Services, TestApp};

fn env_num(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Writes to the real stderr, past the test harness's capture: the counts are always shown.
fn report(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

// ---------------------------------------------------------------------------------------------
// The workload: uploads spread over demandes and types within the plan's limits, and batches.

fn upload_numero(demande: usize) -> String {
    format!("0751220{demande:06}DGALN")
}

#[derive(Default)]
struct Workload {
    /// Pieces the API accepted (202): each must exist exactly once at the end.
    accepted: Vec<String>,
    /// Deposits the API refused or did not answer (a dependency down): not submitted.
    refused: usize,
    /// Batches the API accepted.
    batches: Vec<String>,
    next_upload: usize,
}

struct Plan {
    run: String,
    token: String,
    slots: Vec<&'static str>,
}

impl Plan {
    /// Imports the demandes that `uploads` deposits need; returns the plan of the deposits.
    fn prepare(app: &TestApp, uploads: usize) -> Plan {
        let slots = crate::app::type_slots();
        let demandes = uploads.div_ceil(slots.len()).max(1);
        let mut csv = String::from(
            "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n",
        );
        for d in 0..demandes {
            csv.push_str(&format!(
                "{},MARTIN,Claire,1985-04-0{},active,075,DGALN,2021-03-01\n",
                upload_numero(d),
                1 + d % 9
            ));
        }
        let out = app.import_registry(&csv);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Plan {
            run: uuid::Uuid::new_v4().simple().to_string(),
            token: app.token("guichet_enregistreur", "DGALN", "075"),
            slots,
        }
    }
}

/// Deposits upload number `w.next_upload` (distinct content each time).
async fn deposit_next(client: &reqwest::Client, base: &str, plan: &Plan, w: &mut Workload) {
    let i = w.next_upload;
    w.next_upload += 1;
    let numero = upload_numero(i / plan.slots.len());
    let type_code = plan.slots[i % plan.slots.len()];
    let pdf = small_pdf(&format!("Piece {i} du lot d'essai {}", plan.run));
    let (status, body) = deposit_at(
        client,
        base,
        &plan.token,
        &numero,
        Some(type_code),
        &[("piece.pdf", pdf)],
    )
    .await;
    match (status, body["id"].as_str()) {
        (202, Some(id)) => w.accepted.push(id.to_string()),
        (202, None) => panic!("accepted without an id: {body}"),
        (400..=499, _) => panic!("deposit {i} refused as a client error {status}: {body}"),
        _ => w.refused += 1,
    }
}

fn generated_batch(plis: usize, seed: u64) -> (Vec<u8>, String) {
    let c = corpus::generate(&CorpusOptions {
        plis,
        seed,
        format: BatchFormat::Pdf,
        dpi: 300,
        noise: false,
        ..Default::default()
    })
    .unwrap();
    (c.batch, c.registry_csv)
}

async fn submit_batch(app: &TestApp, w: &mut Workload, plis: usize, seed: u64) {
    let (bytes, registry) = generated_batch(plis, seed);
    assert!(app.import_registry(&registry).status.success());
    let (status, body) = app.submit(bytes, "lot.pdf").await;
    assert_eq!(status, 202, "{body}");
    w.batches.push(body["id"].as_str().unwrap().to_string());
}

// ---------------------------------------------------------------------------------------------
// Checking the end state.

#[derive(Debug, Default)]
struct Counts {
    submitted: usize,
    lost: usize,
    duplicated: usize,
    unexpected: usize,
    details: Vec<String>,
}

impl Counts {
    fn lost(&mut self, what: String) {
        self.lost += 1;
        self.details.push(format!("lost: {what}"));
    }
    fn duplicated(&mut self, n: usize, what: String) {
        self.duplicated += n;
        self.details.push(format!("duplicated ×{n}: {what}"));
    }
    fn unexpected(&mut self, n: usize, what: String) {
        self.unexpected += n;
        self.details.push(format!("unexpected ×{n}: {what}"));
    }

    fn assert_clean(&self, name: &str, app: &TestApp) {
        report(&format!(
            "faults[{name}]: submitted {} · lost {} · duplicated {} · unexpected {}",
            self.submitted, self.lost, self.duplicated, self.unexpected
        ));
        assert!(
            self.lost == 0 && self.duplicated == 0 && self.unexpected == 0,
            "{name}: {:#?}\nworker log (tail):\n{}",
            self.details,
            tail(&app.logs(), 60)
        );
    }
}

fn tail(s: &str, lines: usize) -> String {
    let v: Vec<&str> = s.lines().collect();
    v[v.len().saturating_sub(lines)..].join("\n")
}

/// Waits until every batch is `done` or `failed` and no piece is `processing`.
async fn wait_drained(app: &TestApp, w: &Workload, timeout: Duration) {
    let started = Instant::now();
    loop {
        let open_batches: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM batches WHERE status NOT IN ('done', 'failed')",
        )
        .fetch_one(&app.db)
        .await
        .unwrap_or(i64::MAX);
        let processing: i64 =
            sqlx::query_scalar("SELECT count(*) FROM pieces WHERE status = 'processing'")
                .fetch_one(&app.db)
                .await
                .unwrap_or(i64::MAX);
        if open_batches == 0 && processing == 0 {
            return;
        }
        assert!(
            started.elapsed() < timeout,
            "not drained after {timeout:?}: {open_batches} batch(es) open, {processing} piece(s) processing, {} accepted\nworker log (tail):\n{}",
            w.accepted.len(),
            tail(&app.logs(), 60)
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Whether the object exists and still has the content its sha256 says.
async fn object_intact(app: &TestApp, key: &str, sha256: &str) -> bool {
    app.object_exists(key).await && hex::encode(Sha256::digest(app.object(key).await)) == sha256
}

/// Counts what is lost, twice or unexpected. Orphan objects are reconciled first (grace 0), so
/// that a reconciliation removing a referenced object shows as a loss.
async fn verify(app: &TestApp, w: &Workload) -> Counts {
    let mut c = Counts {
        submitted: w.accepted.len() + w.batches.len(),
        ..Counts::default()
    };
    let (ok, out) = app.admin_status(&["objects", "reconcile", "--grace-hours", "0"]);
    assert!(ok, "reconcile: {out}");
    report(&format!(
        "  reconcile: {}",
        out.lines().last().unwrap_or_default()
    ));
    let (ok, out) = app.admin_status(&["objects", "reconcile", "--grace-hours", "0", "--dry-run"]);
    assert!(ok, "reconcile: {out}");
    if !out.contains("0 objet(s) orphelin(s)") {
        c.unexpected(1, format!("orphans survive reconciliation: {out}"));
    }

    // Uploads: each accepted piece filed once, with its object.
    for id in &w.accepted {
        let row: Option<(String, String, String)> =
            sqlx::query_as("SELECT status, object_key, sha256 FROM pieces WHERE id = $1::uuid")
                .bind(id)
                .fetch_optional(&app.db)
                .await
                .unwrap();
        match row {
            None => c.lost(format!("piece {id}: no row")),
            Some((status, key, sha)) => {
                if !matches!(status.as_str(), "attached" | "to_review") {
                    let reason: Option<String> =
                        sqlx::query_scalar("SELECT status_reason FROM pieces WHERE id = $1::uuid")
                            .bind(id)
                            .fetch_one(&app.db)
                            .await
                            .unwrap();
                    c.lost(format!("piece {id}: status {status} ({reason:?})"));
                } else if !object_intact(app, &key, &sha).await {
                    c.lost(format!("piece {id}: object {key} missing or altered"));
                }
            }
        }
        let creations: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM journal WHERE piece_id = $1::uuid AND event = 'creation'",
        )
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
        if creations == 0 {
            c.lost(format!("piece {id}: no journal entry"));
        } else if creations > 1 {
            c.duplicated(
                creations as usize - 1,
                format!("piece {id}: journal creation"),
            );
        }
    }
    let uploads: i64 = sqlx::query_scalar("SELECT count(*) FROM pieces WHERE pli_id IS NULL")
        .fetch_one(&app.db)
        .await
        .unwrap();
    if uploads as usize > w.accepted.len() {
        c.unexpected(
            uploads as usize - w.accepted.len(),
            "uploaded pieces nobody was told about".into(),
        );
    }
    let twice: Vec<(String, i64)> = sqlx::query_as(
        "SELECT sha256, count(*) FROM pieces WHERE pli_id IS NULL GROUP BY sha256 HAVING count(*) > 1",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    for (sha, n) in twice {
        c.duplicated(n as usize - 1, format!("uploaded content {sha}"));
    }

    // Batches: every page of the file accounted for exactly once (a cover, a blank page, a
    // rejected page or a page of a piece), every piece with its object.
    for id in &w.batches {
        let (status, total): (String, Option<i32>) =
            sqlx::query_as("SELECT status, pages_total FROM batches WHERE id = $1::uuid")
                .bind(id)
                .fetch_one(&app.db)
                .await
                .unwrap();
        if status != "done" {
            c.lost(format!("batch {id}: status {status}"));
            continue;
        }
        let total = total.unwrap_or(0);
        let plis: Vec<(uuid::Uuid, i32, i32, Option<i32>, Vec<i32>, Value)> = sqlx::query_as(
            "SELECT id, first_page, last_page, cover_page, blank_pages, rejected_pages
               FROM plis WHERE batch_id = $1::uuid",
        )
        .bind(id)
        .fetch_all(&app.db)
        .await
        .unwrap();
        let mut in_pli: HashMap<i32, usize> = HashMap::new();
        let mut used: HashMap<i32, usize> = HashMap::new();
        for (pli, first, last, cover, blank, rejected) in &plis {
            for p in *first..=*last {
                *in_pli.entry(p).or_default() += 1;
            }
            let mut mark = |p: i32| *used.entry(p).or_default() += 1;
            if let Some(p) = cover {
                mark(*p);
            }
            blank.iter().copied().for_each(&mut mark);
            for r in rejected.as_array().into_iter().flatten() {
                mark(r["page"].as_i64().unwrap_or(-1) as i32);
            }
            let pieces: Vec<(uuid::Uuid, i32, i32, String, String)> = sqlx::query_as(
                "SELECT id, first_page, last_page, object_key, sha256 FROM pieces WHERE pli_id = $1",
            )
            .bind(pli)
            .fetch_all(&app.db)
            .await
            .unwrap();
            for (piece, pf, pl, key, sha) in pieces {
                (pf..=pl).for_each(&mut mark);
                if !object_intact(app, &key, &sha).await {
                    c.lost(format!(
                        "batch {id}, piece {piece}: object {key} missing or altered"
                    ));
                }
                let creations: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM journal WHERE piece_id = $1 AND event = 'creation'",
                )
                .bind(piece)
                .fetch_one(&app.db)
                .await
                .unwrap();
                if creations > 1 {
                    c.duplicated(
                        creations as usize - 1,
                        format!("batch {id}, piece {piece}: journal creation"),
                    );
                }
            }
        }
        for p in 1..=total {
            match (
                in_pli.get(&p).copied().unwrap_or(0),
                used.get(&p).copied().unwrap_or(0),
            ) {
                (0, _) => c.lost(format!("batch {id}: page {p} in no pli")),
                (_, 0) => c.lost(format!("batch {id}: page {p} neither filed nor set aside")),
                (1, 1) => {}
                (a, b) => c.duplicated(
                    a.max(b) - 1,
                    format!("batch {id}: page {p} ({a} plis, {b} uses)"),
                ),
            }
        }
    }
    c
}

/// Whether a batch or a piece is being processed (or was, by a worker just killed).
async fn job_in_flight(app: &TestApp) -> bool {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM batches WHERE status = 'processing')
             OR EXISTS (SELECT 1 FROM pieces WHERE status = 'processing' AND deliveries > 0)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap_or(false)
}

// ---------------------------------------------------------------------------------------------
// 1. The worker killed with SIGKILL at random points.

#[tokio::test]
async fn the_worker_killed_at_random_points_loses_nothing_and_files_nothing_twice() {
    let kills = env_num("FAULT_KILLS", 20);
    let uploads = env_num("FAULT_UPLOADS", 60);
    let batches = env_num("FAULT_BATCHES", 2);
    // A job that keeps killing the worker is dead-lettered after MAX_DELIVERIES deliveries
    // (tested in bad_input.rs); here the kills come from outside, and the same job is often hit
    // several times in a row, so the guard is set out of the way.
    let mut app =
        TestApp::spawn_on(Services::from_env(), None, &[("MAX_DELIVERIES", "1000")]).await;
    let plan = Plan::prepare(&app, uploads);
    let seed: u64 = std::env::var("FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    report(&format!(
        "faults[kill]: seed {seed}, {kills} kills, {uploads} uploads, {batches} batches"
    ));
    let mut rng = StdRng::seed_from_u64(seed);
    let mut w = Workload::default();
    let (client, base) = (app.client.clone(), app.base.clone());

    // Batches are submitted among the uploads, so that kills land on both kinds of job.
    let batch_at: Vec<usize> = (0..batches).map(|b| uploads * b / batches.max(1)).collect();
    let mut kill_times: Vec<Duration> = Vec::new();
    let started = Instant::now();
    let mut next_kill = started + Duration::from_millis(rng.gen_range(500..2500));
    let mut killed = 0;
    let mut postponed = 0;
    while killed < kills || w.next_upload < uploads {
        if w.next_upload < uploads {
            if let Some(b) = batch_at.iter().position(|&at| at == w.next_upload) {
                if w.batches.len() <= b {
                    submit_batch(&app, &mut w, 2, seed.wrapping_add(b as u64)).await;
                }
            }
            deposit_next(&client, &base, &plan, &mut w).await;
            tokio::time::sleep(Duration::from_millis(rng.gen_range(0..250))).await;
        } else {
            tokio::time::sleep(next_kill.saturating_duration_since(Instant::now())).await;
        }
        // Every other kill waits (a little) for a job in flight, so that kills surely land on
        // work as well as on idle and starting workers.
        if killed < kills
            && Instant::now() >= next_kill
            && killed % 2 == 1
            && postponed < 15
            && !job_in_flight(&app).await
        {
            postponed += 1;
            next_kill = Instant::now() + Duration::from_millis(200);
        }
        if killed < kills && Instant::now() >= next_kill {
            postponed = 0;
            app.kill_worker();
            kill_times.push(started.elapsed());
            killed += 1;
            // Restarted at once most of the time; sometimes after a pause, as a supervisor would.
            if rng.gen_bool(0.2) {
                tokio::time::sleep(Duration::from_millis(rng.gen_range(200..1500))).await;
            }
            app.start_worker();
            next_kill = Instant::now() + Duration::from_millis(rng.gen_range(300..3000));
        }
    }
    assert_eq!(
        w.refused, 0,
        "deposits refused while only the worker was killed"
    );
    wait_drained(&app, &w, Duration::from_secs(120 + uploads as u64 / 2)).await;
    // Deliveries beyond the first: each is a kill that landed on a job in progress (or just
    // before its ack).
    let (redelivered,): (i64,) = sqlx::query_as(
        "SELECT (SELECT coalesce(sum(deliveries - 1), 0) FROM pieces WHERE deliveries > 1)
              + (SELECT coalesce(sum(deliveries - 1), 0) FROM batches WHERE deliveries > 1)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    report(&format!(
        "  {killed} kills between {:.1} s and {:.1} s; {redelivered} of them interrupted a job",
        kill_times.first().map_or(0.0, Duration::as_secs_f32),
        kill_times.last().map_or(0.0, Duration::as_secs_f32)
    ));
    assert!(
        redelivered > 0,
        "no kill interrupted a job: the test proved nothing"
    );
    let counts = verify(&app, &w).await;
    counts.assert_clean("kill", &app);
    app.cleanup().await;
}

// ---------------------------------------------------------------------------------------------
// 2. RabbitMQ restarted, PostgreSQL and the S3 server stopped for 30 s.

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_port(port: u16, up: bool, timeout: Duration, what: &str) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_ok() != up {
        assert!(
            started.elapsed() < timeout,
            "{what} not {} after {timeout:?}",
            if up { "up" } else { "down" }
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// A PostgreSQL cluster of this test's own (Debian's server binaries; run as `postgres` when
/// the tests run as root, since PostgreSQL refuses to run as root).
struct OwnPostgres {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

impl OwnPostgres {
    fn start() -> OwnPostgres {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect(
                "PostgreSQL's server binaries (/usr/lib/postgresql/*/bin): run scripts/setup.sh",
            )
            .flatten()
            .map(|e| e.path().join("bin"))
            .filter(|b| b.join("pg_ctl").exists())
            .max_by_key(|b| {
                b.parent()
                    .and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok())
                    .unwrap_or(0)
            })
            .expect("pg_ctl");
        let dir = temp_dir("dossier-pg");
        if is_root() {
            assert!(Command::new("chown")
                .arg("postgres")
                .arg(&dir)
                .status()
                .unwrap()
                .success());
        }
        let pg = OwnPostgres {
            dir,
            bin,
            port: free_port(),
        };
        let out = pg
            .command("initdb")
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                "-D",
            ])
            .arg(pg.dir.join("data"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        pg.up();
        pg
    }

    fn command(&self, program: &str) -> Command {
        let exe = self.bin.join(program);
        if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        }
    }

    fn up(&self) {
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            self.port,
            self.dir.display()
        );
        let out = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-o", &opts, "-l"])
            .arg(self.dir.join("log"))
            .args(["-w", "start"])
            .stdout(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "pg_ctl start: {}", self.log());
    }

    fn down(&self) {
        let out = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "fast", "-w", "stop"])
            .stdout(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "pg_ctl stop: {}", self.log());
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("log")).unwrap_or_default()
    }

    fn admin_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A RabbitMQ node of this test's own: its own node name, ports, database and logs.
struct OwnRabbit {
    dir: PathBuf,
    node: String,
    port: u16,
    dist_port: u16,
    process: Option<Child>,
}

impl OwnRabbit {
    fn start() -> OwnRabbit {
        let dir = temp_dir("dossier-rabbit");
        std::fs::write(dir.join("enabled_plugins"), "[].\n").unwrap();
        let mut r = OwnRabbit {
            node: format!("dossier_{}@localhost", uuid::Uuid::new_v4().simple()),
            dir,
            port: free_port(),
            dist_port: free_port(),
            process: None,
        };
        r.up();
        r
    }

    fn up(&mut self) {
        use std::os::unix::process::CommandExt;
        let d = &self.dir;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(d.join("server.log"))
            .unwrap();
        let child = Command::new("/usr/lib/rabbitmq/bin/rabbitmq-server")
            .env("HOME", d)
            .env("RABBITMQ_NODENAME", &self.node)
            .env("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .env("RABBITMQ_NODE_PORT", self.port.to_string())
            .env("RABBITMQ_DIST_PORT", self.dist_port.to_string())
            .env("RABBITMQ_MNESIA_BASE", d.join("mnesia"))
            .env("RABBITMQ_LOG_BASE", d.join("log"))
            .env("RABBITMQ_ENABLED_PLUGINS_FILE", d.join("enabled_plugins"))
            .env("RABBITMQ_CONFIG_FILE", d.join("rabbitmq"))
            .env("RABBITMQ_ADVANCED_CONFIG_FILE", d.join("advanced.config"))
            .env("RABBITMQ_CONF_ENV_FILE", d.join("rabbitmq-env.conf"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .process_group(0)
            .spawn()
            .expect(
                "RabbitMQ's server (/usr/lib/rabbitmq/bin/rabbitmq-server): run scripts/setup.sh",
            );
        self.process = Some(child);
        wait_port(self.port, true, Duration::from_secs(90), "RabbitMQ");
    }

    /// Stops the node: SIGTERM to its process group (a clean broker shutdown), SIGKILL if it
    /// lingers.
    fn down(&mut self) {
        let Some(mut child) = self.process.take() else {
            return;
        };
        let group = format!("-{}", child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = child.wait();
        wait_port(self.port, false, Duration::from_secs(30), "RabbitMQ");
    }

    fn url(&self) -> String {
        format!("amqp://guest:guest@127.0.0.1:{}/%2f", self.port)
    }
}

impl Drop for OwnRabbit {
    fn drop(&mut self) {
        if let Some(child) = &self.process {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill")
                .args(["-KILL", "--", &group])
                .stderr(Stdio::null())
                .status();
        }
        if let Some(mut child) = self.process.take() {
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// An S3 server (s3s-fs) of this test's own, restartable on the same port and directory.
struct OwnS3 {
    dir: PathBuf,
    port: u16,
    process: Option<Child>,
}

impl OwnS3 {
    fn start() -> OwnS3 {
        let dir = temp_dir("dossier-s3");
        std::fs::create_dir_all(dir.join(std::env::var("TEST_S3_BUCKET").unwrap())).unwrap();
        let mut s = OwnS3 {
            dir,
            port: free_port(),
            process: None,
        };
        s.up();
        s
    }

    fn up(&mut self) {
        let key = std::env::var("TEST_S3_ACCESS_KEY").unwrap();
        let secret = std::env::var("TEST_S3_SECRET_KEY").unwrap();
        self.process = Some(
            Command::new("s3s-fs")
                .args(["--host", "127.0.0.1", "--port", &self.port.to_string()])
                .args(["--access-key", &key, "--secret-key", &secret])
                .arg(&self.dir)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("s3s-fs (installed by scripts/setup.sh)"),
        );
        wait_port(self.port, true, Duration::from_secs(20), "s3s-fs");
    }

    fn down(&mut self) {
        if let Some(mut child) = self.process.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        wait_port(self.port, false, Duration::from_secs(10), "s3s-fs");
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for OwnS3 {
    fn drop(&mut self) {
        self.down();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs a blocking service operation (start/stop) off the async runtime.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

#[tokio::test]
async fn broker_restarts_and_database_and_storage_outages_lose_nothing() {
    let (pg, rabbit, s3) =
        blocking(|| (OwnPostgres::start(), OwnRabbit::start(), OwnS3::start())).await;
    let services = Services {
        pg_admin_url: pg.admin_url(),
        amqp_url: rabbit.url(),
        s3_endpoint: s3.endpoint(),
    };
    // Default delivery limit: transient failures must not count towards it.
    let mut app = TestApp::spawn_on(services, Some("info"), &[]).await;
    let plan = Plan::prepare(&app, 60);
    let (client, base) = (app.client.clone(), app.base.clone());
    let mut w = Workload::default();
    let worker = app.worker_pid();
    let outage = Duration::from_secs(env_num("FAULT_OUTAGE_SECS", 30) as u64);

    // Backlog, then the broker restarted three times, with deposits while it is down: the API
    // keeps them in its outbox and publishes them once the broker is back.
    submit_batch(&app, &mut w, 2, 91).await;
    for _ in 0..6 {
        deposit_next(&client, &base, &plan, &mut w).await;
    }
    let mut rabbit = rabbit;
    for round in 0..3 {
        tokio::time::sleep(Duration::from_millis(700 * (round + 1))).await;
        rabbit = blocking(move || {
            rabbit.down();
            rabbit
        })
        .await;
        for _ in 0..4 {
            deposit_next(&client, &base, &plan, &mut w).await;
        }
        rabbit = blocking(move || {
            rabbit.up();
            rabbit
        })
        .await;
        report(&format!("  broker restart {} done", round + 1));
    }
    assert_eq!(
        w.refused, 0,
        "deposits refused while only the broker was down"
    );

    // PostgreSQL stopped with work in flight: deposits fail (and say so), nothing is lost.
    submit_batch(&app, &mut w, 2, 92).await;
    for _ in 0..8 {
        deposit_next(&client, &base, &plan, &mut w).await;
    }
    let pg = std::sync::Arc::new(pg);
    let p = pg.clone();
    blocking(move || p.down()).await;
    let down_since = Instant::now();
    deposit_next(&client, &base, &plan, &mut w).await;
    tokio::time::sleep(outage.saturating_sub(down_since.elapsed())).await;
    let p = pg.clone();
    blocking(move || p.up()).await;
    report(&format!(
        "  PostgreSQL down for {:.0} s",
        down_since.elapsed().as_secs_f32()
    ));

    // The S3 server stopped with work in flight.
    submit_batch(&app, &mut w, 2, 93).await;
    for _ in 0..8 {
        deposit_next(&client, &base, &plan, &mut w).await;
    }
    let mut s3 = s3;
    s3 = blocking(move || {
        s3.down();
        s3
    })
    .await;
    let down_since = Instant::now();
    deposit_next(&client, &base, &plan, &mut w).await;
    tokio::time::sleep(outage.saturating_sub(down_since.elapsed())).await;
    s3 = blocking(move || {
        s3.up();
        s3
    })
    .await;
    report(&format!(
        "  S3 server down for {:.0} s",
        down_since.elapsed().as_secs_f32()
    ));

    wait_drained(&app, &w, Duration::from_secs(180)).await;
    assert!(app.worker_alive(), "the worker died");
    assert_eq!(app.worker_pid(), worker, "the worker was restarted");
    let dead: i64 = sqlx::query_scalar("SELECT count(*) FROM batches WHERE status = 'failed'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(dead, 0, "a batch failed because of an outage");
    report(&format!(
        "  {} deposit(s) refused during the outages (told so, not submitted)",
        w.refused
    ));
    let counts = verify(&app, &w).await;
    counts.assert_clean("services", &app);
    let logs = app.logs();
    assert!(
        logs.contains("broker connection re-established"),
        "no reconnection logged"
    );
    app.cleanup().await;
    drop(s3);
    drop(rabbit);
    drop(pg);
}
