//! Whatever a client sends, the API answers with a 4xx problem, never a 5xx: malformed JSON,
//! wrong types, unknown fields, huge and negative numbers, odd Unicode, wrong content types,
//! to every operation of the OpenAPI document, and one that the operation documents. And the
//! document matches the router: every documented operation exists, and every other method on a
//! documented path is a 405.

use crate::common;

use http::{Method, StatusCode};
use serde_json::Value;
use sqlx::PgPool;
use uuid::Uuid;

use common::TestApp;
use common::api::Api;

const SALES: &str = "commercial@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";
const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

async fn document(app: &TestApp) -> Value {
    let response = app.api().get("/openapi.json").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("content-type"), Some("application/json"));
    response.json()
}

/// Every (method, path template) of the document.
fn operations(doc: &Value) -> Vec<(Method, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                out.push((method.to_uppercase().parse().unwrap(), path.clone(), operation.clone()));
            }
        }
    }
    out
}

/// The path with `{id}` replaced by an existing record of the path's kind (or `id`).
async fn concrete(app: &TestApp, template: &str, id: Option<&str>) -> String {
    if !template.contains("{id}") {
        return template.to_owned();
    }
    let table = match template.split('/').nth(1) {
        Some("clients") => "client",
        Some("contracts") => "contract",
        Some("events") => "event",
        _ => "collaborator",
    };
    let existing: Uuid =
        sqlx::query_scalar(&format!("select id from {table} limit 1")).fetch_one(&app.owner).await.unwrap();
    template.replace("{id}", id.unwrap_or(&existing.to_string()))
}

/// The request body's schema, resolved.
fn body_schema<'a>(doc: &'a Value, operation: &Value) -> Option<&'a Value> {
    let reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str()?;
    let name = reference.rsplit('/').next()?;
    doc["components"]["schemas"].get(name)
}

/// A plausible JSON value (as text) for a property.
fn plausible(schema: &Value) -> String {
    let types = schema["type"].to_string();
    if schema["format"] == "uuid" {
        format!("\"{}\"", Uuid::new_v4())
    } else if schema["format"] == "date-time" {
        "\"2027-01-01T10:00:00Z\"".to_owned()
    } else if types.contains("integer") {
        "1".to_owned()
    } else {
        "\"x\"".to_owned()
    }
}

