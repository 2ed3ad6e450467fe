//! Family, judicial, health and internal documents: grossesse (GROS), garde (JUGG), divorce
//! (DIVOR), plainte / ordonnance de protection (VIOL), certificat médical (CERTMED), décision
//! MDPH (MDPH), note interne (NOTE).

use super::{
    date_in, doctor, full_name, lieu_date, maybe_footer, org_header, phone, refs, sign_block, title,
};
use crate::cover::marianne;
use crate::data::{self, add_months, d_long, d_slash, Foyer, Person, Sexe};
use crate::doc::{Al, Block, Doc, FILL_ADMIN, FILL_LEGAL, FILL_POLICE};

fn the_woman(f: &Foyer) -> &Person {
    if f.demandeur.sexe == Sexe::F {
        &f.demandeur
    } else {
        f.conjoint.as_ref().unwrap_or(&f.demandeur)
    }
}

fn other_parent(d: &mut Doc, f: &Foyer) -> Person {
    let p = &f.demandeur;
    let sexe = if p.sexe == Sexe::F { Sexe::M } else { Sexe::F };
    match &f.conjoint {
        Some(c) if d.chance(0.3) => c.clone(),
        _ => d.person(None, Some(sexe), (1965, 2000)),
    }
}

fn medical_header(d: &mut Doc, f: &Foyer) -> String {
    let c = f.adresse.commune;
    let dr = doctor(d);
    let spec = d.pick(&[
        "Médecine générale",
        "Gynécologie-obstétrique",
        "Médecin généraliste",
        "Psychiatrie",
        "Pneumologie",
        "Sage-femme",
    ]);
    match d.int(0, 2) {
        0 => {
            let name = format!("Docteur {dr}");
            let rpps = d.digits(11);
            org_header(
                d,
                &name,
                &[
                    spec.to_string(),
                    format!("{} - {} {}", d.pick(data::VOIES), c.cp, c.nom),
                    format!("Tél. {} - RPPS {}", phone(d), rpps),
                ],
            );
        }
        1 => {
            let name = format!("Centre hospitalier {}", data::de(c.nom));
            let svc = d.pick(&[
                "Service de maternité",
                "Service de médecine interne",
                "Consultations externes",
                "Service des urgences",
            ]);
            org_header(d, &name, &[svc.to_string(), format!("{} {}", c.cp, c.nom)]);
        }
        _ => {
            let name = format!(
                "Cabinet médical {}",
                d.pick(&[
                    "du Parc",
                    "des Lilas",
                    "Pasteur",
                    "de la Gare",
                    "Saint-Jean"
                ])
            );
            org_header(
                d,
                &name,
                &[format!("Dr {dr} - {spec}"), format!("{} {}", c.cp, c.nom)],
            );
        }
    }
    dr
}

/// Certificat / déclaration de grossesse.
pub(super) fn gros(d: &mut Doc, f: &Foyer) {
    let w = the_woman(f);
    d.subject = Some(w.clone());
    let variant = d.int(0, 2);
    let dpa = date_in(d, add_months(f.today, 1), add_months(f.today, 7));
    let sa = d.int(8, 32);
    if variant == 2 {
        let c = f.adresse.commune;
        let name = format!("Assurance Maladie - CPAM {}", data::dep_de(c.dep_nom));
        org_header(d, &name, &["www.ameli.fr".into(), "3646".into()]);
        super::recipient(d, w, f);
        title(d, "Votre déclaration de grossesse a bien été enregistrée");
        d.para(&format!(
            "{}, nous avons bien reçu la déclaration de grossesse transmise par votre médecin ou votre sage-femme. La date présumée de début de grossesse est le {}.",
            w.civilite(),
            d_slash(add_months(dpa, -9))
        ));
        d.para("Vous bénéficiez désormais de la prise en charge à 100 % des examens obligatoires liés à votre grossesse, dans les conditions prévues par la réglementation.");
        d.para(&format!("Date présumée d'accouchement : {}", d_long(dpa)));
        sign_block(d, "", "Votre conseiller Assurance Maladie");
        return;
    }
    let dr = medical_header(d, f);
    let t = if variant == 0 {
        d.pick(&[
            "CERTIFICAT MÉDICAL DE GROSSESSE",
            "Certificat de grossesse",
            "CERTIFICAT DE GROSSESSE",
        ])
    } else {
        "ATTESTATION DE GROSSESSE"
    };
    title(d, t);
    d.para(&format!(
        "Je soussigné(e), Dr {}, certifie que {} {} {}, {} le {}, est enceinte de {} semaines d'aménorrhée à la date de ce jour.",
        dr, w.civilite(), w.prenom, w.nom, w.ne(), d_slash(w.naissance), sa
    ));
    d.para(&format!(
        "La date présumée de l'accouchement est fixée au {}.",
        d_slash(dpa)
    ));
    if d.chance(0.5) {
        d.para(d.pick(&[
            "Grossesse gémellaire.",
            "Grossesse se déroulant normalement.",
            "Grossesse à surveiller : repos conseillé.",
        ]));
    }
    d.para("Certificat établi à la demande de l'intéressée et remis en main propre pour faire valoir ce que de droit.");
    lieu_date(d, f.adresse.commune.nom, f.today);
    sign_block(d, &format!("Dr {dr}"), "");
}

