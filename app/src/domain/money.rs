//! Amounts of money in euro cents: never negative, never more than a billion euros.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::i18n::fr as t;

/// U+202F NARROW NO-BREAK SPACE, between groups of thousands.
const THOUSANDS_SEPARATOR: char = '\u{202f}';
/// U+00A0 NO-BREAK SPACE, before the currency sign.
const NO_BREAK_SPACE: char = '\u{a0}';
/// Anything longer is not an amount, however it is punctuated.
const MAX_INPUT_LEN: usize = 64;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct Cents(i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);
    /// One billion euros.
    pub const MAX: Cents = Cents(100_000_000_000);

    pub fn new(cents: i64) -> Result<Self, String> {
        if cents < 0 {
            Err(t::AMOUNT_NEGATIVE.to_owned())
        } else if cents > Self::MAX.0 {
            Err(t::AMOUNT_INVALID.to_owned())
        } else {
            Ok(Self(cents))
        }
    }

    /// Accepts what a French user types: "1234", "1 234,56", "1234.5", "1 234,56 €"; spaces
    /// (plain, no-break or narrow no-break) may separate groups of three digits.
    pub fn parse(input: &str) -> Result<Self, String> {
        let input = input.trim();
        if input.is_empty() {
            return Err(t::AMOUNT_REQUIRED.to_owned());
        }
        if input.len() > MAX_INPUT_LEN {
            return Err(t::AMOUNT_INVALID.to_owned());
        }
        let amount = input.strip_suffix('€').map_or(input, str::trim_end);
        if amount.is_empty() {
            return Err(t::AMOUNT_REQUIRED.to_owned());
        }
        if amount.starts_with('-') {
            return Err(t::AMOUNT_NEGATIVE.to_owned());
        }
        let cents = parse_amount(amount).ok_or_else(|| t::AMOUNT_INVALID.to_owned())?;
        Self::new(cents)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    pub const fn euros(self) -> i64 {
        self.0 / 100
    }

    /// The cents below the euro, 0 to 99.
    pub const fn cents_part(self) -> i64 {
        self.0 % 100
    }

    /// What to pre-fill in a form input: "1234,56", no separators nor currency sign.
    pub fn format_input(self) -> String {
        format!("{},{:02}", self.euros(), self.cents_part())
    }

    /// The sum, if it stays within the limit.
    pub fn checked_add(self, other: Cents) -> Option<Cents> {
        self.0.checked_add(other.0).and_then(|sum| Self::new(sum).ok())
    }

    /// The difference, if it is not negative.
    pub fn checked_sub(self, other: Cents) -> Option<Cents> {
        self.0.checked_sub(other.0).and_then(|difference| Self::new(difference).ok())
    }
}

fn is_group_separator(c: char) -> bool {
    matches!(c, ' ' | NO_BREAK_SPACE | THOUSANDS_SEPARATOR)
}

/// The amount in cents, or None if it is not written as a French or plain decimal number.
fn parse_amount(amount: &str) -> Option<i64> {
    let (whole, fraction) = match amount.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (amount, None),
    };

    let mut groups = whole.split(is_group_separator);
    let first = groups.next()?;
    let grouped = whole.contains(is_group_separator);
    if first.is_empty() || (grouped && first.len() > 3) {
        return None;
    }
    let mut euros: i64 = 0;
    for (index, group) in std::iter::once(first).chain(groups).enumerate() {
        if (index > 0 && group.len() != 3) || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        for digit in group.bytes() {
            euros = euros.checked_mul(10)?.checked_add(i64::from(digit - b'0'))?;
        }
    }

    let cents = match fraction {
        None => 0,
        Some(fraction) => match fraction.as_bytes() {
            [tens] if tens.is_ascii_digit() => i64::from(tens - b'0') * 10,
            [tens, units] if tens.is_ascii_digit() && units.is_ascii_digit() => {
                i64::from(tens - b'0') * 10 + i64::from(units - b'0')
            }
            _ => return None,
        },
    };
    euros.checked_mul(100)?.checked_add(cents)
}

/// French format: "1 234,56 €", with narrow no-break spaces between thousands and a no-break
/// space before the euro sign.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let euros = self.euros().to_string();
        let mut grouped = String::with_capacity(euros.len() + euros.len() / 3 * 3);
        for (index, digit) in euros.chars().enumerate() {
            if index > 0 && (euros.len() - index).is_multiple_of(3) {
                grouped.push(THOUSANDS_SEPARATOR);
            }
            grouped.push(digit);
        }
        write!(f, "{grouped},{:02}{NO_BREAK_SPACE}€", self.cents_part())
    }
}

impl FromStr for Cents {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::parse(input)
    }
}

