//! Epic Events CRM: the Leptos application shared by the server (SSR) and the browser (hydrate).

#![recursion_limit = "256"]

pub mod admin;
pub mod agenda;
pub mod audit;
pub mod auth;
pub mod boards;
pub mod client_import;
pub mod clients;
#[cfg(feature = "ssr")]
pub mod clock;
pub mod collaborators;
pub mod components;
pub mod contracts;
#[cfg(feature = "ssr")]
pub mod db;
pub mod debriefs;
pub mod domain;
pub mod error;
pub mod events;
pub mod export;
pub mod follow_ups;
pub mod forms;
pub mod home;
pub mod i18n;
pub mod idempotency;
pub mod listing;
#[cfg(feature = "ssr")]
pub mod listing_sql;
pub mod monitoring;
pub mod notes;
pub mod notifications;
pub mod pages;
pub mod payments;
pub mod planning;
pub mod policy;
pub mod readiness;
pub mod records;
pub mod rgpd;
pub mod routes;
pub mod run_sheet;
pub mod security;
pub mod security_log;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod state;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::admin::{AdminPage, HandOverPage, SupportQueuePage};
use crate::agenda::pages::AgendaPage;
use crate::audit::pages::AuditJournalPage;
use crate::auth::pages::{MyAccountPage, SignInPage};
use crate::boards::contract_pages::ContractBoardPage;
use crate::boards::pages::EventBoardPage;
use crate::client_import::pages::{ClientImportPage, ClientImportPreviewPage};
use crate::clients::pages::{ClientDeletePage, ClientEditPage, ClientListPage, ClientNewPage, ClientPage};
use crate::collaborators::pages::{
    CollaboratorDeactivatePage, CollaboratorDeletePage, CollaboratorDepartmentPage, CollaboratorEditPage,
    CollaboratorListPage, CollaboratorNewPage, CollaboratorPage,
};
use crate::contracts::pages::{ContractDeletePage, ContractEditPage, ContractListPage, ContractNewPage, ContractPage};
use crate::events::pages::{EventDeletePage, EventEditPage, EventListPage, EventNewPage, EventPage};
use crate::events::status_pages::EventCancelPage;
use crate::follow_ups::pages::FollowUpListPage;
use crate::home::pages::HomePage;
use crate::i18n::fr as t;
use crate::notes::pages::NoteEditPage;
use crate::notifications::pages::NotificationListPage;
use crate::pages::NotFoundPage;
use crate::rgpd::pages::{AnonymiseClientPage, ProcessingPage, RetentionListPage};
use crate::security_log::pages::{CollaboratorSessionsPage, SecurityLogPage};
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
                // Both name the content-hashed files of a release build (see server/src/assets.rs).
                // Only the islands (`ui::islands`) are hydrated: the rest is server-rendered HTML.
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
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

    view! {
        <Title text=t::APP_NAME/>
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/connexion") view=SignInPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=AppFrame ssr=SsrMode::Async>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("clients") view=ClientListPage/>
                    <Route path=path!("clients/nouveau") view=ClientNewPage/>
                    <Route path=path!("clients/importer") view=ClientImportPage/>
                    <Route path=path!("clients/importer/:id") view=ClientImportPreviewPage/>
                    <Route path=path!("clients/:id") view=ClientPage/>
                    <Route path=path!("clients/:id/modifier") view=ClientEditPage/>
                    <Route path=path!("clients/:id/supprimer") view=ClientDeletePage/>
                    <Route path=path!("clients/:id/contrats/nouveau") view=ContractNewPage/>
                    <Route path=path!("contrats") view=ContractListPage/>
                    <Route path=path!("contrats/tableau") view=ContractBoardPage/>
                    <Route path=path!("contrats/:id") view=ContractPage/>
                    <Route path=path!("contrats/:id/modifier") view=ContractEditPage/>
                    <Route path=path!("contrats/:id/supprimer") view=ContractDeletePage/>
                    <Route path=path!("contrats/:id/evenements/nouveau") view=EventNewPage/>
                    <Route path=path!("evenements") view=EventListPage/>
                    <Route path=path!("evenements/tableau") view=EventBoardPage/>
                    <Route path=path!("evenements/:id") view=EventPage/>
                    <Route path=path!("evenements/:id/modifier") view=EventEditPage/>
                    <Route path=path!("evenements/:id/supprimer") view=EventDeletePage/>
                    <Route path=path!("evenements/:id/annuler") view=EventCancelPage/>
                    <Route path=path!("evenements/:id/feuille-de-route") view=crate::run_sheet::pages::RunSheetPage/>
                    <Route path=path!("evenements/:id/feuille-de-route/etapes/:item") view=crate::run_sheet::pages::TimelineItemEditPage/>
                    <Route path=path!("administration") view=AdminPage/>
                    <Route path=path!("administration/collaborateurs") view=CollaboratorListPage/>
                    <Route path=path!("administration/collaborateurs/nouveau") view=CollaboratorNewPage/>
                    <Route path=path!("administration/collaborateurs/:id") view=CollaboratorPage/>
                    <Route path=path!("administration/collaborateurs/:id/modifier") view=CollaboratorEditPage/>
                    <Route path=path!("administration/collaborateurs/:id/departement") view=CollaboratorDepartmentPage/>
                    <Route path=path!("administration/collaborateurs/:id/desactiver") view=CollaboratorDeactivatePage/>
                    <Route path=path!("administration/collaborateurs/:id/supprimer") view=CollaboratorDeletePage/>
                    <Route path=path!("administration/evenements-sans-support") view=SupportQueuePage/>
                    <Route path=path!("administration/reprise-portefeuille") view=HandOverPage/>
                    <Route path=path!("mon-compte") view=MyAccountPage/>
                    <Route path=path!("clients/:id/anonymiser") view=AnonymiseClientPage/>
                    <Route path=path!("administration/journal") view=AuditJournalPage/>
                    <Route path=path!("administration/securite") view=SecurityLogPage/>
                    <Route path=path!("administration/collaborateurs/:id/sessions") view=CollaboratorSessionsPage/>
                    <Route path=path!("administration/rgpd") view=RetentionListPage/>
                    <Route path=path!("rgpd") view=ProcessingPage/>
                    <Route path=path!("notes/:id/modifier") view=NoteEditPage/>
                    <Route path=path!("relances") view=FollowUpListPage/>
                    <Route path=path!("agenda") view=AgendaPage/>
                    <Route path=path!("notifications") view=NotificationListPage/>
                    <Route path=path!("encaissements") view=crate::payments::pages::CollectionsPage/>
                    <Route path=path!("paiements/:id/supprimer") view=crate::payments::pages::PaymentDeletePage/>
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
