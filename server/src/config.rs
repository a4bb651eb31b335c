//! Typed configuration from environment variables, with defaults that serve the local demo.

use std::net::SocketAddr;
use std::sync::Arc;

use secrecy::SecretString;

use app::auth::client_addr::TrustedProxies;
use app::collaborators::reveal::PasswordSeal;
use app::notifications::digest::Mailer;

use crate::api::jwt::JwtKey;
use crate::db::{PoolSettings, parse_duration};
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
    /// The connection that listens for ended accesses, when it may not share `database_url`'s
    /// (PgBouncer in transaction mode).
    pub database_listen_url: Option<SecretString>,
    /// A read replica for the lists (`DATABASE_READ_URL`); the primary when unset.
    pub database_read_url: Option<SecretString>,
    pub bind: SocketAddr,
    /// Served over HTTPS: cookies get `Secure` and the `__Host-` prefix.
    pub secure_cookies: bool,
    /// The application pool: its size, timeouts and connections' lifetime.
    pub db: PoolSettings,
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
    /// Seals generated passwords waiting to be shown, derived from the same shared secret: what
    /// one instance seals, another opens. Without one, a random key of this process.
    pub password_seal: Option<Arc<PasswordSeal>>,
    /// Swagger UI's files, served at `/api/docs`.
    pub api_docs_dir: String,
    /// Sends the daily digest of notifications (`SMTP_URL`, from `SMTP_FROM`); without it,
    /// nothing is ever e-mailed.
    pub mailer: Option<Mailer>,
}

fn var(name: &'static str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    parse_from(var(name), name, default)
}

fn parse_from<T: std::str::FromStr>(raw: Option<String>, name: &'static str, default: T) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match raw {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|e: T::Err| ConfigError::Invalid { name, reason: e.to_string() }),
    }
}

/// The `DB_*` settings, as `var` reads them; unset ones keep the defaults of `db.rs`.
fn pool_settings(var: impl Fn(&'static str) -> Option<String>) -> Result<PoolSettings, ConfigError> {
    let defaults = PoolSettings::default();
    let duration = |name: &'static str, default| match var(name) {
        None => Ok(default),
        Some(raw) => parse_duration(&raw).map_err(|reason| ConfigError::Invalid { name, reason }),
    };
    let max_connections = parse_from(var("DB_MAX_CONNECTIONS"), "DB_MAX_CONNECTIONS", defaults.max_connections)?;
    if max_connections == 0 {
        return Err(ConfigError::Invalid { name: "DB_MAX_CONNECTIONS", reason: "must be 1 or more".into() });
    }
    Ok(PoolSettings {
        max_connections,
        statement_timeout: duration("DB_STATEMENT_TIMEOUT", defaults.statement_timeout)?,
        idle_in_transaction_timeout: duration("DB_IDLE_IN_TRANSACTION_TIMEOUT", defaults.idle_in_transaction_timeout)?,
        max_lifetime: duration("DB_MAX_LIFETIME", defaults.max_lifetime)?,
        acquire_timeout: duration("DB_ACQUIRE_TIMEOUT", defaults.acquire_timeout)?,
    })
}

pub fn required_secret(name: &'static str) -> Result<SecretString, ConfigError> {
    var(name).map(SecretString::from).ok_or(ConfigError::Missing(name))
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        let bind = parse("BIND_ADDR", SocketAddr::from(([127, 0, 0, 1], 3000)))?;
        let invalid = |name| move |reason| ConfigError::Invalid { name, reason };
        let (secret_name, shared_secret) = shared_secret()?;
        Ok(Config {
            database_url: required_secret("DATABASE_URL")?,
            database_listen_url: var("DATABASE_LISTEN_URL").map(SecretString::from),
            database_read_url: var("DATABASE_READ_URL").map(SecretString::from),
            bind,
            secure_cookies: parse("SECURE_COOKIES", false)?,
            db: pool_settings(var)?,
            hashing_concurrency: parse("HASHING_CONCURRENCY", cores)?,
            hashing_queue: parse("HASHING_QUEUE", DEFAULT_HASHING_QUEUE)?,
            trusted_proxies: TrustedProxies::parse(&var("TRUSTED_PROXIES").unwrap_or_default())
                .map_err(invalid("TRUSTED_PROXIES"))?,
            public_origin: match var("PUBLIC_ORIGIN") {
                Some(origin) => PublicOrigin::parse(&origin).map_err(invalid("PUBLIC_ORIGIN"))?,
                None => PublicOrigin::for_bind_address(bind),
            },
            jwt_key: shared_secret.as_deref().map(JwtKey::new).transpose().map_err(invalid(secret_name))?,
            password_seal: shared_secret.as_deref().map(|secret| Arc::new(PasswordSeal::derive(secret))),
            api_docs_dir: var("API_DOCS_DIR").unwrap_or_else(|| DEFAULT_API_DOCS_DIR.to_owned()),
            mailer: var("SMTP_URL")
                .map(|url| Mailer::new(&url, &var("SMTP_FROM").unwrap_or_else(|| DEFAULT_SMTP_FROM.to_owned())))
                .transpose()
                .map_err(invalid("SMTP_URL"))?,
        })
    }
}