fn tribunal_header(d: &mut Doc, f: &Foyer, chamber: &str) {
    let c = f.adresse.commune;
    let (x0, top) = (d.x0, d.top);
    let trib = format!(
        "TRIBUNAL JUDICIAIRE {}",
        data::de(c.prefecture).to_uppercase()
    );
    let y = if d.chance(0.6) {
        marianne(d, x0, top, &[&trib, chamber])
    } else {
        let b = d.bold;
        d.text(x0, top + 12.0, b, 12.0, "COUR D'APPEL");
        d.text(x0, top + 28.0, b, 11.0, &trib);
        let font = d.font;
        d.text(x0, top + 42.0, font, 9.5, chamber);
        top + 58.0
    };
    d.y = y + 4.0;
    let rg = format!("{}/{}", d.int(19, 25) + 2000, d.digits(5));
    let nac = d.pick(&["20J", "20E", "22A", "27B", "24A"]);
    refs(
        d,
        &[
            ("N° RG :".into(), rg),
            (
                "N° Portalis :".into(),
                format!("DB{}-W-B7H-{}", d.upper(2), d.upper(4)),
            ),
            ("Nature de l'affaire :".into(), nac.to_string()),
        ],
    );
}

/// Jugement fixant la garde ou le droit de visite (1–3 pages).
pub(super) fn jugg(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let other = other_parent(d, f);
    maybe_footer(d, 0.6, Some("Copie certifiée conforme".into()));
    tribunal_header(d, f, "Juge aux affaires familiales");
    let t = d.pick(&[
        "JUGEMENT",
        "JUGEMENT DU JUGE AUX AFFAIRES FAMILIALES",
        "ORDONNANCE",
        "Jugement - Autorité parentale",
    ]);
    title(d, t);
    let date = date_in(d, add_months(f.today, -30), add_months(f.today, -1));
    let kids: Vec<String> = if f.enfants.is_empty() {
        vec![format!("{} {}", d.pick(data::PRENOMS_F), p.nom)]
    } else {
        f.enfants
            .iter()
            .map(|e| {
                format!(
                    "{} {}, {} le {}",
                    e.prenom,
                    e.nom,
                    e.ne(),
                    d_slash(e.naissance)
                )
            })
            .collect()
    };
    let res = if d.chance(0.75) {
        (p, &other)
    } else {
        (&other, p)
    };
    let pension = data::eur(d.int(80, 350) as f64);
    if d.chance(0.33) {
        // summary form of the decision (extrait des minutes)
        d.kv("Audience du :", &d_long(date), 130.0);
        d.kv(
            "Entre :",
            &format!("{} {} {}", p.civilite(), p.nom, p.prenom),
            130.0,
        );
        d.kv(
            "Et :",
            &format!("{} {} {}", other.civilite(), other.nom, other.prenom),
            130.0,
        );
        d.kv("Enfant(s) concerné(s) :", &kids.join(" ; "), 130.0);
        d.gap(8.0);
        let b = d.bold;
        d.line_al(Al::L, b, d.size + 0.5, "DÉCISION");
        let rows = vec![
            vec![
                "Autorité parentale".to_string(),
                "Exercice conjoint".to_string(),
            ],
            vec![
                "Résidence habituelle".to_string(),
                format!("Chez {} {}", res.0.civ_court(), res.0.nom),
            ],
            vec![
                "Droit de visite et d'hébergement".to_string(),
                d.pick(&[
                    "Classique (1re, 3e, 5e fins de semaine, moitié des vacances)",
                    "Élargi (une semaine sur deux)",
                    "Libre, à défaut d'accord : classique",
                    "En lieu neutre (espace de rencontre)",
                ])
                .to_string(),
            ],
            vec![
                "Contribution à l'entretien".to_string(),
                format!("{pension} par mois et par enfant, indexée"),
            ],
            vec!["Exécution provisoire".to_string(), "De droit".to_string()],
        ];
        let w = d.x1 - d.x0;
        let (x0, size) = (d.x0, d.size);
        d.table(
            x0,
            &[w * 0.38, w * 0.62],
            &[Al::L, Al::L],
            &rows,
            size,
            false,
            2,
        );
        let blocks = vec![Block::Para(
            "Pour extrait certifié conforme aux minutes du greffe.".into(),
        )];
        d.flow(&blocks, 110.0, FILL_LEGAL);
        sign_block(d, "", "Le greffier");
        return;
    }
    let mut blocks = vec![
        Block::Kv("Date :".into(), d_long(date)),
        Block::Kv("DEMANDEUR :".into(), format!("{} {} {}", p.civilite(), p.nom, p.prenom)),
        Block::Kv("DÉFENDEUR :".into(), format!("{} {} {}", other.civilite(), other.nom, other.prenom)),
        Block::Para(format!("Vu la requête déposée le {} ; vu les pièces versées aux débats ; après avoir entendu les parties en chambre du conseil ;", d_slash(add_months(date, -4)))),
        Block::Heading("EXPOSÉ DU LITIGE".into()),
        Block::Para(format!("De la relation entre les parties est né(e) : {}. Les parents sont séparés. Le demandeur sollicite la fixation de la résidence habituelle de l'enfant à son domicile et l'organisation du droit de visite et d'hébergement de l'autre parent.", kids.join(" ; "))),
        Block::Heading("MOTIFS".into()),
        Block::Para("Il ressort des éléments du dossier que l'intérêt de l'enfant commande de fixer sa résidence chez le parent qui en assure la prise en charge quotidienne depuis la séparation, l'autre parent bénéficiant d'un droit de visite et d'hébergement classique.".into()),
        Block::Heading("PAR CES MOTIFS".into()),
        Block::Para("Le juge aux affaires familiales, statuant publiquement, par jugement contradictoire et en premier ressort,".into()),
        Block::Para("DIT que l'autorité parentale est exercée en commun par les deux parents ;".into()),
        Block::Para(format!("FIXE la résidence habituelle de l'enfant au domicile de {} {} {} ;", res.0.civilite(), res.0.prenom, res.0.nom)),
        Block::Para(format!("DIT que {} {} bénéficiera d'un droit de visite et d'hébergement les première, troisième et cinquième fins de semaine de chaque mois et la moitié des vacances scolaires ;", res.1.civilite(), res.1.nom)),
        Block::Para(format!("FIXE à {} par mois et par enfant la contribution à l'entretien et à l'éducation des enfants due par {} {} ;", pension, res.1.civilite(), res.1.nom)),
        Block::Para("DIT que chaque partie conservera la charge de ses propres dépens.".into()),
    ];
    if d.chance(0.5) {
        blocks.insert(7, Block::Para("Une enquête sociale a été ordonnée ; son rapport, déposé au greffe, conclut à la capacité éducative des deux parents.".into()));
    }
    d.flow(&blocks, 110.0, FILL_LEGAL);
    let font = d.font;
    let size = d.size;
    d.line_al(
        Al::L,
        font,
        size,
        "LE GREFFIER                                        LE JUGE AUX AFFAIRES FAMILIALES",
    );
    let y = d.y;
    let (x0, x1) = (d.x0, d.x1);
    d.signature(x0 + 10.0, y + 4.0, 90.0, 28.0);
    d.signature(x1 - 150.0, y + 4.0, 100.0, 28.0);
    d.y = y + 40.0;
}

