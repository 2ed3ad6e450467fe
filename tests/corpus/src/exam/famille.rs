//! Civil status (livret de famille, birth certificates) and the guichets' internal notes.

use chrono::Datelike;

use super::*;
use crate::data::{self, Foyer, Person, Sexe};
use crate::doc::{Al, Doc, PH, PW};
use crate::raster::F;

pub(crate) const LIVF: &[Tpl] = &[livret_open, livret_pages_typed, livret_parent];
pub(crate) const ACNE: &[Tpl] = &[acte_extrait_mairie, acte_copie_integrale, acte_plurilingue];
pub(crate) const NOTE: &[Tpl] = &[note_cal, note_synthese, note_rapport_social];

fn mairie_of(d: &Doc, p: &Person, f: &Foyer) -> String {
    // born in France: the town of birth; abroad: the applicant's commune keeps the livret
    if p.lieu_naissance.contains('(') {
        local(d, f).nom.to_string()
    } else {
        p.lieu_naissance.clone()
    }
}

fn town_of_birth(p: &Person) -> String {
    p.lieu_naissance.clone()
}

/// The two parents as the civil-status documents name them (father first).
fn parents(f: &Foyer) -> (Person, Option<Person>) {
    let a = f.demandeur.clone();
    let b = f.conjoint.clone();
    match (&a.sexe, &b) {
        (Sexe::F, Some(m)) if m.sexe == Sexe::M => (m.clone(), Some(a)),
        _ => (a, b),
    }
}

/// The parents as father and mother (either may be missing).
fn by_sex(a: Person, b: Option<Person>) -> (Option<Person>, Option<Person>) {
    let mut father = None;
    let mut mother = None;
    for p in [Some(a), b].into_iter().flatten() {
        if p.sexe == Sexe::M && father.is_none() {
            father = Some(p);
        } else if mother.is_none() {
            mother = Some(p);
        }
    }
    (father, mother)
}

/// One page of the booklet drawn in a frame: `(x, y, w, h)`.
fn booklet_page(d: &mut Doc, x: f32, y: f32, w: f32, h: f32) {
    let g = d.int(228, 246) as u8;
    d.tint(x, y, w, h, g);
    d.rect(x, y, w, h, 0.7);
    d.rect(x + 6.0, y + 6.0, w - 12.0, h - 12.0, 0.3);
}

/// Label on a dotted line with a "handwritten" value.
fn dotted(d: &mut Doc, x: f32, base: f32, w: f32, label: &str, value: &str, size: f32) {
    d.text(x, base, F::Serif, size, label);
    let lw = d.measure(F::Serif, size, label);
    let mut cx = x + lw + 2.0;
    while cx < x + w {
        d.fill(cx, base + 1.0, 0.6, 0.6, 120);
        cx += 2.5;
    }
    let ink = d.int(20, 70) as u8;
    d.text_ink(x + lw + 6.0, base - 0.5, F::Serif, size + 1.0, value, ink);
}

fn spouse_page(d: &mut Doc, x: f32, y: f32, w: f32, h: f32, who: &str, p: &Person, f: &Foyer) {
    booklet_page(d, x, y, w, h);
    let s = 7.5;
    let mut base = y + 26.0;
    d.text_al(x + w / 2.0, base, Al::C, F::SerifB, 10.0, who);
    base += 22.0;
    let rows = [
        ("Nom :", p.nom.clone()),
        ("Prénoms :", p.prenoms()),
        (
            &*format!("{} le :", if p.sexe == Sexe::F { "Née" } else { "Né" }),
            data::d_long(p.naissance),
        ),
        ("à :", town_of_birth(p)),
        ("Nationalité :", p.nationalite().to_string()),
    ]
    .map(|(a, b)| (a.to_string(), b));
    for (k, v) in rows.iter() {
        dotted(d, x + 14.0, base, w - 28.0, k, v, s);
        base += 17.0;
    }
    base += 8.0;
    let m = mairie_of(d, p, f);
    dotted(
        d,
        x + 14.0,
        base,
        w - 28.0,
        "Acte n° :",
        &d.int(12, 1400).to_string(),
        s,
    );
    base += 17.0;
    dotted(d, x + 14.0, base, w - 28.0, "Mairie :", &m, s);
    base += 26.0;
    d.text(x + 14.0, base, F::Serif, 6.5, "L'officier de l'état civil,");
    d.signature(x + 30.0, base + 4.0, 70.0, 22.0);
    d.stamp(
        x + w - 45.0,
        base + 12.0,
        22.0,
        &["MAIRIE", &m.to_uppercase()],
    );
}

