//! Health and disability: pregnancy declarations and certificates, CMI and older invalidity
//! cards, MDPH decisions, doctors' certificates.

use super::*;
use crate::data::{self, Foyer, Person, Sexe};
use crate::doc::{Al, Doc, PH, PW};
use crate::raster::F;

pub(crate) const GROS: &[Tpl] = &[
    declaration_grossesse,
    certificat_sage_femme,
    attestation_maternite,
];
pub(crate) const CMI: &[Tpl] = &[cmi_invalidite, carte_invalidite_ancienne, cmi_priorite];
pub(crate) const MDPH: &[Tpl] = &[notification_cdaph, notification_multi];
pub(crate) const CERTMED: &[Tpl] = &[
    certificat_generaliste,
    certificat_hopital,
    certificat_manuscrit,
];

fn doctor(d: &Doc) -> Person {
    outsider(d, None, (1955, 1992))
}

fn dr(p: &Person) -> String {
    format!("Docteur {}", tname(p))
}

fn rpps(d: &Doc) -> String {
    format!("RPPS {}", d.digits(11))
}

/// Weeks of amenorrhoea and the expected delivery date, consistent with "today".
fn term(d: &Doc, f: &Foyer) -> (i64, chrono::NaiveDate, chrono::NaiveDate) {
    let sa = d.int(9, 30);
    let ddr = f.today - chrono::Duration::weeks(sa);
    let dpa = ddr + chrono::Duration::days(280 + 14);
    (sa, ddr, dpa)
}

/// The first prenatal examination form (déclaration de grossesse, volet assuré).
fn declaration_grossesse(d: &mut Doc, f: &Foyer) {
    let m = expecting(f);
    let m = about(d, f, m);
    let doc = doctor(d);
    let (_sa, ddr, dpa) = term(d, f);
    let exam = ago(d, f, 2, 40);
    let x0 = d.x0;
    let y0 = d.y;
    d.text(
        x0,
        y0 + 10.0,
        F::SansB,
        8.0,
        "l'Assurance Maladie — Caisse d'allocations familiales",
    );
    let x1 = d.x1;
    d.text_al(
        x1,
        y0 + 10.0,
        Al::Rt,
        F::Sans,
        7.0,
        &format!("cerfa n° 12{}*0{}", d.digits(3), d.int(2, 6)),
    );
    d.y = y0 + 20.0;
    dark_band(
        d,
        "VOUS ATTENDEZ UN ENFANT — PREMIER EXAMEN MÉDICAL PRÉNATAL",
    );
    let s = d.size;
    d.line_al(
        Al::L,
        F::SansB,
        s - 1.0,
        "Volet 1 — à adresser par l'assurée à sa caisse d'assurance maladie",
    );
    d.gap(6.0);
    light_band(d, "L'assurée");
    let x = d.x0;
    let w = d.x1 - d.x0;
    let bh = 28.0;
    let y = d.y;
    boxed(
        d,
        x,
        y,
        w * 0.5,
        bh,
        "Nom de famille (de naissance)",
        &m.nom,
    );
    boxed(d, x + w * 0.5, y, w * 0.5, bh, "Prénom(s)", &m.prenoms());
    boxed(d, x, y + bh, w * 0.5, bh, "N° d'immatriculation", &f.nir);
    boxed(
        d,
        x + w * 0.5,
        y + bh,
        w * 0.25,
        bh,
        "Date de naissance",
        &data::d_slash(m.naissance),
    );
    boxed(
        d,
        x + w * 0.75,
        y + bh,
        w * 0.25,
        bh,
        "N° allocataire",
        &f.allocataire,
    );
    boxed(d, x, y + 2.0 * bh, w, bh, "Adresse", &f.adresse.one_line());
    d.y = y + 3.0 * bh + 8.0;
    light_band(d, "Partie réservée au médecin ou à la sage-femme");
    let tab = 260.0;
    d.kv(
        "Date du premier examen prénatal :",
        &data::d_slash(exam),
        tab,
    );
    d.kv(
        "Date présumée de début de grossesse :",
        &data::d_slash(ddr + chrono::Duration::days(14)),
        tab,
    );
    d.kv(
        "Date présumée de l'accouchement :",
        &data::d_slash(dpa),
        tab,
    );
    d.kv(
        "Nombre d'enfants attendus :",
        d.pick(&["1", "1", "1", "2"]),
        tab,
    );
    d.gap(4.0);
    let base = d.y + s;
    d.checkbox(x, base, s, true);
    d.text(
        x + 14.0,
        base,
        F::Sans,
        s - 1.0,
        "Je certifie que l'intéressée est enceinte et qu'elle a passé le premier examen prénatal.",
    );
    d.y += s * 2.0;
    let y = d.y;
    boxed(
        d,
        x,
        y,
        w * 0.6,
        56.0,
        "Identification du praticien (nom, adresse, n° RPPS)",
        &format!("{} — {}", dr(&doc), rpps(d)),
    );
    boxed(d, x + w * 0.6, y, w * 0.4, 56.0, "Signature et cachet", "");
    d.signature(x + w * 0.65, y + 16.0, w * 0.3, 30.0);
    d.y = y + 66.0;
    fine(d, "La déclaration doit être effectuée avant la fin du troisième mois de grossesse (14e semaine). Les informations recueillies sont transmises à votre caisse d'assurance maladie et à votre caisse d'allocations familiales.");
}

