//! Notifications: what happened that one collaborator should know (an event assigned to them or
//! changed by someone else, a contract of theirs signed or paid, a follow-up due, for management
//! an event soon and without support). Shown by the bell, updated live on every instance, and
//! optionally sent as a daily e-mail digest.

pub mod api;
#[cfg(feature = "ssr")]
pub mod digest;
#[cfg(feature = "ssr")]
pub mod live;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod stream;
