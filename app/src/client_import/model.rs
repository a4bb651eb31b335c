//! The import's types, shared by the browser and the server: the columns, why a file is
//! refused, a staged row with its errors and its likely duplicate, the preview and the result.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::clients::model::ClientForm;
use crate::domain::ClientId;
use crate::i18n::fr as t;

pub use crate::domain::ImportId;

/// The field names of the upload form.
pub const FILE_FIELD: &str = "fichier";
pub const SALESPERSON_FIELD: &str = "commercial";

/// The largest file read (the upload's own body limit is a little more, for the form around it).
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// The upload's body: the file and the form around it. The server lets the upload's path
/// alone send this much (every other request: 64 KiB).
pub const MAX_UPLOAD_BYTES: usize = MAX_FILE_BYTES + 64 * 1024;
/// The most client rows in one file.
pub const MAX_ROWS: usize = 10_000;
/// Rows ready to create shown in the preview (the others are counted).
pub const READY_SHOWN: usize = 50;
/// Clients linked from the result page.
pub const RESULT_LINKS: usize = 100;

/// The columns a file must have: the client form's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Column {
    FullName,
    Email,
    Phone,
    Company,
}

impl Column {
    pub const ALL: [Column; 4] = [Column::FullName, Column::Email, Column::Phone, Column::Company];

    /// The client form's field name (its errors are keyed by it).
    pub fn field(self) -> &'static str {
        match self {
            Column::FullName => "full_name",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::Company => "company_name",
        }
    }

    pub fn from_field(field: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.field() == field)
    }

    pub fn label(self) -> &'static str {
        match self {
            Column::FullName => t::FULL_NAME,
            Column::Email => t::EMAIL,
            Column::Phone => t::PHONE,
            Column::Company => t::COMPANY,
        }
    }

    /// The value of this column in a row.
    pub fn of(self, values: &ClientForm) -> &str {
        match self {
            Column::FullName => &values.full_name,
            Column::Email => &values.email,
            Column::Phone => &values.phone,
            Column::Company => &values.company_name,
        }
    }
}

/// Why a whole file is refused (nothing is staged). It travels to the upload page in its
/// address (`?erreur=…`), so that the page, without JavaScript, says what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileRefusal {
    NoFile,
    NotUtf8,
    NoRows,
    MissingColumns(Vec<Column>),
    RepeatedColumn(Column),
    TooManyRows,
    Malformed { line: u64 },
    TooLarge,
    ChooseSalesperson,
}

