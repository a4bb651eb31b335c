//! What the first visit costs: content-hashed static files sent precompressed and cached for
//! a year; pages and the API compressed on the fly, except responses that echo their query
//! string next to personal data (BREACH, see server/src/middleware/compression.rs).

use crate::common;

use axum::body::Body;
use http::{Method, Request, StatusCode, header};
use sqlx::PgPool;

use common::{TestApp, TestOptions};

const HASHED_WASM: &str = "epic-events.Zq3v_Wm8-XkTn2LbY5hRcA.wasm";

/// A site folder as `cargo leptos build --release --precompress` leaves it: a hashed WASM with its
/// Brotli and gzip copies, and a file without a hash.
fn release_site() -> String {
    let root = std::env::temp_dir().join(format!("epic-events-site-{}", uuid::Uuid::new_v4()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join(HASHED_WASM), b"\0asm the module itself").unwrap();
    std::fs::write(pkg.join(format!("{HASHED_WASM}.br")), b"brotli bytes").unwrap();
    std::fs::write(pkg.join(format!("{HASHED_WASM}.gz")), b"gzip bytes").unwrap();
    std::fs::write(pkg.join("epic-events.d.ts"), b"export function hydrate(): void;").unwrap();
    root.to_string_lossy().into_owned()
}

fn get_accepting(path: &str, encodings: &str) -> Request<Body> {
    Request::get(path).header(header::ACCEPT_ENCODING, encodings).body(Body::empty()).unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn hashed_assets_are_sent_precompressed_and_kept_a_year(owner: PgPool) {
    let site = release_site();
    let app = TestApp::spawn_with(owner, TestOptions { site_root: Some(site.clone()), ..TestOptions::default() }).await;
    let mut browser = app.client();
    let path = format!("/pkg/{HASHED_WASM}");

    let brotli = browser.send(get_accepting(&path, "br, gzip")).await;
    assert_eq!(brotli.status, StatusCode::OK);
    assert_eq!(brotli.header("content-encoding"), Some("br"));
    assert_eq!(brotli.body, "brotli bytes", "the copy made at build time, not compressed again");
    assert_eq!(brotli.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(brotli.header("content-type"), Some("application/wasm"));
    assert_eq!(brotli.header("vary"), Some("accept-encoding"), "a shared cache keeps each encoding apart");

    let gzip = browser.send(get_accepting(&path, "gzip")).await;
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    assert_eq!(gzip.body, "gzip bytes");

    let plain = browser.send(get_accepting(&path, "identity")).await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.body, "\0asm the module itself");
    assert_eq!(plain.header("cache-control"), Some("public, max-age=31536000, immutable"));

    // A name without a hash may change content under the same URL: revalidated, never immutable.
    let unhashed = browser.send(get_accepting("/pkg/epic-events.d.ts", "br, gzip")).await;
    assert_eq!(unhashed.status, StatusCode::OK);
    assert_eq!(unhashed.header("cache-control"), Some("no-cache"));
    // And a missing file is no cacheable answer at all.
    let missing = browser.send(get_accepting("/pkg/epic-events.AAAAAAAAAAAAAAAAAAAAAA.js", "br")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_ne!(missing.header("cache-control"), Some("public, max-age=31536000, immutable"));
    std::fs::remove_dir_all(site).unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn a_page_is_compressed_unless_it_echoes_its_query_string(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.signed_in("commercial@epic-events.fr").await;

    let list = browser.send(get_accepting("/clients", "br, gzip")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.header("content-encoding"), Some("br"));
    assert_eq!(list.header("cache-control"), Some("no-store"));

    // The search box holds the query next to clients' names, e-mails and phones: compressed,
    // its size would tell a watcher whether a guess matches them.
    let search = browser.send(get_accepting("/clients?q=Casey", "br, gzip")).await;
    assert_eq!(search.status, StatusCode::OK);
    assert_eq!(search.header("content-encoding"), None);
    assert!(search.body.contains(r#"value="Casey""#), "the query is echoed: {}", search.body);
    assert!(search.body.contains("Kevin Casey"));

    // The same for the hydrated app's reads, whose arguments are their query string.
    let id: uuid::Uuid = sqlx::query_scalar("select id from client where full_name = 'Kevin Casey'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let mut read = get_accepting(&format!("/api/get_client?id={id}"), "br, gzip");
    read.headers_mut().insert(header::ACCEPT, "application/json".parse().unwrap());
    let read = browser.send(read).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert!(read.body.contains("Kevin Casey"));
    assert_eq!(read.header("content-encoding"), None);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_api_is_compressed_with_or_without_a_query(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as("commercial@epic-events.fr").await;

    let response =
        api.raw(Method::GET, "/clients?page_size=100", None, Vec::new(), &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("content-encoding"), Some("br"));

    let response =
        api.raw(Method::GET, "/clients?page_size=100", None, Vec::new(), &[("accept-encoding", "gzip")]).await;
    assert_eq!(response.header("content-encoding"), Some("gzip"));
}
