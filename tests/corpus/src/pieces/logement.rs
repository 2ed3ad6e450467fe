//! Current housing: quittance (JUSTL), bail (BAIL), attestation d'hébergement (HEBERG),
//! expulsion (EXPUL), logement indécent (INDEC).

use chrono::Datelike;

use super::{
    date_in, full_name, lieu_date, maybe_footer, org_header, recipient, refs, sign_block, title,
};
use crate::cover::marianne;
use crate::data::{self, add_months, d_long, d_slash, eur, mois_annee, num, titlecase, Foyer};
use crate::doc::{Al, Block, Doc, FILL_CONTRACT, FILL_LEGAL, FILL_VISITE};

fn loyer(d: &mut Doc) -> (f64, f64) {
    let l = d.int(280, 950) as f64 + d.int(0, 99) as f64 / 100.0;
    let c = d.int(20, 180) as f64 + d.int(0, 99) as f64 / 100.0;
    (l, c)
}

/// Quittance de loyer / avis d'échéance.
pub(super) fn justl(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (l, ch) = loyer(d);
    let mo = add_months(f.today, -(d.int(0, 2) as i32));
    let variant = d.int(0, 2);
    match variant {
        0 => {
            // social landlord avis d'échéance
            let b = format!(
                "{} {}",
                d.pick(&["Logis", "Habitat", "Foyer", "Résidences"]),
                f.adresse.commune.nom
            );
            org_header(
                d,
                &b,
                &[
                    "Service clientèle".into(),
                    format!("Tél. {}", super::phone(d)),
                ],
            );
            recipient(d, p, f);
            refs(
                d,
                &[
                    ("Référence locataire :".into(), d.digits(9)),
                    (
                        "Logement :".into(),
                        format!("{} - {}", d.digits(5), f.adresse.ligne),
                    ),
                ],
            );
            let t = d.pick(&[
                "AVIS D'ÉCHÉANCE",
                "QUITTANCE",
                "Avis d'échéance valant quittance",
            ]);
            title(d, &format!("{} - {}", t, mois_annee(mo).to_uppercase()));
            let apl = if d.chance(0.6) {
                d.real(80.0, 330.0) as f64
            } else {
                0.0
            };
            let mut rows = vec![
                vec!["Libellé".into(), "Montant".into()],
                vec!["Loyer principal".into(), num(l)],
                vec!["Provision pour charges".into(), num(ch)],
            ];
            if d.chance(0.5) {
                rows.push(vec!["Supplément de loyer de solidarité".into(), num(0.0)]);
            }
            if apl > 0.0 {
                rows.push(vec!["APL versée par la CAF".into(), num(-apl)]);
            }
            rows.push(vec!["TOTAL À PAYER".into(), num(l + ch - apl)]);
            let w = d.x1 - d.x0;
            let (x0, size) = (d.x0, d.size);
            d.table(
                x0,
                &[w * 0.7, w * 0.3],
                &[Al::L, Al::Rt],
                &rows,
                size,
                true,
                2,
            );
            d.para(&format!("Montant à régler avant le {}. Prélèvement automatique le 5 du mois si vous avez opté pour ce mode de paiement.", d_slash(data::ymd(mo.year(), mo.month(), 10))));
            if d.chance(0.5) {
                d.para("Quittance : le bailleur reconnaît avoir reçu la somme ci-dessus pour solde du terme indiqué, sous réserve d'encaissement.");
            }
        }
        1 => {
            // private landlord
            let bailleur = d.person(None, None, (1945, 1980));
            let t = d.pick(&["QUITTANCE DE LOYER", "Quittance de loyer", "QUITTANCE"]);
            title(d, t);
            d.para(&format!("Quittance de loyer du mois de {}", mois_annee(mo)));
            let bl = format!(
                "{} {} {}",
                bailleur.civilite(),
                bailleur.prenom,
                bailleur.nom
            );
            d.kv("Bailleur :", &bl, 110.0);
            d.kv(
                "Locataire :",
                &format!("{} {} {}", p.civilite(), p.prenom, p.nom),
                110.0,
            );
            d.kv("Adresse du logement :", &f.adresse.one_line(), 130.0);
            d.gap(8.0);
            d.para(&format!(
                "Je soussigné(e) {}, propriétaire du logement désigné ci-dessus, déclare avoir reçu de {} {} {} la somme de {} au titre du paiement du loyer et des charges pour la période du {} au {}, et lui en donne quittance, sous réserve de tous mes droits.",
                bl, p.civilite(), p.prenom, p.nom, eur(l + ch),
                d_slash(data::ymd(mo.year(), mo.month(), 1)),
                d_slash(add_months(data::ymd(mo.year(), mo.month(), 1), 1) - chrono::Duration::days(1))
            ));
            d.kv("Loyer :", &eur(l), 110.0);
            d.kv("Charges :", &eur(ch), 110.0);
            d.kv("Total :", &eur(l + ch), 110.0);
            let ville = f.adresse.commune.nom;
            lieu_date(
                d,
                ville,
                data::ymd(mo.year(), mo.month(), d.int(1, 10) as u32),
            );
            sign_block(d, &bl, "Le bailleur");
        }
        _ => {
            // agency
            let agence = format!(
                "{} Immobilier",
                d.pick(&[
                    "Century",
                    "Square Habitat",
                    "Agence du Centre",
                    "Cabinet Foncia",
                    "Laforêt",
                    "Orpi"
                ])
                .replace("Cabinet Foncia", "Gestion Lafon")
            );
            org_header(
                d,
                &agence,
                &[
                    "Administration de biens - Gestion locative".into(),
                    format!("Carte professionnelle CPI {}", d.digits(16)),
                ],
            );
            recipient(d, p, f);
            let t = format!("AVIS D'ÉCHÉANCE / QUITTANCE - Période : {}", mois_annee(mo));
            title(d, &t);
            let rows = vec![
                vec![
                    "Date".into(),
                    "Libellé".into(),
                    "Débit".into(),
                    "Crédit".into(),
                ],
                vec![
                    d_slash(data::ymd(mo.year(), mo.month(), 1)),
                    "Loyer".into(),
                    num(l),
                    String::new(),
                ],
                vec![
                    d_slash(data::ymd(mo.year(), mo.month(), 1)),
                    "Provisions sur charges".into(),
                    num(ch),
                    String::new(),
                ],
                vec![
                    d_slash(data::ymd(mo.year(), mo.month(), 6)),
                    "Règlement - virement".into(),
                    String::new(),
                    num(l + ch),
                ],
                vec![String::new(), "Solde".into(), String::new(), "0,00".into()],
            ];
            let w = d.x1 - d.x0;
            let (x0, size) = (d.x0, d.size);
            d.table(
                x0,
                &[w * 0.2, w * 0.44, w * 0.18, w * 0.18],
                &[Al::L, Al::L, Al::Rt, Al::Rt],
                &rows,
                size,
                true,
                1,
            );
            d.para("Pour acquit, sous réserve d'encaissement. La présente quittance annule tous les reçus qui auraient pu être donnés pour acompte sur le présent terme.");
        }
    }
}

