//! "Exporter (CSV)": every row of a list with its filters and sort, in the format French
//! spreadsheets open (BOM, `;`, decimal comma, JJ/MM/AAAA), formulas neutralised, in the
//! security log; refused without a session or with bad parameters.

use crate::common;

use http::StatusCode;
use uuid::Uuid;

use app::i18n::fr as t;
use common::records::*;
use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";

async fn export(browser: &mut Client<'_>, path: &str) -> (String, Vec<Vec<String>>) {
    let response = browser.get(path).await;
    assert_eq!(response.status, StatusCode::OK, "{path}: {}", response.body);
    assert_eq!(response.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(response.header("content-disposition").unwrap().starts_with("attachment; filename="));
    let body = response.body.strip_prefix('\u{feff}').expect("a BOM first").to_owned();
    let rows = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (body, rows)
}

/// Events of `contract` straight in the table (many of them, quickly): `rows` is the `select`
/// or `values` giving them, `$1` the contract and `$2` its client.
async fn insert_events(app: &TestApp, contract: Uuid, client: Uuid, rows: &str) {
    let sql = format!(
        "insert into event (contract_id, client_id, title, starts_at, ends_at, location, attendees, notes) {rows}"
    );
    sqlx::query(&sql).bind(contract).bind(client).execute(&app.owner).await.unwrap();
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_list_exports_all_its_rows_with_its_filters_in_french_spreadsheet_format(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "=HYPERLINK(\"http://x\")", "formule@exemple.fr").await.created_id();
    let contract = create_contract(&mut seller, client, "1234,50", "234,50").await.created_id();
    assert_eq!(sign(&mut seller, contract, 1).await.status, StatusCode::OK);
    // Thirty events (more than a page) starting on a day of their own, and one the day after.
    insert_events(
        &app,
        contract,
        client,
        "select $1, $2, 'Atelier export ' || n, '2027-05-10 08:00Z'::timestamptz + n * interval '1 minute',
                '2027-05-10 20:00Z', 'Salle Export', n, ''
         from generate_series(1, 30) n",
    )
    .await;
    insert_events(
        &app,
        contract,
        client,
        "values ($1, $2, 'Atelier export lendemain', '2027-05-11 08:00Z', '2027-05-11 20:00Z', 'Salle', 1, '')",
    )
    .await;

    let (_, rows) = export(&mut seller, "/export/clients.csv?mine=1&q=formule").await;
    assert_eq!(rows[0][0], t::FULL_NAME, "the header names the columns as the page does");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "'=HYPERLINK(\"http://x\")", "a formula is written as text");
    assert_eq!(rows[1][1], "formule@exemple.fr");

    let (_, rows) = export(&mut seller, "/export/contrats.csv?mine=1&q=formule").await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    let row = &rows[1];
    assert_eq!((row[3].as_str(), row[4].as_str(), row[5].as_str()), ("1234,50", "234,50", "oui"), "{row:?}");
    assert!(row[6].len() == 10 && row[6].as_bytes()[2] == b'/' && row[6].as_bytes()[5] == b'/', "JJ/MM/AAAA: {row:?}");

    let (body, rows) =
        export(&mut seller, "/export/evenements.csv?q=atelier+export&from=2027-05-10&to=2027-05-10&sort=-attendees")
            .await;
    assert_eq!(rows.len(), 31, "every page: the header and thirty events");
    assert_eq!(rows[1][0], "Atelier export 30", "the list's sort");
    assert_eq!(rows[1][1], "10/05/2027 10:30", "Paris time");
    assert!(!body.contains("lendemain"), "the list's filters");
    assert!(body.contains("\r\n"), "lines end as spreadsheets expect");

    let logged: Vec<String> = sqlx::query_scalar(
        "select detail from security_event where kind = 'list_exported' and actor_id = $1 order by id",
    )
    .bind(app.collaborator_id(SALES).await)
    .fetch_all(&app.owner)
    .await
    .unwrap();
    assert_eq!(logged.len(), 3);
    assert_eq!(logged[0], "/clients?mine=1&q=formule", "who exported which list");
    assert!(seller.get("/evenements?q=atelier").await.body.contains("/export/evenements.csv?q=atelier"), "the link");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_export_needs_a_session_and_good_parameters(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let anonymous = app.client().get("/export/clients.csv").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "to sign in first, as any page");
    assert!(anonymous.location().unwrap().starts_with("/connexion"), "{:?}", anonymous.location());
    assert!(!anonymous.body.contains(';'), "no rows");
    let mut seller = app.signed_in(SALES).await;
    for path in
        ["/export/clients.csv?page=-1", "/export/evenements.csv?from=hier", "/export/contrats.csv?sort=password_hash"]
    {
        assert_eq!(seller.get(path).await.status, StatusCode::BAD_REQUEST, "{path}");
    }
    assert_eq!(seller.get("/export/journal.csv").await.status, StatusCode::FORBIDDEN, "the journal: management only");
    let exported = "select count(*) from security_event where kind = 'list_exported'";
    assert_eq!(app.count(exported).await, 0, "nothing exported, nothing logged");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn mes_relances_export_as_the_page_lists_them(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Relancé", "relance.export@exemple.fr").await.created_id();
    let form = [
        ("on", "client"),
        ("record_id", &client.to_string()),
        ("form[title]", "=Rappeler"),
        ("form[due_on]", "2026-03-20"),
        ("form[owner_id]", ""),
    ];
    assert_eq!(seller.call("/api/add_follow_up", &form).await.status, StatusCode::OK);
    assert!(seller.get("/relances").await.body.contains("/export/relances.csv"), "the link");
    let (_, rows) = export(&mut seller, "/export/relances.csv").await;
    let row = rows.iter().find(|r| r[0] == "'=Rappeler").expect("my follow-up, as text");
    assert_eq!((row[1].as_str(), row[3].as_str(), row[4].as_str()), ("20/03/2026", "Client Relancé", t::CLIENT));
    assert_eq!(seller.get("/export/relances.csv?equipe=1").await.status, StatusCode::FORBIDDEN, "management only");
    let mut manager = app.signed_in("gestion@epic-events.fr").await;
    let (_, team) = export(&mut manager, "/export/relances.csv?equipe=1").await;
    assert!(!team.iter().any(|r| r[0] == "'=Rappeler"), "not overdue yet");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn management_exports_the_audit_journal_with_its_filters(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let client = create_client(&mut seller, "Client Journal", "journal.export@exemple.fr").await.created_id();
    assert_eq!(create_contract(&mut seller, client, "1000", "1000").await.status, StatusCode::OK);
    let mut manager = app.signed_in("gestion@epic-events.fr").await;
    assert!(manager.get("/administration/journal").await.body.contains("/export/journal.csv"), "the link");
    let seller_id = app.collaborator_id(SALES).await;
    let (_, rows) = export(&mut manager, &format!("/export/journal.csv?actor={seller_id}&entity=contract")).await;
    assert_eq!(rows[0][0], t::AUDIT_WHEN);
    let row = rows.iter().find(|r| r[4] == "Client Journal").expect("the contract's creation");
    assert_eq!((row[1].as_str(), row[3].as_str()), ("Camille Commerce", t::CONTRACT), "{row:?}");
    assert!(row[5].contains(&format!("{} : ", t::TOTAL)), "its changes: {row:?}");
    assert!(rows.iter().skip(1).all(|r| r[3] == t::CONTRACT), "the filters");
}

/// Each export holds a database connection while its client reads: an instance streams two at
/// once, a third is asked to come back, and a client that leaves gives its place back.
#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn an_instance_streams_two_exports_at_once(owner: sqlx::PgPool) {
    use tower::ServiceExt;
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "export.long@exemple.fr").await;
    let client = client_of(&app, contract).await;
    // More rows than the chunks that wait for a reader: an unread export stays open.
    let rows = "select $1, $2, 'Export long ' || n, '2027-06-01 08:00Z', '2027-06-01 20:00Z', 'Salle', 1, ''
         from generate_series(1, 8000) n";
    insert_events(&app, contract, client, rows).await;
    let cookie = seller.cookie.clone().unwrap();
    let open = |path: &'static str| {
        let request = http::Request::get(path)
            .header(http::header::COOKIE, cookie.clone())
            .header(http::header::HOST, "127.0.0.1:3000")
            .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from(([192, 0, 2, 10], 50_000))))
            .body(axum::body::Body::empty())
            .unwrap();
        app.router.clone().oneshot(request)
    };
    let first = open("/export/evenements.csv").await.unwrap();
    let second = open("/export/evenements.csv").await.unwrap();
    assert_eq!((first.status(), second.status()), (StatusCode::OK, StatusCode::OK));
    assert_eq!(seller.get("/export/clients.csv").await.status, StatusCode::SERVICE_UNAVAILABLE, "a third waits");
    drop((first, second));
    // The two readers left: their tasks see it at their next chunk and give their places back.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let status = seller.get("/export/clients.csv").await.status;
        if status == StatusCode::OK {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the places were not given back: {status}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
