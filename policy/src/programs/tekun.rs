//! 特困人员救助供养: support for people in extreme poverty.
//!
//! A member is likely covered when all hold:
//! * in a covered group: aged 60 or more (`tekun.elderly_age`), or severely disabled (grade 1-2;
//!   other grades are not counted here), or under the minor age limit (`tekun.minor_age_limit`:
//!   16 until the plan raised it to 18, so 17 qualifies and 18 does not by this criterion);
//! * unable to work: people aged 60+, children under 16 (`tekun.work_age_min`) and severely
//!   disabled people count as unable whatever is answered; others (e.g. 16-17-year-olds) by the
//!   answer to "can work";
//! * no income: own income 0; an own income above 0 but below the 低保 standard may still count
//!   as "no means of living" and needs a caseworker; at or above it, not met;
//! * no one legally bound to support them who is able to;
//! * assets within the limits.
//!
//! Estimate = the basic living standard (urban or rural) × members likely covered.

use crate::date::Date;
use crate::household::{Household, Member, Residence, TriState};
use crate::params::{ParamValue, ParameterSet, Unit};
use crate::result::{Outcome, ProgramResult, Quantity, Reason};
use crate::text::{Bilingual, ECONOMIC_CHECK_NOTE};

use super::ProgramId;
use super::build::{Builder, monthly};
use super::context::{Ctx, all_of, any_of, passes_on_no};
use super::dibao::WHERE_STREET;

const DOCUMENTS: &[Bilingual] = &[
    Bilingual::new(
        "申请人身份证、户口簿",
        "Applicant's ID card and household register",
    ),
    Bilingual::new(
        "残疾人证或医疗诊断证明（如有）",
        "Disability certificate or medical diagnosis, if any",
    ),
    Bilingual::new(
        "赡养、抚养、扶养义务人情况说明（无义务人或义务人无能力的证明）",
        "Statement on people legally bound to support the applicant (none, or unable to)",
    ),
    Bilingual::new(
        "家庭经济状况核对授权书（街道提供）",
        "Authorisation for the household economic check (from the street office)",
    ),
];

struct Limits<'a> {
    standard: ParamValue<'a>,
    elderly: ParamValue<'a>,
    minor: ParamValue<'a>,
    work: ParamValue<'a>,
}

fn limits<'a>(ctx: &Ctx<'a>) -> Result<Limits<'a>, crate::error::PolicyError> {
    let standard_id = match ctx.h.residence {
        Residence::Urban => crate::param_ids::TEKUN_STANDARD_URBAN,
        Residence::Rural => crate::param_ids::TEKUN_STANDARD_RURAL,
    };
    Ok(Limits {
        standard: ctx.param(standard_id)?,
        elderly: ctx.param(crate::param_ids::TEKUN_ELDERLY_AGE)?,
        minor: ctx.param(crate::param_ids::TEKUN_MINOR_AGE_LIMIT)?,
        work: ctx.param(crate::param_ids::TEKUN_WORK_AGE_MIN)?,
    })
}

struct Check {
    age: i64,
    elderly: bool,
    minor: bool,
    severe: bool,
    deemed_unable: bool,
    unable: Option<bool>,
    no_income: Option<bool>,
    supporter: Option<bool>,
    outcome: Outcome,
}

/// Whether someone else in the household could support this member: a working-age member who
/// is not severely disabled and can work (unknown ability → the street office judges).
fn household_supporter(ctx: &Ctx<'_>, l: &Limits<'_>, m: &Member) -> Option<bool> {
    let mut unknown = false;
    for other in ctx.h.members.iter().filter(|o| !std::ptr::eq(*o, m)) {
        let age = ctx.age(other);
        if age < l.minor.value || age >= l.elderly.value || other.disability.is_severe() {
            continue;
        }
        match other.can_work {
            TriState::Yes => return Some(true),
            TriState::Unknown => unknown = true,
            TriState::No => {}
        }
    }
    if unknown { None } else { Some(false) }
}

/// No supporter: neither the household's answer nor an able member living with them.
fn no_supporter(ctx: &Ctx<'_>, l: &Limits<'_>, m: &Member) -> Option<bool> {
    match (
        passes_on_no(ctx.h.supporter_able),
        household_supporter(ctx, l, m),
    ) {
        (Some(false), _) | (_, Some(true)) => Some(false),
        (Some(true), Some(false)) => Some(true),
        _ => None,
    }
}

