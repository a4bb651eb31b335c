//! Notes: what was said to a client, on the client, a contract or an event (`/clients/{id}/notes`
//! and the like), and one note (`/notes/{id}`), which its author corrects or deletes within 15
//! minutes.

use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::domain::{ClientId, CollaboratorId, ContractId, EventId, NoteId};
use app::notes::model::{NoteForm, NoteRow};
use app::notes::service;
use app::records::RecordRef;

use super::auth::ApiActor;
use super::idempotency::{self, IdempotencyHeader};
use super::problem::{ApiError, ApiJson, ApiPath, Problem};
use super::{ApiState, IfMatchHeader, created, expected_version, read_back, with_etag};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_for_client, add_to_client))
        .routes(routes!(list_for_contract, add_to_contract))
        .routes(routes!(list_for_event, add_to_event))
        .routes(routes!(get, update, delete))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Note {
    #[schema(value_type = Uuid)]
    pub id: NoteId,
    /// The client the note is about (always set).
    #[schema(value_type = Uuid)]
    pub client_id: ClientId,
    /// The contract, for a note on a contract or on one of its events.
    #[schema(value_type = Option<Uuid>)]
    pub contract_id: Option<ContractId>,
    #[schema(value_type = Option<Uuid>)]
    pub event_id: Option<EventId>,
    #[schema(value_type = String, example = "call")]
    pub kind: &'static str,
    #[schema(example = "Rappelée : d’accord pour 80 invités, devis à renvoyer.")]
    pub body: String,
    #[schema(value_type = Option<Uuid>)]
    pub author_id: Option<CollaboratorId>,
    pub author_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<NoteRow> for Note {
    fn from(row: NoteRow) -> Self {
        Note {
            id: row.id,
            client_id: row.client_id,
            contract_id: row.contract_id,
            event_id: row.event_id,
            kind: row.kind.code(),
            body: row.body,
            author_id: row.author_id,
            author_name: row.author_name,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// The notes about a record, newest first (the 200 newest).
#[derive(Debug, Serialize, ToSchema)]
pub struct NoteListBody {
    pub items: Vec<Note>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    /// `call`, `email`, `meeting` or `note`. (A missing field is refused with the others, in
    /// French, once the record is found.)
    #[serde(default)]
    #[schema(value_type = String, pattern = "^(call|email|meeting|note)$", required = true)]
    kind: String,
    #[serde(default)]
    #[schema(min_length = 1, max_length = 5000, required = true)]
    body: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotePatch {
    #[schema(value_type = Option<String>, pattern = "^(call|email|meeting|note)$")]
    kind: Option<String>,
    #[schema(min_length = 1, max_length = 5000)]
    body: Option<String>,
}

async fn list_of(state: &ApiState, record: RecordRef) -> Result<axum::Json<NoteListBody>, ApiError> {
    let notes = service::list(&state.app, record).await?;
    Ok(axum::Json(NoteListBody { items: notes.items.into_iter().map(Note::from).collect() }))
}

async fn add_to(
    state: &ApiState,
    actor: &app::auth::Actor,
    record: RecordRef,
    headers: &HeaderMap,
    body: NewNote,
) -> Result<Response, ApiError> {
    let key = idempotency::key(headers)?;
    let form = NoteForm { kind: body.kind, body: body.body };
    let id = service::add(&state.app, actor, record, &form, key.as_ref()).await?;
    let note = read_back(&state.app, || service::get(&state.app, id)).await?.note;
    Ok(created(format!("/notes/{id}"), note.version, Note::from(note)))
}

/// The notes about a client: on the client, its contracts and its events.
#[utoipa::path(get, path = "/clients/{id}/notes", operation_id = "listClientNotes", tag = "notes", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The notes, newest first", body = NoteListBody),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn list_for_client(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<axum::Json<NoteListBody>, ApiError> {
    list_of(&state, RecordRef::Client(id)).await
}

/// Adds a note to a client (its sales contact, or management). Moves the client's last contact
/// to now. Nothing is written about an anonymised client (403).
#[utoipa::path(post, path = "/clients/{id}/notes", operation_id = "addClientNote", tag = "notes", params(("id" = Uuid, Path), IdempotencyHeader), request_body = NewNote,
    responses(
        (status = 201, description = "Added; `Location` names the note", body = Note),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn add_to_client(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ClientId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewNote>,
) -> Result<Response, ApiError> {
    add_to(&state, &actor, RecordRef::Client(id), &headers, body).await
}

/// The notes about a contract: on the contract and its events.
#[utoipa::path(get, path = "/contracts/{id}/notes", operation_id = "listContractNotes", tag = "notes", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The notes, newest first", body = NoteListBody),
        (status = 404, description = "No such contract", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn list_for_contract(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
) -> Result<axum::Json<NoteListBody>, ApiError> {
    list_of(&state, RecordRef::Contract(id)).await
}

/// Adds a note to a contract (its client's sales contact, or management).
#[utoipa::path(post, path = "/contracts/{id}/notes", operation_id = "addContractNote", tag = "notes", params(("id" = Uuid, Path), IdempotencyHeader), request_body = NewNote,
    responses(
        (status = 201, description = "Added; `Location` names the note", body = Note),
        (status = 404, description = "No such contract", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn add_to_contract(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewNote>,
) -> Result<Response, ApiError> {
    add_to(&state, &actor, RecordRef::Contract(id), &headers, body).await
}

/// The notes about an event.
#[utoipa::path(get, path = "/events/{id}/notes", operation_id = "listEventNotes", tag = "notes", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The notes, newest first", body = NoteListBody),
        (status = 404, description = "No such event", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn list_for_event(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
) -> Result<axum::Json<NoteListBody>, ApiError> {
    list_of(&state, RecordRef::Event(id)).await
}

/// Adds a note to an event (its support contact, its client's sales contact, or management).
#[utoipa::path(post, path = "/events/{id}/notes", operation_id = "addEventNote", tag = "notes", params(("id" = Uuid, Path), IdempotencyHeader), request_body = NewNote,
    responses(
        (status = 201, description = "Added; `Location` names the note", body = Note),
        (status = 404, description = "No such event", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn add_to_event(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewNote>,
) -> Result<Response, ApiError> {
    add_to(&state, &actor, RecordRef::Event(id), &headers, body).await
}

/// One note. Its `ETag` is the version for `If-Match`.
#[utoipa::path(get, path = "/notes/{id}", operation_id = "getNote", tag = "notes", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The note", body = Note),
    ), security(("bearer" = [])))]
async fn get(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<NoteId>,
) -> Result<Response, ApiError> {
    let note = service::get(&state.app, id).await?.note;
    Ok(with_etag(StatusCode::OK, note.version, Note::from(note)))
}

/// Corrects a note: its author, within 15 minutes of writing it (403 after). `If-Match` as for
/// clients.
#[utoipa::path(patch, path = "/notes/{id}", operation_id = "updateNote", tag = "notes", params(("id" = Uuid, Path), IfMatchHeader), request_body = NotePatch,
    responses(
        (status = 200, description = "The note after the correction", body = Note),
        (status = 409, description = "Changed since the version in `If-Match`", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn update(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<NoteId>,
    headers: HeaderMap,
    ApiJson(patch): ApiJson<NotePatch>,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?.note;
    let version = expected_version(&headers, current.version)?;
    let form = NoteForm {
        kind: patch.kind.unwrap_or_else(|| current.kind.code().to_owned()),
        body: patch.body.unwrap_or(current.body),
    };
    service::update(&state.app, &actor, id, Some(version), &form).await?;
    let note = read_back(&state.app, || service::get(&state.app, id)).await?.note;
    Ok(with_etag(StatusCode::OK, note.version, Note::from(note)))
}

/// Deletes a note: its author within 15 minutes, or management at any time.
#[utoipa::path(delete, path = "/notes/{id}", operation_id = "deleteNote", tag = "notes", params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
    ), security(("bearer" = [])))]
async fn delete(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<NoteId>,
) -> Result<StatusCode, ApiError> {
    service::delete(&state.app, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
