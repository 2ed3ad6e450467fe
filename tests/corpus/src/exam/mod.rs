//! Exam templates: a third, independent set of renderers for every type of the plan de
//! classement and for the cover page (attestation d'enregistrement / de renouvellement of a
//! demande de logement social).
//!
//! **Who wrote it and the rule.** This module was written by a separate helper session acting
//! as an "exam hand": from general knowledge of real French paperwork only (regional CAF and
//! MSA branches, payroll software of several vendors, interim agencies, caisses de retraite,
//! bailleurs sociaux and private landlords, agences immobilières, notaires, commissaires de
//! justice, tribunaux judiciaires, préfectures, consulates, universities and CROUS, hospitals,
//! CCAS, hosting associations, employers of every size, France Travail letters). It was
//! written **without reading the classifier** (its code, its lexicon, its cover reader) and
//! **without reading the other template sets** (`corpus/pieces`, `corpus/cover.rs`, the
//! held-out files besides the plumbing of `heldout/mod.rs`): issuers, titles, layouts and
//! wordings are its own. Nobody ran the classifier on these pages while writing them.
//!
//! Its purpose is to measure honestly how the pipeline generalises. **Never tune the
//! classifier on it**: do not add its wordings to the lexicon, do not look at its pages while
//! adjusting rules or thresholds. Once the classifier has been fitted to an exam, the exam
//! measures nothing; take new vocabulary from real documents instead.
//!
//! Switched on by `CorpusOptions::exam` (`gen-corpus --exam`): the batch structure, the truth
//! and the registry are the same as with the usual templates; only the drawing changes.

mod couvertures;
mod famille;
mod identite;
mod justice;
mod logement;
mod revenus;
mod sante;
mod travail;

use chrono::{Datelike, NaiveDate};

use super::data::{self, Foyer, Person, Sexe};
use super::doc::{Al, Block, Doc, Footer, PW, R};
use super::raster::F;

/// A piece template: draws every page of one document for the household.
pub(crate) type Tpl = fn(&mut Doc, &Foyer);

/// A cover template: `renouv` for an attestation de renouvellement, `unreadable` when the
/// number must be made illegible (stain, scribble, torn fold) while the rest stays legible.
pub(crate) type CoverTpl = fn(&mut Doc, &Foyer, bool, bool);

/// The exam templates of a type code (empty for a code this set does not know).
pub(crate) fn templates(code: &str) -> &'static [Tpl] {
    match code {
        "CID" => identite::CID,
        "CIDC" => identite::CIDC,
        "TSJ" => identite::TSJ,
        "TSJC" => identite::TSJC,
        "LIVF" => famille::LIVF,
        "ACNE" => famille::ACNE,
        "GROS" => sante::GROS,
        "JUGG" => justice::JUGG,
        "CTRAV" => travail::CTRAV,
        "CETU" => travail::CETU,
        "ATFOR" => travail::ATFOR,
        "ATPE" => travail::ATPE,
        "AVIS" => revenus::AVIS,
        "FPAIE" => revenus::FPAIE,
        "CAF" => revenus::CAF,
        "PENS" => revenus::PENS,
        "ARE" => revenus::ARE,
        "JUSTL" => logement::JUSTL,
        "BAIL" => logement::BAIL,
        "HEBERG" => logement::HEBERG,
        "EXPUL" => justice::EXPUL,
        "VIOL" => justice::VIOL,
        "DIVOR" => justice::DIVOR,
        "INDEC" => logement::INDEC,
        "MUTPRO" => travail::MUTPRO,
        "CMI" => sante::CMI,
        "MDPH" => sante::MDPH,
        "CERTMED" => sante::CERTMED,
        "NOTE" => famille::NOTE,
        _ => &[],
    }
}

/// The exam cover templates.
pub(crate) fn cover_templates() -> &'static [CoverTpl] {
    couvertures::COVERS
}

/// Renders page `d.target` of a piece of type `code` with one of its exam templates.
pub(crate) fn render_piece(d: &mut Doc, f: &Foyer, code: &str) {
    let list = templates(code);
    if list.is_empty() {
        let t = format!("Document {code}");
        let b = d.bold;
        d.line_al(Al::C, b, 14.0, &t);
        d.para(&format!("Titulaire : {}", full(&f.demandeur)));
    } else {
        let i = d.int(0, list.len() as i64 - 1) as usize;
        list[i](d, f);
    }
    d.finish();
}

/// Renders an exam cover page.
pub(crate) fn render_cover(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let list = cover_templates();
    let i = d.int(0, list.len() as i64 - 1) as usize;
    list[i](d, f, renouv, unreadable);
}

// ---------------------------------------------------------------------------------------------
// Who the document is about

/// The second adult of the household (the applicant when there is none).
pub(crate) fn partner(f: &Foyer) -> &Person {
    f.conjoint.as_ref().unwrap_or(&f.demandeur)
}

/// The woman of the couple, for pregnancy papers.
pub(crate) fn expecting(f: &Foyer) -> &Person {
    if f.demandeur.sexe == Sexe::F {
        &f.demandeur
    } else {
        f.conjoint.as_ref().unwrap_or(&f.demandeur)
    }
}

/// Marks the document as being about `p` (when `p` is not the applicant) and returns it.
pub(crate) fn about<'p>(d: &mut Doc, f: &Foyer, p: &'p Person) -> &'p Person {
    if !p.same(&f.demandeur) {
        d.subject = Some(p.clone());
    }
    p
}

