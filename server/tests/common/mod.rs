//! An in-process server on a free loopback port with its own SQLite file.
#![allow(dead_code)]

use clap::Parser;
use guided_checklist_server::{Config, Server};
use serde_json::{json, Value};

#[path = "../../../tests/common/builders.rs"]
pub mod builders;
use std::path::Path;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const ADMIN: &str = "admin-token";
pub const ALICE: &str = "alice-token";

pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts a server on `db` with test controls, an admin token and a token for "alice".
    pub async fn start(db: &Path, extra: &[&str]) -> TestServer {
        let mut args = vec![
            "server".to_owned(),
            "--addr=127.0.0.1:0".into(),
            format!("--db={}", db.display()),
            format!("--admin-token={ADMIN}"),
            format!("--user-token={ALICE}=alice"),
            "--test-controls".into(),
            "--quiet".into(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let config = Config::parse_from(args);
        let server = Server::new(&config).await.expect("server starts");
        let listener = tokio::net::TcpListener::bind(config.addr).await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = server
                .serve(listener, async {
                    let _ = stopped.await;
                })
                .await;
        });
        TestServer { base, client: reqwest::Client::new(), stop: Some(stop), task: Some(task) }
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    pub fn properties(&self, user: &str) -> String {
        format!("{}/api/usermanagement/v1/users/{user}/properties", self.base)
    }

    pub fn checklist(&self, user: &str) -> String {
        format!("{}/api/usermanagement/v1/users/{user}/properties/guided-checklist", self.base)
    }

    pub async fn get(&self, user: &str, token: &str) -> reqwest::Response {
        self.client.get(self.properties(user)).bearer_auth(token).send().await.expect("GET")
    }

    pub async fn put(&self, user: &str, token: &str, body: &Value) -> reqwest::Response {
        self.client.put(self.properties(user)).bearer_auth(token).json(body).send().await.expect("PUT")
    }

    pub async fn patch(&self, user: &str, token: &str, body: &Value, if_match: Option<&str>) -> reqwest::Response {
        let mut req = self.client.patch(self.checklist(user)).bearer_auth(token).json(body);
        if let Some(tag) = if_match {
            req = req.header("If-Match", tag);
        }
        req.send().await.expect("PATCH")
    }

    pub async fn set_roles(&self, user: &str, org: Option<&str>, roles: &[&str]) {
        let mut url = format!("{}/__test/memberships/{user}", self.base);
        if let Some(org) = org {
            url.push_str(&format!("?organization={org}"));
        }
        let resp =
            self.client.put(url).bearer_auth(ADMIN).json(&json!({ "roles": roles })).send().await.expect("memberships");
        assert_eq!(resp.status(), 204);
    }
}
