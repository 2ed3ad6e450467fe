//! Work situation: contrat de travail / attestation employeur (CTRAV), attestation de formation
//! (ATFOR), inscription à France Travail (ATPE), mutation professionnelle (MUTPRO).

use super::{
    date_in, full_name, lieu_date, maybe_footer, org_header, recipient, refs, sign_block, title,
};
use crate::cover::marianne;
use crate::data::{self, add_months, d_long, d_slash, eur, Foyer};
use crate::doc::{Block, Doc, FILL_CONTRACT};

/// Contrat de travail (CDI/CDD, 1–3 pages) or attestation employeur (1 page).
pub(super) fn ctrav(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let ville = e
        .ville
        .split_once(' ')
        .map(|x| x.1)
        .unwrap_or("Paris")
        .to_string();
    let dirigeant = d.person(None, None, (1955, 1990));
    let qualite = d.pick(&[
        "Directeur des ressources humaines",
        "Gérant",
        "Directrice d'établissement",
        "Responsable administratif et financier",
        "Président",
    ]);
    if d.pages == 1 && d.chance(0.55) {
        // attestation employeur
        org_header(
            d,
            &e.nom,
            &[
                e.adresse.clone(),
                e.ville.clone(),
                format!("SIRET {}", e.siret),
            ],
        );
        let t = d.pick(&[
            "ATTESTATION EMPLOYEUR",
            "Attestation de l'employeur",
            "ATTESTATION DE TRAVAIL",
            "Attestation d'emploi",
        ]);
        title(d, t);
        let contrat = d.pick(&[
            "à durée indéterminée",
            "à durée déterminée",
            "à temps partiel (24 h hebdomadaires)",
            "à durée indéterminée à temps plein",
        ]);
        let sig = full_name(d, &dirigeant);
        d.para(&format!(
            "Je soussigné(e) {}, agissant en qualité de {} de la société {}, atteste que {} {} {}, {} le {}, est employé(e) au sein de notre entreprise depuis le {} en qualité de {}, sous contrat de travail {}.",
            sig, qualite.to_lowercase(), e.nom, p.civilite(), p.prenom, p.nom, p.ne(), d_slash(p.naissance),
            d_slash(f.embauche), f.poste.to_lowercase(), contrat
        ));
        if d.chance(0.6) {
            d.para(&format!(
                "Sa rémunération mensuelle brute s'élève à {}.",
                eur(f.brut_mensuel)
            ));
        }
        if d.chance(0.5) {
            d.para("L'intéressé(e) n'est ni en période d'essai, ni en procédure de licenciement ou de démission.");
        }
        d.para("Cette attestation est délivrée à la demande de l'intéressé(e) pour servir et valoir ce que de droit.");
        lieu_date(d, &ville, f.today);
        sign_block(d, &sig, qualite);
        return;
    }
    maybe_footer(d, 0.6, Some("Paraphes : ____ / ____".to_string()));
    let cdd = d.chance(0.4);
    let t = if cdd {
        d.pick(&[
            "CONTRAT DE TRAVAIL À DURÉE DÉTERMINÉE",
            "Contrat à durée déterminée",
        ])
    } else {
        d.pick(&[
            "CONTRAT DE TRAVAIL À DURÉE INDÉTERMINÉE",
            "Contrat de travail à durée indéterminée",
            "CONTRAT DE TRAVAIL",
        ])
    };
    title(d, t);
    d.para("Entre les soussignés :");
    d.para(&format!(
        "La société {} ({}), dont le siège est situé {}, {}, immatriculée sous le numéro SIRET {}, représentée par {} {} en sa qualité de {}, ci-après dénommée « l'employeur »,",
        e.nom, e.forme, e.adresse, e.ville, e.siret, dirigeant.civilite(), dirigeant.nom, qualite.to_lowercase()
    ));
    d.para("d'une part, et");
    d.para(&format!(
        "{} {} {}, {} le {} à {}, de nationalité {}, demeurant {}, immatriculé(e) à la sécurité sociale sous le numéro {}, ci-après dénommé(e) « le salarié »,",
        p.civilite(), p.prenom, p.nom, p.ne(), d_slash(p.naissance), p.lieu_naissance,
        p.nationalite().to_lowercase(), f.adresse.one_line(), f.nir
    ));
    d.para("d'autre part, il a été convenu ce qui suit :");
    let fin = add_months(f.embauche, d.int(3, 18) as i32);
    let hebdo = d.pick(&["35", "35", "28", "24", "39"]);
    let essai = d.pick(&["un mois", "deux mois", "quinze jours", "trois mois"]);
    let mut articles = vec![
        ("Engagement", format!("Le salarié est engagé à compter du {} {}. Le présent contrat est régi par les dispositions du code du travail et de la {}.", d_long(f.embauche), if cdd { format!("jusqu'au {}", d_long(fin)) } else { "pour une durée indéterminée".into() }, e.convention.to_lowercase())),
        ("Fonctions", format!("Le salarié exercera les fonctions de {} (coefficient {}, niveau {}). Ces fonctions pourront évoluer en fonction des nécessités de l'entreprise.", f.poste.to_lowercase(), d.int(120, 350), d.int(1, 5))),
        ("Période d'essai", format!("Le présent contrat ne deviendra définitif qu'à l'issue d'une période d'essai de {essai}, durant laquelle chacune des parties pourra y mettre fin sans indemnité, sous réserve du délai de prévenance légal.")),
        ("Durée du travail", format!("La durée hebdomadaire de travail est fixée à {hebdo} heures, réparties selon le planning remis au salarié. Des heures supplémentaires pourront être demandées dans le respect des dispositions légales.")),
        ("Rémunération", format!("En contrepartie de son travail, le salarié percevra une rémunération mensuelle brute de {}, versée à la fin de chaque mois.", eur(f.brut_mensuel))),
        ("Lieu de travail", format!("Le salarié exercera ses fonctions à {}. Ce lieu de travail pourra être modifié dans le même secteur géographique.", e.ville)),
        ("Congés payés", "Le salarié bénéficiera des congés payés dans les conditions prévues par la loi et la convention collective applicable.".to_string()),
        ("Protection sociale", "Le salarié sera affilié dès son embauche aux régimes de retraite complémentaire et de prévoyance de l'entreprise.".to_string()),
        ("Obligations", "Le salarié s'engage à respecter le règlement intérieur et les consignes de sécurité, ainsi qu'une obligation de discrétion sur les informations dont il aurait connaissance.".to_string()),
    ];
    if cdd {
        articles.insert(1, ("Motif du recours", d.pick(&["Le présent contrat est conclu pour faire face à un accroissement temporaire d'activité.", "Le présent contrat est conclu pour le remplacement d'un salarié absent.", "Le présent contrat est conclu dans le cadre d'un emploi à caractère saisonnier."]).to_string()));
    }
    let style = d.int(0, 2);
    let mut blocks = Vec::new();
    for (i, (h, body)) in articles.into_iter().enumerate() {
        let head = match style {
            0 => format!("Article {} – {}", i + 1, h),
            1 => format!("ARTICLE {} : {}", i + 1, h.to_uppercase()),
            _ => format!("{}. {}", i + 1, h),
        };
        blocks.push(Block::Heading(head));
        blocks.push(Block::Para(body));
    }
    d.flow(&blocks, 0.0, FILL_CONTRACT);
    lieu_date(d, &ville, f.embauche - chrono::Duration::days(d.int(1, 10)));
    let y = d.y;
    let (x0, x1) = (d.x0, d.x1);
    let font = d.font;
    let size = d.size;
    d.text(x0, y + 12.0, font, size, "L'employeur");
    d.text(x1 - 150.0, y + 12.0, font, size, "Le salarié");
    d.text(x1 - 150.0, y + 24.0, font, size - 1.5, "« Lu et approuvé »");
    d.signature(x0 + 10.0, y + 28.0, 110.0, 34.0);
    d.signature(x1 - 140.0, y + 30.0, 110.0, 34.0);
    d.y = y + 70.0;
}

