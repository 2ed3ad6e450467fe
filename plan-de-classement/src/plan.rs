use std::collections::{BTreeMap, HashSet};

use crate::{CategoryCode, TypeCode};

/// The plan de classement shipped with the platform (`plan.toml`).
pub const BUNDLED_PLAN: &str = include_str!("../plan.toml");

/// A category of the plan, with its types in the file's order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Category {
    pub code: CategoryCode,
    pub label: String,
    pub types: Vec<PieceType>,
}

/// A piece type with its limit and sensitivity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PieceType {
    pub code: TypeCode,
    pub category: CategoryCode,
    pub label: String,
    /// Maximum number of pieces of this type one demande may hold at once (≥ 1).
    pub limit: u32,
    /// Visible only to profiles cleared for sensitive pieces.
    pub sensible: bool,
}

/// The whole plan, checked for consistency.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Plan {
    pub version: u32,
    pub categories: Vec<Category>,
    #[serde(skip)]
    by_type: BTreeMap<TypeCode, (usize, usize)>,
}

/// Why a plan file was refused.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("plan de classement illisible : {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("plan de classement : version 0 invalide")]
    Version,
    #[error("plan de classement : code {0} en double")]
    Duplicate(String),
    #[error("plan de classement : catégorie {0} sans type")]
    EmptyCategory(CategoryCode),
    #[error("plan de classement : limite nulle pour le type {0}")]
    ZeroLimit(TypeCode),
    #[error("plan de classement : libellé vide pour {0}")]
    EmptyLabel(String),
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    version: u32,
    categories: Vec<RawCategory>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    code: CategoryCode,
    label: String,
    types: Vec<RawType>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawType {
    code: TypeCode,
    label: String,
    limit: u32,
    sensible: bool,
}

impl Plan {
    /// The plan bundled with this build.
    ///
    /// # Panics
    /// Never in a released build: a unit test parses the bundled file.
    pub fn bundled() -> Self {
        Self::parse(BUNDLED_PLAN).expect("the bundled plan de classement is consistent")
    }

    /// Parses and checks a plan file.
    ///
    /// # Errors
    /// [`PlanError`] on a syntax error, a duplicated code (category or type, across the whole
    /// plan), an empty category, an empty label or a zero limit.
    pub fn parse(text: &str) -> Result<Self, PlanError> {
        let raw: RawPlan = toml::from_str(text)?;
        if raw.version == 0 {
            return Err(PlanError::Version);
        }
        let mut seen = HashSet::new();
        let mut categories = Vec::new();
        let mut by_type = BTreeMap::new();
        for (ci, c) in raw.categories.into_iter().enumerate() {
            if !seen.insert(c.code.to_string()) {
                return Err(PlanError::Duplicate(c.code.to_string()));
            }
            if c.label.trim().is_empty() {
                return Err(PlanError::EmptyLabel(c.code.to_string()));
            }
            if c.types.is_empty() {
                return Err(PlanError::EmptyCategory(c.code));
            }
            let mut types = Vec::new();
            for (ti, t) in c.types.into_iter().enumerate() {
                if !seen.insert(t.code.to_string()) {
                    return Err(PlanError::Duplicate(t.code.to_string()));
                }
                if t.limit == 0 {
                    return Err(PlanError::ZeroLimit(t.code));
                }
                if t.label.trim().is_empty() {
                    return Err(PlanError::EmptyLabel(t.code.to_string()));
                }
                by_type.insert(t.code.clone(), (ci, ti));
                types.push(PieceType {
                    code: t.code,
                    category: c.code.clone(),
                    label: t.label,
                    limit: t.limit,
                    sensible: t.sensible,
                });
            }
            categories.push(Category {
                code: c.code,
                label: c.label,
                types,
            });
        }
        Ok(Plan {
            version: raw.version,
            categories,
            by_type,
        })
    }

    /// The type with this code, if the plan has it.
    pub fn piece_type(&self, code: &TypeCode) -> Option<&PieceType> {
        self.by_type
            .get(code)
            .map(|&(c, t)| &self.categories[c].types[t])
    }

    /// Every type of the plan, category by category.
    pub fn types(&self) -> impl Iterator<Item = &PieceType> {
        self.categories.iter().flat_map(|c| c.types.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_plan_has_every_type_of_the_spec() {
        let plan = Plan::bundled();
        assert_eq!(plan.categories.len(), 10);
        assert_eq!(plan.types().count(), 29);
        let fpaie = plan.piece_type(&TypeCode::parse("FPAIE").unwrap()).unwrap();
        assert_eq!(
            (fpaie.limit, fpaie.sensible, fpaie.category.as_str()),
            (15, false, "RESS")
        );
        let sensibles: Vec<_> = plan
            .types()
            .filter(|t| t.sensible)
            .map(|t| t.code.to_string())
            .collect();
        assert_eq!(
            sensibles,
            ["GROS", "JUGG", "EXPUL", "VIOL", "DIVOR", "CMI", "MDPH", "CERTMED", "NOTE"]
        );
    }

    #[test]
    fn inconsistent_plans_fail_fast() {
        let dup = "version = 1\n[[categories]]\ncode = \"AA\"\nlabel = \"a\"\ntypes = [{ code = \"AA\", label = \"x\", limit = 1, sensible = false }]";
        assert!(matches!(Plan::parse(dup), Err(PlanError::Duplicate(c)) if c == "AA"));
        let zero = "version = 1\n[[categories]]\ncode = \"AA\"\nlabel = \"a\"\ntypes = [{ code = \"BB\", label = \"x\", limit = 0, sensible = false }]";
        assert!(matches!(Plan::parse(zero), Err(PlanError::ZeroLimit(_))));
        let empty = "version = 1\n[[categories]]\ncode = \"AA\"\nlabel = \"a\"\ntypes = []";
        assert!(matches!(
            Plan::parse(empty),
            Err(PlanError::EmptyCategory(_))
        ));
        let bad_code = "version = 1\n[[categories]]\ncode = \"aa\"\nlabel = \"a\"\ntypes = []";
        assert!(matches!(Plan::parse(bad_code), Err(PlanError::Syntax(_))));
        let extra =
            "version = 1\nfoo = 2\n[[categories]]\ncode = \"AA\"\nlabel = \"a\"\ntypes = []";
        assert!(Plan::parse(extra).is_err());
    }
}
