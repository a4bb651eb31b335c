//! Ending someone's access ends all of it, at once, on every instance: web sessions, API
//! refresh tokens and the access tokens already issued — after a password change, a reset, a
//! department change, "close every session", or one API sign-in closed from the sessions page.

use crate::common;

use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use http::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

use common::TestApp;
use common::api::Api;

const SALES: &str = "commercial@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";
const NEW_PASSWORD: &str = "Un-tout-autre-secret-2026";

async fn refresh(api: &mut Api<'_>) -> common::TestResponse {
    let token = api.refresh.clone().expect("signed in");
    let response = api.send(Method::POST, "/auth/refresh", Some(json!({ "refresh_token": token }))).await;
    if response.status == StatusCode::OK {
        let body = response.json();
        api.access = Some(body["access_token"].as_str().unwrap().to_owned());
        api.refresh = Some(body["refresh_token"].as_str().unwrap().to_owned());
    }
    response
}

/// The *Mon compte* form changing the demo password to `NEW_PASSWORD`.
fn change_password_form() -> [(&'static str, &'static str); 3] {
    [("form[current]", common::PASSWORD), ("form[new_password]", NEW_PASSWORD), ("form[confirmation]", NEW_PASSWORD)]
}

/// Both API credentials are dead: the access token at once, the refresh token too.
async fn assert_api_access_ended(api: &mut Api<'_>) {
    api.get("/clients").await.problem(StatusCode::UNAUTHORIZED);
    refresh(api).await.problem(StatusCode::UNAUTHORIZED);
}

