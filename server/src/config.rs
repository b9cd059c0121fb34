//! Configuration from flags and environment variables. `server --help` lists every one.

use clap::Parser;
use std::net::SocketAddr;

/// The development secret. A production start refuses it.
pub const DEV_SECRET: &str = "dev-only-secret-change-me-0000000000000000";

#[derive(Parser, Debug, Clone)]
#[command(
    name = "server",
    about = "Dongxihu civil-affairs self-service: web app and /api/v1",
    version
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "ADDR", default_value = "127.0.0.1:3000")]
    pub addr: String,

    /// Database: sqlite://path/to.db (default, created if missing) or postgres://user@host/db.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/app.db")]
    pub database_url: String,

    /// Largest number of pooled database connections.
    #[arg(long, env = "DB_MAX_CONNECTIONS", default_value_t = 10)]
    pub db_max_connections: u32,

    /// Seed demo data (street offices and demo records) when the database is empty.
    #[arg(long, env = "SEED_DEMO", default_value_t = true, action = clap::ArgAction::Set)]
    pub seed_demo: bool,

    /// Run in production mode: refuses default secrets, sends HSTS, hides the dev outbox.
    #[arg(long, env = "PRODUCTION", default_value_t = false, action = clap::ArgAction::Set)]
    pub production: bool,

    /// Secret used to derive signing and encryption keys (at least 32 characters).
    #[arg(long, env = "APP_SECRET", default_value = DEV_SECRET, hide_default_value = true)]
    pub secret: String,

    /// Earlier secrets, comma-separated, whose sealed data must still open during a key rotation.
    #[arg(
        long,
        env = "APP_SECRET_PREVIOUS",
        value_delimiter = ',',
        hide_env_values = true
    )]
    pub secret_previous: Vec<String>,

    /// Set when a TLS-terminating proxy is in front: adds Strict-Transport-Security.
    #[arg(long, env = "BEHIND_TLS", default_value_t = false, action = clap::ArgAction::Set)]
    pub behind_tls: bool,

    /// Seconds without a touch before a kiosk shows the idle warning.
    #[arg(long, env = "KIOSK_IDLE_SECONDS", default_value_t = 90)]
    pub kiosk_idle_seconds: u32,

    /// Seconds the kiosk idle warning counts down before wiping the session (>= 20 in production).
    #[arg(long, env = "KIOSK_WARN_SECONDS", default_value_t = 30)]
    pub kiosk_warn_seconds: u32,

    /// Seconds before a sign-in code may be sent again to the same number.
    #[arg(long, env = "OTP_RESEND_SECONDS", default_value_t = 60)]
    pub otp_resend_seconds: i64,

    /// Directory holding the built site (wasm, js, css) from cargo-leptos.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Log format: "text" for people, "json" for collectors.
    #[arg(long, env = "LOG_FORMAT", default_value = "text")]
    pub log_format: String,

    /// The charity this channel raises money for (慈善组织名称).
    #[arg(long, env = "CHARITY_NAME", default_value = "武汉市东西湖区慈善会")]
    pub charity_name: String,

    /// The charity's unified social credit code (统一社会信用代码).
    #[arg(long, env = "CHARITY_REGISTRATION", default_value = "（演示）未配置")]
    pub charity_registration: String,

    /// The number of its public-fundraising certificate (公开募捐资格证书).
    #[arg(
        long,
        env = "CHARITY_FUNDRAISING_CERTIFICATE",
        default_value = "（演示）未配置"
    )]
    pub charity_certificate: String,

    /// How donors reach the charity (shown on project pages and receipts).
    #[arg(
        long,
        env = "CHARITY_CONTACT",
        default_value = "东西湖区民政局 027-0000 0000（演示号码）"
    )]
    pub charity_contact: String,

    /// The handler (经办人) named on receipts of online donations.
    #[arg(
        long,
        env = "CHARITY_RECEIPT_HANDLER",
        default_value = "慈善会网上募捐平台"
    )]
    pub charity_handler: String,

    /// Where payment notifications are posted (default: this server's /api/v1/payments/notify).
    #[arg(long, env = "PAYMENT_NOTIFY_URL")]
    pub payment_notify_url: Option<String>,

    /// Longest a request may take, its body included, before it is answered 503 (seconds).
    #[arg(long, env = "REQUEST_TIMEOUT_SECONDS", default_value_t = 30)]
    pub request_timeout_seconds: u64,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(clap::Subcommand, Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Serve the web app and the API (the default).
    Serve,
    /// Walk the audit log's hash chain and report the first broken link (exit status 1 if any).
    AuditVerify,
    /// Reconcile the charity ledger: postings, project balances, paid orders, goods stock and the
    /// hash chain (exit status 1 on any problem).
    CharityReconcile,
}

impl Config {
    /// Checks the values that clap cannot: one clear message per problem.
    pub fn validate(&self) -> Result<SocketAddr, String> {
        let addr: SocketAddr = self.addr.parse().map_err(|_| {
            format!(
                "ADDR '{}' is not host:port (e.g. 127.0.0.1:3000)",
                self.addr
            )
        })?;
        let scheme = self.database_url.split(':').next().unwrap_or_default();
        if !matches!(scheme, "sqlite" | "postgres" | "postgresql") {
            return Err(format!(
                "DATABASE_URL has unknown scheme '{scheme}': use sqlite://… or postgres://…"
            ));
        }
        if !matches!(self.log_format.as_str(), "text" | "json") {
            return Err(format!(
                "LOG_FORMAT '{}' must be text or json",
                self.log_format
            ));
        }
        if self.kiosk_idle_seconds == 0 || self.kiosk_warn_seconds == 0 {
            return Err("KIOSK_IDLE_SECONDS and KIOSK_WARN_SECONDS must be above 0".into());
        }
        if self.production {
            if self.secret == DEV_SECRET {
                return Err(
                    "production mode refuses the default APP_SECRET: set APP_SECRET".into(),
                );
            }
            if self.secret.len() < 32 {
                return Err("APP_SECRET must be at least 32 characters in production mode".into());
            }
            if self.kiosk_warn_seconds < 20 {
                return Err("KIOSK_WARN_SECONDS must be at least 20 in production mode".into());
            }
        }
        Ok(addr)
    }
}
