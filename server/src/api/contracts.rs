//! `/contracts`: the contract list, a contract, creating, updating and signing contracts.

use super::read_back;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::contracts::model::{AmountsForm, ContractQuery, ContractRow, ContractSort};
use app::contracts::service;
use app::contracts::stage::ContractStage;
use app::domain::{ClientId, CollaboratorId, ContractId};
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
        .routes(routes!(sign))
        .routes(routes!(change_stage))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Contract {
    #[schema(value_type = Uuid)]
    pub id: ContractId,
    #[schema(value_type = Uuid)]
    pub client_id: ClientId,
    /// Who sold or follows the contract: it moves with the client to a new sales contact while
    /// the contract is open (unsigned or not fully paid) and stays as history once it is paid.
    /// Rights follow the client's current sales contact, not this field.
    #[schema(value_type = Uuid)]
    pub sales_contact_id: CollaboratorId,
    /// In euro cents.
    #[schema(example = 1_250_000)]
    pub total_amount: i64,
    /// In euro cents, from 0 to `total_amount`: the total minus the payments recorded
    /// (`/contracts/{id}/payments`). Read-only: derived, never written.
    #[schema(example = 250_000, read_only)]
    pub amount_remaining: i64,
    pub signed: bool,
    pub signed_at: Option<DateTime<Utc>>,
    /// `prospect`, `proposal` (the proposal was sent, `proposed_at`), `signed` (money still
    /// owed) or `paid` (signed, nothing left to pay).
    #[schema(example = "signed")]
    pub stage: &'static str,
    /// When the proposal went to the client.
    pub proposed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ContractRow> for Contract {
    fn from(row: ContractRow) -> Self {
        Contract {
            id: row.id,
            client_id: row.client_id,
            sales_contact_id: row.sales_contact_id,
            total_amount: row.total_cents,
            amount_remaining: row.remaining_cents,
            signed: row.signed_at.is_some(),
            signed_at: row.signed_at,
            stage: row.stage().code(),
            proposed_at: row.proposed_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, reason = "documents the parameters the list's parser reads")]
pub struct ContractListParams {
    /// Words found in the client's name, e-mail or company.
    #[param(max_length = 100)]
    search: Option<String>,
    /// `true`: only the contracts of the caller's clients (whose current sales contact is the
    /// caller).
    mine: Option<bool>,
    /// `true`: signed contracts only; `false`: unsigned contracts only.
    signed: Option<bool>,
    /// `true`: only contracts with an amount remaining.
    unpaid: Option<bool>,
}

const FIELD_NAMES: &[(&str, &str)] = &[("total", "total_amount")];

/// `amount_remaining` is derived from the payments: a request that sets it is refused, clearly,
/// rather than ignored.
fn refuse_remaining(sent: &Option<serde_json::Value>) -> Result<(), ApiError> {
    match sent {
        None => Ok(()),
        Some(_) => Err(ApiError::from(app::error::AppError::field(
            "amount_remaining",
            app::i18n::fr::AMOUNT_REMAINING_READ_ONLY,
        ))),
    }
}

/// The contracts, filtered, sorted and paged like the contract list page. `total` counts at
/// most 1,001 rows: above 1,000 means "more than 1,000".
#[utoipa::path(get, path = "/contracts", operation_id = "listContracts", tag = "contracts", params(ContractListParams, ListControls<ContractSort>),
    responses(
        (status = 200, description = "One page of contracts", body = ListBody<Contract>),
    ), security(("bearer" = [])))]
async fn list(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    params: ApiListQuery<ContractListParams, ContractSort>,
) -> Result<axum::Json<ListBody<Contract>>, ApiError> {
    let query = ContractQuery::parse(&|name| params.get(name), Surface::Api)?;
    let page = service::list(&state.app, &actor, &query, CountReuse::Recent).await?;
    Ok(axum::Json(ListBody::from_page(page, Contract::from)))
}

/// One contract. Its `ETag` is the version for `If-Match`.
#[utoipa::path(get, path = "/contracts/{id}", operation_id = "getContract", tag = "contracts", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The contract", body = Contract),
    ), security(("bearer" = [])))]
async fn get(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
) -> Result<Response, ApiError> {
    let contract = service::get(&state.app, id).await?;
    Ok(with_etag(StatusCode::OK, contract.version, Contract::from(contract)))
}

/// Cents as the amount parser reads them ("1234,56"); negative amounts keep their sign, so
/// that they are refused with the usual message.
pub(super) fn amount_text(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{},{:02}", cents / 100, cents % 100)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContract {
    #[schema(value_type = Uuid)]
    client_id: ClientId,
    /// In euro cents, from 0 to 100,000,000,000.
    #[schema(example = 1_250_000, minimum = 0, maximum = 100_000_000_000i64)]
    total_amount: i64,
    /// Refused (422): what remains is derived from the payments (a new contract owes its
    /// total). Record payments at `/contracts/{id}/payments`.
    #[schema(value_type = Option<i64>, deprecated)]
    amount_remaining: Option<serde_json::Value>,
}

