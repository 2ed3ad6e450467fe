#![doc = include_str!("../README.md")]

mod codes;
mod numero_unique;
mod plan;

pub use codes::{CategoryCode, CodeError, TypeCode};
pub use numero_unique::{NumeroUnique, NumeroUniqueError};
pub use plan::{Category, PieceType, Plan, PlanError};
