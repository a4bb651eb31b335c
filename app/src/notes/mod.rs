//! Notes: what was said to a client (a call, an e-mail, a meeting), written on the client, one of
//! its contracts or one of its events, and shown in the record's timeline with its history.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
