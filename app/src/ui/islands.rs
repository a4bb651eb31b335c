//! The only parts of the pages that run in the browser (Leptos islands). Everything else is
//! rendered on the server alone: links and forms are plain HTML (a form's errors and typed
//! values come back with the page its post redirects to), so the browser downloads the code of
//! these few controls instead of every page's (issue 13: 473 kB of WASM before, per route).

use leptos::prelude::*;

use crate::i18n::fr as t;

/// The small-screen menu's button. The open menu is styled from the button's `aria-expanded`
/// (`.frame:has(...)` in the style sheet), so the island holds nothing but its own state.
#[island]
pub fn MenuButton() -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button
            type="button"
            class="menu-button button-ghost"
            aria-controls="sidebar"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|open| *open = !*open)
        >
            {t::MENU}
        </button>
    }
}

/// The sign-in password, with the button that shows or hides what was typed.
#[island]
pub fn PasswordInput(
    /// Whether the last attempt was refused for this field.
    invalid: bool,
) -> impl IntoView {
    let visible = RwSignal::new(false);
    view! {
        <div class="password-row">
            <input
                id="password"
                name="password"
                type=move || if visible.get() { "text" } else { "password" }
                autocomplete="current-password"
                maxlength="1024"
                required
                aria-invalid=invalid.then_some("true")
                aria-describedby="password-error"
            />
            <button
                type="button"
                class="button-ghost"
                aria-controls="password"
                aria-label=move || if visible.get() { t::HIDE_PASSWORD_LABEL } else { t::SHOW_PASSWORD_LABEL }
                on:click=move |_| visible.update(|v| *v = !*v)
            >
                {move || if visible.get() { t::HIDE_PASSWORD } else { t::SHOW_PASSWORD }}
            </button>
        </div>
    }
}

/// The bell: a link to the notifications with the unread count, kept up to date while the page
/// is open by the server's events (`notifications::stream`). Without JavaScript it shows the
/// count of when the page was made.
#[island]
pub fn NotificationBell(
    /// Unread when the page was rendered.
    unread: i64,
) -> impl IntoView {
    let count = RwSignal::new(unread);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| listen_for_unread(count));
    view! {
        <a
            class="bell button-ghost button-link"
            href=crate::routes::NOTIFICATIONS
            aria-label=move || format!("{} : {} {}", t::NOTIFICATIONS, count.get(), t::NOTIFICATIONS_UNREAD)
        >
            <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/>
                <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/>
            </svg>
            <span class="bell-count" hidden=move || count.get() == 0>
                {move || crate::notifications::model::badge(count.get())}
            </span>
        </a>
    }
}

/// Opens the page's event stream, for as long as the page is shown: a hidden tab gives its
/// connection back (over HTTP/1.1 browsers open six at most per site, shared by all its tabs)
/// and opens a new one, which sends the count afresh, when shown again. Once the server says the
/// session ended, the page stops listening for good.
#[cfg(feature = "hydrate")]
fn listen_for_unread(count: RwSignal<i64>) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let on_unread = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        if let Some(unread) = event.data().as_string().and_then(|data| data.parse().ok()) {
            count.set(unread);
        }
    })
    .into_js_value();
    let source: Rc<RefCell<Option<web_sys::EventSource>>> = Rc::default();
    let session_ended = Rc::new(std::cell::Cell::new(false));
    let on_session_ended = Closure::<dyn FnMut()>::new({
        let (source, session_ended) = (source.clone(), session_ended.clone());
        move || {
            session_ended.set(true);
            if let Some(open) = source.borrow_mut().take() {
                open.close();
            }
        }
    })
    .into_js_value();
    let connect = {
        let source = source.clone();
        move || {
            if session_ended.get() {
                return;
            }
            let Ok(opened) = web_sys::EventSource::new(crate::routes::NOTIFICATIONS_LIVE) else { return };
            let _ = opened
                .add_event_listener_with_callback(crate::notifications::model::UNREAD_EVENT, on_unread.unchecked_ref());
            let _ = opened.add_event_listener_with_callback(
                crate::notifications::model::SESSION_ENDED_EVENT,
                on_session_ended.unchecked_ref(),
            );
            *source.borrow_mut() = Some(opened);
        }
    };
    if !document.hidden() {
        connect();
    }
    let on_visibility = Closure::<dyn FnMut()>::new({
        let document = document.clone();
        move || {
            if document.hidden() {
                if let Some(open) = source.borrow_mut().take() {
                    open.close();
                }
            } else if source.borrow().is_none() {
                connect();
            }
        }
    });
    let _ = document.add_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
    on_visibility.forget();
}

