//! Contract types shared by the browser and the server.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::contracts::stage::ContractStage;
use crate::domain::{Cents, ClientId, CollaboratorId, ContractId};
use crate::error::AppError;
use crate::forms::Validator;
use crate::listing::{Page, Paging, ParamReader, QueryString, Sort, SortKey, Surface};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ContractRow {
    pub id: ContractId,
    pub client_id: ClientId,
    pub client_name: String,
    pub company_name: String,
    /// Who sold or follows the contract: moves with the client while the contract is open,
    /// stays as history once it is paid. Rights follow `client_sales_contact_id` instead.
    pub sales_contact_id: CollaboratorId,
    pub sales_contact_name: String,
    /// The client's current sales contact, who may change the contract and add its events.
    pub client_sales_contact_id: CollaboratorId,
    /// The client was anonymised: nothing new is attached to it.
    pub client_anonymised: bool,
    pub total_cents: i64,
    pub remaining_cents: i64,
    /// When the proposal went to the client (the board's "Proposition").
    pub proposed_at: Option<DateTime<Utc>>,
    pub signed_at: Option<DateTime<Utc>>,
    pub signed_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl ContractRow {
    pub fn is_signed(&self) -> bool {
        self.signed_at.is_some()
    }

    pub fn is_paid(&self) -> bool {
        self.remaining_cents == 0
    }

    pub fn stage(&self) -> ContractStage {
        ContractStage::of(self.proposed_at.is_some(), self.is_signed(), self.remaining_cents)
    }

    pub fn total(&self) -> String {
        money(self.total_cents)
    }

    pub fn remaining(&self) -> String {
        money(self.remaining_cents)
    }
}

/// Formats stored cents; the database keeps them valid, so the fallback never shows in practice.
pub fn money(cents: i64) -> String {
    Cents::new(cents).map(|c| c.to_string()).unwrap_or_else(|_| format!("{cents} c"))
}

pub type ContractPage = Page<ContractRow>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ContractSort {
    #[default]
    Created,
    Client,
    Total,
    Remaining,
}

impl SortKey for ContractSort {
    const ALL: &'static [Self] =
        &[ContractSort::Created, ContractSort::Client, ContractSort::Total, ContractSort::Remaining];

    fn code(self) -> &'static str {
        match self {
            ContractSort::Created => "created",
            ContractSort::Client => "client",
            ContractSort::Total => "total",
            ContractSort::Remaining => "remaining",
        }
    }

    fn api_name(self) -> Option<&'static str> {
        match self {
            ContractSort::Created => Some("created_at"),
            ContractSort::Client => None,
            ContractSort::Total => Some("total_amount"),
            ContractSort::Remaining => Some("amount_remaining"),
        }
    }

    fn descending_first(self) -> bool {
        !matches!(self, ContractSort::Client)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContractQuery {
    #[serde(default, deserialize_with = "crate::listing::deserialize_search")]
    pub search: Option<String>,
    /// Signed contracts only (the REST API's `signed=true`).
    pub signed: bool,
    pub unsigned: bool,
    pub unpaid: bool,
    pub mine: bool,
    pub sort: Sort<ContractSort>,
    pub paging: Paging,
}

impl ContractQuery {
    /// The list page's URL.
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        ContractQuery::parse(get, Surface::Page)
    }

    /// The list's parameters as `surface` names them: the API's one `signed=true|false` is the
    /// page's two filters.
    pub fn parse(get: &dyn Fn(&str) -> Option<String>, surface: Surface) -> Result<Self, AppError> {
        let mut r = ParamReader::on(get, surface);
        let search = r.search();
        let (signed, unsigned) = match surface {
            Surface::Page => (r.flag("signed"), r.flag("unsigned")),
            Surface::Api => match r.choice("signed") {
                Some(signed) => (signed, !signed),
                None => (false, false),
            },
        };
        let query = ContractQuery {
            search,
            signed,
            unsigned,
            unpaid: r.flag("unpaid"),
            mine: r.flag("mine"),
            sort: r.sort(),
            paging: r.paging(),
        };
        r.finish(query)
    }

    pub fn to_url(&self) -> String {
        QueryString::new()
            .search(&self.search)
            .flag("signed", self.signed)
            .flag("unsigned", self.unsigned)
            .flag("unpaid", self.unpaid)
            .flag("mine", self.mine)
            .sort(self.sort)
            .paging(self.paging)
            .to_url(crate::routes::CONTRACTS)
    }
}

