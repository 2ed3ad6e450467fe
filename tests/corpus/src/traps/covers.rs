//! Cover layouts the usual batches never show: the renewal recap as a ruled table, labels in
//! boxes, spaced labels and dot leaders, labels above their values, a guichet's mail-merge
//! letter, the public portal printed from a browser, the national form with one box per
//! character. Each returns where its number and label are, for the damage traps.

use super::super::cover::{body_paragraphs, logo, marianne, CoverBoxes};
use super::super::data::{self, add_months, d_long, d_slash, Foyer, Lien};
use super::super::doc::{Al, Doc, PH, PW, R};
use super::super::household;
use super::super::raster::F;

/// `0761013081664DGALN` → `076 1013 081664 DGALN`.
fn spaced(n: &str) -> String {
    if n.len() == 18 {
        format!("{} {} {} {}", &n[0..3], &n[3..7], &n[7..13], &n[13..18])
    } else {
        n.to_string()
    }
}

/// The number as printed: spaced in groups or contiguous.
fn number_text(d: &Doc, n: &str) -> String {
    if d.chance(0.55) {
        spaced(n)
    } else {
        n.to_string()
    }
}

fn numero(f: &Foyer) -> String {
    f.numero.clone().unwrap_or_default()
}

/// The labels these layouts give the number (no colon).
const LABELS: &[&str] = &[
    "Numéro d'enregistrement unique",
    "Numéro unique",
    "Numéro unique départemental",
    "N° de la demande",
    "Numéro unique",
    "Numéro unique départemental",
    "N° d'enregistrement",
];

fn label(d: &Doc) -> &'static str {
    d.pick(LABELS)
}

fn number_font(d: &Doc) -> F {
    d.pick(&[F::SansB, F::MonoB, F::Sans, F::SerifB, F::Mono, F::SansB])
}

/// The organisation that registered the demande, as its letters name it.
fn organisation(d: &Doc, f: &Foyer) -> String {
    let c = f.adresse.commune;
    if f.guichet == "GDPUB" && d.chance(0.5) {
        return "Service d'enregistrement des demandes en ligne".into();
    }
    match d.int(0, 4) {
        0 => format!("{} Habitat", c.nom),
        1 => format!("Mairie {}", data::de(c.nom)),
        2 => format!("Maison de l'habitat {}", data::de(c.nom)),
        3 => "Action Logement Services".into(),
        _ => format!("Office public de l'habitat {}", data::dep_de(c.dep_nom)),
    }
}

fn lien_libelle(l: Lien) -> &'static str {
    match l {
        Lien::Conjoint => "Conjoint(e)",
        Lien::Codemandeur => "Co-demandeur",
        Lien::Enfant => "Enfant",
        Lien::Autre => "Autre personne",
    }
}

/// Draws `s` at the largest size not above `size` that fits `width`.
fn text_fit(d: &mut Doc, x: f32, base: f32, f: F, size: f32, s: &str, width: f32) -> R {
    let mut sz = size;
    while sz > 6.0 && d.measure(f, sz, s) > width {
        sz -= 0.5;
    }
    d.text(x, base, f, sz, s)
}

/// The closing paragraphs and the signature, as room allows.
fn sign_off(d: &mut Doc, f: &Foyer, renouv: bool, org: &str, max_paras: usize) {
    d.gap(8.0);
    let paras = body_paragraphs(d, f, renouv, org);
    for p in paras.iter().take(max_paras) {
        if d.y > PH - 170.0 {
            break;
        }
        d.para(p);
    }
    if d.y > PH - 90.0 {
        return;
    }
    d.gap(10.0);
    let sx = d.x1 - 200.0;
    let signer = d.pick(&[
        "Le service d'enregistrement",
        "Pour le directeur, par délégation",
        "Le responsable du service logement",
        "L'agent instructeur",
    ]);
    let font = d.font;
    let y = d.y;
    d.text(sx, y + 10.0, font, 9.5, signer);
    if d.chance(0.6) {
        d.signature(sx + 10.0, y + 16.0, 120.0, 34.0);
    }
    if d.chance(0.3) {
        let year = chrono::Datelike::year(&f.attestation).to_string();
        d.stamp(sx - 60.0, y + 38.0, 32.0, &["ENREGISTRÉ", &year]);
    }
    d.y = y + 60.0;
}

