//! Held-out covers: the first page of the attestation d'enregistrement (or de renouvellement)
//! of the demande, in layouts of this set: the national system's print, a guichet's own
//! letter, the public portal's print-out, a table, a framed number with a coupon, a sidebar
//! with a spaced label, and a counter receipt.

use chrono::NaiveDate;

use super::{
    band, comb, etat_block, field, heading, lines_at, logo, place_date, pn, signed, small,
    stamp_box, tel, window, CoverTpl,
};
use crate::data::{self, add_months, d_long, d_slash, Foyer, Person};
use crate::doc::{Al, Doc, PH, R};
use crate::raster::F;

pub(crate) const COVERS: &[CoverTpl] = &[
    systeme_national,
    lettre_guichet,
    recapitulatif_portail,
    tableau,
    numero_encadre,
    bandeau_lateral,
    ticket_guichet,
];

/// `0761013081664DGALN` or `076 1013 081664 DGALN`.
fn spaced(n: &str) -> String {
    if n.len() == 18 {
        format!("{} {} {} {}", &n[0..3], &n[3..7], &n[7..13], &n[13..18])
    } else {
        n.to_string()
    }
}

fn numero(f: &Foyer) -> String {
    f.numero.clone().unwrap_or_default()
}

fn printed(d: &Doc, f: &Foyer) -> String {
    let n = numero(f);
    if d.chance(0.55) {
        spaced(&n)
    } else {
        n
    }
}

/// Makes a drawn number illegible: a marker bar, a dense scribble or correction fluid.
fn obscure(d: &mut Doc, r: R) {
    let (x, y, w, h) = (r.x - 3.0, r.y - 3.0, r.w + 6.0, r.h + 6.0);
    match d.int(0, 2) {
        0 => {
            let v = d.int(5, 40) as u8;
            d.fill(x, y, w, h, v);
        }
        1 => {
            let v = d.int(10, 50) as u8;
            let th = (h * 0.45).max(3.0);
            let mut pts = Vec::new();
            let mut cx = x;
            let mut up = true;
            while cx < x + w + 4.0 {
                pts.push((cx, if up { y } else { y + h }));
                cx += th * 0.55;
                up = !up;
            }
            d.stroke(&pts, th, v);
            d.fill(x, y + h * 0.25, w, h * 0.5, v);
        }
        _ => {
            // correction fluid: a white patch, a faint edge and a few dots
            d.fill(x - 1.0, y - 1.0, w + 2.0, h + 2.0, 255);
            d.ellipse(
                x + w / 2.0,
                y + h / 2.0,
                w / 2.0 + 3.0,
                h / 2.0 + 2.0,
                0.5,
                200,
            );
        }
    }
}

/// Draws the number (text) at `(x, base)` and obscures it when asked; returns its box.
#[allow(clippy::too_many_arguments)]
fn number_at(d: &mut Doc, x: f32, base: f32, f: F, size: f32, s: &str, unreadable: bool) -> R {
    let r = d.text(x, base, f, size, s);
    if unreadable {
        obscure(d, r);
    }
    r
}

/// Who registered the demande: name and address lines.
fn guichet(d: &Doc, f: &Foyer) -> (String, Vec<String>) {
    let c = f.adresse.commune;
    let addr = format!(
        "{} {}",
        d.int(1, 90),
        d.pick(&[
            "rue de la Mairie",
            "place Carnot",
            "avenue de Verdun",
            "rue Lamartine",
            "boulevard Voltaire"
        ])
    );
    let city = format!("{} {}", c.cp, c.nom.to_uppercase());
    let name = match f.guichet.as_str() {
        // a demande made online: its papers come from the portal, or from the guichet that
        // followed it up
        "GDPUB" if d.chance(0.5) => "Demande en ligne — portail grand public".to_string(),
        "PREF0" => format!(
            "Direction départementale de l'emploi, du travail et des solidarités {}",
            data::dep_de(c.dep_nom)
        ),
        "ALS01" => "Action Logement Services".to_string(),
        "CCAS1" => format!("Centre communal d'action sociale {}", data::de(c.nom)),
        _ => match d.int(0, 4) {
            0 => format!("Mairie {} — Service Habitat", data::de(c.nom)),
            1 => format!("{} Habitat", c.nom),
            2 => format!("Office public de l'habitat {}", data::dep_de(c.dep_nom)),
            3 => format!("Société anonyme d'HLM {} Logement", c.dep_nom),
            _ => format!("Maison de l'habitat {}", data::de(c.nom)),
        },
    };
    (name, vec![addr, city, format!("Tél. {}", tel(d))])
}

