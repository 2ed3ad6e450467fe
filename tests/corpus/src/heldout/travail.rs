//! Work, training and job-seeking: employers' attestations and contracts (permanent, temporary
//! agency, public service), training bodies' attestations, job centre attestations, transfers.

use super::{
    days_ago, etat_block, field, heading, kv_cols, lines_at, logo, money, nearby, np, pages_footer,
    place_date, pn, qr, reference, refs_line, signed, small, spread, stamp_box, stranger, street,
    tc, tel, window, Tpl, CLAUSES, NOTICE,
};
use crate::data::{self, add_months, d_long, d_slash, Foyer, Person};
use crate::doc::{Al, Block, Doc, PH};
use crate::raster::F;

pub(crate) const CTRAV: &[Tpl] = &[
    attestation_employeur,
    cdi_articles,
    contrat_mission,
    attestation_fonctions,
];
pub(crate) const ATFOR: &[Tpl] = &[
    entree_formation,
    presence_formation,
    contrat_engagement_jeune,
];
pub(crate) const ATPE: &[Tpl] = &[
    attestation_inscription,
    periodes_inscription,
    avis_situation,
];
pub(crate) const MUTPRO: &[Tpl] = &[lettre_mutation, arrete_mutation, avenant_lieu];

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .filter_map(|w| w.chars().next())
        .take(3)
        .collect()
}

/// The employer's letterhead: logo or plain name, address, SIRET/APE. Moves the cursor below.
fn employer_head(d: &mut Doc, f: &Foyer) {
    let e = &f.employeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let name = format!("{} {}", e.nom, e.forme);
    let y = if d.chance(0.5) {
        let r = logo(d, x0, top, &initials(&e.nom), &name, &e.ville);
        r.y + r.h + 6.0
    } else {
        let b = d.bold;
        d.text(x0, top + 13.0, b, 13.0, &name);
        top + 22.0
    };
    let y = lines_at(
        d,
        x0,
        y,
        7.8,
        &[
            e.adresse.clone(),
            e.ville.clone(),
            format!("Tél. {}", tel(d)),
        ],
    );
    if d.chance(0.5) {
        let font = d.font;
        d.text_al(
            x1,
            top + 10.0,
            Al::Rt,
            font,
            7.0,
            &format!("SIRET {}", e.siret),
        );
        d.text_al(
            x1,
            top + 19.0,
            Al::Rt,
            font,
            7.0,
            &format!("Code APE {}", e.ape),
        );
        d.y = y + 10.0;
    } else {
        // legal mentions at the foot instead
        let s = format!("{} {} — SIRET {} — APE {}", e.nom, e.forme, e.siret, e.ape);
        let font = d.font;
        d.text_al((x0 + x1) / 2.0, PH - 30.0, Al::C, font, 6.5, &s);
        d.y = y + 10.0;
    }
}

/// The commune of a `CP Commune` line.
fn city(ville: &str) -> &str {
    ville.split_once(' ').map(|x| x.1).unwrap_or(ville)
}

fn signer_rh(d: &Doc) -> (Person, &'static str) {
    let p = stranger(d, None, (1960, 1992));
    let q = d.pick(&[
        "Directeur des ressources humaines",
        "Gérant",
        "Responsable administratif et financier",
        "Chargée de ressources humaines",
        "Directrice d'établissement",
        "Président",
    ]);
    (p, q)
}

fn temps(d: &Doc) -> String {
    if d.chance(0.7) {
        "à temps complet (35 heures hebdomadaires)".into()
    } else {
        format!(
            "à temps partiel ({} heures hebdomadaires)",
            d.pick(&[20, 24, 28, 30, 32])
        )
    }
}

