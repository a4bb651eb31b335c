//! Import use cases: stage a file (read, check, find the likely duplicates, store), show it,
//! confirm it (one transaction: the new clients, the chosen updates, their audit records).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, TimeDelta, Utc};

use super::model::{
    Choice, Duplicate, FileRefusal, ImportConfirmation, ImportId, ImportResult, ImportState, ImportView, Match,
    RESULT_LINKS, RowError, StagedRow,
};
use super::parse::{self, Checked, FileRow};
use super::repo;
use crate::audit::model::Action;
use crate::audit::repo::{self as audit, Author};
use crate::auth::{Actor, Department};
use crate::clients::model::{ClientInput, ClientRow};
use crate::clients::{repo as clients, service as client_changes};
use crate::domain::{ClientId, CollaboratorId};
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::policy::{self, ensure};
use crate::state::AppState;

/// How long a staged import waits for its confirmation.
pub fn lifetime() -> TimeDelta {
    TimeDelta::hours(1)
}

/// Why an upload staged nothing: the file itself (told on the upload page), or the usual
/// refusals (no right, the database away).
#[derive(Debug, PartialEq)]
pub enum StageError {
    File(FileRefusal),
    App(AppError),
}

impl From<FileRefusal> for StageError {
    fn from(refusal: FileRefusal) -> Self {
        StageError::File(refusal)
    }
}

impl From<AppError> for StageError {
    fn from(error: AppError) -> Self {
        StageError::App(error)
    }
}

impl From<sqlx::Error> for StageError {
    fn from(error: sqlx::Error) -> Self {
        StageError::App(error.into())
    }
}

/// Reads and checks the file, finds its likely duplicates and stages it for `salesperson`
/// (a form's raw choice: empty for a salesperson's own portfolio).
#[tracing::instrument(skip_all, fields(actor = %actor.id, bytes = bytes.len()))]
pub async fn stage(
    state: &AppState,
    actor: &Actor,
    salesperson: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<ImportId, StageError> {
    ensure(policy::can_import_clients(actor))?;
    let target = portfolio(state, actor, salesperson).await?;
    let mut checked = parse::check(parse::read(bytes)?);
    let mut db = state.pool.acquire().await?;
    find_duplicates(&mut db, actor, target, &mut checked).await?;
    let rows: Vec<StagedRow> = checked.into_iter().map(|c| c.row).collect();
    let now = state.clock.now();
    repo::delete_expired(&mut *db, now).await?;
    let file_name: String = file_name.chars().filter(|c| !c.is_control()).take(255).collect();
    Ok(repo::insert(&mut *db, actor.id, target, &file_name, &rows, now, now + lifetime()).await?)
}

/// Whose portfolio the import fills: the salesperson's own, or the active salesperson
/// management chose.
async fn portfolio(state: &AppState, actor: &Actor, chosen: &str) -> Result<CollaboratorId, StageError> {
    let target = match crate::forms::chosen_id(chosen) {
        Ok(Some(id)) => id,
        Ok(None) if actor.department == Department::Sales => actor.id,
        _ => return Err(FileRefusal::ChooseSalesperson.into()),
    };
    ensure(policy::can_import_clients_for(actor, target))?;
    if !is_active_salesperson(&state.pool, target).await? {
        return Err(FileRefusal::ChooseSalesperson.into());
    }
    Ok(target)
}

/// Whether `id` is an active salesperson: the only portfolio an import fills.
async fn is_active_salesperson(db: impl sqlx::PgExecutor<'_>, id: CollaboratorId) -> sqlx::Result<bool> {
    Ok(crate::collaborators::repo::find_active(db, id).await?.is_some_and(|s| s.department == Department::Sales))
}

/// Marks each valid row that is likely an existing client (one query for the whole file). A
/// row that would be the same client as a row above it is an error: one client, one row.
async fn find_duplicates(
    db: &mut sqlx::PgConnection,
    actor: &Actor,
    salesperson: CollaboratorId,
    checked: &mut [Checked],
) -> Result<(), AppError> {
    let (positions, candidates): (Vec<usize>, Vec<(&str, &str, &str)>) = checked
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let input = c.input.as_ref()?;
            Some((i, (input.email.as_str(), input.full_name.as_str(), input.company_name.as_str())))
        })
        .unzip();
    let found = clients::find_likely_duplicates(db, &candidates).await?;
    let mut claimed: HashMap<ClientId, u64> = HashMap::new();
    for (candidate, by_email, client) in found {
        let Checked { row, input } = &mut checked[positions[candidate]];
        if claimed.insert(client.id, row.line).is_some() {
            row.errors.push(RowError { column: None, message: t::IMPORT_SAME_CLIENT.to_owned() });
            *input = None;
            continue;
        }
        let may_update =
            policy::can_update_client_by_import(actor, salesperson, client.sales_contact_id, client.anonymised);
        let only_skip = match (may_update, client.anonymised, client.sales_contact_id == salesperson) {
            (true, _, _) => None,
            (false, true, _) => Some(t::IMPORT_ONLY_SKIP_ANONYMISED.to_owned()),
            (false, false, true) => Some(t::IMPORT_ONLY_SKIP_NOT_EDITOR.to_owned()),
            (false, false, false) => Some(t::IMPORT_ONLY_SKIP_OTHER_SALES.to_owned()),
        };
        row.duplicate = Some(Duplicate {
            client_id: client.id,
            full_name: client.full_name,
            email: client.email,
            company_name: client.company_name,
            sales_contact_name: client.sales_contact_name,
            version: client.version,
            by: if by_email { Match::Email } else { Match::NameAndCompany },
            only_skip,
        });
    }
    Ok(())
}

