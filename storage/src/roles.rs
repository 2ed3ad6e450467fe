//! The two PostgreSQL roles of the platform, and what the application role may do.
//!
//! - The **owner role** (`MIGRATE_DATABASE_URL`, e.g. `dossier_owner`) owns the database and
//!   every object in it; only `ingest-worker migrate` connects as it.
//! - The **application role** (`APP_DB_ROLE`, default `dossier_app`, the user of `DATABASE_URL`)
//!   is what the API, the worker and the administration commands connect as. It holds exactly
//!   the verbs of [`APP_PRIVILEGES`]: on the journal `SELECT` and `INSERT`, nothing more, so
//!   neither `UPDATE`, `DELETE`, `TRUNCATE` nor `ALTER TABLE … DISABLE TRIGGER` is open to it —
//!   the append-only trigger is a second line, not the only one.
//!
//! [`Db::grant_app_role`] re-applies the whole table after every migration (revoke everything,
//! grant the list), so a privilege removed here is removed from the database too, and refuses a
//! table the list does not name: a new table gets privileges by a deliberate line here.

use sqlx::Row;

use crate::db::Db;

/// Every table of the schema with the verbs the application role needs on it: those the SQL of
/// this crate issues (`SELECT … FOR UPDATE` counts as `UPDATE`; `ON CONFLICT DO UPDATE` too).
/// A sequence behind a table's `INSERT` (a `bigserial`) gets `USAGE`.
pub const APP_PRIVILEGES: &[(&str, &[&str])] = &[
    // Written by `ingest-worker migrate` only.
    ("plan_version", &["SELECT"]),
    ("plan_categories", &["SELECT"]),
    ("plan_types", &["SELECT"]),
    // The registry import (upsert) and the portals (codes, lockouts, radiation lock).
    ("demandes", &["SELECT", "INSERT", "UPDATE"]),
    // An import replaces a demande's household as a whole.
    ("menage_membres", &["SELECT", "INSERT", "DELETE"]),
    ("batches", &["SELECT", "INSERT", "UPDATE"]),
    ("outbox", &["SELECT", "INSERT", "UPDATE"]),
    ("plis", &["SELECT", "INSERT", "UPDATE"]),
    // DELETE: a review replaces a split that was never attached (never journaled).
    ("pieces", &["SELECT", "INSERT", "UPDATE", "DELETE"]),
    // Append-only: the point of the two roles.
    ("journal", &["SELECT", "INSERT"]),
    ("guichets", &["SELECT", "INSERT", "UPDATE"]),
    ("users", &["SELECT", "INSERT", "UPDATE"]),
    // DELETE: log-out and expired sessions.
    // UPDATE: last_seen_at (idle timeout).
    ("sessions", &["SELECT", "INSERT", "UPDATE", "DELETE"]),
    // Progressive login delays (migration 0009): counted, reset on success, purged.
    ("login_throttle", &["SELECT", "INSERT", "UPDATE", "DELETE"]),
    ("api_tokens", &["SELECT", "INSERT", "UPDATE"]),
    ("mail_outbox", &["SELECT", "INSERT", "UPDATE"]),
    ("dead_letters", &["SELECT", "INSERT", "UPDATE"]),
];

/// Tables of the schema that are none of the application's business.
const NOT_FOR_THE_APP: &[&str] = &["_sqlx_migrations"];

/// Why the application role could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum RolesError {
    #[error("APP_DB_ROLE {0:?} is not a plain role name (lower-case letters, digits, _)")]
    BadName(String),
    #[error(
        "the role {0:?} (APP_DB_ROLE) does not exist: create it (`db_roles` of scripts/env.sh does) or set \
         APP_DB_ROLE to the role the API and the worker connect as"
    )]
    Missing(String),
    #[error(
        "migrate connects as {0:?}, the application role itself: set MIGRATE_DATABASE_URL to a \
         URL of the owner role"
    )]
    MigrateAsApp(String),
    #[error(
        "the application role {0:?} is a superuser, or a member of the owner role {1:?}: it \
         would bypass its privileges"
    )]
    TooPowerful(String, String),
    #[error(
        "the table {0:?} has no privileges listed in storage/src/roles.rs (APP_PRIVILEGES): add \
         a line with the verbs the application issues on it"
    )]
    Unlisted(String),
    #[error(
        "the application role {0:?} may create objects in the schema public: run migrate as the \
         owner of the schema (PostgreSQL 15+ databases created with OWNER do it), or REVOKE \
         CREATE ON SCHEMA public FROM PUBLIC"
    )]
    SchemaCreate(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A role name safe to splice into SQL: `[a-z_][a-z0-9_]*`, at most 63 bytes.
fn checked_name(role: &str) -> Result<&str, RolesError> {
    let ok = !role.is_empty()
        && role.len() <= 63
        && role.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && role
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(role)
    } else {
        Err(RolesError::BadName(role.to_string()))
    }
}

