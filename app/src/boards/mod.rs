//! Pipeline boards: events by state and contracts by stage, in columns, each paged on its own,
//! cards moved by a plain form or by dragging them, through the same rules as the records'
//! pages.

pub mod api;
pub mod contract_model;
pub mod contract_pages;
#[cfg(feature = "ssr")]
pub mod contract_repo;
pub mod model;
pub mod pages;
pub mod paging;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
