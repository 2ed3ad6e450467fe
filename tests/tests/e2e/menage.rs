//! The household ("ménage") the registry declares with each demande: imported with the demandes
//! (`registry import DEMANDES.csv --menage MENAGE.csv`), idempotently, refused whole on a bad
//! row, and shown on the demande's page and in its JSON to those who may see the demande.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::app::{bin, get, TestApp};

const NUMERO: &str = "0751220123456DGALN";
const CORSE: &str = "02A0124000001TESTK";
const ALONE: &str = "0751220123457DGALN";

const DEMANDES: &str =
    "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n\
     0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n\
     02A0124000001TESTK,CASANOVA,Paul,1975-07-14,active,02A,TESTK,2024-01-10\n\
     0751220123457DGALN,MARTIN,Jeanne,1990-04-05,active,075,DGALN,2021-03-04\n";

const MENAGE: &str = "numero_unique,lien,nom,prenom,date_naissance\n\
     0751220123456DGALN,conjoint,DUPONT,Luc,1979-05-06\n\
     0751220123456DGALN,enfant,<i>DUPONT</i>,Léa,2010-09-01\n\
     02A0124000001TESTK,codemandeur,CASANOVA,Anna,1976-01-02\n";

fn write(app: &TestApp, name: &str, content: &str) -> PathBuf {
    let path = app.dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn import(app: &TestApp, demandes: &Path, menage: &Path) -> Output {
    Command::new(bin("registry"))
        .arg("import")
        .arg(demandes)
        .arg("--menage")
        .arg(menage)
        .envs(app.env.clone())
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

async fn members(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT numero_unique, lien, prenom FROM menage_membres ORDER BY numero_unique, position",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_household_is_imported_idempotently_refused_whole_and_shown_with_the_demande() {
    let app = TestApp::spawn().await;
    let demandes = write(&app, "demandes.csv", DEMANDES);
    let menage = write(&app, "menage.csv", MENAGE);

    let first = import(&app, &demandes, &menage);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let out = text(&first.stdout);
    assert!(out.contains("3 demandes : 3 ajoutées"), "{out}");
    assert!(
        out.contains("ménages de 2 demandes (3 personnes) : 2 ajoutés, 0 remplacés, 0 inchangés"),
        "{out}"
    );
    let stored = members(&app).await;
    assert_eq!(stored.len(), 3);

    // Again: nothing changes.
    let again = import(&app, &demandes, &menage);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let out = text(&again.stdout);
    assert!(
        out.contains("3 inchangées") && out.contains("0 ajoutés, 0 remplacés, 2 inchangés"),
        "{out}"
    );
    assert_eq!(members(&app).await, stored);

    // A household that changes is replaced as a whole; one the file does not name is kept.
    let smaller = write(
        &app,
        "menage-2.csv",
        "numero_unique,lien,nom,prenom,date_naissance\n\
         02A0124000001TESTK,codemandeur,CASANOVA,Anna,1976-01-02\n\
         02A0124000001TESTK,enfant,CASANOVA,Lucia,2015-06-07\n",
    );
    let out = import(&app, &demandes, &smaller);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("0 ajoutés, 1 remplacés, 0 inchangés"));
    assert_eq!(members(&app).await.len(), 4);
    let out = import(&app, &demandes, &menage);
    assert!(text(&out.stdout).contains("0 ajoutés, 1 remplacés, 1 inchangés"));
    assert_eq!(members(&app).await, stored);

    // A bad household row: exit 2, its file and line named, nothing written — not even the
    // new demande of the demandes file imported with it.
    let more = write(
        &app,
        "demandes-2.csv",
        &format!("{DEMANDES}0751220123458DGALN,PETIT,Ana,1985-01-01,active,075,DGALN,2022-01-01\n"),
    );
    let bad_lien = write(
        &app,
        "menage-lien.csv",
        &MENAGE.replace("enfant,<i>DUPONT</i>", "cousin,<i>DUPONT</i>"),
    );
    let unknown = write(
        &app,
        "menage-inconnu.csv",
        &format!("{MENAGE}0751220999999DGALN,enfant,PETIT,Lou,2019-02-03\n"),
    );
    for (file, line, what) in [
        (&bad_lien, "ligne 3 :", "lien \"cousin\" invalide"),
        (&unknown, "ligne 5 :", "absent du registre des demandes"),
    ] {
        let out = import(&app, &more, file);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&file.display().to_string()) && err.contains(line) && err.contains(what),
            "{err}"
        );
        assert!(text(&out.stdout).is_empty());
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM demandes")
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(n, 3, "nothing written");
        assert_eq!(members(&app).await, stored, "nothing written");
    }

    // The demande's page and JSON, for a profile that sees the demande.
    let token = app.token("consultant_simple", "DGALN", "075,02A");
    let (s, page) = get(&app, &token, &format!("/consultation/demandes/{NUMERO}")).await;
    assert_eq!(s, 200, "{page}");
    assert!(page.contains("Ménage déclaré"), "{page}");
    let table = &page[page.find("Ménage déclaré").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert!(
        table.contains("<td>Conjoint(e)</td><td>DUPONT</td><td>Luc</td><td>06/05/1979</td>"),
        "{table}"
    );
    assert!(
        table.contains(
            "<td>Enfant</td><td>&lt;i&gt;DUPONT&lt;/i&gt;</td><td>Léa</td><td>01/09/2010</td>"
        ),
        "{table}"
    );
    assert!(
        table.find("Luc") < table.find("Léa"),
        "the registry's order"
    );
    let (s, page) = get(&app, &token, &format!("/consultation/demandes/{ALONE}")).await;
    assert_eq!(s, 200);
    assert!(!page.contains("Ménage déclaré"), "no household, no table");
    let (s, json) = get(&app, &token, &format!("/api/demandes/{CORSE}")).await;
    assert_eq!(s, 200, "{json}");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["menage"],
        serde_json::json!([{ "lien": "codemandeur", "nom": "CASANOVA", "prenom": "Anna", "date_naissance": "1976-01-02" }])
    );
    let (_, json) = get(&app, &token, &format!("/api/demandes/{ALONE}")).await;
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap()["menage"],
        serde_json::json!([])
    );

    // The access rules are the demande's: outside the territory, or an operator, it is absent.
    let elsewhere = app.token("gestionnaire_territorial", "DGALN", "092");
    for t in [&elsewhere, &app.operator_token] {
        for path in [
            format!("/consultation/demandes/{NUMERO}"),
            format!("/api/demandes/{NUMERO}"),
        ] {
            let (s, body) = get(&app, t, &path).await;
            assert_eq!(s, 404, "{path}: {body}");
            assert!(!body.contains("Luc") && !body.contains("Ménage"), "{body}");
        }
    }
    app.cleanup().await;
}
