//! The households declared with the demandes (the registry's household file): import and reads.
//!
//! A household is replaced as a whole: for each demande of the file, the rows stored are those
//! of the file, in its order. A demande the file does not name keeps what it had.

use std::collections::{HashMap, HashSet};

use plan_de_classement::NumeroUnique;
use serde::Serialize;
use sqlx::{PgConnection, Row};

use crate::db::{upsert_demandes, Db, ImportSummary};
use crate::registry_csv::{Lien, MembreMenage, MenageRow, RegistryRow};

/// Statements take their keys by slices of this many, to keep each one reasonable.
const CHUNK: usize = 5_000;

/// What a household import did, counted by demande.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MenageSummary {
    /// Demandes named by the file.
    pub demandes: u64,
    /// Persons of the file.
    pub membres: u64,
    /// Households written where none was stored.
    pub created: u64,
    /// Households stored before and replaced by a different one.
    pub replaced: u64,
    /// Households stored exactly as the file has them: nothing written.
    pub unchanged: u64,
}

/// A household import refused.
#[derive(Debug, thiserror::Error)]
pub enum MenageImportError {
    /// A row names a demande the registry does not have; nothing is written.
    #[error("ligne {line} : numéro unique {numero} absent du registre des demandes")]
    UnknownDemande { line: u64, numero: NumeroUnique },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl Db {
    /// Imports household rows in one transaction: for each demande of the file, its stored
    /// household becomes the file's (idempotent: an identical household is not rewritten).
    ///
    /// # Errors
    /// [`MenageImportError::UnknownDemande`] for the first row whose demande is not in the
    /// registry, or a database error; nothing is written then.
    pub async fn import_menage(
        &self,
        rows: &[MenageRow],
    ) -> Result<MenageSummary, MenageImportError> {
        let mut tx = self.pool.begin().await?;
        let s = replace_menages(&mut tx, rows).await?;
        tx.commit().await?;
        Ok(s)
    }

    /// Imports demandes, then their households, in one transaction: a household row naming
    /// a demande neither file nor registry has leaves the registry as it was.
    ///
    /// # Errors
    /// As [`Db::import_menage`]; nothing is written then.
    pub async fn import_registry_with_menage(
        &self,
        demandes: &[RegistryRow],
        menage: &[MenageRow],
    ) -> Result<(ImportSummary, MenageSummary), MenageImportError> {
        let mut tx = self.pool.begin().await?;
        let d = upsert_demandes(&mut tx, demandes).await?;
        let m = replace_menages(&mut tx, menage).await?;
        tx.commit().await?;
        Ok((d, m))
    }

    /// The household declared with a demande, in the registry's order (empty when none is).
    ///
    /// # Errors
    /// On a database error.
    pub async fn menage(&self, numero: &NumeroUnique) -> Result<Vec<MembreMenage>, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        Ok(read_menages(&mut conn, std::slice::from_ref(numero))
            .await?
            .remove(numero)
            .unwrap_or_default())
    }

    /// The households of several demandes, in one query; a demande without one is absent.
    ///
    /// # Errors
    /// On a database error.
    pub async fn menages(
        &self,
        numeros: &[NumeroUnique],
    ) -> Result<HashMap<NumeroUnique, Vec<MembreMenage>>, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        read_menages(&mut conn, numeros).await
    }
}

async fn read_menages(
    conn: &mut PgConnection,
    numeros: &[NumeroUnique],
) -> Result<HashMap<NumeroUnique, Vec<MembreMenage>>, sqlx::Error> {
    let mut out: HashMap<NumeroUnique, Vec<MembreMenage>> = HashMap::new();
    for chunk in numeros.chunks(CHUNK) {
        let keys: Vec<&str> = chunk.iter().map(NumeroUnique::as_str).collect();
        let rows = sqlx::query(
            "SELECT numero_unique, lien, nom, prenom, date_naissance FROM menage_membres
             WHERE numero_unique = ANY($1) ORDER BY numero_unique, position",
        )
        .bind(&keys)
        .fetch_all(&mut *conn)
        .await?;
        for r in rows {
            // The table's CHECKs make both parses succeed.
            let (Ok(n), Some(lien)) = (
                NumeroUnique::parse(r.get::<&str, _>("numero_unique")),
                Lien::parse(r.get::<&str, _>("lien")),
            ) else {
                continue;
            };
            out.entry(n).or_default().push(MembreMenage {
                lien,
                nom: r.get("nom"),
                prenom: r.get("prenom"),
                date_naissance: r.get("date_naissance"),
            });
        }
    }
    Ok(out)
}

