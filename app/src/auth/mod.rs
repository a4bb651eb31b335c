//! Collaborators signing in and out.

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod actor_cache;
pub mod api;
#[cfg(feature = "ssr")]
pub mod api_tokens;
#[cfg(feature = "ssr")]
pub mod client_addr;
#[cfg(feature = "ssr")]
pub mod common_passwords;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod password_policy;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;
pub mod throttle;

pub use model::{Actor, Department, SessionInfo, SessionKind};
