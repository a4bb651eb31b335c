//! Passwords too common to accept: the 20,000 most common ones (`common_passwords.txt`, whose
//! header names its source and licence) and the company's own words, whatever the case and
//! whatever digits or punctuation surround them ("EpicEvents2026!", "crm-epic-2025").
//! Server-side only: the list never goes into the browser's bundle.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The list's text: a licence header, a blank line, then one lowercase password a line.
const LIST: &str = include_str!("common_passwords.txt");

/// Constant data, parsed once.
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let (_header, body) = LIST.split_once("\n\n").expect("the list has a header");
    body.lines().filter(|line| !line.is_empty()).collect()
});

/// Words everyone would guess at Epic Events; a password made only of these (and of digits and
/// punctuation) is refused.
const COMPANY_WORDS: &[&str] = &[
    "epic",
    "events",
    "event",
    "evenement",
    "evenements",
    "événement",
    "événements",
    "crm",
    "gestion",
    "commercial",
    "support",
    "management",
    "admin",
    "motdepasse",
    "password",
    "bienvenue",
    "welcome",
];

/// The number of entries in the common list.
pub fn common_list_len() -> usize {
    COMMON.len()
}

/// True for a listed password, a listed one wrapped in digits and punctuation ("monkey!!2024"),
/// one without any letter, and one made only of company words.
pub fn is_too_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return true;
    }
    let letters: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
    letters.is_empty() || COMMON.contains(letters.as_str()) || made_of_company_words(&letters)
}

/// Whether `letters` is a concatenation of company words ("epiceventscrm").
fn made_of_company_words(letters: &str) -> bool {
    // reachable[i]: the first i bytes split into company words.
    let mut reachable = vec![false; letters.len() + 1];
    reachable[0] = true;
    for start in 0..letters.len() {
        if !reachable[start] || !letters.is_char_boundary(start) {
            continue;
        }
        for word in COMPANY_WORDS {
            if letters[start..].starts_with(word) {
                reachable[start + word.len()] = true;
            }
        }
    }
    reachable[letters.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_at_least_ten_thousand_passwords() {
        assert!(common_list_len() >= 10_000, "{}", common_list_len());
        assert!(!COMMON.iter().any(|p| p.starts_with("# ")), "no header line in the list");
    }

    #[test]
    fn listed_passwords_are_refused_whatever_the_case_and_the_suffix() {
        for password in ["password", "Qwerty123", "iloveyou", "MONKEY!!2024", "sunshine_1987", "123456789012"] {
            assert!(is_too_common(password), "{password}");
        }
    }

    #[test]
    fn company_words_are_refused_with_digits_and_punctuation() {
        for password in [
            "EpicEvents2026",
            "epic-events-2025!",
            "Epic Events 2024",
            "CRM-Epic-Events",
            "événements2026",
            "support12345",
        ] {
            assert!(is_too_common(password), "{password}");
        }
    }

    #[test]
    fn real_passphrases_pass() {
        for password in
            ["correct horse battery", "une phrase de passe assez longue", "EpicEvents-Demo-2026", "Tours en été 2026"]
        {
            assert!(!is_too_common(password), "{password}");
        }
    }
}
