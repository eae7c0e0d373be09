//! Load benchmark on loopback: requests per second and p50/p99 latency for GET
//! and PATCH of a 50-step checklist. Prints figures; asserts nothing.
//!
//! cargo run --release -p guided-checklist-server --example load -- [seconds per phase] [concurrency]

use clap::Parser;
use guided_checklist_server::{Config, Server};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let concurrency: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(16);
    let dir = std::env::temp_dir().join(format!("gc-load-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let db = dir.join("load.sqlite");
    let config = Config::parse_from([
        "load",
        "--addr=127.0.0.1:0",
        &format!("--db={}", db.display()),
        "--admin-token=load",
        "--quiet",
    ]);
    let server = Server::new(&config).await.expect("server starts");
    let listener = tokio::net::TcpListener::bind(config.addr).await.expect("bind");
    let base =
        format!("http://{}/api/usermanagement/v1/users/load-user/properties", listener.local_addr().expect("addr"));
    tokio::spawn(server.serve(listener, std::future::pending()));

    let client = reqwest::Client::new();
    let checklist = checklist(50);
    let record = json!({"userId": "load-user", "guidedChecklist": checklist, "createdDate": "2024-01-01T00:00:00Z", "modifiedDate": "2024-01-01T00:00:00Z"});
    let put = client.put(&base).bearer_auth("load").json(&record).send().await.expect("seed");
    assert!(put.status().is_success(), "seeding failed: {}", put.status());
    let body = serde_json::to_vec(&checklist).expect("JSON");

    println!("| operation | concurrency | seconds | requests | req/s | p50 ms | p99 ms |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for op in ["GET", "PATCH"] {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let workers = (0..concurrency).map(|_| {
            let (client, base, body) = (client.clone(), base.clone(), body.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while Instant::now() < deadline {
                    let started = Instant::now();
                    let request = match op {
                        "GET" => client.get(&base),
                        _ => client
                            .patch(format!("{base}/guided-checklist"))
                            .header("content-type", "application/json")
                            .body(body.clone()),
                    };
                    let ok = request.bearer_auth("load").send().await.map(|r| r.status().is_success()).unwrap_or(false);
                    if ok {
                        latencies.push(started.elapsed());
                    }
                }
                latencies
            })
        });
        let mut all = Vec::new();
        for w in workers.collect::<Vec<_>>() {
            all.extend(w.await.unwrap_or_default());
        }
        all.sort();
        let pct = |p: f64| all.get(((all.len() as f64 - 1.0) * p) as usize).map_or(0.0, |d| d.as_secs_f64() * 1e3);
        println!(
            "| {op} 50 steps | {concurrency} | {seconds} | {} | {:.0} | {:.2} | {:.2} |",
            all.len(),
            all.len() as f64 / seconds as f64,
            pct(0.5),
            pct(0.99)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn checklist(steps: usize) -> Value {
    let steps: Vec<Value> = (0..steps)
        .map(|i| {
            let mut step = json!({
                "stepId": format!("step-{i:03}"),
                "title": format!("Do the thing number {i}"),
                "description": "A realistic description of a step that takes a sentence or two to explain to a new user.",
                "ctaLabel": "Get started",
                "ctaRoute": format!("/onboarding/step-{i}"),
                "status": if i % 3 == 0 { "COMPLETED" } else { "UP_NEXT" },
                "sortOrder": i,
                "sourceRoles": if i % 5 == 0 { json!(["admin"]) } else { json!([]) }
            });
            if i % 3 == 0 {
                step["completedAt"] = json!("2024-01-02T10:00:00Z");
            }
            step
        })
        .collect();
    json!({"track": "A", "roles": [], "productInterests": ["analytics"], "steps": steps, "computedAt": "2024-01-01T00:00:00Z"})
}
