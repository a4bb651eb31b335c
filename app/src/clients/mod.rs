//! Clients: the companies' contacts the sales team follows.

pub mod api;
pub mod detail;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