/// Attestation de formation / de stage / certificat de réalisation.
pub(super) fn atfor(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let org = d.pick(&[
        "AFPA",
        "GRETA",
        "Centre de formation",
        "CFA",
        "Institut de formation",
        "École de la deuxième chance",
    ]);
    let name = format!("{} {}", org, c.nom);
    org_header(
        d,
        &name,
        &[
            format!("{} {}", c.cp, c.nom),
            format!("N° de déclaration d'activité : {}", d.digits(11)),
        ],
    );
    let variant = d.int(0, 2);
    let t = match variant {
        0 => d.pick(&[
            "ATTESTATION D'ENTRÉE EN FORMATION",
            "Attestation d'inscription en formation",
        ]),
        1 => "CERTIFICAT DE RÉALISATION",
        _ => d.pick(&[
            "ATTESTATION DE STAGE",
            "Attestation de présence en formation",
        ]),
    };
    title(d, t);
    let formation = d.pick(&[
        "Titre professionnel Agent de propreté et d'hygiène",
        "CAP Accompagnant éducatif petite enfance",
        "Titre professionnel Préparateur de commandes en entrepôt",
        "Formation Assistant(e) de vie aux familles",
        "Remise à niveau - savoirs de base",
        "Titre professionnel Secrétaire assistant",
        "Certificat de qualification professionnelle Agent de prévention et de sécurité",
    ]);
    let debut = date_in(d, add_months(f.today, -8), add_months(f.today, -1));
    let fin = add_months(debut, d.int(3, 10) as i32);
    let heures = d.int(70, 1200);
    let resp = full_name(d, &d.person(None, None, (1960, 1992)));
    match variant {
        1 => {
            d.para(&format!("Je soussigné(e) {}, représentant légal du dispensateur de l'action concourant au développement des compétences {}, atteste que :", resp, name));
            d.kv(
                "Stagiaire :",
                &format!("{} {} {}", p.civilite(), p.prenom, p.nom),
                160.0,
            );
            d.kv("Action :", formation, 160.0);
            d.kv("Nature :", "Action de formation", 160.0);
            d.kv(
                "Période :",
                &format!("du {} au {}", d_slash(debut), d_slash(fin)),
                160.0,
            );
            d.kv("Durée réalisée :", &format!("{heures} heures"), 160.0);
            d.para("Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je m'engage à conserver l'ensemble des pièces justificatives qui ont permis d'établir le présent certificat pendant une durée de 3 ans.");
        }
        _ => {
            d.para(&format!(
                "Nous attestons que {} {} {}, {} le {}, {} la formation « {} » du {} au {}, pour une durée de {} heures.",
                p.civilite(), p.prenom, p.nom, p.ne(), d_slash(p.naissance),
                if variant == 0 { "est inscrit(e) et suit" } else { "a suivi avec assiduité" },
                formation, d_slash(debut), d_slash(fin), heures
            ));
            if d.chance(0.6) {
                let r = d.pick(&[
                    "Rémunération : Région (RFF)",
                    "Rémunération : France Travail (AREF)",
                    "Stagiaire non rémunéré",
                    "Financement : CPF",
                ]);
                d.para(r);
            }
            d.para("Attestation délivrée pour servir et valoir ce que de droit.");
        }
    }
    lieu_date(d, c.nom, f.today);
    sign_block(d, &resp, "Le responsable pédagogique");
}

