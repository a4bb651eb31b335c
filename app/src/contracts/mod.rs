//! Contracts: what a client pays for, signed or not, paid or not.

pub mod api;
pub mod detail;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod stage;
