//! Income: tax notices, payslips of several payroll tools, family-benefit attestations
//! (CAF branches, MSA), pensions, unemployment benefit payments.

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::data::{self, Foyer};
use crate::doc::{Al, Doc, PH, PW};
use crate::raster::F;

pub(crate) const AVIS: &[Tpl] = &[avis_impot, asdir, avis_ancien];
pub(crate) const FPAIE: &[Tpl] = &[bulletin_clarifie, bulletin_interim, bulletin_public];
pub(crate) const CAF: &[Tpl] = &[caf_attestation, msa_releve, caf_releve_web];
pub(crate) const PENS: &[Tpl] = &[agirc_arrco, carsat_paiement, invalidite_cpam];
pub(crate) const ARE: &[Tpl] = &[ft_avis_paiement, ft_notification, ft_releve_paiements];

/// The household's yearly taxable income, roughly.
fn yearly(f: &Foyer) -> f64 {
    let own = f.brut_mensuel * 12.0 * 0.78;
    let other = if f.conjoint.is_some() { own * 0.6 } else { 0.0 };
    (own + other).round()
}

fn parts(f: &Foyer) -> f64 {
    let adults = if f.conjoint.is_some() { 2.0 } else { 1.0 };
    let kids = f.enfants.len() as f64;
    let extra = if kids <= 2.0 {
        kids * 0.5
    } else {
        1.0 + (kids - 2.0)
    };
    adults
        + extra
        + if f.conjoint.is_none() && kids > 0.0 {
            0.5
        } else {
            0.0
        }
}

fn situation(f: &Foyer) -> &'static str {
    match (&f.conjoint, f.lien_conjoint) {
        (Some(_), data::Lien::Conjoint) => "M",
        (Some(_), _) => "O",
        _ => "C",
    }
}

/// The DGFiP's avis d'impôt (the income year N-1 or N-2), page 2 with the detail.
fn avis_impot(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let year = f.today.year() - d.int(1, 2) as i32;
    let rfr = yearly(f);
    let x0 = d.x0;
    let y0 = d.y;
    let yb = rf_mark(d, x0, y0, &["Direction générale des finances publiques"]);
    let x1 = d.x1;
    let right = vec![
        format!("AVIS D'IMPÔT {}", year + 1),
        format!("IMPÔT SUR LES REVENUS de l'année {}", year),
    ];
    lines_rt(d, x1, y0, F::SansB, 10.0, &right);
    // reference box
    let bx = PW * 0.5;
    let by = y0 + 36.0;
    let bw = x1 - bx;
    d.rect(bx, by, bw, 92.0, 0.6);
    let rows = [
        ("Numéro fiscal", f.numero_fiscal.clone()),
        ("N° d'accès en ligne", d.digits(7)),
        (
            "Revenu fiscal de référence",
            data::num(rfr).replace(",00", ""),
        ),
        ("Nombre de parts", format!("{}", parts(f)).replace('.', ",")),
        (
            "Date de mise en recouvrement",
            data::d_slash(data::ymd(year + 1, 7, 31)),
        ),
        (
            "Référence de l'avis",
            format!(
                "{} {} {} {} {}",
                d.digits(2),
                d.digits(2),
                d.digits(3),
                d.digits(3),
                d.digits(3)
            ),
        ),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        let yy = by + 13.0 + i as f32 * 14.0;
        d.text(bx + 5.0, yy, F::Sans, 7.0, k);
        d.text_al(x1 - 5.0, yy, Al::Rt, F::SansB, 8.5, v);
    }
    d.y = yb.max(by + 92.0) + 6.0;
    let (name, to) = to_applicant(d, f, p);
    let name = match &f.conjoint {
        Some(c) if f.lien_conjoint == data::Lien::Conjoint => {
            format!("{} OU {}", name, full(c).to_uppercase())
        }
        _ => name,
    };
    window_to(d, &name, &to);
    let tax = (rfr * 0.11 - 1500.0 * parts(f)).max(0.0).round();
    dark_band(d, "Vos revenus et votre impôt");
    let w = d.x1 - d.x0;
    let x = d.x0;
    let mut rows = vec![vec![
        "".to_string(),
        "Déclarant 1".to_string(),
        "Déclarant 2".to_string(),
    ]];
    let d1 = (f.brut_mensuel * 12.0 * 0.78).round();
    let d2 = (rfr - d1).max(0.0);
    rows.push(vec![
        "Salaires, pensions, rentes".into(),
        data::num(d1 / 0.9).replace(",00", ""),
        if d2 > 0.0 {
            data::num(d2 / 0.9).replace(",00", "")
        } else {
            "".into()
        },
    ]);
    rows.push(vec![
        "Déduction 10 % ou frais réels".into(),
        data::num(d1 / 0.9 - d1).replace(",00", ""),
        if d2 > 0.0 {
            data::num(d2 / 0.9 - d2).replace(",00", "")
        } else {
            "".into()
        },
    ]);
    rows.push(vec![
        "Revenu brut global".into(),
        data::num(rfr).replace(",00", ""),
        String::new(),
    ]);
    rows.push(vec![
        "Revenu imposable".into(),
        data::num(rfr).replace(",00", ""),
        String::new(),
    ]);
    let s = d.size - 1.0;
    d.table(
        x,
        &[w * 0.5, w * 0.25, w * 0.25],
        &[Al::L, Al::Rt, Al::Rt],
        &rows,
        s,
        true,
        1,
    );
    d.gap(4.0);
    let tab = 270.0;
    d.kv("Situation du foyer fiscal :", situation(f), tab);
    d.kv(
        "Impôt sur le revenu net :",
        &format!("{} €", data::num(tax).replace(",00", "")),
        tab,
    );
    d.kv(
        "Prélèvement à la source déjà versé :",
        &format!("{} €", data::num(tax).replace(",00", "")),
        tab,
    );
    d.kv("Reste à payer / à restituer :", "0 €", tab);
    if tax == 0.0 {
        d.gap(4.0);
        let b = d.bold;
        let s = d.size;
        d.line_al(Al::L, b, s, "Vous n'êtes pas imposable sur le revenu.");
    }
    d.gap(8.0);
    fine(d, "Cet avis peut vous être demandé pour bénéficier de certaines prestations sociales. Conservez-le. Vous pouvez le télécharger à tout moment dans votre espace particulier. Le revenu fiscal de référence figure en haut à droite de la première page.");
    if d.pages > 1 {
        d.break_page();
        d.text(
            d.x0,
            d.y + 8.0,
            F::Sans,
            7.0,
            &format!("{} — {} — page 2", f.numero_fiscal, rev(p)),
        );
        d.gap(20.0);
        dark_band(d, "Détail du calcul de votre impôt");
        let rows: Vec<Vec<String>> = vec![
            vec!["Revenu imposable".into(), data::num(rfr)],
            vec![
                "Nombre de parts".into(),
                format!("{}", parts(f)).replace('.', ","),
            ],
            vec![
                "Droits simples avant plafonnement".into(),
                data::num((rfr * 0.13).round()),
            ],
            vec![
                "Plafonnement des effets du quotient familial".into(),
                data::num(0.0),
            ],
            vec!["Décote".into(), data::num((rfr * 0.02).round())],
            vec![
                "Réductions et crédits d'impôt".into(),
                data::num(d.int(0, 600) as f64),
            ],
            vec!["Impôt sur le revenu net".into(), data::num(tax)],
            vec!["Prélèvements sociaux".into(), data::num(0.0)],
        ];
        let x = d.x0;
        let w = d.x1 - d.x0;
        d.table(x, &[w * 0.7, w * 0.3], &[Al::L, Al::Rt], &rows, s, false, 1);
        d.gap(10.0);
        for t in [
            "Le prélèvement à la source a été calculé sur la base du taux communiqué à vos collecteurs (employeurs, caisses de retraite). Votre nouveau taux s'applique à compter de septembre.",
            "Si vous constatez une erreur, vous pouvez corriger votre déclaration en ligne pendant la campagne de correction, ou présenter une réclamation par la messagerie de votre espace particulier.",
            "Les montants des revenus exceptionnels et des revenus imposés au taux forfaitaire ne sont pas repris dans le calcul ci-dessus.",
        ] {
            fine(d, t);
        }
    }
}

