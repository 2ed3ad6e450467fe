//! Cover pages: the applicant's attestation d'enregistrement or de renouvellement of a demande
//! de logement social, carrying the numéro unique and the applicant's name, in layouts of this
//! set's own.

use chrono::Datelike;

use super::*;
use crate::data::{self, Foyer};
use crate::doc::{Al, Doc, PH, PW, R};
use crate::raster::F;

pub(crate) const COVERS: &[CoverTpl] = &[
    national_printout,
    guichet_letter,
    counter_receipt,
    portal_print,
    renewal_table,
    boxed_form,
    two_column_notice,
];

fn kind(renouv: bool) -> (&'static str, &'static str) {
    if renouv {
        ("renouvellement", "renouvelée")
    } else {
        ("enregistrement", "enregistrée")
    }
}

/// A name for the guichet that registered the demande.
fn guichet_name(d: &Doc, f: &Foyer) -> String {
    let c = f.adresse.commune;
    match f.guichet.as_str() {
        "GDPUB" => "Portail grand public (demande en ligne)".to_string(),
        _ => match d.int(0, 4) {
            0 => format!("Mairie {}", data::de(c.nom)),
            1 => format!("CCAS {}", data::de(c.nom)),
            2 => format!(
                "Agence {} — {}",
                d.pick(&[
                    "Habitat 2000",
                    "Logéo",
                    "Domanys",
                    "Alliade Habitat",
                    "Erilia",
                    "3F Résidences"
                ]),
                c.nom
            ),
            3 => format!(
                "Direction départementale de l'emploi, du travail et des solidarités {}",
                data::dep_de(c.dep_nom)
            ),
            _ => format!("Maison de l'habitat {}", data::de(c.prefecture)),
        },
    }
}

fn validity(f: &Foyer) -> chrono::NaiveDate {
    data::add_months(f.attestation, 12) - chrono::Duration::days(1)
}

/// Draws the number at `(x, base)` and spoils it when it must be unreadable.
fn number_at(d: &mut Doc, x: f32, base: f32, font: F, size: f32, s: &str, unreadable: bool) -> R {
    let r = d.text(x, base, font, size, s);
    if unreadable {
        spoil(d, r);
    }
    r
}

/// A print-out of the national registration system, as a guichet's agent prints it.
fn national_printout(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let (k, done) = kind(renouv);
    let x0 = d.x0;
    let y0 = d.y;
    let yb = rf_mark(
        d,
        x0,
        y0,
        &[
            "Ministère chargé du logement",
            "Système national d'enregistrement",
            "des demandes de logement locatif social",
        ],
    );
    let x1 = d.x1;
    lines_rt(
        d,
        x1,
        y0 + 2.0,
        F::Sans,
        7.5,
        &[
            format!(
                "Édité le {}",
                data::d_slash(f.attestation + chrono::Duration::days(d.int(0, 3)))
            ),
            format!("Guichet : {}", f.guichet),
            format!("Utilisateur : {}{}", d.upper(2), d.digits(4)),
        ],
    );
    d.y = yb + 14.0;
    let t = format!(
        "ATTESTATION D'{} DE LA DEMANDE DE LOGEMENT SOCIAL",
        k.to_uppercase()
    )
    .replace("D'RENOUVELLEMENT", "DE RENOUVELLEMENT");
    title(d, &t, 12.5);
    let size = d.size;
    d.para(&format!(
        "Le service enregistreur atteste que la demande de logement locatif social désignée ci-dessous a été {} le {} dans le système national d'enregistrement.",
        done,
        data::d_long(f.attestation)
    ));
    d.gap(6.0);
    // the number in a frame
    let (xa, xb) = (d.x0, d.x1);
    let y = d.y;
    d.rect(xa, y, xb - xa, 44.0, 1.2);
    d.text(
        xa + 10.0,
        y + 16.0,
        F::Sans,
        8.5,
        "Numéro unique d'enregistrement",
    );
    let shown = if d.chance(0.5) { spaced(&nu(f)) } else { nu(f) };
    number_at(d, xa + 10.0, y + 36.0, F::MonoB, 16.0, &shown, unreadable);
    d.y = y + 56.0;
    let rows = vec![
        (
            "Demandeur".to_string(),
            format!("{} {}", p.civilite(), rev(p)),
        ),
        ("Né(e) le".to_string(), data::d_slash(p.naissance)),
        ("Adresse".to_string(), f.adresse.one_line()),
        (
            "Date de dépôt initial".to_string(),
            data::d_slash(f.date_depot),
        ),
        (
            format!(
                "Date d'{}",
                if renouv {
                    "renouvellement"
                } else {
                    "enregistrement"
                }
            ),
            data::d_slash(f.attestation),
        ),
        ("Fin de validité".to_string(), data::d_slash(validity(f))),
        ("Guichet enregistreur".to_string(), guichet_name(d, f)),
    ];
    let x = d.x0;
    let w = d.x1 - d.x0;
    let table: Vec<Vec<String>> = rows.into_iter().map(|(a, b)| vec![a, b]).collect();
    d.table(
        x,
        &[w * 0.32, w * 0.68],
        &[Al::L, Al::L],
        &table,
        size - 0.5,
        false,
        2,
    );
    d.gap(10.0);
    fine(d, "Votre demande doit être renouvelée chaque année avant sa date anniversaire ; à défaut, elle sera radiée après un mois suivant l'envoi d'un courrier de rappel. Tout changement de situation doit être déclaré. Conservez ce numéro : il vous sera demandé pour toute démarche et pour l'envoi de vos pièces justificatives.");
    fine(d, "Articles L. 441-2-1 et R. 441-2-1 et suivants du code de la construction et de l'habitation.");
    d.gap(14.0);
    let sx = d.x0 + 280.0;
    sign(d, sx, "", "Le service enregistreur");
}

