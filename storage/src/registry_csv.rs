//! The registry CSV files: the demandes (`numero_unique,nom,prenom,date_naissance,etat,departement,
//! guichet_code,date_depot`, then optionally `email`, the applicant's address for notices), and
//! their households (`numero_unique,lien,nom,prenom,date_naissance`: the persons declared with a
//! demande, the applicant aside).

use chrono::NaiveDate;
use plan_de_classement::NumeroUnique;

/// The expected header, in order.
pub const HEADER: [&str; 8] = [
    "numero_unique",
    "nom",
    "prenom",
    "date_naissance",
    "etat",
    "departement",
    "guichet_code",
    "date_depot",
];

/// State of a demande.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Etat {
    Active,
    Radiee,
}

impl Etat {
    pub fn as_str(self) -> &'static str {
        match self {
            Etat::Active => "active",
            Etat::Radiee => "radiee",
        }
    }

    /// Parses `active` / `radiee`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Etat::Active),
            "radiee" => Some(Etat::Radiee),
            _ => None,
        }
    }
}

/// One demande of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryRow {
    pub numero: NumeroUnique,
    pub nom: String,
    pub prenom: String,
    pub date_naissance: NaiveDate,
    pub etat: Etat,
    pub departement: String,
    pub guichet_code: String,
    pub date_depot: NaiveDate,
    pub email: Option<String>,
}

/// A bad registry file, naming the line (1-based, header = line 1).
#[derive(Debug, thiserror::Error)]
pub enum RegistryCsvError {
    #[error("ligne 1 : en-tête attendu « {} », trouvé « {found} »", HEADER.join(","))]
    Header { found: String },
    #[error("ligne 1 : en-tête attendu « {} », trouvé « {found} »", MENAGE_HEADER.join(","))]
    MenageHeader { found: String },
    #[error("ligne {line} : {message}")]
    Row { line: u64, message: String },
    #[error("fichier illisible : {0}")]
    Io(String),
}

/// The header of a CSV file, its names trimmed (and a byte-order mark dropped).
fn header_of<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
) -> Result<Vec<String>, RegistryCsvError> {
    Ok(reader
        .headers()
        .map_err(|e| RegistryCsvError::Io(e.to_string()))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect())
}

/// Parses a whole registry file; stops at the first bad row, naming its line.
///
/// # Errors
/// [`RegistryCsvError`] naming the line and the rule it breaks.
pub fn parse(input: impl std::io::Read) -> Result<Vec<RegistryRow>, RegistryCsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(input);
    let header = header_of(&mut reader)?;
    let found: Vec<&str> = header.iter().map(String::as_str).collect();
    let with_email = found.len() == HEADER.len() + 1 && found[HEADER.len()] == "email";
    let columns = HEADER.len() + usize::from(with_email);
    if found[..found.len().min(HEADER.len())] != HEADER || found.len() != columns {
        return Err(RegistryCsvError::Header {
            found: found.join(","),
        });
    }
    let mut rows = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let err = |message: String| RegistryCsvError::Row { line, message };
        let record = record.map_err(|e| err(format!("ligne CSV invalide : {e}")))?;
        if record.len() != columns {
            return Err(err(format!(
                "{} colonnes au lieu de {}",
                record.len(),
                columns
            )));
        }
        let f = |i: usize| record.get(i).unwrap_or("").trim();
        let numero = NumeroUnique::parse(f(0)).map_err(|e| err(e.to_string()))?;
        let date = |i: usize, name: &str| {
            NaiveDate::parse_from_str(f(i), "%Y-%m-%d")
                .map_err(|_| err(format!("{name} {:?} invalide (AAAA-MM-JJ attendu)", f(i))))
        };
        let nom = f(1).to_string();
        if nom.is_empty() {
            return Err(err("nom vide".into()));
        }
        let etat = Etat::parse(f(4))
            .ok_or_else(|| err(format!("etat {:?} invalide (active ou radiee)", f(4))))?;
        if f(5) != numero.departement() {
            return Err(err(format!(
                "département {:?} différent de celui du numéro unique ({})",
                f(5),
                numero.departement()
            )));
        }
        if f(6) != numero.guichet() {
            return Err(err(format!(
                "code guichet {:?} différent de celui du numéro unique ({})",
                f(6),
                numero.guichet()
            )));
        }
        if let Some(first) = seen.insert(numero.clone(), line) {
            return Err(err(format!(
                "numéro unique {numero} déjà présent ligne {first}"
            )));
        }
        rows.push(RegistryRow {
            nom,
            prenom: f(2).to_string(),
            date_naissance: date(3, "date_naissance")?,
            etat,
            departement: f(5).to_string(),
            guichet_code: f(6).to_string(),
            date_depot: date(7, "date_depot")?,
            email: match with_email.then(|| f(8)).filter(|e| !e.is_empty()) {
                Some(e) if !e.contains('@') || e.contains(char::is_whitespace) => {
                    return Err(err(format!("adresse e-mail {e:?} invalide")))
                }
                e => e.map(str::to_string),
            },
            numero,
        });
    }
    Ok(rows)
}