/// The "avis de situation déclarative à l'impôt sur le revenu", printed from the website.
fn asdir(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let year = f.today.year() - 1;
    let rfr = yearly(f);
    d.text(
        20.0,
        16.0,
        F::Sans,
        6.5,
        &format!("{} — impots.gouv.fr", data::d_slash(f.today)),
    );
    let x0 = d.x0;
    let y0 = d.y + 10.0;
    let yb = rf_mark(d, x0, y0, &["Direction générale des finances publiques"]);
    d.y = yb + 6.0;
    title(
        d,
        "AVIS DE SITUATION DÉCLARATIVE À L'IMPÔT SUR LE REVENU",
        12.0,
    );
    let s = d.size;
    d.line_al(
        Al::C,
        F::Sans,
        s - 1.0,
        &format!("Impôt {} sur les revenus de l'année {}", year, year - 1),
    );
    d.gap(10.0);
    let tab = 230.0;
    d.kv("Déclarant 1 :", &format!("{} {}", p.nom, p.prenoms()), tab);
    d.kv("Date de naissance :", &data::d_slash(p.naissance), tab);
    if let (Some(c), data::Lien::Conjoint) = (&f.conjoint, f.lien_conjoint) {
        d.kv("Déclarant 2 :", &format!("{} {}", c.nom, c.prenoms()), tab);
    }
    d.kv("Adresse au 1er janvier :", &f.adresse.one_line(), tab);
    d.kv("Numéro fiscal :", &f.numero_fiscal, tab);
    d.gap(6.0);
    light_band(d, "Situation déclarée");
    d.kv(
        "Situation de famille :",
        match situation(f) {
            "M" => "marié(e)s",
            "O" => "pacsé(e)s",
            _ => "célibataire, divorcé(e) ou veuf(ve)",
        },
        tab,
    );
    d.kv(
        "Nombre de personnes à charge :",
        &f.enfants.len().to_string(),
        tab,
    );
    d.kv(
        "Nombre de parts :",
        &format!("{}", parts(f)).replace('.', ","),
        tab,
    );
    d.gap(6.0);
    light_band(d, "Revenus");
    d.kv(
        "Revenu brut global :",
        &format!("{} €", data::num(rfr).replace(",00", "")),
        tab,
    );
    d.kv(
        "Revenu imposable :",
        &format!("{} €", data::num(rfr).replace(",00", "")),
        tab,
    );
    d.kv(
        "Revenu fiscal de référence :",
        &format!("{} €", data::num(rfr).replace(",00", "")),
        tab,
    );
    d.gap(10.0);
    fine(d, "Ce document atteste de la situation déclarative de l'usager ; il ne constitue pas un avis d'impôt. Il peut être vérifié en ligne par le service « Vérifier un avis » à l'aide du numéro fiscal et de la référence indiqués ci-dessous.");
    d.kv(
        "Référence de l'avis de situation :",
        &format!(
            "{} {} {} {}",
            d.digits(2),
            d.digits(2),
            d.digits(3),
            d.digits(4)
        ),
        tab,
    );
    if d.pages > 1 {
        d.break_page();
        light_band(d, "Informations complémentaires");
        for t in [
            "La situation déclarative présentée correspond à la dernière déclaration de revenus déposée et, le cas échéant, aux corrections intervenues depuis.",
            "Le revenu fiscal de référence sert à déterminer les droits à certaines prestations et exonérations : tarification sociale, logement social, bourses, chèque énergie.",
            "Pour toute question, utilisez la messagerie sécurisée de votre espace particulier ou contactez votre service des impôts des particuliers.",
        ] {
            d.para(t);
        }
        let c = local(d, f);
        d.kv(
            "Service des impôts des particuliers :",
            &format!("SIP {}", data::de(c.prefecture)),
            tab,
        );
    }
}

/// An older-looking avis de non-imposition on two halves (coupon and notice).
fn avis_ancien(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let year = f.today.year() - 2;
    let rfr = (yearly(f) * 0.7).round();
    let c = local(d, f);
    let x0 = d.x0;
    let y0 = d.y;
    d.text(
        x0,
        y0 + 10.0,
        F::SerifB,
        10.0,
        "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES",
    );
    d.text(
        x0,
        y0 + 22.0,
        F::Serif,
        8.0,
        &format!("Centre des finances publiques {}", data::de(c.prefecture)),
    );
    d.text(x0, y0 + 32.0, F::Serif, 8.0, &office_street(d));
    let x1 = d.x1;
    d.text_al(
        x1,
        y0 + 10.0,
        Al::Rt,
        F::SerifB,
        13.0,
        &format!("{}", year + 1),
    );
    d.y = y0 + 40.0;
    let (name, to) = to_applicant(d, f, p);
    window_to(d, &name, &to);
    title(
        d,
        &format!("AVIS DE NON-IMPOSITION {} — REVENUS {}", year + 1, year),
        12.0,
    );
    let s = d.size;
    let x = d.x0;
    let w = d.x1 - d.x0;
    let rows = vec![
        vec![
            "Numéro fiscal".to_string(),
            "Nombre de parts".to_string(),
            "Situation".to_string(),
            "Revenu fiscal de référence".to_string(),
        ],
        vec![
            f.numero_fiscal.clone(),
            format!("{}", parts(f)).replace('.', ","),
            situation(f).to_string(),
            data::num(rfr).replace(",00", ""),
        ],
    ];
    d.table(
        x,
        &[w * 0.3, w * 0.2, w * 0.15, w * 0.35],
        &[Al::C, Al::C, Al::C, Al::C],
        &rows,
        s - 1.0,
        true,
        2,
    );
    d.gap(8.0);
    d.para("Au vu de votre déclaration, vous n'êtes pas imposable à l'impôt sur le revenu au titre de l'année considérée. Aucun paiement ne vous est demandé.");
    d.para("Cet avis vous permet de faire valoir vos droits auprès des organismes sociaux et des bailleurs. Il ne peut être délivré de duplicata qu'à votre demande.");
    let y = d.y + 10.0;
    let x = d.x0;
    let x1 = d.x1;
    let mut cx = x;
    while cx < x1 {
        d.fill(cx, y, 4.0, 0.6, 80);
        cx += 7.0;
    }
    d.text(x, y - 3.0, F::Sans, 6.0, "✂ à conserver");
    d.y = y + 14.0;
    for t in [
        "Les sommes portées sur cet avis résultent de votre déclaration. En cas de désaccord, vous pouvez présenter une réclamation jusqu'au 31 décembre de la deuxième année qui suit la mise en recouvrement.",
        "Votre taux de prélèvement à la source et, le cas échéant, le montant de vos acomptes ont été actualisés et seront appliqués à compter du 1er septembre.",
    ] {
        fine(d, t);
    }
    if d.pages > 1 {
        d.break_page();
        title(d, "INFORMATIONS SUR VOTRE AVIS", 11.0);
        let blocks: Vec<crate::doc::Block> = TAX_FILL.iter().map(|s| pb(*s)).collect();
        pour(d, &blocks, &[], 0.0, None, 40.0);
    }
}

const TAX_FILL: &[&str] = &[
    "Le revenu fiscal de référence correspond au montant net des revenus et plus-values retenus pour le calcul de l'impôt, majoré de certains revenus exonérés ou soumis à prélèvement libératoire.",
    "Le nombre de parts dépend de votre situation de famille et du nombre de personnes à votre charge au 1er janvier de l'année d'imposition ou au cours de celle-ci.",
    "Les personnes non imposables peuvent bénéficier, sous conditions, d'exonérations ou d'allègements de taxe foncière et de contribution à l'audiovisuel.",
    "Si vous avez changé d'adresse, signalez-le dans votre espace particulier ; votre avis sera envoyé à votre nouvelle adresse l'année prochaine.",
    "En cas de changement de situation (mariage, PACS, naissance, séparation), vous devez le déclarer dans les soixante jours afin que votre taux soit actualisé.",
    "Pour obtenir un nouvel exemplaire de cet avis, connectez-vous à votre espace particulier ou adressez-vous au service des impôts de votre domicile.",
];

// ---------------------------------------------------------------------------------------------
// Payslips

struct Pay {
    brut: f64,
    lines: Vec<(String, String, String, String, String)>,
    total_sal: f64,
    net_avant: f64,
    pas_taux: f64,
    pas: f64,
    net: f64,
}

