//! Readiness: an upcoming event's checks, each with its state, on its page and in the filter
//! "à risque" of the event list (management's home, the REST API).

use crate::common;

use http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;
use uuid::Uuid;

use common::records::*;
use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

async fn readiness(browser: &mut Client<'_>, event: Uuid) -> Value {
    let response = browser.read("/api/get_event", &[("id", &event.to_string())]).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str::<Value>(&response.body).unwrap()["readiness"].clone()
}

/// The names of the checks not met.
fn missing(readiness: &Value) -> Vec<String> {
    let mut names: Vec<String> =
        readiness.as_object().unwrap().iter().filter(|(_, met)| **met == false).map(|(n, _)| n.clone()).collect();
    names.sort();
    names
}

/// The titles of the events at risk the REST API lists up to April (no first day: the filter
/// itself keeps what is still to come; the demo's events are later).
async fn at_risk(app: &TestApp) -> Vec<String> {
    let mut api = app.api_as(MANAGER).await;
    let listed = api.get("/events?at_risk=true&to=2026-04-30&page_size=100").await.json();
    listed["items"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_owned()).collect()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_upcoming_event_is_ready_once_every_check_is_met_and_at_risk_until_then(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "pret@exemple.fr").await;
    // Eight days after the test clock's day; its contract's "Solde" falls due that day.
    let event = event_at(&mut seller, contract, "Congrès prêt", ("2026-03-20T09:00", "2026-03-20T18:00")).await;
    assert_eq!(missing(&readiness(&mut seller, event).await), ["paid", "run_sheet", "support"]);
    assert_eq!(at_risk(&app).await, ["Congrès prêt"]);
    let mut manager = app.signed_in(MANAGER).await;
    let home = manager.get("/").await.body;
    assert!(home.contains("events-at-risk") && home.contains("Congrès prêt"), "management's home lists it");
    let page = seller.get(&format!("/evenements/{event}")).await.body;
    assert!(page.contains("À risque : 3 points à régler"), "{page}");

    // Each check, met one by one.
    assert_eq!(assign(&mut manager, &app, event, SUPPORT, None).await.status, StatusCode::OK);
    assert_eq!(record_payment(&mut seller, contract, "1000").await.status, StatusCode::OK);
    let mut support = app.signed_in(SUPPORT).await;
    let step = [
        ("id", event.to_string()),
        ("version", "0".to_owned()),
        ("form[at]", "2026-03-20T08:00".to_owned()),
        ("form[kind]", "setup".to_owned()),
        ("form[label]", "Installation de la scène".to_owned()),
    ];
    let added = support.call_owned("/api/add_timeline_item", &step).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert!(missing(&readiness(&mut seller, event).await).is_empty());
    assert!(at_risk(&app).await.is_empty());
    assert!(seller.get(&format!("/evenements/{event}")).await.body.contains("Prêt"));

    // A follow-up on the event left past its day puts it back at risk.
    sqlx::query(
        "insert into follow_up (client_id, contract_id, event_id, title, due_on, owner_id)
         select e.client_id, e.contract_id, e.id, 'Confirmer le traiteur', date '2026-03-10', e.support_contact_id
           from event e where e.id = $1",
    )
    .bind(event)
    .execute(&app.owner)
    .await
    .unwrap();
    assert_eq!(missing(&readiness(&mut seller, event).await), ["follow_ups"]);
    assert_eq!(at_risk(&app).await, ["Congrès prêt"]);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_cancelled_or_finished_event_is_never_at_risk(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "annule@exemple.fr").await;
    let cancelled = event_at(&mut seller, contract, "Annulé", ("2026-03-18T09:00", "2026-03-18T18:00")).await;
    let finished = event_at(&mut seller, contract, "Fini", ("2026-03-02T09:00", "2026-03-02T18:00")).await;
    let cancel = move_event(&mut seller, &app, cancelled, "cancelled", Some("Grève")).await;
    assert_eq!(cancel.status, StatusCode::OK);
    assert!(at_risk(&app).await.is_empty());
    assert!(readiness(&mut seller, cancelled).await.is_null());
    assert!(readiness(&mut seller, finished).await.is_null(), "readiness is for what is to come");
    let page = seller.get(&format!("/evenements/{finished}")).await.body;
    assert!(!page.contains("Préparation"));
}
