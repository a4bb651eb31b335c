//! How values are written in an exported cell, as French spreadsheets read them.

use chrono::{DateTime, Utc};

use crate::domain::datetime::in_paris;

/// A text cell. One that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return first: `=HYPERLINK(…)` in a client's name) is written as text, behind a `'`.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

/// `JJ/MM/AAAA`, in Paris.
pub fn date(instant: DateTime<Utc>) -> String {
    in_paris(instant).format("%d/%m/%Y").to_string()
}

/// `JJ/MM/AAAA HH:MM`, in Paris.
pub fn date_time(instant: DateTime<Utc>) -> String {
    in_paris(instant).format("%d/%m/%Y %H:%M").to_string()
}

/// Cents as a number with a decimal comma and no thousands separator: `1234,50`.
pub fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{},{:02}", cents / 100, cents % 100)
}

pub fn yes_no(yes: bool) -> String {
    if yes { "oui" } else { "non" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_other_text_kept() {
        for formula in ["=HYPERLINK(\"http://x\")", "+33 6 12", "-2+3", "@SUM(A1)", "\tx", "\r=1"] {
            assert_eq!(cell(formula), format!("'{formula}"));
        }
        for text in ["Jeanne Moreau", "Château d’Èze", "a=b", ""] {
            assert_eq!(cell(text), text);
        }
    }

    #[test]
    fn amounts_and_dates_are_french() {
        assert_eq!(money(123_450), "1234,50");
        assert_eq!(money(5), "0,05");
        assert_eq!(money(-150), "-1,50");
        let instant = DateTime::parse_from_rfc3339("2026-12-31T23:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(date(instant), "01/01/2027", "in Paris, already the next day");
        assert_eq!(date_time(instant), "01/01/2027 00:30");
    }
}
