//! Server functions of the calendar and of the calendar feed's link.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{Agenda, AgendaQuery, FeedLink};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice, with_notice};

#[server(endpoint = "get_agenda", input = GetUrl)]
pub async fn get_agenda(query: AgendaQuery) -> Result<Agenda, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::agenda(&state, &actor, query).await
}

/// The caller's calendar feed link, when they have one.
#[server(endpoint = "my_calendar_feed", input = GetUrl)]
pub async fn my_calendar_feed() -> Result<Option<FeedLink>, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::feed::link(&state, &actor).await
}

/// Makes a new feed link for the caller (the old one stops working), or ends it (`revoke`).
#[server(endpoint = "change_calendar_feed")]
pub async fn change_calendar_feed(#[server(default)] revoke: bool) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let ip = Some(crate::auth::api::request_client_address(&state).await?);
    let notice = if revoke {
        super::feed::revoke(&state, &actor, ip).await?;
        Notice::FeedRevoked
    } else {
        super::feed::renew(&state, &actor, ip).await?;
        Notice::FeedCreated
    };
    leptos_axum::redirect(&format!("{}#agenda", with_notice(routes::MY_ACCOUNT, notice)));
    Ok(())
}
