//! The time bank's reports on SQLite and PostgreSQL: the public district totals (page and API)
//! and a coordinator's CSV export of their organization's service records.

use super::world::*;
use server::auth::AuthUser;
use server::auth::totp;
use server::staff;
use server::timebank::activities;
use server::timebank::checkin::{self, Direction};
use server::timebank::reports;
use server::timebank::store::ledgers::{self, NewServiceRecord};
use server::timebank::store::volunteers as vstore;
use server::timebank::verification::{self, Confirmation};

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/// 2026-01-01 00:00 in Shanghai (2025-12-31 16:00 UTC).
const NEW_YEAR_2026: i64 = 1_767_196_800;
/// The day after the world's activity, 10:00 in Shanghai.
const T1: i64 = T0 + 86_400;

async fn volunteer_id(w: &World, v: &AuthUser) -> String {
    vstore::by_account(&w.s.db, &v.account_id)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The coordinator confirms one volunteer's attendance at an activity, as recorded.
async fn confirm_one(w: &World, activity: &str, v: &AuthUser, at: i64) {
    let id = volunteer_id(w, v).await;
    let line = verification::attendance_list(&w.s, &w.coord, activity)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.volunteer_id == id)
        .unwrap();
    let item = Confirmation {
        attendance_id: line.attendance_id,
        minutes: None,
        reason: String::new(),
    };
    verification::confirm(&w.s, &w.coord, activity, &[item], at)
        .await
        .unwrap();
}

/// A volunteer signs up for an activity and checks in and out by its QR code.
async fn attend(w: &World, activity: &str, v: &AuthUser, from: i64, to: i64) {
    activities::sign_up(&w.s, v, activity, T0).await.unwrap();
    for (direction, at) in [(Direction::In, from), (Direction::Out, to)] {
        let t = checkin::issue(&w.s, &w.coord, activity, direction, at)
            .await
            .unwrap()
            .token;
        checkin::scan(&w.s, v, &t, at).await.unwrap();
    }
}

async fn record(w: &World, v: &AuthUser, minutes: i64, kind: &str, at: i64) {
    let id = volunteer_id(w, v).await;
    let mut tx = w.s.db.pool.begin().await.unwrap();
    ledgers::add_service_record(
        &mut tx,
        &NewServiceRecord {
            volunteer_id: &id,
            activity_id: Some(&w.activity),
            minutes,
            kind,
            reason: "测试",
            reverses: None,
            recorded_by: "test",
        },
        at,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// A coordinator who signs in with an authenticator (for requests with the staff cookie),
/// coordinating `organization` when given. Returns their session token.
async fn signed_in_coordinator(w: &World, username: &str, organization: Option<&str>) -> String {
    let t = server::clock::now();
    let spec = staff::StaffSpec {
        username,
        display_name: username,
        password: "Coordinate-2026",
        role: types::account::Role::Coordinator,
        street: None,
    };
    staff::create(&w.s.db, &w.s.vault, &spec, totp::from_base32(SECRET), t)
        .await
        .unwrap();
    let code = totp::code_at(&totp::from_base32(SECRET).unwrap(), t);
    let (token, who) = staff::sign_in(&w.s, username, "Coordinate-2026", &code, t)
        .await
        .unwrap();
    if let Some(org) = organization {
        vstore::add_coordinator(&w.s.db, org, &who.id)
            .await
            .unwrap();
    }
    token
}

fn shanghai_today() -> policy::Date {
    policy::Date::shanghai_from_unix_millis(server::clock::now() * 1000).unwrap()
}

on_both_backends!(
    totals_count_this_years_confirmed_hours_net_and_the_share_of_residents,
    |app| {
        let w = world(app, 10).await;
        checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
        checked_in_and_out(&w, &w.v2, T0, T0 + 1800).await;
        // v1's hour is confirmed; v2's half hour still awaits the coordinator.
        confirm_one(&w, &w.activity, &w.v1, T0 + 7200).await;
        // Half an hour before the new year in Shanghai (last year), half an hour after it (this
        // year, though still 2025 in UTC), and a reversal this month.
        record(&w, &w.v1, 45, "verified", NEW_YEAR_2026 - 1800).await;
        record(&w, &w.v1, 20, "verified", NEW_YEAR_2026 + 1800).await;
        record(&w, &w.v1, -15, "reversal", T0 + 9000).await;

        let t = reports::totals(&w.s, T0 + 10_000).await.unwrap();
        assert_eq!((t.year, t.as_of.as_str()), (2026, "2026-11-20"));
        assert_eq!(
            t.minutes,
            60 + 20 - 15,
            "confirmed this year, net of the reversal; not last year's, not pending"
        );
        assert_eq!(t.monthly_minutes.len(), 11, "January to November");
        assert_eq!(t.monthly_minutes[0], 20);
        assert_eq!(t.monthly_minutes[10], 45);
        assert_eq!(t.monthly_minutes[1..10].iter().sum::<i64>(), 0);
        assert_eq!(t.volunteers, 2);
        let set = server::parameters::cached(&w.s);
        let population = set
            .value_at(
                reports::POPULATION,
                policy::Date::parse("2026-11-20").unwrap(),
            )
            .unwrap();
        assert_eq!(t.population, population.value);
        assert_eq!(t.population_source, population.source);
        assert_eq!(
            t.share_ppm,
            (2 * 1_000_000 + population.value / 2) / population.value,
            "volunteers per million residents of the parameter's population"
        );
        assert_eq!(t.target_percent, 14);
        assert!(t.target_source.contains("14%"), "{}", t.target_source);

        // The API and the page, for anyone, on today's date.
        let today = shanghai_today();
        let population = server::parameters::cached(&w.s)
            .value_at(reports::POPULATION, today)
            .unwrap()
            .value;
        let res = app.get("/api/v1/timebank/totals").await;
        assert_eq!(res.status(), 200);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["volunteers"], 2);
        assert_eq!(body["population"], population);
        assert_eq!(body["target_percent"], 14);
        let page = app.get("/timebank/totals").await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("全区志愿服务统计"));
        assert!(html.contains("data-testid=\"monthly-chart\""));
        assert!(html.contains(&types::timebank::totals::grouped(population)));
        assert!(html.contains("来源"), "the sources are shown");
        assert!(html.contains("<progress"), "the share against the target");
    }
);

