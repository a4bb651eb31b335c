//! The CRM core through its server functions, as the three teams use it: every action allowed
//! for the right people, refused (and changing nothing) for the others, audited, and safe
//! against concurrent edits.

use crate::common;

use http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use common::TestApp;
use common::records::*;

const SALES: &str = "commercial@epic-events.fr";
const SALES2: &str = "commercial2@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const SUPPORT2: &str = "support2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn sales_create_clients_and_become_their_sales_contact(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let response = create_client(&mut seller, "Marie  Curie", "Marie.Curie@Radium.fr").await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let id = response.created_id();
    let (name, email, phone, sales_contact): (String, String, String, Uuid) =
        sqlx::query_as("select full_name, email, phone, sales_contact_id from client where id = $1")
            .bind(id)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), email.as_str(), phone.as_str()),
        ("Marie Curie", "marie.curie@radium.fr", "+33612345678")
    );
    assert_eq!(sales_contact, app.collaborator_id(SALES).await);
    let audited =
        app.count(&format!("select count(*) from audit_record where entity_id = '{id}' and action = 'create'")).await;
    assert_eq!(audited, 1);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn only_sales_create_clients(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let before = app.count("select count(*) from client").await;
    for email in [SUPPORT, MANAGER] {
        let mut browser = app.signed_in(email).await;
        let response = create_client(&mut browser, "Refusé", "refuse@exemple.fr").await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{email}");
    }
    let mut anonymous = app.client();
    assert_eq!(create_client(&mut anonymous, "Anonyme", "anonyme@exemple.fr").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("select count(*) from client").await, before);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn invalid_client_fields_are_reported_and_nothing_is_written(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let before = app.count("select count(*) from client").await;
    let response = seller
        .call(
            "/api/create_client",
            &[
                ("form[full_name]", ""),
                ("form[email]", "pas-un-email"),
                ("form[phone]", "12"),
                ("form[company_name]", ""),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = error_of(&response.body);
    for field in ["full_name", "email", "phone", "company_name"] {
        assert!(error.field_message(field).is_some(), "{field}");
    }
    assert_eq!(error.submitted("email"), Some("pas-un-email"));
    let duplicate = create_client(&mut seller, "Kevin Bis", "KEVIN@startup.io").await;
    assert_eq!(duplicate.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&duplicate.body).field_message("email").is_some());
    assert_eq!(app.count("select count(*) from client").await, before);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn sales_edit_their_own_clients_only(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let id = create_client(&mut seller, "Client A", "client.a@exemple.fr").await.created_id();
    let form = |name: &'static str| {
        vec![
            ("id", id.to_string()),
            ("version", "1".to_owned()),
            ("form[full_name]", name.to_owned()),
            ("form[email]", "client.a@exemple.fr".to_owned()),
            ("form[phone]", "+33 6 12 34 56 78".to_owned()),
            ("form[company_name]", "Entreprise Test".to_owned()),
        ]
    };
    for email in [SALES2, SUPPORT, MANAGER] {
        let mut other = app.signed_in(email).await;
        assert_eq!(
            other.call_owned("/api/update_client", &form("Volé")).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
    }
    assert_eq!(version_of(&app, "client", id).await, 1, "refused edits change nothing");

    let ok = seller.call_owned("/api/update_client", &form("Client A renommé")).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let name: String =
        sqlx::query_scalar("select full_name from client where id = $1").bind(id).fetch_one(&app.owner).await.unwrap();
    assert_eq!(name, "Client A renommé");
    let change: serde_json::Value =
        sqlx::query_scalar("select changes from audit_record where entity_id = $1 and action = 'update'")
            .bind(id)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(change[0]["field"], "full_name");
    assert_eq!(change[0]["old"], "Client A");
    assert_eq!(change[0]["new"], "Client A renommé");

    // The same form again, still at version 1: someone saved in between.
    let stale = seller.call_owned("/api/update_client", &form("Écrasement")).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(error_of(&stale.body), AppError::Conflict);
    let name: String =
        sqlx::query_scalar("select full_name from client where id = $1").bind(id).fetch_one(&app.owner).await.unwrap();
    assert_eq!(name, "Client A renommé", "no silent overwrite");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn management_reassigns_clients_to_salespeople_only(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let id = create_client(&mut seller, "Client R", "client.r@exemple.fr").await.created_id();
    let sales2 = app.collaborator_id(SALES2).await.to_string();
    let support = app.collaborator_id(SUPPORT).await.to_string();
    let id_s = id.to_string();
    let refused = seller
        .call("/api/change_client_sales_contact", &[("id", &id_s), ("version", "1"), ("sales_contact_id", &sales2)])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut manager = app.signed_in(MANAGER).await;
    let not_sales = manager
        .call("/api/change_client_sales_contact", &[("id", &id_s), ("version", "1"), ("sales_contact_id", &support)])
        .await;
    assert_eq!(not_sales.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = manager
        .call("/api/change_client_sales_contact", &[("id", &id_s), ("version", "1"), ("sales_contact_id", &sales2)])
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let owner_now: Uuid = sqlx::query_scalar("select sales_contact_id from client where id = $1")
        .bind(id)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(owner_now.to_string(), sales2);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn contracts_follow_their_clients_sales_contact(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client C", "client.c@exemple.fr").await.created_id();

    for email in [SALES2, SUPPORT] {
        let mut other = app.signed_in(email).await;
        assert_eq!(create_contract(&mut other, client, "100", "100").await.status, StatusCode::FORBIDDEN, "{email}");
    }
    assert_eq!(app.count(&format!("select count(*) from contract where client_id = '{client}'")).await, 0);

    let negative = create_contract(&mut seller, client, "-100", "0").await;
    assert_eq!(negative.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&negative.body).field_message("total").is_some());

    let mine = create_contract(&mut seller, client, "1 234,56", "1000").await.created_id();
    let mut manager = app.signed_in(MANAGER).await;
    let managed = create_contract(&mut manager, client, "500", "0").await.created_id();
    let (total, remaining, sales_contact): (i64, i64, Uuid) =
        sqlx::query_as("select total_cents, remaining_cents, sales_contact_id from contract where id = $1")
            .bind(mine)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!((total, remaining), (123_456, 100_000));
    assert_eq!(sales_contact, app.collaborator_id(SALES).await);
    let managed_sales: Uuid = sqlx::query_scalar("select sales_contact_id from contract where id = $1")
        .bind(managed)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(managed_sales, sales_contact, "management's contract also goes to the client's sales contact");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn amounts_and_signing_are_for_the_contracts_seller_and_management(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client S", "client.s@exemple.fr").await.created_id();
    let contract = create_contract(&mut seller, client, "1000", "1000").await.created_id();
    let id = contract.to_string();
    let amounts = |version: &'static str, total: &'static str| {
        vec![("id", id.clone()), ("version", version.to_owned()), ("form[total]", total.to_owned())]
    };

    let mut other_seller = app.signed_in(SALES2).await;
    let mut support = app.signed_in(SUPPORT).await;
    assert_eq!(other_seller.call_owned("/api/update_contract", &amounts("1", "0")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(support.call_owned("/api/update_contract", &amounts("1", "0")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(sign(&mut other_seller, contract, 1).await.status, StatusCode::FORBIDDEN);
    assert_eq!(sign(&mut support, contract, 1).await.status, StatusCode::FORBIDDEN);
    assert_eq!(version_of(&app, "contract", contract).await, 1);

    assert_eq!(seller.call_owned("/api/update_contract", &amounts("1", "400")).await.status, StatusCode::OK);
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(manager.call_owned("/api/update_contract", &amounts("2", "300")).await.status, StatusCode::OK);
    assert_eq!(sign(&mut seller, contract, 2).await.status, StatusCode::CONFLICT, "stale version");
    assert_eq!(sign(&mut seller, contract, 3).await.status, StatusCode::OK);
    let (remaining, signed_by): (i64, Option<Uuid>) =
        sqlx::query_as("select remaining_cents, signed_by from contract where id = $1")
            .bind(contract)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(remaining, 30_000);
    assert_eq!(signed_by, Some(app.collaborator_id(SALES).await));
    let actions: Vec<String> = sqlx::query_scalar("select action from audit_record where entity_id = $1 order by id")
        .bind(contract)
        .fetch_all(&app.owner)
        .await
        .unwrap();
    assert_eq!(actions, ["create", "update", "update", "sign"]);
    assert_eq!(sign(&mut seller, contract, 4).await.status, StatusCode::UNPROCESSABLE_ENTITY, "already signed");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn events_need_a_signed_contract_of_the_sellers_own_client(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client E", "client.e@exemple.fr").await.created_id();
    let unsigned = create_contract(&mut seller, client, "1000", "1000").await.created_id();
    let refused = create_event(&mut seller, unsigned, "Trop tôt").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&refused.body).field_message("contract").unwrap().contains("pas signé"));

    let contract = signed_contract(&app, &mut seller, "client.e2@exemple.fr").await;
    for email in [SALES2, SUPPORT, MANAGER] {
        let mut other = app.signed_in(email).await;
        assert_eq!(create_event(&mut other, contract, "Refusé").await.status, StatusCode::FORBIDDEN, "{email}");
    }
    assert_eq!(app.count("select count(*) from event where title in ('Trop tôt', 'Refusé')").await, 0);

    let created = create_event(&mut seller, contract, "Gala").await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let event = created.created_id();
    let (event_client, contract_client): (Uuid, Uuid) = sqlx::query_as(
        "select e.client_id, k.client_id from event e join contract k on k.id = e.contract_id where e.id = $1",
    )
    .bind(event)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!(event_client, contract_client, "the client comes from the contract");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn support_is_assigned_by_management_and_edits_only_its_events(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "client.f@exemple.fr").await;
    let event = create_event(&mut seller, contract, "Conférence").await.created_id();
    let event_s = event.to_string();
    let support_id = app.collaborator_id(SUPPORT).await.to_string();
    let seller_id = app.collaborator_id(SALES).await.to_string();
    let assign = |version: &'static str, who: String| {
        vec![("id", event_s.clone()), ("version", version.to_owned()), ("support_contact_id", who)]
    };

    let mut support = app.signed_in(SUPPORT).await;
    assert_eq!(
        seller.call_owned("/api/assign_event_support", &assign("1", support_id.clone())).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        support.call_owned("/api/assign_event_support", &assign("1", support_id.clone())).await.status,
        StatusCode::FORBIDDEN
    );
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(
        manager.call_owned("/api/assign_event_support", &assign("1", seller_id)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let ok = manager.call_owned("/api/assign_event_support", &assign("1", support_id)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);

    let mut edit = event_form("Conférence");
    edit.push(("id", event_s.clone()));
    edit.push(("version", "2".to_owned()));
    edit.retain(|(k, _)| *k != "form[notes]");
    edit.push(("form[notes]", "Prévoir un micro HF.".to_owned()));

    let mut other_support = app.signed_in(SUPPORT2).await;
    assert_eq!(
        other_support.call_owned("/api/update_event", &edit.clone()).await.status,
        StatusCode::FORBIDDEN,
        "forged edit"
    );
    assert_eq!(seller.call_owned("/api/update_event", &edit.clone()).await.status, StatusCode::FORBIDDEN);
    assert_eq!(version_of(&app, "event", event).await, 2);
    let ok = support.call_owned("/api/update_event", &edit).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let notes: String =
        sqlx::query_scalar("select notes from event where id = $1").bind(event).fetch_one(&app.owner).await.unwrap();
    assert_eq!(notes, "Prévoir un micro HF.");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn lists_filter_search_and_sort_from_the_url(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let prospects = seller.get("/clients?prospects=1").await;
    assert_eq!(prospects.status, StatusCode::OK);
    assert!(prospects.body.contains("Lucas Bernard") && prospects.body.contains("Antoine Dubois"));
    assert!(!prospects.body.contains("Kevin Casey"), "a client with a signed contract is no prospect");

    let mine = seller.get("/clients?mine=1").await.body;
    assert!(mine.contains("Kevin Casey") && !mine.contains("Élodie Petit"));
    let search = seller.get("/clients?q=MOREAU").await.body;
    assert!(search.contains("Jeanne Moreau") && !search.contains("Kevin Casey"));
    let sorted = seller.get("/clients?sort=-name").await.body;
    assert!(sorted.find("Lucas Bernard").unwrap() < sorted.find("Antoine Dubois").unwrap());

    let unsigned = seller.get("/contrats?unsigned=1").await.body;
    assert!(unsigned.contains("Jeanne Moreau") && !unsigned.contains("Kevin Casey"));
    let unpaid = seller.get("/contrats?unpaid=1").await.body;
    assert!(unpaid.contains("Kevin Casey") && !unpaid.contains("Chloé Martin"));

    let mut support = app.signed_in(SUPPORT).await;
    let mine = support.get("/evenements?mine=1").await.body;
    assert!(mine.contains("Lancement Cool Startup") && !mine.contains("Mariage Petit"));
    let without = support.get("/evenements?without_support=1").await.body;
    assert!(without.contains("Séminaire annuel") && !without.contains("Lancement Cool Startup"));
    // The demo's events are dated from the day it was loaded: the seminar's day, then its range.
    let seminar: chrono::NaiveDate = sqlx::query_scalar(
        "select (starts_at at time zone 'Europe/Paris')::date from event where title like 'Séminaire annuel%'",
    )
    .fetch_one(&app.owner)
    .await
    .unwrap();
    let range = support.get(&format!("/evenements?from={seminar}&to={}", seminar + chrono::Days::new(1))).await.body;
    assert!(range.contains("Séminaire annuel") && !range.contains("Mariage Petit"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn malformed_list_parameters_and_ids_get_clear_errors(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.signed_in(SUPPORT).await;
    for path in [
        "/clients?page=-1",
        "/clients?page=99999999999999999999",
        "/clients?sort=password_hash",
        "/contrats?size=7",
        "/evenements?from=hier",
        "/clients?mine=peut-etre",
    ] {
        let response = browser.get(path).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(response.body.contains("Paramètres invalides"), "{path}");
    }
    for path in
        ["/clients/not-a-uuid", &format!("/clients/{}", Uuid::new_v4()), &format!("/contrats/{}", Uuid::new_v4())]
    {
        assert_eq!(browser.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let bogus = browser.read("/api/get_client", &[("id", "'; drop table client; --")]).await;
    assert_eq!(bogus.status, StatusCode::BAD_REQUEST);
    assert!(app.count("select count(*) from client").await > 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn detail_pages_show_related_records_and_history(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.signed_in(SUPPORT).await;
    let kevin: Uuid = sqlx::query_scalar("select id from client where email = 'kevin@startup.io'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let page = browser.get(&format!("/clients/{kevin}")).await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "Cool Startup LLC",
        "+33 6 12 34 56 78",
        "Lancement Cool Startup",
        "40\u{202f}000,00\u{a0}€",
        "Camille Commerce",
        "a créé",
    ] {
        assert!(page.body.contains(expected), "client page shows {expected:?}");
    }
    assert!(!page.body.contains("/modifier"), "support sees no edit link on a client");
}

/// A page without its hydration markers (`<!>`).
async fn history_of(browser: &mut common::Client<'_>, path: String) -> String {
    browser.get(&path).await.body.replace("<!>", "")
}

/// The trail keeps raw values (cents, instants, `true`/`false`, E.164); pages format them.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_audit_trail_stores_raw_values_and_pages_show_them_formatted(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Brut", "client.brut@exemple.fr").await.created_id();
    let contract = create_contract(&mut seller, client, "1 234,56", "1000").await.created_id();
    assert_eq!(sign(&mut seller, contract, 1).await.status, StatusCode::OK);
    let event = create_event(&mut seller, contract, "Soirée brute").await.created_id();

    let changes = |id: Uuid, action: &'static str| {
        let owner = app.owner.clone();
        async move {
            let value: serde_json::Value =
                sqlx::query_scalar("select changes from audit_record where entity_id = $1 and action = $2")
                    .bind(id)
                    .bind(action)
                    .fetch_one(&owner)
                    .await
                    .unwrap();
            value
                .as_array()
                .unwrap()
                .iter()
                .map(|c| (c["field"].as_str().unwrap().to_owned(), c["old"].clone(), c["new"].clone()))
                .collect::<Vec<_>>()
        }
    };
    let new_of = |rows: &[(String, serde_json::Value, serde_json::Value)], field: &str| {
        rows.iter().find(|(f, ..)| f == field).map(|(_, _, new)| new.clone()).unwrap()
    };
    let created = changes(contract, "create").await;
    assert_eq!(new_of(&created, "total"), "123456");
    let paid = changes(contract, "record_payment").await;
    assert_eq!((new_of(&paid, "payment"), new_of(&paid, "method")), ("23456".into(), "transfer".into()));
    assert_eq!(paid.iter().find(|(f, ..)| f == "remaining").map(|(_, old, _)| old.clone()), Some("123456".into()));
    assert_eq!(
        changes(contract, "sign").await,
        [
            ("stage".to_owned(), "prospect".into(), "signed".into()),
            ("signed".to_owned(), "false".into(), "true".into())
        ]
    );
    assert_eq!(new_of(&changes(client, "create").await, "phone"), "+33612345678");
    assert_eq!(new_of(&changes(event, "create").await, "starts_at"), "2027-03-12T13:00:00Z");

    let contract_page = history_of(&mut seller, format!("/contrats/{contract}")).await;
    assert!(contract_page.contains("<ins>1\u{202f}234,56\u{a0}€</ins>"), "{contract_page}");
    assert!(contract_page.contains("<del>non</del> → <ins>oui</ins>"), "{contract_page}");
    let client_page = history_of(&mut seller, format!("/clients/{client}")).await;
    assert!(client_page.contains("<ins>+33 6 12 34 56 78</ins>"), "{client_page}");
    let starts = app::domain::datetime::format_datetime("2027-03-12T13:00:00Z".parse().unwrap());
    let event_page = history_of(&mut seller, format!("/evenements/{event}")).await;
    assert!(event_page.contains(&format!("<ins>{starts}</ins>")), "{event_page}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_refused_write_leaves_no_audit_record(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let id = create_client(&mut seller, "Client D", "client.d@exemple.fr").await.created_id();
    let records = app.count("select count(*) from audit_record").await;
    let taken = seller
        .call_owned(
            "/api/update_client",
            &[
                ("id", id.to_string()),
                ("version", "1".to_owned()),
                ("form[full_name]", "Client D".to_owned()),
                ("form[email]", "kevin@startup.io".to_owned()),
                ("form[phone]", "06 12 34 56 78".to_owned()),
                ("form[company_name]", "Entreprise Test".to_owned()),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", taken.body);
    assert!(error_of(&taken.body).field_message("email").is_some());
    assert_eq!(app.count("select count(*) from audit_record").await, records, "rolled back with the change");
    assert_eq!(version_of(&app, "client", id).await, 1);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_form_posted_without_javascript_comes_back_with_its_errors_and_values(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let response = seller
        .post_plain_form(
            "/api/create_client",
            &[
                ("form[full_name]", "Zoé Lambert"),
                ("form[email]", "zoe@@lambert"),
                ("form[phone]", "06 12 34 56 78"),
                ("form[company_name]", "Lambert SA"),
            ],
            "/clients/nouveau",
        )
        .await;
    assert_eq!(response.status, StatusCode::FOUND);
    let back = response.location().unwrap().trim_start_matches(common::ORIGIN).to_owned();
    let page = seller.get(&back).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Cette adresse e-mail n’est pas valide."), "the error is under its field");
    assert!(page.body.contains("value=\"Zoé Lambert\""), "typed values are kept");
    assert!(page.body.contains("value=\"zoe@@lambert\""));
    assert_eq!(app.count("select count(*) from client where full_name = 'Zoé Lambert'").await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_page_a_write_redirects_to_says_what_was_done_and_an_unknown_notice_says_nothing(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let created = create_client(&mut seller, "Nina Roux", "nina@roux.fr").await;
    let location = created.location().unwrap().trim_start_matches(common::ORIGIN).to_owned();
    assert_eq!(location, format!("/clients/{}?ok=created", created.created_id()));
    let page = seller.get(&location).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"class="notice">Enregistré."#), "{}", page.body);

    let unknown = seller.get(&format!("/clients/{}?ok=pwned", created.created_id())).await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(!unknown.body.contains(r#"class="notice""#), "{}", unknown.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn events_are_found_by_their_title_and_by_their_clients_current_name(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.signed_in(SUPPORT).await;
    assert!(browser.get("/evenements?q=lancement").await.body.contains("Lancement Cool Startup"));
    assert!(browser.get("/evenements?q=kevin+casey").await.body.contains("Lancement Cool Startup"));

    let mut seller = app.signed_in(SALES).await;
    let kevin: Uuid = sqlx::query_scalar("select id from client where email = 'kevin@startup.io'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let renamed = seller
        .call_owned(
            "/api/update_client",
            &[
                ("id", kevin.to_string()),
                ("version", "1".to_owned()),
                ("form[full_name]", "Kevin Castellane".to_owned()),
                ("form[email]", "kevin@startup.io".to_owned()),
                ("form[phone]", "06 12 34 56 78".to_owned()),
                ("form[company_name]", "Cool Startup LLC".to_owned()),
            ],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let found = browser.get("/evenements?q=castellane").await.body;
    assert!(found.contains("Lancement Cool Startup"), "{found}");
    assert!(found.contains("Kevin Castellane"), "the list shows the client's new name: {found}");
    assert!(!browser.get("/evenements?q=kevin+casey").await.body.contains("Lancement Cool Startup"));
    let by_client = browser.get("/evenements?sort=client").await;
    assert_eq!(by_client.status, StatusCode::OK);
    assert!(by_client.body.contains("Kevin Castellane"), "{}", by_client.body);
}
