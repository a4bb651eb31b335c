//! The administration through its server functions: management creates, moves, deactivates and
//! deletes collaborators, hands work over and deletes records; sales and support are refused
//! every one of these actions on the server, and a refusal changes nothing.

use crate::common;

use http::StatusCode;
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

async fn create_collaborator(
    manager: &mut Client<'_>,
    number: &str,
    email: &str,
    department: &str,
) -> common::TestResponse {
    manager
        .call(
            "/api/create_collaborator",
            &[
                ("form[employee_number]", number),
                ("form[full_name]", "Nouvelle Recrue"),
                ("form[email]", email),
                ("form[department]", department),
            ],
        )
        .await
}

async fn detail(browser: &mut Client<'_>, id: Uuid) -> serde_json::Value {
    let response = browser.read("/api/get_collaborator", &[("id", &id.to_string())]).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn collaborator_version(app: &TestApp, id: Uuid) -> String {
    let version: i32 = sqlx::query_scalar("select version from collaborator where id = $1")
        .bind(id)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    version.to_string()
}

/// Everything the administration writes, to show that a refused call wrote nothing.
async fn fingerprint(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "select count(*) from collaborator",
        "select count(*) from collaborator where active",
        "select coalesce(sum(version), 0)::bigint from collaborator",
        "select count(*) from client",
        "select count(*) from contract",
        "select count(*) from event",
        "select count(*) from audit_record",
        "select count(*) from collaborator_session where ended_at is null",
    ] {
        counts.push(app.count(sql).await);
    }
    counts
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn every_admin_action_is_refused_to_sales_and_support(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Protégé", "protege@exemple.fr").await.created_id();
    let contract = signed_contract(&app, &mut seller, "signe@exemple.fr").await;
    let event = create_event(&mut seller, contract, "Gala protégé").await.created_id();
    let target = app.collaborator_id(SUPPORT2).await.to_string();
    let sales2 = app.collaborator_id(SALES2).await.to_string();
    let from = app.collaborator_id(SALES).await.to_string();
    let (client, contract, event) = (client.to_string(), contract.to_string(), event.to_string());
    let reads: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/api/get_collaborator", vec![("id", &target)]),
        ("/api/support_queue", vec![("paging[page]", "1"), ("paging[size]", "25")]),
    ];
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "/api/create_collaborator",
            vec![
                ("form[employee_number]", "EE-9999"),
                ("form[full_name]", "Intrus"),
                ("form[email]", "intrus@epic-events.fr"),
                ("form[department]", "management"),
            ],
        ),
        (
            "/api/update_collaborator",
            vec![
                ("id", &target),
                ("version", "1"),
                ("form[employee_number]", "EE-0202"),
                ("form[full_name]", "Renommé"),
                ("form[email]", "support2@epic-events.fr"),
            ],
        ),
        (
            "/api/change_collaborator_department",
            vec![("id", &target), ("version", "1"), ("change[department]", "management")],
        ),
        ("/api/set_collaborator_active", vec![("id", &target), ("version", "1"), ("active", "false")]),
        ("/api/reset_collaborator_password", vec![("id", &target)]),
        ("/api/delete_collaborator", vec![("id", &target), ("version", "1")]),
        ("/api/hand_over_portfolio", vec![("from", &from), ("to", &sales2)]),
        ("/api/delete_client", vec![("id", &client)]),
        ("/api/delete_contract", vec![("id", &contract)]),
        ("/api/delete_event", vec![("id", &event)]),
    ];
    let before = fingerprint(&app).await;
    for email in [SALES, SUPPORT] {
        let mut browser = app.signed_in(email).await;
        for (function, args) in &reads {
            let response = browser.read(function, args).await;
            assert_eq!(response.status, StatusCode::FORBIDDEN, "{email} {function}: {}", response.body);
        }
        for (function, form) in &calls {
            let response = browser.call(function, form).await;
            assert_eq!(response.status, StatusCode::FORBIDDEN, "{email} {function}: {}", response.body);
        }
        for page in ["/administration", "/administration/collaborateurs", "/administration/evenements-sans-support"] {
            assert_eq!(browser.get(page).await.status, StatusCode::FORBIDDEN, "{email} {page}");
        }
    }
    // The refused callers' own sign-ins opened sessions; nothing else moved.
    let mut after = fingerprint(&app).await;
    let sessions = after.len() - 1;
    after[sessions] = before[sessions];
    assert_eq!(after, before);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn management_creates_a_collaborator_whose_password_is_shown_once(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut manager = app.signed_in(MANAGER).await;
    let created = create_collaborator(&mut manager, "ee-0300", "recrue@epic-events.fr", "support").await;
    let id = created.created_id();
    let first = detail(&mut manager, id).await;
    let password = first["new_password"].as_str().expect("shown the first time").to_owned();
    assert_eq!(first["collaborator"]["employee_number"], "EE-0300");
    assert_eq!(first["collaborator"]["department"], "support");
    assert!(detail(&mut manager, id).await["new_password"].is_null(), "shown only once");

    let mut recruit = app.client();
    assert_eq!(recruit.sign_in("recrue@epic-events.fr", &password).await.status, StatusCode::OK);
    let stored: String = sqlx::query_scalar("select password_hash from collaborator where id = $1")
        .bind(id)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains(&password));
    let audit = app.count(&format!("select count(*) from audit_record where entity = 'collaborator' and entity_id = '{id}' and action = 'create'")).await;
    assert_eq!(audit, 1);

    // Taken e-mail and employee number, missing department: said on the fields, nothing written.
    let before = app.count("select count(*) from collaborator").await;
    for (number, email, field) in
        [("EE-0399", "RECRUE@epic-events.fr", "email"), ("ee-0300", "autre.recrue@epic-events.fr", "employee_number")]
    {
        let duplicate = create_collaborator(&mut manager, number, email, "sales").await;
        assert_eq!(duplicate.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", duplicate.body);
        assert!(error_of(&duplicate.body).field_message(field).is_some(), "{}", duplicate.body);
    }
    let missing = create_collaborator(&mut manager, "EE-0301", "autre@epic-events.fr", "").await;
    assert!(matches!(missing.status, StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST), "{}", missing.body);
    let bad = create_collaborator(&mut manager, "E 1", "pas-un-email", "sales").await;
    let error = error_of(&bad.body);
    assert!(error.field_message("employee_number").is_some() && error.field_message("email").is_some());
    assert_eq!(app.count("select count(*) from collaborator").await, before);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn deactivation_ends_sessions_at_once_and_reactivation_lets_them_back(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut support = app.signed_in(SUPPORT).await;
    assert_eq!(support.read("/api/current_user", &[]).await.status, StatusCode::OK);
    let id = app.collaborator_id(SUPPORT).await;
    let mut manager = app.signed_in(MANAGER).await;
    let form = |version: String, active: &str| {
        vec![("id", id.to_string()), ("version", version), ("active", active.to_owned())]
    };

    let stale = manager.call_owned("/api/set_collaborator_active", &form("99".into(), "false")).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let done =
        manager.call_owned("/api/set_collaborator_active", &form(collaborator_version(&app, id).await, "false")).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(support.get("/clients").await.status, StatusCode::SEE_OTHER, "signed out on the next click");
    assert_eq!(app.client().sign_in(SUPPORT, common::PASSWORD).await.status, StatusCode::UNAUTHORIZED);

    let back =
        manager.call_owned("/api/set_collaborator_active", &form(collaborator_version(&app, id).await, "true")).await;
    assert_eq!(back.status, StatusCode::OK);
    assert_eq!(app.client().sign_in(SUPPORT, common::PASSWORD).await.status, StatusCode::OK);
    let actions: Vec<String> = sqlx::query_scalar(
        "select action from audit_record where entity = 'collaborator' and entity_id = $1 order by id",
    )
    .bind(id)
    .fetch_all(&app.owner)
    .await
    .unwrap();
    assert_eq!(actions, ["deactivate", "reactivate"]);

    // Nobody locks themselves out.
    let me = app.collaborator_id(MANAGER).await;
    let own = manager
        .call_owned(
            "/api/set_collaborator_active",
            &[("id", me.to_string()), ("version", collaborator_version(&app, me).await), ("active", "false".into())],
        )
        .await;
    assert_eq!(own.status, StatusCode::CONFLICT);
    assert!(matches!(error_of(&own.body), AppError::Refused(_)));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_reset_password_replaces_the_old_one_and_ends_sessions(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let id = app.collaborator_id(SALES).await;
    let mut manager = app.signed_in(MANAGER).await;
    let reset = manager.call("/api/reset_collaborator_password", &[("id", &id.to_string())]).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let password = detail(&mut manager, id).await["new_password"].as_str().unwrap().to_owned();
    assert_eq!(seller.get("/clients").await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.client().sign_in(SALES, common::PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.client().sign_in(SALES, &password).await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_department_change_hands_over_what_the_person_holds_in_the_same_step(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Suivi", "suivi@exemple.fr").await.created_id();
    let open = create_contract(&mut seller, client, "500", "500").await.created_id();
    let paid = create_contract(&mut seller, client, "300", "0").await.created_id();
    assert_eq!(sign(&mut seller, paid, 1).await.status, StatusCode::OK);
    let seller_id = app.collaborator_id(SALES).await;
    let sales2 = app.collaborator_id(SALES2).await;
    let support = app.collaborator_id(SUPPORT).await;
    let mut manager = app.signed_in(MANAGER).await;
    let clients_held = app.count(&format!("select count(*) from client where sales_contact_id = '{seller_id}'")).await;

    let change = |to: &str| {
        vec![
            ("id", seller_id.to_string()),
            ("change[department]", "management".to_owned()),
            ("change[clients_to]", to.to_owned()),
        ]
    };
    let with_version = |mut form: Vec<(&'static str, String)>, version: String| {
        form.push(("version", version));
        form
    };
    let before = fingerprint(&app).await;
    let refused = manager
        .call_owned(
            "/api/change_collaborator_department",
            &with_version(change(""), collaborator_version(&app, seller_id).await),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&refused.body).field_message("clients_to").unwrap().contains("client"));
    let to_support = manager
        .call_owned(
            "/api/change_collaborator_department",
            &with_version(change(&support.to_string()), collaborator_version(&app, seller_id).await),
        )
        .await;
    assert_eq!(to_support.status, StatusCode::UNPROCESSABLE_ENTITY, "a successor must be a salesperson");
    assert_eq!(fingerprint(&app).await, before);

    let done = manager
        .call_owned(
            "/api/change_collaborator_department",
            &with_version(change(&sales2.to_string()), collaborator_version(&app, seller_id).await),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let department: String = sqlx::query_scalar("select department from collaborator where id = $1")
        .bind(seller_id)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(department, "management");
    assert_eq!(
        app.count(&format!("select count(*) from client where sales_contact_id = '{sales2}' and id = '{client}'"))
            .await,
        1
    );
    assert_eq!(app.count(&format!("select count(*) from client where sales_contact_id = '{seller_id}'")).await, 0);
    let contract_owner = |id: Uuid| {
        let owner = app.owner.clone();
        async move {
            sqlx::query_scalar::<_, Uuid>("select sales_contact_id from contract where id = $1")
                .bind(id)
                .fetch_one(&owner)
                .await
                .unwrap()
        }
    };
    assert_eq!(contract_owner(open).await, sales2, "open contracts follow");
    assert_eq!(contract_owner(paid).await, seller_id, "a paid contract keeps who sold it");
    let audited = app
        .count("select count(*) from audit_record where entity = 'client' and action = 'change_sales_contact'")
        .await;
    assert_eq!(audited, clients_held);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn support_hands_over_upcoming_events_when_leaving_support(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "evenementiel@exemple.fr").await;
    let event = create_event(&mut seller, contract, "Séminaire").await.created_id();
    let support = app.collaborator_id(SUPPORT).await;
    let support2 = app.collaborator_id(SUPPORT2).await;
    let mut manager = app.signed_in(MANAGER).await;
    let assigned = manager
        .call(
            "/api/assign_event_support",
            &[("id", &event.to_string()), ("version", "1"), ("support_contact_id", &support.to_string())],
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);

    let form = |events_to: &str, version: String| {
        vec![
            ("id", support.to_string()),
            ("version", version),
            ("change[department]", "sales".to_owned()),
            ("change[events_to]", events_to.to_owned()),
        ]
    };
    let refused = manager
        .call_owned("/api/change_collaborator_department", &form("", collaborator_version(&app, support).await))
        .await;
    assert!(error_of(&refused.body).field_message("events_to").is_some());
    let done = manager
        .call_owned(
            "/api/change_collaborator_department",
            &form(&support2.to_string(), collaborator_version(&app, support).await),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let now_support: Uuid = sqlx::query_scalar("select support_contact_id from event where id = $1")
        .bind(event)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(now_support, support2);
    // The moved person is now a salesperson: the database refuses them as an event's support.
    let wrong = sqlx::query("update event set support_contact_id = $2 where id = $1")
        .bind(event)
        .bind(support)
        .execute(&app.owner)
        .await;
    assert!(wrong.is_err());
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_someone_in_charge_of_nothing_is_deleted_and_the_audit_keeps_their_name(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    create_client(&mut seller, "Client Gardé", "garde@exemple.fr").await.created_id();
    let seller_id = app.collaborator_id(SALES).await;
    let mut manager = app.signed_in(MANAGER).await;
    let before = fingerprint(&app).await;
    let refused = manager
        .call(
            "/api/delete_collaborator",
            &[("id", &seller_id.to_string()), ("version", &collaborator_version(&app, seller_id).await)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(matches!(error_of(&refused.body), AppError::Refused(_)));
    assert_eq!(fingerprint(&app).await, before);

    // A fresh account that did something (signed in, created a client) then handed it over.
    let recruit = create_collaborator(&mut manager, "EE-0400", "ephemere@epic-events.fr", "sales").await.created_id();
    let password = detail(&mut manager, recruit).await["new_password"].as_str().unwrap().to_owned();
    let mut ephemeral = app.client();
    assert_eq!(ephemeral.sign_in("ephemere@epic-events.fr", &password).await.status, StatusCode::OK);
    let chosen = "une phrase de passe bien à moi";
    let changed = ephemeral
        .call(
            "/api/change_password",
            &[("form[current]", &password), ("form[new_password]", chosen), ("form[confirmation]", chosen)],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "a generated password is changed first: {}", changed.body);
    create_client(&mut ephemeral, "Client Éphémère", "eph@exemple.fr").await.created_id();
    let sales2 = app.collaborator_id(SALES2).await;
    let handed =
        manager.call("/api/hand_over_portfolio", &[("from", &recruit.to_string()), ("to", &sales2.to_string())]).await;
    assert_eq!(handed.status, StatusCode::OK, "{}", handed.body);
    let deleted = manager
        .call(
            "/api/delete_collaborator",
            &[("id", &recruit.to_string()), ("version", &collaborator_version(&app, recruit).await)],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert_eq!(app.count(&format!("select count(*) from collaborator where id = '{recruit}'")).await, 0);
    let names: Vec<Option<String>> = sqlx::query_scalar(
        "select actor_name from audit_record where entity = 'client' and action = 'create' and actor_id is null",
    )
    .fetch_all(&app.owner)
    .await
    .unwrap();
    assert_eq!(names, [Some("Nouvelle Recrue".to_owned())]);
    assert_eq!(ephemeral.get("/clients").await.status, StatusCode::SEE_OTHER, "their session is gone");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_portfolio_moves_in_one_step_to_an_active_salesperson_only(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Transmis", "transmis@exemple.fr").await.created_id();
    let contract = create_contract(&mut seller, client, "800", "800").await.created_id();
    let (seller_id, sales2, support) =
        (app.collaborator_id(SALES).await, app.collaborator_id(SALES2).await, app.collaborator_id(SUPPORT).await);
    let held = app.count(&format!("select count(*) from client where sales_contact_id = '{seller_id}'")).await;
    let mut manager = app.signed_in(MANAGER).await;
    let before = fingerprint(&app).await;
    for (from, to, field) in [
        (seller_id.to_string(), support.to_string(), "to"),
        (seller_id.to_string(), seller_id.to_string(), "to"),
        ("".to_owned(), sales2.to_string(), "from"),
        (seller_id.to_string(), "pas-un-id".to_owned(), "to"),
    ] {
        let refused = manager.call("/api/hand_over_portfolio", &[("from", &from), ("to", &to)]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{from} → {to}: {}", refused.body);
        assert!(error_of(&refused.body).field_message(field).is_some(), "{}", refused.body);
    }
    assert_eq!(fingerprint(&app).await, before);

    let done = manager
        .call("/api/hand_over_portfolio", &[("from", &seller_id.to_string()), ("to", &sales2.to_string())])
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(app.count(&format!("select count(*) from client where sales_contact_id = '{seller_id}'")).await, 0);
    assert_eq!(
        app.count(&format!("select count(*) from contract where id = '{contract}' and sales_contact_id = '{sales2}'"))
            .await,
        1
    );
    let audited = app
        .count("select count(*) from audit_record where entity = 'client' and action = 'change_sales_contact'")
        .await;
    assert_eq!(audited, held);
    assert_eq!(version_of(&app, "client", client).await, 2, "a concurrent edit of a moved client is detected");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn deleting_follows_the_accounting_rules_in_one_audited_transaction(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let prospect = create_client(&mut seller, "Prospect Effacé", "efface@exemple.fr").await.created_id();
    let draft = create_contract(&mut seller, prospect, "100", "100").await.created_id();
    let signed = signed_contract(&app, &mut seller, "compta@exemple.fr").await;
    let event = create_event(&mut seller, signed, "Cocktail").await.created_id();
    let customer: Uuid = sqlx::query_scalar("select client_id from contract where id = $1")
        .bind(signed)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let mut manager = app.signed_in(MANAGER).await;
    let before = fingerprint(&app).await;

    let client_refused = manager.call("/api/delete_client", &[("id", &customer.to_string())]).await;
    assert_eq!(client_refused.status, StatusCode::CONFLICT);
    assert!(matches!(error_of(&client_refused.body), AppError::Refused(m) if m.contains("anonymis")));
    let contract_refused = manager.call("/api/delete_contract", &[("id", &signed.to_string())]).await;
    assert_eq!(contract_refused.status, StatusCode::CONFLICT);
    let unknown = manager.call("/api/delete_event", &[("id", &Uuid::new_v4().to_string())]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let malformed = manager.call("/api/delete_event", &[("id", "1 or 1=1")]).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(fingerprint(&app).await, before);

    assert_eq!(manager.call("/api/delete_event", &[("id", &event.to_string())]).await.status, StatusCode::OK);
    // Without its events, a signed contract still stays: the accounts keep it.
    let still_signed = manager.call("/api/delete_contract", &[("id", &signed.to_string())]).await;
    assert_eq!(still_signed.status, StatusCode::CONFLICT);
    assert!(matches!(error_of(&still_signed.body), AppError::Refused(m) if m.contains("signé")));
    let gone = manager.call("/api/delete_client", &[("id", &prospect.to_string())]).await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
    for (table, id) in [("event", event), ("contract", draft), ("client", prospect)] {
        assert_eq!(app.count(&format!("select count(*) from {table} where id = '{id}'")).await, 0, "{table}");
        let audited = app
            .count(&format!("select count(*) from audit_record where entity_id = '{id}' and action = 'delete'"))
            .await;
        assert_eq!(audited, 1, "{table} deletion audited");
    }
    let traces = app
        .count(
            "select count(*) from audit_record where changes::text like '%Effacé%' or changes::text like '%efface@%'",
        )
        .await;
    assert_eq!(traces, 0, "a deleted client's personal values leave the audit trail");
    assert_eq!(app.count(&format!("select count(*) from contract where id = '{signed}'")).await, 1);
    assert_eq!(manager.call("/api/delete_client", &[("id", &customer.to_string())]).await.status, StatusCode::CONFLICT);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_support_queue_lists_upcoming_events_without_support_and_assigns_them(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "file@exemple.fr").await;
    let event = create_event(&mut seller, contract, "Soirée en file").await.created_id();
    let mut manager = app.signed_in(MANAGER).await;
    let queue = manager.read("/api/support_queue", &[("paging[page]", "1"), ("paging[size]", "25")]).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    assert!(queue.body.contains(&event.to_string()));

    let support = app.collaborator_id(SUPPORT).await.to_string();
    let form = [
        ("id", event.to_string()),
        ("version", "1".to_owned()),
        ("support_contact_id", support),
        ("back_to_queue", "true".to_owned()),
    ];
    let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let assigned =
        manager.post_plain_form("/api/assign_event_support", &refs, "/administration/evenements-sans-support").await;
    assert_eq!(assigned.status, StatusCode::FOUND);
    assert_eq!(assigned.location(), Some("/administration/evenements-sans-support?ok=assigned"));
    let queue = manager.read("/api/support_queue", &[("paging[page]", "1"), ("paging[size]", "25")]).await;
    assert!(!queue.body.contains(&event.to_string()));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_admin_pages_render_for_management(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut manager = app.signed_in(MANAGER).await;
    let support = app.collaborator_id(SUPPORT).await;
    for page in [
        "/administration".to_owned(),
        "/administration/collaborateurs".to_owned(),
        "/administration/collaborateurs?department=support&sort=-created".to_owned(),
        "/administration/collaborateurs/nouveau".to_owned(),
        format!("/administration/collaborateurs/{support}"),
        format!("/administration/collaborateurs/{support}/departement"),
        format!("/administration/collaborateurs/{support}/desactiver"),
        format!("/administration/collaborateurs/{support}/supprimer"),
        "/administration/evenements-sans-support".to_owned(),
        "/administration/reprise-portefeuille".to_owned(),
    ] {
        let response = manager.get(&page).await;
        assert_eq!(response.status, StatusCode::OK, "{page}");
    }
    assert_eq!(manager.get("/administration/collaborateurs?department=boss").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        manager.get(&format!("/administration/collaborateurs/{}", Uuid::new_v4())).await.status,
        StatusCode::NOT_FOUND
    );
}
