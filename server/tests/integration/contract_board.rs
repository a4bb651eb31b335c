//! The contracts board (Prospect / Proposition / Signé / Soldé) and the signed contract's lock:
//! moves by the same rules as the contract's page, through the server functions and the REST
//! API, as sales and management use them.

use crate::common;

use http::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use app::i18n::fr as t;
use common::records::*;
use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

/// An unsigned contract of `total` for a new client of `seller`'s.
async fn prospect(seller: &mut Client<'_>, name: &str, total: &str) -> Uuid {
    let email = format!("{}@exemple.fr", Uuid::new_v4().simple());
    let client = create_client(seller, name, &email).await.created_id();
    create_contract(seller, client, total, total).await.created_id()
}

async fn move_contract(browser: &mut Client<'_>, app: &TestApp, contract: Uuid, stage: &str) -> common::TestResponse {
    let form = [
        ("id", contract.to_string()),
        ("version", version_of(app, "contract", contract).await.to_string()),
        ("status", stage.to_owned()),
    ];
    browser.call_owned("/api/move_contract", &form).await
}

async fn board(browser: &mut Client<'_>, args: &[(&str, &str)]) -> Value {
    let response = browser.read("/api/contracts_board", args).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

fn column<'a>(board: &'a Value, stage: &str) -> &'a Value {
    board["columns"].as_array().unwrap().iter().find(|c| c["lane"] == stage).unwrap()
}

