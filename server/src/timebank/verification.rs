//! Coordinators verify hours (第十一条: within 10 working days): confirm as recorded or adjust
//! with a reason; never their own. A verified attendance becomes a service record and, for
//! time-bank activities, time credits, in one transaction.

use super::activities::{get, require_coordinator};
use super::conflict;
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use crate::timebank::store::activities as attendance;
use crate::timebank::store::ledgers::{self, BANK_ISSUE, NewServiceRecord, PostOutcome};

/// Working days a coordinator has to confirm records (第十一条).
pub const DEADLINE_WORKING_DAYS: i64 = 10;

/// One confirmation: as recorded, or with adjusted minutes and a reason.
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Confirmation {
    pub attendance_id: String,
    /// Minutes to record instead of the measured time.
    pub minutes: Option<i64>,
    /// Required with `minutes`.
    pub reason: String,
}

#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PendingHours {
    pub attendance_id: String,
    pub volunteer_id: String,
    pub volunteer_name: String,
    pub check_in: String,
    pub check_out: Option<String>,
    pub minutes: Option<i64>,
    /// Closed automatically at the activity's end: check with the volunteer.
    pub flagged: bool,
    pub status: String,
}

/// The activity's attendance for its coordinator.
pub async fn attendance_list(
    s: &AppState,
    who: &StaffUser,
    activity_id: &str,
) -> Result<Vec<PendingHours>, ApiError> {
    let a = get(s, activity_id).await?;
    require_coordinator(s, who, &a.organization_id).await?;
    attendance::close_forgotten(&s.db, crate::clock::now()).await?;
    let mut out = Vec::new();
    for r in attendance::attendance_for(&s.db, activity_id).await? {
        let name = crate::timebank::store::volunteers::by_id(&s.db, &r.volunteer_id)
            .await?
            .map(|v| v.name_masked)
            .unwrap_or_default();
        out.push(PendingHours {
            attendance_id: r.id,
            volunteer_id: r.volunteer_id,
            volunteer_name: name,
            check_in: crate::clock::shanghai_time(r.check_in),
            check_out: r.check_out.map(crate::clock::shanghai_time),
            minutes: r.check_out.map(|o| (o - r.check_in) / 60),
            flagged: r.auto_closed,
            status: r.status,
        });
    }
    // Coordinators see volunteers' (masked) names and times: an audited read of personal records.
    crate::audit::record(
        s,
        &format!("staff:{}", who.id),
        "attendance.read",
        &format!("activity:{activity_id}"),
        &format!("ok: {} records", out.len()),
    )
    .await?;
    Ok(out)
}

/// Working days (Monday to Friday) from the date of `from` to the date of `to`.
pub fn working_days_between(from: i64, to: i64) -> i64 {
    let day = |t: i64| (t + 8 * 3600).div_euclid(86_400);
    let (a, b) = (day(from), day(to));
    // 1970-01-01 was a Thursday (weekday index 3 with Monday = 0).
    (a + 1..=b).filter(|d| (d + 3).rem_euclid(7) < 5).count() as i64
}

