//! RGPD use cases: management only, each in one transaction with its audit record.

use chrono::Months;
use sqlx::PgConnection;

use super::model::{
    AnonymisationPreview, ClientExport, EXPORT_FORMAT, ExportedAuditRecord, MAX_BULK, PURGE_EVERY_MINUTES, Pseudonym,
    Purged, RETENTION_YEARS, RetentionPage, RetentionQuery, export_file_name, personal_values, pseudonymise_text,
    scrub_changes, scrub_event,
};
use super::repo;
use crate::audit::model::{Action, Changes, Entity};
use crate::audit::repo::{self as audit, Author};
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
    let audit_records = audit::concerning_client(&mut tx, id)
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
        notes: crate::notes::repo::all_for_client(&mut tx, id).await?,
        follow_ups: crate::follow_ups::repo::all_for_client(&mut tx, id).await?,
        debriefs: crate::debriefs::repo::all_for_client(&mut tx, id).await?,
        run_sheets: crate::run_sheet::repo::all_for_client(&mut tx, id).await?,
        audit_records,
        client,
    };
    let body = serde_json::to_vec_pretty(&document).map_err(|error| {
        tracing::error!(%error, "could not serialise a client export");
        AppError::Internal
    })?;
    audit::record(&mut tx, Author::new(actor.id, now), id, Action::Export, &Changes::new()).await?;
    crate::db::commit(tx).await?;
    tracing::info!("client data exported");
    Ok((export_file_name(id), body))
}

pub async fn preview(state: &AppState, actor: &Actor, id: ClientId) -> Result<AnonymisationPreview, AppError> {
    ensure(policy::can_handle_personal_data_requests(actor))?;
    let mut db = state.pool.acquire().await?;
    let client = clients::find(&mut db, id).await?.ok_or(AppError::NotFound)?;
    let (contracts, events, events_with_notes) = repo::counts(&mut db, id).await?;
    let audit_records = audit::count_concerning_client(&mut db, id).await?;
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
    crate::db::commit(tx).await?;
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
    crate::db::commit(tx).await?;
    tracing::info!(clients = done, "clients anonymised");
    Ok(done)
}

/// Replaces the client's name, e-mail, phone and company by a random pseudonym; strips every
/// value the client ever had (former ones too, from the audit trail) from its events' titles and
/// places, keeps only the city of those places, clears the events' notes and debriefs' texts
/// (their scores stay) and deletes the notes, follow-ups and run sheets written about the
/// client; erases those values from
/// every audit record of the client, its contracts and its events (deleted ones included); and
/// records the anonymisation (with counts only). Amounts and dates stay. Returns false if the
/// client was already anonymised.
async fn anonymise_in(tx: &mut PgConnection, actor: &Actor, id: ClientId, state: &AppState) -> Result<bool, AppError> {
    let now = state.clock.now();
    let client = clients::lock(tx, id).await?.ok_or(AppError::NotFound)?;
    if client.anonymised {
        return Ok(false);
    }
    let records = audit::concerning_client(tx, id).await?;
    let secrets = secrets_of(&client, &records);
    let pseudonym = Pseudonym::from_token(&uuid::Uuid::new_v4().simple().to_string());
    // The events first: once the client is marked, the database refuses new text on them.
    let events = repo::lock_event_texts(tx, id).await?;
    for (event, title, location) in &events {
        let (title, location) = scrub_event(title, location, &secrets, &pseudonym.full_name);
        repo::scrub_event(tx, *event, &title, &location).await?;
    }
    // A milestone's name may hold the client's name too ("Acompte mariage Dupont").
    for (milestone, label) in repo::lock_milestone_labels(tx, id).await? {
        let scrubbed =
            pseudonymise_text(&label, &secrets, &pseudonym.full_name, crate::domain::MilestoneLabel::MAX_CHARS);
        if scrubbed != label {
            repo::set_milestone_label(tx, milestone, &scrubbed).await?;
        }
    }
    let notes = crate::notes::repo::delete_for_client(tx, id).await?;
    let follow_ups = crate::follow_ups::repo::delete_for_client(tx, id).await?;
    let debriefs = crate::debriefs::repo::clear_texts_of_client(tx, id).await?;
    let run_sheets = crate::run_sheet::repo::delete_for_client(tx, id).await?;
    repo::anonymise_client(tx, id, &pseudonym, now).await?;
    let scrubbed = erase_records(tx, &records, &secrets).await?;
    let (contracts, ..) = repo::counts(tx, id).await?;
    let changes = Changes::new()
        .set("contracts", contracts)
        .set("events", events.len())
        .set("notes", notes)
        .set("follow_ups", follow_ups)
        .set("run_sheets", run_sheets)
        .set("debriefs", debriefs)
        .set("audit_records", scrubbed);
    audit::record(tx, Author::new(actor.id, now), id, Action::Anonymise, &changes).await?;
    Ok(true)
}

