//! The run sheet page (`/evenements/{id}/feuille-de-route`): the day at a glance, printable on
//! one A4 sheet (print CSS hides the frame and the forms) and readable on a phone; and the page
//! that changes one step. Every form is a plain post (no script needed).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{AddTimelineItem, DeleteTimelineItem, UpdateRunSheet, UpdateTimelineItem, get_run_sheet};
use super::model::{RunSheet, TimelineItem, TimelineKind, phone_display};
use crate::auth::Actor;
use crate::components::{Choice, ErrorSummary, Field, RecordVersion, SubmitButton, action_error};
use crate::domain::datetime::{format_datetime, format_day, to_local_input};
use crate::domain::{EventId, TimelineItemId};
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::policy;
use crate::routes;
use crate::ui::detail::{Composer, Fact};
use crate::ui::form_page::{FormPage, RecordForm};
use crate::ui::loaded::{Loaded, allowed, id_param};
use crate::ui::page_title;
use crate::ui::status::Notice;

/// Whether `actor` may change this sheet (the same rule the server applies).
fn may_edit(sheet: &RunSheet, actor: Option<&Actor>) -> bool {
    !sheet.event.client_anonymised
        && actor.is_some_and(|a| policy::can_edit_run_sheet(a, sheet.event.support_contact_id, sheet.is_locked()))
}

/// A phone number as a link that dials it.
#[component]
fn PhoneLink(e164: String) -> impl IntoView {
    view! { <a class="nowrap" href=format!("tel:{e164}")>{phone_display(&e164)}</a> }
}

/// A name, with their phone when known.
#[component]
fn Person(name: String, phone: Option<String>) -> impl IntoView {
    view! { {name} {phone.map(|e164| view! { " · " <PhoneLink e164/> })} }
}

#[component]
pub fn RunSheetPage() -> impl IntoView {
    let id = id_param::<EventId>();
    let sheet = Resource::new(move || id.get(), |id| async move { get_run_sheet(id?).await });
    view! {
        <main id="contenu" class="page run-sheet">
            <Loaded resource=sheet render=|sheet, actor| Ok(view! { <RunSheetView sheet actor/> })/>
        </main>
    }
}

