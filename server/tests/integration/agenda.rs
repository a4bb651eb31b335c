//! The calendar: the views fetch their date range only, filter like the event list, colour each
//! event by state (in words too), cap a crowded day with a link to the rest; and the calendar
//! feed: a secret link per collaborator serving their events as iCalendar, renewed or revoked
//! at once, ended with the collaborator's access.

use crate::common;

use http::StatusCode;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use app::i18n::fr as t;
use common::records::*;
use common::{Client, TestApp};

const SALES: &str = "commercial@epic-events.fr";
const SALES2: &str = "commercial2@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const SUPPORT2: &str = "support2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

async fn event_on(browser: &mut Client<'_>, contract: Uuid, title: &str, start: &str) -> Uuid {
    let form = vec![
        ("contract_id", contract.to_string()),
        ("form[title]", title.to_owned()),
        ("form[starts_at]", start.to_owned()),
        ("form[ends_at]", format!("{}T23:30", &start[..10])),
        ("form[location]", "Château de Tours".to_owned()),
        ("form[attendees]", "50".to_owned()),
        ("form[notes]", "Accès par la cour.".to_owned()),
    ];
    let response = browser.call_owned("/api/create_event", &form).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.created_id()
}

async fn page(browser: &mut Client<'_>, path: &str) -> String {
    let response = browser.get(path).await;
    assert_eq!(response.status, StatusCode::OK, "{path}: {}", response.body);
    response.body.replace("<!>", "").replace("&amp;", "&")
}

