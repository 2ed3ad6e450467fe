//! Authentication: passwords and codes télédemandeur (argon2, hashed off the async runtime),
//! session cookies with a CSRF token, progressive delays after failed logins, session idle
//! timeout and purge, and bearer tokens for guichets' own systems.
//!
//! Failed logins are counted per account — known or not, so that the answers cannot tell them
//! apart — and per client address. After a few failures each further attempt waits a delay that
//! doubles up to [`AuthConfig::max_delay_secs`]; an attempt during the delay is refused like a
//! wrong password and not counted, so nobody can keep an account locked beyond that delay.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use rand::RngCore;
use sha2::{Digest, Sha256};
use storage::portal::{JournalActor, SessionSubject};

use crate::authz::{Actor, Profile};
use crate::error::ApiError;
use crate::AppState;

/// The session cookie's name.
pub const COOKIE: &str = "du_session";
/// Failures of an account (known or not) before its attempts are delayed.
pub const ACCOUNT_FREE_FAILURES: i32 = 5;
/// Failures from one client address before its attempts are delayed (several people may share
/// an address: an office behind NAT).
pub const ADDRESS_FREE_FAILURES: i32 = 20;
/// Absolute session lifetime.
pub const SESSION_HOURS: i32 = 8;

/// Settings of accounts and sessions. Variables: `SESSION_IDLE_MINUTES` (default 30: a session
/// unused that long ends; `SESSION_IDLE_SECS`, in seconds, overrides it), `LOGIN_MAX_DELAY_SECS`
/// (default 900: the longest delay between two login attempts after repeated failures),
/// `TRUSTED_PROXY` (`1` when a reverse proxy in front sets `X-Forwarded-For`: its last entry
/// is then the client address; otherwise the socket's peer address is).
#[derive(Debug, Clone)]
pub struct AuthConfig {
    pub idle_secs: i64,
    pub max_delay_secs: i32,
    pub trusted_proxy: bool,
}

impl AuthConfig {
    /// # Errors
    /// Names the variable whose value is not a positive number.
    pub fn from_env() -> anyhow::Result<Self> {
        fn number(name: &str) -> anyhow::Result<Option<i64>> {
            match std::env::var(name) {
                Ok(v) if !v.trim().is_empty() => match v.trim().parse::<i64>() {
                    Ok(n) if n > 0 => Ok(Some(n)),
                    _ => anyhow::bail!("{name} must be a positive number, not {v:?}"),
                },
                _ => Ok(None),
            }
        }
        let idle_secs = match number("SESSION_IDLE_SECS")? {
            Some(s) => s,
            None => number("SESSION_IDLE_MINUTES")?.unwrap_or(30) * 60,
        };
        let max_delay_secs = number("LOGIN_MAX_DELAY_SECS")?.unwrap_or(900);
        Ok(AuthConfig {
            idle_secs,
            max_delay_secs: i32::try_from(max_delay_secs.min(86_400)).unwrap_or(86_400),
            trusted_proxy: matches!(std::env::var("TRUSTED_PROXY").as_deref(), Ok("1" | "true")),
        })
    }
}

/// Hashes a secret with argon2id and a random salt. CPU-bound (tens of milliseconds): from async
/// code use [`hash_secret_off_runtime`].
pub fn hash_secret(secret: &str) -> String {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .expect("argon2 hashing with default parameters")
        .to_string()
}

/// [`hash_secret`] on the blocking thread pool.
pub async fn hash_secret_off_runtime(secret: String) -> String {
    tokio::task::spawn_blocking(move || hash_secret(&secret))
        .await
        .expect("argon2 hashing does not panic")
}

/// Checks a secret against an argon2 hash (constant-time in the secret). CPU-bound: from async
/// code, run it in `spawn_blocking` (as [`gated_login`] does).
pub fn verify_secret(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash to verify against when the account does not exist, so both cases take as long.
pub fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_secret("compte inexistant"))
}

