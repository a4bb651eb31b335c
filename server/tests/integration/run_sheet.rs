//! The event-day run sheet: who may change it (the event's support until it is over,
//! management always), bad input and stale versions refused with nothing changed, every change
//! audited, its PDF (parsed back), and the REST API.

use crate::common;

use http::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use common::records::*;
use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const SALES2: &str = "commercial2@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const SUPPORT2: &str = "support2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

/// An event of a new client of `SALES`, supported by `SUPPORT`, from `starts` to `ends` (Paris).
async fn event(app: &TestApp, (starts, ends): (&str, &str)) -> Uuid {
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(app, &mut seller, &format!("{}@exemple.fr", Uuid::new_v4().simple())).await;
    let mut form = event_form("Gala des partenaires");
    for (name, value) in &mut form {
        match *name {
            "form[starts_at]" => *value = starts.to_owned(),
            "form[ends_at]" => *value = ends.to_owned(),
            _ => {}
        }
    }
    form.push(("contract_id", contract.to_string()));
    let id = seller.call_owned("/api/create_event", &form).await.created_id();
    let mut manager = app.signed_in(MANAGER).await;
    let assign = [
        ("id", id.to_string()),
        ("version", version_of(app, "event", id).await.to_string()),
        ("support_contact_id", app.collaborator_id(SUPPORT).await.to_string()),
    ];
    assert_eq!(manager.call_owned("/api/assign_event_support", &assign).await.status, StatusCode::OK);
    id
}

const EVENING: (&str, &str) = ("2040-06-14T18:00", "2040-06-14T23:30");

