//! Bad configuration gives one clear line and a non-zero exit.

use std::process::Command;

fn run_server(envs: &[(&str, &str)]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .envs(envs.iter().copied())
        .env("LOG_FORMAT", "text")
        .output()
        .expect("server binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn unknown_database_scheme_is_one_clear_line() {
    let (ok, err) = run_server(&[("DATABASE_URL", "mysql://x/y")]);
    assert!(!ok);
    assert!(
        err.contains("DATABASE_URL has unknown scheme 'mysql'"),
        "{err}"
    );
}

#[test]
fn unreachable_database_is_one_clear_line_without_password() {
    let (ok, err) = run_server(&[
        ("DATABASE_URL", "postgres://app:secret@127.0.0.1:1/db"),
        ("ADDR", "127.0.0.1:0"),
        ("PRODUCTION", "false"),
    ]);
    assert!(!ok);
    assert!(err.starts_with("error: database unreachable"), "{err}");
    assert!(
        !err.contains("secret"),
        "the password is not printed: {err}"
    );
}

#[test]
fn port_in_use_is_one_clear_line() {
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = held.local_addr().unwrap().to_string();
    let dir = std::env::temp_dir().join(format!("dongxihu-port-{}", std::process::id()));
    let url = format!("sqlite://{}/app.db", dir.display());
    let (ok, err) = run_server(&[
        ("ADDR", &addr),
        ("DATABASE_URL", &url),
        ("PRODUCTION", "false"),
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!ok);
    assert!(err.contains(&format!("cannot listen on {addr}")), "{err}");
}

#[test]
fn production_mode_refuses_the_default_secret() {
    let (ok, err) = run_server(&[("PRODUCTION", "true")]);
    assert!(!ok);
    assert!(err.contains("refuses the default APP_SECRET"), "{err}");
}

#[test]
fn help_lists_every_setting_with_its_default() {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "DATABASE_URL",
        "ADDR",
        "APP_SECRET",
        "KIOSK_IDLE_SECONDS",
        "PRODUCTION",
        "LOG_FORMAT",
    ] {
        assert!(help.contains(flag), "--help mentions {flag}");
    }
    assert!(help.contains("[default: sqlite://data/app.db]"));
}

/// A production start with everything a production start needs, and `extra` on top.
fn production_start(extra: &[(&'static str, &'static str)]) -> (bool, String) {
    let mut envs = vec![
        ("PRODUCTION", "true"),
        (
            "APP_SECRET",
            "a-real-production-secret-of-at-least-32-chars",
        ),
        ("PAYMENT_GATEWAY", "none"),
        ("SMS_SENDER", "none"),
        ("PUBLIC_ORIGIN", "https://mz.example.gov.cn"),
        // Unreachable: a start that passes the configuration checks stops at the database.
        ("DATABASE_URL", "postgres://app@127.0.0.1:1/db"),
    ];
    for (k, v) in extra {
        envs.retain(|(key, _)| key != k);
        envs.push((k, v));
    }
    run_server(&envs)
}

/// One `error:` line, nothing else.
fn one_error_line(err: &str) -> bool {
    err.lines().count() == 1 && err.starts_with("error: ")
}

// F1: the sandbox gateway is refused at a production start, and a production start must name
// its gateway.
#[test]
fn production_refuses_the_sandbox_gateway() {
    let (ok, err) = production_start(&[("PAYMENT_GATEWAY", "sandbox")]);
    assert!(!ok);
    assert!(one_error_line(&err), "{err}");
    assert!(err.contains("refuses PAYMENT_GATEWAY=sandbox"), "{err}");
    let (ok, err) = run_server(&[
        ("PRODUCTION", "true"),
        (
            "APP_SECRET",
            "a-real-production-secret-of-at-least-32-chars",
        ),
        ("SMS_SENDER", "none"),
        ("PUBLIC_ORIGIN", "https://mz.example.gov.cn"),
    ]);
    assert!(!ok);
    assert!(err.contains("needs PAYMENT_GATEWAY"), "{err}");
}

// F18: a server started with no settings at all is in production mode and refuses the
// development secret; the demo seed and the outbox are refused in production; development mode
// serves a loopback address only.
#[test]
fn the_default_is_production_and_fails_closed() {
    let (ok, err) = run_server(&[]);
    assert!(!ok);
    assert!(one_error_line(&err), "{err}");
    assert!(err.contains("refuses the default APP_SECRET"), "{err}");

    let (ok, err) = production_start(&[("SEED_DEMO", "true")]);
    assert!(!ok);
    assert!(err.contains("refuses SEED_DEMO=true"), "{err}");

    let (ok, err) = production_start(&[("SMS_SENDER", "outbox")]);
    assert!(!ok);
    assert!(err.contains("refuses SMS_SENDER=outbox"), "{err}");

    let (ok, err) = production_start(&[("SMS_SENDER", "")]);
    assert!(!ok, "{err}");

    // L11: absolute addresses come from a configured origin, never from the Host header.
    let (ok, err) = production_start(&[("PUBLIC_ORIGIN", "")]);
    assert!(!ok);
    assert!(err.contains("needs PUBLIC_ORIGIN"), "{err}");
    let (ok, err) = production_start(&[("PUBLIC_ORIGIN", "http://mz.example.gov.cn/x")]);
    assert!(!ok);
    assert!(err.contains("must be https://host"), "{err}");

    // Everything a production start needs: it passes the checks and stops at the database.
    let (ok, err) = production_start(&[]);
    assert!(!ok);
    assert!(err.starts_with("error: database unreachable"), "{err}");

    let (ok, err) = run_server(&[("PRODUCTION", "false"), ("ADDR", "0.0.0.0:0")]);
    assert!(!ok);
    assert!(one_error_line(&err), "{err}");
    assert!(err.contains("serves only a loopback address"), "{err}");
}

// --help shows no secret and no database password that the environment holds.
#[test]
fn help_hides_the_values_of_secrets() {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--help")
        .env("APP_SECRET", "help-must-not-print-this-secret-0000000")
        .env(
            "DATABASE_URL",
            "postgres://app:db-password-here@127.0.0.1/db",
        )
        .env("SANDBOX_NOTIFY_KEY", "help-must-not-print-this-key")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("APP_SECRET"), "{help}");
    for secret in [
        "help-must-not-print-this-secret",
        "db-password-here",
        "help-must-not-print-this-key",
    ] {
        assert!(!help.contains(secret), "--help printed {secret}");
    }
}
