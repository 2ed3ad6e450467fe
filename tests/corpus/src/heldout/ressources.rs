//! Resources: tax notices (first page and detail, declarative situation, online duplicate),
//! payslips of several payroll tools (clarified layout, compact coded layout, Urssaf home-work
//! services, public service), family benefit payments (CAF print, MSA, monthly letter),
//! pensions (general scheme, complementary, invalidity) and unemployment benefit payments.

use chrono::{Datelike, NaiveDate};

use super::{
    band, etat_block, field, heading, kv_cols, lines_at, logo, np, pages_footer, place_date, pn,
    qr, reference, refs_line, signed, small, stranger, street, tel, window, Tpl, NOTICE,
};
use crate::data::{self, add_months, d_slash, mois_annee, num, Foyer};
use crate::doc::{Al, Doc, PH};
use crate::raster::F;

pub(crate) const AVIS: &[Tpl] = &[avis_impot, situation_declarative, duplicata_en_ligne];
pub(crate) const FPAIE: &[Tpl] = &[
    bulletin_clarifie,
    fiche_codee,
    bulletin_urssaf_service,
    bulletin_paye_etat,
];
pub(crate) const CAF: &[Tpl] = &[attestation_caf, attestation_msa, lettre_paiements_caf];
pub(crate) const PENS: &[Tpl] = &[retraite_base, retraite_complementaire, pension_invalidite];
pub(crate) const ARE: &[Tpl] = &[avis_paiement, releve_paiements, allocation_solidarite];

// ---------------------------------------------------------------------------------------------
// Tax

struct Tax {
    year: i32,
    salaires_d1: f64,
    salaires_d2: f64,
    parts: f64,
    rfr: f64,
    impot: f64,
    situation: &'static str,
}

fn tax(d: &Doc, f: &Foyer, back: i32) -> Tax {
    let t = f.today;
    let avis_year = if t.month() >= 8 {
        t.year()
    } else {
        t.year() - 1
    } - back;
    let s1 = (f.brut_mensuel * 12.0 * d.real(0.72, 0.8) as f64).round();
    let s2 = if f.conjoint.is_some() && d.chance(0.6) {
        (f.brut_mensuel * 12.0 * d.real(0.3, 0.8) as f64).round()
    } else {
        0.0
    };
    let n = f.enfants.len() as f64;
    let couple = f.conjoint.is_some();
    let mut parts = if couple { 2.0 } else { 1.0 };
    parts += n.min(2.0) * 0.5 + (n - 2.0).max(0.0);
    if !couple && n > 0.0 {
        parts += 0.5;
    }
    let rfr = ((s1 + s2) * 0.9).round();
    let q = rfr / parts;
    let bareme = |x: f64| -> f64 {
        let mut t = 0.0;
        if x > 11_497.0 {
            t += (x.min(29_315.0) - 11_497.0) * 0.11;
        }
        if x > 29_315.0 {
            t += (x.min(83_823.0) - 29_315.0) * 0.30;
        }
        t
    };
    let mut impot = bareme(q) * parts;
    let (seuil, base) = if couple {
        (3_248.0, 1_470.0)
    } else {
        (1_964.0, 889.0)
    };
    if impot < seuil {
        impot = (impot - (base - 0.4525 * impot)).max(0.0);
    }
    if impot < 61.0 {
        impot = 0.0;
    }
    let situation = if couple {
        d.pick(&["Marié(e)s", "Pacsé(e)s"])
    } else {
        d.pick(&["Célibataire", "Divorcé(e)", "Séparé(e)"])
    };
    Tax {
        year: avis_year,
        salaires_d1: s1,
        salaires_d2: s2,
        parts,
        rfr,
        impot: impot.round(),
        situation,
    }
}

fn parts_s(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{p:.0}")
    } else {
        format!("{}", num(p))
            .replace(",50", ",5")
            .replace(",00", "")
    }
}

/// The tax notice: first page with references and result; detail on the second page.
fn avis_impot(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let tx = tax(d, f, d.int(0, 1) as i32);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let c = f.adresse.commune;
    let y = etat_block(
        d,
        x0,
        top,
        &[
            "Direction générale des finances publiques",
            &format!("Centre des finances publiques {}", data::de(c.nom)),
            &format!("SIP {} — {}", c.nom, street(d)),
        ],
    );
    let bx = x1 - 215.0;
    let mut by = top;
    let bo = d.bold;
    d.text(
        bx,
        by + 12.0,
        bo,
        11.0,
        &format!("AVIS D'IMPÔT {}", tx.year),
    );
    by += 16.0;
    d.text(
        bx,
        by + 10.0,
        F::Sans,
        8.5,
        &format!("IMPÔT SUR LES REVENUS de l'année {}", tx.year - 1),
    );
    by += 20.0;
    d.rect(bx, by, 215.0, 88.0, 0.6);
    let rows = [
        ("Vos références", String::new()),
        ("Numéro fiscal", f.numero_fiscal.clone()),
        ("N° d'accès en ligne", d.digits(7)),
        (
            "Référence de l'avis",
            format!(
                "{} {} {} {} {}",
                d.digits(2),
                d.digits(2),
                d.digits(7),
                d.digits(3),
                d.digits(2)
            ),
        ),
        ("Revenu fiscal de référence", num(tx.rfr).replace(",00", "")),
    ];
    let mut ry = by + 12.0;
    for (i, (k, v)) in rows.iter().enumerate() {
        let fo = if i == 0 { F::SansB } else { F::Sans };
        d.text(bx + 6.0, ry, fo, 7.5, k);
        d.text_al(bx + 209.0, ry, Al::Rt, F::SansB, 7.5, v);
        ry += 16.0;
    }
    d.y = y.max(by + 96.0);
    window(d, p, f, true);
    band(d, "Votre situation");
    let pairs = vec![
        (
            "Situation de famille :".to_string(),
            tx.situation.to_string(),
        ),
        ("Nombre de parts :".into(), parts_s(tx.parts)),
        ("Personnes à charge :".into(), f.enfants.len().to_string()),
        ("Déclarant 1 :".into(), np(p)),
    ];
    kv_cols(d, &pairs, 120.0);
    band(d, "Votre impôt");
    let sz = d.size + 1.0;
    if tx.impot == 0.0 {
        let bo = d.bold;
        d.line_al(Al::L, bo, sz, "Vous n'êtes pas imposable sur le revenu.");
        d.para(d.pick(&[
            "Votre impôt calculé est inférieur au seuil de mise en recouvrement.",
            "Aucune somme ne vous sera prélevée au titre de cet impôt.",
        ]));
    } else {
        let bo = d.bold;
        d.kv_f(
            x0,
            "Montant de votre impôt sur le revenu :",
            &data::eur(tx.impot),
            260.0,
            F::Sans,
            bo,
            sz,
        );
        let pas = (tx.impot * d.real(0.85, 1.0) as f64).round();
        d.kv_f(
            x0,
            "Prélèvements à la source déjà effectués :",
            &data::eur(pas),
            260.0,
            F::Sans,
            F::Sans,
            sz - 1.0,
        );
        d.kv_f(
            x0,
            "Solde :",
            &data::eur(tx.impot - pas),
            260.0,
            F::Sans,
            bo,
            sz - 1.0,
        );
    }
    d.gap(8.0);
    small(d, "Ce document peut vous être demandé pour bénéficier de certaines prestations ou tarifs sociaux. Conservez-le. Vous pouvez le retrouver dans votre espace particulier.");
    pages_footer(d, Some(format!("Numéro fiscal {}", f.numero_fiscal)));
    if d.pages > 1 {
        d.break_page();
        heading(d, "Détail de l'imposition", 12.5);
        let w = x1 - x0;
        let d1 = tx.salaires_d1;
        let d2 = tx.salaires_d2;
        let rows = vec![
            vec![
                "".to_string(),
                "Déclarant 1".into(),
                "Déclarant 2".into(),
                "Total".into(),
            ],
            vec![
                "Salaires et assimilés".into(),
                num(d1),
                num(d2),
                num(d1 + d2),
            ],
            vec![
                "Déduction 10 % ou frais réels".into(),
                num(d1 * 0.1),
                num(d2 * 0.1),
                num((d1 + d2) * 0.1),
            ],
            vec![
                "Revenu brut global".into(),
                "".into(),
                "".into(),
                num(tx.rfr),
            ],
            vec!["Revenu imposable".into(), "".into(), "".into(), num(tx.rfr)],
            vec![
                "Nombre de parts".into(),
                "".into(),
                "".into(),
                parts_s(tx.parts),
            ],
            vec![
                "Impôt sur les revenus soumis au barème".into(),
                "".into(),
                "".into(),
                num(tx.impot),
            ],
            vec!["Impôt net".into(), "".into(), "".into(), num(tx.impot)],
        ];
        let sz = d.size - 0.5;
        d.table(
            x0,
            &[w * 0.46, w * 0.18, w * 0.18, w * 0.18],
            &[Al::L, Al::Rt, Al::Rt, Al::Rt],
            &rows,
            sz,
            true,
            1,
        );
        d.gap(10.0);
        for t in NOTICE.iter().take(3) {
            small(d, t);
        }
    }
}

