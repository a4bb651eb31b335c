//! An event's state on its page: the badge, the moves the user may make, a cancellation's
//! reason, and the page that cancels with a reason.

use leptos::prelude::*;

use super::api::{MoveEvent, get_event};
use super::detail::EventDetail;
use super::model::EventRow;
use super::status::{EventMove, EventStatus};
use crate::auth::Actor;
use crate::components::{ErrorSummary, Field, SubmitButton, action_error};
use crate::domain::EventId;
use crate::domain::datetime::format_datetime;
use crate::i18n::fr as t;
use crate::policy;
use crate::records::RecordOwners;
use crate::routes;
use crate::ui::confirm::DeletionConfirmation;
use crate::ui::form_page::FormPage;
use crate::ui::loaded::{allowed, id_param};

#[component]
pub fn StatusBadge(status: EventStatus) -> impl IntoView {
    view! { <span class=status.badge_class()>{status.label()}</span> }
}

/// Where the event may go from `status`, as this user may take it, with the button's label.
/// Cancelling has its own page (it asks why).
fn moves_offered(status: EventStatus, actor: &Actor, owners: &RecordOwners) -> Vec<(EventStatus, &'static str)> {
    [EventStatus::Confirmed, EventStatus::ToPlan]
        .into_iter()
        .filter_map(|target| {
            let event_move = EventMove::between(status, target).ok()?;
            let label = match event_move {
                EventMove::Confirm => t::CONFIRM_EVENT,
                EventMove::Unconfirm => t::UNCONFIRM_EVENT,
                EventMove::Restore => t::RESTORE_EVENT,
                EventMove::Cancel => return None,
            };
            policy::can_move_event(actor, event_move, owners).then_some((target, label))
        })
        .collect()
}

/// The buttons that move the event, and the link to cancel it.
#[component]
pub fn StatusActions(
    event: EventRow,
    status: EventStatus,
    owners: RecordOwners,
    actor: Option<Actor>,
) -> impl IntoView {
    let action = ServerAction::<MoveEvent>::new();
    let error = action_error(action);
    let Some(actor) = actor else { return ().into_any() };
    let may_cancel = policy::can_take_event_to(&actor, status, EventStatus::Cancelled, &owners);
    let forms = moves_offered(status, &actor, &owners)
        .into_iter()
        .map(|(target, label)| {
            view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="id" value=event.id.to_string()/>
                    <input type="hidden" name="version" value=event.version/>
                    <input type="hidden" name="status" value=target.code()/>
                    <SubmitButton label class="button-ghost"/>
                </ActionForm>
            }
        })
        .collect_view();
    let cancel_href = routes::sub_page(&routes::event(event.id, None), "annuler");
    view! {
        <ErrorSummary error/>
        {forms}
        {may_cancel.then(|| view! { <a class="button-ghost button-link" href=cancel_href>{t::CANCEL_EVENT}</a> })}
    }
    .into_any()
}

/// Why and when the event was cancelled.
#[component]
pub fn CancelledNotice(event: EventRow) -> impl IntoView {
    let (Some(at), Some(reason)) = (event.cancelled_at, event.cancel_reason) else { return ().into_any() };
    view! {
        <section class="warning">
            <h2>{t::STATUS_CANCELLED}</h2>
            <p>{t::CANCELLED_ON} " " {format_datetime(at)} " · " {t::REASON} " : " {reason}</p>
        </section>
    }
    .into_any()
}

/// Cancels the event, with a reason: it stays, marked cancelled.
#[component]
pub fn EventCancelPage() -> impl IntoView {
    let id = id_param::<EventId>();
    let action = ServerAction::<MoveEvent>::new();
    let error = action_error(action);
    let detail =
        Resource::new(move || (id.get(), action.version().get()), |(id, _)| async move { get_event(id?).await });
    view! {
        <FormPage
            title=t::CANCEL_EVENT
            resource=detail
            render=move |detail: EventDetail, actor| {
                let owners = RecordOwners::of_event(&detail.event, &detail.contract);
                let status = detail.event.status(detail.as_of);
                allowed(actor.is_some_and(|a| policy::can_take_event_to(&a, status, EventStatus::Cancelled, &owners)))?;
                let event = detail.event;
                let back = routes::event(event.id, None);
                let form = view! {
                    <ActionForm action>
                        <input type="hidden" name="id" value=event.id.to_string()/>
                        <input type="hidden" name="version" value=event.version/>
                        <input type="hidden" name="status" value=EventStatus::Cancelled.code()/>
                        <Field label=t::REASON name="reason" error required=true autocomplete="off"/>
                        <div class="form-actions">
                            <SubmitButton label=t::CANCEL_EVENT class="button-danger"/>
                            <a href=back>{t::KEEP_EVENT}</a>
                        </div>
                    </ActionForm>
                }
                .into_any();
                Ok(view! {
                    <DeletionConfirmation title=t::cancel_title(&event.title) blocked=None error form>
                        <p>{t::CANCEL_EVENT_WHAT}</p>
                        <p>{format_datetime(event.starts_at)} " · " {event.location.clone()}</p>
                    </DeletionConfirmation>
                })
            }
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Department;
    use crate::domain::{ClientId, CollaboratorId};
    use uuid::Uuid;

    fn actor(department: Department) -> Actor {
        Actor { id: CollaboratorId(Uuid::from_u128(1)), full_name: "A".into(), email: "a@x.fr".into(), department }
    }

    fn owners() -> RecordOwners {
        RecordOwners {
            client_id: ClientId(Uuid::from_u128(5)),
            contract_id: None,
            sales_contact_id: CollaboratorId(Uuid::from_u128(1)),
            support_contact_id: None,
            client_anonymised: false,
        }
    }

    #[test]
    fn a_cancelled_event_offers_management_to_restore_it_and_nothing_else() {
        let offered = moves_offered(EventStatus::Cancelled, &actor(Department::Management), &owners());
        assert_eq!(offered, [(EventStatus::ToPlan, t::RESTORE_EVENT)]);
        assert!(moves_offered(EventStatus::Cancelled, &actor(Department::Sales), &owners()).is_empty());
    }

    #[test]
    fn a_planned_event_offers_its_seller_to_confirm_it_and_a_confirmed_one_to_take_it_back() {
        let seller = actor(Department::Sales);
        assert_eq!(
            moves_offered(EventStatus::ToPlan, &seller, &owners()),
            [(EventStatus::Confirmed, t::CONFIRM_EVENT)]
        );
        assert_eq!(
            moves_offered(EventStatus::Confirmed, &seller, &owners()),
            [(EventStatus::ToPlan, t::UNCONFIRM_EVENT)]
        );
        assert!(moves_offered(EventStatus::Finished, &seller, &owners()).is_empty());
    }
}
