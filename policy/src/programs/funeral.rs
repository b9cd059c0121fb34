//! 殡葬: the basic funeral service fee waiver (Wuhan notice of 2023-11-30) and the eco-burial
//! reward (2010 武汉市殡葬管理办法). Item prices and rewards are placeholders.
//!
//! Waiver — who is covered:
//! * Wuhan-registered residents cremated in Wuhan (waived at the funeral home);
//! * people not registered in Wuhan who die in Wuhan and are cremated there;
//! * Wuhan-registered residents who die and are cremated elsewhere: they claim the cost back at
//!   the civil-affairs office of their registration district within 3 months of the cremation
//!   (`funeral.reimbursement_window_months`): the last day is the same day 3 calendar months
//!   later, or the last day of that month when it is shorter (2024-01-31 → 2024-04-30).
//!
//! Items waived: transport by ordinary hearse in the city, cold storage up to 3 days, cremation,
//! one designated urn, ash storage for 1 year. The estimate is their total, an upper bound:
//! unused items are not refunded in cash. Rules are looked up on the date of the check.

use crate::date::Date;
use crate::household::{Deceased, Household, TriState};
use crate::params::ParameterSet;
use crate::result::{Amount, Outcome, Period, ProgramResult, Quantity, Reason, WhatWouldChange};
use crate::text::{Bilingual, yuan};

use super::ProgramId;
use super::build::Builder;
use super::context::{Ctx, all_of, yes};

const DOCUMENTS: &[Bilingual] = &[
    Bilingual::new("经办人身份证", "The handler's ID card"),
    Bilingual::new("死亡证明", "Death certificate"),
    Bilingual::new(
        "逝者身份证、户口簿",
        "The deceased's ID card and household register",
    ),
];

const CLAIM_DOCUMENTS: &[Bilingual] = &[
    Bilingual::new("经办人身份证", "The handler's ID card"),
    Bilingual::new("死亡证明", "Death certificate"),
    Bilingual::new(
        "逝者身份证、户口簿",
        "The deceased's ID card and household register",
    ),
    Bilingual::new(
        "《武汉市报销基本殡葬服务费用登记表》",
        "The Wuhan basic funeral service fee claim form",
    ),
    Bilingual::new(
        "外地火化证明及费用票据",
        "Cremation certificate and receipts from outside Wuhan",
    ),
];

const WHERE_FUNERAL_HOME: Bilingual = Bilingual::new(
    "在武汉市殡仪馆火化时由殡仪馆直接减免，无需另行申请",
    "Waived directly by the Wuhan funeral home at cremation; no separate application",
);

const WHERE_CLAIM: Bilingual = Bilingual::new(
    "逝者户籍所在区民政局（东西湖区民政局）或户籍所在街道代收",
    "The civil-affairs bureau of the deceased's registration district (Dongxihu), or via the street office",
);

fn no_deceased(b: Builder) -> ProgramResult {
    let mut b = b;
    b.reason(Reason::new(
        Bilingual::new("已填写逝者信息", "Details of the deceased given"),
        Some(false),
    ));
    b.finish(Outcome::LikelyNot, None)
}

/// Evaluates the basic funeral service fee waiver for `household` on `date`.
pub fn evaluate_waiver(household: &Household, date: Date, params: &ParameterSet) -> ProgramResult {
    assess_waiver(&Ctx::new(household, date, params))
}

/// Evaluates the eco-burial reward for `household` on `date`.
pub fn evaluate_eco_burial(
    household: &Household,
    date: Date,
    params: &ParameterSet,
) -> ProgramResult {
    assess_eco_burial(&Ctx::new(household, date, params))
}

