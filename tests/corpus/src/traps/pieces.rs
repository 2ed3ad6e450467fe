//! Pieces that name a third party besides their holder: a host's own letter of attestation
//! d'hébergement (the host's full identity, often the applicant's family name), a lease made
//! out by an agency for a named landlord with a guarantor, a payslip signed for the employer.
//! The holder stays the applicant.

use super::super::data::{self, add_months, d_long, d_slash, eur, Foyer, Person};
use super::super::doc::{Al, Block, Doc, FILL_CONTRACT, PH};
use super::super::pieces::{lieu_date, maybe_footer, render_piece, sign_block, title};
use super::super::raster::F;

/// Draws a piece of `code` that names a third party (the usual renderer for a type this
/// module has no variant of).
pub(super) fn third_party(d: &mut Doc, f: &Foyer, code: &str) {
    match code {
        "HEBERG" => host_letter(d, f),
        "BAIL" => agency_lease(d, f),
        "FPAIE" => signed_payslip(d, f),
        other => render_piece(d, f, other),
    }
}

/// Somebody of the applicant's family or a friend, born between `born`.
fn relative(d: &Doc, f: &Foyer, born: (i32, i32)) -> (Person, &'static str) {
    if d.chance(0.45) {
        let p = d.person(Some(&f.demandeur.nom), None, born);
        let lien = match p.sexe {
            data::Sexe::F => d.pick(&["ma sœur", "ma mère", "ma cousine", "ma tante"]),
            data::Sexe::M => d.pick(&["mon frère", "mon père", "mon cousin", "mon oncle"]),
        };
        (p, lien)
    } else {
        let p = d.person(None, None, born);
        let lien = match p.sexe {
            data::Sexe::F => d.pick(&["une amie", "une connaissance", "ma voisine"]),
            data::Sexe::M => d.pick(&["un ami", "une connaissance", "mon voisin"]),
        };
        (p, lien)
    }
}

/// A letter written by the host: the host's name and address as its sender, the host's birth
/// date and place, the applicant (and children) hosted, the attached proofs in the host's name.
fn host_letter(d: &mut Doc, f: &Foyer) {
    let a = &f.demandeur;
    let (h, lien) = relative(d, f, (1950, 1995));
    let since = {
        let mut r = d.r();
        data::date_between(&mut *r, data::ymd(2016, 1, 1), add_months(f.today, -2))
    };
    let (x0, top) = (d.x0, d.top);
    let font = d.font;
    let hand = d.chance(0.35);
    let body_font = if hand { F::Serif } else { font };
    // sender block: the host
    let mut y = top + 12.0;
    for l in [
        format!("{} {} {}", h.civilite(), h.prenom, h.nom),
        f.adresse.ligne.clone(),
        f.adresse.ville_ligne(),
        format!(
            "Tél. 06 {} {} {} {}",
            d.digits(2),
            d.digits(2),
            d.digits(2),
            d.digits(2)
        ),
    ] {
        d.text(x0, y, body_font, 10.0, &l);
        y += 13.0;
    }
    d.y = y + 24.0;
    lieu_date(d, f.adresse.commune.nom, f.today);
    d.gap(10.0);
    let b = d.bold;
    d.line_al(Al::L, b, 10.5, "Objet : attestation d'hébergement");
    d.gap(6.0);
    let t = d.pick(&[
        "ATTESTATION D'HÉBERGEMENT",
        "Attestation sur l'honneur d'hébergement",
    ]);
    title(d, t);
    let kids = if f.enfants.is_empty() || d.chance(0.4) {
        String::new()
    } else {
        let names: Vec<String> = f
            .enfants
            .iter()
            .map(|e| format!("{} {}", e.prenom, e.nom))
            .collect();
        format!(", ainsi que ses enfants {}", names.join(", "))
    };
    let size = d.size;
    let w = d.x1 - d.x0;
    let paras = [
        format!(
            "Je soussigné(e) {} {} {}, {} le {} à {}, de nationalité {}, demeurant {},",
            h.civilite(),
            h.prenom,
            h.nom,
            h.ne(),
            d_slash(h.naissance),
            h.lieu_naissance,
            h.nationalite().to_lowercase(),
            f.adresse.one_line()
        ),
        format!(
            "certifie sur l'honneur héberger à mon domicile, depuis le {}, {} {} {}, {} le {} à {} ({}){}.",
            d_long(since),
            a.civilite(),
            a.prenom,
            a.nom,
            a.ne(),
            d_slash(a.naissance),
            a.lieu_naissance,
            lien,
            kids
        ),
        d.pick(&[
            "Cet hébergement est consenti à titre gratuit, dans l'attente d'un logement.",
            "L'intéressé(e) participe aux charges du foyer à hauteur de 150 € par mois.",
            "Mon logement ne permet pas de prolonger cet hébergement : nous vivons à cinq dans un trois-pièces.",
        ])
        .to_string(),
        format!(
            "Pièces jointes : copie de ma carte nationale d'identité n° {}{}, facture d'électricité à mon nom.",
            d.upper(2),
            d.digits(8)
        ),
        "Fait pour servir et valoir ce que de droit. Je suis informé(e) des sanctions prévues à l'article 441-7 du code pénal en cas de fausse attestation.".to_string(),
    ];
    for p in &paras {
        d.para_in(x0, w, body_font, size, p);
        d.gap(size * 0.5);
    }
    let who = format!("{} {}", h.prenom, h.nom);
    sign_block(d, &who, "Signature de l'hébergeant");
}