fn validity(f: &Foyer) -> NaiveDate {
    add_months(f.attestation, 12)
}

fn kind_title(renouv: bool, caps: bool) -> String {
    let s = if renouv {
        "Attestation de renouvellement"
    } else {
        "Attestation d'enregistrement"
    };
    if caps {
        s.to_uppercase()
    } else {
        s.to_string()
    }
}

fn household(f: &Foyer) -> Vec<(&Person, &'static str)> {
    let mut v = vec![(&f.demandeur, "Demandeur")];
    if let Some(c) = &f.conjoint {
        v.push((c, "Conjoint(e)"));
    }
    v.extend(f.enfants.iter().map(|e| (e, "Enfant")));
    v
}

// ---------------------------------------------------------------------------------------------

/// The national registration system's own print: State block, two-line title, label/value
/// pairs, household table, information paragraphs.
fn systeme_national(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let (x0, top) = (d.x0, d.top);
    let y = etat_block(
        d,
        x0,
        top,
        &[
            "Ministère chargé du logement",
            "Enregistrement national des demandes de logement social",
        ],
    );
    let right = d.x1;
    let font = d.font;
    d.text_al(
        right,
        top + 10.0,
        Al::Rt,
        font,
        8.0,
        &format!("Édition du {}", d_slash(f.attestation)),
    );
    d.y = y + 10.0;
    let t = kind_title(renouv, true);
    heading(d, &t, 15.0);
    let sub = d.pick(&[
        "d'une demande de logement locatif social",
        "de votre demande de logement social",
        "de la demande de logement locatif social",
    ]);
    let b = d.bold;
    d.line_al(Al::C, b, 11.0, sub);
    d.gap(14.0);
    let tab = 205.0;
    let size = d.size + 1.0;
    let label = d.pick(&[
        "Numéro unique départemental :",
        "Numéro unique :",
        "N° unique d'enregistrement :",
    ]);
    let base = d.y + size;
    d.text(x0, base, font, size, label);
    let n = printed(d, f);
    number_at(d, x0 + tab, base, F::MonoB, size + 2.0, &n, unreadable);
    d.y += size * 1.8;
    let (gname, _) = guichet(d, f);
    let mut rows: Vec<(String, String)> = vec![
        (
            "Demandeur :".into(),
            format!("{} {} {}", p.civilite(), p.nom, p.prenom),
        ),
        ("Né(e) le :".into(), d_slash(p.naissance)),
        (
            if renouv {
                "Date de dépôt initial :"
            } else {
                "Date de dépôt :"
            }
            .into(),
            d_slash(f.date_depot),
        ),
    ];
    if renouv {
        rows.push(("Date de renouvellement :".into(), d_slash(f.attestation)));
    }
    rows.push(("Demande valable jusqu'au :".into(), d_slash(validity(f))));
    rows.push(("Enregistrée par :".into(), gname));
    for (k, v) in &rows {
        d.kv(k, v, tab);
    }
    d.gap(10.0);
    band(d, "Personnes à loger");
    let mut t = vec![vec![
        "Nom".to_string(),
        "Prénom".into(),
        "Né(e) le".into(),
        "Qualité".into(),
    ]];
    for (m, role) in household(f) {
        t.push(vec![
            m.nom.clone(),
            m.prenom.clone(),
            d_slash(m.naissance),
            role.into(),
        ]);
    }
    let w = d.x1 - d.x0;
    let x = d.x0;
    d.table(
        x,
        &[w * 0.3, w * 0.25, w * 0.2, w * 0.25],
        &[Al::L, Al::L, Al::C, Al::L],
        &t,
        d.size - 0.5,
        true,
        1,
    );
    d.gap(8.0);
    d.para(
        "Votre demande est enregistrée pour une durée d'un an. Un mois avant son échéance, vous serez invité(e) à la renouveler ; à défaut, elle sera radiée.",
    );
    d.para(
        "Ce numéro est à rappeler dans toute correspondance et lors de l'envoi de vos justificatifs. Signalez toute modification de votre situation (adresse, ressources, composition familiale).",
    );
    if d.chance(0.6) {
        d.para(
            "Si aucune proposition adaptée ne vous est faite dans le délai fixé par le préfet pour votre département, vous pourrez saisir la commission de médiation.",
        );
    }
    d.y = d.y.max(PH - 120.0);
    small(
        d,
        "Les informations de votre demande sont enregistrées dans un traitement national dont la finalité est la gestion des demandes de logement social. Elles sont accessibles aux bailleurs et services enregistreurs de votre département.",
    );
}