/// Jugement de divorce or convention de divorce (1–3 pages).
pub(super) fn divor(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let other = {
        let sexe = if p.sexe == Sexe::F { Sexe::M } else { Sexe::F };
        d.person(None, Some(sexe), (1960, 1998))
    };
    let mariage = date_in(d, data::ymd(1995, 1, 1), data::ymd(2018, 12, 31));
    let date = date_in(d, add_months(f.today, -36), add_months(f.today, -1));
    maybe_footer(d, 0.6, None);
    let variant = d.int(0, 2);
    let mut blocks = Vec::new();
    if variant == 1 {
        let notaire = format!("Maître {}", doctor(d));
        let name = format!("Office notarial {}", data::de(f.adresse.commune.nom));
        org_header(d, &name, &[notaire.clone(), "Notaire associé".into()]);
        title(
            d,
            "ATTESTATION DE DÉPÔT D'UNE CONVENTION DE DIVORCE PAR CONSENTEMENT MUTUEL",
        );
        blocks.push(Block::Para(format!("Je soussigné(e), {}, notaire, atteste avoir reçu en dépôt au rang de mes minutes, le {}, la convention de divorce par consentement mutuel par acte sous signature privée contresigné par avocats, conclue entre :", notaire, d_long(date))));
        blocks.push(Block::Para(format!(
            "{} {} {}, {} le {} à {},",
            p.civilite(),
            p.prenom,
            p.nom,
            p.ne(),
            d_slash(p.naissance),
            p.lieu_naissance
        )));
        blocks.push(Block::Para(format!(
            "et {} {} {}, {} le {} à {},",
            other.civilite(),
            other.prenom,
            other.nom,
            other.ne(),
            d_slash(other.naissance),
            other.lieu_naissance
        )));
        blocks.push(Block::Para(format!(
            "mariés le {} devant l'officier de l'état civil {}.",
            d_long(mariage),
            data::de(f.adresse.commune.nom)
        )));
        blocks.push(Block::Para("Ce dépôt confère à la convention date certaine et force exécutoire, conformément à l'article 229-1 du code civil. Le divorce prend effet à la date du dépôt.".into()));
    } else {
        tribunal_header(d, f, "Chambre de la famille");
        let t = if variant == 0 {
            d.pick(&["JUGEMENT DE DIVORCE", "Jugement de divorce"])
        } else {
            "JUGEMENT DE SÉPARATION DE CORPS"
        };
        title(d, t);
        let cause = d.pick(&[
            "pour altération définitive du lien conjugal",
            "accepté",
            "pour faute",
        ]);
        blocks.push(Block::Kv("Date :".into(), d_long(date)));
        blocks.push(Block::Kv(
            "DEMANDEUR :".into(),
            format!("{} {} {}", p.civilite(), p.nom, p.prenom),
        ));
        blocks.push(Block::Kv(
            "DÉFENDEUR :".into(),
            format!("{} {} {}", other.civilite(), other.nom, other.prenom),
        ));
        blocks.push(Block::Para(format!("Les époux se sont mariés le {} à {}, sans contrat de mariage préalable. {} enfant(s) mineur(s) sont issus de cette union.", d_long(mariage), f.adresse.commune.nom, f.enfants.len())));
        blocks.push(Block::Heading("PAR CES MOTIFS".into()));
        blocks.push(Block::Para("Le juge aux affaires familiales, statuant publiquement, par jugement contradictoire et en premier ressort,".into()));
        if variant == 0 {
            blocks.push(Block::Para(format!("PRONONCE le divorce {} de :", cause)));
        } else {
            blocks.push(Block::Para("PRONONCE la séparation de corps de :".into()));
        }
        blocks.push(Block::Para(format!(
            "{} {} {}, {} le {} à {}, et de {} {} {}, {} le {} à {} ;",
            p.civilite(),
            p.prenom,
            p.nom,
            p.ne(),
            d_slash(p.naissance),
            p.lieu_naissance,
            other.civilite(),
            other.prenom,
            other.nom,
            other.ne(),
            d_slash(other.naissance),
            other.lieu_naissance
        )));
        blocks.push(Block::Para("ORDONNE la mention du dispositif du présent jugement en marge de l'acte de mariage et des actes de naissance des époux ;".into()));
        blocks.push(Block::Para("DIT que le jugement prendra effet dans les rapports entre les époux, en ce qui concerne leurs biens, à la date de l'ordonnance de non-conciliation ;".into()));
        blocks.push(Block::Para(
            "ORDONNE la liquidation et le partage des intérêts patrimoniaux des époux ;".into(),
        ));
        if !f.enfants.is_empty() {
            blocks.push(Block::Para("FIXE la résidence habituelle des enfants chez la mère, le père bénéficiant d'un droit de visite et d'hébergement ;".into()));
        }
        blocks.push(Block::Para(
            "CONDAMNE chacune des parties à supporter ses propres dépens.".into(),
        ));
    }
    d.flow(&blocks, 110.0, FILL_LEGAL);
    sign_block(
        d,
        "",
        if variant == 1 {
            "Le notaire"
        } else {
            "Le juge aux affaires familiales"
        },
    );
}

