//! The statutory service record after verification: corrections asked for by the volunteer and
//! decided by the organization (第十三条), and honour hours added by an administrator. Nothing
//! is edited: an accepted correction adds a reversal and a replacement; honour hours earn no
//! time credits.

use super::activities::{get, require_coordinator};
use super::{conflict, volunteer_of};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use crate::store::StoreError;
use crate::timebank::store::ledgers::{self, BANK_ISSUE, NewServiceRecord, PostOutcome};
use crate::timebank::store::records::{self, CorrectionRow, NewCorrection};
use crate::timebank::store::volunteers;
pub use types::timebank::Correction;

/// The longest one session (or one honour entry) may be.
const MAX_MINUTES: i64 = 24 * 60;

#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CorrectionRequest {
    /// The service record to correct (its `id` in the volunteer's record).
    pub record_id: i64,
    /// The minutes the volunteer says are right.
    pub minutes: i64,
    pub reason: String,
}

async fn view(s: &AppState, c: CorrectionRow) -> Result<Correction, ApiError> {
    let volunteer_name = volunteers::by_id(&s.db, &c.volunteer_id)
        .await?
        .map(|v| v.name_masked)
        .unwrap_or_default();
    let (status, decision_reason) = match c.decision {
        None => ("open", None),
        Some((true, r)) => ("accepted", Some(r)),
        Some((false, r)) => ("rejected", Some(r)),
    };
    Ok(Correction {
        id: c.id,
        record_id: c.record_id,
        activity: c.activity_name,
        recorded_minutes: c.recorded_minutes,
        minutes: c.minutes,
        reason: c.reason,
        requested_at: crate::clock::shanghai_time(c.requested_at),
        status: status.into(),
        decision_reason,
        volunteer_name,
    })
}

fn check_minutes(minutes: i64, least: i64) -> Result<(), ApiError> {
    if (least..=MAX_MINUTES).contains(&minutes) {
        Ok(())
    } else {
        Err(ApiError::field(
            "minutes",
            "时长须在 0 到 24 小时（1440 分钟）之间",
            "Minutes must be between 0 and 24 hours (1440 minutes)",
        ))
    }
}

fn check_reason(reason: &str) -> Result<String, ApiError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ApiError::field(
            "reason",
            "请写明原因（500 字以内）",
            "Please give a reason (at most 500 characters)",
        ));
    }
    Ok(reason.to_string())
}

/// The volunteer asks for a record of an activity to be corrected.
pub async fn request(
    s: &AppState,
    user: &AuthUser,
    r: &CorrectionRequest,
    now: i64,
) -> Result<Correction, ApiError> {
    let me = volunteer_of(s, user).await?;
    let reason = check_reason(&r.reason)?;
    check_minutes(r.minutes, 0)?;
    let record = ledgers::service_records(&s.db, &me.id)
        .await?
        .into_iter()
        .find(|x| x.id == r.record_id)
        .ok_or_else(|| {
            ApiError::field(
                "record_id",
                "请选择您自己的一条服务记录",
                "Choose one of your own service records",
            )
        })?;
    let Some(activity_id) = record.activity_id.clone() else {
        return Err(conflict(
            "not_correctable",
            "荣誉时长由管理员登记，请联系管理员",
            "Honour hours are recorded by an administrator; please ask them",
        ));
    };
    if record.kind == "reversal" || records::is_reversed(&s.db, record.id).await? {
        return Err(conflict(
            "not_correctable",
            "这条记录已被更正，请对更正后的记录提出申请",
            "This record was already corrected; ask about the corrected one",
        ));
    }
    if record.minutes == r.minutes {
        return Err(ApiError::field(
            "minutes",
            "申请的时长与记录相同",
            "That is the time already recorded",
        ));
    }
    let already_open = || {
        conflict(
            "correction_open",
            "这条记录已有一个更正申请在处理中",
            "A correction of this record is already waiting for a decision",
        )
    };
    if records::has_open_correction(&s.db, record.id).await? {
        return Err(already_open());
    }
    let activity = get(s, &activity_id).await?;
    let id = uuid::Uuid::new_v4().to_string();
    if !records::insert_correction(
        &s.db,
        &NewCorrection {
            id: &id,
            record_id: record.id,
            volunteer_id: &me.id,
            organization_id: &activity.organization_id,
            minutes: r.minutes,
            reason: &reason,
        },
        now,
    )
    .await?
    {
        return Err(already_open()); // sent at the same moment as another (L3)
    }
    crate::audit::record(
        s,
        &format!("resident:{}", user.account_id),
        "record.correction_request",
        &format!("correction:{id}"),
        "ok",
    )
    .await?;
    let row = records::correction_by_id(&s.db, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    view(s, row).await
}

/// The volunteer's own requests.
pub async fn mine(s: &AppState, user: &AuthUser) -> Result<Vec<Correction>, ApiError> {
    let me = volunteer_of(s, user).await?;
    let mut out = Vec::new();
    for c in records::corrections_of(&s.db, &me.id).await? {
        out.push(view(s, c).await?);
    }
    Ok(out)
}

/// Open requests for the coordinator's organizations.
pub async fn open_for(s: &AppState, who: &StaffUser) -> Result<Vec<Correction>, ApiError> {
    let mut out = Vec::new();
    for c in records::open_corrections_for(&s.db, &who.id).await? {
        out.push(view(s, c).await?);
    }
    Ok(out)
}

#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Decision {
    pub accept: bool,
    /// Required: the volunteer is told why.
    pub reason: String,
}