/// The client address a login attempt is counted against: the socket's peer, or the last entry
/// of `X-Forwarded-For` when [`AuthConfig::trusted_proxy`] says a proxy in front sets it. An
/// IPv6 address counts as its /64 (one subscriber's prefix).
#[derive(Debug, Clone)]
pub struct ClientAddr(pub String);

impl ClientAddr {
    fn of(ip: Option<IpAddr>) -> ClientAddr {
        ClientAddr(match ip {
            Some(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
            Some(IpAddr::V6(v6)) => v6
                .to_ipv4_mapped()
                .map_or_else(String::new, |v4| v4.to_string()),
            Some(ip) => ip.to_string(),
            None => "inconnue".into(),
        })
    }
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let forwarded = state.auth.trusted_proxy.then(|| {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .last()
                .and_then(|v| v.trim().parse::<IpAddr>().ok())
        });
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientAddr::of(forwarded.flatten().or(peer)))
    }
}

/// The key of the failure count of `kind` (`compte`, `demande`, `adresse`) `value`: a sha256, so
/// that the table holds no login or address in clear.
pub fn throttle_key(kind: &str, value: &str) -> String {
    hex::encode(Sha256::digest(format!("{kind}:{value}").as_bytes()))
}

/// One login attempt on the account whose failures are counted under `account_key`, from
/// `addr`. `check` compares the secrets (argon2: it runs on the blocking pool, and runs even
/// when the attempt is delayed, so that every answer takes as long); it returns `Some` when the
/// credentials are right, and must hash against [`dummy_hash`] for an unknown account.
///
/// `Ok(None)` — a wrong secret, an unknown account or an attempt during the delay — is one and
/// the same refusal for the caller to answer. Failures are counted only outside the delay.
///
/// # Errors
/// On a database error.
pub async fn gated_login<T: Send + 'static>(
    state: &AppState,
    account_key: String,
    addr: &ClientAddr,
    check: impl FnOnce() -> Option<T> + Send + 'static,
) -> Result<Option<T>, ApiError> {
    let addr_key = throttle_key("adresse", &addr.0);
    let delayed = state
        .db
        .login_throttled(&[account_key.clone(), addr_key.clone()])
        .await?;
    let verdict = tokio::task::spawn_blocking(check)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("password check: {e}")))?;
    if delayed {
        tracing::warn!("login refused: attempt during the delay after failures");
        return Ok(None);
    }
    match verdict {
        Some(v) => {
            state.db.login_succeeded(&account_key).await?;
            Ok(Some(v))
        }
        None => {
            state
                .db
                .login_failed(
                    &[
                        (account_key, ACCOUNT_FREE_FAILURES),
                        (addr_key, ADDRESS_FREE_FAILURES),
                    ],
                    state.auth.max_delay_secs,
                )
                .await?;
            Ok(None)
        }
    }
}

/// Deletes unusable sessions (expired, idle, of a disabled account or of a demande no longer
/// active) every five minutes, the first time at start-up.
pub async fn purge_sessions(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(300));
    loop {
        tick.tick().await;
        match state.db.purge_sessions(state.auth.idle_secs).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "unusable sessions purged"),
            Err(e) => tracing::warn!(error = %e, "purging sessions failed"),
        }
    }
}

/// A random token (256 bits, hex).
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// A code télédemandeur: 12 characters easy to read and type (no 0/O, 1/I/L).
pub fn new_applicant_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut b = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut b);
    let s: String = b
        .iter()
        .map(|x| ALPHABET[*x as usize % ALPHABET.len()] as char)
        .collect();
    format!("{}-{}-{}", &s[..4], &s[4..8], &s[8..])
}

/// Normalizes a typed code télédemandeur (case, spaces and dashes do not matter).
pub fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// sha256 of a token, as stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    /// The CSRF token of the session; `None` for bearer tokens (not sent by browsers).
    pub csrf: Option<String>,
    /// The session token (to log out).
    pub session: Option<String>,
    /// Display name.
    pub display: String,
}

