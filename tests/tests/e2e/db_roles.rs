//! The services connect as the application role, which may read and add to the journal and
//! nothing more: the append-only rule holds in the privileges, not only in a trigger the table's
//! owner could disable.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

use crate::app::{assert_success, bin, marie_registry, TestApp, NUMERO};

fn env_of(app: &TestApp, key: &str) -> String {
    app.env
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("{key} not in the services' environment"))
}

/// A pool connected as the services connect (`DATABASE_URL`).
async fn as_services(app: &TestApp) -> PgPool {
    PgPoolOptions::new()
        .max_connections(1)
        .connect(&env_of(app, "DATABASE_URL"))
        .await
        .unwrap()
}

/// Asserts that `sql` is refused for lack of privilege (SQLSTATE 42501), not by a trigger.
async fn refused(pool: &PgPool, sql: &'static str) {
    let Err(e) = sqlx::query(sql).execute(pool).await else {
        panic!("{sql} was accepted");
    };
    let code = e
        .as_database_error()
        .and_then(|d| d.code())
        .map(|c| c.to_string());
    assert_eq!(
        code.as_deref(),
        Some("42501"),
        "{sql}: refused, but not for lack of privilege: {e}"
    );
}

#[tokio::test]
async fn the_application_role_may_only_read_and_add_to_the_journal() {
    let app = TestApp::spawn().await;
    let out = app.import_registry(&marie_registry("active"));
    assert_success(&out);
    let pool = as_services(&app).await;
    let user: String = sqlx::query_scalar("SELECT current_user::text")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(user, crate::app::APP_ROLE);

    // Reading and adding: what the services do.
    sqlx::query("INSERT INTO journal (demande, event, actor) VALUES ($1, 'consultation', 'test')")
        .bind(NUMERO)
        .execute(&pool)
        .await
        .unwrap();
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM journal WHERE demande = $1")
        .bind(NUMERO)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(n, 1);

    // Changing or removing history, or the rule itself: refused by the privileges.
    refused(&pool, "UPDATE journal SET actor = 'quelqu''un d''autre'").await;
    refused(&pool, "DELETE FROM journal").await;
    refused(&pool, "TRUNCATE journal").await;
    refused(
        &pool,
        "ALTER TABLE journal DISABLE TRIGGER journal_append_only",
    )
    .await;
    refused(&pool, "ALTER TABLE journal DISABLE TRIGGER ALL").await;
    refused(&pool, "DROP TRIGGER journal_append_only ON journal").await;
    refused(&pool, "DROP TABLE journal").await;
    refused(&pool, "CREATE OR REPLACE FUNCTION journal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$").await;
    // Nor new objects, nor the plan de classement (migrate's), nor the migrations' ledger.
    refused(&pool, "CREATE TABLE shadow (id int)").await;
    refused(&pool, "UPDATE plan_types SET piece_limit = 99").await;
    refused(&pool, "DELETE FROM _sqlx_migrations").await;
    refused(&pool, "SELECT count(*) FROM _sqlx_migrations").await;
    // Nor another table's verb the code never issues (least privilege).
    refused(&pool, "DELETE FROM demandes").await;
    refused(&pool, "TRUNCATE pieces CASCADE").await;

    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM journal WHERE demande = $1")
        .bind(NUMERO)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 1, "the journal row is still there");
    pool.close().await;

    // Migrating needs the owner: as the application role it is refused.
    let out = Command::new(bin("ingest-worker"))
        .arg("migrate")
        .envs(app.env.clone())
        .env("MIGRATE_DATABASE_URL", env_of(&app, "DATABASE_URL"))
        .output()
        .unwrap();
    assert!(!out.status.success(), "migrate ran as the application role");
    app.cleanup().await;
}

#[tokio::test]
async fn a_worker_refuses_a_database_whose_plan_was_not_migrated() {
    let app = TestApp::spawn().await;
    sqlx::query("UPDATE plan_version SET version = version + 1000")
        .execute(&app.db)
        .await
        .unwrap();
    let mut worker = Command::new(bin("ingest-worker"))
        .arg("run")
        .envs(app.env.clone())
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(s) = worker.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = worker.kill();
            panic!("the worker kept running on a plan it was not built with");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut worker.stderr.take().unwrap(), &mut err).unwrap();
    assert!(!status.success());
    assert!(err.contains("ingest-worker migrate"), "{err}");
    // Migrating (as the owner) puts it right.
    let out = Command::new(bin("ingest-worker"))
        .arg("migrate")
        .envs(app.env.clone())
        .output()
        .unwrap();
    assert_success(&out);
    app.cleanup().await;
}