/// Récépissé de plainte or ordonnance de protection (1–2 pages).
pub(super) fn viol(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let variant = d.int(0, 2);
    maybe_footer(d, 0.5, None);
    let date = date_in(d, add_months(f.today, -8), add_months(f.today, -1));
    let auteur = other_parent(d, f);
    let blocks: Vec<Block>;
    match variant {
        0 | 1 => {
            let (x0, top) = (d.x0, d.top);
            let (l1, l2) = if variant == 0 {
                (
                    "POLICE NATIONALE".to_string(),
                    format!("Commissariat de police {}", data::de(c.nom)),
                )
            } else {
                (
                    "GENDARMERIE NATIONALE".to_string(),
                    format!("Brigade territoriale {}", data::de(c.nom)),
                )
            };
            let y = marianne(d, x0, top, &["MINISTÈRE DE L'INTÉRIEUR", &l1, &l2]);
            d.y = y + 6.0;
            let t = d.pick(&[
                "RÉCÉPISSÉ DE DÉPÔT DE PLAINTE",
                "Récépissé de déclaration de plainte",
                "RÉCÉPISSÉ - PLAINTE",
            ]);
            title(d, t);
            let pv = format!("{}/{}/{}", d.digits(5), 2000 + d.int(19, 25), d.digits(6));
            let infr = d.pick(&[
                "Violences volontaires par conjoint ou concubin",
                "Violences habituelles sur conjoint",
                "Menaces de mort réitérées",
                "Harcèlement moral au sein du couple",
            ]);
            blocks = vec![
                Block::Kv("Procès-verbal n° :".into(), pv),
                Block::Kv("Date et heure :".into(), format!("{} à {} h {:02}", d_slash(date), d.int(8, 22), d.int(0, 59))),
                Block::Kv("Plaignant(e) :".into(), format!("{} {} {}", p.civilite(), p.nom, p.prenom)),
                Block::Kv("Né(e) le :".into(), d_slash(p.naissance)),
                Block::Kv("Domicile :".into(), f.adresse.one_line()),
                Block::Kv("Nature des faits :".into(), infr.to_string()),
                Block::Kv("Mis en cause :".into(), format!("{} {}", auteur.nom, auteur.prenom)),
                Block::Para("Le présent récépissé atteste du dépôt de votre plainte. Il ne préjuge pas de la suite qui sera donnée par le procureur de la République. Une copie du procès-verbal peut vous être remise à votre demande.".into()),
                Block::Para("Vous pouvez être accompagné(e) par une association d'aide aux victimes (France Victimes : 116 006, appel gratuit, 7 jours sur 7) et contacter le 3919 (Violences Femmes Info).".into()),
            ];
        }
        _ => {
            tribunal_header(d, f, "Juge aux affaires familiales");
            title(d, "ORDONNANCE DE PROTECTION");
            blocks = vec![
                Block::Kv("Date :".into(), d_long(date)),
                Block::Kv("DEMANDEUR :".into(), format!("{} {} {}", p.civilite(), p.nom, p.prenom)),
                Block::Kv("DÉFENDEUR :".into(), format!("{} {} {}", auteur.civilite(), auteur.nom, auteur.prenom)),
                Block::Para("Vu les articles 515-9 et suivants du code civil ; vu la requête et les pièces produites ; attendu qu'il existe des raisons sérieuses de considérer comme vraisemblables la commission des faits de violence allégués et le danger auquel la victime est exposée ;".into()),
                Block::Heading("PAR CES MOTIFS".into()),
                Block::Para(format!("FAIT INTERDICTION à {} {} de recevoir ou de rencontrer la demanderesse ou le demandeur, ainsi que d'entrer en relation avec elle ou lui de quelque façon que ce soit ;", auteur.civilite(), auteur.nom)),
                Block::Para("ATTRIBUE à la partie demanderesse la jouissance du logement conjugal ;".into()),
                Block::Para("AUTORISE la partie demanderesse à dissimuler son domicile et à élire domicile chez son avocat ;".into()),
                Block::Para("DIT que les présentes mesures sont prises pour une durée de douze mois à compter de la notification de la présente ordonnance.".into()),
            ];
        }
    }
    d.flow(
        &blocks,
        130.0,
        if variant == 2 {
            FILL_LEGAL
        } else {
            FILL_POLICE
        },
    );
    lieu_date(d, c.nom, date);
    sign_block(
        d,
        "",
        if variant == 2 {
            "Le juge aux affaires familiales"
        } else {
            "L'officier de police judiciaire"
        },
    );
}

