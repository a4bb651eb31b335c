//! Every user-facing string lives here, so that a second language is one new module away.
//! French is the company's language and the default.

pub mod fr;
