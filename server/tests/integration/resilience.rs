//! The server rides through what happens around it: other routers being built in the same
//! process, database connections that die, a database that is down.

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use http::StatusCode;
use sqlx::PgPool;

use common::TestApp;

const SUPPORT: &str = "support@epic-events.fr";

/// Longer than any page takes here, by far; a page that has not answered by then never will.
const PAGE_DEADLINE: Duration = Duration::from_secs(15);

/// Stops a background loop when the test ends, whether it passes or fails.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Generating Leptos's route list (which `router::build` needs) sets a process-wide flag that
/// parks, for good, every resource whose future is first polled meanwhile (leptos #4773). Test
/// processes build a router per test while other tests render pages; a restarted router would
/// do the same to a live server. Pages must finish however many routers are built meanwhile.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn pages_finish_while_other_routers_are_built(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.signed_in(SUPPORT).await;
    let stop = Arc::new(AtomicBool::new(false));
    let _stop_builder = StopOnDrop(stop.clone());
    let build = app.router_builder();
    let runtime = tokio::runtime::Handle::current();
    let builder = std::thread::spawn(move || {
        let _runtime = runtime.enter();
        let mut built = 0;
        while !stop.load(Ordering::Relaxed) && built < 20_000 {
            drop(build());
            built += 1;
        }
        built
    });
    // Without the fix, one of the first few dozen pages hangs (measured: the 4th, 6th, 25th).
    for path in ["/clients", "/contrats", "/evenements"].repeat(20) {
        let page = tokio::time::timeout(PAGE_DEADLINE, browser.get(path))
            .await
            .unwrap_or_else(|_| panic!("{path} never finished while routers were being built"));
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
    }
    drop(_stop_builder);
    let built = builder.join().expect("the router builder did not panic");
    assert!(built > 0, "routers were built during the test");
}

/// The precondition of ending the app's connections: the pool holds some, idle or not. (Not
/// `num_idle`: sqlx gives a dropped connection back to the idle queue from a task of its own,
/// which the test's one thread may not have run yet; seen under load in CI.)
fn assert_pool_holds_connections(app: &TestApp) {
    assert!(app.pool.size() > 0, "the pool keeps connections");
}

/// After a restart or a failover of PostgreSQL, every pooled connection is dead. The next page
/// and the next API read still answer 200 at once: the read is answered again on a live
/// connection instead of failing (the pool does not check busy connections before use).
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn reads_succeed_the_first_time_after_the_database_ended_every_connection(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.signed_in(SUPPORT).await;
    let mut api = app.api_as(SUPPORT).await;
    assert_eq!(browser.get("/clients").await.status, StatusCode::OK);
    assert_pool_holds_connections(&app);

    assert!(app.end_app_connections().await > 0);
    let page = browser.get("/clients").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Kevin Casey"), "the list shows its clients");

    assert!(app.end_app_connections().await > 0);
    let list = api.get("/clients").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.json()["total"].as_i64().unwrap() > 0);

    assert!(app.end_app_connections().await > 0);
    let ready = browser.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK, "ready again at once: {}", ready.body);

    // The hydrated app's own reads are server functions: GETs too, so answered again alike.
    let client: String = sqlx::query_scalar("select id::text from client limit 1").fetch_one(&app.owner).await.unwrap();
    assert!(app.end_app_connections().await > 0);
    let read = browser.read("/api/get_client", &[("id", &client)]).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
}

/// A quiet server (nothing asked for a second) checks a pooled connection before using it, so
/// even a request that is never answered twice, such as a server function called by the
/// hydrated app, succeeds after the database ended every connection.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_quiet_server_checks_its_idle_connections_before_use(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.signed_in(SUPPORT).await;
    assert_pool_holds_connections(&app);
    assert!(app.end_app_connections().await > 0);
    // Not a retry: the precondition of the check (connections idle that long).
    tokio::time::sleep(server::db::CHECK_IF_IDLE_FOR + Duration::from_millis(100)).await;
    let me = browser.read("/api/current_user", &[]).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    assert!(me.body.contains("Sarah Support"), "{}", me.body);
}

