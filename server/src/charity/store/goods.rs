//! Goods donations: pledges for drop-off at a street centre, lots opened on receipt (签收), and
//! the append-only goods ledger (款物签收台账) of receipts and hand-outs.

use crate::store::{Db, StoreError};
use sqlx::Row;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PledgeRow {
    pub id: String,
    pub category: String,
    pub description: String,
    pub quantity: i64,
    pub unit: String,
    pub condition: String,
    pub street_code: String,
    /// Sealed; None when anonymous.
    pub donor_name: Option<String>,
    pub account_id: Option<String>,
    pub pledged_at: i64,
    /// The lot opened when the centre received it.
    pub received: bool,
}

pub async fn insert_pledge(db: &Db, p: &PledgeRow) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO goods_pledges (id, category, description, quantity, unit, condition, street_code, donor_name, \
         account_id, pledged_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&p.id)
    .bind(&p.category)
    .bind(&p.description)
    .bind(p.quantity)
    .bind(&p.unit)
    .bind(&p.condition)
    .bind(&p.street_code)
    .bind(p.donor_name.as_deref())
    .bind(p.account_id.as_deref())
    .bind(p.pledged_at)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

fn pledge(r: &sqlx::any::AnyRow) -> Result<PledgeRow, sqlx::Error> {
    Ok(PledgeRow {
        id: r.try_get("id")?,
        category: r.try_get("category")?,
        description: r.try_get("description")?,
        quantity: r.try_get("quantity")?,
        unit: r.try_get("unit")?,
        condition: r.try_get("condition")?,
        street_code: r.try_get("street_code")?,
        donor_name: r.try_get("donor_name")?,
        account_id: r.try_get("account_id")?,
        pledged_at: r.try_get("pledged_at")?,
        received: r.try_get::<Option<String>, _>("lot")?.is_some(),
    })
}

const PLEDGE_SELECT: &str = "SELECT p.id, p.category, p.description, p.quantity, p.unit, p.condition, p.street_code, \
     p.donor_name, p.account_id, p.pledged_at, l.id AS lot FROM goods_pledges p LEFT JOIN goods_lots l ON l.pledge_id = p.id";

pub async fn pledge_by_id(db: &Db, id: &str) -> Result<Option<PledgeRow>, StoreError> {
    let row = sqlx::query(&format!("{PLEDGE_SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref()
        .map(pledge)
        .transpose()
        .map_err(StoreError::from)
}

/// Pledges not yet received, oldest first.
pub async fn open_pledges(db: &Db) -> Result<Vec<PledgeRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "{PLEDGE_SELECT} WHERE l.id IS NULL ORDER BY p.pledged_at"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(pledge)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LotRow {
    pub id: String,
    pub pledge_id: Option<String>,
    pub category: String,
    pub description: String,
    pub unit: String,
    pub street_code: String,
    pub remaining: i64,
}

/// Opens a lot for goods received and writes the receipt line, in one transaction. False when
/// the pledge was received before (nothing written).
pub async fn receive(
    db: &Db,
    lot: &LotRow,
    quantity: i64,
    note: &str,
    by: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO goods_lots (id, pledge_id, category, description, unit, street_code, remaining) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(&lot.id)
    .bind(lot.pledge_id.as_deref())
    .bind(&lot.category)
    .bind(&lot.description)
    .bind(&lot.unit)
    .bind(&lot.street_code)
    .bind(quantity)
    .execute(&mut **tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO goods_ledger (lot_id, kind, quantity, recipient, note, recorded_by, at) \
         VALUES ($1, 'received', $2, $3, $4, $5, $6)",
    )
    .bind(&lot.id)
    .bind(quantity)
    .bind(&lot.street_code)
    .bind(note)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Hands out goods from a lot: the stock moves by a guarded update, so two hand-outs at once
/// cannot take more than is there. False when the lot holds less than `quantity`.
pub async fn hand_out(
    db: &Db,
    lot_id: &str,
    quantity: i64,
    recipient: &str,
    note: &str,
    by: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let moved = sqlx::query(
        "UPDATE goods_lots SET remaining = remaining - $2 WHERE id = $1 AND remaining >= $2",
    )
    .bind(lot_id)
    .bind(quantity)
    .execute(&mut **tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO goods_ledger (lot_id, kind, quantity, recipient, note, recorded_by, at) \
         VALUES ($1, 'handed_out', $2, $3, $4, $5, $6)",
    )
    .bind(lot_id)
    .bind(quantity)
    .bind(recipient)
    .bind(note)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

const LOT_COLUMNS: &str = "id, pledge_id, category, description, unit, street_code, remaining";

fn lot(r: &sqlx::any::AnyRow) -> Result<LotRow, sqlx::Error> {
    Ok(LotRow {
        id: r.try_get("id")?,
        pledge_id: r.try_get("pledge_id")?,
        category: r.try_get("category")?,
        description: r.try_get("description")?,
        unit: r.try_get("unit")?,
        street_code: r.try_get("street_code")?,
        remaining: r.try_get("remaining")?,
    })
}

pub async fn lots(db: &Db) -> Result<Vec<LotRow>, StoreError> {
    let rows = sqlx::query(&format!("SELECT {LOT_COLUMNS} FROM goods_lots ORDER BY id"))
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(lot)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

pub async fn lot_by_id(db: &Db, id: &str) -> Result<Option<LotRow>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {LOT_COLUMNS} FROM goods_lots WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(lot).transpose().map_err(StoreError::from)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoodsLedgerRow {
    pub seq: i64,
    pub lot_id: String,
    pub kind: String,
    pub quantity: i64,
    pub recipient: String,
    pub note: String,
    pub at: i64,
}

/// The goods ledger, newest first.
pub async fn ledger(db: &Db, limit: i64) -> Result<Vec<GoodsLedgerRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT seq, lot_id, kind, quantity, recipient, note, at FROM goods_ledger ORDER BY seq DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(GoodsLedgerRow {
                seq: r.try_get("seq")?,
                lot_id: r.try_get("lot_id")?,
                kind: r.try_get("kind")?,
                quantity: r.try_get("quantity")?,
                recipient: r.try_get("recipient")?,
                note: r.try_get("note")?,
                at: r.try_get("at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// Lots whose cached stock differs from received minus handed out: empty on a sound ledger.
pub async fn drifted_lots(db: &Db) -> Result<Vec<String>, StoreError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT l.id FROM goods_lots l WHERE l.remaining <> \
         (SELECT CAST(COALESCE(SUM(CASE WHEN g.kind = 'received' THEN g.quantity ELSE -g.quantity END), 0) AS BIGINT) \
          FROM goods_ledger g WHERE g.lot_id = l.id)",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(ids)
}
