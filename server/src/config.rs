//! Command-line configuration.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Reference user-management API for guided checklists, on SQLite.
#[derive(Clone, Debug, Parser)]
#[command(version)]
pub struct Config {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "GC_ADDR", default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,

    /// SQLite database file; created when missing.
    #[arg(long, env = "GC_DB", default_value = "guided-checklist.sqlite")]
    pub db: PathBuf,

    /// A bearer token bound to one user, as TOKEN=USER_ID; repeatable (or GC_USER_TOKENS,
    /// comma-separated). Tokens on the command line show in `ps`: prefer --tokens-file.
    #[arg(long = "user-token", value_name = "TOKEN=USER_ID", env = "GC_USER_TOKENS", value_delimiter = ',')]
    pub user_tokens: Vec<String>,

    /// A bearer token that may read and write every user's record and use the test
    /// controls; repeatable (or GC_ADMIN_TOKENS, comma-separated).
    #[arg(long = "admin-token", value_name = "TOKEN", env = "GC_ADMIN_TOKENS", value_delimiter = ',')]
    pub admin_tokens: Vec<String>,

    /// A file of tokens, one a line: `user TOKEN=USER_ID` or `admin TOKEN` (blank lines and
    /// lines starting with # are skipped).
    #[arg(long, value_name = "FILE", env = "GC_TOKENS_FILE")]
    pub tokens_file: Option<PathBuf>,

    /// A host name (without port) the server answers for, besides localhost, 127.0.0.1 and
    /// [::1]; repeatable. Requests naming another `Host` get 421, which stops DNS rebinding.
    #[arg(long = "allowed-host", value_name = "HOST")]
    pub allowed_hosts: Vec<String>,

    /// Most requests served at once; more wait their turn (bounds memory under load).
    #[arg(long, default_value_t = 32)]
    pub max_concurrent_requests: usize,

    /// Milliseconds a client has to send a request's headers before the connection is closed.
    #[arg(long, default_value_t = 10_000)]
    pub header_timeout_ms: u64,

    /// Milliseconds requests under way may take to finish after a shutdown signal.
    #[arg(long, default_value_t = 10_000)]
    pub shutdown_grace_ms: u64,

    /// Browser origin allowed by CORS; repeatable; "*" allows any origin.
    #[arg(long = "cors-origin", default_value = "http://127.0.0.1:8787")]
    pub cors_origins: Vec<String>,

    /// A request header pages may send besides Authorization, Content-Type, If-Match and
    /// If-None-Match (the client's `request.headers`); repeatable. With `--cors-origin '*'`
    /// every header is allowed.
    #[arg(long = "cors-allow-header", value_name = "NAME")]
    pub cors_allow_headers: Vec<String>,

    /// Largest request body, in bytes (413 above it).
    #[arg(long, default_value_t = 4 * 1024 * 1024)]
    pub max_body_bytes: usize,

    /// Serves the test controls under /__test (memberships, seeding, fault injection). Never in production.
    #[arg(long)]
    pub test_controls: bool,

    /// Serves the files of this folder at / (the demo page).
    #[arg(long, value_name = "DIR")]
    pub static_dir: Option<PathBuf>,

    /// Seeds records and memberships from this JSON file at start, where none exist yet.
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,

    /// No line per request on stderr.
    #[arg(long)]
    pub quiet: bool,
}
