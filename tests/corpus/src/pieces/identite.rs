//! Identity and civil-status documents: CNI/passport (CID, CIDC), titre de séjour (TSJ, TSJC),
//! carte d'étudiant (CETU), carte mobilité inclusion (CMI), livret de famille (LIVF), acte de
//! naissance (ACNE).

use chrono::Datelike;

use super::{date_in, full_name, lieu_date, org_header, sign_block, title};
use crate::cover::marianne;
use crate::data::{
    self, add_months, d_dots, d_long, d_slash, mrz_check, mrz_fr1988_composite, mrz_name,
    mrz_td1_composite, mrz_td3_composite, pad, yymmdd, Foyer, Person, Sexe, NATS,
};
use crate::doc::{Al, Doc, PW};
use crate::raster::F;

/// Card-local coordinates (points at scale 1) mapped onto the page.
#[derive(Clone, Copy)]
struct Card {
    x: f32,
    y: f32,
    s: f32,
    w: f32,
    h: f32,
}

impl Card {
    fn t(&self, d: &mut Doc, x: f32, y: f32, f: F, size: f32, s: &str) {
        d.text(
            self.x + x * self.s,
            self.y + y * self.s,
            f,
            size * self.s,
            s,
        );
    }
    fn frame(&self, d: &mut Doc, fill: u8) {
        let (x, y, w, h) = (self.x, self.y, self.w * self.s, self.h * self.s);
        d.tint(x, y, w, h, fill);
        // faint guilloché lines
        let v = fill.saturating_sub(18);
        for i in 0..5 {
            let yy = y + h * (0.2 + i as f32 * 0.15);
            let pts: Vec<(f32, f32)> = (0..=40)
                .map(|k| {
                    let t = k as f32 / 40.0;
                    (x + w * t, yy + (t * 18.0 + i as f32).sin() * 4.0 * self.s)
                })
                .collect();
            d.stroke(&pts, 0.4, v);
        }
        d.rect(x, y, w, h, 0.6);
    }
    fn photo(&self, d: &mut Doc, x: f32, y: f32, w: f32, h: f32) {
        d.photo(
            self.x + x * self.s,
            self.y + y * self.s,
            w * self.s,
            h * self.s,
        );
    }
    fn mrz(&self, d: &mut Doc, y: f32, lines: &[String], size: f32) {
        for (i, l) in lines.iter().enumerate() {
            d.text(
                self.x + 8.0 * self.s,
                self.y + (y + i as f32 * size * 1.25) * self.s,
                F::Mono,
                size * self.s,
                l,
            );
        }
    }
}

fn place_card(d: &mut Doc, w: f32, h: f32, y: f32) -> Card {
    let s = d.real(1.0, 1.55);
    let maxx = (PW - w * s - 30.0).max(d.x0);
    let x = d.real(d.x0.min(maxx - 1.0), maxx);
    Card { x, y, s, w, h }
}

fn expiry(
    d: &mut Doc,
    f_today: chrono::NaiveDate,
    years: i32,
) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let issued = date_in(
        d,
        add_months(f_today, -12 * years + 3),
        add_months(f_today, -1),
    );
    (issued, add_months(issued, 12 * years))
}

fn photocopy_header(d: &mut Doc) {
    if d.chance(0.25) {
        let t = d.pick(&[
            "Copie",
            "COPIE CERTIFIÉE CONFORME",
            "Recto / verso",
            "Pièce d'identité",
        ]);
        let (x0, top) = (d.x0, d.top);
        let font = d.font;
        d.text(x0, top + 10.0, font, 9.0, t);
    }
}

