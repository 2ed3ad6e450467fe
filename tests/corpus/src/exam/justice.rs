//! Courts, bailiffs and police: custody judgments, divorces, evictions, complaints and
//! protection orders.

use chrono::Datelike;

use super::*;
use crate::data::{self, Foyer, Person, Sexe};
use crate::doc::{Al, Block, Doc};
use crate::raster::F;

pub(crate) const JUGG: &[Tpl] = &[jaf_jugement, convention_homologuee, jaf_ordonnance_modif];
pub(crate) const DIVOR: &[Tpl] = &[divorce_jugement, divorce_notaire, mesures_provisoires];
pub(crate) const EXPUL: &[Tpl] = &[commandement_quitter, jcp_jugement, concours_force_publique];
pub(crate) const VIOL: &[Tpl] = &[
    recepisse_plainte_police,
    gendarmerie_plainte,
    ordonnance_protection,
];

const COURT_FILL: &[&str] = &[
    "Les débats se sont tenus en chambre du conseil, la nature de l'affaire justifiant que la publicité en soit écartée.",
    "Les parties ont comparu en personne, assistées de leurs conseils respectifs, qui ont été entendus en leurs observations.",
    "Le juge a vérifié que les parties avaient été informées de la faculté de recourir à la médiation familiale et des modalités de son organisation.",
    "Il ressort des pièces produites que les parents ont organisé, depuis leur séparation, une alternance qui a donné satisfaction jusqu'au changement de domicile de l'un d'eux.",
    "La contribution de chacun des parents à l'entretien et à l'éducation des enfants est fixée à proportion de ses ressources, de celles de l'autre parent et des besoins des enfants.",
    "L'intérêt de l'enfant commande que soient préservés ses repères scolaires et affectifs ; la stabilité de son cadre de vie constitue à cet égard un élément déterminant.",
    "Aucun élément du dossier ne permet de douter de la capacité de l'un ou l'autre des parents à prendre en charge les enfants dans de bonnes conditions.",
    "Les parties ont produit leurs avis d'imposition et leurs justificatifs de charges ; leurs situations respectives sont exposées dans les motifs qui suivent.",
    "Le montant de la pension sera indexé chaque année sur l'indice des prix à la consommation des ménages urbains hors tabac publié par l'INSEE.",
    "La décision sera assortie de l'exécution provisoire, celle-ci étant de droit en la matière.",
    "La demande formée au titre de l'article 700 du code de procédure civile sera rejetée, l'équité ne commandant pas d'y faire droit.",
    "Chaque partie conservera la charge de ses propres dépens, compte tenu de la nature familiale du litige.",
    "Le greffe notifiera la présente décision aux parties par lettre recommandée avec demande d'avis de réception.",
    "Le juge rappelle que la pension alimentaire peut être versée par l'intermédiaire de l'organisme débiteur des prestations familiales.",
];

fn court(d: &Doc, f: &Foyer) -> String {
    let c = local(d, f);
    format!(
        "TRIBUNAL JUDICIAIRE {}",
        data::de(c.prefecture).to_uppercase()
    )
}

fn rg(d: &Doc, year: i32) -> String {
    format!(
        "N° RG {}/{} — N° Portalis {}-{}-{}",
        year % 100,
        d.digits(5),
        d.upper(4),
        d.upper(1),
        d.digits(5)
    )
}

/// The court's top block: court, chamber, RG number; then parties.
fn court_head(
    d: &mut Doc,
    f: &Foyer,
    chamber: &str,
    kind: &str,
    date: chrono::NaiveDate,
) -> (String, String) {
    let x0 = d.x0;
    let y0 = d.y;
    let crt = court(d, f);
    let rgn = rg(d, date.year());
    let yb = rf_mark(d, x0, y0, &[&crt, chamber]);
    let x1 = d.x1;
    lines_rt(
        d,
        x1,
        y0 + 4.0,
        F::Sans,
        7.5,
        &[
            rgn.clone(),
            format!("Minute n° {}/{}", date.year() % 100, d.digits(4)),
            format!("Décision du {}", data::d_slash(date)),
        ],
    );
    d.y = yb + 8.0;
    title(d, kind, 12.5);
    (rgn, crt)
}

fn judge(d: &Doc) -> Person {
    outsider(d, None, (1960, 1990))
}

fn lawyer(d: &Doc, f: &Foyer) -> String {
    let a = outsider(d, None, (1960, 1992));
    format!(
        "Maître {}, avocat au barreau {}",
        tname(&a),
        data::de(local(d, f).prefecture)
    )
}

fn kids_line(f: &Foyer) -> String {
    let v: Vec<String> = f
        .enfants
        .iter()
        .map(|e| {
            format!(
                "{} {}, {} le {}",
                e.prenom,
                e.nom,
                e.ne(),
                data::d_slash(e.naissance)
            )
        })
        .collect();
    if v.is_empty() {
        "l'enfant commun".into()
    } else {
        v.join(" ; ")
    }
}

fn kids_names(f: &Foyer) -> String {
    let v: Vec<String> = f.enfants.iter().map(|e| e.prenom.clone()).collect();
    if v.is_empty() {
        "l'enfant".into()
    } else {
        v.join(", ")
    }
}

fn sign_court(d: &mut Doc, j: &Person) {
    let y = d.y;
    let x = d.x0;
    let greffier = outsider(d, None, (1965, 1995));
    sign(d, x, &tname(&greffier), "Le greffier");
    d.y = y;
    let x2 = d.x0 + 260.0;
    sign(d, x2, &tname(j), "Le juge");
}

