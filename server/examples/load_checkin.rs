//! Load test of QR check-in (issue #5): N volunteers (500 by default) scan ONE activity's QR code
//! within a few seconds, over HTTP, against a server that is already running.
//!
//! It seeds straight into the server's database (the same `DATABASE_URL` and `APP_SECRET`, so
//! the token and QR keys match): a coordinator, an organization, an activity open for check-in
//! now, and N signed-in residents registered as volunteers and signed up. Then it mints one
//! check-in QR token (it serves every volunteer once, for 60 s), fires the N scans at
//! `POST /api/v1/timebank/scan` spread evenly over `--seconds`, times each request and prints
//! count, ok, failed, p50, p99 and max. It exits non-zero if any scan failed or the
//! coordinator's attendance list does not show all N.
//!
//! `scripts/load-checkin.sh` (`make bench-load`) starts a fresh release server and runs this:
//!
//! ```sh
//! DATABASE_URL=sqlite:///tmp/x/app.db cargo run --release -p server --example load_checkin -- \
//!     --server http://127.0.0.1:PORT
//! ```

use clap::Parser;
use server::account::store as accounts;
use server::clock::shanghai_time;
use server::config::Config;
use server::staff;
use server::state::AppState;
use server::store::Db;
use server::timebank::activities::{self, NewActivityForm, NewOrganization};
use server::timebank::checkin::{self, Direction};
use server::timebank::verification;
use server::timebank::volunteers::{self, Registration};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "500 volunteers check in to one activity over HTTP; prints p50/p99")]
struct Args {
    /// Base URL of the running server, e.g. http://127.0.0.1:3000.
    #[arg(long)]
    server: String,
    /// How many volunteers check in (at most 999: one ID-number sequence each).
    #[arg(long, default_value_t = 500)]
    volunteers: usize,
    /// Seconds over which the scans are spread, in batches every 100 ms.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
}

/// A valid GB 11643 number for Dongxihu (420112) born on `birth` (YYYYMMDD), sequence `seq`
/// (1-999).
fn id_number(birth: &str, seq: usize) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let body = format!("420112{birth}{seq:03}");
    let sum: u32 = body
        .bytes()
        .zip(W)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
    format!("{body}{check}")
}

fn err(what: &'static str) -> impl FnOnce(server::error::ApiError) -> String {
    move |e| format!("{what}: {e:?}")
}

/// A member of staff with `role`, straight into the database.
async fn staff_member(
    s: &AppState,
    username: &str,
    role: &str,
) -> Result<staff::StaffUser, String> {
    let spec = staff::StaffSpec {
        username,
        display_name: username,
        password: "Load-Test-Only-2026",
        role: types::account::Role::from_code(role).ok_or("a staff role")?,
        street: None,
    };
    staff::create(&s.db, &s.vault, &spec, None, server::clock::now())
        .await
        .map_err(err("create staff"))?;
    let row = server::staff::store::by_username(&s.db, username)
        .await
        .map_err(|e| format!("read staff: {e}"))?
        .ok_or("staff member missing after insert")?;
    Ok(row.into())
}

/// What makes one run's people its own, so that a run can repeat on the same database: a
/// random number picks the phone numbers' middle digits and the birth date in the ID numbers.
struct Run {
    /// 0-99999.
    tag: u64,
}

impl Run {
    fn phone(&self, i: usize) -> String {
        format!("139{:05}{i:03}", self.tag)
    }
    fn birth(&self) -> String {
        let t = self.tag;
        format!(
            "19{:02}{:02}{:02}",
            50 + t % 40,
            1 + t / 40 % 12,
            1 + t / 480 % 28
        )
    }
}

/// Signs resident `i` in through the development outbox, registers and signs them up;
/// returns their bearer access token.
async fn volunteer(s: &AppState, run: &Run, i: usize, activity: &str) -> Result<String, String> {
    let now = server::clock::now();
    let phone = run.phone(i);
    // A client key per resident: the per-address limit on sign-in codes (30 an hour) is for
    // people, not for this seeding.
    server::account::request_code(s, &phone, &format!("load-{}-{i}", run.tag), now)
        .await
        .map_err(err("request code"))?;
    let (_, _, message) = accounts::outbox_recent(&s.db, 1)
        .await
        .map_err(|e| format!("read outbox: {e}"))?
        .pop()
        .ok_or("no sign-in code in the outbox")?;
    let code: String = message
        .split("验证码是 ")
        .nth(1)
        .unwrap_or_default()
        .chars()
        .take(6)
        .collect();
    let tokens = server::account::verify_code(s, &phone, &code, true, now)
        .await
        .map_err(err("verify code"))?;
    let user = server::auth::authenticate(s, &tokens.access, now)
        .await
        .map_err(err("authenticate"))?;
    let registration = Registration {
        name: format!("志愿者{i}"),
        id_number: id_number(&run.birth(), i + 1),
        street_code: "wujiashan".into(),
        phone: None,
        skills: "陪伴聊天".into(),
        categories: vec!["elderly".into()],
        consent: true,
    };
    volunteers::register_self(s, &user, &registration, now)
        .await
        .map_err(err("register volunteer"))?;
    activities::sign_up(s, &user, activity, now)
        .await
        .map_err(err("sign up"))?;
    Ok(tokens.access)
}

