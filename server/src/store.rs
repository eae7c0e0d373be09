//! The SQLite file: one row per user-properties record, with a version for
//! ETags, and the role memberships that responses resolve `roles` from.

use crate::problem::Problem;
use axum::http::StatusCode;
use guided_checklist::UserProperties;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A record as stored, with its version.
#[derive(Clone, Debug)]
pub struct Stored {
    pub record: UserProperties,
    pub version: i64,
}

/// The database, shared by every request; SQLite writes are serialized by the mutex,
/// so a write reads and replaces a record as one step.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl From<rusqlite::Error> for Problem {
    fn from(err: rusqlite::Error) -> Self {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, format!("storage error: {err}"))
    }
}

impl Store {
    /// Opens (or creates) the database file.
    pub fn open(path: &Path) -> Result<Self, rusqlite::Error> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS user_properties (
                 user_id TEXT PRIMARY KEY NOT NULL,
                 body TEXT NOT NULL,
                 version INTEGER NOT NULL
             );
             CREATE TABLE IF NOT EXISTS role_memberships (
                 user_id TEXT NOT NULL,
                 organization TEXT NOT NULL,
                 role TEXT NOT NULL,
                 PRIMARY KEY (user_id, organization, role)
             );",
        )?;
        Ok(Store { conn: Arc::new(Mutex::new(conn)) })
    }

    /// Runs `f` inside one transaction on a blocking thread; commits only when it succeeds.
    pub async fn transaction<T, F>(&self, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction) -> Result<T, Problem> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let tx = conn.transaction()?;
            let result = f(&tx)?;
            tx.commit()?;
            Ok(result)
        })
        .await
        .map_err(|e| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, format!("storage task failed: {e}")))?
    }
}

/// The record of `user_id`, if any.
pub fn get(tx: &Transaction, user_id: &str) -> Result<Option<Stored>, Problem> {
    let row: Option<(String, i64)> = tx
        .query_row("SELECT body, version FROM user_properties WHERE user_id = ?1", [user_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((body, version)) = row else { return Ok(None) };
    let record = UserProperties::from_json_str(&body).map_err(|e| {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, format!("the stored record of {user_id:?} is unreadable: {e}"))
    })?;
    Ok(Some(Stored { record, version }))
}

/// Writes `record` as the given version of `user_id`'s record.
pub fn put(tx: &Transaction, user_id: &str, record: &UserProperties, version: i64) -> Result<(), Problem> {
    tx.execute(
        "INSERT INTO user_properties (user_id, body, version) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id) DO UPDATE SET body = excluded.body, version = excluded.version",
        params![user_id, record.to_json_string(), version],
    )?;
    Ok(())
}

/// The user's roles in `organization`, sorted.
pub fn roles(tx: &Transaction, user_id: &str, organization: &str) -> Result<Vec<String>, Problem> {
    let mut stmt =
        tx.prepare_cached("SELECT role FROM role_memberships WHERE user_id = ?1 AND organization = ?2 ORDER BY role")?;
    let roles = stmt.query_map([user_id, organization], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
    Ok(roles)
}

/// Replaces the user's roles in `organization`.
pub fn set_roles(tx: &Transaction, user_id: &str, organization: &str, roles: &[String]) -> Result<(), Problem> {
    tx.execute("DELETE FROM role_memberships WHERE user_id = ?1 AND organization = ?2", [user_id, organization])?;
    let mut stmt =
        tx.prepare_cached("INSERT OR IGNORE INTO role_memberships (user_id, organization, role) VALUES (?1, ?2, ?3)")?;
    for role in roles {
        stmt.execute([user_id, organization, role])?;
    }
    Ok(())
}

/// True when the user has any membership in `organization`.
pub fn has_memberships(tx: &Transaction, user_id: &str, organization: &str) -> Result<bool, Problem> {
    let n: i64 = tx.query_row(
        "SELECT COUNT(*) FROM role_memberships WHERE user_id = ?1 AND organization = ?2",
        [user_id, organization],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}
