//! What the database itself guarantees, whatever the application code does: the application
//! role only appends to the audit trail, the security log and the sign-in attempts, reads the
//! reference tables, erases from the trail only through the owner's narrow function, and cannot
//! delete a signed contract; `serve` refuses to run as the owner. Support never retitles an
//! event.

use crate::common;

use http::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use common::TestApp;
use common::records::{create_client, create_contract, create_event, signed_contract, version_of};

const SALES: &str = "commercial@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

fn is_denied(result: Result<sqlx::postgres::PgQueryResult, sqlx::Error>) -> bool {
    matches!(result, Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("42501"))
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_application_role_cannot_rewrite_the_trails_or_the_reference_tables(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await; // a sign-in attempt, a security event
    create_client(&mut seller, "Trace Écrite", "trace@exemple.fr").await.created_id(); // an audit record
    for (table, column) in [("audit_record", "at"), ("security_event", "at"), ("sign_in_attempt", "attempted_at")] {
        let rows = app.count(&format!("select count(*) from {table}")).await;
        assert!(rows > 0, "{table} has rows to protect");
        let update = sqlx::query(&format!("update {table} set {column} = {column}")).execute(&app.pool).await;
        assert!(is_denied(update), "update on {table}");
        let delete = sqlx::query(&format!("delete from {table}")).execute(&app.pool).await;
        assert!(is_denied(delete), "delete on {table}");
        let truncate = sqlx::query(&format!("truncate {table}")).execute(&app.pool).await;
        assert!(is_denied(truncate), "truncate on {table}");
        let read: i64 =
            sqlx::query_scalar(&format!("select count(*) from {table}")).fetch_one(&app.pool).await.unwrap();
        assert_eq!(read, rows, "{table} is still read, and unchanged");
    }
    let insert =
        sqlx::query("insert into department (code, label_fr) values ('hack', 'Pirate')").execute(&app.pool).await;
    assert!(is_denied(insert), "insert into department");
    let update = sqlx::query("update department set label_fr = 'x'").execute(&app.pool).await;
    assert!(is_denied(update), "update department");
    let delete = sqlx::query("delete from department").execute(&app.pool).await;
    assert!(is_denied(delete), "delete from department");
    // A payment is recorded or deleted, never changed (what remains to pay follows them).
    assert!(app.count("select count(*) from payment").await > 0, "the demo's payments");
    let update = sqlx::query("update payment set amount_cents = amount_cents + 1").execute(&app.pool).await;
    assert!(is_denied(update), "update payment");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_trail_is_erased_from_only_for_erased_clients_and_only_by_shrinking(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Personne Vivante", "vivante@exemple.fr").await.created_id();
    let (record, changes): (i64, serde_json::Value) =
        sqlx::query_as("select id, changes from audit_record where entity_id = $1 and action = 'create'")
            .bind(client)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    let erase = |changes: serde_json::Value| {
        let pool = app.pool.clone();
        async move { sqlx::query("select audit_record_erase($1, $2)").bind(record).bind(changes).execute(&pool).await }
    };
    let erased = json!(
        changes
            .as_array()
            .unwrap()
            .iter()
            .map(|c| json!({"field": c["field"], "old": null, "new": "[effacé]"}))
            .collect::<Vec<_>>()
    );
    assert!(erase(erased.clone()).await.is_err(), "the client is neither anonymised nor deleted");

    let mut manager = app.signed_in(MANAGER).await;
    let anonymised = manager.call("/api/anonymise_client", &[("id", &client.to_string()), ("confirm", "on")]).await;
    assert_eq!(anonymised.status, StatusCode::OK, "{}", anonymised.body);
    let scrubbed: serde_json::Value = sqlx::query_scalar("select changes from audit_record where id = $1")
        .bind(record)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert!(!scrubbed.to_string().contains("Vivante"), "the scrub went through the owner's function: {scrubbed}");
    let rewritten = json!(
        scrubbed
            .as_array()
            .unwrap()
            .iter()
            .map(|c| json!({"field": c["field"], "old": c["old"], "new": "Quelqu’un d’autre"}))
            .collect::<Vec<_>>()
    );
    assert!(erase(rewritten).await.is_err(), "nothing new is written into the trail");
    let renamed = json!(
        scrubbed
            .as_array()
            .unwrap()
            .iter()
            .map(|c| json!({"field": "total", "old": c["old"], "new": c["new"]}))
            .collect::<Vec<_>>()
    );
    assert!(erase(renamed).await.is_err(), "fields stay what they were");
    assert!(erase(scrubbed).await.is_ok(), "erasing what is erased changes nothing");
    for function in ["audit_record_erase(bigint, jsonb)", "purge_personal_data(timestamptz)"] {
        let sql = format!(
            "select (has_function_privilege('public', '{function}', 'execute')::int
                  + 2 * has_function_privilege('epic_app', '{function}', 'execute')::int)::bigint"
        );
        assert_eq!(app.count(&sql).await, 2, "{function}: the application role alone runs it");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_signed_contract_is_never_deleted_however_it_is_approached(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let signed = signed_contract(&app, &mut seller, "garde@exemple.fr").await;
    let client: Uuid = sqlx::query_scalar("select client_id from contract where id = $1")
        .bind(signed)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let draft = create_contract(&mut seller, client, "10", "10").await.created_id();
    let mut manager = app.signed_in(MANAGER).await;

    let page = manager.call("/api/delete_contract", &[("id", &signed.to_string())]).await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.body);
    assert!(page.body.contains("signé"), "{}", page.body);
    let mut api = app.api_as(MANAGER).await;
    api.send(Method::DELETE, &format!("/contracts/{signed}"), None).await.problem(StatusCode::CONFLICT);
    api.send(Method::DELETE, &format!("/clients/{client}"), None).await.problem(StatusCode::CONFLICT);
    // The database refuses it to the application role and to the owner alike.
    for pool in [&app.pool, &app.owner] {
        let by_hand = sqlx::query("delete from contract where id = $1").bind(signed).execute(pool).await;
        assert!(
            matches!(&by_hand, Err(sqlx::Error::Database(db)) if db.constraint() == Some("contract_signed_delete_check")),
            "{by_hand:?}"
        );
    }
    let everything = sqlx::query("delete from contract where client_id = $1").bind(client).execute(&app.pool).await;
    assert!(everything.is_err(), "one statement deleting the draft and the signed one fails whole");
    assert_eq!(app.count(&format!("select count(*) from contract where id in ('{signed}', '{draft}')")).await, 2);
    assert_eq!(app.count(&format!("select count(*) from client where id = '{client}'")).await, 1);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn serve_refuses_to_run_as_a_role_that_owns_the_tables(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let refused = server::db::ensure_not_owner(&app.owner).await;
    assert!(refused.as_ref().is_err_and(|e| e.to_string().contains("DATABASE_OWNER_URL")), "{refused:?}");
    assert!(server::db::ensure_not_owner(&app.pool).await.is_ok(), "the application role serves");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn support_changes_dates_place_attendees_and_notes_but_never_the_title(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "titre@exemple.fr").await;
    let event = create_event(&mut seller, contract, "Gala d’hiver").await.created_id();
    let support = app.collaborator_id(SUPPORT).await.to_string();
    let mut manager = app.signed_in(MANAGER).await;
    let assigned = manager
        .call(
            "/api/assign_event_support",
            &[("id", &event.to_string()), ("version", "1"), ("support_contact_id", &support)],
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    let mut browser = app.signed_in(SUPPORT).await;
    let form = |title: &str, version: i32| {
        let mut form = common::records::event_form(title);
        form.retain(|(k, _)| *k != "form[notes]");
        form.extend([
            ("form[notes]", "Prévoir un vestiaire.".to_owned()),
            ("id", event.to_string()),
            ("version", version.to_string()),
        ]);
        form
    };
    let version = version_of(&app, "event", event).await;
    let retitled = browser.call_owned("/api/update_event", &form("Gala renommé", version)).await;
    assert_eq!(retitled.status, StatusCode::FORBIDDEN, "{}", retitled.body);
    let mut api = app.api_as(SUPPORT).await;
    api.send(Method::PATCH, &format!("/events/{event}"), Some(json!({"title": "Gala renommé"})))
        .await
        .problem(StatusCode::FORBIDDEN);
    assert_eq!(version_of(&app, "event", event).await, version, "nothing changed");

    let noted = browser.call_owned("/api/update_event", &form("Gala d’hiver", version)).await;
    assert_eq!(noted.status, StatusCode::OK, "{}", noted.body);
    let patched = api
        .send(Method::PATCH, &format!("/events/{event}"), Some(json!({"title": "Gala d’hiver", "attendees": 90})))
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    let page = browser.get(&format!("/evenements/{event}/modifier")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("readonly"), "the edit form shows the title read-only");
}
