//! Two instances of the server on one database share nothing but PostgreSQL, and nothing a
//! user relies on differs with the instance the load balancer picks: sign-in throttling counts
//! across both, and a list's reused total never outlives a write made on the other instance by
//! more than its documented staleness; an instance listening for ended accesses through a
//! connection of its own (`DATABASE_LISTEN_URL`) hears them; with a read replica
//! (`DATABASE_READ_URL`) the lists read it and nothing else does. (Sessions and ended accesses
//! across instances: access.rs.)

use crate::common;

use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use http::StatusCode;
use serde_json::json;
use sqlx::PgPool;

use secrecy::SecretString;

use app::error::AppError;
use app::listing_sql::RECENT_COUNT_TTL;
use common::records::error_of;
use common::{PASSWORD, TestApp, TestOptions};
use server::db::PoolSettings;

const SUPPORT: &str = "support@epic-events.fr";
const SALES: &str = "commercial@epic-events.fr";

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn sign_in_failures_spread_over_two_instances_lock_the_account_on_both(owner: PgPool) {
    let a = TestApp::spawn(owner).await;
    let b = a.second_instance().await;
    let attacker = "192.0.2.77".parse().unwrap();
    // Ten failures from one address, a minute apart (past the account's own delay), alternating
    // instances: five on each, fewer than either would lock on by itself.
    for n in 0..10 {
        let instance = if n % 2 == 0 { &a } else { &b };
        let guess = instance.client_from(attacker).sign_in(SUPPORT, "a wrong guess").await;
        assert_eq!(guess.status, StatusCode::UNAUTHORIZED, "attempt {n}: {}", guess.body);
        a.clock.advance(Duration::minutes(1));
    }
    for (name, instance) in [("a", &a), ("b", &b)] {
        let right = instance.client_from(attacker).sign_in(SUPPORT, PASSWORD).await;
        assert_eq!(error_of(&right.body), AppError::Throttled(14 * 60), "locked on {name}: {}", right.body);
    }
    // The owner, from elsewhere, still signs in on either.
    b.client_from("198.51.100.7".parse().unwrap()).sign_in_ok(SUPPORT).await;
}

