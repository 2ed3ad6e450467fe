//! Courts, bailiffs and police: custody judgments (family judge, approval of a parenting
//! agreement, appeal), eviction (bailiff's order to leave, protection judge's judgment, the
//! préfet's decision on police assistance), complaints and protection orders, divorce
//! (judgment, notary's deposit attestation, interim measures).

use chrono::{Datelike, NaiveDate};

use super::{
    a_ville, band, date_words, days_ago, etat_block, heading, lines_at, logo, money, np,
    pages_footer, place_date, pn, reference, refs_line, signed, spread, stranger, street, tc, tel,
    window, Tpl, BAILIFF, EVICTION, FAMILY, PLEAD,
};
use crate::data::{self, add_months, d_long, d_slash, Foyer, Person, Sexe};
use crate::doc::{Al, Block, Doc, PH};
use crate::raster::F;

pub(crate) const JUGG: &[Tpl] = &[jugement_jaf, homologation_convention, arret_appel];
pub(crate) const EXPUL: &[Tpl] = &[
    commandement_quitter,
    jugement_resiliation,
    concours_force_publique,
];
pub(crate) const VIOL: &[Tpl] = &[recepisse_plainte, ordonnance_protection, pv_audition];
pub(crate) const DIVOR: &[Tpl] = &[jugement_divorce, depot_notaire, mesures_provisoires];

/// The other parent / ex-spouse: opposite sex, born near the applicant.
fn other_party(d: &Doc, f: &Foyer) -> Person {
    let a = &f.demandeur;
    let sexe = if a.sexe == Sexe::F { Sexe::M } else { Sexe::F };
    let y = a.naissance.year();
    let nom = f
        .enfants
        .first()
        .map(|e| e.nom.clone())
        .filter(|n| *n != a.nom);
    let mut r = d.r();
    data::person(&mut *r, nom.as_deref(), Some(sexe), (y - 7, y + 7))
}

fn lawyer(d: &Doc, city: &str) -> String {
    let p = stranger(d, None, (1960, 1995));
    format!(
        "Maître {} {}, avocat au barreau {}",
        p.prenom,
        tc(&p.nom),
        data::de(city)
    )
}

fn magistrate(d: &Doc, role: &str) -> String {
    let p = stranger(d, None, (1960, 1990));
    format!("{} {}, {}", p.civ_court(), pn(&p), role)
}

fn rg(d: &Doc, year: i32) -> String {
    format!(
        "N° RG {:02}/{} — N° Portalis {}-W-B7{}-{}{}",
        year % 100,
        d.digits(5),
        d.upper(4),
        d.upper(1),
        d.upper(2),
        d.digits(2)
    )
}

fn court_city(f: &Foyer) -> &'static str {
    f.adresse.commune.prefecture
}

/// A court's header: name, chamber, RG, minute; centered or left.
fn court_head(d: &mut Doc, court: &str, chamber: &str, date: NaiveDate) {
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let centered = d.chance(0.5);
    let b = d.bold;
    let rgs = rg(d, date.year());
    let minute = format!("Minute n° {}/{}", date.year(), d.digits(4));
    if centered {
        let cx = (x0 + x1) / 2.0;
        d.text_al(cx, top + 12.0, Al::C, b, 12.0, court);
        d.text_al(cx, top + 25.0, Al::C, F::Sans, 9.0, chamber);
        d.text_al(cx, top + 38.0, Al::C, F::Sans, 8.0, &rgs);
        d.text_al(cx, top + 49.0, Al::C, F::Sans, 8.0, &minute);
        d.y = top + 64.0;
    } else {
        d.text(x0, top + 12.0, b, 11.0, court);
        d.text(x0, top + 25.0, F::Sans, 9.0, chamber);
        d.text_al(x1, top + 12.0, Al::Rt, F::Sans, 8.0, &rgs);
        d.text_al(x1, top + 23.0, Al::Rt, F::Sans, 8.0, &minute);
        d.hline(x0, x1, top + 32.0, 0.7);
        d.y = top + 44.0;
    }
}

fn party_blocks(
    d: &Doc,
    f: &Foyer,
    a_role: &str,
    a: &Person,
    b_role: &str,
    b: &Person,
) -> Vec<Block> {
    let city = court_city(f);
    vec![
        Block::Heading(a_role.into()),
        Block::Para(format!(
            "{} {}, {} le {} {}, demeurant {}, représenté(e) par {}",
            a.civilite(),
            np(a),
            a.ne(),
            d_slash(a.naissance),
            a_ville(&a.lieu_naissance),
            f.adresse.one_line(),
            lawyer(d, city)
        )),
        Block::Heading(b_role.into()),
        Block::Para(format!(
            "{} {}, {} le {} {}, demeurant {}, {}",
            b.civilite(),
            np(b),
            b.ne(),
            d_slash(b.naissance),
            a_ville(&b.lieu_naissance),
            format_args!("{} {}", street(d), d.pick(data::COMMUNES).nom),
            if d.chance(0.5) {
                "non comparant(e)".to_string()
            } else {
                format!("représenté(e) par {}", lawyer(d, city))
            }
        )),
    ]
}

fn children_list(f: &Foyer) -> String {
    let v: Vec<String> = f
        .enfants
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
        .collect();
    if v.is_empty() {
        "l'enfant commun".into()
    } else {
        v.join(" ; ")
    }
}