/// An employer's attestation letter (with an annex of employment periods on further pages).
fn attestation_employeur(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    employer_head(d, f);
    let date = days_ago(d, f, 1, 45);
    place_date(d, city(&e.ville), date);
    let t = d.pick(&[
        "ATTESTATION D'EMPLOI",
        "Attestation de l'employeur",
        "ATTESTATION DE TRAVAIL",
        "Attestation de salaire et d'emploi",
    ]);
    heading(d, t, 14.0);
    let (sig, q) = signer_rh(d);
    let contrat = if e.interim {
        "en contrat de travail temporaire (missions successives)".to_string()
    } else {
        d.pick(&[
            "en contrat à durée indéterminée",
            "en CDI",
            "en contrat à durée déterminée jusqu'au",
        ])
        .to_string()
    };
    let contrat = if contrat.ends_with("jusqu'au") {
        format!(
            "{} {}",
            contrat,
            d_slash(add_months(f.today, d.int(3, 14) as i32))
        )
    } else {
        contrat
    };
    let blocks = vec![
        Block::Para(format!(
            "Je soussigné(e) {}, agissant {} de la société {} ({}), dont le siège est situé {}, {},",
            pn(&sig),
            super::en_qualite(q),
            e.nom,
            e.forme,
            e.adresse,
            e.ville
        )),
        Block::Para(format!(
            "atteste que {} {}, {} le {}, demeurant {}, est employé(e) dans notre entreprise depuis le {} {}, {}, {}.",
            p.civilite(),
            pn(p),
            p.ne(),
            d_slash(p.naissance),
            f.adresse.one_line(),
            d_long(f.embauche),
            super::en_qualite(f.poste),
            contrat,
            temps(d)
        )),
        Block::Para(format!(
            "Son salaire mensuel brut de base s'élève à {}. L'intéressé(e) n'est ni en période d'essai, ni en préavis, et aucune procédure de rupture n'est engagée à son encontre.",
            money(d, f.brut_mensuel)
        )),
        Block::Para("La présente attestation est délivrée à la demande de l'intéressé(e) pour servir et valoir ce que de droit, notamment à l'appui d'une demande de logement.".into()),
    ];
    for b in &blocks {
        if let Block::Para(s) = b {
            d.para(s);
        }
    }
    signed(d, q, &pn(&sig), &[&e.nom.to_uppercase()]);
    for i in 1..d.pages {
        d.break_page();
        d.y = d.top;
        heading(d, &format!("Annexe {i} — historique de l'emploi"), 12.0);
        let mut rows = vec![vec![
            "Période".to_string(),
            "Emploi".into(),
            "Temps de travail".into(),
            "Salaire brut".into(),
        ]];
        let mut from = f.embauche;
        while from < f.today && rows.len() < 18 {
            let to = add_months(from, 6).min(f.today);
            rows.push(vec![
                format!("{} – {}", d_slash(from), d_slash(to)),
                f.poste.to_string(),
                "151,67 h / mois".into(),
                data::eur(f.brut_mensuel * d.real(0.92, 1.0) as f64),
            ]);
            from = to + chrono::Duration::days(1);
        }
        let w = d.x1 - d.x0;
        let x = d.x0;
        let sz = d.size - 1.0;
        d.table(
            x,
            &[w * 0.32, w * 0.28, w * 0.2, w * 0.2],
            &[Al::L, Al::L, Al::C, Al::Rt],
            &rows,
            sz,
            true,
            2,
        );
    }
}

/// A permanent contract in numbered articles, initials box at the foot of every page.
fn cdi_articles(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let (sig, q) = signer_rh(d);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let b = d.bold;
    d.text_al(
        (x0 + x1) / 2.0,
        top + 14.0,
        Al::C,
        b,
        14.0,
        d.pick(&[
            "CONTRAT DE TRAVAIL À DURÉE INDÉTERMINÉE",
            "Contrat de travail à durée indéterminée",
            "CONTRAT À DURÉE INDÉTERMINÉE",
        ]),
    );
    let font = d.font;
    d.text_al(
        (x0 + x1) / 2.0,
        top + 28.0,
        Al::C,
        font,
        9.0,
        &format!(
            "{} — {}",
            e.convention,
            d.pick(&["temps plein", "temps partiel"])
        ),
    );
    d.y = top + 48.0;
    let essai = d.pick(&["deux mois", "un mois", "trois mois", "quatre mois"]);
    let blocks = vec![
        Block::Heading("Entre les soussignés :".into()),
        Block::Para(format!(
            "La société {} {}, SIRET {}, dont le siège social est {}, {}, représentée par {} en sa qualité de {}, ci-après « l'employeur »,",
            e.nom, e.forme, e.siret, e.adresse, e.ville, pn(&sig), q.to_lowercase()
        )),
        Block::Para(format!(
            "et {} {}, {} le {} {}, de nationalité {}, numéro de sécurité sociale {}, demeurant {}, ci-après « le salarié »,",
            p.civilite(), pn(p), p.ne(), d_slash(p.naissance), super::a_ville(&p.lieu_naissance), p.nationalite().to_lowercase(), f.nir, f.adresse.one_line()
        )),
        Block::Para("il a été convenu ce qui suit.".into()),
        Block::Heading("Article 1 — Engagement".into()),
        Block::Para(format!(
            "Le salarié est engagé à compter du {} sous réserve des résultats de la visite d'information et de prévention. La déclaration préalable à l'embauche a été effectuée auprès de l'URSSAF.",
            d_long(f.embauche)
        )),
        Block::Heading("Article 2 — Période d'essai".into()),
        Block::Para(format!("Le contrat ne deviendra définitif qu'à l'issue d'une période d'essai de {essai} de travail effectif, renouvelable une fois dans les conditions prévues par la convention collective.")),
        Block::Heading("Article 3 — Emploi et qualification".into()),
        Block::Para(format!("Le salarié exercera les fonctions de {}, niveau {}, coefficient {}.", f.poste.to_lowercase(), d.int(1, 5), d.int(120, 260))),
        Block::Heading("Article 4 — Rémunération".into()),
        Block::Para(format!(
            "En contrepartie de son travail, le salarié percevra une rémunération mensuelle brute de {} pour {}, versée à la fin de chaque mois.",
            money(d, f.brut_mensuel),
            temps(d)
        )),
        Block::Heading("Article 5 — Lieu de travail".into()),
        Block::Para(format!("Le salarié exercera ses fonctions {}. Ce lieu pourra être modifié dans le même secteur géographique.", super::a_ville(city(&e.ville)))),
        Block::Heading("Article 6 — Congés payés".into()),
        Block::Para("Le salarié bénéficiera des congés payés dans les conditions légales, soit deux jours et demi ouvrables par mois de travail effectif.".into()),
        Block::Heading("Article 7 — Dispositions diverses".into()),
        Block::Para(CLAUSES[0].into()),
        Block::Para(format!("Fait {}, le {}, en deux exemplaires originaux.", super::a_ville(city(&e.ville)), d_slash(f.embauche - chrono::Duration::days(d.int(1, 10))))),
    ];
    pages_footer(d, None);
    spread(d, &blocks, 0.0, CLAUSES);
    let y = d.y.min(PH - 120.0);
    d.y = y;
    let xs = [d.x0, d.x0 + (d.x1 - d.x0) / 2.0 + 10.0];
    let font = d.font;
    let sz = d.size;
    d.text(xs[0], y + sz, font, sz, "L'employeur");
    d.text(xs[1], y + sz, font, sz, "Le salarié (« lu et approuvé »)");
    d.signature(xs[0] + 5.0, y + 16.0, 100.0, 30.0);
    d.signature(xs[1] + 5.0, y + 16.0, 100.0, 30.0);
}

