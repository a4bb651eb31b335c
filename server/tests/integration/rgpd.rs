//! RGPD tools through the HTTP pipeline: the client data export, anonymisation (one client and
//! in bulk), the retention list — management only, refused to the others without a change.

use crate::common;

use http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use common::records::{create_contract, export_client};
use common::{Client, TestApp, TestResponse};

const SALES: &str = "commercial@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

fn error_of(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not an AppError ({e}): {body}"))
}

/// A client of the first salesperson with a signed contract and an event with notes, plus an
/// edit of the client: personal data spread over every table the erasure must reach.
struct Fixture {
    client: Uuid,
    contract: Uuid,
    event: Uuid,
}

async fn fixture(seller: &mut Client<'_>, name: &str, email: &str) -> Fixture {
    let form = |phone: &str| {
        vec![
            ("form[full_name]", name.to_owned()),
            ("form[email]", email.to_owned()),
            ("form[phone]", phone.to_owned()),
            ("form[company_name]", "Marchand Réceptions".to_owned()),
        ]
    };
    let client = seller.call_owned("/api/create_client", &form("06 98 76 54 32")).await.created_id();
    let mut update = form("07 11 22 33 44");
    update.extend([("id", client.to_string()), ("version", "1".to_owned())]);
    assert_eq!(seller.call_owned("/api/update_client", &update).await.status, StatusCode::OK);
    let contract = create_contract(seller, client, "12 500", "2 500").await.created_id();
    let signed = seller.call("/api/sign_contract", &[("id", &contract.to_string()), ("version", "1")]).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    let event = seller
        .call_owned(
            "/api/create_event",
            &[
                ("contract_id", contract.to_string()),
                ("form[title]", format!("Mariage de {name}")),
                ("form[starts_at]", "2027-06-12T14:00".to_owned()),
                ("form[ends_at]", "2027-06-12T23:00".to_owned()),
                ("form[location]", "Château de Tours".to_owned()),
                ("form[attendees]", "150".to_owned()),
                ("form[notes]", format!("{name} est allergique aux noix ; appeler le 07 11 22 33 44.")),
            ],
        )
        .await
        .created_id();
    Fixture { client, contract, event }
}

async fn anonymise(browser: &mut Client<'_>, client: Uuid) -> TestResponse {
    browser.call("/api/anonymise_client", &[("id", &client.to_string()), ("confirm", "on")]).await
}

/// Every text the database holds about a client's records, as the owner reads it.
async fn everything_about(app: &TestApp, f: &Fixture) -> String {
    sqlx::query_scalar(
        "select concat_ws(' | ',
            (select row_to_json(c)::text from client c where id = $1),
            (select json_agg(e)::text from event e where client_id = $1),
            (select json_agg(a.changes)::text from audit_record a
             where a.entity_id in ($1, $2, $3)))",
    )
    .bind(f.client)
    .bind(f.contract)
    .bind(f.event)
    .fetch_one(&app.owner)
    .await
    .unwrap()
}

