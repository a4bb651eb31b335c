//! The company's three teams.

use serde::{Deserialize, Serialize};

use crate::i18n::fr as t;

/// The three teams of the company. Stored as the `department.code` reference row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "text", rename_all = "lowercase"))]
#[serde(rename_all = "lowercase")]
pub enum Department {
    Sales,
    Support,
    Management,
}

impl Department {
    pub const ALL: [Department; 3] = [Department::Sales, Department::Support, Department::Management];

    pub fn label(self) -> &'static str {
        match self {
            Department::Sales => t::DEPT_SALES,
            Department::Support => t::DEPT_SUPPORT,
            Department::Management => t::DEPT_MANAGEMENT,
        }
    }

    /// Stable code used in the database, CSS classes and (later) the API.
    pub fn code(self) -> &'static str {
        match self {
            Department::Sales => "sales",
            Department::Support => "support",
            Department::Management => "management",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Department::ALL.into_iter().find(|d| d.code() == code)
    }
}
