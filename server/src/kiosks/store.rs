//! Kiosk devices: registration, one-time enrolment, the device credential, revocation.

use crate::store::{Db, StoreError};
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct KioskRow {
    pub id: String,
    pub name: String,
    pub street_code: String,
    pub enrol_expires_at: Option<i64>,
    pub enrolled_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const COLUMNS: &str = "id, name, street_code, enrol_expires_at, enrolled_at, revoked_at";

fn row(r: &sqlx::any::AnyRow) -> Result<KioskRow, sqlx::Error> {
    Ok(KioskRow {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        street_code: r.try_get("street_code")?,
        enrol_expires_at: r.try_get("enrol_expires_at")?,
        enrolled_at: r.try_get("enrolled_at")?,
        revoked_at: r.try_get("revoked_at")?,
    })
}

pub struct NewKiosk<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub street_code: &'a str,
    pub enrol_hash: &'a str,
    pub enrol_expires_at: i64,
    pub created_by: &'a str,
}

pub async fn insert(db: &Db, k: &NewKiosk<'_>, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO kiosks (id, name, street_code, enrol_hash, enrol_expires_at, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(k.id)
    .bind(k.name)
    .bind(k.street_code)
    .bind(k.enrol_hash)
    .bind(k.enrol_expires_at)
    .bind(now)
    .bind(k.created_by)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

pub async fn list(db: &Db) -> Result<Vec<KioskRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM kiosks ORDER BY created_at DESC, id"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(row)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

/// Uses a live, unexpired enrolment code once: the device credential replaces it.
pub async fn enrol(
    db: &Db,
    enrol_hash: &str,
    credential_hash: &str,
    now: i64,
) -> Result<Option<KioskRow>, StoreError> {
    let r = sqlx::query(&format!(
        "UPDATE kiosks SET enrol_hash = NULL, credential_hash = $2, enrolled_at = $3 \
         WHERE enrol_hash = $1 AND enrol_expires_at >= $3 AND revoked_at IS NULL RETURNING {COLUMNS}"
    ))
    .bind(enrol_hash)
    .bind(credential_hash)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    Ok(r.as_ref().map(row).transpose()?)
}

/// The enrolled, unrevoked kiosk holding this credential.
pub async fn by_credential(db: &Db, credential_hash: &str) -> Result<Option<KioskRow>, StoreError> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM kiosks WHERE credential_hash = $1 AND revoked_at IS NULL"
    ))
    .bind(credential_hash)
    .fetch_optional(&db.pool)
    .await?;
    Ok(r.as_ref().map(row).transpose()?)
}

/// Revokes the kiosk (its credential and any unused code); false if unknown or already revoked.
pub async fn revoke(db: &Db, id: &str, now: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE kiosks SET revoked_at = $2, enrol_hash = NULL WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}
