//! "Ma journée": each department's queues show the work that waits for the signed-in person,
//! with a count, the first rows and a link to the same rows in the full list; rows leave a queue
//! when the work is done, and enter it when the day comes.

use crate::common;

use chrono::Duration;
use http::StatusCode;
use uuid::Uuid;

use app::i18n::fr as t;
use common::records::*;
use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const SUPPORT2: &str = "support2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

/// The card of queue `code` on the home page (its HTML), or "" when the page has none.
async fn queue(browser: &mut Client<'_>, code: &str) -> String {
    let page = browser.get("/").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = page.body.replace("<!>", "");
    let Some((_, card)) = body.split_once(&format!("id=\"{code}\"")) else { return String::new() };
    card.split_once("</section>").map(|(card, _)| card.to_owned()).unwrap_or_default()
}

/// The link of a queue's title: its full list.
fn list_link(card: &str) -> String {
    let (_, rest) = card.split_once("<a href=\"").expect("the queue's title links to its list");
    rest.split_once('"').unwrap().0.replace("&amp;", "&")
}

/// An event of `contract` starting at `start` (Paris), with `attendees`.
async fn event_at(browser: &mut Client<'_>, contract: Uuid, title: &str, start: &str, attendees: &str) -> Uuid {
    let day = &start[..10];
    let form = vec![
        ("contract_id", contract.to_string()),
        ("form[title]", title.to_owned()),
        ("form[starts_at]", start.to_owned()),
        ("form[ends_at]", format!("{day}T23:00")),
        ("form[location]", "Salle des fêtes, Tours".to_owned()),
        ("form[attendees]", attendees.to_owned()),
        ("form[notes]", String::new()),
    ];
    browser.call_owned("/api/create_event", &form).await.created_id()
}

async fn assign(app: &TestApp, manager: &mut Client<'_>, event: Uuid, support: &str) {
    let support = app.collaborator_id(support).await.to_string();
    let version = version_of(app, "event", event).await.to_string();
    let form = [("id", event.to_string()), ("version", version), ("support_contact_id", support)];
    assert_eq!(manager.call_owned("/api/assign_event_support", &form).await.status, StatusCode::OK);
}

