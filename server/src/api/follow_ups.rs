//! Follow-ups: "Mes relances" (`/follow-ups`), everyone's overdue ones for management, those of a
//! record (`/clients/{id}/follow-ups` and the like), and marking one done.

use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::domain::{ClientId, CollaboratorId, ContractId, EventId, FollowUpId};
use app::follow_ups::model::{FollowUpForm, FollowUpList, FollowUpRow, FollowUpScope};
use app::follow_ups::service;
use app::records::RecordRef;

use super::auth::ApiActor;
use super::idempotency::{self, IdempotencyHeader};
use super::problem::{ApiError, ApiJson, ApiPath, Problem};
use super::{ApiState, created, read_back, with_etag};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(mine))
        .routes(routes!(team_overdue))
        .routes(routes!(list_for_client, add_to_client))
        .routes(routes!(list_for_contract, add_to_contract))
        .routes(routes!(list_for_event, add_to_event))
        .routes(routes!(get))
        .routes(routes!(set_done))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUp {
    #[schema(value_type = Uuid)]
    pub id: FollowUpId,
    #[schema(value_type = Uuid)]
    pub client_id: ClientId,
    #[schema(example = "Kevin Casey")]
    pub client_name: String,
    #[schema(value_type = Option<Uuid>)]
    pub contract_id: Option<ContractId>,
    #[schema(value_type = Option<Uuid>)]
    pub event_id: Option<EventId>,
    #[schema(example = "Relancer pour le devis")]
    pub title: String,
    /// A day in Paris.
    pub due_on: NaiveDate,
    #[schema(value_type = Uuid)]
    pub owner_id: CollaboratorId,
    pub owner_name: String,
    /// Set once done.
    pub done_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<FollowUpRow> for FollowUp {
    fn from(row: FollowUpRow) -> Self {
        FollowUp {
            id: row.id,
            client_id: row.client_id,
            client_name: row.client_name,
            contract_id: row.contract_id,
            event_id: row.event_id,
            title: row.title,
            due_on: row.due_on,
            owner_id: row.owner_id,
            owner_name: row.owner_name,
            done_at: row.done_at,
            created_at: row.created_at,
        }
    }
}

/// Follow-ups (at most 200 of each kind), with the Paris day overdue is judged on.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpListBody {
    pub items: Vec<FollowUp>,
    pub today: NaiveDate,
}

impl From<FollowUpList> for FollowUpListBody {
    fn from(list: FollowUpList) -> Self {
        FollowUpListBody { items: list.items.into_iter().map(FollowUp::from).collect(), today: list.today }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFollowUp {
    #[serde(default)]
    #[schema(min_length = 1, max_length = 200, required = true)]
    title: String,
    /// From today (Paris) to five years on.
    #[serde(default)]
    #[schema(value_type = String, format = Date, required = true)]
    due_on: String,
    /// An active collaborator; the caller when absent.
    #[schema(value_type = Option<Uuid>)]
    owner_id: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// `true`: done; `false`: to do again. (Missing: refused once the follow-up is found.)
    #[serde(default)]
    #[schema(required = true)]
    done: Option<bool>,
}

async fn list_of(state: &ApiState, record: RecordRef) -> Result<axum::Json<FollowUpListBody>, ApiError> {
    Ok(axum::Json(service::open_for(&state.app, record).await?.into()))
}

async fn add_to(
    state: &ApiState,
    actor: &app::auth::Actor,
    record: RecordRef,
    headers: &HeaderMap,
    body: NewFollowUp,
) -> Result<Response, ApiError> {
    let key = idempotency::key(headers)?;
    let form = FollowUpForm { title: body.title, due_on: body.due_on, owner_id: body.owner_id.unwrap_or_default() };
    let id = service::add(&state.app, actor, record, &form, key.as_ref()).await?;
    let row = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(created(format!("/follow-ups/{id}"), row.version, FollowUp::from(row)))
}

/// The caller's open follow-ups, soonest due first (overdue, today, later), then those done in
/// the last 7 days.
#[utoipa::path(get, path = "/follow-ups", operation_id = "listMyFollowUps", tag = "follow-ups",
    responses(
        (status = 200, description = "The caller's follow-ups", body = FollowUpListBody),
    ), security(("bearer" = [])))]
