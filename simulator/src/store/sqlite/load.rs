//! Reading workspaces back from the file: all of them at start, one after a failed change.

use super::sql_error;
use crate::store::StoreError;
use crate::workspace::log::Log;
use crate::workspace::sessions::Sessions;
use crate::workspace::tracked::Tracked;
use crate::workspace::{SCHEMA_VERSION, Workspace, WorkspaceState};
use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// One stored workspace: its key, id, and the workspace or why it does not read back.
pub struct Loaded {
    pub key: i64,
    pub id: String,
    pub workspace: Result<Workspace, String>,
}

/// Every stored workspace. A workspace written by a newer simulator stops the start
/// (`UnsupportedVersion`); one that does not decode is answered as such, the others load.
pub fn all(conn: &Connection) -> Result<Vec<Loaded>, StoreError> {
    let rows: Vec<(i64, String, String)> = {
        let mut stmt = conn
            .prepare("SELECT key, id, state FROM workspaces ORDER BY key")
            .map_err(sql_error)?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(sql_error)?
            .collect::<Result<_, _>>()
            .map_err(sql_error)?
    };
    rows.into_iter()
        .map(|(key, id, state)| decode(conn, key, id, &state))
        .collect()
}

/// Workspace `key`, if it is stored.
pub fn one(conn: &Connection, key: i64) -> Result<Option<Loaded>, StoreError> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT id, state FROM workspaces WHERE key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(sql_error)?;
    row.map(|(id, state)| decode(conn, key, id, &state))
        .transpose()
}

/// The version an aggregate was written with, read before the rest.
#[derive(Deserialize)]
struct Version {
    #[serde(default)]
    schema_version: u32,
}

fn decode(conn: &Connection, key: i64, id: String, state: &str) -> Result<Loaded, StoreError> {
    if let Ok(v) = serde_json::from_str::<Version>(state)
        && v.schema_version > SCHEMA_VERSION
    {
        return Err(StoreError::UnsupportedVersion {
            found: v.schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    let workspace = rebuild(conn, key, &id, state)?;
    Ok(Loaded { key, id, workspace })
}

/// The workspace from its rows; `Err(detail)` when a row does not decode.
fn rebuild(
    conn: &Connection,
    key: i64,
    id: &str,
    state: &str,
) -> Result<Result<Workspace, String>, StoreError> {
    let mut state: WorkspaceState = match serde_json::from_str(state) {
        Ok(s) => s,
        Err(e) => return Ok(Err(format!("its state does not decode: {e}"))),
    };
    let parts: Vec<(String, String)> = {
        let mut stmt = conn
            .prepare_cached("SELECT name, json FROM parts WHERE ws = ?1")
            .map_err(sql_error)?;
        stmt.query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(sql_error)?
            .collect::<Result<_, _>>()
            .map_err(sql_error)?
    };
    let mut token_rng = false;
    let mut seeded = false;
    for (name, json) in parts {
        let decoded = match name.as_str() {
            "offices" if json == super::diff::SEEDED_OFFICES => {
                seeded = true;
                Ok(())
            }
            "offices" => serde_json::from_str(&json).map(|o| state.offices = Tracked::new(o)),
            "token_rng" => serde_json::from_str(&json).map(|t| {
                token_rng = true;
                state.token_rng = Tracked::new(t)
            }),
            // Only a newer simulator writes other parts, and its files are refused earlier.
            _ => Ok(()),
        };
        if let Err(e) = decoded {
            return Ok(Err(format!("its part {name} does not decode: {e}")));
        }
    }
    if !token_rng {
        return Ok(Err("its token stream (token_rng) is missing".to_string()));
    }
    let mails = match log(
        conn,
        "SELECT seq, mail FROM mails WHERE ws = ?1 ORDER BY seq",
        key,
    )? {
        Ok(l) => l,
        Err(e) => return Ok(Err(format!("a mail does not decode: {e}"))),
    };
    let journal = match log(
        conn,
        "SELECT seq, entry FROM journal WHERE ws = ?1 ORDER BY seq",
        key,
    )? {
        Ok(l) => l,
        Err(e) => return Ok(Err(format!("a journal entry does not decode: {e}"))),
    };
    let sessions = match sessions(conn, key)? {
        Ok(s) => s,
        Err(e) => return Ok(Err(format!("a session does not decode: {e}"))),
    };
    let mut ws = Workspace {
        id: id.to_string(),
        state: state.into(),
        mails,
        journal,
        sessions,
    };
    if seeded {
        ws.state.offices = Tracked::new(Default::default());
        ws.state.customers_seeded = false;
        ws.seed_customers();
    }
    Ok(Ok(ws))
}

/// A log from its rows; the rows before the first one kept were dropped by the cap.
fn log<T: DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    key: i64,
) -> Result<Result<Log<T>, serde_json::Error>, StoreError> {
    let mut stmt = conn.prepare_cached(sql).map_err(sql_error)?;
    let rows: Vec<(i64, String)> = stmt
        .query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(sql_error)?
        .collect::<Result<_, _>>()
        .map_err(sql_error)?;
    let dropped = rows.first().map_or(0, |(seq, _)| (*seq - 1).max(0) as u64);
    let mut entries = Vec::with_capacity(rows.len());
    for (_, json) in rows {
        match serde_json::from_str(&json) {
            Ok(e) => entries.push(e),
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Ok(Log::from_parts(dropped, entries)))
}

fn sessions(
    conn: &Connection,
    key: i64,
) -> Result<Result<Sessions, serde_json::Error>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT token, session FROM sessions WHERE ws = ?1")
        .map_err(sql_error)?;
    let rows: Vec<(String, String)> = stmt
        .query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(sql_error)?
        .collect::<Result<_, _>>()
        .map_err(sql_error)?;
    let mut out = Vec::with_capacity(rows.len());
    for (token, json) in rows {
        match serde_json::from_str(&json) {
            Ok(s) => out.push((token, s)),
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Ok(out.into_iter().collect()))
}
