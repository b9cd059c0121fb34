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
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/app.db",
        hide_env_values = true
    )]
    pub database_url: String,

    /// Largest number of pooled database connections.
    #[arg(long, env = "DB_MAX_CONNECTIONS", default_value_t = 10)]
    pub db_max_connections: u32,

    /// Seed demo data (demo staff sign-ins, projects) into an empty database. Development mode
    /// only, where it is the default; a production start with it refuses.
    #[arg(long, env = "SEED_DEMO", action = clap::ArgAction::Set)]
    pub seed_demo_setting: Option<bool>,

    /// Production mode (the default). PRODUCTION=false is the development mode that `make run`
    /// sets: demo seed, development outbox, sandbox gateway and development secret, on a
    /// loopback address only.
    #[arg(long, env = "PRODUCTION", default_value_t = true, action = clap::ArgAction::Set)]
    pub production: bool,

    /// Secret used to derive signing and encryption keys (at least 32 characters). Required in
    /// production; development mode uses a published development value.
    #[arg(
        long,
        env = "APP_SECRET",
        default_value = DEV_SECRET,
        hide_default_value = true,
        hide_env_values = true
    )]
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

    /// The payment gateway: `sandbox` (development mode only, its default) or `none` (online
    /// money donations closed; goods donations still open). Required in production.
    #[arg(long, env = "PAYMENT_GATEWAY", value_enum)]
    pub payment_gateway_setting: Option<PaymentGateway>,

    /// The key the sandbox gateway signs its notifications with (its own key, not APP_SECRET).
    #[arg(long, env = "SANDBOX_NOTIFY_KEY", default_value = DEV_SANDBOX_KEY,
        hide_default_value = true, hide_env_values = true)]
    pub sandbox_notify_key: String,

    /// Where payment notifications are posted (default: this server's /api/v1/payments/notify).
    #[arg(long, env = "PAYMENT_NOTIFY_URL")]
    pub payment_notify_url: Option<String>,

    /// The text-message sender for sign-in codes: `outbox` (development mode only, its default:
    /// codes shown at /dev/outbox) or `none` (resident sign-in by code closed). Required in
    /// production.
    #[arg(long, env = "SMS_SENDER", value_enum)]
    pub sms_sender_setting: Option<SmsSender>,

    /// Proxies whose X-Forwarded-For is believed, comma-separated addresses or CIDR blocks (e.g.
    /// 10.0.0.0/8). The client is the right-most hop that is not one of them; without any, the
    /// TCP peer.
    #[arg(long, env = "TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<ProxyNet>,

    /// The address residents reach this service at (e.g. https://mz.dongxihu.gov.cn), put in QR
    /// codes, receipts and certificates. Required in production; development mode uses the
    /// request's Host.
    #[arg(long, env = "PUBLIC_ORIGIN")]
    pub public_origin_setting: Option<String>,

    /// Staff sign-in attempts one client address may make in 15 minutes (checked before any
    /// password is hashed; behind a proxy, see TRUSTED_PROXIES).
    #[arg(long, env = "STAFF_SIGNIN_ATTEMPTS_PER_CLIENT", default_value_t = 30)]
    pub staff_signin_attempts_per_client: i64,

    /// Staff sign-in attempts made for one username in 15 minutes, from anywhere (checked before
    /// any password is hashed: it bounds the hashing for made-up usernames).
    #[arg(long, env = "STAFF_SIGNIN_ATTEMPTS_PER_USERNAME", default_value_t = 30)]
    pub staff_signin_attempts_per_username: i64,

    /// Donation orders, goods pledges, pre-applications and certificates one client address may
    /// make per hour, each (a street kiosk is one address for all its residents).
    #[arg(long, env = "CLIENT_WRITES_PER_HOUR", default_value_t = 60)]
    pub client_writes_per_hour: i64,

    /// Longest a request may take, its body included, before it is answered 503 (seconds).
    #[arg(long, env = "REQUEST_TIMEOUT_SECONDS", default_value_t = 30)]
    pub request_timeout_seconds: u64,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `scheme://host[:port]`, nothing after it: https in production.
fn valid_origin(o: &str) -> bool {
    o.strip_prefix("https://")
        .is_some_and(|host| !host.is_empty() && !host.contains(['/', '?', '#', '@', ' ']))
}

/// The payment gateway behind the donation orders.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentGateway {
    /// The built-in sandbox: anyone may "pay". Development mode only.
    Sandbox,
    /// No gateway: online money donations are closed.
    None,
}

/// Who sends residents their sign-in codes.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsSender {
    /// The development outbox page (`/dev/outbox`). Development mode only.
    Outbox,
    /// No sender: sign-in by code is closed.
    None,
}

/// A trusted proxy: one address (`10.0.0.2`) or a block (`10.0.0.0/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxyNet(pub ipnet::IpNet);

impl std::str::FromStr for ProxyNet {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Ok(net) = s.parse::<ipnet::IpNet>() {
            return Ok(ProxyNet(net));
        }
        s.parse::<std::net::IpAddr>()
            .map(|ip| ProxyNet(ipnet::IpNet::from(ip)))
            .map_err(|_| format!("'{s}' is not an address or a CIDR block (e.g. 10.0.0.0/8)"))
    }
}

