//! The security log and a collaborator's sessions (management).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;

use super::api::{EndCollaboratorSession, EndCollaboratorSessions, get_collaborator_sessions, security_log};
use super::model::{CollaboratorSessions, SecurityKind, SecurityPage, SecurityQuery, SecurityRow, browser_label};
use crate::audit::journal::record_href;
use crate::audit::pages::{AuditTabs, CollaboratorSelect, DateRangeFields};
use crate::auth::{SessionInfo, SessionKind};
use crate::components::{DepartmentBadge, ErrorSummary, SubmitButton, action_error};
use crate::domain::CollaboratorId;
use crate::domain::datetime::format_datetime;
use crate::i18n::fr as t;
use crate::policy;
use crate::routes;
use crate::ui::list::{DataTable, ListHeader, Pager};
use crate::ui::loaded::{Loaded, allowed, id_param, list_resource};
use crate::ui::page_title;
use crate::ui::status::Notice;

#[component]
pub fn SecurityLogPage() -> impl IntoView {
    let page = list_resource(SecurityQuery::from_params, security_log);
    view! {
        <Title text=page_title(t::SECURITY_LOG_TITLE)/>
        <main id="contenu" class="page">
            <Loaded
                resource=page
                reset_href=routes::SECURITY_LOG
                render=|(query, page): (SecurityQuery, SecurityPage), actor| {
                    allowed(actor.as_ref().is_some_and(policy::can_administer))?;
                    Ok(view! { <SecurityLog query page/> })
                }
            />
        </main>
    }
}

