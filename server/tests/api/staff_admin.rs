//! Staff administration (invite and self-enrolment, role change, end all sessions, reset,
//! disable), kiosk
//! devices (register, one-time enrolment, revoke) and the audit pages, on SQLite and PostgreSQL.

use crate::support;

use serde_json::{Value, json};
use server::audit::store as audit;
use server::auth::totp;
use server::staff;
use server::state::AppState;

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
        role: types::account::Role::from_code(role).expect("a staff role"),
        street,
    };
    staff::create(
        &s.db,
        &s.vault,
        &spec,
        totp::from_base32(ADMIN_SECRET),
        server::clock::now(),
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

/// A form post to the site as a browser on this site would send it (no redirects followed).
async fn post_form(app: &support::TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url(path))
        .header("origin", &app.addr)
        .form(form)
        .send()
        .await
        .unwrap()
}

/// The authenticator secret the enrolment page shows the member.
fn shown_secret(html: &str) -> Option<String> {
    let start = html.find(r#"data-testid="enrolment-secret">"#)? + 31;
    let end = start + html[start..].find('<')?;
    Some(html[start..end].to_string())
}

/// The member enrols themselves at `/staff/enrol` with their code: returns their secret.
async fn enrol(app: &support::TestApp, username: &str, code: &str, password: &str) -> String {
    let first = post_form(
        app,
        "/staff/enrol",
        &[("username", username), ("enrol_code", code)],
    )
    .await;
    assert_eq!(first.status(), 200);
    let secret = shown_secret(&first.text().await.unwrap()).expect("the page shows the secret");
    let key = totp::from_base32(&secret).unwrap();
    let now_code = totp::code_at(&key, server::clock::now());
    let done = post_form(
        app,
        "/staff/enrol/finish",
        &[
            ("username", username),
            ("enrol_code", code),
            ("password", password),
            ("totp_code", &now_code),
        ],
    )
    .await;
    assert!(
        done.status().is_redirection(),
        "enrolment completes: {}",
        done.status()
    );
    assert!(
        done.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("staff="),
        "and signs the member in"
    );
    secret
}

// F4: an administrator invites a member with a one-time code and never sees their password
// or authenticator; the member enrols themselves.
on_both_backends!(
    an_admin_invites_a_member_who_sets_their_own_password_and_authenticator,
    |app| {
        let s = state(app).await;
        let admin = signed_in(&s, "admin1", "system_admin", None).await;
        let post = |body: Value| {
            as_staff(app.client.post(app.url("/api/v1/staff/users")), &admin).json(&body)
        };
        let no_street =
            post(json!({"username": "zhang.san", "display_name": "张三", "role": "caseworker"}))
                .send()
                .await
                .unwrap();
        assert_eq!(
            no_street.status(),
            422,
            "a caseworker needs a street office"
        );
        let bad_name =
            post(json!({"username": "Zhang San", "display_name": "张三", "role": "auditor"}))
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
            "street_code": "wujiashan"}),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(made.status(), 201);
        let invite: Value = made.json().await.unwrap();
        let code = invite["code"].as_str().unwrap().to_string();
        assert!(
            invite.get("secret").is_none(),
            "the admin sees no authenticator secret"
        );
        assert!(!invite["expires"].as_str().unwrap().is_empty());
        let again =
            post(json!({"username": "zhang.san", "display_name": "另一个", "role": "auditor"}))
                .send()
                .await
                .unwrap();
        assert_eq!(again.status(), 422, "usernames are unique");
        let state_of = |list: &Value| {
            list.as_array()
                .unwrap()
                .iter()
                .find(|m| m["username"] == "zhang.san")
                .unwrap()["state"]
                .clone()
        };
        let list = || async {
            as_staff(app.client.get(app.url("/api/v1/staff/users")), &admin)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        };
        assert_eq!(state_of(&list().await), "awaiting_enrolment");

        // Before enrolling, nothing signs the account in: it has no password.
        for password in ["", "Zhang-San-2026"] {
            let e = staff::sign_in(&s, "zhang.san", password, "000000", server::clock::now())
                .await
                .unwrap_err();
            assert_eq!(e.code(), "bad_credentials");
        }
        // A wrong code, or the right code for another username, is refused and reveals nothing.
        for (user, c) in [("zhang.san", "ZZZZ-ZZZZ"), ("admin1", code.as_str())] {
            let r = post_form(
                app,
                "/staff/enrol",
                &[("username", user), ("enrol_code", c)],
            )
            .await;
            assert_eq!(r.status(), 422);
            let html = r.text().await.unwrap();
            assert!(html.contains("登记码不正确") && shown_secret(&html).is_none());
            assert!(
                html.contains(&format!("value=\"{user}\"")),
                "the username stays typed in"
            );
        }
        // The member's own weak password is refused at the second step, which shows again.
        let first = post_form(
            app,
            "/staff/enrol",
            &[("username", "zhang.san"), ("enrol_code", &code)],
        )
        .await;
        let secret = shown_secret(&first.text().await.unwrap()).unwrap();
        let key = totp::from_base32(&secret).unwrap();
        let weak = post_form(
            app,
            "/staff/enrol/finish",
            &[
                ("username", "zhang.san"),
                ("enrol_code", &code),
                ("password", "password1"),
                ("totp_code", &totp::code_at(&key, server::clock::now())),
            ],
        )
        .await;
        assert_eq!(weak.status(), 422);
        let html = weak.text().await.unwrap();
        assert!(html.contains("这个密码太常见"));
        assert_eq!(
            shown_secret(&html).as_deref(),
            Some(secret.as_str()),
            "the same authenticator"
        );

        // Lower case without the hyphen works too: codes are read aloud.
        let typed = code.replace('-', "").to_lowercase();
        let secret = enrol(app, "zhang.san", &typed, "Zhang-San-2026").await;
        assert_eq!(state_of(&list().await), "active");
        let r = post_form(
            app,
            "/staff/enrol",
            &[("username", "zhang.san"), ("enrol_code", &code)],
        )
        .await;
        assert_eq!(r.status(), 422, "an enrolment code works once");
        // The member's own password and authenticator sign in (the next code: one was used).
        let key = totp::from_base32(&secret).unwrap();
        let next = server::clock::now() + 30;
        staff::sign_in(
            &s,
            "zhang.san",
            "Zhang-San-2026",
            &totp::code_at(&key, next),
            next,
        )
        .await
        .expect("the member's own credentials sign in");
        let created = actions(&s, "staff.create").await;
        assert!(created[0].entry.outcome.contains("enrolment code issued"));
        assert_eq!(
            actions(&s, "staff.enrol").await[0].entry.outcome,
            "ok: password and authenticator set"
        );
        assert!(
            !list().await.to_string().contains("argon2"),
            "no password hashes leave the server"
        );
        assert!(
            !actions(&s, "staff.list").await.is_empty(),
            "reading staff records is audited"
        );
    }
);

