//! Fixed limits every request obeys, whichever part of the server reads them.

/// The largest request body read (every form of the app is far smaller): larger ones get 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
