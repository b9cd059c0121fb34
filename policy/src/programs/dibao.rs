//! 最低生活保障（低保）: the minimum living allowance, with the 单人户 rule.
//!
//! * Per-capita income = `floor(household income / members)` (whole fen).
//! * Likely eligible when per-capita income is strictly below the standard for the household's
//!   residence type (equal is not below) and assets are within the limits.
//! * Estimate = (standard − per-capita income) × members.
//! * 单人户 (plan 三(一)2): in a low-income or expenditure-type poor household that is not itself
//!   below the standard, each severely disabled (grade 1-2) or severely ill member whose own
//!   income is below the standard may be brought into 低保 alone: estimate = standard − own
//!   income (own income 0 when not given, except in a one-person household). When the household
//!   is below the standard as well, the larger of the two estimates is shown; the street office
//!   decides which route applies. This keeps the estimate from ever rising with income.

use crate::date::Date;
use crate::household::{Household, Residence};
use crate::params::ParameterSet;
use crate::result::{Outcome, ProgramResult, Quantity, Reason};
use crate::text::{Bilingual, ECONOMIC_CHECK_NOTE, Yuan};

use super::ProgramId;
use super::build::{Builder, income_change, monthly, per_capita_reason};
use super::context::Ctx;

/// Documents for a 低保 application.
pub(crate) const DOCUMENTS: &[Bilingual] = &[
    Bilingual::new(
        "申请人及家庭成员身份证、户口簿",
        "ID cards and household register of all members",
    ),
    Bilingual::new(
        "家庭成员收入情况说明或证明",
        "Statement or proof of each member's income",
    ),
    Bilingual::new(
        "家庭经济状况核对授权书（街道提供，全体成年成员签字）",
        "Authorisation for the household economic check (from the street office, signed by every adult)",
    ),
    Bilingual::new(
        "残疾人证、重病诊断证明（如有）",
        "Disability certificate or diagnosis of a severe illness, if any",
    ),
];

/// Where social assistance is applied for.
pub(crate) const WHERE_STREET: Bilingual = Bilingual::new(
    "户籍所在街道办事处（社会救助经办窗口）或社区代办；本市户籍也可在居住地街道申请",
    "The street office of your household registration (social-assistance window), or through your \
     community; Wuhan residents may also apply at the street office where they live",
);

/// Evaluates 低保 for `household` on `date`.
pub fn evaluate(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess(&Ctx::new(household, date, params))
}

pub(crate) fn assess(ctx: &Ctx<'_>) -> ProgramResult {
    let mut b = Builder::new(ProgramId::Dibao, DOCUMENTS, WHERE_STREET);
    let std = match &ctx.dibao {
        Ok(p) => *p,
        Err(e) => {
            b.missing(e);
            return b.finish(Outcome::NeedsCaseworker, None);
        }
    };
    let s = std.value;
    let criterion = match ctx.h.residence {
        Residence::Urban => Bilingual::new(
            "家庭月人均收入（家庭月收入÷人数，向下取整到分）低于城市低保标准",
            "Monthly income per person (household income ÷ members, rounded down to the fen) below \
             the urban dibao standard",
        ),
        Residence::Rural => Bilingual::new(
            "家庭月人均收入（家庭月收入÷人数，向下取整到分）低于农村低保标准",
            "Monthly income per person (household income ÷ members, rounded down to the fen) below \
             the rural dibao standard",
        ),
    };
    b.reason(per_capita_reason(criterion, ctx.per_capita, s, &std));
    b.reason(Reason::new(
        Bilingual::new(
            "家庭财产（存款、住房、车辆）未超过规定",
            "Household assets (savings, housing, vehicles) within the limits",
        ),
        ctx.assets_ok(),
    ));

    let below = ctx.per_capita < s;
    let whole = if below {
        (s - ctx.per_capita) * ctx.n
    } else {
        0
    };
    let single = ctx.single_person_amount();
    let candidates = ctx.single_person_candidates().count();
    let (outcome, estimate) = if below {
        (ctx.dibao_whole(), whole.max(single))
    } else {
        (ctx.dibao_single(), single)
    };

    if ctx.severe_members().next().is_some() {
        single_person_reasons(ctx, &mut b, below, whole, single, candidates);
    }
    b.change(income_change(
        ctx.income,
        ctx.n,
        s,
        "低保标准",
        "dibao standard",
    ));
    b.note(ECONOMIC_CHECK_NOTE);
    let amount = if outcome == Outcome::LikelyNot {
        None
    } else {
        monthly(estimate)
    };
    b.finish(outcome, amount)
}

fn single_person_reasons(
    ctx: &Ctx<'_>,
    b: &mut Builder,
    below: bool,
    whole: i64,
    single: i64,
    candidates: usize,
) {
    if !below {
        let line = ctx.low_income_line().unwrap_or(0);
        let mut r = Reason::new(
            Bilingual::new(
                "“单人户”前提：家庭为低收入家庭（人均收入低于低收入线）或支出型贫困家庭",
                "Single-person rule precondition: a low-income household (income per person below the \
                 low-income line) or an expenditure-type poor household",
            ),
            ctx.low_income_or_expenditure(),
        )
        .compare(Quantity::per_person_month(ctx.per_capita), Quantity::per_person_month(line));
        if let Ok(p) = &ctx.low_pct {
            r = r.param(p.to_ref());
        }
        b.reason(r);
    }
    b.reason(Reason::new(
        Bilingual::owned(
            format!(
                "“单人户”：{candidates} 名重度残疾（一、二级）或重病成员本人收入低于低保标准，可参照单人户单独纳入低保，\
                 每人按低保标准减去本人收入计算（未填写本人收入的按0计），合计 {} 元/月（规划三(一)2）",
                Yuan(single)
            ),
            format!(
                "Single-person household (单人户): {candidates} severely disabled (grade 1-2) or severely ill \
                 member(s) with own income below the standard may be brought into dibao alone, each at the \
                 standard minus own income (0 when not given): {} yuan a month in total (plan 3(1)2)",
                Yuan(single)
            ),
        ),
        Some(candidates > 0),
    ));
    if below && candidates > 0 {
        let (zh, en) = if single > whole {
            (
                "按“单人户”估算高于按全家估算，显示较高者；由街道决定适用方式。",
                "The single-person estimate is higher than the whole-household one and is shown; the street office decides which applies.",
            )
        } else {
            (
                "按全家估算不低于按“单人户”估算，显示全家估算；由街道决定适用方式。",
                "The whole-household estimate is not lower than the single-person one and is shown; the street office decides which applies.",
            )
        };
        b.note(Bilingual::new(zh, en));
    }
}
