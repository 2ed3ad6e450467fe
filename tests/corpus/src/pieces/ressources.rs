//! Income documents: avis d'imposition (AVIS), bulletin de paie (FPAIE), attestation CAF/MSA
//! (CAF), pension (PENS), allocations chômage (ARE).

use chrono::Datelike;

use super::{date_in, lieu_date, maybe_footer, org_header, recipient, refs, sign_block, title};
use crate::cover::marianne;
use crate::data::{self, add_months, d_long, d_slash, eur, mois_annee, num, Foyer};
use crate::doc::{Al, Block, Doc, FILL_ADMIN};

/// Avis d'impôt sur le revenu (or de non-imposition), or avis de situation déclarative.
pub(super) fn avis(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let year = f.today.year() - d.int(0, 1) as i32;
    let rev_year = year - 1;
    let salaires = (f.brut_mensuel * 12.0 * d.real(0.6, 0.85) as f64).round();
    let parts = 1.0
        + if f.conjoint.is_some() { 1.0 } else { 0.0 }
        + 0.5 * f.enfants.len().min(2) as f64
        + f.enfants.len().saturating_sub(2) as f64;
    let abattement = (salaires * 0.1).round();
    let rfr = (salaires - abattement).max(0.0);
    let impot = ((rfr / parts - 11_294.0).max(0.0) * 0.11 * parts).round();
    let non_imposable = impot < 61.0;
    let variant = d.int(0, 2);
    maybe_footer(
        d,
        0.7,
        Some(format!(
            "Réf. avis : {} {} {}",
            d.digits(2),
            d.digits(2),
            d.digits(9)
        )),
    );
    let (x0, top) = (d.x0, d.top);
    let y = marianne(
        d,
        x0,
        top,
        &["DIRECTION GÉNÉRALE", "DES FINANCES PUBLIQUES"],
    );
    let c = f.adresse.commune;
    let sip = format!("SIP {}", c.nom.to_uppercase());
    d.y = y + 4.0;
    refs(
        d,
        &[
            ("Vos références".into(), String::new()),
            ("Numéro fiscal :".into(), f.numero_fiscal.clone()),
            ("N° d'accès en ligne :".into(), d.digits(7)),
            (
                "Revenu fiscal de référence :".into(),
                num(rfr).replace(",00", ""),
            ),
            ("Centre des finances publiques :".into(), sip),
        ],
    );
    d.y = d.top + 40.0;
    recipient(d, p, f);
    d.y = d.y.max(y + 80.0);
    let t = match variant {
        0 if non_imposable => format!("AVIS DE NON-IMPOSITION {year}"),
        0 => format!("AVIS D'IMPÔT {year}"),
        1 => format!("Avis d'impôt {year} sur les revenus de l'année {rev_year}"),
        _ => format!("AVIS DE SITUATION DÉCLARATIVE À L'IMPÔT SUR LE REVENU {year}"),
    };
    title(d, &t);
    if variant == 0 {
        let s = format!("IMPÔT SUR LE REVENU - Revenus de l'année {rev_year}");
        let b = d.bold;
        d.line_al(Al::C, b, 10.5, &s);
        d.gap(6.0);
    }
    let situation = if f.conjoint.is_some() {
        d.pick(&["Marié(e)s", "Pacsé(e)s"])
    } else {
        d.pick(&["Célibataire", "Divorcé(e)", "Séparé(e)"])
    };
    let rows = vec![
        vec!["Situation de famille".to_string(), situation.to_string()],
        vec![
            "Nombre de parts".to_string(),
            format!("{parts:.2}").replace('.', ","),
        ],
        vec!["Revenu brut global".to_string(), eur(rfr)],
        vec!["Revenu imposable".to_string(), eur(rfr)],
        vec!["Revenu fiscal de référence".to_string(), eur(rfr)],
        vec![
            "Impôt sur le revenu net".to_string(),
            eur(if non_imposable { 0.0 } else { impot }),
        ],
    ];
    let w = d.x1 - d.x0;
    let size = d.size;
    let x0 = d.x0;
    let order = d.int(0, 1);
    let rows = if order == 1 {
        let mut r = rows;
        r.swap(0, 4);
        r
    } else {
        rows
    };
    d.table(
        x0,
        &[w * 0.62, w * 0.38],
        &[Al::L, Al::Rt],
        &rows,
        size,
        false,
        d.int(1, 2) as u8,
    );
    d.gap(6.0);
    if non_imposable {
        d.para(&format!("Vous n'êtes pas imposable sur les revenus de l'année {rev_year}. Conservez cet avis : il peut vous être demandé pour bénéficier de certaines prestations ou d'un logement social."));
    } else {
        d.para(&format!("Montant de votre impôt sur le revenu : {}. Ce montant tient compte du prélèvement à la source déjà effectué au cours de l'année {}.", eur(impot), rev_year));
    }
    let detail = vec![
        vec![
            "Détail des revenus".to_string(),
            "Déclarant 1".to_string(),
            "Déclarant 2".to_string(),
        ],
        vec![
            "Salaires, gains de tirage".to_string(),
            num(salaires),
            if f.conjoint.is_some() {
                num((salaires * 0.4).round())
            } else {
                String::new()
            },
        ],
        vec![
            "Abattement 10 %".to_string(),
            num(-abattement),
            String::new(),
        ],
        vec![
            "Pensions, retraites, rentes".to_string(),
            "0".to_string(),
            String::new(),
        ],
        vec![
            "Revenus nets catégoriels".to_string(),
            num(rfr),
            String::new(),
        ],
    ];
    if d.pages > 1 {
        d.break_page();
        let b = d.bold;
        d.line_al(
            Al::L,
            b,
            12.0,
            &format!("Détail de l'imposition des revenus de {rev_year}"),
        );
        d.gap(6.0);
    } else {
        d.gap(6.0);
    }
    let w = d.x1 - d.x0;
    let x0 = d.x0;
    d.table(
        x0,
        &[w * 0.5, w * 0.25, w * 0.25],
        &[Al::L, Al::Rt, Al::Rt],
        &detail,
        size,
        true,
        1,
    );
    if d.pages > 1 {
        let blocks = vec![
            Block::Heading("Calcul de l'impôt".into()),
            Block::Kv("Revenu imposable".into(), eur(rfr)),
            Block::Kv("Droits simples".into(), eur(impot)),
            Block::Kv("Décote".into(), eur(0.0)),
            Block::Kv("Impôt sur le revenu net".into(), eur(if non_imposable { 0.0 } else { impot })),
            Block::Para("Les sommes prélevées à la source au titre de l'année sont déduites du montant de l'impôt. Si vous constatez une erreur, vous pouvez déposer une réclamation dans votre espace particulier sur impots.gouv.fr.".into()),
            Block::Para("Taux de prélèvement à la source : le taux calculé sur la base de ces revenus sera appliqué à compter du mois de septembre.".into()),
        ];
        d.flow(&blocks, 260.0, FILL_ADMIN);
    }
}

