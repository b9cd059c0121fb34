//! The server: configuration, HTTP layers, the /api/v1 JSON API, services and stores.

pub mod account;
pub mod api;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod cases;
pub mod charity;
pub mod check;
pub mod clock;
pub mod config;
pub mod dashboard;
pub mod error;
pub mod http;
pub mod kiosks;
pub mod parameters;
pub mod pdf;
pub mod pii;
pub mod routes;
pub mod site;
pub mod staff;
pub mod state;
pub mod store;
pub mod streets;
pub mod telemetry;
pub mod text;
pub mod timebank;

use axum::Router;
use config::Config;
use state::AppState;
use store::Db;

/// Connects, migrates and (when asked) seeds the database. Errors are one line for people.
pub async fn prepare_database(cfg: &Config) -> Result<(Db, streets::seed::Seeded), String> {
    let (db, mut seeded) = prepare_store(cfg).await?;
    timebank::store::ledgers::ensure_bank_accounts(&db)
        .await
        .map_err(|e| e.to_string())?;
    if cfg.seed_demo() {
        let (_, vault) = state::records_vault(cfg, &db);
        let now = clock::now();
        seeded.staff = staff::seed_demo(&db, &vault, now)
            .await
            .map_err(|e| e.to_string())?;
        if let Some(c) = staff::demo_coordinator(&db)
            .await
            .map_err(|e| e.to_string())?
        {
            timebank::activities::seed_demo_organization(&db, &c, now)
                .await
                .map_err(|e| e.to_string())?;
        }
        charity::projects::seed_demo(&db, now)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok((db, seeded))
}

fn now() -> i64 {
    clock::now()
}

/// Opens the database's record secret (F5) with APP_SECRET (or one of APP_SECRET_PREVIOUS) and
/// keeps it on `db`; on a new database, makes one: random, or, when the database already holds
/// records made before the record secret existed, the APP_SECRET they were made with.
pub async fn open_record_secret(cfg: &Config, db: &Db) -> Result<(), String> {
    let wrapper = pii::Vault::new(&cfg.secret, &cfg.secret_previous);
    let fail = |e: store::StoreError| e.to_string();
    if store::record_key::sealed(db).await.map_err(fail)?.is_none() {
        let secret = if store::record_key::has_older_records(db)
            .await
            .map_err(fail)?
        {
            cfg.secret.clone()
        } else {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).map_err(|e| format!("no random source: {e}"))?;
            hex::encode(bytes)
        };
        let made = store::record_key::insert_if_absent(db, &wrapper.seal(&secret), now())
            .await
            .map_err(fail)?;
        if made {
            // The chains' heads are sealed from now on (F19): first as they stand.
            let key = store::chain_key_of(&secret);
            audit::store::seal_head(db, &key).await.map_err(fail)?;
            charity::store::ledger::seal_head(db, &key)
                .await
                .map_err(fail)?;
        }
    }
    // Another instance may have stored its own first: read back what is there.
    let sealed = store::record_key::sealed(db)
        .await
        .map_err(fail)?
        .ok_or("the record secret was not stored")?;
    let secret = wrapper.open(&sealed).map_err(|_| {
        "the database's record secret is sealed under a secret that is not configured: after \
         changing APP_SECRET, give the earlier one in APP_SECRET_PREVIOUS until `server rekey` \
         has run"
            .to_string()
    })?;
    db.set_record_secret(secret);
    Ok(())
}

/// Re-seals the record secret under the current APP_SECRET (`server rekey`): afterwards
/// APP_SECRET_PREVIOUS can be removed. Every look-up, seal and printed code stays as it was.
pub async fn rekey(cfg: &Config, db: &Db) -> Result<(), String> {
    open_record_secret(cfg, db).await?;
    let wrapper = pii::Vault::new(&cfg.secret, &[]);
    let secret = db.record_secret().ok_or("the record secret is not open")?;
    store::record_key::reseal(db, &wrapper.seal(secret), now())
        .await
        .map_err(|e| e.to_string())
}

async fn prepare_store(cfg: &Config) -> Result<(Db, streets::seed::Seeded), String> {
    let db = Db::connect(&cfg.database_url, cfg.db_max_connections)
        .await
        .map_err(|e| format!("{e} (DATABASE_URL={})", redact_url(&cfg.database_url)))?;
    db.migrate().await.map_err(|e| e.to_string())?;
    open_record_secret(cfg, &db).await?;
    // The street offices are reference data (from `policy`), seeded in every mode.
    let seeded = streets::seed::seed_streets(&db)
        .await
        .map_err(|e| e.to_string())?;
    Ok((db, seeded))
}

/// The whole application: web pages, API, static files and the layers around them.
pub fn build_router(cfg: Config, db: Db) -> Router {
    let state = AppState::new(cfg, db);
    spawn_housekeeping(state.clone());
    let pages = routes::pages(&state);
    http::layers(
        pages
            .merge(routes::api(&state.cfg))
            .with_state(state.clone()),
        &state,
    )
}

/// How long spent counters are kept: rate-limit windows (the longest is a day), sign-in codes
/// past their expiry and development outbox messages.
pub const KEEP_COUNTERS_SECONDS: i64 = 2 * 86_400;

/// Forgets what is no longer of use (L15): rate-limit windows, expired sign-in codes and old
/// outbox messages. Counters, not records: nothing of value is lost. Idempotent across instances.
pub async fn prune_expired(db: &Db, now: i64) -> Result<u64, store::StoreError> {
    let before = now - KEEP_COUNTERS_SECONDS;
    Ok(store::limits::prune(db, before).await? + account::store::prune(db, before).await?)
}

/// Work on a clock: unused time credits expire (hourly; each run is idempotent, so several
/// instances doing it at once post each expiry once).
fn spawn_housekeeping(state: AppState) {
    if tokio::runtime::Handle::try_current().is_err() {
        return;
    }
    let charity = state.clone();
    // Parameters: loaded at start, then refreshed now and then for the services that read the
    // held set without a request of their own (pages and checks refresh it on every use).
    let policy = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tick.tick().await;
            if let Err(e) = parameters::current(&policy).await {
                tracing::warn!(error = %e.code(), "parameters not refreshed");
            }
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            match prune_expired(&state.db, clock::now()).await {
                Ok(0) => {}
                Ok(rows) => tracing::info!(rows, "expired counters and codes pruned"),
                Err(e) => tracing::warn!(error = %e, "pruning failed"),
            }
            match timebank::redemption::expire_due(&state, clock::now()).await {
                Ok(0) => {}
                Ok(minutes) => tracing::info!(minutes, "time credits expired"),
                Err(e) => tracing::warn!(error = %e.code(), "credit expiry failed"),
            }
        }
    });
    // Charity payments: unpaid orders expire, and the sandbox gateway re-sends notifications
    // nobody acknowledged yet (as a real gateway keeps retrying).
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
        loop {
            tick.tick().await;
            let now = clock::now();
            if let Err(e) = charity::donations::expire_due(&charity, now).await {
                tracing::warn!(error = %e.code(), "order expiry failed");
            }
            let delivered = charity::gateway::redeliver(&charity).await;
            if delivered > 0 {
                tracing::info!(delivered, "sandbox notifications re-delivered");
            }
        }
    });
}

/// Hides the password of a database URL.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or_default();
            format!("{}://{}:***@{}", &url[..s], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}
