//! Calendar feeds: a secret link per collaborator serving their events as iCalendar (RFC 5545)
//! to Outlook, Google Calendar or a phone, which cannot sign in. The link is a 256-bit random
//! token; the database keeps its SHA-256 (to find it) and a sealed copy (so "Mon compte" can
//! show it again) under a key it never holds. A new link replaces the old; revoking, or the
//! collaborator's deactivation, ends it at once.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Duration, Utc};
use http::{StatusCode, header};
use icalendar::{Calendar, Component, EventLike};

use std::net::IpAddr;

use super::model::FeedLink;
use crate::auth::api_tokens::{digest, new_secret};
use crate::auth::{Actor, Department};
use crate::collaborators::reveal::PasswordSeal;
use crate::domain::CollaboratorId;
use crate::error::AppError;
use crate::events::model::{EventQuery, EventRow};
use crate::routes;
use crate::security_log::model::Recorded;
use crate::security_log::repo as security_log;
use crate::state::AppState;

/// What a feed holds: from a month back to a year ahead, at most this many events (the soonest).
const PAST: Duration = Duration::days(30);
const AHEAD: Duration = Duration::days(365);
pub const MAX_EVENTS: i64 = 2_000;
/// A token as we issue it (43 characters); anything longer is not ours.
const MAX_TOKEN_LEN: usize = 64;

fn sealing(collaborator: CollaboratorId) -> Vec<u8> {
    [b"calendar feed of ".as_slice(), collaborator.0.as_bytes()].concat()
}

fn url(state: &AppState, token: &str) -> String {
    format!("{}{}/{token}.ics", state.public_origin, routes::CALENDAR_FEED)
}

/// The caller's feed link, or `None` when they have none (or it was sealed with another key).
pub async fn link(state: &AppState, actor: &Actor) -> Result<Option<FeedLink>, AppError> {
    let row: Option<(Vec<u8>, DateTime<Utc>)> =
        sqlx::query_as("select token_sealed, created_at from calendar_feed where collaborator_id = $1")
            .bind(actor.id)
            .fetch_optional(&state.pool)
            .await?;
    Ok(row.and_then(|(sealed, created_at)| {
        let token = state.password_seal.open_bound(&sealing(actor.id), &sealed)?;
        Some(FeedLink { url: url(state, &token), created_at })
    }))
}

/// A new link for the caller; the previous one stops working. Recorded in the security log.
pub async fn renew(state: &AppState, actor: &Actor, ip: Option<IpAddr>) -> Result<(), AppError> {
    let token = new_secret();
    let seal: &PasswordSeal = &state.password_seal;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    sqlx::query(
        "insert into calendar_feed (collaborator_id, token_hash, token_sealed, created_at) values ($1, $2, $3, $4)
         on conflict (collaborator_id) do update
           set token_hash = excluded.token_hash, token_sealed = excluded.token_sealed, created_at = excluded.created_at",
    )
    .bind(actor.id)
    .bind(digest(&token))
    .bind(seal.seal_bound(&sealing(actor.id), &token))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    security_log::record(&mut *tx, Recorded::CalendarFeedCreated, Some(actor.id), Some(actor.id), ip, now).await?;
    crate::db::commit(tx).await
}

/// Ends the caller's link, if any (recorded when there was one).
pub async fn revoke(state: &AppState, actor: &Actor, ip: Option<IpAddr>) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let ended = sqlx::query("delete from calendar_feed where collaborator_id = $1")
        .bind(actor.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if ended > 0 {
        security_log::record(&mut *tx, Recorded::CalendarFeedRevoked, Some(actor.id), Some(actor.id), ip, now).await?;
    }
    crate::db::commit(tx).await
}

/// The active collaborator a token is the feed of.
async fn owner(state: &AppState, token: &str) -> Result<Option<Actor>, AppError> {
    if token.len() > MAX_TOKEN_LEN {
        return Ok(None);
    }
    Ok(sqlx::query_as::<_, Actor>(
        "select c.id, c.full_name, c.email, c.department from calendar_feed f
         join collaborator c on c.id = f.collaborator_id
         where f.token_hash = $1 and c.active",
    )
    .bind(digest(token))
    .fetch_optional(&state.pool)
    .await?)
}

/// Whose events a feed shows: support their assigned ones, sales their clients', management all.
fn events_of(owner: &Actor, now: DateTime<Utc>) -> EventQuery {
    let today = crate::domain::datetime::paris_today(now);
    EventQuery {
        mine: owner.department == Department::Support,
        sales: (owner.department == Department::Sales).then_some(owner.id),
        from: Some(crate::domain::datetime::paris_today(now - PAST)),
        to: Some(today + AHEAD),
        ..Default::default()
    }
}

/// The events as an iCalendar document.
fn calendar(state: &AppState, owner: &Actor, events: &[EventRow]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(&format!("Epic Events · {}", owner.full_name));
    for event in events {
        let page = format!("{}{}", state.public_origin, routes::event(event.id, None));
        let support = event.support_contact_name.as_deref().unwrap_or(crate::i18n::fr::WITHOUT_SUPPORT);
        let description = crate::i18n::fr::feed_description(&event.client_name, support, event.attendees, &event.notes);
        calendar.push(
            icalendar::Event::new()
                .uid(&format!("{}@epic-events", event.id))
                .summary(&event.title)
                .starts(event.starts_at)
                .ends(event.ends_at)
                .location(&event.location)
                .description(&description)
                .url(&page)
                .timestamp(event.updated_at)
                .done(),
        );
    }
    calendar.done().to_string()
}

/// The feed's route, outside the session layer: calendar applications send no cookies.
pub fn routes() -> Router<AppState> {
    Router::new().route(&format!("{}/{{file}}", routes::CALENDAR_FEED), get(serve))
}

async fn serve(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let result = async {
        let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
        let owner = owner(&state, token).await?.ok_or(AppError::NotFound)?;
        let now = state.clock.now();
        let query = events_of(&owner, now);
        let today = crate::domain::datetime::paris_today(now);
        let events = crate::events::repo::feed(state.read_pool(), &query, (owner.id, today), MAX_EVENTS).await?;
        Ok::<_, AppError>(calendar(&state, &owner, &events))
    }
    .await;
    match result {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, no-cache"),
                (header::HeaderName::from_static("x-robots-tag"), "noindex"),
            ],
            body,
        )
            .into_response(),
        Err(AppError::NotFound) => (StatusCode::NOT_FOUND, "calendar feed not found").into_response(),
        Err(error) => {
            tracing::warn!(%error, "calendar feed failed");
            (StatusCode::SERVICE_UNAVAILABLE, "calendar feed unavailable, try again later").into_response()
        }
    }
}
