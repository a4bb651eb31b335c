//! "Mes relances", and a record's follow-ups card with its "add a follow-up" form.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{AddFollowUp, CompleteFollowUp, list_follow_ups};
use super::model::{Due, FollowUpList, FollowUpRow};
use crate::auth::Actor;
use crate::components::{Field, FieldError, SubmitButton, action_error};
use crate::domain::datetime::format_day;
use crate::i18n::fr as t;
use crate::policy;
use crate::records::{RecordOwners, RecordRef};
use crate::routes;
use crate::ui::detail::{Composer, RecordFields};
use crate::ui::list::{FilterChip, ListHeader};
use crate::ui::loaded::Loaded;
use crate::ui::page_title;
use crate::ui::status::Notice;

/// Where the "done" button goes back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Back {
    List,
    Record,
}

/// A record's open follow-ups, and the form to set one when the rules allow it.
#[component]
pub fn FollowUpCard(
    record: RecordRef,
    owners: RecordOwners,
    follow_ups: FollowUpList,
    actor: Option<Actor>,
) -> impl IntoView {
    let can_write = actor.as_ref().is_some_and(|a| policy::can_write_on_record(a, &owners));
    let FollowUpList { items, today, colleagues } = follow_ups;
    let me = actor.as_ref().map(|a| a.id);
    view! {
        <section class="card" id="relances">
            <h2>{t::FOLLOW_UPS}</h2>
            {can_write.then(|| view! { <FollowUpComposer record colleagues me/> })}
            <FollowUpItems items today actor show_owner=true show_record=false back=Back::Record/>
        </section>
    }
}

#[component]
fn FollowUpComposer(
    record: RecordRef,
    colleagues: Vec<Actor>,
    me: Option<crate::domain::CollaboratorId>,
) -> impl IntoView {
    let action = ServerAction::<AddFollowUp>::new();
    let error = action_error(action);
    // After a refused post, whom it was for.
    let chosen = error.get_untracked().and_then(|e| e.submitted("owner_id").map(str::to_owned));
    let selected =
        move |id: String| chosen.as_ref().map_or(Some(id.clone()) == me.map(|m| m.to_string()), |c| *c == id);
    view! {
        <Composer label=t::ADD_FOLLOW_UP error>
            <ActionForm action>
                <RecordFields record/>
                <Field label=t::FOLLOW_UP_TITLE name="title" prefix="form" error required=true autocomplete="off"/>
                <Field label=t::FOLLOW_UP_DUE name="due_on" prefix="form" kind="date" error required=true/>
                <div class="field">
                    <label for="field-owner_id">{t::FOLLOW_UP_OWNER}</label>
                    <select id="field-owner_id" name="form[owner_id]" aria-describedby="owner_id-error">
                        {colleagues
                            .into_iter()
                            .map(|c| {
                                let id = c.id.to_string();
                                view! { <option value=id.clone() selected=selected(id)>{c.full_name}</option> }
                            })
                            .collect_view()}
                    </select>
                    <FieldError error field="owner_id"/>
                </div>
                <SubmitButton label=t::SAVE_FOLLOW_UP/>
            </ActionForm>
        </Composer>
    }
}