fn check(ctx: &Ctx<'_>, l: &Limits<'_>, m: &Member) -> Check {
    let age = ctx.age(m);
    let elderly = age >= l.elderly.value;
    let minor = age < l.minor.value;
    let severe = m.disability.is_severe();
    let deemed_unable = elderly || severe || age < l.work.value;
    let unable = if deemed_unable {
        Some(true)
    } else {
        passes_on_no(m.can_work)
    };
    let own = ctx.h.own_income_of(m);
    // Household income nobody attributed to this member: the street office judges.
    let shared_income = m.own_monthly_income_fen.is_none()
        && ctx.h.members.len() > 1
        && ctx.h.monthly_income_fen > 0;
    let no_income = match ctx.dibao_std() {
        _ if own == 0 && shared_income => None,
        _ if own == 0 => Some(true),
        Some(s) if own < s => None,
        _ => Some(false),
    };
    let in_group = Some(elderly || minor || severe);
    let supporter = no_supporter(ctx, l, m);
    let outcome = all_of(&[in_group, unable, no_income, supporter, ctx.assets_ok()]);
    Check {
        age,
        elderly,
        minor,
        severe,
        deemed_unable,
        unable,
        no_income,
        supporter,
        outcome,
    }
}

/// The household-level 特困 outcome (used by programs that need "a hardship household").
pub(crate) fn household_outcome(ctx: &Ctx<'_>) -> Outcome {
    match limits(ctx) {
        Ok(l) => {
            let mut seen = [Outcome::LikelyNot; 2];
            for m in &ctx.h.members {
                match check(ctx, &l, m).outcome {
                    Outcome::LikelyEligible => return Outcome::LikelyEligible,
                    Outcome::NeedsCaseworker => seen[1] = Outcome::NeedsCaseworker,
                    Outcome::LikelyNot => {}
                }
            }
            any_of(&seen)
        }
        Err(_) => Outcome::NeedsCaseworker,
    }
}

/// Evaluates 特困 for `household` on `date`.
pub fn evaluate(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess(&Ctx::new(household, date, params))
}

pub(crate) fn assess(ctx: &Ctx<'_>) -> ProgramResult {
    let mut b = Builder::new(ProgramId::Tekun, DOCUMENTS, WHERE_STREET);
    let l = match limits(ctx) {
        Ok(l) => l,
        Err(e) => {
            b.missing(&e);
            return b.finish(Outcome::NeedsCaseworker, None);
        }
    };
    let checks: Vec<Check> = ctx.h.members.iter().map(|m| check(ctx, &l, m)).collect();
    let likely = checks
        .iter()
        .filter(|c| c.outcome == Outcome::LikelyEligible)
        .count() as i64;
    let unsure = checks
        .iter()
        .filter(|c| c.outcome == Outcome::NeedsCaseworker)
        .count() as i64;
    let shown = checks
        .iter()
        .position(|c| c.outcome == Outcome::LikelyEligible)
        .or_else(|| {
            checks
                .iter()
                .position(|c| c.outcome == Outcome::NeedsCaseworker)
        })
        .or_else(|| checks.iter().position(|c| c.elderly || c.minor || c.severe));

    match shown {
        Some(i) => member_reasons(ctx, &l, &mut b, i, &checks[i]),
        None => b.reason(
            Reason::new(
                Bilingual::new(
                    "家中有60周岁以上老年人、未满18周岁未成年人或一、二级重度残疾人",
                    "A member aged 60 or over, under 18, or severely disabled (grade 1-2)",
                ),
                Some(false),
            )
            .param(l.elderly.to_ref()),
        ),
    }

    let (outcome, count) = if likely > 0 {
        (Outcome::LikelyEligible, likely)
    } else if unsure > 0 {
        (Outcome::NeedsCaseworker, unsure)
    } else {
        (Outcome::LikelyNot, 0)
    };
    let covered = |c: &&Check| c.outcome != Outcome::LikelyNot;
    let needs_care = ctx
        .h
        .members
        .iter()
        .zip(&checks)
        .filter(|(_, c)| covered(c))
        .any(|(m, _)| m.needs_daily_care);
    if count > 0 {
        b.reason(
            Reason::new(
                Bilingual::new(
                    "按特困人员基本生活标准 × 符合条件人数估算",
                    "Estimated at the basic living standard × the members covered",
                ),
                Some(true),
            )
            .compare(
                Quantity::Value {
                    value: count,
                    unit: Unit::Persons,
                },
                Quantity::per_person_month(l.standard.value),
            )
            .param(l.standard.to_ref()),
        );
        b.note(if needs_care {
            Bilingual::new(
                "生活不能自理的特困人员鼓励集中供养（入住供养服务机构），也可申请分散供养并委托照料（规划三(一)2）。",
                "People who cannot look after themselves are encouraged into centralised care (a care \
                 institution); dispersed care at home with commissioned carers is also possible (plan 3(1)2).",
            )
        } else {
            Bilingual::new(
                "可分散供养（在家生活），也可自愿申请集中供养。",
                "Support is usually dispersed (living at home); centralised care can be chosen.",
            )
        });
    }
    b.note(Bilingual::new(
        "特困供养与低保不重复享受。",
        "Extreme-poverty support and dibao are not paid together.",
    ));
    b.note(ECONOMIC_CHECK_NOTE);
    let amount = monthly(l.standard.value * count);
    b.finish(outcome, amount)
}

