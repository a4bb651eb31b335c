//! Follow-ups ("relances"): something to do about a client, a contract or an event, by a day,
//! for one collaborator; listed in "Mes relances" and on the record's page.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
