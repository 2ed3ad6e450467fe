//! The machine-readable zone (ICAO 9303) of identity documents, found in OCR text.
//!
//! Passports (TD3, 2×44), identity cards and residence permits (TD1, 3×30; TD2, 2×36) are parsed
//! and checked by the `mrz` crate, whose `find_and_parse_with` locates the zone in noisy
//! text and repairs a misread only when a check digit agrees. Visas (MRV-A, MRV-B) come out with
//! the format of the same geometry and a document code starting with `V`.
//!
//! The French identity card issued from 1988 to 2021 carries a national 2×36 zone that no ICAO
//! parser reads, so it is read here with the same rule — the crate's 7-3-1 check digits decide,
//! a repair stands only when they agree:
//!
//! ```text
//! line 1  ID FRA SURNAME<<<<<<<<<<<<<<<<< 075025
//!         2  3   surname (25)             issuing département and office (6)
//! line 2  880692310285 8 CORINNE<<<<<<< 651206 8 F 6
//!         card number (12: YYMM of issue, département, sequence), its check digit,
//!         given names (14), birth date YYMMDD and its check digit, sex,
//!         check digit of everything before it on both lines
//! ```
//!
//! Before any parsing, the usual Tesseract slips of the filler are undone: `«` for `<<`, `(`,
//! `[`, `{`, `‹` or a lowercase `k`, `c`, `e`, `l`, `x` for `<`; spaces inside a line; a filler
//! run ending in letters that are misread fillers (`<<<<K<<LERELEE`); letters after three
//! fillers; a lone `K`, `L`, `E`, `C` or `X` amid fillers; a line cut in two or a few fillers too
//! many; one stray glyph in a line, taken out when exactly one cut validates. The name fields carry no check digit of their own
//! (TD3's line 1, TD1's line 3), so a `<` read as a letter between two names stays as read.

use ::mrz::{Format, MrzData, MrzDate, ParseOptions};

/// The characters an MRZ is printed with, for Tesseract's `tessedit_char_whitelist`.
pub const MRZ_WHITELIST: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

/// The layout a zone was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MrzFormat {
    /// 3 lines of 30: identity cards (the French one since 2021), residence permits.
    Td1,
    /// 2 lines of 36: some identity cards and residence permits; MRV-B visas.
    Td2,
    /// 2 lines of 44: passports; MRV-A visas.
    Td3,
    /// 2 lines of 36: the French identity card issued from 1988 to 2021 (national layout).
    FrenchId1988,
}

impl MrzFormat {
    /// A short stable name: `td1`, `td2`, `td3`, `fr_id_1988`.
    pub fn as_str(&self) -> &'static str {
        match self {
            MrzFormat::Td1 => "td1",
            MrzFormat::Td2 => "td2",
            MrzFormat::Td3 => "td3",
            MrzFormat::FrenchId1988 => "fr_id_1988",
        }
    }
}

/// What a zone says. Names are as printed in the zone: capitals, transliterated, possibly
/// truncated, `<` turned into spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MrzReading {
    pub format: MrzFormat,
    /// `P`, `PD`, `I`, `ID`, `IR`, `AR`, `V`…: the first two cells, trailing filler trimmed.
    pub document_code: String,
    pub surname: String,
    pub given_names: Vec<String>,
    /// (year, month, day); the year is the latest one not after today's.
    pub birth_date: Option<(i32, u32, u32)>,
    /// (year, month, day); the year is the latest one not after today's plus 20. The French card
    /// of 1988 prints none.
    pub expiry_date: Option<(i32, u32, u32)>,
    /// Every check digit the layout prints agrees with the reading.
    pub valid: bool,
}

impl MrzReading {
    /// The plan de classement's type of the applicant's document this zone stands on: a
    /// passport (`P…`) or an identity card (`I…`, `ID`, and the French card of 1988) is CID, a
    /// residence permit (`IR`, `A…`, `C…`, `RT`, `RP`) TSJ. `None` for a visa or an unknown code.
    pub fn identity_type(&self) -> Option<&'static str> {
        let code = self.document_code.as_str();
        if self.format == MrzFormat::FrenchId1988 || code.starts_with('P') {
            return Some("CID");
        }
        match code {
            "IR" | "RT" | "RP" => Some("TSJ"),
            c if c.starts_with('A') || c.starts_with('C') => Some("TSJ"),
            c if c.starts_with('I') => Some("CID"),
            _ => None,
        }
    }
}

/// Finds and reads the machine-readable zone in the OCR text of a page (or of its bottom band),
/// two-digit years taken relative to today. See [`find_as_of`].
pub fn find(text: &str) -> Option<MrzReading> {
    find_as_of(text, current_year())
}

/// Finds and reads the machine-readable zone in `text`, two-digit years taken relative to
/// `today_year`: a birth year is the latest not after it, an expiry year the latest not after
/// it plus 20.
///
/// A reading whose check digits all agree is preferred to any other. One where a check fails is
/// returned only when the lines are plainly a zone — the right widths, a document code, filler
/// runs, and for the ICAO layouts a known issuing state or nationality, a surname of letters and
/// a date its own check digit confirms — so the caller can tell "an identity document, badly
/// read" from "no zone". `None` when nothing in the text is shaped like a zone.
///
/// ```
/// let text = "REPUBLIQUE D'UTOPIE\n\
///             P<UTOERIKSSON<<ANNA<MARIA«<<<<<<<<<<<<<<<<<\n\
///             L898902C36UTO74O8122F1204159ZE184226B<<<<<10\n";
/// let reading = classifier::mrz::find_as_of(text, 2026).unwrap();
/// assert!(reading.valid); // the O in the birth date was a 0: its check digit says so
/// assert_eq!(reading.surname, "ERIKSSON");
/// assert_eq!(reading.birth_date, Some((1974, 8, 12)));
/// ```
pub fn find_as_of(text: &str, today_year: i32) -> Option<MrzReading> {
    let lines: Vec<String> = text.lines().map(prepare_line).collect();
    let french = french::find(&lines, today_year);
    if french.as_ref().is_some_and(|r| r.valid) {
        return french;
    }
    let icao = icao_find(&lines, today_year);
    match (french, icao) {
        (_, Some(r)) if r.valid => Some(r),
        (Some(f), _) => Some(f),
        (None, r) => r,
    }
}

