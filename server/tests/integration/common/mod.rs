//! Test harness: the real router on a fresh database (one per test, made by `#[sqlx::test]`),
//! reached in-process, with a clock the test moves by hand.

pub mod api;
pub mod records;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::ConnectInfo;
use chrono::{TimeZone, Utc};
use http::{HeaderMap, Method, Request, StatusCode, header};
use sqlx::PgPool;
use sqlx::postgres::PgConnectOptions;
use tower::ServiceExt;

use app::auth::actor_cache::{self, ActorCache};
use app::auth::client_addr::TrustedProxies;
use app::auth::password::{PasswordHasher, owasp_params};
use app::clock::ManualClock;
use app::collaborators::reveal::PasswordSeal;
use app::state::{AppParts, AppState};
use server::api::jwt::JwtKey;
use server::db;
use server::middleware::cross_site::PublicOrigin;
use server::router::{self, RouterOptions};

pub const HOST: &str = "127.0.0.1:3000";
pub const ORIGIN: &str = "http://127.0.0.1:3000";
pub const PASSWORD: &str = server::demo::DEMO_PASSWORD;
/// The notifications stream's last event when there is no session, as sent: with data, which
/// browsers need to dispatch it.
pub const SESSION_ENDED: &str = "event: session_ended\ndata: 1\n\n";

pub struct TestApp {
    pub router: Router,
    /// The server's password hasher, to fill its queue by hand.
    pub hasher: Arc<PasswordHasher>,
    /// The migration owner, for assertions the app role could not make.
    pub owner: PgPool,
    /// The application role's pool, as the server uses it.
    pub pool: PgPool,
    pub clock: Arc<ManualClock>,
    pub state: AppState,
    keys: SharedKeys,
}

/// The secrets deployed instances share (`JWT_SIGNING_KEY_FILE`): the token signing key and the
/// seal of generated passwords derived from it.
#[derive(Clone)]
struct SharedKeys {
    jwt: JwtKey,
    seal: Arc<PasswordSeal>,
}

impl SharedKeys {
    fn random() -> Self {
        SharedKeys { jwt: JwtKey::random(), seal: Arc::new(PasswordSeal::random()) }
    }
}

fn router_options(jwt_key: &JwtKey, secure_cookies: bool) -> RouterOptions {
    RouterOptions {
        secure_cookies,
        public_origin: PublicOrigin::parse(ORIGIN).unwrap(),
        jwt_key: jwt_key.clone(),
        api_docs_dir: concat!(env!("CARGO_MANIFEST_DIR"), "/../", "api-docs/node_modules/swagger-ui-dist").to_owned(),
    }
}

/// Connection options of the application role (from `TEST_APP_URL`) on the test's database.
pub fn app_role_options(owner: &PgPool) -> PgConnectOptions {
    let app_url = std::env::var("TEST_APP_URL").expect("TEST_APP_URL names the application role (see scripts/test)");
    let app: PgConnectOptions = app_url.parse().expect("TEST_APP_URL is a PostgreSQL URL");
    let database = owner.connect_options().get_database().expect("sqlx::test names the database").to_owned();
    db::session_settings(app.database(&database))
}

/// What a test may set differently from the local demo's configuration.
pub struct TestOptions {
    pub secure_cookies: bool,
    pub trusted_proxies: TrustedProxies,
    /// Hashes waiting beyond the two running before sign-ins answer 503.
    pub hashing_queue: usize,
    /// A read replica for the lists (`DATABASE_READ_URL`).
    pub replica: Option<PgPool>,
    /// Where the static files are (`LEPTOS_SITE_ROOT`), when the test brings its own.
    pub site_root: Option<String>,
}

impl Default for TestOptions {
    fn default() -> Self {
        TestOptions {
            secure_cookies: false,
            trusted_proxies: TrustedProxies::default(),
            hashing_queue: 64,
            replica: None,
            site_root: None,
        }
    }
}

impl TestApp {
    /// The app on a fresh database, its pool set up as the server's (`db::pool_options`).
    pub async fn spawn(owner: PgPool) -> TestApp {
        TestApp::spawn_with(owner, TestOptions::default()).await
    }

