//! The export routes: check the reader and the list's parameters, record the export, stream.

use std::net::{IpAddr, SocketAddr};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use futures_util::TryStreamExt;
use http::{HeaderMap, header};
use sqlx::postgres::PgRow;
use sqlx::{FromRow, Postgres, QueryBuilder};

use super::cells::{cell, date, date_time, money, yes_no};
use super::{CLIENTS, CONTRACTS, EVENTS};
use crate::auth::Actor;
use crate::auth::api::RequestActor;
use crate::clients::model::{ClientQuery, ClientRow};
use crate::contracts::model::{ContractQuery, ContractRow};
use crate::error::AppError;
use crate::events::model::{EventQuery, EventRow};
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
    Router::new().route(CLIENTS, get(clients)).route(CONTRACTS, get(contracts)).route(EVENTS, get(events))
}

/// What every export handler receives.
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

    fn list(&self, page: &str) -> String {
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(&self.params).finish();
        if query.is_empty() { page.to_owned() } else { format!("{page}?{query}") }
    }
}

fn request(
    state: AppState,
    actor: Option<Actor>,
    peer: SocketAddr,
    headers: &HeaderMap,
    raw: Option<String>,
) -> Request {
    let ip = crate::auth::client_addr::client_address(peer.ip(), headers, &state.trusted_proxies);
    let params = form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect();
    Request { state, actor, ip, params }
}

async fn clients(
    State(state): State<AppState>,
    Extension(RequestActor(actor)): Extension<RequestActor>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let request = request(state, actor, peer, &headers, raw);
    respond(request, "clients", crate::routes::CLIENTS, |r, actor| {
        let query = ClientQuery::from_params(&|name| r.get(name))?;
        let sql = crate::clients::repo::export_query(&query, actor.id);
        Ok(Export::new(sql, CLIENT_COLUMNS, client_record))
    })
    .await
}

async fn contracts(
    State(state): State<AppState>,
    Extension(RequestActor(actor)): Extension<RequestActor>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let request = request(state, actor, peer, &headers, raw);
    respond(request, "contrats", crate::routes::CONTRACTS, |r, actor| {
        let query = ContractQuery::from_params(&|name| r.get(name))?;
        let sql = crate::contracts::repo::export_query(&query, actor.id);
        Ok(Export::new(sql, CONTRACT_COLUMNS, contract_record))
    })
    .await
}

async fn events(
    State(state): State<AppState>,
    Extension(RequestActor(actor)): Extension<RequestActor>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let request = request(state, actor, peer, &headers, raw);
    respond(request, "evenements", crate::routes::EVENTS, |r, actor| {
        let query = EventQuery::from_params(&|name| r.get(name))?;
        let sql = crate::events::repo::export_query(&query, actor.id);
        Ok(Export::new(sql, EVENT_COLUMNS, event_record))
    })
    .await
}

const CLIENT_COLUMNS: &[&str] =
    &[t::FULL_NAME, t::EMAIL, t::PHONE, t::COMPANY, t::SALES_CONTACT, t::PROSPECT, t::CREATED_AT, t::LAST_CONTACT];

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

const CONTRACT_COLUMNS: &[&str] =
    &[t::CLIENT, t::COMPANY, t::SALES_CONTACT, t::TOTAL, t::REMAINING, t::SIGNED, t::SIGNED_ON, t::CREATED_AT];

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

const EVENT_COLUMNS: &[&str] =
    &[t::TITLE, t::START, t::END, t::CLIENT, t::LOCATION, t::ATTENDEES, t::SUPPORT_CONTACT, t::NOTES];

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

/// One list's export: its query and how a row becomes a line.
struct Export<R> {
    sql: QueryBuilder<'static, Postgres>,
    columns: &'static [&'static str],
    record: fn(&R) -> Vec<String>,
}

impl<R> Export<R> {
    fn new(
        sql: QueryBuilder<'static, Postgres>,
        columns: &'static [&'static str],
        record: fn(&R) -> Vec<String>,
    ) -> Self {
        Export { sql, columns, record }
    }
}

/// Checks the reader and the list's parameters, records the export, then streams the file.
async fn respond<R>(
    request: Request,
    name: &str,
    page: &str,
    build: impl FnOnce(&Request, &Actor) -> Result<Export<R>, AppError>,
) -> Response
where
    R: for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static,
{
    let result = async {
        let actor = request.actor.clone().ok_or(AppError::Unauthorized)?;
        let export = build(&request, &actor)?;
        let now = request.state.clock.now();
        crate::security_log::repo::record_export(
            &request.state.pool,
            actor.id,
            Some(request.ip),
            now,
            &request.list(page),
        )
        .await?;
        Ok::<_, AppError>((export, now))
    }
    .await;
    match result {
        Ok((export, now)) => {
            let day = crate::domain::datetime::paris_today(now);
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}-{day}.csv\"")),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                Body::from_stream(stream(request.state, export)),
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
fn stream<R>(state: AppState, export: Export<R>) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>>
where
    R: for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static,
{
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(IN_FLIGHT);
    tokio::spawn(async move {
        let failure = sender.clone();
        if let Err(error) = write_rows(state, export, sender).await {
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
    mut export: Export<R>,
    sender: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
where
    R: for<'r> FromRow<'r, PgRow> + Send + Unpin + 'static,
{
    let mut tx = state.read_pool().begin().await?;
    sqlx::query(&format!("set local statement_timeout = '{STATEMENT_TIMEOUT}'")).execute(&mut *tx).await?;
    let mut chunk = Chunk::new(BOM);
    chunk.write(export.columns.iter().map(|c| (*c).to_owned()).collect())?;
    let mut rows = export.sql.build_query_as::<R>().fetch(&mut *tx);
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
