//! Signing in and out, sessions and their timeouts, throttling — through the real router.

use crate::common;

use std::net::{IpAddr, Ipv4Addr};

use chrono::Duration;
use http::StatusCode;
use sqlx::PgPool;

use app::error::AppError;
use common::{PASSWORD, TestApp};

fn error_of(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not an AppError ({e}): {body}"))
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn demo_accounts_sign_in_and_see_who_they_are(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    for (_, name, email, department) in server::demo::DEMO_ACCOUNTS {
        let mut browser = app.client();
        browser.sign_in_ok(email).await;
        let home = browser.get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains(name), "{email} sees their name");
        assert!(home.body.contains(department.label()), "{email} sees their department");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn wrong_password_and_unknown_email_get_the_same_answer(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    let wrong = browser.sign_in("commercial@epic-events.fr", "not-the-password").await;
    let unknown = browser.sign_in("nobody@epic-events.fr", PASSWORD).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!((wrong.status, &wrong.body), (unknown.status, &unknown.body));
    assert_eq!(error_of(&wrong.body), AppError::BadCredentials);
    assert!(browser.cookie.is_none(), "no session for a failed sign-in");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn emails_are_matched_case_insensitively(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    assert_eq!(browser.sign_in("  Gestion@Epic-Events.FR ", PASSWORD).await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn bad_input_gets_a_clear_error_and_changes_nothing(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    let empty = browser.sign_in("", "").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        matches!(error_of(&empty.body), AppError::Validation { errors: f, .. } if f.contains_key("email") && f.contains_key("password"))
    );

    let injection = browser.sign_in("x'or'1'='1--@epic-events.fr", "' or '1'='1").await;
    assert_eq!(injection.status, StatusCode::UNAUTHORIZED);

    let long = browser.sign_in(&format!("{}@epic-events.fr", "a".repeat(5000)), "x").await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);

    let huge_password = browser.sign_in("gestion@epic-events.fr", &"p".repeat(20_000)).await;
    assert_eq!(huge_password.status, StatusCode::UNAUTHORIZED);

    let missing = browser.call("/api/sign_in", &[("email", "gestion@epic-events.fr")]).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&missing.body), AppError::BadRequest);

    // Undeclared length (chunked) and declared length alike.
    let oversized = browser.sign_in("gestion@epic-events.fr", &"p".repeat(100_000)).await;
    assert_eq!(oversized.status, StatusCode::PAYLOAD_TOO_LARGE);
    let declared = http::Request::post("/api/sign_in")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", "1000000")
        .body(axum::body::Body::from(vec![b'a'; 1_000_000]))
        .unwrap();
    assert_eq!(browser.send(declared).await.status, StatusCode::PAYLOAD_TOO_LARGE);

    let malformed = http::Request::post("/api/sign_in")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(&b"email=%ff%fe&password=\xff\x00"[..]))
        .unwrap();
    let malformed = browser.send(malformed).await;
    assert!(malformed.status.is_client_error(), "{} {}", malformed.status, malformed.body);

    let sessions: i64 =
        sqlx::query_scalar("select count(*) from collaborator_session").fetch_one(&app.owner).await.unwrap();
    assert_eq!(sessions, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn ten_failures_lock_the_account_from_that_address_for_fifteen_minutes(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut attacker = app.client();
    for _ in 0..10 {
        assert_eq!(attacker.sign_in("support@epic-events.fr", "guess").await.status, StatusCode::UNAUTHORIZED);
        app.clock.advance(Duration::seconds(30));
    }
    let locked = attacker.sign_in("support@epic-events.fr", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    // Locked 15 minutes after the last failure, 30 s ago (in seconds).
    assert_eq!(error_of(&locked.body), AppError::Throttled(15 * 60 - 30));
    assert!(error_of(&locked.body).to_string().contains("15 minutes"));

    // The same account from another address, and another account from this one, still work
    // (once the account's own delay, 32 s after a tenth failure, has passed).
    app.clock.advance(Duration::seconds(5));
    let mut colleague = app.client_from(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 7)));
    colleague.sign_in_ok("support@epic-events.fr").await;
    attacker.sign_in_ok("support2@epic-events.fr").await;

    app.clock.advance(Duration::minutes(14));
    assert_eq!(app.client().sign_in("support@epic-events.fr", PASSWORD).await.status, StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(Duration::minutes(1));
    app.client().sign_in_ok("support@epic-events.fr").await;

    let recorded: i64 = sqlx::query_scalar("select count(*) from sign_in_attempt where not succeeded")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    // Each checked attempt is recorded as a failure before its hash runs (the three successful
    // sign-ins then add a success row); the two refused attempts are not recorded.
    assert_eq!(recorded, 10 + 3, "checked attempts are recorded in the database; refused attempts are not");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn signing_in_issues_a_new_session_id(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    browser.sign_in_ok("commercial@epic-events.fr").await;
    let first = browser.cookie.clone().expect("a session cookie");
    browser.sign_in_ok("commercial2@epic-events.fr").await;
    let second = browser.cookie.clone().expect("a session cookie");
    assert_ne!(first, second);

    let mut replay = app.client();
    replay.cookie = Some(first);
    assert_eq!(replay.get("/").await.status, StatusCode::SEE_OTHER, "the old id is worthless");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn signing_out_destroys_the_session_on_the_server(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    browser.sign_in_ok("gestion@epic-events.fr").await;
    let cookie = browser.cookie.clone();
    let out = browser.sign_out().await;
    assert_eq!(out.status, StatusCode::OK);
    assert_eq!(out.location(), Some("/connexion?deconnecte=1"));
    assert!(browser.cookie.is_none(), "the cookie is cleared");

    let mut replay = app.client();
    replay.cookie = cookie;
    let page = replay.get("/clients").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), Some("/connexion?next=/clients"));
    let stored: i64 = sqlx::query_scalar("select count(*) from http_session").fetch_one(&app.owner).await.unwrap();
    assert_eq!(stored, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn thirty_idle_minutes_end_the_session(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    browser.sign_in_ok("support@epic-events.fr").await;
    app.clock.advance(Duration::minutes(29));
    assert_eq!(browser.get("/").await.status, StatusCode::OK, "activity keeps it alive");
    app.clock.advance(Duration::minutes(29));
    assert_eq!(browser.get("/").await.status, StatusCode::OK);
    app.clock.advance(Duration::minutes(30));
    assert_eq!(browser.get("/").await.status, StatusCode::SEE_OTHER);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn eight_hours_end_even_an_active_session(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    browser.sign_in_ok("support@epic-events.fr").await;
    for _ in 0..((8 * 60) / 20 - 1) {
        app.clock.advance(Duration::minutes(20));
        assert_eq!(browser.get("/").await.status, StatusCode::OK);
    }
    app.clock.advance(Duration::minutes(20));
    assert_eq!(browser.get("/").await.status, StatusCode::SEE_OTHER);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn deactivation_ends_open_sessions_and_blocks_sign_in(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    browser.sign_in_ok("support2@epic-events.fr").await;
    assert_eq!(browser.get("/").await.status, StatusCode::OK);

    let id = app.collaborator_id("support2@epic-events.fr").await;
    let mut tx = app.pool.begin().await.unwrap();
    app::collaborators::repo::set_active(&mut tx, app::domain::CollaboratorId(id), false).await.unwrap();
    app::db::commit(tx).await.unwrap();

    assert_eq!(browser.get("/").await.status, StatusCode::SEE_OTHER);
    let current = browser.read("/api/current_user", &[]).await;
    assert_eq!(current.body, "null");
    assert_eq!(browser.sign_in("support2@epic-events.fr", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn protected_pages_send_to_sign_in_and_back(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    let page = browser.get("/evenements?page=2").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), Some("/connexion?next=/evenements%3Fpage%3D2"));

    // Without JavaScript: the form posts, the server redirects to where the user was going.
    let response = browser
        .post_plain_form(
            "/api/sign_in",
            &[("email", "commercial@epic-events.fr"), ("password", PASSWORD), ("next", "/evenements?page=2")],
            "/connexion?next=/evenements%3Fpage%3D2",
        )
        .await;
    assert_eq!(response.status, StatusCode::FOUND);
    assert_eq!(response.location(), Some("/evenements?page=2"));
    assert_eq!(browser.get("/evenements?page=2").await.status, StatusCode::OK);
    assert_eq!(browser.get("/connexion").await.location(), Some("/"), "signed in: no sign-in page");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn next_never_leaves_the_site(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    let response = browser
        .call(
            "/api/sign_in",
            &[("email", "commercial@epic-events.fr"), ("password", PASSWORD), ("next", "//evil.example/phish")],
        )
        .await;
    assert_eq!(response.location(), Some("/"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_failed_plain_form_sign_in_shows_the_error_on_the_page(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    let response = browser
        .post_plain_form("/api/sign_in", &[("email", "gestion@epic-events.fr"), ("password", "wrong")], "/connexion")
        .await;
    assert_eq!(response.status, StatusCode::FOUND);
    let back = response.location().unwrap().trim_start_matches(common::ORIGIN).to_owned();
    assert!(back.starts_with("/connexion?"), "{back}");
    let page = browser.get(&back).await;
    assert!(page.body.contains("Adresse e-mail ou mot de passe incorrect"), "{}", page.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn old_password_hashes_are_upgraded_at_sign_in(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let weak = argon2::Params::new(4096, 1, 1, None).unwrap();
    let old_hash = app::auth::password::hash_blocking(weak, PASSWORD);
    sqlx::query("update collaborator set password_hash = $1 where email = 'support@epic-events.fr'")
        .bind(&old_hash)
        .execute(&app.owner)
        .await
        .unwrap();
    app.client().sign_in_ok("support@epic-events.fr").await;
    let stored: String =
        sqlx::query_scalar("select password_hash from collaborator where email = 'support@epic-events.fr'")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
    app.client().sign_in_ok("support@epic-events.fr").await;
}

async fn change_password(
    browser: &mut common::Client<'_>,
    current: &str,
    new: &str,
    confirmation: &str,
) -> common::TestResponse {
    browser
        .call(
            "/api/change_password",
            &[("form[current]", current), ("form[new_password]", new), ("form[confirmation]", confirmation)],
        )
        .await
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_collaborator_changes_their_password_and_other_sessions_end(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut laptop = app.signed_in("support@epic-events.fr").await;
    let mut phone = app.signed_in("support@epic-events.fr").await;
    let new = "une phrase de passe assez longue";

    for (current, new_password, confirmation, field) in [
        ("pas le bon", new, new, "current"),
        (PASSWORD, "court", "court", "new_password"),
        (PASSWORD, "motdepasse123", "motdepasse123", "new_password"),
        (PASSWORD, new, "autre chose encore", "confirmation"),
    ] {
        let refused = change_password(&mut laptop, current, new_password, confirmation).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(error_of(&refused.body).field_message(field).is_some(), "{field}: {}", refused.body);
    }
    assert_eq!(phone.get("/").await.status, StatusCode::OK, "refusals change nothing");

    let changed = change_password(&mut laptop, PASSWORD, new, new).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(laptop.get("/mon-compte").await.status, StatusCode::OK, "this session goes on");
    assert_eq!(phone.get("/").await.status, StatusCode::SEE_OTHER, "the other session ended");
    assert_eq!(app.client().sign_in("support@epic-events.fr", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.client().sign_in("support@epic-events.fr", new).await.status, StatusCode::OK);
}
