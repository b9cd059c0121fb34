//! Activities, sign-ups with a waiting list, attendance and single-use QR nonces.

use crate::store::{Db, StoreError};
use sqlx::{Any, Row, Transaction};

#[derive(Clone, Debug)]
pub struct ActivityRow {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub content: String,
    pub category: String,
    pub capacity: i64,
    pub organizer_unit: String,
    pub person_in_charge: String,
    pub earns_credits: bool,
    pub cancelled: bool,
    pub confirmed: i64,
    pub waiting: i64,
}

const COLUMNS: &str = "a.id, a.organization_id, a.name, a.starts_at, a.ends_at, a.place, a.content, a.category, a.capacity, \
    a.organizer_unit, a.person_in_charge, a.earns_credits, a.cancelled_at, \
    (SELECT COUNT(*) FROM signups s WHERE s.activity_id = a.id AND s.status = 'confirmed') AS confirmed, \
    (SELECT COUNT(*) FROM signups s WHERE s.activity_id = a.id AND s.status = 'waiting') AS waiting";

fn row(r: &sqlx::any::AnyRow) -> Result<ActivityRow, sqlx::Error> {
    Ok(ActivityRow {
        id: r.try_get("id")?,
        organization_id: r.try_get("organization_id")?,
        name: r.try_get("name")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        place: r.try_get("place")?,
        content: r.try_get("content")?,
        category: r.try_get("category")?,
        capacity: r.try_get("capacity")?,
        organizer_unit: r.try_get("organizer_unit")?,
        person_in_charge: r.try_get("person_in_charge")?,
        earns_credits: r.try_get::<i64, _>("earns_credits")? == 1,
        cancelled: r.try_get::<Option<i64>, _>("cancelled_at")?.is_some(),
        confirmed: r.try_get("confirmed")?,
        waiting: r.try_get("waiting")?,
    })
}

pub struct NewActivity<'a> {
    pub id: &'a str,
    pub organization_id: &'a str,
    pub name: &'a str,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: &'a str,
    pub content: &'a str,
    pub category: &'a str,
    pub capacity: i64,
    pub organizer_unit: &'a str,
    pub person_in_charge: &'a str,
    pub earns_credits: bool,
    pub created_by: &'a str,
}

pub async fn insert(db: &Db, a: &NewActivity<'_>, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO activities (id, organization_id, name, starts_at, ends_at, place, content, category, capacity, \
         organizer_unit, person_in_charge, earns_credits, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(a.id)
    .bind(a.organization_id)
    .bind(a.name)
    .bind(a.starts_at)
    .bind(a.ends_at)
    .bind(a.place)
    .bind(a.content)
    .bind(a.category)
    .bind(a.capacity)
    .bind(a.organizer_unit)
    .bind(a.person_in_charge)
    .bind(i64::from(a.earns_credits))
    .bind(a.created_by)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<ActivityRow>, StoreError> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM activities a WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(r.as_ref().map(row).transpose()?)
}

/// Activities not cancelled that end after `after`, soonest first.
pub async fn upcoming(db: &Db, after: i64) -> Result<Vec<ActivityRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM activities a WHERE a.cancelled_at IS NULL AND a.ends_at >= $1 ORDER BY a.starts_at, a.id LIMIT 200"
    ))
    .bind(after)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(row)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

