//! Typed configuration from environment variables, with defaults that serve the local demo.

use std::net::SocketAddr;

use secrecy::SecretString;

use app::auth::client_addr::TrustedProxies;

use crate::api::jwt::JwtKey;
use crate::middleware::cross_site::PublicOrigin;

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
    /// Password checks waiting for a hashing worker; past this, sign-ins answer 503.
    pub hashing_queue: usize,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: TrustedProxies,
    /// The site's origin as browsers see it; state-changing requests from any other are refused.
    pub public_origin: PublicOrigin,
    /// Signs the REST API's access tokens; without one, a random key lives as long as the process.
    pub jwt_key: Option<JwtKey>,
    /// Swagger UI's files, served at `/api/docs`.
    pub api_docs_dir: String,
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
        let bind = parse("BIND_ADDR", SocketAddr::from(([127, 0, 0, 1], 3000)))?;
        let invalid = |name| move |reason| ConfigError::Invalid { name, reason };
        Ok(Config {
            database_url: required_secret("DATABASE_URL")?,
            bind,
            secure_cookies: parse("SECURE_COOKIES", false)?,
            db_max_connections: parse("DB_MAX_CONNECTIONS", 16)?,
            hashing_concurrency: parse("HASHING_CONCURRENCY", cores)?,
            hashing_queue: parse("HASHING_QUEUE", DEFAULT_HASHING_QUEUE)?,
            trusted_proxies: TrustedProxies::parse(&var("TRUSTED_PROXIES").unwrap_or_default())
                .map_err(invalid("TRUSTED_PROXIES"))?,
            public_origin: match var("PUBLIC_ORIGIN") {
                Some(origin) => PublicOrigin::parse(&origin).map_err(invalid("PUBLIC_ORIGIN"))?,
                None => PublicOrigin::for_bind_address(bind),
            },
            jwt_key: jwt_key()?,
            api_docs_dir: var("API_DOCS_DIR").unwrap_or_else(|| DEFAULT_API_DOCS_DIR.to_owned()),
        })
    }
}

pub const DEFAULT_HASHING_QUEUE: usize = 32;

pub const DEFAULT_API_DOCS_DIR: &str = "api-docs/node_modules/swagger-ui-dist";

/// The key from `JWT_SIGNING_KEY_FILE` (the file's text, trimmed) or `JWT_SIGNING_KEY`;
/// 32 bytes at least.
fn jwt_key() -> Result<Option<JwtKey>, ConfigError> {
    let (name, text) = if let Some(path) = var("JWT_SIGNING_KEY_FILE") {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| ConfigError::Invalid { name: "JWT_SIGNING_KEY_FILE", reason: format!("{path}: {e}") })?;
        ("JWT_SIGNING_KEY_FILE", text)
    } else if let Some(text) = var("JWT_SIGNING_KEY") {
        ("JWT_SIGNING_KEY", text)
    } else {
        return Ok(None);
    };
    JwtKey::new(text.trim().as_bytes()).map(Some).map_err(|reason| ConfigError::Invalid { name, reason })
}