pub const DEFAULT_HASHING_QUEUE: usize = 32;

pub const DEFAULT_SMTP_FROM: &str = "Epic Events <notifications@epic-events.localhost>";

pub const DEFAULT_API_DOCS_DIR: &str = "api-docs/node_modules/swagger-ui-dist";

/// The instances' shared secret, from `JWT_SIGNING_KEY_FILE` (the file's text, trimmed) or
/// `JWT_SIGNING_KEY`, with the variable's name; 32 bytes at least (checked by `JwtKey::new`).
fn shared_secret() -> Result<(&'static str, Option<Vec<u8>>), ConfigError> {
    if let Some(path) = var("JWT_SIGNING_KEY_FILE") {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| ConfigError::Invalid { name: "JWT_SIGNING_KEY_FILE", reason: format!("{path}: {e}") })?;
        Ok(("JWT_SIGNING_KEY_FILE", Some(text.trim().as_bytes().to_vec())))
    } else {
        Ok(("JWT_SIGNING_KEY", var("JWT_SIGNING_KEY").map(|text| text.trim().as_bytes().to_vec())))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<PoolSettings, String> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        pool_settings(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())).map_err(|e| e.to_string())
    }

    #[test]
    fn unset_pool_settings_keep_the_defaults_for_two_cores() {
        let defaults = settings(&[]).unwrap();
        assert_eq!(defaults, PoolSettings::default());
        assert_eq!(defaults.max_connections, 16);
        assert_eq!(defaults.statement_timeout, Duration::from_secs(10));
        assert_eq!(defaults.idle_in_transaction_timeout, Duration::from_secs(30));
        assert_eq!(defaults.max_lifetime, Duration::from_secs(30 * 60));
        assert_eq!(defaults.acquire_timeout, crate::db::ACQUIRE_TIMEOUT);
    }

    #[test]
    fn pool_settings_read_postgresql_durations() {
        let read = settings(&[
            ("DB_MAX_CONNECTIONS", " 8 "),
            ("DB_STATEMENT_TIMEOUT", "1500ms"),
            ("DB_IDLE_IN_TRANSACTION_TIMEOUT", "2min"),
            ("DB_MAX_LIFETIME", "1h"),
            ("DB_ACQUIRE_TIMEOUT", "3s"),
        ])
        .unwrap();
        assert_eq!(
            read,
            PoolSettings {
                max_connections: 8,
                statement_timeout: Duration::from_millis(1500),
                idle_in_transaction_timeout: Duration::from_secs(120),
                max_lifetime: Duration::from_secs(3600),
                acquire_timeout: Duration::from_secs(3),
            }
        );
    }

    #[test]
    fn a_bad_pool_setting_is_a_config_error_naming_the_variable() {
        for (name, value, says) in [
            ("DB_STATEMENT_TIMEOUT", "10", "not a duration"),
            ("DB_STATEMENT_TIMEOUT", "ten seconds", "not a duration"),
            ("DB_IDLE_IN_TRANSACTION_TIMEOUT", "30 days", "not a duration"),
            ("DB_IDLE_IN_TRANSACTION_TIMEOUT", "-5s", "not a duration"),
            ("DB_MAX_LIFETIME", "0s", "more than zero"),
            ("DB_ACQUIRE_TIMEOUT", "9999h", "too long"),
            ("DB_MAX_CONNECTIONS", "0", "1 or more"),
            ("DB_MAX_CONNECTIONS", "many", "invalid digit"),
        ] {
            let error = settings(&[(name, value)]).unwrap_err();
            assert!(error.starts_with(&format!("{name} is invalid: ")), "{name}={value}: {error}");
            assert!(error.contains(says), "{name}={value}: {error}");
        }
    }
}
