//! Identity documents photocopied on A4: the 2021 identity card (TD1), the 1988 laminated
//! card, passports (TD3), residence permits (TD1 `IR`), long-stay visas (MRV-A) and the
//! préfecture's récépissé.

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::data::{self, Foyer, Person, Sexe};
use crate::doc::{Al, Doc, PW};
use crate::raster::F;

pub(crate) const CID: &[Tpl] = &[
    cid_card_2021,
    cid_card_1988,
    cid_passport,
    cid_copy_certified,
];
pub(crate) const CIDC: &[Tpl] = &[cidc_card_2021, cidc_card_1988, cidc_passport];
pub(crate) const TSJ: &[Tpl] = &[tsj_card, tsj_visa, tsj_recepisse];
pub(crate) const TSJC: &[Tpl] = &[tsjc_card, tsjc_visa, tsjc_recepisse];

fn cid_card_2021(d: &mut Doc, f: &Foyer) {
    id_card_2021(d, f, &f.demandeur);
}
fn cid_card_1988(d: &mut Doc, f: &Foyer) {
    id_card_1988(d, f, &f.demandeur);
}
fn cid_passport(d: &mut Doc, f: &Foyer) {
    passport(d, f, &f.demandeur);
}
fn cid_copy_certified(d: &mut Doc, f: &Foyer) {
    // a copy handed in at a CCAS counter, "copie conforme à l'original" stamped beside it
    id_card_2021(d, f, &f.demandeur);
    let y = d.y.min(crate::doc::PH - 150.0);
    let x = d.x0 + d.real(10.0, 200.0);
    let c = local(d, f);
    let ccas = format!("CCAS {}", data::de(c.nom).to_uppercase());
    let when = data::d_slash(ago(d, f, 0, 20));
    office_stamp(
        d,
        x,
        y + 10.0,
        &[&ccas, "COPIE CONFORME", "À L'ORIGINAL PRÉSENTÉ", &when],
    );
    d.signature(x + 160.0, y + 15.0, 80.0, 26.0);
}
fn cidc_card_2021(d: &mut Doc, f: &Foyer) {
    let p = about(d, f, partner(f));
    id_card_2021(d, f, p);
}
fn cidc_card_1988(d: &mut Doc, f: &Foyer) {
    let p = about(d, f, partner(f));
    id_card_1988(d, f, p);
}
fn cidc_passport(d: &mut Doc, f: &Foyer) {
    let p = about(d, f, partner(f));
    passport(d, f, p);
}
fn tsj_card(d: &mut Doc, f: &Foyer) {
    residence_card(d, f, &f.demandeur);
}
fn tsj_visa(d: &mut Doc, f: &Foyer) {
    long_stay_visa(d, f, &f.demandeur);
}
fn tsj_recepisse(d: &mut Doc, f: &Foyer) {
    recepisse(d, f, &f.demandeur);
}
fn tsjc_card(d: &mut Doc, f: &Foyer) {
    let p = about(d, f, partner(f));
    residence_card(d, f, p);
}
fn tsjc_visa(d: &mut Doc, f: &Foyer) {
    let p = about(d, f, partner(f));
    long_stay_visa(d, f, p);
}
fn tsjc_recepisse(d: &mut Doc, f: &Foyer) {
    let p = about(d, f, partner(f));
    recepisse(d, f, p);
}

/// A card drawn in millimetres from its top-left corner, at `k` points per millimetre.
struct Card {
    x: f32,
    y: f32,
    k: f32,
}

impl Card {
    fn px(&self, mm: f32) -> f32 {
        self.x + mm * self.k
    }
    fn py(&self, mm: f32) -> f32 {
        self.y + mm * self.k
    }
    fn s(&self, pt: f32) -> f32 {
        pt * self.k / 2.835
    }
    /// A small caption and its value below it.
    fn field(&self, d: &mut Doc, xm: f32, ym: f32, cap: &str, val: &str) {
        d.text(self.px(xm), self.py(ym), F::Sans, self.s(4.2), cap);
        d.text(self.px(xm), self.py(ym + 3.4), F::SansB, self.s(6.4), val);
    }
}

