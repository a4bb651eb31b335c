//! The run sheet's PDF as a plain download (`GET /evenements/{id}/feuille-de-route.pdf`): a
//! link, no form, no script. Anyone signed in may read a run sheet, as its page; the file holds
//! personal data (the contact on site, phones), so nothing keeps a copy of it, and each
//! download is security-logged like the lists' exports.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};
use http::HeaderMap;

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
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let result = async {
        let actor = actor.ok_or(AppError::Unauthorized)?;
        let id = EventId::parse(&id).map_err(|_| AppError::NotFound)?;
        let file = super::service::pdf(&state, id).await?;
        // Personal data leaving the CRM, as the lists' exports: the security log says who took
        // it, from where (the event's id, no content).
        let ip = crate::auth::client_addr::client_address(peer.ip(), &headers, &state.trusted_proxies);
        let what = crate::routes::run_sheet_pdf(id);
        crate::security_log::repo::record_export(&state.pool, actor.id, Some(ip), state.clock.now(), &what).await?;
        Ok(file)
    }
    .await;
    // The file name is the event's id only: no client name in a file that travels.
    download("application/pdf", result)
}