impl Caller {
    /// How the journal names this caller.
    pub fn journal_actor(&self) -> JournalActor {
        match &self.actor {
            Actor::Applicant { .. } => JournalActor {
                name: "demandeur".into(),
                guichet: None,
            },
            Actor::Staff { name, guichet, .. } => JournalActor {
                name: name.clone(),
                guichet: Some(guichet.clone()),
            },
        }
    }

    /// Checks the CSRF token of a state-changing request made with a session cookie.
    ///
    /// # Errors
    /// [`ApiError::Forbidden`] when the token is missing or wrong.
    pub fn check_csrf(&self, sent: Option<&str>) -> Result<(), ApiError> {
        match &self.csrf {
            None => Ok(()),
            Some(expected) if sent.is_some_and(|s| constant_eq(s, expected)) => Ok(()),
            Some(_) => Err(ApiError::Forbidden(
                "jeton de sécurité du formulaire invalide : rechargez la page".into(),
            )),
        }
    }

    pub fn profile(&self) -> Option<Profile> {
        match &self.actor {
            Actor::Staff { profile, .. } => Some(*profile),
            Actor::Applicant { .. } => None,
        }
    }
}

fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A cookie's value from the `Cookie` header.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The session token from the `Cookie` header.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    cookie(headers, COOKIE)
}

/// The `Set-Cookie` value opening a session.
pub fn session_set_cookie(token: &str, secure: bool) -> String {
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
        SESSION_HOURS * 3600,
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value ending a session.
pub fn session_clear_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// Wraps the application in the layers of this module: `Secure` on every cookie when
/// `SECURE_COOKIES=1`, and the CSRF check of multipart forms before their body is read.
pub fn harden(app: axum::Router, state: AppState) -> axum::Router {
    app.layer(axum::middleware::from_fn_with_state(
        state.clone(),
        csrf_before_body,
    ))
    .layer(axum::middleware::from_fn_with_state(state, secure_cookies))
}

/// Adds `Secure` to every `Set-Cookie` of the response when `SECURE_COOKIES=1` (session, login
/// form, one-time message: all of them, whoever sets them).
pub async fn secure_cookies(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    if !state.config.secure_cookies {
        return r;
    }
    let cookies: Vec<HeaderValue> = r
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    r.headers_mut().remove(header::SET_COOKIE);
    for v in cookies {
        let secure = v
            .to_str()
            .ok()
            .filter(|s| {
                !s.split(';')
                    .any(|a| a.trim().eq_ignore_ascii_case("secure"))
            })
            .and_then(|s| HeaderValue::from_str(&format!("{s}; Secure")).ok());
        r.headers_mut()
            .append(header::SET_COOKIE, secure.unwrap_or(v));
    }
    r
}

/// How far into a multipart body the CSRF field is looked for.
const CSRF_PEEK_BYTES: usize = 16 * 1024;

/// Checks the CSRF token of a multipart form posted with a session cookie before its body (up
/// to 30 Mo of files) is read: the token comes in `X-CSRF-Token`, or as the form's first field
/// `_csrf` (the pages' forms put it first; browsers send fields in document order). Anything
/// else is refused at once with 403, the files unread.
pub async fn csrf_before_body(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        });
    if req.method() != Method::POST || !is_multipart || session_cookie(req.headers()).is_none() {
        return next.run(req).await;
    }
    let expected = match resolve(&state, req.headers()).await {
        Ok(Some(Caller { csrf: Some(c), .. })) => c,
        // No session (the handler sends to the login page) or a bearer token (no CSRF).
        Ok(_) => return next.run(req).await,
        Err(e) => return e.into_response(),
    };
    let sent = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok());
    if sent.is_some_and(|s| constant_eq(s, &expected)) {
        return next.run(req).await;
    }
    let boundary = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(multipart_boundary);
    let api = req.uri().path().starts_with("/api/");
    let (parts, body) = req.into_parts();
    let mut stream = body.into_data_stream();
    let mut seen = bytes::BytesMut::new();
    let accepted = match boundary {
        None => false,
        Some(boundary) => loop {
            match first_field(&seen, &boundary) {
                FirstField::Csrf(token) => break constant_eq(&token, &expected),
                FirstField::Other => break false,
                FirstField::NeedMore if seen.len() > CSRF_PEEK_BYTES => break false,
                FirstField::NeedMore => match stream.next().await {
                    Some(Ok(chunk)) => seen.extend_from_slice(&chunk),
                    _ => break false,
                },
            }
        },
    };
    if !accepted {
        tracing::warn!(path = %parts.uri.path(), "multipart form refused: CSRF token missing or wrong");
        let refusal = ApiError::Forbidden(
            "jeton de sécurité du formulaire invalide : rechargez la page".into(),
        );
        let mut r = if api {
            refusal.into_response()
        } else {
            crate::pages::error_page(refusal)
        };
        // The rest of the body is not read: the connection cannot be reused.
        r.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return r;
    }
    let head = futures_util::stream::once(std::future::ready(Ok::<_, axum::Error>(seen.freeze())));
    let body = Body::from_stream(head.chain(stream));
    next.run(Request::from_parts(parts, body)).await
}

