pub mod batches;
pub mod health;