/// The declarative situation notice: a grid of both declarants and the household's figures.
fn situation_declarative(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let tx = tax(d, f, 0);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let y = etat_block(d, x0, top, &["Finances publiques"]);
    d.text_al(
        x1,
        top + 10.0,
        Al::Rt,
        F::Sans,
        7.5,
        &format!("Édité le {}", d_slash(f.today)),
    );
    d.y = y + 4.0;
    heading(
        d,
        &format!(
            "AVIS DE SITUATION DÉCLARATIVE À L'IMPÔT SUR LE REVENU {}",
            tx.year
        ),
        11.5,
    );
    let font = d.font;
    let sz = d.size;
    d.line_al(
        Al::C,
        font,
        sz,
        &format!("Revenus de l'année {}", tx.year - 1),
    );
    d.gap(6.0);
    let w = x1 - x0;
    let c = f.conjoint.as_ref();
    let rows = vec![
        vec!["".to_string(), "Déclarant 1".into(), "Déclarant 2".into()],
        vec![
            "Nom".into(),
            p.nom.clone(),
            c.map(|c| c.nom.clone()).unwrap_or_default(),
        ],
        vec![
            "Prénom(s)".into(),
            p.prenoms(),
            c.map(|c| c.prenoms()).unwrap_or_default(),
        ],
        vec![
            "Date de naissance".into(),
            d_slash(p.naissance),
            c.map(|c| d_slash(c.naissance)).unwrap_or_default(),
        ],
        vec![
            "Numéro fiscal".into(),
            f.numero_fiscal.clone(),
            if c.is_some() {
                format!("{} {} {}", d.digits(2), d.digits(2), d.digits(9))
            } else {
                String::new()
            },
        ],
    ];
    d.table(
        x0,
        &[w * 0.3, w * 0.35, w * 0.35],
        &[Al::L, Al::L, Al::L],
        &rows,
        sz - 0.5,
        true,
        2,
    );
    d.gap(8.0);
    let rows2 = vec![
        vec!["Adresse au 1er janvier".to_string(), f.adresse.one_line()],
        vec!["Situation de famille".into(), tx.situation.into()],
        vec!["Nombre de parts".into(), parts_s(tx.parts)],
        vec!["Revenu brut global".into(), data::eur(tx.rfr)],
        vec!["Revenu fiscal de référence".into(), data::eur(tx.rfr)],
        vec![
            "Impôt sur le revenu net avant corrections".into(),
            data::eur(tx.impot),
        ],
    ];
    d.table(
        x0,
        &[w * 0.45, w * 0.55],
        &[Al::L, Al::L],
        &rows2,
        sz - 0.5,
        false,
        2,
    );
    d.gap(10.0);
    small(d, "Ce document est établi à partir des éléments que vous avez déclarés. Il reprend les montants qui figureront sur votre avis d'impôt, sous réserve d'un contrôle ultérieur.");
    qr(d, x1 - 70.0, PH - 150.0, 70.0);
    d.text(
        x0,
        PH - 110.0,
        F::Sans,
        7.0,
        &format!(
            "Identifiant de vérification : {}{}",
            d.upper(4),
            d.digits(10)
        ),
    );
    for _ in 1..d.pages {
        d.break_page();
        band(d, "Informations");
        for t in NOTICE {
            d.para(t);
        }
    }
}

