//! Finding the numéro unique in OCR'd text, with format-aware correction.
//!
//! The first 13 characters are digits (but for `02A`/`02B`), so letters OCR produces there are
//! mapped back to the digits they are confused with (`O`→`0`, `I`/`l`→`1`, `S`→`5`, `B`→`8`…).
//! The last 5 (the guichet code) are letters or digits and are only uppercased.

use plan_de_classement::NumeroUnique;

use crate::ocr::{OcrText, Rect};
use crate::text::{fuzzy_eq, normalize};

/// A number read on a page, with where it was read and how much was corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub numero: NumeroUnique,
    /// Characters changed by the correction (fewer is more trustworthy).
    pub corrections: u32,
    /// Whether a "numéro unique" label stands on the same line or the line above.
    pub labelled: bool,
    /// Box of the words that made the number, when known.
    pub bbox: Option<Rect>,
}

fn digit_for(c: char) -> Option<char> {
    Some(match c {
        '0'..='9' => c,
        'O' | 'o' | 'Q' | 'D' | 'U' | 'C' | 'c' | '°' => '0',
        'I' | 'l' | 'i' | '|' | '!' | 'L' | 'J' | 'j' | ']' | '[' => '1',
        'Z' | 'z' => '2',
        'S' | 's' | '$' => '5',
        'B' => '8',
        'G' | 'b' => '6',
        'T' | '?' => '7',
        'A' | 'q' => '4',
        'g' => '9',
        _ => return None,
    })
}

/// Corrects an 18-character raw string into a numéro unique when the format allows it.
/// Returns the number and the count of corrected characters.
pub fn correct(raw: &str) -> Option<(NumeroUnique, u32)> {
    let chars: Vec<char> = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() != 18 {
        return None;
    }
    let mut out = String::with_capacity(18);
    let mut corrections = 0;
    for (i, &c) in chars.iter().enumerate() {
        let fixed = if i < 13 {
            let corsica = i == 2 && out == "02" && matches!(c.to_ascii_uppercase(), 'A' | 'B');
            if corsica {
                c.to_ascii_uppercase()
            } else {
                match (i, digit_for(c)?) {
                    // The département starts with 0 or 9 and the month with 0 or 1: a round
                    // 6 or 8 there is a 0 whose stroke the scan filled or broke.
                    (0 | 3, '6' | '8') => '0',
                    (_, d) => d,
                }
            }
        } else {
            // Brackets and bars are what OCR makes of a J or an I at the end of a word.
            let u = match c {
                ']' | ')' => 'J',
                '|' | '!' => 'I',
                '$' => 'S',
                _ => c.to_ascii_uppercase(),
            };
            if !u.is_ascii_alphanumeric() {
                return None;
            }
            u
        };
        if fixed != c && !(i >= 13 && fixed == c.to_ascii_uppercase() && c.is_ascii_uppercase()) {
            corrections += 1;
        }
        out.push(fixed);
    }
    // `02A`/`02B` may have been read as `024`/`028`: when the plain reading fails, try Corsica.
    match NumeroUnique::parse(&out) {
        Ok(n) => Some((n, corrections)),
        Err(_) => None,
    }
}

/// The guichet code may hold letters and digits, so its confusions (`O`/`0`, `I`/`1`, `S`/`5`,
/// `A`/`4`, `B`/`8`, `Z`/`2`, `G`/`6`) cannot be settled from the format: every reading is tried, fewest
/// swaps first, and the registry decides (a swapped reading also needs the applicant's name).
fn guichet_variants(numero: NumeroUnique) -> Vec<(NumeroUnique, u32)> {
    let s = numero.as_str().to_string();
    let (head, guichet) = s.split_at(13);
    let twins = |c: char| -> &'static [char] {
        match c {
            '0' => &['O', 'D'],
            'O' => &['0', 'Q', 'D'],
            'Q' => &['0', 'O'],
            'D' => &['0', 'O'],
            'U' => &['V'],
            'V' => &['U'],
            '1' => &['I', 'L'],
            'I' | 'L' => &['1'],
            '5' => &['S'],
            'S' => &['5'],
            '4' => &['A'],
            'A' => &['4'],
            '8' => &['B'],
            'B' => &['8'],
            '2' => &['Z'],
            'Z' => &['2'],
            '6' => &['G'],
            'G' => &['6'],
            _ => &[],
        }
    };
    let chars: Vec<char> = guichet.chars().collect();
    let mut readings: Vec<(String, u32)> = vec![(String::new(), 0)];
    for &c in &chars {
        let mut next = Vec::new();
        for (prefix, swaps) in &readings {
            next.push((format!("{prefix}{c}"), *swaps));
            for &t in twins(c) {
                next.push((format!("{prefix}{t}"), swaps + 1));
            }
        }
        readings = next;
    }
    let mut out = vec![(numero, 0)];
    for (g, swaps) in readings.into_iter().filter(|(_, s)| *s > 0) {
        if let Ok(n) = NumeroUnique::parse(&format!("{head}{g}")) {
            out.push((n, swaps));
        }
    }
    out.sort_by_key(|(_, swaps)| *swaps);
    out
}