/// A midwife's or gynaecologist's certificate on prescription paper.
fn certificat_sage_femme(d: &mut Doc, f: &Foyer) {
    let m = expecting(f);
    let m = about(d, f, m);
    let c = local(d, f);
    let pro = outsider(d, Some(Sexe::F), (1965, 1995));
    let (sa, _ddr, dpa) = term(d, f);
    let (title_pro, spec) = if d.chance(0.5) {
        (
            format!("{} {}", d.pick(&["Madame", "Mme"]), tname(&pro)),
            "Sage-femme diplômée d'État",
        )
    } else {
        (
            dr(&pro),
            "Gynécologie-obstétrique — Ancien chef de clinique",
        )
    };
    let x0 = d.x0;
    let y0 = d.y;
    lines(d, x0, y0, F::SansB, 10.0, &[title_pro.clone()]);
    lines(
        d,
        x0,
        y0 + 14.0,
        F::Sans,
        8.0,
        &[
            spec.to_string(),
            office_street(d),
            format!("{} {}", c.cp, c.nom),
            format!("Tél. {}", phone(d)),
            rpps(d),
        ],
    );
    let x1 = d.x1;
    d.text_al(
        x1,
        y0 + 10.0,
        Al::Rt,
        F::Sans,
        8.0,
        "Conventionnée secteur 1",
    );
    d.hline(x0, x1, y0 + 88.0, 0.8);
    d.y = y0 + 110.0;
    let when = ago(d, f, 1, 30);
    d.text_al(
        x1,
        d.y,
        Al::Rt,
        d.font,
        d.size,
        &format!("{}, le {}", c.nom, data::d_slash(when)),
    );
    d.gap(30.0);
    title(d, "CERTIFICAT DE GROSSESSE", 14.0);
    d.gap(10.0);
    d.para(&format!(
        "Je soussignée, {}, certifie avoir examiné ce jour {} {}, {} le {}, et atteste qu'elle est enceinte de {} semaines d'aménorrhée.",
        title_pro,
        m.civilite(),
        full(m),
        m.ne(),
        data::d_slash(m.naissance),
        sa
    ));
    d.para(&format!(
        "La date prévue d'accouchement est fixée au {}.",
        data::d_long(dpa)
    ));
    d.para("Certificat établi à la demande de l'intéressée et remis en main propre pour faire valoir ce que de droit.");
    d.gap(20.0);
    let sx = d.x0 + 260.0;
    sign(d, sx, &title_pro, "");
    let yy = d.y - 40.0;
    office_stamp(
        d,
        sx - 170.0,
        yy,
        &[
            &title_pro.to_uppercase(),
            spec,
            &format!("{} {}", c.cp, c.nom.to_uppercase()),
        ],
    );
}

