//! Planning on the pages: choosing an event's support (each person's week, the suggestion, the
//! reason a double booking needs), the clashes an event has, and the travel buffer setting.

use leptos::prelude::*;

use super::api::{SetTravelBuffer, event_assignment, travel_buffer};
use super::model::{Assignment, Clash};
use crate::components::{ErrorSummary, Field, FieldError, SubmitButton, action_error};
use crate::domain::CollaboratorId;
use crate::error::AppError;
use crate::events::api::AssignEventSupport;
use crate::events::model::EventRow;
use crate::i18n::fr as t;
use crate::routes;

/// The support select and, when someone would be booked twice, the reason field. The person
/// refused a moment ago is preselected, else `current`, else the suggestion; `ids` keeps the
/// fields of several forms on one page apart. Rendered on the server: a refusal comes back
/// with the page the form's post returns to.
#[component]
pub fn SupportChoice(
    assignment: Assignment,
    current: Option<CollaboratorId>,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// Offers "no support" (to remove an assignment).
    #[prop(optional)]
    allow_none: bool,
    /// Prefix of the fields' ids.
    ids: String,
    /// Labels for screen readers only (a row of the queue).
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let suggestion = assignment.suggestion().map(|c| (c.id, c.full_name.clone()));
    // After a refusal, the person chosen stays chosen (and the reason typed stays typed).
    let refused = error.get_untracked();
    let chosen = refused.as_ref().and_then(|e| e.submitted("support_contact_id")?.parse().ok());
    let typed_reason = refused.as_ref().and_then(|e| e.submitted("override_reason")).unwrap_or_default().to_owned();
    let selected = chosen.or(current).or(suggestion.as_ref().map(|(id, _)| *id));
    let (select_id, reason_id) = (format!("{ids}-support"), format!("{ids}-reason"));
    let label_class = if compact { "visually-hidden" } else { "" };
    // The reason field also appears when the server refused a booking the page thought free
    // (someone booked that person meanwhile).
    let asks_reason =
        assignment.has_clashes() || refused.as_ref().is_some_and(|e| e.field_message("override_reason").is_some());
    let options = assignment
        .candidates
        .iter()
        .map(|c| view! { <option value=c.id.to_string() selected=Some(c.id) == selected>{c.option_label()}</option> })
        .collect_view();
    let hint = match suggestion {
        Some((_, name)) => format!("{} : {name}", t::SUGGESTED),
        None if !assignment.candidates.is_empty() => t::NOBODY_FREE.to_owned(),
        None => String::new(),
    };
    view! {
        <div class="field">
            <label class=label_class for=select_id.clone()>{t::SUPPORT_CONTACT}</label>
            <select id=select_id name="support_contact_id" required=!allow_none>
                {if allow_none {
                    view! { <option value="" selected=selected.is_none()>{t::NO_SUPPORT_OPTION}</option> }.into_any()
                } else {
                    view! { <option value="" selected=selected.is_none()>{t::CHOOSE}</option> }.into_any()
                }}
                {options}
            </select>
            <p class="help">{hint}</p>
        </div>
        {asks_reason.then(|| view! {
            <div class="field">
                <label class=label_class for=reason_id.clone()>{t::OVERRIDE_REASON}</label>
                <input id=reason_id.clone() name="override_reason" value=typed_reason maxlength="500" autocomplete="off" aria-describedby=(!compact).then_some("override_reason-error")/>
                // A queue row's refusal shows at the top of the page: one error element per page.
                {(!compact).then(|| view! {
                    <p class="help">{t::OVERRIDE_REASON_HELP}</p>
                    <FieldError error field="override_reason"/>
                })}
            </div>
        })}
    }
}

/// Management's assignment form on an event's page.
#[component]
pub fn AssignSupportForm(event: EventRow) -> impl IntoView {
    let action = ServerAction::<AssignEventSupport>::new();
    let error = action_error(action);
    let id = event.id;
    let assignment = Resource::new(move || action.version().get(), move |_| event_assignment(id));
    let current = event.support_contact_id;
    view! {
        <section class="card">
            <h2>{t::ASSIGN_SUPPORT}</h2>
            <ErrorSummary error/>
            <ActionForm action>
                <input type="hidden" name="id" value=event.id.to_string()/>
                <input type="hidden" name="version" value=event.version/>
                <Transition>
                    {move || Suspend::new(async move {
                        assignment.await.ok().map(|assignment| {
                            view! { <SupportChoice assignment current error allow_none=true ids="assign".to_owned()/> }
                        })
                    })}
                </Transition>
                <SubmitButton label=t::ASSIGN_SUPPORT class="button-ghost"/>
            </ActionForm>
        </section>
    }
}

/// Events in the way of this one, as a warning: `what` says in which way.
#[component]
pub fn ClashWarning(title: &'static str, what: &'static str, clashes: Vec<Clash>) -> impl IntoView {
    (!clashes.is_empty()).then(|| {
        let items = clashes
            .into_iter()
            .map(|clash| {
                let who = clash.support_contact_name.clone().map(|name| format!(" · {name}")).unwrap_or_default();
                let place = clash.location.clone();
                let text = clash.describe();
                view! { <li><a href=routes::event(clash.event_id, None)>{text}</a> " · " {place} {who}</li> }
            })
            .collect_view();
        view! {
            <section class="warning">
                <h2>{title}</h2>
                <p>{what}</p>
                <ul>{items}</ul>
            </section>
        }
    })
}

/// The travel buffer between two events of one person (management), on the support queue.
#[component]
pub fn TravelBufferForm(action: ServerAction<SetTravelBuffer>) -> impl IntoView {
    let error = action_error(action);
    let buffer = Resource::new(move || action.version().get(), |_| travel_buffer());
    view! {
        <section class="card narrow">
            <ErrorSummary error/>
            <ActionForm action attr:class="inline-form">
                <Transition>
                    {move || Suspend::new(async move {
                        buffer.await.ok().map(|minutes| {
                            view! {
                                <Field label=t::TRAVEL_BUFFER name="travel_buffer_minutes" kind="number" error initial=minutes.to_string() help=t::TRAVEL_BUFFER_HELP required=true/>
                            }
                        })
                    })}
                </Transition>
                <SubmitButton label=t::SAVE class="button-ghost"/>
            </ActionForm>
        </section>
    }
}
