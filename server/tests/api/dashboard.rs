//! The plan dashboard and open data on SQLite and PostgreSQL: cases counted by program, street
//! and month (Asia/Shanghai months), the median time to a decision, small counts suppressed in
//! public (API, CSV and page) but not for staff, who may read the staff figures, and the CSV's
//! byte-order mark and formula guard.

use crate::support;

use serde_json::Value;
use server::auth::totp;
use server::staff;
use server::state::AppState;
use server::timebank::reports::month_start;

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const DAY: i64 = 86_400;

async fn state(app: &support::TestApp) -> AppState {
    AppState::new(support::test_config(&app.database_url), app.db.clone())
}

async fn signed_in(s: &AppState, username: &str, role: &str) -> String {
    let spec = staff::StaffSpec {
        username,
        display_name: username,
        password: "Long-enough-2026",
        role: types::account::Role::from_code(role).expect("a staff role"),
        street: None,
    };
    let t = server::clock::now();
    staff::create(&s.db, &s.vault, &spec, totp::from_base32(SECRET), t)
        .await
        .unwrap();
    let code = totp::code_at(&totp::from_base32(SECRET).unwrap(), t);
    staff::sign_in(s, username, "Long-enough-2026", &code, t)
        .await
        .unwrap()
        .0
}

/// One case row, written directly (the sealed columns hold dummy text here).
struct Case {
    kind: &'static str,
    street: &'static str,
    state: &'static str,
    programs: &'static str,
    submitted_at: i64,
    decided_after: Option<i64>,
}

async fn insert(s: &AppState, n: usize, c: &Case) {
    let decided = c
        .decided_after
        .map_or("NULL".to_string(), |d| (c.submitted_at + d).to_string());
    let sql = format!(
        "INSERT INTO cases (id, reference, kind, street_code, state, account_id, phone_hash, \
         applicant, details, programs, submitted_at, decided_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'acct', 'hash', 'sealed', 'sealed', $6, $7, {decided}, $7)"
    );
    sqlx::query(&sql)
        .bind(format!("case-{n}"))
        .bind(format!("REF-{n}"))
        .bind(c.kind)
        .bind(c.street)
        .bind(c.state)
        .bind(c.programs)
        .bind(c.submitted_at)
        .execute(&s.db.pool)
        .await
        .unwrap();
}

/// 2025's cases: 8 pre-applications (7 at 吴家山, 1 at 将军路) and 3 funeral claims (将军路),
/// and one case of 2024 sent an hour before midnight in Shanghai.
async fn arrange(s: &AppState) {
    let jan = month_start(2025, 1).unwrap();
    let mar = month_start(2025, 3).unwrap() + 10 * 3600;
    let jul = month_start(2025, 7).unwrap() + 10 * 3600;
    let mut cases = vec![
        // 2024-12-31 23:00 in Shanghai: not 2025's.
        Case {
            kind: "preapplication",
            street: "wujiashan",
            state: "submitted",
            programs: "Dibao",
            submitted_at: jan - 3600,
            decided_after: None,
        },
        // 2025-01-01 00:30 in Shanghai (still 2024 in UTC): January's.
        Case {
            kind: "preapplication",
            street: "wujiashan",
            state: "submitted",
            programs: "Dibao",
            submitted_at: jan + 1800,
            decided_after: None,
        },
        Case {
            kind: "funeral",
            street: "jiangjunlu",
            state: "paid",
            programs: "FuneralWaiver",
            submitted_at: mar,
            decided_after: Some(DAY),
        },
        Case {
            kind: "funeral",
            street: "jiangjunlu",
            state: "approved",
            programs: "FuneralWaiver",
            submitted_at: mar + 60,
            decided_after: Some(2 * DAY),
        },
        Case {
            kind: "funeral",
            street: "jiangjunlu",
            state: "submitted",
            programs: "FuneralWaiver,EcoBurialReward",
            submitted_at: jul,
            decided_after: None,
        },
        // A program id nobody knows, that a spreadsheet would take for a formula.
        Case {
            kind: "preapplication",
            street: "jiangjunlu",
            state: "submitted",
            programs: "=1+1",
            submitted_at: jul + 60,
            decided_after: None,
        },
    ];
    // Six pre-applications at 吴家山 in March, five decided after 1, 2, 3, 4 and 10 days
    // (median 3.0), one accepted but not decided (its decided_at does not count).
    for (i, (state, days)) in [
        ("approved", Some(DAY)),
        ("rejected", Some(2 * DAY)),
        ("paid", Some(3 * DAY)),
        ("referred", Some(4 * DAY)),
        ("approved", Some(10 * DAY)),
        ("accepted", Some(DAY / 2)),
    ]
    .into_iter()
    .enumerate()
    {
        cases.push(Case {
            kind: "preapplication",
            street: "wujiashan",
            state,
            programs: if i < 3 { "Dibao,Temporary" } else { "Dibao" },
            submitted_at: mar + i as i64 * 60,
            decided_after: days,
        });
    }
    for (n, c) in cases.iter().enumerate() {
        insert(s, n, c).await;
    }
}

