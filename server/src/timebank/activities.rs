//! Activities (第七条): coordinators of an organization create them; volunteers browse, sign
//! up (a waiting list when full) and cancel.

use super::{check_category, conflict, volunteer_of};
use crate::audit;
use crate::auth::AuthUser;
use crate::clock::shanghai_time;
use crate::error::{ApiError, FieldError, Message};
use crate::staff::StaffUser;
use crate::state::AppState;
use crate::timebank::store::activities::{self as store, ActivityRow, NewActivity};
use crate::timebank::store::volunteers;
use axum::http::StatusCode;
use types::account::Role;

/// A new activity. Date and times are in Asia/Shanghai.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NewActivityForm {
    pub organization_id: String,
    pub name: String,
    /// `YYYY-MM-DD`
    pub date: String,
    /// `HH:MM`
    pub start: String,
    /// `HH:MM`, after the start, the same day
    pub end: String,
    pub place: String,
    pub content: String,
    pub category: String,
    pub capacity: i64,
    pub organizer_unit: String,
    pub person_in_charge: String,
    /// Whether verified hours earn time credits (mutual-aid activities of the time bank).
    pub earns_credits: bool,
}

#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Activity {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    /// Start and end, Asia/Shanghai (`2026-12-05 09:00`).
    pub starts: String,
    pub ends: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub content: String,
    pub category: String,
    pub capacity: i64,
    pub places_left: i64,
    pub waiting: i64,
    pub organizer_unit: String,
    pub person_in_charge: String,
    pub earns_credits: bool,
    pub cancelled: bool,
}

impl From<ActivityRow> for Activity {
    fn from(a: ActivityRow) -> Activity {
        Activity {
            starts: shanghai_time(a.starts_at),
            ends: shanghai_time(a.ends_at),
            places_left: (a.capacity - a.confirmed).max(0),
            id: a.id,
            organization_id: a.organization_id,
            name: a.name,
            starts_at: a.starts_at,
            ends_at: a.ends_at,
            place: a.place,
            content: a.content,
            category: a.category,
            capacity: a.capacity,
            waiting: a.waiting,
            organizer_unit: a.organizer_unit,
            person_in_charge: a.person_in_charge,
            earns_credits: a.earns_credits,
            cancelled: a.cancelled,
        }
    }
}

/// Unix seconds of a date and `HH:MM` in Asia/Shanghai.
pub fn shanghai_unix(date: &str, time: &str) -> Option<i64> {
    let d = policy::Date::parse(date.trim()).ok()?;
    let (h, m) = time.trim().split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    const EPOCH_ORDINAL: i64 = 719_162;
    Some((d.ordinal() - EPOCH_ORDINAL) * 86_400 + h * 3600 + m * 60 - 8 * 3600)
}

/// Refuses unless this member of staff coordinates the organization.
pub async fn require_coordinator(
    s: &AppState,
    who: &StaffUser,
    organization_id: &str,
) -> Result<(), ApiError> {
    if who.role == Role::Coordinator
        && volunteers::coordinates(&s.db, organization_id, &who.id).await?
    {
        return Ok(());
    }
    audit::record(
        s,
        &format!("staff:{}", who.id),
        "timebank.coordinate",
        &format!("organization:{organization_id}"),
        "denied: not a coordinator of it",
    )
    .await?;
    Err(ApiError::rejected(
        StatusCode::FORBIDDEN,
        "not_your_organization",
        "您不是该组织的协调员，不能操作它的活动",
        "You do not coordinate this organization, so you cannot act on its activities",
    ))
}

pub async fn create(
    s: &AppState,
    who: &StaffUser,
    f: &NewActivityForm,
    now: i64,
) -> Result<Activity, ApiError> {
    require_coordinator(s, who, &f.organization_id).await?;
    let mut fields = Vec::new();
    let mut need = |ok: bool, field: &str, zh: &str, en: &str| {
        if !ok {
            fields.push(FieldError {
                field: field.into(),
                message: Message::new(zh, en),
            });
        }
    };
    let text = |v: &str, max: usize| !v.trim().is_empty() && v.chars().count() <= max;
    need(
        text(&f.name, 60),
        "name",
        "请填写活动名称（不超过 60 字）",
        "Name the activity (at most 60 characters)",
    );
    need(
        text(&f.place, 100),
        "place",
        "请填写活动地点",
        "Enter the place",
    );
    need(
        text(&f.content, 500),
        "content",
        "请填写服务内容（不超过 500 字）",
        "Describe the service (at most 500 characters)",
    );
    need(
        text(&f.organizer_unit, 60),
        "organizer_unit",
        "请填写组织单位",
        "Enter the organizing unit",
    );
    need(
        text(&f.person_in_charge, 30),
        "person_in_charge",
        "请填写负责人",
        "Enter the person in charge",
    );
    need(
        (1..=1000).contains(&f.capacity),
        "capacity",
        "人数上限为 1–1000",
        "Capacity is 1 to 1000",
    );
    need(
        check_category(&f.category, "category").is_ok(),
        "category",
        "请选择服务类别",
        "Choose a service category",
    );
    let starts = shanghai_unix(&f.date, &f.start);
    let ends = shanghai_unix(&f.date, &f.end);
    need(
        starts.is_some(),
        "start",
        "请填写日期和开始时间",
        "Enter the date and start time",
    );
    need(
        ends.is_some(),
        "end",
        "请填写结束时间",
        "Enter the end time",
    );
    if let (Some(a), Some(b)) = (starts, ends) {
        need(
            b > a,
            "end",
            "结束时间须晚于开始时间",
            "The end must be after the start",
        );
        need(
            b >= now,
            "date",
            "活动时间已经过去",
            "That time has already passed",
        );
    }
    if !fields.is_empty() {
        return Err(ApiError::Validation(fields));
    }
    let id = uuid::Uuid::new_v4().to_string();
    store::insert(
        &s.db,
        &NewActivity {
            id: &id,
            organization_id: &f.organization_id,
            name: f.name.trim(),
            starts_at: starts.unwrap_or_default(),
            ends_at: ends.unwrap_or_default(),
            place: f.place.trim(),
            content: f.content.trim(),
            category: &f.category,
            capacity: f.capacity,
            organizer_unit: f.organizer_unit.trim(),
            person_in_charge: f.person_in_charge.trim(),
            earns_credits: f.earns_credits,
            created_by: &who.id,
        },
        now,
    )
    .await?;
    audit::record(
        s,
        &format!("staff:{}", who.id),
        "activity.create",
        &format!("activity:{id}"),
        "ok",
    )
    .await?;
    Ok(store::by_id(&s.db, &id)
        .await?
        .ok_or(ApiError::NotFound)?
        .into())
}

