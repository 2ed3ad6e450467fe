//! The cover page of a pli: the first page of the attestation d'enregistrement (or de
//! renouvellement) of a demande de logement social, which carries the numéro unique.

use chrono::Datelike;

use super::data::{self, d_long, d_slash, titlecase, Foyer};
use super::doc::{Al, Doc, PW, R};
use super::raster::F;

/// The République française block (top left of State documents).
pub(crate) fn marianne(d: &mut Doc, x: f32, y: f32, lines: &[&str]) -> f32 {
    // a small tricolour-ish emblem in grey levels
    let w = 9.0;
    d.fill(x, y, w, 14.0, 70);
    d.fill(x + w, y, w, 14.0, 235);
    d.fill(x + 2.0 * w, y, w, 14.0, 150);
    let mut yy = y + 26.0;
    let (f, b) = (F::Sans, F::SansB);
    for t in ["RÉPUBLIQUE", "FRANÇAISE"] {
        d.text(x, yy, b, 9.5, t);
        yy += 11.0;
    }
    yy += 2.0;
    for t in ["Liberté", "Égalité", "Fraternité"] {
        d.text(x, yy, f, 7.5, t);
        yy += 9.0;
    }
    yy += 6.0;
    for (i, t) in lines.iter().enumerate() {
        let font = if i == 0 { b } else { f };
        d.text(x, yy, font, 9.0, t);
        yy += 11.0;
    }
    yy
}

/// A filled logo box with the organisation name in reverse video.
pub(crate) fn logo(d: &mut Doc, x: f32, y: f32, name: &str, size: f32) -> R {
    let v = d.rng_u8(30, 110);
    let w = d.measure(F::SansB, size, name) + size * 1.6;
    let h = size * 2.2;
    match d.int(0, 2) {
        0 => {
            d.fill(x, y, w, h, v);
            if d.on() {
                let k = d.k;
                d.p.text(
                    (x + size * 0.8) * k,
                    (y + h * 0.68) * k,
                    F::SansB,
                    size * k,
                    name,
                    250,
                );
            }
        }
        1 => {
            d.fill_ellipse(x + h / 2.0, y + h / 2.0, h / 2.0, h / 2.0, v);
            d.text(x + h + 6.0, y + h * 0.68, F::SansB, size, name);
        }
        _ => {
            d.fill(x, y, 6.0, h, v);
            d.text(x + 12.0, y + h * 0.68, F::SerifB, size * 1.1, name);
        }
    }
    R { x, y, w, h }
}

impl Doc<'_> {
    pub fn rng_u8(&self, lo: u8, hi: u8) -> u8 {
        self.int(lo as i64, hi as i64) as u8
    }
}

const LABELS: &[&str] = &[
    "Numéro unique :",
    "N° unique d'enregistrement :",
    "Votre numéro unique :",
    "NUMÉRO UNIQUE DÉPARTEMENTAL :",
    "Numéro unique d'enregistrement :",
    "N° UNIQUE :",
    "Numéro unique départemental :",
];

struct NumStyle {
    label: &'static str,
    text: String,
    font: F,
    size: f32,
}

fn num_style(d: &mut Doc, numero: &str) -> NumStyle {
    let spaced = d.chance(0.6);
    let text = if spaced {
        format!(
            "{} {} {} {}",
            &numero[0..3],
            &numero[3..7],
            &numero[7..13],
            &numero[13..18]
        )
    } else {
        numero.to_string()
    };
    let font = d.pick(&[
        F::SansB,
        F::Sans,
        F::SerifB,
        F::Serif,
        F::MonoB,
        F::Mono,
        F::SansB,
    ]);
    let size = (d.real(11.0, 16.0) * 2.0).round() / 2.0;
    let label = d.pick(LABELS);
    NumStyle {
        label,
        text,
        font,
        size,
    }
}

/// Where a cover's number and its label are printed (points).
#[derive(Clone, Copy, Debug)]
pub(crate) struct CoverBoxes {
    pub label: R,
    pub number: R,
}