/// Odd values, as JSON text, for any field.
fn odd_values() -> Vec<String> {
    let mut values: Vec<String> = [
        "null",
        "true",
        "0",
        "-1",
        "-9223372036854775808",
        "9223372036854775807",
        "99999999999999999999999",
        "1e400",
        "-1e400",
        "1.5",
        "[]",
        "{}",
        "[[[[[[[[[[1]]]]]]]]]]",
        "\"\"",
        "\" \"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"\\u202eevil\"",
        "\"2027-02-30T25:61:00Z\"",
        "\"not-a-uuid\"",
        "\"-5\"",
        "\"<script>alert(1)</script>\"",
        "\"'; drop table client; --\"",
        "\"Z\\u0351\\u0363\\u0343algo\"",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    values.push(format!("\"{}\"", "😀".repeat(400)));
    values.push(format!("\"{}\"", "x".repeat(20_000)));
    values.push(format!("\"{}\"", Uuid::new_v4()));
    values
}

/// Bodies that are not what any operation wants.
fn odd_bodies() -> Vec<(Option<&'static str>, Vec<u8>)> {
    let json = Some("application/json");
    let mut bodies: Vec<(Option<&'static str>, Vec<u8>)> = [
        "",
        "{",
        "}",
        "[]",
        "null",
        "\"text\"",
        "123",
        "{}",
        "{\"unknown\": 1}",
        "{\"a\":1,\"a\":2}",
        "{} {}",
        "{\"email\": \"\\ud800\"}",
    ]
    .iter()
    .map(|b| (json, b.as_bytes().to_vec()))
    .collect();
    bodies.push((json, vec![0xff, 0xfe, b'{', b'}']));
    bodies.push((json, format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes()));
    bodies.push((json, format!("{{\"notes\": \"{}\"}}", "x".repeat(70 * 1024)).into_bytes()));
    bodies.push((Some("text/plain"), b"{}".to_vec()));
    bodies.push((Some("application/x-www-form-urlencoded"), b"email=a&password=b".to_vec()));
    bodies.push((Some("multipart/form-data; boundary=x"), b"--x--".to_vec()));
    bodies.push((Some("application/json; charset=utf-16"), b"{}".to_vec()));
    bodies.push((Some("application/xml"), b"<a/>".to_vec()));
    bodies.push((None, b"{}".to_vec()));
    bodies
}

fn assert_client_error(response: &common::TestResponse, what: &str) {
    assert!(
        !response.status.is_server_error(),
        "{what} answered {}: {}",
        response.status,
        response.body.chars().take(300).collect::<String>()
    );
    if response.status.is_client_error() {
        assert_eq!(response.header("content-type"), Some("application/problem+json"), "{what}: {}", response.status);
    }
}

/// A client error whose status the operation documents, so a generated client expects it.
fn assert_documented_error(operation: &Value, response: &common::TestResponse, what: &str) {
    assert_client_error(response, what);
    let status = response.status.as_str();
    assert!(
        operation["responses"].get(status).is_some(),
        "{what} answered {status}, which the document does not list: {}",
        response.body.chars().take(300).collect::<String>()
    );
    if response.status == StatusCode::UNAUTHORIZED {
        assert!(response.header("www-authenticate").is_some_and(|v| v.starts_with("Bearer")), "{what}");
        assert!(operation["responses"]["401"]["headers"].get("WWW-Authenticate").is_some(), "{what}");
    }
}

async fn fuzz_as(app: &TestApp, doc: &Value, api: &mut Api<'_>) {
    let ops = operations(doc);
    for (method, template, operation) in &ops {
        for id in [None, Some("not-a-uuid"), Some("00000000-0000-0000-0000-000000000000")] {
            let path = concrete(app, template, id).await;
            for (content_type, body) in odd_bodies() {
                let response = api.raw(method.clone(), &path, content_type, body.clone(), &[]).await;
                let what = format!("{method} {path} with {content_type:?} body");
                // A body sent to an operation that takes none is read only for its size.
                if operation.get("requestBody").is_some() || body.len() < 1024 {
                    assert_documented_error(operation, &response, &what);
                } else {
                    assert_client_error(&response, &what);
                }
            }
        }
        if let Some(schema) = body_schema(doc, operation) {
            let properties = schema["properties"].as_object().cloned().unwrap_or_default();
            let path = concrete(app, template, None).await;
            for (name, _) in &properties {
                for value in odd_values() {
                    let fields: Vec<String> = properties
                        .iter()
                        .map(|(p, s)| format!("\"{p}\": {}", if p == name { value.clone() } else { plausible(s) }))
                        .collect();
                    let body = format!("{{{}}}", fields.join(", "));
                    let response =
                        api.raw(method.clone(), &path, Some("application/json"), body.into_bytes(), &[]).await;
                    assert_documented_error(
                        operation,
                        &response,
                        &format!("{method} {path} with {name} = {value:.40}"),
                    );
                }
            }
        }
        if *method == Method::GET {
            let path = concrete(app, template, None).await;
            for (name, value) in [
                ("page", "-1"),
                ("page", "99999999999999999999"),
                ("page_size", "1e3"),
                ("page_size", "-100"),
                ("sort", "-"),
                ("sort", "--full_name"),
                ("search", "%00%01"),
                ("search", "%F0%9F%98%80"),
                ("search", "%FF%FE"),
                ("mine", "yes"),
                ("signed", ""),
                ("from", "9999-99-99"),
                ("to", "2026-02-30"),
                ("unknown", "1"),
                ("page", "1&page=2"),
            ] {
                let response = api.raw(Method::GET, &format!("{path}?{name}={value}"), None, vec![], &[]).await;
                assert_documented_error(operation, &response, &format!("GET {path}?{name}={value}"));
            }
            let long = format!("{path}?search={}", "a".repeat(5_000));
            assert_documented_error(operation, &api.raw(Method::GET, &long, None, vec![], &[]).await, "a long search");
        }
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn nothing_a_client_sends_gets_a_server_error(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let doc = document(&app).await;
    for email in [MANAGER, SALES] {
        let mut api = app.api_as(email).await;
        fuzz_as(&app, &doc, &mut api).await;
    }
    let mut anonymous = app.api();
    for (method, template, operation) in operations(&doc) {
        let path = concrete(&app, &template, None).await;
        let response = anonymous.raw(method.clone(), &path, Some("application/json"), b"{}".to_vec(), &[]).await;
        assert_documented_error(&operation, &response, &format!("anonymous {method} {path}"));
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_document_and_the_router_describe_the_same_routes(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let doc = document(&app).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1."), "{}", doc["openapi"]);
    assert_eq!(doc["servers"][0]["url"], common::api::PREFIX);
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    let ops = operations(&doc);
    assert!(ops.len() >= 17, "{} operations", ops.len());

    let mut anonymous = app.api();
    for (method, template, operation) in &ops {
        assert!(operation["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {template}");
        let path = concrete(&app, template, None).await;
        let response = anonymous.raw(method.clone(), &path, None, vec![], &[]).await;
        assert!(
            ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&response.status),
            "documented {method} {template} is not routed: {}",
            response.status
        );
        let secured = operation.get("security").is_some();
        let is_public = template.starts_with("/auth/") || template == "/openapi.json";
        assert_eq!(secured, !is_public, "{method} {template}: security requirement");
        if secured {
            response.problem(StatusCode::UNAUTHORIZED);
        }
    }
    // Methods a documented path does not list are not routed either.
    let mut api = app.api_as(MANAGER).await;
    for (template, item) in doc["paths"].as_object().unwrap() {
        let path = concrete(&app, template, None).await;
        for method in METHODS.iter().filter(|m| item.get(**m).is_none()) {
            let response = api.raw(method.to_uppercase().parse().unwrap(), &path, None, vec![], &[]).await;
            response.problem(StatusCode::METHOD_NOT_ALLOWED);
        }
    }
    for path in ["/unknown", "/clients/x/y", "/auth", "/openapi.yaml"] {
        api.get(path).await.problem(StatusCode::NOT_FOUND);
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_documentation_page_uses_local_files_only(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let mut browser = app.client();
    let page = browser.get("/api/docs").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self';") && !csp.contains("http"), "{csp}");
    assert!(!page.body.contains("http"), "no absolute URL, so nothing from a CDN");
    for src in ["/api/docs/assets/swagger-ui-bundle.js", "/api/docs/assets/swagger-ui.css", "/api/docs/init.js"] {
        assert!(page.body.contains(src));
        let asset = browser.get(src).await;
        assert_eq!(asset.status, StatusCode::OK, "{src}");
    }
    assert!(browser.get("/api/docs/init.js").await.body.contains("/api/v1/openapi.json"));
}