/// A renewal recap: the demande's data in a ruled two-column table (the number's row among
/// them, labelled "Numéro d'enregistrement unique :" most often), the household in a second
/// table.
pub(super) fn renewal_table(d: &mut Doc, f: &Foyer, renouv: bool) -> CoverBoxes {
    let c = f.adresse.commune;
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let (b, font) = (d.bold, d.font);
    let issuer = match d.int(0, 2) {
        0 => "Système national d'enregistrement".to_string(),
        1 => format!("{} Habitat", c.nom),
        _ => format!("Service logement - Mairie {}", data::de(c.nom)),
    };
    d.text(x0, top + 12.0, b, 11.5, &issuer);
    d.text(
        x0,
        top + 25.0,
        font,
        8.5,
        "Demande de logement locatif social",
    );
    d.text_al(
        x1,
        top + 12.0,
        Al::Rt,
        font,
        9.0,
        &format!("Édité le {}", d_slash(f.attestation)),
    );
    d.hline(x0, x1, top + 33.0, 0.8);
    d.y = top + 54.0;
    let (t, s) = if renouv {
        (
            "ATTESTATION DE RENOUVELLEMENT",
            "Récapitulatif de votre demande de logement social",
        )
    } else {
        (
            "RÉCAPITULATIF DE VOTRE DEMANDE",
            "Attestation d'enregistrement d'une demande de logement social",
        )
    };
    d.line_al(Al::C, b, d.real(13.5, 16.0), t);
    d.line_al(Al::C, font, 11.0, s);
    d.gap(14.0);
    let lab = if d.chance(0.6) {
        "Numéro d'enregistrement unique :".to_string()
    } else {
        format!("{} :", label(d))
    };
    let num = number_text(d, &numero(f));
    let mut rows: Vec<(String, String)> = vec![
        ("Date de dépôt initiale :".into(), d_slash(f.date_depot)),
        (
            if renouv {
                "Date du renouvellement :"
            } else {
                "Date d'enregistrement :"
            }
            .into(),
            d_slash(f.attestation),
        ),
        (
            "À renouveler avant le :".into(),
            d_slash(add_months(f.attestation, 12)),
        ),
        ("Demandeur :".into(), format!("{} {}", p.nom, p.prenom)),
        ("Date de naissance :".into(), d_slash(p.naissance)),
        ("Adresse :".into(), f.adresse.one_line()),
        ("Guichet enregistreur :".into(), f.guichet.clone()),
    ];
    let pos = if d.chance(0.5) {
        0
    } else {
        d.int(1, 3) as usize
    };
    rows.insert(pos, (lab, num));
    let size = d.size.max(9.5);
    let bold_labels = d.chance(0.5);
    let lf = if bold_labels { b } else { font };
    let lw = rows
        .iter()
        .map(|(l, _)| d.measure(lf, size, l))
        .fold(0.0, f32::max)
        + 14.0;
    let row_h = size * d.real(1.8, 2.2);
    let (nf, ns) = (number_font(d), d.real(11.0, 13.5));
    let mut y = d.y;
    let y_start = y;
    if d.chance(0.5) {
        let shade = d.rng_u8(205, 232);
        d.tint(x0, y, x1 - x0, row_h, shade);
        d.text(x0 + 6.0, y + row_h * 0.68, b, size, "Rubrique");
        d.text(x0 + lw + 6.0, y + row_h * 0.68, b, size, "Information");
        y += row_h;
        d.hline(x0, x1, y, 0.5);
    }
    let mut boxes = None;
    for (i, (l, v)) in rows.iter().enumerate() {
        let base = y + row_h * 0.68;
        let lr = d.text(x0 + 6.0, base, lf, size, l);
        let avail = x1 - x0 - lw - 12.0;
        if i == pos {
            let vr = text_fit(d, x0 + lw + 6.0, base + (ns - size) * 0.3, nf, ns, v, avail);
            boxes = Some(CoverBoxes {
                label: lr,
                number: vr,
            });
        } else {
            text_fit(d, x0 + lw + 6.0, base, font, size, v, avail);
        }
        y += row_h;
        d.hline(x0, x1, y, 0.5);
    }
    d.hline(x0, x1, y_start, 0.5);
    d.vline(x0, y_start, y, 0.5);
    d.vline(x0 + lw, y_start, y, 0.5);
    d.vline(x1, y_start, y + 0.5, 0.5);
    d.y = y + 16.0;
    // the household
    d.line_al(Al::L, b, size + 0.5, "Composition du ménage");
    d.gap(3.0);
    let mut mrows = vec![vec![
        "Nom".to_string(),
        "Prénom".to_string(),
        "Né(e) le".to_string(),
        "Lien".to_string(),
    ]];
    mrows.push(vec![
        p.nom.clone(),
        p.prenom.clone(),
        d_slash(p.naissance),
        "Demandeur".into(),
    ]);
    for (lien, m) in household(f) {
        mrows.push(vec![
            m.nom.clone(),
            m.prenom.clone(),
            d_slash(m.naissance),
            lien_libelle(lien).into(),
        ]);
    }
    let w = x1 - x0;
    d.table(
        x0,
        &[w * 0.32, w * 0.28, w * 0.18, w * 0.22],
        &[Al::L, Al::L, Al::L, Al::L],
        &mrows,
        size - 0.5,
        true,
        2,
    );
    sign_off(d, f, renouv, &issuer, 2);
    boxes.unwrap_or(CoverBoxes {
        label: R::default(),
        number: R::default(),
    })
}

