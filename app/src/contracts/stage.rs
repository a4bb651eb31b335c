//! A contract's stage on the sales pipeline, and the moves between stages that people make.
//!
//! One fact is typed (the proposal was sent, `proposed_at`); "signé" is the signature and
//! "soldé" follows the payments recorded. A signed contract is the company's commitment:
//! locked against edits, except by management (`policy::can_update_contract`).

use serde::{Deserialize, Serialize};

use crate::i18n::fr as t;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContractStage {
    /// Being discussed: no proposal sent yet.
    Prospect,
    /// The proposal was sent to the client, not signed yet.
    Proposal,
    /// Signed, with money still to collect.
    Signed,
    /// Signed and fully paid.
    Paid,
}

impl ContractStage {
    pub const ALL: [ContractStage; 4] =
        [ContractStage::Prospect, ContractStage::Proposal, ContractStage::Signed, ContractStage::Paid];

    /// The stage of a contract with these facts. A contract is only "soldé" once signed: an
    /// unsigned contract owes nothing yet, whatever was paid in advance.
    pub fn of(proposed: bool, signed: bool, remaining_cents: i64) -> Self {
        match (signed, proposed) {
            (true, _) if remaining_cents == 0 => ContractStage::Paid,
            (true, _) => ContractStage::Signed,
            (false, true) => ContractStage::Proposal,
            (false, false) => ContractStage::Prospect,
        }
    }

    pub fn is_signed(self) -> bool {
        matches!(self, ContractStage::Signed | ContractStage::Paid)
    }

    pub fn code(self) -> &'static str {
        match self {
            ContractStage::Prospect => "prospect",
            ContractStage::Proposal => "proposal",
            ContractStage::Signed => "signed",
            ContractStage::Paid => "paid",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        ContractStage::ALL.into_iter().find(|stage| stage.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ContractStage::Prospect => t::STAGE_PROSPECT,
            ContractStage::Proposal => t::STAGE_PROPOSAL,
            ContractStage::Signed => t::STAGE_SIGNED,
            ContractStage::Paid => t::STAGE_PAID,
        }
    }

    pub fn badge_class(self) -> &'static str {
        match self {
            ContractStage::Prospect => "badge",
            ContractStage::Proposal => "badge badge-warn",
            ContractStage::Signed | ContractStage::Paid => "badge badge-ok",
        }
    }
}

/// What someone does to a contract's stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContractMove {
    /// The proposal went to the client.
    Propose,
    /// Back to "prospect": the proposal is being reworked.
    Unpropose,
    Sign,
}

impl ContractMove {
    /// The move that takes a contract from `from` to `to`, or why there is none: a signature
    /// is not taken back, and "soldé" follows the payments.
    pub fn between(from: ContractStage, to: ContractStage) -> Result<Self, &'static str> {
        use ContractStage::*;
        match (from, to) {
            _ if from == to => Err(t::STAGE_UNCHANGED),
            (Prospect, Proposal) => Ok(ContractMove::Propose),
            (Proposal, Prospect) => Ok(ContractMove::Unpropose),
            (Prospect | Proposal, Signed) => Ok(ContractMove::Sign),
            (_, Paid) | (Paid, Signed) => Err(t::STAGE_PAID_FOLLOWS_PAYMENTS),
            (Signed | Paid, _) => Err(t::STAGE_SIGNED_NO_MOVE_BACK),
            // Only the same stage is left here.
            (Prospect | Proposal, Prospect | Proposal) => Err(t::STAGE_UNCHANGED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContractStage::*;

    #[test]
    fn the_signature_and_the_payments_decide_after_the_proposal() {
        assert_eq!(ContractStage::of(false, false, 100), Prospect);
        assert_eq!(ContractStage::of(true, false, 100), Proposal);
        assert_eq!(ContractStage::of(false, false, 0), Prospect, "nothing owed before signing");
        assert_eq!(ContractStage::of(true, true, 100), Signed);
        assert_eq!(ContractStage::of(false, true, 1), Signed, "signed without a proposal on record");
        assert_eq!(ContractStage::of(true, true, 0), Paid);
    }

    #[test]
    fn codes_read_back() {
        for stage in ContractStage::ALL {
            assert_eq!(ContractStage::from_code(stage.code()), Some(stage));
        }
        assert_eq!(ContractStage::from_code("won"), None);
    }

    #[test]
    fn people_propose_and_sign_and_the_payments_do_the_rest() {
        assert_eq!(ContractMove::between(Prospect, Proposal), Ok(ContractMove::Propose));
        assert_eq!(ContractMove::between(Proposal, Prospect), Ok(ContractMove::Unpropose));
        assert_eq!(ContractMove::between(Prospect, Signed), Ok(ContractMove::Sign));
        assert_eq!(ContractMove::between(Proposal, Signed), Ok(ContractMove::Sign));
        for from in ContractStage::ALL {
            assert!(ContractMove::between(from, Paid).is_err(), "{from:?} → soldé");
            assert!(ContractMove::between(from, from).is_err(), "{from:?} stays");
        }
        assert_eq!(ContractMove::between(Paid, Signed), Err(t::STAGE_PAID_FOLLOWS_PAYMENTS));
        for refused in [(Signed, Prospect), (Signed, Proposal), (Paid, Prospect)] {
            assert_eq!(ContractMove::between(refused.0, refused.1), Err(t::STAGE_SIGNED_NO_MOVE_BACK), "{refused:?}");
        }
    }
}
