//! Free-text values: names, titles, places and notes, cleaned up and bounded in length.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::i18n::fr as t;

/// Characters that reorder the display of the text around them; they let a name masquerade as
/// another, so they are refused like control characters.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Trims, collapses runs of whitespace into one space, and checks the result is not empty, at
/// most `max_chars` long, and free of control characters.
fn single_line(input: &str, max_chars: usize, message: &str) -> Result<String, String> {
    if input.chars().any(|c| (c.is_control() && !c.is_whitespace()) || is_bidi_control(c)) {
        return Err(t::TEXT_FORBIDDEN_CHARACTERS.to_owned());
    }
    let mut text = String::with_capacity(input.len());
    for word in input.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    if text.is_empty() || text.chars().count() > max_chars {
        return Err(message.to_owned());
    }
    Ok(text)
}

macro_rules! single_line_text {
    ($(#[$meta:meta])* $name:ident, max = $max:expr, message = $message:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(String);

        impl $name {
            /// The most characters allowed.
            pub const MAX_CHARS: usize = $max;
            /// The message when the text is empty or too long.
            pub const MESSAGE: &'static str = $message;

            pub fn parse(input: &str) -> Result<Self, String> {
                single_line(input, Self::MAX_CHARS, Self::MESSAGE).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(input: &str) -> Result<Self, Self::Err> {
                Self::parse(input)
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

single_line_text!(
    /// A person's full name.
    PersonName,
    max = 120,
    message = t::PERSON_NAME_INVALID
);
single_line_text!(
    /// A company's name.
    CompanyName,
    max = 120,
    message = t::COMPANY_NAME_INVALID
);
single_line_text!(
    /// An event's title.
    EventTitle,
    max = 120,
    message = t::EVENT_TITLE_INVALID
);
single_line_text!(
    /// A payment milestone's name ("Acompte à la signature").
    MilestoneLabel,
    max = 100,
    message = t::MILESTONE_LABEL_INVALID
);
single_line_text!(
    /// What a follow-up is about ("Relancer pour le devis").
    FollowUpTitle,
    max = 200,
    message = t::FOLLOW_UP_TITLE_INVALID
);
single_line_text!(
    /// Where an event takes place.
    Location,
    max = 200,
    message = t::LOCATION_INVALID
);

single_line_text!(
    /// A step of an event's run sheet ("Discours du directeur").
    TimelineLabel,
    max = 120,
    message = t::TIMELINE_LABEL_INVALID
);

single_line_text!(
    /// Why something was done out of the ordinary: an event cancelled, a support collaborator
    /// booked twice on purpose.
    Reason,
    max = 500,
    message = t::REASON_INVALID
);

/// Free notes, possibly empty, over several lines. Line endings are stored as "\n".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
pub struct Notes(String);

impl Notes {
    pub const MAX_CHARS: usize = 5000;

    pub fn parse(input: &str) -> Result<Self, String> {
        let text = input.replace("\r\n", "\n").replace('\r', "\n");
        let text = text.trim();
        if text.chars().any(|c| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)) {
            return Err(t::TEXT_FORBIDDEN_CHARACTERS.to_owned());
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(t::NOTES_TOO_LONG.to_owned());
        }
        Ok(Self(text.to_owned()))
    }

    /// Notes held to `max` characters (fewer than a record's notes: a run sheet's access notes,
    /// a debrief's paragraphs), `too_long` saying by how much.
    pub fn parse_at_most(input: &str, max: usize, too_long: &str) -> Result<Self, String> {
        let text = Notes::parse(input).map_err(|e| if e == t::NOTES_TOO_LONG { too_long.to_owned() } else { e })?;
        if text.as_str().chars().count() > max {
            return Err(too_long.to_owned());
        }
        Ok(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Display for Notes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Notes {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for Notes {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::parse(input)
    }
}

impl TryFrom<String> for Notes {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Notes> for String {
    fn from(notes: Notes) -> Self {
        notes.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_trimmed_and_their_spaces_collapsed() {
        let name = PersonName::parse("  Jean \t  Dupont\n").unwrap();
        assert_eq!(name.as_str(), "Jean Dupont");
        assert_eq!(name.to_string(), "Jean Dupont");
        assert_eq!(CompanyName::parse("Épic\u{a0}\u{a0}Events  SAS").unwrap().as_str(), "Épic Events SAS");
    }

    #[test]
    fn an_empty_or_blank_name_is_refused_with_the_fields_message() {
        assert_eq!(PersonName::parse(""), Err(PersonName::MESSAGE.to_owned()));
        assert_eq!(PersonName::parse(" \n\t "), Err("Saisissez un nom (120 caractères au plus).".to_owned()));
        assert_eq!(CompanyName::parse(" "), Err("Saisissez un nom d’entreprise (120 caractères au plus).".to_owned()));
        assert_eq!(EventTitle::parse(""), Err(EventTitle::MESSAGE.to_owned()));
        assert_eq!(Location::parse(""), Err(Location::MESSAGE.to_owned()));
    }

    #[test]
    fn length_limits_are_counted_in_characters_after_collapsing() {
        let longest = "é".repeat(120);
        assert_eq!(PersonName::parse(&longest).unwrap().as_str(), longest);
        assert_eq!(PersonName::parse(&format!("{longest}é")), Err(PersonName::MESSAGE.to_owned()));
        let spaced = format!("{}    {}", "a".repeat(100), "b".repeat(19));
        assert_eq!(PersonName::parse(&spaced).unwrap().as_str().chars().count(), 120);
        assert!(Location::parse(&"x".repeat(200)).is_ok());
        assert_eq!(Location::parse(&"x".repeat(201)), Err(Location::MESSAGE.to_owned()));
        assert!(EventTitle::parse(&"x".repeat(120)).is_ok());
        assert!(EventTitle::parse(&"x".repeat(121)).is_err());
    }

    #[test]
    fn control_and_bidi_override_characters_are_refused() {
        for input in ["Jean\u{0}Dupont", "Jean\u{7}", "\u{1b}[31mJean", "Jean\u{202e}tnopuD", "Jean\u{2066}"] {
            assert_eq!(PersonName::parse(input), Err(t::TEXT_FORBIDDEN_CHARACTERS.to_owned()), "{input:?}");
        }
    }

    #[test]
    fn notes_may_be_empty() {
        let notes = Notes::parse("  \n ").unwrap();
        assert!(notes.is_empty());
        assert_eq!(notes, Notes::default());
    }

    #[test]
    fn notes_keep_their_lines_and_tabs_but_are_trimmed() {
        let notes = Notes::parse("\n  Ligne 1\r\n\tLigne 2\rLigne 3  \n").unwrap();
        assert_eq!(notes.as_str(), "Ligne 1\n\tLigne 2\nLigne 3");
    }

    #[test]
    fn notes_refuse_other_control_characters() {
        assert_eq!(Notes::parse("a\u{0}b"), Err(t::TEXT_FORBIDDEN_CHARACTERS.to_owned()));
        assert_eq!(Notes::parse("a\u{c}b"), Err(t::TEXT_FORBIDDEN_CHARACTERS.to_owned()));
        assert_eq!(Notes::parse("a\u{202d}b"), Err(t::TEXT_FORBIDDEN_CHARACTERS.to_owned()));
    }

    #[test]
    fn notes_are_limited_to_five_thousand_characters() {
        assert!(Notes::parse(&"é".repeat(5000)).is_ok());
        assert_eq!(Notes::parse(&"é".repeat(5001)), Err(t::NOTES_TOO_LONG.to_owned()));
    }

    #[test]
    fn serde_refuses_text_that_would_not_parse() {
        assert!(serde_json::from_str::<PersonName>("\"\"").is_err());
        let name: PersonName = serde_json::from_str("\" Jean  Dupont \"").unwrap();
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"Jean Dupont\"");
        assert!(serde_json::from_str::<Notes>("\"a\\u0000\"").is_err());
    }

    proptest! {
        #[test]
        fn single_line_texts_reparse_to_themselves(input in any::<String>()) {
            if let Ok(name) = PersonName::parse(&input) {
                prop_assert_eq!(PersonName::parse(name.as_str()), Ok(name.clone()));
                prop_assert!(!name.as_str().contains("  "));
                prop_assert_eq!(name.as_str().trim(), name.as_str());
            }
            if let Ok(location) = Location::parse(&input) {
                prop_assert_eq!(Location::parse(location.as_str()), Ok(location));
            }
        }

        #[test]
        fn printable_names_are_accepted_and_reparse_to_themselves(input in "\\PC{1,40}") {
            match CompanyName::parse(&input) {
                Ok(name) => {
                    prop_assert_eq!(CompanyName::parse(name.as_str()), Ok(name.clone()));
                    prop_assert_eq!(EventTitle::parse(name.as_str()).map(EventTitle::into_inner), Ok(name.into_inner()));
                }
                Err(message) => {
                    prop_assert_eq!(message, CompanyName::MESSAGE);
                    prop_assert!(input.trim().is_empty());
                }
            }
        }

        #[test]
        fn notes_reparse_to_themselves(input in any::<String>()) {
            if let Ok(notes) = Notes::parse(&input) {
                prop_assert_eq!(Notes::parse(notes.as_str()), Ok(notes));
            }
        }

        #[test]
        fn multi_line_notes_are_accepted_and_reparse_to_themselves(input in "[a-zé \t\r\n]{0,200}") {
            let notes = Notes::parse(&input).unwrap();
            prop_assert!(!notes.as_str().contains('\r'));
            prop_assert_eq!(Notes::parse(notes.as_str()), Ok(notes));
        }

        #[test]
        fn arbitrary_strings_never_panic_any_text_parser(input in any::<String>()) {
            let _ = PersonName::parse(&input);
            let _ = CompanyName::parse(&input);
            let _ = EventTitle::parse(&input);
            let _ = Location::parse(&input);
            let _ = Notes::parse(&input);
        }
    }
}
