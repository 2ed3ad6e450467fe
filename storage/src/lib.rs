#![doc = include_str!("../README.md")]

pub mod applicant_mail;
pub mod dates;
pub mod db;
pub mod dead_letters;
pub mod menage;
pub mod objects;
pub mod portal;
pub mod registry_csv;
pub mod roles;
pub mod uploads;

pub use db::{Db, DbConfig};
pub use objects::{ObjectConfig, ObjectStore};
