//! Client pages: the list, a client's page, the create and edit forms.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{ChangeClientSalesContact, CreateClient, DeleteClient, UpdateClient, get_client, list_clients};
use super::detail::ClientDetail;
use super::model::{ClientQuery, ClientRow, ClientSort, check_client_deletable};
use crate::auth::{Actor, Department};
use crate::collaborators::api::active_collaborators;
use crate::components::{ErrorSummary, Field, IdempotencyField, RecordVersion, SubmitButton, action_error};
use crate::contracts::pages::ContractTable;
use crate::domain::ClientId;
use crate::domain::datetime::{format_date, format_datetime, format_day};
use crate::error::AppError;
use crate::events::pages::EventTable;
use crate::follow_ups::pages::FollowUpCard;
use crate::i18n::fr as t;
use crate::idempotency::IdempotencyKey;
use crate::listing::ListLinks;
use crate::notes::pages::Timeline;
use crate::policy;
use crate::records::{RecordOwners, RecordRef};
use crate::routes;
use crate::ui::confirm::{ConfirmButtons, DeletionConfirmation};
use crate::ui::detail::Fact;
use crate::ui::form_page::{FormPage, RecordForm};
use crate::ui::list::{DataTable, FilterChip, ListFilters, ListHeader, Pager, SearchForm, SortHeader, active_filters};
use crate::ui::loaded::{Loaded, allowed, id_param, list_resource, no_data};
use crate::ui::page_title;
use crate::ui::status::Notice;

#[component]
pub fn ClientListPage() -> impl IntoView {
    let page = list_resource(ClientQuery::from_params, list_clients);
    view! {
        <Title text=page_title(t::NAV_CLIENTS)/>
        <main id="contenu" class="page">
            <Loaded
                resource=page
                reset_href=routes::CLIENTS
                render=|(query, page), actor| Ok(view! { <ClientList query page actor/> })
            />
        </main>
    }
}

#[component]
fn ClientList(query: ClientQuery, page: super::model::ClientPage, actor: Option<Actor>) -> impl IntoView {
    let can_create = actor.as_ref().is_some_and(policy::can_create_client);
    let links = ListLinks(query.clone());
    let mine_href = links.with(|q| q.mine = !q.mine);
    let prospects_href = links.with(|q| q.prospects = !q.prospects);
    // Set from "Ma journée": shown as a chip that removes it.
    let quiet_chip =
        query.contact_before.map(|day| (t::contact_before(&format_day(day)), links.with(|q| q.contact_before = None)));
    let sort_href = links.sort_href();
    let page_href = links.page_href();
    let (keep, pager_keep) = (links.search_fields(), links.pager_fields());
    let sort = query.sort;
    let empty = page.items.is_empty();
    let rows = page.items.clone();
    view! {
        <ListHeader
            title=t::NAV_CLIENTS
            total=Some(page.total)
            action=can_create.then(|| (routes::NEW_CLIENT.to_owned(), t::NEW_CLIENT))
            export=Some(crate::export::href(crate::export::CLIENTS, &query.to_url()))
            secondary=actor.as_ref().is_some_and(policy::can_import_clients).then(|| (routes::CLIENT_IMPORT.to_owned(), t::IMPORT_CSV))
        />
        <ListFilters active=active_filters(&[query.mine, query.prospects, query.contact_before.is_some(), query.search.is_some()])>
            <FilterChip label=t::MY_CLIENTS href=mine_href active=query.mine/>
            <FilterChip label=t::PROSPECTS href=prospects_href active=query.prospects/>
            {quiet_chip.map(|(label, href)| view! { <FilterChip label href active=true/> })}
            <SearchForm action=routes::CLIENTS search=query.search.clone() keep=keep/>
        </ListFilters>
        <DataTable empty=empty.then_some(t::NO_CLIENTS)>
            <thead>
                <tr>
                    <SortHeader label=t::FULL_NAME key=ClientSort::Name current=sort href=sort_href.clone()/>
                    <SortHeader label=t::COMPANY key=ClientSort::Company current=sort href=sort_href.clone()/>
                    <th scope="col">{t::EMAIL}</th>
                    <th scope="col">{t::PHONE}</th>
                    <th scope="col">{t::SALES_CONTACT}</th>
                    <SortHeader label=t::LAST_CONTACT key=ClientSort::LastContact current=sort href=sort_href.clone()/>
                </tr>
            </thead>
            <tbody>{rows.into_iter().map(|client| view! { <ClientTableRow client/> }).collect_view()}</tbody>
        </DataTable>
        <Pager page href=page_href action=routes::CLIENTS keep=pager_keep/>
    }
}

