//! The server's test support: `TestApp`, the real router on a random loopback port over a fresh
//! database (SQLite, or PostgreSQL when `TEST_POSTGRES_URL` is set), `on_both_backends!`, and
//! sign-ins as a resident or a member of staff.

use clap::Parser;
use server::config::Config;

pub struct TestApp {
    pub addr: String,
    pub db: server::store::Db,
    pub database_url: String,
    pub client: reqwest::Client,
    cleanup: Option<(String, String)>, // (admin url, database name) for PostgreSQL
    _dir: Option<tempdir::TempDir>,
}

pub mod tempdir {
    /// A directory removed when dropped.
    pub struct TempDir(pub std::path::PathBuf);
    impl TempDir {
        pub fn new() -> TempDir {
            let p = std::env::temp_dir().join(format!("dongxihu-test-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&p).expect("temp dir");
            TempDir(p)
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL admin URL, or None when the suite is skipped (the Makefile says so loudly).
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

pub fn test_config(database_url: &str) -> Config {
    // Development mode: demo seed, outbox and sandbox, as `make run` has them.
    let mut cfg = Config::parse_from(["server", "--production", "false"]);
    cfg.database_url = database_url.to_string();
    cfg.addr = "127.0.0.1:0".into();
    cfg
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, |_| {}).await
    }

    /// As `spawn`, with the configuration changed by `configure` first.
    pub async fn spawn_with(
        backend: Backend,
        configure: impl FnOnce(&mut Config),
    ) -> Option<TestApp> {
        let (url, cleanup, dir) = match backend {
            Backend::Sqlite => {
                let dir = tempdir::TempDir::new();
                (
                    format!("sqlite://{}/app.db", dir.0.display()),
                    None,
                    Some(dir),
                )
            }
            Backend::Postgres => {
                let admin = postgres_admin_url()?;
                let name = format!("test_{}", uuid::Uuid::new_v4().simple());
                admin_exec(&admin, &format!("CREATE DATABASE {name}")).await;
                let base = admin
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&admin)
                    .to_string();
                (format!("{base}/{name}"), Some((admin, name)), None)
            }
        };
        let mut cfg = test_config(&url);
        configure(&mut cfg);
        let (db, _) = server::prepare_database(&cfg)
            .await
            .expect("database prepared");
        let addr = serve(server::build_router(cfg, db.clone())).await;
        Some(TestApp {
            addr,
            db,
            database_url: url,
            client: reqwest::Client::new(),
            cleanup,
            _dir: dir,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// Drops the PostgreSQL database this test created.
    pub async fn finish(self) {
        if let Some((admin, name)) = &self.cleanup {
            admin_exec(
                admin,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            )
            .await;
        }
    }
}

/// Runs one statement (CREATE or DROP DATABASE) on the PostgreSQL admin connection.
pub async fn admin_exec(admin_url: &str, sql: &str) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(admin_url)
        .await
        .expect("PostgreSQL admin connection");
    sqlx::query(sql)
        .execute(&mut conn)
        .await
        .expect("admin statement");
    let _ = conn.close().await;
}

/// Serves `router` on a fresh loopback port; returns `http://127.0.0.1:PORT`.
pub async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap()
    });
    addr
}

/// A production configuration (PAYMENT_GATEWAY=none, SMS_SENDER=none, a real secret).
pub fn production(cfg: &mut Config) {
    cfg.production = true;
    cfg.secret = "a-production-secret-for-tests-only-0000000000".into();
    cfg.payment_gateway_setting = Some(server::config::PaymentGateway::None);
    cfg.sms_sender_setting = Some(server::config::SmsSender::None);
    cfg.public_origin_setting = Some("https://mz.example.gov.cn".into());
}

/// Runs one async test body against SQLite and, when configured, PostgreSQL, on an app whose
/// configuration `configure` sets.
#[macro_export]
macro_rules! on_both_backends_with {
    ($name:ident, $configure:expr, |$app:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($app: &$crate::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                let app = $crate::TestApp::spawn_with($crate::Backend::Sqlite, $configure)
                    .await
                    .unwrap();
                run(&app).await;
                app.finish().await;
            }

            #[tokio::test]
            async fn postgres() {
                let Some(app) =
                    $crate::TestApp::spawn_with($crate::Backend::Postgres, $configure).await
                else {
                    eprintln!("PostgreSQL suite skipped: TEST_POSTGRES_URL is not set");
                    return;
                };
                run(&app).await;
                app.finish().await;
            }
        }
    };
}

