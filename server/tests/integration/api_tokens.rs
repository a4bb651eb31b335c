//! REST API tokens: sign-in and its throttling, access-token expiry, refresh rotation, reuse
//! detection, revocation, and deactivation.

use crate::common;

use chrono::Duration;
use http::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

use common::TestApp;

const SALES: &str = "commercial@epic-events.fr";
const SALES2: &str = "commercial2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_token_pair_opens_the_api_without_any_cookie(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api();
    let response = api.sign_in(" Commercial@Epic-Events.fr ", common::PASSWORD).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert_eq!(response.header("cache-control"), Some("no-store"));
    assert!(response.header("set-cookie").is_none());
    let body = response.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(body["access_token"].as_str().unwrap().split('.').count(), 3);

    let list = api.get("/clients").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.header("set-cookie").is_none());
    assert_eq!(app.count("select count(*) from http_session").await, 0);
    assert_eq!(app.count("select count(*) from api_refresh_token").await, 1);
    let stored: Vec<u8> =
        sqlx::query_scalar("select token_hash from api_refresh_token").fetch_one(&app.owner).await.unwrap();
    assert_ne!(stored, api.refresh.clone().unwrap().into_bytes(), "only the hash is stored");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn missing_forged_and_garbled_tokens_are_401_with_a_bearer_challenge(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api();
    let missing = api.get("/clients").await;
    missing.problem(StatusCode::UNAUTHORIZED);
    assert_eq!(missing.header("www-authenticate"), Some(r#"Bearer realm="epic-events""#));

    let genuine = app.api_as(SALES).await.access.unwrap();
    let (head, rest) = genuine.split_once('.').unwrap();
    let (_, signature) = rest.split_once('.').unwrap();
    let forged_claims = base64_url(r#"{"sub":"00000000-0000-0000-0000-000000000000","iat":0,"exp":9999999999}"#);
    for token in ["", "nonsense", &format!("{head}.{forged_claims}.{signature}"), &format!("{genuine}x")] {
        api.access = Some(token.to_owned());
        let response = api.get("/clients").await;
        response.problem(StatusCode::UNAUTHORIZED);
        assert!(response.header("www-authenticate").unwrap().starts_with("Bearer"), "{token}");
    }
    api.access = None;
    let wrong_scheme = api.raw(Method::GET, "/clients", None, vec![], &[("authorization", "Basic Zm9vOmJhcg==")]).await;
    wrong_scheme.problem(StatusCode::UNAUTHORIZED);
}

fn base64_url(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn wrong_passwords_are_401_and_throttled_like_the_sign_in_page(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api();
    for _ in 0..10 {
        // A minute apart: the account's own delay (after 5 quick failures) stays out of the way.
        app.clock.advance(Duration::minutes(1));
        let response = api.sign_in(SALES, "not the password").await;
        response.problem(StatusCode::UNAUTHORIZED);
    }
    let throttled = api.sign_in(SALES, common::PASSWORD).await;
    let problem = throttled.problem(StatusCode::TOO_MANY_REQUESTS);
    assert!(problem["detail"].as_str().unwrap().contains("15"), "{problem}");
    assert_eq!(throttled.header("retry-after"), Some("900"));
    assert!(api.access.is_none());

    api.sign_in("", "").await.problem(StatusCode::UNPROCESSABLE_ENTITY);
    let missing = api.send(Method::POST, "/auth/token", Some(json!({"email": SALES}))).await;
    missing.problem(StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_access_token_expires_after_fifteen_minutes(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    app.clock.advance(Duration::minutes(15) - Duration::seconds(1));
    assert_eq!(api.get("/clients").await.status, StatusCode::OK);
    app.clock.advance(Duration::seconds(1));
    let expired = api.get("/clients").await;
    expired.problem(StatusCode::UNAUTHORIZED);
    assert!(expired.header("www-authenticate").unwrap().contains("invalid_token"));
}

async fn refresh(api: &mut common::api::Api<'_>, token: &str) -> common::TestResponse {
    api.send(Method::POST, "/auth/refresh", Some(json!({ "refresh_token": token }))).await
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_refresh_token_is_exchanged_once_for_a_new_pair(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    let first = api.refresh.clone().unwrap();
    app.clock.advance(Duration::minutes(20));
    assert_eq!(api.get("/clients").await.status, StatusCode::UNAUTHORIZED);

    let response = refresh(&mut api, &first).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let body = response.json();
    let second = body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second, first);
    api.access = Some(body["access_token"].as_str().unwrap().to_owned());
    assert_eq!(api.get("/clients").await.status, StatusCode::OK);

    let third = refresh(&mut api, &second).await;
    assert_eq!(third.status, StatusCode::OK);
    assert_eq!(app.count("select count(distinct family_id) from api_refresh_token").await, 1);
    assert_eq!(app.count("select count(*) from api_refresh_token where used_at is not null").await, 2);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn reusing_a_refresh_token_revokes_its_whole_family_and_only_it(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    let mut other_device = app.api_as(SALES).await;
    let stolen = api.refresh.clone().unwrap();
    let legitimate = refresh(&mut api, &stolen).await.json()["refresh_token"].as_str().unwrap().to_owned();

    let replay = refresh(&mut api, &stolen).await;
    replay.problem(StatusCode::UNAUTHORIZED);
    // The thief's replay also locks out the token issued in the meantime.
    refresh(&mut api, &legitimate).await.problem(StatusCode::UNAUTHORIZED);
    // Another sign-in (another family) is untouched.
    let other = other_device.refresh.clone().unwrap();
    assert_eq!(refresh(&mut other_device, &other).await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_refresh_token_expires_after_seven_days(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    let token = api.refresh.clone().unwrap();
    app.clock.advance(Duration::days(7));
    refresh(&mut api, &token).await.problem(StatusCode::UNAUTHORIZED);
    refresh(&mut api, "not a token").await.problem(StatusCode::UNAUTHORIZED);
    refresh(&mut api, &"x".repeat(5000)).await.problem(StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_revoked_refresh_token_cannot_be_exchanged(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    let token = api.refresh.clone().unwrap();
    let revoked = api.send(Method::POST, "/auth/revoke", Some(json!({ "refresh_token": token }))).await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT, "{}", revoked.body);
    refresh(&mut api, &token).await.problem(StatusCode::UNAUTHORIZED);
    // Revoking an unknown token answers the same.
    let unknown = api.send(Method::POST, "/auth/revoke", Some(json!({ "refresh_token": "unknown" }))).await;
    assert_eq!(unknown.status, StatusCode::NO_CONTENT);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn deactivation_stops_access_and_refresh_tokens_at_once(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    assert_eq!(api.get("/clients").await.status, StatusCode::OK, "the collaborator is now cached");
    let path = format!("/collaborators/{}", app.collaborator_id(SALES).await);
    let mut manager = app.api_as(MANAGER).await;
    let deactivated = manager.patch(&path, json!({"active": false})).await;
    assert_eq!(deactivated.status, StatusCode::OK, "{}", deactivated.body);
    assert_eq!(deactivated.json()["active"], false);

    api.get("/clients").await.problem(StatusCode::UNAUTHORIZED);
    let token = api.refresh.clone().unwrap();
    refresh(&mut api, &token).await.problem(StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("select count(*) from api_refresh_token t join collaborator c on c.id = t.collaborator_id where c.email = 'commercial@epic-events.fr' and t.revoked_at is null").await, 0);
    app.api().sign_in(SALES, common::PASSWORD).await.problem(StatusCode::UNAUTHORIZED);
    assert_eq!(manager.get("/clients").await.status, StatusCode::OK, "other collaborators go on");

    // Reactivated, they sign in again; the old tokens stay dead.
    assert_eq!(manager.patch(&path, json!({"active": true})).await.status, StatusCode::OK);
    refresh(&mut api, &token).await.problem(StatusCode::UNAUTHORIZED);
    let mut again = app.api_as(SALES).await;
    assert_eq!(again.get("/clients").await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn token_requests_must_be_json_with_known_fields_only(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api();
    let form = api
        .raw(
            Method::POST,
            "/auth/token",
            Some("application/x-www-form-urlencoded"),
            b"email=a&password=b".to_vec(),
            &[],
        )
        .await;
    form.problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let extra = api
        .send(Method::POST, "/auth/token", Some(json!({"email": SALES, "password": "x", "grant_type": "password"})))
        .await;
    let problem = extra.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"].is_object(), "{problem}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_department_change_ends_api_access_at_the_very_next_call(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.api_as(SALES2).await;
    let client = json!({"full_name": "Avant Changement", "email": "avant@exemple.fr", "phone": "0612345678",
                        "company_name": "Avant"});
    assert_eq!(seller.post("/clients", client).await.status, StatusCode::CREATED, "a salesperson, cached");
    let mut manager = app.api_as(MANAGER).await;
    let path = format!("/collaborators/{}", app.collaborator_id(SALES2).await);
    let body = json!({"department": "support", "clients_to": app.collaborator_id(SALES).await});
    let moved = manager.patch(&path, body).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let after = json!({"full_name": "Après Changement", "email": "apres@exemple.fr", "phone": "0612345678",
                       "company_name": "Après"});
    // Their access ended with the change: they sign in again with the new department's rights.
    seller.post("/clients", after.clone()).await.problem(StatusCode::UNAUTHORIZED);
    let mut again = app.api_as(SALES2).await;
    again.post("/clients", after).await.problem(StatusCode::FORBIDDEN);
}
