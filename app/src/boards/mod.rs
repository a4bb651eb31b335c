//! Pipeline boards: events by state in columns, each paged on its own, cards moved by a plain
//! form or by dragging them, through the same rules as the event's page.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
