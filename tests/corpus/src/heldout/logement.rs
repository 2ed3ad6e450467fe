//! Current housing: rent receipts and statements (private landlord, social landlord's notice
//! with its payment slip, agency's attestation, tenant account), leases (1989 model, social
//! landlord, furnished), hosting attestations (handwritten, shelter, form) and substandard
//! housing findings (inspection grid, prefectoral order, benefit office's finding).

use chrono::{Datelike, NaiveDate};

use super::{
    band, days_ago, etat_block, field, hand_para, heading, kv_cols, lines_at, logo, money, np,
    pages_footer, place_date, pn, reference, refs_line, seyes, signed, small, spread, stranger,
    street, tc, tel, window, Tpl, LEASE, NOTICE,
};
use crate::data::{self, add_months, d_long, d_slash, mois_annee, num, Foyer, Person};
use crate::doc::{Al, Block, Doc, PH};
use crate::raster::F;

pub(crate) const JUSTL: &[Tpl] = &[
    quittance_particulier,
    avis_echeance_bailleur,
    attestation_a_jour,
    releve_compte_locataire,
];
pub(crate) const BAIL: &[Tpl] = &[bail_type_1989, bail_social, bail_meuble];
pub(crate) const HEBERG: &[Tpl] = &[
    attestation_manuscrite,
    attestation_structure,
    formulaire_hebergement,
];
pub(crate) const INDEC: &[Tpl] = &[grille_visite, arrete_prefectoral, constat_caf];

struct Rent {
    loyer: f64,
    charges: f64,
}

fn rent(d: &Doc, f: &Foyer) -> Rent {
    let loyer = (f.brut_mensuel * d.real(0.22, 0.42) as f64).round();
    let charges = (d.real(25.0, 140.0) as f64).round();
    Rent { loyer, charges }
}

fn landlord(d: &Doc) -> Person {
    stranger(d, None, (1945, 1985))
}

fn social_landlord(d: &Doc, f: &Foyer) -> String {
    let c = f.adresse.commune;
    match d.int(0, 3) {
        0 => format!("{} Habitat", c.nom),
        1 => format!("Office public de l'habitat {}", data::dep_de(c.dep_nom)),
        2 => format!("{} Logement — ESH", c.dep_nom),
        _ => format!(
            "Résidences {}",
            d.pick(&[
                "du Littoral",
                "de l'Ouest",
                "Solidaires",
                "Sociales de France",
                "et Foyers"
            ])
        ),
    }
}

fn period(f: &Foyer, back: i32) -> (NaiveDate, NaiveDate) {
    let m = add_months(f.today, -back);
    let first = data::ymd(m.year(), m.month(), 1);
    (first, add_months(first, 1) - chrono::Duration::days(1))
}

/// A private landlord's receipt in a double frame, amounts in a small table.
fn quittance_particulier(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let l = landlord(d);
    let r = rent(d, f);
    let (from, to) = period(f, d.int(0, 2) as i32);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let h = d.real(420.0, 560.0);
    d.rect(x0 - 8.0, top - 8.0, x1 - x0 + 16.0, h, 1.2);
    d.rect(x0 - 5.0, top - 5.0, x1 - x0 + 10.0, h - 6.0, 0.4);
    d.y = top + 6.0;
    let t = d.pick(&["QUITTANCE DE LOYER", "Quittance de loyer", "QUITTANCE"]);
    heading(d, t, 16.0);
    let font = d.font;
    let sz = d.size;
    d.line_al(
        Al::C,
        font,
        sz,
        &format!("Période du {} au {}", d_slash(from), d_slash(to)),
    );
    d.gap(10.0);
    let pairs = vec![
        (
            "Bailleur :".to_string(),
            format!("{} {}", l.civ_court(), pn(&l)),
        ),
        (
            "Adresse du bailleur :".into(),
            format!("{}, {}", street(d), f.adresse.commune.nom),
        ),
        ("Locataire :".into(), super::any_name(d, p)),
        ("Logement loué :".into(), f.adresse.one_line()),
    ];
    for (k, v) in &pairs {
        d.kv(k, v, 130.0);
    }
    d.gap(6.0);
    let total = r.loyer + r.charges;
    d.para(&format!(
        "Je soussigné(e) {}, propriétaire du logement désigné ci-dessus, déclare avoir reçu de {} {} la somme de {} ({} euros) au titre du paiement du loyer et des charges pour la période indiquée, et lui en donne quittance, sous réserve de tous mes droits.",
        pn(&l),
        p.civilite(),
        pn(p),
        data::eur(total),
        super::words(total as u32)
    ));
    let w = x1 - x0;
    let rows = vec![
        vec!["Détail du règlement".to_string(), "Montant".into()],
        vec!["Loyer hors charges".into(), data::eur(r.loyer)],
        vec!["Provision pour charges".into(), data::eur(r.charges)],
        vec!["Total".into(), data::eur(total)],
    ];
    d.table(
        x0 + w * 0.15,
        &[w * 0.45, w * 0.25],
        &[Al::L, Al::Rt],
        &rows,
        sz,
        true,
        2,
    );
    d.kv(
        "Payé le :",
        &d_slash(from + chrono::Duration::days(d.int(0, 9))),
        130.0,
    );
    d.kv(
        "Mode de paiement :",
        d.pick(&["virement", "chèque", "prélèvement", "espèces"]),
        130.0,
    );
    place_date(d, f.adresse.commune.nom, to);
    signed(d, "Le bailleur", &pn(&l), &[]);
    d.y = d.y.max(top + h + 4.0);
    small(d, "La quittance annule tous les reçus qui auraient pu être donnés pour acompte versé sur la présente période. Elle est délivrée gratuitement au locataire qui en fait la demande.");
}