fn secrets_of(client: &ClientRow, records: &[audit::StoredRecord]) -> Vec<String> {
    let history: Vec<Changes> =
        records.iter().map(|row| serde_json::from_value(row.changes.clone()).unwrap_or_default()).collect();
    personal_values(client, &history)
}

/// Erases the client's personal values (current and former) from every audit record of the
/// client, its contracts and its events, deleted ones included. Called once the client is
/// anonymised or deleted: the database allows erasing from the trail only then. Returns how
/// many records changed.
pub async fn erase_from_audit(tx: &mut PgConnection, client: &ClientRow) -> Result<usize, AppError> {
    let records = audit::concerning_client(tx, client.id).await?;
    let secrets = secrets_of(client, &records);
    erase_records(tx, &records, &secrets).await
}

async fn erase_records(
    tx: &mut PgConnection,
    records: &[audit::StoredRecord],
    secrets: &[String],
) -> Result<usize, AppError> {
    let mut scrubbed = 0;
    for row in records {
        // A record that does not read as field changes is emptied: nothing personal may stay.
        let mut changes = serde_json::from_value(row.changes.clone()).unwrap_or_default();
        let parsed = serde_json::to_value(&changes).ok() == Some(row.changes.clone());
        if scrub_changes(&mut changes, secrets) || !parsed {
            let value = serde_json::to_value(&changes).map_err(|_| AppError::Internal)?;
            audit::erase_values(tx, row.id, &value).await?;
            scrubbed += 1;
        }
    }
    Ok(scrubbed)
}

/// Applies the retention schedule of the security data (sign-in attempts, ended sessions'
/// address and browser, the security log) at the application's clock.
pub async fn purge(state: &AppState) -> Result<Purged, AppError> {
    let purged = repo::purge(&state.pool, state.clock.now()).await?;
    if purged != Purged::default() {
        tracing::info!(
            attempts = purged.attempts,
            sessions = purged.sessions,
            security_events = purged.security_events,
            "personal data purged on schedule"
        );
    }
    Ok(purged)
}

/// `serve`'s periodic purge: at start, then every `PURGE_EVERY_MINUTES`. A failed run is
/// logged and retried at the next tick.
pub async fn purge_periodically(state: AppState) {
    let mut ticks = tokio::time::interval(std::time::Duration::from_secs(PURGE_EVERY_MINUTES * 60));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if let Err(error) = purge(&state).await {
            tracing::warn!(%error, "the scheduled purge failed");
        }
        // Housekeeping on the same schedule.
        if let Err(error) = crate::idempotency::forget_expired(&state.pool, state.clock.now()).await {
            tracing::warn!(%error, "forgetting expired idempotency keys failed");
        }
        if let Err(error) = crate::collaborators::reveal::forget_expired(&state.pool, state.clock.now()).await {
            tracing::warn!(%error, "forgetting unseen generated passwords failed");
        }
        if let Err(error) = crate::notifications::service::purge(&state).await {
            tracing::warn!(%error, "forgetting old notifications failed");
        }
    }
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