impl crate::listing::ListQuery for ContractQuery {
    type Key = ContractSort;

    fn to_url(&self) -> String {
        ContractQuery::to_url(self)
    }

    fn sort_mut(&mut self) -> &mut Sort<ContractSort> {
        &mut self.sort
    }

    fn paging_mut(&mut self) -> &mut Paging {
        &mut self.paging
    }

    fn filter_fields(&self) -> Vec<(&'static str, String)> {
        crate::listing::flag_fields(&[
            ("signed", self.signed),
            ("unsigned", self.unsigned),
            ("unpaid", self.unpaid),
            ("mine", self.mine),
        ])
    }

    fn search_text(&self) -> Option<String> {
        self.search.clone()
    }
}

/// The total as typed. What remains to be paid is never typed: it is the total minus the
/// payments recorded (`payments`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AmountsForm {
    pub total: String,
}

/// The total checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amounts {
    pub total: Cents,
}

impl TryFrom<&AmountsForm> for Amounts {
    type Error = AppError;

    fn try_from(form: &AmountsForm) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let total = v.check("total", Cents::parse(&form.total));
        v.finish(total.map(|total| Amounts { total })).map_err(|e| e.keeping(&[("total", &form.total)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(total: &str) -> Result<Amounts, AppError> {
        Amounts::try_from(&AmountsForm { total: total.into() })
    }

    fn api_query(name: &str, value: &str) -> Result<ContractQuery, AppError> {
        ContractQuery::parse(&|n| (n == name).then(|| value.to_owned()), Surface::Api)
    }

    #[test]
    fn the_apis_one_signed_filter_is_the_pages_two() {
        let filters = |q: ContractQuery| (q.signed, q.unsigned);
        assert_eq!(filters(api_query("signed", "true").unwrap()), (true, false));
        assert_eq!(filters(api_query("signed", "false").unwrap()), (false, true));
        assert_eq!(filters(api_query("signed", "").unwrap()), (false, false));
        assert!(api_query("signed", "perhaps").unwrap_err().field_message("signed").is_some());
        assert!(api_query("unsigned", "1").unwrap() == ContractQuery::default(), "not an API name");
        assert_eq!(api_query("sort", "-total_amount").unwrap().sort.key, ContractSort::Total);
        assert!(api_query("sort", "client").unwrap_err().field_message("sort").is_some(), "a page-only sort");
    }

    #[test]
    fn amounts_are_parsed_as_cents() {
        assert_eq!(amounts("1 234,56").unwrap().total.get(), 123_456);
    }

    #[test]
    fn negative_and_garbage_amounts_are_refused() {
        assert!(amounts("-5").unwrap_err().field_message("total").is_some());
        assert_eq!(amounts("abc").unwrap_err().submitted("total"), Some("abc"));
    }
}

/// A signed contract stays (the accounts keep it); an unsigned one goes once its events are gone.
pub fn check_contract_deletable(signed: bool, events: i64) -> Result<(), AppError> {
    if signed {
        Err(AppError::Refused(crate::i18n::fr::CONTRACT_SIGNED_NOT_DELETABLE.to_owned()))
    } else if events > 0 {
        Err(AppError::Refused(crate::i18n::fr::contract_not_deletable(events)))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod deletion_tests {
    use super::*;

    #[test]
    fn a_contract_with_events_is_not_deletable() {
        assert!(check_contract_deletable(false, 0).is_ok());
        assert!(matches!(check_contract_deletable(false, 2), Err(AppError::Refused(m)) if m.contains('2')));
    }

    #[test]
    fn a_signed_contract_is_never_deletable() {
        assert!(matches!(check_contract_deletable(true, 0), Err(AppError::Refused(m)) if m.contains("signé")));
    }
}
