//! Text normalisation shared by every matcher.

/// Lowercases, strips French accents and ligatures, maps typographic apostrophes and dashes,
/// and turns every other non-alphanumeric character into a space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mapped: &str = match c {
            'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => "a",
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
            'î' | 'ï' | 'í' | 'Î' | 'Ï' => "i",
            'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' => "o",
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' => "u",
            'ç' | 'Ç' => "c",
            'ÿ' => "y",
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            '’' | '\'' | '`' | '´' => " ",
            _ => "",
        };
        if !mapped.is_empty() {
            out.push_str(mapped);
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\n' {
            out.push('\n');
        } else {
            out.push(' ');
        }
    }
    out
}

/// The words of a normalised text (split on whitespace, newlines included).
pub fn tokens(normalized: &str) -> Vec<&str> {
    normalized.split_whitespace().collect()
}

/// Levenshtein distance, bounded: returns `max + 1` as soon as the distance exceeds `max`.
pub fn bounded_distance(a: &str, b: &str, max: usize) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether an OCR'd token stands for an expected word: equal, or within one edit for words of
/// five letters or more, two edits from ten letters on.
pub fn fuzzy_eq(token: &str, expected: &str) -> bool {
    if token == expected {
        return true;
    }
    let max = match expected.len() {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    };
    max > 0 && bounded_distance(token, expected, max) <= max
}

/// Whether the token sequence `phrase` occurs in `tokens` (fuzzily, word by word). Returns the
/// index of the first match.
pub fn find_phrase(tokens: &[&str], phrase: &[&str]) -> Option<usize> {
    if phrase.is_empty() || tokens.len() < phrase.len() {
        return None;
    }
    (0..=tokens.len() - phrase.len()).find(|&i| {
        phrase
            .iter()
            .enumerate()
            .all(|(k, p)| fuzzy_eq(tokens[i + k], p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_french_text() {
        assert_eq!(normalize("Numéro Unique : N°"), "numero unique   n ");
        assert_eq!(normalize("d’enregistrement"), "d enregistrement");
        assert_eq!(normalize("Œuvre"), "oeuvre");
    }

    #[test]
    fn fuzzy_matching_tolerates_ocr_slips() {
        assert!(fuzzy_eq("enregistrernent", "enregistrement"));
        assert!(fuzzy_eq("bulletln", "bulletin"));
        assert!(!fuzzy_eq("caf", "cas"));
        assert_eq!(
            find_phrase(
                &["le", "bulletin", "de", "paie"],
                &["bulletin", "de", "paie"]
            ),
            Some(1)
        );
        assert_eq!(bounded_distance("kitten", "sitting", 5), 3);
    }
}