/// CNI (old or new) or passport.
pub(super) fn cid(d: &mut Doc, p: &Person) {
    let today = data::ymd(2025, d.int(1, 9) as u32, d.int(1, 28) as u32);
    let variant = if p.nat.is_some() { 2 } else { d.int(0, 2) };
    photocopy_header(d);
    let y0 = d.top + d.real(20.0, 90.0);
    match variant {
        0 => {
            // old CNI: recto and verso stacked
            let c = place_card(d, 242.6, 153.0, y0);
            c.frame(d, 238);
            c.t(d, 70.0, 14.0, F::SansB, 8.0, "RÉPUBLIQUE FRANÇAISE");
            let numero = d.digits(12);
            c.t(
                d,
                70.0,
                26.0,
                F::Sans,
                6.5,
                &format!("CARTE NATIONALE D'IDENTITÉ N° : {numero}"),
            );
            c.t(d, 70.0, 36.0, F::Sans, 6.5, "Nationalité Française");
            c.photo(d, 8.0, 20.0, 55.0, 70.0);
            c.t(d, 70.0, 50.0, F::Sans, 7.0, "Nom :");
            c.t(d, 95.0, 50.0, F::SansB, 8.0, &p.nom);
            c.t(d, 70.0, 62.0, F::Sans, 7.0, "Prénom(s) :");
            c.t(d, 112.0, 62.0, F::SansB, 7.5, &p.prenoms());
            c.t(
                d,
                70.0,
                74.0,
                F::Sans,
                7.0,
                &format!(
                    "Sexe : {}    Né(e) le : {}",
                    p.sexe_lettre(),
                    d_dots(p.naissance)
                ),
            );
            c.t(
                d,
                70.0,
                86.0,
                F::Sans,
                7.0,
                &format!("à : {}", p.lieu_naissance),
            );
            let taille = format!("Taille : 1,{:02} m", d.int(52, 92));
            c.t(d, 70.0, 98.0, F::Sans, 7.0, &taille);
            c.t(d, 160.0, 98.0, F::Sans, 6.0, "Signature du titulaire :");
            d.signature(c.x + 170.0 * c.s, c.y + 100.0 * c.s, 50.0 * c.s, 14.0 * c.s);
            let nom = mrz_name(&p.nom);
            let l1 = format!("IDFRA{}{}{}", pad(&nom, 25), d.digits(3), d.digits(3));
            let core = format!("{}{}", &numero, mrz_check(&numero));
            let pre = mrz_name(&p.prenoms().replace(", ", "<<"));
            let birth = yymmdd(p.naissance);
            let l2 = format!(
                "{}{}{}{}{}",
                core,
                pad(&pre, 14),
                birth,
                mrz_check(&birth),
                p.sexe_lettre()
            );
            let l2 = pad(&l2, 35);
            let l2 = format!("{}{}", l2, mrz_fr1988_composite(&l1, &l2));
            c.mrz(d, 125.0, &[l1, l2], 7.0);
            // verso
            let y2 = c.y + 153.0 * c.s + d.real(20.0, 60.0);
            let v = Card { y: y2, ..c };
            v.frame(d, 240);
            let (issued, exp) = expiry(d, today, 15);
            let adr = d.chance(0.7);
            v.t(d, 10.0, 20.0, F::Sans, 7.0, "Adresse :");
            if adr {
                v.t(d, 50.0, 20.0, F::Sans, 7.0, d.pick(data::VOIES));
            }
            v.t(
                d,
                10.0,
                45.0,
                F::Sans,
                7.0,
                &format!("Carte valable jusqu'au : {}", d_dots(exp)),
            );
            v.t(
                d,
                10.0,
                57.0,
                F::Sans,
                7.0,
                &format!("délivrée le : {}", d_dots(issued)),
            );
            let dep = d.pick(data::COMMUNES).dep_nom;
            v.t(
                d,
                10.0,
                69.0,
                F::Sans,
                7.0,
                &format!("par : PRÉFECTURE {}", data::dep_de(dep).to_uppercase()),
            );
            v.t(d, 10.0, 90.0, F::Sans, 6.5, "Signature de l'autorité :");
            d.signature(v.x + 100.0 * v.s, v.y + 85.0 * v.s, 60.0 * v.s, 20.0 * v.s);
        }
        1 => {
            // new CNIe (ID-1 card)
            let c = place_card(d, 242.6, 153.0, y0);
            c.frame(d, 232);
            c.t(d, 10.0, 13.0, F::SansB, 6.0, "RÉPUBLIQUE FRANÇAISE");
            c.t(d, 104.0, 13.0, F::SansB, 6.5, "CARTE NATIONALE D'IDENTITÉ");
            c.t(d, 104.0, 21.0, F::Sans, 5.0, "IDENTITY CARD");
            c.photo(d, 8.0, 30.0, 62.0, 80.0);
            let num = format!("{}{}", d.upper(1), d.digits(1)) + &d.upper(2) + &d.digits(5);
            let rows: [(&str, String, f32); 6] = [
                ("NOM / Surname", p.nom.clone(), 36.0),
                ("Prénoms / Given names", p.prenoms(), 54.0),
                (
                    "SEXE / Sex      NATIONALITÉ / Nationality",
                    format!("{}          FRA", p.sexe_lettre()),
                    72.0,
                ),
                (
                    "DATE DE NAISS. / Date of birth",
                    p.naissance.format("%d %m %Y").to_string(),
                    90.0,
                ),
                (
                    "LIEU DE NAISSANCE / Place of birth",
                    p.lieu_naissance.clone(),
                    108.0,
                ),
                ("N° DU DOCUMENT / Document No", num.clone(), 126.0),
            ];
            for (label, value, y) in rows.iter() {
                c.t(d, 78.0, *y, F::Sans, 5.0, label);
                c.t(d, 78.0, *y + 8.5, F::SansB, 7.5, value);
            }
            let (_, exp) = expiry(d, today, 10);
            c.t(d, 170.0, 126.0, F::Sans, 5.0, "DATE D'EXPIR. / Expiry date");
            c.t(
                d,
                170.0,
                134.5,
                F::SansB,
                7.0,
                &exp.format("%d %m %Y").to_string(),
            );
            // verso with the MRZ
            let y2 = c.y + 153.0 * c.s + d.real(15.0, 50.0);
            let v = Card { y: y2, ..c };
            v.frame(d, 236);
            v.t(d, 10.0, 20.0, F::Sans, 5.5, "ADRESSE / Address");
            if d.chance(0.8) {
                let a = d.address(None);
                v.t(d, 10.0, 29.0, F::SansB, 6.5, &a.ligne.to_uppercase());
                v.t(d, 10.0, 38.0, F::SansB, 6.5, &a.ville_ligne());
            }
            let l1 = pad(&format!("IDFRA{}{}", num, mrz_check(&num)), 30);
            let birth = yymmdd(p.naissance);
            let e = yymmdd(exp);
            let l2 = pad(
                &format!(
                    "{}{}{}{}{}FRA",
                    birth,
                    mrz_check(&birth),
                    p.sexe_lettre(),
                    e,
                    mrz_check(&e)
                ),
                29,
            );
            let l2 = format!("{}{}", l2, mrz_td1_composite(&l1, &l2));
            let l3 = pad(
                &format!(
                    "{}<<{}",
                    mrz_name(&p.nom),
                    mrz_name(&p.prenoms().replace(", ", "<"))
                ),
                30,
            );
            v.mrz(d, 100.0, &[l1, l2, l3], 8.0);
        }
        _ => {
            // passport data page
            let c = place_card(d, 354.0, 250.0, y0);
            c.frame(d, 236);
            let (pays, nat, iso) = match p.nat {
                Some(i) => (
                    NATS[i].pays.to_uppercase(),
                    NATS[i].adj_f.to_string(),
                    NATS[i].iso,
                ),
                None => (
                    "RÉPUBLIQUE FRANÇAISE".to_string(),
                    "Française".to_string(),
                    "FRA",
                ),
            };
            c.t(d, 12.0, 18.0, F::SansB, 9.0, &pays);
            c.t(d, 210.0, 18.0, F::SansB, 9.0, "PASSEPORT / PASSPORT");
            c.photo(d, 12.0, 40.0, 90.0, 115.0);
            let num = format!("{}{}{}", d.digits(2), d.upper(2), d.digits(5));
            let (issued, exp) = expiry(d, today, 10);
            let fields: Vec<(&str, String)> = vec![
                ("Type / Type", "P".into()),
                ("Code du pays / Country code", iso.into()),
                ("Passeport n° / Passport No.", num.clone()),
                ("Nom / Surname", p.nom.clone()),
                ("Prénoms / Given names", p.prenoms()),
                ("Nationalité / Nationality", nat),
                ("Date de naissance / Date of birth", d_dots(p.naissance)),
                (
                    "Lieu de naissance / Place of birth",
                    p.lieu_naissance.clone(),
                ),
                ("Sexe / Sex", p.sexe_lettre().into()),
                ("Date de délivrance / Date of issue", d_dots(issued)),
                ("Date d'expiration / Date of expiry", d_dots(exp)),
            ];
            let mut y = 42.0;
            for (i, (k, v)) in fields.iter().enumerate() {
                let x = if i < 3 {
                    110.0 + i as f32 * 80.0
                } else {
                    110.0
                };
                if i < 3 {
                    c.t(d, x, 40.0, F::Sans, 5.0, k);
                    c.t(d, x, 49.0, F::SansB, 7.5, v);
                    continue;
                }
                y += 17.0;
                c.t(d, x, y, F::Sans, 5.0, k);
                c.t(d, x, y + 8.5, F::SansB, 7.5, v);
            }
            let l1 = pad(
                &format!(
                    "P<{}{}<<{}",
                    iso,
                    mrz_name(&p.nom),
                    mrz_name(&p.prenoms().replace(", ", "<"))
                ),
                44,
            );
            let birth = yymmdd(p.naissance);
            let e = yymmdd(exp);
            let l2 = format!(
                "{}{}{}{}{}{}{}{}",
                pad(&num, 9),
                mrz_check(&num),
                iso,
                birth,
                mrz_check(&birth),
                p.sexe_lettre(),
                e,
                mrz_check(&e)
            );
            let l2 = pad(&l2, 43);
            let l2 = format!("{}{}", l2, mrz_td3_composite(&l2));
            c.mrz(d, 222.0, &[l1, l2], 8.5);
        }
    }
}