    pub async fn spawn_with(owner: PgPool, test: TestOptions) -> TestApp {
        db::grant_app_role(&owner, "epic_app").await.expect("grant the app role");
        let pool = db::pool_options(4).connect_with(app_role_options(&owner)).await.unwrap();
        let hasher = Arc::new(PasswordHasher::new(owasp_params(), 2, test.hashing_queue));
        server::demo::seed_demo(&pool, &hasher).await.expect("demo data");
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 12, 9, 0, 0).unwrap());
        TestApp::instance(owner, pool, clock, hasher, SharedKeys::random(), test)
    }

    /// Another instance of the server on the same database, sharing nothing with this one but
    /// PostgreSQL (and the token signing key, as deployed instances do).
    pub async fn second_instance(&self) -> TestApp {
        let pool = db::pool_options(4).connect_with(app_role_options(&self.owner)).await.unwrap();
        let test = TestOptions::default();
        let hasher = Arc::new(PasswordHasher::new(owasp_params(), 2, test.hashing_queue));
        TestApp::instance(self.owner.clone(), pool, self.clock.clone(), hasher, self.keys.clone(), test)
    }

    /// Another instance whose database cannot be reached (nothing listens at its address), as
    /// while PostgreSQL is down; its pool gives up after `acquire_timeout`.
    pub fn instance_without_database(&self, acquire_timeout: std::time::Duration) -> TestApp {
        let closed_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let options = app_role_options(&self.owner).host("127.0.0.1").port(closed_port);
        let pool = db::pool_options(2).acquire_timeout(acquire_timeout).connect_lazy_with(options);
        let test = TestOptions::default();
        let hasher = Arc::new(PasswordHasher::new(owasp_params(), 2, test.hashing_queue));
        TestApp::instance(self.owner.clone(), pool, self.clock.clone(), hasher, self.keys.clone(), test)
    }

    /// Ends every connection of the application role to this database (as a PostgreSQL restart
    /// or failover does), from a connection of its own, and waits until they are gone.
    /// Returns how many were ended.
    pub async fn end_app_connections(&self) -> usize {
        use sqlx::Connection;
        let mut own = sqlx::PgConnection::connect_with(&app_role_options(&self.owner)).await.unwrap();
        let ended: Vec<bool> = sqlx::query_scalar(
            "select pg_terminate_backend(pid, 5000) from pg_stat_activity
             where usename = current_user and datname = current_database() and pid <> pg_backend_pid()",
        )
        .fetch_all(&mut own)
        .await
        .unwrap();
        own.close().await.unwrap();
        assert!(ended.iter().all(|&gone| gone), "every connection ended within 5 s");
        ended.len()
    }

    fn instance(
        owner: PgPool,
        pool: PgPool,
        clock: Arc<ManualClock>,
        hasher: Arc<PasswordHasher>,
        keys: SharedKeys,
        test: TestOptions,
    ) -> TestApp {
        let mut leptos_options = leptos::config::get_configuration(None).unwrap().leptos_options;
        if let Some(site_root) = test.site_root {
            leptos_options.site_root = site_root.into();
        }
        let state = AppState::new(AppParts {
            leptos_options,
            replica: test.replica,
            pool: pool.clone(),
            clock: clock.clone(),
            hasher: hasher.clone(),
            password_seal: keys.seal.clone(),
            actors: Arc::new(ActorCache::new(actor_cache::DEFAULT_TTL)),
            recent_counts: Arc::new(app::listing_sql::RecentCounts::standard()),
            trusted_proxies: test.trusted_proxies,
            public_origin: ORIGIN.to_owned(),
            exports: app::state::export_slots(),
            notifications: Default::default(),
        });
        let router = router::build(state.clone(), router_options(&keys.jwt, test.secure_cookies));
        TestApp { router, hasher, owner, pool, clock, state, keys }
    }

    /// Builds more routers of this instance's state, as other tests of the process (or a
    /// restarting server) do, from another thread.
    pub fn router_builder(&self) -> impl Fn() -> Router + Send + 'static {
        let (state, jwt_key) = (self.state.clone(), self.keys.jwt.clone());
        move || router::build(state.clone(), router_options(&jwt_key, false))
    }

    /// Caches API token holders as `serve` does, listening for ended access; returns once
    /// listening. Without it, every API call reads the collaborator from the database.
    pub async fn listen_for_ended_access(&self) {
        self.listen_for_ended_access_through(self.pool.clone()).await;
    }

    /// Listens as `listen_for_ended_access`, through `pool` (as `serve` with `DATABASE_LISTEN_URL`).
    pub async fn listen_for_ended_access_through(&self, pool: PgPool) {
        let actors = self.state.actors.clone();
        tokio::spawn(async move { actors.listen(pool).await });
        until_listening(|| self.state.actors.is_listening(), "the access listener").await;
    }

    /// Passes on notifications heard through PostgreSQL to this instance's open bells, as
    /// `serve` does; returns once listening.
    pub async fn listen_for_notifications(&self) {
        let (hub, pool) = (self.state.notifications.clone(), self.pool.clone());
        tokio::spawn(async move { hub.listen(pool).await });
        until_listening(|| self.state.notifications.is_listening(), "the notification listener").await;
    }

    pub fn client(&self) -> Client<'_> {
        self.client_from(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10)))
    }

    pub fn client_from(&self, ip: IpAddr) -> Client<'_> {
        Client { app: self, cookie: None, ip }
    }

    /// A number the test reads straight from the database, as the owner.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(&self.owner).await.unwrap()
    }

    /// A browser already signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> Client<'_> {
        let mut browser = self.client();
        browser.sign_in_ok(email).await;
        browser
    }

    pub async fn collaborator_id(&self, email: &str) -> uuid::Uuid {
        sqlx::query_scalar("select id from collaborator where email = $1")
            .bind(email)
            .fetch_one(&self.owner)
            .await
            .unwrap()
    }
}