/// A form whose labels stand in boxes: filled in reverse video, tinted, or framed; each value
/// in a framed field beside its label.
pub(super) fn boxed_label(d: &mut Doc, f: &Foyer, renouv: bool) -> CoverBoxes {
    let c = f.adresse.commune;
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let (b, font) = (d.bold, d.font);
    let org = organisation(d, f);
    logo(d, x0, top, &org, 12.0);
    d.text(
        x0,
        top + 44.0,
        font,
        8.5,
        &format!("Guichet enregistreur {} - {} {}", f.guichet, c.cp, c.nom),
    );
    d.text_al(
        x1,
        top + 78.0,
        Al::Rt,
        font,
        10.0,
        &format!("{}, le {}", c.nom, d_long(f.attestation)),
    );
    d.y = top + 100.0;
    let t = if renouv {
        "ATTESTATION DE RENOUVELLEMENT"
    } else {
        "ATTESTATION D'ENREGISTREMENT"
    };
    d.line_al(Al::C, b, d.real(13.5, 16.0), t);
    d.line_al(Al::C, b, 11.0, "Demande de logement locatif social");
    d.gap(16.0);
    let style = d.int(0, 2);
    let colon = d.chance(0.3);
    let lab = label(d);
    let lab = if colon {
        format!("{lab} :")
    } else {
        lab.to_string()
    };
    let num = number_text(d, &numero(f));
    let mut fields: Vec<(String, String)> = vec![
        ("Nom".into(), p.nom.clone()),
        ("Prénom(s)".into(), p.prenoms()),
        ("Date de naissance".into(), d_slash(p.naissance)),
        ("Date de dépôt".into(), d_slash(f.date_depot)),
        ("Guichet".into(), f.guichet.clone()),
    ];
    let pos = if d.chance(0.6) {
        0
    } else {
        d.int(2, 3) as usize
    };
    fields.insert(pos, (lab, num));
    let lsize = 9.5;
    let lbw = fields
        .iter()
        .map(|(l, _)| d.measure(F::SansB, lsize, l))
        .fold(0.0, f32::max)
        + 16.0;
    let fh = d.real(20.0, 25.0);
    let dark = d.rng_u8(25, 75);
    let tint = d.rng_u8(210, 232);
    let (nf, ns) = (number_font(d), d.real(11.5, 14.0));
    let mut y = d.y;
    let mut boxes = None;
    for (i, (l, v)) in fields.iter().enumerate() {
        let base = y + fh * 0.66;
        let lr = match style {
            0 => {
                d.fill(x0, y, lbw, fh, dark);
                d.text_ink(x0 + 8.0, base, F::SansB, lsize, l, 250)
            }
            1 => {
                d.tint(x0, y, lbw, fh, tint);
                d.rect(x0, y, lbw, fh, 0.6);
                d.text(x0 + 8.0, base, F::SansB, lsize, l)
            }
            _ => {
                d.rect(x0, y, lbw, fh, 0.9);
                d.text(x0 + 8.0, base, F::Sans, lsize, l)
            }
        };
        let vx = x0 + lbw + 6.0;
        d.rect(vx, y, x1 - vx, fh, 0.6);
        if i == pos {
            let vr = text_fit(d, vx + 8.0, base + 1.0, nf, ns, v, x1 - vx - 14.0);
            boxes = Some(CoverBoxes {
                label: lr,
                number: vr,
            });
        } else {
            let size = d.size;
            text_fit(d, vx + 8.0, base, font, size, v, x1 - vx - 14.0);
        }
        y += fh + d.real(3.0, 7.0);
    }
    d.y = y + 6.0;
    d.kv("Adresse :", &f.adresse.one_line(), 70.0);
    sign_off(d, f, renouv, &org, 3);
    boxes.unwrap_or(CoverBoxes {
        label: R::default(),
        number: R::default(),
    })
}

