//! Check-in and check-out. The coordinator's phone (or a kiosk) shows a rotating QR code: a
//! signed token naming the activity and the direction, valid 60 seconds, usable once by each
//! volunteer. Forgotten check-outs are closed at the activity's end and flagged.

use super::activities::{get, require_coordinator};
use super::{conflict, volunteer_of};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use crate::store::StoreError;
use crate::timebank::store::activities as store;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::{Any, Transaction};

pub const TOKEN_SECONDS: i64 = 60;
/// Check-in opens this long before the start.
pub const EARLY_SECONDS: i64 = 3600;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    In,
    Out,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }
}

#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct QrToken {
    /// What the QR code carries.
    pub token: String,
    /// Seconds it stays valid.
    pub expires_in: i64,
}

fn mac(s: &AppState, payload: &str) -> Hmac<Sha256> {
    let key = crate::pii::derive_key(&s.cfg.secret, b"timebank-qr");
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&key).expect("any key length");
    m.update(payload.as_bytes());
    m
}

/// A fresh token for the activity's QR code (coordinators of its organization only).
pub async fn issue(
    s: &AppState,
    who: &StaffUser,
    activity_id: &str,
    dir: Direction,
    now: i64,
) -> Result<QrToken, ApiError> {
    let a = get(s, activity_id).await?;
    require_coordinator(s, who, &a.organization_id).await?;
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut nonce).expect("the OS random source is available");
    let payload = format!(
        "{activity_id}.{}.{now}.{}",
        dir.as_str(),
        hex::encode(nonce)
    );
    let sig = hex::encode(mac(s, &payload).finalize().into_bytes());
    Ok(QrToken {
        token: format!("{payload}.{sig}"),
        expires_in: TOKEN_SECONDS,
    })
}

fn bad_token() -> ApiError {
    conflict(
        "bad_qr",
        "二维码无效，请扫描现场正在显示的二维码",
        "That QR code is not valid; scan the one shown at the activity now",
    )
}

/// Checks the signature and age; returns (activity, direction, nonce).
fn open(s: &AppState, token: &str, now: i64) -> Result<(String, Direction, String), ApiError> {
    let (payload, sig) = token.trim().rsplit_once('.').ok_or_else(bad_token)?;
    let sig = hex::decode(sig).map_err(|_| bad_token())?;
    mac(s, payload)
        .verify_slice(&sig)
        .map_err(|_| bad_token())?;
    let parts: Vec<&str> = payload.split('.').collect();
    let [activity, dir, issued, nonce] = parts[..] else {
        return Err(bad_token());
    };
    let issued: i64 = issued.parse().map_err(|_| bad_token())?;
    if now - issued > TOKEN_SECONDS || issued > now + 5 {
        return Err(conflict(
            "qr_expired",
            "二维码已过期，请扫描刷新后的二维码",
            "That QR code has expired; scan the refreshed one",
        ));
    }
    let dir = match dir {
        "in" => Direction::In,
        "out" => Direction::Out,
        _ => return Err(bad_token()),
    };
    Ok((activity.to_string(), dir, nonce.to_string()))
}

/// What a scan did.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Scan {
    pub activity_id: String,
    pub activity_name: String,
    pub direction: Direction,
    /// Minutes between check-in and check-out (after a check-out).
    pub minutes: Option<i64>,
}

/// A signed-in volunteer scans the activity's QR code to check in or out.
pub async fn scan(s: &AppState, user: &AuthUser, token: &str, now: i64) -> Result<Scan, ApiError> {
    let (activity_id, dir, nonce) = open(s, token, now)?;
    pass(s, user, &activity_id, dir, Some(&nonce), now).await
}