impl FileRefusal {
    fn code(&self) -> &'static str {
        match self {
            FileRefusal::NoFile => "fichier",
            FileRefusal::NotUtf8 => "encodage",
            FileRefusal::NoRows => "vide",
            FileRefusal::MissingColumns(_) => "colonnes",
            FileRefusal::RepeatedColumn(_) => "colonne_double",
            FileRefusal::TooManyRows => "lignes",
            FileRefusal::Malformed { .. } => "format",
            FileRefusal::TooLarge => "taille",
            FileRefusal::ChooseSalesperson => "commercial",
        }
    }

    /// The upload page's address telling this refusal.
    pub fn page_url(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("erreur", self.code());
        match self {
            FileRefusal::MissingColumns(columns) => {
                let fields: Vec<&str> = columns.iter().map(|c| c.field()).collect();
                query.append_pair("colonnes", &fields.join(","));
            }
            FileRefusal::RepeatedColumn(column) => {
                query.append_pair("colonnes", column.field());
            }
            FileRefusal::Malformed { line } => {
                query.append_pair("ligne", &line.to_string());
            }
            _ => {}
        }
        format!("{}?{}", crate::routes::CLIENT_IMPORT, query.finish())
    }

    /// The refusal an address tells; `None` for anything no redirect writes.
    pub fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Option<FileRefusal> {
        let columns = || -> Vec<Column> {
            get("colonnes").unwrap_or_default().split(',').filter_map(Column::from_field).collect()
        };
        Some(match get("erreur")?.as_str() {
            "fichier" => FileRefusal::NoFile,
            "encodage" => FileRefusal::NotUtf8,
            "vide" => FileRefusal::NoRows,
            "colonnes" => FileRefusal::MissingColumns(columns()).non_empty()?,
            "colonne_double" => FileRefusal::RepeatedColumn(*columns().first()?),
            "lignes" => FileRefusal::TooManyRows,
            "format" => FileRefusal::Malformed { line: get("ligne")?.parse().ok()? },
            "taille" => FileRefusal::TooLarge,
            "commercial" => FileRefusal::ChooseSalesperson,
            _ => return None,
        })
    }

    fn non_empty(self) -> Option<Self> {
        match &self {
            FileRefusal::MissingColumns(columns) if columns.is_empty() => None,
            _ => Some(self),
        }
    }

    pub fn message(&self) -> String {
        match self {
            FileRefusal::NoFile => t::IMPORT_NO_FILE.to_owned(),
            FileRefusal::NotUtf8 => t::IMPORT_NOT_UTF8.to_owned(),
            FileRefusal::NoRows => t::IMPORT_NO_ROWS.to_owned(),
            FileRefusal::MissingColumns(columns) => {
                t::import_missing_columns(&columns.iter().map(|c| c.label()).collect::<Vec<_>>())
            }
            FileRefusal::RepeatedColumn(column) => t::import_repeated_column(column.label()),
            FileRefusal::TooManyRows => t::import_too_many_rows(&crate::ui::list::format_count(MAX_ROWS as i64)),
            FileRefusal::Malformed { line } => t::import_malformed(*line),
            FileRefusal::TooLarge => t::import_too_large(MAX_FILE_BYTES / (1024 * 1024)),
            FileRefusal::ChooseSalesperson => t::CHOOSE_ACTIVE_SALES.to_owned(),
        }
    }
}

/// What is wrong with one row (its column, when one is to blame).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub column: Option<Column>,
    pub message: String,
}

impl RowError {
    /// "Téléphone : Ce numéro de téléphone n’est pas valide."
    pub fn text(&self) -> String {
        match self.column {
            Some(column) => format!("{} : {}", column.label(), self.message),
            None => self.message.clone(),
        }
    }
}

/// How a row was found to be a client already known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Match {
    Email,
    NameAndCompany,
}

impl Match {
    pub fn label(self) -> &'static str {
        match self {
            Match::Email => t::IMPORT_SAME_EMAIL,
            Match::NameAndCompany => t::IMPORT_SAME_NAME_COMPANY,
        }
    }
}

/// An existing client a row likely is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    pub client_id: ClientId,
    pub full_name: String,
    pub email: String,
    pub company_name: String,
    pub sales_contact_name: String,
    /// The client's version when the file was read: an update waits for no one else's change.
    pub version: i32,
    pub by: Match,
    /// Why the importer may only skip it (`None`: they may update it).
    pub only_skip: Option<String>,
}

/// One row of the file, as typed, with what is wrong with it and the client it likely is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagedRow {
    /// The file's line (1 is the header).
    pub line: u64,
    pub values: ClientForm,
    pub errors: Vec<RowError>,
    pub duplicate: Option<Duplicate>,
}

impl StagedRow {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// Valid and new: created by the confirmation.
    pub fn is_ready(&self) -> bool {
        self.is_valid() && self.duplicate.is_none()
    }

    /// Valid, and an existing client: skipped or updated, as chosen.
    pub fn duplicate(&self) -> Option<&Duplicate> {
        self.duplicate.as_ref().filter(|_| self.is_valid())
    }
}

/// What the importer chose for a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Choice {
    Skip,
    Update,
}

impl Choice {
    pub fn code(self) -> &'static str {
        match self {
            Choice::Skip => "skip",
            Choice::Update => "update",
        }
    }

    pub fn from_code(code: &str) -> Option<Choice> {
        [Choice::Skip, Choice::Update].into_iter().find(|c| c.code() == code)
    }

    /// The key of a row's choice in the confirmation form (`form[choices][l12]`).
    pub fn key(line: u64) -> String {
        format!("l{line}")
    }

    pub fn line_of_key(key: &str) -> Option<u64> {
        key.strip_prefix('l')?.parse().ok()
    }
}

