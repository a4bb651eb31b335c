//! Asking twice creates once: a creation sent again with its idempotency key (after a lost
//! answer, a commit whose outcome was never heard, a double click) finds the first one's record.

use crate::common;

use http::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

use common::api::Api;
use common::records::{create_client, signed_contract};
use common::{TestApp, TestResponse};

const SALES: &str = "commercial@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";
const KEY: &str = "2f0c8d4e-6a1b-4c3d-9e8f-0a1b2c3d4e5f";

fn new_event(contract: Uuid, title: &str) -> Value {
    json!({"contract_id": contract, "title": title, "start": "2027-03-12T13:00:00Z",
           "end": "2027-03-12T22:00:00Z", "location": "Tours", "attendees": 120})
}

async fn post_keyed(api: &mut Api<'_>, path: &str, body: &Value, key: &str) -> TestResponse {
    let body = body.to_string().into_bytes();
    api.raw(Method::POST, path, Some("application/json"), body, &[("Idempotency-Key", key)]).await
}

fn created_id(response: &TestResponse) -> Uuid {
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    response.json()["id"].as_str().unwrap().parse().unwrap()
}

async fn events_titled(app: &TestApp, title: &str) -> i64 {
    app.count(&format!("select count(*) from event where title = '{title}'")).await
}

