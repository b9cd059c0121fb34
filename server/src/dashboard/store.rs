//! Aggregates for the plan dashboard: counts of cases by street, by the programs asked for and
//! by month, the durations from sending to decision, and the charity's money moved in a period.
//! Plain SQL that SQLite and PostgreSQL read alike; nothing personal leaves these queries.
//! Periods are `[from, to)` in unix seconds.

use crate::store::{Db, StoreError};
use sqlx::Row;

/// States in which a case has been decided.
pub const DECIDED_STATES: &str = "('approved', 'rejected', 'paid', 'referred')";

/// (street code, kind, cases) of the cases sent in the period.
pub async fn cases_by_street(
    db: &Db,
    from: i64,
    to: i64,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    grouped(
        db,
        "SELECT street_code AS k, kind, COUNT(*) AS n FROM cases \
         WHERE submitted_at >= $1 AND submitted_at < $2 GROUP BY street_code, kind",
        from,
        to,
    )
    .await
}

/// (programs as stored, comma-separated; kind; cases) of the cases sent in the period.
pub async fn cases_by_programs(
    db: &Db,
    from: i64,
    to: i64,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    grouped(
        db,
        "SELECT programs AS k, kind, COUNT(*) AS n FROM cases \
         WHERE submitted_at >= $1 AND submitted_at < $2 GROUP BY programs, kind",
        from,
        to,
    )
    .await
}

async fn grouped(
    db: &Db,
    sql: &str,
    from: i64,
    to: i64,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    let rows = sqlx::query(sql)
        .bind(from)
        .bind(to)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("k")?, r.try_get("kind")?, r.try_get("n")?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// (period, kind, cases) of the cases sent between consecutive `bounds`: period 0 is
/// `[bounds[0], bounds[1])`, and so on.
pub async fn cases_by_period(
    db: &Db,
    bounds: &[i64],
) -> Result<Vec<(usize, String, i64)>, StoreError> {
    let periods = bounds.len().saturating_sub(1);
    if periods == 0 {
        return Ok(vec![]);
    }
    let cases: String = (0..periods)
        .map(|i| format!("WHEN submitted_at < ${} THEN {i} ", i + 2))
        .collect();
    let sql = format!(
        "SELECT CAST(CASE {cases}END AS BIGINT) AS period, kind, COUNT(*) AS n FROM cases \
         WHERE submitted_at >= $1 AND submitted_at < ${} GROUP BY 1, kind",
        periods + 1
    );
    let mut query = sqlx::query(&sql);
    for b in bounds {
        query = query.bind(*b);
    }
    let mut out = Vec::new();
    for r in query.fetch_all(&db.pool).await? {
        let period: i64 = r.try_get("period")?;
        if let Ok(p) = usize::try_from(period) {
            out.push((p, r.try_get("kind")?, r.try_get("n")?));
        }
    }
    Ok(out)
}

/// (kind, seconds from sending to decision) of every case decided in the period.
pub async fn decision_seconds(
    db: &Db,
    from: i64,
    to: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    let sql = format!(
        "SELECT kind, CAST(decided_at - submitted_at AS BIGINT) AS secs FROM cases \
         WHERE state IN {DECIDED_STATES} AND decided_at IS NOT NULL \
           AND decided_at >= $1 AND decided_at < $2"
    );
    let rows = sqlx::query(&sql)
        .bind(from)
        .bind(to)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("kind")?, r.try_get("secs")?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// (kind, total fen) of the charity ledger's entries in the period: donations, disbursements,
/// refunds.
pub async fn charity_flows(db: &Db, from: i64, to: i64) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT kind, CAST(SUM(amount_fen) AS BIGINT) AS total FROM charity_entries \
         WHERE at >= $1 AND at < $2 GROUP BY kind",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("kind")?, r.try_get("total")?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}
