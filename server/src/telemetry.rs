//! One tracing subscriber for the whole process. Logs are JSON when `LOG_FORMAT=json`.
//! Nothing logs passwords, hashes or session ids: the code never passes them to a log macro,
//! and request logs carry only method, path and status — never the query string, where search
//! terms (names, e-mails: personal data) travel.
//!
//! When `SENTRY_DSN` is set, the monitoring events (`app::monitoring`: unexpected errors,
//! panics, collaborator changes, contract signatures — ids and codes only) also go to Sentry,
//! and nothing else does: no other log line, no span, no request data, no user. Without
//! `SENTRY_DSN`, nothing leaves the machine.

use std::borrow::Cow;
use std::sync::Arc;

use sentry::integrations::tracing::ErrorLayer;
use tracing_subscriber::filter::{FilterFn, Filtered};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry};

/// Keeps the Sentry client alive (and flushes it when dropped, at exit).
pub struct Telemetry {
    _sentry: Option<sentry::ClientInitGuard>,
}

pub fn init() -> Telemetry {
    let sentry = std::env::var("SENTRY_DSN").ok().and_then(|dsn| client_options(&dsn)).map(sentry::init);
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_sessions=warn,tower_sessions_core=warn,sqlx=warn"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let logs: Box<dyn Layer<Registry> + Send + Sync> = if json {
        tracing_subscriber::fmt::layer().json().with_target(false).boxed()
    } else {
        tracing_subscriber::fmt::layer().with_target(false).boxed()
    };
    let forwarding = sentry.is_some().then(sentry_layer);
    tracing_subscriber::registry().with(logs.with_filter(filter)).with(forwarding).init();
    if sentry.is_some() {
        tracing::info!("monitoring events are sent to Sentry");
    }
    Telemetry { _sentry: sentry }
}

/// The span of one HTTP request (`TraceLayer`): method and path only. tower-http's default
/// would record the whole URI, query string included.
pub fn request_span<B>(request: &http::Request<B>) -> tracing::Span {
    let path = request.uri().path();
    // A calendar feed's path is its secret: never written to the logs.
    let path = if path.starts_with(app::routes::CALENDAR_FEED) { app::routes::CALENDAR_FEED } else { path };
    tracing::info_span!("request", method = %request.method(), path = %path)
}

/// The layer that turns monitoring events (and only them) into Sentry events; spans are not
/// tracked, so no span field (an address, an actor) rides along.
pub fn sentry_layer<S>() -> Filtered<ErrorLayer, FilterFn, S>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    ErrorLayer::new().with_filter(FilterFn::new(|metadata| metadata.target() == app::monitoring::TARGET))
}

/// Sentry's options for this DSN; `None` (and a warning) when the DSN is empty or malformed.
pub fn client_options(dsn: &str) -> Option<sentry::ClientOptions> {
    if dsn.trim().is_empty() {
        return None;
    }
    let dsn = match dsn.trim().parse::<sentry::types::Dsn>() {
        Ok(dsn) => dsn,
        Err(_) => {
            eprintln!("SENTRY_DSN is not a valid DSN: monitoring events stay local");
            return None;
        }
    };
    let mut options = sentry::ClientOptions::new();
    options.dsn = Some(dsn);
    options.release = sentry::release_name!();
    options.environment = std::env::var("SENTRY_ENVIRONMENT").ok().map(Cow::Owned);
    options.send_default_pii = false;
    options.before_send = Some(Arc::new(|event| Some(without_personal_data(event))));
    Some(options)
}

/// Whatever an integration may have attached about the request, the user or the host goes.
pub fn without_personal_data(mut event: sentry::protocol::Event<'static>) -> sentry::protocol::Event<'static> {
    event.request = None;
    event.user = None;
    event.server_name = None;
    event.breadcrumbs = Default::default();
    event
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    /// Log lines written to a buffer, as the process's own subscriber formats them.
    #[derive(Clone, Default)]
    struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn request_logs_carry_the_path_but_never_the_query_string() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
        tracing::subscriber::with_default(subscriber, || {
            let request = http::Request::get("/clients?search=Dupont&page=2").body(()).unwrap();
            let span = request_span(&request);
            let _entered = span.enter();
            tracing::info!("finished processing request");
        });
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(text.contains("path=/clients") && text.contains("method=GET"), "{text}");
        assert!(!text.contains("Dupont") && !text.contains("search="), "{text}");
    }

    #[test]
    fn without_a_valid_dsn_nothing_is_sent() {
        assert!(client_options("").is_none());
        assert!(client_options("   ").is_none());
        assert!(client_options("not a dsn").is_none());
        let options = client_options("https://public@sentry.example/1").unwrap();
        assert!(!options.send_default_pii);
        assert!(options.before_send.is_some());
    }

    #[test]
    fn request_and_user_data_are_stripped_before_sending() {
        let event = sentry::protocol::Event {
            request: Some(sentry::protocol::Request { query_string: Some("q=Dupont".into()), ..Default::default() }),
            user: Some(sentry::protocol::User { email: Some("jean@dupont.fr".into()), ..Default::default() }),
            server_name: Some("crm-1".into()),
            ..Default::default()
        };
        let event = without_personal_data(event);
        assert!(event.request.is_none() && event.user.is_none() && event.server_name.is_none());
    }

    #[test]
    fn only_monitoring_events_reach_sentry_and_they_hold_no_personal_data() {
        let subscriber = tracing_subscriber::registry().with(sentry_layer());
        let collaborator = app::domain::CollaboratorId(Uuid::from_u128(42));
        let events = sentry::test::with_captured_events(|| {
            tracing::subscriber::with_default(subscriber, || {
                tracing::error!(email = "jean@dupont.fr", "an ordinary error log line with personal data");
                tracing::info!("an ordinary log line");
                app::monitoring::collaborator_created(collaborator, app::auth::Department::Sales);
                app::monitoring::contract_signed(app::domain::ContractId(Uuid::from_u128(43)), collaborator);
                app::monitoring::unexpected_error("database", "23505");
            });
        });
        assert_eq!(events.len(), 3, "{events:#?}");
        let text = format!("{events:?}");
        assert!(!text.contains("dupont") && !text.contains("ordinary"), "{text}");
        assert!(text.contains(&collaborator.to_string()) && text.contains("contract_signed"));
        assert!(events.iter().all(|e| e.request.is_none() && e.user.is_none()));
    }
}
