//! Client types shared by the browser and the server.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::datetime::parse_day;
use crate::domain::{ClientId, CollaboratorId, CompanyName, Email, PersonName, Phone};
use crate::error::AppError;
use crate::forms::Validator;
use crate::listing::{Page, Paging, ParamReader, QueryString, Sort, SortKey, Surface};

/// A client as lists and detail pages show it. A client without a signed contract is a
/// prospect: derived, never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ClientRow {
    pub id: ClientId,
    pub full_name: String,
    pub email: String,
    /// E.164.
    pub phone: String,
    pub company_name: String,
    pub sales_contact_id: CollaboratorId,
    pub sales_contact_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub is_prospect: bool,
    pub version: i32,
    /// Personal data erased (RGPD): the name, e-mail and phone are a pseudonym.
    pub anonymised: bool,
}

impl ClientRow {
    pub fn phone_display(&self) -> String {
        Phone::parse(&self.phone).map(|p| p.display()).unwrap_or_else(|_| self.phone.clone())
    }
}

pub type ClientPage = Page<ClientRow>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ClientSort {
    #[default]
    Name,
    Company,
    Created,
    LastContact,
}

impl SortKey for ClientSort {
    const ALL: &'static [Self] = &[ClientSort::Name, ClientSort::Company, ClientSort::Created, ClientSort::LastContact];

    fn code(self) -> &'static str {
        match self {
            ClientSort::Name => "name",
            ClientSort::Company => "company",
            ClientSort::Created => "created",
            ClientSort::LastContact => "last_contact",
        }
    }

    fn api_name(self) -> Option<&'static str> {
        Some(match self {
            ClientSort::Name => "full_name",
            ClientSort::Company => "company_name",
            ClientSort::Created => "created_at",
            ClientSort::LastContact => "updated_at",
        })
    }

    fn descending_first(self) -> bool {
        matches!(self, ClientSort::Created | ClientSort::LastContact)
    }
}

/// The client list's search, filters, sort and page, as they appear in its URL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClientQuery {
    #[serde(default, deserialize_with = "crate::listing::deserialize_search")]
    pub search: Option<String>,
    pub mine: bool,
    pub prospects: bool,
    /// Clients whose last contact (their last change or note) was before this day (Paris).
    pub contact_before: Option<NaiveDate>,
    pub sort: Sort<ClientSort>,
    pub paging: Paging,
}

impl ClientQuery {
    /// The list page's URL.
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        ClientQuery::parse(get, Surface::Page)
    }

    /// The list's parameters as `surface` names them.
    pub fn parse(get: &dyn Fn(&str) -> Option<String>, surface: Surface) -> Result<Self, AppError> {
        let mut r = ParamReader::on(get, surface);
        let query = ClientQuery {
            search: r.search(),
            mine: r.flag("mine"),
            prospects: r.flag(surface.name("prospects", "prospect")),
            contact_before: r.parsed("contact_before", parse_day),
            sort: r.sort(),
            paging: r.paging(),
        };
        r.finish(query)
    }

    pub fn to_url(&self) -> String {
        let mut qs = QueryString::new().search(&self.search);
        for (name, value) in crate::listing::ListQuery::filter_fields(self) {
            qs = qs.push(name, value);
        }
        qs.sort(self.sort).paging(self.paging).to_url(crate::routes::CLIENTS)
    }
}

impl crate::listing::ListQuery for ClientQuery {
    type Key = ClientSort;

    fn to_url(&self) -> String {
        ClientQuery::to_url(self)
    }

    fn sort_mut(&mut self) -> &mut Sort<ClientSort> {
        &mut self.sort
    }

    fn paging_mut(&mut self) -> &mut Paging {
        &mut self.paging
    }

    fn filter_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = crate::listing::flag_fields(&[("mine", self.mine), ("prospects", self.prospects)]);
        if let Some(day) = self.contact_before {
            fields.push(("contact_before", day.to_string()));
        }
        fields
    }

    fn search_text(&self) -> Option<String> {
        self.search.clone()
    }
}

/// A client's editable fields, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClientForm {
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub company_name: String,
}

/// A client's editable fields, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInput {
    pub full_name: PersonName,
    pub email: Email,
    pub phone: Phone,
    pub company_name: CompanyName,
}

impl TryFrom<&ClientForm> for ClientInput {
    type Error = AppError;

    fn try_from(form: &ClientForm) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let full_name = v.check("full_name", PersonName::parse(&form.full_name));
        let email = v.check("email", Email::parse(&form.email));
        let phone = v.check("phone", Phone::parse(&form.phone));
        let company_name = v.check("company_name", CompanyName::parse(&form.company_name));
        let input = (|| {
            Some(ClientInput { full_name: full_name?, email: email?, phone: phone?, company_name: company_name? })
        })();
        v.finish(input).map_err(|e| e.keeping(&form.submitted()))
    }
}

impl ClientForm {
    /// The values as typed, which a refused form shows again (`AppError::keeping`).
    pub fn submitted(&self) -> [(&'static str, &str); 4] {
        [
            ("full_name", &self.full_name),
            ("email", &self.email),
            ("phone", &self.phone),
            ("company_name", &self.company_name),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ClientForm {
        ClientForm {
            full_name: " Kevin  Casey ".into(),
            email: "Kevin@Startup.io".into(),
            phone: "06 12 34 56 78".into(),
            company_name: "Cool Startup LLC".into(),
        }
    }

    #[test]
    fn a_typed_client_is_normalised() {
        let input = ClientInput::try_from(&form()).unwrap();
        assert_eq!(input.full_name.as_str(), "Kevin Casey");
        assert_eq!(input.email.as_str(), "kevin@startup.io");
        assert_eq!(input.phone.as_e164(), "+33612345678");
    }

    #[test]
    fn every_invalid_field_is_reported_and_the_typed_values_kept() {
        let bad =
            ClientForm { full_name: "".into(), email: "nope".into(), phone: "12".into(), company_name: " ".into() };
        let err = ClientInput::try_from(&bad).unwrap_err();
        for field in ["full_name", "email", "phone", "company_name"] {
            assert!(err.field_message(field).is_some(), "{field}");
        }
        assert_eq!(err.submitted("email"), Some("nope"));
    }

    #[test]
    fn list_urls_round_trip_through_their_parameters() {
        let query = ClientQuery {
            search: Some("dupont".into()),
            mine: true,
            prospects: false,
            contact_before: NaiveDate::from_ymd_opt(2026, 11, 2),
            sort: Sort { key: ClientSort::Created, descending: true },
            paging: Paging { page: 2, size: 50 },
        };
        let url = query.to_url();
        let params: Vec<(String, String)> = url
            .split_once('?')
            .unwrap()
            .1
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_owned(), v.to_owned())
            })
            .collect();
        let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        assert_eq!(ClientQuery::from_params(&get).unwrap(), query);
    }
}

/// A client with a signed contract stays, for the accounts: it is anonymised instead.
pub fn check_client_deletable(signed_contracts: usize) -> Result<(), AppError> {
    if signed_contracts == 0 {
        Ok(())
    } else {
        Err(AppError::Refused(crate::i18n::fr::client_not_deletable(signed_contracts)))
    }
}

#[cfg(test)]
mod deletion_tests {
    use super::*;

    #[test]
    fn only_a_client_without_signed_contracts_is_deletable() {
        assert!(check_client_deletable(0).is_ok());
        assert!(matches!(check_client_deletable(1), Err(AppError::Refused(m)) if m.contains("anonymis")));
    }
}
