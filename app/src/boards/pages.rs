//! The boards' shared frame, and the events board: a column per state, each card with its own
//! move form (a keyboard and no JavaScript need nothing else); dragging a card onto a column
//! sends that same form (`ui::islands::BoardDragAndDrop`). A refused move comes back with the board as it was and
//! the reason at its top.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::events_board;
use super::model::{BoardCard, EventBoard, EventBoardQuery};
use super::paging::{BoardAddress, Column, Lane};
use crate::auth::Actor;
use crate::components::{ErrorSummary, SubmitButton, action_error};
use crate::domain::datetime::format_datetime;
use crate::events::api::MoveEvent;
use crate::events::status::EventStatus;
use crate::i18n::fr as t;
use crate::policy;
use crate::routes;
use crate::ui::islands::BoardDragAndDrop;
use crate::ui::list::FilterChip;
use crate::ui::loaded::Loaded;
use crate::ui::page_title;
use crate::ui::status::Notice;

#[component]
pub fn EventBoardPage() -> impl IntoView {
    let moved = ServerAction::<MoveEvent>::new();
    let error = action_error(moved);
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        EventBoardQuery::from_params(&|name| params.get(name))
    });
    let board = Resource::new(
        move || (query.get(), moved.version().get()),
        |(query, _)| async move { events_board(query?).await },
    );
    view! {
        <Title text=page_title(t::EVENT_BOARD)/>
        <main id="contenu" class="page">
            <Notice/>
            <ErrorSummary error/>
            <Loaded
                resource=board
                reset_href=routes::EVENT_BOARD
                render=move |board, actor| Ok(view! { <Board board actor moved/> })
            />
            <BoardDragAndDrop/>
        </main>
    }
}

#[component]
fn Board(board: EventBoard, actor: Option<Actor>, moved: ServerAction<MoveEvent>) -> impl IntoView {
    let EventBoard { query, columns } = board;
    let columns = columns
        .into_iter()
        .map(|column| {
            let (status, actor) = (column.lane, actor.clone());
            column_frame(&query, column, status.label(), t::BOARD_EMPTY, move |card| {
                view! { <Card card status actor=actor.clone() moved/> }.into_any()
            })
        })
        .collect_view();
    view! {
        {board_header(t::EVENT_BOARD, (routes::EVENTS, t::EVENT_LIST_VIEW), &query, t::BOARD_HELP)}
        <div class="board">{columns}</div>
    }
}

/// A board's heading: its title, the link to the list, "les miens", how to move a card.
pub fn board_header<Q: BoardAddress>(
    title: &'static str,
    (list_href, list_label): (&'static str, &'static str),
    query: &Q,
    help: &'static str,
) -> impl IntoView {
    view! {
        <div class="list-header">
            <h1>{title}</h1>
            <div class="actions">
                <a class="button-ghost button-link" href=list_href>{list_label}</a>
            </div>
        </div>
        <div class="filters">
            <FilterChip label=t::BOARD_MINE href=query.mine_toggled() active=query.mine()/>
        </div>
        <p class="help">{help}</p>
    }
}

/// A column of any board around its cards: its heading and count, and the links to its first
/// and next cards (the other columns stay where they are).
pub fn column_frame<Q: BoardAddress, Card>(
    query: &Q,
    column: Column<Q::Lane, Card, Q::Id>,
    label: &'static str,
    empty: &'static str,
    card: impl Fn(Card) -> AnyView,
) -> impl IntoView {
    let lane = column.lane;
    let count = column.count_label();
    let heading_id = format!("column-{}", lane.code());
    let first_page = query.after(lane).map(|_| query.with_column(lane, None));
    let next = column.next.map(|cursor| query.with_column(lane, Some(cursor)));
    let none = column.cards.is_empty();
    let cards = column.cards.into_iter().map(card).collect_view();
    view! {
        <section class="board-column" data-status=lane.code() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{label} <span class="count">" · " {count}</span></h2>
            {first_page.map(|href| view! { <a class="board-more" href=href>{t::BOARD_FIRST}</a> })}
            {none.then(|| view! { <p class="muted">{empty}</p> })}
            <ul class="board-cards">{cards}</ul>
            {next.map(|href| view! { <a class="board-more" href=href>{t::BOARD_NEXT}</a> })}
        </section>
    }
}

/// Where this user may take the card, by the same rules as the server's; cancelling needs a
/// reason, so it is offered as the cancellation page.
fn targets(card: &BoardCard, status: EventStatus, actor: &Actor) -> Vec<EventStatus> {
    let owners = card.owners();
    EventStatus::ALL
        .into_iter()
        .filter(|target| *target != EventStatus::Cancelled)
        .filter(|target| policy::can_take_event_to(actor, status, *target, &owners))
        .collect()
}

#[component]
fn Card(card: BoardCard, status: EventStatus, actor: Option<Actor>, moved: ServerAction<MoveEvent>) -> impl IntoView {
    let targets = actor.as_ref().map(|a| targets(&card, status, a)).unwrap_or_default();
    let may_cancel =
        actor.as_ref().is_some_and(|a| policy::can_take_event_to(a, status, EventStatus::Cancelled, &card.owners()));
    let event = card.event;
    let href = routes::event(event.id, None);
    let cancel_href = routes::sub_page(&href, "annuler");
    let select_id = format!("move-{}", event.id);
    let label = t::move_card(&event.title);
    let when = match status {
        EventStatus::Ongoing | EventStatus::Finished => {
            format!("{} → {}", format_datetime(event.starts_at), format_datetime(event.ends_at))
        }
        _ => format_datetime(event.starts_at),
    };
    let movable = !targets.is_empty() || may_cancel;
    let support = event.support_contact_name.clone().unwrap_or_else(|| t::WITHOUT_SUPPORT.to_owned());
    let data_cancel = may_cancel.then(|| cancel_href.clone());
    let form = movable.then(|| {
        let options = targets
            .iter()
            .map(|target| view! { <option value=target.code()>{target.label()}</option> })
            .collect_view();
        view! {
            <ActionForm action=moved attr:class="board-move" attr:data-card=event.id.to_string() attr:data-cancel=data_cancel>
                <input type="hidden" name="id" value=event.id.to_string()/>
                <input type="hidden" name="version" value=event.version/>
                <input type="hidden" name="back_to_board" value="true"/>
                {(!targets.is_empty()).then(|| view! {
                    <label class="visually-hidden" for=select_id.clone()>{label.clone()}</label>
                    <select id=select_id.clone() name="status">{options}</select>
                    <SubmitButton label=t::MOVE class="button-ghost"/>
                })}
                {may_cancel.then(|| view! { <a class="button-ghost button-link" href=cancel_href.clone()>{t::CANCEL_EVENT}</a> })}
            </ActionForm>
        }
    });
    view! {
        <li class="board-card" draggable=movable.then_some("true") data-card=event.id.to_string()>
            <a href=href class="board-card-title">{event.title.clone()}</a>
            <p class="muted">{event.client_name.clone()}</p>
            <p>{when}</p>
            <p class="muted">{support}</p>
            {form}
        </li>
    }
}
