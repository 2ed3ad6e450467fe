//! `NumeroUnique::parse` on arbitrary text: never panics, and what it accepts round-trips through
//! both printed forms (contiguous `Display`, spaced `spaced()`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan_de_classement::NumeroUnique;

fn check(input: &str) {
    let Ok(n) = NumeroUnique::parse(input) else {
        return;
    };
    assert_eq!(
        input.parse::<NumeroUnique>().as_ref(),
        Ok(&n),
        "FromStr differs from parse"
    );
    let contiguous = n.to_string();
    assert_eq!(contiguous, n.as_str());
    assert_eq!(contiguous.len(), 18, "{contiguous:?}");
    assert_eq!(
        NumeroUnique::parse(&contiguous).as_ref(),
        Ok(&n),
        "Display form: {contiguous:?}"
    );
    let spaced = n.spaced();
    assert_eq!(
        NumeroUnique::parse(&spaced).as_ref(),
        Ok(&n),
        "spaced form: {spaced:?}"
    );
    // Spaces are the only thing ignored: the input without them is the number.
    assert_eq!(input.replace(' ', ""), contiguous);
    assert_eq!(n.departement(), &contiguous[..3]);
    assert_eq!(n.guichet(), &contiguous[13..]);
}

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        check(s);
    }
    check(&String::from_utf8_lossy(data));
});