/// Bulletin de paie with rubriques and amounts.
pub(super) fn fpaie(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let e = &f.employeur;
    let mois = add_months(f.today, -(d.int(1, 4) as i32));
    let brut_base = (f.brut_mensuel * d.real(0.95, 1.05) as f64 * 100.0).round() / 100.0;
    let heures = 151.67;
    let taux_h = brut_base / heures;
    let hs = if d.chance(0.3) {
        d.int(2, 12) as f64
    } else {
        0.0
    };
    let hs_amt = (hs * taux_h * 1.25 * 100.0).round() / 100.0;
    let prime = if d.chance(0.35) {
        d.int(30, 250) as f64
    } else {
        0.0
    };
    let brut = brut_base + hs_amt + prime;
    let variant = d.int(0, 2);
    let titre = if e.interim {
        d.pick(&[
            "BULLETIN DE PAIE INTÉRIMAIRE",
            "Bulletin de salaire - Travail temporaire",
            "RELEVÉ DE PAIE - MISSIONS",
        ])
    } else {
        d.pick(&[
            "BULLETIN DE PAIE",
            "Bulletin de salaire",
            "FICHE DE PAIE",
            "BULLETIN DE SALAIRE",
            "Bulletin de paie",
        ])
    };
    let font = d.font;
    // header: employer block and employee block side by side
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let mid = (x0 + x1) / 2.0 + 10.0;
    let b = d.bold;
    let size = d.size - 0.5;
    let mut y = top;
    let tb = d.text(x0, y + 14.0, b, 14.0, titre);
    let per = format!(
        "Période du {} au {}",
        d_slash(data::ymd(mois.year(), mois.month(), 1)),
        d_slash(add_months(data::ymd(mois.year(), mois.month(), 1), 1) - chrono::Duration::days(1))
    );
    d.text_al(x1, y + 14.0, Al::Rt, font, size, &per);
    if variant == 1 {
        d.hline(x0, x1, tb.y + tb.h + 4.0, 1.0);
    }
    y += 34.0;
    let emp_lines = [
        format!(
            "{} {}",
            e.nom,
            if e.forme == "Association" {
                ""
            } else {
                e.forme
            }
        ),
        e.adresse.clone(),
        e.ville.clone(),
        format!("SIRET : {}", e.siret),
        format!("Code APE : {}", e.ape),
    ];
    let sal_lines = [
        format!("{} {} {}", p.civilite(), p.nom, p.prenom),
        f.adresse.ligne.clone(),
        f.adresse.ville_ligne(),
        format!("N° de sécurité sociale : {}", f.nir),
        format!("Emploi : {}", f.poste),
        format!("Entrée le : {}", d_slash(f.embauche)),
    ];
    let box_h = 6.0 * size * 1.35 + 8.0;
    if variant != 2 {
        d.rect(x0, y - 4.0, mid - x0 - 10.0, box_h, 0.6);
        d.rect(mid, y - 4.0, x1 - mid, box_h, 0.6);
    }
    for (i, l) in emp_lines.iter().enumerate() {
        let ff = if i == 0 { b } else { font };
        d.text(x0 + 5.0, y + 8.0 + i as f32 * size * 1.35, ff, size, l);
    }
    for (i, l) in sal_lines.iter().enumerate() {
        let ff = if i == 0 { b } else { font };
        d.text(mid + 5.0, y + 8.0 + i as f32 * size * 1.35, ff, size, l);
    }
    d.y = y + box_h + 4.0;
    let conv = e.convention;
    d.text(
        x0,
        d.y + 6.0,
        font,
        size - 1.0,
        &format!("Convention collective : {conv}"),
    );
    d.y += 16.0;
    if e.interim {
        let client = format!(
            "{} {}",
            d.pick(&["Entrepôt", "Usine", "Plateforme logistique", "Chantier"]),
            d.pick(data::COMMUNES).nom
        );
        let s = format!(
            "Mission n° {} chez l'entreprise utilisatrice : {}",
            d.digits(8),
            client
        );
        d.text(x0, d.y + 6.0, font, size - 1.0, &s);
        d.y += 16.0;
    }
    // rubriques
    let ss = |taux: f64, base: f64| (base * taux / 100.0 * 100.0).round() / 100.0;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let head = match variant {
        0 => vec![
            "Rubriques",
            "Base",
            "Taux",
            "Part salarié",
            "Part employeur",
        ],
        1 => vec![
            "Désignation",
            "Nombre/Base",
            "Taux",
            "Montant salarial",
            "Montant patronal",
        ],
        _ => vec![
            "Libellé",
            "Base",
            "Taux sal.",
            "À déduire",
            "Charges patronales",
        ],
    };
    rows.push(head.into_iter().map(String::from).collect());
    rows.push(vec![
        "Salaire de base".into(),
        num(heures),
        num(taux_h),
        num(brut_base),
        String::new(),
    ]);
    if hs > 0.0 {
        rows.push(vec![
            "Heures supplémentaires 25 %".into(),
            num(hs),
            num(taux_h * 1.25),
            num(hs_amt),
            String::new(),
        ]);
    }
    if prime > 0.0 {
        let lib = d.pick(&[
            "Prime d'ancienneté",
            "Prime de panier",
            "Prime d'assiduité",
            "Indemnité de transport",
        ]);
        rows.push(vec![
            lib.into(),
            String::new(),
            String::new(),
            num(prime),
            String::new(),
        ]);
    }
    rows.push(vec![
        "SALAIRE BRUT".into(),
        String::new(),
        String::new(),
        num(brut),
        String::new(),
    ]);
    let cot: Vec<(&str, f64, f64)> = vec![
        ("Santé - Sécurité sociale maladie", 0.0, 7.0),
        ("Complémentaire santé", 0.0, 0.0),
        ("Accidents du travail - maladies prof.", 0.0, 1.2),
        ("Retraite - Sécurité sociale plafonnée", 6.9, 8.55),
        ("Retraite - Sécurité sociale déplafonnée", 0.4, 2.02),
        ("Retraite complémentaire Tranche 1", 4.01, 6.01),
        ("Famille", 0.0, 3.45),
        ("Assurance chômage", 0.0, 4.05),
        ("Autres contributions dues par l'employeur", 0.0, 0.6),
        ("CSG déductible de l'impôt sur le revenu", 6.8, 0.0),
        ("CSG/CRDS non déductible", 2.9, 0.0),
    ];
    let mut total_sal = 0.0;
    let mut total_pat = 0.0;
    let csg_base = brut * 0.9825;
    let mutuelle = d.int(15, 45) as f64;
    for (lib, ts, tp) in cot {
        let base = if lib.starts_with("CSG") {
            csg_base
        } else {
            brut
        };
        let (ms, mp) = if lib == "Complémentaire santé" {
            (mutuelle, mutuelle * 1.2)
        } else {
            (ss(ts, base), ss(tp, base))
        };
        total_sal += ms;
        total_pat += mp;
        rows.push(vec![
            lib.into(),
            num(base),
            if ts > 0.0 { num(ts) } else { String::new() },
            if ms > 0.0 { num(ms) } else { String::new() },
            if mp > 0.0 { num(mp) } else { String::new() },
        ]);
    }
    rows.push(vec![
        "TOTAL DES COTISATIONS ET CONTRIBUTIONS".into(),
        String::new(),
        String::new(),
        num(total_sal),
        num(total_pat),
    ]);
    let net_avant = brut - total_sal;
    let net_imposable = net_avant + ss(2.9, csg_base);
    let taux_pas = (d.int(0, 60) as f64) / 10.0;
    let pas = ss(taux_pas, net_imposable);
    let net = net_avant - pas;
    let w = x1 - x0;
    let widths = [w * 0.44, w * 0.13, w * 0.1, w * 0.165, w * 0.165];
    let aligns = [Al::L, Al::Rt, Al::Rt, Al::Rt, Al::Rt];
    let tsize = (d.size - 1.5).max(7.5);
    let grid = if variant == 2 { 2 } else { 1 };
    d.table(x0, &widths, &aligns, &rows, tsize, true, grid);
    d.gap(4.0);
    let lines = vec![
        ("NET À PAYER AVANT IMPÔT SUR LE REVENU", num(net_avant)),
        ("Dont évolution de la rémunération liée à la suppression des cotisations chômage et maladie", String::new()),
        ("Net social", num(net_avant + ss(0.3, brut))),
        ("Net imposable", num(net_imposable)),
        (
            "Impôt sur le revenu prélevé à la source",
            format!("Taux {} % - {}", num(taux_pas).replace(",00", ",0"), num(pas)),
        ),
        ("NET PAYÉ EN EUROS", num(net)),
    ];
    for (k, v) in lines {
        if v.is_empty() {
            if d.chance(0.5) {
                let fs = tsize - 0.5;
                d.line_at(x0, font, fs, k);
            }
            continue;
        }
        let ff = if k.starts_with("NET") { b } else { font };
        let base = d.y + tsize;
        d.text(x0, base, ff, tsize + 0.5, k);
        d.text_al(x1, base, Al::Rt, ff, tsize + 0.5, &v);
        d.y += tsize * 1.6;
    }
    d.gap(6.0);
    let pay = date_in(
        d,
        add_months(mois, 1) - chrono::Duration::days(28),
        add_months(mois, 1),
    );
    let mode = d.pick(&["Virement", "Virement bancaire", "Chèque"]);
    let s = format!("Payé le {} par {}", d_slash(pay), mode.to_lowercase());
    d.line_at(x0, font, tsize, &s);
    if d.chance(0.6) {
        let cumul = vec![
            vec![
                "Cumuls".to_string(),
                "Brut".to_string(),
                "Net imposable".to_string(),
                "Heures".to_string(),
                "Congés acquis".to_string(),
            ],
            vec![
                format!("Année {}", mois.year()),
                num(brut * mois.month() as f64),
                num(net_imposable * mois.month() as f64),
                num(heures * mois.month() as f64),
                num(2.08 * mois.month() as f64),
            ],
        ];
        d.gap(4.0);
        d.table(
            x0,
            &[w * 0.2; 5],
            &[Al::L, Al::Rt, Al::Rt, Al::Rt, Al::Rt],
            &cumul,
            tsize,
            true,
            2,
        );
    }
    let foot = d.pick(&[
        "Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce bulletin de paie sans limitation de durée.",
        "Conservez ce bulletin de paie sans limitation de durée. Pour toute information : www.net-entreprises.fr.",
        "Ce bulletin doit être conservé sans limitation de durée (article L. 3243-4 du code du travail).",
    ]);
    d.gap(6.0);
    let fs = tsize - 0.5;
    let wrapped = d.wrap(font, fs, foot, w);
    for l in wrapped {
        d.line_at(x0, font, fs, &l);
    }
}