/// A guichet's own letter: logo, sender lines, window address, subject, body, signature.
fn lettre_guichet(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let (gname, glines) = guichet(d, f);
    let initials: String = gname
        .split(|c: char| c == ' ' || c == '\'')
        .filter(|w| w.len() > 3)
        .filter_map(|w| w.chars().next())
        .take(3)
        .collect::<String>()
        .to_uppercase();
    let (x0, top) = (d.x0, d.top);
    let r = logo(
        d,
        x0,
        top,
        &initials,
        &gname,
        "Accueil des demandeurs de logement",
    );
    let y = lines_at(d, x0, r.y + r.h + 6.0, 8.0, &glines);
    d.y = y;
    window(d, p, f, d.chance(0.5));
    place_date(d, f.adresse.commune.nom, f.attestation);
    let b = d.bold;
    let size = d.size;
    let obj = if renouv {
        d.pick(&[
            "Objet : renouvellement de votre demande de logement social",
            "Objet : attestation de renouvellement",
        ])
    } else {
        d.pick(&[
            "Objet : enregistrement de votre demande de logement social",
            "Objet : attestation d'enregistrement de votre demande",
        ])
    };
    d.line_al(Al::L, b, size, obj);
    d.gap(10.0);
    d.para(&format!("{},", p.civilite()));
    let when = if renouv {
        format!(
            "Nous vous confirmons le renouvellement, le {}, de votre demande de logement social initialement déposée le {}.",
            d_long(f.attestation),
            d_long(f.date_depot)
        )
    } else {
        format!(
            "Nous avons le plaisir de vous informer que votre demande de logement social, déposée le {}, a été enregistrée.",
            d_long(f.date_depot)
        )
    };
    d.para(&when);
    let lab = d.pick(&[
        "Votre numéro d'enregistrement unique est le suivant :",
        "Elle porte le numéro unique :",
        "Le numéro unique attribué à votre demande est :",
    ]);
    d.para(lab);
    let n = printed(d, f);
    let nsize = d.real(14.0, 18.0);
    let w = d.measure(F::SansB, nsize, &n);
    let x = (d.x0 + d.x1) / 2.0 - w / 2.0;
    let base = d.y + nsize + 6.0;
    if d.chance(0.6) {
        d.rect(x - 12.0, d.y, w + 24.0, nsize + 16.0, 1.0);
    }
    number_at(d, x, base, F::SansB, nsize, &n, unreadable);
    d.y += nsize + 26.0;
    d.para(&format!(
        "Ce numéro est valable sur l'ensemble du département {} auprès de tous les organismes partenaires. Nous vous remercions de l'indiquer sur chacun de vos envois et de joindre la copie de ce courrier à vos pièces justificatives.",
        data::dep_de(f.adresse.commune.dep_nom)
    ));
    d.para(&format!(
        "Votre demande devra être renouvelée avant le {}.",
        d_long(validity(f))
    ));
    d.para(
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    );
    let who = if gname.starts_with("Mairie") {
        d.pick(&[
            "Le Maire, par délégation",
            "L'adjointe au logement",
            "Le service Habitat",
        ])
    } else if gname.starts_with("Centre communal") {
        d.pick(&["La directrice du CCAS", "Le service Demandes de logement"])
    } else if gname.starts_with("Demande en ligne") {
        "Le service d'enregistrement en ligne"
    } else {
        d.pick(&[
            "Le service Demandes de logement",
            "La chargée d'accueil",
            "Pour le Directeur, la responsable de la gestion locative",
        ])
    };
    signed(d, who, "", &["ENREGISTRÉ", "SERVICE LOGEMENT"]);
}

