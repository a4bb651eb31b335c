//! Pages of the signed-in app that belong to no section: home and not found.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::fr as t;
use crate::shell::AuthContext;
use crate::ui::page_title;
use crate::ui::status::ErrorView;

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    let name = move || auth.user.get().and_then(Result::ok).flatten().map(|a| a.full_name).unwrap_or_default();
    view! {
        <Title text=page_title(t::HOME_TITLE)/>
        <main id="contenu" class="page">
            <h1>{t::HOME_TITLE}</h1>
            <Transition>
                <p>{move || t::welcome(&name())}</p>
            </Transition>
            <p class="muted">{t::HOME_INTRO}</p>
        </main>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text=page_title(t::ERR_PAGE_TITLE)/>
        <main id="contenu" class="page narrow">
            <ErrorView error=AppError::NotFound/>
        </main>
    }
}