/// CAF or MSA attestation de paiement / quotient familial.
pub(super) fn caf(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let msa = d.chance(0.2);
    let variant = d.int(0, 2);
    let org = if msa {
        format!(
            "MSA {}",
            d.pick(&[
                "Nord-Pas de Calais",
                "Île-de-France",
                "Provence Azur",
                "Alpes du Nord",
                "Midi-Pyrénées Sud",
                "Loire-Atlantique Vendée"
            ])
        )
    } else {
        match d.int(0, 2) {
            0 => format!("Caf {}", data::dep_de(c.dep_nom)),
            1 => format!(
                "Caisse d'allocations familiales {}",
                data::dep_de(c.dep_nom)
            ),
            _ => format!("CAF {}", c.dep.trim_start_matches('0')),
        }
    };
    let phone = if msa {
        super::phone(d)
    } else {
        "3230 (service gratuit + prix appel)".into()
    };
    org_header(
        d,
        &org,
        &[
            format!("{} {}", c.cp, c.nom),
            format!("Tél. : {phone}"),
            if msa {
                "www.msa.fr".into()
            } else {
                "www.caf.fr".into()
            },
        ],
    );
    recipient(d, p, f);
    let t = match variant {
        0 => d
            .pick(&["ATTESTATION DE PAIEMENT", "Attestation de paiement"])
            .to_string(),
        1 => "ATTESTATION DE PAIEMENT DES PRESTATIONS FAMILIALES".to_string(),
        _ => d
            .pick(&[
                "ATTESTATION DE QUOTIENT FAMILIAL",
                "Attestation de quotient familial et de paiement",
            ])
            .to_string(),
    };
    refs(
        d,
        &[
            (
                if msa {
                    "N° adhérent :"
                } else {
                    "N° allocataire :"
                }
                .into(),
                f.allocataire.clone(),
            ),
            ("Date :".into(), d_slash(f.today)),
        ],
    );
    title(d, &t);
    d.para(&format!(
        "{} certifie que {} {} {}, demeurant {}, {} les prestations suivantes :",
        if msa {
            "La MSA"
        } else {
            "La Caisse d'allocations familiales"
        },
        p.civilite(),
        p.prenom,
        p.nom,
        f.adresse.one_line(),
        d.pick(&["a perçu", "bénéficie de", "a bénéficié de"])
    ));
    let prests = [
        "Aide personnalisée au logement",
        "Allocations familiales",
        "Prime d'activité",
        "Revenu de solidarité active",
        "Allocation de rentrée scolaire",
        "Complément familial",
        "Allocation de soutien familial",
        "Allocation aux adultes handicapés",
    ];
    let n = d.int(1, 3) as usize;
    let mut chosen: Vec<&str> = Vec::new();
    for _ in 0..n {
        let x = d.pick(&prests);
        if !chosen.contains(&x) {
            chosen.push(x);
        }
    }
    let months = d.int(3, 6) as i32;
    let mut rows = vec![vec![
        "Prestation".to_string(),
        "Période".to_string(),
        "Montant".to_string(),
        "Versé le".to_string(),
    ]];
    for m in (1..=months).rev() {
        let mo = add_months(f.today, -m);
        for pr in &chosen {
            let amt = d.real(45.0, 620.0) as f64;
            rows.push(vec![
                pr.to_string(),
                mois_annee(mo),
                eur(amt),
                d_slash(data::ymd(
                    add_months(mo, 1).year(),
                    add_months(mo, 1).month(),
                    5,
                )),
            ]);
        }
    }
    let w = d.x1 - d.x0;
    let (x0, size) = (d.x0, d.size - 0.5);
    let split = if d.pages > 1 {
        rows.len() / 2 + 1
    } else {
        rows.len()
    };
    d.table(
        x0,
        &[w * 0.42, w * 0.2, w * 0.18, w * 0.2],
        &[Al::L, Al::L, Al::Rt, Al::C],
        &rows[..split],
        size,
        true,
        d.int(1, 2) as u8,
    );
    if d.pages > 1 {
        d.break_page();
        let mut rest = vec![rows[0].clone()];
        rest.extend_from_slice(&rows[split..]);
        d.table(
            x0,
            &[w * 0.42, w * 0.2, w * 0.18, w * 0.2],
            &[Al::L, Al::L, Al::Rt, Al::C],
            &rest,
            size,
            true,
            1,
        );
    }
    if variant == 2 {
        let qf = d.int(250, 1100);
        d.kv("Quotient familial :", &format!("{qf} €"), 150.0);
    }
    d.gap(6.0);
    d.para(d.pick(&[
        "Cette attestation est délivrée pour servir et valoir ce que de droit.",
        "Attestation établie à la demande de l'allocataire. Elle peut être obtenue à tout moment sur caf.fr, rubrique Mon Compte.",
        "Document établi à partir des informations connues à la date d'édition.",
    ]));
    let sig = if msa {
        "Le directeur de la MSA"
    } else {
        "Le directeur de la Caf"
    };
    sign_block(d, "", sig);
}

