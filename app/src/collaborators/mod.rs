//! Collaborators: the company's staff who use the CRM.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