/// What a volunteer whose sign-up has the status `signup` (as already read) may do at a kiosk
/// now for this activity: `Some(In)` before checking in, `Some(Out)` while checked in, `None`
/// outside the check-in hours, without a confirmed place, or once done.
pub async fn kiosk_option(
    s: &AppState,
    volunteer_id: &str,
    a: &super::activities::Activity,
    signup: Option<&str>,
    now: i64,
) -> Result<Option<Direction>, ApiError> {
    if a.cancelled
        || now < a.starts_at - EARLY_SECONDS
        || now > a.ends_at
        || signup != Some("confirmed")
    {
        return Ok(None);
    }
    Ok(
        match store::attendance_of(&s.db, &a.id, volunteer_id).await? {
            None => Some(Direction::In),
            Some(att) if att.check_out.is_none() => Some(Direction::Out),
            Some(_) => None,
        },
    )
}

/// The volunteer, signed in at an enrolled kiosk, identifies there instead of scanning: the
/// kiosk vouches for presence, so it must stand in the street of the activity's organization.
pub async fn at_kiosk(
    s: &AppState,
    user: &AuthUser,
    kiosk_street: &str,
    activity_id: &str,
    dir: Direction,
    now: i64,
) -> Result<Scan, ApiError> {
    let a = get(s, activity_id).await?;
    let street =
        crate::timebank::store::volunteers::organization_street(&s.db, &a.organization_id).await?;
    if street.is_some_and(|street| street != kiosk_street) {
        return Err(conflict(
            "wrong_kiosk",
            "请在活动所在街道的服务中心自助机上签到，或扫描协调员的二维码",
            "Check in at a kiosk of the activity's street, or scan the coordinator's QR code",
        ));
    }
    pass(s, user, activity_id, dir, None, now).await
}

/// Checks in or out after the QR token (with its nonce) or the kiosk has identified the visit.
async fn pass(
    s: &AppState,
    user: &AuthUser,
    activity_id: &str,
    dir: Direction,
    nonce: Option<&str>,
    now: i64,
) -> Result<Scan, ApiError> {
    let activity_id = activity_id.to_string();
    let me = volunteer_of(s, user).await?;
    let a = get(s, &activity_id).await?;
    if a.cancelled {
        return Err(conflict(
            "activity_closed",
            "这个活动已取消",
            "This activity is cancelled",
        ));
    }
    // The code's use, the check-in or check-out it pays for and its audit entry commit together
    // or not at all.
    let (mut tx, minutes) = match dir {
        Direction::In => {
            if now < a.starts_at - EARLY_SECONDS || now > a.ends_at {
                return Err(conflict(
                    "outside_hours",
                    "现在不在活动签到时间内",
                    "Check-in is not open at this time",
                ));
            }
            if store::signup_status(&s.db, &activity_id, &me.id)
                .await?
                .as_deref()
                != Some("confirmed")
            {
                return Err(conflict(
                    "not_signed_up",
                    "您没有报名这个活动（或仍在候补）",
                    "You are not signed up for this activity (or still on the waiting list)",
                ));
            }
            if store::overlapping(&s.db, &me.id, &activity_id, now, a.ends_at).await? > 0 {
                return Err(conflict(
                    "overlap",
                    "您在同一时间已签到另一个活动，请先签退",
                    "You are checked in to another activity at this time; check out of it first",
                ));
            }
            let method = if nonce.is_some() { "qr" } else { "kiosk" };
            let mut tx = s.db.begin().await.map_err(StoreError::from)?;
            use_token(&mut tx, nonce, &me.id, now).await?;
            store::check_in(&mut tx, &activity_id, &me.id, method, now)
                .await?
                .ok_or_else(|| {
                    conflict(
                        "already_checked_in",
                        "您已经签到过了",
                        "You are already checked in",
                    )
                })?;
            (tx, None)
        }
        Direction::Out => {
            let att = store::attendance_of(&s.db, &activity_id, &me.id)
                .await?
                .ok_or_else(|| {
                    conflict(
                        "not_checked_in",
                        "您还没有签到，不能签退",
                        "You have not checked in, so you cannot check out",
                    )
                })?;
            if att.check_out.is_some() {
                return Err(conflict(
                    "already_checked_out",
                    "您已经签退过了",
                    "You have already checked out",
                ));
            }
            let mut tx = s.db.begin().await.map_err(StoreError::from)?;
            use_token(&mut tx, nonce, &me.id, now).await?;
            let out = now.min(a.ends_at.max(att.check_in));
            store::check_out(&mut tx, &att.id, out, false).await?;
            (tx, Some((out - att.check_in) / 60))
        }
    };
    crate::audit::record_in(
        &mut tx,
        &format!("resident:{}", user.account_id),
        &format!("activity.check_{}", dir.as_str()),
        &format!("activity:{activity_id}"),
        "ok",
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Scan {
        activity_id,
        activity_name: a.name,
        direction: dir,
        minutes,
    })
}

