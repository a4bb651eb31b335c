//! Pages of the signed-in app. Sections whose issues have not landed yet say so plainly.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::fr as t;
use crate::routes;
use crate::shell::AuthContext;

fn page_title(title: &str) -> String {
    format!("{title} · {}", t::APP_NAME)
}

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

/// A section that exists in the navigation but whose content comes with a later issue.
#[component]
pub fn SectionPage(title: &'static str) -> impl IntoView {
    view! {
        <Title text=page_title(title)/>
        <main id="contenu" class="page">
            <h1>{title}</h1>
            <p class="empty-state">{t::SECTION_COMING}</p>
        </main>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <Title text=page_title(t::ERR_PAGE_TITLE)/>
        <main id="contenu" class="page narrow">
            <h1>{t::ERR_PAGE_TITLE}</h1>
            <p>{t::ERR_NOT_FOUND}</p>
            <p><a href=routes::HOME>{t::BACK_HOME}</a></p>
        </main>
    }
}

/// Administration is management's alone: others get a 403 page (and the server refuses their
/// admin actions regardless, when those land).
#[component]
pub fn AdminPage() -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let is_management = auth.user.await.ok().flatten()
                    .is_some_and(|a| a.department == crate::auth::Department::Management);
                if is_management {
                    view! { <SectionPage title=t::NAV_ADMIN/> }.into_any()
                } else {
                    view! { <ForbiddenPage/> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
pub fn ForbiddenPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::FORBIDDEN);
        }
    }
    view! {
        <Title text=page_title(t::ERR_FORBIDDEN_TITLE)/>
        <main id="contenu" class="page narrow">
            <h1>{t::ERR_FORBIDDEN_TITLE}</h1>
            <p>{t::ERR_FORBIDDEN}</p>
            <p><a href=routes::HOME>{t::BACK_HOME}</a></p>
        </main>
    }
}
