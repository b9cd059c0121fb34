//! Staff sign-in: username, password (argon2id) and a TOTP code; 5 failures lock the account
//! for 30 minutes; sessions end after 30 minutes idle or 12 hours. Every attempt is audited.
//! `admin` manages the members, `enrolment` their first sign-in; `api` answers
//! `/api/v1/staff/users`, `pages` posts the sign-in and enrolment forms, `admin_pages` loads the
//! staff pages and posts the administration forms; all call the service, which alone reads
//! `store`.

pub mod admin;
pub mod admin_pages;
pub mod api;
pub mod enrolment;
pub mod pages;
pub mod store;

use crate::audit::store::{self as audit, AuditEntry};
use crate::auth::totp;
use crate::error::ApiError;
use crate::pii::Vault;
use crate::state::AppState;
use crate::store::{Db, limits};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::http::StatusCode;
use store::{NewStaff, StaffRow};
use types::account::Role;

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
    pub role: Role,
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
                role: Role::SystemAdmin,
                street: None,
            },
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        ),
        (
            StaffSpec {
                username: "wjs-caseworker",
                display_name: "吴家山街道经办人",
                password: "Wujiashan-Case-2026",
                role: Role::Caseworker,
                street: Some("wujiashan"),
            },
            "KRSXG5DTMVRXEZLUKRSXG5DTMVRXEZLU",
        ),
        (
            StaffSpec {
                username: "wjs-coordinator",
                display_name: "吴家山志愿服务站协调员",
                password: "Wujiashan-Volunteer-2026",
                role: Role::Coordinator,
                street: None,
            },
            "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
        ),
        (
            StaffSpec {
                username: "charity-staff",
                display_name: "区慈善会工作人员",
                password: "Dongxihu-Charity-2026",
                role: Role::CharityStaff,
                street: None,
            },
            "MNUGC4TJORMXG5DBMZTGG2DBOJUXI6LT",
        ),
        (
            StaffSpec {
                username: "policy-admin",
                display_name: "区民政局政策管理员",
                password: "Dongxihu-Policy-2026",
                role: Role::PolicyAdmin,
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
    Ok(lines)
}

/// The demo coordinator's id (they run the demo volunteer organization), once seeded.
pub async fn demo_coordinator(db: &Db) -> Result<Option<String>, ApiError> {
    Ok(store::by_username(db, "wjs-coordinator")
        .await?
        .map(|r| r.id))
}

/// The role of a member of staff, if there is one with this id.
pub async fn role_of(s: &AppState, id: &str) -> Result<Option<Role>, ApiError> {
    Ok(store::by_id(&s.db, id).await?.map(|r| r.role))
}

/// Staff as the rest of the system sees them.
#[derive(Clone, Debug)]
pub struct StaffUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
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

pub(crate) fn password_ok(hash: &str, password: &str) -> bool {
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
    let created = store::insert(
        db,
        &NewStaff {
            id: &uuid::Uuid::new_v4().to_string(),
            username: new.username,
            display_name: new.display_name,
            password_hash: &hash_password(new.password),
            totp_sealed: &vault.seal(&totp::to_base32(&secret)),
            role: new.role,
            street_code: new.street,
            enrolment: None,
        },
        now,
    )
    .await?;
    Ok(created.then(|| totp::to_base32(&secret)))
}

async fn audit_sign_in(s: &AppState, actor: &str, outcome: &str, now: i64) -> Result<(), ApiError> {
    audit_account(s, "staff.sign_in", actor, outcome, now).await
}

/// Audits a sign-in or enrolment event on an account, with the account as its own target.
pub(crate) async fn audit_account(
    s: &AppState,
    action: &str,
    actor: &str,
    outcome: &str,
    now: i64,
) -> Result<(), ApiError> {
    let entry = AuditEntry {
        actor: actor.into(),
        action: action.into(),
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

/// The window of the sign-in attempt limits per username (`STAFF_SIGNIN_ATTEMPTS_PER_USERNAME`)
/// and per client address (`STAFF_SIGNIN_ATTEMPTS_PER_CLIENT`), both checked before any
/// password is hashed. The lockout bounds the hashing for a real account; the username limit
/// bounds it for made-up usernames.
pub const ATTEMPT_WINDOW: i64 = 15 * 60;
/// Repeated refusals of one kind (a locked account, an unknown username, a rate limit) are
/// audited once per window of this many seconds, not once per request.
pub const DENIAL_AUDIT_WINDOW: i64 = 10 * 60;
/// How long a sign-in waits for a free password hasher before it is answered 503.
const HASH_QUEUE_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

fn locked() -> ApiError {
    ApiError::rejected(
        StatusCode::TOO_MANY_REQUESTS,
        "locked",
        "登录失败次数过多，账户已锁定 30 分钟",
        "Too many failed sign-ins: the account is locked for 30 minutes",
    )
}

fn too_many_attempts() -> ApiError {
    ApiError::rejected(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        "登录尝试太频繁，请 15 分钟后再试",
        "Too many sign-in attempts; try again in 15 minutes",
    )
}

/// Runs argon2id work off the async workers, at most `PASSWORD_HASHERS` at once (argon2id takes
/// a 19 MiB block and tens of milliseconds: run on the workers, a few parallel sign-ins would
/// stall every other request). 503 when no hasher frees up in time.
pub(crate) async fn off_workers<T: Send + 'static>(
    s: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let busy = || {
        ApiError::rejected(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "登录人数较多，请稍后再试",
            "Many sign-ins at once; please try again in a moment",
        )
    };
    let permit = tokio::time::timeout(HASH_QUEUE_WAIT, s.password_hashers.clone().acquire_owned())
        .await
        .map_err(|_| busy())?
        .map_err(|_| busy())?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|e| ApiError::Internal(format!("password work stopped: {e}")))
}

async fn password_ok_off_workers(
    s: &AppState,
    hash: String,
    password: String,
) -> Result<bool, ApiError> {
    off_workers(s, move || password_ok(&hash, &password)).await
}

/// Audits a refusal once per `DENIAL_AUDIT_WINDOW` for each `key`: a flood of refused requests
/// cannot fill the append-only log or hold its write turn.
pub(crate) async fn audit_denial_once(
    s: &AppState,
    action: &str,
    key: &str,
    actor: &str,
    outcome: &str,
    now: i64,
) -> Result<(), ApiError> {
    let seen = limits::hit(
        &s.db,
        &format!("audit-denial:{key}"),
        DENIAL_AUDIT_WINDOW,
        now,
    )
    .await?;
    if seen == 1 {
        let outcome = format!("{outcome} (repeats in the next 10 minutes are counted, not logged)");
        audit_account(s, action, actor, &outcome, now).await?;
    }
    Ok(())
}

/// Counts a sign-in attempt under `key` (a hashed client address or username): refused, and
/// the refusal audited once per window, over `limit` in [`ATTEMPT_WINDOW`].
pub(crate) async fn within_attempts(
    s: &AppState,
    action: &str,
    key: &str,
    limit: i64,
    whose: &str,
    now: i64,
) -> Result<(), ApiError> {
    if limits::allow(
        &s.db,
        &format!("staff-signin-{key}"),
        limit,
        ATTEMPT_WINDOW,
        now,
    )
    .await?
    {
        return Ok(());
    }
    let outcome = format!("denied: too many attempts {whose}");
    audit_denial_once(s, action, key, "staff:unknown", &outcome, now).await?;
    Err(too_many_attempts())
}

/// Sign-in from a client address: refused before any hashing when the client or the username
/// has made too many attempts in the window; then [`sign_in`].
pub async fn sign_in_from(
    s: &AppState,
    client: &str,
    username: &str,
    password: &str,
    code: &str,
    now: i64,
) -> Result<(String, StaffUser), ApiError> {
    let client_key = s.vault.lookup_hash(&format!("client:{client}"));
    let limit = s.cfg.staff_signin_attempts_per_client;
    within_attempts(
        s,
        "staff.sign_in",
        &format!("client:{client_key}"),
        limit,
        "from one client",
        now,
    )
    .await?;
    sign_in(s, username, password, code, now).await
}

/// Checks all three factors; returns a new session token. Each attempt on an account is reserved
/// (counted) before anything is verified, so parallel attempts cannot exceed the lockout; an
/// authenticator code is accepted once.
pub async fn sign_in(
    s: &AppState,
    username: &str,
    password: &str,
    code: &str,
    now: i64,
) -> Result<(String, StaffUser), ApiError> {
    let username = username.trim();
    let name_key = s.vault.lookup_hash(&format!("staff-username:{username}"));
    let limit = s.cfg.staff_signin_attempts_per_username;
    within_attempts(
        s,
        "staff.sign_in",
        &format!("user:{name_key}"),
        limit,
        "for one username",
        now,
    )
    .await?;
    let Some(user) = store::by_username(&s.db, username).await? else {
        // Same work as a real check, so timing does not reveal which usernames exist.
        let _ = password_ok_off_workers(s, DUMMY_HASH.into(), password.into()).await?;
        audit_denial_once(
            s,
            "staff.sign_in",
            &format!("unknown:{name_key}"),
            "staff:unknown",
            "failed: unknown username",
            now,
        )
        .await?;
        return Err(bad_credentials());
    };
    let actor = format!("staff:{}", user.id);
    let Some(attempt) = store::reserve_attempt(&s.db, &user.id, MAX_FAILURES, now).await? else {
        audit_denial_once(
            s,
            "staff.sign_in",
            &format!("locked:{}", user.id),
            &actor,
            "denied: locked",
            now,
        )
        .await?;
        return Err(locked());
    };
    let secret = s
        .vault
        .open(&user.totp_sealed)
        .ok()
        .and_then(|b| totp::from_base32(&b));
    let password_right =
        password_ok_off_workers(s, user.password_hash.clone(), password.into()).await?;
    let step = secret.and_then(|sec| totp::matching_step(&sec, code, now));
    // Right password and code, but the code signed in before (F9): said as such, so that a
    // member signing in on a second device knows to wait for the next code.
    let mut replayed = false;
    let ok = match (password_right, step) {
        (true, Some(step)) => {
            let accepted = store::accept_totp_step(&s.db, &user.id, step).await?;
            replayed = !accepted;
            accepted
        }
        _ => false,
    };
    if replayed {
        // Both factors right: nothing was guessed, so the attempt does not count towards the
        // lockout (a member on a second device, or two people sharing a desk's account, would
        // otherwise lock it while waiting for the next code).
        store::give_back_attempt(&s.db, &user.id).await?;
        audit_sign_in(s, &actor, "failed: authenticator code used before", now).await?;
        return Err(ApiError::unauthorized(
            "code_used",
            "这个动态码已经用过，请等验证器显示下一个动态码（最多 30 秒）再登录",
            "This authenticator code was used already; wait for the next one (at most 30 seconds)",
        ));
    }
    if !ok {
        let lock = attempt >= MAX_FAILURES;
        if lock {
            store::lock(&s.db, &user.id, now + LOCK_SECONDS).await?;
        }
        let outcome = if lock {
            "failed: locked after 5 failures"
        } else {
            "failed: bad credentials"
        };
        audit_sign_in(s, &actor, outcome, now).await?;
        return Err(if lock { locked() } else { bad_credentials() });
    }
    if user.disabled_at.is_some() {
        // Said only to someone who knows all three factors: the member themselves.
        audit_sign_in(s, &actor, "denied: account disabled", now).await?;
        return Err(ApiError::rejected(
            StatusCode::FORBIDDEN,
            "account_disabled",
            "此账户已停用，如有疑问请联系系统管理员",
            "This account is disabled; ask your system administrator",
        ));
    }
    store::record_success(&s.db, &user.id).await?;
    let token = open_session(s, &user.id, now).await?;
    audit_sign_in(s, &actor, "ok", now).await?;
    Ok((token, user.into()))
}

/// A new session for the member; its token (kept hashed).
pub(crate) async fn open_session(
    s: &AppState,
    user_id: &str,
    now: i64,
) -> Result<String, ApiError> {
    let token = crate::auth::tokens::new_refresh_token();
    store::create_session(
        &s.db,
        &s.vault.lookup_hash(&format!("staff:{token}")),
        user_id,
        now,
    )
    .await?;
    Ok(token)
}

/// A well-formed argon2id hash of no password anyone has: checked for unknown usernames.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000";

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
    let user_id = store::touch_session(&s.db, &hash, now, IDLE_SECONDS, MAX_SESSION_SECONDS)
        .await?
        .ok_or_else(expired)?;
    // A disabled account, or one reset since, has no live session (F4).
    Ok(store::by_id(&s.db, &user_id)
        .await?
        .filter(|u| u.disabled_at.is_none() && u.enrolled())
        .ok_or_else(expired)?
        .into())
}

pub async fn sign_out(s: &AppState, token: &str, now: i64) -> Result<(), ApiError> {
    Ok(store::revoke_session(&s.db, &s.vault.lookup_hash(&format!("staff:{token}")), now).await?)
}
