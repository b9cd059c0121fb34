//! Staff user administration for system admins: invite members (a one-time enrolment code, so
//! the admin never knows their password or authenticator), change roles, end all of a member's
//! sessions, reset a sign-in, disable and re-enable an account. Every read and change is audited.

use crate::audit;
use crate::auth::roles::Role;
use crate::error::ApiError;
use crate::staff::enrolment::{self, Invitation};
use crate::staff::store;
use crate::staff::{IDLE_SECONDS, StaffUser};
use crate::state::AppState;
use axum::http::StatusCode;
use types::staff::{StaffInvite, StaffMember};

/// What an administrator fills in to create an account.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NewMember {
    pub username: String,
    pub display_name: String,
    pub role: String,
    /// Required for caseworkers: the street office code.
    pub street_code: Option<String>,
}

/// A role change.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RoleChange {
    pub role: String,
    pub street_code: Option<String>,
}

fn actor(who: &StaffUser) -> String {
    format!("staff:{}", who.id)
}

/// The role is a known one, and a caseworker has a known street office (others have none).
fn check_role(role: &str, street: Option<&str>) -> Result<(Role, Option<String>), ApiError> {
    let Some(role) = Role::from_code(role.trim()) else {
        return Err(ApiError::field(
            "role",
            "请选择一个角色",
            "Choose one of the roles",
        ));
    };
    let street = street.map(str::trim).filter(|s| !s.is_empty());
    if role != Role::Caseworker {
        return Ok((role, None));
    }
    match street {
        Some(code)
            if policy::streets::street_offices()
                .iter()
                .any(|o| o.id == code) =>
        {
            Ok((role, Some(code.to_string())))
        }
        _ => Err(ApiError::field(
            "street_code",
            "街道经办人须选择所属街道",
            "A caseworker needs their street office",
        )),
    }
}

fn check_username(username: &str) -> Result<(), ApiError> {
    let ok = (3..=32).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    if ok {
        Ok(())
    } else {
        Err(ApiError::field(
            "username",
            "用户名为 3–32 位小写字母、数字、点或连字符",
            "A username is 3–32 lowercase letters, digits, dots or hyphens",
        ))
    }
}

/// Every member of staff, audited as a read of staff records.
pub async fn list(s: &AppState, who: &StaffUser, now: i64) -> Result<Vec<StaffMember>, ApiError> {
    let rows = store::list(&s.db, now, IDLE_SECONDS).await?;
    audit::record(s, &actor(who), "staff.list", "staff_users", "ok").await?;
    Ok(rows
        .into_iter()
        .map(|(r, live)| StaffMember {
            locked: r.locked_until > now,
            state: match (r.disabled_at, r.enrolled(), r.enrol_expires_at) {
                (Some(_), _, _) => "disabled",
                (None, true, _) => "active",
                (None, false, Some(until)) if until > now => "awaiting_enrolment",
                (None, false, _) => "enrolment_expired",
            }
            .into(),
            id: r.id,
            username: r.username,
            display_name: r.display_name,
            role: r.role,
            street_code: r.street_code,
            live_sessions: live,
        })
        .collect())
}

/// Creates an account awaiting enrolment and returns its one-time enrolment code (shown once).
pub async fn create(
    s: &AppState,
    who: &StaffUser,
    new: &NewMember,
    now: i64,
) -> Result<StaffInvite, ApiError> {
    create_as(s, &actor(who), new, now).await
}

/// The same from the server's console (`server staff-invite`), audited as `console`.
pub async fn create_from_console(
    s: &AppState,
    new: &NewMember,
    now: i64,
) -> Result<StaffInvite, ApiError> {
    create_as(s, "console", new, now).await
}

