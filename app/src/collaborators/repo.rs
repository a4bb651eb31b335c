//! All SQL about collaborators.

use sqlx::PgExecutor;
use uuid::Uuid;

use super::model::NewCollaborator;
use crate::auth::Department;
use crate::error::AppError;

pub async fn insert(db: impl PgExecutor<'_>, new: &NewCollaborator, password_hash: &str) -> Result<Uuid, AppError> {
    sqlx::query_scalar!(
        "insert into collaborator (employee_number, full_name, email, department, password_hash)
         values ($1, $2, $3, $4, $5) returning id",
        new.employee_number,
        new.full_name,
        new.email,
        new.department as Department,
        password_hash
    )
    .fetch_one(db)
    .await
    .map_err(|error| match &error {
        sqlx::Error::Database(db) if db.constraint() == Some("collaborator_email_key") => {
            AppError::field("email", "Cette adresse e-mail est déjà utilisée.")
        }
        sqlx::Error::Database(db) if db.constraint() == Some("collaborator_employee_number_key") => {
            AppError::field("employee_number", "Ce matricule est déjà utilisé.")
        }
        _ => error.into(),
    })
}

pub async fn email_exists(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(r#"select exists(select 1 from collaborator where lower(email) = lower($1)) as "e!""#, email)
        .fetch_one(db)
        .await
}

/// Deactivates (or reactivates) a collaborator; deactivation ends their sessions at once.
pub async fn set_active(
    db: &sqlx::PgPool,
    id: Uuid,
    active: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let updated =
        sqlx::query!("update collaborator set active = $2 where id = $1", id, active).execute(&mut *tx).await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    if !active {
        crate::auth::repo::end_all_sessions(&mut *tx, id, now).await?;
        crate::auth::api_tokens::revoke_all_for(&mut *tx, id, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// An active collaborator, for assignments (sales contact, support contact).
pub async fn find_active(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<crate::auth::Actor>> {
    sqlx::query_as::<_, crate::auth::Actor>(
        "select id, full_name, email, department from collaborator where id = $1 and active",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Active collaborators of a department, by name: the choices of an assignment form.
pub async fn list_active(db: impl PgExecutor<'_>, department: Department) -> sqlx::Result<Vec<crate::auth::Actor>> {
    sqlx::query_as::<_, crate::auth::Actor>(
        "select id, full_name, email, department from collaborator where department = $1 and active order by full_name",
    )
    .bind(department)
    .fetch_all(db)
    .await
}
