//! The registry CSV (`numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot`,
//! then optionally `email`, the applicant's address for notices).

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
    #[error("ligne {line} : {message}")]
    Row { line: u64, message: String },
    #[error("fichier illisible : {0}")]
    Io(String),
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
    let header = reader
        .headers()
        .map_err(|e| RegistryCsvError::Io(e.to_string()))?
        .clone();
    let found: Vec<&str> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}'))
        .collect();
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
}
