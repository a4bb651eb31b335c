//! The run sheet's PDF as a plain download (`GET /evenements/{id}/feuille-de-route.pdf`): a
//! link, no form, no script. Anyone signed in may read a run sheet, as its page; the file holds
//! personal data (the contact on site, phones), so nothing keeps a copy of it.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};

use crate::auth::api::RequestActor;
use crate::domain::EventId;
use crate::error::AppError;
use crate::rgpd::http::download;
use crate::state::AppState;

/// The routes of this module, mounted inside the session layer by the server.
pub fn routes() -> Router<AppState> {
    Router::new().route("/evenements/{id}/feuille-de-route.pdf", get(run_sheet_pdf))
}

async fn run_sheet_pdf(
    State(state): State<AppState>,
    Extension(RequestActor(actor)): Extension<RequestActor>,
    Path(id): Path<String>,
) -> Response {
    let result = async {
        actor.ok_or(AppError::Unauthorized)?;
        let id = EventId::parse(&id).map_err(|_| AppError::NotFound)?;
        super::service::pdf(&state, id).await
    }
    .await;
    // The file name is the event's id only: no client name in a file that travels.
    download("application/pdf", result)
}
