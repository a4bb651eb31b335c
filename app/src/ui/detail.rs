//! Detail page pieces: facts as a definition list, the audit history as a timeline.

use leptos::prelude::*;

use crate::audit::model::{AuditEntry, field_label};
use crate::components::ErrorSummary;
use crate::domain::datetime::format_datetime;
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::records::RecordRef;

/// One fact: a term and its value.
#[component]
pub fn Fact(term: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{term}</dt>
            <dd>{children()}</dd>
        </div>
    }
}

/// The audit history alone (a collaborator's page), newest first.
#[component]
pub fn History(entries: Vec<AuditEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="muted">{t::NO_HISTORY}</p> }.into_any();
    }
    view! { <ol class="timeline">{entries.into_iter().map(|entry| view! { <HistoryEntry entry/> }).collect_view()}</ol> }
        .into_any()
}

/// "Marie Curie a signé · 12 mars 2026 à 14:02", with old → new values.
#[component]
pub fn HistoryEntry(entry: AuditEntry) -> impl IntoView {
    let who = entry.actor_name.clone().unwrap_or_else(|| t::SOMEONE.to_owned());
    view! {
        <li>
            <p>
                <strong>{who}</strong> " " {entry.action.verb()}
                <span class="muted">" · " {format_datetime(entry.at)}</span>
            </p>
            <ul class="changes">
                {entry
                    .changes
                    .0
                    .into_iter()
                    .map(|change| {
                        let (old, new) = change.shown();
                        view! {
                            <li>
                                <span class="change-field">{field_label(&change.field)}</span> " : "
                                {old.map(|old| view! { <del>{old}</del> " → " })}
                                <ins>{new.unwrap_or_else(|| t::NONE.to_owned())}</ins>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
}

/// The fold that holds a form adding something to a record (a note, a follow-up): closed until
/// asked for, open again after a refused post to show what was wrong.
#[component]
pub fn Composer(
    label: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    children: Children,
) -> impl IntoView {
    view! {
        <details class="composer" open=move || error.get().is_some()>
            <summary class="button-ghost">{label}</summary>
            <ErrorSummary error/>
            {children()}
        </details>
    }
}

/// The hidden fields of a form that adds to a record: the record (`on`, `record_id`) and the
/// creation's idempotency key.
#[component]
pub fn RecordFields(record: RecordRef) -> impl IntoView {
    view! {
        <input type="hidden" name="on" value=record.entity().code()/>
        <input type="hidden" name="record_id" value=record.uuid().to_string()/>
        // What is added is added once, however often the form is sent (see `crate::idempotency`).
        <crate::components::IdempotencyField value=crate::idempotency::IdempotencyKey::for_form()/>
    }
}
