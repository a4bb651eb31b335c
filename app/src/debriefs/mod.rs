//! Debriefs: after an event, its support says what went well, what did not, how satisfied the
//! client was and how many came; the sales contact is then reminded to propose the next edition.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
