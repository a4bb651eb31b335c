//! Fixed limits every request obeys, whichever part of the server reads them.

/// The largest request body read (every form of the app is far smaller): larger ones get 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The client import's upload (`app::routes::CLIENT_IMPORT`, POST): a CSV file of 5 MiB and its
/// form. A larger one is drained up to `IMPORT_DRAIN_BYTES`, so that the browser, still sending,
/// reads the answer (a page saying the file is too large) instead of a broken connection.
pub const IMPORT_MAX_BODY_BYTES: usize = app::client_import::model::MAX_UPLOAD_BYTES;
pub const IMPORT_DRAIN_BYTES: u64 = 128 * 1024 * 1024;