/// Titre de séjour card, carte de résident or récépissé.
pub(super) fn tsj(d: &mut Doc, p: &Person, f: &Foyer) {
    let today = f.today;
    let nat = p.nat.unwrap_or(0);
    let n = &NATS[nat];
    let variant = d.int(0, 2);
    photocopy_header(d);
    let y0 = d.top + d.real(20.0, 90.0);
    let categorie = d.pick(&[
        "VIE PRIVÉE ET FAMILIALE",
        "SALARIÉ",
        "TRAVAILLEUR TEMPORAIRE",
        "MEMBRE DE FAMILLE D'UN CITOYEN UE",
        "RÉSIDENT",
        "RÉSIDENT DE LONGUE DURÉE-UE",
        "ÉTUDIANT",
        "RÉFUGIÉ",
    ]);
    match variant {
        0 | 1 => {
            let c = place_card(d, 242.6, 153.0, y0);
            c.frame(d, if variant == 0 { 230 } else { 238 });
            c.t(d, 10.0, 13.0, F::SansB, 7.0, "RÉPUBLIQUE FRANÇAISE");
            let (t1, t2) = if variant == 0 {
                ("TITRE DE SÉJOUR", "RESIDENCE PERMIT")
            } else {
                ("CARTE DE RÉSIDENT", "RÉSIDENT PERMIS DE SÉJOUR")
            };
            c.t(d, 120.0, 13.0, F::SansB, 8.0, t1);
            c.t(d, 120.0, 21.0, F::Sans, 5.5, t2);
            c.photo(d, 8.0, 28.0, 60.0, 78.0);
            let num = d.digits(10);
            let years = if variant == 0 { d.int(1, 4) as i32 } else { 10 };
            let (_, exp) = expiry(d, today, years);
            let kind = if variant == 0 {
                d.pick(&[
                    "CARTE DE SÉJOUR TEMPORAIRE",
                    "CARTE DE SÉJOUR PLURIANNUELLE",
                ])
            } else {
                "CARTE DE RÉSIDENT"
            };
            let rows: Vec<(&str, String)> = vec![
                ("NOM / Surname", p.nom.clone()),
                ("PRÉNOMS / Given names", p.prenoms()),
                (
                    "SEXE / NATIONALITÉ",
                    format!("{}   {}", p.sexe_lettre(), n.iso),
                ),
                ("DATE DE NAISSANCE", d_dots(p.naissance)),
                ("TYPE DE TITRE", kind.to_string()),
                ("REMARQUES", categorie.to_string()),
                ("VALABLE JUSQU'AU / Valid until", d_dots(exp)),
            ];
            let mut y = 30.0;
            for (k, v) in rows {
                c.t(d, 76.0, y, F::Sans, 4.8, k);
                c.t(d, 76.0, y + 8.0, F::SansB, 6.8, &v);
                y += 17.0;
            }
            c.t(d, 8.0, 118.0, F::Sans, 5.0, &format!("N° {num}"));
            let y2 = c.y + 153.0 * c.s + d.real(15.0, 50.0);
            let v = Card { y: y2, ..c };
            v.frame(d, 236);
            v.t(
                d,
                10.0,
                16.0,
                F::Sans,
                5.5,
                "LIEU DE NAISSANCE / Place of birth",
            );
            v.t(
                d,
                10.0,
                25.0,
                F::SansB,
                6.8,
                &p.lieu_naissance.to_uppercase(),
            );
            v.t(d, 10.0, 38.0, F::Sans, 5.5, "ADRESSE / Address");
            v.t(
                d,
                10.0,
                47.0,
                F::SansB,
                6.5,
                &f.adresse.ligne.to_uppercase(),
            );
            v.t(d, 10.0, 56.0, F::SansB, 6.5, &f.adresse.ville_ligne());
            let mention = d.pick(&[
                "AUTORISE SON TITULAIRE À TRAVAILLER",
                "AUTORISE SON TITULAIRE À TRAVAILLER EN FRANCE MÉTROPOLITAINE",
                "DUPLICATA",
            ]);
            v.t(d, 10.0, 70.0, F::Sans, 5.5, mention);
            // a ten-digit number overflows the nine-character field: its first nine, `<` in
            // place of the check digit, the rest and the check digit in the optional data
            let l1 = pad(
                &format!("IRFRA{}<{}{}", &num[..9], &num[9..], mrz_check(&num)),
                30,
            );
            let birth = yymmdd(p.naissance);
            let e = yymmdd(exp);
            let l2 = pad(
                &format!(
                    "{}{}{}{}{}{}",
                    birth,
                    mrz_check(&birth),
                    p.sexe_lettre(),
                    e,
                    mrz_check(&e),
                    n.iso
                ),
                29,
            );
            let l2 = format!("{}{}", l2, mrz_td1_composite(&l1, &l2));
            let l3 = pad(
                &format!("{}<<{}", mrz_name(&p.nom), mrz_name(&p.prenom)),
                30,
            );
            v.mrz(d, 100.0, &[l1, l2, l3], 8.0);
        }
        _ => {
            // récépissé (A4 paper)
            let c = f.adresse.commune;
            let pref = format!("PRÉFECTURE {}", data::dep_de(c.dep_nom).to_uppercase());
            let (x0, top) = (d.x0, d.top);
            let yy = marianne(
                d,
                x0,
                top,
                &[
                    &pref,
                    "Direction des migrations et de l'intégration",
                    "Bureau du séjour",
                ],
            );
            d.y = yy + 10.0;
            let t = d.pick(&[
                "RÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR",
                "RÉCÉPISSÉ DE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
                "Récépissé de demande de titre de séjour",
            ]);
            title(d, t);
            let num = format!("{}{}", c.dep.trim_start_matches('0'), d.digits(8));
            d.kv("Récépissé n° :", &num, 150.0);
            let photo_x = d.x1 - 90.0;
            let py = d.y;
            d.photo(photo_x, py, 80.0, 100.0);
            let rows = vec![
                ("Nom :", p.nom.clone()),
                ("Prénom(s) :", p.prenoms()),
                ("Date de naissance :", d_slash(p.naissance)),
                ("Lieu de naissance :", p.lieu_naissance.clone()),
                ("Nationalité :", p.nationalite().to_string()),
                ("Adresse :", f.adresse.one_line()),
                ("Motif du séjour :", data::titlecase(categorie)),
            ];
            for (k, v) in rows {
                d.kv(k, &v, 150.0);
            }
            let from = date_in(d, add_months(today, -5), add_months(today, -1));
            let to = add_months(from, d.int(3, 6) as i32);
            d.gap(8.0);
            d.para(&format!(
                "Le présent récépissé est valable du {} au {}.",
                d_slash(from),
                d_slash(to)
            ));
            if d.chance(0.7) {
                d.para("Il autorise son titulaire à travailler.");
            } else {
                d.para("Il n'autorise pas son titulaire à travailler.");
            }
            d.para("Ce récépissé, qui n'est pas un titre de séjour, atteste de l'enregistrement de la demande. Il doit être présenté avec le passeport ou le document de voyage de l'intéressé.");
            lieu_date(d, c.prefecture, from);
            sign_block(d, "", "Pour le préfet et par délégation,");
        }
    }
}

