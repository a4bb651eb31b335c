//! A telephone number, stored in E.164 form ("+33612345678") whatever way it was typed.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::i18n::fr as t;

/// Fewest and most digits after the "+", country code included (E.164 allows 15).
const MIN_DIGITS: usize = 8;
const MAX_DIGITS: usize = 15;
/// Anything longer is not a phone number, however it is punctuated.
const MAX_INPUT_LEN: usize = 64;
const FRANCE: &str = "33";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct Phone(String);

impl Phone {
    /// Accepts French national numbers ("06 12 34 56 78"), and international ones starting with
    /// "+" or "00" ("+33 (0)6 12 34 56 78", "0044 20 7946 0958"); spaces, dots, dashes and
    /// parentheses may separate the digits.
    pub fn parse(input: &str) -> Result<Self, String> {
        let input = input.trim();
        if input.is_empty() {
            return Err(t::PHONE_REQUIRED.to_owned());
        }
        to_e164(input).map(Self).ok_or_else(|| t::PHONE_INVALID.to_owned())
    }

    /// The number as stored: "+" then 8 to 15 digits.
    pub fn as_e164(&self) -> &str {
        &self.0
    }

    /// The number for reading: French numbers grouped ("+33 6 12 34 56 78"), others in E.164.
    pub fn display(&self) -> String {
        match self.0.strip_prefix("+33") {
            Some(national) if national.len() == 9 => {
                let mut out = String::with_capacity(17);
                out.push_str("+33 ");
                out.push_str(&national[..1]);
                for pair in national.as_bytes()[1..].chunks(2) {
                    out.push(' ');
                    pair.iter().for_each(|&digit| out.push(char::from(digit)));
                }
                out
            }
            _ => self.0.clone(),
        }
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t')
}

/// The digits of the number, in E.164 with its "+", or None if it is not a valid number.
fn to_e164(input: &str) -> Option<String> {
    if input.len() > MAX_INPUT_LEN {
        return None;
    }
    let (plus, rest) = match input.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, input),
    };

    // Collect the digits, dropping a trunk prefix "(0)" written after the country code.
    let mut digits = String::with_capacity(MAX_DIGITS + 2);
    let mut group: Option<String> = None;
    for c in rest.chars() {
        match c {
            '0'..='9' => match group.as_mut() {
                Some(group) => group.push(c),
                None => digits.push(c),
            },
            '(' if group.is_none() => group = Some(String::new()),
            ')' => {
                let content = group.take()?;
                if content.is_empty() {
                    return None;
                }
                let international_digits =
                    if plus { Some(digits.len()) } else { digits.strip_prefix("00").map(str::len) };
                let after_country_code = matches!(international_digits, Some(1..=3));
                if !(content == "0" && after_country_code) {
                    digits.push_str(&content);
                }
            }
            '.' | '-' => {}
            c if is_space(c) => {}
            _ => return None,
        }
    }
    if group.is_some() {
        return None;
    }

    let international = if plus {
        digits
    } else if let Some(international) = digits.strip_prefix("00") {
        international.to_owned()
    } else if digits.len() == 10 && digits.starts_with('0') && !digits[1..].starts_with('0') {
        format!("{FRANCE}{}", &digits[1..])
    } else {
        return None;
    };

    let valid = (MIN_DIGITS..=MAX_DIGITS).contains(&international.len())
        && !international.starts_with('0')
        && match international.strip_prefix(FRANCE) {
            Some(national) => national.len() == 9 && !national.starts_with('0'),
            None => true,
        };
    valid.then(|| format!("+{international}"))
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl FromStr for Phone {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::parse(input)
    }
}

impl TryFrom<String> for Phone {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(phone: Phone) -> Self {
        phone.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn e164(input: &str) -> Result<String, String> {
        Phone::parse(input).map(Phone::into_inner)
    }

    fn invalid() -> Result<String, String> {
        Err(t::PHONE_INVALID.to_owned())
    }

    #[test]
    fn french_mobile_numbers_are_normalised_to_e164() {
        for input in ["06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "0612345678", " 06 12 34 56 78 "] {
            assert_eq!(e164(input), Ok("+33612345678".to_owned()), "{input:?}");
        }
    }

    #[test]
    fn french_landlines_are_normalised_to_e164() {
        assert_eq!(e164("01 23 45 67 89"), Ok("+33123456789".to_owned()));
        assert_eq!(e164("09 87 65 43 21"), Ok("+33987654321".to_owned()));
    }

    #[test]
    fn french_numbers_written_internationally_are_normalised_to_e164() {
        for input in [
            "+33 6 12 34 56 78",
            "+33612345678",
            "+33 (0)6 12 34 56 78",
            "+33(0)612345678",
            "0033612345678",
            "0033 (0)6 12 34 56 78",
            "+33 6.12.34.56.78",
        ] {
            assert_eq!(e164(input), Ok("+33612345678".to_owned()), "{input:?}");
        }
    }

