//! Who may do what: the one place where access is decided.
//!
//! Every handler builds a [`Target`] from what it loaded and asks [`authorize`]; handlers never
//! decide by themselves. Anything not granted below is refused (deny by default), and a refusal
//! is answered like a missing piece or demande, so nothing can be enumerated.
//!
//! The rules are those of the access matrix of `shared/spec/domain.md`:
//! staff only ever reach demandes of their territory; sensible pieces exist only for the
//! profiles cleared for them; applicants only reach their own demande; operators reach the plis
//! and pieces of the review queue.

use std::fmt;
use std::str::FromStr;

/// A staff profile (habilitation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Profile {
    ConsultantSimple,
    ConsultantDemande,
    ConsultantSensible,
    GuichetEnregistreur,
    GestionnaireTerritorial,
    Operateur,
}

impl Profile {
    pub const ALL: [Profile; 6] = [
        Profile::ConsultantSimple,
        Profile::ConsultantDemande,
        Profile::ConsultantSensible,
        Profile::GuichetEnregistreur,
        Profile::GestionnaireTerritorial,
        Profile::Operateur,
    ];

    /// The code stored in the database and given on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::ConsultantSimple => "consultant_simple",
            Profile::ConsultantDemande => "consultant_demande",
            Profile::ConsultantSensible => "consultant_sensible",
            Profile::GuichetEnregistreur => "guichet_enregistreur",
            Profile::GestionnaireTerritorial => "gestionnaire_territorial",
            Profile::Operateur => "operateur",
        }
    }

    /// The French label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Profile::ConsultantSimple => "consultant simple",
            Profile::ConsultantDemande => "consultant demande",
            Profile::ConsultantSensible => "consultant sensible",
            Profile::GuichetEnregistreur => "guichet enregistreur",
            Profile::GestionnaireTerritorial => "gestionnaire territorial",
            Profile::Operateur => "opérateur de numérisation",
        }
    }

    /// Whether the profile sees sensible pieces.
    pub fn cleared_for_sensible(self) -> bool {
        matches!(
            self,
            Profile::ConsultantSensible | Profile::GestionnaireTerritorial
        )
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "profil {s:?} inconnu (attendu : {})",
                    Profile::ALL.map(Profile::as_str).join(", ")
                )
            })
    }
}

/// Who asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// An applicant logged in on his demande.
    Applicant { numero: String },
    /// Staff, through a session or an API token of their guichet.
    Staff {
        profile: Profile,
        guichet: String,
        territory: Vec<String>,
        /// Name written in the journal.
        name: String,
    },
}

/// What is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See that a demande exists and open its page.
    ViewDemande,
    /// See a piece in a list (and its metadata).
    ListPiece,
    /// Download or open a piece's file.
    OpenPiece,
    /// Deposit a piece on a demande.
    Deposit,
    /// Change a piece's type, indice de pertinence or validity date.
    Qualify,
    /// Delete a piece into quarantine.
    Quarantine,
    /// Restore a piece from quarantine.
    Restore,
    /// Read (and export) a demande's journal.
    ReadJournal,
    /// Work the review queue: see batches and plis put aside, attach, type, reject.
    Review,
}

/// The demande concerned.
#[derive(Debug, Clone, Copy)]
pub struct DemandeRef<'a> {
    pub numero: &'a str,
    pub departement: &'a str,
}

/// The piece concerned.
#[derive(Debug, Clone, Copy, Default)]
pub struct PieceRef {
    /// Of a sensible type, or not typed yet (fail closed: sensible until typed).
    pub sensible: bool,
    /// In the operators' review queue (put aside, or waiting for qualification).
    pub in_review_queue: bool,
    /// Deposited by the applicant himself.
    pub by_applicant: bool,
    /// Deleted into quarantine: only the quarantine view of the profiles that may restore it.
    pub quarantined: bool,
    /// An internal document of the instruction (category DOCINT): never shown to applicants.
    pub internal: bool,
}

