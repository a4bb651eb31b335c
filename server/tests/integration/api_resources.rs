//! The REST API's resources, endpoint by endpoint and department by department: what the
//! policy allows answers with the record, what it refuses is a 403 problem that changes nothing.

use crate::common;

use http::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

use common::TestApp;
use common::api::Api;

const SALES: &str = "commercial@epic-events.fr";
const SALES2: &str = "commercial2@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const SUPPORT2: &str = "support2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

/// Everything a refused call could have touched, to compare before and after.
async fn snapshot(app: &TestApp) -> Value {
    let sql = "select json_build_object(
        'clients', (select coalesce(json_agg(c order by c.id), '[]') from client c),
        'contracts', (select coalesce(json_agg(k order by k.id), '[]') from contract k),
        'events', (select coalesce(json_agg(e order by e.id), '[]') from event e),
        'audit', (select count(*) from audit_record))";
    sqlx::query_scalar(sql).fetch_one(&app.owner).await.unwrap()
}

/// Asserts that `call` was refused with 403 and left the data as it was.
async fn refused(app: &TestApp, before: &Value, response: common::TestResponse) {
    response.problem(StatusCode::FORBIDDEN);
    assert_eq!(&snapshot(app).await, before, "a refused call changed the data");
}

fn new_client(email: &str) -> Value {
    json!({"full_name": "Kevin Casey", "email": email, "phone": "06 12 34 56 78", "company_name": "Cool Startup"})
}

fn id_of(response: &common::TestResponse) -> Uuid {
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    let id: Uuid = response.json()["id"].as_str().unwrap().parse().unwrap();
    assert!(response.location().unwrap().ends_with(&format!("/{id}")), "Location names the record");
    id
}

async fn client_of(api: &mut Api<'_>, email: &str) -> Uuid {
    id_of(&api.post("/clients", new_client(email)).await)
}

async fn contract_of(api: &mut Api<'_>, client: Uuid, total: i64) -> Uuid {
    id_of(&api.post("/contracts", json!({"client_id": client, "total_amount": total})).await)
}