/// Places two ID-1 faces (recto above verso, or side by side) on the page at a copier's
/// scale; returns them.
fn two_faces(d: &mut Doc) -> (Card, Card) {
    let k = 2.835 * d.real(1.05, 1.55);
    let (w, h) = (85.6 * k, 54.0 * k);
    let side = w * 2.0 + 30.0 < PW - 50.0 && d.chance(0.5);
    let x = if side {
        (PW - 2.0 * w - 20.0) / 2.0
    } else {
        d.real(50.0, (PW - w - 45.0).max(55.0))
    };
    let y = d.real(60.0, 140.0);
    let a = Card { x, y, k };
    let b = if side {
        Card {
            x: x + w + 20.0,
            y: y + d.real(-6.0, 6.0),
            k,
        }
    } else {
        Card {
            x: x + d.real(-12.0, 12.0),
            y: y + h + d.real(25.0, 60.0),
            k,
        }
    };
    let g = d.int(205, 240) as u8;
    card_ground(d, a.x, a.y, w, h, g);
    card_ground(d, b.x, b.y, w, h, g);
    d.y = b.y.max(a.y) + h + 20.0;
    (a, b)
}

fn sex_fr(p: &Person) -> &'static str {
    if p.sexe == Sexe::F {
        "F"
    } else {
        "M"
    }
}

fn birth_place(p: &Person) -> String {
    p.lieu_naissance.to_uppercase()
}

fn card_issue(d: &Doc, f: &Foyer, from: NaiveDate, years: i32) -> (NaiveDate, NaiveDate) {
    let lo = from.max(data::add_months(f.today, -12 * years + 2));
    let issued = between(d, lo, f.today - chrono::Duration::days(20));
    let expiry = data::add_months(issued, 12 * years) - chrono::Duration::days(1);
    (issued, expiry)
}

