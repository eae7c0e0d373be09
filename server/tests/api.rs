//! The reference API over real HTTP on 127.0.0.1, with a real SQLite file.

mod common;

use common::builders::{checklist, record, step};
use common::{TestServer, ADMIN, ALICE};
use serde_json::{json, Value};
use tempfile::TempDir;

async fn server() -> (TestServer, TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = TestServer::start(&dir.path().join("api.sqlite"), &[]).await;
    (server, dir)
}

async fn body(resp: reqwest::Response) -> Value {
    resp.json().await.expect("JSON body")
}

fn etag(resp: &reqwest::Response) -> String {
    resp.headers().get("etag").and_then(|v| v.to_str().ok()).expect("an ETag").to_owned()
}

#[tokio::test]
async fn put_creates_then_replaces_and_the_server_owns_the_dates() {
    let (s, _dir) = server().await;
    let created = s.put("alice", ALICE, &record("alice", checklist(vec![step("a", &[])]))).await;
    assert_eq!(created.status(), 200);
    let first_tag = etag(&created);
    let first = body(created).await;
    assert_ne!(first["createdDate"], "2000-01-01T00:00:00Z", "client dates are replaced");
    assert_eq!(first["createdDate"], first["modifiedDate"]);

    let got = s.get("alice", ALICE).await;
    assert_eq!(got.status(), 200);
    assert_eq!(etag(&got), first_tag);
    assert_eq!(got.headers()["content-type"], "application/json");
    assert_eq!(body(got).await, first);

    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let replaced = s.put("alice", ALICE, &record("alice", checklist(vec![step("b", &[])]))).await;
    assert_ne!(etag(&replaced), first_tag);
    let second = body(replaced).await;
    assert_eq!(second["createdDate"], first["createdDate"], "createdDate is kept from the first write");
    assert_ne!(second["modifiedDate"], first["modifiedDate"], "modifiedDate moves on every write");
    assert_eq!(second["guidedChecklist"]["steps"][0]["stepId"], "b", "PUT replaces the whole record");
}

#[tokio::test]
async fn missing_records_are_404_for_get_and_patch() {
    let (s, _dir) = server().await;
    assert_eq!(s.get("alice", ALICE).await.status(), 404);
    let patched = s.patch("alice", ALICE, &checklist(vec![]), None).await;
    assert_eq!(patched.status(), 404);
    assert_eq!(patched.headers()["content-type"], "application/problem+json");
    assert_eq!(body(patched).await["status"], 404);
}

#[tokio::test]
async fn patch_replaces_only_the_checklist_and_returns_the_record() {
    let (s, _dir) = server().await;
    let mut rec = record("alice", checklist(vec![step("a", &[])]));
    rec["locale"] = json!("fr");
    s.put("alice", ALICE, &rec).await;
    let mut next = checklist(vec![step("a", &[]), step("b", &[])]);
    next["steps"][0]["status"] = json!("COMPLETED");
    let patched = s.patch("alice", ALICE, &next, None).await;
    assert_eq!(patched.status(), 200);
    let out = body(patched).await;
    assert_eq!(out["locale"], "fr");
    assert_eq!(out["userId"], "alice");
    assert_eq!(out["guidedChecklist"]["steps"].as_array().map(Vec::len), Some(2));
    assert_eq!(out["guidedChecklist"]["steps"][0]["status"], "COMPLETED");
}

#[tokio::test]
async fn roles_are_resolved_from_membership_on_read_and_filter_steps() {
    let (s, _dir) = server().await;
    s.put(
        "alice",
        ALICE,
        &record("alice", checklist(vec![step("all", &[]), step("admins", &["admin"]), step("billing", &["billing"])])),
    )
    .await;
    let ids = |v: &Value| -> Vec<String> {
        v["guidedChecklist"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["stepId"].as_str().unwrap().to_owned())
            .collect()
    };
    let none = body(s.get("alice", ALICE).await).await;
    assert_eq!(none["guidedChecklist"]["roles"], json!([]), "stored roles are overwritten on read");
    assert_eq!(ids(&none), ["all"]);
    s.set_roles("alice", None, &["admin"]).await;
    s.set_roles("alice", Some("acme"), &["billing"]).await;
    let admin = body(s.get("alice", ALICE).await).await;
    assert_eq!(admin["guidedChecklist"]["roles"], json!(["admin"]));
    assert_eq!(ids(&admin), ["all", "admins"]);
    let url = format!("{}?organization=acme", s.properties("alice"));
    let acme: Value = s.client.get(url).bearer_auth(ALICE).send().await.unwrap().json().await.unwrap();
    assert_eq!(acme["guidedChecklist"]["roles"], json!(["billing"]));
    assert_eq!(ids(&acme), ["all", "billing"]);
}

