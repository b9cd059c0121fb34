//! What is built on the service record: each activity's net minutes, corrections and their
//! decisions, issued certificates, and the care services credits are redeemed for.

use crate::store::{Db, StoreError};
use sqlx::{Any, Row, Transaction};

/// A volunteer's net minutes at one activity (reversals and replacements included).
#[derive(Clone, Debug)]
pub struct ActivityMinutes {
    pub organization: String,
    pub category: String,
    pub starts_at: i64,
    pub minutes: i64,
}

/// Net minutes per activity, oldest first; activities netting to zero are left out.
pub async fn net_by_activity(
    db: &Db,
    volunteer_id: &str,
) -> Result<Vec<ActivityMinutes>, StoreError> {
    let rows = sqlx::query(
        "SELECT o.name AS organization, a.category, a.starts_at, CAST(SUM(r.minutes) AS BIGINT) AS minutes \
         FROM service_records r JOIN activities a ON a.id = r.activity_id \
         JOIN organizations o ON o.id = a.organization_id \
         WHERE r.volunteer_id = $1 GROUP BY a.id, o.name, a.category, a.starts_at \
         HAVING SUM(r.minutes) <> 0 ORDER BY a.starts_at",
    )
    .bind(volunteer_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<_, sqlx::Error> {
            Ok(ActivityMinutes {
                organization: r.try_get("organization")?,
                category: r.try_get("category")?,
                starts_at: r.try_get("starts_at")?,
                minutes: r.try_get("minutes")?,
            })
        })
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

/// Honour hours (recorded by an administrator, outside any activity).
pub async fn honour_minutes(db: &Db, volunteer_id: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) FROM service_records WHERE volunteer_id = $1 AND activity_id IS NULL",
    )
    .bind(volunteer_id)
    .fetch_one(&db.pool)
    .await?)
}

/// True when a later entry reverses this one.
pub async fn is_reversed(db: &Db, record_id: i64) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM service_records WHERE reverses = $1 AND kind = 'reversal'",
    )
    .bind(record_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

#[derive(Clone, Debug)]
pub struct CorrectionRow {
    pub id: String,
    pub record_id: i64,
    pub volunteer_id: String,
    pub organization_id: String,
    pub minutes: i64,
    pub reason: String,
    pub requested_at: i64,
    /// (accepted, reason) once decided.
    pub decision: Option<(bool, String)>,
    /// The record's activity and its minutes as recorded.
    pub activity_id: String,
    pub activity_name: String,
    pub recorded_minutes: i64,
}

const CORRECTION_SELECT: &str = "SELECT c.id, c.record_id, c.volunteer_id, c.organization_id, c.minutes, c.reason, \
     c.requested_at, d.accepted, d.reason AS decision_reason, a.id AS activity_id, a.name AS activity_name, \
     r.minutes AS recorded_minutes \
     FROM corrections c JOIN service_records r ON r.id = c.record_id JOIN activities a ON a.id = r.activity_id \
     LEFT JOIN correction_decisions d ON d.correction_id = c.id";

fn correction(r: &sqlx::any::AnyRow) -> Result<CorrectionRow, sqlx::Error> {
    let accepted: Option<i64> = r.try_get("accepted")?;
    let decision_reason: Option<String> = r.try_get("decision_reason")?;
    Ok(CorrectionRow {
        id: r.try_get("id")?,
        record_id: r.try_get("record_id")?,
        volunteer_id: r.try_get("volunteer_id")?,
        organization_id: r.try_get("organization_id")?,
        minutes: r.try_get("minutes")?,
        reason: r.try_get("reason")?,
        requested_at: r.try_get("requested_at")?,
        decision: accepted.map(|a| (a == 1, decision_reason.unwrap_or_default())),
        activity_id: r.try_get("activity_id")?,
        activity_name: r.try_get("activity_name")?,
        recorded_minutes: r.try_get("recorded_minutes")?,
    })
}

async fn corrections_where(
    db: &Db,
    condition: &str,
    bind: &str,
) -> Result<Vec<CorrectionRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "{CORRECTION_SELECT} WHERE {condition} ORDER BY c.requested_at"
    ))
    .bind(bind)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(correction)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

pub async fn correction_by_id(db: &Db, id: &str) -> Result<Option<CorrectionRow>, StoreError> {
    Ok(corrections_where(db, "c.id = $1", id).await?.pop())
}

/// A volunteer's requests, decided or not.
pub async fn corrections_of(db: &Db, volunteer_id: &str) -> Result<Vec<CorrectionRow>, StoreError> {
    corrections_where(db, "c.volunteer_id = $1", volunteer_id).await
}

/// Open requests of the organizations this member of staff coordinates.
pub async fn open_corrections_for(
    db: &Db,
    staff_id: &str,
) -> Result<Vec<CorrectionRow>, StoreError> {
    corrections_where(
        db,
        "d.correction_id IS NULL AND c.organization_id IN \
         (SELECT organization_id FROM organization_coordinators WHERE staff_id = $1)",
        staff_id,
    )
    .await
}

/// True when the record has a request without a decision.
pub async fn has_open_correction(db: &Db, record_id: i64) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM corrections c LEFT JOIN correction_decisions d ON d.correction_id = c.id \
         WHERE c.record_id = $1 AND d.correction_id IS NULL",
    )
    .bind(record_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

pub struct NewCorrection<'a> {
    pub id: &'a str,
    pub record_id: i64,
    pub volunteer_id: &'a str,
    pub organization_id: &'a str,
    pub minutes: i64,
    pub reason: &'a str,
}