/// A guichet's mail-merge letter with the number in the body.
fn guichet_letter(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let (k, done) = kind(renouv);
    let org = guichet_name(d, f);
    let c = f.adresse.commune;
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(
        d,
        x0,
        y0,
        &org.chars().take(38).collect::<String>(),
        "Service logement — accueil des demandeurs",
    );
    lines(
        d,
        x0,
        r.y + r.h + 6.0,
        F::Sans,
        7.5,
        &[
            office_street(d),
            format!("{} {}", c.cp, c.nom),
            format!("Tél. {}", phone(d)),
        ],
    );
    d.y = y0 + 20.0;
    window(d, f, p);
    let x1 = d.x1;
    let yy = d.y;
    d.text_al(
        x1,
        yy,
        Al::Rt,
        d.font,
        d.size,
        &format!("{}, le {}", c.nom, data::d_long(f.attestation)),
    );
    d.gap(20.0);
    subject_line(
        d,
        &format!(
            "Objet : attestation d'{} de votre demande de logement social",
            k
        )
        .replace("d'renouvellement", "de renouvellement"),
    );
    d.para(&format!("{},", p.civilite()));
    d.para(&format!(
        "Nous vous confirmons que votre demande de logement social a été {} le {}. Elle est valable jusqu'au {} et devra être renouvelée avant cette date.",
        done,
        data::d_slash(f.attestation),
        data::d_slash(validity(f))
    ));
    let y = d.y;
    let lead = "Votre numéro unique est le : ";
    let (font, size) = (d.font, d.size);
    let w = d.measure(font, size, lead);
    let xl = d.x0;
    d.text(xl, y + size, font, size, lead);
    number_at(
        d,
        xl + w + 2.0,
        y + size,
        F::SansB,
        size + 1.5,
        &nu(f),
        unreadable,
    );
    d.y = y + size * 2.2;
    d.para("Ce numéro est à rappeler sur tous vos courriers et doit figurer en tête de chaque envoi de pièces justificatives (joindre une copie de la première page de la présente attestation).");
    d.para(&format!(
        "Demandeur : {}, {} le {}.",
        rev(p),
        p.ne(),
        data::d_slash(p.naissance)
    ));
    if let Some(cj) = &f.conjoint {
        if d.chance(0.5) {
            d.para(&format!("Co-demandeur ou conjoint déclaré : {}.", full(cj)));
        }
    }
    d.para(
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    );
    d.gap(10.0);
    let sx = d.x0 + 260.0;
    let agent = outsider(d, None, (1965, 1998));
    sign(d, sx, &tname(&agent), "Le service logement");
}

