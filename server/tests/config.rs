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
    let (ok, err) = run_server(&[("ADDR", &addr), ("DATABASE_URL", &url)]);
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