async fn version_of(app: &TestApp, email: &str) -> String {
    let version: i32 = sqlx::query_scalar("select version from collaborator where email = $1")
        .bind(email)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    version.to_string()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_password_change_ends_api_access_but_keeps_the_session_that_made_it(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    assert_eq!(api.get("/clients").await.status, StatusCode::OK);
    let mut other_browser = app.signed_in(SALES).await;
    let mut browser = app.signed_in(SALES).await;

    let changed = browser.call("/api/change_password", &change_password_form()).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);

    assert_api_access_ended(&mut api).await;
    assert_eq!(browser.get("/clients").await.status, StatusCode::OK, "the session that changed it goes on");
    assert_eq!(other_browser.get("/clients").await.status, StatusCode::SEE_OTHER, "other sessions end");
    let mut again = app.api();
    assert_eq!(again.sign_in(SALES, NEW_PASSWORD).await.status, StatusCode::OK);
    assert_eq!(again.get("/clients").await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_reset_by_management_ends_api_access(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SUPPORT).await;
    assert_eq!(api.get("/events").await.status, StatusCode::OK);
    let id = app.collaborator_id(SUPPORT).await.to_string();
    let mut manager = app.signed_in(MANAGER).await;
    let reset = manager.call("/api/reset_collaborator_password", &[("id", &id)]).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    assert_api_access_ended(&mut api).await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn closing_every_session_closes_api_sign_ins_too(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    let mut browser = app.signed_in(SALES).await;
    let id = app.collaborator_id(SALES).await.to_string();
    let mut manager = app.signed_in(MANAGER).await;
    let ended = manager.call("/api/end_collaborator_sessions", &[("collaborator_id", &id)]).await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert_api_access_ended(&mut api).await;
    assert_eq!(browser.get("/clients").await.status, StatusCode::SEE_OTHER);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_department_change_ends_access_everywhere(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SUPPORT).await;
    let mut browser = app.signed_in(SUPPORT).await;
    let id = app.collaborator_id(SUPPORT).await.to_string();
    let version = version_of(&app, SUPPORT).await;
    let other_support = app.collaborator_id("support2@epic-events.fr").await.to_string();
    let mut manager = app.signed_in(MANAGER).await;
    let moved = manager
        .call(
            "/api/change_collaborator_department",
            &[
                ("id", &id),
                ("version", &version),
                ("change[department]", "sales"),
                ("change[events_to]", &other_support),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_api_access_ended(&mut api).await;
    assert_eq!(browser.get("/clients").await.status, StatusCode::SEE_OTHER);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_sessions_page_lists_and_closes_one_api_sign_in(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut laptop = app.api_as(SALES).await;
    let mut phone = app.api_as(SALES).await;
    let id = app.collaborator_id(SALES).await.to_string();
    let mut manager = app.signed_in(MANAGER).await;

    let listed = manager.read("/api/collaborator_sessions", &[("id", &id)]).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let sessions = listed.json()["sessions"].as_array().unwrap().clone();
    let api_sign_ins: Vec<_> = sessions.iter().filter(|s| s["kind"] == "api").collect();
    assert_eq!(api_sign_ins.len(), 2, "{sessions:?}");
    let laptop_family: String = sqlx::query_scalar(
        "select family_id::text from api_refresh_token where token_hash = sha256(convert_to($1, 'utf8'))",
    )
    .bind(laptop.refresh.clone().unwrap())
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert!(api_sign_ins.iter().any(|s| s["id"] == laptop_family.as_str()));

    let closed = manager
        .call(
            "/api/end_collaborator_session",
            &[("collaborator_id", &id), ("kind", "api"), ("session_id", &laptop_family)],
        )
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    assert_api_access_ended(&mut laptop).await;
    // The phone's access token stopped too, but its sign-in is open: it refreshes and goes on.
    phone.get("/clients").await.problem(StatusCode::UNAUTHORIZED);
    assert_eq!(refresh(&mut phone).await.status, StatusCode::OK);
    assert_eq!(phone.get("/clients").await.status, StatusCode::OK);
    assert_eq!(app.count("select count(*) from security_event where kind = 'api_sign_in_ended'").await, 1);

    let again = manager
        .call(
            "/api/end_collaborator_session",
            &[("collaborator_id", &id), ("kind", "api"), ("session_id", &laptop_family)],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "an already closed sign-in: {}", again.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_api_sign_in_ends_thirty_days_after_it_began_however_often_it_is_refreshed(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    for _ in 0..4 {
        app.clock.advance(Duration::days(6));
        assert_eq!(refresh(&mut api).await.status, StatusCode::OK);
    }
    // Day 24: the last token's 7 days would reach day 31; the sign-in stops at day 30.
    app.clock.advance(Duration::days(6) + Duration::minutes(1));
    refresh(&mut api).await.problem(StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("select count(*) from api_refresh_token where expires_at > family_expires_at").await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_reused_refresh_token_is_a_security_event(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    let stolen = api.refresh.clone().unwrap();
    assert_eq!(refresh(&mut api).await.status, StatusCode::OK);
    let replay = api.send(Method::POST, "/auth/refresh", Some(json!({ "refresh_token": stolen }))).await;
    replay.problem(StatusCode::UNAUTHORIZED);
    let id = app.collaborator_id(SALES).await;
    let recorded: i64 = sqlx::query_scalar(
        "select count(*) from security_event where kind = 'refresh_token_reused' and collaborator_id = $1",
    )
    .bind(id)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!(recorded, 1);
}

/// How long instance `b` keeps answering `api`'s calls with 200 after `end` ran on another one.
async fn time_until_refused(api: &mut Api<'_>) -> StdDuration {
    let started = Instant::now();
    loop {
        let status = api.get("/clients").await.status;
        if status == StatusCode::UNAUTHORIZED {
            return started.elapsed();
        }
        assert_eq!(status, StatusCode::OK);
        assert!(started.elapsed() < StdDuration::from_secs(3), "still served after 3 s");
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_access_ended_on_one_instance_is_refused_on_another_within_a_second(owner: PgPool) {
    let a = TestApp::spawn(owner).await;
    let b = a.second_instance().await;
    b.listen_for_ended_access().await;
    let mut on_b = b.api_as(SALES).await;
    assert_eq!(on_b.get("/clients").await.status, StatusCode::OK, "now cached on b");
    assert_eq!(on_b.get("/clients").await.status, StatusCode::OK);

    let id = a.collaborator_id(SALES).await.to_string();
    let version = version_of(&a, SALES).await;
    let mut manager_on_a = a.signed_in(MANAGER).await;
    let deactivated = manager_on_a
        .call("/api/set_collaborator_active", &[("id", &id), ("version", &version), ("active", "false")])
        .await;
    assert_eq!(deactivated.status, StatusCode::OK, "{}", deactivated.body);
    let delay = time_until_refused(&mut on_b).await;
    assert!(delay < StdDuration::from_secs(1), "refused on b after {delay:?}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_password_changed_on_one_instance_stops_api_tokens_on_another_within_a_second(owner: PgPool) {
    let a = TestApp::spawn(owner).await;
    let b = a.second_instance().await;
    b.listen_for_ended_access().await;
    let mut on_b = b.api_as(SALES).await;
    assert_eq!(on_b.get("/clients").await.status, StatusCode::OK, "now cached on b");
    let mut browser_on_a = a.signed_in(SALES).await;
    let changed = browser_on_a.call("/api/change_password", &change_password_form()).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let delay = time_until_refused(&mut on_b).await;
    assert!(delay < StdDuration::from_secs(1), "refused on b after {delay:?}");
    // A session opened on one instance is used on the other.
    let mut browser_on_b = common::Client::with_cookie(&b, browser_on_a.cookie.clone());
    assert_eq!(browser_on_b.get("/clients").await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn refused_actions_are_security_events_from_pages_and_the_api(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let seller = app.collaborator_id(SALES).await;
    let client: String = sqlx::query_scalar("select id::text from client limit 1").fetch_one(&app.owner).await.unwrap();
    let refused = "select count(*) from security_event where kind = 'access_refused' and collaborator_id = $1";
    let count = || async { sqlx::query_scalar::<_, i64>(refused).bind(seller).fetch_one(&app.owner).await.unwrap() };

    let mut browser = app.signed_in(SALES).await;
    let deleted = browser.call("/api/delete_client", &[("id", &client)]).await;
    assert_eq!(deleted.status, StatusCode::FORBIDDEN, "{}", deleted.body);
    assert_eq!(count().await, 1);

    let mut api = app.api_as(SALES).await;
    api.delete(&format!("/clients/{client}")).await.problem(StatusCode::FORBIDDEN);
    assert_eq!(count().await, 2);
    assert_eq!(app.count("select count(*) from client where id = (select id from client limit 1)").await, 1);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn serve_can_tell_which_demo_accounts_still_open_with_the_demo_password(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let open = server::demo::demo_accounts_with_demo_password(&app.pool, &app.state.hasher).await.unwrap();
    assert_eq!(open.len(), server::demo::DEMO_ACCOUNTS.len());
    let mut browser = app.signed_in(SALES).await;
    let changed = browser.call("/api/change_password", &change_password_form()).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let open = server::demo::demo_accounts_with_demo_password(&app.pool, &app.state.hasher).await.unwrap();
    assert_eq!(open.len(), server::demo::DEMO_ACCOUNTS.len() - 1);
    assert!(!open.contains(&SALES));
}
