//! Epic Events CRM: the Leptos application shared by the server (SSR) and the browser (hydrate).

#![recursion_limit = "256"]

pub mod auth;
#[cfg(feature = "ssr")]
pub mod clock;
pub mod collaborators;
pub mod components;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod routes;
pub mod security;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::auth::pages::SignInPage;
use crate::i18n::fr as t;
use crate::pages::{AdminPage, HomePage, NotFoundPage, SectionPage};
use crate::shell::{AppFrame, AuthContext};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    stamp_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=t::HTML_LANG>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    AuthContext::provide();
    mark_hydrated();

    view! {
        <Stylesheet id="leptos" href="/pkg/epic-events.css"/>
        <Title text=t::APP_NAME/>
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/connexion") view=SignInPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=AppFrame ssr=SsrMode::Async>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("clients") view=|| view! { <SectionPage title=t::NAV_CLIENTS/> }/>
                    <Route path=path!("contrats") view=|| view! { <SectionPage title=t::NAV_CONTRACTS/> }/>
                    <Route path=path!("evenements") view=|| view! { <SectionPage title=t::NAV_EVENTS/> }/>
                    <Route path=path!("administration") view=AdminPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Sends the CSP that lets exactly this response's hydration scripts run.
#[cfg(feature = "ssr")]
fn stamp_content_security_policy() {
    use leptos::nonce::use_nonce;
    if let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        let policy = security::content_security_policy(Some(&nonce));
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// Marks the page once the WASM has taken over; effects never run on the server, so the mark
/// tells tests (and curious humans) that hydration really happened.
fn mark_hydrated() {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
