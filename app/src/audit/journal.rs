//! The audit trail browser's types: its filters, as they appear in the URL, and its rows.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::{Action, Changes, Entity};
use crate::domain::CollaboratorId;
use crate::domain::datetime::parse_day;
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::listing::{Page, Paging, ParamReader, QueryString};

/// Reads the `from` and `to` days of a date-range filter, refusing a range that ends before
/// it starts.
pub fn read_range(r: &mut ParamReader<'_>) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let from = r.parsed("from", parse_day);
    let to = r.parsed("to", parse_day);
    match (from, to) {
        (Some(start), Some(end)) if end < start => {
            (from, r.parsed("to", |_| Err::<NaiveDate, _>(t::DAY_RANGE_REVERSED.to_owned())))
        }
        _ => (from, to),
    }
}

/// The journal's filters and page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct JournalQuery {
    pub actor: Option<CollaboratorId>,
    pub entity: Option<Entity>,
    pub action: Option<Action>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub paging: Paging,
}

impl JournalQuery {
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        let mut r = ParamReader::new(get);
        let actor = r.parsed("actor", CollaboratorId::parse);
        let entity = r.parsed("entity", |raw| Entity::from_code(raw).ok_or_else(|| t::RECORD_TYPE_UNKNOWN.to_owned()));
        let action = r.parsed("action", |raw| Action::from_code(raw).ok_or_else(|| t::ACTION_UNKNOWN.to_owned()));
        let (from, to) = read_range(&mut r);
        let paging = r.paging();
        r.finish(JournalQuery { actor, entity, action, from, to, paging })
    }

    pub fn to_url(&self) -> String {
        self.query_string().paging(self.paging).to_url(crate::routes::AUDIT_JOURNAL)
    }

    fn query_string(&self) -> QueryString {
        let mut qs = QueryString::new();
        if let Some(actor) = self.actor {
            qs = qs.push("actor", actor);
        }
        if let Some(entity) = self.entity {
            qs = qs.push("entity", entity.code());
        }
        if let Some(action) = self.action {
            qs = qs.push("action", action.code());
        }
        if let Some(from) = self.from {
            qs = qs.push("from", from);
        }
        if let Some(to) = self.to {
            qs = qs.push("to", to);
        }
        qs
    }

    /// The filters as hidden fields of the page-size form.
    pub fn filter_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = Vec::new();
        if let Some(actor) = self.actor {
            fields.push(("actor", actor.to_string()));
        }
        if let Some(entity) = self.entity {
            fields.push(("entity", entity.code().to_owned()));
        }
        if let Some(action) = self.action {
            fields.push(("action", action.code().to_owned()));
        }
        if let Some(from) = self.from {
            fields.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            fields.push(("to", to.to_string()));
        }
        fields
    }
}

/// One audit record in the journal, with the record's current name when it still exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<CollaboratorId>,
    pub actor_name: Option<String>,
    pub entity: Entity,
    pub entity_id: Uuid,
    pub action: Action,
    pub changes: Changes,
    pub label: Option<String>,
}

pub type JournalPage = Page<JournalRow>;

/// Where a record of the journal is shown.
pub fn record_href(entity: Entity, id: Uuid) -> String {
    match entity {
        Entity::Client => crate::routes::client(id.into(), None),
        Entity::Contract => crate::routes::contract(id.into(), None),
        Entity::Event => crate::routes::event(id.into(), None),
        Entity::Collaborator => format!("{}/{id}", crate::routes::COLLABORATORS),
        Entity::Setting => crate::routes::SUPPORT_QUEUE.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> Result<JournalQuery, AppError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        JournalQuery::from_params(&|name| map.get(name).cloned())
    }

    #[test]
    fn journal_filters_round_trip_through_the_url() {
        let query = parse(&[
            ("actor", "00000000-0000-0000-0000-000000000001"),
            ("entity", "contract"),
            ("action", "sign"),
            ("from", "2026-03-01"),
            ("to", "2026-03-31"),
            ("page", "2"),
        ])
        .unwrap();
        assert_eq!(query.entity, Some(Entity::Contract));
        assert_eq!(query.action, Some(Action::Sign));
        let url = query.to_url();
        let params: HashMap<String, String> = url
            .split_once('?')
            .unwrap()
            .1
            .split('&')
            .map(|kv| kv.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())).unwrap())
            .collect();
        assert_eq!(JournalQuery::from_params(&|name| params.get(name).cloned()).unwrap(), query);
    }

    #[test]
    fn malformed_journal_filters_are_refused_each_with_a_message() {
        for (name, value) in [
            ("actor", "robert"),
            ("entity", "invoice"),
            ("action", "drop"),
            ("from", "31/12/2026"),
            ("to", "2026-13-01"),
        ] {
            let err = parse(&[(name, value)]).unwrap_err();
            assert!(err.field_message(name).is_some(), "{name}={value}");
        }
        let reversed = parse(&[("from", "2026-03-10"), ("to", "2026-03-01")]).unwrap_err();
        assert_eq!(reversed.field_message("to"), Some(t::DAY_RANGE_REVERSED));
    }
}