async fn mine(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<FollowUpListBody>, ApiError> {
    Ok(axum::Json(service::list(&state.app, &actor, FollowUpScope::Mine).await?.into()))
}

/// Everyone's overdue follow-ups, the oldest first (management).
#[utoipa::path(get, path = "/follow-ups/overdue", operation_id = "listOverdueFollowUps", tag = "follow-ups",
    responses(
        (status = 200, description = "The team's overdue follow-ups", body = FollowUpListBody),
        (status = 403, description = "Management only", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn team_overdue(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<FollowUpListBody>, ApiError> {
    Ok(axum::Json(service::list(&state.app, &actor, FollowUpScope::TeamOverdue).await?.into()))
}

/// The open follow-ups about a client: on the client, its contracts and its events.
#[utoipa::path(get, path = "/clients/{id}/follow-ups", operation_id = "listClientFollowUps", tag = "follow-ups", params(("id" = Uuid, Path)),
    responses((status = 200, description = "Soonest due first", body = FollowUpListBody)), security(("bearer" = [])))]
async fn list_for_client(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<axum::Json<FollowUpListBody>, ApiError> {
    list_of(&state, RecordRef::Client(id)).await
}

/// Sets a follow-up on a client (its sales contact, or management).
#[utoipa::path(post, path = "/clients/{id}/follow-ups", operation_id = "addClientFollowUp", tag = "follow-ups", params(("id" = Uuid, Path), IdempotencyHeader), request_body = NewFollowUp,
    responses((status = 201, description = "Set; `Location` names it", body = FollowUp)), security(("bearer" = [])))]
async fn add_to_client(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ClientId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewFollowUp>,
) -> Result<Response, ApiError> {
    add_to(&state, &actor, RecordRef::Client(id), &headers, body).await
}

/// The open follow-ups about a contract and its events.
#[utoipa::path(get, path = "/contracts/{id}/follow-ups", operation_id = "listContractFollowUps", tag = "follow-ups", params(("id" = Uuid, Path)),
    responses((status = 200, description = "Soonest due first", body = FollowUpListBody)), security(("bearer" = [])))]
async fn list_for_contract(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
) -> Result<axum::Json<FollowUpListBody>, ApiError> {
    list_of(&state, RecordRef::Contract(id)).await
}

/// Sets a follow-up on a contract (its client's sales contact, or management).
#[utoipa::path(post, path = "/contracts/{id}/follow-ups", operation_id = "addContractFollowUp", tag = "follow-ups", params(("id" = Uuid, Path), IdempotencyHeader), request_body = NewFollowUp,
    responses((status = 201, description = "Set; `Location` names it", body = FollowUp)), security(("bearer" = [])))]
async fn add_to_contract(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewFollowUp>,
) -> Result<Response, ApiError> {
    add_to(&state, &actor, RecordRef::Contract(id), &headers, body).await
}

/// The open follow-ups about an event.
#[utoipa::path(get, path = "/events/{id}/follow-ups", operation_id = "listEventFollowUps", tag = "follow-ups", params(("id" = Uuid, Path)),
    responses((status = 200, description = "Soonest due first", body = FollowUpListBody)), security(("bearer" = [])))]
async fn list_for_event(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
) -> Result<axum::Json<FollowUpListBody>, ApiError> {
    list_of(&state, RecordRef::Event(id)).await
}

/// Sets a follow-up on an event (its support contact, its client's sales contact, or management).
#[utoipa::path(post, path = "/events/{id}/follow-ups", operation_id = "addEventFollowUp", tag = "follow-ups", params(("id" = Uuid, Path), IdempotencyHeader), request_body = NewFollowUp,
    responses((status = 201, description = "Set; `Location` names it", body = FollowUp)), security(("bearer" = [])))]
async fn add_to_event(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewFollowUp>,
) -> Result<Response, ApiError> {
    add_to(&state, &actor, RecordRef::Event(id), &headers, body).await
}

/// One follow-up.
#[utoipa::path(get, path = "/follow-ups/{id}", operation_id = "getFollowUp", tag = "follow-ups", params(("id" = Uuid, Path)),
    responses((status = 200, description = "The follow-up", body = FollowUp)), security(("bearer" = [])))]
async fn get(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<FollowUpId>,
) -> Result<Response, ApiError> {
    let row = service::get(&state.app, id).await?;
    Ok(with_etag(StatusCode::OK, row.version, FollowUp::from(row)))
}

/// Marks a follow-up done or to do again: its owner, whoever set it, or management.
#[utoipa::path(put, path = "/follow-ups/{id}/done", operation_id = "setFollowUpDone", tag = "follow-ups", params(("id" = Uuid, Path)), request_body = Completion,
    responses((status = 200, description = "The follow-up after the change", body = FollowUp)), security(("bearer" = [])))]
async fn set_done(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<FollowUpId>,
    ApiJson(body): ApiJson<Completion>,
) -> Result<axum::Json<FollowUp>, ApiError> {
    service::set_done(&state.app, &actor, id, body.done).await?;
    let row = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(axum::Json(FollowUp::from(row)))
}
