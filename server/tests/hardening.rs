//! The reference server against hostile and careless clients, over real HTTP on 127.0.0.1.

mod common;

use common::builders::{checklist, record, step};
use common::{TestServer, ADMIN, ALICE};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn server(extra: &[&str]) -> (TestServer, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = TestServer::start(&dir.path().join("hard.sqlite"), extra).await;
    (server, dir)
}

/// Sends `head` (and nothing more) on a fresh connection; returns what the server answered
/// within `wait`, and whether it closed the connection.
async fn raw(base: &str, head: &str, wait: Duration) -> (String, bool) {
    let mut stream = TcpStream::connect(base.trim_start_matches("http://")).await.expect("connect");
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + wait;
    let mut closed = false;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                closed = true;
                break;
            }
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
            Err(_) => break,
        }
    }
    (String::from_utf8_lossy(&answer).into_owned(), closed)
}

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive_and_responses_say_nosniff() {
    let (s, _dir) = server(&[]).await;
    s.put("alice", ALICE, &record("alice", checklist(vec![]))).await;
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let response = s
            .client
            .get(s.properties("alice"))
            .header("Authorization", format!("{scheme} {ALICE}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{scheme}");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        // Idle connections close after the header deadline (10 s by default): the hint lets
        // clients such as Node's fetch close theirs first rather than reuse a closing one.
        assert_eq!(response.headers()["keep-alive"], "timeout=10");
    }
    let refused = s.client.get(s.properties("alice")).header("Authorization", format!("Basic {ALICE}")).send().await;
    let refused = refused.unwrap();
    assert_eq!(refused.status(), 401);
    assert_eq!(refused.headers()["x-content-type-options"], "nosniff", "problems too");
}

#[tokio::test]
async fn another_host_is_misdirected_so_dns_rebinding_reaches_nothing() {
    let (s, _dir) = server(&["--allowed-host", "api.example.test"]).await;
    let (answer, _) = raw(
        &s.base,
        &format!("GET /api/usermanagement/v1/users/alice/properties HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\nAuthorization: Bearer {ADMIN}\r\n\r\n"),
        Duration::from_secs(5),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    let (answer, _) = raw(
        &s.base,
        "PUT /__test/memberships/alice HTTP/1.1\r\nHost: rebound.example:8787\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 421"), "test controls too: {answer}");
    let (answer, _) = raw(
        &s.base,
        "GET /nothing HTTP/1.1\r\nHost: api.example.test:443\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 404"), "a configured host is served: {answer}");
}

#[tokio::test]
async fn test_controls_need_an_admin_token() {
    let (s, _dir) = server(&[]).await;
    let url = format!("{}/__test/memberships/alice", s.base);
    let body = serde_json::json!({"roles": ["admin"]});
    assert_eq!(s.client.put(&url).json(&body).send().await.unwrap().status(), 401, "no token");
    assert_eq!(s.client.put(&url).bearer_auth(ALICE).json(&body).send().await.unwrap().status(), 401, "a user's token");
    assert_eq!(s.client.put(&url).bearer_auth(ADMIN).json(&body).send().await.unwrap().status(), 204);
}

#[tokio::test]
async fn cors_allows_only_the_methods_the_api_has() {
    let dir = tempfile::tempdir().unwrap();
    let config = <guided_checklist_server::Config as clap::Parser>::parse_from([
        "server",
        "--addr=127.0.0.1:0",
        &format!("--db={}", dir.path().join("cors.sqlite").display()),
        "--admin-token=t",
        "--cors-origin=http://app.example",
    ]);
    let server = guided_checklist_server::Server::new(&config).await.unwrap();
    let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server.serve(listener, std::future::pending()));
    let preflight = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, format!("{base}/api/usermanagement/v1/users/u/properties"))
        .header("Origin", "http://app.example")
        .header("Access-Control-Request-Method", "PATCH")
        .send()
        .await
        .unwrap();
    let methods = preflight.headers()["access-control-allow-methods"].to_str().unwrap().to_owned();
    for m in ["GET", "PUT", "PATCH"] {
        assert!(methods.contains(m), "{methods}");
    }
    for m in ["POST", "DELETE"] {
        assert!(!methods.contains(m), "{m} is not a method of the API: {methods}");
    }
}

#[tokio::test]
async fn tokens_come_from_a_file_as_well_as_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens");
    std::fs::write(&file, "# development tokens\nuser file-alice=alice\n\nadmin file-admin\n").unwrap();
    let (s, _dir) = server(&[&format!("--tokens-file={}", file.display())]).await;
    assert_eq!(s.put("alice", "file-alice", &record("alice", checklist(vec![]))).await.status(), 200);
    assert_eq!(s.get("alice", "file-admin").await.status(), 200);
    assert_eq!(s.get("bob", "file-alice").await.status(), 403, "a user token is bound to its user");
}

#[tokio::test]
async fn the_token_is_checked_before_the_body_is_read() {
    let (s, _dir) = server(&[]).await;
    // Announces 4 MB and sends none of it: a server that read the body first would wait.
    let head = "PATCH /api/usermanagement/v1/users/alice/properties/guided-checklist HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                Authorization: Bearer wrong\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 4000000\r\n\r\n";
    let started = Instant::now();
    let (answer, _) = raw(&s.base, head, Duration::from_secs(3)).await;
    assert!(answer.starts_with("HTTP/1.1 401"), "answered at once: {answer:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let (s, _dir) = server(&["--header-timeout-ms=300"]).await;
    let started = Instant::now();
    let (answer, closed) =
        raw(&s.base, "GET /api/usermanagement/v1/users/alice/properties HTTP/1.1\r\nHost: 127", Duration::from_secs(5))
            .await;
    assert!(closed, "the connection is closed: {answer:?}");
    assert!(started.elapsed() < Duration::from_secs(3), "soon after the deadline: {:?}", started.elapsed());
}

#[tokio::test]
async fn requests_beyond_the_concurrency_limit_wait_their_turn() {
    let (s, _dir) = server(&["--max-concurrent-requests=2"]).await;
    s.put("alice", ALICE, &record("alice", checklist(vec![step("a", &[])]))).await;
    let fault =
        serde_json::json!({"path": "/api/usermanagement/v1/users/alice/", "method": "GET", "delayMs": 400, "count": 4});
    let added = s.client.post(format!("{}/__test/faults", s.base)).bearer_auth(ADMIN).json(&fault).send().await;
    assert_eq!(added.unwrap().status(), 204);
    let started = Instant::now();
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let request = s.client.get(s.properties("alice")).bearer_auth(ALICE);
        requests.spawn(async move { request.send().await.map(|r| r.status().as_u16()) });
    }
    let statuses: Vec<u16> = requests.join_all().await.into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(statuses, [200; 4]);
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(780), "4 slow requests, 2 at a time, take two turns: {took:?}");
}
