//! "Importer (CSV)": a file uploaded (multipart, as a browser without JavaScript sends it) is
//! read, checked row by row and staged; its preview shows the errors and the likely
//! duplicates; the confirmation writes every row in one transaction, audited, once. Bad files,
//! the wrong people and other people's imports change nothing.

use crate::common;

use std::time::Instant;

use axum::body::Body;
use http::{Request, StatusCode, header};
use uuid::Uuid;

use app::i18n::fr as t;
use common::records::{create_client, error_of};
use common::{Client, ORIGIN, TestApp, TestResponse};

const SALES: &str = "commercial@epic-events.fr";
const SALES2: &str = "commercial2@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";
const SUPPORT: &str = "support@epic-events.fr";
const BOUNDARY: &str = "----epic-import-boundary";

/// The upload form posted as a browser does: the file, and (management) the salesperson.
async fn upload(browser: &mut Client<'_>, file: &[u8], salesperson: Option<&str>) -> TestResponse {
    let mut body = Vec::new();
    if let Some(salesperson) = salesperson {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"commercial\"\r\n\r\n{salesperson}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"clients.csv\"\r\n\
             Content-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let request = Request::post("/clients/importer")
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap();
    browser.send(request).await
}

/// Uploads a file that must be staged: its import's id (from the redirect to its preview).
async fn staged(browser: &mut Client<'_>, file: &str) -> Uuid {
    let response = upload(browser, file.as_bytes(), None).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let location = response.location().unwrap();
    assert!(location.starts_with("/clients/importer/"), "to the preview: {location}");
    response.created_id()
}

/// The upload page a refused file leads back to, and what it says.
async fn refused(browser: &mut Client<'_>, response: TestResponse, code: &str) -> String {
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let location = response.location().unwrap().to_owned();
    assert!(location.starts_with(&format!("/clients/importer?erreur={code}")), "{location}");
    let page = browser.get(&location).await;
    assert_eq!(page.status, StatusCode::OK);
    page.body
}

async fn preview(browser: &mut Client<'_>, id: Uuid) -> TestResponse {
    browser.get(&format!("/clients/importer/{id}")).await
}

/// The confirmation, with a choice per duplicate (`(line, "update" | "skip")`).
async fn confirm(browser: &mut Client<'_>, id: Uuid, choices: &[(u64, &str)]) -> TestResponse {
    let mut form = vec![("form[id]".to_owned(), id.to_string())];
    form.extend(choices.iter().map(|(line, choice)| (format!("form[choices][l{line}]"), (*choice).to_owned())));
    let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    browser.call("/api/confirm_client_import", &refs).await
}

async fn clients_named(app: &TestApp, pattern: &str) -> i64 {
    sqlx::query_scalar("select count(*) from client where full_name like $1")
        .bind(pattern)
        .fetch_one(&app.owner)
        .await
        .unwrap()
}

/// What a refused import must leave as it was.
async fn fingerprint(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "select count(*) from client",
        "select coalesce(sum(version), 0)::bigint from client",
        "select count(*) from audit_record",
        "select count(*) from client_import where confirmed_at is not null",
    ] {
        counts.push(app.count(sql).await);
    }
    counts
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_good_file_is_previewed_then_imported_with_an_audit_record_per_client(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    assert!(seller.get("/clients").await.body.contains("href=\"/clients/importer\""), "the link on the list");
    let page = seller.get("/clients/importer").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("enctype=\"multipart/form-data\"") && !page.body.contains("name=\"commercial\""));

    // A French spreadsheet's file: BOM, `;`, accents, a quoted cell, an empty line.
    let file = "\u{feff}Nom complet;E-mail;Téléphone;Société;Notes\r\n\
        Import Anaïs Roux;anais.roux@exemple.fr;06 11 22 33 44;Roux & Fils;à rappeler\r\n\
        \r\n\
        Import Marc Petit;MARC.PETIT@exemple.fr;+33 6 55 44 33 22;\"Petit; Grand SA\";\r\n\
        Import Léa Blanc;lea.blanc@exemple.fr;0044 20 7946 0958;Blanc Ltd;\r\n";
    let id = staged(&mut seller, file).await;
    assert_eq!(clients_named(&app, "Import %").await, 0, "nothing is written before the confirmation");
    let page = preview(&mut seller, id).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&t::import_counts(3, 3, 0, 0)), "{}", page.body);
    assert!(page.body.contains("Petit; Grand SA") && page.body.contains(t::IMPORT_CONFIRM));

    // Confirmed as a browser without JavaScript posts the preview's form.
    let preview_path = format!("/clients/importer/{id}");
    let done =
        seller.post_plain_form("/api/confirm_client_import", &[("form[id]", &id.to_string())], &preview_path).await;
    assert_eq!(done.status, StatusCode::FOUND, "{}", done.body);
    assert_eq!(done.location().unwrap().trim_start_matches(ORIGIN), preview_path, "back to the import, now its result");
    let seller_id = app.collaborator_id(SALES).await;
    let imported: Vec<(String, String, String, Uuid)> = sqlx::query_as(
        "select full_name, email, phone, sales_contact_id from client where full_name like 'Import %' order by full_name",
    )
    .fetch_all(&app.owner)
    .await
    .unwrap();
    let expected = [
        ("Import Anaïs Roux", "anais.roux@exemple.fr", "+33611223344"),
        ("Import Léa Blanc", "lea.blanc@exemple.fr", "+442079460958"),
        ("Import Marc Petit", "marc.petit@exemple.fr", "+33655443322"),
    ];
    assert_eq!(imported.len(), 3);
    for ((name, email, phone, sales), (want_name, want_email, want_phone)) in imported.iter().zip(expected) {
        assert_eq!((name.as_str(), email.as_str(), phone.as_str()), (want_name, want_email, want_phone));
        assert_eq!(*sales, seller_id, "in the importer's portfolio");
    }
    let audited = app
        .count(
            "select count(*) from audit_record a join client c on c.id = a.entity_id
             where a.entity = 'client' and a.action = 'create' and c.full_name like 'Import %'",
        )
        .await;
    assert_eq!(audited, 3, "an audit record per client");
    let page = preview(&mut seller, id).await;
    assert!(page.body.contains(&t::import_result(3, 0, 0)), "the result: {}", page.body);
    assert!(page.body.contains("Import Léa Blanc") && page.body.contains("href=\"/clients/"), "with links");
    assert_eq!(app.count("select count(*) from client_import where rows <> '[]'").await, 0, "rows forgotten once done");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn errors_and_duplicates_are_shown_and_a_skipped_duplicate_stays_as_it_was(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let known = create_client(&mut seller, "Client Connu", "connu@exemple.fr").await.created_id();
    // English headers and commas; two bad rows, one duplicate (same e-mail), one new client.
    let file = "name,email,phone,company\n\
        New Client,new.client@exemple.fr,06 10 20 30 40,New Co\n\
        Bad Email,not-an-email,06 10 20 30 41,Bad Co\n\
        \"=HYPERLINK(\"\"http://evil\"\")\",formula@exemple.fr,06 10 20 30 42,Evil Co\n\
        Client Connu Bis,CONNU@exemple.fr,06 99 99 99 99,Entreprise Test\n";
    let id = staged(&mut seller, file).await;
    let page = preview(&mut seller, id).await.body;
    assert!(page.contains(&t::import_counts(4, 1, 1, 2)), "{page}");
    assert!(page.contains(t::EMAIL_INVALID), "the client form's message");
    assert!(page.contains(t::IMPORT_FORMULA), "the formula refused");
    assert!(page.contains(t::IMPORT_SAME_EMAIL) && page.contains(&format!("/clients/{known}")), "the duplicate");
    assert!(page.contains("name=\"form[choices][l5]\" value=\"skip\" checked"), "skip by default: {page}");
    let before = fingerprint(&app).await;

    assert_eq!(confirm(&mut seller, id, &[]).await.status, StatusCode::OK);
    assert_eq!(app.count("select count(*) from client where email = 'new.client@exemple.fr'").await, 1);
    assert_eq!(app.count("select count(*) from client where email in ('formula@exemple.fr', 'not-an-email')").await, 0);
    let phone: String =
        sqlx::query_scalar("select phone from client where id = $1").bind(known).fetch_one(&app.owner).await.unwrap();
    assert_eq!(phone, "+33612345678", "the skipped duplicate is unchanged");
    let after = fingerprint(&app).await;
    assert_eq!((after[0], after[2]), (before[0] + 1, before[2] + 1), "one client, one audit record");
    assert!(preview(&mut seller, id).await.body.contains(&t::import_result(1, 0, 3)));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_duplicate_chosen_for_update_is_updated_and_audited(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let known = create_client(&mut seller, "Client Connu", "connu@exemple.fr").await.created_id();
    // Same name and company (another case), a new e-mail and phone.
    let file = "nom;courriel;tel;entreprise\nclient connu;nouveau@exemple.fr;07 00 00 00 01;ENTREPRISE TEST\n";
    let id = staged(&mut seller, file).await;
    let page = preview(&mut seller, id).await.body;
    assert!(page.contains(t::IMPORT_SAME_NAME_COMPANY) && page.contains(&t::import_counts(1, 0, 1, 0)), "{page}");

    assert_eq!(confirm(&mut seller, id, &[(2, "update")]).await.status, StatusCode::OK);
    let (name, email, phone, version): (String, String, String, i32) =
        sqlx::query_as("select full_name, email, phone, version from client where id = $1")
            .bind(known)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), email.as_str(), phone.as_str(), version),
        ("client connu", "nouveau@exemple.fr", "+33700000001", 2)
    );
    let changes: serde_json::Value = sqlx::query_scalar(
        "select changes from audit_record where entity_id = $1 and action = 'update' order by id desc limit 1",
    )
    .bind(known)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    let fields: Vec<&str> = changes.as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["full_name", "email", "phone", "company_name"], "old → new, per field");
    assert!(preview(&mut seller, id).await.body.contains(&t::import_result(0, 1, 0)));
    assert_eq!(app.count("select count(*) from client where email = 'connu@exemple.fr'").await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_salesperson_cannot_update_another_salespersons_client(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut other = app.signed_in(SALES2).await;
    let theirs = create_client(&mut other, "Client Autre", "autre@exemple.fr").await.created_id();
    let mut seller = app.signed_in(SALES).await;
    let id = staged(&mut seller, "nom;email;téléphone;entreprise\nClient Autre;autre@exemple.fr;0700000002;Autre SA\n")
        .await;
    let page = preview(&mut seller, id).await.body;
    assert!(page.contains(t::IMPORT_ONLY_SKIP_OTHER_SALES), "the preview says why: {page}");
    assert!(page.contains("value=\"update\" disabled"), "update cannot be chosen: {page}");
    let before = fingerprint(&app).await;

    let forced = confirm(&mut seller, id, &[(2, "update")]).await;
    assert_eq!(forced.status, StatusCode::FORBIDDEN, "{}", forced.body);
    let preview_path = format!("/clients/importer/{id}");
    let plain = [("form[id]", id.to_string()), ("form[choices][l2]", "update".to_owned())];
    let plain: Vec<(&str, &str)> = plain.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let back = seller.post_plain_form("/api/confirm_client_import", &plain, &preview_path).await;
    let back = back.location().unwrap().trim_start_matches(ORIGIN).to_owned();
    assert!(back.starts_with(&preview_path), "{back}");
    assert!(seller.get(&back).await.body.contains(t::ERR_FORBIDDEN), "the refusal on the preview, without JavaScript");
    assert_eq!(fingerprint(&app).await, before, "nothing changed, the import still waits");
    assert_eq!(app.count("select count(*) from client where email = 'autre@exemple.fr' and version = 1").await, 1);
    assert_eq!(confirm(&mut seller, id, &[(2, "skip")]).await.status, StatusCode::OK);
    assert!(preview(&mut seller, id).await.body.contains(&t::import_result(0, 0, 1)));
    let _ = theirs;
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn management_fills_a_portfolio_but_never_edits_its_clients(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut other = app.signed_in(SALES2).await;
    create_client(&mut other, "Client Géré", "gere.existant@exemple.fr").await.created_id();
    let mut manager = app.signed_in(MANAGER).await;
    let sales2 = app.collaborator_id(SALES2).await.to_string();
    let file = "nom;email;téléphone;entreprise\nClient Géré;gere.existant@exemple.fr;0700000003;Géré SA\n";
    let response = upload(&mut manager, file.as_bytes(), Some(&sales2)).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let id = response.created_id();
    let page = preview(&mut manager, id).await.body;
    assert!(page.contains(t::IMPORT_ONLY_SKIP_NOT_EDITOR), "the preview says why: {page}");
    assert!(page.contains("value=\"update\" disabled"), "update cannot be chosen: {page}");

    let forced = confirm(&mut manager, id, &[(2, "update")]).await;
    assert_eq!(forced.status, StatusCode::FORBIDDEN, "{}", forced.body);
    assert_eq!(
        app.count("select count(*) from client where email = 'gere.existant@exemple.fr' and version = 1").await,
        1
    );
    assert_eq!(confirm(&mut manager, id, &[(2, "skip")]).await.status, StatusCode::OK);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn support_cannot_import(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut support = app.signed_in(SUPPORT).await;
    assert!(!support.get("/clients").await.body.contains("/clients/importer"), "no link");
    assert_eq!(support.get("/clients/importer").await.status, StatusCode::FORBIDDEN);
    let before = fingerprint(&app).await;
    let refusals = "select count(*) from security_event where kind = 'access_refused'";
    let refused_before = app.count(refusals).await;
    let response = upload(&mut support, b"nom;email;tel;entreprise\nX Y;x@y.fr;0612345678;Z\n", None).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(response.body.contains(t::ERR_FORBIDDEN), "a French page: {}", response.body);
    assert_eq!(fingerprint(&app).await, before);
    assert_eq!(app.count("select count(*) from client_import").await, 0, "nothing staged");
    assert_eq!(app.count(refusals).await, refused_before + 1, "the refused upload is a security event");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn management_imports_into_the_salesperson_it_chooses(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut manager = app.signed_in(MANAGER).await;
    assert!(manager.get("/clients/importer").await.body.contains("name=\"commercial\""), "the salesperson select");
    let file = "nom;email;tel;entreprise\nClient Géré;gere@exemple.fr;0612345678;Gestion SA\n";
    let without = upload(&mut manager, file.as_bytes(), Some("")).await;
    assert!(refused(&mut manager, without, "commercial").await.contains(t::CHOOSE_ACTIVE_SALES));
    let support_id = app.collaborator_id(SUPPORT).await.to_string();
    let not_sales = upload(&mut manager, file.as_bytes(), Some(&support_id)).await;
    assert!(refused(&mut manager, not_sales, "commercial").await.contains(t::CHOOSE_ACTIVE_SALES));

    let sales2 = app.collaborator_id(SALES2).await;
    let response = upload(&mut manager, file.as_bytes(), Some(&sales2.to_string())).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let id = response.created_id();
    assert!(preview(&mut manager, id).await.body.contains(&t::import_for("Hugo Vendeur", "clients.csv")));
    assert_eq!(confirm(&mut manager, id, &[]).await.status, StatusCode::OK);
    let owner_id: Uuid = sqlx::query_scalar("select sales_contact_id from client where email = 'gere@exemple.fr'")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(owner_id, sales2, "in the chosen salesperson's portfolio");

    // A salesperson cannot fill someone else's portfolio.
    let mut seller = app.signed_in(SALES).await;
    let other = upload(&mut seller, file.as_bytes(), Some(&sales2.to_string())).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_file_too_large_gets_a_french_page_and_changes_nothing(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let before = fingerprint(&app).await;
    let mut big = b"nom;email;tel;entreprise\n".to_vec();
    let line = b"Client Lourd;lourd@exemple.fr;0612345678;Lourd SA\n";
    while big.len() < 50 * 1024 * 1024 {
        big.extend_from_slice(line);
    }
    let response = upload(&mut seller, &big, None).await;
    let page = refused(&mut seller, response, "taille").await;
    assert!(page.contains(&t::import_too_large(5)), "{page}");
    // Just over the upload's limit, its length not declared (no Content-Length): the same.
    let just_over = vec![b'x'; app::client_import::model::MAX_UPLOAD_BYTES + 1];
    let request = Request::post("/clients/importer")
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(just_over))
        .unwrap();
    let response = seller.send(request).await;
    refused(&mut seller, response, "taille").await;
    assert_eq!(fingerprint(&app).await, before);
    assert_eq!(app.count("select count(*) from client_import").await, 0);
    // Every other request keeps its 64 KiB.
    let form = [("form[full_name]", "x".repeat(70 * 1024))];
    assert_eq!(seller.call_owned("/api/create_client", &form).await.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_file_not_in_utf8_is_refused_with_what_to_do(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let before = fingerprint(&app).await;
    // "Société" and "Hélène" as Excel writes them in Windows-1252.
    let response = upload(
        &mut seller,
        b"Nom;E-mail;T\xe9l\xe9phone;Soci\xe9t\xe9\nH\xe9l\xe8ne;h@exemple.fr;0612345678;X\n",
        None,
    )
    .await;
    let page = refused(&mut seller, response, "encodage").await;
    assert!(page.contains("enregistrez le fichier en UTF-8"), "{page}");
    assert_eq!(fingerprint(&app).await, before);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_file_without_the_required_columns_is_refused_naming_them(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let response = upload(&mut seller, b"Nom;Email;Ville\nA B;a@b.fr;Tours\n", None).await;
    let page = refused(&mut seller, response, "colonnes").await;
    assert!(page.contains("Colonnes manquantes : téléphone, entreprise."), "{page}");
    let empty = upload(&mut seller, b"", None).await;
    assert!(refused(&mut seller, empty, "vide").await.contains(t::IMPORT_NO_ROWS));
    assert_eq!(app.count("select count(*) from client_import").await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn another_collaborators_import_is_not_found(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let id = staged(&mut seller, "nom;email;tel;entreprise\nClient Privé;prive@exemple.fr;0612345678;Privé SA\n").await;
    for someone in [SALES2, MANAGER] {
        let mut other = app.signed_in(someone).await;
        assert_eq!(preview(&mut other, id).await.status, StatusCode::NOT_FOUND, "{someone}");
        let response = confirm(&mut other, id, &[]).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{someone}");
        assert_eq!(error_of(&response.body), app::error::AppError::NotFound);
    }
    assert_eq!(preview(&mut seller, Uuid::new_v4()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(seller.get("/clients/importer/pas-un-id").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("select count(*) from client where email = 'prive@exemple.fr'").await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_second_confirmation_does_nothing_more_and_an_expired_one_nothing_at_all(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    let id =
        staged(&mut seller, "nom;email;tel;entreprise\nClient Unique;unique@exemple.fr;0612345678;Unique SA\n").await;
    assert_eq!(confirm(&mut seller, id, &[]).await.status, StatusCode::OK);
    let after_first = fingerprint(&app).await;
    assert_eq!(confirm(&mut seller, id, &[]).await.status, StatusCode::OK, "answered as done");
    assert_eq!(fingerprint(&app).await, after_first, "nothing more");
    assert_eq!(app.count("select count(*) from client where email = 'unique@exemple.fr'").await, 1);

    let late =
        staged(&mut seller, "nom;email;tel;entreprise\nClient Tardif;tardif@exemple.fr;0612345678;Tard SA\n").await;
    app.clock.advance(chrono::Duration::minutes(61));
    seller.sign_in_ok(SALES).await; // The session itself ended after 30 idle minutes.
    assert!(preview(&mut seller, late).await.body.contains(t::IMPORT_EXPIRED));
    let response = confirm(&mut seller, late, &[]).await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    assert_eq!(error_of(&response.body).to_string(), t::IMPORT_EXPIRED);
    assert_eq!(app.count("select count(*) from client where email = 'tardif@exemple.fr'").await, 0);
    // The next upload forgets the expired one.
    staged(&mut seller, "nom;email;tel;entreprise\nClient Suivant;suivant@exemple.fr;0612345678;S\n").await;
    let left = format!("select count(*) from client_import where id = '{late}'");
    assert_eq!(app.count(&left).await, 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_file_of_ten_thousand_rows_is_previewed(owner: sqlx::PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut seller = app.signed_in(SALES).await;
    create_client(&mut seller, "Client Connu", "connu@exemple.fr").await.created_id();
    let mut file = String::from("nom,email,téléphone,entreprise\n");
    for n in 0..9_998 {
        file.push_str(&format!(
            "Client Volume {n},volume{n}@exemple.fr,06 12 34 {:02} {:02},Volume SA\n",
            n / 100 % 100,
            n % 100
        ));
    }
    file.push_str("Client Connu,connu@exemple.fr,0612345678,Entreprise Test\n");
    file.push_str("Mauvais,mauvais,0612345678,Volume SA\n");
    let started = Instant::now();
    let id = staged(&mut seller, &file).await;
    let page = preview(&mut seller, id).await;
    let elapsed = started.elapsed();
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&t::import_counts(10_000, 9_998, 1, 1)), "{}", &page.body[..2000.min(page.body.len())]);
    assert!(page.body.contains(&t::import_more_ready(9_998 - app::client_import::model::READY_SHOWN)));
    println!("10,000 rows uploaded and previewed in {elapsed:?} (debug build)");

    file.push_str("Une De Trop,trop@exemple.fr,0612345678,Volume SA\n");
    let response = upload(&mut seller, file.as_bytes(), None).await;
    refused(&mut seller, response, "lignes").await;
}