/// Contrat de location (2–3 pages).
pub(super) fn bail(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let bailleur = d.person(None, None, (1945, 1980));
    let (l, ch) = loyer(d);
    let debut = date_in(d, data::ymd(2012, 1, 1), add_months(f.today, -3));
    let surface = d.int(18, 85);
    let pieces = d.int(1, 4);
    maybe_footer(
        d,
        0.65,
        Some(
            d.pick(&[
                "Paraphes",
                "Bail d'habitation",
                "Contrat type - loi du 6 juillet 1989",
            ])
            .to_string(),
        ),
    );
    let t = d.pick(&[
        "CONTRAT DE LOCATION",
        "BAIL D'HABITATION",
        "Contrat de location - Logement nu",
        "CONTRAT DE BAIL - LOCAUX VIDES À USAGE D'HABITATION",
    ]);
    title(d, t);
    let sub = "(Soumis au titre Ier bis de la loi n° 89-462 du 6 juillet 1989 tendant à améliorer les rapports locatifs)";
    let font = d.font;
    let sz = d.size - 1.0;
    d.line_al(Al::C, font, sz, sub);
    d.gap(8.0);
    let style = d.int(0, 1);
    let head = |i: usize, s: &str| {
        let roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
        if style == 0 {
            format!("{}. {}", roman[i], s)
        } else {
            format!("ARTICLE {} - {}", i + 1, s.to_uppercase())
        }
    };
    let ville = f.adresse.commune.nom;
    let blocks = vec![
        Block::Heading(head(0, "Désignation des parties")),
        Block::Para(format!("Le présent contrat est conclu entre les soussignés : {} {} {}, demeurant {}, désigné(e) ci-après « le bailleur » ;", bailleur.civilite(), bailleur.prenom, bailleur.nom, d.address(None).one_line())),
        Block::Para(format!("et {} {} {}, {} le {}, désigné(e) ci-après « le locataire ».", p.civilite(), p.prenom, p.nom, p.ne(), d_slash(p.naissance))),
        Block::Heading(head(1, "Objet du contrat")),
        Block::Para(format!("Le présent contrat a pour objet la location d'un logement situé {}. Type d'habitat : immeuble collectif. Surface habitable : {} m². Nombre de pièces principales : {}.", f.adresse.one_line(), surface, pieces)),
        Block::Para("Équipements : cuisine équipée, chauffage individuel au gaz, eau chaude collective. Annexes : cave n° 12.".into()),
        Block::Heading(head(2, "Date de prise d'effet et durée du contrat")),
        Block::Para(format!("Le contrat prend effet le {} pour une durée de {} ans, renouvelable par tacite reconduction.", d_long(debut), d.pick(&["trois", "trois", "six"]))),
        Block::Heading(head(3, "Conditions financières")),
        Block::Kv("Loyer mensuel hors charges :".into(), eur(l)),
        Block::Kv("Provision sur charges :".into(), eur(ch)),
        Block::Para("Le loyer est payable mensuellement et d'avance, le 1er de chaque mois. Il sera révisé chaque année à la date anniversaire du contrat en fonction de l'indice de référence des loyers publié par l'INSEE.".into()),
        Block::Heading(head(4, "Garanties")),
        Block::Para(format!("Un dépôt de garantie d'un montant de {} est versé à la signature du présent contrat. Il sera restitué dans un délai maximal de deux mois à compter de la remise des clés.", eur(l))),
        Block::Heading(head(5, "Clause de solidarité et clause résolutoire")),
        Block::Para("Le présent contrat sera résilié de plein droit deux mois après un commandement de payer demeuré infructueux, à défaut de paiement du loyer ou des charges aux termes convenus, ou de versement du dépôt de garantie.".into()),
        Block::Heading(head(6, "Annexes")),
        Block::Para("Sont annexés au présent contrat : le dossier de diagnostic technique, la notice d'information, l'état des lieux d'entrée, l'acte de cautionnement le cas échéant.".into()),
    ];
    d.flow(&blocks, 200.0, FILL_CONTRACT);
    lieu_date(d, ville, debut - chrono::Duration::days(d.int(1, 15)));
    let y = d.y;
    let (x0, x1) = (d.x0, d.x1);
    let size = d.size;
    d.text(x0, y + 12.0, font, size, "Le bailleur");
    d.text(x1 - 160.0, y + 12.0, font, size, "Le(s) locataire(s)");
    d.text(
        x0,
        y + 24.0,
        font,
        size - 1.5,
        "Signature précédée de « lu et approuvé »",
    );
    d.signature(x0 + 10.0, y + 30.0, 110.0, 32.0);
    d.signature(x1 - 150.0, y + 30.0, 110.0, 32.0);
    d.y = y + 70.0;
}

