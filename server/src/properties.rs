//! GET, PUT and PATCH of `/api/usermanagement/v1/users/{userId}/properties`.

use crate::auth::Principal;
use crate::problem::Problem;
use crate::store::{self, Stored};
use crate::view::{keep_hidden, present, Writer};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use guided_checklist::document::parse_json;
use guided_checklist::issue::{Code, Issue};
use guided_checklist::visibility::DEFAULT_ORGANIZATION;
use guided_checklist::Json;
use guided_checklist::{GuidedChecklist, Timestamp, UserProperties};
use serde::Deserialize;

/// The organization whose role memberships resolve `roles`: `?organization=`,
/// `DEFAULT_ORGANIZATION` when absent.
#[derive(Debug, Deserialize)]
pub struct Org {
    organization: Option<String>,
}

impl Org {
    fn name(self) -> String {
        self.organization.filter(|o| !o.is_empty()).unwrap_or_else(|| DEFAULT_ORGANIZATION.to_owned())
    }
}

type UserPath = Result<Path<String>, PathRejection>;
type OrgQuery = Result<Query<Org>, QueryRejection>;
type Body = Result<Bytes, BytesRejection>;

fn request_parts(path: UserPath, query: OrgQuery) -> Result<(String, String), Problem> {
    let Path(user_id) = path.map_err(|e| Problem::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    let Query(org) = query.map_err(|e| Problem::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    Ok((user_id, org.name()))
}

/// `GET .../properties`: the record with `roles` resolved and hidden steps left out.
pub async fn get(
    State(state): State<AppState>,
    path: UserPath,
    query: OrgQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let (user_id, org) = request_parts(path, query)?;
    state.tokens.authorize(&headers, &user_id)?;
    let (stored, roles) = state
        .store
        .transaction(move |tx| {
            let stored = store::get(tx, &user_id)?.ok_or_else(|| not_found(&user_id))?;
            Ok((stored, store::roles(tx, &user_id, &org)?))
        })
        .await?;
    Ok(record_response(stored, &roles))
}

/// `PUT .../properties`: creates or replaces the whole record.
pub async fn put(State(state): State<AppState>, checked: CheckedWrite) -> Result<Response, Problem> {
    let CheckedWrite { write, value } = checked;
    let admin = write.admin;
    let mut record = UserProperties::from_value(value)?;
    if record.user_id != write.user_id {
        return Err(Problem::invalid(vec![Issue {
            path: "/userId".to_owned(),
            code: Code::Mismatch,
            message: format!("is {:?} but the URL names user {:?}", record.user_id, write.user_id),
        }]));
    }
    commit(&state, write, false, move |current, roles, now| {
        let stored_checklist = current.as_ref().and_then(|c| c.record.guided_checklist.as_ref());
        if let Some(incoming) = record.guided_checklist.take() {
            let writer = Writer { roles, admin };
            record.guided_checklist = Some(keep_hidden(stored_checklist, incoming, writer, "/guidedChecklist")?);
        }
        record.created_date = current.map_or_else(|| now.clone(), |c| c.record.created_date);
        record.modified_date = now;
        Ok(record)
    })
    .await
}

/// `PATCH .../properties/guided-checklist`: replaces only `guidedChecklist` of an existing record.
pub async fn patch_checklist(State(state): State<AppState>, checked: CheckedWrite) -> Result<Response, Problem> {
    let CheckedWrite { write, value } = checked;
    let admin = write.admin;
    let incoming = GuidedChecklist::from_value(value)?;
    commit(&state, write, true, move |current, roles, now| {
        let mut record = current.map(|c| c.record).ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "no record"))?;
        let writer = Writer { roles, admin };
        record.guided_checklist = Some(keep_hidden(record.guided_checklist.as_ref(), incoming, writer, "")?);
        record.modified_date = now;
        Ok(record)
    })
    .await
}

/// Who writes where, on which version, at what time.
struct Write {
    user_id: String,
    org: String,
    /// An admin token wrote: it may write steps the user cannot see.
    admin: bool,
    if_match: Option<HeaderValue>,
    /// `If-None-Match: *`: create only, never replace.
    create_only: bool,
    now: Timestamp,
}

/// A write request that passed what every write checks before touching the database:
/// the URL, the token and the body.
pub struct CheckedWrite {
    write: Write,
    value: Json,
}

