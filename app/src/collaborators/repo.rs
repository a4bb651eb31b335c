//! All SQL about collaborators.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder, Row};

use super::model::{CollaboratorPage, CollaboratorQuery, CollaboratorRow, CollaboratorSort, Holdings, NewCollaborator};
use crate::auth::Department;
use crate::auth::model::TokenHolder;
use crate::domain::{ClientId, CollaboratorId, ContractId, EventId};
use crate::error::AppError;
use crate::listing::{Page, like_pattern};
use crate::listing_sql::{Total, cached_plan, capped_count, push_order_and_page};

const SELECT: &str =
    "select c.id, c.employee_number, c.full_name, c.email, c.department, c.active, c.created_at, c.version
     from collaborator c";

fn sort_column(key: CollaboratorSort) -> &'static str {
    match key {
        CollaboratorSort::Name => "c.full_name",
        CollaboratorSort::EmployeeNumber => "c.employee_number",
        CollaboratorSort::Department => "c.department",
        CollaboratorSort::Created => "c.created_at",
    }
}

fn push_filters(qb: &mut QueryBuilder<'_, Postgres>, query: &CollaboratorQuery) {
    qb.push(" where c.active <> ").push_bind(query.inactive);
    if let Some(search) = &query.search {
        qb.push(" and c.search like ").push_bind(like_pattern(search));
    }
    if let Some(department) = query.department {
        qb.push(" and c.department = ").push_bind(department);
    }
}

pub async fn list(pool: &PgPool, query: &CollaboratorQuery, total: &Total<'_>) -> sqlx::Result<CollaboratorPage> {
    let mut qb = QueryBuilder::new(SELECT);
    push_filters(&mut qb, query);
    push_order_and_page(&mut qb, sort_column(query.sort.key), query.sort.descending, "c.id", query.paging);
    let items = qb.build_query_as::<CollaboratorRow>().persistent(cached_plan(&query.search)).fetch_all(pool).await?;

    let mut count = QueryBuilder::new("select count(*) from (select 1 from collaborator c");
    push_filters(&mut count, query);
    let total = capped_count(pool, count, cached_plan(&query.search), total).await?;
    Ok(Page { items, total, paging: query.paging })
}

pub async fn find(db: impl PgExecutor<'_>, id: CollaboratorId) -> sqlx::Result<Option<CollaboratorRow>> {
    sqlx::query_as::<_, CollaboratorRow>(&format!("{SELECT} where c.id = $1")).bind(id).fetch_optional(db).await
}

/// The collaborator, locked until the end of the transaction: assignments to them wait (see the
/// `contact_has_department` trigger), so a department change cannot race a new assignment.
pub async fn lock(tx: &mut PgConnection, id: CollaboratorId) -> sqlx::Result<Option<CollaboratorRow>> {
    sqlx::query_as::<_, CollaboratorRow>(&format!("{SELECT} where c.id = $1 for update"))
        .bind(id)
        .fetch_optional(tx)
        .await
}

/// What the collaborator is in charge of, at `now`.
pub async fn holdings(db: impl PgExecutor<'_>, id: CollaboratorId, now: DateTime<Utc>) -> sqlx::Result<Holdings> {
    sqlx::query_as::<_, Holdings>(
        "select
           (select count(*) from client where sales_contact_id = $1) as clients,
           (select count(*) from contract where sales_contact_id = $1
              and (signed_at is null or remaining_cents > 0)) as open_contracts,
           (select count(*) from contract where sales_contact_id = $1
              and signed_at is not null and remaining_cents = 0) as closed_contracts,
           (select count(*) from event where support_contact_id = $1 and ends_at > $2) as upcoming_events,
           (select count(*) from event where support_contact_id = $1 and ends_at <= $2) as past_events",
    )
    .bind(id)
    .bind(now)
    .fetch_one(db)
    .await
}

/// The messages when another collaborator has the e-mail or the employee number (the REST API
/// answers them with 409).
pub const EMAIL_TAKEN: &str = crate::i18n::fr::COLLABORATOR_EMAIL_TAKEN;
pub const EMPLOYEE_NUMBER_TAKEN: &str = crate::i18n::fr::EMPLOYEE_NUMBER_TAKEN;

/// Unique e-mail and employee number, said on the field concerned.
fn identity_taken(error: sqlx::Error) -> AppError {
    match &error {
        sqlx::Error::Database(db) if db.constraint() == Some("collaborator_email_key") => {
            AppError::field("email", EMAIL_TAKEN)
        }
        sqlx::Error::Database(db) if db.constraint() == Some("collaborator_employee_number_key") => {
            AppError::field("employee_number", EMPLOYEE_NUMBER_TAKEN)
        }
        _ => error.into(),
    }
}

