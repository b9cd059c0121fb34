//! The crash test, on SQLite and PostgreSQL: the real `server` binary is killed (SIGKILL) in the
//! middle of concurrent donations, time-credit gifts and QR check-ins, then started again on the
//! same database. Nothing it acknowledged may be lost or doubled, nothing it did not answer may
//! be half-written, and both ledgers must reconcile.
//!
//! 1. A fresh database is migrated and seeded through the library: charity staff and an open
//!    project, a coordinator with an activity open for check-in now and CHECKERS volunteers
//!    signed up for it, and a ring of GIVERS volunteers holding earned credits (`world.rs`).
//! 2. The binary starts on a free loopback port (`process.rs`); donors, gifters and scanners
//!    fire at it from many tasks (`load.rs`), each noting what became of every request.
//! 3. Once every flow has MIN_ACKED acknowledged requests, the server is killed with requests
//!    in flight; each task stops at its first unanswered request.
//! 4. The binary starts again on the same database. Unanswered requests are retried as their
//!    clients would (the gateway re-sends its notification, the phone re-sends the gift with
//!    the same key, the volunteer scans the same code again), and every outcome is checked
//!    through the API and in the database (`donations_after.rs`, `timebank_after.rs`), with
//!    both reconciliations, the audit chain, and the binary's own `charity-reconcile` and
//!    `audit-verify`.

mod donations_after;
mod load;
mod process;
mod timebank_after;
mod world;

use clap::Parser;
use process::{ScratchDb, ServerProcess, run_subcommand};
use server::state::AppState;
use server::timebank::checkin::{self, Direction};
use std::time::{Duration, Instant};
use testkit as support;

/// Acknowledged requests each flow must have before the kill.
const MIN_ACKED: usize = 12;
/// Load runs at least this long before the kill (so requests of every kind are in flight).
const MIN_LOAD: Duration = Duration::from_millis(300);
/// Longest wait for MIN_ACKED: far beyond a healthy server even on a slow machine.
const MAX_LOAD: Duration = Duration::from_secs(25);
/// The server's secret: the gateway's signatures and residents' tokens use keys derived from it.
const SECRET: &str = "crash-test-only-secret-not-for-production-0001";

async fn crash_and_recover(backend: support::Backend) {
    let started = Instant::now();
    let Some(db) = ScratchDb::create(backend).await else {
        eprintln!("PostgreSQL crash test skipped: TEST_POSTGRES_URL is not set");
        return;
    };
    let mut cfg = server::config::Config::parse_from(["server"]);
    cfg.database_url = db.url.clone();
    cfg.secret = SECRET.into();
    cfg.secret_previous = vec![];
    cfg.seed_demo_setting = Some(false);
    cfg.production = false;
    // Migrations and the street offices only: the demo staff (argon2 hashes, slow in a debug
    // build) are not needed, so neither this nor the binary seeds them.
    let pool = server::store::Db::connect(&cfg.database_url, 4)
        .await
        .expect("database connected");
    pool.migrate().await.expect("migrated");
    server::streets::seed::seed_streets(&pool)
        .await
        .expect("street offices seeded");
    let w = world::world(AppState::new(cfg, pool)).await;
    let seeded = started.elapsed();

    let log = db.dir.0.join("server.log");
    let mut first = ServerProcess::start(&db.url, SECRET, &log).await;
    // One code on the coordinator's screen serves every volunteer once, for a minute.
    let token = checkin::issue(
        &w.s,
        &w.coord,
        &w.activity,
        Direction::In,
        server::clock::now(),
    )
    .await
    .expect("QR token")
    .token;
    let load_started = Instant::now();
    let traffic = load::start(&w, &first.base, &token);
    while traffic.progress.min() < MIN_ACKED || load_started.elapsed() < MIN_LOAD {
        if load_started.elapsed() > MAX_LOAD {
            first.kill();
            panic!(
                "the flows did not reach {MIN_ACKED} acknowledgements each in {MAX_LOAD:?}\n{}",
                first.log_tail()
            );
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.kill();
    let killed_after = load_started.elapsed();
    let tally = traffic.finish().await;
    let [d, g, s] = tally.counts();
    assert!(
        d.in_flight + g.in_flight + s.in_flight > 0,
        "nothing was in flight at the kill"
    );

    let restart = Instant::now();
    let second = ServerProcess::start(&db.url, SECRET, &log).await;
    let restarted = restart.elapsed();
    let donations_done = donations_after::check(&w, &second.base, &tally).await;
    let gifts_done = timebank_after::check_gifts(&w, &second.base, &tally).await;
    let scans_done = timebank_after::check_scans(&w, &second.base, &tally, &token).await;
    timebank_after::check_ledgers(&w).await;
    for sub in ["charity-reconcile", "audit-verify"] {
        let (ok, out) = run_subcommand(&db.url, SECRET, sub);
        assert!(ok, "server {sub} failed after the crash:\n{out}");
    }
    drop(second);
    w.s.db.pool.close().await;

    eprintln!(
        "crash test {backend:?}: {:.1} s in all (setup {:.1} s, load {:.2} s until the kill, restart {:.1} s)",
        started.elapsed().as_secs_f64(),
        seeded.as_secs_f64(),
        killed_after.as_secs_f64(),
        restarted.as_secs_f64(),
    );
    for (flow, c, done) in [
        ("donations", d, donations_done),
        ("gifts", g, gifts_done),
        ("check-ins", s, scans_done),
    ] {
        eprintln!(
            "  {flow}: {} acknowledged, {} refused, {} in flight at the kill ({done} of them had \
             committed), {} not sent",
            c.acknowledged, c.refused, c.in_flight, c.not_sent
        );
    }
}

#[tokio::test]
async fn sqlite() {
    crash_and_recover(support::Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres() {
    crash_and_recover(support::Backend::Postgres).await;
}