/// The follow-ups as a list: what, when (overdue in red, with its word), for whom, about what,
/// and the "done" (or "undo") button where the rules allow it.
#[component]
fn FollowUpItems(
    items: Vec<FollowUpRow>,
    today: NaiveDate,
    actor: Option<Actor>,
    show_owner: bool,
    show_record: bool,
    back: Back,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted">{t::NO_FOLLOW_UPS}</p> }.into_any();
    }
    view! {
        <ul class="follow-ups">
            {items
                .into_iter()
                .map(|row| {
                    let due = row.due(today);
                    let can_complete =
                        actor.as_ref().is_some_and(|a| policy::can_complete_follow_up(a, row.owner_id, row.created_by));
                    let badge = match due {
                        Due::Overdue => Some(("badge badge-danger", t::FOLLOW_UPS_OVERDUE)),
                        Due::Today => Some(("badge badge-warn", t::FOLLOW_UPS_TODAY)),
                        Due::Later | Due::Done => None,
                    };
                    let record = row.record();
                    view! {
                        <li class=format!("follow-up follow-up-{}", due_code(due))>
                            <div>
                                <p>
                                    <strong>{row.title.clone()}</strong>
                                    {badge.map(|(class, text)| view! { " " <span class=class>{text}</span> })}
                                </p>
                                <p class="muted">
                                    {t::FOLLOW_UP_DUE} " : " {format_day(row.due_on)}
                                    {show_owner.then(|| view! { " · " {row.owner_name.clone()} })}
                                    {show_record.then(|| view! { " · " <a href=record.path()>{row.client_name.clone()}</a> })}
                                </p>
                            </div>
                            {can_complete.then(|| view! { <CompleteButton row=row.clone() back/> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

fn due_code(due: Due) -> &'static str {
    match due {
        Due::Overdue => "overdue",
        Due::Today => "today",
        Due::Later => "later",
        Due::Done => "done",
    }
}

#[component]
fn CompleteButton(row: FollowUpRow, back: Back) -> impl IntoView {
    let action = ServerAction::<CompleteFollowUp>::new();
    let done = row.done_at.is_none();
    let (label, class) = if done { (t::FOLLOW_UP_DONE, "button-primary") } else { (t::FOLLOW_UP_UNDO, "button-ghost") };
    view! {
        <ActionForm action>
            <input type="hidden" name="id" value=row.id.to_string()/>
            <input type="hidden" name="done" value=if done { "true" } else { "false" }/>
            <input type="hidden" name="back" value=if back == Back::List { "list" } else { "record" }/>
            <button type="submit" class=class aria-label=format!("{label} : {}", row.title)>{label}</button>
        </ActionForm>
    }
}

/// `/relances`: mine, overdue first, then today's, then later ones, then those done this week
/// (to undo); management also sees everyone's overdue ones (`?equipe=1`).
#[component]
pub fn FollowUpListPage() -> impl IntoView {
    let query = use_query_map();
    let team = move || query.read().get("equipe").is_some_and(|v| v == "1");
    let list = Resource::new(team, |team| async move { list_follow_ups(team).await.map(|list| (team, list)) });
    view! {
        <Title text=page_title(t::NAV_FOLLOW_UPS)/>
        <main id="contenu" class="page">
            <Notice/>
            <Loaded resource=list render=|(team, list), actor| Ok(view! { <FollowUps team list actor/> })/>
        </main>
    }
}

#[component]
fn FollowUps(team: bool, list: FollowUpList, actor: Option<Actor>) -> impl IntoView {
    let sees_team = actor.as_ref().is_some_and(policy::can_see_team_follow_ups);
    let FollowUpList { items, today, .. } = list;
    let chips = sees_team.then(|| {
        view! {
            <div class="filters">
                <FilterChip label=t::FOLLOW_UPS_MINE href=routes::FOLLOW_UPS.to_owned() active=!team/>
                <FilterChip label=t::FOLLOW_UPS_TEAM_OVERDUE href=routes::TEAM_FOLLOW_UPS.to_owned() active=team/>
            </div>
        }
    });
    let body = if team {
        view! {
            <section class="card">
                <h2>{t::FOLLOW_UPS_TEAM_OVERDUE}</h2>
                <FollowUpItems items today actor show_owner=true show_record=true back=Back::List/>
            </section>
        }
        .into_any()
    } else {
        let section = |title: &'static str, wanted: Due, items: &[FollowUpRow], actor: Option<Actor>| {
            let rows: Vec<FollowUpRow> = items.iter().filter(|r| r.due(today) == wanted).cloned().collect();
            (!rows.is_empty()).then(|| {
                view! {
                    <section class="card">
                        <h2>{title} " " <span class="muted">"(" {rows.len()} ")"</span></h2>
                        <FollowUpItems items=rows today actor show_owner=false show_record=true back=Back::List/>
                    </section>
                }
            })
        };
        let nothing_open = items.iter().all(|r| r.done_at.is_some());
        view! {
            {nothing_open.then(|| view! { <p class="muted">{t::NO_FOLLOW_UPS_OF_MINE}</p> })}
            {section(t::FOLLOW_UPS_OVERDUE, Due::Overdue, &items, actor.clone())}
            {section(t::FOLLOW_UPS_TODAY, Due::Today, &items, actor.clone())}
            {section(t::FOLLOW_UPS_LATER, Due::Later, &items, actor.clone())}
            {section(t::FOLLOW_UPS_DONE_RECENTLY, Due::Done, &items, actor)}
        }
        .into_any()
    };
    view! {
        <ListHeader
            title=t::NAV_FOLLOW_UPS
            total=None
            export=Some(crate::export::href(crate::export::FOLLOW_UPS, if team { routes::TEAM_FOLLOW_UPS } else { routes::FOLLOW_UPS }))
        />
        {chips}
        {body}
    }
}
