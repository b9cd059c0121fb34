//! What every handler can reach. Nothing here holds state another instance would need.

use crate::config::Config;
use crate::store::Db;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Cloned for every request, often several times (axum's state, Leptos's context): one reference
/// count to bump. A struct of its own fields cost 3-4 % of the home page's server time in the
/// profile (`scripts/profile.sh home`), cloning and dropping each shared field.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// What the state holds.
pub struct Shared {
    pub cfg: Arc<Config>,
    pub db: Db,
    pub leptos: LeptosOptions,
    /// Seals and look-up hashes, under the record secret (see [`Shared::record_secret`]).
    pub vault: Arc<crate::pii::Vault>,
    /// What look-ups, seals and the codes printed on receipts and certificates derive from: kept
    /// in the database under APP_SECRET, so rotating APP_SECRET changes none of them (F5).
    pub record_secret: String,
    pub tokens: Arc<crate::auth::tokens::TokenKeys>,
    /// The parameters in force as this instance last loaded them (see `crate::parameters`).
    pub parameters: Arc<crate::parameters::Cache>,
    /// The charity ledger's last public reconciliation and the ledger state it checked (F12).
    pub reconciliation: crate::cache::Latest<types::charity::Reconciliation>,
    /// Staff password checks in flight at most (argon2id, off the async workers).
    pub password_hashers: Arc<tokio::sync::Semaphore>,
}

/// Password checks at once: one per core of the machine this was measured on (2).
pub const PASSWORD_HASHERS: usize = 2;

impl AppState {
    pub fn new(cfg: Config, db: Db) -> AppState {
        let leptos = LeptosOptions::builder()
            .output_name("dongxihu")
            .site_root(cfg.site_root.clone())
            .site_pkg_dir("pkg")
            .build();
        let (record_secret, vault) = records_vault(&cfg, &db);
        let vault = Arc::new(vault);
        let tokens = Arc::new(crate::auth::tokens::TokenKeys::new(&cfg.secret));
        AppState(Arc::new(Shared {
            cfg: Arc::new(cfg),
            db,
            leptos,
            vault,
            record_secret,
            tokens,
            parameters: Arc::default(),
            reconciliation: Default::default(),
            password_hashers: Arc::new(tokio::sync::Semaphore::new(PASSWORD_HASHERS)),
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> LeptosOptions {
        s.leptos.clone()
    }
}

/// The record secret of `db` and the vault under it. A database opened by `prepare_database`
/// carries its record secret; one only connected to (tests of the store, tools) was made under
/// APP_SECRET, as before the record secret. Data sealed under an APP_SECRET before the record
/// secret existed still opens.
pub fn records_vault(cfg: &Config, db: &Db) -> (String, crate::pii::Vault) {
    let record_secret = db.record_secret().unwrap_or(&cfg.secret).to_string();
    let openers: Vec<String> = std::iter::once(cfg.secret.clone())
        .chain(cfg.secret_previous.iter().cloned())
        .filter(|s| *s != record_secret)
        .collect();
    let vault = crate::pii::Vault::new(&record_secret, &openers);
    (record_secret, vault)
}