/// The boards' drag and drop: a card dropped on another column sends the card's own move form
/// with that column's state, and one dropped on "Annulé" opens its cancellation page (a reason
/// is needed). The server decides, as for the form: a refused move comes back with the board as
/// it was and the reason at its top. Renders nothing; without JavaScript the forms remain.
#[island]
pub fn BoardDragAndDrop() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| board_drag_and_drop());
}

/// What a dragged card carries: its event's id, under a type of the board's own.
#[cfg(feature = "hydrate")]
const CARD_DRAG_TYPE: &str = "application/x-epic-events-card";

#[cfg(feature = "hydrate")]
fn board_drag_and_drop() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{DragEvent, Element, HtmlFormElement};

    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let closest = |event: &DragEvent, selector: &str| -> Option<Element> {
        event.target()?.dyn_into::<Element>().ok()?.closest(selector).ok().flatten()
    };
    let listen = |name: &str, handler: Box<dyn FnMut(DragEvent)>| {
        let handler = Closure::wrap(handler);
        let _ = document.add_event_listener_with_callback(name, handler.as_ref().unchecked_ref());
        handler.forget();
    };
    listen(
        "dragstart",
        Box::new(move |event| {
            let Some(card) = closest(&event, ".board-card[draggable=true]") else { return };
            if let (Some(id), Some(transfer)) = (card.get_attribute("data-card"), event.data_transfer()) {
                let _ = transfer.set_data(CARD_DRAG_TYPE, &id);
                let _ = card.class_list().add_1("dragging");
            }
        }),
    );
    listen(
        "dragend",
        Box::new(move |event| {
            if let Some(card) = closest(&event, ".board-card") {
                let _ = card.class_list().remove_1("dragging");
            }
        }),
    );
    listen(
        "dragover",
        Box::new(move |event| {
            if let Some(column) = closest(&event, ".board-column") {
                event.prevent_default();
                let _ = column.class_list().add_1("drop-target");
            }
        }),
    );
    listen(
        "dragleave",
        Box::new(move |event| {
            if let Some(column) = closest(&event, ".board-column") {
                let _ = column.class_list().remove_1("drop-target");
            }
        }),
    );
    let document_for_drop = document.clone();
    listen(
        "drop",
        Box::new(move |event| {
            let Some(column) = closest(&event, ".board-column") else { return };
            event.prevent_default();
            let _ = column.class_list().remove_1("drop-target");
            let (Some(status), Some(id)) = (
                column.get_attribute("data-status"),
                event.data_transfer().and_then(|t| t.get_data(CARD_DRAG_TYPE).ok()),
            ) else {
                return;
            };
            // Only a card's id names a form (text dragged in from elsewhere names nothing).
            if uuid::Uuid::parse_str(&id).is_err() {
                return;
            }
            let card = document_for_drop.query_selector(&format!(".board-card[data-card=\"{id}\"]")).ok().flatten();
            let from = card.as_ref().and_then(|c| c.closest(".board-column").ok().flatten());
            if from.is_some_and(|from| from == column) {
                return;
            }
            let form = document_for_drop
                .query_selector(&format!("form.board-move[data-card=\"{id}\"]"))
                .ok()
                .flatten()
                .and_then(|f| f.dyn_into::<HtmlFormElement>().ok());
            let Some(form) = form else { return };
            let cancelling = status == crate::events::status::EventStatus::Cancelled.code();
            if let (true, Some(href), Some(window)) = (cancelling, form.get_attribute("data-cancel"), web_sys::window())
            {
                let _ = window.location().set_href(&href);
                return;
            }
            // The column's state, whether the card's menu offers it or not: the server says why
            // a move is refused.
            if let Some(select) = form.query_selector("select[name=status]").ok().flatten() {
                let _ = select.remove_attribute("name");
            }
            let Ok(input) = document_for_drop.create_element("input") else { return };
            let _ = input.set_attribute("type", "hidden");
            let _ = input.set_attribute("name", "status");
            let _ = input.set_attribute("value", &status);
            let _ = form.append_child(&input);
            let _ = form.request_submit();
        }),
    );
}
