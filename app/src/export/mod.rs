//! "Exporter (CSV)": a list page's rows, all of them, with exactly its filters and sort, as a
//! file French spreadsheets open directly: UTF-8 with a BOM, `;` between cells, decimal commas,
//! dates `JJ/MM/AAAA`. The rows stream from one query to the response in chunks (`http`), so a
//! million events take the memory of a few chunks; each export is in the security log.

#[cfg(feature = "ssr")]
mod cells;
#[cfg(feature = "ssr")]
pub mod http;

/// Where each list's export is served.
pub const CLIENTS: &str = "/export/clients.csv";
pub const CONTRACTS: &str = "/export/contrats.csv";
pub const EVENTS: &str = "/export/evenements.csv";
/// "Mes relances" (`?equipe=1`: everyone's overdue ones, for management).
pub const FOLLOW_UPS: &str = "/export/relances.csv";
/// Management only.
pub const AUDIT_JOURNAL: &str = "/export/journal.csv";

/// The export's link for a list page whose URL is `list_url` (same parameters).
pub fn href(export: &str, list_url: &str) -> String {
    let query = list_url.split_once('?').map(|(_, q)| format!("?{q}")).unwrap_or_default();
    format!("{export}{query}")
}
