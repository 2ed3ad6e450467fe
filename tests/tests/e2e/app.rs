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

/// Where the services are: by default those `scripts/test.sh` gives; the fault tests run their
/// own PostgreSQL, RabbitMQ and S3 server so that they can stop them.
#[derive(Debug, Clone)]
pub struct Services {
    pub pg_admin_url: String,
    pub amqp_url: String,
    pub s3_endpoint: String,
}

impl Services {
    pub fn from_env() -> Services {
        Services {
            pg_admin_url: var("TEST_PG_ADMIN_URL"),
            amqp_url: var("TEST_AMQP_URL"),
            s3_endpoint: var("TEST_S3_ENDPOINT"),
        }
    }
}

/// The owner of each test's database, which runs the migrations (`MIGRATE_DATABASE_URL`).
pub const OWNER_ROLE: &str = "dossier_owner";
/// What the API, the worker and the admin commands connect as (`DATABASE_URL`): the
/// privileges `ingest-worker migrate` grants it, nothing more.
pub const APP_ROLE: &str = "dossier_app";

/// `admin_url` with the user `role` (whose password is its name, as `scripts/env.sh` creates
/// it) on database `db`.
pub fn role_url(admin_url: &str, role: &str, db: &str) -> String {
    let (scheme, rest) = admin_url.split_once("://").expect("a postgres:// URL");
    let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    let host = rest.split('/').next().unwrap();
    format!("{scheme}://{role}:{role}@{host}/{db}")
}

/// Creates both roles when missing (they are cluster-wide; concurrent tests may race).
async fn create_roles(admin: &PgPool) {
    for role in [OWNER_ROLE, APP_ROLE] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DO $$ BEGIN CREATE ROLE {role} LOGIN PASSWORD '{role}';
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )))
        .execute(admin)
        .await
        .unwrap();
    }
}

/// A pli for [`TestApp::paper_pli`]: its batch's sender territory, the demande it was read for
/// (none: numéro unknown or unreadable), its outcome (`attached` attaches its piece), and the
/// piece's type (none: untyped).
pub struct PaperPli<'a> {
    pub territory: &'a [&'a str],
    pub demande: Option<&'a str>,
    pub outcome: &'a str,
    pub piece_type: Option<&'a str>,
}

