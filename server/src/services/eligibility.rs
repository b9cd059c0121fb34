//! The pre-eligibility check for API clients: the same `policy` engine the browser runs.
//! Nothing of the household is stored or logged.

use crate::error::{ApiError, FieldError, Message};
use crate::state::AppState;
use policy::{Date, Household, ParameterSet, ProgramResult};
use std::sync::Arc;

/// The parameters this instance holds: the embedded ones merged with the versions policy
/// administrators added, as of the last refresh (`services::parameters::current` refreshes it,
/// and every page request and every check does). For a freshly checked set, use that.
pub fn parameters(s: &AppState) -> Arc<ParameterSet> {
    s.parameters.cached()
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

pub async fn check(
    s: &AppState,
    household: &Household,
    date: Option<Date>,
) -> Result<(Date, Vec<ProgramResult>), ApiError> {
    let set = super::parameters::current(s).await?.set;
    evaluate(household, date, app::check::today(), &set)
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