fn child_page(d: &mut Doc, x: f32, y: f32, w: f32, h: f32, n: usize, c: &Person, f: &Foyer) {
    booklet_page(d, x, y, w, h);
    let s = 7.5;
    let mut base = y + 26.0;
    d.text_al(
        x + w / 2.0,
        base,
        Al::C,
        F::SerifB,
        10.0,
        &format!("{}{} ENFANT", n, if n == 1 { "er" } else { "e" }),
    );
    base += 22.0;
    let rows = [
        ("Nom :".to_string(), c.nom.clone()),
        ("Prénoms :".to_string(), c.prenoms()),
        ("Sexe :".to_string(), c.sexe_lettre().to_string()),
        ("Né(e) le :".to_string(), data::d_long(c.naissance)),
        ("à :".to_string(), town_of_birth(c)),
    ];
    for (k, v) in rows.iter() {
        dotted(d, x + 14.0, base, w - 28.0, k, v, s);
        base += 17.0;
    }
    let m = mairie_of(d, c, f);
    dotted(
        d,
        x + 14.0,
        base,
        w - 28.0,
        "Acte n° :",
        &d.int(12, 2400).to_string(),
        s,
    );
    base += 17.0;
    dotted(d, x + 14.0, base, w - 28.0, "dressé à :", &m, s);
    base += 20.0;
    d.text(
        x + 14.0,
        base,
        F::Serif,
        6.2,
        "Décès : ...........................................",
    );
    base += 16.0;
    d.text(x + 14.0, base, F::Serif, 6.5, "L'officier de l'état civil,");
    d.signature(x + 30.0, base + 4.0, 70.0, 20.0);
    d.stamp(
        x + w - 45.0,
        base + 10.0,
        22.0,
        &["ÉTAT CIVIL", &m.to_uppercase()],
    );
}

/// The booklet opened flat on the copier: two facing pages per sheet.
fn livret_open(d: &mut Doc, f: &Foyer) {
    let (pere, mere) = parents(f);
    let w = (PW - 70.0) / 2.0;
    let h = w * 1.42;
    let x = 35.0;
    let mut pages: Vec<Box<dyn Fn(&mut Doc, f32, f32)>> = Vec::new();
    let married =
        mere.is_some() && (mere.as_ref().is_some_and(|m| m.nom == pere.nom) || d.chance(0.3));
    let label = |p: &Person| match (married, p.sexe) {
        (true, Sexe::M) => "ÉPOUX",
        (true, Sexe::F) => "ÉPOUSE",
        (false, Sexe::M) => "PÈRE",
        (false, Sexe::F) => "MÈRE",
    };
    let l1 = label(&pere);
    let l2 = mere.as_ref().map(label).unwrap_or("MÈRE");
    let pe = pere.clone();
    pages.push(Box::new(move |d: &mut Doc, x, y| {
        spouse_page(d, x, y, w, h, l1, &pe, f)
    }));
    if let Some(m) = mere.clone() {
        pages.push(Box::new(move |d: &mut Doc, x, y| {
            spouse_page(d, x, y, w, h, l2, &m, f)
        }));
    }
    for (i, c) in f.enfants.iter().enumerate() {
        let c = c.clone();
        pages.push(Box::new(move |d: &mut Doc, x, y| {
            child_page(d, x, y, w, h, i + 1, &c, f)
        }));
    }
    let n = pages.len();
    let sheets: Vec<Vec<usize>> = if d.pages <= 1 {
        vec![(0..n.min(2)).collect()]
    } else {
        let first = n.div_ceil(2).clamp(1, 2).min(n.saturating_sub(1).max(1));
        let second: Vec<usize> = (first..n.min(first + 2)).collect();
        vec![
            (0..first).collect(),
            if second.is_empty() { vec![0] } else { second },
        ]
    };
    for (si, items) in sheets.iter().enumerate() {
        if si > 0 {
            d.break_page();
        }
        let y0 = d.real(50.0, 110.0);
        for (slot, &item) in items.iter().enumerate() {
            let px = x + slot as f32 * (w + 4.0);
            pages[item](d, px, y0);
        }
    }
    d.y = PH - 80.0;
}