/// A counter receipt printed on a narrow thermal printer and photocopied on A4.
fn counter_receipt(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let (k, _) = kind(renouv);
    let w = d.real(190.0, 240.0);
    let x = (PW - w) / 2.0 + d.real(-60.0, 60.0);
    let y = d.real(50.0, 140.0);
    let s = 8.0;
    let one = d.measure(F::Mono, s, "M");
    let cols = ((w - 16.0) / one) as usize;
    let center = |t: &str| -> String {
        let n = t.chars().count();
        if n >= cols {
            t.to_string()
        } else {
            format!("{}{}", " ".repeat((cols - n) / 2), t)
        }
    };
    let mut ls: Vec<String> = vec![
        center(&guichet_name(d, f).chars().take(cols).collect::<String>()),
        center(&format!(
            "{} {}",
            f.adresse.commune.cp,
            f.adresse.commune.nom.to_uppercase()
        )),
        "-".repeat(cols),
        center("DEMANDE DE LOGEMENT SOCIAL"),
        center(
            &format!("ATTESTATION D'{}", k.to_uppercase())
                .replace("D'RENOUVELLEMENT", "DE RENOUVELLEMENT"),
        ),
        "-".repeat(cols),
        format!("DATE     {}", data::d_slash(f.attestation)),
        format!("HEURE    {:02}:{:02}", d.int(8, 17), d.int(0, 59)),
        format!("GUICHET  {}", f.guichet),
        String::new(),
        "DEMANDEUR".into(),
        format!("  {}", p.nom),
        format!("  {}", p.prenom),
        format!("  NE(E) LE {}", data::d_slash(p.naissance)),
        String::new(),
        "NUMERO UNIQUE".into(),
    ];
    let n_before = ls.len();
    ls.push(String::new());
    ls.extend([
        String::new(),
        format!("VALABLE JUSQU'AU {}", data::d_slash(validity(f))),
        "-".repeat(cols),
        "A RAPPELER DANS TOUT ENVOI".into(),
        "DE PIECES JUSTIFICATIVES".into(),
        "-".repeat(cols),
        center(&format!("TICKET {}", d.digits(6))),
    ]);
    let h = ls.len() as f32 * s * 1.45 + 62.0;
    let g = d.int(235, 250) as u8;
    d.tint(x, y, w, h, g);
    d.rect(x, y, w, h, 0.4);
    let mut base = y + 18.0;
    for (i, l) in ls.iter().enumerate() {
        if i == n_before {
            let num = spaced(&nu(f));
            let size = (w - 20.0) / d.measure(F::MonoB, 10.0, &num) * 10.0;
            number_at(
                d,
                x + 10.0,
                base + 4.0,
                F::MonoB,
                size.min(12.0),
                &num,
                unreadable,
            );
            base += 6.0;
        } else {
            d.text(x + 8.0, base, F::Mono, s, l);
        }
        base += s * 1.45;
    }
    bars(d, x + 20.0, base, w - 40.0, 22.0);
    d.y = base + 40.0;
    // the counter agent's handwritten note beside it, sometimes
    if d.chance(0.5) {
        let hx = (x + w + 20.0).min(PW - 150.0);
        let hy = y + 40.0;
        let ink = d.int(30, 80) as u8;
        d.text_ink(hx, hy, F::Serif, 10.0, "pièces à envoyer", ink);
        d.text_ink(hx, hy + 14.0, F::Serif, 10.0, "avec ce ticket", ink);
    }
}