/// The public portal's print-out: browser header and footer, banner, grey sections.
fn recapitulatif_portail(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let (x0, x1) = (d.x0, d.x1);
    let hh = d.int(8, 21);
    let mm = d.int(0, 59);
    d.text(
        12.0,
        16.0,
        F::Sans,
        7.0,
        &format!("{} {:02}:{:02}", d_slash(f.attestation), hh, mm),
    );
    d.text_al(
        595.0 - 12.0,
        16.0,
        Al::Rt,
        F::Sans,
        7.0,
        "Ma demande de logement social",
    );
    d.text(
        12.0,
        PH - 12.0,
        F::Sans,
        7.0,
        "https://www.demande-logement-social.gouv.fr/mon-espace/ma-demande/recapitulatif",
    );
    d.text_al(595.0 - 12.0, PH - 12.0, Al::Rt, F::Sans, 7.0, "1/2");
    let top = d.top + 6.0;
    d.fill(x0, top, x1 - x0, 44.0, 55);
    d.text_ink(
        x0 + 12.0,
        top + 19.0,
        F::SansB,
        13.0,
        "Mon espace demandeur",
        255,
    );
    d.text_ink(
        x0 + 12.0,
        top + 34.0,
        F::Sans,
        8.5,
        "Logement social — demande en ligne",
        255,
    );
    d.y = top + 64.0;
    let b = d.bold;
    d.line_al(Al::L, b, 16.0, "Récapitulatif de ma demande");
    if d.chance(0.75) {
        let s = format!(
            "{} de la demande de logement social",
            kind_title(renouv, false)
        );
        let font = d.font;
        d.line_al(Al::L, font, 10.0, &s);
    }
    d.gap(12.0);
    band(d, "Ma demande");
    let size = d.size;
    let font = d.font;
    let base = d.y + size;
    let lab = d.pick(&["N° de la demande", "Numéro unique", "Mon numéro unique"]);
    d.text(x0 + 4.0, base, font, size, lab);
    let n = printed(d, f);
    number_at(d, x0 + 190.0, base, F::SansB, size + 1.5, &n, unreadable);
    d.y += size * 1.7;
    let mut kv = vec![
        ("Statut", "Active".to_string()),
        ("Date de dépôt", d_slash(f.date_depot)),
    ];
    if renouv {
        kv.push(("Dernier renouvellement", d_slash(f.attestation)));
    }
    kv.push(("À renouveler avant le", d_slash(validity(f))));
    for (k, v) in kv {
        let y = d.y;
        d.kv_f(x0 + 4.0, k, &v, 186.0, font, font, size);
        d.hline(x0, x1, y + size * d.lh + 1.0, 0.3);
        d.gap(3.0);
    }
    d.gap(8.0);
    band(d, "Mon identité");
    let ident = [
        ("Nom de naissance", p.nom.clone()),
        ("Prénom(s)", p.prenoms()),
        ("Date de naissance", d_slash(p.naissance)),
        ("Lieu de naissance", p.lieu_naissance.clone()),
        ("Adresse", f.adresse.one_line()),
    ];
    for (k, v) in ident {
        d.kv_f(x0 + 4.0, k, &v, 186.0, font, font, size);
    }
    d.gap(8.0);
    band(d, "Mon foyer");
    let n_pers = household(f).len();
    d.kv_f(
        x0 + 4.0,
        "Nombre de personnes",
        &n_pers.to_string(),
        186.0,
        font,
        font,
        size,
    );
    let typ = d.pick(&["T1", "T2", "T3", "T4", "T3 ou T4", "T2 ou T3"]);
    d.kv_f(
        x0 + 4.0,
        "Typologie recherchée",
        typ,
        186.0,
        font,
        font,
        size,
    );
    d.kv_f(
        x0 + 4.0,
        "Commune(s) souhaitée(s)",
        &format!(
            "{}, {}",
            f.adresse.commune.nom, f.adresse.commune.prefecture
        ),
        186.0,
        font,
        font,
        size,
    );
    d.gap(14.0);
    small(
        d,
        "Imprimez ou enregistrez ce récapitulatif. Pour tout envoi de justificatifs par courrier, placez-le en première page de votre envoi.",
    );
}

