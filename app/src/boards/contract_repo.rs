//! All SQL about the contracts board: one index scan per column, newest first (see the
//! migration `contract_board`: each column has an index in its own order), and a count that
//! stops past the cap.

use sqlx::{PgPool, Postgres, QueryBuilder};

use super::contract_model::ContractCursor;
use crate::auth::{Actor, Department};
use crate::contracts::model::ContractRow;
use crate::contracts::stage::ContractStage;
use crate::listing::COUNT_CAP;

/// A column's rows (`ContractStage::of`, in SQL) and the instant it is ordered by.
fn column(stage: ContractStage) -> (&'static str, &'static str) {
    match stage {
        ContractStage::Prospect => ("k.signed_at is null and k.proposed_at is null", "k.created_at"),
        ContractStage::Proposal => ("k.signed_at is null and k.proposed_at is not null", "k.proposed_at"),
        ContractStage::Signed => ("k.signed_at is not null and k.remaining_cents > 0", "k.signed_at"),
        ContractStage::Paid => ("k.signed_at is not null and k.remaining_cents = 0", "k.signed_at"),
    }
}

/// `where` with the column's filter, and the user's own contracts when `mine`: their clients'
/// for sales, the ones whose events they run for support.
fn push_filter(qb: &mut QueryBuilder<'_, Postgres>, stage: ContractStage, actor: &Actor, mine: bool) {
    qb.push(" where ").push(column(stage).0);
    if mine {
        match actor.department {
            // An open contract's own salesperson is its client's current one (it moves with the
            // client: `contracts::repo`), read from an index per salesperson and stage; a paid one
            // keeps who sold it, so "mine" goes through the client there, as the rights do
            // (`contract_paid_client_idx` for each client).
            Department::Sales if stage != ContractStage::Paid => {
                qb.push(" and k.sales_contact_id = ").push_bind(actor.id);
            }
            Department::Sales => {
                qb.push(" and k.client_id in (select id from client where sales_contact_id = ")
                    .push_bind(actor.id)
                    .push(")");
            }
            Department::Support => {
                qb.push(" and k.id in (select contract_id from event where support_contact_id = ")
                    .push_bind(actor.id)
                    .push(")");
            }
            // Management answers for every contract.
            Department::Management => {}
        }
    }
}

/// The column's cards after `after` (at most `limit`), newest first.
pub async fn cards(
    pool: &PgPool,
    stage: ContractStage,
    actor: &Actor,
    mine: bool,
    after: Option<ContractCursor>,
    limit: i64,
) -> sqlx::Result<Vec<ContractRow>> {
    let order = column(stage).1;
    let mut qb = QueryBuilder::new(crate::contracts::repo::SELECT);
    push_filter(&mut qb, stage, actor, mine);
    if let Some(cursor) = after {
        qb.push(format_args!(" and ({order}, k.id) < ("))
            .push_bind(cursor.at)
            .push(", ")
            .push_bind(cursor.id)
            .push(")");
    }
    qb.push(format_args!(" order by {order} desc, k.id desc limit ")).push_bind(limit);
    qb.build_query_as().fetch_all(pool).await
}

/// How many cards the column holds, counted up to `COUNT_CAP + 1`.
pub async fn count(pool: &PgPool, stage: ContractStage, actor: &Actor, mine: bool) -> sqlx::Result<i64> {
    let mut qb = QueryBuilder::new("select count(*) from (select 1 from contract k");
    push_filter(&mut qb, stage, actor, mine);
    qb.push(format_args!(" limit {}) counted", COUNT_CAP + 1));
    qb.build_query_scalar().fetch_one(pool).await
}
