//! One integration test binary (zero2prod style): `app` starts the real services per test.

mod access;
mod app;
mod bad_input;
mod db_roles;
mod faults;
mod hostile;
mod menage;
mod objects;
mod paper_channel;
mod photos;
mod portals;
mod privacy;
mod registry;
mod review;
mod specimens;
