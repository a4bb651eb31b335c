//! `/events`: the event list, an event, creating and updating events, assigning support.

use super::read_back;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::domain::datetime::to_exact_input;
use app::domain::{ClientId, CollaboratorId, ContractId, EventId};
use app::error::AppError;
use app::events::model::{EventForm, EventQuery, EventRow, EventSort};
use app::events::status::EventStatus;
use app::events::{lifecycle, service};
use app::listing::Surface;
use app::listing_sql::CountReuse;

use super::auth::ApiActor;
use super::idempotency::{self, IdempotencyHeader};
use super::problem::{ApiError, ApiJson, ApiListQuery, ApiPath, Problem};
use super::{ApiState, IfMatchHeader, ListBody, ListControls, created, expected_version, with_etag};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, update, delete))
        .routes(routes!(assign_support))
        .routes(routes!(change_status))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Event {
    #[schema(value_type = Uuid)]
    pub id: EventId,
    #[schema(value_type = Uuid)]
    pub contract_id: ContractId,
    #[schema(value_type = Uuid)]
    pub client_id: ClientId,
    #[schema(example = "Séminaire annuel")]
    pub title: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    #[schema(example = "53 rue du Château, 41120 Candé-sur-Beuvron")]
    pub location: String,
    #[schema(example = 75)]
    pub attendees: i32,
    pub notes: String,
    #[schema(value_type = Option<Uuid>)]
    pub support_contact_id: Option<CollaboratorId>,
    /// Its state when read: `to_plan`, `confirmed`, `ongoing`, `finished` (the last two follow
    /// the dates) or `cancelled`.
    #[schema(example = "confirmed")]
    pub status: &'static str,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Event {
    /// The event as it stands at `now` (its state depends on the clock).
    fn at(row: EventRow, now: DateTime<Utc>) -> Self {
        Event {
            status: row.status(now).code(),
            confirmed_at: row.confirmed_at,
            cancelled_at: row.cancelled_at,
            cancel_reason: row.cancel_reason.clone(),
            id: row.id,
            contract_id: row.contract_id,
            client_id: row.client_id,
            title: row.title,
            start: row.starts_at,
            end: row.ends_at,
            location: row.location,
            attendees: row.attendees,
            notes: row.notes,
            support_contact_id: row.support_contact_id,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, reason = "documents the parameters the list's parser reads")]
pub struct EventListParams {
    /// Words found in the title, the client's name or company.
    #[param(max_length = 100)]
    search: Option<String>,
    /// `true`: only the events whose support contact is the caller.
    mine: Option<bool>,
    /// `true`: only events without a support contact.
    without_support: Option<bool>,
    /// Only the events whose support contact is this collaborator.
    #[param(value_type = Option<Uuid>)]
    support: Option<String>,
    /// Only the events of this salesperson's clients.
    #[param(value_type = Option<Uuid>)]
    sales: Option<String>,
    /// `true`: only events whose contract still has an amount to pay.
    unpaid: Option<bool>,
    /// `true`: only events without an attendees count (or a place).
    incomplete: Option<bool>,
    /// `true`: only events not cancelled that miss a readiness check (a support, a place and
    /// attendees, a signed contract, the milestones due before it paid, a run sheet with its
    /// steps, no overdue follow-up on it).
    at_risk: Option<bool>,
    /// Events starting on or after this day (Paris time), `YYYY-MM-DD`, years 1900 to 2200.
    #[param(value_type = Option<String>, format = Date)]
    from: Option<String>,
    /// Events starting on or before this day (Paris time), `YYYY-MM-DD`, years 1900 to 2200.
    #[param(value_type = Option<String>, format = Date)]
    to: Option<String>,
}

const FIELD_NAMES: &[(&str, &str)] = &[("starts_at", "start"), ("ends_at", "end"), ("contract", "contract_id")];

/// The events, filtered, sorted and paged like the event list page. `total` counts at most
/// 1,001 rows: above 1,000 means "more than 1,000".
#[utoipa::path(get, path = "/events", operation_id = "listEvents", tag = "events", params(EventListParams, ListControls<EventSort>),
    responses(
        (status = 200, description = "One page of events", body = ListBody<Event>),
    ), security(("bearer" = [])))]