/// Certificat médical.
pub(super) fn certmed(d: &mut Doc, f: &Foyer) {
    let p = if f.conjoint.is_some() && d.chance(0.2) {
        f.conjoint.as_ref().unwrap_or(&f.demandeur)
    } else {
        &f.demandeur
    };
    d.subject = Some(p.clone());
    let variant = d.int(0, 2);
    let dr = medical_header(d, f);
    let t = d.pick(&[
        "CERTIFICAT MÉDICAL",
        "Certificat médical",
        "CERTIFICAT MÉDICAL - DEMANDE DE LOGEMENT",
    ]);
    title(d, t);
    match variant {
        0 | 1 => {
            d.para(&format!(
                "Je soussigné(e), Docteur {}, certifie avoir examiné ce jour {} {} {}, {} le {}.",
                dr,
                p.civilite(),
                p.prenom,
                p.nom,
                p.ne(),
                d_slash(p.naissance)
            ));
            let motif = d.pick(&[
                "Son état de santé nécessite un logement situé en rez-de-chaussée ou desservi par un ascenseur.",
                "Son état de santé, du fait d'une pathologie respiratoire chronique, est incompatible avec l'humidité de son logement actuel.",
                "Sa mobilité réduite impose un logement accessible et adapté (douche à l'italienne, absence de marches).",
                "L'état de santé de l'intéressé(e) justifie un relogement dans un logement plus adapté à sa situation.",
                "Les conditions de logement actuelles aggravent l'état de santé de l'enfant, asthmatique.",
            ]);
            d.para(motif);
            if variant == 1 {
                d.para("Ce certificat est établi à la demande de l'intéressé(e) et remis en main propre pour faire valoir ce que de droit.");
            } else {
                d.para("Certificat remis en main propre à l'intéressé(e).");
            }
        }
        _ => {
            d.para("Certificat médical à joindre à une demande de logement social (à remplir par le médecin traitant).");
            d.kv("Patient :", &format!("{} {}", p.nom, p.prenom), 150.0);
            d.kv("Date de naissance :", &d_slash(p.naissance), 150.0);
            d.gap(6.0);
            let opts = [
                "Mobilité réduite",
                "Logement en rez-de-chaussée ou avec ascenseur nécessaire",
                "Pathologie aggravée par le logement actuel",
                "Besoin d'une pièce supplémentaire (matériel médical)",
                "Handicap reconnu par la MDPH",
            ];
            for o in opts {
                let checked = d.chance(0.4);
                let (x0, size) = (d.x0, d.size);
                let base = d.y + size * 0.95;
                d.checkbox(x0, base, size, checked);
                let font = d.font;
                d.text(x0 + size * 1.4, base, font, size, o);
                d.y += size * 1.6;
            }
            d.gap(6.0);
            d.para("Observations : ______________________________________________");
        }
    }
    lieu_date(d, f.adresse.commune.nom, f.today);
    sign_block(d, &format!("Dr {dr}"), "");
}

