//! The request pipeline, outermost first: security headers, cross-site refusal, sessions.

pub mod body_limit;
pub mod compression;
pub mod cross_site;
pub mod retry_reads;
pub mod security_headers;
pub mod server_fn_status;
pub mod session_gate;
