//! The OpenAPI 3.1 document: built from the handlers' annotations by the same router that
//! serves them, so a route cannot exist without its description, nor the reverse.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::header;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as Document, Ref, RefOr, Response as Answer, Server};
use utoipa::{Modify, OpenApi, PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::problem::{PROBLEM_JSON, Problem};
use super::{
    ApiState, PREFIX, auth, clients, collaborators, contracts, debriefs, events, follow_ups, notes, notifications,
    payments, run_sheets,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Epic Events CRM API",
        version = "1.0.0",
        description = "The CRM's clients, contracts, events and collaborators, with the same rules as the \
web pages: every call goes through the same domain services and permission policy.

**Authentication.** `POST /auth/token` with an e-mail and a password answers an access token \
(a JWT valid 15 minutes, sent as `Authorization: Bearer …`) and a refresh token (opaque, valid \
7 days, usable once at `/auth/refresh`; presenting a used one revokes every token of that \
sign-in). Failed sign-ins are throttled as on the sign-in page (429 with `Retry-After`). \
Deactivating a collaborator revokes their tokens at once.

**Errors** are RFC 9457 problem details (`application/problem+json`) with `status`, `title`, \
`detail` (in French) and, for 422, `errors` per field. Each operation lists every status it \
can answer, and each parameter and field the limits the server checks.

**Conventions.** Ids are UUIDs, times RFC 3339 (UTC), amounts integer euro cents. Lists take \
`page` (from 1) and `page_size` (1 to 100, default 25) and answer `{items, total, page, \
page_size}`; `total` is exact up to 1,000 and reads 1,001 when there are more (counting \
further costs more than it tells), and may be up to 2 seconds old (a list asked again at once \
reuses its count); paging reaches the first 2,000 rows, search or filter to \
go further. Records carry their version as an `ETag`; send it back as `If-Match` on a write \
to refuse (409) overwriting someone else's change."
    ),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Tokens"),
        (name = "clients", description = "Clients; a client without a signed contract is a prospect"),
        (name = "contracts", description = "Contracts and their signature"),
        (name = "payments", description = "A contract's payment schedule (milestones) and the payments received"),
        (name = "events", description = "Events and their support contact"),
        (name = "run-sheets", description = "An event's run sheet: the day's timeline, the place's access notes, the client's contact on site"),
        (name = "notes", description = "What was said to a client, on the client, a contract or an event"),
        (name = "follow-ups", description = "What is to be done about a client, a contract or an event, by a day"),
        (name = "notifications", description = "What happened that the caller should know, newest first"),
        (name = "collaborators", description = "The company's staff"),
        (name = "meta", description = "This document"),
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::builder().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
        openapi.servers = Some(vec![Server::new(PREFIX)]);
    }
}

/// The path of this document, the one operation that reads no database.
const DOCUMENT_PATH: &str = "/openapi.json";

/// The answers operations share, added in one place from what each operation takes, so that
/// none is forgotten: a bearer token (401, and 403 for a write), an id in the path (404), a
/// JSON body (400, 413, 415, 422), query parameters (422), an `If-Match` or `Idempotency-Key`
/// header (400), the database (503). Handlers list their own answers only; where one of them
/// describes a shared status more precisely, its description is kept.
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut Document) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations = [
                (false, item.put.as_mut()),
                (false, item.post.as_mut()),
                (false, item.delete.as_mut()),
                (false, item.patch.as_mut()),
                (true, item.get.as_mut()),
            ];
            for (read_only, operation) in operations {
                if let Some(operation) = operation {
                    add_common_responses(path, read_only, operation);
                }
            }
        }
        let components = openapi.components.get_or_insert_with(Default::default);
        components.schemas.entry(Problem::name().into_owned()).or_insert_with(Problem::schema);
    }
}

