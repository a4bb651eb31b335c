//! An e-mail address, trimmed and lower-cased.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::i18n::fr as t;

/// The shortest address that can be valid, "a@b" aside: in characters.
pub const MIN_LEN: usize = 3;
/// The longest address a mail server must accept (RFC 5321), in characters.
pub const MAX_LEN: usize = 254;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, String> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err(t::EMAIL_ADDRESS_REQUIRED.to_owned());
        }
        if is_valid(&email) { Ok(Self(email)) } else { Err(t::EMAIL_INVALID.to_owned()) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

fn is_valid(email: &str) -> bool {
    let length = email.chars().count();
    if !(MIN_LEN..=MAX_LEN).contains(&length) {
        return false;
    }
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) || email.contains("..") {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for Email {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::parse(input)
    }
}

impl TryFrom<String> for Email {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn invalid() -> Result<Email, String> {
        Err(t::EMAIL_INVALID.to_owned())
    }

    #[test]
    fn an_address_is_trimmed_and_lower_cased() {
        let email = Email::parse("  Jean.Dupont@Example.FR \n").unwrap();
        assert_eq!(email.as_str(), "jean.dupont@example.fr");
        assert_eq!(email.to_string(), "jean.dupont@example.fr");
    }

    #[test]
    fn ordinary_addresses_are_accepted() {
        for input in ["a@b.c", "anne-marie+crm@epic-events.co.uk", "x_y@sub.domain.fr", "élodie@société.fr"] {
            assert!(Email::parse(input).is_ok(), "{input:?}");
        }
    }

    #[test]
    fn an_empty_address_asks_for_one() {
        assert_eq!(Email::parse(""), Err(t::EMAIL_ADDRESS_REQUIRED.to_owned()));
        assert_eq!(Email::parse("   \t "), Err(t::EMAIL_ADDRESS_REQUIRED.to_owned()));
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for input in [
            "a@b",
            "plainaddress",
            "@example.fr",
            "jean@@example.fr",
            "jean@dupont@example.fr",
            "jean@example",
            "jean@.example.fr",
            "jean@example.fr.",
            "jean@-example.fr",
            "jean@example.fr-",
            "jean@exa..mple.fr",
            "je..an@example.fr",
            "jean dupont@example.fr",
            "jean@exam\u{0}ple.fr",
            "jean@exam\u{a0}ple.fr",
            "jean@",
        ] {
            assert_eq!(Email::parse(input), invalid(), "{input:?}");
        }
    }

    #[test]
    fn the_length_limits_are_counted_in_characters() {
        let longest = format!("{}@example.fr", "a".repeat(MAX_LEN - 11));
        assert_eq!(longest.chars().count(), MAX_LEN);
        assert!(Email::parse(&longest).is_ok());
        let too_long = format!("a{longest}");
        assert_eq!(Email::parse(&too_long), invalid());
    }

    #[test]
    fn serde_refuses_an_invalid_address() {
        assert!(serde_json::from_str::<Email>("\"not an email\"").is_err());
        let email: Email = serde_json::from_str("\"A@B.FR\"").unwrap();
        assert_eq!(email.as_str(), "a@b.fr");
        assert_eq!(serde_json::to_string(&email).unwrap(), "\"a@b.fr\"");
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent_on_its_own_output(
            local in "[A-Za-z0-9._%+-]{1,30}",
            domain in "[A-Za-z0-9]([A-Za-z0-9-]{0,10}[A-Za-z0-9])?",
            tld in "[A-Za-z]{2,6}",
        ) {
            let input = format!("{local}@{domain}.{tld}");
            if let Ok(email) = Email::parse(&input) {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
                prop_assert_eq!(email.as_str(), input.to_lowercase());
            } else {
                prop_assert!(local.contains(".."));
            }
        }

        #[test]
        fn any_accepted_address_reparses_to_itself(input in any::<String>()) {
            if let Ok(email) = Email::parse(&input) {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email));
            }
        }

        #[test]
        fn arbitrary_strings_are_refused_with_a_message_never_a_panic(input in "\\PC*[@.\\s-]*\\PC*") {
            if let Err(message) = Email::parse(&input) {
                prop_assert!(message == t::EMAIL_ADDRESS_REQUIRED || message == t::EMAIL_INVALID);
            }
        }
    }
}
