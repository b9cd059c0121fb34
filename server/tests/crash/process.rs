//! The real `server` binary as a child process, and the fresh database it runs on.
//!
//! `ServerProcess::start` runs the binary on a free loopback port and waits for `/readyz`;
//! `kill` (and dropping it, on every path including a panic) sends SIGKILL and reaps it.
//! `ScratchDb` is a fresh SQLite file in a temporary directory or a fresh PostgreSQL database,
//! dropped with the value.

use super::support::{self, tempdir::TempDir};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a start may take: a debug build migrating a database on a busy 2-core machine.
const READY_WITHIN: Duration = Duration::from_secs(60);

pub struct ServerProcess {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    log: PathBuf,
}

/// A loopback port nobody listens on right now (the server binds it a moment later; a start
/// that loses the port to someone else is retried on another).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

impl ServerProcess {
    /// Starts the binary against `database_url` with `secret` (the key of the gateway's
    /// signatures and the residents' tokens) and waits until it is ready. Its output goes to
    /// `log`, appended, so a failure can show it.
    pub async fn start(database_url: &str, secret: &str, log: &Path) -> ServerProcess {
        for attempt in 1..=3 {
            let port = free_port();
            let out = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .expect("server log file");
            let err = out.try_clone().expect("server log file");
            let child = Command::new(env!("CARGO_BIN_EXE_server"))
                .env("DATABASE_URL", database_url)
                .env("ADDR", format!("127.0.0.1:{port}"))
                .env("APP_SECRET", secret)
                .env("SEED_DEMO", "false")
                .env("PRODUCTION", "false")
                .env("CLIENT_WRITES_PER_HOUR", "100000000")
                .env("LOG_FORMAT", "text")
                .env("RUST_LOG", "warn")
                .env("NO_COLOR", "1")
                .env_remove("PAYMENT_NOTIFY_URL")
                .env_remove("APP_SECRET_PREVIOUS")
                .stdin(Stdio::null())
                .stdout(out)
                .stderr(err)
                .spawn()
                .expect("the server binary starts");
            let mut server = ServerProcess {
                child: Some(child),
                base: format!("http://127.0.0.1:{port}"),
                log: log.to_path_buf(),
            };
            match server.wait_ready().await {
                Ok(()) => return server,
                Err(why) if attempt < 3 && server.log_tail().contains("cannot listen") => {
                    eprintln!("crash test: port {port} taken ({why}); trying another");
                }
                Err(why) => panic!("server not ready: {why}\n{}", server.log_tail()),
            }
        }
        unreachable!("the loop returns or panics")
    }

    async fn wait_ready(&mut self) -> Result<(), String> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("client");
        let url = format!("{}/readyz", self.base);
        let started = Instant::now();
        loop {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    self.child = None;
                    return Err(format!("the server exited ({status})"));
                }
            }
            if let Ok(r) = client.get(&url).send().await {
                if r.status() == 200 {
                    return Ok(());
                }
            }
            if started.elapsed() > READY_WITHIN {
                self.kill();
                return Err(format!("/readyz did not answer within {READY_WITHIN:?}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGKILL (what `Child::kill` sends on unix): no shutdown, no flushing, no goodbye.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The last lines the server wrote.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs the binary once with a subcommand (`charity-reconcile`, `audit-verify`) on the
/// database: its exit status and what it printed.
pub fn run_subcommand(database_url: &str, secret: &str, subcommand: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg(subcommand)
        .env("DATABASE_URL", database_url)
        .env("APP_SECRET", secret)
        .env("RUST_LOG", "warn")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the server binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// A fresh database for one run, with a temporary directory for the SQLite file and the logs.
pub struct ScratchDb {
    pub url: String,
    /// (admin URL, database name) of a PostgreSQL database to drop afterwards.
    postgres: Option<(String, String)>,
    pub dir: TempDir,
}

impl ScratchDb {
    /// None when the backend is PostgreSQL and TEST_POSTGRES_URL is not set.
    pub async fn create(backend: support::Backend) -> Option<ScratchDb> {
        let dir = TempDir::new();
        match backend {
            support::Backend::Sqlite => Some(ScratchDb {
                url: format!("sqlite://{}/app.db", dir.0.display()),
                postgres: None,
                dir,
            }),
            support::Backend::Postgres => {
                let admin = support::postgres_admin_url()?;
                let name = format!("crash_{}", uuid::Uuid::new_v4().simple());
                crate::support::admin_exec(&admin, &format!("CREATE DATABASE {name}")).await;
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                Some(ScratchDb {
                    url: format!("{base}/{name}"),
                    postgres: Some((admin.clone(), name)),
                    dir,
                })
            }
        }
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        // Dropped from inside the test's runtime: the statement runs on a runtime of its own.
        if let Some((admin, name)) = self.postgres.take() {
            let _ = std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime")
                    .block_on(crate::support::admin_exec(
                        &admin,
                        &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                    ))
            })
            .join();
        }
    }
}
