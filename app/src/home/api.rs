//! Server function of the home page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::MyDay;
use crate::error::AppError;

/// The signed-in collaborator's queues.
#[server(endpoint = "my_day", input = GetUrl)]
pub async fn get_my_day() -> Result<MyDay, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::my_day(&state, &actor).await
}