/// A maternity ward's certificate of follow-up of a pregnancy.
fn attestation_maternite(d: &mut Doc, f: &Foyer) {
    let m = expecting(f);
    let m = about(d, f, m);
    let c = local(d, f);
    let hosp = one(
        d,
        vec![
            format!("Centre hospitalier {}", data::de(c.prefecture)),
            format!("CHU {}", data::de(c.prefecture)),
            format!(
                "Clinique {} — maternité",
                d.pick(&["Sainte-Anne", "du Parc", "des Lilas", "Saint-Vincent"])
            ),
            format!(
                "Groupe hospitalier {}",
                d.pick(&[
                    "Nord-Essonne",
                    "Sud Île-de-France",
                    "Bretagne Sud",
                    "Portes de Provence"
                ])
            ),
        ],
    );
    let (sa, _ddr, dpa) = term(d, f);
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(
        d,
        x0,
        y0,
        &hosp,
        "Pôle femme-mère-enfant — Consultations prénatales",
    );
    d.y = r.y + r.h + 10.0;
    let x1 = d.x1;
    lines_rt(
        d,
        x1,
        d.y,
        F::Sans,
        7.5,
        &[
            format!("IPP : {}", d.digits(9)),
            format!("Secrétariat : {}", phone(d)),
        ],
    );
    d.gap(40.0);
    title(d, "ATTESTATION DE SUIVI DE GROSSESSE", 13.0);
    d.gap(6.0);
    let pro = doctor(d);
    d.para(&format!(
        "Nous attestons que {} {}, née le {}, est suivie dans notre maternité pour une grossesse en cours, évaluée à {} SA à la date du présent document. Terme prévu : {}.",
        m.civilite(),
        full(m),
        data::d_slash(m.naissance),
        sa,
        data::d_slash(dpa)
    ));
    d.para("Inscription pour l'accouchement confirmée. Les consultations mensuelles ont lieu dans le service.");
    d.para("Attestation délivrée à la demande de la patiente.");
    d.gap(12.0);
    let sx = d.x0 + 250.0;
    sign(
        d,
        sx,
        &dr(&pro),
        &format!("Fait le {}", data::d_slash(ago(d, f, 1, 20))),
    );
}

// ---------------------------------------------------------------------------------------------
// Disability cards

fn card_place(d: &mut Doc) -> (f32, f32, f32) {
    let k = 2.835 * d.real(1.2, 1.7);
    let (w, h) = (85.6 * k, 54.0 * k);
    let x = d.real(50.0, PW - w - 45.0);
    let y = d.real(60.0, 230.0);
    let g = d.int(218, 244) as u8;
    card_ground(d, x, y, w, h, g);
    d.y = y + h + 20.0;
    (x, y, k)
}

/// The CMI "invalidité" card (ID-1, photo, QR code on the back).
fn cmi_invalidite(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x, y, k) = card_place(d);
    let m = |v: f32| v * k;
    d.text(
        x + m(4.0),
        y + m(6.0),
        F::SansB,
        m(2.3),
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(
        x + m(4.0),
        y + m(11.5),
        F::SansB,
        m(3.6),
        "CARTE MOBILITÉ INCLUSION",
    );
    d.fill(x + m(4.0), y + m(14.0), m(36.0), m(6.0), 60);
    d.text_ink(x + m(6.0), y + m(18.5), F::SansB, m(3.0), "INVALIDITÉ", 255);
    d.photo(x + m(60.0), y + m(14.0), m(21.0), m(27.0));
    let until = if d.chance(0.4) {
        "Définitif".to_string()
    } else {
        data::d_slash(data::add_months(f.today, d.int(12, 120) as i32))
    };
    let rows = [
        p.nom.clone(),
        p.prenoms(),
        format!("Né(e) le {}", data::d_slash(p.naissance)),
        format!("Valable jusqu'au : {until}"),
        format!("N° {}", d.digits(12)),
    ];
    let mut yy = y + m(25.0);
    for (i, t) in rows.iter().enumerate() {
        let fo = if i < 2 { F::SansB } else { F::Sans };
        d.text(x + m(4.0), yy, fo, m(2.5), t);
        yy += m(4.6);
    }
    if d.chance(0.5) {
        d.text(
            x + m(4.0),
            y + m(50.5),
            F::SansB,
            m(2.2),
            d.pick(&[
                "BESOIN D'ACCOMPAGNEMENT",
                "BESOIN D'ACCOMPAGNEMENT CÉCITÉ",
                "CÉCITÉ",
            ]),
        );
    }
    // the back
    let by = d.y;
    let (w, h) = (85.6 * k, 54.0 * k);
    let g = d.int(218, 244) as u8;
    card_ground(d, x, by, w, h, g);
    datamatrix(d, x + m(4.0), by + m(6.0), m(22.0));
    d.text(
        x + m(30.0),
        by + m(10.0),
        F::Sans,
        m(2.0),
        "Délivrée par le président du conseil",
    );
    d.text(
        x + m(30.0),
        by + m(13.5),
        F::Sans,
        m(2.0),
        "départemental sur décision de la CDAPH.",
    );
    d.text(
        x + m(30.0),
        by + m(20.0),
        F::Sans,
        m(2.0),
        "Taux d'incapacité au moins égal à 80 %.",
    );
    d.text(
        x + m(30.0),
        by + m(26.0),
        F::Sans,
        m(2.0),
        "Imprimerie nationale",
    );
    d.y = by + h + 20.0;
}

