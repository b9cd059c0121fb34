//! Time credits: earned by verified hours of time-bank activities, gifted to a registered
//! family member. Integer minutes, double-entry; balances never go negative; every request
//! that moves credits carries an idempotency key so a retry never moves them twice.

use super::{conflict, volunteer_of};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::timebank::store::ledgers::{self, PostOutcome};
use crate::timebank::store::volunteers;

#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Gift {
    /// The family member's volunteer id (see their link).
    pub to: String,
    pub minutes: i64,
    /// Any unique string per intended gift; a retry with the same key moves nothing more.
    pub idempotency_key: String,
}

#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct StatementLine {
    pub at: String,
    pub kind: String,
    pub memo: String,
    pub minutes: i64,
}

#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Credits {
    /// Balance in minutes: the sum of the postings below.
    pub balance: i64,
    pub lines: Vec<StatementLine>,
}

pub async fn mine(s: &AppState, user: &AuthUser) -> Result<Credits, ApiError> {
    let me = volunteer_of(s, user).await?;
    let lines = ledgers::statement(&s.db, &me.id).await?;
    Ok(Credits {
        balance: lines.iter().map(|l| l.minutes).sum(),
        lines: lines
            .into_iter()
            .map(|l| StatementLine {
                at: crate::clock::shanghai_time(l.at),
                kind: l.kind,
                memo: l.memo,
                minutes: l.minutes,
            })
            .collect(),
    })
}

pub async fn gift(s: &AppState, user: &AuthUser, g: &Gift, now: i64) -> Result<(), ApiError> {
    let me = volunteer_of(s, user).await?;
    if g.minutes <= 0 || g.minutes > 100_000 {
        return Err(ApiError::field(
            "minutes",
            "请填写要转赠的时长（分钟）",
            "Enter the minutes to give",
        ));
    }
    let key = g.idempotency_key.trim();
    if key.is_empty() || key.len() > 100 {
        return Err(ApiError::field(
            "idempotency_key",
            "缺少请求编号",
            "A request key is needed",
        ));
    }
    if g.to == me.id {
        return Err(ApiError::field(
            "to",
            "不能转赠给自己",
            "You cannot give credits to yourself",
        ));
    }
    if volunteers::by_id(&s.db, &g.to).await?.is_none()
        || !volunteers::is_family(&s.db, &me.id, &g.to).await?
    {
        return Err(ApiError::field(
            "to",
            "只能转赠给已登记的家庭成员",
            "You can give credits only to a registered family member",
        ));
    }
    let mut tx = s.db.begin().await.map_err(crate::store::StoreError::from)?;
    let outcome = ledgers::post(
        &mut tx,
        &format!("gift:{}:{key}", me.id),
        "gift",
        "家庭转赠 family gift",
        &[(me.id.as_str(), -g.minutes), (g.to.as_str(), g.minutes)],
        now,
    )
    .await?;
    match outcome {
        PostOutcome::Posted(_) => {
            // The audit entry commits with the gift it records, or neither does.
            crate::audit::record_in(
                &mut tx,
                &format!("resident:{}", user.account_id),
                "credits.gift",
                &format!("volunteer:{}", g.to),
                &format!("ok: {} minutes", g.minutes),
            )
            .await?;
            tx.commit().await.map_err(crate::store::StoreError::from)?;
            Ok(())
        }
        PostOutcome::Repeated(_) => Ok(()),
        PostOutcome::Insufficient => Err(conflict(
            "insufficient_credits",
            "您的时间积分不足",
            "You do not have that many credits",
        )),
    }
}