/// Computer-printed pages of a recent livret (mairie's software), first page with the
/// couple or the parent, then the children in a table.
fn livret_pages_typed(d: &mut Doc, f: &Foyer) {
    let (pere, mere) = parents(f);
    let c = local(d, f);
    let x0 = d.x0;
    d.text(x0, d.y + 10.0, F::SerifB, 11.0, "RÉPUBLIQUE FRANÇAISE");
    d.gap(30.0);
    title(d, "LIVRET DE FAMILLE", 20.0);
    let (b, s) = (d.bold, d.size);
    d.line_al(Al::C, b, s, &format!("Commune {}", data::de(c.nom)));
    d.line_al(
        Al::C,
        F::Sans,
        s - 1.0,
        &format!("Département : {}", c.dep_nom),
    );
    d.gap(14.0);
    let issued = between(
        d,
        f.enfants
            .first()
            .map(|e| e.naissance)
            .unwrap_or(pere.naissance + chrono::Duration::days(365 * 22)),
        f.today,
    );
    let married = mere.as_ref().is_some_and(|m| m.nom == pere.nom);
    light_band(d, if married { "MARIAGE" } else { "PARENTS" });
    if married {
        let dm = between(d, pere.naissance + chrono::Duration::days(365 * 19), issued);
        d.para(&format!(
            "Mariage célébré le {} à {}.",
            data::d_long(dm),
            c.nom
        ));
    }
    for p in [Some(pere.clone()), mere.clone()].into_iter().flatten() {
        let role = if p.sexe == Sexe::M { "Père" } else { "Mère" };
        {
            d.kv(
                &format!("{role} :"),
                &format!("{} {}", p.nom, p.prenoms()),
                80.0,
            );
            let t = format!(
                "{} le {} à {}",
                p.ne(),
                data::d_slash(p.naissance),
                p.lieu_naissance
            );
            d.kv("", &t, 80.0);
        }
    }
    d.gap(10.0);
    light_band(d, "ENFANTS");
    let mut rows = vec![vec![
        "Rang".to_string(),
        "Nom, prénoms".to_string(),
        "Date et lieu de naissance".to_string(),
        "Acte n°".to_string(),
    ]];
    for (i, e) in f.enfants.iter().enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            format!("{} {}", e.nom, e.prenoms()),
            format!("{} — {}", data::d_slash(e.naissance), e.lieu_naissance),
            d.int(10, 2900).to_string(),
        ]);
    }
    let x = d.x0;
    let w = d.x1 - d.x0;
    d.table(
        x,
        &[w * 0.1, w * 0.35, w * 0.4, w * 0.15],
        &[Al::C, Al::L, Al::L, Al::C],
        &rows,
        8.5,
        true,
        2,
    );
    d.gap(14.0);
    if d.pages > 1 {
        d.break_page();
        title(d, "EXTRAITS DES ACTES", 12.0);
        for e in &f.enfants {
            d.para(&format!(
                "Le {} est {} à {} {} {}, de {} et de {}.",
                data::d_long(e.naissance),
                e.ne(),
                e.lieu_naissance,
                e.prenoms(),
                e.nom,
                full(&pere),
                mere.as_ref().map(full).unwrap_or_else(|| "—".into())
            ));
            fine(d, "Mentions : néant.");
        }
        d.gap(10.0);
    }
    let yy = d.y;
    d.text(
        x0,
        yy + 10.0,
        F::Serif,
        9.0,
        &format!("Délivré le {}", data::d_slash(issued)),
    );
    d.gap(16.0);
    let sx = d.x0 + 250.0;
    sign(d, sx, "", "L'officier de l'état civil");
    d.stamp(
        sx - 50.0,
        d.y - 35.0,
        26.0,
        &["MAIRIE", &c.nom.to_uppercase(), "ÉTAT CIVIL"],
    );
}

