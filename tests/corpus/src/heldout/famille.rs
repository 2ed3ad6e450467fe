//! Family documents: the livret de famille (open booklet, pages copied one by one), birth
//! certificates of a child (extract with filiation, full copy in two columns, multilingual
//! extract), and the guichets' internal notes.

use super::{
    a_ville, band, child, date_words, days_ago, etat_block, field, heading, held, hour_words,
    kv_cols, lines_at, logo, np, pn, reference, signed, small, stamp_box, stranger, tc, Tpl,
};
use crate::data::{self, add_months, d_long, d_slash, Foyer, Person, Sexe};
use crate::doc::{Al, Doc, PH, PW};
use crate::raster::F;

pub(crate) const LIVF: &[Tpl] = &[livret_ouvert, livret_pleine_page];
pub(crate) const ACNE: &[Tpl] = &[extrait_filiation, copie_integrale, extrait_plurilingue];
pub(crate) const NOTE: &[Tpl] = &[note_instruction, fiche_liaison];

/// Father and mother of the household's children (a third person when the applicant is alone).
fn parents(d: &Doc, f: &Foyer) -> (Person, Person) {
    let a = f.demandeur.clone();
    let b = match &f.conjoint {
        Some(c) => c.clone(),
        None => {
            let sexe = if a.sexe == Sexe::F { Sexe::M } else { Sexe::F };
            let y = chrono::Datelike::year(&a.naissance);
            stranger(d, Some(sexe), (y - 6, y + 6))
        }
    };
    if a.sexe == Sexe::M {
        (a, b)
    } else {
        (b, a)
    }
}

fn mariage_date(d: &Doc, f: &Foyer) -> chrono::NaiveDate {
    let older = f
        .enfants
        .iter()
        .map(|e| e.naissance)
        .min()
        .unwrap_or(add_months(f.today, -24));
    let adult = add_months(f.demandeur.naissance, 12 * 20);
    super::date_in(d, adult.min(add_months(older, -14)), add_months(older, -2))
}

/// Draws a dotted field line `label ........ value` inside `[x, x + w]`.
fn dotted(d: &mut Doc, x: f32, y: f32, w: f32, label: &str, value: &str, s: f32) {
    d.text(x, y, F::Serif, 6.5 * s, label);
    let lw = d.measure(F::Serif, 6.5 * s, label) + 3.0;
    let mut cx = x + lw;
    while cx < x + w {
        d.fill(cx, y + 1.0, 0.8, 0.8, 120);
        cx += 3.0;
    }
    d.text(x + lw + 4.0, y - 0.5, F::Sans, 7.2 * s, value);
}

