//! Work and studies: contracts and employers' certificates, student cards, training and
//! schooling certificates, France Travail registration, transfers.

use chrono::Datelike;

use super::*;
use crate::data::{self, Foyer, Person, Sexe};
use crate::doc::{Al, Doc, PW};
use crate::raster::F;

pub(crate) const CTRAV: &[Tpl] = &[
    cdi_pme,
    contrat_mission,
    attestation_employeur,
    contrat_public,
];
pub(crate) const CETU: &[Tpl] = &[carte_universite, carte_metiers, carte_ecole];
pub(crate) const ATFOR: &[Tpl] = &[entree_formation, certificat_scolarite, service_civique];
pub(crate) const ATPE: &[Tpl] = &[ft_attestation, ft_avis_situation, ft_espace_print];
pub(crate) const MUTPRO: &[Tpl] = &[lettre_mutation, arrete_mutation, avenant_lieu];

fn il(p: &Person) -> &'static str {
    if p.sexe == Sexe::F {
        "elle"
    } else {
        "il"
    }
}

fn salarie(p: &Person) -> &'static str {
    if p.sexe == Sexe::F {
        "la salariée"
    } else {
        "le salarié"
    }
}

fn employer_lines(f: &Foyer) -> Vec<String> {
    let e = &f.employeur;
    vec![
        format!("{} {}", e.nom, e.forme),
        e.adresse.clone(),
        e.ville.clone(),
        format!("SIRET {} — APE {}", e.siret, e.ape),
    ]
}

fn hourly(f: &Foyer) -> f64 {
    cents(f.brut_mensuel / 151.67)
}

/// A small company's open-ended contract, articles over 1–3 pages.
fn cdi_pme(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let boss = outsider(d, None, (1958, 1990));
    let trial = d.pick(&["deux mois", "un mois", "trois mois", "quarante-cinq jours"]);
    let hours = d.pick(&[
        "35 heures",
        "35 heures",
        "28 heures",
        "24 heures",
        "30 heures",
    ]);
    let b = d.bold;
    d.line_al(Al::C, b, 14.0, "CONTRAT DE TRAVAIL");
    let s = d.size;
    d.line_al(Al::C, F::Sans, s, "à durée indéterminée");
    d.gap(10.0);
    let blocks = vec![
        hb("Entre les soussignés :"),
        pb(format!(
            "La société {} {}, dont le siège est situé {}, {}, immatriculée sous le numéro SIRET {}, représentée par {} {} en sa qualité de {}, ci-après « l'employeur »,",
            e.nom, e.forme, e.adresse, e.ville, e.siret, boss.civilite(), tname(&boss),
            d.pick(&["gérant(e)", "président(e)", "directeur(trice) des ressources humaines"])
        )),
        pb(format!(
            "et {} {}, {} le {} à {}, de nationalité {}, demeurant {}, n° de sécurité sociale {}, ci-après « {} »,",
            p.civilite(), full(p), p.ne(), data::d_slash(p.naissance), p.lieu_naissance,
            p.nationalite().to_lowercase(), f.adresse.one_line(), f.nir, salarie(p)
        )),
        pb("il a été convenu ce qui suit."),
        hb("Article 1 — Engagement"),
        pb(format!(
            "{} est engagé(e) à compter du {} sous réserve des résultats de la visite d'information et de prévention. La déclaration préalable à l'embauche a été effectuée auprès de l'URSSAF.",
            data::titlecase(salarie(p)), data::d_long(f.embauche)
        )),
        hb("Article 2 — Fonctions et classification"),
        pb(format!(
            "{} occupera l'emploi de {}, statut employé, niveau {} coefficient {} de la {}.",
            data::titlecase(il(p)), f.poste.to_lowercase(), d.int(1, 4), d.int(150, 260), e.convention.to_lowercase()
        )),
        hb("Article 3 — Période d'essai"),
        pb(format!("Le présent contrat ne deviendra définitif qu'à l'issue d'une période d'essai de {trial} de travail effectif, renouvelable une fois d'un commun accord écrit.")),
        hb("Article 4 — Durée du travail"),
        pb(format!("La durée hebdomadaire de travail est fixée à {hours}, répartie selon le planning communiqué au moins sept jours à l'avance.")),
        hb("Article 5 — Rémunération"),
        pb(format!(
            "En contrepartie de son travail, {} percevra une rémunération mensuelle brute de {} euros, versée le dernier jour ouvré du mois, à laquelle s'ajoutent les primes prévues par la convention collective.",
            salarie(p), data::num(f.brut_mensuel)
        )),
        hb("Article 6 — Lieu de travail"),
        pb(format!("Le lieu de travail est fixé à {}, {}. Une mobilité dans un rayon de trente kilomètres pourra être demandée pour les besoins du service.", e.adresse, e.ville)),
        hb("Article 7 — Congés, prévoyance, retraite"),
        pb(format!(
            "{} bénéficie des congés payés légaux. {} est affilié(e) à la caisse de retraite complémentaire {} et au régime de prévoyance de l'entreprise.",
            data::titlecase(salarie(p)), data::titlecase(il(p)),
            d.pick(&["Malakoff Humanis", "AG2R La Mondiale", "Klesia", "Pro BTP", "Humanis", "IRCEM"])
        )),
        hb("Article 8 — Rupture du contrat"),
        pb("Après la période d'essai, chacune des parties pourra mettre fin au contrat dans les conditions prévues par la loi et la convention collective, sous réserve du respect du préavis."),
    ];
    let running = format!("CDI — {} — paraphes : ____ / ____", rev(p));
    pour(d, &blocks, WORK_FILL, 0.0, Some(&running), 110.0);
    let c = e.ville.clone();
    d.para(&format!(
        "Fait en deux exemplaires à {}, le {}.",
        c,
        data::d_slash(f.embauche - chrono::Duration::days(d.int(1, 12)))
    ));
    let y = d.y;
    let x = d.x0;
    sign(d, x, &tname(&boss), "Pour l'employeur");
    d.y = y;
    let x2 = d.x0 + 260.0;
    sign(d, x2, &full(p), "Le salarié, « lu et approuvé »");
}

