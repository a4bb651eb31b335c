//! Waiting for a page's data and the signed-in collaborator, then rendering either the page or
//! the error (not found, forbidden, bad parameters) with its HTTP status.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::auth::Actor;
use crate::error::AppError;
use crate::listing::Page;
use crate::shell::AuthContext;
use crate::ui::status::ErrorView;

#[component]
pub fn Loaded<T, F, V>(
    resource: Resource<Result<T, AppError>>,
    /// Builds the page, or refuses with an error (typically `Forbidden`).
    render: F,
    /// Where "reset" leads when the URL's parameters were refused.
    #[prop(optional)]
    reset_href: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T, Option<Actor>) -> Result<V, AppError> + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let auth = expect_context::<AuthContext>();
    view! {
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    let actor = auth.actor().await;
                    match resource.await.and_then(|value| render(value, actor)) {
                        Ok(page) => page.into_any(),
                        Err(error) => view! { <ErrorView error reset_href=reset_href.map(str::to_owned)/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// Reads a URL parameter map, as list queries are parsed.
pub type Params<'a> = &'a dyn Fn(&str) -> Option<String>;

/// A list page's data: its query, parsed from the URL, and the page of rows it selects.
pub fn list_resource<Q, T, Fut>(
    parse: fn(Params<'_>) -> Result<Q, AppError>,
    fetch: fn(Q) -> Fut,
) -> Resource<Result<(Q, Page<T>), AppError>>
where
    Q: Clone + PartialEq + Send + Sync + Serialize + DeserializeOwned + 'static,
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    Fut: Future<Output = Result<Page<T>, AppError>> + Send + 'static,
{
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        parse(&|name| params.get(name))
    });
    Resource::new(
        move || query.get(),
        move |query| async move {
            let query = query?;
            let page = fetch(query.clone()).await?;
            Ok((query, page))
        },
    )
}

/// The `:id` of the current route, parsed; a malformed id is simply not found.
pub fn id_param<T: std::str::FromStr + PartialEq + Send + Sync + 'static>() -> Memo<Result<T, AppError>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|raw| raw.parse().ok()).ok_or(AppError::NotFound))
}

/// For pages that need nothing but the signed-in collaborator (creation forms).
pub fn no_data() -> Resource<Result<(), AppError>> {
    Resource::new(|| (), |_| async { Ok(()) })
}

/// The refusal of a page the policy does not allow this collaborator.
pub fn allowed(yes: bool) -> Result<(), AppError> {
    crate::policy::ensure(yes)
}
