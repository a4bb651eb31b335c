//! SQL pieces shared by the list queries (server only).

use sqlx::postgres::PgArguments;
use sqlx::{PgPool, Postgres, QueryBuilder};

/// A statement with its bound arguments, for helpers that bind a record's fields.
pub type PgQuery<'q> = sqlx::query::Query<'q, Postgres, PgArguments>;

use crate::listing::{COUNT_CAP, Paging};

/// Appends `order by <column> <direction>, <tie-breaker>` and the page's limit and offset.
/// `column` always comes from a sort key's allowlist, never from the request.
pub fn push_order_and_page(
    qb: &mut QueryBuilder<'_, Postgres>,
    column: &str,
    descending: bool,
    tie: &str,
    paging: Paging,
) {
    let direction = if descending { "desc" } else { "asc" };
    qb.push(format!(" order by {column} {direction}, {tie} {direction} limit "));
    qb.push_bind(i64::from(paging.size));
    qb.push(" offset ");
    qb.push_bind(paging.offset());
}

/// Counts the rows of a filtered query, stopping just past the cap. Inside `with_recent_counts`,
/// a count made less than `RECENT_COUNT_TTL` ago for the same list is reused.
pub async fn capped_count(pool: &PgPool, mut qb: QueryBuilder<'_, Postgres>, cached_plan: bool) -> sqlx::Result<i64> {
    let key = COUNT_KEY.try_with(|list| format!("{list}\n{}", qb.sql())).ok();
    if let Some(total) = key.as_deref().and_then(recent_counts::get) {
        return Ok(total);
    }
    qb.push(" limit ");
    qb.push_bind(COUNT_CAP + 1);
    qb.push(") counted");
    let total = qb.build_query_scalar::<i64>().persistent(cached_plan).fetch_one(pool).await?;
    if let Some(key) = key {
        recent_counts::put(key, total);
    }
    Ok(total)
}

/// How long a caller of `with_recent_counts` may be shown an older total.
pub const RECENT_COUNT_TTL: std::time::Duration = std::time::Duration::from_secs(2);

tokio::task_local! {
    /// The list being counted (its filters and who asks, never its page), when the caller
    /// accepts a recent total.
    static COUNT_KEY: String;
}

/// Runs `list` reusing totals counted for the same `key` in the last `RECENT_COUNT_TTL`: the
/// REST API's lists, polled by scripts, skip most counts; the pages always count afresh.
pub async fn with_recent_counts<F: std::future::Future>(key: String, list: F) -> F::Output {
    COUNT_KEY.scope(key, list).await
}

mod recent_counts {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    use std::time::Instant;

    use super::RECENT_COUNT_TTL;

    static TOTALS: LazyLock<Mutex<HashMap<String, (i64, Instant)>>> = LazyLock::new(Default::default);
    const MAX_ENTRIES: usize = 10_000;

    pub fn get(key: &str) -> Option<i64> {
        let totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
        totals.get(key).filter(|(_, at)| at.elapsed() < RECENT_COUNT_TTL).map(|(total, _)| *total)
    }

    pub fn put(key: String, total: i64) {
        let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
        if totals.len() >= MAX_ENTRIES {
            totals.retain(|_, (_, at)| at.elapsed() < RECENT_COUNT_TTL);
        }
        totals.insert(key, (total, Instant::now()));
    }
}

/// Whether a list query may reuse a cached (generic) plan. Not with a search: only the actual
/// pattern tells whether it is rare (use the trigram index) or common (walk the sort order), and
/// the wrong choice costs ten times more than planning afresh.
pub fn cached_plan(search: &Option<String>) -> bool {
    search.is_none()
}
