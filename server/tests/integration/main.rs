//! The server's integration tests: one binary (one link step) with a module per subject, each
//! test on a database of its own (`#[sqlx::test]`). Run one subject with
//! `cargo test -p server --test integration <module>::`.

mod common;

mod access;
mod admin;
mod agenda;
mod api_document;
mod api_resources;
mod api_robustness;
mod api_tokens;
mod audit_security;
mod contract_board;
mod crm;
mod db_privileges;
mod debriefs;
mod event_operations;
mod export;
mod first_load;
mod follow_ups;
mod home;
mod idempotency;
mod import;
mod input_validation;
mod instances;
mod must_change_password;
mod notes;
mod notifications;
mod payments;
mod pipeline;
mod readiness;
mod resilience;
mod rgpd;
mod run_sheet;
mod sales_rights;
mod sign_in;
mod sign_in_throttle;
