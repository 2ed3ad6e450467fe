//! Accounts and sessions as a security reviewer expects them: progressive login delays that tell
//! nothing about the account and lock nobody out for long, idle sessions, sessions ended by a
//! password reset, a disabled account or a demande radiée, expiring API tokens, `Secure`
//! cookies, and the CSRF check of a multipart deposit before its body is read.

use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::app::{
    has_csrf, hidden_csrf, login_form, marie_registry, mobile_token, no_redirect, pdf_part,
    send_text, session_get, session_post, set_cookie, set_cookies, Services, TestApp, BIRTH,
    NUMERO,
};
use crate::portals::applicant_login;

const PASSWORD: &str = "un mot de passe solide";

/// A login form's answer: status, the page with its one-time CSRF token blanked, the names of
/// the cookies it sets, and the session cookie if one was opened.
struct Answer {
    status: u16,
    body: String,
    cookie_names: Vec<String>,
    session: Option<String>,
}

async fn staff_login(app: &TestApp, login: &str, password: &str) -> Answer {
    let r = login_form(
        app,
        "/connexion",
        &[("login", login), ("password", password)],
    )
    .await;
    let status = r.status().as_u16();
    let session = set_cookie(&r, "du_session");
    let cookie_names = set_cookies(&r)
        .iter()
        .map(|c| c.split('=').next().unwrap().to_string())
        .collect();
    let body = r.text().await.unwrap();
    let body = if has_csrf(&body) {
        body.replace(&hidden_csrf(&body), "JETON")
    } else {
        body
    };
    Answer {
        status,
        body,
        cookie_names,
        session,
    }
}

/// Whether the session cookie still opens the consultation portal.
async fn staff_session_alive(app: &TestApp, session: &str) -> bool {
    let r = session_get(app, "/consultation", session)
        .send()
        .await
        .unwrap();
    r.status().as_u16() == 200
}

/// How many sessions (staff, applicants, phones) are open.
async fn session_rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

fn key(kind: &str, value: &str) -> String {
    hex::encode(Sha256::digest(format!("{kind}:{value}").as_bytes()))
}