/// Draws the label and the number; the number either follows the label on the same line or
/// sits under it. Returns the label's and the number's boxes.
fn draw_number(d: &mut Doc, x: f32, base: f32, ns: &NumStyle, right: bool) -> CoverBoxes {
    let lf = if d.chance(0.5) { d.bold } else { d.font };
    let lsize = (ns.size - d.real(0.0, 3.0)).max(9.0);
    let same_line = d.chance(0.6);
    let lw = d.measure(lf, lsize, ns.label);
    let nw = d.measure(ns.font, ns.size, &ns.text);
    if same_line {
        let total = lw + 6.0 + nw;
        let x = if right { x - total } else { x };
        let label = d.text(x, base, lf, lsize, ns.label);
        let number = d.text(x + lw + 6.0, base, ns.font, ns.size, &ns.text);
        CoverBoxes { label, number }
    } else {
        let (lx, nx) = if right { (x - lw, x - nw) } else { (x, x) };
        let label = d.text(lx, base, lf, lsize, ns.label);
        let number = d.text(nx, base + ns.size * 1.45, ns.font, ns.size, &ns.text);
        CoverBoxes { label, number }
    }
}

/// Makes the number unreadable: black bar, ink blotch or heavy crossing-out.
fn obliterate(d: &mut Doc, r: R) {
    let pad = d.real(2.0, 6.0);
    let (x, y, w, h) = (r.x - pad, r.y - pad, r.w + 2.0 * pad, r.h + 2.0 * pad);
    match d.int(0, 2) {
        0 => {
            let v = d.rng_u8(0, 30);
            let dx = d.real(-3.0, 3.0);
            d.fill(x + dx.min(0.0), y, w + dx.abs(), h, v);
        }
        1 => {
            let v = d.rng_u8(15, 40);
            let (cx, cy) = (x + w / 2.0, y + h / 2.0);
            d.fill_ellipse(cx, cy, w * 0.62, h * 1.15, v);
            for _ in 0..d.int(6, 12) {
                let ex = cx + d.real(-w * 0.6, w * 0.6);
                let ey = cy + d.real(-h, h);
                let rr = d.real(h * 0.3, h * 1.2);
                let v2 = d.rng_u8(15, 60);
                d.fill_ellipse(ex, ey, rr * 1.3, rr, v2);
            }
            d.fill(x, y, w, h, v);
        }
        _ => {
            let v = d.rng_u8(10, 40);
            let th = h * 0.45;
            let mut pts = Vec::new();
            let mut xx = x - 2.0;
            let mut up = true;
            while xx < x + w + 4.0 {
                pts.push((xx, if up { y } else { y + h }));
                up = !up;
                xx += th * 0.5;
            }
            d.stroke(&pts, th, v);
            d.fill(x + 1.0, y + h * 0.2, w - 2.0, h * 0.6, v);
        }
    }
}

