//! `TestApp`: the real API and worker binaries against real PostgreSQL, RabbitMQ and S3, each
//! test with its own database, queue and key prefix.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

fn var(k: &str) -> String {
    std::env::var(k)
        .unwrap_or_else(|_| panic!("{k} is not set: run the tests with scripts/test.sh"))
}

pub fn bin(name: &str) -> PathBuf {
    Path::new(&var("TEST_BIN_DIR")).join(name)
}

pub struct TestApp {
    pub base: String,
    pub db: PgPool,
    pub db_name: String,
    pub queue: String,
    pub dir: PathBuf,
    pub client: reqwest::Client,
    pub env: Vec<(String, String)>,
    api: Child,
    worker: Option<Child>,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let db_name = format!("test_{id}");
        let admin = PgPoolOptions::new()
            .max_connections(1)
            .connect(&var("TEST_PG_ADMIN_URL"))
            .await
            .expect("postgres");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE \"{db_name}\""
        )))
        .execute(&admin)
        .await
        .unwrap();
        admin.close().await;
        let admin_url = var("TEST_PG_ADMIN_URL");
        let db_url = format!("{}/{db_name}", admin_url.rsplit_once('/').unwrap().0);
        let dir = std::env::temp_dir().join(format!("dossier-test-{id}"));
        std::fs::create_dir_all(&dir).unwrap();
        let queue = format!("test.{id}");
        let env: Vec<(String, String)> = vec![
            ("DATABASE_URL".into(), db_url.clone()),
            ("AMQP_URL".into(), var("TEST_AMQP_URL")),
            ("BATCH_QUEUE".into(), queue.clone()),
            ("OBJECT_STORE".into(), "s3".into()),
            ("S3_ENDPOINT".into(), var("TEST_S3_ENDPOINT")),
            ("S3_BUCKET".into(), var("TEST_S3_BUCKET")),
            ("S3_ACCESS_KEY_ID".into(), var("TEST_S3_ACCESS_KEY")),
            ("S3_SECRET_ACCESS_KEY".into(), var("TEST_S3_SECRET_KEY")),
            ("S3_PREFIX".into(), format!("{id}/")),
            ("WORK_DIR".into(), dir.to_string_lossy().into()),
            ("API_ADDR".into(), "127.0.0.1:0".into()),
            (
                "API_ADDR_FILE".into(),
                dir.join("api.addr").to_string_lossy().into(),
            ),
            (
                "RUST_LOG".into(),
                std::env::var("TEST_LOG").map_or("warn".into(), |_| "info".into()),
            ),
            ("SHUTDOWN_GRACE_SECS".into(), "5".into()),
        ];
        let status = Command::new(bin("ingest-worker"))
            .arg("migrate")
            .envs(env.clone())
            .status()
            .unwrap();
        assert!(status.success(), "migrate failed");
        let api = spawn(&bin("api"), &[], &env, &dir.join("api.log"));
        let addr_file = dir.join("api.addr");
        let started = Instant::now();
        while !addr_file.exists() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "API did not start: {}",
                log(&dir.join("api.log"))
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        let base = format!(
            "http://{}",
            std::fs::read_to_string(&addr_file).unwrap().trim()
        );
        let worker = Some(spawn(
            &bin("ingest-worker"),
            &["run"],
            &env,
            &dir.join("worker.log"),
        ));
        let db = PgPoolOptions::new()
            .max_connections(3)
            .connect(&db_url)
            .await
            .unwrap();
        TestApp {
            base,
            db,
            db_name,
            queue,
            dir,
            client: reqwest::Client::new(),
            env,
            api,
            worker,
        }
    }

    pub async fn submit(&self, bytes: Vec<u8>, filename: &str) -> (u16, Value) {
        let r = self
            .client
            .post(format!("{}/batches?filename={filename}", self.base))
            .body(bytes)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    pub async fn status(&self, id: &str) -> (u16, Value) {
        let r = self
            .client
            .get(format!("{}/batches/{id}", self.base))
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    /// Waits until the batch is `done` or `failed` and returns its status.
    pub async fn wait_batch(&self, id: &str, timeout: Duration) -> Value {
        let started = Instant::now();
        loop {
            let (_, s) = self.status(id).await;
            if matches!(s["status"].as_str(), Some("done" | "failed")) {
                return s;
            }
            assert!(
                started.elapsed() < timeout,
                "batch {id} not processed in {timeout:?}: {s}\nworker log:\n{}",
                log(&self.dir.join("worker.log"))
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    pub fn import_registry(&self, csv: &str) -> std::process::Output {
        let path = self
            .dir
            .join(format!("registry-{}.csv", uuid::Uuid::new_v4()));
        std::fs::write(&path, csv).unwrap();
        Command::new(bin("registry"))
            .arg("import")
            .arg(&path)
            .envs(self.env.clone())
            .output()
            .unwrap()
    }

    /// Sends SIGTERM to the worker and waits for it; returns its exit code.
    pub fn stop_worker(&mut self, timeout: Duration) -> Option<i32> {
        let worker = self.worker.as_mut()?;
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(worker.id().to_string())
            .status();
        let started = Instant::now();
        loop {
            if let Some(status) = worker.try_wait().unwrap() {
                return status.code();
            }
            if started.elapsed() > timeout {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn worker_alive(&mut self) -> bool {
        self.worker
            .as_mut()
            .is_some_and(|w| w.try_wait().unwrap().is_none())
    }

    /// Reads an object through the same S3 configuration as the services.
    pub async fn object(&self, key: &str) -> Vec<u8> {
        for (k, v) in &self.env {
            // SAFETY of set_var: the test binary reads these only here, sequentially per app.
            std::env::set_var(k, v);
        }
        let store = storage::ObjectConfig::from_env().unwrap().build();
        store.get(key).await.unwrap().to_vec()
    }

    pub async fn cleanup(self) {
        let name = self.db_name.clone();
        self.db.close().await;
        drop(self);
        let admin = PgPoolOptions::new()
            .max_connections(1)
            .connect(&var("TEST_PG_ADMIN_URL"))
            .await
            .unwrap();
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
        )))
        .execute(&admin)
        .await;
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        for child in [Some(&mut self.api), self.worker.as_mut()]
            .into_iter()
            .flatten()
        {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn spawn(exe: &Path, args: &[&str], env: &[(String, String)], log_path: &Path) -> Child {
    let log = std::fs::File::create(log_path).unwrap();
    Command::new(exe)
        .args(args)
        .envs(env.iter().cloned())
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", exe.display()))
}

pub fn log(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Runs `qpdf --check` and `pdfinfo` on a PDF; returns pdfinfo's page count.
pub fn check_pdf(bytes: &[u8]) -> u32 {
    let path = std::env::temp_dir().join(format!("piece-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, bytes).unwrap();
    let qpdf = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        qpdf.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&qpdf.stdout)
    );
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    assert!(info.status.success(), "pdfinfo failed");
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap()
}
