//! REST API calls for the tests: JSON in, JSON (or problem details) out, with a bearer token.

use axum::body::Body;
use http::{Method, Request, StatusCode, header};
use serde_json::Value;

use super::{Client, TestApp, TestResponse};

pub const PREFIX: &str = "/api/v1";

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    /// Asserts a problem document with this status, and returns it.
    pub fn problem(&self, status: StatusCode) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.header("content-type"), Some("application/problem+json"), "{}", self.body);
        let problem = self.json();
        assert_eq!(problem["status"], status.as_u16(), "{problem}");
        assert_eq!(problem["type"], "about:blank");
        assert!(problem["title"].is_string() && problem["detail"].is_string(), "{problem}");
        problem
    }
}

/// An API client: a peer address and, once signed in, a bearer token.
pub struct Api<'a> {
    pub client: Client<'a>,
    pub access: Option<String>,
    pub refresh: Option<String>,
}

impl TestApp {
    pub fn api(&self) -> Api<'_> {
        Api { client: self.client(), access: None, refresh: None }
    }

    /// An API client holding tokens for `email`.
    pub async fn api_as(&self, email: &str) -> Api<'_> {
        let mut api = self.api();
        let response = api.sign_in(email, super::PASSWORD).await;
        assert_eq!(response.status, StatusCode::OK, "token for {email}: {}", response.body);
        api
    }
}

impl Api<'_> {
    pub async fn sign_in(&mut self, email: &str, password: &str) -> TestResponse {
        let response = self
            .send(Method::POST, "/auth/token", Some(serde_json::json!({"email": email, "password": password})))
            .await;
        if response.status == StatusCode::OK {
            let body = response.json();
            self.access = Some(body["access_token"].as_str().unwrap().to_owned());
            self.refresh = Some(body["refresh_token"].as_str().unwrap().to_owned());
        }
        response
    }

    /// A JSON request to `PREFIX` + `path`.
    pub async fn send(&mut self, method: Method, path: &str, body: Option<Value>) -> TestResponse {
        let body = body.map(|b| b.to_string());
        self.raw(method, path, body.as_ref().map(|_| "application/json"), body.unwrap_or_default().into_bytes(), &[])
            .await
    }

    /// Any request: content type, body and extra headers as given.
    pub async fn raw(
        &mut self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let mut request = Request::builder().method(method).uri(format!("{PREFIX}{path}"));
        if let Some(token) = &self.access {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.client.send(request.body(Body::from(body)).unwrap()).await
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&mut self, path: &str, body: Value) -> TestResponse {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&mut self, path: &str, body: Value) -> TestResponse {
        self.send(Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&mut self, path: &str, body: Value) -> TestResponse {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&mut self, path: &str) -> TestResponse {
        self.send(Method::DELETE, path, None).await
    }
}
