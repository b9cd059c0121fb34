//! Every API route, called as every kind of caller: anonymous, a resident, and staff of each
//! role. Each gets exactly what the route's audience allows (401 without a sign-in, 403 for
//! the wrong role). The table is read from the routes as each feature declares them
//! (`server::routes::api_table`), the same declaration the router and the OpenAPI document
//! are built from; a route added without an audience does not compile.

use crate::support;

use server::auth::roles::{Audience, Role, STAFF_ROLES};
use server::auth::totp;
use server::staff;
use server::state::AppState;

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

#[derive(Clone, Debug)]
enum Caller {
    Anonymous,
    Resident,
    Staff(Role, String),
}

async fn resident_token(s: &AppState, n: usize) -> String {
    support::resident_tokens(s, &format!("1370000{n:04}"), &format!("walk-{n}"))
        .await
        .access
}

#[tokio::test]
async fn every_route_answers_every_caller_as_its_audience_allows() {
    let app = support::TestApp::spawn(support::Backend::Sqlite)
        .await
        .unwrap();
    let s = AppState::new(support::test_config(&app.database_url), app.db.clone());
    let t = server::clock::now();
    let mut callers = vec![Caller::Anonymous, Caller::Resident];
    for role in STAFF_ROLES {
        let username = format!("walk-{role}");
        let spec = staff::StaffSpec {
            username: &username,
            display_name: role.as_str(),
            password: "Walk-the-routes-2026",
            role: *role,
            street: None,
        };
        staff::create(&s.db, &s.vault, &spec, totp::from_base32(SECRET), t)
            .await
            .unwrap();
        let code = totp::code_at(&totp::from_base32(SECRET).unwrap(), t);
        let (token, _) = staff::sign_in(&s, &username, "Walk-the-routes-2026", &code, t)
            .await
            .unwrap();
        callers.push(Caller::Staff(*role, token));
    }
    let table = server::routes::api_table(&s.cfg);
    assert!(table.len() > 100, "every route is walked: {}", table.len());
    let mut n = 0;
    for server::api::routes::ApiRoute {
        method,
        path,
        audience,
    } in &table
    {
        for caller in &callers {
            n += 1;
            let mut req = match *method {
                "POST" => app.client.post(app.url(path)).json(&serde_json::json!({})),
                "GET" => app.client.get(app.url(path)),
                other => panic!("{other} {path}: the walk calls GET and POST routes"),
            };
            req = match caller {
                Caller::Anonymous => req,
                Caller::Resident => req.bearer_auth(resident_token(&s, n).await),
                Caller::Staff(_, token) => req.header("cookie", format!("staff={token}")),
            };
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            let code = res
                .json::<serde_json::Value>()
                .await
                .ok()
                .and_then(|b| b["code"].as_str().map(str::to_owned));
            let expected_refusal = match (audience, caller) {
                (Audience::Anyone, _) => None,
                (Audience::Resident, Caller::Resident) => None,
                (Audience::Resident, _) => Some(401),
                (Audience::Staff(roles), Caller::Staff(role, _)) => {
                    (!roles.contains(role)).then_some(403)
                }
                (Audience::Staff(_), _) => Some(401),
            };
            match expected_refusal {
                Some(expected) => assert_eq!(status, expected, "{method} {path} as {caller:?}"),
                // An allowed caller may still be refused for the record (a coordinator of
                // another organization), but never as unauthenticated or for the role.
                None => assert!(
                    status != 401 && code.as_deref() != Some("forbidden"),
                    "{method} {path} as {caller:?} got {status} {code:?}"
                ),
            }
        }
    }
}

#[tokio::test]
async fn the_route_table_and_the_openapi_document_list_the_same_routes() {
    let app = support::TestApp::spawn(support::Backend::Sqlite)
        .await
        .unwrap();
    let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let mut documented: Vec<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(p, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_uppercase(), p.clone()))
        })
        .collect();
    let cfg = support::test_config(&app.database_url);
    let mut stated: Vec<(String, String)> = server::routes::api_table(&cfg)
        .into_iter()
        .map(|r| (r.method.to_string(), r.path))
        .collect();
    documented.sort();
    stated.sort();
    assert_eq!(documented, stated);
}

/// The document states each route's audience as the route table does (security requirement and
/// the refusals it brings), names every operation once, and states the shared refusals (400 for
/// what does not parse, 413 for a JSON body over the limit) wherever they can happen.
#[test]
fn the_openapi_document_states_audiences_and_refusals() {
    let cfg = support::test_config("sqlite::memory:");
    let doc = serde_json::to_value(server::routes::api_document(&cfg)).unwrap();
    let mut ids = std::collections::BTreeSet::new();
    for server::api::routes::ApiRoute {
        method,
        path,
        audience,
    } in server::routes::api_table(&cfg)
    {
        let op = &doc["paths"][&path][method.to_lowercase()];
        let what = format!("{method} {path}");
        assert!(
            ids.insert(op["operationId"].as_str().unwrap().to_owned()),
            "{what}: operationId {} is used twice",
            op["operationId"]
        );
        let responses = op["responses"].as_object().unwrap();
        let documents = |status: &str| {
            responses.get(status).is_some_and(|r| {
                r["content"]["application/json"]["schema"]["$ref"]
                    == "#/components/schemas/ErrorBody"
            })
        };
        match audience {
            Audience::Anyone => assert!(
                op["security"]
                    .as_array()
                    .is_none_or(|s| s.iter().any(|r| r.as_object().unwrap().is_empty())),
                "{what} is open to anyone: {}",
                op["security"]
            ),
            Audience::Resident => {
                assert_eq!(
                    op["security"],
                    serde_json::json!([{"bearer": []}]),
                    "{what}"
                );
                assert!(documents("401"), "{what} documents 401");
            }
            Audience::Staff(roles) => {
                assert_eq!(
                    op["security"],
                    serde_json::json!([{ "staff_session": roles }]),
                    "{what}"
                );
                assert!(
                    documents("401") && documents("403"),
                    "{what} documents 401, 403"
                );
            }
        }
        let json_body = op["requestBody"]["content"]["application/json"].is_object();
        let parses = json_body
            || op["requestBody"].is_object()
            || op["parameters"].as_array().is_some_and(|p| !p.is_empty());
        assert!(!parses || documents("400"), "{what} documents 400");
        assert!(!json_body || documents("413"), "{what} documents 413");
    }
}

/// Every schema the document refers to is in it: the schemas come from the handlers' own
/// annotations as each route is declared, none from a hand-kept list.
#[test]
fn every_schema_the_document_refers_to_is_in_it() {
    fn refs(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::String(r)) = m.get("$ref") {
                    out.push(r.clone());
                }
                m.values().for_each(|v| refs(v, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let cfg = support::test_config("sqlite::memory:");
    let doc = serde_json::to_value(server::routes::api_document(&cfg)).unwrap();
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(found.len() > 100, "the document refers to its schemas");
    for r in found {
        let name = r
            .strip_prefix("#/components/schemas/")
            .expect("a schema reference");
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{r} is referred to but not in the document"
        );
    }
}