/// A temporary agency's mission contract: ruled boxes, client and agency, hours and pay.
fn contrat_mission(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let agency = if f.employeur.interim {
        format!("{} {}", f.employeur.nom, f.employeur.forme)
    } else {
        format!(
            "{} Intérim {}",
            d.pick(&["Adéquat", "Synergie", "Proman", "Start People", "Crit"]),
            c.nom
        )
    };
    let client = if f.employeur.interim {
        format!(
            "{} {}",
            d.pick(&["Logistique", "Entrepôts", "Industries", "Plateforme"]),
            tc(&stranger(d, None, (1950, 1980)).nom)
        )
    } else {
        format!("{} {}", f.employeur.nom, f.employeur.forme)
    };
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let r = logo(
        d,
        x0,
        top,
        "TT",
        &agency,
        "Entreprise de travail temporaire",
    );
    d.text_al(
        x1,
        top + 10.0,
        Al::Rt,
        F::SansB,
        9.0,
        &format!("Contrat n° {}", d.digits(9)),
    );
    d.text_al(
        x1,
        top + 22.0,
        Al::Rt,
        F::Sans,
        7.5,
        "Garantie financière : APST",
    );
    d.y = r.y + r.h + 14.0;
    heading(
        d,
        d.pick(&[
            "CONTRAT DE MISSION",
            "Contrat de mission de travail temporaire",
            "CONTRAT DE TRAVAIL TEMPORAIRE",
        ]),
        13.0,
    );
    let start = days_ago(d, f, 5, 60);
    let end = start + chrono::Duration::days(d.int(14, 120));
    let w = x1 - x0;
    let rows: Vec<(&str, String)> = vec![
        (
            "Salarié intérimaire",
            format!("{} — {} le {}", np(p), p.ne(), d_slash(p.naissance)),
        ),
        ("N° de sécurité sociale", f.nir.clone()),
        ("Entreprise utilisatrice", client.clone()),
        ("Lieu de mission", format!("{} {}", street(d), c.nom)),
        ("Qualification", f.poste.to_string()),
        (
            "Motif de recours",
            d.pick(&[
                "Accroissement temporaire d'activité",
                "Remplacement d'un salarié absent",
                "Emploi à caractère saisonnier",
            ])
            .to_string(),
        ),
        (
            "Début / fin de mission",
            format!("du {} au {}", d_slash(start), d_slash(end)),
        ),
        (
            "Horaires",
            d.pick(&[
                "6 h – 13 h 30 du lundi au vendredi",
                "8 h – 12 h / 13 h – 16 h",
                "équipe 2×8",
                "21 h – 5 h (nuit)",
            ])
            .to_string(),
        ),
        (
            "Salaire horaire brut",
            money(d, (f.brut_mensuel / 151.67 * 100.0).round() / 100.0),
        ),
        ("Période d'essai", "2 jours ouvrés".into()),
    ];
    let mut y = d.y;
    for (k, v) in &rows {
        field(d, x0, y, w, 25.0, k, v);
        y += 27.0;
    }
    d.y = y + 8.0;
    small(d, "À l'issue de la mission, le salarié perçoit une indemnité de fin de mission égale à 10 % de la rémunération totale brute et une indemnité compensatrice de congés payés. Le salarié peut adhérer au FASTT pour ses démarches de logement, de crédit et de mobilité.");
    let blocks: Vec<Block> = CLAUSES
        .iter()
        .skip(2)
        .map(|s| Block::Para(s.to_string()))
        .collect();
    if d.pages > 1 {
        d.break_page();
        heading(d, "Conditions générales du contrat de mission", 12.0);
        spread(d, &blocks, 0.0, CLAUSES);
    }
    let yy = d.y.min(PH - 110.0);
    d.y = yy;
    let font = d.font;
    d.text(x0, yy + 10.0, font, 9.0, "Pour l'agence");
    d.text(x0 + w / 2.0, yy + 10.0, font, 9.0, "Le salarié");
    d.signature(x0 + 5.0, yy + 16.0, 90.0, 28.0);
    d.signature(x0 + w / 2.0 + 5.0, yy + 16.0, 90.0, 28.0);
}