on_both_backends!(
    coordinators_export_their_organizations_records_as_csv_with_masked_names_only,
    |app| {
        let w = world(app, 10).await;
        let org = activities::get(&w.s, &w.activity)
            .await
            .unwrap()
            .organization_id;
        // A second activity whose name needs quoting and whose place looks like a formula.
        let mut form = activity_form(&org, 10);
        form.name = "读报, \"聊天\"".into();
        form.place = "=HYPERLINK(\"http://example.com\")".into();
        form.date = "2026-11-21".into();
        let tricky = activities::create(&w.s, &w.coord, &form, T0)
            .await
            .unwrap()
            .id;
        checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
        confirm_all(&w, T0 + 7200).await;
        attend(&w, &tricky, &w.v2, T1, T1 + 5400).await;
        confirm_one(&w, &tricky, &w.v2, T1 + 7200).await;

        // Another organization's coordinator is refused, and nothing is exported.
        let refused = reports::export_records(&w.s, &w.other, &org, Some("2026"), T1)
            .await
            .unwrap_err();
        assert_eq!(refused.code(), "not_your_organization");

        let token = signed_in_coordinator(&w, "coord-csv", Some(&org)).await;
        let csv_url = |query: &str| {
            app.url(&format!(
                "/api/v1/timebank/organizations/{org}/records.csv{query}"
            ))
        };
        let res = app
            .client
            .get(csv_url("?year=2026"))
            .header("cookie", format!("staff={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
        assert_eq!(
            res.headers()["content-disposition"],
            "attachment; filename=\"records-2026.csv\""
        );
        let bytes = res.bytes().await.unwrap();
        assert!(
            bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
            "a UTF-8 byte-order mark"
        );
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(
            lines[0].starts_with("记录编号 / Record no.,记录日期"),
            "{}",
            lines[0]
        );
        assert_eq!(lines.len(), 4, "header, two records, end of file: {text}");
        assert!(
            lines[1].contains(",陪伴独居老人,为老服务,吴家山街道养老服务中心,吴家山街道志愿服务站,李老师,王**,60,1.00,已确认 (verified)"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].contains(
                ",2026-11-21,\"读报, \"\"聊天\"\"\",为老服务,\"'=HYPERLINK(\"\"http://example.com\"\")\","
            ),
            "quoted, quotes doubled, the formula defused: {}",
            lines[2]
        );
        assert!(lines[2].contains(",李**,90,1.50,"), "{}", lines[2]);
        for personal in [
            "王秀英".to_string(),
            "李建国".to_string(),
            id_number("19580312", "002"),
            id_number("19850704", "011"),
            "13800000001".to_string(),
            "13800000002".to_string(),
        ] {
            assert!(
                !text.contains(&personal),
                "no name, ID number or phone in clear"
            );
        }

        let audited = server::audit::store::recent(&w.s.db, None, Some("records.export"), None, 10)
            .await
            .unwrap();
        assert_eq!(audited.len(), 1, "one audited read");
        assert_eq!(audited[0].entry.target, format!("organization:{org}"));
        assert_eq!(audited[0].entry.outcome, "ok: 2 rows");
        assert!(audited[0].entry.actor.starts_with("staff:"));

        // Another year holds nothing of this organization's; a bad year is refused with a
        // message at the field.
        let empty = reports::export_records(&w.s, &w.coord, &org, Some("2025"), T1)
            .await
            .unwrap();
        assert_eq!(
            (empty.rows, empty.csv.lines().count()),
            (0, 1),
            "only the header"
        );
        let next_year = i32::from(shanghai_today().year()) + 1;
        for bad in ["abc", "2020", &(next_year + 1).to_string()] {
            let res = app
                .client
                .get(csv_url(&format!("?year={bad}")))
                .header("cookie", format!("staff={token}"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 422, "year={bad}");
            let body: serde_json::Value = res.json().await.unwrap();
            assert_eq!(body["fields"][0]["field"], "year");
            assert!(
                body["fields"][0]["message"]["zh"]
                    .as_str()
                    .unwrap()
                    .contains("年份")
            );
            assert!(
                body["fields"][0]["message"]["en"]
                    .as_str()
                    .unwrap()
                    .contains("year")
            );
        }

        // Over HTTP too: a coordinator of no part of this organization gets 403.
        let stranger = signed_in_coordinator(&w, "coord-stranger", None).await;
        let res = app
            .client
            .get(csv_url("?year=2026"))
            .header("cookie", format!("staff={stranger}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["code"], "not_your_organization");
        let res = app
            .get(&format!("/api/v1/timebank/organizations/{org}/records.csv"))
            .await;
        assert_eq!(res.status(), 401, "signed out");
    }
);
