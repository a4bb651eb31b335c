//! Small building blocks shared by pages.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::fr as t;

/// The error of a form, summarised at its top for screen readers and sighted users alike.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|error| match error {
            AppError::Validation(fields) => view! {
                <div class="alert" role="alert">
                    <p>{t::FORM_HAS_ERRORS}</p>
                    <ul>{fields.into_values().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
            other => view! { <div class="alert" role="alert"><p>{other.to_string()}</p></div> }.into_any(),
        })
    }
}

/// The message for one field, under it; its id is `{field}-error` for `aria-describedby`.
#[component]
pub fn FieldError(#[prop(into)] error: Signal<Option<AppError>>, field: &'static str) -> impl IntoView {
    let message = move || error.get().and_then(|e| e.field_message(field).map(str::to_owned));
    view! {
        <p class="field-error" id=format!("{field}-error")>{message}</p>
    }
}

/// The department as a badge, with its text (never colour alone).
#[component]
pub fn DepartmentBadge(department: crate::auth::Department) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", department.code())>{department.label()}</span> }
}
