//! Notifications: who hears of what (never the collaborator who acted), the bell's count live
//! over server-sent events on another instance, opening and reading (one's own only), what the
//! clock brings said once, the REST API, and the daily e-mail digest sent to a local SMTP sink.

use crate::common;

use std::time::Duration as StdDuration;

use axum::body::Body;
use chrono::{Duration, TimeZone, Utc};
use futures_util::StreamExt;
use http::{Request, StatusCode, header};
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

use common::records::*;
use common::{Client, HOST, SESSION_ENDED, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const SUPPORT2: &str = "support2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

/// `(kind, changed)` of the notifications of `email` about `record` (an event, a contract or
/// a follow-up), oldest first (those of one instant of the test clock in no set order).
async fn notified(app: &TestApp, email: &str, record: Uuid) -> Vec<(String, Vec<String>)> {
    sqlx::query_as(
        "select n.kind, n.changed from notification n join collaborator c on c.id = n.recipient_id
          where c.email = $1 and $2 in (n.event_id, n.contract_id, n.follow_up_id) order by n.created_at, n.id",
    )
    .bind(email)
    .bind(record)
    .fetch_all(&app.owner)
    .await
    .unwrap()
}

async fn unread_of(app: &TestApp, email: &str) -> i64 {
    app.count(&format!(
        "select count(*) from notification n join collaborator c on c.id = n.recipient_id
          where c.email = '{email}' and n.read_at is null"
    ))
    .await
}

/// A signed contract of the demo salesperson's new client, with an event (no support yet).
async fn event_of_sales(app: &TestApp) -> (Uuid, Uuid) {
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(app, &mut seller, "gala@exemple.fr").await;
    let event = create_event(&mut seller, contract, "Gala des notifications").await.created_id();
    (contract, event)
}

async fn assign(manager: &mut Client<'_>, app: &TestApp, event: Uuid, support: &str) -> StatusCode {
    let support = app.collaborator_id(support).await.to_string();
    let version = version_of(app, "event", event).await.to_string();
    let form = [("id", event.to_string()), ("version", version), ("support_contact_id", support)];
    manager.call_owned("/api/assign_event_support", &form).await.status
}

async fn update_event(browser: &mut Client<'_>, app: &TestApp, event: Uuid, changes: &[(&'static str, &str)]) {
    let mut form = event_form("Gala des notifications");
    for (name, value) in changes {
        form.retain(|(n, _)| n != name);
        form.push((name, (*value).to_owned()));
    }
    form.push(("id", event.to_string()));
    form.push(("version", version_of(app, "event", event).await.to_string()));
    let response = browser.call_owned("/api/update_event", &form).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_people_of_a_record_hear_of_what_others_do_to_it(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let (contract, event) = event_of_sales(&app).await;
    assert!(notified(&app, SALES, contract).await.is_empty(), "signing one's own contract says nothing to oneself");

    let mut manager = app.signed_in(MANAGER).await;
    assert_eq!(assign(&mut manager, &app, event, SUPPORT).await, StatusCode::OK);
    assert_eq!(notified(&app, SUPPORT, event).await, vec![("event_assigned".to_owned(), vec![])]);
    assert!(notified(&app, SALES, event).await.is_empty(), "an assignment is news for the support only");

    // The support moves the event and changes its place: the sales contact hears which fields,
    // the support (who did it) hears nothing; new notes alone are no news.
    let mut support = app.signed_in(SUPPORT).await;
    let mut changes = vec![
        ("form[starts_at]", "2027-03-13T14:00"),
        ("form[ends_at]", "2027-03-13T23:00"),
        ("form[location]", "Château de Blois"),
    ];
    update_event(&mut support, &app, event, &changes).await;
    changes.push(("form[notes]", "Traiteur confirmé"));
    update_event(&mut support, &app, event, &changes).await;
    assert_eq!(
        notified(&app, SALES, event).await,
        vec![("event_changed".to_owned(), vec!["dates".to_owned(), "location".to_owned()])]
    );
    assert_eq!(notified(&app, SUPPORT, event).await.len(), 1, "only the assignment");

    // Reassigned: the new support hears of it, and of later changes; the former one no more.
    assert_eq!(assign(&mut manager, &app, event, SUPPORT2).await, StatusCode::OK);
    let mut support2 = app.signed_in(SUPPORT2).await;
    changes.push(("form[attendees]", "150"));
    update_event(&mut support2, &app, event, &changes).await;
    assert_eq!(notified(&app, SUPPORT2, event).await, vec![("event_assigned".to_owned(), vec![])]);
    assert_eq!(notified(&app, SUPPORT, event).await.len(), 1);
    let heard = notified(&app, SALES, event).await;
    assert_eq!(heard.len(), 2);
    assert!(heard.contains(&("event_changed".to_owned(), vec!["attendees".to_owned()])), "{heard:?}");

    // Management signs and settles another contract of the salesperson's client.
    let client = client_of(&app, contract).await;
    let mut seller = app.signed_in(SALES).await;
    let second = create_contract(&mut seller, client, "2000", "500").await.created_id();
    assert_eq!(sign(&mut manager, second, 1).await.status, StatusCode::OK);
    let settled = record_payment(&mut manager, second, "500").await;
    assert!(settled.location().is_some(), "{}", settled.body);
    let mut kinds: Vec<String> = notified(&app, SALES, second).await.into_iter().map(|(kind, _)| kind).collect();
    kinds.sort();
    assert_eq!(kinds, ["contract_paid", "contract_signed"]);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_notification_opens_its_record_once_read_and_is_nobody_elses(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let (_, event) = event_of_sales(&app).await;
    let mut manager = app.signed_in(MANAGER).await;
    assign(&mut manager, &app, event, SUPPORT).await;
    let id: Uuid = sqlx::query_scalar("select id from notification where event_id = $1")
        .bind(event)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let before = unread_of(&app, SUPPORT).await;

    let mut support = app.signed_in(SUPPORT).await;
    let bell = support.get("/").await;
    assert!(bell.body.contains(&format!("Notifications : {before} non lues")), "the bell's count");
    let page = support.get("/notifications").await.body.replace("<!>", "");
    assert!(page.contains("Gabrielle Gestion vous a confié l’événement « Gala des notifications »"), "{page}");

    // Another collaborator cannot open (nor learn of) it.
    let mut other = app.signed_in(SUPPORT2).await;
    let refused = other.call("/api/open_notification", &[("id", &id.to_string())]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert_eq!(unread_of(&app, SUPPORT).await, before, "still unread");
    let bad = other.call("/api/open_notification", &[("id", "pas-un-identifiant")]).await;
    assert!(bad.status.is_client_error(), "{}", bad.status);

    let opened = support.post_plain_form("/api/open_notification", &[("id", &id.to_string())], "/notifications").await;
    assert_eq!(opened.location(), Some(format!("/evenements/{event}").as_str()), "{:?}", opened.status);
    assert_eq!(unread_of(&app, SUPPORT).await, before - 1);

    let all = support.post_plain_form("/api/read_all_notifications", &[], "/notifications").await;
    assert_eq!(all.location(), Some("/notifications?ok=notifications_read"));
    assert_eq!(unread_of(&app, SUPPORT).await, 0);
    assert!(!support.get("/notifications").await.body.contains("Tout marquer comme lu"), "nothing left to mark");
}

/// The first `n` unread counts a stream sends, each within two seconds.
async fn counts(stream: &mut axum::body::BodyDataStream, n: usize) -> Vec<i64> {
    let mut counts = Vec::new();
    let mut text = String::new();
    while counts.len() < n {
        let chunk = tokio::time::timeout(StdDuration::from_secs(2), stream.next())
            .await
            .unwrap_or_else(|_| panic!("no count within 2 s after {counts:?}"))
            .expect("the stream went on")
            .unwrap();
        text.push_str(std::str::from_utf8(&chunk).unwrap());
        while let Some((event, rest)) = text.split_once("\n\n") {
            if event.contains("event: unread") {
                let data = event.lines().find_map(|l| l.strip_prefix("data: ")).unwrap();
                counts.push(data.parse().unwrap());
            }
            text = rest.to_owned();
        }
    }
    counts
}

async fn open_stream(app: &TestApp, browser: &Client<'_>) -> (StatusCode, Option<String>, axum::body::BodyDataStream) {
    let mut request = Request::get("/notifications/flux")
        .header(header::HOST, HOST)
        .header(header::ACCEPT, "text/event-stream")
        .header(header::COOKIE, browser.cookie.clone().unwrap())
        .body(Body::empty())
        .unwrap();
    request.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([192, 0, 2, 10], 50_000))));
    let response = app.router.clone().oneshot(request).await.unwrap();
    let kind = response.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_owned());
    (response.status(), kind, response.into_body().into_data_stream())
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_bell_counts_live_what_another_instance_did_and_stops_with_the_session(owner: PgPool) {
    let a = TestApp::spawn(owner).await;
    let b = a.second_instance().await;
    b.listen_for_notifications().await;
    let (_, event) = event_of_sales(&a).await;

    let mut support_on_b = b.signed_in(SUPPORT).await;
    let (status, kind, mut stream) = open_stream(&b, &support_on_b).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("text/event-stream"));
    let start = unread_of(&a, SUPPORT).await;
    assert_eq!(counts(&mut stream, 1).await, [start], "the count at once");

    let mut manager_on_a = a.signed_in(MANAGER).await;
    assert_eq!(assign(&mut manager_on_a, &a, event, SUPPORT).await, StatusCode::OK);
    assert_eq!(counts(&mut stream, 1).await, [start + 1], "the assignment, heard through PostgreSQL");
    // The count b keeps for its pages was dropped when it heard the change.
    let page = support_on_b.get("/").await.body;
    assert!(page.contains(&format!("Notifications : {} non lues", start + 1)), "the bell on b's pages");

    // Read in another tab: the count follows.
    let mut tab = Client::with_cookie(&b, support_on_b.cookie.clone());
    tab.post_plain_form("/api/read_all_notifications", &[], "/notifications").await;
    assert_eq!(counts(&mut stream, 1).await, [0]);

    // Signed out: the next change ends the stream, telling the browser not to reconnect, instead
    // of counting for an ended session.
    support_on_b.sign_out().await;
    assert_eq!(assign(&mut manager_on_a, &a, event, SUPPORT2).await, StatusCode::OK);
    assert_eq!(assign(&mut manager_on_a, &a, event, SUPPORT).await, StatusCode::OK);
    assert_eq!(rest_of(&mut stream).await, SESSION_ENDED, "its last words");

    // Without a session, the stream says only that (a browser's `EventSource` cannot follow a
    // redirect to the sign-in page: it would report an error and try again).
    let (status, kind, mut stream) = open_stream(&b, &Client::with_cookie(&b, Some("epic_session=nope".into()))).await;
    assert_eq!((status, kind.as_deref()), (StatusCode::OK, Some("text/event-stream")));
    assert_eq!(rest_of(&mut stream).await, SESSION_ENDED);
}

