//! Interface building blocks shared by the CRM pages: lists, details, errors.

pub mod detail;
pub mod list;
pub mod status;
