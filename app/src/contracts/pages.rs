//! Contract pages: the list, a contract's page, the create and edit forms.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{
    CreateContract, DeleteContract, MoveContract, SignContract, UpdateContract, get_contract, list_contracts,
};
use super::detail::ContractDetail;
use super::model::{ContractPage, ContractQuery, ContractRow, ContractSort, check_contract_deletable};
use super::stage::ContractStage;
use crate::auth::Actor;
use crate::clients::api::get_client;
use crate::clients::detail::ClientDetail;
use crate::components::{ErrorSummary, Field, IdempotencyField, RecordVersion, SubmitButton, action_error};
use crate::domain::datetime::{format_date, format_datetime};
use crate::domain::{Cents, ClientId, ContractId};
use crate::error::AppError;
use crate::events::pages::EventTable;
use crate::follow_ups::pages::FollowUpCard;
use crate::i18n::fr as t;
use crate::idempotency::IdempotencyKey;
use crate::listing::ListLinks;
use crate::notes::pages::Timeline;
use crate::payments::pages::PaymentCards;
use crate::policy;
use crate::records::{RecordOwners, RecordRef};
use crate::routes;
use crate::ui::confirm::{ConfirmButtons, DeletionConfirmation};
use crate::ui::detail::Fact;
use crate::ui::form_page::{FormPage, RecordForm};
use crate::ui::list::{DataTable, FilterChip, ListFilters, ListHeader, Pager, SearchForm, SortHeader, active_filters};
use crate::ui::loaded::{Loaded, allowed, id_param, list_resource};
use crate::ui::page_title;
use crate::ui::status::Notice;

/// Signed / unsigned, paid / what remains: colour and text together.
#[component]
pub fn ContractBadges(contract: ContractRow) -> impl IntoView {
    let signed = if contract.is_signed() {
        view! { <span class="badge badge-ok">{t::SIGNED}</span> }.into_any()
    } else {
        view! { <span class="badge badge-warn">{t::UNSIGNED}</span> }.into_any()
    };
    let paid = if contract.is_paid() {
        view! { <span class="badge badge-ok">{t::PAID}</span> }.into_any()
    } else {
        view! { <span class="badge badge-warn">{format!("{} {}", t::REMAINING, contract.remaining())}</span> }
            .into_any()
    };
    let stage = contract.stage();
    let stage = (!stage.is_signed()).then(|| view! { <span class=stage.badge_class()>{stage.label()}</span> " " });
    view! { <span class="badges">{stage} {signed} " " {paid}</span> }
}