/// Attestation d'hébergement.
pub(super) fn heberg(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let variant = d.int(0, 2);
    let since = date_in(d, data::ymd(2015, 1, 1), add_months(f.today, -2));
    match variant {
        0 | 1 => {
            let h = d.person(None, None, (1950, 1995));
            let t = d.pick(&[
                "ATTESTATION D'HÉBERGEMENT",
                "Attestation d'hébergement",
                "ATTESTATION SUR L'HONNEUR D'HÉBERGEMENT",
            ]);
            d.gap(30.0);
            title(d, t);
            d.gap(10.0);
            let lien = d.pick(&[
                "",
                "ma sœur",
                "mon frère",
                "mon cousin",
                "une amie",
                "ma fille",
                "mon fils",
                "un ami",
            ]);
            let lien = if lien.is_empty() {
                String::new()
            } else {
                format!(" ({lien})")
            };
            d.para(&format!(
                "Je soussigné(e) {} {} {}, {} le {} à {}, demeurant {}, atteste sur l'honneur héberger à mon domicile {} {} {}{}, {} le {}, depuis le {}.",
                h.civilite(), h.prenom, h.nom, h.ne(), d_slash(h.naissance), h.lieu_naissance, f.adresse.one_line(),
                p.civilite(), p.prenom, p.nom, lien, p.ne(), d_slash(p.naissance), d_slash(since)
            ));
            if variant == 1 {
                let n = f.enfants.len();
                if n > 0 {
                    d.para(&format!(
                        "{} est hébergé(e) avec {} enfant(s).",
                        p.prenom, n
                    ));
                }
                d.para(d.pick(&[
                    "L'hébergement est consenti à titre gratuit.",
                    "L'intéressé(e) participe aux charges à hauteur de 150 € par mois.",
                    "Cet hébergement est provisoire, dans l'attente d'un logement.",
                ]));
            }
            d.para("Je joins à la présente attestation une copie de ma pièce d'identité et un justificatif de domicile à mon nom.");
            d.para("Fait pour servir et valoir ce que de droit. J'ai connaissance des sanctions prévues à l'article 441-7 du code pénal en cas de fausse attestation.");
            lieu_date(d, f.adresse.commune.nom, f.today);
            let who = format!("{} {}", h.prenom, h.nom);
            sign_block(d, &who, "Signature de l'hébergeant");
        }
        _ => {
            let c = f.adresse.commune;
            let s = d.pick(&[
                "CHRS",
                "Résidence sociale",
                "Centre d'hébergement d'urgence",
                "Foyer de jeunes travailleurs",
            ]);
            let name = format!(
                "{} {}",
                s,
                d.pick(&[
                    "Les Peupliers",
                    "L'Escale",
                    "Le Relais",
                    "Saint-Martin",
                    "La Passerelle"
                ])
            );
            org_header(
                d,
                &name,
                &[
                    format!("{} {}", c.cp, c.nom),
                    "Association gestionnaire agréée".into(),
                ],
            );
            title(d, "ATTESTATION D'HÉBERGEMENT");
            let who = full_name(d, &d.person(None, None, (1960, 1990)));
            d.para(&format!(
                "Je soussigné(e) {}, directeur(trice) de l'établissement, certifie que {} {} {}, {} le {}, est hébergé(e) dans notre structure depuis le {}{}.",
                who, p.civilite(), p.prenom, p.nom, p.ne(), d_slash(p.naissance), d_slash(since),
                if f.enfants.is_empty() { String::new() } else { format!(" avec {} enfant(s)", f.enfants.len()) }
            ));
            d.para("La durée de séjour étant limitée, l'intéressé(e) est activement à la recherche d'un logement autonome et bénéficie d'un accompagnement social.");
            lieu_date(d, c.nom, f.today);
            sign_block(d, &who, "Le directeur");
        }
    }
}

