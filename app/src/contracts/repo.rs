//! All SQL about contracts.

use sqlx::{PgConnection, PgPool, Postgres, QueryBuilder};

use super::model::{Amounts, ContractPage, ContractQuery, ContractRow, ContractSort};
use crate::domain::{ClientId, CollaboratorId, ContractId};
use crate::error::AppError;
use crate::listing::{Page, like_pattern};
use crate::listing_sql::{Total, cached_plan, capped_count, push_order_and_page};

pub(crate) const SELECT: &str =
    "select k.id, k.client_id, c.full_name as client_name, c.company_name, k.sales_contact_id,
        s.full_name as sales_contact_name, c.sales_contact_id as client_sales_contact_id,
        c.anonymised_at is not null as client_anonymised, k.total_cents, k.remaining_cents, k.proposed_at, k.signed_at,
        b.full_name as signed_by_name, k.created_at, k.updated_at, k.version
    from contract k
    join client c on c.id = k.client_id
    join collaborator s on s.id = k.sales_contact_id
    left join collaborator b on b.id = k.signed_by";

fn sort_column(key: ContractSort) -> &'static str {
    match key {
        ContractSort::Created => "k.created_at",
        ContractSort::Client => "c.full_name",
        ContractSort::Total => "k.total_cents",
        ContractSort::Remaining => "k.remaining_cents",
    }
}

fn push_filters(qb: &mut QueryBuilder<'_, Postgres>, query: &ContractQuery, actor_id: CollaboratorId) {
    qb.push(" where true");
    if let Some(search) = &query.search {
        // Through the clients' trigram index, not a scan of every contract's client.
        qb.push(" and k.client_id in (select id from client where search like ")
            .push_bind(like_pattern(search))
            .push(")");
    }
    if query.signed {
        qb.push(" and k.signed_at is not null");
    }
    if query.unsigned {
        qb.push(" and k.signed_at is null");
    }
    if query.unpaid {
        qb.push(" and k.remaining_cents > 0");
    }
    if query.mine {
        // "Mes contrats": the contracts of my clients, as the rights go.
        qb.push(" and k.client_id in (select id from client where sales_contact_id = ").push_bind(actor_id).push(")");
    }
}

pub async fn list(
    pool: &PgPool,
    query: &ContractQuery,
    actor_id: CollaboratorId,
    total: &Total<'_>,
) -> sqlx::Result<ContractPage> {
    let mut qb = QueryBuilder::new(SELECT);
    push_filters(&mut qb, query, actor_id);
    push_order_and_page(&mut qb, sort_column(query.sort.key), query.sort.descending, "k.id", query.paging);
    let items = qb.build_query_as::<ContractRow>().persistent(cached_plan(&query.search)).fetch_all(pool).await?;

    let mut count = QueryBuilder::new("select count(*) from (select 1 from contract k");
    push_filters(&mut count, query, actor_id);
    let total = capped_count(pool, count, cached_plan(&query.search), total).await?;
    Ok(Page { items, total, paging: query.paging })
}

/// Every row of `query` (its filters and sort, no page), for a CSV export to stream.
pub fn export_query(query: &ContractQuery, actor_id: CollaboratorId) -> QueryBuilder<'static, Postgres> {
    let mut qb = QueryBuilder::new(SELECT);
    push_filters(&mut qb, query, actor_id);
    crate::listing_sql::push_order(&mut qb, sort_column(query.sort.key), query.sort.descending, "k.id");
    qb
}

pub async fn find(db: &mut PgConnection, id: ContractId) -> sqlx::Result<Option<ContractRow>> {
    sqlx::query_as::<_, ContractRow>(&format!("{SELECT} where k.id = $1")).bind(id).fetch_optional(db).await
}

/// The contract, locked for update, read with its client's current sales contact. The client is
/// locked first (`for share`), in the order every change of a client's sales contact takes them
/// (client, then contracts): a concurrent hand-over waits, or is waited for, never raced.
pub async fn lock(tx: &mut PgConnection, id: ContractId) -> sqlx::Result<Option<ContractRow>> {
    sqlx::query("select 1 from client where id = (select client_id from contract where id = $1) for share")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query_as::<_, ContractRow>(&format!("{SELECT} where k.id = $1 for update of k"))
        .bind(id)
        .fetch_optional(tx)
        .await
}

/// A client's contracts, newest first.
pub async fn for_client(db: &mut PgConnection, client_id: ClientId) -> sqlx::Result<Vec<ContractRow>> {
    sqlx::query_as::<_, ContractRow>(&format!("{SELECT} where k.client_id = $1 order by k.created_at desc limit 200"))
        .bind(client_id)
        .fetch_all(db)
        .await
}

