//! The administration's collaborator pages: the list, a collaborator's page, the create and edit
//! forms, the department change, and the confirmation pages of deactivation and deletion.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{
    ChangeCollaboratorDepartment, CreateCollaborator, DeleteCollaborator, ResetCollaboratorPassword,
    SetCollaboratorActive, UpdateCollaborator, active_collaborators, get_collaborator, list_collaborators,
};
use super::model::{CollaboratorDetail, CollaboratorQuery, CollaboratorRow, CollaboratorSort, Holdings};
use crate::auth::{Actor, Department};
use crate::components::{DepartmentBadge, ErrorSummary, Field, FieldError, RecordVersion, SubmitButton, action_error};
use crate::domain::CollaboratorId;
use crate::domain::datetime::format_date;
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::listing::ListLinks;
use crate::policy;
use crate::routes;
use crate::ui::confirm::ConfirmButtons;
use crate::ui::detail::{Fact, History};
use crate::ui::form_page::{FormPage, RecordForm};
use crate::ui::list::{DataTable, FilterChip, ListHeader, Pager, SearchForm, SortHeader};
use crate::ui::loaded::{Loaded, allowed, id_param, list_resource, no_data};
use crate::ui::page_title;
use crate::ui::status::Notice;

fn administers(actor: &Option<Actor>) -> bool {
    actor.as_ref().is_some_and(policy::can_administer)
}

#[component]
pub fn CollaboratorListPage() -> impl IntoView {
    let page = list_resource(CollaboratorQuery::from_params, list_collaborators);
    view! {
        <Title text=page_title(t::COLLABORATORS)/>
        <main id="contenu" class="page">
            <Loaded
                resource=page
                reset_href=routes::COLLABORATORS
                render=|(query, page), actor| {
                    allowed(administers(&actor))?;
                    Ok(view! { <CollaboratorList query page/> })
                }
            />
        </main>
    }
}

#[component]
fn CollaboratorList(query: CollaboratorQuery, page: super::model::CollaboratorPage) -> impl IntoView {
    let links = ListLinks(query.clone());
    let department_chips = Department::ALL
        .into_iter()
        .map(|department| {
            let active = query.department == Some(department);
            let href = links.with(|q| q.department = if active { None } else { Some(department) });
            view! { <FilterChip label=department.label() href active/> }
        })
        .collect_view();
    let inactive_href = links.with(|q| q.inactive = !q.inactive);
    let sort_href = links.sort_href();
    let page_href = links.page_href();
    let (keep, pager_keep) = (links.search_fields(), links.pager_fields());
    let sort = query.sort;
    let rows = page.items.clone();
    view! {
        <Notice/>
        <ListHeader
            title=t::COLLABORATORS
            total=Some(page.total)
            action=Some((routes::NEW_COLLABORATOR.to_owned(), t::NEW_COLLABORATOR))
        />
        <div class="filters">
            {department_chips}
            <FilterChip label=t::DEACTIVATED href=inactive_href active=query.inactive/>
            <SearchForm action=routes::COLLABORATORS search=query.search.clone() keep=keep/>
        </div>
        <DataTable empty=rows.is_empty().then_some(t::NO_COLLABORATORS)>
            <thead>
                <tr>
                    <SortHeader label=t::FULL_NAME key=CollaboratorSort::Name current=sort href=sort_href.clone()/>
                    <SortHeader label=t::EMPLOYEE_NUMBER key=CollaboratorSort::EmployeeNumber current=sort href=sort_href.clone()/>
                    <th scope="col">{t::EMAIL}</th>
                    <SortHeader label=t::DEPARTMENT key=CollaboratorSort::Department current=sort href=sort_href.clone()/>
                    <SortHeader label=t::ARRIVED key=CollaboratorSort::Created current=sort href=sort_href.clone()/>
                </tr>
            </thead>
            <tbody>{rows.into_iter().map(|c| view! { <CollaboratorTableRow collaborator=c/> }).collect_view()}</tbody>
        </DataTable>
        <Pager page href=page_href action=routes::COLLABORATORS keep=pager_keep/>
    }
}

#[component]
fn CollaboratorTableRow(collaborator: CollaboratorRow) -> impl IntoView {
    view! {
        <tr>
            <td>
                <a href=routes::collaborator(collaborator.id, None)>{collaborator.full_name.clone()}</a>
                {(!collaborator.active).then(|| view! { " " <span class="badge badge-danger">{t::DEACTIVATED_BADGE}</span> })}
            </td>
            <td class="nowrap">{collaborator.employee_number.clone()}</td>
            <td>{collaborator.email.clone()}</td>
            <td><DepartmentBadge department=collaborator.department/></td>
            <td class="nowrap">{format_date(collaborator.created_at)}</td>
        </tr>
    }
}