/// One of the children (the applicant when there is none).
pub(crate) fn a_child(d: &Doc, f: &Foyer) -> Person {
    if f.enfants.is_empty() {
        f.demandeur.clone()
    } else {
        f.enfants[d.int(0, f.enfants.len() as i64 - 1) as usize].clone()
    }
}

/// Somebody outside the household: an employer's signatory, a landlord, a doctor, a judge.
pub(crate) fn outsider(d: &Doc, sexe: Option<Sexe>, born: (i32, i32)) -> Person {
    let mut r = d.r();
    data::person(&mut *r, None, sexe, born)
}

/// The former partner of the applicant (divorce, custody): of the other sex, another name.
pub(crate) fn ex_partner(d: &Doc, f: &Foyer) -> Person {
    let sexe = if f.demandeur.sexe == Sexe::F {
        Sexe::M
    } else {
        Sexe::F
    };
    let y = f.demandeur.naissance.year();
    let mut p = outsider(d, Some(sexe), (y - 7, (y + 7).min(2004)));
    if let Some(c) = &f.conjoint {
        if c.nom == p.nom {
            p.nom = format!("{}-{}", p.nom, data::NOMS[d.int(0, 40) as usize]);
        }
    }
    p
}

/// `Prénom NOM`.
pub(crate) fn full(p: &Person) -> String {
    format!("{} {}", p.prenom, p.nom)
}

/// `NOM Prénom`.
pub(crate) fn rev(p: &Person) -> String {
    format!("{} {}", p.nom, p.prenom)
}

/// `Mme Prénom NOM` / `M. Prénom NOM`.
pub(crate) fn civ(p: &Person) -> String {
    format!("{} {} {}", p.civ_court(), p.prenom, p.nom)
}

/// A doctor, a judge or a clerk: `Prénom Nom` in title case.
pub(crate) fn tname(p: &Person) -> String {
    format!("{} {}", p.prenom, data::titlecase(&p.nom))
}

/// The name as a given document prints it.
pub(crate) fn name_as(d: &Doc, p: &Person) -> String {
    match d.int(0, 5) {
        0 | 1 => full(p),
        2 => rev(p),
        3 => civ(p),
        4 => format!("{} {}", p.civilite(), rev(p)),
        _ => format!("{} {}", p.nom, p.prenoms()),
    }
}

// ---------------------------------------------------------------------------------------------
// Dates and numbers

pub(crate) fn between(d: &Doc, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let mut r = d.r();
    data::date_between(&mut *r, from, to.max(from + chrono::Duration::days(1)))
}

/// A date `lo`–`hi` days before the pli's "today".
pub(crate) fn ago(d: &Doc, f: &Foyer, lo: i64, hi: i64) -> NaiveDate {
    f.today - chrono::Duration::days(d.int(lo, hi))
}

/// `12/03/2025`, `12.03.2025`, `12 mars 2025`, `2025-03-12` or `12-03-25`.
pub(crate) fn any_date(d: &Doc, x: NaiveDate) -> String {
    match d.int(0, 5) {
        0 | 1 => data::d_slash(x),
        2 => data::d_long(x),
        3 => data::d_dots(x),
        4 => data::d_iso(x),
        _ => format!("{:02}-{:02}-{:02}", x.day(), x.month(), x.year() % 100),
    }
}

/// `MARS 2025` / `03/2025` / `mars 2025`, in the style `style` (0–2) a document keeps.
pub(crate) fn month_in(style: i64, x: NaiveDate) -> String {
    match style {
        0 => data::mois_annee(x).to_uppercase(),
        1 => format!("{:02}/{}", x.month(), x.year()),
        _ => data::mois_annee(x),
    }
}

/// First day of the month of `x`.
pub(crate) fn month_start(x: NaiveDate) -> NaiveDate {
    data::ymd(x.year(), x.month(), 1)
}

/// Last day of the month of `x`.
pub(crate) fn month_end(x: NaiveDate) -> NaiveDate {
    data::add_months(month_start(x), 1) - chrono::Duration::days(1)
}

/// A French phone number.
pub(crate) fn phone(d: &Doc) -> String {
    format!(
        "0{} {} {} {} {}",
        d.pick(&[1, 2, 3, 4, 5, 9]),
        d.digits(2),
        d.digits(2),
        d.digits(2),
        d.digits(2)
    )
}

/// Euros in one of the ways software prints them.
pub(crate) fn euros(d: &Doc, x: f64) -> String {
    match d.int(0, 2) {
        0 => format!("{} €", data::num(x)),
        1 => format!("{} EUR", data::num(x)),
        _ => data::num(x),
    }
}

/// Round to cents.
pub(crate) fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A commune of the applicant's département (often the applicant's own).
pub(crate) fn local(d: &Doc, f: &Foyer) -> data::Commune {
    let same: Vec<&data::Commune> = data::COMMUNES
        .iter()
        .filter(|c| c.dep == f.adresse.commune.dep)
        .collect();
    if same.is_empty() || d.chance(0.35) {
        f.adresse.commune
    } else {
        *same[d.int(0, same.len() as i64 - 1) as usize]
    }
}

/// A street address for an office, a practice or a landlord.
pub(crate) fn office_street(d: &Doc) -> String {
    format!(
        "{} {}",
        d.int(1, 98),
        d.pick(&[
            "rue Victor Hugo",
            "avenue du Général Leclerc",
            "rue de la Paix",
            "boulevard Pasteur",
            "rue des Tanneurs",
            "place du Marché",
            "rue Émile Zola",
            "avenue Jean Jaurès",
            "rue du Docteur Roux",
            "rue Saint-Exupéry",
            "chemin des Écoliers",
            "rue Marcel Cachin",
            "esplanade Charles de Gaulle",
            "rue Condorcet",
            "boulevard des Belges",
            "rue de la Croix Verte",
        ])
    )
}