const WORK_FILL: &[&str] = &[
    "Les informations nominatives recueillies font l'objet d'un traitement destiné à la gestion du personnel ; le salarié peut en obtenir communication auprès du service du personnel.",
    "Le salarié reconnaît avoir reçu un exemplaire du règlement intérieur, de la notice d'information du régime de prévoyance et de la charte informatique de l'entreprise.",
    "Toute modification d'un élément essentiel du présent contrat fera l'objet d'un avenant écrit, remis au salarié au moins un mois avant sa prise d'effet.",
    "Le salarié s'engage à faire connaître sans délai tout changement d'adresse ou de situation de famille ayant une incidence sur la gestion de son dossier.",
    "En cas d'absence pour maladie, le salarié adresse son avis d'arrêt de travail dans les quarante-huit heures ; à défaut, l'absence pourra être considérée comme injustifiée.",
    "Les tenues et équipements de protection individuelle fournis par l'employeur demeurent sa propriété et sont restitués au terme du contrat.",
    "Le temps de trajet entre le domicile et le lieu habituel de travail n'est pas du temps de travail effectif ; la moitié du titre de transport public est prise en charge.",
    "Un entretien professionnel consacré aux perspectives d'évolution est organisé tous les deux ans, distinct de l'entretien annuel d'évaluation.",
    "Le salarié est tenu à la discrétion sur les informations relatives à l'entreprise, à ses clients et à ses fournisseurs, pendant et après l'exécution du contrat.",
    "Les éventuelles heures complémentaires ou supplémentaires ne peuvent être accomplies qu'à la demande expresse de l'employeur ; elles sont rémunérées avec les majorations légales.",
    "Le présent contrat est régi par le droit français ; les parties font élection de domicile en leurs adresses respectives indiquées en tête.",
    "Le salarié accepte que ses horaires puissent être modifiés pour tenir compte des nécessités du service, sous réserve d'un délai de prévenance de sept jours.",
];

/// A temping agency's contrat de mission, conditions on the following pages.
fn contrat_mission(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let agency = d.pick(&[
        "Interval Emploi",
        "Alterna Travail Temporaire",
        "Proxim'Intérim",
        "Azur Intérim Services",
        "Tempo Plus",
        "Atlantique Intérim",
    ]);
    let c = local(d, f);
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(d, x0, y0, agency, &format!("Agence {}", c.nom));
    lines(
        d,
        x0,
        r.y + r.h + 4.0,
        F::Sans,
        7.0,
        &[
            office_street(d),
            format!("{} {}", c.cp, c.nom),
            format!(
                "Garantie financière : {}",
                d.pick(&["Atradius", "Groupama A.C.", "BNP Paribas", "CIC"])
            ),
        ],
    );
    let x1 = d.x1;
    lines_rt(
        d,
        x1,
        y0,
        F::SansB,
        9.0,
        &[
            "CONTRAT DE MISSION".into(),
            format!("N° {}", d.digits(9)),
            format!("Avenant n° {}", d.int(0, 3)),
        ],
    );
    d.y = y0 + 80.0;
    let start = ago(d, f, 5, 120);
    let end = start + chrono::Duration::days(d.int(14, 160));
    let client = &f.employeur;
    let w = d.x1 - d.x0;
    let x = d.x0;
    dark_band(d, "INTÉRIMAIRE");
    two_cols(
        d,
        &[
            ("Nom :".into(), p.nom.clone()),
            ("Prénom :".into(), p.prenom.clone()),
            ("N° SS :".into(), f.nir.clone()),
            ("Matricule :".into(), d.digits(7)),
            ("Né(e) le :".into(), data::d_slash(p.naissance)),
            ("Qualification :".into(), f.poste.to_string()),
        ],
    );
    dark_band(d, "ENTREPRISE UTILISATRICE");
    two_cols(
        d,
        &[
            ("Raison sociale :".into(), client.nom.clone()),
            ("SIRET :".into(), client.siret.clone()),
            ("Lieu de mission :".into(), client.ville.clone()),
            ("Contact :".into(), tname(&outsider(d, None, (1965, 1995)))),
        ],
    );
    dark_band(d, "MISSION");
    let rows = vec![
        vec![
            "Motif de recours".to_string(),
            d.pick(&[
                "Accroissement temporaire d'activité",
                "Remplacement d'un salarié absent",
                "Emploi à caractère saisonnier",
            ])
            .to_string(),
        ],
        vec![
            "Début / fin de mission".to_string(),
            format!("{} au {}", data::d_slash(start), data::d_slash(end)),
        ],
        vec!["Souplesse".to_string(), format!("{} jours", d.int(1, 10))],
        vec![
            "Horaires".to_string(),
            d.pick(&[
                "6h00-13h00 du lundi au vendredi",
                "8h30-12h / 13h30-17h",
                "horaires en 2x8",
                "nuit 21h-5h",
            ])
            .to_string(),
        ],
        vec![
            "Taux horaire brut".to_string(),
            format!("{} €", data::num(hourly(f))),
        ],
        vec!["Indemnité de fin de mission".to_string(), "10 %".into()],
        vec![
            "Indemnité compensatrice de congés payés".to_string(),
            "10 %".into(),
        ],
        vec![
            "Équipements de protection".to_string(),
            d.pick(&[
                "chaussures de sécurité, gants",
                "gilet haute visibilité",
                "aucun",
            ])
            .to_string(),
        ],
    ];
    let s = d.size - 0.5;
    d.table(x, &[w * 0.4, w * 0.6], &[Al::L, Al::L], &rows, s, false, 2);
    d.gap(6.0);
    if d.pages > 1 {
        let blocks: Vec<crate::doc::Block> = MISSION_CG.iter().map(|s| pb(*s)).collect();
        d.break_page();
        let b = d.bold;
        d.line_al(Al::C, b, 10.0, "CONDITIONS GÉNÉRALES DU CONTRAT DE MISSION");
        d.gap(6.0);
        let save = d.size;
        d.size = (save - 2.0).max(7.5);
        pour(d, &blocks, &[], 0.0, Some(agency), 90.0);
        d.size = save;
    } else {
        fine(d, MISSION_CG[0]);
        fine(d, MISSION_CG[3]);
    }
    let y = d.y + 4.0;
    d.y = y;
    let x = d.x0;
    sign(d, x, "", &format!("Pour {agency}"));
    d.y = y;
    let x2 = d.x0 + 250.0;
    sign(d, x2, &full(p), "L'intérimaire");
}

