//! A new dated value as it arrives (from the API or the form) and why one is refused.

use crate::error::ApiError;
use policy::{Date, Unit};

/// The longest source and note accepted (characters).
pub const MAX_SOURCE_CHARS: usize = 500;
pub const MAX_NOTE_CHARS: usize = 500;

/// Why a new value was refused. Each says so in Chinese and English, at its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("unknown parameter")]
    UnknownParameter,
    #[error("no source")]
    NoSource,
    #[error("source too long")]
    SourceTooLong,
    #[error("note too long")]
    NoteTooLong,
    #[error("no effective date")]
    NoDate,
    #[error("bad effective date")]
    BadDate,
    #[error("effective date not after {current}")]
    NotAfterCurrent { current: Date },
    #[error("no value")]
    NoValue,
    #[error("not a number")]
    NotANumber,
    #[error("negative")]
    Negative,
    #[error("fraction of a fen")]
    FractionOfFen,
    #[error("too large")]
    TooLarge,
}

impl Refusal {
    /// The stable code written to the audit log.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::UnknownParameter => "unknown_parameter",
            Refusal::NoSource => "no_source",
            Refusal::SourceTooLong => "source_too_long",
            Refusal::NoteTooLong => "note_too_long",
            Refusal::NoDate => "no_date",
            Refusal::BadDate => "bad_date",
            Refusal::NotAfterCurrent { .. } => "not_after_current",
            Refusal::NoValue => "no_value",
            Refusal::NotANumber => "not_a_number",
            Refusal::Negative => "negative",
            Refusal::FractionOfFen => "fraction_of_fen",
            Refusal::TooLarge => "too_large",
        }
    }

    pub fn field(&self) -> &'static str {
        match self {
            Refusal::UnknownParameter => "parameter",
            Refusal::NoSource | Refusal::SourceTooLong => "source",
            Refusal::NoteTooLong => "note",
            Refusal::NoDate | Refusal::BadDate | Refusal::NotAfterCurrent { .. } => "effective",
            Refusal::NoValue
            | Refusal::NotANumber
            | Refusal::Negative
            | Refusal::FractionOfFen
            | Refusal::TooLarge => "value",
        }
    }

    /// (Chinese, English).
    pub fn message(&self) -> (String, String) {
        let (zh, en) = match self {
            Refusal::UnknownParameter => (
                "没有这个参数，请从列表中选择",
                "No such parameter: choose one from the list",
            ),
            Refusal::NoSource => (
                "请填写依据（文件名称、文号或报道及日期）",
                "Enter the source (the notice, its number or the report, with its date)",
            ),
            Refusal::SourceTooLong => (
                "依据最多 500 个字",
                "The source takes at most 500 characters",
            ),
            Refusal::NoteTooLong => ("备注最多 500 个字", "The note takes at most 500 characters"),
            Refusal::NoDate => ("请填写生效日期", "Enter the effective date"),
            Refusal::BadDate => (
                "生效日期格式不正确，请写成 2026-07-01 这样的日期",
                "The effective date is not a date: write it like 2026-07-01",
            ),
            Refusal::NotAfterCurrent { current } => {
                return (
                    format!("生效日期必须晚于现行标准的生效日期（{current}）"),
                    format!("The effective date must be after the current value's ({current})"),
                );
            }
            Refusal::NoValue => ("请填写新标准", "Enter the new value"),
            Refusal::NotANumber => (
                "新标准必须是数字（金额按元填写，如 980 或 980.50；其他为整数）",
                "The new value must be a number (money in yuan such as 980 or 980.50; otherwise a whole number)",
            ),
            Refusal::Negative => ("新标准不能为负数", "The new value cannot be negative"),
            Refusal::FractionOfFen => (
                "金额最多精确到分（小数点后两位）",
                "Amounts go to the fen at most (two decimals)",
            ),
            Refusal::TooLarge => (
                "新标准过大，请核对",
                "The new value is too large; please check it",
            ),
        };
        (zh.to_string(), en.to_string())
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> ApiError {
        let (zh, en) = r.message();
        ApiError::field(r.field(), &zh, &en)
    }
}

/// A new value as the API sends it: `value` an integer in the parameter's unit (money in fen).
pub fn value_from_json(v: &serde_json::Value) -> Result<i64, Refusal> {
    match v {
        serde_json::Value::Null => Err(Refusal::NoValue),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) if i < 0 => Err(Refusal::Negative),
            Some(i) => Ok(i),
            None if n.as_f64().is_some_and(|f| f < 0.0) => Err(Refusal::Negative),
            None if n.as_u64().is_some() => Err(Refusal::TooLarge),
            None => Err(Refusal::NotANumber),
        },
        _ => Err(Refusal::NotANumber),
    }
}

/// A new value as typed in the form: money in yuan (`980`, `980.50`), other units a whole number.
pub fn value_from_form(unit: Unit, text: &str) -> Result<i64, Refusal> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Refusal::NoValue);
    }
    if t.starts_with(['-', '－', '−']) {
        return Err(Refusal::Negative);
    }
    if unit.is_money() {
        use types::money::AmountError;
        match types::money::parse_yuan(t) {
            Ok(fen) => Ok(fen),
            // Negatives were refused above: what is left is zero, a valid value.
            Err(AmountError::NotPositive) => Ok(0),
            Err(AmountError::Empty) => Err(Refusal::NoValue),
            Err(AmountError::FractionOfFen) => Err(Refusal::FractionOfFen),
            Err(AmountError::TooLarge) => Err(Refusal::TooLarge),
            Err(AmountError::NotANumber) => Err(Refusal::NotANumber),
        }
    } else {
        let t = t.strip_prefix('+').unwrap_or(t);
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Refusal::NotANumber);
        }
        t.parse::<i64>().map_err(|_| Refusal::TooLarge)
    }
}

/// A value as it arrives: read in the parameter's unit once the parameter is known.
#[derive(Debug, Clone)]
pub enum ValueInput {
    /// From the API: an integer in the parameter's unit (money in fen).
    Json(serde_json::Value),
    /// From the form: money in yuan, other units a whole number.
    Typed(String),
}

/// A value to add.
#[derive(Debug, Clone)]
pub struct NewValue {
    /// `YYYY-MM-DD`.
    pub effective: String,
    pub value: ValueInput,
    pub source: String,
    pub note: Option<String>,
}
