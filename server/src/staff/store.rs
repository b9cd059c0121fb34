//! Staff accounts and their sessions.

use crate::store::{Db, StoreError};
use sqlx::Row;
use types::account::Role;

#[derive(Clone, Debug)]
pub struct StaffRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub totp_sealed: String,
    pub role: Role,
    pub street_code: Option<String>,
    pub failed_count: i64,
    pub locked_until: i64,
    /// When an administrator disabled the account (F4): refused at sign-in and on every request.
    pub disabled_at: Option<i64>,
    /// Until when the one-time enrolment code works, while the member has not enrolled.
    pub enrol_expires_at: Option<i64>,
}

impl StaffRow {
    /// Whether the member has set their password and authenticator (empty until they enrol).
    pub fn enrolled(&self) -> bool {
        !self.password_hash.is_empty() && !self.totp_sealed.is_empty()
    }
}

const COLUMNS: &str = "id, username, display_name, password_hash, totp_sealed, role, street_code, failed_count, locked_until, disabled_at, enrol_expires_at";

fn row(r: &sqlx::any::AnyRow) -> Result<StaffRow, sqlx::Error> {
    Ok(StaffRow {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        password_hash: r.try_get("password_hash")?,
        totp_sealed: r.try_get("totp_sealed")?,
        role: role(r)?,
        street_code: r.try_get("street_code")?,
        failed_count: r.try_get("failed_count")?,
        locked_until: r.try_get("locked_until")?,
        disabled_at: r.try_get("disabled_at")?,
        enrol_expires_at: r.try_get("enrol_expires_at")?,
    })
}

/// The stored role code as a role (the table only ever holds the codes `Role` has).
fn role(r: &sqlx::any::AnyRow) -> Result<Role, sqlx::Error> {
    let code: String = r.try_get("role")?;
    Role::from_code(&code).ok_or_else(|| sqlx::Error::ColumnDecode {
        index: "role".into(),
        source: format!("unknown staff role {code:?}").into(),
    })
}