/// Waits (5 s at most) until a listener spawned by the test says it listens.
async fn until_listening(listening: impl Fn() -> bool, what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !listening() {
        assert!(std::time::Instant::now() < deadline, "{what} did not start");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent (a download that is not text: a PDF).
    pub bytes: Vec<u8>,
}

impl TestResponse {
    /// The id at the end of the redirect a successful create answers with
    /// (`/clients/<id>?ok=created`).
    pub fn created_id(&self) -> uuid::Uuid {
        let location = self.location().unwrap_or_else(|| panic!("no redirect: {} {}", self.status, self.body));
        let path = location.split('?').next().unwrap();
        path.rsplit('/').next().unwrap().parse().unwrap()
    }

    pub fn location(&self) -> Option<&str> {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A browser, reduced to what the tests need: one session cookie, a peer address, same-origin
/// headers on its form posts.
pub struct Client<'a> {
    app: &'a TestApp,
    pub cookie: Option<String>,
    ip: IpAddr,
}

impl<'a> Client<'a> {
    /// A browser of `app` presenting `cookie` (a session opened elsewhere, e.g. on another instance).
    pub fn with_cookie(app: &'a TestApp, cookie: Option<String>) -> Client<'a> {
        Client { app, cookie, ip: IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10)) }
    }

    pub async fn send(&mut self, mut request: Request<Body>) -> TestResponse {
        let headers = request.headers_mut();
        headers.entry(header::HOST).or_insert(HOST.parse().unwrap());
        if let Some(cookie) = &self.cookie {
            headers.insert(header::COOKIE, cookie.parse().unwrap());
        }
        request.extensions_mut().insert(ConnectInfo(SocketAddr::new(self.ip, 50_000)));
        let response = self.app.router.clone().oneshot(request).await.unwrap();
        for set_cookie in response.headers().get_all(header::SET_COOKIE) {
            let text = set_cookie.to_str().unwrap();
            let pair = text.split(';').next().unwrap().trim().to_owned();
            let removed = text.contains("Max-Age=0") || pair.ends_with('=');
            self.cookie = if removed { None } else { Some(pair) };
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = to_bytes(response.into_body(), 10 * 1024 * 1024).await.unwrap();
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        let request = Request::get(path).header(header::ACCEPT, "text/html").body(Body::empty()).unwrap();
        self.send(request).await
    }

    /// A server function call as the hydrated app makes it (JSON answers, no redirects).
    pub async fn call(&mut self, function: &str, form: &[(&str, &str)]) -> TestResponse {
        let request = form_request(function, form).header(header::ORIGIN, ORIGIN).body(encode(form)).unwrap();
        self.send(request).await
    }

    /// `call` with extra headers (`X-Forwarded-For`…).
    pub async fn call_with_headers(
        &mut self,
        function: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let mut request = form_request(function, form).header(header::ORIGIN, ORIGIN);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(encode(form)).unwrap()).await
    }

    /// A reading server function, as the hydrated app calls it: GET, the arguments in the query
    /// string (reads are GETs, so a read that met a lost database connection is answered again).
    pub async fn read(&mut self, function: &str, args: &[(&str, &str)]) -> TestResponse {
        let uri = if args.is_empty() { function.to_owned() } else { format!("{function}?{}", form_body(args)) };
        let request = Request::get(uri).header(header::ACCEPT, "application/json").body(Body::empty()).unwrap();
        self.send(request).await
    }

    /// `read` with owned values, for arguments built at run time.
    pub async fn read_owned(&mut self, function: &str, args: &[(&str, String)]) -> TestResponse {
        let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.read(function, &refs).await
    }

    /// `call` with owned values, for forms built at run time.
    pub async fn call_owned(&mut self, function: &str, form: &[(&str, String)]) -> TestResponse {
        let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.call(function, &refs).await
    }

    /// The same form posted by a browser without JavaScript (answers are redirects).
    pub async fn post_plain_form(&mut self, function: &str, form: &[(&str, &str)], referer: &str) -> TestResponse {
        let request = form_request(function, form)
            .header(header::ORIGIN, ORIGIN)
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, format!("{ORIGIN}{referer}"))
            .body(encode(form))
            .unwrap();
        self.send(request).await
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> TestResponse {
        self.call("/api/sign_in", &[("email", email), ("password", password)]).await
    }

    pub async fn sign_in_ok(&mut self, email: &str) {
        let response = self.sign_in(email, PASSWORD).await;
        assert_eq!(response.status, StatusCode::OK, "sign-in of {email}: {}", response.body);
    }

    pub async fn sign_out(&mut self) -> TestResponse {
        self.call("/api/sign_out", &[]).await
    }
}

fn form_request(path: &str, _form: &[(&str, &str)]) -> http::request::Builder {
    Request::builder().method(Method::POST).uri(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
}

/// A form body, as a browser encodes it.
pub fn form_body(form: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish()
}

fn encode(form: &[(&str, &str)]) -> Body {
    Body::from(form_body(form))
}
