//! Event pages: the list, an event's page, the create and edit forms, support assignment.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{CreateEvent, DeleteEvent, UpdateEvent, get_event, list_events};
use super::detail::EventDetail;
use super::model::{EventPage, EventQuery, EventRow, EventSort};
use super::status::EventStatus;
use super::status_pages::{CancelledNotice, StatusActions, StatusBadge};
use crate::auth::Actor;
use crate::components::{Field, IdempotencyField, RecordVersion, action_error};
use crate::contracts::api::get_contract;
use crate::contracts::detail::ContractDetail;
use crate::debriefs::pages::DebriefCard;
use crate::domain::datetime::{format_datetime, to_local_input};
use crate::domain::{ContractId, EventId};
use crate::error::AppError;
use crate::follow_ups::pages::FollowUpCard;
use crate::i18n::fr as t;
use crate::idempotency::IdempotencyKey;
use crate::listing::ListLinks;
use crate::notes::pages::Timeline;
use crate::planning::pages::{AssignSupportForm, ClashWarning};
use crate::policy;
use crate::readiness::pages::ReadinessCard;
use crate::records::{RecordOwners, RecordRef};
use crate::routes;
use crate::ui::confirm::{ConfirmButtons, DeletionConfirmation};
use crate::ui::detail::Fact;
use crate::ui::form_page::{FormPage, RecordForm};
use crate::ui::list::{DataTable, FilterChip, ListFilters, ListHeader, Pager, SearchForm, SortHeader, active_filters};
use crate::ui::loaded::{Loaded, allowed, id_param, list_resource};
use crate::ui::page_title;
use crate::ui::status::Notice;

/// The support contact's name, or a warning that there is none (a cancelled event needs none).
#[component]
fn SupportBadge(name: Option<String>, #[prop(optional)] cancelled: bool) -> impl IntoView {
    match name {
        Some(name) => view! { <span>{name}</span> }.into_any(),
        None if cancelled => view! { <span class="muted">{t::NONE}</span> }.into_any(),
        None => view! { <span class="badge badge-danger">{t::WITHOUT_SUPPORT}</span> }.into_any(),
    }
}