/// The public portal's page printed from the browser (print header and footer).
fn portal_print(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let (k, done) = kind(renouv);
    let printed = f.attestation + chrono::Duration::days(d.int(0, 30));
    d.text(
        20.0,
        18.0,
        F::Sans,
        6.5,
        &format!(
            "{} {:02}:{:02}",
            data::d_slash(printed),
            d.int(7, 22),
            d.int(0, 59)
        ),
    );
    d.text_al(
        PW / 2.0,
        18.0,
        Al::C,
        F::Sans,
        6.5,
        "Mon espace demandeur — Logement social",
    );
    d.text(
        20.0,
        PH - 14.0,
        F::Sans,
        6.5,
        "https://www.demande-logement-social.gouv.fr/espace-demandeur/attestation",
    );
    d.text_al(PW - 20.0, PH - 14.0, Al::Rt, F::Sans, 6.5, "1/1");
    // the site's header bar
    let (x0, x1) = (d.x0, d.x1);
    let y = d.y + 6.0;
    d.fill(x0, y, x1 - x0, 34.0, 60);
    d.text_ink(
        x0 + 10.0,
        y + 22.0,
        F::SansB,
        12.0,
        "Demande de logement social",
        255,
    );
    d.text_ink(
        x1 - 120.0,
        y + 22.0,
        F::Sans,
        8.0,
        &format!("Bonjour {}", p.prenom),
        255,
    );
    d.y = y + 50.0;
    let b = d.bold;
    d.line_al(Al::L, b, 9.0, "Accueil  >  Ma demande  >  Mes documents");
    d.gap(10.0);
    d.line_al(
        Al::L,
        b,
        15.0,
        &format!("Attestation d'{}", k).replace("d'renouvellement", "de renouvellement"),
    );
    d.gap(4.0);
    d.para(&format!(
        "Votre demande a été {} le {}.",
        done,
        data::d_long(f.attestation)
    ));
    // a card with the number
    let y = d.y + 4.0;
    let (xa, xb) = (d.x0, d.x1);
    d.tint(xa, y, xb - xa, 70.0, 236);
    d.fill(xa, y, 4.0, 70.0, 60);
    d.text(xa + 16.0, y + 20.0, F::Sans, 9.0, "Mon numéro unique");
    number_at(d, xa + 16.0, y + 48.0, F::SansB, 20.0, &nu(f), unreadable);
    d.y = y + 84.0;
    let rows = vec![
        ("Titulaire de la demande".to_string(), full(p)),
        ("Date de naissance".to_string(), data::d_slash(p.naissance)),
        ("Première demande".to_string(), data::d_slash(f.date_depot)),
        (
            "À renouveler avant le".to_string(),
            data::d_slash(validity(f)),
        ),
        (
            "Département".to_string(),
            format!("{} — {}", f.adresse.commune.dep, f.adresse.commune.dep_nom),
        ),
    ];
    for (a, v) in &rows {
        let (x, y) = (d.x0, d.y);
        d.text(x, y + 10.0, F::Sans, 9.0, a);
        d.text(x + 190.0, y + 10.0, F::SansB, 9.5, v);
        d.hline(x, d.x1, y + 16.0, 0.3);
        d.y += 22.0;
    }
    d.gap(10.0);
    fine(d, "Ce document a été généré depuis votre espace personnel. Il a la même valeur que l'attestation remise par un guichet enregistreur.");
    let xq = d.x0;
    let yq = d.y + 6.0;
    datamatrix(d, xq, yq, 50.0);
    d.y = yq + 60.0;
}

/// A renewal reminder / registration notice with the number in a table.
fn renewal_table(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let x0 = d.x0;
    let y0 = d.y;
    let yb = rf_mark(
        d,
        x0,
        y0,
        &[
            &format!("Préfecture {}", data::dep_de(c.dep_nom)),
            "Gestionnaire départemental",
            "du fichier de la demande",
        ],
    );
    d.y = y0;
    window(d, f, p);
    d.y = d.y.max(yb + 10.0);
    let t = if renouv {
        "Attestation de renouvellement de votre demande de logement social"
    } else {
        "Attestation d'enregistrement de votre demande de logement social"
    };
    title(d, t, 12.0);
    d.para(&format!("{} {},", p.civilite(), p.nom));
    d.para(if renouv {
        "Vous avez renouvelé votre demande. Elle conserve son numéro et son ancienneté. Les informations principales de votre dossier sont rappelées ci-dessous."
    } else {
        "Votre demande est désormais enregistrée. Les informations principales de votre dossier sont rappelées ci-dessous."
    });
    d.gap(4.0);
    let x = d.x0;
    let w = d.x1 - d.x0;
    let widths = [w * 0.34, w * 0.22, w * 0.22, w * 0.22];
    let head = vec![
        "N° unique".to_string(),
        "Dépôt".to_string(),
        if renouv {
            "Renouvelée le"
        } else {
            "Enregistrée le"
        }
        .to_string(),
        "Échéance".to_string(),
    ];
    let row = vec![
        String::new(),
        data::d_slash(f.date_depot),
        data::d_slash(f.attestation),
        data::d_slash(validity(f)),
    ];
    let size = d.size;
    let y = d.y;
    d.table(
        x,
        &widths,
        &[Al::C, Al::C, Al::C, Al::C],
        &[head, row],
        size,
        true,
        2,
    );
    // the number drawn into its cell (monospace, fitted)
    let num = nu(f);
    let mut ns = size;
    while ns > 6.0 && d.measure(F::MonoB, ns, &num) > widths[0] - 8.0 {
        ns -= 0.5;
    }
    let nw = d.measure(F::MonoB, ns, &num);
    let row_h = size * 1.55;
    number_at(
        d,
        x + (widths[0] - nw) / 2.0,
        y + row_h + row_h * 0.7,
        F::MonoB,
        ns,
        &num,
        unreadable,
    );
    d.gap(8.0);
    d.kv("Demandeur :", &format!("{} {}", p.nom, p.prenoms()), 110.0);
    d.kv("Date de naissance :", &data::d_slash(p.naissance), 110.0);
    d.kv(
        "Guichet :",
        &format!("{} ({})", guichet_name(d, f), f.guichet),
        110.0,
    );
    d.gap(8.0);
    fine(d, "Un mois avant l'échéance, un courrier ou un courriel vous invitera à renouveler votre demande. Sans renouvellement, la demande est radiée. Vous pouvez mettre à jour votre dossier et déposer vos justificatifs en ligne, ou les adresser par courrier en joignant cette attestation.");
    d.gap(10.0);
    let sx = d.x0 + 270.0;
    sign(d, sx, "", "Pour le préfet, le gestionnaire");
}

