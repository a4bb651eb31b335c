//! RGPD (GDPR) tools for management: a client's data export (access and portability), the
//! anonymisation of a client (erasure), the retention list, and the processing register page.

pub mod api;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
