//! Database set-up: migrations (as the owner role), privileges of the application role, demo data.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use sqlx::Connection;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use crate::cli_error;

pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// The longest a request's statement may run before PostgreSQL cancels it: far beyond any page
/// (see scripts/bench), short enough that a runaway query cannot hold a connection for long.
pub const STATEMENT_TIMEOUT: &str = "10s";
/// A transaction left open by a stuck request is ended, releasing its locks.
pub const IDLE_IN_TRANSACTION_TIMEOUT: &str = "30s";

/// How long a request waits for a connection. While PostgreSQL restarts, the pool keeps
/// trying to connect until then, so a restart shorter than this only delays requests.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// A connection is closed (and replaced when needed) after this long: a failover, a new
/// PgBouncer or a changed role setting reaches every connection within this time, and no
/// backend grows for days on its caches.
pub const MAX_LIFETIME: Duration = Duration::from_secs(30 * 60);

/// Connections per instance. PostgreSQL on 2 cores runs two queries at once at best, so more
/// connections add no throughput; 16 lets requests overlap their round trips and transactions
/// while PostgreSQL's queue stays short (scripts/bench and scripts/bench-api run with it). The
/// sum over instances must stay under PostgreSQL's `max_connections` (100 by default).
pub const MAX_CONNECTIONS: u32 = 16;

/// The application pool's settings (`DB_*` in the README); the defaults serve 2 cores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSettings {
    pub max_connections: u32,
    pub statement_timeout: Duration,
    pub idle_in_transaction_timeout: Duration,
    pub max_lifetime: Duration,
    pub acquire_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        let postgres = |text: &str| parse_duration(text).expect("a valid default");
        PoolSettings {
            max_connections: MAX_CONNECTIONS,
            statement_timeout: postgres(STATEMENT_TIMEOUT),
            idle_in_transaction_timeout: postgres(IDLE_IN_TRANSACTION_TIMEOUT),
            max_lifetime: MAX_LIFETIME,
            acquire_timeout: ACQUIRE_TIMEOUT,
        }
    }
}

impl PoolSettings {
    /// `max_connections` connections, the rest by default (the command-line tools, the tests).
    pub fn with_max_connections(max_connections: u32) -> Self {
        PoolSettings { max_connections, ..Default::default() }
    }
}

/// A duration as PostgreSQL writes it: a whole number then `ms`, `s`, `min` or `h`
/// (`10s`, `1500ms`, `30min`); more than zero.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let expected = || format!("{text:?} is not a duration such as 10s, 1500ms, 30min or 1h");
    let number: u64 = number.parse().map_err(|_| expected())?;
    let millis = match unit.trim() {
        "ms" => Some(number),
        "s" => number.checked_mul(1_000),
        "min" => number.checked_mul(60_000),
        "h" => number.checked_mul(3_600_000),
        _ => return Err(expected()),
    };
    match millis {
        Some(0) => Err(format!("{text:?} must be more than zero")),
        // PostgreSQL's timeouts are ints of milliseconds.
        Some(millis) if millis <= i32::MAX as u64 => Ok(Duration::from_millis(millis)),
        _ => Err(format!("{text:?} is too long (24 days at most)")),
    }
}

/// The settings of every connection the application makes, with the default timeouts.
pub fn session_settings(options: PgConnectOptions) -> PgConnectOptions {
    session_settings_with(options, &PoolSettings::default())
}

/// The settings of every connection the application makes. Sent as startup options, which
/// PgBouncer does not pass on in transaction mode: see "Running on several machines".
pub fn session_settings_with(options: PgConnectOptions, settings: &PoolSettings) -> PgConnectOptions {
    let millis = |duration: Duration| format!("{}ms", duration.as_millis());
    options.options([
        // Parallel plans cost more than they save when every core already serves a request.
        ("max_parallel_workers_per_gather", "0".to_owned()),
        ("statement_timeout", millis(settings.statement_timeout)),
        ("idle_in_transaction_session_timeout", millis(settings.idle_in_transaction_timeout)),
    ])
}

pub async fn connect(url: &SecretString, settings: &PoolSettings) -> sqlx::Result<PgPool> {
    let options = session_settings_with(url.expose_secret().parse::<PgConnectOptions>()?, settings);
    pool_options_with(settings).connect_with(options).await
}

/// The connections that listen: `ActorCache::listen` and `notifications::live::Hub::listen`.
pub const LISTENERS: u32 = 2;

/// Where the instance `LISTEN`s for ended accesses and notifications: `DATABASE_LISTEN_URL` when
/// set (behind PgBouncer in transaction mode, a listening connection must stay one server
/// connection: a session-mode entry or PostgreSQL itself), else the application pool.
pub async fn listen_pool(url: Option<&SecretString>, pool: &PgPool, settings: &PoolSettings) -> sqlx::Result<PgPool> {
    match url {
        // One connection per listener (ended accesses, notifications), each held for as long as
        // it listens (re-opened if lost).
        Some(url) => connect(url, &PoolSettings { max_connections: LISTENERS, ..settings.clone() }).await,
        None => Ok(pool.clone()),
    }
}

/// A pooled connection idle for this long is checked (one round trip) before it is used: after
/// a restart or a failover of PostgreSQL every idle connection is dead, and a quiet server would
/// otherwise fail one request per pooled connection. Busy connections are not checked: a check
/// before every use doubled the round trips of every query (scripts/bench-api); under load no
/// connection stays idle for a second, so the check costs nothing there.
pub const CHECK_IF_IDLE_FOR: Duration = Duration::from_secs(1);

/// The application pool's options with the default settings (the tests').
pub fn pool_options(max_connections: u32) -> PgPoolOptions {
    pool_options_with(&PoolSettings::with_max_connections(max_connections))
}

