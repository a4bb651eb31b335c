//! The security log (sign-ins, failures, lockouts, password changes, sessions ended, and the
//! audit trail's deactivations, exports and anonymisations) and collaborators' open sessions.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
