//! The export routes: check the reader and the list's parameters, record the export, stream.

use std::net::{IpAddr, SocketAddr};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use axum::{Extension, Router};
use futures_util::TryStreamExt;
use http::{HeaderMap, header};
use sqlx::postgres::PgRow;
use sqlx::{FromRow, Postgres, QueryBuilder};

use super::cells::{cell, date, date_time, money, yes_no};
use super::{AUDIT_JOURNAL, CLIENTS, CONTRACTS, EVENTS, FOLLOW_UPS};
use crate::audit::journal::JournalQuery;
use crate::audit::model::FieldChange;
use crate::audit::repo::JournalLine;
use crate::auth::Actor;
use crate::auth::api::RequestActor;
use crate::clients::model::{ClientQuery, ClientRow};
use crate::contracts::model::{ContractQuery, ContractRow};
use crate::error::AppError;
use crate::events::model::{EventQuery, EventRow};
use crate::follow_ups::model::{FollowUpRow, FollowUpScope};
use crate::i18n::fr as t;
use crate::state::AppState;

/// Rows per chunk sent; a few chunks wait at most (`IN_FLIGHT`) while the client reads.
const CHUNK_ROWS: usize = 1_000;
const IN_FLIGHT: usize = 4;
/// An export is one long statement: longer than the application's usual limit.
const STATEMENT_TIMEOUT: &str = "10min";
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The routes, inside the session layer (the signed-in collaborator is the reader).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(CLIENTS, route(&CLIENT_LIST))
        .route(CONTRACTS, route(&CONTRACT_LIST))
        .route(EVENTS, route(&EVENT_LIST))
        .route(FOLLOW_UPS, route(&FOLLOW_UP_LIST))
        .route(AUDIT_JOURNAL, route(&JOURNAL))
}

/// One list's export: its file's name, its page, its columns, its query, how a row is written.
struct ListExport<R: 'static> {
    file: &'static str,
    page: &'static str,
    columns: &'static [&'static str],
    /// The page's query from the request's parameters, as SQL for every row.
    query: fn(&Request, &Actor) -> Result<QueryBuilder<'static, Postgres>, AppError>,
    record: fn(&R) -> Vec<String>,
}

const CLIENT_LIST: ListExport<ClientRow> = ListExport {
    file: "clients",
    page: crate::routes::CLIENTS,
    columns: &[
        t::FULL_NAME,
        t::EMAIL,
        t::PHONE,
        t::COMPANY,
        t::SALES_CONTACT,
        t::PROSPECT,
        t::CREATED_AT,
        t::LAST_CONTACT,
    ],
    query: |r, actor| Ok(crate::clients::repo::export_query(&ClientQuery::from_params(&|n| r.get(n))?, actor.id)),
    record: client_record,
};

const CONTRACT_LIST: ListExport<ContractRow> = ListExport {
    file: "contrats",
    page: crate::routes::CONTRACTS,
    columns: &[t::CLIENT, t::COMPANY, t::SALES_CONTACT, t::TOTAL, t::REMAINING, t::SIGNED, t::SIGNED_ON, t::CREATED_AT],
    query: |r, actor| Ok(crate::contracts::repo::export_query(&ContractQuery::from_params(&|n| r.get(n))?, actor.id)),
    record: contract_record,
};

const EVENT_LIST: ListExport<EventRow> = ListExport {
    file: "evenements",
    page: crate::routes::EVENTS,
    columns: &[t::TITLE, t::START, t::END, t::CLIENT, t::LOCATION, t::ATTENDEES, t::SUPPORT_CONTACT, t::NOTES],
    query: |r, actor| {
        let today = crate::domain::datetime::paris_today(r.state.clock.now());
        Ok(crate::events::repo::export_query(&EventQuery::from_params(&|n| r.get(n))?, (actor.id, today)))
    },
    record: event_record,
};

