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

/// Counts the rows of a filtered query, stopping just past the cap.
pub async fn capped_count(pool: &PgPool, mut qb: QueryBuilder<'_, Postgres>, cached_plan: bool) -> sqlx::Result<i64> {
    qb.push(" limit ");
    qb.push_bind(COUNT_CAP + 1);
    qb.push(") counted");
    qb.build_query_scalar::<i64>().persistent(cached_plan).fetch_one(pool).await
}

/// Whether a list query may reuse a cached (generic) plan. Not with a search: only the actual
/// pattern tells whether it is rare (use the trigram index) or common (walk the sort order), and
/// the wrong choice costs ten times more than planning afresh.
pub fn cached_plan(search: &Option<String>) -> bool {
    search.is_none()
}
