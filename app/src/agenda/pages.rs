//! `/agenda`: the month grid (on a phone, the same events as a list), the week, the list; and
//! the calendar feed's card on "Mon compte".

use chrono::{Datelike, Days, NaiveDate};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::api::{ChangeCalendarFeed, get_agenda, my_calendar_feed};
use super::model::{Agenda, AgendaEvent, AgendaQuery, AgendaView, EventState, FeedLink, monday_of, step};
use crate::collaborators::model::CollaboratorChoice;
use crate::domain::CollaboratorId;
use crate::domain::datetime::{format_date, format_day, format_time};
use crate::i18n::fr as t;
use crate::routes;
use crate::ui::list::{FilterChip, ListHeader};
use crate::ui::loaded::Loaded;
use crate::ui::page_title;

#[component]
pub fn AgendaPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        AgendaQuery::from_params(&|name| params.get(name))
    });
    let agenda = Resource::new(move || query.get(), |query| async move { get_agenda(query?).await });
    view! {
        <Title text=page_title(t::NAV_AGENDA)/>
        <main id="contenu" class="page">
            <Loaded resource=agenda reset_href=routes::AGENDA render=|agenda, _| Ok(view! { <AgendaBody agenda/> })/>
        </main>
    }
}

#[component]
fn AgendaBody(agenda: Agenda) -> impl IntoView {
    let query = agenda.query.clone();
    let (view_kind, day) = (query.view, agenda.day);
    let period = match view_kind {
        AgendaView::Week => t::agenda_week_of(&format_day(agenda.first), &format_day(agenda.last)),
        AgendaView::Month | AgendaView::List => format!("{} {}", t::MONTHS[day.month0() as usize], day.year()),
    };
    let body = match view_kind {
        AgendaView::Month => view! {
            <MonthGrid agenda=agenda.clone()/>
            // A phone shows the same events as a list (the grid is hidden there).
            <div class="agenda-phone-list"><DayLists agenda=agenda.clone() days=event_days(&agenda)/></div>
        }
        .into_any(),
        AgendaView::Week => {
            view! { <div class="agenda-week"><DayLists agenda=agenda.clone() days=week_days(agenda.first)/></div> }
                .into_any()
        }
        AgendaView::List => view! { <DayLists agenda=agenda.clone() days=event_days(&agenda)/> }.into_any(),
    };
    let nothing = agenda.events.is_empty().then(|| view! { <p class="empty-state">{t::AGENDA_NO_EVENTS}</p> });
    view! {
        <ListHeader title=t::NAV_AGENDA total=None/>
        <div class="agenda-toolbar">
            <nav class="agenda-nav" aria-label=t::NAV_AGENDA>
                <a class="button-ghost button-link" href=query.with(view_kind, Some(step(view_kind, day, false))) rel="prev">
                    "‹ " {t::AGENDA_PREVIOUS}
                </a>
                <a class="button-ghost button-link" href=query.with(view_kind, None)>{t::AGENDA_TODAY}</a>
                <a class="button-ghost button-link" href=query.with(view_kind, Some(step(view_kind, day, true))) rel="next">
                    {t::AGENDA_NEXT} " ›"
                </a>
            </nav>
            <h2 class="agenda-period" aria-live="polite">{period}</h2>
            <div class="filters" role="group" aria-label=t::AGENDA_VIEWS>
                {AgendaView::ALL
                    .into_iter()
                    .map(|v| view! { <FilterChip label=v.label() href=query.with(v, query.date) active=v == view_kind/> })
                    .collect_view()}
            </div>
        </div>
        <AgendaFilters query=query.clone() supports=agenda.supports.clone() salespeople=agenda.salespeople.clone()/>
        <Legend/>
        {nothing}
        {body}
    }
}

