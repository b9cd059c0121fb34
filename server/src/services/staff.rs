//! Staff sign-in: username, password (argon2id) and a TOTP code; 5 failures lock the account
//! for 30 minutes; sessions end after 30 minutes idle or 12 hours. Every attempt is audited.

use crate::auth::totp;
use crate::error::ApiError;
use crate::pii::Vault;
use crate::state::AppState;
use crate::store::Db;
use crate::store::audit::{self, AuditEntry};
use crate::store::staff::{self, NewStaff, StaffRow};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::http::StatusCode;

pub const MAX_FAILURES: i64 = 5;
pub const LOCK_SECONDS: i64 = 30 * 60;
pub const IDLE_SECONDS: i64 = 30 * 60;
pub const MAX_SESSION_SECONDS: i64 = 12 * 3600;

const COMMON_PASSWORDS: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "password",
    "password1",
    "qwertyui",
    "qwerty123",
    "11111111",
    "00000000",
    "88888888",
    "66666666",
    "abcd1234",
    "1qaz2wsx",
    "a1234567",
    "iloveyou",
    "woaini1314",
    "admin123",
    "administrator",
    "passw0rd",
    "p@ssw0rd",
    "zxcvbnm1",
    "asdfghjk",
    "12341234",
    "abc12345",
    "5201314a",
    "changeme",
];

/// What creating a staff account takes.
pub struct StaffSpec<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: &'a str,
    pub street: Option<&'a str>,
}

/// Demo staff for development (never in production): fixed credentials so a newcomer and the
/// end-to-end tests can sign in. Returns a line per account created.
pub async fn seed_demo(db: &Db, vault: &Vault, now: i64) -> Result<Vec<String>, ApiError> {
    let demo = [
        (
            StaffSpec {
                username: "admin",
                display_name: "系统管理员",
                password: "Dongxihu-Admin-2026",
                role: "system_admin",
                street: None,
            },
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        ),
        (
            StaffSpec {
                username: "wjs-caseworker",
                display_name: "吴家山街道经办人",
                password: "Wujiashan-Case-2026",
                role: "caseworker",
                street: Some("wujiashan"),
            },
            "KRSXG5DTMVRXEZLUKRSXG5DTMVRXEZLU",
        ),
        (
            StaffSpec {
                username: "wjs-coordinator",
                display_name: "吴家山志愿服务站协调员",
                password: "Wujiashan-Volunteer-2026",
                role: "coordinator",
                street: None,
            },
            "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
        ),
        (
            StaffSpec {
                username: "charity-staff",
                display_name: "区慈善会工作人员",
                password: "Dongxihu-Charity-2026",
                role: "charity_staff",
                street: None,
            },
            "MNUGC4TJORMXG5DBMZTGG2DBOJUXI6LT",
        ),
        (
            StaffSpec {
                username: "policy-admin",
                display_name: "区民政局政策管理员",
                password: "Dongxihu-Policy-2026",
                role: "policy_admin",
                street: None,
            },
            "ONSWG4TFORYG63DJMN4WC5DNNFXGS43U",
        ),
    ];
    let mut lines = Vec::new();
    for (spec, secret) in demo {
        if create(db, vault, &spec, totp::from_base32(secret), now)
            .await?
            .is_some()
        {
            lines.push(format!(
                "{} / {} (role {}, TOTP secret {secret})",
                spec.username, spec.password, spec.role
            ));
        }
    }
    // The demo coordinator runs the demo volunteer organization.
    if let Some(c) = staff::by_username(db, "wjs-coordinator").await? {
        let org = "吴家山街道志愿服务站";
        crate::store::volunteers::insert_organization(
            db,
            &uuid::Uuid::new_v4().to_string(),
            org,
            Some("wujiashan"),
            now,
        )
        .await?;
        if let Some(o) = crate::store::volunteers::organization_by_name(db, org).await? {
            crate::store::volunteers::add_coordinator(db, &o.id, &c.id).await?;
        }
    }
    Ok(lines)
}

/// Staff as the rest of the system sees them.
#[derive(Clone, Debug)]
pub struct StaffUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub street_code: Option<String>,
}

impl From<StaffRow> for StaffUser {
    fn from(r: StaffRow) -> StaffUser {
        StaffUser {
            id: r.id,
            username: r.username,
            display_name: r.display_name,
            role: r.role,
            street_code: r.street_code,
        }
    }
}

/// At least 8 characters and not a common password.
pub fn check_password_policy(password: &str) -> Result<(), ApiError> {
    if password.chars().count() < 8 {
        return Err(ApiError::field(
            "password",
            "密码至少 8 位",
            "The password needs at least 8 characters",
        ));
    }
    if COMMON_PASSWORDS.contains(&password.to_lowercase().as_str()) {
        return Err(ApiError::field(
            "password",
            "这个密码太常见，请换一个",
            "That password is too common; choose another",
        ));
    }
    Ok(())
}

pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).expect("the OS random source is available");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2id hashing does not fail")
        .to_string()
}

fn password_ok(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Creates a staff account (policy-checked password) with a TOTP secret (random when none is
/// given); returns the secret in base32 when the account was created.
pub async fn create(
    db: &Db,
    vault: &Vault,
    new: &StaffSpec<'_>,
    secret: Option<Vec<u8>>,
    now: i64,
) -> Result<Option<String>, ApiError> {
    check_password_policy(new.password)?;
    let secret = secret.unwrap_or_else(totp::new_secret);
    let created = staff::insert(
        db,
        &NewStaff {
            id: &uuid::Uuid::new_v4().to_string(),
            username: new.username,
            display_name: new.display_name,
            password_hash: &hash_password(new.password),
            totp_sealed: &vault.seal(&totp::to_base32(&secret)),
            role: new.role,
            street_code: new.street,
        },
        now,
    )
    .await?;
    Ok(created.then(|| totp::to_base32(&secret)))
}

async fn audit_sign_in(s: &AppState, actor: &str, outcome: &str, now: i64) -> Result<(), ApiError> {
    let entry = AuditEntry {
        actor: actor.into(),
        action: "staff.sign_in".into(),
        target: actor.into(),
        outcome: outcome.into(),
    };
    audit::append(&s.db, &entry, now).await?;
    Ok(())
}

fn bad_credentials() -> ApiError {
    ApiError::unauthorized(
        "bad_credentials",
        "用户名、密码或动态码不正确",
        "Username, password or authenticator code is not correct",
    )
}

/// Checks all three factors; returns a new session token.
pub async fn sign_in(
    s: &AppState,
    username: &str,
    password: &str,
    code: &str,
    now: i64,
) -> Result<(String, StaffUser), ApiError> {
    let Some(user) = staff::by_username(&s.db, username.trim()).await? else {
        // Same work as a real check, so timing does not reveal which usernames exist.
        let _ = password_ok(
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000",
            password,
        );
        audit_sign_in(s, "staff:unknown", "failed: unknown username", now).await?;
        return Err(bad_credentials());
    };
    let actor = format!("staff:{}", user.id);
    if user.locked_until > now {
        audit_sign_in(s, &actor, "denied: locked", now).await?;
        return Err(ApiError::rejected(
            StatusCode::TOO_MANY_REQUESTS,
            "locked",
            "登录失败次数过多，账户已锁定 30 分钟",
            "Too many failed sign-ins: the account is locked for 30 minutes",
        ));
    }
    let secret = s
        .vault
        .open(&user.totp_sealed)
        .ok()
        .and_then(|b| totp::from_base32(&b));
    let ok = password_ok(&user.password_hash, password)
        && secret.is_some_and(|sec| totp::verify(&sec, code, now));
    if !ok {
        let locked =
            staff::record_failure(&s.db, &user.id, MAX_FAILURES, now + LOCK_SECONDS).await?;
        audit_sign_in(
            s,
            &actor,
            if locked {
                "failed: locked after 5 failures"
            } else {
                "failed: bad credentials"
            },
            now,
        )
        .await?;
        return Err(if locked {
            ApiError::rejected(
                StatusCode::TOO_MANY_REQUESTS,
                "locked",
                "登录失败次数过多，账户已锁定 30 分钟",
                "Too many failed sign-ins: the account is locked for 30 minutes",
            )
        } else {
            bad_credentials()
        });
    }
    staff::record_success(&s.db, &user.id).await?;
    let token = crate::auth::tokens::new_refresh_token();
    staff::create_session(
        &s.db,
        &s.vault.lookup_hash(&format!("staff:{token}")),
        &user.id,
        now,
    )
    .await?;
    audit_sign_in(s, &actor, "ok", now).await?;
    Ok((token, user.into()))
}

/// The staff member of a live session.
pub async fn authenticate(s: &AppState, token: &str, now: i64) -> Result<StaffUser, ApiError> {
    let hash = s.vault.lookup_hash(&format!("staff:{token}"));
    let expired = || {
        ApiError::unauthorized(
            "staff_session_ended",
            "登录已超时，请重新登录",
            "Your staff session has ended; please sign in again",
        )
    };
    let user_id = staff::touch_session(&s.db, &hash, now, IDLE_SECONDS, MAX_SESSION_SECONDS)
        .await?
        .ok_or_else(expired)?;
    Ok(staff::by_id(&s.db, &user_id)
        .await?
        .ok_or_else(expired)?
        .into())
}

pub async fn sign_out(s: &AppState, token: &str, now: i64) -> Result<(), ApiError> {
    Ok(staff::revoke_session(&s.db, &s.vault.lookup_hash(&format!("staff:{token}")), now).await?)
}
