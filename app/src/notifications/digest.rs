//! The daily e-mail digest, only when `SMTP_URL` is set: from `DIGEST_HOUR` (Paris), once a day,
//! each active collaborator with unread notifications no digest has named yet gets one e-mail
//! listing them. Without `SMTP_URL` nothing is ever sent.

use chrono::Timelike;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::model::NotificationRow;
use super::repo;
use crate::domain::datetime::{format_datetime, in_paris};
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::state::AppState;

/// The hour (Paris) from which the day's digests go out.
pub const DIGEST_HOUR: u32 = 8;

/// Sends e-mail through the SMTP server of `SMTP_URL` (`smtp://host:port` for a relay on the
/// same network, `smtp://…?tls=required` for STARTTLS, `smtps://` for TLS; credentials in the
/// URL's user and password).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// Names the sender only: the transport holds the URL's credentials.
impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish_non_exhaustive()
    }
}

impl Mailer {
    pub fn new(smtp_url: &str, from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|error| format!("SMTP_URL: {error}"))?
            .build();
        let from = from.parse().map_err(|error| format!("SMTP_FROM: {error}"))?;
        Ok(Mailer { transport, from })
    }

    async fn send(&self, to: Mailbox, subject: &str, body: String) -> Result<(), String> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .header(ContentTransferEncoding::QuotedPrintable)
                    .body(body),
            )
            .map_err(|error| error.to_string())?;
        self.transport.send(message).await.map(drop).map_err(|error| error.to_string())
    }
}

/// Sends the digests due now; returns how many were sent. A digest that cannot be sent is
/// given back (nothing is marked) and tried again at the next look.
pub async fn send_due(state: &AppState, mailer: &Mailer) -> Result<usize, AppError> {
    let now = state.clock.now();
    let local = in_paris(now);
    if local.hour() < DIGEST_HOUR {
        return Ok(0);
    }
    let day = local.date_naive();
    let mut sent = 0;
    for (recipient, email) in repo::digest_recipients(&state.pool, day).await? {
        let Ok(to) = email.parse::<Mailbox>() else {
            tracing::warn!(%recipient, "notifications: no digest for an address SMTP refuses");
            continue;
        };
        let mut tx = state.pool.begin().await?;
        // Another instance may have claimed it since the list was read.
        if !repo::claim_digest(&mut tx, recipient, day, now).await? {
            continue;
        }
        let rows = repo::take_for_digest(&mut tx, recipient, now).await?;
        if rows.is_empty() {
            continue;
        }
        if let Err(error) = mailer.send(to, t::DIGEST_SUBJECT, body(&state.public_origin, &rows)).await {
            tracing::warn!(%recipient, %error, "notifications: a digest could not be sent");
            continue;
        }
        crate::db::commit(tx).await?;
        sent += 1;
    }
    Ok(sent)
}

/// The e-mail's text: each notification with its time and its page.
pub fn body(origin: &str, rows: &[NotificationRow]) -> String {
    let mut text = format!("{}\n\n", t::DIGEST_INTRO);
    for row in rows {
        text.push_str(&format!("- {} ({})\n  {origin}{}\n", row.text(), format_datetime(row.created_at), row.link()));
    }
    text.push_str(&format!("\n{} {origin}{}\n", t::DIGEST_OUTRO, crate::routes::NOTIFICATIONS));
    text
}