/// The filters as one GET form: what it sends is the whole state of the calendar.
#[component]
fn AgendaFilters(
    query: AgendaQuery,
    supports: Vec<CollaboratorChoice>,
    salespeople: Vec<CollaboratorChoice>,
) -> impl IntoView {
    let date = query.date.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <Form method="GET" action=routes::AGENDA attr:class="agenda-filters">
            <input type="hidden" name="vue" value=query.view.code()/>
            {(!date.is_empty()).then(|| view! { <input type="hidden" name="date" value=date.clone()/> })}
            <label class="check"><input type="checkbox" name="mine" value="1" checked=query.mine/> {t::MY_EVENTS}</label>
            <label class="check">
                <input type="checkbox" name="without_support" value="1" checked=query.without_support/>
                {t::WITHOUT_SUPPORT}
            </label>
            <label for="agenda-support" class="visually-hidden">{t::SUPPORT_CONTACT}</label>
            <CollaboratorSelect id="agenda-support" name="support" any=t::AGENDA_ANY_SUPPORT choices=supports chosen=query.support/>
            <label for="agenda-sales" class="visually-hidden">{t::SALES_CONTACT}</label>
            <CollaboratorSelect id="agenda-sales" name="sales" any=t::AGENDA_ANY_SALES choices=salespeople chosen=query.sales/>
            <button type="submit" class="button-ghost">{t::AGENDA_FILTER}</button>
        </Form>
    }
}

#[component]
fn CollaboratorSelect(
    id: &'static str,
    name: &'static str,
    any: &'static str,
    choices: Vec<CollaboratorChoice>,
    chosen: Option<CollaboratorId>,
) -> impl IntoView {
    view! {
        <select id=id name=name>
            <option value="">{any}</option>
            {choices
                .into_iter()
                .map(|c| view! { <option value=c.id.to_string() selected=Some(c.id) == chosen>{c.label()}</option> })
                .collect_view()}
        </select>
    }
}

#[component]
fn Legend() -> impl IntoView {
    let states = [EventState::WithoutSupport, EventState::Unpaid, EventState::Past];
    view! {
        <p class="agenda-legend">
            <span class="muted">{t::AGENDA_LEGEND} " : "</span>
            {states.into_iter().map(|s| view! { <span class=format!("agenda-chip {}", s.class())>{s.label()}</span> }).collect_view()}
        </p>
    }
}

/// The days with events, in order.
fn event_days(agenda: &Agenda) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = agenda.events.iter().map(|e| e.day).collect();
    days.dedup();
    days
}

fn week_days(monday: NaiveDate) -> Vec<NaiveDate> {
    (0..7).filter_map(|i| monday.checked_add_days(Days::new(i))).collect()
}

fn day_title(day: NaiveDate) -> String {
    format!("{} {}", t::WEEKDAYS[day.weekday().num_days_from_monday() as usize], format_day(day))
}

/// One event as a chip: its time and title, its states in words for screen readers (the
/// colour says them to the eye, the legend explains the colours).
#[component]
fn EventChip(event: AgendaEvent, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let states = event.states(now);
    let classes = states.iter().map(|s| s.class()).collect::<Vec<_>>().join(" ");
    let words = states.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ");
    view! {
        <a class=format!("agenda-chip {classes}") href=routes::event(event.id, None) title=event.client_name.clone()>
            <span class="agenda-time">{format_time(event.starts_at)}</span>
            " " {event.title}
            {(!words.is_empty()).then(|| view! { <span class="visually-hidden">{format!(" ({words})")}</span> })}
        </a>
    }
}

/// "+ N autres": the rest of the day, in the event list with the same filters.
fn more_link(agenda: &Agenda, day: NaiveDate, more: Option<String>) -> Option<impl IntoView + use<>> {
    more.map(|text| {
        let href = agenda.event_list(day, day);
        view! { <a class="agenda-more" href=href>{text}</a> }
    })
}