fn waived_total(ctx: &Ctx<'_>, b: &mut Builder) -> Result<(i64, i64), crate::error::PolicyError> {
    let transport = ctx.param(crate::param_ids::FUNERAL_PRICE_TRANSPORT)?;
    let cold = ctx.param(crate::param_ids::FUNERAL_PRICE_COLD_STORAGE_PER_DAY)?;
    let cold_days = ctx.param(crate::param_ids::FUNERAL_COLD_STORAGE_DAYS)?;
    let cremation = ctx.param(crate::param_ids::FUNERAL_PRICE_CREMATION)?;
    let urn = ctx.param(crate::param_ids::FUNERAL_PRICE_URN)?;
    let ash = ctx.param(crate::param_ids::FUNERAL_PRICE_ASH_STORAGE_PER_YEAR)?;
    let ash_years = ctx.param(crate::param_ids::FUNERAL_ASH_STORAGE_YEARS)?;
    let window = ctx.param(crate::param_ids::FUNERAL_REIMBURSEMENT_WINDOW_MONTHS)?;
    let total = transport.value
        + cold.value * cold_days.value
        + cremation.value
        + urn.value
        + ash.value * ash_years.value;
    b.reason(
        Reason::new(
            Bilingual::owned(
                format!(
                    "减免项目：市内遗体接运、冷藏 {} 天以内、火化、指定骨灰盒一个、骨灰寄存 {} 年，合计约 {} 元",
                    cold_days.value,
                    ash_years.value,
                    yuan(total)
                ),
                format!(
                    "Items waived: transport in the city, cold storage up to {} days, cremation, one urn, \
                     ash storage for {} year(s): about {} yuan in total",
                    cold_days.value,
                    ash_years.value,
                    yuan(total)
                ),
            ),
            Some(true),
        )
        .param(cold_days.to_ref()),
    );
    for p in [transport, cold, cremation, urn, ash] {
        b.reason(
            Reason::new(
                Bilingual::owned(p.name_zh.to_owned(), p.name_en.to_owned()),
                Some(true),
            )
            .value(Quantity::Value {
                value: p.value,
                unit: p.unit,
            })
            .param(p.to_ref()),
        );
    }
    Ok((total, window.value))
}

pub(crate) fn assess_waiver(ctx: &Ctx<'_>) -> ProgramResult {
    let Some(d) = ctx.h.deceased.as_ref() else {
        return no_deceased(Builder::new(
            ProgramId::FuneralWaiver,
            DOCUMENTS,
            WHERE_FUNERAL_HOME,
        ));
    };
    let outside = d.cremated_in_wuhan == TriState::No;
    let mut b = if outside {
        Builder::new(ProgramId::FuneralWaiver, CLAIM_DOCUMENTS, WHERE_CLAIM)
    } else {
        Builder::new(ProgramId::FuneralWaiver, DOCUMENTS, WHERE_FUNERAL_HOME)
    };
    let (total, window) = match waived_total(ctx, &mut b) {
        Ok(x) => x,
        Err(e) => {
            b.missing(&e);
            return b.finish(Outcome::NeedsCaseworker, None);
        }
    };
    let outcome = if outside {
        claim_route(ctx, d, window, &mut b)
    } else {
        local_route(d, &mut b)
    };
    b.note(Bilingual::new(
        "未使用的减免项目不退还现金；低保、特困对象的骨灰寄存可延长（武民政〔2011〕78号）。",
        "Unused items are not refunded in cash; ash storage is longer for dibao and extreme-poverty \
         recipients (武民政〔2011〕78号).",
    ));
    let amount = (outcome != Outcome::LikelyNot).then_some(Amount {
        fen: total,
        period: Period::OneOff,
        up_to: true,
    });
    b.finish(outcome, amount)
}

fn local_route(d: &Deceased, b: &mut Builder) -> Outcome {
    b.reason(Reason::new(
        Bilingual::new("在武汉火化", "Cremated in Wuhan"),
        yes(d.cremated_in_wuhan),
    ));
    let hukou = yes(d.hukou_wuhan);
    let died = yes(d.died_in_wuhan);
    b.reason(Reason::new(
        Bilingual::new(
            "具有武汉市户籍，或非本市户籍但在武汉死亡",
            "Registered in Wuhan, or not registered but died in Wuhan",
        ),
        match (hukou, died) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
    ));
    if d.cremated_in_wuhan == TriState::Unknown {
        return Outcome::NeedsCaseworker;
    }
    match (hukou, died) {
        (Some(true), _) | (_, Some(true)) => Outcome::LikelyEligible,
        (Some(false), Some(false)) => Outcome::LikelyNot,
        _ => Outcome::NeedsCaseworker,
    }
}

/// The claim-back window for a cremation outside Wuhan: its length in months and its last day
/// (the same day that many calendar months after the cremation, or the month's last day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClaimWindow {
    pub months: i64,
    pub last_day: Date,
}

impl ClaimWindow {
    fn after(cremated: Date, months: i64) -> ClaimWindow {
        let last_day = cremated
            .add_months(u32::try_from(months).unwrap_or(0))
            .unwrap_or(cremated);
        ClaimWindow { months, last_day }
    }

    /// The window by the standard in force on `date` (`funeral.reimbursement_window_months`).
    pub fn of(
        cremated: Date,
        date: Date,
        params: &ParameterSet,
    ) -> Result<ClaimWindow, crate::error::PolicyError> {
        let months = params
            .value_at(crate::param_ids::FUNERAL_REIMBURSEMENT_WINDOW_MONTHS, date)?
            .value;
        Ok(ClaimWindow::after(cremated, months))
    }
}

