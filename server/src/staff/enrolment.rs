//! Staff enrolment (F4): an administrator never types a member's password nor sees their
//! authenticator. Creating or resetting an account issues a one-time enrolment code that expires
//! after `ENROL_SECONDS`; the member enters it with their username, scans the authenticator it
//! reveals to them alone, and sets their own password, proved by a first authenticator code.

use crate::auth::totp;
use crate::clock::shanghai_time;
use crate::error::ApiError;
use crate::staff::store::{self as store, NewStaff};
use crate::staff::{
    self, StaffUser, audit_account, audit_denial_once, check_password_policy, within_attempts,
};
use crate::state::AppState;
use types::account::Role;
use types::staff::{Enrolment, StaffInvite};

/// How long an enrolment code works: three days, time to hand it over in person.
pub const ENROL_SECONDS: i64 = 3 * 24 * 3600;
/// Enrolment tries per username in `staff::ATTEMPT_WINDOW` (the client limit is sign-in's).
const TRIES_PER_USERNAME: i64 = 10;

/// Who an account is for (no credentials: the member sets those).
pub struct Invitation<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub street: Option<&'a str>,
}

/// The code's hash is bound to the username: a guess must name the account it is for.
fn code_hash(s: &AppState, username: &str, code: &str) -> String {
    let code = crate::text::normalize_code(code);
    s.vault
        .lookup_hash(&format!("staff-enrol:{username}:{code}"))
}

fn invite_of(user_id: String, username: &str, code: String, now: i64) -> StaffInvite {
    StaffInvite {
        user_id,
        username: username.to_string(),
        code,
        expires: shanghai_time(now + ENROL_SECONDS),
    }
}

/// Creates an account awaiting enrolment; its invitation, or None when the username is taken.
pub async fn invite(
    s: &AppState,
    who: &Invitation<'_>,
    now: i64,
) -> Result<Option<StaffInvite>, ApiError> {
    let code = crate::text::readable_code();
    let id = uuid::Uuid::new_v4().to_string();
    let hash = code_hash(s, who.username, &code);
    let created = store::insert(
        &s.db,
        &NewStaff {
            id: &id,
            username: who.username,
            display_name: who.display_name,
            password_hash: "",
            totp_sealed: "",
            role: who.role,
            street_code: who.street,
            enrolment: Some((&hash, now + ENROL_SECONDS)),
        },
        now,
    )
    .await?;
    Ok(created.then(|| invite_of(id, who.username, code, now)))
}

/// Clears a member's password and authenticator and issues a new enrolment code; None when
/// there is no such account. The caller ends the member's sessions and audits.
pub async fn reissue(s: &AppState, id: &str, now: i64) -> Result<Option<StaffInvite>, ApiError> {
    let Some(user) = store::by_id(&s.db, id).await? else {
        return Ok(None);
    };
    let code = crate::text::readable_code();
    let hash = code_hash(s, &user.username, &code);
    store::reset_credentials(&s.db, id, &hash, now + ENROL_SECONDS).await?;
    Ok(Some(invite_of(user.id, &user.username, code, now)))
}

fn wrong_code() -> ApiError {
    ApiError::field(
        "enrol_code",
        "用户名或登记码不正确、已使用或已过期，请向系统管理员重新获取",
        "That username or enrolment code is wrong, used or expired; ask your system administrator for a new one",
    )
}

/// Tries are limited per client and per username before anything is looked up.
async fn within_tries(
    s: &AppState,
    client: &str,
    username: &str,
    now: i64,
) -> Result<(), ApiError> {
    let client_key = s.vault.lookup_hash(&format!("client:{client}"));
    let limit = s.cfg.staff_signin_attempts_per_client;
    within_attempts(
        s,
        "staff.enrol",
        &format!("client:{client_key}"),
        limit,
        "from one client",
        now,
    )
    .await?;
    let name_key = s.vault.lookup_hash(&format!("staff-username:{username}"));
    within_attempts(
        s,
        "staff.enrol",
        &format!("enrol:{name_key}"),
        TRIES_PER_USERNAME,
        "for one username",
        now,
    )
    .await
}