/// Spends a QR token's single use for this volunteer (a kiosk visit has none), in the
/// transaction of the check-in or check-out it pays for.
async fn use_token(
    tx: &mut Transaction<'_, Any>,
    nonce: Option<&str>,
    volunteer_id: &str,
    now: i64,
) -> Result<(), ApiError> {
    match nonce {
        Some(n) if !store::use_nonce(tx, n, volunteer_id, now).await? => Err(conflict(
            "qr_used",
            "这个二维码您已经扫过了",
            "You have already used this QR code",
        )),
        _ => Ok(()),
    }
}

/// The coordinator records attendance for a group (people without phones, a whole team).
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct GroupAttendance {
    pub volunteer_ids: Vec<String>,
    /// `HH:MM` on the activity's date, Asia/Shanghai.
    pub from: String,
    pub to: String,
}

pub async fn record_group(
    s: &AppState,
    who: &StaffUser,
    activity_id: &str,
    g: &GroupAttendance,
) -> Result<u64, ApiError> {
    let a = get(s, activity_id).await?;
    require_coordinator(s, who, &a.organization_id).await?;
    let date = crate::clock::shanghai_time(a.starts_at)[..10].to_string();
    let from = super::activities::shanghai_unix(&date, &g.from);
    let to = super::activities::shanghai_unix(&date, &g.to);
    let (Some(from), Some(to)) = (from, to) else {
        return Err(ApiError::field(
            "from",
            "请填写签到和签退时间",
            "Enter the check-in and check-out times",
        ));
    };
    if to <= from || to - from > 24 * 3600 {
        return Err(ApiError::field(
            "to",
            "签退须晚于签到，且不超过 24 小时",
            "Check-out must follow check-in, within 24 hours",
        ));
    }
    if from < a.starts_at - EARLY_SECONDS
        || to > a.ends_at + EARLY_SECONDS
        || to > crate::clock::now()
    {
        return Err(ApiError::field(
            "from",
            "时间须在活动时间内，且不能在将来",
            "Times must be within the activity and not in the future",
        ));
    }
    let mut recorded = 0;
    for v in &g.volunteer_ids {
        if crate::timebank::store::volunteers::by_id(&s.db, v)
            .await?
            .is_none()
        {
            return Err(ApiError::field(
                "volunteer_ids",
                "名单中有未登记的志愿者",
                "The list has someone who is not a registered volunteer",
            ));
        }
        if store::overlapping(&s.db, v, activity_id, from, to).await? > 0 {
            return Err(conflict(
                "overlap",
                "名单中有人在同一时间参加了另一个活动",
                "Someone on the list attended another activity at that time",
            ));
        }
    }
    // The whole group and its audit entry, or nothing: never a check-in without its check-out.
    let mut tx = s.db.begin().await.map_err(StoreError::from)?;
    for v in &g.volunteer_ids {
        if let Some(id) = store::check_in(&mut tx, activity_id, v, "group", from).await? {
            store::check_out(&mut tx, &id, to, false).await?;
            recorded += 1;
        }
    }
    crate::audit::record_in(
        &mut tx,
        &format!("staff:{}", who.id),
        "activity.group_attendance",
        &format!("activity:{activity_id}"),
        &format!("ok: {recorded} recorded"),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(recorded)
}