/// A public employer's attestation (mairie, hospital): State-like header, grade and status.
fn attestation_fonctions(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = nearby(d, f);
    let (x0, top) = (d.x0, d.top);
    let org = d.pick(&[
        "Mairie",
        "Centre hospitalier",
        "Conseil départemental",
        "Centre communal d'action sociale",
    ]);
    let orgname = if org == "Conseil départemental" {
        format!("{org} {}", data::dep_de(c.dep_nom))
    } else {
        format!("{org} {}", data::de(c.nom))
    };
    let y = etat_block(
        d,
        x0,
        top,
        &[
            &orgname,
            "Direction des ressources humaines",
            "Service carrières et paie",
        ],
    );
    d.y = y + 4.0;
    refs_line(
        d,
        &[
            ("Affaire suivie par", &pn(&stranger(d, None, (1965, 1995)))),
            ("Réf.", &reference(d, 2025)),
        ],
    );
    heading(
        d,
        d.pick(&[
            "ATTESTATION DE FONCTIONS",
            "ATTESTATION D'EMPLOI",
            "Attestation de l'employeur public",
        ]),
        14.0,
    );
    let grade = d.pick(&[
        ("adjoint technique territorial", "titulaire"),
        ("agent des services hospitaliers qualifié", "titulaire"),
        ("adjoint administratif principal de 2e classe", "titulaire"),
        ("auxiliaire de puériculture", "contractuel(le) en CDI"),
        ("agent social", "stagiaire"),
        ("aide-soignant de classe normale", "titulaire"),
    ]);
    d.para(&format!(
        "Je soussigné(e), {}, certifie que {} {}, {} le {}, exerce ses fonctions au sein de nos services depuis le {} {} ({}), {}.",
        d.pick(&["le Maire", "la Directrice des ressources humaines", "le Directeur général des services", "le Président"]),
        p.civilite(),
        pn(p),
        p.ne(),
        d_slash(p.naissance),
        d_long(f.embauche),
        super::en_qualite(grade.0),
        grade.1,
        temps(d)
    ));
    d.para(&format!(
        "Son traitement mensuel brut indiciaire, hors primes, est de {} (indice majoré {}).",
        money(d, f.brut_mensuel * 0.85),
        d.int(361, 420)
    ));
    d.para("Attestation établie à la demande de l'intéressé(e) pour faire valoir ce que de droit.");
    place_date(d, c.nom, days_ago(d, f, 1, 50));
    signed(
        d,
        "Pour l'autorité territoriale et par délégation",
        "",
        &["RESSOURCES HUMAINES", c.nom],
    );
    for _ in 1..d.pages {
        d.break_page();
        heading(d, "État des services", 12.0);
        let mut rows = vec![vec![
            "Du".to_string(),
            "Au".into(),
            "Position".into(),
            "Quotité".into(),
        ]];
        let mut from = f.embauche;
        for _ in 0..d.int(2, 6) {
            let to = add_months(from, d.int(6, 30) as i32).min(f.today);
            rows.push(vec![
                d_slash(from),
                d_slash(to),
                d.pick(&["Activité", "Activité", "Congé parental", "Disponibilité"])
                    .into(),
                "100 %".into(),
            ]);
            from = to + chrono::Duration::days(1);
        }
        let w = d.x1 - d.x0;
        let x = d.x0;
        let sz = d.size;
        d.table(
            x,
            &[w * 0.2, w * 0.2, w * 0.4, w * 0.2],
            &[Al::C, Al::C, Al::L, Al::C],
            &rows,
            sz,
            true,
            2,
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Training and other situations

fn formation(d: &Doc) -> (&'static str, i64) {
    d.pick(&[
        ("Titre professionnel Agent de propreté et d'hygiène", 595),
        (
            "Titre professionnel Préparateur de commandes en entrepôt",
            490,
        ),
        ("Titre professionnel Secrétaire assistant", 1050),
        ("CAP Accompagnant éducatif petite enfance", 700),
        ("Remise à niveau — savoirs de base", 300),
        ("Titre professionnel Cuisinier", 910),
        ("Diplôme d'État d'aide-soignant", 1540),
        ("Formation Français langue étrangère — niveau A2", 250),
    ])
}

/// A training body's attestation of entry (table of the course).
fn entree_formation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = nearby(d, f);
    let org = d.pick(&[
        "AFPA",
        "GRETA",
        "CFA des métiers",
        "Institut de formation",
        "Centre de formation IFRA",
    ]);
    let orgname = match org {
        "GRETA" => format!("GRETA {}", c.dep_nom),
        "AFPA" => format!("AFPA — centre {}", data::de(c.nom)),
        o => format!("{o} {}", data::de(c.nom)),
    };
    let (x0, top) = (d.x0, d.top);
    let r = logo(
        d,
        x0,
        top,
        &initials(&orgname).to_uppercase(),
        &orgname,
        "Organisme de formation",
    );
    let y = lines_at(
        d,
        x0,
        r.y + r.h + 4.0,
        7.5,
        &[
            street(d),
            format!("{} {}", c.cp, c.nom),
            format!("N° de déclaration d'activité {}", d.digits(11)),
        ],
    );
    d.y = y + 8.0;
    heading(
        d,
        d.pick(&[
            "ATTESTATION D'ENTRÉE EN FORMATION",
            "Attestation d'inscription en formation",
            "ATTESTATION DE STAGE DE FORMATION PROFESSIONNELLE",
        ]),
        13.0,
    );
    let (intitule, heures) = formation(d);
    let start = days_ago(d, f, 10, 150);
    let end = start + chrono::Duration::days(heures * 7 / 30 + 20);
    d.para(&format!(
        "Nous attestons que {} {}, {} le {}, identifiant France Travail {}, suit la formation désignée ci-dessous :",
        p.civilite(),
        pn(p),
        p.ne(),
        d_slash(p.naissance),
        f.ident_ft
    ));
    let w = d.x1 - d.x0;
    let rows = vec![
        vec!["Intitulé".to_string(), intitule.to_string()],
        vec![
            "Dates".into(),
            format!("du {} au {}", d_slash(start), d_slash(end)),
        ],
        vec![
            "Durée".into(),
            format!(
                "{} heures en centre, {} heures en entreprise",
                heures,
                d.pick(&[70, 105, 140, 210])
            ),
        ],
        vec!["Rythme".into(), "35 heures par semaine".into()],
        vec![
            "Financement".into(),
            d.pick(&[
                "Région — programme régional de formation",
                "France Travail — AIF",
                "CPF",
                "Plan d'investissement dans les compétences",
            ])
            .into(),
        ],
        vec![
            "Rémunération".into(),
            d.pick(&[
                "RFF versée par France Travail",
                "Rémunération des stagiaires (ASP)",
                "ARE-formation",
                "Aucune",
            ])
            .into(),
        ],
    ];
    let x = d.x0;
    let sz = d.size;
    d.table(
        x,
        &[w * 0.25, w * 0.75],
        &[Al::L, Al::L],
        &rows,
        sz,
        false,
        2,
    );
    d.gap(6.0);
    place_date(d, c.nom, days_ago(d, f, 0, 9));
    signed(
        d,
        "La coordinatrice pédagogique",
        &pn(&stranger(d, None, (1960, 1995))),
        &[org],
    );
}

/// A monthly attendance statement of a trainee (calendar table).
fn presence_formation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = nearby(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let b = d.bold;
    d.text(
        x0,
        top + 12.0,
        b,
        11.5,
        &format!("GRETA {} — agence {}", c.dep_nom, c.nom),
    );
    d.text(
        x0,
        top + 24.0,
        F::Sans,
        8.0,
        "Formation continue des adultes",
    );
    let month = add_months(f.today, -1);
    d.text_al(
        x1,
        top + 12.0,
        Al::Rt,
        F::SansB,
        9.0,
        &data::mois_annee(month).to_uppercase(),
    );
    d.y = top + 44.0;
    heading(
        d,
        d.pick(&[
            "ÉTAT DE PRÉSENCE MENSUEL",
            "Attestation de présence en formation",
            "RELEVÉ D'ASSIDUITÉ",
        ]),
        13.0,
    );
    let (intitule, _) = formation(d);
    let pairs = vec![
        ("Stagiaire :".to_string(), np(p)),
        ("Né(e) le :".into(), d_slash(p.naissance)),
        ("Action :".into(), intitule.to_string()),
        ("N° d'action :".into(), d.digits(8)),
    ];
    kv_cols(d, &pairs, 75.0);
    let mut rows = vec![vec![
        "Semaine".to_string(),
        "Lun".into(),
        "Mar".into(),
        "Mer".into(),
        "Jeu".into(),
        "Ven".into(),
        "Total".into(),
    ]];
    let mut total = 0;
    for wk in 1..=4 {
        let mut r = vec![format!("S{wk}")];
        let mut t = 0;
        for _ in 0..5 {
            let h = d.pick(&[7, 7, 7, 7, 0, 3]);
            t += h;
            r.push(if h == 0 {
                "abs.".into()
            } else {
                format!("{h} h")
            });
        }
        total += t;
        r.push(format!("{t} h"));
        rows.push(r);
    }
    let w = x1 - x0;
    let sz = d.size;
    d.table(
        x0,
        &[
            w * 0.16,
            w * 0.13,
            w * 0.13,
            w * 0.13,
            w * 0.13,
            w * 0.13,
            w * 0.19,
        ],
        &[Al::L, Al::C, Al::C, Al::C, Al::C, Al::C, Al::C],
        &rows,
        sz,
        true,
        2,
    );
    let bo = d.bold;
    d.line_al(
        Al::Rt,
        bo,
        sz,
        &format!("Total des heures réalisées : {total} h"),
    );
    d.gap(8.0);
    small(d, "Les absences doivent être justifiées dans les 48 heures. Toute absence non justifiée entraîne une retenue sur la rémunération de stage.");
    d.gap(6.0);
    let y = d.y;
    d.text(x0, y + 10.0, F::Sans, 8.5, "Signature du stagiaire");
    d.text(
        x0 + w / 2.0,
        y + 10.0,
        F::Sans,
        8.5,
        "Cachet de l'organisme",
    );
    d.signature(x0 + 5.0, y + 16.0, 90.0, 26.0);
    stamp_box(d, x0 + w / 2.0, y + 18.0, &["GRETA", c.nom]);
}

/// A youth employment contract attestation from a mission locale (other situation proof).
fn contrat_engagement_jeune(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = nearby(d, f);
    let (x0, top) = (d.x0, d.top);
    let r = logo(
        d,
        x0,
        top,
        "ML",
        &format!("Mission locale {}", data::de(c.nom)),
        "Insertion des jeunes de 16 à 25 ans",
    );
    d.y = r.y + r.h + 20.0;
    let t = d.pick(&[
        "ATTESTATION D'ENTRÉE EN CONTRAT D'ENGAGEMENT JEUNE",
        "Attestation de situation — accompagnement",
        "ATTESTATION DE SUIVI",
    ]);
    heading(d, t, 13.0);
    let start = days_ago(d, f, 20, 250);
    d.para(&format!(
        "La Mission locale atteste que {} {}, {} le {}, demeurant {}, bénéficie depuis le {} d'un accompagnement intensif dans le cadre du contrat d'engagement jeune.",
        p.civilite(),
        pn(p),
        p.ne(),
        d_slash(p.naissance),
        f.adresse.one_line(),
        d_long(start)
    ));
    d.para(&format!(
        "À ce titre, l'intéressé(e) perçoit une allocation mensuelle d'un montant maximal de {}, versée par l'Agence de services et de paiement, sous réserve du respect de ses engagements.",
        money(d, d.real(300.0, 560.0).round() as f64)
    ));
    d.kv(
        "Conseiller référent :",
        &pn(&stranger(d, None, (1970, 1998))),
        150.0,
    );
    d.kv(
        "Fin prévue de l'accompagnement :",
        &d_slash(add_months(start, 12)),
        150.0,
    );
    place_date(d, c.nom, days_ago(d, f, 0, 15));
    signed(d, "La directrice", "", &["MISSION LOCALE"]);
}

// ---------------------------------------------------------------------------------------------
// Job centre

fn agence(d: &Doc, f: &Foyer) -> String {
    let c = nearby(d, f);
    format!(
        "{} {}",
        c.nom,
        d.pick(&["Centre", "Nord", "Est", "Sud", "Ouest", "Gare"])
    )
}

/// The job centre's attestation of registration, printed from the personal space.
fn attestation_inscription(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let r = logo(
        d,
        x0,
        top,
        "FT",
        "France Travail",
        &format!("Agence {}", agence(d, f)),
    );
    d.text_al(
        x1,
        top + 8.0,
        Al::Rt,
        F::Sans,
        7.5,
        &format!("Identifiant : {}", f.ident_ft),
    );
    d.text_al(
        x1,
        top + 18.0,
        Al::Rt,
        F::Sans,
        7.5,
        &format!("Édité le {}", d_slash(f.today)),
    );
    d.y = r.y + r.h;
    window(d, p, f, true);
    let t = d.pick(&[
        "Attestation d'inscription",
        "ATTESTATION D'INSCRIPTION SUR LA LISTE DES DEMANDEURS D'EMPLOI",
        "Attestation de situation",
    ]);
    heading(d, t, 13.0);
    let since = super::date_in(d, add_months(f.today, -30), add_months(f.today, -1));
    let cat = d.pick(&["1", "2", "3", "A", "B"]);
    d.para(&format!(
        "France Travail atteste que {} {}, {} le {}, est inscrit(e) comme demandeur d'emploi depuis le {}, en catégorie {}.",
        p.civilite(),
        pn(p),
        p.ne(),
        d_slash(p.naissance),
        d_long(since),
        cat
    ));
    d.para(d.pick(&[
        "L'intéressé(e) est indemnisé(e) au titre de l'allocation d'aide au retour à l'emploi.",
        "L'intéressé(e) n'est pas indemnisé(e) à ce jour.",
        "L'intéressé(e) bénéficie d'un accompagnement dans le cadre du contrat d'engagement.",
    ]));
    d.para("Cette attestation est valable à la date d'édition. Vous pouvez en obtenir une nouvelle à tout moment depuis votre espace personnel.");
    signed(d, "Le directeur d'agence", "", &[]);
    d.y = d.y.max(PH - 80.0);
    small(d, "France Travail — établissement public — au service des personnes et des entreprises. Service gratuit : 3949.");
}

/// An older (pre-2024 name) attestation listing the periods of registration in a table.
fn periodes_inscription(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let older = f.today - chrono::Duration::days(d.int(400, 700));
    let issuer = if older < data::ymd(2024, 1, 1) {
        "Pôle emploi"
    } else {
        "France Travail"
    };
    let b = d.bold;
    d.text(x0, top + 14.0, b, 15.0, issuer);
    d.text(
        x0,
        top + 26.0,
        F::Sans,
        8.0,
        &format!("Agence de {}", agence(d, f)),
    );
    d.hline(x0, x1, top + 34.0, 1.2);
    d.y = top + 48.0;
    heading(
        d,
        d.pick(&[
            "ATTESTATION — PÉRIODES D'INSCRIPTION",
            "Historique des périodes d'inscription",
            "ATTESTATION D'INSCRIPTION ET D'INDEMNISATION",
        ]),
        12.5,
    );
    let pairs = vec![
        ("Nom :".to_string(), p.nom.clone()),
        ("Prénom :".into(), p.prenom.clone()),
        ("Identifiant :".into(), f.ident_ft.clone()),
        ("N° de sécurité sociale :".into(), f.nir.clone()),
    ];
    kv_cols(d, &pairs, 90.0);
    d.gap(4.0);
    let mut rows = vec![vec![
        "Du".to_string(),
        "Au".into(),
        "Catégorie".into(),
        "Motif d'inscription".into(),
    ]];
    let mut from = add_months(older, -d.int(6, 30) as i32);
    for i in 0..d.int(1, 4) {
        let last = i == 3 || from > add_months(older, -2);
        let to = add_months(from, d.int(2, 10) as i32);
        let motif = d.pick(&[
            "Fin de contrat à durée déterminée",
            "Fin de mission d'intérim",
            "Licenciement économique",
            "Première entrée sur le marché du travail",
            "Rupture conventionnelle",
        ]);
        rows.push(vec![
            d_slash(from),
            if last { "en cours".into() } else { d_slash(to) },
            d.pick(&["1", "2", "3", "4"]).into(),
            motif.into(),
        ]);
        if last {
            break;
        }
        from = to + chrono::Duration::days(d.int(20, 120));
    }
    let w = x1 - x0;
    let sz = d.size - 0.5;
    d.table(
        x0,
        &[w * 0.17, w * 0.17, w * 0.14, w * 0.52],
        &[Al::C, Al::C, Al::C, Al::L],
        &rows,
        sz,
        true,
        2,
    );
    d.gap(6.0);
    place_date(d, f.adresse.commune.nom, older);
    signed(d, "Pour le directeur d'agence", "", &[issuer]);
}

/// A boxed "your situation" sheet with a QR code and the category in a frame.
fn avis_situation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let r = logo(d, x0, top, "FT", "France Travail", "Mon espace candidat");
    qr(d, x1 - 62.0, top, 62.0);
    d.y = r.y + r.h + 24.0;
    heading(
        d,
        d.pick(&[
            "Ma situation de demandeur d'emploi",
            "AVIS DE SITUATION",
            "Justificatif d'inscription",
        ]),
        14.0,
    );
    let w = x1 - x0;
    let y = d.y;
    field(d, x0, y, w * 0.6 - 4.0, 28.0, "Nom et prénom", &np(p));
    field(
        d,
        x0 + w * 0.6,
        y,
        w * 0.4,
        28.0,
        "Identifiant",
        &f.ident_ft,
    );
    field(
        d,
        x0,
        y + 32.0,
        w * 0.6 - 4.0,
        28.0,
        "Adresse",
        &f.adresse.one_line(),
    );
    field(
        d,
        x0 + w * 0.6,
        y + 32.0,
        w * 0.4,
        28.0,
        "Date de naissance",
        &d_slash(p.naissance),
    );
    d.y = y + 74.0;
    let since = super::date_in(d, add_months(f.today, -24), add_months(f.today, -1));
    let yb = d.y;
    d.rect(x0, yb, w, 70.0, 1.4);
    let bo = d.bold;
    d.text(
        x0 + 12.0,
        yb + 22.0,
        bo,
        12.0,
        &format!("Inscrit(e) depuis le {}", d_slash(since)),
    );
    let font = d.font;
    d.text(
        x0 + 12.0,
        yb + 40.0,
        font,
        10.0,
        &format!(
            "Catégorie {} — {}",
            d.pick(&["A", "B", "C"]),
            d.pick(&[
                "à la recherche d'un emploi à temps plein",
                "activité réduite",
                "en formation"
            ])
        ),
    );
    d.text(
        x0 + 12.0,
        yb + 56.0,
        font,
        9.0,
        &format!("Situation au {}", d_slash(f.today)),
    );
    d.y = yb + 84.0;
    for t in NOTICE.iter().skip(d.int(0, 3) as usize).take(3) {
        small(d, t);
    }
}

// ---------------------------------------------------------------------------------------------
// Transfers

fn new_site(d: &Doc, f: &Foyer) -> data::Commune {
    let c = d.pick(data::COMMUNES);
    if c.dep == f.adresse.commune.dep {
        d.pick(data::COMMUNES)
    } else {
        c
    }
}

/// A company's letter confirming the employee's transfer.
fn lettre_mutation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let site = new_site(d, f);
    employer_head(d, f);
    window(d, p, f, false);
    let date = days_ago(d, f, 5, 90);
    place_date(
        d,
        f.employeur
            .ville
            .split_once(' ')
            .map(|x| x.1)
            .unwrap_or("Paris"),
        date,
    );
    let bo = d.bold;
    let sz = d.size;
    d.line_al(
        Al::L,
        bo,
        sz,
        d.pick(&[
            "Objet : confirmation de votre mutation",
            "Objet : mobilité géographique",
            "Objet : changement d'affectation",
        ]),
    );
    d.line_al(
        Al::L,
        F::Sans,
        sz - 1.0,
        "Lettre remise en main propre contre décharge",
    );
    d.gap(8.0);
    d.para(&format!("{},", p.civilite()));
    let eff = add_months(date, d.int(1, 4) as i32);
    d.para(&format!(
        "Nous faisons suite à nos entretiens et vous confirmons votre mutation au sein de notre établissement de {} ({}) à compter du {}, {}.",
        site.nom,
        site.cp,
        d_long(eff),
        super::en_qualite(f.poste)
    ));
    d.para("Les autres dispositions de votre contrat de travail demeurent inchangées. Votre ancienneté est intégralement reprise.");
    d.para(&format!(
        "Afin de faciliter votre installation, l'entreprise prendra en charge vos frais de déménagement dans la limite de {} et vous accorde deux jours de congé exceptionnel.",
        money(d, d.int(8, 25) as f64 * 100.0)
    ));
    d.para(
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    );
    let (sig, q) = signer_rh(d);
    signed(d, q, &pn(&sig), &[]);
}