/// A form printing the number and the name one character per box.
fn boxed_form(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let x0 = d.x0;
    let y = d.y;
    d.text(
        x0,
        y + 10.0,
        F::SansB,
        9.0,
        "DEMANDE DE LOGEMENT LOCATIF SOCIAL",
    );
    let x1 = d.x1;
    d.text_al(
        x1,
        y + 10.0,
        Al::Rt,
        F::Sans,
        7.5,
        &format!("Formulaire {} — v{}", d.digits(5), d.int(2, 9)),
    );
    d.y = y + 22.0;
    dark_band(
        d,
        if renouv {
            "ATTESTATION DE RENOUVELLEMENT"
        } else {
            "ATTESTATION D'ENREGISTREMENT"
        },
    );
    d.gap(6.0);
    let cell = ((d.x1 - d.x0 - 10.0) / 22.0).min(18.0);
    let cap = |d: &mut Doc, t: &str| {
        let (x, y) = (d.x0, d.y);
        d.text(x, y + 8.0, F::Sans, 7.5, t);
        d.y += 12.0;
    };
    cap(d, "Numéro unique (à reporter sur tout envoi)");
    let num = nu(f);
    let y = d.y;
    let x = d.x0;
    let wn = cells(d, x, y, &num, cell, F::MonoB);
    if unreadable {
        spoil(
            d,
            R {
                x,
                y,
                w: wn,
                h: cell * 1.2,
            },
        );
    }
    d.y = y + cell * 1.2 + 10.0;
    let name_cells = |d: &mut Doc, label: &str, v: &str| {
        let (x, y) = (d.x0, d.y);
        d.text(x, y + 8.0, F::Sans, 7.5, label);
        let v: String = v.to_uppercase().chars().take(22).collect();
        let padded = format!("{:<22}", v);
        cells(d, x, y + 12.0, &padded, cell, F::Mono);
        d.y = y + 12.0 + cell * 1.2 + 8.0;
    };
    name_cells(d, "Nom de naissance", &p.nom);
    name_cells(d, "Prénom", &p.prenom);
    let nd = format!(
        "{:02}{:02}{}",
        p.naissance.day(),
        p.naissance.month(),
        p.naissance.year()
    );
    let (x, y) = (d.x0, d.y);
    d.text(x, y + 8.0, F::Sans, 7.5, "Date de naissance (JJ MM AAAA)");
    cells(d, x, y + 12.0, &nd, cell, F::Mono);
    d.y = y + 12.0 + cell * 1.2 + 12.0;
    let pairs = vec![
        ("Enregistrée le :".to_string(), data::d_slash(f.date_depot)),
        (
            "Dernière mise à jour :".to_string(),
            data::d_slash(f.attestation),
        ),
        ("Valable jusqu'au :".to_string(), data::d_slash(validity(f))),
        ("Guichet :".to_string(), f.guichet.clone()),
    ];
    two_cols(d, &pairs);
    d.gap(8.0);
    light_band(d, "Cadre réservé au service");
    let (x, y) = (d.x0, d.y);
    let w = d.x1 - d.x0;
    d.rect(x, y, w, 70.0, 0.5);
    date_stamp(d, x + w - 130.0, y + 18.0, "ENREGISTRÉ", f.attestation);
    d.text(x + 8.0, y + 16.0, F::Sans, 7.5, "Visa de l'agent :");
    d.signature(x + 20.0, y + 24.0, 90.0, 30.0);
    d.y = y + 84.0;
    fine(d, "La présente attestation justifie de l'existence de votre demande auprès des bailleurs sociaux du département. Elle ne vaut pas attribution d'un logement.");
}