const MISSION_CG: &[&str] = &[
    "Le salarié temporaire est lié à l'entreprise de travail temporaire par le présent contrat ; il est mis à la disposition de l'entreprise utilisatrice pour la durée de la mission indiquée au recto.",
    "La rémunération, y compris les primes et accessoires, ne peut être inférieure à celle que percevrait dans l'entreprise utilisatrice un salarié de qualification équivalente occupant le même poste après période d'essai.",
    "La période d'essai est de deux jours pour une mission inférieure ou égale à un mois, trois jours pour une mission de un à deux mois, cinq jours au-delà.",
    "À l'issue de la mission, le salarié perçoit une indemnité de fin de mission égale à 10 % de la rémunération totale brute, sauf dans les cas d'exclusion prévus par le code du travail.",
    "Le terme de la mission peut être avancé ou reporté à raison d'un jour pour cinq jours de travail, sans que la durée de la mission puisse être réduite de plus de dix jours.",
    "Le salarié temporaire bénéficie des équipements collectifs de l'entreprise utilisatrice (restauration, transports) dans les mêmes conditions que les salariés de celle-ci.",
    "L'entreprise utilisatrice est responsable des conditions d'exécution du travail, notamment en matière de santé et de sécurité, de durée du travail, de travail de nuit et de repos.",
    "Le salarié affecté à un poste présentant des risques particuliers bénéficie d'une formation renforcée à la sécurité dispensée par l'entreprise utilisatrice.",
    "Les heures supplémentaires sont rémunérées selon les règles applicables dans l'entreprise utilisatrice ; elles figurent sur le relevé d'heures signé chaque semaine.",
    "Le salarié est affilié à la caisse de retraite complémentaire et au régime de prévoyance du travail temporaire ; il bénéficie du fonds d'action sociale de la branche.",
    "Le contrat peut être rompu avant son terme en cas de faute grave ou de force majeure ; l'agence propose alors, sauf faute grave, un nouveau contrat dans un délai de trois jours ouvrables.",
    "Toute contestation relative à l'exécution du présent contrat relève de la compétence du conseil de prud'hommes du lieu de l'agence.",
    "Les heures de travail sont déclarées au moyen du relevé hebdomadaire transmis par l'entreprise utilisatrice ; la paie est établie chaque semaine ou chaque mois selon l'option choisie.",
    "Le salarié peut demander un acompte sur sa paie, dans la limite des heures réellement accomplies, auprès de son agence ou depuis son application.",
];

/// A one-page employer's certificate (with a job description annexed when longer).
fn attestation_employeur(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let boss = outsider(d, None, (1958, 1990));
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(d, x0, y0, &e.nom, e.forme);
    let el = employer_lines(f);
    lines(d, x0, r.y + r.h + 5.0, F::Sans, 7.5, &el[1..]);
    d.y = y0 + 110.0;
    title(
        d,
        d.pick(&[
            "ATTESTATION D'EMPLOI",
            "ATTESTATION EMPLOYEUR",
            "Attestation de travail",
        ]),
        14.0,
    );
    d.gap(10.0);
    let contract = d.pick(&[
        "contrat à durée indéterminée à temps complet",
        "contrat à durée indéterminée à temps partiel",
        "contrat à durée déterminée",
    ]);
    d.para(&format!(
        "Je soussigné(e) {}, {}, atteste que {} {}, {} le {}, est employé(e) au sein de notre {} depuis le {} en qualité de {}, dans le cadre d'un {}.",
        full(&boss),
        d.pick(&["gérant(e) de la société", "responsable des ressources humaines", "directeur(trice) de l'établissement"]),
        p.civilite(),
        full(p),
        p.ne(),
        data::d_slash(p.naissance),
        if e.forme == "Association" { "association" } else { "entreprise" },
        data::d_slash(f.embauche),
        f.poste.to_lowercase(),
        contract
    ));
    d.para(&format!(
        "{} perçoit un salaire mensuel brut de {} et n'est, à ce jour, ni en période d'essai, ni en cours de procédure de licenciement ou de démission.",
        data::titlecase(il(p)),
        euros(d, f.brut_mensuel)
    ));
    d.para("Cette attestation est délivrée à la demande de l'intéressé(e) pour faire valoir ce que de droit, notamment auprès des organismes de logement.");
    d.gap(10.0);
    let when = ago(d, f, 1, 40);
    let x1 = d.x1;
    let yy = d.y;
    d.text_al(
        x1,
        yy,
        Al::Rt,
        d.font,
        d.size,
        &format!(
            "Fait à {}, le {}",
            e.ville.split_once(' ').map(|x| x.1).unwrap_or(&e.ville),
            data::d_slash(when)
        ),
    );
    d.gap(18.0);
    let sx = d.x0 + 260.0;
    sign(d, sx, &tname(&boss), "");
    let yy = d.y - 50.0;
    office_stamp(
        d,
        sx - 10.0,
        yy + 40.0,
        &[
            &e.nom.to_uppercase(),
            &e.ville,
            &format!("SIRET {}", e.siret),
        ],
    );
    d.y = yy + 90.0;
    if d.pages > 1 {
        d.break_page();
        title(d, &format!("Annexe — Fiche de poste : {}", f.poste), 12.0);
        let blocks = vec![
            hb("Rattachement hiérarchique"),
            pb(format!("Responsable de site, {}", e.nom)),
            hb("Missions principales"),
            pb("Assurer les tâches courantes du poste dans le respect des procédures qualité et des consignes de sécurité ; rendre compte des anomalies constatées ; participer au bon fonctionnement de l'équipe."),
            pb("Assurer la traçabilité des opérations réalisées sur le support prévu ; contribuer à l'accueil et à la formation des nouveaux arrivants."),
            hb("Conditions d'exercice"),
            pb(format!("Horaires : {}. Lieu : {}.", d.pick(&["du lundi au vendredi", "en équipes alternées", "du mardi au samedi"]), e.ville)),
            hb("Compétences requises"),
            pb("Rigueur, ponctualité, sens du travail en équipe ; connaissance des règles d'hygiène et de sécurité ; autonomie dans l'organisation des tâches confiées."),
        ];
        pour(d, &blocks, WORK_FILL, 0.0, Some(&e.nom), 60.0);
    }
}

