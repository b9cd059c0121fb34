//! Policy administration on SQLite and PostgreSQL: a policy administrator adds a dated value
//! with its source; it applies from its date to the check (API, pages) and the parameter list;
//! the history says who, when, old and new; bad input is refused in Chinese and English and
//! changes nothing; other roles are refused; the values survive a restart; the table is
//! append-only.

use crate::support;

use policy::Date;
use serde_json::{Value, json};
use server::auth::totp;
use server::parameters;
use server::staff;
use server::state::AppState;

const SECRET: &str = "ONSWG4TFORYG63DJMN4WC5DNNFXGS43U";
const PASSWORD: &str = "Policy-Tests-2026";
const URBAN: &str = "dibao.standard.urban";

fn today() -> Date {
    parameters::today(server::clock::now())
}

fn state(app: &support::TestApp) -> AppState {
    AppState::new(support::test_config(&app.database_url), app.db.clone())
}

/// A member of staff of `role`, signed in: the staff cookie's token.
async fn staff_token(s: &AppState, username: &str, display_name: &str, role: &str) -> String {
    let t = server::clock::now();
    let spec = staff::StaffSpec {
        username,
        display_name,
        password: PASSWORD,
        role: types::account::Role::from_code(role).expect("a staff role"),
        street: (role == "caseworker").then_some("wujiashan"),
    };
    staff::create(&s.db, &s.vault, &spec, totp::from_base32(SECRET), t)
        .await
        .unwrap();
    let code = totp::code_at(&totp::from_base32(SECRET).unwrap(), t);
    staff::sign_in(s, username, PASSWORD, &code, t)
        .await
        .unwrap()
        .0
}

async fn policy_admin(s: &AppState) -> String {
    staff_token(s, "pa-one", "政策管理员甲", "policy_admin").await
}