/// The enforcement formula closing a judgment copy.
fn formule_executoire() -> Block {
    Block::Para("En conséquence, la République française mande et ordonne à tous commissaires de justice, sur ce requis, de mettre la présente décision à exécution, aux procureurs généraux et aux procureurs de la République près les tribunaux judiciaires d'y tenir la main, à tous commandants et officiers de la force publique de prêter main-forte lorsqu'ils en seront légalement requis.".into())
}

// ---------------------------------------------------------------------------------------------
// Custody

/// A family judge's judgment on parental authority (flows over 1–3 pages).
fn jugement_jaf(d: &mut Doc, f: &Foyer) {
    let a = &f.demandeur;
    let b = other_party(d, f);
    let city = court_city(f);
    let date = days_ago(d, f, 30, 600);
    court_head(
        d,
        &format!("TRIBUNAL JUDICIAIRE DE {}", city.to_uppercase()),
        "Pôle famille — Juge aux affaires familiales",
        date,
    );
    heading(
        d,
        d.pick(&[
            "JUGEMENT",
            "JUGEMENT DU JUGE AUX AFFAIRES FAMILIALES",
            "Jugement — autorité parentale",
        ]),
        13.0,
    );
    let font = d.font;
    let sz = d.size;
    d.line_al(Al::C, font, sz, &format!("rendu le {}", d_long(date)));
    d.gap(4.0);
    let res_mere = a.sexe == Sexe::F;
    let (res, visit) = if res_mere { (a, &b) } else { (a, &b) };
    let mut blocks = party_blocks(d, f, "DEMANDEUR(ESSE) :", a, "DÉFENDEUR(ESSE) :", &b);
    blocks.extend([
        Block::Heading("COMPOSITION".into()),
        Block::Para(format!("Juge : {} ; greffier : {}.", magistrate(d, "vice-président(e)"), magistrate(d, "greffier"))),
        Block::Heading("EXPOSÉ DU LITIGE".into()),
        Block::Para(format!(
            "De l'union de {} et de {} sont issus : {}. Les parents sont séparés depuis {}. Par requête reçue au greffe, {} a saisi le juge aux affaires familiales afin de voir fixer les modalités d'exercice de l'autorité parentale.",
            pn(a),
            pn(&b),
            children_list(f),
            data::mois_annee(add_months(date, -d.int(6, 30) as i32)),
            pn(a)
        )),
        Block::Heading("MOTIFS".into()),
        Block::Para(PLEAD[3].into()),
        Block::Heading("PAR CES MOTIFS".into()),
        Block::Para("Le juge aux affaires familiales, statuant publiquement, par jugement contradictoire et en premier ressort,".into()),
        Block::Para("DIT que l'autorité parentale sur les enfants est exercée conjointement par les deux parents ;".into()),
        Block::Para(format!("FIXE la résidence habituelle des enfants au domicile de {} {} ;", res.civilite(), pn(res))),
        Block::Para(format!(
            "DIT que {} {} exercera un droit de visite et d'hébergement, sauf meilleur accord, {} ;",
            visit.civilite(),
            pn(visit),
            d.pick(&[
                "les fins de semaine paires du vendredi sortie des classes au dimanche 18 heures, et la première moitié des vacances scolaires les années paires, la seconde moitié les années impaires",
                "un samedi sur deux de 10 heures à 18 heures, en lieu neutre durant six mois",
                "les première, troisième et cinquième fins de semaine de chaque mois et la moitié des vacances scolaires",
            ])
        )),
        Block::Para(format!(
            "FIXE à {} par mois et par enfant la contribution à l'entretien et à l'éducation des enfants, versée par l'intermédiaire de l'organisme débiteur des prestations familiales ;",
            money(d, (d.int(8, 30) * 10) as f64)
        )),
        Block::Para("RAPPELLE que la présente décision est exécutoire de droit à titre provisoire ; laisse à chaque partie la charge de ses dépens.".into()),
        formule_executoire(),
    ]);
    pages_footer(d, Some(rg(d, date.year())));
    spread(d, &blocks, 0.0, &[PLEAD, FAMILY].concat());
    signed(
        d,
        "Le greffier                    Le juge aux affaires familiales",
        "",
        &["TRIBUNAL JUDICIAIRE", city],
    );
}

