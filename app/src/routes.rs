//! The site's paths, in one place (French, as the users read them).

pub const HOME: &str = "/";
pub const SIGN_IN: &str = "/connexion";
pub const SIGNED_OUT: &str = "/connexion?deconnecte=1";
pub const CLIENTS: &str = "/clients";
pub const CONTRACTS: &str = "/contrats";
pub const EVENTS: &str = "/evenements";
pub const ADMIN: &str = "/administration";
pub const MY_ACCOUNT: &str = "/mon-compte";
/// Where a collaborator whose password was generated or reset is kept until they change it.
pub const MY_ACCOUNT_CHANGE_PASSWORD: &str = "/mon-compte?ok=password_required";
pub const COLLABORATORS: &str = "/administration/collaborateurs";
pub const NEW_COLLABORATOR: &str = "/administration/collaborateurs/nouveau";
pub const SUPPORT_QUEUE: &str = "/administration/evenements-sans-support";
pub const HAND_OVER: &str = "/administration/reprise-portefeuille";

use crate::domain::{ClientId, CollaboratorId, ContractId, EventId};

pub const NEW_CLIENT: &str = "/clients/nouveau";

fn with_notice(path: String, notice: Option<&str>) -> String {
    match notice {
        Some(notice) => format!("{path}?ok={notice}"),
        None => path,
    }
}

/// A client's page; `notice` says what just happened ("created", "updated"…).
pub fn client(id: ClientId, notice: Option<&str>) -> String {
    with_notice(format!("{CLIENTS}/{id}"), notice)
}

pub fn contract(id: ContractId, notice: Option<&str>) -> String {
    with_notice(format!("{CONTRACTS}/{id}"), notice)
}

pub fn event(id: EventId, notice: Option<&str>) -> String {
    with_notice(format!("{EVENTS}/{id}"), notice)
}

// Audit trail, security log, sessions and RGPD tools.
pub const AUDIT_JOURNAL: &str = "/administration/journal";
pub const SECURITY_LOG: &str = "/administration/securite";
pub const RGPD_RETENTION: &str = "/administration/rgpd";
pub const RGPD_PROCESSING: &str = "/rgpd";

/// Where management ends a collaborator's sessions.
pub fn collaborator_sessions(id: CollaboratorId, notice: Option<&str>) -> String {
    with_notice(format!("{COLLABORATORS}/{id}/sessions"), notice)
}

/// The confirmation page of a client's anonymisation.
pub fn anonymise_client(id: ClientId) -> String {
    format!("{CLIENTS}/{id}/anonymiser")
}

/// Where the client data export form posts (a JSON download).
pub fn client_export(id: ClientId) -> String {
    format!("{RGPD_RETENTION}/clients/{id}/export")
}

pub fn collaborator(id: CollaboratorId, notice: Option<&str>) -> String {
    with_notice(format!("{COLLABORATORS}/{id}"), notice)
}

/// A record's sub-page ("modifier", "supprimer"…).
pub fn sub_page(record_path: &str, page: &str) -> String {
    format!("{record_path}/{page}")
}

/// Pages anyone may open without a session.
pub fn is_public_page(path: &str) -> bool {
    path == SIGN_IN
}

/// What a collaborator who must change their password may still reach: their account page,
/// and the server functions to change the password, sign out, sign in again or say who they are.
pub fn reachable_before_password_change(path: &str) -> bool {
    path == MY_ACCOUNT
        || is_public_page(path)
        || matches!(path, "/api/change_password" | "/api/sign_out" | "/api/sign_in" | "/api/current_user")
}

/// The sign-in page that sends the user back to `path_and_query` afterwards.
pub fn sign_in_then(path_and_query: &str) -> String {
    if path_and_query == HOME || path_and_query.is_empty() {
        return SIGN_IN.to_owned();
    }
    // `/` stays as it is (allowed in a query, RFC 3986 §3.4), so the address bar reads
    // `?next=/clients`.
    let next: String = form_urlencoded::byte_serialize(path_and_query.as_bytes()).collect();
    format!("{SIGN_IN}?next={}", next.replace("%2F", "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_remembers_where_the_user_was_going() {
        assert_eq!(sign_in_then("/clients?page=2&sort=name"), "/connexion?next=/clients%3Fpage%3D2%26sort%3Dname");
        assert_eq!(sign_in_then("/"), "/connexion");
        assert_eq!(sign_in_then("/événements"), "/connexion?next=/%C3%A9v%C3%A9nements");
    }

    #[test]
    fn a_password_to_change_leaves_only_the_account_page_and_its_functions_open() {
        for open in [MY_ACCOUNT, SIGN_IN, "/api/change_password", "/api/sign_out", "/api/current_user"] {
            assert!(reachable_before_password_change(open), "{open}");
        }
        for closed in [HOME, "/clients", COLLABORATORS, "/api/list_clients", "/api/create_client", "/mon-compte/x"] {
            assert!(!reachable_before_password_change(closed), "{closed}");
        }
    }
}