/// The livret of a single parent: cover and the parent's page with the children, in one
/// A4 photocopy (landscape booklet turned on the glass).
fn livret_parent(d: &mut Doc, f: &Foyer) {
    let p = f.demandeur.clone();
    let w = PW - 2.0 * d.x0;
    let h = 300.0;
    let x = d.x0;
    let y = d.y + 10.0;
    booklet_page(d, x, y, w / 2.0 - 3.0, h);
    booklet_page(d, x + w / 2.0 + 3.0, y, w / 2.0 - 3.0, h);
    // cover (left)
    let cx = x + w / 4.0;
    d.text_al(cx, y + 60.0, Al::C, F::SerifB, 9.0, "RÉPUBLIQUE FRANÇAISE");
    d.fill_ellipse(cx, y + 120.0, 22.0, 28.0, 150);
    d.text_al(cx, y + 190.0, Al::C, F::SerifB, 15.0, "LIVRET");
    d.text_al(cx, y + 210.0, Al::C, F::SerifB, 15.0, "DE FAMILLE");
    // the parent (right)
    let rx = x + w / 2.0 + 10.0;
    let rw = w / 2.0 - 30.0;
    let mut base = y + 30.0;
    d.text(
        rx,
        base,
        F::SerifB,
        9.0,
        if p.sexe == Sexe::F { "MÈRE" } else { "PÈRE" },
    );
    base += 20.0;
    for (k, v) in [
        ("Nom :", p.nom.clone()),
        ("Prénoms :", p.prenoms()),
        ("Né(e) le :", data::d_slash(p.naissance)),
        ("à :", p.lieu_naissance.clone()),
    ] {
        dotted(d, rx, base, rw, k, &v, 7.2);
        base += 16.0;
    }
    base += 10.0;
    let c = local(d, f);
    dotted(d, rx, base, rw, "Livret délivré à :", c.nom, 7.2);
    base += 16.0;
    dotted(
        d,
        rx,
        base,
        rw,
        "le :",
        &data::d_slash(between(d, data::ymd(2008, 1, 1), f.today)),
        7.2,
    );
    base += 24.0;
    d.text(rx, base, F::Serif, 6.5, "L'officier de l'état civil,");
    d.signature(rx + 10.0, base + 5.0, 70.0, 20.0);
    d.y = y + h + 20.0;
    // children, further down or on the next sheet
    if d.pages > 1 {
        d.break_page();
        d.y = d.top + 10.0;
    }
    let ch = 260.0f32.min(PH - d.y - 60.0).max(120.0);
    let kids: Vec<Person> = if f.enfants.is_empty() {
        vec![p.clone()]
    } else {
        f.enfants.clone()
    };
    for (i, e) in kids.iter().take(2).enumerate() {
        let bx = x + i as f32 * (w / 2.0 + 3.0);
        let by = d.y;
        booklet_page(d, bx, by, w / 2.0 - 3.0, ch);
        let mut base = by + 26.0;
        d.text(
            bx + 12.0,
            base,
            F::SerifB,
            9.0,
            &format!("ENFANT N° {}", i + 1),
        );
        base += 18.0;
        for (k, v) in [
            ("Nom :", e.nom.clone()),
            ("Prénoms :", e.prenoms()),
            ("Né(e) le :", data::d_slash(e.naissance)),
            ("à :", e.lieu_naissance.clone()),
        ] {
            dotted(d, bx + 12.0, base, w / 2.0 - 30.0, k, &v, 7.0);
            base += 15.0;
        }
    }
    d.y += ch + 10.0;
}

// ---------------------------------------------------------------------------------------------
// Birth certificates of a child

fn birth_hour(d: &Doc) -> (u32, u32) {
    (d.int(0, 23) as u32, d.int(0, 59) as u32)
}

/// A mairie's computer-printed "extrait avec filiation".
fn acte_extrait_mairie(d: &mut Doc, f: &Foyer) {
    let e = a_child(d, f);
    let e = about(d, f, &e).clone();
    let (pere, mere) = parents(f);
    let town = if e.lieu_naissance.contains('(') {
        local(d, f).nom.to_string()
    } else {
        e.lieu_naissance.clone()
    };
    let x0 = d.x0;
    let y0 = d.y;
    let yb = rf_mark(
        d,
        x0,
        y0,
        &[
            &format!("Mairie {}", data::de(&town)),
            "Service de l'état civil",
            &office_street(d),
        ],
    );
    let x1 = d.x1;
    lines_rt(
        d,
        x1,
        y0 + 4.0,
        F::Sans,
        8.0,
        &[
            format!("Acte n° {}", d.int(8, 3100)),
            format!("Année {}", e.naissance.year()),
            format!("Réf. demande : {}", refno(d, f.today.year())),
        ],
    );
    d.y = yb + 16.0;
    title(d, "EXTRAIT D'ACTE DE NAISSANCE", 14.0);
    let b = d.bold;
    let s = d.size;
    d.line_al(Al::C, b, s - 1.0, "avec indication de la filiation");
    d.gap(14.0);
    let (h, m) = birth_hour(d);
    let tab = 150.0;
    d.kv("Nom :", &e.nom, tab);
    d.kv("Prénom(s) :", &e.prenoms(), tab);
    d.kv(
        "Sexe :",
        if e.sexe == Sexe::F {
            "féminin"
        } else {
            "masculin"
        },
        tab,
    );
    d.kv(
        "Date de naissance :",
        &format!("{} à {} h {:02}", data::d_long(e.naissance), h, m),
        tab,
    );
    d.kv("Lieu de naissance :", &town, tab);
    d.gap(8.0);
    light_band(d, "Filiation");
    for p in [Some(pere.clone()), mere.clone()].into_iter().flatten() {
        let role = if p.sexe == Sexe::M { "Père" } else { "Mère" };
        {
            d.kv(
                &format!("{role} :"),
                &format!(
                    "{} {}, {} le {} à {}",
                    p.nom,
                    p.prenoms(),
                    p.ne(),
                    data::d_slash(p.naissance),
                    p.lieu_naissance
                ),
                tab,
            );
        }
    }
    d.gap(8.0);
    light_band(d, "Mentions marginales");
    d.para(d.pick(&["Néant.", "Néant", "Aucune mention."]));
    d.gap(14.0);
    let when = ago(d, f, 1, 90);
    d.para(&format!(
        "Extrait délivré {} le {}.",
        at_town(&town),
        data::d_slash(when)
    ));
    let sx = d.x0 + 260.0;
    sign(d, sx, "", "L'officier de l'état civil délégué,");
    d.stamp(
        sx - 55.0,
        d.y - 36.0,
        25.0,
        &["ÉTAT CIVIL", &town.to_uppercase()],
    );
    d.gap(20.0);
    fine(d, "Ce document ne comporte pas de rature ni de surcharge. Toute falsification est passible de poursuites pénales (art. 441-1 et suivants du code pénal). Vérifiez l'authenticité de cet extrait en flashant le code 2D-Doc.");
    let yy = d.y;
    datamatrix(d, x0, yy + 4.0, 46.0);
}