/// A lease drawn up by an agency for a named landlord, with a guarantor.
fn agency_lease(d: &mut Doc, f: &Foyer) {
    let a = &f.demandeur;
    let c = f.adresse.commune;
    let landlord = d.person(None, None, (1945, 1985));
    let (garant, lien) = relative(d, f, (1950, 1992));
    let agency = format!("Cabinet {} Immobilier", data::titlecase(d.pick(data::NOMS)));
    let landlord_addr = d.address(None).one_line();
    let garant_addr = d.address(None).one_line();
    let loyer = d.int(320, 980) as f64 + d.int(0, 99) as f64 / 100.0;
    let charges = d.int(25, 160) as f64;
    let debut = {
        let mut r = d.r();
        data::date_between(&mut *r, data::ymd(2014, 1, 1), add_months(f.today, -3))
    };
    maybe_footer(d, 0.7, Some(format!("{agency} - Bail d'habitation")));
    let (x0, top) = (d.x0, d.top);
    let b = d.bold;
    let font = d.font;
    d.text(x0, top + 14.0, F::SerifB, 14.0, &agency);
    d.text(
        x0,
        top + 27.0,
        font,
        8.5,
        "Administrateur de biens - Transaction - Gestion locative",
    );
    d.text(
        x0,
        top + 38.0,
        font,
        8.5,
        &format!(
            "Carte professionnelle CPI {}{} {} {} - {} {}",
            &c.cp[..2],
            d.digits(2),
            d.digits(4),
            d.digits(3),
            c.cp,
            c.nom
        ),
    );
    d.hline(x0, d.x1, top + 44.0, 0.6);
    d.y = top + 56.0;
    let t = d.pick(&[
        "CONTRAT DE LOCATION - LOCAUX VIDES À USAGE D'HABITATION",
        "BAIL D'HABITATION (loi n° 89-462 du 6 juillet 1989)",
    ]);
    title(d, t);
    let blocks = vec![
        Block::Heading("I. Désignation des parties".into()),
        Block::Para(format!(
            "Le bailleur : {} {} {}, {} le {} à {}, demeurant {}, représenté(e) par {}, son mandataire, titulaire d'un mandat de gestion.",
            landlord.civilite(),
            landlord.prenom,
            landlord.nom,
            landlord.ne(),
            d_slash(landlord.naissance),
            landlord.lieu_naissance,
            landlord_addr,
            agency
        )),
        Block::Para(format!(
            "Le locataire : {} {} {}, {} le {} à {}.",
            a.civilite(),
            a.prenom,
            a.nom,
            a.ne(),
            d_slash(a.naissance),
            a.lieu_naissance
        )),
        Block::Para(format!(
            "La caution solidaire : {} {} {}, {} le {}, demeurant {} ({} du locataire), qui déclare se porter caution des obligations du locataire pour la durée du bail.",
            garant.civilite(),
            garant.prenom,
            garant.nom,
            garant.ne(),
            d_slash(garant.naissance),
            garant_addr,
            lien.replace("ma ", "").replace("mon ", "").replace("une ", "").replace("un ", "")
        )),
        Block::Heading("II. Objet du contrat".into()),
        Block::Para(format!(
            "Le présent contrat a pour objet la location d'un logement situé {}, à usage exclusif d'habitation principale.",
            f.adresse.one_line()
        )),
        Block::Heading("III. Durée et conditions financières".into()),
        Block::Para(format!(
            "Le contrat prend effet le {} pour une durée de trois ans. Le loyer mensuel est fixé à {} hors charges, la provision sur charges à {}.",
            d_long(debut),
            eur(loyer),
            eur(charges)
        )),
        Block::Para("Le loyer est payable d'avance au cabinet, mandataire du bailleur, le premier de chaque mois.".into()),
        Block::Heading("IV. Signatures".into()),
        Block::Para(format!(
            "Fait en trois exemplaires originaux, à {}, le {}.",
            c.nom,
            d_slash(debut - chrono::Duration::days(7))
        )),
    ];
    d.flow(&blocks, 180.0, FILL_CONTRACT);
    let y = d.y;
    let (x0, x1) = (d.x0, d.x1);
    let size = d.size;
    if y < PH - 90.0 {
        d.text(x0, y + 12.0, font, size, "Le bailleur, par son mandataire");
        d.text((x0 + x1) / 2.0 - 30.0, y + 12.0, font, size, "Le locataire");
        d.text(x1 - 90.0, y + 12.0, font, size, "La caution");
        d.signature(x0 + 10.0, y + 20.0, 100.0, 30.0);
        d.signature((x0 + x1) / 2.0 - 20.0, y + 20.0, 90.0, 30.0);
        d.signature(x1 - 90.0, y + 20.0, 80.0, 30.0);
        d.text(x0, y + 64.0, b, size - 1.0, &agency);
        d.y = y + 70.0;
    }
    d.finish();
}