pub struct TestApp {
    pub base: String,
    pub services: Services,
    pub db: PgPool,
    pub db_name: String,
    pub queue: String,
    pub dir: PathBuf,
    pub client: reqwest::Client,
    pub env: Vec<(String, String)>,
    /// A bearer token of an operator (batches), created at start.
    pub operator_token: String,
    api: Child,
    worker: Option<Child>,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with_log(None).await
    }

    /// Like [`TestApp::spawn`], with the services logging at `level` (e.g. `debug`).
    pub async fn spawn_with_log(level: Option<&str>) -> TestApp {
        Self::spawn_on(Services::from_env(), level, &[]).await
    }

    /// Like [`TestApp::spawn`], on `services`, with `extra_env` set for the API and the worker.
    pub async fn spawn_on(
        services: Services,
        level: Option<&str>,
        extra_env: &[(&str, &str)],
    ) -> TestApp {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let db_name = format!("test_{id}");
        let admin = PgPoolOptions::new()
            .max_connections(1)
            .connect(&services.pg_admin_url)
            .await
            .expect("postgres");
        create_roles(&admin).await;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE \"{db_name}\" OWNER {OWNER_ROLE}"
        )))
        .execute(&admin)
        .await
        .unwrap();
        admin.close().await;
        let admin_url = services.pg_admin_url.clone();
        // `db` (the tests' own pool, to inspect or tamper) connects as the administrator.
        let db_url = format!("{}/{db_name}", admin_url.rsplit_once('/').unwrap().0);
        let dir = std::env::temp_dir().join(format!("dossier-test-{id}"));
        std::fs::create_dir_all(&dir).unwrap();
        let queue = format!("test.{id}");
        let mut env: Vec<(String, String)> = vec![
            (
                "DATABASE_URL".into(),
                role_url(&admin_url, APP_ROLE, &db_name),
            ),
            (
                "MIGRATE_DATABASE_URL".into(),
                role_url(&admin_url, OWNER_ROLE, &db_name),
            ),
            ("APP_DB_ROLE".into(), APP_ROLE.into()),
            ("AMQP_URL".into(), services.amqp_url.clone()),
            ("BATCH_QUEUE".into(), queue.clone()),
            ("OBJECT_STORE".into(), "s3".into()),
            ("S3_ENDPOINT".into(), services.s3_endpoint.clone()),
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
                level.map_or_else(
                    || std::env::var("TEST_LOG").map_or("warn".into(), |_| "info".into()),
                    str::to_string,
                ),
            ),
            ("SHUTDOWN_GRACE_SECS".into(), "5".into()),
            ("SMTP_HOST".into(), "127.0.0.1".into()),
            (
                "SMTP_PORT".into(),
                std::env::var("TEST_SMTP_PORT").unwrap_or_default(),
            ),
        ];
        env.extend(
            extra_env
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string())),
        );
        let status = Command::new(bin("ingest-worker"))
            .arg("migrate")
            .envs(env.clone())
            .status()
            .unwrap();
        assert!(status.success(), "migrate failed");
        let operator_token = admin_command(
            &env,
            &[
                "tokens",
                "add",
                "--guichet",
                "NUMER",
                "--profil",
                "operateur",
                "--territoire",
                &all_departements(),
                "--label",
                "tests",
            ],
            None,
        );
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
            services,
            db,
            db_name,
            queue,
            dir,
            client: reqwest::Client::new(),
            env,
            operator_token,
            api,
            worker,
        }
    }

    pub async fn submit(&self, bytes: Vec<u8>, filename: &str) -> (u16, Value) {
        let r = self
            .client
            .post(format!("{}/batches?filename={filename}", self.base))
            .bearer_auth(&self.operator_token)
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
            .bearer_auth(&self.operator_token)
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

    /// Runs an administration command of the `api` binary; returns its standard output.
    pub fn admin(&self, args: &[&str], stdin: Option<&str>) -> String {
        admin_command(&self.env, args, stdin)
    }

    /// A bearer token of `profile` for guichet `guichet` over `territory` (comma-separated).
    pub fn token(&self, profile: &str, guichet: &str, territory: &str) -> String {
        self.admin(
            &[
                "tokens",
                "add",
                "--guichet",
                guichet,
                "--profil",
                profile,
                "--territoire",
                territory,
                "--label",
                profile,
            ],
            None,
        )
    }

    /// Adds (or resets) the staff account `login`: Claire Martin, guichet enregistreur of
    /// DGALN over 075.
    pub fn add_user(&self, login: &str, password: &str) {
        self.admin(
            &[
                "users",
                "add",
                "--login",
                login,
                "--nom",
                "Claire Martin",
                "--profil",
                "guichet_enregistreur",
                "--guichet",
                "DGALN",
                "--territoire",
                "075",
            ],
            Some(&format!("{password}\n")),
        );
    }

    /// Deposits a piece with a bearer token; returns (status, body).
    pub async fn deposit(
        &self,
        token: &str,
        numero: &str,
        type_code: Option<&str>,
        files: &[(&str, Vec<u8>)],
    ) -> (u16, Value) {
        deposit_at(&self.client, &self.base, token, numero, type_code, files).await
    }

    /// Deposits a piece of type `type_code`, one file `name`: a small PDF showing `text`;
    /// returns (status, body).
    pub async fn deposit_pdf(
        &self,
        token: &str,
        numero: &str,
        type_code: &str,
        name: &str,
        text: &str,
    ) -> (u16, Value) {
        self.deposit(token, numero, Some(type_code), &[(name, small_pdf(text))])
            .await
    }

    /// Downloads a piece's file with a bearer token.
    pub async fn piece_file(&self, token: &str, id: &str) -> Vec<u8> {
        self.client
            .get(format!("{}/api/pieces/{id}/fichier", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .to_vec()
    }

    /// Deposits a piece, asserts it was accepted (202), waits until it has left `processing`
    /// and returns its metadata.
    pub async fn deposit_processed(
        &self,
        token: &str,
        numero: &str,
        type_code: &str,
        files: &[(&str, Vec<u8>)],
    ) -> Value {
        let (s, v) = self.deposit(token, numero, Some(type_code), files).await;
        assert_eq!(s, 202, "{v}");
        self.wait_piece(token, v["id"].as_str().unwrap()).await
    }

    /// Waits until a piece has left `processing`; returns its metadata.
    pub async fn wait_piece(&self, token: &str, id: &str) -> Value {
        let started = Instant::now();
        loop {
            let r = self
                .client
                .get(format!("{}/api/pieces/{id}", self.base))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            let v: Value = r.json().await.unwrap_or(Value::Null);
            if v["status"].as_str().is_some_and(|s| s != "processing") {
                return v;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "piece {id} still processing: {v}\nworker log:\n{}",
                log(&self.dir.join("worker.log"))
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The services' logs so far.
    pub fn logs(&self) -> String {
        format!(
            "{}{}",
            log(&self.dir.join("api.log")),
            log(&self.dir.join("worker.log"))
        )
    }

    /// `registry import` of a demandes file with its household file (`--menage`).
    pub fn import_registry_with_menage(&self, csv: &str, menage: &str) -> std::process::Output {
        let path = self
            .dir
            .join(format!("registry-{}.csv", uuid::Uuid::new_v4()));
        let menage_path = self
            .dir
            .join(format!("menage-{}.csv", uuid::Uuid::new_v4()));
        std::fs::write(&path, csv).unwrap();
        std::fs::write(&menage_path, menage).unwrap();
        Command::new(bin("registry"))
            .arg("import")
            .arg(&path)
            .arg("--menage")
            .arg(&menage_path)
            .envs(self.env.clone())
            .output()
            .unwrap()
    }

    /// `registry import` of a demandes file, which must succeed.
    #[track_caller]
    pub fn import_registry_ok(&self, csv: &str) {
        let out = self.import_registry(csv);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
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

    /// Kills the worker with SIGKILL (no chance to clean up) and reaps it.
    pub fn kill_worker(&mut self) {
        if let Some(mut w) = self.worker.take() {
            let _ = w.kill();
            let _ = w.wait();
        }
    }

    /// Starts a worker (after [`TestApp::kill_worker`]); its log is appended to `worker.log`.
    pub fn start_worker(&mut self) {
        assert!(self.worker.is_none(), "a worker is already running");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("worker.log"))
            .unwrap();
        self.worker = Some(
            Command::new(bin("ingest-worker"))
                .arg("run")
                .envs(self.env.iter().cloned())
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .unwrap(),
        );
    }

    /// The worker's process id (to tell it was not restarted).
    pub fn worker_pid(&self) -> Option<u32> {
        self.worker.as_ref().map(Child::id)
    }

    /// The worker's peak resident memory so far (VmHWM), in bytes.
    pub fn worker_peak_rss(&self) -> u64 {
        let pid = self.worker.as_ref().expect("worker running").id();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
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

    /// Whether an object exists, through the same S3 configuration as the services.
    pub async fn object_exists(&self, key: &str) -> bool {
        for (k, v) in &self.env {
            std::env::set_var(k, v);
        }
        let store = storage::ObjectConfig::from_env().unwrap().build();
        store.exists(key).await.unwrap()
    }

    /// A batch sent from `f.territory` with one pli and one piece of it, written as the worker
    /// would (its cover and its piece's PDF stored); returns (batch, pli, piece).
    pub async fn paper_pli(&self, f: PaperPli<'_>) -> (uuid::Uuid, uuid::Uuid, uuid::Uuid) {
        use uuid::Uuid;
        let (batch, pli, piece) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let pdf = small_pdf(&format!("Pièce {piece}"));
        let key = format!("pieces/{piece}.pdf");
        self.put_object(&key, pdf.clone()).await;
        let cover = format!("covers/{pli}.pdf");
        self.put_object(&cover, small_pdf("Attestation d'enregistrement"))
            .await;
        sqlx::query(
            "INSERT INTO batches (id, sha256, object_key, size_bytes, status, territory, pages_total, pages_done)
             VALUES ($1, $2, 'batches/x', 1, 'done', $3, 2, 2)",
        )
        .bind(batch)
        .bind(batch.simple().to_string())
        .bind(f.territory.iter().map(|t| t.to_string()).collect::<Vec<_>>())
        .execute(&self.db)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO plis (id, batch_id, first_page, last_page, cover_page, numero_lu, demande, outcome, reason, cover_object_key)
             VALUES ($1, $2, 1, 2, 1, $3, $3, $4, 'à vérifier', $5)",
        )
        .bind(pli)
        .bind(batch)
        .bind(f.demande)
        .bind(f.outcome)
        .bind(&cover)
        .execute(&self.db)
        .await
        .unwrap();
        let category = f.piece_type.map(|t| {
            let plan = plan_de_classement::Plan::bundled();
            plan.piece_type(&plan_de_classement::TypeCode::parse(t).unwrap())
                .unwrap()
                .category
                .to_string()
        });
        let attached = f.outcome == "attached";
        sqlx::query(
            "INSERT INTO pieces (id, pli_id, demande, type_code, category, status, first_page, last_page, page_count,
                                 object_key, sha256, size_bytes, channel, deposited_by)
             VALUES ($1, $2, $3, $4, $5, $6, 2, 2, 1, $7, $8, $9, 'papier', 'service de numérisation')",
        )
        .bind(piece)
        .bind(pli)
        .bind(if attached { f.demande } else { None })
        .bind(f.piece_type)
        .bind(category)
        .bind(if attached { "attached" } else { "to_review" })
        .bind(&key)
        .bind(piece.simple().to_string())
        .bind(pdf.len() as i64)
        .execute(&self.db)
        .await
        .unwrap();
        (batch, pli, piece)
    }

    /// Writes an object through the same S3 configuration as the services.
    pub async fn put_object(&self, key: &str, bytes: Vec<u8>) {
        for (k, v) in &self.env {
            std::env::set_var(k, v);
        }
        let store = storage::ObjectConfig::from_env().unwrap().build();
        store.put(key, bytes.into()).await.unwrap();
    }

    /// Runs an administration command of the `api` binary; returns (success, stdout + stderr).
    pub fn admin_status(&self, args: &[&str]) -> (bool, String) {
        let out = Command::new(bin("api"))
            .args(args)
            .envs(self.env.clone())
            .output()
            .unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    }

    pub async fn cleanup(self) {
        let name = self.db_name.clone();
        let admin_url = self.services.pg_admin_url.clone();
        self.db.close().await;
        drop(self);
        let admin = PgPoolOptions::new()
            .max_connections(1)
            .connect(&admin_url)
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

/// Deposits a piece with a bearer token at `base`; returns (status, body), or status 0 when no
/// answer came (connection refused or reset).
pub async fn deposit_at(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    numero: &str,
    type_code: Option<&str>,
    files: &[(&str, Vec<u8>)],
) -> (u16, Value) {
    let mut form = reqwest::multipart::Form::new();
    if let Some(t) = type_code {
        form = form.text("type", t.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            "fichier",
            reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()),
        );
    }
    let r = match client
        .post(format!("{base}/api/demandes/{numero}/pieces"))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
    {
        Ok(r) => r,
        Err(_) => return (0, Value::Null),
    };
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// The registry file's columns (files with e-mail addresses add `,email`).
pub const REGISTRY_COLUMNS: &str =
    "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot";
/// The numéro unique of the tests' usual demande: Marie Dupont's, in Paris, at guichet DGALN.
pub const NUMERO: &str = "0751220123456DGALN";
/// Marie Dupont's date of birth.
pub const BIRTH: &str = "1980-02-03";

/// Marie Dupont's line of a registry file, in state `etat` (`active`, `radiee`), without its
/// line end (nor e-mail column).
pub fn marie_line(etat: &str) -> String {
    format!("{NUMERO},DUPONT,Marie,{BIRTH},{etat},075,DGALN,2020-12-01")
}

/// A registry file of Marie Dupont's demande alone, in state `etat`.
pub fn marie_registry(etat: &str) -> String {
    format!("{REGISTRY_COLUMNS}\n{}\n", marie_line(etat))
}

/// A client that follows no redirect, to read an answer's `location` and cookies.
pub fn no_redirect() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Every `Set-Cookie` header of an answer.
pub fn set_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_string)
        .collect()
}

/// The value an answer sets the cookie `name` to.
pub fn set_cookie(r: &reqwest::Response, name: &str) -> Option<String> {
    set_cookies(r).iter().find_map(|v| {
        v.strip_prefix(&format!("{name}="))
            .map(|v| v.split(';').next().unwrap().to_string())
    })
}

const CSRF_FIELD: &str = "name=\"_csrf\" value=\"";

/// The value of a page's hidden `_csrf` field.
pub fn hidden_csrf(html: &str) -> String {
    let at = html.find(CSRF_FIELD).expect("a CSRF field") + CSRF_FIELD.len();
    html[at..].split('"').next().unwrap().to_string()
}

/// Whether a page holds a hidden `_csrf` field.
pub fn has_csrf(html: &str) -> bool {
    html.contains(CSRF_FIELD)
}

/// Posts a form that goes without a session (login, code request) the way a browser does:
/// fetches its page (which must answer 200) for the pre-login cookie and the form's token,
/// then posts `fields` with them. Follows no redirect.
pub async fn login_form(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let c = no_redirect();
    let page = c.get(format!("{}{path}", app.base)).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200, "{path}");
    let pre = set_cookie(&page, "du_prelogin").unwrap();
    let csrf = hidden_csrf(&page.text().await.unwrap());
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("_csrf", &csrf));
    c.post(format!("{}{path}", app.base))
        .header("cookie", format!("du_prelogin={pre}"))
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// A GET of a page with the session cookie `session`, following no redirect.
pub fn session_get(app: &TestApp, path: &str, session: &str) -> reqwest::RequestBuilder {
    no_redirect()
        .get(format!("{}{path}", app.base))
        .header("cookie", format!("du_session={session}"))
}

/// A POST to a page with the session cookie `session`, following no redirect.
pub fn session_post(app: &TestApp, path: &str, session: &str) -> reqwest::RequestBuilder {
    no_redirect()
        .post(format!("{}{path}", app.base))
        .header("cookie", format!("du_session={session}"))
}

/// Sends a request; returns the answer's body.
pub async fn send_text(req: reqwest::RequestBuilder) -> String {
    req.send().await.unwrap().text().await.unwrap()
}

/// Deposits on `numero` through the API with a session (an applicant's): a piece of
/// `type_code`, one small PDF showing `text` named `file_name`.
pub async fn session_deposit(
    app: &TestApp,
    numero: &str,
    (cookie, csrf): (&str, &str),
    type_code: &str,
    (text, file_name): (&str, &str),
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("type", type_code.to_string())
        .part("fichier", pdf_part(text, file_name));
    app.client
        .post(format!("{}/api/demandes/{numero}/pieces", app.base))
        .header("cookie", format!("du_session={cookie}"))
        .header("x-csrf-token", csrf)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A multipart file part: a small PDF showing `text`, named `file_name`.
pub fn pdf_part(text: &str, file_name: &str) -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(small_pdf(text)).file_name(file_name.to_string())
}

/// A GET with a bearer token; returns (status, body).
pub async fn get(app: &TestApp, token: &str, path: &str) -> (u16, String) {
    let r = app
        .client
        .get(format!("{}{path}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// A GET with a bearer token of an answer in JSON.
pub async fn get_json(app: &TestApp, token: &str, path: &str) -> Value {
    let (s, body) = get(app, token, path).await;
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {s} {e}: {body}"))
}

/// A POST or PATCH of a JSON body with a bearer token; returns (status, body).
pub async fn send(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Value,
) -> (u16, String) {
    let url = format!("{}{path}", app.base);
    let req = match method {
        "POST" => app.client.post(url),
        "PATCH" => app.client.patch(url),
        _ => unreachable!(),
    };
    let r = req.bearer_auth(token).json(&body).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Opens a phone app session (`POST /api/mobile/session`); returns (status, body).
pub async fn mobile_session(app: &TestApp, numero: &str, birth: &str, code: &str) -> (u16, Value) {
    let r = app
        .client
        .post(format!("{}/api/mobile/session", app.base))
        .json(
            &serde_json::json!({ "numero_unique": numero, "date_naissance": birth, "code": code }),
        )
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// The bearer token of a phone app session.
pub async fn mobile_token(app: &TestApp, numero: &str, birth: &str, code: &str) -> String {
    let (_, v) = mobile_session(app, numero, birth, code).await;
    v["jeton"].as_str().unwrap().to_string()
}

/// Waits (up to 20 s) for at least `n` e-mails to `recipient`; returns them all.
pub async fn wait_mails(recipient: &str, n: usize) -> Vec<(String, String)> {
    let started = Instant::now();
    loop {
        let m = mails_to(recipient);
        if m.len() >= n {
            return m;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "fewer than {n} e-mails for {recipient}: {m:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Asserts that a command succeeded; shows its standard error when it did not.
#[track_caller]
pub fn assert_success(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Non-sensible types repeated up to their limit in the plan: 39 deposits that one demande
/// accepts without refusing any.
pub fn type_slots() -> Vec<&'static str> {
    [
        ("FPAIE", 15),
        ("ACNE", 8),
        ("AVIS", 4),
        ("CTRAV", 3),
        ("ATFOR", 3),
        ("CAF", 3),
        ("PENS", 3),
    ]
    .iter()
    .flat_map(|(t, n)| std::iter::repeat_n(*t, *n))
    .collect()
}

/// Every département code (a national operator's territory).
pub fn all_departements() -> String {
    let mut v: Vec<String> = (1..=95)
        .filter(|n| *n != 20)
        .map(|n| format!("{n:03}"))
        .collect();
    v.extend(["02A".into(), "02B".into()]);
    v.extend((971..=976).map(|n| n.to_string()));
    v.join(",")
}

fn admin_command(env: &[(String, String)], args: &[&str], stdin: Option<&str>) -> String {
    use std::io::Write;
    let mut child = Command::new(bin("api"))
        .args(args)
        .envs(env.iter().cloned())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "api {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A small valid one-page PDF showing `text`.
pub fn small_pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 18 Tf 72 760 Td ({text}) Tj ET");
    pdf_of(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
            format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        ],
        "",
    )
}

/// A PDF of the given objects (numbered from 1, the first being the catalog), with a correct
/// cross-reference table; `trailer_extra` is added to the trailer dictionary.
pub fn pdf_of(objs: &[impl AsRef<[u8]>], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend(o.as_ref());
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .bytes(),
    );
    out
}

/// The e-mails the test SMTP server received for `recipient`: (subject, body) pairs.
pub fn mails_to(recipient: &str) -> Vec<(String, String)> {
    let dir = Path::new(&var("TEST_MAIL_DIR")).join("new");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let raw = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
        let header = |name: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        if header("To:").contains(recipient) {
            found.push((decode_subject(&header("Subject:")), decode_body(head, body)));
        }
    }
    found
}

fn decode_subject(s: &str) -> String {
    // lettre encodes non-ASCII subjects as RFC 2047 base64 words.
    s.split_whitespace()
        .map(|w| {
            match w
                .strip_prefix("=?utf-8?b?")
                .or_else(|| w.strip_prefix("=?UTF-8?B?"))
            {
                Some(rest) => {
                    String::from_utf8(b64(rest.trim_end_matches("?="))).unwrap_or_default()
                }
                None => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("")
}

fn decode_body(head: &str, body: &str) -> String {
    if head
        .to_ascii_lowercase()
        .contains("content-transfer-encoding: base64")
    {
        String::from_utf8(b64(&body.replace(['\r', '\n'], ""))).unwrap_or_default()
    } else if head.to_ascii_lowercase().contains("quoted-printable") {
        let joined = body.replace("=\r\n", "").replace("=\n", "");
        let bytes = joined.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' && i + 2 < bytes.len() {
                if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                    out.push(b);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    } else {
        body.to_string()
    }
}

fn b64(s: &str) -> Vec<u8> {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|c| *c != b'=') {
        let Some(v) = T.iter().position(|t| *t == c) else {
            continue;
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
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

/// The rows of `pdfimages -list` on a PDF file, as columns: page, num, type, width, height,
/// color, comp, bpc, enc, …
pub fn pdfimages(path: &Path) -> Vec<Vec<String>> {
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
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