/// The collaborator page's data, reloaded after `version` changes.
fn collaborator_resource(
    version: impl Fn() -> usize + Send + Sync + 'static,
) -> Resource<Result<CollaboratorDetail, AppError>> {
    let id = id_param::<CollaboratorId>();
    Resource::new(move || (id.get(), version()), |(id, _)| async move { get_collaborator(id?).await })
}

#[component]
pub fn CollaboratorPage() -> impl IntoView {
    let detail = collaborator_resource(|| 0);
    view! {
        <main id="contenu" class="page">
            <Loaded resource=detail render=|detail, actor| Ok(view! { <CollaboratorView detail actor/> })/>
        </main>
    }
}

#[component]
fn CollaboratorView(detail: CollaboratorDetail, actor: Option<Actor>) -> impl IntoView {
    let CollaboratorDetail { collaborator: c, holdings, open_sessions, history, new_password } = detail;
    let is_self = actor.as_ref().is_some_and(|a| a.id == c.id);
    let base = routes::collaborator(c.id, None);
    let (edit_href, department_href, deactivate_href, delete_href, sessions_href) = (
        routes::sub_page(&base, "modifier"),
        routes::sub_page(&base, "departement"),
        routes::sub_page(&base, "desactiver"),
        routes::sub_page(&base, "supprimer"),
        routes::sub_page(&base, "sessions"),
    );
    let hand_over_href = format!("{}?de={}", routes::HAND_OVER, c.id);
    let mailto = format!("mailto:{}", c.email);
    let sessions = t::open_sessions(open_sessions);
    view! {
        <Title text=page_title(&c.full_name)/>
        <Notice/>
        {new_password.map(|password| view! { <NewPassword password/> })}
        <div class="detail-header">
            <div>
                <p class="eyebrow">{t::COLLABORATOR}</p>
                <h1>{c.full_name.clone()}</h1>
                <span class="badges">
                    <DepartmentBadge department=c.department/>
                    {(!c.active).then(|| view! { <span class="badge badge-danger">{t::DEACTIVATED_BADGE}</span> })}
                </span>
            </div>
            <div class="actions">
                <a class="button-ghost button-link" href=edit_href>{t::EDIT}</a>
                <a class="button-ghost button-link" href=department_href>{t::CHANGE_DEPARTMENT}</a>
                {(!is_self && c.active).then(|| view! { <a class="button-ghost button-link" href=deactivate_href>{t::DEACTIVATE}</a> })}
                {(!is_self && !c.active).then(|| view! { <ReactivateButton collaborator=c.clone()/> })}
                {(!is_self).then(|| view! { <a class="button-danger button-link" href=delete_href>{t::DELETE}</a> })}
            </div>
        </div>
        <section class="card">
            <dl class="facts">
                <Fact term=t::EMPLOYEE_NUMBER>{c.employee_number.clone()}</Fact>
                <Fact term=t::EMAIL><a href=mailto>{c.email.clone()}</a></Fact>
                <Fact term=t::ARRIVED>{format_date(c.created_at)}</Fact>
                <Fact term=t::SESSIONS><a href=sessions_href>{sessions}</a></Fact>
            </dl>
        </section>
        <section class="card">
            <h2>{t::IN_CHARGE_OF}</h2>
            <HoldingsList holdings/>
            {holdings.needs_sales_successor().then(|| view! { <p><a href=hand_over_href>{t::HAND_OVER_PORTFOLIO}</a></p> })}
        </section>
        {(!is_self).then(|| view! { <ResetPasswordForm id=c.id/> })}
        <section class="card">
            <h2>{t::HISTORY}</h2>
            <History entries=history/>
        </section>
    }
}

/// The generated password, shown once: the manager hands it over, the collaborator changes it.
#[component]
fn NewPassword(password: String) -> impl IntoView {
    view! {
        <section class="card reveal" role="status">
            <h2>{t::NEW_PASSWORD_TITLE}</h2>
            <p><code class="secret" data-testid="new-password">{password}</code></p>
            <p class="help">{t::GENERATED_PASSWORD_HELP}</p>
        </section>
    }
}

/// What a collaborator is in charge of, in words.
#[component]
fn HoldingsList(holdings: Holdings) -> impl IntoView {
    if holdings.owns_nothing() {
        return view! { <p class="muted">{t::IN_CHARGE_OF_NOTHING}</p> }.into_any();
    }
    let lines = t::holdings_lines(holdings.counts());
    view! { <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul> }.into_any()
}

#[component]
fn ReactivateButton(collaborator: CollaboratorRow) -> impl IntoView {
    let action = ServerAction::<SetCollaboratorActive>::new();
    view! {
        <ActionForm action>
            <RecordVersion id=collaborator.id.to_string() version=collaborator.version/>
            <input type="hidden" name="active" value="true"/>
            <SubmitButton label=t::REACTIVATE class="button-ghost"/>
        </ActionForm>
    }
}