/// The older cardboard invalidity card (before 2017), still valid when permanent.
fn carte_invalidite_ancienne(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let k = 2.835 * d.real(1.4, 1.8);
    let (w, h) = (105.0 * k, 74.0 * k);
    let x = (PW - w) / 2.0;
    let y = d.real(70.0, 200.0);
    d.tint(x, y, w, h, 205);
    d.rect(x, y, w, h, 0.8);
    let m = |v: f32| v * k;
    d.text(
        x + m(5.0),
        y + m(8.0),
        F::SerifB,
        m(2.8),
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(
        x + m(5.0),
        y + m(13.0),
        F::Serif,
        m(2.3),
        &format!(
            "Maison départementale des personnes handicapées {}",
            data::dep_de(c.dep_nom)
        ),
    );
    d.text(
        x + m(5.0),
        y + m(22.0),
        F::SerifB,
        m(5.0),
        "CARTE D'INVALIDITÉ",
    );
    d.text(
        x + m(5.0),
        y + m(27.0),
        F::Serif,
        m(2.2),
        "Article L. 241-3 du code de l'action sociale et des familles",
    );
    d.photo(x + m(78.0), y + m(30.0), m(22.0), m(28.0));
    let rows = [
        format!("Nom : {}", p.nom),
        format!("Prénoms : {}", p.prenoms()),
        format!("Né(e) le : {}", data::d_slash(p.naissance)),
        format!(
            "Taux d'incapacité : {}",
            d.pick(&["80 % ou plus", "au moins 80 %"])
        ),
        format!(
            "Mention : {}",
            d.pick(&["Station debout pénible", "Besoin d'accompagnement", "Néant"])
        ),
        format!(
            "Délivrée le : {}",
            data::d_slash(between(d, data::ymd(2008, 1, 1), data::ymd(2016, 12, 31)))
        ),
        "Validité : à titre définitif".to_string(),
    ];
    let mut yy = y + m(35.0);
    for t in rows {
        d.text(x + m(5.0), yy, F::Serif, m(2.6), &t);
        yy += m(5.0);
    }
    d.stamp(x + m(60.0), y + m(62.0), m(7.0), &["MDPH", c.dep]);
    d.y = y + h + 20.0;
}

/// The CMI "priorité" or "stationnement" card.
fn cmi_priorite(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x, y, k) = card_place(d);
    let m = |v: f32| v * k;
    let mention = d.pick(&["PRIORITÉ", "STATIONNEMENT POUR PERSONNES HANDICAPÉES"]);
    d.text(
        x + m(4.0),
        y + m(6.0),
        F::SansB,
        m(2.3),
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(
        x + m(4.0),
        y + m(11.5),
        F::SansB,
        m(3.4),
        "CARTE MOBILITÉ INCLUSION",
    );
    d.rect(x + m(4.0), y + m(14.0), m(76.0), m(6.5), 0.8);
    d.text(x + m(6.0), y + m(18.8), F::SansB, m(2.6), mention);
    if !mention.starts_with("STAT") {
        d.photo(x + m(60.0), y + m(23.0), m(20.0), m(26.0));
    }
    let rows = [
        format!("{} {}", p.nom, p.prenom),
        format!(
            "Date de fin de validité : {}",
            data::d_slash(data::add_months(f.today, d.int(6, 100) as i32))
        ),
        format!("N° de carte : {}", d.digits(12)),
    ];
    let mut yy = y + m(28.0);
    for t in rows {
        d.text(x + m(4.0), yy, F::Sans, m(2.5), &t);
        yy += m(5.0);
    }
    datamatrix(d, x + m(4.0), y + m(40.0), m(11.0));
}

// ---------------------------------------------------------------------------------------------
// MDPH

fn mdph_head(d: &mut Doc, f: &Foyer, p: &Person) -> String {
    let c = f.adresse.commune;
    let mdph = format!("MDPH {}", data::dep_de(c.dep_nom));
    let (name, to) = to_applicant(d, f, p);
    let refs = vec![
        ("N° de dossier".to_string(), d.digits(7)),
        (
            "Date de dépôt".to_string(),
            data::d_slash(ago(d, f, 120, 400)),
        ),
        (
            "Affaire suivie par".to_string(),
            "Pôle évaluation".to_string(),
        ),
    ];
    letter_head(
        d,
        false,
        &mdph,
        &[
            "Maison départementale des personnes handicapées".to_string(),
            office_street(d),
            format!("{} {}", c.cp, c.prefecture),
            format!("N° vert {}", d.pick(&["0 800 800 083", "0 800 47 47 47"])),
        ],
        &name,
        &to,
        &refs,
        &format!("{}, le {}", c.prefecture, data::d_slash(ago(d, f, 5, 200))),
    );
    mdph
}

/// A CDAPH decision for one benefit (AAH, RQTH, PCH).
fn notification_cdaph(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    mdph_head(d, f, p);
    let (what, detail) = match d.int(0, 3) {
        0 => ("Allocation aux adultes handicapés (AAH)", format!("Taux d'incapacité reconnu : {}. Accord pour la période du {} au {}.", d.pick(&["supérieur ou égal à 80 %", "compris entre 50 % et 79 % avec restriction substantielle et durable d'accès à l'emploi"]), data::d_slash(ago(d, f, 30, 200)), data::d_slash(data::add_months(f.today, d.int(24, 120) as i32)))),
        1 => ("Reconnaissance de la qualité de travailleur handicapé (RQTH)", format!("Accord à titre {}.", d.pick(&["définitif", "temporaire pour une durée de 5 ans"]))),
        2 => ("Prestation de compensation du handicap (PCH)", format!("Élément aide humaine : {} heures par mois. Élément aménagement du logement : accord.", d.int(20, 120))),
        _ => ("Carte mobilité inclusion — mention invalidité", "Taux d'incapacité supérieur ou égal à 80 %. Attribution de la carte pour une durée de 10 ans.".to_string()),
    };
    title(d, "NOTIFICATION DE DÉCISION", 13.0);
    d.para(&format!("{},", p.civilite()));
    d.para(&format!(
        "La commission des droits et de l'autonomie des personnes handicapées (CDAPH), réunie le {}, a examiné votre demande et a pris la décision suivante :",
        data::d_slash(ago(d, f, 10, 200))
    ));
    light_band(d, what);
    d.para(&format!("DÉCISION : ACCORD. {}", detail));
    d.para("Motivation : les éléments du dossier, et notamment le certificat médical et l'évaluation de l'équipe pluridisciplinaire, permettent de retenir les critères d'attribution.");
    fine(d, "Voies de recours : vous pouvez former un recours administratif préalable obligatoire auprès de la MDPH dans un délai de deux mois à compter de la notification, puis, le cas échéant, saisir le pôle social du tribunal judiciaire. Cette décision est transmise à l'organisme payeur (CAF ou MSA) pour ce qui le concerne.");
    let sx = d.x0 + 250.0;
    sign(d, sx, "", "Pour la présidente de la CDAPH");
    if d.pages > 1 {
        d.break_page();
        title(d, "Informations utiles", 12.0);
        for t in MDPH_INFO {
            d.para(t);
        }
    }
}

const MDPH_INFO: &[&str] = &[
    "Votre décision peut ouvrir droit à d'autres avantages : exonération de la taxe d'habitation, demi-part fiscale, priorité d'accès au logement social, tarifs réduits dans les transports.",
    "Pensez à renouveler votre demande six mois avant la date de fin de vos droits. Le formulaire et le certificat médical sont disponibles sur le site de la MDPH.",
    "Si votre situation évolue (aggravation, changement de projet), vous pouvez déposer une nouvelle demande sans attendre l'échéance.",
    "La MDPH vous accueille du lundi au vendredi ; un accueil téléphonique est assuré le matin. Vous pouvez aussi suivre votre dossier en ligne.",
];

/// A notification listing several decisions in a table.
fn notification_multi(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let mdph = mdph_head(d, f, p);
    title(d, "NOTIFICATION DES DÉCISIONS DE LA CDAPH", 12.5);
    d.para(&format!(
        "Concerne : {} {}, né(e) le {}",
        p.civilite(),
        full(p),
        data::d_slash(p.naissance)
    ));
    let start = ago(d, f, 20, 200);
    let mut rows = vec![vec![
        "Droit ou prestation".to_string(),
        "Décision".to_string(),
        "Début".to_string(),
        "Fin".to_string(),
    ]];
    for (lab, ok) in [
        ("Allocation aux adultes handicapés", d.chance(0.8)),
        ("Complément de ressources / MVA", d.chance(0.3)),
        ("RQTH", true),
        (
            "Orientation professionnelle — marché du travail",
            d.chance(0.6),
        ),
        ("CMI invalidité", d.chance(0.7)),
        ("CMI stationnement", d.chance(0.4)),
    ] {
        rows.push(vec![
            lab.to_string(),
            if ok { "Accord".into() } else { "Rejet".into() },
            if ok {
                data::d_slash(start)
            } else {
                "—".into()
            },
            if ok {
                data::d_slash(data::add_months(start, d.int(24, 120) as i32))
            } else {
                "—".into()
            },
        ]);
    }
    let x = d.x0;
    let w = d.x1 - d.x0;
    let s = d.size - 1.0;
    d.table(
        x,
        &[w * 0.46, w * 0.16, w * 0.19, w * 0.19],
        &[Al::L, Al::C, Al::C, Al::C],
        &rows,
        s,
        true,
        2,
    );
    d.gap(6.0);
    d.para(&format!(
        "Taux d'incapacité retenu : {}.",
        d.pick(&["≥ 80 %", "entre 50 et 79 %"])
    ));
    fine(d, "Les décisions de rejet sont motivées dans le document joint. Recours : deux mois à compter de la réception de la présente notification (recours administratif préalable obligatoire auprès de la MDPH).");
    let sx = d.x0 + 250.0;
    sign(d, sx, "", &format!("Le directeur de la {mdph}"));
    if d.pages > 1 {
        d.break_page();
        title(d, "Motivation des décisions", 12.0);
        for t in [
            "Allocation aux adultes handicapés : le taux d'incapacité retenu et la restriction substantielle et durable d'accès à l'emploi ouvrent droit à la prestation pour la durée indiquée.",
            "Orientation professionnelle : l'équipe pluridisciplinaire estime qu'un emploi en milieu ordinaire est envisageable avec un accompagnement adapté.",
            "Carte mobilité inclusion : la mention stationnement n'est attribuée qu'en cas de réduction importante et durable de la capacité de déplacement à pied.",
        ] {
            d.para(t);
        }
        for t in MDPH_INFO {
            d.para(t);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Medical certificates

/// A GP's certificate on the practice's letterhead.
fn certificat_generaliste(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let doc = doctor(d);
    let c = local(d, f);
    let x0 = d.x0;
    let y0 = d.y;
    lines(d, x0, y0, F::SansB, 10.5, &[dr(&doc)]);
    lines(
        d,
        x0,
        y0 + 14.0,
        F::Sans,
        8.0,
        &[
            "Médecine générale".to_string(),
            "Diplômé de la faculté de médecine".to_string(),
            rpps(d),
            format!("AM {}", d.digits(9)),
        ],
    );
    let x1 = d.x1;
    lines_rt(
        d,
        x1,
        y0,
        F::Sans,
        8.0,
        &[
            office_street(d),
            format!("{} {}", c.cp, c.nom),
            format!("Tél. {}", phone(d)),
            "Sur rendez-vous".to_string(),
        ],
    );
    d.hline(x0, x1, y0 + 70.0, 0.6);
    d.y = y0 + 92.0;
    let when = ago(d, f, 1, 60);
    d.text_al(
        x1,
        d.y,
        Al::Rt,
        d.font,
        d.size,
        &format!("Le {}", any_date(d, when)),
    );
    d.gap(30.0);
    title(d, "CERTIFICAT MÉDICAL", 14.0);
    d.gap(10.0);
    d.para(&format!(
        "Je soussigné(e), {}, certifie avoir examiné ce jour {} {}, {} le {}.",
        dr(&doc),
        p.civilite(),
        full(p),
        p.ne(),
        data::d_slash(p.naissance)
    ));
    d.para(d.pick(&[
        "Son état de santé nécessite un logement situé en rez-de-chaussée ou desservi par un ascenseur, les escaliers lui étant difficilement accessibles.",
        "Son état de santé, aggravé par l'humidité de son logement actuel, justifie un relogement dans un logement sain et correctement chauffé.",
        "Son état de santé nécessite un logement adapté à une personne à mobilité réduite (douche de plain-pied, largeur de passage suffisante).",
        "La pathologie chronique dont il/elle est atteint(e) impose la proximité de son lieu de soins hospitaliers.",
    ]));
    d.para("Certificat établi à la demande de l'intéressé(e) et remis en main propre pour faire valoir ce que de droit.");
    d.gap(20.0);
    let sx = d.x0 + 260.0;
    sign(d, sx, &dr(&doc), "");
    let yy = d.y - 40.0;
    office_stamp(
        d,
        sx - 170.0,
        yy,
        &[
            &dr(&doc).to_uppercase(),
            "MÉDECINE GÉNÉRALE",
            &format!("{} {}", c.cp, c.nom.to_uppercase()),
        ],
    );
}

/// A hospital department's certificate.
fn certificat_hopital(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let doc = doctor(d);
    let service = d.pick(&[
        "Service de pneumologie",
        "Service de rhumatologie",
        "Service de médecine physique et de réadaptation",
        "Service de cardiologie",
        "Service de neurologie",
        "Centre médico-psychologique",
    ]);
    let hosp = one(
        d,
        vec![
            format!("CHU {}", data::de(c.prefecture)),
            format!("Centre hospitalier {}", data::de(c.nom)),
            format!(
                "Hôpital {}",
                d.pick(&["Saint-Joseph", "Bichat", "Pasteur", "Nord", "Louis Pradel"])
            ),
        ],
    );
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(d, x0, y0, &hosp, service);
    d.y = r.y + r.h + 8.0;
    let x1 = d.x1;
    lines_rt(
        d,
        x1,
        y0,
        F::Sans,
        7.5,
        &[
            format!("Chef de service : {}", dr(&outsider(d, None, (1955, 1980)))),
            format!("Secrétariat : {}", phone(d)),
            format!("N° FINESS {}", d.digits(9)),
        ],
    );
    d.gap(30.0);
    title(d, "CERTIFICAT MÉDICAL", 13.5);
    d.kv("Patient(e) :", &format!("{} {}", p.nom, p.prenom), 110.0);
    d.kv("Date de naissance :", &data::d_slash(p.naissance), 110.0);
    d.kv("N° de séjour :", &d.digits(10), 110.0);
    d.gap(8.0);
    d.para(&format!(
        "Je soussigné(e), {}, praticien hospitalier, certifie que {} {} est suivi(e) dans notre service depuis le {} pour une affection de longue durée.",
        dr(&doc),
        p.civilite(),
        full(p),
        data::d_slash(between(d, data::add_months(f.today, -60), data::add_months(f.today, -2)))
    ));
    d.para(d.pick(&[
        "Son état de santé est incompatible avec le maintien dans son logement actuel, insalubre et sur-occupé.",
        "Il/elle nécessite un logement accessible en fauteuil roulant.",
        "Les conditions de logement actuelles compromettent la poursuite de son traitement.",
    ]));
    d.para("Certificat remis en main propre à l'intéressé(e).");
    let sx = d.x0 + 260.0;
    sign(
        d,
        sx,
        &dr(&doc),
        &format!("Fait le {}", data::d_slash(ago(d, f, 1, 40))),
    );
}

/// A handwritten certificate on a prescription pad.
fn certificat_manuscrit(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let doc = doctor(d);
    let c = local(d, f);
    // a half-page prescription pad
    let w = d.real(330.0, 420.0);
    let h = w * 1.41;
    let x = (PW - w) / 2.0 + d.real(-40.0, 40.0);
    let y = d.real(40.0, (PH - h - 40.0).max(45.0));
    d.rect(x, y, w, h, 0.5);
    d.text(x + 14.0, y + 22.0, F::SansB, 10.0, &dr(&doc));
    d.text(
        x + 14.0,
        y + 34.0,
        F::Sans,
        7.5,
        d.pick(&[
            "Médecin généraliste",
            "Pédiatre",
            "Psychiatre",
            "Médecine interne",
        ]),
    );
    d.text(x + 14.0, y + 44.0, F::Sans, 7.0, &rpps(d));
    d.text_al(
        x + w - 14.0,
        y + 22.0,
        Al::Rt,
        F::Sans,
        7.5,
        &office_street(d),
    );
    d.text_al(
        x + w - 14.0,
        y + 32.0,
        Al::Rt,
        F::Sans,
        7.5,
        &format!("{} {}", c.cp, c.nom),
    );
    d.text_al(x + w - 14.0, y + 42.0, Al::Rt, F::Sans, 7.5, &phone(d));
    d.hline(x + 10.0, x + w - 10.0, y + 52.0, 0.5);
    let ink = d.int(15, 70) as u8;
    let size = d.real(11.0, 13.5);
    let mut base = y + 90.0;
    let put = |d: &mut Doc, s: &str, base: &mut f32| {
        for l in d.wrap(F::Serif, size, s, w - 40.0) {
            let mut cx = x + 20.0 + d.real(0.0, 6.0);
            for word in l.split(' ') {
                let r = d.text_ink(cx, *base + d.real(-1.2, 1.2), F::Serif, size, word, ink);
                cx += r.w + d.measure(F::Serif, size, " ") * d.real(1.0, 1.8);
            }
            *base += size * 1.7;
        }
    };
    put(
        d,
        &format!("le {}", data::d_slash(ago(d, f, 1, 50))),
        &mut base,
    );
    base += 8.0;
    put(d, "Certificat médical", &mut base);
    base += 8.0;
    put(
        d,
        &format!(
            "Je certifie que l'état de santé de {} {} (né(e) le {}) nécessite un logement {}.",
            p.civilite(),
            full(p),
            data::d_slash(p.naissance),
            d.pick(&[
                "au rez-de-chaussée ou avec ascenseur",
                "sans humidité",
                "plus grand, la chambre étant partagée avec un enfant malade",
                "adapté à son handicap"
            ])
        ),
        &mut base,
    );
    put(
        d,
        "Certificat remis en main propre à l'intéressé(e) pour faire valoir ce que de droit.",
        &mut base,
    );
    d.signature(x + w - 150.0, base + 10.0, 110.0, 36.0);
    d.stamp(
        x + w - 70.0,
        base + 70.0,
        28.0,
        &[&dr(&doc).to_uppercase(), c.nom],
    );
    d.y = y + h + 10.0;
}