/// The REST API's total of the clients `SALES` sees.
async fn clients_total(api: &mut common::api::Api<'_>) -> i64 {
    let response = api.get("/clients").await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.json()["total"].as_i64().unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_list_total_reused_on_one_instance_catches_up_with_a_write_on_another_within_its_ttl(owner: PgPool) {
    let a = TestApp::spawn(owner).await;
    let b = a.second_instance().await;
    let mut on_a = a.api_as(SALES).await;
    let mut on_b = b.api_as(SALES).await;
    let before = clients_total(&mut on_a).await;
    assert_eq!(clients_total(&mut on_a).await, before, "counted once, then reused on a");

    let client = json!({"full_name": "Inès Durand", "email": "ines@durand.fr", "phone": "06 11 22 33 44",
                        "company_name": "Durand SARL"});
    let created = on_b.post("/clients", client).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let written = Instant::now();
    // Never listed on b: whatever a shows comes from a's own count, reused or fresh.
    let deadline = RECENT_COUNT_TTL + StdDuration::from_millis(500);
    loop {
        let total = clients_total(&mut on_a).await;
        if total == before + 1 {
            break;
        }
        assert_eq!(total, before, "an older total, or the new one");
        assert!(written.elapsed() < deadline, "a still shows the total from before b's write after {deadline:?}");
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
}

#[test]
fn the_readme_states_the_staleness_of_api_totals_the_code_allows() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let text = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let stated = format!("up to {} seconds old", RECENT_COUNT_TTL.as_secs());
    assert!(text.contains(&stated), "the README says how old an API total may be: {stated:?}");
    assert_eq!(RECENT_COUNT_TTL.subsec_nanos(), 0, "a whole number of seconds, as the README says");
}

/// The application role's URL (`TEST_APP_URL`) on this test's database.
fn app_url_of_test_database(owner: &PgPool) -> SecretString {
    let url = std::env::var("TEST_APP_URL").unwrap();
    let database = owner.connect_options().get_database().unwrap().to_owned();
    let (server, _) = url.rsplit_once('/').expect("TEST_APP_URL ends with a database name");
    SecretString::from(format!("{server}/{database}"))
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_instance_listening_through_its_own_connection_refuses_an_access_ended_on_another(owner: PgPool) {
    let a = TestApp::spawn(owner).await;
    let b = a.second_instance().await;
    let url = app_url_of_test_database(&a.owner);
    let listen_pool = server::db::listen_pool(Some(&url), &b.pool, &PoolSettings::default()).await.unwrap();
    assert_eq!(listen_pool.options().get_max_connections(), server::db::LISTENERS, "a pool of its own, not b's");
    b.listen_for_ended_access_through(listen_pool).await;
    let mut on_b = b.api_as(SALES).await;
    assert_eq!(on_b.get("/clients").await.status, StatusCode::OK, "now cached on b");
    assert_eq!(on_b.get("/clients").await.status, StatusCode::OK);

    let mut browser_on_a = a.signed_in(SALES).await;
    let new_password = "Un-tout-autre-secret-2026";
    let form =
        [("form[current]", PASSWORD), ("form[new_password]", new_password), ("form[confirmation]", new_password)];
    let changed = browser_on_a.call("/api/change_password", &form).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let ended = Instant::now();
    loop {
        let status = on_b.get("/clients").await.status;
        if status == StatusCode::UNAUTHORIZED {
            break;
        }
        assert_eq!(status, StatusCode::OK);
        assert!(ended.elapsed() < StdDuration::from_secs(1), "still served on b a second after the change");
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
}

/// A second database, migrated and holding the demo data, standing in for a read replica: what
/// only it holds tells where a request read.
async fn stand_in_replica(owner: &PgPool) -> (PgPool, String) {
    // Short: PostgreSQL cuts names at 63 bytes, and the test database's is long already.
    let name = format!("replica_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("create database {name}")).execute(owner).await.unwrap();
    let options = owner.connect_options().as_ref().clone().database(&name);
    let replica_owner = PgPool::connect_with(options).await.unwrap();
    server::db::MIGRATOR.run(&replica_owner).await.unwrap();
    server::db::grant_app_role(&replica_owner, "epic_app").await.unwrap();
    (replica_owner, name)
}

/// With `DATABASE_READ_URL`, the lists (pages and API) read the replica; a record, a write, the
/// page after it and sign-in read the primary.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn lists_read_the_replica_and_everything_else_the_primary(owner: PgPool) {
    use app::auth::password::{PasswordHasher, owasp_params};
    let (replica_owner, name) = stand_in_replica(&owner).await;
    let replica = server::db::pool_options(2).connect_with(common::app_role_options(&replica_owner)).await.unwrap();
    server::demo::seed_demo(&replica, &PasswordHasher::new(owasp_params(), 2, 8)).await.unwrap();
    sqlx::query(
        "insert into client (full_name, email, phone, company_name, sales_contact_id)
         select 'Client Réplique', 'replique@exemple.fr', '+33612345678', 'Réplique SA', id
         from collaborator where email = $1",
    )
    .bind(SALES)
    .execute(&replica_owner)
    .await
    .unwrap();
    let app =
        TestApp::spawn_with(owner, TestOptions { replica: Some(replica.clone()), ..TestOptions::default() }).await;

    let mut api = app.api_as(SALES).await;
    let listed = api.get("/clients?search=R%C3%A9plique").await.json();
    assert_eq!(listed["items"][0]["full_name"], "Client Réplique", "the API list reads the replica: {listed}");
    let only_there = listed["items"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(api.get(&format!("/clients/{only_there}")).await.status, StatusCode::NOT_FOUND, "a record, the primary");
    let mut browser = app.signed_in(SALES).await;
    assert!(browser.get("/clients?q=R%C3%A9plique").await.body.contains("Client Réplique"), "the list page too");

    let made = api
        .post(
            "/clients",
            json!({"full_name": "Client Primaire", "email": "primaire@exemple.fr",
                                 "phone": "06 12 34 56 78", "company_name": "Primaire SA"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id = made.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(api.get(&format!("/clients/{id}")).await.status, StatusCode::OK, "read after the write, the primary");
    assert!(browser.get(&format!("/clients/{id}")).await.body.contains("Client Primaire"), "the page after the save");
    let listed = api.get("/clients?search=Primaire").await.json();
    assert_eq!(listed["total"], 0, "the replica has not got it (a real one would, a moment later)");

    replica.close().await;
    replica_owner.close().await;
    drop_when_unused(&app.owner, &name).await;
}

/// Drops database `name` once the server processes of its closed connections have exited (they
/// exit a moment after the client closes; the owner may not end the application role's).
async fn drop_when_unused(owner: &PgPool, name: &str) {
    let deadline = Instant::now() + StdDuration::from_secs(10);
    let in_use = "select count(*) from pg_stat_activity where datname = $1";
    while sqlx::query_scalar::<_, i64>(in_use).bind(name).fetch_one(owner).await.unwrap() > 0 {
        assert!(Instant::now() < deadline, "connections to {name} still open");
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
    sqlx::query(&format!("drop database {name}")).execute(owner).await.unwrap();
}

/// A password generated for a new collaborator on one instance is shown once by whichever
/// instance serves the manager's next page; it waits in the database sealed, never in clear.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_generated_password_is_shown_once_by_whichever_instance_serves_the_page(owner: PgPool) {
    let a = TestApp::spawn(owner).await;
    let b = a.second_instance().await;
    let mut on_a = a.signed_in("gestion@epic-events.fr").await;
    let form = [
        ("form[employee_number]", "EE-0300"),
        ("form[full_name]", "Nouvelle Recrue"),
        ("form[email]", "recrue@epic-events.fr"),
        ("form[department]", "support"),
    ];
    let id = on_a.call("/api/create_collaborator", &form).await.created_id().to_string();
    let sealed: Vec<u8> = sqlx::query_scalar("select sealed from password_reveal").fetch_one(&a.owner).await.unwrap();

    let mut on_b = common::Client::with_cookie(&b, on_a.cookie.clone());
    let shown: serde_json::Value =
        serde_json::from_str(&on_b.read("/api/get_collaborator", &[("id", &id)]).await.body).unwrap();
    let password = shown["new_password"].as_str().expect("shown by the other instance").to_owned();
    assert!(!sealed.windows(password.len()).any(|w| w == password.as_bytes()), "not stored in clear");
    for instance in [&mut on_a, &mut on_b] {
        let again: serde_json::Value =
            serde_json::from_str(&instance.read("/api/get_collaborator", &[("id", &id)]).await.body).unwrap();
        assert!(again["new_password"].is_null(), "shown once, on either instance");
    }
    assert_eq!(a.count("select count(*) from password_reveal").await, 0);
    assert_eq!(b.client().sign_in("recrue@epic-events.fr", &password).await.status, StatusCode::OK);
}
