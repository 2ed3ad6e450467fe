//! Page layout in points (1/72 in), top-left origin, with multi-page documents: a document is
//! laid out in full for every one of its pages, and only the operations that fall on the page
//! being rendered are painted.

use std::cell::{RefCell, RefMut};

use rand::rngs::SmallRng;
use rand::Rng;

use super::raster::{Painter, F};

/// A4 width in points.
pub const PW: f32 = 595.28;
/// A4 height in points.
pub const PH: f32 = 841.89;

/// A rectangle in points.
#[derive(Clone, Copy, Debug, Default)]
pub struct R {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl R {
    pub fn union(self, o: R) -> R {
        let x0 = self.x.min(o.x);
        let y0 = self.y.min(o.y);
        let x1 = (self.x + self.w).max(o.x + o.w);
        let y1 = (self.y + self.h).max(o.y + o.h);
        R {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Al {
    L,
    C,
    Rt,
}

/// How a page number is printed at the foot of a multi-page document.
#[derive(Clone, Debug)]
pub struct Footer {
    pub style: u8,
    pub align: Al,
    pub left: Option<String>,
    pub size: f32,
}

impl Footer {
    fn label(&self, page: u32, pages: u32) -> String {
        match self.style {
            0 => format!("Page {page}/{pages}"),
            1 => format!("{page}/{pages}"),
            2 => format!("Page {page} sur {pages}"),
            3 => format!("- {page} -"),
            _ => format!("page {page} / {pages}"),
        }
    }
}

/// A block of a flowing document (used to spread long documents over their pages).
pub enum Block {
    Heading(String),
    Para(String),
    Kv(String, String),
    #[allow(dead_code)]
    Gap(f32),
}

/// Filler paragraphs of judicial documents.
pub const FILL_LEGAL: &[&str] = &[
    "Attendu que les parties ont été régulièrement convoquées à l'audience ; que l'affaire a été retenue et mise en délibéré à la date de ce jour.",
    "Sur la recevabilité : la demande, formée dans les formes et délais prévus par le code de procédure civile, est recevable.",
    "Il résulte des pièces versées aux débats, et notamment des justificatifs produits par la partie demanderesse, que les faits allégués sont suffisamment établis.",
    "Il convient, au regard de l'ensemble de ces éléments, de faire droit à la demande dans les termes du dispositif ci-après.",
    "La partie défenderesse, bien que régulièrement citée, n'a pas comparu ni ne s'est fait représenter ; il sera statué par décision réputée contradictoire.",
    "Vu les articles 371-1 et suivants du code civil ; vu l'article 1074 du code de procédure civile ; vu les conclusions des parties.",
    "L'exécution provisoire est de droit pour les décisions relatives à l'exercice de l'autorité parentale et à la contribution à l'entretien des enfants.",
    "En application de l'article 700 du code de procédure civile, il n'apparaît pas inéquitable de laisser à chaque partie la charge de ses frais irrépétibles.",
    "La présente décision sera notifiée aux parties par les soins du greffe, par lettre recommandée avec demande d'avis de réception.",
    "Les parties ont été informées de la possibilité de recourir à une mesure de médiation familiale, qu'elles n'ont pas souhaité mettre en œuvre.",
    "Le conseil de la partie demanderesse fait valoir que la situation matérielle de sa cliente s'est dégradée depuis la séparation et qu'elle assume seule les charges du foyer.",
    "La partie adverse conteste ces éléments sans toutefois produire de pièce de nature à les remettre en cause.",
    "Les débats ont eu lieu en chambre du conseil ; le ministère public a eu communication de la procédure.",
    "Aux termes de ses dernières écritures, la partie demanderesse sollicite qu'il soit fait droit à l'intégralité de ses prétentions et que la partie adverse soit condamnée aux dépens.",
    "Il y a lieu de rappeler que le juge statue au regard de l'intérêt supérieur de l'enfant, apprécié au jour où il statue, en tenant compte de la pratique antérieurement suivie par les parents.",
    "Le rapport de l'enquête sociale, versé aux débats, décrit un cadre de vie adapté et des relations apaisées entre l'enfant et chacun de ses parents.",
    "La demande de dommages et intérêts, insuffisamment justifiée dans son principe comme dans son montant, sera rejetée.",
    "Au vu des ressources et des charges respectives des parties, telles qu'elles résultent des justificatifs produits, la contribution sera fixée selon les modalités ci-après.",
    "Les parties ont été entendues en leurs explications ; les conseils ont été entendus en leurs plaidoiries.",
    "La décision a été mise à disposition au greffe, les parties en ayant été préalablement avisées dans les conditions prévues à l'article 450 du code de procédure civile.",
    "Il n'est pas contesté que les parties ont cessé toute vie commune depuis plus d'une année à la date de l'assignation.",
];

/// Filler paragraphs of housing inspection reports.
pub const FILL_VISITE: &[&str] = &[
    "Le logement est situé dans un immeuble collectif ancien, sans ascenseur ; les parties communes sont dégradées.",
    "Les mesures d'humidité relevées dans la chambre dépassent 80 % ; des traces de moisissures sont visibles sur les murs et au plafond.",
    "Le tableau électrique ne comporte pas de dispositif différentiel ; plusieurs prises de courant ne sont pas fixées.",
    "Les menuiseries extérieures sont en mauvais état ; le simple vitrage est fêlé dans la pièce principale.",
    "L'occupant indique avoir signalé ces désordres au propriétaire à plusieurs reprises, sans qu'aucune suite n'y soit donnée.",
    "La présence d'enfants en bas âge dans le logement aggrave les risques sanitaires constatés.",
    "Des photographies ont été prises lors de la visite ; elles sont conservées au dossier et peuvent être communiquées sur demande.",
    "Le système de chauffage, constitué de convecteurs électriques anciens, ne permet pas d'atteindre une température suffisante.",
    "La ventilation de la salle d'eau est obstruée ; aucune entrée d'air n'existe dans les pièces principales.",
    "Le propriétaire, informé de la date de la visite, n'était ni présent ni représenté.",
];

/// Filler paragraphs of police records.
pub const FILL_POLICE: &[&str] = &[
    "Nous informons la victime de son droit d'obtenir réparation du préjudice subi et d'être aidée par un service relevant de l'État ou par une association conventionnée d'aide aux victimes.",
    "La victime est informée qu'elle peut se constituer partie civile et être assistée d'un avocat, le cas échéant au titre de l'aide juridictionnelle.",
    "Déclarons que la victime a été informée des dispositifs de mise en sécurité (téléphone grave danger, ordonnance de protection) et des coordonnées des associations locales.",
    "Les faits ont été portés à la connaissance du procureur de la République par transmission de la présente procédure.",
    "La victime déclare avoir déjà subi des faits similaires, non déclarés à ce jour, et avoir quitté le domicile commun à la suite des derniers faits.",
    "Un certificat médical constatant les blessures a été remis à l'enquêteur et sera joint à la procédure.",
    "Lecture faite par elle-même, la personne entendue persiste et signe avec nous le présent procès-verbal.",
];

/// Filler paragraphs of contracts.
pub const FILL_CONTRACT: &[&str] = &[
    "Le présent contrat est soumis aux dispositions légales et conventionnelles en vigueur. Toute modification fera l'objet d'un avenant écrit signé des deux parties.",
    "Les parties déclarent avoir pris connaissance des conditions générales annexées au présent contrat et les accepter sans réserve.",
    "Toute notification entre les parties sera valablement faite par lettre recommandée avec demande d'avis de réception ou par remise en main propre contre décharge.",
    "Les données personnelles recueillies à l'occasion du présent contrat sont traitées conformément au règlement général sur la protection des données.",
    "En cas de différend relatif à l'interprétation ou à l'exécution du présent contrat, les parties s'efforceront de trouver une solution amiable avant toute action.",
    "Chacune des parties reconnaît avoir reçu un exemplaire du présent contrat et de ses annexes, paraphé et signé.",
    "Les frais liés à l'établissement du présent acte sont répartis entre les parties conformément aux dispositions légales applicables.",
    "Pour l'exécution des présentes, les parties font élection de domicile en leur demeure respective indiquée en tête du présent contrat.",
    "Le fait pour l'une des parties de ne pas se prévaloir d'un manquement de l'autre partie à l'une quelconque de ses obligations ne saurait être interprété comme une renonciation.",
    "Toute clause du présent contrat qui serait déclarée nulle ou inapplicable n'affectera pas la validité des autres clauses.",
    "Le présent contrat est établi en deux exemplaires originaux, dont un remis à chacune des parties.",
    "Les parties s'engagent à exécuter le présent contrat de bonne foi et à s'informer mutuellement de toute difficulté susceptible d'en affecter l'exécution.",
    "Le présent contrat annule et remplace tout accord antérieur, écrit ou verbal, ayant le même objet.",
    "Les annexes font partie intégrante du présent contrat ; en cas de contradiction, les stipulations du corps du contrat prévalent.",
    "Les indemnités et montants prévus au présent contrat s'entendent hors frais annexes, lesquels feront l'objet d'une régularisation annuelle.",
    "Les parties reconnaissent que les stipulations du présent contrat ont été librement négociées et qu'elles en comprennent la portée.",
    "Le présent contrat ne pourra être cédé ou transféré, en tout ou partie, sans l'accord préalable et écrit de l'autre partie.",
];

/// Filler paragraphs of administrative letters.
pub const FILL_ADMIN: &[&str] = &[
    "Pour toute question, vous pouvez contacter nos services du lundi au vendredi de 8 h 30 à 16 h 30, ou vous connecter à votre espace personnel.",
    "Conformément à la loi « Informatique et libertés » du 6 janvier 1978 modifiée, vous disposez d'un droit d'accès et de rectification des données vous concernant.",
    "Ce document est établi sur la base des informations connues à la date de son édition. Il ne préjuge pas des droits qui pourraient être ouverts ultérieurement.",
    "Toute fausse déclaration expose son auteur aux sanctions prévues par les articles 313-1 et 441-6 du code pénal.",
    "Pensez à signaler tout changement de situation (naissance, séparation, reprise d'activité, déménagement) dans les meilleurs délais.",
    "Les montants indiqués sont exprimés en euros. Ils tiennent compte des éventuelles régularisations intervenues au cours de la période.",
    "Vous pouvez contester cette décision dans un délai de deux mois à compter de sa notification, par courrier adressé au directeur de l'organisme.",
    "Conservez ce document : il peut vous être demandé par les organismes auprès desquels vous effectuez des démarches.",
    "Les informations figurant sur ce document proviennent des déclarations que vous avez effectuées et des données transmises par les organismes partenaires.",
    "Si vous constatez une erreur, adressez-nous un message depuis votre espace personnel en joignant les justificatifs utiles.",
    "Un accompagnement personnalisé peut vous être proposé : renseignez-vous auprès de votre point d'accueil.",
    "En cas de trop-perçu, les sommes indûment versées feront l'objet d'une retenue sur vos prochains paiements, dans la limite prévue par la réglementation.",
];

pub(crate) struct Doc<'a> {
    pub p: Painter<'a>,
    /// Content randomness (interior mutability so that helpers can be called in arguments).
    pub rng: RefCell<SmallRng>,
    /// pixels per point
    pub k: f32,
    /// Page being laid out (0-based).
    pub page: u32,
    /// Page to paint (0-based).
    pub target: u32,
    /// Page count of the document.
    pub pages: u32,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    pub y: f32,
    pub ink: u8,
    /// Body font and size.
    pub font: F,
    pub bold: F,
    pub size: f32,
    /// Line height as a multiple of the size.
    pub lh: f32,
    pub footer: Option<Footer>,
    /// The household member the document is about, when its renderer chose one other than the
    /// applicant (read back by a dry run to write the truth's holder).
    pub subject: Option<super::data::Person>,
}

impl<'a> Doc<'a> {
    pub fn new(p: Painter<'a>, rng: SmallRng, dpi: u32, target: u32, pages: u32) -> Self {
        let mut d = Doc {
            p,
            rng: RefCell::new(rng),
            k: dpi as f32 / 72.0,
            page: 0,
            target,
            pages,
            x0: 60.0,
            x1: PW - 55.0,
            top: 50.0,
            bottom: PH - 50.0,
            y: 50.0,
            ink: 25,
            font: F::Sans,
            bold: F::SansB,
            size: 10.0,
            lh: 1.3,
            footer: None,
            subject: None,
        };
        // each document has its own margins, ink and body typography
        d.x0 = d.real(42.0, 72.0);
        d.x1 = PW - d.real(40.0, 65.0);
        d.top = d.real(36.0, 60.0);
        d.y = d.top;
        d.ink = d.int(8, 44) as u8;
        d.size = (d.real(9.0, 11.5) * 4.0).round() / 4.0;
        d.lh = d.real(1.2, 1.45);
        d.bottom = PH - d.real(45.0, 65.0);
        if d.chance(0.45) {
            d.font = F::Serif;
            d.bold = F::SerifB;
        }
        d
    }

    pub fn on(&self) -> bool {
        self.page == self.target
    }

    // ---- randomness helpers (take &self: usable inside the arguments of drawing calls)
    pub fn r(&self) -> RefMut<'_, SmallRng> {
        self.rng.borrow_mut()
    }
    pub fn pick<T: Copy>(&self, xs: &[T]) -> T {
        let i = self.r().gen_range(0..xs.len());
        xs[i]
    }
    pub fn chance(&self, p: f64) -> bool {
        self.r().gen_bool(p.clamp(0.0, 1.0))
    }
    pub fn int(&self, lo: i64, hi: i64) -> i64 {
        self.r().gen_range(lo..=hi)
    }
    pub fn real(&self, lo: f32, hi: f32) -> f32 {
        self.r().gen_range(lo..hi)
    }
    pub fn digits(&self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.r().gen_range(0..10u8)))
            .collect()
    }
    pub fn upper(&self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'A' + self.r().gen_range(0..26u8)))
            .collect()
    }

    // ---- measuring
    pub fn measure(&self, f: F, size: f32, s: &str) -> f32 {
        self.p.fonts.measure(f, size * self.k, s) / self.k
    }

    // ---- text
    /// Draws text with its baseline at `base` (points); returns its box.
    pub fn text(&mut self, x: f32, base: f32, f: F, size: f32, s: &str) -> R {
        self.text_ink(x, base, f, size, s, self.ink)
    }

    pub fn text_ink(&mut self, x: f32, base: f32, f: F, size: f32, s: &str, ink: u8) -> R {
        let w = self.measure(f, size, s);
        if self.on() && base <= PH - 8.0 {
            let k = self.k;
            self.p.text(x * k, base * k, f, size * k, s, ink);
        }
        R {
            x,
            y: base - size * 0.78,
            w,
            h: size * 1.0,
        }
    }

    pub fn text_al(&mut self, x: f32, base: f32, al: Al, f: F, size: f32, s: &str) -> R {
        let w = self.measure(f, size, s);
        let x = match al {
            Al::L => x,
            Al::C => x - w / 2.0,
            Al::Rt => x - w,
        };
        self.text(x, base, f, size, s)
    }

    /// One line at the cursor, aligned within the margins.
    pub fn line_al(&mut self, al: Al, f: F, size: f32, s: &str) -> R {
        let maxw = self.x1 - self.x0;
        if self.measure(f, size, s) > maxw + 1.0 {
            let lines = self.wrap(f, size, s, maxw);
            if lines.len() > 1 {
                let mut r: Option<R> = None;
                for l in lines {
                    let lr = self.line_al(al, f, size, &l);
                    r = Some(r.map_or(lr, |x| x.union(lr)));
                }
                return r.unwrap_or_default();
            }
        }
        let base = self.y + size * 0.95;
        let x = match al {
            Al::L => self.x0,
            Al::C => (self.x0 + self.x1) / 2.0,
            Al::Rt => self.x1,
        };
        let r = self.text_al(x, base, al, f, size, s);
        self.y += size * self.lh;
        r
    }

    pub fn line_b(&mut self, s: &str) -> R {
        let (f, size) = (self.bold, self.size);
        self.line_al(Al::L, f, size, s)
    }

    pub fn line_at(&mut self, x: f32, f: F, size: f32, s: &str) -> R {
        let base = self.y + size * 0.95;
        let r = self.text(x, base, f, size, s);
        self.y += size * self.lh;
        r
    }

    /// Splits `s` into lines fitting `width`.
    pub fn wrap(&self, f: F, size: f32, s: &str, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut cur = String::new();
        for word in s.split_whitespace() {
            let cand = if cur.is_empty() {
                word.to_string()
            } else {
                format!("{cur} {word}")
            };
            if !cur.is_empty() && self.measure(f, size, &cand) > width {
                lines.push(std::mem::take(&mut cur));
                cur = word.to_string();
            } else {
                cur = cand;
            }
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
        lines
    }

    /// A wrapped paragraph inside `[x, x + width]` starting at the cursor.
    pub fn para_in(&mut self, x: f32, width: f32, f: F, size: f32, s: &str) -> R {
        let lines = self.wrap(f, size, s, width);
        let mut r = R {
            x,
            y: self.y,
            w: 0.0,
            h: 0.0,
        };
        for l in lines {
            let lr = self.line_at(x, f, size, &l);
            r = r.union(lr);
        }
        r
    }

    /// A wrapped paragraph in the body font, then a small gap.
    pub fn para(&mut self, s: &str) {
        let (x, w, f, size) = (self.x0, self.x1 - self.x0, self.font, self.size);
        self.para_in(x, w, f, size, s);
        self.y += size * 0.45;
    }

    pub fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// `label value` with the value at `x0 + tab`.
    pub fn kv(&mut self, label: &str, value: &str, tab: f32) -> R {
        let (f, b, size) = (self.font, self.bold, self.size);
        self.kv_f(self.x0, label, value, tab, f, b, size)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn kv_f(
        &mut self,
        x: f32,
        label: &str,
        value: &str,
        tab: f32,
        fl: F,
        fv: F,
        size: f32,
    ) -> R {
        let base = self.y + size * 0.95;
        self.text(x, base, fl, size, label);
        let lw = self.measure(fl, size, label);
        let vx = if tab > lw + 4.0 {
            x + tab
        } else {
            x + lw + 5.0
        };
        let r = self.text(vx, base, fv, size, value);
        self.y += size * self.lh;
        r
    }

    // ---- shapes
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, v: u8) {
        if self.on() {
            let k = self.k;
            self.p.fill_rect(x * k, y * k, w * k, h * k, v);
        }
    }

    pub fn tint(&mut self, x: f32, y: f32, w: f32, h: f32, v: u8) {
        if self.on() {
            let k = self.k;
            self.p.tint_rect(x * k, y * k, w * k, h * k, v, 255);
        }
    }

    pub fn hline(&mut self, x0: f32, x1: f32, y: f32, th: f32) {
        let ink = self.ink;
        self.fill(x0, y, x1 - x0, th.max(0.35), ink);
    }

    pub fn vline(&mut self, x: f32, y0: f32, y1: f32, th: f32) {
        let ink = self.ink;
        self.fill(x, y0, th.max(0.35), y1 - y0, ink);
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, th: f32) {
        self.hline(x, x + w, y, th);
        self.hline(x, x + w + th, y + h, th);
        self.vline(x, y, y + h, th);
        self.vline(x + w, y, y + h, th);
    }

    pub fn stroke(&mut self, pts: &[(f32, f32)], th: f32, v: u8) {
        if self.on() {
            let k = self.k;
            let px: Vec<(f32, f32)> = pts.iter().map(|(x, y)| (x * k, y * k)).collect();
            self.p.stroke(&px, th * k, v);
        }
    }

    pub fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, th: f32, v: u8) {
        if self.on() {
            let k = self.k;
            self.p.ellipse(cx * k, cy * k, rx * k, ry * k, th * k, v);
        }
    }

    pub fn fill_ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, v: u8) {
        if self.on() {
            let k = self.k;
            self.p.fill_ellipse(cx * k, cy * k, rx * k, ry * k, v);
        }
    }

    pub fn checkbox(&mut self, x: f32, base: f32, size: f32, checked: bool) {
        let s = size * 0.8;
        self.rect(x, base - s, s, s, 0.6);
        if checked {
            let ink = self.ink;
            self.stroke(
                &[
                    (x + s * 0.15, base - s * 0.45),
                    (x + s * 0.4, base - s * 0.1),
                    (x + s * 0.95, base - s * 1.05),
                ],
                1.0,
                ink,
            );
        }
    }

    /// A scribbled handwritten signature inside the box.
    pub fn signature(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let n = self.r().gen_range(3..6);
        let mut pts = Vec::new();
        let amp = h * 0.35;
        let mut cx = x;
        let cy = y + h / 2.0;
        let freq = self.r().gen_range(0.08f32..0.2);
        let phase = self.r().gen_range(0.0f32..6.0);
        let steps = 80;
        for i in 0..steps {
            let t = i as f32 / steps as f32;
            cx = x + w * 0.85 * t;
            let loops =
                ((t * n as f32 * std::f32::consts::TAU) + phase).sin() * amp * (1.0 - t * 0.5);
            let wob = (cx * freq).sin() * amp * 0.4;
            pts.push((cx + (t * 40.0).sin() * 4.0, cy + loops + wob));
        }
        // final flourish
        pts.push((cx + w * 0.1, cy - amp * 0.2));
        pts.push((x + w * 0.2, cy + amp * 0.6));
        let v = self.r().gen_range(10u8..70);
        let th = self.r().gen_range(0.6f32..1.3);
        self.stroke(&pts, th, v);
    }

    /// A round rubber stamp with a few lines of text.
    pub fn stamp(&mut self, cx: f32, cy: f32, r: f32, lines: &[&str]) {
        let v = self.r().gen_range(70u8..140);
        self.ellipse(cx, cy, r, r, 1.4, v);
        self.ellipse(cx, cy, r * 0.82, r * 0.82, 0.7, v);
        let size = (r / 5.0).clamp(5.0, 8.0);
        let n = lines.len() as f32;
        for (i, l) in lines.iter().enumerate() {
            let base = cy - (n - 1.0) * size * 0.6 + i as f32 * size * 1.2 + size * 0.35;
            let w = self.measure(F::SansB, size, l);
            if self.on() {
                let k = self.k;
                self.p
                    .text((cx - w / 2.0) * k, base * k, F::SansB, size * k, l, v);
            }
        }
    }

    /// A photo placeholder (head and shoulders on a grey ground).
    pub fn photo(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let bg = self.r().gen_range(150u8..200);
        let fg = self.r().gen_range(50u8..110);
        self.fill(x, y, w, h, bg);
        self.fill_ellipse(x + w / 2.0, y + h * 0.38, w * 0.24, h * 0.22, fg);
        self.fill_ellipse(x + w / 2.0, y + h * 0.87, w * 0.42, h * 0.13, fg);
        self.fill(x + w * 0.08, y + h * 0.87, w * 0.84, h * 0.13, fg);
    }

    /// A simple table: column widths, alignments, rows (first row is the header when `header`).
    #[allow(clippy::too_many_arguments)]
    pub fn table(
        &mut self,
        x: f32,
        widths: &[f32],
        aligns: &[Al],
        rows: &[Vec<String>],
        size: f32,
        header: bool,
        grid: u8,
    ) -> R {
        let row_h = size * 1.55;
        let total_w: f32 = widths.iter().sum();
        let y_start = self.y;
        let mut y = self.y;
        for (ri, row) in rows.iter().enumerate() {
            let is_head = header && ri == 0;
            if is_head {
                let shade = self.r().gen_range(200u8..235);
                self.tint(x, y, total_w, row_h, shade);
            }
            let mut cx = x;
            for (ci, cell) in row.iter().enumerate() {
                let w = widths.get(ci).copied().unwrap_or(60.0);
                let al = aligns.get(ci).copied().unwrap_or(Al::L);
                let f = if is_head { self.bold } else { self.font };
                let fsize = if is_head { size * 0.92 } else { size };
                let base = y + row_h * 0.7;
                let tx = match al {
                    Al::L => cx + 3.0,
                    Al::C => cx + w / 2.0,
                    Al::Rt => cx + w - 3.0,
                };
                // shrink text that overflows the cell
                let mut fs = fsize;
                while fs > 5.0 && self.measure(f, fs, cell) > w - 5.0 {
                    fs -= 0.5;
                }
                self.text_al(tx, base, al, f, fs, cell);
                cx += w;
            }
            y += row_h;
            if grid >= 1 && (grid >= 2 || is_head || ri + 1 == rows.len()) {
                self.hline(x, x + total_w, y, 0.5);
            }
        }
        if grid >= 2 {
            self.hline(x, x + total_w, y_start, 0.5);
            let mut cx = x;
            for w in widths {
                self.vline(cx, y_start, y, 0.5);
                cx += w;
            }
            self.vline(cx, y_start, y + 0.5, 0.5);
        }
        self.y = y + size * 0.6;
        R {
            x,
            y: y_start,
            w: total_w,
            h: y - y_start,
        }
    }

    fn block_height(&self, b: &Block) -> f32 {
        match b {
            Block::Heading(h) => {
                let n = self
                    .wrap(self.bold, self.size + 0.5, h, self.x1 - self.x0)
                    .len()
                    .max(1);
                self.size * 0.4 + n as f32 * (self.size + 0.5) * self.lh + 2.0
            }
            Block::Para(p) => {
                let n = self
                    .wrap(self.font, self.size, p, self.x1 - self.x0)
                    .len()
                    .max(1);
                n as f32 * self.size * self.lh + self.size * 0.45
            }
            Block::Kv(..) => self.size * self.lh,
            Block::Gap(g) => *g,
        }
    }

    /// Lays out blocks over the remaining pages of the document, filling each page before
    /// breaking. When the blocks are too short for the page count, paragraphs of `filler` are
    /// inserted before the last heading so that the pages look full; on the last page, blocks
    /// that do not fit above the signature area are dropped.
    pub fn flow(&mut self, blocks: &[Block], tab: f32, filler: &[&str]) {
        let full = self.bottom - self.top;
        let remaining_pages = self.pages.saturating_sub(self.page + 1) as f32;
        let reserve = full * self.real(0.3, 0.55);
        let target =
            ((self.bottom - self.y) + remaining_pages * full) * self.real(0.7, 0.95) - reserve;
        let mut list: Vec<&Block> = blocks.iter().collect();
        let mut total: f32 = list.iter().map(|b| self.block_height(b)).sum();
        let mut extra: Vec<Block> = Vec::new();
        if !filler.is_empty() {
            // each filler paragraph at most once: a page may stay partly empty
            let mut pool: Vec<&str> = filler.to_vec();
            while total < target && !pool.is_empty() {
                let i = self.r().gen_range(0..pool.len());
                let b = Block::Para(pool.swap_remove(i).to_string());
                total += self.block_height(&b);
                extra.push(b);
            }
        }
        if !extra.is_empty() {
            let at = list
                .iter()
                .rposition(|b| matches!(b, Block::Heading(_)))
                .filter(|&i| i > 0)
                .unwrap_or(list.len().saturating_sub(2));
            let tail = list.split_off(at);
            list.extend(extra.iter());
            list.extend(tail);
        }
        for b in list {
            let h = self.block_height(b);
            let last = self.page + 1 >= self.pages;
            let limit = if last {
                self.bottom - 70.0
            } else {
                self.bottom
            };
            if self.y + h > limit {
                if last {
                    break;
                }
                self.break_page();
            }
            match b {
                Block::Heading(h) => {
                    self.gap(self.size * 0.4);
                    let (f, size) = (self.bold, self.size + 0.5);
                    self.line_al(Al::L, f, size, h);
                    self.gap(2.0);
                }
                Block::Para(p) => self.para(p),
                Block::Kv(k, v) => {
                    self.kv(k, v, tab);
                }
                Block::Gap(g) => self.gap(*g),
            }
        }
        // explicit page count honoured even when the content ended early
        while self.page + 1 < self.pages {
            self.break_page();
        }
    }

    /// Ends the current page (footer) and starts the next one.
    pub fn break_page(&mut self) {
        self.draw_footer();
        self.page += 1;
        self.y = self.top;
    }

    /// Ends the document: footer of the last page, then skips to the end if pages remain.
    pub fn finish(&mut self) {
        self.draw_footer();
        while self.page + 1 < self.pages {
            self.page += 1;
            self.draw_footer();
        }
    }

    fn draw_footer(&mut self) {
        if let Some(f) = self.footer.clone() {
            let label = f.label(self.page + 1, self.pages.max(1));
            let base = PH - self.r().gen_range(22.0f32..34.0);
            let x = match f.align {
                Al::L => self.x0,
                Al::C => (self.x0 + self.x1) / 2.0,
                Al::Rt => self.x1,
            };
            let font = self.font;
            self.text_al(x, base, f.align, font, f.size, &label);
            if let Some(l) = &f.left {
                if f.align != Al::L {
                    let x0 = self.x0;
                    self.text(x0, base, font, f.size * 0.9, l);
                }
            }
        }
    }
}
