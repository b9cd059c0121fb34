//! The audit log: append-only rows chained by SHA-256, and the check that finds the first
//! broken link.

use crate::store::{Db, StoreError, WriteTx, chain_head};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// The name the audit chain's head is sealed under.
const CHAIN: &str = "audit";

pub const GENESIS: &str = "genesis";

/// One thing that happened. No field may hold personal data: targets are record ids.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    pub actor: String,
    pub action: String,
    pub target: String,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    #[serde(flatten)]
    pub entry: AuditEntry,
    pub prev_hash: String,
    pub hash: String,
}

pub fn chain_hash(prev: &str, at: i64, e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        &at.to_string(),
        &e.actor,
        &e.action,
        &e.target,
        &e.outcome,
    ] {
        h.update(part.as_bytes());
        h.update([0u8]); // a separator no field can contain
    }
    hex::encode(h.finalize())
}

/// Appends an entry after the current last one, in a transaction of its own.
pub async fn append(db: &Db, entry: &AuditEntry, at: i64) -> Result<String, StoreError> {
    let mut tx = db.begin().await?;
    let hash = append_in(&mut tx, entry, at).await?;
    tx.commit().await?;
    Ok(hash)
}

/// Appends an entry after the current last one, in the caller's transaction (with the action it
/// records). Appends take turns: each first updates the one row of `audit_head` in its
/// transaction, which holds every other append until it commits, so reading the chain's end and
/// writing after it cannot race (prev_hash is unique besides). Call it last in the transaction,
/// so the turn is held only for the commit.
pub async fn append_in(
    tx: &mut WriteTx,
    entry: &AuditEntry,
    at: i64,
) -> Result<String, StoreError> {
    let appends: i64 = sqlx::query_scalar(
        "UPDATE audit_head SET appends = appends + 1 WHERE id = 1 RETURNING appends",
    )
    .fetch_one(&mut ***tx)
    .await?;
    let prev: Option<String> =
        sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut ***tx)
            .await?;
    let prev = prev.unwrap_or_else(|| GENESIS.to_string());
    let hash = chain_hash(&prev, at, entry);
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, target, outcome, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(at)
    .bind(&entry.actor)
    .bind(&entry.action)
    .bind(&entry.target)
    .bind(&entry.outcome)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut ***tx)
    .await?;
    let mac = tx
        .chain_key
        .map(|k| chain_head::seal(&k, CHAIN, appends, &hash));
    sqlx::query("UPDATE audit_head SET head_hash = $1, head_mac = $2 WHERE id = 1")
        .bind(&hash)
        .bind(mac)
        .execute(&mut ***tx)
        .await?;
    Ok(hash)
}