/// Commandement de quitter les lieux or jugement d'expulsion.
pub(super) fn expul(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let bailleur = format!("{} Habitat", c.nom);
    let variant = d.int(0, 2);
    maybe_footer(d, 0.6, None);
    let dette = d.real(1200.0, 9800.0) as f64;
    let jugement = date_in(d, add_months(f.today, -10), add_months(f.today, -2));
    let blocks: Vec<Block>;
    if variant == 0 {
        let etude = format!("SELARL {} & Associés", titlecase(d.pick(data::NOMS)));
        org_header(
            d,
            &etude,
            &[
                "Commissaires de justice associés".into(),
                format!("{} {}", c.cp, c.nom),
            ],
        );
        let t = d.pick(&[
            "COMMANDEMENT DE QUITTER LES LIEUX",
            "Commandement d'avoir à libérer les locaux",
        ]);
        title(d, t);
        let an = d_long(f.today);
        blocks = vec![
            Block::Para(format!("L'an {}, à la requête de {}, office public de l'habitat, agissant poursuites et diligences de son représentant légal,", an, bailleur)),
            Block::Para(format!("Nous, commissaire de justice soussigné, avons signifié à {} {} {}, demeurant {},", p.civilite(), p.prenom, p.nom, f.adresse.one_line())),
            Block::Para(format!("la grosse d'un jugement rendu par le juge des contentieux de la protection du tribunal judiciaire {} en date du {}, ayant constaté la résiliation du bail et ordonné l'expulsion.", data::de(c.prefecture), d_long(jugement))),
            Block::Heading("ET DE MÊME SUITE, COMMANDEMENT LUI EST FAIT".into()),
            Block::Para("d'avoir à libérer les lieux qu'il occupe dans un délai de DEUX MOIS à compter de la signification du présent acte, faute de quoi il pourra y être contraint par la force publique, conformément aux articles L. 411-1 et L. 412-1 du code des procédures civiles d'exécution.".into()),
            Block::Para("Le délai de deux mois ne s'applique pas pendant la période hivernale, du 1er novembre au 31 mars de l'année suivante.".into()),
            Block::Para("Vous pouvez saisir le juge de l'exécution afin de solliciter des délais. Vous pouvez également saisir la commission de médiation en vue d'une demande de relogement au titre du droit au logement opposable.".into()),
            Block::Kv("Coût de l'acte :".into(), eur(d.real(90.0, 180.0) as f64)),
        ];
    } else {
        let t = if variant == 1 {
            "JUGEMENT"
        } else {
            "ORDONNANCE DE RÉFÉRÉ"
        };
        let (x0, top) = (d.x0, d.top);
        let trib = format!(
            "TRIBUNAL JUDICIAIRE {}",
            data::de(c.prefecture).to_uppercase()
        );
        let y = marianne(
            d,
            x0,
            top,
            &[&trib, "Pôle de la protection et de la proximité"],
        );
        d.y = y + 4.0;
        refs(
            d,
            &[
                (
                    "N° RG :".into(),
                    format!("{}/{}", 20 + d.int(19, 25), d.digits(5)),
                ),
                ("Minute n° :".into(), d.digits(4)),
            ],
        );
        title(d, t);
        blocks = vec![
            Block::Kv("DEMANDEUR :".into(), bailleur.clone()),
            Block::Kv("DÉFENDEUR :".into(), format!("{} {} {}", p.civilite(), p.nom, p.prenom)),
            Block::Para(format!("Par acte du {}, le bailleur a fait assigner le défendeur aux fins de voir constater l'acquisition de la clause résolutoire du bail et ordonner son expulsion, ainsi que sa condamnation au paiement d'une somme de {} au titre de l'arriéré locatif.", d_long(add_months(jugement, -3)), eur(dette))),
            Block::Heading("PAR CES MOTIFS".into()),
            Block::Para("Le tribunal, statuant publiquement, par jugement contradictoire et en premier ressort,".into()),
            Block::Para("CONSTATE l'acquisition de la clause résolutoire du bail ;".into()),
            Block::Para(format!("ORDONNE, à défaut de départ volontaire, l'expulsion de {} {} et de tous occupants de son chef des lieux situés {}, avec le concours de la force publique si besoin ;", p.civilite(), p.nom, f.adresse.one_line())),
            Block::Para(format!("CONDAMNE le défendeur à payer la somme de {} ainsi qu'une indemnité d'occupation mensuelle égale au montant du loyer et des charges ;", eur(dette))),
            Block::Para("RAPPELLE que la présente décision est exécutoire à titre provisoire.".into()),
            Block::Para(format!("Ainsi jugé et prononcé le {}.", d_long(jugement))),
        ];
    }
    d.flow(&blocks, 150.0, FILL_LEGAL);
    sign_block(
        d,
        "",
        if variant == 0 {
            "Le commissaire de justice"
        } else {
            "Le greffier                     Le juge"
        },
    );
}

