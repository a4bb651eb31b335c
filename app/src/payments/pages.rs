//! A contract's schedule and payments (on its page), and "Encaissements".

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{AddMilestone, DeleteMilestone, DeletePayment, RecordPayment, get_collections, get_payment};
use super::model::{
    Collections, DUE_SOON_DAYS, MilestoneRow, MonthTotals, OwedList, OwedPages, PaymentMethod, PaymentOfContract,
    PaymentRow, PaymentSchedule,
};
use crate::auth::Actor;
use crate::components::{Choice, Field, IdempotencyField, SubmitButton, action_error};
use crate::contracts::model::{ContractRow, money};
use crate::domain::datetime::format_day;
use crate::domain::{Cents, ContractId, PaymentId};
use crate::i18n::fr as t;
use crate::idempotency::IdempotencyKey;
use crate::policy;
use crate::routes;
use crate::ui::confirm::{ConfirmButtons, DeletionConfirmation};
use crate::ui::detail::Composer;
use crate::ui::form_page::FormPage;
use crate::ui::list::ListHeader;
use crate::ui::loaded::{Loaded, allowed, id_param};
use crate::ui::page_title;

/// The schedule (milestones with their state) and the payments of a contract, with the forms to
/// add a milestone and to record a payment where the rules allow it.
#[component]
pub fn PaymentCards(contract: ContractRow, schedule: PaymentSchedule, actor: Option<Actor>) -> impl IntoView {
    let sales = contract.client_sales_contact_id;
    let can_record = actor.as_ref().is_some_and(|a| policy::can_record_payment(a, sales));
    let can_change = actor.as_ref().is_some_and(|a| policy::can_update_contract(a, sales, contract.is_signed()));
    let can_delete = actor.as_ref().is_some_and(policy::can_delete_payment);
    let PaymentSchedule { milestones, payments, unscheduled_cents, today } = schedule;
    let contract_id = contract.id;
    let remaining = contract.remaining_cents;
    view! {
        <section class="card" id="echeancier">
            <h2>{t::SCHEDULE}</h2>
            <MilestoneTable milestones today can_change/>
            {(unscheduled_cents > 0).then(|| view! { <p class="muted">{t::unscheduled(&money(unscheduled_cents))}</p> })}
            {can_change.then(|| view! { <MilestoneComposer contract_id/> })}
        </section>
        <section class="card" id="paiements">
            <h2>{t::PAYMENTS}</h2>
            {(can_record && remaining > 0).then(|| view! { <PaymentComposer contract_id remaining today/> })}
            <PaymentTable payments can_delete/>
        </section>
    }
}

