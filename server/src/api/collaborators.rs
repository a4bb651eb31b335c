//! `/collaborators`: read by everyone signed in, written by management (the administration's
//! services decide).

use super::read_back;
use axum::extract::State;
use axum::response::Response;
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::auth::Department;
use app::collaborators::model::{
    CollaboratorForm, CollaboratorQuery, CollaboratorRow, CollaboratorSort, DepartmentChange,
};
use app::collaborators::repo::{EMAIL_TAKEN, EMPLOYEE_NUMBER_TAKEN};
use app::collaborators::reveal;
use app::collaborators::service;
use app::domain::CollaboratorId;
use app::error::AppError;
use app::listing::Surface;
use app::listing_sql::CountReuse;

use super::auth::ApiActor;
use super::problem::{ApiError, ApiJson, ApiListQuery, ApiPath, Problem};
use super::{ApiState, IfMatchHeader, ListBody, ListControls, created, expected_version, with_etag};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(get, update, delete))
}

/// A department, as the API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DepartmentCode {
    Sales,
    Support,
    Management,
}

impl From<Department> for DepartmentCode {
    fn from(department: Department) -> Self {
        match department {
            Department::Sales => DepartmentCode::Sales,
            Department::Support => DepartmentCode::Support,
            Department::Management => DepartmentCode::Management,
        }
    }
}

impl From<DepartmentCode> for Department {
    fn from(code: DepartmentCode) -> Self {
        match code {
            DepartmentCode::Sales => Department::Sales,
            DepartmentCode::Support => Department::Support,
            DepartmentCode::Management => Department::Management,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Collaborator {
    #[schema(value_type = Uuid)]
    pub id: CollaboratorId,
    #[schema(example = "EE-0101")]
    pub employee_number: String,
    #[schema(example = "Camille Commerce")]
    pub full_name: String,
    #[schema(example = "commercial@epic-events.fr")]
    pub email: String,
    pub department: DepartmentCode,
    pub active: bool,
}

impl From<CollaboratorRow> for Collaborator {
    fn from(row: CollaboratorRow) -> Self {
        Collaborator {
            id: row.id,
            employee_number: row.employee_number,
            full_name: row.full_name,
            email: row.email,
            department: row.department.into(),
            active: row.active,
        }
    }
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, reason = "documents the parameters the list's parser reads")]
pub struct CollaboratorListParams {
    /// Words found in the name, e-mail or employee number.
    #[param(max_length = 100)]
    search: Option<String>,
    department: Option<DepartmentCode>,
    /// `true` (default): active collaborators; `false`: deactivated ones.
    active: Option<bool>,
}

fn duplicate(error: AppError) -> ApiError {
    ApiError::from(error)
        .duplicate_as_conflict("email", EMAIL_TAKEN)
        .duplicate_as_conflict("employee_number", EMPLOYEE_NUMBER_TAKEN)
}

/// The collaborators, like the administration's list. `total` counts at most 1,001 rows.
#[utoipa::path(get, path = "/collaborators", operation_id = "listCollaborators", tag = "collaborators",
    params(CollaboratorListParams, ListControls<CollaboratorSort>),
    responses(
        (status = 200, description = "One page of collaborators", body = ListBody<Collaborator>),
    ), security(("bearer" = [])))]
async fn list(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    params: ApiListQuery<CollaboratorListParams, CollaboratorSort>,
) -> Result<axum::Json<ListBody<Collaborator>>, ApiError> {
    let query = CollaboratorQuery::parse(&|name| params.get(name), Surface::Api)?;
    let page = service::list(&state.app, &query, CountReuse::Recent).await?;
    Ok(axum::Json(ListBody::from_page(page, Collaborator::from)))
}

/// One collaborator. Its `ETag` is the version for `If-Match`.
#[utoipa::path(get, path = "/collaborators/{id}", operation_id = "getCollaborator", tag = "collaborators",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The collaborator", body = Collaborator),
    ), security(("bearer" = [])))]
