//! Start-up seeding from a JSON file: `{ "records": [...], "memberships": [...] }`.
//! Existing records and memberships are left as they are, so a restart keeps edits.

use crate::store::{self, Store};
use guided_checklist::visibility::DEFAULT_ORGANIZATION;
use guided_checklist::UserProperties;
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedFile {
    #[serde(default)]
    records: Vec<Value>,
    #[serde(default)]
    memberships: Vec<Membership>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Membership {
    user_id: String,
    #[serde(default = "default_org")]
    organization: String,
    roles: Vec<String>,
}

fn default_org() -> String {
    DEFAULT_ORGANIZATION.to_owned()
}

/// Seeds what the file holds and the database lacks.
pub async fn seed(store: &Store, path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file: SeedFile = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let records = file
        .records
        .into_iter()
        .map(|v| UserProperties::from_json_str(&v.to_string()).map_err(|e| format!("{}: {e}", path.display())))
        .collect::<Result<Vec<_>, _>>()?;
    let memberships = file.memberships;
    store
        .transaction(move |tx| {
            for record in &records {
                if store::get(tx, &record.user_id)?.is_none() {
                    store::put(tx, &record.user_id, record, 1)?;
                }
            }
            for m in &memberships {
                if !store::has_memberships(tx, &m.user_id, &m.organization)? {
                    store::set_roles(tx, &m.user_id, &m.organization, &m.roles)?;
                }
            }
            Ok(())
        })
        .await
        .map_err(|p| format!("seeding failed: {p:?}"))
}
