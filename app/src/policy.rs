//! Who may do what: the company's rules, in one place, with no IO.
//!
//! The server calls these before every write; the interface calls the same functions only to
//! hide what the server would refuse anyway. Every signed-in collaborator reads everything, so
//! there are no read rules.

use crate::auth::{Actor, Department};
use crate::contracts::stage::{ContractMove, ContractStage};
use crate::domain::CollaboratorId;
use crate::error::AppError;
use crate::events::status::{EventMove, EventStatus};
use crate::notes::model::EDIT_WINDOW;
use crate::records::RecordOwners;
use chrono::{DateTime, Utc};

fn is(actor: &Actor, department: Department) -> bool {
    actor.department == department
}

fn owns(actor: &Actor, owner: Option<CollaboratorId>) -> bool {
    owner == Some(actor.id)
}

/// Sales create clients, and become their sales contact.
pub fn can_create_client(actor: &Actor) -> bool {
    is(actor, Department::Sales)
}

/// Sales update the clients they own (not the sales-contact field).
pub fn can_update_client(actor: &Actor, client_sales_contact: CollaboratorId) -> bool {
    is(actor, Department::Sales) && owns(actor, Some(client_sales_contact))
}

/// Management hands a client to another salesperson.
pub fn can_change_client_sales_contact(actor: &Actor) -> bool {
    is(actor, Department::Management)
}

/// Management creates contracts for any client; sales for the clients they own.
pub fn can_create_contract(actor: &Actor, client_sales_contact: CollaboratorId) -> bool {
    is(actor, Department::Management) || can_update_client(actor, client_sales_contact)
}

/// Amounts, the payment schedule, the stage and signing: management for every contract, sales
/// for their clients' contracts until they are signed. A signed contract (`signed`) is the
/// company's commitment: management alone changes it.
/// Rights follow the client's *current* sales contact: once management hands a client to
/// another salesperson, the former one no longer acts on its contracts. (A contract's own
/// `sales_contact_id` says who sold or follows it; it moves with the client while the contract
/// is open, and stays as history once it is paid.)
pub fn can_update_contract(actor: &Actor, client_sales_contact: CollaboratorId, signed: bool) -> bool {
    is(actor, Department::Management) || (!signed && sells_to(actor, client_sales_contact))
}

/// A change to a contract under its signature (see `can_update_contract`).
pub fn contract_change(actor: &Actor, client_sales_contact: CollaboratorId, signed: bool) -> UnderLock {
    UnderLock::of(signed, |signed| can_update_contract(actor, client_sales_contact, signed))
}

fn sells_to(actor: &Actor, client_sales_contact: CollaboratorId) -> bool {
    is(actor, Department::Sales) && owns(actor, Some(client_sales_contact))
}

/// Payments are recorded by whoever follows the client's money: management, the client's
/// current salesperson, signed contract or not (collecting is what follows the signature).
pub fn can_record_payment(actor: &Actor, client_sales_contact: CollaboratorId) -> bool {
    is(actor, Department::Management) || sells_to(actor, client_sales_contact)
}

/// Whether `actor` may take a contract from `from` to `to`: a move the stages allow, made by
/// someone who may change the contract as it is now.
pub fn can_take_contract_to(
    actor: &Actor,
    from: ContractStage,
    to: ContractStage,
    client_sales_contact: CollaboratorId,
) -> bool {
    ContractMove::between(from, to).is_ok() && can_update_contract(actor, client_sales_contact, from.is_signed())
}

/// A payment recorded by mistake is deleted by management only (the audit trail keeps it).
pub fn can_delete_payment(actor: &Actor) -> bool {
    is(actor, Department::Management)
}

/// "Encaissements": salespeople see their clients', management everyone's.
pub fn can_see_collections(actor: &Actor) -> bool {
    is(actor, Department::Sales) || can_see_team_collections(actor)
}

pub fn can_see_team_collections(actor: &Actor) -> bool {
    is(actor, Department::Management)
}

