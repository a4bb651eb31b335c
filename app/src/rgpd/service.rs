//! RGPD use cases: management only, each in one transaction with its audit record.

use chrono::Months;
use sqlx::PgConnection;

use super::model::{
    AnonymisationPreview, ClientExport, EXPORT_FORMAT, ExportedAuditRecord, MAX_BULK, Pseudonym, RETENTION_YEARS,
    RetentionPage, RetentionQuery, export_file_name, scrub_changes,
};
use super::repo;
use crate::audit::model::{Action, Changes, Entity};
use crate::audit::repo as audit;
use crate::auth::Actor;
use crate::clients::model::ClientRow;
use crate::clients::repo as clients;
use crate::domain::ClientId;
use crate::error::AppError;
use crate::policy::{self, ensure};
use crate::state::AppState;
use crate::{contracts, events};

/// The JSON export of everything held about a client, as (file name, bytes). The export itself
/// is audited, in the same transaction as the reads.
#[tracing::instrument(skip_all, fields(actor = %actor.id, client = %id))]
pub async fn export(state: &AppState, actor: &Actor, id: ClientId) -> Result<(String, Vec<u8>), AppError> {
    ensure(policy::can_handle_personal_data_requests(actor))?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let client = clients::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let audit_records = repo::audit_records(&mut tx, id)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(ExportedAuditRecord {
                entity: Entity::from_code(&row.entity)?,
                entity_id: row.entity_id,
                action: Action::from_code(&row.action)?,
                changes: serde_json::from_value(row.changes).unwrap_or_default(),
                at: row.at,
            })
        })
        .collect();
    let document = ClientExport {
        format: EXPORT_FORMAT.to_owned(),
        exported_at: now,
        contracts: contracts::repo::all_for_client(&mut tx, id).await?,
        events: events::repo::all_for_client(&mut tx, id).await?,
        audit_records,
        client,
    };
    let body = serde_json::to_vec_pretty(&document).map_err(|error| {
        tracing::error!(%error, "could not serialise a client export");
        AppError::Internal
    })?;
    audit::record(&mut tx, actor.id, Entity::Client, id.0, Action::Export, &Changes::new(), now).await?;
    tx.commit().await?;
    tracing::info!("client data exported");
    Ok((export_file_name(id), body))
}

pub async fn preview(state: &AppState, actor: &Actor, id: ClientId) -> Result<AnonymisationPreview, AppError> {
    ensure(policy::can_handle_personal_data_requests(actor))?;
    let mut db = state.pool.acquire().await?;
    let client = clients::find(&mut db, id).await?.ok_or(AppError::NotFound)?;
    let (contracts, events, events_with_notes, audit_records) = repo::counts(&mut db, id).await?;
    Ok(AnonymisationPreview { client, contracts, events, events_with_notes, audit_records })
}

fn confirmed(confirm: Option<&str>) -> Result<(), AppError> {
    match confirm {
        Some("on" | "1" | "true") => Ok(()),
        _ => Err(AppError::field("confirm", crate::i18n::fr::RGPD_CONFIRM_REQUIRED)),
    }
}

/// Anonymises one client (erasure): see `anonymise_in`.
#[tracing::instrument(skip_all, fields(actor = %actor.id, client = %id))]
pub async fn anonymise(state: &AppState, actor: &Actor, id: ClientId, confirm: Option<&str>) -> Result<(), AppError> {
    ensure(policy::can_handle_personal_data_requests(actor))?;
    confirmed(confirm)?;
    let mut tx = state.pool.begin().await?;
    if !anonymise_in(&mut tx, actor, id, state).await? {
        return Err(AppError::field("confirm", crate::i18n::fr::RGPD_ALREADY_ANONYMISED));
    }
    tx.commit().await?;
    tracing::info!("client anonymised");
    Ok(())
}