#[tokio::test]
async fn a_patch_keeps_the_steps_its_writer_could_not_see() {
    let (s, _dir) = server().await;
    s.put("alice", ALICE, &record("alice", checklist(vec![step("all", &[]), step("secret", &["admin"])]))).await;
    let mut visible = checklist(vec![step("all", &[])]);
    visible["steps"][0]["status"] = json!("SKIPPED");
    assert_eq!(s.patch("alice", ALICE, &visible, None).await.status(), 200);
    s.set_roles("alice", None, &["admin"]).await;
    let out = body(s.get("alice", ALICE).await).await;
    let steps = out["guidedChecklist"]["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2, "the hidden step survives: {out}");
    assert_eq!(steps[0]["status"], "SKIPPED");
    assert_eq!(steps[1]["stepId"], "secret");
}

#[tokio::test]
async fn unknown_fields_are_stored_and_returned_at_every_level() {
    let (s, _dir) = server().await;
    let mut c = checklist(vec![step("a", &[])]);
    c["steps"][0]["icon"] = json!({"name": "star", "size": [1, 2]});
    c["variant"] = json!("v2");
    let mut rec = record("alice", c.clone());
    rec["theme"] = json!({"dark": true});
    s.put("alice", ALICE, &rec).await;
    c["variant"] = json!("v3");
    s.patch("alice", ALICE, &c, None).await;
    let out = body(s.get("alice", ALICE).await).await;
    assert_eq!(out["theme"], json!({"dark": true}));
    assert_eq!(out["guidedChecklist"]["variant"], "v3");
    assert_eq!(out["guidedChecklist"]["steps"][0]["icon"], json!({"name": "star", "size": [1, 2]}));
}

#[tokio::test]
async fn if_match_guards_writes_with_412_and_the_current_etag() {
    let (s, _dir) = server().await;
    let created = s.put("alice", ALICE, &record("alice", checklist(vec![]))).await;
    let tag = etag(&created);
    let ok = s.patch("alice", ALICE, &checklist(vec![step("a", &[])]), Some(&tag)).await;
    assert_eq!(ok.status(), 200);
    let current = etag(&ok);
    let stale = s.patch("alice", ALICE, &checklist(vec![step("b", &[])]), Some(&tag)).await;
    assert_eq!(stale.status(), 412);
    assert_eq!(etag(&stale), current, "412 names the current version");
    assert_eq!(body(stale).await["status"], 412);
    assert_eq!(s.patch("alice", ALICE, &checklist(vec![]), Some("*")).await.status(), 200);
    let list = format!("\"nope\", {}", etag(&s.get("alice", ALICE).await));
    assert_eq!(s.patch("alice", ALICE, &checklist(vec![]), Some(&list)).await.status(), 200);
    let create = s
        .client
        .put(s.properties("bob"))
        .bearer_auth(ADMIN)
        .header("If-Match", "*")
        .json(&record("bob", checklist(vec![])));
    assert_eq!(create.send().await.unwrap().status(), 412, "If-Match on a missing record fails");
    let stale_put = s
        .client
        .put(s.properties("alice"))
        .bearer_auth(ALICE)
        .header("If-Match", tag)
        .json(&record("alice", checklist(vec![])));
    assert_eq!(stale_put.send().await.unwrap().status(), 412);
}

#[tokio::test]
async fn invalid_bodies_are_400_problems_with_pointer_issues_and_change_nothing() {
    let (s, _dir) = server().await;
    let created = s.put("alice", ALICE, &record("alice", checklist(vec![step("a", &[])]))).await;
    let tag = etag(&created);
    let mut bad = checklist(vec![step("a", &[]), step("a", &[])]);
    bad["steps"][0]["ctaRoute"] = json!("javascript:alert(1)");
    bad["track"] = json!("Z");
    let resp = s.patch("alice", ALICE, &bad, None).await;
    assert_eq!(resp.status(), 400);
    assert_eq!(resp.headers()["content-type"], "application/problem+json");
    let problem = body(resp).await;
    let issues: Vec<(String, String)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["path"].as_str().unwrap().to_owned(), i["code"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        issues,
        [("/track".into(), "enum".into()), ("/steps/0/ctaRoute".into(), "unsafe_route".into())],
        "{problem}"
    );
    let malformed = s
        .client
        .patch(s.checklist("alice"))
        .bearer_auth(ALICE)
        .header("content-type", "application/json")
        .body("{\"track\":");
    let resp = malformed.send().await.unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(body(resp).await["errors"][0]["code"], "invalid_json");
    let mismatch = s.put("alice", ALICE, &record("mallory", checklist(vec![]))).await;
    assert_eq!(mismatch.status(), 400);
    assert_eq!(
        body(mismatch).await["errors"][0],
        json!({"path": "/userId", "code": "mismatch", "message": "is \"mallory\" but the URL names user \"alice\""})
    );
    let after = s.get("alice", ALICE).await;
    assert_eq!(etag(&after), tag, "failed writes change nothing");
}

#[tokio::test]
async fn auth_media_type_size_and_method_errors_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start(&dir.path().join("db.sqlite"), &["--max-body-bytes=2048"]).await;
    let no_token = s.client.get(s.properties("alice")).send().await.unwrap();
    assert_eq!(no_token.status(), 401);
    assert_eq!(no_token.headers()["www-authenticate"], "Bearer");
    assert_eq!(s.get("alice", "wrong").await.status(), 401);
    let other = s.get("bob", ALICE).await;
    assert_eq!(other.status(), 403);
    assert_eq!(body(other).await["status"], 403);
    assert_eq!(s.get("bob", ADMIN).await.status(), 404, "admin tokens reach every user");
    let text = s.client.put(s.properties("alice")).bearer_auth(ALICE).header("content-type", "text/plain").body("{}");
    assert_eq!(text.send().await.unwrap().status(), 415);
    let huge = record("alice", checklist(vec![json!({"stepId": "x".repeat(4096)})]));
    let too_large = s.put("alice", ALICE, &huge).await;
    assert_eq!(too_large.status(), 413);
    assert_eq!(too_large.headers()["content-type"], "application/problem+json");
    let delete = s.client.delete(s.properties("alice")).bearer_auth(ALICE).send().await.unwrap();
    assert_eq!(delete.status(), 405);
    assert_eq!(delete.headers()["allow"], "GET, PUT");
    let get_checklist = s.client.get(s.checklist("alice")).bearer_auth(ALICE).send().await.unwrap();
    assert_eq!(get_checklist.status(), 405);
    assert_eq!(s.client.get(format!("{}/nowhere", s.base)).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn cors_allows_the_configured_origin_and_exposes_etag() {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start(&dir.path().join("db.sqlite"), &["--cors-origin=http://127.0.0.1:5173"]).await;
    let preflight = s
        .client
        .request(reqwest::Method::OPTIONS, s.checklist("alice"))
        .header("Origin", "http://127.0.0.1:5173")
        .header("Access-Control-Request-Method", "PATCH")
        .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 200);
    assert_eq!(preflight.headers()["access-control-allow-origin"], "http://127.0.0.1:5173");
    let allowed = preflight.headers()["access-control-allow-headers"].to_str().unwrap().to_owned();
    for h in ["authorization", "content-type", "if-match"] {
        assert!(allowed.contains(h), "{h} in {allowed}");
    }
    let get = s
        .client
        .get(s.properties("alice"))
        .header("Origin", "http://127.0.0.1:5173")
        .bearer_auth(ALICE)
        .send()
        .await
        .unwrap();
    let exposed = get.headers()["access-control-expose-headers"].to_str().unwrap().to_owned();
    assert!(exposed.contains("etag") && exposed.contains("retry-after"), "{exposed}");
    let other = s
        .client
        .get(s.properties("alice"))
        .header("Origin", "http://evil.example")
        .bearer_auth(ALICE)
        .send()
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn data_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("persist.sqlite");
    let first = TestServer::start(&db, &[]).await;
    let written = body(first.put("alice", ALICE, &record("alice", checklist(vec![step("a", &[])]))).await).await;
    first.set_roles("alice", None, &["admin"]).await;
    let tag_before = etag(&first.get("alice", ALICE).await);
    first.stop().await;
    let second = TestServer::start(&db, &[]).await;
    let read = second.get("alice", ALICE).await;
    assert_eq!(etag(&read), tag_before, "the same representation keeps its tag across a restart");
    let mut expected = written;
    expected["guidedChecklist"]["roles"] = json!(["admin"]);
    assert_eq!(body(read).await, expected);
}

#[tokio::test]
async fn concurrent_patches_never_mix_the_last_one_wins_whole() {
    let (s, _dir) = server().await;
    s.put("alice", ALICE, &record("alice", checklist(vec![]))).await;
    let writers = (0..24).map(|w| {
        let steps = (0..20).map(|i| {
            let mut st = step(&format!("s{i}"), &[]);
            st["title"] = json!(format!("writer {w}"));
            st
        });
        let body = checklist(steps.collect());
        let client = s.client.clone();
        let url = s.checklist("alice");
        tokio::spawn(async move {
            client.patch(url).bearer_auth(ALICE).json(&body).send().await.map(|r| r.status().as_u16())
        })
    });
    let statuses: Vec<u16> = futures_join(writers.collect()).await;
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");
    let got = s.get("alice", ALICE).await;
    assert!(etag(&got).starts_with("\"25-"), "every write is a version: {}", etag(&got));
    let out = body(got).await;
    let titles: std::collections::BTreeSet<_> =
        out["guidedChecklist"]["steps"].as_array().unwrap().iter().map(|s| s["title"].to_string()).collect();
    assert_eq!(titles.len(), 1, "one writer's checklist, whole: {titles:?}");
}

async fn futures_join(tasks: Vec<tokio::task::JoinHandle<reqwest::Result<u16>>>) -> Vec<u16> {
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.expect("task").expect("request"));
    }
    out
}

