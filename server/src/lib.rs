//! The Epic Events server: configuration, database set-up, the HTTP pipeline.

pub mod api;
pub mod assets;
pub mod cli_error;
pub mod config;
pub mod db;
pub mod demo;
pub mod error_pages;
pub mod generate;
pub mod limits;
pub mod middleware;
pub mod router;
pub mod telemetry;
