//! The charity's records besides its money ledger: projects with their budget lines and
//! updates, payment orders, receipts, evidence files and the sandbox gateway's own books.

pub mod goods;
pub mod ledger;

use crate::store::{Db, StoreError};
use sqlx::{Any, Row, Transaction};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectRow {
    pub id: String,
    pub title: String,
    pub story: String,
    pub goal_fen: i64,
    pub filing_no: String,
    pub emergency: bool,
    pub starts_on: String,
    pub ends_on: String,
    pub status: String,
}

const PROJECT_COLUMNS: &str =
    "id, title, story, goal_fen, filing_no, emergency, starts_on, ends_on, status";

fn project(r: &sqlx::any::AnyRow) -> Result<ProjectRow, sqlx::Error> {
    Ok(ProjectRow {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        story: r.try_get("story")?,
        goal_fen: r.try_get("goal_fen")?,
        filing_no: r.try_get("filing_no")?,
        emergency: r.try_get::<i64, _>("emergency")? != 0,
        starts_on: r.try_get("starts_on")?,
        ends_on: r.try_get("ends_on")?,
        status: r.try_get("status")?,
    })
}

pub async fn insert_project(
    tx: &mut Transaction<'_, Any>,
    p: &ProjectRow,
    budget: &[(String, i64)],
    by: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "INSERT INTO charity_projects ({PROJECT_COLUMNS}, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    ))
    .bind(&p.id)
    .bind(&p.title)
    .bind(&p.story)
    .bind(p.goal_fen)
    .bind(&p.filing_no)
    .bind(i64::from(p.emergency))
    .bind(&p.starts_on)
    .bind(&p.ends_on)
    .bind(&p.status)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    for (i, (label, amount)) in budget.iter().enumerate() {
        sqlx::query(
            "INSERT INTO charity_budget_lines (project_id, line_no, label, amount_fen) VALUES ($1, $2, $3, $4)",
        )
        .bind(&p.id)
        .bind(i as i64 + 1)
        .bind(label)
        .bind(*amount)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub async fn projects(db: &Db) -> Result<Vec<ProjectRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {PROJECT_COLUMNS} FROM charity_projects ORDER BY created_at DESC, id"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(project)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

pub async fn project_by_id(db: &Db, id: &str) -> Result<Option<ProjectRow>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {PROJECT_COLUMNS} FROM charity_projects WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref()
        .map(project)
        .transpose()
        .map_err(StoreError::from)
}

/// Moves a project from one status to the next; false when it was not in `from` any more.
pub async fn set_status(db: &Db, id: &str, from: &str, to: &str) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE charity_projects SET status = $3 WHERE id = $1 AND status = $2")
        .bind(id)
        .bind(from)
        .bind(to)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Budget lines of a project: (label, budget in fen), in order.
pub async fn budget(db: &Db, project_id: &str) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT label, amount_fen FROM charity_budget_lines WHERE project_id = $1 ORDER BY line_no",
    )
    .bind(project_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("label")?, r.try_get("amount_fen")?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateRow {
    pub id: String,
    pub project_id: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub published_on: String,
}

pub async fn insert_update(db: &Db, u: &UpdateRow, by: &str, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO charity_updates (id, project_id, kind, title, body, published_on, published_by, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&u.id)
    .bind(&u.project_id)
    .bind(&u.kind)
    .bind(&u.title)
    .bind(&u.body)
    .bind(&u.published_on)
    .bind(by)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

/// Updates, newest first: of one project, or all.
pub async fn updates(db: &Db, project_id: Option<&str>) -> Result<Vec<UpdateRow>, StoreError> {
    let sql = "SELECT id, project_id, kind, title, body, published_on FROM charity_updates";
    let rows = match project_id {
        Some(p) => {
            sqlx::query(&format!(
                "{sql} WHERE project_id = $1 ORDER BY published_at DESC"
            ))
            .bind(p)
            .fetch_all(&db.pool)
            .await?
        }
        None => {
            sqlx::query(&format!("{sql} ORDER BY published_at DESC"))
                .fetch_all(&db.pool)
                .await?
        }
    };
    rows.iter()
        .map(|r| {
            Ok(UpdateRow {
                id: r.try_get("id")?,
                project_id: r.try_get("project_id")?,
                kind: r.try_get("kind")?,
                title: r.try_get("title")?,
                body: r.try_get("body")?,
                published_on: r.try_get("published_on")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderRow {
    pub id: String,
    pub project_id: String,
    pub amount_fen: i64,
    /// Sealed.
    pub donor_name: Option<String>,
    pub account_id: Option<String>,
    pub anonymous: bool,
    pub receipt_wanted: bool,
    pub channel: String,
    pub status: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub paid_at: Option<i64>,
}

const ORDER_COLUMNS: &str = "id, project_id, amount_fen, donor_name, account_id, anonymous, receipt_wanted, \
     channel, status, created_at, expires_at, paid_at";

fn order(r: &sqlx::any::AnyRow) -> Result<OrderRow, sqlx::Error> {
    Ok(OrderRow {
        id: r.try_get("id")?,
        project_id: r.try_get("project_id")?,
        amount_fen: r.try_get("amount_fen")?,
        donor_name: r.try_get("donor_name")?,
        account_id: r.try_get("account_id")?,
        anonymous: r.try_get::<i64, _>("anonymous")? != 0,
        receipt_wanted: r.try_get::<i64, _>("receipt_wanted")? != 0,
        channel: r.try_get("channel")?,
        status: r.try_get("status")?,
        created_at: r.try_get("created_at")?,
        expires_at: r.try_get("expires_at")?,
        paid_at: r.try_get("paid_at")?,
    })
}

pub async fn insert_order(db: &Db, o: &OrderRow) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "INSERT INTO payment_orders ({ORDER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    ))
    .bind(&o.id)
    .bind(&o.project_id)
    .bind(o.amount_fen)
    .bind(o.donor_name.as_deref())
    .bind(o.account_id.as_deref())
    .bind(i64::from(o.anonymous))
    .bind(i64::from(o.receipt_wanted))
    .bind(&o.channel)
    .bind(&o.status)
    .bind(o.created_at)
    .bind(o.expires_at)
    .bind(o.paid_at)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}

pub async fn order_by_id(db: &Db, id: &str) -> Result<Option<OrderRow>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {ORDER_COLUMNS} FROM payment_orders WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref()
        .map(order)
        .transpose()
        .map_err(StoreError::from)
}

/// Marks a pending order paid, first thing in the transaction (so on SQLite it takes the write
/// lock before reading). None when it was not pending with this amount any more.
pub async fn mark_paid(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    amount_fen: i64,
    txn: &str,
    paid_at: i64,
) -> Result<Option<OrderRow>, StoreError> {
    let row = sqlx::query(&format!(
        "UPDATE payment_orders SET status = 'paid', paid_at = $3, gateway_txn = $4 \
         WHERE id = $1 AND amount_fen = $2 AND status IN ('pending', 'expired') RETURNING {ORDER_COLUMNS}"
    ))
    .bind(id)
    .bind(amount_fen)
    .bind(paid_at)
    .bind(txn)
    .fetch_optional(&mut **tx)
    .await?;
    row.as_ref()
        .map(order)
        .transpose()
        .map_err(StoreError::from)
}

/// Pending orders past their expiry (plus `grace` seconds for late notifications) become expired.
pub async fn expire_orders(db: &Db, now: i64, grace: i64) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE payment_orders SET status = 'expired' WHERE status = 'pending' AND expires_at < $1",
    )
    .bind(now - grace)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected())
}

/// Paid orders: (order id, amount) — the reconciliation matches each to one donation.
pub async fn paid_orders(db: &Db) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query("SELECT id, amount_fen FROM payment_orders WHERE status = 'paid'")
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("amount_fen")?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptRow {
    pub number: String,
    pub entry_seq: i64,
    /// Sealed.
    pub donor_name: String,
    pub account_id: Option<String>,
    pub issued_at: i64,
}

pub async fn insert_receipt(
    tx: &mut Transaction<'_, Any>,
    r: &ReceiptRow,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO charity_receipts (number, entry_seq, donor_name, account_id, issued_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&r.number)
    .bind(r.entry_seq)
    .bind(&r.donor_name)
    .bind(r.account_id.as_deref())
    .bind(r.issued_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

const RECEIPT_SELECT: &str =
    "SELECT number, entry_seq, donor_name, account_id, issued_at FROM charity_receipts";

fn receipt(r: &sqlx::any::AnyRow) -> Result<ReceiptRow, sqlx::Error> {
    Ok(ReceiptRow {
        number: r.try_get("number")?,
        entry_seq: r.try_get("entry_seq")?,
        donor_name: r.try_get("donor_name")?,
        account_id: r.try_get("account_id")?,
        issued_at: r.try_get("issued_at")?,
    })
}

pub async fn receipt_by_number(db: &Db, number: &str) -> Result<Option<ReceiptRow>, StoreError> {
    let row = sqlx::query(&format!("{RECEIPT_SELECT} WHERE number = $1"))
        .bind(number)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref()
        .map(receipt)
        .transpose()
        .map_err(StoreError::from)
}

pub async fn receipt_for_entry(db: &Db, seq: i64) -> Result<Option<ReceiptRow>, StoreError> {
    let row = sqlx::query(&format!("{RECEIPT_SELECT} WHERE entry_seq = $1"))
        .bind(seq)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref()
        .map(receipt)
        .transpose()
        .map_err(StoreError::from)
}

pub async fn receipts_of(db: &Db, account_id: &str) -> Result<Vec<ReceiptRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "{RECEIPT_SELECT} WHERE account_id = $1 ORDER BY issued_at DESC"
    ))
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(receipt)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceRow {
    pub id: String,
    pub file_name: String,
    pub content_type: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

pub async fn insert_evidence(
    tx: &mut Transaction<'_, Any>,
    e: &EvidenceRow,
    by: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO charity_evidence (id, file_name, content_type, sha256, bytes, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&e.id)
    .bind(&e.file_name)
    .bind(&e.content_type)
    .bind(&e.sha256)
    .bind(e.bytes.clone())
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn evidence(db: &Db, id: &str) -> Result<Option<EvidenceRow>, StoreError> {
    let row = sqlx::query(
        "SELECT id, file_name, content_type, sha256, bytes FROM charity_evidence WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| -> Result<_, sqlx::Error> {
        Ok(EvidenceRow {
            id: r.try_get("id")?,
            file_name: r.try_get("file_name")?,
            content_type: r.try_get("content_type")?,
            sha256: r.try_get("sha256")?,
            bytes: r.try_get("bytes")?,
        })
    })
    .transpose()
    .map_err(StoreError::from)
}

/// The sandbox gateway records a payment once; false when the order was paid before.
pub async fn sandbox_pay(
    db: &Db,
    order_id: &str,
    amount_fen: i64,
    txn: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO sandbox_payments (order_id, amount_fen, txn_id, paid_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (order_id) DO NOTHING",
    )
    .bind(order_id)
    .bind(amount_fen)
    .bind(txn)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sandbox payments whose notification the merchant has not yet acknowledged (given up after 15
/// attempts, as real gateways do):
/// (order id, amount, txn id, paid at, attempts).
pub async fn sandbox_undelivered(
    db: &Db,
) -> Result<Vec<(String, i64, String, i64, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT order_id, amount_fen, txn_id, paid_at, attempts FROM sandbox_payments \
         WHERE delivered_at IS NULL AND attempts < 15 ORDER BY paid_at LIMIT 100",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("order_id")?,
                r.try_get("amount_fen")?,
                r.try_get("txn_id")?,
                r.try_get("paid_at")?,
                r.try_get("attempts")?,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

pub async fn sandbox_attempt(
    db: &Db,
    order_id: &str,
    delivered_at: Option<i64>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE sandbox_payments SET attempts = attempts + 1, delivered_at = $2 WHERE order_id = $1",
    )
    .bind(order_id)
    .bind(delivered_at)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}