// ---------------------------------------------------------------------------------------------
// OCR clean-up

/// Characters Tesseract reads a `<` as, when they stand among fillers.
fn fillerish(c: char) -> bool {
    matches!(c, '<' | 'K' | 'L' | 'E' | 'C' | 'X' | 'R')
}

/// One OCR line brought toward the MRZ alphabet: misread fillers undone, uppercase, and — for a
/// line no longer than a zone line plus noise — the spaces taken out.
fn prepare_line(line: &str) -> String {
    let line = line.replace("&lt;", "<");
    let zone_like = line.contains(['<', '«', '‹', '≪']);
    let mut mapped = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '«' | '≪' => mapped.push_str("<<"),
            '‹' | '(' | '[' | '{' => mapped.push('<'),
            'k' | 'c' | 'e' | 'l' | 'x' if zone_like => mapped.push('<'),
            c => mapped.extend(c.to_uppercase()),
        }
    }
    if !mapped.contains('<') {
        return mapped;
    }
    let compact: String = mapped.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.chars().count() <= 48 {
        return clean_fillers(&compact);
    }
    mapped
        .split_whitespace()
        .map(clean_fillers)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Undoes fillers read as letters where nothing else can stand: the noise a filler run at the end
/// of a line turns into (`<<<<K<<LERELEE`), letters after three fillers, and a lone letter amid
/// fillers (`<<K<`). A `<` read as a letter between two names (`ANNAKMARIA`) cannot be told from
/// a name and stays.
fn clean_fillers(token: &str) -> String {
    let mut chars: Vec<char> = token.chars().collect();
    // The trailing run of filler look-alikes, from its first real `<`. Ending in a letter, it is
    // all filler if it holds two letters or more (one alone may be a check digit read badly);
    // ending in `<`, its lone letters are (`ANNA<MARIA<K<K<<K<<<<`), not its names (`<<LEE<<<`).
    let run_start = chars
        .iter()
        .rposition(|c| !fillerish(*c))
        .map_or(0, |i| i + 1);
    if let Some(first) = chars[run_start..].iter().position(|c| *c == '<') {
        let from = run_start + first;
        let letters = chars[from..].iter().filter(|c| **c != '<').count();
        if chars.last().is_some_and(|c| *c != '<') {
            if letters >= 2 {
                chars[from..].iter_mut().for_each(|c| *c = '<');
            }
        } else {
            for i in from + 1..chars.len() - 1 {
                if chars[i] != '<' && chars[i - 1] == '<' && chars[i + 1] == '<' {
                    chars[i] = '<';
                }
            }
        }
    }
    // Letters that look like fillers, after three fillers or more and up to the next filler or
    // the end: no name part follows more than two fillers, and no other field starts with them.
    let mut i = 0;
    while i < chars.len() {
        if i >= 3 && chars[i - 3..i].iter().all(|c| *c == '<') && fillerish(chars[i]) {
            let end = (i..chars.len())
                .find(|j| !fillerish(chars[*j]))
                .unwrap_or(chars.len());
            let block_end = (i..end).find(|j| chars[*j] == '<').unwrap_or(end);
            let closed = block_end < chars.len() && chars[block_end] == '<';
            // At the end of the line, one letter may be a check digit read badly.
            if closed || (block_end == chars.len() && block_end - i >= 2) {
                chars[i..block_end].iter_mut().for_each(|c| *c = '<');
            }
            i = block_end.max(i + 1);
        } else {
            i += 1;
        }
    }
    // A lone K, L, E, C or X between fillers, with a double filler on one side.
    for i in 1..chars.len().saturating_sub(1) {
        if matches!(chars[i], 'K' | 'L' | 'E' | 'C' | 'X')
            && chars[i - 1] == '<'
            && chars[i + 1] == '<'
            && ((i >= 2 && chars[i - 2] == '<') || chars.get(i + 2) == Some(&'<'))
        {
            chars[i] = '<';
        }
    }
    chars.into_iter().collect()
}

fn is_zone_charset(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'<')
}

/// The lines again, with a zone line that OCR cut in two put back together: two neighbours in the
/// MRZ alphabet, holding a filler, whose widths add up to exactly 30, 36 or 44. `None` when no
/// such pair exists.
fn rejoin_split_lines(lines: &[String]) -> Option<Vec<String>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut joined = false;
    let mut i = 0;
    while i < lines.len() {
        if let Some(next) = lines.get(i + 1) {
            let (a, b) = (&lines[i], next);
            let sum = a.len() + b.len();
            if is_zone_charset(a)
                && is_zone_charset(b)
                && (a.contains('<') || b.contains('<'))
                && matches!(sum, 30 | 36 | 44)
                && !matches!(a.len(), 30 | 36 | 44)
                && !matches!(b.len(), 30 | 36 | 44)
            {
                out.push(format!("{a}{b}"));
                joined = true;
                i += 2;
                continue;
            }
        }
        out.push(lines[i].clone());
        i += 1;
    }
    joined.then_some(out)
}

