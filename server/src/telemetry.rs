//! One tracing subscriber for the whole process. Logs are JSON when `LOG_FORMAT=json`.
//! Nothing logs passwords, hashes or session ids: the code never passes them to a log macro,
//! and request logs carry only method, path and status.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_sessions=warn,tower_sessions_core=warn,sqlx=warn"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}