/// Whether a (normalised) line holds a "numéro unique" label.
pub(crate) fn is_label(line_norm: &str) -> bool {
    let toks: Vec<&str> = line_norm.split_whitespace().collect();
    toks.windows(2).any(|w| {
        (fuzzy_eq(w[0], "numero") || w[0] == "n" || w[0] == "no" || w[0] == "num")
            && fuzzy_eq(w[1], "unique")
    }) || toks.iter().any(|t| fuzzy_eq(t, "numero") || *t == "nu")
        && toks
            .iter()
            .any(|t| fuzzy_eq(t, "enregistrement") || fuzzy_eq(t, "demande"))
}

/// All numbers found in the words of a page, best first (labelled, fewest corrections).
///
/// A number may be split by the OCR into up to six words (the printed form has four groups),
/// or stuck to its label; every run of consecutive words of one line is tried.
pub fn find_candidates(ocr: &OcrText) -> Vec<Candidate> {
    let lines = ocr.lines();
    let mut found: Vec<Candidate> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let line_text: String = line
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let labelled = is_label(&normalize(&line_text))
            || li > 0 && {
                let prev: String = lines[li - 1]
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                is_label(&normalize(&prev))
            };
        for start in 0..line.len() {
            let mut raw = String::new();
            let mut bbox: Option<Rect> = None;
            for w in &line[start..line.len().min(start + 6)] {
                let cleaned: String = w
                    .text
                    .chars()
                    .filter(|c| !matches!(c, '.' | ',' | '-' | ':' | '_'))
                    .collect();
                raw.push_str(&cleaned);
                bbox = Some(bbox.map_or(w.bbox, |b| b.union(w.bbox)));
                let n = raw.chars().count();
                if n > 24 {
                    break;
                }
                // The number itself, the number stuck to a label before it, or (19 characters)
                // the number with one character too many (a box border read as `1`, `CCASI1`).
                let mut windows: Vec<(String, u32)> = (0..=n.saturating_sub(18))
                    .map(|skip| (raw.chars().skip(skip).take(18).collect(), 0))
                    .collect();
                if n == 19 {
                    windows.extend((0..19).map(|del| {
                        let w: String = raw
                            .chars()
                            .enumerate()
                            .filter(|(i, _)| *i != del)
                            .map(|(_, c)| c)
                            .collect();
                        (w, 1)
                    }));
                }
                for (window, extra_edit) in windows {
                    if window.chars().count() != 18 {
                        continue;
                    }
                    if let Some((numero, corrections)) = correct(&window) {
                        if corrections <= 5 {
                            for (variant, extra) in guichet_variants(numero) {
                                if !found.iter().any(|c| c.numero == variant) {
                                    found.push(Candidate {
                                        numero: variant,
                                        corrections: corrections + extra + extra_edit,
                                        labelled,
                                        bbox,
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    found.sort_by_key(|c| (!c.labelled, c.corrections));
    found
}

/// Numbers found in plain text (no word boxes): one line per text line.
pub fn find_in_text(text: &str) -> Vec<Candidate> {
    let words = text
        .lines()
        .enumerate()
        .flat_map(|(li, line)| {
            line.split_whitespace().map(move |t| crate::ocr::Word {
                text: t.to_string(),
                confidence: 90.0,
                bbox: Rect::default(),
                line: li as u32,
            })
        })
        .collect();
    find_candidates(&OcrText { words })
        .into_iter()
        .map(|c| Candidate { bbox: None, ..c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<String> {
        find_in_text(text).first().map(|c| c.numero.to_string())
    }

    #[test]
    fn finds_spaced_and_contiguous_numbers() {
        assert_eq!(
            first("Numéro unique : 057 1215 073903 10691").as_deref(),
            Some("057121507390310691")
        );
        assert_eq!(
            first("N° unique 0761013081664DGALN").as_deref(),
            Some("0761013081664DGALN")
        );
        assert_eq!(
            first("NU:0761013081664DGALN").as_deref(),
            Some("0761013081664DGALN")
        );
        assert_eq!(
            first("02A 0124 000001 TESTK").as_deref(),
            Some("02A0124000001TESTK")
        );
    }

    #[test]
    fn a_four_read_as_an_a_in_the_guichet_code_is_among_the_readings() {
        let all: Vec<(String, u32)> = find_in_text("014 0425 329468 1AGBW")
            .into_iter()
            .map(|c| (c.numero.to_string(), c.corrections))
            .collect();
        assert_eq!(
            all[0],
            ("01404253294681AGBW".to_string(), 0),
            "as read first"
        );
        assert!(
            all.contains(&("014042532946814GBW".to_string(), 1)),
            "{all:?}"
        );
    }

    #[test]
    fn a_round_digit_where_the_format_wants_a_zero_is_corrected() {
        let c = &find_in_text("667 0825 652709 31TMH")[0];
        assert_eq!(c.numero.as_str(), "067082565270931TMH");
        assert_eq!(c.corrections, 1);
        let c = &find_in_text("075 8325 652709 31TMH")[0];
        assert_eq!(c.numero.as_str(), "075032565270931TMH");
        // Elsewhere a 6 or an 8 is a digit like any other.
        assert_eq!(find_in_text("075 0325 686709 31TMH")[0].corrections, 0);
    }

    #[test]
    fn corrects_ocr_confusions_in_the_digit_part_only() {
        let all: Vec<String> = find_in_text("Numéro unique : O57 l2I5 O739O3 1O691")
            .into_iter()
            .map(|c| c.numero.to_string())
            .collect();
        assert_eq!(all[0], "05712150739031O691", "the plain reading first");
        assert!(
            all.contains(&"057121507390310691".to_string()),
            "the all-digit guichet too"
        );
        let all: Vec<String> = find_in_text("Numéro unique : 974 0119 041073 PREFO")
            .into_iter()
            .map(|c| c.numero.to_string())
            .collect();
        assert!(all.contains(&"9740119041073PREF0".to_string()), "{all:?}");
        let all: Vec<String> = find_in_text("N° unique : 033 0419 600153 CCASI1")
            .into_iter()
            .map(|c| c.numero.to_string())
            .collect();
        assert!(all.contains(&"0330419600153CCAS1".to_string()), "{all:?}");
        assert_eq!(
            first("numero unique 075 O322 S12B45 DGALN").as_deref(),
            Some("075032251284 5DGALN".replace(' ', "").as_str())
        );
        let all: Vec<String> = find_in_text("Numéro unique : 044 0624 671857 33AOT")
            .into_iter()
            .map(|c| c.numero.to_string())
            .collect();
        assert!(
            all.contains(&"044062467185733AQT".to_string()),
            "O/Q: {all:?}"
        );
        // A bracket at the end of the guichet code is a J, and counts as a correction.
        let c = &find_in_text("Numéro unique : 9741 123867677UTUC]")[0];
        assert_eq!(c.numero.as_str(), "9741123867677UTUCJ");
        assert_eq!(c.corrections, 1);
        // letters in the guichet code are kept as letters
        assert_eq!(
            first("075 0322 512845 DGOLN").as_deref(),
            Some("0750322512845DGOLN")
        );
    }

    #[test]
    fn prefers_the_labelled_number() {
        let text = "Réf. 0751220123456ABCDE\nNuméro unique\n092 0523 000123 GDPUB";
        assert_eq!(first(text).as_deref(), Some("0920523000123GDPUB"));
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
            let _ = find_in_text(&s);
        }

        #[test]
        fn a_printed_number_is_found_back(dep in 1u32..=95, month in 1u32..=12, year in 0u32..100,
                                          seq in 0u32..1_000_000, g in "[A-Z]{5}") {
            let n = NumeroUnique::parse(&format!("{dep:03}{month:02}{year:02}{seq:06}{g}")).unwrap();
            let found = find_in_text(&format!("Numéro unique : {}", n.spaced()));
            proptest::prop_assert_eq!(&found[0].numero, &n);
        }
    }

    #[test]
    fn ignores_what_cannot_be_a_number() {
        assert_eq!(first("Téléphone 01 23 45 67 89"), None);
        assert_eq!(first("0751320123456DGALN"), None, "month 13");
        assert_eq!(first(""), None);
    }
}
