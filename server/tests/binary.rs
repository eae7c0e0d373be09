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

    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "stops on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "a graceful stop exits 0: {exit:?}");
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    let mut logs = String::new();
    child.stderr.take().unwrap().read_to_string(&mut logs).unwrap();
    assert!(logs.contains("GET /api/usermanagement/v1/users/u1/properties 404"), "a line per request: {logs}");
    assert!(!logs.contains(&token) && !rest.contains(&token), "the token never reaches the logs");
    assert!(rest.contains("stopped"));
}
