//! Current housing: rent receipts and notices, leases, hosting certificates, findings of
//! indecent or unhealthy housing.

use chrono::Datelike;

use super::*;
use crate::data::{self, Foyer, Person, Sexe};
use crate::doc::{Al, Block, Doc, PH, PW};
use crate::raster::F;

pub(crate) const JUSTL: &[Tpl] = &[quittance_carnet, avis_echeance_hlm, quittance_agence];
pub(crate) const BAIL: &[Tpl] = &[bail_loi_1989, bail_hlm, bail_meuble_agence];
pub(crate) const HEBERG: &[Tpl] = &[heberg_manuscrite, heberg_association, heberg_tapee];
pub(crate) const INDEC: &[Tpl] = &[rapport_schs, grille_decence, constat_commissaire];

fn rent(d: &Doc) -> (f64, f64) {
    (
        cents(d.real(340.0, 890.0) as f64),
        cents(d.real(25.0, 140.0) as f64),
    )
}

fn landlord(d: &Doc) -> Person {
    outsider(d, None, (1940, 1985))
}

fn bailleur_social(d: &Doc, f: &Foyer) -> String {
    let c = f.adresse.commune;
    one(
        d,
        vec![
            format!("{} Habitat", c.dep_nom),
            format!("OPH {}", data::de(c.prefecture)),
            "Immobilière 3F".to_string(),
            "Vilogia".to_string(),
            "CDC Habitat social".to_string(),
            "Seqens".to_string(),
            "Logirep".to_string(),
            format!("{} Métropole Habitat", c.prefecture),
        ],
    )
}

/// A private landlord's receipt from a carbon-copy receipt book, filled in by hand.
fn quittance_carnet(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ll = landlord(d);
    let (loyer, charges) = rent(d);
    let m = month_start(data::add_months(f.today, -(d.int(0, 2) as i32)));
    let h = d.real(250.0, 300.0);
    let x = d.x0;
    let w = d.x1 - d.x0;
    let y0 = d.y + 10.0;
    // the stub (talon) on the left, the receipt on the right, perforation between
    let stub = w * 0.28;
    d.rect(x, y0, w, h, 0.7);
    let mut yy = y0;
    while yy < y0 + h {
        d.fill(x + stub, yy, 0.8, 2.0, 120);
        yy += 5.0;
    }
    let ink = d.int(25, 80) as u8;
    let hand = |d: &mut Doc, x: f32, base: f32, s: &str| {
        d.text_ink(x, base, F::Serif, 10.0, s, ink);
    };
    d.text(x + 5.0, y0 + 16.0, F::SansB, 7.5, "TALON");
    d.text(x + 5.0, y0 + 40.0, F::Sans, 7.0, "Locataire :");
    hand(d, x + 8.0, y0 + 54.0, &p.nom);
    d.text(x + 5.0, y0 + 78.0, F::Sans, 7.0, "Période :");
    hand(
        d,
        x + 8.0,
        y0 + 92.0,
        &format!("{:02}/{}", m.month(), m.year()),
    );
    d.text(x + 5.0, y0 + 116.0, F::Sans, 7.0, "Somme :");
    hand(
        d,
        x + 8.0,
        y0 + 130.0,
        &format!("{} €", data::num(loyer + charges)),
    );
    let rx = x + stub + 10.0;
    let rw = w - stub - 18.0;
    d.text(rx, y0 + 22.0, F::SerifB, 15.0, "QUITTANCE DE LOYER");
    d.text(
        rx + rw - 40.0,
        y0 + 22.0,
        F::Sans,
        8.0,
        &format!("N° {}", d.digits(3)),
    );
    let rows: Vec<(String, String)> = vec![
        ("Je soussigné(e), propriétaire :".into(), full(&ll)),
        ("déclare avoir reçu de :".into(), full(p)),
        (
            "la somme de :".into(),
            format!(
                "{} € ({} euros)",
                data::num(loyer + charges),
                in_words((loyer + charges).round() as u32)
            ),
        ),
        (
            "pour le loyer et les charges du logement situé :".into(),
            f.adresse.one_line(),
        ),
        (
            "pour la période du :".into(),
            format!("{} au {}", data::d_slash(m), data::d_slash(month_end(m))),
        ),
    ];
    let mut base = y0 + 48.0;
    for (k, v) in &rows {
        d.text(rx, base, F::Sans, 7.5, k);
        base += 13.0;
        let mut s = 10.0;
        while s > 6.5 && d.measure(F::Serif, s, v) > rw {
            s -= 0.5;
        }
        d.text_ink(rx + 6.0, base, F::Serif, s, v, ink);
        base += 17.0;
    }
    d.text(
        rx,
        base,
        F::Sans,
        7.5,
        &format!(
            "Détail : loyer {} € — provision pour charges {} €",
            data::num(loyer),
            data::num(charges)
        ),
    );
    base += 16.0;
    d.text(rx, base, F::Sans, 7.5, "Fait à");
    hand(
        d,
        rx + 30.0,
        base,
        &format!(
            "{}, le {}",
            f.adresse.commune.nom,
            data::d_slash(month_end(m) - chrono::Duration::days(d.int(0, 20)))
        ),
    );
    d.text(rx + rw - 110.0, base + 16.0, F::Sans, 7.0, "Signature :");
    d.signature(rx + rw - 100.0, base + 18.0, 90.0, 26.0);
    d.y = y0 + h + 12.0;
    d.text(x, d.y + 6.0, F::Sans, 6.0, "Cette quittance annule tous les reçus qui auraient pu être donnés pour acompte versé sur la présente période.");
}

