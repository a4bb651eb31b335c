//! Sign-in throttling that cannot be raced or sidestepped: parallel guesses, many addresses,
//! IPv6 networks, forged `X-Forwarded-For`, a flood of hashes, and the password change's check
//! of the current password — through the real router.

use crate::common;

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::extract::ConnectInfo;
use chrono::Duration;
use http::{Request, StatusCode, header};
use sqlx::PgPool;
use tower::ServiceExt;

use app::auth::client_addr::TrustedProxies;
use app::error::AppError;
use common::api::Api;
use common::records::error_of;
use common::{PASSWORD, TestApp, TestOptions};

const SUPPORT: &str = "support@epic-events.fr";

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

/// `n` sign-ins sent at once from `from`, as the hydrated page sends them; their statuses.
async fn parallel_sign_ins(app: &TestApp, n: usize, from: IpAddr, email: &str, password: &str) -> Vec<StatusCode> {
    let body = common::form_body(&[("email", email), ("password", password)]);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let mut request = Request::post("/api/sign_in")
            .header(header::HOST, common::HOST)
            .header(header::ORIGIN, common::ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.clone()))
            .unwrap();
        request.extensions_mut().insert(ConnectInfo(SocketAddr::new(from, 50_000)));
        let router = app.router.clone();
        tasks.spawn(async move { router.oneshot(request).await.unwrap().status() });
    }
    tasks.join_all().await
}

fn count(statuses: &[StatusCode], wanted: StatusCode) -> usize {
    statuses.iter().filter(|s| **s == wanted).count()
}