impl Db {
    /// Gives the application role `role` exactly the privileges of [`APP_PRIVILEGES`] on the
    /// schema `public`, in one transaction, as the owner this pool connects as.
    ///
    /// # Errors
    /// [`RolesError`]: the role is missing, is the connected role, a superuser or a member of
    /// the owner; a table is not listed; or a database error.
    pub async fn grant_app_role(&self, role: &str) -> Result<(), RolesError> {
        let role = checked_name(role)?;
        let mut tx = self.pool.begin().await?;
        let me: String = sqlx::query_scalar("SELECT current_user::text")
            .fetch_one(&mut *tx)
            .await?;
        if me == role {
            return Err(RolesError::MigrateAsApp(me));
        }
        let found = sqlx::query(
            "SELECT rolsuper OR rolbypassrls AS strong, pg_has_role($1::name, current_user, 'MEMBER') AS member
             FROM pg_roles WHERE rolname = $1::name",
        )
        .bind(role)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(found) = found else {
            return Err(RolesError::Missing(role.to_string()));
        };
        if found.get::<bool, _>("strong") || found.get::<bool, _>("member") {
            return Err(RolesError::TooPowerful(role.to_string(), me));
        }

        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1",
        )
        .fetch_all(&mut *tx)
        .await?;
        if let Some(t) = tables.iter().find(|t| {
            !NOT_FOR_THE_APP.contains(&t.as_str()) && !APP_PRIVILEGES.iter().any(|(n, _)| n == t)
        }) {
            return Err(RolesError::Unlisted(t.clone()));
        }

        // Start from nothing, for the application and for everyone (PUBLIC).
        for stmt in [
            format!("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, \"{role}\""),
            format!("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, \"{role}\""),
            format!("GRANT USAGE ON SCHEMA public TO \"{role}\""),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(stmt))
                .execute(&mut *tx)
                .await?;
        }
        // A table listed here that this database does not have yet (a migration still to come)
        // is skipped.
        for (table, verbs) in APP_PRIVILEGES
            .iter()
            .filter(|(n, _)| tables.iter().any(|t| t == n))
        {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "GRANT {} ON TABLE public.\"{table}\" TO \"{role}\"",
                verbs.join(", ")
            )))
            .execute(&mut *tx)
            .await?;
            if verbs.contains(&"INSERT") {
                let sequences: Vec<String> = sqlx::query_scalar(
                    "SELECT s::text FROM (
                        SELECT pg_get_serial_sequence(format('public.%I', $1::text), a.attname) AS s
                        FROM pg_attribute a
                        WHERE a.attrelid = format('public.%I', $1::text)::regclass
                          AND a.attnum > 0 AND NOT a.attisdropped) q
                     WHERE s IS NOT NULL",
                )
                .bind(table)
                .fetch_all(&mut *tx)
                .await?;
                for seq in sequences {
                    // `seq` comes from pg_get_serial_sequence: already a quoted, qualified name.
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "GRANT USAGE ON SEQUENCE {seq} TO \"{role}\""
                    )))
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }

        // No CREATE in the schema for anyone but its owner (the default since PostgreSQL 15;
        // revoked here when an older database still grants it and this role may revoke it).
        let owns_schema: bool = sqlx::query_scalar(
            "SELECT pg_has_role(current_user, nspowner, 'USAGE') FROM pg_namespace
             WHERE nspname = 'public'",
        )
        .fetch_one(&mut *tx)
        .await?;
        if owns_schema {
            sqlx::query("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
                .execute(&mut *tx)
                .await?;
        }
        let may_create: bool =
            sqlx::query_scalar("SELECT has_schema_privilege($1::name, 'public', 'CREATE')")
                .bind(role)
                .fetch_one(&mut *tx)
                .await?;
        if may_create {
            return Err(RolesError::SchemaCreate(role.to_string()));
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_that_could_break_out_of_quotes_are_refused() {
        assert!(checked_name("dossier_app").is_ok());
        assert!(checked_name("_x9").is_ok());
        for bad in ["", "Dossier", "a\"b", "a;b", "9a", "a-b", &"a".repeat(64)] {
            assert!(checked_name(bad).is_err(), "{bad:?}");
        }
    }

    /// The journal is append-only: the application may never get more than reading and adding.
    #[test]
    fn the_journal_is_select_and_insert_only() {
        let (_, verbs) = APP_PRIVILEGES
            .iter()
            .find(|(t, _)| *t == "journal")
            .unwrap();
        assert_eq!(*verbs, ["SELECT", "INSERT"]);
    }

    /// Every write this crate's SQL issues is covered by [`APP_PRIVILEGES`] (the crate owns every
    /// SQL statement of the platform).
    #[test]
    fn every_write_in_the_sql_of_this_crate_is_granted() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let sources: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.ends_with("roles.rs"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert!(sources.len() >= 5, "the sources of {}", dir.display());
        // `sync_plan` is the migrate step's: the plan tables stay read-only for the app.
        let migrate_only = ["plan_categories", "plan_types", "plan_version"];
        for src in &sources {
            let words: Vec<&str> = src
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .collect();
            for w in words.windows(3) {
                let (verb, table) = match w {
                    ["INSERT", "INTO", t] => ("INSERT", *t),
                    ["DELETE", "FROM", t] => ("DELETE", *t),
                    ["UPDATE", t, "SET"] => ("UPDATE", *t),
                    ["TRUNCATE", t, _] => ("TRUNCATE", *t),
                    _ => continue,
                };
                if migrate_only.contains(&table) {
                    continue;
                }
                let granted = APP_PRIVILEGES
                    .iter()
                    .find(|(t, _)| *t == table)
                    .is_some_and(|(_, v)| v.contains(&verb));
                assert!(granted, "{verb} on {table} is issued but not granted");
            }
        }
    }
}