/// A social landlord's rent notice with the detachable payment slip (TIP) at the foot.
fn avis_echeance_bailleur(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let org = social_landlord(d, f);
    let r = rent(d, f);
    let (from, to) = period(f, d.int(0, 2) as i32);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let init: String = org
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .take(3)
        .collect();
    let rr = logo(d, x0, top, &init, &org, "Bailleur social");
    let y = lines_at(
        d,
        x0,
        rr.y + rr.h + 4.0,
        7.5,
        &[
            street(d),
            format!(
                "{} {}",
                f.adresse.commune.cp,
                f.adresse.commune.nom.to_uppercase()
            ),
            format!("Service clientèle {}", tel(d)),
        ],
    );
    d.y = y;
    window(d, p, f, true);
    let t = d.pick(&[
        "AVIS D'ÉCHÉANCE",
        "Avis d'échéance — quittance",
        "AVIS D'ÉCHÉANCE DE LOYER",
    ]);
    let bo = d.bold;
    d.line_al(
        Al::L,
        bo,
        13.0,
        &format!("{t} — {}", mois_annee(from).to_uppercase()),
    );
    d.gap(4.0);
    refs_line(
        d,
        &[
            ("Référence locataire", &d.digits(9)),
            (
                "Programme",
                &format!("{} — logement {}", d.digits(4), d.digits(3)),
            ),
        ],
    );
    let apl = (r.loyer * d.real(0.0, 0.6) as f64).round();
    let rls = if apl > 0.0 {
        (d.real(30.0, 60.0) as f64).round()
    } else {
        0.0
    };
    let eau = (d.real(10.0, 35.0) as f64 * 100.0).round() / 100.0;
    let chauffage = (d.real(0.0, 70.0) as f64 * 100.0).round() / 100.0;
    let total = r.loyer + r.charges + eau + chauffage - apl - rls;
    let w = x1 - x0;
    let rows = vec![
        vec![
            "Libellé".to_string(),
            "Période".into(),
            "Débit".into(),
            "Crédit".into(),
        ],
        vec![
            "Loyer principal".into(),
            format!("{} – {}", d_slash(from), d_slash(to)),
            num(r.loyer),
            "".into(),
        ],
        vec![
            "Charges locatives (provision)".into(),
            "".into(),
            num(r.charges),
            "".into(),
        ],
        vec![
            "Eau froide (provision)".into(),
            "".into(),
            num(eau),
            "".into(),
        ],
        vec![
            "Chauffage collectif (provision)".into(),
            "".into(),
            num(chauffage),
            "".into(),
        ],
        vec![
            "Réduction de loyer de solidarité".into(),
            "".into(),
            "".into(),
            if rls > 0.0 { num(rls) } else { "".into() },
        ],
        vec![
            "Aide personnalisée au logement".into(),
            "".into(),
            "".into(),
            if apl > 0.0 { num(apl) } else { "".into() },
        ],
        vec![
            "Solde antérieur".into(),
            "".into(),
            "0,00".into(),
            "".into(),
        ],
        vec!["MONTANT À PAYER".into(), "".into(), num(total), "".into()],
    ];
    let sz = d.size - 1.0;
    d.table(
        x0,
        &[w * 0.42, w * 0.26, w * 0.16, w * 0.16],
        &[Al::L, Al::C, Al::Rt, Al::Rt],
        &rows,
        sz,
        true,
        1,
    );
    d.para(&format!(
        "Date limite de paiement : {}. Le paiement de cet avis vaut quittance pour la période.",
        d_slash(from + chrono::Duration::days(9))
    ));
    small(d, "En cas de difficulté de paiement, contactez sans attendre votre conseiller social. Un plan d'apurement peut vous être proposé.");
    // the payment slip
    let ty = PH - 150.0;
    let mut cx = x0;
    while cx < x1 {
        d.fill(cx, ty, 4.0, 0.5, 100);
        cx += 8.0;
    }
    d.text(
        x0,
        ty + 14.0,
        F::SansB,
        8.5,
        "TIP SEPA — titre interbancaire de paiement",
    );
    d.rect(x0, ty + 20.0, w, 78.0, 0.6);
    lines_at(
        d,
        x0 + 6.0,
        ty + 24.0,
        7.5,
        &[
            format!("Créancier : {org}"),
            format!("Débiteur : {}", np(p)),
            format!("Montant : {}", data::eur(total)),
            "Date et signature :".into(),
        ],
    );
    d.text(
        x0 + w * 0.55,
        ty + 90.0,
        F::Mono,
        8.0,
        &format!("{} {} {}", d.digits(12), d.digits(8), d.digits(6)),
    );
}