/// Creates an unsigned contract for a client (management, or the client's current
/// salesperson); it takes the client's sales contact. An anonymised client gets none (409).
#[utoipa::path(post, path = "/contracts", operation_id = "createContract", tag = "contracts", params(IdempotencyHeader), request_body = NewContract,
    responses(
        (status = 201, description = "Created; `Location` names the contract", body = Contract),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The client is anonymised", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid amounts", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unreachable, or the connection broke while committing (the outcome is then unknown): send the same request again with the same `Idempotency-Key`; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn create(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewContract>,
) -> Result<Response, ApiError> {
    let key = idempotency::key(&headers)?;
    refuse_remaining(&body.amount_remaining)?;
    let form = AmountsForm { total: amount_text(body.total_amount) };
    let id = service::create(&state.app, &actor, body.client_id, &form, key.as_ref())
        .await
        .map_err(|e| ApiError::from(e).renamed(FIELD_NAMES))?;
    let contract = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(created(format!("/contracts/{id}"), contract.version, Contract::from(contract)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractPatch {
    /// In euro cents.
    #[schema(minimum = 0, maximum = 100_000_000_000i64)]
    total_amount: Option<i64>,
    /// Refused (422): what remains is derived from the payments. Record payments at
    /// `/contracts/{id}/payments`.
    #[schema(value_type = Option<i64>, deprecated)]
    amount_remaining: Option<serde_json::Value>,
}

/// Updates the total (management, or the client's current salesperson until the contract is
/// signed: rights follow the client when management moves it); `amount_remaining` moves with it, what was paid staying
/// paid. A total below what was paid, or below what the milestones ask, is refused (422).
/// `If-Match` as for clients.
#[utoipa::path(patch, path = "/contracts/{id}", operation_id = "updateContract", tag = "contracts", params(("id" = Uuid, Path), IfMatchHeader), request_body = ContractPatch,
    responses(
        (status = 200, description = "The contract after the update", body = Contract),
        (status = 409, description = "Changed since the version in `If-Match`, or a signed contract and the caller is its salesperson (only management changes a signed contract)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid amounts", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn update(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
    headers: HeaderMap,
    ApiJson(patch): ApiJson<ContractPatch>,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?;
    let version = expected_version(&headers, current.version)?;
    refuse_remaining(&patch.amount_remaining)?;
    let form = AmountsForm { total: amount_text(patch.total_amount.unwrap_or(current.total_cents)) };
    service::update_amounts(&state.app, &actor, id, version, &form)
        .await
        .map_err(|e| ApiError::from(e).renamed(FIELD_NAMES))?;
    let contract = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(with_etag(StatusCode::OK, contract.version, Contract::from(contract)))
}

/// Signs the contract (management, or the client's current salesperson), as a move to the
/// stage `signed`. `If-Match` as for clients.
#[utoipa::path(post, path = "/contracts/{id}/sign", operation_id = "signContract", tag = "contracts", params(("id" = Uuid, Path), IfMatchHeader),
    responses(
        (status = 200, description = "The signed contract", body = Contract),
        (status = 409, description = "Changed since the version in `If-Match`, or signed already and the caller is its salesperson (only management changes a signed contract)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Already signed", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn sign(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?;
    let version = expected_version(&headers, current.version)?;
    move_and_read_back(&state, &actor, id, version, ContractStage::Signed).await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageChange {
    /// Required: `prospect`, `proposal` or `signed` (`paid` follows the payments).
    #[serde(default)]
    #[schema(example = "proposal")]
    stage: String,
}

/// Moves the contract on the sales pipeline: `proposal` (the proposal was sent), back to
/// `prospect`, or `signed` — management, or the client's current salesperson while the
/// contract is unsigned. A signature is not taken back, and `paid` follows the payments
/// recorded: those moves are refused (409) with the reason. `If-Match` as for clients.
#[utoipa::path(put, path = "/contracts/{id}/stage", operation_id = "changeContractStage", tag = "contracts", params(("id" = Uuid, Path), IfMatchHeader), request_body = StageChange,
    responses(
        (status = 200, description = "The contract after the move", body = Contract),
        (status = 403, description = "Not allowed to change this contract", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed since the version in `If-Match`, a signed contract (its salesperson may no longer change it), or a move the stages do not allow (the problem says why)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown stage, or signed already", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn change_stage(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<StageChange>,
) -> Result<Response, ApiError> {
    let current = service::get(&state.app, id).await?;
    let version = expected_version(&headers, current.version)?;
    let target = ContractStage::from_code(body.stage.trim())
        .ok_or_else(|| app::error::AppError::field("stage", app::i18n::fr::STAGE_UNKNOWN))?;
    move_and_read_back(&state, &actor, id, version, target).await
}

async fn move_and_read_back(
    state: &ApiState,
    actor: &app::auth::Actor,
    id: ContractId,
    version: i32,
    to: ContractStage,
) -> Result<Response, ApiError> {
    service::move_to_stage(&state.app, actor, id, version, to).await?;
    let contract = read_back(&state.app, || service::get(&state.app, id)).await?;
    Ok(with_etag(StatusCode::OK, contract.version, Contract::from(contract)))
}

/// Deletes the contract (management); a signed contract stays (the accounts keep it), and so
/// does one with events.
#[utoipa::path(delete, path = "/contracts/{id}", operation_id = "deleteContract", tag = "contracts", params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Management only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The contract cannot be deleted (it is signed, or has events)", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn delete(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
) -> Result<StatusCode, ApiError> {
    service::delete(&state.app, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_are_written_as_the_amount_parser_reads_them() {
        assert_eq!(amount_text(123_456), "1234,56");
        assert_eq!(amount_text(5), "0,05");
        assert_eq!(amount_text(-5), "-0,05");
        assert_eq!(amount_text(i64::MIN), "-92233720368547758,08");
    }
}