pub async fn get(s: &AppState, id: &str) -> Result<ActivityRow, ApiError> {
    store::by_id(&s.db, id).await?.ok_or(ApiError::NotFound)
}

pub async fn upcoming(s: &AppState, now: i64) -> Result<Vec<Activity>, ApiError> {
    Ok(store::upcoming(&s.db, now)
        .await?
        .into_iter()
        .map(Activity::from)
        .collect())
}

/// Signs the volunteer up: `confirmed` or `waiting`.
pub async fn sign_up(
    s: &AppState,
    user: &AuthUser,
    activity_id: &str,
    now: i64,
) -> Result<String, ApiError> {
    let me = volunteer_of(s, user).await?;
    let a = get(s, activity_id).await?;
    if a.cancelled || a.ends_at < now {
        return Err(conflict(
            "activity_closed",
            "这个活动已取消或已结束",
            "This activity is cancelled or over",
        ));
    }
    store::sign_up(&s.db, activity_id, &me.id, now)
        .await?
        .ok_or_else(|| {
            conflict(
                "already_signed_up",
                "您已经报名了这个活动",
                "You have already signed up for this activity",
            )
        })
}

pub async fn cancel_signup(
    s: &AppState,
    user: &AuthUser,
    activity_id: &str,
) -> Result<(), ApiError> {
    let me = volunteer_of(s, user).await?;
    if store::cancel_signup(&s.db, activity_id, &me.id).await? {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// A new organization and its coordinators (system admins).
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NewOrganization {
    pub name: String,
    pub street_code: Option<String>,
    /// Staff ids of its coordinators (role `coordinator`).
    pub coordinators: Vec<String>,
}

#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Organization {
    pub id: String,
    pub name: String,
}

pub async fn create_organization(
    s: &AppState,
    who: &StaffUser,
    o: &NewOrganization,
    now: i64,
) -> Result<Organization, ApiError> {
    let name = o.name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(ApiError::field(
            "name",
            "请填写组织名称（不超过 60 字）",
            "Name the organization (at most 60 characters)",
        ));
    }
    for c in &o.coordinators {
        let is_coordinator = crate::staff::role_of(s, c).await? == Some(Role::Coordinator);
        if !is_coordinator {
            return Err(ApiError::field(
                "coordinators",
                "协调员须是角色为“志愿服务协调员”的工作人员",
                "Coordinators must be staff with the coordinator role",
            ));
        }
    }
    let id = uuid::Uuid::new_v4().to_string();
    let street = o.street_code.as_deref().filter(|c| !c.is_empty());
    if !volunteers::insert_organization(&s.db, &id, name, street, now).await? {
        return Err(ApiError::field(
            "name",
            "这个组织名称已存在",
            "An organization with that name exists",
        ));
    }
    for c in &o.coordinators {
        volunteers::add_coordinator(&s.db, &id, c).await?;
    }
    audit::record(
        s,
        &format!("staff:{}", who.id),
        "organization.create",
        &format!("organization:{id}"),
        "ok",
    )
    .await?;
    Ok(Organization {
        id,
        name: name.to_string(),
    })
}

/// The demo volunteer organization of a development database, run by the demo coordinator
/// (never in production).
pub(crate) async fn seed_demo_organization(
    db: &crate::store::Db,
    coordinator_id: &str,
    now: i64,
) -> Result<(), ApiError> {
    let name = "吴家山街道志愿服务站";
    let id = uuid::Uuid::new_v4().to_string();
    volunteers::insert_organization(db, &id, name, Some("wujiashan"), now).await?;
    if let Some(o) = volunteers::organization_by_name(db, name).await? {
        volunteers::add_coordinator(db, &o.id, coordinator_id).await?;
    }
    Ok(())
}
