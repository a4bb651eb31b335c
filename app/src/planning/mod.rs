//! Support planning: assigning support without double booking (the week's load, the free and
//! least-loaded person, an override with a reason), and events at one place at one time.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