/// What a stream sends until it ends, which must be within two seconds.
async fn rest_of(stream: &mut axum::body::BodyDataStream) -> String {
    let mut text = String::new();
    loop {
        let chunk = tokio::time::timeout(StdDuration::from_secs(2), stream.next())
            .await
            .unwrap_or_else(|_| panic!("the stream went on after {text:?}"));
        match chunk {
            Some(chunk) => text.push_str(std::str::from_utf8(&chunk.unwrap()).unwrap()),
            None => return text,
        }
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn what_the_clock_brings_is_said_once(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let (_, event) = event_of_sales(&app).await;
    // The event in ten days, still without support; a follow-up of the salesperson due tomorrow.
    let starts = app.state.clock.now() + Duration::days(10);
    sqlx::query("update event set starts_at = $2, ends_at = $2 + interval '3 hours' where id = $1")
        .bind(event)
        .bind(starts)
        .execute(&app.owner)
        .await
        .unwrap();
    let client: Uuid = sqlx::query_scalar("select client_id from event where id = $1")
        .bind(event)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let mut seller = app.signed_in(SALES).await;
    let tomorrow = (app.state.clock.now() + Duration::days(1)).date_naive().to_string();
    let sales_id = app.collaborator_id(SALES).await.to_string();
    let added = seller
        .call(
            "/api/add_follow_up",
            &[
                ("on", "client"),
                ("record_id", &client.to_string()),
                ("form[title]", "Rappeler pour le menu"),
                ("form[due_on]", &tomorrow),
                ("form[owner_id]", &sales_id),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let follow_up: Uuid = sqlx::query_scalar("select id from follow_up where title = 'Rappeler pour le menu'")
        .fetch_one(&app.owner)
        .await
        .unwrap();

    app::notifications::service::announce_due(&app.state).await.unwrap();
    // Still without support, and its contract still owes money.
    let about_event = [("event_without_support".to_owned(), vec![]), ("event_unpaid".to_owned(), vec![])];
    let mut heard = notified(&app, MANAGER, event).await;
    heard.sort();
    assert_eq!(heard, [about_event[1].clone(), about_event[0].clone()]);
    assert!(notified(&app, SALES, follow_up).await.is_empty(), "not due yet");

    app.clock.advance(Duration::days(1));
    app::notifications::service::announce_due(&app.state).await.unwrap();
    app::notifications::service::announce_due(&app.state).await.unwrap();
    assert_eq!(notified(&app, SALES, follow_up).await, vec![("follow_up_due".to_owned(), vec![])], "once");
    assert_eq!(notified(&app, MANAGER, event).await.len(), 2, "once each");

    let mut seller = app.signed_in(SALES).await; // A day later: the first session timed out.
    let page = seller.get("/notifications").await.body.replace("<!>", "");
    assert!(page.contains("Relance à faire : « Rappeler pour le menu »"), "{}", page.split_once("<main").unwrap().1);

    // Ninety days on, they are forgotten.
    app.clock.advance(Duration::days(91));
    app::notifications::service::purge(&app.state).await.unwrap();
    assert!(notified(&app, SALES, follow_up).await.is_empty());
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_api_lists_and_reads_the_callers_notifications(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let (_, event) = event_of_sales(&app).await;
    let mut manager = app.signed_in(MANAGER).await;
    assign(&mut manager, &app, event, SUPPORT).await;

    let mut api = app.api_as(SUPPORT).await;
    let list = api.get("/notifications").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let body = list.json();
    // The demo's own notifications are newer (made with the real clock): find the test's.
    let first = body["items"].as_array().unwrap().iter().find(|n| n["event_id"] == event.to_string()).unwrap();
    assert_eq!(first["kind"], "event_assigned");
    assert_eq!(first["text"], "Gabrielle Gestion vous a confié l’événement « Gala des notifications »");
    assert_eq!(body["unread"], unread_of(&app, SUPPORT).await);
    let id = first["id"].as_str().unwrap().to_owned();

    let mut other = app.api_as(SUPPORT2).await;
    assert_eq!(
        other.post(&format!("/notifications/{id}/read"), serde_json::json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    let read = api.post(&format!("/notifications/{id}/read"), serde_json::json!({})).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert!(read.json()["read_at"].is_string());
    let all = api.post("/notifications/read", serde_json::json!({})).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert_eq!(unread_of(&app, SUPPORT).await, 0);
}

/// The mails the test command's SMTP sink (aiosmtpd, `scripts/test`) has kept, as raw text.
fn mails_to(maildir: &str, address: &str) -> Vec<String> {
    let mut mails = Vec::new();
    for folder in ["new", "cur"] {
        let Ok(entries) = std::fs::read_dir(format!("{maildir}/{folder}")) else { continue };
        for entry in entries {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            if text.lines().any(|line| line.eq_ignore_ascii_case(&format!("To: {address}"))) {
                mails.push(text);
            }
        }
    }
    mails
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_daily_digest_goes_once_a_day_to_each_with_news(owner: PgPool) {
    let smtp = std::env::var("TEST_SMTP_URL").expect("TEST_SMTP_URL: the SMTP sink scripts/test starts");
    let maildir = std::env::var("TEST_SMTP_MAILDIR").expect("TEST_SMTP_MAILDIR: where the sink keeps mails");
    let app = TestApp::spawn(owner).await;
    // Addresses of this test's own, so that other tests' mails in the same sink do not count.
    let address = format!("support-{}@epic-events.fr", Uuid::new_v4().simple());
    sqlx::query("update collaborator set email = $1 where email = $2")
        .bind(&address)
        .bind(SUPPORT)
        .execute(&app.owner)
        .await
        .unwrap();
    let (_, event) = event_of_sales(&app).await;
    let mut manager = app.signed_in(MANAGER).await;
    let support_id = sqlx::query_scalar::<_, Uuid>("select id from collaborator where email = $1")
        .bind(&address)
        .fetch_one(&app.owner)
        .await
        .unwrap()
        .to_string();
    let version = version_of(&app, "event", event).await.to_string();
    let form = [("id", event.to_string()), ("version", version), ("support_contact_id", support_id)];
    assert_eq!(manager.call_owned("/api/assign_event_support", &form).await.status, StatusCode::OK);
    let mailer = app::notifications::digest::Mailer::new(&smtp, "Epic Events <notifications@epic-events.fr>").unwrap();

    // The next morning at 07:00 in Paris: too early; at 08:30, the day's digests go.
    app.clock.advance(Utc.with_ymd_and_hms(2026, 3, 13, 6, 0, 0).unwrap() - app.state.clock.now());
    assert_eq!(app::notifications::digest::send_due(&app.state, &mailer).await.unwrap(), 0);
    app.clock.advance(Duration::minutes(90));
    assert!(app::notifications::digest::send_due(&app.state, &mailer).await.unwrap() >= 1);
    assert_eq!(app::notifications::digest::send_due(&app.state, &mailer).await.unwrap(), 0, "once a day");
    let mails = mails_to(&maildir, &address);
    assert_eq!(mails.len(), 1, "one digest");
    assert!(mails[0].contains("Subject: Epic Events : vos notifications du jour"), "{}", mails[0]);
    // Quoted-printable: soft line breaks undone, the rest is the text as written.
    let text = mails[0].replace("=\r\n", "").replace("=\n", "");
    assert!(text.contains(&format!("http://127.0.0.1:3000/evenements/{event}")), "links the event: {text}");

    // The next day, nothing new for them: no mail.
    app.clock.advance(Duration::days(1));
    app::notifications::digest::send_due(&app.state, &mailer).await.unwrap();
    assert_eq!(mails_to(&maildir, &address).len(), 1, "nothing new, nothing sent");
}