/// The application pool's options.
pub fn pool_options_with(settings: &PoolSettings) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(settings.max_connections)
        .test_before_acquire(false)
        .before_acquire(|connection, meta| {
            Box::pin(async move {
                if meta.idle_for >= CHECK_IF_IDLE_FOR {
                    // A failed ping closes this connection; the pool takes another or opens one.
                    connection.ping().await?;
                }
                Ok(true)
            })
        })
        .acquire_timeout(settings.acquire_timeout)
        .max_lifetime(settings.max_lifetime)
}

/// After a request failed on a lost connection, before it is answered or asked again: closes the pool's
/// idle connections that died too (PostgreSQL restarted or ended them), then waits until the
/// pool hands out a live connection, for its acquire timeout at most — while PostgreSQL restarts,
/// a new connection may also be reset or refused at once, and asking again then would fail the
/// same way. Returns how many idle connections had died.
pub async fn recover_connections(pool: &PgPool) -> usize {
    let dead = close_dead_idle_connections(pool).await;
    let deadline = tokio::time::Instant::now() + pool.options().get_acquire_timeout();
    let mut pause = Duration::from_millis(20);
    loop {
        if let Ok(Ok(mut connection)) = tokio::time::timeout_at(deadline, pool.acquire()).await {
            if connection.ping().await.is_ok() {
                break;
            }
            drop(connection.detach());
        }
        if tokio::time::Instant::now() + pause >= deadline {
            tracing::warn!("the database is still unreachable");
            break;
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(500));
    }
    dead
}

/// Checks the pool's idle connections and closes those that died. Returns how many died.
async fn close_dead_idle_connections(pool: &PgPool) -> usize {
    let mut alive = Vec::new();
    let mut dead = 0;
    // Held until all are checked, so that each idle connection is taken (and checked) once.
    for _ in 0..pool.num_idle() {
        let Some(mut connection) = pool.try_acquire() else { break };
        if connection.ping().await.is_ok() {
            alive.push(connection);
        } else {
            dead += 1;
            // Detached, the dead connection leaves the pool, which may open another instead.
            drop(connection.detach());
        }
    }
    dead
}

/// The migration owner's connection: no statement timeout, as a migration may rewrite large tables.
pub async fn connect_owner(url: &SecretString) -> sqlx::Result<PgPool> {
    PgPoolOptions::new().max_connections(2).connect_with(url.expose_secret().parse::<PgConnectOptions>()?).await
}

/// Applies pending migrations, then lets `app_role` read and write the app's tables — and
/// nothing else: no DDL, no migration bookkeeping, no rewriting of the trails.
pub async fn migrate(owner: &PgPool, app_role: &str) -> cli_error::Result<()> {
    MIGRATOR.run(owner).await?;
    grant_app_role(owner, app_role).await
}

/// Tables the application role inserts into and reads, never changes.
const APPEND_ONLY: &str = "audit_record, security_event, sign_in_attempt";
/// Read only: the reference tables, and the totals the database's triggers keep (written as the
/// owner, from the rows they add up).
const READ_ONLY: &str = "department, collection_month";
/// Tables whose rows are written and deleted, never changed: a payment changed in place would
/// go past the triggers that keep what remains to pay (a mistake is deleted and recorded again).
const NEVER_CHANGED: &str = "payment";
/// The owner's `security definer` functions (see the migrations), the application role's only
/// way to erase from the trail and to purge on schedule.
const OWNER_PATHS: &str = "audit_record_erase(bigint, jsonb), purge_personal_data(timestamptz)";

#[allow(clippy::disallowed_methods, reason = "`migrate` reports a failed commit as it is")]
pub async fn grant_app_role(owner: &PgPool, app_role: &str) -> cli_error::Result<()> {
    if app_role.is_empty() || !app_role.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(format!("invalid role name {app_role:?}").into());
    }
    let statements = [
        format!("grant usage on schema public to {app_role}"),
        format!("grant select, insert, update, delete on all tables in schema public to {app_role}"),
        format!("grant usage, select on all sequences in schema public to {app_role}"),
        format!("revoke all on table _sqlx_migrations from {app_role}"),
        // The audit trail, the security log and the sign-in attempts are append-only for the
        // application: what it may change there goes through the owner's narrow functions.
        format!("revoke update, delete, truncate on {APPEND_ONLY} from {app_role}"),
        format!("revoke insert, update, delete, truncate on {READ_ONLY} from {app_role}"),
        format!("revoke update, truncate on {NEVER_CHANGED} from {app_role}"),
        format!("grant execute on function {OWNER_PATHS} to {app_role}"),
    ];
    let mut tx = owner.begin().await?;
    for statement in statements {
        sqlx::query(&statement).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// `serve` runs as the application role only. A role that owns the tables (or a superuser)
/// could rewrite the audit trail and the security log, which the application role cannot:
/// refuse to start with one, and say which variable to fix.
pub async fn ensure_not_owner(pool: &PgPool) -> cli_error::Result<()> {
    let (role, superuser, owns_tables): (String, bool, bool) = sqlx::query_as(
        "select current_user::text, r.rolsuper,
                exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relkind in ('r', 'p')
                          and pg_has_role(current_user, c.relowner, 'USAGE'))
         from pg_roles r where r.rolname = current_user",
    )
    .fetch_one(pool)
    .await?;
    if superuser || owns_tables {
        return Err(format!(
            "DATABASE_URL connects as {role:?}, which {} the tables: `serve` runs as the application role \
             (the one `migrate` grants, APP_DB_ROLE); give the owner in DATABASE_OWNER_URL, for `migrate` only",
            if superuser { "is a superuser over" } else { "owns" }
        )
        .into());
    }
    Ok(())
}