fn claim_route(ctx: &Ctx<'_>, d: &Deceased, window: i64, b: &mut Builder) -> Outcome {
    b.reason(Reason::new(
        Bilingual::new(
            "在外地火化的，须具有武汉市户籍（回户籍地报销）",
            "Cremated outside Wuhan: must be registered in Wuhan (claim back at the registration district)",
        ),
        yes(d.hukou_wuhan),
    ));
    let in_window = match d.cremation_date {
        Some(cremated) => {
            let last = ClaimWindow::after(cremated, window).last_day;
            let ok = ctx.date <= last;
            b.reason(
                Reason::new(
                    Bilingual::owned(
                        format!("火化后 {window} 个月内申请报销（截止 {last}）"),
                        format!("Claim within {window} months of the cremation (last day {last})"),
                    ),
                    Some(ok),
                )
                .compare(
                    Quantity::Date { date: ctx.date },
                    Quantity::Date { date: last },
                ),
            );
            let days = last.ordinal() - ctx.date.ordinal();
            b.change(WhatWouldChange {
                headroom_fen_per_month: None,
                shortfall_fen_per_month: None,
                text: if ok {
                    Bilingual::owned(
                        format!("还有 {days} 天可申请报销（截止 {last}）。"),
                        format!("{days} day(s) left to claim (last day {last})."),
                    )
                } else {
                    Bilingual::owned(
                        format!("报销期限已于 {last} 截止。"),
                        format!("The claim period ended on {last}."),
                    )
                },
            });
            Some(ok)
        }
        None => {
            b.reason(Reason::new(
                Bilingual::owned(
                    format!("火化后 {window} 个月内申请报销（请提供火化日期）"),
                    format!(
                        "Claim within {window} months of the cremation (give the cremation date)"
                    ),
                ),
                None,
            ));
            None
        }
    };
    all_of(&[yes(d.hukou_wuhan), in_window])
}

pub(crate) fn assess_eco_burial(ctx: &Ctx<'_>) -> ProgramResult {
    let where_ = Bilingual::new(
        "逝者户籍所在街道办事处或区民政局（殡葬管理）",
        "The street office or district civil-affairs bureau (funeral administration) of the deceased's registration",
    );
    let mut b = Builder::new(ProgramId::EcoBurialReward, DOCUMENTS, where_);
    let Some(d) = ctx.h.deceased.as_ref() else {
        return no_deceased(b);
    };
    let Some(kind) = d.eco_burial else {
        b.reason(Reason::new(
            Bilingual::new(
                "选择树葬、花坛葬、草坪葬或海葬、江河撒散等生态安葬",
                "An eco-burial was chosen (tree, flower bed, lawn, scattering)",
            ),
            Some(false),
        ));
        return b.finish(Outcome::LikelyNot, None);
    };
    let id = match kind {
        crate::household::EcoBurial::Tree => crate::param_ids::FUNERAL_ECO_BURIAL_TREE,
        crate::household::EcoBurial::FlowerBed => crate::param_ids::FUNERAL_ECO_BURIAL_FLOWER_BED,
        crate::household::EcoBurial::Lawn => crate::param_ids::FUNERAL_ECO_BURIAL_LAWN,
        crate::household::EcoBurial::Scattering => crate::param_ids::FUNERAL_ECO_BURIAL_SCATTERING,
    };
    let reward = match ctx.param(id) {
        Ok(p) => p,
        Err(e) => {
            b.missing(&e);
            return b.finish(Outcome::NeedsCaseworker, None);
        }
    };
    b.reason(
        Reason::new(
            Bilingual::owned(
                format!("生态安葬：{}", reward.name_zh),
                format!("Eco-burial: {}", reward.name_en),
            ),
            Some(true),
        )
        .param(reward.to_ref()),
    );
    // Non-registered deceased: whether a reward applies is for the bureau to decide.
    let hukou = yes(d.hukou_wuhan).filter(|h| *h);
    b.reason(Reason::new(
        Bilingual::new("逝者具有武汉市户籍", "The deceased was registered in Wuhan"),
        hukou,
    ));
    let outcome = all_of(&[hukou]);
    b.finish(
        outcome,
        Some(Amount {
            fen: reward.value,
            period: Period::OneOff,
            up_to: false,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::ClaimWindow;
    use crate::{Date, ParameterSet};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_claim_window_is_the_standard_in_force_in_calendar_months() {
        let params = ParameterSet::embedded();
        let w = ClaimWindow::of(d("2025-11-30"), d("2026-01-10"), &params).unwrap();
        assert_eq!(w.months, 3);
        assert_eq!(
            w.last_day,
            d("2026-02-28"),
            "the month's last day when it is shorter"
        );
    }
}
