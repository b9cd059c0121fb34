//! 残疾人两项补贴 (plan 三(二)); both amounts are placeholders.
//!
//! * 困难残疾人生活补贴: a certified disabled member (any grade) of a 低保 household, or a
//!   severely disabled member brought into 低保 as a single-person household; Wuhan registration.
//! * 重度残疾人护理补贴: a member with a grade 1 or 2 disability; Wuhan registration. No means test.
//!
//! The estimate is the subsidy × the members who likely qualify (or, when none likely does, the
//! members a caseworker has to judge).

use crate::date::Date;
use crate::household::{Household, Member};
use crate::params::ParameterSet;
use crate::params::Unit;
use crate::result::{Outcome, ProgramResult, Quantity, Reason};
use crate::text::Bilingual;

use super::ProgramId;
use super::build::{Builder, monthly};
use super::context::{Ctx, all_of, any_of, outcome_as_criterion};

const DOCUMENTS: &[Bilingual] = &[
    Bilingual::new(
        "残疾人证（第二代）",
        "Disability certificate (second generation)",
    ),
    Bilingual::new("身份证、户口簿", "ID card and household register"),
    Bilingual::new(
        "本人银行卡或社保卡（用于发放）",
        "Own bank or social-security card (for payment)",
    ),
];

const WHERE: Bilingual = Bilingual::new(
    "户籍所在社区或街道办事处（残联、民政窗口）",
    "Your community or street office of registration (disabled persons' federation or civil-affairs window)",
);

/// Evaluates 困难残疾人生活补贴 for `household` on `date`.
pub fn evaluate_living(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess_living(&Ctx::new(household, date, params))
}

/// Evaluates 重度残疾人护理补贴 for `household` on `date`.
pub fn evaluate_care(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess_care(&Ctx::new(household, date, params))
}

fn count(outcomes: &[Outcome]) -> (Outcome, i64) {
    let overall = any_of(outcomes);
    let n = outcomes.iter().filter(|o| **o == overall).count() as i64;
    if overall == Outcome::LikelyNot {
        (overall, 0)
    } else {
        (overall, n)
    }
}

fn hukou_reason(ctx: &Ctx<'_>, b: &mut Builder) {
    b.reason(Reason::new(
        Bilingual::new("具有武汉市户籍", "Registered (hukou) in Wuhan"),
        ctx.hukou_ok(),
    ));
}

pub(crate) fn assess_living(ctx: &Ctx<'_>) -> ProgramResult {
    let mut b = Builder::new(ProgramId::DisabilityLiving, DOCUMENTS, WHERE);
    let subsidy = match ctx.param(crate::param_ids::DISABILITY_LIVING_SUBSIDY) {
        Ok(p) => p,
        Err(e) => {
            b.missing(&e);
            return b.finish(Outcome::NeedsCaseworker, None);
        }
    };
    let disabled: Vec<&Member> = ctx
        .h
        .members
        .iter()
        .filter(|m| m.disability.is_disabled())
        .collect();
    b.reason(Reason::new(
        Bilingual::new(
            "家中有持残疾人证的成员",
            "A member holds a disability certificate",
        ),
        Some(!disabled.is_empty()),
    ));
    if disabled.is_empty() {
        return b.finish(Outcome::LikelyNot, None);
    }
    let whole = ctx.dibao_whole();
    let single = ctx.dibao_single();
    let outcomes: Vec<Outcome> = disabled
        .iter()
        .map(|m| {
            let alone = ctx.single_person_candidates().any(|c| std::ptr::eq(c, *m));
            let route = any_of(&[whole, if alone { single } else { Outcome::LikelyNot }]);
            all_of(&[outcome_as_criterion(route), ctx.hukou_ok()])
        })
        .collect();
    b.reason(Reason::new(
        Bilingual::new(
            "属于低保家庭，或本人参照“单人户”纳入低保（见低保结果）",
            "In a dibao household, or brought into dibao as a single-person household (see the dibao result)",
        ),
        outcome_as_criterion(any_of(&[whole, single])),
    ));
    hukou_reason(ctx, &mut b);
    let (outcome, n) = count(&outcomes);
    if n > 0 {
        b.reason(
            Reason::new(
                Bilingual::new(
                    "补贴标准 × 符合条件人数",
                    "Subsidy × the members who qualify",
                ),
                Some(true),
            )
            .compare(
                Quantity::Value {
                    value: n,
                    unit: Unit::Persons,
                },
                Quantity::per_person_month(subsidy.value),
            )
            .param(subsidy.to_ref()),
        );
    }
    b.placeholder();
    b.finish(outcome, monthly(subsidy.value * n))
}

pub(crate) fn assess_care(ctx: &Ctx<'_>) -> ProgramResult {
    let mut b = Builder::new(ProgramId::DisabilityCare, DOCUMENTS, WHERE);
    let subsidy = match ctx.param(crate::param_ids::DISABILITY_CARE_SUBSIDY) {
        Ok(p) => p,
        Err(e) => {
            b.missing(&e);
            return b.finish(Outcome::NeedsCaseworker, None);
        }
    };
    let severe = ctx
        .h
        .members
        .iter()
        .filter(|m| m.disability.is_severe())
        .count();
    b.reason(Reason::new(
        Bilingual::new(
            "家中有一、二级重度残疾人",
            "A member with a grade 1 or 2 disability",
        ),
        Some(severe > 0),
    ));
    if severe == 0 {
        return b.finish(Outcome::LikelyNot, None);
    }
    hukou_reason(ctx, &mut b);
    let outcome = all_of(&[ctx.hukou_ok()]);
    let n = if outcome == Outcome::LikelyNot {
        0
    } else {
        severe as i64
    };
    if n > 0 {
        b.reason(
            Reason::new(
                Bilingual::new(
                    "补贴标准 × 符合条件人数",
                    "Subsidy × the members who qualify",
                ),
                Some(true),
            )
            .compare(
                Quantity::Value {
                    value: n,
                    unit: Unit::Persons,
                },
                Quantity::per_person_month(subsidy.value),
            )
            .param(subsidy.to_ref()),
        );
    }
    b.placeholder();
    b.finish(outcome, monthly(subsidy.value * n))
}
