//! The upload: a plain `multipart/form-data` post (server functions take URL-encoded forms),
//! answered with a redirect to the preview, or back to the form saying what is wrong with the
//! file.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Extension, Router};

use super::model::{FILE_FIELD, FileRefusal, MAX_FILE_BYTES, MAX_UPLOAD_BYTES, SALESPERSON_FIELD};
use super::service::{self, StageError};
use crate::auth::api::RequestActor;
use crate::error::AppError;
use crate::routes;
use crate::state::AppState;

/// The routes, inside the session layer (the signed-in collaborator is the importer). The
/// server's body limit lets this path alone send `MAX_UPLOAD_BYTES`.
pub fn routes() -> Router<AppState> {
    Router::new().route(routes::CLIENT_IMPORT, post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)))
}

/// What the upload form sent.
struct Upload {
    file_name: String,
    file: Vec<u8>,
    salesperson: String,
}

async fn upload(
    State(state): State<AppState>,
    Extension(RequestActor(actor)): Extension<RequestActor>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let Some(actor) = actor else {
        return Redirect::to(&routes::sign_in_then(routes::CLIENT_IMPORT)).into_response();
    };
    let staged = match read_form(multipart).await {
        Ok(form) => service::stage(&state, &actor, &form.salesperson, &form.file_name, &form.file).await,
        Err(refusal) => Err(StageError::File(refusal)),
    };
    match staged {
        Ok(id) => Redirect::to(&routes::client_import(id)).into_response(),
        Err(StageError::File(refusal)) => Redirect::to(&refusal.page_url()).into_response(),
        Err(StageError::App(error)) => refusal_page(&error),
    }
}

/// A refusal that is not about the file (no right, the database away), as a page.
fn refusal_page(error: &AppError) -> Response {
    (error.status_code(), Html(crate::rgpd::http::error_page(error))).into_response()
}

async fn read_form(multipart: Result<Multipart, MultipartRejection>) -> Result<Upload, FileRefusal> {
    let mut multipart = multipart.map_err(|_| FileRefusal::NoFile)?;
    let mut upload = Upload { file_name: String::new(), file: Vec::new(), salesperson: String::new() };
    let mut has_file = false;
    while let Some(field) = multipart.next_field().await.map_err(too_large_or_malformed)? {
        match field.name() {
            Some(FILE_FIELD) => {
                upload.file_name = field.file_name().unwrap_or_default().to_owned();
                upload.file = field.bytes().await.map_err(too_large_or_malformed)?.to_vec();
                has_file = !upload.file_name.is_empty() || !upload.file.is_empty();
            }
            Some(SALESPERSON_FIELD) => upload.salesperson = field.text().await.map_err(too_large_or_malformed)?,
            _ => {}
        }
    }
    if !has_file {
        return Err(FileRefusal::NoFile);
    }
    if upload.file.len() > MAX_FILE_BYTES {
        return Err(FileRefusal::TooLarge);
    }
    Ok(upload)
}

fn too_large_or_malformed(error: axum::extract::multipart::MultipartError) -> FileRefusal {
    if error.status() == http::StatusCode::PAYLOAD_TOO_LARGE { FileRefusal::TooLarge } else { FileRefusal::NoFile }
}
