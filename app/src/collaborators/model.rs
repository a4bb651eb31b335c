//! Collaborators as the administration sees them, and the rules about their records: creating,
//! changing department, deleting. Checked once at the boundary, pure, tested without a database.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::audit::model::AuditEntry;
use crate::auth::Department;
use crate::domain::{CollaboratorId, Email, EmployeeNumber, PersonName};
use crate::error::{AppError, FieldErrors};
use crate::forms::Validator;
use crate::i18n::fr as t;
use crate::listing::{Page, Paging, ParamReader, QueryString, Sort, SortKey, Surface};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCollaborator {
    pub employee_number: EmployeeNumber,
    pub full_name: PersonName,
    pub email: Email,
    pub department: Department,
}

impl NewCollaborator {
    pub fn parse(
        employee_number: &str,
        full_name: &str,
        email: &str,
        department: Department,
    ) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let employee_number = v.check("employee_number", EmployeeNumber::parse(employee_number));
        let full_name = v.check("full_name", PersonName::parse(full_name));
        let email = v.check("email", Email::parse(email));
        let new = match (employee_number, full_name, email) {
            (Some(employee_number), Some(full_name), Some(email)) => {
                Some(NewCollaborator { employee_number, full_name, email, department })
            }
            _ => None,
        };
        v.finish(new)
    }
}

/// The identity fields of a collaborator, as typed in the create and edit forms.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CollaboratorForm {
    pub employee_number: String,
    pub full_name: String,
    pub email: String,
    /// Only read when creating; a department change goes through its own form.
    #[serde(default)]
    pub department: Option<Department>,
}

impl CollaboratorForm {
    /// A new collaborator: the identity fields and a department, all errors reported together.
    pub fn parse_new(&self) -> Result<NewCollaborator, AppError> {
        let parsed = self.parse(self.department.unwrap_or(Department::Sales));
        if self.department.is_some() {
            return parsed;
        }
        let missing = || crate::i18n::fr::DEPARTMENT_REQUIRED.to_owned();
        match parsed {
            Ok(_) => Err(AppError::field("department", missing())),
            Err(AppError::Validation { mut errors, values }) => {
                errors.insert("department".into(), missing());
                Err(AppError::Validation { errors, values })
            }
            Err(other) => Err(other),
        }
    }

    /// The identity fields, for a collaborator of `department`.
    pub fn parse(&self, department: Department) -> Result<NewCollaborator, AppError> {
        NewCollaborator::parse(&self.employee_number, &self.full_name, &self.email, department)
            .map_err(|error| error.keeping(&self.submitted()))
    }