/// A ruled table of the demande's dates and the applicant, under a préfecture / commune header.
fn tableau(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let (gname, glines) = guichet(d, f);
    let b = d.bold;
    d.text(x0, top + 12.0, b, 11.0, &gname);
    lines_at(d, x0, top + 16.0, 8.0, &glines);
    d.text_al(
        x1,
        top + 12.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("Département : {} — {}", c.dep, c.dep_nom),
    );
    d.y = top + 70.0;
    d.hline(x0, x1, d.y, 1.5);
    d.gap(10.0);
    let t = format!(
        "{} d'une demande de logement locatif social",
        kind_title(renouv, false)
    );
    heading(d, &t, 13.5);
    let w = x1 - x0;
    let lab = d.pick(&[
        "Numéro unique",
        "N° unique départemental",
        "Numéro d'enregistrement",
    ]);
    let second = if renouv {
        "Date de renouvellement"
    } else {
        "Date d'enregistrement"
    };
    let head = vec![
        lab.to_string(),
        "Date de dépôt".into(),
        second.into(),
        "Échéance".into(),
    ];
    let n = printed(d, f);
    let row = vec![
        n.clone(),
        d_slash(f.date_depot),
        d_slash(f.attestation),
        d_slash(validity(f)),
    ];
    let y_row = d.y + (d.size - 0.5) * 1.55;
    let widths = [w * 0.4, w * 0.2, w * 0.22, w * 0.18];
    // the number cell is drawn by hand (so that it can be obscured)
    let row_t = vec![
        String::new(),
        row[1].clone(),
        row[2].clone(),
        row[3].clone(),
    ];
    let size = d.size - 0.5;
    d.table(
        x0,
        &widths,
        &[Al::C, Al::C, Al::C, Al::C],
        &[head, row_t],
        size,
        true,
        2,
    );
    let mut ns = size + 1.0;
    while ns > 6.0 && d.measure(F::MonoB, ns, &n) > widths[0] - 6.0 {
        ns -= 0.5;
    }
    let nw = d.measure(F::MonoB, ns, &n);
    number_at(
        d,
        x0 + widths[0] / 2.0 - nw / 2.0,
        y_row + size * 1.55 * 0.7,
        F::MonoB,
        ns,
        &n,
        unreadable,
    );
    d.gap(12.0);
    let rows = vec![
        vec!["Demandeur".to_string(), format!("{} {}", p.nom, p.prenom)],
        vec!["Date de naissance".into(), d_slash(p.naissance)],
        vec!["Adresse actuelle".into(), f.adresse.one_line()],
        vec![
            "Co-demandeur".into(),
            f.conjoint.as_ref().map(pn).unwrap_or_else(|| "—".into()),
        ],
        vec!["Personnes à charge".into(), f.enfants.len().to_string()],
    ];
    d.table(
        x0,
        &[w * 0.3, w * 0.7],
        &[Al::L, Al::L],
        &rows,
        d.size,
        false,
        2,
    );
    d.gap(12.0);
    d.para(
        "La présente attestation est délivrée en application du code de la construction et de l'habitation. Elle justifie de l'existence de la demande et de sa date, qui sert au calcul de l'ancienneté.",
    );
    d.para("Toute pièce justificative adressée par courrier doit être précédée de cette page.");
    place_date(d, c.nom, f.attestation);
    stamp_box(
        d,
        x1 - 150.0,
        d.y + 4.0,
        &[
            "SERVICE ENREGISTREUR",
            &format!("{} {}", c.cp, c.nom.to_uppercase()),
        ],
    );
}

