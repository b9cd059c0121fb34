//! Kiosk devices: a system admin registers a kiosk for a street service centre and gets a
//! one-time enrolment code (24 hours); the kiosk trades it for a device credential that
//! identifies it to every flow until an admin revokes it.

use super::store::{self, KioskRow, NewKiosk};
use crate::audit;
use crate::clock::shanghai_time;
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use crate::store::limits;
use axum::http::StatusCode;
use types::staff::{Kiosk, KioskRegistration};

pub const CODE_SECONDS: i64 = 24 * 3600;

/// A kiosk registration request.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NewKioskForm {
    /// e.g. 吴家山街道便民服务中心 1 号机
    pub name: String,
    pub street_code: String,
}

/// An enrolment request from the kiosk itself.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct EnrolForm {
    pub code: String,
}

/// The device credential a kiosk keeps, and who it is.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Enrolled {
    pub credential: String,
    pub kiosk: Kiosk,
}

fn view(r: &KioskRow, now: i64) -> Kiosk {
    let state = match (r.revoked_at, r.enrolled_at, r.enrol_expires_at) {
        (Some(_), _, _) => "revoked",
        (None, Some(_), _) => "enrolled",
        (None, None, Some(exp)) if exp < now => "code_expired",
        _ => "awaiting_enrolment",
    };
    Kiosk {
        id: r.id.clone(),
        name: r.name.clone(),
        street_code: r.street_code.clone(),
        state: state.into(),
        enrolled_on: r.enrolled_at.map(|t| shanghai_time(t)[..10].to_string()),
    }
}

fn code_hash(s: &AppState, code: &str) -> String {
    s.vault.lookup_hash(&format!(
        "kiosk-enrol:{}",
        crate::text::normalize_code(code)
    ))
}

fn credential_hash(s: &AppState, credential: &str) -> String {
    s.vault.lookup_hash(&format!("kiosk:{credential}"))
}

pub async fn list(s: &AppState, now: i64) -> Result<Vec<Kiosk>, ApiError> {
    Ok(store::list(&s.db)
        .await?
        .iter()
        .map(|r| view(r, now))
        .collect())
}

/// Registers a kiosk and returns its one-time enrolment code (shown once, kept hashed).
pub async fn register(
    s: &AppState,
    who: &StaffUser,
    form: &NewKioskForm,
    now: i64,
) -> Result<KioskRegistration, ApiError> {
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(ApiError::field(
            "name",
            "请填写终端名称（不超过 60 字），例如“吴家山便民服务中心 1 号机”",
            "Name the kiosk (at most 60 characters), e.g. “Wujiashan centre no. 1”",
        ));
    }
    let street = form.street_code.trim();
    if !policy::streets::street_offices()
        .iter()
        .any(|o| o.id == street)
    {
        return Err(ApiError::field(
            "street_code",
            "请选择终端所在的街道",
            "Choose the street the kiosk stands in",
        ));
    }
    let code = crate::text::readable_code();
    let id = uuid::Uuid::new_v4().to_string();
    store::insert(
        &s.db,
        &NewKiosk {
            id: &id,
            name,
            street_code: street,
            enrol_hash: &code_hash(s, &code),
            enrol_expires_at: now + CODE_SECONDS,
            created_by: &who.id,
        },
        now,
    )
    .await?;
    audit::record(
        s,
        &format!("staff:{}", who.id),
        "kiosk.register",
        &format!("kiosk:{id}"),
        &format!("ok: street {street}"),
    )
    .await?;
    // The row as just written: no need to read every kiosk back to show this one.
    let row = KioskRow {
        id,
        name: name.to_string(),
        street_code: street.to_string(),
        enrol_expires_at: Some(now + CODE_SECONDS),
        enrolled_at: None,
        revoked_at: None,
    };
    Ok(KioskRegistration {
        kiosk: view(&row, now),
        code,
        expires: shanghai_time(now + CODE_SECONDS),
    })
}

/// The kiosk trades its one-time code for a device credential. Tries are limited per client.
pub async fn enrol(s: &AppState, code: &str, client: &str, now: i64) -> Result<Enrolled, ApiError> {
    let client_key = s.vault.lookup_hash(&format!("client:{client}"));
    if !limits::allow(&s.db, &format!("kiosk-enrol:{client_key}"), 10, 3_600, now).await? {
        return Err(ApiError::rejected(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "尝试次数过多，请一小时后再试",
            "Too many tries; try again in an hour",
        ));
    }
    let credential = crate::auth::tokens::new_refresh_token();
    let Some(row) = store::enrol(
        &s.db,
        &code_hash(s, code),
        &credential_hash(s, &credential),
        now,
    )
    .await?
    else {
        audit::record(
            s,
            &format!("client:{client_key}"),
            "kiosk.enrol",
            "-",
            "failed: bad code",
        )
        .await?;
        return Err(ApiError::field(
            "code",
            "登记码不正确、已使用或已过期，请向系统管理员重新获取",
            "That enrolment code is wrong, used or expired; ask the system administrator for a new one",
        ));
    };
    audit::record(
        s,
        &format!("kiosk:{}", row.id),
        "kiosk.enrol",
        &format!("kiosk:{}", row.id),
        "ok",
    )
    .await?;
    Ok(Enrolled {
        credential,
        kiosk: view(&row, now),
    })
}

/// The kiosk holding this credential, unless revoked.
pub async fn identify(s: &AppState, credential: &str) -> Result<Option<Kiosk>, ApiError> {
    let now = crate::clock::now();
    Ok(store::by_credential(&s.db, &credential_hash(s, credential))
        .await?
        .map(|r| view(&r, now)))
}

pub async fn revoke(s: &AppState, who: &StaffUser, id: &str) -> Result<(), ApiError> {
    if !store::revoke(&s.db, id, crate::clock::now()).await? {
        return Err(ApiError::NotFound);
    }
    audit::record(
        s,
        &format!("staff:{}", who.id),
        "kiosk.revoke",
        &format!("kiosk:{id}"),
        "ok",
    )
    .await
}