/// Dates the client's last change (as if nothing happened since): the database stamps every
/// change with its own clock, which the test's does not move.
async fn last_contact_on(app: &TestApp, client: Uuid, at: &str) {
    for sql in [
        "alter table client disable trigger client_set_updated_at".to_owned(),
        format!("update client set updated_at = '{at}' where id = '{client}'"),
        "alter table client enable trigger client_set_updated_at".to_owned(),
    ] {
        sqlx::query(&sql).execute(&app.owner).await.unwrap();
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_salespersons_queues_follow_their_contracts_clients_and_follow_ups(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Matinal", "client.matinal@exemple.fr").await.created_id();
    let contract = create_contract(&mut seller, client, "5000", "5000").await.created_id();

    let to_sign = queue(&mut seller, "contracts-to-sign").await;
    assert!(to_sign.contains(t::QUEUE_CONTRACTS_TO_SIGN), "{to_sign}");
    assert!(to_sign.contains(&format!("/contrats/{contract}")), "my unsigned contract waits to be signed: {to_sign}");
    let link = list_link(&to_sign);
    assert!(link.starts_with("/contrats?") && link.contains("unsigned=1") && link.contains("mine=1"), "{link}");
    assert!(
        seller.get(&link).await.body.contains(&format!("/contrats/{contract}")),
        "the link lists the same contracts"
    );
    assert!(!queue(&mut seller, "signed-unpaid").await.contains(&contract.to_string()));

    assert_eq!(sign(&mut seller, contract, 1).await.status, StatusCode::OK);
    assert!(!queue(&mut seller, "contracts-to-sign").await.contains(&contract.to_string()), "signed: done");
    let unpaid = queue(&mut seller, "signed-unpaid").await;
    assert!(unpaid.contains(&format!("/contrats/{contract}")), "signed, not paid: {unpaid}");
    assert!(unpaid.contains(&t::remaining_to_pay(&app::contracts::model::money(500_000))), "{unpaid}");

    // A follow-up due tomorrow is not due today; the next day it is.
    let tomorrow = "2026-03-13"; // The test clock starts on 12 March 2026.
    let form = [
        ("on", "client"),
        ("record_id", &client.to_string()),
        ("form[title]", "Appeler Client Matinal"),
        ("form[due_on]", tomorrow),
        ("form[owner_id]", ""),
    ];
    assert_eq!(seller.call("/api/add_follow_up", &form).await.status, StatusCode::OK);
    assert!(!queue(&mut seller, "follow-ups-due").await.contains("Appeler Client Matinal"));
    app.clock.advance(Duration::days(1));
    let mut seller = app.signed_in(SALES).await;
    let due = queue(&mut seller, "follow-ups-due").await;
    assert!(due.contains("Appeler Client Matinal") && due.contains(&format!("/clients/{client}")), "{due}");

    // Thirty days without a word: the client is "sans contact"; a note brings it back.
    assert!(!queue(&mut seller, "quiet-clients").await.contains(&client.to_string()));
    last_contact_on(&app, client, "2026-02-01 10:00+01").await;
    let quiet = queue(&mut seller, "quiet-clients").await;
    assert!(quiet.contains(&format!("/clients/{client}")), "{quiet}");
    let link = list_link(&quiet);
    assert!(link.contains("contact_before="), "{link}");
    assert!(seller.get(&link).await.body.contains(&format!("/clients/{client}")), "the link lists the same clients");
    let note =
        [("on", "client"), ("record_id", &client.to_string()), ("form[kind]", "call"), ("form[body]", "Appelé.")];
    assert_eq!(seller.call("/api/add_note", &note).await.status, StatusCode::OK);
    assert!(!queue(&mut seller, "quiet-clients").await.contains(&client.to_string()), "just contacted");

    // Another department's queues are not on a salesperson's page.
    assert_eq!(queue(&mut seller, "events-without-support").await, "");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn support_sees_their_coming_and_incomplete_events_and_management_the_gaps(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let mut manager = app.signed_in(MANAGER).await;
    let contract = signed_contract(&app, &mut seller, "client.agenda@exemple.fr").await;
    // The test clock is 12 March 2026.
    let soon = event_at(&mut seller, contract, "Cocktail de printemps", "2026-03-15T18:00", "80").await;
    let later = event_at(&mut seller, contract, "Gala de fin mars", "2026-03-30T19:00", "0").await;
    let far = event_at(&mut seller, contract, "Séminaire d'été", "2026-07-01T09:00", "40").await;

    let gaps = queue(&mut manager, "events-without-support").await;
    for (event, shown) in [(soon, true), (later, true), (far, false)] {
        assert_eq!(gaps.contains(&event.to_string()), shown, "within 30 days without support: {gaps}");
    }
    assert!(gaps.contains(t::WITHOUT_SUPPORT));
    let unpaid = queue(&mut manager, "unpaid-events-soon").await;
    assert!(unpaid.contains(&soon.to_string()) && !unpaid.contains(&far.to_string()), "{unpaid}");

    assign(&app, &mut manager, soon, SUPPORT).await;
    assign(&app, &mut manager, later, SUPPORT).await;
    assign(&app, &mut manager, far, SUPPORT2).await;
    assert!(!queue(&mut manager, "events-without-support").await.contains(&soon.to_string()), "assigned: done");
    let week = queue(&mut manager, "workload").await;
    assert!(week.contains("Sarah Support"), "{week}");
    let link = week.split("Sarah Support").nth(1).map(list_link).unwrap();
    assert!(link.contains("support=") && link.contains("from=2026-03-09") && link.contains("to=2026-03-15"), "{link}");
    assert!(manager.get(&link).await.body.contains(&soon.to_string()), "the week's events of that support");

    let mut support = app.signed_in(SUPPORT).await;
    let coming = queue(&mut support, "my-events-soon").await;
    assert!(coming.contains(&soon.to_string()) && !coming.contains(&later.to_string()), "the next 7 days: {coming}");
    let incomplete = queue(&mut support, "my-events-incomplete").await;
    assert!(incomplete.contains(&later.to_string()) && !incomplete.contains(&soon.to_string()), "{incomplete}");
    assert!(support.get(&list_link(&incomplete)).await.body.contains(&later.to_string()));
    let mut other = app.signed_in(SUPPORT2).await;
    assert!(!queue(&mut other, "my-events-soon").await.contains(&soon.to_string()), "someone else's event");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_new_list_filters_refuse_bad_values(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    for path in ["/evenements?support=nobody", "/evenements?unpaid=maybe", "/clients?contact_before=2026-02-30"] {
        let page = seller.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
    }
}