async fn sheet_version(app: &TestApp, event: Uuid) -> i32 {
    sqlx::query_scalar("select coalesce((select version from run_sheet where event_id = $1), 0)")
        .bind(event)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

async fn add(
    browser: &mut Client<'_>,
    app: &TestApp,
    event: Uuid,
    at: &str,
    kind: &str,
    label: &str,
) -> common::TestResponse {
    let form = [
        ("id", event.to_string()),
        ("version", sheet_version(app, event).await.to_string()),
        ("form[at]", at.to_owned()),
        ("form[kind]", kind.to_owned()),
        ("form[label]", label.to_owned()),
        ("form[details]", "Micro sans fil, 15 minutes.".to_owned()),
    ];
    browser.call_owned("/api/add_timeline_item", &form).await
}

async fn items(app: &TestApp, event: Uuid) -> Vec<(Uuid, String)> {
    sqlx::query_as("select id, label from run_sheet_item where event_id = $1 order by at")
        .bind(event)
        .fetch_all(&app.owner)
        .await
        .unwrap()
}

async fn audits(app: &TestApp, event: Uuid) -> i64 {
    app.count(&format!("select count(*) from audit_record where entity_id = '{event}' and action = 'edit_run_sheet'"))
        .await
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_events_support_keeps_its_timeline_and_each_change_is_audited(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let event = event(&app, EVENING).await;
    let mut support = app.signed_in(SUPPORT).await;
    let added = add(&mut support, &app, event, "2040-06-14T17:30", "doors", "Accueil des invités").await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert!(added.location().unwrap().ends_with("/feuille-de-route?ok=timeline_item_added"));
    let later = add(&mut support, &app, event, "2040-06-14T20:00", "programme", "Discours du directeur").await;
    assert_eq!(later.status, StatusCode::OK, "{}", later.body);
    assert_eq!(audits(&app, event).await, 2);

    let sheet = support.read("/api/get_run_sheet", &[("id", &event.to_string())]).await;
    let sheet: Value = serde_json::from_str(&sheet.body).unwrap();
    let labels: Vec<&str> = sheet["items"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["Accueil des invités", "Discours du directeur"]);
    assert_eq!(sheet["support"]["phone"], "+33650607080", "the support's phone from the demo");

    let (speech, _) = items(&app, event).await[1].clone();
    let edit = [
        ("item_id", speech.to_string()),
        ("version", sheet_version(&app, event).await.to_string()),
        ("form[at]", "2040-06-14T20:30".to_owned()),
        ("form[kind]", "programme".to_owned()),
        ("form[label]", "Discours de la présidente".to_owned()),
    ];
    assert_eq!(support.call_owned("/api/update_timeline_item", &edit).await.status, StatusCode::OK);
    let details = [
        ("id", event.to_string()),
        ("version", sheet_version(&app, event).await.to_string()),
        ("form[access_notes]", "Portail nord, badge à l’accueil".to_owned()),
        ("form[onsite_contact_name]", "Marc Lefèvre".to_owned()),
        ("form[onsite_contact_phone]", "06 23 45 67 89".to_owned()),
    ];
    assert_eq!(support.call_owned("/api/update_run_sheet", &details).await.status, StatusCode::OK);
    let contact: (String, Option<String>) =
        sqlx::query_as("select onsite_contact_name, onsite_contact_phone from run_sheet where event_id = $1")
            .bind(event)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(contact, ("Marc Lefèvre".to_owned(), Some("+33623456789".to_owned())));
    let remove = [("item_id", speech.to_string()), ("version", sheet_version(&app, event).await.to_string())];
    assert_eq!(support.call_owned("/api/delete_timeline_item", &remove).await.status, StatusCode::OK);
    assert_eq!(items(&app, event).await.len(), 1);
    assert_eq!(audits(&app, event).await, 5, "add, add, edit, details, delete");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_the_events_support_and_management_change_it_and_a_finished_event_is_managements(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let event = event(&app, EVENING).await;
    for refused in [SALES, SALES2, SUPPORT2] {
        let mut browser = app.signed_in(refused).await;
        let answer = add(&mut browser, &app, event, "2040-06-14T19:00", "programme", "Cocktail").await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{refused}: {}", answer.body);
    }
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(
        add(&mut manager, &app, event, "2040-06-14T19:00", "programme", "Cocktail").await.status,
        StatusCode::OK
    );

    // The test clock reads 12 March 2026: an event of the 1st is finished.
    let finished = self::event(&app, ("2026-03-01T18:00", "2026-03-01T23:00")).await;
    let mut support = app.signed_in(SUPPORT).await;
    let locked = add(&mut support, &app, finished, "2026-03-01T19:00", "teardown", "Démontage").await;
    assert_eq!(locked.status, StatusCode::CONFLICT, "{}", locked.body);
    assert!(matches!(error_of(&locked.body), AppError::Refused(_)), "said why: {}", locked.body);
    let corrected = add(&mut manager, &app, finished, "2026-03-01T23:00", "teardown", "Démontage").await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.body);
    assert_eq!(items(&app, event).await.len() + items(&app, finished).await.len(), 2);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn bad_steps_stale_versions_and_unknown_ids_change_nothing(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let event = event(&app, EVENING).await;
    let mut support = app.signed_in(SUPPORT).await;
    let form = [
        ("id", event.to_string()),
        ("version", "0".to_owned()),
        ("form[at]", "2040-06-20T10:00".to_owned()),
        ("form[kind]", "apero".to_owned()),
        ("form[label]", " ".to_owned()),
        ("form[details]", "x".repeat(501)),
    ];
    let refused = support.call_owned("/api/add_timeline_item", &form).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let error = error_of(&refused.body);
    for field in ["at", "kind", "label", "details"] {
        assert!(error.field_message(field).is_some(), "{field}: {}", refused.body);
    }
    let bad_phone = [
        ("id", event.to_string()),
        ("version", "0".to_owned()),
        ("form[onsite_contact_name]", "Marc".to_owned()),
        ("form[onsite_contact_phone]", "12".to_owned()),
    ];
    let refused = support.call_owned("/api/update_run_sheet", &bad_phone).await;
    assert!(error_of(&refused.body).field_message("onsite_contact_phone").is_some(), "{}", refused.body);

    assert_eq!(add(&mut support, &app, event, "2040-06-14T17:30", "doors", "Accueil").await.status, StatusCode::OK);
    let stale = [
        ("id", event.to_string()),
        ("version", "0".to_owned()),
        ("form[at]", "2040-06-14T18:00".to_owned()),
        ("form[kind]", "programme".to_owned()),
        ("form[label]", "Mot d’accueil".to_owned()),
    ];
    assert_eq!(support.call_owned("/api/add_timeline_item", &stale).await.status, StatusCode::CONFLICT);
    assert_eq!(items(&app, event).await.len(), 1);
    assert_eq!(audits(&app, event).await, 1);

    let nobody = Uuid::new_v4().to_string();
    let unknown_item = [("item_id", nobody.clone()), ("version", "1".to_owned())];
    assert_eq!(support.call_owned("/api/delete_timeline_item", &unknown_item).await.status, StatusCode::NOT_FOUND);
    let unknown_event = [("id", nobody.clone())];
    assert_eq!(support.read_owned("/api/get_run_sheet", &unknown_event).await.status, StatusCode::NOT_FOUND);
    assert_eq!(support.get(&format!("/evenements/{nobody}/feuille-de-route.pdf")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(support.get("/evenements/pas-un-id/feuille-de-route.pdf").await.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_pdf_is_a_private_download_that_holds_the_timeline(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let event = event(&app, EVENING).await;
    let mut support = app.signed_in(SUPPORT).await;
    add(&mut support, &app, event, "2040-06-14T17:30", "doors", "Accueil des invités").await;
    add(&mut support, &app, event, "2040-06-15T00:30", "teardown", "Démontage de la scène").await;

    // Anyone signed in reads it: a salesperson of another client too.
    let mut reader = app.signed_in(SALES2).await;
    let pdf = reader.get(&format!("/evenements/{event}/feuille-de-route.pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_eq!(pdf.header("cache-control"), Some("no-store"));
    let disposition = format!("attachment; filename=\"feuille-de-route-{event}.pdf\"");
    assert_eq!(pdf.header("content-disposition"), Some(disposition.as_str()));

    let logged =
        "select count(*) from security_event where kind = 'list_exported' and detail like '%feuille-de-route.pdf'";
    assert_eq!(app.count(logged).await, 1, "the download is security-logged, as exports are");
    let document = lopdf::Document::load_mem(&pdf.bytes).expect("a PDF");
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    assert_eq!(pages.len(), 1, "one A4 sheet");
    let text = document.extract_text(&pages).unwrap();
    for expected in [
        "Feuille de route",
        "Gala des partenaires",
        "Accueil des invités",
        "Démontage de la scène",
        "17:30",
        "15/06 00:30",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }

    let mut signed_out = app.client();
    assert_ne!(signed_out.get(&format!("/evenements/{event}/feuille-de-route.pdf")).await.status, StatusCode::OK);
}

/// The night the clocks go back (28 October 2040 in Paris, 02:00 to 03:00 twice): a step at the
/// second 02:30 (01:30 UTC) stays there, sent or left unchanged; so does an event's start.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_api_keeps_instants_of_the_hour_the_autumn_repeats(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let event = event(&app, ("2040-10-27T22:00", "2040-10-28T05:00")).await;
    let mut support = app.api_as(SUPPORT).await;
    let created = support
        .post(
            &format!("/events/{event}/run-sheet/items"),
            json!({"at": "2040-10-28T01:30:00Z", "kind": "programme", "label": "Feu d'artifice"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.json()["at"], "2040-10-28T01:30:00Z");
    let item = created.json()["id"].as_str().unwrap().to_owned();
    let renamed = support.patch(&format!("/run-sheet-items/{item}"), json!({"label": "Grand feu d'artifice"})).await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert_eq!(renamed.json()["at"], "2040-10-28T01:30:00Z", "left unchanged, not an hour earlier");

    let moved = support.patch(&format!("/events/{event}"), json!({"start": "2040-10-28T01:15:00Z"})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.json()["start"], "2040-10-28T01:15:00Z");
    let noted = support.patch(&format!("/events/{event}"), json!({"notes": "Changement d'heure cette nuit."})).await;
    assert_eq!(noted.status, StatusCode::OK, "{}", noted.body);
    assert_eq!(noted.json()["start"], "2040-10-28T01:15:00Z", "left unchanged");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_api_reads_the_sheet_and_changes_its_steps_under_its_version(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let event = event(&app, EVENING).await;
    let mut support = app.api_as(SUPPORT).await;
    let sheet = support.get(&format!("/events/{event}/run-sheet")).await;
    assert_eq!(sheet.status, StatusCode::OK, "{}", sheet.body);
    assert_eq!(sheet.header("etag"), Some("\"0\""));
    assert_eq!(sheet.json()["items"], json!([]));

    let step = json!({"at": "2040-06-14T15:30:00Z", "kind": "doors", "label": "Accueil des invités"});
    let body = step.to_string().into_bytes();
    let created = support
        .raw(
            Method::POST,
            &format!("/events/{event}/run-sheet/items"),
            Some("application/json"),
            body,
            &[("if-match", "\"0\"")],
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.header("etag"), Some("\"1\""));
    let location = created.location().unwrap().to_owned();
    let item = created.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/api/v1/run-sheet-items/{item}"));

    let stale = support
        .raw(
            Method::PATCH,
            &format!("/run-sheet-items/{item}"),
            Some("application/json"),
            br#"{"label": "Accueil"}"#.to_vec(),
            &[("if-match", "\"0\"")],
        )
        .await;
    stale.problem(StatusCode::CONFLICT);
    let outside = support.patch(&format!("/run-sheet-items/{item}"), json!({"at": "2040-07-01T10:00:00Z"})).await;
    let problem = outside.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["at"].is_string(), "{problem}");
    let changed = support.patch(&format!("/run-sheet-items/{item}"), json!({"label": "Accueil et vestiaire"})).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.json()["label"], "Accueil et vestiaire");

    let details = support
        .patch(
            &format!("/events/{event}/run-sheet"),
            json!({"onsite_contact_name": "Marc", "onsite_contact_phone": "06 23 45 67 89"}),
        )
        .await;
    assert_eq!(details.status, StatusCode::OK, "{}", details.body);
    assert_eq!(details.json()["onsite_contact_phone"], "+33623456789");
    // An emptied name removes the contact, phone included.
    let removed = support.patch(&format!("/events/{event}/run-sheet"), json!({"onsite_contact_name": ""})).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    assert!(removed.json()["onsite_contact_phone"].is_null(), "{}", removed.body);

    let mut seller = app.api_as(SALES).await;
    seller.delete(&format!("/run-sheet-items/{item}")).await.problem(StatusCode::FORBIDDEN);
    assert_eq!(support.delete(&format!("/run-sheet-items/{item}")).await.status, StatusCode::NO_CONTENT);
    support.get(&format!("/run-sheet-items/{item}")).await.problem(StatusCode::NOT_FOUND);
    assert_eq!(audits(&app, event).await, 5);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn each_collaborator_sets_their_work_phone_which_the_run_sheet_shows(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let event = event(&app, EVENING).await;
    let mut support = app.signed_in(SUPPORT).await;
    let bad = support.call("/api/set_my_phone", &[("phone", "pas un numéro")]).await;
    assert!(error_of(&bad.body).field_message("phone").is_some(), "{}", bad.body);
    let saved = support.call("/api/set_my_phone", &[("phone", "06 98 76 54 32")]).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.location(), Some("/mon-compte?ok=phone_saved"));
    let stored: Option<String> = sqlx::query_scalar("select phone from collaborator where email = $1")
        .bind(SUPPORT)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(stored.as_deref(), Some("+33698765432"));
    assert!(support.get("/mon-compte").await.body.contains("+33 6 98 76 54 32"), "the account page shows it");
    let sheet = support.get(&format!("/evenements/{event}/feuille-de-route")).await.body;
    assert!(sheet.contains("tel:+33698765432"), "the run sheet shows it");
    let trail = app
        .count(&format!(
            "select count(*) from audit_record where entity_id = '{}' and action = 'update' and changes::text like '%phone%'",
            app.collaborator_id(SUPPORT).await
        ))
        .await;
    assert_eq!(trail, 1);
    // Emptied, it is removed.
    assert_eq!(support.call("/api/set_my_phone", &[("phone", " ")]).await.status, StatusCode::OK);
    let stored: Option<String> = sqlx::query_scalar("select phone from collaborator where email = $1")
        .bind(SUPPORT)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(stored, None);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_clients_export_holds_its_run_sheets_and_anonymising_it_deletes_them(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let event = event(&app, EVENING).await;
    let mut support = app.signed_in(SUPPORT).await;
    assert_eq!(
        add(&mut support, &app, event, "2040-06-14T17:30", "doors", "Accueil des invités").await.status,
        StatusCode::OK
    );
    let details = [
        ("id", event.to_string()),
        ("version", sheet_version(&app, event).await.to_string()),
        ("form[access_notes]", "Portail nord".to_owned()),
        ("form[onsite_contact_name]", "Odile Sur-Place".to_owned()),
        ("form[onsite_contact_phone]", "06 23 45 67 89".to_owned()),
    ];
    assert_eq!(support.call_owned("/api/update_run_sheet", &details).await.status, StatusCode::OK);
    let client: Uuid = sqlx::query_scalar("select client_id from event where id = $1")
        .bind(event)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let mut manager = app.signed_in(MANAGER).await;
    let exported = export_client(&mut manager, &client.to_string()).await.body;
    assert!(exported.contains("Odile Sur-Place") && exported.contains("Accueil des invités"), "{exported}");
    let anonymised = manager.call("/api/anonymise_client", &[("id", &client.to_string()), ("confirm", "on")]).await;
    assert!(anonymised.status.is_success() || anonymised.status.is_redirection(), "{}", anonymised.body);
    assert_eq!(app.count(&format!("select count(*) from run_sheet where event_id = '{event}'")).await, 0);
    assert_eq!(app.count(&format!("select count(*) from run_sheet_item where event_id = '{event}'")).await, 0);
    let trail = app
        .count(&format!(
            "select count(*) from audit_record where entity_id = '{event}'
              and (changes::text like '%Odile%' or changes::text like '%Accueil des invités%')"
        ))
        .await;
    assert_eq!(trail, 0, "the trail holds none of it");
    // Nothing written back past the service either: the database refuses a sheet's texts.
    let sheet = sqlx::query("insert into run_sheet (event_id, access_notes) values ($1, 'Chez Odile')")
        .bind(event)
        .execute(&app.pool)
        .await;
    assert_eq!(refused_constraint(sheet).as_deref(), Some("run_sheet_client_anonymised_check"));
    sqlx::query("insert into run_sheet (event_id) values ($1)").bind(event).execute(&app.pool).await.unwrap();
    let item = sqlx::query(
        "insert into run_sheet_item (event_id, at, kind, label) values ($1, '2040-01-01T10:00:00Z', 'doors', 'Odile')",
    )
    .bind(event)
    .execute(&app.pool)
    .await;
    assert_eq!(refused_constraint(item).as_deref(), Some("run_sheet_item_client_anonymised_check"));
}