/// A family-affairs judge's judgment on residence, visiting rights and maintenance.
fn jaf_jugement(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ex = ex_partner(d, f);
    let j = judge(d);
    let date = ago(d, f, 20, 700);
    let (rgn, crt) = court_head(
        d,
        f,
        "Pôle famille — Juge aux affaires familiales",
        "JUGEMENT",
        date,
    );
    let pension = d.int(8, 30) * 10;
    let blocks = vec![
        kb("Affaire :", format!("{} c/ {}", rev(p), rev(&ex))),
        kb("Nature :", "Demande relative à l'exercice de l'autorité parentale"),
        hb(if p.sexe == Sexe::F { "DEMANDERESSE" } else { "DEMANDEUR" }),
        pb(format!("{} {}, {} le {} à {}, demeurant {}, représenté(e) par {}.", p.civilite(), full(p), p.ne(), data::d_slash(p.naissance), p.lieu_naissance, f.adresse.one_line(), lawyer(d, f))),
        hb(if ex.sexe == Sexe::F { "DÉFENDERESSE" } else { "DÉFENDEUR" }),
        pb(format!("{} {}, {} le {}, demeurant {} {}.", ex.civilite(), full(&ex), ex.ne(), data::d_slash(ex.naissance), office_street(d), local(d, f).nom)),
        hb("COMPOSITION"),
        pb(format!("Juge aux affaires familiales : {} ; greffier présent lors des débats.", tname(&j))),
        hb("EXPOSÉ DU LITIGE"),
        pb(format!("De l'union de {} et de {} sont issus : {}.", full(p), full(&ex), kids_line(f))),
        pb("Par requête déposée au greffe, la partie demanderesse a saisi le juge aux affaires familiales aux fins de voir fixer la résidence habituelle des enfants à son domicile."),
        hb("PAR CES MOTIFS"),
        pb("Le juge aux affaires familiales, statuant publiquement par jugement contradictoire et en premier ressort, après débats en chambre du conseil :"),
        pb("Constate que l'autorité parentale à l'égard des enfants est exercée en commun par les deux parents ;"),
        pb(format!("Fixe la résidence habituelle de {} au domicile de {} ;", kids_names(f), full(p))),
        pb(format!("Dit que {} exercera un droit de visite et d'hébergement, à défaut de meilleur accord, les fins de semaine paires du vendredi sortie des classes au dimanche 19 h, ainsi que la moitié des vacances scolaires ;", full(&ex))),
        pb(format!("Fixe à {} euros par mois et par enfant la contribution due par {} à l'entretien et à l'éducation des enfants, payable d'avance avant le 5 de chaque mois, et l'y condamne en tant que de besoin ;", pension, full(&ex))),
        pb("Dit que cette contribution sera versée par l'intermédiaire de l'organisme débiteur des prestations familiales ;"),
        pb("Rappelle que la présente décision est exécutoire à titre provisoire."),
    ];
    page_numbers(d, Some(rgn.clone()));
    pour(
        d,
        &blocks,
        COURT_FILL,
        120.0,
        Some(&format!("{} — {}", crt.clone(), data::d_slash(date))),
        110.0,
    );
    sign_court(d, &j);
}

/// A parental agreement approved by the judge (convention parentale homologuée).
fn convention_homologuee(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ex = ex_partner(d, f);
    let j = judge(d);
    let date = ago(d, f, 20, 900);
    let (_, _) = court_head(
        d,
        f,
        "Juge aux affaires familiales — Cabinet 3",
        "ORDONNANCE D'HOMOLOGATION D'UNE CONVENTION PARENTALE",
        date,
    );
    let blocks = vec![
        pb(format!("Vu la requête conjointe présentée par {} et {}, parents de {} ;", full(p), full(&ex), kids_line(f))),
        pb("Vu la convention signée par les parents et annexée à la présente ordonnance ;"),
        pb("Vu les articles 373-2-7 du code civil et 1143 du code de procédure civile ;"),
        pb("Attendu que la convention préserve suffisamment l'intérêt des enfants et que le consentement des parents a été donné librement ;"),
        hb("PAR CES MOTIFS"),
        pb("Homologuons la convention parentale ci-annexée, qui aura force exécutoire ;"),
        hb("CONVENTION PARENTALE (annexe)"),
        pb(format!("Article 1 — Autorité parentale : exercée conjointement par {} et {}.", full(p), full(&ex))),
        pb(format!("Article 2 — Résidence : la résidence des enfants est fixée {}.", d.pick(&["en alternance une semaine sur deux chez chacun des parents", "chez la mère", "chez le père"]))),
        pb("Article 3 — Droit de visite : le parent chez qui les enfants ne résident pas les accueille une fin de semaine sur deux et la moitié des vacances scolaires."),
        pb(format!("Article 4 — Contribution : {} € par mois et par enfant, révisable chaque année au 1er janvier.", d.int(60, 250))),
        pb("Article 5 — Frais exceptionnels : les frais de scolarité, de santé non remboursés et de voyages scolaires sont partagés par moitié."),
    ];
    pour(
        d,
        &blocks,
        COURT_FILL,
        0.0,
        Some("Ordonnance d'homologation"),
        110.0,
    );
    sign_court(d, &j);
}

