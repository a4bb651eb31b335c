//! Rights on a client's contracts and events follow the client's *current* salesperson: once
//! management moves a client (or hands a whole portfolio over), the former salesperson is
//! refused, through the pages' server functions and the REST API alike, and the new one acts.

use crate::common;

use http::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use common::records::{create_client, create_contract, create_event, sign, version_of};
use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const SALES2: &str = "commercial2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

/// A client of the first salesperson with an unsigned contract, a signed open one (money still
/// due) and a signed, fully paid one.
struct Portfolio {
    client: Uuid,
    unsigned: Uuid,
    open: Uuid,
    paid: Uuid,
}

async fn portfolio(seller: &mut Client<'_>) -> Portfolio {
    let client = create_client(seller, "Client Transmis", "transmis@exemple.fr").await.created_id();
    let unsigned = create_contract(seller, client, "1000", "1000").await.created_id();
    let open = create_contract(seller, client, "2000", "500").await.created_id();
    assert_eq!(sign(seller, open, 1).await.status, StatusCode::OK);
    let paid = create_contract(seller, client, "3000", "0").await.created_id();
    assert_eq!(sign(seller, paid, 1).await.status, StatusCode::OK);
    Portfolio { client, unsigned, open, paid }
}

/// What a refused write must leave untouched.
async fn fingerprint(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "select coalesce(sum(version), 0)::bigint from contract",
        "select count(*) from contract where signed_at is not null",
        "select count(*) from event",
        "select count(*) from audit_record",
    ] {
        counts.push(app.count(sql).await);
    }
    counts
}

