//! Follow-ups: set on a record by who answers for it, for its owner; due today, then overdue the
//! day after; done and undone in one click; everyone's overdue ones for management; erased with
//! the client's anonymisation; through the pages and the REST API.

use crate::common;

use chrono::Duration;
use http::StatusCode;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use app::i18n::fr as t;
use common::records::*;
use common::{Client, TestApp, TestResponse};

const SALES: &str = "commercial@epic-events.fr";
const SALES2: &str = "commercial2@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

/// The test clock's day (`TestApp` starts on 12 March 2026, 09:00 UTC).
const TODAY: &str = "2026-03-12";

async fn add(browser: &mut Client<'_>, on: &str, id: Uuid, title: &str, due_on: &str, owner: &str) -> TestResponse {
    browser
        .call(
            "/api/add_follow_up",
            &[
                ("on", on),
                ("record_id", &id.to_string()),
                ("form[title]", title),
                ("form[due_on]", due_on),
                ("form[owner_id]", owner),
            ],
        )
        .await
}

async fn complete(browser: &mut Client<'_>, id: Uuid, done: bool) -> TestResponse {
    let done = if done { "true" } else { "false" };
    browser.call("/api/complete_follow_up", &[("id", &id.to_string()), ("done", done), ("back", "list")]).await
}

/// The follow-ups about `client`, oldest set first.
async fn follow_ups_of(app: &TestApp, client: Uuid) -> Vec<(Uuid, String, bool)> {
    sqlx::query_as("select id, title, done_at is not null from follow_up where client_id = $1 order by created_at, id")
        .bind(client)
        .fetch_all(&app.owner)
        .await
        .unwrap()
}

