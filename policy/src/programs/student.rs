//! 大学生助学: a yearly grant (placeholder amount, `student.grant`) per college student in a
//! hardship household — one likely eligible for 低保 (either route), 特困, 低收入 or 支出型 —
//! registered in Wuhan.

use crate::date::Date;
use crate::household::Household;
use crate::params::{ParameterSet, Unit};
use crate::result::{Amount, Outcome, Period, ProgramResult, Quantity, Reason};
use crate::text::Bilingual;

use super::ProgramId;
use super::build::Builder;
use super::context::{Ctx, all_of, outcome_as_criterion};

const DOCUMENTS: &[Bilingual] = &[
    Bilingual::new(
        "学生身份证、户口簿",
        "The student's ID card and household register",
    ),
    Bilingual::new(
        "录取通知书或学生证、在读证明",
        "Admission letter or student card, proof of enrolment",
    ),
    Bilingual::new(
        "低保证、特困证或低收入、支出型贫困家庭认定材料",
        "Dibao or extreme-poverty card, or the low-income / expenditure-type poverty decision",
    ),
];

const WHERE: Bilingual = Bilingual::new(
    "户籍所在街道办事处或社区；由区民政局汇总审核",
    "The street office or community of registration; the district civil-affairs bureau reviews",
);

/// Evaluates 大学生助学 for `household` on `date`.
pub fn evaluate(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess(&Ctx::new(household, date, params))
}

pub(crate) fn assess(ctx: &Ctx<'_>) -> ProgramResult {
    let mut b = Builder::new(ProgramId::StudentGrant, DOCUMENTS, WHERE);
    let grant = match ctx.param(crate::param_ids::STUDENT_GRANT) {
        Ok(p) => p,
        Err(e) => {
            b.missing(&e);
            return b.finish(Outcome::NeedsCaseworker, None);
        }
    };
    let students = ctx.h.members.iter().filter(|m| m.college_student).count() as i64;
    b.reason(Reason::new(
        Bilingual::new(
            "家中有在读大学生（专科、本科）",
            "A member is a college student",
        ),
        Some(students > 0),
    ));
    if students == 0 {
        return b.finish(Outcome::LikelyNot, None);
    }
    let hardship = outcome_as_criterion(ctx.hardship());
    b.reason(Reason::new(
        Bilingual::new(
            "困难家庭：可能符合低保、特困、低收入或支出型贫困家庭条件（见各项结果）",
            "A hardship household: likely dibao, extreme-poverty, low-income or expenditure-type poor \
             (see those results)",
        ),
        hardship,
    ));
    b.reason(Reason::new(
        Bilingual::new("具有武汉市户籍", "Registered (hukou) in Wuhan"),
        ctx.hukou_ok(),
    ));
    let outcome = all_of(&[hardship, ctx.hukou_ok()]);
    b.reason(
        Reason::new(
            Bilingual::new(
                "助学金标准 × 在读大学生人数",
                "Grant × the college students",
            ),
            Some(true),
        )
        .compare(
            Quantity::Value {
                value: students,
                unit: Unit::Persons,
            },
            Quantity::Value {
                value: grant.value,
                unit: Unit::FenPerPersonYear,
            },
        )
        .param(grant.to_ref()),
    );
    b.note(Bilingual::new(
        "2017年起资助范围扩大到在校大学生，资助金额提高1000元（规划一(一)1）；每人金额以民政局公布为准。",
        "Since 2017 all enrolled students are covered and the grant rose by 1000 yuan (plan 1(1)1); \
         the amount per student is set by the bureau.",
    ));
    let amount = (outcome != Outcome::LikelyNot).then_some(Amount {
        fen: grant.value * students,
        period: Period::Yearly,
        up_to: false,
    });
    b.finish(outcome, amount)
}
