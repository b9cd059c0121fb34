//! Staff administration (create with TOTP enrolment, role change, end all sessions), kiosk
//! devices (register, one-time enrolment, revoke) and the audit pages, on SQLite and PostgreSQL.

mod support;

use serde_json::{Value, json};
use server::auth::totp;
use server::services::{auth, staff};
use server::state::AppState;
use server::store::audit;

const ADMIN_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

async fn state(app: &support::TestApp) -> AppState {
    AppState::new(support::test_config(&app.database_url), app.db.clone())
}

/// Creates an account directly and signs it in; returns the staff session token.
async fn signed_in(s: &AppState, username: &str, role: &str, street: Option<&str>) -> String {
    let spec = staff::StaffSpec {
        username,
        display_name: username,
        password: "Long-enough-2026",
        role,
        street,
    };
    staff::create(
        &s.db,
        &s.vault,
        &spec,
        totp::from_base32(ADMIN_SECRET),
        auth::now(),
    )
    .await
    .unwrap();
    sign_in(s, username, ADMIN_SECRET, "Long-enough-2026").await
}

async fn sign_in(s: &AppState, username: &str, secret: &str, password: &str) -> String {
    support::staff_sign_in(s, username, password, secret)
        .await
        .0
}

fn as_staff(req: reqwest::RequestBuilder, token: &str) -> reqwest::RequestBuilder {
    req.header("cookie", format!("staff={token}"))
}

async fn actions(s: &AppState, action: &str) -> Vec<audit::AuditRow> {
    audit::recent(&s.db, None, Some(action), None, 100)
        .await
        .unwrap()
}

