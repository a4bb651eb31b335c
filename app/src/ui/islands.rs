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