fn pay(d: &Doc, f: &Foyer) -> Pay {
    let brut = cents(f.brut_mensuel * d.real(0.96, 1.06) as f64);
    let rates: Vec<(&str, f64, f64)> = vec![
        (
            "Sécurité sociale — maladie, maternité, invalidité, décès",
            0.0,
            0.07,
        ),
        ("Complémentaire santé", 0.012, 0.018),
        ("Retraite sécurité sociale plafonnée", 0.069, 0.0855),
        ("Retraite sécurité sociale déplafonnée", 0.004, 0.0202),
        ("Retraite complémentaire tranche 1", 0.0401, 0.0601),
        ("Famille", 0.0, 0.0345),
        ("Assurance chômage", 0.0, 0.0405),
        ("Autres contributions dues par l'employeur", 0.0, 0.012),
        ("CSG déductible de l'impôt sur le revenu", 0.068, 0.0),
        (
            "CSG/CRDS non déductible de l'impôt sur le revenu",
            0.029,
            0.0,
        ),
    ];
    let base_csg = brut * 0.9825;
    let mut lines = Vec::new();
    let mut total = 0.0;
    for (lab, s, e) in rates {
        let base = if lab.starts_with("CSG") {
            base_csg
        } else {
            brut
        };
        let sal = cents(base * s);
        let emp = cents(base * e);
        total += sal;
        lines.push((
            lab.to_string(),
            data::num(base),
            if s > 0.0 {
                format!("{:.3}", s * 100.0).replace('.', ",")
            } else {
                String::new()
            },
            if sal > 0.0 {
                data::num(sal)
            } else {
                String::new()
            },
            if emp > 0.0 {
                data::num(emp)
            } else {
                String::new()
            },
        ));
    }
    let net_avant = cents(brut - total);
    let pas_taux = (d.int(0, 60) as f64) / 10.0;
    let pas = cents((net_avant + brut * 0.029) * pas_taux / 100.0);
    Pay {
        brut,
        lines,
        total_sal: cents(total),
        net_avant,
        pas_taux,
        pas,
        net: cents(net_avant - pas),
    }
}

fn pay_month(d: &Doc, f: &Foyer) -> NaiveDate {
    month_start(data::add_months(f.today, -(d.int(1, 3) as i32)))
}