/// The number in comb boxes (or a thick frame), and a cut-off coupon at the foot of the page.
fn numero_encadre(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let (gname, glines) = guichet(d, f);
    let x = x1 - 220.0;
    let b = d.bold;
    d.text(x, top + 11.0, b, 10.0, &gname);
    lines_at(d, x, top + 15.0, 7.5, &glines);
    d.y = top + 72.0;
    let t = kind_title(renouv, true);
    let b = d.bold;
    d.line_al(Al::L, b, 15.0, &t);
    let font = d.font;
    d.line_al(Al::L, font, 10.0, "Demande de logement social");
    d.gap(18.0);
    let n = numero(f);
    let label = d.pick(&[
        "NUMÉRO UNIQUE",
        "Numéro unique départemental",
        "N° DE LA DEMANDE",
    ]);
    let b2 = d.bold;
    d.line_al(Al::L, b2, 9.0, label);
    d.gap(3.0);
    let y = d.y;
    if d.chance(0.55) && n.len() == 18 {
        // 3 | 4 | 6 | 5 comb boxes
        let cell = d.real(15.0, 19.0);
        let mut cx = x0;
        for (a, bnd) in [(0, 3), (3, 7), (7, 13), (13, 18)] {
            let w = comb(d, cx, y, &n[a..bnd], cell, F::MonoB);
            cx += w + cell * 0.6;
        }
        if unreadable {
            obscure(
                d,
                R {
                    x: x0,
                    y,
                    w: cx - x0,
                    h: cell * 1.15,
                },
            );
        }
        d.y = y + cell * 1.15 + 16.0;
    } else {
        let s = if d.chance(0.5) { spaced(&n) } else { n.clone() };
        let size = d.real(16.0, 21.0);
        let w = d.measure(F::MonoB, size, &s);
        d.rect(x0, y, w + 30.0, size + 20.0, 2.0);
        number_at(d, x0 + 15.0, y + size + 7.0, F::MonoB, size, &s, unreadable);
        d.y = y + size + 36.0;
    }
    let size = d.size;
    let font = d.font;
    let tab = 170.0;
    d.kv_f(
        x0,
        "Titulaire de la demande",
        &format!("{} {} {}", p.civ_court(), p.prenom, p.nom),
        tab,
        font,
        F::SansB,
        size,
    );
    d.kv_f(
        x0,
        "Date de naissance",
        &d_slash(p.naissance),
        tab,
        font,
        font,
        size,
    );
    d.kv_f(
        x0,
        "Déposée le",
        &d_slash(f.date_depot),
        tab,
        font,
        font,
        size,
    );
    if renouv {
        d.kv_f(
            x0,
            "Renouvelée le",
            &d_slash(f.attestation),
            tab,
            font,
            font,
            size,
        );
    }
    d.kv_f(
        x0,
        "Valable jusqu'au",
        &d_slash(validity(f)),
        tab,
        font,
        font,
        size,
    );
    d.gap(14.0);
    d.para(
        "Conservez ce document. Il prouve que votre demande est enregistrée et fixe la date à partir de laquelle est calculée son ancienneté.",
    );
    d.para(
        "Pour compléter votre dossier, adressez vos justificatifs en une seule fois, cette attestation en tête de l'envoi. N'envoyez pas d'originaux.",
    );
    // coupon
    let cy = PH - d.real(175.0, 205.0);
    let mut cx = x0;
    while cx < x1 {
        d.fill(cx, cy, 5.0, 0.6, 90);
        cx += 9.0;
    }
    d.text(x0, cy - 3.0, F::Sans, 9.0, "✂");
    d.y = cy + 12.0;
    let b = d.bold;
    d.line_al(Al::L, b, 9.5, "Coupon à conserver");
    let w = (x1 - x0 - 10.0) / 2.0;
    let y = d.y + 2.0;
    field(
        d,
        x0,
        y,
        w,
        26.0,
        "Nom et prénom",
        &format!("{} {}", p.nom, p.prenom),
    );
    field(
        d,
        x0 + w + 10.0,
        y,
        w,
        26.0,
        "Date de dépôt",
        &d_slash(f.date_depot),
    );
    field(d, x0, y + 32.0, w, 26.0, "Guichet", &f.guichet);
    field(
        d,
        x0 + w + 10.0,
        y + 32.0,
        w,
        26.0,
        "À renouveler avant le",
        &d_slash(validity(f)),
    );
}

