//! 低收入家庭 and 支出型贫困家庭: statuses that open special assistance (medical, housing,
//! education, employment, 单人户). Neither pays a fixed amount, so no estimate is shown.
//!
//! * 低收入: per-capita income not below the 低保 standard but strictly below the low-income line
//!   `floor(standard × low_income.multiplier_percent / 100)` (1.5 ×, a placeholder), assets
//!   within the limits.
//! * 支出型贫困: per-capita income not below the 低保 standard, but
//!   `floor(max(income − floor(rigid 12-month spending / 12), 0) / members)` strictly below it,
//!   assets within the limits. Rigid spending = out-of-pocket medical + education.

use crate::date::Date;
use crate::household::Household;
use crate::params::ParameterSet;
use crate::result::{Outcome, ProgramResult, Quantity, Reason};
use crate::text::{Bilingual, ECONOMIC_CHECK_NOTE};

use super::ProgramId;
use super::build::{Builder, income_change, per_capita_reason};
use super::context::Ctx;
use super::dibao::WHERE_STREET;

const DOCUMENTS: &[Bilingual] = &[
    Bilingual::new(
        "家庭成员身份证、户口簿",
        "ID cards and household register of all members",
    ),
    Bilingual::new(
        "家庭成员收入情况说明或证明",
        "Statement or proof of each member's income",
    ),
    Bilingual::new(
        "家庭经济状况核对授权书（街道提供）",
        "Authorisation for the household economic check (from the street office)",
    ),
];

const EXPENDITURE_DOCUMENTS: &[Bilingual] = &[
    Bilingual::new(
        "家庭成员身份证、户口簿",
        "ID cards and household register of all members",
    ),
    Bilingual::new(
        "家庭成员收入情况说明或证明",
        "Statement or proof of each member's income",
    ),
    Bilingual::new(
        "近12个月医疗费用票据、医保结算单，教育费用票据",
        "Receipts for the last 12 months: medical bills and insurance settlements, education fees",
    ),
    Bilingual::new(
        "家庭经济状况核对授权书（街道提供）",
        "Authorisation for the household economic check (from the street office)",
    ),
];

/// Evaluates 低收入家庭 status for `household` on `date`.
pub fn evaluate_low_income(
    household: &Household,
    date: Date,
    params: &ParameterSet,
) -> ProgramResult {
    assess_low_income(&Ctx::new(household, date, params))
}

/// Evaluates 支出型贫困家庭 status for `household` on `date`.
pub fn evaluate_expenditure(
    household: &Household,
    date: Date,
    params: &ParameterSet,
) -> ProgramResult {
    assess_expenditure(&Ctx::new(household, date, params))
}

fn not_below_dibao_reason(ctx: &Ctx<'_>, b: &mut Builder) -> Option<i64> {
    match &ctx.dibao {
        Ok(p) => {
            b.reason(
                Reason::new(
                    Bilingual::new(
                        "家庭月人均收入不低于低保标准（低于的请看低保结果）",
                        "Income per person not below the dibao standard (if below, see the dibao result)",
                    ),
                    Some(ctx.per_capita >= p.value),
                )
                .compare(Quantity::per_person_month(ctx.per_capita), Quantity::per_person_month(p.value))
                .param(p.to_ref()),
            );
            Some(p.value)
        }
        Err(e) => {
            b.missing(e);
            None
        }
    }
}

fn assets_reason(ctx: &Ctx<'_>, b: &mut Builder) {
    b.reason(Reason::new(
        Bilingual::new(
            "家庭财产（存款、住房、车辆）未超过规定",
            "Household assets (savings, housing, vehicles) within the limits",
        ),
        ctx.assets_ok(),
    ));
}

pub(crate) fn assess_low_income(ctx: &Ctx<'_>) -> ProgramResult {
    let mut b = Builder::new(ProgramId::LowIncome, DOCUMENTS, WHERE_STREET);
    if not_below_dibao_reason(ctx, &mut b).is_none() {
        return b.finish(Outcome::NeedsCaseworker, None);
    }
    let (Some(line), Ok(pct)) = (ctx.low_income_line(), &ctx.low_pct) else {
        if let Err(e) = &ctx.low_pct {
            b.missing(e);
        }
        return b.finish(Outcome::NeedsCaseworker, None);
    };
    b.reason(per_capita_reason(
        Bilingual::new(
            "家庭月人均收入低于低收入线（低保标准 × 倍数，向下取整到分）",
            "Income per person below the low-income line (dibao standard × multiplier, rounded down)",
        ),
        ctx.per_capita,
        line,
        pct,
    ));
    assets_reason(ctx, &mut b);
    b.change(income_change(
        ctx.income,
        ctx.n,
        line,
        "低收入线",
        "low-income line",
    ));
    b.note(Bilingual::new(
        "低收入家庭可获得医疗、住房、教育、就业等专项救助；家中重残、重病成员可参照“单人户”纳入低保。",
        "Low-income households can receive medical, housing, education and employment assistance; \
         severely disabled or ill members may be brought into dibao as a single-person household.",
    ));
    b.note(ECONOMIC_CHECK_NOTE);
    b.finish(ctx.low_income(), None)
}

pub(crate) fn assess_expenditure(ctx: &Ctx<'_>) -> ProgramResult {
    let mut b = Builder::new(
        ProgramId::ExpenditurePoverty,
        EXPENDITURE_DOCUMENTS,
        WHERE_STREET,
    );
    let Some(s) = not_below_dibao_reason(ctx, &mut b) else {
        return b.finish(Outcome::NeedsCaseworker, None);
    };
    let (Some(monthly_spending), Some(adjusted), Ok(months)) = (
        ctx.rigid_monthly(),
        ctx.adjusted_per_capita(),
        &ctx.lookback,
    ) else {
        if let Err(e) = &ctx.lookback {
            b.missing(e);
        }
        return b.finish(Outcome::NeedsCaseworker, None);
    };
    b.reason(
        Reason::new(
            Bilingual::new(
                "有医疗、教育刚性支出（近12个月合计按月平均，向下取整到分）",
                "Rigid medical and education spending (last 12 months, averaged per month, rounded down)",
            ),
            Some(monthly_spending > 0),
        )
        .compare(Quantity::per_month(monthly_spending), Quantity::per_month(0))
        .param(months.to_ref()),
    );
    if let Ok(p) = &ctx.dibao {
        b.reason(per_capita_reason(
            Bilingual::new(
                "扣除刚性支出后家庭月人均收入低于低保标准",
                "Income per person after rigid spending below the dibao standard",
            ),
            adjusted,
            s,
            p,
        ));
    }
    assets_reason(ctx, &mut b);
    // Income that still passes: income − spending < s × n, i.e. income ≤ s × n + spending − 1.
    b.change(income_change(
        ctx.income,
        1,
        s.saturating_mul(ctx.n) + monthly_spending,
        "扣除刚性支出后的低保线",
        "dibao line after rigid spending",
    ));
    b.note(ECONOMIC_CHECK_NOTE);
    b.finish(ctx.expenditure(), None)
}
