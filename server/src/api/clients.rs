//! `/clients`: the client list, a client, creating and updating clients.

use super::read_back;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::clients::model::{ClientForm, ClientQuery, ClientRow, ClientSort};
use app::clients::service;
use app::domain::{ClientId, CollaboratorId};
use app::listing::Surface;
use app::listing_sql::CountReuse;

use super::auth::ApiActor;
use super::idempotency::{self, IdempotencyHeader};
use super::problem::{ApiError, ApiJson, ApiListQuery, ApiPath, Problem};
use super::{ApiState, IfMatchHeader, ListBody, ListControls, created, expected_version, with_etag};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(get, update, delete))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Client {
    #[schema(value_type = Uuid)]
    pub id: ClientId,
    #[schema(example = "Kevin Casey")]
    pub full_name: String,
    #[schema(example = "kevin@startup.io")]
    pub email: String,
    /// E.164.
    #[schema(example = "+33612345678")]
    pub phone: String,
    #[schema(example = "Cool Startup LLC")]
    pub company_name: String,
    #[schema(value_type = Uuid)]
    pub sales_contact_id: CollaboratorId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ClientRow> for Client {
    fn from(row: ClientRow) -> Self {
        Client {
            id: row.id,
            full_name: row.full_name,
            email: row.email,
            phone: row.phone,
            company_name: row.company_name,
            sales_contact_id: row.sales_contact_id,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, reason = "documents the parameters the list's parser reads")]
pub struct ClientListParams {
    /// Words found in the name, e-mail or company.
    #[param(max_length = 100)]
    search: Option<String>,
    /// `true`: only the clients whose sales contact is the caller.
    mine: Option<bool>,
    /// `true`: only prospects (clients without a signed contract).
    prospect: Option<bool>,
    /// Only the clients last contacted (changed or given a note) before this day (Paris time),
    /// `YYYY-MM-DD`.
    #[param(value_type = Option<String>, format = Date)]
    contact_before: Option<String>,
}

fn duplicate_email(error: app::error::AppError) -> ApiError {
    ApiError::from(error).duplicate_as_conflict("email", app::clients::repo::EMAIL_TAKEN)
}

/// The clients, filtered, sorted and paged like the client list page. `total` counts at most
/// 1,001 rows: a total above 1,000 means "more than 1,000".
#[utoipa::path(get, path = "/clients", operation_id = "listClients", tag = "clients", params(ClientListParams, ListControls<ClientSort>),
    responses(
        (status = 200, description = "One page of clients", body = ListBody<Client>),
    ), security(("bearer" = [])))]
async fn list(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    params: ApiListQuery<ClientListParams, ClientSort>,
) -> Result<axum::Json<ListBody<Client>>, ApiError> {
    let query = ClientQuery::parse(&|name| params.get(name), Surface::Api)?;
    let page = service::list(&state.app, &actor, &query, CountReuse::Recent).await?;
    Ok(axum::Json(ListBody::from_page(page, Client::from)))
}

/// One client. Its `ETag` is the version to send back in `If-Match` when updating it.
#[utoipa::path(get, path = "/clients/{id}", operation_id = "getClient", tag = "clients", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The client", body = Client),
    ), security(("bearer" = [])))]
async fn get(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<Response, ApiError> {
    let client = service::get(&state.app, id).await?;
    Ok(with_etag(StatusCode::OK, client.version, Client::from(client)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewClient {
    #[schema(example = "Kevin Casey", min_length = 1, max_length = 120)]
    full_name: String,
    #[schema(example = "kevin@startup.io", min_length = 3, max_length = 254)]
    email: String,
    /// French or international format; stored in E.164.
    #[schema(example = "+33 6 12 34 56 78", max_length = 64)]
    phone: String,
    #[schema(example = "Cool Startup LLC", min_length = 1, max_length = 120)]
    company_name: String,
}

/// Creates a client (sales only); the caller becomes its sales contact.
#[utoipa::path(post, path = "/clients", operation_id = "createClient", tag = "clients", params(IdempotencyHeader), request_body = NewClient,
    responses(
        (status = 201, description = "Created; `Location` names the client", body = Client),
        (status = 403, description = "Only sales create clients", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An e-mail another client uses", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unreachable, or the connection broke while committing (the outcome is then unknown): send the same request again with the same `Idempotency-Key`; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn create(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewClient>,
) -> Result<Response, ApiError> {
    let key = idempotency::key(&headers)?;
    let form =
        ClientForm { full_name: body.full_name, email: body.email, phone: body.phone, company_name: body.company_name };
    let id = service::create(&state.app, &actor, &form, key.as_ref()).await.map_err(duplicate_email)?;
    let client = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(created(format!("/clients/{id}"), client.version, Client::from(client)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientPatch {
    #[schema(min_length = 1, max_length = 120)]
    full_name: Option<String>,
    #[schema(min_length = 3, max_length = 254)]
    email: Option<String>,
    #[schema(max_length = 64)]
    phone: Option<String>,
    #[schema(min_length = 1, max_length = 120)]
    company_name: Option<String>,
    /// Hands the client to another active salesperson (management only); not combined with
    /// other fields.
    #[schema(value_type = Option<Uuid>)]
    sales_contact_id: Option<CollaboratorId>,
}

/// Updates the given fields: the client's own salesperson changes its details, management
/// changes its sales contact. With `If-Match: "<version>"`, a client changed since that
/// version is not overwritten (409).
#[utoipa::path(patch, path = "/clients/{id}", operation_id = "updateClient", tag = "clients", params(("id" = Uuid, Path), IfMatchHeader), request_body = ClientPatch,
    responses(
        (status = 200, description = "The client after the update", body = Client),
        (status = 409, description = "Changed since the version in `If-Match`, or an e-mail another client uses", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn update(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ClientId>,
    headers: HeaderMap,
    ApiJson(patch): ApiJson<ClientPatch>,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?;
    let version = expected_version(&headers, current.version)?;
    let details = [&patch.full_name, &patch.email, &patch.phone, &patch.company_name];
    let changes_details = details.iter().any(|field| field.is_some());
    if let Some(sales_contact_id) = patch.sales_contact_id {
        if changes_details {
            return Err(ApiError::invalid_fields(
                [("sales_contact_id".to_owned(), app::i18n::fr::API_SALES_CONTACT_ALONE.to_owned())].into(),
            ));
        }
        service::change_sales_contact(&state.app, &actor, id, version, sales_contact_id).await?;
    } else {
        let form = ClientForm {
            full_name: patch.full_name.unwrap_or(current.full_name),
            email: patch.email.unwrap_or(current.email),
            phone: patch.phone.unwrap_or(current.phone),
            company_name: patch.company_name.unwrap_or(current.company_name),
        };
        service::update(&state.app, &actor, id, version, &form).await.map_err(duplicate_email)?;
    }
    let client = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(with_etag(StatusCode::OK, client.version, Client::from(client)))
}

/// Deletes the client (management), with its unsigned contracts; a client with a signed contract stays.
#[utoipa::path(delete, path = "/clients/{id}", operation_id = "deleteClient", tag = "clients", params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Management only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The client has a signed contract", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn delete(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ClientId>,
) -> Result<StatusCode, ApiError> {
    service::delete(&state.app, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