pub async fn insert(
    tx: &mut PgConnection,
    client_id: ClientId,
    sales_contact_id: CollaboratorId,
    amounts: Amounts,
) -> Result<ContractId, AppError> {
    sqlx::query_scalar(
        // `remaining_cents` is the database's to derive (`contract_derive_remaining`).
        "insert into contract (client_id, sales_contact_id, total_cents, remaining_cents)
         values ($1, $2, $3, $3) returning id",
    )
    .bind(client_id)
    .bind(sales_contact_id)
    .bind(amounts.total.get())
    .fetch_one(tx)
    .await
    .map_err(crate::clients::repo::anonymised_refusal)
}

/// Changes the total; the database derives the remaining amount from it and the payments.
pub async fn update_amounts(tx: &mut PgConnection, id: ContractId, amounts: Amounts) -> sqlx::Result<()> {
    sqlx::query("update contract set total_cents = $2, version = version + 1 where id = $1")
        .bind(id)
        .bind(amounts.total.get())
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn sign(
    tx: &mut PgConnection,
    id: ContractId,
    signed_by: CollaboratorId,
    at: chrono::DateTime<chrono::Utc>,
) -> sqlx::Result<()> {
    // Never before the proposal (two servers' clocks may disagree by a second).
    sqlx::query(
        "update contract set signed_at = greatest($3, proposed_at), signed_by = $2, version = version + 1 where id = $1",
    )
        .bind(id)
        .bind(signed_by)
        .bind(at)
        .execute(tx)
        .await?;
    Ok(())
}

/// Records the proposal as sent (`Some`) or taken back (`None`).
pub async fn set_proposed(
    tx: &mut PgConnection,
    id: ContractId,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> sqlx::Result<()> {
    sqlx::query("update contract set proposed_at = $2, version = version + 1 where id = $1")
        .bind(id)
        .bind(at)
        .execute(tx)
        .await?;
    Ok(())
}

/// Every contract of a client, without the page limit (RGPD export).
pub async fn all_for_client(db: &mut PgConnection, client_id: ClientId) -> sqlx::Result<Vec<ContractRow>> {
    sqlx::query_as::<_, ContractRow>(&format!("{SELECT} where k.client_id = $1 order by k.created_at, k.id"))
        .bind(client_id)
        .fetch_all(db)
        .await
}

/// A client's contracts, locked until the end of the transaction (nobody signs one meanwhile).
pub async fn lock_for_client(tx: &mut PgConnection, client_id: ClientId) -> sqlx::Result<Vec<ContractRow>> {
    sqlx::query_as::<_, ContractRow>(&format!("{SELECT} where k.client_id = $1 for update of k"))
        .bind(client_id)
        .fetch_all(tx)
        .await
}

/// Deletes a contract; the database refuses a signed one (`contract_signed_delete_check`),
/// whoever asks.
pub async fn delete(tx: &mut PgConnection, id: ContractId) -> Result<(), AppError> {
    sqlx::query("delete from contract where id = $1").bind(id).execute(tx).await.map_err(|error| match &error {
        sqlx::Error::Database(db) if db.constraint() == Some("contract_signed_delete_check") => {
            AppError::Refused(crate::i18n::fr::CONTRACT_SIGNED_NOT_DELETABLE.to_owned())
        }
        // The accounts keep the payments, and so their contract.
        sqlx::Error::Database(db) if db.constraint() == Some("payment_contract_fkey") => {
            AppError::Refused(crate::i18n::fr::CONTRACT_WITH_PAYMENTS_NOT_DELETABLE.to_owned())
        }
        _ => error.into(),
    })?;
    Ok(())
}

/// Moves a client's open contracts (not signed, or not fully paid) to its new sales contact;
/// paid contracts keep who sold them. Returns the ids moved.
pub async fn move_open_to(
    tx: &mut PgConnection,
    client_id: ClientId,
    sales_contact_id: CollaboratorId,
) -> sqlx::Result<Vec<ContractId>> {
    sqlx::query_scalar(
        "update contract set sales_contact_id = $2, version = version + 1
         where client_id = $1 and sales_contact_id <> $2 and (signed_at is null or remaining_cents > 0)
         returning id",
    )
    .bind(client_id)
    .bind(sales_contact_id)
    .fetch_all(tx)
    .await
}

pub async fn event_count(tx: &mut PgConnection, id: ContractId) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from event where contract_id = $1").bind(id).fetch_one(tx).await
}
