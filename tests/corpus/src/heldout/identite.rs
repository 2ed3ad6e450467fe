//! Identity and residence documents, student cards: photocopies of cards (one or both sides on
//! the page), a passport's data page, a préfecture's receipt, an online residence attestation.

use chrono::NaiveDate;

use super::{
    barcode, card, days_ago, etat_block, field, heading, held, mrz, mrz_names, place_date, qr,
    signed, small, spouse, stamp_box, Tpl,
};
use crate::data::{self, add_months, d_slash, mrz_check, yymmdd, Foyer, Person, NATS};
use crate::doc::{Al, Doc, PH, PW};
use crate::raster::F;

pub(crate) const CID: &[Tpl] = &[
    |d, f| cnie(d, &f.demandeur, f),
    |d, f| passeport(d, &f.demandeur, f),
    |d, f| cni_plastifiee(d, &f.demandeur, f),
];
pub(crate) const CIDC: &[Tpl] = &[
    |d, f| {
        let p = held(d, spouse(f));
        cnie(d, p, f)
    },
    |d, f| {
        let p = held(d, spouse(f));
        passeport(d, p, f)
    },
    |d, f| {
        let p = held(d, spouse(f));
        cni_plastifiee(d, p, f)
    },
];
pub(crate) const TSJ: &[Tpl] = &[
    |d, f| carte_sejour(d, &f.demandeur, f),
    |d, f| recepisse(d, &f.demandeur, f),
    |d, f| attestation_anef(d, &f.demandeur, f),
];
pub(crate) const TSJC: &[Tpl] = &[
    |d, f| {
        let p = held(d, spouse(f));
        carte_sejour(d, p, f)
    },
    |d, f| {
        let p = held(d, spouse(f));
        recepisse(d, p, f)
    },
    |d, f| {
        let p = held(d, spouse(f));
        attestation_anef(d, p, f)
    },
];
pub(crate) const CETU: &[Tpl] = &[carte_universite, carte_mobile, certificat_avec_carte];

/// A label (small, bilingual) and its value on a card; `s` is the card scale.
#[allow(clippy::too_many_arguments)]
fn on_card(d: &mut Doc, x: f32, y: f32, s: f32, label: &str, value: &str, vsize: f32) {
    d.text(x, y, F::Sans, 4.6 * s, label);
    d.text(x, y + (vsize + 1.0) * s, F::SansB, vsize * s, value);
}

fn doc_number(d: &Doc) -> String {
    // new card numbers: 9 characters, letters and digits
    let alpha = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    (0..9)
        .map(|_| char::from(alpha[d.int(0, alpha.len() as i64 - 1) as usize]))
        .collect()
}

fn issue_date(d: &Doc, f: &Foyer, p: &Person, years: i32) -> NaiveDate {
    let adult = add_months(p.naissance, 12 * 18);
    let from = add_months(f.today, -12 * years + 3).max(adult);
    super::date_in(d, from, add_months(f.today, -2))
}

fn prefecture(f: &Foyer) -> String {
    format!("Préfecture {}", data::dep_de(f.adresse.commune.dep_nom))
}

/// Card position(s) on the A4 page: a photocopy centred or at the top, scale 1–1.4.
fn placement(d: &Doc) -> (f32, f32, f32) {
    let s = d.real(1.0, 1.4);
    let w = 243.0 * s;
    let x = if d.chance(0.6) {
        (PW - w) / 2.0 + d.real(-20.0, 20.0)
    } else {
        d.real(40.0, 80.0)
    };
    let y = d.real(50.0, 140.0);
    (x, y, s)
}