/// A public employer's contract (commune, hospital) as an arrêté with "Vu" recitals.
fn contrat_public(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let emp = match d.int(0, 2) {
        0 => format!("Commune {}", data::de(c.nom)),
        1 => format!("Centre hospitalier {}", data::de(c.prefecture)),
        _ => format!("Conseil départemental {}", data::dep_de(c.dep_nom)),
    };
    let x0 = d.x0;
    let y0 = d.y;
    let yb = rf_mark(d, x0, y0, &[&emp, "Direction des ressources humaines"]);
    d.y = yb + 10.0;
    title(d, "CONTRAT DE RECRUTEMENT D'UN AGENT CONTRACTUEL", 12.0);
    let b = d.bold;
    let s = d.size;
    d.line_al(
        Al::C,
        b,
        s - 1.0,
        d.pick(&[
            "(article L. 332-8 du code général de la fonction publique)",
            "(article L. 332-23 — accroissement temporaire d'activité)",
            "(contrat à durée indéterminée)",
        ]),
    );
    d.gap(8.0);
    let start = f.embauche;
    let blocks = vec![
        pb(format!("Entre {}, représenté(e) par son autorité territoriale ou son directeur, d'une part,", emp)),
        pb(format!("et {} {}, {} le {} à {}, demeurant {}, d'autre part,", p.civilite(), full(p), p.ne(), data::d_slash(p.naissance), p.lieu_naissance, f.adresse.one_line())),
        pb("Vu le code général de la fonction publique ;"),
        pb("Vu le décret n° 88-145 du 15 février 1988 modifié relatif aux agents contractuels ;"),
        pb("Vu la délibération portant création de l'emploi et le tableau des effectifs ;"),
        pb("Il est convenu ce qui suit :"),
        hb("Article 1er"),
        pb(format!("{} {} est recruté(e) à compter du {} en qualité de {} à temps {}.", p.civilite(), p.nom, data::d_long(start), f.poste.to_lowercase(), d.pick(&["complet", "non complet (28/35e)", "complet"]))),
        hb("Article 2"),
        pb(format!("L'intéressé(e) percevra une rémunération calculée sur la base de l'indice brut {}, indice majoré {}, ainsi que l'indemnité de résidence et, le cas échéant, le supplément familial de traitement.", d.int(367, 480), d.int(366, 420))),
        hb("Article 3"),
        pb("L'agent est affilié au régime général de la sécurité sociale et à l'IRCANTEC. Il est soumis aux obligations des agents publics, notamment de discrétion professionnelle."),
        hb("Article 4"),
        pb("Le présent contrat peut faire l'objet d'un recours devant le tribunal administratif dans un délai de deux mois à compter de sa notification."),
    ];
    pour(d, &blocks, WORK_FILL, 0.0, Some(&emp), 110.0);
    d.para(&format!(
        "Fait {}, le {}",
        at_town(c.nom),
        data::d_slash(start - chrono::Duration::days(d.int(3, 20)))
    ));
    let y = d.y;
    let x = d.x0;
    sign(d, x, &full(p), "L'agent");
    d.y = y;
    let x2 = d.x0 + 250.0;
    sign(d, x2, "", "L'autorité territoriale");
    d.stamp(
        x2 + 150.0,
        y + 30.0,
        24.0,
        &[
            &emp.to_uppercase().chars().take(18).collect::<String>(),
            "DRH",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Student cards

fn academic_year(f: &Foyer) -> String {
    let y = if f.today.month() >= 9 {
        f.today.year()
    } else {
        f.today.year() - 1
    };
    format!("{}-{}", y, y + 1)
}

fn student_card_frame(d: &mut Doc) -> (f32, f32, f32) {
    let k = 2.835 * d.real(1.2, 1.7);
    let (w, h) = (85.6 * k, 54.0 * k);
    let x = d.real(50.0, PW - w - 45.0);
    let y = d.real(60.0, 220.0);
    let g = d.int(215, 242) as u8;
    card_ground(d, x, y, w, h, g);
    d.y = y + h + 20.0;
    (x, y, k)
}

/// A university's multi-service card (Izly payment mention).
fn carte_universite(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let (x, y, k) = student_card_frame(d);
    let m = |v: f32| v * k;
    let uni = one(
        d,
        vec![
            format!("Université {}", data::de(c.prefecture)),
            format!("Université {} — Sciences, Lettres", data::de(c.prefecture)),
            "Université Paris-Est Créteil".to_string(),
            "Université Sorbonne Paris Nord".to_string(),
            "Université Côte d'Azur".to_string(),
            "Nantes Université".to_string(),
        ],
    );
    let v = d.int(40, 110) as u8;
    d.fill(x + m(2.0), y + m(2.0), m(81.6), m(9.0), v);
    d.text_ink(x + m(4.0), y + m(8.5), F::SansB, m(4.0) * 0.9, &uni, 255);
    d.photo(x + m(4.0), y + m(14.0), m(22.0), m(28.0));
    let rows = [
        ("CARTE D'ÉTUDIANT".to_string(), F::SansB, 2.6),
        (p.nom.clone(), F::SansB, 2.4),
        (p.prenom.clone(), F::Sans, 2.4),
        (
            format!("Né(e) le {}", data::d_slash(p.naissance)),
            F::Sans,
            1.9,
        ),
        (format!("N° étudiant : {}", d.digits(8)), F::Sans, 1.9),
        (
            format!("INE : {}{}", d.digits(10), d.upper(1)),
            F::Sans,
            1.9,
        ),
        (
            format!("Année universitaire {}", academic_year(f)),
            F::SansB,
            1.9,
        ),
    ];
    let mut yy = y + m(17.0);
    for (t, fo, s) in rows.iter() {
        d.text(x + m(30.0), yy, *fo, m(*s), t);
        yy += m(4.1);
    }
    d.text(x + m(4.0), y + m(48.0), F::SansB, m(2.2), "izly");
    d.text(
        x + m(14.0),
        y + m(48.0),
        F::Sans,
        m(1.6),
        "CROUS — paiement restauration universitaire",
    );
    bars(d, x + m(56.0), y + m(44.0), m(26.0), m(6.0));
    // the back, with the validity sticker, under it
    if d.chance(0.5) {
        let by = d.y;
        let (w, h) = (85.6 * k, 54.0 * k);
        let g = d.int(215, 242) as u8;
        card_ground(d, x, by, w, h, g);
        d.text(
            x + m(4.0),
            by + m(8.0),
            F::Sans,
            m(2.0),
            "Cette carte est strictement personnelle. En cas de perte,",
        );
        d.text(
            x + m(4.0),
            by + m(11.5),
            F::Sans,
            m(2.0),
            "s'adresser au service de la scolarité.",
        );
        for (i, yr) in [academic_year(f)].iter().enumerate() {
            let sx = x + m(10.0 + i as f32 * 25.0);
            d.rect(sx, by + m(20.0), m(22.0), m(10.0), 0.8);
            d.text(sx + m(2.0), by + m(27.0), F::SansB, m(2.6), yr);
        }
        d.y = by + h + 20.0;
    }
}

/// The "carte d'étudiant des métiers" of an apprentice (CFA).
fn carte_metiers(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let (x, y, k) = student_card_frame(d);
    let m = |v: f32| v * k;
    d.text(
        x + m(4.0),
        y + m(6.5),
        F::SansB,
        m(2.4),
        "RÉPUBLIQUE FRANÇAISE",
    );
    d.text(
        x + m(4.0),
        y + m(12.0),
        F::SansB,
        m(3.4),
        "CARTE D'ÉTUDIANT DES MÉTIERS",
    );
    d.photo(x + m(60.0), y + m(15.0), m(21.0), m(27.0));
    let cfa = one(
        d,
        vec![
            format!("CFA {}", data::de(c.nom)),
            format!("CFA du BTP {}", data::dep_de(c.dep_nom)),
            format!("Faculté des métiers {}", data::de(c.prefecture)),
            "CFA de la Chambre de métiers et de l'artisanat".to_string(),
        ],
    );
    let rows = [
        format!("Nom : {}", p.nom),
        format!("Prénom : {}", p.prenom),
        format!("Date de naissance : {}", data::d_slash(p.naissance)),
        format!("Établissement : {cfa}"),
        format!(
            "Diplôme préparé : {}",
            d.pick(&[
                "CAP Cuisine",
                "BP Coiffure",
                "Bac pro MELEC",
                "BTS MCO",
                "CAP Maçon"
            ])
        ),
        format!(
            "Valable du 01/09/{} au 31/08/{}",
            &academic_year(f)[..4],
            &academic_year(f)[5..]
        ),
    ];
    let mut yy = y + m(19.0);
    for t in rows {
        let mut s = m(2.3);
        while s > 4.0 && d.measure(F::Sans, s, &t) > m(54.0) {
            s -= 0.3;
        }
        d.text(x + m(4.0), yy, F::Sans, s, &t);
        yy += m(5.0);
    }
    d.signature(x + m(8.0), y + m(45.0), m(20.0), m(6.0));
}

/// A vocational school's card (nursing, social work), plain design.
fn carte_ecole(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let (x, y, k) = student_card_frame(d);
    let m = |v: f32| v * k;
    let school = one(
        d,
        vec![
            format!(
                "Institut de formation en soins infirmiers {}",
                data::de(c.prefecture)
            ),
            format!("IRTS {}", data::de(c.prefecture)),
            format!(
                "Lycée {} — section de technicien supérieur",
                d.pick(&[
                    "Jean Monnet",
                    "Marie Curie",
                    "Gustave Eiffel",
                    "Louise Michel"
                ])
            ),
            format!("École de la deuxième chance {}", data::de(c.nom)),
        ],
    );
    let mut s = m(2.6);
    while s > 4.0 && d.measure(F::SansB, s, &school) > m(78.0) {
        s -= 0.3;
    }
    d.text(x + m(4.0), y + m(7.0), F::SansB, s, &school);
    d.hline(x + m(4.0), x + m(82.0), y + m(9.5), 0.6);
    d.photo(x + m(4.0), y + m(13.0), m(21.0), m(27.0));
    let rows = [
        ("CARTE D'ÉTUDIANT".to_string(), F::SansB),
        (format!("{} {}", p.nom, p.prenom), F::SansB),
        (format!("né(e) le {}", data::d_slash(p.naissance)), F::Sans),
        (format!("Promotion {}", academic_year(f)), F::Sans),
        (format!("N° {}", d.digits(6)), F::Sans),
    ];
    let mut yy = y + m(17.0);
    for (t, fo) in rows {
        d.text(x + m(29.0), yy, fo, m(2.5), &t);
        yy += m(5.2);
    }
    d.text(x + m(29.0), y + m(47.0), F::Sans, m(1.8), "Le directeur");
    d.signature(x + m(45.0), y + m(42.0), m(20.0), m(7.0));
}

// ---------------------------------------------------------------------------------------------
// Training and other situations

/// A training body's certificate of entry into a funded vocational course.
fn entree_formation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let org = one(
        d,
        vec![
            format!(
                "GRETA {}",
                d.pick(&[
                    "Val de Loire",
                    "Est Essonne",
                    "Lorraine Centre",
                    "Côte d'Opale",
                    "Provence"
                ])
            ),
            "AFPA — Agence nationale pour la formation professionnelle des adultes".into(),
            format!(
                "Institut de formation {}",
                d.pick(&["Cépière", "Sud Formation", "Horizon Compétences", "ARFA"])
            ),
            "CNAM — Centre régional".into(),
        ],
    );
    let (name, to) = to_applicant(d, f, p);
    let nda = format!(
        "Déclaration d'activité n° {} auprès du préfet de région",
        d.digits(11)
    );
    letter_head(
        d,
        false,
        &org.chars().take(36).collect::<String>(),
        &[
            format!("Site de {}", c.nom),
            office_street(d),
            format!("{} {}", c.cp, c.nom),
            nda,
        ],
        &name,
        &to,
        &[("Dossier".into(), refno(d, f.today.year()))],
        &format!("{}, le {}", c.nom, data::d_slash(ago(d, f, 1, 30))),
    );
    title(d, "ATTESTATION D'ENTRÉE EN FORMATION", 13.0);
    let start = ago(d, f, 10, 150);
    let end = data::add_months(start, d.int(3, 11) as i32);
    let course = d.pick(&[
        "Titre professionnel Agent de propreté et d'hygiène",
        "Titre professionnel Secrétaire assistant",
        "CAP Accompagnant éducatif petite enfance",
        "Titre professionnel Préparateur de commandes en entrepôt",
        "Français langue étrangère — niveau A2/B1",
        "Titre professionnel Conducteur du transport routier de marchandises",
    ]);
    d.para(&format!("Nous certifions que {} {}, {} le {}, suit la formation suivante dans notre établissement :", p.civilite(), full(p), p.ne(), data::d_slash(p.naissance)));
    let tab = 150.0;
    d.kv("Intitulé :", course, tab);
    d.kv(
        "Dates :",
        &format!("du {} au {}", data::d_slash(start), data::d_slash(end)),
        tab,
    );
    d.kv(
        "Durée :",
        &format!(
            "{} heures dont {} heures en entreprise",
            d.int(300, 1200),
            d.int(70, 280)
        ),
        tab,
    );
    d.kv(
        "Financement :",
        d.pick(&[
            "Région — programme régional de formation",
            "France Travail — AIF",
            "CPF de transition",
            "Région — dispositif Qualif",
        ]),
        tab,
    );
    d.kv(
        "Rémunération :",
        d.pick(&[
            "RFF versée par France Travail",
            "Rémunération des stagiaires (ASP)",
            "maintien de l'ARE",
            "aucune",
        ]),
        tab,
    );
    d.gap(8.0);
    d.para("Attestation établie pour servir et valoir ce que de droit.");
    let sx = d.x0 + 250.0;
    sign(d, sx, "", "La responsable pédagogique");
}

/// A university's certificat de scolarité printed from the student portal.
fn certificat_scolarite(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let uni = format!("Université {}", data::de(c.prefecture));
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(
        d,
        x0,
        y0,
        &uni,
        "Direction des études et de la vie étudiante",
    );
    d.y = r.y + r.h + 30.0;
    title(d, "CERTIFICAT DE SCOLARITÉ", 15.0);
    let s = d.size;
    d.line_al(
        Al::C,
        F::Sans,
        s,
        &format!("Année universitaire {}", academic_year(f)),
    );
    d.gap(14.0);
    d.para(&format!(
        "Le président de l'université certifie que {} {}",
        p.civilite(),
        full(p)
    ));
    let tab = 160.0;
    d.kv(
        "né(e) le :",
        &format!("{} à {}", data::d_slash(p.naissance), p.lieu_naissance),
        tab,
    );
    d.kv("N° étudiant :", &d.digits(8), tab);
    d.kv("INE :", &format!("{}{}", d.digits(10), d.upper(1)), tab);
    d.para("est régulièrement inscrit(e) pour l'année universitaire en cours en :");
    d.kv(
        "Diplôme :",
        d.pick(&[
            "Licence Droit — 2e année",
            "Master Sciences de l'éducation — 1re année",
            "DUT / BUT Carrières sociales",
            "Licence professionnelle Métiers du commerce",
            "Diplôme d'université — Français langue étrangère",
        ]),
        tab,
    );
    d.kv(
        "Régime :",
        d.pick(&["formation initiale", "formation continue", "alternance"]),
        tab,
    );
    d.kv(
        "Statut boursier :",
        d.pick(&["oui — échelon 5", "oui — échelon 3", "non"]),
        tab,
    );
    d.gap(14.0);
    d.para(&format!(
        "Fait {}, le {}",
        at_town(c.prefecture),
        data::d_slash(ago(d, f, 1, 60))
    ));
    let sx = d.x0 + 250.0;
    sign(
        d,
        sx,
        "",
        "Pour le président et par délégation, le chef du service de la scolarité",
    );
    let y = d.y;
    let x = d.x0;
    datamatrix(d, x, y, 44.0);
    d.y = y + 50.0;
    fine(d, "Document certifié conforme par signature électronique. Vérification possible sur le site de l'université à l'aide du code ci-dessus.");
}

/// A civic service engagement certificate (Agence du service civique).
fn service_civique(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let host = d.pick(&[
        "Secours populaire français",
        "Unis-Cité",
        "Ligue de l'enseignement",
        "Croix-Rouge française",
        "Les Restaurants du Cœur",
        "Emmaüs Connect",
    ]);
    let x0 = d.x0;
    let y0 = d.y;
    let yb = rf_mark(d, x0, y0, &["Agence du service civique"]);
    let x1 = d.x1;
    d.text_al(x1, y0 + 14.0, Al::Rt, F::SansB, 11.0, host);
    d.text_al(
        x1,
        y0 + 26.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("Antenne {}", data::de(c.nom)),
    );
    d.y = yb + 12.0;
    title(d, "ATTESTATION D'ENGAGEMENT DE SERVICE CIVIQUE", 12.5);
    let start = ago(d, f, 20, 200);
    let months = d.int(6, 10) as i32;
    let tab = 170.0;
    d.para(&format!("L'organisme d'accueil {} atteste que :", host));
    d.kv(
        "Volontaire :",
        &format!("{} {}", p.civilite(), full(p)),
        tab,
    );
    d.kv("Né(e) le :", &data::d_slash(p.naissance), tab);
    d.kv(
        "Contrat n° :",
        &format!("{}-{}-{}", c.dep, f.today.year() % 100, d.digits(5)),
        tab,
    );
    d.kv(
        "Mission :",
        d.pick(&[
            "Lutte contre l'isolement des personnes âgées",
            "Accompagnement au numérique",
            "Aide alimentaire et solidarité",
            "Sensibilisation à l'environnement",
        ]),
        tab,
    );
    d.kv(
        "Période :",
        &format!(
            "du {} au {} ({} mois)",
            data::d_slash(start),
            data::d_slash(data::add_months(start, months)),
            months
        ),
        tab,
    );
    d.kv(
        "Durée hebdomadaire :",
        &format!("{} heures", d.int(24, 35)),
        tab,
    );
    d.kv(
        "Indemnité mensuelle :",
        &format!(
            "{} versés par l'État + {} par l'organisme",
            euros(d, 504.98),
            euros(d, 111.45)
        ),
        tab,
    );
    d.gap(10.0);
    d.para("Le service civique n'est pas un contrat de travail ; il ouvre droit à une protection sociale complète et à la validation de trimestres de retraite.");
    let sx = d.x0 + 250.0;
    sign(
        d,
        sx,
        &tname(&outsider(d, None, (1965, 1995))),
        "Le tuteur / la tutrice",
    );
}

// ---------------------------------------------------------------------------------------------
// France Travail

fn ft_agency(d: &Doc, f: &Foyer) -> (String, Vec<String>) {
    let c = local(d, f);
    (
        format!("France Travail {}", c.nom),
        vec![
            office_street(d),
            format!("{} {}", c.cp, c.nom.to_uppercase()),
        ],
    )
}

/// The registration certificate as a letter.
fn ft_attestation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (_agency, al) = ft_agency(d, f);
    let (name, to) = to_applicant(d, f, p);
    let refs = vec![
        ("Identifiant".to_string(), f.ident_ft.clone()),
        (
            "Votre conseiller".to_string(),
            tname(&outsider(d, None, (1965, 1998))),
        ),
        ("Téléphone".to_string(), "3949".to_string()),
    ];
    let mut ol = vec!["Agence".to_string()];
    ol.extend(al);
    letter_head(
        d,
        false,
        "France Travail",
        &ol,
        &name,
        &to,
        &refs,
        &format!("Le {}", data::d_slash(ago(d, f, 0, 25))),
    );
    title(
        d,
        d.pick(&[
            "Attestation d'inscription",
            "ATTESTATION D'INSCRIPTION SUR LA LISTE DES DEMANDEURS D'EMPLOI",
            "Attestation de situation — inscription",
        ]),
        12.5,
    );
    let inscr = ago(d, f, 40, 900);
    let cat = d.pick(&["1", "1", "2", "3", "4", "5"]);
    d.para(&format!(
        "France Travail certifie que {} {}, {} le {}, est inscrit(e) sur la liste des demandeurs d'emploi depuis le {}, en catégorie {}.",
        p.civilite(),
        full(p),
        p.ne(),
        data::d_slash(p.naissance),
        data::d_slash(inscr),
        cat
    ));
    d.para(d.pick(&[
        "À ce jour, l'intéressé(e) perçoit l'allocation d'aide au retour à l'emploi.",
        "À ce jour, l'intéressé(e) ne perçoit pas d'allocation versée par France Travail.",
        "À ce jour, l'intéressé(e) perçoit l'allocation de solidarité spécifique.",
    ]));
    d.para("Cette attestation est établie à la demande de l'intéressé(e) pour servir et valoir ce que de droit.");
    d.gap(10.0);
    fine(d, "Catégorie 1 : personne sans emploi, tenue d'accomplir des actes positifs de recherche d'emploi, à la recherche d'un emploi en CDI à temps plein. Catégories 2 et 3 : idem, à temps partiel ou à durée déterminée. Catégorie 4 : personne sans emploi, non immédiatement disponible. Catégorie 5 : personne pourvue d'un emploi, à la recherche d'un autre emploi.");
    let sx = d.x0 + 260.0;
    sign(d, sx, "", "Le directeur d'agence");
}

/// The "avis de situation" table.
fn ft_avis_situation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let x0 = d.x0;
    let y0 = d.y;
    mark(d, x0, y0, "France Travail", "");
    let x1 = d.x1;
    d.text_al(x1, y0 + 12.0, Al::Rt, F::SansB, 12.0, "AVIS DE SITUATION");
    d.text_al(
        x1,
        y0 + 24.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("au {}", data::d_slash(f.today)),
    );
    d.y = y0 + 56.0;
    let x = d.x0;
    let w = d.x1 - d.x0;
    let rows = vec![
        vec!["Nom".to_string(), p.nom.clone()],
        vec!["Prénom".to_string(), p.prenom.clone()],
        vec!["Date de naissance".to_string(), data::d_slash(p.naissance)],
        vec!["Adresse".to_string(), f.adresse.one_line()],
        vec!["Identifiant".to_string(), f.ident_ft.clone()],
        vec!["N° de sécurité sociale".to_string(), f.nir.clone()],
    ];
    let s = d.size;
    light_band(d, "Identification");
    d.table(
        x,
        &[w * 0.35, w * 0.65],
        &[Al::L, Al::L],
        &rows,
        s - 0.5,
        false,
        1,
    );
    d.gap(6.0);
    light_band(d, "Inscription");
    let inscr = ago(d, f, 40, 900);
    let rows = vec![
        vec![
            "Date d'inscription".to_string(),
            "Catégorie".to_string(),
            "Motif".to_string(),
            "Situation".to_string(),
        ],
        vec![
            data::d_slash(inscr),
            d.pick(&["1", "2", "3"]).to_string(),
            d.pick(&[
                "Fin de contrat à durée déterminée",
                "Licenciement économique",
                "Fin de mission d'intérim",
                "Première entrée",
                "Reprise d'activité après interruption",
            ])
            .to_string(),
            "Inscrit(e)".to_string(),
        ],
    ];
    d.table(
        x,
        &[w * 0.22, w * 0.14, w * 0.42, w * 0.22],
        &[Al::C, Al::C, Al::L, Al::C],
        &rows,
        s - 0.5,
        true,
        2,
    );
    d.gap(6.0);
    light_band(d, "Indemnisation");
    let aj = cents(f.brut_mensuel * 0.57 / 30.0);
    let rows = vec![
        vec![
            "Allocation".to_string(),
            "Depuis le".to_string(),
            "Montant journalier brut".to_string(),
            "Reliquat".to_string(),
        ],
        vec![
            "ARE".to_string(),
            data::d_slash(inscr + chrono::Duration::days(d.int(7, 40))),
            format!("{} €", data::num(aj)),
            format!("{} jours", d.int(30, 500)),
        ],
    ];
    d.table(
        x,
        &[w * 0.2, w * 0.22, w * 0.32, w * 0.26],
        &[Al::L, Al::C, Al::Rt, Al::Rt],
        &rows,
        s - 0.5,
        true,
        2,
    );
    d.gap(12.0);
    fine(d, "Document édité automatiquement ; il n'est ni signé ni tamponné. Il peut être vérifié auprès de France Travail à l'aide de l'identifiant et du code de contrôle ci-dessous.");
    let code = format!(
        "Code de contrôle : {}-{}-{}",
        d.upper(4),
        d.digits(4),
        d.upper(2)
    );
    d.para(&code);
}

