//! Records made through the server functions, as the teams make them.

use http::StatusCode;
use uuid::Uuid;

use super::{Client, TestApp, TestResponse};
use app::error::AppError;

pub fn error_of(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not an AppError ({e}): {body}"))
}

pub async fn create_client(browser: &mut Client<'_>, name: &str, email: &str) -> TestResponse {
    browser
        .call(
            "/api/create_client",
            &[
                ("form[full_name]", name),
                ("form[email]", email),
                ("form[phone]", "06 12 34 56 78"),
                ("form[company_name]", "Entreprise Test"),
            ],
        )
        .await
}

/// A contract of `total`, paid down to `remaining` by one payment (what remains is never typed).
pub async fn create_contract(browser: &mut Client<'_>, client: Uuid, total: &str, remaining: &str) -> TestResponse {
    let client = client.to_string();
    let created = browser.call("/api/create_contract", &[("client_id", &client), ("form[total]", total)]).await;
    let cents = |amount: &str| app::domain::Cents::parse(amount).map(|c| c.get()).unwrap_or_default();
    let paid = cents(total) - cents(remaining);
    if created.location().is_some() && paid > 0 {
        let contract = created.created_id();
        let paid = app::domain::Cents::new(paid).unwrap().format_input();
        let recorded = record_payment(browser, contract, &paid).await;
        assert!(recorded.location().is_some(), "the payment of {paid}: {} {}", recorded.status, recorded.body);
    }
    created
}

/// A payment by transfer, dated before any day the tests' clock shows.
pub async fn record_payment(browser: &mut Client<'_>, contract: Uuid, amount: &str) -> TestResponse {
    let contract = contract.to_string();
    let form = [
        ("contract_id", contract.as_str()),
        ("form[paid_on]", "2026-01-05"),
        ("form[amount]", amount),
        ("form[method]", "transfer"),
    ];
    browser.call("/api/record_payment", &form).await
}

pub async fn sign(browser: &mut Client<'_>, contract: Uuid, version: i32) -> TestResponse {
    browser.call("/api/sign_contract", &[("id", &contract.to_string()), ("version", &version.to_string())]).await
}

pub fn event_form(title: &str) -> Vec<(&'static str, String)> {
    vec![
        ("form[title]", title.to_owned()),
        ("form[starts_at]", "2027-03-12T14:00".to_owned()),
        ("form[ends_at]", "2027-03-12T23:00".to_owned()),
        ("form[location]", "Salle des fêtes, Tours".to_owned()),
        ("form[attendees]", "120".to_owned()),
        ("form[notes]", "".to_owned()),
    ]
}

pub async fn create_event(browser: &mut Client<'_>, contract: Uuid, title: &str) -> TestResponse {
    let mut form = event_form(title);
    form.push(("contract_id", contract.to_string()));
    browser.call_owned("/api/create_event", &form).await
}

/// An event of `contract` from `starts` to `ends` (Paris time, as the form types them).
pub async fn event_at(seller: &mut Client<'_>, contract: Uuid, title: &str, (starts, ends): (&str, &str)) -> Uuid {
    event_at_place(seller, contract, title, (starts, ends), "Salle des fêtes, Tours").await
}

pub async fn event_at_place(
    seller: &mut Client<'_>,
    contract: Uuid,
    title: &str,
    (starts, ends): (&str, &str),
    place: &str,
) -> Uuid {
    let mut form = event_form(title);
    for (name, value) in &mut form {
        match *name {
            "form[starts_at]" => *value = starts.to_owned(),
            "form[ends_at]" => *value = ends.to_owned(),
            "form[location]" => *value = place.to_owned(),
            _ => {}
        }
    }
    form.push(("contract_id", contract.to_string()));
    let created = seller.call_owned("/api/create_event", &form).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    created.created_id()
}

/// Management books `support` for the event (with a reason when they are already busy).
pub async fn assign(
    manager: &mut Client<'_>,
    app: &TestApp,
    event: Uuid,
    support: &str,
    reason: Option<&str>,
) -> TestResponse {
    let mut form = vec![
        ("id", event.to_string()),
        ("version", version_of(app, "event", event).await.to_string()),
        ("support_contact_id", app.collaborator_id(support).await.to_string()),
    ];
    if let Some(reason) = reason {
        form.push(("override_reason", reason.to_owned()));
    }
    manager.call_owned("/api/assign_event_support", &form).await
}

/// Moves the event to `status` (with a reason to cancel it), at its current version.
pub async fn move_event(
    browser: &mut Client<'_>,
    app: &TestApp,
    event: Uuid,
    status: &str,
    reason: Option<&str>,
) -> TestResponse {
    let mut form = vec![
        ("id", event.to_string()),
        ("version", version_of(app, "event", event).await.to_string()),
        ("status", status.to_owned()),
    ];
    if let Some(reason) = reason {
        form.push(("reason", reason.to_owned()));
    }
    browser.call_owned("/api/move_event", &form).await
}

pub async fn version_of(app: &TestApp, table: &str, id: Uuid) -> i32 {
    sqlx::query_scalar(&format!("select version from {table} where id = $1"))
        .bind(id)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

/// A signed contract of `seller`'s new client.
pub async fn signed_contract(app: &TestApp, seller: &mut Client<'_>, email: &str) -> Uuid {
    let client = create_client(seller, "Client Signé", email).await.created_id();
    let contract = create_contract(seller, client, "1000", "1000").await.created_id();
    assert_eq!(sign(seller, contract, 1).await.status, StatusCode::OK);
    let _ = app;
    contract
}

/// The RGPD data export of a client, as management downloads it.
pub async fn export_client(browser: &mut Client<'_>, client: &str) -> TestResponse {
    let request = http::Request::post(format!("/administration/rgpd/clients/{client}/export"))
        .header(http::header::ORIGIN, super::ORIGIN)
        .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::empty())
        .unwrap();
    browser.send(request).await
}

/// The client of a contract.
pub async fn client_of(app: &TestApp, contract: Uuid) -> Uuid {
    sqlx::query_scalar("select client_id from contract where id = $1")
        .bind(contract)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

/// The constraint a statement was refused by, if the database refused it for one.
pub fn refused_constraint(result: Result<sqlx::postgres::PgQueryResult, sqlx::Error>) -> Option<String> {
    match result {
        Err(sqlx::Error::Database(db)) => db.constraint().map(str::to_owned),
        _ => None,
    }
}