/// The preview (or, once confirmed, the result) of one of the actor's imports.
pub async fn preview(state: &AppState, actor: &Actor, id: ImportId) -> Result<ImportView, AppError> {
    ensure(policy::can_import_clients(actor))?;
    let stored = repo::find(&state.pool, id, actor.id).await?.ok_or(AppError::NotFound)?;
    let (import_state, rows) = match stored.result {
        Some(result) => (ImportState::Done(result.0), Vec::new()),
        None if is_expired(stored.expires_at, state.clock.now()) => (ImportState::Expired, Vec::new()),
        None => (ImportState::Staged { expires_at: stored.expires_at }, stored.rows.0),
    };
    Ok(ImportView::new(stored.id, stored.file_name, stored.sales_contact_name, import_state, &rows))
}

/// The database's refusal of a taken e-mail (a client created meanwhile), said with the row.
fn email_taken(error: AppError, line: u64) -> AppError {
    match error {
        AppError::Validation { .. } => AppError::Refused(t::import_email_taken(line)),
        other => other,
    }
}

fn is_expired(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    expires_at <= now
}

/// The choice made for each line (`skip` where none was sent).
fn choices(form: &ImportConfirmation) -> Result<BTreeMap<u64, Choice>, AppError> {
    form.choices
        .iter()
        .map(|(key, value)| {
            let line = Choice::line_of_key(key).ok_or(AppError::BadRequest)?;
            Ok((line, Choice::from_code(value).ok_or(AppError::BadRequest)?))
        })
        .collect()
}

/// Creates the new clients and updates the duplicates chosen for it, in one transaction with
/// an audit record per client, for the import's salesperson. Confirming again changes nothing
/// more: the import is done.
#[tracing::instrument(skip_all, fields(actor = %actor.id, import = %form.id))]
pub async fn confirm(state: &AppState, actor: &Actor, form: &ImportConfirmation) -> Result<ImportId, AppError> {
    ensure(policy::can_import_clients(actor))?;
    let choices = choices(form)?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let stored = repo::lock(&mut tx, form.id, actor.id).await?.ok_or(AppError::NotFound)?;
    if stored.result.is_some() {
        return Ok(stored.id);
    }
    if is_expired(stored.expires_at, now) {
        return Err(AppError::Refused(t::IMPORT_EXPIRED.to_owned()));
    }
    let salesperson = stored.sales_contact_id;
    ensure(policy::can_import_clients_for(actor, salesperson))?;
    // Deactivated or moved to another department since the upload: nobody to give the clients to.
    if !is_active_salesperson(&mut *tx, salesperson).await? {
        return Err(AppError::Refused(t::CHOOSE_ACTIVE_SALES.to_owned()));
    }
    let previewed = stored.rows.0;
    // The rows as they would be previewed now: the same clients must be found.
    let files_rows = previewed.iter().map(|r| FileRow { line: r.line, values: r.values.clone() }).collect();
    let mut now_checked = parse::check(files_rows);
    find_duplicates(&mut tx, actor, salesperson, &mut now_checked).await?;
    let unchanged = previewed.iter().zip(&now_checked).all(|(before, now)| {
        before.is_valid() == now.row.is_valid()
            && before.duplicate().map(|d| d.client_id) == now.row.duplicate().map(|d| d.client_id)
    });
    if !unchanged {
        return Err(AppError::Refused(t::IMPORT_CHANGED.to_owned()));
    }

    let author = Author::new(actor.id, now);
    let mut result = ImportResult::default();
    let to_update: Vec<(u64, &Duplicate, &ClientInput)> = previewed
        .iter()
        .zip(&now_checked)
        .filter(|(row, _)| choices.get(&row.line) == Some(&Choice::Update))
        .filter_map(|(row, now)| Some((row.line, row.duplicate()?, now.input.as_ref()?)))
        .collect();
    let ids: Vec<ClientId> = to_update.iter().map(|(_, d, _)| d.client_id).collect();
    let locked: HashMap<ClientId, ClientRow> =
        clients::lock_many(&mut tx, &ids).await?.into_iter().map(|c| (c.id, c)).collect();
    for (line, duplicate, input) in to_update {
        let before = locked.get(&duplicate.client_id).ok_or(AppError::Refused(t::IMPORT_CHANGED.to_owned()))?;
        ensure(policy::can_update_client_by_import(actor, salesperson, before.sales_contact_id, before.anonymised))?;
        if before.version != duplicate.version {
            return Err(AppError::Refused(t::IMPORT_CHANGED.to_owned()));
        }
        let changes = client_changes::updated(before, input);
        if changes.is_empty() {
            continue;
        }
        clients::update(&mut tx, before.id, input).await.map_err(|e| email_taken(e, line))?;
        audit::record(&mut tx, author, before.id, Action::Update, &changes).await?;
        result.updated += 1;
        result.clients.push((before.id, input.full_name.as_str().to_owned()));
    }
    for checked in now_checked.iter().filter(|c| c.row.is_ready()) {
        let Some(input) = &checked.input else { continue };
        let id = clients::insert(&mut tx, input, salesperson).await.map_err(|e| email_taken(e, checked.row.line))?;
        audit::record(&mut tx, author, id, Action::Create, &client_changes::created(input)).await?;
        result.created += 1;
        result.clients.push((id, input.full_name.as_str().to_owned()));
    }
    result.skipped = previewed.len() - result.created - result.updated;
    result.clients.truncate(RESULT_LINKS);
    repo::complete(&mut tx, stored.id, &result, now).await?;
    crate::db::commit(tx).await?;
    Ok(stored.id)
}
