//! 高龄津贴: the elderly (longevity) allowance, by age band, for Wuhan-registered residents.
//! Bands and amounts are placeholders (`elderly.band{1,2,3}.min_age`,
//! `elderly.allowance.band{1,2,3}`): each member at or above a band's starting age gets that
//! band's amount; the estimate is the sum over members.

use crate::date::Date;
use crate::household::Household;
use crate::params::{ParamValue, ParameterSet};
use crate::result::{Outcome, ProgramResult, Quantity, Reason};
use crate::text::Bilingual;

use super::ProgramId;
use super::build::{Builder, monthly};
use super::context::{Ctx, all_of};

const DOCUMENTS: &[Bilingual] = &[
    Bilingual::new(
        "老人身份证、户口簿",
        "The elderly person's ID card and household register",
    ),
    Bilingual::new(
        "本人银行卡或社保卡（用于发放）",
        "Own bank or social-security card (for payment)",
    ),
];

const WHERE: Bilingual = Bilingual::new(
    "户籍所在社区或街道办事处（可网上办理）",
    "Your community or street office of registration (also online)",
);

/// Evaluates 高龄津贴 for `household` on `date`.
pub fn evaluate(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess(&Ctx::new(household, date, params))
}

type Band<'a> = (ParamValue<'a>, ParamValue<'a>);

fn bands<'a>(ctx: &Ctx<'a>) -> Result<[Band<'a>; 3], crate::error::PolicyError> {
    Ok([
        (
            ctx.param(crate::param_ids::ELDERLY_BAND3_MIN_AGE)?,
            ctx.param(crate::param_ids::ELDERLY_ALLOWANCE_BAND3)?,
        ),
        (
            ctx.param(crate::param_ids::ELDERLY_BAND2_MIN_AGE)?,
            ctx.param(crate::param_ids::ELDERLY_ALLOWANCE_BAND2)?,
        ),
        (
            ctx.param(crate::param_ids::ELDERLY_BAND1_MIN_AGE)?,
            ctx.param(crate::param_ids::ELDERLY_ALLOWANCE_BAND1)?,
        ),
    ])
}

pub(crate) fn assess(ctx: &Ctx<'_>) -> ProgramResult {
    let mut b = Builder::new(ProgramId::ElderlyAllowance, DOCUMENTS, WHERE);
    let bands = match bands(ctx) {
        Ok(x) => x,
        Err(e) => {
            b.missing(&e);
            return b.finish(Outcome::NeedsCaseworker, None);
        }
    };
    let youngest_band = &bands[2].0;
    let mut total = 0i64;
    let mut any = false;
    for (i, m) in ctx.h.members.iter().enumerate() {
        let age = ctx.age(m);
        let Some((min_age, amount)) = bands.iter().find(|(min, _)| age >= min.value) else {
            continue;
        };
        any = true;
        total += amount.value;
        b.reason(
            Reason::new(
                Bilingual::new(
                    "达到高龄津贴年龄段",
                    "In an age band of the elderly allowance",
                ),
                Some(true),
            )
            .member(i)
            .compare(Quantity::years(age), Quantity::years(min_age.value))
            .param(amount.to_ref()),
        );
    }
    if !any {
        b.reason(
            Reason::new(
                Bilingual::new(
                    "家中有达到高龄津贴起始年龄的老人",
                    "A member old enough for the elderly allowance",
                ),
                Some(false),
            )
            .value(Quantity::years(youngest_band.value))
            .param(youngest_band.to_ref()),
        );
        return b.finish(Outcome::LikelyNot, None);
    }
    b.reason(Reason::new(
        Bilingual::new("具有武汉市户籍", "Registered (hukou) in Wuhan"),
        ctx.hukou_ok(),
    ));
    let outcome = all_of(&[ctx.hukou_ok()]);
    let amount = if outcome == Outcome::LikelyNot {
        None
    } else {
        monthly(total)
    };
    b.placeholder();
    b.finish(outcome, amount)
}
