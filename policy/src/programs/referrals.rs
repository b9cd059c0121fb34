//! Referrals: special assistance that civil affairs does not decide (plan 三(一)2 “统筹协调医保、
//! 房管、教育、人社、卫健等部门”). When the household looks like a hardship household (likely or
//! possibly 低保, 特困, 低收入 or 支出型) and has the matching need, the result is "needs a
//! caseworker" with where to go; otherwise "likely not". No amount is estimated.

use crate::date::Date;
use crate::household::{Household, TriState};
use crate::params::ParameterSet;
use crate::result::{Outcome, ProgramResult, Reason};
use crate::text::Bilingual;

use super::ProgramId;
use super::build::Builder;
use super::context::Ctx;

const DOCUMENTS: &[Bilingual] = &[
    Bilingual::new("身份证、户口簿", "ID card and household register"),
    Bilingual::new(
        "低保、特困证或低收入、支出型贫困家庭认定材料",
        "Dibao or extreme-poverty card, or the low-income / expenditure-type poverty decision",
    ),
];

/// Evaluates the medical-assistance referral.
pub fn evaluate_medical(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess_medical(&Ctx::new(household, date, params))
}

/// Evaluates the housing-assistance referral.
pub fn evaluate_housing(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess_housing(&Ctx::new(household, date, params))
}

/// Evaluates the education-assistance referral.
pub fn evaluate_education(
    household: &Household,
    date: Date,
    params: &ParameterSet,
) -> ProgramResult {
    assess_education(&Ctx::new(household, date, params))
}

/// Evaluates the employment-assistance referral.
pub fn evaluate_employment(
    household: &Household,
    date: Date,
    params: &ParameterSet,
) -> ProgramResult {
    assess_employment(&Ctx::new(household, date, params))
}

fn referral(
    ctx: &Ctx<'_>,
    program: ProgramId,
    need: bool,
    need_text: Bilingual,
    where_: Bilingual,
    decider: Bilingual,
) -> ProgramResult {
    let mut b = Builder::new(program, DOCUMENTS, where_);
    b.reason(Reason::new(need_text, Some(need)));
    let hardship = ctx.hardship();
    b.reason(Reason::new(
        Bilingual::new(
            "困难家庭：可能符合低保、特困、低收入或支出型贫困家庭条件",
            "A hardship household: possibly dibao, extreme-poverty, low-income or expenditure-type poor",
        ),
        match hardship {
            Outcome::LikelyEligible => Some(true),
            Outcome::NeedsCaseworker => None,
            Outcome::LikelyNot => Some(false),
        },
    ));
    b.note(decider);
    let outcome = if need && hardship != Outcome::LikelyNot {
        Outcome::NeedsCaseworker
    } else {
        Outcome::LikelyNot
    };
    b.finish(outcome, None)
}

pub(crate) fn assess_medical(ctx: &Ctx<'_>) -> ProgramResult {
    let need = ctx.h.medical_spending_12m_fen > 0 || ctx.severe_members().next().is_some();
    referral(
        ctx,
        ProgramId::MedicalAssistance,
        need,
        Bilingual::new(
            "有医疗费用负担或重病、重残成员",
            "Medical costs, or a severely ill or disabled member",
        ),
        Bilingual::new(
            "区医疗保障局或街道政务服务中心医保窗口",
            "The district healthcare security bureau, or the medical-insurance window of the street service centre",
        ),
        Bilingual::new(
            "医疗救助由医疗保障部门决定；街道可协助转介。",
            "Medical assistance is decided by the healthcare security department; the street office can refer you.",
        ),
    )
}

pub(crate) fn assess_housing(ctx: &Ctx<'_>) -> ProgramResult {
    referral(
        ctx,
        ProgramId::HousingAssistance,
        true,
        Bilingual::new(
            "住房困难可申请公租房或租赁补贴",
            "Housing difficulty: public rental housing or rent subsidy",
        ),
        Bilingual::new(
            "区住房保障部门（房管局）或街道住房保障窗口",
            "The district housing-security department, or the street housing window",
        ),
        Bilingual::new(
            "住房救助由住房保障部门决定；街道可协助转介。",
            "Housing assistance is decided by the housing department; the street office can refer you.",
        ),
    )
}

pub(crate) fn assess_education(ctx: &Ctx<'_>) -> ProgramResult {
    let need = ctx
        .h
        .members
        .iter()
        .any(|m| m.college_student || (3..18).contains(&ctx.age(m)));
    referral(
        ctx,
        ProgramId::EducationAssistance,
        need,
        Bilingual::new(
            "家中有在学子女（学前至大学）",
            "A member in education (pre-school to college)",
        ),
        Bilingual::new(
            "就读学校或区教育局学生资助管理中心",
            "The school, or the district education bureau's student-aid centre",
        ),
        Bilingual::new(
            "教育救助由教育部门和学校决定；街道可协助转介。",
            "Education assistance is decided by the education department and schools; the street office can refer you.",
        ),
    )
}

pub(crate) fn assess_employment(ctx: &Ctx<'_>) -> ProgramResult {
    let need = ctx.h.members.iter().any(|m| {
        (16..60).contains(&ctx.age(m)) && m.can_work != TriState::No && !m.disability.is_severe()
    });
    referral(
        ctx,
        ProgramId::EmploymentAssistance,
        need,
        Bilingual::new(
            "家中有劳动年龄内、有劳动能力的成员",
            "A member of working age who can work",
        ),
        Bilingual::new(
            "街道劳动就业和社会保障服务中心",
            "The street employment and social-security service centre",
        ),
        Bilingual::new(
            "就业救助由人社部门决定；街道可协助转介。",
            "Employment assistance is decided by the human-resources department; the street office can refer you.",
        ),
    )
}
