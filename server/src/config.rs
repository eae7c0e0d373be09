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

    /// A bearer token bound to one user, as TOKEN=USER_ID; repeatable.
    #[arg(long = "user-token", value_name = "TOKEN=USER_ID")]
    pub user_tokens: Vec<String>,

    /// A bearer token that may read and write every user's record; repeatable.
    #[arg(long = "admin-token", value_name = "TOKEN")]
    pub admin_tokens: Vec<String>,

    /// Browser origin allowed by CORS; repeatable; "*" allows any origin.
    #[arg(long = "cors-origin", default_value = "http://127.0.0.1:8787")]
    pub cors_origins: Vec<String>,

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