/// Replaces the households of the demandes `rows` name, on `conn` (the caller's transaction).
async fn replace_menages(
    conn: &mut PgConnection,
    rows: &[MenageRow],
) -> Result<MenageSummary, MenageImportError> {
    // The file's households, in the order their demandes first appear.
    let mut order: Vec<&NumeroUnique> = Vec::new();
    let mut households: HashMap<&NumeroUnique, Vec<MembreMenage>> = HashMap::new();
    for r in rows {
        households
            .entry(&r.numero)
            .or_insert_with(|| {
                order.push(&r.numero);
                Vec::new()
            })
            .push(r.membre.clone());
    }
    let numeros: Vec<NumeroUnique> = order.iter().map(|n| (*n).clone()).collect();

    // Every demande must exist; its row is locked so that two imports replace one after the
    // other (sorted: imports lock in the same order).
    let mut sorted: Vec<&str> = numeros.iter().map(NumeroUnique::as_str).collect();
    sorted.sort_unstable();
    let mut known: HashSet<String> = HashSet::with_capacity(sorted.len());
    for chunk in sorted.chunks(CHUNK) {
        let found: Vec<String> = sqlx::query_scalar(
            "SELECT numero_unique FROM demandes WHERE numero_unique = ANY($1)
             ORDER BY numero_unique FOR UPDATE",
        )
        .bind(chunk)
        .fetch_all(&mut *conn)
        .await?;
        known.extend(found);
    }
    if let Some(r) = rows.iter().find(|r| !known.contains(r.numero.as_str())) {
        return Err(MenageImportError::UnknownDemande {
            line: r.line,
            numero: r.numero.clone(),
        });
    }

    let stored = read_menages(conn, &numeros).await?;
    let mut s = MenageSummary {
        demandes: numeros.len() as u64,
        membres: rows.len() as u64,
        ..MenageSummary::default()
    };
    let mut changed: Vec<&NumeroUnique> = Vec::new();
    for n in &order {
        match stored.get(*n) {
            Some(before) if *before == households[n] => s.unchanged += 1,
            Some(_) => {
                s.replaced += 1;
                changed.push(n);
            }
            None => {
                s.created += 1;
                changed.push(n);
            }
        }
    }

    for chunk in changed.chunks(CHUNK) {
        let keys: Vec<&str> = chunk.iter().map(|n| n.as_str()).collect();
        sqlx::query("DELETE FROM menage_membres WHERE numero_unique = ANY($1)")
            .bind(&keys)
            .execute(&mut *conn)
            .await?;
        let (mut numero, mut position, mut lien, mut nom, mut prenom, mut naissance) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        for n in chunk {
            for (i, m) in households[n].iter().enumerate() {
                numero.push(n.as_str());
                position.push(i as i32);
                lien.push(m.lien.as_str());
                nom.push(m.nom.as_str());
                prenom.push(m.prenom.as_str());
                naissance.push(m.date_naissance);
            }
        }
        sqlx::query(
            "INSERT INTO menage_membres (numero_unique, position, lien, nom, prenom, date_naissance)
             SELECT * FROM UNNEST($1::text[], $2::int4[], $3::text[], $4::text[], $5::text[], $6::date[])",
        )
        .bind(&numero)
        .bind(&position)
        .bind(&lien)
        .bind(&nom)
        .bind(&prenom)
        .bind(&naissance)
        .execute(&mut *conn)
        .await?;
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry_csv::{parse, parse_menage};
    use crate::DbConfig;

    const DEMANDES: &str =
        "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n\
         0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n\
         02A0124000001TESTK,CASANOVA,Paul,1975-07-14,active,02A,TESTK,2024-01-10\n";
    const MENAGE: &str = "numero_unique,lien,nom,prenom,date_naissance\n\
         0751220123456DGALN,conjoint,DUPONT,Luc,1979-05-06\n\
         0751220123456DGALN,enfant,DUPONT,Léa,2010-09-01\n\
         02A0124000001TESTK,codemandeur,CASANOVA,Anna,1976-01-02\n";

    /// A fresh database of its own, when `TEST_PG_ADMIN_URL` names a server (`scripts/test.sh`
    /// sets it); `None` otherwise.
    async fn fresh_db() -> Option<(Db, String, String)> {
        let Ok(admin_url) = std::env::var("TEST_PG_ADMIN_URL") else {
            eprintln!("TEST_PG_ADMIN_URL not set: database test skipped");
            return None;
        };
        let name = format!("test_storage_{}", uuid::Uuid::new_v4().simple());
        let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
        let url = format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0);
        let db = DbConfig {
            url,
            max_connections: 2,
        }
        .connect()
        .await
        .unwrap();
        db.migrate().await.unwrap();
        Some((db, admin_url, name))
    }

    async fn drop_db(db: Db, admin_url: &str, name: &str) {
        db.pool.close().await;
        let admin = sqlx::PgPool::connect(admin_url).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
        )))
        .execute(&admin)
        .await
        .unwrap();
    }

    fn n(s: &str) -> NumeroUnique {
        NumeroUnique::parse(s).unwrap()
    }

    #[tokio::test]
    async fn households_are_replaced_idempotently_and_read_back() {
        let Some((db, admin, name)) = fresh_db().await else {
            return;
        };
        let menage = parse_menage(MENAGE.as_bytes()).unwrap();
        // A household before its demandes: refused, naming the line, nothing written.
        match db.import_menage(&menage).await {
            Err(MenageImportError::UnknownDemande { line: 2, numero }) => {
                assert_eq!(numero.as_str(), "0751220123456DGALN");
            }
            other => panic!("{other:?}"),
        }
        let demandes = parse(DEMANDES.as_bytes()).unwrap();
        let (d, m) = db
            .import_registry_with_menage(&demandes, &menage)
            .await
            .unwrap();
        assert_eq!(d.inserted, 2);
        assert_eq!(
            m,
            MenageSummary {
                demandes: 2,
                membres: 3,
                created: 2,
                replaced: 0,
                unchanged: 0
            }
        );
        let again = db.import_menage(&menage).await.unwrap();
        assert_eq!((again.unchanged, again.created, again.replaced), (2, 0, 0));

        let household = db.menage(&n("0751220123456DGALN")).await.unwrap();
        let names: Vec<_> = household
            .iter()
            .map(|m| (m.lien, m.prenom.as_str()))
            .collect();
        assert_eq!(names, [(Lien::Conjoint, "Luc"), (Lien::Enfant, "Léa")]);

        // One demande's household changes; the other, absent from the file, is kept.
        let changed = parse_menage(
            "numero_unique,lien,nom,prenom,date_naissance\n\
             0751220123456DGALN,enfant,DUPONT,Léa,2010-09-01\n"
                .as_bytes(),
        )
        .unwrap();
        let s = db.import_menage(&changed).await.unwrap();
        assert_eq!((s.replaced, s.unchanged, s.created), (1, 0, 0));
        let all = db
            .menages(&[
                n("0751220123456DGALN"),
                n("02A0124000001TESTK"),
                n("0751220123457DGALN"),
            ])
            .await
            .unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[&n("0751220123456DGALN")].len(), 1);
        assert_eq!(all[&n("02A0124000001TESTK")][0].prenom, "Anna");
        assert!(db
            .menage(&n("0751220123457DGALN"))
            .await
            .unwrap()
            .is_empty());

        // An unknown demande further down: the whole import is refused, with its line, and the
        // demandes of the same transaction are not written either.
        let bad = parse_menage(
            "numero_unique,lien,nom,prenom,date_naissance\n\
             0751220123456DGALN,conjoint,DUPONT,Luc,1979-05-06\n\
             0751220123457DGALN,enfant,MARTIN,Paul,2012-01-01\n"
                .as_bytes(),
        )
        .unwrap();
        let e = db.import_menage(&bad).await.unwrap_err().to_string();
        assert!(
            e.starts_with("ligne 3 : numéro unique 0751220123457DGALN"),
            "{e}"
        );
        let more = parse(
            format!(
                "{DEMANDES}0751220123458DGALN,MARTIN,Paul,1980-02-03,active,075,DGALN,2020-12-01\n"
            )
            .as_bytes(),
        )
        .unwrap();
        assert!(db.import_registry_with_menage(&more, &bad).await.is_err());
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM demandes")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(count, 2);
        assert_eq!(db.menage(&n("0751220123456DGALN")).await.unwrap().len(), 1);
        drop_db(db, &admin, &name).await;
    }
}