/// A grey sidebar with the guichet's contacts; the body with a spaced capital label.
fn bandeau_lateral(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let side = d.real(135.0, 160.0);
    let shade = d.int(225, 242) as u8;
    d.fill(0.0, 0.0, side, PH, shade);
    let (gname, glines) = guichet(d, f);
    let mut y = d.top + 10.0;
    let wrapped = d.wrap(F::SansB, 10.0, &gname, side - 30.0);
    for l in wrapped {
        d.text(16.0, y, F::SansB, 10.0, &l);
        y += 13.0;
    }
    y += 8.0;
    for l in &glines {
        d.text(16.0, y, F::Sans, 7.5, l);
        y += 10.0;
    }
    y += 20.0;
    for l in [
        "Horaires d'accueil",
        "lundi au vendredi",
        "9 h – 12 h / 14 h – 17 h",
    ] {
        d.text(16.0, y, F::Sans, 7.5, l);
        y += 10.0;
    }
    d.x0 = side + 28.0;
    d.y = d.top + 10.0;
    let b = d.bold;
    let t = kind_title(renouv, false);
    d.line_al(Al::L, b, 16.0, &t);
    let font = d.font;
    d.line_al(Al::L, font, 10.5, "de la demande de logement social");
    d.gap(26.0);
    let lab = d.pick(&[
        "N U M É R O   U N I Q U E",
        "N°   U N I Q U E",
        "N U M É R O   D ' E N R E G I S T R E M E N T",
    ]);
    let x0 = d.x0;
    d.line_al(Al::L, F::Sans, 8.0, lab);
    d.hline(x0, x0 + 200.0, d.y, 0.6);
    d.gap(6.0);
    let n = printed(d, f);
    let base = d.y + 18.0;
    number_at(d, x0, base, F::SansB, 18.0, &n, unreadable);
    d.y = base + 16.0;
    let rows = [
        ("D E M A N D E U R", format!("{} {}", p.prenom, p.nom)),
        ("D A T E   D E   D É P Ô T", d_long(f.date_depot)),
    ];
    for (k, v) in rows {
        d.line_al(Al::L, F::Sans, 8.0, k);
        let b = d.bold;
        d.line_al(Al::L, b, 11.0, &v);
        d.gap(8.0);
    }
    if renouv {
        d.line_al(Al::L, F::Sans, 8.0, "R E N O U V E L É E   L E");
        let b = d.bold;
        d.line_al(Al::L, b, 11.0, &d_long(f.attestation));
        d.gap(8.0);
    }
    d.gap(10.0);
    d.para(&format!(
        "{} {}, {} le {} — adresse : {}.",
        p.civ_court(),
        p.nom,
        p.ne(),
        d_slash(p.naissance),
        f.adresse.one_line()
    ));
    d.para(&format!(
        "Votre demande reste active jusqu'au {}. Elle peut être consultée et mise à jour en ligne ou auprès de tout guichet enregistreur du département.",
        d_slash(validity(f))
    ));
    d.para("Joignez systématiquement cette page à vos envois de documents.");
}