/// The lines again, with a line a few cells wider than a zone line and ending in fillers cut back
/// to that width (OCR reads a filler tail as more cells than it has). `None` when no line is so.
fn trim_long_filler_tails(lines: &[String]) -> Option<Vec<String>> {
    let mut trimmed = false;
    let out = lines
        .iter()
        .map(|line| {
            let Some(width) = [44, 36, 30].into_iter().find(|w| line.len() > *w) else {
                return line.clone();
            };
            let excess = line.len() - width;
            let tail = line.bytes().rev().take_while(|b| *b == b'<').count();
            if is_zone_charset(line) && excess <= 6 && tail > excess + 2 {
                trimmed = true;
                line[..width].to_string()
            } else {
                line.clone()
            }
        })
        .collect();
    trimmed.then_some(out)
}

// ---------------------------------------------------------------------------------------------
// ICAO layouts, through the `mrz` crate

fn icao_find(lines: &[String], today_year: i32) -> Option<MrzReading> {
    let opts = ParseOptions::default().with_pivot_yy(today_year.rem_euclid(100) as u32);
    let mut texts = vec![lines.join("\n")];
    if let Some(rejoined) = rejoin_split_lines(lines) {
        texts.push(rejoined.join("\n"));
    }
    if let Some(trimmed) = trim_long_filler_tails(lines) {
        texts.push(trimmed.join("\n"));
    }
    let mut fallback: Option<MrzData> = None;
    for text in &texts {
        match ::mrz::find_and_parse_with(text, &opts) {
            Ok(data) if consistent(&data, text) => return reading_from(&data, today_year, true),
            Ok(data) => {
                if fallback.is_none() {
                    fallback = Some(data);
                }
            }
            Err(_) => {}
        }
    }
    for text in &texts {
        if let Some(data) = one_extra_cell(text, &opts) {
            return reading_from(&data, today_year, true);
        }
    }
    fallback
        .filter(plainly_a_zone)
        .and_then(|data| reading_from(&data, today_year, false))
}

/// The one reading that validates once a single cell is taken out of a zone line OCR read one
/// cell too wide (a stray glyph inside a field, which the crate's own repairs do not undo). Two
/// or more such readings are ambiguous and give none.
fn one_extra_cell(text: &str, opts: &ParseOptions) -> Option<MrzData> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found: Option<MrzData> = None;
    let mut tried = 0;
    for (index, line) in lines.iter().enumerate() {
        if !matches!(line.len(), 31 | 37 | 45) || !is_zone_charset(line) || !line.contains("<<") {
            continue;
        }
        tried += 1;
        if tried > 3 {
            break;
        }
        let mut seen: Vec<String> = Vec::new();
        for cut in 0..line.len() {
            let shorter = format!("{}{}", &line[..cut], &line[cut + 1..]);
            if seen.contains(&shorter) {
                continue;
            }
            seen.push(shorter.clone());
            let mut variant = lines.clone();
            variant[index] = &shorter;
            let variant = variant.join("\n");
            let Ok(data) = ::mrz::find_and_parse_with(&variant, opts) else {
                continue;
            };
            if !consistent(&data, &variant) {
                continue;
            }
            match &found {
                Some(previous) if previous.mrz_lines != data.mrz_lines => return None,
                Some(_) => {}
                None => found = Some(data),
            }
        }
    }
    found
}

/// A reading whose checks fail is still worth returning when it is plainly a zone: a known
/// issuing state or nationality, a surname of letters, a date that its check digit confirms,
/// filler runs. An `IDFRA` zone read as TD2 is the French card
/// of 1988 misread, and is left to its own reader.
fn plainly_a_zone(data: &MrzData) -> bool {
    let known = ::mrz::country_name(&data.issuing_country).is_some()
        || ::mrz::country_name(&data.nationality).is_some();
    let french_1988 = data.format == Format::Td2 && data.mrz_lines.starts_with("IDFRA");
    let named = !data.surname.is_empty()
        && data
            .surname
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == ' ');
    let dated = data.checks.date_of_birth == Some(true) || data.checks.date_of_expiry == Some(true);
    known && named && dated && data.mrz_lines.contains("<<") && !french_1988
}

/// Every check digit of what the crate read in `text` agrees, and that agreement means
/// something: no date holds a letter (a letter can pass its check digit — `O` weighs as much as
/// `4` — and is a misread all the same), and where the crate's damaged-capture search changed a
/// cell, the dates were left alone (see [`repair_spares_dates`]).
fn consistent(data: &MrzData, text: &str) -> bool {
    data.valid()
        && !matches!(data.date_of_birth, MrzDate::Malformed(_))
        && !matches!(data.date_of_expiry, MrzDate::Malformed(_))
        && (!data.damaged_recovery || repair_spares_dates(data, text))
}

/// The crate's damaged-capture search tries one glyph swap in every cell, and so finds readings
/// where two misreads in one field cancel out: an expiry `120415` read `120915`, "repaired" by
/// reading its `2` as a `7`, passes both its check digit and the composite. A reading it
/// reached is trusted only when, against the lines it was given, it changed no date cell but a
/// letter into a digit; other fields (document and personal numbers) are not reported.
fn repair_spares_dates(data: &MrzData, text: &str) -> bool {
    let read: Vec<String> = text
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    // Both dates and their check digits, on the zone's second line.
    let dates = match data.format {
        Format::Td1 => [0..7, 8..15],
        _ => [13..20, 21..28],
    };
    data.mrz_lines.lines().enumerate().all(|(index, line)| {
        read.iter().any(|r| r == line)
            || read.iter().filter(|r| r.len() == line.len()).any(|r| {
                let changed: Vec<(usize, u8, u8)> = r
                    .bytes()
                    .zip(line.bytes())
                    .enumerate()
                    .filter(|(_, (was, is))| was != is)
                    .map(|(i, (was, is))| (i, was, is))
                    .collect();
                changed.len() <= 4
                    && changed.iter().all(|(i, was, is)| {
                        index != 1
                            || !dates.iter().any(|d| d.contains(i))
                            || (was.is_ascii_alphabetic() && is.is_ascii_digit())
                    })
            })
    })
}

