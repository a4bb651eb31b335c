//! `server [serve]`, `server migrate`, `server seed-demo`, `server create-admin`, `server generate-data`.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::serve::ListenerExt;
use secrecy::{ExposeSecret, SecretString};

use app::auth::Department;
use app::auth::password::{PasswordHasher, owasp_params};
use app::auth::password_policy::check_new_password;
use app::clock::SystemClock;
use app::collaborators::model::NewCollaborator;
use app::collaborators::reveal::PasswordSeal;
use app::state::{AppParts, AppState};
use server::api::jwt::JwtKey;
use server::cli_error::{Result, describe};
use server::config::{Config, required_secret};
use server::router::{self, RouterOptions};
use server::telemetry;
use server::{db, demo};

const USAGE: &str =
    "usage: server [serve | migrate | seed-demo | purge | create-admin --email E --name N --employee-number X
              | openapi | generate-data [--clients N] [--contracts-per-client M] [--events N]]

  serve          start the web server (DATABASE_URL: the application role)
  migrate        apply migrations as the owner (DATABASE_OWNER_URL) and grant APP_DB_ROLE (default epic_app)
  seed-demo      load the demo accounts (idempotent)
  purge          apply the retention schedule now (serve does it every hour): sign-in attempts
                 after 30 days, ended sessions' address and browser after 30 days, security
                 events after a year (DATABASE_URL)
  create-admin   create the first management account; the password comes from
                 EPIC_ADMIN_PASSWORD or is asked for, never from the command line
  openapi        print the REST API's OpenAPI 3.1 document
  generate-data  load a large French data set for benchmarks (default 100000 clients, 3 contracts
                 each, 1000000 events, plus 20 sales and 30 support collaborators); adds only
                 what is missing (DATABASE_URL)";

/// Server rendering allocates many small strings; mimalloc serves them faster than the system
/// allocator (measured with scripts/bench).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let telemetry = telemetry::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("migrate") => migrate().await,
        Some("seed-demo") => seed_demo().await,
        Some("purge") => purge().await,
        Some("create-admin") => create_admin(&args[1..]).await,
        Some("generate-data") => server::generate::run(&args[1..]).await,
        Some("openapi") => print_openapi(),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n{USAGE}").into()),
    };
    if let Err(error) = result {
        eprintln!("error: {error}");
        drop(telemetry);
        std::process::exit(1);
    }
}

fn print_openapi() -> Result<()> {
    println!("{}", server::api::openapi::document().to_pretty_json()?);
    Ok(())
}

/// For the command-line tools, which hash one password at a time.
fn hasher(concurrency: usize) -> Arc<PasswordHasher> {
    Arc::new(PasswordHasher::new(owasp_params(), concurrency, 0))
}

async fn serve() -> Result<()> {
    let config = Config::from_env()?;
    let leptos_options =
        server::assets::name_hashed_files_if_built(leptos::config::get_configuration(None)?.leptos_options);
    let pool = db::connect(&config.database_url, &config.db).await?;
    db::ensure_not_owner(&pool).await?;
    let replica = match &config.database_read_url {
        Some(url) => {
            let replica = db::connect(url, &config.db).await?;
            db::ensure_not_owner(&replica).await?;
            Some(replica)
        }
        None => None,
    };
    let state = AppState::new(AppParts {
        leptos_options,
        pool,
        replica,
        clock: Arc::new(SystemClock),
        hasher: Arc::new(PasswordHasher::new(owasp_params(), config.hashing_concurrency, config.hashing_queue)),
        password_seal: config.password_seal.clone().unwrap_or_else(|| Arc::new(PasswordSeal::random())),
        actors: Arc::new(app::auth::actor_cache::ActorCache::new(app::auth::actor_cache::DEFAULT_TTL)),
        recent_counts: Arc::new(app::listing_sql::RecentCounts::standard()),
        trusted_proxies: config.trusted_proxies.clone(),
        public_origin: config.public_origin.to_string(),
        exports: app::state::export_slots(),
        notifications: Default::default(),
    });
    warn_about_demo_accounts(&state).await;
    // Every instance hears whose access another one ended, and drops what it cached of them.
    let listen_pool = db::listen_pool(config.database_listen_url.as_ref(), &state.pool, &config.db).await?;
    let listening = tokio::spawn({
        let (actors, listen_pool) = (state.actors.clone(), listen_pool.clone());
        async move { actors.listen(listen_pool).await }
    });
    // Every instance passes on whose notifications changed, whichever instance changed them.
    let notifying = tokio::spawn({
        let hub = state.notifications.clone();
        async move { hub.listen(listen_pool).await }
    });
    let announcing =
        tokio::spawn(app::notifications::service::announce_periodically(state.clone(), config.mailer.clone()));
    if config.mailer.is_none() {
        tracing::info!("no SMTP_URL: notifications stay in the app, nothing is e-mailed");
    }
    let purge = tokio::spawn(app::rgpd::service::purge_periodically(state.clone()));
    let store = router::session_store(&state);
    let cleanup = tokio::spawn(tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
        store,
        tokio::time::Duration::from_secs(600),
    ));
    let jwt_key = config.jwt_key.clone().unwrap_or_else(|| {
        tracing::warn!("no JWT_SIGNING_KEY_FILE: API tokens are signed, and generated passwords sealed, with a random key of this process (another instance refuses those tokens and cannot show those passwords)");
        JwtKey::random()
    });
    tracing::info!(origin = %config.public_origin, "state-changing requests are accepted from this origin only");
    let options = RouterOptions {
        secure_cookies: config.secure_cookies,
        public_origin: config.public_origin.clone(),
        jwt_key,
        api_docs_dir: config.api_docs_dir.clone(),
    };
    let hub = state.notifications.clone();
    let app = router::build(state, options);
    // Without TCP_NODELAY, small responses wait on delayed ACKs (about 40 ms each).
    let listener = tokio::net::TcpListener::bind(config.bind).await?.tap_io(|tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
    });
    tracing::info!(address = %config.bind, "listening on http://{}", config.bind);
    // On SIGTERM or Ctrl-C: stop accepting, let the requests in flight finish, but for
    // `SHUTDOWN_GRACE` at most (a stuck request must not keep a deploy waiting).
    let stopping = Arc::new(tokio::sync::Notify::new());
    let server = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown({
            let stopping = stopping.clone();
            async move {
                shutdown_signal().await;
                // Open bells end their streams now, instead of holding the shutdown for its grace.
                hub.close();
                stopping.notify_one();
            }
        })
        .into_future();
    tokio::select! {
        served = server => served?,
        () = async {
            stopping.notified().await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => tracing::warn!(grace = ?SHUTDOWN_GRACE, "requests still in flight after the grace period: stopping anyway"),
    }
    cleanup.abort();
    listening.abort();
    notifying.abort();
    announcing.abort();
    purge.abort();
    tracing::info!("stopped");
    Ok(())
}