pub async fn by_username(db: &Db, username: &str) -> Result<Option<StaffRow>, StoreError> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM staff_users WHERE username = $1"
    ))
    .bind(username)
    .fetch_optional(&db.pool)
    .await?;
    Ok(r.as_ref().map(row).transpose()?)
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<StaffRow>, StoreError> {
    let r = sqlx::query(&format!("SELECT {COLUMNS} FROM staff_users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(r.as_ref().map(row).transpose()?)
}

pub struct NewStaff<'a> {
    pub id: &'a str,
    pub username: &'a str,
    pub display_name: &'a str,
    /// Empty for an invited member, who sets their own at enrolment.
    pub password_hash: &'a str,
    /// Empty for an invited member, who enrols their own authenticator.
    pub totp_sealed: &'a str,
    pub role: Role,
    pub street_code: Option<&'a str>,
    /// The invitation's enrolment code (hashed) and until when it works.
    pub enrolment: Option<(&'a str, i64)>,
}

/// Creates the account unless the username exists; true when created.
pub async fn insert(db: &Db, n: &NewStaff<'_>, now: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO staff_users (id, username, display_name, password_hash, totp_sealed, role, street_code, failed_count, locked_until, created_at, enrol_hash, enrol_expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, $8, $9, $10) ON CONFLICT (username) DO NOTHING",
    )
    .bind(n.id)
    .bind(n.username)
    .bind(n.display_name)
    .bind(n.password_hash)
    .bind(n.totp_sealed)
    .bind(n.role.as_str())
    .bind(n.street_code)
    .bind(now)
    .bind(n.enrolment.map(|(hash, _)| hash))
    .bind(n.enrolment.map(|(_, until)| until))
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Resets a member's sign-in (F4): password and authenticator cleared, a new enrolment code.
/// True when the account exists.
pub async fn reset_credentials(
    db: &Db,
    id: &str,
    enrol_hash: &str,
    enrol_until: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE staff_users SET password_hash = '', totp_sealed = '', totp_last_step = NULL, \
         failed_count = 0, locked_until = 0, enrol_hash = $2, enrol_expires_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(enrol_hash)
    .bind(enrol_until)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Keeps the authenticator secret a member is enrolling, when their enrolment code is right,
/// unused and unexpired and the account not disabled; the account is returned.
pub async fn stage_secret(
    db: &Db,
    username: &str,
    enrol_hash: &str,
    totp_sealed: &str,
    now: i64,
) -> Result<Option<String>, StoreError> {
    let id: Option<String> = sqlx::query_scalar(
        "UPDATE staff_users SET totp_sealed = $3 WHERE username = $1 AND enrol_hash = $2 \
         AND enrol_expires_at > $4 AND disabled_at IS NULL RETURNING id",
    )
    .bind(username)
    .bind(enrol_hash)
    .bind(totp_sealed)
    .bind(now)
    .fetch_optional(&mut *db.writer().await?)
    .await?;
    Ok(id)
}

/// The account and sealed secret of an enrolment under way with this code (right, unexpired,
/// the account not disabled, a secret staged).
pub async fn staged_secret(
    db: &Db,
    username: &str,
    enrol_hash: &str,
    now: i64,
) -> Result<Option<(String, String)>, StoreError> {
    let r = sqlx::query(
        "SELECT id, totp_sealed FROM staff_users WHERE username = $1 AND enrol_hash = $2 \
         AND enrol_expires_at > $3 AND disabled_at IS NULL AND totp_sealed <> ''",
    )
    .bind(username)
    .bind(enrol_hash)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    Ok(
        r.map(|r| Ok::<_, sqlx::Error>((r.try_get("id")?, r.try_get("totp_sealed")?)))
            .transpose()?,
    )
}

/// Completes an enrolment with the member's own password: the code stops working. False when
/// the code is no longer valid (used, replaced by a reset, expired) or the account disabled.
pub async fn complete_enrolment(
    db: &Db,
    id: &str,
    enrol_hash: &str,
    password_hash: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE staff_users SET password_hash = $3, enrol_hash = NULL, enrol_expires_at = NULL, \
         failed_count = 0 WHERE id = $1 AND enrol_hash = $2 AND enrol_expires_at > $4 \
         AND disabled_at IS NULL AND totp_sealed <> ''",
    )
    .bind(id)
    .bind(enrol_hash)
    .bind(password_hash)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Disables (`Some(now)`) or re-enables (`None`) an account; true when it exists.
pub async fn set_disabled(db: &Db, id: &str, at: Option<i64>) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE staff_users SET disabled_at = $2 WHERE id = $1")
        .bind(id)
        .bind(at)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Counts a failed sign-in; at `max` failures the account locks until `lock_until`.
/// Reserves one sign-in attempt before anything is verified: counts it, unless the account is
/// locked or its attempts are used up (then `None`). Concurrent attempts each take their own
/// number, so a burst cannot evaluate more codes than the lockout allows.
pub async fn reserve_attempt(
    db: &Db,
    id: &str,
    max: i64,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    let n: Option<i64> = sqlx::query_scalar(
        "UPDATE staff_users SET failed_count = failed_count + 1 \
         WHERE id = $1 AND locked_until <= $2 AND failed_count < $3 RETURNING failed_count",
    )
    .bind(id)
    .bind(now)
    .bind(max)
    .fetch_optional(&mut *db.writer().await?)
    .await?;
    Ok(n)
}

/// Locks the account until `lock_until` (its attempts start again afterwards).
pub async fn lock(db: &Db, id: &str, lock_until: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE staff_users SET failed_count = 0, locked_until = $2 WHERE id = $1")
        .bind(id)
        .bind(lock_until)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

/// Accepts an authenticator step once: true when `step` is later than the last one accepted.
pub async fn accept_totp_step(db: &Db, id: &str, step: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE staff_users SET totp_last_step = $2 \
         WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
    )
    .bind(id)
    .bind(step)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives back an attempt reserved by [`reserve_attempt`] that guessed nothing (the right password
/// and a right code that had signed in already).
pub async fn give_back_attempt(db: &Db, id: &str) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE staff_users SET failed_count = failed_count - 1 WHERE id = $1 AND failed_count > 0",
    )
    .bind(id)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

pub async fn record_success(db: &Db, id: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE staff_users SET failed_count = 0 WHERE id = $1")
        .bind(id)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

pub async fn create_session(
    db: &Db,
    token_hash: &str,
    user_id: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO staff_sessions (token_hash, user_id, created_at, last_seen) VALUES ($1, $2, $3, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

/// The user of a live session (idle ≤ `idle`, age ≤ `max_age`), touching its last use.
pub async fn touch_session(
    db: &Db,
    token_hash: &str,
    now: i64,
    idle: i64,
    max_age: i64,
) -> Result<Option<String>, StoreError> {
    let user: Option<String> = sqlx::query_scalar(
        "UPDATE staff_sessions SET last_seen = $2 WHERE token_hash = $1 AND revoked_at IS NULL \
         AND last_seen >= $3 AND created_at >= $4 RETURNING user_id",
    )
    .bind(token_hash)
    .bind(now)
    .bind(now - idle)
    .bind(now - max_age)
    .fetch_optional(&db.pool)
    .await?;
    Ok(user)
}

pub async fn revoke_session(db: &Db, token_hash: &str, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE staff_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

/// Every staff account with its number of live sessions, by username.
pub async fn list(db: &Db, now: i64, idle: i64) -> Result<Vec<(StaffRow, i64)>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}, (SELECT COUNT(*) FROM staff_sessions s WHERE s.user_id = staff_users.id \
         AND s.revoked_at IS NULL AND s.last_seen >= $1) AS live FROM staff_users ORDER BY username"
    ))
    .bind(now - idle)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((row(r)?, r.try_get::<i64, _>("live")?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

pub async fn set_role(
    db: &Db,
    id: &str,
    role: Role,
    street_code: Option<&str>,
) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE staff_users SET role = $2, street_code = $3 WHERE id = $1")
        .bind(id)
        .bind(role.as_str())
        .bind(street_code)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends every session of one member of staff at once; returns how many were live.
pub async fn revoke_all_sessions(db: &Db, user_id: &str, now: i64) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE staff_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected())
}
