//! One integration test binary (zero2prod style): `app` starts the real services per test.

mod access;
mod accounts;
mod app;
mod applicant_mail;
mod bad_input;
mod db_roles;
mod faults;
mod hidden_pieces;
mod hostile;
mod limits;
mod menage;
mod objects;
mod paper_channel;
mod photos;
mod portals;
mod privacy;
mod registry;
mod review;
mod side_doors;
mod specimens;