/// The approval order of a parenting agreement, with the agreement's calendar in a table.
fn homologation_convention(d: &mut Doc, f: &Foyer) {
    let a = &f.demandeur;
    let b = other_party(d, f);
    let city = court_city(f);
    let date = days_ago(d, f, 20, 500);
    court_head(
        d,
        &format!("Tribunal judiciaire de {city}"),
        "Juge aux affaires familiales — cabinet 3",
        date,
    );
    heading(
        d,
        d.pick(&[
            "ORDONNANCE D'HOMOLOGATION",
            "Ordonnance portant homologation d'une convention parentale",
        ]),
        13.0,
    );
    d.para(&format!(
        "Nous, {}, statuant en matière d'exercice de l'autorité parentale, vu la requête conjointe de {} {} et {} {} et la convention signée par les parties le {} ;",
        magistrate(d, "juge aux affaires familiales"),
        a.civilite(),
        pn(a),
        b.civilite(),
        pn(&b),
        d_slash(date - chrono::Duration::days(d.int(20, 90)))
    ));
    d.para(&format!("Concernant : {}.", children_list(f)));
    d.para("Attendu que la convention préserve suffisamment l'intérêt des enfants et que le consentement des parents a été donné librement ;");
    let bo = d.bold;
    let sz = d.size;
    d.line_al(
        Al::L,
        bo,
        sz,
        "HOMOLOGUONS la convention annexée, dont les principales dispositions sont les suivantes :",
    );
    d.gap(4.0);
    let mut rows = vec![vec!["Période".to_string(), "Résidence des enfants".into()]];
    for (p, r) in [
        ("Période scolaire, semaines paires", pn(a)),
        (
            "Période scolaire, semaines impaires",
            if d.chance(0.5) { pn(&b) } else { pn(a) },
        ),
        ("Vacances d'été, juillet", pn(&b)),
        ("Vacances d'été, août", pn(a)),
        ("Noël, années paires", pn(a)),
        ("Noël, années impaires", pn(&b)),
    ] {
        rows.push(vec![p.to_string(), r]);
    }
    let x = d.x0;
    let w = d.x1 - d.x0;
    d.table(
        x,
        &[w * 0.5, w * 0.5],
        &[Al::L, Al::L],
        &rows,
        sz - 0.5,
        true,
        2,
    );
    d.para(&format!(
        "Contribution à l'entretien et à l'éducation : {} par mois et par enfant, indexée.",
        money(d, (d.int(6, 25) * 10) as f64)
    ));
    d.para("Disons que la présente ordonnance est exécutoire de droit à titre provisoire.");
    pages_footer(d, None);
    let rest: Vec<Block> = vec![
        Block::Heading("Dispositions complémentaires".into()),
        Block::Para(PLEAD[8].into()),
        formule_executoire(),
    ];
    if d.pages > 1 {
        d.break_page();
    }
    spread(d, &rest, 0.0, &[PLEAD, FAMILY].concat());
    place_date(d, city, date);
    signed(d, "Le juge aux affaires familiales", "", &["GREFFE", city]);
}

/// A court of appeal's judgment ("arrêt") on custody.
fn arret_appel(d: &mut Doc, f: &Foyer) {
    let a = &f.demandeur;
    let b = other_party(d, f);
    let city = court_city(f);
    let date = days_ago(d, f, 60, 700);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let y = etat_block(
        d,
        x0,
        top,
        &[
            &format!("COUR D'APPEL DE {}", city.to_uppercase()),
            "Chambre de la famille",
        ],
    );
    d.text_al(x1, top + 12.0, Al::Rt, F::Sans, 8.0, &rg(d, date.year()));
    d.text_al(
        x1,
        top + 24.0,
        Al::Rt,
        F::SansB,
        9.0,
        &format!("ARRÊT DU {}", d_slash(date)),
    );
    d.y = y;
    heading(d, "ARRÊT", 14.0);
    let judgment = add_months(date, -d.int(6, 14) as i32);
    let mut blocks = vec![
        Block::Para(format!("Décision déférée à la cour : jugement du juge aux affaires familiales du tribunal judiciaire de {} en date du {}.", city, d_slash(judgment))),
    ];
    blocks.extend(party_blocks(d, f, "APPELANT(E) :", &b, "INTIMÉ(E) :", a));
    blocks.extend([
        Block::Heading("COMPOSITION DE LA COUR".into()),
        Block::Para(format!("Président : {} ; conseillers : {} et {}.", magistrate(d, "président de chambre"), magistrate(d, "conseiller"), magistrate(d, "conseillère"))),
        Block::Heading("FAITS ET PROCÉDURE".into()),
        Block::Para(format!("{} a interjeté appel du jugement susvisé en ce qu'il a fixé la résidence des enfants ({}) chez l'autre parent.", pn(&b), children_list(f))),
        Block::Heading("MOTIFS DE LA DÉCISION".into()),
        Block::Para(PLEAD[6].into()),
        Block::Heading("PAR CES MOTIFS".into()),
        Block::Para("La cour, statuant publiquement, par arrêt contradictoire, après en avoir délibéré conformément à la loi,".into()),
        Block::Para(format!("CONFIRME le jugement déféré en toutes ses dispositions, et notamment en ce qu'il a fixé la résidence habituelle des enfants au domicile de {} ;", pn(a))),
        Block::Para("CONDAMNE l'appelant(e) aux dépens d'appel.".into()),
    ]);
    pages_footer(d, Some(format!("Arrêt du {}", d_slash(date))));
    spread(d, &blocks, 0.0, &[PLEAD, FAMILY].concat());
    signed(
        d,
        "LE GREFFIER                     LE PRÉSIDENT",
        "",
        &["COUR D'APPEL"],
    );
}

// ---------------------------------------------------------------------------------------------
// Eviction

fn bailiff_office(d: &Doc, f: &Foyer) -> (String, Vec<String>) {
    let c = f.adresse.commune;
    let a = stranger(d, None, (1960, 1990));
    let b = stranger(d, None, (1960, 1990));
    (
        format!("SELARL {} & {}", tc(&a.nom), tc(&b.nom)),
        vec![
            "Commissaires de justice associés".into(),
            street(d),
            format!("{} {}", c.cp, c.nom.to_uppercase()),
            format!("Tél. {}", tel(d)),
        ],
    )
}

