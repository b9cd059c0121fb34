//! The body of `POST /api/v1/eligibility/check`: arbitrary bytes decoded as the handler's
//! `CheckRequest`; whatever decodes goes through the same validation and engine evaluation as
//! the handler (`check::service::evaluate`, on the embedded parameters) and the answer
//! is serialised as the handler would.

#![no_main]

use libfuzzer_sys::fuzz_target;
use policy::{Date, ParameterSet, ProgramId, ProgramResult};
use server::check::api::{CheckRequest, CheckResponse};
use server::error::ApiError;
use server::check::service as eligibility;

/// Stands for the clock when the request gives no date, so that runs are reproducible.
const TODAY: Date = match Date::new(2026, 1, 1) {
    Ok(d) => d,
    Err(_) => panic!("a real date"),
};

fuzz_target!(|data: &[u8]| {
    let Ok(req) = serde_json::from_slice::<CheckRequest>(data) else {
        return;
    };
    let set: &ParameterSet = ParameterSet::embedded_shared();
    let asked = req.date;
    match eligibility::evaluate(&req.household, req.date, TODAY, set) {
        Ok((date, results)) => {
            assert_eq!(date, asked.unwrap_or(TODAY));
            assert!(policy::validate(&req.household, date, set).is_empty());
            check_results(&results, req.household.members.len());
            let body = serde_json::to_vec(&CheckResponse {
                date,
                results: results.clone(),
                disclaimer: policy::DISCLAIMER,
            })
            .expect("the answer serialises");
            let back: serde_json::Value =
                serde_json::from_slice(&body).expect("the answer is JSON");
            let again: Vec<ProgramResult> =
                serde_json::from_value(back["results"].clone()).expect("results read back");
            assert_eq!(again, results);
        }
        Err(ApiError::Validation(fields)) => {
            let date = asked.unwrap_or(TODAY);
            let expected = policy::validate(&req.household, date, set);
            assert!(!fields.is_empty());
            assert_eq!(fields.len(), expected.len());
            for (got, want) in fields.iter().zip(&expected) {
                assert_eq!(got.field, want.field);
                assert!(!got.message.zh.is_empty() && !got.message.en.is_empty());
            }
        }
        Err(other) => panic!("the check answered neither results nor field errors: {other:?}"),
    }
});

fn check_results(results: &[ProgramResult], members: usize) {
    assert_eq!(results.len(), ProgramId::ALL.len());
    for (result, program) in results.iter().zip(ProgramId::ALL) {
        assert_eq!(result.program, program);
        assert_eq!(result.name, program.name());
        assert_eq!(
            result.decided_by_civil_affairs,
            program.decided_by_civil_affairs()
        );
        if let Some(amount) = result.amount {
            assert!(amount.fen >= 0, "{program:?} estimates {} fen", amount.fen);
        }
        for reason in &result.reasons {
            if let Some(m) = reason.member {
                assert!(m < members, "{program:?} names member {m} of {members}");
            }
        }
    }
}
