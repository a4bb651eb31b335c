//! The frame every create, edit and delete page shares: the tab's title, the narrow column, the
//! record loaded with the signed-in collaborator, and the record's form with save and cancel.

use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use leptos::web_sys::FormData;
use leptos_meta::Title;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::loaded::Loaded;
use super::page_title;
use crate::auth::Actor;
use crate::components::{ErrorSummary, FormActions};
use crate::error::AppError;

/// A form page: `render` builds its body from the loaded record, or refuses it (typically with
/// `Forbidden`), as `Loaded` does.
#[component]
pub fn FormPage<T, F, V>(
    /// The tab's title.
    title: &'static str,
    resource: Resource<Result<T, AppError>>,
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T, Option<Actor>) -> Result<V, AppError> + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Title text=page_title(title)/>
        <main id="contenu" class="page narrow">
            <Loaded resource render/>
        </main>
    }
}

/// A record's form: the summary of what the last attempt got wrong, the fields (`children`,
/// hidden ones included), then save and the way back to `cancel`.
#[component]
pub fn RecordForm<S, O>(
    action: ServerAction<S>,
    #[prop(into)] error: Signal<Option<AppError>>,
    cancel: String,
    children: Children,
) -> impl IntoView
where
    // The bounds of `ActionForm`, which this form is.
    S: DeserializeOwned + ServerFn<Protocol = Http<PostUrl, O>> + Clone + Send + Sync + 'static,
    <<S::Client as Client<S::Error>>::Request as ClientReq<S::Error>>::FormData: From<FormData>,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    S::Client: Client<S::Error>,
{
    view! {
        <ErrorSummary error/>
        <ActionForm action>
            {children()}
            <FormActions cancel/>
        </ActionForm>
    }
}