const FOLLOW_UP_LIST: ListExport<FollowUpRow> = ListExport {
    file: "relances",
    page: crate::routes::FOLLOW_UPS,
    columns: &[
        t::FOLLOW_UP_TITLE,
        t::FOLLOW_UP_DUE,
        t::FOLLOW_UP_OWNER,
        t::CLIENT,
        t::AUDIT_RECORD_TYPE,
        t::FOLLOW_UP_DONE_ON,
    ],
    query: |r, actor| {
        let get = |name: &str| r.get(name);
        let mut params = crate::listing::ParamReader::new(&get);
        let scope = FollowUpScope::from_team_flag(params.flag("equipe"));
        params.finish(())?;
        if scope == FollowUpScope::TeamOverdue {
            crate::policy::ensure(crate::policy::can_see_team_follow_ups(actor))?;
        }
        let now = r.state.clock.now();
        let today = crate::domain::datetime::paris_today(now);
        let done_since = now - crate::follow_ups::service::RECENTLY_DONE;
        Ok(crate::follow_ups::repo::export_query(scope, actor.id, today, done_since))
    },
    record: follow_up_record,
};

fn follow_up_record(f: &FollowUpRow) -> Vec<String> {
    vec![
        cell(&f.title),
        f.due_on.format("%d/%m/%Y").to_string(),
        cell(&f.owner_name),
        cell(&f.client_name),
        f.record().entity().label().to_owned(),
        f.done_at.map(date).unwrap_or_default(),
    ]
}

const JOURNAL: ListExport<JournalLine> = ListExport {
    file: "journal",
    page: crate::routes::AUDIT_JOURNAL,
    columns: &[t::AUDIT_WHEN, t::AUDIT_WHO, t::AUDIT_ACTION, t::AUDIT_RECORD_TYPE, t::AUDIT_RECORD, t::AUDIT_CHANGES],
    query: |r, actor| {
        crate::policy::ensure(crate::policy::can_administer(actor))?;
        Ok(crate::audit::repo::journal_export_query(&JournalQuery::from_params(&|n| r.get(n))?))
    },
    record: journal_record,
};

/// What an export's request says: who asks, from where, with which parameters.
struct Request {
    state: AppState,
    actor: Option<Actor>,
    ip: IpAddr,
    params: Vec<(String, String)>,
}

impl Request {
    fn get(&self, name: &str) -> Option<String> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    /// The list exported, as its page's URL (for the security log).
    fn list(&self, page: &str) -> String {
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(&self.params).finish();
        if query.is_empty() { page.to_owned() } else { format!("{page}?{query}") }
    }
}

fn route<R>(export: &'static ListExport<R>) -> MethodRouter<AppState>
where
    R: for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static,
{
    get(
        move |State(state): State<AppState>,
              Extension(RequestActor(actor)): Extension<RequestActor>,
              ConnectInfo(peer): ConnectInfo<SocketAddr>,
              headers: HeaderMap,
              RawQuery(raw): RawQuery| async move {
            let ip = crate::auth::client_addr::client_address(peer.ip(), &headers, &state.trusted_proxies);
            let params = form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect();
            respond(Request { state, actor, ip, params }, export).await
        },
    )
}

fn client_record(c: &ClientRow) -> Vec<String> {
    vec![
        cell(&c.full_name),
        cell(&c.email),
        cell(&c.phone_display()),
        cell(&c.company_name),
        cell(&c.sales_contact_name),
        yes_no(c.is_prospect),
        date(c.created_at),
        date(c.updated_at),
    ]
}

fn contract_record(k: &ContractRow) -> Vec<String> {
    vec![
        cell(&k.client_name),
        cell(&k.company_name),
        cell(&k.sales_contact_name),
        money(k.total_cents),
        money(k.remaining_cents),
        yes_no(k.is_signed()),
        k.signed_at.map(date).unwrap_or_default(),
        date(k.created_at),
    ]
}

fn journal_record(line: &JournalLine) -> Vec<String> {
    let Some(row) = line.clone().parsed() else { return vec![t::AUDIT_UNKNOWN_RECORD.to_owned()] };
    let changes: Vec<String> = row.changes.0.iter().map(FieldChange::line).collect();
    vec![
        date_time(row.at),
        cell(row.actor_name.as_deref().unwrap_or(t::SOMEONE)),
        row.action.label().to_owned(),
        row.entity.label().to_owned(),
        cell(row.label.as_deref().unwrap_or(t::AUDIT_RECORD_GONE)),
        cell(&changes.join(" ; ")),
    ]
}

fn event_record(e: &EventRow) -> Vec<String> {
    vec![
        cell(&e.title),
        date_time(e.starts_at),
        date_time(e.ends_at),
        cell(&e.client_name),
        cell(&e.location),
        e.attendees.to_string(),
        cell(e.support_contact_name.as_deref().unwrap_or_default()),
        cell(&e.notes),
    ]
}

/// Checks the reader and the list's parameters, records the export, then streams the file.
async fn respond<R>(request: Request, export: &'static ListExport<R>) -> Response
where
    R: for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static,
{
    let result = async {
        let actor = request.actor.clone().ok_or(AppError::Unauthorized)?;
        let sql = (export.query)(&request, &actor)?;
        let slot = request.state.exports.clone().try_acquire_owned().map_err(|_| AppError::Busy)?;
        let now = request.state.clock.now();
        let list = request.list(export.page);
        crate::security_log::repo::record_export(&request.state.pool, actor.id, Some(request.ip), now, &list).await?;
        Ok::<_, AppError>((sql, now, slot))
    }
    .await;
    match result {
        Ok((sql, now, slot)) => {
            let day = crate::domain::datetime::paris_today(now);
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}-{day}.csv\"", export.file)),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                Body::from_stream(stream(request.state, export, sql, slot)),
            )
                .into_response()
        }
        Err(error) => refusal(&error),
    }
}