/// The chip of `event` on a calendar page (its `<a …>…</a>`).
fn chip(page: &str, event: Uuid) -> String {
    let at = page.find(&format!("/evenements/{event}\"")).unwrap_or_else(|| panic!("{event} not on the page"));
    let start = page[..at].rfind("<a ").unwrap();
    let end = at + page[at..].find("</a>").unwrap();
    page[start..end].to_owned()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_views_show_their_range_filtered_and_coloured_by_state(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let mut manager = app.signed_in(MANAGER).await;
    let contract = signed_contract(&app, &mut seller, "client.calendrier@exemple.fr").await;
    // The test clock is Thursday 12 March 2026.
    let gala = event_on(&mut seller, contract, "Gala du printemps", "2026-03-20T19:00").await;
    let april = event_on(&mut seller, contract, "Brunch d'avril", "2026-04-05T11:00").await;

    let month = page(&mut seller, "/agenda").await;
    assert!(month.contains("mars 2026") && month.contains("<table class=\"calendar\""), "the current month");
    let gala_chip = chip(&month, gala);
    assert!(gala_chip.contains("19:00") && gala_chip.contains("Gala du printemps"), "{gala_chip}");
    for state in ["state-without-support", "state-unpaid"] {
        assert!(gala_chip.contains(state), "{state}: {gala_chip}");
    }
    assert!(gala_chip.contains(&format!("({}, {})", t::WITHOUT_SUPPORT, t::EVENTS_UNPAID)), "states in words");
    assert!(month.contains(&format!("/evenements/{april}\"")), "5 April is in the grid's last week");
    assert!(!page(&mut seller, "/agenda?vue=liste").await.contains(&april.to_string()), "the list: March only");
    let next = page(&mut seller, "/agenda?date=2026-04-01").await;
    assert!(next.contains("avril 2026") && next.contains(&april.to_string()) && !next.contains(&gala.to_string()));

    let week = page(&mut seller, "/agenda?vue=semaine&date=2026-03-18").await;
    assert!(week.contains(&gala.to_string()) && !week.contains(&april.to_string()), "16 to 22 March");
    assert!(week.contains(&t::agenda_week_of("16 mars 2026", "22 mars 2026")));
    assert!(week.contains("href=\"/agenda?vue=semaine&date=2026-03-25\""), "next week keeps the view");

    // Filters: without support, then a support collaborator once assigned.
    let support = app.collaborator_id(SUPPORT).await;
    assert!(page(&mut seller, "/agenda?without_support=1").await.contains(&gala.to_string()));
    assert!(!page(&mut seller, &format!("/agenda?support={support}")).await.contains(&gala.to_string()));
    let version = version_of(&app, "event", gala).await.to_string();
    let form = [("id", gala.to_string()), ("version", version), ("support_contact_id", support.to_string())];
    assert_eq!(manager.call_owned("/api/assign_event_support", &form).await.status, StatusCode::OK);
    let filtered = page(&mut seller, &format!("/agenda?support={support}")).await;
    assert!(!chip(&filtered, gala).contains("state-without-support"), "assigned");
    assert!(!page(&mut seller, "/agenda?without_support=1").await.contains(&gala.to_string()));
    let sales2 = app.collaborator_id(SALES2).await;
    assert!(!page(&mut seller, &format!("/agenda?sales={sales2}")).await.contains(&gala.to_string()));
    assert!(
        page(&mut seller, "/agenda?mine=1").await.contains("name=\"mine\" value=\"1\" checked"),
        "kept in the form"
    );

    // Past events say so.
    app.clock.advance(chrono::Duration::days(9));
    let mut seller = app.signed_in(SALES).await;
    assert!(chip(&page(&mut seller, "/agenda").await, gala).contains("state-past"));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_crowded_day_shows_its_first_events_and_links_to_the_rest(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let contract = signed_contract(&app, &mut seller, "client.charge@exemple.fr").await;
    let mut ids = Vec::new();
    for hour in 10..16 {
        ids.push(event_on(&mut seller, contract, &format!("Atelier {hour} h"), &format!("2026-03-24T{hour}:00")).await);
    }
    let month = page(&mut seller, "/agenda").await;
    let shown = ids.iter().filter(|id| month.contains(&format!("/evenements/{id}\""))).count();
    assert_eq!(shown, 4, "four a day in the month grid (the phone list repeats them)");
    assert!(month.contains(&t::agenda_more(2)), "and the count of the others");
    assert!(month.contains("href=\"/evenements?from=2026-03-24&to=2026-03-24\""), "leading to that day's list");
    let week = page(&mut seller, "/agenda?vue=semaine&date=2026-03-24").await;
    assert!(ids.iter().all(|id| week.contains(&id.to_string())), "the week view shows more a day");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn bad_calendar_parameters_are_refused_plainly(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    for path in ["/agenda?vue=annee", "/agenda?date=2026-02-30", "/agenda?support=personne", "/agenda?mine=peut-etre"] {
        let response = seller.get(path).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{path}");
    }
    assert_eq!(app.client().get("/agenda").await.status, StatusCode::SEE_OTHER, "signed in only");
}

/// The caller's feed link, from "Mon compte"'s server function.
async fn feed_url(browser: &mut Client<'_>) -> Option<String> {
    let response = browser.read("/api/my_calendar_feed", &[]).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let link: Option<serde_json::Value> = serde_json::from_str(&response.body).unwrap();
    link.map(|l| l["url"].as_str().unwrap().to_owned())
}

async fn change_feed(browser: &mut Client<'_>, revoke: bool) {
    let args: &[(&str, &str)] = if revoke { &[("revoke", "true")] } else { &[] };
    let response = browser.call("/api/change_calendar_feed", args).await;
    let expected = if revoke { "/mon-compte?ok=feed_revoked#agenda" } else { "/mon-compte?ok=feed_created#agenda" };
    assert_eq!(response.location(), Some(expected), "{}", response.body);
}

/// The feed at `url`, fetched as a calendar application does (no cookie), parsed.
async fn fetch_feed(app: &TestApp, url: &str) -> Result<icalendar::Calendar, StatusCode> {
    let path = url.strip_prefix(common::ORIGIN).expect("an absolute link to this site");
    let response = app.client().get(path).await;
    if response.status != StatusCode::OK {
        return Err(response.status);
    }
    assert_eq!(response.header("content-type"), Some("text/calendar; charset=utf-8"));
    Ok(response.body.parse::<icalendar::Calendar>().expect("RFC 5545"))
}

fn summaries(calendar: &icalendar::Calendar) -> Vec<String> {
    use icalendar::Component;
    calendar.components.iter().filter_map(|c| c.as_event()).filter_map(|e| e.get_summary().map(str::to_owned)).collect()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_feed_serves_its_owners_events_until_renewed_revoked_or_deactivated(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let mut manager = app.signed_in(MANAGER).await;
    let contract = signed_contract(&app, &mut seller, "client.flux@exemple.fr").await;
    let event = event_on(&mut seller, contract, "Dîner des partenaires", "2026-04-02T20:00").await;
    let support = app.collaborator_id(SUPPORT).await;
    let version = version_of(&app, "event", event).await.to_string();
    let form = [("id", event.to_string()), ("version", version), ("support_contact_id", support.to_string())];
    assert_eq!(manager.call_owned("/api/assign_event_support", &form).await.status, StatusCode::OK);

    assert_eq!(feed_url(&mut seller).await, None, "no link until asked for");
    change_feed(&mut seller, false).await;
    let url = feed_url(&mut seller).await.expect("a link");
    assert!(url.starts_with(&format!("{}/flux/agenda/", common::ORIGIN)) && url.ends_with(".ics"), "{url}");
    assert!(page(&mut seller, "/mon-compte").await.contains(&url), "shown on Mon compte");
    let token = url.rsplit('/').next().unwrap().trim_end_matches(".ics").to_owned();
    let (hash, sealed): (Vec<u8>, Vec<u8>) =
        sqlx::query_as("select token_hash, token_sealed from calendar_feed").fetch_one(&app.owner).await.unwrap();
    assert_eq!(hash, Sha256::digest(token.as_bytes()).to_vec(), "found by its hash");
    assert!(!sealed.windows(token.len()).any(|w| w == token.as_bytes()), "never stored in the clear");

    let calendar = fetch_feed(&app, &url).await.unwrap();
    assert!(summaries(&calendar).contains(&"Dîner des partenaires".to_owned()), "my client's event");
    let ics = calendar.to_string();
    assert!(ics.contains("DTSTART:20260402T180000Z") && ics.contains(&format!("UID:{event}@epic-events")), "{ics}");
    assert!(ics.contains("Château de Tours"), "its place");

    // Support: the events assigned to them; another support: not this one.
    let mut support_browser = app.signed_in(SUPPORT).await;
    change_feed(&mut support_browser, false).await;
    let support_url = feed_url(&mut support_browser).await.unwrap();
    assert!(summaries(&fetch_feed(&app, &support_url).await.unwrap()).contains(&"Dîner des partenaires".to_owned()));
    let mut other = app.signed_in(SUPPORT2).await;
    change_feed(&mut other, false).await;
    let other_url = feed_url(&mut other).await.unwrap();
    assert!(!summaries(&fetch_feed(&app, &other_url).await.unwrap()).contains(&"Dîner des partenaires".to_owned()));

    // A new link ends the old one; revoking ends the new one.
    change_feed(&mut seller, false).await;
    let renewed = feed_url(&mut seller).await.unwrap();
    assert_ne!(renewed, url);
    assert_eq!(fetch_feed(&app, &url).await.err(), Some(StatusCode::NOT_FOUND), "the old link");
    assert!(fetch_feed(&app, &renewed).await.is_ok());
    change_feed(&mut seller, true).await;
    assert_eq!(feed_url(&mut seller).await, None);
    let logged: Vec<String> = sqlx::query_scalar(
        "select kind from security_event where collaborator_id = $1 and kind like 'calendar_feed%' order by id",
    )
    .bind(app.collaborator_id(SALES).await)
    .fetch_all(&app.owner)
    .await
    .unwrap();
    assert_eq!(
        logged,
        ["calendar_feed_created", "calendar_feed_created", "calendar_feed_revoked"],
        "in the security log"
    );
    assert_eq!(fetch_feed(&app, &renewed).await.err(), Some(StatusCode::NOT_FOUND), "revoked");

    // A deactivated collaborator's feed stops at once.
    let version: i32 = sqlx::query_scalar("select version from collaborator where id = $1")
        .bind(support)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    let args = [("id", support.to_string()), ("version", version.to_string()), ("active", "false".to_owned())];
    assert_eq!(manager.call_owned("/api/set_collaborator_active", &args).await.status, StatusCode::OK);
    assert_eq!(fetch_feed(&app, &support_url).await.err(), Some(StatusCode::NOT_FOUND));

    for bogus in ["/flux/agenda/nope.ics", "/flux/agenda/nope", &format!("/flux/agenda/{}.ics", "a".repeat(5000))] {
        assert_eq!(app.client().get(bogus).await.status, StatusCode::NOT_FOUND, "{bogus}");
    }
}
