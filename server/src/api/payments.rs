//! A contract's payment schedule (`/contracts/{id}/milestones`, `/payment-milestones/{id}`) and its
//! payments (`/contracts/{id}/payments`, `/payments/{id}`). What remains to be paid
//! (`amount_remaining` of a contract) follows from the payments.

use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::domain::{CollaboratorId, ContractId, MilestoneId, PaymentId};
use app::payments::model::{MilestoneForm, MilestoneRow, PaymentForm, PaymentRow};
use app::payments::service;

use super::auth::ApiActor;
use super::contracts::amount_text;
use super::idempotency::{self, IdempotencyHeader};
use super::problem::{ApiError, ApiJson, ApiPath, Problem};
use super::{ApiState, created, read_back, with_etag};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_milestones, add_milestone))
        .routes(routes!(delete_milestone))
        .routes(routes!(list_payments, record_payment))
        .routes(routes!(get_payment, delete_payment))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Milestone {
    #[schema(value_type = Uuid)]
    pub id: MilestoneId,
    #[schema(value_type = Uuid)]
    pub contract_id: ContractId,
    #[schema(example = "Acompte à la signature")]
    pub label: String,
    /// `amount` (a fixed amount), `percent` (of the total) or `rest` (what the other milestones
    /// leave: "le solde").
    #[schema(pattern = "^(amount|percent|rest)$", example = "percent")]
    pub share: String,
    /// For `percent`: basis points (3000 is 30 %).
    #[schema(example = 3000)]
    pub percent_bp: Option<i32>,
    /// What it asks, in euro cents (a percentage rounded down; the rest takes the cents).
    #[schema(example = 375_000)]
    pub amount: i64,
    /// The part of the payments it holds, in euro cents: payments settle milestones in due order.
    pub paid_amount: i64,
    /// `signing`, `fixed` (on `fixed_on`) or `event` (`days_from_event` days from the Paris day of
    /// the contract's first event; -30 is thirty days before).
    #[schema(pattern = "^(signing|fixed|event)$")]
    pub due_kind: String,
    pub fixed_on: Option<NaiveDate>,
    pub days_from_event: Option<i32>,
    /// The day it falls due; `null` while unknown (unsigned contract, or no event yet).
    pub due_on: Option<NaiveDate>,
    /// `paid`, `partly_paid`, `due` or `overdue` (due before today, Paris, and not fully paid).
    #[schema(pattern = "^(paid|partly_paid|due|overdue)$")]
    pub state: &'static str,
}

