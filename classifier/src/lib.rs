#![doc = include_str!("../README.md")]

pub mod analyze;
pub mod blank;
pub mod cover;
pub mod dates;
pub mod grouping;
pub mod holder;
pub mod mrz;
pub mod names;
pub mod numero;
pub mod ocr;
pub mod text;
pub mod types;

pub use analyze::{analyze_page, analyze_page_with, PageAnalysis, PageKind};
pub use ocr::{Ocr, OcrText, Rect, Word};
