//! The server validates every input itself: a server function's list query is checked like the
//! page's URL (page size, reachable depth, search), whoever sends it; statements are bounded.

mod common;

use http::{Method, StatusCode};
use sqlx::PgPool;

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
    let fine = browser.call_owned("/api/list_events", &event_query("1", "25", Some("  conférence  "))).await;
    assert_eq!(fine.status, StatusCode::OK, "the body is well formed: {}", fine.body);

    for (page, size) in [("1", "4000000000"), ("4294967295", "4294967295"), ("0", "25"), ("1", "0"), ("1", "101")] {
        let refused = browser.call_owned("/api/list_events", &event_query(page, size, None)).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "page={page} size={size}: {}", refused.body);
        assert!(!refused.body.contains("items"), "no rows in a refusal");
    }
    let far = browser.call_owned("/api/list_events", &event_query("21", "100", None)).await;
    assert_eq!(far.status, StatusCode::BAD_REQUEST, "beyond the reachable rows: {}", far.body);
    let long = "x".repeat(101);
    let searched = browser.call_owned("/api/list_events", &event_query("1", "25", Some(&long))).await;
    assert_eq!(searched.status, StatusCode::BAD_REQUEST, "{}", searched.body);
    let control = browser.call_owned("/api/list_events", &event_query("1", "25", Some("a\u{7}b"))).await;
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
