pub mod batches;
pub mod health;
pub mod openapi;
pub mod pieces;
pub mod review;