#[component]
fn ClientTableRow(client: ClientRow) -> impl IntoView {
    let phone = client.phone_display();
    view! {
        <tr>
            <td>
                <a href=routes::client(client.id, None)>{client.full_name.clone()}</a>
                {client.is_prospect.then(|| view! { " " <span class="badge badge-warn">{t::PROSPECT}</span> })}
            </td>
            <td data-label=t::COMPANY>{client.company_name.clone()}</td>
            <td data-label=t::EMAIL>{client.email.clone()}</td>
            <td class="nowrap" data-label=t::PHONE>{phone}</td>
            <td data-label=t::SALES_CONTACT>{client.sales_contact_name.clone()}</td>
            <td class="nowrap" data-label=t::LAST_CONTACT>{format_date(client.updated_at)}</td>
        </tr>
    }
}

#[component]
pub fn ClientPage() -> impl IntoView {
    let id = id_param::<ClientId>();
    let detail = Resource::new(move || id.get(), |id| async move { get_client(id?).await });
    view! {
        <main id="contenu" class="page">
            <Loaded resource=detail render=|detail, actor| Ok(view! { <ClientView detail actor/> })/>
        </main>
    }
}

#[component]
fn ClientView(detail: ClientDetail, actor: Option<Actor>) -> impl IntoView {
    let ClientDetail { client, contracts, events, history, notes, follow_ups, satisfaction } = detail;
    let satisfaction = satisfaction.label().unwrap_or_else(|| t::NO_DEBRIEF_YET.to_owned());
    let (record, owners) = (RecordRef::Client(client.id), RecordOwners::of_client(&client));
    let can_edit =
        actor.as_ref().is_some_and(|a| policy::can_update_client_fields(a, client.sales_contact_id, client.anonymised));
    let can_add_contract = policy::can_add_to_client(client.anonymised)
        && actor.as_ref().is_some_and(|a| policy::can_create_contract(a, client.sales_contact_id));
    let can_reassign = actor.as_ref().is_some_and(policy::can_change_client_sales_contact);
    let can_delete = actor.as_ref().is_some_and(policy::can_delete);
    let delete_href = routes::sub_page(&routes::client(client.id, None), "supprimer");
    let edit_href = format!("{}/modifier", routes::client(client.id, None));
    let new_contract_href = format!("{}/contrats/nouveau", routes::client(client.id, None));
    let mailto = format!("mailto:{}", client.email);
    let (company, email, phone, sales) =
        (client.company_name.clone(), client.email.clone(), client.phone_display(), client.sales_contact_name.clone());
    let (created, updated) = (format_date(client.created_at), format_datetime(client.updated_at));
    view! {
        <Title text=page_title(&client.full_name)/>
        <Notice/>
        <div class="detail-header">
            <div>
                <p class="eyebrow">{t::CLIENT}</p>
                <h1>{client.full_name.clone()}</h1>
                {client.is_prospect.then(|| view! { <span class="badge badge-warn">{t::PROSPECT}</span> })}
            </div>
            <div class="actions">
                {can_edit.then(|| view! { <a class="button-ghost button-link" href=edit_href>{t::EDIT}</a> })}
                {can_add_contract.then(|| view! { <a class="button-primary button-link" href=new_contract_href>{t::NEW_CONTRACT}</a> })}
                {can_delete.then(|| view! { <a class="button-danger button-link" href=delete_href>{t::DELETE}</a> })}
            </div>
        </div>
        <section class="card">
            <dl class="facts">
                <Fact term=t::COMPANY>{company}</Fact>
                <Fact term=t::EMAIL><a href=mailto>{email}</a></Fact>
                <Fact term=t::PHONE>{phone}</Fact>
                <Fact term=t::SALES_CONTACT>{sales}</Fact>
                <Fact term=t::SATISFACTION>{satisfaction}</Fact>
                <Fact term=t::FIRST_CONTACT>{created}</Fact>
                <Fact term=t::LAST_CONTACT>{updated}</Fact>
            </dl>
        </section>
        {can_reassign.then(|| view! { <ChangeSalesContactForm client=client.clone()/> })}
        <crate::rgpd::pages::ClientRgpdCard client=client.clone() actor=actor.clone()/>
        <section class="card">
            <h2>{t::CONTRACTS_OF_CLIENT}</h2>
            <ContractTable contracts empty=t::NO_CONTRACTS_FOR_CLIENT show_client=false/>
        </section>
        <section class="card">
            <h2>{t::NAV_EVENTS}</h2>
            <EventTable events empty=t::NO_EVENTS_FOR_RECORD/>
        </section>
        <FollowUpCard record owners follow_ups actor=actor.clone()/>
        <Timeline record owners notes history actor/>
    }
}