/// Justificatif de pension ou retraite.
pub(super) fn pens(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let variant = d.int(0, 2);
    let (org, lines): (String, Vec<String>) = match variant {
        0 => (
            "l'Assurance retraite".into(),
            vec![
                "Caisse nationale d'assurance vieillesse".into(),
                "www.lassuranceretraite.fr - 3960".into(),
            ],
        ),
        1 => (
            "Agirc-Arrco".into(),
            vec![
                "Retraite complémentaire des salariés du privé".into(),
                "www.agirc-arrco.fr".into(),
            ],
        ),
        _ => (
            format!("CPAM {}", data::dep_de(f.adresse.commune.dep_nom)),
            vec![
                "Service pensions d'invalidité".into(),
                "www.ameli.fr - 3646".into(),
            ],
        ),
    };
    org_header(d, &org, &lines);
    recipient(d, p, f);
    refs(
        d,
        &[
            ("N° de sécurité sociale :".into(), f.nir.clone()),
            ("Date :".into(), d_slash(f.today)),
        ],
    );
    let t = match variant {
        0 => d.pick(&[
            "ATTESTATION DE PAIEMENT DE RETRAITE",
            "Relevé de mensualités",
            "ATTESTATION DE PAIEMENT",
        ]),
        1 => d.pick(&[
            "Attestation de paiement de votre retraite complémentaire",
            "RELEVÉ DES PAIEMENTS",
        ]),
        _ => d.pick(&[
            "NOTIFICATION DE PENSION D'INVALIDITÉ",
            "Attestation de paiement de pension d'invalidité",
        ]),
    };
    title(d, t);
    let mensuel = d.real(420.0, 1350.0) as f64;
    d.para(&format!(
        "Nous certifions que {} {} {}, {} le {}, perçoit {} d'un montant mensuel brut de {}.",
        p.civilite(),
        p.prenom,
        p.nom,
        p.ne(),
        d_slash(p.naissance),
        match variant {
            0 => "une retraite personnelle du régime général",
            1 => "une retraite complémentaire",
            _ => "une pension d'invalidité de catégorie 2",
        },
        eur(mensuel)
    ));
    let mut rows = vec![vec![
        "Mois".to_string(),
        "Montant brut".to_string(),
        "Prélèvements sociaux".to_string(),
        "Montant net".to_string(),
    ]];
    for m in (1..=d.int(3, 12) as i32).rev() {
        let mo = add_months(f.today, -m);
        let ps = mensuel * 0.091;
        rows.push(vec![
            mois_annee(mo),
            num(mensuel),
            num(ps),
            num(mensuel - ps),
        ]);
    }
    let w = d.x1 - d.x0;
    let (x0, size) = (d.x0, d.size - 0.5);
    d.table(
        x0,
        &[w * 0.3, w * 0.22, w * 0.26, w * 0.22],
        &[Al::L, Al::Rt, Al::Rt, Al::Rt],
        &rows,
        size,
        true,
        1,
    );
    d.para("Montants exprimés en euros. Le montant net est versé mensuellement à terme échu sur le compte bancaire que vous nous avez indiqué.");
    sign_block(d, "", "Le service retraite");
}