/// Carte d'étudiant or certificat de scolarité.
pub(super) fn cetu(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let ville = f.adresse.commune.nom;
    let year = f.today.year();
    let (y1, y2) = if f.today.month() >= 9 {
        (year, year + 1)
    } else {
        (year - 1, year)
    };
    let etab = match d.int(0, 4) {
        0 => format!("Université {}", data::de(ville)),
        1 => format!("IUT {}", data::de(ville)),
        2 => format!(
            "Lycée {} - Section de technicien supérieur",
            d.pick(&[
                "Jean Jaurès",
                "Marie Curie",
                "Louis Pasteur",
                "Gustave Eiffel",
                "Jacques Prévert"
            ])
        ),
        3 => format!(
            "Institut de formation en soins infirmiers {}",
            data::de(ville)
        ),
        _ => format!(
            "Université {} {}",
            d.pick(&[
                "Paris-Est",
                "Côte d'Azur",
                "Sorbonne",
                "Grenoble Alpes",
                "de Lorraine"
            ]),
            ""
        ),
    };
    let num = d.digits(8);
    let ine = format!("{}{}", d.digits(9), d.upper(2));
    let variant = d.int(0, 2);
    if variant < 2 {
        photocopy_header(d);
        let y0 = d.top + d.real(20.0, 120.0);
        let c = place_card(d, 242.6, 153.0, y0);
        c.frame(d, if variant == 0 { 236 } else { 226 });
        c.t(d, 10.0, 16.0, F::SansB, 8.0, etab.trim());
        let t = if variant == 0 {
            "CARTE D'ÉTUDIANT"
        } else {
            "Carte d'étudiant·e - Student card"
        };
        c.t(d, 10.0, 28.0, F::SansB, 7.5, t);
        c.photo(d, 10.0, 38.0, 55.0, 70.0);
        c.t(d, 75.0, 48.0, F::SansB, 8.0, &p.nom);
        c.t(d, 75.0, 60.0, F::Sans, 7.5, &p.prenom);
        c.t(
            d,
            75.0,
            74.0,
            F::Sans,
            6.5,
            &format!("Né(e) le {}", d_slash(p.naissance)),
        );
        c.t(d, 75.0, 86.0, F::Sans, 6.5, &format!("N° étudiant : {num}"));
        c.t(d, 75.0, 98.0, F::Sans, 6.5, &format!("INE : {ine}"));
        c.t(
            d,
            75.0,
            112.0,
            F::SansB,
            7.0,
            &format!("Année universitaire {y1}-{y2}"),
        );
        // barcode
        let mut x = 150.0;
        let bars: Vec<(f32, f32)> = (0..40)
            .map(|_| (d.real(0.5, 2.2), d.real(0.5, 2.0)))
            .collect();
        for (bw, gap) in bars {
            d.fill(c.x + x * c.s, c.y + 125.0 * c.s, bw * c.s, 18.0 * c.s, 30);
            x += bw + gap;
            if x > 235.0 {
                break;
            }
        }
        c.t(
            d,
            10.0,
            140.0,
            F::Sans,
            5.5,
            "Cette carte est strictement personnelle.",
        );
    } else {
        org_header(
            d,
            &etab,
            &[
                format!("Service de la scolarité - {}", ville),
                format!("Tél. {}", super::phone(d)),
            ],
        );
        title(
            d,
            d.pick(&[
                "CERTIFICAT DE SCOLARITÉ",
                "Attestation d'inscription",
                "CERTIFICAT D'INSCRIPTION",
            ]),
        );
        d.para(&format!(
            "Le responsable de la scolarité certifie que {} {} {}, {} le {} à {}, est régulièrement inscrit(e) pour l'année universitaire {}-{} en :",
            p.civilite(), p.prenom, p.nom, p.ne(), d_slash(p.naissance), p.lieu_naissance, y1, y2
        ));
        let formation = d.pick(&[
            "Licence 2 Sciences économiques et de gestion",
            "BTS Management commercial opérationnel - 1re année",
            "Master 1 Droit social",
            "DUT/BUT Génie électrique et informatique industrielle",
            "Diplôme d'État d'infirmier - 2e année",
            "Licence professionnelle Métiers de l'immobilier",
        ]);
        let b = d.bold;
        let (x0, size) = (d.x0 + 30.0, d.size);
        d.line_at(x0, b, size, formation);
        d.gap(6.0);
        d.kv("N° étudiant :", &num, 150.0);
        d.kv("INE :", &ine, 150.0);
        d.kv(
            "Régime :",
            d.pick(&["Formation initiale", "Formation continue", "Apprentissage"]),
            150.0,
        );
        d.gap(10.0);
        d.para("Le présent certificat est délivré pour servir et valoir ce que de droit.");
        lieu_date(d, ville, f.today);
        sign_block(d, "", "Le responsable du service de la scolarité");
    }
}

