//! Checking a submitted form field by field, so that every problem is reported at once.

use crate::domain::CollaboratorId;
use crate::error::{AppError, FieldErrors};

#[derive(Default)]
pub struct Validator {
    errors: FieldErrors,
}

impl Validator {
    pub fn new() -> Self {
        Validator::default()
    }

    /// Keeps the parsed value, or the parser's message under `field`.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, String>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(message) => {
                self.errors.entry(field.to_owned()).or_insert(message);
                None
            }
        }
    }

    /// Adds a rule that involves several fields.
    pub fn require(&mut self, field: &str, ok: bool, message: &str) {
        if !ok {
            self.errors.entry(field.to_owned()).or_insert_with(|| message.to_owned());
        }
    }

    /// The value built from the parsed fields, or every message collected.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, AppError> {
        match value {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => Err(AppError::invalid(self.errors)),
        }
    }
}

/// A collaborator chosen in a select: empty means none; anything else must be an identifier.
pub fn chosen_id(raw: &str) -> Result<Option<CollaboratorId>, String> {
    match raw.trim() {
        "" => Ok(None),
        id => id.parse().map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_field_is_reported_together() {
        let mut v = Validator::new();
        let a: Option<i32> = v.check("a", Err("bad a".into()));
        let b: Option<i32> = v.check("b", Err("bad b".into()));
        let err = v.finish(a.zip(b)).unwrap_err();
        assert_eq!(err.field_message("a"), Some("bad a"));
        assert_eq!(err.field_message("b"), Some("bad b"));
    }

    #[test]
    fn cross_field_rules_fail_even_when_fields_parse() {
        let mut v = Validator::new();
        let x = v.check("end", Ok(1));
        v.require("end", false, "La fin doit suivre le début.");
        assert!(v.finish(x).is_err());
    }
}
