//! Typed configuration from environment variables, with defaults that serve the local demo.

use std::net::SocketAddr;

use secrecy::SecretString;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is not set")]
    Missing(&'static str),
    #[error("{name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

#[derive(Debug, Clone)]
pub struct Config {
    /// The application role's connection: data access only.
    pub database_url: SecretString,
    pub bind: SocketAddr,
    /// Served over HTTPS: cookies get `Secure` and the `__Host-` prefix.
    pub secure_cookies: bool,
    pub db_max_connections: u32,
    /// Concurrent argon2 computations (each holds 19 MiB and a core).
    pub hashing_concurrency: usize,
}

fn var(name: &'static str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|e: T::Err| ConfigError::Invalid { name, reason: e.to_string() }),
    }
}

pub fn required_secret(name: &'static str) -> Result<SecretString, ConfigError> {
    var(name).map(SecretString::from).ok_or(ConfigError::Missing(name))
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Ok(Config {
            database_url: required_secret("DATABASE_URL")?,
            bind: parse("BIND_ADDR", SocketAddr::from(([127, 0, 0, 1], 3000)))?,
            secure_cookies: parse("SECURE_COOKIES", false)?,
            db_max_connections: parse("DB_MAX_CONNECTIONS", 16)?,
            hashing_concurrency: parse("HASHING_CONCURRENCY", cores)?,
        })
    }
}
