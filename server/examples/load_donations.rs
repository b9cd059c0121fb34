//! Load test of money donations (issue #6): N donors each place an order and pay it, the
//! gateway's signed notification for every order is delivered TWICE, all over HTTP, with C
//! donations in flight at once, against a server that is already running.
//!
//! It seeds straight into the server's database (the same `DATABASE_URL` and `APP_SECRET`, so
//! the notification signatures match): a member of charity staff and an open project. Then each
//! donation is `POST /api/v1/charity/orders` followed by two deliveries of its notification to
//! `POST /api/v1/payments/notify` (signed as the sandbox gateway signs). It prints paid
//! donations per second over the whole run and the p50/p99/max time of one donation (order and
//! both notifications), then asks `GET /api/v1/charity/reconciliation` and checks that it passes
//! with exactly one more donation and one more paid order per donation of this run (so batches can
//! run one after another against the same server, as `make soak` does). Exits non-zero on any
//! failure.
//!
//! ```sh
//! DATABASE_URL=sqlite:///tmp/x/app.db cargo run --release -p server --example load_donations -- \
//!     --server http://127.0.0.1:PORT --donations 3000 --concurrency 32
//! ```

use clap::Parser;
use server::charity::donations::Notification;
use server::charity::gateway;
use server::charity::projects::{self, NewProject};
use server::config::Config;
use server::staff;
use server::state::AppState;
use server::store::Db;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "Concurrent donations over HTTP, each notification delivered twice")]
struct Args {
    /// Base URL of the running server, e.g. http://127.0.0.1:3000.
    #[arg(long)]
    server: String,
    /// How many donations (orders paid).
    #[arg(long, default_value_t = 3000)]
    donations: usize,
    /// How many donations are in flight at once.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
}

async fn seed(s: &AppState) -> Result<String, String> {
    let spec = staff::StaffSpec {
        username: "load-charity",
        display_name: "load-charity",
        password: "Load-Test-Only-2026",
        role: types::account::Role::CharityStaff,
        street: None,
    };
    let now = server::clock::now();
    staff::create(&s.db, &s.vault, &spec, None, now)
        .await
        .map_err(|e| format!("create staff: {e:?}"))?;
    let who: staff::StaffUser = server::staff::store::by_username(&s.db, "load-charity")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("staff missing")?
        .into();
    let today = server::clock::today(now);
    let p = projects::create(
        s,
        &who,
        &NewProject {
            title: "压力测试项目".into(),
            story: "Load test only.".into(),
            goal_fen: 1_000_000_000,
            filing_no: "LOAD-TEST".into(),
            emergency: false,
            starts_on: today.to_string(),
            ends_on: today.add_days(30).ok_or("date")?.to_string(),
            budget: vec![],
        },
        now,
    )
    .await
    .map_err(|e| format!("create project: {e:?}"))?;
    projects::set_status(s, &who, &p.id, "open", now)
        .await
        .map_err(|e| format!("open project: {e:?}"))?;
    Ok(p.id)
}

/// One donation: the order, then its notification twice. Its duration, or why it failed.
async fn donate(
    client: &reqwest::Client,
    base: &str,
    secret: &str,
    project: &str,
    amount_fen: i64,
) -> Result<Duration, String> {
    let t = Instant::now();
    let r = client
        .post(format!("{base}/api/v1/charity/orders"))
        .json(&serde_json::json!({
            "project_id": project, "amount_fen": amount_fen, "anonymous": true, "channel": "api"
        }))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status() != 201 {
        return Err(format!("order: {}", r.status()));
    }
    let order: serde_json::Value = r.json().await.map_err(|e| e.to_string())?;
    let n = Notification {
        order_no: order["order_no"].as_str().unwrap_or_default().to_string(),
        amount_fen,
        txn_id: format!("LOAD-{}", uuid::Uuid::new_v4().simple()),
        paid_at: server::clock::now(),
    };
    let body = serde_json::to_vec(&n).map_err(|e| e.to_string())?;
    let sig = gateway::sign(secret, &body);
    for _ in 0..2 {
        let r = client
            .post(format!("{base}/api/v1/payments/notify"))
            .header(gateway::SIGNATURE_HEADER, &sig)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if r.status() != 200 {
            return Err(format!("notify: {}", r.status()));
        }
    }
    Ok(t.elapsed())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let cfg = Config::parse_from(["server"]);
    let secret = cfg.secret.clone();
    let db = match Db::connect(&cfg.database_url, 4).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = server::open_record_secret(&cfg, &db).await {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let s = AppState::new(cfg, db);
    let project = match seed(&s).await {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: seeding: {e}");
            return ExitCode::FAILURE;
        }
    };
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .build()
        .expect("client");
    let base = Arc::new(args.server.trim_end_matches('/').to_string());
    let before = match reconciliation(&client, &base).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: reconciliation before the run: {e}");
            return ExitCode::FAILURE;
        }
    };
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..args.concurrency {
        let (client, base, secret, project, next) = (
            client.clone(),
            base.clone(),
            secret.clone(),
            project.clone(),
            next.clone(),
        );
        let total = args.donations;
        workers.push(tokio::spawn(async move {
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= total {
                    break;
                }
                out.push(donate(&client, &base, &secret, &project, 100 + (i as i64 % 900)).await);
            }
            out
        }));
    }
    let mut times = Vec::new();
    let mut failures = Vec::new();
    for w in workers {
        for r in w.await.expect("worker") {
            match r {
                Ok(d) => times.push(d),
                Err(e) => failures.push(e),
            }
        }
    }
    let elapsed = started.elapsed();
    times.sort();
    let pct = |p: f64| {
        times
            .get(((times.len() as f64 * p).ceil() as usize).saturating_sub(1))
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    let rate = times.len() as f64 / elapsed.as_secs_f64();
    println!(
        "count {} paid {} failed {} in {:.2} s: {:.0} paid donations/s; per donation (order + 2 notifications) p50 {:.1} ms p99 {:.1} ms max {:.1} ms",
        args.donations,
        times.len(),
        failures.len(),
        elapsed.as_secs_f64(),
        rate,
        pct(0.5),
        pct(0.99),
        times
            .last()
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    );
    for f in failures.iter().take(5) {
        eprintln!("  failure: {f}");
    }
    let rec = match reconciliation(&client, &base).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: reconciliation: {e}");
            return ExitCode::FAILURE;
        }
    };
    let added = |key: &str| {
        rec[key]
            .as_u64()
            .zip(before[key].as_u64())
            .map(|(after, before)| after.saturating_sub(before))
    };
    let sound = rec["ok"] == true
        && added("entries") == Some(times.len() as u64)
        && added("paid_orders") == Some(times.len() as u64);
    println!(
        "reconciliation: ok {} entries {} paid orders {}",
        rec["ok"], rec["entries"], rec["paid_orders"]
    );
    if !failures.is_empty() || !sound {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The charity ledger's reconciliation as the server reports it.
async fn reconciliation(client: &reqwest::Client, base: &str) -> Result<serde_json::Value, String> {
    client
        .get(format!("{base}/api/v1/charity/reconciliation"))
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())
}
