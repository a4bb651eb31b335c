//! Every user-facing string lives here, so that a second language is one new module away.
//! French is the company's language and the default.
//!
//! Only text: this module imports nothing from the crate, and the codes that name things in
//! URLs and in the database (`?ok=created`, `create`, `full_name`…) are matched onto these
//! constants by the types that own them (`routes::Notice`, `audit::model::Action`…).
//! Not UI text, so not here: log messages (English), demo data, the list of common passwords,
//! and `rgpd::model::ERASED`, a value the database's `audit_record_erase` checks as it is.

pub mod fr;
