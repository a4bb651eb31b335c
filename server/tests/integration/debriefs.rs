//! Debriefs: written by an event's support once it is over, the sales contact then reminded to
//! propose the next edition; the client's satisfaction on its page; through the server
//! functions and the REST API.

use crate::common;

use http::StatusCode;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use app::i18n::fr as t;
use common::records::*;
use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const SUPPORT2: &str = "support2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

async fn debrief(
    browser: &mut Client<'_>,
    event: Uuid,
    version: i32,
    (satisfaction, attendees): (&str, &str),
) -> common::TestResponse {
    let form = [
        ("event_id", event.to_string()),
        ("version", version.to_string()),
        ("form[went_well]", "L’accueil.".to_owned()),
        ("form[went_badly]", "Le vestiaire.".to_owned()),
        ("form[satisfaction]", satisfaction.to_owned()),
        ("form[actual_attendees]", attendees.to_owned()),
    ];
    browser.call_owned("/api/save_debrief", &form).await
}

/// (satisfaction, attendees, version) as stored.
async fn stored(app: &TestApp, event: Uuid) -> Option<(i16, i32, i32)> {
    sqlx::query_as("select satisfaction, actual_attendees, version from event_debrief where event_id = $1")
        .bind(event)
        .fetch_optional(&app.owner)
        .await
        .unwrap()
}

