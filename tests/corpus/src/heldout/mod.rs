//! Held-out templates: a second, independent set of renderers for every type of the plan de
//! classement and for the cover page (attestation d'enregistrement / de renouvellement).
//!
//! **Who wrote it and the rule.** This module was written by a separate helper session, as an
//! "independent hand", from general knowledge of real French paperwork (CAF and MSA
//! attestations, payslips of several payroll tools, DGFiP notices, France Travail letters,
//! bailleurs' notices and leases, notaires, mairies, préfectures, tribunals, MDPH, doctors,
//! universities, employers, HLM guichets). It was written **without reading the classifier**
//! (its lexicon and cover reader) and without copying the wordings of the usual templates in
//! `corpus/pieces` and `corpus/cover.rs`: issuers, titles, layouts and vocabulary are its own.
//!
//! Its purpose is to measure how the pipeline generalises to documents it was not built
//! against. **Never tune the classifier on it**: do not add its wordings to the lexicon, do not
//! look at its pages while adjusting rules or thresholds. A held-out set that the classifier
//! has been fitted to measures nothing. If the classifier needs new vocabulary, take it from
//! real documents or from the usual templates, and keep this set as the exam.
//!
//! Switched on by `CorpusOptions::heldout` (`gen-corpus --heldout`): the batch structure, the
//! truth and the registry are the same as for the usual templates; only the drawing changes.

mod couverture;
mod famille;
mod identite;
mod justice;
mod logement;
mod ressources;
mod sante;
mod travail;

use chrono::{Datelike, NaiveDate};

use super::data::{self, Foyer, Person, Sexe};
use super::doc::{Al, Block, Doc, Footer, PH, R};
use super::raster::F;

/// A piece template: draws every page of one document for the household.
pub(crate) type Tpl = fn(&mut Doc, &Foyer);

/// A cover template: `renouv` for an attestation de renouvellement, `unreadable` when the
/// number must be made illegible (blacked out, scribbled over).
pub(crate) type CoverTpl = fn(&mut Doc, &Foyer, bool, bool);

/// The held-out templates of a type code (empty for a code this set does not know).
pub(crate) fn templates(code: &str) -> &'static [Tpl] {
    match code {
        "CID" => identite::CID,
        "CIDC" => identite::CIDC,
        "TSJ" => identite::TSJ,
        "TSJC" => identite::TSJC,
        "CETU" => identite::CETU,
        "LIVF" => famille::LIVF,
        "ACNE" => famille::ACNE,
        "GROS" => sante::GROS,
        "JUGG" => justice::JUGG,
        "CTRAV" => travail::CTRAV,
        "ATFOR" => travail::ATFOR,
        "ATPE" => travail::ATPE,
        "MUTPRO" => travail::MUTPRO,
        "AVIS" => ressources::AVIS,
        "FPAIE" => ressources::FPAIE,
        "CAF" => ressources::CAF,
        "PENS" => ressources::PENS,
        "ARE" => ressources::ARE,
        "JUSTL" => logement::JUSTL,
        "BAIL" => logement::BAIL,
        "HEBERG" => logement::HEBERG,
        "EXPUL" => justice::EXPUL,
        "INDEC" => logement::INDEC,
        "VIOL" => justice::VIOL,
        "DIVOR" => justice::DIVOR,
        "CMI" => sante::CMI,
        "MDPH" => sante::MDPH,
        "CERTMED" => sante::CERTMED,
        "NOTE" => famille::NOTE,
        _ => &[],
    }
}

/// The held-out cover templates.
pub(crate) fn cover_templates() -> &'static [CoverTpl] {
    couverture::COVERS
}

/// Renders page `d.target` of a piece of type `code` with one of its held-out templates.
pub(crate) fn render_piece(d: &mut Doc, f: &Foyer, code: &str) {
    let list = templates(code);
    if list.is_empty() {
        let p = &f.demandeur;
        let t = format!("Pièce {code}");
        heading(d, &t, 15.0);
        d.para(&format!("Concerne : {} {}", p.prenom, p.nom));
    } else {
        let i = d.int(0, list.len() as i64 - 1) as usize;
        list[i](d, f);
    }
    d.finish();
}

/// Renders a held-out cover page.
pub(crate) fn render_cover(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let list = cover_templates();
    let i = d.int(0, list.len() as i64 - 1) as usize;
    list[i](d, f, renouv, unreadable);
}

// ---------------------------------------------------------------------------------------------
// People

/// The spouse (or the applicant when there is none).
pub(crate) fn spouse(f: &Foyer) -> &Person {
    f.conjoint.as_ref().unwrap_or(&f.demandeur)
}

/// The woman of the couple (for pregnancy documents).
pub(crate) fn mother(f: &Foyer) -> &Person {
    if f.demandeur.sexe == Sexe::F {
        &f.demandeur
    } else {
        f.conjoint.as_ref().unwrap_or(&f.demandeur)
    }
}

/// Records that the document is about `p` (another member than the applicant) and returns it.
pub(crate) fn held<'p>(d: &mut Doc, p: &'p Person) -> &'p Person {
    d.subject = Some(p.clone());
    p
}

/// A child of the household (the applicant when there is none).
pub(crate) fn child(d: &Doc, f: &Foyer) -> Person {
    if f.enfants.is_empty() {
        f.demandeur.clone()
    } else {
        f.enfants[d.int(0, f.enfants.len() as i64 - 1) as usize].clone()
    }
}

/// A third party (landlord, host, judge, doctor, witness…).
pub(crate) fn stranger(d: &Doc, sexe: Option<Sexe>, born: (i32, i32)) -> Person {
    let mut r = d.r();
    data::person(&mut *r, None, sexe, born)
}

/// `Prénom NOM`.
pub(crate) fn pn(p: &Person) -> String {
    format!("{} {}", p.prenom, p.nom)
}