/// Attempts counted against the throttle: recorded before hashing, cleared by a later success.
async fn failures_recorded(app: &TestApp) -> i64 {
    app.count(
        "select count(*) from sign_in_attempt
         where not succeeded and id > coalesce((select max(id) from sign_in_attempt where succeeded), 0)",
    )
    .await
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn forty_parallel_wrong_passwords_are_not_all_checked(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let statuses = parallel_sign_ins(&app, 40, ip("192.0.2.10"), SUPPORT, "a wrong guess").await;
    let checked = count(&statuses, StatusCode::UNAUTHORIZED);
    assert!((1..=10).contains(&checked), "{checked} of 40 checked: {statuses:?}");
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 40 - checked, "{statuses:?}");
    assert_eq!(failures_recorded(&app).await, checked as i64, "each checked guess counted once, before hashing");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_account_guessed_from_many_addresses_gets_a_growing_delay_not_a_lock_out(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let api_from = |n: u8| Api { client: app.client_from(ip(&format!("198.51.100.{n}"))), access: None, refresh: None };
    for n in 1..=5 {
        assert_eq!(api_from(n).sign_in(SUPPORT, "guess").await.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    // The sixth, from yet another address, waits 1 s after the fifth; then 2 s, 4 s…
    let early = api_from(6).sign_in(SUPPORT, "guess").await;
    let problem = early.problem(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(early.header("retry-after"), Some("1"), "{problem}");
    app.clock.advance(Duration::seconds(1));
    assert_eq!(api_from(7).sign_in(SUPPORT, "guess").await.status, StatusCode::UNAUTHORIZED);
    let early = api_from(8).sign_in(SUPPORT, PASSWORD).await;
    assert_eq!((early.status, early.header("retry-after")), (StatusCode::TOO_MANY_REQUESTS, Some("2")));
    let page = app.client_from(ip("198.51.100.9")).sign_in(SUPPORT, PASSWORD).await;
    assert_eq!(error_of(&page.body), AppError::Throttled(2));
    assert!(error_of(&page.body).to_string().contains("Réessayez dans 2 secondes"), "{}", page.body);

    // However many guesses, each from a new address and as fast as allowed, nobody waits more
    // than five minutes; and the owner signing in clears the count.
    let mut waits = Vec::new();
    for n in 20..60 {
        let guess = api_from(n).sign_in(SUPPORT, "guess").await;
        if guess.status == StatusCode::TOO_MANY_REQUESTS {
            let wait: i64 = guess.header("retry-after").unwrap().parse().unwrap();
            waits.push(wait);
            app.clock.advance(Duration::seconds(wait));
        } else {
            assert_eq!(guess.status, StatusCode::UNAUTHORIZED);
        }
    }
    assert!(waits.iter().all(|w| *w <= 300), "{waits:?}");
    assert!(waits.contains(&300), "the delay grows to its cap: {waits:?}");
    app.clock.advance(Duration::minutes(5));
    assert_eq!(api_from(11).sign_in(SUPPORT, PASSWORD).await.status, StatusCode::OK);
    assert_eq!(api_from(12).sign_in(SUPPORT, "typo").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(api_from(12).sign_in(SUPPORT, PASSWORD).await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn ipv6_addresses_count_per_64_and_mapped_ipv4_as_ipv4(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    // Ten failures from ten addresses of one /64, a minute apart (past the account's own delay).
    for n in 1..=10 {
        let mut attacker = app.client_from(ip(&format!("2001:db8:1:2::{n:x}")));
        assert_eq!(attacker.sign_in(SUPPORT, "guess").await.status, StatusCode::UNAUTHORIZED, "attempt {n}");
        app.clock.advance(Duration::minutes(1));
    }
    let same_network = app.client_from(ip("2001:db8:1:2:ffff::1")).sign_in(SUPPORT, PASSWORD).await;
    assert_eq!(error_of(&same_network.body), AppError::Throttled(14 * 60), "locked for the whole /64");
    app.client_from(ip("2001:db8:1:3::1")).sign_in_ok(SUPPORT).await;

    let mut mapped = app.client_from(ip("::ffff:203.0.113.9"));
    assert_eq!(mapped.sign_in(SUPPORT, "guess").await.status, StatusCode::UNAUTHORIZED);
    let stored = app.count("select count(*) from sign_in_attempt where ip = '203.0.113.9'::inet").await;
    assert_eq!(stored, 1, "an IPv4-mapped address is recorded as the IPv4 address");
}

/// Ten failures for `SUPPORT` through `client`, a minute apart, each with this forwarded header.
async fn ten_failures_forwarded(app: &TestApp, client: &mut common::Client<'_>, forwarded: &str) {
    for _ in 0..10 {
        let response = client
            .call_with_headers(
                "/api/sign_in",
                &[("email", SUPPORT), ("password", "guess")],
                &[("x-forwarded-for", forwarded)],
            )
            .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{}", response.body);
        app.clock.advance(Duration::minutes(1));
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn x_forwarded_for_is_ignored_from_an_untrusted_peer(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut attacker = app.client_from(ip("192.0.2.66"));
    for n in 1..=10 {
        let forged = format!("203.0.113.{n}");
        let response = attacker
            .call_with_headers(
                "/api/sign_in",
                &[("email", SUPPORT), ("password", "guess")],
                &[("x-forwarded-for", &forged)],
            )
            .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
        app.clock.advance(Duration::minutes(1));
    }
    let response = attacker
        .call_with_headers(
            "/api/sign_in",
            &[("email", SUPPORT), ("password", PASSWORD)],
            &[("x-forwarded-for", "203.0.113.99")],
        )
        .await;
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS, "a forged header does not open a fresh count");
    assert_eq!(app.count("select count(*) from sign_in_attempt where ip <> '192.0.2.66'::inet").await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn x_forwarded_for_names_the_client_behind_a_trusted_proxy(owner: PgPool) {
    let proxy = ip("10.0.0.5");
    let test = TestOptions { trusted_proxies: TrustedProxies::parse("10.0.0.0/24").unwrap(), ..TestOptions::default() };
    let app = TestApp::spawn_with(owner, test).await;
    let mut through_proxy = app.client_from(proxy);
    // The left-most entry is the client's own say; the proxy appended the real address.
    ten_failures_forwarded(&app, &mut through_proxy, "192.0.2.1, 198.51.100.20").await;
    let locked = through_proxy
        .call_with_headers(
            "/api/sign_in",
            &[("email", SUPPORT), ("password", PASSWORD)],
            &[("x-forwarded-for", "198.51.100.20")],
        )
        .await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    let colleague = through_proxy
        .call_with_headers(
            "/api/sign_in",
            &[("email", SUPPORT), ("password", PASSWORD)],
            &[("x-forwarded-for", "198.51.100.21")],
        )
        .await;
    assert_eq!(colleague.status, StatusCode::OK, "another client behind the same proxy: {}", colleague.body);
    let session_ip: String =
        sqlx::query_scalar("select host(ip) from collaborator_session").fetch_one(&app.owner).await.unwrap();
    assert_eq!(session_ip, "198.51.100.21", "the session records the client, not the proxy");

    // The REST API takes the client's address from the same place.
    let mut api = Api { client: app.client_from(proxy), access: None, refresh: None };
    let token = api
        .raw(
            http::Method::POST,
            "/auth/token",
            Some("application/json"),
            serde_json::json!({"email": SUPPORT, "password": "guess"}).to_string().into_bytes(),
            &[("x-forwarded-for", "198.51.100.30")],
        )
        .await;
    assert_eq!(token.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("select count(*) from sign_in_attempt where ip = '198.51.100.30'::inet").await, 1);
    assert_eq!(app.count("select count(*) from sign_in_attempt where ip <<= '10.0.0.0/24'::inet").await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_full_hashing_queue_answers_503_and_counts_nothing(owner: PgPool) {
    let app = TestApp::spawn_with(owner, TestOptions { hashing_queue: 0, ..TestOptions::default() }).await;
    // Both workers busy, nobody may wait.
    let held = (app.hasher.admit().unwrap(), app.hasher.admit().unwrap());

    let page = app.client().sign_in(SUPPORT, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(error_of(&page.body), AppError::Busy);
    assert!(error_of(&page.body).to_string().contains("Réessayez dans quelques secondes"));
    let mut api = app.api();
    let busy = api.sign_in(SUPPORT, PASSWORD).await;
    busy.problem(StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(busy.header("retry-after"), Some("5"));
    assert_eq!(app.count("select count(*) from sign_in_attempt").await, 0, "a refusal for load is not a failure");

    drop(held);
    app.client().sign_in_ok(SUPPORT).await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_current_password_check_of_a_password_change_is_throttled(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.signed_in(SUPPORT).await;
    let new = "une phrase de passe assez longue";
    let change =
        |current: &'static str| [("form[current]", current), ("form[new_password]", new), ("form[confirmation]", new)];
    for n in 1..=5 {
        let refused = browser.call("/api/change_password", &change("pas le bon")).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "attempt {n}: {}", refused.body);
    }
    let throttled = browser.call("/api/change_password", &change(PASSWORD)).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS, "{}", throttled.body);
    assert_eq!(error_of(&throttled.body), AppError::Throttled(1));
    // The same count as signing in: the guesses delay a sign-in from anywhere else too.
    let elsewhere = app.client_from(ip("198.51.100.40")).sign_in(SUPPORT, PASSWORD).await;
    assert_eq!(elsewhere.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(failures_recorded(&app).await, 5);

    app.clock.advance(Duration::seconds(1));
    let changed = browser.call("/api/change_password", &change(PASSWORD)).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
}
