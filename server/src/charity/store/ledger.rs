//! The charity's money ledger: append-only entries chained by SHA-256, each with postings that
//! sum to zero. Accounts: `donors` (money coming in from outside), `payees` (money gone out to
//! beneficiaries and suppliers) and `project:<id>` (what a project holds). Balances are derived
//! from the postings; nothing is cached but the end of the chain.

use crate::store::{Db, StoreError};
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};

pub const DONORS: &str = "donors";
pub const PAYEES: &str = "payees";
pub const GENESIS: &str = "genesis";

pub fn project_account(project_id: &str) -> String {
    format!("project:{project_id}")
}

/// What an entry records besides its postings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryRow {
    pub seq: i64,
    pub kind: String,
    pub project_id: String,
    pub amount_fen: i64,
    pub memo: String,
    pub counterparty: String,
    pub order_id: Option<String>,
    pub reverses: Option<i64>,
    pub evidence_id: Option<String>,
    pub budget_line: Option<i64>,
    pub recorded_by: String,
    pub at: i64,
    pub prev_hash: String,
    pub hash: String,
}

pub struct NewEntry<'a> {
    pub kind: &'a str,
    pub project_id: &'a str,
    pub amount_fen: i64,
    pub memo: &'a str,
    pub counterparty: &'a str,
    pub order_id: Option<&'a str>,
    pub reverses: Option<i64>,
    pub evidence_id: Option<&'a str>,
    pub budget_line: Option<i64>,
    pub recorded_by: &'a str,
}

impl<'a> NewEntry<'a> {
    /// The refund of donation `donation_seq` in full: a reversing entry, money back to the
    /// same payer.
    pub fn refund_of(
        donation_seq: i64,
        project_id: &'a str,
        amount_fen: i64,
        counterparty: &'a str,
        memo: &'a str,
        recorded_by: &'a str,
    ) -> NewEntry<'a> {
        NewEntry {
            kind: "refund",
            project_id,
            amount_fen,
            memo,
            counterparty,
            order_id: None,
            reverses: Some(donation_seq),
            evidence_id: None,
            budget_line: None,
            recorded_by,
        }
    }

    /// The postings of this kind of entry: money moves between the outside and the project.
    pub fn postings(&self) -> Vec<(String, i64)> {
        let project = project_account(self.project_id);
        let a = self.amount_fen;
        match self.kind {
            "donation" => vec![(DONORS.into(), -a), (project, a)],
            "refund" => vec![(project, -a), (DONORS.into(), a)],
            _ => vec![(project, -a), (PAYEES.into(), a)],
        }
    }
}