// F4: a reset clears password and authenticator and ends every session; disabling refuses
// sign-in and every request at once; an admin can do neither to their own account.
on_both_backends!(
    a_reset_ends_sessions_and_reenrols_and_a_disabled_account_is_refused_everywhere,
    |app| {
        let s = state(app).await;
        let admin = signed_in(&s, "admin1", "system_admin", None).await;
        let auditor = signed_in(&s, "auditor1", "auditor", None).await;
        let id = staff_by_name(&s, "auditor1").await.unwrap().id;
        let admin_id = staff_by_name(&s, "admin1").await.unwrap().id;
        let act = |id: &str, what: &str| {
            as_staff(
                app.client
                    .post(app.url(&format!("/api/v1/staff/users/{id}/{what}"))),
                &admin,
            )
        };
        let verify = |token: String| async move {
            as_staff(app.client.get(app.url("/api/v1/audit/verify")), &token)
                .send()
                .await
                .unwrap()
                .status()
        };
        assert_eq!(verify(auditor.clone()).await, 200);

        // Disable: the live session stops at once, and the right credentials are refused.
        assert_eq!(act(&id, "disable").send().await.unwrap().status(), 204);
        assert_eq!(verify(auditor.clone()).await, 401);
        let key = totp::from_base32(ADMIN_SECRET).unwrap();
        let t = server::clock::now() + 60;
        let e = staff::sign_in(
            &s,
            "auditor1",
            "Long-enough-2026",
            &totp::code_at(&key, t),
            t,
        )
        .await
        .unwrap_err();
        assert_eq!(e.code(), "account_disabled");
        assert_eq!(act(&id, "enable").send().await.unwrap().status(), 204);
        // The code after the one the disabled try used.
        let t = server::clock::now() + 90;
        let (auditor, _) = staff::sign_in(
            &s,
            "auditor1",
            "Long-enough-2026",
            &totp::code_at(&key, t),
            t,
        )
        .await
        .expect("enabled again, the same credentials work");
        assert_eq!(
            verify(auditor.clone()).await,
            200,
            "enabled again, the same credentials work"
        );

        // Reset: sessions end, the old password no longer signs in, the new code enrols.
        let reset = act(&id, "reset").send().await.unwrap();
        assert_eq!(reset.status(), 200);
        let invite: Value = reset.json().await.unwrap();
        assert_eq!(verify(auditor).await, 401, "the reset ends every session");
        let t = server::clock::now() + 150;
        let e = staff::sign_in(
            &s,
            "auditor1",
            "Long-enough-2026",
            &totp::code_at(&key, t),
            t,
        )
        .await
        .unwrap_err();
        assert_eq!(
            e.code(),
            "bad_credentials",
            "the old password and authenticator are gone"
        );
        let secret = enrol(
            app,
            "auditor1",
            invite["code"].as_str().unwrap(),
            "New-Audit-Pass-2026",
        )
        .await;
        assert_ne!(secret, ADMIN_SECRET, "a new authenticator");

        // Not on one's own account.
        for what in ["reset", "disable"] {
            assert_eq!(
                act(&admin_id, what).send().await.unwrap().status(),
                409,
                "{what} own account"
            );
        }
        assert_eq!(
            act("no-such-id", "disable").send().await.unwrap().status(),
            404
        );
        let sr = &s;
        let outcomes = move |a: &'static str| async move {
            actions(sr, a)
                .await
                .into_iter()
                .map(|r| r.entry.outcome)
                .collect::<Vec<_>>()
        };
        assert_eq!(outcomes("staff.disable").await, ["ok: 1 sessions ended"]);
        assert_eq!(outcomes("staff.enable").await, ["ok"]);
        assert!(
            outcomes("staff.reset").await[0]
                .starts_with("ok: password and authenticator cleared, 1 sessions ended")
        );
        assert!(
            outcomes("staff.sign_in")
                .await
                .iter()
                .any(|o| o == "denied: account disabled"),
            "the disabled member's try is audited"
        );
    }
);