/// The client names on one column's cards.
fn names(board: &Value, stage: &str) -> Vec<String> {
    column(board, stage)["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["client_name"].as_str().unwrap().to_owned())
        .collect()
}

async fn stage_of(app: &TestApp, contract: Uuid) -> (bool, bool) {
    sqlx::query_as("select proposed_at is not null, signed_at is not null from contract where id = $1")
        .bind(contract)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_board_puts_each_contract_in_its_stage_and_moves_it_by_the_same_rules(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let sent = prospect(&mut seller, "Client Proposé", "3000").await;
    let signed = prospect(&mut seller, "Client Signé", "2000").await;
    let paid = prospect(&mut seller, "Client Soldé", "1000").await;

    // From the board: the move comes back to the board, with its notice.
    let sent_id = sent.to_string();
    let form = [("id", sent_id.as_str()), ("version", "1"), ("status", "proposal"), ("back_to_board", "true")];
    let moved = seller.post_plain_form("/api/move_contract", &form, "/contrats/tableau").await;
    assert_eq!(moved.status, StatusCode::FOUND, "{}", moved.body);
    assert_eq!(moved.location(), Some("/contrats/tableau?ok=stage_changed"));
    assert_eq!(stage_of(&app, sent).await, (true, false));
    // Signing from the board is the contract page's signature: audited and announced.
    assert_eq!(move_contract(&mut seller, &app, signed, "signed").await.status, StatusCode::OK);
    assert_eq!(move_contract(&mut seller, &app, paid, "signed").await.status, StatusCode::OK);
    assert_eq!(record_payment(&mut seller, paid, "1000").await.status, StatusCode::OK);
    let signed_audit: i64 =
        app.count(&format!("select count(*) from audit_record where entity_id = '{signed}' and action = 'sign'")).await;
    assert_eq!(signed_audit, 1);

    let shown = board(&mut seller, &[("query[mine]", "true")]).await;
    // (With the demo's own proposal, Jeanne Moreau's.)
    assert_eq!(names(&shown, "Proposal").iter().filter(|n| *n == "Client Proposé").count(), 1);
    assert!(names(&shown, "Signed").contains(&"Client Signé".to_owned()));
    assert!(names(&shown, "Paid").contains(&"Client Soldé".to_owned()));
    for other in ["Prospect", "Signed", "Paid"] {
        assert!(!names(&shown, other).contains(&"Client Proposé".to_owned()), "{other}");
    }

    // Refused moves say why and change nothing: "soldé" follows the payments, a signature stays.
    let to_paid = move_contract(&mut seller, &app, sent, "paid").await;
    assert_eq!(error_of(&to_paid.body), AppError::Refused(t::STAGE_PAID_FOLLOWS_PAYMENTS.to_owned()));
    let mut manager = app.signed_in(MANAGER).await;
    let unsign = move_contract(&mut manager, &app, signed, "prospect").await;
    assert_eq!(error_of(&unsign.body), AppError::Refused(t::STAGE_SIGNED_NO_MOVE_BACK.to_owned()));
    let unknown = move_contract(&mut seller, &app, sent, "gagné").await;
    assert!(error_of(&unknown.body).field_message("status").is_some());
    let stale = seller.call("/api/move_contract", &[("id", &sent_id), ("version", "1"), ("status", "prospect")]).await;
    assert_eq!(error_of(&stale.body), AppError::Conflict);
    assert_eq!(stage_of(&app, sent).await, (true, false));
    // Another salesperson's client is not theirs to move; a contract that is none is not found.
    let mut other = app.signed_in("commercial2@epic-events.fr").await;
    assert_eq!(move_contract(&mut other, &app, sent, "prospect").await.status, StatusCode::FORBIDDEN);
    let nobody = [("id", Uuid::new_v4().to_string()), ("version", "1".to_owned()), ("status", "proposal".to_owned())];
    assert_eq!(seller.call_owned("/api/move_contract", &nobody).await.status, StatusCode::NOT_FOUND);

    // Back to prospect, with the trail saying so.
    assert_eq!(move_contract(&mut seller, &app, sent, "prospect").await.status, StatusCode::OK);
    assert_eq!(stage_of(&app, sent).await, (false, false));
    let trail: Vec<String> = sqlx::query_scalar(
        "select action from audit_record where entity_id = $1 and action in ('propose', 'unpropose') order by id",
    )
    .bind(sent)
    .fetch_all(&app.owner)
    .await
    .unwrap();
    assert_eq!(trail, ["propose", "unpropose"]);

    // The page renders every column, and the contract's page its stage.
    let page = seller.get("/contrats/tableau").await;
    assert_eq!(page.status, StatusCode::OK);
    for label in ["Prospect", "Proposition", "Signé", "Soldé"] {
        assert!(page.body.contains(label), "{label}");
    }
    assert!(seller.get(&format!("/contrats/{sent}")).await.body.contains(t::MARK_PROPOSED));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn each_contract_column_pages_on_its_own_and_counts_its_cards(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let email = format!("{}@exemple.fr", Uuid::new_v4().simple());
    let client = create_client(&mut seller, "Client Pipeline", &email).await.created_id();
    for n in 1..=25 {
        create_contract(&mut seller, client, &format!("{n}00"), &format!("{n}00")).await.created_id();
    }
    let first = board(&mut seller, &[("query[mine]", "true")]).await;
    let prospects = column(&first, "Prospect");
    // The demo's own prospect (Lucas Bernard's) is the same salesperson's.
    assert_eq!(prospects["total"], 26);
    let totals = |board: &Value| -> Vec<i64> {
        column(board, "Prospect")["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["total_cents"].as_i64().unwrap())
            .collect()
    };
    let shown = totals(&first);
    assert_eq!(shown.len(), 20);
    assert_eq!(shown[..2], [250_000, 240_000], "newest first");
    let cursor = prospects["next"].as_str().unwrap().to_owned();
    let next = board(&mut seller, &[("query[mine]", "true"), ("query[prospect]", &cursor)]).await;
    assert_eq!(totals(&next)[..5], [50_000, 40_000, 30_000, 20_000, 10_000]);
    assert!(column(&next, "Prospect")["next"].is_null());
    assert_eq!(names(&next, "Proposal"), names(&first, "Proposal"), "the other columns did not move");
    // Another salesperson's "mine" holds none of them.
    let mut other = app.signed_in("commercial2@epic-events.fr").await;
    assert!(
        !names(&board(&mut other, &[("query[mine]", "true")]).await, "Prospect")
            .contains(&"Client Pipeline".to_owned())
    );
    // A position that is not one is refused, not ignored.
    let bad = seller.read("/api/contracts_board", &[("query[mine]", "false"), ("query[signed]", "hier")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    assert!(seller.get("/contrats/tableau?signed=hier").await.body.contains(t::BOARD_CURSOR_INVALID));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_signed_contract_is_changed_by_management_alone_and_its_payments_still_recorded(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = prospect(&mut seller, "Client Verrouillé", "5000").await;
    let id = contract.to_string();
    assert_eq!(sign(&mut seller, contract, 1).await.status, StatusCode::OK);
    let version = version_of(&app, "contract", contract).await.to_string();

    let total = [("id", id.as_str()), ("version", version.as_str()), ("form[total]", "9000")];
    let refused = seller.call("/api/update_contract", &total).await;
    assert_eq!(error_of(&refused.body), AppError::Refused(t::CONTRACT_LOCKED.to_owned()));
    let milestone = [
        ("contract_id", id.as_str()),
        ("form[label]", "Acompte"),
        ("form[share]", "percent"),
        ("form[value]", "30"),
        ("form[due]", "signing"),
        ("form[fixed_on]", ""),
        ("form[days]", ""),
    ];
    let milestones =
        app.count(&format!("select count(*) from payment_milestone where contract_id = '{contract}'")).await;
    let refused = seller.call("/api/add_milestone", &milestone).await;
    assert_eq!(error_of(&refused.body), AppError::Refused(t::CONTRACT_LOCKED.to_owned()));
    let solde: Uuid = sqlx::query_scalar("select id from payment_milestone where contract_id = $1")
        .bind(contract)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let refused = seller.call("/api/delete_milestone", &[("id", &solde.to_string())]).await;
    assert_eq!(error_of(&refused.body), AppError::Refused(t::CONTRACT_LOCKED.to_owned()));
    let after_refusals =
        app.count(&format!("select count(*) from payment_milestone where contract_id = '{contract}'")).await;
    assert_eq!(after_refusals, milestones, "nothing changed");
    let mut other = app.signed_in("commercial2@epic-events.fr").await;
    let version = version_of(&app, "contract", contract).await;
    let stage = [("id", id.clone()), ("version", version.to_string()), ("status", "signed".to_owned())];
    assert_eq!(other.call_owned("/api/move_contract", &stage).await.status, StatusCode::FORBIDDEN);
    let page = seller.get(&format!("/contrats/{contract}")).await.body;
    assert!(page.contains(t::CONTRACT_LOCKED_HELP) && !page.contains("/modifier\""), "the forms are gone, and why");
    // Collecting follows the signature.
    assert_eq!(record_payment(&mut seller, contract, "1000").await.status, StatusCode::OK);
    assert_eq!(app.count(&format!("select total_cents from contract where id = '{contract}'")).await, 500_000);

    // Management corrects it.
    let mut manager = app.signed_in(MANAGER).await;
    let version = version_of(&app, "contract", contract).await.to_string();
    let total = [("id", id.as_str()), ("version", version.as_str()), ("form[total]", "9000")];
    assert_eq!(manager.call("/api/update_contract", &total).await.status, StatusCode::OK);
    assert!(manager.call("/api/add_milestone", &milestone).await.location().is_some());
    let after = app.count(&format!("select count(*) from payment_milestone where contract_id = '{contract}'")).await;
    assert_eq!(after, milestones + 1);

    // The same through the REST API.
    let mut sales = app.api_as(SALES).await;
    let patch = sales.patch(&format!("/contracts/{contract}"), json!({"total_amount": 1_000_000})).await;
    assert!(patch.problem(StatusCode::CONFLICT)["detail"].as_str().unwrap().contains("seule la direction"));
    let open = prospect(&mut seller, "Client Api", "700").await;
    let proposed = sales.put(&format!("/contracts/{open}/stage"), json!({"stage": "proposal"})).await;
    assert_eq!(proposed.status, StatusCode::OK, "{}", proposed.body);
    assert_eq!(proposed.json()["stage"], "proposal");
    assert!(proposed.json()["proposed_at"].is_string());
    let to_paid = sales.put(&format!("/contracts/{open}/stage"), json!({"stage": "paid"})).await;
    assert!(to_paid.problem(StatusCode::CONFLICT)["detail"].as_str().unwrap().contains("paiements"));
    let unknown = sales.put(&format!("/contracts/{open}/stage"), json!({"stage": "won"})).await;
    assert!(unknown.problem(StatusCode::UNPROCESSABLE_ENTITY)["errors"]["stage"].is_string());
    let signed = sales.put(&format!("/contracts/{open}/stage"), json!({"stage": "signed"})).await;
    assert_eq!(signed.json()["stage"], "signed");
    let listed = sales.get(&format!("/contracts/{contract}")).await.json();
    assert_eq!(listed["stage"], "signed");
}
