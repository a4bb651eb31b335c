//! The client data export as a plain download: a form post answered with a JSON attachment
//! (server functions answer JSON for the app, not files for the browser to save).

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Router};
use http::header;

use crate::auth::api::RequestActor;
use crate::domain::ClientId;
use crate::error::AppError;
use crate::state::AppState;

/// The routes of this module, mounted inside the session layer by the server.
pub fn routes() -> Router<AppState> {
    Router::new().route("/administration/rgpd/clients/{id}/export", post(export_client))
}

async fn export_client(
    State(state): State<AppState>,
    Extension(RequestActor(actor)): Extension<RequestActor>,
    Path(id): Path<String>,
) -> Response {
    let result = async {
        let actor = actor.ok_or(AppError::Unauthorized)?;
        let id = ClientId::parse(&id).map_err(|_| AppError::NotFound)?;
        super::service::export(&state, &actor, id).await
    }
    .await;
    download("application/json; charset=utf-8", result)
}

/// A file of personal data to save (`file_name`: no personal data in it), that nothing on the
/// way may keep; a refusal as a plain page.
pub fn download(content_type: &str, result: Result<(String, Vec<u8>), AppError>) -> Response {
    match result {
        Ok((file_name, body)) => (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(error) => (error.status_code(), Html(error_page(&error))).into_response(),
    }
}

/// A refusal as a plain page, for a form posted outside the app's pages (the import's upload too).
pub fn error_page(error: &AppError) -> String {
    use crate::i18n::fr as t;
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1><p>{error}</p><p><a href=\"/\">{home}</a></p></main></body></html>",
        title = t::ERR_GENERIC_TITLE,
        home = t::BACK_HOME
    )
}