fn line<'a>(lines: &'a Value, key: &str) -> &'a Value {
    lines
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == key)
        .unwrap_or_else(|| panic!("no line {key} in {lines}"))
}

fn counts(lines: &Value, key: &str) -> (Value, Value) {
    let l = line(lines, key);
    (
        l["counts"]["preapplications"].clone(),
        l["counts"]["funeral"].clone(),
    )
}

fn n(v: i64) -> Value {
    Value::from(v)
}

fn small() -> Value {
    Value::from("<5")
}

fn withheld() -> Value {
    Value::from("x")
}

on_both_backends!(
    staff_see_exact_figures_and_the_public_sees_small_counts_suppressed,
    |app| {
        let s = state(app).await;
        arrange(&s).await;
        let policy = signed_in(&s, "policy1", "policy_admin").await;
        let coordinator = signed_in(&s, "coord1", "coordinator").await;
        let charity = signed_in(&s, "charity1", "charity_staff").await;

        // Staff of a role the dashboard allows: exact figures.
        let res = app
            .client
            .get(app.url("/api/v1/dashboard?year=2025"))
            .header("cookie", format!("staff={policy}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let d: Value = res.json().await.unwrap();
        assert_eq!(d["year"], 2025);
        assert_eq!(d["as_of"], "2025-12-31");
        assert_eq!(d["public"], false);
        let c = &d["cases"];
        assert_eq!(
            c["total"]["preapplications"], 8,
            "the 2024 case is not 2025's"
        );
        assert_eq!(c["total"]["funeral"], 3);
        // By street: every street listed, zeros too.
        assert_eq!(c["by_street"].as_array().unwrap().len(), 12);
        assert_eq!(counts(&c["by_street"], "wujiashan"), (n(7), n(0)));
        assert_eq!(counts(&c["by_street"], "jiangjunlu"), (n(1), n(3)));
        assert_eq!(counts(&c["by_street"], "cihui"), (n(0), n(0)));
        assert_eq!(line(&c["by_street"], "wujiashan")["name_zh"], "吴家山街道");
        // By program: a case asking for two programs counts under each, in the engine's order.
        assert_eq!(counts(&c["by_program"], "dibao"), (n(7), n(0)));
        assert_eq!(counts(&c["by_program"], "temporary"), (n(3), n(0)));
        assert_eq!(counts(&c["by_program"], "funeral_waiver"), (n(0), n(3)));
        assert_eq!(counts(&c["by_program"], "eco_burial_reward"), (n(0), n(1)));
        assert_eq!(counts(&c["by_program"], "=1+1"), (n(1), n(0)));
        assert_eq!(
            line(&c["by_program"], "dibao")["name_en"],
            "Minimum living allowance (dibao)"
        );
        let order: Vec<&str> = c["by_program"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["key"].as_str().unwrap())
            .collect();
        assert_eq!(
            order,
            [
                "dibao",
                "temporary",
                "funeral_waiver",
                "eco_burial_reward",
                "=1+1"
            ]
        );
        // By month (Shanghai): all twelve of a past year.
        assert_eq!(c["by_month"].as_array().unwrap().len(), 12);
        assert_eq!(counts(&c["by_month"], "2025-01"), (n(1), n(0)));
        assert_eq!(counts(&c["by_month"], "2025-03"), (n(6), n(2)));
        assert_eq!(counts(&c["by_month"], "2025-07"), (n(1), n(1)));
        assert_eq!(counts(&c["by_month"], "2025-12"), (n(0), n(0)));
        // Median days to a decision: 1, 2, 3, 4, 10 → 3.0; 1 and 2 → 1.5.
        let times = c["decision_times"].as_array().unwrap();
        assert_eq!(times[0]["kind"], "preapplication");
        assert_eq!(times[0]["decided"], 5, "the accepted case is not decided");
        assert_eq!(times[0]["median_tenths_of_day"], 30);
        assert_eq!(times[1]["kind"], "funeral");
        assert_eq!(times[1]["decided"], 2);
        assert_eq!(times[1]["median_tenths_of_day"], 15);
        // Volunteers against the dated population of 2025 and the 14 % target.
        let v = &d["volunteers"];
        assert_eq!(v["population"], 925_800);
        assert_eq!(v["population_effective"], "2025-01-01");
        assert_eq!(v["target_percent"], 14);
        assert_eq!(v["monthly_minutes"].as_array().unwrap().len(), 12);
        assert_eq!(d["charity"]["raised_fen"], 0);

        // The public: the same figures, 1 to 4 as "<5", zero as zero, the small median withheld.
        let res = app.get("/api/v1/open-data?year=2025").await;
        assert_eq!(res.status(), 200);
        let p: Value = res.json().await.unwrap();
        assert_eq!(p["public"], true);
        let c = &p["cases"];
        assert_eq!(c["total"]["preapplications"], 8);
        assert_eq!(c["total"]["funeral"], small());
        // L5: 8 pre-applications, 7 of them in Wujiashan, would give Jiangjunlu's "<5" back as
        // 8 - 7 = 1, and months 1, 6, 1 their two "<5" as 1 each: Wujiashan's 7 and March's 6
        // are withheld ("x"). The funeral claims' "<5" total pins nothing down.
        assert_eq!(counts(&c["by_street"], "wujiashan"), (withheld(), n(0)));
        assert_eq!(counts(&c["by_street"], "jiangjunlu"), (small(), small()));
        assert_eq!(counts(&c["by_street"], "cihui"), (n(0), n(0)));
        assert_eq!(counts(&c["by_program"], "dibao"), (n(7), n(0)));
        assert_eq!(counts(&c["by_program"], "temporary"), (small(), n(0)));
        assert_eq!(counts(&c["by_month"], "2025-01"), (small(), n(0)));
        assert_eq!(counts(&c["by_month"], "2025-03"), (withheld(), small()));
        assert_eq!(counts(&c["by_month"], "2025-07"), (small(), small()));
        let times = c["decision_times"].as_array().unwrap();
        assert_eq!(times[0]["decided"], 5);
        assert_eq!(times[0]["median_tenths_of_day"], 30);
        assert_eq!(times[1]["decided"], small());
        assert_eq!(times[1]["median_tenths_of_day"], Value::Null);
        let text = p.to_string();
        for personal in ["sealed", "acct", "hash", "REF-", "case-"] {
            assert!(
                !text.contains(personal),
                "nothing of a case row: {personal}"
            );
        }

        // Open data as CSV: a byte-order mark, the same suppression.
        let res = app.get("/api/v1/open-data.csv?year=2025").await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
        assert_eq!(
            res.headers()["content-disposition"],
            "attachment; filename=\"open-data-2025.csv\""
        );
        let bytes = res.bytes().await.unwrap();
        assert!(
            bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
            "a UTF-8 byte-order mark"
        );
        let public_csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = public_csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "指标 / Indicator,分项 / Breakdown,项目 / Item,数值 / Value,单位 / Unit"
        );
        let has = |csv: &str, want: &str| csv.split("\r\n").any(|l| l == want);
        assert!(
            has(
                &public_csv,
                "殡葬补贴申请 / Funeral subsidy claims,按街道 / By street,将军路街道 / Jiangjunlu Subdistrict,<5,件 / cases"
            ),
            "{public_csv}"
        );
        assert!(has(
            &public_csv,
            "救助预申请 / Assistance pre-applications,按街道 / By street,吴家山街道 / Wujiashan Subdistrict,x,件 / cases"
        ));
        assert!(has(
            &public_csv,
            "殡葬补贴申请 / Funeral subsidy claims,按街道 / By street,慈惠街道 / Cihui Subdistrict,0,件 / cases"
        ));
        assert!(has(
            &public_csv,
            "殡葬补贴申请 / Funeral subsidy claims,办结用时中位数 / Median time to decision,,,天 / days"
        ));
        assert!(has(
            &public_csv,
            "救助预申请 / Assistance pre-applications,办结用时中位数 / Median time to decision,,3.0,天 / days"
        ));

        // Staff CSV: exact, and the formula-like program id defused.
        let res = app
            .client
            .get(app.url("/api/v1/dashboard.csv?year=2025"))
            .header("cookie", format!("staff={policy}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers()["content-disposition"],
            "attachment; filename=\"dashboard-2025.csv\""
        );
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let staff_csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(has(
            &staff_csv,
            "殡葬补贴申请 / Funeral subsidy claims,按街道 / By street,将军路街道 / Jiangjunlu Subdistrict,3,件 / cases"
        ));
        assert!(
            has(
                &staff_csv,
                "救助预申请 / Assistance pre-applications,按救助项目 / By program,'=1+1,1,件 / cases"
            ),
            "{staff_csv}"
        );
        assert!(has(
            &staff_csv,
            "殡葬补贴申请 / Funeral subsidy claims,办结用时中位数 / Median time to decision,,1.5,天 / days"
        ));
        assert!(!staff_csv.contains("<5"), "staff figures are exact");
        assert!(
            staff_csv.split("\r\n").any(|l| l
                .starts_with("常住人口 / Resident population,来源 / Source,")
                && l.ends_with(",925800,人 / people")),
            "the population with its source"
        );

        // Refused: other staff roles (audited), residents, the signed-out.
        for token in [&coordinator, &charity] {
            for path in ["/api/v1/dashboard?year=2025", "/api/v1/dashboard.csv"] {
                let res = app
                    .client
                    .get(app.url(path))
                    .header("cookie", format!("staff={token}"))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 403, "{path}");
            }
        }
        let refusals = server::audit::store::recent(&s.db, None, Some("dashboard.read"), None, 10)
            .await
            .unwrap();
        assert_eq!(refusals.len(), 4, "every refusal audited");
        let resident = support::resident_tokens(&s, "13700000001", "dash")
            .await
            .access;
        for path in ["/api/v1/dashboard", "/api/v1/dashboard.csv"] {
            let res = app
                .client
                .get(app.url(path))
                .bearer_auth(&resident)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 401, "{path} as a resident");
            assert_eq!(app.get(path).await.status(), 401, "{path} signed out");
        }

        // A bad year is refused at its field.
        let res = app.get("/api/v1/open-data?year=1999").await;
        assert_eq!(res.status(), 422);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["fields"][0]["field"], "year");

        // The pages: the public one suppressed, the staff one exact, a refused role 403.
        let page = app.get("/open-data?year=2025").await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("data-testid=\"suppression-note\""));
        assert!(
            html.contains("将军路街道 · 救助预申请 &lt;5 · 殡葬补贴 &lt;5"),
            "the chart's label"
        );
        assert!(html.contains("role=\"img\""));
        let page = app
            .client
            .get(app.url("/staff/dashboard?year=2025"))
            .header("cookie", format!("staff={policy}"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("将军路街道 · 救助预申请 1 · 殡葬补贴 3"));
        assert!(html.contains("/api/v1/dashboard.csv?year=2025"));
        assert!(!html.contains("suppression-note"));
        let page = app
            .client
            .get(app.url("/staff/dashboard"))
            .header("cookie", format!("staff={coordinator}"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 403);
    }
);