/// Events as a compact table (a client's or contract's page).
#[component]
pub fn EventTable(events: Vec<EventRow>, empty: &'static str) -> impl IntoView {
    if events.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! {
        <div class="table-card">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t::TITLE}</th>
                        <th scope="col">{t::START}</th>
                        <th scope="col">{t::LOCATION}</th>
                        <th scope="col" class="numeric">{t::ATTENDEES}</th>
                        <th scope="col">{t::SUPPORT_CONTACT}</th>
                    </tr>
                </thead>
                <tbody>{events.into_iter().map(|event| view! { <EventTableRow event show_client=false/> }).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One event in a table; the client column is left out where the page is the client's.
#[component]
fn EventTableRow(event: EventRow, show_client: bool) -> impl IntoView {
    view! {
        <tr>
            <td>
                <a href=routes::event(event.id, None)>{event.title.clone()}</a>
                {event.is_cancelled().then(|| view! { " " <StatusBadge status=EventStatus::Cancelled/> })}
            </td>
            <td class="nowrap" data-label=t::START>{format_datetime(event.starts_at)}</td>
            {show_client.then(|| view! { <td data-label=t::CLIENT><a href=routes::client(event.client_id, None)>{event.client_name.clone()}</a></td> })}
            <td data-label=t::LOCATION>{event.location.clone()}</td>
            <td class="numeric" data-label=t::ATTENDEES>{event.attendees}</td>
            <td data-label=t::SUPPORT_CONTACT><SupportBadge name=event.support_contact_name.clone() cancelled=event.is_cancelled()/></td>
        </tr>
    }
}

#[component]
pub fn EventListPage() -> impl IntoView {
    let page = list_resource(EventQuery::from_params, list_events);
    view! {
        <Title text=page_title(t::NAV_EVENTS)/>
        <main id="contenu" class="page">
            <Loaded
                resource=page
                reset_href=routes::EVENTS
                render=|(query, page), _| Ok(view! { <EventList query page/> })
            />
        </main>
    }
}

#[component]
fn EventList(query: EventQuery, page: EventPage) -> impl IntoView {
    let links = ListLinks(query.clone());
    let without_support_href = links.with(|q| q.without_support = !q.without_support);
    let mine_href = links.with(|q| q.mine = !q.mine);
    let unpaid_href = links.with(|q| q.unpaid = !q.unpaid);
    let incomplete_href = links.with(|q| q.incomplete = !q.incomplete);
    let at_risk_href = links.with(|q| q.at_risk = !q.at_risk);
    // A collaborator chosen elsewhere (Ma journée, the agenda): shown as a chip that removes it.
    let support_chip = query.support.map(|_| links.with(|q| q.support = None));
    let sales_chip = query.sales.map(|_| links.with(|q| q.sales = None));
    let sort_href = links.sort_href();
    let page_href = links.page_href();
    let keep: Vec<_> = crate::listing::ListQuery::filter_fields(&query)
        .into_iter()
        .filter(|(name, _)| !matches!(*name, "from" | "to"))
        .collect();
    let pager_keep = links.pager_fields();
    let sort = query.sort;
    let rows = page.items.clone();
    let from = query.from.map(|d| d.to_string()).unwrap_or_default();
    let to = query.to.map(|d| d.to_string()).unwrap_or_default();
    let active = active_filters(&[
        query.without_support,
        query.mine,
        query.unpaid,
        query.incomplete,
        query.at_risk,
        query.support.is_some(),
        query.sales.is_some(),
        query.search.is_some(),
        query.from.is_some() || query.to.is_some(),
    ]);
    view! {
        <ListHeader
            title=t::NAV_EVENTS
            total=Some(page.total)
            export=Some(crate::export::href(crate::export::EVENTS, &query.to_url()))
            secondary=Some((routes::EVENT_BOARD.to_owned(), t::EVENT_BOARD_VIEW))
        />
        <ListFilters active=active>
            <FilterChip label=t::WITHOUT_SUPPORT href=without_support_href active=query.without_support/>
            <FilterChip label=t::MY_EVENTS href=mine_href active=query.mine/>
            <FilterChip label=t::EVENTS_UNPAID href=unpaid_href active=query.unpaid/>
            <FilterChip label=t::EVENTS_INCOMPLETE href=incomplete_href active=query.incomplete/>
            <FilterChip label=t::EVENTS_AT_RISK href=at_risk_href active=query.at_risk/>
            {support_chip.map(|href| view! { <FilterChip label=t::FILTER_SUPPORT_CHOSEN href active=true/> })}
            {sales_chip.map(|href| view! { <FilterChip label=t::FILTER_SALES_CHOSEN href active=true/> })}
            <SearchForm action=routes::EVENTS search=query.search.clone() keep=keep>
                <label for="from">{t::FROM}</label>
                <input id="from" type="date" name="from" value=from/>
                <label for="to">{t::TO}</label>
                <input id="to" type="date" name="to" value=to/>
            </SearchForm>
        </ListFilters>
        <DataTable empty=rows.is_empty().then_some(t::NO_EVENTS)>
            <thead>
                <tr>
                    <SortHeader label=t::TITLE key=EventSort::Title current=sort href=sort_href.clone()/>
                    <SortHeader label=t::START key=EventSort::Start current=sort href=sort_href.clone()/>
                    <SortHeader label=t::CLIENT key=EventSort::Client current=sort href=sort_href.clone()/>
                    <th scope="col">{t::LOCATION}</th>
                    <SortHeader label=t::ATTENDEES key=EventSort::Attendees current=sort href=sort_href.clone() numeric=true/>
                    <th scope="col">{t::SUPPORT_CONTACT}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|event| view! { <EventTableRow event show_client=true/> }).collect_view()}
            </tbody>
        </DataTable>
        <Pager page href=page_href action=routes::EVENTS keep=pager_keep/>
    }
}

#[component]
pub fn EventPage() -> impl IntoView {
    let id = id_param::<EventId>();
    let detail = Resource::new(move || id.get(), |id| async move { get_event(id?).await });
    view! {
        <main id="contenu" class="page">
            <Loaded resource=detail render=|detail, actor| Ok(view! { <EventView detail actor/> })/>
        </main>
    }
}

