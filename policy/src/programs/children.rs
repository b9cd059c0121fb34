//! 孤儿 and 事实无人抚养儿童: basic living allowances for children under 18 (`orphans.max_age`).
//!
//! * Orphan: institutional care (集中供养, `orphans.institutional`) when the child lives in a
//!   welfare institution, otherwise scattered (散居, `orphans.scattered`).
//! * De-facto unsupported child: `orphans.de_facto_unsupported` (set in step with scattered
//!   orphans, but kept as its own parameter).
//! * A child whose parents' situation is "unsure" needs a caseworker in both programs.
//!
//! The estimate is the sum over the children who likely qualify (or, when none likely does, over
//! those a caseworker has to judge).

use crate::date::Date;
use crate::household::{Household, Member, ParentsStatus};
use crate::params::{ParamValue, ParameterSet};
use crate::result::{Outcome, ProgramResult, Quantity, Reason};
use crate::text::Bilingual;

use super::ProgramId;
use super::build::{Builder, monthly};
use super::context::{Ctx, any_of};

const DOCUMENTS: &[Bilingual] = &[
    Bilingual::new(
        "儿童户口簿、身份证或出生证明",
        "The child's household register, ID card or birth certificate",
    ),
    Bilingual::new(
        "父母死亡证明、宣告失踪判决，或父母重残、重病、服刑等情况的证明",
        "Death certificates or declarations of disappearance of the parents, or proof of their \
         severe disability, illness, imprisonment or other situation",
    ),
    Bilingual::new("监护人身份证", "The guardian's ID card"),
];

const WHERE: Bilingual = Bilingual::new(
    "儿童户籍所在街道办事处（儿童督导员）或社区（儿童主任）",
    "The street office (child-welfare supervisor) or community (children's director) of the child's registration",
);

/// Evaluates the orphan allowance for `household` on `date`.
pub fn evaluate_orphan(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess_orphan(&Ctx::new(household, date, params))
}

/// Evaluates the de-facto unsupported child allowance for `household` on `date`.
pub fn evaluate_de_facto(
    household: &Household,
    date: Date,
    params: &ParameterSet,
) -> ProgramResult {
    assess_de_facto(&Ctx::new(household, date, params))
}

fn status(ctx: &Ctx<'_>, max_age: i64, m: &Member, wanted: ParentsStatus) -> Outcome {
    if ctx.age(m) >= max_age {
        return Outcome::LikelyNot;
    }
    match m.parents {
        p if p == wanted => Outcome::LikelyEligible,
        ParentsStatus::Unsure => Outcome::NeedsCaseworker,
        _ => Outcome::LikelyNot,
    }
}

fn assess<'a>(
    ctx: &Ctx<'a>,
    program: ProgramId,
    wanted: ParentsStatus,
    rate: impl Fn(&Member) -> Result<ParamValue<'a>, crate::error::PolicyError>,
) -> ProgramResult {
    let mut b = Builder::new(program, DOCUMENTS, WHERE);
    let max_age = match ctx.param(crate::param_ids::ORPHANS_MAX_AGE) {
        Ok(p) => p,
        Err(e) => {
            b.missing(&e);
            return b.finish(Outcome::NeedsCaseworker, None);
        }
    };
    let mut outcomes = [Outcome::LikelyNot; 2];
    for m in &ctx.h.members {
        match status(ctx, max_age.value, m, wanted) {
            Outcome::LikelyEligible => outcomes[0] = Outcome::LikelyEligible,
            Outcome::NeedsCaseworker => outcomes[1] = Outcome::NeedsCaseworker,
            Outcome::LikelyNot => {}
        }
    }
    let overall = any_of(&outcomes);
    let criterion = match wanted {
        ParentsStatus::Orphan => Bilingual::new(
            "未满18周岁，父母双方死亡、宣告失踪或查找不到",
            "Under 18, and both parents have died, are declared missing or cannot be found",
        ),
        _ => Bilingual::new(
            "未满18周岁，父母均重残、重病、服刑、戒毒、失联等，或一方死亡失踪另一方属上述情形",
            "Under 18, and both parents are severely disabled or ill, imprisoned, in rehabilitation or \
             out of contact, or one has died or is missing and the other is in such a situation",
        ),
    };
    b.reason(
        Reason::new(
            criterion,
            match overall {
                Outcome::LikelyEligible => Some(true),
                Outcome::NeedsCaseworker => None,
                Outcome::LikelyNot => Some(false),
            },
        )
        .param(max_age.to_ref()),
    );
    let mut total = 0i64;
    if overall != Outcome::LikelyNot {
        for (i, m) in ctx.h.members.iter().enumerate() {
            if status(ctx, max_age.value, m, wanted) != overall {
                continue;
            }
            match rate(m) {
                Ok(p) => {
                    total += p.value;
                    b.reason(
                        Reason::new(
                            Bilingual::new("按儿童基本生活保障标准", "At the child allowance rate"),
                            Some(true),
                        )
                        .member(i)
                        .compare(Quantity::years(ctx.age(m)), Quantity::years(max_age.value))
                        .param(p.to_ref()),
                    );
                }
                Err(e) => b.missing(&e),
            }
        }
    }
    b.note(Bilingual::new(
        "儿童基本生活保障与特困供养不重复享受。",
        "The child allowance and extreme-poverty support are not paid together.",
    ));
    let amount = if overall == Outcome::LikelyNot {
        None
    } else {
        monthly(total)
    };
    b.finish(overall, amount)
}

pub(crate) fn assess_orphan(ctx: &Ctx<'_>) -> ProgramResult {
    assess(ctx, ProgramId::Orphan, ParentsStatus::Orphan, |m| {
        if m.in_welfare_institution {
            ctx.param(crate::param_ids::ORPHANS_INSTITUTIONAL)
        } else {
            ctx.param(crate::param_ids::ORPHANS_SCATTERED)
        }
    })
}

pub(crate) fn assess_de_facto(ctx: &Ctx<'_>) -> ProgramResult {
    assess(
        ctx,
        ProgramId::DeFactoUnsupportedChild,
        ParentsStatus::DeFactoUnsupported,
        |_| ctx.param(crate::param_ids::ORPHANS_DE_FACTO_UNSUPPORTED),
    )
}