/// The boundary of a `multipart/form-data` content type.
fn multipart_boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|b| !b.is_empty())
    })
}

#[derive(Debug, PartialEq)]
enum FirstField {
    /// The first field is `_csrf`, with this value.
    Csrf(String),
    /// The first field is another one (or the body is not multipart).
    Other,
    NeedMore,
}

/// The first field of a multipart body, from its first bytes.
fn first_field(seen: &[u8], boundary: &str) -> FirstField {
    let delimiter = format!("--{boundary}");
    let Some(start) = find(seen, delimiter.as_bytes()) else {
        return if seen.len() > delimiter.len() + 256 {
            FirstField::Other
        } else {
            FirstField::NeedMore
        };
    };
    let after = start + delimiter.len();
    if seen.len() < after + 2 {
        return FirstField::NeedMore;
    }
    if &seen[after..after + 2] != b"\r\n" {
        return FirstField::Other;
    }
    let headers_at = after + 2;
    let Some(headers_len) = find(&seen[headers_at..], b"\r\n\r\n") else {
        return FirstField::NeedMore;
    };
    let headers = String::from_utf8_lossy(&seen[headers_at..headers_at + headers_len]);
    let name = headers.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        if !k.trim().eq_ignore_ascii_case("content-disposition") {
            return None;
        }
        v.split(';').find_map(|p| {
            let (k, v) = p.trim().split_once('=')?;
            (k.trim() == "name").then(|| v.trim().trim_matches('"').to_string())
        })
    });
    if name.as_deref() != Some("_csrf") {
        return FirstField::Other;
    }
    let value_at = headers_at + headers_len + 4;
    let end = format!("\r\n{delimiter}");
    match find(&seen[value_at..], end.as_bytes()) {
        Some(len) => FirstField::Csrf(
            String::from_utf8_lossy(&seen[value_at..value_at + len])
                .trim()
                .to_string(),
        ),
        None => FirstField::NeedMore,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Resolves the caller from a bearer token or the session cookie.
///
/// # Errors
/// On a database error.
pub async fn resolve(state: &AppState, headers: &HeaderMap) -> Result<Option<Caller>, ApiError> {
    if let Some(bearer) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        let hash = token_hash(bearer.trim());
        let Some(t) = state.db.token(&hash).await? else {
            // The phone app's applicant session.
            return Ok(match state.db.session(&hash, state.auth.idle_secs).await? {
                Some(s) if s.kind == "mobile" => match s.subject {
                    SessionSubject::Applicant(numero) => Some(Caller {
                        display: format!("demande n° {}", crate::html::numero(&numero)),
                        actor: Actor::Applicant { numero },
                        csrf: None,
                        session: Some(bearer.trim().to_string()),
                    }),
                    SessionSubject::Staff(_) => None,
                },
                _ => None,
            });
        };
        let Ok(profile) = t.profile.parse::<Profile>() else {
            return Ok(None);
        };
        return Ok(Some(Caller {
            display: format!("système du guichet {}", t.guichet),
            actor: Actor::Staff {
                profile,
                name: format!("service web « {} »", t.label),
                guichet: t.guichet,
                territory: t.territory,
            },
            csrf: None,
            session: None,
        }));
    }
    let Some(token) = session_cookie(headers) else {
        return Ok(None);
    };
    let Some(s) = state
        .db
        .session(&token_hash(&token), state.auth.idle_secs)
        .await?
        .filter(|s| s.kind == "web")
    else {
        return Ok(None);
    };
    let (actor, display) = match s.subject {
        SessionSubject::Applicant(numero) => (
            Actor::Applicant {
                numero: numero.clone(),
            },
            format!("demande n° {}", crate::html::numero(&numero)),
        ),
        SessionSubject::Staff(u) => {
            let Ok(profile) = u.profile.parse::<Profile>() else {
                return Ok(None);
            };
            (
                Actor::Staff {
                    profile,
                    guichet: u.guichet.clone(),
                    territory: u.territory.clone(),
                    name: u.nom.clone(),
                },
                format!("{} ({}, guichet {})", u.nom, profile.label(), u.guichet),
            )
        }
    };
    Ok(Some(Caller {
        actor,
        csrf: Some(s.csrf),
        session: Some(token),
        display,
    }))
}

