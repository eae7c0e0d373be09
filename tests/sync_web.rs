//! `ChecklistClient` in headless Chromium against the real reference server
//! (started by scripts/test.sh, which passes its URL and admin token at build time).
#![cfg(target_arch = "wasm32")]

mod common;

use common::builders::{checklist, record, step};
use gloo_net::http::Request;
use guided_checklist::wasm::ChecklistClient;
use js_sys::{Date, Function, Object, Promise, Reflect, JSON};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const API: Option<&str> = option_env!("GC_API_URL");
const TOKEN: Option<&str> = option_env!("GC_API_TOKEN");

fn api() -> &'static str {
    API.expect("GC_API_URL: run the browser tests through scripts/test.sh, which starts the reference server")
}

fn token() -> &'static str {
    TOKEN.expect("GC_API_TOKEN: run through scripts/test.sh")
}

fn unique(name: &str) -> String {
    format!("{name}-{}", (js_sys::Math::random() * 1e12) as u64)
}

fn user_path(user: &str) -> String {
    format!("/api/usermanagement/v1/users/{user}/")
}

async fn control(method: &str, path: &str, body: Option<Value>) -> u16 {
    let url = format!("{}{path}", api());
    let builder = match method {
        "PUT" => Request::put(&url),
        "POST" => Request::post(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::get(&url),
    }
    .header("Authorization", &format!("Bearer {}", token()));
    let response = match body {
        Some(body) => builder.header("Content-Type", "application/json").body(body.to_string()).unwrap().send().await,
        None => builder.send().await,
    };
    response.expect("the test server answers").status()
}

/// Seeds a user with steps a, b, c (and `extra` steps), roles `roles`, and unknown fields.
async fn seed(user: &str, extra: Vec<Value>, roles: &[&str]) {
    let mut steps = vec![step("a", &[]), step("b", &[]), step("c", &[])];
    steps.extend(extra);
    let mut checklist = checklist(steps);
    checklist["x-flag"] = json!({"keep": [1, 2]});
    let mut record = record(user, checklist);
    record["theme"] = json!("dark");
    assert_eq!(control("PUT", &format!("/__test/records/{user}"), Some(record)).await, 204);
    assert_eq!(control("PUT", &format!("/__test/memberships/{user}"), Some(json!({"roles": roles}))).await, 204);
}

async fn fault(user: &str, mut spec: Value) {
    spec["path"] = json!(user_path(user));
    assert_eq!(control("POST", "/__test/faults", Some(spec)).await, 204);
}

async fn clear_faults(user: &str) {
    let prefix = String::from(js_sys::encode_uri_component(&user_path(user)));
    assert_eq!(control("DELETE", &format!("/__test/faults?path={prefix}"), None).await, 204);
}

/// The API requests the server answered for `user`, as (method, status).
async fn requests(user: &str) -> Vec<(String, u16)> {
    request_log(user)
        .await
        .iter()
        .map(|r| (r["method"].as_str().unwrap().to_owned(), r["status"].as_u64().unwrap() as u16))
        .collect()
}

/// The API requests the server answered for `user`, as the test controls log them.
async fn request_log(user: &str) -> Vec<Value> {
    let url = format!("{}/__test/requests", api());
    let bearer = format!("Bearer {}", token());
    let log: Value = Request::get(&url).header("Authorization", &bearer).send().await.unwrap().json().await.unwrap();
    let prefix = user_path(user);
    let prefix = prefix.trim_end_matches('/');
    log.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"].as_str().is_some_and(|p| p.starts_with(prefix)))
        .cloned()
        .collect()
}

async fn server_record(user: &str) -> Value {
    let url = format!("{}/api/usermanagement/v1/users/{user}/properties", api());
    Request::get(&url)
        .header("Authorization", &format!("Bearer {}", token()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn status_on_server(record: &Value, step: &str) -> String {
    record["guidedChecklist"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stepId"] == step)
        .map_or_else(|| "absent".to_owned(), |s| s["status"].as_str().unwrap().to_owned())
}

fn token_fn(token: Rc<RefCell<String>>) -> JsValue {
    Closure::<dyn FnMut() -> JsValue>::new(move || JsValue::from_str(&token.borrow())).into_js_value()
}

/// A JS function that throws an `Error` with `message`.
fn throwing(message: &'static str) -> JsValue {
    Closure::<dyn FnMut() -> Result<JsValue, JsValue>>::new(move || Err(js_sys::Error::new(message).into()))
        .into_js_value()
}

/// A test's client, destroyed when the test ends, passed or failed: a failing assertion
/// leaves no sync loop or listener running into the next test.
struct Scenario(ChecklistClient);

impl std::ops::Deref for Scenario {
    type Target = ChecklistClient;
    fn deref(&self) -> &ChecklistClient {
        &self.0
    }
}

impl Drop for Scenario {
    fn drop(&mut self) {
        self.0.destroy();
    }
}

fn client_with(user: &str, options: Value, token: Rc<RefCell<String>>) -> Scenario {
    let mut all = json!({"baseUrl": api(), "userId": user, "retry": {"baseMs": 20, "maxMs": 150}});
    if let (Some(all), Some(extra)) = (all.as_object_mut(), options.as_object()) {
        all.extend(extra.clone());
    }
    let js = JSON::parse(&all.to_string()).unwrap();
    Reflect::set(&js, &"getAccessToken".into(), &token_fn(token)).unwrap();
    Scenario(ChecklistClient::new(js.unchecked_into()).expect("client options are valid"))
}

fn client(user: &str, options: Value) -> Scenario {
    client_with(user, options, Rc::new(RefCell::new(token().to_owned())))
}

fn snapshot(c: &ChecklistClient) -> Value {
    serde_json::from_str(&String::from(JSON::stringify(&c.get_snapshot()).unwrap())).unwrap()
}

fn local_status(c: &ChecklistClient, step: &str) -> String {
    let snap = snapshot(c);
    snap["checklist"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stepId"] == step)
        .map_or_else(|| "absent".to_owned(), |s| s["status"].as_str().unwrap().to_owned())
}

async fn wait(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Collects the events of one type.
fn record_events(c: &ChecklistClient, kind: &str) -> Rc<RefCell<Vec<Value>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        sink.borrow_mut().push(serde_json::from_str(&String::from(JSON::stringify(&e).unwrap())).unwrap());
    });
    c.on(kind.to_owned(), handler.into_js_value().unchecked_into()).expect("a known event type");
    seen
}

#[wasm_bindgen_test]
async fn load_reads_the_record_and_resolves_roles_and_visibility() {
    let user = unique("load");
    seed(&user, vec![step("admin-only", &["admin"])], &["member"]).await;
    let c = client(&user, json!({"storage": "memory"}));
    assert_eq!(snapshot(&c)["sync"]["status"], "loading");
    wait(c.load()).await.unwrap();
    let snap = snapshot(&c);
    assert_eq!(snap["sync"]["status"], "idle");
    assert_eq!(snap["checklist"]["roles"], json!(["member"]));
    assert_eq!(snap["visibleSteps"].as_array().unwrap().len(), 3, "admin-only is hidden by the server");
    assert_eq!(snap["progress"]["total"], 3);
    c.destroy();
}

#[wasm_bindgen_test]
async fn an_edit_shows_at_once_and_reaches_the_server_with_a_stable_snapshot_identity() {
    let user = unique("edit");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory", "actorId": "0f8fad5b-d9cb-469f-a165-70867728950e"}));
    wait(c.load()).await.unwrap();
    let first = c.get_snapshot();
    assert!(Object::is_frozen(first.unchecked_ref::<Object>()), "snapshots are frozen");
    assert_eq!(first, c.get_snapshot(), "same object until something changes");
    let steps = record_events(&c, "step");
    c.complete_step("a".into(), None).unwrap();
    assert_ne!(first, c.get_snapshot(), "a new snapshot after a change");
    assert_eq!(local_status(&c, "a"), "COMPLETED", "the edit shows before any request");
    assert_eq!(snapshot(&c)["sync"]["pending"], 1);
    assert_eq!(steps.borrow()[0]["stepId"], "a");
    assert_eq!(steps.borrow()[0]["from"], "UP_NEXT");
    wait(c.flush()).await.unwrap();
    let server = server_record(&user).await;
    assert_eq!(status_on_server(&server, "a"), "COMPLETED");
    assert_eq!(server["guidedChecklist"]["steps"][0]["completedBy"], "0f8fad5b-d9cb-469f-a165-70867728950e");
    assert_eq!(snapshot(&c)["sync"]["pending"], 0);
    assert!(snapshot(&c)["sync"]["lastSyncedAt"].is_string());
    c.destroy();
}

#[wasm_bindgen_test]
async fn a_snapshot_shows_the_progress_and_sync_state_of_its_view() {
    // The figures cross as numbers and the texts beside them only when they change: every
    // field is checked, after edits that move each count.
    let user = unique("figures");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    let progress = |c: &ChecklistClient| snapshot(c)["progress"].clone();
    assert_eq!(progress(&c), Value::Null, "no checklist before the first load");
    wait(c.load()).await.unwrap();
    c.complete_step("a".into(), None).unwrap();
    c.start_step("b".into(), None).unwrap();
    assert_eq!(
        progress(&c),
        json!({"total": 3, "completed": 1, "skipped": 0, "inProgress": 1, "remaining": 2, "percent": 33,
            "nextStepId": "b", "complete": false, "dismissed": false})
    );
    c.skip_step("c".into(), None).unwrap();
    c.complete_step("b".into(), None).unwrap();
    c.dismiss(None).unwrap();
    assert_eq!(
        progress(&c),
        json!({"total": 3, "completed": 2, "skipped": 1, "inProgress": 0, "remaining": 0, "percent": 100,
            "nextStepId": null, "complete": true, "dismissed": true})
    );
    let sync = snapshot(&c)["sync"].clone();
    assert_eq!(sync["pending"], 5);
    assert_eq!(sync["storage"], "memory");
    assert_eq!(sync["lastError"], Value::Null);
    let shown = Reflect::get(&c.get_snapshot(), &"progress".into()).unwrap();
    assert!(Object::is_frozen(shown.unchecked_ref::<Object>()), "the progress is frozen");
    wait(c.flush()).await.unwrap();
    let sync = snapshot(&c)["sync"].clone();
    assert_eq!((sync["status"].as_str(), sync["pending"].as_u64()), (Some("idle"), Some(0)));
    assert!(sync["lastSyncedAt"].is_string());
    c.destroy();
}

#[wasm_bindgen_test]
async fn twenty_edits_during_an_outage_reach_the_server_in_one_patch_after_recovery() {
    let user = unique("outage");
    seed(&user, vec![step("d", &[]), step("e", &[])], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    fault(&user, json!({"drop": true, "count": 100000})).await;
    let ids = ["a", "b", "c", "d", "e"];
    for round in 0..4 {
        for id in ids {
            match round {
                0 => c.start_step(id.into(), None),
                1 => c.skip_step(id.into(), None),
                2 => c.reopen_step(id.into(), None),
                _ => c.complete_step(id.into(), None),
            }
            .unwrap();
        }
    }
    assert_eq!(snapshot(&c)["sync"]["pending"], 20);
    sleep(400).await;
    assert_eq!(snapshot(&c)["sync"]["status"], "offline");
    clear_faults(&user).await;
    let before = requests(&user).await.len();
    wait(c.flush()).await.unwrap();
    let after: Vec<_> = requests(&user).await.split_off(before);
    let patches = after.iter().filter(|(m, _)| m == "PATCH").count();
    assert_eq!(patches, 1, "one PATCH carries all 20 edits: {after:?}");
    web_sys::console::log_1(&format!("requests that reached the server after recovery: {after:?}").into());
    let server = server_record(&user).await;
    for id in ids {
        assert_eq!(status_on_server(&server, id), "COMPLETED");
    }
    c.destroy();
}

#[wasm_bindgen_test]
async fn a_new_client_on_the_same_storage_loses_nothing() {
    let user = unique("reload");
    seed(&user, vec![], &[]).await;
    let first = client(&user, json!({}));
    wait(first.load()).await.unwrap();
    fault(&user, json!({"drop": true, "count": 100000})).await;
    first.skip_step("b".into(), None).unwrap();
    first.destroy();
    clear_faults(&user).await;
    let second = client(&user, json!({}));
    assert_eq!(local_status(&second, "b"), "SKIPPED", "the cached state and outbox come back at once");
    assert_eq!(snapshot(&second)["sync"]["pending"], 1);
    wait(second.load()).await.unwrap();
    wait(second.flush()).await.unwrap();
    assert_eq!(status_on_server(&server_record(&user).await, "b"), "SKIPPED");
    second.clear_storage();
    second.destroy();
}

#[wasm_bindgen_test]
async fn retry_after_on_429_is_respected() {
    let user = unique("retry-after");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    fault(&user, json!({"method": "PATCH", "status": 429, "retryAfter": "1"})).await;
    let started = Date::now();
    c.complete_step("c".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    let waited = Date::now() - started;
    assert!(waited >= 1000.0, "waited {waited} ms for Retry-After: 1");
    assert_eq!(status_on_server(&server_record(&user).await, "c"), "COMPLETED");
    c.destroy();
}

#[wasm_bindgen_test]
async fn server_errors_are_retried() {
    let user = unique("5xx");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    fault(&user, json!({"method": "PATCH", "status": 503, "count": 2})).await;
    c.start_step("a".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    let patches: Vec<u16> = requests(&user).await.into_iter().filter(|(m, _)| m == "PATCH").map(|(_, s)| s).collect();
    assert_eq!(patches, [503, 503, 200]);
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "IN_PROGRESS");
    c.destroy();
}

#[wasm_bindgen_test]
async fn a_401_pauses_syncing_and_resume_continues() {
    let user = unique("401");
    seed(&user, vec![], &[]).await;
    let token = Rc::new(RefCell::new(token().to_owned()));
    let c = client_with(&user, json!({"storage": "memory"}), token.clone());
    wait(c.load()).await.unwrap();
    *token.borrow_mut() = "expired".to_owned();
    let errors = record_events(&c, "error");
    c.complete_step("a".into(), None).unwrap();
    let stopped = wait(c.flush()).await.expect_err("flush rejects when syncing stops");
    assert!(stopped.is_instance_of::<js_sys::Error>(), "a real Error");
    assert_eq!(Reflect::get(&stopped, &"name".into()).unwrap(), "ChecklistSyncError");
    assert_eq!(Reflect::get(&stopped, &"code".into()).unwrap(), "http");
    assert_eq!(Reflect::get(&stopped, &"status".into()).unwrap(), 401);
    let snap = snapshot(&c);
    assert_eq!(snap["sync"]["status"], "paused");
    assert_eq!(snap["sync"]["pending"], 1, "the outbox is kept");
    assert_eq!(errors.borrow()[0]["status"], 401);
    *token.borrow_mut() = crate::token().to_owned();
    c.resume();
    wait(c.flush()).await.unwrap();
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "COMPLETED");
    c.destroy();
}

#[wasm_bindgen_test]
async fn a_400_rolls_back_only_the_offending_edit() {
    let user = unique("400");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    let problem = json!({"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "step b refused",
        "errors": [{"path": "/steps/1/status", "code": "enum", "message": "refused"}]});
    fault(&user, json!({"method": "PATCH", "status": 400, "body": problem})).await;
    let errors = record_events(&c, "error");
    c.complete_step("a".into(), None).unwrap();
    c.skip_step("b".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    let server = server_record(&user).await;
    assert_eq!(status_on_server(&server, "a"), "COMPLETED", "the innocent edit still lands");
    assert_eq!(status_on_server(&server, "b"), "UP_NEXT");
    assert_eq!(local_status(&c, "b"), "UP_NEXT", "the offending edit is rolled back in the view");
    assert_eq!(errors.borrow()[0]["errors"][0]["path"], "/steps/1/status");
    assert_eq!(errors.borrow()[0]["message"], "step b refused");
    c.destroy();
}

#[wasm_bindgen_test]
async fn a_412_leads_to_a_read_and_a_replay() {
    let user = unique("412");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    let mut other = server_record(&user).await["guidedChecklist"].clone();
    other["steps"][2]["status"] = json!("SKIPPED");
    let url = format!("{}/api/usermanagement/v1/users/{user}/properties/guided-checklist", api());
    let written = Request::patch(&url)
        .header("Authorization", &format!("Bearer {}", token()))
        .header("Content-Type", "application/json")
        .body(other.to_string())
        .unwrap()
        .send()
        .await
        .unwrap();
    assert_eq!(written.status(), 200);
    c.complete_step("a".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    let server = server_record(&user).await;
    assert_eq!(status_on_server(&server, "a"), "COMPLETED");
    assert_eq!(status_on_server(&server, "c"), "SKIPPED", "the other writer's change survives");
    let statuses: Vec<u16> = requests(&user).await.into_iter().filter(|(m, _)| m == "PATCH").map(|(_, s)| s).collect();
    assert_eq!(statuses, [200, 412, 200]);
    c.destroy();
}

#[wasm_bindgen_test]
async fn two_clients_editing_different_steps_both_survive() {
    let user = unique("two-devices");
    seed(&user, vec![], &[]).await;
    let phone = client(&user, json!({"storage": "memory"}));
    let laptop = client(&user, json!({"storage": "memory"}));
    wait(phone.load()).await.unwrap();
    wait(laptop.load()).await.unwrap();
    phone.complete_step("a".into(), None).unwrap();
    laptop.skip_step("b".into(), None).unwrap();
    wait(phone.flush()).await.unwrap();
    wait(laptop.flush()).await.unwrap();
    let server = server_record(&user).await;
    assert_eq!(
        (status_on_server(&server, "a"), status_on_server(&server, "b")),
        ("COMPLETED".into(), "SKIPPED".into())
    );
    phone.destroy();
    laptop.destroy();
}

#[wasm_bindgen_test]
async fn a_role_change_on_the_server_turns_an_edit_to_a_hidden_step_into_a_conflict() {
    let user = unique("conflict");
    seed(&user, vec![step("admin-only", &["admin"])], &["admin"]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    let conflicts = record_events(&c, "conflict");
    fault(&user, json!({"drop": true, "count": 100000})).await;
    c.complete_step("admin-only".into(), None).unwrap();
    c.complete_step("a".into(), None).unwrap();
    sleep(200).await;
    control("PUT", &format!("/__test/memberships/{user}"), Some(json!({"roles": []}))).await;
    clear_faults(&user).await;
    wait(c.flush()).await.unwrap();
    assert_eq!(conflicts.borrow().len(), 1, "{:?}", conflicts.borrow());
    // The server leaves steps hidden from the user's roles out of its answer, so
    // to the client the step is gone.
    assert_eq!(conflicts.borrow()[0]["code"], "step_not_found");
    assert_eq!(conflicts.borrow()[0]["op"]["stepId"], "admin-only");
    control("PUT", &format!("/__test/memberships/{user}"), Some(json!({"roles": ["admin"]}))).await;
    let server = server_record(&user).await;
    assert_eq!(status_on_server(&server, "admin-only"), "UP_NEXT", "the conflicting edit was dropped");
    assert_eq!(status_on_server(&server, "a"), "COMPLETED", "the rest went through");
    c.destroy();
}

#[wasm_bindgen_test]
async fn unknown_fields_survive_an_edit_and_sync_cycle() {
    let user = unique("unknown");
    let mut extra = step("d", &[]);
    extra["icon"] = json!({"name": "star"});
    seed(&user, vec![extra], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    c.complete_step("d".into(), None).unwrap();
    c.dismiss(None).unwrap();
    wait(c.flush()).await.unwrap();
    let server = server_record(&user).await;
    assert_eq!(server["theme"], "dark");
    assert_eq!(server["guidedChecklist"]["x-flag"], json!({"keep": [1, 2]}));
    assert_eq!(server["guidedChecklist"]["steps"][3]["icon"], json!({"name": "star"}));
    assert!(server["guidedChecklist"]["dismissedAt"].is_string());
    c.destroy();
}

#[wasm_bindgen_test]
async fn edits_made_before_the_first_load_finishes_reach_the_server() {
    let user = unique("early");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    fault(&user, json!({"method": "GET", "delayMs": 300})).await;
    let loading = c.load();
    c.complete_step("b".into(), None).unwrap();
    c.start_step("c".into(), None).unwrap();
    wait(loading).await.unwrap();
    wait(c.flush()).await.unwrap();
    let server = server_record(&user).await;
    assert_eq!(
        (status_on_server(&server, "b"), status_on_server(&server, "c")),
        ("COMPLETED".into(), "IN_PROGRESS".into())
    );
    c.destroy();
}

#[wasm_bindgen_test]
async fn two_users_on_one_browser_stay_apart() {
    let (alice, bob) = (unique("alice"), unique("bob"));
    seed(&alice, vec![], &[]).await;
    seed(&bob, vec![], &[]).await;
    let key = unique("shared-key");
    let a = client(&alice, json!({"storageKey": key}));
    wait(a.load()).await.unwrap();
    fault(&alice, json!({"drop": true, "count": 100000})).await;
    a.complete_step("a".into(), None).unwrap();
    a.destroy();
    let b = client(&bob, json!({"storageKey": key}));
    let snap = snapshot(&b);
    assert_eq!(snap["sync"]["pending"], 0, "bob never sees alice's outbox");
    assert!(snap["checklist"].is_null(), "nor her cached checklist");
    wait(b.load()).await.unwrap();
    wait(b.flush()).await.unwrap();
    assert_eq!(status_on_server(&server_record(&bob).await, "a"), "UP_NEXT");
    clear_faults(&alice).await;
    let a_again = client(&alice, json!({"storageKey": key}));
    assert_eq!(snapshot(&a_again)["sync"]["pending"], 1);
    a_again.clear_storage();
    let a_signed_out = client(&alice, json!({"storageKey": key}));
    assert_eq!(snapshot(&a_signed_out)["sync"]["pending"], 0, "clearStorage forgets the outbox");
    for c in [b, a_again, a_signed_out] {
        c.destroy();
    }
}

#[wasm_bindgen_test]
async fn two_tabs_never_send_the_same_outbox_twice() {
    let user = unique("tabs");
    seed(&user, vec![], &[]).await;
    let key = unique("tabs-key");
    let one = client(&user, json!({"storageKey": key}));
    let two = client(&user, json!({"storageKey": key}));
    wait(one.load()).await.unwrap();
    wait(two.load()).await.unwrap();
    fault(&user, json!({"method": "PATCH", "delayMs": 200})).await;
    one.complete_step("a".into(), None).unwrap();
    sleep(50).await;
    assert_eq!(local_status(&two, "a"), "COMPLETED", "the other tab sees the edit without a reload");
    let (f1, f2) = (one.flush(), two.flush());
    wait(f1).await.unwrap();
    wait(f2).await.unwrap();
    let patches = requests(&user).await.into_iter().filter(|(m, _)| m == "PATCH").count();
    assert_eq!(patches, 1, "one tab sent the outbox, once");
    assert_eq!(snapshot(&two)["sync"]["pending"], 0);
    one.clear_storage();
    one.destroy();
    two.destroy();
}

/// Each edit first checks that the stored head is the one it last saw and that no edit
/// follows its own; two tabs editing in turn, with no pause for the storage event, must
/// each take the other's edit from that check, or an edit would overwrite another's key.
#[wasm_bindgen_test]
async fn two_tabs_editing_in_turn_without_a_pause_lose_nothing() {
    let user = unique("in-turn");
    seed(&user, vec![step("d", &[])], &[]).await;
    let key = unique("in-turn-key");
    let one = client(&user, json!({"storageKey": key}));
    let two = client(&user, json!({"storageKey": key}));
    wait(one.load()).await.unwrap();
    wait(two.load()).await.unwrap();
    // Synchronous, one after another: no sync loop runs and no storage event arrives between them.
    one.complete_step("a".into(), None).unwrap();
    two.skip_step("b".into(), None).unwrap();
    one.start_step("c".into(), None).unwrap();
    let statuses =
        |tab: &ChecklistClient| -> Vec<String> { ["a", "b", "c"].iter().map(|s| local_status(tab, s)).collect() };
    assert_eq!(statuses(&one), ["COMPLETED", "SKIPPED", "IN_PROGRESS"], "each edit took the other tab's before it");
    assert_eq!(
        statuses(&two),
        ["COMPLETED", "SKIPPED", "UP_NEXT"],
        "the last edit reaches the other tab after the call"
    );
    assert_eq!(
        (snapshot(&one)["sync"]["pending"].clone(), snapshot(&two)["sync"]["pending"].clone()),
        (json!(3), json!(2))
    );
    sleep(50).await;
    assert_eq!(statuses(&two), ["COMPLETED", "SKIPPED", "IN_PROGRESS"]);
    wait(one.flush()).await.unwrap();
    // The head changed and the edits left: the next edit in the other tab starts from there.
    two.complete_step("d".into(), None).unwrap();
    assert_eq!(snapshot(&two)["sync"]["pending"], 1, "the sent edits are not sent again");
    wait(two.flush()).await.unwrap();
    let server = server_record(&user).await;
    let statuses: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| status_on_server(&server, s)).collect();
    assert_eq!(statuses, ["COMPLETED", "SKIPPED", "IN_PROGRESS", "COMPLETED"]);
    let patches = requests(&user).await.into_iter().filter(|(m, _)| m == "PATCH").count();
    assert_eq!(patches, 2, "the first three edits went once, in one tab's request");
    one.clear_storage();
    one.destroy();
    two.destroy();
}

#[wasm_bindgen_test]
async fn edits_made_while_a_patch_is_in_flight_are_neither_lost_nor_rejected() {
    let user = unique("in-flight");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    fault(&user, json!({"method": "PATCH", "delayMs": 300})).await;
    c.complete_step("a".into(), None).unwrap();
    let flushing = c.flush();
    sleep(60).await;
    assert_eq!(snapshot(&c)["sync"]["status"], "syncing");
    c.skip_step("b".into(), None).unwrap();
    c.complete_step("a".into(), None).unwrap();
    let again = c.flush();
    wait(flushing).await.unwrap();
    wait(again).await.unwrap();
    let server = server_record(&user).await;
    assert_eq!(
        (status_on_server(&server, "a"), status_on_server(&server, "b")),
        ("COMPLETED".into(), "SKIPPED".into())
    );
    assert_eq!(snapshot(&c)["sync"]["pending"], 0);
    c.destroy();
}

#[wasm_bindgen_test]
async fn invalid_options_and_edits_to_unknown_steps_throw_checklist_errors() {
    let err = ChecklistClient::new(JSON::parse(r#"{"userId": "x"}"#).unwrap().unchecked_into())
        .err()
        .map(JsValue::from)
        .unwrap();
    assert_eq!(Reflect::get(&err, &"code".into()).unwrap(), "invalid_argument");
    let user = unique("unknown-step");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    let err = JsValue::from(c.complete_step("nope".into(), None).expect_err("unknown step"));
    assert_eq!(Reflect::get(&err, &"code".into()).unwrap(), "step_not_found");
    assert_eq!(snapshot(&c)["sync"]["pending"], 0, "a refused edit is not queued");
    let unsubscribe: Function =
        c.subscribe(Closure::<dyn FnMut()>::new(|| {}).into_js_value().unchecked_into()).unchecked_into();
    unsubscribe.call0(&JsValue::NULL).unwrap();
    c.destroy();
    let err = JsValue::from(c.complete_step("a".into(), None).expect_err("a destroyed client takes no edits"));
    assert_eq!(Reflect::get(&err, &"name".into()).unwrap(), "ChecklistError");
    assert_eq!(Reflect::get(&err, &"code".into()).unwrap(), "destroyed");
    let rejected = wait(c.flush()).await.expect_err("flush on a destroyed client rejects");
    assert_eq!(Reflect::get(&rejected, &"code".into()).unwrap(), "destroyed");
}

#[wasm_bindgen_test]
async fn a_failing_token_callback_is_a_token_error_not_a_401() {
    let user = unique("token");
    seed(&user, vec![], &[]).await;
    let mut options = json!({"baseUrl": api(), "userId": user, "storage": "memory"});
    options["retry"] = json!({"baseMs": 20, "maxMs": 150});
    let js = JSON::parse(&options.to_string()).unwrap();
    Reflect::set(&js, &"getAccessToken".into(), &throwing("signed out")).unwrap();
    let c = Scenario(ChecklistClient::new(js.unchecked_into()).unwrap());
    let errors = record_events(&c, "error");
    wait(c.load()).await.unwrap();
    let snap = snapshot(&c);
    assert_eq!(snap["sync"]["status"], "paused", "no token waits for resume()");
    assert_eq!(snap["sync"]["lastError"]["code"], "token");
    assert_eq!(snap["sync"]["lastError"]["status"], 0, "no request was sent, so no status");
    assert_eq!(errors.borrow()[0]["code"], "token");
    assert!(requests(&user).await.is_empty(), "nothing reached the server");
}

#[wasm_bindgen_test]
async fn a_throwing_request_headers_function_stops_syncing_with_its_own_code() {
    let user = unique("headers-throw");
    seed(&user, vec![], &[]).await;
    let js = JSON::parse(&json!({"baseUrl": api(), "userId": user, "storage": "memory", "request": {}}).to_string())
        .unwrap();
    Reflect::set(&Reflect::get(&js, &"request".into()).unwrap(), &"headers".into(), &throwing("no session yet"))
        .unwrap();
    Reflect::set(&js, &"getAccessToken".into(), &token_fn(Rc::new(RefCell::new(token().to_owned())))).unwrap();
    let c = Scenario(ChecklistClient::new(js.unchecked_into()).unwrap());
    let errors = record_events(&c, "error");
    wait(c.load()).await.unwrap();
    let snap = snapshot(&c);
    assert_eq!(snap["sync"]["status"], "error", "retrying would only throw again");
    assert_eq!(snap["sync"]["lastError"]["code"], "headers");
    assert_eq!(snap["sync"]["lastError"]["message"], "request.headers threw: no session yet");
    assert_eq!(errors.borrow()[0]["code"], "headers");
    assert!(requests(&user).await.is_empty(), "nothing reached the server");
}

#[wasm_bindgen_test]
async fn a_404_on_patch_puts_the_whole_record_only_if_there_is_none() {
    let user = unique("404");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    fault(&user, json!({"method": "PATCH", "status": 404})).await;
    c.complete_step("a".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    let writes: Vec<(String, u16)> = requests(&user).await.into_iter().filter(|(m, _)| m != "GET").collect();
    // The PUT only creates (If-None-Match: *): the record still exists, so it is re-read and patched.
    assert_eq!(writes, [("PATCH".to_owned(), 404), ("PUT".to_owned(), 412), ("PATCH".to_owned(), 200)]);
    let server = server_record(&user).await;
    assert_eq!(status_on_server(&server, "a"), "COMPLETED");
    assert_eq!(server["theme"], "dark", "nothing else of the record was replaced");
    c.destroy();
}

#[wasm_bindgen_test]
async fn the_online_event_flushes_at_once_instead_of_waiting_out_the_backoff() {
    let user = unique("online");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    fault(&user, json!({"method": "PATCH", "status": 503, "retryAfter": "60"})).await;
    c.complete_step("a".into(), None).unwrap();
    sleep(150).await;
    assert_eq!(snapshot(&c)["sync"]["status"], "error", "waiting out Retry-After: 60");
    let started = Date::now();
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("online").unwrap()).unwrap();
    wait(c.flush()).await.unwrap();
    assert!(Date::now() - started < 5000.0, "the online event cut the 60 s wait short");
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "COMPLETED");
    c.destroy();
}

#[wasm_bindgen_test]
async fn loading_while_offline_keeps_the_cached_state_and_says_so() {
    let user = unique("offline-load");
    seed(&user, vec![], &[]).await;
    let first = client(&user, json!({}));
    wait(first.load()).await.unwrap();
    first.destroy();
    fault(&user, json!({"drop": true, "count": 100000})).await;
    let second = client(&user, json!({}));
    wait(second.load()).await.unwrap();
    let snap = snapshot(&second);
    assert_eq!(snap["sync"]["status"], "offline");
    assert_eq!(snap["sync"]["lastError"]["status"], 0);
    assert_eq!(snap["visibleSteps"].as_array().unwrap().len(), 3, "the cached checklist is shown");
    clear_faults(&user).await;
    second.clear_storage();
    second.destroy();
}

#[wasm_bindgen_test]
async fn completion_dismissal_and_sync_are_announced_and_the_token_is_never_stored() {
    let user = unique("events");
    seed(&user, vec![], &[]).await;
    let key = unique("events-key");
    let c = client(&user, json!({"storageKey": key}));
    wait(c.load()).await.unwrap();
    let (completed, dismissed, restored, synced) = (
        record_events(&c, "checklistCompleted"),
        record_events(&c, "dismissed"),
        record_events(&c, "restored"),
        record_events(&c, "synced"),
    );
    let steps = record_events(&c, "step");
    let calls = Rc::new(RefCell::new(0));
    let counter = calls.clone();
    let unsubscribe: Function = c
        .subscribe(Closure::<dyn FnMut()>::new(move || *counter.borrow_mut() += 1).into_js_value().unchecked_into())
        .unchecked_into();
    for id in ["a", "b", "c"] {
        c.complete_step(id.into(), Some(JSON::parse(r#"{"at": "2024-06-01T10:00:00Z"}"#).unwrap().unchecked_into()))
            .unwrap();
    }
    c.dismiss(None).unwrap();
    c.restore().unwrap();
    assert_eq!(completed.borrow().as_slice(), [json!({"type": "checklistCompleted", "at": "2024-06-01T10:00:00Z"})]);
    assert_eq!((dismissed.borrow().len(), restored.borrow().len()), (1, 1));
    assert!(*calls.borrow() >= 5, "a subscriber call per change");
    let store = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let slot = format!("{key}:default:{user}");
    let stored: Vec<String> = (0..store.length().unwrap())
        .filter_map(|i| store.key(i).unwrap())
        .filter(|k| k.starts_with(&slot))
        .filter_map(|k| store.get_item(&k).unwrap())
        .collect();
    assert!(stored.iter().any(|t| t.contains("completeStep")), "the outbox is in localStorage before the edit returns");
    assert!(!stored.iter().any(|t| t.contains(token())), "the token is never stored");
    wait(c.flush()).await.unwrap();
    assert_eq!(synced.borrow().last().unwrap()["pending"], 0);
    unsubscribe.call0(&JsValue::NULL).unwrap();
    let before = *calls.borrow();
    c.start_step("a".into(), None).unwrap();
    assert_eq!(*calls.borrow(), before, "an unsubscribed listener is not called");
    // Events with no time of their own are dated when they are seen, like toISOString.
    let dated = |e: &Value| e["at"].as_str().is_some_and(|t| t.len() == 24 && t.ends_with('Z'));
    assert!(dated(&restored.borrow()[0]), "{:?}", restored.borrow());
    let started = steps.borrow().last().cloned().unwrap();
    assert!(dated(&started) && started["to"] == "IN_PROGRESS", "{started}");
    c.clear_storage();
    c.destroy();
}

#[wasm_bindgen(inline_js = "
export function denyLocalStorage() {
  const own = Object.getOwnPropertyDescriptor(window, 'localStorage');
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
  });
  return () => Object.defineProperty(window, 'localStorage', own);
}
")]
extern "C" {
    /// Makes `window.localStorage` throw a SecurityError, as sandboxed frames do; returns the undo.
    #[wasm_bindgen(js_name = denyLocalStorage)]
    fn deny_local_storage() -> Function;
}

#[wasm_bindgen_test]
async fn a_denied_local_storage_is_told_once_and_shown_in_the_snapshot() {
    let user = unique("denied");
    seed(&user, vec![], &[]).await;
    let undo = deny_local_storage();
    let c = client(&user, json!({}));
    undo.call0(&JsValue::NULL).unwrap();
    assert_eq!(snapshot(&c)["sync"]["storage"], "memory", "the snapshot says where edits are kept at once");
    let errors = record_events(&c, "error");
    wait(c.load()).await.unwrap();
    c.complete_step("a".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    let seen = errors.borrow().clone();
    assert_eq!(seen.len(), 1, "told exactly once: {seen:?}");
    assert_eq!(seen[0]["code"], "storage_unavailable");
    assert!(seen[0]["message"].as_str().unwrap().contains("memory"), "{}", seen[0]["message"]);
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "COMPLETED", "edits still sync");
    c.destroy();

    let normal = client(&user, json!({}));
    assert_eq!(snapshot(&normal)["sync"]["storage"], "local");
    normal.clear_storage();
    normal.destroy();
    let chosen = client(&user, json!({"storage": "memory"}));
    let chosen_errors = record_events(&chosen, "error");
    wait(chosen.load()).await.unwrap();
    assert_eq!(snapshot(&chosen)["sync"]["storage"], "memory");
    assert!(chosen_errors.borrow().is_empty(), "memory that was asked for is not an error");
    chosen.destroy();
}

#[wasm_bindgen_test]
async fn an_edit_made_before_a_role_change_converges_through_412_and_replay() {
    let user = unique("roles-etag");
    seed(&user, vec![step("admin-only", &["admin"])], &["member"]).await;
    let c = client(&user, json!({"storage": "memory"}));
    wait(c.load()).await.unwrap();
    assert_eq!(local_status(&c, "admin-only"), "absent");
    assert_eq!(
        control("PUT", &format!("/__test/memberships/{user}"), Some(json!({"roles": ["admin", "member"]}))).await,
        204
    );
    c.complete_step("a".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    let answered = requests(&user).await;
    assert!(answered.contains(&("PATCH".to_owned(), 412)), "the stale view's tag is refused: {answered:?}");
    assert_eq!(answered.last(), Some(&("PATCH".to_owned(), 200)), "then the replay is written: {answered:?}");
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "COMPLETED");
    assert_eq!(local_status(&c, "admin-only"), "UP_NEXT", "the re-read shows the newly visible step");
    c.destroy();
}

#[wasm_bindgen_test]
async fn a_day_long_retry_after_is_capped() {
    let user = unique("retry-cap");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory", "retry": {"baseMs": 20, "maxMs": 150, "retryAfterCapMs": 300}}));
    wait(c.load()).await.unwrap();
    fault(&user, json!({"method": "PATCH", "status": 503, "retryAfter": "86400"})).await;
    let started = Date::now();
    c.complete_step("a".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    assert!(Date::now() - started < 3000.0, "waited {} ms, not a day", Date::now() - started);
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "COMPLETED");
}

#[wasm_bindgen_test]
async fn a_server_that_never_answers_times_out_and_syncing_goes_on() {
    let user = unique("timeout");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory", "timeoutMs": 300}));
    fault(&user, json!({"method": "GET", "delayMs": 20000})).await;
    let started = Date::now();
    wait(c.load()).await.unwrap();
    assert!(Date::now() - started < 3000.0, "load gave up after the timeout: {} ms", Date::now() - started);
    let snap = snapshot(&c);
    assert_eq!(snap["sync"]["status"], "offline");
    assert_eq!(snap["sync"]["lastError"]["code"], "network");
    c.complete_step("a".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "COMPLETED", "the next attempts sync");
}

#[wasm_bindgen_test]
async fn a_token_callback_that_never_settles_times_out() {
    let user = unique("token-hang");
    seed(&user, vec![], &[]).await;
    let mut options = json!({"baseUrl": api(), "userId": user, "storage": "memory", "timeoutMs": 200});
    options["retry"] = json!({"baseMs": 20, "maxMs": 150});
    let js = JSON::parse(&options.to_string()).unwrap();
    let hanging = Closure::<dyn FnMut() -> JsValue>::new(|| Promise::new(&mut |_, _| {}).into());
    Reflect::set(&js, &"getAccessToken".into(), &hanging.into_js_value()).unwrap();
    let c = Scenario(ChecklistClient::new(js.unchecked_into()).unwrap());
    let started = Date::now();
    wait(c.load()).await.unwrap();
    assert!(Date::now() - started < 3000.0, "no endless wait for a token");
    assert_eq!(snapshot(&c)["sync"]["lastError"]["code"], "token");
}

#[wasm_bindgen_test]
async fn a_captive_portal_page_is_retried_not_a_reason_to_stop() {
    let user = unique("portal");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    let portal = json!("<html><body>Please sign in to the hotel Wi-Fi</body></html>");
    fault(&user, json!({"method": "GET", "status": 200, "body": portal, "count": 2})).await;
    wait(c.load()).await.unwrap();
    assert_eq!(snapshot(&c)["sync"]["status"], "offline", "a 200 that is not a record is no answer");
    c.complete_step("a".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "COMPLETED", "synced without resume()");
}

#[wasm_bindgen_test]
async fn without_an_etag_no_write_is_blind() {
    let user = unique("no-etag");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory"}));
    fault(&user, json!({"method": "GET", "hideEtag": true})).await;
    wait(c.load()).await.unwrap();
    c.complete_step("a".into(), None).unwrap();
    let refused = wait(c.flush()).await.expect_err("the edit is not written without a precondition");
    assert_eq!(Reflect::get(&refused, &"code".into()).unwrap(), "no_etag");
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "UP_NEXT", "nothing was overwritten");
    assert_eq!(snapshot(&c)["sync"]["pending"], 1, "the edit is kept");
    assert!(!requests(&user).await.iter().any(|(m, _)| m == "PATCH"), "no PATCH went out");
    wait(c.load()).await.unwrap();
    assert_eq!(snapshot(&c)["sync"]["lastError"]["code"], "no_etag", "a read does not hide why syncing stopped");
    c.resume();
    wait(c.flush()).await.unwrap();
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "COMPLETED", "written once the tag is known");
}

#[wasm_bindgen_test]
async fn unreadable_stored_state_is_kept_aside_and_reported() {
    let user = unique("corrupt");
    seed(&user, vec![], &[]).await;
    let store = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let key = format!("corrupt-test:default:{user}");
    store.set_item(&key, "{\"v\":1,\"outbox\":[{\"id\":0,\"op\":").unwrap();
    let c = client(&user, json!({"storageKey": "corrupt-test"}));
    let errors = record_events(&c, "error");
    wait(c.load()).await.unwrap();
    let seen = errors.borrow().clone();
    assert_eq!(seen.first().map(|e| e["code"].clone()), Some(json!("storage_corrupt")), "{seen:?}");
    let aside_key = (0..store.length().unwrap())
        .filter_map(|i| store.key(i).ok().flatten())
        .find(|k| k.starts_with(&format!("{key}:unreadable:")))
        .expect("the unreadable text is kept under another key");
    assert_eq!(store.get_item(&aside_key).unwrap().as_deref(), Some("{\"v\":1,\"outbox\":[{\"id\":0,\"op\":"));
    assert!(seen[0]["message"].as_str().unwrap().contains(&aside_key), "the event names where: {}", seen[0]["message"]);
    assert_eq!(local_status(&c, "a"), "UP_NEXT", "the client went on from the server");
    store.remove_item(&aside_key).unwrap();
    c.clear_storage();
}

#[wasm_bindgen_test]
async fn organizations_and_users_with_colons_never_share_storage() {
    let user = unique("c");
    let first = client(&format!("b:{user}"), json!({"organization": "a", "storageKey": "colons"}));
    first.complete_step("a".into(), None).unwrap();
    assert_eq!(snapshot(&first)["sync"]["pending"], 1);
    let second = client(&user, json!({"organization": "a:b", "storageKey": "colons"}));
    assert_eq!(snapshot(&second)["sync"]["pending"], 0, "organization a:b, user c is not organization a, user b:c");
    first.clear_storage();
}

#[wasm_bindgen_test]
async fn focus_refreshes_and_shows_a_role_change_without_load() {
    let user = unique("focus");
    seed(&user, vec![step("admin-only", &["admin"])], &["member"]).await;
    let c = client(&user, json!({"storage": "memory", "refresh": {"minIntervalMs": 0}}));
    let refreshed = record_events(&c, "refreshed");
    wait(c.load()).await.unwrap();
    assert_eq!(local_status(&c, "admin-only"), "absent");
    assert_eq!(
        control("PUT", &format!("/__test/memberships/{user}"), Some(json!({"roles": ["admin", "member"]}))).await,
        204
    );
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("focus").unwrap()).unwrap();
    for _ in 0..100 {
        if local_status(&c, "admin-only") != "absent" {
            break;
        }
        sleep(50).await;
    }
    assert_eq!(local_status(&c, "admin-only"), "UP_NEXT", "the focus refresh shows the newly visible step");
    let seen = refreshed.borrow().clone();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0]["added"], json!(["admin-only"]));
    assert_eq!(seen[0]["roles"], json!(["admin", "member"]));
}

#[wasm_bindgen_test]
async fn cookie_credentials_and_custom_headers_reach_the_server() {
    let user = unique("creds");
    seed(&user, vec![], &[]).await;
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .unchecked_into::<web_sys::HtmlDocument>()
        .set_cookie("gc-session=abc")
        .unwrap();
    let headers = Closure::<dyn FnMut() -> JsValue>::new(|| JSON::parse(r#"{"X-Trace-Id": "t-1"}"#).unwrap());
    let options = json!({"storage": "memory", "request": {"credentials": "include"}});
    let js = JSON::parse(&json!({"baseUrl": api(), "userId": user}).to_string()).unwrap();
    for (key, value) in options.as_object().unwrap() {
        Reflect::set(&js, &key.into(), &JSON::parse(&value.to_string()).unwrap()).unwrap();
    }
    let request = Reflect::get(&js, &"request".into()).unwrap();
    Reflect::set(&request, &"headers".into(), &headers.into_js_value()).unwrap();
    Reflect::set(&js, &"getAccessToken".into(), &token_fn(Rc::new(RefCell::new(token().to_owned())))).unwrap();
    let c = Scenario(ChecklistClient::new(js.unchecked_into()).unwrap());
    wait(c.load()).await.unwrap();
    c.complete_step("a".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    let patch = request_log(&user).await.into_iter().rev().find(|r| r["method"] == "PATCH").expect("a PATCH");
    let names: Vec<&str> = patch["headers"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(names.contains(&"cookie"), "the page's cookie went along: {names:?}");
    assert!(names.contains(&"x-trace-id"), "the custom header went along: {names:?}");
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "COMPLETED");
}

#[wasm_bindgen_test]
async fn a_401_asks_for_a_fresh_token_and_syncs_without_resume() {
    let user = unique("refresh-token");
    seed(&user, vec![], &[]).await;
    let asked_fresh = Rc::new(RefCell::new(0));
    let counter = asked_fresh.clone();
    let good = token().to_owned();
    let stale = Rc::new(RefCell::new(false));
    let use_stale = stale.clone();
    let tokens = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |context: JsValue| {
        let fresh = Reflect::get(&context, &"refresh".into()).ok().and_then(|v| v.as_bool()) == Some(true);
        if fresh {
            *counter.borrow_mut() += 1;
            *use_stale.borrow_mut() = false;
        }
        JsValue::from_str(if *use_stale.borrow() { "expired" } else { &good })
    });
    let js = JSON::parse(&json!({"baseUrl": api(), "userId": user, "storage": "memory"}).to_string()).unwrap();
    Reflect::set(&js, &"getAccessToken".into(), &tokens.into_js_value()).unwrap();
    let c = Scenario(ChecklistClient::new(js.unchecked_into()).unwrap());
    wait(c.load()).await.unwrap();
    *stale.borrow_mut() = true;
    c.complete_step("a".into(), None).unwrap();
    wait(c.flush()).await.expect("synced without resume()");
    assert_eq!(*asked_fresh.borrow(), 1, "one fresh token was asked for");
    assert_eq!(status_on_server(&server_record(&user).await, "a"), "COMPLETED");
    let answered: Vec<u16> = requests(&user).await.into_iter().filter(|(m, _)| m == "PATCH").map(|(_, s)| s).collect();
    assert_eq!(answered, [401, 200]);
}

#[wasm_bindgen_test]
async fn an_initial_record_renders_at_once_and_needs_no_get_before_the_first_edit() {
    let user = unique("initial");
    seed(&user, vec![], &[]).await;
    let url = format!("{}/api/usermanagement/v1/users/{user}/properties", api());
    let response = Request::get(&url).header("Authorization", &format!("Bearer {}", token())).send().await.unwrap();
    let etag = response.headers().get("ETag").expect("an ETag");
    let record: Value = response.json().await.unwrap();
    let c = client(&user, json!({"storage": "memory", "initialRecord": record, "initialEtag": etag}));
    let snap = snapshot(&c);
    assert_eq!(snap["sync"]["status"], "idle", "ready on the first render");
    assert_eq!(snap["visibleSteps"].as_array().unwrap().len(), 3);
    let before = requests(&user).await.len();
    c.complete_step("b".into(), None).unwrap();
    wait(c.flush()).await.unwrap();
    let after: Vec<(String, u16)> = requests(&user).await.into_iter().skip(before).collect();
    assert_eq!(after, [("PATCH".to_owned(), 200)], "no GET before the first edit");
    assert_eq!(status_on_server(&server_record(&user).await, "b"), "COMPLETED");
    let bad = ChecklistClient::new(
        JSON::parse(&json!({"baseUrl": api(), "userId": user, "initialRecord": {"userId": 5}}).to_string())
            .unwrap()
            .unchecked_into(),
    );
    assert_eq!(bad.err().map(|e| e.code()), Some("invalid"), "an initial record is validated like a server's answer");
}

#[wasm_bindgen_test]
async fn reset_and_product_interests_survive_a_reload_while_offline() {
    let user = unique("reset");
    seed(&user, vec![], &[]).await;
    let first = client(&user, json!({}));
    wait(first.load()).await.unwrap();
    first.complete_step("a".into(), None).unwrap();
    wait(first.flush()).await.unwrap();
    fault(&user, json!({"drop": true, "count": 100000})).await;
    first.reset(None).unwrap();
    first.set_product_interests(JSON::parse(r#"["ai", "reporting"]"#).unwrap()).unwrap();
    assert_eq!(local_status(&first, "a"), "UP_NEXT");
    first.destroy();
    let second = client(&user, json!({}));
    let snap = snapshot(&second);
    assert_eq!(snap["sync"]["pending"], 2, "both edits came back from storage");
    assert_eq!(snap["checklist"]["productInterests"], json!(["ai", "reporting"]));
    assert_eq!(local_status(&second, "a"), "UP_NEXT");
    clear_faults(&user).await;
    wait(second.load()).await.unwrap();
    wait(second.flush()).await.unwrap();
    let server = server_record(&user).await;
    assert_eq!(status_on_server(&server, "a"), "UP_NEXT", "the reset reached the server");
    assert_eq!(server["guidedChecklist"]["productInterests"], json!(["ai", "reporting"]));
    second.clear_storage();
}

#[wasm_bindgen_test]
async fn ordered_mode_locks_later_steps_and_refuses_them_with_step_locked() {
    let user = unique("ordered");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory", "order": "ordered"}));
    wait(c.load()).await.unwrap();
    let locked: Vec<Value> =
        snapshot(&c)["visibleSteps"].as_array().unwrap().iter().map(|s| s["locked"].clone()).collect();
    assert_eq!(locked, [json!(false), json!(true), json!(true)], "a, then b and c locked");
    let err = JsValue::from(c.complete_step("b".into(), None).expect_err("b is locked"));
    assert_eq!(Reflect::get(&err, &"code".into()).unwrap(), "step_locked");
    assert_eq!(snapshot(&c)["sync"]["pending"], 0, "nothing queued");
    c.skip_step("a".into(), None).unwrap();
    c.complete_step("b".into(), None).expect("a skipped step counts as done");
    wait(c.flush()).await.unwrap();
    assert_eq!(status_on_server(&server_record(&user).await, "b"), "COMPLETED");
}

#[wasm_bindgen_test]
async fn an_edit_keeps_the_identity_of_every_unchanged_step_object() {
    let user = unique("identity");
    seed(&user, vec![], &[]).await;
    let c = client(&user, json!({"storage": "memory", "actorId": "0f8fad5b-d9cb-469f-a165-70867728950e"}));
    let before = wait(c.load()).await.unwrap();
    let step_of = |snapshot: &JsValue, list: &str, id: &str| -> JsValue {
        let array: js_sys::Array = Reflect::get(&Reflect::get(snapshot, &"checklist".into()).unwrap(), &list.into())
            .ok()
            .filter(|v| v.is_object())
            .unwrap_or_else(|| Reflect::get(snapshot, &list.into()).unwrap())
            .unchecked_into();
        array.iter().find(|s| Reflect::get(s, &"stepId".into()).unwrap() == id).expect("the step")
    };
    c.complete_step("a".into(), None).unwrap();
    let after = c.get_snapshot();
    assert!(!Object::is(&before, &after), "a new snapshot");
    for id in ["b", "c"] {
        assert!(Object::is(&step_of(&before, "visibleSteps", id), &step_of(&after, "visibleSteps", id)), "{id} kept");
        assert!(
            Object::is(&step_of(&before, "steps", id), &step_of(&after, "steps", id)),
            "{id} kept in checklist.steps"
        );
    }
    assert!(!Object::is(&step_of(&before, "visibleSteps", "a"), &step_of(&after, "visibleSteps", "a")), "a changed");
    assert!(
        Object::is(&step_of(&after, "steps", "a"), &step_of(&after, "visibleSteps", "a")),
        "the two lists share objects"
    );
    assert!(Object::is_frozen(&step_of(&after, "visibleSteps", "a").unchecked_into::<Object>()), "still frozen");
    assert_eq!(Reflect::get(&step_of(&after, "visibleSteps", "a"), &"status".into()).unwrap(), "COMPLETED");
    // The edited step is a copy with the edited fields, in the order the module writes a
    // step, its other values shared with the old object.
    let keys = |step: &JsValue| -> Vec<String> {
        Object::keys(step.unchecked_ref::<Object>()).iter().map(|k| k.as_string().unwrap()).collect()
    };
    let written = ["stepId", "title", "description", "ctaLabel", "ctaRoute", "status", "sortOrder"];
    let completed = [&written[..], &["completedAt", "completedBy", "sourceRoles"]].concat();
    assert_eq!(keys(&step_of(&after, "steps", "a")), completed);
    let roles = |snapshot: &JsValue| Reflect::get(&step_of(snapshot, "steps", "a"), &"sourceRoles".into()).unwrap();
    assert!(Object::is(&roles(&before), &roles(&after)), "unchanged values are shared");
    c.reopen_step("a".into(), None).unwrap();
    let reopened = c.get_snapshot();
    assert_eq!(keys(&step_of(&reopened, "steps", "a")), [&written[..], &["sourceRoles"]].concat());
    assert_eq!(
        JSON::stringify(&step_of(&reopened, "steps", "a")).unwrap(),
        JSON::stringify(&step_of(&before, "steps", "a")).unwrap(),
        "completed then reopened: the step as it was"
    );
    // A record changed on the server replaces the view: its unchanged steps keep their
    // objects, the one edited here too.
    wait(c.flush()).await.unwrap();
    let mut renamed = checklist(vec![step("a", &[]), step("b", &[]), step("c", &[])]);
    renamed["steps"][2]["title"] = json!("Step c, renamed");
    assert_eq!(control("PUT", &format!("/__test/records/{user}"), Some(record(&user, renamed))).await, 204);
    let reloaded = wait(c.load()).await.unwrap();
    for id in ["a", "b"] {
        assert!(Object::is(&step_of(&reopened, "steps", id), &step_of(&reloaded, "steps", id)), "{id} kept on reload");
    }
    assert_eq!(Reflect::get(&step_of(&reloaded, "steps", "c"), &"title".into()).unwrap(), "Step c, renamed");
}