/// The full copy of a birth deed, as typed long ago and photocopied with the margin.
fn acte_copie_integrale(d: &mut Doc, f: &Foyer) {
    let e = a_child(d, f);
    let e = about(d, f, &e).clone();
    let (pere, mere) = parents(f);
    let town = if e.lieu_naissance.contains('(') {
        local(d, f).nom.to_string()
    } else {
        e.lieu_naissance.clone()
    };
    let (h, m) = birth_hour(d);
    let decl = e.naissance + chrono::Duration::days(d.int(1, 4));
    let margin = d.x0 + 120.0;
    let x0 = d.x0;
    let top = d.y;
    d.vline(margin - 10.0, top, PH - 120.0, 0.6);
    d.text(
        x0,
        top + 12.0,
        F::SerifB,
        10.0,
        &format!("N° {}", d.int(10, 2000)),
    );
    d.text(x0, top + 30.0, F::Serif, 9.0, "NAISSANCE");
    d.text(x0, top + 44.0, F::SerifB, 9.0, &e.nom);
    d.text(x0, top + 56.0, F::Serif, 9.0, &e.prenom);
    d.text(x0, top + 90.0, F::Serif, 8.0, "Mentions :");
    d.text(x0, top + 102.0, F::Serif, 8.0, "néant");
    let save = d.x0;
    d.x0 = margin;
    d.y = top;
    let b = d.bold;
    d.line_al(Al::C, b, 12.0, "COPIE INTÉGRALE D'ACTE DE NAISSANCE");
    d.gap(14.0);
    let mut txt = format!(
        "Le {} à {}, est {} à {} : {} {}, de {} {}, {} le {} à {}",
        date_in_words(e.naissance),
        hour_words(h, m),
        e.ne(),
        town,
        e.prenoms(),
        e.nom,
        pere.prenoms(),
        pere.nom,
        pere.ne(),
        data::d_long(pere.naissance),
        pere.lieu_naissance
    );
    if let Some(m) = &mere {
        txt += &format!(
            ", et de {} {}, {} le {} à {}",
            m.prenoms(),
            m.nom,
            m.ne(),
            data::d_long(m.naissance),
            m.lieu_naissance
        );
    }
    txt += &format!(", domiciliés {}.", f.adresse.one_line());
    d.para(&txt);
    let officer = outsider(d, None, (1955, 1990));
    d.para(&format!(
        "Dressé le {}, sur la déclaration du père, qui, lecture faite et invité à lire l'acte, a signé avec Nous, {} {}, officier de l'état civil par délégation du maire.",
        date_in_words(decl),
        officer.prenom,
        officer.nom
    ));
    d.gap(24.0);
    d.para(&format!(
        "Pour copie conforme, {}, le {}",
        at_town(&town),
        data::d_slash(ago(d, f, 1, 120))
    ));
    let sx = d.x0 + 150.0;
    sign(d, sx, "", "L'officier de l'état civil");
    d.stamp(
        sx - 40.0,
        d.y - 30.0,
        24.0,
        &["MAIRIE", &town.to_uppercase()],
    );
    d.x0 = save;
}