/// One booklet page (A5, scaled): returns nothing, draws in the rectangle.
fn booklet_page(d: &mut Doc, x: f32, y: f32, w: f32, h: f32, kind: u8, f: &Foyer, k: usize) {
    d.rect(x, y, w, h, 0.7);
    let s = w / 250.0;
    let cx = x + w / 2.0;
    let (pere, mere) = parents(d, f);
    let c = f.adresse.commune;
    match kind {
        // marriage page / parents page
        0 => {
            let married = f.conjoint.is_some();
            let t = if married {
                "EXTRAIT DE L'ACTE DE MARIAGE"
            } else {
                "PARENTS"
            };
            d.text_al(cx, y + 20.0 * s, Al::C, F::SerifB, 8.0 * s, t);
            let mut yy = y + 44.0 * s;
            let ww = w - 20.0 * s;
            if married {
                let md = mariage_date(d, f);
                dotted(
                    d,
                    x + 10.0 * s,
                    yy,
                    ww,
                    "Mariage célébré le",
                    &d_slash(md),
                    s,
                );
                yy += 16.0 * s;
                dotted(d, x + 10.0 * s, yy, ww, "à (commune)", c.nom, s);
                yy += 24.0 * s;
            }
            for (who, p) in [("ÉPOUX / PÈRE", &pere), ("ÉPOUSE / MÈRE", &mere)] {
                d.text(x + 10.0 * s, yy, F::SerifB, 6.8 * s, who);
                yy += 14.0 * s;
                dotted(d, x + 10.0 * s, yy, ww, "Nom", &p.nom, s);
                yy += 14.0 * s;
                dotted(d, x + 10.0 * s, yy, ww, "Prénoms", &p.prenoms(), s);
                yy += 14.0 * s;
                dotted(
                    d,
                    x + 10.0 * s,
                    yy,
                    ww,
                    "Né(e) le",
                    &d_slash(p.naissance),
                    s,
                );
                yy += 14.0 * s;
                dotted(d, x + 10.0 * s, yy, ww, "à", &p.lieu_naissance, s);
                yy += 22.0 * s;
            }
            d.text(
                x + 10.0 * s,
                y + h - 40.0 * s,
                F::Serif,
                6.0 * s,
                "L'officier de l'état civil,",
            );
            d.signature(x + 20.0 * s, y + h - 36.0 * s, 60.0 * s, 18.0 * s);
            d.stamp(
                x + w - 45.0 * s,
                y + h - 40.0 * s,
                22.0 * s,
                &["MAIRIE", c.nom],
            );
        }
        // a child's page
        _ => {
            // a page of the booklet left blank for a child not born (yet)
            let e = f.enfants.get(k).cloned();
            let e = match (e, f.enfants.is_empty()) {
                (Some(e), _) => Some(e),
                (None, true) if k == 0 => Some(child(d, f)),
                _ => None,
            };
            d.text_al(
                cx,
                y + 18.0 * s,
                Al::C,
                F::SerifB,
                7.5 * s,
                &format!("{}{} ENFANT", k + 1, if k == 0 { "er" } else { "e" }),
            );
            d.text_al(
                cx,
                y + 30.0 * s,
                Al::C,
                F::Serif,
                6.5 * s,
                "Extrait de l'acte de naissance",
            );
            let ww = w - 20.0 * s;
            let mut yy = y + 52.0 * s;
            let rows: Vec<(&str, String)> = match &e {
                Some(e) => vec![
                    ("Nom", e.nom.clone()),
                    ("Prénoms", e.prenoms()),
                    (
                        "Sexe",
                        (if e.sexe == Sexe::F {
                            "féminin"
                        } else {
                            "masculin"
                        })
                        .to_string(),
                    ),
                    ("Né(e) le", d_long(e.naissance)),
                    ("à", e.lieu_naissance.clone()),
                    ("Acte n°", d.digits(3)),
                ],
                None => ["Nom", "Prénoms", "Sexe", "Né(e) le", "à", "Acte n°"]
                    .iter()
                    .map(|l| (*l, String::new()))
                    .collect(),
            };
            for (l, v) in rows {
                dotted(d, x + 10.0 * s, yy, ww, l, &v, s);
                yy += 16.0 * s;
            }
            d.text(
                x + 10.0 * s,
                yy + 8.0 * s,
                F::Serif,
                6.0 * s,
                if e.is_some() {
                    "Mentions marginales : néant"
                } else {
                    "Mentions marginales :"
                },
            );
            d.text(
                x + 10.0 * s,
                y + h - 40.0 * s,
                F::Serif,
                6.0 * s,
                "Délivré par l'officier de l'état civil",
            );
            if e.is_some() {
                d.signature(x + 20.0 * s, y + h - 34.0 * s, 60.0 * s, 16.0 * s);
            }
        }
    }
}

/// The open booklet copied at reduced size: two pages side by side on each sheet.
fn livret_ouvert(d: &mut Doc, f: &Foyer) {
    let gap = d.real(0.0, 6.0);
    let w = (PW - 60.0 - gap) / 2.0;
    let h = w * 1.42;
    let x = 30.0 + d.real(-8.0, 8.0);
    let y = d.real(40.0, 110.0);
    for page in 0..d.pages {
        if page > 0 {
            d.break_page();
        }
        let base_k = (page * 2) as usize;
        if page == 0 {
            booklet_page(d, x, y, w, h, 0, f, 0);
            booklet_page(d, x + w + gap, y, w, h, 1, f, 0);
        } else {
            booklet_page(d, x, y, w, h, 1, f, base_k - 1);
            booklet_page(d, x + w + gap, y, w, h, 1, f, base_k);
        }
        // the fold's shadow
        d.tint(x + w - 2.0, y, gap + 4.0, h, 170);
    }
}