/// Avis de paiement des allocations chômage (France Travail).
pub(super) fn are(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let ft = d.chance(0.75);
    let org = if ft { "France Travail" } else { "Pôle emploi" };
    org_header(
        d,
        org,
        &[
            format!("Agence {}", data::de(c.nom)),
            format!("{} {}", c.cp, c.nom),
            "3949".into(),
        ],
    );
    recipient(d, p, f);
    refs(
        d,
        &[
            ("Identifiant :".into(), f.ident_ft.clone()),
            ("Date :".into(), d_slash(f.today)),
        ],
    );
    let variant = d.int(0, 2);
    let t = match variant {
        0 => "AVIS DE PAIEMENT",
        1 => "Relevé de situation - Allocation d'aide au retour à l'emploi",
        _ => "ATTESTATION DE PAIEMENT DES ALLOCATIONS",
    };
    title(d, t);
    maybe_footer(d, 0.6, None);
    let sjr = d.real(28.0, 75.0) as f64;
    d.para(&format!(
        "Allocation d'aide au retour à l'emploi (ARE). Salaire journalier de référence : {}. Allocation journalière brute : {}.",
        eur(sjr),
        eur(sjr * 0.57)
    ));
    let mut rows = vec![vec![
        "Période".to_string(),
        "Jours".to_string(),
        "Brut".to_string(),
        "Retenues".to_string(),
        "Net payé".to_string(),
    ]];
    let n = d.int(2, 6);
    for m in (1..=n as i32).rev() {
        let mo = add_months(f.today, -m);
        let days = d.int(28, 31) as f64;
        let brut = days * sjr * 0.57;
        let ret = brut * 0.03;
        rows.push(vec![
            mois_annee(mo),
            format!("{days}"),
            num(brut),
            num(ret),
            num(brut - ret),
        ]);
    }
    let w = d.x1 - d.x0;
    let (x0, size) = (d.x0, d.size - 0.5);
    if variant == 0 && d.chance(0.5) {
        for r in rows.iter().skip(1) {
            let s = format!("Paiement de {} : {} jours indemnisés, montant brut {} €, retenues {} €, net versé {} €.", r[0], r[1], r[2], r[3], r[4]);
            d.para(&s);
        }
    } else {
        d.table(
            x0,
            &[w * 0.28, w * 0.12, w * 0.2, w * 0.2, w * 0.2],
            &[Al::L, Al::C, Al::Rt, Al::Rt, Al::Rt],
            &rows,
            size,
            true,
            d.int(1, 2) as u8,
        );
    }
    let blocks = vec![
        Block::Para("Les retenues comprennent la participation au financement des retraites complémentaires (3 % du salaire journalier de référence) et, le cas échéant, la CSG et la CRDS.".into()),
        Block::Para(format!("Reliquat de droits au {} : {} jours.", d_slash(f.today), d.int(20, 600))),
        Block::Heading("Vos obligations".into()),
        Block::Para("Vous devez actualiser votre situation chaque mois, même si vous avez travaillé. Tout changement de situation doit nous être signalé dans les meilleurs délais.".into()),
        Block::Para("Ce document vous est délivré pour faire valoir vos droits auprès des organismes qui vous le demandent.".into()),
    ];
    d.flow(&blocks, 150.0, FILL_ADMIN);
    if d.chance(0.5) {
        lieu_date(d, f.adresse.commune.nom, f.today);
    } else {
        let when = d_long(f.today);
        let (font, size) = (d.font, d.size);
        d.line_al(Al::Rt, font, size, &format!("Le {when}"));
    }
}