/// Notification de décision de la CDAPH (1–2 pages).
pub(super) fn mdph(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    maybe_footer(d, 0.6, Some(format!("N° dossier : {}", d.digits(8))));
    let name = format!("MDPH {}", data::dep_de(c.dep_nom));
    org_header(
        d,
        &name,
        &[
            "Maison départementale des personnes handicapées".into(),
            format!("{} {}", c.cp, c.nom),
        ],
    );
    super::recipient(d, p, f);
    let t = d.pick(&[
        "NOTIFICATION DE DÉCISION",
        "Notification de décision de la CDAPH",
        "DÉCISION DE LA COMMISSION DES DROITS ET DE L'AUTONOMIE",
    ]);
    title(d, t);
    let seance = date_in(d, add_months(f.today, -6), add_months(f.today, -1));
    let until = add_months(seance, 12 * d.int(2, 10) as i32);
    let droits = [
        ("Allocation aux adultes handicapés (AAH)", "Accord"),
        (
            "Reconnaissance de la qualité de travailleur handicapé (RQTH)",
            "Accord",
        ),
        ("Carte mobilité inclusion mention invalidité", "Accord"),
        ("Carte mobilité inclusion mention stationnement", "Refus"),
        ("Prestation de compensation du handicap (PCH)", "Accord"),
        ("Orientation professionnelle", "Marché du travail"),
    ];
    let mut rows = vec![vec![
        "Prestation / orientation".to_string(),
        "Décision".to_string(),
        "Période".to_string(),
    ]];
    let n = d.int(1, 4) as usize;
    for (lib, dec) in droits.iter().take(n + 1) {
        rows.push(vec![
            lib.to_string(),
            dec.to_string(),
            format!("du {} au {}", d_slash(seance), d_slash(until)),
        ]);
    }
    let taux = d.pick(&["au moins égal à 80 %", "compris entre 50 % et 79 %"]);
    let blocks_intro = format!(
        "La Commission des droits et de l'autonomie des personnes handicapées (CDAPH), réunie le {}, a examiné la demande de {} {} {}, {} le {}. Elle a reconnu un taux d'incapacité {} et a pris les décisions suivantes :",
        d_long(seance), p.civilite(), p.prenom, p.nom, p.ne(), d_slash(p.naissance), taux
    );
    d.para(&blocks_intro);
    if d.chance(0.4) {
        for r in rows.iter().skip(1) {
            let s = format!("- {} : {} ({}).", r[0], r[1].to_lowercase(), r[2]);
            d.para(&s);
        }
    } else {
        let w = d.x1 - d.x0;
        let (x0, size) = (d.x0, d.size - 0.5);
        d.table(
            x0,
            &[w * 0.5, w * 0.18, w * 0.32],
            &[Al::L, Al::C, Al::L],
            &rows,
            size,
            true,
            2,
        );
    }
    let blocks = vec![
        Block::Heading("Voies de recours".into()),
        Block::Para("Si vous contestez cette décision, vous devez former un recours administratif préalable obligatoire auprès de la MDPH dans un délai de deux mois à compter de sa notification. En cas de rejet, vous pourrez saisir le pôle social du tribunal judiciaire.".into()),
        Block::Para("Cette décision est transmise aux organismes chargés du versement des prestations (CAF, conseil départemental).".into()),
    ];
    d.flow(&blocks, 0.0, FILL_ADMIN);
    sign_block(d, "", "Pour le président de la CDAPH");
}