/// Step one: a right code reveals a fresh authenticator secret to the member (kept sealed on
/// the account until the enrolment completes; starting again replaces it).
pub async fn start(
    s: &AppState,
    client: &str,
    username: &str,
    code: &str,
    now: i64,
) -> Result<Enrolment, ApiError> {
    let username = username.trim();
    within_tries(s, client, username, now).await?;
    let secret = totp::new_secret();
    let base32 = totp::to_base32(&secret);
    let staged = store::stage_secret(
        &s.db,
        username,
        &code_hash(s, username, code),
        &s.vault.seal(&base32),
        now,
    )
    .await?;
    let Some(user_id) = staged else {
        let name_key = s.vault.lookup_hash(&format!("staff-username:{username}"));
        let key = format!("enrol-wrong:{name_key}");
        audit_denial_once(
            s,
            "staff.enrol",
            &key,
            "staff:unknown",
            "failed: wrong or expired code",
            now,
        )
        .await?;
        return Err(wrong_code());
    };
    Ok(Enrolment {
        user_id,
        username: username.to_string(),
        uri: totp::enrolment_url(&secret, username),
        secret: base32,
    })
}

/// The enrolment under way with this username and code: the account and its staged secret.
async fn under_way(
    s: &AppState,
    username: &str,
    code: &str,
    now: i64,
) -> Result<Option<(String, Vec<u8>)>, ApiError> {
    let hash = code_hash(s, username, code);
    let Some((id, sealed)) = store::staged_secret(&s.db, username, &hash, now).await? else {
        return Ok(None);
    };
    let secret = s
        .vault
        .open(&sealed)
        .ok()
        .and_then(|b| totp::from_base32(&b));
    Ok(secret.map(|secret| (id, secret)))
}

/// The authenticator staged at step one, to show the second form again after a refusal; only
/// with the right enrolment code.
pub async fn staged(
    s: &AppState,
    username: &str,
    code: &str,
    now: i64,
) -> Result<Option<Enrolment>, ApiError> {
    let username = username.trim();
    Ok(under_way(s, username, code, now)
        .await?
        .map(|(user_id, secret)| Enrolment {
            user_id,
            username: username.to_string(),
            uri: totp::enrolment_url(&secret, username),
            secret: totp::to_base32(&secret),
        }))
}

/// What completes an enrolment.
pub struct Completion<'a> {
    pub username: &'a str,
    pub code: &'a str,
    pub password: &'a str,
    /// The first code the newly set-up authenticator shows.
    pub totp_code: &'a str,
}

/// Step two: the member's own password and a first authenticator code; the enrolment code
/// stops working and the member is signed in (the returned session token).
pub async fn complete(
    s: &AppState,
    client: &str,
    c: &Completion<'_>,
    now: i64,
) -> Result<(String, StaffUser), ApiError> {
    let username = c.username.trim();
    within_tries(s, client, username, now).await?;
    let (id, secret) = under_way(s, username, c.code, now)
        .await?
        .ok_or_else(wrong_code)?;
    check_password_policy(c.password)?;
    let Some(step) = totp::matching_step(&secret, c.totp_code, now) else {
        return Err(ApiError::field(
            "totp_code",
            "动态码不正确：请输入身份验证器中东西湖民政这一项当前显示的 6 位数字",
            "That code is not right: enter the 6 digits the authenticator shows for Dongxihu now",
        ));
    };
    let password = c.password.to_string();
    let password_hash = staff::off_workers(s, move || staff::hash_password(&password)).await?;
    let hash = code_hash(s, username, c.code);
    if !store::complete_enrolment(&s.db, &id, &hash, &password_hash, now).await? {
        return Err(wrong_code());
    }
    store::accept_totp_step(&s.db, &id, step).await?;
    let actor = format!("staff:{id}");
    audit_account(
        s,
        "staff.enrol",
        &actor,
        "ok: password and authenticator set",
        now,
    )
    .await?;
    let token = staff::open_session(s, &id, now).await?;
    let user = store::by_id(&s.db, &id).await?.ok_or(ApiError::NotFound)?;
    Ok((token, user.into()))
}
