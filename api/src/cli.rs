//! Administration commands of the `api` binary: accounts and habilitations, guichets, codes
//! télédemandeur, API tokens.

use std::io::BufRead;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use storage::portal::NewUser;
use storage::DbConfig;

use crate::auth;
use crate::authz::Profile;

#[derive(Parser)]
#[command(
    name = "api",
    about = "Dossier unique : API HTTP, portails et administration"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the API and the portals (the default).
    Serve,
    /// Staff accounts.
    #[command(subcommand)]
    Users(Users),
    /// Guichets (registration desks) and the address of their notices.
    #[command(subcommand)]
    Guichets(Guichets),
    /// Issue (or re-issue) the code télédemandeur of a demande; prints it once.
    CodeTeledemandeur {
        /// Numéro unique of the demande.
        numero: String,
        /// The applicant's e-mail, for confirmations.
        #[arg(long)]
        email: Option<String>,
    },
    /// API tokens of guichets' own systems.
    #[command(subcommand)]
    Tokens(Tokens),
    /// Consistency of object storage with the database.
    #[command(subcommand)]
    Objects(Objects),
    /// Purge pieces of demandes radiées for more than a year and pieces long in quarantine.
    Retention {
        /// Days a piece stays in quarantine before it is purged.
        #[arg(long, default_value_t = 90)]
        quarantine_days: i32,
        /// Only list what would be purged.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
pub enum Objects {
    /// Find objects no row references (e.g. a crash between the upload and the commit) and
    /// remove those older than the grace period.
    Reconcile {
        /// Hours an unreferenced object is left alone (an upload may be committing).
        #[arg(long, default_value_t = 24)]
        grace_hours: u64,
        /// Only list what would be removed.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check that every stored piece and batch still has its sha256.
    Scrub,
}

#[derive(Subcommand)]
pub enum Users {
    /// Create an account or change its habilitations. The password is read from the first
    /// line of standard input (or `USER_PASSWORD`).
    Add {
        #[arg(long)]
        login: String,
        #[arg(long)]
        nom: String,
        /// consultant_simple, consultant_demande, consultant_sensible, guichet_enregistreur,
        /// gestionnaire_territorial or operateur.
        #[arg(long)]
        profil: String,
        #[arg(long)]
        guichet: String,
        /// Départements, comma-separated (e.g. 075,092,02A).
        #[arg(long)]
        territoire: String,
        #[arg(long)]
        email: Option<String>,
    },
    /// Disable an account: it can no longer log in, and its sessions end now.
    Disable {
        #[arg(long)]
        login: String,
    },
    /// Enable a disabled account again.
    Enable {
        #[arg(long)]
        login: String,
    },
}

#[derive(Subcommand)]
pub enum Guichets {
    /// Create or update a guichet.
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        libelle: String,
        #[arg(long)]
        email: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum Tokens {
    /// Create a token for a guichet's system; prints it once.
    Add {
        #[arg(long)]
        guichet: String,
        #[arg(long)]
        profil: String,
        #[arg(long)]
        territoire: String,
        #[arg(long)]
        label: String,
        /// Days the token is valid.
        #[arg(long, default_value_t = 365, conflicts_with = "expire_le")]
        jours: u32,
        /// Last day the token is valid (AAAA-MM-JJ), instead of `--jours`.
        #[arg(long)]
        expire_le: Option<chrono::NaiveDate>,
    },
    /// List the tokens (id, guichet, profile, label, expiry, state).
    List,
    /// Revoke a token by its id.
    Revoke { id: uuid::Uuid },
}

/// When a token created now expires: at the end of `last_day` (UTC), or in `days` days.
///
/// # Errors
/// When the day is already past.
pub fn token_expiry(
    days: u32,
    last_day: Option<chrono::NaiveDate>,
) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    let now = chrono::Utc::now();
    let at = match last_day {
        Some(d) => (d + chrono::Days::new(1))
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc(),
        None => now + chrono::Days::new(u64::from(days)),
    };
    if at <= now {
        bail!("la date d'expiration du jeton est déjà passée");
    }
    Ok(at)
}

/// Parses a territory list, checking each département code.
///
/// # Errors
/// Names the bad code.
pub fn parse_territory(s: &str) -> anyhow::Result<Vec<String>> {
    let list: Vec<String> = s
        .split(',')
        .map(|d| d.trim().to_uppercase())
        .filter(|d| !d.is_empty())
        .collect();
    for d in &list {
        let ok = match d.as_str() {
            "02A" | "02B" => true,
            _ => {
                d.len() == 3
                    && d.parse::<u16>()
                        .is_ok_and(|n| (1..=95).contains(&n) || (971..=976).contains(&n))
            }
        };
        if !ok {
            bail!("département {d:?} invalide (001 à 095, 02A, 02B, 971 à 976)");
        }
    }
    if list.is_empty() {
        bail!("le territoire doit compter au moins un département");
    }
    Ok(list)
}

fn read_password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("USER_PASSWORD") {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Runs an administration command.
///
/// # Errors
/// On bad arguments or a database error.
pub async fn run(command: Command) -> anyhow::Result<()> {
    let db = DbConfig::from_env()?
        .connect()
        .await
        .context("connecting to PostgreSQL")?;
    match command {
        Command::Serve => unreachable!("handled by main"),
        Command::Users(Users::Add {
            login,
            nom,
            profil,
            guichet,
            territoire,
            email,
        }) => {
            let profile: Profile = profil.parse().map_err(anyhow::Error::msg)?;
            let territory = parse_territory(&territoire)?;
            let password = read_password()?;
            if password.chars().count() < 12 {
                bail!("mot de passe trop court : 12 caractères au moins");
            }
            let id = db
                .upsert_user(&NewUser {
                    login: login.clone(),
                    nom,
                    email,
                    profile: profile.as_str().into(),
                    guichet,
                    territory,
                    password_hash: auth::hash_secret_off_runtime(password).await,
                })
                .await?;
            // A password change ends the account's sessions (upsert_user deletes them).
            println!("compte {login} enregistré ({id}, profil {profile})");
        }
        Command::Users(Users::Disable { login }) => {
            if !db.set_user_disabled(&login, true).await? {
                bail!("compte {login} inconnu");
            }
            println!("compte {login} désactivé ; ses sessions sont closes");
        }
        Command::Users(Users::Enable { login }) => {
            if !db.set_user_disabled(&login, false).await? {
                bail!("compte {login} inconnu");
            }
            println!("compte {login} réactivé");
        }
        Command::Guichets(Guichets::Add {
            code,
            libelle,
            email,
        }) => {
            db.upsert_guichet(&code, &libelle, email.as_deref()).await?;
            println!("guichet {code} enregistré");
        }
        Command::CodeTeledemandeur { numero, email } => {
            let n =
                plan_de_classement::NumeroUnique::parse(&numero.replace(' ', "").to_uppercase())
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            let code = auth::new_applicant_code();
            let hash = auth::hash_secret_off_runtime(auth::normalize_code(&code)).await;
            if !db
                .set_applicant_code(n.as_str(), &hash, email.as_deref())
                .await?
            {
                bail!("demande {} inconnue du registre", n.spaced());
            }
            println!("{code}");
        }
        Command::Tokens(Tokens::Add {
            guichet,
            profil,
            territoire,
            label,
            jours,
            expire_le,
        }) => {
            let profile: Profile = profil.parse().map_err(anyhow::Error::msg)?;
            let territory = parse_territory(&territoire)?;
            let expires_at = token_expiry(jours, expire_le)?;
            let token = auth::random_token();
            let id = db
                .create_token(
                    &auth::token_hash(&token),
                    &label,
                    &guichet,
                    profile.as_str(),
                    &territory,
                    expires_at,
                )
                .await?;
            eprintln!(
                "jeton {id} créé pour le guichet {guichet} (profil {profile}), valable jusqu'au {} ; il ne sera plus affiché :",
                expires_at.format("%Y-%m-%d %H:%M UTC")
            );
            println!("{token}");
        }
        Command::Objects(Objects::Reconcile {
            grace_hours,
            dry_run,
        }) => {
            let store = storage::ObjectConfig::from_env()?.build();
            let referenced = db.referenced_keys().await?;
            let now = std::time::SystemTime::now();
            let grace = std::time::Duration::from_secs(grace_hours * 3600);
            let (mut removed, mut young) = (0, 0);
            for (key, at) in store.list().await? {
                if referenced.contains(&key) {
                    continue;
                }
                if now.duration_since(at).unwrap_or_default() < grace {
                    young += 1;
                    continue;
                }
                if dry_run {
                    println!("à supprimer : {key}");
                } else {
                    store.delete(&key).await?;
                    println!("supprimé : {key}");
                }
                removed += 1;
            }
            println!(
                "{removed} objet(s) orphelin(s) {} ; {young} orphelin(s) récent(s) laissé(s) (délai de grâce {grace_hours} h)",
                if dry_run { "à supprimer" } else { "supprimé(s)" }
            );
        }
        Command::Retention {
            quarantine_days,
            dry_run,
        } => {
            let store = storage::ObjectConfig::from_env()?.build();
            let actor = storage::portal::JournalActor {
                name: "purge de conservation".into(),
                guichet: None,
            };
            let candidates = db.purge_candidates(quarantine_days).await?;
            let mut removed = 0;
            for (id, reason) in &candidates {
                if dry_run {
                    println!("à purger : pièce {id} ({reason})");
                    continue;
                }
                let keys = db.purge_piece(*id, reason, &actor).await?;
                // An object shared with another piece (same content) stays.
                let still = db.referenced_keys().await?;
                for key in keys.iter().filter(|k| !still.contains(*k)) {
                    store.delete(key).await?;
                    removed += 1;
                }
                println!("purgée : pièce {id} ({reason})");
            }
            println!(
                "{} pièce(s) {} ; {removed} objet(s) supprimé(s)",
                candidates.len(),
                if dry_run { "à purger" } else { "purgée(s)" }
            );
        }
        Command::Objects(Objects::Scrub) => {
            let store = storage::ObjectConfig::from_env()?.build();
            let (mut ok, mut bad) = (0, 0);
            for (key, sha) in db.checksummed_objects().await? {
                match store.get(&key).await {
                    Ok(bytes) if storage::objects::sha256_hex(&bytes) == sha => ok += 1,
                    Ok(_) => {
                        bad += 1;
                        println!("altéré : {key}");
                    }
                    Err(storage::objects::ObjectError::NotFound(_)) => {
                        bad += 1;
                        println!("manquant : {key}");
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            println!("{ok} objet(s) intact(s), {bad} en défaut");
            if bad > 0 {
                bail!("{bad} objet(s) manquant(s) ou altéré(s)");
            }
        }
        Command::Tokens(Tokens::List) => {
            let now = chrono::Utc::now();
            println!("id\tguichet\tprofil\tlibellé\tcréé le\texpire le\tétat");
            for t in db.list_tokens().await? {
                let state = match t.revoked_at {
                    Some(at) => format!("révoqué le {}", at.format("%Y-%m-%d")),
                    None if t.expires_at <= now => "expiré".into(),
                    None => "actif".into(),
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{state}",
                    t.id,
                    t.guichet,
                    t.profile,
                    t.label,
                    t.created_at.format("%Y-%m-%d"),
                    t.expires_at.format("%Y-%m-%d %H:%M UTC"),
                );
            }
        }
        Command::Tokens(Tokens::Revoke { id }) => {
            if !db.revoke_token(id).await? {
                bail!("jeton {id} inconnu ou déjà révoqué");
            }
            println!("jeton {id} révoqué");
        }
    }
    Ok(())
}
