//! The SQLite file: one row per user-properties record, with a version for
//! ETags, and the role memberships that responses resolve `roles` from.

use crate::problem::Problem;
use axum::http::StatusCode;
use guided_checklist::{Issue, UserProperties};
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
    // SQLite's own text names tables and files: it goes to the server's log, not to clients.
    fn from(err: rusqlite::Error) -> Self {
        eprintln!("guided-checklist-server: storage error: {err}");
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "the record could not be stored or read; try again later")
    }
}

impl Store {
    /// Opens (or creates) the database file.
    pub fn open(path: &Path) -> Result<Self, rusqlite::Error> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a write is acknowledged only once its WAL frame is synced, so it survives
        // a power failure as well as a crash of the process (NORMAL keeps only the latter).
        conn.pragma_update(None, "synchronous", "FULL")?;
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
        .map_err(|e| {
            eprintln!("guided-checklist-server: storage task failed: {e}");
            Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "the record could not be stored or read; try again later")
        })?
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

/// Writes `record` as the given version of `user_id`'s record, once it is sure to read
/// back: the server's own dates and the steps kept hidden from the writer can take a record
/// past the size or nesting limits that the body it came from was within, and a record that
/// cannot be read would answer 500 to every later request.
pub fn put(tx: &Transaction, user_id: &str, record: &UserProperties, version: i64) -> Result<(), Problem> {
    let body = record.to_json_string();
    if let Err(refused) = UserProperties::from_json_str(&body) {
        let issues = refused.issues().iter().map(|issue| Issue {
            path: String::new(),
            code: issue.code,
            message: format!("the record as it would be stored ({} bytes) is refused: {}", body.len(), issue.message),
        });
        return Err(Problem::invalid(issues.collect::<Vec<_>>()));
    }
    tx.execute(
        "INSERT INTO user_properties (user_id, body, version) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id) DO UPDATE SET body = excluded.body, version = excluded.version",
        params![user_id, body, version],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_acknowledged_only_when_synced() {
        let dir = std::env::temp_dir().join(format!("gc-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir.join("sync.sqlite")).unwrap();
        let conn = store.conn.lock().unwrap();
        let journal: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        let synchronous: i64 = conn.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
        assert_eq!(journal, "wal");
        assert_eq!(synchronous, 2, "synchronous = FULL (2), not NORMAL (1)");
        drop(conn);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