/// A later order modifying visiting rights (contact at a meeting place).
fn jaf_ordonnance_modif(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ex = ex_partner(d, f);
    let j = judge(d);
    let date = ago(d, f, 20, 500);
    let (rgn, _) = court_head(
        d,
        f,
        "Affaires familiales",
        "JUGEMENT SUR REQUÊTE EN MODIFICATION DU DROIT DE VISITE",
        date,
    );
    let lieu = d.pick(&[
        "l'espace de rencontre de l'association La Passerelle",
        "l'espace rencontre parents-enfants de l'UDAF",
        "le point rencontre de la Sauvegarde de l'enfance",
    ]);
    let blocks = vec![
        pb(format!("ENTRE {} {}, requérant(e), et {} {}, défendeur(esse).", p.civilite(), full(p), ex.civilite(), full(&ex))),
        hb("MOTIFS"),
        pb("Il résulte des pièces produites que les conditions d'exercice du droit de visite précédemment fixé ne permettent plus d'assurer la sécurité et la sérénité des rencontres."),
        pb("Les enfants ont exprimé, lors de leur audition, le souhait de maintenir un lien avec le parent non gardien dans un cadre apaisé."),
        hb("DISPOSITIF"),
        pb(format!("Maintient la résidence habituelle de {} au domicile de {} ;", kids_names(f), full(p))),
        pb(format!("Dit que le droit de visite de {} s'exercera, pour une durée de six mois, à {}, deux samedis par mois, selon le calendrier fixé par le service ;", full(&ex), lieu)),
        pb("Dit qu'à l'issue de cette période, et à défaut de nouvelle décision, le droit de visite s'exercera librement une fin de semaine sur deux ;"),
        pb("Déboute les parties du surplus de leurs demandes ; laisse à chacune la charge de ses dépens."),
    ];
    pour(d, &blocks, COURT_FILL, 0.0, Some(&rgn.clone()), 110.0);
    sign_court(d, &j);
}

// ---------------------------------------------------------------------------------------------
// Divorce and separation

fn marriage_date(d: &Doc, p: &Person, f: &Foyer) -> chrono::NaiveDate {
    between(
        d,
        p.naissance + chrono::Duration::days(365 * 20),
        data::add_months(f.today, -24),
    )
}

/// A divorce judgment (divorce accepté or for final alteration of the marriage bond).
fn divorce_jugement(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ex = ex_partner(d, f);
    let j = judge(d);
    let date = ago(d, f, 30, 900);
    let wed = marriage_date(d, p, f);
    let wed_town = local(d, f).nom;
    let kind = d.pick(&[
        "sur le fondement de l'article 233 du code civil (acceptation du principe de la rupture)",
        "pour altération définitive du lien conjugal (article 237 du code civil)",
        "pour faute (article 242 du code civil)",
    ]);
    let (_, crt) = court_head(d, f, "Chambre de la famille", "JUGEMENT DE DIVORCE", date);
    let (wife, husband) = if p.sexe == Sexe::F {
        (p.clone(), ex.clone())
    } else {
        (ex.clone(), p.clone())
    };
    let blocks = vec![
        hb("ENTRE"),
        pb(format!("{} {}, {} le {} à {}, demeurant {}, assisté(e) de {},", p.civilite(), full(p), p.ne(), data::d_slash(p.naissance), p.lieu_naissance, f.adresse.one_line(), lawyer(d, f))),
        hb("ET"),
        pb(format!("{} {}, {} le {} à {}, assisté(e) de {}.", ex.civilite(), full(&ex), ex.ne(), data::d_slash(ex.naissance), ex.lieu_naissance, lawyer(d, f))),
        hb("FAITS ET PROCÉDURE"),
        pb(format!("{} et {} se sont mariés le {} devant l'officier de l'état civil de {}, sans contrat de mariage préalable.", full(&husband), full(&wife), data::d_long(wed), wed_town)),
        pb(if f.enfants.is_empty() {
            "Aucun enfant n'est issu de cette union.".to_string()
        } else {
            format!("De cette union sont issus : {}.", kids_line(f))
        }),
        pb("Par acte d'assignation, l'un des époux a introduit l'instance en divorce ; l'autre époux a constitué avocat."),
        hb("PAR CES MOTIFS"),
        pb("Le tribunal, statuant publiquement, par jugement contradictoire et en premier ressort, après débats en chambre du conseil,"),
        pb(format!("PRONONCE le divorce de {} et de {}, {} ;", full(&husband), full(&wife), kind)),
        pb(format!("ORDONNE la mention du présent jugement en marge de l'acte de mariage dressé le {} à {} et des actes de naissance de chacun des époux ;", data::d_slash(wed), wed_town)),
        pb("FIXE la date des effets du divorce dans les rapports entre époux, en ce qui concerne leurs biens, à la date de la demande en divorce ;"),
        pb(format!("DIT que {} ne conservera pas l'usage du nom de son conjoint ;", full(&wife))),
        pb(format!("FIXE la résidence habituelle des enfants chez {} et DIT que l'autorité parentale sera exercée en commun ;", full(p))),
        pb(format!("CONDAMNE {} à verser une contribution à l'entretien et l'éducation des enfants de {} euros par mois et par enfant ;", full(&ex), d.int(8, 30) * 10)),
        pb("DIT que chaque partie conservera la charge de ses propres dépens."),
    ];
    page_numbers(d, Some(format!("Divorce {} / {}", husband.nom, wife.nom)));
    pour(
        d,
        &for_household(f, blocks),
        &fill_for(f, COURT_FILL),
        0.0,
        Some(&format!(
            "{} — Jugement du {}",
            crt.clone(),
            data::d_slash(date)
        )),
        110.0,
    );
    sign_court(d, &j);
}

