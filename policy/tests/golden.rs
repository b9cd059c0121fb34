//! Golden cases: every `policy/golden/*.toml` file holds `[[case]]` tables with a household, a
//! date and the expected outcome and amount per program (or the expected field errors).
//! The expectations were computed by hand from `shared/policy-figures.md` and the placeholder
//! values in `policy/parameters/`; each case's `note` shows the arithmetic.

use std::path::Path;

use policy::{
    Date, FieldErrorCode, Household, Outcome, ParameterSet, Period, ProgramId, evaluate_all,
};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldenFile {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    note: String,
    date: Date,
    household: Household,
    #[serde(default)]
    expect: Vec<Expect>,
    #[serde(default)]
    error: Vec<ExpectError>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    program: ProgramId,
    outcome: Outcome,
    /// Absent means "no amount".
    amount_fen: Option<i64>,
    period: Option<Period>,
    uses_placeholder: Option<bool>,
    headroom_fen: Option<i64>,
    shortfall_fen: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectError {
    field: String,
    code: FieldErrorCode,
}

fn check(case: &Case, params: &ParameterSet) -> Vec<String> {
    let mut problems = Vec::new();
    let results = match evaluate_all(&case.household, case.date, params) {
        Ok(results) => {
            if !case.error.is_empty() {
                problems.push("expected field errors, got results".to_owned());
            }
            results
        }
        Err(errors) => {
            if case.error.is_empty() {
                problems.push(format!("unexpected field errors: {errors:?}"));
            }
            for want in &case.error {
                if !errors
                    .iter()
                    .any(|e| e.field == want.field && e.code == want.code)
                {
                    problems.push(format!(
                        "missing error {} {:?}; got {errors:?}",
                        want.field, want.code
                    ));
                }
            }
            return problems;
        }
    };
    for want in &case.expect {
        let Some(got) = results.iter().find(|r| r.program == want.program) else {
            problems.push(format!("{:?}: no result", want.program));
            continue;
        };
        let p = want.program;
        if got.outcome != want.outcome {
            problems.push(format!(
                "{p:?}: outcome {:?}, expected {:?}",
                got.outcome, want.outcome
            ));
        }
        let amount = got.amount.map(|a| a.fen);
        if amount != want.amount_fen {
            problems.push(format!(
                "{p:?}: amount {amount:?}, expected {:?}",
                want.amount_fen
            ));
        }
        if let Some(period) = want.period
            && got.amount.map(|a| a.period) != Some(period)
        {
            problems.push(format!(
                "{p:?}: period {:?}, expected {period:?}",
                got.amount.map(|a| a.period)
            ));
        }
        if let Some(flag) = want.uses_placeholder
            && got.uses_placeholder != flag
        {
            problems.push(format!(
                "{p:?}: uses_placeholder {}, expected {flag}",
                got.uses_placeholder
            ));
        }
        let change = got.what_would_change.as_ref();
        if let Some(h) = want.headroom_fen
            && change.and_then(|c| c.headroom_fen_per_month) != Some(h)
        {
            problems.push(format!(
                "{p:?}: headroom {:?}, expected {h}",
                change.and_then(|c| c.headroom_fen_per_month)
            ));
        }
        if let Some(s) = want.shortfall_fen
            && change.and_then(|c| c.shortfall_fen_per_month) != Some(s)
        {
            problems.push(format!(
                "{p:?}: shortfall {:?}, expected {s}",
                change.and_then(|c| c.shortfall_fen_per_month)
            ));
        }
    }
    problems
}

#[test]
fn golden_cases() {
    let params = ParameterSet::embedded();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("policy/golden exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut total = 0;
    let mut failures = Vec::new();
    let mut names = std::collections::HashSet::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable golden file");
        let file: GoldenFile =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            total += 1;
            assert!(
                names.insert(case.name.clone()),
                "duplicate case name: {}",
                case.name
            );
            assert!(
                !case.expect.is_empty() || !case.error.is_empty(),
                "case {} expects nothing",
                case.name
            );
            let problems = check(case, &params);
            if !problems.is_empty() {
                let file_name = path
                    .file_name()
                    .map(|f| f.to_string_lossy())
                    .unwrap_or_default();
                failures.push(format!(
                    "[{file_name}] {}\n    note: {}\n    - {}",
                    case.name,
                    case.note,
                    problems.join("\n    - ")
                ));
            }
        }
    }
    assert!(total >= 80, "only {total} golden cases");
    assert!(
        failures.is_empty(),
        "{} of {total} golden cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{total} golden cases passed");
}
