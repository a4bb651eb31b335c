//! A collaborator to create, checked once at the boundary.

use crate::auth::Department;
use crate::auth::model::looks_like_email;
use crate::error::{AppError, FieldErrors};

pub const MIN_PASSWORD_LEN: usize = 12;
pub const MAX_NAME_LEN: usize = 120;

/// The most common passwords of at least twelve characters, refused outright.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "qwertyuiopas",
    "azertyuiopqs",
    "motdepasse123",
    "password1234",
    "passwordpassword",
    "111111111111",
    "000000000000",
    "azertyazerty",
    "qwertyqwerty",
    "iloveyou1234",
    "administrator",
    "motdepassemotdepasse",
    "epicevents2026",
];

/// A new password: 12 characters at least, no composition rules, not a well-known one.
pub fn check_new_password(password: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_LEN {
        Err("Le mot de passe doit contenir au moins 12 caractères.")
    } else if password.len() > crate::auth::model::MAX_PASSWORD_LEN {
        Err("Le mot de passe est trop long.")
    } else if COMMON_PASSWORDS.contains(&password.to_lowercase().as_str()) {
        Err("Ce mot de passe est trop courant ; choisissez-en un autre.")
    } else {
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCollaborator {
    pub employee_number: String,
    pub full_name: String,
    pub email: String,
    pub department: Department,
}

impl NewCollaborator {
    pub fn parse(
        employee_number: &str,
        full_name: &str,
        email: &str,
        department: Department,
    ) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let employee_number = employee_number.trim().to_uppercase();
        if employee_number.is_empty()
            || employee_number.len() > 20
            || !employee_number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            errors.insert(
                "employee_number".into(),
                "Matricule invalide (lettres, chiffres et tirets, 20 au plus).".into(),
            );
        }
        let full_name = full_name.split_whitespace().collect::<Vec<_>>().join(" ");
        if full_name.is_empty() || full_name.chars().count() > MAX_NAME_LEN {
            errors.insert("full_name".into(), "Saisissez un nom (120 caractères au plus).".into());
        }
        let email = email.trim().to_lowercase();
        if !looks_like_email(&email) {
            errors.insert("email".into(), crate::i18n::fr::EMAIL_INVALID.into());
        }
        if errors.is_empty() {
            Ok(NewCollaborator { employee_number, full_name, email, department })
        } else {
            Err(AppError::invalid(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_collaborator_is_normalised() {
        let c =
            NewCollaborator::parse(" ee-001 ", "  Marie   Curie ", "Marie@Epic-Events.fr", Department::Sales).unwrap();
        assert_eq!(c.employee_number, "EE-001");
        assert_eq!(c.full_name, "Marie Curie");
        assert_eq!(c.email, "marie@epic-events.fr");
    }

    #[test]
    fn bad_fields_are_reported_together() {
        let err = NewCollaborator::parse("E 1", "", "nope", Department::Support).unwrap_err();
        for field in ["employee_number", "full_name", "email"] {
            assert!(err.field_message(field).is_some(), "{field}");
        }
    }

    #[test]
    fn password_policy_wants_length_not_composition() {
        assert!(check_new_password("short").is_err());
        assert!(check_new_password("motdepasse123").is_err());
        assert!(check_new_password("correct horse battery").is_ok());
        assert!(check_new_password("EpicEvents-Demo-2026").is_ok());
    }
}