#[component]
fn EventView(detail: EventDetail, actor: Option<Actor>) -> impl IntoView {
    let EventDetail {
        event,
        as_of,
        place_clashes,
        support_clashes,
        contract,
        client_email,
        client_phone,
        history,
        notes: timeline_notes,
        follow_ups,
        debrief,
        readiness,
    } = detail;
    let (record, owners) = (RecordRef::Event(event.id), RecordOwners::of_event(&event, &contract));
    let status = event.status(as_of);
    let can_edit =
        actor.as_ref().is_some_and(|a| policy::can_update_event(a, event.support_contact_id, status.is_locked()));
    let can_assign = actor.as_ref().is_some_and(policy::can_assign_support) && !event.is_cancelled();
    let can_delete = actor.as_ref().is_some_and(policy::can_delete);
    let notes = if event.notes.is_empty() { t::NONE.to_owned() } else { event.notes.clone() };
    let (start, end) = (format_datetime(event.starts_at), format_datetime(event.ends_at));
    let (location, attendees, support) = (event.location.clone(), event.attendees, event.support_contact_name.clone());
    let cancelled = event.is_cancelled();
    let (client_href, client_name) = (routes::client(event.client_id, None), event.client_name.clone());
    let contract_href = routes::contract(contract.id, None);
    let contract_label = format!("{} · {}", contract.total(), contract.sales_contact_name);
    view! {
        <Title text=page_title(&event.title)/>
        <Notice/>
        <div class="detail-header">
            <div>
                <p class="eyebrow">{t::EVENT}</p>
                <h1>{event.title.clone()}</h1>
                <p class="badges">
                    <StatusBadge status/>
                    {(event.support_contact_id.is_none() && !event.is_cancelled()).then(|| view! { " " <span class="badge badge-danger">{t::WITHOUT_SUPPORT}</span> })}
                </p>
            </div>
            <div class="actions">
                <a class="button-ghost button-link" href=routes::run_sheet(event.id, None)>{t::RUN_SHEET_OPEN}</a>
                <StatusActions event=event.clone() status owners actor=actor.clone()/>
                {can_edit.then(|| view! { <a class="button-ghost button-link" href=format!("{}/modifier", routes::event(event.id, None))>{t::EDIT}</a> })}
                {can_delete.then(|| view! { <a class="button-danger button-link" href=format!("{}/supprimer", routes::event(event.id, None))>{t::DELETE}</a> })}
            </div>
        </div>
        <CancelledNotice event=event.clone()/>
        <ClashWarning title=t::SUPPORT_CLASHES what=t::SUPPORT_CLASHES_WHAT clashes=support_clashes/>
        <ClashWarning title=t::PLACE_CLASHES what=t::PLACE_CLASHES_WHAT clashes=place_clashes/>
        <section class="card">
            <dl class="facts">
                <Fact term=t::START>{start}</Fact>
                <Fact term=t::END>{end}</Fact>
                <Fact term=t::LOCATION>{location}</Fact>
                <Fact term=t::ATTENDEES>{attendees}</Fact>
                <Fact term=t::SUPPORT_CONTACT><SupportBadge name=support cancelled/></Fact>
                <Fact term=t::CLIENT><a href=client_href>{client_name}</a></Fact>
                <Fact term=t::CLIENT_CONTACT>{client_email} " · " {client_phone}</Fact>
                <Fact term=t::CONTRACT><a href=contract_href>{contract_label}</a></Fact>
            </dl>
            <h2>{t::NOTES}</h2>
            <p class="notes">{notes}</p>
        </section>
        {readiness.map(|readiness| view! { <ReadinessCard readiness/> })}
        <DebriefCard event=event.clone() status debrief actor=actor.clone()/>
        {can_assign.then(|| view! { <AssignSupportForm event/> })}
        <FollowUpCard record owners follow_ups actor=actor.clone()/>
        <Timeline record owners notes=timeline_notes history actor/>
    }
}