/// The personal space's page "Mes attestations", printed from a phone.
fn ft_espace_print(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1) = (d.x0, d.x1);
    let y = d.y;
    d.fill(x0, y, x1 - x0, 26.0, 45);
    d.text_ink(
        x0 + 8.0,
        y + 17.0,
        F::SansB,
        11.0,
        "France Travail — Mon espace",
        255,
    );
    d.y = y + 40.0;
    let b = d.bold;
    d.line_al(Al::L, b, 14.0, "Attestation d'inscription");
    d.gap(4.0);
    let s = d.size;
    d.line_al(
        Al::L,
        F::Sans,
        s - 1.0,
        &format!(
            "Édité le {} à {:02}h{:02}",
            data::d_slash(f.today),
            d.int(7, 22),
            d.int(0, 59)
        ),
    );
    d.gap(10.0);
    let inscr = ago(d, f, 40, 900);
    d.para(&format!(
        "Je soussigné, le directeur régional de France Travail, atteste que {} {} (identifiant {}) est inscrit(e) comme demandeur d'emploi depuis le {} et l'est toujours à la date d'édition de ce document.",
        p.prenom,
        p.nom,
        f.ident_ft,
        data::d_slash(inscr)
    ));
    let rows = vec![
        (
            "Catégorie".to_string(),
            d.pick(&["1", "2", "3", "4"]).to_string(),
        ),
        ("Date de naissance".to_string(), data::d_slash(p.naissance)),
        ("Adresse".to_string(), f.adresse.one_line()),
    ];
    two_cols(d, &rows);
    d.gap(10.0);
    let yq = d.y;
    datamatrix(d, x0, yq, 54.0);
    let xt = x0 + 66.0;
    d.y = yq;
    col_para(d, xt, x1 - xt, 7.5, "Ce document est authentifié par un code 2D-Doc. Les organismes qui le reçoivent peuvent en vérifier l'origine et l'intégrité à l'aide d'une application de lecture.");
    d.y = yq + 70.0;
    d.text(
        20.0,
        crate::doc::PH - 14.0,
        F::Sans,
        6.5,
        "https://candidat.francetravail.fr/attestations/inscription",
    );
}