/// The link of one entry: every field and every posting, after the previous link.
#[allow(clippy::too_many_arguments)]
pub fn link_hash(prev: &str, e: &EntryRow, postings: &[(String, i64)]) -> String {
    let mut h = Sha256::new();
    let fields = [
        prev.to_string(),
        e.seq.to_string(),
        e.kind.clone(),
        e.project_id.clone(),
        e.amount_fen.to_string(),
        e.memo.clone(),
        e.counterparty.clone(),
        e.order_id.clone().unwrap_or_default(),
        e.reverses.map(|r| r.to_string()).unwrap_or_default(),
        e.evidence_id.clone().unwrap_or_default(),
        e.budget_line.map(|b| b.to_string()).unwrap_or_default(),
        e.recorded_by.clone(),
        e.at.to_string(),
    ];
    for f in fields {
        h.update(f.as_bytes());
        h.update([0u8]);
    }
    let mut sorted: Vec<&(String, i64)> = postings.iter().collect();
    sorted.sort();
    for (account, amount) in sorted {
        h.update(format!("{account}={amount}").as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

/// The ledger's end, taken for this transaction: every other append waits until it commits.
pub async fn take_head(tx: &mut Transaction<'_, Any>) -> Result<(i64, String), StoreError> {
    let row = sqlx::query(
        "UPDATE charity_head SET entries = entries + 1 WHERE id = 1 RETURNING entries, hash",
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok((row.try_get("entries")?, row.try_get("hash")?))
}

/// A project's balance inside the transaction (after `take_head`, so no append races it).
pub async fn balance_in(
    tx: &mut Transaction<'_, Any>,
    project_id: &str,
) -> Result<i64, StoreError> {
    let b: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) FROM charity_postings WHERE account = $1",
    )
    .bind(project_account(project_id))
    .fetch_one(&mut **tx)
    .await?;
    Ok(b)
}

/// Appends one entry at the head taken by `take_head` (seq and previous hash).
pub async fn append(
    tx: &mut crate::store::WriteTx,
    head: (i64, String),
    e: &NewEntry<'_>,
    now: i64,
) -> Result<EntryRow, StoreError> {
    let postings = e.postings();
    debug_assert_eq!(postings.iter().map(|p| p.1).sum::<i64>(), 0);
    let (seq, prev) = head;
    let mut row = EntryRow {
        seq,
        kind: e.kind.into(),
        project_id: e.project_id.into(),
        amount_fen: e.amount_fen,
        memo: e.memo.into(),
        counterparty: e.counterparty.into(),
        order_id: e.order_id.map(str::to_owned),
        reverses: e.reverses,
        evidence_id: e.evidence_id.map(str::to_owned),
        budget_line: e.budget_line,
        recorded_by: e.recorded_by.into(),
        at: now,
        prev_hash: prev,
        hash: String::new(),
    };
    row.hash = link_hash(&row.prev_hash, &row, &postings);
    sqlx::query(
        "INSERT INTO charity_entries (seq, kind, project_id, amount_fen, memo, counterparty, order_id, reverses, \
         evidence_id, budget_line, recorded_by, at, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(row.seq)
    .bind(&row.kind)
    .bind(&row.project_id)
    .bind(row.amount_fen)
    .bind(&row.memo)
    .bind(&row.counterparty)
    .bind(row.order_id.as_deref())
    .bind(row.reverses)
    .bind(row.evidence_id.as_deref())
    .bind(row.budget_line)
    .bind(&row.recorded_by)
    .bind(row.at)
    .bind(&row.prev_hash)
    .bind(&row.hash)
    .execute(&mut ***tx)
    .await?;
    for (account, amount) in &postings {
        sqlx::query(
            "INSERT INTO charity_postings (entry_seq, account, amount_fen) VALUES ($1, $2, $3)",
        )
        .bind(seq)
        .bind(account)
        .bind(*amount)
        .execute(&mut ***tx)
        .await?;
    }
    let mac = tx
        .chain_key
        .map(|k| crate::store::chain_head::seal(&k, CHAIN, seq, &row.hash));
    sqlx::query("UPDATE charity_head SET hash = $1, head_mac = $2 WHERE id = 1")
        .bind(&row.hash)
        .bind(mac)
        .execute(&mut ***tx)
        .await?;
    Ok(row)
}

const ENTRY_COLUMNS: &str = "seq, kind, project_id, amount_fen, memo, counterparty, order_id, reverses, \
     evidence_id, budget_line, recorded_by, at, prev_hash, hash";

fn entry(r: &sqlx::any::AnyRow) -> Result<EntryRow, sqlx::Error> {
    Ok(EntryRow {
        seq: r.try_get("seq")?,
        kind: r.try_get("kind")?,
        project_id: r.try_get("project_id")?,
        amount_fen: r.try_get("amount_fen")?,
        memo: r.try_get("memo")?,
        counterparty: r.try_get("counterparty")?,
        order_id: r.try_get("order_id")?,
        reverses: r.try_get("reverses")?,
        evidence_id: r.try_get("evidence_id")?,
        budget_line: r.try_get("budget_line")?,
        recorded_by: r.try_get("recorded_by")?,
        at: r.try_get("at")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

/// Entries, oldest first: of one project, or all of them.
fn entry_rows(rows: &[sqlx::any::AnyRow]) -> Result<Vec<EntryRow>, StoreError> {
    rows.iter()
        .map(entry)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

/// Up to `limit` entries after `after_seq`, in order: the ledger read a page at a time.
pub async fn entries_after(
    db: &Db,
    after_seq: i64,
    limit: i64,
) -> Result<Vec<EntryRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {ENTRY_COLUMNS} FROM charity_entries WHERE seq > $1 ORDER BY seq LIMIT $2"
    ))
    .bind(after_seq)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    entry_rows(&rows)
}

/// The newest `limit` entries, newest first.
pub async fn latest(db: &Db, limit: i64) -> Result<Vec<EntryRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {ENTRY_COLUMNS} FROM charity_entries ORDER BY seq DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    entry_rows(&rows)
}

/// What the reconciliation reads, summed up: it cannot change while this stays the same (the
/// ledger's sealed head, the paid orders, the goods ledger, the projects).
pub async fn state_fingerprint(db: &Db) -> Result<String, StoreError> {
    let r = sqlx::query(
        "SELECT h.entries, h.hash, COALESCE(h.head_mac, '') AS mac, \
         (SELECT COUNT(*) FROM payment_orders WHERE status = 'paid') AS paid, \
         (SELECT COUNT(*) FROM goods_ledger) AS goods, \
         (SELECT COUNT(*) FROM charity_projects) AS projects \
         FROM charity_head h WHERE h.id = 1",
    )
    .fetch_one(&db.pool)
    .await?;
    Ok(format!(
        "{}|{}|{}|{}|{}|{}",
        r.try_get::<i64, _>("entries")?,
        r.try_get::<String, _>("hash")?,
        r.try_get::<String, _>("mac")?,
        r.try_get::<i64, _>("paid")?,
        r.try_get::<i64, _>("goods")?,
        r.try_get::<i64, _>("projects")?,
    ))
}

pub async fn entries(db: &Db, project_id: Option<&str>) -> Result<Vec<EntryRow>, StoreError> {
    let rows = match project_id {
        Some(p) => {
            sqlx::query(&format!(
                "SELECT {ENTRY_COLUMNS} FROM charity_entries WHERE project_id = $1 ORDER BY seq"
            ))
            .bind(p)
            .fetch_all(&db.pool)
            .await?
        }
        None => {
            sqlx::query(&format!(
                "SELECT {ENTRY_COLUMNS} FROM charity_entries ORDER BY seq"
            ))
            .fetch_all(&db.pool)
            .await?
        }
    };
    entry_rows(&rows)
}

pub async fn entry_by_seq(db: &Db, seq: i64) -> Result<Option<EntryRow>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {ENTRY_COLUMNS} FROM charity_entries WHERE seq = $1"
    ))
    .bind(seq)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref()
        .map(entry)
        .transpose()
        .map_err(StoreError::from)
}

