//! An event's run sheet (`/events/{id}/run-sheet`) and the steps of its timeline
//! (`/events/{id}/run-sheet/items`, `/run-sheet-items/{id}`). Anyone signed in reads it; its
//! support contact changes it until the event is finished or cancelled, management at any time.
//! The sheet's version (its `ETag`) guards every change of the sheet, its steps included.

use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::domain::datetime::to_exact_input;
use app::domain::{CollaboratorId, EventId, FollowUpId, TimelineItemId};
use app::run_sheet::model::{Contact, RunSheet, RunSheetForm, TimelineItem, TimelineItemForm};
use app::run_sheet::service;

use super::auth::ApiActor;
use super::problem::{ApiError, ApiJson, ApiPath, Problem};
use super::{ApiState, IfMatchHeader, created, expected_version, read_back, with_etag};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(get_run_sheet, update_run_sheet)).routes(routes!(add_item)).routes(routes!(
        get_item,
        update_item,
        delete_item
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Person {
    #[schema(example = "Sarah Support")]
    pub name: String,
    /// E.164, when known.
    #[schema(example = "+33612345678")]
    pub phone: Option<String>,
}

impl From<Contact> for Person {
    fn from(contact: Contact) -> Self {
        Person { name: contact.full_name, phone: contact.phone }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunSheetItem {
    #[schema(value_type = Uuid)]
    pub id: TimelineItemId,
    #[schema(value_type = Uuid)]
    pub event_id: EventId,
    pub at: DateTime<Utc>,
    /// `setup` (installation), `doors` (ouverture des portes), `programme` or `teardown`
    /// (démontage).
    #[schema(pattern = "^(setup|doors|programme|teardown)$", example = "doors")]
    pub kind: &'static str,
    #[schema(example = "Accueil des invités")]
    pub label: String,
    pub details: String,
}

impl From<TimelineItem> for RunSheetItem {
    fn from(item: TimelineItem) -> Self {
        RunSheetItem {
            id: item.id,
            event_id: item.event_id,
            at: item.at,
            kind: item.kind.code(),
            label: item.label,
            details: item.details,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunSheetFollowUp {
    #[schema(value_type = Uuid)]
    pub id: FollowUpId,
    pub title: String,
    pub due_on: NaiveDate,
    #[schema(value_type = Uuid)]
    pub owner_id: CollaboratorId,
}

/// Everything the event-day sheet holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunSheetBody {
    #[schema(value_type = Uuid)]
    pub event_id: EventId,
    pub title: String,
    pub client_name: String,
    pub company_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The event's state when read (see `Event.status`).
    pub status: &'static str,
    pub location: String,
    pub access_notes: String,
    /// Empty when not given.
    pub onsite_contact_name: String,
    /// E.164.
    pub onsite_contact_phone: Option<String>,
    pub attendees: i32,
    pub notes: String,
    /// The client's current salesperson.
    pub sales_contact: Person,
    pub support_contact: Option<Person>,
    /// In time order.
    pub items: Vec<RunSheetItem>,
    /// The event's follow-ups not done yet.
    pub open_follow_ups: Vec<RunSheetFollowUp>,
}

impl From<RunSheet> for RunSheetBody {
    fn from(sheet: RunSheet) -> Self {
        let status = sheet.event.status(sheet.as_of).code();
        let RunSheet { event, fields, items, sales, support, follow_ups, company_name, .. } = sheet;
        RunSheetBody {
            event_id: event.id,
            title: event.title,
            client_name: event.client_name,
            company_name,
            start: event.starts_at,
            end: event.ends_at,
            status,
            location: event.location,
            access_notes: fields.access_notes,
            onsite_contact_name: fields.onsite_contact_name,
            onsite_contact_phone: fields.onsite_contact_phone,
            attendees: event.attendees,
            notes: event.notes,
            sales_contact: sales.into(),
            support_contact: support.map(Person::from),
            items: items.into_iter().map(RunSheetItem::from).collect(),
            open_follow_ups: follow_ups
                .into_iter()
                .map(|f| RunSheetFollowUp { id: f.id, title: f.title, due_on: f.due_on, owner_id: f.owner_id })
                .collect(),
        }
    }
}

/// The fields to change; those left out keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunSheetPatch {
    /// Entrance, parking, badges, delivery bay…
    #[schema(max_length = 1000)]
    access_notes: Option<String>,
    /// The client's contact on site; empty to remove (with the phone).
    #[schema(max_length = 120)]
    onsite_contact_name: Option<String>,
    /// Any way a phone is written ("06 12 34 56 78", "+33 6 12 34 56 78"); empty to remove.
    /// Only with a name.
    #[schema(max_length = 64)]
    onsite_contact_phone: Option<String>,
}

/// A step of the timeline. (A missing field is refused with the others, in French, once the
/// event is found.)
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRunSheetItem {
    /// From the start of the Paris day before the event's start to the end of the Paris day
    /// after its end; kept to the minute.
    #[schema(required = true)]
    at: Option<DateTime<Utc>>,
    #[serde(default)]
    #[schema(pattern = "^(setup|doors|programme|teardown)$", required = true)]
    kind: String,
    #[serde(default)]
    #[schema(min_length = 1, max_length = 120, required = true)]
    label: String,
    #[serde(default)]
    #[schema(max_length = 500)]
    details: String,
}

/// The fields of a step to change; those left out keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunSheetItemPatch {
    at: Option<DateTime<Utc>>,
    #[schema(pattern = "^(setup|doors|programme|teardown)$")]
    kind: Option<String>,
    #[schema(min_length = 1, max_length = 120)]
    label: Option<String>,
    #[schema(max_length = 500)]
    details: Option<String>,
}

async fn sheet_answer(state: &ApiState, id: EventId) -> Result<Response, ApiError> {
    let sheet = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(with_etag(StatusCode::OK, sheet.fields.version, RunSheetBody::from(sheet)))
}

/// The event's run sheet. Its `ETag` is the sheet's version for `If-Match`.
#[utoipa::path(get, path = "/events/{id}/run-sheet", operation_id = "getRunSheet", tag = "run-sheets", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The run sheet", body = RunSheetBody),
    ), security(("bearer" = [])))]
async fn get_run_sheet(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
) -> Result<Response, ApiError> {
    sheet_answer(&state, id).await
}

/// Changes the access notes and the contact on site (the event's support contact; once the
/// event is finished or cancelled, management only, 409 for its support; management at any
/// time). An anonymised client's event no longer changes (409). `If-Match` as for clients.
#[utoipa::path(patch, path = "/events/{id}/run-sheet", operation_id = "updateRunSheet", tag = "run-sheets", params(("id" = Uuid, Path), IfMatchHeader), request_body = RunSheetPatch,
    responses(
        (status = 200, description = "The run sheet after the change", body = RunSheetBody),
        (status = 409, description = "Changed since the version in `If-Match`, a finished or cancelled event (its support), or an anonymised client", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn update_run_sheet(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
    headers: HeaderMap,
    ApiJson(patch): ApiJson<RunSheetPatch>,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?.fields;
    let version = expected_version(&headers, current.version)?;
    // An emptied name removes the contact, its phone with it unless a phone is sent too.
    let removes_contact = patch.onsite_contact_name.as_deref().is_some_and(|name| name.trim().is_empty());
    let current_phone = match removes_contact {
        true => String::new(),
        false => current.onsite_contact_phone_display().unwrap_or_default(),
    };
    let form = RunSheetForm {
        access_notes: patch.access_notes.unwrap_or(current.access_notes),
        onsite_contact_name: patch.onsite_contact_name.unwrap_or(current.onsite_contact_name),
        onsite_contact_phone: patch.onsite_contact_phone.unwrap_or(current_phone),
    };
    service::update_details(&state.app, &actor, id, version, &form).await?;
    sheet_answer(&state, id).await
}

/// Adds a step to the timeline (who may change the sheet). `If-Match` as for clients, with the
/// sheet's version.
#[utoipa::path(post, path = "/events/{id}/run-sheet/items", operation_id = "addRunSheetItem", tag = "run-sheets", params(("id" = Uuid, Path), IfMatchHeader), request_body = NewRunSheetItem,
    responses(
        (status = 201, description = "Added; `Location` names the step, `ETag` is the sheet's new version", body = RunSheetItem),
        (status = 409, description = "Changed since the version in `If-Match`, a finished or cancelled event (its support), or an anonymised client", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn add_item(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewRunSheetItem>,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?.fields;
    let version = expected_version(&headers, current.version)?;
    let form = TimelineItemForm {
        at: body.at.map(to_exact_input).unwrap_or_default(),
        kind: body.kind,
        label: body.label,
        details: body.details,
    };
    let item_id = service::add_item(&state.app, &actor, id, version, &form).await?;
    let (item, version) = read_back(&state.app, || service::item(&state.app, item_id)).await?;
    Ok(created(format!("/run-sheet-items/{item_id}"), version, RunSheetItem::from(item)))
}

/// One step. Its `ETag` is its sheet's version.
#[utoipa::path(get, path = "/run-sheet-items/{id}", operation_id = "getRunSheetItem", tag = "run-sheets", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The step", body = RunSheetItem),
    ), security(("bearer" = [])))]
async fn get_item(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<TimelineItemId>,
) -> Result<Response, ApiError> {
    let (item, version) = service::item(&state.app, id).await?;
    Ok(with_etag(StatusCode::OK, version, RunSheetItem::from(item)))
}

/// Changes a step (who may change the sheet). `If-Match` as for clients, with the sheet's
/// version.
#[utoipa::path(patch, path = "/run-sheet-items/{id}", operation_id = "updateRunSheetItem", tag = "run-sheets", params(("id" = Uuid, Path), IfMatchHeader), request_body = RunSheetItemPatch,
    responses(
        (status = 200, description = "The step after the change; `ETag` is the sheet's new version", body = RunSheetItem),
        (status = 409, description = "Changed since the version in `If-Match`, a finished or cancelled event (its support), or an anonymised client", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn update_item(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<TimelineItemId>,
    headers: HeaderMap,
    ApiJson(patch): ApiJson<RunSheetItemPatch>,
) -> Result<Response, ApiError> {
    let (current, version) = service::item(&state.app, id).await?;
    let version = expected_version(&headers, version)?;
    let form = TimelineItemForm {
        at: to_exact_input(patch.at.unwrap_or(current.at)),
        kind: patch.kind.unwrap_or_else(|| current.kind.code().to_owned()),
        label: patch.label.unwrap_or(current.label),
        details: patch.details.unwrap_or(current.details),
    };
    service::update_item(&state.app, &actor, id, version, &form).await?;
    let (item, version) = read_back(&state.app, || service::item(&state.app, id)).await?;
    Ok(with_etag(StatusCode::OK, version, RunSheetItem::from(item)))
}

/// Takes a step out of the timeline (who may change the sheet). `If-Match` as for clients,
/// with the sheet's version.
#[utoipa::path(delete, path = "/run-sheet-items/{id}", operation_id = "deleteRunSheetItem", tag = "run-sheets", params(("id" = Uuid, Path), IfMatchHeader),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "Changed since the version in `If-Match`, a finished or cancelled event (its support), or an anonymised client", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn delete_item(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<TimelineItemId>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let (_, version) = service::item(&state.app, id).await?;
    let version = expected_version(&headers, version)?;
    service::delete_item(&state.app, &actor, id, version).await?;
    Ok(StatusCode::NO_CONTENT)
}