fn hour_words(h: u32, m: u32) -> String {
    let hh = if h == 1 {
        "une heure".to_string()
    } else {
        format!("{} heures", in_words(h))
    };
    if m == 0 {
        hh
    } else {
        format!("{hh} {} minutes", in_words(m))
    }
}

/// The multilingual extract (CIEC convention form): a coded table with language keys.
fn acte_plurilingue(d: &mut Doc, f: &Foyer) {
    let e = a_child(d, f);
    let e = about(d, f, &e).clone();
    let (a, b) = parents(f);
    let (pere, mere) = by_sex(a, b);
    let town = if e.lieu_naissance.contains('(') {
        local(d, f).nom.to_string()
    } else {
        e.lieu_naissance.clone()
    };
    let x0 = d.x0;
    d.text(x0, d.y + 10.0, F::SansB, 9.0, "RÉPUBLIQUE FRANÇAISE");
    d.text(x0, d.y + 22.0, F::Sans, 8.0, &format!("Commune : {}", town));
    d.gap(34.0);
    title(d, "EXTRAIT PLURILINGUE D'ACTE DE NAISSANCE", 12.5);
    let s = d.size;
    d.line_al(Al::C, F::Sans, s - 2.0, "Formulaire A — Convention CIEC n° 16 — Auszug aus dem Geburtseintrag — Extract from a birth record");
    d.gap(10.0);
    let rows: Vec<(&str, String)> = vec![
        (
            "1",
            format!(
                "Date et lieu de naissance / Date and place of birth : {} — {}",
                data::d_slash(e.naissance),
                town
            ),
        ),
        ("2", format!("Sexe / Sex : {}", e.sexe_lettre())),
        ("3", format!("Nom / Surname : {}", e.nom)),
        ("4", format!("Prénoms / Forenames : {}", e.prenoms())),
        (
            "5",
            format!(
                "Nom du père / Father's surname : {}",
                pere.as_ref().map(|m| m.nom.clone()).unwrap_or("—".into())
            ),
        ),
        (
            "6",
            format!(
                "Prénoms du père / Father's forenames : {}",
                pere.as_ref().map(|m| m.prenoms()).unwrap_or("—".into())
            ),
        ),
        (
            "7",
            format!(
                "Nom de la mère / Mother's surname : {}",
                mere.as_ref().map(|m| m.nom.clone()).unwrap_or("—".into())
            ),
        ),
        (
            "8",
            format!(
                "Prénoms de la mère / Mother's forenames : {}",
                mere.as_ref().map(|m| m.prenoms()).unwrap_or("—".into())
            ),
        ),
    ];
    let x = d.x0;
    let w = d.x1 - d.x0;
    for (k, v) in &rows {
        let y = d.y;
        d.rect(x, y, w, 20.0, 0.5);
        d.vline(x + 24.0, y, y + 20.0, 0.5);
        d.text(x + 8.0, y + 13.0, F::SansB, 8.0, k);
        let mut sz = 8.5;
        while sz > 6.0 && d.measure(F::Sans, sz, v) > w - 34.0 {
            sz -= 0.5;
        }
        d.text(x + 30.0, y + 13.0, F::Sans, sz, v);
        d.y += 20.0;
    }
    d.gap(10.0);
    let when = ago(d, f, 1, 60);
    d.kv(
        "Date de délivrance / Date of issue :",
        &data::d_slash(when),
        200.0,
    );
    d.kv("Signature, sceau / Signature, seal :", "", 200.0);
    let sx = d.x0 + 220.0;
    let yy = d.y;
    d.signature(sx, yy, 100.0, 30.0);
    d.stamp(sx - 50.0, yy + 15.0, 24.0, &["OFFICIER", "DE L'ÉTAT CIVIL"]);
    d.y = yy + 50.0;
    fine(d, "Symboles : Jour (01 à 31) — Mois (01 à 12) — Année. Sexe : F féminin, M masculin. Cet extrait est délivré en application de la Convention relative à la délivrance d'extraits plurilingues d'actes de l'état civil.");
}

// ---------------------------------------------------------------------------------------------
// Internal notes of the guichets (bailleurs, communes, CCAS)

