//! Payment schedules and payments: what remains is the total minus the payments, whoever writes;
//! milestones take their share of the total and their day from the signature or the first
//! event (in Paris time); payments settle them in due order; the right people record, the trail
//! keeps it; "Encaissements" and the notifications follow.

use crate::common;

use chrono::{Duration, NaiveDate};
use http::StatusCode;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use common::records::*;
use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const SALES2: &str = "commercial2@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

/// (label, amount, due day, paid part, state) of a contract's milestones, in settling order.
type Schedule = Vec<(String, i64, Option<NaiveDate>, i64, String)>;

async fn schedule_of(app: &TestApp, contract: Uuid) -> Schedule {
    let schedule = app::payments::service::for_contract(&app.state, app::domain::ContractId(contract)).await.unwrap();
    let today = schedule.today;
    schedule
        .milestones
        .into_iter()
        .map(|m| {
            let state = m.state(today).code().to_owned();
            (m.label, m.amount_cents, m.due_on, m.paid_cents, state)
        })
        .collect()
}

async fn milestone_named(app: &TestApp, contract: Uuid, label: &str) -> app::domain::MilestoneId {
    let schedule = app::payments::service::for_contract(&app.state, app::domain::ContractId(contract)).await.unwrap();
    schedule.milestones.into_iter().find(|m| m.label == label).unwrap().id
}