#[component]
fn ChangeSalesContactForm(client: ClientRow) -> impl IntoView {
    let action = ServerAction::<ChangeClientSalesContact>::new();
    let error = action_error(action);
    let sales = Resource::new(|| (), |_| active_collaborators(Department::Sales));
    let current = client.sales_contact_id;
    view! {
        <section class="card">
            <h2>{t::CHANGE_SALES_CONTACT}</h2>
            <ErrorSummary error/>
            <ActionForm action>
                <input type="hidden" name="id" value=client.id.to_string()/>
                <input type="hidden" name="version" value=client.version/>
                <div class="field inline">
                    <label for="sales_contact_id">{t::SALES_CONTACT}</label>
                    <select id="sales_contact_id" name="sales_contact_id">
                        <Transition>
                            {move || Suspend::new(async move {
                                sales
                                    .await
                                    .unwrap_or_default()
                                    .into_iter()
                                    .map(|s| view! { <option value=s.id.to_string() selected=s.id == current>{s.full_name}</option> })
                                    .collect_view()
                            })}
                        </Transition>
                    </select>
                    <SubmitButton label=t::SAVE class="button-ghost"/>
                </div>
            </ActionForm>
        </section>
    }
}

/// The create and edit forms share their fields.
#[component]
fn ClientFields(error: Signal<Option<AppError>>, client: Option<ClientRow>) -> impl IntoView {
    let value = |f: fn(&ClientRow) -> String| client.as_ref().map(f).unwrap_or_default();
    view! {
        <Field label=t::FULL_NAME name="full_name" prefix="form" error initial=value(|c| c.full_name.clone()) required=true autocomplete="off"/>
        <Field label=t::EMAIL name="email" prefix="form" kind="email" error initial=value(|c| c.email.clone()) required=true autocomplete="off"/>
        <Field label=t::PHONE name="phone" prefix="form" kind="tel" help=t::PHONE_HELP error initial=value(|c| c.phone_display()) required=true autocomplete="off"/>
        <Field label=t::COMPANY name="company_name" prefix="form" error initial=value(|c| c.company_name.clone()) required=true autocomplete="off"/>
    }
}

#[component]
pub fn ClientNewPage() -> impl IntoView {
    let action = ServerAction::<CreateClient>::new();
    let error = action_error(action);
    let key = IdempotencyKey::for_form();
    view! {
        <FormPage
            title=t::NEW_CLIENT
            resource=no_data()
            render=move |(), actor| {
                allowed(actor.as_ref().is_some_and(policy::can_create_client))?;
                let key = key.clone();
                Ok(view! {
                    <h1>{t::NEW_CLIENT}</h1>
                    <RecordForm action error cancel=routes::CLIENTS.to_owned()>
                        <IdempotencyField value=key/>
                        <ClientFields error client=None/>
                    </RecordForm>
                })
            }
        />
    }
}

#[component]
pub fn ClientEditPage() -> impl IntoView {
    let id = id_param::<ClientId>();
    let action = ServerAction::<UpdateClient>::new();
    let error = action_error(action);
    // Reloaded after each attempt, so that a conflict shows the current values.
    let detail =
        Resource::new(move || (id.get(), action.version().get()), |(id, _)| async move { get_client(id?).await });
    view! {
        <FormPage
            title=t::EDIT_CLIENT
            resource=detail
            render=move |detail: ClientDetail, actor| {
                let client = detail.client;
                allowed(actor.is_some_and(|a| {
                    policy::can_update_client_fields(&a, client.sales_contact_id, client.anonymised)
                }))?;
                let cancel = routes::client(client.id, None);
                Ok(view! {
                    <h1>{t::EDIT_CLIENT}</h1>
                    <RecordForm action error cancel>
                        <RecordVersion id=client.id.to_string() version=client.version/>
                        <ClientFields error client=Some(client)/>
                    </RecordForm>
                })
            }
        />
    }
}

/// What deleting a client takes with it (its unsigned contracts), or why it cannot go.
#[component]
pub fn ClientDeletePage() -> impl IntoView {
    let id = id_param::<ClientId>();
    let action = ServerAction::<DeleteClient>::new();
    let error = action_error(action);
    let detail =
        Resource::new(move || (id.get(), action.version().get()), |(id, _)| async move { get_client(id?).await });
    view! {
        <FormPage
            title=t::DELETE
            resource=detail
            render=move |detail: ClientDetail, actor| {
                allowed(actor.as_ref().is_some_and(policy::can_delete))?;
                let ClientDetail { client, contracts, .. } = detail;
                let blocked = check_client_deletable(contracts.iter().filter(|k| k.is_signed()).count())
                    .err()
                    .map(|e| e.to_string());
                let cancel = routes::client(client.id, None);
                let form = view! {
                    <ActionForm action>
                        <input type="hidden" name="id" value=client.id.to_string()/>
                        <ConfirmButtons label=t::DELETE_FOR_GOOD cancel/>
                    </ActionForm>
                }
                .into_any();
                Ok(view! {
                    <DeletionConfirmation title=t::delete_title(&client.full_name) blocked error form>
                        <p>{t::delete_client_what(contracts.len())}</p>
                        <ContractTable contracts empty=t::NO_CONTRACTS_FOR_CLIENT show_client=false/>
                    </DeletionConfirmation>
                })
            }
        />
    }
}
