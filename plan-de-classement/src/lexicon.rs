//! The classifier's lexicon as data (`lexicon.toml`): how each type of the plan reads on a page.
//!
//! Kept beside the plan it describes and checked against it ([`Lexicon::check`]) when a program
//! starts: a type the plan does not have, or a type of the plan with no cues, stops the program
//! instead of leaving a kind of piece that can never be recognised.

use std::collections::{BTreeMap, HashSet};

use crate::{Plan, TypeCode};

/// The lexicon shipped with the platform (`lexicon.toml`).
pub const BUNDLED_LEXICON: &str = include_str!("../lexicon.toml");

/// The cues of one type, in the file's words (the classifier normalises them).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeCues {
    pub code: TypeCode,
    /// What the document calls itself.
    #[serde(default)]
    pub titles: Vec<String>,
    /// Terms that belong to this document and few others.
    #[serde(default)]
    pub strong: Vec<String>,
    /// Shared vocabulary.
    #[serde(default)]
    pub weak: Vec<String>,
    /// The organisations that issue this document (weighed as strong cues): named in a
    /// heading, an issuer is not the document's subject ("Justificatif d'inscription à Pôle
    /// emploi" is a registration, not an allowance).
    #[serde(default)]
    pub issuers: Vec<String>,
}

/// The whole lexicon: cues per type, in the file's order, and the types read through another's
/// cues (the spouse's identity documents read like the applicant's; the holder decides).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    #[serde(default)]
    pub derived: BTreeMap<TypeCode, TypeCode>,
    pub types: Vec<TypeCues>,
}

/// Why a lexicon was refused.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("lexique illisible : {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("lexique : type {0} décrit deux fois")]
    Duplicate(TypeCode),
    #[error("lexique : type {0} sans aucun indice")]
    NoCues(TypeCode),
    #[error("lexique : expression vide pour le type {0}")]
    EmptyPhrase(TypeCode),
    #[error("lexique : le type {0} n'existe pas dans le plan de classement")]
    UnknownType(TypeCode),
    #[error("lexique : le type {0} du plan de classement n'a aucun indice")]
    Uncovered(TypeCode),
    #[error("lexique : {0} se lit comme {1}, qui n'a pas d'indices")]
    DerivedFromNothing(TypeCode, TypeCode),
}

impl Lexicon {
    /// The lexicon bundled with this build.
    ///
    /// # Panics
    /// Never in a released build: a unit test parses the bundled file and checks it against the
    /// bundled plan.
    pub fn bundled() -> Self {
        Self::parse(BUNDLED_LEXICON).expect("the bundled lexicon is consistent")
    }

    /// Parses a lexicon file and checks it on its own (no duplicate type, no type without cues,
    /// no empty phrase).
    ///
    /// # Errors
    /// [`LexiconError`].
    pub fn parse(text: &str) -> Result<Self, LexiconError> {
        let lexicon: Lexicon = toml::from_str(text)?;
        let mut seen = HashSet::new();
        for t in &lexicon.types {
            if !seen.insert(&t.code) {
                return Err(LexiconError::Duplicate(t.code.clone()));
            }
            let phrases = t
                .titles
                .iter()
                .chain(&t.strong)
                .chain(&t.weak)
                .chain(&t.issuers);
            if phrases.clone().next().is_none() {
                return Err(LexiconError::NoCues(t.code.clone()));
            }
            if phrases.clone().any(|p| p.trim().is_empty()) {
                return Err(LexiconError::EmptyPhrase(t.code.clone()));
            }
        }
        for (derived, from) in &lexicon.derived {
            if seen.contains(derived) {
                return Err(LexiconError::Duplicate(derived.clone()));
            }
            if !seen.contains(from) {
                return Err(LexiconError::DerivedFromNothing(
                    derived.clone(),
                    from.clone(),
                ));
            }
        }
        Ok(lexicon)
    }

    /// Checks the lexicon against a plan: every type it names exists in the plan, and every
    /// type of the plan has cues (its own, or those of the type it is derived from).
    ///
    /// # Errors
    /// The first [`LexiconError::UnknownType`] or [`LexiconError::Uncovered`] found.
    pub fn check(&self, plan: &Plan) -> Result<(), LexiconError> {
        let named = self
            .types
            .iter()
            .map(|t| &t.code)
            .chain(self.derived.keys());
        if let Some(unknown) = named.clone().find(|c| plan.piece_type(c).is_none()) {
            return Err(LexiconError::UnknownType(unknown.clone()));
        }
        let covered: HashSet<&TypeCode> = named.collect();
        match plan.types().find(|t| !covered.contains(&t.code)) {
            Some(t) => Err(LexiconError::Uncovered(t.code.clone())),
            None => Ok(()),
        }
    }

