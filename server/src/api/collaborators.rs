//! `/collaborators`: read by everyone signed in, written by management.

use utoipa_axum::router::OpenApiRouter;

use super::ApiState;

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
}
