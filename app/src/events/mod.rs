//! Events: what a signed contract pays for, run by a support collaborator.

pub mod api;
pub mod detail;
#[cfg(feature = "ssr")]
pub mod lifecycle;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod status;
pub mod status_pages;
