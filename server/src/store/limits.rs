//! Rate limits and lockouts as fixed-window counters in the database, so that they hold across
//! every server instance.

use super::{Db, StoreError};

/// Counts one attempt for `key` in the window of `window_secs` containing `now`, and returns the
/// number of attempts in that window including this one.
pub async fn hit(db: &Db, key: &str, window_secs: i64, now: i64) -> Result<i64, StoreError> {
    let window_start = now - now.rem_euclid(window_secs.max(1));
    let count: i64 = sqlx::query_scalar(
        "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1) \
         ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1 \
         RETURNING count",
    )
    .bind(key)
    .bind(window_start)
    .fetch_one(&db.pool)
    .await?;
    Ok(count)
}

/// Counts the attempt and says whether it is within `limit` for the window.
pub async fn allow(
    db: &Db,
    key: &str,
    limit: i64,
    window_secs: i64,
    now: i64,
) -> Result<bool, StoreError> {
    Ok(hit(db, key, window_secs, now).await? <= limit)
}

/// Forgets windows that ended before `before` (counters, not records: nothing of value is lost).
pub async fn prune(db: &Db, before: i64) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(before)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(done.rows_affected())
}