/// Every posting, grouped by entry: (entry seq, account, amount).
pub async fn postings(db: &Db) -> Result<Vec<(i64, String, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT entry_seq, account, amount_fen FROM charity_postings ORDER BY entry_seq",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("entry_seq")?,
                r.try_get("account")?,
                r.try_get("amount_fen")?,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// The name the charity chain's head is sealed under.
const CHAIN: &str = "charity";

/// Whether the head carries its keyed seal (F19); true when no key is open.
pub async fn head_sealed(db: &Db) -> Result<bool, StoreError> {
    let Some(key) = db.chain_key() else {
        return Ok(true);
    };
    let row = sqlx::query("SELECT entries, hash, head_mac FROM charity_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    let mac: Option<String> = row.try_get("head_mac")?;
    Ok(crate::store::chain_head::holds(
        &key,
        CHAIN,
        row.try_get("entries")?,
        &row.try_get::<String, _>("hash")?,
        mac.as_deref(),
    ))
}

/// Seals the head as it stands, once, when the record secret is made (see `audit::seal_head`).
pub async fn seal_head(db: &Db, key: &[u8; 32]) -> Result<(), StoreError> {
    let (entries, hash) = head(db).await?;
    sqlx::query(
        "UPDATE charity_head SET head_mac = $1 WHERE id = 1 AND entries = $2 AND hash = $3",
    )
    .bind(crate::store::chain_head::seal(key, CHAIN, entries, &hash))
    .bind(entries)
    .bind(&hash)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

/// The head row: (entries appended, hash of the last).
pub async fn head(db: &Db) -> Result<(i64, String), StoreError> {
    let row = sqlx::query("SELECT entries, hash FROM charity_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    Ok((row.try_get("entries")?, row.try_get("hash")?))
}

/// Per project: (project id, kind, count, sum) of its entries.
pub async fn sums(db: &Db) -> Result<Vec<(String, String, i64, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT project_id, kind, COUNT(*) AS n, CAST(SUM(amount_fen) AS BIGINT) AS total \
         FROM charity_entries GROUP BY project_id, kind",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("project_id")?,
                r.try_get("kind")?,
                r.try_get("n")?,
                r.try_get("total")?,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// The last entry of each day (Asia/Shanghai): (day start as unix seconds, seq, hash), newest first.
pub async fn daily_heads(db: &Db, days: i64) -> Result<Vec<(i64, i64, String)>, StoreError> {
    let rows = sqlx::query(
        "SELECT e.seq, e.at, e.hash FROM charity_entries e WHERE e.seq IN ( \
           SELECT MAX(seq) FROM charity_entries GROUP BY (at + 28800) / 86400) \
         ORDER BY e.seq DESC LIMIT $1",
    )
    .bind(days)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let at: i64 = r.try_get("at")?;
            Ok((
                (at + 28_800) / 86_400 * 86_400 - 28_800,
                r.try_get("seq")?,
                r.try_get("hash")?,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}
