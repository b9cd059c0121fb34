//! The record secret, sealed under APP_SECRET: one row (F5).

use super::{Db, StoreError};

/// The sealed record secret, if one was stored.
pub async fn sealed(db: &Db) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT sealed FROM record_key WHERE id = 1")
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// Stores the sealed record secret unless another instance stored one first; true when stored.
pub async fn insert_if_absent(db: &Db, sealed: &str, now: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO record_key (id, sealed, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING",
    )
    .bind(sealed)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the seal (the same secret, sealed under the current APP_SECRET).
pub async fn reseal(db: &Db, sealed: &str, now: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE record_key SET sealed = $1, resealed_at = $2 WHERE id = 1")
        .bind(sealed)
        .bind(now)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

/// Whether the database holds records made before the record secret was stored (they were
/// derived from the APP_SECRET of the time, which then becomes the record secret).
pub async fn has_older_records(db: &Db) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM staff_users) \
         + (SELECT COUNT(*) FROM volunteers) + (SELECT COUNT(*) FROM kiosks) \
         + (SELECT COUNT(*) FROM cases) + (SELECT COUNT(*) FROM payment_orders)",
    )
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}