/// While PostgreSQL is down, the server stays up and says so: pages answer a French 503 page,
/// the API a 503 problem, both with `Retry-After`, and `/readyz` says not ready.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn while_the_database_is_down_pages_the_api_and_readiness_answer_503(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let browser = app.signed_in(SUPPORT).await;
    let api = app.api_as(SUPPORT).await;
    let down = app.instance_without_database(Duration::from_millis(1500));

    let mut visitor = common::Client::with_cookie(&down, browser.cookie.clone());
    let page = visitor.get("/clients").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{}", page.body);
    assert_eq!(page.header("retry-after"), Some("5"));
    assert!(page.body.contains(app::i18n::fr::ERR_UNAVAILABLE_TITLE), "{}", page.body);
    assert!(!page.body.to_lowercase().contains("pool") && !page.body.contains("sqlx"), "no internals: {}", page.body);

    let mut caller = common::api::Api { client: down.client(), access: api.access.clone(), refresh: None };
    let list = caller.get("/clients").await;
    let problem = list.problem(StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(list.header("retry-after"), Some("5"));
    assert_eq!(problem["detail"], app::i18n::fr::ERR_UNAVAILABLE);

    let ready = visitor.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);

    // The hydrated app's server functions get the error as they decode it.
    let me = visitor.read("/api/current_user", &[]).await;
    assert_eq!(me.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(serde_json::from_str::<app::error::AppError>(&me.body).ok(), Some(app::error::AppError::Unavailable));

    // The healthy instance on the same process is untouched.
    let mut browser = browser;
    assert_eq!(browser.get("/clients").await.status, StatusCode::OK);
}

/// A record just written is read back for the API's answer. When that read meets a lost
/// connection, it is asked once more: the write is committed, and answering 503 ("nothing
/// changed") would be false. Other errors are answered as they are.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn reading_back_a_committed_write_is_asked_again_once_after_a_lost_connection(owner: PgPool) {
    use app::error::AppError;
    use std::sync::atomic::AtomicUsize;
    let app = TestApp::spawn(owner).await;
    let attempts = AtomicUsize::new(0);
    let read = || async {
        match attempts.fetch_add(1, Ordering::Relaxed) {
            0 => Err(AppError::Unavailable),
            n => Ok(n),
        }
    };
    assert_eq!(server::api::read_back(&app.state, read).await, Ok(1));
    assert_eq!(attempts.load(Ordering::Relaxed), 2, "asked twice");

    let forbidden = AtomicUsize::new(0);
    let refused = || async {
        forbidden.fetch_add(1, Ordering::Relaxed);
        Err::<(), _>(AppError::Forbidden)
    };
    assert_eq!(server::api::read_back(&app.state, refused).await, Err(AppError::Forbidden));
    assert_eq!(forbidden.load(Ordering::Relaxed), 1, "asked once");
}

/// A write that meets a lost connection is never run twice by the server: it answers 503 with
/// `Retry-After`, changes nothing, and the same write sent again succeeds once.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_write_on_a_lost_connection_answers_503_changes_nothing_and_succeeds_when_sent_again(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut api = app.api_as("commercial@epic-events.fr").await;
    let client = serde_json::json!({
        "full_name": "Client Panne", "email": "client.panne@exemple.fr",
        "phone": "06 12 34 56 78", "company_name": "Panne SA",
    });
    let stored = "select count(*) from client where email = 'client.panne@exemple.fr'";
    assert_pool_holds_connections(&app);

    assert!(app.end_app_connections().await > 0);
    let failed = api.post("/clients", client.clone()).await;
    failed.problem(StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(failed.header("retry-after"), Some("5"));
    assert_eq!(app.count(stored).await, 0, "nothing written");

    let created = api.post("/clients", client).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(app.count(stored).await, 1, "written once");
}