/// The tax notice downloaded from the online space: browser header and footer, simple grid.
fn duplicata_en_ligne(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let tx = tax(d, f, d.int(0, 1) as i32);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    d.text(
        14.0,
        14.0,
        F::Sans,
        6.5,
        &format!(
            "{} {:02}:{:02}",
            d_slash(f.today),
            d.int(8, 22),
            d.int(0, 59)
        ),
    );
    d.text_al(
        581.0,
        14.0,
        Al::Rt,
        F::Sans,
        6.5,
        "impots.gouv.fr — Mes documents",
    );
    d.text(
        14.0,
        PH - 10.0,
        F::Sans,
        6.5,
        "https://cfspart.impots.gouv.fr/monprofil-webapp/documents",
    );
    let b = d.bold;
    d.text(x0, top + 18.0, b, 14.0, "impots.gouv.fr");
    d.text(x0, top + 30.0, F::Sans, 8.0, "Espace particulier");
    d.y = top + 50.0;
    d.fill(x0, d.y, x1 - x0, 30.0, 70);
    let s = format!(
        "Avis d'impôt {} sur les revenus {} — duplicata",
        tx.year,
        tx.year - 1
    );
    d.text_ink(x0 + 10.0, d.y + 19.0, F::SansB, 11.0, &s, 255);
    d.y += 44.0;
    let w = x1 - x0;
    let y = d.y;
    field(d, x0, y, w / 2.0 - 4.0, 28.0, "Contribuable", &np(p));
    field(
        d,
        x0 + w / 2.0,
        y,
        w / 2.0,
        28.0,
        "Numéro fiscal",
        &f.numero_fiscal,
    );
    field(
        d,
        x0,
        y + 32.0,
        w / 2.0 - 4.0,
        28.0,
        "Revenu fiscal de référence",
        &data::eur(tx.rfr),
    );
    field(
        d,
        x0 + w / 2.0,
        y + 32.0,
        w / 2.0,
        28.0,
        "Nombre de parts",
        &parts_s(tx.parts),
    );
    field(
        d,
        x0,
        y + 64.0,
        w / 2.0 - 4.0,
        28.0,
        "Impôt sur le revenu net",
        &data::eur(tx.impot),
    );
    field(
        d,
        x0 + w / 2.0,
        y + 64.0,
        w / 2.0,
        28.0,
        "Date de mise en recouvrement",
        &d_slash(data::ymd(tx.year, 7, 31)),
    );
    d.y = y + 104.0;
    d.para(&format!("Adresse : {}", f.adresse.one_line()));
    d.para(&format!(
        "Salaires déclarés : {} (déclarant 1), {} (déclarant 2).",
        data::eur(tx.salaires_d1),
        data::eur(tx.salaires_d2)
    ));
    if tx.impot == 0.0 {
        d.para("Situation : non imposable.");
    }
    small(d, "Ce duplicata a la même valeur que l'avis original. Il est généré à partir de votre espace particulier.");
    for _ in 1..d.pages {
        d.break_page();
        band(d, "Vos revenus et charges");
        for t in NOTICE.iter().rev() {
            d.para(t);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Payslips

struct Pay {
    month: NaiveDate,
    brut: f64,
    heures: f64,
    lines: Vec<(String, String, String, f64, f64)>, // label, base, taux, salarié, employeur
    cotis: f64,
    net_avant: f64,
    net_imposable: f64,
    pas_taux: f64,
    pas: f64,
    net: f64,
}

fn pay(d: &Doc, f: &Foyer) -> Pay {
    let month = add_months(f.today, -d.int(1, 4) as i32);
    let month = data::ymd(month.year(), month.month(), 1);
    let partiel = d.chance(0.25);
    let heures = if partiel {
        d.pick(&[86.67, 104.0, 121.33, 130.0])
    } else {
        151.67
    };
    let base = (f.brut_mensuel * heures / 151.67 * 100.0).round() / 100.0;
    let prime = if d.chance(0.4) {
        (d.real(30.0, 180.0) as f64 * 100.0).round() / 100.0
    } else {
        0.0
    };
    let hs = if !partiel && d.chance(0.3) {
        (base / 151.67 * 1.25 * 8.0 * 100.0).round() / 100.0
    } else {
        0.0
    };
    let brut = base + prime + hs;
    let pmss = 3_925.0f64;
    let r = |x: f64| (x * 100.0).round() / 100.0;
    let t1 = brut.min(pmss);
    let csg_base = r(brut * 0.9825);
    let mutuelle = r(d.real(18.0, 55.0) as f64);
    let mut lines = vec![
        (
            "Sécurité sociale — maladie, maternité, invalidité, décès".to_string(),
            num(brut),
            "".into(),
            0.0,
            r(brut * 0.07),
        ),
        (
            "Complémentaire santé".into(),
            "".into(),
            "".into(),
            mutuelle,
            mutuelle,
        ),
        (
            "Accidents du travail — maladies professionnelles".into(),
            num(brut),
            "".into(),
            0.0,
            r(brut * 0.0212),
        ),
        (
            "Retraite — sécurité sociale plafonnée".into(),
            num(t1),
            "6,900".into(),
            r(t1 * 0.069),
            r(t1 * 0.0855),
        ),
        (
            "Retraite — sécurité sociale déplafonnée".into(),
            num(brut),
            "0,400".into(),
            r(brut * 0.004),
            r(brut * 0.0202),
        ),
        (
            "Retraite complémentaire tranche 1".into(),
            num(t1),
            "4,010".into(),
            r(t1 * 0.0401),
            r(t1 * 0.0601),
        ),
        (
            "Famille".into(),
            num(brut),
            "".into(),
            0.0,
            r(brut * 0.0345),
        ),
        (
            "Assurance chômage".into(),
            num(brut),
            "".into(),
            0.0,
            r(brut * 0.0405),
        ),
        (
            "Autres contributions dues par l'employeur".into(),
            "".into(),
            "".into(),
            0.0,
            r(brut * 0.011),
        ),
        (
            "CSG déductible de l'impôt sur le revenu".into(),
            num(csg_base),
            "6,800".into(),
            r(csg_base * 0.068),
            0.0,
        ),
        (
            "CSG/CRDS non déductible de l'impôt sur le revenu".into(),
            num(csg_base),
            "2,900".into(),
            r(csg_base * 0.029),
            0.0,
        ),
    ];
    if hs > 0.0 {
        lines.push((
            "Réduction de cotisations sur heures supplémentaires".into(),
            num(hs),
            "-11,310".into(),
            -r(hs * 0.1131),
            0.0,
        ));
    }
    let cotis: f64 = lines.iter().map(|l| l.3).sum();
    let mut brut_lines = vec![(
        format!("Salaire de base"),
        num(heures),
        num(base / heures),
        base,
    )];
    if hs > 0.0 {
        brut_lines.push((
            "Heures supplémentaires à 25 %".into(),
            "8,00".into(),
            num(hs / 8.0),
            hs,
        ));
    }
    if prime > 0.0 {
        brut_lines.push((
            d.pick(&[
                "Prime d'ancienneté",
                "Prime de panier",
                "Indemnité de transport",
                "Prime d'assiduité",
            ])
            .to_string(),
            "".into(),
            "".into(),
            prime,
        ));
    }
    let net_avant = r(brut - cotis);
    let net_imposable = r(net_avant + csg_base * 0.029 + mutuelle);
    let pas_taux = d.pick(&[0.0, 0.0, 1.5, 2.9, 3.8, 4.6, 5.9, 7.5]);
    let pas = r(net_imposable * pas_taux / 100.0);
    let mut all = Vec::new();
    for (l, b, t, m) in brut_lines {
        all.push((l, b, t, -m, 0.0)); // negative: a gain
    }
    all.extend(lines);
    Pay {
        month,
        brut: r(brut),
        heures,
        lines: all,
        cotis: r(cotis),
        net_avant,
        net_imposable,
        pas_taux,
        pas,
        net: r(net_avant - pas),
    }
}

fn last_day(m: NaiveDate) -> NaiveDate {
    add_months(data::ymd(m.year(), m.month(), 1), 1) - chrono::Duration::days(1)
}

/// The clarified payslip: employer and employee blocks side by side, sections, net boxes.
fn bulletin_clarifie(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let pay = pay(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let w = x1 - x0;
    let size = d.real(7.2, 8.2);
    let t = d.pick(&[
        "BULLETIN DE PAIE",
        "Bulletin de salaire",
        "BULLETIN DE SALAIRE",
        "Bulletin de paie",
    ]);
    let bo = d.bold;
    d.text(x0, top + 14.0, bo, 13.0, t);
    d.text_al(
        x1,
        top + 10.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!(
            "Période du {} au {}",
            d_slash(pay.month),
            d_slash(last_day(pay.month))
        ),
    );
    d.text_al(
        x1,
        top + 20.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("Paiement le {} par virement", d_slash(last_day(pay.month))),
    );
    let y = top + 30.0;
    d.rect(x0, y, w * 0.48, 70.0, 0.6);
    lines_at(
        d,
        x0 + 5.0,
        y + 3.0,
        size,
        &[
            format!("{} {}", e.nom, e.forme),
            e.adresse.clone(),
            e.ville.clone(),
            format!("SIRET {}   APE {}", e.siret, e.ape),
            format!("URSSAF {}", f.adresse.commune.prefecture),
        ],
    );
    let ex = x0 + w * 0.52;
    d.rect(ex, y, w * 0.48, 70.0, 0.6);
    let mut emp = vec![
        format!("{} {}", p.civilite().to_uppercase(), np(p)),
        f.adresse.ligne.clone(),
        f.adresse.ville_ligne(),
    ];
    emp.push(format!(
        "Matricule {}   Entrée le {}",
        d.digits(5),
        d_slash(f.embauche)
    ));
    emp.push(format!("Emploi : {}   Statut : non cadre", f.poste));
    lines_at(d, ex + 5.0, y + 3.0, size, &emp);
    d.y = y + 76.0;
    d.text(
        x0,
        d.y + size,
        F::Sans,
        size - 0.5,
        &format!(
            "N° de sécurité sociale : {}    Convention collective : {}",
            f.nir, e.convention
        ),
    );
    d.y += size * 2.0;
    let mut rows = vec![vec![
        "Rubrique".to_string(),
        "Base".into(),
        "Taux".into(),
        "Part salarié".into(),
        "Part employeur".into(),
    ]];
    let mut brut_done = false;
    for (l, b, t, sal, emp) in &pay.lines {
        if *sal >= 0.0 && !brut_done {
            rows.push(vec![
                "SALAIRE BRUT".into(),
                "".into(),
                "".into(),
                num(pay.brut),
                "".into(),
            ]);
            brut_done = true;
        }
        let sal_s = if *sal == 0.0 {
            String::new()
        } else if !brut_done {
            num(-sal)
        } else {
            num(*sal)
        };
        rows.push(vec![
            l.clone(),
            b.clone(),
            t.clone(),
            sal_s,
            if *emp == 0.0 {
                String::new()
            } else {
                num(*emp)
            },
        ]);
    }
    rows.push(vec![
        "Total des cotisations et contributions".into(),
        "".into(),
        "".into(),
        num(pay.cotis),
        "".into(),
    ]);
    d.table(
        x0,
        &[w * 0.46, w * 0.13, w * 0.09, w * 0.16, w * 0.16],
        &[Al::L, Al::Rt, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        size,
        true,
        1,
    );
    let y = d.y + 4.0;
    let bw = w / 3.0 - 4.0;
    field(
        d,
        x0,
        y,
        bw,
        30.0,
        "Net à payer avant impôt sur le revenu",
        &data::eur(pay.net_avant),
    );
    field(
        d,
        x0 + bw + 6.0,
        y,
        bw,
        30.0,
        &format!("Impôt sur le revenu (taux {} %)", num(pay.pas_taux)),
        &data::eur(pay.pas),
    );
    field(
        d,
        x0 + 2.0 * (bw + 6.0),
        y,
        bw,
        30.0,
        "NET PAYÉ",
        &data::eur(pay.net),
    );
    d.y = y + 38.0;
    let font = d.font;
    d.text(
        x0,
        d.y + size,
        font,
        size,
        &format!(
            "Net imposable : {}      Montant net social : {}      Heures payées : {}",
            data::eur(pay.net_imposable),
            data::eur(pay.net_avant + pay.cotis * 0.02),
            num(pay.heures)
        ),
    );
    d.y += size * 2.0;
    let cum = pay.month.month() as f64;
    let rows = vec![
        vec![
            "Cumuls".to_string(),
            "Brut".into(),
            "Net imposable".into(),
            "Impôt prélevé".into(),
            "Congés acquis / pris".into(),
        ],
        vec![
            format!("Année {}", pay.month.year()),
            num(pay.brut * cum),
            num(pay.net_imposable * cum),
            num(pay.pas * cum),
            format!("{} / {}", num(2.5 * cum), num(d.int(0, 10) as f64)),
        ],
    ];
    d.table(
        x0,
        &[w * 0.2, w * 0.2, w * 0.2, w * 0.2, w * 0.2],
        &[Al::L, Al::Rt, Al::Rt, Al::Rt, Al::C],
        &rows,
        size,
        true,
        2,
    );
    d.y = d.y.max(PH - 70.0);
    small(d, "Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce bulletin de paie sans limitation de durée. Rendez-vous sur mesdroitssociaux.gouv.fr.");
}

/// A compact coded payslip (monospaced grid, codes, gain/retenue columns, cumulative boxes).
fn fiche_codee(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let pay = pay(d, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let w = x1 - x0;
    let t = d.pick(&[
        "FICHE DE PAIE",
        "RELEVÉ DE SALAIRE",
        "BULLETIN DE PAYE",
        "Fiche de paie",
    ]);
    d.rect(x0, top, w, 24.0, 1.0);
    d.text(x0 + 6.0, top + 16.0, F::MonoB, 11.0, t);
    d.text_al(
        x1 - 6.0,
        top + 16.0,
        Al::Rt,
        F::Mono,
        8.5,
        &format!("Mois : {}", mois_annee(pay.month).to_uppercase()),
    );
    let y = top + 30.0;
    let fs = 7.5;
    let left = [
        format!("{} {}", e.nom.to_uppercase(), e.forme),
        e.adresse.to_uppercase(),
        e.ville.to_uppercase(),
        format!("SIRET : {}", e.siret),
        format!("NAF : {}", e.ape),
    ];
    let mut yy = y + 10.0;
    for l in &left {
        d.text(x0 + 4.0, yy, F::Mono, fs, l);
        yy += fs * 1.35;
    }
    let right = [
        format!("{} {}", p.civ_court().to_uppercase(), np(p)),
        f.adresse.ligne.to_uppercase(),
        f.adresse.ville_ligne(),
        format!("MATR. {}  COEF. {}", d.digits(4), d.int(110, 250)),
        format!("N° SS {}", f.nir),
        format!("EMPLOI : {}", f.poste.to_uppercase()),
    ];
    let mut yy2 = y + 10.0;
    for l in &right {
        d.text(x0 + w * 0.52, yy2, F::Mono, fs, l);
        yy2 += fs * 1.35;
    }
    d.y = yy.max(yy2) + 6.0;
    d.hline(x0, x1, d.y, 0.8);
    d.gap(4.0);
    let save = (d.font, d.bold);
    d.font = F::Mono;
    d.bold = F::MonoB;
    let mut rows = vec![vec![
        "Code".to_string(),
        "Libellé".into(),
        "Base".into(),
        "Taux".into(),
        "Gain".into(),
        "Retenue".into(),
    ]];
    let mut code = 1000;
    for (l, b, t, sal, _) in &pay.lines {
        let (g, r) = if *sal < 0.0 {
            (num(-sal), String::new())
        } else if *sal == 0.0 {
            continue;
        } else {
            (String::new(), num(*sal))
        };
        let mut lib = l.to_uppercase();
        if lib.chars().count() > 34 {
            lib = lib.chars().take(34).collect();
        }
        rows.push(vec![code.to_string(), lib, b.clone(), t.clone(), g, r]);
        code += if code < 1100 { 10 } else { 20 };
        if code == 1040 {
            code = 2000;
        }
    }
    if e.interim {
        rows.push(vec![
            "1500".into(),
            "IND. COMPENSATRICE CONGES PAYES".into(),
            "".into(),
            "10,00".into(),
            num(pay.brut * 0.1),
            "".into(),
        ]);
    }
    rows.push(vec![
        "".into(),
        "TOTAL".into(),
        "".into(),
        "".into(),
        num(pay.brut),
        num(pay.cotis),
    ]);
    rows.push(vec![
        "9000".into(),
        "NET A PAYER AVANT IMPOT".into(),
        "".into(),
        "".into(),
        num(pay.net_avant),
        "".into(),
    ]);
    rows.push(vec![
        "9100".into(),
        "IMPOT PRELEVE A LA SOURCE".into(),
        num(pay.net_imposable),
        num(pay.pas_taux),
        "".into(),
        num(pay.pas),
    ]);
    let x = d.x0;
    d.table(
        x,
        &[w * 0.08, w * 0.4, w * 0.13, w * 0.09, w * 0.15, w * 0.15],
        &[Al::L, Al::L, Al::Rt, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        7.2,
        true,
        2,
    );
    d.font = save.0;
    d.bold = save.1;
    let y = d.y + 4.0;
    d.rect(x1 - 180.0, y, 180.0, 30.0, 1.6);
    d.text(x1 - 174.0, y + 12.0, F::MonoB, 8.0, "NET A PAYER");
    d.text_al(
        x1 - 8.0,
        y + 24.0,
        Al::Rt,
        F::MonoB,
        11.0,
        &format!("{} EUR", num(pay.net)),
    );
    d.y = y + 40.0;
    let cw = w / 5.0;
    let yb = d.y;
    for (i, (k, v)) in [
        ("BRUT", num(pay.brut)),
        ("COTIS. SAL.", num(pay.cotis)),
        ("NET IMPOSABLE", num(pay.net_imposable)),
        ("HEURES", num(pay.heures)),
        ("COUT GLOBAL", num(pay.brut * 1.3)),
    ]
    .iter()
    .enumerate()
    {
        field(d, x0 + i as f32 * cw, yb, cw, 26.0, k, v);
    }
    d.y = yb + 34.0;
    d.text(
        x0,
        d.y + 8.0,
        F::Mono,
        7.0,
        &format!(
            "CONGES : ACQUIS {}  PRIS {}  SOLDE {}",
            num(d.int(10, 25) as f64),
            num(d.int(0, 10) as f64),
            num(d.int(5, 20) as f64)
        ),
    );
    d.text(
        x0,
        PH - 40.0,
        F::Mono,
        6.5,
        "A CONSERVER SANS LIMITATION DE DUREE",
    );
}

/// A payslip issued by an Urssaf home-work service (childminder or home help).
fn bulletin_urssaf_service(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let paje = d.chance(0.5);
    let (service, job) = if paje {
        ("Pajemploi", "Assistant(e) maternel(le) agréé(e)")
    } else {
        ("Cesu", "Salarié(e) du particulier employeur")
    };
    let r = logo(
        d,
        x0,
        top,
        "U",
        &format!("Urssaf — {service}"),
        "Service de déclaration des particuliers employeurs",
    );
    let month = add_months(f.today, -d.int(1, 3) as i32);
    d.text_al(
        x1,
        top + 10.0,
        Al::Rt,
        F::SansB,
        10.0,
        "BULLETIN DE SALAIRE",
    );
    d.text_al(
        x1,
        top + 22.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("Période d'emploi : {}", mois_annee(month)),
    );
    d.y = r.y + r.h + 16.0;
    let boss = stranger(d, None, (1975, 1995));
    let w = x1 - x0;
    let y = d.y;
    d.rect(x0, y, w / 2.0 - 4.0, 64.0, 0.5);
    lines_at(
        d,
        x0 + 5.0,
        y + 2.0,
        8.0,
        &[
            "Employeur".into(),
            format!("{} {}", boss.civ_court(), np(&boss)),
            street(d),
            format!("{} {}", f.adresse.commune.cp, f.adresse.commune.nom),
            format!("N° {} : {}", service, d.digits(8)),
        ],
    );
    d.rect(x0 + w / 2.0 + 4.0, y, w / 2.0 - 4.0, 64.0, 0.5);
    lines_at(
        d,
        x0 + w / 2.0 + 9.0,
        y + 2.0,
        8.0,
        &[
            "Salarié(e)".into(),
            format!("{} {}", p.civ_court(), np(p)),
            job.into(),
            format!("N° de sécurité sociale : {}", f.nir),
            format!("Né(e) le {}", d_slash(p.naissance)),
        ],
    );
    d.y = y + 74.0;
    let hours = d.int(40, 160) as f64;
    let rate = (d.real(4.2, 13.0) as f64 * 100.0).round() / 100.0;
    let net = (hours * rate * 100.0).round() / 100.0;
    let brut = (net / 0.78 * 100.0).round() / 100.0;
    let mut rows = vec![vec![
        "Élément".to_string(),
        "Nombre".into(),
        "Taux / montant unitaire".into(),
        "Montant".into(),
    ]];
    rows.push(vec![
        "Heures normales".into(),
        num(hours),
        num(rate),
        num(net),
    ]);
    if paje {
        let days = d.int(8, 22) as f64;
        rows.push(vec![
            "Indemnités d'entretien".into(),
            num(days),
            "3,80".into(),
            num(days * 3.8),
        ]);
        rows.push(vec![
            "Indemnités de repas".into(),
            num(days),
            "2,50".into(),
            num(days * 2.5),
        ]);
    }
    rows.push(vec!["Salaire brut".into(), "".into(), "".into(), num(brut)]);
    rows.push(vec![
        "Cotisations salariales".into(),
        "".into(),
        "".into(),
        num(brut - net),
    ]);
    rows.push(vec!["Salaire net".into(), "".into(), "".into(), num(net)]);
    let pas = (net * d.pick(&[0.0, 0.0, 0.02, 0.035]) * 100.0).round() / 100.0;
    rows.push(vec![
        "Prélèvement à la source".into(),
        "".into(),
        "".into(),
        num(pas),
    ]);
    rows.push(vec![
        "Net versé au salarié".into(),
        "".into(),
        "".into(),
        num(net - pas),
    ]);
    let sz = d.size;
    d.table(
        x0,
        &[w * 0.4, w * 0.15, w * 0.25, w * 0.2],
        &[Al::L, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        sz,
        true,
        1,
    );
    d.gap(8.0);
    small(d, &format!("Bulletin établi par le centre national {} à partir de la déclaration de l'employeur. Il a valeur de bulletin de salaire. Les cotisations sont prélevées sur le compte de l'employeur.", service));
    d.y = d.y.max(PH - 120.0);
    qr(d, x0, d.y, 56.0);
    d.text(
        x0 + 66.0,
        d.y + 20.0,
        F::Sans,
        7.0,
        &format!("Document édité le {}", d_slash(f.today)),
    );
}

/// A public servant's pay slip (three money columns, index, grade).
fn bulletin_paye_etat(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let w = x1 - x0;
    let month = add_months(f.today, -d.int(1, 3) as i32);
    let min = d.pick(&[
        "MINISTÈRE DE L'ÉDUCATION NATIONALE",
        "MINISTÈRE DE L'INTÉRIEUR",
        "MINISTÈRE DE LA JUSTICE",
        "CENTRE HOSPITALIER",
        "COMMUNE",
    ]);
    let b = d.bold;
    d.text(x0, top + 12.0, b, 10.0, min);
    d.text(
        x0,
        top + 23.0,
        F::Sans,
        7.5,
        &format!(
            "Direction régionale des finances publiques — {}",
            c.prefecture
        ),
    );
    d.text_al(x1, top + 12.0, Al::Rt, F::SansB, 12.0, "BULLETIN DE PAYE");
    d.text_al(
        x1,
        top + 24.0,
        Al::Rt,
        F::Sans,
        8.0,
        &format!("{}", mois_annee(month).to_uppercase()),
    );
    d.y = top + 34.0;
    let indice = d.int(361, 430);
    let point = 4.92278;
    let traitement = (indice as f64 * point * 100.0).round() / 100.0;
    let cells = [
        ("N° INSEE", f.nir.clone()),
        ("NOM PRÉNOM", np(p)),
        (
            "GRADE",
            d.pick(&[
                "ADJOINT ADMINISTRATIF",
                "ADJ. TECHNIQUE PRINC. 2CL",
                "AIDE-SOIGNANT CL. NORM.",
                "SECRETAIRE ADMINISTRATIF",
                "GARDIEN DE LA PAIX",
            ])
            .to_string(),
        ),
        ("ÉCHELON", d.int(1, 9).to_string()),
        ("INDICE", indice.to_string()),
        ("TEMPS D'ACTIVITÉ", "100 %".into()),
    ];
    let cw = w / 3.0;
    for (i, (k, v)) in cells.iter().enumerate() {
        let cx = x0 + (i % 3) as f32 * cw;
        let cy = d.y + (i / 3) as f32 * 28.0;
        field(d, cx, cy, cw, 26.0, k, v);
    }
    d.y += 64.0;
    let r = |x: f64| (x * 100.0).round() / 100.0;
    let ir = r(traitement * 0.03);
    let sft = if f.enfants.is_empty() {
        0.0
    } else {
        r(2.29 + 0.03 * traitement * (f.enfants.len().min(3) as f64))
    };
    let prime = r(d.real(120.0, 480.0) as f64);
    let brut = traitement + ir + sft + prime;
    let pc = r(traitement * 0.111);
    let csg_base = r(brut * 0.9825);
    let rafp = r(prime * 0.05);
    let mut rows = vec![vec![
        "Code".to_string(),
        "Éléments".into(),
        "À payer".into(),
        "À déduire".into(),
        "Pour information".into(),
    ]];
    let mut push = |code: &str, lib: &str, pay: f64, ded: f64, info: f64| {
        let s = |x: f64| if x == 0.0 { String::new() } else { num(x) };
        rows.push(vec![code.into(), lib.into(), s(pay), s(ded), s(info)]);
    };
    push("101000", "TRAITEMENT BRUT", traitement, 0.0, 0.0);
    push("102000", "INDEMNITÉ DE RÉSIDENCE", ir, 0.0, 0.0);
    if sft > 0.0 {
        push("103000", "SUPPLÉMENT FAMILIAL DE TRAITEMENT", sft, 0.0, 0.0);
    }
    push("202300", "IFSE — INDEMNITÉ DE FONCTIONS", prime, 0.0, 0.0);
    push("501010", "RETENUE PC", 0.0, pc, 0.0);
    push("401130", "CSG DÉDUCTIBLE", 0.0, r(csg_base * 0.068), 0.0);
    push(
        "401140",
        "CSG NON DÉDUCTIBLE",
        0.0,
        r(csg_base * 0.024),
        0.0,
    );
    push("401500", "CRDS", 0.0, r(csg_base * 0.005), 0.0);
    push("501180", "COTISATION RAFP", 0.0, rafp, 0.0);
    push(
        "601000",
        "COT. PATRONALE MALADIE",
        0.0,
        0.0,
        r(brut * 0.097),
    );
    push(
        "601500",
        "CONTRIBUTION EMPLOYEUR PENSION CIVILE",
        0.0,
        0.0,
        r(traitement * 0.742),
    );
    let ded = pc + r(csg_base * 0.068) + r(csg_base * 0.024) + r(csg_base * 0.005) + rafp;
    let net = r(brut - ded);
    let pas = r(net * d.pick(&[0.0, 0.011, 0.025, 0.041]));
    let sz = d.size - 1.5;
    d.table(
        x0,
        &[w * 0.12, w * 0.43, w * 0.15, w * 0.15, w * 0.15],
        &[Al::L, Al::L, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        sz,
        true,
        2,
    );
    let y = d.y;
    let bw = w / 4.0;
    field(d, x0, y, bw, 26.0, "TOTAL BRUT", &num(brut));
    field(d, x0 + bw, y, bw, 26.0, "TOTAL RETENUES", &num(ded));
    field(
        d,
        x0 + 2.0 * bw,
        y,
        bw,
        26.0,
        "IMPÔT SUR LE REVENU",
        &num(pas),
    );
    field(
        d,
        x0 + 3.0 * bw,
        y,
        bw,
        26.0,
        "NET À PAYER",
        &num(net - pas),
    );
    d.y = y + 34.0;
    d.text(
        x0,
        d.y + 8.0,
        F::Sans,
        7.0,
        &format!(
            "Versé le {} — compte FR76 •••• •••• •••• {}",
            d_slash(last_day(month) - chrono::Duration::days(3)),
            d.digits(4)
        ),
    );
    d.y = d.y.max(PH - 70.0);
    small(d, "Bulletin à conserver sans limitation de durée. Les informations relatives à votre rémunération sont disponibles sur l'espace numérique sécurisé de l'agent public (ENSAP).");
}

// ---------------------------------------------------------------------------------------------
// Family benefits

fn benefits(d: &Doc, f: &Foyer) -> Vec<(&'static str, f64)> {
    let mut v = Vec::new();
    let loyer = d.real(180.0, 420.0) as f64;
    v.push((
        d.pick(&[
            "Aide personnalisée au logement",
            "Allocation de logement familiale",
            "Allocation de logement sociale",
        ]),
        (loyer * 100.0).round() / 100.0,
    ));
    if f.enfants.len() >= 2 {
        v.push((
            "Allocations familiales",
            if f.enfants.len() == 2 { 151.05 } else { 344.59 },
        ));
    }
    if d.chance(0.5) {
        v.push((
            "Prime d'activité",
            (d.real(60.0, 320.0) as f64 * 100.0).round() / 100.0,
        ));
    }
    if d.chance(0.25) {
        v.push((
            "Revenu de solidarité active",
            (d.real(150.0, 640.0) as f64 * 100.0).round() / 100.0,
        ));
    }
    if f.conjoint.is_none() && !f.enfants.is_empty() && d.chance(0.4) {
        v.push(("Allocation de soutien familial", 199.19));
    }
    v
}

/// The CAF payment attestation printed from caf.fr (table month × benefit).
fn attestation_caf(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let r = logo(
        d,
        x0,
        top,
        "caf",
        &format!(
            "Caf {}",
            data::dep_de(c.dep_nom)
                .trim_start_matches("de ")
                .trim_start_matches("du ")
        ),
        "Caisse d'allocations familiales",
    );
    d.text_al(
        x1,
        top + 10.0,
        Al::Rt,
        F::Sans,
        7.5,
        &format!("Numéro allocataire : {}", f.allocataire),
    );
    d.text_al(
        x1,
        top + 20.0,
        Al::Rt,
        F::Sans,
        7.5,
        &format!("Le {}", d_slash(f.today)),
    );
    d.y = r.y + r.h;
    window(d, p, f, true);
    let t = d.pick(&[
        "ATTESTATION DE PAIEMENT",
        "Attestation de versement des prestations",
        "RELEVÉ DES PRESTATIONS VERSÉES",
    ]);
    heading(d, t, 13.0);
    d.para(&format!(
        "La Caisse d'allocations familiales certifie avoir versé à {} {}, allocataire n° {}, les prestations suivantes :",
        p.civilite(),
        pn(p),
        f.allocataire
    ));
    let bens = benefits(d, f);
    let months: Vec<NaiveDate> = (1..=d.int(3, 6) as i32)
        .rev()
        .map(|i| add_months(f.today, -i))
        .collect();
    let mut head = vec!["Prestation".to_string()];
    head.extend(
        months
            .iter()
            .map(|m| format!("{:02}/{}", m.month(), m.year())),
    );
    let mut rows = vec![head];
    for (b, amt) in &bens {
        let mut r = vec![b.to_string()];
        for _ in &months {
            r.push(num(*amt * if d.chance(0.15) { 0.9 } else { 1.0 }));
        }
        rows.push(r);
    }
    let w = x1 - x0;
    let first = w * 0.34;
    let other = (w - first) / months.len() as f32;
    let mut widths = vec![first];
    widths.extend(std::iter::repeat(other).take(months.len()));
    let mut aligns = vec![Al::L];
    aligns.extend(std::iter::repeat(Al::Rt).take(months.len()));
    let sz = d.size - 1.0;
    d.table(x0, &widths, &aligns, &rows, sz, true, 2);
    d.gap(6.0);
    small(d, "Montants exprimés en euros, après déduction éventuelle de la CRDS et des retenues pour indu. L'aide au logement peut être versée directement au bailleur.");
    pages_footer(d, Some(format!("Allocataire {}", f.allocataire)));
    for _ in 1..d.pages {
        d.break_page();
        band(d, "Votre foyer");
        let mut members = vec![vec![
            "Nom".to_string(),
            "Prénom".into(),
            "Date de naissance".into(),
        ]];
        members.push(vec![p.nom.clone(), p.prenom.clone(), d_slash(p.naissance)]);
        if let Some(cj) = &f.conjoint {
            members.push(vec![
                cj.nom.clone(),
                cj.prenom.clone(),
                d_slash(cj.naissance),
            ]);
        }
        for e in &f.enfants {
            members.push(vec![e.nom.clone(), e.prenom.clone(), d_slash(e.naissance)]);
        }
        let x = d.x0;
        let w2 = d.x1 - d.x0;
        d.table(
            x,
            &[w2 * 0.4, w2 * 0.3, w2 * 0.3],
            &[Al::L, Al::L, Al::C],
            &members,
            sz,
            true,
            1,
        );
        for t in NOTICE.iter().take(4) {
            d.para(t);
        }
    }
}

/// The MSA's attestation (agricultural scheme), yearly list by month.
fn attestation_msa(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let region = d.pick(&[
        "Île-de-France",
        "Nord-Pas de Calais",
        "Haute-Normandie",
        "Ain-Rhône",
        "Provence Azur",
        "Midi-Pyrénées Sud",
        "Gironde",
        "Loire-Atlantique Vendée",
        "Alsace",
        "Languedoc",
        "Portes de Bretagne",
    ]);
    let b = d.bold;
    d.text(x0, top + 14.0, b, 16.0, "MSA");
    d.text(x0 + 44.0, top + 14.0, F::Sans, 9.0, &format!("{region}"));
    d.text(x0, top + 26.0, F::Sans, 7.5, "La sécurité sociale agricole");
    lines_at(
        d,
        x1 - 170.0,
        top,
        7.5,
        &[
            street(d),
            format!("{} {}", c.cp, c.prefecture.to_uppercase()),
            format!("Tél. {}", tel(d)),
        ],
    );
    d.y = top + 50.0;
    window(d, p, f, false);
    heading(
        d,
        d.pick(&[
            "ATTESTATION DE PAIEMENT DES PRESTATIONS FAMILIALES",
            "Attestation de paiement",
            "ATTESTATION DE PRESTATIONS",
        ]),
        12.5,
    );
    refs_line(
        d,
        &[
            ("N° de sécurité sociale", &f.nir),
            ("Dossier", &f.allocataire),
        ],
    );
    d.para(&format!(
        "La caisse de Mutualité sociale agricole certifie que {} {} a perçu, au cours des mois indiqués ci-dessous, les sommes suivantes :",
        p.civilite(),
        np(p)
    ));
    let bens = benefits(d, f);
    let mut rows = vec![vec![
        "Mois".to_string(),
        "Nature de la prestation".into(),
        "Montant".into(),
        "Date de paiement".into(),
    ]];
    let mut total = 0.0;
    for i in (1..=d.int(2, 4) as i32).rev() {
        let m = add_months(f.today, -i);
        for (b, a) in &bens {
            rows.push(vec![
                mois_annee(m),
                b.to_string(),
                num(*a),
                d_slash(data::ymd(m.year(), m.month(), 5)),
            ]);
            total += a;
        }
    }
    rows.push(vec!["".into(), "TOTAL".into(), num(total), "".into()]);
    let w = x1 - x0;
    let sz = d.size - 1.0;
    d.table(
        x0,
        &[w * 0.2, w * 0.45, w * 0.15, w * 0.2],
        &[Al::L, Al::L, Al::Rt, Al::C],
        &rows,
        sz,
        true,
        1,
    );
    place_date(d, c.prefecture, f.today);
    signed(d, "Le directeur", "", &["MSA"]);
    for _ in 1..d.pages {
        d.break_page();
        band(d, "À savoir");
        for t in NOTICE {
            d.para(t);
        }
    }
}

/// The CAF's monthly letter announcing this month's payments, detail box.
fn lettre_paiements_caf(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let r = logo(
        d,
        x0,
        top,
        "caf",
        "Caisse d'allocations familiales",
        &f.adresse.commune.dep_nom,
    );
    d.y = r.y + r.h;
    window(d, p, f, false);
    let m = add_months(f.today, -d.int(0, 2) as i32);
    let pay_day = data::ymd(m.year(), m.month(), 5);
    refs_line(
        d,
        &[
            ("Numéro allocataire", &f.allocataire),
            ("Affaire suivie par", "votre Caf"),
        ],
    );
    heading(
        d,
        d.pick(&[
            "Vos paiements du mois",
            "Le point sur vos paiements",
            "INFORMATION SUR VOS PAIEMENTS",
        ]),
        13.0,
    );
    d.para(&format!("{},", p.civilite()));
    d.para(&format!(
        "Le {}, nous avons versé sur votre compte bancaire les sommes détaillées ci-dessous.",
        data::d_long(pay_day)
    ));
    let bens = benefits(d, f);
    let y = d.y;
    let h = 22.0 + bens.len() as f32 * 16.0 + 22.0;
    d.rect(x0, y, x1 - x0, h, 1.0);
    let b = d.bold;
    d.text(
        x0 + 8.0,
        y + 15.0,
        b,
        10.0,
        &format!("Détail pour {}", mois_annee(add_months(m, -1))),
    );
    let mut yy = y + 34.0;
    let mut total = 0.0;
    for (lib, a) in &bens {
        let font = d.font;
        d.text(x0 + 14.0, yy, font, 9.5, lib);
        d.text_al(x1 - 10.0, yy, Al::Rt, font, 9.5, &data::eur(*a));
        total += a;
        yy += 16.0;
    }
    d.text(x0 + 14.0, yy + 2.0, b, 9.5, "Total versé");
    d.text_al(x1 - 10.0, yy + 2.0, Al::Rt, b, 9.5, &data::eur(total));
    d.y = y + h + 12.0;
    d.para("Ce courrier peut servir d'attestation de paiement. Vous pouvez également télécharger une attestation depuis votre espace Mon compte.");
    for t in NOTICE.iter().skip(2).take(2) {
        small(d, t);
    }
    for _ in 1..d.pages {
        d.break_page();
        band(d, "Vos droits en détail");
        for (lib, a) in &bens {
            d.kv(lib, &data::eur(*a), 260.0);
        }
        for t in NOTICE.iter().take(4) {
            d.para(t);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Pensions

fn pension_amounts(d: &Doc, f: &Foyer, share: (f32, f32)) -> (f64, f64, f64, f64) {
    let brut = (f.brut_mensuel * d.real(share.0, share.1) as f64 * 100.0).round() / 100.0;
    let csg = (brut * 0.083 * 100.0).round() / 100.0;
    let crds = (brut * 0.005 * 100.0).round() / 100.0;
    let casa = (brut * 0.003 * 100.0).round() / 100.0;
    (brut, csg, crds, casa)
}

/// The general scheme's attestation of payment (Carsat letter with a breakdown table).
fn retraite_base(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let carsat = d.pick(&[
        "Carsat Normandie",
        "Carsat Nord-Picardie",
        "Carsat Rhône-Alpes",
        "Carsat Sud-Est",
        "Carsat Midi-Pyrénées",
        "Carsat Aquitaine",
        "Carsat Pays de la Loire",
        "Cnav Île-de-France",
        "Carsat Alsace-Moselle",
    ]);
    let r = logo(d, x0, top, "AR", "l'Assurance retraite", carsat);
    d.y = r.y + r.h;
    window(d, p, f, true);
    refs_line(
        d,
        &[
            ("Numéro de sécurité sociale", &f.nir),
            ("Référence", &reference(d, 2025)),
        ],
    );
    heading(
        d,
        d.pick(&[
            "ATTESTATION DE PAIEMENT",
            "Attestation de paiement de votre retraite",
            "Justificatif de retraite",
        ]),
        13.0,
    );
    let since = super::date_in(d, data::ymd(2008, 1, 1), add_months(f.today, -6));
    d.para(&format!(
        "Nous certifions que {} {}, {} le {}, est titulaire d'une retraite personnelle du régime général de la sécurité sociale depuis le {}.",
        p.civilite(),
        pn(p),
        p.ne(),
        d_slash(p.naissance),
        d_slash(since)
    ));
    let (brut, csg, crds, casa) = pension_amounts(d, f, (0.45, 0.7));
    let net = brut - csg - crds - casa;
    let w = x1 - x0;
    let rows = vec![
        vec!["Montant mensuel".to_string(), "Euros".into()],
        vec!["Retraite de base brute".into(), num(brut)],
        vec!["CSG".into(), format!("- {}", num(csg))],
        vec!["CRDS".into(), format!("- {}", num(crds))],
        vec!["CASA".into(), format!("- {}", num(casa))],
        vec!["Montant net versé".into(), num(net)],
    ];
    let sz = d.size;
    d.table(
        x0 + w * 0.1,
        &[w * 0.5, w * 0.3],
        &[Al::L, Al::Rt],
        &rows,
        sz,
        true,
        2,
    );
    d.para(&format!("Les paiements sont effectués mensuellement, à terme échu, le 9 de chaque mois. Montant net imposable annuel déclaré : {}.", data::eur((brut - csg * 0.71) * 12.0)));
    place_date(d, f.adresse.commune.prefecture, f.today);
    signed(d, "Le directeur, par délégation", "", &[]);
}

/// The complementary scheme's statement of payments (quarterly/monthly grid).
fn retraite_complementaire(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let b = d.bold;
    d.text(x0, top + 14.0, b, 14.0, "Agirc-Arrco");
    d.text(
        x0,
        top + 26.0,
        F::Sans,
        8.0,
        d.pick(&[
            "Retraite complémentaire des salariés du privé",
            "Malakoff Humanis — retraite complémentaire",
            "Klesia — retraite complémentaire",
            "AG2R La Mondiale — retraite complémentaire",
        ]),
    );
    d.y = top + 40.0;
    window(d, p, f, false);
    heading(
        d,
        d.pick(&[
            "Relevé de vos paiements",
            "ATTESTATION DE PAIEMENT DE RETRAITE COMPLÉMENTAIRE",
            "Relevé des versements",
        ]),
        12.5,
    );
    refs_line(
        d,
        &[
            ("Bénéficiaire", &np(p)),
            ("Identifiant retraité", &d.digits(10)),
        ],
    );
    let (brut, csg, crds, casa) = pension_amounts(d, f, (0.15, 0.35));
    let mut rows = vec![vec![
        "Date de paiement".to_string(),
        "Brut".into(),
        "Prélèvements sociaux".into(),
        "Prélèvement à la source".into(),
        "Net payé".into(),
    ]];
    for i in (0..d.int(3, 6) as i32).rev() {
        let m = add_months(f.today, -i - 1);
        let pas = (brut * 0.02 * 100.0).round() / 100.0;
        rows.push(vec![
            d_slash(data::ymd(m.year(), m.month(), 1)),
            num(brut),
            num(csg + crds + casa),
            num(pas),
            num(brut - csg - crds - casa - pas),
        ]);
    }
    let w = x1 - x0;
    let sz = d.size - 0.5;
    d.table(
        x0,
        &[w * 0.2, w * 0.18, w * 0.22, w * 0.22, w * 0.18],
        &[Al::C, Al::Rt, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        sz,
        true,
        2,
    );
    d.gap(8.0);
    small(d, "Votre retraite complémentaire est versée mensuellement, à terme à échoir. Ce relevé peut être utilisé comme justificatif de ressources.");
}

/// The health insurance's invalidity pension attestation.
fn pension_invalidite(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (x0, top) = (d.x0, d.top);
    let r = logo(
        d,
        x0,
        top,
        "AM",
        &format!(
            "Caisse primaire d'assurance maladie {}",
            data::dep_de(c.dep_nom)
        ),
        "Service des prestations en espèces — invalidité",
    );
    d.y = r.y + r.h;
    window(d, p, f, false);
    heading(
        d,
        d.pick(&[
            "ATTESTATION DE PENSION D'INVALIDITÉ",
            "Attestation de paiement — pension d'invalidité",
            "ATTESTATION DE VERSEMENT",
        ]),
        12.5,
    );
    let cat = d.pick(&["1re catégorie", "2e catégorie", "2e catégorie"]);
    let since = super::date_in(d, data::ymd(2012, 1, 1), add_months(f.today, -3));
    let (brut, csg, crds, _) = pension_amounts(d, f, (0.3, 0.5));
    d.para(&format!(
        "La caisse primaire d'assurance maladie atteste que {} {}, immatriculé(e) sous le n° {}, perçoit une pension d'invalidité de {} depuis le {}.",
        p.civilite(),
        pn(p),
        f.nir,
        cat,
        d_slash(since)
    ));
    d.kv("Montant mensuel brut :", &data::eur(brut), 200.0);
    d.kv("Prélèvements sociaux :", &data::eur(csg + crds), 200.0);
    d.kv(
        "Montant mensuel net :",
        &data::eur(brut - csg - crds),
        200.0,
    );
    d.kv(
        "Date du dernier paiement :",
        &d_slash(
            data::ymd(f.today.year(), f.today.month(), 1) - chrono::Duration::days(d.int(0, 25)),
        ),
        200.0,
    );
    d.gap(6.0);
    d.para("Cette attestation est délivrée pour servir et valoir ce que de droit.");
    place_date(d, c.prefecture, f.today);
    signed(d, "Pour le directeur", "", &["CPAM", c.dep_nom]);
}

// ---------------------------------------------------------------------------------------------
// Unemployment benefits

fn are_day(f: &Foyer) -> f64 {
    ((f.brut_mensuel * 12.0 / 365.0 * 0.57) * 100.0).round() / 100.0
}

/// The job centre's payment notice (one month per page).
fn avis_paiement(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let r = logo(d, x0, top, "FT", "France Travail", "Indemnisation");
    d.text_al(
        x1,
        top + 10.0,
        Al::Rt,
        F::Sans,
        7.5,
        &format!("Identifiant : {}", f.ident_ft),
    );
    d.y = r.y + r.h;
    window(d, p, f, true);
    let aj = are_day(f);
    for page in 0..d.pages {
        if page > 0 {
            d.break_page();
        }
        let m = add_months(f.today, -((d.pages - page) as i32));
        let first = data::ymd(m.year(), m.month(), 1);
        let last = last_day(first);
        let days = (last - first).num_days() + 1;
        heading(
            d,
            d.pick(&[
                "AVIS DE PAIEMENT",
                "Avis de paiement de vos allocations",
                "Votre paiement",
            ]),
            13.0,
        );
        let brut = aj * days as f64;
        let retraite = (aj * 0.03 * days as f64 * 100.0).round() / 100.0;
        let csg = (brut * 0.062 * 0.9825 * 100.0).round() / 100.0;
        let crds = (brut * 0.005 * 0.9825 * 100.0).round() / 100.0;
        let pas = (brut * d.pick(&[0.0, 0.0, 0.015]) * 100.0).round() / 100.0;
        let net = brut - retraite - csg - crds - pas;
        let w = x1 - x0;
        let rows = vec![
            vec![
                "Allocation".to_string(),
                "Période".into(),
                "Jours".into(),
                "Montant journalier".into(),
                "Montant brut".into(),
            ],
            vec![
                "Aide au retour à l'emploi (ARE)".into(),
                format!("{} au {}", d_slash(first), d_slash(last)),
                days.to_string(),
                num(aj),
                num(brut),
            ],
        ];
        let sz = d.size - 1.0;
        d.table(
            x0,
            &[w * 0.32, w * 0.28, w * 0.1, w * 0.15, w * 0.15],
            &[Al::L, Al::C, Al::C, Al::Rt, Al::Rt],
            &rows,
            sz,
            true,
            2,
        );
        for (k, v) in [
            (
                "Participation au financement des retraites complémentaires",
                retraite,
            ),
            ("CSG", csg),
            ("CRDS", crds),
            ("Prélèvement à la source", pas),
        ] {
            d.kv(k, &format!("- {}", data::eur(v)), 330.0);
        }
        let b = d.bold;
        let szz = d.size + 1.0;
        d.kv_f(x0, "Montant versé", &data::eur(net), 330.0, b, b, szz);
        d.kv(
            "Date du virement :",
            &d_slash(last + chrono::Duration::days(d.int(2, 6))),
            330.0,
        );
        d.gap(8.0);
        small(d, "Vos allocations sont versées mensuellement après l'actualisation de votre situation. Reliquat de droits : consultez votre espace personnel.");
    }
}

/// A statement of several months' payments (older name when dated before 2024).
fn releve_paiements(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let end = f.today - chrono::Duration::days(d.int(10, 500));
    let issuer = if end < data::ymd(2024, 1, 1) {
        "Pôle emploi"
    } else {
        "France Travail"
    };
    let b = d.bold;
    d.text(x0, top + 16.0, b, 16.0, issuer);
    d.hline(x0, x1, top + 24.0, 2.0);
    d.y = top + 36.0;
    heading(
        d,
        d.pick(&[
            "RELEVÉ DE SITUATION",
            "Attestation de paiement",
            "RELEVÉ DE VOS PAIEMENTS",
        ]),
        13.0,
    );
    let pairs = vec![
        ("Demandeur d'emploi :".to_string(), np(p)),
        ("Identifiant :".into(), f.ident_ft.clone()),
        (
            "Date d'ouverture des droits :".into(),
            d_slash(add_months(end, -d.int(4, 14) as i32)),
        ),
        ("Allocation :".into(), "ARE".into()),
    ];
    kv_cols(d, &pairs, 140.0);
    let aj = are_day(f);
    let mut rows = vec![vec![
        "Mois".to_string(),
        "Jours indemnisés".into(),
        "Brut".into(),
        "Retenues".into(),
        "Net versé".into(),
        "Versé le".into(),
    ]];
    let n = d.int(3, 8) as i32 * d.pages as i32;
    for i in (0..n).rev() {
        let m = add_months(end, -i);
        let first = data::ymd(m.year(), m.month(), 1);
        let days =
            (last_day(first) - first).num_days() + 1 - if d.chance(0.2) { d.int(1, 10) } else { 0 };
        let brut = aj * days as f64;
        let ret = brut * 0.093;
        rows.push(vec![
            mois_annee(first),
            days.to_string(),
            num(brut),
            num(ret),
            num(brut - ret),
            d_slash(last_day(first) + chrono::Duration::days(4)),
        ]);
    }
    let w = x1 - x0;
    let sz = d.size - 1.0;
    pages_footer(d, None);
    let body = rows.len() - 1;
    let per_page = body.div_ceil(d.pages as usize).clamp(1, 18);
    let mut i = 1;
    let header = rows[0].clone();
    while i < rows.len() {
        let mut chunk = vec![header.clone()];
        chunk.extend(rows[i..(i + per_page).min(rows.len())].iter().cloned());
        let x = d.x0;
        d.table(
            x,
            &[w * 0.2, w * 0.14, w * 0.16, w * 0.16, w * 0.16, w * 0.18],
            &[Al::L, Al::C, Al::Rt, Al::Rt, Al::Rt, Al::C],
            &chunk,
            sz,
            true,
            1,
        );
        i += per_page;
        if i < rows.len() && d.page + 1 < d.pages {
            d.break_page();
        }
    }
    place_date(d, f.adresse.commune.nom, end);
    signed(d, "Le directeur d'agence", "", &[issuer]);
}

/// The solidarity allowance (ASS) payment attestation.
fn allocation_solidarite(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, top) = (d.x0, d.top);
    let y = etat_block(
        d,
        x0,
        top,
        &[
            "France Travail",
            "Allocations de solidarité — pour le compte de l'État",
        ],
    );
    d.y = y;
    window(d, p, f, false);
    heading(
        d,
        d.pick(&[
            "ATTESTATION DE PAIEMENT — ALLOCATION DE SOLIDARITÉ SPÉCIFIQUE",
            "Attestation de versement de l'ASS",
            "Notification de paiement",
        ]),
        12.0,
    );
    let aj = 19.14;
    let m = add_months(f.today, -1);
    let first = data::ymd(m.year(), m.month(), 1);
    let days = (last_day(first) - first).num_days() + 1;
    d.para(&format!(
        "Nous attestons que {} {}, identifiant {}, bénéficie de l'allocation de solidarité spécifique (ASS) au taux plein journalier de {}.",
        p.civilite(),
        pn(p),
        f.ident_ft,
        data::eur(aj)
    ));
    d.kv(
        "Période :",
        &format!("du {} au {}", d_slash(first), d_slash(last_day(first))),
        180.0,
    );
    d.kv("Nombre de jours :", &days.to_string(), 180.0);
    d.kv("Montant versé :", &data::eur(aj * days as f64), 180.0);
    d.kv(
        "Droits ouverts jusqu'au :",
        &d_slash(add_months(f.today, 5)),
        180.0,
    );
    d.gap(8.0);
    d.para("L'ASS n'est pas imposable. Elle est versée sous condition de ressources et renouvelée tous les six mois après examen de votre situation.");
    for _ in 1..d.pages {
        d.break_page();
        band(d, "Vos obligations");
        for t in NOTICE {
            d.para(t);
        }
    }
}