/// Anonymises the chosen clients, or every client of the retention list (`all`), in one
/// transaction. Clients already anonymised are skipped; an unknown id changes nothing at all.
/// Returns how many were anonymised.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn anonymise_many(
    state: &AppState,
    actor: &Actor,
    ids: Vec<ClientId>,
    all: bool,
    confirm: Option<&str>,
) -> Result<usize, AppError> {
    ensure(policy::can_handle_personal_data_requests(actor))?;
    if !all && ids.is_empty() {
        return Err(AppError::field("ids", crate::i18n::fr::RGPD_SELECT_SOME));
    }
    if ids.len() > MAX_BULK {
        return Err(AppError::field("ids", crate::i18n::fr::RGPD_TOO_MANY));
    }
    confirmed(confirm)?;
    let mut tx = state.pool.begin().await?;
    let mut ids =
        if all { repo::lock_retention_ids(&mut tx, retention_cutoff(state), MAX_BULK as i64).await? } else { ids };
    // One order for every transaction, so that two bulk actions cannot deadlock.
    ids.sort();
    ids.dedup();
    let mut done = 0;
    for id in ids {
        if anonymise_in(&mut tx, actor, id, state).await? {
            done += 1;
        }
    }
    tx.commit().await?;
    tracing::info!(clients = done, "clients anonymised");
    Ok(done)
}

/// Replaces the client's name, e-mail, phone and company by a random pseudonym, clears its
/// events' notes (and its name in their titles), erases its personal values from the audit
/// records of the client, its contracts and its events, and records the anonymisation (with
/// counts only). Amounts and dates stay. Returns false if the client was already anonymised.
async fn anonymise_in(tx: &mut PgConnection, actor: &Actor, id: ClientId, state: &AppState) -> Result<bool, AppError> {
    let now = state.clock.now();
    let client = clients::lock(tx, id).await?.ok_or(AppError::NotFound)?;
    if client.anonymised {
        return Ok(false);
    }
    let pseudonym = Pseudonym::from_token(&uuid::Uuid::new_v4().simple().to_string());
    let scrubbed = erase_from_audit(tx, &client).await?;
    repo::anonymise_client(tx, id, &pseudonym, now).await?;
    let events = repo::scrub_events(tx, id, &client.full_name, &pseudonym.full_name).await?;
    let (contracts, ..) = repo::counts(tx, id).await?;
    let changes = Changes::new().set("contracts", contracts).set("events", events).set("audit_records", scrubbed);
    audit::record(tx, actor.id, Entity::Client, id.0, Action::Anonymise, &changes, now).await?;
    Ok(true)
}

/// Erases the client's personal values from the audit records of the client, its contracts and
/// its events (before the client is anonymised or deleted). Returns how many records changed.
pub async fn erase_from_audit(tx: &mut PgConnection, client: &ClientRow) -> Result<usize, AppError> {
    let secrets = vec![
        client.full_name.clone(),
        client.email.clone(),
        client.phone.clone(),
        client.phone_display(),
        client.company_name.clone(),
    ];
    let mut scrubbed = 0;
    for row in repo::lock_audit_records(tx, client.id).await? {
        // A record that does not read as field changes is emptied: nothing personal may stay.
        let mut changes = serde_json::from_value(row.changes.clone()).unwrap_or_default();
        let parsed = serde_json::to_value(&changes).ok() == Some(row.changes.clone());
        if scrub_changes(&mut changes, &secrets) || !parsed {
            let value = serde_json::to_value(&changes).map_err(|_| AppError::Internal)?;
            repo::set_audit_changes(tx, row.id, &value).await?;
            scrubbed += 1;
        }
    }
    Ok(scrubbed)
}

/// Clients without contact since this instant are due for anonymisation.
pub fn retention_cutoff(state: &AppState) -> chrono::DateTime<chrono::Utc> {
    let now = state.clock.now();
    now.checked_sub_months(Months::new(12 * RETENTION_YEARS as u32)).unwrap_or(now)
}

pub async fn retention(state: &AppState, actor: &Actor, query: &RetentionQuery) -> Result<RetentionPage, AppError> {
    ensure(policy::can_handle_personal_data_requests(actor))?;
    Ok(repo::retention_list(&state.pool, query, retention_cutoff(state)).await?)
}
