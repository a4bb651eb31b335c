//! Collaborators: the company's staff who use the CRM, and their administration by management.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod reveal;
#[cfg(feature = "ssr")]
pub mod service;