/// The text of "Mes relances" from `heading` on.
async fn section(browser: &mut Client<'_>, heading: &str) -> String {
    let page = browser.get("/relances").await.body.replace("<!>", "");
    page.split_once(&format!("<h2>{heading}")).map(|(_, rest)| rest.to_owned()).unwrap_or_default()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_follow_up_due_today_is_overdue_tomorrow_and_done_in_one_click(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Relance", "client.relance@exemple.fr").await.created_id();
    let response = add(&mut seller, "client", client, "Rappeler pour le devis", TODAY, "").await;
    assert_eq!(
        response.location(),
        Some(format!("/clients/{client}?ok=follow_up_added").as_str()),
        "{}",
        response.body
    );
    let [(id, _, false)] = follow_ups_of(&app, client).await[..] else { panic!("one open follow-up") };
    let owner: Uuid = sqlx::query_scalar("select owner_id from follow_up where id = $1")
        .bind(id)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(owner, app.collaborator_id(SALES).await, "for me, unless someone else is chosen");

    let today = section(&mut seller, t::FOLLOW_UPS_TODAY).await;
    assert!(today.contains("Rappeler pour le devis") && today.contains("Client Relance"), "{today}");
    let client_page = seller.get(&format!("/clients/{client}")).await.body;
    assert!(client_page.contains("Rappeler pour le devis"), "the record's page lists its open follow-ups");

    // The next day it is overdue, first on the page.
    app.clock.advance(Duration::days(1));
    let mut seller = app.signed_in(SALES).await;
    let overdue = section(&mut seller, t::FOLLOW_UPS_OVERDUE).await;
    assert!(overdue.contains("Rappeler pour le devis"), "{overdue}");
    assert!(section(&mut seller, t::FOLLOW_UPS_TODAY).await.is_empty());

    let done = complete(&mut seller, id, true).await;
    assert_eq!(done.location(), Some("/relances?ok=follow_up_done"), "{}", done.body);
    assert!(follow_ups_of(&app, client).await[0].2);
    let recent = section(&mut seller, t::FOLLOW_UPS_DONE_RECENTLY).await;
    assert!(recent.contains("Rappeler pour le devis") && recent.contains(t::FOLLOW_UP_UNDO), "{recent}");
    assert!(!seller.get(&format!("/clients/{client}")).await.body.contains("Rappeler pour le devis"));
    // Done twice changes nothing; undone, it is to do again.
    assert_eq!(complete(&mut seller, id, true).await.status, StatusCode::OK);
    assert_eq!(complete(&mut seller, id, false).await.status, StatusCode::OK);
    assert!(!follow_ups_of(&app, client).await[0].2);
    assert_eq!(
        seller
            .call("/api/complete_follow_up", &[("id", &id.to_string()), ("done", "oui"), ("back", "list")])
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn follow_ups_follow_the_rules_and_management_sees_the_team_overdue(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "client.regles@exemple.fr").await;
    let client = client_of(&app, contract).await;
    let event = create_event(&mut seller, contract, "Soirée des règles").await.created_id();

    let mut other = app.signed_in(SALES2).await;
    assert_eq!(add(&mut other, "client", client, "Pas mon client", TODAY, "").await.status, StatusCode::FORBIDDEN);
    let mut support = app.signed_in(SUPPORT).await;
    assert_eq!(add(&mut support, "event", event, "Pas mon événement", TODAY, "").await.status, StatusCode::FORBIDDEN);

    // A salesperson sets one for a colleague: the colleague (the owner) and the author may
    // mark it done, nobody else but management.
    let support_id = app.collaborator_id(SUPPORT).await.to_string();
    assert_eq!(
        add(&mut seller, "event", event, "Vérifier l’accès traiteur", TODAY, &support_id).await.status,
        StatusCode::OK
    );
    let [(id, ..)] = follow_ups_of(&app, client).await[..] else { panic!("one follow-up") };
    assert_eq!(complete(&mut other, id, true).await.status, StatusCode::FORBIDDEN);
    let support_list = section(&mut support, t::FOLLOW_UPS_TODAY).await;
    assert!(support_list.contains("Vérifier l’accès traiteur"), "{support_list}");
    assert_eq!(complete(&mut support, id, true).await.status, StatusCode::OK);
    assert_eq!(complete(&mut seller, id, false).await.status, StatusCode::OK);

    app.clock.advance(Duration::days(2));
    let mut manager = app.signed_in(MANAGER).await;
    let team = manager.get("/relances?equipe=1").await.body.replace("<!>", "");
    assert!(team.contains("Vérifier l’accès traiteur") && team.contains("Sarah Support"), "{team}");
    let mut seller = app.signed_in(SALES).await;
    let refused = seller.get("/relances?equipe=1").await.body;
    assert!(!refused.contains("Vérifier l’accès traiteur"), "management's view only");
    let mut api = app.api_as(SALES).await;
    api.get("/follow-ups/overdue").await.problem(StatusCode::FORBIDDEN);
    let mut manager_api = app.api_as(MANAGER).await;
    let overdue = manager_api.get("/follow-ups/overdue").await.json();
    assert!(overdue["items"].as_array().unwrap().iter().any(|f| f["id"] == id.to_string()), "{overdue}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn bad_follow_ups_get_clear_errors_and_change_nothing(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Erreurs", "client.erreurs@exemple.fr").await.created_id();

    let past = error_of(&add(&mut seller, "client", client, "Hier", "2026-03-11", "").await.body);
    assert_eq!(past.field_message("due_on"), Some(t::FOLLOW_UP_DUE_PAST));
    let bad = error_of(&add(&mut seller, "client", client, " ", "12/03/2026", "quelqu’un").await.body);
    for field in ["title", "due_on", "owner_id"] {
        assert!(bad.field_message(field).is_some(), "{field}: {bad:?}");
    }
    assert_eq!(bad.submitted("due_on"), Some("12/03/2026"), "the form comes back as typed");
    let nobody =
        error_of(&add(&mut seller, "client", client, "Relancer", TODAY, &Uuid::new_v4().to_string()).await.body);
    assert_eq!(nobody.field_message("owner_id"), Some(t::FOLLOW_UP_OWNER_INVALID));
    assert_eq!(add(&mut seller, "collaborator", client, "Relancer", TODAY, "").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(add(&mut seller, "contract", Uuid::new_v4(), "Relancer", TODAY, "").await.status, StatusCode::NOT_FOUND);
    assert_eq!(complete(&mut seller, Uuid::new_v4(), true).await.status, StatusCode::NOT_FOUND);
    assert!(follow_ups_of(&app, client).await.is_empty());
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn follow_ups_are_exported_with_the_client_and_erased_by_its_anonymisation(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Bérénice Faure", "berenice.faure@exemple.fr").await.created_id();
    assert_eq!(
        add(&mut seller, "client", client, "Rappeler Bérénice après son opération", TODAY, "").await.status,
        StatusCode::OK
    );

    let mut manager = app.signed_in(MANAGER).await;
    let export: serde_json::Value =
        serde_json::from_str(&export_client(&mut manager, &client.to_string()).await.body).unwrap();
    assert_eq!(export["follow_ups"][0]["title"], "Rappeler Bérénice après son opération");

    let anonymised = manager.call("/api/anonymise_client", &[("id", &client.to_string()), ("confirm", "on")]).await;
    assert_eq!(anonymised.status, StatusCode::OK, "{}", anonymised.body);
    assert!(follow_ups_of(&app, client).await.is_empty());
    assert_eq!(add(&mut manager, "client", client, "Rappeler", TODAY, "").await.status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_api_sets_lists_and_completes_follow_ups(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client API Relance", "client.api.relance@exemple.fr").await.created_id();
    let mut api = app.api_as(SALES).await;

    let created = api
        .post(&format!("/clients/{client}/follow-ups"), json!({"title": "Envoyer le devis", "due_on": "2026-03-20"}))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(created.location(), Some(format!("/api/v1/follow-ups/{id}").as_str()));
    api.post(&format!("/clients/{client}/follow-ups"), json!({"title": "Hier", "due_on": "2026-03-01"}))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);

    let mine = api.get("/follow-ups").await.json();
    assert_eq!(mine["today"], TODAY);
    assert!(mine["items"].as_array().unwrap().iter().any(|f| f["id"] == id.as_str()), "{mine}");
    let of_client = api.get(&format!("/clients/{client}/follow-ups")).await.json();
    assert_eq!(of_client["items"].as_array().unwrap().len(), 1);

    let done = api.put(&format!("/follow-ups/{id}/done"), json!({"done": true})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.json()["done_at"].is_string());
    let mut other = app.api_as(SALES2).await;
    other.put(&format!("/follow-ups/{id}/done"), json!({"done": false})).await.problem(StatusCode::FORBIDDEN);
    assert_eq!(api.get(&format!("/follow-ups/{id}")).await.header("etag"), Some("\"2\""));
}
