//! The frame around every signed-in page: sidebar navigation, top bar with the collaborator and
//! the sign-out button.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::use_location;

use leptos::server_fn::ServerFn;

use crate::auth::api::{SignOut, current_user};
use crate::auth::model::Actor;
use crate::components::DepartmentBadge;
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::notifications::api::unread_notifications;
use crate::ui::islands::{MenuButton, NotificationBell};
use crate::{policy, routes};

/// Who is signed in, shared by the whole app: read once per page, on the server.
#[derive(Clone, Copy)]
pub struct AuthContext {
    pub user: Resource<Result<Option<Actor>, AppError>>,
}

impl AuthContext {
    pub fn provide() -> Self {
        let auth = AuthContext { user: Resource::new(|| (), |_| current_user()) };
        provide_context(auth);
        auth
    }

    /// The signed-in collaborator, from inside a `Suspend`.
    pub async fn actor(self) -> Option<Actor> {
        self.user.await.ok().flatten()
    }
}

/// Wraps signed-in pages. The server already sent anonymous visitors to sign-in; a session that
/// ended while the page was rendered gets a link back to it. Only the parts that name the collaborator
/// wait for them: the page itself (`Outlet`) renders once, outside any `Suspend`, so its data is
/// fetched once.
#[component]
pub fn AppFrame() -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    let unread = Resource::new(|| (), |_| unread_notifications());
    view! {
        <a class="skip-link" href="#contenu">{t::SKIP_TO_CONTENT}</a>
        <div class="frame">
            <header class="topbar">
                <MenuButton/>
                <a class="brand" href=routes::HOME>{t::APP_NAME}</a>
                <Transition>
                    {move || Suspend::new(async move {
                        match auth.actor().await {
                            Some(actor) => {
                                let unread = unread.await.unwrap_or_default();
                                view! { <NotificationBell unread/> <WhoAmI actor/> }.into_any()
                            }
                            None => view! { <SendToSignIn/> }.into_any(),
                        }
                    })}
                </Transition>
            </header>
            <nav id="sidebar" class="sidebar" aria-label=t::NAV_LABEL>
                <ul>
                    <li><A href=routes::HOME exact=true>{t::HOME_TITLE}</A></li>
                    <li><A href=routes::CLIENTS>{t::NAV_CLIENTS}</A></li>
                    <li><A href=routes::CONTRACTS>{t::NAV_CONTRACTS}</A></li>
                    <li><A href=routes::EVENTS>{t::NAV_EVENTS}</A></li>
                    <li><A href=routes::AGENDA>{t::NAV_AGENDA}</A></li>
                    <li><A href=routes::FOLLOW_UPS>{t::NAV_FOLLOW_UPS}</A></li>
                    <Transition>
                        {move || Suspend::new(async move {
                            let actor = auth.actor().await;
                            let collections = actor.as_ref().is_some_and(policy::can_see_collections);
                            let can_administer = actor.as_ref().is_some_and(policy::can_administer);
                            view! {
                                {collections.then(|| view! { <li><A href=routes::COLLECTIONS>{t::NAV_COLLECTIONS}</A></li> })}
                                {can_administer.then(|| view! { <li><A href=routes::ADMIN>{t::NAV_ADMIN}</A></li> })}
                            }
                        })}
                    </Transition>
                </ul>
            </nav>
            <Outlet/>
        </div>
    }
}

/// The signed-in collaborator and the sign-out button.
#[component]
fn WhoAmI(actor: Actor) -> impl IntoView {
    view! {
        <div class="whoami" aria-label=t::SIGNED_IN_AS>
            <span class="whoami-name">{actor.full_name}</span>
            <DepartmentBadge department=actor.department/>
        </div>
        <A href=routes::MY_ACCOUNT>{t::MY_ACCOUNT}</A>
        // A plain form on purpose: signing out reloads the whole page, so that nothing of
        // the session survives in the browser's memory.
        <form method="post" action=SignOut::url()>
            <button type="submit" class="button-ghost">{t::SIGN_OUT}</button>
        </form>
    }
}

#[component]
fn SendToSignIn() -> impl IntoView {
    let location = use_location();
    let target =
        routes::sign_in_then(&format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked()));
    view! { <p class="whoami">{t::SESSION_ENDED_NOTICE} " " <a href=target>{t::SIGN_IN_SUBMIT}</a></p> }
}
