//! Health and disability: pregnancy (Assurance Maladie form, practitioner's certificate,
//! maternity's attestation), mobility/invalidity cards, MDPH/MDA decisions, medical
//! certificates (GP letterhead, hospital department, disability form).

use chrono::NaiveDate;

use super::{
    band, comb, days_ago, etat_block, field, heading, kv_cols, lines_at, logo, mother, nearby, np,
    pages_footer, place_date, pn, practitioner, reference, signed, small, spread, street, tel, Tpl,
    NOTICE,
};
use crate::data::{self, add_months, d_long, d_slash, Foyer, Person, Sexe};
use crate::doc::{Al, Block, Doc, PH, PW};
use crate::raster::F;

pub(crate) const GROS: &[Tpl] = &[
    declaration_grossesse,
    certificat_praticien_grossesse,
    attestation_maternite,
];
pub(crate) const CMI: &[Tpl] = &[carte_cmi, carte_invalidite_carton, courrier_cmi];
pub(crate) const MDPH: &[Tpl] = &[notification_cdaph, tableau_mda];
pub(crate) const CERTMED: &[Tpl] = &[certificat_generaliste, certificat_hopital, formulaire_mdph];

/// The pregnant woman, recorded as the document's subject when she is not the applicant.
fn pregnant<'f>(d: &mut Doc, f: &'f Foyer) -> &'f Person {
    let m = mother(f);
    if !std::ptr::eq(m, &f.demandeur) {
        d.subject = Some(m.clone());
    }
    m
}

fn rpps(d: &Doc) -> String {
    format!("10{}", d.digits(9))
}

fn doctor_title(sexe: Sexe) -> &'static str {
    match sexe {
        Sexe::F => "Docteure",
        Sexe::M => "Docteur",
    }
}

/// The pregnancy: conception date and due date, consistent with the pli's "today".
fn pregnancy(d: &Doc, f: &Foyer) -> (NaiveDate, NaiveDate, i64) {
    let sa = d.int(9, 30);
    let start = f.today - chrono::Duration::weeks(sa) + chrono::Duration::days(d.int(0, 6));
    let due = start + chrono::Duration::days(280);
    (start, due, sa)
}

/// Assurance Maladie's first prenatal examination form (boxes, NIR comb).
fn declaration_grossesse(d: &mut Doc, f: &Foyer) {
    let m = pregnant(d, f);
    let (start, due, _) = pregnancy(d, f);
    let exam = super::date_in(
        d,
        start + chrono::Duration::weeks(8),
        f.today.min(start + chrono::Duration::weeks(14)),
    );
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let r = logo(
        d,
        x0,
        top,
        "AM",
        "l'Assurance Maladie",
        "Agir ensemble, protéger chacun",
    );
    d.text_al(
        x1,
        top + 10.0,
        Al::Rt,
        F::Sans,
        7.5,
        "Volet 1 — à adresser à votre caisse",
    );
    d.y = r.y + r.h + 14.0;
    let t = d.pick(&[
        "Vous attendez un enfant — premier examen médical prénatal",
        "DÉCLARATION DE GROSSESSE",
        "Premier examen prénatal — déclaration de grossesse",
    ]);
    heading(d, t, 12.5);
    band(d, "L'assurée");
    let sz = d.size;
    let font = d.font;
    d.text(x0 + 2.0, d.y + sz, font, sz, "N° d'immatriculation");
    let y = d.y - 2.0;
    let nir: String = f.nir.chars().filter(|c| !c.is_whitespace()).collect();
    let nir = if m.prenom == f.demandeur.prenom {
        nir
    } else {
        format!("2{}", d.digits(12))
    };
    comb(d, x0 + 120.0, y, &nir, 13.0, F::Mono);
    d.y = y + 22.0;
    let w = x1 - x0;
    let yy = d.y;
    field(d, x0, yy, w * 0.5 - 4.0, 26.0, "Nom de naissance", &m.nom);
    field(
        d,
        x0 + w * 0.5,
        yy,
        w * 0.5,
        26.0,
        "Prénom(s)",
        &m.prenoms(),
    );
    field(
        d,
        x0,
        yy + 30.0,
        w * 0.35 - 4.0,
        26.0,
        "Date de naissance",
        &d_slash(m.naissance),
    );
    field(
        d,
        x0 + w * 0.35,
        yy + 30.0,
        w * 0.65,
        26.0,
        "Adresse",
        &f.adresse.one_line(),
    );
    d.y = yy + 68.0;
    band(d, "Le médecin ou la sage-femme");
    let (doc, _) = practitioner(d);
    let yy = d.y;
    field(d, x0, yy, w * 0.55 - 4.0, 26.0, "Nom, prénom", &doc);
    field(
        d,
        x0 + w * 0.55,
        yy,
        w * 0.45,
        26.0,
        "Identifiant RPPS",
        &rpps(d),
    );
    d.y = yy + 36.0;
    band(d, "Constatation de la grossesse");
    let rows = [
        ("Date de l'examen :", d_slash(exam)),
        ("Date présumée de début de grossesse :", d_slash(start)),
        ("Date présumée d'accouchement :", d_slash(due)),
        (
            "Nombre d'enfants attendus :",
            d.pick(&["1", "1", "1", "2"]).to_string(),
        ),
    ];
    for (k, v) in rows {
        d.kv(k, &v, 230.0);
    }
    d.gap(8.0);
    d.para("Je certifie avoir constaté l'état de grossesse de l'assurée désignée ci-dessus.");
    signed(
        d,
        "Signature et cachet du praticien",
        "",
        &["CABINET", "MÉDICAL"],
    );
    d.y = d.y.max(PH - 90.0);
    small(d, "Ce volet doit parvenir à votre caisse d'assurance maladie et à votre caisse d'allocations familiales avant la fin du 3e mois de grossesse.");
}