/// Sales create events for their own clients' contracts (which must also be signed: a
/// validation rule, not a permission). The client's current sales contact decides.
pub fn can_create_event(actor: &Actor, client_sales_contact: CollaboratorId) -> bool {
    is(actor, Department::Sales) && owns(actor, Some(client_sales_contact))
}

/// Support update the events assigned to them: dates, location, attendees, notes. A finished
/// or cancelled event (`locked`) is the company's record: management alone corrects it.
pub fn can_update_event(actor: &Actor, event_support_contact: Option<CollaboratorId>, locked: bool) -> bool {
    if locked {
        is(actor, Department::Management)
    } else {
        is(actor, Department::Support) && owns(actor, event_support_contact)
    }
}

/// A change to an event that may be finished or cancelled (see `can_update_event`).
pub fn event_change(actor: &Actor, event_support_contact: Option<CollaboratorId>, locked: bool) -> UnderLock {
    UnderLock::of(locked, |locked| can_update_event(actor, event_support_contact, locked))
}

/// Once an event is over, its support writes the debrief; management may write or correct it.
pub fn can_write_debrief(actor: &Actor, event_support_contact: Option<CollaboratorId>) -> bool {
    is(actor, Department::Management) || (is(actor, Department::Support) && owns(actor, event_support_contact))
}

/// An event's run sheet (its timeline, access notes, contact on site): its support contact, who
/// runs the day, while the event is not finished or cancelled (`locked`); management at any
/// time, to prepare the day with the team and to correct the record afterwards. Sales read it.
pub fn can_edit_run_sheet(actor: &Actor, event_support_contact: Option<CollaboratorId>, locked: bool) -> bool {
    is(actor, Department::Management) || can_update_event(actor, event_support_contact, locked)
}

/// A change to the run sheet of an event that may be finished or cancelled.
pub fn run_sheet_change(actor: &Actor, event_support_contact: Option<CollaboratorId>, locked: bool) -> UnderLock {
    UnderLock::of(locked, |locked| can_edit_run_sheet(actor, event_support_contact, locked))
}

/// Confirming an event (or taking the confirmation back): whoever answers for it, its client's
/// sales contact or its support contact, and management. Cancelling it: the client's sales
/// contact (the client called) or management. Undoing a cancellation: management.
pub fn can_move_event(actor: &Actor, event_move: EventMove, record: &RecordOwners) -> bool {
    let sells_it = is(actor, Department::Sales) && owns(actor, Some(record.sales_contact_id));
    let runs_it = is(actor, Department::Support) && owns(actor, record.support_contact_id);
    let manages = is(actor, Department::Management);
    match event_move {
        EventMove::Confirm | EventMove::Unconfirm => sells_it || runs_it || manages,
        EventMove::Cancel => sells_it || manages,
        EventMove::Restore => manages,
    }
}

/// The fields of an event, as the rules on changing them name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventField {
    Title,
    Dates,
    Location,
    Attendees,
    Notes,
}

impl EventField {
    /// Free text, where personal data can be typed.
    fn is_free_text(self) -> bool {
        matches!(self, EventField::Title | EventField::Location | EventField::Notes)
    }
}

/// What the support contact of an event may change: dates, location, attendees, notes — not
/// the title, which the salesperson set with the client. Management, which corrects locked
/// events, may change every field. Nobody types free text (title, place, notes) into the
/// records of an anonymised client.
pub fn can_change_event_field(actor: &Actor, field: EventField, client_anonymised: bool) -> bool {
    let given = match actor.department {
        Department::Support => field != EventField::Title,
        Department::Management => true,
        Department::Sales => false,
    };
    given && !(client_anonymised && field.is_free_text())
}

/// Whether `actor` may take an event from `from` to `to`: a move the states allow, made by
/// someone the move is given to.
pub fn can_take_event_to(actor: &Actor, from: EventStatus, to: EventStatus, record: &RecordOwners) -> bool {
    EventMove::between(from, to).is_ok_and(|event_move| can_move_event(actor, event_move, record))
}

