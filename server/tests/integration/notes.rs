//! Notes on clients, contracts and events: written by who answers for the record, shown in the
//! record's timeline, corrected by their author for 15 minutes, part of the client's data
//! export, erased with the client's anonymisation; through the pages and the REST API.

use crate::common;

use chrono::Duration;
use http::StatusCode;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use common::TestApp;
use common::records::*;

const SALES: &str = "commercial@epic-events.fr";
const SALES2: &str = "commercial2@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

async fn add_note(
    browser: &mut common::Client<'_>,
    on: &str,
    id: Uuid,
    kind: &str,
    body: &str,
) -> common::TestResponse {
    browser
        .call(
            "/api/add_note",
            &[("on", on), ("record_id", &id.to_string()), ("form[kind]", kind), ("form[body]", body)],
        )
        .await
}

/// The notes about `client`, oldest first.
async fn note_ids(app: &TestApp, client: Uuid) -> Vec<Uuid> {
    sqlx::query_scalar("select id from note where client_id = $1 order by created_at, id")
        .bind(client)
        .fetch_all(&app.owner)
        .await
        .unwrap()
}

async fn page(browser: &mut common::Client<'_>, path: String) -> String {
    browser.get(&path).await.body.replace("<!>", "")
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn notes_are_written_by_who_answers_for_the_record_and_show_in_its_timeline(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "client.notes@exemple.fr").await;
    let client = client_of(&app, contract).await;
    let event = create_event(&mut seller, contract, "Gala des notes").await.created_id();
    let client_version = version_of(&app, "client", client).await;

    // Last contact long ago (the records were made at the database's time, not the test clock's).
    sqlx::query("update client set updated_at = '2025-01-06T10:00:00Z' where id = $1")
        .bind(client)
        .execute(&app.owner)
        .await
        .unwrap();
    app.clock.advance(Duration::minutes(5));
    let response = add_note(&mut seller, "client", client, "call", "Rappelée : d’accord pour 80 invités.").await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert_eq!(response.location(), Some(format!("/clients/{client}?ok=note_added").as_str()));
    let (last_contact, version): (chrono::DateTime<chrono::Utc>, i32) =
        sqlx::query_as("select updated_at, version from client where id = $1")
            .bind(client)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(last_contact, app::clock::Clock::now(&*app.clock), "a note is a contact with the client");
    assert_eq!(version, client_version, "an open edit form of the client stays valid");

    // Others refused, nothing written.
    let mut other_seller = app.signed_in(SALES2).await;
    assert_eq!(
        add_note(&mut other_seller, "client", client, "note", "Pas mon client").await.status,
        StatusCode::FORBIDDEN
    );
    let mut support = app.signed_in(SUPPORT).await;
    assert_eq!(add_note(&mut support, "event", event, "note", "Pas mon événement").await.status, StatusCode::FORBIDDEN);
    assert_eq!(note_ids(&app, client).await.len(), 1);

    // Support writes on the events assigned to them; management anywhere.
    let mut manager = app.signed_in(MANAGER).await;
    let support_id = app.collaborator_id(SUPPORT).await.to_string();
    let assigned = manager
        .call(
            "/api/assign_event_support",
            &[("id", &event.to_string()), ("version", "1"), ("support_contact_id", &support_id)],
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    app.clock.advance(Duration::minutes(1));
    assert_eq!(
        add_note(&mut support, "event", event, "meeting", "Repérage fait, accès traiteur par la cour.").await.status,
        StatusCode::OK
    );
    app.clock.advance(Duration::minutes(1));
    assert_eq!(
        add_note(&mut manager, "contract", contract, "email", "Facture d’acompte envoyée.").await.status,
        StatusCode::OK
    );

    // One timeline, newest first: the client's page shows every note about the client.
    let client_page = page(&mut seller, format!("/clients/{client}")).await;
    let order: Vec<usize> = ["Facture d’acompte", "Repérage fait", "Rappelée", "a créé"]
        .iter()
        .map(|text| client_page.find(text).unwrap_or_else(|| panic!("{text} missing: {client_page}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest first: {order:?}");
    assert!(client_page.contains("Rendez-vous") && client_page.contains("sur un événement"), "{client_page}");
    // The contract's page: its own note and its event's, not the client's.
    let contract_page = page(&mut seller, format!("/contrats/{contract}")).await;
    assert!(contract_page.contains("Facture d’acompte") && contract_page.contains("Repérage fait"));
    assert!(!contract_page.contains("Rappelée"), "{contract_page}");
    let event_page = page(&mut support, format!("/evenements/{event}")).await;
    assert!(event_page.contains("Repérage fait") && !event_page.contains("Facture d’acompte"), "{event_page}");
    // The form shows only to who may write.
    assert!(event_page.contains("Ajouter une note"));
    assert!(!page(&mut other_seller, format!("/clients/{client}")).await.contains("Ajouter une note"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_note_is_corrected_by_its_author_for_fifteen_minutes_and_deleted_by_management_after(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Note", "client.note@exemple.fr").await.created_id();
    assert_eq!(add_note(&mut seller, "client", client, "call", "Premier appel").await.status, StatusCode::OK);
    let note = note_ids(&app, client).await[0];
    let update = |version: &'static str, body: &'static str| {
        vec![
            ("id", note.to_string()),
            ("version", version.to_owned()),
            ("form[kind]", "email".to_owned()),
            ("form[body]", body.to_owned()),
        ]
    };

    app.clock.advance(Duration::minutes(14));
    let response = seller.call_owned("/api/update_note", &update("1", "Premier e-mail")).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let stale = seller.call_owned("/api/update_note", &update("1", "Écrasé ?")).await;
    assert_eq!(error_of(&stale.body), AppError::Conflict);
    let edited = app
        .count(&format!("select count(*) from audit_record where entity_id = '{client}' and action = 'edit_note'"))
        .await;
    assert_eq!(edited, 1);
    let mut other = app.signed_in(SALES2).await;
    assert_eq!(other.call_owned("/api/update_note", &update("2", "Pas à moi")).await.status, StatusCode::FORBIDDEN);

    app.clock.advance(Duration::minutes(1));
    assert_eq!(seller.call_owned("/api/update_note", &update("2", "Trop tard")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(seller.call("/api/delete_note", &[("id", &note.to_string())]).await.status, StatusCode::FORBIDDEN);
    let (kind, body): (String, String) =
        sqlx::query_as("select kind, body from note where id = $1").bind(note).fetch_one(&app.owner).await.unwrap();
    assert_eq!((kind.as_str(), body.as_str()), ("email", "Premier e-mail"));
    assert!(!page(&mut seller, format!("/clients/{client}")).await.contains("Corriger la note"));

    let mut manager = app.signed_in(MANAGER).await;
    let deleted = manager.call("/api/delete_note", &[("id", &note.to_string())]).await;
    assert_eq!(deleted.location(), Some(format!("/clients/{client}?ok=note_deleted").as_str()), "{}", deleted.body);
    assert!(note_ids(&app, client).await.is_empty());
    let history = page(&mut seller, format!("/clients/{client}")).await;
    assert!(history.contains("a supprimé une note") && history.contains("E-mail"), "{history}");
    assert!(!history.contains("Premier e-mail"), "the trail keeps no text of the note");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn bad_notes_get_clear_errors_and_change_nothing(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Vide", "client.vide@exemple.fr").await.created_id();
    let last_contact = |app: &TestApp| {
        let owner = app.owner.clone();
        async move {
            let at: chrono::DateTime<chrono::Utc> = sqlx::query_scalar("select updated_at from client where id = $1")
                .bind(client)
                .fetch_one(&owner)
                .await
                .unwrap();
            at
        }
    };
    sqlx::query("update client set updated_at = '2025-01-06T10:00:00Z' where id = $1")
        .bind(client)
        .execute(&app.owner)
        .await
        .unwrap();
    let before = last_contact(&app).await;

    let empty = add_note(&mut seller, "client", client, "fax", "  \r\n ").await;
    let error = error_of(&empty.body);
    assert_eq!(error.field_message("kind"), Some(app::i18n::fr::NOTE_KIND_INVALID));
    assert_eq!(error.field_message("body"), Some(app::i18n::fr::NOTE_BODY_REQUIRED));
    let control = add_note(&mut seller, "client", client, "note", "bip\u{7}").await;
    assert!(error_of(&control.body).field_message("body").is_some());
    let long = "x".repeat(5001);
    assert!(
        error_of(&add_note(&mut seller, "client", client, "note", &long).await.body).field_message("body").is_some()
    );
    assert_eq!(add_note(&mut seller, "collaborator", client, "note", "x").await.status, StatusCode::BAD_REQUEST);
    let bad_id = seller
        .call(
            "/api/add_note",
            &[("on", "client"), ("record_id", "pas-un-id"), ("form[kind]", "note"), ("form[body]", "x")],
        )
        .await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST);
    assert_eq!(add_note(&mut seller, "event", Uuid::new_v4(), "note", "x").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        seller.call("/api/delete_note", &[("id", &Uuid::new_v4().to_string())]).await.status,
        StatusCode::NOT_FOUND
    );

    assert!(note_ids(&app, client).await.is_empty());
    assert_eq!(last_contact(&app).await, before);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn notes_are_in_the_client_export_and_erased_by_its_anonymisation(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "aline.roux@exemple.fr").await;
    let client = client_of(&app, contract).await;
    let event = create_event(&mut seller, contract, "Mariage Roux").await.created_id();
    assert_eq!(
        add_note(&mut seller, "client", client, "call", "Aline est enceinte, prévoir une chaise.").await.status,
        StatusCode::OK
    );
    app.clock.advance(Duration::minutes(1));
    assert_eq!(
        add_note(&mut seller, "event", event, "note", "Son frère Paul apporte le vin.").await.status,
        StatusCode::OK
    );

    let mut manager = app.signed_in(MANAGER).await;
    let export = export_client(&mut manager, &client.to_string()).await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.body);
    let document: serde_json::Value = serde_json::from_str(&export.body).unwrap();
    let bodies: Vec<&str> = document["notes"].as_array().unwrap().iter().map(|n| n["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["Aline est enceinte, prévoir une chaise.", "Son frère Paul apporte le vin."]);

    let anonymised = manager.call("/api/anonymise_client", &[("id", &client.to_string()), ("confirm", "on")]).await;
    assert_eq!(anonymised.status, StatusCode::OK, "{}", anonymised.body);
    assert!(note_ids(&app, client).await.is_empty(), "the notes went with the person");
    let everything: String =
        sqlx::query_scalar("select coalesce(json_agg(a.changes)::text, '') from audit_record a where client_id = $1")
            .bind(client)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert!(!everything.contains("enceinte") && !everything.contains("Paul"), "{everything}");
    assert_eq!(add_note(&mut manager, "client", client, "note", "Aline revient").await.status, StatusCode::FORBIDDEN);
    let direct = sqlx::query("insert into note (client_id, kind, body) values ($1, 'note', 'Aline')")
        .bind(client)
        .execute(&app.owner)
        .await;
    assert!(direct.is_err(), "the database refuses personal data for an anonymised client too");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_api_lists_adds_corrects_and_deletes_notes(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client API", "client.api.notes@exemple.fr").await.created_id();
    let mut api = app.api_as(SALES).await;

    let created =
        api.post(&format!("/clients/{client}/notes"), json!({"kind": "meeting", "body": "Visite du lieu"})).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let note = created.json();
    let id = note["id"].as_str().unwrap().to_owned();
    assert_eq!(created.location(), Some(format!("/api/v1/notes/{id}").as_str()));
    assert_eq!(created.header("etag"), Some("\"1\""));
    assert_eq!(
        (note["kind"].as_str(), note["client_id"].as_str()),
        (Some("meeting"), Some(client.to_string().as_str()))
    );

    let listed = api.get(&format!("/clients/{client}/notes")).await.json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(api.get(&format!("/clients/{}/notes", Uuid::new_v4())).await.status, StatusCode::NOT_FOUND);
    api.post(&format!("/clients/{client}/notes"), json!({"kind": "visio", "body": ""}))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    api.post(&format!("/clients/{client}/notes"), json!({"kind": "note", "body": "x", "author_id": Uuid::new_v4()}))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);

    let patched = api.patch(&format!("/notes/{id}"), json!({"body": "Visite du lieu, parking OK"})).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.json()["body"], "Visite du lieu, parking OK");
    assert_eq!(patched.header("etag"), Some("\"2\""));

    let mut other = app.api_as(SALES2).await;
    other.delete(&format!("/notes/{id}")).await.problem(StatusCode::FORBIDDEN);
    assert_eq!(api.delete(&format!("/notes/{id}")).await.status, StatusCode::NO_CONTENT);
    api.get(&format!("/notes/{id}")).await.problem(StatusCode::NOT_FOUND);
}
