//! The contracts board as the browser shows it: one column per stage (Prospect, Proposition,
//! Signé, Soldé), each with its first cards, its (capped) count, and where its next cards start.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::paging::{BoardAddress, Column, Lane};
use crate::contracts::model::ContractRow;
use crate::contracts::stage::ContractStage;
use crate::domain::ContractId;

/// Where a contracts board's column starts.
pub type ContractCursor = super::paging::Cursor<ContractId>;

/// What the board shows: everyone's contracts or the user's own (their clients' for sales),
/// and where each column starts, named by its stage's code in the address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractBoardQuery {
    #[serde(default)]
    pub mine: bool,
    pub prospect: Option<ContractCursor>,
    pub proposal: Option<ContractCursor>,
    pub signed: Option<ContractCursor>,
    pub paid: Option<ContractCursor>,
}

impl Lane for ContractStage {
    const ALL: &'static [Self] = &ContractStage::ALL;

    fn code(self) -> &'static str {
        ContractStage::code(self)
    }
}

impl BoardAddress for ContractBoardQuery {
    type Lane = ContractStage;
    type Id = ContractId;
    const ROUTE: &'static str = crate::routes::CONTRACT_BOARD;

    fn mine(&self) -> bool {
        self.mine
    }

    fn mine_mut(&mut self) -> &mut bool {
        &mut self.mine
    }

    fn after(&self, stage: ContractStage) -> Option<ContractCursor> {
        match stage {
            ContractStage::Prospect => self.prospect,
            ContractStage::Proposal => self.proposal,
            ContractStage::Signed => self.signed,
            ContractStage::Paid => self.paid,
        }
    }

    fn after_mut(&mut self, stage: ContractStage) -> &mut Option<ContractCursor> {
        match stage {
            ContractStage::Prospect => &mut self.prospect,
            ContractStage::Proposal => &mut self.proposal,
            ContractStage::Signed => &mut self.signed,
            ContractStage::Paid => &mut self.paid,
        }
    }
}

/// One stage's column; its cards are the contracts as the list shows them.
pub type ContractColumn = Column<ContractStage, ContractRow, ContractId>;

/// Each card sits in the column of its stage when the board was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractBoard {
    pub query: ContractBoardQuery,
    /// In `ContractStage::ALL`'s order.
    pub columns: Vec<ContractColumn>,
}

/// The instant a column is ordered by (newest first), for a card of it: when the contract was
/// opened, proposed or signed.
pub fn order_instant(stage: ContractStage, contract: &ContractRow) -> DateTime<Utc> {
    match stage {
        ContractStage::Prospect => contract.created_at,
        ContractStage::Proposal => contract.proposed_at.unwrap_or(contract.created_at),
        ContractStage::Signed | ContractStage::Paid => contract.signed_at.unwrap_or(contract.created_at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stage_pages_on_its_own_in_the_address() {
        let get = |name: &str| match name {
            "proposal" => Some("2026-06-04T08:00:00Z~00000000-0000-0000-0000-000000000007".to_owned()),
            _ => None,
        };
        let query = ContractBoardQuery::from_params(&get).unwrap();
        assert!(!query.mine);
        assert!(query.after(ContractStage::Proposal).is_some());
        assert_eq!(
            query.with_column(ContractStage::Paid, query.proposal),
            "/contrats/tableau?proposal=2026-06-04T08%3A00%3A00.000000Z%7E00000000-0000-0000-0000-000000000007\
             &paid=2026-06-04T08%3A00%3A00.000000Z%7E00000000-0000-0000-0000-000000000007"
        );
        assert_eq!(query.mine_toggled(), "/contrats/tableau?mine=1", "the other view starts at the top");
        let bad = |name: &str| (name == "signed").then(|| "hier".to_owned());
        assert!(ContractBoardQuery::from_params(&bad).unwrap_err().field_message("signed").is_some());
    }
}
