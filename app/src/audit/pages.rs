//! The audit trail browser (management): every write of the CRM, filtered and paginated.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;

use super::api::{audit_journal, collaborator_choices};
use super::journal::{JournalPage, JournalQuery, JournalRow, record_href};
use super::model::{Action, Entity, FieldChange};
use crate::domain::CollaboratorId;
use crate::domain::datetime::format_datetime;
use crate::i18n::fr as t;
use crate::policy;
use crate::routes;
use crate::ui::list::{DataTable, ListHeader, Pager};
use crate::ui::loaded::{Loaded, allowed, list_resource};
use crate::ui::page_title;

/// Links between the administration's journal views.
#[component]
pub fn AuditTabs(current: &'static str) -> impl IntoView {
    let tab = move |href: &'static str, label: &'static str| {
        let here = (href == current).then_some("page");
        view! { <a class="chip" class:chip-active=here.is_some() aria-current=here href=href>{label}</a> }
    };
    view! {
        <nav class="filters" aria-label=t::AUDIT_TABS>
            {tab(routes::AUDIT_JOURNAL, t::AUDIT_JOURNAL_TITLE)}
            {tab(routes::SECURITY_LOG, t::SECURITY_LOG_TITLE)}
            {tab(routes::RGPD_RETENTION, t::RGPD_RETENTION_TITLE)}
        </nav>
    }
}

/// A select of every collaborator, for the filters; `name` is the URL parameter.
#[component]
pub fn CollaboratorSelect(name: &'static str, label: &'static str, selected: Option<CollaboratorId>) -> impl IntoView {
    let choices = Resource::new(|| (), |_| collaborator_choices());
    let id = format!("filter-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{t::AUDIT_ANYONE}</option>
                <Transition>
                    {move || Suspend::new(async move {
                        choices
                            .await
                            .unwrap_or_default()
                            .into_iter()
                            .map(|c| view! { <option value=c.id.to_string() selected=Some(c.id) == selected>{c.label()}</option> })
                            .collect_view()
                    })}
                </Transition>
            </select>
        </div>
    }
}

/// The `from` / `to` date inputs of a filter form.
#[component]
pub fn DateRangeFields(from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="filter-from">{t::AUDIT_FROM}</label>
            <input id="filter-from" type="date" name="from" value=from.map(|d| d.to_string()).unwrap_or_default()/>
        </div>
        <div class="field">
            <label for="filter-to">{t::AUDIT_TO}</label>
            <input id="filter-to" type="date" name="to" value=to.map(|d| d.to_string()).unwrap_or_default()/>
        </div>
    }
}

#[component]
pub fn AuditJournalPage() -> impl IntoView {
    let page = list_resource(JournalQuery::from_params, audit_journal);
    view! {
        <Title text=page_title(t::AUDIT_JOURNAL_TITLE)/>
        <main id="contenu" class="page">
            <Loaded
                resource=page
                reset_href=routes::AUDIT_JOURNAL
                render=|(query, page): (JournalQuery, JournalPage), actor| {
                    allowed(actor.as_ref().is_some_and(policy::can_administer))?;
                    Ok(view! { <Journal query page/> })
                }
            />
        </main>
    }
}

#[component]
fn Journal(query: JournalQuery, page: JournalPage) -> impl IntoView {
    let rows = page.items.clone();
    let empty = rows.is_empty();
    let keep = query.filter_fields();
    let href_query = query.clone();
    let href = move |paging| JournalQuery { paging, ..href_query.clone() }.to_url();
    let (entity, action) = (query.entity, query.action);
    view! {
        <ListHeader
            title=t::AUDIT_JOURNAL_TITLE
            total=Some(page.total)
            export=Some(crate::export::href(crate::export::AUDIT_JOURNAL, &query.to_url()))
        />
        <AuditTabs current=routes::AUDIT_JOURNAL/>
        <Form method="GET" action=routes::AUDIT_JOURNAL attr:class="filter-form">
            <CollaboratorSelect name="actor" label=t::AUDIT_WHO selected=query.actor/>
            <div class="field">
                <label for="filter-entity">{t::AUDIT_RECORD_TYPE}</label>
                <select id="filter-entity" name="entity">
                    <option value="">{t::AUDIT_ALL}</option>
                    {Entity::ALL
                        .into_iter()
                        .map(|e| view! { <option value=e.code() selected=Some(e) == entity>{e.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-action">{t::AUDIT_ACTION}</label>
                <select id="filter-action" name="action">
                    <option value="">{t::AUDIT_ALL}</option>
                    {Action::ALL
                        .into_iter()
                        .map(|a| view! { <option value=a.code() selected=Some(a) == action>{a.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <DateRangeFields from=query.from to=query.to/>
            <button type="submit" class="button-ghost">{t::AUDIT_FILTER}</button>
        </Form>
        <DataTable empty=empty.then_some(t::AUDIT_EMPTY)>
            <thead>
                <tr>
                    <th scope="col">{t::AUDIT_WHEN}</th>
                    <th scope="col">{t::AUDIT_WHO}</th>
                    <th scope="col">{t::AUDIT_ACTION}</th>
                    <th scope="col">{t::AUDIT_RECORD}</th>
                    <th scope="col">{t::AUDIT_CHANGES}</th>
                </tr>
            </thead>
            <tbody>{rows.into_iter().map(|row| view! { <JournalTableRow row/> }).collect_view()}</tbody>
        </DataTable>
        <Pager page href action=routes::AUDIT_JOURNAL keep/>
    }
}

#[component]
fn JournalTableRow(row: JournalRow) -> impl IntoView {
    let who = row.actor_name.clone().unwrap_or_else(|| t::SOMEONE.to_owned());
    let kind = row.entity.label();
    let label = row.label.clone().unwrap_or_else(|| t::AUDIT_RECORD_GONE.to_owned());
    let href = record_href(row.entity, row.entity_id);
    let changes = row.changes.0.iter().map(FieldChange::line).collect::<Vec<_>>();
    view! {
        <tr>
            <td class="nowrap">{format_datetime(row.at)}</td>
            <td>{who}</td>
            <td>{row.action.label()}</td>
            <td>{kind} " · " <a href=href>{label}</a></td>
            <td>
                <ul class="changes">{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
            </td>
        </tr>
    }
}
