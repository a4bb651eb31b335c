//! The audit trail: who did what to which record, with the changed fields (old → new).

pub mod api;
pub mod journal;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