/// Says loudly, at every start, that demo accounts open with the published demo password.
async fn warn_about_demo_accounts(state: &AppState) {
    match demo::demo_accounts_with_demo_password(&state.pool, &state.hasher).await {
        Ok(open) if open.is_empty() => {}
        Ok(open) => {
            let banner = "*".repeat(78);
            tracing::warn!(
                accounts = %open.join(", "),
                "\n{banner}\n  DEMO ACCOUNTS ARE OPEN with the published demo password ({}).\n  Fine for a demo; on a \
                 real deployment deactivate them or change their passwords now.\n{banner}",
                open.len()
            );
        }
        Err(error) => tracing::warn!(%error, "could not check for demo accounts"),
    }
}

/// How long requests in flight may take to finish once the server is told to stop.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(20);

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn migrate() -> Result<()> {
    let url = required_secret("DATABASE_OWNER_URL").or_else(|_| required_secret("DATABASE_URL"))?;
    let role = std::env::var("APP_DB_ROLE").unwrap_or_else(|_| "epic_app".to_owned());
    let pool = db::connect_owner(&url).await?;
    db::migrate(&pool, &role).await?;
    println!("migrations applied; role {role} may read and write the app's tables");
    Ok(())
}

async fn seed_demo() -> Result<()> {
    let pool = db::connect(&required_secret("DATABASE_URL")?, &db::PoolSettings::with_max_connections(2)).await?;
    let created = demo::seed_demo(&pool, &hasher(2)).await?;
    println!("demo data loaded ({created} new accounts)");
    Ok(())
}

async fn purge() -> Result<()> {
    let pool = db::connect(&required_secret("DATABASE_URL")?, &db::PoolSettings::with_max_connections(2)).await?;
    let purged = app::rgpd::repo::purge(&pool, chrono::Utc::now()).await?;
    println!(
        "purged: {} sign-in attempts, {} sessions' address and browser, {} security events",
        purged.attempts, purged.sessions, purged.security_events
    );
    Ok(())
}

async fn create_admin(args: &[String]) -> Result<()> {
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .ok_or(format!("{name} is required\n{USAGE}"))
    };
    let new = NewCollaborator::parse(
        &flag("--employee-number")?,
        &flag("--name")?,
        &flag("--email")?,
        Department::Management,
    )
    .map_err(describe)?;
    let password = admin_password()?;
    check_new_password(password.expose_secret())?;
    let pool = db::connect(&required_secret("DATABASE_URL")?, &db::PoolSettings::with_max_connections(2)).await?;
    let hash = hasher(1).hash(password).await.map_err(describe)?;
    let id = app::collaborators::repo::insert(&pool, &new, &hash).await.map_err(describe)?;
    app::monitoring::collaborator_created(id, Department::Management);
    println!("management account {} created ({id})", new.email);
    Ok(())
}

fn admin_password() -> Result<SecretString> {
    if let Ok(password) = std::env::var("EPIC_ADMIN_PASSWORD") {
        return Ok(password.into());
    }
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned().into());
    }
    let first = rpassword::prompt_password(app::i18n::fr::CLI_PASSWORD_PROMPT)?;
    let second = rpassword::prompt_password(app::i18n::fr::CLI_CONFIRM_PROMPT)?;
    if first != second {
        return Err("the two passwords differ".into());
    }
    Ok(first.into())
}