/// A social landlord's monthly notice (avis d'échéance) with the APL deduction.
fn avis_echeance_hlm(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let org = bailleur_social(d, f);
    let (loyer, charges) = rent(d);
    let apl = cents(d.real(0.0, loyer as f32 * 0.6) as f64);
    let m = month_start(data::add_months(f.today, -(d.int(0, 1) as i32)));
    let (name, to) = to_applicant(d, f, p);
    let contrat = format!("{}-{}-{}", d.digits(4), d.digits(3), d.digits(2));
    let refs = vec![
        ("N° de contrat".to_string(), contrat),
        ("N° de locataire".to_string(), d.digits(8)),
        (
            "Logement".to_string(),
            format!(
                "{} — bât. {} — {}e étage",
                d.digits(6),
                d.upper(1),
                d.int(0, 9)
            ),
        ),
    ];
    let c = f.adresse.commune;
    letter_head(
        d,
        false,
        &org,
        &[
            "Service relation clients".to_string(),
            office_street(d),
            format!("{} {}", c.cp, c.nom),
        ],
        &name,
        &to,
        &refs,
        "",
    );
    title(
        d,
        &format!("AVIS D'ÉCHÉANCE — {}", data::mois_annee(m).to_uppercase()),
        12.5,
    );
    let x = d.x0;
    let w = d.x1 - d.x0;
    let prev = if d.chance(0.7) {
        0.0
    } else {
        cents(d.real(10.0, 400.0) as f64)
    };
    let rows = vec![
        vec![
            "Libellé".to_string(),
            "Débit".to_string(),
            "Crédit".to_string(),
        ],
        vec![
            "Solde antérieur".into(),
            if prev > 0.0 {
                data::num(prev)
            } else {
                String::new()
            },
            if prev == 0.0 {
                "0,00".into()
            } else {
                String::new()
            },
        ],
        vec!["Loyer principal".into(), data::num(loyer), String::new()],
        vec![
            "Provision charges générales".into(),
            data::num(cents(charges * 0.6)),
            String::new(),
        ],
        vec![
            "Provision eau froide".into(),
            data::num(cents(charges * 0.25)),
            String::new(),
        ],
        vec![
            "Provision chauffage".into(),
            data::num(cents(charges * 0.15)),
            String::new(),
        ],
        vec![
            "Réduction de loyer de solidarité".into(),
            String::new(),
            data::num(cents(loyer * 0.08)),
        ],
        vec![
            "APL versée par la CAF".into(),
            String::new(),
            data::num(apl),
        ],
        vec![
            "TOTAL À PAYER".into(),
            data::num(cents(prev + loyer + charges - loyer * 0.08 - apl)),
            String::new(),
        ],
    ];
    let s = d.size - 0.5;
    d.table(
        x,
        &[w * 0.6, w * 0.2, w * 0.2],
        &[Al::L, Al::Rt, Al::Rt],
        &rows,
        s,
        true,
        2,
    );
    d.gap(6.0);
    d.para(&format!("Somme à régler avant le {} par prélèvement automatique, TIP, carte bancaire sur votre espace locataire ou en espèces auprès d'un buraliste agréé.", data::d_slash(month_start(m) + chrono::Duration::days(9))));
    if prev == 0.0 {
        let b = d.bold;
        d.line_al(
            Al::L,
            b,
            s,
            "Votre compte est à jour au dernier jour du mois précédent.",
        );
    }
    d.gap(8.0);
    let yy = d.y;
    let x1 = d.x1;
    d.hline(x, x1, yy, 0.4);
    let mut cx = x;
    while cx < x1 {
        d.fill(cx, yy + 4.0, 3.0, 0.6, 90);
        cx += 6.0;
    }
    d.y = yy + 12.0;
    d.text(
        x,
        d.y + 8.0,
        F::SansB,
        8.0,
        "TITRE INTERBANCAIRE DE PAIEMENT",
    );
    d.text(
        x,
        d.y + 20.0,
        F::Mono,
        8.0,
        &format!("{} {} {}", d.digits(12), d.digits(10), d.digits(8)),
    );
    bars(d, x1 - 170.0, d.y + 4.0, 160.0, 24.0);
    d.y += 40.0;
}