/// The usual payslip, signed for the employer by a named person.
fn signed_payslip(d: &mut Doc, f: &Foyer) {
    render_piece(d, f, "FPAIE");
    let signer = d.person(None, None, (1960, 1992));
    let quality = match signer.sexe {
        data::Sexe::F => d.pick(&[
            "Gérante",
            "Directrice des ressources humaines",
            "Responsable paie",
            "Présidente",
        ]),
        data::Sexe::M => d.pick(&[
            "Gérant",
            "Directeur des ressources humaines",
            "Responsable paie",
            "Président",
        ]),
    };
    let font = d.font;
    let (x0, x1) = (d.x0, d.x1);
    let who = format!(
        "Pour l'employeur, {} {} {},",
        signer.civ_court(),
        signer.prenom,
        signer.nom
    );
    let role = format!("{quality} - {}", f.employeur.nom);
    let text = format!("{who} {role}");
    if d.y < PH - 110.0 {
        let y = d.y + 10.0;
        let w = d.measure(font, 8.5, &who).max(d.measure(font, 8.5, &role));
        let x = (x1 - w).max(x0).min(x1 - 260.0);
        d.text(x, y + 10.0, font, 8.5, "Bulletin certifié conforme");
        d.text(x, y + 21.0, font, 8.5, &who);
        d.text(x, y + 32.0, font, 8.5, &role);
        d.signature(x + 20.0, y + 36.0, 110.0, 30.0);
        if d.chance(0.5) {
            let nom = f.employeur.nom.to_uppercase();
            d.stamp(x1 - 60.0, y + 50.0, 30.0, &[&nom]);
        }
    } else {
        // no room at the foot: the line goes in the top margin
        let top = (d.top - 14.0).max(14.0);
        d.text(x0, top, font, 7.5, &text);
    }
}
