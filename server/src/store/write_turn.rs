//! Write transactions, one at a time on SQLite.
//!
//! SQLite lets one connection write at a time. When two pooled connections both want to write,
//! the loser does not queue: SQLite's busy handler puts its thread to sleep for 1, 2, 5, 10 …
//! up to 100 ms and tries again. Under concurrent donations that sleeping was most of a
//! request's time (`scripts/profile.sh donations`: 9,259 sleeps, 120 s of sleeping threads in a
//! 15 s profile). Taking a turn in this process first makes writers wait in line instead, and
//! each starts the moment the one before commits. PostgreSQL locks rows, not the database:
//! there is no turn to take.

use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Transaction};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// How long a writer waits for its turn before giving up, as long as SQLite's own busy timeout.
const WAIT_FOR_TURN: Duration = Duration::from_secs(5);

/// The line writers of one SQLite database wait in (`None` on PostgreSQL).
#[derive(Clone, Debug)]
pub struct WriteTurn(Option<Arc<Mutex<()>>>);

impl WriteTurn {
    pub fn one_at_a_time() -> WriteTurn {
        WriteTurn(Some(Arc::default()))
    }

    pub fn none() -> WriteTurn {
        WriteTurn(None)
    }

    async fn take(&self) -> Result<Option<OwnedMutexGuard<()>>, sqlx::Error> {
        match &self.0 {
            Some(line) => tokio::time::timeout(WAIT_FOR_TURN, line.clone().lock_owned())
                .await
                .map(Some)
                .map_err(|_| sqlx::Error::PoolTimedOut),
            None => Ok(None),
        }
    }

    /// Waits for the turn (SQLite), then begins a transaction that holds it until it ends.
    pub async fn begin(&self, pool: &AnyPool) -> Result<WriteTx, sqlx::Error> {
        let turn = self.take().await?;
        Ok(WriteTx {
            tx: pool.begin().await?,
            _turn: turn,
            chain_key: None,
        })
    }

    /// Waits for the turn (SQLite), then a connection for one writing statement.
    pub async fn connection(&self, pool: &AnyPool) -> Result<WriteConn, sqlx::Error> {
        let turn = self.take().await?;
        Ok(WriteConn {
            conn: pool.acquire().await?,
            _turn: turn,
        })
    }
}

/// A pooled connection that holds the write turn while one statement runs on it.
pub struct WriteConn {
    conn: PoolConnection<Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Deref for WriteConn {
    type Target = AnyConnection;
    fn deref(&self) -> &Self::Target {
        &self.conn
    }
}

impl DerefMut for WriteConn {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.conn
    }
}

/// A transaction that holds the write turn until it is committed, rolled back or dropped.
pub struct WriteTx {
    // Declared first, so it is dropped (and rolled back) before the turn is handed on.
    tx: Transaction<'static, Any>,
    _turn: Option<OwnedMutexGuard<()>>,
    /// The key the append-only chains' heads are sealed with (F19), when the database's record
    /// secret is open.
    pub chain_key: Option<[u8; 32]>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl Deref for WriteTx {
    type Target = Transaction<'static, Any>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}