pub async fn cancel(db: &Db, id: &str, now: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE activities SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Signs up: confirmed while places are left, else waiting. One statement decides, so two
/// people can never take the last place together. Returns the status, or None if signed up.
pub async fn sign_up(
    db: &Db,
    activity_id: &str,
    volunteer_id: &str,
    now: i64,
) -> Result<Option<String>, StoreError> {
    let status: Option<String> = sqlx::query_scalar(
        "INSERT INTO signups (activity_id, volunteer_id, status, signed_up_at) \
         SELECT $1, $2, CASE WHEN (SELECT COUNT(*) FROM signups WHERE activity_id = $1 AND status = 'confirmed') \
              < (SELECT capacity FROM activities WHERE id = $1) THEN 'confirmed' ELSE 'waiting' END, $3 \
         ON CONFLICT (activity_id, volunteer_id) DO UPDATE SET status = \
              CASE WHEN (SELECT COUNT(*) FROM signups WHERE activity_id = $1 AND status = 'confirmed') \
              < (SELECT capacity FROM activities WHERE id = $1) THEN 'confirmed' ELSE 'waiting' END, signed_up_at = $3 \
              WHERE signups.status = 'cancelled' \
         RETURNING status",
    )
    .bind(activity_id)
    .bind(volunteer_id)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    Ok(status)
}

pub async fn signup_status(
    db: &Db,
    activity_id: &str,
    volunteer_id: &str,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT status FROM signups WHERE activity_id = $1 AND volunteer_id = $2",
    )
    .bind(activity_id)
    .bind(volunteer_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// Cancels a sign-up; a confirmed place goes to the first on the waiting list.
pub async fn cancel_signup(
    db: &Db,
    activity_id: &str,
    volunteer_id: &str,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let was: Option<String> = sqlx::query_scalar(
        "UPDATE signups SET status = 'cancelled' WHERE activity_id = $1 AND volunteer_id = $2 AND status <> 'cancelled' \
         RETURNING (SELECT status FROM signups WHERE activity_id = $1 AND volunteer_id = $2)",
    )
    .bind(activity_id)
    .bind(volunteer_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(_) = was else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE signups SET status = 'confirmed' WHERE activity_id = $1 AND volunteer_id = \
         (SELECT volunteer_id FROM signups WHERE activity_id = $1 AND status = 'waiting' ORDER BY signed_up_at, volunteer_id LIMIT 1) \
         AND (SELECT COUNT(*) FROM signups WHERE activity_id = $1 AND status = 'confirmed') \
             < (SELECT capacity FROM activities WHERE id = $1)",
    )
    .bind(activity_id)
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Uses a QR nonce for this volunteer, in the caller's transaction (with the check-in or
/// check-out it pays for: a use is never spent without it); false when they used it already.
pub async fn use_nonce(
    tx: &mut Transaction<'_, Any>,
    nonce: &str,
    volunteer_id: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query("INSERT INTO qr_uses (nonce, volunteer_id, used_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(nonce)
        .bind(volunteer_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Clone, Debug)]
pub struct AttendanceRow {
    pub id: String,
    pub activity_id: String,
    pub volunteer_id: String,
    pub check_in: i64,
    pub check_out: Option<i64>,
    pub auto_closed: bool,
    pub status: String,
}

const ATTENDANCE: &str = "id, activity_id, volunteer_id, check_in, check_out, auto_closed, status";

fn attendance_row(r: &sqlx::any::AnyRow) -> Result<AttendanceRow, sqlx::Error> {
    Ok(AttendanceRow {
        id: r.try_get("id")?,
        activity_id: r.try_get("activity_id")?,
        volunteer_id: r.try_get("volunteer_id")?,
        check_in: r.try_get("check_in")?,
        check_out: r.try_get("check_out")?,
        auto_closed: r.try_get::<i64, _>("auto_closed")? == 1,
        status: r.try_get("status")?,
    })
}

/// Checks in, in the caller's transaction; None when already checked in to this activity.
pub async fn check_in(
    tx: &mut Transaction<'_, Any>,
    activity_id: &str,
    volunteer_id: &str,
    method: &str,
    at: i64,
) -> Result<Option<String>, StoreError> {
    let id = uuid::Uuid::new_v4().to_string();
    let done = sqlx::query(
        "INSERT INTO attendance (id, activity_id, volunteer_id, check_in, method) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (activity_id, volunteer_id) DO NOTHING",
    )
    .bind(&id)
    .bind(activity_id)
    .bind(volunteer_id)
    .bind(at)
    .bind(method)
    .execute(&mut **tx)
    .await?;
    Ok((done.rows_affected() == 1).then_some(id))
}

/// The volunteer's attendance at other activities overlapping [from, to].
pub async fn overlapping(
    db: &Db,
    volunteer_id: &str,
    activity_id: &str,
    from: i64,
    to: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM attendance WHERE volunteer_id = $1 AND activity_id <> $2 \
         AND check_in < $4 AND COALESCE(check_out, $4) > $3",
    )
    .bind(volunteer_id)
    .bind(activity_id)
    .bind(from)
    .bind(to)
    .fetch_one(&db.pool)
    .await?)
}

pub async fn attendance_of(
    db: &Db,
    activity_id: &str,
    volunteer_id: &str,
) -> Result<Option<AttendanceRow>, StoreError> {
    let r = sqlx::query(&format!(
        "SELECT {ATTENDANCE} FROM attendance WHERE activity_id = $1 AND volunteer_id = $2"
    ))
    .bind(activity_id)
    .bind(volunteer_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(r.as_ref().map(attendance_row).transpose()?)
}

/// Checks out, in the caller's transaction; false when already checked out.
pub async fn check_out(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    at: i64,
    auto: bool,
) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE attendance SET check_out = $2, auto_closed = $3 WHERE id = $1 AND check_out IS NULL")
        .bind(id)
        .bind(at)
        .bind(i64::from(auto))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes every open attendance of activities that ended before `now`, at their end (flagged).
pub async fn close_forgotten(db: &Db, now: i64) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE attendance SET check_out = (SELECT ends_at FROM activities WHERE id = attendance.activity_id), auto_closed = 1 \
         WHERE check_out IS NULL AND (SELECT ends_at FROM activities WHERE id = attendance.activity_id) < $1",
    )
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected())
}

pub async fn attendance_for(db: &Db, activity_id: &str) -> Result<Vec<AttendanceRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {ATTENDANCE} FROM attendance WHERE activity_id = $1 ORDER BY check_in, id"
    ))
    .bind(activity_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(attendance_row)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

/// Marks pending attendance verified; false when it was not pending (verified once only).
pub async fn mark_verified(db: &Db, id: &str) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE attendance SET status = 'verified' WHERE id = $1 AND status = 'pending' AND check_out IS NOT NULL")
        .bind(id)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Pending attendance of the organizations this member of staff coordinates: (attendance id,
/// activity name, activity end).
pub async fn pending_for_coordinator(
    db: &Db,
    staff_id: &str,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT t.id, a.name, a.ends_at FROM attendance t JOIN activities a ON a.id = t.activity_id \
         JOIN organization_coordinators c ON c.organization_id = a.organization_id \
         WHERE c.staff_id = $1 AND t.status = 'pending' ORDER BY a.ends_at, t.id",
    )
    .bind(staff_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<_, sqlx::Error> {
            Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("ends_at")?))
        })
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

/// Minutes of the volunteer's checked-out attendance still waiting for confirmation.
pub async fn pending_minutes(db: &Db, volunteer_id: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COALESCE(SUM((check_out - check_in) / 60), 0) FROM attendance \
         WHERE volunteer_id = $1 AND status = 'pending' AND check_out IS NOT NULL",
    )
    .bind(volunteer_id)
    .fetch_one(&db.pool)
    .await?)
}

/// The organization's activities, newest first.
pub async fn of_organization(
    db: &Db,
    organization_id: &str,
) -> Result<Vec<ActivityRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM activities a WHERE a.organization_id = $1 AND a.cancelled_at IS NULL ORDER BY a.starts_at DESC, a.id LIMIT 100"
    ))
    .bind(organization_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(row)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}