#[component]
fn SecurityLog(query: SecurityQuery, page: SecurityPage) -> impl IntoView {
    let rows = page.items.clone();
    let empty = rows.is_empty();
    let keep = query.filter_fields();
    let href_query = query.clone();
    let href = move |paging| SecurityQuery { paging, ..href_query.clone() }.to_url();
    let kind = query.kind;
    view! {
        <ListHeader title=t::SECURITY_LOG_TITLE total=Some(page.total)/>
        <AuditTabs current=routes::SECURITY_LOG/>
        <Form method="GET" action=routes::SECURITY_LOG attr:class="filter-form">
            <div class="field">
                <label for="filter-kind">{t::SECURITY_KIND}</label>
                <select id="filter-kind" name="kind">
                    <option value="">{t::AUDIT_ALL}</option>
                    {SecurityKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.code() selected=Some(k) == kind>{k.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <CollaboratorSelect name="collaborator" label=t::SECURITY_COLLABORATOR selected=query.collaborator/>
            <DateRangeFields from=query.from to=query.to/>
            <button type="submit" class="button-ghost">{t::AUDIT_FILTER}</button>
        </Form>
        <DataTable empty=empty.then_some(t::SECURITY_EMPTY)>
            <thead>
                <tr>
                    <th scope="col">{t::AUDIT_WHEN}</th>
                    <th scope="col">{t::SECURITY_KIND}</th>
                    <th scope="col">{t::SECURITY_COLLABORATOR}</th>
                    <th scope="col">{t::SECURITY_BY}</th>
                    <th scope="col">{t::SECURITY_IP}</th>
                </tr>
            </thead>
            <tbody>{rows.into_iter().map(|row| view! { <SecurityTableRow row/> }).collect_view()}</tbody>
        </DataTable>
        <Pager page href action=routes::SECURITY_LOG keep/>
    }
}

#[component]
fn SecurityTableRow(row: SecurityRow) -> impl IntoView {
    let who = match (row.collaborator_id, row.collaborator_name.clone(), row.record) {
        (Some(id), Some(name), _) => view! { <a href=routes::collaborator_sessions(id, None)>{name}</a> }.into_any(),
        (_, _, Some((entity, id))) => view! { <a href=record_href(entity, id)>{entity.label()}</a> }.into_any(),
        _ => view! { <span class="muted">{t::SECURITY_UNKNOWN_ACCOUNT}</span> }.into_any(),
    };
    let danger = matches!(
        row.kind,
        SecurityKind::SignInFailed
            | SecurityKind::Lockout
            | SecurityKind::RefreshTokenReused
            | SecurityKind::AccessRefused
    );
    view! {
        <tr>
            <td class="nowrap">{format_datetime(row.at)}</td>
            <td>
                <span class="badge" class:badge-danger=danger>{row.kind.label()}</span>
                {row.detail.clone().map(|detail| view! { <span class="muted line-below">{detail}</span> })}
            </td>
            <td>{who}</td>
            <td>{row.actor_name.clone().unwrap_or_default()}</td>
            <td class="nowrap">{row.ip.clone().unwrap_or_default()}</td>
        </tr>
    }
}

#[component]
pub fn CollaboratorSessionsPage() -> impl IntoView {
    let id = id_param::<CollaboratorId>();
    let end_one = ServerAction::<EndCollaboratorSession>::new();
    let end_all = ServerAction::<EndCollaboratorSessions>::new();
    let data = Resource::new(
        move || (id.get(), end_one.version().get(), end_all.version().get()),
        |(id, ..)| async move { get_collaborator_sessions(id?).await },
    );
    view! {
        <Title text=page_title(t::SESSIONS_TITLE)/>
        <main id="contenu" class="page">
            <Loaded
                resource=data
                render=move |data: CollaboratorSessions, actor| {
                    allowed(actor.as_ref().is_some_and(policy::can_administer))?;
                    Ok(view! { <Sessions data end_one end_all/> })
                }
            />
        </main>
    }
}

#[component]
fn Sessions(
    data: CollaboratorSessions,
    end_one: ServerAction<EndCollaboratorSession>,
    end_all: ServerAction<EndCollaboratorSessions>,
) -> impl IntoView {
    let (one_error, all_error) = (action_error(end_one), action_error(end_all));
    let collaborator = data.id.to_string();
    let empty = data.sessions.is_empty();
    let rows = data.sessions.clone();
    let count = rows.len();
    view! {
        <Notice/>
        <p class="eyebrow">{t::SESSIONS_TITLE}</p>
        <h1>{data.full_name.clone()} " " <DepartmentBadge department=data.department/></h1>
        {(!data.active).then(|| view! { <p><span class="badge badge-danger">{t::SESSIONS_INACTIVE}</span></p> })}
        <ErrorSummary error=one_error/>
        <ErrorSummary error=all_error/>
        {if empty {
            view! { <p class="empty-state">{t::SESSIONS_NONE}</p> }.into_any()
        } else {
            let collaborator = collaborator.clone();
            view! {
                <div class="table-card">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t::SESSIONS_KIND}</th>
                                <th scope="col">{t::SESSIONS_STARTED}</th>
                                <th scope="col">{t::SESSIONS_LAST_SEEN}</th>
                                <th scope="col">{t::SECURITY_IP}</th>
                                <th scope="col">{t::SESSIONS_BROWSER}</th>
                                <th scope="col"><span class="visually-hidden">{t::SESSIONS_ACTIONS}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|session| view! { <SessionTableRow session collaborator=collaborator.clone() action=end_one/> })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        {(count > 0).then(|| view! {
            <ActionForm action=end_all>
                <input type="hidden" name="collaborator_id" value=collaborator.clone()/>
                <SubmitButton label=t::SESSIONS_END_ALL class="button-danger"/>
            </ActionForm>
        })}
    }
}

fn session_kind_label(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Web => t::SESSIONS_KIND_WEB,
        SessionKind::Api => t::SESSIONS_KIND_API,
    }
}

#[component]
fn SessionTableRow(
    session: SessionInfo,
    collaborator: String,
    action: ServerAction<EndCollaboratorSession>,
) -> impl IntoView {
    let browser =
        session.user_agent.as_deref().and_then(browser_label).unwrap_or_else(|| t::SESSIONS_UNKNOWN_BROWSER.to_owned());
    let full_agent = session.user_agent.clone().unwrap_or_default();
    view! {
        <tr>
            <td class="nowrap">{session_kind_label(session.kind)}</td>
            <td class="nowrap">{format_datetime(session.started_at)}</td>
            <td class="nowrap">{format_datetime(session.last_seen_at)}</td>
            <td class="nowrap">{session.ip.clone().unwrap_or_default()}</td>
            <td title=full_agent>
                {browser}
                {session.current.then(|| view! { " " <span class="badge badge-ok">{t::SESSIONS_THIS_ONE}</span> })}
            </td>
            <td>
                <ActionForm action>
                    <input type="hidden" name="collaborator_id" value=collaborator/>
                    <input type="hidden" name="kind" value=session.kind.code()/>
                    <input type="hidden" name="session_id" value=session.id.to_string()/>
                    <SubmitButton label=t::SESSIONS_END_ONE class="button-ghost"/>
                </ActionForm>
            </td>
        </tr>
    }
}