/// Divorce by mutual consent: the notary's certificate of filing (dépôt au rang des minutes).
fn divorce_notaire(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ex = ex_partner(d, f);
    let notaire = outsider(d, None, (1955, 1988));
    let c = local(d, f);
    let date = ago(d, f, 30, 900);
    let wed = marriage_date(d, p, f);
    let x0 = d.x0;
    let y0 = d.y;
    d.text(
        x0,
        y0 + 12.0,
        F::SerifB,
        11.0,
        &format!("Maître {}", tname(&notaire)),
    );
    d.text(
        x0,
        y0 + 24.0,
        F::Serif,
        8.5,
        &format!("Notaire à {}", c.nom),
    );
    d.text(
        x0,
        y0 + 35.0,
        F::Serif,
        8.0,
        &format!("{} — {} {}", office_street(d), c.cp, c.nom),
    );
    d.text(
        x0,
        y0 + 46.0,
        F::Serif,
        8.0,
        &format!(
            "Tél. {} — office.{}@notaires.fr",
            phone(d),
            data::mrz_name(&notaire.nom).to_lowercase()
        ),
    );
    d.y = y0 + 70.0;
    title(d, "ATTESTATION DE DÉPÔT", 14.0);
    let s = d.size;
    d.line_al(
        Al::C,
        F::Serif,
        s - 1.0,
        "Divorce par consentement mutuel par acte sous signature privée contresigné par avocats",
    );
    d.gap(10.0);
    let blocks: Vec<Block> = vec![
        pb(format!("Je soussigné(e), Maître {}, notaire à {}, atteste avoir reçu, le {}, au rang de mes minutes, la convention de divorce par consentement mutuel établie par acte sous signature privée contresigné par avocats, conclue entre :", tname(&notaire), c.nom, data::d_long(date))),
        pb(format!("{} {}, {} le {} à {}, demeurant {},", p.civilite(), full(p), p.ne(), data::d_slash(p.naissance), p.lieu_naissance, f.adresse.one_line())),
        pb(format!("et {} {}, {} le {} à {},", ex.civilite(), full(&ex), ex.ne(), data::d_slash(ex.naissance), ex.lieu_naissance)),
        pb(format!("mariés le {} à {}.", data::d_long(wed), local(d, f).nom)),
        pb("J'ai contrôlé le respect des exigences formelles prévues aux 1° à 6° de l'article 229-3 du code civil et vérifié que le délai de réflexion de quinze jours prévu à l'article 229-4 a été respecté."),
        pb("Ce dépôt confère à la convention date certaine et force exécutoire. Le divorce prend effet à la date du dépôt."),
        pb("La présente attestation est délivrée pour permettre la mention du divorce en marge des actes de l'état civil et pour servir et valoir ce que de droit."),
    ];
    pour(
        d,
        &for_household(f, blocks),
        &fill_for(f, COURT_FILL),
        0.0,
        Some(&format!("Attestation de dépôt — Me {}", tname(&notaire))),
        100.0,
    );
    d.para(&format!(
        "Fait à {}, le {}",
        c.nom,
        data::d_slash(date + chrono::Duration::days(d.int(1, 10)))
    ));
    let sx = d.x0 + 250.0;
    sign(d, sx, &format!("Me {}", tname(&notaire)), "Le notaire");
    d.stamp(sx - 60.0, d.y - 35.0, 28.0, &["OFFICE NOTARIAL", c.nom]);
}

/// An order on provisional measures during the divorce proceedings (separate residences).
fn mesures_provisoires(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ex = ex_partner(d, f);
    let j = judge(d);
    let date = ago(d, f, 20, 400);
    let (rgn, _) = court_head(
        d,
        f,
        "Juge aux affaires familiales",
        "ORDONNANCE SUR MESURES PROVISOIRES",
        date,
    );
    let blocks = vec![
        pb(format!("Dans l'instance en divorce opposant {} {} à {} {} ;", p.civilite(), full(p), ex.civilite(), full(&ex))),
        pb("Vu l'assignation en divorce et les conclusions d'incident aux fins de mesures provisoires ;"),
        pb("Après avoir entendu les parties et leurs conseils à l'audience d'orientation et sur mesures provisoires ;"),
        hb("STATUANT SUR LES MESURES PROVISOIRES"),
        pb("Constate que les époux résident séparément et les autorise à continuer de résider séparément ;"),
        pb(format!("Attribue à {} la jouissance du logement familial, à titre {} ;", full(&ex), d.pick(&["onéreux", "gratuit"]))),
        pb(format!("Dit que {} devra quitter le domicile conjugal au plus tard dans un délai d'un mois ;", full(p))),
        pb(format!("Fixe la résidence des enfants chez {} ; dit que l'autorité parentale est exercée en commun ;", full(p))),
        pb(format!("Fixe à {} euros par mois la pension alimentaire au titre du devoir de secours ;", d.int(10, 40) * 10)),
        pb("Renvoie l'affaire à la mise en état."),
    ];
    pour(
        d,
        &for_household(f, blocks),
        &fill_for(f, COURT_FILL),
        0.0,
        Some(&rgn.clone()),
        110.0,
    );
    sign_court(d, &j);
}

// ---------------------------------------------------------------------------------------------
// Eviction

