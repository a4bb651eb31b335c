//! The OpenAPI document says exactly what the server accepts and answers, so that a client
//! generated from it meets no surprise: each limit it states (page, page size, sort values,
//! lengths, amounts) is where the server draws the line, and each error the server answers an
//! operation with is one the operation documents.

use crate::common;

use http::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

use app::listing::SortKey;
use common::TestApp;
use common::api::Api;

const SALES: &str = "commercial@epic-events.fr";
const MANAGER: &str = "gestion@epic-events.fr";

async fn document(app: &TestApp) -> Value {
    app.api().get("/openapi.json").await.json()
}

/// A schema, with a `$ref` to a component resolved.
fn resolved<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => &doc["components"]["schemas"][reference.rsplit('/').next().unwrap()],
        None => schema,
    }
}

fn number(schema: &Value, key: &str) -> Option<i64> {
    schema.get(key).and_then(Value::as_i64)
}

/// A value the schema of a query parameter documents as valid.
fn sample(schema: &Value) -> String {
    if let Some(first) = schema["enum"].get(0) {
        return first.as_str().unwrap().to_owned();
    }
    match (schema["type"].as_str(), schema["format"].as_str()) {
        (Some("boolean"), _) => "true".to_owned(),
        (Some("integer"), _) => "1".to_owned(),
        (_, Some("date")) => "2027-01-01".to_owned(),
        (_, Some("uuid")) => "0f0e0d0c-0b0a-4908-8706-050403020100".to_owned(),
        _ => "x".to_owned(),
    }
}

/// Asserts the answer is a 422 naming `field`.
fn refuses(response: &common::TestResponse, field: &str, what: &str) {
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {}", response.body);
    let problem = response.json();
    assert!(problem["errors"].get(field).is_some(), "{what}: the problem names {field}: {problem}");
}

fn accepts(response: &common::TestResponse, what: &str) {
    assert_eq!(response.status, StatusCode::OK, "{what}: {}", response.body);
}

