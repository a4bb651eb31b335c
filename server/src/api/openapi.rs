//! The OpenAPI 3.1 document: built from the handlers' annotations by the same router that
//! serves them, so a route cannot exist without its description, nor the reverse.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::header;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{OpenApi as Document, Server};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ApiState, PREFIX, auth, clients, collaborators, contracts, events};

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
`detail` (in French) and, for 422, `errors` per field.

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
        (name = "events", description = "Events and their support contact"),
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

/// Every route of the API, each registered with its description.
pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(openapi_json))
        .merge(auth::router())
        .merge(clients::router())
        .merge(contracts::router())
        .merge(events::router())
        .merge(collaborators::router())
}

/// The document, as served.
pub fn document() -> Document {
    router().into_openapi()
}

/// This document (OpenAPI 3.1).
#[utoipa::path(get, path = "/openapi.json", operation_id = "getOpenApiDocument", tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
async fn openapi_json(State(state): State<ApiState>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], state.openapi.as_str().to_owned()).into_response()
}