    /// The type read through `code`'s cues whose holder is the spouse or co-applicant
    /// (`CID` → `CIDC`), if the lexicon declares one.
    pub fn derived_from(&self, code: &TypeCode) -> Option<&TypeCode> {
        self.derived
            .iter()
            .find(|(_, from)| *from == code)
            .map(|(derived, _)| derived)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_covers_the_bundled_plan() {
        let lexicon = Lexicon::bundled();
        lexicon.check(&Plan::bundled()).unwrap();
        assert_eq!(
            lexicon
                .derived_from(&TypeCode::parse("CID").unwrap())
                .map(TypeCode::as_str),
            Some("CIDC")
        );
    }

    const PLAN: &str = r#"
version = 1
[[categories]]
code = "IDD"
label = "Identité"
types = [
  { code = "CID", label = "Carte", limit = 2, sensible = false },
  { code = "CIDC", label = "Carte du conjoint", limit = 2, sensible = false },
]
[[categories]]
code = "RES"
label = "Ressources"
types = [{ code = "BSAL", label = "Bulletin", limit = 3, sensible = false }]
"#;

    #[test]
    fn a_type_the_plan_lacks_or_a_plan_type_without_cues_is_refused() {
        let plan = Plan::parse(PLAN).unwrap();
        let ok = Lexicon::parse(
            "derived = { CIDC = \"CID\" }\n\
             [[types]]\ncode = \"CID\"\ntitles = [\"passeport\"]\n\
             [[types]]\ncode = \"BSAL\"\nweak = [\"salaire\"]\n",
        )
        .unwrap();
        ok.check(&plan).unwrap();

        let missing = Lexicon::parse(
            "derived = { CIDC = \"CID\" }\n[[types]]\ncode = \"CID\"\ntitles = [\"passeport\"]\n",
        )
        .unwrap();
        assert!(
            matches!(missing.check(&plan), Err(LexiconError::Uncovered(c)) if c.as_str() == "BSAL")
        );

        let stranger = Lexicon::parse(
            "derived = { CIDC = \"CID\" }\n\
             [[types]]\ncode = \"CID\"\ntitles = [\"passeport\"]\n\
             [[types]]\ncode = \"BSAL\"\nweak = [\"salaire\"]\n\
             [[types]]\ncode = \"QUIT\"\nweak = [\"loyer\"]\n",
        )
        .unwrap();
        let err = stranger.check(&plan).unwrap_err();
        assert!(matches!(&err, LexiconError::UnknownType(c) if c.as_str() == "QUIT"));
        assert_eq!(
            err.to_string(),
            "lexique : le type QUIT n'existe pas dans le plan de classement"
        );
    }

    #[test]
    fn a_malformed_lexicon_is_refused_on_its_own() {
        let no_cues = "[[types]]\ncode = \"CID\"\n";
        assert!(matches!(
            Lexicon::parse(no_cues),
            Err(LexiconError::NoCues(_))
        ));
        let twice = "[[types]]\ncode = \"CID\"\nweak = [\"a\"]\n[[types]]\ncode = \"CID\"\nweak = [\"b\"]\n";
        assert!(matches!(
            Lexicon::parse(twice),
            Err(LexiconError::Duplicate(_))
        ));
        let empty = "[[types]]\ncode = \"CID\"\nweak = [\" \"]\n";
        assert!(matches!(
            Lexicon::parse(empty),
            Err(LexiconError::EmptyPhrase(_))
        ));
        let orphan = "derived = { CIDC = \"CID\" }\n[[types]]\ncode = \"BSAL\"\nweak = [\"a\"]\n";
        assert!(matches!(
            Lexicon::parse(orphan),
            Err(LexiconError::DerivedFromNothing(..))
        ));
        let unknown_key = "[[types]]\ncode = \"CID\"\nwaek = [\"a\"]\n";
        assert!(matches!(
            Lexicon::parse(unknown_key),
            Err(LexiconError::Syntax(_))
        ));
    }
}