pub(crate) fn body_paragraphs(
    d: &mut Doc,
    f: &Foyer,
    renouv: bool,
    guichet_nom: &str,
) -> Vec<String> {
    let depot = d_long(f.date_depot);
    let echeance = data::add_months(f.attestation, 12);
    let mut v = Vec::new();
    if renouv {
        v.push(d.pick(&[
            "Votre demande de logement social a été renouvelée le {today}. Elle reste enregistrée à sa date de dépôt initiale, le {depot}, et conserve son ancienneté.",
            "Nous vous confirmons le renouvellement de votre demande de logement locatif social, déposée initialement le {depot}. Le renouvellement a été enregistré le {today}.",
        ]).to_string());
    } else {
        v.push(d.pick(&[
            "Votre demande de logement social a été enregistrée le {depot} par le guichet {guichet}. Le délai d'attente de votre demande court à compter de cette date.",
            "Nous accusons réception de votre demande de logement locatif social, enregistrée le {depot}. Ce numéro unique départemental vous est attribué pour toute la durée de votre demande.",
            "La demande de logement social présentée par le demandeur désigné ci-dessus a été enregistrée le {depot} dans le système national d'enregistrement.",
        ]).to_string());
    }
    v.push(d.pick(&[
        "Votre demande est valable un an. Elle devra être renouvelée avant le {echeance} ; à défaut, elle sera radiée un mois après l'envoi d'un courrier de rappel.",
        "Sans renouvellement de votre part avant le {echeance}, votre demande sera radiée. Vous recevrez un courrier d'information un mois avant cette échéance.",
        "La demande doit être renouvelée chaque année, à la date anniversaire de son dépôt, soit au plus tard le {echeance}.",
    ]).to_string());
    v.push(d.pick(&[
        "Ce numéro doit être rappelé dans toutes vos correspondances. Pour transmettre vos pièces justificatives par courrier, joignez une copie de la présente attestation en première page de votre envoi.",
        "Les pièces justificatives ne sont à fournir qu'une seule fois : elles sont enregistrées et mises à la disposition des organismes qui instruisent votre demande (dossier unique).",
        "Vous pouvez consulter votre demande, la modifier et déposer vos pièces justificatives sur le site www.demande-logement-social.gouv.fr.",
    ]).to_string());
    if d.chance(0.5) {
        v.push(d.pick(&[
            "Pièces à joindre : copie de votre pièce d'identité ou de votre titre de séjour, dernier avis d'imposition, justificatifs de ressources (trois derniers bulletins de salaire, attestation de la CAF), justificatif de votre situation de logement actuelle.",
            "Si vous n'avez reçu aucune proposition adaptée à votre situation dans le délai fixé par le préfet ({delai} mois dans votre département), vous pourrez saisir la commission de médiation prévue à l'article L. 441-2-3 du code de la construction et de l'habitation.",
            "Conformément à l'article R. 441-2-4 du code de la construction et de l'habitation, toute modification de votre situation doit être signalée au service d'enregistrement.",
        ]).to_string());
    }
    if d.chance(0.45) {
        v.push("Les informations recueillies font l'objet d'un traitement informatique destiné à la gestion des demandes de logement social. Vous disposez d'un droit d'accès et de rectification auprès du service qui a enregistré votre demande.".to_string());
    }
    let delai = d.pick(&["12", "18", "24", "36"]);
    v.into_iter()
        .map(|s| {
            s.replace("{depot}", &depot)
                .replace("{today}", &d_long(f.attestation))
                .replace("{echeance}", &d_long(echeance))
                .replace("{guichet}", guichet_nom)
                .replace("{delai}", delai)
        })
        .collect()
}

pub(crate) fn titles(d: &mut Doc, renouv: bool) -> (String, String) {
    let t = if renouv {
        d.pick(&[
            "ATTESTATION DE RENOUVELLEMENT",
            "Attestation de renouvellement",
        ])
    } else {
        d.pick(&[
            "ATTESTATION D'ENREGISTREMENT",
            "Attestation d'enregistrement",
        ])
    };
    let s = d.pick(&[
        "d'une demande de logement social",
        "de demande de logement locatif social",
        "DE LA DEMANDE DE LOGEMENT SOCIAL",
        "de votre demande de logement locatif social",
    ]);
    if t.chars().nth(1).is_some_and(|c| c.is_uppercase()) {
        (t.to_string(), s.to_uppercase())
    } else {
        (t.to_string(), s.to_string())
    }
}

pub(crate) fn applicant_block(d: &mut Doc, f: &Foyer, tab: f32) {
    let p = &f.demandeur;
    let mut rows: Vec<(String, String)> = vec![
        (
            d.pick(&["Nom :", "Nom de naissance :", "NOM :", "Nom du demandeur :"])
                .into(),
            p.nom.clone(),
        ),
        (
            d.pick(&["Prénom :", "Prénom(s) :", "Prénom :"]).into(),
            p.prenom.clone(),
        ),
        (
            d.pick(&["Date de naissance :", "Né(e) le :"]).into(),
            d_slash(p.naissance),
        ),
    ];
    if d.chance(0.5) {
        rows.swap(0, 1);
        if d.chance(0.5) {
            rows.swap(0, 1);
        }
    }
    rows.push(("Adresse :".into(), f.adresse.ligne.clone()));
    if let Some(c) = &f.adresse.complement {
        rows.push((String::new(), c.clone()));
    }
    rows.push((String::new(), f.adresse.ville_ligne()));
    for (k, v) in rows {
        d.kv(&k, &v, tab);
    }
}