/// The confirmation form: which import, and the choice per duplicate (`skip` when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportConfirmation {
    pub id: ImportId,
    #[serde(default)]
    pub choices: BTreeMap<String, String>,
}

/// What the confirmation did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportResult {
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    /// The clients created or updated (the first `RESULT_LINKS`), for links.
    pub clients: Vec<(ClientId, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportState {
    /// Waiting for the confirmation until then.
    Staged {
        expires_at: DateTime<Utc>,
    },
    Expired,
    Done(ImportResult),
}

/// The preview page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    pub id: ImportId,
    pub file_name: String,
    pub sales_contact_name: String,
    pub state: ImportState,
    pub total: usize,
    pub ready: usize,
    pub duplicates: usize,
    pub invalid: usize,
    /// Every row with errors and every duplicate, then the first `READY_SHOWN` ready rows.
    pub rows: Vec<StagedRow>,
}

impl ImportView {
    pub fn new(
        id: ImportId,
        file_name: String,
        sales_contact_name: String,
        state: ImportState,
        rows: &[StagedRow],
    ) -> Self {
        let count = |keep: fn(&StagedRow) -> bool| rows.iter().filter(|r| keep(r)).count();
        let shown = rows
            .iter()
            .filter(|r| !r.is_ready())
            .chain(rows.iter().filter(|r| r.is_ready()).take(READY_SHOWN))
            .cloned()
            .collect();
        ImportView {
            id,
            file_name,
            sales_contact_name,
            state,
            total: rows.len(),
            ready: count(StagedRow::is_ready),
            duplicates: count(|r| r.duplicate().is_some()),
            invalid: count(|r| !r.is_valid()),
            rows: shown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query_of(url: &str) -> Vec<(String, String)> {
        let query = url.split_once('?').unwrap().1;
        form_urlencoded::parse(query.as_bytes()).into_owned().collect()
    }

    #[test]
    fn a_refusal_travels_in_the_upload_pages_address_and_back() {
        let refusals = [
            FileRefusal::NoFile,
            FileRefusal::NotUtf8,
            FileRefusal::NoRows,
            FileRefusal::MissingColumns(vec![Column::FullName, Column::Phone]),
            FileRefusal::RepeatedColumn(Column::Email),
            FileRefusal::TooManyRows,
            FileRefusal::Malformed { line: 12 },
            FileRefusal::TooLarge,
            FileRefusal::ChooseSalesperson,
        ];
        for refusal in refusals {
            let url = refusal.page_url();
            assert!(url.starts_with("/clients/importer?erreur="), "{url}");
            let params = query_of(&url);
            let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
            assert_eq!(FileRefusal::from_query(&get), Some(refusal));
        }
    }

    #[test]
    fn an_address_made_up_by_hand_tells_nothing() {
        for query in
            ["erreur=pwned", "erreur=colonnes", "erreur=colonnes&colonnes=password", "erreur=format&ligne=x", ""]
        {
            let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
            let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
            assert_eq!(FileRefusal::from_query(&get), None, "{query}");
        }
    }

    #[test]
    fn missing_columns_are_named_in_french() {
        let message = FileRefusal::MissingColumns(vec![Column::Email, Column::Company]).message();
        assert!(
            message.contains(&t::EMAIL.to_lowercase()) && message.contains(&t::COMPANY.to_lowercase()),
            "{message}"
        );
        assert!(FileRefusal::NotUtf8.message().contains("UTF-8"));
    }

    #[test]
    fn choices_are_keyed_by_line() {
        assert_eq!(Choice::line_of_key(&Choice::key(42)), Some(42));
        assert_eq!(Choice::line_of_key("42"), None);
        assert_eq!(Choice::from_code("update"), Some(Choice::Update));
        assert_eq!(Choice::from_code("delete"), None);
    }
}