/// Constat de logement indécent ou insalubre.
pub(super) fn indec(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let variant = d.int(0, 2);
    maybe_footer(d, 0.5, None);
    let visite = date_in(d, add_months(f.today, -4), f.today);
    let desordres = [
        "Présence d'humidité et de moisissures dans la chambre et la salle d'eau",
        "Installation électrique dangereuse (fils dénudés, absence de prise de terre)",
        "Absence de dispositif de ventilation dans la pièce principale",
        "Fenêtres ne fermant pas, infiltrations d'air et d'eau",
        "Chauffage insuffisant ou inexistant",
        "Présence de nuisibles (cafards, rongeurs)",
        "Revêtements muraux dégradés, risque de plomb",
        "Surface habitable inférieure à 9 m²",
    ];
    let mut list = Vec::new();
    for _ in 0..d.int(3, 6) {
        let x = d.pick(&desordres);
        if !list.contains(&x) {
            list.push(x);
        }
    }
    match variant {
        0 => {
            let name = format!("Ville {}", data::de(c.nom));
            org_header(
                d,
                &name,
                &[
                    "Service communal d'hygiène et de santé".into(),
                    format!("{} {}", c.cp, c.nom),
                ],
            );
            title(
                d,
                d.pick(&[
                    "RAPPORT DE VISITE",
                    "CONSTAT DE NON-DÉCENCE",
                    "Rapport d'enquête - Habitat indigne",
                ]),
            );
        }
        1 => {
            let name = format!("Caf {}", data::dep_de(c.dep_nom));
            org_header(
                d,
                &name,
                &["Pôle logement décent".into(), "Opérateur : SOLIHA".into()],
            );
            title(d, "CONSTAT DE LOGEMENT NON DÉCENT");
        }
        _ => {
            let (x0, top) = (d.x0, d.top);
            let pref = format!("PRÉFET {}", data::dep_de(c.dep_nom).to_uppercase());
            let y = marianne(d, x0, top, &[&pref, "Agence régionale de santé"]);
            d.y = y + 6.0;
            title(
                d,
                d.pick(&[
                    "ARRÊTÉ DE MISE EN SÉCURITÉ - INSALUBRITÉ",
                    "Arrêté préfectoral portant traitement de l'insalubrité",
                ]),
            );
        }
    }
    let mut blocks = vec![
        Block::Kv("Adresse du logement :".into(), f.adresse.one_line()),
        Block::Kv("Occupant :".into(), format!("{} {} {}", p.civilite(), p.prenom, p.nom)),
        Block::Kv("Date de la visite :".into(), d_slash(visite)),
        Block::Para(format!("Suite au signalement de l'occupant, une visite du logement a été effectuée le {} en présence de l'occupant. Les désordres suivants ont été constatés :", d_long(visite))),
    ];
    for x in list {
        blocks.push(Block::Para(format!("- {x} ;")));
    }
    blocks.push(Block::Para("Au regard du décret n° 2002-120 du 30 janvier 2002 relatif aux caractéristiques du logement décent, le logement ne répond pas aux critères de décence.".into()));
    blocks.push(Block::Para("Le propriétaire est mis en demeure de réaliser les travaux nécessaires dans un délai de trois mois. Une copie du présent constat est adressée à l'occupant et au propriétaire.".into()));
    d.flow(&blocks, 160.0, FILL_VISITE);
    lieu_date(d, c.nom, f.today);
    let who = full_name(d, &d.person(None, None, (1960, 1992)));
    sign_block(d, &who, "L'inspecteur de salubrité");
}