/// An agency's attestation that the tenant's rent is paid up.
fn attestation_a_jour(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let r = rent(d, f);
    let c = f.adresse.commune;
    let (x0, top) = (d.x0, d.top);
    let agency = format!(
        "{} {}",
        d.pick(&[
            "Cabinet",
            "Agence",
            "Foncia",
            "Citya",
            "Immobilière",
            "Square Habitat"
        ]),
        tc(&stranger(d, None, (1950, 1980)).nom)
    );
    let rr = logo(
        d,
        x0,
        top,
        "IM",
        &agency,
        "Administration de biens — gestion locative",
    );
    let y = lines_at(
        d,
        x0,
        rr.y + rr.h + 4.0,
        7.5,
        &[
            street(d),
            format!("{} {}", c.cp, c.nom),
            format!(
                "Carte professionnelle CPI {} {} {}",
                c.dep.trim_start_matches('0'),
                d.digits(4),
                d.digits(9)
            ),
        ],
    );
    d.y = y + 20.0;
    let t = d.pick(&[
        "ATTESTATION DE LOYER À JOUR",
        "Attestation de paiement des loyers",
        "ATTESTATION DE BON PAIEMENT",
    ]);
    heading(d, t, 14.0);
    let since = super::date_in(d, add_months(f.today, -96), add_months(f.today, -8));
    d.para(&format!(
        "Nous soussignés, {}, agissant en qualité de mandataire du propriétaire, attestons que {} {} est locataire depuis le {} du logement situé {}.",
        agency,
        p.civilite(),
        pn(p),
        d_long(since),
        f.adresse.one_line()
    ));
    d.para(&format!(
        "Le loyer mensuel s'élève à {} hors charges, auxquels s'ajoutent {} de provisions pour charges. À la date du {}, l'intéressé(e) est à jour du paiement de ses loyers et charges.",
        money(d, r.loyer),
        money(d, r.charges),
        d_slash(f.today - chrono::Duration::days(d.int(1, 20)))
    ));
    d.para("La présente attestation est délivrée à la demande du locataire pour faire valoir ce que de droit.");
    place_date(d, c.nom, days_ago(d, f, 0, 20));
    signed(
        d,
        "Le gestionnaire locatif",
        &pn(&stranger(d, None, (1970, 1998))),
        &[&agency.to_uppercase()],
    );
}