fn reading_from(data: &MrzData, today_year: i32, valid: bool) -> Option<MrzReading> {
    let format = match data.format {
        Format::Td1 => MrzFormat::Td1,
        Format::Td2 | Format::MrvB => MrzFormat::Td2,
        Format::Td3 | Format::MrvA => MrzFormat::Td3,
        _ => return None,
    };
    Some(MrzReading {
        format,
        document_code: data.document_type.trim_end_matches('<').to_string(),
        surname: data
            .surname
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        given_names: data
            .given_names
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        birth_date: calendar(data.date_of_birth, today_year),
        expiry_date: calendar(data.date_of_expiry, today_year + 20),
        valid,
    })
}

/// A date the crate read, its two-digit year put in the century that makes it the latest year
/// not after `latest_year`.
fn calendar(date: MrzDate, latest_year: i32) -> Option<(i32, u32, u32)> {
    let date = date.calendar()?;
    ymd(date.year.rem_euclid(100), date.month, date.day, latest_year)
}

fn ymd(yy: i32, month: u32, day: u32, latest_year: i32) -> Option<(i32, u32, u32)> {
    let year = latest_year - (latest_year - yy).rem_euclid(100);
    ::mrz::Date::new(year, month, day)
        .is_well_formed()
        .then_some((year, month, day))
}

fn current_year() -> i32 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    ::mrz::Date::from_epoch_days(i64::try_from(seconds / 86_400).unwrap_or(0)).year
}

// ---------------------------------------------------------------------------------------------
// The French identity card of 1988–2021

mod french {
    use super::{is_zone_charset, ymd, MrzFormat, MrzReading};
    use ::mrz::{solve_substitution, verify, FieldKind, Resolution};

    const WIDTH: usize = 36;

    /// The first pair of lines shaped like the French zone, preferring one whose check digits
    /// all agree.
    pub(super) fn find(lines: &[String], today_year: i32) -> Option<MrzReading> {
        let lines: Vec<String> = lines
            .iter()
            .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
            .filter(|l| !l.is_empty())
            .collect();
        let mut shaped: Option<MrzReading> = None;
        for (i, line) in lines.iter().enumerate() {
            if !is_zone_charset(line) || !starts_like_idfra(line) {
                continue;
            }
            let pair = if (2 * WIDTH - 3..=2 * WIDTH + 3).contains(&line.len()) {
                // Both lines run together: cut where the second one starts.
                let cut = line.len() - WIDTH;
                [WIDTH, cut].map(|at| read(&line[..at], &line[at..], today_year))
            } else if let Some(next) = lines.get(i + 1) {
                [read(line, next, today_year), None]
            } else {
                continue;
            };
            for reading in pair.into_iter().flatten() {
                if reading.valid {
                    return Some(reading);
                }
                shaped.get_or_insert(reading);
            }
        }
        shaped
    }

    fn starts_like_idfra(line: &str) -> bool {
        line.len() >= 5
            && line
                .bytes()
                .zip(b"IDFRA".iter())
                .filter(|(a, b)| a != *b)
                .count()
                <= 1
    }

    /// `line` made `WIDTH` wide by lengthening or shortening its longest filler run between
    /// `from` and `WIDTH` less `tail` — fillers are what OCR most often drops or doubles.
    fn fit(line: &str, from: usize, tail: usize) -> Option<String> {
        if line.len() == WIDTH {
            return Some(line.to_string());
        }
        if line.len().abs_diff(WIDTH) > 3 || line.len() < from + tail {
            return None;
        }
        let bytes = line.as_bytes();
        let end = line.len() - tail;
        let (mut best_start, mut best_len) = (0, 0);
        let mut i = from;
        while i < end {
            if bytes[i] == b'<' {
                let start = i;
                while i < end && bytes[i] == b'<' {
                    i += 1;
                }
                if i - start > best_len {
                    (best_start, best_len) = (start, i - start);
                }
            } else {
                i += 1;
            }
        }
        if best_len < 2 {
            return None;
        }
        let fillers = if line.len() < WIDTH {
            best_len + (WIDTH - line.len())
        } else {
            best_len
                .checked_sub(line.len() - WIDTH)
                .filter(|n| *n >= 1)?
        };
        Some(format!(
            "{}{}{}",
            &line[..best_start],
            "<".repeat(fillers),
            &line[best_start + best_len..]
        ))
    }

    fn digitize(c: u8) -> u8 {
        match c {
            b'O' | b'Q' | b'D' | b'U' => b'0',
            b'I' | b'L' | b'T' => b'1',
            b'Z' => b'2',
            b'S' => b'5',
            b'G' => b'6',
            b'B' => b'8',
            c => c,
        }
    }

    fn letterize(c: u8) -> u8 {
        match c {
            b'0' => b'O',
            b'1' => b'I',
            b'2' => b'Z',
            b'5' => b'S',
            b'6' => b'G',
            b'8' => b'B',
            c => c,
        }
    }

    fn map(s: &str, f: fn(u8) -> u8) -> String {
        s.bytes().map(|b| f(b) as char).collect()
    }

    /// A field and its check digit, read as printed or repaired where the digit agrees: first
    /// the cells that can only be digits taken as digits, then one confusable glyph swapped
    /// (the crate's search, which refuses when two swaps agree). The flag says whether a reading
    /// agreed; when none does, the field is as printed.
    fn checked(field: &str, digit_cells: &[usize], check: u8, kind: FieldKind) -> (String, bool) {
        let check = digitize(check) as char;
        let digitized: String = field
            .bytes()
            .enumerate()
            .map(|(i, b)| if digit_cells.contains(&i) { digitize(b) } else { b } as char)
            .collect();
        for candidate in [field, digitized.as_str()] {
            if verify(candidate, check) && shape_ok(candidate, kind) {
                return (candidate.to_string(), true);
            }
        }
        match solve_substitution(&digitized, check, kind) {
            Resolution::Unique(repaired) => (repaired, true),
            _ => (field.to_string(), false),
        }
    }

