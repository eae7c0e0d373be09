//! Test controls, served only with `--test-controls`: role memberships, seeding,
//! fault injection into the next requests of a route, and a log of API requests.

use crate::problem::Problem;
use crate::properties::json_body;
use crate::store;
use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{put, MethodRouter};
use axum::{Json, Router};
use guided_checklist::visibility::DEFAULT_ORGANIZATION;
use guided_checklist::UserProperties;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What to do to the next `count` API requests matching `method` and `path` (a prefix).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    method: Option<String>,
    path: Option<String>,
    #[serde(default = "one")]
    count: u32,
    /// Answer with this status (and a problem body) instead of serving the request.
    status: Option<u16>,
    /// `Retry-After` value to send with `status`.
    retry_after: Option<String>,
    /// The body to send with `status` instead of a generic problem.
    body: Option<serde_json::Value>,
    /// Wait this long first.
    #[serde(default)]
    delay_ms: u64,
    /// Break the connection instead of answering.
    #[serde(default)]
    drop: bool,
    /// Serve the request, but without its `ETag` (as an API that does not expose it to pages).
    #[serde(default)]
    hide_etag: bool,
}

fn one() -> u32 {
    1
}

/// One API request as the server answered it.
#[derive(Clone, Debug, Serialize)]
pub struct Logged {
    method: String,
    path: String,
    status: u16,
    /// The names of the request's headers (never their values, so never a token or cookie).
    headers: Vec<String>,
}

/// The controls' shared state.
#[derive(Default)]
pub struct Controls {
    faults: Mutex<Vec<Fault>>,
    log: Mutex<Vec<Logged>>,
}

impl Controls {
    fn take_fault(&self, method: &Method, path: &str) -> Option<Fault> {
        let mut faults = self.faults.lock().unwrap_or_else(|p| p.into_inner());
        let index = faults.iter().position(|f| {
            f.count > 0
                && f.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()))
                && f.path.as_deref().is_none_or(|p| path.starts_with(p))
        })?;
        let fault = faults.get_mut(index)?;
        fault.count -= 1;
        let taken = fault.clone();
        if fault.count == 0 {
            faults.remove(index);
        }
        Some(taken)
    }
}

/// Applies injected faults and logs API requests.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(controls) = state.controls.clone() else { return next.run(request).await };
    let path = request.uri().path().to_owned();
    if path.starts_with("/__test") || request.method() == Method::OPTIONS {
        return next.run(request).await;
    }
    let method = request.method().clone();
    let headers: Vec<String> = request.headers().keys().map(|name| name.as_str().to_owned()).collect();
    let response = match controls.take_fault(&method, &path) {
        None => next.run(request).await,
        Some(fault) => {
            tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
            if fault.drop {
                dropped_connection()
            } else if let Some(status) = fault.status.and_then(|s| StatusCode::from_u16(s).ok()) {
                let mut response = match &fault.body {
                    Some(body) => {
                        (status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response()
                    }
                    None => Problem::new(status, "injected fault").into_response(),
                };
                if let Some(retry) = fault.retry_after.as_deref().and_then(|r| HeaderValue::from_str(r).ok()) {
                    response.headers_mut().insert(header::RETRY_AFTER, retry);
                }
                response
            } else {
                let mut response = next.run(request).await;
                if fault.hide_etag {
                    response.headers_mut().remove(header::ETAG);
                }
                response
            }
        }
    };
    let logged = Logged { method: method.to_string(), path, status: response.status().as_u16(), headers };
    controls.log.lock().unwrap_or_else(|p| p.into_inner()).push(logged);
    response
}

/// A response whose body fails at once: the server breaks the connection
/// before a complete answer, as a network failure would.
fn dropped_connection() -> Response {
    let failing = futures_util::stream::once(async { Err::<Bytes, _>(std::io::Error::other("injected drop")) });
    let mut response = Response::new(Body::from_stream(failing));
    response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from_static("1000"));
    response
}

/// The `/__test` routes, for admin tokens only (they rewrite records and roles).
pub fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/__test/memberships/{user_id}", put(set_memberships))
        .route("/__test/records/{user_id}", put(seed_record))
        .route("/__test/faults", MethodRouter::new().post(add_fault).delete(clear_faults))
        .route("/__test/requests", MethodRouter::new().get(list_requests).delete(clear_requests))
        .route_layer(middleware::from_fn_with_state(state, require_admin))
}

async fn require_admin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match state.tokens.authorize_admin(request.headers()) {
        Ok(()) => next.run(request).await,
        Err(problem) => problem.into_response(),
    }
}

fn controls(state: &AppState) -> Result<Arc<Controls>, Problem> {
    state.controls.clone().ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "test controls are off"))
}

#[derive(Deserialize)]
struct Memberships {
    roles: Vec<String>,
}

async fn set_memberships(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    Json(body): Json<Memberships>,
) -> Result<StatusCode, Problem> {
    let org = query.get("organization").cloned().unwrap_or_else(|| DEFAULT_ORGANIZATION.to_owned());
    state.store.transaction(move |tx| store::set_roles(tx, &user_id, &org, &body.roles)).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn seed_record(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, Problem> {
    let record = UserProperties::from_value(json_body(&headers, body)?)?;
    state
        .store
        .transaction(move |tx| {
            let version = store::get(tx, &user_id)?.map_or(1, |c| c.version + 1);
            store::put(tx, &user_id, &record, version)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn add_fault(State(state): State<AppState>, Json(fault): Json<Fault>) -> Result<StatusCode, Problem> {
    controls(&state)?.faults.lock().unwrap_or_else(|p| p.into_inner()).push(fault);
    Ok(StatusCode::NO_CONTENT)
}

/// Clears every fault, or with `?path=PREFIX` those whose path starts with it.
async fn clear_faults(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<StatusCode, Problem> {
    let controls = controls(&state)?;
    let mut faults = controls.faults.lock().unwrap_or_else(|p| p.into_inner());
    match query.get("path") {
        Some(prefix) => faults.retain(|f| !f.path.as_deref().is_some_and(|p| p.starts_with(prefix.as_str()))),
        None => faults.clear(),
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn list_requests(State(state): State<AppState>) -> Result<Json<Vec<Logged>>, Problem> {
    Ok(Json(controls(&state)?.log.lock().unwrap_or_else(|p| p.into_inner()).clone()))
}

async fn clear_requests(State(state): State<AppState>) -> Result<StatusCode, Problem> {
    controls(&state)?.log.lock().unwrap_or_else(|p| p.into_inner()).clear();
    Ok(StatusCode::NO_CONTENT)
}