/// A bailiff's order to leave the premises, with the cost table of the act.
fn commandement_quitter(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (office, lines) = bailiff_office(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let b = d.bold;
    d.text(x0, top + 12.0, b, 11.0, &office);
    lines_at(d, x0, top + 16.0, 7.5, &lines);
    let date = days_ago(d, f, 10, 200);
    d.text_al(
        x1,
        top + 12.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("Acte n° {}", d.digits(6)),
    );
    d.y = top + 74.0;
    heading(
        d,
        d.pick(&[
            "COMMANDEMENT DE QUITTER LES LIEUX",
            "Commandement d'avoir à libérer les lieux",
        ]),
        13.5,
    );
    let creditor = if d.chance(0.5) {
        format!("la société {} Habitat, bailleur social, agissant poursuites et diligences de ses représentants légaux", f.adresse.commune.dep_nom)
    } else {
        let l = stranger(d, None, (1945, 1980));
        format!("{} {}, propriétaire", l.civilite(), pn(&l))
    };
    let judgment = add_months(date, -d.int(2, 8) as i32);
    let blocks = vec![
        Block::Para(format!("L'an {}, le {}", super::words(date.year() as u32), date_words(date).split(' ').take(2).collect::<Vec<_>>().join(" "))),
        Block::Para(format!("À LA DEMANDE DE : {} ;", creditor)),
        Block::Para(format!(
            "Agissant en vertu d'un jugement rendu par le juge des contentieux de la protection du tribunal judiciaire de {} le {}, signifié le {}, revêtu de la formule exécutoire ;",
            court_city(f),
            d_slash(judgment),
            d_slash(judgment + chrono::Duration::days(d.int(15, 40)))
        )),
        Block::Para(format!("Nous, commissaire de justice soussigné, avons fait COMMANDEMENT à : {} {}, demeurant {},", p.civilite(), np(p), f.adresse.one_line())),
        Block::Para("D'AVOIR À LIBÉRER les lieux qu'il (elle) occupe, de sa personne, de ses biens et de tous occupants de son chef, dans un délai de DEUX MOIS à compter de la signification du présent acte ;".into()),
        Block::Para("LUI DÉCLARANT qu'à défaut de ce faire dans ledit délai, il sera procédé à son expulsion, au besoin avec l'assistance de la force publique, conformément aux articles L. 411-1 et suivants du code des procédures civiles d'exécution.".into()),
        Block::Para("L'informons qu'il (elle) peut saisir le juge de l'exécution afin de solliciter des délais, et que la commission de coordination des actions de prévention des expulsions (CCAPEX) est informée du présent commandement.".into()),
    ];
    pages_footer(d, Some(office.clone()));
    spread(d, &blocks, 0.0, BAILIFF);
    let w = x1 - x0;
    let rows = vec![
        vec!["Coût de l'acte".to_string(), "".into()],
        vec![
            "Émolument (art. R. 444-3 C. com.)".into(),
            num2(d, 55.0, 80.0),
        ],
        vec!["Frais de déplacement".into(), "9,40".into()],
        vec!["Total HT".into(), num2(d, 65.0, 90.0)],
        vec!["TVA 20 %".into(), num2(d, 13.0, 18.0)],
        vec!["Taxe forfaitaire".into(), "14,89".into()],
        vec!["Total TTC".into(), num2(d, 92.0, 125.0)],
    ];
    let y = d.y.min(PH - 170.0);
    d.y = y;
    d.table(
        x0,
        &[w * 0.32, w * 0.12],
        &[Al::L, Al::Rt],
        &rows,
        7.5,
        true,
        1,
    );
    signed(
        d,
        "Le commissaire de justice",
        "",
        &["COMMISSAIRE DE JUSTICE", &office],
    );
}

fn num2(d: &Doc, lo: f32, hi: f32) -> String {
    data::num((d.real(lo, hi) as f64 * 100.0).round() / 100.0)
}

/// The protection judge's judgment terminating the lease and ordering eviction.
fn jugement_resiliation(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let city = court_city(f);
    let date = days_ago(d, f, 30, 500);
    court_head(
        d,
        &format!("TRIBUNAL JUDICIAIRE DE {}", city.to_uppercase()),
        "Juge des contentieux de la protection",
        date,
    );
    heading(d, "JUGEMENT", 13.5);
    let font = d.font;
    let sz = d.size;
    d.line_al(Al::C, font, sz, &format!("du {}", d_long(date)));
    let landlord = format!("{} Habitat", f.adresse.commune.dep_nom);
    let dette = (d.int(18, 95) * 100) as f64 + d.int(0, 99) as f64;
    let blocks = vec![
        Block::Heading("DEMANDEUR :".into()),
        Block::Para(format!("{}, dont le siège est {}, représenté par {}", landlord, street(d), lawyer(d, city))),
        Block::Heading("DÉFENDEUR :".into()),
        Block::Para(format!("{} {}, demeurant {}", p.civilite(), np(p), f.adresse.one_line())),
        Block::Heading("EXPOSÉ DU LITIGE".into()),
        Block::Para(format!(
            "Par acte du {}, le bailleur a fait délivrer au locataire un commandement de payer la somme de {} visant la clause résolutoire du bail. Les causes du commandement n'ayant pas été réglées dans le délai de six semaines, le bailleur a fait assigner le locataire.",
            d_slash(add_months(date, -d.int(4, 10) as i32)),
            data::eur(dette)
        )),
        Block::Heading("PAR CES MOTIFS".into()),
        Block::Para("Le juge des contentieux de la protection, statuant publiquement, par jugement réputé contradictoire et en premier ressort,".into()),
        Block::Para("CONSTATE l'acquisition de la clause résolutoire et la résiliation du bail à la date d'expiration du délai du commandement ;".into()),
        Block::Para(format!("ORDONNE l'expulsion de {} {} et de tous occupants de son chef des lieux situés {}, au besoin avec le concours de la force publique, à l'expiration d'un délai de deux mois suivant la signification d'un commandement de quitter les lieux ;", p.civilite(), pn(p), f.adresse.one_line())),
        Block::Para(format!("CONDAMNE {} {} à payer la somme de {} au titre de l'arriéré locatif, ainsi qu'une indemnité d'occupation égale au montant du loyer et des charges jusqu'à la libération effective des lieux ;", p.civilite(), pn(p), data::eur(dette))),
        Block::Para("CONDAMNE le défendeur aux dépens, qui comprendront le coût du commandement de payer.".into()),
        formule_executoire(),
    ];
    pages_footer(d, Some(rg(d, date.year())));
    spread(d, &blocks, 0.0, &[PLEAD, EVICTION].concat());
    signed(
        d,
        "Le greffier                     Le juge",
        "",
        &["TRIBUNAL JUDICIAIRE"],
    );
}

/// The préfet's letter granting police assistance for the eviction.
fn concours_force_publique(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (x0, top) = (d.x0, d.top);
    let y = etat_block(
        d,
        x0,
        top,
        &[
            &format!("Préfecture {}", data::dep_de(c.dep_nom)),
            "Direction de la citoyenneté",
            "Bureau des expulsions locatives",
        ],
    );
    d.y = y;
    window(d, p, f, true);
    refs_line(
        d,
        &[
            ("Dossier", &reference(d, f.today.year())),
            ("Affaire suivie par", "Bureau des expulsions"),
        ],
    );
    place_date(d, c.prefecture, days_ago(d, f, 5, 90));
    let bo = d.bold;
    let sz = d.size;
    d.line_al(
        Al::L,
        bo,
        sz,
        d.pick(&[
            "Objet : procédure d'expulsion — concours de la force publique",
            "Objet : décision d'octroi du concours de la force publique",
        ]),
    );
    d.gap(6.0);
    d.para(&format!("{},", p.civilite()));
    d.para(&format!(
        "Par jugement du tribunal judiciaire de {}, votre expulsion du logement situé {} a été ordonnée. Un commandement de quitter les lieux vous a été signifié et le délai qui vous était imparti est expiré.",
        court_city(f),
        f.adresse.one_line()
    ));
    d.para("Saisi par le commissaire de justice mandaté par votre bailleur, j'ai décidé d'accorder le concours de la force publique pour l'exécution de cette décision. L'expulsion pourra intervenir à compter de la date de la présente notification, hors période de trêve hivernale.");
    d.para("Je vous invite à prendre contact sans délai avec le service social de votre commune ou le service intégré d'accueil et d'orientation (115) afin d'envisager une solution de relogement ou d'hébergement.");
    signed(d, "Pour le préfet, le sous-préfet", "", &["PRÉFECTURE"]);
    for _ in 1..d.pages {
        d.break_page();
        band(d, "Dispositifs d'aide");
        for t in super::NOTICE.iter().take(5) {
            d.para(t);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Violence

fn violence_facts(d: &Doc) -> &'static str {
    d.pick(&[
        "violences volontaires par conjoint ou concubin ayant entraîné une incapacité totale de travail inférieure ou égale à huit jours",
        "violences habituelles par une personne ayant été conjoint ou concubin de la victime",
        "menaces de mort réitérées par conjoint",
        "harcèlement par conjoint ou concubin ayant dégradé les conditions de vie",
        "violences volontaires en présence d'un mineur",
    ])
}

fn police_unit(d: &Doc, f: &Foyer) -> (String, bool) {
    let c = f.adresse.commune;
    if d.chance(0.5) {
        (format!("Commissariat de police {}", data::de(c.nom)), true)
    } else {
        (format!("Brigade de gendarmerie {}", data::de(c.nom)), false)
    }
}

/// The receipt of a complaint handed to the victim.
fn recepisse_plainte(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (unit, police) = police_unit(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let service = if police {
        "Police nationale"
    } else {
        "Gendarmerie nationale"
    };
    let y = etat_block(d, x0, top, &[service, &unit]);
    let date = days_ago(d, f, 5, 300);
    let proc = format!("{}/{}", date.year(), d.digits(6));
    d.text_al(
        x1,
        top + 12.0,
        Al::Rt,
        F::SansB,
        9.0,
        &format!("Procédure n° {proc}"),
    );
    d.y = y;
    heading(
        d,
        d.pick(&[
            "RÉCÉPISSÉ DE DÉPÔT DE PLAINTE",
            "Récépissé de plainte",
            "RÉCÉPISSÉ ET ATTESTATION DE DÉPÔT DE PLAINTE",
        ]),
        13.0,
    );
    let font = d.font;
    let sz = d.size;
    d.line_al(
        Al::C,
        font,
        sz - 1.0,
        "(article 15-3 du code de procédure pénale)",
    );
    d.gap(8.0);
    let off = stranger(d, None, (1975, 2000));
    d.para(&format!(
        "Nous, {} {}, {}, certifions avoir reçu ce jour, {}, à {} h {:02}, la plainte de :",
        d.pick(&[
            "brigadier-chef",
            "gardien de la paix",
            "adjudant",
            "maréchal des logis-chef",
            "lieutenant"
        ]),
        pn(&off),
        if police {
            "officier de police judiciaire"
        } else {
            "agent de police judiciaire"
        },
        d_long(date),
        d.int(8, 22),
        d.int(0, 59)
    ));
    let pairs = vec![
        ("Nom :".to_string(), p.nom.clone()),
        ("Prénom(s) :".into(), p.prenoms()),
        (
            "Né(e) le :".into(),
            format!("{} {}", d_slash(p.naissance), a_ville(&p.lieu_naissance)),
        ),
        (
            "Domicile :".into(),
            if d.chance(0.4) {
                "domicile élu au service".into()
            } else {
                f.adresse.one_line()
            },
        ),
    ];
    for (k, v) in &pairs {
        d.kv(k, v, 110.0);
    }
    d.gap(4.0);
    d.para(&format!("Pour les faits de : {}.", violence_facts(d)));
    d.para(&format!(
        "Faits commis le {} {}.",
        d_slash(date - chrono::Duration::days(d.int(0, 10))),
        a_ville(f.adresse.commune.nom)
    ));
    d.para("La plainte sera transmise au procureur de la République. La victime a été informée de ses droits, notamment de se constituer partie civile et d'être assistée par une association d'aide aux victimes.");
    signed(
        d,
        "L'enquêteur",
        "",
        &[if police {
            "POLICE NATIONALE"
        } else {
            "GENDARMERIE"
        }],
    );
    for _ in 1..d.pages {
        d.break_page();
        band(d, "Information des victimes");
        for s in [
            "Vous pouvez obtenir une copie du procès-verbal de votre plainte auprès du service qui l'a enregistrée ou du procureur de la République.",
            "En cas de danger immédiat, composez le 17 ou envoyez un SMS au 114. Le 3919 écoute les victimes de violences conjugales, gratuitement et anonymement.",
            "Le juge aux affaires familiales peut délivrer en urgence une ordonnance de protection, même sans dépôt de plainte préalable.",
            "Un intervenant social ou une association d'aide aux victimes peut vous accompagner dans vos démarches (hébergement, droits, procédure).",
        ] {
            d.para(s);
        }
    }
}

/// A family judge's protection order (articles 515-9 ff. of the civil code).
fn ordonnance_protection(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let b = other_party(d, f);
    let city = court_city(f);
    let date = days_ago(d, f, 10, 250);
    court_head(
        d,
        &format!("TRIBUNAL JUDICIAIRE DE {}", city.to_uppercase()),
        "Juge aux affaires familiales — service des urgences",
        date,
    );
    heading(d, "ORDONNANCE DE PROTECTION", 13.5);
    let font = d.font;
    let sz = d.size;
    d.line_al(
        Al::C,
        font,
        sz - 1.0,
        "Articles 515-9 et suivants du code civil",
    );
    d.gap(6.0);
    let blocks = vec![
        Block::Para(format!("Nous, {}, assisté(e) de {},", magistrate(d, "juge aux affaires familiales"), magistrate(d, "greffier"))),
        Block::Para(format!("Vu la requête présentée par {} {} à l'encontre de {} {} ;", p.civilite(), pn(p), b.civilite(), pn(&b))),
        Block::Para("Attendu qu'il existe des raisons sérieuses de considérer comme vraisemblables la commission des faits de violence allégués et le danger auquel la partie demanderesse est exposée ;".into()),
        Block::Heading("PAR CES MOTIFS".into()),
        Block::Para(format!("FAISONS INTERDICTION à {} {} de recevoir, de rencontrer ou d'entrer en relation de quelque façon que ce soit avec {} {} ;", b.civilite(), pn(&b), p.civilite(), pn(p))),
        Block::Para(format!("INTERDISONS à {} de se rendre à moins de {} mètres du domicile de la partie demanderesse ;", pn(&b), d.pick(&[200, 300, 500]))),
        Block::Para(format!("ATTRIBUONS à {} {} la jouissance du logement ; AUTORISONS la partie demanderesse à dissimuler son adresse et à élire domicile chez son avocat ;", p.civilite(), pn(p))),
        Block::Para("STATUONS sur l'exercice de l'autorité parentale : résidence des enfants fixée chez la partie demanderesse, droit de visite en espace de rencontre ;".into()),
        Block::Para(format!("DISONS que les présentes mesures sont prises pour une durée de douze mois à compter de la notification, soit jusqu'au {} ;", d_slash(add_months(date, 12)))),
        Block::Para("RAPPELONS que la violation des obligations ou interdictions imposées par la présente ordonnance constitue un délit puni de deux ans d'emprisonnement et de 15 000 euros d'amende.".into()),
        formule_executoire(),
    ];
    pages_footer(d, None);
    spread(d, &blocks, 0.0, &[PLEAD, FAMILY].concat());
    place_date(d, city, date);
    signed(
        d,
        "Le juge aux affaires familiales",
        "",
        &["TRIBUNAL JUDICIAIRE", city],
    );
}

/// The first page of the complaint record (a header grid of the unit, time and case).
fn pv_audition(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (unit, police) = police_unit(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let date = days_ago(d, f, 5, 300);
    let w = x1 - x0;
    d.rect(x0, top, w, 64.0, 0.8);
    d.vline(x0 + w * 0.5, top, top + 64.0, 0.6);
    lines_at(
        d,
        x0 + 5.0,
        top + 2.0,
        7.8,
        &[
            if police {
                "POLICE NATIONALE".into()
            } else {
                "GENDARMERIE NATIONALE".into()
            },
            unit.clone(),
            format!("Unité : {}", d.digits(5)),
            format!("Tél. {}", tel(d)),
        ],
    );
    lines_at(
        d,
        x0 + w * 0.5 + 5.0,
        top + 2.0,
        7.8,
        &[
            format!("PV n° {}/{}", d.digits(5), date.year()),
            format!("Affaire : {} contre X", np(p)),
            format!("Date : {}", d_slash(date)),
            format!("Heure : {} h {:02}", d.int(8, 23), d.int(0, 59)),
        ],
    );
    d.y = top + 78.0;
    heading(
        d,
        d.pick(&[
            "PROCÈS-VERBAL DE PLAINTE",
            "PROCÈS-VERBAL D'AUDITION DE VICTIME",
        ]),
        13.0,
    );
    let font = d.font;
    let sz = d.size;
    d.line_al(Al::C, font, sz - 1.0, "Copie remise à la victime");
    d.gap(6.0);
    let blocks = vec![
        Block::Para(format!("Se présente devant nous : {} {}, {} le {} {}, de nationalité {}, {}.", p.civilite(), np(p), p.ne(), d_slash(p.naissance), a_ville(&p.lieu_naissance), p.nationalite().to_lowercase(), f.adresse.one_line())),
        Block::Para("Qui, après avoir été informée des droits prévus à l'article 10-2 du code de procédure pénale, déclare :".into()),
        Block::Para(format!("« Je souhaite déposer plainte contre mon ex-compagnon pour des faits de {}. Les faits se sont produits au domicile. Ce n'est pas la première fois. J'ai peur pour moi et pour mes enfants. »", violence_facts(d))),
        Block::Para("Question : Souhaitez-vous être examinée par un médecin ? Réponse : Oui, j'ai un certificat de l'unité médico-judiciaire.".into()),
        Block::Para("Question : Avez-vous un hébergement sûr ? Réponse : Je suis hébergée temporairement par une amie.".into()),
        Block::Para("Lecture faite par elle-même, la plaignante persiste et signe avec nous.".into()),
    ];
    pages_footer(d, None);
    spread(d, &blocks, 0.0, &[]);
    let y = d.y;
    d.text(x0, y + 10.0, font, 9.0, "La plaignante");
    d.text(
        x0 + w / 2.0,
        y + 10.0,
        font,
        9.0,
        "L'officier de police judiciaire",
    );
    d.signature(x0 + 5.0, y + 16.0, 90.0, 26.0);
    d.signature(x0 + w / 2.0 + 5.0, y + 16.0, 90.0, 26.0);
}

// ---------------------------------------------------------------------------------------------
// Divorce

/// A divorce judgment (grounds, residence of the children, publication in the civil records).
fn jugement_divorce(d: &mut Doc, f: &Foyer) {
    let a = &f.demandeur;
    let b = other_party(d, f);
    let city = court_city(f);
    let date = days_ago(d, f, 30, 700);
    court_head(
        d,
        &format!("TRIBUNAL JUDICIAIRE DE {}", city.to_uppercase()),
        "Affaires familiales — divorces",
        date,
    );
    heading(
        d,
        d.pick(&[
            "JUGEMENT DE DIVORCE",
            "JUGEMENT",
            "Jugement prononçant le divorce",
        ]),
        13.5,
    );
    let mariage = add_months(date, -12 * d.int(3, 18) as i32);
    let ground = d.pick(&[
        "sur le fondement de l'article 233 du code civil (acceptation du principe de la rupture du mariage)",
        "pour altération définitive du lien conjugal (article 237 du code civil)",
        "pour faute, aux torts exclusifs de l'époux défendeur",
    ]);
    let mut blocks = party_blocks(d, f, "DEMANDEUR(ESSE) :", a, "DÉFENDEUR(ESSE) :", &b);
    blocks.extend([
        Block::Heading("EXPOSÉ DU LITIGE".into()),
        Block::Para(format!("{} et {} ont contracté mariage le {} devant l'officier de l'état civil de {}, sans contrat de mariage préalable.", pn(a), pn(&b), d_long(mariage), d.pick(data::COMMUNES).nom)),
        Block::Heading("MOTIFS".into()),
        Block::Para(PLEAD[0].into()),
        Block::Heading("PAR CES MOTIFS".into()),
        Block::Para("Le tribunal, statuant publiquement, par jugement contradictoire, en premier ressort, après débats en chambre du conseil,".into()),
        Block::Para(format!("PRONONCE le divorce de {} {} et de {} {}, {} ;", a.civilite(), np(a), b.civilite(), np(&b), ground)),
        Block::Para(format!("ORDONNE la mention du dispositif du présent jugement en marge de l'acte de mariage et des actes de naissance des époux ; FIXE au {} la date des effets du divorce dans les rapports entre époux en ce qui concerne leurs biens ;", d_slash(add_months(date, -d.int(6, 24) as i32)))),
        Block::Para(format!("DIT que l'autorité parentale est exercée en commun et FIXE la résidence des enfants ({}) chez {} ;", children_list(f), pn(a))),
        Block::Para("DIT n'y avoir lieu à prestation compensatoire ; laisse à chacune des parties la charge de ses dépens.".into()),
        formule_executoire(),
    ]);
    pages_footer(d, Some(rg(d, date.year())));
    spread(d, &blocks, 0.0, &[PLEAD, FAMILY].concat());
    signed(
        d,
        "Le greffier                     Le juge aux affaires familiales",
        "",
        &["TRIBUNAL JUDICIAIRE"],
    );
}

/// A notary's attestation of deposit of a divorce agreement signed by the spouses' lawyers.
fn depot_notaire(d: &mut Doc, f: &Foyer) {
    let a = &f.demandeur;
    let b = other_party(d, f);
    let c = f.adresse.commune;
    let (x0, top) = (d.x0, d.top);
    let n = stranger(d, None, (1960, 1988));
    let office = format!(
        "Office notarial {} {}",
        d.pick(&["de Maître", "— Maître"]),
        pn(&n)
    );
    let r = logo(
        d,
        x0,
        top,
        "N",
        &office,
        &format!("Notaire {}", a_ville(c.nom)),
    );
    let y = lines_at(
        d,
        x0,
        r.y + r.h + 4.0,
        7.5,
        &[
            street(d),
            format!("{} {}", c.cp, c.nom.to_uppercase()),
            format!("Tél. {}", tel(d)),
        ],
    );
    d.y = y + 18.0;
    heading(
        d,
        d.pick(&[
            "ATTESTATION DE DÉPÔT",
            "Attestation de dépôt au rang des minutes",
            "ATTESTATION NOTARIÉE",
        ]),
        13.5,
    );
    let font = d.font;
    let sz = d.size;
    d.line_al(
        Al::C,
        font,
        sz - 0.5,
        "Divorce par consentement mutuel par acte sous signature privée contresigné par avocats",
    );
    d.gap(8.0);
    let conv = days_ago(d, f, 30, 500);
    let depot = conv + chrono::Duration::days(d.int(8, 15));
    d.para(&format!(
        "Je soussigné(e), Maître {}, notaire à {}, atteste avoir reçu au rang de mes minutes, le {}, la convention de divorce par consentement mutuel en date du {}, conclue entre :",
        pn(&n),
        c.nom,
        d_long(depot),
        d_long(conv)
    ));
    for p in [a, &b] {
        d.para(&format!(
            "— {} {}, {} le {} {} ;",
            p.civilite(),
            np(p),
            p.ne(),
            d_slash(p.naissance),
            a_ville(&p.lieu_naissance)
        ));
    }
    d.para(&format!(
        "assistés respectivement de {} et de {}.",
        lawyer(d, c.prefecture),
        lawyer(d, c.prefecture)
    ));
    d.para("Le notaire a contrôlé le respect des exigences formelles prévues par les articles 229-1 et suivants du code civil, ainsi que l'expiration du délai de réflexion de quinze jours.");
    d.para(&format!("Ce dépôt confère à la convention date certaine et force exécutoire. Le divorce prend effet à la date du dépôt, soit le {}.", d_slash(depot)));
    d.para("La présente attestation est délivrée pour permettre l'accomplissement des formalités de mention en marge des actes de l'état civil.");
    place_date(d, c.nom, depot + chrono::Duration::days(d.int(1, 10)));
    signed(
        d,
        "Le notaire",
        &format!("Maître {}", pn(&n)),
        &["NOTAIRE", c.nom],
    );
    for _ in 1..d.pages {
        d.break_page();
        band(d, "Extrait de la convention");
        for s in [
            "Les époux conviennent de la résidence alternée des enfants, selon un rythme d'une semaine sur deux.",
            "Le domicile conjugal, bien locatif, est attribué à l'épouse, qui en assumera seule le loyer à compter de la date du divorce.",
            "Aucune prestation compensatoire n'est due. Les époux déclarent avoir procédé au partage de leurs biens mobiliers.",
        ] {
            d.para(s);
        }
    }
}

/// Interim measures pending divorce: separate residences, use of the home, children.
fn mesures_provisoires(d: &mut Doc, f: &Foyer) {
    let a = &f.demandeur;
    let b = other_party(d, f);
    let city = court_city(f);
    let date = days_ago(d, f, 20, 400);
    court_head(
        d,
        &format!("Tribunal judiciaire de {city}"),
        "Juge aux affaires familiales",
        date,
    );
    heading(
        d,
        d.pick(&[
            "ORDONNANCE SUR MESURES PROVISOIRES",
            "Ordonnance d'orientation et sur mesures provisoires",
        ]),
        13.0,
    );
    let blocks = vec![
        Block::Para(format!("Dans l'instance en divorce introduite par {} {} contre {} {},", a.civilite(), pn(a), b.civilite(), pn(&b))),
        Block::Para("Après avoir entendu les parties et leurs conseils à l'audience d'orientation,".into()),
        Block::Heading("STATUANT SUR LES MESURES PROVISOIRES :".into()),
        Block::Para("CONSTATONS que les époux résident séparément ;".into()),
        Block::Para(format!("ATTRIBUONS à {} {} la jouissance du domicile conjugal situé {}, à titre gratuit ;", a.civilite(), pn(a), f.adresse.one_line())),
        Block::Para(format!("FIXONS la résidence habituelle des enfants ({}) au domicile de {} ;", children_list(f), pn(a))),
        Block::Para(format!("FIXONS la pension alimentaire due au titre du devoir de secours à {} par mois ;", money(d, (d.int(10, 40) * 10) as f64))),
        Block::Para("RENVOYONS l'affaire à la mise en état ; disons que les dépens suivront le sort de l'instance principale.".into()),
    ];
    pages_footer(d, None);
    spread(d, &blocks, 0.0, &[PLEAD, FAMILY].concat());
    place_date(d, city, date);
    signed(d, "Le juge aux affaires familiales", "", &["GREFFE"]);
}