/// `NOM Prénom`.
pub(crate) fn np(p: &Person) -> String {
    format!("{} {}", p.nom, p.prenom)
}

/// The holder's name in one of the forms documents use.
pub(crate) fn any_name(d: &Doc, p: &Person) -> String {
    match d.int(0, 4) {
        0 => pn(p),
        1 => np(p),
        2 => format!("{} {} {}", p.civ_court(), p.prenom, p.nom),
        3 => format!("{} {} {}", p.civilite(), p.nom, p.prenom),
        _ => format!("{} {}", p.nom, p.prenoms()),
    }
}

/// A family name in title case (`Dupont`).
pub(crate) fn tc(s: &str) -> String {
    data::titlecase(s)
}

/// "Docteur"-style name of a random practitioner: `Prénom Nom`.
pub(crate) fn practitioner(d: &Doc) -> (String, Sexe) {
    let p = stranger(d, None, (1955, 1992));
    (format!("{} {}", p.prenom, tc(&p.nom)), p.sexe)
}

pub(crate) fn tel(d: &Doc) -> String {
    format!(
        "0{} {} {} {} {}",
        d.pick(&[1, 2, 3, 4, 5, 9]),
        d.digits(2),
        d.digits(2),
        d.digits(2),
        d.digits(2)
    )
}

pub(crate) fn date_in(d: &Doc, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let mut r = d.r();
    data::date_between(&mut *r, from, to.max(from + chrono::Duration::days(1)))
}

/// A recent date, `lo`–`hi` days before the pli's "today".
pub(crate) fn days_ago(d: &Doc, f: &Foyer, lo: i64, hi: i64) -> NaiveDate {
    f.today - chrono::Duration::days(d.int(lo, hi))
}

/// A commune of the applicant's département (or the applicant's own).
pub(crate) fn nearby(d: &Doc, f: &Foyer) -> data::Commune {
    let same: Vec<&data::Commune> = data::COMMUNES
        .iter()
        .filter(|c| c.dep == f.adresse.commune.dep)
        .collect();
    if same.is_empty() || d.chance(0.3) {
        f.adresse.commune
    } else {
        *same[d.int(0, same.len() as i64 - 1) as usize]
    }
}

/// Street address in a commune.
pub(crate) fn street(d: &Doc) -> String {
    format!(
        "{} {}",
        d.int(1, 160),
        d.pick(&[
            "rue Jean Moulin",
            "place de l'Hôtel de Ville",
            "boulevard de la Liberté",
            "rue du 8 Mai 1945",
            "avenue Aristide Briand",
            "quai de la Loire",
            "rue Gambetta",
            "cours Lafayette",
            "rue Paul Bert",
            "allée des Platanes",
            "rue Pierre Sémard",
            "avenue de la Gare",
            "impasse des Vignes",
            "rue Louise Michel",
        ])
    )
}

// ---------------------------------------------------------------------------------------------
// Numbers and dates in words (civil status deeds, bailiffs' acts)

const UNITS: [&str; 17] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize",
];

/// A number in French words (0–9999), 1990 spelling with hyphens for tens.
pub(crate) fn words(n: u32) -> String {
    match n {
        0..=16 => UNITS[n as usize].to_string(),
        17..=19 => format!("dix-{}", UNITS[(n - 10) as usize]),
        20..=99 => {
            let t = n / 10;
            let u = n % 10;
            let tens = [
                "",
                "",
                "vingt",
                "trente",
                "quarante",
                "cinquante",
                "soixante",
                "soixante",
                "quatre-vingt",
                "quatre-vingt",
            ];
            let base = tens[t as usize];
            if t == 7 || t == 9 {
                if t == 7 && u == 1 {
                    "soixante et onze".to_string()
                } else {
                    format!("{base}-{}", words(10 + u))
                }
            } else if u == 0 {
                if t == 8 {
                    "quatre-vingts".to_string()
                } else {
                    base.to_string()
                }
            } else if u == 1 && t != 8 {
                format!("{base} et un")
            } else {
                format!("{base}-{}", UNITS[u as usize])
            }
        }
        100..=999 => {
            let c = n / 100;
            let r = n % 100;
            let head = if c == 1 {
                "cent".to_string()
            } else {
                format!("{} cent", UNITS[c as usize])
            };
            match (r, c) {
                (0, 1) => head,
                (0, _) => head + "s",
                _ => format!("{head} {}", words(r)),
            }
        }
        _ => {
            let m = n / 1000;
            let r = n % 1000;
            let head = if m == 1 {
                "mille".to_string()
            } else {
                format!("{} mille", words(m))
            };
            if r == 0 {
                head
            } else {
                format!("{head} {}", words(r))
            }
        }
    }
}

/// `dix-sept mars deux mille dix-neuf` (`premier` for the 1st).
pub(crate) fn date_words(d: NaiveDate) -> String {
    let day = if d.day() == 1 {
        "premier".to_string()
    } else {
        words(d.day())
    };
    format!(
        "{} {} {}",
        day,
        data::MOIS[d.month0() as usize],
        words(d.year() as u32)
    )
}

