//! Pure domain value types, shared by the server and the browser.
//!
//! Each type has private fields and a `parse` constructor, so an invalid value cannot exist.
//! Parsers return `Result<T, String>` with a French, user-facing message; callers attach it to
//! whichever form field they parsed, for instance with `forms::Validator::check`.

pub mod datetime;
pub mod department;
pub mod email;
pub mod employee_number;
pub mod ids;
pub mod money;
pub mod phone;
pub mod text;

pub use department::Department;
pub use email::Email;
pub use employee_number::EmployeeNumber;
pub use ids::{
    ClientId, CollaboratorId, ContractId, EventId, FollowUpId, ImportId, MilestoneId, NoteId, NotificationId,
    PaymentId, TimelineItemId,
};
pub use money::Cents;
pub use phone::Phone;
pub use text::{
    CompanyName, EventTitle, FollowUpTitle, Location, MilestoneLabel, Notes, PersonName, Reason, TimelineLabel,
};