async fn list(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    params: ApiListQuery<EventListParams, EventSort>,
) -> Result<axum::Json<ListBody<Event>>, ApiError> {
    let query = EventQuery::parse(&|name| params.get(name), Surface::Api)?;
    let page = service::list(&state.app, &actor, &query, CountReuse::Recent).await?;
    let now = state.app.clock.now();
    Ok(axum::Json(ListBody::from_page(page, |row| Event::at(row, now))))
}

/// One event. Its `ETag` is the version for `If-Match`.
#[utoipa::path(get, path = "/events/{id}", operation_id = "getEvent", tag = "events", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The event", body = Event),
    ), security(("bearer" = [])))]
async fn get(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
) -> Result<Response, ApiError> {
    let event = service::get(&state.app, id).await?;
    Ok(with_etag(StatusCode::OK, event.version, Event::at(event, state.app.clock.now())))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEvent {
    /// A signed contract of one of the caller's clients.
    #[schema(value_type = Uuid)]
    contract_id: ContractId,
    #[schema(example = "Séminaire annuel", min_length = 1, max_length = 120)]
    title: String,
    /// Kept to the minute.
    start: DateTime<Utc>,
    /// After `start`; kept to the minute.
    end: DateTime<Utc>,
    #[schema(min_length = 1, max_length = 200)]
    location: String,
    /// 0 to 1,000,000.
    #[schema(minimum = 0, maximum = 1_000_000)]
    attendees: i64,
    #[serde(default)]
    #[schema(max_length = 5000)]
    notes: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventPatch {
    /// Only the current title is accepted: support does not retitle events (403).
    #[schema(min_length = 1, max_length = 120)]
    title: Option<String>,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    #[schema(min_length = 1, max_length = 200)]
    location: Option<String>,
    #[schema(minimum = 0, maximum = 1_000_000)]
    attendees: Option<i64>,
    #[schema(max_length = 5000)]
    notes: Option<String>,
}

/// Creates an event for a signed contract (the current salesperson of the contract's client);
/// its client is the contract's. An anonymised client gets none (409).
#[utoipa::path(post, path = "/events", operation_id = "createEvent", tag = "events", params(IdempotencyHeader), request_body = NewEvent,
    responses(
        (status = 201, description = "Created; `Location` names the event", body = Event),
        (status = 404, description = "No such contract", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The client is anonymised", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an unsigned contract", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unreachable, or the connection broke while committing (the outcome is then unknown): send the same request again with the same `Idempotency-Key`; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn create(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewEvent>,
) -> Result<Response, ApiError> {
    let key = idempotency::key(&headers)?;
    let form = EventForm {
        title: body.title,
        starts_at: to_exact_input(body.start),
        ends_at: to_exact_input(body.end),
        location: body.location,
        attendees: body.attendees.to_string(),
        notes: body.notes,
    };
    let id = service::create(&state.app, &actor, body.contract_id, &form, key.as_ref())
        .await
        .map_err(|e| ApiError::from(e).renamed(FIELD_NAMES))?;
    let event = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(created(format!("/events/{id}"), event.version, Event::at(event, state.app.clock.now())))
}

/// Updates the given fields (the event's support contact; once the event is finished or
/// cancelled, management only, 409 for its support): dates, location, attendees, notes. A
/// changed `title` is refused to support (403): the salesperson set it with the client. The
/// title, location and notes of an anonymised client's event no longer change (409).
/// `If-Match` as for clients.
#[utoipa::path(patch, path = "/events/{id}", operation_id = "updateEvent", tag = "events", params(("id" = Uuid, Path), IfMatchHeader), request_body = EventPatch,
    responses(
        (status = 200, description = "The event after the update", body = Event),
        (status = 409, description = "Changed since the version in `If-Match`, or free text for an anonymised client", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn update(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
    headers: HeaderMap,
    ApiJson(patch): ApiJson<EventPatch>,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?;
    let version = expected_version(&headers, current.version)?;
    let form = EventForm {
        title: patch.title.unwrap_or(current.title),
        starts_at: to_exact_input(patch.start.unwrap_or(current.starts_at)),
        ends_at: to_exact_input(patch.end.unwrap_or(current.ends_at)),
        location: patch.location.unwrap_or(current.location),
        attendees: patch.attendees.map_or(current.attendees.to_string(), |n| n.to_string()),
        notes: patch.notes.unwrap_or(current.notes),
    };
    service::update(&state.app, &actor, id, version, &form)
        .await
        .map_err(|e| ApiError::from(e).renamed(FIELD_NAMES))?;
    let event = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(with_etag(StatusCode::OK, event.version, Event::at(event, state.app.clock.now())))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupportAssignment {
    /// An active support collaborator, or `null` to remove the assignment.
    #[schema(value_type = Option<Uuid>)]
    support_contact_id: Option<CollaboratorId>,
    /// Why a collaborator who already has an event too close to this one (travel buffer
    /// included) is booked anyway. Without it, such a booking is refused (422, field
    /// `override_reason`, naming the events in the way).
    #[serde(default)]
    #[schema(max_length = 500)]
    override_reason: Option<String>,
}

/// Assigns the event's support contact (management). `If-Match` as for clients.
#[utoipa::path(put, path = "/events/{id}/support", operation_id = "assignEventSupport", tag = "events", params(("id" = Uuid, Path), IfMatchHeader), request_body = SupportAssignment,
    responses(
        (status = 200, description = "The event after the assignment", body = Event),
        (status = 403, description = "Only management assigns support", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed since the version in `If-Match`, or a cancelled event", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an active support collaborator, or one already busy then without `override_reason`", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn assign_support(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SupportAssignment>,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?;
    let version = expected_version(&headers, current.version)?;
    service::assign_support(&state.app, &actor, id, version, body.support_contact_id, body.override_reason.as_deref())
        .await?;
    let event = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(with_etag(StatusCode::OK, event.version, Event::at(event, state.app.clock.now())))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// Required: `to_plan`, `confirmed` or `cancelled` (`ongoing` and `finished` follow the
    /// dates).
    #[serde(default)]
    #[schema(example = "cancelled")]
    status: String,
    /// Why the event is cancelled: required for `cancelled`, ignored otherwise.
    #[serde(default)]
    #[schema(max_length = 500)]
    reason: Option<String>,
}

/// Moves the event to another state: `confirmed` (its client's salesperson, its support or
/// management), back to `to_plan`, `cancelled` with a reason (the client's salesperson or
/// management; the event is kept), or from `cancelled` back to `to_plan` (management).
/// `If-Match` as for clients.
#[utoipa::path(put, path = "/events/{id}/status", operation_id = "changeEventStatus", tag = "events", params(("id" = Uuid, Path), IfMatchHeader), request_body = StatusChange,
    responses(
        (status = 200, description = "The event after the move", body = Event),
        (status = 403, description = "Not allowed to make this move", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed since the version in `If-Match`, or a move the event's state does not allow (the problem says why)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown state, or a cancellation without a reason", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn change_status(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<StatusChange>,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?;
    let version = expected_version(&headers, current.version)?;
    let target = EventStatus::from_code(body.status.trim())
        .ok_or_else(|| AppError::field("status", app::i18n::fr::STATUS_UNKNOWN))?;
    lifecycle::move_to(&state.app, &actor, id, version, target, body.reason.as_deref()).await?;
    let event = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(with_etag(StatusCode::OK, event.version, Event::at(event, state.app.clock.now())))
}

/// Deletes the event (management).
#[utoipa::path(delete, path = "/events/{id}", operation_id = "deleteEvent", tag = "events", params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Management only", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn delete(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
) -> Result<StatusCode, ApiError> {
    service::delete(&state.app, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
