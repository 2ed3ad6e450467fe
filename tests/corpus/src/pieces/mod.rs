//! The supporting documents (pièces justificatives), one renderer per type of the plan.

mod identite;
mod juridique;
mod logement;
mod ressources;
mod travail;

use chrono::NaiveDate;

use super::data::{self, d_long, d_slash, Foyer, Person};
use super::doc::{Al, Doc, R};
use super::raster::F;

/// Page count range of each type (most are single-page).
pub(crate) fn page_range(code: &str) -> (u32, u32) {
    match code {
        "BAIL" => (2, 3),
        "CTRAV" | "JUGG" | "DIVOR" | "EXPUL" => (1, 3),
        "AVIS" | "LIVF" | "MDPH" | "VIOL" | "INDEC" | "CAF" | "ARE" => (1, 2),
        _ => (1, 1),
    }
}

/// Renders page `d.target` of a piece of type `code`.
pub(crate) fn render_piece(d: &mut Doc, f: &Foyer, code: &str) {
    match code {
        "CID" => identite::cid(d, &f.demandeur),
        "CIDC" => {
            d.subject = Some(conjoint(f).clone());
            identite::cid(d, conjoint(f))
        }
        "TSJ" => identite::tsj(d, &f.demandeur, f),
        "TSJC" => {
            d.subject = Some(conjoint(f).clone());
            identite::tsj(d, conjoint(f), f)
        }
        "CETU" => identite::cetu(d, f),
        "CMI" => identite::cmi(d, f),
        "LIVF" => identite::livf(d, f),
        "ACNE" => identite::acne(d, f),
        "GROS" => juridique::gros(d, f),
        "JUGG" => juridique::jugg(d, f),
        "DIVOR" => juridique::divor(d, f),
        "VIOL" => juridique::viol(d, f),
        "CERTMED" => juridique::certmed(d, f),
        "MDPH" => juridique::mdph(d, f),
        "NOTE" => juridique::note(d, f),
        "CTRAV" => travail::ctrav(d, f),
        "ATFOR" => travail::atfor(d, f),
        "ATPE" => travail::atpe(d, f),
        "MUTPRO" => travail::mutpro(d, f),
        "AVIS" => ressources::avis(d, f),
        "FPAIE" => ressources::fpaie(d, f),
        "CAF" => ressources::caf(d, f),
        "PENS" => ressources::pens(d, f),
        "ARE" => ressources::are(d, f),
        "JUSTL" => logement::justl(d, f),
        "BAIL" => logement::bail(d, f),
        "HEBERG" => logement::heberg(d, f),
        "EXPUL" => logement::expul(d, f),
        "INDEC" => logement::indec(d, f),
        other => generic(d, f, other),
    }
    d.finish();
}

impl Doc<'_> {
    /// A random person (see [`data::person`]).
    pub fn person(&self, nom: Option<&str>, sexe: Option<data::Sexe>, born: (i32, i32)) -> Person {
        let mut r = self.r();
        data::person(&mut *r, nom, sexe, born)
    }

    /// A random address.
    pub fn address(&self, commune: Option<data::Commune>) -> data::Address {
        let mut r = self.r();
        data::address(&mut *r, commune)
    }
}

fn conjoint(f: &Foyer) -> &Person {
    f.conjoint.as_ref().unwrap_or(&f.demandeur)
}

/// A type this generator does not know (a plan extended later): a plain letter.
fn generic(d: &mut Doc, f: &Foyer, code: &str) {
    let p = &f.demandeur;
    let t = format!("Justificatif {code}");
    title(d, &t);
    d.para(&format!(
        "Document établi au nom de {} {} {}, demeurant {}.",
        p.civ_court(),
        p.prenom,
        p.nom,
        f.adresse.one_line()
    ));
}

// ---------------------------------------------------------------------------------------------
// Shared building blocks

/// An issuer header at the top left: logo-ish name and address lines. Moves the cursor below.
pub(crate) fn org_header(d: &mut Doc, name: &str, lines: &[String]) {
    let x0 = d.x0;
    let top = d.top;
    let style = d.int(0, 3);
    let mut y = top;
    match style {
        0 => {
            let r = super::cover::logo(d, x0, top, name, 12.0);
            y = r.y + r.h + 12.0;
        }
        1 => {
            let b = d.bold;
            d.text(x0, top + 14.0, b, 14.0, name);
            y += 26.0;
        }
        2 => {
            let r = d.text(x0, top + 13.0, F::SansB, 12.5, &name.to_uppercase());
            d.hline(x0, x0 + r.w, top + 17.0, 1.2);
            y += 28.0;
        }
        _ => {
            let x1 = d.x1;
            d.text_al((x0 + x1) / 2.0, top + 14.0, Al::C, F::SerifB, 14.0, name);
            let font = d.font;
            let mut yy = top + 27.0;
            for l in lines {
                d.text_al((x0 + x1) / 2.0, yy, Al::C, font, 8.5, l);
                yy += 10.5;
            }
            d.hline(x0, x1, yy - 4.0, 0.6);
            d.y = yy + 10.0;
            return;
        }
    }
    let font = d.font;
    for l in lines {
        d.text(x0, y, font, 8.5, l);
        y += 10.5;
    }
    d.y = y + 12.0;
}

