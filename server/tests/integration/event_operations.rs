//! Event operations: an event's state (confirmed, cancelled with a reason, restored, locked once
//! finished) and support planning (no double booking without a reason, the travel buffer, the
//! week's load and the suggestion, one place booked twice), through the server functions and
//! the REST API, as management, sales and support use them.

use crate::common;

use http::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use common::records::*;
use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const SUPPORT2: &str = "support2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

async fn detail(browser: &mut Client<'_>, event: Uuid) -> Value {
    let response = browser.read("/api/get_event", &[("id", &event.to_string())]).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn support_of(app: &TestApp, event: Uuid) -> Option<Uuid> {
    sqlx::query_scalar("select support_contact_id from event where id = $1")
        .bind(event)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

fn titles(clashes: &Value) -> Vec<String> {
    clashes.as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap().to_owned()).collect()
}

/// A signed contract of a new client of the demo salesperson.
async fn contract(app: &TestApp, seller: &mut Client<'_>) -> Uuid {
    signed_contract(app, seller, &format!("{}@exemple.fr", Uuid::new_v4().simple())).await
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_support_collaborator_is_booked_twice_only_with_a_reason_that_the_audit_keeps(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    let gala = event_at(&mut seller, contract, "Gala du soir", ("2040-05-10T18:00", "2040-05-10T23:00")).await;
    let cocktail = event_at(&mut seller, contract, "Cocktail", ("2040-05-10T21:00", "2040-05-10T23:30")).await;
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(assign(&mut manager, &app, gala, SUPPORT, None).await.status, StatusCode::OK);

    let audits = app.count(&format!("select count(*) from audit_record where entity_id = '{cocktail}'")).await;
    let refused = assign(&mut manager, &app, cocktail, SUPPORT, None).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let message = error_of(&refused.body).field_message("override_reason").unwrap().to_owned();
    assert!(message.contains("Gala du soir") && message.contains("2 h"), "{message}");
    assert_eq!(support_of(&app, cocktail).await, None, "nothing changed");
    assert_eq!(version_of(&app, "event", cocktail).await, 1);
    assert_eq!(app.count(&format!("select count(*) from audit_record where entity_id = '{cocktail}'")).await, audits);

    let blank = assign(&mut manager, &app, cocktail, SUPPORT, Some("   ")).await;
    assert!(error_of(&blank.body).field_message("override_reason").is_some(), "a blank reason is no reason");
    let booked = assign(&mut manager, &app, cocktail, SUPPORT, Some("Même bâtiment, deux salles voisines")).await;
    assert_eq!(booked.status, StatusCode::OK, "{}", booked.body);
    assert_eq!(support_of(&app, cocktail).await, Some(app.collaborator_id(SUPPORT).await));
    let changes: Value = sqlx::query_scalar(
        "select changes from audit_record where entity_id = $1 and action = 'assign_support' order by id desc limit 1",
    )
    .bind(cocktail)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    let text = changes.to_string();
    assert!(text.contains("Même bâtiment, deux salles voisines") && text.contains(&gala.to_string()), "{text}");
    assert!(!text.contains("Gala du soir"), "the other event is named by id: its title may name another client");

    // Both events now say their support is taken.
    let page = detail(&mut manager, gala).await;
    assert_eq!(titles(&page["support_clashes"]), ["Cocktail"]);
    // Another person, free then, needs no reason.
    let other = event_at(&mut seller, contract, "After", ("2040-05-10T22:00", "2040-05-11T01:00")).await;
    assert_eq!(assign(&mut manager, &app, other, SUPPORT2, None).await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_travel_buffer_separates_events_and_touching_or_cancelled_ones_do_not_clash(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    let morning = event_at(&mut seller, contract, "Matinée", ("2040-06-01T10:00", "2040-06-01T12:00")).await;
    let two_hours_later = event_at(&mut seller, contract, "Déjeuner", ("2040-06-01T14:00", "2040-06-01T15:00")).await;
    let a_minute_short = event_at(&mut seller, contract, "Goûter", ("2040-06-01T13:59", "2040-06-01T15:00")).await;
    let touching = event_at(&mut seller, contract, "Apéritif", ("2040-06-01T12:00", "2040-06-01T13:00")).await;
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(assign(&mut manager, &app, morning, SUPPORT, None).await.status, StatusCode::OK);

    let exact = assign(&mut manager, &app, two_hours_later, SUPPORT, None).await;
    assert_eq!(exact.status, StatusCode::OK, "exactly the buffer apart is enough: {}", exact.body);
    let short = assign(&mut manager, &app, a_minute_short, SUPPORT, None).await;
    let message = error_of(&short.body).field_message("override_reason").unwrap().to_owned();
    // A minute short of the morning's buffer, and overlapping the lunch itself.
    assert!(message.contains("Matinée") && message.contains("Déjeuner"), "{message}");
    assert_eq!(assign(&mut manager, &app, touching, SUPPORT, None).await.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Management sets the buffer to nothing: events that only touch no longer clash.
    let set = manager.call("/api/set_travel_buffer", &[("travel_buffer_minutes", "0")]).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    for bad in ["-5", "1441", "deux heures"] {
        let refused = manager.call("/api/set_travel_buffer", &[("travel_buffer_minutes", bad)]).await;
        assert!(error_of(&refused.body).field_message("travel_buffer_minutes").is_some(), "{bad}");
    }
    assert_eq!(app.count("select travel_buffer_minutes::bigint from planning_setting").await, 0);
    assert_eq!(app.count("select count(*) from audit_record where entity = 'setting'").await, 1, "audited once");
    let mut support = app.signed_in(SUPPORT).await;
    assert_eq!(
        support.call("/api/set_travel_buffer", &[("travel_buffer_minutes", "30")]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(assign(&mut manager, &app, touching, SUPPORT, None).await.status, StatusCode::OK, "12:00 after 12:00");

    // A cancelled event is in nobody's way.
    assert_eq!(
        assign(&mut manager, &app, a_minute_short, SUPPORT, None).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        move_event(&mut seller, &app, two_hours_later, "cancelled", Some("Client malade")).await.status,
        StatusCode::OK
    );
    let freed = assign(&mut manager, &app, a_minute_short, SUPPORT, None).await;
    assert_eq!(freed.status, StatusCode::OK, "{}", freed.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_buffer_counts_real_hours_when_the_clocks_change(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    let mut manager = app.signed_in(MANAGER).await;
    // Spring 2040 (25 March): 01:30 to 03:30 reads two hours on the wall, and is one (02:00 never happens).
    let night = event_at(&mut seller, contract, "Nuit blanche", ("2040-03-24T22:00", "2040-03-25T01:30")).await;
    let dawn = event_at(&mut seller, contract, "Aube", ("2040-03-25T03:30", "2040-03-25T06:00")).await;
    assert_eq!(assign(&mut manager, &app, night, SUPPORT, None).await.status, StatusCode::OK);
    let refused = assign(&mut manager, &app, dawn, SUPPORT, None).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "one real hour apart: {}", refused.body);
    // Autumn 2040 (28 October): 01:30 to 03:00 reads an hour and a half, and is two and a half (02:00–03:00
    // happens twice).
    let ball = event_at(&mut seller, contract, "Bal", ("2040-10-27T20:00", "2040-10-28T01:30")).await;
    let breakfast = event_at(&mut seller, contract, "Petit-déjeuner", ("2040-10-28T03:00", "2040-10-28T05:00")).await;
    assert_eq!(assign(&mut manager, &app, ball, SUPPORT2, None).await.status, StatusCode::OK);
    let free = assign(&mut manager, &app, breakfast, SUPPORT2, None).await;
    assert_eq!(free.status, StatusCode::OK, "two and a half real hours apart: {}", free.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_choice_shows_each_persons_week_and_suggests_the_least_loaded_free_one(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    let mut manager = app.signed_in(MANAGER).await;
    // Week of Monday 2 July 2040: support has 10 hours (one event on Monday, partly on Sunday
    // night before: only the week's part counts), support2 has nothing that week.
    let monday = event_at(&mut seller, contract, "Lundi", ("2040-07-01T22:00", "2040-07-02T10:00")).await;
    let friday = event_at(&mut seller, contract, "Vendredi", ("2040-07-06T14:00", "2040-07-06T18:00")).await;
    assert_eq!(assign(&mut manager, &app, monday, SUPPORT, None).await.status, StatusCode::OK);
    let choice = manager.read("/api/event_assignment", &[("id", &friday.to_string())]).await;
    assert_eq!(choice.status, StatusCode::OK, "{}", choice.body);
    let choice: Value = serde_json::from_str(&choice.body).unwrap();
    assert_eq!(choice["week_of"], "2040-07-02");
    assert_eq!(choice["travel_buffer_minutes"], 120);
    let candidates = choice["candidates"].as_array().unwrap();
    let find = |id: Uuid| candidates.iter().find(|c| c["id"] == id.to_string()).unwrap().clone();
    let (first, second) = (app.collaborator_id(SUPPORT).await, app.collaborator_id(SUPPORT2).await);
    assert_eq!(find(first)["week_minutes"], 600, "Monday 00:00 to 10:00 only");
    assert_eq!(find(first)["week_events"], 1);
    assert_eq!(find(second)["week_minutes"], 0);
    assert_eq!(candidates[0]["week_minutes"], 0, "the least loaded comes first");
    assert!(find(first)["clashes"].as_array().unwrap().is_empty(), "Monday is far from Friday");

    // The support queue offers the same choice for each event, the suggestion first.
    let queue = manager.read("/api/support_queue", &[("paging[page]", "1"), ("paging[size]", "100")]).await;
    let queue: Value = serde_json::from_str(&queue.body).unwrap();
    let position =
        queue["page"]["items"].as_array().unwrap().iter().position(|e| e["id"] == friday.to_string()).unwrap();
    let offered = &queue["assignments"][position];
    assert_eq!(offered["event_id"], friday.to_string());
    assert_eq!(offered["candidates"][0]["week_minutes"], 0);
    // Support only sees a refusal.
    let mut support = app.signed_in(SUPPORT).await;
    assert_eq!(
        support.read("/api/event_assignment", &[("id", &friday.to_string())]).await.status,
        StatusCode::FORBIDDEN
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn two_events_at_one_place_and_time_are_flagged_on_both(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    let place = "12 rue de la Paix, 75002 Paris";
    let wedding =
        event_at_place(&mut seller, contract, "Mariage", ("2040-09-09T14:00", "2040-09-09T23:00"), place).await;
    // The same address typed differently, overlapping by an hour.
    let retyped = "12  RUE de la paix,   75002 PARIS ";
    let talk =
        event_at_place(&mut seller, contract, "Conférence", ("2040-09-09T09:00", "2040-09-09T15:00"), retyped).await;
    let elsewhere =
        event_at_place(&mut seller, contract, "Ailleurs", ("2040-09-09T14:00", "2040-09-09T23:00"), "Lyon").await;
    let after =
        event_at_place(&mut seller, contract, "Lendemain", ("2040-09-09T23:00", "2040-09-10T02:00"), place).await;
    assert_eq!(titles(&detail(&mut seller, wedding).await["place_clashes"]), ["Conférence"]);
    assert_eq!(titles(&detail(&mut seller, talk).await["place_clashes"]), ["Mariage"]);
    assert!(titles(&detail(&mut seller, elsewhere).await["place_clashes"]).is_empty());
    assert!(titles(&detail(&mut seller, after).await["place_clashes"]).is_empty(), "starting as the other ends");
    assert_eq!(move_event(&mut seller, &app, talk, "cancelled", Some("Reportée")).await.status, StatusCode::OK);
    assert!(
        titles(&detail(&mut seller, wedding).await["place_clashes"]).is_empty(),
        "a cancelled event frees the room"
    );
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_event_is_confirmed_cancelled_with_a_reason_and_restored_by_who_may(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    let event = event_at(&mut seller, contract, "Séminaire", ("2040-04-04T09:00", "2040-04-04T18:00")).await;
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(assign(&mut manager, &app, event, SUPPORT, None).await.status, StatusCode::OK);
    assert_eq!(detail(&mut seller, event).await["event"]["confirmed_at"], Value::Null);

    let confirmed = move_event(&mut seller, &app, event, "confirmed", None).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert!(detail(&mut seller, event).await["event"]["confirmed_at"].is_string());
    let again = move_event(&mut seller, &app, event, "confirmed", None).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "already confirmed");
    for follows_dates in ["ongoing", "finished"] {
        let refused = move_event(&mut seller, &app, event, follows_dates, None).await;
        assert!(matches!(error_of(&refused.body), AppError::Refused(_)), "{follows_dates}");
    }
    let unknown = move_event(&mut seller, &app, event, "someday", None).await;
    assert!(error_of(&unknown.body).field_message("status").is_some(), "{}", unknown.body);

    // Cancelling asks why; support, who runs it, does not cancel it.
    let mut support = app.signed_in(SUPPORT).await;
    assert_eq!(
        move_event(&mut support, &app, event, "cancelled", Some("Trop de travail")).await.status,
        StatusCode::FORBIDDEN
    );
    let version = version_of(&app, "event", event).await;
    let without = move_event(&mut seller, &app, event, "cancelled", Some("  ")).await;
    assert!(error_of(&without.body).field_message("reason").is_some());
    let too_long = move_event(&mut seller, &app, event, "cancelled", Some(&"x".repeat(501))).await;
    assert!(error_of(&too_long.body).field_message("reason").is_some());
    assert_eq!(version_of(&app, "event", event).await, version, "nothing changed");
    let cancelled = move_event(&mut seller, &app, event, "cancelled", Some("Le client a annulé son séminaire")).await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
    let page = detail(&mut seller, event).await;
    assert_eq!(page["event"]["cancel_reason"], "Le client a annulé son séminaire");
    assert_eq!(page["event"]["confirmed_at"], Value::Null);
    assert_eq!(
        app.count("select count(*) from notification where kind = 'event_cancelled'").await,
        1,
        "its support hears of it (the seller did it)"
    );
    assert_eq!(
        app.count(&format!("select count(*) from audit_record where entity_id = '{event}' and action = 'cancel'"))
            .await,
        1
    );
    // Kept, locked: support no longer edits it, and it needs no support.
    let mut edit = event_form("Séminaire");
    edit.retain(|(name, _)| *name != "form[title]");
    let update = support
        .call_owned(
            "/api/update_event",
            &[
                ("id", event.to_string()),
                ("version", version_of(&app, "event", event).await.to_string()),
                ("form[title]", "Séminaire".to_owned()),
                ("form[starts_at]", "2040-04-04T09:00".to_owned()),
                ("form[ends_at]", "2040-04-04T18:00".to_owned()),
                ("form[location]", "Ailleurs".to_owned()),
                ("form[attendees]", "10".to_owned()),
                ("form[notes]", String::new()),
            ],
        )
        .await;
    assert!(matches!(error_of(&update.body), AppError::Refused(_)), "{}", update.body);
    assert_eq!(assign(&mut manager, &app, event, SUPPORT2, None).await.status, StatusCode::CONFLICT);

    // Restoring is management's: back to planned.
    assert_eq!(move_event(&mut seller, &app, event, "to_plan", None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(move_event(&mut manager, &app, event, "to_plan", None).await.status, StatusCode::OK);
    let page = detail(&mut seller, event).await;
    assert_eq!(page["event"]["cancelled_at"], Value::Null);
    assert_eq!(page["event"]["cancel_reason"], Value::Null);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_finished_event_is_corrected_by_management_alone_and_never_cancelled(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    // The test clock reads 12 March 2026, 10:00 in Paris.
    let event = event_at(&mut seller, contract, "Brunch", ("2026-03-12T11:00", "2026-03-12T15:00")).await;
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(assign(&mut manager, &app, event, SUPPORT, None).await.status, StatusCode::OK);
    let update = |attendees: &'static str| {
        vec![
            ("id", event.to_string()),
            ("form[title]", "Brunch".to_owned()),
            ("form[starts_at]", "2026-03-12T11:00".to_owned()),
            ("form[ends_at]", "2026-03-12T15:00".to_owned()),
            ("form[location]", "Salle des fêtes, Tours".to_owned()),
            ("form[attendees]", attendees.to_owned()),
            ("form[notes]", String::new()),
        ]
    };
    let mut support = app.signed_in(SUPPORT).await;
    let mut form = update("90");
    form.push(("version", version_of(&app, "event", event).await.to_string()));
    assert_eq!(support.call_owned("/api/update_event", &form).await.status, StatusCode::OK, "not over yet");

    app.clock.advance(chrono::Duration::hours(6));
    let (mut support, mut manager) = (app.signed_in(SUPPORT).await, app.signed_in(MANAGER).await);
    assert_eq!(detail(&mut support, event).await["event"]["attendees"], 90);
    let mut form = update("85");
    form.push(("version", version_of(&app, "event", event).await.to_string()));
    let refused = support.call_owned("/api/update_event", &form).await;
    assert_eq!(error_of(&refused.body), AppError::Refused(app::i18n::fr::EVENT_LOCKED.to_owned()));
    let corrected = manager.call_owned("/api/update_event", &form).await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.body);
    assert_eq!(app.count(&format!("select attendees::bigint from event where id = '{event}'")).await, 85);
    let cancel = move_event(&mut manager, &app, event, "cancelled", Some("Trop tard")).await;
    assert_eq!(error_of(&cancel.body), AppError::Refused(app::i18n::fr::EVENT_FINISHED_NO_MOVE.to_owned()));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_rest_api_moves_events_and_books_support_with_a_reason(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    let first = event_at(&mut seller, contract, "Premier", ("2040-11-02T09:00", "2040-11-02T12:00")).await;
    let second = event_at(&mut seller, contract, "Second", ("2040-11-02T10:00", "2040-11-02T13:00")).await;
    let support = app.collaborator_id(SUPPORT).await;
    let mut manager = app.api_as(MANAGER).await;
    let booked = manager.put(&format!("/events/{first}/support"), json!({"support_contact_id": support})).await;
    assert_eq!(booked.status, StatusCode::OK, "{}", booked.body);
    assert_eq!(booked.json()["status"], "to_plan");
    let refused = manager.put(&format!("/events/{second}/support"), json!({"support_contact_id": support})).await;
    let problem = refused.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["override_reason"].as_str().unwrap().contains("Premier"), "{problem}");
    let overridden = manager
        .put(
            &format!("/events/{second}/support"),
            json!({"support_contact_id": support, "override_reason": "Renfort prévu"}),
        )
        .await;
    assert_eq!(overridden.status, StatusCode::OK, "{}", overridden.body);

    let mut sales = app.api_as(SALES).await;
    let confirmed = sales.put(&format!("/events/{first}/status"), json!({"status": "confirmed"})).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert_eq!(confirmed.json()["status"], "confirmed");
    let no_reason = sales.put(&format!("/events/{first}/status"), json!({"status": "cancelled"})).await;
    assert!(no_reason.problem(StatusCode::UNPROCESSABLE_ENTITY)["errors"]["reason"].is_string());
    let unknown = sales.put(&format!("/events/{first}/status"), json!({"status": "postponed"})).await;
    assert!(unknown.problem(StatusCode::UNPROCESSABLE_ENTITY)["errors"]["status"].is_string());
    let cancelled =
        sales.put(&format!("/events/{first}/status"), json!({"status": "cancelled", "reason": "Budget coupé"})).await;
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert_eq!(cancelled.json()["cancel_reason"], "Budget coupé");
    let listed = sales.get("/events?search=Premier").await.json();
    assert_eq!(listed["items"][0]["status"], "cancelled");
}

async fn board(browser: &mut Client<'_>, args: &[(&str, &str)]) -> Value {
    let response = browser.read("/api/events_board", args).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

/// The titles of one column's cards.
fn column_titles(board: &Value, status: &str) -> Vec<String> {
    let column = board["columns"].as_array().unwrap().iter().find(|c| c["lane"] == status).unwrap();
    column["cards"].as_array().unwrap().iter().map(|c| c["event"]["title"].as_str().unwrap().to_owned()).collect()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_board_puts_each_event_in_its_states_column_and_moves_it_by_the_same_rules(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    // The test clock reads 12 March 2026, 10:00 in Paris.
    let planned = event_at(&mut seller, contract, "Planifié", ("2026-03-20T10:00", "2026-03-20T12:00")).await;
    let confirmed = event_at(&mut seller, contract, "Confirmé", ("2026-03-21T10:00", "2026-03-21T12:00")).await;
    let ongoing = event_at(&mut seller, contract, "En cours", ("2026-03-12T09:00", "2026-03-12T18:00")).await;
    let finished = event_at(&mut seller, contract, "Fini", ("2026-03-11T09:00", "2026-03-11T18:00")).await;
    let cancelled = event_at(&mut seller, contract, "Annulé", ("2026-03-22T10:00", "2026-03-22T12:00")).await;
    assert_eq!(move_event(&mut seller, &app, confirmed, "confirmed", None).await.status, StatusCode::OK);
    assert_eq!(
        move_event(&mut seller, &app, cancelled, "cancelled", Some("Plus de budget")).await.status,
        StatusCode::OK
    );
    let _ = (ongoing, finished);

    // (The demo's events are months ahead of the test clock, the one it cancelled as of today.)
    let shown = board(&mut seller, &[("query[mine]", "false")]).await;
    assert_eq!(column_titles(&shown, "ToPlan")[0], "Planifié", "soonest first");
    assert_eq!(column_titles(&shown, "Confirmed")[0], "Confirmé");
    assert_eq!(column_titles(&shown, "Ongoing"), ["En cours"]);
    assert_eq!(column_titles(&shown, "Finished"), ["Fini"]);
    assert!(column_titles(&shown, "Cancelled").contains(&"Annulé".to_owned()));
    for other in ["ToPlan", "Confirmed", "Ongoing", "Finished"] {
        assert!(!column_titles(&shown, other).contains(&"Annulé".to_owned()), "{other}");
    }

    // A move from the board comes back to the board; a refused one changes nothing.
    let planned_id = planned.to_string();
    let form = |status: &'static str| {
        [("id", planned_id.as_str()), ("version", "1"), ("status", status), ("back_to_board", "true")]
    };
    let refused = seller.call("/api/move_event", &form("finished")).await;
    assert!(matches!(error_of(&refused.body), AppError::Refused(_)));
    assert_eq!(version_of(&app, "event", planned).await, 1);
    let moved = seller.post_plain_form("/api/move_event", &form("confirmed"), "/evenements/tableau").await;
    assert_eq!(moved.status, StatusCode::FOUND);
    assert_eq!(moved.location(), Some("/evenements/tableau?ok=status_changed"));
    assert_eq!(
        column_titles(&board(&mut seller, &[("query[mine]", "false")]).await, "Confirmed")[..2],
        ["Planifié", "Confirmé"]
    );
    // Another salesperson's client's event is not theirs to move.
    let mut other = app.signed_in("commercial2@epic-events.fr").await;
    assert_eq!(move_event(&mut other, &app, planned, "to_plan", None).await.status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn each_board_column_pages_on_its_own_and_counts_its_cards(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    // 25 events finished the days before the test clock, the most recent first on the board.
    for day in 1..=25 {
        let start = format!("2026-02-{:02}T10:00", day);
        let end = format!("2026-02-{:02}T12:00", day);
        event_at(&mut seller, contract, &format!("Passé {day:02}"), (&start, &end)).await;
    }
    let first = board(&mut seller, &[("query[mine]", "false")]).await;
    let finished = first["columns"].as_array().unwrap().iter().find(|c| c["lane"] == "Finished").unwrap().clone();
    assert_eq!(finished["total"], 25);
    let titles = column_titles(&first, "Finished");
    assert_eq!(titles.len(), 20);
    assert_eq!((titles[0].as_str(), titles[19].as_str()), ("Passé 25", "Passé 06"));
    let cursor = finished["next"].as_str().unwrap().to_owned();
    let next = board(&mut seller, &[("query[finished]", &cursor)]).await;
    assert_eq!(column_titles(&next, "Finished"), ["Passé 05", "Passé 04", "Passé 03", "Passé 02", "Passé 01"]);
    assert!(next["columns"].as_array().unwrap().iter().find(|c| c["lane"] == "Finished").unwrap()["next"].is_null());
    // The other columns did not move.
    assert_eq!(column_titles(&next, "ToPlan"), column_titles(&first, "ToPlan"));
    // "Mine" for support: only the events they run.
    let mut manager = app.signed_in(MANAGER).await;
    let passed: Uuid =
        sqlx::query_scalar("select id from event where title = 'Passé 03'").fetch_one(&app.owner).await.unwrap();
    assert_eq!(assign(&mut manager, &app, passed, SUPPORT2, None).await.status, StatusCode::OK);
    let mut support = app.signed_in(SUPPORT2).await;
    let own = board(&mut support, &[("query[mine]", "true")]).await;
    assert_eq!(column_titles(&own, "Finished"), ["Passé 03"]);
    // A position that is not one is refused, not ignored.
    let bad = support.read("/api/events_board", &[("query[mine]", "false"), ("query[finished]", "hier")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    let page = support.get("/evenements/tableau?finished=hier").await;
    assert!(page.body.contains(app::i18n::fr::BOARD_CURSOR_INVALID), "the page names the bad parameter");
    // The page itself renders, every column with its count.
    let page = seller.get("/evenements/tableau").await;
    assert_eq!(page.status, StatusCode::OK);
    for label in ["À planifier", "Confirmé", "En cours", "Terminé", "Annulé"] {
        assert!(page.body.contains(label), "{label}");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_restored_event_whose_support_was_booked_meanwhile_comes_back_without_them(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    let first = event_at(&mut seller, contract, "Premier", ("2040-05-10T09:00", "2040-05-10T12:00")).await;
    let second = event_at(&mut seller, contract, "Second", ("2040-05-10T10:00", "2040-05-10T13:00")).await;
    let third = event_at(&mut seller, contract, "Troisième", ("2040-05-20T10:00", "2040-05-20T13:00")).await;
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(assign(&mut manager, &app, first, SUPPORT, None).await.status, StatusCode::OK);
    assert_eq!(assign(&mut manager, &app, third, SUPPORT, None).await.status, StatusCode::OK);
    assert_eq!(move_event(&mut seller, &app, first, "cancelled", Some("Reporté")).await.status, StatusCode::OK);
    // Cancelled, the first is in nobody's way: support takes the second at that time.
    assert_eq!(assign(&mut manager, &app, second, SUPPORT, None).await.status, StatusCode::OK);
    let restored = move_event(&mut manager, &app, first, "to_plan", None).await;
    assert_eq!(restored.status, StatusCode::OK, "{}", restored.body);
    assert_eq!(support_of(&app, first).await, None, "not booked twice behind anyone's back");
    assert_eq!(support_of(&app, second).await, Some(app.collaborator_id(SUPPORT).await));
    let changes: Value = sqlx::query_scalar(
        "select changes from audit_record where entity_id = $1 and action = 'restore' order by id desc limit 1",
    )
    .bind(first)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert!(changes.to_string().contains("support_contact"), "{changes}");
    // An event still free keeps its support when restored.
    assert_eq!(move_event(&mut seller, &app, third, "cancelled", Some("Reporté")).await.status, StatusCode::OK);
    assert_eq!(move_event(&mut manager, &app, third, "to_plan", None).await.status, StatusCode::OK);
    assert_eq!(support_of(&app, third).await, Some(app.collaborator_id(SUPPORT).await));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_cancelled_event_is_no_longer_the_first_that_milestones_count_from(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = contract(&app, &mut seller).await;
    let first = event_at(&mut seller, contract, "Premier", ("2040-05-10T10:00", "2040-05-10T12:00")).await;
    event_at(&mut seller, contract, "Second", ("2040-06-10T10:00", "2040-06-10T12:00")).await;
    let due = || async {
        let due: Option<chrono::NaiveDate> =
            sqlx::query_scalar("select due_on from payment_milestone where contract_id = $1 and due_kind = 'event'")
                .bind(contract)
                .fetch_one(&app.owner)
                .await
                .unwrap();
        due.map(|d| d.to_string())
    };
    assert_eq!(due().await.as_deref(), Some("2040-05-10"), "the balance is due the day of the first event");
    assert_eq!(move_event(&mut seller, &app, first, "cancelled", Some("Reporté")).await.status, StatusCode::OK);
    assert_eq!(due().await.as_deref(), Some("2040-06-10"), "the first event that still takes place");
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(move_event(&mut manager, &app, first, "to_plan", None).await.status, StatusCode::OK);
    assert_eq!(due().await.as_deref(), Some("2040-05-10"));
}