/// Nothing new is attached to an anonymised client (no contract, no event): it would carry
/// personal data back to a pseudonym.
pub fn can_add_to_client(client_anonymised: bool) -> bool {
    !client_anonymised
}

/// Management assigns or changes an event's support contact.
pub fn can_assign_support(actor: &Actor) -> bool {
    is(actor, Department::Management)
}

/// The administration views (collaborators, audit, RGPD tools) are management's alone.
pub fn can_administer(actor: &Actor) -> bool {
    is(actor, Department::Management)
}

/// Deleting anything is management's alone.
pub fn can_delete(actor: &Actor) -> bool {
    is(actor, Department::Management)
}

/// Sales update the clients they own, unless the client was anonymised: a pseudonym is never
/// edited back into a person.
pub fn can_update_client_fields(actor: &Actor, client_sales_contact: CollaboratorId, anonymised: bool) -> bool {
    !anonymised && can_update_client(actor, client_sales_contact)
}

/// RGPD requests (a client's data export, anonymisation, the retention list) are management's.
pub fn can_handle_personal_data_requests(actor: &Actor) -> bool {
    is(actor, Department::Management)
}

/// Notes and follow-ups on a client, its contracts and its events: the client's sales contact,
/// the event's support contact, management everywhere. Nothing is written about an anonymised
/// client (free text would carry personal data back to a pseudonym).
pub fn can_write_on_record(actor: &Actor, record: &RecordOwners) -> bool {
    let answers_for_it = is(actor, Department::Management)
        || (is(actor, Department::Sales) && owns(actor, Some(record.sales_contact_id)))
        || (is(actor, Department::Support) && owns(actor, record.support_contact_id));
    answers_for_it && can_add_to_client(record.client_anonymised)
}

/// Its author corrects or deletes a note within `EDIT_WINDOW` of writing it; after that, it is
/// part of the record.
pub fn can_change_note(
    actor: &Actor,
    author: Option<CollaboratorId>,
    written: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    owns(actor, author) && now < written + EDIT_WINDOW
}

/// A note is deleted by its author within the window, or by management at any time (a note
/// that should never have been written: deleting is management's).
pub fn can_delete_note(
    actor: &Actor,
    author: Option<CollaboratorId>,
    written: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    can_change_note(actor, author, written, now) || can_delete(actor)
}

/// A follow-up is marked done (or to do again) by its owner, whoever set it, or management.
pub fn can_complete_follow_up(actor: &Actor, owner: CollaboratorId, created_by: Option<CollaboratorId>) -> bool {
    owns(actor, Some(owner)) || owns(actor, created_by) || is(actor, Department::Management)
}

/// Everyone's overdue follow-ups: management's view of the team.
pub fn can_see_team_follow_ups(actor: &Actor) -> bool {
    is(actor, Department::Management)
}

/// Sales import clients into their own portfolio; management imports them for a salesperson
/// it chooses. Support imports nothing.
pub fn can_import_clients(actor: &Actor) -> bool {
    is(actor, Department::Sales) || is(actor, Department::Management)
}

/// Whose portfolio an import fills: a salesperson's own only; management's choice (the
/// service checks that the one chosen is an active salesperson).
pub fn can_import_clients_for(actor: &Actor, salesperson: CollaboratorId) -> bool {
    (is(actor, Department::Sales) && owns(actor, Some(salesperson))) || is(actor, Department::Management)
}

/// An imported row updates an existing client only as the client form would (its salesperson,
/// never an anonymised client), and only within the portfolio being filled. Management, which
/// does not edit clients, fills a salesperson's portfolio with new clients and skips duplicates.
pub fn can_update_client_by_import(
    actor: &Actor,
    salesperson: CollaboratorId,
    client_sales_contact: CollaboratorId,
    anonymised: bool,
) -> bool {
    client_sales_contact == salesperson
        && can_import_clients_for(actor, salesperson)
        && can_update_client_fields(actor, client_sales_contact, anonymised)
}

/// Turns a rule's answer into the server's refusal.
pub fn ensure(allowed: bool) -> Result<(), AppError> {
    if allowed { Ok(()) } else { Err(AppError::Forbidden) }
}