/// Attestation d'inscription à France Travail / avis de situation.
pub(super) fn atpe(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let ft = d.chance(0.8);
    let org = if ft { "France Travail" } else { "Pôle emploi" };
    org_header(
        d,
        org,
        &[format!("Agence {} ", c.nom), format!("{} {}", c.cp, c.nom)],
    );
    recipient(d, p, f);
    refs(
        d,
        &[
            ("Identifiant :".into(), f.ident_ft.clone()),
            ("Le :".into(), d_slash(f.today)),
        ],
    );
    let variant = d.int(0, 2);
    let t = match variant {
        0 => "ATTESTATION D'INSCRIPTION",
        1 => "Avis de situation",
        _ => "Attestation de demandeur d'emploi",
    };
    title(d, t);
    let insc = date_in(d, add_months(f.today, -30), add_months(f.today, -1));
    let cat = d.pick(&["1", "1", "2", "3", "4", "5"]);
    match variant {
        1 => {
            d.para(&format!(
                "Situation au {} de {} {} {} :",
                d_slash(f.today),
                p.civilite(),
                p.prenom,
                p.nom
            ));
            d.kv("Inscrit(e) depuis le :", &d_slash(insc), 170.0);
            d.kv("Catégorie :", cat, 170.0);
            d.kv(
                "Indemnisation :",
                d.pick(&[
                    "Allocation d'aide au retour à l'emploi",
                    "Allocation de solidarité spécifique",
                    "Non indemnisé(e)",
                ]),
                170.0,
            );
            d.kv(
                "Dernière actualisation :",
                &d_slash(add_months(f.today, -1)),
                170.0,
            );
        }
        _ => {
            d.para(&format!(
                "{} atteste que {} {} {}, {} le {}, identifiant {}, est inscrit(e) sur la liste des demandeurs d'emploi depuis le {}, en catégorie {}.",
                org, p.civilite(), p.prenom, p.nom, p.ne(), d_slash(p.naissance), f.ident_ft, d_slash(insc), cat
            ));
        }
    }
    d.para("Cette attestation est valable à la date de sa délivrance. Vous pouvez obtenir une attestation à jour à tout moment dans votre espace personnel sur francetravail.fr.");
    sign_block(d, "", &format!("Le directeur de l'agence {}", org));
}

