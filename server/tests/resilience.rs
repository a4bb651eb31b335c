//! The server rides through what happens around it: other routers being built in the same
//! process, database connections that die, a database that is down.

mod common;

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