/// Carte mobilité inclusion or the older carte d'invalidité.
pub(super) fn cmi(d: &mut Doc, f: &Foyer) {
    let p = if f.conjoint.is_some() && d.chance(0.25) {
        f.conjoint.as_ref().unwrap_or(&f.demandeur)
    } else {
        &f.demandeur
    };
    d.subject = Some(p.clone());
    let variant = d.int(0, 2);
    photocopy_header(d);
    let y0 = d.top + d.real(20.0, 110.0);
    let c = place_card(d, 242.6, 153.0, y0);
    c.frame(d, 232);
    let dep = f.adresse.commune.dep_nom;
    let (issued, exp) = expiry(d, f.today, d.int(5, 10) as i32);
    match variant {
        0 | 1 => {
            c.t(d, 10.0, 14.0, F::SansB, 7.0, "RÉPUBLIQUE FRANÇAISE");
            c.t(d, 10.0, 28.0, F::SansB, 9.5, "CARTE MOBILITÉ INCLUSION");
            let mention = if variant == 0 {
                "INVALIDITÉ"
            } else {
                "PRIORITÉ"
            };
            c.t(d, 10.0, 44.0, F::SansB, 11.0, mention);
            if variant == 0 && d.chance(0.6) {
                c.t(
                    d,
                    10.0,
                    56.0,
                    F::Sans,
                    6.5,
                    d.pick(&[
                        "BESOIN D'ACCOMPAGNEMENT",
                        "CÉCITÉ",
                        "BESOIN D'ACCOMPAGNEMENT - CÉCITÉ",
                    ]),
                );
            }
            c.photo(d, 170.0, 34.0, 60.0, 75.0);
            c.t(d, 10.0, 72.0, F::SansB, 8.0, &p.nom);
            c.t(d, 10.0, 84.0, F::Sans, 7.5, &p.prenom);
            c.t(
                d,
                10.0,
                98.0,
                F::Sans,
                6.5,
                &format!("Né(e) le {}", d_slash(p.naissance)),
            );
            let perm = d.chance(0.3);
            let val = if perm {
                "Valable à titre définitif".to_string()
            } else {
                format!("Valable jusqu'au {}", d_slash(exp))
            };
            c.t(d, 10.0, 112.0, F::Sans, 6.5, &val);
            c.t(
                d,
                10.0,
                126.0,
                F::Sans,
                6.0,
                &format!("Délivrée le {} - N° {}", d_slash(issued), d.digits(11)),
            );
            c.t(
                d,
                10.0,
                142.0,
                F::Sans,
                5.5,
                "Article L. 241-3 du code de l'action sociale et des familles",
            );
        }
        _ => {
            c.t(
                d,
                10.0,
                14.0,
                F::SansB,
                7.0,
                &format!("MDPH {}", data::dep_de(dep).to_uppercase()),
            );
            c.t(d, 10.0, 30.0, F::SerifB, 11.0, "CARTE D'INVALIDITÉ");
            c.t(
                d,
                10.0,
                44.0,
                F::Sans,
                7.0,
                &format!(
                    "Taux d'incapacité : {}",
                    d.pick(&["au moins égal à 80 %", "80 %", "85 %", "90 %"])
                ),
            );
            c.photo(d, 170.0, 20.0, 60.0, 75.0);
            c.t(d, 10.0, 62.0, F::Sans, 7.0, &format!("Nom : {}", p.nom));
            c.t(
                d,
                10.0,
                74.0,
                F::Sans,
                7.0,
                &format!("Prénom : {}", p.prenom),
            );
            c.t(
                d,
                10.0,
                86.0,
                F::Sans,
                7.0,
                &format!("Né(e) le : {}", d_slash(p.naissance)),
            );
            c.t(
                d,
                10.0,
                100.0,
                F::Sans,
                7.0,
                &format!("Valable du {} au {}", d_slash(issued), d_slash(exp)),
            );
            if d.chance(0.5) {
                c.t(d, 10.0, 114.0, F::SansB, 7.0, "STATION DEBOUT PÉNIBLE");
            }
            c.t(d, 10.0, 132.0, F::Sans, 6.0, "Le président de la CDAPH");
        }
    }
}

