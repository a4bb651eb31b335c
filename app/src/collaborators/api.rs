//! Server functions about collaborators: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{
    CollaboratorChoice, CollaboratorDetail, CollaboratorForm, CollaboratorPage, CollaboratorQuery, DepartmentChangeForm,
};
use crate::auth::{Actor, Department};
use crate::domain::CollaboratorId;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

/// The caller's own work phone, for the account page.
#[server(endpoint = "my_phone", input = GetUrl)]
pub async fn my_phone() -> Result<Option<String>, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::own_phone(&state, &actor).await
}

/// The account page's phone form: back to the page.
#[server(endpoint = "set_my_phone")]
pub async fn set_my_phone(phone: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::set_own_phone(&state, &actor, &phone).await?;
    leptos_axum::redirect(&routes::with_notice(routes::MY_ACCOUNT, Notice::PhoneSaved));
    Ok(())
}

/// Active collaborators of a department, for assignment forms.
#[server(endpoint = "active_collaborators", input = GetUrl)]
pub async fn active_collaborators(department: Department) -> Result<Vec<Actor>, AppError> {
    let (state, _) = crate::auth::api::signed_in().await?;
    Ok(super::repo::list_active(&state.pool, department).await?)
}

/// Every salesperson, deactivated ones included: a departed salesperson's clients are exactly
/// what needs handing over.
#[server(endpoint = "salespeople", input = GetUrl)]
pub async fn salespeople() -> Result<Vec<CollaboratorChoice>, AppError> {
    let (state, _) = crate::auth::api::signed_in().await?;
    Ok(super::repo::choices(&state.pool, Some(Department::Sales)).await?)
}

#[server(endpoint = "list_collaborators", input = GetUrl)]
pub async fn list_collaborators(query: CollaboratorQuery) -> Result<CollaboratorPage, AppError> {
    let (state, _) = crate::auth::api::signed_in().await?;
    super::service::list(&state, &query, crate::listing_sql::CountReuse::Never).await
}

#[server(endpoint = "get_collaborator", input = GetUrl)]
pub async fn get_collaborator(id: CollaboratorId) -> Result<CollaboratorDetail, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::detail(&state, &actor, id).await
}

#[server(endpoint = "create_collaborator")]
pub async fn create_collaborator(form: CollaboratorForm) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let id = super::service::create(&state, &actor, &form).await?;
    leptos_axum::redirect(&routes::collaborator(id, Some(Notice::CollaboratorCreated)));
    Ok(())
}

#[server(endpoint = "update_collaborator")]
pub async fn update_collaborator(id: CollaboratorId, version: i32, form: CollaboratorForm) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::update(&state, &actor, id, version, &form).await?;
    leptos_axum::redirect(&routes::collaborator(id, Some(Notice::Updated)));
    Ok(())
}

#[server(endpoint = "change_collaborator_department")]
pub async fn change_collaborator_department(
    id: CollaboratorId,
    version: i32,
    change: DepartmentChangeForm,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let change = change.parse()?;
    super::service::change_department(&state, &actor, id, version, &change).await?;
    leptos_axum::redirect(&routes::collaborator(id, Some(Notice::DepartmentChanged)));
    Ok(())
}

#[server(endpoint = "set_collaborator_active")]
pub async fn set_collaborator_active(id: CollaboratorId, version: i32, active: bool) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::set_active(&state, &actor, id, version, active).await?;
    let notice = if active { Notice::Reactivated } else { Notice::Deactivated };
    leptos_axum::redirect(&routes::collaborator(id, Some(notice)));
    Ok(())
}

#[server(endpoint = "reset_collaborator_password")]
pub async fn reset_collaborator_password(id: CollaboratorId) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::reset_password(&state, &actor, id).await?;
    leptos_axum::redirect(&routes::collaborator(id, Some(Notice::PasswordReset)));
    Ok(())
}

#[server(endpoint = "delete_collaborator")]
pub async fn delete_collaborator(id: CollaboratorId, version: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::delete(&state, &actor, id, version).await?;
    leptos_axum::redirect(&routes::with_notice(routes::COLLABORATORS, Notice::Deleted));
    Ok(())
}

#[server(endpoint = "hand_over_portfolio")]
pub async fn hand_over_portfolio(from: String, to: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let (from, to) = super::model::parse_hand_over(&from, &to)?;
    super::service::hand_over_portfolio(&state, &actor, from, to).await?;
    leptos_axum::redirect(&routes::with_notice(routes::HAND_OVER, Notice::HandedOver));
    Ok(())
}
