//! Traps: what real mail rooms send and the usual batches never hold (`CorpusOptions::traps`,
//! `gen-corpus --traps`).
//!
//! An independent test on batches written by others found pieces filed in the wrong demande
//! in three situations; roughly one pli in five of a trap batch carries one of them or a
//! neighbour:
//! - **unreadable covers**: a stain, a smear or a pleat across the number (and sometimes its
//!   label), the rest of the cover legible — expected `unreadable_cover`;
//! - **covers never met**: a renewal recap laid out as a table, a label in a box, a spaced
//!   label, labels above their values, a guichet's mail template, a portal print-out, the
//!   national form with one box per character; turned a quarter or a half, or photocopied
//!   (grey, low contrast, dark borders) — expected `attached` when readable;
//! - **a missing attestation**: an envelope's pages with no cover, right after a normal pli,
//!   belonging to somebody else — expected `missing_cover`, never attached to the pli before;
//! - the household's own documents (the spouse's identity card or residence permit, a child's
//!   birth certificate) and third parties named on pieces (the host of an attestation
//!   d'hébergement, the landlord of a lease, the payslip's signatory): the holder stays the
//!   household member.
//!
//! Every trap is drawn from its own random stream; the truth names each pli's traps.

mod covers;
mod damage;
mod pieces;

use image::GrayImage;
use rand::rngs::SmallRng;
use rand::seq::SliceRandom;
use rand::Rng;

use super::cover::CoverBoxes;
use super::data::Foyer;
use super::doc::Doc;

pub(crate) use damage::photocopy;

/// Share of the plis that carry a trap.
pub(crate) const RATE: f64 = 0.2;

/// What a trap pli does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The cover's number is made illegible.
    Unreadable,
    /// The cover is drawn in a layout of this module.
    Layout,
    /// The cover is turned or photocopied.
    Orientation,
    /// A cover-less envelope of somebody else follows the pli.
    Missing,
    /// The spouse's or a child's own documents are added to the pli.
    Household,
    /// A piece names a third party besides the applicant.
    ThirdParty,
}

/// The trap kinds of a batch of `plis` envelopes: about [`RATE`] of them, every kind dealt
/// once before any is dealt again, the three that misfiled pieces dealt more often after.
pub(crate) fn deck(rng: &mut SmallRng, plis: usize) -> Vec<Kind> {
    let x = plis as f64 * RATE;
    let mut k = x.floor() as usize + usize::from(rng.gen_bool(x.fract()));
    if plis >= 2 {
        k = k.max(1);
    }
    let mut out = Vec::with_capacity(k);
    let mut round = 0;
    while out.len() < k {
        let mut cycle = if round % 2 == 0 {
            vec![
                Kind::Unreadable,
                Kind::Layout,
                Kind::Orientation,
                Kind::Missing,
                Kind::Household,
                Kind::ThirdParty,
            ]
        } else {
            vec![
                Kind::Unreadable,
                Kind::Layout,
                Kind::Missing,
                Kind::Layout,
                Kind::Orientation,
                Kind::Unreadable,
            ]
        };
        cycle.shuffle(rng);
        out.extend(cycle);
        round += 1;
    }
    out.truncate(k);
    if plis < 3 {
        // a cover-less envelope needs a pli before it and room for it
        for kind in &mut out {
            if *kind == Kind::Missing {
                *kind = Kind::Layout;
            }
        }
    }
    out
}

/// The cover layouts of this module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A renewal recap: the demande's data in a ruled table, the household in another.
    RenewalTable,
    /// A form whose labels stand in filled or framed boxes.
    BoxedLabel,
    /// A letter-spaced label, or a label with dot leaders to a number far right.
    SpacedLabel,
    /// Small labels above their values, in columns.
    LabelsAbove,
    /// A guichet's mail-merge letter: the number among the references.
    GuichetMail,
    /// The public portal's page printed from a browser.
    PortalPrint,
    /// The national form: one box per character.
    NationalForm,
}

pub(crate) const LAYOUTS: [Layout; 7] = [
    Layout::RenewalTable,
    Layout::BoxedLabel,
    Layout::SpacedLabel,
    Layout::LabelsAbove,
    Layout::GuichetMail,
    Layout::PortalPrint,
    Layout::NationalForm,
];