/// The audit trail holds phone numbers as stored (E.164): the former one is "33698765432".
const PERSONAL: [&str; 7] =
    ["Léonie", "Marchand", "leonie.marchand@", "33698765432", "33711223344", "11 22 33 44", "allergique"];

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn anonymising_erases_the_client_everywhere_and_keeps_the_amounts(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let f = fixture(&mut seller, "Léonie Marchand", "leonie.marchand@reception.fr").await;
    let before = everything_about(&app, &f).await;
    assert!(PERSONAL.iter().all(|p| before.contains(p)), "the fixture holds every personal value: {before}");

    let mut manager = app.signed_in(MANAGER).await;
    let response = anonymise(&mut manager, f.client).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);

    let after = everything_about(&app, &f).await;
    for personal in PERSONAL {
        assert!(!after.to_lowercase().contains(&personal.to_lowercase()), "{personal} is gone: {after}");
    }
    let (name, email, phone, company, anonymised): (String, String, String, String, bool) = sqlx::query_as(
        "select full_name, email, phone, company_name, anonymised_at is not null from client where id = $1",
    )
    .bind(f.client)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert!(name.starts_with("Anonyme ") && email.ends_with("@anonyme.invalid"), "{name} {email}");
    assert_eq!(phone, "+99900000000");
    assert!(company.starts_with("Entreprise anonymisée"));
    assert!(anonymised);
    let (total, remaining, signed): (i64, i64, bool) =
        sqlx::query_as("select total_cents, remaining_cents, signed_at is not null from contract where id = $1")
            .bind(f.contract)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!((total, remaining, signed), (1_250_000, 250_000, true), "amounts and signature are kept");
    let (notes, title, search, starts, client_name, client_anonymised): (String, String, String, String, String, bool) =
        sqlx::query_as(
            "select notes, title, search, to_char(starts_at at time zone 'Europe/Paris', 'YYYY-MM-DD HH24:MI'),
                client_name, client_anonymised
             from event where id = $1",
        )
        .bind(f.event)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(notes, "");
    assert_eq!(title, format!("Mariage de {name}"));
    assert!(!search.contains("marchand") && search.contains(&name.to_lowercase()), "{search}");
    assert_eq!(starts, "2027-06-12 14:00", "dates are kept");
    assert_eq!((client_name.as_str(), client_anonymised), (name.as_str(), true), "the event's copy of its client");
    // The anonymisation is audited, with counts only.
    let record: Value = sqlx::query_scalar(
        "select changes from audit_record where entity = 'client' and entity_id = $1 and action = 'anonymise'",
    )
    .bind(f.client)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    let fields: Vec<&str> = record.as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["contracts", "events", "notes", "follow_ups", "run_sheets", "debriefs", "audit_records"]);
    // Searching for the old name finds nothing any more.
    assert_eq!(app.count("select count(*) from event where search like '%marchand%'").await, 0);
    assert_eq!(app.count("select count(*) from client where search like '%marchand%'").await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_anonymised_client_is_never_edited_back_into_a_person(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let f = fixture(&mut seller, "Léonie Marchand", "leonie.marchand@reception.fr").await;
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(anonymise(&mut manager, f.client).await.status, StatusCode::OK);

    let version: i32 = sqlx::query_scalar("select version from client where id = $1")
        .bind(f.client)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let edit = seller
        .call_owned(
            "/api/update_client",
            &[
                ("id", f.client.to_string()),
                ("version", version.to_string()),
                ("form[full_name]", "Léonie Marchand".to_owned()),
                ("form[email]", "leonie.marchand@reception.fr".to_owned()),
                ("form[phone]", "06 98 76 54 32".to_owned()),
                ("form[company_name]", "Marchand Réceptions".to_owned()),
            ],
        )
        .await;
    assert_eq!(edit.status, StatusCode::FORBIDDEN, "{}", edit.body);
    let page = seller.get(&format!("/clients/{}/modifier", f.client)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // Nor by hand: the database refuses it too.
    let by_hand = sqlx::query("update client set full_name = 'Léonie Marchand' where id = $1")
        .bind(f.client)
        .execute(&app.owner)
        .await;
    assert!(by_hand.is_err());
    let again = anonymise(&mut manager, f.client).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("select count(*) from client where full_name like 'Léonie%'").await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_export_holds_everything_about_the_client_and_is_audited(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let f = fixture(&mut seller, "Léonie Marchand", "leonie.marchand@reception.fr").await;
    let mut manager = app.signed_in(MANAGER).await;
    let response = export_client(&mut manager, &f.client.to_string()).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert_eq!(
        response.header("content-disposition"),
        Some(format!("attachment; filename=\"client-{}.json\"", f.client).as_str())
    );
    assert!(response.header("content-type").unwrap().starts_with("application/json"));
    let document: Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(document["format"], "epic-events.client-export.v1");
    assert_eq!(document["client"]["email"], "leonie.marchand@reception.fr");
    assert_eq!(document["client"]["phone"], "+33711223344");
    assert_eq!(document["contracts"][0]["total_cents"], 1_250_000);
    assert!(document["events"][0]["notes"].as_str().unwrap().contains("allergique"));
    let actions: Vec<(&str, &str)> = document["audit_records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["entity"].as_str().unwrap(), r["action"].as_str().unwrap()))
        .collect();
    for expected in
        [("client", "create"), ("client", "update"), ("contract", "create"), ("contract", "sign"), ("event", "create")]
    {
        assert!(actions.contains(&expected), "{expected:?} in {actions:?}");
    }
    let audited = format!(
        "select count(*) from audit_record where entity = 'client' and entity_id = '{}' and action = 'export'",
        f.client
    );
    assert_eq!(app.count(&audited).await, 1);

    // After anonymisation, the export holds nothing personal any more.
    assert_eq!(anonymise(&mut manager, f.client).await.status, StatusCode::OK);
    let after = export_client(&mut manager, &f.client.to_string()).await;
    assert_eq!(after.status, StatusCode::OK);
    for personal in PERSONAL {
        assert!(!after.body.to_lowercase().contains(&personal.to_lowercase()), "{personal} in {}", after.body);
    }
    assert_eq!(app.count(&audited).await, 2);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn rgpd_actions_are_refused_to_sales_and_support_and_change_nothing(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let f = fixture(&mut seller, "Léonie Marchand", "leonie.marchand@reception.fr").await;
    sqlx::query("update client set updated_at = '2020-01-01' where id = $1")
        .bind(f.client)
        .execute(&app.owner)
        .await
        .unwrap();
    let before = everything_about(&app, &f).await;
    let audit_count = app.count("select count(*) from audit_record").await;
    for email in [SALES, SUPPORT] {
        let mut browser = app.signed_in(email).await;
        assert_eq!(export_client(&mut browser, &f.client.to_string()).await.status, StatusCode::FORBIDDEN, "{email}");
        assert_eq!(anonymise(&mut browser, f.client).await.status, StatusCode::FORBIDDEN, "{email}");
        let bulk = browser.call("/api/anonymise_clients", &[("all", "1"), ("confirm", "on")]).await;
        assert_eq!(bulk.status, StatusCode::FORBIDDEN, "{email}");
        let some = browser.call("/api/anonymise_clients", &[("ids[]", &f.client.to_string()), ("confirm", "on")]).await;
        assert_eq!(some.status, StatusCode::FORBIDDEN, "{email}");
        let preview = browser.call("/api/anonymisation_preview", &[("id", &f.client.to_string())]).await;
        assert_eq!(preview.status, StatusCode::FORBIDDEN, "{email}");
        for page in ["/administration/rgpd".to_owned(), format!("/clients/{}/anonymiser", f.client)] {
            assert_eq!(browser.get(&page).await.status, StatusCode::FORBIDDEN, "{email} {page}");
        }
        let client_page = browser.get(&format!("/clients/{}", f.client)).await;
        assert!(!client_page.body.contains("/export"), "{email} sees no export button");
    }
    assert_eq!(everything_about(&app, &f).await, before);
    assert_eq!(app.count("select count(*) from audit_record").await, audit_count);
    // Anonymous visitors are refused too.
    let mut stranger = app.client();
    assert_eq!(export_client(&mut stranger, &f.client.to_string()).await.status, StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn bad_rgpd_requests_get_clear_errors_and_change_nothing(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let f = fixture(&mut seller, "Léonie Marchand", "leonie.marchand@reception.fr").await;
    let before = everything_about(&app, &f).await;
    let audit_count = app.count("select count(*) from audit_record").await;
    let mut manager = app.signed_in(MANAGER).await;

    let unconfirmed = manager.call("/api/anonymise_client", &[("id", &f.client.to_string())]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&unconfirmed.body).field_message("confirm").is_some());
    let malformed =
        manager.call("/api/anonymise_client", &[("id", "'; drop table client; --"), ("confirm", "on")]).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(anonymise(&mut manager, Uuid::new_v4()).await.status, StatusCode::NOT_FOUND);
    let nothing = manager.call("/api/anonymise_clients", &[("confirm", "on")]).await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&nothing.body).field_message("ids").is_some());
    // One unknown id among the chosen: the whole bulk action is undone.
    let unknown = Uuid::new_v4().to_string();
    let mixed = manager
        .call("/api/anonymise_clients", &[("ids[]", &f.client.to_string()), ("ids[]", &unknown), ("confirm", "on")])
        .await;
    assert_eq!(mixed.status, StatusCode::NOT_FOUND);
    let bad_id = manager.call("/api/anonymise_clients", &[("ids[]", "x"), ("confirm", "on")]).await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST);
    assert_eq!(export_client(&mut manager, "not-a-uuid").await.status, StatusCode::NOT_FOUND);
    assert_eq!(export_client(&mut manager, &unknown).await.status, StatusCode::NOT_FOUND);
    assert_eq!(manager.get("/administration/rgpd?page=0").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(manager.get(&format!("/clients/{unknown}/anonymiser")).await.status, StatusCode::NOT_FOUND);

    assert_eq!(everything_about(&app, &f).await, before);
    assert_eq!(app.count("select count(*) from audit_record").await, audit_count);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_retention_list_holds_clients_without_contact_for_three_years(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let old = fixture(&mut seller, "Léonie Marchand", "leonie.marchand@reception.fr").await;
    let recent = fixture(&mut seller, "Paul Récent", "paul.recent@reception.fr").await;
    let busy = fixture(&mut seller, "Anna Occupée", "anna.occupee@reception.fr").await;
    let prospect = seller
        .call(
            "/api/create_client",
            &[
                ("form[full_name]", "Pierre Oublié"),
                ("form[email]", "pierre.oublie@reception.fr"),
                ("form[phone]", "06 10 20 30 40"),
                ("form[company_name]", "Oubli SARL"),
            ],
        )
        .await
        .created_id();
    // The test clock says 12 March 2026: three years before is 12 March 2023. The owner backdates
    // the records (without the triggers that would stamp them with today's date).
    for table in ["contract", "event"] {
        let sql = format!("alter table {table} disable trigger {table}_set_updated_at");
        sqlx::query(&sql).execute(&app.owner).await.unwrap();
    }
    for client in [old.client, busy.client, prospect] {
        sqlx::query("update client set updated_at = '2022-05-01' where id = $1")
            .bind(client)
            .execute(&app.owner)
            .await
            .unwrap();
    }
    for f in [&old, &busy] {
        sqlx::query("update contract set updated_at = '2022-05-01' where client_id = $1")
            .bind(f.client)
            .execute(&app.owner)
            .await
            .unwrap();
    }
    sqlx::query("update event set starts_at = '2022-06-01 10:00', ends_at = '2022-06-01 20:00', updated_at = '2022-06-01' where client_id = $1")
        .bind(old.client)
        .execute(&app.owner)
        .await
        .unwrap();
    let _ = recent;

    let mut manager = app.signed_in(MANAGER).await;
    let page = manager.get("/administration/rgpd").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Léonie Marchand") && page.body.contains("Pierre Oublié"),
        "old client and prospect listed: {}",
        page.body
    );
    assert!(!page.body.contains("Paul Récent"), "recent client not listed");
    assert!(!page.body.contains("Anna Occupée"), "a client with an upcoming event is not listed");
    assert!(
        page.body.contains("1 juin 2022") || page.body.contains("1er juin 2022"),
        "last contact is the event's end"
    );

    let chosen = manager.call("/api/anonymise_clients", &[("ids[]", &prospect.to_string()), ("confirm", "on")]).await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.body);
    assert_eq!(app.count("select count(*) from client where anonymised_at is not null").await, 1);
    let all = manager.call("/api/anonymise_clients", &[("all", "1"), ("confirm", "on")]).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    let anonymised: Vec<Uuid> = sqlx::query_scalar("select id from client where anonymised_at is not null order by id")
        .fetch_all(&app.owner)
        .await
        .unwrap();
    let mut expected = vec![old.client, prospect];
    expected.sort();
    assert_eq!(anonymised, expected);
    let empty = manager.get("/administration/rgpd").await;
    assert!(empty.body.contains("Rien à anonymiser"));
}

/// A client whose former and current names and companies spread into event titles, places and
/// the records of a contract and an event deleted before the anonymisation.
struct Acme {
    client: Uuid,
    contract: Uuid,
    event: Uuid,
    deleted_event: Uuid,
    deleted_contract: Uuid,
}

/// Values of the "Acme" client, former and current, as they are searched for afterwards.
const ACME_VALUES: [&str; 6] = ["acme", "dupuis", "vieille maison", "jeanne ancien", "jean.ancien@", "siège"];

async fn acme(app: &TestApp, seller: &mut Client<'_>, manager: &mut Client<'_>) -> Acme {
    let form = |name: &str, company: &str| {
        vec![
            ("form[full_name]", name.to_owned()),
            ("form[email]", "jean.ancien@acme.fr".to_owned()),
            ("form[phone]", "06 55 44 33 22".to_owned()),
            ("form[company_name]", company.to_owned()),
        ]
    };
    let client =
        seller.call_owned("/api/create_client", &form("Jeanne Ancien", "Vieille Maison Dupuis")).await.created_id();
    let mut update = form("Jean Dupont", "Acme Organisation");
    update.extend([("id", client.to_string()), ("version", "1".to_owned())]);
    assert_eq!(seller.call_owned("/api/update_client", &update).await.status, StatusCode::OK);
    let contract = create_contract(seller, client, "5 000", "1 000").await.created_id();
    let signed = seller.call("/api/sign_contract", &[("id", &contract.to_string()), ("version", "1")]).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    // Nothing paid: a contract with payments is not deleted.
    let deleted_contract = create_contract(seller, client, "5 000", "5 000").await.created_id();
    let event_form = |title: &str, location: &str| {
        vec![
            ("contract_id", contract.to_string()),
            ("form[title]", title.to_owned()),
            ("form[starts_at]", "2027-06-12T14:00".to_owned()),
            ("form[ends_at]", "2027-06-12T23:00".to_owned()),
            ("form[location]", location.to_owned()),
            ("form[attendees]", "80".to_owned()),
            ("form[notes]", "Demander Jean Dupont à l’accueil.".to_owned()),
        ]
    };
    let event = seller
        .call_owned(
            "/api/create_event",
            &event_form("Séminaire Acme Organisation", "Siège Acme, 12 rue Neuve, 69002 Lyon"),
        )
        .await
        .created_id();
    let deleted_event = seller
        .call_owned("/api/create_event", &event_form("Fête de la Vieille Maison Dupuis", "Chez Jeanne Ancien, Tours"))
        .await
        .created_id();
    assert_eq!(manager.call("/api/delete_event", &[("id", &deleted_event.to_string())]).await.status, StatusCode::OK);
    let gone = manager.call("/api/delete_contract", &[("id", &deleted_contract.to_string())]).await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
    let _ = app;
    Acme { client, contract, event, deleted_event, deleted_contract }
}

/// Every text held about the client, its contracts and events (deleted ones too), lowercased.
async fn all_text_about(app: &TestApp, a: &Acme) -> String {
    let text: String = sqlx::query_scalar(
        "select lower(concat_ws(' | ',
            (select row_to_json(c)::text from client c where id = $1),
            (select json_agg(e)::text from event e where client_id = $1),
            (select json_agg(a.changes)::text from audit_record a
             where a.entity_id in ($1, $2, $3, $4, $5) or a.client_id = $1)))",
    )
    .bind(a.client)
    .bind(a.contract)
    .bind(a.event)
    .bind(a.deleted_event)
    .bind(a.deleted_contract)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    text
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn anonymising_leaves_no_former_name_in_titles_places_search_or_deleted_records(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let mut manager = app.signed_in(MANAGER).await;
    let a = acme(&app, &mut seller, &mut manager).await;
    let before = all_text_about(&app, &a).await;
    assert!(ACME_VALUES.iter().all(|v| before.contains(v)), "the fixture holds every value: {before}");
    // The export reaches the records of the deleted contract and event.
    let document: Value = serde_json::from_str(&export_client(&mut manager, &a.client.to_string()).await.body).unwrap();
    let exported: Vec<&str> =
        document["audit_records"].as_array().unwrap().iter().map(|r| r["entity_id"].as_str().unwrap()).collect();
    for deleted in [a.deleted_event, a.deleted_contract] {
        assert!(exported.contains(&deleted.to_string().as_str()), "{deleted} in the export");
    }

    assert_eq!(anonymise(&mut manager, a.client).await.status, StatusCode::OK);

    let after = all_text_about(&app, &a).await;
    for value in ACME_VALUES {
        assert!(!after.contains(value), "{value} is gone: {after}");
    }
    let (title, location, notes): (String, String, String) =
        sqlx::query_as("select title, location, notes from event where id = $1")
            .bind(a.event)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert!(title.starts_with("Séminaire Anonyme "), "{title}");
    assert_eq!((location.as_str(), notes.as_str()), ("Lyon", ""), "the city stays, nothing else");
    let mut api = app.api_as(MANAGER).await;
    for word in ["acme", "dupuis", "dupont"] {
        let found = api.send(http::Method::GET, &format!("/events?search={word}"), None).await.json();
        assert_eq!(found["total"], 0, "events found by {word}: {found}");
        let found = api.send(http::Method::GET, &format!("/clients?search={word}"), None).await.json();
        assert_eq!(found["total"], 0, "clients found by {word}: {found}");
    }
    // The journal, as management reads it, shows nothing of the person either.
    let journal =
        manager.read("/api/audit_journal", &[("query[paging][page]", "1"), ("query[paging][size]", "100")]).await;
    assert_eq!(journal.status, StatusCode::OK, "{}", journal.body);
    for value in ACME_VALUES {
        assert!(!journal.body.to_lowercase().contains(value), "{value} in the journal");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn after_anonymisation_nobody_writes_personal_data_back(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let f = fixture(&mut seller, "Léonie Marchand", "leonie.marchand@reception.fr").await;
    let mut manager = app.signed_in(MANAGER).await;
    let support = app.collaborator_id(SUPPORT).await.to_string();
    let assigned = manager
        .call(
            "/api/assign_event_support",
            &[("id", &f.event.to_string()), ("version", "1"), ("support_contact_id", &support)],
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    assert_eq!(anonymise(&mut manager, f.client).await.status, StatusCode::OK);
    let before = everything_about(&app, &f).await;
    let counts = "select (select count(*) from contract) * 1000 + (select count(*) from event)";
    let records = app.count(counts).await;

    let contract = manager
        .call(
            "/api/create_contract",
            &[("client_id", &f.client.to_string()), ("form[total]", "10"), ("form[remaining]", "10")],
        )
        .await;
    assert_eq!(contract.status, StatusCode::CONFLICT, "{}", contract.body);
    assert!(matches!(error_of(&contract.body), AppError::Refused(m) if m.contains("anonymisé")));
    let event = seller
        .call(
            "/api/create_event",
            &[
                ("contract_id", &f.contract.to_string()),
                ("form[title]", "Retour de Léonie Marchand"),
                ("form[starts_at]", "2027-07-01T10:00"),
                ("form[ends_at]", "2027-07-01T12:00"),
                ("form[location]", "Tours"),
                ("form[attendees]", "5"),
                ("form[notes]", ""),
            ],
        )
        .await;
    assert_eq!(event.status, StatusCode::CONFLICT, "{}", event.body);
    for page in
        [format!("/clients/{}/contrats/nouveau", f.client), format!("/contrats/{}/evenements/nouveau", f.contract)]
    {
        assert_eq!(seller.get(&page).await.status, StatusCode::FORBIDDEN, "{page}");
    }
    let mut api = app.api_as(MANAGER).await;
    let by_api = api
        .send(http::Method::POST, "/contracts", Some(serde_json::json!({"client_id": f.client, "total_amount": 10})))
        .await;
    by_api.problem(StatusCode::CONFLICT);

    let mut support_browser = app.signed_in(SUPPORT).await;
    let version = common::records::version_of(&app, "event", f.event).await.to_string();
    let (title, location): (String, String) = sqlx::query_as("select title, location from event where id = $1")
        .bind(f.event)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let edit = |notes: &str, location: &str, attendees: &str| {
        vec![
            ("id", f.event.to_string()),
            ("version", version.clone()),
            ("form[title]", title.clone()),
            ("form[starts_at]", "2027-06-12T14:00".to_owned()),
            ("form[ends_at]", "2027-06-12T23:00".to_owned()),
            ("form[location]", location.to_owned()),
            ("form[attendees]", attendees.to_owned()),
            ("form[notes]", notes.to_owned()),
        ]
    };
    let notes =
        support_browser.call_owned("/api/update_event", &edit("Léonie Marchand appelle", &location, "150")).await;
    assert_eq!(notes.status, StatusCode::CONFLICT, "{}", notes.body);
    let place = support_browser.call_owned("/api/update_event", &edit("", "12 rue Marchand, Tours", "150")).await;
    assert_eq!(place.status, StatusCode::CONFLICT, "{}", place.body);
    assert_eq!(everything_about(&app, &f).await, before, "nothing written back");
    assert_eq!(app.count(counts).await, records);
    // Dates and attendees carry nobody: they still change.
    let attendees = support_browser.call_owned("/api/update_event", &edit("", &location, "170")).await;
    assert_eq!(attendees.status, StatusCode::OK, "{}", attendees.body);

    // The database refuses it too, whoever writes.
    let by_hand = sqlx::query("update event set notes = 'Léonie' where id = $1").bind(f.event).execute(&app.pool).await;
    assert!(by_hand.is_err());
    let by_hand = sqlx::query(
        "insert into contract (client_id, sales_contact_id, total_cents, remaining_cents)
         select id, sales_contact_id, 1, 1 from client where id = $1",
    )
    .bind(f.client)
    .execute(&app.pool)
    .await;
    assert!(by_hand.is_err());
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn sign_in_attempts_ended_sessions_and_old_security_events_are_purged_on_schedule(owner: PgPool) {
    use app::clock::Clock;
    use app::rgpd::model::{SECURITY_EVENTS_KEPT_DAYS, SESSION_DETAILS_KEPT_DAYS, SIGN_IN_ATTEMPTS_KEPT_DAYS};
    let app = TestApp::spawn(owner).await;
    let now = app.clock.now();
    let days = |n: i64| now - chrono::Duration::days(n);
    let seller = app.collaborator_id(SALES).await;
    for (at, email) in
        [(days(SIGN_IN_ATTEMPTS_KEPT_DAYS + 1), "old@x.fr"), (days(SIGN_IN_ATTEMPTS_KEPT_DAYS - 1), "recent@x.fr")]
    {
        sqlx::query(
            "insert into sign_in_attempt (email, ip, succeeded, attempted_at) values ($1, '192.0.2.1', false, $2)",
        )
        .bind(email)
        .bind(at)
        .execute(&app.owner)
        .await
        .unwrap();
    }
    for (ended, id) in [
        (days(SESSION_DETAILS_KEPT_DAYS + 1), Uuid::from_u128(1)),
        (days(SESSION_DETAILS_KEPT_DAYS - 1), Uuid::from_u128(2)),
    ] {
        sqlx::query(
            "insert into collaborator_session (id, collaborator_id, started_at, last_seen_at, ended_at, ip, user_agent)
             values ($1, $2, $3, $3, $3, '192.0.2.1', 'Firefox')",
        )
        .bind(id)
        .bind(seller)
        .bind(ended)
        .execute(&app.owner)
        .await
        .unwrap();
    }
    for at in [days(SECURITY_EVENTS_KEPT_DAYS + 1), days(SECURITY_EVENTS_KEPT_DAYS - 1)] {
        sqlx::query(
            "insert into security_event (kind, collaborator_id, ip, at) values ('sign_in', $1, '192.0.2.1', $2)",
        )
        .bind(seller)
        .bind(at)
        .execute(&app.owner)
        .await
        .unwrap();
    }
    sqlx::query("insert into sign_in_attempt (email, ip, succeeded, attempted_at) values ('fresh@x.fr', '192.0.2.1', true, now())")
        .execute(&app.owner)
        .await
        .unwrap();
    let old_events = format!("select count(*) from security_event where at < '{}'", days(SECURITY_EVENTS_KEPT_DAYS));

    // As the application role, at the application's clock.
    let purged = app::rgpd::repo::purge(&app.pool, now).await.unwrap();
    assert_eq!((purged.attempts, purged.sessions, purged.security_events), (1, 1, 1));
    assert_eq!(app.count("select count(*) from sign_in_attempt where email = 'old@x.fr'").await, 0);
    assert_eq!(app.count("select count(*) from sign_in_attempt where email = 'recent@x.fr'").await, 1);
    let cleared = "select count(*) from collaborator_session where ip is null and user_agent is null";
    assert_eq!(app.count(&format!("{cleared} and id = '{}'", Uuid::from_u128(1))).await, 1);
    assert_eq!(app.count(&format!("{cleared} and id = '{}'", Uuid::from_u128(2))).await, 0);
    assert_eq!(app.count(&old_events).await, 0);
    assert_eq!(app.count("select count(*) from security_event where ip = '192.0.2.1'").await, 1);
    // Running it again removes nothing more; a clock set far ahead purges no earlier than the
    // database's own time allows.
    assert_eq!(app::rgpd::repo::purge(&app.pool, now).await.unwrap(), Default::default());
    let future = chrono::Utc::now() + chrono::Duration::days(3650);
    app::rgpd::repo::purge(&app.pool, future).await.unwrap();
    assert_eq!(
        app.count("select count(*) from sign_in_attempt where email = 'fresh@x.fr'").await,
        1,
        "not purged early"
    );
}