/// The addressee block in the right half (window envelope position).
pub(crate) fn recipient(d: &mut Doc, p: &Person, f: &Foyer) {
    let x = d.x0 + (d.x1 - d.x0) * d.real(0.5, 0.58);
    let size = d.size;
    let font = d.font;
    let save = d.y;
    d.y = d.y.max(d.top + 95.0);
    d.line_at(
        x,
        font,
        size,
        &format!("{} {} {}", p.civilite(), p.prenom, p.nom),
    );
    d.line_at(x, font, size, &f.adresse.ligne);
    if let Some(c) = &f.adresse.complement {
        d.line_at(x, font, size, c);
    }
    d.line_at(x, font, size, &f.adresse.ville_ligne());
    d.y = d.y.max(save) + 14.0;
}

/// A document title (centred, left or boxed) with a little space around it.
pub(crate) fn title(d: &mut Doc, t: &str) -> R {
    d.gap(d.size * 0.6);
    let style = d.int(0, 3);
    let size = d.real(13.0, 17.0);
    let b = d.bold;
    let r = match style {
        0 => d.line_al(Al::C, b, size, t),
        1 => d.line_al(Al::L, b, size, t),
        2 => {
            let r = d.line_al(Al::C, b, size, t);
            d.rect(r.x - 10.0, r.y - 6.0, r.w + 20.0, r.h + 10.0, 1.0);
            d.gap(4.0);
            r
        }
        _ => {
            let r = d.line_al(Al::C, b, size, t);
            d.hline(r.x, r.x + r.w, r.y + r.h + 2.0, 0.8);
            r
        }
    };
    d.gap(d.size * 0.8);
    r
}

/// "À Ville, le date" line, right or left aligned.
pub(crate) fn lieu_date(d: &mut Doc, ville: &str, date: NaiveDate) {
    let s = match d.int(0, 2) {
        0 => format!("Fait à {}, le {}", ville, d_slash(date)),
        1 => format!("{}, le {}", ville, d_long(date)),
        _ => format!("À {}, le {}", ville, d_slash(date)),
    };
    let al = if d.chance(0.5) { Al::Rt } else { Al::L };
    let (f, size) = (d.font, d.size);
    d.line_al(al, f, size, &s);
}

/// A signature block with name/quality and a scribble (and sometimes a stamp).
pub(crate) fn sign_block(d: &mut Doc, who: &str, quality: &str) {
    d.gap(10.0);
    let x = if d.chance(0.7) { d.x1 - 200.0 } else { d.x0 };
    let (f, size) = (d.font, d.size);
    if !quality.is_empty() {
        d.line_at(x, f, size, quality);
    }
    if !who.is_empty() {
        let b = d.bold;
        d.line_at(x, b, size, who);
    }
    let y = d.y;
    d.signature(x + 10.0, y, 110.0, 34.0);
    if d.chance(0.3) {
        let word = d.pick(&["CACHET", "VISA", "COPIE CONFORME", "REÇU LE", "ORIGINAL"]);
        d.stamp(x + 150.0, y + 14.0, 28.0, &[word]);
    }
    d.y = y + 44.0;
}

/// A reference line (Réf., N° dossier…) in small type.
pub(crate) fn refs(d: &mut Doc, items: &[(String, String)]) {
    let font = d.font;
    let size = (d.size - 1.0).max(8.0);
    for (k, v) in items {
        d.kv_f(d.x0, k, v, 0.0, font, font, size);
    }
    d.gap(4.0);
}

/// Picks a person's full name in one of the usual orders.
pub(crate) fn full_name(d: &Doc, p: &Person) -> String {
    match d.int(0, 3) {
        0 => format!("{} {}", p.nom, p.prenom),
        1 => format!("{} {}", p.prenom, p.nom),
        2 => format!("{} {} {}", p.civ_court(), p.prenom, p.nom),
        _ => format!("{} {} {}", p.civilite(), p.nom, p.prenom),
    }
}

pub(crate) fn doctor(d: &Doc) -> String {
    let nom = d.pick(data::NOMS).to_string();
    let pre = if d.chance(0.5) {
        d.pick(data::PRENOMS_F)
    } else {
        d.pick(data::PRENOMS_M)
    };
    format!("{} {}", pre, data::titlecase(&nom))
}

pub(crate) fn phone(d: &Doc) -> String {
    format!(
        "0{} {} {} {} {}",
        d.int(1, 9),
        d.digits(2),
        d.digits(2),
        d.digits(2),
        d.digits(2)
    )
}

/// A random date between `from` and `to`.
pub(crate) fn date_in(d: &mut Doc, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let mut r = d.r();
    data::date_between(&mut *r, from, to)
}

/// Footer style for multi-page documents: present on some documents only.
pub(crate) fn maybe_footer(d: &mut Doc, p_footer: f64, left: Option<String>) {
    if d.pages > 1 && d.chance(p_footer) || d.pages == 1 && d.chance(0.08) {
        let style = d.int(0, 4) as u8;
        let align = d.pick(&[Al::C, Al::Rt, Al::Rt, Al::L]);
        let size = d.real(7.5, 9.5);
        d.footer = Some(super::doc::Footer {
            style,
            align,
            left,
            size,
        });
    }
}