/// The 2021 identity card (ID-1, bilingual labels), recto and verso on one page.
fn cnie(d: &mut Doc, p: &Person, f: &Foyer) {
    if p.nat.is_some() {
        return passeport(d, p, f);
    }
    let (x, y, s) = placement(d);
    let (w, h) = (243.0 * s, 153.0 * s);
    card(d, x, y, w, h);
    d.text(
        x + 8.0 * s,
        y + 12.0 * s,
        F::SansB,
        7.0 * s,
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(
        x + 8.0 * s,
        y + 22.0 * s,
        F::SansB,
        6.2 * s,
        "CARTE NATIONALE D'IDENTITÉ",
    );
    d.text(
        x + 8.0 * s,
        y + 29.0 * s,
        F::Sans,
        5.0 * s,
        "IDENTITY CARD / CARTE D'IDENTITÉ",
    );
    d.text_al(
        x + w - 8.0 * s,
        y + 12.0 * s,
        Al::Rt,
        F::SansB,
        8.0 * s,
        "FR",
    );
    d.photo(x + 8.0 * s, y + 38.0 * s, 62.0 * s, 80.0 * s);
    let num = doc_number(d);
    let fx = x + 80.0 * s;
    let mut fy = y + 40.0 * s;
    let expiry;
    {
        let issued = issue_date(d, f, p, 3);
        expiry = add_months(issued, 120);
        let rows: [(&str, String); 5] = [
            ("NOM / Surname", p.nom.clone()),
            ("Prénoms / Given names", p.prenoms()),
            (
                "SEXE / Sex    NATIONALITÉ / Nationality",
                format!("{}            FRA", p.sexe_lettre()),
            ),
            (
                "DATE DE NAISS. / Date of birth",
                data::d_dots(p.naissance).replace('.', " "),
            ),
            (
                "LIEU DE NAISSANCE / Place of birth",
                p.lieu_naissance.to_uppercase(),
            ),
        ];
        for (k, v) in rows {
            on_card(d, fx, fy, s, k, &v, 7.2);
            fy += 16.5 * s;
        }
        on_card(
            d,
            x + 8.0 * s,
            y + 130.0 * s,
            s,
            "N° DU DOCUMENT / Document No",
            &num,
            7.0,
        );
        on_card(
            d,
            x + 100.0 * s,
            y + 130.0 * s,
            s,
            "DATE D'EXPIR. / Expiry date",
            &data::d_dots(expiry).replace('.', " "),
            7.0,
        );
        on_card(d, x + 185.0 * s, y + 130.0 * s, s, "CAN", &d.digits(6), 7.0);
        // verso
        let vy = y + h + d.real(25.0, 60.0) * s;
        let vx = x + d.real(-10.0, 10.0);
        card(d, vx, vy, w, h);
        on_card(
            d,
            vx + 8.0 * s,
            vy + 14.0 * s,
            s,
            "ADRESSE / Address",
            &f.adresse.ligne.to_uppercase(),
            6.8,
        );
        d.text(
            vx + 8.0 * s,
            vy + 33.0 * s,
            F::SansB,
            6.8 * s,
            &f.adresse.ville_ligne(),
        );
        on_card(
            d,
            vx + 8.0 * s,
            vy + 46.0 * s,
            s,
            "DATE DE DÉLIVRANCE / Date of issue",
            &data::d_dots(issued).replace('.', " "),
            6.8,
        );
        on_card(
            d,
            vx + 130.0 * s,
            vy + 46.0 * s,
            s,
            "AUTORITÉ / Authority",
            &prefecture(f).to_uppercase(),
            5.6,
        );
        let l1 = data::pad(&format!("IDFRA{}{}", num, mrz_check(&num)), 30);
        let b = yymmdd(p.naissance);
        let e = yymmdd(expiry);
        let mut l2 = format!(
            "{}{}{}{}{}FRA",
            b,
            mrz_check(&b),
            p.sexe_lettre(),
            e,
            mrz_check(&e)
        );
        l2 = data::pad(&l2, 29);
        let comp = mrz_check(&format!("{l1}{l2}"));
        l2.push(comp);
        let l3 = mrz_names(p, 30);
        mrz(d, vx + 10.0 * s, vy + 100.0 * s, 8.6 * s, &[l1, l2, l3]);
    }
    if d.chance(0.35) {
        stamp_box(
            d,
            d.x1 - 150.0,
            PH - 160.0,
            &["COPIE CERTIFIÉE", "CONFORME À L'ORIGINAL"],
        );
    }
}

/// The laminated card issued until 2021 (French labels only, 2-line MRZ).
fn cni_plastifiee(d: &mut Doc, p: &Person, f: &Foyer) {
    if p.nat.is_some() {
        return passeport(d, p, f);
    }
    let (x, y, s) = placement(d);
    let (w, h) = (243.0 * s, 153.0 * s);
    let issued = super::date_in(
        d,
        data::ymd(2010, 1, 1).max(add_months(p.naissance, 12 * 18)),
        data::ymd(2020, 12, 31),
    );
    let expiry = add_months(issued, 12 * 15);
    card(d, x, y, w, h);
    let dep = f.adresse.commune.dep;
    let cnum = format!(
        "{}{}{}{}",
        yymmdd(issued).get(0..4).unwrap_or("1501"),
        &dep[1..],
        d.digits(2),
        d.digits(5)
    );
    d.text(
        x + 60.0 * s,
        y + 12.0 * s,
        F::SerifB,
        7.2 * s,
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(
        x + 60.0 * s,
        y + 22.0 * s,
        F::Serif,
        6.0 * s,
        &format!("CARTE NATIONALE D'IDENTITÉ N° : {cnum}"),
    );
    d.photo(x + 8.0 * s, y + 30.0 * s, 48.0 * s, 64.0 * s);
    let mut fy = y + 36.0 * s;
    let fx = x + 62.0 * s;
    for (k, v) in [
        ("Nom :", p.nom.clone()),
        ("Prénom(s) :", p.prenoms()),
        (
            "Sexe :",
            format!(
                "{}        Né(e) le : {}",
                p.sexe_lettre(),
                d_slash(p.naissance)
            ),
        ),
        ("à :", p.lieu_naissance.to_uppercase()),
        ("Taille :", format!("1,{:02} m", d.int(52, 92))),
    ] {
        d.text(fx, fy, F::Serif, 5.6 * s, k);
        let lw = d.measure(F::Serif, 5.6 * s, k);
        d.text(fx + lw + 3.0, fy, F::SansB, 6.4 * s, &v);
        fy += 11.5 * s;
    }
    d.text(
        x + 140.0 * s,
        y + 104.0 * s,
        F::Serif,
        5.0 * s,
        "Signature du titulaire :",
    );
    d.signature(x + 150.0 * s, y + 106.0 * s, 60.0 * s, 14.0 * s);
    let nm = data::pad(&data::mrz_name(&p.nom), 25);
    let l1 = format!("IDFRA{}{}{}", nm, &dep[..3], d.digits(3));
    let pre = data::pad(&data::mrz_name(&p.prenom), 14);
    let b = yymmdd(p.naissance);
    let head = format!("{}{}{}{}{}", cnum, mrz_check(&cnum), pre, b, mrz_check(&b));
    let l2 = format!(
        "{}{}{}",
        head,
        p.sexe_lettre(),
        mrz_check(&format!("{l1}{head}"))
    );
    mrz(d, x + 8.0 * s, y + 131.0 * s, 7.6 * s, &[l1, l2]);
    // verso
    let vy = y + h + d.real(20.0, 50.0);
    card(d, x, vy, w, h);
    let mut yy = vy + 22.0 * s;
    for (k, v) in [
        ("Adresse :", f.adresse.ligne.clone()),
        ("", f.adresse.ville_ligne()),
        ("Carte valable jusqu'au :", d_slash(expiry)),
        ("délivrée le :", d_slash(issued)),
        (
            "par :",
            format!(
                "SOUS-PRÉFECTURE DE {}",
                f.adresse.commune.nom.to_uppercase()
            ),
        ),
    ] {
        d.text(x + 10.0 * s, yy, F::Serif, 5.8 * s, k);
        let lw = d.measure(F::Serif, 5.8 * s, k);
        d.text(x + 14.0 * s + lw, yy, F::SansB, 6.2 * s, &v);
        yy += 13.0 * s;
    }
    d.text(
        x + 130.0 * s,
        vy + 118.0 * s,
        F::Serif,
        5.0 * s,
        "Signature de l'autorité :",
    );
    d.signature(x + 140.0 * s, vy + 121.0 * s, 55.0 * s, 14.0 * s);
    d.stamp(x + 70.0 * s, vy + 120.0 * s, 20.0 * s, &["PRÉFECTURE"]);
}

/// Country header and code of a passport.
fn passport_country(p: &Person) -> (String, String, String) {
    match p.nat {
        None => (
            "RÉPUBLIQUE FRANÇAISE".into(),
            "FRA".into(),
            "Française".into(),
        ),
        Some(i) => {
            let n = &NATS[i];
            (
                n.pays.to_uppercase(),
                n.iso.into(),
                p.nationalite().to_string(),
            )
        }
    }
}

/// A passport's data page photocopied on A4 (the opposite page with its visa mentions above).
fn passeport(d: &mut Doc, p: &Person, f: &Foyer) {
    let (country, iso, natio) = passport_country(p);
    let s = d.real(1.0, 1.25);
    let (w, h) = (354.0 * s, 249.0 * s);
    let x = (PW - w) / 2.0 + d.real(-25.0, 25.0);
    let y = d.real(300.0, 420.0);
    // upper page of the booklet: observations
    card(d, x, y - h - 4.0, w, h);
    d.text_al(
        x + w / 2.0,
        y - h + 30.0 * s,
        Al::C,
        F::Serif,
        7.0 * s,
        "OBSERVATIONS / REMARKS",
    );
    for i in 0..7 {
        let yy = y - h + (55.0 + i as f32 * 24.0) * s;
        d.fill(x + 20.0 * s, yy, w - 40.0 * s, 0.3, 170);
    }
    // data page
    card(d, x, y, w, h);
    d.text(x + 12.0 * s, y + 16.0 * s, F::SansB, 8.5 * s, &country);
    d.text_al(
        x + w - 12.0 * s,
        y + 16.0 * s,
        Al::Rt,
        F::SansB,
        8.5 * s,
        "PASSEPORT / PASSPORT",
    );
    d.photo(x + 12.0 * s, y + 30.0 * s, 80.0 * s, 104.0 * s);
    let num = if p.nat.is_none() {
        format!("{}{}{}", d.digits(2), d.upper(2), d.digits(5))
    } else {
        format!("{}{}", d.upper(2), d.digits(7))
    };
    let issued = issue_date(d, f, p, 9);
    let expiry = add_months(issued, 120);
    let authority = if p.nat.is_none() {
        prefecture(f)
    } else {
        format!("CONSULAT GÉNÉRAL — {}", country)
    };
    let fx = x + 104.0 * s;
    let col2 = x + 230.0 * s;
    let mut fy = y + 34.0 * s;
    on_card(d, fx, fy, s, "Type / Type", "P", 7.2);
    on_card(
        d,
        fx + 45.0 * s,
        fy,
        s,
        "Code du pays / Country code",
        &iso,
        7.2,
    );
    on_card(d, col2, fy, s, "Passeport n° / Passport No.", &num, 7.2);
    fy += 19.0 * s;
    on_card(d, fx, fy, s, "Nom / Surname", &p.nom, 8.0);
    fy += 19.0 * s;
    on_card(d, fx, fy, s, "Prénoms / Given names", &p.prenoms(), 7.6);
    fy += 19.0 * s;
    on_card(d, fx, fy, s, "Nationalité / Nationality", &natio, 7.2);
    on_card(
        d,
        col2,
        fy,
        s,
        "Date de naissance / Date of birth",
        &d_slash(p.naissance),
        7.2,
    );
    fy += 19.0 * s;
    on_card(d, fx, fy, s, "Sexe / Sex", p.sexe_lettre(), 7.2);
    on_card(
        d,
        fx + 45.0 * s,
        fy,
        s,
        "Lieu de naissance / Place of birth",
        &p.lieu_naissance.to_uppercase(),
        7.0,
    );
    fy += 19.0 * s;
    on_card(
        d,
        fx,
        fy,
        s,
        "Date de délivrance / Date of issue",
        &d_slash(issued),
        7.2,
    );
    on_card(
        d,
        col2,
        fy,
        s,
        "Date d'expiration / Date of expiry",
        &d_slash(expiry),
        7.2,
    );
    fy += 19.0 * s;
    on_card(
        d,
        fx,
        fy,
        s,
        "Autorité / Authority",
        &authority.to_uppercase(),
        6.2,
    );
    d.signature(x + 14.0 * s, y + 140.0 * s, 70.0 * s, 20.0 * s);
    let l1 = data::pad(&format!("P<{}{}", iso, mrz_names(p, 39)), 44);
    let b = yymmdd(p.naissance);
    let e = yymmdd(expiry);
    let numf = data::pad(&num, 9);
    let mut l2 = format!(
        "{}{}{}{}{}{}{}{}",
        numf,
        mrz_check(&numf),
        iso,
        b,
        mrz_check(&b),
        p.sexe_lettre(),
        e,
        mrz_check(&e)
    );
    l2 = data::pad(&l2, 42);
    l2.push('0');
    let c = mrz_check(&l2);
    l2.push(c);
    mrz(d, x + 10.0 * s, y + 212.0 * s, 8.0 * s, &[l1, l2]);
}

fn sejour_type(d: &Doc) -> (&'static str, &'static str, i32) {
    d.pick(&[
        (
            "CARTE DE SÉJOUR PLURIANNUELLE",
            "VIE PRIVÉE ET FAMILIALE",
            4,
        ),
        ("CARTE DE SÉJOUR TEMPORAIRE", "SALARIÉ", 1),
        ("CARTE DE RÉSIDENT", "RÉSIDENT LONGUE DURÉE - UE", 10),
        ("CARTE DE SÉJOUR PLURIANNUELLE", "PASSEPORT TALENT", 4),
        ("CARTE DE RÉSIDENT", "CARTE DE RÉSIDENT", 10),
        ("CARTE DE SÉJOUR TEMPORAIRE", "TRAVAILLEUR TEMPORAIRE", 1),
    ])
}

/// The residence permit card (EU model), recto and verso.
fn carte_sejour(d: &mut Doc, p: &Person, f: &Foyer) {
    let (x, y, s) = placement(d);
    let (w, h) = (243.0 * s, 153.0 * s);
    let (kind, mention, years) = sejour_type(d);
    let issued = issue_date(d, f, p, years.min(4));
    let expiry = add_months(issued, 12 * years);
    let num = format!("{}{}", d.upper(2), d.digits(7));
    card(d, x, y, w, h);
    d.text(
        x + 8.0 * s,
        y + 11.0 * s,
        F::SansB,
        6.8 * s,
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(
        x + 8.0 * s,
        y + 21.0 * s,
        F::SansB,
        7.4 * s,
        "TITRE DE SÉJOUR",
    );
    d.text(
        x + 100.0 * s,
        y + 21.0 * s,
        F::Sans,
        5.2 * s,
        "RESIDENCE PERMIT",
    );
    d.text_al(
        x + w - 8.0 * s,
        y + 11.0 * s,
        Al::Rt,
        F::SansB,
        6.5 * s,
        &num,
    );
    d.photo(x + 8.0 * s, y + 30.0 * s, 58.0 * s, 76.0 * s);
    let fx = x + 74.0 * s;
    let mut fy = y + 33.0 * s;
    for (k, v, vs) in [
        ("NOM", p.nom.clone(), 7.2),
        ("PRÉNOMS", p.prenoms().to_uppercase(), 6.6),
        ("TYPE DE TITRE", kind.to_string(), 6.0),
        ("VALABLE JUSQU'AU", d_slash(expiry), 6.6),
        ("REMARQUES", mention.to_string(), 6.0),
    ] {
        on_card(d, fx, fy, s, k, &v, vs);
        fy += 16.0 * s;
    }
    d.text(
        fx,
        fy + 2.0 * s,
        F::Sans,
        5.0 * s,
        "Autorise son titulaire à travailler",
    );
    // verso
    let vy = y + h + d.real(22.0, 55.0);
    card(d, x, vy, w, h);
    let mut yy = vy + 12.0 * s;
    for (k, v) in [
        ("LIEU DE NAISSANCE", p.lieu_naissance.to_uppercase()),
        ("NATIONALITÉ", p.nationalite().to_string()),
        (
            "SEXE / DATE DE NAISSANCE",
            format!("{}   {}", p.sexe_lettre(), d_slash(p.naissance)),
        ),
        ("ADRESSE", f.adresse.one_line().to_uppercase()),
        (
            "DÉLIVRÉ LE / PAR",
            format!("{}   {}", d_slash(issued), prefecture(f).to_uppercase()),
        ),
    ] {
        on_card(d, x + 8.0 * s, yy, s, k, &v, 5.8);
        yy += 14.5 * s;
    }
    let numf = data::pad(&num, 9);
    let l1 = data::pad(&format!("IRFRA{}{}", numf, mrz_check(&numf)), 30);
    let b = yymmdd(p.naissance);
    let e = yymmdd(expiry);
    let iso = p.nat.map(|i| NATS[i].iso).unwrap_or("MAR");
    let mut l2 = data::pad(
        &format!(
            "{}{}{}{}{}{}",
            b,
            mrz_check(&b),
            p.sexe_lettre(),
            e,
            mrz_check(&e),
            iso
        ),
        29,
    );
    let c = mrz_check(&format!("{l1}{l2}"));
    l2.push(c);
    mrz(
        d,
        x + 8.0 * s,
        vy + 103.0 * s,
        8.4 * s,
        &[l1, l2, mrz_names(p, 30)],
    );
}

/// The préfecture's receipt of an application for a residence permit (A4 form with photo).
fn recepisse(d: &mut Doc, p: &Person, f: &Foyer) {
    let c = f.adresse.commune;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let pref = format!("PRÉFECTURE {}", data::dep_de(c.dep_nom).to_uppercase());
    let y = etat_block(
        d,
        x0,
        top,
        &[
            &pref,
            "Direction des migrations et de l'intégration",
            "Bureau du séjour",
        ],
    );
    let from = days_ago(d, f, 20, 150);
    let until = add_months(from, d.pick(&[3, 4, 6]));
    let num = format!("{}{}", d.upper(3), d.digits(8));
    d.text_al(x1, top + 12.0, Al::Rt, F::SansB, 9.0, &format!("N° {num}"));
    d.y = y + 4.0;
    let t = d.pick(&[
        "RÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR",
        "RÉCÉPISSÉ DE DEMANDE DE TITRE DE SÉJOUR",
        "RÉCÉPISSÉ DE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
    ]);
    heading(d, t, 12.5);
    let first = t.contains("RENOUVELLEMENT");
    let y = d.y;
    let pw = 90.0;
    d.photo(x1 - pw, y, pw, pw * 1.28);
    d.stamp(
        x1 - pw - 8.0,
        y + pw * 1.2,
        26.0,
        &["PRÉFECTURE", c.dep_nom],
    );
    let w = x1 - x0 - pw - 14.0;
    let mut yy = y;
    let rows = [
        ("Nom", p.nom.clone()),
        ("Prénom(s)", p.prenoms()),
        (
            "Date et lieu de naissance",
            format!(
                "{} {}",
                d_slash(p.naissance),
                super::a_ville(&p.lieu_naissance)
            ),
        ),
        ("Nationalité", p.nationalite().to_string()),
        ("Adresse", f.adresse.one_line()),
        ("Numéro étranger", d.digits(10)),
    ];
    for (k, v) in rows {
        field(d, x0, yy, w, 25.0, k, &v);
        yy += 28.0;
    }
    d.y = yy.max(y + pw * 1.28) + 12.0;
    let font = d.font;
    let size = d.size;
    let base = d.y + size;
    d.checkbox(x0, base, size, !first);
    d.text(x0 + 14.0, base, font, size, "Première demande");
    d.checkbox(x0 + 160.0, base, size, first);
    d.text(x0 + 174.0, base, font, size, "Renouvellement");
    d.y += size * 2.0;
    let (kind, mention, _) = sejour_type(d);
    d.kv(
        "Titre sollicité :",
        &format!("{} — {}", kind.to_lowercase(), mention.to_lowercase()),
        150.0,
    );
    d.kv(
        "Valable du :",
        &format!("{} au {}", d_slash(from), d_slash(until)),
        150.0,
    );
    d.gap(6.0);
    let work = d.chance(0.75);
    d.para(if work {
        "Le titulaire du présent récépissé est autorisé à exercer une activité professionnelle."
    } else {
        "Le présent récépissé n'autorise pas son titulaire à travailler."
    });
    d.para(
        "Ce document atteste du dépôt d'une demande de titre de séjour. Il permet à son titulaire de séjourner régulièrement en France pendant sa durée de validité ; il ne permet pas de voyager hors de France sans visa.",
    );
    place_date(d, c.prefecture, from);
    signed(
        d,
        "Pour le préfet et par délégation, l'agent instructeur",
        "",
        &[],
    );
    d.y = d.y.max(PH - 95.0);
    small(d, "Toute rature ou surcharge annule ce document. Ce récépissé doit être présenté avec le passeport.");
}

/// A print-out of the online residence procedure's attestation (web page, QR code).
fn attestation_anef(d: &mut Doc, p: &Person, f: &Foyer) {
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let y = etat_block(
        d,
        x0,
        top,
        &[
            "Ministère de l'intérieur",
            "Administration numérique pour les étrangers en France",
        ],
    );
    qr(d, x1 - 80.0, top, 80.0);
    d.y = y + 8.0;
    let t = d.pick(&[
        "Attestation de prolongation d'instruction",
        "Attestation de décision favorable",
        "Attestation de dépôt d'une demande de titre de séjour",
    ]);
    heading(d, t, 14.0);
    let dep = days_ago(d, f, 30, 200);
    let until = add_months(f.today, d.pick(&[2, 3, 6]));
    let rows = [
        ("Nom :", p.nom.clone()),
        ("Prénom(s) :", p.prenoms()),
        (
            "Né(e) le :",
            format!(
                "{} {}",
                d_slash(p.naissance),
                super::a_ville(&p.lieu_naissance)
            ),
        ),
        ("Nationalité :", p.nationalite().to_string()),
        ("Numéro étranger :", d.digits(10)),
        (
            "Numéro de la demande :",
            format!("{}-{}-{}", d.upper(3), d.digits(4), d.digits(6)),
        ),
        ("Demande déposée le :", d_slash(dep)),
        ("Valable jusqu'au :", d_slash(until)),
    ];
    for (k, v) in rows {
        d.kv(k, &v, 170.0);
    }
    d.gap(10.0);
    d.para(&format!(
        "La demande de {} {} est en cours d'instruction. La présente attestation, accompagnée du titre de séjour expiré ou du passeport, lui permet de justifier de la régularité de son séjour et de ses droits (travail, prestations sociales) jusqu'à la date indiquée.",
        p.civ_court(),
        p.nom
    ));
    d.para("L'authenticité de ce document peut être vérifiée en scannant le code ci-dessus.");
    d.y = d.y.max(PH - 120.0);
    small(
        d,
        "Document généré automatiquement — aucune signature n'est requise.",
    );
    let font = d.font;
    d.text(
        x0,
        PH - 28.0,
        font,
        7.0,
        &format!("Édité le {} — page 1/1", d_slash(f.today)),
    );
}

fn university(f: &Foyer) -> String {
    let name = match f.adresse.commune.prefecture {
        "Ajaccio" | "Bastia" => "Université de Corse Pascal Paoli",
        "Amiens" | "Beauvais" | "Laon" => "Université de Picardie Jules Verne",
        "Angers" => "Université d'Angers",
        "Avignon" => "Avignon Université",
        "Basse-Terre" | "Fort-de-France" => "Université des Antilles",
        "Besançon" => "Université de Franche-Comté",
        "Bobigny" => "Université Sorbonne Paris Nord",
        "Bordeaux" => "Université de Bordeaux",
        "Bourg-en-Bresse" | "Lyon" => "Université Lumière Lyon 2",
        "Caen" => "Université de Caen Normandie",
        "Cayenne" => "Université de Guyane",
        "Cergy" => "CY Cergy Paris Université",
        "Chartres" | "Orléans" => "Université d'Orléans",
        "Tours" => "Université de Tours",
        "Châlons-en-Champagne" | "Troyes" => "Université de Reims Champagne-Ardenne",
        "Clermont-Ferrand" => "Université Clermont Auvergne",
        "Colmar" => "Université de Haute-Alsace",
        "Strasbourg" => "Université de Strasbourg",
        "Créteil" | "Melun" => "Université Paris-Est Créteil",
        "Dijon" => "Université de Bourgogne",
        "Grenoble" | "Valence" => "Université Grenoble Alpes",
        "Le Mans" => "Le Mans Université",
        "Lille" => "Université de Lille",
        "Limoges" => "Université de Limoges",
        "Mamoudzou" => "Université de Mayotte",
        "Marseille" => "Aix-Marseille Université",
        "Metz" | "Nancy" => "Université de Lorraine",
        "Montpellier" => "Université de Montpellier",
        "Nîmes" => "Université de Nîmes",
        "Perpignan" => "Université de Perpignan Via Domitia",
        "Nanterre" => "Université Paris Nanterre",
        "Nantes" => "Nantes Université",
        "Nice" => "Université Côte d'Azur",
        "Pau" => "Université de Pau et des Pays de l'Adour",
        "Poitiers" => "Université de Poitiers",
        "Quimper" => "Université de Bretagne Occidentale",
        "Rennes" => "Université Rennes 2",
        "Rouen" => "Université de Rouen Normandie",
        "Saint-Denis" => "Université de La Réunion",
        "Saint-Étienne" => "Université Jean Monnet Saint-Étienne",
        "Toulon" => "Université de Toulon",
        "Toulouse" => "Université Toulouse Jean Jaurès",
        "Versailles" => "Université de Versailles Saint-Quentin-en-Yvelines",
        "Évry-Courcouronnes" => "Université d'Évry Paris-Saclay",
        _ => "Université Paris Cité",
    };
    name.to_string()
}

fn annee_u(f: &Foyer) -> (i32, i32) {
    let y = chrono::Datelike::year(&f.today);
    let m = chrono::Datelike::month(&f.today);
    if m >= 9 {
        (y, y + 1)
    } else {
        (y - 1, y)
    }
}

/// A university's plastic card (landscape), photocopied.
fn carte_universite(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x, y, s) = placement(d);
    let (w, h) = (243.0 * s, 153.0 * s);
    card(d, x, y, w, h);
    let u = university(f);
    d.fill(x, y, w, 24.0 * s, 60);
    d.text_ink(x + 8.0 * s, y + 16.0 * s, F::SansB, 8.5 * s, &u, 255);
    let t = d.pick(&[
        "CARTE D'ÉTUDIANT",
        "Carte d'étudiant·e",
        "CARTE ÉTUDIANTE MULTISERVICE",
    ]);
    d.text(x + 8.0 * s, y + 36.0 * s, F::SansB, 7.5 * s, t);
    d.photo(x + w - 68.0 * s, y + 30.0 * s, 58.0 * s, 74.0 * s);
    let (a, b) = annee_u(f);
    let mut fy = y + 50.0 * s;
    for (k, v) in [
        ("Nom", p.nom.clone()),
        ("Prénom", p.prenom.clone()),
        ("Né(e) le", d_slash(p.naissance)),
        ("N° étudiant", d.digits(8)),
    ] {
        on_card(d, x + 8.0 * s, fy, s, k, &v, 7.0);
        fy += 15.0 * s;
    }
    d.fill(x + w - 80.0 * s, y + 112.0 * s, 70.0 * s, 16.0 * s, 40);
    d.text_ink(
        x + w - 76.0 * s,
        y + 123.0 * s,
        F::SansB,
        6.5 * s,
        &format!("{a}-{b}"),
        255,
    );
    barcode(d, x + 8.0 * s, y + 130.0 * s, 120.0 * s, 14.0 * s);
    if d.chance(0.5) {
        d.text(
            x + w - 80.0 * s,
            y + 140.0 * s,
            F::Sans,
            5.0 * s,
            "Paiement Izly — CROUS",
        );
    }
    // often a second copy: the back with the year stickers
    if d.chance(0.6) {
        let vy = y + h + d.real(25.0, 60.0);
        card(d, x, vy, w, h);
        d.text(x + 8.0 * s, vy + 16.0 * s, F::Sans, 6.0 * s, "Cette carte est personnelle. En cas de perte, adressez-vous au service de la scolarité.");
        for (i, yr) in [(a - 1, a), (a, b)].iter().enumerate() {
            let sx = x + (10.0 + i as f32 * 60.0) * s;
            d.rect(sx, vy + 40.0 * s, 50.0 * s, 20.0 * s, 0.6);
            d.text(
                sx + 4.0 * s,
                vy + 53.0 * s,
                F::SansB,
                6.0 * s,
                &format!("{}/{}", yr.0, yr.1),
            );
        }
    }
}

/// A print-out of the dematerialised student card shown in a phone app.
fn carte_mobile(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let w = d.real(190.0, 230.0);
    let h = w * 2.05;
    let x = (PW - w) / 2.0 + d.real(-60.0, 60.0);
    let y = d.real(60.0, 120.0);
    // phone frame
    d.fill(x - 8.0, y - 14.0, w + 16.0, h + 28.0, 40);
    d.fill(x, y, w, h, 250);
    d.text(
        x + 6.0,
        y + 10.0,
        F::Sans,
        6.5,
        &format!("{:02}:{:02}", d.int(7, 22), d.int(0, 59)),
    );
    d.text_al(x + w - 6.0, y + 10.0, Al::Rt, F::Sans, 6.5, "4G  78 %");
    let (a, b) = annee_u(f);
    d.text_al(
        x + w / 2.0,
        y + 34.0,
        Al::C,
        F::SansB,
        10.0,
        "Ma carte étudiante",
    );
    d.text_al(x + w / 2.0, y + 47.0, Al::C, F::Sans, 7.0, &university(f));
    d.photo(x + w / 2.0 - 35.0, y + 58.0, 70.0, 88.0);
    let mut yy = y + 165.0;
    for (k, v) in [
        ("NOM", p.nom.clone()),
        ("PRÉNOM", p.prenom.clone()),
        ("DATE DE NAISSANCE", d_slash(p.naissance)),
        ("IDENTIFIANT", d.digits(8)),
        ("ANNÉE UNIVERSITAIRE", format!("{a} – {b}")),
        (
            "INSCRIPTION",
            d.pick(&[
                "Licence 2 Psychologie",
                "Master 1 Droit privé",
                "BUT Génie civil",
                "Licence 1 LEA",
                "DAEU B",
                "Licence 3 Sciences de l'éducation",
            ])
            .to_string(),
        ),
    ] {
        d.text(x + 14.0, yy, F::Sans, 6.0, k);
        d.text(x + 14.0, yy + 10.0, F::SansB, 8.5, &v);
        yy += 24.0;
    }
    qr(d, x + w / 2.0 - 35.0, yy + 4.0, 70.0);
    d.text_al(
        x + w / 2.0,
        yy + 88.0,
        Al::C,
        F::Sans,
        6.0,
        "Carte valide — code actualisé toutes les 30 s",
    );
    d.text(
        d.x0,
        PH - 40.0,
        F::Sans,
        7.0,
        &format!("Capture d'écran imprimée le {}", d_slash(f.today)),
    );
}

/// A certificate of enrolment with the provisional student card to cut out at the foot.
fn certificat_avec_carte(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let u = university(f);
    let b = d.bold;
    d.text(x0, top + 14.0, b, 13.0, &u);
    d.text(
        x0,
        top + 28.0,
        F::Sans,
        8.5,
        "Direction des études et de la vie étudiante — Service de la scolarité",
    );
    d.y = top + 60.0;
    let (a, bb) = annee_u(f);
    heading(d, &format!("CERTIFICAT DE SCOLARITÉ {a}/{bb}"), 13.0);
    let num = d.digits(8);
    let dipl = d.pick(&[
        "Licence mention Droit — 2e année",
        "Master mention Sociologie — 1re année",
        "Bachelor universitaire de technologie Carrières sociales — 1re année",
        "Licence professionnelle Métiers du commerce",
        "Diplôme d'État d'infirmier — 2e année",
    ]);
    d.para(&format!(
        "Le Président de l'université certifie que {} {}, {} le {} {}, numéro d'étudiant {}, est régulièrement inscrit(e) pour l'année universitaire {}-{} en :",
        p.civilite(),
        super::pn(p),
        p.ne(),
        d_slash(p.naissance),
        super::a_ville(&p.lieu_naissance),
        num,
        a,
        bb
    ));
    let bo = d.bold;
    let sz = d.size;
    d.line_al(Al::C, bo, sz + 0.5, dipl);
    d.gap(6.0);
    d.kv(
        "Régime d'inscription :",
        d.pick(&[
            "Formation initiale",
            "Formation continue",
            "Reprise d'études",
        ]),
        170.0,
    );
    d.kv(
        "Statut :",
        "Étudiant(e) — inscription administrative complète",
        170.0,
    );
    place_date(
        d,
        f.adresse.commune.prefecture,
        add_months(data::ymd(a, 9, 15), 0),
    );
    signed(
        d,
        "Pour le Président et par délégation, la responsable de la scolarité",
        "",
        &["SCOLARITÉ"],
    );
    // the cut-out card
    let cy = PH - 200.0;
    let mut cx = x0;
    while cx < x1 {
        d.fill(cx, cy, 4.0, 0.5, 100);
        cx += 8.0;
    }
    let (w, h) = (243.0, 153.0);
    let kx = x0 + 10.0;
    let ky = cy + 14.0;
    d.rect(kx, ky, w, h, 0.8);
    d.text(
        kx + 8.0,
        ky + 14.0,
        F::SansB,
        8.0,
        "CARTE D'ÉTUDIANT PROVISOIRE",
    );
    d.text(kx + 8.0, ky + 24.0, F::Sans, 6.0, &u);
    let mut fy = ky + 40.0;
    for (k, v) in [
        ("Nom :", p.nom.clone()),
        ("Prénom :", p.prenom.clone()),
        ("N° étudiant :", num.clone()),
        ("Valable jusqu'au :", format!("31/08/{bb}")),
    ] {
        d.text(kx + 8.0, fy, F::Sans, 6.5, k);
        d.text(kx + 70.0, fy, F::SansB, 7.0, &v);
        fy += 13.0;
    }
    d.rect(kx + w - 62.0, ky + 34.0, 52.0, 66.0, 0.5);
    d.text(kx + w - 56.0, ky + 70.0, F::Sans, 5.5, "Photo");
    d.text(
        x1 - 180.0,
        ky + 60.0,
        F::Sans,
        7.0,
        "Joindre une photo d'identité récente",
    );
}