const EVICT_FILL: &[&str] = &[
    "Le bail signé entre les parties comporte une clause résolutoire pour défaut de paiement du loyer et des charges aux termes convenus.",
    "Un commandement de payer visant la clause résolutoire a été délivré au locataire ; les causes n'en ont pas été réglées dans le délai de deux mois.",
    "Le bailleur justifie avoir saisi la commission de coordination des actions de prévention des expulsions locatives deux mois au moins avant l'assignation.",
    "L'assignation a été notifiée à la préfecture par voie électronique six semaines au moins avant l'audience.",
    "Le décompte locatif produit fait apparaître une dette dont le montant, arrêté au jour de l'audience, n'est pas contesté dans son principe.",
    "Le locataire, qui a comparu, sollicite des délais de paiement ; il ne justifie toutefois pas d'une reprise du paiement du loyer courant.",
    "Le diagnostic social et financier transmis avant l'audience fait état de la situation du ménage et des démarches entreprises.",
    "Il convient de condamner le locataire au paiement d'une indemnité d'occupation mensuelle égale au montant du loyer et des charges, jusqu'à la libération effective des lieux.",
    "L'expulsion ne pourra avoir lieu qu'à l'expiration d'un délai de deux mois suivant la délivrance d'un commandement de quitter les lieux.",
    "Il est rappelé qu'aucune mesure d'expulsion ne peut être exécutée pendant la trêve hivernale, du 1er novembre au 31 mars de l'année suivante.",
];

/// The bailiff's order to leave the premises (commandement de quitter les lieux).
fn commandement_quitter(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let cj = outsider(d, None, (1960, 1990));
    let c = local(d, f);
    let bailleur = if d.chance(0.5) {
        format!(
            "la société {}",
            d.pick(&[
                "Immobilière Atlantic Aménagement",
                "Habitat Sud Atlantique",
                "SCI Les Acacias",
                "SA HLM Le Foyer"
            ])
        )
    } else {
        let l = outsider(d, None, (1945, 1980));
        format!("{} {}", l.civilite(), full(&l))
    };
    let date = ago(d, f, 5, 200);
    let judgment = date - chrono::Duration::days(d.int(30, 120));
    let x0 = d.x0;
    let y0 = d.y;
    d.text(
        x0,
        y0 + 10.0,
        F::SerifB,
        10.0,
        &format!("{} — Commissaire de justice", full(&cj).to_uppercase()),
    );
    d.text(
        x0,
        y0 + 22.0,
        F::Serif,
        8.0,
        &format!("{} {} {}", office_street(d), c.cp, c.nom),
    );
    let x1 = d.x1;
    d.text_al(
        x1,
        y0 + 10.0,
        Al::Rt,
        F::Serif,
        8.0,
        &format!("Réf. dossier : {}", refno(d, date.year())),
    );
    d.text_al(x1, y0 + 22.0, Al::Rt, F::SerifB, 8.5, "EXPÉDITION");
    d.y = y0 + 40.0;
    title(d, "COMMANDEMENT DE QUITTER LES LIEUX", 14.0);
    let blocks = vec![
        pb(format!("L'AN {} ET LE {}", in_words(date.year() as u32).to_uppercase(), date_in_words(date).to_uppercase())),
        pb(format!("À LA DEMANDE DE : {}, bailleur,", bailleur)),
        pb(format!("Agissant en vertu d'un jugement rendu par le juge des contentieux de la protection du tribunal judiciaire {} le {}, signifié le {}, revêtu de la formule exécutoire ;", data::de(c.prefecture), data::d_slash(judgment), data::d_slash(judgment + chrono::Duration::days(d.int(10, 30))))),
        pb(format!("Je, {}, commissaire de justice, soussigné(e),", full(&cj))),
        pb(format!("AI FAIT COMMANDEMENT À : {} {}, demeurant {},", p.civilite(), full(p), f.adresse.one_line())),
        pb(format!("D'AVOIR À LIBÉRER les locaux qu'il/elle occupe à l'adresse susvisée, de sa personne, de ses biens et de tous occupants de son chef, dans un délai de DEUX MOIS à compter de la signification du présent acte, soit au plus tard le {}.", data::d_slash(data::add_months(date, 2)))),
        pb("LUI DÉCLARANT qu'à défaut de ce faire dans ce délai, il sera procédé à son expulsion et à celle de tous occupants de son chef, au besoin avec l'assistance de la force publique."),
        pb("TRÈS IMPORTANT : vous pouvez saisir le juge de l'exécution afin de demander des délais pour quitter les lieux (articles L. 412-3 à L. 412-6 du code des procédures civiles d'exécution). Vous pouvez également saisir la commission de médiation en vue d'une demande de logement au titre du droit au logement opposable."),
    ];
    page_numbers(
        d,
        Some(format!("Acte de {} — {}", full(&cj), data::d_slash(date))),
    );
    pour(
        d,
        &blocks,
        EVICT_FILL,
        0.0,
        Some("Commandement de quitter les lieux"),
        120.0,
    );
    d.para(&format!(
        "Coût de l'acte : {} € TTC — Acte remis à {}",
        data::num(d.int(90, 180) as f64 + 0.45),
        d.pick(&["personne", "domicile", "l'étude (avis de passage)"])
    ));
    let sx = d.x0 + 260.0;
    sign(d, sx, &full(&cj), "Le commissaire de justice");
    d.stamp(
        sx - 60.0,
        d.y - 30.0,
        26.0,
        &["COMMISSAIRE", "DE JUSTICE", c.nom],
    );
}