    #[test]
    fn foreign_numbers_are_kept_in_e164() {
        assert_eq!(e164("+44 20 7946 0958"), Ok("+442079460958".to_owned()));
        assert_eq!(e164("0044 20 7946 0958"), Ok("+442079460958".to_owned()));
        assert_eq!(e164("+44 (0)20 7946 0958"), Ok("+442079460958".to_owned()));
        assert_eq!(e164("+1 (415) 555-2671"), Ok("+14155552671".to_owned()));
        assert_eq!(e164("+32 2 123 45 67"), Ok("+3221234567".to_owned()));
    }

    #[test]
    fn an_empty_number_asks_for_one() {
        assert_eq!(e164(""), Err(t::PHONE_REQUIRED.to_owned()));
        assert_eq!(e164("  "), Err(t::PHONE_REQUIRED.to_owned()));
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for input in [
            "06 12 34 56 7",
            "06 12 34 56 789",
            "00 01 23 45 67 89",
            "6 12 34 56 78",
            "612345678",
            "+33 06 12 34 56 78",
            "+33 0 12 34 56 78",
            "+33 6 12 34 56 7",
            "+33 6 12 34 56 789",
            "+0 12 34 56 78",
            "000033612345678",
            "+1234567",
            "+1234567890123456",
            "06 12 34 56 7a",
            "tel: 06 12 34 56 78",
            "06/12/34/56/78",
            "06 12 34 56 78 ext 2",
            "+33 6 12 34 56 78 +",
            "++33612345678",
            "+33 ((0))6 12 34 56 78",
            "+33 (6 12 34 56 78",
            "+33 6) 12 34 56 78",
            "+33 () 6 12 34 56 78",
            "06 12 34 56 78\u{0}",
            "０６１２３４５６７８",
            "-",
            "+",
        ] {
            assert_eq!(e164(input), invalid(), "{input:?}");
        }
    }

    #[test]
    fn french_numbers_are_displayed_in_pairs() {
        let phone = Phone::parse("0612345678").unwrap();
        assert_eq!(phone.as_e164(), "+33612345678");
        assert_eq!(phone.display(), "+33 6 12 34 56 78");
        assert_eq!(phone.to_string(), "+33 6 12 34 56 78");
    }

    #[test]
    fn foreign_numbers_are_displayed_in_e164() {
        assert_eq!(Phone::parse("+44 20 7946 0958").unwrap().display(), "+442079460958");
    }

    #[test]
    fn serde_stores_e164_and_refuses_an_invalid_number() {
        let phone: Phone = serde_json::from_str("\"06 12 34 56 78\"").unwrap();
        assert_eq!(serde_json::to_string(&phone).unwrap(), "\"+33612345678\"");
        assert!(serde_json::from_str::<Phone>("\"12\"").is_err());
    }

    proptest! {
        #[test]
        fn any_french_number_displayed_then_reparsed_is_unchanged(national in "[1-9][0-9]{8}") {
            let phone = Phone::parse(&format!("+33{national}")).unwrap();
            prop_assert_eq!(phone.as_e164(), format!("+33{national}"));
            prop_assert_eq!(Phone::parse(&phone.display()), Ok(phone.clone()));
            prop_assert_eq!(Phone::parse(phone.as_e164()), Ok(phone.clone()));
            prop_assert_eq!(Phone::parse(&format!("0{national}")), Ok(phone));
        }

        #[test]
        fn any_international_number_reparses_to_itself(digits in "[1-9][0-9]{7,14}") {
            match Phone::parse(&format!("+{digits}")) {
                Ok(phone) => {
                    prop_assert_eq!(phone.as_e164(), format!("+{digits}"));
                    prop_assert_eq!(Phone::parse(&phone.display()), Ok(phone.clone()));
                    prop_assert_eq!(Phone::parse(&format!("00{digits}")), Ok(phone));
                }
                Err(message) => {
                    prop_assert!(digits.starts_with("33"));
                    prop_assert_eq!(message, t::PHONE_INVALID);
                }
            }
        }

        #[test]
        fn accepted_numbers_are_always_e164(input in "[+]?[0-9 .()-]{0,25}") {
            match Phone::parse(&input) {
                Ok(phone) => {
                    let digits = &phone.as_e164()[1..];
                    prop_assert!(phone.as_e164().starts_with('+'));
                    prop_assert!((MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()));
                    prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()));
                    prop_assert_eq!(Phone::parse(&phone.display()), Ok(phone));
                }
                Err(message) => prop_assert!(message == t::PHONE_REQUIRED || message == t::PHONE_INVALID),
            }
        }

        #[test]
        fn arbitrary_strings_are_refused_with_a_message_never_a_panic(input in any::<String>()) {
            if let Err(message) = Phone::parse(&input) {
                prop_assert!(message == t::PHONE_REQUIRED || message == t::PHONE_INVALID);
            }
        }
    }
}
