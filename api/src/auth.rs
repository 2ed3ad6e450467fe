//! Authentication: passwords and codes télédemandeur (argon2), session cookies with a CSRF
//! token, lock-out after repeated failures, and bearer tokens for guichets' own systems.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use rand::RngCore;
use sha2::{Digest, Sha256};
use storage::portal::{JournalActor, SessionSubject};

use crate::authz::{Actor, Profile};
use crate::error::ApiError;
use crate::AppState;

/// The session cookie's name.
pub const COOKIE: &str = "du_session";
/// Failures in a row before an account is locked.
pub const LOCK_AFTER: i32 = 5;
/// How long a lock lasts.
pub const LOCK_MINUTES: i32 = 15;
/// Session lifetime.
pub const SESSION_HOURS: i32 = 8;

/// Hashes a secret with argon2id and a random salt.
pub fn hash_secret(secret: &str) -> String {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .expect("argon2 hashing with default parameters")
        .to_string()
}

/// Checks a secret against an argon2 hash (constant-time in the secret).
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
            return Ok(match state.db.session(&hash).await? {
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
        .session(&token_hash(&token))
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
    fn the_session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; du_session=abc; b=2".parse().unwrap());
        assert_eq!(session_cookie(&h).as_deref(), Some("abc"));
    }
}