/// Every sort name any list knows, on the pages or in the API.
fn every_sort_name() -> Vec<String> {
    fn names<S: SortKey>() -> Vec<String> {
        S::ALL.iter().flat_map(|k| [Some(k.code()), k.api_name()]).flatten().map(str::to_owned).collect()
    }
    [
        names::<app::clients::model::ClientSort>(),
        names::<app::contracts::model::ContractSort>(),
        names::<app::events::model::EventSort>(),
        names::<app::collaborators::model::CollaboratorSort>(),
    ]
    .concat()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn every_list_accepts_exactly_the_parameters_and_limits_it_documents(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let doc = document(&app).await;
    let mut api = app.api_as(MANAGER).await;
    let mut lists = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(operation) = item.get("get") else { continue };
        let parameters = operation["parameters"].as_array().cloned().unwrap_or_default();
        let schema_of = |name: &str| {
            let parameter = parameters.iter().find(|p| p["name"] == name && p["in"] == "query");
            parameter.map(|p| resolved(&doc, &p["schema"]).clone())
        };
        let Some(page_size) = schema_of("page_size") else { continue };
        lists += 1;

        let (min, max) = (number(&page_size, "minimum").unwrap(), number(&page_size, "maximum").unwrap());
        accepts(&api.get(&format!("{path}?page_size={min}")).await, &format!("{path} page_size={min}"));
        accepts(&api.get(&format!("{path}?page_size={max}")).await, &format!("{path} page_size={max}"));
        refuses(&api.get(&format!("{path}?page_size={}", min - 1)).await, "page_size", path);
        refuses(&api.get(&format!("{path}?page_size={}", max + 1)).await, "page_size", path);

        // The furthest page, one row at a time; one page further is refused.
        let page = schema_of("page").unwrap();
        let (first, last) = (number(&page, "minimum").unwrap(), number(&page, "maximum").unwrap());
        accepts(&api.get(&format!("{path}?page={first}")).await, &format!("{path} page={first}"));
        accepts(&api.get(&format!("{path}?page={last}&page_size={min}")).await, &format!("{path} page={last}"));
        refuses(&api.get(&format!("{path}?page={}", first - 1)).await, "page", path);
        refuses(&api.get(&format!("{path}?page={}&page_size={min}", last + 1)).await, "page", path);

        let sort = schema_of("sort").unwrap();
        let documented: Vec<String> =
            sort["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
        for value in &documented {
            accepts(&api.get(&format!("{path}?sort={value}")).await, &format!("{path} sort={value}"));
        }
        let mut candidates = vec![String::new(), "-".to_owned(), "--created_at".to_owned()];
        for name in every_sort_name() {
            candidates.push(format!("-{name}"));
            candidates.push(name);
        }
        for candidate in candidates.iter().filter(|c| !documented.contains(c)) {
            refuses(&api.get(&format!("{path}?sort={candidate}")).await, "sort", &format!("{path} sort={candidate:?}"));
        }

        let search = schema_of("search").unwrap();
        let longest = number(&search, "maxLength").unwrap() as usize;
        accepts(&api.get(&format!("{path}?search={}", "a".repeat(longest))).await, &format!("{path} search"));
        refuses(&api.get(&format!("{path}?search={}", "a".repeat(longest + 1))).await, "search", path);

        // Every documented parameter is taken; the page's names and others are not.
        for parameter in &parameters {
            let name = parameter["name"].as_str().unwrap();
            let value = sample(resolved(&doc, &parameter["schema"]));
            accepts(&api.get(&format!("{path}?{name}={value}")).await, &format!("{path} {name}={value}"));
        }
        for name in ["q", "size", "prospects", "unsigned", "inactive", "admin"] {
            if parameters.iter().all(|p| p["name"] != name) {
                refuses(&api.get(&format!("{path}?{name}=1")).await, name, path);
            }
        }
        refuses(&api.get(&format!("{path}?page=1&page=2")).await, "page", path);
    }
    assert_eq!(lists, 4, "the four lists were checked");
}

/// A string of `length` characters the field takes (an address for an e-mail, and so on).
fn text(field: &str, length: usize) -> String {
    match field {
        "email" => format!("{}@exemple.fr", "a".repeat(length - "@exemple.fr".len())),
        "phone" => format!("+33{}612345678", " ".repeat(length - 12)),
        "employee_number" => format!("E{}", "1".repeat(length - 1)),
        _ => "a".repeat(length),
    }
}

/// A creation's path, its body's schema, a valid body (fresh where values must be unique, given
/// the record it hangs on) and the answer to it.
type Creation = (&'static str, &'static str, fn(Uuid) -> Value, StatusCode);

fn fresh_email() -> String {
    format!("{}@exemple.fr", Uuid::new_v4().simple())
}

fn new_client(_: Uuid) -> Value {
    json!({"full_name": "Kevin Casey", "email": fresh_email(), "phone": "06 12 34 56 78", "company_name": "Cool"})
}

fn new_contract(client: Uuid) -> Value {
    json!({"client_id": client, "total_amount": 100_000_000_000i64})
}

fn new_event(contract: Uuid) -> Value {
    json!({"contract_id": contract, "title": "Séminaire", "start": "2027-03-12T13:00:00Z",
           "end": "2027-03-12T22:00:00Z", "location": "Tours", "attendees": 10, "notes": ""})
}

fn new_collaborator(_: Uuid) -> Value {
    let number = format!("T{}", &Uuid::new_v4().simple().to_string()[..8]).to_uppercase();
    json!({"employee_number": number, "full_name": "Marie Curie", "email": fresh_email(), "department": "support"})
}

fn token_request(_: Uuid) -> Value {
    json!({"email": "personne@exemple.fr", "password": "x"})
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn every_documented_length_and_amount_is_where_the_server_draws_the_line(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let doc = document(&app).await;
    let mut sales = app.api_as(SALES).await;
    let mut manager = app.api_as(MANAGER).await;
    let client = sales.post("/clients", new_client(Uuid::nil())).await.created_id();
    let contract = sales.post("/contracts", new_contract(client)).await.created_id();
    sales.send(Method::POST, &format!("/contracts/{contract}/sign"), None).await;

    let bases: [Creation; 5] = [
        ("/clients", "NewClient", new_client, StatusCode::CREATED),
        ("/contracts", "NewContract", new_contract, StatusCode::CREATED),
        ("/events", "NewEvent", new_event, StatusCode::CREATED),
        ("/collaborators", "NewCollaborator", new_collaborator, StatusCode::CREATED),
        // Unknown credentials: a value the server takes is then a 401, not a 422.
        ("/auth/token", "TokenRequest", token_request, StatusCode::UNAUTHORIZED),
    ];
    for (path, schema_name, base, ok) in bases {
        let schema = &doc["components"]["schemas"][schema_name];
        let operation = &doc["paths"][path]["post"];
        assert_eq!(
            operation["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            format!("#/components/schemas/{schema_name}")
        );
        let related = if path == "/events" { contract } else { client };
        // The valid body, with one field changed if given.
        let mut send = async |change: Option<(&str, Value)>| {
            let mut body = base(related);
            if let Some((field, value)) = change {
                body[field] = value;
            }
            let api: &mut Api<'_> = if path == "/collaborators" { &mut manager } else { &mut sales };
            api.post(path, body).await
        };
        if ok == StatusCode::CREATED {
            let answer = send(None).await;
            for header in ["Location", "ETag"] {
                assert!(answer.header(header).is_some(), "POST {path} answers {header}");
                assert!(
                    operation["responses"]["201"]["headers"].get(header).is_some(),
                    "POST {path} documents {header}"
                );
            }
        }
        for (field, property) in schema["properties"].as_object().unwrap() {
            let what = |value: &str| format!("POST {path} with {field} {value}");
            let is_text = property["type"] == "string" && property.get("format").is_none();
            if is_text {
                let longest =
                    number(property, "maxLength").unwrap_or_else(|| panic!("{path}: {field} has no maxLength"));
                let answer = send(Some((field, json!(text(field, longest as usize))))).await;
                assert_eq!(answer.status, ok, "{}: {}", what("at its maxLength"), answer.body);
                let answer = send(Some((field, json!(text(field, longest as usize + 1))))).await;
                if path == "/auth/token" && field == "password" {
                    // Refused like any wrong password: it cannot be one.
                    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", what("too long"));
                } else {
                    refuses(&answer, field, &what("too long"));
                }
                if let Some(shortest) = number(property, "minLength").filter(|n| *n > 0) {
                    let short = "a".repeat(shortest as usize - 1);
                    refuses(&send(Some((field, json!(short)))).await, field, &what("too short"));
                }
            }
            if property["type"] == "integer" {
                for (bound, step) in [("minimum", -1), ("maximum", 1)] {
                    let limit = number(property, bound).unwrap_or_else(|| panic!("{path}: {field} has no {bound}"));
                    let answer = send(Some((field, json!(limit)))).await;
                    assert_eq!(answer.status, ok, "{}: {}", what(bound), answer.body);
                    refuses(
                        &send(Some((field, json!(limit + step)))).await,
                        field,
                        &what(&format!("past its {bound}")),
                    );
                }
            }
        }
    }

    // A change takes what a creation takes.
    for (new, patch) in [
        ("NewClient", "ClientPatch"),
        ("NewContract", "ContractPatch"),
        ("NewEvent", "EventPatch"),
        ("NewCollaborator", "CollaboratorPatch"),
    ] {
        let schemas = &doc["components"]["schemas"];
        for (field, property) in schemas[patch]["properties"].as_object().unwrap() {
            let Some(created) = schemas[new]["properties"].get(field) else { continue };
            for key in ["maxLength", "minLength", "minimum", "maximum"] {
                assert_eq!(property.get(key), created.get(key), "{patch}.{field} {key}");
            }
        }
    }
}

/// The first record of a table, for the operations on one record.
async fn existing(app: &TestApp, table: &str) -> Uuid {
    sqlx::query_scalar(&format!("select id from {table} order by id limit 1")).fetch_one(&app.owner).await.unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn every_operation_documents_the_errors_the_server_answers_it(owner: PgPool) {
    let app = TestApp::spawn(owner).await;
    let doc = document(&app).await;
    let mut manager = app.api_as(MANAGER).await;
    let mut anonymous = app.api();
    let mut checked = [0; 4];
    for (template, item) in doc["paths"].as_object().unwrap() {
        let mut path = template.clone();
        if let Some(kind) = template.split('/').nth(1).filter(|_| template.contains("{id}")) {
            let table = kind.trim_end_matches('s').replace('-', "_");
            path = path.replace("{id}", &existing(&app, &table).await.to_string());
        }
        for (method, operation) in item.as_object().unwrap() {
            let method: Method = method.to_uppercase().parse().unwrap();
            let documents = |status: StatusCode, why: &str| {
                assert!(
                    operation["responses"].get(status.as_str()).is_some(),
                    "{method} {template} answers {status} for {why}, undocumented"
                );
            };
            let parameters = operation["parameters"].as_array().cloned().unwrap_or_default();
            let takes = |place: &str, name: &str| parameters.iter().any(|p| p["in"] == place && p["name"] == name);

            if operation.get("security").is_some() {
                let response = anonymous.raw(method.clone(), &path, None, vec![], &[]).await;
                assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{method} {template}");
                documents(StatusCode::UNAUTHORIZED, "no token");
                checked[0] += 1;
            }
            if operation.get("requestBody").is_some() {
                let json = Some("application/json");
                for (content_type, body, status) in [
                    (Some("text/plain"), "{}", StatusCode::UNSUPPORTED_MEDIA_TYPE),
                    (json, "{", StatusCode::BAD_REQUEST),
                    (json, r#"{"unknown": 1}"#, StatusCode::UNPROCESSABLE_ENTITY),
                ] {
                    let response = manager.raw(method.clone(), &path, content_type, body.into(), &[]).await;
                    assert_eq!(response.status, status, "{method} {template} with {body}: {}", response.body);
                    documents(status, body);
                }
                checked[1] += 1;
            }
            if takes("header", "If-Match") {
                let body = operation.get("requestBody").map(|_| b"{}".to_vec()).unwrap_or_default();
                let content_type = (!body.is_empty()).then_some("application/json");
                let response =
                    manager.raw(method.clone(), &path, content_type, body, &[("if-match", "\"latest\"")]).await;
                assert_eq!(response.status, StatusCode::BAD_REQUEST, "{method} {template}: {}", response.body);
                documents(StatusCode::BAD_REQUEST, "a malformed If-Match");
                checked[2] += 1;
            }
            if template.ends_with("{id}") && method == Method::GET {
                let response = manager.get(&path).await;
                assert_eq!(response.status, StatusCode::OK, "{method} {template}");
                assert!(response.header("etag").is_some(), "{method} {template} answers its version");
                assert!(operation["responses"]["200"]["headers"].get("ETag").is_some(), "{method} {template}");
            }
            if template.contains("{id}") {
                let unknown = template.replace("{id}", &Uuid::nil().to_string());
                let body = operation.get("requestBody").map(|_| b"{}".to_vec()).unwrap_or_default();
                let content_type = (!body.is_empty()).then_some("application/json");
                let response = manager.raw(method.clone(), &unknown, content_type, body, &[]).await;
                assert_eq!(response.status, StatusCode::NOT_FOUND, "{method} {template}: {}", response.body);
                documents(StatusCode::NOT_FOUND, "an unknown id");
                checked[3] += 1;
            }
        }
    }
    assert!(checked.iter().all(|n| *n > 0), "every kind of error was tried: {checked:?}");
}