/// The "bulletin clarifié" of a payroll package (company header on the left, employee on the
/// right, contributions grouped by risk).
fn bulletin_clarifie(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let m = pay_month(d, f);
    let pay = pay(d, f);
    let tool = d.pick(&[
        "Sage Paie & RH",
        "Silae",
        "Cegid Paie",
        "EBP Paie",
        "PayFit",
        "ADP Decidium",
        "Quadra Paie",
    ]);
    let x0 = d.x0;
    let x1 = d.x1;
    let y0 = d.y;
    let b = d.bold;
    d.text(x0, y0 + 12.0, F::SansB, 14.0, "BULLETIN DE PAIE");
    d.text_al(
        x1,
        y0 + 12.0,
        Al::Rt,
        b,
        9.0,
        &format!(
            "Période du {} au {}",
            data::d_slash(m),
            data::d_slash(month_end(m))
        ),
    );
    d.text_al(
        x1,
        y0 + 24.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("Paiement le {} par virement", data::d_slash(month_end(m))),
    );
    let by = y0 + 34.0;
    let half = (x1 - x0) / 2.0 - 6.0;
    d.rect(x0, by, half, 84.0, 0.5);
    d.rect(x0 + half + 12.0, by, half, 84.0, 0.5);
    lines(
        d,
        x0 + 5.0,
        by + 4.0,
        F::Sans,
        7.6,
        &[
            format!("{} {}", e.nom, e.forme),
            e.adresse.clone(),
            e.ville.clone(),
            format!("SIRET : {}", e.siret),
            format!("Code NAF : {}", e.ape),
            format!(
                "URSSAF : {}",
                d.pick(&[
                    "Île-de-France",
                    "Rhône-Alpes",
                    "Nord-Pas-de-Calais",
                    "Provence-Alpes-Côte d'Azur",
                    "Pays de la Loire",
                    "Occitanie"
                ])
            ),
        ],
    );
    let rx = x0 + half + 17.0;
    let mut ll = vec![format!("{} {}", p.civilite().to_uppercase(), rev(p))];
    ll.extend(addr_lines(f, true));
    lines(d, rx, by + 4.0, F::SansB, 8.0, &ll);
    d.y = by + 92.0;
    two_cols(
        d,
        &[
            ("Matricule :".into(), d.digits(5)),
            ("N° SS :".into(), f.nir.clone()),
            ("Emploi :".into(), f.poste.to_string()),
            ("Entrée le :".into(), data::d_slash(f.embauche)),
            ("Statut :".into(), "Non cadre".into()),
            (
                "Convention :".into(),
                e.convention.replace("Convention collective ", ""),
            ),
        ],
    );
    let w = x1 - x0;
    let mut rows = vec![vec![
        "Éléments de paie".to_string(),
        "Base".to_string(),
        "Taux".to_string(),
        "Part salarié".to_string(),
        "Part employeur".to_string(),
    ]];
    rows.push(vec![
        "Salaire de base".into(),
        "151,67".into(),
        data::num(pay.brut / 151.67),
        data::num(pay.brut),
        String::new(),
    ]);
    rows.push(vec![
        "SALAIRE BRUT".into(),
        String::new(),
        String::new(),
        data::num(pay.brut),
        String::new(),
    ]);
    for (a, b2, c, s, em) in &pay.lines {
        rows.push(vec![
            a.clone(),
            b2.clone(),
            c.clone(),
            s.clone(),
            em.clone(),
        ]);
    }
    rows.push(vec![
        "TOTAL DES COTISATIONS ET CONTRIBUTIONS".into(),
        String::new(),
        String::new(),
        data::num(pay.total_sal),
        String::new(),
    ]);
    let s = (d.size - 2.0).max(7.0);
    d.table(
        x0,
        &[w * 0.46, w * 0.14, w * 0.1, w * 0.15, w * 0.15],
        &[Al::L, Al::Rt, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        s,
        true,
        1,
    );
    d.gap(4.0);
    let tab = w * 0.62;
    let rows2 = [
        (
            "NET À PAYER AVANT IMPÔT SUR LE REVENU",
            data::num(pay.net_avant),
        ),
        (
            &*format!(
                "Impôt sur le revenu prélevé à la source — taux {} %",
                format!("{:.1}", pay.pas_taux).replace('.', ",")
            ),
            data::num(pay.pas),
        ),
        ("NET PAYÉ EN EUROS", data::num(pay.net)),
    ]
    .map(|(a, b)| (a.to_string(), b));
    for (k, v) in rows2.iter() {
        let y = d.y;
        if k.starts_with("NET PAYÉ") {
            d.tint(x0, y - 1.0, w, s * 1.8, 215);
        }
        d.text(x0 + 3.0, y + s, F::SansB, s, k);
        d.text_al(x0 + tab + w * 0.36, y + s, Al::Rt, F::SansB, s + 1.0, v);
        d.y += s * 1.9;
    }
    d.gap(4.0);
    fine(d, &format!("Cumuls annuels — brut : {} ; net imposable : {} ; heures : {}. Congés payés N-1 restants : {} j ; N acquis : {} j.", data::num(pay.brut * m.month() as f64), data::num(pay.net_avant * m.month() as f64 * 1.03), data::num(151.67 * m.month() as f64), d.int(0, 25), format!("{},{}", d.int(2, 25), d.int(0, 9))));
    fine(d, "Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce bulletin de paie sans limitation de durée. Rubrique dédiée au bulletin de paie sur le portail www.service-public.fr.");
    d.text(x0, PH - 30.0, F::Sans, 6.0, &format!("Édité avec {tool}"));
}

/// A temping agency's weekly-hours payslip: missions with their client companies.
fn bulletin_interim(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let m = pay_month(d, f);
    let pay = pay(d, f);
    let agency = d.pick(&[
        "Interval Emploi",
        "Tempo Plus",
        "Proxim'Intérim",
        "Atlantique Intérim",
        "Azur Intérim Services",
    ]);
    let c = local(d, f);
    let (x0, x1) = (d.x0, d.x1);
    let y0 = d.y;
    let r = mark(
        d,
        x0,
        y0,
        agency,
        &format!("Agence de {} — {}", c.nom, phone(d)),
    );
    d.y = r.y + r.h + 8.0;
    let w = x1 - x0;
    d.fill(x0, d.y, w, 20.0, 50);
    let yy = d.y;
    d.text_ink(
        x0 + 6.0,
        yy + 14.0,
        F::SansB,
        10.0,
        &format!(
            "BULLETIN DE SALAIRE — {}",
            data::mois_annee(m).to_uppercase()
        ),
        255,
    );
    d.y += 28.0;
    two_cols(
        d,
        &[
            ("Intérimaire :".into(), rev(p)),
            ("N° intérimaire :".into(), d.digits(8)),
            ("N° SS :".into(), f.nir.clone()),
            ("Qualification :".into(), f.poste.to_string()),
            ("Adresse :".into(), f.adresse.one_line()),
            (
                "Période :".into(),
                format!("{} au {}", data::d_slash(m), data::d_slash(month_end(m))),
            ),
        ],
    );
    let rate = cents(pay.brut / 151.67);
    let mut rows = vec![vec![
        "Contrat".to_string(),
        "Client".to_string(),
        "Rubrique".to_string(),
        "Nombre".to_string(),
        "Taux".to_string(),
        "Montant".to_string(),
    ]];
    let mut left = pay.brut;
    let nmiss = d.int(1, 3);
    for i in 0..nmiss {
        let h = if i + 1 == nmiss {
            (left / rate).max(1.0)
        } else {
            (d.real(20.0, 70.0) as f64).round()
        };
        let amount = cents(h * rate);
        left -= amount;
        let client = if i == 0 {
            f.employeur.nom.clone()
        } else {
            format!(
                "{} {}",
                d.pick(&["Logistique", "Entrepôts", "Transports", "Nettoyage"]),
                data::titlecase(data::NOMS[d.int(0, 60) as usize])
            )
        };
        rows.push(vec![
            d.digits(7),
            client,
            "Heures normales".into(),
            format!("{:.2}", h).replace('.', ","),
            data::num(rate),
            data::num(amount),
        ]);
    }
    rows.push(vec![
        String::new(),
        String::new(),
        "Indemnité de fin de mission".into(),
        String::new(),
        "10 %".into(),
        data::num(pay.brut * 0.1),
    ]);
    rows.push(vec![
        String::new(),
        String::new(),
        "Indemnité congés payés".into(),
        String::new(),
        "10 %".into(),
        data::num(pay.brut * 0.11),
    ]);
    let s = (d.size - 2.0).max(7.0);
    let x = d.x0;
    d.table(
        x,
        &[w * 0.12, w * 0.28, w * 0.25, w * 0.1, w * 0.1, w * 0.15],
        &[Al::L, Al::L, Al::L, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        s,
        true,
        2,
    );
    let brut = pay.brut * 1.21;
    let mut rows = vec![vec![
        "Cotisations".to_string(),
        "Base".to_string(),
        "Salarié".to_string(),
        "Employeur".to_string(),
    ]];
    for (a, b2, _, sal, em) in pay.lines.iter().take(8) {
        rows.push(vec![a.clone(), b2.clone(), sal.clone(), em.clone()]);
    }
    d.table(
        x,
        &[w * 0.5, w * 0.17, w * 0.16, w * 0.17],
        &[Al::L, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        s,
        true,
        1,
    );
    let tab = 230.0;
    d.kv("Salaire brut :", &data::num(brut), tab);
    d.kv(
        "Net à payer avant impôt :",
        &data::num(pay.net_avant * 1.21),
        tab,
    );
    d.kv("Prélèvement à la source :", &data::num(pay.pas * 1.21), tab);
    let b = d.bold;
    let sz = d.size + 1.0;
    d.line_al(
        Al::Rt,
        b,
        sz,
        &format!("NET PAYÉ : {} €", data::num(pay.net * 1.21)),
    );
    d.gap(4.0);
    fine(d, "Acomptes éventuellement versés déduits. Relevés d'heures signés par l'entreprise utilisatrice disponibles auprès de votre agence. Conservez ce bulletin sans limitation de durée.");
}

/// A civil servant's pay slip (DGFiP payroll of the State or a hospital's).
fn bulletin_public(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let m = pay_month(d, f);
    let c = local(d, f);
    let (x0, x1) = (d.x0, d.x1);
    let y0 = d.y;
    let emp = one(
        d,
        vec![
            format!("Centre hospitalier {}", data::de(c.prefecture)),
            format!("Mairie {}", data::de(c.nom)),
            "Ministère de l'Éducation nationale — Rectorat".to_string(),
            format!("Département {}", data::dep_de(c.dep_nom)),
        ],
    );
    d.text(x0, y0 + 10.0, F::SansB, 9.0, &emp);
    d.text(x0, y0 + 21.0, F::Sans, 7.5, "Service de la paye");
    d.text_al(x1, y0 + 10.0, Al::Rt, F::SansB, 11.0, "BULLETIN DE PAYE");
    d.text_al(
        x1,
        y0 + 22.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("MOIS DE {}", data::mois_annee(m).to_uppercase()),
    );
    d.y = y0 + 34.0;
    let w = x1 - x0;
    let idx = d.int(360, 520);
    let point = 4.92278;
    let tb = cents(idx as f64 * point);
    let rows = vec![
        vec![
            "N° INSEE".to_string(),
            "Nom Prénom".to_string(),
            "Grade".to_string(),
            "Échelon".to_string(),
            "Indice".to_string(),
            "Temps".to_string(),
        ],
        vec![
            f.nir.clone(),
            rev(p),
            d.pick(&[
                "Adjoint administratif principal",
                "Aide-soignant",
                "Adjoint technique",
                "Agent des services hospitaliers qualifié",
                "Assistant d'éducation",
            ])
            .to_string(),
            d.int(2, 10).to_string(),
            idx.to_string(),
            "100 %".into(),
        ],
    ];
    let s = (d.size - 2.0).max(7.0);
    d.table(
        x0,
        &[w * 0.2, w * 0.25, w * 0.3, w * 0.08, w * 0.08, w * 0.09],
        &[Al::C; 6],
        &rows,
        s,
        true,
        2,
    );
    let ir = cents(tb * 0.01);
    let sft = if f.enfants.is_empty() {
        0.0
    } else {
        [2.29, 73.79, 183.56, 313.62][f.enfants.len().min(3)]
    };
    let prime = cents(d.real(80.0, 420.0) as f64);
    let brut = tb + ir + sft + prime;
    let pc = cents(tb * 0.1111);
    let csgd = cents(brut * 0.9825 * 0.068);
    let csgn = cents(brut * 0.9825 * 0.029);
    let rafp = cents(prime * 0.05);
    let mut rows = vec![vec![
        "Code".to_string(),
        "Libellé".to_string(),
        "À payer".to_string(),
        "À déduire".to_string(),
        "Pour information".to_string(),
    ]];
    for (code, lab, a, b, i) in [
        (
            "101000",
            "TRAITEMENT BRUT",
            data::num(tb),
            String::new(),
            String::new(),
        ),
        (
            "102000",
            "INDEMNITÉ DE RÉSIDENCE",
            data::num(ir),
            String::new(),
            String::new(),
        ),
        (
            "103000",
            "SUPPLÉMENT FAMILIAL DE TRAITEMENT",
            if sft > 0.0 {
                data::num(sft)
            } else {
                String::new()
            },
            String::new(),
            String::new(),
        ),
        (
            "202XXX",
            "PRIME / INDEMNITÉ DE SUJÉTION",
            data::num(prime),
            String::new(),
            String::new(),
        ),
        (
            "401000",
            "RETENUE PC / CNRACL",
            String::new(),
            data::num(pc),
            String::new(),
        ),
        (
            "402000",
            "CSG DÉDUCTIBLE",
            String::new(),
            data::num(csgd),
            String::new(),
        ),
        (
            "403000",
            "CSG NON DÉDUCTIBLE + CRDS",
            String::new(),
            data::num(csgn),
            String::new(),
        ),
        (
            "404000",
            "RAFP",
            String::new(),
            data::num(rafp),
            String::new(),
        ),
        (
            "501000",
            "COTISATION EMPLOYEUR ALLOCATIONS FAMILIALES",
            String::new(),
            String::new(),
            data::num(brut * 0.0525),
        ),
    ] {
        rows.push(vec![code.to_string(), lab.to_string(), a, b, i]);
    }
    d.table(
        x0,
        &[w * 0.12, w * 0.43, w * 0.15, w * 0.15, w * 0.15],
        &[Al::L, Al::L, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        s,
        true,
        2,
    );
    let net_avant = cents(brut - pc - csgd - csgn - rafp);
    let taux = d.int(0, 50) as f64 / 10.0;
    let pas = cents(net_avant * taux / 100.0);
    let tab = 250.0;
    d.kv("Total brut :", &data::num(brut), tab);
    d.kv(
        "Net à payer avant impôt sur le revenu :",
        &data::num(net_avant),
        tab,
    );
    d.kv(
        &format!(
            "Impôt sur le revenu prélevé à la source ({} %) :",
            format!("{taux:.1}").replace('.', ",")
        ),
        &data::num(pas),
        tab,
    );
    let b = d.bold;
    let sz = d.size + 0.5;
    d.line_al(
        Al::L,
        b,
        sz,
        &format!("NET À PAYER : {} €", data::num(net_avant - pas)),
    );
    d.gap(4.0);
    fine(
        d,
        &format!(
            "Virement au compte FR76 **** **** **** {} le {}. Comptable assignataire : {}.",
            d.digits(4),
            data::d_slash(month_end(m) - chrono::Duration::days(2)),
            d.pick(&[
                "DRFiP",
                "Trésorerie hospitalière",
                "Paierie départementale",
                "Service de gestion comptable"
            ])
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// CAF / MSA

fn caf_name(d: &Doc, f: &Foyer) -> String {
    let c = f.adresse.commune;
    match d.int(0, 2) {
        0 => format!("Caf {}", data::dep_de(c.dep_nom)),
        1 => format!(
            "Caisse d'allocations familiales {}",
            data::dep_de(c.dep_nom)
        ),
        _ => format!("Caf {}", data::dep_de(c.dep_nom)),
    }
}

fn benefits(d: &Doc, f: &Foyer) -> Vec<(&'static str, f64)> {
    let mut v = Vec::new();
    v.push((
        "Aide personnalisée au logement",
        cents(d.real(120.0, 390.0) as f64),
    ));
    if f.enfants.len() >= 2 {
        v.push((
            "Allocations familiales",
            cents(141.99 + 182.0 * (f.enfants.len() - 2) as f64),
        ));
    }
    if f.enfants
        .iter()
        .any(|e| (f.today - e.naissance).num_days() < 3 * 365)
    {
        v.push((
            "Prestation d'accueil du jeune enfant — allocation de base",
            184.81,
        ));
    }
    if d.chance(0.5) {
        v.push(("Prime d'activité", cents(d.real(40.0, 280.0) as f64)));
    }
    if d.chance(0.25) {
        v.push((
            "Revenu de solidarité active",
            cents(d.real(90.0, 640.0) as f64),
        ));
    }
    if f.enfants.len() >= 3 && d.chance(0.5) {
        v.push(("Complément familial", 196.39));
    }
    v
}

/// The CAF's attestation de paiement (months × benefits).
fn caf_attestation(d: &mut Doc, f: &Foyer) {
    let mst = d.int(0, 2);
    let apl_to_landlord = d.chance(0.6);
    let p = &f.demandeur;
    let caf = caf_name(d, f);
    let (name, to) = to_applicant(d, f, p);
    let c = f.adresse.commune;
    let refs = vec![
        ("N° allocataire".to_string(), f.allocataire.clone()),
        ("Code confidentiel".to_string(), "********".to_string()),
        (
            "Dossier suivi par".to_string(),
            format!("Caf {}", data::de(c.prefecture)),
        ),
    ];
    letter_head(
        d,
        false,
        &caf,
        &[
            "Branche Famille de la Sécurité sociale".to_string(),
            format!("{} cedex", c.prefecture),
            "www.caf.fr".to_string(),
        ],
        &name,
        &to,
        &refs,
        &format!("Le {}", data::d_slash(ago(d, f, 0, 15))),
    );
    title(
        d,
        d.pick(&[
            "ATTESTATION DE PAIEMENT",
            "Attestation de paiement des prestations",
            "ATTESTATION DE VERSEMENT",
        ]),
        13.0,
    );
    d.para(&format!(
        "La Caisse d'allocations familiales certifie que {} {}, allocataire n° {}, a perçu les prestations suivantes :",
        p.civilite(), full(p), f.allocataire
    ));
    let bens = benefits(d, f);
    let n_months = d.int(3, 6) as i32;
    let mut rows = vec![vec![
        "Mois".to_string(),
        "Prestation".to_string(),
        "Montant".to_string(),
        "Versé le".to_string(),
        "Versé à".to_string(),
    ]];
    let x = d.x0;
    let w = d.x1 - d.x0;
    for k in (1..=n_months).rev() {
        let m = month_start(data::add_months(f.today, -k));
        for (lab, amt) in &bens {
            let dest = if lab.contains("logement") && apl_to_landlord {
                "Bailleur"
            } else {
                "Allocataire"
            };
            rows.push(vec![
                month_in(mst, m),
                lab.to_string(),
                data::num(*amt),
                data::d_slash(data::ymd(
                    data::add_months(m, 1).year(),
                    data::add_months(m, 1).month(),
                    5,
                )),
                dest.to_string(),
            ]);
        }
    }
    let s = (d.size - 2.0).max(7.0);
    let per_page = (((d.bottom - d.y) / (s * 1.55)) as usize)
        .saturating_sub(8)
        .max(4);
    if d.pages > 1 && rows.len() > 3 {
        let cut = per_page.min(rows.len() - 2).max(2);
        let first: Vec<Vec<String>> = rows[..cut].to_vec();
        d.table(
            x,
            &[w * 0.16, w * 0.42, w * 0.13, w * 0.14, w * 0.15],
            &[Al::L, Al::L, Al::Rt, Al::C, Al::L],
            &first,
            s,
            true,
            1,
        );
        d.break_page();
        let yy = d.y;
        d.text(
            x,
            yy + 8.0,
            F::Sans,
            7.0,
            &format!("{} — allocataire {} — suite", caf, f.allocataire),
        );
        d.gap(18.0);
        let mut rest = vec![rows[0].clone()];
        rest.extend(rows[cut..].iter().cloned());
        d.table(
            x,
            &[w * 0.16, w * 0.42, w * 0.13, w * 0.14, w * 0.15],
            &[Al::L, Al::L, Al::Rt, Al::C, Al::L],
            &rest,
            s,
            true,
            1,
        );
    } else {
        let keep: Vec<Vec<String>> = rows.into_iter().take(per_page + 1).collect();
        d.table(
            x,
            &[w * 0.16, w * 0.42, w * 0.13, w * 0.14, w * 0.15],
            &[Al::L, Al::L, Al::Rt, Al::C, Al::L],
            &keep,
            s,
            true,
            1,
        );
    }
    d.gap(6.0);
    d.para("Cette attestation est délivrée pour faire valoir ce que de droit. Elle tient compte des régularisations connues à la date d'édition.");
    fine(d, "Les aides au logement versées directement au bailleur (tiers payant) viennent en déduction du loyer. Les montants sont exprimés en euros, après prélèvement de la CRDS le cas échéant.");
    let sx = d.x0 + 270.0;
    sign(d, sx, "", "Le directeur");
    benefit_notes(d);
}

/// On a document's last page when the table did not reach it: the usual notes.
fn benefit_notes(d: &mut Doc) {
    if d.page + 1 < d.pages {
        d.break_page();
        light_band(d, "Informations sur vos prestations");
        for t in [
            "Les prestations familiales et les aides au logement sont versées mensuellement, à terme échu, au début du mois suivant.",
            "Le montant de vos droits est révisé en fonction de vos ressources trimestrielles ou annuelles et de la composition de votre foyer.",
            "Tout changement de situation (naissance, séparation, reprise d'activité, déménagement) doit être déclaré sans délai.",
            "En cas de désaccord, vous disposez d'un délai de deux mois pour saisir la commission de recours amiable de votre caisse.",
        ] {
            d.para(t);
        }
    }
}

/// The MSA's statement of family benefits (agricultural workers), regional branch.
fn msa_releve(d: &mut Doc, f: &Foyer) {
    let mst = d.int(0, 2);
    let p = &f.demandeur;
    let msa = d.pick(&[
        "MSA Bourgogne",
        "MSA Armorique",
        "MSA Midi-Pyrénées Nord",
        "MSA Alpes-Vaucluse",
        "MSA Picardie",
        "MSA Loire-Atlantique Vendée",
        "MSA Sud Champagne",
    ]);
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(d, x0, y0, msa, "La sécurité sociale agricole");
    d.y = r.y + r.h + 10.0;
    let (name, to) = to_applicant(d, f, p);
    window_to(d, &name, &to);
    title(d, "RELEVÉ DES PRESTATIONS FAMILIALES ET DE LOGEMENT", 12.0);
    let tab = 160.0;
    d.kv("N° de sécurité sociale :", &f.nir, tab);
    d.kv(
        "N° de dossier famille :",
        &format!("{} {}", d.digits(3), d.digits(6)),
        tab,
    );
    let from = month_start(data::add_months(f.today, -(d.int(3, 6) as i32)));
    d.kv(
        "Période :",
        &format!(
            "du {} au {}",
            data::d_slash(from),
            data::d_slash(month_end(data::add_months(f.today, -1)))
        ),
        tab,
    );
    d.gap(6.0);
    let mut rows = vec![vec![
        "Date de paiement".to_string(),
        "Nature".to_string(),
        "Période".to_string(),
        "Montant".to_string(),
    ]];
    let bens = benefits(d, f);
    let mut m = from;
    let mut total = 0.0;
    while m < month_start(f.today) {
        for (lab, a) in &bens {
            total += a;
            rows.push(vec![
                data::d_slash(data::add_months(m, 1) + chrono::Duration::days(4)),
                lab.to_string(),
                month_in(mst, m),
                format!("{} €", data::num(*a)),
            ]);
        }
        m = data::add_months(m, 1);
    }
    let x = d.x0;
    let w = d.x1 - d.x0;
    let s = (d.size - 2.0).max(7.0);
    let room = (((d.bottom - d.y) / (s * 1.55)) as usize)
        .saturating_sub(8)
        .max(4);
    if d.pages > 1 && rows.len() > 4 {
        let cut = (rows.len() / 2).max(2).min(room);
        d.table(
            x,
            &[w * 0.2, w * 0.45, w * 0.15, w * 0.2],
            &[Al::C, Al::L, Al::C, Al::Rt],
            &rows[..cut].to_vec(),
            s,
            true,
            2,
        );
        d.break_page();
        d.gap(10.0);
        let mut rest = vec![rows[0].clone()];
        rest.extend(rows[cut..].iter().cloned());
        d.table(
            x,
            &[w * 0.2, w * 0.45, w * 0.15, w * 0.2],
            &[Al::C, Al::L, Al::C, Al::Rt],
            &rest,
            s,
            true,
            2,
        );
    } else {
        let keep: Vec<Vec<String>> = rows.into_iter().take(room + 1).collect();
        d.table(
            x,
            &[w * 0.2, w * 0.45, w * 0.15, w * 0.2],
            &[Al::C, Al::L, Al::C, Al::Rt],
            &keep,
            s,
            true,
            2,
        );
    }
    d.kv(
        "Total versé sur la période :",
        &format!("{} €", data::num(total)),
        tab,
    );
    d.gap(6.0);
    fine(d, &format!("{} — Service prestations familiales. Ce relevé vaut attestation de paiement. Pour toute question : espace privé sur msa.fr ou {}.", msa, phone(d)));
    benefit_notes(d);
}

/// The caf.fr personal-space statement "Mes paiements", printed in landscape on A4.
fn caf_releve_web(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1) = (d.x0, d.x1);
    d.text(
        20.0,
        16.0,
        F::Sans,
        6.5,
        &format!(
            "{} {:02}:{:02}  Caf.fr — Mes paiements",
            data::d_slash(f.today),
            d.int(8, 22),
            d.int(0, 59)
        ),
    );
    let y = d.y + 8.0;
    d.fill(x0, y, x1 - x0, 30.0, 70);
    d.text_ink(
        x0 + 10.0,
        y + 20.0,
        F::SansB,
        12.0,
        "caf.fr  |  Mon Compte",
        255,
    );
    d.y = y + 44.0;
    let b = d.bold;
    d.line_al(Al::L, b, 13.0, "Attestation de paiement");
    let s = d.size;
    d.line_al(
        Al::L,
        F::Sans,
        s - 1.0,
        &format!("Allocataire : {} — n° {}", full(p), f.allocataire),
    );
    d.line_al(
        Al::L,
        F::Sans,
        s - 1.0,
        &format!("Adresse : {}", f.adresse.one_line()),
    );
    d.gap(8.0);
    let bens = benefits(d, f);
    let x = d.x0;
    let w = d.x1 - d.x0;
    let months: Vec<NaiveDate> = (1..=d.int(3, 6) as i32)
        .rev()
        .map(|k| month_start(data::add_months(f.today, -k)))
        .collect();
    let mut head = vec!["Prestation".to_string()];
    head.extend(
        months
            .iter()
            .map(|m| format!("{:02}/{}", m.month(), m.year())),
    );
    let mut rows = vec![head];
    for (lab, a) in &bens {
        let mut r = vec![lab.to_string()];
        r.extend(months.iter().map(|_| data::num(*a)));
        rows.push(r);
    }
    let mut tot = vec!["Total".to_string()];
    let sum: f64 = bens.iter().map(|b| b.1).sum();
    tot.extend(months.iter().map(|_| data::num(sum)));
    rows.push(tot);
    let first = w * 0.34;
    let other = (w - first) / months.len() as f32;
    let mut widths = vec![first];
    widths.extend(months.iter().map(|_| other));
    let mut al = vec![Al::L];
    al.extend(months.iter().map(|_| Al::Rt));
    d.table(x, &widths, &al, &rows, (s - 2.0).max(7.0), true, 2);
    d.gap(8.0);
    fine(d, "Montants en euros versés au cours des mois indiqués. Les aides au logement peuvent être versées au bailleur. Document édité depuis l'espace Mon Compte : il a valeur d'attestation.");
    if d.pages > 1 {
        d.break_page();
        light_band(d, "Détail des droits");
        for (lab, a) in &bens {
            d.kv(
                &format!("{lab} :"),
                &format!("{} € par mois", data::num(*a)),
                300.0,
            );
        }
        d.gap(6.0);
        fine(d, "Vos droits sont calculés sur la base des ressources que vous avez déclarées et de la composition de votre foyer. Déclarez tout changement depuis votre espace Mon Compte.");
        fine(d, &format!("Quotient familial : {}", d.int(300, 1100)));
    }
}

// ---------------------------------------------------------------------------------------------
// Pensions

/// Agirc-Arrco's payment certificate for a supplementary pension.
fn agirc_arrco(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let caisse = d.pick(&[
        "Malakoff Humanis Retraite Agirc-Arrco",
        "AG2R Agirc-Arrco",
        "Klesia Retraite Agirc-Arrco",
        "Alliance Professionnelle Retraite Agirc-Arrco",
        "IRCEM Retraite Agirc-Arrco",
        "B2V Agirc-Arrco",
    ]);
    let (name, to) = to_applicant(d, f, p);
    let refs = vec![
        ("N° de dossier".to_string(), d.digits(11)),
        ("N° de sécurité sociale".to_string(), f.nir.clone()),
    ];
    letter_head(
        d,
        false,
        "Agirc-Arrco",
        &[
            caisse.to_string(),
            "Service retraités".to_string(),
            format!(
                "TSA {} — {} cedex",
                d.digits(5),
                f.adresse.commune.prefecture
            ),
        ],
        &name,
        &to,
        &refs,
        &format!("Le {}", data::d_long(ago(d, f, 0, 30))),
    );
    title(
        d,
        "ATTESTATION DE PAIEMENT DE RETRAITE COMPLÉMENTAIRE",
        11.5,
    );
    let year = f.today.year();
    let brut = cents(d.real(180.0, 900.0) as f64);
    let csg = cents(brut * d.pick(&[0.0, 0.038, 0.066, 0.083]));
    let crds = if csg > 0.0 { cents(brut * 0.005) } else { 0.0 };
    let casa = if csg > 0.066 * brut {
        cents(brut * 0.003)
    } else {
        0.0
    };
    let mal = cents(brut * 0.01);
    let net = cents(brut - csg - crds - casa - mal);
    d.para(&format!(
        "Nous certifions que {} perçoit une retraite complémentaire Agirc-Arrco depuis le {}.",
        name_as(d, p),
        data::d_slash(between(
            d,
            data::ymd(2005, 1, 1),
            data::add_months(f.today, -6)
        ))
    ));
    let x = d.x0;
    let w = d.x1 - d.x0;
    let rows = vec![
        vec!["Montant mensuel".to_string(), format!("Année {year}")],
        vec!["Retraite brute".into(), format!("{} €", data::num(brut))],
        vec!["CSG".into(), format!("- {} €", data::num(csg))],
        vec!["CRDS".into(), format!("- {} €", data::num(crds))],
        vec!["CASA".into(), format!("- {} €", data::num(casa))],
        vec![
            "Cotisation assurance maladie".into(),
            format!("- {} €", data::num(mal)),
        ],
        vec!["Net avant impôt".into(), format!("{} €", data::num(net))],
        vec![
            "Prélèvement à la source".into(),
            format!("- {} €", data::num(0.0)),
        ],
        vec!["Net versé".into(), format!("{} €", data::num(net))],
    ];
    let s = d.size - 0.5;
    d.table(x, &[w * 0.6, w * 0.4], &[Al::L, Al::Rt], &rows, s, true, 2);
    d.para("La retraite est versée mensuellement, à terme à échoir, le 1er jour ouvré du mois.");
    d.para(&format!(
        "Points acquis : {} — valeur du point au 1er novembre : 1,4386 €.",
        d.int(900, 6500)
    ));
    let sx = d.x0 + 270.0;
    sign(d, sx, "", "Le service retraités");
}

/// CARSAT's (Assurance retraite) payment certificate of the basic pension.
fn carsat_paiement(d: &mut Doc, f: &Foyer) {
    let mst = d.int(0, 2);
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let region = d.pick(&[
        "Carsat Nord-Picardie",
        "Carsat Rhône-Alpes",
        "Carsat Sud-Est",
        "Carsat Bretagne",
        "Carsat Centre-Val de Loire",
        "Cnav Île-de-France",
        "Carsat Aquitaine",
        "CGSS Martinique",
    ]);
    let x0 = d.x0;
    let y0 = d.y;
    let r = mark(d, x0, y0, "l'Assurance retraite", region);
    d.y = r.y + r.h + 6.0;
    let (name, to) = to_applicant(d, f, p);
    window_to(d, &name, &to);
    let b = d.bold;
    d.line_al(Al::L, b, 13.0, "Attestation de paiement");
    let s = d.size;
    d.line_al(
        Al::L,
        F::Sans,
        s - 1.0,
        &format!("Édition du {}", data::d_slash(ago(d, f, 0, 20))),
    );
    d.gap(8.0);
    let tab = 200.0;
    d.kv(
        "Numéro de retraite :",
        &format!("{} {}", f.nir, d.upper(1)),
        tab,
    );
    d.kv(
        "Nature de la pension :",
        d.pick(&[
            "Retraite personnelle",
            "Retraite anticipée carrière longue",
            "Retraite pour inaptitude",
            "Pension de réversion",
        ]),
        tab,
    );
    d.kv(
        "Date d'effet :",
        &data::d_slash(between(
            d,
            data::ymd(2008, 1, 1),
            data::add_months(f.today, -3),
        )),
        tab,
    );
    d.gap(6.0);
    let brut = cents(d.real(600.0, 1500.0) as f64);
    let net = cents(brut * 0.91);
    let x = d.x0;
    let w = d.x1 - d.x0;
    let mut rows = vec![vec![
        "Mois".to_string(),
        "Montant brut".to_string(),
        "Prélèvements sociaux".to_string(),
        "Net imposable".to_string(),
        "Montant versé".to_string(),
    ]];
    for k in (1..=d.int(3, 6) as i32).rev() {
        let m = month_start(data::add_months(f.today, -k));
        rows.push(vec![
            month_in(mst, m),
            data::num(brut),
            data::num(brut - net),
            data::num(cents(brut * 0.935)),
            data::num(net),
        ]);
    }
    d.table(
        x,
        &[w * 0.2, w * 0.2, w * 0.2, w * 0.2, w * 0.2],
        &[Al::L, Al::Rt, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        s - 1.0,
        true,
        2,
    );
    d.gap(6.0);
    fine(d, &format!("Les sommes sont versées le 9 de chaque mois pour le mois écoulé. Pour toute question : 3960 ou lassuranceretraite.fr. {} — {} cedex.", region, c.prefecture));
    let yq = d.y;
    datamatrix(d, x, yq, 48.0);
    d.y = yq + 56.0;
}

/// A CPAM certificate of payment of an invalidity pension.
fn invalidite_cpam(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (name, to) = to_applicant(d, f, p);
    letter_head(
        d,
        false,
        "l'Assurance Maladie",
        &[
            format!("Caisse primaire {}", data::dep_de(c.dep_nom)),
            "Service pensions d'invalidité".to_string(),
            format!("{} cedex", c.prefecture),
        ],
        &name,
        &to,
        &[("N° de sécurité sociale".to_string(), f.nir.clone())],
        &format!("{}, le {}", c.prefecture, data::d_slash(ago(d, f, 0, 30))),
    );
    title(d, "ATTESTATION DE PAIEMENT — PENSION D'INVALIDITÉ", 12.0);
    let cat = d.int(1, 2);
    let amount = cents(d.real(340.0, 1300.0) as f64);
    d.para(&format!(
        "La caisse primaire d'assurance maladie atteste que {} {} est titulaire d'une pension d'invalidité de {} catégorie depuis le {}.",
        p.civilite(),
        full(p),
        if cat == 1 { "1re" } else { "2e" },
        data::d_slash(between(d, data::ymd(2012, 1, 1), data::add_months(f.today, -4)))
    ));
    d.para(&format!(
        "Montant mensuel brut de la pension : {}. Montant net versé : {}.",
        euros(d, amount),
        euros(d, cents(amount * 0.93))
    ));
    d.para(&format!(
        "Dernier paiement effectué le {} pour la période du mois précédent.",
        data::d_slash(month_start(f.today) + chrono::Duration::days(d.int(2, 9)))
    ));
    d.para("Cette attestation est délivrée à l'intéressé(e) pour faire valoir ses droits.");
    let sx = d.x0 + 260.0;
    sign(d, sx, "", "Pour le directeur, le responsable du service");
}

// ---------------------------------------------------------------------------------------------
// Unemployment benefit

fn aj(f: &Foyer) -> f64 {
    cents((f.brut_mensuel * 12.0 / 365.0 * 0.57).max(31.97))
}

/// The monthly payment notice (avis de paiement / relevé de situation).
fn ft_avis_paiement(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let m = month_start(data::add_months(f.today, -1));
    let days = month_end(m).day() as f64;
    let j = aj(f);
    let brut = cents(j * days);
    let csg = cents(brut * 0.9825 * 0.062);
    let crds = cents(brut * 0.9825 * 0.005);
    let retr = cents(j * 0.03 * days);
    let pas = cents((brut - csg - retr) * (d.int(0, 40) as f64 / 1000.0));
    let net = cents(brut - csg - crds - retr - pas);
    let (name, to) = to_applicant(d, f, p);
    letter_head(
        d,
        false,
        "France Travail",
        &[
            "Indemnisation".to_string(),
            "TSA 20000 — service courrier".to_string(),
        ],
        &name,
        &to,
        &[("Identifiant".to_string(), f.ident_ft.clone())],
        &format!(
            "Le {}",
            data::d_slash(data::add_months(m, 1) + chrono::Duration::days(d.int(1, 6)))
        ),
    );
    title(d, "AVIS DE PAIEMENT", 13.0);
    d.para(&format!(
        "Nous avons procédé au paiement de votre allocation pour la période du {} au {}.",
        data::d_slash(m),
        data::d_slash(month_end(m))
    ));
    let x = d.x0;
    let w = d.x1 - d.x0;
    let rows = vec![
        vec![
            "Allocation".to_string(),
            "Jours".to_string(),
            "Montant journalier".to_string(),
            "Montant brut".to_string(),
        ],
        vec![
            "Aide au retour à l'emploi (ARE)".into(),
            format!("{}", days as u32),
            data::num(j),
            data::num(brut),
        ],
    ];
    let s = d.size - 1.0;
    d.table(
        x,
        &[w * 0.4, w * 0.15, w * 0.22, w * 0.23],
        &[Al::L, Al::C, Al::Rt, Al::Rt],
        &rows,
        s,
        true,
        2,
    );
    let rows = vec![
        vec!["Retenues".to_string(), "Montant".to_string()],
        vec![
            "Participation retraite complémentaire".into(),
            data::num(retr),
        ],
        vec!["CSG".into(), data::num(csg)],
        vec!["CRDS".into(), data::num(crds)],
        vec!["Prélèvement à la source".into(), data::num(pas)],
        vec!["Montant net payé".into(), data::num(net)],
    ];
    d.table(x, &[w * 0.6, w * 0.4], &[Al::L, Al::Rt], &rows, s, true, 1);
    d.gap(6.0);
    d.para(&format!(
        "Ce montant a été viré sur votre compte bancaire se terminant par {}.",
        d.digits(4)
    ));
    fine(d, "Pensez à vous actualiser chaque mois entre le 28 et le 15 du mois suivant et à déclarer vos activités, même non salariées. Toute période d'emploi non déclarée expose au remboursement des sommes indûment perçues.");
    if d.pages > 1 {
        d.break_page();
        light_band(d, "Votre situation au titre de l'indemnisation");
        let tab = 240.0;
        d.kv(
            "Date d'ouverture des droits :",
            &data::d_slash(ago(d, f, 90, 500)),
            tab,
        );
        d.kv(
            "Durée des droits :",
            &format!("{} jours", d.int(182, 730)),
            tab,
        );
        d.kv(
            "Reliquat au dernier jour payé :",
            &format!("{} jours", d.int(10, 500)),
            tab,
        );
        d.kv(
            "Salaire journalier de référence :",
            &data::num(cents(f.brut_mensuel * 12.0 / 365.0)),
            tab,
        );
        d.gap(6.0);
        for t in [
            "Le montant de votre allocation est revalorisé chaque année au 1er juillet par décision du conseil d'administration de l'Unédic.",
            "En cas de reprise d'emploi, vous pouvez cumuler partiellement votre allocation avec votre rémunération, dans la limite de votre salaire antérieur.",
            "Vous pouvez consulter le détail de vos paiements et télécharger vos attestations dans votre espace personnel.",
        ] {
            d.para(t);
        }
    }
}

/// The notification of entitlement to ARE (decision letter).
fn ft_notification(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (name, to) = to_applicant(d, f, p);
    let c = local(d, f);
    letter_head(
        d,
        false,
        "France Travail",
        &[
            format!("Agence de {}", c.nom),
            office_street(d),
            format!("{} {}", c.cp, c.nom),
        ],
        &name,
        &to,
        &[
            ("Identifiant".to_string(), f.ident_ft.clone()),
            ("Réf.".to_string(), format!("NOT{}", d.digits(8))),
        ],
        &format!("{}, le {}", c.nom, data::d_slash(ago(d, f, 15, 200))),
    );
    subject_line(
        d,
        "Objet : notification de vos droits à l'allocation d'aide au retour à l'emploi",
    );
    d.para(&format!("{},", p.civilite()));
    let start = ago(d, f, 30, 300);
    let j = aj(f);
    d.para(&format!("Suite à votre demande d'allocation, nous avons le plaisir de vous informer que vous bénéficiez de l'allocation d'aide au retour à l'emploi à compter du {}.", data::d_slash(start)));
    let tab = 260.0;
    d.kv(
        "Montant journalier brut :",
        &format!("{} €", data::num(j)),
        tab,
    );
    d.kv(
        "Durée maximale d'indemnisation :",
        &format!("{} jours calendaires", d.int(182, 730)),
        tab,
    );
    d.kv(
        "Salaire journalier de référence :",
        &format!("{} €", data::num(cents(f.brut_mensuel * 12.0 / 365.0))),
        tab,
    );
    d.kv(
        "Différé d'indemnisation :",
        &format!("{} jours", d.int(0, 40)),
        tab,
    );
    d.kv("Délai d'attente :", "7 jours", tab);
    d.gap(4.0);
    d.para("Vos allocations sont versées mensuellement, à terme échu, sous réserve de votre actualisation. Le premier paiement interviendra après votre prochaine actualisation.");
    fine(d, "Voies de recours : vous pouvez contester cette décision dans un délai de deux mois auprès du médiateur de France Travail ou de l'instance paritaire régionale, puis devant le tribunal judiciaire.");
    let sx = d.x0 + 260.0;
    sign(d, sx, "", "Votre conseiller indemnisation");
    if d.pages > 1 {
        d.break_page();
        title(d, "Calcul de votre allocation", 12.0);
        let s = d.size;
        let x = d.x0;
        let w = d.x1 - d.x0;
        let rows = vec![
            vec![
                "Période de référence".to_string(),
                "Salaires retenus".to_string(),
                "Jours".to_string(),
            ],
            vec![
                format!(
                    "{} – {}",
                    data::d_slash(data::add_months(start, -24)),
                    data::d_slash(start)
                ),
                data::num(f.brut_mensuel * 18.0),
                d.int(300, 730).to_string(),
            ],
        ];
        d.table(
            x,
            &[w * 0.4, w * 0.35, w * 0.25],
            &[Al::L, Al::Rt, Al::C],
            &rows,
            s - 1.0,
            true,
            2,
        );
        d.gap(6.0);
        for t in [
            "L'allocation journalière est égale au plus élevé des deux montants suivants : 40,4 % du salaire journalier de référence plus une partie fixe, ou 57 % de ce salaire ; elle ne peut dépasser 75 % du salaire journalier de référence.",
            "Le montant obtenu fait l'objet d'une participation au financement des retraites complémentaires de 3 % du salaire journalier de référence.",
            "Votre allocation est soumise à la CSG et à la CRDS, sauf si son montant est inférieur au seuil d'exonération.",
        ] {
            d.para(t);
        }
    }
}

/// The statement of payments printed from the personal space (several months).
fn ft_releve_paiements(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1) = (d.x0, d.x1);
    let y = d.y;
    d.text(x0, y + 12.0, F::SansB, 13.0, "France Travail");
    d.text_al(
        x1,
        y + 12.0,
        Al::Rt,
        F::SansB,
        11.0,
        "Attestation de paiement",
    );
    d.hline(x0, x1, y + 18.0, 1.2);
    d.y = y + 28.0;
    let tab = 150.0;
    d.kv("Nom, prénom :", &rev(p), tab);
    d.kv("Identifiant :", &f.ident_ft, tab);
    d.kv("Né(e) le :", &data::d_slash(p.naissance), tab);
    d.kv(
        "Période :",
        &format!(
            "du {} au {}",
            data::d_slash(month_start(data::add_months(f.today, -6))),
            data::d_slash(month_end(data::add_months(f.today, -1)))
        ),
        tab,
    );
    d.gap(6.0);
    let j = aj(f);
    let mut rows = vec![vec![
        "Date de paiement".to_string(),
        "Allocation".to_string(),
        "Période".to_string(),
        "Brut".to_string(),
        "Net".to_string(),
    ]];
    for k in (1..=6).rev() {
        let m = month_start(data::add_months(f.today, -k));
        let days = month_end(m).day() as f64;
        let brut = cents(j * days);
        rows.push(vec![
            data::d_slash(data::add_months(m, 1) + chrono::Duration::days(d.int(1, 5))),
            "ARE".into(),
            format!(
                "{:02}/{:02} – {:02}/{:02}",
                1,
                m.month(),
                month_end(m).day(),
                m.month()
            ),
            data::num(brut),
            data::num(cents(brut * 0.93)),
        ]);
    }
    let x = d.x0;
    let w = d.x1 - d.x0;
    let s = d.size - 1.0;
    d.table(
        x,
        &[w * 0.22, w * 0.14, w * 0.24, w * 0.2, w * 0.2],
        &[Al::C, Al::C, Al::C, Al::Rt, Al::Rt],
        &rows,
        s,
        true,
        2,
    );
    d.gap(6.0);
    fine(d, "Ce document est établi à partir des informations connues à la date d'édition. Il peut être contrôlé à l'aide du code de vérification ci-dessous.");
    d.para(&format!("Code de vérification : {}", d.upper(10)));
    if d.pages > 1 {
        d.break_page();
        light_band(d, "Informations");
        for t in [
            "L'aide au retour à l'emploi est versée mensuellement après votre actualisation. Les montants nets tiennent compte des retenues sociales et du prélèvement à la source.",
            "Si vous avez travaillé au cours d'un mois, le nombre de jours indemnisables est réduit en fonction de la rémunération déclarée.",
            "Ce relevé peut être présenté à tout organisme qui vous demande un justificatif de ressources.",
        ] {
            d.para(t);
        }
    }
}