/// Renders a cover page. `renouv`: attestation de renouvellement. Returns where the number
/// and its label are.
pub(crate) fn render_cover(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) -> CoverBoxes {
    let numero = f.numero.clone().unwrap_or_default();
    let ns = num_style(d, &numero);
    let c = f.adresse.commune;
    let layout = d.int(0, 4);
    let guichet_nom = if f.guichet == "GDPUB" {
        "du portail grand public".to_string()
    } else {
        match layout {
            1 => format!("{} Habitat", c.nom),
            3 => format!("de la mairie {}", data::de(c.nom)),
            _ => format!("de la préfecture {}", data::dep_de(c.dep_nom)),
        }
    };
    let date_att = f.attestation;
    let lieu_date = format!("{}, le {}", c.nom, d_long(date_att));
    let r = match layout {
        // Préfecture letter
        0 => {
            let pref = format!("PRÉFET {}", data::dep_de(c.dep_nom).to_uppercase());
            let x0 = d.x0;
            let top = d.top;
            let yy = marianne(
                d,
                x0,
                top,
                &[
                    &pref,
                    "Direction départementale de l'emploi,",
                    "du travail et des solidarités",
                    "Service logement",
                ],
            );
            let x1 = d.x1;
            let font = d.font;
            d.text_al(x1, top + 100.0, Al::Rt, font, 10.0, &lieu_date);
            d.y = yy + d.real(10.0, 30.0);
            let (t, s) = titles(d, renouv);
            let tb = d.bold;
            d.line_al(Al::C, tb, d.real(13.0, 16.0), &t);
            d.line_al(Al::C, tb, 11.5, &s);
            d.gap(12.0);
            let right = d.chance(0.35);
            let base = d.y + ns.size;
            let nx = if right { d.x1 } else { d.x0 };
            let r = draw_number(d, nx, base, &ns, right);
            d.y = r.number.y + r.number.h + 18.0;
            applicant_block(d, f, 120.0);
            d.gap(10.0);
            r
        }
        // Bailleur letter with boxed number at the top right
        1 => {
            let nom = format!("{} Habitat", c.nom);
            let (x0, top) = (d.x0, d.top);
            logo(d, x0, top, &nom, 13.0);
            let font = d.font;
            d.text(
                x0,
                top + 45.0,
                font,
                8.5,
                &format!("Office public de l'habitat - {}", d.pick(data::VOIES)),
            );
            d.text(
                x0,
                top + 56.0,
                font,
                8.5,
                &format!(
                    "{} {} - Tél. 0{} {} {} {} {}",
                    c.cp,
                    c.nom,
                    d.int(1, 5),
                    d.digits(2),
                    d.digits(2),
                    d.digits(2),
                    d.digits(2)
                ),
            );
            // boxed number
            let bw = d
                .measure(ns.font, ns.size, &ns.text)
                .max(d.measure(F::SansB, 9.5, ns.label))
                + 20.0;
            let bx = d.x1 - bw;
            let by = top + d.real(0.0, 40.0);
            d.rect(bx, by, bw, ns.size * 3.2, 0.8);
            let label = d.text(bx + 10.0, by + 14.0, F::SansB, 9.5, ns.label);
            let number = d.text(
                bx + 10.0,
                by + 14.0 + ns.size * 1.6,
                ns.font,
                ns.size,
                &ns.text,
            );
            // address window
            d.y = top + 120.0;
            let ax = PW * 0.52;
            let p = &f.demandeur;
            d.line_at(
                ax,
                font,
                10.5,
                &format!("{} {} {}", p.civilite(), p.prenom, p.nom),
            );
            d.line_at(ax, font, 10.5, &f.adresse.ligne);
            if let Some(cpl) = &f.adresse.complement {
                d.line_at(ax, font, 10.5, cpl);
            }
            d.line_at(ax, font, 10.5, &f.adresse.ville_ligne());
            d.gap(18.0);
            d.line_al(Al::Rt, font, 10.0, &lieu_date);
            d.gap(10.0);
            let (t, s) = titles(d, renouv);
            let b = d.bold;
            d.line_al(
                Al::L,
                b,
                12.5,
                &format!(
                    "Objet : {} {}",
                    t.to_lowercase().replace("attestation", "Attestation"),
                    s.to_lowercase()
                ),
            );
            d.gap(6.0);
            d.kv("Demandeur :", &format!("{} {}", p.nom, p.prenom), 110.0);
            d.kv("Né(e) le :", &d_slash(p.naissance), 110.0);
            d.kv("Date de dépôt :", &d_slash(f.date_depot), 110.0);
            let g = format!("{} - {}", f.guichet, nom);
            d.kv("Guichet :", &g, 110.0);
            d.gap(8.0);
            d.para(&format!("{},", p.civilite()));
            CoverBoxes { label, number }
        }
        // Service national d'enregistrement / portal: big centred framed number
        2 => {
            let (x0, x1, top) = (d.x0, d.x1, d.top);
            let b = d.bold;
            d.text(x0, top + 12.0, b, 11.0, "Service national d'enregistrement");
            let font = d.font;
            d.text(
                x0,
                top + 25.0,
                font,
                9.0,
                "des demandes de logement locatif social",
            );
            d.text_al(
                x1,
                top + 12.0,
                Al::Rt,
                font,
                9.0,
                "www.demande-logement-social.gouv.fr",
            );
            d.hline(x0, x1, top + 34.0, 1.0);
            d.y = top + 60.0;
            let (t, s) = titles(d, renouv);
            d.line_al(Al::C, b, d.real(14.0, 17.0), &t);
            d.line_al(Al::C, b, 12.0, &s);
            d.gap(16.0);
            let label = if d.chance(0.5) {
                "Votre numéro unique"
            } else {
                ns.label.trim_end_matches(" :")
            };
            let nw = d
                .measure(ns.font, ns.size, &ns.text)
                .max(d.measure(b, 11.0, label));
            let bw = nw + 40.0;
            let bx = (x0 + x1) / 2.0 - bw / 2.0;
            let by = d.y;
            let bh = ns.size * 3.4;
            if d.chance(0.5) {
                d.tint(bx, by, bw, bh, 232);
            }
            d.rect(bx, by, bw, bh, 1.2);
            let label = d.text_al((x0 + x1) / 2.0, by + 16.0, Al::C, b, 11.0, label);
            let number = d.text_al(
                (x0 + x1) / 2.0,
                by + 16.0 + ns.size * 1.7,
                Al::C,
                ns.font,
                ns.size,
                &ns.text,
            );
            d.y = by + bh + 18.0;
            let p = &f.demandeur;
            let rows = vec![
                vec!["Demandeur".to_string(), format!("{} {}", p.nom, p.prenom)],
                vec!["Date de naissance".to_string(), d_slash(p.naissance)],
                vec!["Adresse".to_string(), f.adresse.one_line()],
                vec!["Date de dépôt".to_string(), d_slash(f.date_depot)],
                vec![
                    if renouv {
                        "Date de renouvellement"
                    } else {
                        "Date d'enregistrement"
                    }
                    .to_string(),
                    d_slash(date_att),
                ],
                vec!["Guichet enregistreur".to_string(), f.guichet.clone()],
            ];
            let w = x1 - x0;
            let size = d.size;
            d.table(
                x0,
                &[w * 0.33, w * 0.67],
                &[Al::L, Al::L],
                &rows,
                size,
                false,
                2,
            );
            CoverBoxes { label, number }
        }
        // Mairie / CCAS: a bordered grid, the number in the first row
        3 => {
            let (x0, x1, top) = (d.x0, d.x1, d.top);
            let nom = format!("Mairie {}", data::de(c.nom));
            logo(d, x0, top, &nom, 11.0);
            let font = d.font;
            d.text(
                x0,
                top + 40.0,
                font,
                9.0,
                "Centre communal d'action sociale - Service habitat",
            );
            d.text(
                x0,
                top + 51.0,
                font,
                9.0,
                &format!("Hôtel de ville - {} {}", c.cp, c.nom),
            );
            d.text_al(x1, top + 80.0, Al::Rt, font, 10.0, &lieu_date);
            d.y = top + 100.0;
            let (t, s) = titles(d, renouv);
            let b = d.bold;
            let th = d.y;
            d.line_al(Al::C, b, 13.5, &t);
            d.line_al(Al::C, b, 11.0, &s);
            d.rect(x0, th - 4.0, x1 - x0, d.y - th + 6.0, 1.0);
            d.gap(16.0);
            let w = x1 - x0;
            let ry = d.y;
            let rh = ns.size * 2.0;
            d.rect(x0, ry, w, rh, 0.8);
            let label = d.text(x0 + 6.0, ry + rh * 0.68, b, 10.0, ns.label);
            let lw = d.measure(b, 10.0, ns.label);
            let nx = if d.chance(0.5) {
                x0 + lw + 18.0
            } else {
                x1 - 8.0 - d.measure(ns.font, ns.size, &ns.text)
            };
            let number = d.text(nx, ry + rh * 0.7, ns.font, ns.size, &ns.text);
            d.y = ry + rh;
            let p = &f.demandeur;
            let rows = vec![
                vec!["Nom".to_string(), p.nom.clone()],
                vec!["Prénom".to_string(), p.prenom.clone()],
                vec!["Date de naissance".to_string(), d_slash(p.naissance)],
                vec!["Adresse".to_string(), f.adresse.one_line()],
                vec![
                    "Date de dépôt de la demande".to_string(),
                    d_slash(f.date_depot),
                ],
                vec![
                    "À renouveler avant le".to_string(),
                    d_slash(data::add_months(date_att, 12)),
                ],
                vec![
                    "Guichet enregistreur".to_string(),
                    format!("{} ({})", f.guichet, c.nom),
                ],
            ];
            let size = d.size;
            d.table(
                x0,
                &[w * 0.38, w * 0.62],
                &[Al::L, Al::L],
                &rows,
                size,
                false,
                2,
            );
            CoverBoxes { label, number }
        }
        // Compact guichet letter: number near the top right, small
        _ => {
            let (x0, x1, top) = (d.x0, d.x1, d.top);
            let org = d.pick(&[
                "Maison de l'Habitat",
                "Service Logement",
                "Point d'accueil logement",
                "Action Logement Services",
            ]);
            let b = d.bold;
            d.text(x0, top + 12.0, b, 12.0, &format!("{org} {}", c.nom));
            let font = d.font;
            d.text(
                x0,
                top + 25.0,
                font,
                9.0,
                "Guichet enregistreur des demandes de logement social",
            );
            d.text(
                x0,
                top + 36.0,
                font,
                9.0,
                &format!("Code guichet : {}", f.guichet),
            );
            let base = top + d.real(60.0, 140.0);
            let right = d.chance(0.6);
            let nx = if right { x1 } else { x0 };
            let r = draw_number(d, nx, base, &ns, right);
            d.y = r.number.y + r.number.h + 30.0;
            let (t, s) = titles(d, renouv);
            d.line_al(Al::L, b, 13.0, &format!("{} {}", t, s));
            d.gap(6.0);
            d.line_al(Al::L, font, 10.0, &lieu_date);
            d.gap(10.0);
            applicant_block(d, f, 130.0);
            d.gap(8.0);
            r
        }
    };
    // depot / guichet lines for layouts without them
    if layout == 0 || layout == 4 {
        let tab = 140.0;
        d.kv("Date de dépôt :", &d_slash(f.date_depot), tab);
        if renouv {
            d.kv("Date de renouvellement :", &d_slash(date_att), tab);
        }
        d.kv(
            "Guichet :",
            &format!(
                "{} ({})",
                f.guichet,
                titlecase(
                    &guichet_nom
                        .replace("de la ", "")
                        .replace("du ", "")
                        .replace("de ", "")
                )
            ),
            tab,
        );
        d.gap(10.0);
    }
    d.gap(6.0);
    for p in body_paragraphs(d, f, renouv, &guichet_nom) {
        d.para(&p);
    }
    d.gap(14.0);
    let sx = d.x1 - 190.0;
    let signer = d.pick(&[
        "Le service d'enregistrement",
        "Pour le préfet et par délégation,",
        "Le responsable du service habitat",
        "L'agent d'accueil",
    ]);
    let font = d.font;
    let y = d.y;
    d.text(sx, y + 10.0, font, 9.5, signer);
    if d.chance(0.6) {
        d.signature(sx + 10.0, y + 16.0, 120.0, 36.0);
    }
    if d.chance(0.35) {
        let year = f.attestation.year().to_string();
        d.stamp(sx - 60.0, y + 40.0, 34.0, &["ENREGISTRÉ", &year]);
    }
    if d.chance(0.5) {
        let ph = super::doc::PH;
        let x0 = d.x0;
        d.text(x0, ph - 30.0, font, 7.5, "Document à conserver. Les pièces justificatives doivent être adressées avec une copie de cette attestation.");
    }
    if unreadable {
        obliterate(d, r.number);
    }
    r
}