/// A dense notice in two columns: the attestation on the left, the rules on the right.
fn two_column_notice(d: &mut Doc, f: &Foyer, renouv: bool, unreadable: bool) {
    let p = &f.demandeur;
    let (k, done) = kind(renouv);
    let c = f.adresse.commune;
    let (xa, xb) = (d.x0, d.x1);
    let y0 = d.y;
    let org = d.pick(&[
        "Fichier partagé de la demande",
        "Observatoire de la demande",
        "Association régionale des organismes HLM",
    ]);
    d.text(xa, y0 + 12.0, F::SansB, 12.0, org);
    d.text(
        xa,
        y0 + 25.0,
        F::Sans,
        8.0,
        &format!("Département {} ({})", data::dep_de(c.dep_nom), c.dep),
    );
    d.hline(xa, xb, y0 + 32.0, 1.5);
    d.y = y0 + 44.0;
    let mid = xa + (xb - xa) * 0.56;
    let lw = mid - xa - 12.0;
    let rx = mid + 6.0;
    let rw = xb - rx;
    // left column
    let ttl = format!("Attestation d'{}", k).replace("d'renouvellement", "de renouvellement");
    d.text(xa, d.y + 12.0, F::SansB, 13.0, &ttl);
    d.y += 24.0;
    let s = d.size;
    let font = d.font;
    d.para_in(
        xa,
        lw,
        font,
        s,
        &format!(
            "Demande de logement social {} le {}.",
            done,
            data::d_slash(f.attestation)
        ),
    );
    d.gap(8.0);
    let y = d.y;
    d.text(xa, y + 9.0, F::Sans, 8.5, "N° unique :");
    number_at(d, xa, y + 28.0, F::SansB, 14.5, &spaced(&nu(f)), unreadable);
    d.y = y + 40.0;
    for (a, v) in [
        ("Nom", p.nom.clone()),
        ("Prénom(s)", p.prenoms()),
        ("Date de naissance", data::d_slash(p.naissance)),
        ("Adresse", f.adresse.ligne.clone()),
        ("", f.adresse.ville_ligne()),
        ("Dépôt initial", data::d_slash(f.date_depot)),
        (
            "Validité",
            format!("jusqu'au {}", data::d_slash(validity(f))),
        ),
        ("Code guichet", f.guichet.clone()),
    ] {
        let y = d.y;
        d.text(xa, y + 9.0, F::Sans, 8.5, a);
        d.text(xa + 95.0, y + 9.0, F::SansB, 8.5, &v);
        d.y += 13.5;
    }
    let ybottom = d.y;
    // right column
    d.vline(mid - 3.0, y0 + 44.0, PH - 120.0, 0.4);
    d.y = y0 + 44.0;
    let rules = [
        "Vos droits. Votre demande est enregistrée pour tous les bailleurs sociaux du département et des départements que vous avez choisis. Vous n'avez pas à la déposer à nouveau auprès d'autres organismes.",
        "Vos pièces. Les justificatifs ne sont fournis qu'une seule fois : ils sont partagés entre les organismes qui instruisent votre dossier. Joignez cette page à chaque envoi.",
        "Votre délai. Si aucune proposition ne vous est faite dans le délai fixé par arrêté préfectoral, vous pouvez saisir la commission de médiation.",
        "Vos obligations. Signalez tout changement : adresse, composition du foyer, ressources. Une fausse déclaration peut entraîner la radiation.",
        "Le renouvellement. Il intervient chaque année, avant la date anniversaire. Sans réponse de votre part, la demande est radiée.",
        "Protection des données. Vous disposez d'un droit d'accès et de rectification auprès du service enregistreur.",
    ];
    for r in rules {
        col_para(d, rx, rw, 7.0, r);
    }
    d.y = d.y.max(ybottom) + 12.0;
    let sx = xa;
    sign(
        d,
        sx,
        "",
        &format!(
            "Fait {}, le {}",
            at_town(c.nom),
            data::d_slash(f.attestation)
        ),
    );
}