/// The judgment of the juge des contentieux de la protection (lease terminated, eviction).
fn jcp_jugement(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let j = judge(d);
    let c = local(d, f);
    let date = ago(d, f, 20, 300);
    let landlord = one(
        d,
        vec![
            format!("{} Habitat", c.dep_nom),
            "SCI du Moulin".to_string(),
            format!("OPH {}", data::de(c.prefecture)),
            "SA HLM Logis Familial".to_string(),
        ],
    );
    let (_, _) = court_head(
        d,
        f,
        "Juge des contentieux de la protection",
        "JUGEMENT — EXPULSION",
        date,
    );
    let debt = d.int(1200, 9800) as f64;
    let blocks = vec![
        kb("DEMANDEUR :", landlord.clone()),
        kb("DÉFENDEUR :", format!("{} {}", p.civilite(), full(p))),
        pb(format!("Logement : {}.", f.adresse.one_line())),
        hb("EXPOSÉ DU LITIGE"),
        pb(format!("Par acte de commissaire de justice, {} a fait assigner {} aux fins de voir constater la résiliation du bail, ordonner son expulsion et le condamner au paiement de l'arriéré locatif.", landlord, full(p))),
        hb("MOTIFS DE LA DÉCISION"),
        pb(EVICT_FILL[1]),
        pb(EVICT_FILL[4]),
        hb("PAR CES MOTIFS"),
        pb("Le juge des contentieux de la protection, statuant publiquement, par jugement contradictoire et en premier ressort :"),
        pb(format!("CONSTATE l'acquisition de la clause résolutoire du bail à la date du {} ;", data::d_slash(date - chrono::Duration::days(d.int(60, 200))))),
        pb(format!("ORDONNE l'expulsion de {} et de tous occupants de son chef, au besoin avec le concours de la force publique, à défaut de libération volontaire des lieux dans les deux mois de la délivrance d'un commandement de quitter les lieux ;", full(p))),
        pb(format!("CONDAMNE {} à payer la somme de {} euros au titre de l'arriéré locatif arrêté au jour de l'audience, ainsi qu'une indemnité d'occupation mensuelle jusqu'à la libération des lieux ;", full(p), data::num(debt))),
        pb("DIT que la présente décision sera transmise au représentant de l'État dans le département."),
    ];
    pour(
        d,
        &blocks,
        EVICT_FILL,
        110.0,
        Some(&format!("Jugement du {} — JCP", data::d_slash(date))),
        110.0,
    );
    sign_court(d, &j);
}