async fn sales_contact_of(app: &TestApp, contract: Uuid) -> Uuid {
    sqlx::query_scalar("select sales_contact_id from contract where id = $1")
        .bind(contract)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

async fn update_amounts(browser: &mut Client<'_>, app: &TestApp, contract: Uuid, total: &str) -> StatusCode {
    let version = version_of(app, "contract", contract).await.to_string();
    let form = [("id", contract.to_string()), ("version", version), ("form[total]", total.to_owned())];
    browser.call_owned("/api/update_contract", &form).await.status
}

/// The former salesperson is refused everything, through both doors, with nothing changed; the
/// new one then does it all.
async fn rights_have_moved(app: &TestApp, former: &str, new: &str, p: &Portfolio) {
    let mut old_seller = app.signed_in(former).await;
    let mut old_api = app.api_as(former).await;
    let before = fingerprint(app).await;
    assert_eq!(update_amounts(&mut old_seller, app, p.open, "2100").await, StatusCode::FORBIDDEN);
    assert_eq!(update_amounts(&mut old_seller, app, p.paid, "3100").await, StatusCode::FORBIDDEN);
    let version = version_of(app, "contract", p.unsigned).await;
    assert_eq!(sign(&mut old_seller, p.unsigned, version).await.status, StatusCode::FORBIDDEN);
    assert_eq!(create_event(&mut old_seller, p.open, "Gala refusé").await.status, StatusCode::FORBIDDEN);
    let patched =
        old_api.send(Method::PATCH, &format!("/contracts/{}", p.open), Some(json!({"total_amount": 210_000}))).await;
    patched.problem(StatusCode::FORBIDDEN);
    old_api.send(Method::POST, &format!("/contracts/{}/sign", p.unsigned), None).await.problem(StatusCode::FORBIDDEN);
    let event = json!({"contract_id": p.open, "title": "Gala refusé", "start": "2027-05-01T12:00:00Z",
                       "end": "2027-05-01T20:00:00Z", "location": "Tours", "attendees": 10});
    old_api.send(Method::POST, "/events", Some(event.clone())).await.problem(StatusCode::FORBIDDEN);
    assert_eq!(fingerprint(app).await, before, "nothing changed");
    let listed = old_api.send(Method::GET, "/contracts?mine=true&page_size=100", None).await.json();
    assert!(!listed.to_string().contains(&p.open.to_string()), "no longer in the former seller's contracts");

    let mut new_seller = app.signed_in(new).await;
    let mut new_api = app.api_as(new).await;
    let mine = new_api.send(Method::GET, "/contracts?mine=true&page_size=100", None).await.json();
    for contract in [p.unsigned, p.open, p.paid] {
        assert!(mine.to_string().contains(&contract.to_string()), "{contract} is among the new seller's contracts");
    }
    let patched = new_api
        .send(Method::PATCH, &format!("/contracts/{}", p.unsigned), Some(json!({"total_amount": 210_000})))
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    // A signed contract stays management's to change, whoever sells to its client now.
    assert_eq!(update_amounts(&mut new_seller, app, p.paid, "3100").await, StatusCode::CONFLICT);
    let locked =
        new_api.send(Method::PATCH, &format!("/contracts/{}", p.open), Some(json!({"total_amount": 210_000}))).await;
    assert_eq!(locked.status, StatusCode::CONFLICT, "{}", locked.body);
    let version = version_of(app, "contract", p.unsigned).await;
    assert_eq!(sign(&mut new_seller, p.unsigned, version).await.status, StatusCode::OK);
    let created = create_event(&mut new_seller, p.open, "Gala").await;
    assert!(created.location().is_some(), "{} {}", created.status, created.body);
    let created = new_api.send(Method::POST, "/events", Some(event)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn after_management_moves_a_client_only_its_new_seller_acts_on_its_contracts(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let p = portfolio(&mut seller).await;
    let (former, new) = (app.collaborator_id(SALES).await, app.collaborator_id(SALES2).await);
    let mut manager = app.signed_in(MANAGER).await;
    let version = version_of(&app, "client", p.client).await.to_string();
    let moved = manager
        .call(
            "/api/change_client_sales_contact",
            &[("id", &p.client.to_string()), ("version", &version), ("sales_contact_id", &new.to_string())],
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);

    // The open contracts went with the client, audited; the paid one keeps who sold it.
    assert_eq!(sales_contact_of(&app, p.unsigned).await, new);
    assert_eq!(sales_contact_of(&app, p.open).await, new);
    assert_eq!(sales_contact_of(&app, p.paid).await, former);
    // The contracts board's "Les miens" follows the client too, the paid contract included.
    let board_ids = |body: &str| -> Vec<String> {
        let board: serde_json::Value = serde_json::from_str(body).unwrap();
        let columns = board["columns"].as_array().unwrap().iter();
        columns
            .flat_map(|c| c["cards"].as_array().unwrap().iter().map(|k| k["id"].as_str().unwrap().to_owned()))
            .collect()
    };
    let mut new_seller = app.signed_in(SALES2).await;
    let mine = board_ids(&new_seller.read("/api/contracts_board", &[("query[mine]", "true")]).await.body);
    for contract in [p.unsigned, p.open, p.paid] {
        assert!(mine.contains(&contract.to_string()), "{contract} on the new seller's board");
    }
    let mut former_seller = app.signed_in(SALES).await;
    let theirs = board_ids(&former_seller.read("/api/contracts_board", &[("query[mine]", "true")]).await.body);
    assert!([p.unsigned, p.open, p.paid].iter().all(|c| !theirs.contains(&c.to_string())), "none on the former's");
    let audited = app
        .count(&format!(
            "select count(*) from audit_record where action = 'change_sales_contact' and entity = 'contract'
               and entity_id in ('{}', '{}')",
            p.unsigned, p.open
        ))
        .await;
    assert_eq!(audited, 2);

    rights_have_moved(&app, SALES, SALES2, &p).await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn after_a_portfolio_hand_over_the_former_seller_is_refused_and_the_new_one_acts(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let p = portfolio(&mut seller).await;
    let (from, to) = (app.collaborator_id(SALES).await, app.collaborator_id(SALES2).await);
    let mut manager = app.signed_in(MANAGER).await;
    let handed =
        manager.call("/api/hand_over_portfolio", &[("from", &from.to_string()), ("to", &to.to_string())]).await;
    assert_eq!(handed.status, StatusCode::OK, "{}", handed.body);

    rights_have_moved(&app, SALES, SALES2, &p).await;
}