/// Confirms attendance records (one or many) of one activity.
pub async fn confirm(
    s: &AppState,
    who: &StaffUser,
    activity_id: &str,
    items: &[Confirmation],
    now: i64,
) -> Result<u64, ApiError> {
    let a = get(s, activity_id).await?;
    require_coordinator(s, who, &a.organization_id).await?;
    attendance::close_forgotten(&s.db, now).await?;
    let own = crate::timebank::store::volunteers::staff_volunteer(&s.db, &who.id).await?;
    let rows = attendance::attendance_for(&s.db, activity_id).await?;
    // Check every item before changing anything.
    let mut plan = Vec::new();
    for item in items {
        let row = rows
            .iter()
            .find(|r| r.id == item.attendance_id)
            .ok_or(ApiError::NotFound)?;
        if own.as_deref() == Some(row.volunteer_id.as_str()) {
            crate::audit::record(
                s,
                &format!("staff:{}", who.id),
                "hours.confirm",
                &format!("attendance:{}", row.id),
                "denied: own hours",
            )
            .await?;
            return Err(conflict(
                "own_hours",
                "不能确认自己的服务时长，请由其他协调员确认",
                "You cannot confirm your own hours; another coordinator must",
            ));
        }
        let Some(out) = row.check_out else {
            return Err(conflict(
                "not_checked_out",
                "这位志愿者还没有签退",
                "This volunteer has not checked out yet",
            ));
        };
        if row.status != "pending" {
            return Err(conflict(
                "already_verified",
                "这条记录已经确认过了",
                "This record is already confirmed",
            ));
        }
        let measured = (out - row.check_in) / 60;
        let (minutes, kind, reason) = match item.minutes {
            Some(m) => {
                if item.reason.trim().is_empty() {
                    return Err(ApiError::field(
                        "reason",
                        "调整时长须填写原因",
                        "An adjustment needs a reason",
                    ));
                }
                if !(0..=24 * 60).contains(&m) {
                    return Err(ApiError::field(
                        "minutes",
                        "时长须在 0 到 24 小时之间",
                        "Minutes must be between 0 and 24 hours",
                    ));
                }
                (m, "adjusted", item.reason.trim().to_string())
            }
            None => (measured, "verified", String::new()),
        };
        if minutes > 24 * 60 {
            return Err(conflict(
                "too_long",
                "一次服务不能超过 24 小时，请调整",
                "One session cannot exceed 24 hours; adjust it",
            ));
        }
        plan.push((row.clone(), minutes, kind, reason));
    }
    let mut tx = s.db.begin().await.map_err(crate::store::StoreError::from)?;
    let mut done = 0;
    for (row, minutes, kind, reason) in plan {
        let marked = sqlx::query(
            "UPDATE attendance SET status = 'verified' WHERE id = $1 AND status = 'pending'",
        )
        .bind(&row.id)
        .execute(&mut **tx)
        .await
        .map_err(crate::store::StoreError::from)?;
        if marked.rows_affected() != 1 {
            return Err(conflict(
                "already_verified",
                "这条记录已经确认过了",
                "This record is already confirmed",
            ));
        }
        ledgers::add_service_record(
            &mut tx,
            &NewServiceRecord {
                volunteer_id: &row.volunteer_id,
                activity_id: Some(activity_id),
                minutes,
                kind,
                reason: &reason,
                reverses: None,
                recorded_by: &format!("staff:{}", who.id),
            },
            now,
        )
        .await?;
        if a.earns_credits && minutes > 0 {
            let outcome = ledgers::post(
                &mut tx,
                &format!("earn:{}", row.id),
                "earn",
                &a.name,
                &[(BANK_ISSUE, -minutes), (row.volunteer_id.as_str(), minutes)],
                now,
            )
            .await?;
            debug_assert!(matches!(outcome, PostOutcome::Posted(_)));
        }
        done += 1;
    }
    tx.commit().await.map_err(crate::store::StoreError::from)?;
    crate::audit::record(
        s,
        &format!("staff:{}", who.id),
        "hours.confirm",
        &format!("activity:{activity_id}"),
        &format!("ok: {done} confirmed"),
    )
    .await?;
    Ok(done)
}

/// Pending records of this coordinator's organizations past the 10-working-day deadline.
pub async fn overdue(
    s: &AppState,
    who: &StaffUser,
    now: i64,
) -> Result<Vec<(String, String, i64)>, ApiError> {
    attendance::close_forgotten(&s.db, now).await?;
    let rows = crate::timebank::store::activities::pending_for_coordinator(&s.db, &who.id).await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, ended)| working_days_between(*ended, now) > DEADLINE_WORKING_DAYS)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::working_days_between;

    #[test]
    fn working_days_skip_weekends() {
        // 2026-11-27 is a Friday, 12:00 Shanghai.
        let friday = 1_795_752_000;
        let day = 86_400;
        assert_eq!(working_days_between(friday, friday + day), 0, "Saturday");
        assert_eq!(working_days_between(friday, friday + 3 * day), 1, "Monday");
        assert_eq!(
            working_days_between(friday, friday + 14 * day),
            10,
            "two weeks on"
        );
    }
}