/// A refusal in plain words: the list's bad parameters (400, as its page answers), no session,
/// the database away.
fn refusal(error: &AppError) -> Response {
    let (status, text) = match error {
        AppError::Validation { errors, .. } => {
            let detail: Vec<String> = errors.iter().map(|(field, message)| format!("{field} : {message}")).collect();
            (http::StatusCode::BAD_REQUEST, format!("{error}\n{}", detail.join("\n")))
        }
        other => (other.status_code(), other.to_string()),
    };
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// The file, chunk by chunk, read by a task of its own: its query's rows become CSV lines while
/// the client reads; a client that leaves ends the query.
fn stream<R>(
    state: AppState,
    export: &'static ListExport<R>,
    sql: QueryBuilder<'static, Postgres>,
    slot: tokio::sync::OwnedSemaphorePermit,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>>
where
    R: for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static,
{
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(IN_FLIGHT);
    tokio::spawn(async move {
        let _slot = slot; // Given back when the last row is sent, or the client has left.
        let failure = sender.clone();
        if let Err(error) = write_rows(state, export, sql, sender).await {
            tracing::warn!(%error, "a CSV export stopped half way");
            let _ = failure.send(Err(std::io::Error::other("export interrupted"))).await;
        }
    });
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    })
}

async fn write_rows<R>(
    state: AppState,
    export: &'static ListExport<R>,
    mut sql: QueryBuilder<'static, Postgres>,
    sender: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
where
    R: for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static,
{
    let mut tx = state.read_pool().begin().await?;
    sqlx::query(&format!("set local statement_timeout = '{STATEMENT_TIMEOUT}'")).execute(&mut *tx).await?;
    let mut chunk = Chunk::new(BOM);
    chunk.write(export.columns.iter().map(|c| (*c).to_owned()).collect())?;
    let mut rows = sql.build_query_as::<R>().fetch(&mut *tx);
    while let Some(row) = rows.try_next().await? {
        chunk.write((export.record)(&row))?;
        if chunk.rows >= CHUNK_ROWS && sender.send(Ok(chunk.take()?)).await.is_err() {
            return Ok(()); // The client left.
        }
    }
    drop(rows);
    let _ = sender.send(Ok(chunk.take()?)).await;
    Ok(())
}

/// Lines waiting to be sent.
struct Chunk {
    writer: csv::Writer<Vec<u8>>,
    rows: usize,
}

impl Chunk {
    fn new(start: &[u8]) -> Self {
        Chunk {
            writer: csv::WriterBuilder::new()
                .delimiter(b';')
                .terminator(csv::Terminator::CRLF)
                .from_writer(start.to_vec()),
            rows: 0,
        }
    }

    fn write(&mut self, record: Vec<String>) -> csv::Result<()> {
        self.rows += 1;
        self.writer.write_record(record)
    }

    fn take(&mut self) -> Result<Bytes, Box<dyn std::error::Error + Send + Sync>> {
        let full = std::mem::replace(self, Chunk::new(b""));
        Ok(Bytes::from(full.writer.into_inner().map_err(|e| e.to_string())?))
    }
}