/// `14 h 05` or `quatorze heures cinq minutes`.
pub(crate) fn hour_words(h: u32, m: u32) -> String {
    let hs = if h == 1 { "une heure" } else { "" };
    let hh = if hs.is_empty() {
        format!("{} heures", words(h))
    } else {
        hs.to_string()
    };
    if m == 0 {
        hh
    } else {
        format!("{hh} {} minutes", words(m))
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing blocks of this set

/// The State's block: a small three-band flag, `RÉPUBLIQUE FRANÇAISE` stacked, the motto, then
/// the service lines. Returns the y below it.
pub(crate) fn etat_block(d: &mut Doc, x: f32, y: f32, lines: &[&str]) -> f32 {
    let w = 7.0;
    let h = 20.0;
    d.fill(x, y, w, h, 70);
    d.rect(x + w, y, w, h, 0.4);
    d.fill(x + 2.0 * w, y, w, h, 140);
    let b = F::SansB;
    d.text(x, y + h + 10.0, b, 8.0, "RÉPUBLIQUE");
    d.text(x, y + h + 19.0, b, 8.0, "FRANÇAISE");
    let mut yy = y + h + 28.0;
    if d.chance(0.8) {
        for m in ["Liberté", "Égalité", "Fraternité"] {
            d.text(x, yy, F::Serif, 6.0, m);
            yy += 7.0;
        }
    }
    yy += 6.0;
    for (i, l) in lines.iter().enumerate() {
        let (fo, s) = if i == 0 {
            (F::SansB, 8.5)
        } else {
            (F::Sans, 7.5)
        };
        d.text(x, yy, fo, s, l);
        yy += s + 2.5;
    }
    yy + 4.0
}

/// An organisation's logo: a dark square with white initials and the name beside it.
pub(crate) fn logo(d: &mut Doc, x: f32, y: f32, initials: &str, name: &str, tagline: &str) -> R {
    let s = d.real(26.0, 36.0);
    let shade = d.int(20, 90) as u8;
    let round = d.chance(0.5);
    if round {
        d.fill_ellipse(x + s / 2.0, y + s / 2.0, s / 2.0, s / 2.0, shade);
    } else {
        d.fill(x, y, s, s, shade);
    }
    let fs = (s * 0.9 / initials.chars().count().max(2) as f32).clamp(6.0, 15.0);
    let iw = d.measure(F::SansB, fs, initials);
    d.text_ink(
        x + (s - iw) / 2.0,
        y + s / 2.0 + fs * 0.36,
        F::SansB,
        fs,
        initials,
        255,
    );
    let r1 = d.text(x + s + 7.0, y + s * 0.5, F::SansB, 12.0, name);
    let r2 = d.text(x + s + 7.0, y + s * 0.5 + 11.0, F::Sans, 7.5, tagline);
    R {
        x,
        y,
        w: s + 7.0 + r1.w.max(r2.w),
        h: s,
    }
}

/// Address lines in small type at `(x, y)`; returns the y below.
pub(crate) fn lines_at(d: &mut Doc, x: f32, y: f32, size: f32, lines: &[String]) -> f32 {
    let mut yy = y;
    let font = d.font;
    for l in lines {
        d.text(x, yy + size, font, size, l);
        yy += size * 1.3;
    }
    yy
}

/// The addressee in the window-envelope position (right half); moves the cursor below.
pub(crate) fn window(d: &mut Doc, p: &Person, f: &Foyer, caps: bool) {
    let x = d.x0 + (d.x1 - d.x0) * d.real(0.48, 0.56);
    let y0 = d.y.max(d.top + d.real(85.0, 120.0));
    let mut lines = vec![if caps {
        format!(
            "{} {} {}",
            p.civilite().to_uppercase(),
            p.nom,
            p.prenom.to_uppercase()
        )
    } else {
        format!("{} {} {}", p.civilite(), p.prenom, p.nom)
    }];
    if let Some(c) = &f.adresse.complement {
        lines.push(c.clone());
    }
    lines.push(f.adresse.ligne.clone());
    lines.push(f.adresse.ville_ligne());
    let size = d.size + 0.5;
    let y = lines_at(d, x, y0, size, &lines);
    d.y = y + 18.0;
}

/// `Ville, le 3 mars 2025` (several forms), aligned left or right.
pub(crate) fn place_date(d: &mut Doc, ville: &str, date: NaiveDate) {
    let s = match d.int(0, 4) {
        0 => format!("{}, le {}", ville, data::d_long(date)),
        1 => format!("À {}, le {}", ville, data::d_long(date)),
        2 => format!("Le {}", data::d_slash(date)),
        3 => format!("{} le {}", ville, data::d_slash(date)),
        _ => format!("Établi à {} le {}", ville, data::d_long(date)),
    };
    let al = if d.chance(0.6) { Al::Rt } else { Al::L };
    let (f, s2) = (d.font, d.size);
    d.line_al(al, f, s2, &s);
    d.gap(4.0);
}

/// Signature: quality and name, a scribble, sometimes a stamp with the given lines.
pub(crate) fn signed(d: &mut Doc, quality: &str, name: &str, stamp: &[&str]) {
    d.gap(8.0);
    let x = if d.chance(0.75) {
        d.x1 - d.real(170.0, 230.0)
    } else {
        d.x0 + 10.0
    };
    let (font, size) = (d.font, d.size);
    if !quality.is_empty() {
        for l in d.wrap(font, size, quality, 220.0) {
            d.line_at(x, font, size, &l);
        }
    }
    let y = d.y;
    d.signature(x + 5.0, y, d.real(80.0, 130.0), 32.0);
    if !stamp.is_empty() && d.chance(0.55) {
        let cx = x + d.real(110.0, 160.0);
        let r = d.real(26.0, 34.0);
        if d.chance(0.5) {
            d.stamp(cx, y + 16.0, r, stamp);
        } else {
            stamp_box(d, cx - 60.0, y - 4.0, stamp);
        }
    }
    d.y = y + 36.0;
    if !name.is_empty() {
        let b = d.bold;
        d.line_at(x, b, size, name);
    }
}

/// A rectangular rubber stamp (double frame, faded ink).
pub(crate) fn stamp_box(d: &mut Doc, x: f32, y: f32, lines: &[&str]) {
    let v = d.int(80, 150) as u8;
    let size = 7.0;
    let w = lines
        .iter()
        .map(|l| d.measure(F::SansB, size, l))
        .fold(0.0f32, f32::max)
        + 14.0;
    let h = lines.len() as f32 * size * 1.3 + 8.0;
    let save = d.ink;
    d.ink = v;
    d.rect(x, y, w, h, 1.1);
    d.rect(x + 2.5, y + 2.5, w - 5.0, h - 5.0, 0.5);
    for (i, l) in lines.iter().enumerate() {
        let lw = d.measure(F::SansB, size, l);
        d.text_ink(
            x + (w - lw) / 2.0,
            y + 4.0 + (i as f32 + 1.0) * size * 1.3 - 2.0,
            F::SansB,
            size,
            l,
            v,
        );
    }
    d.ink = save;
}

/// A heading line of the given size in the bold face, aligned by chance; with a rule or a box.
pub(crate) fn heading(d: &mut Doc, t: &str, size: f32) -> R {
    d.gap(d.size * 0.5);
    let b = d.bold;
    let r = match d.int(0, 4) {
        0 | 1 => d.line_al(Al::C, b, size, t),
        2 => d.line_al(Al::L, b, size, t),
        3 => {
            let r = d.line_al(Al::C, b, size, t);
            d.hline(d.x0, d.x1, r.y + r.h + 3.0, 1.2);
            d.gap(6.0);
            r
        }
        _ => {
            let r = d.line_al(Al::C, b, size, t);
            let x0 = d.x0;
            let w = d.x1 - d.x0;
            d.rect(x0, r.y - 7.0, w, r.h + 13.0, 0.9);
            d.gap(6.0);
            r
        }
    };
    d.gap(d.size * 0.7);
    r
}

/// A grey band across the text width with a bold label (form section).
pub(crate) fn band(d: &mut Doc, label: &str) {
    let h = d.size + 6.0;
    let (x0, x1, y) = (d.x0, d.x1, d.y);
    let shade = d.int(195, 225) as u8;
    d.tint(x0, y, x1 - x0, h, shade);
    let b = d.bold;
    let size = d.size;
    d.text(x0 + 4.0, y + h - 4.5, b, size, label);
    d.y = y + h + 5.0;
}

/// Reference lines (`label : value`) in a smaller type.
pub(crate) fn refs_line(d: &mut Doc, items: &[(&str, &str)]) {
    let font = d.font;
    let size = (d.size - 1.5).max(7.5);
    for (k, v) in items {
        let x = d.x0;
        d.kv_f(x, &format!("{k} :"), v, 0.0, font, font, size);
    }
    d.gap(4.0);
}

/// A small-print paragraph.
pub(crate) fn small(d: &mut Doc, s: &str) {
    let (x, w, f) = (d.x0, d.x1 - d.x0, d.font);
    let size = (d.size - 2.5).max(6.5);
    d.para_in(x, w, f, size, s);
    d.gap(2.0);
}

/// One character per box (forms): returns the width used.
pub(crate) fn comb(d: &mut Doc, x: f32, y: f32, s: &str, cell: f32, f: F) -> f32 {
    let mut cx = x;
    let size = cell * 0.72;
    for c in s.chars() {
        d.rect(cx, y, cell, cell * 1.15, 0.45);
        if c != ' ' {
            let t = c.to_string();
            let w = d.measure(f, size, &t);
            d.text(cx + (cell - w) / 2.0, y + cell * 0.88, f, size, &t);
        }
        cx += cell;
    }
    cx - x
}

/// A labelled box: small label at the top left, the value below it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn field(d: &mut Doc, x: f32, y: f32, w: f32, h: f32, label: &str, value: &str) {
    d.rect(x, y, w, h, 0.5);
    let font = d.font;
    d.text(x + 3.0, y + 7.5, font, 6.3, label);
    let b = d.bold;
    let mut size = (h - 10.0).clamp(7.0, 10.5);
    while size > 6.0 && d.measure(b, size, value) > w - 6.0 {
        size -= 0.5;
    }
    d.text(x + 4.0, y + h - 4.0, b, size, value);
}

/// Label/value pairs in two columns.
pub(crate) fn kv_cols(d: &mut Doc, pairs: &[(String, String)], tab: f32) {
    let half = (d.x1 - d.x0) / 2.0;
    let (font, b, size) = (d.font, d.bold, d.size);
    let y0 = d.y;
    let rows = pairs.len().div_ceil(2);
    for (i, (k, v)) in pairs.iter().enumerate() {
        let col = i / rows;
        let row = i % rows;
        d.y = y0 + row as f32 * size * d.lh;
        let x = d.x0 + col as f32 * half;
        let lw = d.measure(font, size, k);
        let avail = half - tab.max(lw + 5.0) - 6.0;
        let mut vs = size;
        while vs > 6.5 && d.measure(b, vs, v) > avail {
            vs -= 0.5;
        }
        let mut v = v.clone();
        while v.chars().count() > 4 && d.measure(b, vs, &v) > avail {
            v = v.chars().take(v.chars().count() - 2).collect::<String>();
        }
        let base = d.y + size * 0.95;
        d.text(x, base, font, size, k);
        let vx = if tab > lw + 4.0 {
            x + tab
        } else {
            x + lw + 5.0
        };
        d.text(vx, base, b, vs, &v);
    }
    d.y = y0 + rows as f32 * size * d.lh + 4.0;
}

/// A pseudo QR code (finder squares and random modules).
pub(crate) fn qr(d: &mut Doc, x: f32, y: f32, s: f32) {
    let n = 25;
    let m = s / n as f32;
    for i in 0..n {
        for j in 0..n {
            let finder = |a: usize, b: usize| a < 7 && b < 7;
            let in_f = finder(i, j) || finder(n - 1 - i, j) || finder(i, n - 1 - j);
            if in_f {
                continue;
            }
            if d.chance(0.48) {
                d.fill(x + i as f32 * m, y + j as f32 * m, m, m, 15);
            }
        }
    }
    for (fx, fy) in [(0, 0), (n - 7, 0), (0, n - 7)] {
        let (ax, ay) = (x + fx as f32 * m, y + fy as f32 * m);
        d.fill(ax, ay, 7.0 * m, 7.0 * m, 15);
        d.fill(ax + m, ay + m, 5.0 * m, 5.0 * m, 255);
        d.fill(ax + 2.0 * m, ay + 2.0 * m, 3.0 * m, 3.0 * m, 15);
    }
}

/// A 1-D barcode of random bars.
pub(crate) fn barcode(d: &mut Doc, x: f32, y: f32, w: f32, h: f32) {
    let mut cx = x;
    while cx < x + w {
        let bw = d.pick(&[0.6f32, 0.6, 1.2, 1.8]);
        if d.chance(0.55) {
            d.fill(cx, y, bw, h, 10);
        }
        cx += bw + 0.6;
    }
}

/// A card (ID-1 format, scaled) photocopied on the page: outline, light ground.
pub(crate) fn card(d: &mut Doc, x: f32, y: f32, w: f32, h: f32) {
    let ground = d.int(215, 245) as u8;
    d.tint(x, y, w, h, ground);
    d.rect(x, y, w, h, 0.8);
}

/// Machine-readable zone lines in the monospaced face.
pub(crate) fn mrz(d: &mut Doc, x: f32, y: f32, size: f32, lines: &[String]) {
    let mut yy = y;
    for l in lines {
        d.text(x, yy, F::MonoB, size, l);
        yy += size * 1.35;
    }
}

/// `NOM<<PRENOM<AUTRE` padded with `<` to `n`.
pub(crate) fn mrz_names(p: &Person, n: usize) -> String {
    let mut s = format!(
        "{}<<{}",
        data::mrz_name(&p.nom),
        data::mrz_name(&p.prenoms().replace(", ", " "))
    );
    s = s.replace(' ', "<");
    data::pad(&s, n)
}

/// Ruled school paper (Seyès): faint lines and a margin, for handwritten letters.
pub(crate) fn seyes(d: &mut Doc) {
    let step = 8.0 * 2.835 / 4.0;
    let mut y = 40.0;
    let mut i = 0;
    while y < PH - 20.0 {
        let v = if i % 4 == 0 { 150 } else { 195 };
        d.fill(0.0, y, 595.0, 0.5, v);
        y += step;
        i += 1;
    }
    d.fill(d.x0 - 12.0, 0.0, 0.5, PH, 150);
}

/// A line of "handwriting": the serif face with a wandering baseline and uneven ink.
pub(crate) fn hand_line(d: &mut Doc, x: f32, base: f32, size: f32, s: &str) {
    let mut cx = x;
    let ink = d.int(30, 80) as u8;
    for w in s.split(' ') {
        let dy = d.real(-0.9, 0.9);
        let font = if d.chance(0.5) { F::Serif } else { F::Sans };
        let r = d.text_ink(cx, base + dy, font, size, w, ink);
        cx += r.w + d.measure(F::Serif, size, " ") * d.real(0.9, 1.6);
    }
}

/// A handwritten paragraph (wrapped on the ruled lines).
pub(crate) fn hand_para(d: &mut Doc, s: &str, size: f32) {
    let (x, w) = (d.x0, d.x1 - d.x0 - 10.0);
    for l in d.wrap(F::Serif, size, s, w) {
        let base = d.y + size;
        hand_line(d, x + d.real(0.0, 4.0), base, size, &l);
        d.y += size * 1.75;
    }
    d.y += size * 0.4;
}

fn block_h(d: &Doc, b: &Block) -> f32 {
    let w = d.x1 - d.x0;
    match b {
        Block::Heading(h) => {
            let n = d.wrap(d.bold, d.size + 0.5, h, w).len().max(1);
            d.size * 0.4 + n as f32 * (d.size + 0.5) * d.lh + 2.0
        }
        Block::Para(p) => {
            let n = d.wrap(d.font, d.size, p, w).len().max(1);
            n as f32 * d.size * d.lh + d.size * 0.45
        }
        Block::Kv(..) => d.size * d.lh,
        Block::Gap(g) => *g,
    }
}

/// Lays out blocks over the document's remaining pages so that every page carries text: the
/// blocks (padded with paragraphs of `filler`, each used once, inserted before the last
/// heading) are shared out in proportion to the room of each page. On the last page, blocks
/// that do not fit above the signature area are dropped.
pub(crate) fn spread(d: &mut Doc, blocks: &[Block], tab: f32, filler: &[&str]) {
    let n = d.pages.saturating_sub(d.page).max(1) as usize;
    let full = d.bottom - d.top;
    let first = (d.bottom - d.y).max(0.0);
    let mut list: Vec<&Block> = blocks.iter().collect();
    let extra: Vec<Block>;
    if n > 1 {
        let want = first * 0.8 + (n - 2) as f32 * full * 0.8 + full * 0.35;
        let mut total: f32 = list.iter().map(|b| block_h(d, b)).sum();
        let mut pool: Vec<&str> = filler.to_vec();
        let mut add = Vec::new();
        while total < want && !pool.is_empty() {
            let i = d.int(0, pool.len() as i64 - 1) as usize;
            let b = Block::Para(pool.swap_remove(i).to_string());
            total += block_h(d, &b);
            add.push(b);
        }
        extra = add;
        if !extra.is_empty() {
            let at = list
                .iter()
                .rposition(|b| matches!(b, Block::Heading(_)))
                .filter(|&i| i > 0)
                .unwrap_or(list.len().saturating_sub(1));
            let tail = list.split_off(at);
            list.extend(extra.iter());
            list.extend(tail);
        }
    }
    let heights: Vec<f32> = list.iter().map(|b| block_h(d, b)).collect();
    let total: f32 = heights.iter().sum();
    let room = first + (n - 1) as f32 * full;
    let mut quota = total * first / room.max(1.0);
    let mut used = 0.0;
    for (i, b) in list.iter().enumerate() {
        let h = heights[i];
        // a heading goes with the block that follows it
        let need = if matches!(b, Block::Heading(_)) {
            h + heights.get(i + 1).copied().unwrap_or(0.0)
        } else {
            h
        };
        let last = d.page + 1 >= d.pages;
        if !last && used > 0.0 && (used + need > quota + 4.0 || d.y + need > d.bottom) {
            d.break_page();
            used = 0.0;
            quota = total * full / room.max(1.0);
        }
        let last = d.page + 1 >= d.pages;
        if last && d.y + h > d.bottom - 70.0 {
            continue;
        }
        match b {
            Block::Heading(t) => {
                d.gap(d.size * 0.4);
                let (f, size) = (d.bold, d.size + 0.5);
                d.line_al(Al::L, f, size, t);
                d.gap(2.0);
            }
            Block::Para(p) => d.para(p),
            Block::Kv(k, v) => {
                d.kv(k, v, tab);
            }
            Block::Gap(g) => d.gap(*g),
        }
        used += h;
    }
    while d.page + 1 < d.pages {
        d.break_page();
    }
}

/// `en qualité d'agent…` / `en qualité de vendeur…` (lower-cased job title).
pub(crate) fn en_qualite(job: &str) -> String {
    let j = job.to_lowercase();
    if j.starts_with(['a', 'e', 'i', 'o', 'u', 'h', 'é', 'â', 'î']) {
        format!("en qualité d'{j}")
    } else {
        format!("en qualité de {j}")
    }
}

/// `à Rouen`, `au Havre`, `aux Abymes`.
pub(crate) fn a_ville(nom: &str) -> String {
    if let Some(rest) = nom.strip_prefix("Le ") {
        format!("au {rest}")
    } else if let Some(rest) = nom.strip_prefix("Les ") {
        format!("aux {rest}")
    } else {
        format!("à {nom}")
    }
}

/// Footer of a multi-page document (page numbers), on some documents.
pub(crate) fn pages_footer(d: &mut Doc, left: Option<String>) {
    if d.pages > 1 && d.chance(0.8) {
        d.footer = Some(Footer {
            style: d.int(0, 4) as u8,
            align: d.pick(&[Al::C, Al::Rt]),
            left,
            size: d.real(7.0, 8.5),
        });
    }
}

/// `1 234,56 €` or `1234.56 EUR` styles.
pub(crate) fn money(d: &Doc, x: f64) -> String {
    match d.int(0, 3) {
        0 => format!("{} €", data::num(x)),
        1 => format!("{} EUR", data::num(x)),
        2 => format!("{}€", data::num(x).replace(' ', ".")),
        _ => data::num(x),
    }
}

/// A random reference like `2025/004512` or `AB-12345`.
pub(crate) fn reference(d: &Doc, year: i32) -> String {
    match d.int(0, 3) {
        0 => format!("{}/{}", year, d.digits(6)),
        1 => format!("{}-{}", d.upper(2), d.digits(5)),
        2 => format!("{}{}", year % 100, d.digits(7)),
        _ => format!("{} {} {}", d.upper(1), d.digits(3), d.digits(4)),
    }
}

// ---------------------------------------------------------------------------------------------
// Filler text of this set (its own wordings), used to fill long documents.

pub(crate) const PLEAD: &[&str] = &[
    "La procédure a été introduite par acte remis au greffe ; les parties ont été avisées de la date d'audience par lettre recommandée.",
    "À l'audience, la partie demanderesse a maintenu ses demandes telles qu'exposées dans l'acte introductif d'instance, auquel il est renvoyé pour un plus ample exposé des moyens.",
    "La partie défenderesse, régulièrement avisée, a fait valoir ses observations par l'intermédiaire de son conseil et s'en est rapportée pour le surplus.",
    "Les éléments produits, dont la sincérité n'est pas discutée, établissent la réalité de la situation décrite par la partie requérante.",
    "Il n'y a pas lieu d'ordonner une mesure d'instruction complémentaire, le dossier comportant les éléments suffisants pour statuer.",
    "Compte tenu de la nature de l'affaire, chaque partie conservera la charge de ses propres dépens.",
    "Le tribunal relève que la situation a évolué depuis l'introduction de l'instance et qu'il convient d'en tenir compte au jour où il statue.",
    "Les justificatifs de ressources produits permettent d'apprécier les facultés contributives de chacune des parties.",
    "Il sera rappelé que la présente décision est exécutoire de plein droit à titre provisoire.",
    "Aucune circonstance particulière ne justifie qu'il soit dérogé aux principes ci-dessus rappelés.",
    "Le juge a recueilli les explications des parties présentes et a mis l'affaire en délibéré par mise à disposition au greffe.",
    "Les parties ont été informées qu'elles disposaient d'un délai d'un mois à compter de la signification pour interjeter appel.",
    "Le conseil de la partie requérante a déposé son dossier de plaidoirie ; l'avis du ministère public a été porté à la connaissance des parties.",
    "La juridiction observe que les parties s'accordent sur le principe de la mesure sollicitée et ne divergent que sur ses modalités.",
    "Il ressort des débats que chacune des parties a été mise en mesure de faire valoir ses observations sur l'ensemble des pièces communiquées, dans le respect du principe du contradictoire.",
    "Les pièces numérotées de 1 à 24 figurant au bordereau annexé aux dernières conclusions ont été régulièrement communiquées et ne font l'objet d'aucune contestation quant à leur recevabilité.",
    "Il convient de relever que les attestations produites, établies dans les formes prévues par l'article 202 du code de procédure civile, émanent de personnes ayant une connaissance directe des faits relatés.",
    "La situation professionnelle des parties n'a pas connu d'évolution notable depuis la précédente décision ; leurs charges incompressibles sont justifiées par les pièces versées aux débats.",
    "Le ministère public, avisé de la procédure, n'a pas formulé d'observations écrites et s'en est rapporté à la décision de la juridiction.",
    "Il n'est pas justifié d'une urgence qui commanderait d'écarter les délais de procédure de droit commun ; la demande tendant à voir abréger ces délais sera rejetée.",
    "La demande reconventionnelle, qui se rattache aux prétentions originaires par un lien suffisant, est recevable ; elle sera toutefois rejetée au fond, faute d'être justifiée.",
    "Les parties ont été invitées à présenter leurs observations sur le moyen relevé d'office ; elles ont déposé des notes en délibéré dans le délai imparti.",
    "Il résulte de l'ensemble de ces éléments que la mesure sollicitée est conforme à l'intérêt des parties et qu'il y a lieu de l'ordonner dans les termes du dispositif.",
];

/// Family cases (custody, divorce, protection).
pub(crate) const FAMILY: &[&str] = &[
    "Au regard de l'âge des enfants et de leur scolarisation dans le même établissement, il n'apparaît pas opportun de modifier le cadre de vie qui est le leur depuis la séparation.",
    "L'audition de l'enfant, sollicitée par courrier, a été réalisée par le juge assisté du greffier ; un compte rendu en a été établi et communiqué aux parties.",
    "Les frais de la procédure seront partagés par moitié entre les parties, compte tenu de la nature familiale du litige.",
    "Chacun des parents doit maintenir des relations personnelles avec l'enfant et respecter les liens de celui-ci avec l'autre parent.",
    "Les parents sont tenus de s'informer réciproquement de l'organisation de la vie de l'enfant : scolarité, santé, activités, déplacements à l'étranger.",
    "Tout changement de résidence de l'un des parents, dès lors qu'il modifie les modalités d'exercice de l'autorité parentale, doit faire l'objet d'une information préalable et en temps utile de l'autre parent.",
    "Les parties ont été informées de la possibilité de recourir à une médiation familiale ; elles ont déclaré ne pas y être opposées pour l'avenir.",
    "Le rapport de l'enquête sociale décrit un environnement adapté au domicile de chacun des parents et un enfant épanoui, bien intégré dans son école.",
];

/// Eviction cases (unpaid rent, termination of the lease).
pub(crate) const EVICTION: &[&str] = &[
    "Le décompte produit, arrêté à la date de l'audience, fait apparaître un arriéré locatif dont le montant n'est pas sérieusement contesté.",
    "Le diagnostic social et financier prévu par la loi a été transmis au greffe avant l'audience ; il fait état de ressources insuffisantes pour apurer la dette dans un délai raisonnable.",
    "Le locataire n'a pas repris le paiement intégral du loyer courant avant la date de l'audience, de sorte que des délais de paiement suspendant les effets de la clause résolutoire ne peuvent être accordés.",
    "La commission de coordination des actions de prévention des expulsions locatives a été saisie par le bailleur dans les délais légaux.",
    "L'assignation a été notifiée au représentant de l'État dans le département deux mois au moins avant l'audience, conformément à la loi du 6 juillet 1989.",
    "L'indemnité d'occupation, qui répare le préjudice subi par le bailleur du fait de l'occupation sans droit ni titre, sera fixée au montant du loyer et des charges qui auraient été dus en l'absence de résiliation.",
    "Le sort des meubles se trouvant dans les lieux sera régi conformément aux articles L. 433-1 et suivants du code des procédures civiles d'exécution.",
];

/// A bailiff's act boilerplate.
pub(crate) const BAILIFF: &[&str] = &[
    "Le présent acte a été remis selon les modalités indiquées à la dernière page ; la copie comporte le nombre de feuilles mentionné en marge.",
    "En l'absence du destinataire, l'acte a été déposé en notre étude, un avis de passage daté ayant été laissé au domicile conformément à l'article 656 du code de procédure civile.",
    "Le destinataire est informé qu'il peut bénéficier, sous conditions de ressources, de l'aide juridictionnelle, et qu'il peut s'adresser au service d'accueil unique du justiciable.",
    "Il peut également saisir le fonds de solidarité pour le logement et s'adresser au service social de sa commune ou du département.",
    "Les frais du présent acte sont à la charge du débiteur, conformément aux dispositions du code des procédures civiles d'exécution.",
];

pub(crate) const CLAUSES: &[&str] = &[
    "Le salarié s'engage à observer le règlement intérieur et les consignes d'hygiène et de sécurité en vigueur dans l'établissement.",
    "Le salarié s'engage à informer sans délai l'employeur de tout changement intervenant dans sa situation personnelle (adresse, situation familiale).",
    "Toute absence doit être justifiée dans les quarante-huit heures ; en cas de maladie, un arrêt de travail doit être transmis dans le même délai.",
    "Le salarié bénéficiera du régime de prévoyance et de la complémentaire santé obligatoires en vigueur dans l'entreprise, dont la notice lui est remise.",
    "Le salarié est tenu à une obligation de discrétion sur l'ensemble des informations dont il a connaissance à l'occasion de ses fonctions.",
    "Les frais professionnels engagés dans l'intérêt du service seront remboursés sur présentation des justificatifs, selon le barème en vigueur.",
    "Les parties pourront rompre le contrat dans les conditions prévues par le code du travail et la convention collective applicable.",
    "Le salarié déclare être libre de tout engagement envers un précédent employeur et n'être lié par aucune clause de non-concurrence.",
    "Les horaires de travail sont ceux affichés dans l'établissement ; ils pourront être modifiés en fonction des nécessités du service.",
    "Une visite d'information et de prévention sera organisée auprès du service de prévention et de santé au travail.",
    "Le salarié bénéficie des droits à la formation professionnelle prévus par le code du travail ; un entretien professionnel est organisé tous les deux ans.",
    "Les heures supplémentaires éventuellement effectuées à la demande de l'employeur donnent lieu à majoration ou à repos compensateur selon la réglementation en vigueur.",
    "Le salarié s'engage à restituer, à la fin de son contrat, l'ensemble des matériels, documents et badges mis à sa disposition par l'employeur.",
    "Les congés sont pris selon le calendrier fixé par l'employeur après consultation du personnel, en tenant compte des nécessités du service.",
    "Tout changement dans les conditions d'emploi fera l'objet d'un avenant signé par les deux parties.",
    "Le salarié est informé de l'existence d'un accord d'entreprise relatif à l'aménagement du temps de travail, consultable auprès de la direction.",
];

pub(crate) const LEASE: &[&str] = &[
    "Le locataire est tenu de payer le loyer et les charges récupérables aux termes convenus et d'user paisiblement des locaux suivant la destination prévue au contrat.",
    "Le locataire répond des dégradations et pertes survenant pendant la durée du contrat dans les locaux dont il a la jouissance exclusive, à moins qu'il ne prouve qu'elles ont eu lieu par cas de force majeure.",
    "Le locataire prend à sa charge l'entretien courant du logement, les menues réparations et l'ensemble des réparations locatives définies par décret.",
    "Le locataire doit s'assurer contre les risques dont il doit répondre en sa qualité de locataire et en justifier lors de la remise des clés, puis chaque année à la demande du bailleur.",
    "Le bailleur est tenu de remettre au locataire un logement décent ne laissant pas apparaître de risques manifestes pouvant porter atteinte à la sécurité physique ou à la santé.",
    "Le bailleur est tenu d'assurer au locataire la jouissance paisible du logement et de le garantir des vices ou défauts de nature à y faire obstacle.",
    "Le locataire ne peut transformer les locaux et équipements loués sans l'accord écrit du propriétaire ; à défaut, le bailleur peut exiger la remise en l'état.",
    "La sous-location, totale ou partielle, est interdite sauf accord écrit du bailleur, y compris sur le prix du loyer.",
    "Un état des lieux est établi contradictoirement et amiablement par les parties lors de la remise et de la restitution des clés.",
    "Le dépôt de garantie est restitué dans un délai maximal de deux mois à compter de la remise des clés, déduction faite des sommes restant dues.",
    "Le loyer est révisé chaque année à la date anniversaire du contrat en fonction de la variation de l'indice de référence des loyers publié par l'INSEE.",
    "Les charges récupérables sont exigibles sous forme de provisions mensuelles faisant l'objet d'une régularisation annuelle.",
    "Le locataire laisse exécuter dans les lieux loués les travaux d'amélioration des parties communes ou privatives, ainsi que les travaux nécessaires au maintien en état et à l'entretien normal des locaux.",
    "Le locataire permet l'accès aux lieux loués pour la préparation et l'exécution de travaux, les jours ouvrables, après en avoir été informé par le bailleur au moins quarante-huit heures à l'avance.",
    "En cas de vente ou de relocation, le locataire est tenu de laisser visiter le logement deux heures par jour ouvrable, à des horaires convenus entre les parties.",
    "Le locataire peut donner congé à tout moment, sous réserve d'un préavis de trois mois, réduit à un mois dans les zones tendues et dans les cas prévus par la loi.",
    "Le bailleur peut donner congé pour l'échéance du contrat, six mois au moins avant celle-ci, en le motivant par sa décision de reprendre ou de vendre le logement, ou par un motif légitime et sérieux.",
    "Les détecteurs de fumée installés dans le logement sont entretenus par l'occupant, qui en vérifie le bon fonctionnement et remplace les piles si nécessaire.",
    "Le locataire ne peut exercer dans les lieux loués aucune activité commerciale ou artisanale, ni recevoir de clientèle, sauf accord écrit du bailleur.",
    "La solidarité entre colocataires, lorsqu'elle est stipulée, prend fin six mois après la date d'effet du congé de l'un d'eux, si un nouveau colocataire figure au bail.",
];

pub(crate) const NOTICE: &[&str] = &[
    "Ce document vous est délivré pour servir et valoir ce que de droit. Il peut être présenté à tout organisme qui vous en ferait la demande.",
    "Vos données sont traitées pour la gestion de votre dossier. Vous pouvez exercer vos droits d'accès et de rectification auprès du délégué à la protection des données.",
    "Pour toute réclamation, écrivez-nous en rappelant la référence de votre dossier. Un accusé de réception vous sera adressé.",
    "Les sommes indiquées sont celles connues à la date d'édition. Un changement de situation peut entraîner une révision de vos droits.",
    "Vous pouvez contester cette décision dans les deux mois suivant sa réception. Passé ce délai, elle devient définitive.",
    "Retrouvez vos documents et vos paiements à tout moment dans votre espace personnel en ligne.",
    "La fraude et la fausse déclaration sont punies par la loi. Les informations déclarées peuvent être vérifiées auprès d'autres administrations.",
    "Nos conseillers vous reçoivent sur rendez-vous. Pensez à vous munir de votre numéro de dossier.",
    "Pour toute démarche, munissez-vous de ce document et d'une pièce d'identité. Les photocopies sont acceptées par la plupart des organismes.",
    "Vous pouvez être accompagné(e) par un conseiller pour comprendre ce document. Prenez rendez-vous par téléphone ou en ligne.",
    "Si votre situation change, vos droits peuvent être recalculés. Déclarez le changement dans le mois qui suit.",
    "Les personnes sourdes ou malentendantes peuvent nous contacter par message écrit depuis leur espace personnel.",
];
