//! The engine and the reference server judge the same bodies the same way: a PATCH
//! is accepted exactly when the engine finds no error, and refused with the engine's issues.

mod common;

#[path = "../../tests/common/arbitrary.rs"]
mod arbitrary;

use common::builders::record;
use common::{TestServer, ADMIN};
use guided_checklist::validate_checklist_text;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

/// Breaks a valid checklist in one of the ways clients get wrong.
fn mutate(mut value: Value, kind: usize, pick: usize) -> Value {
    let steps = value["steps"].as_array().map_or(0, Vec::len);
    let step = if steps == 0 { None } else { Some(pick % steps) };
    match (kind, step) {
        (0, _) => {}
        (1, _) => value["track"] = json!("a"),
        (2, _) => {
            value.as_object_mut().map(|o| o.remove("computedAt"));
        }
        (3, _) => value["computedAt"] = json!("2024-02-30T00:00:00Z"),
        (4, _) => value["roles"] = json!(["ok", 7]),
        (5, Some(i)) => value["steps"][i]["status"] = json!("completed"),
        (6, Some(i)) => value["steps"][i]["ctaRoute"] = json!(" javascript:alert(1)"),
        (7, Some(i)) => value["steps"][i]["sortOrder"] = json!(1.5),
        (8, Some(i)) => value["steps"][i]["completedBy"] = json!("someone"),
        (9, Some(i)) => {
            let id = value["steps"][i]["stepId"].clone();
            if let Some(a) = value["steps"].as_array_mut() {
                a.push(json!({"stepId": id, "title": "", "description": "", "ctaLabel": "", "ctaRoute": "/", "status": "UP_NEXT", "sortOrder": 0}));
            }
        }
        (10, Some(i)) => {
            value["steps"][i].as_object_mut().map(|o| o.remove("title"));
        }
        (_, _) => value["dismissedAt"] = json!("yesterday"),
    }
    value
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_and_server_agree_on_every_body() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&dir.path().join("agree.sqlite"), &[]).await;
    let seed = record("agree", json!({"track": "A", "computedAt": "2024-01-01T00:00:00Z"}));
    assert_eq!(server.put("agree", ADMIN, &seed).await.status(), 200);
    let handle = tokio::runtime::Handle::current();
    let mut runner = TestRunner::new(Config { cases: 96, ..Config::default() });
    let strategy = (arbitrary::checklist(), 0usize..12, any::<usize>()).prop_map(|(v, k, p)| mutate(v, k, p));
    let result = tokio::task::block_in_place(|| {
        runner.run(&strategy, |body| {
            let engine = validate_checklist_text(&body.to_string());
            let response = handle.block_on(server.patch("agree", ADMIN, &body, None));
            let status = response.status().as_u16();
            let answer: Value = handle.block_on(response.json()).unwrap_or(Value::Null);
            prop_assert_eq!(status == 200, engine.ok, "engine {:?} but server {}: {}", engine.errors, status, answer);
            if !engine.ok {
                let server_issues: Vec<(String, String)> = answer["errors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| (i["path"].as_str().unwrap().to_owned(), i["code"].as_str().unwrap().to_owned()))
                    .collect();
                let engine_issues: Vec<(String, String)> =
                    engine.errors.iter().map(|i| (i.path.clone(), i.code.as_str().to_owned())).collect();
                prop_assert_eq!(server_issues, engine_issues);
            }
            Ok(())
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
