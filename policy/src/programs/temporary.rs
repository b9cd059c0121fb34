//! 临时救助: temporary assistance for a household whose basic life is in temporary difficulty.
//!
//! * A sudden hardship (or an urgent one) is required.
//! * Likely eligible when the household is also below the low-income line or expenditure-type
//!   poor; otherwise a caseworker judges the hardship.
//! * Up to `temporary.max_months` (12) × the 低保 standard for the residence type, once, per
//!   household (plan 一(一)1); the street office sets the actual sum.
//! * Urgent (急难) cases may be helped first and reviewed after (先行救助); the street office may
//!   decide them directly, and they may apply where the hardship happened.

use crate::date::Date;
use crate::household::Household;
use crate::params::{ParameterSet, Unit};
use crate::result::{Amount, Outcome, Period, ProgramResult, Quantity, Reason};
use crate::text::Bilingual;

use super::ProgramId;
use super::build::Builder;
use super::context::Ctx;

const DOCUMENTS: &[Bilingual] = &[
    Bilingual::new(
        "申请人身份证、户口簿",
        "Applicant's ID card and household register",
    ),
    Bilingual::new(
        "遭遇困难的证明材料（如医疗票据、事故或灾害证明）",
        "Evidence of the hardship (medical bills, accident or disaster report…)",
    ),
    Bilingual::new("家庭成员收入情况说明", "Statement of each member's income"),
];

const WHERE: Bilingual = Bilingual::new(
    "户籍所在地或居住地街道办事处；急难情况可向急难发生地街道申请",
    "The street office of your registration or residence; in an emergency, the street office where it happened",
);

/// Evaluates 临时救助 for `household` on `date`.
pub fn evaluate(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess(&Ctx::new(household, date, params))
}

pub(crate) fn assess(ctx: &Ctx<'_>) -> ProgramResult {
    let mut b = Builder::new(ProgramId::Temporary, DOCUMENTS, WHERE);
    let hardship = ctx.h.sudden_hardship || ctx.h.urgent;
    b.reason(Reason::new(
        Bilingual::new(
            "因突发事件、意外伤害、重大疾病等导致基本生活暂时困难",
            "Basic life in temporary difficulty after a sudden event, accident or serious illness",
        ),
        Some(hardship),
    ));
    let both = ctx
        .dibao
        .clone()
        .and_then(|s| Ok((s, ctx.param(crate::param_ids::TEMPORARY_MAX_MONTHS)?)));
    let (std, months) = match both {
        Ok(x) => x,
        Err(e) => {
            b.missing(&e);
            let outcome = if hardship {
                Outcome::NeedsCaseworker
            } else {
                Outcome::LikelyNot
            };
            return b.finish(outcome, None);
        }
    };
    if !hardship {
        return b.finish(Outcome::LikelyNot, None);
    }

    let low = ctx.below_low_income();
    let poor = ctx.expenditure_poor();
    // Not below the line is no reason to refuse: the caseworker judges the hardship.
    let means = (low == Some(true) || poor == Some(true)).then_some(true);
    let mut means_reason = Reason::new(
        Bilingual::new(
            "家庭人均收入低于低收入线或为支出型贫困家庭（否则由街道评估困难程度）",
            "Income per person below the low-income line, or expenditure-type poor (otherwise the \
             street office assesses the hardship)",
        ),
        means,
    );
    if let (Some(line), Ok(p)) = (ctx.low_income_line(), &ctx.low_pct) {
        means_reason = means_reason
            .compare(
                Quantity::per_person_month(ctx.per_capita),
                Quantity::per_person_month(line),
            )
            .param(p.to_ref());
    }
    b.reason(means_reason);
    if low == Some(true) && poor != Some(true) && ctx.low_pct.as_ref().is_ok_and(|p| p.placeholder)
    {
        b.placeholder();
    }

    let max = std.value.saturating_mul(months.value);
    b.reason(
        Reason::new(
            Bilingual::new(
                "一次性救助最高为低保标准 × 月数",
                "A one-off payment of at most the dibao standard × a number of months",
            ),
            Some(true),
        )
        .compare(
            Quantity::Value {
                value: max,
                unit: Unit::FenOneOff,
            },
            Quantity::Value {
                value: months.value,
                unit: Unit::Months,
            },
        )
        .param(months.to_ref()),
    );
    b.reason(
        Reason::new(Bilingual::new("低保标准", "Dibao standard"), Some(true))
            .value(Quantity::per_person_month(std.value))
            .param(std.to_ref()),
    );
    if ctx.h.urgent {
        b.note(Bilingual::new(
            "急难情况可“先行救助”，事后补充审核；街道可对情况紧急的直接予以救助。",
            "In an emergency help can be given first and reviewed afterwards (先行救助); the street \
             office may decide urgent cases directly.",
        ));
    }
    b.note(Bilingual::new(
        "金额为上限，实际金额由街道根据困难程度确定。",
        "The amount is a maximum; the street office sets the actual sum according to the hardship.",
    ));
    let outcome = if means == Some(true) {
        Outcome::LikelyEligible
    } else {
        Outcome::NeedsCaseworker
    };
    let amount = Some(Amount {
        fen: max,
        period: Period::OneOff,
        up_to: true,
    });
    b.finish(outcome, amount)
}