/// What the action is on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Target<'a> {
    pub demande: Option<DemandeRef<'a>>,
    pub piece: Option<PieceRef>,
    /// For an item of the review queue on no demande yet (a pli whose numéro is unknown or
    /// unreadable): the départements it belongs to, those of whoever sent its batch. Empty for
    /// anything else; an operator reaches no queued item outside his territory.
    pub queue_territory: &'a [String],
}

/// Decides an action. Deny by default.
pub fn authorize(actor: &Actor, action: Action, target: &Target<'_>) -> bool {
    match actor {
        Actor::Applicant { numero } => {
            let own = target.demande.is_some_and(|d| d.numero == numero);
            // Internal notes and what is in quarantine are not the applicant's to see.
            let hidden = target.piece.is_some_and(|p| p.internal || p.quarantined);
            own && !hidden
                && match action {
                    Action::ViewDemande
                    | Action::ListPiece
                    | Action::OpenPiece
                    | Action::Deposit => true,
                    Action::Quarantine => target.piece.is_some_and(|p| p.by_applicant),
                    Action::Qualify | Action::Restore | Action::ReadJournal | Action::Review => {
                        false
                    }
                }
        }
        Actor::Staff {
            profile, territory, ..
        } => {
            let in_territory = |d: &DemandeRef<'_>| territory.iter().any(|t| t == d.departement);
            if *profile == Profile::Operateur {
                // Operators work the queue of their territory: a queued item on a demande by
                // the demande's département, one on no demande yet by its batch's sender.
                match target.demande {
                    Some(d) => {
                        if !in_territory(&d) {
                            return false;
                        }
                    }
                    None => {
                        let anywhere = target.piece.is_none() && target.queue_territory.is_empty();
                        if !anywhere
                            && !target.queue_territory.iter().any(|d| territory.contains(d))
                        {
                            return false;
                        }
                    }
                }
                if target.piece.is_some_and(|p| p.quarantined) {
                    return false;
                }
                let queued = target.piece.is_some_and(|p| p.in_review_queue);
                return match action {
                    Action::Review => target.piece.is_none() || queued,
                    Action::ListPiece | Action::OpenPiece | Action::Qualify => queued,
                    Action::Deposit => target.demande.is_some() && target.piece.is_none(),
                    _ => false,
                };
            }
            let Some(demande) = target.demande else {
                return false;
            };
            if !in_territory(&demande) {
                return false;
            }
            if target.piece.is_some_and(|p| p.sensible) && !profile.cleared_for_sensible() {
                return false;
            }
            use Action::*;
            use Profile::*;
            if target.piece.is_some_and(|p| p.quarantined) {
                // Out of reach but for the quarantine view of those who may restore it.
                return matches!(action, ListPiece | OpenPiece | Restore)
                    && matches!(profile, GuichetEnregistreur | GestionnaireTerritorial);
            }
            match (profile, action) {
                (_, ViewDemande | ListPiece) => true,
                (ConsultantDemande | ConsultantSensible, OpenPiece | ReadJournal) => true,
                (
                    GuichetEnregistreur,
                    OpenPiece | Deposit | Qualify | Quarantine | Restore | ReadJournal,
                ) => true,
                (
                    GestionnaireTerritorial,
                    OpenPiece | Qualify | Quarantine | Restore | ReadJournal,
                ) => true,
                _ => false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(profile: Profile) -> Actor {
        Actor::Staff {
            profile,
            guichet: "G0001".into(),
            territory: vec!["075".into(), "02A".into()],
            name: "test".into(),
        }
    }

    const PARIS: DemandeRef<'static> = DemandeRef {
        numero: "0751220123456DGALN",
        departement: "075",
    };
    const LYON: DemandeRef<'static> = DemandeRef {
        numero: "0691220123456DGALN",
        departement: "069",
    };

    fn piece(sensible: bool) -> PieceRef {
        PieceRef {
            sensible,
            ..PieceRef::default()
        }
    }

    #[test]
    fn the_spec_matrix_for_staff_in_territory() {
        use Action::*;
        use Profile::*;
        // (action, sensible) → profiles allowed, in the order of the spec's columns.
        let table: [(Action, bool, [bool; 5]); 13] = [
            (ListPiece, false, [true, true, true, true, true]),
            (ListPiece, true, [false, false, true, false, true]),
            (OpenPiece, false, [false, true, true, true, true]),
            (OpenPiece, true, [false, false, true, false, true]),
            (Qualify, false, [false, false, false, true, true]),
            (Qualify, true, [false, false, false, false, true]),
            (Quarantine, false, [false, false, false, true, true]),
            (Quarantine, true, [false, false, false, false, true]),
            (Restore, false, [false, false, false, true, true]),
            (Restore, true, [false, false, false, false, true]),
            (ReadJournal, false, [false, true, true, true, true]),
            (Review, false, [false; 5]),
            (Review, true, [false; 5]),
        ];
        let profiles = [
            ConsultantSimple,
            ConsultantDemande,
            ConsultantSensible,
            GuichetEnregistreur,
            GestionnaireTerritorial,
        ];
        for (action, sensible, expected) in table {
            for (p, want) in profiles.iter().zip(expected) {
                let t = Target {
                    demande: Some(PARIS),
                    piece: Some(piece(sensible)),
                    ..Target::default()
                };
                assert_eq!(
                    authorize(&staff(*p), action, &t),
                    want,
                    "{p} {action:?} sensible={sensible}"
                );
                let outside = Target {
                    demande: Some(LYON),
                    piece: Some(piece(sensible)),
                    ..Target::default()
                };
                assert!(!authorize(&staff(*p), action, &outside), "{p} outside");
            }
        }
        let deposit = Target {
            demande: Some(PARIS),
            ..Target::default()
        };
        let allowed: Vec<Profile> = Profile::ALL
            .into_iter()
            .filter(|p| authorize(&staff(*p), Deposit, &deposit))
            .collect();
        assert_eq!(allowed, [GuichetEnregistreur, Operateur]);
    }

    #[test]
    fn operators_reach_the_queue_only() {
        let op = staff(Profile::Operateur);
        let queued = PieceRef {
            sensible: true,
            in_review_queue: true,
            ..PieceRef::default()
        };
        let paris = ["075".to_string()];
        let no_demande = Target {
            demande: None,
            piece: Some(queued),
            queue_territory: &paris,
        };
        for a in [
            Action::ListPiece,
            Action::OpenPiece,
            Action::Qualify,
            Action::Review,
        ] {
            assert!(authorize(&op, a, &no_demande), "{a:?}");
        }
        for a in [Action::Quarantine, Action::Restore, Action::ReadJournal] {
            assert!(!authorize(&op, a, &no_demande), "{a:?}");
        }
        let attached = Target {
            demande: Some(PARIS),
            piece: Some(piece(false)),
            ..Target::default()
        };
        for a in [
            Action::ListPiece,
            Action::OpenPiece,
            Action::Qualify,
            Action::ViewDemande,
        ] {
            assert!(!authorize(&op, a, &attached), "{a:?}");
        }
        let queued_outside = Target {
            demande: Some(LYON),
            piece: Some(queued),
            ..Target::default()
        };
        assert!(!authorize(&op, Action::OpenPiece, &queued_outside));
        // On no demande yet: the territory of whoever sent the batch decides; none, nobody.
        let lyon = ["069".to_string()];
        for territory in [&lyon[..], &[]] {
            let elsewhere = Target {
                demande: None,
                piece: Some(queued),
                queue_territory: territory,
            };
            for a in [
                Action::ListPiece,
                Action::OpenPiece,
                Action::Qualify,
                Action::Review,
            ] {
                assert!(!authorize(&op, a, &elsewhere), "{a:?} {territory:?}");
            }
        }
        // The queue itself (no item) is the operators' page.
        assert!(authorize(&op, Action::Review, &Target::default()));
        let quarantined = Target {
            piece: Some(PieceRef {
                quarantined: true,
                ..queued
            }),
            ..no_demande
        };
        assert!(!authorize(&op, Action::OpenPiece, &quarantined));
    }

    #[test]
    fn quarantine_is_out_of_reach_but_for_those_who_restore() {
        use Action::*;
        for sensible in [false, true] {
            let t = Target {
                demande: Some(PARIS),
                piece: Some(PieceRef {
                    sensible,
                    quarantined: true,
                    ..PieceRef::default()
                }),
                ..Target::default()
            };
            for p in Profile::ALL {
                let restorer = matches!(
                    p,
                    Profile::GestionnaireTerritorial | Profile::GuichetEnregistreur
                ) && (!sensible || p.cleared_for_sensible());
                for a in [ListPiece, OpenPiece, Restore] {
                    assert_eq!(
                        authorize(&staff(p), a, &t),
                        restorer,
                        "{p} {a:?} {sensible}"
                    );
                }
                for a in [Qualify, Quarantine] {
                    assert!(!authorize(&staff(p), a, &t), "{p} {a:?}");
                }
            }
            let me = Actor::Applicant {
                numero: PARIS.numero.into(),
            };
            let mine = Target {
                piece: Some(PieceRef {
                    by_applicant: true,
                    quarantined: true,
                    ..PieceRef::default()
                }),
                ..t
            };
            for a in [ListPiece, OpenPiece, Quarantine, Restore] {
                assert!(!authorize(&me, a, &mine), "applicant {a:?}");
            }
        }
    }

    #[test]
    fn internal_notes_are_not_shown_to_applicants() {
        let me = Actor::Applicant {
            numero: PARIS.numero.into(),
        };
        let note = Target {
            demande: Some(PARIS),
            piece: Some(PieceRef {
                sensible: true,
                internal: true,
                ..PieceRef::default()
            }),
            ..Target::default()
        };
        assert!(!authorize(&me, Action::ListPiece, &note));
        assert!(!authorize(&me, Action::OpenPiece, &note));
        assert!(authorize(
            &staff(Profile::ConsultantSensible),
            Action::OpenPiece,
            &note
        ));
    }

    #[test]
    fn applicants_reach_their_own_demande_only() {
        let me = Actor::Applicant {
            numero: PARIS.numero.into(),
        };
        let own = |by_applicant, sensible| Target {
            demande: Some(PARIS),
            piece: Some(PieceRef {
                sensible,
                by_applicant,
                ..PieceRef::default()
            }),
            ..Target::default()
        };
        for sensible in [false, true] {
            assert!(authorize(&me, Action::ListPiece, &own(false, sensible)));
            assert!(authorize(&me, Action::OpenPiece, &own(false, sensible)));
        }
        assert!(authorize(&me, Action::Quarantine, &own(true, false)));
        assert!(!authorize(&me, Action::Quarantine, &own(false, false)));
        for a in [
            Action::Qualify,
            Action::Restore,
            Action::ReadJournal,
            Action::Review,
        ] {
            assert!(!authorize(&me, a, &own(true, false)), "{a:?}");
        }
        let other = Target {
            demande: Some(LYON),
            piece: Some(piece(false)),
            ..Target::default()
        };
        for a in [
            Action::ViewDemande,
            Action::ListPiece,
            Action::OpenPiece,
            Action::Deposit,
        ] {
            assert!(!authorize(&me, a, &other), "{a:?}");
        }
        assert!(!authorize(&me, Action::ViewDemande, &Target::default()));
    }

    #[test]
    fn profiles_round_trip() {
        for p in Profile::ALL {
            assert_eq!(p.as_str().parse::<Profile>().unwrap(), p);
        }
        assert!("admin".parse::<Profile>().unwrap_err().contains("inconnu"));
    }
}