// ---------------------------------------------------------------------------------------------
// Transfers

/// An employer's letter confirming a transfer to another site.
fn lettre_mutation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let (name, to) = to_applicant(d, f, p);
    let el = employer_lines(f);
    let target = local(d, f);
    let refs = vec![
        (
            "Réf.".to_string(),
            format!("RH/{}/{}", f.today.year(), d.digits(4)),
        ),
        ("Matricule".to_string(), d.digits(6)),
    ];
    letter_head(
        d,
        false,
        &e.nom,
        &[
            "Direction des ressources humaines".to_string(),
            el[1].clone(),
            el[2].clone(),
        ],
        &name,
        &to,
        &refs,
        &format!("{}, le {}", e.ville, data::d_long(ago(d, f, 5, 60))),
    );
    subject_line(
        d,
        &format!(
            "Objet : confirmation de votre mutation — site de {}",
            target.nom
        ),
    );
    if d.chance(0.6) {
        let s = d.size;
        d.line_al(
            Al::L,
            F::SansB,
            s - 1.0,
            "Lettre recommandée avec accusé de réception",
        );
        d.gap(4.0);
    }
    d.para(&format!("{},", p.civilite()));
    let when = data::add_months(f.today, d.int(1, 4) as i32);
    d.para(&format!(
        "Suite à notre entretien et conformément à la clause de mobilité de votre contrat de travail, nous vous confirmons votre affectation à notre établissement de {} à compter du {}.",
        target.nom,
        data::d_long(when)
    ));
    d.para(&format!(
        "Vous conservez votre qualification de {}, votre ancienneté acquise depuis le {} ainsi que votre rémunération. Les frais de déménagement seront pris en charge selon l'accord d'entreprise sur la mobilité.",
        f.poste.to_lowercase(),
        data::d_slash(f.embauche)
    ));
    d.para("Nous vous invitons à prendre contact avec le service logement d'Action Logement, auquel notre entreprise cotise, pour être accompagné(e) dans votre recherche.");
    d.para("Nous vous prions d'agréer l'expression de nos salutations distinguées.");
    let sx = d.x0 + 260.0;
    sign(
        d,
        sx,
        &tname(&outsider(d, None, (1960, 1990))),
        "La directrice des ressources humaines",
    );
}