/// Runs one async test body against SQLite and, when configured, PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($app: &$crate::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                let app = $crate::TestApp::spawn($crate::Backend::Sqlite).await.unwrap();
                run(&app).await;
                app.finish().await;
            }

            #[tokio::test]
            async fn postgres() {
                let Some(app) = $crate::TestApp::spawn($crate::Backend::Postgres).await else {
                    eprintln!("PostgreSQL suite skipped: TEST_POSTGRES_URL is not set");
                    return;
                };
                run(&app).await;
                app.finish().await;
            }
        }
    };
}

/// Signs a resident in through the development outbox, as a phone would; returns the tokens.
#[allow(dead_code)]
pub async fn resident_tokens(
    s: &server::state::AppState,
    phone: &str,
    client: &str,
) -> server::account::Tokens {
    resident_tokens_at(s, phone, client, server::clock::now()).await
}

/// As [`resident_tokens`], at the time `t`.
#[allow(dead_code)]
pub async fn resident_tokens_at(
    s: &server::state::AppState,
    phone: &str,
    client: &str,
    t: i64,
) -> server::account::Tokens {
    use server::account;
    account::request_code(s, phone, client, t).await.unwrap();
    let (_, _, msg) = server::account::store::outbox_recent(&s.db, 1)
        .await
        .unwrap()
        .remove(0);
    let code: String = msg
        .split("验证码是 ")
        .nth(1)
        .unwrap()
        .chars()
        .take(6)
        .collect();
    account::verify_code(s, phone, &code, true, t)
        .await
        .unwrap()
}

/// Signs a member of staff in with the authenticator code of now; a code signs in once, so when
/// this member used it already (a second device in the same 30 seconds), with the next one, as a
/// person would after waiting for it.
#[allow(dead_code)]
pub async fn staff_sign_in(
    s: &server::state::AppState,
    username: &str,
    password: &str,
    secret: &str,
) -> (String, server::staff::StaffUser) {
    use server::auth::totp;
    use server::staff;
    let key = totp::from_base32(secret).expect("a base32 secret");
    let t = server::clock::now();
    match staff::sign_in(s, username, password, &totp::code_at(&key, t), t).await {
        Ok(signed_in) => signed_in,
        Err(e) if e.code() == "code_used" => {
            let next = t + 30;
            staff::sign_in(s, username, password, &totp::code_at(&key, next), next)
                .await
                .expect("the next code signs in")
        }
        Err(e) => panic!("staff sign-in of {username}: {e:?}"),
    }
}

/// An invited member enrols with their code (their own password and the authenticator the
/// enrolment shows them) and is signed in; returns the session token.
#[allow(dead_code)]
pub async fn enrol_invited(
    s: &server::state::AppState,
    username: &str,
    code: &str,
    password: &str,
) -> String {
    use server::auth::totp;
    use server::staff::enrolment as staff_enrolment;
    let t = server::clock::now();
    let shown = staff_enrolment::start(s, "test", username, code, t)
        .await
        .expect("the enrolment code is right");
    let key = totp::from_base32(&shown.secret).expect("a base32 secret");
    let c = staff_enrolment::Completion {
        username,
        code,
        password,
        totp_code: &totp::code_at(&key, t),
    };
    staff_enrolment::complete(s, "test", &c, t)
        .await
        .expect("the enrolment completes")
        .0
}
