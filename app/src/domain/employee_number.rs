//! A collaborator's employee number ("EE-0101"): upper-cased letters, digits and dashes.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::fr as t;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct EmployeeNumber(String);

impl EmployeeNumber {
    pub const MAX_CHARS: usize = 20;

    pub fn parse(input: &str) -> Result<Self, String> {
        let number = input.trim().to_uppercase();
        let valid = !number.is_empty()
            && number.len() <= Self::MAX_CHARS
            && number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if valid { Ok(Self(number)) } else { Err(t::EMPLOYEE_NUMBER_INVALID.to_owned()) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmployeeNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for EmployeeNumber {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmployeeNumber> for String {
    fn from(number: EmployeeNumber) -> Self {
        number.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_trimmed_and_upper_cased() {
        assert_eq!(EmployeeNumber::parse(" ee-0101 ").unwrap().as_str(), "EE-0101");
    }

    #[test]
    fn other_characters_and_long_numbers_are_refused() {
        for bad in ["", "  ", "EE 01", "EE_01", "É-01", &"9".repeat(21)] {
            assert_eq!(EmployeeNumber::parse(bad), Err(t::EMPLOYEE_NUMBER_INVALID.to_owned()), "{bad:?}");
        }
        assert!(EmployeeNumber::parse(&"9".repeat(20)).is_ok());
    }
}
