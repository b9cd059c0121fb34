//! Parameter versions added by policy administrators (append-only), and the head row appends
//! take turns on.

use crate::store::{Db, StoreError};
use sqlx::{Any, Row, Transaction};

/// One stored version as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRow {
    pub seq: i64,
    pub parameter_id: String,
    /// `YYYY-MM-DD`.
    pub effective: String,
    pub value: i64,
    pub source: String,
    pub note: Option<String>,
    /// Staff account id.
    pub created_by: String,
    /// Who, for people: the staff member's display name (or username when it has none).
    pub created_by_name: String,
    pub created_at: i64,
    pub previous_value: Option<i64>,
}

/// What is appended.
pub struct NewVersion<'a> {
    pub parameter_id: &'a str,
    pub effective: &'a str,
    pub value: i64,
    pub source: &'a str,
    pub note: Option<&'a str>,
    pub created_by: &'a str,
    pub previous_value: Option<i64>,
}

/// The number of versions stored so far (the head's counter): cheap, for freshness checks.
pub async fn head(db: &Db) -> Result<i64, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT versions FROM parameter_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}

/// Takes the head for this transaction (every other append waits until it ends) and returns
/// the seq the next version gets.
pub async fn take_head(tx: &mut Transaction<'_, Any>) -> Result<i64, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "UPDATE parameter_head SET versions = versions + 1 WHERE id = 1 RETURNING versions",
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(n)
}

const COLUMNS: &str = "v.seq, v.parameter_id, v.effective, v.value, v.source, v.note, v.created_by, \
     COALESCE(NULLIF(s.display_name, ''), s.username) AS created_by_name, v.created_at, v.previous_value";

fn row(r: &sqlx::any::AnyRow) -> Result<VersionRow, sqlx::Error> {
    Ok(VersionRow {
        seq: r.try_get("seq")?,
        parameter_id: r.try_get("parameter_id")?,
        effective: r.try_get("effective")?,
        value: r.try_get("value")?,
        source: r.try_get("source")?,
        note: r.try_get("note")?,
        created_by: r.try_get("created_by")?,
        created_by_name: r.try_get("created_by_name")?,
        created_at: r.try_get("created_at")?,
        previous_value: r.try_get("previous_value")?,
    })
}

/// Every stored version, oldest first.
pub async fn list(db: &Db) -> Result<Vec<VersionRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM parameter_versions v JOIN staff_users s ON s.id = v.created_by ORDER BY v.seq"
    ))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.iter().map(row).collect::<Result<_, _>>()?)
}

/// One parameter's stored versions inside the transaction (after `take_head`), oldest first.
pub async fn of_parameter_in(
    tx: &mut Transaction<'_, Any>,
    parameter_id: &str,
) -> Result<Vec<VersionRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM parameter_versions v JOIN staff_users s ON s.id = v.created_by \
         WHERE v.parameter_id = $1 ORDER BY v.seq"
    ))
    .bind(parameter_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.iter().map(row).collect::<Result<_, _>>()?)
}

/// Appends one version with the seq `take_head` gave.
pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    seq: i64,
    v: &NewVersion<'_>,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO parameter_versions (seq, parameter_id, effective, value, source, note, created_by, \
         created_at, previous_value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(seq)
    .bind(v.parameter_id)
    .bind(v.effective)
    .bind(v.value)
    .bind(v.source)
    .bind(v.note)
    .bind(v.created_by)
    .bind(now)
    .bind(v.previous_value)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