impl TryFrom<i64> for Cents {
    type Error = String;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Cents> for i64 {
    fn from(cents: Cents) -> Self {
        cents.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cents(input: &str) -> Result<i64, String> {
        Cents::parse(input).map(Cents::get)
    }

    fn invalid() -> Result<i64, String> {
        Err(t::AMOUNT_INVALID.to_owned())
    }

    #[test]
    fn amounts_are_parsed_as_a_french_user_types_them() {
        assert_eq!(cents("1234"), Ok(123_400));
        assert_eq!(cents("1234,5"), Ok(123_450));
        assert_eq!(cents("1234,56"), Ok(123_456));
        assert_eq!(cents("1 234,56"), Ok(123_456));
        assert_eq!(cents("1 234,56 €"), Ok(123_456));
        assert_eq!(cents("1 234,56€"), Ok(123_456));
        assert_eq!(cents("1234.56"), Ok(123_456));
        assert_eq!(cents("1\u{202f}234,56"), Ok(123_456));
        assert_eq!(cents("1\u{a0}234,56\u{a0}€"), Ok(123_456));
        assert_eq!(cents("  12 345 678,09  € "), Ok(1_234_567_809));
        assert_eq!(cents("0"), Ok(0));
        assert_eq!(cents("0,07"), Ok(7));
        assert_eq!(cents("007"), Ok(700));
    }

    #[test]
    fn an_empty_amount_asks_for_one() {
        assert_eq!(cents(""), Err(t::AMOUNT_REQUIRED.to_owned()));
        assert_eq!(cents("   "), Err(t::AMOUNT_REQUIRED.to_owned()));
        assert_eq!(cents(" € "), Err(t::AMOUNT_REQUIRED.to_owned()));
    }

    #[test]
    fn negative_amounts_are_refused() {
        assert_eq!(cents("-5"), Err(t::AMOUNT_NEGATIVE.to_owned()));
        assert_eq!(cents("-1 234,56 €"), Err(t::AMOUNT_NEGATIVE.to_owned()));
        assert_eq!(Cents::new(-1), Err(t::AMOUNT_NEGATIVE.to_owned()));
    }

    #[test]
    fn garbage_and_too_many_decimals_are_refused() {
        for input in [
            "abc",
            "12a",
            "1234,567",
            "1234,",
            ",50",
            "1,2,3",
            "1.234,56",
            "12 34",
            "1234 567",
            "1  234",
            " 1 234 ,56",
            "+12",
            "1e5",
            "€12",
            "12 €€",
            "1 234,5 6",
            "١٢٣",
            "12\u{0}",
        ] {
            assert_eq!(cents(input), invalid(), "{input:?}");
        }
    }

    #[test]
    fn amounts_over_a_billion_euros_are_refused_without_overflow() {
        assert_eq!(cents("1 000 000 000"), Ok(Cents::MAX.get()));
        assert_eq!(cents("1 000 000 000,01"), invalid());
        assert_eq!(cents("99999999999999999999999999"), invalid());
        assert_eq!(cents(&"9".repeat(60)), invalid());
        assert_eq!(cents(&"9".repeat(1000)), invalid());
        assert_eq!(Cents::new(Cents::MAX.get() + 1), Err(t::AMOUNT_INVALID.to_owned()));
        assert_eq!(Cents::new(i64::MAX), Err(t::AMOUNT_INVALID.to_owned()));
    }

    #[test]
    fn amounts_are_displayed_in_the_french_format() {
        assert_eq!(Cents::new(123_456).unwrap().to_string(), "1\u{202f}234,56\u{a0}€");
        assert_eq!(Cents::new(0).unwrap().to_string(), "0,00\u{a0}€");
        assert_eq!(Cents::new(5).unwrap().to_string(), "0,05\u{a0}€");
        assert_eq!(Cents::new(99_900).unwrap().to_string(), "999,00\u{a0}€");
        assert_eq!(Cents::new(100_000).unwrap().to_string(), "1\u{202f}000,00\u{a0}€");
        assert_eq!(Cents::MAX.to_string(), "1\u{202f}000\u{202f}000\u{202f}000,00\u{a0}€");
    }

    #[test]
    fn the_input_format_has_no_separators_nor_currency_sign() {
        assert_eq!(Cents::new(123_456).unwrap().format_input(), "1234,56");
        assert_eq!(Cents::new(123_400).unwrap().format_input(), "1234,00");
        assert_eq!(Cents::new(7).unwrap().format_input(), "0,07");
    }

    #[test]
    fn sums_and_differences_stay_within_the_limits() {
        let ten = Cents::new(1_000).unwrap();
        let three = Cents::new(300).unwrap();
        assert_eq!(ten.checked_add(three), Some(Cents::new(1_300).unwrap()));
        assert_eq!(ten.checked_sub(three), Some(Cents::new(700).unwrap()));
        assert_eq!(three.checked_sub(ten), None);
        assert_eq!(Cents::MAX.checked_add(Cents::new(1).unwrap()), None);
    }

    #[test]
    fn serde_uses_the_number_of_cents_and_refuses_invalid_ones() {
        let amount = Cents::new(123_456).unwrap();
        assert_eq!(serde_json::to_string(&amount).unwrap(), "123456");
        assert_eq!(serde_json::from_str::<Cents>("123456").unwrap(), amount);
        assert!(serde_json::from_str::<Cents>("-1").is_err());
        assert!(serde_json::from_str::<Cents>("100000000001").is_err());
    }

    proptest! {
        #[test]
        fn any_amount_round_trips_through_display_and_input_format(value in 0..=Cents::MAX.get()) {
            let amount = Cents::new(value).unwrap();
            prop_assert_eq!(Cents::parse(&amount.to_string()), Ok(amount));
            prop_assert_eq!(Cents::parse(&amount.format_input()), Ok(amount));
        }

        #[test]
        fn any_amount_over_the_limit_is_refused(value in Cents::MAX.get() + 1..=i64::MAX) {
            prop_assert_eq!(Cents::new(value), Err(t::AMOUNT_INVALID.to_owned()));
            prop_assert_eq!(cents(&value.to_string()), invalid());
        }

        #[test]
        fn numeric_looking_strings_are_refused_with_a_message_never_a_panic(
            input in "[-+]?[0-9 \u{a0}\u{202f},.€]{0,40}",
        ) {
            match Cents::parse(&input) {
                Ok(amount) => prop_assert!((0..=Cents::MAX.get()).contains(&amount.get())),
                Err(message) => prop_assert!(
                    [t::AMOUNT_REQUIRED, t::AMOUNT_INVALID, t::AMOUNT_NEGATIVE].contains(&message.as_str())
                ),
            }
        }

        #[test]
        fn arbitrary_strings_never_panic_the_parser(input in any::<String>()) {
            let _ = Cents::parse(&input);
        }
    }
}