fn new_event(contract: Uuid) -> Value {
    json!({"contract_id": contract, "title": "Séminaire", "start": "2027-03-12T13:00:00Z",
           "end": "2027-03-12T22:00:00+00:00", "location": "Tours", "attendees": 120})
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn every_department_reads_every_list_and_record(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    for email in [SALES, SUPPORT, MANAGER] {
        let mut api = app.api_as(email).await;
        for resource in ["clients", "contracts", "events"] {
            let list = api.get(&format!("/{resource}?page_size=100")).await;
            assert_eq!(list.status, StatusCode::OK, "{email} {resource}: {}", list.body);
            let body = list.json();
            assert_eq!((body["page"].as_u64(), body["page_size"].as_u64()), (Some(1), Some(100)));
            let items = body["items"].as_array().unwrap();
            assert!(!items.is_empty(), "demo data has {resource}");
            assert!(body["total"].as_i64().unwrap() >= items.len() as i64);
            let id = items[0]["id"].as_str().unwrap();
            let one = api.get(&format!("/{resource}/{id}")).await;
            assert_eq!(one.status, StatusCode::OK, "{}", one.body);
            assert_eq!(one.json(), items[0], "the list and the record agree");
            assert!(one.header("etag").is_some());
            api.get(&format!("/{resource}/{}", Uuid::new_v4())).await.problem(StatusCode::NOT_FOUND);
            api.get(&format!("/{resource}/not-a-uuid")).await.problem(StatusCode::NOT_FOUND);
        }
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn records_have_the_documented_fields_in_the_documented_formats(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as(SALES).await;
    let client = api.post("/clients", new_client("casey@startup.io")).await;
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let body = client.json();
    assert_eq!(
        keys(&body),
        ["company_name", "created_at", "email", "full_name", "id", "phone", "sales_contact_id", "updated_at"]
    );
    assert_eq!(body["phone"], "+33612345678");
    assert!(chrono::DateTime::parse_from_rfc3339(body["created_at"].as_str().unwrap()).is_ok());
    let client_id: Uuid = body["id"].as_str().unwrap().parse().unwrap();
    let contract = api.post("/contracts", json!({"client_id": client_id, "total_amount": 123_456})).await;
    let body = contract.json();
    assert_eq!(
        keys(&body),
        [
            "amount_remaining",
            "client_id",
            "created_at",
            "id",
            "proposed_at",
            "sales_contact_id",
            "signed",
            "signed_at",
            "stage",
            "total_amount",
            "updated_at"
        ]
    );
    assert_eq!((body["stage"].as_str(), body["proposed_at"].is_null()), (Some("prospect"), true));
    assert_eq!((body["total_amount"].as_i64(), body["amount_remaining"].as_i64()), (Some(123_456), Some(123_456)));
    assert_eq!((body["signed"].as_bool(), body["signed_at"].is_null()), (Some(false), true));
    let contract_id: Uuid = body["id"].as_str().unwrap().parse().unwrap();
    api.send(Method::POST, &format!("/contracts/{contract_id}/sign"), None).await;
    let event = api.post("/events", new_event(contract_id)).await;
    let body = event.json();
    assert_eq!(
        keys(&body),
        [
            "attendees",
            "cancel_reason",
            "cancelled_at",
            "client_id",
            "confirmed_at",
            "contract_id",
            "created_at",
            "end",
            "id",
            "location",
            "notes",
            "start",
            "status",
            "support_contact_id",
            "title",
            "updated_at"
        ]
    );
    assert_eq!(body["start"], "2027-03-12T13:00:00Z");
    assert_eq!(body["status"], "to_plan");
    assert!(body["confirmed_at"].is_null() && body["cancelled_at"].is_null() && body["cancel_reason"].is_null());
    assert_eq!(body["client_id"], client_id.to_string());
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn list_parameters_are_the_pages_filters_under_the_apis_names(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut sales = app.api_as(SALES).await;
    let client = client_of(&mut sales, "unique.api@exemple.fr").await;
    let signed = contract_of(&mut sales, client, 1000).await;
    sales.send(Method::POST, &format!("/contracts/{signed}/sign"), None).await;
    let unsigned = contract_of(&mut sales, client, 2000).await;

    let found = sales.get("/clients?search=unique.api&mine=true&sort=-created_at").await.json();
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["id"], client.to_string());
    let ids = |body: Value| -> Vec<String> {
        body["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
    };
    let only_signed = ids(sales.get("/contracts?search=unique.api&signed=true").await.json());
    assert_eq!(only_signed, [signed.to_string()]);
    let only_unsigned = ids(sales.get("/contracts?search=unique.api&signed=false").await.json());
    assert_eq!(only_unsigned, [unsigned.to_string()]);
    let by_amount = ids(sales.get("/contracts?search=unique.api&sort=-total_amount").await.json());
    assert_eq!(by_amount, [unsigned.to_string(), signed.to_string()]);
    let paged = sales.get("/clients?page_size=1&page=2").await.json();
    assert_eq!((paged["page"].as_u64(), paged["items"].as_array().unwrap().len()), (Some(2), 1));

    let event = id_of(&sales.post("/events", new_event(signed)).await);
    let window = ids(sales.get("/events?from=2027-03-12&to=2027-03-12&without_support=true").await.json());
    assert!(window.contains(&event.to_string()));
    assert!(!ids(sales.get("/events?from=2027-03-13&search=séminaire").await.json()).contains(&event.to_string()));
    assert!(!ids(sales.get("/events?to=2027-03-11&search=séminaire").await.json()).contains(&event.to_string()));

    for (query, field) in [
        ("/clients?page_size=101", "page_size"),
        ("/clients?page_size=0", "page_size"),
        ("/clients?page=0", "page"),
        ("/clients?page=999999", "page"),
        ("/clients?sort=password_hash", "sort"),
        ("/clients?sort=name", "sort"),
        ("/clients?prospect=maybe", "prospect"),
        ("/clients?search=%00", "search"),
        ("/contracts?signed=perhaps", "signed"),
        ("/events?from=2026-13-01", "from"),
        ("/clients?admin=true", "admin"),
    ] {
        let problem = sales.get(query).await.problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(problem["errors"].get(field).is_some(), "{query}: {problem}");
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_sales_create_clients_and_become_their_contact(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut sales = app.api_as(SALES).await;
    let response = sales.post("/clients", new_client("new@startup.io")).await;
    let id = id_of(&response);
    assert_eq!(response.json()["sales_contact_id"], app.collaborator_id(SALES).await.to_string());
    assert_eq!(app.count(&format!("select count(*) from audit_record where entity_id = '{id}'")).await, 1);

    let before = snapshot(&app).await;
    for email in [SUPPORT, MANAGER] {
        let mut api = app.api_as(email).await;
        refused(&app, &before, api.post("/clients", new_client("other@startup.io")).await).await;
    }
    let duplicate = sales.post("/clients", new_client("NEW@startup.io")).await;
    let problem = duplicate.problem(StatusCode::CONFLICT);
    assert!(problem["errors"]["email"].is_string(), "{problem}");
    let invalid =
        sales.post("/clients", json!({"full_name": "", "email": "x", "phone": "12", "company_name": " "})).await;
    let problem = invalid.problem(StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["full_name", "email", "phone", "company_name"] {
        assert!(problem["errors"][field].is_string(), "{field}: {problem}");
    }
    assert_eq!(snapshot(&app).await, before);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_client_is_updated_by_its_salesperson_and_reassigned_by_management(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut sales = app.api_as(SALES).await;
    let id = client_of(&mut sales, "patch@startup.io").await;
    let path = format!("/clients/{id}");

    let updated = sales.patch(&path, json!({"company_name": "Renamed SA"})).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    assert_eq!(updated.json()["company_name"], "Renamed SA");
    assert_eq!(updated.json()["full_name"], "Kevin Casey", "absent fields are kept");
    assert_eq!(updated.header("etag"), Some("\"2\""));

    let before = snapshot(&app).await;
    for email in [SALES2, SUPPORT, MANAGER] {
        let mut api = app.api_as(email).await;
        refused(&app, &before, api.patch(&path, json!({"company_name": "Hijacked"})).await).await;
    }
    refused(&app, &before, sales.patch(&path, json!({"sales_contact_id": app.collaborator_id(SALES2).await})).await)
        .await;

    let stale = sales
        .raw(
            Method::PATCH,
            &path,
            Some("application/json"),
            br#"{"full_name": "Old Version"}"#.to_vec(),
            &[("if-match", "\"1\"")],
        )
        .await;
    stale.problem(StatusCode::CONFLICT);
    assert_eq!(snapshot(&app).await, before);

    let mut manager = app.api_as(MANAGER).await;
    let sales2 = app.collaborator_id(SALES2).await;
    let reassigned = manager.patch(&path, json!({"sales_contact_id": sales2})).await;
    assert_eq!(reassigned.status, StatusCode::OK, "{}", reassigned.body);
    assert_eq!(reassigned.json()["sales_contact_id"], sales2.to_string());
    let support = app.collaborator_id(SUPPORT).await;
    let problem =
        manager.patch(&path, json!({"sales_contact_id": support})).await.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["sales_contact_id"].is_string());
    let mixed = manager.patch(&path, json!({"sales_contact_id": sales2, "full_name": "X"})).await;
    mixed.problem(StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn contracts_are_created_updated_and_signed_by_management_or_their_salesperson(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut sales = app.api_as(SALES).await;
    let client = client_of(&mut sales, "contracts@startup.io").await;
    let own = contract_of(&mut sales, client, 10_000).await;
    let mut manager = app.api_as(MANAGER).await;
    let by_manager = contract_of(&mut manager, client, 5_000).await;

    let before = snapshot(&app).await;
    let body = json!({"client_id": client, "total_amount": 100});
    for email in [SALES2, SUPPORT] {
        let mut api = app.api_as(email).await;
        refused(&app, &before, api.post("/contracts", body.clone()).await).await;
        refused(&app, &before, api.patch(&format!("/contracts/{own}"), json!({"total_amount": 1})).await).await;
        refused(&app, &before, api.send(Method::POST, &format!("/contracts/{own}/sign"), None).await).await;
    }
    for bad in [
        json!({"client_id": client, "total_amount": -1}),
        // What remains is derived from the payments: sending it is refused, clearly.
        json!({"client_id": client, "total_amount": 100, "amount_remaining": 100}),
        json!({"client_id": client, "total_amount": 100_000_000_001_i64}),
    ] {
        let problem = sales.post("/contracts", bad).await.problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            problem["errors"].get("total_amount").or(problem["errors"].get("amount_remaining")).is_some(),
            "{problem}"
        );
    }
    let unknown = sales.post("/contracts", json!({"client_id": Uuid::new_v4(), "total_amount": 1})).await;
    unknown.problem(StatusCode::NOT_FOUND);
    assert_eq!(snapshot(&app).await, before);

    let remaining = sales.patch(&format!("/contracts/{own}"), json!({"amount_remaining": 0})).await;
    let problem = remaining.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["amount_remaining"].as_str().unwrap().contains("paiement"), "{problem}");
    let payment = json!({"paid_on": "2026-03-12", "amount": 10_000, "method": "transfer"});
    let recorded = sales.post(&format!("/contracts/{own}/payments"), payment).await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.body);
    let paid = sales.get(&format!("/contracts/{own}")).await;
    assert_eq!(
        (paid.json()["total_amount"].as_i64(), paid.json()["amount_remaining"].as_i64()),
        (Some(10_000), Some(0))
    );
    let raised = manager.patch(&format!("/contracts/{own}"), json!({"total_amount": 20_000})).await;
    assert_eq!(raised.status, StatusCode::OK, "{}", raised.body);

    let signed = sales.send(Method::POST, &format!("/contracts/{own}/sign"), None).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    assert_eq!(signed.json()["signed"], true);
    sales.send(Method::POST, &format!("/contracts/{own}/sign"), None).await.problem(StatusCode::UNPROCESSABLE_ENTITY);
    let by_management = manager.send(Method::POST, &format!("/contracts/{by_manager}/sign"), None).await;
    assert_eq!(by_management.status, StatusCode::OK, "{}", by_management.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn events_are_created_by_sales_updated_by_their_support_and_assigned_by_management(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut sales = app.api_as(SALES).await;
    let client = client_of(&mut sales, "events@startup.io").await;
    let unsigned = contract_of(&mut sales, client, 1_000).await;
    let contract = contract_of(&mut sales, client, 1_000).await;
    sales.send(Method::POST, &format!("/contracts/{contract}/sign"), None).await;

    let problem = sales.post("/events", new_event(unsigned)).await.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["contract_id"].is_string(), "{problem}");
    let mut bad = new_event(contract);
    bad["end"] = json!("2027-03-12T12:00:00Z");
    bad["attendees"] = json!(-3);
    let problem = sales.post("/events", bad).await.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["end"].is_string() && problem["errors"]["attendees"].is_string(), "{problem}");

    let before = snapshot(&app).await;
    for email in [SALES2, SUPPORT, MANAGER] {
        let mut api = app.api_as(email).await;
        refused(&app, &before, api.post("/events", new_event(contract)).await).await;
    }
    let event = id_of(&sales.post("/events", new_event(contract)).await);
    let path = format!("/events/{event}");
    let support_path = format!("{path}/support");
    let support = app.collaborator_id(SUPPORT).await;

    let before = snapshot(&app).await;
    for email in [SALES, SUPPORT] {
        let mut api = app.api_as(email).await;
        refused(&app, &before, api.put(&support_path, json!({"support_contact_id": support})).await).await;
    }
    let mut manager = app.api_as(MANAGER).await;
    let not_support = manager.put(&support_path, json!({"support_contact_id": app.collaborator_id(SALES).await})).await;
    assert!(not_support.problem(StatusCode::UNPROCESSABLE_ENTITY)["errors"]["support_contact_id"].is_string());
    let assigned = manager.put(&support_path, json!({"support_contact_id": support})).await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    assert_eq!(assigned.json()["support_contact_id"], support.to_string());

    let before = snapshot(&app).await;
    for email in [SALES, SUPPORT2, MANAGER] {
        let mut api = app.api_as(email).await;
        refused(&app, &before, api.patch(&path, json!({"attendees": 10})).await).await;
    }
    let mut assigned_support = app.api_as(SUPPORT).await;
    let updated = assigned_support
        .patch(&path, json!({"attendees": 80, "notes": "Traiteur réservé.", "end": "2027-03-13T01:00:00Z"}))
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    let body = updated.json();
    assert_eq!((body["attendees"].as_i64(), body["end"].as_str()), (Some(80), Some("2027-03-13T01:00:00Z")));
    assert_eq!(body["start"], "2027-03-12T13:00:00Z", "absent fields are kept");
    let mine = assigned_support.get("/events?mine=true&page_size=100").await.json();
    assert!(mine["items"].as_array().unwrap().iter().any(|e| e["id"] == event.to_string()));

    let removed = manager.put(&support_path, json!({"support_contact_id": null})).await;
    assert_eq!(removed.status, StatusCode::OK);
    assert!(removed.json()["support_contact_id"].is_null());
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn everyone_reads_collaborators_and_only_management_writes_them(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    for email in [SALES, SUPPORT, MANAGER] {
        let mut api = app.api_as(email).await;
        let list = api.get("/collaborators?department=support&sort=full_name").await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let items = list.json()["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|c| c["department"] == "support" && c["active"] == true));
        let mut keys: Vec<String> = items[0].as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["active", "department", "email", "employee_number", "full_name", "id"]);
        let one = api.get(&format!("/collaborators/{}", items[0]["id"].as_str().unwrap())).await;
        assert_eq!(one.json(), items[0]);
    }
    let new = json!({"employee_number": "ee-0300", "full_name": "Nina Nouvelle", "email": "nina@epic-events.fr",
                     "department": "support"});
    let sales_id = app.collaborator_id(SALES).await;
    let before = snapshot(&app).await;
    let collaborators = app.count("select count(*) from collaborator").await;
    for email in [SALES, SUPPORT] {
        let mut api = app.api_as(email).await;
        refused(&app, &before, api.post("/collaborators", new.clone()).await).await;
        let path = format!("/collaborators/{sales_id}");
        refused(&app, &before, api.patch(&path, json!({"full_name": "Pirate"})).await).await;
        refused(&app, &before, api.patch(&path, json!({"active": false})).await).await;
        refused(&app, &before, api.delete(&path).await).await;
    }
    assert_eq!(app.count("select count(*) from collaborator").await, collaborators);
    assert_eq!(app.count("select count(*) from collaborator where active").await, collaborators);

    let mut manager = app.api_as(MANAGER).await;
    let created = manager.post("/collaborators", new.clone()).await;
    let id = id_of(&created);
    let body = created.json();
    assert_eq!((body["employee_number"].as_str(), body["department"].as_str()), (Some("EE-0300"), Some("support")));
    let password = body["initial_password"].as_str().unwrap().to_owned();
    let mut nina = app.api();
    // An initial password is changed in the web app before the API issues tokens for it.
    nina.sign_in("nina@epic-events.fr", &password).await.problem(StatusCode::FORBIDDEN);
    let chosen = "une phrase de passe bien à moi";
    let mut browser = app.client();
    assert_eq!(browser.sign_in("nina@epic-events.fr", &password).await.status, StatusCode::OK);
    let change = [("form[current]", password.as_str()), ("form[new_password]", chosen), ("form[confirmation]", chosen)];
    assert_eq!(browser.call("/api/change_password", &change).await.status, StatusCode::OK);
    assert_eq!(nina.sign_in("nina@epic-events.fr", chosen).await.status, StatusCode::OK);
    manager.post("/collaborators", new.clone()).await.problem(StatusCode::CONFLICT);
    let invalid = manager
        .post(
            "/collaborators",
            json!({"employee_number": "a b", "full_name": "", "email": "x",
                                                       "department": "support"}),
        )
        .await;
    assert_eq!(invalid.problem(StatusCode::UNPROCESSABLE_ENTITY)["errors"].as_object().unwrap().len(), 3);
    manager
        .post(
            "/collaborators",
            json!({"employee_number": "E1", "full_name": "X", "email": "x@e.fr", "department": "boss"}),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);

    let path = format!("/collaborators/{id}");
    let renamed = manager.patch(&path, json!({"full_name": "Nina Renommée"})).await;
    assert_eq!(renamed.json()["full_name"], "Nina Renommée");
    let moved = manager.patch(&path, json!({"department": "sales"})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.json()["department"], "sales");
    manager.patch(&path, json!({"full_name": "A", "active": false})).await.problem(StatusCode::UNPROCESSABLE_ENTITY);
    let stale = manager
        .raw(
            Method::PATCH,
            &path,
            Some("application/json"),
            br#"{"full_name": "B"}"#.to_vec(),
            &[("if-match", "\"1\"")],
        )
        .await;
    stale.problem(StatusCode::CONFLICT);
    let own = format!("/collaborators/{}", app.collaborator_id(MANAGER).await);
    manager.patch(&own, json!({"active": false})).await.problem(StatusCode::CONFLICT);
    // A collaborator in charge of clients is not deleted; one in charge of nothing is.
    manager.delete(&format!("/collaborators/{sales_id}")).await.problem(StatusCode::CONFLICT);
    assert_eq!(manager.delete(&path).await.status, StatusCode::NO_CONTENT);
    manager.get(&path).await.problem(StatusCode::NOT_FOUND);
    nina.get("/clients").await.problem(StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_management_deletes_and_only_what_the_rules_let_go(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut sales = app.api_as(SALES).await;
    let client = client_of(&mut sales, "delete@startup.io").await;
    let unsigned = contract_of(&mut sales, client, 1_000).await;
    let signed_client = client_of(&mut sales, "kept@startup.io").await;
    let signed = contract_of(&mut sales, signed_client, 1_000).await;
    sales.send(Method::POST, &format!("/contracts/{signed}/sign"), None).await;
    let event = id_of(&sales.post("/events", new_event(signed)).await);

    let before = snapshot(&app).await;
    for email in [SALES, SUPPORT] {
        let mut api = app.api_as(email).await;
        for path in [format!("/clients/{client}"), format!("/contracts/{unsigned}"), format!("/events/{event}")] {
            refused(&app, &before, api.delete(&path).await).await;
        }
    }
    let mut manager = app.api_as(MANAGER).await;
    manager.delete(&format!("/clients/{signed_client}")).await.problem(StatusCode::CONFLICT);
    manager.delete(&format!("/contracts/{signed}")).await.problem(StatusCode::CONFLICT);
    assert_eq!(snapshot(&app).await, before);

    assert_eq!(manager.delete(&format!("/events/{event}")).await.status, StatusCode::NO_CONTENT);
    // Without its events, a signed contract still stays: the accounts keep it.
    manager.delete(&format!("/contracts/{signed}")).await.problem(StatusCode::CONFLICT);
    assert_eq!(manager.delete(&format!("/clients/{client}")).await.status, StatusCode::NO_CONTENT);
    for path in [format!("/clients/{client}"), format!("/contracts/{unsigned}"), format!("/events/{event}")] {
        manager.get(&path).await.problem(StatusCode::NOT_FOUND);
        manager.delete(&path).await.problem(StatusCode::NOT_FOUND);
    }
}
