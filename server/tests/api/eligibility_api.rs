//! The eligibility API answers exactly what the engine (also run in the browser) answers, for
//! every golden case, and refuses bad input with field errors.

use crate::support;

use serde_json::{Value, json};
use support::{Backend, TestApp};

fn golden_cases() -> Vec<(String, Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../policy/golden");
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(dir).expect("golden dir") {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let file: Value = toml::from_str(&text).unwrap();
        for case in file["case"].as_array().unwrap() {
            cases.push((case["name"].as_str().unwrap().to_string(), case.clone()));
        }
    }
    cases
}

#[tokio::test]
async fn api_matches_the_engine_for_every_golden_case() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let params = policy::ParameterSet::embedded();
    let cases = golden_cases();
    assert!(
        cases.len() >= 80,
        "at least 80 golden cases, found {}",
        cases.len()
    );
    for (name, case) in cases {
        let body = json!({"household": case["household"], "date": case["date"]});
        let res = app
            .client
            .post(app.url("/api/v1/eligibility/check"))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let got: Value = res.json().await.unwrap();
        let household: policy::Household =
            serde_json::from_value(case["household"].clone()).unwrap();
        let date = policy::Date::parse(case["date"].as_str().unwrap()).unwrap();
        match policy::evaluate_all(&household, date, &params) {
            Ok(results) => {
                assert_eq!(status, 200, "{name}: {got}");
                assert_eq!(
                    got["results"],
                    serde_json::to_value(&results).unwrap(),
                    "{name}"
                );
                assert_eq!(got["date"], case["date"], "{name}");
            }
            Err(errors) => {
                assert_eq!(status, 422, "{name}: {got}");
                let fields: Vec<&str> = got["fields"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["field"].as_str().unwrap())
                    .collect();
                for e in errors {
                    assert!(
                        fields.contains(&e.field.as_str()),
                        "{name}: field {} missing in {got}",
                        e.field
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn bad_households_get_field_errors_in_two_languages() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let cases = [
        (
            json!({"residence": "urban", "members": [], "monthly_income_fen": 0}),
            "members",
        ),
        (
            json!({"residence": "urban", "members": [{"age": 30}], "monthly_income_fen": -100}),
            "monthly_income_fen",
        ),
        (
            json!({"residence": "urban", "members": [{"birth_date": "2999-01-01"}], "monthly_income_fen": 0}),
            "members[0].birth_date",
        ),
    ];
    for (household, field) in cases {
        let res = app
            .client
            .post(app.url("/api/v1/eligibility/check"))
            .json(&json!({"household": household, "date": "2024-05-01"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "validation");
        let f = body["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == field)
            .unwrap_or_else(|| panic!("{field} in {body}"));
        assert!(!f["message"]["zh"].as_str().unwrap().is_empty());
        assert!(!f["message"]["en"].as_str().unwrap().is_empty());
    }
    let too_early = app.client.post(app.url("/api/v1/eligibility/check"))
        .json(&json!({"household": {"residence": "urban", "members": [{"age": 30}], "monthly_income_fen": 0}, "date": "1990-01-01"}))
        .send().await.unwrap();
    assert_eq!(
        too_early.status(),
        422,
        "a date before any parameter exists"
    );
    let malformed = app
        .client
        .post(app.url("/api/v1/eligibility/check"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    assert_eq!(
        malformed.json::<Value>().await.unwrap()["code"],
        "bad_request"
    );
}

#[tokio::test]
async fn programs_and_dated_parameters_with_sources_are_published() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let programs: Vec<Value> = app
        .get("/api/v1/policy/programs")
        .await
        .json()
        .await
        .unwrap();
    assert!(programs.iter().any(|p| p["id"] == "dibao"));
    let params: Vec<Value> = app
        .get("/api/v1/policy/parameters")
        .await
        .json()
        .await
        .unwrap();
    let urban = params
        .iter()
        .find(|p| p["id"] == "dibao.standard.urban")
        .expect("urban 低保 standard");
    let history = urban["history"].as_array().unwrap();
    let from_2022 = history
        .iter()
        .find(|v| v["effective"] == "2022-04-01")
        .expect("the April 2022 change");
    assert_eq!(from_2022["value"], 91000);
    assert!(
        history
            .iter()
            .all(|v| !v["source"].as_str().unwrap().is_empty()),
        "every value has a source"
    );
}