/// Stores a request as the open one of its record; false (nothing stored) when the record has an
/// open request already, however close together the two were sent.
pub async fn insert_correction(
    db: &Db,
    c: &NewCorrection<'_>,
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO corrections (id, record_id, volunteer_id, organization_id, minutes, reason, requested_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(c.id)
    .bind(c.record_id)
    .bind(c.volunteer_id)
    .bind(c.organization_id)
    .bind(c.minutes)
    .bind(c.reason)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let open = sqlx::query(
        "INSERT INTO open_corrections (record_id, correction_id) VALUES ($1, $2) \
         ON CONFLICT (record_id) DO NOTHING",
    )
    .bind(c.record_id)
    .bind(c.id)
    .execute(&mut **tx)
    .await?;
    if open.rows_affected() != 1 {
        return Ok(false); // dropping the transaction rolls the request back
    }
    tx.commit().await?;
    Ok(true)
}

/// Records the one decision on a request; false when it was decided already.
pub async fn decide(
    tx: &mut Transaction<'_, Any>,
    correction_id: &str,
    accepted: bool,
    reason: &str,
    decided_by: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO correction_decisions (correction_id, accepted, reason, decided_by, decided_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (correction_id) DO NOTHING",
    )
    .bind(correction_id)
    .bind(i64::from(accepted))
    .bind(reason)
    .bind(decided_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM open_corrections WHERE correction_id = $1")
        .bind(correction_id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

#[derive(Clone, Debug)]
pub struct CertificateRow {
    pub number: String,
    pub volunteer_id: String,
    pub content: String,
    pub seal: String,
    pub issued_at: i64,
}

pub async fn insert_certificate(db: &Db, c: &CertificateRow) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO certificates (number, volunteer_id, content, seal, issued_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&c.number)
    .bind(&c.volunteer_id)
    .bind(&c.content)
    .bind(&c.seal)
    .bind(c.issued_at)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

fn certificate(r: &sqlx::any::AnyRow) -> Result<CertificateRow, sqlx::Error> {
    Ok(CertificateRow {
        number: r.try_get("number")?,
        volunteer_id: r.try_get("volunteer_id")?,
        content: r.try_get("content")?,
        seal: r.try_get("seal")?,
        issued_at: r.try_get("issued_at")?,
    })
}

pub async fn certificate_by_number(
    db: &Db,
    number: &str,
) -> Result<Option<CertificateRow>, StoreError> {
    let row = sqlx::query(
        "SELECT number, volunteer_id, content, seal, issued_at FROM certificates WHERE number = $1",
    )
    .bind(number)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.as_ref().map(certificate).transpose()?)
}

/// A volunteer's certificates, newest first.
pub async fn certificates_of(
    db: &Db,
    volunteer_id: &str,
) -> Result<Vec<CertificateRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT number, volunteer_id, content, seal, issued_at FROM certificates WHERE volunteer_id = $1 \
         ORDER BY issued_at DESC, number",
    )
    .bind(volunteer_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(certificate)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

/// A care service members can redeem credits for: (code, Chinese, English, minutes).
pub async fn care_services(db: &Db) -> Result<Vec<(String, String, String, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT code, name_zh, name_en, minutes FROM care_services ORDER BY minutes, code",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<_, sqlx::Error> {
            Ok((
                r.try_get("code")?,
                r.try_get("name_zh")?,
                r.try_get("name_en")?,
                r.try_get("minutes")?,
            ))
        })
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

/// Minutes of credit entries of `kind` that left the volunteer's account since `since`.
pub async fn debited_since(
    tx: &mut Transaction<'_, Any>,
    owner: &str,
    kind: &str,
    since: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(-SUM(p.minutes), 0) AS BIGINT) FROM credit_postings p JOIN credit_entries e ON e.id = p.entry_id \
         JOIN credit_accounts a ON a.id = p.account_id \
         WHERE a.owner = $1 AND e.kind = $2 AND e.at >= $3 AND p.minutes < 0",
    )
    .bind(owner)
    .bind(kind)
    .bind(since)
    .fetch_one(&mut **tx)
    .await?)
}

/// For expiry: each volunteer's credits received before `cutoff` and everything ever taken
/// out, (owner, received before, taken out). Credits are used oldest first, so what was received
/// before the cutoff and not yet taken out has expired.
pub async fn credit_ages(db: &Db, cutoff: i64) -> Result<Vec<(String, i64, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT a.owner, \
           CAST(COALESCE(SUM(CASE WHEN p.minutes > 0 AND e.at < $1 THEN p.minutes ELSE 0 END), 0) AS BIGINT) AS received, \
           CAST(COALESCE(SUM(CASE WHEN p.minutes < 0 THEN -p.minutes ELSE 0 END), 0) AS BIGINT) AS taken \
         FROM credit_accounts a JOIN credit_postings p ON p.account_id = a.id JOIN credit_entries e ON e.id = p.entry_id \
         WHERE a.owner NOT LIKE 'bank:%' AND a.balance > 0 GROUP BY a.owner",
    )
    .bind(cutoff)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<_, sqlx::Error> {
            Ok((
                r.try_get("owner")?,
                r.try_get("received")?,
                r.try_get("taken")?,
            ))
        })
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}
