//! The registry CSV import (`storage::registry_csv::parse`) on arbitrary bytes: never panics, and
//! every row it returns is consistent (a valid numéro unique matching its département and guichet
//! columns, no duplicate, a name, an e-mail address with an `@` when there is one).
//!
//! The module is included by path rather than through the `storage` crate, whose sqlx and S3
//! dependencies take too long to build with the fuzzer's instrumentation.
#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use plan_de_classement::NumeroUnique;

#[allow(dead_code)]
#[path = "../../storage/src/registry_csv.rs"]
mod registry_csv;

fuzz_target!(|data: &[u8]| {
    // The household file: never a panic; every row it returns is valid.
    if let Ok(members) = registry_csv::parse_menage(data) {
        for m in &members {
            assert!(!m.membre.nom.trim().is_empty() && !m.membre.prenom.trim().is_empty());
            assert_eq!(
                registry_csv::Lien::parse(m.membre.lien.as_str()),
                Some(m.membre.lien)
            );
            assert!(m.line >= 2);
        }
    }
    let Ok(rows) = registry_csv::parse(data) else {
        return;
    };
    let mut seen = HashSet::new();
    for row in &rows {
        let n = &row.numero;
        assert_eq!(NumeroUnique::parse(n.as_str()).as_ref(), Ok(n));
        assert_eq!(row.departement, n.departement());
        assert_eq!(row.guichet_code, n.guichet());
        assert!(!row.nom.is_empty());
        assert!(row.email.as_ref().is_none_or(|e| e.contains('@')));
        assert!(seen.insert(n.clone()), "duplicate {n}");
    }
});