/// A counter receipt printed by the guichet's software: monospaced, narrow, dashes.
fn ticket_guichet(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let (gname, glines) = guichet(d, f);
    let w = d.real(300.0, 380.0);
    let x = (595.0 - w) / 2.0 + d.real(-40.0, 40.0);
    let mut y = d.top + d.real(0.0, 40.0);
    let size = 9.0;
    let dash = "-".repeat((w / d.measure(F::Mono, size, "-")) as usize - 1);
    let line = |d: &mut Doc, s: &str, bold: bool, y: &mut f32| {
        let fo = if bold { F::MonoB } else { F::Mono };
        d.text(x, *y, fo, size, s);
        *y += size * 1.45;
    };
    line(d, &gname.to_uppercase(), true, &mut y);
    for l in &glines {
        line(d, l, false, &mut y);
    }
    line(d, &dash, false, &mut y);
    let title = if renouv {
        "RÉCÉPISSÉ — ATTESTATION DE RENOUVELLEMENT"
    } else {
        "RÉCÉPISSÉ — ATTESTATION D'ENREGISTREMENT"
    };
    line(d, title, true, &mut y);
    line(d, "DEMANDE DE LOGEMENT SOCIAL", false, &mut y);
    line(d, &dash, false, &mut y);
    let lab = d.pick(&["N° UNIQUE     : ", "NUM. UNIQUE   : ", "N° DEMANDE    : "]);
    let lw = d.measure(F::Mono, size, lab);
    d.text(x, y, F::Mono, size, lab);
    let n = numero(f);
    number_at(d, x + lw, y, F::MonoB, size + 1.0, &n, unreadable);
    y += size * 1.6;
    let rows = [
        ("NOM           : ", p.nom.clone()),
        ("PRÉNOM        : ", p.prenom.to_uppercase()),
        ("NÉ(E) LE      : ", d_slash(p.naissance)),
        ("DÉPÔT LE      : ", d_slash(f.date_depot)),
    ];
    for (k, v) in rows {
        line(d, &format!("{k}{v}"), false, &mut y);
    }
    if renouv {
        line(
            d,
            &format!("RENOUV. LE    : {}", d_slash(f.attestation)),
            false,
            &mut y,
        );
    }
    line(
        d,
        &format!("FIN VALIDITÉ  : {}", d_slash(validity(f))),
        false,
        &mut y,
    );
    line(d, &format!("GUICHET       : {}", f.guichet), false, &mut y);
    line(d, &dash, false, &mut y);
    let agent = format!("AGENT {}{}  POSTE {}", d.upper(2), d.digits(3), d.digits(2));
    line(d, &agent, false, &mut y);
    let stamp = format!(
        "IMPRIMÉ LE {} À {:02}:{:02}",
        d_slash(f.attestation),
        d.int(8, 17),
        d.int(0, 59)
    );
    line(d, &stamp, false, &mut y);
    line(d, &dash, false, &mut y);
    for l in d.wrap(F::Mono, 8.0, "Présentez ce récépissé, ou sa copie en tête de vos envois, pour toute démarche concernant votre demande.", w) {
        d.text(x, y, F::Mono, 8.0, &l);
        y += 11.0;
    }
    d.y = y + 10.0;
}
