//! The server validates every input itself: a server function's list query is checked like the
//! page's URL (page size, reachable depth, search), whoever sends it; statements are bounded,
//! by the defaults or by the `DB_*` settings.

use crate::common;

use std::time::Duration;

use http::{Method, StatusCode};
use sqlx::PgPool;
use sqlx::postgres::PgConnectOptions;

use server::db::PoolSettings;

use common::TestApp;

const SALES: &str = "commercial@epic-events.fr";

fn event_query(page: &str, size: &str, search: Option<&str>) -> Vec<(&'static str, String)> {
    let mut form = vec![
        ("query[without_support]", "false".to_owned()),
        ("query[mine]", "false".to_owned()),
        ("query[sort][key]", "Start".to_owned()),
        ("query[sort][descending]", "false".to_owned()),
        ("query[paging][page]", page.to_owned()),
        ("query[paging][size]", size.to_owned()),
    ];
    if let Some(search) = search {
        form.push(("query[search]", search.to_owned()));
    }
    form
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_list_query_sent_straight_to_a_server_function_is_checked_like_the_url(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.signed_in(SALES).await;
    let fine = browser.read_owned("/api/list_events", &event_query("1", "25", Some("  conférence  "))).await;
    assert_eq!(fine.status, StatusCode::OK, "the body is well formed: {}", fine.body);

    for (page, size) in [("1", "4000000000"), ("4294967295", "4294967295"), ("0", "25"), ("1", "0"), ("1", "101")] {
        let refused = browser.read_owned("/api/list_events", &event_query(page, size, None)).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "page={page} size={size}: {}", refused.body);
        assert!(!refused.body.contains("items"), "no rows in a refusal");
    }
    let far = browser.read_owned("/api/list_events", &event_query("21", "100", None)).await;
    assert_eq!(far.status, StatusCode::BAD_REQUEST, "beyond the reachable rows: {}", far.body);
    let long = "x".repeat(101);
    let searched = browser.read_owned("/api/list_events", &event_query("1", "25", Some(&long))).await;
    assert_eq!(searched.status, StatusCode::BAD_REQUEST, "{}", searched.body);
    let control = browser.read_owned("/api/list_events", &event_query("1", "25", Some("a\u{7}b"))).await;
    assert_eq!(control.status, StatusCode::BAD_REQUEST, "{}", control.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_rest_api_refuses_huge_pages_without_a_server_error(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    for query in ["page=4294967295&page_size=100", "page=1&page_size=4000000000", "page=99999999999999999999"] {
        let response = api.send(Method::GET, &format!("/events?{query}"), None).await;
        response.problem(StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_application_role_runs_under_a_statement_timeout(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let timeout: String = sqlx::query_scalar("show statement_timeout").fetch_one(&app.pool).await.unwrap();
    assert_eq!(timeout, server::db::STATEMENT_TIMEOUT);
    let idle: String =
        sqlx::query_scalar("show idle_in_transaction_session_timeout").fetch_one(&app.pool).await.unwrap();
    assert_eq!(idle, server::db::IDLE_IN_TRANSACTION_TIMEOUT);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn configured_pool_settings_reach_the_pool_and_every_connection(owner: PgPool) {
    let settings = PoolSettings {
        max_connections: 3,
        statement_timeout: Duration::from_millis(1500),
        idle_in_transaction_timeout: Duration::from_secs(120),
        max_lifetime: Duration::from_secs(600),
        acquire_timeout: Duration::from_secs(2),
    };
    let url: PgConnectOptions = std::env::var("TEST_APP_URL").unwrap().parse().unwrap();
    let database = owner.connect_options().get_database().unwrap().to_owned();
    let options = server::db::session_settings_with(url.database(&database), &settings);
    let pool = server::db::pool_options_with(&settings).connect_with(options).await.unwrap();
    let pool_options = pool.options();
    assert_eq!(pool_options.get_max_connections(), 3);
    assert_eq!(pool_options.get_max_lifetime(), Some(Duration::from_secs(600)));
    assert_eq!(pool_options.get_acquire_timeout(), Duration::from_secs(2));
    let show = |setting: &'static str| {
        let pool = pool.clone();
        async move { sqlx::query_scalar::<_, String>(setting).fetch_one(&pool).await.unwrap() }
    };
    assert_eq!(show("show statement_timeout").await, "1500ms");
    assert_eq!(show("show idle_in_transaction_session_timeout").await, "2min");
    let error = sqlx::query("select pg_sleep(3)").execute(&pool).await.unwrap_err();
    let code = error.as_database_error().and_then(|e| e.code()).map(|c| c.into_owned());
    assert_eq!(code.as_deref(), Some("57014"), "cancelled by the statement timeout: {error}");
}
