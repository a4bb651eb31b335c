//! A password generated or reset by management must be changed at the next sign-in: until
//! then, pages lead to *Mon compte*, other server functions are refused and the API issues no
//! token.

use crate::common;

use http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use app::routes;
use common::records::error_of;
use common::{Client, PASSWORD, TestApp};

const MANAGER: &str = "gestion@epic-events.fr";
const SALES: &str = "commercial@epic-events.fr";
const NEW_PASSWORD: &str = "une phrase de passe bien à moi";

/// The password management was just shown for `id`.
async fn generated_password(manager: &mut Client<'_>, id: Uuid) -> String {
    let detail = manager.read("/api/get_collaborator", &[("id", &id.to_string())]).await;
    let detail: serde_json::Value = serde_json::from_str(&detail.body).unwrap();
    detail["new_password"].as_str().expect("shown once to the manager").to_owned()
}

async fn change_password(browser: &mut Client<'_>, current: &str) -> common::TestResponse {
    browser
        .call(
            "/api/change_password",
            &[("form[current]", current), ("form[new_password]", NEW_PASSWORD), ("form[confirmation]", NEW_PASSWORD)],
        )
        .await
}

/// What a collaborator with a password to change can and cannot do, and that changing it ends that.
async fn only_the_password_change_is_open(app: &TestApp, email: &str, password: &str) {
    let account_page = routes::my_account_change_password();
    let mut browser = app.client();
    let signed_in = browser.sign_in(email, password).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    assert_eq!(signed_in.location(), Some(account_page.as_str()), "sent to change it at once");

    let page = browser.get("/clients").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), Some(account_page.as_str()));
    let account = browser.get(&account_page).await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("choisissez-en un nouveau"), "the page says why");
    let refused = browser.read("/api/list_collaborators", &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(error_of(&refused.body), AppError::PasswordChangeRequired);
    assert!(error_of(&refused.body).to_string().contains("Mon compte"));
    assert_eq!(browser.read("/api/current_user", &[]).await.status, StatusCode::OK);
    let bell = browser.get(routes::NOTIFICATIONS_LIVE).await;
    assert_eq!(bell.status, StatusCode::OK, "the bell of Mon compte is told to stop");
    assert_eq!(bell.body, common::SESSION_ENDED, "and hears no count");

    let mut api = app.api();
    let token = api.sign_in(email, password).await;
    let problem = token.problem(StatusCode::FORBIDDEN);
    assert!(problem["detail"].as_str().unwrap().contains("application web"), "{problem}");
    assert!(api.access.is_none() && api.refresh.is_none());
    assert_eq!(app.count("select count(*) from api_refresh_token").await, 0, "no token issued");

    let changed = change_password(&mut browser, password).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(browser.get("/clients").await.status, StatusCode::OK, "free once changed");
    assert_eq!(app.api().sign_in(email, NEW_PASSWORD).await.status, StatusCode::OK);
    let mut again = app.client();
    assert_eq!(again.sign_in(email, NEW_PASSWORD).await.location(), Some("/"), "not asked again");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_generated_password_must_be_changed_before_anything_else(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut manager = app.signed_in(MANAGER).await;
    let created = manager
        .call(
            "/api/create_collaborator",
            &[
                ("form[employee_number]", "EE-0500"),
                ("form[full_name]", "Nouvelle Recrue"),
                ("form[email]", "recrue@epic-events.fr"),
                ("form[department]", "sales"),
            ],
        )
        .await;
    let id = created.created_id();
    let password = generated_password(&mut manager, id).await;
    only_the_password_change_is_open(&app, "recrue@epic-events.fr", &password).await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_reset_password_must_be_changed_before_anything_else(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut manager = app.signed_in(MANAGER).await;
    let id = app.collaborator_id(SALES).await;
    let reset = manager.call("/api/reset_collaborator_password", &[("id", &id.to_string())]).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let password = generated_password(&mut manager, id).await;
    only_the_password_change_is_open(&app, SALES, &password).await;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn accounts_with_a_chosen_password_are_not_held_back(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.client();
    assert_eq!(seller.sign_in(SALES, PASSWORD).await.location(), Some("/"));
    assert_eq!(seller.get("/clients").await.status, StatusCode::OK);
}
