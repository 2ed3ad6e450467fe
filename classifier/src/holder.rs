//! Whose piece is it? The household as the registry knows it, and the check of a piece's
//! holder against it.

/// How a member of the household is related to the demande.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The applicant himself.
    Demandeur,
    Conjoint,
    Codemandeur,
    Enfant,
    Autre,
}

impl Role {
    /// The registry's word (`lien` column of the household file; `demandeur` for the applicant).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Demandeur => "demandeur",
            Role::Conjoint => "conjoint",
            Role::Codemandeur => "codemandeur",
            Role::Enfant => "enfant",
            Role::Autre => "autre",
        }
    }

    /// Parses a `lien` of the household file (`conjoint`, `codemandeur`, `enfant`, `autre`).
    pub fn parse_lien(s: &str) -> Option<Self> {
        match s {
            "conjoint" => Some(Role::Conjoint),
            "codemandeur" => Some(Role::Codemandeur),
            "enfant" => Some(Role::Enfant),
            "autre" => Some(Role::Autre),
            _ => None,
        }
    }
}

/// A person of the household: the applicant or a member declared with the demande.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub role: Role,
    pub nom: String,
    pub prenom: String,
    /// (year, month, day)
    pub date_naissance: Option<(i32, u32, u32)>,
}
