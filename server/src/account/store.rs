//! Resident accounts, one-time codes, refresh-token families and the development outbox.

use crate::store::{Db, StoreError};
use sqlx::Row;

pub async fn find_or_create(
    db: &Db,
    id: &str,
    phone_hash: &str,
    phone_sealed: &str,
    now: i64,
) -> Result<String, StoreError> {
    sqlx::query(
        "INSERT INTO accounts (id, kind, phone_hash, phone_sealed, created_at) VALUES ($1, 'resident', $2, $3, $4) \
         ON CONFLICT (phone_hash) DO NOTHING",
    )
    .bind(id)
    .bind(phone_hash)
    .bind(phone_sealed)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    let id: String = sqlx::query_scalar("SELECT id FROM accounts WHERE phone_hash = $1")
        .bind(phone_hash)
        .fetch_one(&db.pool)
        .await?;
    Ok(id)
}

pub async fn id_by_phone_hash(db: &Db, phone_hash: &str) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM accounts WHERE phone_hash = $1")
            .bind(phone_hash)
            .fetch_optional(&db.pool)
            .await?,
    )
}

pub async fn phone_sealed(db: &Db, account_id: &str) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT phone_sealed FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(&db.pool)
            .await?,
    )
}

pub async fn insert_code(
    db: &Db,
    id: &str,
    phone_hash: &str,
    code_hash: &str,
    expires_at: i64,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO otp_codes (id, phone_hash, code_hash, expires_at, tries, created_at) VALUES ($1, $2, $3, $4, 0, $5)")
        .bind(id)
        .bind(phone_hash)
        .bind(code_hash)
        .bind(expires_at)
        .bind(now)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

pub struct CodeRow {
    pub id: String,
    pub code_hash: String,
    pub expires_at: i64,
    pub tries: i64,
    pub used: bool,
}

/// The newest code sent to a number (older ones no longer count).
pub async fn latest_code(db: &Db, phone_hash: &str) -> Result<Option<CodeRow>, StoreError> {
    let r = sqlx::query(
        "SELECT id, code_hash, expires_at, tries, used_at FROM otp_codes WHERE phone_hash = $1 \
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(phone_hash)
    .fetch_optional(&db.pool)
    .await?;
    r.map(|r| {
        Ok(CodeRow {
            id: r.try_get("id")?,
            code_hash: r.try_get("code_hash")?,
            expires_at: r.try_get("expires_at")?,
            tries: r.try_get("tries")?,
            used: r.try_get::<Option<i64>, _>("used_at")?.is_some(),
        })
    })
    .transpose()
    .map_err(|e: sqlx::Error| e.into())
}

pub async fn count_wrong_try(db: &Db, id: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE otp_codes SET tries = tries + 1 WHERE id = $1")
        .bind(id)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

/// Marks a code used; false when another request used it first (single use).
pub async fn use_code(db: &Db, id: &str, now: i64, max_tries: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE otp_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND tries < $3",
    )
    .bind(id)
    .bind(now)
    .bind(max_tries)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn create_family(
    db: &Db,
    family: &str,
    account_id: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO session_families (family, account_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(family)
    .bind(account_id)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

pub async fn insert_refresh(
    db: &Db,
    token_hash: &str,
    family: &str,
    expires_at: i64,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO refresh_tokens (token_hash, family, expires_at, created_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(family)
        .bind(expires_at)
        .bind(now)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

pub enum RefreshUse {
    /// The token was current: it is now spent and its successor stored.
    Rotated {
        family: String,
        account_id: String,
    },
    /// The token was spent within the grace, by another tab at the same moment: its successor.
    Grace {
        family: String,
        account_id: String,
        successor_sealed: String,
    },
    /// The token had already been replaced, longer ago than the grace: someone holds a copy.
    Reused {
        family: String,
    },
    Invalid,
}

/// The successor a rotation stores: its hash (the look-up) and the token sealed (for a second
/// use within the grace).
pub struct Successor<'a> {
    pub token_hash: &'a str,
    pub sealed: &'a str,
    pub expires_at: i64,
}

/// Spends a refresh token and stores its successor, in one transaction: a second use waits for
/// the first, then finds the successor (within `grace` seconds) or a reuse.
pub async fn use_refresh(
    db: &Db,
    token_hash: &str,
    successor: &Successor<'_>,
    grace: i64,
    now: i64,
) -> Result<RefreshUse, StoreError> {
    let mut tx = db.begin().await?;
    let spent = sqlx::query(
        "UPDATE refresh_tokens SET used_at = $2, successor_sealed = $3 \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .bind(successor.sealed)
    .execute(&mut **tx)
    .await?;
    let r = sqlx::query(
        "SELECT t.family, t.used_at, t.successor_sealed, f.account_id, f.revoked_at FROM refresh_tokens t \
         JOIN session_families f ON f.family = t.family WHERE t.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(r) = r else {
        return Ok(RefreshUse::Invalid);
    };
    let family: String = r.try_get("family")?;
    let account_id: String = r.try_get("account_id")?;
    if r.try_get::<Option<i64>, _>("revoked_at")?.is_some() {
        return Ok(RefreshUse::Invalid);
    }
    if spent.rows_affected() == 1 {
        sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, family, expires_at, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(successor.token_hash)
        .bind(&family)
        .bind(successor.expires_at)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        tx.commit().await?;
        return Ok(RefreshUse::Rotated { family, account_id });
    }
    drop(tx);
    let used_at: Option<i64> = r.try_get("used_at")?;
    let Some(used_at) = used_at else {
        return Ok(RefreshUse::Invalid); // expired unused
    };
    match r.try_get::<Option<String>, _>("successor_sealed")? {
        Some(successor_sealed) if now - used_at <= grace => Ok(RefreshUse::Grace {
            family,
            account_id,
            successor_sealed,
        }),
        _ => Ok(RefreshUse::Reused { family }),
    }
}

pub async fn revoke_family(
    db: &Db,
    family: &str,
    reason: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE session_families SET revoked_at = $2, revoked_reason = $3 WHERE family = $1 AND revoked_at IS NULL")
        .bind(family)
        .bind(now)
        .bind(reason)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

pub async fn revoke_all(
    db: &Db,
    account_id: &str,
    reason: &str,
    now: i64,
) -> Result<u64, StoreError> {
    let done = sqlx::query("UPDATE session_families SET revoked_at = $2, revoked_reason = $3 WHERE account_id = $1 AND revoked_at IS NULL")
        .bind(account_id)
        .bind(now)
        .bind(reason)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(done.rows_affected())
}

/// The account of a sign-in that has not been revoked.
pub async fn active_family(db: &Db, family: &str) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT account_id FROM session_families WHERE family = $1 AND revoked_at IS NULL",
    )
    .bind(family)
    .fetch_optional(&db.pool)
    .await?)
}

pub async fn outbox_add(
    db: &Db,
    at: i64,
    recipient: &str,
    message: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO dev_outbox (at, recipient, message) VALUES ($1, $2, $3)")
        .bind(at)
        .bind(recipient)
        .bind(message)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

pub async fn outbox_recent(db: &Db, limit: i64) -> Result<Vec<(i64, String, String)>, StoreError> {
    let rows =
        sqlx::query("SELECT at, recipient, message FROM dev_outbox ORDER BY id DESC LIMIT $1")
            .bind(limit)
            .fetch_all(&db.pool)
            .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("at")?,
                r.try_get("recipient")?,
                r.try_get("message")?,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// Ends the sign-in a refresh token belongs to.
pub async fn revoke_by_refresh(
    db: &Db,
    token_hash: &str,
    reason: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE session_families SET revoked_at = $2, revoked_reason = $3 \
         WHERE revoked_at IS NULL AND family = (SELECT family FROM refresh_tokens WHERE token_hash = $1)",
    )
    .bind(token_hash)
    .bind(now)
    .bind(reason)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ConsentRow {
    pub purpose: String,
    pub text_version: String,
    pub granted_at: i64,
    pub withdrawn_at: Option<i64>,
}

pub async fn has_active_consent(
    db: &Db,
    account_id: &str,
    purpose: &str,
) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consents WHERE account_id = $1 AND purpose = $2 AND withdrawn_at IS NULL")
        .bind(account_id)
        .bind(purpose)
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}

pub async fn grant_consent(
    db: &Db,
    account_id: &str,
    purpose: &str,
    text_version: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO consents (id, account_id, purpose, text_version, granted_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(account_id)
        .bind(purpose)
        .bind(text_version)
        .bind(now)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

pub async fn withdraw_consent(
    db: &Db,
    account_id: &str,
    purpose: &str,
    now: i64,
) -> Result<u64, StoreError> {
    let done = sqlx::query("UPDATE consents SET withdrawn_at = $3 WHERE account_id = $1 AND purpose = $2 AND withdrawn_at IS NULL")
        .bind(account_id)
        .bind(purpose)
        .bind(now)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(done.rows_affected())
}

pub async fn consents(db: &Db, account_id: &str) -> Result<Vec<ConsentRow>, StoreError> {
    let rows = sqlx::query("SELECT purpose, text_version, granted_at, withdrawn_at FROM consents WHERE account_id = $1 ORDER BY granted_at DESC")
        .bind(account_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(ConsentRow {
                purpose: r.try_get("purpose")?,
                text_version: r.try_get("text_version")?,
                granted_at: r.try_get("granted_at")?,
                withdrawn_at: r.try_get("withdrawn_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// Forgets sign-in codes that expired before `before` (spent or not: a code is of no use after
/// its five minutes) and development outbox messages older than `before` (L15).
pub async fn prune(db: &Db, before: i64) -> Result<u64, StoreError> {
    let mut w = db.writer().await?;
    let codes = sqlx::query("DELETE FROM otp_codes WHERE expires_at < $1")
        .bind(before)
        .execute(&mut *w)
        .await?;
    let outbox = sqlx::query("DELETE FROM dev_outbox WHERE at < $1")
        .bind(before)
        .execute(&mut *w)
        .await?;
    Ok(codes.rows_affected() + outbox.rows_affected())
}