    /// The values as typed, which a refused form shows again (`AppError::keeping`).
    pub fn submitted(&self) -> [(&'static str, &str); 4] {
        [
            ("employee_number", &self.employee_number),
            ("full_name", &self.full_name),
            ("email", &self.email),
            ("department", self.department.map_or("", Department::code)),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CollaboratorRow {
    pub id: CollaboratorId,
    pub employee_number: String,
    pub full_name: String,
    pub email: String,
    pub department: Department,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

/// What a collaborator is in charge of: what must be handed over before they change department
/// or are deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Holdings {
    pub clients: i64,
    /// Not signed yet, or not fully paid.
    pub open_contracts: i64,
    pub closed_contracts: i64,
    /// Not over yet.
    pub upcoming_events: i64,
    pub past_events: i64,
}

impl Holdings {
    /// Clients, open and closed contracts, upcoming and past events, in that order.
    pub fn counts(&self) -> [i64; 5] {
        [self.clients, self.open_contracts, self.closed_contracts, self.upcoming_events, self.past_events]
    }

    pub fn owns_nothing(&self) -> bool {
        *self == Holdings::default()
    }

    /// Clients and open contracts go to another salesperson when their owner leaves sales.
    pub fn needs_sales_successor(&self) -> bool {
        self.clients > 0 || self.open_contracts > 0
    }

    /// Events not over yet go to another support collaborator.
    pub fn needs_support_successor(&self) -> bool {
        self.upcoming_events > 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollaboratorDetail {
    pub collaborator: CollaboratorRow,
    pub holdings: Holdings,
    pub open_sessions: i64,
    pub history: Vec<AuditEntry>,
    /// The password generated at creation or reset, shown to the manager who asked, once.
    pub new_password: Option<String>,
}

/// A department change, with who takes over what the collaborator was in charge of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentChange {
    pub department: Department,
    /// The salesperson who takes the clients and open contracts.
    pub clients_to: Option<CollaboratorId>,
    /// The support collaborator who takes the events not over yet.
    pub events_to: Option<CollaboratorId>,
}

/// The department change form, as posted (the successor selects may be left empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentChangeForm {
    pub department: Department,
    #[serde(default)]
    pub clients_to: String,
    #[serde(default)]
    pub events_to: String,
}

impl DepartmentChangeForm {
    pub fn parse(&self) -> Result<DepartmentChange, AppError> {
        let mut v = crate::forms::Validator::new();
        let clients_to = v.check("clients_to", crate::forms::chosen_id(&self.clients_to));
        let events_to = v.check("events_to", crate::forms::chosen_id(&self.events_to));
        let change = clients_to.zip(events_to).map(|(clients_to, events_to)| DepartmentChange {
            department: self.department,
            clients_to,
            events_to,
        });
        v.finish(change)
    }
}

/// The portfolio hand-over form's two salespeople, both required: (leaving, taking over).
pub fn parse_hand_over(from: &str, to: &str) -> Result<(CollaboratorId, CollaboratorId), AppError> {
    let mut v = Validator::new();
    let from = v.check("from", crate::forms::chosen_id(from)).flatten();
    let to = v.check("to", crate::forms::chosen_id(to)).flatten();
    v.require("from", from.is_some(), t::CHOOSE_SALES_FROM);
    v.require("to", to.is_some(), t::CHOOSE_SALES_SUCCESSOR);
    v.finish(from.zip(to))
}

/// Whether `change` may be applied to a collaborator of `current` department holding `holdings`.
/// Who the successors are (active, of the right department) is checked against the database.
pub fn check_department_change(
    current: Department,
    holdings: &Holdings,
    change: &DepartmentChange,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    if change.department == current {
        errors.insert("department".into(), t::ALREADY_IN_DEPARTMENT.into());
    }
    if holdings.needs_sales_successor() && change.clients_to.is_none() {
        errors.insert("clients_to".into(), t::sales_successor_needed(holdings.clients, holdings.open_contracts));
    }
    if holdings.needs_support_successor() && change.events_to.is_none() {
        errors.insert("events_to".into(), t::support_successor_needed(holdings.upcoming_events));
    }
    if errors.is_empty() { Ok(()) } else { Err(AppError::invalid(errors)) }
}

/// Only someone in charge of nothing may be deleted; the others are deactivated (their name
/// stays on the records they handled) or hand their work over first.
pub fn check_deletable(holdings: &Holdings) -> Result<(), AppError> {
    if holdings.owns_nothing() {
        Ok(())
    } else {
        Err(AppError::Refused(crate::i18n::fr::COLLABORATOR_NOT_DELETABLE.to_owned()))
    }
}

/// A readable password of 80 random bits, for a new account or a reset: shown once to the
/// manager, who hands it over; the collaborator then changes it in *Mon compte*.
#[cfg(feature = "ssr")]
pub fn generate_password() -> String {
    use rand::Rng;
    // No 0/o, 1/l/i: easy to read out and type.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..4)
        .map(|_| (0..4).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

pub type CollaboratorPage = Page<CollaboratorRow>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CollaboratorSort {
    #[default]
    Name,
    EmployeeNumber,
    Department,
    Created,
}

impl SortKey for CollaboratorSort {
    const ALL: &'static [Self] = &[
        CollaboratorSort::Name,
        CollaboratorSort::EmployeeNumber,
        CollaboratorSort::Department,
        CollaboratorSort::Created,
    ];

    fn code(self) -> &'static str {
        match self {
            CollaboratorSort::Name => "name",
            CollaboratorSort::EmployeeNumber => "employee_number",
            CollaboratorSort::Department => "department",
            CollaboratorSort::Created => "created",
        }
    }

    fn api_name(self) -> Option<&'static str> {
        Some(match self {
            CollaboratorSort::Name => "full_name",
            CollaboratorSort::EmployeeNumber => "employee_number",
            CollaboratorSort::Department => "department",
            CollaboratorSort::Created => "created_at",
        })
    }

    fn descending_first(self) -> bool {
        matches!(self, CollaboratorSort::Created)
    }
}

/// The collaborators list's search, filters, sort and page, as they appear in its URL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CollaboratorQuery {
    #[serde(default, deserialize_with = "crate::listing::deserialize_search")]
    pub search: Option<String>,
    pub department: Option<Department>,
    /// Only the deactivated ones.
    pub inactive: bool,
    pub sort: Sort<CollaboratorSort>,
    pub paging: Paging,
}

impl CollaboratorQuery {
    /// The list page's URL.
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        CollaboratorQuery::parse(get, Surface::Page)
    }

    /// The list's parameters as `surface` names them: the page's `inactive=1` is the API's
    /// `active=false` (active ones by default).
    pub fn parse(get: &dyn Fn(&str) -> Option<String>, surface: Surface) -> Result<Self, AppError> {
        let mut r = ParamReader::on(get, surface);
        let query = CollaboratorQuery {
            search: r.search(),
            department: r.parsed("department", |code| {
                Department::from_code(code).ok_or_else(|| t::DEPARTMENT_UNKNOWN.to_owned())
            }),
            inactive: match surface {
                Surface::Page => r.flag("inactive"),
                Surface::Api => r.choice("active") == Some(false),
            },
            sort: r.sort(),
            paging: r.paging(),
        };
        r.finish(query)
    }

    pub fn to_url(&self) -> String {
        let mut qs = QueryString::new().search(&self.search);
        if let Some(department) = self.department {
            qs = qs.push("department", department.code());
        }
        qs.flag("inactive", self.inactive).sort(self.sort).paging(self.paging).to_url(crate::routes::COLLABORATORS)
    }
}

impl crate::listing::ListQuery for CollaboratorQuery {
    type Key = CollaboratorSort;