/// What a lock (a signed contract, a finished or cancelled event) does to someone's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnderLock {
    Allowed,
    /// Refused for the lock alone: they could change the record unlocked, and are told why.
    Locked,
    Forbidden,
}

impl UnderLock {
    /// `rule(locked)`: whether the change is allowed with the record locked, or not.
    fn of(locked: bool, rule: impl Fn(bool) -> bool) -> Self {
        if rule(locked) {
            UnderLock::Allowed
        } else if locked && rule(false) {
            UnderLock::Locked
        } else {
            UnderLock::Forbidden
        }
    }

    /// The server's answer: the lock's reason (`why`) to whom the lock alone refuses, a plain
    /// refusal to anyone else.
    pub fn ensure(self, why: &str) -> Result<(), AppError> {
        match self {
            UnderLock::Allowed => Ok(()),
            UnderLock::Locked => Err(AppError::Refused(why.to_owned())),
            UnderLock::Forbidden => Err(AppError::Forbidden),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Ownership {
        Own,
        SomeoneElses,
        Unassigned,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Act {
        CreateClient,
        UpdateClient,
        ChangeClientSalesContact,
        CreateContract,
        UpdateContract,
        CreateEvent,
        UpdateEvent,
        AssignSupport,
        DeleteClient,
        DeleteContract,
        DeleteEvent,
    }

    const ACTS: [Act; 11] = [
        Act::CreateClient,
        Act::UpdateClient,
        Act::ChangeClientSalesContact,
        Act::CreateContract,
        Act::UpdateContract,
        Act::CreateEvent,
        Act::UpdateEvent,
        Act::AssignSupport,
        Act::DeleteClient,
        Act::DeleteContract,
        Act::DeleteEvent,
    ];

    const OWNERSHIPS: [Ownership; 3] = [Ownership::Own, Ownership::SomeoneElses, Ownership::Unassigned];

    fn actor(department: Department) -> Actor {
        Actor {
            id: CollaboratorId(Uuid::from_u128(1)),
            full_name: "Test".into(),
            email: "t@epic-events.fr".into(),
            department,
        }
    }

    fn owner(actor: &Actor, ownership: Ownership) -> Option<CollaboratorId> {
        match ownership {
            Ownership::Own => Some(actor.id),
            Ownership::SomeoneElses => Some(CollaboratorId(Uuid::from_u128(2))),
            Ownership::Unassigned => None,
        }
    }

    /// Runs the rule for `act` on a record whose owner (the client's sales contact, or the
    /// support contact for events) is given by `ownership`. Clients and contracts always have a sales contact, so
    /// "unassigned" means someone else's there.
    fn decide(actor: &Actor, act: Act, ownership: Ownership) -> bool {
        let owner_id = owner(actor, ownership);
        let sales = owner_id.unwrap_or(CollaboratorId(Uuid::from_u128(3)));
        match act {
            Act::CreateClient => can_create_client(actor),
            Act::UpdateClient => can_update_client(actor, sales),
            Act::ChangeClientSalesContact => can_change_client_sales_contact(actor),
            Act::CreateContract => can_create_contract(actor, sales),
            Act::UpdateContract => can_update_contract(actor, sales, false),
            Act::CreateEvent => can_create_event(actor, sales),
            Act::UpdateEvent => can_update_event(actor, owner_id, false),
            Act::AssignSupport => can_assign_support(actor),
            Act::DeleteClient | Act::DeleteContract | Act::DeleteEvent => can_delete(actor),
        }
    }

    /// The company's rules, written out as a table: what each department may do, by ownership.
    fn expected(department: Department, act: Act, ownership: Ownership) -> bool {
        use Department::*;
        use Ownership::*;
        match (department, act) {
            (Sales, Act::CreateClient) => true,
            (Sales, Act::UpdateClient | Act::CreateContract | Act::UpdateContract | Act::CreateEvent) => {
                ownership == Own
            }
            (Support, Act::UpdateEvent) => ownership == Own,
            (Management, Act::CreateContract | Act::UpdateContract) => true,
            (Management, Act::ChangeClientSalesContact | Act::AssignSupport) => true,
            (Management, Act::DeleteClient | Act::DeleteContract | Act::DeleteEvent) => true,
            _ => false,
        }
    }

    #[test]
    fn every_department_ownership_and_action_follows_the_company_rules() {
        let mut checked = 0;
        for department in Department::ALL {
            let actor = actor(department);
            for act in ACTS {
                for ownership in OWNERSHIPS {
                    assert_eq!(
                        decide(&actor, act, ownership),
                        expected(department, act, ownership),
                        "{department:?} {act:?} on {ownership:?} record"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 3 * 11 * 3);
    }

    #[test]
    fn sales_cannot_edit_another_sellers_client_or_contract() {
        let seller = actor(Department::Sales);
        let other = CollaboratorId(Uuid::from_u128(9));
        assert!(!can_update_client(&seller, other));
        assert!(!can_update_contract(&seller, other, false));
        assert!(!can_create_contract(&seller, other));
        assert!(!can_create_event(&seller, other));
    }

    #[test]
    fn payments_follow_the_contracts_rights_and_only_management_deletes_one() {
        let other = CollaboratorId(Uuid::from_u128(9));
        let (seller, support, manager) =
            (actor(Department::Sales), actor(Department::Support), actor(Department::Management));
        assert!(can_record_payment(&seller, seller.id));
        assert!(!can_record_payment(&seller, other), "another seller's client");
        assert!(!can_record_payment(&support, support.id));
        assert!(can_record_payment(&manager, other));
        assert!(can_delete_payment(&manager));
        assert!(!can_delete_payment(&seller) && !can_delete_payment(&support));
    }

    #[test]
    fn a_lock_is_given_as_the_reason_only_to_whom_it_alone_refuses() {
        use UnderLock::{Allowed, Forbidden, Locked};
        let (seller, support, manager) =
            (actor(Department::Sales), actor(Department::Support), actor(Department::Management));
        let other = CollaboratorId(Uuid::from_u128(2));
        let contracts = [
            (contract_change(&seller, seller.id, false), Allowed),
            (contract_change(&seller, seller.id, true), Locked),
            (contract_change(&seller, other, true), Forbidden),
            (contract_change(&support, support.id, true), Forbidden),
            (contract_change(&manager, other, true), Allowed),
        ];
        let events = [
            (event_change(&support, Some(support.id), false), Allowed),
            (event_change(&support, Some(support.id), true), Locked),
            (event_change(&support, Some(other), true), Forbidden),
            (event_change(&seller, Some(seller.id), true), Forbidden),
            (event_change(&manager, None, true), Allowed),
            (run_sheet_change(&support, Some(support.id), true), Locked),
            (run_sheet_change(&support, None, false), Forbidden),
            (run_sheet_change(&manager, None, false), Allowed),
        ];
        for (i, (outcome, expected)) in contracts.into_iter().chain(events).enumerate() {
            assert_eq!(outcome, expected, "case {i}");
        }
        assert_eq!(Locked.ensure("Verrouillé"), Err(AppError::Refused("Verrouillé".to_owned())));
        assert_eq!(Forbidden.ensure("Verrouillé"), Err(AppError::Forbidden));
        assert_eq!(Allowed.ensure("Verrouillé"), Ok(()));
    }

    #[test]
    fn a_signed_contract_is_changed_by_management_alone_but_its_payments_are_still_recorded() {
        let (seller, support, manager) =
            (actor(Department::Sales), actor(Department::Support), actor(Department::Management));
        assert!(can_update_contract(&seller, seller.id, false));
        assert!(!can_update_contract(&seller, seller.id, true), "signed: locked for its salesperson");
        assert!(can_update_contract(&manager, seller.id, true));
        assert!(!can_update_contract(&support, support.id, false));
        assert!(can_record_payment(&seller, seller.id), "collecting follows the signature");
    }

    #[test]
    fn contract_moves_follow_the_stages_and_the_lock() {
        use ContractStage::*;
        let (seller, manager) = (actor(Department::Sales), actor(Department::Management));
        let other = CollaboratorId(Uuid::from_u128(9));
        assert!(can_take_contract_to(&seller, Prospect, Proposal, seller.id));
        assert!(can_take_contract_to(&seller, Proposal, Signed, seller.id));
        assert!(!can_take_contract_to(&seller, Prospect, Proposal, other), "another seller's client");
        assert!(can_take_contract_to(&manager, Proposal, Prospect, other));
        for to in ContractStage::ALL {
            assert!(!can_take_contract_to(&manager, Signed, to, other), "a signature stays: {to:?}");
        }
        assert!(!can_take_contract_to(&manager, Prospect, Paid, other), "soldé follows the payments");
    }

    #[test]
    fn the_events_support_and_management_write_its_debrief() {
        let (seller, support, manager) =
            (actor(Department::Sales), actor(Department::Support), actor(Department::Management));
        assert!(can_write_debrief(&support, Some(support.id)));
        assert!(!can_write_debrief(&support, Some(CollaboratorId(Uuid::from_u128(9)))), "another's event");
        assert!(!can_write_debrief(&support, None));
        assert!(can_write_debrief(&manager, None));
        assert!(!can_write_debrief(&seller, Some(seller.id)));
    }

    #[test]
    fn collections_are_for_sales_and_management_and_the_team_view_for_management() {
        let (seller, support, manager) =
            (actor(Department::Sales), actor(Department::Support), actor(Department::Management));
        assert!(can_see_collections(&seller) && can_see_collections(&manager));
        assert!(!can_see_collections(&support));
        assert!(can_see_team_collections(&manager) && !can_see_team_collections(&seller));
    }

    #[test]
    fn support_edits_only_the_events_assigned_to_them() {
        let support = actor(Department::Support);
        assert!(can_update_event(&support, Some(support.id), false));
        assert!(!can_update_event(&support, Some(CollaboratorId(Uuid::from_u128(9))), false));
        assert!(!can_update_event(&support, None, false));
        assert!(!can_assign_support(&support));
    }

    #[test]
    fn management_manages_contracts_and_assignments_but_does_not_sell() {
        let manager = actor(Department::Management);
        assert!(can_update_contract(&manager, CollaboratorId(Uuid::from_u128(9)), false));
        assert!(can_assign_support(&manager));
        assert!(!can_create_client(&manager));
        assert!(!can_update_event(&manager, Some(manager.id), false));
    }

    #[test]
    fn only_management_deletes_and_administers() {
        for department in Department::ALL {
            assert_eq!(can_delete(&actor(department)), department == Department::Management);
            assert_eq!(can_administer(&actor(department)), department == Department::Management);
        }
        assert_eq!(ensure(false), Err(AppError::Forbidden));
    }

    #[test]
    fn only_management_exports_and_anonymises_personal_data() {
        for department in Department::ALL {
            assert_eq!(can_handle_personal_data_requests(&actor(department)), department == Department::Management);
        }
    }

    #[test]
    fn rights_on_contracts_and_events_follow_the_clients_current_seller() {
        let former = actor(Department::Sales);
        let new_seller = CollaboratorId(Uuid::from_u128(7));
        // The client now belongs to `new_seller`: the former seller is refused what they sold.
        assert!(!can_update_contract(&former, new_seller, false));
        assert!(!can_create_event(&former, new_seller));
        assert!(can_update_contract(&former, former.id, false));
        assert!(can_create_event(&former, former.id));
    }

    #[test]
    fn support_changes_dates_place_attendees_and_notes_but_not_the_title() {
        use EventField::*;
        let support = actor(Department::Support);
        for field in [Dates, Location, Attendees, Notes] {
            assert!(can_change_event_field(&support, field, false), "{field:?}");
        }
        assert!(!can_change_event_field(&support, Title, false));
        for field in [Title, Dates, Location, Attendees, Notes] {
            assert!(!can_change_event_field(&actor(Department::Sales), field, false), "{field:?}");
            assert!(can_change_event_field(&actor(Department::Management), field, false), "{field:?}: corrections");
        }
    }

    #[test]
    fn nobody_types_free_text_into_an_anonymised_clients_events() {
        use EventField::*;
        let support = actor(Department::Support);
        assert!(!can_change_event_field(&support, Location, true));
        assert!(!can_change_event_field(&support, Notes, true));
        assert!(can_change_event_field(&support, Dates, true), "dates and attendees carry nobody");
        assert!(can_change_event_field(&support, Attendees, true));
        assert!(!can_add_to_client(true));
        assert!(can_add_to_client(false));
    }

    #[test]
    fn an_anonymised_client_is_edited_by_nobody() {
        let seller = actor(Department::Sales);
        assert!(can_update_client_fields(&seller, seller.id, false));
        assert!(!can_update_client_fields(&seller, seller.id, true));
        for department in Department::ALL {
            let someone = actor(department);
            assert!(!can_update_client_fields(&someone, someone.id, true));
        }
    }

    #[test]
    fn sales_import_for_themselves_management_for_any_salesperson_support_not_at_all() {
        let (seller, other) = (actor(Department::Sales), CollaboratorId(Uuid::from_u128(9)));
        assert!(can_import_clients(&seller));
        assert!(can_import_clients_for(&seller, seller.id));
        assert!(!can_import_clients_for(&seller, other), "not into another salesperson's portfolio");
        let manager = actor(Department::Management);
        assert!(can_import_clients(&manager) && can_import_clients_for(&manager, other));
        let support = actor(Department::Support);
        assert!(!can_import_clients(&support));
        assert!(!can_import_clients_for(&support, support.id));
    }

    #[test]
    fn an_import_updates_only_what_the_client_form_would_within_the_filled_portfolio() {
        let (seller, other) = (actor(Department::Sales), CollaboratorId(Uuid::from_u128(9)));
        assert!(can_update_client_by_import(&seller, seller.id, seller.id, false));
        assert!(!can_update_client_by_import(&seller, seller.id, other, false), "another salesperson's client");
        assert!(!can_update_client_by_import(&seller, seller.id, seller.id, true), "anonymised");
        assert!(!can_update_client_by_import(&seller, other, other, false), "not importing for someone else");
        let manager = actor(Department::Management);
        assert!(!can_update_client_by_import(&manager, other, other, false), "management edits no client");
        assert!(!can_update_client_by_import(&manager, other, seller.id, false), "outside the chosen portfolio");
        let support = actor(Department::Support);
        assert!(!can_update_client_by_import(&support, support.id, support.id, false));
    }

    fn record(sales: u128, support: Option<u128>, anonymised: bool) -> RecordOwners {
        RecordOwners {
            client_id: crate::domain::ClientId(Uuid::from_u128(10)),
            contract_id: None,
            sales_contact_id: CollaboratorId(Uuid::from_u128(sales)),
            support_contact_id: support.map(|id| CollaboratorId(Uuid::from_u128(id))),
            client_anonymised: anonymised,
        }
    }

    #[test]
    fn notes_are_written_by_who_answers_for_the_record() {
        let (sales, support, management) =
            (actor(Department::Sales), actor(Department::Support), actor(Department::Management));
        // `actor` is collaborator 1.
        assert!(can_write_on_record(&sales, &record(1, None, false)));
        assert!(!can_write_on_record(&sales, &record(2, Some(1), false)));
        assert!(can_write_on_record(&support, &record(2, Some(1), false)));
        assert!(!can_write_on_record(&support, &record(1, Some(2), false)));
        assert!(!can_write_on_record(&support, &record(1, None, false)));
        assert!(can_write_on_record(&management, &record(2, None, false)));
        for who in [&sales, &support, &management] {
            assert!(!can_write_on_record(who, &record(1, Some(1), true)), "{:?}", who.department);
        }
    }

    #[test]
    fn a_note_is_changed_by_its_author_within_fifteen_minutes() {
        let author = actor(Department::Sales);
        let written = chrono::DateTime::parse_from_rfc3339("2026-03-12T10:00:00Z").unwrap().to_utc();
        let mine = Some(author.id);
        assert!(can_change_note(&author, mine, written, written + chrono::Duration::minutes(14)));
        assert!(!can_change_note(&author, mine, written, written + chrono::Duration::minutes(15)));
        assert!(!can_change_note(&author, Some(CollaboratorId(Uuid::from_u128(2))), written, written));
        assert!(!can_change_note(&actor(Department::Management), None, written, written));
        let late = written + chrono::Duration::days(30);
        assert!(can_delete_note(&actor(Department::Management), None, written, late));
        assert!(!can_delete_note(&author, mine, written, late));
    }

    #[test]
    fn a_follow_up_is_done_by_its_owner_its_author_or_management() {
        let (me, other) = (CollaboratorId(Uuid::from_u128(1)), CollaboratorId(Uuid::from_u128(2)));
        let sales = actor(Department::Sales);
        assert!(can_complete_follow_up(&sales, me, Some(other)));
        assert!(can_complete_follow_up(&sales, other, Some(me)));
        assert!(!can_complete_follow_up(&sales, other, None));
        assert!(!can_complete_follow_up(&actor(Department::Support), other, Some(other)));
        assert!(can_complete_follow_up(&actor(Department::Management), other, None));
        assert!(can_see_team_follow_ups(&actor(Department::Management)));
        assert!(!can_see_team_follow_ups(&sales));
    }

    #[test]
    fn a_finished_or_cancelled_event_is_corrected_by_management_alone() {
        let (support, manager) = (actor(Department::Support), actor(Department::Management));
        assert!(!can_update_event(&support, Some(support.id), true), "its own support no longer edits it");
        assert!(can_update_event(&manager, None, true));
        assert!(!can_update_event(&actor(Department::Sales), None, true));
        assert!(!can_change_event_field(&manager, EventField::Notes, true), "not free text for an anonymised client");
    }

    #[test]
    fn an_event_is_confirmed_by_who_answers_for_it_cancelled_by_its_seller_restored_by_management() {
        use EventMove::*;
        let (sales, support, manager) =
            (actor(Department::Sales), actor(Department::Support), actor(Department::Management));
        let mine = record(1, Some(1), false);
        let others = record(2, Some(2), false);
        for who in [&sales, &support, &manager] {
            assert!(can_move_event(who, Confirm, &mine), "{:?}", who.department);
            assert!(can_move_event(who, Unconfirm, &mine), "{:?}", who.department);
        }
        assert!(!can_move_event(&sales, Confirm, &others));
        assert!(!can_move_event(&support, Confirm, &others));
        assert!(can_move_event(&sales, Cancel, &mine));
        assert!(!can_move_event(&sales, Cancel, &others));
        assert!(!can_move_event(&support, Cancel, &mine), "support runs the event, the client cancels through sales");
        assert!(can_move_event(&manager, Cancel, &others));
        assert!(!can_move_event(&sales, Restore, &mine));
        assert!(can_move_event(&manager, Restore, &others));
    }
    #[test]
    fn the_run_sheet_is_edited_by_the_events_support_and_by_management() {
        use Department::*;
        use Ownership::*;
        // (department, whose event, locked) → may edit
        let table = [
            (Support, Own, false, true),
            (Support, Own, true, false),
            (Support, SomeoneElses, false, false),
            (Support, Unassigned, false, false),
            (Sales, Own, false, false),
            (Sales, SomeoneElses, false, false),
            (Management, SomeoneElses, false, true),
            (Management, Unassigned, true, true),
        ];
        for (department, ownership, locked, allowed) in table {
            let a = actor(department);
            let support = owner(&a, ownership);
            assert_eq!(
                can_edit_run_sheet(&a, support, locked),
                allowed,
                "{department:?} {ownership:?} locked={locked}"
            );
        }
    }
}