async fn create_as(
    s: &AppState,
    actor: &str,
    new: &NewMember,
    now: i64,
) -> Result<StaffInvite, ApiError> {
    let username = new.username.trim();
    check_username(username)?;
    let display_name = new.display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 40 {
        return Err(ApiError::field(
            "display_name",
            "请填写姓名或岗位名称（不超过 40 字）",
            "Enter a name or post (at most 40 characters)",
        ));
    }
    let (role, street) = check_role(&new.role, new.street_code.as_deref())?;
    let invitation = Invitation {
        username,
        display_name,
        role,
        street: street.as_deref(),
    };
    let Some(invite) = enrolment::invite(s, &invitation, now).await? else {
        return Err(ApiError::field(
            "username",
            "这个用户名已被使用",
            "That username is taken",
        ));
    };
    audit::record(
        s,
        actor,
        "staff.create",
        &format!("staff:{}", invite.user_id),
        &format!("ok: role {role}, enrolment code issued"),
    )
    .await?;
    Ok(invite)
}

/// Resets a member's password and authenticator (a lost phone, a forgotten password): both are
/// cleared, every session ends, and a new enrolment code is issued (shown once).
pub async fn reset(
    s: &AppState,
    who: &StaffUser,
    id: &str,
    now: i64,
) -> Result<StaffInvite, ApiError> {
    not_self(who, id)?;
    let invite = enrolment::reissue(s, id, now)
        .await?
        .ok_or(ApiError::NotFound)?;
    let ended = store::revoke_all_sessions(&s.db, id, now).await?;
    audit::record(
        s,
        &actor(who),
        "staff.reset",
        &format!("staff:{id}"),
        &format!(
            "ok: password and authenticator cleared, {ended} sessions ended, enrolment code issued"
        ),
    )
    .await?;
    Ok(invite)
}

/// Disables an account (someone leaving, a suspected misuse): refused at sign-in, and every
/// session ends at once; or enables it again.
pub async fn set_disabled(
    s: &AppState,
    who: &StaffUser,
    id: &str,
    disabled: bool,
    now: i64,
) -> Result<(), ApiError> {
    not_self(who, id)?;
    if !store::set_disabled(&s.db, id, disabled.then_some(now)).await? {
        return Err(ApiError::NotFound);
    }
    let (action, outcome) = if disabled {
        let ended = store::revoke_all_sessions(&s.db, id, now).await?;
        ("staff.disable", format!("ok: {ended} sessions ended"))
    } else {
        ("staff.enable", "ok".to_string())
    };
    audit::record(s, &actor(who), action, &format!("staff:{id}"), &outcome).await
}

fn not_self(who: &StaffUser, id: &str) -> Result<(), ApiError> {
    if who.id == id {
        return Err(ApiError::rejected(
            StatusCode::CONFLICT,
            "own_account",
            "不能更改自己的账户，请由另一位系统管理员操作",
            "You cannot change your own account; ask another system administrator",
        ));
    }
    Ok(())
}

/// Changes a member's role (and street office); takes effect on their next request.
pub async fn change_role(
    s: &AppState,
    who: &StaffUser,
    id: &str,
    change: &RoleChange,
) -> Result<(), ApiError> {
    not_self(who, id)?;
    let (role, street) = check_role(&change.role, change.street_code.as_deref())?;
    let before = store::by_id(&s.db, id).await?.ok_or(ApiError::NotFound)?;
    store::set_role(&s.db, id, role, street.as_deref()).await?;
    let describe = |role: Role, street: Option<&str>| match street {
        Some(code) => format!("{role}@{code}"),
        None => role.to_string(),
    };
    audit::record(
        s,
        &actor(who),
        "staff.role_change",
        &format!("staff:{id}"),
        &format!(
            "ok: {} -> {}",
            describe(before.role, before.street_code.as_deref()),
            describe(role, street.as_deref())
        ),
    )
    .await
}

/// Ends every session of a member of staff at once (a lost phone, someone leaving).
pub async fn end_sessions(
    s: &AppState,
    who: &StaffUser,
    id: &str,
    now: i64,
) -> Result<u64, ApiError> {
    store::by_id(&s.db, id).await?.ok_or(ApiError::NotFound)?;
    let ended = store::revoke_all_sessions(&s.db, id, now).await?;
    audit::record(
        s,
        &actor(who),
        "staff.end_sessions",
        &format!("staff:{id}"),
        &format!("ok: {ended} ended"),
    )
    .await?;
    Ok(ended)
}