    fn to_url(&self) -> String {
        CollaboratorQuery::to_url(self)
    }

    fn sort_mut(&mut self) -> &mut Sort<CollaboratorSort> {
        &mut self.sort
    }

    fn paging_mut(&mut self) -> &mut Paging {
        &mut self.paging
    }

    fn filter_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = crate::listing::flag_fields(&[("inactive", self.inactive)]);
        if let Some(department) = self.department {
            fields.push(("department", department.code().to_owned()));
        }
        fields
    }

    fn search_text(&self) -> Option<String> {
        self.search.clone()
    }
}

/// A collaborator offered in a select (the administration's filters, the hand-over),
/// deactivated ones included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CollaboratorChoice {
    pub id: CollaboratorId,
    pub full_name: String,
    pub active: bool,
}

impl CollaboratorChoice {
    /// The name as a select shows it: a deactivated collaborator is marked so.
    pub fn label(&self) -> String {
        if self.active { self.full_name.clone() } else { format!("{}{}", self.full_name, t::DEACTIVATED_MARK) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn a_deactivated_collaborator_is_marked_in_selects() {
        let mut choice =
            CollaboratorChoice { id: CollaboratorId(Uuid::nil()), full_name: "Hugo Vendeur".into(), active: true };
        assert_eq!(choice.label(), "Hugo Vendeur");
        choice.active = false;
        assert_eq!(choice.label(), "Hugo Vendeur (désactivé)");
    }

    fn change(department: Department, clients_to: bool, events_to: bool) -> DepartmentChange {
        DepartmentChange {
            department,
            clients_to: clients_to.then(|| CollaboratorId(Uuid::new_v4())),
            events_to: events_to.then(|| CollaboratorId(Uuid::new_v4())),
        }
    }

    #[test]
    fn department_change_needs_successors_for_what_is_held() {
        let free = Holdings::default();
        assert!(check_department_change(Department::Sales, &free, &change(Department::Support, false, false)).is_ok());
        let err =
            check_department_change(Department::Sales, &free, &change(Department::Sales, false, false)).unwrap_err();
        assert!(err.field_message("department").is_some());

        let seller = Holdings { clients: 3, closed_contracts: 2, ..Holdings::default() };
        let err = check_department_change(Department::Sales, &seller, &change(Department::Support, false, false))
            .unwrap_err();
        assert!(err.field_message("clients_to").unwrap().contains("3 client"));
        assert!(check_department_change(Department::Sales, &seller, &change(Department::Support, true, false)).is_ok());

        let open_contract_only = Holdings { open_contracts: 1, ..Holdings::default() };
        assert!(
            check_department_change(
                Department::Sales,
                &open_contract_only,
                &change(Department::Management, false, false)
            )
            .is_err()
        );

        let supporter = Holdings { upcoming_events: 2, past_events: 9, ..Holdings::default() };
        let err = check_department_change(Department::Support, &supporter, &change(Department::Sales, false, false))
            .unwrap_err();
        assert!(err.field_message("events_to").is_some());
        assert!(err.field_message("clients_to").is_none());
        assert!(
            check_department_change(Department::Support, &supporter, &change(Department::Sales, false, true)).is_ok()
        );
    }

    #[test]
    fn a_new_collaborator_needs_a_department_reported_with_the_other_errors() {
        let form = CollaboratorForm {
            employee_number: "EE-9".into(),
            full_name: "Ada Lovelace".into(),
            email: "ada@epic-events.fr".into(),
            department: None,
        };
        assert!(form.parse_new().unwrap_err().field_message("department").is_some());
        let err = CollaboratorForm { email: "nope".into(), ..form.clone() }.parse_new().unwrap_err();
        assert!(err.field_message("department").is_some() && err.field_message("email").is_some());
        assert_eq!(err.submitted("email"), Some("nope"));
        let ok = CollaboratorForm { department: Some(Department::Support), ..form }.parse_new().unwrap();
        assert_eq!(ok.department, Department::Support);
    }

    #[test]
    fn only_someone_in_charge_of_nothing_is_deletable() {
        assert!(check_deletable(&Holdings::default()).is_ok());
        for holdings in [
            Holdings { clients: 1, ..Holdings::default() },
            Holdings { open_contracts: 1, ..Holdings::default() },
            Holdings { closed_contracts: 1, ..Holdings::default() },
            Holdings { upcoming_events: 1, ..Holdings::default() },
            Holdings { past_events: 1, ..Holdings::default() },
        ] {
            assert!(matches!(check_deletable(&holdings), Err(AppError::Refused(_))), "{holdings:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn generated_passwords_pass_the_policy_and_differ() {
        let (a, b) = (generate_password(), generate_password());
        assert_eq!(a.len(), 19);
        assert!(crate::auth::password_policy::check_new_password(&a).is_ok());
        assert_ne!(a, b);
    }

    #[test]
    fn list_query_round_trips_through_its_url() {
        let query = CollaboratorQuery {
            search: Some("curie".into()),
            department: Some(Department::Support),
            inactive: true,
            ..CollaboratorQuery::default()
        };
        let url = query.to_url();
        let params: Vec<(String, String)> = url
            .split_once('?')
            .map(|(_, qs)| {
                qs.split('&').filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
            })
            .unwrap_or_default();
        let parsed =
            CollaboratorQuery::from_params(&|name| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
                .unwrap();
        assert_eq!(parsed, query);
        let bad = CollaboratorQuery::from_params(&|name| (name == "department").then(|| "boss".to_owned()));
        assert!(bad.is_err());
    }

    #[test]
    fn the_apis_active_filter_is_the_pages_inactive_one_the_other_way() {
        let inactive = |value: &str| {
            CollaboratorQuery::parse(&|n| (n == "active").then(|| value.to_owned()), Surface::Api).map(|q| q.inactive)
        };
        assert!(inactive("false").unwrap());
        assert!(!inactive("true").unwrap());
        assert!(!inactive("").unwrap(), "active ones by default");
        assert!(inactive("maybe").unwrap_err().field_message("active").is_some());
    }

    #[test]
    fn new_collaborator_is_normalised() {
        let c =
            NewCollaborator::parse(" ee-001 ", "  Marie   Curie ", "Marie@Epic-Events.fr", Department::Sales).unwrap();
        assert_eq!(c.employee_number.as_str(), "EE-001");
        assert_eq!(c.full_name.as_str(), "Marie Curie");
        assert_eq!(c.email.as_str(), "marie@epic-events.fr");
    }

    #[test]
    fn a_hand_over_needs_both_salespeople() {
        let err = parse_hand_over("", "pas-un-id").unwrap_err();
        assert_eq!(err.field_message("from"), Some(t::CHOOSE_SALES_FROM));
        assert!(err.field_message("to").is_some());
        let (from, to) = (CollaboratorId(Uuid::from_u128(1)), CollaboratorId(Uuid::from_u128(2)));
        assert_eq!(parse_hand_over(&from.to_string(), &to.to_string()).unwrap(), (from, to));
    }

    #[test]
    fn bad_fields_are_reported_together() {
        let err = NewCollaborator::parse("E 1", "", "nope", Department::Support).unwrap_err();
        for field in ["employee_number", "full_name", "email"] {
            assert!(err.field_message(field).is_some(), "{field}");
        }
    }
}