async fn get(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<CollaboratorId>,
) -> Result<Response, ApiError> {
    let row = service::get(&state.app, id).await?;
    Ok(with_etag(StatusCode::OK, row.version, Collaborator::from(row)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCollaborator {
    /// Letters, digits and `-` (stored in capitals).
    #[schema(example = "EE-0103", min_length = 1, max_length = 20, pattern = "^[A-Za-z0-9-]+$")]
    employee_number: String,
    #[schema(min_length = 1, max_length = 120)]
    full_name: String,
    #[schema(min_length = 3, max_length = 254)]
    email: String,
    department: DepartmentCode,
}

/// A new collaborator, with the one-time password generated for them.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedCollaborator {
    #[serde(flatten)]
    collaborator: Collaborator,
    /// Shown once: hand it to the collaborator, who must change it in the web app (Mon compte) at
    /// their first sign-in; until then `POST /auth/token` answers 403 for the account.
    initial_password: Option<String>,
}

/// Creates a collaborator (management) with a generated password, answered once.
#[utoipa::path(post, path = "/collaborators", operation_id = "createCollaborator", tag = "collaborators",
    request_body = NewCollaborator,
    responses(
        (status = 201, description = "Created; `Location` names the collaborator", body = CreatedCollaborator),
        (status = 403, description = "Management only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "E-mail or employee number already used", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn create(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewCollaborator>,
) -> Result<Response, ApiError> {
    let form = CollaboratorForm {
        employee_number: body.employee_number,
        full_name: body.full_name,
        email: body.email,
        department: Some(body.department.into()),
    };
    let id = service::create(&state.app, &actor, &form).await.map_err(duplicate)?;
    let now = state.app.clock.now();
    let initial_password = read_back(&state.app, || async {
        Ok(reveal::take(&state.app.pool, &state.app.password_seal, actor.id, id, now).await?)
    })
    .await?;
    let row = read_back(&state.app, || service::get(&state.app, id)).await?;
    let version = row.version;
    let body = CreatedCollaborator { collaborator: row.into(), initial_password };
    Ok(created(format!("/collaborators/{id}"), version, body))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CollaboratorPatch {
    /// Letters, digits and `-` (stored in capitals).
    #[schema(min_length = 1, max_length = 20, pattern = "^[A-Za-z0-9-]+$")]
    employee_number: Option<String>,
    #[schema(min_length = 1, max_length = 120)]
    full_name: Option<String>,
    #[schema(min_length = 3, max_length = 254)]
    email: Option<String>,
    /// Moves the collaborator; `clients_to` (a salesperson) and `events_to` (a support
    /// collaborator) take over what they were in charge of, when they were.
    department: Option<DepartmentCode>,
    #[schema(value_type = Option<Uuid>)]
    clients_to: Option<CollaboratorId>,
    #[schema(value_type = Option<Uuid>)]
    events_to: Option<CollaboratorId>,
    /// `false` deactivates (their sessions and API tokens end at once), `true` reactivates.
    active: Option<bool>,
}

/// Changes a collaborator (management): the identity fields, or the department (with the
/// hand-over), or the activation — one of the three per request. `If-Match` as for clients.
#[utoipa::path(patch, path = "/collaborators/{id}", operation_id = "updateCollaborator", tag = "collaborators",
    params(("id" = Uuid, Path), IfMatchHeader), request_body = CollaboratorPatch,
    responses(
        (status = 200, description = "The collaborator after the change", body = Collaborator),
        (status = 403, description = "Management only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed since `If-Match`, a duplicate, or a change refused on one's own account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a hand-over missing", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn update(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<CollaboratorId>,
    headers: HeaderMap,
    ApiJson(patch): ApiJson<CollaboratorPatch>,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?;
    let version = expected_version(&headers, current.version)?;
    let identity = patch.employee_number.is_some() || patch.full_name.is_some() || patch.email.is_some();
    let department = patch.department.is_some() || patch.clients_to.is_some() || patch.events_to.is_some();
    let kinds = [identity, department, patch.active.is_some()].into_iter().filter(|kind| *kind).count();
    if kinds > 1 {
        return Err(ApiError::invalid_fields(
            [("body".to_owned(), app::i18n::fr::API_ONE_CHANGE_AT_A_TIME.to_owned())].into(),
        ));
    }
    if let Some(active) = patch.active {
        service::set_active(&state.app, &actor, id, version, active).await?;
    } else if department {
        let Some(department) = patch.department else {
            return Err(ApiError::invalid_fields(
                [("department".to_owned(), app::i18n::fr::DEPARTMENT_REQUIRED.to_owned())].into(),
            ));
        };
        let change = DepartmentChange {
            department: department.into(),
            clients_to: patch.clients_to,
            events_to: patch.events_to,
        };
        service::change_department(&state.app, &actor, id, version, &change).await?;
    } else {
        let form = CollaboratorForm {
            employee_number: patch.employee_number.unwrap_or(current.employee_number),
            full_name: patch.full_name.unwrap_or(current.full_name),
            email: patch.email.unwrap_or(current.email),
            department: None,
        };
        service::update(&state.app, &actor, id, version, &form).await.map_err(duplicate)?;
    }
    let row = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(with_etag(StatusCode::OK, row.version, Collaborator::from(row)))
}

/// Deletes a collaborator in charge of nothing (management; not oneself). `If-Match` as for
/// clients.
#[utoipa::path(delete, path = "/collaborators/{id}", operation_id = "deleteCollaborator", tag = "collaborators",
    params(("id" = Uuid, Path), IfMatchHeader),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Management only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Still in charge of records, oneself, or changed since `If-Match`", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn delete(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<CollaboratorId>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let current = service::get(&state.app, id).await?;
    let version = expected_version(&headers, current.version)?;
    service::delete(&state.app, &actor, id, version).await?;
    Ok(StatusCode::NO_CONTENT)
}
