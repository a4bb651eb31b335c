//! Readiness: whether an upcoming event is ready, from explicit checks (support, place and
//! attendees, signature, payments due before it, run sheet, follow-ups), each with its state.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