/// A public service transfer order ("arrêté") with its recitals.
fn arrete_mutation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let site = new_site(d, f);
    let (x0, top) = (d.x0, d.top);
    let min = d.pick(&[
        "Ministère de l'intérieur",
        "Ministère de l'éducation nationale",
        "Ministère de la justice",
        "Ministère des armées",
        "Ministère de l'économie et des finances",
    ]);
    let y = etat_block(
        d,
        x0,
        top,
        &[
            min,
            "Direction des ressources humaines",
            "Bureau des mobilités",
        ],
    );
    d.y = y + 6.0;
    let num = format!("{}-{}", chrono::Datelike::year(&f.today), d.digits(5));
    heading(d, &format!("ARRÊTÉ N° {num}"), 13.0);
    let bo = d.bold;
    let sz = d.size;
    d.line_al(Al::C, bo, sz, "portant mutation");
    d.gap(8.0);
    for v in [
        "Vu le code général de la fonction publique ;",
        "Vu le décret portant statut particulier du corps concerné ;",
        "Vu les lignes directrices de gestion relatives à la mobilité ;",
        "Vu la demande de l'intéressé(e) et l'avis de la direction d'accueil ;",
    ] {
        d.para(v);
    }
    d.line_al(Al::C, bo, sz + 1.0, "ARRÊTE");
    d.gap(4.0);
    let eff = add_months(f.today, d.int(0, 4) as i32);
    d.para(&format!(
        "Article 1er — {} {}, {}, {} le {}, précédemment affecté(e) à {}, est muté(e) à {} ({}) à compter du {}.",
        p.civilite(),
        np(p),
        d.pick(&["gardien de la paix", "secrétaire administratif de classe normale", "adjoint administratif", "professeur certifié", "adjoint technique principal"]),
        p.ne(),
        d_slash(p.naissance),
        f.adresse.commune.nom,
        site.nom,
        site.dep_nom,
        d_long(eff)
    ));
    d.para("Article 2 — L'intéressé(e) pourra prétendre au remboursement de ses frais de changement de résidence dans les conditions réglementaires.");
    d.para("Article 3 — Le présent arrêté sera notifié à l'intéressé(e) et inséré à son dossier administratif.");
    place_date(d, "Paris", days_ago(d, f, 10, 120));
    signed(
        d,
        "Pour le ministre et par délégation, le chef du bureau",
        "",
        &["DRH", "BUREAU DES MOBILITÉS"],
    );
    d.y = d.y.max(PH - 80.0);
    small(
        d,
        "Notifié le : ....................   Signature de l'agent :",
    );
}