/// Seconds before the next attempt on `key` is allowed (0 when it is).
async fn delay_left(app: &TestApp, key: &str) -> f64 {
    sqlx::query_scalar::<_, f64>(
        "SELECT COALESCE((SELECT greatest(0, extract(epoch FROM next_allowed_at - now()))::float8
                          FROM login_throttle WHERE key = $1), 0)",
    )
    .bind(key)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn wait_delay(app: &TestApp, key: &str, at_most: Duration) {
    let started = Instant::now();
    while delay_left(app, key).await > 0.0 {
        assert!(started.elapsed() < at_most, "the delay did not end");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn repeated_failures_answer_alike_for_real_and_unknown_accounts_then_the_owner_gets_in() {
    let app = TestApp::spawn_on(Services::from_env(), None, &[("LOGIN_MAX_DELAY_SECS", "4")]).await;
    app.add_user("claire", PASSWORD);
    let mut real = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..8 {
        real.push(staff_login(&app, "claire", "mauvais").await);
        unknown.push(staff_login(&app, "personne", "mauvais").await);
    }
    for (i, (r, u)) in real.iter().zip(&unknown).enumerate() {
        assert_eq!(r.status, 200, "attempt {}", i + 1);
        assert!(r.session.is_none() && u.session.is_none());
        assert_eq!(
            (r.status, &r.cookie_names),
            (u.status, &u.cookie_names),
            "attempt {}",
            i + 1
        );
        // Byte for byte, but for the form's one-time token.
        assert_eq!(r.body, u.body, "attempt {}", i + 1);
        assert!(r.body.contains("Identifiant ou mot de passe incorrect"));
        assert!(!r.body.contains("verrouillé"));
    }
    // Past five failures the account waits: even the right password is refused, alike.
    while delay_left(&app, &key("compte", "claire")).await < 0.5 {
        staff_login(&app, "claire", "mauvais").await;
    }
    let during = staff_login(&app, "claire", PASSWORD).await;
    assert_eq!(during.status, 200);
    assert!(during.session.is_none());
    assert_eq!(during.body, real[7].body);
    // The delay is bounded: once it is over the owner logs in.
    assert!(delay_left(&app, &key("compte", "claire")).await <= 4.0);
    wait_delay(&app, &key("compte", "claire"), Duration::from_secs(6)).await;
    let ok = staff_login(&app, "claire", PASSWORD).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert!(ok.session.is_some());
    // Success forgets the account's failures; nothing is kept in clear.
    assert_eq!(delay_left(&app, &key("compte", "claire")).await, 0.0);
    let clear: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM login_throttle WHERE key LIKE '%claire%' OR key LIKE '%127.0.0.1%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(clear, 0);
    app.cleanup().await;
}

#[tokio::test]
async fn hammering_an_account_does_not_lock_its_owner_out_beyond_the_longest_delay() {
    let app = TestApp::spawn_on(Services::from_env(), None, &[("LOGIN_MAX_DELAY_SECS", "3")]).await;
    app.add_user("claire", PASSWORD);
    // An attacker tries as fast as he can for eight seconds.
    let started = Instant::now();
    let mut tries = 0;
    while started.elapsed() < Duration::from_secs(8) {
        let r = staff_login(&app, "claire", "devine").await;
        assert_eq!(r.status, 200);
        tries += 1;
    }
    // Attempts during a delay are not counted, and the delay never exceeds the maximum.
    let failures: i32 = sqlx::query_scalar("SELECT failures FROM login_throttle WHERE key = $1")
        .bind(key("compte", "claire"))
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(failures < tries, "{failures} failures counted of {tries}");
    assert!(delay_left(&app, &key("compte", "claire")).await <= 3.0);
    // The attacker stops: the owner, from the same address, gets in after the delay.
    wait_delay(&app, &key("compte", "claire"), Duration::from_secs(4)).await;
    wait_delay(&app, &key("adresse", "127.0.0.1"), Duration::from_secs(4)).await;
    let ok = staff_login(&app, "claire", PASSWORD).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    app.cleanup().await;
}

#[tokio::test]
async fn an_idle_session_ends_while_an_active_one_lives_on() {
    let app = TestApp::spawn_on(Services::from_env(), None, &[("SESSION_IDLE_SECS", "4")]).await;
    app.add_user("claire", PASSWORD);
    let active = staff_login(&app, "claire", PASSWORD).await.session.unwrap();
    let idle = staff_login(&app, "claire", PASSWORD).await.session.unwrap();
    // One request a second keeps a session alive past the idle time.
    for _ in 0..7 {
        assert!(staff_session_alive(&app, &active).await);
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    // The other, unused for as long, has ended and its row is gone.
    assert!(!staff_session_alive(&app, &idle).await);
    assert_eq!(session_rows(&app).await, 1);
    app.cleanup().await;
}

#[tokio::test]
async fn a_password_reset_and_disabling_an_account_end_its_sessions() {
    let app = TestApp::spawn().await;
    app.add_user("claire", PASSWORD);
    let first = staff_login(&app, "claire", PASSWORD).await.session.unwrap();
    assert!(staff_session_alive(&app, &first).await);
    // Reset (`users add` again, a new password): the session opened before ends.
    app.add_user("claire", "un autre mot de passe");
    assert!(!staff_session_alive(&app, &first).await);
    let second = staff_login(&app, "claire", "un autre mot de passe")
        .await
        .session
        .unwrap();
    assert!(staff_session_alive(&app, &second).await);
    // Disabled: the session ends and logging in is refused like a wrong password.
    let out = app.admin(&["users", "disable", "--login", "claire"], None);
    assert!(out.contains("désactivé"), "{out}");
    assert!(!staff_session_alive(&app, &second).await);
    let refused = staff_login(&app, "claire", "un autre mot de passe").await;
    let unknown = staff_login(&app, "personne", "un autre mot de passe").await;
    assert_eq!(refused.status, 200);
    assert_eq!(refused.body, unknown.body);
    let (ok, out) = app.admin_status(&["users", "disable", "--login", "personne"]);
    assert!(!ok && out.contains("inconnu"), "{out}");
    // Enabled again, it logs in.
    app.admin(&["users", "enable", "--login", "claire"], None);
    let back = staff_login(&app, "claire", "un autre mot de passe").await;
    assert_eq!(back.status, 303, "{}", back.body);
    app.cleanup().await;
}

#[tokio::test]
async fn a_demande_radiee_ends_the_applicant_sessions() {
    let app = TestApp::spawn().await;
    app.import_registry_ok(&marie_registry("active"));
    let code = app.admin(&["code-teledemandeur", NUMERO], None);
    let (web, _) = applicant_login(&app, NUMERO, BIRTH, &code).await;
    let mobile = mobile_token(&app, NUMERO, BIRTH, &code).await;
    let home = |cookie: String| {
        let r = session_get(&app, "/demandeur", &cookie);
        async move { r.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(home(web.clone()).await, 200);
    let (s, _) = app
        .deposit_pdf(&mobile, NUMERO, "AVIS", "a.pdf", "Avis")
        .await;
    assert_eq!(s, 202);
    // The registry now says radiée: both sessions end at their next request.
    app.import_registry_ok(&marie_registry("radiee"));
    assert_eq!(home(web).await, 303);
    let (s, _) = app
        .deposit_pdf(&mobile, NUMERO, "AVIS", "b.pdf", "Avis 2")
        .await;
    assert_eq!(s, 401);
    assert_eq!(session_rows(&app).await, 0);
    app.cleanup().await;
}

#[tokio::test]
async fn api_tokens_expire_and_are_listed() {
    let app = TestApp::spawn().await;
    let args = |extra: &[&'static str]| {
        let mut v = vec![
            "tokens",
            "add",
            "--guichet",
            "DGALN",
            "--profil",
            "operateur",
            "--territoire",
            "075",
            "--label",
            "courte",
        ];
        v.extend_from_slice(extra);
        v
    };
    let short = app.admin(&args(&["--jours", "1"]), None);
    let dated = app.admin(&args(&["--expire-le", "2099-12-31"]), None);
    let (ok, out) = app.admin_status(&args(&["--expire-le", "2001-01-01"]));
    assert!(!ok && out.contains("déjà passée"), "{out}");
    let revue = |token: String| {
        let (client, url) = (app.client.clone(), format!("{}/api/revue", app.base));
        async move {
            let r = client.get(url).bearer_auth(token).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    assert_eq!(revue(short.clone()).await.0, 200);
    assert_eq!(revue(dated.clone()).await.0, 200);
    let expires: String = sqlx::query_scalar(
        "SELECT to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM api_tokens WHERE token_hash = $1",
    )
    .bind(hex::encode(Sha256::digest(dated.as_bytes())))
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(expires, "2100-01-01 00:00");
    // Past its expiry a token answers like an unknown one.
    sqlx::query(
        "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
    )
    .bind(hex::encode(Sha256::digest(short.as_bytes())))
    .execute(&app.db)
    .await
    .unwrap();
    let expired = revue(short).await;
    assert_eq!(expired.0, 401);
    assert_eq!(expired, revue("0".repeat(64)).await);
    let list = app.admin(&["tokens", "list"], None);
    assert!(
        list.contains("expiré") && list.contains("2100-01-01"),
        "{list}"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn every_cookie_is_secure_httponly_and_strict_with_secure_cookies() {
    let app = TestApp::spawn_on(Services::from_env(), None, &[("SECURE_COOKIES", "1")]).await;
    app.add_user("claire", PASSWORD);
    let mut seen = Vec::new();
    let c = no_redirect();
    let page = c
        .get(format!("{}/connexion", app.base))
        .send()
        .await
        .unwrap();
    seen.extend(set_cookies(&page));
    let pre = set_cookie(&page, "du_prelogin").unwrap();
    let csrf = hidden_csrf(&page.text().await.unwrap());
    let r = c
        .post(format!("{}/connexion", app.base))
        .header("cookie", format!("du_prelogin={pre}"))
        .form(&[
            ("login", "claire"),
            ("password", PASSWORD),
            ("_csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    seen.extend(set_cookies(&r));
    let session = set_cookie(&r, "du_session").unwrap();
    let cookie = format!("du_session={session}");
    let page = send_text(
        c.get(format!("{}/consultation", app.base))
            .header("cookie", &cookie),
    )
    .await;
    let csrf = hidden_csrf(&page);
    // A form's outcome travels in the one-time message cookie.
    let r = c
        .post(format!(
            "{}/consultation/pieces/{}/restauration",
            app.base,
            uuid::Uuid::new_v4()
        ))
        .header("cookie", &cookie)
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    seen.extend(set_cookies(&r));
    let r = c
        .get(format!("{}/consultation", app.base))
        .header("cookie", format!("{cookie}; du_flash=eoups"))
        .send()
        .await
        .unwrap();
    seen.extend(set_cookies(&r));
    let r = c
        .post(format!("{}/deconnexion", app.base))
        .header("cookie", &cookie)
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    seen.extend(set_cookies(&r));
    for name in ["du_prelogin", "du_session", "du_flash"] {
        assert!(
            seen.iter().any(|c| c.starts_with(&format!("{name}="))),
            "{name} not seen: {seen:?}"
        );
    }
    for c in &seen {
        assert!(
            c.contains("; Secure") && c.contains("HttpOnly") && c.contains("SameSite=Strict"),
            "{c}"
        );
    }
    app.cleanup().await;
}

/// Sends the head of a multipart POST announcing `announced` bytes, and only `sent` of them;
/// returns the status line of the answer, or `None` if none came within five seconds.
async fn partial_post(
    app: &TestApp,
    path: &str,
    cookie: &str,
    first_field: &str,
    extra_header: &str,
) -> Option<String> {
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut body = format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"{first_field}\"; filename=\"gros.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n%PDF-1.4\n"
    )
    .into_bytes();
    body.resize(64 * 1024, b' ');
    let announced = 20 * 1024 * 1024;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nCookie: du_session={cookie}\r\n{extra_header}\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {announced}\r\n\r\n",
        app.base.trim_start_matches("http://")
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(&body).await.unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    let read = async {
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    answer.extend_from_slice(&buf[..n]);
                    if answer.windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(5), read)
        .await
        .ok()?;
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .map(str::to_string)
}

#[tokio::test]
async fn a_multipart_deposit_without_its_csrf_token_is_refused_before_the_body_is_read() {
    let app = TestApp::spawn().await;
    app.import_registry_ok(&marie_registry("active"));
    let code = app.admin(&["code-teledemandeur", NUMERO], None);
    let (web, csrf) = applicant_login(&app, NUMERO, BIRTH, &code).await;
    app.add_user("claire", PASSWORD);
    let staff = staff_login(&app, "claire", PASSWORD).await.session.unwrap();
    // 64 KiB of a 20 MB body sent, the rest never: the refusal comes anyway.
    for (path, cookie) in [
        ("/demandeur/pieces".to_string(), &web),
        (format!("/consultation/demandes/{NUMERO}/pieces"), &staff),
        (format!("/api/demandes/{NUMERO}/pieces"), &staff),
    ] {
        let status = partial_post(&app, &path, cookie, "fichier", "").await;
        assert!(
            status.as_deref().is_some_and(|s| s.contains(" 403 ")),
            "{path}: {status:?}"
        );
        let status = partial_post(&app, &path, cookie, "fichier", "X-CSRF-Token: faux\r\n").await;
        assert!(
            status.as_deref().is_some_and(|s| s.contains(" 403 ")),
            "{path}: {status:?}"
        );
    }
    // With its token (first field, as the pages' forms send it) a deposit goes through.
    let form = reqwest::multipart::Form::new()
        .text("_csrf", csrf)
        .text("type", "AVIS")
        .part("fichier", pdf_part("Avis", "avis.pdf"));
    let r = session_post(&app, "/demandeur/pieces", &web)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert!(set_cookie(&r, "du_flash").is_some_and(|f| f.starts_with('i')));
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM pieces WHERE demande = $1")
        .bind(NUMERO)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 1);
    app.cleanup().await;
}
