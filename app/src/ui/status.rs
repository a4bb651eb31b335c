//! How pages show errors, with the matching HTTP status when rendered on the server.

use leptos::prelude::*;

use crate::components::ErrorSummary;
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::routes;

/// Sets the response status during server rendering; does nothing in the browser.
pub fn set_status(_status: http::StatusCode) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(_status);
    }
}

/// A page-level error: not found, forbidden, bad parameters, or a failure.
#[component]
pub fn ErrorView(error: AppError, #[prop(default = None)] reset_href: Option<String>) -> impl IntoView {
    set_status(match &error {
        AppError::Validation { .. } => http::StatusCode::BAD_REQUEST,
        other => other.status_code(),
    });
    if error == AppError::Unavailable {
        retry_after();
    }
    let title = match &error {
        AppError::NotFound => t::ERR_PAGE_TITLE,
        AppError::Forbidden => t::ERR_FORBIDDEN_TITLE,
        AppError::Validation { .. } => t::ERR_PARAMS_TITLE,
        AppError::Unavailable => t::ERR_UNAVAILABLE_TITLE,
        _ => t::ERR_GENERIC_TITLE,
    };
    let error = Signal::stored(Some(error));
    view! {
        <section class="card narrow">
            <h2>{title}</h2>
            <ErrorSummary error/>
            <p>
                {reset_href.map(|href| view! { <a href=href>{t::RESET_LIST}</a> " · " })}
                <a href=routes::HOME>{t::BACK_HOME}</a>
            </p>
        </section>
    }
}

/// Tells, during server rendering, when to ask again (`Retry-After`).
fn retry_after() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(crate::error::RETRY_AFTER_SECONDS));
    }
}

/// The "what just happened" notice after a redirect (`?ok=created`…).
#[component]
pub fn Notice() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    move || {
        query
            .read()
            .get("ok")
            .and_then(|code| routes::Notice::from_code(&code))
            .map(|notice| view! { <p class="notice" role="status">{notice.text()}</p> })
    }
}
