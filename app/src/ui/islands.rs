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
