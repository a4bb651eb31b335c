//! "Importer (CSV)": clients from a spreadsheet, in three steps. The upload (`http`, a plain
//! `multipart/form-data` post) reads the file (`parse`: UTF-8, `;` or `,`, French or English
//! column names), checks every row as the client form does, finds the likely duplicates in one
//! query and stages the lot server-side (table `client_import`, one hour); the preview page
//! shows each row's errors and lets the importer skip or update each duplicate; the
//! confirmation writes everything in one transaction, with an audit record per client, once.

pub mod api;
#[cfg(feature = "ssr")]
pub mod http;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod parse;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
