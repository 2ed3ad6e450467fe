#![doc = include_str!("../README.md")]

mod codes;
mod lexicon;
mod numero_unique;
mod plan;

pub use codes::{CategoryCode, CodeError, TypeCode};
pub use lexicon::{Lexicon, LexiconError, TypeCues, BUNDLED_LEXICON};
pub use numero_unique::{NumeroUnique, NumeroUniqueError};
pub use plan::{Category, PieceType, Plan, PlanError};