#[component]
fn MonthGrid(agenda: Agenda) -> impl IntoView {
    let month = agenda.day.month();
    let weeks: Vec<NaiveDate> =
        std::iter::successors(Some(monday_of(agenda.first)), |d| d.checked_add_days(Days::new(7)))
            .take_while(|d| *d <= agenda.last)
            .collect();
    view! {
        <table class="calendar">
            <thead>
                <tr>{t::WEEKDAYS_SHORT.into_iter().map(|d| view! { <th scope="col">{d}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {weeks
                    .into_iter()
                    .map(|monday| {
                        view! {
                            <tr>
                                {week_days(monday)
                                    .into_iter()
                                    .map(|day| {
                                        let (events, more) = agenda.on(day);
                                        let events: Vec<AgendaEvent> = events.into_iter().cloned().collect();
                                        let is_today = day == agenda.today;
                                        view! {
                                            <td class:other-month=day.month() != month class:today=is_today aria-current=is_today.then_some("date")>
                                                <a class="day-number" href=agenda.query.with(AgendaView::List, Some(day)) aria-label=day_title(day)>
                                                    {day.day()}
                                                </a>
                                                {events.into_iter().map(|event| view! { <EventChip event now=agenda.now/> }).collect_view()}
                                                {more_link(&agenda, day, more)}
                                            </td>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Days one under the other (the list) or side by side (the week), each with its events.
#[component]
fn DayLists(agenda: Agenda, days: Vec<NaiveDate>) -> impl IntoView {
    days.into_iter()
        .map(|day| {
            let (events, more) = agenda.on(day);
            let events: Vec<AgendaEvent> = events.into_iter().cloned().collect();
            let is_today = day == agenda.today;
            view! {
                <section class="agenda-day" class:today=is_today aria-current=is_today.then_some("date")>
                    <h3>{day_title(day)}</h3>
                    <ul>
                        {events
                            .into_iter()
                            .map(|event| {
                                let detail = match &event.support_contact_name {
                                    Some(support) => format!("{} · {} · {support}", event.client_name, event.location),
                                    None => format!("{} · {}", event.client_name, event.location),
                                };
                                view! {
                                    <li>
                                        <EventChip event now=agenda.now/>
                                        <span class="muted line-below">{detail}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    {more_link(&agenda, day, more)}
                </section>
            }
        })
        .collect_view()
}

/// "Mon compte": the calendar feed's link, to create, copy, renew or revoke.
#[component]
pub fn CalendarFeedCard() -> impl IntoView {
    let feed = Resource::new(|| (), |()| my_calendar_feed());
    view! {
        <section class="card narrow" id="agenda">
            <h2>{t::FEED_TITLE}</h2>
            <p class="muted">{t::FEED_INTRO}</p>
            <Transition>
                {move || Suspend::new(async move {
                    match feed.await {
                        Ok(link) => view! { <FeedLinkView link/> }.into_any(),
                        Err(error) => view! { <crate::ui::status::ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn FeedLinkView(link: Option<FeedLink>) -> impl IntoView {
    let action = ServerAction::<ChangeCalendarFeed>::new();
    let revoke = ServerAction::<ChangeCalendarFeed>::new();
    match link {
        None => view! {
            <p>{t::FEED_NONE}</p>
            <ActionForm action>
                <button type="submit" class="button-primary">{t::FEED_CREATE}</button>
            </ActionForm>
        }
        .into_any(),
        Some(link) => view! {
            <div class="field">
                <label for="feed-url">{t::FEED_LINK}</label>
                <input id="feed-url" type="text" readonly value=link.url.clone() aria-describedby="feed-warning"/>
            </div>
            <p id="feed-warning" class="help">{t::FEED_SECRET_WARNING}</p>
            <p class="muted">{t::feed_since(&format_date(link.created_at))}</p>
            <div class="form-actions">
                <ActionForm action>
                    <button type="submit" class="button-ghost">{t::FEED_RENEW}</button>
                </ActionForm>
                <ActionForm action=revoke>
                    <input type="hidden" name="revoke" value="true"/>
                    <button type="submit" class="button-danger">{t::FEED_REVOKE}</button>
                </ActionForm>
            </div>
        }
        .into_any(),
    }
}