/// A letter-spaced label in capitals (`N U M É R O   U N I Q U E`), or a label joined by dot
/// leaders to a number far right; the applicant's lines laid out the same way.
pub(super) fn spaced_label(d: &mut Doc, f: &Foyer, renouv: bool) -> CoverBoxes {
    let c = f.adresse.commune;
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let (b, font) = (d.bold, d.font);
    let org = organisation(d, f);
    d.text(x0, top + 14.0, F::SansB, 12.5, &org.to_uppercase());
    d.text(
        x0,
        top + 27.0,
        font,
        8.5,
        &format!("Guichet enregistreur n° {}", f.guichet),
    );
    d.text(
        x0,
        top + 38.0,
        font,
        8.5,
        &format!("{} {} - {}", c.cp, c.nom, d.pick(data::VOIES)),
    );
    d.text_al(
        x1,
        top + 14.0,
        Al::Rt,
        font,
        10.0,
        &format!("{}, le {}", c.nom, d_slash(f.attestation)),
    );
    d.y = top + 70.0;
    let t = if renouv {
        "Attestation de renouvellement de la demande de logement social"
    } else {
        "Attestation d'enregistrement de la demande de logement social"
    };
    d.line_al(Al::C, b, d.real(12.5, 14.5), t);
    d.gap(18.0);
    let num = number_text(d, &numero(f));
    let (nf, ns) = (number_font(d), d.real(11.5, 14.0));
    let boxes = if d.chance(0.5) {
        let lab = d.pick(&[
            "NUMÉRO UNIQUE",
            "NUMÉRO UNIQUE DÉPARTEMENTAL",
            "N° DE LA DEMANDE",
            "NUMÉRO D'ENREGISTREMENT UNIQUE",
        ]);
        let spaced_lab = lab
            .split(' ')
            .map(|w| w.chars().map(String::from).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("   ");
        let lsize = d.real(9.5, 11.5);
        let base = d.y + lsize;
        let label = d.text(x0, base, b, lsize, &spaced_lab);
        let lw = label.w;
        let nw = d.measure(nf, ns, &num);
        let number = if d.chance(0.5) && x0 + lw + 20.0 + nw < x1 {
            d.text(x1 - nw, base, nf, ns, &num)
        } else {
            let nx = if d.chance(0.5) {
                x0
            } else {
                (x0 + x1 - nw) / 2.0
            };
            d.text(nx, base + ns * 1.6, nf, ns, &num)
        };
        d.y = number.y + number.h + 18.0;
        let tab = 150.0;
        d.kv("N O M", &p.nom, tab);
        d.kv("P R É N O M", &p.prenom, tab);
        d.kv("N É ( E )   L E", &d_slash(p.naissance), tab);
        d.kv("D É P Ô T", &d_slash(f.date_depot), tab);
        CoverBoxes { label, number }
    } else {
        let lab = format!("{} ", label(d));
        let size = d.size.max(10.0);
        let dot_w = d.measure(font, size, ".").max(0.5);
        let leader = |d: &mut Doc, l: &str, v: &str, vf: F, vs: f32| -> (R, R) {
            let base = d.y + vs.max(size);
            let lr = d.text(x0, base, font, size, l);
            let vw = d.measure(vf, vs, v);
            let vr = d.text(x1 - vw, base, vf, vs, v);
            let gap = x1 - vw - 6.0 - (x0 + lr.w + 4.0);
            if gap > dot_w * 3.0 {
                let dots = ".".repeat((gap / dot_w) as usize);
                d.text(x0 + lr.w + 4.0, base, font, size, &dots);
            }
            d.y = base + size * 0.9;
            (lr, vr)
        };
        let (label, number) = leader(d, &lab, &num, nf, ns);
        d.gap(10.0);
        leader(d, "Nom ", &p.nom, font, size);
        leader(d, "Prénom ", &p.prenom, font, size);
        leader(d, "Date de naissance ", &d_slash(p.naissance), font, size);
        leader(d, "Date de dépôt ", &d_slash(f.date_depot), font, size);
        CoverBoxes { label, number }
    };
    d.gap(8.0);
    d.kv("Adresse :", &f.adresse.one_line(), 70.0);
    sign_off(d, f, renouv, &org, 3);
    boxes
}

/// Small labels above their values, in columns: the number's column first or second.
pub(super) fn labels_above(d: &mut Doc, f: &Foyer, renouv: bool) -> CoverBoxes {
    let c = f.adresse.commune;
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let (b, font) = (d.bold, d.font);
    let org = organisation(d, f);
    logo(d, x0, top, &org, 11.0);
    d.text_al(
        x1,
        top + 14.0,
        Al::Rt,
        font,
        9.0,
        &format!("{}, le {}", c.nom, d_long(f.attestation)),
    );
    d.y = top + 62.0;
    let t = if renouv {
        "Votre demande de logement social a été renouvelée"
    } else {
        "Votre demande de logement social est enregistrée"
    };
    d.line_al(Al::L, b, d.real(13.0, 15.5), t);
    let sub = if renouv {
        "Attestation de renouvellement"
    } else {
        "Attestation d'enregistrement"
    };
    d.line_al(Al::L, font, 10.5, sub);
    d.gap(16.0);
    let grey = d.rng_u8(35, 90);
    let lsize = d.real(7.5, 9.0);
    let (nf, ns) = (number_font(d), d.real(11.5, 14.0));
    let num = number_text(d, &numero(f));
    let lab = label(d);
    let vsize = d.real(10.5, 12.0);
    let ruled = d.int(0, 2);
    let mut cols: Vec<(String, String)> = vec![
        ("Date de dépôt".into(), d_slash(f.date_depot)),
        ("Département".into(), format!("{} - {}", c.dep, c.dep_nom)),
        ("Guichet".into(), f.guichet.clone()),
    ];
    let pos = if d.chance(0.7) { 0 } else { 1 };
    cols.insert(pos, (lab.to_string(), num));
    let widths: Vec<f32> = cols
        .iter()
        .enumerate()
        .map(|(i, (l, v))| {
            let (vf, vs) = if i == pos { (nf, ns) } else { (b, vsize) };
            d.measure(font, lsize, l).max(d.measure(vf, vs, v)) + 22.0
        })
        .collect();
    let y = d.y;
    let mut x = x0;
    let mut boxes = None;
    for (i, (l, v)) in cols.iter().enumerate() {
        if x + widths[i] > x1 + 10.0 {
            break;
        }
        let lr = d.text_ink(x, y + lsize, font, lsize, l, grey);
        let (vf, vs) = if i == pos { (nf, ns) } else { (b, vsize) };
        let vr = d.text(x, y + lsize + 6.0 + vs, vf, vs, v);
        if ruled == 1 {
            d.hline(x, x + widths[i] - 12.0, y + lsize + 3.0, 0.4);
        } else if ruled == 2 {
            d.rect(x - 4.0, y - 4.0, widths[i] - 8.0, lsize + vs + 16.0, 0.5);
        }
        if i == pos {
            boxes = Some(CoverBoxes {
                label: lr,
                number: vr,
            });
        }
        x += widths[i];
    }
    d.y = y + lsize + ns.max(vsize) + 26.0;
    // the applicant, the same way
    let people: Vec<(&str, String)> = vec![
        ("Nom", p.nom.clone()),
        ("Prénom", p.prenom.clone()),
        ("Date de naissance", d_slash(p.naissance)),
    ];
    let y = d.y;
    let mut x = x0;
    for (l, v) in &people {
        d.text_ink(x, y + lsize, font, lsize, l, grey);
        let r = d.text(x, y + lsize + 6.0 + vsize, font, vsize, v);
        x += r.w.max(d.measure(font, lsize, l)) + 34.0;
    }
    d.y = y + lsize + vsize + 22.0;
    let y = d.y;
    d.text_ink(x0, y + lsize, font, lsize, "Adresse", grey);
    let size = d.size;
    d.text(
        x0,
        y + lsize + 6.0 + size,
        font,
        size,
        &f.adresse.one_line(),
    );
    d.y = y + lsize + size + 20.0;
    sign_off(d, f, renouv, &org, 3);
    boxes.unwrap_or(CoverBoxes {
        label: R::default(),
        number: R::default(),
    })
}

/// A guichet's mail-merge letter: letterhead, the applicant's address in the window, the
/// references block (the number among them), the object and the letter.
pub(super) fn guichet_mail(d: &mut Doc, f: &Foyer, renouv: bool) -> CoverBoxes {
    let c = f.adresse.commune;
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let (b, font) = (d.bold, d.font);
    let org = organisation(d, f);
    logo(d, x0, top, &org, 13.0);
    let voie = d.pick(data::VOIES);
    let n = d.int(1, 90);
    d.text(
        x0,
        top + 44.0,
        font,
        8.0,
        &format!("{n} {voie} - {} {}", c.cp, c.nom),
    );
    let tel = format!(
        "Tél. 0{} {} {} {} {}",
        d.int(1, 5),
        d.digits(2),
        d.digits(2),
        d.digits(2),
        d.digits(2)
    );
    d.text(x0, top + 54.0, font, 8.0, &tel);
    d.text(
        x0,
        top + 64.0,
        font,
        8.0,
        "accueil.logement@mairie-habitat.fr",
    );
    // window
    let ax = PW * 0.53;
    d.y = top + 118.0;
    let size = 10.0;
    d.line_at(
        ax,
        font,
        size,
        &format!("{} {} {}", p.civilite(), p.prenom, p.nom),
    );
    d.line_at(ax, font, size, &f.adresse.ligne);
    if let Some(cpl) = &f.adresse.complement {
        d.line_at(ax, font, size, cpl);
    }
    d.line_at(ax, font, size, &f.adresse.ville_ligne());
    let window_end = d.y;
    // references
    let rs = d.real(8.0, 9.5);
    let mut y = top + 118.0 + rs;
    let year = chrono::Datelike::year(&f.attestation);
    let initials = d.upper(2);
    let refs = format!("{initials}/{}/{year}-{}", d.upper(2), d.digits(4));
    d.text(x0, y, font, rs, &format!("Nos réf. : {refs}"));
    y += rs * 1.4;
    let agent = format!(
        "{} {}",
        d.pick(data::PRENOMS_F),
        data::titlecase(d.pick(data::NOMS))
    );
    d.text(x0, y, font, rs, &format!("Affaire suivie par : {agent}"));
    y += rs * 1.4;
    d.text(x0, y, font, rs, &tel);
    y += rs * 1.4;
    let lab = d.pick(&[
        "N° de la demande :",
        "Numéro unique :",
        "Numéro unique départemental :",
        "Votre numéro unique :",
        "Vos réf. : n° unique",
    ]);
    let num = number_text(d, &numero(f));
    let lf = if d.chance(0.5) { b } else { font };
    let label = d.text(x0, y, lf, rs, lab);
    let number = if d.chance(0.6) {
        d.text(x0 + label.w + 5.0, y, F::SansB, rs + 1.0, &num)
    } else {
        y += rs * 1.4;
        d.text(x0, y, F::SansB, rs + 1.0, &num)
    };
    d.y = window_end.max(y + 10.0) + 16.0;
    d.line_al(
        Al::Rt,
        font,
        10.0,
        &format!("{}, le {}", c.nom, d_long(f.attestation)),
    );
    d.gap(10.0);
    let objet = if renouv {
        "Objet : renouvellement de votre demande de logement social"
    } else {
        "Objet : enregistrement de votre demande de logement social"
    };
    d.line_al(Al::L, b, 10.5, objet);
    d.line_al(
        Al::L,
        font,
        9.5,
        "P.J. : attestation à joindre à vos envois de pièces justificatives",
    );
    d.gap(10.0);
    d.para(&format!("{},", p.civilite()));
    let paras = body_paragraphs(d, f, renouv, &org);
    for para in paras.iter().take(3) {
        if d.y > PH - 190.0 {
            break;
        }
        d.para(para);
    }
    d.para(&format!(
        "Nous vous prions d'agréer, {}, l'expression de nos salutations distinguées.",
        p.civilite()
    ));
    d.gap(8.0);
    let sx = x1 - 200.0;
    let y = d.y;
    if y < PH - 110.0 {
        d.text(
            sx,
            y + 10.0,
            font,
            9.5,
            "Le responsable du service logement,",
        );
        d.signature(sx + 10.0, y + 16.0, 120.0, 32.0);
        d.text(sx, y + 64.0, b, 9.5, &agent);
    }
    let legal = format!(
        "{org} - {n} {voie}, {} {} - SIRET {} {} {} {}",
        c.cp,
        c.nom,
        d.digits(3),
        d.digits(3),
        d.digits(3),
        d.digits(5)
    );
    d.text_al((x0 + x1) / 2.0, PH - 26.0, Al::C, font, 7.0, &legal);
    CoverBoxes { label, number }
}

/// The public portal's page printed from a browser: the browser's header and footer lines,
/// the site's banner and menu, the number in a card under a small grey label.
pub(super) fn portal_print(d: &mut Doc, f: &Foyer, renouv: bool) -> CoverBoxes {
    let c = f.adresse.commune;
    let p = &f.demandeur;
    let (x0, x1) = (d.x0.min(50.0), d.x1.max(PW - 50.0));
    let font = F::Sans;
    let b = F::SansB;
    let grey = d.rng_u8(45, 100);
    // the browser's own lines
    let when = format!(
        "{} {:02}:{:02}",
        d_slash(f.attestation),
        d.int(8, 19),
        d.int(0, 59)
    );
    d.text_ink(24.0, 20.0, font, 7.0, &when, grey);
    d.text_al(
        PW / 2.0,
        20.0,
        Al::C,
        font,
        7.0,
        "Mon espace - Demande de logement social",
    );
    d.text_ink(
        24.0,
        PH - 14.0,
        font,
        7.0,
        "https://www.demande-logement-social.gouv.fr/espace-demandeur/ma-demande/attestation",
        grey,
    );
    let pages = if d.chance(0.7) { "1/1" } else { "1/2" };
    d.text_al(PW - 24.0, PH - 14.0, Al::Rt, font, 7.0, pages);
    // banner
    let top = 40.0;
    d.fill(x0, top, 7.0, 12.0, 70);
    d.fill(x0 + 7.0, top, 7.0, 12.0, 235);
    d.fill(x0 + 14.0, top, 7.0, 12.0, 150);
    d.text(
        x0 + 28.0,
        top + 10.0,
        b,
        11.0,
        "demande-logement-social.gouv.fr",
    );
    d.text_ink(
        x0 + 28.0,
        top + 21.0,
        font,
        7.0,
        "Le site officiel de la demande de logement social",
        grey,
    );
    d.text_al(
        x1,
        top + 10.0,
        Al::Rt,
        font,
        8.0,
        &format!("Bonjour {} {}", p.prenom, p.nom),
    );
    d.text_al(x1, top + 21.0, Al::Rt, font, 7.5, "Se déconnecter");
    let nav_y = top + 30.0;
    let nav = d.rng_u8(35, 85);
    d.fill(x0, nav_y, x1 - x0, 18.0, nav);
    let mut nx = x0 + 10.0;
    for item in [
        "Accueil",
        "Ma demande",
        "Mes pièces justificatives",
        "Mes messages",
        "Mon compte",
    ] {
        let r = d.text_ink(nx, nav_y + 12.5, font, 8.5, item, 250);
        nx += r.w + 22.0;
    }
    d.text_ink(
        x0,
        nav_y + 34.0,
        font,
        7.5,
        "Accueil  >  Ma demande  >  Mon attestation",
        grey,
    );
    d.y = nav_y + 44.0;
    let h1 = if renouv {
        "Mon attestation de renouvellement"
    } else {
        "Mon attestation d'enregistrement"
    };
    let size_h1 = d.real(14.0, 17.0);
    d.text(x0, d.y + size_h1, b, size_h1, h1);
    d.y += size_h1 + 18.0;
    // the card
    let cy = d.y;
    let ch = 66.0;
    d.tint(x0, cy, x1 - x0, ch, 244);
    d.rect(x0, cy, x1 - x0, ch, 0.5);
    let lab = d.pick(&[
        "Numéro unique",
        "Numéro unique départemental",
        "N° de la demande",
        "Votre numéro unique",
    ]);
    let label = d.text_ink(x0 + 14.0, cy + 20.0, font, 8.5, lab, grey);
    let num = number_text(d, &numero(f));
    let ns = d.real(14.0, 17.0);
    let number = d.text(x0 + 14.0, cy + 22.0 + ns * 1.2, b, ns, &num);
    d.text_ink(x1 - 130.0, cy + 20.0, font, 8.5, "Statut", grey);
    d.rect(x1 - 132.0, cy + 28.0, 104.0, 18.0, 0.6);
    d.text(x1 - 124.0, cy + 41.0, b, 8.5, "Demande active");
    d.y = cy + ch + 18.0;
    let kv = |d: &mut Doc, k: &str, v: &str| {
        let y = d.y;
        d.text_ink(x0 + 4.0, y + 9.0, font, 8.5, k, grey);
        d.text(x0 + 190.0, y + 9.0, font, 9.5, v);
        d.y = y + 15.0;
    };
    d.text(x0, d.y + 11.0, b, 11.0, "Informations de ma demande");
    d.y += 20.0;
    kv(d, "Date de dépôt", &d_slash(f.date_depot));
    let renew = d_slash(add_months(f.attestation, 12));
    kv(d, "À renouveler au plus tard le", &renew);
    kv(d, "Département", &format!("{} ({})", c.dep_nom, c.dep));
    kv(d, "Guichet d'enregistrement", &f.guichet);
    d.y += 10.0;
    d.text(x0, d.y + 11.0, b, 11.0, "Demandeur");
    d.y += 20.0;
    kv(d, "Nom", &p.nom);
    kv(d, "Prénom", &p.prenom);
    kv(d, "Date de naissance", &d_slash(p.naissance));
    kv(d, "Adresse", &f.adresse.one_line());
    d.y += 14.0;
    for (i, t) in ["Télécharger mon attestation (PDF)", "Imprimer cette page"]
        .iter()
        .enumerate()
    {
        let bx = x0 + i as f32 * 210.0;
        let w = d.measure(font, 8.5, t) + 20.0;
        d.rect(bx, d.y, w, 20.0, 0.7);
        let y = d.y;
        d.text(bx + 10.0, y + 13.5, font, 8.5, t);
    }
    d.y += 36.0;
    let texts = [
        "Votre demande est valable un an à compter de sa date de dépôt ou de son dernier renouvellement. Pensez à la renouveler dans votre espace avant la date indiquée.",
        "Pour envoyer vos pièces justificatives par courrier, joignez une copie de cette attestation en première page de votre envoi.",
    ];
    for t in texts {
        let w = x1 - x0;
        d.para_in(x0, w, font, 8.5, t);
        d.gap(4.0);
    }
    d.text_ink(
        x0,
        PH - 40.0,
        font,
        7.0,
        "Mentions légales  |  Accessibilité : partiellement conforme  |  Données personnelles  |  Gestion des cookies",
        grey,
    );
    CoverBoxes { label, number }
}

/// The national form: the number in a comb of eighteen boxes, one character each.
pub(super) fn national_form(d: &mut Doc, f: &Foyer, renouv: bool) -> CoverBoxes {
    let c = f.adresse.commune;
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let (b, font) = (d.bold, d.font);
    let yy = marianne(d, x0, top, &["MINISTÈRE CHARGÉ", "DU LOGEMENT"]);
    d.rect(x1 - 110.0, top, 110.0, 38.0, 0.8);
    d.text(x1 - 100.0, top + 18.0, F::SansB, 15.0, "cerfa");
    d.text(x1 - 100.0, top + 31.0, F::Sans, 8.0, "N° 14069*04");
    d.y = yy + 4.0;
    let t = if renouv {
        "ATTESTATION DE RENOUVELLEMENT D'UNE DEMANDE DE LOGEMENT LOCATIF SOCIAL"
    } else {
        "ATTESTATION D'ENREGISTREMENT D'UNE DEMANDE DE LOGEMENT LOCATIF SOCIAL"
    };
    d.line_al(Al::C, b, d.real(11.5, 13.0), t);
    d.line_al(
        Al::C,
        font,
        8.0,
        "(article R. 441-2-4 du code de la construction et de l'habitation)",
    );
    d.gap(10.0);
    let band = d.rng_u8(200, 228);
    let section = |d: &mut Doc, s: &str| {
        let y = d.y;
        let (x0, x1) = (d.x0, d.x1);
        d.tint(x0, y, x1 - x0, 16.0, band);
        d.text(x0 + 6.0, y + 11.5, F::SansB, 9.0, s);
        d.y = y + 24.0;
    };
    section(d, "1 - IDENTIFICATION DE LA DEMANDE");
    let lab = d.pick(&[
        "Numéro unique départemental",
        "Numéro d'enregistrement unique",
        "Numéro unique",
        "N° de la demande",
    ]);
    let lsize = 9.5;
    let cw = d.real(14.0, 17.0);
    let chh = cw * 1.25;
    let gap = 5.0;
    let comb_w = 18.0 * cw + 3.0 * gap;
    let lw = d.measure(font, lsize, lab);
    let same_line = x0 + lw + 12.0 + comb_w < x1 && d.chance(0.5);
    let base = d.y + chh * 0.7;
    let label = d.text(x0, base, font, lsize, lab);
    let (cx0, cy) = if same_line {
        (x1 - comb_w, d.y)
    } else {
        (x0, d.y + lsize + 8.0)
    };
    let nf = d.pick(&[F::Mono, F::Sans, F::MonoB]);
    let ns = cw * 0.72;
    let number = comb(d, cx0, cy, cw, chh, gap, &[3, 7, 13], &numero(f), nf, ns);
    d.y = cy + chh + 12.0;
    let dl = d.text(x0, d.y + chh * 0.7, font, lsize, "Date de dépôt");
    let dd = f.date_depot.format("%d%m%Y").to_string();
    let y = d.y;
    comb(d, x0 + dl.w + 14.0, y, cw, chh, gap, &[2, 4], &dd, nf, ns);
    d.y = y + chh + 14.0;
    section(d, "2 - DEMANDEUR");
    let fields = [
        ("Nom de naissance", p.nom.clone()),
        ("Prénom(s)", p.prenoms()),
        ("Date de naissance", d_slash(p.naissance)),
        ("Adresse", f.adresse.one_line()),
    ];
    for (l, v) in fields {
        let y = d.y + 12.0;
        let lr = d.text(x0, y, font, lsize, l);
        let vx = x0 + 120.0f32.max(lr.w + 10.0);
        let dots = ".".repeat(((x1 - vx) / d.measure(font, 8.0, ".").max(0.5)) as usize);
        d.text_ink(vx, y + 2.0, font, 8.0, &dots, 150);
        let size = d.size;
        text_fit(d, vx + 4.0, y - 1.0, F::Mono, size, &v, x1 - vx - 8.0);
        d.y = y + 10.0;
    }
    d.gap(6.0);
    section(d, "3 - GUICHET ENREGISTREUR");
    let y = d.y;
    let gl = d.text(x0, y + chh * 0.7, font, lsize, "Code guichet");
    comb(
        d,
        x0 + gl.w + 14.0,
        y,
        cw,
        chh,
        gap,
        &[],
        &f.guichet,
        nf,
        ns,
    );
    d.y = y + chh + 8.0;
    d.kv(
        "Département :",
        &format!("{} - {}", c.dep, c.dep_nom),
        110.0,
    );
    let small = 8.0;
    let paras = body_paragraphs(d, f, renouv, "du guichet enregistreur");
    d.gap(6.0);
    for para in paras.iter().take(3) {
        if d.y > PH - 160.0 {
            break;
        }
        let w = x1 - x0;
        d.para_in(x0, w, font, small, para);
        d.gap(3.0);
    }
    let y = d.y + 8.0;
    if y < PH - 100.0 {
        d.rect(x1 - 170.0, y, 170.0, 70.0, 0.6);
        d.text(
            x1 - 164.0,
            y + 11.0,
            font,
            7.5,
            "Cachet et signature du service",
        );
        if d.chance(0.6) {
            d.signature(x1 - 150.0, y + 24.0, 110.0, 32.0);
        }
    }
    CoverBoxes { label, number }
}

/// A comb of boxes, one character each, with wider gaps before the given positions; returns
/// the comb's box.
#[allow(clippy::too_many_arguments)]
fn comb(
    d: &mut Doc,
    x: f32,
    y: f32,
    cw: f32,
    ch: f32,
    gap: f32,
    breaks: &[usize],
    s: &str,
    f: F,
    size: f32,
) -> R {
    let mut cx = x;
    for (i, c) in s.chars().enumerate() {
        if breaks.contains(&i) {
            cx += gap;
        }
        d.rect(cx, y, cw, ch, 0.6);
        let t = c.to_string();
        d.text_al(cx + cw / 2.0, y + ch * 0.72, Al::C, f, size, &t);
        cx += cw;
    }
    R {
        x,
        y,
        w: cx - x,
        h: ch,
    }
}