#[component]
fn ResetPasswordForm(id: CollaboratorId) -> impl IntoView {
    let action = ServerAction::<ResetCollaboratorPassword>::new();
    let error = action_error(action);
    view! {
        <section class="card">
            <h2>{t::RESET_PASSWORD}</h2>
            <p class="help">{t::RESET_PASSWORD_HELP}</p>
            <ErrorSummary error/>
            <ActionForm action>
                <input type="hidden" name="id" value=id.to_string()/>
                <SubmitButton label=t::RESET_PASSWORD class="button-ghost"/>
            </ActionForm>
        </section>
    }
}

/// A `<select>` of departments named `name`.
#[component]
fn DepartmentSelect(
    name: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = None)] selected: Option<Department>,
) -> impl IntoView {
    let field = "department";
    // After a refused post, the department that was chosen.
    let selected = error.get_untracked().and_then(|e| e.submitted(field).and_then(Department::from_code)).or(selected);
    view! {
        <div class="field">
            <label for="field-department">{t::DEPARTMENT} <span class="required" aria-hidden="true">" *"</span></label>
            <select id="field-department" name=name required=true aria-describedby="department-error">
                <option value="" selected=selected.is_none()>{t::CHOOSE}</option>
                {Department::ALL
                    .into_iter()
                    .map(|d| view! { <option value=d.code() selected=selected == Some(d)>{d.label()}</option> })
                    .collect_view()}
            </select>
            <FieldError error field/>
        </div>
    }
}

/// A `<select>` of the active collaborators of `department`, except `except`.
#[component]
fn CollaboratorSelect(
    label: &'static str,
    name: &'static str,
    field: &'static str,
    department: Department,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = None)] except: Option<CollaboratorId>,
    #[prop(default = None)] selected: Option<CollaboratorId>,
) -> impl IntoView {
    let choices = Resource::new(move || (), move |_| active_collaborators(department));
    let id = format!("field-{field}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-describedby=format!("{field}-error")>
                <option value="">{t::CHOOSE}</option>
                <Transition>
                    {move || Suspend::new(async move {
                        choices
                            .await
                            .unwrap_or_default()
                            .into_iter()
                            .filter(|c| Some(c.id) != except)
                            .map(|c| {
                                let is_selected = Some(c.id) == selected;
                                view! { <option value=c.id.to_string() selected=is_selected>{c.full_name}</option> }
                            })
                            .collect_view()
                    })}
                </Transition>
            </select>
            <FieldError error field/>
        </div>
    }
}

/// The identity fields shared by the create and edit forms.
#[component]
fn IdentityFields(error: Signal<Option<AppError>>, collaborator: Option<CollaboratorRow>) -> impl IntoView {
    let value = |f: fn(&CollaboratorRow) -> String| collaborator.as_ref().map(f).unwrap_or_default();
    view! {
        <Field label=t::EMPLOYEE_NUMBER name="employee_number" prefix="form" error initial=value(|c| c.employee_number.clone()) required=true autocomplete="off"/>
        <Field label=t::FULL_NAME name="full_name" prefix="form" error initial=value(|c| c.full_name.clone()) required=true autocomplete="off"/>
        <Field label=t::EMAIL name="email" prefix="form" kind="email" error initial=value(|c| c.email.clone()) required=true autocomplete="off"/>
    }
}

#[component]
pub fn CollaboratorNewPage() -> impl IntoView {
    let action = ServerAction::<CreateCollaborator>::new();
    let error = action_error(action);
    view! {
        <FormPage
            title=t::NEW_COLLABORATOR
            resource=no_data()
            render=move |(), actor| {
                allowed(administers(&actor))?;
                Ok(view! {
                    <h1>{t::NEW_COLLABORATOR}</h1>
                    <p class="help">{t::NEW_COLLABORATOR_HELP}</p>
                    <RecordForm action error cancel=routes::COLLABORATORS.to_owned()>
                        <IdentityFields error collaborator=None/>
                        <DepartmentSelect name="form[department]" error/>
                    </RecordForm>
                })
            }
        />
    }
}

#[component]
pub fn CollaboratorEditPage() -> impl IntoView {
    let action = ServerAction::<UpdateCollaborator>::new();
    let error = action_error(action);
    // Reloaded after each attempt, so that a conflict shows the current values.
    let detail = collaborator_resource(move || action.version().get());
    view! {
        <FormPage
            title=t::EDIT_COLLABORATOR
            resource=detail
            render=move |detail: CollaboratorDetail, _| {
                let c = detail.collaborator;
                let cancel = routes::collaborator(c.id, None);
                Ok(view! {
                    <h1>{t::EDIT_COLLABORATOR}</h1>
                    <RecordForm action error cancel>
                        <RecordVersion id=c.id.to_string() version=c.version/>
                        <IdentityFields error collaborator=Some(c)/>
                    </RecordForm>
                })
            }
        />
    }
}

