//! Real-name volunteer registration (办法 第五条): from a phone, at a kiosk, or by staff for
//! someone without a phone. ID number validated (GB 11643), encrypted, unique.

use super::{CATEGORIES, conflict};
use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::pii::mask_name;
use crate::staff::StaffUser;
use crate::state::AppState;
use crate::store::limits;
use crate::timebank::store::volunteers::{self as store, NewVolunteer, VolunteerRow};
use axum::http::StatusCode;
use policy::id_number::{ResidentId, Sex};

pub const VOLUNTEER_NOTICE_VERSION: &str = "volunteer-2026-11";
pub const VOLUNTEER_PURPOSE: &str = "volunteer";

/// What registration asks for. Sex and date of birth come from the ID number.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Registration {
    pub name: String,
    /// 18-character resident ID number.
    pub id_number: String,
    pub street_code: String,
    /// Needed when staff register someone; a signed-in resident's own number is used otherwise.
    pub phone: Option<String>,
    pub skills: String,
    /// Category codes, e.g. `["elderly", "community"]`.
    pub categories: Vec<String>,
    /// Agreement to the volunteer-record notice (`volunteer-2026-11`).
    pub consent: bool,
}

/// A volunteer as they and coordinators see them: masked name and ID number only.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Volunteer {
    pub id: String,
    pub name: String,
    pub id_number: String,
    pub sex: String,
    pub birth_date: String,
    pub street_code: String,
    pub skills: String,
    pub categories: Vec<String>,
}