fn member_reasons(ctx: &Ctx<'_>, l: &Limits<'_>, b: &mut Builder, i: usize, c: &Check) {
    let (group, group_param, threshold) = if c.elderly {
        (
            Bilingual::new("60周岁以上老年人", "Aged 60 or over"),
            &l.elderly,
            l.elderly.value,
        )
    } else if c.minor {
        (
            Bilingual::new("未满18周岁的未成年人", "A minor under the age limit"),
            &l.minor,
            l.minor.value,
        )
    } else if c.severe {
        (
            Bilingual::new("一、二级重度残疾人", "Severely disabled (grade 1-2)"),
            &l.elderly,
            l.elderly.value,
        )
    } else {
        (
            Bilingual::new(
                "属于老年人、未成年人或重度残疾人",
                "Elderly, a minor or severely disabled",
            ),
            &l.minor,
            l.minor.value,
        )
    };
    let in_group = c.elderly || c.minor || c.severe;
    b.reason(
        Reason::new(group, Some(in_group))
            .member(i)
            .compare(Quantity::years(c.age), Quantity::years(threshold))
            .param(group_param.to_ref()),
    );
    let unable = if c.deemed_unable {
        Reason::new(
            Bilingual::new(
                "无劳动能力（60周岁以上、未满16周岁或重度残疾视为无劳动能力）",
                "Unable to work (people aged 60+, under 16 or severely disabled count as unable)",
            ),
            c.unable,
        )
        .member(i)
        .param(l.work.to_ref())
    } else {
        Reason::new(Bilingual::new("无劳动能力", "Unable to work"), c.unable).member(i)
    };
    b.reason(unable);
    let own = ctx.h.members.get(i).map_or(0, |m| ctx.h.own_income_of(m));
    b.reason(
        Reason::new(
            Bilingual::new(
                "无生活来源（本人无收入；有少量收入的由街道判断）",
                "No means of living (no own income; a small income is judged by the street office)",
            ),
            c.no_income,
        )
        .member(i)
        .compare(Quantity::per_month(own), Quantity::per_month(0)),
    );
    b.reason(Reason::new(
        Bilingual::new(
            "无法定赡养、抚养、扶养义务人，或其义务人无履行能力（包括同住有劳动能力的家庭成员）",
            "No one legally bound to support them, or no such person is able to (including able members of the household)",
        ),
        c.supporter,
    ));
    b.reason(Reason::new(
        Bilingual::new("财产状况符合规定", "Assets within the limits"),
        ctx.assets_ok(),
    ));
    if ctx.h.supporter_able == TriState::Unknown {
        b.note(Bilingual::new(
            "是否有有能力的赡养、抚养、扶养义务人由街道核实。",
            "The street office checks whether anyone legally bound to support them is able to.",
        ));
    }
}