/// A ministry's transfer order (teacher, nurse, police officer).
fn arrete_mutation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let (min, corps, dest) = match d.int(0, 2) {
        0 => (
            "Ministère de l'Éducation nationale",
            "professeur des écoles",
            format!(
                "École élémentaire {} — {}",
                d.pick(&["Jules Ferry", "Jean Zay", "Paul Langevin"]),
                c.nom
            ),
        ),
        1 => (
            "Ministère de l'Intérieur",
            "gardien de la paix",
            format!("Commissariat de police {}", data::de(c.nom)),
        ),
        _ => (
            "Ministère des Solidarités et de la Santé",
            "aide-soignant(e) de classe normale",
            format!("Centre hospitalier {}", data::de(c.prefecture)),
        ),
    };
    let x0 = d.x0;
    let y0 = d.y;
    let yb = rf_mark(
        d,
        x0,
        y0,
        &[
            min,
            "Direction des ressources humaines",
            "Bureau des mobilités",
        ],
    );
    d.y = yb + 10.0;
    title(
        d,
        &format!(
            "ARRÊTÉ N° {}-{} PORTANT MUTATION",
            f.today.year(),
            d.digits(4)
        ),
        12.0,
    );
    let blocks = vec![
        pb("Vu le code général de la fonction publique ;"),
        pb("Vu le statut particulier du corps concerné ;"),
        pb("Vu les résultats du mouvement et l'avis des lignes directrices de gestion ;"),
        hb("ARRÊTE"),
        pb(format!(
            "Article 1 — {} {} {}, {}, est muté(e) à {} à compter du {}.",
            p.civilite(),
            p.nom,
            p.prenom,
            corps,
            dest,
            data::d_slash(data::add_months(f.today, d.int(1, 3) as i32))
        )),
        pb("Article 2 — L'intéressé(e) bénéficie, le cas échéant, de la prise en charge des frais de changement de résidence dans les conditions réglementaires."),
        pb("Article 3 — Le présent arrêté peut faire l'objet d'un recours devant le tribunal administratif compétent dans un délai de deux mois à compter de sa notification."),
    ];
    pour(d, &blocks, &[], 0.0, None, 100.0);
    d.para(&format!(
        "Fait à {}, le {}",
        c.prefecture,
        data::d_slash(ago(d, f, 5, 60))
    ));
    let sx = d.x0 + 250.0;
    sign(d, sx, "", "Pour le ministre et par délégation");
    d.gap(8.0);
    fine(d, &format!("Notifié à l'intéressé(e) le ..................  Signature : ..................   Ampliation : dossier individuel — {}", p.nom));
}