/// Contracts as a compact table (a client's page) or the main list.
#[component]
pub fn ContractTable(contracts: Vec<ContractRow>, empty: &'static str, show_client: bool) -> impl IntoView {
    if contracts.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! {
        <div class="table-card">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t::CONTRACT}</th>
                        {show_client.then(|| view! { <th scope="col">{t::CLIENT}</th> })}
                        <th scope="col" class="numeric">{t::TOTAL}</th>
                        <th scope="col">{t::STATUS}</th>
                        <th scope="col">{t::SALES_CONTACT}</th>
                    </tr>
                </thead>
                <tbody>
                    {contracts
                        .into_iter()
                        .map(|c| view! { <ContractTableRow contract=c show_client/> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn ContractTableRow(contract: ContractRow, show_client: bool) -> impl IntoView {
    let href = routes::contract(contract.id, None);
    let label = format!("{} {}", t::CONTRACT, format_date(contract.created_at));
    view! {
        <tr>
            <td><a href=href>{label}</a></td>
            {show_client.then(|| view! {
                <td>
                    <a href=routes::client(contract.client_id, None)>{contract.client_name.clone()}</a>
                    <span class="muted">" · " {contract.company_name.clone()}</span>
                </td>
            })}
            <td class="numeric nowrap">{contract.total()}</td>
            <td><ContractBadges contract=contract.clone()/></td>
            <td>{contract.sales_contact_name.clone()}</td>
        </tr>
    }
}

#[component]
pub fn ContractListPage() -> impl IntoView {
    let page = list_resource(ContractQuery::from_params, list_contracts);
    view! {
        <Title text=page_title(t::NAV_CONTRACTS)/>
        <main id="contenu" class="page">
            <Loaded
                resource=page
                reset_href=routes::CONTRACTS
                render=|(query, page), _| Ok(view! { <ContractList query page/> })
            />
        </main>
    }
}

#[component]
fn ContractList(query: ContractQuery, page: ContractPage) -> impl IntoView {
    let links = ListLinks(query.clone());
    let unsigned_href = links.with(|q| q.unsigned = !q.unsigned);
    let unpaid_href = links.with(|q| q.unpaid = !q.unpaid);
    let mine_href = links.with(|q| q.mine = !q.mine);
    let sort_href = links.sort_href();
    let page_href = links.page_href();
    let (keep, pager_keep) = (links.search_fields(), links.pager_fields());
    let sort = query.sort;
    let rows = page.items.clone();
    view! {
        <ListHeader
            title=t::NAV_CONTRACTS
            total=Some(page.total)
            export=Some(crate::export::href(crate::export::CONTRACTS, &query.to_url()))
            secondary=Some((routes::CONTRACT_BOARD.to_owned(), t::EVENT_BOARD_VIEW))
        />
        <ListFilters active=active_filters(&[query.unsigned, query.unpaid, query.mine, query.search.is_some()])>
            <FilterChip label=t::UNSIGNED_FILTER href=unsigned_href active=query.unsigned/>
            <FilterChip label=t::UNPAID_FILTER href=unpaid_href active=query.unpaid/>
            <FilterChip label=t::MY_CONTRACTS href=mine_href active=query.mine/>
            <SearchForm action=routes::CONTRACTS search=query.search.clone() keep=keep/>
        </ListFilters>
        <DataTable empty=rows.is_empty().then_some(t::NO_CONTRACTS)>
            <thead>
                <tr>
                    <SortHeader label=t::CREATED_AT key=ContractSort::Created current=sort href=sort_href.clone()/>
                    <SortHeader label=t::CLIENT key=ContractSort::Client current=sort href=sort_href.clone()/>
                    <SortHeader label=t::TOTAL key=ContractSort::Total current=sort href=sort_href.clone() numeric=true/>
                    <SortHeader label=t::REMAINING key=ContractSort::Remaining current=sort href=sort_href.clone() numeric=true/>
                    <th scope="col">{t::STATUS}</th>
                    <th scope="col">{t::SALES_CONTACT}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|c| {
                        view! {
                            <tr>
                                <td class="nowrap"><a href=routes::contract(c.id, None)>{format_date(c.created_at)}</a></td>
                                <td data-label=t::CLIENT>
                                    <a href=routes::client(c.client_id, None)>{c.client_name.clone()}</a>
                                    <span class="muted">" · " {c.company_name.clone()}</span>
                                </td>
                                <td class="numeric nowrap" data-label=t::TOTAL>{c.total()}</td>
                                <td class="numeric nowrap" data-label=t::REMAINING>{c.remaining()}</td>
                                <td data-label=t::STATUS><ContractBadges contract=c.clone()/></td>
                                <td data-label=t::SALES_CONTACT>{c.sales_contact_name.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </DataTable>
        <Pager page href=page_href action=routes::CONTRACTS keep=pager_keep/>
    }
}

#[component]
pub fn ContractPage() -> impl IntoView {
    let id = id_param::<ContractId>();
    let sign = ServerAction::<SignContract>::new();
    let moved = ServerAction::<MoveContract>::new();
    let detail = Resource::new(
        move || (id.get(), sign.version().get(), moved.version().get()),
        |(id, _, _)| async move { get_contract(id?).await },
    );
    view! {
        <main id="contenu" class="page">
            <Loaded resource=detail render=move |detail, actor| Ok(view! { <ContractView detail actor sign moved/> })/>
        </main>
    }
}

#[component]
fn ContractView(
    detail: ContractDetail,
    actor: Option<Actor>,
    sign: ServerAction<SignContract>,
    moved: ServerAction<MoveContract>,
) -> impl IntoView {
    let ContractDetail { contract, client_email, client_phone, events, history, notes, follow_ups, schedule } = detail;
    let (record, owners) = (RecordRef::Contract(contract.id), RecordOwners::of_contract(&contract));
    let sales = contract.client_sales_contact_id;
    let can_update = actor.as_ref().is_some_and(|a| policy::can_update_contract(a, sales, contract.is_signed()));
    // The salesperson of a signed contract is told why its forms are gone.
    let locked_for_me = actor
        .as_ref()
        .is_some_and(|a| policy::contract_change(a, sales, contract.is_signed()) == policy::UnderLock::Locked);
    let proposal_move = match contract.stage() {
        ContractStage::Prospect => Some((ContractStage::Proposal, t::MARK_PROPOSED)),
        ContractStage::Proposal => Some((ContractStage::Prospect, t::BACK_TO_PROSPECT)),
        ContractStage::Signed | ContractStage::Paid => None,
    }
    .filter(|_| can_update);
    let can_delete = actor.as_ref().is_some_and(policy::can_delete);
    let can_add_event = contract.is_signed()
        && policy::can_add_to_client(contract.client_anonymised)
        && actor.as_ref().is_some_and(|a| policy::can_create_event(a, contract.client_sales_contact_id));
    let sign_error = action_error(sign);
    let move_error = action_error(moved);
    let base = routes::contract(contract.id, None);
    let title = format!("{} {}", t::CONTRACT, format_date(contract.created_at));
    let client_href = routes::client(contract.client_id, None);
    let (client_name, company) = (contract.client_name.clone(), contract.company_name.clone());
    let (total, remaining, sales) = (contract.total(), contract.remaining(), contract.sales_contact_name.clone());
    let created = format_datetime(contract.created_at);
    let proposed = contract.proposed_at.map(format_datetime);
    let signed = match (contract.signed_at, contract.signed_by_name.clone()) {
        (Some(at), by) => format!("{}{}", format_datetime(at), by.map(|b| format!(" · {b}")).unwrap_or_default()),
        (None, _) => t::UNSIGNED.to_owned(),
    };
    view! {
        <Title text=page_title(&title)/>
        <Notice/>
        <ErrorSummary error=sign_error/>
        <ErrorSummary error=move_error/>
        <div class="detail-header">
            <div>
                <p class="eyebrow">{t::CONTRACT}</p>
                <h1>{title.clone()}</h1>
                <ContractBadges contract=contract.clone()/>
            </div>
            <div class="actions">
                {can_update.then(|| view! { <a class="button-ghost button-link" href=format!("{base}/modifier")>{t::EDIT}</a> })}
                {can_delete.then(|| view! { <a class="button-danger button-link" href=format!("{base}/supprimer")>{t::DELETE}</a> })}
                {proposal_move.map(|(to, label)| view! {
                    <ActionForm action=moved>
                        <input type="hidden" name="id" value=contract.id.to_string()/>
                        <input type="hidden" name="version" value=contract.version/>
                        <input type="hidden" name="status" value=to.code()/>
                        <SubmitButton label class="button-ghost"/>
                    </ActionForm>
                })}
                {(can_update && !contract.is_signed()).then(|| view! {
                    <ActionForm action=sign>
                        <input type="hidden" name="id" value=contract.id.to_string()/>
                        <input type="hidden" name="version" value=contract.version/>
                        <SubmitButton label=t::SIGN/>
                    </ActionForm>
                })}
                {can_add_event.then(|| view! { <a class="button-primary button-link" href=format!("{base}/evenements/nouveau")>{t::NEW_EVENT}</a> })}
            </div>
        </div>
        {locked_for_me.then(|| view! { <p class="help" role="note">{t::CONTRACT_LOCKED_HELP}</p> })}
        <section class="card">
            <dl class="facts">
                <Fact term=t::CLIENT>
                    <a href=client_href>{client_name}</a>
                    <span class="muted">" · " {company}</span>
                </Fact>
                <Fact term=t::CLIENT_CONTACT>{client_email} " · " {client_phone}</Fact>
                <Fact term=t::TOTAL>{total}</Fact>
                <Fact term=t::REMAINING>{remaining}</Fact>
                <Fact term=t::SALES_CONTACT>{sales}</Fact>
                <Fact term=t::CREATED_AT>{created}</Fact>
                {proposed.map(|at| view! { <Fact term=t::PROPOSED_ON>{at}</Fact> })}
                <Fact term=t::SIGNED_ON>{signed}</Fact>
            </dl>
        </section>
        <PaymentCards contract=contract.clone() schedule actor=actor.clone()/>
        <section class="card">
            <h2>{t::NAV_EVENTS}</h2>
            <EventTable events empty=t::NO_EVENTS_FOR_RECORD/>
        </section>
        <FollowUpCard record owners follow_ups actor=actor.clone()/>
        <Timeline record owners notes history actor/>
    }
}

#[component]
fn AmountFields(error: Signal<Option<AppError>>, contract: Option<ContractRow>) -> impl IntoView {
    let input = |cents: i64| Cents::new(cents).map(|c| c.format_input()).unwrap_or_default();
    let total = contract.as_ref().map(|c| input(c.total_cents)).unwrap_or_default();
    // What remains is the total minus the payments: recorded on the contract's page, never typed.
    view! {
        <Field label=t::TOTAL name="total" prefix="form" help=t::TOTAL_HELP error initial=total required=true autocomplete="off"/>
    }
}

#[component]
pub fn ContractNewPage() -> impl IntoView {
    let client_id = id_param::<ClientId>();
    let action = ServerAction::<CreateContract>::new();
    let error = action_error(action);
    let key = IdempotencyKey::for_form();
    let client = Resource::new(move || client_id.get(), |id| async move { get_client(id?).await });
    view! {
        <FormPage
            title=t::NEW_CONTRACT
            resource=client
            render=move |detail: ClientDetail, actor| {
                let client = detail.client;
                allowed(
                    policy::can_add_to_client(client.anonymised)
                        && actor.is_some_and(|a| policy::can_create_contract(&a, client.sales_contact_id)),
                )?;
                let key = key.clone();
                Ok(view! {
                    <h1>{t::NEW_CONTRACT}</h1>
                    <p class="muted">{t::CLIENT} " : " {client.full_name.clone()} " · " {client.company_name.clone()}</p>
                    <RecordForm action error cancel=routes::client(client.id, None)>
                        <input type="hidden" name="client_id" value=client.id.to_string()/>
                        <IdempotencyField value=key/>
                        <AmountFields error contract=None/>
                    </RecordForm>
                })
            }
        />
    }
}

#[component]
pub fn ContractEditPage() -> impl IntoView {
    let id = id_param::<ContractId>();
    let action = ServerAction::<UpdateContract>::new();
    let error = action_error(action);
    let detail =
        Resource::new(move || (id.get(), action.version().get()), |(id, _)| async move { get_contract(id?).await });
    view! {
        <FormPage
            title=t::EDIT_CONTRACT
            resource=detail
            render=move |detail: ContractDetail, actor| {
                let contract = detail.contract;
                allowed(actor.is_some_and(|a| {
                    policy::can_update_contract(&a, contract.client_sales_contact_id, contract.is_signed())
                }))?;
                let cancel = routes::contract(contract.id, None);
                Ok(view! {
                    <h1>{t::EDIT_CONTRACT}</h1>
                    <p class="muted">{t::CLIENT} " : " {contract.client_name.clone()}</p>
                    <RecordForm action error cancel>
                        <RecordVersion id=contract.id.to_string() version=contract.version/>
                        <AmountFields error contract=Some(contract)/>
                    </RecordForm>
                })
            }
        />
    }
}

/// Deleting a contract, once its events are gone.
#[component]
pub fn ContractDeletePage() -> impl IntoView {
    let id = id_param::<ContractId>();
    let action = ServerAction::<DeleteContract>::new();
    let error = action_error(action);
    let detail =
        Resource::new(move || (id.get(), action.version().get()), |(id, _)| async move { get_contract(id?).await });
    view! {
        <FormPage
            title=t::DELETE
            resource=detail
            render=move |detail: ContractDetail, actor| {
                allowed(actor.as_ref().is_some_and(policy::can_delete))?;
                let ContractDetail { contract, events, .. } = detail;
                let blocked = check_contract_deletable(contract.is_signed(), events.len() as i64).err().map(|e| e.to_string());
                let cancel = routes::contract(contract.id, None);
                let form = view! {
                    <ActionForm action>
                        <input type="hidden" name="id" value=contract.id.to_string()/>
                        <ConfirmButtons label=t::DELETE_FOR_GOOD cancel/>
                    </ActionForm>
                }
                .into_any();
                let title = t::delete_contract_title(&contract.client_name, &contract.total());
                Ok(view! {
                    <DeletionConfirmation title blocked error form>
                        <p>{t::DELETE_CONTRACT_WHAT}</p>
                        <EventTable events empty=t::NO_EVENTS_FOR_RECORD/>
                    </DeletionConfirmation>
                })
            }
        />
    }
}
