//! What a program returns: an outcome (never "entitled"), an estimate, and the reasons.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::params::{ParamRef, Unit};
use crate::program_id::ProgramId;
use crate::text::{Bilingual, yuan};

/// The engine's verdict. It never says "entitled": the street office decides after the
/// household economic check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 可能符合 — every criterion looks met.
    LikelyEligible,
    /// 可能不符合 — at least one criterion is not met.
    LikelyNot,
    /// 需要工作人员判断 — an answer is unknown or the rule needs a person's judgement.
    NeedsCaseworker,
}

/// How often an amount is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Every month.
    Monthly,
    /// Once a year.
    Yearly,
    /// Once.
    OneOff,
}

/// An estimated amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Amount {
    /// The estimate in fen.
    pub fen: i64,
    /// How often.
    pub period: Period,
    /// True when `fen` is a maximum ("up to") rather than an estimate.
    pub up_to: bool,
}

/// A value compared in a reason: a number with its unit, or a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Quantity {
    /// A number in a unit (money in fen).
    Value {
        /// The number.
        value: i64,
        /// Its unit.
        unit: Unit,
    },
    /// A calendar date.
    Date {
        /// The date.
        date: Date,
    },
}

impl Quantity {
    /// Money in fen per person per month.
    pub fn per_person_month(fen: i64) -> Quantity {
        Quantity::Value {
            value: fen,
            unit: Unit::FenPerPersonMonth,
        }
    }

    /// Money in fen per household per month.
    pub fn per_month(fen: i64) -> Quantity {
        Quantity::Value {
            value: fen,
            unit: Unit::FenPerMonth,
        }
    }

    /// An age or duration in years.
    pub fn years(value: i64) -> Quantity {
        Quantity::Value {
            value,
            unit: Unit::Years,
        }
    }

    /// For display in Chinese, e.g. `910.00元/人/月`, `60岁/年`, `2024-04-30`.
    pub fn display_zh(&self) -> String {
        match *self {
            Quantity::Value { value, unit } if unit.is_money() => {
                format!("{}{}", yuan(value), unit.suffix_zh())
            }
            Quantity::Value { value, unit } => format!("{value}{}", unit.suffix_zh()),
            Quantity::Date { date } => date.to_string(),
        }
    }

    /// For display in English, e.g. `910.00 yuan per person per month`.
    pub fn display_en(&self) -> String {
        match *self {
            Quantity::Value { value, unit } if unit.is_money() => {
                format!("{} {}", yuan(value), unit.suffix_en())
            }
            Quantity::Value { value, unit } => format!("{value} {}", unit.suffix_en()),
            Quantity::Date { date } => date.to_string(),
        }
    }
}

/// One criterion and whether it is met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The criterion in words.
    pub criterion: Bilingual,
    /// Met (`Some(true)`), not met (`Some(false)`) or unknown (`None`).
    pub met: Option<bool>,
    /// The household member it is about (index into `members`), if it is about one.
    pub member: Option<usize>,
    /// The household's value, if a comparison was made.
    pub actual: Option<Quantity>,
    /// The threshold it was compared with.
    pub threshold: Option<Quantity>,
    /// The parameter version behind the threshold, with its source.
    pub parameter: Option<ParamRef>,
}

impl Reason {
    /// A criterion without numbers.
    pub fn new(criterion: Bilingual, met: Option<bool>) -> Reason {
        Reason {
            criterion,
            met,
            member: None,
            actual: None,
            threshold: None,
            parameter: None,
        }
    }

    /// Adds the compared values.
    pub fn compare(mut self, actual: Quantity, threshold: Quantity) -> Reason {
        self.actual = Some(actual);
        self.threshold = Some(threshold);
        self
    }

    /// Says which member (index into `members`) the criterion is about.
    pub fn member(mut self, index: usize) -> Reason {
        self.member = Some(index);
        self
    }

    /// Adds the household's value alone (nothing to compare it with).
    pub fn value(mut self, actual: Quantity) -> Reason {
        self.actual = Some(actual);
        self
    }

    /// Adds the parameter version used.
    pub fn param(mut self, parameter: ParamRef) -> Reason {
        self.parameter = Some(parameter);
        self
    }
}

/// What would change the result, for income tests: remaining headroom or the shortfall.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhatWouldChange {
    /// How much more household income per month (fen) would still pass the test.
    pub headroom_fen_per_month: Option<i64>,
    /// How much less household income per month (fen) would be needed to pass the test.
    pub shortfall_fen_per_month: Option<i64>,
    /// The same in words.
    pub text: Bilingual,
}

/// The result of one program for one household on one date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramResult {
    /// Which program.
    pub program: ProgramId,
    /// Its name.
    pub name: Bilingual,
    /// The verdict.
    pub outcome: Outcome,
    /// Estimated amount, if the program pays one.
    pub amount: Option<Amount>,
    /// True when any figure used is a placeholder (示例值).
    pub uses_placeholder: bool,
    /// Each criterion with the values compared and the parameter version used.
    pub reasons: Vec<Reason>,
    /// Documents to bring.
    pub documents: Cow<'static, [Bilingual]>,
    /// Where to apply.
    pub where_to_apply: Bilingual,
    /// What would change the result.
    pub what_would_change: Option<WhatWouldChange>,
    /// Further remarks (care arrangements, urgent path, placeholder notice…).
    pub notes: Vec<Bilingual>,
    /// False for referrals decided by another department.
    pub decided_by_civil_affairs: bool,
    /// "Likely eligible; the street office decides after the household economic check."
    pub disclaimer: Bilingual,
}

impl ProgramResult {
    /// The estimated amount in fen, or 0 when none.
    pub fn amount_fen(&self) -> i64 {
        self.amount.map_or(0, |a| a.fen)
    }
}
