//! The audit trail: who did what to which record, with the changed fields (old → new).

pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;