/// Note interne d'instruction (of the guichet or the bailleur).
pub(super) fn note(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let variant = d.int(0, 2);
    let t = match variant {
        0 => "NOTE INTERNE",
        1 => "Note d'instruction",
        _ => "FICHE NAVETTE - INSTRUCTION DE LA DEMANDE",
    };
    let org = format!(
        "{} {}",
        d.pick(&[
            "Service habitat",
            "Direction de la gestion locative",
            "Service des attributions"
        ]),
        c.nom
    );
    let font = d.font;
    let b = d.bold;
    let (x0, top) = (d.x0, d.top);
    d.text(x0, top + 12.0, b, 11.0, &org);
    d.text(
        x0,
        top + 25.0,
        font,
        9.0,
        "Document interne - ne pas diffuser",
    );
    d.y = top + 40.0;
    title(d, t);
    let agent = full_name(d, &d.person(None, None, (1965, 1995)));
    let dest = d.pick(&[
        "Commission d'attribution des logements",
        "Responsable du service",
        "Chargé(e) de clientèle",
        "Cellule de l'habitat indigne",
    ]);
    d.kv("De :", &agent, 60.0);
    d.kv("À :", dest, 60.0);
    d.kv("Date :", &d_slash(f.today), 60.0);
    let objet = if d.chance(0.5) {
        format!(
            "Demande de logement de {} {} {}",
            p.civ_court(),
            p.prenom,
            p.nom
        )
    } else {
        let n = f.numero.clone().unwrap_or_default();
        format!("Dossier {} {} - demande n° {}", p.nom, p.prenom, n)
    };
    d.kv("Objet :", &objet, 60.0);
    d.hline(d.x0, d.x1, d.y + 2.0, 0.6);
    d.gap(10.0);
    let comp = match (f.conjoint.is_some(), f.enfants.len()) {
        (true, 0) => "un couple sans enfant".to_string(),
        (true, n) => format!("un couple avec {n} enfant(s)"),
        (false, 0) => "une personne seule".to_string(),
        (false, n) => format!("une famille monoparentale avec {n} enfant(s)"),
    };
    d.para(&format!(
        "Le ménage se compose de {}. Les ressources mensuelles déclarées s'élèvent à environ {}.",
        comp,
        data::eur((f.brut_mensuel * 0.78).round())
    ));
    let paras = [
        "Le logement actuel est suroccupé ; le ménage est hébergé chez un tiers depuis plusieurs mois.",
        "Le dossier est complet après réception des derniers justificatifs de ressources.",
        "Pièces manquantes : avis d'imposition N-1 ; à relancer.",
        "Situation prioritaire au titre de l'article L. 441-1 du CCH (reconnu DALO).",
        "Proposition envisagée : T3, résidence Les Acacias, loyer compatible avec les ressources.",
        "Avis favorable pour présentation en commission d'attribution.",
        "Entretien réalisé en agence ; le demandeur accepte les quartiers proposés.",
    ];
    if variant == 2 {
        let items = [
            "Pièce d'identité",
            "Avis d'imposition N-2",
            "Justificatifs de ressources",
            "Justificatif de domicile",
            "Livret de famille",
            "Attestation CAF",
        ];
        for it in items {
            let (x0, size) = (d.x0, d.size);
            let base = d.y + size * 0.95;
            let ok = d.chance(0.75);
            d.checkbox(x0, base, size, ok);
            let font = d.font;
            d.text(x0 + size * 1.4, base, font, size, it);
            let st = if ok { "reçu" } else { "manquant" };
            d.text(x0 + 220.0, base, font, size, st);
            d.y += size * 1.6;
        }
        d.gap(6.0);
        d.kv(
            "Avis de l'instructeur :",
            d.pick(&["Favorable", "Réservé", "Dossier à compléter"]),
            150.0,
        );
    }
    let mut used = Vec::new();
    for _ in 0..d.int(2, 4) {
        let s = d.pick(&paras);
        if !used.contains(&s) {
            used.push(s);
            d.para(s);
        }
    }
    let who = agent.clone();
    sign_block(d, &who, "");
}
