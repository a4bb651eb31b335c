//! Pure domain value types, shared by the server and the browser.
//!
//! Each type has private fields and a `parse` constructor, so an invalid value cannot exist.
//! Parsers return `Result<T, String>` with a French, user-facing message; callers attach it to
//! whichever form field they parsed, for instance with [`ForField::for_field`].

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
pub use ids::{ClientId, CollaboratorId, ContractId, EventId};
pub use money::Cents;
pub use phone::Phone;
pub use text::{CompanyName, EventTitle, Location, Notes, PersonName};

use crate::error::AppError;

/// Turns a parser's French message into a validation error on one form field.
pub trait ForField<T> {
    fn for_field(self, name: &str) -> Result<T, AppError>;
}

impl<T> ForField<T> for Result<T, String> {
    fn for_field(self, name: &str) -> Result<T, AppError> {
        self.map_err(|message| AppError::field(name, message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parse_error_becomes_a_validation_error_on_the_named_field() {
        let error = Email::parse("").for_field("email").unwrap_err();
        assert_eq!(error.field_message("email"), Some(crate::i18n::fr::EMAIL_ADDRESS_REQUIRED));
    }

    #[test]
    fn a_parsed_value_passes_through_for_field_unchanged() {
        let email = Email::parse("a@b.fr").for_field("email").unwrap();
        assert_eq!(email.as_str(), "a@b.fr");
    }
}
