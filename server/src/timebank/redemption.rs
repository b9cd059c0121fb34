//! Spending time credits: members of the age the policy parameters set (60) redeem them for the
//! care services the time bank offers, within a monthly cap; unused credits expire after the
//! configured number of months, oldest first. Age, cap and expiry are dated policy parameters
//! (policy/parameters/timebank.toml), so they change without a code change.

use super::{conflict, volunteer_of};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::StoreError;
use crate::timebank::store::ledgers::{self, BANK_ISSUE, BANK_REDEEM, PostOutcome};
use crate::timebank::store::records;

#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CareService {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// Credits it costs, in minutes.
    pub minutes: i64,
}

pub async fn care_services(s: &AppState) -> Result<Vec<CareService>, ApiError> {
    Ok(records::care_services(&s.db)
        .await?
        .into_iter()
        .map(|(code, name_zh, name_en, minutes)| CareService {
            code,
            name_zh,
            name_en,
            minutes,
        })
        .collect())
}

/// The rules in force on the day of `now`: (minimum age, monthly cap, expiry in months).
pub fn rules(s: &AppState, now: i64) -> (i64, i64, i64) {
    let today = today(now);
    let set = crate::parameters::cached(s);
    let value = |id: &str| {
        set.value_at(id, today)
            .map(|v| v.value)
            .expect("the time-bank parameters have values from 2021")
    };
    (
        value(policy::param_ids::TIMEBANK_REDEEM_MIN_AGE),
        value(policy::param_ids::TIMEBANK_REDEEM_MONTHLY_CAP),
        value(policy::param_ids::TIMEBANK_CREDIT_EXPIRY_MONTHS),
    )
}

fn today(now: i64) -> policy::Date {
    policy::Date::shanghai_from_unix_millis(now * 1000).expect("a clock after 1970")
}

/// Whole years between a `YYYY-MM-DD` birth date and `on`.
fn age_on(birth: &str, on: policy::Date) -> Option<i64> {
    Some(i64::from(policy::Date::parse(birth).ok()?.years_until(on)))
}

/// True when the volunteer is old enough to redeem credits under the rule in force.
pub fn may_redeem(
    s: &AppState,
    v: &crate::timebank::store::volunteers::VolunteerRow,
    now: i64,
) -> bool {
    age_on(&v.birth_date, today(now)).is_some_and(|age| age >= rules(s, now).0)
}

/// Midnight (Shanghai) starting the month of `now`, as unix seconds.
fn month_start(now: i64) -> i64 {
    let t = today(now);
    super::activities::shanghai_unix(&format!("{:04}-{:02}-01", t.year(), t.month()), "00:00")
        .expect("the first of a month is a date")
}

#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Redemption {
    /// The care service's code.
    pub service: String,
    /// Any unique string per intended redemption; a retry with the same key redeems once.
    pub idempotency_key: String,
}

/// Redeems credits for one care service.
pub async fn redeem(
    s: &AppState,
    user: &AuthUser,
    r: &Redemption,
    now: i64,
) -> Result<CareService, ApiError> {
    let me = volunteer_of(s, user).await?;
    let (min_age, cap, _) = rules(s, now);
    let service = care_services(s)
        .await?
        .into_iter()
        .find(|c| c.code == r.service)
        .ok_or_else(|| ApiError::field("service", "请选择一项服务", "Choose a care service"))?;
    let key = r.idempotency_key.trim();
    if key.is_empty() || key.len() > 100 {
        return Err(ApiError::field(
            "idempotency_key",
            "缺少请求编号",
            "A request key is needed",
        ));
    }
    if !may_redeem(s, &me, now) {
        return Err(conflict(
            "below_redeem_age",
            &format!("年满 {min_age} 周岁的成员才能兑换服务；您可以先积累积分，或转赠给家人"),
            &format!(
                "Members can redeem credits from age {min_age}; until then keep them or give them to family"
            ),
        ));
    }
    let mut tx = s.db.begin().await.map_err(StoreError::from)?;
    let outcome = ledgers::post(
        &mut tx,
        &format!("redeem:{}:{}:{key}", me.id, service.code),
        "redeem",
        &format!("兑换 {} / {}", service.name_zh, service.name_en),
        &[
            (me.id.as_str(), -service.minutes),
            (BANK_REDEEM, service.minutes),
        ],
        now,
    )
    .await?;
    match outcome {
        PostOutcome::Repeated(_) => return Ok(service),
        PostOutcome::Insufficient => {
            return Err(conflict(
                "insufficient_credits",
                "您的时间积分不足",
                "You do not have that many credits",
            ));
        }
        PostOutcome::Posted(_) => {}
    }
    // Checked after posting, with the volunteer's account row locked by the posting, so two
    // redemptions at once cannot both slip under the cap.
    let this_month = records::debited_since(&mut tx, &me.id, "redeem", month_start(now)).await?;
    if this_month > cap {
        return Err(conflict(
            "monthly_cap",
            &format!("每月最多兑换 {} 分钟，本月已达上限", cap),
            &format!("At most {cap} minutes can be redeemed a month; this month's are used"),
        ));
    }
    tx.commit().await.map_err(StoreError::from)?;
    crate::audit::record(
        s,
        &format!("resident:{}", user.account_id),
        "credits.redeem",
        &format!("care:{}", service.code),
        &format!("ok: {} minutes", service.minutes),
    )
    .await?;
    Ok(service)
}

/// Takes out credits received longer ago than the expiry period and not used since (credits are
/// used oldest first). One entry per volunteer and day, so running it again changes nothing.
/// Returns the minutes expired.
pub async fn expire_due(s: &AppState, now: i64) -> Result<i64, ApiError> {
    let (_, _, months) = rules(s, now);
    let t = today(now);
    let total_months = i64::from(t.year()) * 12 + i64::from(t.month()) - 1 - months;
    let cutoff_date = format!(
        "{:04}-{:02}-{:02}",
        total_months.div_euclid(12),
        total_months.rem_euclid(12) + 1,
        t.day().min(28)
    );
    let cutoff =
        super::activities::shanghai_unix(&cutoff_date, "00:00").expect("a valid cutoff date");
    let mut expired = 0;
    for (owner, received, taken) in records::credit_ages(&s.db, cutoff).await? {
        let due = received - taken;
        if due <= 0 {
            continue;
        }
        let mut tx = s.db.begin().await.map_err(StoreError::from)?;
        let outcome = ledgers::post(
            &mut tx,
            &format!("expire:{owner}:{cutoff_date}"),
            "expire",
            &format!("积分过期（{months} 个月未使用）/ credits expired"),
            &[(owner.as_str(), -due), (BANK_ISSUE, due)],
            now,
        )
        .await?;
        if let PostOutcome::Posted(_) = outcome {
            tx.commit().await.map_err(StoreError::from)?;
            expired += due;
        }
    }
    Ok(expired)
}

#[cfg(test)]
mod tests {
    use super::age_on;
    use policy::Date;

    #[test]
    fn age_counts_whole_years() {
        let on = Date::parse("2026-11-28").unwrap();
        assert_eq!(age_on("1966-11-28", on), Some(60));
        assert_eq!(age_on("1966-11-29", on), Some(59));
        assert_eq!(age_on("1952-03-08", on), Some(74));
    }
}