/// A note for the commission d'attribution (CALEOL) of a bailleur.
fn note_cal(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let bailleur = d.pick(&[
        "Habitat du Val",
        "Logis Familial",
        "Office public de l'habitat",
        "Société Immobilière d'Économie Mixte",
        "Toit et Joie",
        "Néolia",
        "Maisons de la Vallée",
    ]);
    let instructor = outsider(d, None, (1965, 1998));
    let x0 = d.x0;
    let y0 = d.y;
    mark(d, x0, y0, bailleur, "Direction de la gestion locative");
    let x1 = d.x1;
    d.text_al(
        x1,
        y0 + 10.0,
        Al::Rt,
        F::SansB,
        9.0,
        "DOCUMENT INTERNE — NE PAS DIFFUSER",
    );
    d.y = y0 + 50.0;
    title(d, "NOTE D'INSTRUCTION", 14.0);
    let cal = data::add_months(f.today, 1);
    let pairs = vec![
        (
            "À l'attention de :".to_string(),
            "Commission d'attribution des logements (CALEOL)".to_string(),
        ),
        (
            "Séance du :".to_string(),
            data::d_slash(data::ymd(cal.year(), cal.month(), d.int(2, 27) as u32)),
        ),
        (
            "Rédigée par :".to_string(),
            format!("{}, chargé(e) de clientèle", tname(&instructor)),
        ),
        (
            "Dossier :".to_string(),
            format!("{} — {}", rev(p), spaced(&nu(f))),
        ),
    ];
    for (k, v) in &pairs {
        d.kv(k, v, 120.0);
    }
    d.gap(8.0);
    let typ = d.pick(&["T2", "T3", "T3", "T4", "T5"]);
    let loyer = cents(d.real(330.0, 690.0) as f64);
    let ress = cents(f.brut_mensuel * 0.78);
    let members = 1 + f.conjoint.is_some() as usize + f.enfants.len();
    let blocks = vec![
        hb("1. Composition du ménage"),
        pb(format!(
            "{} {}, né(e) le {}, {}{}. Ménage de {} personne(s).",
            p.civilite(),
            full(p),
            data::d_slash(p.naissance),
            f.poste.to_lowercase(),
            f.conjoint.as_ref().map(|c| format!(", avec {}", full(c))).unwrap_or_default(),
            members
        )),
        hb("2. Situation résidentielle actuelle"),
        pb(d.pick(&[
            "Hébergé(e) chez un tiers depuis plusieurs mois ; sur-occupation du logement d'accueil.",
            "Locataire du parc privé ; loyer représentant une part excessive des ressources.",
            "Logement déclaré non décent ; procédure en cours auprès de l'ARS.",
            "Fin de bail notifiée par le propriétaire (congé pour vente).",
        ])),
        hb("3. Ressources et taux d'effort"),
        pb(format!(
            "Ressources mensuelles déclarées : {}. Loyer résiduel estimé après APL pour un {} : {}. Taux d'effort : {} %. Reste à vivre par unité de consommation conforme au seuil retenu par la commission.",
            euros(d, ress),
            typ,
            euros(d, loyer),
            d.int(18, 34)
        )),
        hb("4. Avis du chargé de clientèle"),
        pb(d.pick(&[
            "Avis favorable pour une attribution en rang 1 sur le logement proposé.",
            "Avis favorable sous réserve de la production du dernier avis d'imposition.",
            "Dossier complet. Candidature présentée en rang 2, le candidat en rang 1 étant prioritaire DALO.",
        ])),
    ];
    pour(d, &blocks, &[], 0.0, None, 80.0);
    let sx = d.x0 + 260.0;
    sign(d, sx, &tname(&instructor), "Visa du responsable d'agence");
}