#[component]
pub fn CollaboratorDepartmentPage() -> impl IntoView {
    let action = ServerAction::<ChangeCollaboratorDepartment>::new();
    let error = action_error(action);
    let detail = collaborator_resource(move || action.version().get());
    view! {
        <FormPage
            title=t::CHANGE_DEPARTMENT
            resource=detail
            render=move |detail: CollaboratorDetail, _| {
                let CollaboratorDetail { collaborator: c, holdings, .. } = detail;
                let cancel = routes::collaborator(c.id, None);
                Ok(view! {
                    <h1>{t::CHANGE_DEPARTMENT}</h1>
                    <p>{t::department_change_intro(&c.full_name, c.department.label())}</p>
                    <HoldingsList holdings/>
                    <RecordForm action error cancel>
                        <RecordVersion id=c.id.to_string() version=c.version/>
                        <DepartmentSelect name="change[department]" error/>
                        {holdings.needs_sales_successor().then(|| view! {
                            <CollaboratorSelect label=t::CLIENTS_TO name="change[clients_to]" field="clients_to" department=Department::Sales error except=Some(c.id)/>
                        })}
                        {holdings.needs_support_successor().then(|| view! {
                            <CollaboratorSelect label=t::EVENTS_TO name="change[events_to]" field="events_to" department=Department::Support error except=Some(c.id)/>
                        })}
                    </RecordForm>
                })
            }
        />
    }
}

#[component]
pub fn CollaboratorDeactivatePage() -> impl IntoView {
    let action = ServerAction::<SetCollaboratorActive>::new();
    let error = action_error(action);
    let detail = collaborator_resource(move || action.version().get());
    view! {
        <FormPage
            title=t::DEACTIVATE
            resource=detail
            render=move |detail: CollaboratorDetail, _| {
                let CollaboratorDetail { collaborator: c, holdings, open_sessions, .. } = detail;
                let cancel = routes::collaborator(c.id, None);
                Ok(view! {
                    <h1>{t::deactivate_title(&c.full_name)}</h1>
                    <section class="card">
                        <ul>
                            <li>{t::DEACTIVATE_SIGN_IN}</li>
                            <li>{t::deactivate_sessions(open_sessions)}</li>
                            <li>{t::DEACTIVATE_RECORDS}</li>
                        </ul>
                        <HoldingsList holdings/>
                    </section>
                    <ErrorSummary error/>
                    <ActionForm action>
                        <RecordVersion id=c.id.to_string() version=c.version/>
                        <input type="hidden" name="active" value="false"/>
                        <ConfirmButtons label=t::DEACTIVATE cancel/>
                    </ActionForm>
                })
            }
        />
    }
}

#[component]
pub fn CollaboratorDeletePage() -> impl IntoView {
    let action = ServerAction::<DeleteCollaborator>::new();
    let error = action_error(action);
    let detail = collaborator_resource(move || action.version().get());
    view! {
        <FormPage
            title=t::DELETE
            resource=detail
            render=move |detail: CollaboratorDetail, _| {
                let CollaboratorDetail { collaborator: c, holdings, .. } = detail;
                let base = routes::collaborator(c.id, None);
                let hand_over_href = format!("{}?de={}", routes::HAND_OVER, c.id);
                let deactivate_href = routes::sub_page(&base, "desactiver");
                let form = holdings.owns_nothing().then(|| view! {
                    <ErrorSummary error/>
                    <ActionForm action>
                        <RecordVersion id=c.id.to_string() version=c.version/>
                        <ConfirmButtons label=t::DELETE_FOR_GOOD cancel=base.clone()/>
                    </ActionForm>
                });
                let blocked = (!holdings.owns_nothing()).then(|| view! {
                    <div class="alert" role="alert">
                        <p>{t::COLLABORATOR_NOT_DELETABLE}</p>
                        <HoldingsList holdings/>
                        <p>
                            {holdings.needs_sales_successor().then(|| view! { <a href=hand_over_href.clone()>{t::HAND_OVER_PORTFOLIO}</a> " · " })}
                            <a href=deactivate_href.clone()>{t::DEACTIVATE}</a>
                        </p>
                    </div>
                });
                Ok(view! {
                    <h1>{t::delete_collaborator_title(&c.full_name)}</h1>
                    <section class="card">
                        <p>{t::DELETE_COLLABORATOR_WHAT}</p>
                    </section>
                    {blocked}
                    {form}
                })
            }
        />
    }
}
