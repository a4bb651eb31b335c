//! `/notifications/flux`: the signed-in collaborator's unread count as server-sent events, sent
//! at once and again whenever their notifications change on any instance (`live::Hub`). The
//! stream ends when the session does (checked before each count and every
//! `SESSION_CHECK_EVERY`, without keeping an idle session open), with a last
//! `SESSION_ENDED_EVENT` that tells the browser not to reconnect; a request without a session
//! gets that event alone (an `EventSource` cannot follow a redirect to the sign-in page). When the
//! instance stops or the database cannot answer, the stream just ends and the browser reconnects.

use std::convert::Infallible;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router, extract::State};
use tokio::sync::broadcast::{Receiver, error::RecvError};
use tokio::time::{Instant, Interval, interval_at};
use tower_sessions::Session;

use super::live::Signal;
use super::model::{SESSION_ENDED_EVENT, UNREAD_EVENT};
use crate::auth::api::RequestActor;
use crate::auth::session;
use crate::domain::CollaboratorId;
use crate::state::AppState;

/// How soon a stream whose session ended (signed out, revoked, timed out) stops.
pub const SESSION_CHECK_EVERY: Duration = Duration::from_secs(30);
/// How long a browser waits before reconnecting a lost stream.
const RECONNECT_AFTER: Duration = Duration::from_secs(10);

pub fn routes() -> Router<AppState> {
    Router::new().route(crate::routes::NOTIFICATIONS_LIVE, get(live))
}

async fn live(
    State(state): State<AppState>,
    Extension(RequestActor(actor)): Extension<RequestActor>,
    session: Session,
) -> Response {
    let Some(actor) = actor else {
        return events(futures_util::stream::once(async { Ok(session_ended()) }));
    };
    let stream = Stream {
        signals: state.notifications.subscribe(),
        state,
        session,
        me: actor.id,
        check: interval_at(Instant::now() + SESSION_CHECK_EVERY, SESSION_CHECK_EVERY),
        phase: Phase::First,
    };
    events(futures_util::stream::unfold(stream, Stream::next))
}

fn events(events: impl futures_util::Stream<Item = Result<Event, Infallible>> + Send + 'static) -> Response {
    let mut response = Sse::new(events).keep_alive(KeepAlive::default()).into_response();
    // Reverse proxies (nginx) would otherwise hold the events back.
    response.headers_mut().insert("x-accel-buffering", http::HeaderValue::from_static("no"));
    response
}

fn session_ended() -> Event {
    Event::default().event(SESSION_ENDED_EVENT).data("1")
}

struct Stream {
    state: AppState,
    session: Session,
    me: CollaboratorId,
    signals: Receiver<Signal>,
    check: Interval,
    phase: Phase,
}

#[derive(PartialEq, Eq)]
enum Phase {
    /// Nothing sent yet: the count goes at once.
    First,
    /// Counts follow changes.
    Counting,
    /// The session-ended event was sent: nothing follows.
    Over,
}

impl Stream {
    /// The next count to send; `None` ends the stream.
    async fn next(mut self) -> Option<(Result<Event, Infallible>, Self)> {
        match self.phase {
            Phase::Over => return None,
            Phase::Counting => {}
            Phase::First => {
                self.phase = Phase::Counting;
                let event = self.unread().await?.retry(RECONNECT_AFTER);
                return Some((Ok(event), self));
            }
        }
        loop {
            tokio::select! {
                signal = self.signals.recv() => match signal {
                    Ok(Signal::Changed(id)) if id == self.me => break,
                    Ok(Signal::Changed(_)) => {}
                    // Something may have been missed: read the count again.
                    Ok(Signal::Resync) | Err(RecvError::Lagged(_)) => break,
                    Ok(Signal::Closing) | Err(RecvError::Closed) => return None,
                },
                _ = self.check.tick() => {
                    if let Some(last) = self.ending().await {
                        return self.finish(last);
                    }
                }
            }
        }
        // Nothing more for a session that ended since the last look.
        if let Some(last) = self.ending().await {
            return self.finish(last);
        }
        let event = self.unread().await?;
        Some((Ok(event), self))
    }

    /// `None` while the session is open; once it is over, the stream's last event: the session's
    /// end, or nothing (the browser reconnects) when the database cannot say.
    async fn ending(&self) -> Option<Option<Event>> {
        match session::is_still_open(&self.state, &self.session).await {
            Ok(true) => None,
            Ok(false) => Some(Some(session_ended())),
            Err(error) => {
                tracing::warn!(%error, "notifications: cannot check a stream's session");
                Some(None)
            }
        }
    }

    fn finish(mut self, last: Option<Event>) -> Option<(Result<Event, Infallible>, Self)> {
        self.phase = Phase::Over;
        last.map(|event| (Ok(event), self))
    }

    /// The unread count as an event; `None` (the stream ends, the browser reconnects) when the
    /// database cannot say.
    async fn unread(&self) -> Option<Event> {
        match super::service::unread(&self.state, self.me).await {
            Ok(count) => Some(Event::default().event(UNREAD_EVENT).data(count.to_string())),
            Err(error) => {
                tracing::warn!(%error, "notifications: cannot read an unread count");
                None
            }
        }
    }
}
