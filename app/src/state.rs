//! What every request handler needs, provided to server functions as Leptos context and to
//! axum middleware as router state.

use std::sync::Arc;

use leptos::config::LeptosOptions;
use sqlx::PgPool;

use crate::auth::actor_cache::ActorCache;
use crate::auth::client_addr::TrustedProxies;
use crate::auth::password::PasswordHasher;
use crate::clock::SharedClock;
use crate::collaborators::reveal::PasswordSeal;
use crate::error::AppError;
use crate::listing_sql::RecentCounts;

/// The state, behind one `Arc`: axum clones it for every `State` extractor and Leptos for
/// every server function's context, several times per request, and one counter costs less than
/// the dozen reference counts (half of them in `LeptosOptions`) its parts hold (3 % of the
/// server's time on the API's client list, `scripts/bench-api`). Reads go through `Deref`.
#[derive(Clone)]
pub struct AppState(Arc<AppParts>);

impl AppState {
    pub fn new(parts: AppParts) -> Self {
        AppState(Arc::new(parts))
    }
}

impl std::ops::Deref for AppState {
    type Target = AppParts;

    fn deref(&self) -> &AppParts {
        &self.0
    }
}

pub struct AppParts {
    pub leptos_options: LeptosOptions,
    /// Connects as the application role: data access only, no schema changes.
    pub pool: PgPool,
    /// A read replica (`DATABASE_READ_URL`), for the reads `read_pool` names.
    pub replica: Option<PgPool>,
    pub clock: SharedClock,
    pub hasher: Arc<PasswordHasher>,
    /// Seals the generated passwords waiting to be shown once to the manager who asked.
    pub password_seal: Arc<PasswordSeal>,
    /// The API lists' recent totals (`RecentCounts::standard`: `RECENT_COUNT_TTL`; tests may keep them less).
    pub recent_counts: Arc<RecentCounts>,
    /// Collaborators named by API access tokens, dropped as soon as any instance ends their access.
    pub actors: Arc<ActorCache>,
    /// The reverse proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`).
    pub trusted_proxies: TrustedProxies,
    /// The CSV exports streaming at once on this instance (`EXPORTS_AT_ONCE`): each holds a
    /// database connection while its client reads, so a few readers cannot take the pool.
    pub exports: Arc<tokio::sync::Semaphore>,
    /// The site's origin as browsers see it (`PUBLIC_ORIGIN`), for links used outside the site:
    /// calendar feeds.
    pub public_origin: String,
    /// Passes whose notifications changed, on any instance, to this instance's open bells.
    pub notifications: Arc<crate::notifications::live::Hub>,
}

/// How many CSV exports an instance streams at once (`AppParts::exports`).
pub const EXPORTS_AT_ONCE: usize = 2;

pub fn export_slots() -> Arc<tokio::sync::Semaphore> {
    Arc::new(tokio::sync::Semaphore::new(EXPORTS_AT_ONCE))
}

impl AppParts {
    /// Where the lists read: the replica when there is one, else `pool`. Only reads that may be
    /// a moment late come here: the list pages and the API's lists, the audit journal, the
    /// security log. Writes, what a write reads, sign-in, sessions, tokens, the page shown after
    /// a save and work queues use `pool` (README, "Running on several machines").
    pub fn read_pool(&self) -> &PgPool {
        self.replica.as_ref().unwrap_or(&self.pool)
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, from inside a server function.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
