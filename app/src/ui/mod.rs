//! Interface building blocks shared by the CRM pages: lists, details, errors.

pub mod confirm;
pub mod detail;
pub mod form_page;
pub mod islands;
pub mod list;
pub mod loaded;
pub mod status;

/// "Clients · Epic Events": the browser tab's title.
pub fn page_title(title: &str) -> String {
    format!("{title} · {}", crate::i18n::fr::APP_NAME)
}
