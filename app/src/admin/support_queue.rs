use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{ErrorSummary, SubmitButton, action_error};
use crate::domain::datetime::format_datetime;
use crate::events::api::{AssignEventSupport, support_queue};
use crate::events::model::{EventRow, UnassignedEvents};
use crate::i18n::fr as t;
use crate::listing::Paging;
use crate::planning::api::SetTravelBuffer;
use crate::planning::model::Assignment;
use crate::planning::pages::{SupportChoice, TravelBufferForm};
use crate::routes;
use crate::ui::list::{DataTable, ListHeader};
use crate::ui::loaded::{Loaded, allowed};
use crate::ui::page_title;
use crate::ui::status::Notice;

/// Events not over yet that nobody from support runs, soonest first, each with its own quick
/// assignment form: each person's load that week, the least-loaded free one preselected. The
/// list reloads after each assignment and after the travel buffer changes.
#[component]
pub fn SupportQueuePage() -> impl IntoView {
    let assign = ServerAction::<AssignEventSupport>::new();
    let buffer = ServerAction::<SetTravelBuffer>::new();
    let error = action_error(assign);
    let queue =
        Resource::new(move || (assign.version().get(), buffer.version().get()), |_| support_queue(Paging::default()));
    view! {
        <Title text=page_title(t::SUPPORT_QUEUE)/>
        <main id="contenu" class="page">
            <Notice/>
            <ErrorSummary error/>
            <Loaded
                resource=queue
                render=move |queue, actor| {
                    allowed(actor.as_ref().is_some_and(crate::policy::can_assign_support))?;
                    let UnassignedEvents { page, assignments } = queue;
                    let rows: Vec<_> = page.items.iter().cloned().zip(assignments).collect();
                    Ok(view! {
                        <ListHeader title=t::SUPPORT_QUEUE total=Some(page.total) action=None/>
                        <TravelBufferForm action=buffer/>
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
                                {rows.into_iter().map(|(event, assignment)| view! { <QueueRow event assignment assign/> }).collect_view()}
                            </tbody>
                        </DataTable>
                    })
                }
            />
        </main>
    }
}

/// One event and its assignment form. A refusal shows at the top of the page (it names the
/// person and what is in the way), not in the row.
#[component]
fn QueueRow(event: EventRow, assignment: Assignment, assign: ServerAction<AssignEventSupport>) -> impl IntoView {
    let no_error = Signal::stored(None);
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
                    <SupportChoice assignment current=None error=no_error ids=format!("queue-{}", event.id) compact=true/>
                    <SubmitButton label=t::ASSIGN class="button-ghost"/>
                </ActionForm>
            </td>
        </tr>
    }
}
