//! The event-day run sheet ("feuille de route"): a page per event, printable on one A4 sheet
//! and readable on a phone, its PDF, and the forms that keep its timeline, access notes and
//! contact on site (the event's support and management; everyone signed in reads it).

pub mod api;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
