//! The pre-eligibility check for API clients: the same `policy` engine the browser runs.
//! Nothing of the household is stored or logged.

use crate::error::{ApiError, FieldError, Message};
use crate::state::AppState;
use policy::{Date, Household, ParameterSet, ProgramResult};

/// The engine's field errors as the API's, in two languages.
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

pub async fn check(
    s: &AppState,
    household: &Household,
    date: Option<Date>,
) -> Result<(Date, Vec<ProgramResult>), ApiError> {
    let set = crate::parameters::current(s).await?.set;
    evaluate(
        household,
        date,
        crate::clock::today(crate::clock::now()),
        &set,
    )
}

/// The check without IO: the date asked for (else `today`), the household validated, then
/// every program evaluated on `set`. Invalid households become field errors, never a panic.
/// [`check`] and the `eligibility_check` fuzz target both call it.
pub fn evaluate(
    household: &Household,
    date: Option<Date>,
    today: Date,
    set: &ParameterSet,
) -> Result<(Date, Vec<ProgramResult>), ApiError> {
    let date = date.unwrap_or(today);
    let results = policy::evaluate_all(household, date, set).map_err(field_errors)?;
    Ok((date, results))
}
