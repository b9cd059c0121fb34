//! Errors of the policy engine: parameter look-ups and household validation.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// A parameter could not be loaded, found or merged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PolicyError {
    /// No parameter has this id.
    UnknownParameter {
        /// The id asked for.
        id: String,
    },
    /// The parameter exists but its first value starts after the date asked about.
    NoValueOnDate {
        /// The parameter.
        id: String,
        /// The date asked about.
        date: Date,
        /// When its first value takes effect.
        first_effective: Date,
    },
    /// An embedded or supplied parameter file is malformed.
    InvalidParameterFile {
        /// File name.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A parameter or an override breaks a rule (duplicate, negative value, missing source…).
    InvalidParameter {
        /// The parameter.
        id: String,
        /// What is wrong.
        message: String,
    },
}

impl PolicyError {
    /// Message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            PolicyError::UnknownParameter { id } => format!("未知参数：{id}"),
            PolicyError::NoValueOnDate {
                id,
                date,
                first_effective,
            } => {
                format!("参数 {id} 在 {date} 尚无取值（最早生效日期 {first_effective}）")
            }
            PolicyError::InvalidParameterFile { file, message } => {
                format!("参数文件 {file} 格式错误：{message}")
            }
            PolicyError::InvalidParameter { id, message } => format!("参数 {id} 无效：{message}"),
        }
    }

    /// Message in English.
    pub fn message_en(&self) -> String {
        match self {
            PolicyError::UnknownParameter { id } => format!("unknown parameter: {id}"),
            PolicyError::NoValueOnDate {
                id,
                date,
                first_effective,
            } => {
                format!("parameter {id} has no value on {date} (first effective {first_effective})")
            }
            PolicyError::InvalidParameterFile { file, message } => {
                format!("parameter file {file} is malformed: {message}")
            }
            PolicyError::InvalidParameter { id, message } => {
                format!("parameter {id} is invalid: {message}")
            }
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for PolicyError {}

/// Why a household field was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    /// The household has no members.
    HouseholdEmpty,
    /// More than the maximum number of members.
    HouseholdTooLarge,
    /// A money amount is below zero.
    Negative,
    /// A money amount is implausibly large.
    TooLarge,
    /// Neither age nor birth date given for a member.
    AgeMissing,
    /// An age above the plausible maximum.
    AgeImplausible,
    /// A date (birth, cremation) after the date of the check.
    DateInFuture,
    /// The date of the check is before any parameter takes effect.
    DateBeforeParameters,
    /// Members' own incomes add up to more than the household income.
    OwnIncomeExceedsHousehold,
}

/// One problem with the household as submitted; never a panic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Path of the field, e.g. `members[1].birth_date`.
    pub field: String,
    /// Machine-readable code.
    pub code: FieldErrorCode,
    /// Message in Chinese.
    pub message_zh: String,
    /// Message in English.
    pub message_en: String,
}

impl FieldError {
    /// Builds an error for `field`.
    pub fn new(
        field: impl Into<String>,
        code: FieldErrorCode,
        message_zh: impl Into<String>,
        message_en: impl Into<String>,
    ) -> FieldError {
        FieldError {
            field: field.into(),
            code,
            message_zh: message_zh.into(),
            message_en: message_en.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message_en)
    }
}

impl std::error::Error for FieldError {}
