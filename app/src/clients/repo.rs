//! All SQL about clients.

use sqlx::{FromRow, PgConnection, PgPool, Postgres, QueryBuilder, Row};

use super::model::{ClientInput, ClientPage, ClientQuery, ClientRow, ClientSort};
use crate::domain::datetime::day_bounds;
use crate::domain::{ClientId, CollaboratorId};
use crate::error::AppError;
use crate::listing::{Page, like_pattern};
use crate::listing_sql::{PgQuery, Total, cached_plan, capped_count, push_order_and_page};

const SELECT: &str = "select c.id, c.full_name, c.email, c.phone, c.company_name, c.sales_contact_id,
        s.full_name as sales_contact_name, c.created_at, c.updated_at, c.version,
        c.signed_contract_count = 0 as is_prospect, c.anonymised_at is not null as anonymised
    from client c join collaborator s on s.id = c.sales_contact_id";

fn sort_column(key: ClientSort) -> &'static str {
    match key {
        ClientSort::Name => "c.full_name",
        ClientSort::Company => "c.company_name",
        ClientSort::Created => "c.created_at",
        ClientSort::LastContact => "c.updated_at",
    }
}

fn push_filters(qb: &mut QueryBuilder<'_, Postgres>, query: &ClientQuery, actor_id: CollaboratorId) {
    qb.push(" where true");
    if let Some(search) = &query.search {
        qb.push(" and c.search like ").push_bind(like_pattern(search));
    }
    if query.mine {
        qb.push(" and c.sales_contact_id = ").push_bind(actor_id);
    }
    if query.prospects {
        qb.push(" and c.signed_contract_count = 0");
    }
    if let Some(before) = day_bounds(query.contact_before, None).0 {
        qb.push(" and c.updated_at < ").push_bind(before);
    }
}

pub async fn list(
    pool: &PgPool,
    query: &ClientQuery,
    actor_id: CollaboratorId,
    total: &Total<'_>,
) -> sqlx::Result<ClientPage> {
    let mut qb = QueryBuilder::new(SELECT);
    push_filters(&mut qb, query, actor_id);
    push_order_and_page(&mut qb, sort_column(query.sort.key), query.sort.descending, "c.id", query.paging);
    let items = qb.build_query_as::<ClientRow>().persistent(cached_plan(&query.search)).fetch_all(pool).await?;

    let mut count = QueryBuilder::new("select count(*) from (select 1 from client c");
    push_filters(&mut count, query, actor_id);
    let total = capped_count(pool, count, cached_plan(&query.search), total).await?;
    Ok(Page { items, total, paging: query.paging })
}

/// Every row of `query` (its filters and sort, no page), for a CSV export to stream.
pub fn export_query(query: &ClientQuery, actor_id: CollaboratorId) -> QueryBuilder<'static, Postgres> {
    let mut qb = QueryBuilder::new(SELECT);
    push_filters(&mut qb, query, actor_id);
    crate::listing_sql::push_order(&mut qb, sort_column(query.sort.key), query.sort.descending, "c.id");
    qb
}

pub async fn find(db: &mut PgConnection, id: ClientId) -> sqlx::Result<Option<ClientRow>> {
    sqlx::query_as::<_, ClientRow>(&format!("{SELECT} where c.id = $1")).bind(id).fetch_optional(db).await
}

/// The client, locked until the end of the transaction.
pub async fn lock(tx: &mut PgConnection, id: ClientId) -> sqlx::Result<Option<ClientRow>> {
    sqlx::query_as::<_, ClientRow>(&format!("{SELECT} where c.id = $1 for update of c"))
        .bind(id)
        .fetch_optional(tx)
        .await
}

/// Clients, locked until the end of the transaction, in any order.
pub async fn lock_many(tx: &mut PgConnection, ids: &[ClientId]) -> sqlx::Result<Vec<ClientRow>> {
    let ids: Vec<uuid::Uuid> = ids.iter().map(|id| id.0).collect();
    sqlx::query_as::<_, ClientRow>(&format!("{SELECT} where c.id = any($1) for update of c"))
        .bind(ids)
        .fetch_all(tx)
        .await
}

