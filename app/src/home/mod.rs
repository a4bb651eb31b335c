//! "Ma journée", the home page: the work waiting for the signed-in collaborator, as queues of
//! their department (a count, the first rows, a link to the full filtered list).

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
