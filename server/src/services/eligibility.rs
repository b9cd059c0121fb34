//! The pre-eligibility check for API clients: the same `policy` engine the browser runs.
//! Nothing of the household is stored or logged.

use crate::error::{ApiError, FieldError, Message};
use policy::{Date, Household, ParameterSet, ProgramResult};
use std::sync::OnceLock;

/// The embedded parameters, parsed once per process.
pub fn parameters() -> &'static ParameterSet {
    static SET: OnceLock<ParameterSet> = OnceLock::new();
    SET.get_or_init(ParameterSet::embedded)
}

/// Today in Asia/Shanghai (UTC+8, no daylight saving).
pub fn today_shanghai() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let epoch = Date::new(1970, 1, 1).expect("valid date").ordinal();
    Date::from_ordinal(epoch + (secs + 8 * 3600) / 86_400).expect("a date within years 1..9999")
}

pub fn field_errors(errors: Vec<policy::FieldError>) -> ApiError {
    ApiError::Validation(
        errors
            .into_iter()
            .map(|e| FieldError {
                field: e.field,
                message: Message::new(e.message_zh, e.message_en),
            })
            .collect(),
    )
}

pub fn check(
    household: &Household,
    date: Option<Date>,
) -> Result<(Date, Vec<ProgramResult>), ApiError> {
    let date = date.unwrap_or_else(today_shanghai);
    let results = policy::evaluate_all(household, date, parameters()).map_err(field_errors)?;
    Ok((date, results))
}