#[tokio::test]
async fn injected_faults_hit_the_next_matching_requests_then_stop() {
    let (s, _dir) = server().await;
    s.put("alice", ALICE, &record("alice", checklist(vec![]))).await;
    let fault = json!({"method": "GET", "path": "/api/", "count": 2, "status": 429, "retryAfter": "3"});
    assert_eq!(
        s.client
            .post(format!("{}/__test/faults", s.base))
            .bearer_auth(ADMIN)
            .json(&fault)
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    for _ in 0..2 {
        let r = s.get("alice", ALICE).await;
        assert_eq!(r.status(), 429);
        assert_eq!(r.headers()["retry-after"], "3");
    }
    assert_eq!(s.get("alice", ALICE).await.status(), 200, "the fault is used up");
    let drop = json!({"method": "PATCH", "drop": true});
    s.client.post(format!("{}/__test/faults", s.base)).bearer_auth(ADMIN).json(&drop).send().await.unwrap();
    let dropped = s.client.patch(s.checklist("alice")).bearer_auth(ALICE).json(&checklist(vec![])).send().await;
    let broken = match dropped {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(broken, "a dropped connection is a network error");
    let slow = json!({"delayMs": 300, "status": 503});
    s.client.post(format!("{}/__test/faults", s.base)).bearer_auth(ADMIN).json(&slow).send().await.unwrap();
    let started = std::time::Instant::now();
    assert_eq!(s.get("alice", ALICE).await.status(), 503);
    assert!(started.elapsed().as_millis() >= 300);
    let log: Value = s
        .client
        .get(format!("{}/__test/requests", s.base))
        .bearer_auth(ADMIN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let statuses: Vec<u64> = log.as_array().unwrap().iter().map(|l| l["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, [200, 429, 429, 200, 200, 503], "the log sees API requests as answered");
}

#[tokio::test]
async fn test_controls_are_absent_without_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let config = <guided_checklist_server::Config as clap::Parser>::parse_from([
        "server",
        "--addr=127.0.0.1:0",
        &format!("--db={}", dir.path().join("prod.sqlite").display()),
        "--admin-token=t",
    ]);
    let server = guided_checklist_server::Server::new(&config).await.unwrap();
    let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server.serve(listener, std::future::pending()));
    let r = reqwest::Client::new()
        .post(format!("{base}/__test/faults"))
        .json(&json!({"status": 500}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn a_change_of_roles_changes_the_etag_and_fails_a_stale_if_match() {
    let (s, _dir) = server().await;
    s.put("alice", ALICE, &record("alice", checklist(vec![step("all", &[]), step("admins", &["admin"])]))).await;
    let member_view = s.get("alice", ALICE).await;
    let member_tag = etag(&member_view);
    assert_eq!(body(member_view).await["guidedChecklist"]["steps"].as_array().unwrap().len(), 1);
    assert_eq!(etag(&s.get("alice", ALICE).await), member_tag, "the same view keeps its tag");

    s.set_roles("alice", None, &["admin"]).await;
    let admin_view = s.get("alice", ALICE).await;
    let admin_tag = etag(&admin_view);
    assert_eq!(body(admin_view).await["guidedChecklist"]["steps"].as_array().unwrap().len(), 2);
    assert_ne!(admin_tag, member_tag, "a second visible step is a new representation, so a new tag");

    let mut edit = checklist(vec![step("all", &[])]);
    edit["steps"][0]["status"] = json!("COMPLETED");
    let stale = s.patch("alice", ALICE, &edit, Some(&member_tag)).await;
    assert_eq!(stale.status(), 412, "a PATCH against the view for other roles is refused");
    assert_eq!(etag(&stale), admin_tag, "412 names the tag of the view the writer would read now");
    let stored = body(s.get("alice", ADMIN).await).await;
    assert_eq!(stored["guidedChecklist"]["steps"][0]["status"], "UP_NEXT", "nothing was applied");

    let ok = s.patch("alice", ALICE, &edit, Some(&admin_tag)).await;
    assert_eq!(ok.status(), 200, "the current tag is accepted");
    let new_tag = etag(&ok);
    assert_eq!(etag(&s.get("alice", ALICE).await), new_tag, "a write answers with the tag a read then gives");

    let url = format!("{}?organization=acme", s.properties("alice"));
    let other_org = s.client.get(url).bearer_auth(ALICE).send().await.unwrap();
    assert_ne!(etag(&other_org), new_tag, "roles of another organization give another representation");
}

#[tokio::test]
async fn storage_failures_answer_a_generic_problem_without_sqlite_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("broken.sqlite");
    let s = TestServer::start(&db, &[]).await;
    assert_eq!(s.put("alice", ALICE, &record("alice", checklist(vec![]))).await.status(), 200);
    let outside = rusqlite::Connection::open(&db).unwrap();
    outside.execute_batch("ALTER TABLE user_properties RENAME TO moved_away").unwrap();
    let failed = s.get("alice", ALICE).await;
    assert_eq!(failed.status(), 500);
    assert_eq!(failed.headers()["content-type"], "application/problem+json");
    let problem = body(failed).await;
    let detail = problem["detail"].as_str().unwrap();
    assert!(!detail.contains("user_properties") && !detail.contains("no such table"), "generic: {detail}");
    assert!(detail.contains("try again"), "says what to do: {detail}");
    s.stop().await;
}

/// A value nested `levels` arrays deep.
fn nested(levels: usize) -> Value {
    serde_json::from_str(&format!("{}{}", "[".repeat(levels), "]".repeat(levels))).expect("nested arrays")
}

#[tokio::test]
async fn a_checklist_that_would_nest_too_deep_once_stored_is_refused_and_nothing_is_bricked() {
    let (s, _dir) = server().await;
    s.put("alice", ALICE, &record("alice", checklist(vec![step("a", &[])]))).await;
    // The engine reads 127 levels at most. A PATCH body at exactly 127 is stored one level
    // deeper, inside the record: it must be refused, not stored unreadable.
    let mut too_deep = checklist(vec![step("a", &[])]);
    too_deep["x-deep"] = nested(126);
    let refused = s.patch("alice", ALICE, &too_deep, None).await;
    assert_eq!(refused.status(), 400);
    let problem = body(refused).await;
    assert_eq!(problem["errors"][0]["code"], "too_large", "{problem}");
    assert_eq!(s.get("alice", ALICE).await.status(), 200, "the record still reads");
    assert_eq!(s.get("alice", ADMIN).await.status(), 200);

    let mut at_limit = checklist(vec![step("a", &[])]);
    at_limit["x-deep"] = nested(125);
    assert_eq!(s.patch("alice", ALICE, &at_limit, None).await.status(), 200, "127 levels once stored: accepted");
    let read = s.get("alice", ALICE).await;
    assert_eq!(read.status(), 200, "and read back");
    assert_eq!(body(read).await["guidedChecklist"]["x-deep"], nested(125));
}

#[tokio::test]
async fn a_record_at_the_size_limit_once_stored_is_kept_and_one_byte_more_is_refused() {
    use guided_checklist::limits::MAX_INPUT_BYTES;
    let (s, _dir) = server().await;
    // The server writes its own dates with milliseconds (24 characters, where these bodies
    // have 20), so the stored text is 8 bytes longer than the body: pad the body to the
    // stored size wanted.
    let sized = |stored_len: usize| {
        let mut r = record("alice", checklist(vec![step("a", &[])]));
        r["x-pad"] = json!("");
        let base = r.to_string().len() + 8;
        r["x-pad"] = json!("p".repeat(stored_len - base));
        r
    };
    let over = s.put("alice", ALICE, &sized(MAX_INPUT_BYTES + 1)).await;
    assert_eq!(over.status(), 400, "one byte over the limit once stored is refused");
    assert_eq!(body(over).await["errors"][0]["code"], "too_large");
    assert_eq!(s.get("alice", ALICE).await.status(), 404, "nothing was stored");

    let at = s.put("alice", ALICE, &sized(MAX_INPUT_BYTES)).await;
    assert_eq!(at.status(), 200, "exactly at the limit once stored is accepted");
    let read = s.get("alice", ADMIN).await;
    assert_eq!(read.status(), 200, "and reads back");
    assert_eq!(
        body(read).await["x-pad"].as_str().map(str::len),
        Some(sized(MAX_INPUT_BYTES)["x-pad"].as_str().unwrap().len())
    );
}

#[tokio::test]
async fn a_huge_list_of_errors_is_cut_to_a_hundred_with_a_count() {
    let (s, _dir) = server().await;
    s.put("alice", ALICE, &record("alice", checklist(vec![]))).await;
    let bad_roles: Vec<Value> = (0..256).map(Value::from).collect();
    let steps = (0..2000).map(|i| {
        let mut st = step(&format!("s{i}"), &[]);
        st["sourceRoles"] = json!(bad_roles);
        st
    });
    let refused = s.patch("alice", ALICE, &checklist(steps.collect()), None).await;
    assert_eq!(refused.status(), 400);
    let text = refused.text().await.unwrap();
    assert!(text.len() < 64 * 1024, "a small answer: {} bytes", text.len());
    let problem: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(problem["errors"].as_array().unwrap().len(), 100);
    assert_eq!(problem["errorCount"], 512_000);
    assert!(problem["detail"].as_str().unwrap().starts_with("512000 problem(s)"), "{}", problem["detail"]);
}

#[tokio::test]
async fn a_write_that_names_a_step_hidden_from_its_writer_is_forbidden() {
    let (s, _dir) = server().await;
    let mut billing = step("billing", &["billing"]);
    billing["title"] = json!("Set up billing");
    s.put("alice", ADMIN, &record("alice", checklist(vec![step("a", &[]), billing.clone()]))).await;
    let mut rewritten = billing.clone();
    rewritten["title"] = json!("taken over");
    rewritten["sourceRoles"] = json!([]);

    let patch = s.patch("alice", ALICE, &checklist(vec![step("a", &[]), rewritten.clone()]), None).await;
    assert_eq!(patch.status(), 403);
    let problem = body(patch).await;
    assert_eq!(problem["errors"][0]["path"], "/steps/1/stepId");
    assert_eq!(problem["errors"][0]["code"], "forbidden");
    let put = s.put("alice", ALICE, &record("alice", checklist(vec![rewritten]))).await;
    assert_eq!(put.status(), 403);
    assert_eq!(body(put).await["errors"][0]["path"], "/guidedChecklist/steps/0/stepId");

    s.set_roles("alice", None, &["billing"]).await;
    let stored = body(s.get("alice", ALICE).await).await;
    let kept =
        stored["guidedChecklist"]["steps"].as_array().unwrap().iter().find(|st| st["stepId"] == "billing").cloned();
    assert_eq!(kept.map(|st| st["title"].clone()), Some(json!("Set up billing")), "the hidden step is unchanged");

    s.set_roles("alice", None, &[]).await;
    let mut by_admin = billing;
    by_admin["title"] = json!("Set up billing (new)");
    let admin = s.patch("alice", ADMIN, &checklist(vec![step("a", &[]), by_admin]), None).await;
    assert_eq!(admin.status(), 200, "an admin token may write a step the user cannot see");
}

#[tokio::test]
async fn if_none_match_star_creates_only() {
    let (s, _dir) = server().await;
    let put = |user: &str| {
        s.client
            .put(s.properties(user))
            .bearer_auth(ADMIN)
            .header("If-None-Match", "*")
            .json(&record(user, checklist(vec![])))
    };
    assert_eq!(put("bob").send().await.unwrap().status(), 200, "no record: created");
    let again = put("bob").send().await.unwrap();
    assert_eq!(again.status(), 412, "a record exists: not replaced");
    assert!(again.headers().get("etag").is_some(), "412 names the current tag");
}
