//! `/events/{id}/debrief`: what an event's support wrote once it was over.

use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::debriefs::model::{DebriefForm, DebriefRow};
use app::debriefs::service;
use app::domain::EventId;
use app::error::AppError;

use super::auth::ApiActor;
use super::problem::{ApiError, ApiJson, ApiPath, Problem};
use super::{ApiState, IfMatchHeader, expected_version, read_back, with_etag};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(get, put))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Debrief {
    #[schema(value_type = Uuid)]
    pub event_id: EventId,
    #[schema(example = "L’accueil et le cocktail.")]
    pub went_well: String,
    #[schema(example = "La sono a lâché vingt minutes.")]
    pub went_badly: String,
    /// The client's satisfaction, 1 (very unhappy) to 5 (delighted).
    #[schema(minimum = 1, maximum = 5, example = 4)]
    pub satisfaction: i16,
    #[schema(minimum = 0, example = 180)]
    pub actual_attendees: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<DebriefRow> for Debrief {
    fn from(row: DebriefRow) -> Self {
        Debrief {
            event_id: row.event_id,
            went_well: row.went_well,
            went_badly: row.went_badly,
            satisfaction: row.satisfaction,
            actual_attendees: row.actual_attendees,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DebriefBody {
    #[serde(default)]
    #[schema(max_length = 2000)]
    went_well: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    went_badly: String,
    /// Required, 1 to 5.
    #[schema(minimum = 1, maximum = 5)]
    satisfaction: Option<i64>,
    /// Required.
    #[schema(minimum = 0, maximum = 1_000_000)]
    actual_attendees: Option<i64>,
}

/// The event's debrief. Its `ETag` is the version for `If-Match`.
#[utoipa::path(get, path = "/events/{id}/debrief", operation_id = "getDebrief", tag = "events", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The debrief", body = Debrief),
        (status = 404, description = "No such event, or no debrief yet", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn get(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
) -> Result<Response, ApiError> {
    let debrief = service::get(&state.app, id).await?.ok_or(AppError::NotFound)?;
    Ok(with_etag(StatusCode::OK, debrief.version, Debrief::from(debrief)))
}

/// Writes the debrief of a finished event (its support, or management), or corrects it. The
/// first one sets the client's salesperson a follow-up to propose the next edition, ten months
/// after the event. `If-Match` as for clients once a debrief exists.
#[utoipa::path(put, path = "/events/{id}/debrief", operation_id = "putDebrief", tag = "events", params(("id" = Uuid, Path), IfMatchHeader), request_body = DebriefBody,
    responses(
        (status = 200, description = "The debrief as saved", body = Debrief),
        (status = 403, description = "Neither the event's support nor management", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such event", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed since the version in `If-Match`, an event not over (or cancelled), or an anonymised client", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn put(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<EventId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<DebriefBody>,
) -> Result<Response, ApiError> {
    // An unknown event is told as such before its body is read.
    app::events::service::get(&state.app, id).await?;
    let current = service::get(&state.app, id).await?.map_or(0, |d| d.version);
    let version = expected_version(&headers, current)?;
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let form = DebriefForm {
        went_well: body.went_well,
        went_badly: body.went_badly,
        satisfaction: number(body.satisfaction),
        actual_attendees: number(body.actual_attendees),
    };
    service::save(&state.app, &actor, id, version, &form).await?;
    let debrief =
        read_back(&state.app, || async { service::get(&state.app, id).await?.ok_or(AppError::NotFound) }).await?;
    Ok(with_etag(StatusCode::OK, debrief.version, Debrief::from(debrief)))
}