impl Milestone {
    fn new(row: MilestoneRow, today: NaiveDate) -> Self {
        let state = row.state(today).code();
        Milestone {
            id: row.id,
            contract_id: row.contract_id,
            label: row.label,
            share: row.share,
            percent_bp: row.percent_bp,
            amount: row.amount_cents,
            paid_amount: row.paid_cents,
            due_kind: row.due_kind,
            fixed_on: row.fixed_on,
            days_from_event: row.days_from_event,
            due_on: row.due_on,
            state,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneListBody {
    /// In the order payments settle them.
    pub items: Vec<Milestone>,
    /// What no milestone asks, in euro cents (a schedule without `rest` may fall short).
    pub unscheduled_amount: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Payment {
    #[schema(value_type = Uuid)]
    pub id: PaymentId,
    #[schema(value_type = Uuid)]
    pub contract_id: ContractId,
    pub paid_on: NaiveDate,
    /// In euro cents.
    #[schema(example = 120_000)]
    pub amount: i64,
    /// `transfer`, `cheque`, `card`, `cash`, or `carried_over` (paid before payments were
    /// recorded one by one).
    #[schema(pattern = "^(transfer|cheque|card|cash|carried_over)$")]
    pub method: &'static str,
    #[schema(value_type = Option<Uuid>)]
    pub recorded_by: Option<CollaboratorId>,
    pub created_at: DateTime<Utc>,
}

impl From<PaymentRow> for Payment {
    fn from(row: PaymentRow) -> Self {
        Payment {
            id: row.id,
            contract_id: row.contract_id,
            paid_on: row.paid_on,
            amount: row.amount_cents,
            method: row.method.code(),
            recorded_by: row.recorded_by,
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentListBody {
    /// Newest first (the 200 newest).
    pub items: Vec<Payment>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMilestone {
    #[serde(default)]
    #[schema(min_length = 1, max_length = 100, required = true)]
    label: String,
    #[serde(default)]
    #[schema(pattern = "^(amount|percent|rest)$", required = true)]
    share: String,
    /// For `amount`: euro cents.
    #[schema(minimum = 0, maximum = 100_000_000_000i64)]
    amount: Option<i64>,
    /// For `percent`: basis points, 1 to 10,000.
    #[schema(minimum = 1, maximum = 10_000)]
    percent_bp: Option<i64>,
    #[serde(default)]
    #[schema(pattern = "^(signing|fixed|event)$", required = true)]
    due_kind: String,
    /// For `fixed`.
    fixed_on: Option<NaiveDate>,
    /// For `event`: -730 to 730.
    #[schema(minimum = -730, maximum = 730)]
    days_from_event: Option<i64>,
}

/// (A missing field is refused with the others, in French, once the contract is found.)
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPayment {
    /// `YYYY-MM-DD`, today (Paris) at the latest.
    #[serde(default)]
    #[schema(format = Date, required = true)]
    paid_on: String,
    /// In euro cents, more than 0 and at most the contract's `amount_remaining`.
    #[schema(minimum = 1, maximum = 100_000_000_000i64, required = true)]
    amount: Option<i64>,
    #[serde(default)]
    #[schema(pattern = "^(transfer|cheque|card|cash)$", required = true)]
    method: String,
}

/// The contract's milestones, each with its amount, due day and state.
#[utoipa::path(get, path = "/contracts/{id}/milestones", operation_id = "listMilestones", tag = "payments", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The schedule", body = MilestoneListBody),
        (status = 404, description = "No such contract", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn list_milestones(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
) -> Result<axum::Json<MilestoneListBody>, ApiError> {
    let schedule = service::for_contract(&state.app, id).await?;
    let today = schedule.today;
    Ok(axum::Json(MilestoneListBody {
        items: schedule.milestones.into_iter().map(|m| Milestone::new(m, today)).collect(),
        unscheduled_amount: schedule.unscheduled_cents,
    }))
}

/// Adds a milestone at the end of the schedule (management, or the client's current
/// salesperson until the contract is signed: the schedule is part of what is signed); the `rest` milestone, if any, gives up what the new one asks. A schedule asking
/// more than the total is refused (422). The `ETag` answered is the contract's version.
#[utoipa::path(post, path = "/contracts/{id}/milestones", operation_id = "addMilestone", tag = "payments", params(("id" = Uuid, Path), IdempotencyHeader), request_body = NewMilestone,
    responses(
        (status = 201, description = "Added; `Location` names the milestone", body = Milestone),
        (status = 404, description = "No such contract", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A signed contract and the caller is its salesperson (only management changes a signed contract's schedule)", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn add_milestone(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewMilestone>,
) -> Result<Response, ApiError> {
    let key = idempotency::key(&headers)?;
    let value = match body.share.as_str() {
        "amount" => body.amount.map(amount_text),
        "percent" => body.percent_bp.map(amount_text),
        _ => None,
    };
    let form = MilestoneForm {
        label: body.label,
        value: value.unwrap_or_default(),
        due: body.due_kind,
        fixed_on: body.fixed_on.map(|day| day.to_string()).unwrap_or_default(),
        days: body.days_from_event.map(|days| days.to_string()).unwrap_or_default(),
        share: body.share,
    };
    let value_name = if form.share == "percent" { "percent_bp" } else { "amount" };
    let names = [("value", value_name), ("due", "due_kind"), ("days", "days_from_event")];
    let created_id = service::add_milestone(&state.app, &actor, id, &form, key.as_ref())
        .await
        .map_err(|e| ApiError::from(e).renamed(&names))?;
    let (row, today, version) = read_back(&state.app, || service::milestone(&state.app, created_id)).await?;
    Ok(created(format!("/payment-milestones/{created_id}"), version, Milestone::new(row, today)))
}

/// Takes a milestone out of the schedule (management, or the client's current salesperson until
/// the contract is signed); the `rest` milestone, if any, takes its amount back.
#[utoipa::path(delete, path = "/payment-milestones/{id}", operation_id = "deleteMilestone", tag = "payments", params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "A signed contract and the caller is its salesperson", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn delete_milestone(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<MilestoneId>,
) -> Result<StatusCode, ApiError> {
    service::delete_milestone(&state.app, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The contract's payments, newest first.
#[utoipa::path(get, path = "/contracts/{id}/payments", operation_id = "listPayments", tag = "payments", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The payments", body = PaymentListBody),
        (status = 404, description = "No such contract", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn list_payments(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
) -> Result<axum::Json<PaymentListBody>, ApiError> {
    let schedule = service::for_contract(&state.app, id).await?;
    Ok(axum::Json(PaymentListBody { items: schedule.payments.into_iter().map(Payment::from).collect() }))
}

/// Records a payment (management, or the client's current salesperson): more than 0, at most
/// what remains, dated today at the latest. The contract's `amount_remaining` drops by it. A
/// payment is never changed: a mistake is deleted (management) and recorded again.
#[utoipa::path(post, path = "/contracts/{id}/payments", operation_id = "recordPayment", tag = "payments", params(("id" = Uuid, Path), IdempotencyHeader), request_body = NewPayment,
    responses(
        (status = 201, description = "Recorded; `Location` names the payment", body = Payment),
        (status = 404, description = "No such contract", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn record_payment(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<ContractId>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewPayment>,
) -> Result<Response, ApiError> {
    let key = idempotency::key(&headers)?;
    let form = PaymentForm {
        paid_on: body.paid_on,
        amount: body.amount.map(amount_text).unwrap_or_default(),
        method: body.method,
    };
    let created_id = service::record_payment(&state.app, &actor, id, &form, key.as_ref()).await?;
    let payment = read_back(&state.app, || service::payment(&state.app, created_id)).await?;
    Ok(created(format!("/payments/{created_id}"), PAYMENT_VERSION, Payment::from(payment)))
}

/// A payment is never changed: its version stays the first.
const PAYMENT_VERSION: i32 = 1;

/// One payment.
#[utoipa::path(get, path = "/payments/{id}", operation_id = "getPayment", tag = "payments", params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The payment", body = Payment),
    ), security(("bearer" = [])))]
async fn get_payment(
    State(state): State<ApiState>,
    ApiActor(_actor): ApiActor,
    ApiPath(id): ApiPath<PaymentId>,
) -> Result<Response, ApiError> {
    let payment = service::payment(&state.app, id).await?;
    Ok(with_etag(StatusCode::OK, PAYMENT_VERSION, Payment::from(payment)))
}

/// Deletes a payment recorded by mistake (management only); the contract's `amount_remaining`
/// grows back by it. The audit trail keeps it.
#[utoipa::path(delete, path = "/payments/{id}", operation_id = "deletePayment", tag = "payments", params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Management only", body = Problem, content_type = "application/problem+json"),
    ), security(("bearer" = [])))]
async fn delete_payment(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<PaymentId>,
) -> Result<StatusCode, ApiError> {
    service::delete_payment(&state.app, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
