//! The resident's account: sign-in with a mobile number and a one-time code, the sign-in's
//! tokens, consents and their withdrawal. `api` answers `/api/v1/auth` and `/api/v1/me`, `pages`
//! posts the sign-in forms and tells every page who is signed in; both call this service, which
//! alone reads `store`.

pub mod api;
pub mod pages;
pub mod store;

use crate::auth::AuthUser;
use crate::auth::tokens::{REFRESH_SECONDS, new_refresh_token};
use crate::error::ApiError;
use crate::pii::mask_phone;
use crate::state::AppState;
use crate::store::limits;
use axum::http::StatusCode;
use store as accounts;

pub const CODE_SECONDS: i64 = 5 * 60;
pub const MAX_TRIES: i64 = 5;

/// A mainland mobile number: 11 digits starting 13-19, with an optional +86 and separators.
pub fn parse_phone(input: &str) -> Result<String, ApiError> {
    let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let digits = digits.strip_prefix("+86").unwrap_or(&digits);
    let ok = digits.len() == 11
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.starts_with('1')
        && (b'3'..=b'9').contains(&digits.as_bytes()[1]);
    if ok {
        Ok(digits.to_string())
    } else {
        Err(ApiError::field(
            "phone",
            "请填写 11 位手机号码，如 13812345678",
            "Enter an 11-digit mobile number, e.g. 13812345678",
        ))
    }
}