/// The livret's pages copied one per sheet at full size: the cover page with the commune,
/// then the children.
fn livret_pleine_page(d: &mut Doc, f: &Foyer) {
    let c = f.adresse.commune;
    for page in 0..d.pages {
        if page > 0 {
            d.break_page();
        }
        let w = d.real(330.0, 400.0);
        let h = w * 1.41;
        let x = (PW - w) / 2.0;
        let y = d.real(50.0, 90.0);
        if page == 0 {
            d.rect(x, y, w, h, 1.0);
            let cx = x + w / 2.0;
            let s = w / 250.0;
            d.text_al(
                cx,
                y + 40.0 * s,
                Al::C,
                F::SerifB,
                8.0 * s,
                "RÉPUBLIQUE FRANÇAISE",
            );
            d.text_al(
                cx,
                y + 80.0 * s,
                Al::C,
                F::SerifB,
                14.0 * s,
                "LIVRET DE FAMILLE",
            );
            let (pere, mere) = parents(d, f);
            let mut yy = y + 120.0 * s;
            let ww = w - 40.0 * s;
            dotted(
                d,
                x + 20.0 * s,
                yy,
                ww,
                "Commune de",
                &c.nom.to_uppercase(),
                s,
            );
            yy += 22.0 * s;
            dotted(d, x + 20.0 * s, yy, ww, "Département", c.dep_nom, s);
            yy += 30.0 * s;
            dotted(d, x + 20.0 * s, yy, ww, "Père :", &pn(&pere), s);
            yy += 18.0 * s;
            dotted(d, x + 20.0 * s, yy, ww, "Mère :", &pn(&mere), s);
            yy += 30.0 * s;
            let first = f
                .enfants
                .iter()
                .map(|e| e.naissance)
                .min()
                .unwrap_or(f.today);
            dotted(
                d,
                x + 20.0 * s,
                yy,
                ww,
                "Livret délivré le",
                &d_slash(add_months(first, 1)),
                s,
            );
            d.stamp(
                x + w - 60.0 * s,
                y + h - 60.0 * s,
                26.0 * s,
                &["ÉTAT CIVIL", c.nom],
            );
            d.signature(x + 30.0 * s, y + h - 70.0 * s, 70.0 * s, 20.0 * s);
        } else {
            booklet_page(d, x, y, w, h, 1, f, page as usize - 1);
        }
    }
}

/// Parents' clause of a birth deed.
fn filiation(p: &Person, role: &str) -> String {
    format!(
        "{} : {} {}, {} le {} {}",
        role,
        p.prenoms(),
        p.nom,
        p.ne(),
        d_slash(p.naissance),
        a_ville(&p.lieu_naissance)
    )
}

fn birth_place(e: &Person, f: &Foyer) -> String {
    if e.lieu_naissance.contains('(') {
        f.adresse.commune.nom.to_string()
    } else {
        e.lieu_naissance.clone()
    }
}

/// A mairie's extract with filiation (date in words, marginal mentions).
fn extrait_filiation(d: &mut Doc, f: &Foyer) {
    let e = child(d, f);
    held(d, &e);
    let (pere, mere) = parents(d, f);
    let lieu = birth_place(&e, f);
    let (x0, top) = (d.x0, d.top);
    let y = etat_block(
        d,
        x0,
        top,
        &[
            &format!("Mairie {}", data::de(&lieu)),
            "Service de l'état civil",
        ],
    );
    let x1 = d.x1;
    let acte = format!("{}", d.int(120, 4800));
    d.text_al(
        x1,
        top + 12.0,
        Al::Rt,
        F::Sans,
        8.5,
        &format!("Acte n° {acte}"),
    );
    d.text_al(
        x1,
        top + 24.0,
        Al::Rt,
        F::Sans,
        8.5,
        &format!("Année {}", chrono::Datelike::year(&e.naissance)),
    );
    d.y = y + 6.0;
    let t = d.pick(&[
        "EXTRAIT D'ACTE DE NAISSANCE",
        "Extrait d'acte de naissance avec filiation",
        "ACTE DE NAISSANCE — EXTRAIT AVEC INDICATION DE LA FILIATION",
    ]);
    heading(d, t, 13.0);
    let h = d.int(0, 23) as u32;
    let m = d.int(0, 59) as u32;
    d.para(&format!(
        "Le {}, à {}, est {} {} : {} {}, de sexe {}.",
        date_words(e.naissance),
        hour_words(h, m),
        e.ne(),
        a_ville(&lieu),
        e.prenoms(),
        e.nom,
        if e.sexe == Sexe::F {
            "féminin"
        } else {
            "masculin"
        }
    ));
    d.para(&filiation(&pere, "Père"));
    d.para(&filiation(&mere, "Mère"));
    d.gap(6.0);
    let b = d.bold;
    let sz = d.size;
    d.line_al(Al::L, b, sz, "Mentions marginales");
    let mention = if d.chance(0.7) {
        "Néant".to_string()
    } else {
        format!(
            "Reconnu(e) par le père le {} {}.",
            d_slash(add_months(e.naissance, -3)),
            a_ville(&lieu)
        )
    };
    d.para(&mention);
    d.gap(10.0);
    d.para(&format!(
        "Extrait délivré conforme aux registres, le {}.",
        d_long(days_ago(d, f, 5, 120))
    ));
    signed(
        d,
        "L'officier de l'état civil délégué",
        "",
        &["ÉTAT CIVIL", &lieu],
    );
    d.y = d.y.max(PH - 90.0);
    small(d, "Aucune légalisation n'est nécessaire pour la production de ce document en France. Toute altération ou surcharge le rend nul.");
}