/// `à Rouen`, `au Havre`, `aux Mureaux`.
pub(crate) fn at_town(nom: &str) -> String {
    if let Some(r) = nom.strip_prefix("Le ") {
        format!("au {r}")
    } else if let Some(r) = nom.strip_prefix("Les ") {
        format!("aux {r}")
    } else {
        format!("à {nom}")
    }
}

/// The applicant's address lines (complement, street, postcode and town).
pub(crate) fn addr_lines(f: &Foyer, caps: bool) -> Vec<String> {
    let mut v = Vec::new();
    if let Some(c) = &f.adresse.complement {
        v.push(c.clone());
    }
    v.push(f.adresse.ligne.clone());
    v.push(f.adresse.ville_ligne());
    if caps {
        v.iter().map(|s| s.to_uppercase()).collect()
    } else {
        v
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing blocks of this set

/// Lines of text from `(x, y)` down in the given face; returns the y below.
pub(crate) fn lines(d: &mut Doc, x: f32, y: f32, f: F, size: f32, ls: &[String]) -> f32 {
    let mut yy = y;
    for l in ls {
        d.text(x, yy + size, f, size, l);
        yy += size * 1.28;
    }
    yy
}

/// Right-aligned lines ending at `x`; returns the y below.
pub(crate) fn lines_rt(d: &mut Doc, x: f32, y: f32, f: F, size: f32, ls: &[String]) -> f32 {
    let mut yy = y;
    for l in ls {
        d.text_al(x, yy + size, Al::Rt, f, size, l);
        yy += size * 1.28;
    }
    yy
}

/// The State's mark: a small stylised profile in a square, `RÉPUBLIQUE FRANÇAISE` on two
/// lines, the motto, then the service's lines. Returns the y below.
pub(crate) fn rf_mark(d: &mut Doc, x: f32, y: f32, service: &[&str]) -> f32 {
    let s = 22.0;
    d.rect(x, y, s, s * 0.9, 0.5);
    d.fill_ellipse(x + s * 0.45, y + s * 0.42, s * 0.22, s * 0.28, 90);
    d.fill(x + s * 0.2, y + s * 0.68, s * 0.55, s * 0.2, 90);
    let yy = y + s + 9.0;
    d.text(x, yy, F::SansB, 8.5, "RÉPUBLIQUE");
    d.text(x, yy + 9.5, F::SansB, 8.5, "FRANÇAISE");
    let mut yy = yy + 18.0;
    if d.chance(0.75) {
        d.text(x, yy, F::Serif, 6.2, "Liberté");
        d.text(x, yy + 7.0, F::Serif, 6.2, "Égalité");
        d.text(x, yy + 14.0, F::Serif, 6.2, "Fraternité");
        yy += 22.0;
    }
    yy += 4.0;
    for (i, l) in service.iter().enumerate() {
        let (fo, sz) = if i == 0 {
            (F::SansB, 8.0)
        } else {
            (F::Sans, 7.2)
        };
        d.text(x, yy, fo, sz, l);
        yy += sz + 2.6;
    }
    yy + 2.0
}

/// A company or body's mark: a geometric emblem and the name; returns its box.
pub(crate) fn mark(d: &mut Doc, x: f32, y: f32, name: &str, sub: &str) -> R {
    let s = d.real(22.0, 32.0);
    let v = d.int(25, 110) as u8;
    match d.int(0, 3) {
        0 => {
            d.fill(x, y, s, s, v);
            d.fill(x + s * 0.25, y + s * 0.25, s * 0.5, s * 0.5, 255);
        }
        1 => {
            d.fill_ellipse(x + s / 2.0, y + s / 2.0, s / 2.0, s / 2.0, v);
            d.fill_ellipse(x + s * 0.62, y + s * 0.4, s * 0.22, s * 0.22, 255);
        }
        2 => {
            for i in 0..4 {
                let w = s * (1.0 - i as f32 * 0.2);
                d.fill(x, y + i as f32 * s * 0.26, w, s * 0.17, v);
            }
        }
        _ => {
            let pts = [
                (x + s / 2.0, y),
                (x + s, y + s / 2.0),
                (x + s / 2.0, y + s),
                (x, y + s / 2.0),
                (x + s / 2.0, y),
            ];
            d.stroke(&pts, 2.2, v);
            d.fill(x + s * 0.4, y + s * 0.4, s * 0.2, s * 0.2, v);
        }
    }
    let size = d.real(11.0, 15.0);
    let r1 = d.text(x + s + 6.0, y + s * 0.55, F::SansB, size, name);
    let r2 = if sub.is_empty() {
        r1
    } else {
        d.text(x + s + 6.0, y + s * 0.55 + 10.0, F::Sans, 7.0, sub)
    };
    R {
        x,
        y,
        w: s + 6.0 + r1.w.max(r2.w),
        h: s.max(r2.y + r2.h - y),
    }
}

/// The addressee in the window of a DL envelope (right half, about 45 mm down); moves the
/// cursor below the window.
pub(crate) fn window_to(d: &mut Doc, name: &str, ls: &[String]) {
    let x = PW * 0.52 + d.real(-8.0, 10.0);
    let y = d.real(118.0, 150.0).max(d.y);
    let b = d.bold;
    let size = d.size.min(10.5);
    let mut ns = size;
    while ns > 6.5 && d.measure(b, ns, name) > PW - x - 18.0 {
        ns -= 0.5;
    }
    d.text(x, y + size, b, ns, name);
    let font = d.font;
    let yy = lines(d, x, y + size * 1.3, font, size, ls);
    d.y = yy + d.real(20.0, 40.0);
}

/// The applicant in the window.
pub(crate) fn window(d: &mut Doc, f: &Foyer, p: &Person) {
    let caps = d.chance(0.4);
    let name = if caps {
        format!("{} {}", p.civilite().to_uppercase(), rev(p))
    } else {
        format!("{} {}", p.civilite(), full(p))
    };
    window_to(d, &name, &addr_lines(f, caps));
}

/// `Objet :` line in bold.
pub(crate) fn subject_line(d: &mut Doc, s: &str) {
    let (b, size) = (d.bold, d.size);
    let x = d.x0;
    let w = d.x1 - d.x0;
    d.para_in(x, w, b, size, s);
    d.gap(size * 0.8);
}

/// A centred title, possibly framed or underlined.
pub(crate) fn title(d: &mut Doc, t: &str, size: f32) -> R {
    d.gap(size * 0.3);
    let b = d.bold;
    let style = d.int(0, 3);
    let al = if style == 3 { Al::L } else { Al::C };
    let r = d.line_al(al, b, size, t);
    match style {
        1 => {
            let (x0, x1) = (d.x0, d.x1);
            d.rect(x0, r.y - 6.0, x1 - x0, r.h + 12.0, 1.0);
            d.gap(6.0);
        }
        2 => {
            let cx = r.x + r.w / 2.0;
            d.hline(cx - r.w / 2.0, cx + r.w / 2.0, r.y + r.h + 2.5, 0.8);
            d.gap(4.0);
        }
        _ => {}
    }
    d.gap(size * 0.6);
    r
}

/// A dark band with white text (section headers of forms and statements).
pub(crate) fn dark_band(d: &mut Doc, label: &str) {
    let h = d.size + 5.0;
    let (x0, x1, y) = (d.x0, d.x1, d.y);
    let v = d.int(40, 90) as u8;
    d.fill(x0, y, x1 - x0, h, v);
    let size = d.size - 0.5;
    d.text_ink(x0 + 5.0, y + h - 4.0, F::SansB, size, label, 255);
    d.y = y + h + 5.0;
}

/// A light band with a bold label.
pub(crate) fn light_band(d: &mut Doc, label: &str) {
    let h = d.size + 5.0;
    let (x0, x1, y) = (d.x0, d.x1, d.y);
    let v = d.int(205, 232) as u8;
    d.tint(x0, y, x1 - x0, h, v);
    d.hline(x0, x1, y + h, 0.5);
    let (b, size) = (d.bold, d.size);
    d.text(x0 + 4.0, y + h - 4.0, b, size, label);
    d.y = y + h + 5.0;
}

/// Small print over the text width.
pub(crate) fn fine(d: &mut Doc, s: &str) {
    let (x, w, font) = (d.x0, d.x1 - d.x0, d.font);
    let size = (d.size - 2.8).max(6.2);
    d.para_in(x, w, font, size, s);
    d.gap(2.5);
}

/// A boxed field: label in small type at the top, value below.
pub(crate) fn boxed(d: &mut Doc, x: f32, y: f32, w: f32, h: f32, label: &str, value: &str) {
    d.rect(x, y, w, h, 0.5);
    d.text(x + 2.5, y + 7.0, F::Sans, 6.0, label);
    let mut size = (h - 10.0).clamp(7.0, 10.5);
    while size > 5.5 && d.measure(F::SansB, size, value) > w - 6.0 {
        size -= 0.5;
    }
    d.text(x + 4.0, y + h - 3.5, F::SansB, size, value);
}

/// One character per cell: returns the width used.
pub(crate) fn cells(d: &mut Doc, x: f32, y: f32, s: &str, cell: f32, f: F) -> f32 {
    let mut cx = x;
    let size = cell * 0.7;
    for c in s.chars() {
        d.rect(cx, y, cell, cell * 1.2, 0.5);
        if c != ' ' {
            let t = c.to_string();
            let w = d.measure(f, size, &t);
            d.text(cx + (cell - w) / 2.0, y + cell * 0.92, f, size, &t);
        }
        cx += cell;
    }
    cx - x
}

/// Label/value rows in two columns.
pub(crate) fn two_cols(d: &mut Doc, pairs: &[(String, String)]) {
    let half = (d.x1 - d.x0) / 2.0;
    let (font, b, size) = (d.font, d.bold, d.size - 0.5);
    let y0 = d.y;
    let rows = pairs.len().div_ceil(2);
    for (i, (k, v)) in pairs.iter().enumerate() {
        let (col, row) = (i / rows, i % rows);
        let x = d.x0 + col as f32 * half;
        let base = y0 + row as f32 * size * d.lh + size;
        let lw = d.measure(font, size, k);
        d.text(x, base, font, size, k);
        let mut vs = size;
        while vs > 6.0 && d.measure(b, vs, v) > half - lw - 12.0 {
            vs -= 0.5;
        }
        d.text(x + lw + 5.0, base, b, vs, v);
    }
    d.y = y0 + rows as f32 * size * d.lh + 5.0;
}

/// A rectangular stamp of an office (faded ink, one frame); `tilt` is ignored by the raster
/// but the box is offset to look hand-applied.
pub(crate) fn office_stamp(d: &mut Doc, x: f32, y: f32, ls: &[&str]) {
    let v = d.int(85, 155) as u8;
    let size = 6.8;
    let w = ls
        .iter()
        .map(|l| d.measure(F::SansB, size, l))
        .fold(0.0f32, f32::max)
        + 12.0;
    let h = ls.len() as f32 * size * 1.3 + 7.0;
    let save = d.ink;
    d.ink = v;
    d.rect(x, y, w, h, 0.9);
    for (i, l) in ls.iter().enumerate() {
        let lw = d.measure(F::SansB, size, l);
        d.text_ink(
            x + (w - lw) / 2.0,
            y + 3.0 + (i as f32 + 1.0) * size * 1.3 - 1.5,
            F::SansB,
            size,
            l,
            v,
        );
    }
    d.ink = save;
}

/// A date stamp (`REÇU LE` / date in a rounded frame).
pub(crate) fn date_stamp(d: &mut Doc, x: f32, y: f32, head: &str, when: NaiveDate) {
    let v = d.int(70, 140) as u8;
    let s = format!(
        "{:02} {} {}",
        when.day(),
        data::MOIS[when.month0() as usize][..3].to_uppercase(),
        when.year()
    );
    let w = d
        .measure(F::MonoB, 9.0, &s)
        .max(d.measure(F::SansB, 7.0, head))
        + 14.0;
    d.ellipse(x + w / 2.0, y + 14.0, w / 2.0 + 4.0, 17.0, 1.0, v);
    let hw = d.measure(F::SansB, 7.0, head);
    d.text_ink(x + (w - hw) / 2.0, y + 9.0, F::SansB, 7.0, head, v);
    let sw = d.measure(F::MonoB, 9.0, &s);
    d.text_ink(x + (w - sw) / 2.0, y + 21.0, F::MonoB, 9.0, &s, v);
}

/// A signature with a name and a title under it, at `(x, y)`; moves the cursor below.
pub(crate) fn sign(d: &mut Doc, x: f32, who: &str, role: &str) {
    let y = d.y;
    let (font, b, size) = (d.font, d.bold, d.size);
    if !role.is_empty() {
        d.text(x, y + size, font, size, role);
    }
    d.signature(x + 5.0, y + size + 4.0, 110.0, 32.0);
    if !who.is_empty() {
        d.text(x, y + size + 48.0, b, size, who);
    }
    d.y = y + size + 56.0;
}

/// A 2D-Doc style DataMatrix (solid L border, dotted opposite border, random modules).
pub(crate) fn datamatrix(d: &mut Doc, x: f32, y: f32, s: f32) {
    let n = 22;
    let m = s / n as f32;
    d.fill(x, y, m, s, 10);
    d.fill(x, y + s - m, s, m, 10);
    for i in 0..n {
        if i % 2 == 0 {
            d.fill(x + i as f32 * m, y, m, m, 10);
            d.fill(x + s - m, y + i as f32 * m, m, m, 10);
        }
    }
    for i in 1..n - 1 {
        for j in 1..n - 1 {
            if d.chance(0.5) {
                d.fill(x + i as f32 * m, y + j as f32 * m, m, m, 10);
            }
        }
    }
}

/// A barcode of random bars.
pub(crate) fn bars(d: &mut Doc, x: f32, y: f32, w: f32, h: f32) {
    let mut cx = x;
    while cx < x + w {
        let bw = d.pick(&[0.5f32, 0.5, 1.0, 1.5, 2.0]);
        d.fill(cx, y, bw, h, 12);
        cx += bw + d.pick(&[0.5f32, 1.0, 1.5]);
    }
}

/// An ID-1 card outline with rounded-looking corners and a light ground (photocopied card).
pub(crate) fn card_ground(d: &mut Doc, x: f32, y: f32, w: f32, h: f32, ground: u8) {
    d.tint(x + 3.0, y, w - 6.0, h, ground);
    d.tint(x, y + 3.0, 3.0, h - 6.0, ground);
    d.tint(x + w - 3.0, y + 3.0, 3.0, h - 6.0, ground);
    d.hline(x + 4.0, x + w - 4.0, y, 0.7);
    d.hline(x + 4.0, x + w - 4.0, y + h, 0.7);
    d.vline(x, y + 4.0, y + h - 4.0, 0.7);
    d.vline(x + w, y + 4.0, y + h - 4.0, 0.7);
    let ink = d.ink;
    for (cx, cy, a0) in [
        (x + 4.0, y + 4.0, 180.0f32),
        (x + w - 4.0, y + 4.0, 270.0),
        (x + w - 4.0, y + h - 4.0, 0.0),
        (x + 4.0, y + h - 4.0, 90.0),
    ] {
        let pts: Vec<(f32, f32)> = (0..=6)
            .map(|i| {
                let a = (a0 + i as f32 * 15.0).to_radians();
                (cx + 4.0 * a.cos(), cy + 4.0 * a.sin())
            })
            .collect();
        d.stroke(&pts, 0.7, ink);
    }
}

/// Machine-readable zone lines (OCR-B stand-in: monospaced bold).
pub(crate) fn mrz_block(d: &mut Doc, x: f32, y: f32, size: f32, ls: &[String]) {
    let mut yy = y;
    for l in ls {
        d.text(x, yy, F::MonoB, size, l);
        yy += size * 1.4;
    }
}

/// `NOM<<PRENOM<AUTRE` padded with `<` to `n` characters.
pub(crate) fn mrz_holder(p: &Person, n: usize) -> String {
    let given = data::mrz_name(&p.prenoms().replace(", ", " "));
    data::pad(&format!("{}<<{}", data::mrz_name(&p.nom), given), n)
}

/// The MRZ size fitting `chars` characters in `width` points.
pub(crate) fn mrz_size(d: &Doc, chars: usize, width: f32) -> f32 {
    let one = d.measure(F::MonoB, 10.0, "<");
    (width / (one * chars as f32) * 10.0).min(12.0)
}

/// A dense paragraph of legal small print in a column.
pub(crate) fn col_para(d: &mut Doc, x: f32, w: f32, size: f32, s: &str) {
    let font = d.font;
    d.para_in(x, w, font, size, s);
    d.gap(size * 0.4);
}

/// Footer with page numbers on multi-page documents.
pub(crate) fn page_numbers(d: &mut Doc, left: Option<String>) {
    if d.pages > 1 {
        d.footer = Some(Footer {
            style: d.int(0, 4) as u8,
            align: d.pick(&[Al::C, Al::Rt, Al::Rt]),
            left,
            size: d.real(6.8, 8.2),
        });
    }
}

/// A reference in one of the usual shapes.
pub(crate) fn refno(d: &Doc, year: i32) -> String {
    match d.int(0, 4) {
        0 => format!("{}-{}", year, d.digits(5)),
        1 => format!("{}{}/{}", d.upper(2), d.digits(4), year % 100),
        2 => format!("{}.{}.{}", d.digits(2), d.digits(3), d.digits(4)),
        3 => format!("N°{}{}", year % 100, d.digits(6)),
        _ => format!("{}-{}-{}", d.upper(3), year, d.digits(4)),
    }
}

/// Pours blocks over the document's remaining pages so that each carries its share; a small
/// running head (`running`) tops every continuation page. `filler` paragraphs (each once) are
/// added before the last heading when the blocks are too short for the page count. On the
/// last page, blocks that would not leave `reserve` points for the signatures are dropped.
pub(crate) fn pour(
    d: &mut Doc,
    blocks: &[Block],
    filler: &[&str],
    tab: f32,
    running: Option<&str>,
    reserve: f32,
) {
    let n = d.pages.saturating_sub(d.page).max(1) as usize;
    let full = d.bottom - d.top - 16.0;
    let first = (d.bottom - d.y).max(10.0);
    let h_of = |d: &Doc, b: &Block| -> f32 {
        let w = d.x1 - d.x0;
        match b {
            Block::Heading(h) => {
                d.size * 0.5
                    + d.wrap(d.bold, d.size + 0.5, h, w).len().max(1) as f32 * (d.size + 0.5) * d.lh
                    + 2.0
            }
            Block::Para(p) => {
                d.wrap(d.font, d.size, p, w).len().max(1) as f32 * d.size * d.lh + d.size * 0.45
            }
            Block::Kv(..) => d.size * d.lh,
            Block::Gap(g) => *g,
        }
    };
    let mut list: Vec<&Block> = blocks.iter().collect();
    let padding: Vec<Block>;
    if n > 1 {
        let want = first * 0.85 + (n - 2) as f32 * full * 0.85 + full * 0.4 + reserve;
        let mut total: f32 = list.iter().map(|b| h_of(d, b)).sum();
        let mut pool: Vec<&str> = filler.to_vec();
        let mut add = Vec::new();
        while total < want && !pool.is_empty() {
            let i = d.int(0, pool.len() as i64 - 1) as usize;
            let b = Block::Para(pool.swap_remove(i).to_string());
            total += h_of(d, &b);
            add.push(b);
        }
        padding = add;
        if !padding.is_empty() {
            let at = list
                .iter()
                .rposition(|b| matches!(b, Block::Heading(_)))
                .filter(|&i| i > 0)
                .unwrap_or(list.len().saturating_sub(1));
            let tail = list.split_off(at);
            list.extend(padding.iter());
            list.extend(tail);
        }
    }
    let hs: Vec<f32> = list.iter().map(|b| h_of(d, b)).collect();
    let total: f32 = hs.iter().sum::<f32>() + reserve;
    let room = first + (n - 1) as f32 * full;
    let mut quota = total * first / room.max(1.0);
    let mut used = 0.0;
    for (i, b) in list.iter().enumerate() {
        let h = hs[i];
        let need = if matches!(b, Block::Heading(_)) {
            h + hs.get(i + 1).copied().unwrap_or(0.0)
        } else {
            h
        };
        if d.page + 1 < d.pages
            && used > 0.0
            && (used + need > quota + 4.0 || d.y + need > d.bottom)
        {
            d.break_page();
            if let Some(r) = running {
                let (font, x1, y) = (d.font, d.x1, d.y);
                d.text_al(x1, y + 7.0, Al::Rt, font, 7.0, r);
                d.y += 18.0;
            }
            used = 0.0;
            quota = total * full / room.max(1.0);
        }
        if d.page + 1 >= d.pages && d.y + h > d.bottom - reserve {
            continue;
        }
        match b {
            Block::Heading(t) => {
                d.gap(d.size * 0.5);
                let (bf, size) = (d.bold, d.size + 0.5);
                d.line_al(Al::L, bf, size, t);
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
        if let Some(r) = running {
            let (font, x1, y) = (d.font, d.x1, d.y);
            d.text_al(x1, y + 7.0, Al::Rt, font, 7.0, r);
            d.y += 18.0;
        }
    }
}

/// `Heading` block.
pub(crate) fn hb(s: &str) -> Block {
    Block::Heading(s.to_string())
}

/// `Para` block.
pub(crate) fn pb(s: impl Into<String>) -> Block {
    Block::Para(s.into())
}

/// `Kv` block.
pub(crate) fn kb(k: &str, v: impl Into<String>) -> Block {
    Block::Kv(k.to_string(), v.into())
}

/// Darkens the whole box `r` (plus a margin) so that what it holds cannot be read: a coffee
/// stain, a felt-pen scribble or a torn, creased fold. The rest of the page is untouched.
pub(crate) fn spoil(d: &mut Doc, r: R) {
    let (x, y, w, h) = (r.x - 3.0, r.y - 1.5, r.w + 6.0, r.h + 3.5);
    match d.int(0, 2) {
        0 => {
            // a stain: overlapping dark blots over the whole box, a lighter ring around
            let v = d.int(28, 55) as u8;
            let cx = x + w / 2.0;
            let cy = y + h / 2.0;
            d.fill_ellipse(cx, cy, w * 0.6, h * 0.75, v + 60);
            d.fill(x, y, w, h, v);
            let blots = d.int(5, 9);
            for _ in 0..blots {
                let bx = x + d.real(0.0, w);
                let by = y + d.real(0.0, h);
                let rx = d.real(5.0, 12.0);
                d.fill_ellipse(bx, by, rx, (rx * d.real(0.6, 1.2)).min(h * 0.6), v);
            }
        }
        1 => {
            // felt pen: dense back-and-forth strokes
            let v = d.int(10, 40) as u8;
            let mut pts = Vec::new();
            let mut cx = x - 2.0;
            let mut up = true;
            while cx < x + w + 3.0 {
                pts.push((cx, if up { y } else { y + h }));
                cx += d.real(1.5, 3.0);
                up = !up;
            }
            d.stroke(&pts, 3.2, v);
            d.fill(x + 1.0, y + 2.0, w - 2.0, h - 4.0, v);
            let mut pts2 = Vec::new();
            let mut cy = y + 0.5;
            while cy < y + h - 0.5 {
                pts2.push((x - 5.0 + d.real(0.0, 4.0), cy));
                pts2.push((x + w + 5.0 - d.real(0.0, 4.0), cy + 1.2));
                cy += 2.4;
            }
            d.stroke(&pts2, 1.6, v);
        }
        _ => {
            // a fold worn through: the paper is torn away along the crease, dark edges
            let v = d.int(60, 110) as u8;
            d.fill(x, y, w, h, 255);
            d.tint(0.0, y - 2.5, PW, 2.5, 200);
            d.tint(0.0, y + h, PW, 2.5, 200);
            let mut top = Vec::new();
            let mut bot = Vec::new();
            let mut cx = x;
            while cx <= x + w {
                top.push((cx, y + d.real(-1.5, 1.5)));
                bot.push((cx, y + h + d.real(-1.5, 1.5)));
                cx += 4.0;
            }
            d.stroke(&top, 1.2, v);
            d.stroke(&bot, 1.2, v);
            d.fill(x, y + h * 0.45, w, h * 0.12, v);
        }
    }
}

/// The number printed in one of its common forms: contiguous or spaced 3-4-6-5.
pub(crate) fn spaced(n: &str) -> String {
    if n.len() == 18 {
        format!("{} {} {} {}", &n[0..3], &n[3..7], &n[7..13], &n[13..18])
    } else {
        n.to_string()
    }
}

/// The number of the demande on the cover.
pub(crate) fn nu(f: &Foyer) -> String {
    f.numero.clone().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Numbers and dates in words (civil-status deeds, notarial and bailiff's acts)

const SMALL: [&str; 20] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
];

/// A number in French words (0–9999, traditional spelling).
pub(crate) fn in_words(n: u32) -> String {
    match n {
        0..=19 => SMALL[n as usize].to_string(),
        20..=99 => {
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
            let (t, u) = (n / 10, n % 10);
            if t == 7 || t == 9 {
                let rest = 10 + u;
                if t == 7 && u == 1 {
                    "soixante et onze".into()
                } else {
                    format!("{}-{}", tens[t as usize], SMALL[rest as usize])
                }
            } else if u == 0 {
                if t == 8 {
                    "quatre-vingts".into()
                } else {
                    tens[t as usize].into()
                }
            } else if u == 1 && t != 8 {
                format!("{} et un", tens[t as usize])
            } else {
                format!("{}-{}", tens[t as usize], SMALL[u as usize])
            }
        }
        100..=999 => {
            let (c, r) = (n / 100, n % 100);
            let head = if c == 1 {
                "cent".to_string()
            } else if r == 0 {
                format!("{} cents", SMALL[c as usize])
            } else {
                format!("{} cent", SMALL[c as usize])
            };
            if r == 0 {
                head
            } else {
                format!("{head} {}", in_words(r))
            }
        }
        _ => {
            let (m, r) = (n / 1000, n % 1000);
            let head = if m == 1 {
                "mille".to_string()
            } else {
                format!("{} mille", in_words(m))
            };
            if r == 0 {
                head
            } else {
                format!("{head} {}", in_words(r))
            }
        }
    }
}

/// `le douze mars deux mille vingt-cinq` style (without the article).
pub(crate) fn date_in_words(x: NaiveDate) -> String {
    let day = if x.day() == 1 {
        "premier".to_string()
    } else {
        in_words(x.day())
    };
    format!(
        "{} {} {}",
        day,
        data::MOIS[x.month0() as usize],
        in_words(x.year() as u32)
    )
}

/// The head of a letter: the sender (State mark or company mark with address lines), the
/// addressee in the window, references on the left, place and date on the right. Leaves the
/// cursor under the date.
#[allow(clippy::too_many_arguments)]
pub(crate) fn letter_head(
    d: &mut Doc,
    state: bool,
    org: &str,
    org_lines: &[String],
    to_name: &str,
    to_lines: &[String],
    refs: &[(String, String)],
    place_date: &str,
) {
    let x0 = d.x0;
    let y0 = d.y;
    let below = if state {
        let mut v: Vec<&str> = vec![org];
        v.extend(org_lines.iter().map(|s| s.as_str()));
        rf_mark(d, x0, y0, &v)
    } else {
        let sub = org_lines.first().map(|s| s.as_str()).unwrap_or("");
        let r = mark(d, x0, y0, org, sub);
        let rest: Vec<String> = org_lines.iter().skip(1).cloned().collect();
        lines(d, x0, r.y + r.h + 5.0, F::Sans, 7.5, &rest)
    };
    d.y = y0 + 10.0;
    window_to(d, to_name, to_lines);
    let top_refs = d.y.max(below + 8.0);
    d.y = top_refs;
    let font = d.font;
    let size = (d.size - 1.5).max(7.5);
    for (k, v) in refs {
        let x = d.x0;
        d.kv_f(x, &format!("{k} :"), v, 0.0, font, F::SansB, size);
    }
    if !place_date.is_empty() {
        let x1 = d.x1;
        let yy = top_refs + size;
        d.text_al(x1, yy, Al::Rt, font, d.size, place_date);
    }
    d.y = d.y.max(top_refs + 16.0) + 10.0;
}

/// The applicant's name as a window line and the address lines.
pub(crate) fn to_applicant(d: &Doc, f: &Foyer, p: &Person) -> (String, Vec<String>) {
    let caps = d.chance(0.45);
    let name = if caps {
        format!("{} {}", p.civilite().to_uppercase(), rev(p))
    } else {
        format!("{} {}", p.civilite(), full(p))
    };
    (name, addr_lines(f, caps))
}

/// One of the owned strings, at random.
pub(crate) fn one(d: &Doc, mut v: Vec<String>) -> String {
    let i = d.int(0, v.len() as i64 - 1) as usize;
    v.swap_remove(i)
}

/// Remaining pages of a document whose body ended early: an annex with its own heading and
/// paragraphs shared out over those pages.
pub(crate) fn annex(d: &mut Doc, heading: &str, paras: &[&str]) {
    if d.page + 1 < d.pages {
        d.break_page();
        title(d, heading, 12.0);
        let blocks: Vec<Block> = paras.iter().map(|s| pb(*s)).collect();
        pour(d, &blocks, &[], 0.0, None, 20.0);
    }
}

#[cfg(test)]
mod preview {
    //! `EXAM_PREVIEW=/some/dir cargo test --release -p corpus exam_preview -- --ignored`
    //! writes every exam template (each page count, each page) and every cover layout as
    //! PNG files, to look at them.

    use image::GrayImage;
    use rand::SeedableRng;

    use crate::doc::Doc;
    use crate::raster::{Fonts, GlyphCache, Painter};

    #[test]
    #[ignore]
    fn exam_preview() {
        let Ok(dir) = std::env::var("EXAM_PREVIEW") else {
            return;
        };
        std::fs::create_dir_all(&dir).unwrap();
        let fonts = Fonts::load().unwrap();
        let mut cache = GlyphCache::default();
        let p = crate::plan(&crate::CorpusOptions {
            plis: 40,
            seed: 3,
            ..Default::default()
        });
        let dpi = 60;
        let (w, h) = crate::a4_px(dpi);
        let only = std::env::var("EXAM_ONLY").unwrap_or_default();
        for t in plan_de_classement::Plan::bundled().types() {
            let code = t.code.to_string();
            if !only.is_empty() && !only.split(',').any(|o| o == code) {
                continue;
            }
            let foyers: Vec<_> = p
                .jobs
                .iter()
                .filter_map(|j| match &j.kind {
                    crate::PageKind::Piece {
                        foyer,
                        code: c,
                        index: 0,
                        ..
                    } if *c == code => Some(foyer.clone()),
                    _ => None,
                })
                .collect();
            let (lo, hi) = crate::pieces::page_range(&code);
            for (i, tpl) in super::templates(&code).iter().enumerate() {
                for pages in [lo, hi] {
                    for target in 0..pages {
                        let mut img = GrayImage::from_pixel(w, h, image::Luma([255]));
                        let painter = Painter {
                            img: &mut img,
                            fonts: &fonts,
                            cache: &mut cache,
                        };
                        let rng = rand::rngs::SmallRng::seed_from_u64(i as u64 + 7);
                        let mut d = Doc::new(painter, rng, dpi, target, pages);
                        tpl(&mut d, &foyers[i % foyers.len()]);
                        d.finish();
                        img.save(format!("{dir}/{code}-{i}-{pages}p-{}.png", target + 1))
                            .unwrap();
                    }
                }
            }
        }
        if !only.is_empty() && !only.split(',').any(|o| o == "COVER") {
            return;
        }
        let foyer = p
            .jobs
            .iter()
            .find_map(|j| match &j.kind {
                crate::PageKind::Cover { foyer, .. } => Some(foyer.clone()),
                _ => None,
            })
            .unwrap();
        for (i, tpl) in super::cover_templates().iter().enumerate() {
            for (renouv, unreadable) in [(false, false), (true, true)] {
                let mut img = GrayImage::from_pixel(w, h, image::Luma([255]));
                let painter = Painter {
                    img: &mut img,
                    fonts: &fonts,
                    cache: &mut cache,
                };
                let rng = rand::rngs::SmallRng::seed_from_u64(i as u64 + 3);
                let mut d = Doc::new(painter, rng, dpi, 0, 1);
                tpl(&mut d, &foyer, renouv, unreadable);
                img.save(format!(
                    "{dir}/COVER-{i}-{}.png",
                    if unreadable { "spoilt" } else { "clean" }
                ))
                .unwrap();
            }
        }
    }
}