    fn shape_ok(field: &str, kind: FieldKind) -> bool {
        match kind {
            FieldKind::Date => field.bytes().all(|b| b.is_ascii_digit()),
            _ => true,
        }
    }

    /// Reads one pair of lines; `None` unless it has the French card's shape.
    fn read(first: &str, second: &str, today_year: i32) -> Option<MrzReading> {
        if !is_zone_charset(second) {
            return None;
        }
        let first = fit(&format!("IDFRA{}", first.get(5..)?), 5, 6)?;
        let second = fit(second, 13, 9)?;
        let s = second.as_bytes();
        let digit_like = |b: u8| digitize(b).is_ascii_digit();
        // The shape: check cells and birth date are digits, the sex is M or F, the given names
        // start with a letter.
        if !(digit_like(s[12])
            && s[27..34].iter().all(|b| digit_like(*b))
            && digit_like(s[35])
            && matches!(s[34], b'M' | b'F')
            && s[13].is_ascii_alphabetic())
        {
            return None;
        }
        let (card, card_ok) = checked(
            &second[..12],
            &[0, 1, 2, 3, 7, 8, 9, 10, 11],
            s[12],
            FieldKind::Other,
        );
        let (birth, birth_ok) =
            checked(&second[27..33], &[0, 1, 2, 3, 4, 5], s[33], FieldKind::Date);
        let composite = digitize(s[35]) as char;
        let offices = [first[30..].to_string(), map(&first[30..], digitize)];
        let given = [second[13..27].to_string(), map(&second[13..27], letterize)];
        let mut zone = None;
        'search: for office in &offices {
            for names in &given {
                let line1 = format!("{}{office}", &first[..30]);
                let line2 = format!(
                    "{card}{}{names}{birth}{}{}",
                    digitize(s[12]) as char,
                    digitize(s[33]) as char,
                    s[34] as char
                );
                if verify(&format!("{line1}{line2}"), composite) {
                    zone = Some((line1, line2, true));
                    break 'search;
                }
                zone.get_or_insert((line1, line2, false));
            }
        }
        let (line1, line2, composite_ok) = zone?;
        let birth_date = birth
            .get(..6)
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|d| {
                let n = |r: std::ops::Range<usize>| d[r].parse::<u32>().ok();
                ymd(
                    i32::try_from(n(0..2)?).ok()?,
                    n(2..4)?,
                    n(4..6)?,
                    today_year,
                )
            });
        Some(MrzReading {
            format: MrzFormat::FrenchId1988,
            document_code: "ID".to_string(),
            surname: words(&line1[5..30]).join(" "),
            given_names: words(&line2[13..27]),
            valid: card_ok && birth_ok && composite_ok && birth_date.is_some(),
            birth_date,
            expiry_date: None,
        })
    }

    fn words(field: &str) -> Vec<String> {
        field
            .split('<')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TODAY: i32 = 2026;

    const ERIKSSON_TD3: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n\
                                L898902C36UTO7408122F1204159ZE184226B<<<<<10";
    const ERIKSSON_TD1: &str = "I<UTOD231458907<<<<<<<<<<<<<<<\n\
                                7408122F1204159UTO<<<<<<<<<<<6\n\
                                ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    /// The 2021 French identity card specimen (MARTIN Maëlys-Gaëlle, Marie).
    const CNI_2021: &str = "IDFRAX4RTBPFW46<<<<<<<<<<<<<<<\n\
                            9007138F3002119FRA<<<<<<<<<<<6\n\
                            MARTIN<<MAELYS<GAELLE<MARIE<<<";
    /// The pre-2021 French identity card specimen (BERTHIER Corinne).
    const CNI_1988: &str = "IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<\n\
                            8806923102858CORINNE<<<<<<<6512068F6";

    fn read(text: &str) -> Option<MrzReading> {
        find_as_of(text, TODAY)
    }

    #[test]
    fn the_icao_passport_specimen() {
        let r = read(ERIKSSON_TD3).unwrap();
        assert_eq!(r.format, MrzFormat::Td3);
        assert_eq!(r.document_code, "P");
        assert_eq!(r.surname, "ERIKSSON");
        assert_eq!(r.given_names, ["ANNA", "MARIA"]);
        assert_eq!(r.birth_date, Some((1974, 8, 12)));
        assert_eq!(r.expiry_date, Some((2012, 4, 15)));
        assert!(r.valid);
    }

    #[test]
    fn the_icao_card_specimen() {
        let r = read(ERIKSSON_TD1).unwrap();
        assert_eq!(r.format, MrzFormat::Td1);
        assert_eq!(r.document_code, "I");
        assert_eq!(
            (r.surname.as_str(), r.birth_date),
            ("ERIKSSON", Some((1974, 8, 12)))
        );
        assert!(r.valid);
    }

    #[test]
    fn the_french_card_of_2021() {
        let r = read(CNI_2021).unwrap();
        assert_eq!(r.format, MrzFormat::Td1);
        assert_eq!(r.document_code, "ID");
        assert_eq!(r.surname, "MARTIN");
        assert_eq!(r.given_names, ["MAELYS", "GAELLE", "MARIE"]);
        assert_eq!(r.birth_date, Some((1990, 7, 13)));
        assert_eq!(r.expiry_date, Some((2030, 2, 11)));
        assert!(r.valid);
    }

    #[test]
    fn the_french_card_of_1988() {
        let r = read(CNI_1988).unwrap();
        assert_eq!(r.format, MrzFormat::FrenchId1988);
        assert_eq!(r.format.as_str(), "fr_id_1988");
        assert_eq!(r.document_code, "ID");
        assert_eq!(r.surname, "BERTHIER");
        assert_eq!(r.given_names, ["CORINNE"]);
        assert_eq!(r.birth_date, Some((1965, 12, 6)));
        assert_eq!(r.expiry_date, None);
        assert!(r.valid);
    }

    #[test]
    fn format_names() {
        let names = [
            MrzFormat::Td1,
            MrzFormat::Td2,
            MrzFormat::Td3,
            MrzFormat::FrenchId1988,
        ]
        .map(|f| f.as_str());
        assert_eq!(names, ["td1", "td2", "td3", "fr_id_1988"]);
    }

    #[test]
    fn chevrons_read_as_guillemets_k_and_lowercase_letters_are_fillers() {
        let text = "P<UTOERIKSSON«ANNA<MARIA<<<<<<<<<<<<<<K<<LERELEE\n\
                    L898902C36UTO7408122F1204159ZE184226B«<<<10";
        let r = read(text).unwrap();
        assert!(r.valid);
        assert_eq!(r.given_names, ["ANNA", "MARIA"]);

        let text = "IDFRABERTHIER<<<<<<kk<<<<<<<<<<<<<<<\n8806923102858CORINNE«<<<<c6512068F6";
        let r = read(text).unwrap();
        assert_eq!((r.surname.as_str(), r.valid), ("BERTHIER", true));
    }

    #[test]
    fn spaces_inside_lines_and_noise_around_are_ignored() {
        // As Tesseract read the 2021 specimen's back (betagouv/document-ia fixture), with the
        // stray S of line 1 taken out.
        let text = "ACRE SSL Asmar\n\n33000 BORDEAUX\n\nFRANCE\n\n\
                    IDFRAX4RTBPFW46<<< <<< << <<< <<<<\n\n\
                    9007138F3002119FRA<<<<<<<<<<<6\n\n\
                    MARTIN<<MAELYS<GAELLE<MARIE<<<\n\n—\n";
        let r = read(text).unwrap();
        assert!(r.valid);
        assert_eq!(r.surname, "MARTIN");
    }

    #[test]
    fn a_stray_glyph_in_the_document_number_is_taken_out_when_one_cut_alone_validates() {
        // The fixture exactly as Tesseract read it: `X4SRTBPFW4` for `X4RTBPFW4`.
        let text = "SOMMRONNNEE REPUBLIQUE FRANCAIS ( temmmmennmeemeeemmenenemmmmmmmnt:\n\n\
                    IDFRAX4SRTBPFW46<<< <<< << <<< <<<<\n\n\
                    9007138F3002119FRA<<<<<<<<<<<6\n\n\
                    MARTIN<<MAELYS<GAELLE<MARIE<<<\n";
        let r = read(text).unwrap();
        assert!(r.valid);
        assert_eq!(r.birth_date, Some((1990, 7, 13)));
    }

    #[test]
    fn a_zero_read_as_o_in_a_date_is_repaired_because_its_check_digit_agrees() {
        let text = ERIKSSON_TD3.replace("7408122F", "74O8122F");
        let r = read(&text).unwrap();
        assert!(r.valid);
        assert_eq!(r.birth_date, Some((1974, 8, 12)));

        let text = CNI_1988.replace("6512068F", "6512O68F");
        let r = read(&text).unwrap();
        assert!(r.valid);
        assert_eq!(r.birth_date, Some((1965, 12, 6)));

        let text = CNI_1988.replace("880692310285", "88O69231O285");
        assert!(read(&text).unwrap().valid);
    }

    #[test]
    fn a_digit_read_as_another_digit_is_refused_but_the_zone_is_still_reported() {
        // 740812 → 740817: the birth-date check digit and the composite disagree, and no
        // confusable swap restores them.
        let text = ERIKSSON_TD3.replace("7408122F", "7408172F");
        let r = read(&text).unwrap();
        assert!(!r.valid);
        assert_eq!(r.surname, "ERIKSSON");

        let text = CNI_1988.replace("6512068F", "6512098F");
        let r = read(&text).unwrap();
        assert_eq!(r.format, MrzFormat::FrenchId1988);
        assert!(!r.valid);
        assert_eq!(r.surname, "BERTHIER");
    }

    #[test]
    fn lines_run_together_or_cut_in_two_are_found() {
        let text = CNI_1988.replace('\n', "");
        assert!(read(&text).unwrap().valid);

        let text = ERIKSSON_TD3.replace('\n', " ");
        assert!(read(&text).unwrap().valid);

        let text = "P<UTOERIKSSON<<ANNA<MARIA\n<<<<<<<<<<<<<<<<<<<\n\
                    L898902C36UTO7408122F1204159ZE184226B<<<<<10";
        let r = read(text).unwrap();
        assert!(r.valid);
        assert_eq!(r.given_names, ["ANNA", "MARIA"]);
    }

    #[test]
    fn two_digit_years_birth_in_the_past_expiry_up_to_twenty_years_ahead() {
        let r = read(ERIKSSON_TD3).unwrap();
        assert_eq!(
            (r.birth_date, r.expiry_date),
            (Some((1974, 8, 12)), Some((2012, 4, 15)))
        );
        // Read in 2000, the same card expires in 2012 and its holder was born in 1974; read in
        // 2100, it expired in 2112 (within 20 years) and its holder was born in 2074.
        let r = find_as_of(ERIKSSON_TD3, 2000).unwrap();
        assert_eq!(
            (r.birth_date, r.expiry_date),
            (Some((1974, 8, 12)), Some((2012, 4, 15)))
        );
        let r = find_as_of(ERIKSSON_TD3, 2100).unwrap();
        assert_eq!(
            (r.birth_date, r.expiry_date),
            (Some((2074, 8, 12)), Some((2112, 4, 15)))
        );
        assert_eq!(ymd(47, 1, 1, 2046), Some((1947, 1, 1)));
        assert_eq!(ymd(46, 1, 1, 2046), Some((2046, 1, 1)));
        assert_eq!(ymd(26, 1, 1, 2026), Some((2026, 1, 1)));
        assert_eq!(ymd(27, 1, 1, 2026), Some((1927, 1, 1)));
    }

    #[test]
    fn ordinary_text_has_no_zone() {
        let page = "AVIS D'IMPOT 2024 SUR LES REVENUS DE L'ANNEE 2023\n\
                    Direction generale des Finances publiques\n\
                    Numero fiscal : 12 34 567 890 123\n\
                    Revenu fiscal de reference : 24 300 €\n\
                    <<< Retour   Page 1/2 >>>\n\
                    CARTE NATIONALE D'IDENTITE N° 880692310285\n";
        assert_eq!(read(page), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn a_zone_with_too_much_missing_is_not_reported() {
        // Only line 1 of a passport: no check digit to go by.
        assert_eq!(read("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"), None);
        // Line 2 of the French card alone.
        assert_eq!(read("8806923102858CORINNE<<<<<<<6512068F6"), None);
    }

    #[test]
    fn filler_noise_is_cleaned_but_names_are_kept() {
        assert_eq!(
            clean_fillers("P<GBRPUDARSAN<<HENERT<<<<K<<LERELERLELEELEEE"),
            "P<GBRPUDARSAN<<HENERT<<<<<<<<<<<<<<<<<<<<<<<"
        );
        assert_eq!(clean_fillers("KIM<<LEE<<<<"), "KIM<<LEE<<<<");
        assert_eq!(
            clean_fillers("I<UTOERIKSSON<<ANNAKMARIA<K<K<K<<K<<<<<<"),
            "I<UTOERIKSSON<<ANNAKMARIA<<<<<<<<<<<<<<<"
        );
        assert_eq!(
            clean_fillers("VCFRASPECIMEN<<SPECIMEN<<<<<<<<<<LE<"),
            "VCFRASPECIMEN<<SPECIMEN<<<<<<<<<<<<<"
        );
        assert_eq!(
            clean_fillers("IDFRADAMBARD<<<<<KK<<<<<<<<<<<075025"),
            "IDFRADAMBARD<<<<<<<<<<<<<<<<<<075025"
        );
        // Fields after fillers that are not names: optional data, check digits.
        assert_eq!(
            clean_fillers("7906123F1401073SEN<<<<<<<<<<<6"),
            "7906123F1401073SEN<<<<<<<<<<<6"
        );
        assert_eq!(
            clean_fillers("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"),
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
        );
        assert_eq!(clean_fillers("MARTIN<<MICHELLE"), "MARTIN<<MICHELLE");
        // One letter at the end may be a check digit read badly: left for the check to judge.
        assert_eq!(clean_fillers("<<<<<<<<C"), "<<<<<<<<C");
    }

    /// Reads the identity documents among the shared specimens with Debian's `tesseract`, in
    /// each of the ways a caller might run it, and prints what [`find`] makes of each reading.
    /// Needs `tesseract` (with `fra`) and `pdftoppm`; the specimens stay where they are
    /// (`SPECIMENS_DIR`, by default `../shared/specimens/documents` beside the work tree).
    /// `cargo test --release -p classifier mrz::tests::specimens -- --ignored --nocapture`;
    /// `MRZ_SPECIMEN=<part of a file name>` reads only those, `MRZ_SHOW_TEXT=1` prints the OCR.
    #[test]
    #[ignore = "needs tesseract and the shared specimens"]
    fn specimens_read_by_tesseract() {
        use std::path::{Path, PathBuf};
        use std::process::Command;

        let dir = std::env::var_os("SPECIMENS_DIR").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specimens/documents"),
            PathBuf::from,
        );
        let scratch = std::env::temp_dir().join(format!("mrz-specimens-{}", std::process::id()));
        std::fs::create_dir_all(&scratch).unwrap();
        // (file, what a valid reading must say: format and surname; None where no zone is legible)
        let specimens: [(&str, Option<(&str, &str)>); 13] = [
            (
                "konstantint+PassportEye/passport-td3.jpg",
                Some(("td3", "ERIKSSON")),
            ),
            (
                "konstantint+PassportEye/passport-td2.jpg",
                Some(("td2", "ERIKSSON")),
            ),
            (
                "konstantint+PassportEye/43_pass-fra.jpg",
                Some(("td3", "ULYSSE")),
            ),
            (
                "mindee+client-lib-test-data/passport/default_sample.jpg",
                Some(("td3", "PUDARSAN")),
            ),
            (
                "mindee+client-lib-test-data/idcard_fr/default_sample.jpg",
                None,
            ),
            ("mindee+client-lib-test-data/idcard_fr/new_sample.jpg", None),
            (
                "Arg0s1080+mrz/resident_cards/France.png",
                Some(("td1", "MARTIN")),
            ),
            ("Arg0s1080+mrz/visas/France.png", Some(("td2", "SPECIMEN"))),
            ("MTES-MCT+dossierfacile-backend/CNI.jpg", None),
            ("MTES-MCT+dossierfacile-backend/CNI_rotated.jpeg", None),
            ("MTES-MCT+dossierfacile-backend/CNIHorizontale.jpg", None),
            ("MTES-MCT+dossierfacile-backend/landscapeid.pdf", None),
            ("MTES-MCT+dossierfacile-backend/landscapeid2.pdf", None),
        ];
        let whitelist = format!("tessedit_char_whitelist={MRZ_WHITELIST}");
        let fra = ["-l", "fra"];
        let fra6 = ["-l", "fra", "--psm", "6"];
        let wl6 = ["-l", "fra", "--psm", "6", "-c", &whitelist];
        let wl4 = ["-l", "fra", "--psm", "4", "-c", &whitelist];
        // (what is read, Tesseract's arguments): 0 the page, 1 its bottom third, 2 that third
        // enlarged twice.
        let settings: [(&str, usize, &[&str]); 8] = [
            ("page, psm 3", 0, &fra),
            ("page, psm 6, whitelist", 0, &wl6),
            ("bottom third, psm 6", 1, &fra6),
            ("bottom third, psm 6, whitelist", 1, &wl6),
            ("bottom third, psm 4, whitelist", 1, &wl4),
            ("bottom third x2, psm 6", 2, &fra6),
            ("bottom third x2, psm 6, whitelist", 2, &wl6),
            ("bottom third x2, psm 4, whitelist", 2, &wl4),
        ];
        let mut wrong = Vec::new();
        let only = std::env::var("MRZ_SPECIMEN").unwrap_or_default();
        let show_text = std::env::var_os("MRZ_SHOW_TEXT").is_some();
        for (file, expected) in specimens.into_iter().filter(|(f, _)| f.contains(&only)) {
            let path = dir.join(file);
            let image = if file.ends_with(".pdf") {
                let prefix = scratch.join("page");
                let status = Command::new("pdftoppm")
                    .args(["-r", "300", "-png", "-singlefile"])
                    .arg(&path)
                    .arg(&prefix)
                    .status()
                    .expect("pdftoppm");
                assert!(status.success(), "pdftoppm {file}");
                image::open(prefix.with_extension("png"))
                    .unwrap()
                    .to_luma8()
            } else {
                image::open(&path).unwrap().to_luma8()
            };
            // Upside down only where the scan is: Tesseract reads nothing turned.
            let turns: &[bool] = if file.contains("rotated") || file.contains("landscapeid2") {
                &[false, true]
            } else {
                &[false]
            };
            for &turned in turns {
                let page = if turned {
                    image::imageops::rotate180(&image)
                } else {
                    image.clone()
                };
                let (w, h) = page.dimensions();
                let band =
                    image::imageops::crop_imm(&page, 0, h * 2 / 3, w, h - h * 2 / 3).to_image();
                let band2 = image::imageops::resize(
                    &band,
                    band.width() * 2,
                    band.height() * 2,
                    image::imageops::FilterType::CatmullRom,
                );
                let pngs = ["page-in.png", "band-in.png", "band2-in.png"].map(|n| scratch.join(n));
                page.save(&pngs[0]).unwrap();
                band.save(&pngs[1]).unwrap();
                band2.save(&pngs[2]).unwrap();
                for (name, region, args) in &settings {
                    let out = Command::new("tesseract")
                        .arg(&pngs[*region])
                        .arg("-")
                        .args(*args)
                        .env("OMP_THREAD_LIMIT", "1")
                        .output()
                        .expect("tesseract");
                    let text = String::from_utf8_lossy(&out.stdout);
                    if show_text {
                        eprintln!("{text}");
                    }
                    let reading = find(&text);
                    let verdict = match &reading {
                        Some(r) => format!(
                            "{} {} valid={} {:?} {:?} born {:?} expires {:?}",
                            r.format.as_str(),
                            r.document_code,
                            r.valid,
                            r.surname,
                            r.given_names,
                            r.birth_date,
                            r.expiry_date
                        ),
                        None => "none".to_string(),
                    };
                    let turn = if turned { "turned 180°" } else { "upright" };
                    eprintln!("{file} | {turn} | {name} | {verdict}");
                    if let Some(r) = reading.filter(|r| r.valid) {
                        if expected != Some((r.format.as_str(), r.surname.as_str())) {
                            wrong.push(format!("{file} {turn} {name}: {verdict}"));
                        }
                    }
                }
            }
        }
        let _ = std::fs::remove_dir_all(&scratch);
        assert!(
            wrong.is_empty(),
            "valid readings that say the wrong thing: {wrong:#?}"
        );
    }

    /// Every single cell of line 2 misread as every other character: whatever is returned as
    /// valid never carries dates other than the printed ones. (A filler weighs as much as a 0, so
    /// `74<812` is a valid, partly unknown birth date: no date, but never another one.)
    #[test]
    fn one_misread_cell_never_gives_other_dates() {
        let zones = [
            (ERIKSSON_TD3, Some((1974, 8, 12)), Some((2012, 4, 15))),
            (ERIKSSON_TD1, Some((1974, 8, 12)), Some((2012, 4, 15))),
            (CNI_1988, Some((1965, 12, 6)), None),
        ];
        for (zone, birth, expiry) in zones {
            let lines: Vec<&str> = zone.lines().collect();
            for at in 0..lines[1].len() {
                for glyph in MRZ_WHITELIST.chars() {
                    let mut line2: Vec<char> = lines[1].chars().collect();
                    line2[at] = glyph;
                    let mut damaged = lines.clone();
                    let line2: String = line2.into_iter().collect();
                    damaged[1] = &line2;
                    let Some(r) = read(&damaged.join("\n")).filter(|r| r.valid) else {
                        continue;
                    };
                    assert!(
                        r.birth_date.is_none() || r.birth_date == birth,
                        "{line2}: {r:?}"
                    );
                    assert!(
                        r.expiry_date.is_none() || r.expiry_date == expiry,
                        "{line2}: {r:?}"
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn find_never_panics(text in "\\PC{0,300}") {
            let _ = find_as_of(&text, TODAY);
        }

        #[test]
        fn find_never_panics_on_zone_like_text(
            text in "[A-Z0-9<«k( \n]{0,200}",
            year in 1900i32..2200,
        ) {
            let _ = find_as_of(&text, year);
        }

    }
}
