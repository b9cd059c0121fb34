//! The two append-only ledgers: the statutory service record (minutes per activity) and the
//! double-entry time-credit ledger (integer minutes; every entry's postings sum to zero).

use crate::store::{Db, StoreError};
use sqlx::{Any, Row, Transaction};

pub const BANK_ISSUE: &str = "bank:issue";
pub const BANK_REDEEM: &str = "bank:redeem";

#[derive(Clone, Debug)]
pub struct ServiceRecordRow {
    pub id: i64,
    pub volunteer_id: String,
    pub activity_id: Option<String>,
    pub minutes: i64,
    pub kind: String,
    pub reason: String,
    pub reverses: Option<i64>,
    pub recorded_at: i64,
}

pub struct NewServiceRecord<'a> {
    pub volunteer_id: &'a str,
    pub activity_id: Option<&'a str>,
    pub minutes: i64,
    pub kind: &'a str,
    pub reason: &'a str,
    pub reverses: Option<i64>,
    pub recorded_by: &'a str,
}

pub async fn add_service_record(
    tx: &mut Transaction<'_, Any>,
    r: &NewServiceRecord<'_>,
    now: i64,
) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO service_records (volunteer_id, activity_id, minutes, kind, reason, reverses, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(r.volunteer_id)
    .bind(r.activity_id)
    .bind(r.minutes)
    .bind(r.kind)
    .bind(r.reason)
    .bind(r.reverses)
    .bind(r.recorded_by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

pub async fn service_records(
    db: &Db,
    volunteer_id: &str,
) -> Result<Vec<ServiceRecordRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, volunteer_id, activity_id, minutes, kind, reason, reverses, recorded_at FROM service_records \
         WHERE volunteer_id = $1 ORDER BY id",
    )
    .bind(volunteer_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<_, sqlx::Error> {
            Ok(ServiceRecordRow {
                id: r.try_get("id")?,
                volunteer_id: r.try_get("volunteer_id")?,
                activity_id: r.try_get("activity_id")?,
                minutes: r.try_get("minutes")?,
                kind: r.try_get("kind")?,
                reason: r.try_get("reason")?,
                reverses: r.try_get("reverses")?,
                recorded_at: r.try_get("recorded_at")?,
            })
        })
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

/// Creates the time bank's own accounts when missing.
pub async fn ensure_bank_accounts(db: &Db) -> Result<(), StoreError> {
    for owner in [BANK_ISSUE, BANK_REDEEM] {
        sqlx::query("INSERT INTO credit_accounts (id, owner, balance) VALUES ($1, $1, 0) ON CONFLICT DO NOTHING")
            .bind(owner)
            .execute(&mut *db.writer().await?)
            .await?;
    }
    Ok(())
}

/// Why a credit entry was not posted.
#[derive(Debug, PartialEq, Eq)]
pub enum PostOutcome {
    Posted(String),
    /// An entry with this idempotency key exists: nothing new was posted.
    Repeated(String),
    /// A volunteer's balance would go negative: nothing was posted.
    Insufficient,
}

/// Posts one balanced entry in the caller's transaction. Each posting moves the cached balance
/// by a guarded update (never below zero for volunteers), so concurrent entries on the same
/// account are serialized by the row and cannot overdraw it.
pub async fn post(
    tx: &mut Transaction<'_, Any>,
    key: &str,
    kind: &str,
    memo: &str,
    postings: &[(&str, i64)],
    now: i64,
) -> Result<PostOutcome, StoreError> {
    assert_eq!(
        postings.iter().map(|p| p.1).sum::<i64>(),
        0,
        "postings of an entry sum to zero"
    );
    // The first statement writes, so on SQLite the transaction takes the write lock before it
    // reads anything (no stale snapshot to upgrade).
    let id = uuid::Uuid::new_v4().to_string();
    let inserted = sqlx::query(
        "INSERT INTO credit_entries (id, idempotency_key, kind, memo, at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(&id)
    .bind(key)
    .bind(kind)
    .bind(memo)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if inserted.rows_affected() == 0 {
        let id: String =
            sqlx::query_scalar("SELECT id FROM credit_entries WHERE idempotency_key = $1")
                .bind(key)
                .fetch_one(&mut **tx)
                .await?;
        return Ok(PostOutcome::Repeated(id));
    }
    // Accounts in one fixed order, so two entries touching the same accounts (a gift each way)
    // lock them in the same order and cannot deadlock. A refusal anywhere rolls the whole
    // transaction back: the caller commits only a `Posted`.
    let mut ordered: Vec<&(&str, i64)> = postings.iter().collect();
    ordered.sort_by_key(|p| p.0);
    for (owner, minutes) in ordered {
        let account: Option<String> = sqlx::query_scalar(
            "UPDATE credit_accounts SET balance = balance + $2 WHERE owner = $1 \
             AND (owner LIKE 'bank:%' OR balance + $2 >= 0) RETURNING id",
        )
        .bind(*owner)
        .bind(*minutes)
        .fetch_optional(&mut **tx)
        .await?;
        let Some(account) = account else {
            return Ok(PostOutcome::Insufficient);
        };
        sqlx::query(
            "INSERT INTO credit_postings (entry_id, account_id, minutes) VALUES ($1, $2, $3)",
        )
        .bind(&id)
        .bind(&account)
        .bind(*minutes)
        .execute(&mut **tx)
        .await?;
    }
    Ok(PostOutcome::Posted(id))
}

/// Accounts whose cached balance differs from the sum of their postings, and entries whose
/// postings do not sum to zero: both empty on a sound ledger.
pub async fn check(db: &Db) -> Result<(Vec<String>, Vec<String>), StoreError> {
    let drifted: Vec<String> = sqlx::query_scalar(
        "SELECT a.owner FROM credit_accounts a WHERE a.balance <> \
         (SELECT COALESCE(SUM(p.minutes), 0) FROM credit_postings p WHERE p.account_id = a.id) \
         OR (a.owner NOT LIKE 'bank:%' AND a.balance < 0)",
    )
    .fetch_all(&db.pool)
    .await?;
    let unbalanced: Vec<String> = sqlx::query_scalar(
        "SELECT entry_id FROM credit_postings GROUP BY entry_id HAVING SUM(minutes) <> 0",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok((drifted, unbalanced))
}

#[derive(Clone, Debug)]
pub struct StatementLine {
    pub at: i64,
    pub kind: String,
    pub memo: String,
    pub minutes: i64,
}

/// A volunteer's statement: their postings, oldest first.
pub async fn statement(db: &Db, owner: &str) -> Result<Vec<StatementLine>, StoreError> {
    let rows = sqlx::query(
        "SELECT e.at, e.kind, e.memo, p.minutes FROM credit_postings p JOIN credit_entries e ON e.id = p.entry_id \
         JOIN credit_accounts a ON a.id = p.account_id WHERE a.owner = $1 ORDER BY e.at, e.id",
    )
    .bind(owner)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<_, sqlx::Error> {
            Ok(StatementLine {
                at: r.try_get("at")?,
                kind: r.try_get("kind")?,
                memo: r.try_get("memo")?,
                minutes: r.try_get("minutes")?,
            })
        })
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}
