//! The `guided-checklist-server` command as a person starts it.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn starts_with_one_command_prints_url_and_dev_token_keeps_tokens_out_of_logs_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_guided-checklist-server"))
        .args(["--addr", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("bin.sqlite"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("server starts");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (mut url, mut token) = (None, None);
    let mut line = String::new();
    while (url.is_none() || token.is_none()) && out.read_line(&mut line).unwrap() > 0 {
        if let Some(u) = line.trim().strip_prefix("guided-checklist API listening on ") {
            url = Some(u.to_owned());
        }
        if let Some(t) = line.trim().split("token (none was configured): ").nth(1) {
            token = Some(t.to_owned());
        }
        line.clear();
    }
    let (url, token) = (url.expect("prints its URL"), token.expect("prints a development token"));
    assert!(token.len() >= 32, "a development token worth the name: {token}");

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let status = runtime.block_on(async {
        reqwest::Client::new()
            .get(format!("{url}/api/usermanagement/v1/users/u1/properties"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 404, "the development token is an admin token");

    let exit = terminate(&mut child, Duration::from_secs(10)).expect("stops on SIGTERM");
    assert!(exit.success(), "a graceful stop exits 0: {exit:?}");
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    let mut logs = String::new();
    child.stderr.take().unwrap().read_to_string(&mut logs).unwrap();
    assert!(logs.contains("GET /api/usermanagement/v1/users/u1/properties 404"), "a line per request: {logs}");
    assert!(!logs.contains(&token) && !rest.contains(&token), "the token never reaches the logs");
    assert!(rest.contains("stopped"));
}

/// Starts the binary on `db`; returns the child, its URL and its stdout (kept open: the
/// server's later lines would fail on a closed pipe).
fn spawn_server(db: &std::path::Path, extra: &[&str]) -> (std::process::Child, String, impl Read) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_guided-checklist-server"))
        .args(["--addr", "127.0.0.1:0", "--quiet", "--admin-token", "crash-admin"])
        .args(extra)
        .arg("--db")
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while out.read_line(&mut line).unwrap() > 0 {
        if let Some(u) = line.trim().strip_prefix("guided-checklist API listening on ") {
            return (child, u.to_owned(), out);
        }
        line.clear();
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server printed no URL");
}

#[test]
fn every_acknowledged_write_survives_a_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite");
    let (mut child, url, _out) = spawn_server(&db, &[]);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = reqwest::Client::new();
    let users: Vec<String> = (0..40).map(|i| format!("crash-{i}")).collect();
    let acknowledged = runtime.block_on(async {
        let mut writes = tokio::task::JoinSet::new();
        for user in &users {
            let body = serde_json::json!({
                "userId": user, "createdDate": "2024-01-01T00:00:00Z", "modifiedDate": "2024-01-01T00:00:00Z",
                "guidedChecklist": {"track": "A", "computedAt": "2024-01-01T00:00:00Z", "x-written": user},
            });
            let request = client
                .put(format!("{url}/api/usermanagement/v1/users/{user}/properties"))
                .bearer_auth("crash-admin")
                .json(&body);
            writes.spawn(async move { request.send().await.is_ok_and(|r| r.status() == 200) });
        }
        writes.join_all().await.into_iter().filter(|&ok| ok).count()
    });
    assert_eq!(acknowledged, users.len(), "every write of the burst was acknowledged");
    child.kill().expect("SIGKILL");
    child.wait().unwrap();

    let (mut restarted, url, _out) = spawn_server(&db, &[]);
    let found = runtime.block_on(async {
        let mut found = 0;
        for user in &users {
            let response = client
                .get(format!("{url}/api/usermanagement/v1/users/{user}/properties"))
                .bearer_auth("crash-admin")
                .send()
                .await
                .unwrap();
            let record: serde_json::Value = response.json().await.unwrap();
            found += usize::from(record["guidedChecklist"]["x-written"] == user.as_str());
        }
        found
    });
    let _ = restarted.kill();
    let _ = restarted.wait();
    assert_eq!(found, users.len(), "every acknowledged write is there after the restart");
}

#[test]
fn sigterm_stops_the_server_even_with_a_client_that_never_finishes_its_request() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url, _out) =
        spawn_server(&dir.path().join("stop.sqlite"), &["--header-timeout-ms=60000", "--shutdown-grace-ms=500"]);
    let mut stalled = std::net::TcpStream::connect(url.trim_start_matches("http://")).unwrap();
    std::io::Write::write_all(&mut stalled, b"GET /api/usermanagement/v1/users/u/properties HTTP/1.1\r\nHost: 1")
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let exit = terminate(&mut child, Duration::from_secs(5));
    let exit = exit.expect("stopped within 5 s of SIGTERM: a stalled client does not hold the shutdown");
    assert!(exit.success(), "{exit:?}");
    drop(stalled);
}

/// Sends SIGTERM and waits up to `bound` for the exit; kills the child and answers `None`
/// when it is still running then.
fn terminate(child: &mut std::process::Child, bound: Duration) -> Option<std::process::ExitStatus> {
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let started = Instant::now();
    while started.elapsed() < bound {
        if let Some(exit) = child.try_wait().unwrap() {
            return Some(exit);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}
