//! Real documents (public specimens and anonymized samples, `../shared/specimens`, read there at
//! run time and never copied into the repository) typed by `ingest-worker classify`: the same
//! sandboxed child and reader as the deposits.

use std::path::PathBuf;
use std::process::Command;

use crate::app::{assert_success, bin};

fn specimens() -> PathBuf {
    std::env::var("SPECIMENS_DIR").map_or_else(
        |_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/specimens"),
        PathBuf::from,
    )
}

#[test]
fn at_least_twenty_of_the_twenty_two_real_specimens_are_typed_right() {
    let dir = specimens();
    let list = std::fs::read_to_string(dir.join("expected_types.tsv"))
        .unwrap_or_else(|e| panic!("{}: {e} (set SPECIMENS_DIR)", dir.display()));
    let expected: Vec<(String, String)> = list
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(f, t)| (f.to_string(), t.trim().to_string()))
        .collect();
    assert_eq!(expected.len(), 22, "the specimens' list changed");
    let out = Command::new(bin("ingest-worker"))
        .arg("classify")
        .args(expected.iter().map(|(f, _)| dir.join(f)))
        .output()
        .unwrap();
    assert_success(&out);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), expected.len());
    let mut right = 0;
    for ((file, want), line) in expected.iter().zip(&lines) {
        assert!(
            line["file"].as_str().unwrap().ends_with(file.as_str()),
            "{line}"
        );
        if line["type"] == want.as_str() {
            right += 1;
        } else {
            println!("specimen {file}: expected {want}, read {}", line["type"]);
        }
        // Every line carries the contract's fields.
        for key in ["category", "confidence", "needs_review", "holder", "mrz"] {
            assert!(line.get(key).is_some(), "{key} missing: {line}");
        }
    }
    println!("specimens typed right: {right}/{}", expected.len());
    assert!(
        right >= 20,
        "{right} of {} specimens typed right",
        expected.len()
    );
}