/// A tenant's account statement (debits, credits, running balance ending at zero).
fn releve_compte_locataire(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let org = social_landlord(d, f);
    let r = rent(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let b = d.bold;
    d.text(x0, top + 13.0, b, 12.0, &org);
    d.text(
        x0,
        top + 25.0,
        F::Sans,
        8.0,
        "Gestion locative — comptabilité locataires",
    );
    d.text_al(
        x1,
        top + 13.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("Édité le {}", d_slash(f.today)),
    );
    d.y = top + 44.0;
    heading(
        d,
        d.pick(&[
            "RELEVÉ DE COMPTE LOCATAIRE",
            "Extrait de compte locataire",
            "HISTORIQUE DU COMPTE",
        ]),
        13.0,
    );
    let pairs = vec![
        ("Locataire :".to_string(), np(p)),
        ("Contrat :".into(), d.digits(8)),
        ("Logement :".into(), f.adresse.one_line()),
        (
            "Type :".into(),
            d.pick(&["T2", "T3", "T4", "T1 bis"]).to_string(),
        ),
    ];
    kv_cols(d, &pairs, 70.0);
    let mut rows = vec![vec![
        "Date".to_string(),
        "Libellé".into(),
        "Débit".into(),
        "Crédit".into(),
        "Solde".into(),
    ]];
    let mut solde = 0.0;
    for i in (0..d.int(3, 6) as i32).rev() {
        let (from, _) = period(f, i);
        let due = r.loyer + r.charges;
        solde += due;
        rows.push(vec![
            d_slash(from),
            format!("Échéance {}", mois_annee(from)),
            num(due),
            "".into(),
            num(solde),
        ]);
        let paid = from + chrono::Duration::days(d.int(2, 8));
        solde -= due;
        rows.push(vec![
            d_slash(paid),
            d.pick(&["Prélèvement", "Virement reçu", "Règlement CB", "Chèque"])
                .to_string(),
            "".into(),
            num(due),
            num(solde),
        ]);
    }
    let w = x1 - x0;
    let sz = d.size - 1.0;
    d.table(
        x0,
        &[w * 0.15, w * 0.41, w * 0.14, w * 0.14, w * 0.16],
        &[Al::C, Al::L, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        sz,
        true,
        1,
    );
    let bo = d.bold;
    d.line_al(
        Al::Rt,
        bo,
        d.size,
        "Solde au jour de l'édition : 0,00 € — compte à jour",
    );
    d.gap(8.0);
    small(
        d,
        "Un solde positif indique une somme due par le locataire ; un solde négatif, une avance.",
    );
}

// ---------------------------------------------------------------------------------------------
// Leases

fn lease_parties(d: &Doc, f: &Foyer, bailleur: &str) -> Vec<Block> {
    let p = &f.demandeur;
    let mut v = vec![
        Block::Para(format!(
            "Le bailleur : {bailleur}, ci-après « le bailleur » ;"
        )),
        Block::Para(format!(
            "Le(s) locataire(s) : {} {}, {} le {}{}, ci-après « le locataire ».",
            p.civilite(),
            pn(p),
            p.ne(),
            d_slash(p.naissance),
            f.conjoint
                .as_ref()
                .map(|c| format!(
                    ", et {} {}, {} le {}",
                    c.civilite(),
                    pn(c),
                    c.ne(),
                    d_slash(c.naissance)
                ))
                .unwrap_or_default()
        )),
    ];
    if d.chance(0.3) {
        v.push(Block::Para("Le cas échéant, représenté par son mandataire, titulaire de la carte professionnelle et d'une garantie financière.".into()));
    }
    v
}

/// The 1989-law model lease in roman-numbered sections.
fn bail_type_1989(d: &mut Doc, f: &Foyer) {
    let l = landlord(d);
    let r = rent(d, f);
    let start = super::date_in(d, add_months(f.today, -120), add_months(f.today, -3));
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let b = d.bold;
    d.text_al(
        (x0 + x1) / 2.0,
        top + 14.0,
        Al::C,
        b,
        13.0,
        d.pick(&[
            "CONTRAT DE LOCATION",
            "BAIL D'HABITATION",
            "Contrat de location — logement vide",
        ]),
    );
    d.text_al(
        (x0 + x1) / 2.0,
        top + 28.0,
        Al::C,
        F::Sans,
        8.0,
        "Locaux vacants non meublés — titre Ier bis de la loi du 6 juillet 1989",
    );
    d.y = top + 46.0;
    let typ = d.pick(&["appartement", "maison individuelle", "studio"]);
    let pieces = d.int(1, 5);
    let surface = 18 + pieces * d.int(12, 18);
    let mut blocks = vec![Block::Heading("I. Désignation des parties".into())];
    blocks.extend(lease_parties(
        d,
        f,
        &format!("{} {}, demeurant {}", l.civilite(), pn(&l), street(d)),
    ));
    blocks.extend([
        Block::Heading("II. Objet du contrat".into()),
        Block::Para(format!("Adresse du logement : {}", f.adresse.one_line())),
        Block::Kv("Type d'habitat :".into(), format!("{typ}, {pieces} pièce(s) principale(s)")),
        Block::Kv("Surface habitable :".into(), format!("{surface} m²")),
        Block::Kv("Régime juridique :".into(), d.pick(&["copropriété", "monopropriété"]).into()),
        Block::Kv("Chauffage / eau chaude :".into(), d.pick(&["individuel électrique", "collectif", "individuel gaz"]).into()),
        Block::Heading("III. Date de prise d'effet et durée".into()),
        Block::Para(format!("Le contrat prend effet le {} pour une durée de trois ans, renouvelable par tacite reconduction.", d_long(start))),
        Block::Heading("IV. Conditions financières".into()),
        Block::Kv("Loyer mensuel hors charges :".into(), data::eur(r.loyer)),
        Block::Kv("Provision sur charges :".into(), data::eur(r.charges)),
        Block::Kv("Modalité de paiement :".into(), "mensuel, à terme à échoir, le 5 du mois".into()),
        Block::Kv("Révision :".into(), format!("IRL du {} trimestre", d.pick(&["1er", "2e", "3e", "4e"]))),
        Block::Heading("V. Garanties".into()),
        Block::Kv("Dépôt de garantie :".into(), data::eur(r.loyer)),
        Block::Heading("VI. Clause résolutoire".into()),
        Block::Para("Le bail sera résilié de plein droit deux mois après un commandement de payer demeuré infructueux, à défaut de paiement du loyer, des charges ou du dépôt de garantie, ou à défaut d'assurance.".into()),
        Block::Heading("VII. Annexes".into()),
        Block::Para("Dossier de diagnostic technique, notice d'information, état des lieux d'entrée, le cas échéant extrait du règlement de copropriété.".into()),
    ]);
    pages_footer(d, Some("Paraphes :".into()));
    spread(d, &blocks, 170.0, LEASE);
    place_date(
        d,
        f.adresse.commune.nom,
        start - chrono::Duration::days(d.int(2, 20)),
    );
    let y = d.y;
    let w = x1 - x0;
    let font = d.font;
    d.text(x0, y + 10.0, font, 9.0, "Le bailleur (« lu et approuvé »)");
    d.text(
        x0 + w / 2.0,
        y + 10.0,
        font,
        9.0,
        "Le(s) locataire(s) (« lu et approuvé »)",
    );
    d.signature(x0 + 5.0, y + 16.0, 100.0, 30.0);
    d.signature(x0 + w / 2.0 + 5.0, y + 16.0, 100.0, 30.0);
}

/// A social landlord's lease: articles, APL convention, initials box on every page.
fn bail_social(d: &mut Doc, f: &Foyer) {
    let org = social_landlord(d, f);
    let r = rent(d, f);
    let start = super::date_in(d, add_months(f.today, -150), add_months(f.today, -3));
    let (x0, top) = (d.x0, d.top);
    let init: String = org
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .take(3)
        .collect();
    let rr = logo(
        d,
        x0,
        top,
        &init,
        &org,
        "Société d'habitations à loyer modéré",
    );
    d.y = rr.y + rr.h + 14.0;
    heading(
        d,
        d.pick(&[
            "CONTRAT DE LOCATION",
            "Contrat de location d'un logement conventionné",
            "BAIL — LOGEMENT SOCIAL",
        ]),
        13.0,
    );
    let font = d.font;
    let sz = d.size;
    d.line_al(
        Al::C,
        font,
        sz - 1.0,
        &format!(
            "Logement conventionné — convention APL n° {}/{}",
            d.digits(2),
            d.digits(5)
        ),
    );
    d.gap(6.0);
    let mut blocks = vec![Block::Heading("Entre les soussignés".into())];
    blocks.extend(lease_parties(d, f, &org));
    blocks.extend([
        Block::Heading("Article 1 — Objet".into()),
        Block::Para(format!("Le bailleur donne en location au locataire, qui accepte, le logement situé {}, avec ses annexes (cave n° {}, place de stationnement le cas échéant).", f.adresse.one_line(), d.int(1, 80))),
        Block::Heading("Article 2 — Durée".into()),
        Block::Para(format!("La location est consentie à compter du {} pour une durée d'un an renouvelable par tacite reconduction, le maintien dans les lieux étant de droit sous réserve du respect des obligations du locataire.", d_long(start))),
        Block::Heading("Article 3 — Loyer et charges".into()),
        Block::Para(format!("Le loyer principal mensuel est fixé à {} dans la limite du plafond de la convention. Les charges récupérables font l'objet d'une provision mensuelle de {}.", data::eur(r.loyer), data::eur(r.charges))),
        Block::Heading("Article 4 — Supplément de loyer de solidarité".into()),
        Block::Para("Le locataire s'engage à répondre chaque année à l'enquête sur ses ressources ; à défaut, un supplément de loyer pourra être appliqué.".into()),
        Block::Heading("Article 5 — Dépôt de garantie".into()),
        Block::Para(format!("Un dépôt de garantie de {} est versé à la signature.", data::eur(r.loyer))),
        Block::Heading("Article 6 — Obligations du locataire".into()),
    ]);
    blocks.push(Block::Para(LEASE[0].into()));
    blocks.push(Block::Para(LEASE[3].into()));
    pages_footer(d, None);
    spread(d, &blocks, 0.0, LEASE);
    place_date(
        d,
        f.adresse.commune.nom,
        start - chrono::Duration::days(d.int(1, 10)),
    );
    signed(
        d,
        "Pour le bailleur, le responsable d'agence",
        "",
        &[&org.to_uppercase()],
    );
    let y = d.y.min(PH - 90.0);
    let x1 = d.x1;
    d.rect(x1 - 90.0, y, 90.0, 34.0, 0.5);
    d.text(x1 - 86.0, y + 9.0, F::Sans, 6.5, "Paraphe du locataire");
    d.signature(x1 - 80.0, y + 12.0, 50.0, 16.0);
}

/// A furnished-let lease, tables for the premises, the money and the furniture inventory.
fn bail_meuble(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let l = landlord(d);
    let r = rent(d, f);
    let start = super::date_in(d, add_months(f.today, -48), add_months(f.today, -2));
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    d.y = top;
    heading(
        d,
        d.pick(&[
            "CONTRAT DE LOCATION MEUBLÉE",
            "Bail de location meublée — résidence principale",
        ]),
        13.5,
    );
    let w = x1 - x0;
    let sz = d.size - 0.5;
    band(d, "Les parties");
    let rows = vec![
        vec![
            "Bailleur".to_string(),
            format!("{} {} — {}", l.civ_court(), pn(&l), street(d)),
        ],
        vec![
            "Locataire".into(),
            format!(
                "{} {} — {} le {}",
                p.civ_court(),
                pn(p),
                p.ne(),
                d_slash(p.naissance)
            ),
        ],
    ];
    d.table(
        x0,
        &[w * 0.25, w * 0.75],
        &[Al::L, Al::L],
        &rows,
        sz,
        false,
        2,
    );
    band(d, "Le logement");
    let rows = vec![
        vec!["Adresse".to_string(), f.adresse.one_line()],
        vec!["Surface".into(), format!("{} m²", d.int(14, 60))],
        vec![
            "Pièces".into(),
            d.pick(&["1 pièce + kitchenette", "2 pièces", "studio"])
                .into(),
        ],
        vec![
            "Durée".into(),
            format!("1 an à compter du {}", d_slash(start)),
        ],
    ];
    d.table(
        x0,
        &[w * 0.25, w * 0.75],
        &[Al::L, Al::L],
        &rows,
        sz,
        false,
        2,
    );
    band(d, "Conditions financières");
    let rows = vec![
        vec!["Loyer mensuel".to_string(), data::eur(r.loyer)],
        vec!["Charges (forfait)".into(), data::eur(r.charges)],
        vec!["Dépôt de garantie".into(), data::eur(r.loyer * 2.0)],
        vec!["Date de paiement".into(), "le 1er de chaque mois".into()],
    ];
    d.table(
        x0,
        &[w * 0.25, w * 0.75],
        &[Al::L, Al::L],
        &rows,
        sz,
        false,
        2,
    );
    pages_footer(d, Some(format!("Bail {} / {}", tc(&l.nom), p.nom)));
    d.break_page();
    band(d, "Inventaire du mobilier");
    let items = [
        "Literie avec couette",
        "Dispositif d'occultation des fenêtres",
        "Plaques de cuisson",
        "Four ou four à micro-ondes",
        "Réfrigérateur avec compartiment congélation",
        "Vaisselle et ustensiles de cuisine",
        "Table et sièges",
        "Étagères de rangement",
        "Luminaires",
        "Matériel d'entretien ménager",
    ];
    let mut rows = vec![vec![
        "Élément".to_string(),
        "Quantité".into(),
        "État".into(),
    ]];
    for it in items {
        rows.push(vec![
            it.into(),
            d.int(1, 4).to_string(),
            d.pick(&["bon", "très bon", "usagé", "neuf"]).into(),
        ]);
    }
    d.table(
        x0,
        &[w * 0.6, w * 0.15, w * 0.25],
        &[Al::L, Al::C, Al::C],
        &rows,
        sz,
        true,
        2,
    );
    let blocks: Vec<Block> = LEASE
        .iter()
        .skip(4)
        .map(|s| Block::Para(s.to_string()))
        .collect();
    spread(d, &blocks, 0.0, &[]);
    place_date(d, f.adresse.commune.nom, start - chrono::Duration::days(3));
    let y = d.y;
    let font = d.font;
    d.text(x0, y + 10.0, font, 9.0, "Le bailleur");
    d.text(x0 + w / 2.0, y + 10.0, font, 9.0, "Le locataire");
    d.signature(x0 + 5.0, y + 16.0, 90.0, 28.0);
    d.signature(x0 + w / 2.0 + 5.0, y + 16.0, 90.0, 28.0);
}

// ---------------------------------------------------------------------------------------------
// Hosting

fn host(d: &Doc, f: &Foyer) -> Person {
    if d.chance(0.4) {
        // a relative bearing the family name
        let y = f.demandeur.naissance.year();
        let mut r = d.r();
        data::person(&mut *r, Some(&f.demandeur.nom), None, (y - 35, y + 10))
    } else {
        stranger(d, None, (1950, 1995))
    }
}

/// A handwritten attestation on ruled school paper.
fn attestation_manuscrite(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let h = host(d, f);
    seyes(d);
    let since = super::date_in(d, add_months(f.today, -40), add_months(f.today, -2));
    let size = d.real(11.0, 13.0);
    d.y = d.top + 30.0;
    let t = d.pick(&[
        "Attestation d'hébergement",
        "ATTESTATION SUR L'HONNEUR",
        "Attestation d'hébergement à titre gratuit",
    ]);
    let x = (d.x0 + d.x1) / 2.0 - d.measure(F::Serif, size + 3.0, t) / 2.0;
    let base = d.y + size + 3.0;
    super::hand_line(d, x, base, size + 3.0, t);
    d.y += (size + 3.0) * 3.0;
    let body = [
        format!(
            "Je soussigné{} {} {}, {} le {} {}, demeurant {},",
            if h.sexe == crate::data::Sexe::F { "e" } else { "" },
            h.prenom,
            h.nom,
            h.ne(),
            d_slash(h.naissance),
            super::a_ville(&h.lieu_naissance),
            f.adresse.one_line()
        ),
        format!(
            "atteste sur l'honneur héberger à mon domicile {} {} {}{} depuis le {}, à titre gratuit.",
            p.civilite(),
            p.prenom,
            p.nom,
            if f.enfants.is_empty() { String::new() } else { format!(" et ses {} enfant(s)", f.enfants.len()) },
            d_slash(since)
        ),
        "Je joins la copie de ma pièce d'identité et un justificatif de domicile.".to_string(),
        "Fait pour servir et valoir ce que de droit.".to_string(),
    ];
    for s in &body {
        hand_para(d, s, size);
    }
    let date = days_ago(d, f, 0, 30);
    let s = format!("Fait à {}, le {}", f.adresse.commune.nom, d_slash(date));
    let x = d.x1 - d.measure(F::Serif, size, &s) - 20.0;
    let base = d.y + size;
    super::hand_line(d, x, base, size, &s);
    d.y += size * 2.5;
    let x = d.x1 - 170.0;
    let y = d.y;
    d.signature(x, y, 130.0, 40.0);
}

/// A shelter's or social residence's attestation (association letterhead, reference box).
fn attestation_structure(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (x0, top) = (d.x0, d.top);
    let kind = d.pick(&[
        ("Centre d'hébergement et de réinsertion sociale", "CHRS"),
        ("Résidence sociale", "RS"),
        ("Foyer de jeunes travailleurs", "FJT"),
        ("Centre d'hébergement d'urgence", "CHU"),
        ("Pension de famille", "PF"),
    ]);
    let assoc = format!(
        "Association {}",
        d.pick(&[
            "Emmaüs Solidarité",
            "Aurore",
            "Habitat et Humanisme",
            "l'Escale",
            "Le Relais",
            "Adoma",
            "Coallia",
            "Saint-Vincent"
        ])
    );
    let rr = logo(
        d,
        x0,
        top,
        kind.1,
        &format!("{} {}", kind.0, data::de(c.nom)),
        &format!(
            "Géré par l'{}",
            assoc
                .to_lowercase()
                .replacen("association", "association", 1)
        ),
    );
    let y = lines_at(
        d,
        x0,
        rr.y + rr.h + 4.0,
        7.5,
        &[
            street(d),
            format!("{} {}", c.cp, c.nom),
            format!("Tél. {}", tel(d)),
        ],
    );
    d.y = y + 20.0;
    heading(
        d,
        d.pick(&[
            "ATTESTATION D'HÉBERGEMENT",
            "Attestation de prise en charge",
            "ATTESTATION DE RÉSIDENCE",
        ]),
        14.0,
    );
    let since = super::date_in(d, add_months(f.today, -30), add_months(f.today, -1));
    d.para(&format!(
        "Nous certifions que {} {}, {} le {}, est hébergé(e) au sein de notre structure depuis le {}{}.",
        p.civilite(),
        pn(p),
        p.ne(),
        d_slash(p.naissance),
        d_long(since),
        if f.enfants.is_empty() { String::new() } else { format!(", accompagné(e) de {} enfant(s)", f.enfants.len()) }
    ));
    d.para(d.pick(&[
        "Cet hébergement est temporaire ; l'intéressé(e) bénéficie d'un accompagnement social en vue de l'accès à un logement autonome.",
        "La participation financière mensuelle est calculée en fonction des ressources. La durée de séjour est limitée par le règlement de fonctionnement.",
        "L'intéressé(e) occupe une chambre individuelle ; son projet de relogement est suivi par le référent social de la structure.",
    ]));
    refs_line(
        d,
        &[
            ("Référent social", &pn(&stranger(d, None, (1970, 1998)))),
            ("N° SIAO", &d.digits(7)),
        ],
    );
    place_date(d, c.nom, days_ago(d, f, 0, 20));
    signed(d, "Le chef de service", "", &[kind.1, c.nom]);
}

/// A typed form with boxes for the host and the hosted person, documents checklist.
fn formulaire_hebergement(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let h = host(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    d.y = top;
    heading(
        d,
        d.pick(&[
            "ATTESTATION D'HÉBERGEMENT",
            "Attestation d'hébergement — formulaire",
        ]),
        14.0,
    );
    let w = x1 - x0;
    band(d, "L'hébergeant");
    let y = d.y;
    field(d, x0, y, w * 0.5 - 4.0, 26.0, "Nom", &h.nom);
    field(d, x0 + w * 0.5, y, w * 0.5, 26.0, "Prénom", &h.prenom);
    field(
        d,
        x0,
        y + 30.0,
        w * 0.3 - 4.0,
        26.0,
        "Né(e) le",
        &d_slash(h.naissance),
    );
    field(
        d,
        x0 + w * 0.3,
        y + 30.0,
        w * 0.7,
        26.0,
        "Adresse",
        &f.adresse.one_line(),
    );
    field(
        d,
        x0,
        y + 60.0,
        w * 0.5 - 4.0,
        26.0,
        "Qualité",
        d.pick(&["propriétaire", "locataire", "occupant à titre gratuit"]),
    );
    field(
        d,
        x0 + w * 0.5,
        y + 60.0,
        w * 0.5,
        26.0,
        "Téléphone",
        &tel(d),
    );
    d.y = y + 96.0;
    band(d, "La ou les personnes hébergées");
    let y = d.y;
    field(d, x0, y, w * 0.5 - 4.0, 26.0, "Nom", &p.nom);
    field(d, x0 + w * 0.5, y, w * 0.5, 26.0, "Prénom(s)", &p.prenoms());
    field(
        d,
        x0,
        y + 30.0,
        w * 0.3 - 4.0,
        26.0,
        "Né(e) le",
        &d_slash(p.naissance),
    );
    let since = super::date_in(d, add_months(f.today, -30), add_months(f.today, -1));
    field(
        d,
        x0 + w * 0.3,
        y + 30.0,
        w * 0.35 - 4.0,
        26.0,
        "Hébergé(e) depuis le",
        &d_slash(since),
    );
    field(
        d,
        x0 + w * 0.65,
        y + 30.0,
        w * 0.35,
        26.0,
        "Autres personnes",
        &f.enfants.len().to_string(),
    );
    d.y = y + 66.0;
    let sz = d.size;
    let font = d.font;
    let gratuit = d.chance(0.8);
    for (l, c) in [
        ("à titre gratuit", gratuit),
        ("moyennant participation aux frais", !gratuit),
    ] {
        let base = d.y + sz;
        d.checkbox(x0 + 4.0, base, sz, c);
        d.text(x0 + 18.0, base, font, sz, l);
        d.y += sz * 1.6;
    }
    d.gap(4.0);
    d.para("Je certifie l'exactitude des renseignements ci-dessus. Je suis informé(e) qu'une fausse attestation est passible de sanctions pénales (article 441-7 du code pénal).");
    band(d, "Pièces jointes");
    for l in [
        "Copie de la pièce d'identité de l'hébergeant",
        "Justificatif de domicile de moins de trois mois (facture, quittance, taxe foncière)",
    ] {
        let base = d.y + sz;
        d.checkbox(x0 + 4.0, base, sz, true);
        d.text(x0 + 18.0, base, font, sz - 0.5, l);
        d.y += sz * 1.6;
    }
    place_date(d, f.adresse.commune.nom, days_ago(d, f, 0, 25));
    signed(d, "Signature de l'hébergeant", &pn(&h), &[]);
}

// ---------------------------------------------------------------------------------------------
// Substandard housing

fn findings(d: &Doc) -> Vec<(&'static str, bool)> {
    let items = [
        "Gros œuvre et couverture en bon état, protection contre les infiltrations",
        "Garde-corps des fenêtres, escaliers et balcons",
        "Absence de matériaux dangereux (plomb, amiante) accessibles",
        "Installation électrique conforme et sans danger",
        "Installation de gaz et évacuation des produits de combustion",
        "Chauffage suffisant et en état de fonctionnement",
        "Aération et ventilation des pièces",
        "Éclairement naturel des pièces principales",
        "Alimentation en eau potable, évacuation des eaux usées",
        "Cuisine ou coin cuisine équipé",
        "Installation sanitaire intérieure",
        "Surface habitable d'au moins 9 m² (ou 20 m³)",
        "Absence d'humidité et de moisissures",
        "Absence de nuisibles",
    ];
    items.iter().map(|i| (*i, d.chance(0.55))).collect()
}

/// A municipal health department's inspection grid (criteria, conforming or not).
fn grille_visite(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let y = etat_block(
        d,
        x0,
        top,
        &[
            &format!("Ville {}", data::de(c.nom)),
            "Service communal d'hygiène et de santé",
            "Pôle habitat indigne",
        ],
    );
    d.y = y;
    let visit = days_ago(d, f, 10, 150);
    heading(
        d,
        d.pick(&[
            "RAPPORT DE VISITE",
            "Rapport de constat — décence du logement",
            "FICHE DE CONSTAT — HABITAT",
        ]),
        13.0,
    );
    let pairs = vec![
        ("Occupant :".to_string(), np(p)),
        ("Adresse :".into(), f.adresse.one_line()),
        ("Date de la visite :".into(), d_slash(visit)),
        ("Propriétaire :".into(), pn(&landlord(d))),
        ("Dossier :".into(), reference(d, visit.year())),
        ("Agent :".into(), pn(&stranger(d, None, (1965, 1995)))),
    ];
    kv_cols(d, &pairs, 80.0);
    let mut rows = vec![vec![
        "Critère (décret n° 2002-120)".to_string(),
        "Conforme".into(),
        "Non conforme".into(),
    ]];
    for (it, ok) in findings(d) {
        rows.push(vec![
            it.into(),
            if ok { "X".into() } else { "".into() },
            if ok { "".into() } else { "X".into() },
        ]);
    }
    let w = x1 - x0;
    let sz = d.size - 1.5;
    pages_footer(d, Some(format!("Visite du {}", d_slash(visit))));
    d.table(
        x0,
        &[w * 0.7, w * 0.15, w * 0.15],
        &[Al::L, Al::C, Al::C],
        &rows,
        sz,
        true,
        2,
    );
    d.gap(6.0);
    let mut blocks = vec![
        Block::Heading("Conclusion".into()),
        Block::Para(d.pick(&[
            "Le logement ne répond pas aux caractéristiques du logement décent. Le propriétaire sera mis en demeure de réaliser les travaux nécessaires.",
            "Les désordres constatés présentent un danger pour la santé des occupants ; le dossier est transmis à l'agence régionale de santé en vue d'une procédure d'insalubrité.",
            "Le logement présente plusieurs manquements aux règles d'hygiène du règlement sanitaire départemental.",
        ]).into()),
    ];
    if d.pages > 1 {
        blocks.push(Block::Heading("Observations détaillées".into()));
        for s in [
            "Des traces d'humidité importantes sont relevées dans la chambre et la salle d'eau ; le taux mesuré dépasse 75 %.",
            "Les prises électriques de la cuisine ne sont pas reliées à la terre ; le tableau électrique ne comporte pas de protection différentielle.",
            "La fenêtre de la pièce principale ne ferme plus ; le vitrage est fendu.",
            "L'occupant indique avoir alerté le propriétaire par courrier, sans réponse à ce jour.",
        ] {
            blocks.push(Block::Para(s.into()));
        }
    }
    spread(d, &blocks, 0.0, &[]);
    signed(d, "L'inspecteur de salubrité", "", &["SCHS", c.nom]);
}

/// A prefectoral order on an unsafe dwelling (recitals, articles).
fn arrete_prefectoral(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (x0, top) = (d.x0, d.top);
    let pref = format!("Préfecture {}", data::dep_de(c.dep_nom));
    let y = etat_block(
        d,
        x0,
        top,
        &[
            &pref,
            "Agence régionale de santé — délégation départementale",
        ],
    );
    d.y = y;
    let year = f.today.year();
    heading(
        d,
        &format!("ARRÊTÉ PRÉFECTORAL N° {}-{}", year, d.digits(4)),
        12.5,
    );
    let font = d.font;
    let sz = d.size;
    d.line_al(
        Al::C,
        font,
        sz,
        &format!(
            "portant traitement de l'insalubrité du logement situé {}",
            f.adresse.one_line()
        ),
    );
    d.gap(6.0);
    let owner = landlord(d);
    let visit = days_ago(d, f, 30, 200);
    let blocks = vec![
        Block::Para("Le préfet,".into()),
        Block::Para("Vu le code de la construction et de l'habitation, notamment ses articles L. 511-1 et suivants ;".into()),
        Block::Para("Vu le code de la santé publique, notamment ses articles L. 1331-22 et suivants ;".into()),
        Block::Para(format!("Vu le rapport de l'agence régionale de santé établi à la suite de la visite du {} ;", d_long(visit))),
        Block::Para(format!("Considérant que le logement occupé par {} {} présente des désordres de nature à porter atteinte à la santé de ses occupants ;", p.civilite(), pn(p))),
        Block::Para("Sur proposition du directeur de la délégation départementale de l'agence régionale de santé,".into()),
        Block::Heading("ARRÊTE".into()),
        Block::Para(format!("Article 1er — {} {}, propriétaire, est mis(e) en demeure de réaliser, dans un délai de {} mois, les mesures propres à remédier à l'insalubrité du logement.", owner.civilite(), pn(&owner), d.int(2, 6))),
        Block::Para("Article 2 — Le logement est interdit temporairement à l'habitation jusqu'à la mainlevée du présent arrêté. Le propriétaire est tenu d'assurer l'hébergement des occupants.".into()),
        Block::Para("Article 3 — Les loyers cessent d'être dus à compter du premier jour du mois suivant la notification du présent arrêté.".into()),
        Block::Para("Article 4 — Le présent arrêté peut faire l'objet d'un recours devant le tribunal administratif dans un délai de deux mois.".into()),
    ];
    pages_footer(d, None);
    spread(d, &blocks, 0.0, NOTICE);
    place_date(d, c.prefecture, days_ago(d, f, 5, 60));
    signed(
        d,
        "Pour le préfet et par délégation, le secrétaire général",
        "",
        &["PRÉFECTURE", c.dep_nom],
    );
}

/// The benefit office's finding that the dwelling is not decent (housing allowance kept).
fn constat_caf(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, top) = (d.x0, d.top);
    let rr = logo(
        d,
        x0,
        top,
        "caf",
        "Caisse d'allocations familiales",
        &f.adresse.commune.dep_nom,
    );
    d.y = rr.y + rr.h;
    window(d, p, f, false);
    refs_line(d, &[("N° allocataire", &f.allocataire)]);
    heading(
        d,
        d.pick(&[
            "Constat de non-décence de votre logement",
            "NOTIFICATION — LOGEMENT NON DÉCENT",
            "Votre logement ne répond pas aux critères de décence",
        ]),
        12.5,
    );
    d.para(&format!("{},", p.civilite()));
    let visit = days_ago(d, f, 20, 200);
    d.para(&format!(
        "À la suite du diagnostic réalisé le {} par notre opérateur, votre logement situé {} a été reconnu non décent au regard du décret du 30 janvier 2002.",
        d_slash(visit),
        f.adresse.one_line()
    ));
    d.para("Votre aide au logement est conservée par la Caf pendant un délai de dix-huit mois, le temps pour votre propriétaire de réaliser les travaux. Vous ne devez payer que le loyer diminué du montant de l'aide.");
    let mut rows = vec![vec!["Désordre constaté".to_string(), "Gravité".into()]];
    for (it, _) in findings(d).into_iter().filter(|x| !x.1).take(5) {
        rows.push(vec![
            it.into(),
            d.pick(&["élevée", "moyenne", "à surveiller"]).into(),
        ]);
    }
    let x = d.x0;
    let w = d.x1 - d.x0;
    let sz = d.size - 1.0;
    d.table(
        x,
        &[w * 0.75, w * 0.25],
        &[Al::L, Al::C],
        &rows,
        sz,
        true,
        2,
    );
    for _ in 1..d.pages {
        d.break_page();
        band(d, "Ce qu'il faut savoir");
        for t in NOTICE {
            d.para(t);
        }
    }
    signed(d, "Le directeur", "", &[]);
}
