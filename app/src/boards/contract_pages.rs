//! The contracts board: a column per stage, each card with its own move form (a keyboard and
//! no JavaScript need nothing else); dragging a card onto a column sends that same form
//! (`ui::islands::BoardDragAndDrop`). A refused move comes back with the board as it was and
//! the reason at its top. "Soldé" follows the payments: no card is moved there by hand.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::contracts_board;
use super::contract_model::{ContractBoard, ContractBoardQuery, order_instant};
use super::pages::{board_header, column_frame};
use super::paging::BoardAddress;
use crate::auth::Actor;
use crate::components::{ErrorSummary, SubmitButton, action_error};
use crate::contracts::api::MoveContract;
use crate::contracts::model::ContractRow;
use crate::contracts::stage::ContractStage;
use crate::domain::datetime::format_date;
use crate::i18n::fr as t;
use crate::policy;
use crate::routes;
use crate::ui::islands::BoardDragAndDrop;
use crate::ui::loaded::Loaded;
use crate::ui::page_title;
use crate::ui::status::Notice;

#[component]
pub fn ContractBoardPage() -> impl IntoView {
    let moved = ServerAction::<MoveContract>::new();
    let error = action_error(moved);
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        ContractBoardQuery::from_params(&|name| params.get(name))
    });
    let board = Resource::new(
        move || (query.get(), moved.version().get()),
        |(query, _)| async move { contracts_board(query?).await },
    );
    view! {
        <Title text=page_title(t::CONTRACT_BOARD)/>
        <main id="contenu" class="page">
            <Notice/>
            <ErrorSummary error/>
            <Loaded
                resource=board
                reset_href=routes::CONTRACT_BOARD
                render=move |board, actor| Ok(view! { <Board board actor moved/> })
            />
            <BoardDragAndDrop/>
        </main>
    }
}

#[component]
fn Board(board: ContractBoard, actor: Option<Actor>, moved: ServerAction<MoveContract>) -> impl IntoView {
    let ContractBoard { query, columns } = board;
    let columns = columns
        .into_iter()
        .map(|column| {
            let (stage, actor) = (column.lane, actor.clone());
            column_frame(&query, column, stage.label(), t::CONTRACT_BOARD_EMPTY, move |contract| {
                view! { <Card contract stage actor=actor.clone() moved/> }.into_any()
            })
        })
        .collect_view();
    view! {
        {board_header(t::CONTRACT_BOARD, (routes::CONTRACTS, t::EVENT_LIST_VIEW), &query, t::CONTRACT_BOARD_HELP)}
        <div class="board">{columns}</div>
    }
}

#[component]
fn Card(
    contract: ContractRow,
    stage: ContractStage,
    actor: Option<Actor>,
    moved: ServerAction<MoveContract>,
) -> impl IntoView {
    let sales = contract.client_sales_contact_id;
    // Where this user may take the card, by the same rules as the server's.
    let targets: Vec<ContractStage> = actor
        .as_ref()
        .map(|a| {
            ContractStage::ALL.into_iter().filter(|to| policy::can_take_contract_to(a, stage, *to, sales)).collect()
        })
        .unwrap_or_default();
    let id = contract.id.to_string();
    let href = routes::contract(contract.id, None);
    let amount = match stage {
        ContractStage::Signed => format!("{} · {} {}", contract.total(), t::REMAINING, contract.remaining()),
        _ => contract.total(),
    };
    let since = match stage {
        ContractStage::Prospect => t::CREATED_AT,
        ContractStage::Proposal => t::PROPOSED_ON,
        ContractStage::Signed | ContractStage::Paid => t::SIGNED_ON,
    };
    let when = format!("{since} {}", format_date(order_instant(stage, &contract)));
    let select_id = format!("move-{id}");
    let label = t::move_card(&contract.client_name);
    let movable = !targets.is_empty();
    let form_id = id.clone();
    let form = movable.then(move || {
        let (id, card) = (form_id.clone(), form_id);
        let options = targets.iter().map(|to| view! { <option value=to.code()>{to.label()}</option> }).collect_view();
        view! {
            <ActionForm action=moved attr:class="board-move" attr:data-card=card>
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="version" value=contract.version/>
                <input type="hidden" name="back_to_board" value="true"/>
                <label class="visually-hidden" for=select_id.clone()>{label}</label>
                <select id=select_id name="status">{options}</select>
                <SubmitButton label=t::MOVE class="button-ghost"/>
            </ActionForm>
        }
    });
    view! {
        <li class="board-card" draggable=movable.then_some("true") data-card=id.clone()>
            <a href=href class="board-card-title">{contract.client_name.clone()}</a>
            <p class="muted">{contract.company_name.clone()}</p>
            <p>{amount}</p>
            <p class="muted">{when} " · " {contract.sales_contact_name.clone()}</p>
            {form}
        </li>
    }
}