/// An authenticated caller, or 401 for the JSON API. State-changing requests made with a
/// session cookie must carry the CSRF token in `X-CSRF-Token` (forms check their own field).
impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = resolve(state, &parts.headers)
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        let is_api =
            parts.uri.path().starts_with("/api/") || parts.uri.path().starts_with("/batches");
        if is_api && !matches!(parts.method, Method::GET | Method::HEAD) {
            let sent = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok());
            caller.check_csrf(sent)?;
        }
        Ok(caller)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_verify_only_themselves() {
        let h = hash_secret("correct horse");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_secret("correct horse", &h));
        assert!(!verify_secret("correct horsf", &h));
        assert!(!verify_secret("x", "not a hash"));
    }

    #[test]
    fn applicant_codes_are_readable_and_normalized() {
        let c = new_applicant_code();
        assert_eq!(c.len(), 14);
        assert!(!c.contains(['0', 'O', '1', 'I', 'L']));
        assert_eq!(
            normalize_code(&c.to_lowercase().replace('-', " ")),
            c.replace('-', "")
        );
    }

    #[test]
    fn the_csrf_field_is_read_only_when_it_comes_first() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc123\r\n--XyZ\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"a.pdf\"\r\n\r\n%PDF";
        assert_eq!(first_field(body, "XyZ"), FirstField::Csrf("abc123".into()));
        for cut in 0..60 {
            assert_eq!(
                first_field(&body[..cut], "XyZ"),
                FirstField::NeedMore,
                "{cut}"
            );
        }
        let file_first = b"--XyZ\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4";
        assert_eq!(first_field(file_first, "XyZ"), FirstField::Other);
        assert_eq!(
            multipart_boundary("multipart/form-data; boundary=\"XyZ\"").as_deref(),
            Some("XyZ")
        );
        assert_eq!(multipart_boundary("multipart/form-data"), None);
    }

    #[test]
    fn throttle_keys_keep_no_login_in_clear() {
        let k = throttle_key("compte", "claire");
        assert_eq!(k.len(), 64);
        assert!(!k.contains("claire"));
        assert_ne!(k, throttle_key("adresse", "claire"));
    }

    #[test]
    fn ipv6_clients_count_as_their_prefix() {
        let a = ClientAddr::of(Some("2001:db8:1:2:aaaa::1".parse().unwrap()));
        let b = ClientAddr::of(Some("2001:db8:1:2:bbbb::2".parse().unwrap()));
        assert_eq!(a.0, b.0);
        assert_eq!(
            ClientAddr::of(Some("::ffff:10.0.0.1".parse().unwrap())).0,
            "10.0.0.1"
        );
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; du_session=abc; b=2".parse().unwrap());
        assert_eq!(session_cookie(&h).as_deref(), Some("abc"));
    }
}