/// A midwife's or gynaecologist's certificate on letterhead.
fn certificat_praticien_grossesse(d: &mut Doc, f: &Foyer) {
    let m = pregnant(d, f);
    let (start, due, sa) = pregnancy(d, f);
    let (doc, sx) = practitioner(d);
    let c = nearby(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let sage = d.chance(0.5);
    let qual = if sage {
        if sx == Sexe::F {
            "Sage-femme"
        } else {
            "Maïeuticien"
        }
    } else {
        "Gynécologie — Obstétrique"
    };
    let name = if sage {
        doc.clone()
    } else {
        format!("{} {}", doctor_title(sx), doc)
    };
    let b = d.bold;
    d.text(x0, top + 12.0, b, 12.0, &name);
    let y = lines_at(
        d,
        x0,
        top + 16.0,
        8.0,
        &[
            qual.to_string(),
            format!("RPPS {}", rpps(d)),
            street(d),
            format!("{} {}", c.cp, c.nom),
            format!("Tél. {}", tel(d)),
        ],
    );
    d.hline(x0, x1, y + 4.0, 0.5);
    d.y = y + 20.0;
    let date = days_ago(d, f, 0, 20);
    place_date(d, c.nom, date);
    heading(
        d,
        d.pick(&[
            "CERTIFICAT DE GROSSESSE",
            "Certificat médical de grossesse",
            "ATTESTATION DE GROSSESSE",
        ]),
        14.0,
    );
    let moi = if sage {
        if sx == Sexe::F {
            "Je soussignée"
        } else {
            "Je soussigné"
        }
    } else if sx == Sexe::F {
        "Je soussignée, Docteure"
    } else {
        "Je soussigné, Docteur"
    };
    d.para(&format!(
        "{} {}, certifie que {} {}, {} le {}, est enceinte de {} semaines d'aménorrhée à la date de ce jour.",
        moi,
        doc,
        m.civilite(),
        pn(m),
        m.ne(),
        d_slash(m.naissance),
        sa
    ));
    d.para(&format!(
        "Début de grossesse estimé au {} ; terme prévu le {}.",
        d_slash(start),
        d_slash(due)
    ));
    d.para(d.pick(&[
        "Certificat remis en main propre à l'intéressée, pour servir et valoir ce que de droit.",
        "Certificat établi à la demande de la patiente pour faire valoir ses droits.",
    ]));
    signed(d, "", &name, &["CABINET"]);
}

/// A maternity department's attestation (hospital header, two columns of facts).
fn attestation_maternite(d: &mut Doc, f: &Foyer) {
    let m = pregnant(d, f);
    let (_, due, sa) = pregnancy(d, f);
    let c = nearby(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let hosp = d.pick(&[
        "Centre hospitalier",
        "Centre hospitalier universitaire",
        "Hôpital",
        "Groupe hospitalier",
    ]);
    let b = d.bold;
    d.text(
        x0,
        top + 12.0,
        b,
        12.0,
        &format!("{} {}", hosp, data::de(c.nom)),
    );
    d.text(x0, top + 25.0, F::Sans, 8.5, "Pôle Femme — Mère — Enfant");
    d.text(
        x0,
        top + 36.0,
        F::Sans,
        8.5,
        "Maternité — consultations prénatales",
    );
    d.text_al(
        x1,
        top + 12.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("Secrétariat : {}", tel(d)),
    );
    d.y = top + 62.0;
    heading(
        d,
        d.pick(&[
            "ATTESTATION DE SUIVI DE GROSSESSE",
            "Attestation de grossesse",
        ]),
        13.5,
    );
    let pairs = vec![
        ("Patiente :".to_string(), np(m)),
        ("Née le :".into(), d_slash(m.naissance)),
        ("N° de dossier :".into(), d.digits(8)),
        ("Terme :".into(), format!("{sa} SA")),
        ("Date prévue d'accouchement :".into(), d_slash(due)),
        (
            "Suivi :".into(),
            d.pick(&[
                "grossesse simple",
                "grossesse gémellaire",
                "grossesse à suivi renforcé",
            ])
            .to_string(),
        ),
    ];
    kv_cols(d, &pairs, 120.0);
    d.gap(8.0);
    d.para(&format!(
        "Nous attestons que {} {} est suivie dans notre établissement pour une grossesse en cours et qu'elle y est inscrite pour son accouchement.",
        m.civilite(),
        pn(m)
    ));
    place_date(d, c.nom, days_ago(d, f, 0, 25));
    let (doc, sx) = practitioner(d);
    signed(
        d,
        "Le praticien hospitalier",
        &format!("{} {}", doctor_title(sx), doc),
        &["MATERNITÉ"],
    );
}

// ---------------------------------------------------------------------------------------------
// Disability cards

fn mentions(d: &Doc) -> (&'static str, &'static str) {
    d.pick(&[
        ("INVALIDITÉ", "Besoin d'accompagnement"),
        ("INVALIDITÉ", "Cécité"),
        ("PRIORITÉ", ""),
        ("STATIONNEMENT POUR PERSONNES HANDICAPÉES", ""),
        ("INVALIDITÉ", "Besoin d'accompagnement cécité"),
    ])
}

/// The mobility inclusion card (ID-1), recto/verso.
fn carte_cmi(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let s = d.real(1.05, 1.4);
    let (w, h) = (243.0 * s, 153.0 * s);
    let x = (PW - w) / 2.0 + d.real(-30.0, 30.0);
    let y = d.real(60.0, 140.0);
    super::card(d, x, y, w, h);
    let (mention, sous) = mentions(d);
    d.text(
        x + 8.0 * s,
        y + 12.0 * s,
        F::SansB,
        6.5 * s,
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(
        x + 8.0 * s,
        y + 26.0 * s,
        F::SansB,
        9.0 * s,
        "CARTE MOBILITÉ INCLUSION",
    );
    d.fill(x, y + 34.0 * s, w, 18.0 * s, 60);
    d.text_ink(x + 8.0 * s, y + 47.0 * s, F::SansB, 8.5 * s, mention, 255);
    d.photo(x + 8.0 * s, y + 60.0 * s, 50.0 * s, 64.0 * s);
    let mut fy = y + 66.0 * s;
    for (k, v) in [
        ("Nom", p.nom.clone()),
        ("Prénom", p.prenom.clone()),
        ("Date de naissance", d_slash(p.naissance)),
    ] {
        d.text(x + 66.0 * s, fy, F::Sans, 5.0 * s, k);
        d.text(x + 66.0 * s, fy + 8.5 * s, F::SansB, 7.0 * s, &v);
        fy += 19.0 * s;
    }
    if !sous.is_empty() {
        d.text(x + 66.0 * s, fy + 2.0 * s, F::SansB, 6.0 * s, sous);
    }
    let until = if d.chance(0.3) {
        "DÉFINITIVE".to_string()
    } else {
        d_slash(add_months(f.today, 12 * d.int(2, 9) as i32))
    };
    d.text(
        x + 8.0 * s,
        y + 140.0 * s,
        F::Sans,
        5.5 * s,
        &format!("Date de fin de validité : {until}"),
    );
    d.text_al(
        x + w - 8.0 * s,
        y + 140.0 * s,
        Al::Rt,
        F::Sans,
        5.5 * s,
        &format!("N° {}", d.digits(10)),
    );
    // verso
    let vy = y + h + d.real(25.0, 60.0);
    super::card(d, x, vy, w, h);
    d.text(
        x + 8.0 * s,
        vy + 14.0 * s,
        F::Sans,
        5.5 * s,
        "Cette carte est strictement personnelle.",
    );
    d.text(
        x + 8.0 * s,
        vy + 24.0 * s,
        F::Sans,
        5.5 * s,
        "Elle doit être présentée à toute demande des agents habilités.",
    );
    d.text(
        x + 8.0 * s,
        vy + 40.0 * s,
        F::Sans,
        5.5 * s,
        &format!(
            "Délivrée par le président du conseil départemental {}",
            data::dep_de(f.adresse.commune.dep_nom)
        ),
    );
    super::qr(d, x + w - 60.0 * s, vy + 70.0 * s, 50.0 * s);
    d.signature(x + 10.0 * s, vy + 90.0 * s, 70.0 * s, 20.0 * s);
}

/// The old cardboard invalidity card, opened flat (three panels).
fn carte_invalidite_carton(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let pw = d.real(150.0, 170.0);
    let h = pw * 1.45;
    let x = (PW - 3.0 * pw) / 2.0;
    let y = d.real(80.0, 160.0);
    for i in 0..3 {
        let shade = d.int(205, 230) as u8;
        d.tint(x + i as f32 * pw, y, pw, h, shade);
        d.rect(x + i as f32 * pw, y, pw, h, 0.6);
    }
    // left panel: rights
    let lx = x + 8.0;
    let mut yy = y + 20.0;
    for l in [
        "Cette carte donne droit :",
        "— à une priorité d'accès aux",
        "   places assises dans les",
        "   transports en commun ;",
        "— à une priorité dans les files",
        "   d'attente ;",
        "— aux avantages fiscaux prévus",
        "   par la loi.",
    ] {
        d.text(lx, yy, F::Serif, 6.5, l);
        yy += 9.5;
    }
    // middle panel: identity
    let mx = x + pw + 8.0;
    d.text_al(
        x + pw * 1.5,
        y + 20.0,
        Al::C,
        F::SerifB,
        9.0,
        "CARTE D'INVALIDITÉ",
    );
    d.text_al(
        x + pw * 1.5,
        y + 31.0,
        Al::C,
        F::Serif,
        6.0,
        "article L. 241-3 du code de l'action",
    );
    d.text_al(
        x + pw * 1.5,
        y + 39.0,
        Al::C,
        F::Serif,
        6.0,
        "sociale et des familles",
    );
    d.photo(x + pw * 1.5 - 28.0, y + 48.0, 56.0, 70.0);
    let mut yy = y + 134.0;
    for (k, v) in [
        ("Nom :", p.nom.clone()),
        ("Prénoms :", p.prenoms()),
        ("Né(e) le :", d_slash(p.naissance)),
        ("Taux :", "80 % et plus".to_string()),
    ] {
        d.text(mx, yy, F::Serif, 6.5, k);
        d.text(mx + 42.0, yy, F::SansB, 7.0, &v);
        yy += 12.0;
    }
    // right panel: validity
    let rx = x + 2.0 * pw + 8.0;
    let from = add_months(f.today, -12 * d.int(1, 6) as i32);
    let mut yy = y + 24.0;
    for (k, v) in [
        (
            "Mention :",
            d.pick(&[
                "Besoin d'accompagnement",
                "Station debout pénible",
                "Cécité",
                "—",
            ])
            .to_string(),
        ),
        ("Délivrée le :", d_slash(from)),
        ("Valable jusqu'au :", d_slash(add_months(from, 12 * 10))),
        ("N° :", format!("{}-{}", c.dep, d.digits(6))),
    ] {
        d.text(rx, yy, F::Serif, 6.5, k);
        d.text(rx, yy + 10.0, F::SansB, 7.0, &v);
        yy += 26.0;
    }
    d.text(rx, yy + 10.0, F::Serif, 6.0, "Le Président de la CDAPH,");
    d.signature(rx + 5.0, yy + 14.0, 60.0, 18.0);
    d.stamp(rx + pw - 40.0, yy + 30.0, 22.0, &["MDPH", c.dep]);
}

/// The carrier letter sent with the card, the card glued at the bottom.
fn courrier_cmi(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let b = d.bold;
    d.text(x0, top + 12.0, b, 11.0, "Imprimerie Nationale");
    d.text(
        x0,
        top + 24.0,
        F::Sans,
        7.5,
        "Fabrication des cartes mobilité inclusion",
    );
    d.y = top + 40.0;
    super::window(d, p, f, true);
    let (mention, _) = mentions(d);
    heading(d, "Votre carte mobilité inclusion", 13.0);
    d.para(&format!("{},", p.civilite()));
    d.para(&format!(
        "Suite à la décision prise en votre faveur, nous avons le plaisir de vous adresser votre carte mobilité inclusion portant la mention « {} ». Détachez-la délicatement du support ci-dessous.",
        mention.to_lowercase()
    ));
    d.para("En cas d'erreur sur vos données personnelles, ne l'utilisez pas et contactez la maison départementale des personnes handicapées.");
    let s = 1.0;
    let (w, h) = (243.0, 153.0);
    let x = (x0 + x1) / 2.0 - w / 2.0;
    let y = PH - 260.0;
    d.rect(x - 10.0, y - 10.0, w + 20.0, h + 20.0, 0.4);
    super::card(d, x, y, w, h);
    d.text(
        x + 8.0 * s,
        y + 14.0,
        F::SansB,
        8.5,
        "CARTE MOBILITÉ INCLUSION",
    );
    d.fill(x, y + 22.0, w, 16.0, 60);
    d.text_ink(x + 8.0, y + 34.0, F::SansB, 8.0, mention, 255);
    d.photo(x + 8.0, y + 46.0, 48.0, 62.0);
    d.text(x + 64.0, y + 58.0, F::SansB, 8.0, &p.nom);
    d.text(x + 64.0, y + 70.0, F::SansB, 8.0, &p.prenom);
    d.text(
        x + 64.0,
        y + 84.0,
        F::Sans,
        6.5,
        &format!("Né(e) le {}", d_slash(p.naissance)),
    );
    d.text(
        x + 8.0,
        y + 140.0,
        F::Sans,
        5.5,
        &format!("N° {}", d.digits(10)),
    );
}

// ---------------------------------------------------------------------------------------------
// MDPH

fn mdph_name(d: &Doc, f: &Foyer) -> (String, String) {
    let dep = f.adresse.commune.dep_nom;
    if d.chance(0.5) {
        (
            format!(
                "Maison départementale des personnes handicapées {}",
                data::dep_de(dep)
            ),
            "MDPH".into(),
        )
    } else {
        (
            format!("Maison départementale de l'autonomie {}", data::dep_de(dep)),
            "MDA".into(),
        )
    }
}

fn decisions(d: &Doc, f: &Foyer) -> Vec<(String, String, String)> {
    let from = add_months(f.today, -d.int(1, 10) as i32);
    let years = d.int(2, 10) as i32;
    let until = add_months(from, 12 * years);
    let mut v = vec![(
        d.pick(&[
            "Allocation aux adultes handicapés (AAH)",
            "Reconnaissance de la qualité de travailleur handicapé (RQTH)",
            "Prestation de compensation du handicap (PCH) — aide humaine",
            "Carte mobilité inclusion mention invalidité",
            "Allocation d'éducation de l'enfant handicapé (AEEH)",
        ])
        .to_string(),
        "ACCORD".to_string(),
        format!("du {} au {}", d_slash(from), d_slash(until)),
    )];
    if d.chance(0.6) {
        v.push((
            "Orientation professionnelle — marché du travail".to_string(),
            d.pick(&["ACCORD", "ACCORD", "REJET"]).to_string(),
            format!("du {} au {}", d_slash(from), d_slash(add_months(from, 60))),
        ));
    }
    if d.chance(0.4) {
        v.push((
            "Carte mobilité inclusion mention stationnement".to_string(),
            d.pick(&["ACCORD", "REJET"]).to_string(),
            format!("jusqu'au {}", d_slash(until)),
        ));
    }
    v
}

/// A notification letter from the CDAPH (flows over 1–2 pages).
fn notification_cdaph(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (name, short) = mdph_name(d, f);
    let (x0, top) = (d.x0, d.top);
    let r = logo(d, x0, top, &short, &short, &name);
    let y = lines_at(
        d,
        x0,
        r.y + r.h + 4.0,
        7.5,
        &[
            street(d),
            format!(
                "{} {}",
                f.adresse.commune.cp,
                f.adresse.commune.prefecture.to_uppercase()
            ),
            format!("N° vert {}", tel(d)),
        ],
    );
    d.y = y;
    super::window(d, p, f, false);
    let date = days_ago(d, f, 5, 200);
    let session = date - chrono::Duration::days(d.int(3, 15));
    let dossier = d.digits(7);
    super::refs_line(
        d,
        &[
            ("N° de dossier", &dossier),
            ("Affaire suivie par", "Pôle évaluation"),
        ],
    );
    place_date(d, f.adresse.commune.prefecture, date);
    let t = d.pick(&[
        "NOTIFICATION DE DÉCISION",
        "Notification des décisions de la Commission des droits et de l'autonomie des personnes handicapées",
        "Décision de la CDAPH",
    ]);
    heading(d, t, 12.5);
    let mut blocks = vec![
        Block::Para(format!("{},", p.civilite())),
        Block::Para(format!(
            "La Commission des droits et de l'autonomie des personnes handicapées (CDAPH), réunie le {}, a examiné votre demande et pris la ou les décisions suivantes :",
            d_long(session)
        )),
    ];
    for (what, dec, when) in decisions(d, f) {
        blocks.push(Block::Heading(what));
        blocks.push(Block::Kv("Décision :".into(), dec));
        blocks.push(Block::Kv("Période :".into(), when));
        if d.chance(0.5) {
            blocks.push(Block::Kv(
                "Taux d'incapacité :".into(),
                d.pick(&["supérieur ou égal à 80 %", "compris entre 50 % et 79 %"])
                    .into(),
            ));
        }
    }
    blocks.push(Block::Heading("Voies de recours".into()));
    blocks.push(Block::Para(
        "Si vous contestez cette décision, vous devez d'abord former un recours administratif préalable auprès de la maison départementale dans les deux mois suivant sa notification. Le tribunal judiciaire (pôle social) peut ensuite être saisi.".into(),
    ));
    pages_footer(d, Some(format!("Dossier {dossier}")));
    spread(d, &blocks, 120.0, NOTICE);
    signed(
        d,
        "Pour le Président de la CDAPH, par délégation",
        "",
        &[&short],
    );
}

/// A decision table from the autonomy house (one row per right).
fn tableau_mda(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (name, short) = mdph_name(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let y = etat_block(d, x0, top, &[&name]);
    d.text_al(x1, top + 12.0, Al::Rt, F::SansB, 10.0, &short);
    d.y = y + 6.0;
    heading(
        d,
        d.pick(&[
            "Décisions relatives à vos droits",
            "RELEVÉ DES DÉCISIONS DE LA COMMISSION",
        ]),
        12.5,
    );
    let pairs = vec![
        ("Bénéficiaire :".to_string(), np(p)),
        ("Né(e) le :".into(), d_slash(p.naissance)),
        ("N° dossier :".into(), reference(d, 2025)),
        ("Séance du :".into(), d_slash(days_ago(d, f, 10, 200))),
    ];
    kv_cols(d, &pairs, 85.0);
    d.gap(6.0);
    let w = x1 - x0;
    let mut rows = vec![vec![
        "Droit ou prestation".to_string(),
        "Décision".into(),
        "Période".into(),
    ]];
    for (a, b, c) in decisions(d, f) {
        rows.push(vec![a, b, c]);
    }
    let sz = d.size - 1.0;
    d.table(
        x0,
        &[w * 0.5, w * 0.15, w * 0.35],
        &[Al::L, Al::C, Al::L],
        &rows,
        sz,
        true,
        2,
    );
    d.gap(10.0);
    d.para("Les droits ouverts ci-dessus sont transmis aux organismes payeurs (CAF, MSA, conseil départemental) qui vous informeront des montants attribués.");
    for _ in 1..d.pages {
        d.break_page();
        band(d, "Informations complémentaires");
        for t in NOTICE.iter().take(5) {
            d.para(t);
        }
    }
    signed(d, "Le directeur", "", &[&short]);
}

// ---------------------------------------------------------------------------------------------
// Medical certificates

fn certmed_reason(d: &Doc) -> &'static str {
    d.pick(&[
        "Son état de santé nécessite un logement accessible, en rez-de-chaussée ou desservi par un ascenseur, l'intéressé(e) ne pouvant monter les escaliers.",
        "Son état de santé, aggravé par l'humidité et les moisissures du logement actuel, justifie un relogement dans un logement sain.",
        "Une pathologie chronique impose la proximité d'un centre de soins et une chambre individuelle.",
        "Son handicap moteur nécessite un logement adapté (douche de plain-pied, largeur de portes suffisante pour un fauteuil roulant).",
        "La suroccupation du logement actuel est préjudiciable à l'état de santé du patient et de ses enfants.",
    ])
}

/// A GP's certificate on an ordonnance-style letterhead (name left, address right).
fn certificat_generaliste(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (doc, sx) = practitioner(d);
    let c = nearby(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let b = d.bold;
    d.text(
        x0,
        top + 12.0,
        b,
        12.0,
        &format!("{} {}", doctor_title(sx), doc),
    );
    lines_at(
        d,
        x0,
        top + 16.0,
        7.8,
        &[
            "Médecine générale".into(),
            format!(
                "Diplômé{} de la Faculté de médecine {}",
                if sx == Sexe::F { "e" } else { "" },
                data::de(c.prefecture)
            ),
            "Conventionné secteur 1".into(),
            format!("RPPS {}", rpps(d)),
        ],
    );
    lines_at(
        d,
        x1 - 150.0,
        top + 16.0,
        7.8,
        &[
            street(d),
            format!("{} {}", c.cp, c.nom),
            format!("Tél. {}", tel(d)),
            "Sur rendez-vous".into(),
        ],
    );
    d.hline(x0, x1, top + 70.0, 0.8);
    d.y = top + 86.0;
    place_date(d, c.nom, days_ago(d, f, 0, 60));
    heading(
        d,
        d.pick(&["CERTIFICAT MÉDICAL", "Certificat médical", "CERTIFICAT"]),
        15.0,
    );
    let moi = if sx == Sexe::F {
        "Je soussignée"
    } else {
        "Je soussigné"
    };
    d.para(&format!(
        "{}, {} {}, certifie avoir examiné ce jour {} {}, {} le {}.",
        moi,
        doctor_title(sx),
        doc,
        p.civilite(),
        pn(p),
        p.ne(),
        d_slash(p.naissance)
    ));
    d.para(certmed_reason(d));
    d.para(d.pick(&[
        "Certificat établi à la demande de l'intéressé(e) et remis en main propre pour faire valoir ce que de droit.",
        "Certificat remis au patient pour servir et valoir ce que de droit.",
    ]));
    signed(d, "", "", &["CABINET MÉDICAL", c.nom]);
}

/// A hospital department's certificate (service header, patient box, practitioner).
fn certificat_hopital(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = nearby(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let service = d.pick(&[
        "Service de pneumologie",
        "Service de rhumatologie",
        "Service de médecine physique et de réadaptation",
        "Service de cardiologie",
        "Centre médico-psychologique",
    ]);
    let r = logo(
        d,
        x0,
        top,
        "CH",
        &format!("Centre hospitalier {}", data::de(c.nom)),
        service,
    );
    let (doc, sx) = practitioner(d);
    lines_at(
        d,
        x1 - 170.0,
        top,
        7.5,
        &[
            format!("Chef de service : Pr {}", doc),
            format!("Secrétariat : {}", tel(d)),
            format!("Consultations : {}", tel(d)),
        ],
    );
    d.y = r.y + r.h + 24.0;
    let y = d.y;
    d.rect(x0, y, 240.0, 52.0, 0.5);
    lines_at(
        d,
        x0 + 6.0,
        y + 4.0,
        8.0,
        &[
            format!("Patient : {}", np(p)),
            format!("Né(e) le {}", d_slash(p.naissance)),
            format!("IPP : {}", d.digits(9)),
        ],
    );
    d.y = y + 70.0;
    heading(d, "CERTIFICAT MÉDICAL", 14.0);
    d.para(&format!(
        "Je soussigné{}, {} {}, praticien hospitalier, certifie que {} {} est suivi(e) dans notre service depuis {}.",
        if sx == Sexe::F { "e" } else { "" },
        doctor_title(sx),
        doc,
        p.civilite(),
        pn(p),
        data::mois_annee(add_months(f.today, -d.int(4, 60) as i32))
    ));
    d.para(certmed_reason(d));
    d.para("Certificat établi à la demande du patient et remis en main propre.");
    place_date(d, c.nom, days_ago(d, f, 0, 45));
    signed(
        d,
        "",
        &format!("{} {}", doctor_title(sx), doc),
        &["CH", service],
    );
}

/// The first page of the disability medical certificate form (boxes, checkboxes).
fn formulaire_mdph(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let y = etat_block(d, x0, top, &["Demande à la MDPH"]);
    d.text_al(
        x1,
        top + 10.0,
        Al::Rt,
        F::Sans,
        7.0,
        "Formulaire à remplir par le médecin",
    );
    d.y = y;
    heading(
        d,
        "Certificat médical — demande auprès de la maison départementale des personnes handicapées",
        11.5,
    );
    band(d, "Identification de la personne");
    let w = x1 - x0;
    let yy = d.y;
    field(d, x0, yy, w * 0.4 - 4.0, 26.0, "Nom de naissance", &p.nom);
    field(
        d,
        x0 + w * 0.4,
        yy,
        w * 0.35 - 4.0,
        26.0,
        "Prénom(s)",
        &p.prenom,
    );
    field(
        d,
        x0 + w * 0.75,
        yy,
        w * 0.25,
        26.0,
        "Date de naissance",
        &d_slash(p.naissance),
    );
    d.y = yy + 36.0;
    band(d, "Pathologie motivant la demande");
    d.para(d.pick(&[
        "Lombosciatique chronique avec limitation du périmètre de marche à 200 mètres.",
        "Insuffisance respiratoire chronique sous oxygénothérapie.",
        "Troubles anxio-dépressifs sévères, suivi spécialisé depuis 2019.",
        "Polyarthrite rhumatoïde avec atteinte des mains et des genoux.",
        "Séquelles de traumatisme crânien ; troubles de l'équilibre.",
    ]));
    band(d, "Retentissement fonctionnel");
    let sz = d.size;
    let font = d.font;
    for l in [
        "Mobilité, manipulation",
        "Communication",
        "Cognition",
        "Entretien personnel",
        "Vie quotidienne et domestique",
    ] {
        let base = d.y + sz;
        d.text(x0 + 4.0, base, font, sz, l);
        for (i, lvl) in ["Sans difficulté", "Difficulté modérée", "Difficulté grave"]
            .iter()
            .enumerate()
        {
            let x = x0 + 190.0 + i as f32 * 110.0;
            let c = d.chance(0.33);
            d.checkbox(x, base, sz, c);
            d.text(x + 12.0, base, font, sz - 1.5, lvl);
        }
        d.y += sz * 1.8;
    }
    band(d, "Identification du médecin");
    let (doc, _) = practitioner(d);
    let yy = d.y;
    field(d, x0, yy, w * 0.5 - 4.0, 26.0, "Nom du médecin", &doc);
    field(d, x0 + w * 0.5, yy, w * 0.5, 26.0, "N° RPPS", &rpps(d));
    d.y = yy + 34.0;
    place_date(d, f.adresse.commune.nom, days_ago(d, f, 0, 60));
    signed(d, "Signature et cachet", "", &["CABINET"]);
}
