//! The command line's errors: a boxed error whose message is all that matters, and a service
//! error told in one line.

use app::error::AppError;

/// A service's error as one line: each refused field with its message.
pub fn describe(error: AppError) -> String {
    match error {
        AppError::Validation { errors: fields, .. } => {
            fields.into_iter().map(|(field, message)| format!("{field}: {message}")).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, Error>;
