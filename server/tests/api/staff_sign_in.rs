//! Staff sign-in with password and TOTP, lockout, session timeouts and the audit trail, on
//! SQLite and PostgreSQL.

use crate::support;

use server::audit::store as audit;
use server::auth::totp;
use server::staff::{self, StaffSpec};
use server::state::AppState;

const SECRET: &str = "KRSXG5DTMVRXEZLUKRSXG5DTMVRXEZLU";

async fn setup(app: &support::TestApp) -> AppState {
    let s = AppState::new(support::test_config(&app.database_url), app.db.clone());
    let spec = StaffSpec {
        username: "caseworker1",
        display_name: "经办人",
        password: "Wujiashan-Case-2026",
        role: types::account::Role::Caseworker,
        street: Some("wujiashan"),
    };
    let created = staff::create(
        &s.db,
        &s.vault,
        &spec,
        totp::from_base32(SECRET),
        1_800_000_000,
    )
    .await
    .unwrap();
    assert_eq!(created.as_deref(), Some(SECRET));
    s
}

fn code(at: i64) -> String {
    totp::code_at(&totp::from_base32(SECRET).unwrap(), at)
}

on_both_backends!(
    password_and_totp_sign_in_and_every_attempt_is_audited,
    |app| {
        let s = setup(app).await;
        let t = 1_800_000_000;
        let err = staff::sign_in(&s, "caseworker1", "Wujiashan-Case-2026", "000000", t)
            .await
            .err()
            .unwrap();
        assert_eq!(
            err.code(),
            "bad_credentials",
            "a wrong TOTP fails even with the right password"
        );
        let err = staff::sign_in(&s, "caseworker1", "wrong-password", &code(t), t)
            .await
            .err()
            .unwrap();
        assert_eq!(err.code(), "bad_credentials");
        let (token, who) = staff::sign_in(&s, "caseworker1", "Wujiashan-Case-2026", &code(t), t)
            .await
            .unwrap();
        assert_eq!(
            (who.role.as_str(), who.street_code.as_deref()),
            ("caseworker", Some("wujiashan"))
        );
        assert_eq!(
            staff::authenticate(&s, &token, t + 60)
                .await
                .unwrap()
                .username,
            "caseworker1"
        );
        let log = audit::recent(&s.db, None, Some("staff.sign_in"), None, 10)
            .await
            .unwrap();
        let outcomes: Vec<&str> = log.iter().map(|r| r.entry.outcome.as_str()).collect();
        assert_eq!(
            outcomes,
            vec!["ok", "failed: bad credentials", "failed: bad credentials"]
        );
        assert_eq!(audit::verify(&s.db).await.unwrap().first_broken, None);
        let hash: String = sqlx::query_scalar("SELECT password_hash FROM staff_users")
            .fetch_one(&s.db.pool)
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
    }
);

on_both_backends!(five_failures_lock_the_account_for_thirty_minutes, |app| {
    let s = setup(app).await;
    let t = 1_800_000_000;
    for i in 0..5 {
        let e = staff::sign_in(&s, "caseworker1", "not-the-password", &code(t), t + i)
            .await
            .err()
            .unwrap();
        assert_eq!(e.code(), if i < 4 { "bad_credentials" } else { "locked" });
    }
    let locked = staff::sign_in(
        &s,
        "caseworker1",
        "Wujiashan-Case-2026",
        &code(t + 10),
        t + 10,
    )
    .await
    .err()
    .unwrap();
    assert_eq!(
        locked.code(),
        "locked",
        "right credentials do not open a locked account"
    );
    let later = t + 5 + 30 * 60;
    assert!(
        staff::sign_in(
            &s,
            "caseworker1",
            "Wujiashan-Case-2026",
            &code(later),
            later
        )
        .await
        .is_ok(),
        "open again after 30 minutes"
    );
});

on_both_backends!(
    sessions_end_after_thirty_idle_minutes_or_twelve_hours,
    |app| {
        let s = setup(app).await;
        let t = 1_800_000_000;
        let (idle_token, _) = staff::sign_in(&s, "caseworker1", "Wujiashan-Case-2026", &code(t), t)
            .await
            .unwrap();
        assert!(
            staff::authenticate(&s, &idle_token, t + 29 * 60)
                .await
                .is_ok()
        );
        assert!(
            staff::authenticate(&s, &idle_token, t + 29 * 60 + 30 * 60 + 1)
                .await
                .is_err(),
            "idle over 30 minutes"
        );
        // A second sign-in with the next authenticator code (a code signs in once).
        let t = t + 30;
        let (busy, _) = staff::sign_in(&s, "caseworker1", "Wujiashan-Case-2026", &code(t), t)
            .await
            .unwrap();
        let mut at = t;
        while at < t + 12 * 3600 - 20 * 60 {
            at += 20 * 60;
            assert!(
                staff::authenticate(&s, &busy, at).await.is_ok(),
                "active at {at}"
            );
        }
        assert!(
            staff::authenticate(&s, &busy, t + 12 * 3600 + 1)
                .await
                .is_err(),
            "12 hours in all"
        );
        staff::sign_out(&s, &busy, t).await.unwrap();
    }
);

#[test]
fn weak_and_common_passwords_are_refused() {
    assert!(staff::check_password_policy("short").is_err());
    assert!(staff::check_password_policy("password1").is_err());
    assert!(staff::check_password_policy("Dongxihu-Admin-2026").is_ok());
}
