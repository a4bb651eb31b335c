//! The request pipeline: cross-site refusal, security headers, health checks, error pages and
//! the application role's limits.

use crate::common;

use axum::body::Body;
use http::{Request, StatusCode, header};
use sqlx::PgPool;

use common::{ORIGIN, PASSWORD, TestApp, TestOptions};

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn cross_site_posts_are_refused(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    for (name, value) in [("origin", "https://evil.example"), ("origin", "null"), ("sec-fetch-site", "cross-site")] {
        let request = Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(name, value)
            .body(Body::from(format!("email=gestion%40epic-events.fr&password={PASSWORD}")))
            .unwrap();
        let response = browser.send(request).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{name}: {value}");
        assert!(browser.cookie.is_none());
    }
    // Signed in, a forged sign-out from another site does nothing either.
    browser.sign_in_ok("gestion@epic-events.fr").await;
    let forged = Request::post("/api/sign_out").header("origin", "https://evil.example").body(Body::empty()).unwrap();
    assert_eq!(browser.send(forged).await.status, StatusCode::FORBIDDEN);
    assert_eq!(browser.get("/").await.status, StatusCode::OK, "still signed in");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_origin_must_match_the_public_origin_in_scheme_host_and_port(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    let post = |host: &'static str, origin: &'static str| {
        Request::post("/api/sign_in")
            .header(header::HOST, host)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, origin)
            .body(Body::from(format!("email=gestion%40epic-events.fr&password={PASSWORD}")))
            .unwrap()
    };
    for (host, origin) in [
        ("127.0.0.1:3000", "https://127.0.0.1:3000"),
        ("127.0.0.1:3000", "http://127.0.0.1:3001"),
        // A request whose Host and Origin agree, but name another site than the public origin.
        ("evil.example", "http://evil.example"),
    ] {
        let response = browser.send(post(host, origin)).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "Host {host}, Origin {origin}");
    }
    let same = browser.send(post("127.0.0.1:3000", ORIGIN)).await;
    assert_eq!(same.status, StatusCode::OK, "{}", same.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn over_https_every_response_demands_https_for_a_year(owner: PgPool) {
    let plain = TestApp::spawn(owner.clone()).await;
    let response = plain.client().get("/connexion").await;
    assert_eq!(response.header("strict-transport-security"), None, "not served over HTTPS: no HSTS");

    let app = TestApp::spawn_with(owner, TestOptions { secure_cookies: true, ..TestOptions::default() }).await;
    let mut browser = app.client();
    let mut api = app.api();
    let responses = [
        browser.get("/connexion").await,
        browser.get("/healthz").await,
        browser.get("/nowhere").await,
        browser.get("/pkg/missing.js").await,
        browser.sign_in("gestion@epic-events.fr", "wrong").await,
        api.get("/clients").await,
    ];
    for response in responses {
        assert_eq!(
            response.header("strict-transport-security"),
            Some("max-age=31536000; includeSubDomains"),
            "{} {}",
            response.status,
            response.body
        );
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn every_response_carries_the_security_headers(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    let sign_in_page = browser.get("/connexion").await;
    assert_eq!(sign_in_page.status, StatusCode::OK);
    let csp = sign_in_page.header("content-security-policy").expect("a CSP").to_owned();
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    // The hydration script carries the nonce that the policy names.
    let nonce = csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce");
    assert!(sign_in_page.body.contains(&format!("nonce=\"{nonce}\"")));
    let again = browser.get("/connexion").await;
    assert!(!again.header("content-security-policy").unwrap().contains(nonce), "a new nonce per response");

    for path in ["/connexion", "/healthz", "/nowhere", "/pkg/missing.js"] {
        let response = browser.get(path).await;
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"), "{path}");
        assert!(response.header("referrer-policy").is_some(), "{path}");
        assert!(response.header("content-security-policy").is_some(), "{path}");
    }

    browser.sign_in_ok("support@epic-events.fr").await;
    let home = browser.get("/").await;
    assert_eq!(home.header("cache-control"), Some("no-store"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_session_cookie_is_http_only_and_same_site(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let response = app.client().sign_in("commercial@epic-events.fr", PASSWORD).await;
    let cookie = response.header("set-cookie").expect("a session cookie");
    assert!(cookie.starts_with("epic_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn health_and_readiness_answer(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut anyone = app.client();
    assert_eq!(anyone.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(anyone.get("/readyz").await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn unknown_pages_get_a_plain_not_found_page(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    browser.sign_in_ok("support@epic-events.fr").await;
    let missing = browser.get("/nulle-part").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Page introuvable"));
    let bogus_function = browser.call("/api/does_not_exist", &[]).await;
    assert!(bogus_function.status.is_client_error(), "{}", bogus_function.status);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn administration_is_for_management_only(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.client();
    seller.sign_in_ok("commercial@epic-events.fr").await;
    let page = seller.get("/administration").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!seller.get("/").await.body.contains("href=\"/administration\""), "no menu entry for sales");

    let mut manager = app.client();
    manager.sign_in_ok("gestion@epic-events.fr").await;
    assert_eq!(manager.get("/administration").await.status, StatusCode::OK);
    assert!(manager.get("/").await.body.contains("href=\"/administration\""));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_app_role_cannot_change_the_schema(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    for ddl in [
        "drop table collaborator",
        "alter table collaborator add column hacked text",
        "create table hacked (id int)",
        "truncate sign_in_attempt",
        "delete from _sqlx_migrations",
    ] {
        let result = sqlx::query(ddl).execute(&app.pool).await;
        assert!(result.is_err(), "the app role could run: {ddl}");
    }
    // It can do its job: read and write rows.
    sqlx::query("update collaborator set full_name = full_name").execute(&app.pool).await.unwrap();
    let _ = ORIGIN;
}