fn add_common_responses(path: &str, read_only: bool, operation: &mut Operation) {
    let parameters = operation.parameters.as_deref().unwrap_or_default();
    let takes = |place: ParameterIn, name: &str| {
        parameters.iter().any(|p| p.parameter_in == place && (name.is_empty() || p.name.eq_ignore_ascii_case(name)))
    };
    let body = operation.request_body.is_some();
    let secured = operation.security.as_ref().is_some_and(|requirements| !requirements.is_empty());
    let mut malformed = Vec::new();
    if body {
        malformed.push("a body that is not well-formed JSON");
    }
    if takes(ParameterIn::Header, "If-Match") {
        malformed.push("an `If-Match` that is not a version");
    }
    if takes(ParameterIn::Header, super::idempotency::HEADER) {
        malformed.push("a malformed `Idempotency-Key`");
    }
    let mut invalid = Vec::new();
    if body {
        invalid.push("fields of the wrong type, unknown or invalid");
    }
    if takes(ParameterIn::Query, "") {
        invalid.push("parameters unknown, repeated or invalid");
    }

    let mut common: Vec<(&str, Answer)> = Vec::new();
    if !malformed.is_empty() {
        common.push(("400", problem(&format!("Malformed request: {}", malformed.join(", or ")))));
    }
    if secured {
        common.push(("401", problem("Missing, expired or invalid access token")));
        if !read_only {
            common.push(("403", problem("The permission policy refuses it to the caller")));
        }
    }
    let record = takes(ParameterIn::Path, "id");
    if record {
        common.push(("404", problem("No such record (an id that is not a UUID names none)")));
    }
    if body {
        let limit = crate::limits::MAX_BODY_BYTES / 1024;
        common.push(("413", problem(&format!("The body is larger than {limit} KiB"))));
        common.push(("415", problem("The body is not JSON (`Content-Type: application/json`)")));
    }
    if !invalid.is_empty() {
        common.push(("422", problem(&format!("Invalid request: {}; `errors` names each", invalid.join(", or ")))));
    }
    if path != DOCUMENT_PATH {
        common
            .push(("503", problem("The database is unreachable for a moment: try again after `Retry-After` seconds")));
    }
    let responses = &mut operation.responses.responses;
    for (status, answer) in common {
        responses.entry(status.to_owned()).or_insert(RefOr::T(answer));
    }
    // Headers every answer of these statuses carries, whoever describes it: a record answered
    // carries its version (for `If-Match`), a creation also the new record's address.
    let mut headers = vec![
        ("401", "WWW-Authenticate", CHALLENGE, Type::String),
        ("429", "Retry-After", RETRY_AFTER, Type::Integer),
        ("503", "Retry-After", RETRY_AFTER, Type::Integer),
        ("201", "Location", "The new record's path", Type::String),
        ("201", "ETag", VERSION, Type::String),
    ];
    // A record answered, not a list of its sub-records (`/clients/{id}/notes`).
    if path.ends_with("{id}") {
        headers.push(("200", "ETag", VERSION, Type::String));
    }
    for (status, name, description, kind) in headers {
        if let Some(RefOr::T(answer)) = responses.get_mut(status) {
            let schema = ObjectBuilder::new().schema_type(kind.clone());
            let schema = if kind == Type::Integer { schema.minimum(Some(1)) } else { schema };
            let header = HeaderBuilder::new().schema(schema).description(Some(description)).build();
            answer.headers.entry(name.to_owned()).or_insert(header);
        }
    }
}

const CHALLENGE: &str = "`Bearer realm=\"epic-events\"`, with `error=\"invalid_token\"` for a token refused";
const RETRY_AFTER: &str = "Seconds to wait before trying again";
const VERSION: &str = "The record's version, `\"<version>\"`: send it back as `If-Match`";

/// A problem-details answer.
fn problem(description: &str) -> Answer {
    let content = Content::new(Some(Ref::from_schema_name(Problem::name())));
    let mut answer = Answer::new(description);
    answer.content.insert(PROBLEM_JSON.to_owned(), content);
    answer
}

/// Every route of the API, each registered with its description.
pub fn router() -> OpenApiRouter<ApiState> {
    let mut router = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(openapi_json))
        .merge(auth::router())
        .merge(clients::router())
        .merge(contracts::router())
        .merge(payments::router())
        .merge(events::router())
        .merge(debriefs::router())
        .merge(run_sheets::router())
        .merge(notes::router())
        .merge(follow_ups::router())
        .merge(notifications::router())
        .merge(collaborators::router());
    // After the routes: `modifiers(...)` of `ApiDoc` run before any path is known.
    CommonResponses.modify(router.get_openapi_mut());
    router
}

/// The document, as served.
pub fn document() -> Document {
    router().into_openapi()
}

/// This document (OpenAPI 3.1).
#[utoipa::path(get, path = DOCUMENT_PATH, operation_id = "getOpenApiDocument", tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
async fn openapi_json(State(state): State<ApiState>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], state.openapi.as_str().to_owned()).into_response()
}