async fn amounts_of(app: &TestApp, contract: Uuid) -> (i64, i64) {
    sqlx::query_as("select total_cents, remaining_cents from contract where id = $1")
        .bind(contract)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

async fn add_milestone(browser: &mut Client<'_>, contract: Uuid, fields: &[(&str, &str)]) -> common::TestResponse {
    let contract = contract.to_string();
    let mut form: Vec<(String, String)> = vec![("contract_id".into(), contract)];
    form.extend(fields.iter().map(|(name, value)| (format!("form[{name}]"), (*value).to_owned())));
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    browser.call("/api/add_milestone", &form).await
}

async fn pay(browser: &mut Client<'_>, contract: Uuid, paid_on: &str, amount: &str) -> common::TestResponse {
    let contract = contract.to_string();
    let form = [
        ("contract_id", contract.as_str()),
        ("form[paid_on]", paid_on),
        ("form[amount]", amount),
        ("form[method]", "cheque"),
    ];
    browser.call("/api/record_payment", &form).await
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A signed contract of 10 000 € of the salesperson's new client: 30 % at signing, the rest
/// 30 days before the first event.
async fn signed_contract(app: &TestApp, seller: &mut Client<'_>, name: &str) -> Uuid {
    let email = format!("{}@exemple.fr", name.to_lowercase().replace(' ', "."));
    let client = create_client(seller, name, &email).await.created_id();
    let contract = create_contract(seller, client, "10 000", "10 000").await.created_id();
    let solde = milestone_named(app, contract, "Solde").await;
    let deleted = seller.call("/api/delete_milestone", &[("id", &solde.to_string())]).await;
    assert!(deleted.location().is_some(), "{}", deleted.body);
    let acompte = [("label", "Acompte"), ("share", "percent"), ("value", "30"), ("due", "signing")];
    assert!(add_milestone(seller, contract, &acompte).await.location().is_some());
    let solde = [("label", "Solde"), ("share", "rest"), ("due", "event"), ("days", "-30")];
    assert!(add_milestone(seller, contract, &solde).await.location().is_some());
    assert_eq!(sign(seller, contract, 1).await.status, StatusCode::OK);
    contract
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_payment_lowers_what_remains_and_settles_the_milestones_in_due_order(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "Paul Payeur").await;
    let signed_on = day(2026, 3, 12);
    assert_eq!(
        schedule_of(&app, contract).await,
        [
            ("Acompte".into(), 300_000, Some(signed_on), 0, "due".into()),
            ("Solde".into(), 700_000, None, 0, "due".into()),
        ],
        "30 % of the total at signing; the rest waits for an event"
    );

    assert!(pay(&mut seller, contract, "2026-03-12", "2 000").await.location().is_some());
    assert_eq!(amounts_of(&app, contract).await, (1_000_000, 800_000));
    let schedule = schedule_of(&app, contract).await;
    assert_eq!((schedule[0].3, schedule[0].4.as_str()), (200_000, "partly_paid"));
    assert!(pay(&mut seller, contract, "2026-03-11", "1 500").await.location().is_some());
    let schedule = schedule_of(&app, contract).await;
    assert_eq!((schedule[0].3, schedule[0].4.as_str()), (300_000, "paid"));
    assert_eq!((schedule[1].3, schedule[1].4.as_str()), (50_000, "partly_paid"));

    // The next day, with an older milestone settled first, both are late.
    app.clock.advance(Duration::days(1));
    let mut seller = app.signed_in(SALES).await; // The first session timed out.
    let older =
        [("label", "Commande"), ("share", "amount"), ("value", "4 000"), ("due", "fixed"), ("fixed_on", "2026-03-01")];
    // The contract is signed: management changes its schedule.
    let mut manager = app.signed_in(MANAGER).await;
    let added = add_milestone(&mut manager, contract, &older).await;
    assert!(added.location().is_some(), "{}", added.body);
    let states: Vec<(String, i64, i64, String)> = schedule_of(&app, contract)
        .await
        .into_iter()
        .map(|(label, asked, _, paid, state)| (label, asked, paid, state))
        .collect();
    assert_eq!(
        states,
        [
            ("Commande".into(), 400_000, 350_000, "overdue".into()),
            ("Acompte".into(), 300_000, 0, "overdue".into()),
            ("Solde".into(), 300_000, 0, "due".into()),
        ],
        "due first, settled first; the rest gave up the new milestone's amount"
    );

    // Refused, with nothing changed: more than what remains, a day to come, nothing, a method
    // no form offers.
    let before = amounts_of(&app, contract).await;
    let over = pay(&mut seller, contract, "2026-03-13", "6 500,01").await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = error_of(&over.body);
    assert!(error.field_message("amount").unwrap().contains("6\u{202f}500,00"), "{error:?}");
    assert_eq!(error.submitted("amount"), Some("6 500,01"));
    let tomorrow = pay(&mut seller, contract, "2026-03-14", "10").await;
    assert!(error_of(&tomorrow.body).field_message("paid_on").is_some());
    assert!(error_of(&pay(&mut seller, contract, "2026-03-13", "0").await.body).field_message("amount").is_some());
    let form = [
        ("contract_id", contract.to_string()),
        ("form[paid_on]", "2026-03-12".to_owned()),
        ("form[amount]", "10".to_owned()),
        ("form[method]", "carried_over".to_owned()),
    ];
    let method = seller.call_owned("/api/record_payment", &form).await;
    assert!(error_of(&method.body).field_message("method").is_some());
    assert_eq!(amounts_of(&app, contract).await, before);

    // The last cent settles it, and its salesperson's trail says so.
    assert!(pay(&mut seller, contract, "2026-03-13", "6 500").await.location().is_some());
    assert_eq!(amounts_of(&app, contract).await, (1_000_000, 0));
    assert!(schedule_of(&app, contract).await.iter().all(|m| m.4 == "paid"));
    let recorded = app
        .count(&format!(
            "select count(*) from audit_record where entity_id = '{contract}' and action = 'record_payment'"
        ))
        .await;
    assert_eq!(recorded, 3);
    let page = seller.get(&format!("/contrats/{contract}")).await.body;
    assert!(page.contains("a enregistré un paiement"), "the contract's history");
    assert!(page.contains("Chèque") && page.contains("Payée"), "payments and states on the page");
}

/// The due day of the contract's "Solde".
async fn solde_day(app: &TestApp, contract: Uuid) -> Option<NaiveDate> {
    schedule_of(app, contract).await.into_iter().find(|m| m.0 == "Solde").unwrap().2
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn milestone_days_follow_the_first_event_in_paris_time_across_clock_changes(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "Dora Date").await;
    assert_eq!(solde_day(&app, contract).await, None, "no event: still to fix");
    let page = seller.get(&format!("/contrats/{contract}")).await.body;
    assert!(page.contains("À fixer (30 jours avant le premier événement)"), "the page says so");

    // Half past midnight in Paris on the day the clocks go forward: still the 29th there.
    let mut form = event_form("Gala de printemps");
    form.push(("contract_id", contract.to_string()));
    form[1].1 = "2026-03-29T00:30".to_owned();
    form[2].1 = "2026-03-29T05:00".to_owned();
    let created = seller.call_owned("/api/create_event", &form).await;
    let spring = created.created_id();
    assert_eq!(solde_day(&app, contract).await, Some(day(2026, 2, 27)), "30 days before 29 March");

    // An earlier event becomes the first one; its moves are followed, whoever writes them.
    let mut form = event_form("Soirée d'automne");
    form.push(("contract_id", contract.to_string()));
    form[1].1 = "2026-10-25T00:30".to_owned();
    form[2].1 = "2026-10-25T05:00".to_owned();
    let autumn = seller.call_owned("/api/create_event", &form).await.created_id();
    assert_eq!(solde_day(&app, contract).await, Some(day(2026, 2, 27)), "still the spring one");
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(manager.call("/api/delete_event", &[("id", &spring.to_string())]).await.status, StatusCode::OK);
    assert_eq!(solde_day(&app, contract).await, Some(day(2026, 9, 25)), "30 days before 25 October");
    sqlx::query("update event set starts_at = '2026-12-31T23:30:00Z', ends_at = '2027-01-01T03:00:00Z' where id = $1")
        .bind(autumn)
        .execute(&app.owner)
        .await
        .unwrap();
    assert_eq!(solde_day(&app, contract).await, Some(day(2026, 12, 2)), "1 January in Paris, minus 30 days");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_schedule_always_adds_up_to_the_total(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "Theo Total").await;
    // The contract is signed: management changes its schedule and total.
    let mut manager = app.signed_in(MANAGER).await;
    let asked = |s: &Schedule| s.iter().map(|m| m.1).collect::<Vec<_>>();

    // A new milestone comes out of the rest; one that would ask too much is refused.
    let deposit =
        [("label", "Versement"), ("share", "amount"), ("value", "1 000"), ("due", "fixed"), ("fixed_on", "2026-06-01")];
    assert!(add_milestone(&mut manager, contract, &deposit).await.location().is_some());
    assert_eq!(asked(&schedule_of(&app, contract).await), [300_000, 100_000, 600_000]);
    let too_much = [("label", "Trop"), ("share", "percent"), ("value", "71"), ("due", "signing")];
    let refused = add_milestone(&mut manager, contract, &too_much).await;
    assert!(error_of(&refused.body).field_message("value").unwrap().contains("dépasseraient"));
    let second_rest = [("label", "Autre solde"), ("share", "rest"), ("due", "signing")];
    assert!(error_of(&add_milestone(&mut manager, contract, &second_rest).await.body).field_message("share").is_some());

    // The total moves: the percentage and the rest follow, the fixed amount stays.
    let update = |version: i32, total: &str| {
        vec![("id", contract.to_string()), ("version", version.to_string()), ("form[total]", total.to_owned())]
    };
    let version = version_of(&app, "contract", contract).await;
    assert!(manager.call_owned("/api/update_contract", &update(version, "3 333,33")).await.location().is_some());
    assert_eq!(
        asked(&schedule_of(&app, contract).await),
        [99_999, 100_000, 133_334],
        "rounded down, the rest takes the cent"
    );
    assert_eq!(amounts_of(&app, contract).await, (333_333, 333_333));

    // Below what was paid, or below what the milestones ask: refused under the total.
    assert!(pay(&mut seller, contract, "2026-03-12", "2 000").await.location().is_some());
    let version = version_of(&app, "contract", contract).await;
    let below_paid = manager.call_owned("/api/update_contract", &update(version, "1 999")).await;
    assert!(error_of(&below_paid.body).field_message("total").unwrap().contains("2\u{202f}000,00"));
    let below_fixed = manager.call_owned("/api/update_contract", &update(version, "0")).await;
    assert!(error_of(&below_fixed.body).field_message("total").is_some());
    assert_eq!(amounts_of(&app, contract).await, (333_333, 133_333));

    // Taking a milestone out gives its amount back to the rest.
    let versement = milestone_named(&app, contract, "Versement").await;
    assert!(manager.call("/api/delete_milestone", &[("id", &versement.to_string())]).await.location().is_some());
    assert_eq!(asked(&schedule_of(&app, contract).await), [99_999, 233_334]);

    // The database has the last word: a schedule over the total does not commit.
    let mut tx = app.pool.begin().await.unwrap();
    sqlx::query(
        "update payment_milestone set amount_cents = amount_cents + 1 where contract_id = $1 and share = 'percent'",
    )
    .bind(contract)
    .execute(&mut *tx)
    .await
    .unwrap();
    assert!(app::db::commit(tx).await.is_err());
    assert_eq!(asked(&schedule_of(&app, contract).await), [99_999, 233_334], "nothing was kept");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn what_remains_is_the_total_minus_the_payments_whoever_writes(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "Rita Reste").await;
    assert!(pay(&mut seller, contract, "2026-03-12", "2 500").await.location().is_some());
    sqlx::query("update contract set remaining_cents = 0 where id = $1")
        .bind(contract)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(amounts_of(&app, contract).await, (1_000_000, 750_000), "a typed remaining amount is not kept");
    let client = client_of(&app, contract).await;
    let inserted: Uuid = sqlx::query_scalar(
        "insert into contract (client_id, sales_contact_id, total_cents, remaining_cents)
         select id, sales_contact_id, 500, 1 from client where id = $1 returning id",
    )
    .bind(client)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(amounts_of(&app, inserted).await, (500, 500));
    let over = sqlx::query(
        "insert into payment (contract_id, paid_on, amount_cents, method) values ($1, '2026-03-12', 501, 'cash')",
    )
    .bind(inserted)
    .execute(&app.pool)
    .await;
    assert!(over.is_err(), "no payment beyond the total");

    // A contract with payments stays (the accounts keep them).
    let paid_draft = create_contract(&mut seller, client, "100", "50").await.created_id();
    let mut manager = app.signed_in(MANAGER).await;
    let kept = manager.call("/api/delete_contract", &[("id", &paid_draft.to_string())]).await;
    assert_eq!(kept.status, StatusCode::CONFLICT, "{}", kept.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn payments_and_schedules_are_for_the_clients_salesperson_and_management_deletions_for_management(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "Rémi Droits").await;
    assert!(pay(&mut seller, contract, "2026-03-12", "1 000").await.location().is_some());
    let before = (amounts_of(&app, contract).await, schedule_of(&app, contract).await);
    let milestone = [("label", "Extra"), ("share", "amount"), ("value", "10"), ("due", "signing")];
    for email in [SALES2, SUPPORT] {
        let mut other = app.signed_in(email).await;
        assert_eq!(pay(&mut other, contract, "2026-03-12", "10").await.status, StatusCode::FORBIDDEN, "{email}");
        assert_eq!(add_milestone(&mut other, contract, &milestone).await.status, StatusCode::FORBIDDEN, "{email}");
    }
    let payment: Uuid = sqlx::query_scalar("select id from payment where contract_id = $1")
        .bind(contract)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let by_seller = seller.call("/api/delete_payment", &[("id", &payment.to_string())]).await;
    assert_eq!(by_seller.status, StatusCode::FORBIDDEN, "a mistake is management's to undo");
    assert_eq!((amounts_of(&app, contract).await, schedule_of(&app, contract).await), before);

    let mut manager = app.signed_in(MANAGER).await;
    assert!(pay(&mut manager, contract, "2026-03-12", "500").await.location().is_some(), "management too");
    // The confirmation page says what will happen, to management only.
    let confirm = format!("/paiements/{payment}/supprimer");
    let page = manager.get(&confirm).await.body.replace("<!>", "");
    assert!(page.contains("Le reste à payer passera de 8\u{202f}500,00\u{a0}€ à 9\u{202f}500,00\u{a0}€"), "{page}");
    assert!(!seller.get(&confirm).await.body.contains("Supprimer définitivement"));
    assert!(manager.call("/api/delete_payment", &[("id", &payment.to_string())]).await.location().is_some());
    assert_eq!(amounts_of(&app, contract).await, (1_000_000, 950_000));
    let deleted: serde_json::Value =
        sqlx::query_scalar("select changes from audit_record where entity_id = $1 and action = 'delete_payment'")
            .bind(contract)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert!(deleted.to_string().contains("\"old\":\"100000\""), "{deleted}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn collections_list_what_is_late_and_due_soon_per_salesperson_with_totals_per_month(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let mine = signed_contract(&app, &mut seller, "Léon Retard").await;
    let late = [
        ("label", "Acompte en retard"),
        ("share", "amount"),
        ("value", "500"),
        ("due", "fixed"),
        ("fixed_on", "2026-03-01"),
    ];
    // The contracts are signed: management changes their schedules.
    let mut manager = app.signed_in(MANAGER).await;
    assert!(add_milestone(&mut manager, mine, &late).await.location().is_some());
    assert!(pay(&mut seller, mine, "2026-03-05", "3 200").await.location().is_some());
    let mut other = app.signed_in(SALES2).await;
    let theirs = signed_contract(&app, &mut other, "Ines Ailleurs").await;
    let soon = [
        ("label", "Versement de mars"),
        ("share", "amount"),
        ("value", "700"),
        ("due", "fixed"),
        ("fixed_on", "2026-03-30"),
    ];
    assert!(add_milestone(&mut manager, theirs, &soon).await.location().is_some());

    let collections = |email: &'static str, seller: Option<Uuid>| {
        let app = &app;
        async move {
            let actor = app::collaborators::repo::find_active(
                &app.pool,
                app::domain::CollaboratorId(app.collaborator_id(email).await),
            )
            .await
            .unwrap()
            .unwrap();
            let pages = app::payments::model::OwedPages::default();
            app::payments::service::collections(&app.state, &actor, seller.map(app::domain::CollaboratorId), pages)
                .await
        }
    };
    let labels = |list: &app::payments::model::OwedList| list.items.iter().map(|r| r.label.clone()).collect::<Vec<_>>();
    let c = collections(SALES, None).await.unwrap();
    // 3 200 € paid settle the late 500 € and the 3 000 € at signing, not the rest.
    assert!(!labels(&c.overdue).contains(&"Acompte en retard".to_owned()), "paid");
    assert!(!labels(&c.due_soon).iter().any(|l| l == "Versement de mars"), "another salesperson's client");
    let c = collections(SALES2, Some(app.collaborator_id(SALES).await)).await.unwrap();
    assert!(labels(&c.due_soon).contains(&"Versement de mars".to_owned()), "a salesperson sees their own only");
    let row = c.due_soon.items.iter().find(|r| r.label == "Versement de mars").unwrap();
    assert_eq!((row.due_on, row.owed_cents()), (day(2026, 3, 30), 70_000));

    app.clock.advance(Duration::days(20)); // 1 April: the March payment is late.
    let c = collections(MANAGER, Some(app.collaborator_id(SALES2).await)).await.unwrap();
    assert_eq!(labels(&c.overdue), ["Acompte", "Versement de mars"], "management narrows to one salesperson");
    assert!(c.due_soon.items.is_empty());
    let months: Vec<(NaiveDate, i64, i64)> =
        c.months.iter().map(|m| (m.month, m.due_cents, m.collected_cents)).collect();
    assert_eq!(months.len(), 6);
    assert!(months.contains(&(day(2026, 3, 1), 300_000 + 70_000, 0)), "{months:?}");
    let everyone = collections(MANAGER, None).await.unwrap();
    let march = everyone.months.iter().find(|m| m.month == day(2026, 3, 1)).unwrap();
    assert!(march.collected_cents >= 320_000 && march.due_cents >= 300_000 + 300_000 + 50_000 + 70_000);
    assert_eq!(collections(SUPPORT, None).await.unwrap_err(), app::error::AppError::Forbidden);

    // The page, without JavaScript: management's filter is a plain GET form.
    let mut manager = app.signed_in(MANAGER).await;
    let page = manager.get(&format!("/encaissements?commercial={}", app.collaborator_id(SALES2).await)).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = page.body.replace("<!>", "");
    assert!(body.contains("Échéances en retard") && body.contains("Versement de mars"), "{body}");
    assert!(body.contains("<form method=\"get\" action=\"/encaissements\""));
    let too_far = manager.get("/encaissements?retard=41").await;
    assert!(too_far.status.is_client_error(), "{}", too_far.status);
    assert!(too_far.body.contains("Page trop lointaine"));
    // A page number that would overflow is refused the same way, not a server error.
    let overflowing = manager.get(&format!("/encaissements?retard={}", i64::MAX)).await;
    assert!(overflowing.status.is_client_error(), "{}", overflowing.status);
    assert!(overflowing.body.contains("Page trop lointaine"));
    let mut support = app.signed_in(SUPPORT).await;
    assert!(!support.get("/encaissements").await.body.contains("Versement de mars"));
}

/// The months as the triggers keep them (`collection_month`), and as the milestones and payments
/// add up, per salesperson: months at zero left out.
async fn months_kept_and_summed(app: &TestApp) -> (Vec<(Uuid, NaiveDate, i64, i64)>, Vec<(Uuid, NaiveDate, i64, i64)>) {
    let kept = sqlx::query_as(
        "select sales_contact_id, month, due_cents, collected_cents from collection_month
          where due_cents <> 0 or collected_cents <> 0 order by 1, 2",
    )
    .fetch_all(&app.owner)
    .await
    .unwrap();
    let summed = sqlx::query_as(
        "select sales_contact_id, month, sum(due)::bigint, sum(collected)::bigint
           from (select k.sales_contact_id, date_trunc('month', m.due_on)::date as month, m.amount_cents as due,
                        0 as collected
                   from payment_milestone m join contract k on k.id = m.contract_id where m.due_on is not null
                 union all
                 select k.sales_contact_id, date_trunc('month', p.paid_on)::date, 0, p.amount_cents
                   from payment p join contract k on k.id = p.contract_id where p.method <> 'carried_over') x
          group by 1, 2 having sum(due) <> 0 or sum(collected) <> 0 order by 1, 2",
    )
    .fetch_all(&app.owner)
    .await
    .unwrap();
    (kept, summed)
}

async fn assert_months_add_up(app: &TestApp, after: &str) {
    let (kept, summed) = months_kept_and_summed(app).await;
    assert!(!summed.is_empty(), "{after}: there is something to add up");
    assert_eq!(kept, summed, "{after}");
}

/// One salesperson's month, as "Encaissements" shows it.
async fn month_of(app: &TestApp, seller: &str, month: NaiveDate) -> (i64, i64) {
    let scope = app::payments::repo::Scope::ClientsOf(app::domain::CollaboratorId(app.collaborator_id(seller).await));
    let months = app::payments::repo::month_totals(&app.pool, scope, month, 1).await.unwrap();
    (months[0].due_cents, months[0].collected_cents)
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_months_of_collections_always_add_up_the_milestones_and_payments_whoever_changes_them(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    assert_months_add_up(&app, "the demo data").await;
    let mut seller = app.signed_in(SALES).await;
    let mut manager = app.signed_in(MANAGER).await;
    let contract = signed_contract(&app, &mut seller, "Mona Mois").await;
    let march = day(2026, 3, 1);
    let (due, collected) = month_of(&app, SALES, march).await;
    assert!(pay(&mut seller, contract, "2026-03-12", "1 000").await.location().is_some());
    assert_eq!(month_of(&app, SALES, march).await, (due, collected + 100_000), "a payment is collected in its month");
    assert_months_add_up(&app, "a payment").await;

    // The rest falls due 30 days before the first event; the event moves, is cancelled.
    let event = event_at(&mut seller, contract, "Gala des mois", ("2026-07-10T18:00", "2026-07-10T23:00")).await;
    assert_months_add_up(&app, "an event").await;
    sqlx::query("update event set starts_at = starts_at + interval '2 months', ends_at = ends_at + interval '2 months' where id = $1")
        .bind(event)
        .execute(&app.owner)
        .await
        .unwrap();
    assert_months_add_up(&app, "the event moved").await;
    assert_eq!(
        move_event(&mut manager, &app, event, "cancelled", Some("Salle indisponible")).await.status,
        StatusCode::OK
    );
    assert_months_add_up(&app, "the event cancelled").await;

    // Management changes the total: the percentage and the rest follow.
    let version = version_of(&app, "contract", contract).await;
    let form =
        vec![("id", contract.to_string()), ("version", version.to_string()), ("form[total]", "12 000".to_owned())];
    assert!(manager.call_owned("/api/update_contract", &form).await.location().is_some());
    assert_months_add_up(&app, "a new total").await;

    // The client's contracts go to another salesperson, their schedule and payments with them.
    let (others_due, others_collected) = month_of(&app, SALES2, march).await;
    let (from, to) = (app.collaborator_id(SALES).await.to_string(), app.collaborator_id(SALES2).await.to_string());
    let handed = manager.call("/api/hand_over_portfolio", &[("from", &from), ("to", &to)]).await;
    assert_eq!(handed.status, StatusCode::OK, "{}", handed.body);
    assert_months_add_up(&app, "a hand-over").await;
    let (_, now_collected) = month_of(&app, SALES2, march).await;
    assert!(now_collected >= others_collected + 100_000, "the payment went with its contract");
    assert!(month_of(&app, SALES2, march).await.0 > others_due, "so did the deposit due at signing");

    // A payment deleted, a milestone taken out.
    let payment: Uuid = sqlx::query_scalar("select id from payment where contract_id = $1")
        .bind(contract)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    manager_delete(&app, &payment.to_string()).await;
    assert_months_add_up(&app, "a payment deleted").await;
    let acompte = milestone_named(&app, contract, "Acompte").await;
    assert!(manager.call("/api/delete_milestone", &[("id", &acompte.to_string())]).await.location().is_some());
    assert_months_add_up(&app, "a milestone deleted").await;

    // Only the triggers write the months.
    let written = sqlx::query("update collection_month set due_cents = 0").execute(&app.pool).await;
    assert!(matches!(&written, Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("42501")), "{written:?}");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_milestone_due_soon_and_an_event_still_owed_are_announced_once(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "Nina Notif").await;
    let soon =
        [("label", "Versement"), ("share", "amount"), ("value", "100"), ("due", "fixed"), ("fixed_on", "2026-03-19")];
    let mut manager = app.signed_in(MANAGER).await;
    assert!(add_milestone(&mut manager, contract, &soon).await.location().is_some(), "signed: management's");
    let event = create_event(&mut seller, contract, "Gala impayé").await.created_id();
    sqlx::query("update event set starts_at = '2026-03-20T18:00:00Z', ends_at = '2026-03-20T23:00:00Z' where id = $1")
        .bind(event)
        .execute(&app.owner)
        .await
        .unwrap();
    let count = |kind: &'static str| {
        let sql = format!(
            "select count(*) from notification where kind = '{kind}' and (contract_id = '{contract}' or event_id = '{event}')"
        );
        let app = &app;
        async move { app.count(&sql).await }
    };
    app::notifications::service::announce_due(&app.state).await.unwrap();
    app::notifications::service::announce_due(&app.state).await.unwrap();
    // The acompte at signing (today) and the 19 March payment, 7 days away: once each.
    assert_eq!(count("milestone_due").await, 2, "once each, to the salesperson");
    let to_sales = app
        .count(&format!(
            "select count(*) from notification n join collaborator c on c.id = n.recipient_id
              where n.kind = 'milestone_due' and n.contract_id = '{contract}' and c.email = '{SALES}'"
        ))
        .await;
    assert_eq!(to_sales, 2);
    let managers = app.count("select count(*) from collaborator where department = 'management' and active").await;
    assert_eq!(count("event_unpaid").await, managers, "once to each manager");
    let bell = seller.get("/notifications").await.body.replace("<!>", "");
    assert!(bell.contains("Échéance « Versement » du contrat de Nina Notif à encaisser d’ici 7 jours"), "{bell}");

    // Paid in full: nothing more to say about the next milestones.
    let remaining = amounts_of(&app, contract).await.1;
    let remaining = app::domain::Cents::new(remaining).unwrap().format_input();
    assert!(pay(&mut seller, contract, "2026-03-12", &remaining).await.location().is_some());
    app.clock.advance(Duration::days(5));
    app::notifications::service::announce_due(&app.state).await.unwrap();
    assert_eq!(count("milestone_due").await, 2);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_api_lists_and_records_milestones_and_payments(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "Ali Api").await;
    let mut api = app.api_as(SALES).await;
    // The contract is signed: management sets its schedule; its salesperson collects.
    let mut schedule = app.api_as(MANAGER).await;
    let locked = json!({"label": "Extra", "share": "amount", "amount": 100, "due_kind": "signing"});
    api.post(&format!("/contracts/{contract}/milestones"), locked).await.problem(StatusCode::CONFLICT);

    let milestone = json!({"label": "Acompte J-60", "share": "percent", "percent_bp": 1000, "due_kind": "event", "days_from_event": -60});
    let added = schedule.post(&format!("/contracts/{contract}/milestones"), milestone).await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    assert_eq!((added.json()["amount"].as_i64(), added.json()["state"].as_str()), (Some(100_000), Some("due")));
    let bad =
        json!({"label": "", "share": "percent", "percent_bp": 10_001, "due_kind": "event", "days_from_event": 731});
    let problem = schedule
        .post(&format!("/contracts/{contract}/milestones"), bad)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["label", "percent_bp", "days_from_event"] {
        assert!(problem["errors"][field].is_string(), "{field}: {problem}");
    }
    let list = api.get(&format!("/contracts/{contract}/milestones")).await.json();
    let amounts: Vec<i64> = list["items"].as_array().unwrap().iter().map(|m| m["amount"].as_i64().unwrap()).collect();
    assert_eq!(amounts, [300_000, 600_000, 100_000]);
    assert_eq!(list["unscheduled_amount"], 0);

    let payment = json!({"paid_on": "2026-03-12", "amount": 250_000, "method": "card"});
    let key = [("idempotency-key", "paiement-1")];
    let path = format!("/contracts/{contract}/payments");
    let body = payment.to_string().into_bytes();
    let first = api.raw(http::Method::POST, &path, Some("application/json"), body.clone(), &key).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = api.raw(http::Method::POST, &path, Some("application/json"), body, &key).await;
    assert_eq!(again.json()["id"], first.json()["id"], "the same key records it once");
    assert_eq!(amounts_of(&app, contract).await, (1_000_000, 750_000));
    let over = json!({"paid_on": "2026-03-12", "amount": 750_001, "method": "card"});
    let problem =
        api.post(&format!("/contracts/{contract}/payments"), over).await.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["amount"].is_string(), "{problem}");
    let payments = api.get(&format!("/contracts/{contract}/payments")).await.json();
    assert_eq!(payments["items"][0]["method"], "card");
    let contract_body = api.get(&format!("/contracts/{contract}")).await.json();
    assert_eq!(contract_body["amount_remaining"], 750_000);

    let rest = json!({"paid_on": "2026-03-12", "amount": 750_000, "method": "transfer"});
    let rest_key = [("idempotency-key", "paiement-2")];
    let body = rest.to_string().into_bytes();
    let settled = api.raw(http::Method::POST, &path, Some("application/json"), body.clone(), &rest_key).await;
    assert_eq!(settled.status, StatusCode::CREATED, "{}", settled.body);
    let replayed = api.raw(http::Method::POST, &path, Some("application/json"), body, &rest_key).await;
    assert_eq!(replayed.json()["id"], settled.json()["id"], "answered again, though nothing remains");
    manager_delete(&app, settled.json()["id"].as_str().unwrap()).await;

    let id = first.json()["id"].as_str().unwrap().to_owned();
    api.send(http::Method::DELETE, &format!("/payments/{id}"), None).await.problem(StatusCode::FORBIDDEN);
    let mut manager = app.api_as(MANAGER).await;
    assert_eq!(
        manager.send(http::Method::DELETE, &format!("/payments/{id}"), None).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(amounts_of(&app, contract).await, (1_000_000, 1_000_000));
}

async fn manager_delete(app: &TestApp, payment: &str) {
    let mut manager = app.api_as(MANAGER).await;
    let deleted = manager.send(http::Method::DELETE, &format!("/payments/{payment}"), None).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
}

/// A connection to a database with every migration before `version` applied.
async fn migrated_before(owner: &PgPool, version: i64) -> sqlx::pool::PoolConnection<sqlx::Postgres> {
    use sqlx::Executor;
    let mut conn = owner.acquire().await.unwrap();
    for migration in server::db::MIGRATOR.iter().filter(|m| m.version < version) {
        conn.execute(&*migration.sql).await.unwrap();
    }
    conn
}

/// The migration itself, on contracts written before it: their totals and remaining amounts
/// stay as they were.
#[sqlx::test(migrations = false)]
async fn existing_contracts_keep_their_amounts_through_the_migration(owner: PgPool) {
    use sqlx::Executor;
    const PAYMENTS: i64 = 20261206000001;
    let mut conn = migrated_before(&owner, PAYMENTS).await;
    let seller: Uuid = sqlx::query_scalar(
        "insert into collaborator (employee_number, full_name, email, department, password_hash)
         values ('S-1', 'Sam Vendeur', 'sam@exemple.fr', 'sales', '$argon2id$x') returning id",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    let client: Uuid = sqlx::query_scalar(
        "insert into client (full_name, email, phone, company_name, sales_contact_id)
         values ('Ancien Client', 'ancien@exemple.fr', '+33612345678', 'Ancienne', $1) returning id",
    )
    .bind(seller)
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    let mut contracts = Vec::new();
    for (total, remaining) in [(100_000_i64, 100_000_i64), (100_000, 25_000), (50_000, 0)] {
        let id: Uuid = sqlx::query_scalar(
            "insert into contract (client_id, sales_contact_id, total_cents, remaining_cents) values ($1, $2, $3, $4) returning id",
        )
        .bind(client)
        .bind(seller)
        .bind(total)
        .bind(remaining)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        contracts.push((id, total, remaining));
    }
    let migration = server::db::MIGRATOR.iter().find(|m| m.version == PAYMENTS).unwrap();
    conn.execute(&*migration.sql).await.unwrap();

    for (id, total, remaining) in contracts {
        let (kept_total, kept_remaining): (i64, i64) =
            sqlx::query_as("select total_cents, remaining_cents from contract where id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await
                .unwrap();
        assert_eq!((kept_total, kept_remaining), (total, remaining));
        let (label, asked, paid): (String, i64, i64) =
            sqlx::query_as("select label, amount_cents, paid_cents from payment_milestone where contract_id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await
                .unwrap();
        assert_eq!((label.as_str(), asked, paid), ("Solde", total, total - remaining), "one milestone, what was paid");
        let carried: i64 = sqlx::query_scalar(
            "select coalesce(sum(amount_cents), 0)::bigint from payment where contract_id = $1 and method = 'carried_over'",
        )
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        assert_eq!(carried, total - remaining);
        // From now on, what remains follows the payments.
        sqlx::query("update contract set total_cents = total_cents where id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await
            .unwrap();
        let after: i64 = sqlx::query_scalar("select remaining_cents from contract where id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(after, remaining);
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn anonymising_a_client_takes_its_name_out_of_its_milestones_and_their_trail(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "Marc Dupontel").await;
    let mut manager = app.signed_in(MANAGER).await;
    let named = [("label", "Acompte mariage Marc Dupontel"), ("share", "amount"), ("value", "100"), ("due", "signing")];
    assert!(add_milestone(&mut manager, contract, &named).await.location().is_some());
    let client = client_of(&app, contract).await.to_string();
    let anonymised = manager.call("/api/anonymise_client", &[("id", &client), ("confirm", "on")]).await;
    assert!(anonymised.status.is_success() || anonymised.status.is_redirection(), "{}", anonymised.body);
    let labels: Vec<String> = sqlx::query_scalar("select label from payment_milestone where contract_id = $1")
        .bind(contract)
        .fetch_all(&app.owner)
        .await
        .unwrap();
    assert_eq!(labels.len(), 3);
    assert!(labels.iter().all(|l| !l.contains("Dupontel")), "{labels:?}");
    assert!(labels.contains(&"Acompte".to_owned()), "a name without the client stays: {labels:?}");
    let trail = app
        .count(&format!(
            "select count(*) from audit_record where entity_id = '{contract}' and changes::text like '%Dupontel%'"
        ))
        .await;
    assert_eq!(trail, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_event_moved_while_a_payment_is_recorded_leaves_the_milestones_paid(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "Rita Course").await;
    let event = create_event(&mut seller, contract, "Gala disputé").await.created_id();
    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(assign(&mut manager, &app, event, SUPPORT, None).await.status, StatusCode::OK);
    let mut support = app.signed_in(SUPPORT).await;
    // A payment recorded as the service does (its contract locked, then the acompte and part of
    // the solde settled), not committed yet…
    let mut paying = app.pool.begin().await.unwrap();
    sqlx::query("select 1 from contract where id = $1 for update").bind(contract).execute(&mut *paying).await.unwrap();
    sqlx::query(
        "insert into payment (contract_id, paid_on, amount_cents, method) values ($1, '2026-03-12', 500000, 'card')",
    )
    .bind(contract)
    .execute(&mut *paying)
    .await
    .unwrap();
    // …while its support moves the event by a day (the solde's day follows it).
    let mut form = event_form("Gala disputé");
    for (name, value) in &mut form {
        match *name {
            "form[starts_at]" => *value = "2027-03-13T14:00".to_owned(),
            "form[ends_at]" => *value = "2027-03-13T23:00".to_owned(),
            _ => {}
        }
    }
    form.push(("id", event.to_string()));
    form.push(("version", version_of(&app, "event", event).await.to_string()));
    let (moved, ()) = tokio::join!(support.call_owned("/api/update_event", &form), async {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        app::db::commit(paying).await.unwrap();
    });
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let paid: i64 = sqlx::query_scalar("select sum(paid_cents)::bigint from payment_milestone where contract_id = $1")
        .bind(contract)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(paid, 500_000, "the milestones hold the payment");
}

/// The migration that gives milestones and payments their salesperson, on a database that has
/// some: each gets its contract's, and the months hold what they add up.
#[sqlx::test(migrations = false)]
async fn existing_schedules_and_payments_get_their_salesperson_and_months_through_the_migration(owner: PgPool) {
    use sqlx::Executor;
    const SALESPERSON: i64 = 20261208000001;
    let mut conn = migrated_before(&owner, SALESPERSON).await;
    let contract: Uuid = sqlx::query_scalar(
        "with seller as (
           insert into collaborator (employee_number, full_name, email, department, password_hash)
           values ('S-1', 'Sam Vendeur', 'sam@exemple.fr', 'sales', '$argon2id$x') returning id),
         client as (
           insert into client (full_name, email, phone, company_name, sales_contact_id)
           select 'Ancien Client', 'ancien@exemple.fr', '+33612345678', 'Ancienne', id from seller returning id)
         insert into contract (client_id, sales_contact_id, total_cents, remaining_cents)
         select client.id, seller.id, 100000, 100000 from client, seller returning id",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    conn.execute(&*format!(
        "insert into payment_milestone (contract_id, position, label, share, amount_cents, due_kind, fixed_on)
         values ('{contract}', 1, 'Solde', 'rest', 100000, 'fixed', '2026-03-20');
         insert into payment (contract_id, paid_on, amount_cents, method) values ('{contract}', '2026-03-05', 40000, 'cheque');
         select payment_schedule_refresh(array['{contract}'::uuid]);"
    ))
    .await
    .unwrap();
    // As the migrator runs it: one transaction.
    let migration = server::db::MIGRATOR.iter().find(|m| m.version == SALESPERSON).unwrap();
    conn.execute(&*format!("begin; {} commit;", migration.sql)).await.unwrap();

    let seller: Uuid = sqlx::query_scalar("select sales_contact_id from contract where id = $1")
        .bind(contract)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let carried: Vec<Uuid> = sqlx::query_scalar(
        "select sales_contact_id from payment_milestone where contract_id = $1
         union all select sales_contact_id from payment where contract_id = $1",
    )
    .bind(contract)
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    assert_eq!(carried, [seller, seller]);
    let months: Vec<(Uuid, NaiveDate, i64, i64)> =
        sqlx::query_as("select sales_contact_id, month, due_cents, collected_cents from collection_month")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    assert_eq!(months, [(seller, day(2026, 3, 1), 100_000, 40_000)]);
}

/// The benchmark's data generator writes each contract's payments before the contract: they
/// still carry its salesperson, and the months add up.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn generated_data_has_its_salespeople_and_its_months(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let (clients, events) =
        (app.count("select count(*) from client").await, app.count("select count(*) from event").await);
    let options = server::generate::Options { clients: clients + 40, contracts_per_client: 2, events: events + 60 };
    server::generate::generate(&app.pool, options).await.unwrap();
    assert!(app.count("select count(*) from payment where method = 'transfer'").await > 0, "payments generated");
    let strays = app
        .count(
            "select count(*) from payment p join contract k on k.id = p.contract_id
              where p.sales_contact_id <> k.sales_contact_id",
        )
        .await;
    assert_eq!(strays, 0, "each payment carries its contract's salesperson");
    assert_months_add_up(&app, "generated data").await;
}