/// The next-edition follow-ups of `event`: (owner's e-mail, due day, title).
async fn reminders(app: &TestApp, event: Uuid) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "select c.email, f.due_on::text, f.title from follow_up f join collaborator c on c.id = f.owner_id
          where f.event_id = $1 and f.title like 'Proposer la prochaine édition%'",
    )
    .bind(event)
    .fetch_all(&app.owner)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_support_debriefs_a_finished_event_and_the_seller_is_reminded_of_the_next_edition(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "debrief@exemple.fr").await;
    // The test clock reads 12 March 2026: the gala is over, the forum still to come.
    let gala = event_at(&mut seller, contract, "Gala de printemps", ("2026-03-01T19:00", "2026-03-01T23:30")).await;
    let forum = event_at(&mut seller, contract, "Forum", ("2040-05-01T09:00", "2040-05-01T18:00")).await;
    let mut manager = app.signed_in(MANAGER).await;
    for event in [gala, forum] {
        assert_eq!(assign(&mut manager, &app, event, SUPPORT, None).await.status, StatusCode::OK);
    }
    let mut support = app.signed_in(SUPPORT).await;

    // Not before the event is over; not by another support or the salesperson; nothing kept.
    let early = debrief(&mut support, forum, 0, ("4", "100")).await;
    assert_eq!(error_of(&early.body), AppError::Refused(t::DEBRIEF_AFTER_THE_EVENT.to_owned()));
    let mut other = app.signed_in(SUPPORT2).await;
    assert_eq!(debrief(&mut other, gala, 0, ("4", "100")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(debrief(&mut seller, gala, 0, ("4", "100")).await.status, StatusCode::FORBIDDEN);
    let bad = debrief(&mut support, gala, 0, ("7", "-3")).await;
    let error = error_of(&bad.body);
    assert!(error.field_message("satisfaction").is_some() && error.field_message("actual_attendees").is_some());
    assert_eq!(error.submitted("satisfaction"), Some("7"));
    let nobody = debrief(&mut support, Uuid::new_v4(), 0, ("4", "100")).await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);
    assert_eq!((stored(&app, gala).await, stored(&app, forum).await), (None, None));

    // The support writes it: back to the event's page, which says the seller has a reminder,
    // ten months after the gala (Paris day).
    let saved = debrief(&mut support, gala, 0, ("4", "112")).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.location(), Some(format!("/evenements/{gala}?ok=debrief_follow_up").as_str()));
    assert_eq!(stored(&app, gala).await, Some((4, 112, 1)));
    let expected =
        (SALES.to_owned(), "2027-01-01".to_owned(), "Proposer la prochaine édition : Gala de printemps".to_owned());
    assert_eq!(reminders(&app, gala).await, std::slice::from_ref(&expected));
    let trail = app
        .count(&format!("select count(*) from audit_record where entity_id = '{gala}' and action = 'debrief'"))
        .await;
    assert_eq!(trail, 1);

    // A stale version changes nothing; a correction makes no second reminder.
    let stale = debrief(&mut support, gala, 0, ("5", "112")).await;
    assert_eq!(error_of(&stale.body), AppError::Conflict);
    assert_eq!(debrief(&mut manager, gala, 1, ("5", "115")).await.status, StatusCode::OK, "management corrects it");
    assert_eq!(stored(&app, gala).await, Some((5, 115, 2)));
    assert_eq!(reminders(&app, gala).await, [expected]);

    // The event's page shows it; the seller's follow-ups list the reminder.
    let page = seller.get(&format!("/evenements/{gala}")).await.body;
    assert!(page.contains("5 / 5") && page.contains("115 (120 prévus)") && page.contains("Le vestiaire."), "{page}");
    assert!(!page.contains(t::WRITE_DEBRIEF) && !page.contains(t::EDIT_DEBRIEF), "no form for the seller");
    assert!(support.get(&format!("/evenements/{gala}")).await.body.contains(t::EDIT_DEBRIEF));

    // A cancelled event has no debrief, even once its day is over.
    let cancelled = event_at(&mut seller, contract, "Annulé", ("2026-03-12T11:00", "2026-03-12T12:00")).await;
    let cancel = move_event(&mut manager, &app, cancelled, "cancelled", Some("Grève")).await;
    assert_eq!(cancel.status, StatusCode::OK);
    app.clock.advance(chrono::Duration::hours(3));
    let mut manager = app.signed_in(MANAGER).await;
    let refused = debrief(&mut manager, cancelled, 0, ("3", "10")).await;
    assert_eq!(error_of(&refused.body), AppError::Refused(t::DEBRIEF_AFTER_THE_EVENT.to_owned()));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_clients_page_shows_its_satisfaction_and_the_api_reads_and_writes_debriefs(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "satisfaction@exemple.fr").await;
    let client = client_of(&app, contract).await;
    let first = event_at(&mut seller, contract, "Premier", ("2026-02-01T19:00", "2026-02-01T23:00")).await;
    let second = event_at(&mut seller, contract, "Second", ("2026-03-01T19:00", "2026-03-01T23:00")).await;
    let page = seller.get(&format!("/clients/{client}")).await.body;
    assert!(page.contains(t::NO_DEBRIEF_YET));

    let mut api = app.api_as(MANAGER).await;
    assert_eq!(api.get(&format!("/events/{first}/debrief")).await.status, StatusCode::NOT_FOUND);
    let body = json!({"went_well": "Tout", "satisfaction": 5, "actual_attendees": 90});
    let written = api.put(&format!("/events/{first}/debrief"), body).await;
    assert_eq!(written.status, StatusCode::OK, "{}", written.body);
    assert_eq!((written.json()["satisfaction"].as_i64(), written.header("etag")), (Some(5), Some("\"1\"")));
    let invalid = api.put(&format!("/events/{second}/debrief"), json!({"satisfaction": 0})).await;
    let problem = invalid.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["satisfaction"].is_string() && problem["errors"]["actual_attendees"].is_string());
    let body = json!({"satisfaction": 4, "actual_attendees": 40});
    assert_eq!(api.put(&format!("/events/{second}/debrief"), body).await.status, StatusCode::OK);
    let stale = api
        .raw(
            http::Method::PUT,
            &format!("/events/{second}/debrief"),
            Some("application/json"),
            json!({"satisfaction": 3, "actual_attendees": 40}).to_string().into_bytes(),
            &[("if-match", "\"7\"")],
        )
        .await;
    stale.problem(StatusCode::CONFLICT);
    assert_eq!(api.get(&format!("/events/{second}/debrief")).await.json()["satisfaction"], 4);

    let page = seller.get(&format!("/clients/{client}")).await.body;
    assert!(page.contains(&t::satisfaction_mean("4,5", 2)), "{page}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn anonymising_a_client_empties_its_debriefs_texts_and_keeps_their_scores(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "oubli@exemple.fr").await;
    let client = client_of(&app, contract).await;
    let event = event_at(&mut seller, contract, "Soirée", ("2026-03-01T19:00", "2026-03-01T23:00")).await;
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(debrief(&mut manager, event, 0, ("2", "30")).await.status, StatusCode::OK);
    let exported = export_client(&mut manager, &client.to_string()).await;
    assert!(exported.body.contains("Le vestiaire."), "the export holds the debrief");
    let anonymised = manager.call("/api/anonymise_client", &[("id", &client.to_string()), ("confirm", "on")]).await;
    assert!(anonymised.status.is_success() || anonymised.status.is_redirection(), "{}", anonymised.body);
    let (well, badly, score): (String, String, i16) =
        sqlx::query_as("select went_well, went_badly, satisfaction from event_debrief where event_id = $1")
            .bind(event)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!((well.as_str(), badly.as_str(), score), ("", "", 2));
    // Nothing new is typed about an anonymised client.
    let refused = debrief(&mut manager, event, 2, ("3", "30")).await;
    assert_eq!(error_of(&refused.body), AppError::Refused(t::CLIENT_ANONYMISED_NO_CHANGE.to_owned()));
    // Nor past the service: the database refuses the text, and still takes the score.
    let written = sqlx::query("update event_debrief set went_well = 'Mme Dupont ravie' where event_id = $1")
        .bind(event)
        .execute(&app.pool)
        .await;
    assert_eq!(refused_constraint(written).as_deref(), Some("event_debrief_client_anonymised_check"));
    let scored = sqlx::query("update event_debrief set satisfaction = 4 where event_id = $1")
        .bind(event)
        .execute(&app.pool)
        .await;
    assert!(scored.is_ok(), "{scored:?}");
}
