//! The database: one pool over SQLite (embedded default) or PostgreSQL, and its migrations.

pub mod chain_head;
pub mod limits;
pub mod record_key;
mod write_turn;
pub use write_turn::{WriteConn, WriteTx};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

/// Errors of the store layer. Constraint violations are told apart so the API can answer 422.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database unreachable: {0}")]
    Unreachable(String),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A unique index or constraint, by the name PostgreSQL reports and the `table.column` SQLite
/// reports (it names no constraint).
#[derive(Clone, Copy, Debug)]
pub struct Unique {
    pub name: &'static str,
    pub table: &'static str,
    pub column: &'static str,
}

impl Unique {
    /// Whether `e` is a violation of this index or constraint (and of no other).
    pub fn violated_by(&self, e: &sqlx::Error) -> bool {
        let Some(d) = e.as_database_error() else {
            return false;
        };
        if !d.is_unique_violation() {
            return false;
        }
        match d.constraint() {
            Some(name) => name == self.name,
            None => d
                .message()
                .strip_prefix("UNIQUE constraint failed: ")
                .is_some_and(|cols| {
                    cols.split(", ")
                        .eq([format!("{}.{}", self.table, self.column)]
                            .iter()
                            .map(String::as_str))
                }),
        }
    }
}

/// The key the chains' heads are sealed with, from the record secret.
pub fn chain_key_of(record_secret: &str) -> [u8; 32] {
    crate::pii::derive_key(record_secret, b"chain-head-v1")
}

/// The shared handle every service takes.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    write_turn: write_turn::WriteTurn,
    /// The record secret once opened (`server::open_record_secret`), with the chains' head key
    /// derived from it once (not on every write transaction); shared by every clone.
    record_secret: std::sync::Arc<std::sync::OnceLock<(String, [u8; 32])>>,
}

impl Db {
    /// Connects, creating the SQLite file and its directory when needed.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, StoreError> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|e| StoreError::Unreachable(describe_connect_error(&e)))?;
        if backend == Backend::Sqlite {
            pool.execute("PRAGMA journal_mode = WAL;").await?;
        }
        let write_turn = match backend {
            Backend::Sqlite => write_turn::WriteTurn::one_at_a_time(),
            Backend::Postgres => write_turn::WriteTurn::none(),
        };
        Ok(Db {
            pool,
            backend,
            write_turn,
            record_secret: Default::default(),
        })
    }

    /// Begins a transaction that writes: on SQLite it first waits its turn in this process
    /// (see `write_turn`), so writers queue instead of sleeping in SQLite's busy handler.
    pub async fn begin(&self) -> Result<WriteTx, sqlx::Error> {
        let mut tx = self.write_turn.begin(&self.pool).await?;
        tx.chain_key = self.chain_key();
        Ok(tx)
    }

    /// The key the append-only chains' heads are sealed with, derived from the record secret.
    pub fn chain_key(&self) -> Option<[u8; 32]> {
        self.record_secret.get().map(|(_, key)| *key)
    }

    /// A connection for one statement that writes outside a transaction, after the same turn:
    /// `.execute(&mut *db.writer().await?)`.
    pub async fn writer(&self) -> Result<WriteConn, sqlx::Error> {
        self.write_turn.connection(&self.pool).await
    }

    /// Applies the migrations of this backend; safe to run on every start and from every instance.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("migrations/postgres"),
        };
        migrator
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Migration(e.to_string()))
    }

    /// The record secret this database's look-ups and seals are derived from, once opened.
    pub fn record_secret(&self) -> Option<&str> {
        self.record_secret.get().map(|(s, _)| s.as_str())
    }

    /// Keeps the opened record secret (the first one set stays).
    pub fn set_record_secret(&self, secret: String) {
        let key = chain_key_of(&secret);
        let _ = self.record_secret.set((secret, key));
    }

    /// A round trip to the database, for readiness.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

/// `sqlite://data/app.db` → creates `data/` and asks SQLite to create the file.
fn prepare_sqlite_url(url: &str) -> Result<String, StoreError> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" && !path.is_empty() {
        if let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Unreachable(format!("cannot create directory {}: {e}", dir.display()))
            })?;
        }
    }
    let query = if query.contains("mode=") {
        query.to_string()
    } else if query.is_empty() {
        "mode=rwc".into()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// One line saying what is wrong, without the password part of the URL.
fn describe_connect_error(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Io(io) => format!("cannot connect ({io})"),
        sqlx::Error::PoolTimedOut => "timed out connecting".into(),
        other => other.to_string(),
    }
}