/// A synthesis form of the instruction of a demande (a commune's housing service).
fn note_synthese(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let x0 = d.x0;
    let y0 = d.y;
    let yb = rf_mark(
        d,
        x0,
        y0,
        &[
            &format!("Ville {}", data::de(c.nom)),
            "Service Habitat — Logement",
        ],
    );
    d.y = yb + 6.0;
    dark_band(d, "FICHE DE SYNTHÈSE — INSTRUCTION DE LA DEMANDE");
    let rows = vec![
        ("Demandeur".to_string(), rev(p)),
        ("N° unique".to_string(), spaced(&nu(f))),
        ("Date de dépôt".to_string(), data::d_slash(f.date_depot)),
        (
            "Ancienneté".to_string(),
            format!("{} mois", ((f.today - f.date_depot).num_days() / 30).max(1)),
        ),
        (
            "Composition".to_string(),
            format!(
                "{} adulte(s), {} enfant(s)",
                1 + f.conjoint.is_some() as usize,
                f.enfants.len()
            ),
        ),
        ("Employeur".to_string(), f.employeur.nom.clone()),
        (
            "Typologie souhaitée".to_string(),
            d.pick(&["T2", "T3", "T4"]).to_string(),
        ),
        (
            "Secteurs".to_string(),
            format!("{}, communes limitrophes", c.nom),
        ),
    ];
    two_cols(d, &rows);
    d.gap(6.0);
    light_band(d, "Critères de priorité (art. L. 441-1 CCH)");
    let crits = [
        "Personne en situation de handicap",
        "Personne sortant d'un appartement de coordination thérapeutique",
        "Personne mal logée ou défavorisée",
        "Personne hébergée ou logée temporairement",
        "Personne reprenant une activité après une période de chômage de longue durée",
        "Personne exposée à des situations d'habitat indigne",
        "Personne victime de violences au sein du couple",
        "Personne menacée d'expulsion sans relogement",
    ];
    let s = d.size - 1.0;
    for cr in crits {
        let base = d.y + s;
        let x = d.x0;
        let on = d.chance(0.2);
        d.checkbox(x, base, s, on);
        d.text(x + 14.0, base, F::Sans, s, cr);
        d.y += s * 1.5;
    }
    d.gap(8.0);
    light_band(d, "Observations de l'instructeur");
    let obs = d.pick(&[
        "Pièces justificatives vérifiées. Ressources stables. Demande à présenter prioritairement sur le contingent communal.",
        "Situation suivie par le CCAS. Dossier à revoir après réception de la notification CAF actualisée.",
        "Le ménage a refusé une proposition en raison de l'éloignement du lieu de travail ; refus jugé motivé.",
    ]);
    d.para(obs);
    for _ in 0..3 {
        let (a, b, y) = (d.x0, d.x1, d.y + 14.0);
        d.hline(a, b, y, 0.3);
        d.y += 16.0;
    }
    d.gap(16.0);
    let agent = outsider(d, None, (1965, 1998));
    let sx = d.x0;
    sign(
        d,
        sx,
        &tname(&agent),
        &format!("Instruit le {}", data::d_slash(ago(d, f, 0, 15))),
    );
}

/// A social worker's report attached to the file (CCAS), handwritten-looking conclusion.
fn note_rapport_social(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let c = local(d, f);
    let ts = outsider(d, Some(Sexe::F), (1968, 1998));
    let x0 = d.x0;
    let y0 = d.y;
    mark(
        d,
        x0,
        y0,
        &format!("CCAS {}", data::de(c.nom)),
        "Centre communal d'action sociale — Pôle accompagnement",
    );
    d.y = y0 + 48.0;
    let x1 = d.x1;
    d.text_al(x1, d.y, Al::Rt, F::SansB, 8.0, "CONFIDENTIEL");
    d.gap(10.0);
    title(d, "Rapport social — note interne", 13.0);
    d.kv("Objet :", "Appui à la demande de logement social", 80.0);
    d.kv(
        "Concerne :",
        &format!("{} ({})", full(p), spaced(&nu(f))),
        80.0,
    );
    d.kv(
        "Référente :",
        &format!("{}, assistante sociale", tname(&ts)),
        80.0,
    );
    d.gap(8.0);
    let blocks = vec![
        hb("Situation familiale"),
        pb(format!(
            "{} vit {} dans un logement devenu inadapté. {}",
            full(p),
            match f.enfants.len() {
                0 => "seul(e)".to_string(),
                1 => "avec son enfant".to_string(),
                n => format!("avec ses {n} enfants"),
            },
            d.pick(&[
                "La famille occupe une seule pièce ; les enfants dorment dans le séjour.",
                "Le logement est situé au quatrième étage sans ascenseur, ce qui pose difficulté.",
                "La famille a été séparée entre deux hébergements depuis la fin du bail.",
            ])
        )),
        hb("Situation budgétaire"),
        pb(format!(
            "Ressources mensuelles d'environ {} ; charges fixes importantes. Un plan d'apurement a été mis en place avec le fournisseur d'énergie.",
            euros(d, cents(f.brut_mensuel * 0.8))
        )),
        hb("Évaluation"),
        pb("Le ménage est autonome dans ses démarches, paie régulièrement ses charges courantes et est en capacité d'occuper un logement ordinaire sans accompagnement renforcé."),
        hb("Préconisation"),
        pb(d.pick(&[
            "Nous sollicitons un examen prioritaire de la demande au titre du contingent préfectoral.",
            "Un logement de type T3 en rez-de-chaussée ou avec ascenseur serait adapté.",
            "Nous proposons une présentation en commission dès la prochaine vacance sur le secteur.",
        ])),
    ];
    pour(d, &blocks, &[], 0.0, None, 80.0);
    let sx = d.x0 + 240.0;
    sign(
        d,
        sx,
        &tname(&ts),
        &format!("Fait le {}", data::d_slash(ago(d, f, 0, 20))),
    );
}