fn random_code() -> String {
    loop {
        let mut b = [0u8; 4];
        getrandom::fill(&mut b).expect("the OS random source is available");
        let n = u32::from_le_bytes(b);
        if n < 4_294_000_000 {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

fn too_many(zh: &str, en: &str) -> ApiError {
    ApiError::rejected(StatusCode::TOO_MANY_REQUESTS, "rate_limited", zh, en)
}

/// Sends a sign-in code, within the limits per number and per client address.
pub async fn request_code(
    s: &AppState,
    phone: &str,
    client: &str,
    now: i64,
) -> Result<(), ApiError> {
    let phone = parse_phone(phone)?;
    if s.cfg.sms_sender() != crate::config::SmsSender::Outbox {
        return Err(ApiError::Unavailable(
            "no text-message sender is configured (SMS_SENDER=none)".into(),
        ));
    }
    let phone_hash = s.vault.lookup_hash(&format!("phone:{phone}"));
    let client_key = s.vault.lookup_hash(&format!("client:{client}"));
    // The client first (F14): a client over its limit must not use up a number's quota, or one
    // client could keep any number from signing in all day.
    if !limits::allow(
        &s.db,
        &format!("otp-send-client:{client_key}"),
        30,
        3_600,
        now,
    )
    .await?
    {
        return Err(too_many(
            "操作太频繁，请稍后再试",
            "Too many requests from this device; try later",
        ));
    }
    if !limits::allow(
        &s.db,
        &format!("otp-send-min:{phone_hash}"),
        1,
        s.cfg.otp_resend_seconds,
        now,
    )
    .await?
    {
        return Err(too_many(
            "验证码已发送，请 60 秒后再试",
            "A code was just sent; try again in 60 seconds",
        ));
    }
    if !limits::allow(
        &s.db,
        &format!("otp-send-day:{phone_hash}"),
        10,
        86_400,
        now,
    )
    .await?
    {
        return Err(too_many(
            "今天获取验证码次数已达上限",
            "Too many codes for this number today",
        ));
    }
    let code = random_code();
    let code_hash = s.vault.lookup_hash(&format!("otp:{phone_hash}:{code}"));
    accounts::insert_code(
        &s.db,
        &uuid::Uuid::new_v4().to_string(),
        &phone_hash,
        &code_hash,
        now + CODE_SECONDS,
        now,
    )
    .await?;
    // The development sender: the code goes to the outbox page, never to the log.
    let message = format!("【东西湖民政】您的登录验证码是 {code}，5 分钟内有效。请勿告诉他人。");
    accounts::outbox_add(&s.db, now, &mask_phone(&phone), &message).await?;
    tracing::info!(recipient = %mask_phone(&phone), "sign-in code sent");
    Ok(())
}

pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

async fn start_family(s: &AppState, account_id: &str, now: i64) -> Result<Tokens, ApiError> {
    let family = uuid::Uuid::new_v4().to_string();
    accounts::create_family(&s.db, &family, account_id, now).await?;
    next_tokens(s, account_id, &family, now).await
}

async fn next_tokens(
    s: &AppState,
    account_id: &str,
    family: &str,
    now: i64,
) -> Result<Tokens, ApiError> {
    let refresh = new_refresh_token();
    accounts::insert_refresh(
        &s.db,
        &s.vault.lookup_hash(&format!("refresh:{refresh}")),
        family,
        now + REFRESH_SECONDS,
        now,
    )
    .await?;
    Ok(Tokens {
        access: s.tokens.issue(account_id, family, now),
        refresh,
    })
}

/// The consent asked for at sign-in: keeping the number to sign in and to send updates.
pub const ACCOUNT_PURPOSE: &str = "account";
pub const ACCOUNT_NOTICE_VERSION: &str = "account-2026-11";

/// Checks a code: wrong codes count towards 5 tries; a right one is used once and signs in.
/// Nothing is stored about a person without a standing consent to keep the number: a first
/// sign-in needs `consent` (checked before the code is spent).
pub async fn verify_code(
    s: &AppState,
    phone: &str,
    code: &str,
    consent: bool,
    now: i64,
) -> Result<Tokens, ApiError> {
    let phone = parse_phone(phone)?;
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::field(
            "code",
            "请填写 6 位数字验证码",
            "Enter the 6-digit code",
        ));
    }
    let phone_hash = s.vault.lookup_hash(&format!("phone:{phone}"));
    let dead = || {
        ApiError::unauthorized(
            "code_expired",
            "验证码已失效，请重新获取",
            "This code is no longer valid; request a new one",
        )
    };
    let Some(row) = accounts::latest_code(&s.db, &phone_hash).await? else {
        return Err(dead());
    };
    if row.used || row.expires_at <= now || row.tries >= MAX_TRIES {
        return Err(dead());
    }
    if row.code_hash != s.vault.lookup_hash(&format!("otp:{phone_hash}:{code}")) {
        accounts::count_wrong_try(&s.db, &row.id).await?;
        return Err(ApiError::unauthorized(
            "code_wrong",
            "验证码不正确",
            "The code is not correct",
        ));
    }
    let existing = accounts::id_by_phone_hash(&s.db, &phone_hash).await?;
    let consented = match &existing {
        Some(id) => accounts::has_active_consent(&s.db, id, ACCOUNT_PURPOSE).await?,
        None => false,
    };
    if !consented && !consent {
        return Err(ApiError::field(
            "consent",
            "请阅读并同意我们保存您的手机号用于登录和告知办理进度",
            "Please read and agree that we keep your number to sign you in and tell you about your applications",
        ));
    }
    if !accounts::use_code(&s.db, &row.id, now, MAX_TRIES).await? {
        return Err(dead());
    }
    let account_id = accounts::find_or_create(
        &s.db,
        &uuid::Uuid::new_v4().to_string(),
        &phone_hash,
        &s.vault.seal(&phone),
        now,
    )
    .await?;
    if !consented {
        accounts::grant_consent(
            &s.db,
            &account_id,
            ACCOUNT_PURPOSE,
            ACCOUNT_NOTICE_VERSION,
            now,
        )
        .await?;
    }
    start_family(s, &account_id, now).await
}

/// Exchanges a refresh token for a new pair. A token used twice ends the whole sign-in.
/// Seconds in which a second use of a just-spent refresh token (another tab refreshing at the
/// same moment) gets the same successor instead of ending the sign-in (L7).
pub const REFRESH_GRACE_SECONDS: i64 = 10;

pub async fn refresh(s: &AppState, refresh_token: &str, now: i64) -> Result<Tokens, ApiError> {
    let hash = s.vault.lookup_hash(&format!("refresh:{refresh_token}"));
    let next = new_refresh_token();
    let successor = accounts::Successor {
        token_hash: &s.vault.lookup_hash(&format!("refresh:{next}")),
        sealed: &s.vault.seal(&next),
        expires_at: now + REFRESH_SECONDS,
    };
    match accounts::use_refresh(&s.db, &hash, &successor, REFRESH_GRACE_SECONDS, now).await? {
        accounts::RefreshUse::Rotated { family, account_id } => Ok(Tokens {
            access: s.tokens.issue(&account_id, &family, now),
            refresh: next,
        }),
        accounts::RefreshUse::Grace {
            family,
            account_id,
            successor_sealed,
        } => Ok(Tokens {
            access: s.tokens.issue(&account_id, &family, now),
            refresh: s
                .vault
                .open(&successor_sealed)
                .map_err(|e| ApiError::Internal(format!("refresh successor: {e}")))?,
        }),
        accounts::RefreshUse::Reused { family } => {
            accounts::revoke_family(&s.db, &family, "refresh token reused", now).await?;
            tracing::warn!(family = %family, "refresh token reused: sign-in revoked");
            Err(ApiError::unauthorized(
                "refresh_reused",
                "登录已失效，请重新登录",
                "This sign-in has ended; please sign in again",
            ))
        }
        accounts::RefreshUse::Invalid => Err(ApiError::unauthorized(
            "refresh_invalid",
            "登录已失效，请重新登录",
            "This sign-in has ended; please sign in again",
        )),
    }
}

pub async fn sign_out(s: &AppState, user: &AuthUser, now: i64) -> Result<(), ApiError> {
    Ok(accounts::revoke_family(&s.db, &user.family, "signed out", now).await?)
}

pub async fn sign_out_everywhere(s: &AppState, user: &AuthUser, now: i64) -> Result<u64, ApiError> {
    Ok(accounts::revoke_all(&s.db, &user.account_id, "signed out everywhere", now).await?)
}

/// What "my account" shows: the number, masked.
pub async fn masked_phone(s: &AppState, user: &AuthUser) -> Result<String, ApiError> {
    let phone = phone_of(s, &user.account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(mask_phone(&phone))
}

/// The number an account signed in with (another feature's contact for its resident), if the
/// account exists.
pub(crate) async fn phone_of(s: &AppState, account_id: &str) -> Result<Option<String>, ApiError> {
    let Some(sealed) = accounts::phone_sealed(&s.db, account_id).await? else {
        return Ok(None);
    };
    s.vault
        .open(&sealed)
        .map(Some)
        .map_err(|e| ApiError::Internal(format!("phone of account {account_id}: {e}")))
}

/// Texts the resident of an account (through the SMS gateway's outbox); nothing when the
/// account is gone.
pub(crate) async fn text_message(
    s: &AppState,
    account_id: &str,
    message: &str,
    now: i64,
) -> Result<(), ApiError> {
    let Some(phone) = phone_of(s, account_id).await? else {
        return Ok(());
    };
    accounts::outbox_add(&s.db, now, &mask_phone(&phone), message).await?;
    Ok(())
}

/// Records that the resident of an account agreed to a notice (its purpose and version).
pub(crate) async fn grant_consent(
    s: &AppState,
    account_id: &str,
    purpose: &str,
    text_version: &str,
    now: i64,
) -> Result<(), ApiError> {
    Ok(accounts::grant_consent(&s.db, account_id, purpose, text_version, now).await?)
}

/// Ends the sign-in a browser's refresh token belongs to (sign-out, kiosk wipe).
pub async fn sign_out_by_refresh(
    s: &AppState,
    refresh_token: &str,
    now: i64,
) -> Result<(), ApiError> {
    let hash = s.vault.lookup_hash(&format!("refresh:{refresh_token}"));
    Ok(accounts::revoke_by_refresh(&s.db, &hash, "signed out", now).await?)
}

pub async fn consents(
    s: &AppState,
    user: &AuthUser,
) -> Result<Vec<accounts::ConsentRow>, ApiError> {
    Ok(accounts::consents(&s.db, &user.account_id).await?)
}

/// Withdraws a consent. Withdrawing the account consent also ends every sign-in: the number is
/// then kept only as the record of what was agreed and when.
pub async fn withdraw(
    s: &AppState,
    user: &AuthUser,
    purpose: &str,
    now: i64,
) -> Result<(), ApiError> {
    if accounts::withdraw_consent(&s.db, &user.account_id, purpose, now).await? == 0 {
        return Err(ApiError::NotFound);
    }
    if purpose == ACCOUNT_PURPOSE {
        accounts::revoke_all(&s.db, &user.account_id, "consent withdrawn", now).await?;
    }
    Ok(())
}