/// Justificatif de mutation professionnelle.
pub(super) fn mutpro(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let dest = d.pick(data::COMMUNES);
    let date_eff = date_in(d, add_months(f.today, 1), add_months(f.today, 5));
    let variant = d.int(0, 2);
    match variant {
        0 => {
            // fonction publique: arrêté
            let (x0, top) = (d.x0, d.top);
            let min = d.pick(&[
                "MINISTÈRE DE L'INTÉRIEUR",
                "MINISTÈRE DE L'ÉDUCATION NATIONALE",
                "MINISTÈRE DES ARMÉES",
                "MINISTÈRE DE LA JUSTICE",
            ]);
            let y = marianne(d, x0, top, &[min, "Direction des ressources humaines"]);
            d.y = y + 6.0;
            let t = d.pick(&[
                "ARRÊTÉ portant mutation",
                "ARRÊTÉ N° {n} portant mutation d'un fonctionnaire",
            ]);
            let t = t.replace("{n}", &format!("{}-{}", f.today.format("%Y"), d.digits(4)));
            title(d, &t);
            d.para("Vu la loi n° 83-634 du 13 juillet 1983 modifiée portant droits et obligations des fonctionnaires ;");
            d.para("Vu le code général de la fonction publique ;");
            d.para("Vu l'avis de la commission administrative paritaire compétente ;");
            d.line_b("ARRÊTE");
            d.para(&format!(
                "Article 1er : {} {} {}, {}, est muté(e) à {} à compter du {}.",
                p.civilite(),
                p.prenom,
                p.nom,
                f.poste.to_lowercase(),
                dest.nom,
                d_long(date_eff)
            ));
            d.para("Article 2 : Le présent arrêté sera notifié à l'intéressé(e).");
            lieu_date(d, "Paris", f.today);
            sign_block(d, "", "Pour le ministre et par délégation,");
        }
        _ => {
            let e = &f.employeur;
            org_header(d, &e.nom, &[e.adresse.clone(), e.ville.clone()]);
            recipient(d, p, f);
            let t = if variant == 1 {
                "Objet : mutation professionnelle"
            } else {
                "ATTESTATION DE MUTATION"
            };
            title(d, t);
            d.para(&format!(
                "Nous vous confirmons votre mutation au sein de notre établissement de {} ({}), à compter du {}. Vous y exercerez les fonctions de {} dans les mêmes conditions de rémunération.",
                dest.nom, dest.cp, d_long(date_eff), f.poste.to_lowercase()
            ));
            d.para(&format!(
                "Cette mutation fait suite {} et s'accompagne de la prise en charge de vos frais de déménagement dans les conditions de l'accord d'entreprise.",
                d.pick(&["à votre demande du mois dernier", "à la réorganisation de nos activités", "à la fermeture de notre site {}"]).replace("{}", &data::de(c.nom))
            ));
            d.para("Nous vous prions d'agréer l'expression de nos salutations distinguées.");
            let who = full_name(d, &d.person(None, None, (1960, 1990)));
            sign_block(d, &who, "La direction des ressources humaines");
        }
    }
}