/// The identity card of August 2021 (ID-1, TD1 MRZ on the back). A foreign holder's copy is
/// his national passport instead.
fn id_card_2021(d: &mut Doc, f: &Foyer, p: &Person) {
    if p.nat.is_some() {
        return passport(d, f, p);
    }
    let (a, b) = two_faces(d);
    let (issued, expiry) = card_issue(d, f, data::ymd(2021, 8, 2), 10);
    let num = format!(
        "{}{}{}{}",
        d.upper(1),
        d.digits(1),
        d.upper(4),
        d.upper(1) + &d.digits(2)
    );
    let can = d.digits(6);
    // recto
    d.text(
        a.px(4.0),
        a.py(5.5),
        F::SansB,
        a.s(6.5),
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(
        a.px(48.0),
        a.py(5.5),
        F::Sans,
        a.s(5.0),
        "CARTE NATIONALE D'IDENTITÉ",
    );
    d.text(a.px(48.0), a.py(8.5), F::Sans, a.s(4.2), "IDENTITY CARD");
    d.text(
        a.px(4.0),
        a.py(11.0),
        F::Sans,
        a.s(4.6),
        &format!("FRA   N° {num}"),
    );
    d.photo(a.px(3.5), a.py(14.0), 22.0 * a.k, 28.0 * a.k);
    a.field(d, 29.0, 16.0, "NOM / Surname", &p.nom);
    a.field(
        d,
        29.0,
        23.5,
        "Prénoms / Given names",
        &p.prenoms().to_uppercase(),
    );
    a.field(d, 29.0, 31.0, "SEXE / Sex", sex_fr(p));
    a.field(d, 47.0, 31.0, "NATIONALITÉ", "FRA");
    a.field(d, 64.0, 31.0, "DATE DE NAISS.", &data::d_dots(p.naissance));
    a.field(
        d,
        29.0,
        38.5,
        "LIEU DE NAISSANCE / Place of birth",
        &birth_place(p),
    );
    a.field(
        d,
        29.0,
        46.0,
        "DATE D'EXPIR. / Expiry date",
        &data::d_dots(expiry),
    );
    d.text(a.px(71.0), a.py(50.5), F::MonoB, a.s(7.0), &can);
    d.signature(a.px(4.0), a.py(43.5), 20.0 * a.k, 8.0 * a.k);
    // verso
    let c = local(d, f);
    if d.chance(0.4) {
        b.field(d, 4.0, 5.0, "Nom d'usage / Alternative name", "—");
    }
    b.field(
        d,
        4.0,
        12.0,
        "Date de délivrance / Date of issue",
        &data::d_dots(issued),
    );
    b.field(
        d,
        4.0,
        19.0,
        "Autorité de délivrance",
        &format!("Préfecture {}", data::dep_de(c.dep_nom)),
    );
    datamatrix(d, b.px(66.0), b.py(3.0), 16.0 * b.k);
    let l1 = format!("IDFRA{}{}{}", num, data::mrz_check(&num), "<".repeat(15));
    let mut l2 = format!(
        "{}{}{}{}{}FRA{}",
        data::yymmdd(p.naissance),
        data::mrz_check(&data::yymmdd(p.naissance)),
        sex_fr(p),
        data::yymmdd(expiry),
        data::mrz_check(&data::yymmdd(expiry)),
        "<".repeat(11)
    );
    l2.push(data::mrz_td1_composite(&l1, &l2));
    let l3 = mrz_holder(p, 30);
    let size = mrz_size(d, 30, 78.0 * b.k);
    mrz_block(d, b.px(4.0), b.py(36.0), size, &[l1, l2, l3]);
}

/// The laminated card of 1988 (2 × 36 MRZ on the front, address on the back).
fn id_card_1988(d: &mut Doc, f: &Foyer, p: &Person) {
    if p.nat.is_some() {
        return passport(d, f, p);
    }
    let (a, b) = two_faces(d);
    let issued = between(
        d,
        data::ymd(2011, 1, 1).max(data::add_months(f.today, -12 * 15 + 3)),
        data::ymd(2021, 6, 30),
    );
    let c = local(d, f);
    let dep3 = c.dep.to_string();
    let office = d.digits(3);
    let number = format!(
        "{:02}{:02}{}{}",
        issued.year() % 100,
        issued.month(),
        dep3,
        d.digits(5)
    );
    // recto
    d.text(
        a.px(4.0),
        a.py(6.0),
        F::SerifB,
        a.s(7.0),
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(
        a.px(4.0),
        a.py(10.5),
        F::Sans,
        a.s(5.2),
        &format!("CARTE NATIONALE D'IDENTITÉ N° : {number}"),
    );
    d.text(
        a.px(56.0),
        a.py(14.0),
        F::Sans,
        a.s(4.6),
        "Nationalité Française",
    );
    d.photo(a.px(3.0), a.py(13.0), 24.0 * a.k, 29.0 * a.k);
    let rows = [
        ("Nom :", p.nom.clone()),
        ("Prénom(s) :", p.prenoms()),
        ("Sexe :", sex_fr(p).to_string()),
        ("Né(e) le :", data::d_dots(p.naissance)),
        ("à :", p.lieu_naissance.clone()),
        ("Taille :", format!("1,{}m", d.int(52, 92))),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        let ym = 17.5 + i as f32 * 3.6;
        d.text(a.px(29.0), a.py(ym), F::Serif, a.s(4.8), k);
        let w = d.measure(F::Serif, a.s(4.8), k);
        d.text(a.px(29.0) + w + 3.0, a.py(ym), F::MonoB, a.s(5.6), v);
    }
    d.text(
        a.px(29.0),
        a.py(40.5),
        F::Serif,
        a.s(4.3),
        "Signature du titulaire :",
    );
    d.signature(a.px(50.0), a.py(37.0), 22.0 * a.k, 6.0 * a.k);
    let l1 = data::pad(&format!("IDFRA{}", data::mrz_name(&p.nom)), 30) + &dep3 + &office;
    let given = data::mrz_name(&p.prenoms().replace(", ", "  ").replace(' ', "<"));
    let mut l2 = format!(
        "{}{}{}{}{}{}",
        number,
        data::mrz_check(&number),
        data::pad(&given, 14),
        data::yymmdd(p.naissance),
        data::mrz_check(&data::yymmdd(p.naissance)),
        sex_fr(p)
    );
    l2.push(data::mrz_fr1988_composite(&l1, &l2));
    let size = mrz_size(d, 36, 80.0 * a.k);
    mrz_block(d, a.px(3.0), a.py(47.0), size, &[l1, l2]);
    // verso
    let mut yy = b.py(7.0);
    d.text(b.px(4.0), yy, F::Serif, b.s(4.8), "Adresse :");
    for l in addr_lines(f, true) {
        d.text(b.px(18.0), yy, F::MonoB, b.s(5.2), &l);
        yy += b.s(7.0);
    }
    let until = data::add_months(issued, 12 * 15) - chrono::Duration::days(1);
    let vlines = [
        format!("Carte valable jusqu'au : {}", data::d_dots(until)),
        format!("délivrée le : {}", data::d_dots(issued)),
        format!(
            "par : {}",
            if d.chance(0.5) {
                format!("Préfecture {}", data::dep_de(c.dep_nom))
            } else {
                format!("Sous-préfecture {}", data::de(c.nom))
            }
        ),
    ];
    let mut yy = b.py(25.0);
    for l in &vlines {
        d.text(b.px(4.0), yy, F::Serif, b.s(5.0), l);
        yy += b.s(7.5);
    }
    d.text(
        b.px(50.0),
        b.py(46.0),
        F::Serif,
        b.s(4.3),
        "Signature de l'autorité :",
    );
    d.signature(b.px(54.0), b.py(46.5), 24.0 * b.k, 6.0 * b.k);
    d.stamp(b.px(70.0), b.py(20.0), 9.0 * b.k, &["PRÉFECTURE", &dep3]);
    if d.chance(0.5) {
        let txt = "Validité prolongée de 5 ans pour les cartes délivrées à des personnes majeures entre le 02/01/2004 et le 31/12/2013";
        let x0 = d.x0;
        let w = d.x1 - d.x0;
        d.para_in(x0, w, F::Sans, 7.0, txt);
    }
}

/// The data page of a passport (TD3), French or of the holder's country, sometimes with the
/// facing page of endorsements.
fn passport(d: &mut Doc, f: &Foyer, p: &Person) {
    let (iso, country) = match p.nat {
        Some(i) => (data::NATS[i].iso, data::NATS[i].pays.to_uppercase()),
        None => ("FRA", "RÉPUBLIQUE FRANÇAISE".to_string()),
    };
    let k = 2.835 * d.real(1.0, 1.35);
    let (w, h) = (125.0 * k, 88.0 * k);
    let x = (PW - w) / 2.0 + d.real(-20.0, 20.0);
    let facing = d.chance(0.6);
    let y = if facing {
        h + d.real(40.0, 90.0)
    } else {
        d.real(90.0, 230.0)
    };
    let g = d.int(215, 242) as u8;
    // the facing (upper) page: lines for observations
    if facing {
        d.tint(x, y - h, w, h, g.saturating_add(6));
        d.rect(x, y - h, w, h, 0.6);
        for i in 0..9 {
            let yy = y - h + 14.0 + i as f32 * (h - 20.0) / 9.0;
            d.hline(x + 12.0, x + w - 12.0, yy, 0.3);
        }
        let t = if iso == "FRA" {
            "OBSERVATIONS / OBSERVATIONS"
        } else {
            "OBSERVATIONS"
        };
        d.text(x + 12.0, y - h + 10.0, F::Sans, 6.0, t);
    }
    card_ground(d, x, y, w, h, g);
    let c = Card { x, y, k };
    let (issued, expiry) = card_issue(d, f, data::ymd(2015, 1, 1), 10);
    let num = if iso == "FRA" {
        format!("{}{}{}", d.digits(2), d.upper(2), d.digits(5))
    } else {
        format!("{}{}", d.upper(1), d.digits(8))
    };
    d.text(c.px(5.0), c.py(6.0), F::SansB, c.s(7.0), &country);
    d.text(
        c.px(70.0),
        c.py(6.0),
        F::SansB,
        c.s(7.0),
        "PASSEPORT / PASSPORT",
    );
    d.photo(c.px(5.0), c.py(12.0), 32.0 * k, 40.0 * k);
    let rows: [(&str, String, f32, f32); 10] = [
        ("Type / Type", "P".into(), 42.0, 12.0),
        ("Code du pays / Country code", iso.into(), 58.0, 12.0),
        ("Passeport n° / Passport No.", num.clone(), 90.0, 12.0),
        ("Nom / Surname", p.nom.clone(), 42.0, 19.0),
        ("Prénoms / Given names", p.prenoms(), 42.0, 26.0),
        (
            "Nationalité / Nationality",
            p.nationalite().to_uppercase(),
            42.0,
            33.0,
        ),
        (
            "Date de naissance / Date of birth",
            data::d_slash(p.naissance),
            90.0,
            33.0,
        ),
        ("Sexe / Sex", sex_fr(p).into(), 42.0, 40.0),
        (
            "Lieu de naissance / Place of birth",
            birth_place(p),
            58.0,
            40.0,
        ),
        (
            "Date de délivrance / Date of issue",
            data::d_slash(issued),
            42.0,
            47.0,
        ),
    ];
    for (cap, val, xm, ym) in rows.iter() {
        c.field(d, *xm, *ym, cap, val);
    }
    c.field(
        d,
        90.0,
        47.0,
        "Date d'expiration / Date of expiry",
        &data::d_slash(expiry),
    );
    let auth = if iso == "FRA" {
        format!("Préfecture {}", data::dep_de(f.adresse.commune.dep_nom))
    } else {
        format!("Consulat {}", data::de(f.adresse.commune.prefecture))
    };
    c.field(d, 42.0, 54.0, "Autorité / Authority", &auth);
    d.signature(c.px(90.0), c.py(52.0), 24.0 * k, 8.0 * k);
    let l1 = data::pad(&format!("P<{}{}", iso, mrz_holder(p, 39)), 44);
    let mut l2 = format!(
        "{}{}{}{}{}{}{}{}{}{}",
        data::pad(&num, 9),
        data::mrz_check(&data::pad(&num, 9)),
        iso,
        data::yymmdd(p.naissance),
        data::mrz_check(&data::yymmdd(p.naissance)),
        sex_fr(p),
        data::yymmdd(expiry),
        data::mrz_check(&data::yymmdd(expiry)),
        "<".repeat(14),
        "0"
    );
    l2.push(data::mrz_td3_composite(&l2));
    let size = mrz_size(d, 44, 116.0 * k);
    mrz_block(d, c.px(4.5), c.py(72.0), size, &[l1, l2]);
    d.y = y + h + 30.0;
}

/// The residence permit card (TD1, document code `IR`): carte de séjour temporaire or
/// pluriannuelle, carte de résident, certificat de résidence for Algerian nationals.
fn residence_card(d: &mut Doc, f: &Foyer, p: &Person) {
    let ni = p
        .nat
        .unwrap_or(d.int(0, data::NATS.len() as i64 - 1) as usize);
    let nat = &data::NATS[ni];
    let (a, b) = two_faces(d);
    let (kind, years, mention) = if nat.iso == "DZA" {
        (
            "CERTIFICAT DE RÉSIDENCE ALGÉRIEN",
            d.pick(&[1, 10]),
            d.pick(&["VIE PRIVÉE ET FAMILIALE", "SALARIÉ", "RÉSIDENT 10 ANS"]),
        )
    } else {
        match d.int(0, 3) {
            0 => ("CARTE DE SÉJOUR TEMPORAIRE", 1, "VIE PRIVÉE ET FAMILIALE"),
            1 => ("CARTE DE SÉJOUR PLURIANNUELLE", 4, "SALARIÉ"),
            2 => ("CARTE DE RÉSIDENT", 10, "RÉSIDENT"),
            _ => ("CARTE DE SÉJOUR TEMPORAIRE", 1, "TRAVAILLEUR TEMPORAIRE"),
        }
    };
    let (issued, expiry) = card_issue(d, f, data::ymd(2020, 6, 1), years);
    let num = format!("{}{}", d.digits(2), d.upper(1) + &d.digits(6));
    let agdref = d.digits(10);
    d.text(
        a.px(4.0),
        a.py(5.5),
        F::SansB,
        a.s(6.2),
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(a.px(50.0), a.py(5.5), F::SansB, a.s(5.6), "TITRE DE SÉJOUR");
    d.text(a.px(50.0), a.py(8.6), F::Sans, a.s(4.2), "RESIDENCE PERMIT");
    d.photo(a.px(3.5), a.py(12.0), 22.0 * a.k, 28.0 * a.k);
    a.field(d, 29.0, 12.5, "NOM / Surname", &p.nom);
    a.field(
        d,
        29.0,
        19.5,
        "Prénoms / Given names",
        &p.prenoms().to_uppercase(),
    );
    a.field(d, 29.0, 26.5, "SEXE", sex_fr(p));
    a.field(d, 41.0, 26.5, "NAT.", nat.iso);
    a.field(
        d,
        56.0,
        26.5,
        "DATE DE NAISSANCE",
        &data::d_dots(p.naissance),
    );
    a.field(d, 29.0, 33.5, "TYPE DE TITRE", kind);
    a.field(d, 29.0, 40.5, "REMARQUES", mention);
    a.field(d, 29.0, 47.5, "VALABLE JUSQU'AU", &data::d_dots(expiry));
    a.field(d, 62.0, 47.5, "N° DU TITRE", &num);
    d.text(
        a.px(4.0),
        a.py(51.0),
        F::Sans,
        a.s(4.4),
        &format!("N° étranger {agdref}"),
    );
    // verso
    let c = local(d, f);
    let addr = format!("{} {}", f.adresse.ligne, f.adresse.ville_ligne()).to_uppercase();
    b.field(d, 4.0, 4.5, "LIEU DE NAISSANCE", &birth_place(p));
    b.field(d, 4.0, 11.5, "ADRESSE", &addr);
    b.field(
        d,
        4.0,
        18.5,
        "DÉLIVRÉ PAR",
        &format!("PRÉFECTURE {}", data::dep_de(c.dep_nom).to_uppercase()),
    );
    b.field(d, 54.0, 18.5, "LE", &data::d_dots(issued));
    if mention != "RÉSIDENT" {
        d.text(
            b.px(4.0),
            b.py(28.5),
            F::Sans,
            b.s(4.6),
            "AUTORISE SON TITULAIRE À TRAVAILLER",
        );
    }
    let l1 = format!("IRFRA{}{}{}", num, data::mrz_check(&num), "<".repeat(15));
    let mut l2 = format!(
        "{}{}{}{}{}{}{}",
        data::yymmdd(p.naissance),
        data::mrz_check(&data::yymmdd(p.naissance)),
        sex_fr(p),
        data::yymmdd(expiry),
        data::mrz_check(&data::yymmdd(expiry)),
        nat.iso,
        "<".repeat(11)
    );
    l2.push(data::mrz_td1_composite(&l1, &l2));
    let l3 = mrz_holder(p, 30);
    let size = mrz_size(d, 30, 78.0 * b.k);
    mrz_block(d, b.px(4.0), b.py(36.0), size, &[l1, l2, l3]);
}

/// The long-stay visa (VLS-TS) sticker in a passport page, MRV-A machine zone.
fn long_stay_visa(d: &mut Doc, f: &Foyer, p: &Person) {
    let ni = p
        .nat
        .unwrap_or(d.int(0, data::NATS.len() as i64 - 1) as usize);
    let nat = &data::NATS[ni];
    let k = 2.835 * d.real(1.1, 1.4);
    let (pw, ph) = (125.0 * k, 88.0 * k);
    let x = (PW - pw) / 2.0;
    let y = d.real(70.0, 160.0);
    // the passport page, then the sticker on it
    d.rect(x, y, pw, ph, 0.6);
    let g = d.int(222, 244) as u8;
    let (sw, sh) = (120.0 * k, 80.0 * k);
    let (sx, sy) = (x + 2.5 * k, y + 4.0 * k);
    d.tint(sx, sy, sw, sh, g);
    d.rect(sx, sy, sw, sh, 0.5);
    let c = Card { x: sx, y: sy, k };
    let from = ago(d, f, 30, 300);
    let days = d.pick(&[365i64, 365, 180, 90]);
    let until = from + chrono::Duration::days(days);
    let vnum = format!("FRA{}", d.digits(9));
    d.text(c.px(4.0), c.py(6.0), F::SansB, c.s(8.0), "VISA");
    d.text(c.px(70.0), c.py(6.0), F::MonoB, c.s(8.0), &vnum);
    c.field(d, 4.0, 10.0, "VALABLE POUR / VALID FOR", "FRANCE");
    c.field(d, 4.0, 17.0, "DU / FROM", &data::d_dots(from));
    c.field(d, 40.0, 17.0, "AU / UNTIL", &data::d_dots(until));
    c.field(d, 4.0, 24.0, "TYPE DE VISA", "D");
    c.field(d, 30.0, 24.0, "NOMBRE D'ENTRÉES", "MULT");
    c.field(d, 65.0, 24.0, "DURÉE DE SÉJOUR", &format!("{days} JOURS"));
    c.field(
        d,
        4.0,
        31.0,
        "DÉLIVRÉ À / ISSUED IN",
        &format!("{} LE {}", nat.pays.to_uppercase(), data::d_dots(from)),
    );
    c.field(
        d,
        4.0,
        38.0,
        "NOM, PRÉNOM / NAME",
        &format!("{}, {}", p.nom, p.prenoms()),
    );
    c.field(
        d,
        4.0,
        45.0,
        "N° PASSEPORT",
        &format!("{}{}", d.upper(2), d.digits(7)),
    );
    let motif = d.pick(&[
        "VLS-TS VIE PRIVÉE ET FAMILIALE",
        "VLS-TS CONJOINT DE FRANÇAIS",
        "VLS-TS SALARIÉ",
        "VLS-TS ÉTUDIANT",
        "VLS-TS VISITEUR",
    ]);
    c.field(d, 4.0, 52.0, "REMARQUES", motif);
    d.photo(c.px(92.0), c.py(10.0), 24.0 * k, 30.0 * k);
    let l1 = data::pad(&format!("V<FRA{}", mrz_holder(p, 39)), 44);
    let vn9 = data::pad(&vnum[3..], 9);
    let l2 = format!(
        "{}{}{}{}{}{}{}{}{}",
        vn9,
        data::mrz_check(&vn9),
        nat.iso,
        data::yymmdd(p.naissance),
        data::mrz_check(&data::yymmdd(p.naissance)),
        sex_fr(p),
        data::yymmdd(until),
        data::mrz_check(&data::yymmdd(until)),
        "<".repeat(16)
    );
    let size = mrz_size(d, 44, 112.0 * k);
    mrz_block(d, c.px(4.0), c.py(66.0), size, &[l1, l2]);
    // the validation sticker of the OFII / ANEF, stuck under it
    d.y = y + ph + 25.0;
    if d.chance(0.6) {
        let x0 = d.x0;
        let yy = d.y;
        office_stamp(
            d,
            x0 + 20.0,
            yy,
            &[
                "VISA LONG SÉJOUR VALIDÉ",
                &format!(
                    "LE {}",
                    data::d_slash(from + chrono::Duration::days(d.int(20, 80)))
                ),
                "ANEF — MINISTÈRE DE L'INTÉRIEUR",
            ],
        );
        d.y += 50.0;
    }
}

/// The préfecture's A4 récépissé of a residence permit application.
fn recepisse(d: &mut Doc, f: &Foyer, p: &Person) {
    let ni = p
        .nat
        .unwrap_or(d.int(0, data::NATS.len() as i64 - 1) as usize);
    let nat = &data::NATS[ni];
    let c = local(d, f);
    let x0 = d.x0;
    let top = d.y;
    let yb = rf_mark(
        d,
        x0,
        top,
        &[
            &format!("PRÉFET {}", data::dep_de(c.dep_nom).to_uppercase()),
            "Direction des migrations et de l'intégration",
            "Bureau du séjour",
        ],
    );
    d.y = yb + 8.0;
    let n = d.int(1, 4);
    let what = d.pick(&[
        "RÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR",
        "RÉCÉPISSÉ DE DEMANDE DE TITRE DE SÉJOUR",
        "RÉCÉPISSÉ DE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
    ]);
    title(d, what, 12.5);
    let (b, size) = (d.bold, d.size);
    d.line_al(
        Al::C,
        b,
        size - 1.0,
        &format!("{}e demande de récépissé", n),
    );
    d.gap(8.0);
    let yy = d.y;
    let x1 = d.x1;
    d.photo(x1 - 80.0, yy, 72.0, 92.0);
    let from = ago(d, f, 5, 120);
    let until = data::add_months(from, d.pick(&[3, 4, 6]));
    let pairs: Vec<(String, String)> = vec![
        ("Nom :".into(), p.nom.clone()),
        ("Prénom(s) :".into(), p.prenoms()),
        (
            format!("{} le :", if p.sexe == Sexe::F { "Née" } else { "Né" }),
            data::d_slash(p.naissance),
        ),
        ("à :".into(), p.lieu_naissance.clone()),
        (
            "Nationalité :".into(),
            if p.sexe == Sexe::F {
                nat.adj_f
            } else {
                nat.adj_m
            }
            .to_string(),
        ),
        ("N° étranger :".into(), d.digits(10)),
        ("Adresse :".into(), f.adresse.one_line()),
    ];
    let save = d.x1;
    d.x1 = x1 - 90.0;
    for (k, v) in &pairs {
        d.kv(k, v, 95.0);
    }
    d.x1 = save;
    d.y = d.y.max(yy + 100.0);
    d.gap(6.0);
    light_band(d, "Titre sollicité");
    let motif = d.pick(&[
        "Carte de séjour temporaire « vie privée et familiale »",
        "Carte de séjour pluriannuelle « salarié »",
        "Carte de résident",
        "Carte de séjour temporaire « étudiant »",
    ]);
    d.para(motif);
    let work = d.chance(0.7);
    let tx = d.x0;
    let base = d.y + size;
    d.checkbox(tx, base, size, work);
    d.text(
        tx + 14.0,
        base,
        F::Sans,
        size - 0.5,
        "Autorise son titulaire à travailler",
    );
    d.y += size * 1.6;
    let base = d.y + size;
    d.checkbox(tx, base, size, !work);
    d.text(
        tx + 14.0,
        base,
        F::Sans,
        size - 0.5,
        "N'autorise pas son titulaire à travailler",
    );
    d.y += size * 2.0;
    d.kv(
        "Valable du :",
        &format!("{}  au  {}", data::d_slash(from), data::d_slash(until)),
        95.0,
    );
    d.gap(8.0);
    fine(
        d,
        "Le présent récépissé, délivré sous réserve de l'exactitude des déclarations, ne préjuge pas de la décision qui sera prise sur la demande. Il doit être présenté avec le passeport du titulaire. En cas de perte, une déclaration doit être faite auprès du commissariat ou de la brigade de gendarmerie.",
    );
    d.gap(10.0);
    let x = d.x0 + 240.0;
    sign(d, x, "Pour le préfet et par délégation", "");
    d.stamp(
        x - 60.0,
        d.y - 40.0,
        28.0,
        &["PRÉFECTURE", c.dep_nom, "SÉJOUR"],
    );
}
