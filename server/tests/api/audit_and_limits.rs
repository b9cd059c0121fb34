//! The audit log's hash chain and the shared rate-limit counters, on SQLite and PostgreSQL.

use crate::support;

use server::audit::store::{self as audit, AuditEntry};
use server::store::{Backend, Db, limits};

fn entry(i: usize) -> AuditEntry {
    AuditEntry {
        actor: format!("staff:{}", i % 3),
        action: "case.read".into(),
        target: format!("case:{i}"),
        outcome: "ok".into(),
    }
}

on_both_backends!(
    audit_chain_verifies_and_names_the_first_altered_row,
    |app| {
        for i in 0..5 {
            audit::append(&app.db, &entry(i), 1_800_000_000 + i as i64)
                .await
                .unwrap();
        }
        let v = audit::verify(&app.db).await.unwrap();
        assert_eq!((v.entries, v.first_broken), (5, None));

        // The table refuses changes outright.
        let refused =
            sqlx::query("UPDATE audit_log SET outcome = 'denied' WHERE target = 'case:2'")
                .execute(&app.db.pool)
                .await;
        assert!(refused.is_err(), "UPDATE must be refused");
        assert!(
            sqlx::query("DELETE FROM audit_log")
                .execute(&app.db.pool)
                .await
                .is_err(),
            "DELETE must be refused"
        );

        // Someone with database access switches the guard off and edits a row: verification finds it.
        let (off, on) = match app.db.backend {
            Backend::Sqlite => ("DROP TRIGGER audit_log_no_update", None),
            Backend::Postgres => (
                "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
                Some("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change"),
            ),
        };
        sqlx::query(off).execute(&app.db.pool).await.unwrap();
        sqlx::query("UPDATE audit_log SET outcome = 'denied' WHERE target = 'case:2'")
            .execute(&app.db.pool)
            .await
            .unwrap();
        if let Some(on) = on {
            sqlx::query(on).execute(&app.db.pool).await.unwrap();
        }
        let third: i64 = sqlx::query_scalar("SELECT id FROM audit_log WHERE target = 'case:2'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let v = audit::verify(&app.db).await.unwrap();
        assert_eq!(v.first_broken, Some(third));
        assert_eq!(v.entries, 2);
    }
);

on_both_backends!(
    concurrent_appends_from_two_instances_keep_one_chain,
    |app| {
        // A second pool on the same database stands for a second server instance.
        let other = Db::connect(&app.database_url, 4).await.unwrap();
        // As a second instance opens it: with the database's record secret.
        other.set_record_secret(app.db.record_secret().unwrap().to_string());
        // 200 at once: appends take turns, none gives up.
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(200));
        let mut tasks = Vec::new();
        for i in 0..200 {
            let db = if i % 2 == 0 {
                app.db.clone()
            } else {
                other.clone()
            };
            let start = start.clone();
            tasks.push(tokio::spawn(async move {
                start.wait().await;
                audit::append(&db, &entry(i), 1_800_000_000).await.unwrap()
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let v = audit::verify(&app.db).await.unwrap();
        assert_eq!((v.entries, v.first_broken), (200, None));
        let recent = audit::recent(&app.db, Some("staff:1"), None, None, 100)
            .await
            .unwrap();
        assert_eq!(recent.len(), 67);
        assert!(recent.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    }
);

on_both_backends!(
    rate_limits_are_shared_between_instances_and_windows,
    |app| {
        let other = Db::connect(&app.database_url, 2).await.unwrap();
        let now = 1_800_000_000;
        for n in 1..=10 {
            let db = if n % 2 == 0 { &app.db } else { &other };
            assert!(
                limits::allow(db, "otp-send:ip:x", 10, 86_400, now + n)
                    .await
                    .unwrap(),
                "attempt {n}"
            );
        }
        assert!(
            !limits::allow(&app.db, "otp-send:ip:x", 10, 86_400, now + 11)
                .await
                .unwrap(),
            "the 11th in a day is refused"
        );
        assert!(
            limits::allow(&other, "otp-send:ip:y", 10, 86_400, now)
                .await
                .unwrap(),
            "another key has its own count"
        );
        let next_day = now + 86_400;
        assert!(
            limits::allow(&app.db, "otp-send:ip:x", 10, 86_400, next_day)
                .await
                .unwrap(),
            "a new window starts again"
        );
        assert!(
            limits::prune(&app.db, next_day - next_day % 86_400)
                .await
                .unwrap()
                >= 1
        );
    }
);

#[tokio::test]
async fn audit_verify_command_reports_an_intact_log() {
    let app = support::TestApp::spawn(support::Backend::Sqlite)
        .await
        .unwrap();
    audit::append(&app.db, &entry(1), 1_800_000_000)
        .await
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", &app.database_url)
        .env("PRODUCTION", "false")
        .arg("audit-verify")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "audit log intact: 1 entries"
    );
}