async fn staff_by_name(s: &AppState, username: &str) -> Option<server::staff::store::StaffRow> {
    server::staff::store::by_username(&s.db, username)
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
        let sr = &s;
        let outcomes = move |action: String| async move {
            actions(sr, &action)
                .await
                .into_iter()
                .map(|r| r.entry.outcome)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            outcomes("staff.role_change".into()).await,
            ["ok: caseworker@wujiashan -> auditor"]
        );
        // L1: the role is checked before the body is read, and the refusal audited by route.
        assert_eq!(
            outcomes(format!("POST /api/v1/staff/users/{id}/role")).await,
            ["denied: role caseworker"],
            "the refused try is audited too"
        );
        let admin_id = staff_by_name(&s, "admin1").await.unwrap().id;
        let own = change(&admin, &admin_id, json!({"role": "auditor"}))
            .send()
            .await
            .unwrap();
        assert_eq!(own.status(), 409, "an admin cannot demote themselves");
        assert_eq!(
            staff_by_name(&s, "admin1").await.unwrap().role,
            types::account::Role::SystemAdmin
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
        for page in server::auth::roles::staff_pages() {
            let (path, roles) = (page.path, page.roles);
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
                let expected = if roles.iter().any(|r| r.as_str() == role) {
                    200
                } else {
                    403
                };
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
