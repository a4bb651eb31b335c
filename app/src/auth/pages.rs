//! The sign-in page. A real `<form method="post">`: it works before the WASM loads, and after
//! hydration it submits without a page load.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::SignIn;
use crate::components::{ErrorSummary, FieldError};
use crate::i18n::fr as t;
use crate::shell::AuthContext;

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    expect_context::<AuthContext>().follow(sign_in);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let signed_out = move || query.read().get("deconnecte").is_some();
    let error = Signal::derive(move || sign_in.value().get().and_then(Result::err));
    let pending = sign_in.pending();
    let password_visible = RwSignal::new(false);

    view! {
        <Title text=format!("{} · {}", t::SIGN_IN_TITLE, t::APP_NAME)/>
        <main id="contenu" class="signin">
            <div class="signin-card">
                <p class="brand">{t::APP_NAME}</p>
                <h1>{t::SIGN_IN_TITLE}</h1>
                <p class="muted">{t::SIGN_IN_INTRO}</p>
                <Show when=signed_out>
                    <p class="notice" role="status">{t::SIGNED_OUT_NOTICE}</p>
                </Show>
                <ErrorSummary error/>
                <ActionForm action=sign_in>
                    <input type="hidden" name="next" value=next/>
                    <div class="field">
                        <label for="email">{t::EMAIL}</label>
                        <input
                            id="email"
                            name="email"
                            type="email"
                            autocomplete="username"
                            maxlength="254"
                            required
                            autofocus
                            aria-invalid=move || error.get().and_then(|e| e.field_message("email").map(|_| "true"))
                            aria-describedby="email-error"
                        />
                        <FieldError error field="email"/>
                    </div>
                    <div class="field">
                        <label for="password">{t::PASSWORD}</label>
                        <div class="password-row">
                            <input
                                id="password"
                                name="password"
                                type=move || if password_visible.get() { "text" } else { "password" }
                                autocomplete="current-password"
                                maxlength="1024"
                                required
                                aria-invalid=move || {
                                    error.get().and_then(|e| e.field_message("password").map(|_| "true"))
                                }
                                aria-describedby="password-error"
                            />
                            <button
                                type="button"
                                class="button-ghost"
                                aria-controls="password"
                                aria-label=move || {
                                    if password_visible.get() { t::HIDE_PASSWORD_LABEL } else { t::SHOW_PASSWORD_LABEL }
                                }
                                on:click=move |_| password_visible.update(|v| *v = !*v)
                            >
                                {move || if password_visible.get() { t::HIDE_PASSWORD } else { t::SHOW_PASSWORD }}
                            </button>
                        </div>
                        <FieldError error field="password"/>
                    </div>
                    <button type="submit" class="button-primary" disabled=move || pending.get()>
                        {move || if pending.get() { t::SIGN_IN_PENDING } else { t::SIGN_IN_SUBMIT }}
                    </button>
                </ActionForm>
            </div>
        </main>
    }
}
