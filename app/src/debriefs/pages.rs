//! An event's debrief on its page: what its support wrote once it was over, and the form to write
//! or correct it where the rules allow.

use leptos::prelude::*;

use super::api::SaveDebrief;
use super::model::DebriefRow;
use crate::auth::Actor;
use crate::components::{ErrorSummary, Field, SubmitButton, action_error};
use crate::domain::datetime::format_datetime;
use crate::events::model::EventRow;
use crate::events::status::EventStatus;
use crate::i18n::fr as t;
use crate::policy;
use crate::ui::detail::Fact;

/// Shown once the event is over (not cancelled): the debrief, or that it is still to write.
#[component]
pub fn DebriefCard(
    event: EventRow,
    status: EventStatus,
    debrief: Option<DebriefRow>,
    actor: Option<Actor>,
) -> impl IntoView {
    if status != EventStatus::Finished {
        return ().into_any();
    }
    let can_write = !event.client_anonymised
        && actor.as_ref().is_some_and(|a| policy::can_write_debrief(a, event.support_contact_id));
    let written = debrief.clone().map(|d| {
        let text = |s: String| if s.is_empty() { t::NONE.to_owned() } else { s };
        let by = match d.written_by_name {
            Some(name) => format!("{name} · {}", format_datetime(d.updated_at)),
            None => format_datetime(d.updated_at),
        };
        view! {
            <dl class="facts">
                <Fact term=t::SATISFACTION>{t::satisfaction_score(d.satisfaction)}</Fact>
                <Fact term=t::ACTUAL_ATTENDEES>{t::attendees_against(d.actual_attendees, event.attendees)}</Fact>
                <Fact term=t::WRITTEN_BY>{by}</Fact>
            </dl>
            <h3>{t::WENT_WELL}</h3>
            <p class="notes">{text(d.went_well)}</p>
            <h3>{t::WENT_BADLY}</h3>
            <p class="notes">{text(d.went_badly)}</p>
        }
    });
    let missing = debrief.is_none().then(|| view! { <p class="muted">{t::DEBRIEF_MISSING}</p> });
    let form = can_write.then(|| view! { <DebriefForm event_id=event.id.to_string() debrief/> });
    view! {
        <section class="card" id="debrief">
            <h2>{t::DEBRIEF}</h2>
            {written}
            {missing}
            {form}
        </section>
    }
    .into_any()
}

#[component]
fn DebriefForm(event_id: String, debrief: Option<DebriefRow>) -> impl IntoView {
    let action = ServerAction::<SaveDebrief>::new();
    let error = action_error(action);
    let version = debrief.as_ref().map_or(0, |d| d.version);
    let label = if debrief.is_some() { t::EDIT_DEBRIEF } else { t::WRITE_DEBRIEF };
    let (well, badly) = debrief.as_ref().map(|d| (d.went_well.clone(), d.went_badly.clone())).unwrap_or_default();
    let (score, attendees) =
        debrief.as_ref().map(|d| (d.satisfaction.to_string(), d.actual_attendees.to_string())).unwrap_or_default();
    view! {
        <details class="composer" open=move || error.get().is_some()>
            <summary class="button-ghost">{label}</summary>
            <ErrorSummary error/>
            <ActionForm action>
                <input type="hidden" name="event_id" value=event_id/>
                <input type="hidden" name="version" value=version/>
                <Field label=t::WENT_WELL name="went_well" prefix="form" error initial=well multiline=true/>
                <Field label=t::WENT_BADLY name="went_badly" prefix="form" error initial=badly multiline=true/>
                <Field label=t::SATISFACTION_FIELD name="satisfaction" prefix="form" kind="number" error initial=score required=true help=t::SATISFACTION_HELP/>
                <Field label=t::ACTUAL_ATTENDEES name="actual_attendees" prefix="form" kind="number" error initial=attendees required=true/>
                <SubmitButton label=t::SAVE_DEBRIEF/>
            </ActionForm>
        </details>
    }
}
