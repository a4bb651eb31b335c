//! Payments: a contract's schedule (its milestones), the payments received, and what is owed
//! ("Encaissements"). What remains to be paid is derived from the payments, never typed.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod schedule;
#[cfg(feature = "ssr")]
pub mod service;