on_both_backends!(
    an_admin_creates_an_account_whose_enrolment_secret_signs_in,
    |app| {
        let s = state(app).await;
        let admin = signed_in(&s, "admin1", "system_admin", None).await;
        let post = |body: Value| {
            as_staff(app.client.post(app.url("/api/v1/staff/users")), &admin).json(&body)
        };
        let weak = post(
            json!({"username": "zhang.san", "display_name": "张三", "role": "caseworker",
            "street_code": "wujiashan", "password": "password1"}),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(weak.status(), 422);
        let body: Value = weak.json().await.unwrap();
        assert_eq!(body["fields"][0]["field"], "password");
        let no_street = post(
            json!({"username": "zhang.san", "display_name": "张三", "role": "caseworker",
            "password": "Zhang-San-2026"}),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(
            no_street.status(),
            422,
            "a caseworker needs a street office"
        );
        let bad_name = post(
            json!({"username": "Zhang San", "display_name": "张三", "role": "auditor",
            "password": "Zhang-San-2026"}),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(bad_name.status(), 422);
        assert!(
            staff_by_name(&s, "zhang.san").await.is_none(),
            "refusals create nothing"
        );

        let made = post(
            json!({"username": "zhang.san", "display_name": "张三", "role": "caseworker",
            "street_code": "wujiashan", "password": "Zhang-San-2026"}),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(made.status(), 201);
        let enrolment: Value = made.json().await.unwrap();
        let secret = enrolment["secret"].as_str().unwrap();
        assert!(
            enrolment["uri"]
                .as_str()
                .unwrap()
                .starts_with("otpauth://totp/Dongxihu:zhang.san?secret=")
        );
        // The enrolled authenticator's code signs the new account in.
        sign_in(&s, "zhang.san", secret, "Zhang-San-2026").await;
        let again = post(
            json!({"username": "zhang.san", "display_name": "另一个", "role": "auditor",
            "password": "Zhang-San-2026"}),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(again.status(), 422, "usernames are unique");

        let list: Value = as_staff(app.client.get(app.url("/api/v1/staff/users")), &admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let listed = list
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["username"] == "zhang.san")
            .unwrap();
        assert_eq!(listed["role"], "caseworker");
        assert_eq!(listed["street_code"], "wujiashan");
        assert!(
            !list.to_string().contains("argon2"),
            "no password hashes leave the server"
        );
        assert_eq!(actions(&s, "staff.create").await.len(), 1);
        assert!(
            !actions(&s, "staff.list").await.is_empty(),
            "reading staff records is audited"
        );
    }
);

async fn staff_by_name(s: &AppState, username: &str) -> Option<server::store::staff::StaffRow> {
    server::store::staff::by_username(&s.db, username)
        .await
        .unwrap()
}

on_both_backends!(
    a_role_change_applies_at_once_and_is_audited_with_before_and_after,
    |app| {
        let s = state(app).await;
        let admin = signed_in(&s, "admin1", "system_admin", None).await;
        let worker = signed_in(&s, "worker1", "caseworker", Some("wujiashan")).await;
        let audit_api = || as_staff(app.client.get(app.url("/api/v1/audit")), &worker);
        assert_eq!(audit_api().send().await.unwrap().status(), 403);
        let id = staff_by_name(&s, "worker1").await.unwrap().id;
        let change = |who: &str, id: &str, body: Value| {
            as_staff(
                app.client
                    .post(app.url(&format!("/api/v1/staff/users/{id}/role"))),
                who,
            )
            .json(&body)
        };
        let unknown = change(&admin, &id, json!({"role": "king"}))
            .send()
            .await
            .unwrap();
        assert_eq!(unknown.status(), 422);
        let by_worker = change(&worker, &id, json!({"role": "system_admin"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            by_worker.status(),
            403,
            "a caseworker cannot promote themselves"
        );
        let done = change(&admin, &id, json!({"role": "auditor"}))
            .send()
            .await
            .unwrap();
        assert_eq!(done.status(), 204);
        assert_eq!(
            audit_api().send().await.unwrap().status(),
            200,
            "the new role applies at once"
        );
        let outcomes: Vec<String> = actions(&s, "staff.role_change")
            .await
            .into_iter()
            .map(|r| r.entry.outcome)
            .collect();
        assert_eq!(
            outcomes,
            [
                "ok: caseworker@wujiashan -> auditor",
                "denied: role caseworker"
            ],
            "both the change and the refused try are audited"
        );
        let admin_id = staff_by_name(&s, "admin1").await.unwrap().id;
        let own = change(&admin, &admin_id, json!({"role": "auditor"}))
            .send()
            .await
            .unwrap();
        assert_eq!(own.status(), 409, "an admin cannot demote themselves");
        assert_eq!(
            staff_by_name(&s, "admin1").await.unwrap().role,
            "system_admin"
        );
        let missing = change(&admin, "no-such-id", json!({"role": "auditor"}))
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status(), 404);
    }
);

on_both_backends!(
    ending_all_sessions_signs_the_member_out_everywhere_at_once,
    |app| {
        let s = state(app).await;
        let admin = signed_in(&s, "admin1", "system_admin", None).await;
        let first = signed_in(&s, "auditor1", "auditor", None).await;
        let second = sign_in(&s, "auditor1", ADMIN_SECRET, "Long-enough-2026").await;
        for t in [&first, &second] {
            let r = as_staff(app.client.get(app.url("/api/v1/audit/verify")), t)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
        }
        let id = staff_by_name(&s, "auditor1").await.unwrap().id;
        let r = as_staff(
            app.client
                .post(app.url(&format!("/api/v1/staff/users/{id}/end-sessions"))),
            &admin,
        )
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 204);
        for t in [&first, &second] {
            let r = as_staff(app.client.get(app.url("/api/v1/audit/verify")), t)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 401);
        }
        let admin_still = as_staff(app.client.get(app.url("/api/v1/staff/users")), &admin)
            .send()
            .await
            .unwrap();
        assert_eq!(admin_still.status(), 200, "only that member's sessions end");
        assert_eq!(
            actions(&s, "staff.end_sessions").await[0].entry.outcome,
            "ok: 2 ended"
        );
    }
);

on_both_backends!(
    a_kiosk_enrols_once_with_its_code_names_its_street_and_stops_when_revoked,
    |app| {
        let s = state(app).await;
        let admin = signed_in(&s, "admin1", "system_admin", None).await;
        let reg = as_staff(app.client.post(app.url("/api/v1/kiosks")), &admin)
            .json(&json!({"name": "吴家山便民服务中心 1 号机", "street_code": "nowhere"}))
            .send()
            .await
            .unwrap();
        assert_eq!(reg.status(), 422, "an unknown street is refused");
        let reg: Value = as_staff(app.client.post(app.url("/api/v1/kiosks")), &admin)
            .json(&json!({"name": "吴家山便民服务中心 1 号机", "street_code": "wujiashan"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let code = reg["code"].as_str().unwrap();
        assert_eq!(reg["kiosk"]["state"], "awaiting_enrolment");
        let enrol = |code: &str| {
            app.client
                .post(app.url("/api/v1/kiosks/enrol"))
                .json(&json!({"code": code}))
        };
        assert_eq!(enrol("AAAA-AAAA").send().await.unwrap().status(), 422);
        // Typed in lower case without the hyphen it still works: people read codes aloud.
        let typed = code.replace('-', "").to_lowercase();
        let enrolled: Value = enrol(&typed).send().await.unwrap().json().await.unwrap();
        let credential = enrolled["credential"].as_str().unwrap().to_string();
        assert_eq!(enrolled["kiosk"]["street_code"], "wujiashan");
        assert_eq!(
            enrol(code).send().await.unwrap().status(),
            422,
            "a code works once"
        );

        let home = |cred: &str| {
            app.client
                .get(app.url("/"))
                .header("cookie", format!("kiosk-device={cred}"))
        };
        let page = home(&credential)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("data-kiosk-street=\"wujiashan\""),
            "pages know the kiosk's street"
        );
        assert!(page.contains("吴家山便民服务中心 1 号机"));

        let id = enrolled["kiosk"]["id"].as_str().unwrap();
        let r = as_staff(
            app.client
                .post(app.url(&format!("/api/v1/kiosks/{id}/revoke"))),
            &admin,
        )
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 204);
        let page = home(&credential)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !page.contains("data-kiosk-street"),
            "a revoked kiosk is no longer known"
        );
        let list: Value = as_staff(app.client.get(app.url("/api/v1/kiosks")), &admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list[0]["state"], "revoked");
        assert!(!list.to_string().contains(&credential));
        for a in ["kiosk.register", "kiosk.enrol", "kiosk.revoke"] {
            assert!(!actions(&s, a).await.is_empty(), "{a} is audited");
        }
    }
);

on_both_backends!(
    staff_pages_state_their_roles_and_show_the_audit_log_to_auditors,
    |app| {
        let s = state(app).await;
        let auditor = signed_in(&s, "auditor1", "auditor", None).await;
        let worker = signed_in(&s, "worker1", "caseworker", Some("wujiashan")).await;
        let admin = signed_in(&s, "admin1", "system_admin", None).await;
        for (path, roles) in server::auth::roles::STAFF_PAGES {
            let anon = app.get(path).await;
            assert_eq!(anon.status(), 401, "{path} signed out");
            assert!(anon.text().await.unwrap().contains("staff-sign-in-first"));
            for (role, token) in [
                ("auditor", &auditor),
                ("caseworker", &worker),
                ("system_admin", &admin),
            ] {
                let r = as_staff(app.client.get(app.url(path)), token)
                    .send()
                    .await
                    .unwrap();
                let expected = if roles.contains(&role) { 200 } else { 403 };
                assert_eq!(r.status().as_u16(), expected, "{path} as {role}");
            }
        }
        let page = as_staff(
            app.client.get(app.url("/staff/audit?action=staff.sign_in")),
            &auditor,
        )
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
        assert!(page.contains("staff.sign_in"));
        assert!(
            !page.contains(">audit.read<"),
            "the filter keeps other actions out"
        );
        assert!(page.contains("data-testid=\"chain-state\""));
        assert!(
            !actions(&s, "page.open").await.is_empty(),
            "a refused page is audited"
        );
    }
);