fn row(r: &sqlx::any::AnyRow) -> Result<AuditRow, sqlx::Error> {
    Ok(AuditRow {
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        entry: AuditEntry {
            actor: r.try_get("actor")?,
            action: r.try_get("action")?,
            target: r.try_get("target")?,
            outcome: r.try_get("outcome")?,
        },
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

/// The result of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[schema(as = ChainVerification)]
pub struct Verification {
    pub entries: u64,
    /// The id of the first entry whose link or content does not match, or of the first one
    /// missing when the chain ends before the head every append recorded (F19: the newest rows
    /// deleted).
    pub first_broken: Option<i64>,
}

/// Walks the whole chain from its start and compares its end with the sealed head.
pub async fn verify(db: &Db) -> Result<Verification, StoreError> {
    let walked = walk(db, Start::genesis()).await?;
    against_head(db, walked.0).await
}

/// As [`verify`], walking only what was appended since the last point found intact (F11): the
/// audit pages check this on every view. The point is kept with a keyed seal; one that does not
/// hold is ignored (the walk starts from the beginning).
pub async fn verify_since_checkpoint(db: &Db) -> Result<Verification, StoreError> {
    let start = checkpoint(db).await?.unwrap_or_else(Start::genesis);
    let (walked, end) = walk(db, start.clone()).await?;
    let v = against_head(db, walked).await?;
    if v.first_broken.is_none() && end.id > start.id {
        if let Some(key) = db.chain_key() {
            sqlx::query(
                "UPDATE audit_head SET checkpoint_id = $1, checkpoint_hash = $2, \
                 checkpoint_entries = $3, checkpoint_mac = $4 WHERE id = 1",
            )
            .bind(end.id)
            .bind(&end.hash)
            .bind(end.entries as i64)
            .bind(end.seal(&key))
            .execute(&mut *db.writer().await?)
            .await?;
        }
    }
    Ok(v)
}

/// Where a walk starts: after entry `id`, whose hash is `hash`, with `entries` counted so far.
#[derive(Clone, Debug)]
struct Start {
    id: i64,
    hash: String,
    entries: u64,
}

impl Start {
    fn genesis() -> Start {
        Start {
            id: i64::MIN,
            hash: GENESIS.to_string(),
            entries: 0,
        }
    }

    fn seal(&self, key: &[u8; 32]) -> String {
        chain_head::seal(key, CHECKPOINT, self.id, &self.sealed_text())
    }

    fn sealed_text(&self) -> String {
        format!("{}|{}", self.hash, self.entries)
    }
}

/// The name the checkpoint is sealed under.
const CHECKPOINT: &str = "audit-checkpoint";

impl Start {
    fn sealed_by(&self, key: &[u8; 32], mac: Option<&str>) -> bool {
        chain_head::holds(key, CHECKPOINT, self.id, &self.sealed_text(), mac)
    }
}

/// The stored checkpoint, when its seal holds.
async fn checkpoint(db: &Db) -> Result<Option<Start>, StoreError> {
    let Some(key) = db.chain_key() else {
        return Ok(None);
    };
    let r = sqlx::query(
        "SELECT checkpoint_id, checkpoint_hash, checkpoint_entries, checkpoint_mac FROM audit_head WHERE id = 1",
    )
    .fetch_one(&db.pool)
    .await?;
    let (Some(id), Some(hash), Some(entries), mac) = (
        r.try_get::<Option<i64>, _>("checkpoint_id")?,
        r.try_get::<Option<String>, _>("checkpoint_hash")?,
        r.try_get::<Option<i64>, _>("checkpoint_entries")?,
        r.try_get::<Option<String>, _>("checkpoint_mac")?,
    ) else {
        return Ok(None);
    };
    let start = Start {
        id,
        hash,
        entries: u64::try_from(entries).unwrap_or(0),
    };
    Ok(start.sealed_by(&key, mac.as_deref()).then_some(start))
}

/// A walk's result compared with the head every append recorded and sealed.
async fn against_head(db: &Db, walked: Verification) -> Result<Verification, StoreError> {
    if walked.first_broken.is_some() {
        return Ok(walked);
    }
    let head = sqlx::query("SELECT appends, head_hash, head_mac FROM audit_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    let appends: i64 = head.try_get("appends")?;
    let head_hash: Option<String> = head.try_get("head_hash")?;
    let head_mac: Option<String> = head.try_get("head_mac")?;
    // The head itself must carry its keyed seal: otherwise it was rewritten with the chain.
    let sealed = db.chain_key().is_none_or(|k| {
        chain_head::holds(
            &k,
            CHAIN,
            appends,
            head_hash.as_deref().unwrap_or(""),
            head_mac.as_deref(),
        )
    });
    let last: Option<(i64, String)> =
        sqlx::query("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&db.pool)
            .await?
            .map(|r| Ok::<_, sqlx::Error>((r.try_get("id")?, r.try_get("hash")?)))
            .transpose()?;
    let ends_at_head = sealed
        && walked.entries == u64::try_from(appends).unwrap_or(u64::MAX)
        && last.as_ref().map(|(_, h)| h) == head_hash.as_ref();
    Ok(if ends_at_head {
        walked
    } else {
        Verification {
            entries: walked.entries,
            first_broken: Some(last.map(|(id, _)| id + 1).unwrap_or(1)),
        }
    })
}

/// Seals the head as it stands (F19), once, when the record secret is made: from then on every
/// append seals it.
pub async fn seal_head(db: &Db, key: &[u8; 32]) -> Result<(), StoreError> {
    let head = sqlx::query("SELECT appends, head_hash FROM audit_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    let appends: i64 = head.try_get("appends")?;
    let hash: String = head
        .try_get::<Option<String>, _>("head_hash")?
        .unwrap_or_default();
    sqlx::query(
        "UPDATE audit_head SET head_mac = $1 WHERE id = 1 AND appends = $2 AND COALESCE(head_hash, '') = $3",
    )
    .bind(chain_head::seal(key, CHAIN, appends, &hash))
    .bind(appends)
    .bind(&hash)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

/// Walks the chain link by link after `start`; the verification and where the walk ended.
async fn walk(db: &Db, start: Start) -> Result<(Verification, Start), StoreError> {
    let mut at = start;
    loop {
        let rows = sqlx::query(
            "SELECT id, at, actor, action, target, outcome, prev_hash, hash FROM audit_log \
             WHERE id > $1 ORDER BY id LIMIT 1000",
        )
        .bind(at.id)
        .fetch_all(&db.pool)
        .await?;
        if rows.is_empty() {
            let v = Verification {
                entries: at.entries,
                first_broken: None,
            };
            return Ok((v, at));
        }
        for r in &rows {
            let r = row(r)?;
            if r.prev_hash != at.hash || chain_hash(&at.hash, r.at, &r.entry) != r.hash {
                let v = Verification {
                    entries: at.entries,
                    first_broken: Some(r.id),
                };
                return Ok((v, at));
            }
            at = Start {
                id: r.id,
                hash: r.hash,
                entries: at.entries + 1,
            };
        }
    }
}

/// The newest entries first (older than `before` when given), optionally of one actor or action.
pub async fn recent(
    db: &Db,
    actor: Option<&str>,
    action: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, at, actor, action, target, outcome, prev_hash, hash FROM audit_log \
         WHERE ($1 = '' OR actor = $1) AND ($2 = '' OR action = $2) AND id < $4 ORDER BY id DESC LIMIT $3",
    )
    .bind(actor.unwrap_or(""))
    .bind(action.unwrap_or(""))
    .bind(limit)
    .bind(before.unwrap_or(i64::MAX))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(row)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}