/// The organization's coordinator accepts or rejects a request, once. Accepting adds a reversal
/// and a replacement to the service record and moves the difference in time credits, all in
/// one transaction.
pub async fn decide(
    s: &AppState,
    who: &StaffUser,
    correction_id: &str,
    d: &Decision,
    now: i64,
) -> Result<Correction, ApiError> {
    let c = records::correction_by_id(&s.db, correction_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    require_coordinator(s, who, &c.organization_id).await?;
    let reason = check_reason(&d.reason)?;
    if volunteers::staff_volunteer(&s.db, &who.id)
        .await?
        .as_deref()
        == Some(c.volunteer_id.as_str())
    {
        return Err(conflict(
            "own_hours",
            "不能处理自己的更正申请，请由其他协调员处理",
            "You cannot decide on your own correction; another coordinator must",
        ));
    }
    if c.decision.is_some() {
        return Err(conflict(
            "already_decided",
            "这个申请已经处理过了",
            "This request has already been decided",
        ));
    }
    let activity = get(s, &c.activity_id).await?;
    let staff = format!("staff:{}", who.id);
    let mut tx = s.db.begin().await.map_err(StoreError::from)?;
    if !records::decide(&mut tx, &c.id, d.accept, &reason, &staff, now).await? {
        return Err(conflict(
            "already_decided",
            "这个申请已经处理过了",
            "This request has already been decided",
        ));
    }
    if d.accept {
        for (minutes, kind) in [(-c.recorded_minutes, "reversal"), (c.minutes, "correction")] {
            ledgers::add_service_record(
                &mut tx,
                &NewServiceRecord {
                    volunteer_id: &c.volunteer_id,
                    activity_id: Some(&c.activity_id),
                    minutes,
                    kind,
                    reason: &reason,
                    reverses: Some(c.record_id),
                    recorded_by: &staff,
                },
                now,
            )
            .await?;
        }
        let difference = c.minutes - c.recorded_minutes;
        if activity.earns_credits && difference != 0 {
            let outcome = ledgers::post(
                &mut tx,
                &format!("correction:{}", c.id),
                "correction",
                &format!("更正 correction: {}", activity.name),
                &[
                    (BANK_ISSUE, -difference),
                    (c.volunteer_id.as_str(), difference),
                ],
                now,
            )
            .await?;
            if outcome == PostOutcome::Insufficient {
                return Err(conflict(
                    "credits_used",
                    "该志愿者的时间积分已经用掉，无法按更正扣回；请联系管理员",
                    "The volunteer has already used these credits, so they cannot be taken back; ask an administrator",
                ));
            }
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    crate::audit::record(
        s,
        &staff,
        "record.correction_decide",
        &format!("correction:{}", c.id),
        if d.accept {
            "ok: accepted"
        } else {
            "ok: rejected"
        },
    )
    .await?;
    let row = records::correction_by_id(&s.db, &c.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    view(s, row).await
}

#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Honour {
    /// The volunteer's ID number (in the request body only, never in a URL).
    pub id_number: String,
    pub minutes: i64,
    /// What the hours honour, e.g. an award or service before the system existed.
    pub reason: String,
}

/// An administrator records honour hours: on the service record, earning no credits.
pub async fn add_honour(
    s: &AppState,
    who: &StaffUser,
    h: &Honour,
    now: i64,
) -> Result<(), ApiError> {
    let reason = check_reason(&h.reason)?;
    check_minutes(h.minutes, 1)?;
    let volunteer = super::volunteers::find_by_id_number(s, &h.id_number).await?;
    let mut tx = s.db.begin().await.map_err(StoreError::from)?;
    ledgers::add_service_record(
        &mut tx,
        &NewServiceRecord {
            volunteer_id: &volunteer.id,
            activity_id: None,
            minutes: h.minutes,
            kind: "honour",
            reason: &reason,
            reverses: None,
            recorded_by: &format!("staff:{}", who.id),
        },
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    crate::audit::record(
        s,
        &format!("staff:{}", who.id),
        "record.honour",
        &format!("volunteer:{}", volunteer.id),
        &format!("ok: {} minutes", h.minutes),
    )
    .await
}
