//! What a new password must be: 12 characters at least, no composition rules, not a well-known
//! one (OWASP ASVS 2.1). Applied to a collaborator's own change and to `create-admin`.

pub const MIN_PASSWORD_LEN: usize = 12;

pub fn check_new_password(password: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_LEN {
        Err(crate::i18n::fr::PASSWORD_TOO_SHORT)
    } else if password.len() > super::model::MAX_PASSWORD_LEN {
        Err(crate::i18n::fr::PASSWORD_TOO_LONG)
    } else if super::common_passwords::is_too_common(password) {
        Err(crate::i18n::fr::PASSWORD_TOO_COMMON)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policy_wants_length_not_composition() {
        assert!(check_new_password("short").is_err());
        assert!(check_new_password("motdepasse123").is_err());
        assert!(check_new_password("EpicEvents2026!").is_err());
        assert!(check_new_password("administrator").is_err());
        assert!(check_new_password("correct horse battery").is_ok());
        assert!(check_new_password("EpicEvents-Demo-2026").is_ok());
    }
}
