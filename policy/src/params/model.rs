//! The shapes of parameters: units, dated versions, and the borrowed view a program reads.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// What a parameter's integer value counts. Money is always integer fen (1 yuan = 100 fen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Fen per person per month (assistance standards).
    FenPerPersonMonth,
    /// Fen per household per month.
    FenPerMonth,
    /// Fen per person per year (annual grants).
    FenPerPersonYear,
    /// Fen paid once.
    FenOneOff,
    /// Fen per day (e.g. cold storage of a body).
    FenPerDay,
    /// Fen per year (e.g. ash storage).
    FenPerYear,
    /// A number of months.
    Months,
    /// A number of years (ages, durations).
    Years,
    /// A number of days.
    Days,
    /// A multiplier in percent (150 means 1.5 ×).
    Percent,
    /// A plain count of people.
    Persons,
    /// Minutes (time-bank credits).
    Minutes,
}

impl Unit {
    /// The unit named as in the data files (`fen_per_person_month`, …).
    pub fn from_key(key: &str) -> Option<Unit> {
        Some(match key {
            "fen_per_person_month" => Unit::FenPerPersonMonth,
            "fen_per_month" => Unit::FenPerMonth,
            "fen_per_person_year" => Unit::FenPerPersonYear,
            "fen_one_off" => Unit::FenOneOff,
            "fen_per_day" => Unit::FenPerDay,
            "fen_per_year" => Unit::FenPerYear,
            "months" => Unit::Months,
            "years" => Unit::Years,
            "days" => Unit::Days,
            "percent" => Unit::Percent,
            "persons" => Unit::Persons,
            "minutes" => Unit::Minutes,
            _ => return None,
        })
    }

    /// True for the money units.
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Unit::FenPerPersonMonth
                | Unit::FenPerMonth
                | Unit::FenPerPersonYear
                | Unit::FenOneOff
                | Unit::FenPerDay
                | Unit::FenPerYear
        )
    }

    /// Chinese suffix for display, e.g. `元/人/月`.
    pub fn suffix_zh(self) -> &'static str {
        match self {
            Unit::FenPerPersonMonth => "元/人/月",
            Unit::FenPerMonth => "元/月",
            Unit::FenPerPersonYear => "元/人/年",
            Unit::FenOneOff => "元",
            Unit::FenPerDay => "元/天",
            Unit::FenPerYear => "元/年",
            Unit::Months => "个月",
            Unit::Years => "岁/年",
            Unit::Days => "天",
            Unit::Percent => "%",
            Unit::Persons => "人",
            Unit::Minutes => "分钟",
        }
    }

    /// English suffix for display, e.g. `yuan per person per month`.
    pub fn suffix_en(self) -> &'static str {
        match self {
            Unit::FenPerPersonMonth => "yuan per person per month",
            Unit::FenPerMonth => "yuan per month",
            Unit::FenPerPersonYear => "yuan per person per year",
            Unit::FenOneOff => "yuan",
            Unit::FenPerDay => "yuan per day",
            Unit::FenPerYear => "yuan per year",
            Unit::Months => "months",
            Unit::Years => "years",
            Unit::Days => "days",
            Unit::Percent => "%",
            Unit::Persons => "persons",
            Unit::Minutes => "minutes",
        }
    }
}

/// One version of a parameter: the value in force from `effective` until the next version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueVersion {
    /// First day on which this value applies.
    pub effective: Date,
    /// The value, in the parameter's unit (money in fen).
    pub value: i64,
    /// Where the figure comes from: plan section or notice, with its date. Shared, so that a
    /// result citing it does not copy it.
    pub source: Arc<str>,
    /// True when no public figure is known and the value is only illustrative
    /// ("示例值，以街道/民政局核定为准").
    #[serde(default)]
    pub placeholder: bool,
    /// Anything a reader should know about this version (e.g. "exact month to confirm").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A named, dated parameter with its full history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    /// Stable identifier, e.g. `dibao.standard.urban`.
    pub id: Arc<str>,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// What the value counts.
    pub unit: Unit,
    /// Versions, oldest first once loaded into a [`crate::ParameterSet`].
    pub history: Vec<ValueVersion>,
}

/// A version of a parameter arriving from outside the embedded files (the database),
/// to be merged on top of the defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedValue {
    /// The parameter it belongs to; must already exist.
    pub id: String,
    /// First day on which it applies.
    pub effective: Date,
    /// The value, in the parameter's unit.
    pub value: i64,
    /// Where the figure comes from (required, never empty).
    pub source: String,
    /// True when the value is illustrative only.
    #[serde(default)]
    pub placeholder: bool,
    /// Optional remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl DatedValue {
    /// The version part, without the parameter id.
    pub fn version(&self) -> ValueVersion {
        ValueVersion {
            effective: self.effective,
            value: self.value,
            source: Arc::from(self.source.as_str()),
            placeholder: self.placeholder,
            note: self.note.clone(),
        }
    }
}

/// The value of a parameter in force on a date, borrowed from its [`crate::ParameterSet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ParamValue<'a> {
    /// Parameter id.
    pub id: &'a str,
    /// Chinese name.
    pub name_zh: &'a str,
    /// English name.
    pub name_en: &'a str,
    /// Unit of `value`.
    pub unit: Unit,
    /// Effective date of the version used.
    pub effective: Date,
    /// The value.
    pub value: i64,
    /// Source of the version used.
    pub source: &'a str,
    /// Whether the version used is a placeholder.
    pub placeholder: bool,
    /// Remark on the version used.
    pub note: Option<&'a str>,
    #[serde(skip)]
    pub(crate) shared_id: &'a Arc<str>,
    #[serde(skip)]
    pub(crate) shared_source: &'a Arc<str>,
}

impl ParamValue<'_> {
    /// A reference to this version for a result's reasons (shares the strings, copies nothing).
    pub fn to_ref(&self) -> ParamRef {
        ParamRef {
            id: Arc::clone(self.shared_id),
            effective: self.effective,
            source: Arc::clone(self.shared_source),
            placeholder: self.placeholder,
        }
    }
}

/// Which version of which parameter a reason relied on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamRef {
    /// Parameter id.
    pub id: Arc<str>,
    /// Effective date of the version used.
    pub effective: Date,
    /// Source of that version.
    pub source: Arc<str>,
    /// Whether that version is a placeholder.
    pub placeholder: bool,
}