/// The full copy: left margin with the number and names, right column with the deed.
fn copie_integrale(d: &mut Doc, f: &Foyer) {
    let e = child(d, f);
    held(d, &e);
    let (pere, mere) = parents(d, f);
    let lieu = birth_place(&e, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let b = d.bold;
    d.text_al(
        (x0 + x1) / 2.0,
        top + 12.0,
        Al::C,
        b,
        10.0,
        &format!("VILLE {}", data::de(&lieu).to_uppercase()),
    );
    d.text_al(
        (x0 + x1) / 2.0,
        top + 26.0,
        Al::C,
        F::Sans,
        8.0,
        "Direction de la population — État civil",
    );
    d.y = top + 45.0;
    heading(d, "COPIE INTÉGRALE D'ACTE DE NAISSANCE", 13.0);
    let col = x0 + d.real(100.0, 125.0);
    let y0 = d.y;
    d.vline(col - 8.0, y0, y0 + 380.0, 0.5);
    let mut yy = y0 + 10.0;
    for l in [
        format!("N° {}", d.int(10, 3999)),
        "NAISSANCE".to_string(),
        e.nom.clone(),
        e.prenom.clone(),
    ] {
        d.text(x0, yy, F::SansB, 8.5, &l);
        yy += 13.0;
    }
    d.x0 = col;
    let h = d.int(0, 23) as u32;
    let m = d.int(0, 59) as u32;
    let decl = e.naissance + chrono::Duration::days(d.int(1, 4));
    let officer = stranger(d, None, (1960, 1990));
    let texts = [
        format!(
            "Le {}, {}, est {} {}, {} {}, {} {},",
            date_words(e.naissance),
            hour_words(h, m),
            e.ne(),
            a_ville(&lieu),
            if e.sexe == Sexe::F { "une fille" } else { "un garçon" },
            "prénommé(e)",
            e.prenoms(),
            e.nom
        ),
        format!(
            "de {} {}, {} le {} {}, {}, et de {} {}, {} le {} {}, {}, {}.",
            pere.prenoms(),
            pere.nom,
            pere.ne(),
            d_long(pere.naissance),
            a_ville(&pere.lieu_naissance),
            d.pick(&["employé", "ouvrier", "sans profession", "agent de maîtrise", "commerçant"]),
            mere.prenoms(),
            mere.nom,
            mere.ne(),
            d_long(mere.naissance),
            a_ville(&mere.lieu_naissance),
            d.pick(&["employée", "sans profession", "aide-soignante", "secrétaire", "étudiante"]),
            format_args!("domiciliés {}", f.adresse.one_line())
        ),
        format!(
            "Dressé le {}, {}, sur la déclaration du père, qui, lecture faite et invité à lire l'acte, a signé avec Nous, {} {}, officier de l'état civil par délégation du maire.",
            date_words(decl),
            hour_words(d.int(9, 16) as u32, d.pick(&[0, 10, 15, 30, 45])),
            officer.prenom,
            officer.nom
        ),
    ];
    for t in &texts {
        d.para(t);
    }
    d.gap(10.0);
    let bo = d.bold;
    let sz = d.size;
    d.line_al(Al::L, bo, sz, "Mentions :");
    d.para("Néant.");
    d.x0 = x0;
    d.y = d.y.max(y0 + 390.0);
    d.para(&format!(
        "Pour copie intégrale conforme, délivrée le {}.",
        d_slash(days_ago(d, f, 3, 200))
    ));
    signed(
        d,
        "L'officier de l'état civil",
        &format!("{} {}", officer.prenom, tc(&officer.nom)),
        &["MAIRIE", &lieu],
    );
}

/// The multilingual extract (numbered rows with French/English labels in a grid).
fn extrait_plurilingue(d: &mut Doc, f: &Foyer) {
    let e = child(d, f);
    held(d, &e);
    let (pere, mere) = parents(d, f);
    let lieu = birth_place(&e, f);
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    d.text(x0, top + 10.0, F::SansB, 9.0, "République française");
    d.text(x0, top + 21.0, F::Sans, 8.0, &format!("Commune : {}", lieu));
    d.text_al(
        x1,
        top + 10.0,
        Al::Rt,
        F::Sans,
        7.5,
        "Formulaire plurilingue",
    );
    d.y = top + 36.0;
    heading(d, "EXTRAIT PLURILINGUE D'ACTE DE NAISSANCE", 12.0);
    let font = d.font;
    d.line_al(
        Al::C,
        font,
        8.0,
        "Extract from the register of births — Extracto del registro de nacimientos",
    );
    d.gap(6.0);
    let w = x1 - x0;
    let rows: Vec<Vec<String>> = vec![
        vec!["1".into(), "État / State".into(), "FRANCE".into()],
        vec![
            "2".into(),
            "Service d'état civil / Civil registry office".into(),
            format!("Mairie {}", data::de(&lieu)),
        ],
        vec![
            "3".into(),
            "Date de naissance / Date of birth".into(),
            d_slash(e.naissance),
        ],
        vec![
            "4".into(),
            "Lieu de naissance / Place of birth".into(),
            lieu.clone(),
        ],
        vec!["5".into(), "Sexe / Sex".into(), e.sexe_lettre().into()],
        vec!["6".into(), "Nom / Surname".into(), e.nom.clone()],
        vec!["7".into(), "Prénoms / Forenames".into(), e.prenoms()],
        vec![
            "8".into(),
            "Nom du père / Father's surname".into(),
            pere.nom.clone(),
        ],
        vec![
            "9".into(),
            "Prénoms du père / Father's forenames".into(),
            pere.prenoms(),
        ],
        vec![
            "10".into(),
            "Nom de la mère / Mother's surname".into(),
            mere.nom.clone(),
        ],
        vec![
            "11".into(),
            "Prénoms de la mère / Mother's forenames".into(),
            mere.prenoms(),
        ],
        vec![
            "12".into(),
            "Date de délivrance / Date of issue".into(),
            d_slash(days_ago(d, f, 5, 150)),
        ],
    ];
    let sz = d.size;
    d.table(
        x0,
        &[w * 0.07, w * 0.48, w * 0.45],
        &[Al::C, Al::L, Al::L],
        &rows,
        sz,
        false,
        2,
    );
    d.gap(20.0);
    signed(
        d,
        "Signature, sceau / Signature, seal",
        "",
        &["ÉTAT CIVIL", &lieu],
    );
    d.y = d.y.max(PH - 95.0);
    small(d, "Codes : F = féminin, M = masculin. Ce document est délivré en application du règlement (UE) 2016/1191 ; il dispense de traduction dans les États membres.");
}

// ---------------------------------------------------------------------------------------------
// Internal documents of the guichets

fn staff(d: &Doc) -> String {
    let p = stranger(d, None, (1965, 1998));
    format!("{} {}", p.prenom, tc(&p.nom))
}

/// An instruction note: memo header grid, body, decision proposal.
fn note_instruction(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = f.adresse.commune;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let org = format!("{} Habitat", c.dep_nom);
    let r = logo(d, x0, top, "HB", &org, "Direction de la clientèle");
    d.text_al(
        x1,
        top + 12.0,
        Al::Rt,
        F::SansB,
        9.0,
        "DIFFUSION RESTREINTE",
    );
    d.y = r.y + r.h + 20.0;
    heading(
        d,
        d.pick(&[
            "NOTE D'INSTRUCTION",
            "Note interne — instruction de la demande",
            "NOTE À L'ATTENTION DE LA COMMISSION",
        ]),
        13.0,
    );
    let date = days_ago(d, f, 1, 40);
    let pairs = vec![
        ("De :".to_string(), staff(d)),
        ("À :".into(), "Commission d'attribution".into()),
        ("Date :".into(), d_slash(date)),
        ("Réf. :".into(), reference(d, chrono::Datelike::year(&date))),
    ];
    kv_cols(d, &pairs, 40.0);
    d.hline(x0, x1, d.y, 0.8);
    d.gap(10.0);
    let bo = d.bold;
    let sz = d.size;
    d.line_al(
        Al::L,
        bo,
        sz,
        &format!("Objet : situation de {} {}", p.civ_court(), pn(p)),
    );
    d.gap(4.0);
    let n = 1 + f.conjoint.is_some() as usize + f.enfants.len();
    d.para(&format!(
        "Le ménage se compose de {} personne(s). Logement actuel : {}. Demande déposée le {}.",
        n,
        d.pick(&[
            "hébergement chez un tiers",
            "parc privé, loyer élevé",
            "logement suroccupé",
            "résidence sociale"
        ]),
        d_slash(f.date_depot)
    ));
    d.para(&format!(
        "Ressources mensuelles déclarées : {}. Taux d'effort estimé après aide au logement : {} %.",
        data::eur(f.brut_mensuel * 0.78),
        d.int(18, 39)
    ));
    d.para(d.pick(&[
        "Pièces vérifiées au dossier ; situation conforme aux déclarations. Avis favorable pour une présentation en commission.",
        "Le dossier est complet. Priorité au titre du relogement (motif : logement non décent). Proposition de positionnement sur un T3.",
        "Dossier à compléter : dernier avis d'impôt manquant. Instruction suspendue dans l'attente de la pièce.",
    ]));
    d.gap(8.0);
    band(d, "Avis du responsable");
    for l in ["Favorable", "Défavorable", "Ajourné"] {
        let base = d.y + sz;
        let checked = l == "Favorable" && d.chance(0.6);
        d.checkbox(x0 + 4.0, base, sz, checked);
        let font = d.font;
        d.text(x0 + 18.0, base, font, sz, l);
        d.y += sz * 1.6;
    }
    signed(d, "Visa", &staff(d), &[]);
}

/// A liaison sheet between a social worker and the guichet (form with boxes).
fn fiche_liaison(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let (x0, x1, top) = (d.x0, d.x1, d.top);
    let c = f.adresse.commune;
    let y = lines_at(
        d,
        x0,
        top,
        9.0,
        &[
            format!("Centre communal d'action sociale {}", data::de(c.nom)),
            "Pôle insertion — logement".into(),
        ],
    );
    d.y = y + 10.0;
    heading(d, "FICHE DE LIAISON", 14.0);
    let w = x1 - x0;
    let yy = d.y;
    field(d, x0, yy, w * 0.5 - 4.0, 26.0, "Demandeur", &np(p));
    field(
        d,
        x0 + w * 0.5,
        yy,
        w * 0.5,
        26.0,
        "Date de naissance",
        &d_slash(p.naissance),
    );
    field(d, x0, yy + 30.0, w, 26.0, "Adresse", &f.adresse.one_line());
    field(
        d,
        x0,
        yy + 60.0,
        w * 0.5 - 4.0,
        26.0,
        "Référent social",
        &staff(d),
    );
    field(
        d,
        x0 + w * 0.5,
        yy + 60.0,
        w * 0.5,
        26.0,
        "Date",
        &d_slash(days_ago(d, f, 2, 60)),
    );
    d.y = yy + 98.0;
    band(d, "Motif de la transmission");
    let sz = d.size;
    let font = d.font;
    for (l, c2) in [
        ("Demande de mutation", false),
        ("Accompagnement budgétaire en cours", d.chance(0.5)),
        (
            "Situation d'urgence (violence, expulsion, insalubrité)",
            d.chance(0.4),
        ),
        ("Pièces complémentaires transmises", true),
    ] {
        let base = d.y + sz;
        d.checkbox(x0 + 4.0, base, sz, c2);
        d.text(x0 + 18.0, base, font, sz, l);
        d.y += sz * 1.6;
    }
    d.gap(6.0);
    band(d, "Observations");
    d.para(d.pick(&[
        "Famille suivie depuis plusieurs mois ; démarches administratives à jour. Le ménage recherche un logement adapté à sa composition.",
        "Situation stable sur le plan professionnel ; les ressources permettent l'accès à un logement à loyer modéré.",
        "Le ménage est hébergé de manière précaire ; une solution rapide est souhaitable.",
    ]));
    signed(d, "Le travailleur social", "", &["CCAS"]);
    stamp_box(
        d,
        x1 - 140.0,
        PH - 110.0,
        &["DOCUMENT INTERNE", "NE PAS DIFFUSER"],
    );
}