/// Livret de famille (one or two pages).
pub(super) fn livf(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let other = f.conjoint.clone().unwrap_or_else(|| {
        let sexe = if p.sexe == Sexe::F { Sexe::M } else { Sexe::F };
        d.person(None, Some(sexe), (1965, 1998))
    });
    let (mari, femme) = if p.sexe == Sexe::M {
        (p, &other)
    } else {
        (&other, p)
    };
    let c = f.adresse.commune;
    let variant = d.int(0, 2);
    let marie = variant != 1;
    let mariage = date_in(d, data::ymd(2000, 1, 1), data::ymd(2022, 12, 31));
    let officier = super::doctor(d);
    super::maybe_footer(d, 0.4, None);
    let (x0, x1) = (d.x0, d.x1);
    let (left_w, two_cols) = if variant == 2 {
        ((x1 - x0) / 2.0 - 10.0, true)
    } else {
        (x1 - x0, false)
    };
    if two_cols {
        d.rect(x0 - 6.0, d.top - 6.0, left_w + 6.0, 560.0, 0.6);
        d.rect(x0 + left_w + 14.0, d.top - 6.0, left_w + 6.0, 560.0, 0.6);
        d.x1 = x0 + left_w - 8.0;
    }
    let b = d.bold;
    d.line_al(Al::C, F::SerifB, 15.0, "LIVRET DE FAMILLE");
    d.line_al(Al::C, d.font, 9.0, &format!("Commune {}", data::de(c.nom)));
    d.gap(10.0);
    if marie {
        d.line_al(Al::L, b, 11.0, "EXTRAIT DE L'ACTE DE MARIAGE");
        d.gap(4.0);
        d.para(&format!(
            "Le {} a été célébré à la mairie {} le mariage de :",
            d_long(mariage),
            data::de(c.nom)
        ));
    } else {
        d.line_al(Al::L, b, 11.0, "PARENTS");
        d.gap(4.0);
    }
    for (role, q) in [
        (if marie { "Époux" } else { "Père" }, mari),
        (if marie { "Épouse" } else { "Mère" }, femme),
    ] {
        d.line_b(role);
        d.kv("Nom :", &q.nom, 90.0);
        d.kv("Prénoms :", &q.prenoms(), 90.0);
        d.kv("Né(e) le :", &d_slash(q.naissance), 90.0);
        d.kv("à :", &q.lieu_naissance, 90.0);
        d.gap(4.0);
    }
    if marie {
        d.kv(
            "Contrat de mariage :",
            d.pick(&["sans contrat", "néant", "séparation de biens"]),
            130.0,
        );
        d.para(&format!(
            "Acte n° {} - L'officier de l'état civil, {}",
            d.int(10, 999),
            officier
        ));
    }
    let children_on_next = d.pages > 1;
    if children_on_next {
        d.break_page();
    } else if two_cols {
        d.x0 = x0 + left_w + 20.0;
        d.x1 = x1;
        d.y = d.top;
    }
    d.line_al(Al::L, b, 11.0, "ENFANTS");
    d.gap(4.0);
    let ordinals = [
        "Premier enfant",
        "Deuxième enfant",
        "Troisième enfant",
        "Quatrième enfant",
    ];
    for (i, e) in f.enfants.iter().take(4).enumerate() {
        d.line_b(ordinals[i]);
        d.kv("Prénoms :", &e.prenoms(), 90.0);
        d.kv("Nom :", &e.nom, 90.0);
        d.kv("Né(e) le :", &d_long(e.naissance), 90.0);
        d.kv("à :", c.nom, 90.0);
        let acte = format!(
            "Acte n° {} dressé le {}",
            d.int(100, 2500),
            d_slash(e.naissance + chrono::Duration::days(d.int(1, 4)))
        );
        d.kv("", &acte, 0.0);
        d.gap(6.0);
    }
    if f.enfants.is_empty() {
        d.para("Néant.");
    }
}

