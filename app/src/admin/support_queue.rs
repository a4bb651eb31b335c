use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::{Actor, Department};
use crate::collaborators::api::active_collaborators;
use crate::components::{ErrorSummary, SubmitButton, action_error};
use crate::domain::datetime::format_datetime;
use crate::events::api::{AssignEventSupport, support_queue};
use crate::events::model::EventRow;
use crate::i18n::fr as t;
use crate::listing::Paging;
use crate::routes;
use crate::ui::list::{DataTable, ListHeader};
use crate::ui::loaded::{Loaded, allowed};
use crate::ui::page_title;
use crate::ui::status::Notice;

/// Events not over yet that nobody from support runs, soonest first, each with its own quick
/// assignment form. The list reloads after each assignment.
#[component]
pub fn SupportQueuePage() -> impl IntoView {
    let assign = ServerAction::<AssignEventSupport>::new();
    let error = action_error(assign);
    let queue = Resource::new(move || assign.version().get(), |_| support_queue(Paging::default()));
    let supports = Resource::new(|| (), |_| active_collaborators(Department::Support));
    view! {
        <Title text=page_title(t::SUPPORT_QUEUE)/>
        <main id="contenu" class="page">
            <Notice/>
            <ErrorSummary error/>
            <Loaded
                resource=queue
                render=move |page, actor| {
                    allowed(actor.as_ref().is_some_and(crate::policy::can_assign_support))?;
                    let rows = page.items.clone();
                    Ok(view! {
                        <ListHeader title=t::SUPPORT_QUEUE total=Some(page.total) action=None/>
                        <DataTable empty=rows.is_empty().then_some(t::SUPPORT_QUEUE_EMPTY)>
                            <thead>
                                <tr>
                                    <th scope="col">{t::TITLE}</th>
                                    <th scope="col">{t::START}</th>
                                    <th scope="col">{t::CLIENT}</th>
                                    <th scope="col">{t::LOCATION}</th>
                                    <th scope="col" class="numeric">{t::ATTENDEES}</th>
                                    <th scope="col">{t::SUPPORT_CONTACT}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|event| view! { <QueueRow event assign supports/> }).collect_view()}
                            </tbody>
                        </DataTable>
                    })
                }
            />
        </main>
    }
}

#[component]
fn QueueRow(
    event: EventRow,
    assign: ServerAction<AssignEventSupport>,
    supports: Resource<Result<Vec<Actor>, crate::error::AppError>>,
) -> impl IntoView {
    let select_id = format!("support-{}", event.id);
    let label = t::assign_support_to(&event.title);
    view! {
        <tr>
            <td><a href=routes::event(event.id, None)>{event.title.clone()}</a></td>
            <td class="nowrap">{format_datetime(event.starts_at)}</td>
            <td><a href=routes::client(event.client_id, None)>{event.client_name.clone()}</a></td>
            <td>{event.location.clone()}</td>
            <td class="numeric">{event.attendees}</td>
            <td>
                <ActionForm action=assign attr:class="inline-form">
                    <input type="hidden" name="id" value=event.id.to_string()/>
                    <input type="hidden" name="version" value=event.version/>
                    <input type="hidden" name="back_to_queue" value="true"/>
                    <label class="visually-hidden" for=select_id.clone()>{label}</label>
                    <select id=select_id name="support_contact_id" required=true>
                        <option value="">{t::CHOOSE}</option>
                        <Transition>
                            {move || Suspend::new(async move {
                                supports
                                    .await
                                    .unwrap_or_default()
                                    .into_iter()
                                    .map(|s| view! { <option value=s.id.to_string()>{s.full_name}</option> })
                                    .collect_view()
                            })}
                        </Transition>
                    </select>
                    <SubmitButton label=t::ASSIGN class="button-ghost"/>
                </ActionForm>
            </td>
        </tr>
    }
}
