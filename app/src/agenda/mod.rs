//! The events calendar (`/agenda`): month, week and list views of a date range, filtered like
//! the event list; and each collaborator's secret calendar feed (ICS) for their own calendar.

pub mod api;
#[cfg(feature = "ssr")]
pub mod feed;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