/// One scan over HTTP: its latency and, if it failed, why.
async fn scan(
    client: reqwest::Client,
    url: String,
    bearer: String,
    token: String,
) -> (Duration, Result<(), String>) {
    let started = Instant::now();
    let sent = client
        .post(&url)
        .bearer_auth(bearer)
        .json(&serde_json::json!({ "token": token }))
        .send()
        .await;
    let outcome = match sent {
        Err(e) => Err(format!("request failed: {e}")),
        Ok(r) => {
            let status = r.status();
            let body = r.text().await.unwrap_or_default();
            if status.is_success() && body.contains(r#""direction":"in""#) {
                Ok(())
            } else {
                Err(format!("{status} {body}"))
            }
        }
    };
    (started.elapsed(), outcome)
}

/// The value below which `q` of the sorted samples fall (nearest rank).
fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn load(args: Args) -> Result<bool, String> {
    let n = args.volunteers;
    if !(1..=999).contains(&n) {
        return Err("--volunteers must be 1 to 999".into());
    }
    if args.seconds > 50 {
        return Err("--seconds must be at most 50: the one QR token lasts 60 s".into());
    }
    // The server's own settings from the environment (DATABASE_URL, APP_SECRET, ...).
    let cfg = Config::parse_from(["server"]);
    let db = Db::connect(&cfg.database_url, cfg.db_max_connections)
        .await
        .map_err(|e| format!("connect {}: {e}", server::redact_url(&cfg.database_url)))?;
    server::open_record_secret(&cfg, &db).await?;
    let s = AppState::new(cfg, db);
    let run = Run {
        tag: uuid::Uuid::new_v4().as_u64_pair().0 % 100_000,
    };

    let seeding = Instant::now();
    let admin = staff_member(&s, &format!("load-admin-{}", run.tag), "system_admin").await?;
    let coord = staff_member(&s, &format!("load-coord-{}", run.tag), "coordinator").await?;
    let org = activities::create_organization(
        &s,
        &admin,
        &NewOrganization {
            name: format!("压力测试志愿服务队 {}", run.tag),
            street_code: Some("wujiashan".into()),
            coordinators: vec![coord.id.clone()],
        },
        server::clock::now(),
    )
    .await
    .map_err(err("create organization"))?;
    // The whole Shanghai day an hour from now: check-in opens an hour before the start, so the
    // activity takes check-ins now whatever the time of day.
    let now = server::clock::now();
    let form = NewActivityForm {
        organization_id: org.id,
        name: "重阳节集中服务（压力测试）".into(),
        date: shanghai_time(now + 3600)[..10].to_string(),
        start: "00:00".into(),
        end: "23:59".into(),
        place: "吴家山街道养老服务中心".into(),
        content: "集中签到压力测试".into(),
        category: "elderly".into(),
        capacity: n as i64,
        organizer_unit: "吴家山街道志愿服务站".into(),
        person_in_charge: "李老师".into(),
        earns_credits: true,
    };
    let activity = activities::create(&s, &coord, &form, now)
        .await
        .map_err(err("create activity"))?
        .id;
    let mut bearers = Vec::with_capacity(n);
    for i in 0..n {
        bearers.push(volunteer(&s, &run, i, &activity).await?);
    }
    println!(
        "seeded {n} signed-in volunteers in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    // One QR token for everybody, as on the coordinator's screen.
    let qr = checkin::issue(&s, &coord, &activity, Direction::In, server::clock::now())
        .await
        .map_err(err("issue QR token"))?
        .token;
    let url = format!("{}/api/v1/timebank/scan", args.server.trim_end_matches('/'));
    let client = reqwest::Client::new();
    let ticks = (args.seconds * 10).max(1) as usize;
    let per_tick = n.div_ceil(ticks);
    let start = tokio::time::Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for (k, batch) in bearers.chunks(per_tick).enumerate() {
        tokio::time::sleep_until(start + Duration::from_millis(100 * k as u64)).await;
        for bearer in batch {
            let job = scan(client.clone(), url.clone(), bearer.clone(), qr.clone());
            tasks.push(tokio::spawn(job));
        }
    }
    let mut latencies = Vec::with_capacity(n);
    let mut failures = Vec::new();
    for t in tasks {
        let (latency, outcome) = t.await.map_err(|e| format!("scan task: {e}"))?;
        latencies.push(latency);
        if let Err(why) = outcome {
            failures.push(why);
        }
    }
    let wall = start.elapsed();
    latencies.sort();

    let attended = verification::attendance_list(&s, &coord, &activity)
        .await
        .map_err(err("attendance list"))?
        .len();
    println!(
        "check-in: {n} scans, {per_tick} every 100 ms, all sent and answered in {:.2} s",
        wall.as_secs_f64()
    );
    println!(
        "count {n}  ok {}  failed {}  p50 {}  p99 {}  max {}  (attendance list: {attended})",
        n - failures.len(),
        failures.len(),
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().expect("n >= 1")),
    );
    for why in failures.iter().take(5) {
        println!("  failed: {why}");
    }
    Ok(failures.is_empty() && attended == n)
}

#[tokio::main]
async fn main() -> ExitCode {
    match load(Args::parse()).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