impl Layout {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Layout::RenewalTable => "renewal_table",
            Layout::BoxedLabel => "boxed_label",
            Layout::SpacedLabel => "spaced_label",
            Layout::LabelsAbove => "labels_above",
            Layout::GuichetMail => "guichet_mail",
            Layout::PortalPrint => "portal_print",
            Layout::NationalForm => "national_form",
        }
    }
}

/// How a cover's number is made illegible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Damage {
    /// An opaque stain (coffee, ink, grease) with a darker rim and splashes.
    Stain,
    /// Wet ink or toner smeared across the number.
    Smudge,
    /// A pleat from the sheet feeder: the number's strip folded away, a crease left.
    Fold,
}

impl Damage {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Damage::Stain => "stain",
            Damage::Smudge => "smudge",
            Damage::Fold => "fold",
        }
    }
}

/// What happens to a trap pli's cover.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CoverTrap {
    /// Drawn in one of this module's layouts rather than the usual ones.
    pub layout: Option<Layout>,
    pub damage: Option<Damage>,
    /// The damage covers the label as well as the number.
    pub label_too: bool,
    pub photocopy: bool,
}

impl CoverTrap {
    /// The names the truth gives this trap.
    pub(crate) fn names(&self) -> Vec<String> {
        let mut v = Vec::new();
        if let Some(l) = self.layout {
            v.push(format!("layout:{}", l.name()));
        }
        if let Some(d) = self.damage {
            v.push(format!(
                "unreadable:{}{}",
                d.name(),
                if self.label_too { "+label" } else { "" }
            ));
        }
        if self.photocopy {
            v.push("photocopy".into());
        }
        v
    }
}

/// Draws a cover in `layout`; returns where its label and number are.
pub(crate) fn render_cover(d: &mut Doc, f: &Foyer, renouv: bool, layout: Layout) -> CoverBoxes {
    match layout {
        Layout::RenewalTable => covers::renewal_table(d, f, renouv),
        Layout::BoxedLabel => covers::boxed_label(d, f, renouv),
        Layout::SpacedLabel => covers::spaced_label(d, f, renouv),
        Layout::LabelsAbove => covers::labels_above(d, f, renouv),
        Layout::GuichetMail => covers::guichet_mail(d, f, renouv),
        Layout::PortalPrint => covers::portal_print(d, f, renouv),
        Layout::NationalForm => covers::national_form(d, f, renouv),
    }
}

/// Makes the number (and with `label_too` its label) illegible on the drawn page; `k` is pixels
/// per point.
pub(crate) fn apply_damage(
    img: &mut GrayImage,
    rng: &mut SmallRng,
    boxes: CoverBoxes,
    damage: Damage,
    label_too: bool,
    k: f32,
) {
    let r = if label_too {
        boxes.number.union(boxes.label)
    } else {
        boxes.number
    };
    let px = damage::Px {
        x: r.x * k,
        y: r.y * k,
        w: r.w * k,
        h: r.h * k,
    };
    let number_h = boxes.number.h * k;
    match damage {
        Damage::Stain => damage::stain(img, rng, px, number_h),
        Damage::Smudge => damage::smudge(img, rng, px, number_h),
        Damage::Fold => damage::pleat(img, rng, px, number_h, k / (300.0 / 72.0)),
    }
}

/// Draws a piece of `code` that names a third party besides its holder (types `HEBERG`,
/// `BAIL`, `FPAIE`; the usual renderer for any other).
pub(crate) fn render_third_party(d: &mut Doc, f: &Foyer, code: &str) {
    pieces::third_party(d, f, code);
}

/// The types a third-party trap piece may take.
pub(crate) const THIRD_PARTY_TYPES: [&str; 3] = ["HEBERG", "BAIL", "FPAIE"];

/// The types of a cover-less envelope's pieces: documents that name their holder.
pub(crate) const MISSING_TYPES: [&str; 12] = [
    "FPAIE", "FPAIE", "JUSTL", "CAF", "AVIS", "CID", "HEBERG", "ATPE", "ARE", "CTRAV", "PENS",
    "TSJ",
];