/// Acte de naissance of a child.
pub(super) fn acne(d: &mut Doc, f: &Foyer) {
    let p = &f.demandeur;
    let child = match f.enfants.len() {
        0 => d.person(Some(&p.nom), None, (2010, 2024)),
        n => {
            let i = d.int(0, n as i64 - 1) as usize;
            f.enfants[i].clone()
        }
    };
    d.subject = Some(child.clone());
    let (pere, mere) = match (p.sexe, &f.conjoint) {
        (Sexe::M, Some(c)) => (p.clone(), c.clone()),
        (Sexe::F, Some(c)) => (c.clone(), p.clone()),
        (Sexe::M, None) => (p.clone(), d.person(None, Some(Sexe::F), (1975, 2000))),
        (Sexe::F, None) => (d.person(None, Some(Sexe::M), (1970, 2000)), p.clone()),
    };
    let c = f.adresse.commune;
    let variant = d.int(0, 2);
    let num = d.int(12, 3400);
    let heure = format!("{} heures {}", d.int(0, 23), d.int(0, 59));
    match variant {
        0 | 1 => {
            org_header(
                d,
                &format!("MAIRIE {}", data::de(c.nom).to_uppercase()),
                &[
                    "Service de l'état civil".to_string(),
                    format!("{} {}", c.cp, c.nom),
                ],
            );
            let t = if variant == 0 {
                d.pick(&[
                    "EXTRAIT D'ACTE DE NAISSANCE",
                    "Extrait d'acte de naissance avec filiation",
                    "EXTRAIT AVEC FILIATION",
                ])
            } else {
                d.pick(&[
                    "COPIE INTÉGRALE D'ACTE DE NAISSANCE",
                    "Copie intégrale de l'acte de naissance",
                ])
            };
            title(d, t);
            d.kv("Acte n° :", &num.to_string(), 80.0);
            d.gap(4.0);
            d.para(&format!(
                "Le {}, à {}, est {} à {} : {} {}, de sexe {}.",
                d_long(child.naissance),
                heure,
                child.ne(),
                c.nom,
                child.prenoms(),
                child.nom,
                if child.sexe == Sexe::F {
                    "féminin"
                } else {
                    "masculin"
                }
            ));
            d.para(&format!(
                "{} de : {} {}, {} le {} à {}, et de {} {}, {} le {} à {}.",
                if child.sexe == Sexe::F {
                    "Fille"
                } else {
                    "Fils"
                },
                pere.prenoms(),
                pere.nom,
                pere.ne(),
                d_slash(pere.naissance),
                pere.lieu_naissance,
                mere.prenoms(),
                mere.nom,
                mere.ne(),
                d_slash(mere.naissance),
                mere.lieu_naissance
            ));
            if variant == 1 {
                d.para(&format!(
                    "Dressé le {}, sur la déclaration du père, qui, lecture faite et invité à lire l'acte, a signé avec Nous, {}, officier de l'état civil par délégation du maire.",
                    d_long(child.naissance + chrono::Duration::days(2)),
                    super::doctor(d)
                ));
            }
            d.line_b("Mentions marginales :");
            d.para(d.pick(&[
                "Néant.",
                "Néant",
                "Reconnaissance par le père le jour de la naissance.",
            ]));
            d.gap(10.0);
            let ville = c.nom;
            lieu_date(d, ville, f.today);
            sign_block(d, "", "Pour extrait conforme, l'officier de l'état civil");
        }
        _ => {
            let (x0, top) = (d.x0, d.top);
            let yy = marianne(
                d,
                x0,
                top,
                &[
                    "MINISTÈRE DE L'EUROPE ET",
                    "DES AFFAIRES ÉTRANGÈRES",
                    "Service central d'état civil",
                    "44941 NANTES CEDEX 9",
                ],
            );
            d.y = yy + 10.0;
            title(d, "EXTRAIT D'ACTE DE NAISSANCE");
            let ville = d.pick(data::VILLES_NAISSANCE_ETRANGER).0;
            let rows = vec![
                ("Nom :", child.nom.clone()),
                ("Prénoms :", child.prenoms()),
                ("Sexe :", child.sexe_lettre().to_string()),
                ("Date de naissance :", d_long(child.naissance)),
                ("Lieu de naissance :", ville.to_string()),
                ("Père :", format!("{} {}", pere.prenoms(), pere.nom)),
                ("Mère :", format!("{} {}", mere.prenoms(), mere.nom)),
                (
                    "Acte transcrit le :",
                    d_slash(child.naissance + chrono::Duration::days(d.int(30, 400))),
                ),
            ];
            for (k, v) in rows {
                d.kv(k, &v, 140.0);
            }
            d.gap(10.0);
            d.para("Délivré par le service central d'état civil, d'après les registres des actes de l'état civil consulaire.");
            lieu_date(d, "Nantes", f.today);
            let who = full_name(d, &d.person(None, None, (1960, 1990)));
            sign_block(d, &who, "L'officier de l'état civil");
        }
    }
}