/// An estate agency's receipt (gestion locative), several months in a table.
fn quittance_agence(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ll = landlord(d);
    let (loyer, charges) = rent(d);
    let agency = d.pick(&[
        "Foncia",
        "Century 21 Immobilier du Centre",
        "Orpi Agence de la Gare",
        "Citya Immobilier",
        "Nexity Lamy",
        "Laforêt",
        "Square Habitat",
        "Agence Immobilière du Parc",
    ]);
    let c = f.adresse.commune;
    let (name, to) = to_applicant(d, f, p);
    let carte = format!(
        "Carte professionnelle CPI {} {} {} — CCI {}",
        c.dep,
        f.today.year() - d.int(2, 12) as i32,
        d.digits(9),
        c.prefecture
    );
    letter_head(
        d,
        false,
        agency,
        &[
            "Gestion locative".to_string(),
            office_street(d),
            format!("{} {}", c.cp, c.nom),
            carte,
        ],
        &name,
        &to,
        &[
            ("Lot".to_string(), d.digits(5)),
            (
                "Propriétaire".to_string(),
                format!("{} {}", ll.civ_court(), rev(&ll)),
            ),
        ],
        &format!("{}, le {}", c.nom, data::d_slash(ago(d, f, 0, 10))),
    );
    title(d, "QUITTANCE DE LOYER", 14.0);
    let m = month_start(data::add_months(f.today, -1));
    d.para(&format!(
        "Nous soussignés, {}, agissant en qualité de mandataire de {} {}, propriétaire, reconnaissons avoir reçu de {} {} les sommes détaillées ci-dessous, au titre de la location du logement situé {}.",
        agency, ll.civilite(), full(&ll), p.civilite(), full(p), f.adresse.one_line()
    ));
    let x = d.x0;
    let w = d.x1 - d.x0;
    let rows = vec![
        vec![
            "Période".to_string(),
            "Loyer".to_string(),
            "Charges".to_string(),
            "Total".to_string(),
            "Réglé le".to_string(),
        ],
        vec![
            format!("{} au {}", data::d_slash(m), data::d_slash(month_end(m))),
            data::num(loyer),
            data::num(charges),
            data::num(loyer + charges),
            data::d_slash(m + chrono::Duration::days(d.int(1, 8))),
        ],
    ];
    let s = d.size - 0.5;
    d.table(
        x,
        &[w * 0.34, w * 0.15, w * 0.15, w * 0.16, w * 0.2],
        &[Al::L, Al::Rt, Al::Rt, Al::Rt, Al::C],
        &rows,
        s,
        true,
        2,
    );
    d.para("Pour acquit, sous réserve d'encaissement. Le paiement de la présente n'emporte pas présomption de paiement des termes antérieurs.");
    let sx = d.x0 + 270.0;
    sign(d, sx, "", "Le service gérance");
    fine(
        d,
        &format!(
            "{} — SAS au capital de {} € — RCS {} {} — Garantie financière {} €.",
            agency,
            d.int(10, 900) * 1000,
            c.prefecture,
            d.digits(9),
            d.int(110, 900) * 1000
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// Leases

const LEASE_FILL: &[&str] = &[
    "Le locataire s'oblige à user paisiblement des locaux loués suivant la destination qui leur a été donnée par le contrat et à répondre des dégradations survenant pendant la durée du bail.",
    "Le bailleur est obligé de délivrer au locataire le logement en bon état d'usage et de réparation, ainsi que les équipements mentionnés au contrat en bon état de fonctionnement.",
    "Le locataire prend à sa charge l'entretien courant du logement et des équipements, les menues réparations et les réparations locatives définies par le décret du 26 août 1987.",
    "Le locataire est tenu de s'assurer contre les risques locatifs et d'en justifier lors de la remise des clés puis chaque année à la demande du bailleur ; à défaut, le bailleur peut souscrire une assurance pour son compte.",
    "Le locataire ne peut ni céder le contrat de location, ni sous-louer le logement sans l'accord écrit du bailleur, y compris sur le prix du loyer.",
    "Le loyer est révisable chaque année à la date indiquée au contrat, sur la base de la variation de l'indice de référence des loyers publié par l'INSEE.",
    "Les charges récupérables sont payées par provisions mensuelles avec régularisation annuelle ; le décompte par nature de charges est communiqué un mois avant la régularisation.",
    "À défaut de paiement du loyer, des charges ou du dépôt de garantie aux termes convenus, et deux mois après un commandement demeuré infructueux, le bail sera résilié de plein droit.",
    "Un état des lieux est établi contradictoirement lors de la remise et de la restitution des clés ; il est joint au présent contrat.",
    "Le dépôt de garantie est restitué dans un délai d'un mois à compter de la remise des clés lorsque l'état des lieux de sortie est conforme à l'état des lieux d'entrée, de deux mois dans le cas contraire.",
    "Le locataire peut donner congé à tout moment en respectant un préavis de trois mois, ramené à un mois dans les zones tendues, par lettre recommandée, acte de commissaire de justice ou remise en main propre.",
    "Le bailleur peut donner congé pour la fin du bail avec un préavis de six mois, pour reprendre ou vendre le logement, ou pour un motif légitime et sérieux.",
    "Sont annexés au présent contrat : le dossier de diagnostic technique, la notice d'information, l'état des lieux, l'extrait du règlement de copropriété le cas échéant.",
    "Le locataire laisse exécuter les travaux d'amélioration des parties communes ou privatives, les travaux nécessaires au maintien en état du logement et les travaux d'amélioration de la performance énergétique.",
    "Le détecteur avertisseur autonome de fumée est entretenu par l'occupant, qui s'assure de son bon fonctionnement.",
    "Les parties conviennent que les sommes dues au titre du présent bail sont portables et non quérables.",
];

fn lease_signatures(d: &mut Doc, left: &str, right: &str, place: &str, when: chrono::NaiveDate) {
    d.para(&format!(
        "Fait à {place}, le {}, en deux exemplaires originaux.",
        data::d_slash(when)
    ));
    let y = d.y;
    let x = d.x0;
    sign(d, x, left, "Le bailleur (« lu et approuvé »)");
    d.y = y;
    let x2 = d.x0 + 250.0;
    sign(d, x2, right, "Le(s) locataire(s) (« lu et approuvé »)");
}

/// The standard unfurnished lease (type contract of the 1989 law) from a private landlord.
fn bail_loi_1989(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ll = landlord(d);
    let (loyer, charges) = rent(d);
    let start = between(
        d,
        data::add_months(f.today, -96),
        data::add_months(f.today, -2),
    );
    let surface = d.int(24, 88);
    let rooms = d.int(1, 4);
    let b = d.bold;
    d.line_al(Al::C, b, 13.0, "CONTRAT DE LOCATION");
    let s = d.size;
    d.line_al(Al::C, F::Sans, s - 1.0, "Logement nu — Titre Ier bis de la loi du 6 juillet 1989 tendant à améliorer les rapports locatifs");
    d.gap(8.0);
    let tenants = match &f.conjoint {
        Some(c) if d.chance(0.6) => format!("{} et {}", civ(p), civ(c)),
        _ => civ(p),
    };
    let blocks = vec![
        hb("I. DÉSIGNATION DES PARTIES"),
        pb(format!("Le bailleur : {} {}, demeurant {}, {}.", ll.civilite(), full(&ll), office_street(d), local(d, f).nom)),
        pb(format!("Le(s) locataire(s) : {}.", tenants)),
        hb("II. OBJET DU CONTRAT"),
        pb(format!("Localisation du logement : {}. Type d'habitat : {}. Régime juridique de l'immeuble : {}.", f.adresse.one_line(), d.pick(&["immeuble collectif", "maison individuelle"]), d.pick(&["copropriété", "mono-propriété"]))),
        pb(format!("Surface habitable : {} m². Nombre de pièces principales : {}. Autres parties : {}.", surface, rooms, d.pick(&["cave", "balcon", "place de stationnement", "néant"]))),
        pb(format!("Modalité de production de chauffage : {}. Eau chaude sanitaire : {}.", d.pick(&["individuel électrique", "individuel gaz", "collectif"]), d.pick(&["individuelle", "collective"]))),
        hb("III. DATE DE PRISE D'EFFET ET DURÉE DU CONTRAT"),
        pb(format!("Prise d'effet : {}. Durée : trois ans, renouvelable par tacite reconduction.", data::d_long(start))),
        hb("IV. CONDITIONS FINANCIÈRES"),
        pb(format!("Montant du loyer mensuel : {} € hors charges. Provision sur charges : {} € par mois, avec régularisation annuelle. Le loyer est payable d'avance le {} de chaque mois.", data::num(loyer), data::num(charges), d.int(1, 5))),
        pb(format!("Date de révision : {} de chaque année. Indice de référence : IRL du {} trimestre.", data::d_long(start).split(' ').skip(1).collect::<Vec<_>>().join(" ").split(' ').next().unwrap_or("janvier"), d.pick(&["1er", "2e", "3e", "4e"]))),
        hb("V. GARANTIES"),
        pb(format!("Dépôt de garantie : {} €, correspondant à un mois de loyer hors charges.", data::num(loyer))),
        hb("VI. CLAUSE DE SOLIDARITÉ — CLAUSE RÉSOLUTOIRE"),
        pb("Les colocataires sont tenus solidairement et indivisiblement de l'exécution des obligations du présent contrat. Le bail sera résilié de plein droit en cas de défaut de paiement du loyer, des charges ou du dépôt de garantie, ou de défaut d'assurance, dans les conditions légales."),
        hb("VII. ANNEXES"),
        pb("Diagnostic de performance énergétique, constat de risque d'exposition au plomb, état des risques, diagnostic électricité et gaz, notice d'information, état des lieux d'entrée."),
    ];
    page_numbers(
        d,
        Some(format!("Paraphes : {} / {}", initials(&ll), initials(p))),
    );
    pour(
        d,
        &blocks,
        LEASE_FILL,
        0.0,
        Some("Contrat de location — loi n° 89-462 du 6 juillet 1989"),
        110.0,
    );
    lease_signatures(
        d,
        &full(&ll),
        &full(p),
        &f.adresse.commune.nom.to_string(),
        start - chrono::Duration::days(d.int(1, 15)),
    );
}

fn initials(p: &Person) -> String {
    format!(
        "{}{}",
        p.prenom.chars().next().unwrap_or('X'),
        p.nom.chars().next().unwrap_or('X')
    )
}

/// A social landlord's lease: particular conditions in boxes, general conditions in two
/// columns of fine print.
fn bail_hlm(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let org = bailleur_social(d, f);
    let (loyer, charges) = rent(d);
    let start = between(
        d,
        data::add_months(f.today, -120),
        data::add_months(f.today, -3),
    );
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(
        d,
        x0,
        y0,
        &org,
        "Société anonyme d'habitations à loyer modéré",
    );
    d.y = r.y + r.h + 12.0;
    dark_band(d, "CONTRAT DE LOCATION — CONDITIONS PARTICULIÈRES");
    let x = d.x0;
    let w = d.x1 - d.x0;
    let bh = 30.0;
    let cells: Vec<(&str, String)> = vec![
        ("N° de contrat", format!("{}/{}", d.digits(6), d.digits(2))),
        ("Date d'effet", data::d_slash(start)),
        ("Locataire", rev(p)),
        (
            "Co-titulaire",
            f.conjoint.as_ref().map(rev).unwrap_or_else(|| "—".into()),
        ),
        ("Adresse du logement", f.adresse.one_line()),
        (
            "Type / surface",
            format!("T{} — {} m²", d.int(1, 5), d.int(28, 92)),
        ),
        (
            "Financement",
            d.pick(&["PLUS", "PLAI", "PLS", "PLA"]).to_string(),
        ),
        ("Conventionné APL", "Oui".into()),
        ("Loyer principal", format!("{} €", data::num(loyer))),
        (
            "Provisions pour charges",
            format!("{} €", data::num(charges)),
        ),
        ("Dépôt de garantie", format!("{} €", data::num(loyer))),
        (
            "Réservataire",
            d.pick(&[
                "Préfecture (contingent)",
                "Action Logement",
                "Commune",
                "Bailleur",
            ])
            .to_string(),
        ),
    ];
    // two boxes a row, the address alone on its row
    let mut col = 0;
    for (k, v) in cells.iter() {
        let wide = k.starts_with("Adresse");
        if wide && col == 1 {
            d.y += bh;
            col = 0;
        }
        let bw = if wide { w } else { w / 2.0 };
        let yy = d.y;
        boxed(d, x + col as f32 * w / 2.0, yy, bw, bh - 3.0, k, v);
        if wide || col == 1 {
            d.y += bh;
            col = 0;
        } else {
            col = 1;
        }
    }
    if col == 1 {
        d.y += bh;
    }
    d.y += 8.0;
    d.para("Le présent contrat est consenti aux conditions particulières ci-dessus et aux conditions générales ci-après, dont le locataire reconnaît avoir reçu un exemplaire.");
    if d.pages > 1 {
        d.break_page();
    }
    dark_band(d, "CONDITIONS GÉNÉRALES");
    // two columns of fine print, on the remaining pages
    let mid = x + w / 2.0;
    let cw = w / 2.0 - 8.0;
    let size = 7.0;
    let mut items: Vec<String> = Vec::new();
    let mut k = 1;
    for t in LEASE_FILL {
        items.push(format!("Article {} — {}", k, t));
        k += 1;
    }
    let mut col = 0;
    let top = d.y;
    let mut yy = top;
    let last_bottom = d.bottom - 110.0;
    let mut i = 0;
    loop {
        let remaining_pages = d.pages - d.page - 1;
        let limit = if remaining_pages == 0 {
            last_bottom
        } else {
            d.bottom
        };
        if i >= items.len() {
            if remaining_pages == 0 {
                break;
            }
            i = 0; // the conditions continue: start the following articles again
        }
        let t = &items[i];
        let cx = if col == 0 { x } else { mid + 8.0 };
        let n = d.wrap(F::Sans, size, t, cw).len() as f32;
        let h = n * size * 1.25 + 3.0;
        if yy + h > limit {
            if col == 0 {
                col = 1;
                yy = top;
                continue;
            }
            if remaining_pages == 0 {
                break;
            }
            d.break_page();
            col = 0;
            yy = d.y;
            continue;
        }
        d.y = yy;
        d.para_in(cx, cw, F::Sans, size, t);
        yy = d.y + 3.0;
        i += 1;
    }
    d.y = d.y.max(yy) + 10.0;
    d.y = d.y.min(d.bottom - 100.0);
    lease_signatures(
        d,
        &format!("Pour {org}"),
        &full(p),
        &f.adresse.commune.nom.to_string(),
        start - chrono::Duration::days(d.int(1, 20)),
    );
}

/// A furnished lease drawn up by an estate agency (mobility or ordinary furnished lease).
fn bail_meuble_agence(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ll = landlord(d);
    let (loyer, charges) = rent(d);
    let c = f.adresse.commune;
    let agency = d.pick(&[
        "Agence Immobilière du Parc",
        "Cabinet Martin Gestion",
        "Immo Conseil",
        "Square Habitat",
        "L'Adresse",
    ]);
    let start = between(
        d,
        data::add_months(f.today, -30),
        data::add_months(f.today, -1),
    );
    let x0 = d.x0;
    let y0 = d.y;
    mark(
        d,
        x0,
        y0,
        agency,
        &format!("Transaction — Location — Gestion — {}", c.nom),
    );
    d.y = y0 + 50.0;
    title(d, "BAIL D'HABITATION MEUBLÉE", 14.0);
    let s = d.size;
    d.line_al(
        Al::C,
        F::Sans,
        s - 1.5,
        "Résidence principale du preneur — article 25-3 et suivants de la loi du 6 juillet 1989",
    );
    d.gap(8.0);
    let blocks = vec![
        hb("ENTRE LES SOUSSIGNÉS"),
        pb(format!("{} {}, ci-après « le bailleur », représenté(e) par l'agence {} en vertu d'un mandat de gestion,", ll.civilite(), full(&ll), agency)),
        pb(format!("ET {} {}, {} le {} à {}, ci-après « le preneur »,", p.civilite(), full(p), p.ne(), data::d_slash(p.naissance), p.lieu_naissance)),
        hb("DÉSIGNATION"),
        pb(format!("Un logement meublé situé {}, comprenant {} pièce(s) principale(s), cuisine équipée, salle d'eau, d'une surface habitable de {} m², ainsi que le mobilier dont l'inventaire est annexé.", f.adresse.one_line(), d.int(1, 3), d.int(18, 60))),
        hb("DURÉE"),
        pb(format!("Le bail est consenti pour une durée d'un an à compter du {}, renouvelable tacitement.", data::d_long(start))),
        hb("LOYER ET CHARGES"),
        pb(format!("Loyer mensuel : {} €. Charges forfaitaires : {} €. Total : {} € payable le premier de chaque mois.", data::num(loyer), data::num(charges), data::num(loyer + charges))),
        hb("DÉPÔT DE GARANTIE"),
        pb(format!("Le preneur verse ce jour un dépôt de garantie de {} €, égal à deux mois de loyer hors charges.", data::num(loyer * 2.0))),
        hb("HONORAIRES"),
        pb(format!("Honoraires de location à la charge du preneur : {} € (visite, dossier, rédaction du bail), et {} € pour l'état des lieux.", data::num(cents(d.real(8.0, 12.0) as f64 * 30.0)), data::num(cents(d.real(3.0, 3.0001) as f64 * 30.0)))),
    ];
    page_numbers(
        d,
        Some(format!("{} — Bail meublé n° {}", agency, d.digits(5))),
    );
    pour(d, &blocks, LEASE_FILL, 0.0, None, 110.0);
    lease_signatures(
        d,
        &format!("P/O {}", agency),
        &full(p),
        c.nom,
        start - chrono::Duration::days(d.int(1, 10)),
    );
}

// ---------------------------------------------------------------------------------------------
// Hosting

/// A handwritten certificate by the host on school paper.
fn heberg_manuscrite(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let host = outsider(d, None, (1945, 1995));
    // ruled paper
    let step = 8.0;
    let mut y = 60.0;
    let mut i = 0;
    while y < PH - 30.0 {
        let v = if i % 4 == 0 { 170 } else { 210 };
        d.fill(0.0, y, PW, 0.45, v);
        y += step;
        i += 1;
    }
    d.fill(75.0, 0.0, 0.6, PH, 160);
    let ink = d.int(20, 90) as u8;
    let size = d.real(11.0, 13.0);
    let mut base = 110.0;
    let x = 90.0;
    let w = PW - 130.0;
    let write = |d: &mut Doc, s: &str, base: &mut f32| {
        for l in d.wrap(F::Serif, size, s, w) {
            let mut cx = x + d.real(0.0, 5.0);
            for word in l.split(' ') {
                let dy = d.real(-1.0, 1.0);
                let r = d.text_ink(cx, *base + dy, F::Serif, size, word, ink);
                cx += r.w + d.measure(F::Serif, size, " ") * d.real(1.0, 1.7);
            }
            *base += 24.0;
        }
        *base += 6.0;
    };
    write(d, &format!("{}", full(&host)), &mut base);
    write(d, &f.adresse.ligne, &mut base);
    write(d, &f.adresse.ville_ligne(), &mut base);
    base += 20.0;
    let cx = PW / 2.0 - 80.0;
    d.text_ink(
        cx,
        base,
        F::SerifB,
        size + 3.0,
        "Attestation d'hébergement",
        ink,
    );
    base += 40.0;
    let since = between(
        d,
        data::add_months(f.today, -48),
        data::add_months(f.today, -2),
    );
    write(d, &format!(
        "Je soussigné{} {}, {} le {} à {}, certifie sur l'honneur héberger à mon domicile, {}, {} {}, {} le {}, depuis le {}{}.",
        if host.sexe == Sexe::F { "e" } else { "" },
        full(&host),
        host.ne(),
        data::d_slash(host.naissance),
        host.lieu_naissance,
        f.adresse.one_line(),
        if p.sexe == Sexe::F { "Madame" } else { "Monsieur" },
        full(p),
        p.ne(),
        data::d_slash(p.naissance),
        data::d_slash(since),
        match f.enfants.len() {
            0 => String::new(),
            1 => " avec son enfant".to_string(),
            n => format!(" avec ses {} enfants", in_words(n as u32)),
        }
    ), &mut base);
    write(
        d,
        d.pick(&[
            "Cet hébergement est à titre gratuit.",
            "Il participe aux frais à hauteur de 150 euros par mois.",
            "L'hébergement est gratuit et provisoire, le logement étant trop petit.",
        ]),
        &mut base,
    );
    write(
        d,
        "Je joins une copie de ma pièce d'identité et un justificatif de domicile.",
        &mut base,
    );
    write(d, "Fait pour servir et valoir ce que de droit.", &mut base);
    base += 10.0;
    write(
        d,
        &format!(
            "Fait à {} le {}",
            f.adresse.commune.nom,
            data::d_slash(ago(d, f, 1, 30))
        ),
        &mut base,
    );
    d.signature(PW - 240.0, base, 120.0, 36.0);
    d.y = base + 50.0;
}

/// A hosting association's certificate (CHRS, hôtel social, maison relais).
fn heberg_association(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let assoc = d.pick(&[
        "Association Aurore",
        "Emmaüs Solidarité",
        "Coallia",
        "Adoma — résidence sociale",
        "Armée du Salut — Fondation",
        "Habitat et Humanisme",
        "Association Le Relais",
    ]);
    let site = format!(
        "{} — {}",
        d.pick(&[
            "CHRS Les Tilleuls",
            "Centre d'hébergement d'urgence",
            "Maison relais Saint-Martin",
            "Résidence sociale Jean Moulin",
            "Pension de famille La Passerelle"
        ]),
        c.nom
    );
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(d, x0, y0, assoc, &site);
    lines(
        d,
        x0,
        r.y + r.h + 4.0,
        F::Sans,
        7.5,
        &[
            office_street(d),
            format!("{} {}", c.cp, c.nom),
            format!("Tél. {}", phone(d)),
        ],
    );
    d.y = y0 + 100.0;
    title(d, "ATTESTATION D'HÉBERGEMENT", 14.0);
    d.gap(6.0);
    let ref_ = outsider(d, None, (1965, 1998));
    let since = between(
        d,
        data::add_months(f.today, -30),
        data::add_months(f.today, -1),
    );
    d.para(&format!(
        "Je soussigné(e) {}, {} de la structure {}, atteste que {} {}, {} le {}, est hébergé(e) dans notre établissement depuis le {}{}.",
        tname(&ref_),
        d.pick(&["chef(fe) de service", "directeur(trice)", "travailleur(se) social(e) référent(e)"]),
        site,
        p.civilite(),
        full(p),
        p.ne(),
        data::d_slash(p.naissance),
        data::d_slash(since),
        match f.enfants.len() {
            0 => String::new(),
            1 => ", accompagné(e) de son enfant".to_string(),
            n => format!(", accompagné(e) de ses {n} enfants"),
        }
    ));
    d.para(d.pick(&[
        "Cet hébergement est temporaire et ne constitue pas un logement autonome. Une participation financière mensuelle est demandée conformément au règlement de fonctionnement.",
        "L'hébergement est assuré au titre de l'aide sociale à l'hébergement, dans l'attente d'une solution de logement pérenne.",
        "La personne bénéficie d'un accompagnement social en vue de son accès au logement ; une demande SIAO a été déposée.",
    ]));
    d.para(
        "Attestation délivrée à l'intéressé(e) à sa demande, pour faire valoir ce que de droit.",
    );
    d.gap(10.0);
    let x1 = d.x1;
    let yy = d.y;
    d.text_al(
        x1,
        yy,
        Al::Rt,
        d.font,
        d.size,
        &format!("{}, le {}", c.nom, data::d_slash(ago(d, f, 1, 20))),
    );
    d.gap(16.0);
    let sx = d.x0 + 250.0;
    sign(d, sx, &tname(&ref_), "");
    let ys = d.y - 60.0;
    office_stamp(
        d,
        sx - 150.0,
        ys,
        &[
            &assoc.to_uppercase(),
            &site.to_uppercase().chars().take(34).collect::<String>(),
        ],
    );
}

/// A typed certificate from a relative, with the host's identity card copy mention.
fn heberg_tapee(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let host = outsider(d, None, (1945, 1995));
    let x0 = d.x0;
    let y0 = d.y;
    lines(
        d,
        x0,
        y0,
        d.font,
        d.size,
        &[
            full(&host),
            f.adresse.ligne.clone(),
            f.adresse.ville_ligne(),
            format!("Tél. : {}", phone(d)),
        ],
    );
    d.y = y0 + 90.0;
    title(d, "ATTESTATION SUR L'HONNEUR D'HÉBERGEMENT", 13.0);
    d.gap(10.0);
    let since = between(
        d,
        data::add_months(f.today, -60),
        data::add_months(f.today, -1),
    );
    let tab = 170.0;
    d.para("Je soussigné(e) :");
    d.kv("Nom, prénom :", &rev(&host), tab);
    d.kv(
        "Né(e) le :",
        &format!(
            "{} à {}",
            data::d_slash(host.naissance),
            host.lieu_naissance
        ),
        tab,
    );
    d.kv("Demeurant :", &f.adresse.one_line(), tab);
    d.kv(
        "Qualité :",
        d.pick(&["propriétaire", "locataire en titre"]),
        tab,
    );
    d.gap(6.0);
    d.para("atteste sur l'honneur héberger à mon domicile :");
    d.kv("Nom, prénom :", &rev(p), tab);
    d.kv("Né(e) le :", &data::d_slash(p.naissance), tab);
    d.kv(
        "Lien :",
        d.pick(&[
            "fils / fille",
            "frère / sœur",
            "ami(e)",
            "neveu / nièce",
            "cousin(e)",
        ]),
        tab,
    );
    d.kv("Depuis le :", &data::d_slash(since), tab);
    d.gap(6.0);
    d.para("J'ai connaissance que toute fausse déclaration m'expose aux sanctions prévues à l'article 441-7 du code pénal (un an d'emprisonnement et 15 000 euros d'amende).");
    d.para("Pièces jointes : copie de ma carte d'identité ; copie de ma dernière facture d'électricité.");
    d.gap(10.0);
    d.para(&format!(
        "Fait à {}, le {}",
        f.adresse.commune.nom,
        any_date(d, ago(d, f, 1, 25))
    ));
    let sx = d.x0 + 250.0;
    sign(d, sx, &full(&host), "Signature de l'hébergeant");
}

// ---------------------------------------------------------------------------------------------
// Indecent / unhealthy housing

const VISIT_FILL: &[&str] = &[
    "Les murs de la chambre présentent des traces noires de moisissures sur près d'un mètre carré, à l'angle des murs extérieurs, ainsi que des décollements de papier peint.",
    "Le taux d'humidité relative mesuré dans le séjour atteint 78 % ; la température intérieure relevée est de 15 °C, le chauffage étant en fonctionnement.",
    "Les fenêtres en bois simple vitrage ne ferment pas correctement ; des infiltrations d'air et d'eau sont visibles en partie basse des menuiseries.",
    "L'installation électrique présente des conducteurs apparents et des prises sans terre ; le tableau ne comporte pas de dispositif différentiel à haute sensibilité.",
    "La salle d'eau ne dispose d'aucune ventilation, ni mécanique ni naturelle ; la cuisine est équipée d'une hotte non raccordée.",
    "Les occupants signalent la présence de nuisibles (blattes) dans la cuisine malgré plusieurs traitements effectués à leurs frais.",
    "Le logement comporte une pièce unique de 11 m² pour trois occupants, ce qui caractérise une sur-occupation manifeste au regard des normes réglementaires.",
    "L'occupante déclare avoir informé le propriétaire par lettre recommandée ; aucune réponse ne lui a été apportée.",
    "Un risque d'exposition au plomb ne peut être exclu compte tenu de l'année de construction et de l'état dégradé des peintures.",
    "Le garde-corps de la fenêtre du séjour est descellé et présente un risque de chute, notamment pour les enfants.",
];

/// The communal health service's visit report (SCHS) or the ARS's.
fn rapport_schs(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let agent = outsider(d, None, (1965, 1995));
    let owner = landlord(d);
    let x0 = d.x0;
    let y0 = d.y;
    let service = if d.chance(0.5) {
        vec![
            format!("Ville {}", data::de(c.nom)),
            "Service communal d'hygiène et de santé".to_string(),
            "Pôle habitat indigne".to_string(),
        ]
    } else {
        vec![
            format!(
                "Agence régionale de santé — délégation {}",
                data::dep_de(c.dep_nom)
            ),
            "Service santé-environnement".to_string(),
        ]
    };
    let sv: Vec<&str> = service.iter().map(|s| s.as_str()).collect();
    let yb = rf_mark(d, x0, y0, &sv);
    d.y = yb + 8.0;
    title(d, "RAPPORT DE VISITE — LOGEMENT", 13.0);
    let visit = ago(d, f, 7, 150);
    let tab = 150.0;
    d.kv("Référence :", &refno(d, visit.year()), tab);
    d.kv("Date de la visite :", &data::d_slash(visit), tab);
    d.kv("Adresse :", &f.adresse.one_line(), tab);
    d.kv("Occupant :", &format!("{} {}", p.civilite(), full(p)), tab);
    d.kv(
        "Propriétaire :",
        &format!("{} {}", owner.civilite(), full(&owner)),
        tab,
    );
    d.kv(
        "Agent :",
        &format!("{}, technicien(ne) sanitaire", tname(&agent)),
        tab,
    );
    d.gap(6.0);
    let blocks = vec![
        hb("Constatations"),
        pb(VISIT_FILL[d.int(0, 3) as usize]),
        pb(VISIT_FILL[4 + d.int(0, 2) as usize]),
        hb("Conclusion"),
        pb(d.pick(&[
            "Les désordres constatés caractérisent un logement ne répondant pas aux caractéristiques de la décence. Un courrier est adressé au propriétaire pour mise en conformité dans un délai de trois mois.",
            "Les désordres constatés présentent un danger pour la santé des occupants. Le dossier est transmis au préfet en vue d'un arrêté de traitement de l'insalubrité.",
            "Infractions au règlement sanitaire départemental relevées (articles 33, 40 et 51). Mise en demeure adressée au propriétaire.",
        ])),
    ];
    pour(
        d,
        &blocks,
        VISIT_FILL,
        0.0,
        Some("Rapport de visite — suite"),
        90.0,
    );
    let sx = d.x0 + 250.0;
    sign(
        d,
        sx,
        &tname(&agent),
        &format!(
            "Fait le {}",
            data::d_slash(visit + chrono::Duration::days(d.int(2, 20)))
        ),
    );
}

/// A housing-decency diagnosis grid (CAF / ADIL / operator of the PDLHI).
fn grille_decence(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let op = d.pick(&[
        "ADIL",
        "Soliha",
        "Urbanis",
        "Citémétrie",
        "CAF — mission décence",
    ]);
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(d, x0, y0, op, "Diagnostic décence du logement");
    d.y = r.y + r.h + 10.0;
    dark_band(d, "CONSTAT DE NON-DÉCENCE — GRILLE DE VISITE");
    let visit = ago(d, f, 7, 120);
    two_cols(
        d,
        &[
            ("Locataire :".into(), rev(p)),
            ("N° allocataire :".into(), f.allocataire.clone()),
            ("Adresse :".into(), f.adresse.one_line()),
            ("Visite du :".into(), data::d_slash(visit)),
        ],
    );
    let items = [
        "Clos et couvert : gros œuvre, toiture, menuiseries",
        "Protection contre les infiltrations d'eau",
        "Garde-corps des fenêtres, escaliers, balcons",
        "Matériaux de construction, canalisations (plomb, amiante)",
        "Réseaux et branchements d'électricité et de gaz",
        "Dispositif de chauffage adapté",
        "Aération suffisante, ventilation des pièces",
        "Éclairement naturel des pièces principales",
        "Installation permettant de préparer et cuire les aliments",
        "Installation sanitaire intérieure (WC séparé de la cuisine)",
        "Eau potable, évacuation des eaux usées",
        "Surface habitable ≥ 9 m² et volume ≥ 20 m³",
        "Performance énergétique minimale",
    ];
    let mut rows = vec![vec![
        "Critère (décret du 30 janvier 2002)".to_string(),
        "Conforme".to_string(),
        "Non conforme".to_string(),
    ]];
    for it in items {
        let bad = d.chance(0.35);
        rows.push(vec![
            it.to_string(),
            if bad { String::new() } else { "X".into() },
            if bad { "X".into() } else { String::new() },
        ]);
    }
    let x = d.x0;
    let w = d.x1 - d.x0;
    let s = (d.size - 1.5).max(7.5);
    d.table(
        x,
        &[w * 0.7, w * 0.15, w * 0.15],
        &[Al::L, Al::C, Al::C],
        &rows,
        s,
        true,
        2,
    );
    if d.pages > 1 {
        d.break_page();
        light_band(d, "Photographies prises lors de la visite");
        let captions = [
            "Photo 1 — chambre : traces de moisissures en angle de mur",
            "Photo 2 — séjour : menuiserie dégradée, simple vitrage",
            "Photo 3 — salle d'eau : absence de ventilation",
            "Photo 4 — tableau électrique sans protection différentielle",
        ];
        let pw = (w - 12.0) / 2.0;
        let ph = pw * 0.68;
        for (k, cap) in captions.iter().enumerate() {
            let px = x + (k % 2) as f32 * (pw + 12.0);
            let py = d.y + (k / 2) as f32 * (ph + 24.0);
            let g = d.int(120, 175) as u8;
            d.fill(px, py, pw, ph, g);
            for _ in 0..d.int(3, 8) {
                let cx = px + d.real(10.0, pw - 10.0);
                let cy = py + d.real(10.0, ph - 10.0);
                let r = d.real(4.0, 18.0);
                d.fill_ellipse(cx, cy, r, r * d.real(0.5, 1.0), g.saturating_sub(70));
            }
            d.text(px, py + ph + 10.0, F::Sans, 7.0, cap);
        }
        d.y += 2.0 * (ph + 24.0) + 6.0;
    }
    d.gap(6.0);
    light_band(d, "Conclusion du diagnostiqueur");
    d.para("Le logement ne satisfait pas à l'ensemble des caractéristiques de la décence. Le bailleur est invité à réaliser les travaux de mise en conformité ; l'allocation de logement est conservée par l'organisme payeur pendant le délai de réalisation des travaux.");
    let sx = d.x0 + 250.0;
    sign(
        d,
        sx,
        &tname(&outsider(d, None, (1965, 1995))),
        "Le technicien",
    );
}

/// A bailiff's (commissaire de justice) report of findings at the tenant's request.
fn constat_commissaire(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let cj = outsider(d, None, (1960, 1990));
    let c = local(d, f);
    let x0 = d.x0;
    let y0 = d.y;
    d.text(
        x0,
        y0 + 10.0,
        F::SerifB,
        10.0,
        &format!("SELARL {} & Associés", data::titlecase(&cj.nom)),
    );
    d.text(
        x0,
        y0 + 22.0,
        F::Serif,
        8.0,
        "Commissaires de justice associés",
    );
    d.text(
        x0,
        y0 + 32.0,
        F::Serif,
        8.0,
        &format!("{} — {} {}", office_street(d), c.cp, c.nom),
    );
    let x1 = d.x1;
    d.text_al(
        x1,
        y0 + 10.0,
        Al::Rt,
        F::Serif,
        8.0,
        &format!("Acte n° {}", d.digits(6)),
    );
    d.y = y0 + 50.0;
    title(d, "PROCÈS-VERBAL DE CONSTAT", 14.0);
    let when = ago(d, f, 10, 200);
    let blocks: Vec<Block> = vec![
        pb(format!("L'an {}, le {},", in_words(when.year() as u32), date_in_words(when))),
        pb(format!("À la requête de {} {}, demeurant {}, locataire des lieux,", p.civilite(), full(p), f.adresse.one_line())),
        pb(format!("Nous, {}, commissaire de justice associé(e), soussigné(e), nous sommes transporté(e) ce jour à l'adresse susvisée, où, étant en présence de la requérante ou du requérant, nous avons procédé aux constatations suivantes :", full(&cj))),
        hb("Entrée — séjour"),
        pb(VISIT_FILL[d.int(0, 2) as usize]),
        hb("Chambre"),
        pb(VISIT_FILL[d.int(3, 5) as usize]),
        hb("Salle d'eau — cuisine"),
        pb(VISIT_FILL[d.int(6, 9) as usize]),
        pb("Nous avons pris des clichés photographiques, annexés au présent procès-verbal, lesquels reflètent fidèlement les lieux au jour de nos constatations."),
        pb("Nos constatations étant terminées, nous avons dressé le présent procès-verbal de constat pour servir et valoir ce que de droit."),
    ];
    page_numbers(d, None);
    pour(
        d,
        &blocks,
        VISIT_FILL,
        0.0,
        Some(&format!("Constat du {}", data::d_slash(when))),
        100.0,
    );
    let sx = d.x0 + 260.0;
    sign(d, sx, &full(&cj), "Le commissaire de justice");
    d.stamp(
        sx - 50.0,
        d.y - 30.0,
        26.0,
        &["COMMISSAIRE", "DE JUSTICE", c.nom],
    );
    fine(d, &format!("Coût de l'acte : émolument {} € ; frais de déplacement {} € ; TVA 20 % ; total TTC {} €.", data::num(d.int(180, 320) as f64), data::num(7.67), data::num(d.int(250, 420) as f64)));
}