async fn add(app: &support::TestApp, token: &str, id: &str, body: Value) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(&format!("/api/v1/policy/parameters/{id}/versions")))
        .header("cookie", format!("staff={token}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn history(app: &support::TestApp, id: &str) -> Vec<Value> {
    let res = app
        .get(&format!("/api/v1/policy/parameters/{id}/history"))
        .await;
    assert_eq!(res.status(), 200);
    res.json::<Vec<Value>>().await.unwrap()
}

async fn stored(app: &support::TestApp) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM parameter_versions")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// The dibao result of the check for an urban family of three with 1,500 yuan a month
/// (per capita 500 yuan), on `date` (today when None), through the API at `base`.
async fn dibao_on(client: &reqwest::Client, base: &str, date: Option<Date>) -> Value {
    let mut body = json!({"household": {
        "residence": "urban",
        "monthly_income_fen": 150000,
        "assets": {"savings_over_limit": "no", "extra_housing": "no", "vehicle": "no"},
        "members": [{"age": 40}, {"age": 38}, {"age": 12}]
    }});
    if let Some(d) = date {
        body["date"] = json!(d.to_string());
    }
    let res = client
        .post(format!("{base}/api/v1/eligibility/check"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let got: Value = res.json().await.unwrap();
    got["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["program"] == "dibao")
        .cloned()
        .expect("a dibao result")
}

/// The standard's version a dibao result relied on: (effective date, amount in fen).
fn standard_used(result: &Value) -> (String, i64) {
    let reason = result["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["parameter"]["id"] == URBAN)
        .expect("a reason citing the urban standard");
    (
        reason["parameter"]["effective"]
            .as_str()
            .unwrap()
            .to_string(),
        result["amount"]["fen"].as_i64().unwrap(),
    )
}

/// A second server over the same database: what a restart (or another instance) sees.
async fn another_instance(app: &support::TestApp) -> String {
    support::serve(server::build_router(
        support::test_config(&app.database_url),
        app.db.clone(),
    ))
    .await
}

on_both_backends!(a_scheduled_value_applies_from_its_date, |app| {
    let s = state(app);
    let token = policy_admin(&s).await;
    let from = today().add_days(30).unwrap();
    let before = from.add_days(-1).unwrap();

    // Before: the built-in 2023 standard, 940 yuan: (940 − 500) × 3 = 1,320 yuan.
    assert_eq!(
        standard_used(&dibao_on(&app.client, &app.addr, Some(from)).await),
        ("2023-01-01".to_string(), 132_000)
    );

    let (status, body) = add(
        app,
        &token,
        URBAN,
        json!({"effective": from.to_string(), "value": 105_000,
               "source": "武汉市民政局关于调整城乡低保标准的通知（测试）", "note": "测试用"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["old"], 94_000);
    assert_eq!(body["new"], 105_000);
    assert_eq!(body["who"], "政策管理员甲");

    // The check through the API: the old standard until the day before, the new one from it.
    assert_eq!(
        standard_used(&dibao_on(&app.client, &app.addr, Some(before)).await),
        ("2023-01-01".to_string(), 132_000)
    );
    assert_eq!(
        standard_used(&dibao_on(&app.client, &app.addr, Some(from)).await),
        (from.to_string(), 165_000)
    );
    // Today (no date) is before it: scheduled, not yet in force.
    assert_eq!(
        standard_used(&dibao_on(&app.client, &app.addr, None).await).1,
        132_000
    );

    // The parameter list (API) has it with its source; the public page shows it as scheduled.
    let list: Vec<Value> = app
        .get("/api/v1/policy/parameters")
        .await
        .json()
        .await
        .unwrap();
    let urban = list.iter().find(|p| p["id"] == URBAN).unwrap();
    let last = urban["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["effective"], from.to_string());
    assert_eq!(last["value"], 105_000);
    assert!(
        last["source"]
            .as_str()
            .unwrap()
            .contains("调整城乡低保标准")
    );
    let page = app.get("/policy/parameters").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("1,050.00"), "the scheduled value is listed");
    assert!(html.contains(&from.to_string()));
    assert!(html.contains("已排定"));
    // Every page carries the added versions for the check in the browser.
    let check = app.get("/check").await.text().await.unwrap();
    assert!(check.contains("id=\"param-versions\""), "{check}");
    assert!(check.contains("105000"));

    // The set is rebuilt from the database alone (what a restart does)…
    let (head, rebuilt) = parameters::load(&app.db).await.unwrap();
    assert_eq!(head, 1);
    assert_eq!(rebuilt.set.value_at(URBAN, before).unwrap().value, 94_000);
    assert_eq!(rebuilt.set.value_at(URBAN, from).unwrap().value, 105_000);
    // …and a new server over the same database uses it.
    let other = another_instance(app).await;
    assert_eq!(
        standard_used(&dibao_on(&app.client, &other, Some(from)).await),
        (from.to_string(), 165_000)
    );
});

on_both_backends!(another_instance_sees_a_value_added_here, |app| {
    // Two instances behind a load balancer: the other one picks the value up within a second.
    let other = another_instance(app).await;
    let from = today().add_days(10).unwrap();
    assert_eq!(
        standard_used(&dibao_on(&app.client, &other, Some(from)).await).1,
        132_000
    );
    let s = state(app);
    let token = policy_admin(&s).await;
    let (status, _) = add(
        app,
        &token,
        URBAN,
        json!({"effective": from.to_string(), "value": 100_000, "source": "通知（测试）"}),
    )
    .await;
    assert_eq!(status, 201);
    // The other instance read the counter a moment ago: it uses the new value once that
    // reading is older than the freshness window (a second).
    tokio::time::sleep(std::time::Duration::from_millis(
        server::parameters::FRESH_FOR_MS + 100,
    ))
    .await;
    assert_eq!(
        standard_used(&dibao_on(&app.client, &other, Some(from)).await).1,
        (100_000 - 50_000) * 3
    );
});

on_both_backends!(
    bad_input_is_refused_in_both_languages_and_changes_nothing,
    |app| {
        let s = state(app);
        let token = policy_admin(&s).await;
        let from = today().add_days(20).unwrap();
        let (status, _) = add(
            app,
            &token,
            URBAN,
            json!({"effective": from.to_string(), "value": 100_000, "source": "通知（测试）"}),
        )
        .await;
        assert_eq!(status, 201);
        let later = from.add_days(5).unwrap().to_string();
        let good = |v: Value| {
            let mut b = json!({"effective": later, "value": 101_000, "source": "通知（测试）"});
            for (k, x) in v.as_object().unwrap() {
                b[k] = x.clone();
            }
            b
        };
        let cases: Vec<(&str, Value, &str, &str, &str)> = vec![
            (
                URBAN,
                good(json!({"source": "   "})),
                "source",
                "请填写依据",
                "Enter the source",
            ),
            (
                URBAN,
                good(json!({"source": null})),
                "source",
                "请填写依据",
                "Enter the source",
            ),
            (
                URBAN,
                good(json!({"value": -1})),
                "value",
                "不能为负数",
                "cannot be negative",
            ),
            (
                URBAN,
                good(json!({"value": "abc"})),
                "value",
                "必须是数字",
                "must be a number",
            ),
            (
                URBAN,
                good(json!({"value": 1000.5})),
                "value",
                "必须是数字",
                "must be a number",
            ),
            (
                URBAN,
                good(json!({"value": null})),
                "value",
                "请填写新标准",
                "Enter the new value",
            ),
            (
                "dibao.no_such",
                good(json!({})),
                "parameter",
                "没有这个参数",
                "No such parameter",
            ),
            (
                URBAN,
                good(json!({"effective": "2026-13-01"})),
                "effective",
                "格式不正确",
                "not a date",
            ),
            (
                URBAN,
                good(json!({"effective": ""})),
                "effective",
                "请填写生效日期",
                "Enter the effective date",
            ),
            // On the latest version's date, and before it.
            (
                URBAN,
                good(json!({"effective": from.to_string()})),
                "effective",
                "生效日期必须晚于现行标准的生效日期",
                "The effective date must be after the current value's",
            ),
            (
                URBAN,
                good(json!({"effective": from.add_days(-1).unwrap().to_string()})),
                "effective",
                "生效日期必须晚于现行标准的生效日期",
                "The effective date must be after the current value's",
            ),
            // No stored version: the built-in latest (2023-01-01) is the current one.
            (
                "dibao.standard.rural",
                good(json!({"effective": "2023-01-01"})),
                "effective",
                "现行标准的生效日期（2023-01-01）",
                "after the current value's (2023-01-01)",
            ),
            (
                "dibao.standard.rural",
                good(json!({"effective": "2022-06-30"})),
                "effective",
                "生效日期必须晚于",
                "must be after",
            ),
        ];
        let history_before = history(app, URBAN).await;
        let list_before: Value = app
            .get("/api/v1/policy/parameters")
            .await
            .json()
            .await
            .unwrap();
        for (id, body, field, zh, en) in &cases {
            let (status, got) = add(app, &token, id, body.clone()).await;
            assert_eq!(status, 422, "{id} {body}: {got}");
            assert_eq!(got["code"], "validation");
            let f = &got["fields"][0];
            assert_eq!(f["field"], *field, "{body}: {got}");
            let (gzh, gen_) = (
                f["message"]["zh"].as_str().unwrap(),
                f["message"]["en"].as_str().unwrap(),
            );
            assert!(gzh.contains(zh), "{body}: {gzh}");
            assert!(gen_.contains(en), "{body}: {gen_}");
        }
        assert_eq!(stored(app).await, 1, "nothing stored");
        assert_eq!(history(app, URBAN).await, history_before);
        let list_after: Value = app
            .get("/api/v1/policy/parameters")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(list_after, list_before);
        // Every attempt is audited, the refusals with their reason (ids and codes only).
        let audited =
            server::audit::store::recent(&app.db, None, Some("policy.version.add"), None, 100)
                .await
                .unwrap();
        let refused = audited
            .iter()
            .filter(|r| r.entry.outcome.starts_with("refused: "))
            .count();
        assert_eq!(refused, cases.len());
        assert_eq!(
            audited
                .iter()
                .filter(|r| r.entry.outcome.starts_with("accepted: "))
                .count(),
            1
        );
        assert!(audited.iter().any(
            |r| r.entry.target == "unknown" && r.entry.outcome == "refused: unknown_parameter"
        ));
        assert!(audited.iter().all(|r| r.entry.actor.starts_with("staff:")));
    }
);

on_both_backends!(only_policy_admins_may_add_a_value, |app| {
    let s = state(app);
    let caseworker = staff_token(&s, "cw-one", "经办人", "caseworker").await;
    let auditor = staff_token(&s, "au-one", "审计员", "auditor").await;
    let from = today().add_days(7).unwrap().to_string();
    let body = json!({"effective": from, "value": 100_000, "source": "通知（测试）"});
    for token in [&caseworker, &auditor] {
        let (status, got) = add(app, token, URBAN, body.clone()).await;
        assert_eq!(status, 403, "{got}");
        assert_eq!(got["code"], "forbidden");
        assert!(got["message"]["zh"].as_str().is_some() && got["message"]["en"].as_str().is_some());
    }
    // A resident, and nobody at all.
    let resident = support::resident_tokens(&s, "13700009876", "policy-test").await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/policy/parameters/{URBAN}/versions")))
        .bearer_auth(&resident.access)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = app
        .client
        .post(app.url(&format!("/api/v1/policy/parameters/{URBAN}/versions")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // The desk's form and page refuse the caseworker too.
    let res = app
        .client
        .post(app.url("/staff/policy/versions"))
        .header("cookie", format!("staff={caseworker}"))
        .form(&[
            ("parameter", URBAN),
            ("effective", &from),
            ("value", "1000"),
            ("source", "通知"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = app
        .client
        .get(app.url("/staff/policy"))
        .header("cookie", format!("staff={caseworker}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(stored(app).await, 0, "nothing stored");
    // The refusals are audited.
    let denied = server::audit::store::recent(&app.db, None, None, None, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.entry.outcome.starts_with("denied"))
        .count();
    assert!(denied >= 4, "{denied} denials audited");
});

on_both_backends!(the_history_says_who_when_old_and_new, |app| {
    let s = state(app);
    let token = policy_admin(&s).await;
    let first = today().add_days(3).unwrap();
    let second = first.add_days(40).unwrap();
    for (d, v) in [(first, 98_000), (second, 99_500)] {
        let (status, got) = add(
            app,
            &token,
            URBAN,
            json!({"effective": d.to_string(), "value": v, "source": "通知（测试）", "note": "逐步调整"}),
        )
        .await;
        assert_eq!(status, 201, "{got}");
    }
    let h = history(app, URBAN).await;
    assert_eq!(h.len(), 2);
    // Newest first: who, when (today, Shanghai), effective, old → new.
    assert_eq!(h[0]["who"], "政策管理员甲");
    assert!(
        h[0]["at"]
            .as_str()
            .unwrap()
            .starts_with(&today().to_string())
    );
    assert_eq!(h[0]["effective"], second.to_string());
    assert_eq!(
        (h[0]["old"].as_i64(), h[0]["new"].as_i64()),
        (Some(98_000), Some(99_500))
    );
    assert_eq!(h[1]["effective"], first.to_string());
    assert_eq!(
        (h[1]["old"].as_i64(), h[1]["new"].as_i64()),
        (Some(94_000), Some(98_000))
    );
    assert_eq!(h[1]["note"], "逐步调整");
    assert!(history(app, "dibao.standard.rural").await.is_empty());
    assert_eq!(
        app.get("/api/v1/policy/parameters/no.such/history")
            .await
            .status(),
        404
    );
    // The desk shows the history and both scheduled values.
    let page = app
        .client
        .get(app.url("/staff/policy"))
        .header("cookie", format!("staff={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("data-testid=\"history-row\""));
    assert!(html.contains("政策管理员甲"));
    assert!(html.contains("940.00") && html.contains("980.00") && html.contains("995.00"));
});

on_both_backends!(the_desk_form_works_without_javascript, |app| {
    let s = state(app);
    let token = policy_admin(&s).await;
    let from = today().add_days(15).unwrap().to_string();
    let post = |fields: Vec<(&'static str, String)>, lang: &'static str| {
        app.client
            .post(app.url("/staff/policy/versions"))
            .header("cookie", format!("staff={token}; lang={lang}"))
            .form(&fields)
            .send()
    };
    // No source: the desk again, 422, the message at the field, in the page's language, and
    // what was typed is still there.
    let fields = |source: &str| {
        vec![
            ("parameter", URBAN.to_string()),
            ("effective", from.clone()),
            ("value", "1,050.50".to_string()),
            ("source", source.to_string()),
            ("note", String::new()),
        ]
    };
    let res = post(fields(""), "zh").await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("请填写依据"), "{html}");
    assert!(html.contains("1,050.50"));
    let res = post(fields(""), "en").await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Enter the source"));
    // A non-numeric amount.
    let mut bad = fields("通知（测试）");
    bad[2].1 = "一千".into();
    let res = post(bad, "zh").await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("新标准必须是数字"));
    assert_eq!(stored(app).await, 0);
    // Yuan typed in the form become fen.
    let res = post(fields("通知（测试）"), "zh").await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("已排定"), "{html}");
    assert_eq!(history(app, URBAN).await[0]["new"], 105_050);
});

on_both_backends!(stored_versions_are_append_only, |app| {
    let s = state(app);
    let token = policy_admin(&s).await;
    let from = today().add_days(2).unwrap().to_string();
    let (status, _) = add(
        app,
        &token,
        URBAN,
        json!({"effective": from, "value": 100_000, "source": "通知（测试）"}),
    )
    .await;
    assert_eq!(status, 201);
    for sql in [
        "UPDATE parameter_versions SET value = 1",
        "DELETE FROM parameter_versions",
    ] {
        assert!(
            sqlx::query(sql).execute(&app.db.pool).await.is_err(),
            "{sql} refused"
        );
    }
    assert_eq!(stored(app).await, 1);
    assert_eq!(history(app, URBAN).await[0]["new"], 100_000);
});
