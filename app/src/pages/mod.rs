//! The signed-in app's page that belongs to no section: not found.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::fr as t;
use crate::ui::page_title;
use crate::ui::status::ErrorView;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text=page_title(t::ERR_PAGE_TITLE)/>
        <main id="contenu" class="page narrow">
            <ErrorView error=AppError::NotFound/>
        </main>
    }
}
