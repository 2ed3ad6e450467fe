#![doc = include_str!("../README.md")]

pub mod db;
pub mod objects;
pub mod registry_csv;

pub use db::{Db, DbConfig};
pub use objects::{ObjectConfig, ObjectStore};