/// An amendment to the work contract changing the place of work.
fn avenant_lieu(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let site = new_site(d, f);
    employer_head(d, f);
    heading(
        d,
        &format!("AVENANT N° {} AU CONTRAT DE TRAVAIL", d.int(1, 4)),
        13.5,
    );
    let font = d.font;
    let sz = d.size;
    d.line_al(Al::C, font, sz, "Modification du lieu de travail");
    d.gap(6.0);
    let (sig, q) = signer_rh(d);
    let eff = add_months(f.today, d.int(0, 3) as i32);
    let blocks = vec![
        Block::Para(format!("Entre la société {} {}, représentée par {}, {},", e.nom, e.forme, pn(&sig), q.to_lowercase())),
        Block::Para(format!("et {} {}, salarié(e) depuis le {} {},", p.civilite(), pn(p), d_slash(f.embauche), super::en_qualite(f.poste))),
        Block::Para("il est convenu ce qui suit.".into()),
        Block::Heading("Article 1 — Objet".into()),
        Block::Para(format!(
            "À compter du {}, le lieu de travail du salarié est fixé à l'établissement de {}, {} {}.",
            d_long(eff),
            site.nom,
            site.cp,
            site.nom
        )),
        Block::Heading("Article 2 — Accompagnement".into()),
        Block::Para("L'employeur prend en charge les frais de déménagement et verse une prime de mobilité selon l'accord d'entreprise en vigueur.".into()),
        Block::Heading("Article 3 — Autres clauses".into()),
        Block::Para("Les autres clauses du contrat de travail initial et de ses avenants éventuels restent inchangées.".into()),
    ];
    for b in &blocks {
        match b {
            Block::Heading(h) => {
                let bo = d.bold;
                d.line_al(Al::L, bo, sz, h);
            }
            Block::Para(s) => d.para(s),
            _ => {}
        }
    }
    place_date(d, city(&e.ville), days_ago(d, f, 5, 60));
    let y = d.y + 6.0;
    let w = d.x1 - d.x0;
    let x0 = d.x0;
    d.text(x0, y + 10.0, font, 9.0, "L'employeur");
    d.text(
        x0 + w / 2.0,
        y + 10.0,
        font,
        9.0,
        "Le salarié, « bon pour accord »",
    );
    d.signature(x0 + 5.0, y + 16.0, 90.0, 28.0);
    d.signature(x0 + w / 2.0 + 5.0, y + 16.0, 90.0, 28.0);
}
