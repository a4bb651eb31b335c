//! Confirmation pages of destructive actions: what will go, then either why it cannot go or the
//! button that confirms, set apart.

use leptos::prelude::*;

use crate::components::{ErrorSummary, SubmitButton};
use crate::error::AppError;
use crate::i18n::fr as t;

#[component]
pub fn DeletionConfirmation(
    title: String,
    /// Why the record cannot be deleted now, if it cannot.
    blocked: Option<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// The record's own delete form (see `ConfirmButtons`), shown only when nothing blocks.
    form: AnyView,
    /// What will be deleted.
    children: Children,
) -> impl IntoView {
    view! {
        <h1>{title}</h1>
        <section class="card">{children()}</section>
        {match blocked {
            Some(reason) => view! { <div class="alert" role="alert"><p>{reason}</p></div> }.into_any(),
            None => view! { <ErrorSummary error/> {form} }.into_any(),
        }}
    }
}

/// The destructive button and the way back.
#[component]
pub fn ConfirmButtons(label: &'static str, cancel: String) -> impl IntoView {
    view! {
        <div class="form-actions">
            <SubmitButton label class="button-danger"/>
            <a href=cancel>{t::CANCEL}</a>
        </div>
    }
}