impl From<VolunteerRow> for Volunteer {
    fn from(r: VolunteerRow) -> Volunteer {
        Volunteer {
            id: r.id,
            name: r.name_masked,
            id_number: r.id_masked,
            sex: r.sex,
            birth_date: r.birth_date,
            street_code: r.street_code,
            skills: r.skills,
            categories: r
                .categories
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

fn today(now: i64) -> policy::Date {
    policy::Date::shanghai_from_unix_millis(now * 1000).expect("the clock is within range")
}

/// Checks every field; returns the parsed ID number.
fn validate(r: &Registration, now: i64) -> Result<ResidentId, ApiError> {
    let mut fields = Vec::new();
    let name = r.name.trim();
    if name.chars().count() < 2 || name.chars().count() > 30 {
        fields.push((
            "name",
            "请填写身份证上的姓名",
            "Enter your name as on your ID card",
        ));
    }
    let id = ResidentId::parse(&r.id_number, today(now));
    if id.is_err() {
        fields.push((
            "id_number",
            "身份证号码不正确，请核对 18 位号码",
            "That ID number is not valid; check the 18 characters",
        ));
    }
    if !policy::streets::street_offices()
        .iter()
        .any(|o| o.id == r.street_code)
    {
        fields.push((
            "street_code",
            "请选择居住的街道",
            "Choose the street you live in",
        ));
    }
    if r.categories.is_empty()
        || r.categories
            .iter()
            .any(|c| !CATEGORIES.iter().any(|(k, _, _)| k == c))
    {
        fields.push((
            "categories",
            "请至少选择一个服务类别",
            "Choose at least one service category",
        ));
    }
    if r.skills.chars().count() > 200 {
        fields.push((
            "skills",
            "特长不超过 200 字",
            "Skills: at most 200 characters",
        ));
    }
    if !r.consent {
        fields.push((
            "consent",
            "请阅读并同意志愿服务记录说明",
            "Please read and agree to the volunteer-record notice",
        ));
    }
    if !fields.is_empty() {
        return Err(ApiError::Validation(
            fields
                .into_iter()
                .map(|(f, zh, en)| crate::error::FieldError {
                    field: f.into(),
                    message: crate::error::Message::new(zh, en),
                })
                .collect(),
        ));
    }
    Ok(id.expect("checked above"))
}

async fn insert(
    s: &AppState,
    r: &Registration,
    id: ResidentId,
    account_id: Option<&str>,
    phone: Option<&str>,
    by: &str,
    now: i64,
) -> Result<Volunteer, ApiError> {
    let volunteer_id = uuid::Uuid::new_v4().to_string();
    let id_hash = s.vault.lookup_hash(&format!("resident-id:{}", id.expose()));
    let sex = match id.sex() {
        Sex::Female => "F",
        Sex::Male => "M",
    };
    let created = store::insert(
        &s.db,
        &NewVolunteer {
            id: &volunteer_id,
            account_id,
            name_sealed: &s.vault.seal(r.name.trim()),
            name_masked: &mask_name(&r.name),
            id_sealed: &s.vault.seal(id.expose()),
            id_hash: &id_hash,
            id_masked: &id.masked(),
            sex,
            birth_date: &id.birth_date().to_string(),
            street_code: &r.street_code,
            phone_sealed: phone.map(|p| s.vault.seal(p)).as_deref(),
            skills: r.skills.trim(),
            categories: &r.categories.join(","),
            consent_version: VOLUNTEER_NOTICE_VERSION,
            registered_by: by,
        },
        now,
    )
    .await?;
    if !created {
        return Err(conflict(
            "already_registered",
            "这个身份证号码或这个账户已经登记过志愿者",
            "This ID number or this account is already registered as a volunteer",
        ));
    }
    if let Some(account) = account_id {
        crate::account::grant_consent(s, account, VOLUNTEER_PURPOSE, VOLUNTEER_NOTICE_VERSION, now)
            .await?;
    }
    Ok(store::by_id(&s.db, &volunteer_id)
        .await?
        .ok_or(ApiError::NotFound)?
        .into())
}

/// A signed-in resident registers themselves.
pub async fn register_self(
    s: &AppState,
    user: &AuthUser,
    r: &Registration,
    now: i64,
) -> Result<Volunteer, ApiError> {
    let id = validate(r, now)?;
    let v = insert(s, r, id, Some(&user.account_id), None, "self", now).await?;
    audit::record(
        s,
        &format!("resident:{}", user.account_id),
        "volunteer.register",
        &format!("volunteer:{}", v.id),
        "ok",
    )
    .await?;
    Ok(v)
}

/// Staff register someone without a phone of their own (assisted registration).
pub async fn register_assisted(
    s: &AppState,
    who: &StaffUser,
    r: &Registration,
    now: i64,
) -> Result<Volunteer, ApiError> {
    let id = validate(r, now)?;
    let phone = match r.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(crate::account::parse_phone(p)?),
        None => None,
    };
    let v = insert(
        s,
        r,
        id,
        None,
        phone.as_deref(),
        &format!("staff:{}", who.id),
        now,
    )
    .await?;
    audit::record(
        s,
        &format!("staff:{}", who.id),
        "volunteer.register",
        &format!("volunteer:{}", v.id),
        "ok: assisted",
    )
    .await?;
    Ok(v)
}

/// Names a registered relative (by their ID number) whom credits may be gifted to.
/// The registered volunteer with this ID number, or a field error saying none is.
pub async fn find_by_id_number(s: &AppState, id_number: &str) -> Result<VolunteerRow, ApiError> {
    let not_found = || {
        ApiError::field(
            "id_number",
            "没有找到这个身份证号码的志愿者登记，请核对",
            "No registered volunteer has that ID number; check it",
        )
    };
    let id = ResidentId::parse(id_number, today(crate::clock::now())).map_err(|_| not_found())?;
    store::by_id_hash(
        &s.db,
        &s.vault.lookup_hash(&format!("resident-id:{}", id.expose())),
    )
    .await?
    .ok_or_else(not_found)
}

/// Family requests one volunteer may send in a day.
pub const FAMILY_REQUESTS_PER_DAY: i64 = 5;

/// Asks a relative (named by their ID number) to confirm a family link (F13). The answer is the
/// same whether or not the number belongs to a registered volunteer, and names nobody: the link
/// holds, and credits can be given, once the relative confirms it from their own account.
pub async fn link_family(
    s: &AppState,
    me: &VolunteerRow,
    relative_id_number: &str,
    now: i64,
) -> Result<(), ApiError> {
    let id = ResidentId::parse(relative_id_number, today(now)).map_err(|_| {
        ApiError::field(
            "id_number",
            "身份证号码格式不对：18 位，最后一位可以是 X",
            "That ID number is not valid: 18 characters, the last may be X",
        )
    })?;
    let hash = s.vault.lookup_hash(&format!("resident-id:{}", id.expose()));
    let relative = store::by_id_hash(&s.db, &hash).await?;
    if relative.as_ref().is_some_and(|r| r.id == me.id) {
        return Err(ApiError::field(
            "id_number",
            "不能添加自己",
            "You cannot add yourself",
        ));
    }
    let key = format!("family-request:{}", me.id);
    if !limits::allow(&s.db, &key, FAMILY_REQUESTS_PER_DAY, 24 * 3600, now).await? {
        return Err(ApiError::rejected(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "今天添加家人的次数已用完，请明天再试",
            "You have added family members too often today; try again tomorrow",
        ));
    }
    if let Some(relative) = relative {
        store::add_family(&s.db, &me.id, &relative.id, now).await?;
    }
    Ok(())
}

/// The relative confirms or declines a family request from `requester` (a volunteer id).
pub async fn answer_family(
    s: &AppState,
    me: &VolunteerRow,
    requester: &str,
    confirm: bool,
    now: i64,
) -> Result<(), ApiError> {
    if store::answer_family(&s.db, requester, &me.id, confirm, now).await? {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// A release of a volunteer registration made with someone else's ID number (L9).
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Release {
    /// The ID number the registration was made with (in the body only, never in a URL).
    pub id_number: String,
    /// Why, e.g. "本人持身份证到场，原登记非本人所为".
    pub reason: String,
}

/// A system administrator who has seen the real person's ID card releases the registration
/// made with their number: the real person can then register; the released one keeps its
/// service record but no longer belongs to the account that made it. Audited with the reason.
pub async fn release(s: &AppState, who: &StaffUser, r: &Release, now: i64) -> Result<(), ApiError> {
    let reason = r.reason.trim();
    if reason.chars().count() < 4 {
        return Err(ApiError::field(
            "reason",
            "请写明原因（例如：本人持身份证到场，原登记非本人所为）",
            "Say why (e.g. the person came with their ID card; the registration was not theirs)",
        ));
    }
    let volunteer = find_by_id_number(s, &r.id_number).await?;
    if !store::release(&s.db, &volunteer.id, now).await? {
        return Err(ApiError::NotFound);
    }
    audit::record(
        s,
        &format!("staff:{}", who.id),
        "volunteer.release",
        &format!("volunteer:{}", volunteer.id),
        &format!("ok: {reason}"),
    )
    .await
}

#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct StaffVolunteer {
    /// The member of staff's id.
    pub staff_id: String,
    /// Their volunteer registration's ID number (in the body only, never in a URL).
    pub id_number: String,
}

/// An administrator records that a member of staff is also a registered volunteer, so they can
/// never confirm or correct their own hours.
pub async fn link_staff(
    s: &AppState,
    who: &crate::staff::StaffUser,
    link: &StaffVolunteer,
) -> Result<(), ApiError> {
    if crate::staff::role_of(s, &link.staff_id).await?.is_none() {
        return Err(ApiError::field(
            "staff_id",
            "没有这位工作人员",
            "No member of staff has that id",
        ));
    }
    let volunteer = find_by_id_number(s, &link.id_number).await?;
    store::link_staff_volunteer(&s.db, &link.staff_id, &volunteer.id).await?;
    crate::audit::record(
        s,
        &format!("staff:{}", who.id),
        "volunteer.link_staff",
        &format!("staff:{}", link.staff_id),
        &format!("ok: volunteer:{}", volunteer.id),
    )
    .await
}