#[component]
fn MilestoneTable(milestones: Vec<MilestoneRow>, today: NaiveDate, can_change: bool) -> impl IntoView {
    if milestones.is_empty() {
        return view! { <p class="muted">{t::NO_MILESTONES}</p> }.into_any();
    }
    view! {
        <div class="table-card">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t::MILESTONE}</th>
                        <th scope="col">{t::MILESTONE_DUE_RULE}</th>
                        <th scope="col" class="numeric">{t::MILESTONE_AMOUNT}</th>
                        <th scope="col" class="numeric">{t::MILESTONE_PAID_PART}</th>
                        <th scope="col">{t::STATUS}</th>
                        {can_change.then(|| view! { <th scope="col"><span class="visually-hidden">{t::ACTIONS}</span></th> })}
                    </tr>
                </thead>
                <tbody>
                    {milestones
                        .into_iter()
                        .map(|m| {
                            let state = m.state(today);
                            view! {
                                <tr class=format!("milestone milestone-{}", state.code())>
                                    <td data-label=t::MILESTONE>
                                        {m.label.clone()}
                                        {m.share_text().map(|share| view! { <span class="muted">" · " {share}</span> })}
                                    </td>
                                    <td data-label=t::MILESTONE_DUE_RULE>{m.due_text()}</td>
                                    <td class="numeric nowrap" data-label=t::MILESTONE_AMOUNT>{money(m.amount_cents)}</td>
                                    <td class="numeric nowrap" data-label=t::MILESTONE_PAID_PART>{money(m.paid_cents)}</td>
                                    <td data-label=t::STATUS><span class=state.badge_class()>{state.label()}</span></td>
                                    {can_change.then(|| view! { <td><DeleteMilestoneButton milestone=m.clone()/></td> })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn DeleteMilestoneButton(milestone: MilestoneRow) -> impl IntoView {
    let action = ServerAction::<DeleteMilestone>::new();
    view! {
        <ActionForm action>
            <input type="hidden" name="id" value=milestone.id.to_string()/>
            <button type="submit" class="button-ghost" aria-label=format!("{} : {}", t::DELETE_MILESTONE, milestone.label)>
                {t::DELETE}
            </button>
        </ActionForm>
    }
}

#[component]
fn MilestoneComposer(contract_id: ContractId) -> impl IntoView {
    let action = ServerAction::<AddMilestone>::new();
    let error = action_error(action);
    let shares = vec![("percent", t::SHARE_PERCENT), ("amount", t::SHARE_AMOUNT), ("rest", t::SHARE_REST)];
    let dues = vec![("signing", t::DUE_AT_SIGNING), ("event", t::DUE_FROM_EVENT), ("fixed", t::DUE_FIXED)];
    view! {
        <Composer label=t::ADD_MILESTONE error>
            <ActionForm action>
                <input type="hidden" name="contract_id" value=contract_id.to_string()/>
                <IdempotencyField value=IdempotencyKey::for_form()/>
                <Field label=t::MILESTONE_LABEL name="label" prefix="form" error required=true autocomplete="off"/>
                <Choice label=t::MILESTONE_SHARE name="share" options=shares error/>
                <Field label=t::MILESTONE_VALUE name="value" prefix="form" help=t::MILESTONE_VALUE_HELP error autocomplete="off"/>
                <Choice label=t::MILESTONE_DUE_RULE name="due" options=dues error/>
                <Field label=t::MILESTONE_DAYS name="days" prefix="form" help=t::MILESTONE_DAYS_HELP error autocomplete="off"/>
                <Field label=t::MILESTONE_FIXED_ON name="fixed_on" prefix="form" kind="date" help=t::MILESTONE_FIXED_ON_HELP error/>
                <SubmitButton label=t::SAVE_MILESTONE/>
            </ActionForm>
        </Composer>
    }
}

#[component]
fn PaymentComposer(contract_id: ContractId, remaining: i64, today: NaiveDate) -> impl IntoView {
    let action = ServerAction::<RecordPayment>::new();
    let error = action_error(action);
    let methods: Vec<(&'static str, &'static str)> =
        PaymentMethod::OFFERED.iter().map(|m| (m.code(), m.label())).collect();
    let amount = Cents::new(remaining).map(Cents::format_input).unwrap_or_default();
    view! {
        <Composer label=t::RECORD_PAYMENT error>
            <ActionForm action>
                <input type="hidden" name="contract_id" value=contract_id.to_string()/>
                <IdempotencyField value=IdempotencyKey::for_form()/>
                <Field label=t::PAID_ON name="paid_on" prefix="form" kind="date" error initial=today.to_string() required=true/>
                <Field label=t::PAYMENT_AMOUNT name="amount" prefix="form" help=t::AMOUNT_HELP error initial=amount required=true autocomplete="off"/>
                <Choice label=t::PAYMENT_METHOD name="method" options=methods error/>
                <SubmitButton label=t::SAVE_PAYMENT/>
            </ActionForm>
        </Composer>
    }
}

#[component]
fn PaymentTable(payments: Vec<PaymentRow>, can_delete: bool) -> impl IntoView {
    if payments.is_empty() {
        return view! { <p class="muted">{t::NO_PAYMENTS}</p> }.into_any();
    }
    view! {
        <div class="table-card">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t::PAID_ON}</th>
                        <th scope="col" class="numeric">{t::PAYMENT_AMOUNT}</th>
                        <th scope="col">{t::PAYMENT_METHOD}</th>
                        <th scope="col">{t::RECORDED_BY}</th>
                        {can_delete.then(|| view! { <th scope="col"><span class="visually-hidden">{t::ACTIONS}</span></th> })}
                    </tr>
                </thead>
                <tbody>
                    {payments
                        .into_iter()
                        .map(|p| {
                            let label = format!("{} : {} · {}", t::DELETE_PAYMENT, money(p.amount_cents), format_day(p.paid_on));
                            let href = routes::delete_payment(p.id);
                            view! {
                                <tr class="payment">
                                    <td data-label=t::PAID_ON>{format_day(p.paid_on)}</td>
                                    <td class="numeric nowrap" data-label=t::PAYMENT_AMOUNT>{money(p.amount_cents)}</td>
                                    <td data-label=t::PAYMENT_METHOD>{p.method.label()}</td>
                                    <td data-label=t::RECORDED_BY>{p.recorded_by_name.clone().unwrap_or_else(|| t::NONE.to_owned())}</td>
                                    {can_delete.then(|| view! {
                                        <td><a class="button-danger button-link" href=href aria-label=label>{t::DELETE}</a></td>
                                    })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Deleting a payment recorded by mistake (management): what remains grows back by it.
#[component]
pub fn PaymentDeletePage() -> impl IntoView {
    let id = id_param::<PaymentId>();
    let action = ServerAction::<DeletePayment>::new();
    let error = action_error(action);
    let found = Resource::new(move || id.get(), |id| async move { get_payment(id?).await });
    view! {
        <FormPage
            title=t::DELETE_PAYMENT
            resource=found
            render=move |found: PaymentOfContract, actor| {
                allowed(actor.as_ref().is_some_and(policy::can_delete_payment))?;
                let PaymentOfContract { payment, contract } = found;
                let cancel = routes::contract(contract.id, None);
                let form = view! {
                    <ActionForm action>
                        <input type="hidden" name="id" value=payment.id.to_string()/>
                        <ConfirmButtons label=t::DELETE_FOR_GOOD cancel/>
                    </ActionForm>
                }
                .into_any();
                let title = t::delete_payment_title(&money(payment.amount_cents), &format_day(payment.paid_on));
                let after = money(contract.remaining_cents + payment.amount_cents);
                Ok(view! {
                    <DeletionConfirmation title blocked=None error form>
                        <p>{t::CLIENT} " : " {contract.client_name.clone()} " · " {payment.method.label()}</p>
                        <p>{t::delete_payment_what(&contract.remaining(), &after)}</p>
                    </DeletionConfirmation>
                })
            }
        />
    }
}

/// `/encaissements`: what is late, what falls due within `DUE_SOON_DAYS` days, and the months'
/// totals; management may narrow it to one salesperson (`?commercial=<id>`).
#[component]
pub fn CollectionsPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let query = query.read();
        // A page that is not a number is the first; one out of reach is refused by the server.
        let page = |name: &str| query.get(name).and_then(|p| p.parse().ok()).unwrap_or(1);
        (query.get("commercial"), OwedPages { overdue: page("retard"), due_soon: page("a_echoir") })
    };
    let collections = Resource::new(asked, |(seller, pages)| async move { get_collections(seller, pages).await });
    view! {
        <Title text=page_title(t::NAV_COLLECTIONS)/>
        <main id="contenu" class="page">
            <Loaded resource=collections render=|collections, actor| Ok(view! { <CollectionsView collections actor/> })/>
        </main>
    }
}

#[component]
fn CollectionsView(collections: Collections, actor: Option<Actor>) -> impl IntoView {
    let Collections { today, overdue, due_soon, months, seller, salespeople, pages } = collections;
    let late_page = move |page: i64| routes::collections(seller, page, pages.due_soon);
    let soon_page = move |page: i64| routes::collections(seller, pages.overdue, page);
    let team = actor.as_ref().is_some_and(policy::can_see_team_collections);
    let filter = team.then(|| {
        let chosen = seller.map(|id| id.to_string());
        view! {
            <form method="get" action=routes::COLLECTIONS class="filters">
                <label for="field-commercial">{t::SALES_CONTACT}</label>
                <select id="field-commercial" name="commercial">
                    <option value="" selected=chosen.is_none()>{t::EVERYONE}</option>
                    {salespeople
                        .into_iter()
                        .map(|s| {
                            let id = s.id.to_string();
                            view! { <option value=id.clone() selected=chosen.as_deref() == Some(id.as_str())>{s.full_name}</option> }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="button-ghost">{t::FILTER}</button>
            </form>
        }
    });
    view! {
        <ListHeader title=t::NAV_COLLECTIONS total=None/>
        {filter}
        <section class="card" id="en-retard">
            <h2>{t::COLLECTIONS_OVERDUE}</h2>
            <OwedTable list=overdue empty=t::NO_OVERDUE_MILESTONES href=late_page/>
        </section>
        <section class="card" id="a-echoir">
            <h2>{t::collections_due_soon(DUE_SOON_DAYS)}</h2>
            <OwedTable list=due_soon empty=t::NO_MILESTONES_DUE_SOON href=soon_page/>
        </section>
        <section class="card" id="par-mois">
            <h2>{t::COLLECTIONS_BY_MONTH}</h2>
            <MonthTable months today/>
        </section>
    }
}

/// One page of milestones owed, with links to the pages around it (`href` builds a page's URL).
#[component]
fn OwedTable(list: OwedList, empty: &'static str, href: impl Fn(i64) -> String + 'static) -> impl IntoView {
    if list.items.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    let first = list.offset() + 1;
    let summary = t::owed_summary(first, first + list.items.len() as i64 - 1, list.count, &money(list.owed_cents));
    let previous = (list.page > 1).then(|| href(list.page - 1));
    let next = list.has_next().then(|| href(list.page + 1));
    view! {
        <p class="muted">{summary}</p>
        <div class="table-card">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t::MILESTONE_DUE_ON}</th>
                        <th scope="col">{t::CLIENT}</th>
                        <th scope="col">{t::MILESTONE}</th>
                        <th scope="col" class="numeric">{t::OWED}</th>
                        <th scope="col">{t::SALES_CONTACT}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .items
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    <td class="nowrap"><a href=routes::contract(row.contract_id, None)>{format_day(row.due_on)}</a></td>
                                    <td data-label=t::CLIENT>
                                        <a href=routes::client(row.client_id, None)>{row.client_name.clone()}</a>
                                        <span class="muted">" · " {row.company_name.clone()}</span>
                                    </td>
                                    <td data-label=t::MILESTONE>{row.label.clone()}</td>
                                    <td class="numeric nowrap" data-label=t::OWED>{money(row.owed_cents())}</td>
                                    <td data-label=t::SALES_CONTACT>{row.sales_contact_name.clone()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {(previous.is_some() || next.is_some()).then(|| view! {
            <nav class="pager" aria-label=t::PAGINATION>
                {previous.map(|href| view! { <a href=href rel="prev">{t::PREVIOUS}</a> })}
                " "
                {next.map(|href| view! { <a href=href rel="next">{t::NEXT}</a> })}
            </nav>
        })}
    }
    .into_any()
}

#[component]
fn MonthTable(months: Vec<MonthTotals>, today: NaiveDate) -> impl IntoView {
    let current = (today.year(), today.month());
    view! {
        <div class="table-card">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t::MONTH}</th>
                        <th scope="col" class="numeric">{t::MONTH_DUE}</th>
                        <th scope="col" class="numeric">{t::MONTH_COLLECTED}</th>
                    </tr>
                </thead>
                <tbody>
                    {months
                        .into_iter()
                        .map(|m| {
                            let name = format!("{} {}", t::MONTHS[m.month.month0() as usize], m.month.year());
                            let this_month = (m.month.year(), m.month.month()) == current;
                            view! {
                                <tr aria-current=this_month.then_some("date")>
                                    <th scope="row">{name}</th>
                                    <td class="numeric nowrap" data-label=t::MONTH_DUE>{money(m.due_cents)}</td>
                                    <td class="numeric nowrap" data-label=t::MONTH_COLLECTED>{money(m.collected_cents)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