impl FromRequest<AppState> for CheckedWrite {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Problem> {
        let (mut parts, body) = request.into_parts();
        let path = Path::<String>::from_request_parts(&mut parts, state).await;
        let query = Query::<Org>::from_request_parts(&mut parts, state).await;
        let (user_id, org) = request_parts(path, query)?;
        let admin = state.tokens.authorize(&parts.headers, &user_id)? == Principal::Admin;
        let if_match = parts.headers.get(header::IF_MATCH).cloned();
        let create_only =
            parts.headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.trim() == "*");
        let headers = parts.headers.clone();
        let body = Bytes::from_request(Request::from_parts(parts, body), state).await;
        let value = json_body(&headers, body)?;
        let now = Timestamp::from_instant(chrono::Utc::now());
        Ok(CheckedWrite { write: Write { user_id, org, admin, if_match, create_only, now }, value })
    }
}

/// In one transaction: reads the current record (404 when `must_exist` and there is
/// none), checks `If-Match`, resolves the roles, lets `change` make the new record
/// and stores it as the next version.
async fn commit<F>(state: &AppState, write: Write, must_exist: bool, change: F) -> Result<Response, Problem>
where
    F: FnOnce(Option<Stored>, &[String], Timestamp) -> Result<UserProperties, Problem> + Send + 'static,
{
    let Write { user_id, org, if_match, create_only, now, .. } = write;
    let (stored, roles) = state
        .store
        .transaction(move |tx| {
            let current = store::get(tx, &user_id)?;
            if must_exist && current.is_none() {
                return Err(not_found(&user_id));
            }
            let roles = store::roles(tx, &user_id, &org)?;
            check_if_match(if_match.as_ref(), current.as_ref(), &roles)?;
            if let (true, Some(existing)) = (create_only, current.as_ref()) {
                return Err(precondition_failed(
                    Some(etag(existing.version, &roles)),
                    "the record exists (If-None-Match: *)",
                ));
            }
            let version = current.as_ref().map_or(1, |c| c.version + 1);
            let record = change(current, &roles, now)?;
            store::put(tx, &user_id, &record, version)?;
            Ok((Stored { record, version }, roles))
        })
        .await?;
    Ok(record_response(stored, &roles))
}

/// A JSON body: 415 for another content type, 413 over the limit, 400 when not JSON.
pub fn json_body(headers: &HeaderMap, body: Body) -> Result<Json, Problem> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase());
    match media_type.as_deref() {
        Some("application/json") => {}
        Some(m) if m.starts_with("application/") && m.ends_with("+json") => {}
        _ => {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "the body must be `Content-Type: application/json`",
            ))
        }
    }
    let bytes = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "the body is over the size limit"),
        status => Problem::new(status, e.body_text()),
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        Problem::invalid(vec![Issue {
            path: String::new(),
            code: Code::InvalidJson,
            message: "the body is not UTF-8".into(),
        }])
    })?;
    Ok(parse_json(text)?)
}

/// `If-Match` holds when absent, `*` with a record, or naming the representation this
/// writer would read now: a tag served before a change of roles no longer matches.
fn check_if_match(if_match: Option<&HeaderValue>, current: Option<&Stored>, roles: &[String]) -> Result<(), Problem> {
    let Some(if_match) = if_match else { return Ok(()) };
    let current_tag = current.map(|c| etag(c.version, roles));
    let matches = match (if_match.to_str(), current_tag.as_deref()) {
        (Ok(list), Some(tag)) => list.split(',').map(str::trim).any(|t| t == "*" || t == tag),
        _ => false,
    };
    if matches {
        return Ok(());
    }
    Err(precondition_failed(current_tag, "the record has changed since it was read (If-Match)"))
}

/// 412 with the current `ETag`, when there is a record.
fn precondition_failed(current_tag: Option<String>, detail: &str) -> Problem {
    let problem = Problem::new(StatusCode::PRECONDITION_FAILED, detail);
    match current_tag.and_then(|t| HeaderValue::from_str(&t).ok()) {
        Some(tag) => problem.with_header(header::ETAG, tag),
        None => problem,
    }
}

fn not_found(user_id: &str) -> Problem {
    Problem::new(StatusCode::NOT_FOUND, format!("user {user_id:?} has no properties record"))
}

/// The validator of what a reader with `roles` is served of a record's `version`: the
/// representation depends on both (roles are resolved and steps filtered at read time),
/// so both are in the tag. FNV-1a keeps the tag stable across restarts and builds.
fn etag(version: i64, roles: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in roles.iter().flat_map(|r| r.bytes().chain([0])) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("\"{version}-{hash:016x}\"")
}

fn record_response(stored: Stored, roles: &[String]) -> Response {
    let tag = etag(stored.version, roles);
    let body = present(stored.record, roles).to_json_string();
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(tag) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, tag);
    }
    response
}