pub async fn insert(
    db: impl PgExecutor<'_>,
    new: &NewCollaborator,
    password_hash: &str,
) -> Result<CollaboratorId, AppError> {
    sqlx::query_scalar(
        "insert into collaborator (employee_number, full_name, email, department, password_hash)
         values ($1, $2, $3, $4, $5) returning id",
    )
    .bind(&new.employee_number)
    .bind(&new.full_name)
    .bind(&new.email)
    .bind(new.department)
    .bind(password_hash)
    .fetch_one(db)
    .await
    .map_err(identity_taken)
}

pub async fn update_identity(tx: &mut PgConnection, id: CollaboratorId, new: &NewCollaborator) -> Result<(), AppError> {
    sqlx::query(
        "update collaborator set employee_number = $2, full_name = $3, email = $4, version = version + 1
         where id = $1",
    )
    .bind(id)
    .bind(&new.employee_number)
    .bind(&new.full_name)
    .bind(&new.email)
    .execute(tx)
    .await
    .map_err(identity_taken)?;
    Ok(())
}

pub async fn set_department(tx: &mut PgConnection, id: CollaboratorId, department: Department) -> sqlx::Result<()> {
    sqlx::query("update collaborator set department = $2, version = version + 1 where id = $1")
        .bind(id)
        .bind(department)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn email_exists(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(r#"select exists(select 1 from collaborator where lower(email) = lower($1)) as "e!""#, email)
        .fetch_one(db)
        .await
}

/// Deactivates (or reactivates) a collaborator; the service ends a deactivated one's access.
pub async fn set_active(tx: &mut PgConnection, id: CollaboratorId, active: bool) -> Result<(), AppError> {
    let updated = sqlx::query("update collaborator set active = $2, version = version + 1 where id = $1")
        .bind(id)
        .bind(active)
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

pub async fn delete(tx: &mut PgConnection, id: CollaboratorId) -> sqlx::Result<()> {
    sqlx::query("delete from collaborator where id = $1").bind(id).execute(tx).await?;
    Ok(())
}

/// What a hand-over moved, by record.
#[derive(Debug, Default)]
pub struct HandedOver {
    pub clients: Vec<ClientId>,
    pub contracts: Vec<ContractId>,
    pub events: Vec<EventId>,
}

/// Gives `from`'s clients and open contracts to the salesperson `to`.
pub async fn hand_over_sales(
    tx: &mut PgConnection,
    from: CollaboratorId,
    to: CollaboratorId,
) -> sqlx::Result<HandedOver> {
    let clients = sqlx::query_scalar(
        "update client set sales_contact_id = $2, version = version + 1 where sales_contact_id = $1 returning id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut *tx)
    .await?;
    let contracts = sqlx::query_scalar(
        "update contract set sales_contact_id = $2, version = version + 1
         where sales_contact_id = $1 and (signed_at is null or remaining_cents > 0) returning id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut *tx)
    .await?;
    Ok(HandedOver { clients, contracts, events: Vec::new() })
}

/// Gives `from`'s events not over at `now` to the support collaborator `to`.
pub async fn hand_over_events(
    tx: &mut PgConnection,
    from: CollaboratorId,
    to: CollaboratorId,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<EventId>> {
    sqlx::query_scalar(
        "update event set support_contact_id = $2, version = version + 1
         where support_contact_id = $1 and ends_at > $3 returning id",
    )
    .bind(from)
    .bind(to)
    .bind(now)
    .fetch_all(tx)
    .await
}

/// A collaborator as an `Actor` (who acts, for the policy), to be filtered.
const ACTOR: &str = "select id, full_name, email, department from collaborator";

/// An active collaborator, for assignments (sales contact, support contact).
pub async fn find_active(db: impl PgExecutor<'_>, id: CollaboratorId) -> sqlx::Result<Option<crate::auth::Actor>> {
    sqlx::query_as::<_, crate::auth::Actor>(&format!("{ACTOR} where id = $1 and active"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// An active collaborator by e-mail (case-insensitive), as the demo data names them.
pub async fn find_active_by_email(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<crate::auth::Actor>> {
    sqlx::query_as::<_, crate::auth::Actor>(&format!("{ACTOR} where lower(email) = lower($1) and active"))
        .bind(email)
        .fetch_optional(db)
        .await
}

/// Makes the access tokens issued so far invalid: they carry the previous version.
pub async fn bump_credential_version(db: impl PgExecutor<'_>, id: CollaboratorId) -> sqlx::Result<()> {
    sqlx::query("update collaborator set credential_version = credential_version + 1 where id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// An active collaborator with the credential version their valid access tokens carry.
pub async fn find_token_holder(db: impl PgExecutor<'_>, id: CollaboratorId) -> sqlx::Result<Option<TokenHolder>> {
    let row = sqlx::query(
        "select id, full_name, email, department, credential_version from collaborator where id = $1 and active",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    row.map(|r| {
        Ok(TokenHolder {
            actor: crate::auth::Actor::from_row(&r)?,
            credential_version: r.try_get("credential_version")?,
        })
    })
    .transpose()
}

/// Active collaborators of a department, by name: the choices of an assignment form.
pub async fn list_active(db: impl PgExecutor<'_>, department: Department) -> sqlx::Result<Vec<crate::auth::Actor>> {
    sqlx::query_as::<_, crate::auth::Actor>(&format!("{ACTOR} where department = $1 and active order by full_name"))
        .bind(department)
        .fetch_all(db)
        .await
}

/// Every active collaborator, by name (whom a follow-up can be for).
pub async fn list_all_active(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<crate::auth::Actor>> {
    sqlx::query_as::<_, crate::auth::Actor>(&format!("{ACTOR} where active order by full_name, id")).fetch_all(db).await
}

/// Every collaborator, or everyone of `department`, deactivated ones included (last).
pub async fn choices(
    db: impl PgExecutor<'_>,
    department: Option<Department>,
) -> sqlx::Result<Vec<super::model::CollaboratorChoice>> {
    sqlx::query_as(
        "select id, full_name, active from collaborator where $1::text is null or department = $1
         order by active desc, full_name, id",
    )
    .bind(department)
    .fetch_all(db)
    .await
}

// Credentials: read by sign-in, written by password changes and resets.

#[derive(sqlx::FromRow)]
pub struct CredentialRow {
    pub id: CollaboratorId,
    pub password_hash: String,
    pub active: bool,
    pub must_change_password: bool,
}

pub async fn find_credentials(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<CredentialRow>> {
    sqlx::query_as(
        "select id, password_hash, active, must_change_password from collaborator where lower(email) = lower($1)",
    )
    .bind(email)
    .fetch_optional(db)
    .await
}

pub async fn update_password_hash(db: impl PgExecutor<'_>, id: CollaboratorId, hash: &str) -> sqlx::Result<()> {
    sqlx::query!("update collaborator set password_hash = $2 where id = $1", id as _, hash).execute(db).await?;
    Ok(())
}

/// A password the collaborator chose themselves: it replaces a generated one for good.
pub async fn set_chosen_password(db: impl PgExecutor<'_>, id: CollaboratorId, hash: &str) -> sqlx::Result<()> {
    sqlx::query("update collaborator set password_hash = $2, must_change_password = false where id = $1")
        .bind(id)
        .bind(hash)
        .execute(db)
        .await?;
    Ok(())
}

/// The password was generated (new account) or reset by management: the collaborator must
/// choose their own at their next sign-in.
pub async fn require_password_change(db: impl PgExecutor<'_>, id: CollaboratorId) -> sqlx::Result<()> {
    sqlx::query("update collaborator set must_change_password = true where id = $1").bind(id).execute(db).await?;
    Ok(())
}

pub async fn password_hash(db: impl PgExecutor<'_>, collaborator_id: CollaboratorId) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("select password_hash from collaborator where id = $1 and active")
        .bind(collaborator_id)
        .fetch_optional(db)
        .await
}

/// A collaborator's name and phone (E.164, when given), as an event's run sheet lists them.
pub async fn contact(db: impl PgExecutor<'_>, id: CollaboratorId) -> sqlx::Result<Option<(String, Option<String>)>> {
    sqlx::query_as("select full_name, phone from collaborator where id = $1").bind(id).fetch_optional(db).await
}

/// Sets (or, with `None`, removes) a collaborator's work phone.
pub async fn set_phone(
    db: impl PgExecutor<'_>,
    id: CollaboratorId,
    phone: Option<&crate::domain::Phone>,
) -> sqlx::Result<()> {
    sqlx::query("update collaborator set phone = $2 where id = $1")
        .bind(id)
        .bind(phone.map(|p| p.as_e164()))
        .execute(db)
        .await?;
    Ok(())
}
