//! Bad batch files: a clear error on the batch, the worker still alive, nothing half-written.

use std::time::Duration;

use ingest_worker::page::{EncodedImage, Encoding, RawPage};
use ingest_worker::piece_pdf::{build, PiecePage};

use crate::app::{get, get_json, marie_registry, TestApp};

fn white_page(width: u32, height: u32) -> RawPage {
    RawPage {
        number: 1,
        image: EncodedImage {
            width,
            height,
            bits_per_component: 8,
            components: 1,
            encoding: Encoding::Raw,
            inverted: false,
            data: vec![255; (width * height) as usize],
        },
        rotate: 0,
        size_pt: (595.0, 842.0),
    }
}

fn small_pdf() -> Vec<u8> {
    build(&[PiecePage {
        page: &white_page(200, 280),
        extra_rotation: 0,
    }])
}

async fn submit_and_wait(app: &TestApp, bytes: Vec<u8>, name: &str) -> serde_json::Value {
    let (code, reply) = app.submit(bytes, name).await;
    assert_eq!(code, 202, "{reply}");
    app.wait_batch(reply["id"].as_str().unwrap(), Duration::from_secs(60))
        .await
}

#[tokio::test]
async fn unreadable_files_are_recorded_on_the_batch_and_the_worker_goes_on() {
    let mut app = TestApp::spawn().await;

    let s = submit_and_wait(&app, Vec::new(), "vide.pdf").await;
    assert_eq!(s["status"], "failed");
    assert!(s["error"].as_str().unwrap().contains("vide"), "{s}");
    // An operator may replay a failed batch: it is queued and processed again (and fails again
    // here, with its reason); a batch that has not failed cannot be replayed.
    let id = s["id"].as_str().unwrap().to_string();
    let replay = |id: String| {
        let (app, path) = (&app, format!("/api/lots/{id}/relance"));
        async move { operator_post(app, &path).await.0 }
    };
    assert_eq!(replay(id.clone()).await, 202);
    let deliveries = || async {
        sqlx::query_scalar::<_, i32>("SELECT deliveries FROM batches WHERE id = $1::uuid")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    let again = app.wait_batch(&id, Duration::from_secs(60)).await;
    assert_eq!(again["status"], "failed");
    assert!(again["error"].as_str().unwrap().contains("vide"), "{again}");
    assert_eq!(deliveries().await, 1, "the replay is a fresh delivery");
    // An unknown batch (or one of another territory) is answered like a missing one.
    assert_eq!(replay(uuid::Uuid::new_v4().to_string()).await, 404);

    let s = submit_and_wait(
        &app,
        b"bonjour, ceci n'est pas un lot".to_vec(),
        "texte.pdf",
    )
    .await;
    assert_eq!(s["status"], "failed");
    assert!(
        s["error"].as_str().unwrap().contains("format non reconnu"),
        "{s}"
    );

    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00renamed zip".to_vec();
    let s = submit_and_wait(&app, zip, "archive.pdf").await;
    assert_eq!(s["status"], "failed", "{s}");

    // A truncated PDF: cut in the middle of its image.
    let pdf = small_pdf();
    let s = submit_and_wait(&app, pdf[..pdf.len() / 2].to_vec(), "tronque.pdf").await;
    let rejected = s["rejected_pages"].as_array().map_or(0, Vec::len);
    assert!(s["status"] == "failed" || rejected > 0, "{s}");
    assert!(s["plis"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["outcome"] != "attached"));

    // An encrypted PDF.
    let dir = &app.dir;
    let (plain, locked) = (dir.join("plain.pdf"), dir.join("locked.pdf"));
    std::fs::write(&plain, small_pdf()).unwrap();
    let ok = std::process::Command::new("qpdf")
        .args(["--encrypt", "secret", "owner", "256", "--"])
        .arg(&plain)
        .arg(&locked)
        .status()
        .unwrap();
    assert!(ok.success());
    let s = submit_and_wait(&app, std::fs::read(&locked).unwrap(), "chiffre.pdf").await;
    assert_eq!(s["status"], "failed");
    assert!(s["error"].as_str().unwrap().contains("chiffré"), "{s}");

    // An image declaring absurd dimensions: that page is rejected, the batch completes.
    let mut absurd = small_pdf();
    let needle = b"/Width 200 /Height 280";
    let at = absurd
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    let replacement = b"/Width 50000 /Height 50000";
    absurd.splice(at..at + needle.len(), replacement.iter().copied());
    let s = submit_and_wait(&app, absurd, "absurde.pdf").await;
    let reasons = s["rejected_pages"].to_string();
    assert!(
        s["error"].is_string() || reasons.contains("dimensions"),
        "{s}"
    );

    assert!(app.worker_alive(), "the worker survived every bad file");
    let pieces: i64 = sqlx::query_scalar("SELECT count(*) FROM pieces")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(pieces, 0, "nothing half-written");
    app.cleanup().await;
}

#[tokio::test]
async fn unknown_batches_answer_404_in_french() {
    let app = TestApp::spawn().await;
    let (code, body) = app.status(&uuid::Uuid::new_v4().to_string()).await;
    assert_eq!(code, 404);
    assert_eq!(body["erreur"], "lot introuvable");
    let (code, _) = app.status("not-a-uuid").await;
    assert_eq!(code, 404);
    let health = app
        .client
        .get(format!("{}/health", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status().as_u16(), 200);
    app.cleanup().await;
}

#[tokio::test]
async fn poison_messages_go_to_the_dead_letter_queue_and_shutdown_is_graceful() {
    use lapin::options::{BasicPublishOptions, QueueDeclareOptions};
    let mut app = TestApp::spawn().await;
    // Wait for the worker to declare its queues.
    let conn =
        lapin::Connection::connect(&std::env::var("TEST_AMQP_URL").unwrap(), Default::default())
            .await
            .unwrap();
    let dead = format!("{}.dead", app.queue);
    let passive = QueueDeclareOptions {
        passive: true,
        ..QueueDeclareOptions::default()
    };
    let started = std::time::Instant::now();
    // A failed passive declare closes its channel: a new channel per attempt.
    while conn
        .create_channel()
        .await
        .unwrap()
        .queue_declare(dead.as_str().into(), passive, Default::default())
        .await
        .is_err()
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "worker never declared its queues"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let channel = conn.create_channel().await.unwrap();
    for payload in [
        &b"not json"[..],
        br#"{"batch_id":"00000000-0000-0000-0000-000000000000"}"#,
    ] {
        channel
            .basic_publish(
                "".into(),
                app.queue.as_str().into(),
                BasicPublishOptions::default(),
                payload,
                Default::default(),
            )
            .await
            .unwrap()
            .await
            .unwrap();
    }
    let started = std::time::Instant::now();
    loop {
        let q = channel
            .queue_declare(dead.as_str().into(), passive, Default::default())
            .await
            .unwrap();
        if q.message_count() == 2 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "poison messages not dead-lettered"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(app.worker_alive());
    // The operators see both, with their reasons; neither names a job that can be replayed.
    let list = dead_letters(&app).await;
    let reasons: Vec<&str> = list.iter().filter_map(|d| d["reason"].as_str()).collect();
    assert!(
        reasons.contains(&"message illisible (ni lot ni pièce)")
            && reasons.contains(&"lot inconnu"),
        "{list:?}"
    );
    for d in &list {
        let (status, body) = operator_post(
            &app,
            &format!("/api/echecs/{}/relance", d["id"].as_str().unwrap()),
        )
        .await;
        assert_eq!(status, 409, "{body}");
        assert!(body.contains("classez-le"), "{body}");
        let (status, _) = operator_post(
            &app,
            &format!("/api/echecs/{}/classement", d["id"].as_str().unwrap()),
        )
        .await;
        assert_eq!(status, 204);
    }
    assert!(dead_letters(&app)
        .await
        .iter()
        .all(|d| d["resolution"] == "classe"));
    // SIGTERM: the idle worker stops by itself, cleanly.
    let exit = app.stop_worker(Duration::from_secs(10));
    assert_eq!(exit, Some(0), "worker exit status on SIGTERM");
    app.cleanup().await;
}

async fn dead_letters(app: &TestApp) -> Vec<serde_json::Value> {
    serde_json::from_value(get_json(app, &app.operator_token, "/api/echecs").await).unwrap()
}

async fn operator_post(app: &TestApp, path: &str) -> (u16, String) {
    let r = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(&app.operator_token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap_or_default())
}

/// A piece whose message keeps failing (here: as if earlier workers had died on it five times)
/// is rejected and dead-lettered; the operators see it in the professional portal, replay it,
/// and it is processed.
#[tokio::test]
async fn a_poison_piece_is_dead_lettered_shown_to_operators_and_replayed() {
    let mut app = TestApp::spawn_on(
        crate::app::Services::from_env(),
        None,
        &[("MAX_DELIVERIES", "2")],
    )
    .await;
    app.import_registry_ok(&marie_registry("active"));
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    // No worker while the piece is deposited and its count of deliveries set.
    app.kill_worker();
    let (s, v) = app
        .deposit(
            &guichet,
            "0751220123456DGALN",
            Some("AVIS"),
            &[("a.pdf", crate::app::small_pdf("Avis"))],
        )
        .await;
    assert_eq!(s, 202, "{v}");
    let id = v["id"].as_str().unwrap().to_string();
    sqlx::query("UPDATE pieces SET deliveries = 5 WHERE id = $1::uuid")
        .bind(&id)
        .execute(&app.db)
        .await
        .unwrap();
    app.start_worker();
    let piece = app.wait_piece(&guichet, &id).await;
    assert_eq!(piece["status"], "rejected", "{piece}");
    let started = std::time::Instant::now();
    let entry = loop {
        if let Some(d) = dead_letters(&app)
            .await
            .into_iter()
            .find(|d| d["job_id"] == id.as_str())
        {
            break d;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no dead letter recorded"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(entry["job_kind"], "piece");
    assert_eq!(
        entry["reason"], "traitement abandonné après 5 tentatives",
        "{entry}"
    );
    // The page lists it with its reason and the two actions.
    let (_, page) = get(&app, &app.operator_token, "/pro/echecs").await;
    let entry_id = entry["id"].as_str().unwrap();
    assert!(
        page.contains("traitement abandonné après 5 tentatives"),
        "{page}"
    );
    assert!(
        page.contains(&format!("/pro/echecs/{entry_id}/relance")),
        "{page}"
    );
    assert!(
        page.contains(&format!("/pro/echecs/{entry_id}/classement")),
        "{page}"
    );
    // A guichet does not see the page's data.
    assert_eq!(get(&app, &guichet, "/api/echecs").await.0, 404);

    let (status, body) = operator_post(&app, &format!("/api/echecs/{entry_id}/relance")).await;
    assert_eq!(status, 202, "{body}");
    let piece = app.wait_piece(&guichet, &id).await;
    assert_eq!(piece["status"], "attached", "{piece}");
    let entry = dead_letters(&app)
        .await
        .into_iter()
        .find(|d| d["id"] == entry_id)
        .unwrap();
    assert_eq!(entry["resolution"], "relance", "{entry}");
    // Replaying twice is refused.
    let (status, _) = operator_post(&app, &format!("/api/echecs/{entry_id}/relance")).await;
    assert_eq!(status, 404);
    app.cleanup().await;
}

/// A worker stopped (SIGTERM) while it waits at start-up for a PostgreSQL that is not there
/// stops cleanly, with exit status 0, instead of being killed by the signal.
#[test]
fn a_worker_stopped_while_it_waits_for_postgresql_exits_cleanly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut worker = Command::new(crate::app::bin("ingest-worker"))
        .arg("run")
        .env(
            "DATABASE_URL",
            format!("postgres://postgres@127.0.0.1:{port}/absent"),
        )
        .env("RUST_LOG", "info")
        .env_remove("LOG_FORMAT")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Its log says it waits for PostgreSQL.
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = worker.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let waiting = loop {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.contains("PostgreSQL unavailable at start-up") => break true,
            Ok(_) => {}
            Err(_) => break false,
        }
    };
    assert!(waiting, "the worker never said it waits for PostgreSQL");
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(worker.id().to_string())
        .status();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = worker.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = worker.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let status = status.expect("the worker did not stop on SIGTERM");
    assert_eq!(status.code(), Some(0), "{status:?}");
    let said: Vec<String> = rx.iter().collect();
    assert!(
        said.iter()
            .any(|l| l.contains("worker stopped before it started")),
        "{said:?}"
    );
}