impl ProxyNet {
    pub fn contains(&self, ip: &std::net::IpAddr) -> bool {
        self.0.contains(ip)
    }
}

/// The sandbox gateway's development notification key. A production start never uses it.
pub const DEV_SANDBOX_KEY: &str = "dev-only-sandbox-notify-key-0000000000000";

#[derive(clap::Subcommand, Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Serve the web app and the API (the default).
    Serve,
    /// Walk the audit log's hash chain and report the first broken link (exit status 1 if any).
    AuditVerify,
    /// Reconcile the charity ledger: postings, project balances, paid orders, goods stock and the
    /// hash chain (exit status 1 on any problem).
    CharityReconcile,
    /// After changing APP_SECRET (the earlier one in APP_SECRET_PREVIOUS): re-seal the database's
    /// record secret under the new APP_SECRET, so the earlier one can be removed. Look-ups,
    /// sealed data and the codes on printed receipts and certificates are unchanged.
    Rekey,
    /// Create a staff account awaiting enrolment and print its one-time enrolment code: how the
    /// first system administrator of a new installation is made. The member sets their own
    /// password and authenticator at /staff/enrol.
    StaffInvite {
        /// 3–32 lowercase letters, digits, dots or hyphens.
        #[arg(long)]
        username: String,
        /// The member's name or post, as staff pages show it.
        #[arg(long)]
        display_name: String,
        #[arg(long, default_value = "system_admin")]
        role: String,
        /// A caseworker's street office code.
        #[arg(long)]
        street: Option<String>,
    },
}

impl Config {
    /// Development mode: the one mode in which development conveniences exist.
    pub fn development(&self) -> bool {
        !self.production
    }

    /// The configured public origin, without a trailing slash; an empty setting is none.
    pub fn public_origin(&self) -> Option<&str> {
        self.public_origin_setting
            .as_deref()
            .map(|o| o.trim_end_matches('/'))
            .filter(|o| !o.is_empty())
    }

    /// Whether to seed demo data: in development mode unless turned off, never in production.
    pub fn seed_demo(&self) -> bool {
        self.seed_demo_setting.unwrap_or(self.development()) && self.development()
    }

    /// The gateway in use: the setting, or the sandbox in development mode.
    pub fn payment_gateway(&self) -> PaymentGateway {
        match self.payment_gateway_setting {
            Some(PaymentGateway::Sandbox) if self.production => PaymentGateway::None,
            Some(g) => g,
            None if self.development() => PaymentGateway::Sandbox,
            None => PaymentGateway::None,
        }
    }

    /// The sign-in code sender in use: the setting, or the outbox in development mode.
    pub fn sms_sender(&self) -> SmsSender {
        match self.sms_sender_setting {
            Some(SmsSender::Outbox) if self.production => SmsSender::None,
            Some(s) => s,
            None if self.development() => SmsSender::Outbox,
            None => SmsSender::None,
        }
    }

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
        // The administrative commands (audit-verify, charity-reconcile) serve nothing: the
        // settings of a serving instance do not apply to them.
        let serving = matches!(self.command, None | Some(Command::Serve));
        if serving && self.development() && !addr.ip().is_loopback() {
            return Err(format!(
                "development mode (PRODUCTION=false) serves only a loopback address, not {addr}: \
                 use 127.0.0.1, or run in production mode"
            ));
        }
        if self.production {
            if self.secret == DEV_SECRET {
                return Err(
                    "production mode refuses the default APP_SECRET: set APP_SECRET \
                     (PRODUCTION=false is the local development mode)"
                        .into(),
                );
            }
            if self.secret.len() < 32 {
                return Err("APP_SECRET must be at least 32 characters in production mode".into());
            }
            if self.kiosk_warn_seconds < 20 {
                return Err("KIOSK_WARN_SECONDS must be at least 20 in production mode".into());
            }
            if !serving {
                return Ok(addr);
            }
            if self.seed_demo_setting == Some(true) {
                return Err("production mode refuses SEED_DEMO=true: demo data is for development mode only".into());
            }
            match self.public_origin() {
                None => {
                    return Err("production mode needs PUBLIC_ORIGIN (e.g. https://mz.example.gov.cn): QR codes and receipts carry it".into());
                }
                Some(o) if !valid_origin(o) => {
                    return Err(format!(
                        "PUBLIC_ORIGIN '{o}' must be https://host[:port] with no path"
                    ));
                }
                Some(_) => {}
            }
            match self.payment_gateway_setting {
                None => {
                    return Err("production mode needs PAYMENT_GATEWAY: the sandbox is for development mode only; set PAYMENT_GATEWAY=none to close online money donations".into());
                }
                Some(PaymentGateway::Sandbox) => {
                    return Err("production mode refuses PAYMENT_GATEWAY=sandbox: anyone could pay an order without paying".into());
                }
                Some(PaymentGateway::None) => {}
            }
            match self.sms_sender_setting {
                None => {
                    return Err("production mode needs SMS_SENDER: the development outbox is for development mode only; set SMS_SENDER=none to close sign-in by code".into());
                }
                Some(SmsSender::Outbox) => {
                    return Err("production mode refuses SMS_SENDER=outbox: the development outbox would show every sign-in code".into());
                }
                Some(SmsSender::None) => {}
            }
        }
        Ok(addr)
    }
}