#[component]
fn RunSheetView(sheet: RunSheet, actor: Option<Actor>) -> impl IntoView {
    let can_edit = may_edit(&sheet, actor.as_ref());
    let RunSheet { event, fields, items, sales, support, follow_ups, company_name, .. } = sheet;
    let id = event.id;
    let version = fields.version;
    let access_notes =
        if fields.access_notes.is_empty() { t::RUN_SHEET_NOT_GIVEN.to_owned() } else { fields.access_notes.clone() };
    let onsite = if fields.onsite_contact_name.is_empty() {
        view! { <span class="muted">{t::RUN_SHEET_NOT_GIVEN}</span> }.into_any()
    } else {
        view! { <Person name=fields.onsite_contact_name.clone() phone=fields.onsite_contact_phone.clone()/> }.into_any()
    };
    let support = match support {
        Some(s) => view! { <Person name=s.full_name phone=s.phone/> }.into_any(),
        None => view! { <span class="badge badge-danger">{t::WITHOUT_SUPPORT}</span> }.into_any(),
    };
    let delete = ServerAction::<DeleteTimelineItem>::new();
    let delete_error = action_error(delete);
    view! {
        <Title text=page_title(&format!("{} · {}", t::RUN_SHEET, event.title))/>
        <Notice/>
        <div class="detail-header">
            <div>
                <p class="eyebrow">{t::RUN_SHEET}</p>
                <h1>{event.title.clone()}</h1>
                <p>{event.client_name.clone()} " · " {company_name}</p>
                <p><strong>{format_datetime(event.starts_at)} " → " {format_datetime(event.ends_at)}</strong></p>
                {event.is_cancelled().then(|| view! { <p><span class="badge badge-danger">{crate::events::status::EventStatus::Cancelled.label()}</span></p> })}
            </div>
            <div class="actions no-print">
                <a class="button-primary button-link" href=routes::run_sheet_pdf(id)>{t::RUN_SHEET_PDF}</a>
                <a class="button-ghost button-link" href=routes::event(id, None)>{t::EVENT}</a>
                <p class="muted">{t::RUN_SHEET_PRINT_HINT}</p>
            </div>
        </div>
        <div class="run-sheet-grid">
            <section class="card" aria-labelledby="lieu">
                <h2 id="lieu">{t::RUN_SHEET_PLACE}</h2>
                <dl class="facts">
                    <Fact term=t::LOCATION>{event.location.clone()}</Fact>
                    <Fact term=t::RUN_SHEET_ACCESS_NOTES><span class="notes">{access_notes}</span></Fact>
                    <Fact term=t::RUN_SHEET_ONSITE_CONTACT>{onsite}</Fact>
                </dl>
            </section>
            <section class="card" aria-labelledby="equipe">
                <h2 id="equipe">{t::RUN_SHEET_PEOPLE}</h2>
                <dl class="facts">
                    <Fact term=t::SALES_CONTACT><Person name=sales.full_name phone=sales.phone/></Fact>
                    <Fact term=t::SUPPORT_CONTACT>{support}</Fact>
                    <Fact term=t::ATTENDEES>{event.attendees}</Fact>
                </dl>
            </section>
        </div>
        <section class="card" id="deroule" aria-labelledby="deroule-titre">
            <h2 id="deroule-titre">{t::RUN_SHEET_TIMELINE}</h2>
            <ErrorSummary error=delete_error/>
            <Timeline items first=event.starts_at can_edit version delete/>
            {can_edit.then(|| view! { <AddItem id version first=event.starts_at/> })}
        </section>
        {(!event.notes.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="notes">
                <h2 id="notes">{t::NOTES}</h2>
                <p class="notes">{event.notes.clone()}</p>
            </section>
        })}
        <section class="card" aria-labelledby="relances">
            <h2 id="relances">{t::RUN_SHEET_FOLLOW_UPS}</h2>
            {if follow_ups.is_empty() {
                view! { <p class="muted">{t::RUN_SHEET_NO_FOLLOW_UPS}</p> }.into_any()
            } else {
                view! {
                    <ul class="follow-ups">
                        {follow_ups
                            .into_iter()
                            .map(|f| view! { <li class="follow-up"><p><strong>{f.title}</strong> <span class="muted">" · " {format_day(f.due_on)} " · " {f.owner_name}</span></p></li> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        {can_edit.then(|| view! { <DetailsForm id version fields/> })}
    }
}

/// The steps in time order; with links to change or remove each for who may.
#[component]
fn Timeline(
    items: Vec<TimelineItem>,
    first: DateTime<Utc>,
    can_edit: bool,
    version: i32,
    delete: ServerAction<DeleteTimelineItem>,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted">{t::RUN_SHEET_NO_ITEMS}</p> }.into_any();
    }
    let first_day = crate::domain::datetime::in_paris(first).date_naive();
    view! {
        <ol class="run-sheet-timeline">
            {items
                .into_iter()
                .map(|item| {
                    let local = crate::domain::datetime::in_paris(item.at);
                    let time = if local.date_naive() == first_day {
                        crate::domain::datetime::format_time(item.at)
                    } else {
                        format_datetime(item.at)
                    };
                    let edit = routes::edit_timeline_item(item.event_id, item.id);
                    let named = format!("{} : {}", t::TIMELINE_EDIT, item.label);
                    let removed = format!("{} : {}", t::TIMELINE_DELETE, item.label);
                    view! {
                        <li class=format!("run-sheet-step step-{}", item.kind.code())>
                            <time class="run-sheet-time" datetime=item.at.to_rfc3339()>{time}</time>
                            <div>
                                <p><strong>{item.label.clone()}</strong> " " <span class="badge">{item.kind.label()}</span></p>
                                {(!item.details.is_empty()).then(|| view! { <p class="notes">{item.details.clone()}</p> })}
                            </div>
                            {can_edit.then(|| view! {
                                <div class="actions no-print">
                                    <a class="button-ghost button-link" href=edit aria-label=named>{t::EDIT}</a>
                                    <ActionForm action=delete>
                                        <input type="hidden" name="item_id" value=item.id.to_string()/>
                                        <input type="hidden" name="version" value=version/>
                                        <button type="submit" class="button-ghost" aria-label=removed>{t::DELETE}</button>
                                    </ActionForm>
                                </div>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

fn kind_options() -> Vec<(&'static str, &'static str)> {
    TimelineKind::ALL.iter().map(|k| (k.code(), k.label())).collect()
}

/// The fields of a step, filled with `item` when editing one (else starting at the event).
#[component]
fn ItemFields(error: Signal<Option<AppError>>, item: Option<TimelineItem>, first: DateTime<Utc>) -> impl IntoView {
    let at = to_local_input(item.as_ref().map_or(first, |i| i.at));
    let kind = item.as_ref().map(|i| i.kind.code().to_owned());
    let (label, details) = item.map(|i| (i.label, i.details)).unwrap_or_default();
    view! {
        <Field label=t::TIMELINE_AT name="at" prefix="form" kind="datetime-local" help=t::TIMELINE_AT_HELP error initial=at required=true/>
        <Choice label=t::TIMELINE_KIND name="kind" options=kind_options() error initial=kind/>
        <Field label=t::TIMELINE_LABEL name="label" prefix="form" error initial=label required=true autocomplete="off"/>
        <Field label=t::TIMELINE_DETAILS name="details" prefix="form" help=t::TIMELINE_DETAILS_HELP error initial=details multiline=true/>
    }
}

#[component]
fn AddItem(id: EventId, version: i32, first: DateTime<Utc>) -> impl IntoView {
    let action = ServerAction::<AddTimelineItem>::new();
    let error = action_error(action);
    view! {
        <div class="no-print">
            <Composer label=t::TIMELINE_ADD error>
                <ActionForm action>
                    <RecordVersion id=id.to_string() version/>
                    <ItemFields error item=None first/>
                    <SubmitButton label=t::TIMELINE_SAVE/>
                </ActionForm>
            </Composer>
        </div>
    }
}

/// The access notes and the contact on site.
#[component]
fn DetailsForm(id: EventId, version: i32, fields: super::model::RunSheetFields) -> impl IntoView {
    let action = ServerAction::<UpdateRunSheet>::new();
    let error = action_error(action);
    let phone = fields.onsite_contact_phone_display().unwrap_or_default();
    view! {
        <section class="card no-print">
            <Composer label=t::RUN_SHEET_EDIT_DETAILS error>
                <ActionForm action>
                    <RecordVersion id=id.to_string() version/>
                    <Field label=t::RUN_SHEET_ACCESS_NOTES name="access_notes" prefix="form" help=t::RUN_SHEET_ACCESS_NOTES_HELP error initial=fields.access_notes multiline=true/>
                    <Field label=t::RUN_SHEET_ONSITE_CONTACT_NAME name="onsite_contact_name" prefix="form" error initial=fields.onsite_contact_name autocomplete="off"/>
                    <Field label=t::RUN_SHEET_ONSITE_CONTACT_PHONE name="onsite_contact_phone" prefix="form" kind="tel" help=t::PHONE_HELP error initial=phone autocomplete="off"/>
                    <SubmitButton label=t::RUN_SHEET_SAVE_DETAILS/>
                </ActionForm>
            </Composer>
        </section>
    }
}

/// `/evenements/{id}/feuille-de-route/etapes/{item}`: changes one step.
#[component]
pub fn TimelineItemEditPage() -> impl IntoView {
    let id = id_param::<EventId>();
    let params = use_params_map();
    let item_id = Memo::new(move |_| {
        params.read().get("item").and_then(|raw| raw.parse::<TimelineItemId>().ok()).ok_or(AppError::NotFound)
    });
    let action = ServerAction::<UpdateTimelineItem>::new();
    let error = action_error(action);
    let sheet = Resource::new(move || id.get(), |id| async move { get_run_sheet(id?).await });
    view! {
        <FormPage
            title=t::TIMELINE_EDIT
            resource=sheet
            render=move |sheet: RunSheet, actor| {
                allowed(may_edit(&sheet, actor.as_ref()))?;
                let wanted = item_id.get_untracked()?;
                let item = sheet.items.iter().find(|i| i.id == wanted).cloned().ok_or(AppError::NotFound)?;
                let cancel = routes::run_sheet(sheet.event.id, None);
                Ok(view! {
                    <h1>{t::TIMELINE_EDIT}</h1>
                    <p class="muted">{sheet.event.title.clone()} " · " {format_datetime(sheet.event.starts_at)}</p>
                    <RecordForm action error cancel>
                        <input type="hidden" name="item_id" value=item.id.to_string()/>
                        <input type="hidden" name="version" value=sheet.fields.version/>
                        <ItemFields error item=Some(item) first=sheet.event.starts_at/>
                    </RecordForm>
                })
            }
        />
    }
}