/// The event's fields; when editing (support), the title is shown read-only, and so are the
/// place and notes of an anonymised client's event: the server refuses changing them.
#[component]
fn EventFields(error: Signal<Option<AppError>>, event: Option<EventRow>) -> impl IntoView {
    let value = |f: fn(&EventRow) -> String| event.as_ref().map(f).unwrap_or_default();
    let text_kept = event.as_ref().is_some_and(|e| e.client_anonymised);
    let title = if event.is_some() {
        view! { <Field label=t::TITLE name="title" prefix="form" error initial=value(|e| e.title.clone()) required=true readonly=true help=t::EVENT_TITLE_READ_ONLY/> }.into_any()
    } else {
        view! { <Field label=t::TITLE name="title" prefix="form" error required=true autocomplete="off"/> }.into_any()
    };
    view! {
        {title}
        <Field label=t::START name="starts_at" prefix="form" kind="datetime-local" error initial=value(|e| to_local_input(e.starts_at)) required=true/>
        <Field label=t::END name="ends_at" prefix="form" kind="datetime-local" error initial=value(|e| to_local_input(e.ends_at)) required=true/>
        <Field label=t::LOCATION name="location" prefix="form" error initial=value(|e| e.location.clone()) required=true autocomplete="off" readonly=text_kept/>
        <Field label=t::ATTENDEES name="attendees" prefix="form" kind="number" error initial=value(|e| e.attendees.to_string()) required=true/>
        <Field label=t::NOTES name="notes" prefix="form" error initial=value(|e| e.notes.clone()) multiline=true readonly=text_kept/>
    }
}

#[component]
pub fn EventNewPage() -> impl IntoView {
    let contract_id = id_param::<ContractId>();
    let action = ServerAction::<CreateEvent>::new();
    let error = action_error(action);
    let key = IdempotencyKey::for_form();
    let contract = Resource::new(move || contract_id.get(), |id| async move { get_contract(id?).await });
    view! {
        <FormPage
            title=t::NEW_EVENT
            resource=contract
            render=move |detail: ContractDetail, actor| {
                let contract = detail.contract;
                allowed(
                    policy::can_add_to_client(contract.client_anonymised)
                        && actor.is_some_and(|a| policy::can_create_event(&a, contract.client_sales_contact_id)),
                )?;
                let key = key.clone();
                Ok(view! {
                    <h1>{t::NEW_EVENT}</h1>
                    <p class="muted">{t::CLIENT} " : " {contract.client_name.clone()} " · " {contract.total()}</p>
                    <RecordForm action error cancel=routes::contract(contract.id, None)>
                        <input type="hidden" name="contract_id" value=contract.id.to_string()/>
                        <IdempotencyField value=key/>
                        <EventFields error event=None/>
                    </RecordForm>
                })
            }
        />
    }
}

#[component]
pub fn EventEditPage() -> impl IntoView {
    let id = id_param::<EventId>();
    let action = ServerAction::<UpdateEvent>::new();
    let error = action_error(action);
    let detail =
        Resource::new(move || (id.get(), action.version().get()), |(id, _)| async move { get_event(id?).await });
    view! {
        <FormPage
            title=t::EDIT_EVENT
            resource=detail
            render=move |detail: EventDetail, actor| {
                let event = detail.event;
                let locked = event.status(detail.as_of).is_locked();
                allowed(actor.is_some_and(|a| policy::can_update_event(&a, event.support_contact_id, locked)))?;
                let cancel = routes::event(event.id, None);
                Ok(view! {
                    <h1>{t::EDIT_EVENT}</h1>
                    <RecordForm action error cancel>
                        <RecordVersion id=event.id.to_string() version=event.version/>
                        <EventFields error event=Some(event)/>
                    </RecordForm>
                })
            }
        />
    }
}

#[component]
pub fn EventDeletePage() -> impl IntoView {
    let id = id_param::<EventId>();
    let action = ServerAction::<DeleteEvent>::new();
    let error = action_error(action);
    let detail =
        Resource::new(move || (id.get(), action.version().get()), |(id, _)| async move { get_event(id?).await });
    view! {
        <FormPage
            title=t::DELETE
            resource=detail
            render=move |detail: EventDetail, actor| {
                allowed(actor.as_ref().is_some_and(policy::can_delete))?;
                let event = detail.event;
                let cancel = routes::event(event.id, None);
                let form = view! {
                    <ActionForm action>
                        <input type="hidden" name="id" value=event.id.to_string()/>
                        <ConfirmButtons label=t::DELETE_FOR_GOOD cancel/>
                    </ActionForm>
                }
                .into_any();
                Ok(view! {
                    <DeletionConfirmation title=t::delete_title(&event.title) blocked=None error form>
                        <p>{t::DELETE_EVENT_WHAT}</p>
                        <EventTable events=vec![event] empty=t::NO_EVENTS_FOR_RECORD/>
                    </DeletionConfirmation>
                })
            }
        />
    }
}