/// An amendment to the employment contract changing the place of work.
fn avenant_lieu(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let target = local(d, f);
    let b = d.bold;
    d.line_al(Al::L, b, 10.0, &format!("{} {}", e.nom, e.forme));
    let font = d.font;
    d.line_al(Al::L, font, 8.0, &format!("{} — {}", e.adresse, e.ville));
    d.gap(14.0);
    title(
        d,
        &format!("AVENANT N° {} AU CONTRAT DE TRAVAIL", d.int(1, 4)),
        13.0,
    );
    d.para(&format!(
        "Entre la société {}, représentée par sa direction, et {} {}, salarié(e) depuis le {},",
        e.nom,
        p.civilite(),
        full(p),
        data::d_slash(f.embauche)
    ));
    d.para("il est convenu de modifier comme suit le contrat de travail, les autres clauses demeurant inchangées :");
    d.kv(
        "Objet :",
        "Changement du lieu habituel de travail (mobilité géographique)",
        120.0,
    );
    d.kv(
        "Nouveau lieu :",
        &format!("Établissement de {} ({})", target.nom, target.cp),
        120.0,
    );
    d.kv(
        "Date d'effet :",
        &data::d_slash(data::add_months(f.today, d.int(1, 3) as i32)),
        120.0,
    );
    d.kv(
        "Motif :",
        d.pick(&[
            "ouverture du nouveau site",
            "réorganisation des services",
            "demande du salarié",
            "fermeture de l'établissement actuel",
        ]),
        120.0,
    );
    d.kv(
        "Aide à la mobilité :",
        &euros(d, d.int(800, 3000) as f64),
        120.0,
    );
    d.gap(10.0);
    d.para("Le présent avenant est établi en deux exemplaires, dont un remis au salarié.");
    let y = d.y;
    let x = d.x0;
    sign(d, x, "", "Pour la société");
    d.y = y;
    let x2 = d.x0 + 250.0;
    sign(d, x2, &full(p), "Le salarié, « bon pour accord »");
}
