//! The pre-eligibility check for API clients: the same `policy` engine the browser runs.
//! Nothing of the household is stored or logged.

use crate::error::{ApiError, FieldError, Message};
use policy::{Date, Household, ParameterSet, ProgramResult};

/// The embedded parameters, parsed once per process.
pub fn parameters() -> &'static ParameterSet {
    ParameterSet::embedded_shared()
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
    let date = date.unwrap_or_else(app::check::today);
    let results = policy::evaluate_all(household, date, parameters()).map_err(field_errors)?;
    Ok((date, results))
}