/// Who a new client would likely duplicate: for each candidate (an e-mail, already lowercase,
/// a name and a company), the client with that e-mail, else the first one with that name and
/// company (case-insensitive). One query for all the candidates; each answer names the
/// candidate's position (from 0) and whether the e-mail matched.
pub async fn find_likely_duplicates(
    db: &mut PgConnection,
    candidates: &[(&str, &str, &str)],
) -> sqlx::Result<Vec<(usize, bool, ClientRow)>> {
    let (mut emails, mut names, mut companies) = (Vec::new(), Vec::new(), Vec::new());
    for (email, name, company) in candidates {
        emails.push(*email);
        names.push(*name);
        companies.push(*company);
    }
    let rows = sqlx::query(&format!(
        "with found as (
           select x.ord, m.id, m.by_email
           from unnest($1::text[], $2::text[], $3::text[]) with ordinality as x(email, name, company, ord)
           cross join lateral (
             (select c.id, true as by_email from client c where lower(c.email) = x.email)
             union all
             (select c.id, false from client c
              where lower(c.full_name) = lower(x.name) and lower(c.company_name) = lower(x.company)
              order by c.created_at, c.id limit 1)
             limit 1
           ) m
         )
         select f.ord, f.by_email, r.* from found f join ({SELECT}) r on r.id = f.id order by f.ord"
    ))
    .bind(emails)
    .bind(names)
    .bind(companies)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            let ord: i64 = row.try_get("ord")?;
            Ok((ord as usize - 1, row.try_get("by_email")?, ClientRow::from_row(row)?))
        })
        .collect()
}

/// The message when another client has the e-mail (the REST API answers it with 409).
pub const EMAIL_TAKEN: &str = crate::i18n::fr::CLIENT_EMAIL_TAKEN;

fn email_taken(error: sqlx::Error) -> AppError {
    match &error {
        sqlx::Error::Database(db) if db.constraint() == Some("client_email_key") => {
            AppError::field("email", EMAIL_TAKEN)
        }
        _ => error.into(),
    }
}

pub async fn insert(
    tx: &mut PgConnection,
    input: &ClientInput,
    sales_contact_id: CollaboratorId,
) -> Result<ClientId, AppError> {
    let insert = sqlx::query(
        "insert into client (full_name, email, phone, company_name, sales_contact_id)
         values ($1, $2, $3, $4, $5) returning id",
    );
    let row = bind_fields(insert, input).bind(sales_contact_id).fetch_one(tx).await.map_err(email_taken)?;
    Ok(row.try_get("id")?)
}

/// The editable fields, bound in the order both statements name them.
fn bind_fields<'q>(query: PgQuery<'q>, input: &'q ClientInput) -> PgQuery<'q> {
    query
        .bind(input.full_name.as_str())
        .bind(input.email.as_str())
        .bind(input.phone.as_e164())
        .bind(input.company_name.as_str())
}

pub async fn update(tx: &mut PgConnection, id: ClientId, input: &ClientInput) -> Result<(), AppError> {
    let update = sqlx::query(
        "update client set full_name = $2, email = $3, phone = $4, company_name = $5, version = version + 1
         where id = $1",
    )
    .bind(id);
    bind_fields(update, input).execute(tx).await.map_err(email_taken)?;
    Ok(())
}

pub async fn set_sales_contact(
    tx: &mut PgConnection,
    id: ClientId,
    sales_contact_id: CollaboratorId,
) -> sqlx::Result<()> {
    sqlx::query("update client set sales_contact_id = $2, version = version + 1 where id = $1")
        .bind(id)
        .bind(sales_contact_id)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn delete(tx: &mut PgConnection, id: ClientId) -> sqlx::Result<()> {
    sqlx::query("delete from client where id = $1").bind(id).execute(tx).await?;
    Ok(())
}

/// The database's refusal to attach a record, or free text, to an anonymised client
/// (`*_client_anonymised_check`), as the services say it.
pub fn anonymised_refusal(error: sqlx::Error) -> AppError {
    match &error {
        sqlx::Error::Database(db) if db.constraint().is_some_and(|c| c.ends_with("_client_anonymised_check")) => {
            AppError::Refused(crate::i18n::fr::CLIENT_ANONYMISED_NO_CHANGE.to_owned())
        }
        _ => error.into(),
    }
}
