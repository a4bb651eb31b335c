//! The audit trail browser, the security log and sessions management: what gets recorded (in
//! the same transaction as what it records), what management sees, what the others are refused.

use crate::common;

use std::net::{IpAddr, Ipv4Addr};

use http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;
use uuid::Uuid;

use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

const FIRST_PAGE: [(&str, &str); 2] = [("query[paging][page]", "1"), ("query[paging][size]", "25")];

async fn security_log(browser: &mut Client<'_>, filters: &[(&str, &str)]) -> (StatusCode, Value) {
    let mut form = FIRST_PAGE.to_vec();
    form.extend_from_slice(filters);
    let response = browser.read("/api/security_log", &form).await;
    (response.status, serde_json::from_str(&response.body).unwrap_or(Value::Null))
}

async fn journal(browser: &mut Client<'_>, filters: &[(&str, &str)]) -> (StatusCode, Value) {
    let mut form = FIRST_PAGE.to_vec();
    form.extend_from_slice(filters);
    let response = browser.read("/api/audit_journal", &form).await;
    (response.status, serde_json::from_str(&response.body).unwrap_or(Value::Null))
}

async fn events(app: &TestApp, kind: &str) -> Vec<(Option<Uuid>, Option<Uuid>, Option<String>)> {
    sqlx::query_as("select collaborator_id, actor_id, host(ip) from security_event where kind = $1 order by id")
        .bind(kind)
        .fetch_all(&app.owner)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn sign_ins_failures_and_lockouts_are_logged(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let support = app.collaborator_id(SUPPORT).await;
    let mut attacker = app.client_from(IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7)));
    for _ in 0..10 {
        // A minute apart: the account's own delay (after 5 quick failures) stays out of the way.
        app.clock.advance(chrono::Duration::minutes(1));
        assert_eq!(attacker.sign_in(SUPPORT, "wrong password").await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(attacker.sign_in(SUPPORT, "wrong password").await.status, StatusCode::TOO_MANY_REQUESTS);
    let failed = events(&app, "sign_in_failed").await;
    assert_eq!(failed.len(), 10, "a refused (throttled) attempt is not a failure");
    assert!(failed.iter().all(|e| *e == (Some(support), None, Some("203.0.113.7".to_owned()))));
    assert_eq!(events(&app, "lockout").await, [(Some(support), None, Some("203.0.113.7".to_owned()))]);
    // Failed and successful sign-ins elsewhere.
    let mut other = app.client();
    assert_eq!(other.sign_in("nobody@epic-events.fr", "x").await.status, StatusCode::UNAUTHORIZED);
    app.clock.advance(chrono::Duration::minutes(1));
    other.sign_in_ok(SUPPORT).await;
    assert_eq!(events(&app, "sign_in_failed").await.last().unwrap().0, None, "unknown address: no account");
    assert_eq!(events(&app, "sign_in").await, [(Some(support), None, Some("192.0.2.10".to_owned()))]);

    let mut manager = app.signed_in(MANAGER).await;
    let (status, page) = security_log(&mut manager, &[("query[kind]", "Lockout")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["collaborator_name"], "Sarah Support");
    assert_eq!(page["items"][0]["ip"], "203.0.113.7");
    let html = manager.get("/administration/securite?kind=sign_in_failed").await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("Échec de connexion") && html.body.contains("203.0.113.7"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_password_change_is_logged_with_the_change_itself(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut support = app.signed_in(SUPPORT).await;
    let refused = support
        .call(
            "/api/change_password",
            &[
                ("form[current]", "not it"),
                ("form[new_password]", "un cheval bleu danse"),
                ("form[confirmation]", "un cheval bleu danse"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(events(&app, "password_changed").await.is_empty(), "a refused change records nothing");
    let changed = support
        .call(
            "/api/change_password",
            &[
                ("form[current]", common::PASSWORD),
                ("form[new_password]", "un cheval bleu danse"),
                ("form[confirmation]", "un cheval bleu danse"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(events(&app, "password_changed").await, [(Some(app.collaborator_id(SUPPORT).await), None, None)]);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn management_ends_one_or_all_sessions_of_a_collaborator(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let support = app.collaborator_id(SUPPORT).await;
    let manager_id = app.collaborator_id(MANAGER).await;
    let mut first = app.signed_in(SUPPORT).await;
    let mut second = app.client_from(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 4)));
    second.sign_in_ok(SUPPORT).await;
    let mut manager = app.signed_in(MANAGER).await;

    let listed = manager.read("/api/collaborator_sessions", &[("id", &support.to_string())]).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let sessions: Value = serde_json::from_str(&listed.body).unwrap();
    assert_eq!(sessions["full_name"], "Sarah Support");
    let sessions = sessions["sessions"].as_array().unwrap().clone();
    assert_eq!(sessions.len(), 2);
    let page = manager.get(&format!("/administration/collaborateurs/{support}/sessions")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("198.51.100.4") && page.body.contains("Fermer toutes les sessions"));

    let second_session =
        sessions.iter().find(|s| s["ip"] == "198.51.100.4").unwrap()["id"].as_str().unwrap().to_owned();
    let ended = manager
        .call(
            "/api/end_collaborator_session",
            &[("collaborator_id", &support.to_string()), ("kind", "web"), ("session_id", &second_session)],
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert_eq!(second.get("/clients").await.status, StatusCode::SEE_OTHER, "signed out at the next click");
    assert_eq!(first.get("/clients").await.status, StatusCode::OK, "the other session goes on");
    assert_eq!(events(&app, "session_ended").await, [(Some(support), Some(manager_id), None)]);
    // Ending it again: it is not open any more.
    let again = manager
        .call(
            "/api/end_collaborator_session",
            &[("collaborator_id", &support.to_string()), ("kind", "web"), ("session_id", &second_session)],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);

    let all = manager.call("/api/end_collaborator_sessions", &[("collaborator_id", &support.to_string())]).await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(first.get("/clients").await.status, StatusCode::SEE_OTHER);
    assert_eq!(events(&app, "sessions_ended").await, [(Some(support), Some(manager_id), None)]);
    assert_eq!(app.count("select count(*) from collaborator_session where ended_at is null and collaborator_id = (select id from collaborator where email = 'support@epic-events.fr')").await, 0);
    assert_eq!(manager.get("/clients").await.status, StatusCode::OK, "management's own session is untouched");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_journal_filters_audit_records_by_who_what_and_when(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let created = seller
        .call(
            "/api/create_client",
            &[
                ("form[full_name]", "Odile Journal"),
                ("form[email]", "odile.journal@exemple.fr"),
                ("form[phone]", "06 12 12 12 12"),
                ("form[company_name]", "Journal SA"),
            ],
        )
        .await
        .created_id();
    sqlx::query("update audit_record set at = '2026-03-10 10:00+01' where entity_id = $1")
        .bind(created)
        .execute(&app.owner)
        .await
        .unwrap();
    let seller_id = app.collaborator_id(SALES).await.to_string();
    let manager_id = app.collaborator_id(MANAGER).await.to_string();
    let mut manager = app.signed_in(MANAGER).await;

    let (status, page) = journal(
        &mut manager,
        &[
            ("query[actor]", &seller_id),
            ("query[entity]", "client"),
            ("query[action]", "create"),
            ("query[from]", "2026-03-10"),
            ("query[to]", "2026-03-10"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    assert_eq!(items[0]["label"], "Odile Journal");
    assert_eq!(items[0]["actor_name"], "Camille Commerce");
    for filters in [
        vec![("query[actor]", manager_id.as_str())],
        vec![("query[entity]", "contract")],
        vec![("query[action]", "sign")],
        vec![("query[from]", "2026-03-11")],
        vec![("query[to]", "2026-03-09")],
    ] {
        let (_, page) = journal(&mut manager, &filters).await;
        let labels: Vec<&Value> = page["items"].as_array().unwrap().iter().map(|i| &i["label"]).collect();
        assert!(!labels.contains(&&Value::from("Odile Journal")), "{filters:?}");
    }
    let html = manager.get(&format!("/administration/journal?entity=client&actor={seller_id}")).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("Odile Journal") && html.body.contains(&format!("/clients/{created}")));
    for bad in ["entity=invoice", "action=drop", "actor=robert", "from=hier", "from=2026-03-10&to=2026-03-01", "page=0"]
    {
        let response = manager.get(&format!("/administration/journal?{bad}")).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_security_log_shows_deactivations_and_exports_from_the_audit_trail(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let support = app.collaborator_id(SUPPORT).await;
    let manager_id = app.collaborator_id(MANAGER).await;
    sqlx::query(
        "insert into audit_record (actor_id, entity, entity_id, action, changes, at)
         values ($1, 'collaborator', $2, 'deactivate', '[]', now())",
    )
    .bind(manager_id)
    .bind(support)
    .execute(&app.owner)
    .await
    .unwrap();
    let mut manager = app.signed_in(MANAGER).await;
    let (status, page) = security_log(&mut manager, &[("query[collaborator]", &support.to_string())]).await;
    assert_eq!(status, StatusCode::OK);
    let kinds: Vec<&str> = page["items"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["Deactivated"]);
    assert_eq!(page["items"][0]["actor_name"], "Gabrielle Gestion");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn audit_and_security_views_are_refused_to_sales_and_support(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let support = app.collaborator_id(SUPPORT).await;
    let mut target = app.signed_in(SUPPORT).await;
    let open = "select count(*) from collaborator_session where ended_at is null";
    for email in [SALES, SUPPORT] {
        let mut browser = app.signed_in(email).await;
        let before = app.count(open).await;
        assert_eq!(journal(&mut browser, &[]).await.0, StatusCode::FORBIDDEN, "{email}");
        assert_eq!(security_log(&mut browser, &[]).await.0, StatusCode::FORBIDDEN, "{email}");
        let sessions = browser.read("/api/collaborator_sessions", &[("id", &support.to_string())]).await;
        assert_eq!(sessions.status, StatusCode::FORBIDDEN, "{email}");
        let choices = browser.read("/api/collaborator_choices", &[]).await;
        assert_eq!(choices.status, StatusCode::FORBIDDEN, "{email}");
        let all = browser.call("/api/end_collaborator_sessions", &[("collaborator_id", &support.to_string())]).await;
        assert_eq!(all.status, StatusCode::FORBIDDEN, "{email}");
        let row: Uuid = sqlx::query_scalar("select id from collaborator_session where ended_at is null limit 1")
            .fetch_one(&app.owner)
            .await
            .unwrap();
        let one = browser
            .call(
                "/api/end_collaborator_session",
                &[("collaborator_id", &support.to_string()), ("kind", "web"), ("session_id", &row.to_string())],
            )
            .await;
        assert_eq!(one.status, StatusCode::FORBIDDEN, "{email}");
        for page in [
            "/administration/journal",
            "/administration/securite",
            &format!("/administration/collaborateurs/{support}/sessions"),
        ] {
            assert_eq!(browser.get(page).await.status, StatusCode::FORBIDDEN, "{email} {page}");
        }
        assert_eq!(app.count(open).await, before, "{email} ended nothing");
    }
    assert_eq!(target.get("/clients").await.status, StatusCode::OK);
    assert_eq!(app.count("select count(*) from security_event where kind like 'session%'").await, 0);
    // Bad input from management: clear errors, nothing ended.
    let mut manager = app.signed_in(MANAGER).await;
    let before = app.count(open).await;
    let malformed =
        manager.call("/api/end_collaborator_session", &[("collaborator_id", "x"), ("session_id", "y")]).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    let unknown =
        manager.call("/api/end_collaborator_sessions", &[("collaborator_id", &Uuid::new_v4().to_string())]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let foreign = manager
        .call(
            "/api/end_collaborator_session",
            &[("collaborator_id", &support.to_string()), ("kind", "web"), ("session_id", &Uuid::new_v4().to_string())],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    let unknown_kind = manager
        .call(
            "/api/end_collaborator_session",
            &[("collaborator_id", &support.to_string()), ("kind", "fax"), ("session_id", &Uuid::new_v4().to_string())],
        )
        .await;
    assert_eq!(unknown_kind.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        manager.get(&format!("/administration/collaborateurs/{}/sessions", Uuid::new_v4())).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.count(open).await, before);
}