/// The expected header of the household file, in order.
pub const MENAGE_HEADER: [&str; 5] = ["numero_unique", "lien", "nom", "prenom", "date_naissance"];

/// How a household member is related to the applicant (the `lien` column).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Lien {
    Conjoint,
    Codemandeur,
    Enfant,
    Autre,
}

impl Lien {
    pub const ALL: [Lien; 4] = [Lien::Conjoint, Lien::Codemandeur, Lien::Enfant, Lien::Autre];

    /// The registry's word, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Lien::Conjoint => "conjoint",
            Lien::Codemandeur => "codemandeur",
            Lien::Enfant => "enfant",
            Lien::Autre => "autre",
        }
    }

    /// Parses `conjoint` / `codemandeur` / `enfant` / `autre`.
    pub fn parse(s: &str) -> Option<Self> {
        Lien::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl std::fmt::Display for Lien {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A person declared in a demande's household (the applicant aside).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MembreMenage {
    pub lien: Lien,
    pub nom: String,
    pub prenom: String,
    pub date_naissance: NaiveDate,
}

/// One line of the household file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenageRow {
    /// The line of the file (header = line 1), for errors found later (an unknown demande).
    pub line: u64,
    pub numero: NumeroUnique,
    pub membre: MembreMenage,
}

/// Parses a whole household file; stops at the first bad row, naming its line. A demande's
/// members keep the file's order; the same person twice in one household is refused.
///
/// # Errors
/// [`RegistryCsvError`] naming the line and the rule it breaks.
pub fn parse_menage(mut input: impl std::io::Read) -> Result<Vec<MenageRow>, RegistryCsvError> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| RegistryCsvError::Io(e.to_string()))?;
    // The line a record starts on: the reader places a record after blank lines at the first
    // of them, so they are skipped here.
    let line_of = |p: &csv::Position| {
        let start = usize::try_from(p.byte()).unwrap_or(usize::MAX);
        let blank = bytes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|b| **b == b'\n')
            .count();
        p.line() + blank as u64
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(&bytes[..]);
    let header = header_of(&mut reader)?;
    let found: Vec<&str> = header.iter().map(String::as_str).collect();
    if found != MENAGE_HEADER {
        return Err(RegistryCsvError::MenageHeader {
            found: found.join(","),
        });
    }
    let mut rows = Vec::new();
    let mut seen: std::collections::HashMap<(NumeroUnique, String, String, NaiveDate), u64> =
        std::collections::HashMap::new();
    for (i, record) in reader.records().enumerate() {
        // The reader's positions are right past blank lines and quoted line breaks.
        let line = match &record {
            Ok(r) => r.position().map(line_of),
            Err(e) => e.position().map(line_of),
        }
        .unwrap_or(i as u64 + 2);
        let record = record.map_err(|e| RegistryCsvError::Row {
            line,
            message: format!("ligne CSV invalide : {e}"),
        })?;
        let err = |message: String| RegistryCsvError::Row { line, message };
        if record.len() != MENAGE_HEADER.len() {
            return Err(err(format!(
                "{} colonnes au lieu de {}",
                record.len(),
                MENAGE_HEADER.len()
            )));
        }
        let f = |i: usize| record.get(i).unwrap_or("").trim();
        let numero = NumeroUnique::parse(f(0)).map_err(|e| err(e.to_string()))?;
        let lien = Lien::parse(f(1)).ok_or_else(|| {
            err(format!(
                "lien {:?} invalide (conjoint, codemandeur, enfant ou autre)",
                f(1)
            ))
        })?;
        let nom = f(2).to_string();
        if nom.is_empty() {
            return Err(err("nom vide".into()));
        }
        let prenom = f(3).to_string();
        if prenom.is_empty() {
            return Err(err("prénom vide".into()));
        }
        let date_naissance = NaiveDate::parse_from_str(f(4), "%Y-%m-%d").map_err(|_| {
            err(format!(
                "date_naissance {:?} invalide (AAAA-MM-JJ attendu)",
                f(4)
            ))
        })?;
        let key = (
            numero.clone(),
            nom.to_uppercase(),
            prenom.to_uppercase(),
            date_naissance,
        );
        if let Some(first) = seen.insert(key, line) {
            return Err(err(format!(
                "même personne (nom, prénom, date de naissance) déjà déclarée ligne {first} pour {numero}"
            )));
        }
        rows.push(MenageRow {
            line,
            numero,
            membre: MembreMenage {
                lien,
                nom,
                prenom,
                date_naissance,
            },
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n";

    #[test]
    fn parses_good_rows() {
        let csv = format!(
            "{HEAD}0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n"
        );
        let rows = parse(csv.as_bytes()).unwrap();
        assert_eq!(rows[0].numero.as_str(), "0751220123456DGALN");
        assert_eq!(rows[0].etat, Etat::Active);
        assert_eq!(rows[0].email, None);
    }

    #[test]
    fn reads_the_optional_email_column() {
        let csv = "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot,email\n\
                   0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01,marie@example.org\n\
                   0751220123457DGALN,DUPONT,Luc,1980-02-03,active,075,DGALN,2020-12-01,\n";
        let rows = parse(csv.as_bytes()).unwrap();
        assert_eq!(rows[0].email.as_deref(), Some("marie@example.org"));
        assert_eq!(rows[1].email, None);
        let bad = csv.replace("marie@example.org", "marie");
        assert!(parse(bad.as_bytes())
            .unwrap_err()
            .to_string()
            .contains("ligne 2"));
    }

    #[test]
    fn names_the_line_of_a_bad_row() {
        let csv = format!(
            "{HEAD}0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n\
             0751320123456DGALN,MARTIN,Paul,1980-02-03,active,075,DGALN,2020-12-01\n"
        );
        let e = parse(csv.as_bytes()).unwrap_err().to_string();
        assert!(e.starts_with("ligne 3 :") && e.contains("mois"), "{e}");
        let csv = format!(
            "{HEAD}0751220123456DGALN,DUPONT,Marie,1980-02-30,active,075,DGALN,2020-12-01\n"
        );
        assert!(parse(csv.as_bytes())
            .unwrap_err()
            .to_string()
            .contains("ligne 2 : date_naissance"));
        let csv = format!(
            "{HEAD}0751220123456DGALN,DUPONT,Marie,1980-02-03,close,075,DGALN,2020-12-01\n"
        );
        assert!(parse(csv.as_bytes())
            .unwrap_err()
            .to_string()
            .contains("etat"));
        assert!(parse("a,b\n".as_bytes())
            .unwrap_err()
            .to_string()
            .starts_with("ligne 1"));
    }

    const MHEAD: &str = "numero_unique,lien,nom,prenom,date_naissance\n";

    fn menage_err(csv: &str) -> String {
        parse_menage(csv.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn parses_a_good_household_file() {
        let csv = format!(
            "\u{feff}{MHEAD}0751220123456DGALN,conjoint,DUPONT,Luc,1979-05-06\n\
             0751220123456DGALN, enfant ,DUPONT,Léa,2010-09-01\n\
             \n\
             02A0124000001TESTK,codemandeur,CASANOVA,Anna,1976-01-02\n\
             02A0124000001TESTK,autre,\"DE LA TOUR, dit Lasalle\",Jean,1950-12-31\n"
        );
        let rows = parse_menage(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].numero.as_str(), "0751220123456DGALN");
        assert_eq!(rows[0].membre.lien, Lien::Conjoint);
        assert_eq!(rows[1].membre.lien, Lien::Enfant);
        assert_eq!(rows[1].membre.prenom, "Léa");
        assert_eq!(
            rows[1].membre.date_naissance,
            NaiveDate::from_ymd_opt(2010, 9, 1).unwrap()
        );
        assert_eq!(rows[2].membre.lien, Lien::Codemandeur);
        assert_eq!(rows[3].membre.nom, "DE LA TOUR, dit Lasalle");
        // Lines as in the file, past the blank line.
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5, 6]);
        // And past a line break inside quotes, and blank lines in CRLF.
        let csv = format!(
            "{MHEAD}0751220123456DGALN,conjoint,\"DUPONT\nDURAND\",Luc,1979-05-06\r\n\r\n\r\n\
             0751220123456DGALN,enfant,DUPONT,Léa,2010-09-32\r\n"
        );
        assert!(
            menage_err(&csv).starts_with("ligne 6 : date_naissance"),
            "{}",
            menage_err(&csv)
        );
        assert!(parse_menage(MHEAD.as_bytes()).unwrap().is_empty());
    }

    #[test]
    fn refuses_a_bad_household_header() {
        for head in [
            "numero_unique,nom,prenom,date_naissance\n",
            "numero_unique,lien,nom,prenom,date_naissance,email\n",
            "numero_unique,nom,lien,prenom,date_naissance\n",
            HEAD,
            "",
        ] {
            let e = menage_err(head);
            assert!(
                e.starts_with(
                    "ligne 1 : en-tête attendu « numero_unique,lien,nom,prenom,date_naissance »"
                ),
                "{head:?}: {e}"
            );
        }
    }

    #[test]
    fn names_the_line_of_a_bad_lien() {
        let csv = format!(
            "{MHEAD}0751220123456DGALN,conjoint,DUPONT,Luc,1979-05-06\n\
             0751220123456DGALN,cousin,DUPONT,Léo,2012-03-04\n"
        );
        let e = menage_err(&csv);
        assert!(e.starts_with("ligne 3 : lien \"cousin\" invalide"), "{e}");
        for lien in ["Conjoint", "demandeur", ""] {
            let csv = format!("{MHEAD}0751220123456DGALN,{lien},DUPONT,Luc,1979-05-06\n");
            assert!(menage_err(&csv).starts_with("ligne 2 : lien"), "{lien}");
        }
    }

    #[test]
    fn names_the_line_of_a_bad_date() {
        for date in ["1979-02-30", "06/05/1979", "", "1979-5-6x"] {
            let csv = format!(
                "{MHEAD}0751220123456DGALN,conjoint,DUPONT,Luc,1979-05-06\n\
                 0751220123456DGALN,enfant,DUPONT,Léa,2010-09-01\n\
                 0751220123456DGALN,enfant,DUPONT,Léo,{date}\n"
            );
            let e = menage_err(&csv);
            assert!(e.starts_with("ligne 4 : date_naissance"), "{date}: {e}");
        }
    }

    #[test]
    fn names_the_line_of_a_bad_numero() {
        let csv = format!(
            "{MHEAD}0751220123456DGALN,conjoint,DUPONT,Luc,1979-05-06\n\
             0751320123456DGALN,enfant,MARTIN,Paul,2010-09-01\n"
        );
        let e = menage_err(&csv);
        assert!(e.starts_with("ligne 3 :") && e.contains("mois"), "{e}");
        let csv = format!("{MHEAD}075122012345,enfant,MARTIN,Paul,2010-09-01\n");
        assert!(menage_err(&csv).starts_with("ligne 2 :"));
    }

    #[test]
    fn refuses_empty_names_and_bad_rows() {
        let e = menage_err(&format!(
            "{MHEAD}0751220123456DGALN,enfant, ,Léa,2010-09-01\n"
        ));
        assert_eq!(e, "ligne 2 : nom vide");
        let e = menage_err(&format!(
            "{MHEAD}0751220123456DGALN,enfant,DUPONT,,2010-09-01\n"
        ));
        assert_eq!(e, "ligne 2 : prénom vide");
        let e = menage_err(&format!("{MHEAD}0751220123456DGALN,enfant,DUPONT,Léa\n"));
        assert_eq!(e, "ligne 2 : 4 colonnes au lieu de 5");
        let e = menage_err(&format!(
            "{MHEAD}0751220123456DGALN,enfant,DUPONT,Léa,2010-09-01\n\
             0751220123456DGALN,autre,Dupont,LÉA,2010-09-01\n"
        ));
        assert!(
            e.starts_with("ligne 3 : même personne") && e.contains("ligne 2"),
            "{e}"
        );
        // The same person in two demandes is not a duplicate.
        let csv = format!(
            "{MHEAD}0751220123456DGALN,enfant,DUPONT,Léa,2010-09-01\n\
             0751220123457DGALN,enfant,DUPONT,Léa,2010-09-01\n"
        );
        assert_eq!(parse_menage(csv.as_bytes()).unwrap().len(), 2);
    }

    #[test]
    fn lien_round_trips() {
        for l in Lien::ALL {
            assert_eq!(Lien::parse(l.as_str()), Some(l));
            assert_eq!(Lien::parse(&l.to_string()), Some(l));
        }
        assert_eq!(Lien::parse("demandeur"), None);
    }

    /// A small deterministic generator (xorshift), so that the property tests need no
    /// dependency.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[(self.next() % from.len() as u64) as usize]
        }
    }

    #[test]
    fn household_files_written_from_rows_parse_back_to_them() {
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        for _ in 0..200 {
            let n = g.next() % 6;
            let mut csv = MHEAD.to_string();
            let mut expected = Vec::new();
            for i in 0..n {
                let numero = g.pick(&[
                    "0751220123456DGALN",
                    "02A0124000001TESTK",
                    "9741299000123ABCDE",
                ]);
                let lien = Lien::ALL[(g.next() % 4) as usize];
                let nom = format!(
                    "{}{i}",
                    g.pick(&["DUPONT", "N'GUYEN", "DE LA TOUR, dit \"X\"", "Ørsted"])
                );
                let prenom = g
                    .pick(&["Léa", "Jean-Luc", "  Zoé  ", "Ana María"])
                    .trim()
                    .to_string();
                let date = NaiveDate::from_ymd_opt(
                    1900 + (g.next() % 200) as i32,
                    1 + (g.next() % 12) as u32,
                    1 + (g.next() % 28) as u32,
                )
                .unwrap();
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record([
                    numero,
                    lien.as_str(),
                    &nom,
                    &prenom,
                    &date.format("%Y-%m-%d").to_string(),
                ])
                .unwrap();
                csv += &String::from_utf8(w.into_inner().unwrap()).unwrap();
                expected.push((
                    NumeroUnique::parse(numero).unwrap(),
                    MembreMenage {
                        lien,
                        nom,
                        prenom,
                        date_naissance: date,
                    },
                ));
            }
            let rows = parse_menage(csv.as_bytes()).unwrap();
            let got: Vec<_> = rows.into_iter().map(|r| (r.numero, r.membre)).collect();
            assert_eq!(got, expected, "{csv}");
        }
    }

    #[test]
    fn arbitrary_household_input_never_panics() {
        let seed = format!(
            "{MHEAD}0751220123456DGALN,conjoint,DUPONT,Luc,1979-05-06\n\
             0751220123456DGALN,enfant,\"DU,PONT\",Léa,2010-09-01\n"
        );
        let mut g = Gen(42);
        for _ in 0..2000 {
            let mut bytes = seed.clone().into_bytes();
            for _ in 0..1 + g.next() % 8 {
                let at = (g.next() % bytes.len() as u64) as usize;
                match g.next() % 3 {
                    0 => bytes[at] = g.next() as u8,
                    1 => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, *b",\"\n\r\xff".get((g.next() % 5) as usize).unwrap()),
                }
            }
            if let Err(e) = parse_menage(&bytes[..]) {
                assert!(
                    e.to_string().starts_with("ligne ") || e.to_string().starts_with("fichier")
                );
            }
        }
    }
}
