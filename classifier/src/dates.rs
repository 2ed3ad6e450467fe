//! Dates printed on a page, matched against a date the registry knows (the applicant's date of
//! birth): "12/03/1985", "12.03.1985", "12 mars 1985", "1er mars 1985", "1985-03-12".

use crate::text::{fuzzy_eq, normalize, tokens};

const MONTHS: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// A day of the month: "7", "07", "1er".
fn day(token: &str) -> Option<u32> {
    let digits = token.strip_suffix("er").unwrap_or(token);
    let n: u32 = digits.parse().ok().filter(|_| digits.len() <= 2)?;
    (1..=31).contains(&n).then_some(n)
}

/// A month: "03", "3", "mars", "févr", "decembre" (a slip in a long name is forgiven).
fn month(token: &str) -> Option<u32> {
    if token.bytes().all(|b| b.is_ascii_digit()) {
        let n: u32 = token.parse().ok().filter(|_| token.len() <= 2)?;
        return (1..=12).contains(&n).then_some(n);
    }
    let exact = MONTHS.iter().position(|m| *m == token);
    let by_prefix = || {
        let mut matching = MONTHS
            .iter()
            .enumerate()
            .filter(|(_, m)| token.len() >= 3 && m.starts_with(token));
        match (matching.next(), matching.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    };
    let fuzzy = || {
        MONTHS
            .iter()
            .position(|m| m.len() >= 6 && fuzzy_eq(token, m))
    };
    exact
        .or_else(by_prefix)
        .or_else(fuzzy)
        .map(|i| i as u32 + 1)
}

fn year(token: &str) -> Option<i32> {
    (token.len() == 4)
        .then(|| token.parse().ok())
        .flatten()
        .filter(|y| (1850..=2200).contains(y))
}

/// Whether the text prints the date `year-month-day`, day first or year first.
pub fn shows_date(text: &str, y: i32, m: u32, d: u32) -> bool {
    let norm = normalize(text);
    let t = tokens(&norm);
    t.windows(3).any(|w| {
        let day_first = day(w[0]) == Some(d) && month(w[1]) == Some(m) && year(w[2]) == Some(y);
        let year_first = year(w[0]) == Some(y) && month(w[1]) == Some(m) && day(w[2]) == Some(d);
        day_first || year_first
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_found_in_the_ways_french_documents_print_it() {
        for text in [
            "Date de naissance : 12/03/1985",
            "Né(e) le 12.03.1985 à Lyon",
            "née le 12 mars 1985",
            "DATE DE NAISS. 12 03 1985",
            "né le 12 MARS 1985",
            "naissance : 1985-03-12",
            "le 12 mar. 1985",
        ] {
            assert!(shows_date(text, 1985, 3, 12), "{text}");
        }
        assert!(shows_date("née le 1er février 1990", 1990, 2, 1));
        assert!(shows_date("née le 01 fevrler 1990", 1990, 2, 1));
    }

    #[test]
    fn another_date_or_a_run_of_digits_is_not_the_date() {
        for text in [
            "Date de naissance : 21/03/1985",
            "Date de naissance : 12/04/1985",
            "Date de naissance : 12/03/1958",
            "Numéro unique : 075 1220 123456 DGALN",
            "Téléphone 12 03 19 85 00",
            "le 12 juillet 1985",
            "",
        ] {
            assert!(!shows_date(text, 1985, 3, 12), "{text}");
        }
        // "jui" could be juin or juillet: not a month.
        assert!(!shows_date("le 12 jui 1985", 1985, 6, 12));
    }
}