/// The préfecture's letter granting the police's assistance for the eviction.
fn concours_force_publique(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (name, to) = to_applicant(d, f, p);
    let date = ago(d, f, 5, 120);
    letter_head(
        d,
        true,
        &format!("PRÉFET {}", data::dep_de(c.dep_nom).to_uppercase()),
        &[
            "Direction de la citoyenneté".to_string(),
            "Bureau des expulsions locatives".to_string(),
        ],
        &name,
        &to,
        &[
            (
                "Affaire suivie par".to_string(),
                tname(&outsider(d, None, (1965, 1995))),
            ),
            (
                "Réf.".to_string(),
                format!("EXP-{}-{}", date.year(), d.digits(5)),
            ),
        ],
        &format!("{}, le {}", c.prefecture, data::d_long(date)),
    );
    subject_line(
        d,
        "Objet : décision d'octroi du concours de la force publique — expulsion locative",
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
    d.para(&format!(
        "Par jugement du tribunal judiciaire, votre expulsion du logement situé {} a été ordonnée. Le commandement de quitter les lieux vous a été signifié et le délai qu'il vous accordait est expiré.",
        f.adresse.one_line()
    ));
    d.para(&format!(
        "Saisi par le commissaire de justice mandaté par votre bailleur, j'ai décidé d'accorder le concours de la force publique à compter du {}.",
        data::d_slash(date + chrono::Duration::days(d.int(15, 45)))
    ));
    d.para("Je vous invite à prendre sans délai toutes dispositions pour libérer les lieux et à vous rapprocher des services sociaux de votre commune ou du département, ainsi que du SIAO (115), pour trouver une solution d'hébergement ou de relogement.");
    d.para("Je vous rappelle que vous pouvez déposer un recours amiable devant la commission de médiation DALO.");
    d.para("Je vous prie d'agréer l'expression de ma considération distinguée.");
    let sx = d.x0 + 260.0;
    sign(
        d,
        sx,
        "",
        "Pour le préfet et par délégation, le sous-préfet",
    );
    annex(d, "Annexe — Les aides et interlocuteurs à votre disposition", &[
        "Le service intégré d'accueil et d'orientation (SIAO) recense les places d'hébergement disponibles : composez le 115, gratuitement, 24 heures sur 24.",
        "L'agence départementale d'information sur le logement (ADIL) vous informe gratuitement sur vos droits et vos obligations de locataire.",
        "Le fonds de solidarité pour le logement (FSL) peut, sous conditions de ressources, accorder des aides pour l'accès à un nouveau logement : dépôt de garantie, premier loyer, assurance.",
        "La commission de médiation DALO peut être saisie si vous êtes menacé(e) d'expulsion sans relogement ; le formulaire est disponible en préfecture et sur service-public.fr.",
        "Le service social de votre commune (CCAS) ou du conseil départemental peut vous accompagner dans vos démarches et dans la constitution de votre demande de logement social.",
        "Pensez à mettre à jour votre demande de logement social en signalant la procédure d'expulsion : elle constitue un critère de priorité.",
        "Le point-justice le plus proche de votre domicile peut vous orienter vers un avocat ; l'aide juridictionnelle peut couvrir tout ou partie des frais.",
        "Le commissaire de justice chargé de l'exécution vous informera de la date de l'intervention ; les meubles laissés sur place feront l'objet d'un inventaire.",
    ]);
}

// ---------------------------------------------------------------------------------------------
// Violence: complaints and protection orders

/// The police's receipt of a complaint (récépissé de dépôt de plainte).
fn recepisse_plainte_police(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let officer = outsider(d, None, (1970, 1998));
    let date = ago(d, f, 3, 300);
    let x0 = d.x0;
    let y0 = d.y;
    let yb = rf_mark(
        d,
        x0,
        y0,
        &[
            "Ministère de l'Intérieur",
            "Police nationale",
            &format!("Commissariat {}", data::de(c.nom)),
            "Brigade de protection des familles",
        ],
    );
    let x1 = d.x1;
    lines_rt(
        d,
        x1,
        y0 + 4.0,
        F::Sans,
        7.5,
        &[
            format!(
                "Procès-verbal n° {}/{}/{}",
                date.year(),
                d.digits(5),
                d.digits(3)
            ),
            format!("Affaire : {}", p.nom),
        ],
    );
    d.y = yb + 8.0;
    title(d, "RÉCÉPISSÉ DE DÉPÔT DE PLAINTE", 13.5);
    let s = d.size;
    d.line_al(
        Al::C,
        F::Sans,
        s - 1.5,
        "(article 15-3 du code de procédure pénale)",
    );
    d.gap(10.0);
    let tab = 170.0;
    d.kv(
        "Plaignant(e) :",
        &format!("{} {}", p.civilite(), rev(p)),
        tab,
    );
    d.kv(
        "Né(e) le :",
        &format!("{} à {}", data::d_slash(p.naissance), p.lieu_naissance),
        tab,
    );
    d.kv("Domicile :", &f.adresse.one_line(), tab);
    d.kv(
        "Date et heure du dépôt :",
        &format!(
            "{} à {:02} h {:02}",
            data::d_slash(date),
            d.int(8, 22),
            d.int(0, 59)
        ),
        tab,
    );
    d.kv(
        "Nature des faits :",
        d.pick(&[
            "Violences volontaires par conjoint ou concubin",
            "Violences habituelles par conjoint",
            "Menaces de mort réitérées par ex-conjoint",
            "Harcèlement moral au sein du couple",
        ]),
        tab,
    );
    d.kv(
        "Date des faits :",
        &data::d_slash(date - chrono::Duration::days(d.int(0, 20))),
        tab,
    );
    d.kv("Lieu des faits :", c.nom, tab);
    d.kv(
        "Mis en cause :",
        d.pick(&[
            "conjoint / ex-conjoint (identité connue)",
            "concubin",
            "partenaire de PACS",
        ]),
        tab,
    );
    d.gap(8.0);
    for t in [
        "La victime a été informée de ses droits : obtenir réparation de son préjudice, se constituer partie civile, être aidée par une association d'aide aux victimes, demander une ordonnance de protection au juge aux affaires familiales.",
        "Numéros utiles : 17 (urgence), 3919 (Violences Femmes Info), 116 006 (France Victimes).",
    ] {
        fine(d, t);
    }
    d.gap(8.0);
    let y = d.y;
    let x = d.x0;
    sign(
        d,
        x,
        &format!(
            "{} {}",
            d.pick(&["Brigadier-chef", "Gardien de la paix", "Capitaine"]),
            tname(&officer)
        ),
        "L'officier ou agent de police judiciaire",
    );
    d.y = y;
    let x2 = d.x0 + 270.0;
    sign(d, x2, &full(p), "Le/la plaignant(e)");
    if d.pages > 1 {
        d.break_page();
        title(d, "INFORMATION DES VICTIMES", 12.0);
        for t in POLICE_INFO {
            d.para(t);
        }
    }
}

const POLICE_INFO: &[&str] = &[
    "Vous pouvez être assisté(e) par un avocat, désigné par vous ou commis d'office ; les frais peuvent être pris en charge par l'aide juridictionnelle selon vos ressources.",
    "Vous pouvez demander à être informé(e) des suites données à votre plainte et des décisions de remise en liberté de l'auteur présumé.",
    "Si vous êtes en danger, vous pouvez solliciter un téléphone grave danger ou un bracelet anti-rapprochement auprès du procureur de la République.",
    "Vous pouvez saisir le juge aux affaires familiales d'une demande d'ordonnance de protection, même sans avoir déposé plainte.",
    "Les associations d'aide aux victimes vous accompagnent gratuitement dans vos démarches juridiques, sociales et psychologiques.",
    "En cas de départ du domicile, vos démarches de relogement peuvent être facilitées : signalez votre situation au service social et à votre bailleur.",
];

/// The gendarmerie's complaint record (procès-verbal d'audition de victime, first page).
fn gendarmerie_plainte(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let date = ago(d, f, 3, 300);
    let gend = outsider(d, None, (1975, 2000));
    let x0 = d.x0;
    let y0 = d.y;
    let yb = rf_mark(
        d,
        x0,
        y0,
        &[
            "Gendarmerie nationale",
            &format!("Brigade territoriale autonome {}", data::de(c.nom)),
            &format!("Compagnie {}", data::de(c.prefecture)),
        ],
    );
    d.y = yb + 6.0;
    dark_band(d, "PROCÈS-VERBAL DE PLAINTE");
    two_cols(
        d,
        &[
            ("PV n° :".into(), format!("{}/{}", d.digits(5), date.year())),
            ("Date :".into(), data::d_slash(date)),
            (
                "Heure :".into(),
                format!("{:02}h{:02}", d.int(8, 23), d.int(0, 59)),
            ),
            ("Unité :".into(), format!("BTA {}", c.nom)),
        ],
    );
    let blocks = vec![
        pb(format!("Nous, {} {}, officier de police judiciaire en résidence à {},", d.pick(&["Maréchal des logis-chef", "Adjudant", "Gendarme"]), full(&gend), c.nom)),
        pb("Agissant en enquête préliminaire, nous trouvant au bureau de notre unité, recevons la plainte de la personne ci-après dénommée :"),
        pb(format!("{} {}, {} le {} à {}, de nationalité {}, demeurant {}.", p.civilite(), full(p), p.ne(), data::d_slash(p.naissance), p.lieu_naissance, p.nationalite().to_lowercase(), f.adresse.one_line())),
        pb(if p.sexe == Sexe::F {
            "Déclare : « Je viens déposer plainte contre mon conjoint pour les faits de violences que je subis. La situation dure depuis plusieurs mois. Hier soir, il m'a poussée contre le mur devant les enfants. J'ai quitté le logement avec les enfants et je suis hébergée provisoirement. »"
        } else {
            "Déclare : « Je viens déposer plainte contre ma compagne pour les faits de violences que je subis. La situation dure depuis plusieurs mois. Hier soir, elle m'a frappé au visage devant les enfants. J'ai quitté le logement et je suis hébergé provisoirement chez un ami. »"
        }),
        pb("Question : Souhaitez-vous être examiné(e) par un médecin ? Réponse : Oui, j'ai été orienté(e) vers l'unité médico-judiciaire."),
        pb("La victime est informée de ses droits et des dispositifs de protection ; elle se voit remettre un récépissé et une copie du présent procès-verbal."),
        pb("Lecture faite par elle-même, elle persiste et signe avec nous."),
    ];
    pour(
        d,
        &blocks,
        POLICE_INFO,
        0.0,
        Some(&format!("PV de plainte — {}", data::d_slash(date))),
        100.0,
    );
    let y = d.y;
    let x = d.x0;
    sign(d, x, &full(p), "La plaignante / le plaignant");
    d.y = y;
    let x2 = d.x0 + 270.0;
    sign(d, x2, &tname(&gend), "L'OPJ");
}

/// A protection order of the family-affairs judge.
fn ordonnance_protection(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ex = ex_partner(d, f);
    let j = judge(d);
    let date = ago(d, f, 5, 180);
    let (_, _) = court_head(
        d,
        f,
        "Juge aux affaires familiales — Service des urgences",
        "ORDONNANCE DE PROTECTION",
        date,
    );
    let blocks = vec![
        kb("DEMANDEUR(ESSE) :", format!("{} {}, domicile élu chez son avocat", p.civilite(), full(p))),
        kb("DÉFENDEUR(ESSE) :", format!("{} {}", ex.civilite(), full(&ex))),
        pb("Vu les articles 515-9 et suivants du code civil ;"),
        pb("Attendu qu'il existe des raisons sérieuses de considérer comme vraisemblables la commission des faits de violence allégués et le danger auquel la partie demanderesse et les enfants sont exposés ;"),
        hb("PAR CES MOTIFS"),
        pb(format!("FAISONS INTERDICTION à {} de recevoir ou de rencontrer {}, ainsi que d'entrer en relation avec elle/lui de quelque façon que ce soit ;", full(&ex), full(p))),
        pb(format!("FAISONS INTERDICTION à {} de se rendre au domicile de {} et sur son lieu de travail, et de détenir ou porter une arme ;", full(&ex), full(p))),
        pb(format!("AUTORISONS {} à dissimuler son domicile et à élire domicile chez son avocat ;", full(p))),
        pb(format!("ATTRIBUONS à {} la jouissance du logement conjugal ;", full(p))),
        pb(format!("FIXONS la résidence des enfants chez {} ; DISONS que le droit de visite de l'autre parent s'exercera en espace de rencontre ;", full(p))),
        pb("DISONS que les présentes mesures sont prises pour une durée de douze mois à compter de la notification de la présente ordonnance ;"),
        pb("RAPPELONS que la violation des obligations imposées est punie de deux ans d'emprisonnement et de 15 000 euros d'amende."),
    ];
    pour(
        d,
        &for_household(f, blocks),
        &fill_for(f, COURT_FILL),
        150.0,
        Some("Ordonnance de protection"),
        110.0,
    );
    sign_court(d, &j);
}

/// Without children, the blocks and filler about children go.
fn for_household(f: &Foyer, blocks: Vec<Block>) -> Vec<Block> {
    let kids = !f.enfants.is_empty();
    blocks
        .into_iter()
        .filter(|b| {
            kids || !matches!(b, Block::Para(t) if t.contains("enfant") && !t.starts_with("Aucun"))
        })
        .collect()
}

fn fill_for(f: &Foyer, fill: &[&'static str]) -> Vec<&'static str> {
    let kids = !f.enfants.is_empty();
    fill.iter()
        .copied()
        .filter(|t| kids || !t.contains("enfant"))
        .collect()
}