/// A signed contract of the demo salesperson's new client, made through the pages.
async fn contract_of_sales(app: &TestApp) -> Uuid {
    let mut seller = app.signed_in(SALES).await;
    signed_contract(app, &mut seller, "idempotence@exemple.fr").await
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_creation_sent_again_with_its_key_answers_the_first_record(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let contract = contract_of_sales(&app).await;
    let mut api = app.api_as(SALES).await;

    let event = new_event(contract, "Gala rejoué");
    let first = created_id(&post_keyed(&mut api, "/events", &event, KEY).await);
    let again = post_keyed(&mut api, "/events", &event, &format!("\"{KEY}\"")).await;
    assert_eq!(created_id(&again), first, "the same record, the key quoted or not");
    assert!(again.location().unwrap().ends_with(&format!("/events/{first}")));
    assert_eq!(events_titled(&app, "Gala rejoué").await, 1);
    let audited = format!("select count(*) from audit_record where entity_id = '{first}' and action = 'create'");
    assert_eq!(app.count(&audited).await, 1, "created and audited once");

    // A client's e-mail is unique: sent again, the creation is not refused as a duplicate e-mail.
    let client = json!({"full_name": "Client Rejoué", "email": "rejoue@exemple.fr",
                        "phone": "06 12 34 56 78", "company_name": "Rejeu SA"});
    let first = created_id(&post_keyed(&mut api, "/clients", &client, "client-1").await);
    assert_eq!(created_id(&post_keyed(&mut api, "/clients", &client, "client-1").await), first);

    // Without a key, sending twice makes two (as before).
    let unkeyed = new_event(contract, "Sans clé");
    created_id(&api.post("/events", unkeyed.clone()).await);
    created_id(&api.post("/events", unkeyed).await);
    assert_eq!(events_titled(&app, "Sans clé").await, 2);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_key_used_for_another_request_or_malformed_is_refused_and_changes_nothing(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let contract = contract_of_sales(&app).await;
    let mut api = app.api_as(SALES).await;
    created_id(&post_keyed(&mut api, "/events", &new_event(contract, "Premier"), KEY).await);

    let other = post_keyed(&mut api, "/events", &new_event(contract, "Autre"), KEY).await;
    let problem = other.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["idempotency_key"].is_string(), "{problem}");
    // The key is per kind of record too.
    let client =
        json!({"full_name": "Client", "email": "autre@exemple.fr", "phone": "06 12 34 56 78", "company_name": "SA"});
    post_keyed(&mut api, "/clients", &client, KEY).await.problem(StatusCode::UNPROCESSABLE_ENTITY);

    for malformed in ["a b", "clé", &"k".repeat(256)] {
        post_keyed(&mut api, "/events", &new_event(contract, "Autre"), malformed)
            .await
            .problem(StatusCode::BAD_REQUEST);
    }
    assert_eq!(events_titled(&app, "Autre").await, 0);
    assert_eq!(app.count("select count(*) from client where email = 'autre@exemple.fr'").await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn keys_belong_to_their_collaborator(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Partagé", "partage@exemple.fr").await.created_id();
    let contract = json!({"client_id": client, "total_amount": 1000});
    let mut sales = app.api_as(SALES).await;
    let mut manager = app.api_as(MANAGER).await;
    let by_sales = created_id(&post_keyed(&mut sales, "/contracts", &contract, KEY).await);
    let by_manager = created_id(&post_keyed(&mut manager, "/contracts", &contract, KEY).await);
    assert_ne!(by_sales, by_manager, "another collaborator's key names another creation");
    assert_eq!(app.count(&format!("select count(*) from contract where client_id = '{client}'")).await, 2);
}

/// Two sends of one creation at once (a client that gave up waiting and asked again): the
/// second waits for the first and answers its record.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn sends_of_one_key_at_the_same_time_make_one_record(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let contract = contract_of_sales(&app).await;
    let (mut one, mut two) = (app.api_as(SALES).await, app.api_as(SALES).await);
    let event = new_event(contract, "En même temps");
    let (a, b) =
        tokio::join!(post_keyed(&mut one, "/events", &event, KEY), post_keyed(&mut two, "/events", &event, KEY));
    assert_eq!(created_id(&a), created_id(&b));
    assert_eq!(events_titled(&app, "En même temps").await, 1);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_key_is_remembered_for_a_day(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let contract = contract_of_sales(&app).await;
    let mut api = app.api_as(SALES).await;
    let event = new_event(contract, "Un jour");
    let first = created_id(&post_keyed(&mut api, "/events", &event, KEY).await);
    app.clock.advance(chrono::Duration::hours(23));
    let mut api = app.api_as(SALES).await; // the access token has expired meanwhile
    assert_eq!(created_id(&post_keyed(&mut api, "/events", &event, KEY).await), first);

    app.clock.advance(chrono::Duration::hours(2));
    let mut api = app.api_as(SALES).await;
    let later = created_id(&post_keyed(&mut api, "/events", &event, KEY).await);
    assert_ne!(later, first, "a key past its day names a new creation");
    assert_eq!(events_titled(&app, "Un jour").await, 2);

    app.clock.advance(chrono::Duration::hours(25));
    let forgotten = app::idempotency::forget_expired(&app.pool, app.state.clock.now()).await.unwrap();
    assert_eq!(forgotten, 1);
    assert_eq!(app.count("select count(*) from idempotency_key").await, 0);
}

/// The web forms carry a key made once per page: the same form sent twice (a double click, a
/// send again after an error) creates one record and leads to it both times.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_web_form_sent_twice_creates_once(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let page = seller.get("/clients/nouveau").await;
    let key = hidden_key(&page.body);
    assert_ne!(key, hidden_key(&seller.get("/clients/nouveau").await.body), "a key per page");

    let form = [
        ("form[full_name]", "Client Formulaire"),
        ("form[email]", "formulaire@exemple.fr"),
        ("form[phone]", "06 12 34 56 78"),
        ("form[company_name]", "Formulaire SA"),
        ("idempotency_key", key.as_str()),
    ];
    let first = seller.call("/api/create_client", &form).await.created_id();
    assert_eq!(seller.call("/api/create_client", &form).await.created_id(), first);
    assert_eq!(app.count("select count(*) from client where email = 'formulaire@exemple.fr'").await, 1);

    let signed = signed_contract(&app, &mut seller, "signe@exemple.fr").await;
    for path in [format!("/clients/{first}/contrats/nouveau"), format!("/contrats/{signed}/evenements/nouveau")] {
        hidden_key(&seller.get(&path).await.body);
    }
}

/// A note or a follow-up is a creation too: its form on the record's page has its key, the form
/// sent twice adds once, and the API's `Idempotency-Key` works for them as for the rest.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_note_or_follow_up_sent_twice_is_added_once(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Noté", "note.deux.fois@exemple.fr").await.created_id();
    let page = seller.get(&format!("/clients/{client}")).await.body;
    let note_key = hidden_key(page.split_once("/api/add_note").expect("the note form").1);
    let follow_up_key = hidden_key(page.split_once("/api/add_follow_up").expect("the follow-up form").1);
    assert_ne!(note_key, follow_up_key, "a key per form");

    let id = client.to_string();
    let note = [
        ("on", "client"),
        ("record_id", id.as_str()),
        ("form[kind]", "call"),
        ("form[body]", "Appel doublé"),
        ("idempotency_key", note_key.as_str()),
    ];
    let follow_up = [
        ("on", "client"),
        ("record_id", id.as_str()),
        ("form[title]", "Relance doublée"),
        ("form[due_on]", "2026-03-20"),
        ("form[owner_id]", ""),
        ("idempotency_key", follow_up_key.as_str()),
    ];
    for _ in 0..2 {
        assert_eq!(seller.call("/api/add_note", &note).await.status, StatusCode::OK);
        assert_eq!(seller.call("/api/add_follow_up", &follow_up).await.status, StatusCode::OK);
    }
    let notes = format!("select count(*) from note where client_id = '{client}'");
    let follow_ups = format!("select count(*) from follow_up where client_id = '{client}'");
    assert_eq!((app.count(&notes).await, app.count(&follow_ups).await), (1, 1));
    let mut reused = note.to_vec();
    reused[3] = ("form[body]", "Autre chose");
    assert_eq!(
        seller.call("/api/add_note", &reused).await.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another note's key"
    );
    assert_eq!(app.count(&notes).await, 1);

    let mut api = app.api_as(SALES).await;
    let body = json!({"kind": "email", "body": "Courriel rejoué"});
    let path = format!("/clients/{client}/notes");
    let first = created_id(&post_keyed(&mut api, &path, &body, KEY).await);
    assert_eq!(created_id(&post_keyed(&mut api, &path, &body, KEY).await), first);
    let body = json!({"title": "Relance rejouée", "due_on": "2026-03-20"});
    let path = format!("/clients/{client}/follow-ups");
    let first = created_id(&post_keyed(&mut api, &path, &body, "autre-cle").await);
    assert_eq!(created_id(&post_keyed(&mut api, &path, &body, "autre-cle").await), first);
    assert_eq!((app.count(&notes).await, app.count(&follow_ups).await), (2, 2));
}

fn hidden_key(html: &str) -> String {
    let field = html.find("name=\"idempotency_key\"").expect("the form has its key");
    let tag_start = html[..field].rfind('<').unwrap();
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>').unwrap()];
    let value = tag.split("value=\"").nth(1).expect("a value").split('"').next().unwrap();
    assert!(value.parse::<Uuid>().is_ok(), "a UUID: {value}");
    value.to_owned()
}

/// A connection that breaks during the commit leaves its outcome unknown: the answer says to
/// check, not that nothing changed; the same creation sent again with its key is made once.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_commit_cut_off_says_the_outcome_is_unknown_and_a_keyed_resend_is_safe(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let contract = contract_of_sales(&app).await;
    let mut api = app.api_as(SALES).await;
    // At commit, the server process of the connection ends itself (as a crash or a failover
    // during the commit would): the client hears only that the connection is gone.
    sqlx::raw_sql(
        "create function cut_commit() returns trigger language plpgsql as $$
         begin perform pg_terminate_backend(pg_backend_pid()); return null; end $$;
         create constraint trigger cut_commit after insert on event
           deferrable initially deferred for each row execute function cut_commit();",
    )
    .execute(&app.owner)
    .await
    .unwrap();

    let event = new_event(contract, "Coupé");
    let cut = post_keyed(&mut api, "/events", &event, KEY).await;
    let problem = cut.problem(StatusCode::SERVICE_UNAVAILABLE);
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("Vérifiez") && !detail.contains("rien n’a été modifié"), "{detail}");
    assert!(cut.header("retry-after").is_some());

    sqlx::raw_sql("drop trigger cut_commit on event").execute(&app.owner).await.unwrap();
    let first = created_id(&post_keyed(&mut api, "/events", &event, KEY).await);
    assert_eq!(created_id(&post_keyed(&mut api, "/events", &event, KEY).await), first);
    assert_eq!(events_titled(&app, "Coupé").await, 1);
}
