//! Money donations: the donor places an order for a project, pays at the gateway, and the
//! gateway's signed notification records the donation, once, in the ledger (with its receipt
//! when one was asked for). Orders that expire unpaid record nothing.

use super::{parameter, project, refuse, required};
use crate::auth::AuthUser;
use crate::charity::store::ledger::NewEntry;
use crate::charity::store::{self as store, OrderRow, ReceiptRow};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::StoreError;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use types::charity::OrderStatus;

/// What a donor asks for.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct DonationRequest {
    pub project_id: String,
    /// Whole fen: 12.34 yuan is 1234.
    pub amount_fen: i64,
    /// The donor's name as it should appear on the receipt; absent when anonymous.
    #[serde(default)]
    pub donor_name: Option<String>,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub receipt_wanted: bool,
    /// `phone`, `kiosk` or `api`.
    #[serde(default = "api_channel")]
    pub channel: String,
}

fn api_channel() -> String {
    "api".into()
}

/// The gateway's payment page for an order (the sandbox's, under this site).
pub fn pay_path(order_no: &str) -> String {
    format!("/pay/sandbox/{order_no}")
}

/// Checks the amount against the limits in force: a clear refusal for each way it can be wrong.
pub fn check_amount(s: &AppState, amount_fen: i64, now: i64) -> Result<(), ApiError> {
    let (min, max) = super::limits(s, now);
    if amount_fen <= 0 {
        return Err(ApiError::field(
            "amount",
            "捐款金额须大于 0",
            "The amount must be above 0",
        ));
    }
    if amount_fen < min {
        return Err(ApiError::field(
            "amount",
            &format!("单笔捐款至少 {} 元", types::money::yuan(min)),
            &format!("A donation is at least ¥{}", types::money::yuan(min)),
        ));
    }
    if amount_fen > max {
        return Err(ApiError::field(
            "amount",
            &format!(
                "网上单笔捐款最多 {} 元；更大数额请到慈善会柜台办理",
                types::money::yuan(max)
            ),
            &format!(
                "Online donations are at most ¥{}; larger gifts are taken at the charity's desk",
                types::money::yuan(max)
            ),
        ));
    }
    Ok(())
}

/// Places an order with the gateway. Nothing is recorded in the ledger until it is paid.
pub async fn place_order(
    s: &AppState,
    r: &DonationRequest,
    donor: Option<&AuthUser>,
    now: i64,
) -> Result<OrderStatus, ApiError> {
    if s.cfg.payment_gateway() == crate::config::PaymentGateway::None {
        return Err(ApiError::rejected(
            StatusCode::SERVICE_UNAVAILABLE,
            "payments_closed",
            "网上捐款暂未开通，请到慈善会柜台或街道服务中心捐赠",
            "Online money donations are not open; please give at the charity's desk or a street centre",
        ));
    }
    let p = project(s, &r.project_id).await?;
    if p.status == "draft" {
        return Err(ApiError::NotFound);
    }
    if !super::projects::accepting(&p, now) {
        return Err(refuse(
            "project_not_open",
            "该项目目前不接受捐款（未开始或已结束）",
            "This project is not taking donations (not started or already ended)",
        ));
    }
    check_amount(s, r.amount_fen, now)?;
    if !matches!(r.channel.as_str(), "phone" | "kiosk" | "api") {
        return Err(ApiError::field("channel", "渠道无效", "Unknown channel"));
    }
    let name = match (
        r.anonymous,
        r.donor_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty()),
    ) {
        (true, _) => None,
        (false, Some(n)) => Some(required(n, "donor_name", 30, "捐赠人姓名", "donor's name")?),
        (false, None) => {
            return Err(ApiError::field(
                "donor_name",
                "请填写捐赠人姓名，或选择匿名捐赠",
                "Enter the donor's name, or choose to give anonymously",
            ));
        }
    };
    if r.receipt_wanted && name.is_none() {
        return Err(ApiError::field(
            "receipt",
            "开具收据需要捐赠人姓名；匿名捐赠不开收据",
            "A receipt needs the donor's name; anonymous gifts get none",
        ));
    }
    let order = OrderRow {
        id: format!(
            "DN{}",
            uuid::Uuid::new_v4().simple().to_string().to_uppercase()
        ),
        project_id: p.id.clone(),
        amount_fen: r.amount_fen,
        donor_name: name.as_deref().map(|n| s.vault.seal(n)),
        account_id: donor.map(|u| u.account_id.clone()),
        anonymous: r.anonymous,
        receipt_wanted: r.receipt_wanted,
        channel: r.channel.clone(),
        status: "pending".into(),
        created_at: now,
        expires_at: now + parameter(s, policy::param_ids::CHARITY_ORDER_EXPIRY_MINUTES, now) * 60,
        paid_at: None,
    };
    store::insert_order(&s.db, &order).await?;
    status(s, &order.id, now).await
}

/// An order as its donor follows it.
pub async fn status(s: &AppState, order_no: &str, now: i64) -> Result<OrderStatus, ApiError> {
    let o = store::order_by_id(&s.db, order_no.trim())
        .await?
        .ok_or(ApiError::NotFound)?;
    let p = project(s, &o.project_id).await?;
    let entry = if o.status == "paid" {
        entry_of(s, &o.id).await?
    } else {
        None
    };
    let receipt_no = match entry {
        Some(seq) => store::receipt_for_entry(&s.db, seq)
            .await?
            .map(|r| r.number),
        None => None,
    };
    let status = if o.status == "pending" && now > o.expires_at {
        "expired"
    } else {
        o.status.as_str()
    };
    Ok(OrderStatus {
        order_no: o.id.clone(),
        project_id: p.id,
        project_title: p.title,
        amount_fen: o.amount_fen,
        status: status.into(),
        expires: crate::clock::shanghai_time(o.expires_at),
        pay_url: pay_path(&o.id),
        receipt_no,
        entry_seq: entry,
    })
}

async fn entry_of(s: &AppState, order_no: &str) -> Result<Option<i64>, ApiError> {
    let seq: Option<i64> =
        sqlx::query_scalar("SELECT seq FROM charity_entries WHERE order_id = $1")
            .bind(order_no)
            .fetch_optional(&s.db.pool)
            .await
            .map_err(StoreError::from)?;
    Ok(seq)
}

/// What the gateway tells us about a payment (the signed body of its notification).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Notification {
    pub order_no: String,
    pub amount_fen: i64,
    /// The gateway's own transaction id.
    pub txn_id: String,
    /// When the payer paid (unix seconds).
    pub paid_at: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recorded {
    /// A new donation: its ledger entry.
    New(i64),
    /// This payment was recorded before: nothing new.
    Repeated(i64),
}

/// Records a paid order as one donation (idempotent: the same notification again records
/// nothing and answers as the first time). Unknown orders, wrong amounts and payments after
/// the order expired are refused and change nothing.
pub async fn record_payment(
    s: &AppState,
    n: &Notification,
    now: i64,
) -> Result<Recorded, ApiError> {
    let Some(o) = store::order_by_id(&s.db, &n.order_no).await? else {
        return Err(refuse("unknown_order", "没有这个订单", "No such order"));
    };
    if o.amount_fen != n.amount_fen {
        return Err(refuse(
            "wrong_amount",
            "支付金额与订单金额不符",
            "The amount paid differs from the order",
        ));
    }
    if o.status == "paid" {
        return match entry_of(s, &o.id).await? {
            Some(seq) => Ok(Recorded::Repeated(seq)),
            None => Err(ApiError::Internal(format!(
                "order {} paid without a donation",
                o.id
            ))),
        };
    }
    // Money received is never dropped (F8). Paid in time, a notification that arrives after
    // housekeeping expired the order still records the donation; paid after the order expired
    // (the project may have closed), it is recorded and refunded at once, so the ledger and the
    // reconciliation see it and the payer gets the money back.
    let paid_late = n.paid_at > o.expires_at;
    let mut tx = s.db.begin().await.map_err(StoreError::from)?;
    let Some(o) = store::mark_paid(&mut tx, &o.id, n.amount_fen, &n.txn_id, n.paid_at).await?
    else {
        // Another delivery of the same payment got there first: its donation is committed and
        // visible inside this transaction, which waited for it.
        let seq: Option<i64> =
            sqlx::query_scalar("SELECT seq FROM charity_entries WHERE order_id = $1")
                .bind(&o.id)
                .fetch_optional(&mut **tx)
                .await
                .map_err(StoreError::from)?;
        drop(tx);
        return match seq {
            Some(seq) => Ok(Recorded::Repeated(seq)),
            None => Err(refuse(
                "order_not_payable",
                "订单状态已变化，未记录捐款",
                "The order changed; no donation was recorded",
            )),
        };
    };
    let head = store::ledger::take_head(&mut tx).await?;
    let counterparty = match &o.donor_name {
        Some(sealed) if !o.anonymous => crate::pii::mask_name(
            &s.vault
                .open(sealed)
                .map_err(|e| ApiError::Internal(e.to_string()))?,
        ),
        _ => "匿名".to_string(),
    };
    let entry = store::ledger::append(
        &mut tx,
        head,
        &NewEntry {
            kind: "donation",
            project_id: &o.project_id,
            amount_fen: o.amount_fen,
            memo: "网上捐款",
            counterparty: &counterparty,
            order_id: Some(&o.id),
            reverses: None,
            evidence_id: None,
            budget_line: None,
            recorded_by: "gateway:sandbox",
        },
        now,
    )
    .await?;
    if paid_late {
        let head = store::ledger::take_head(&mut tx).await?;
        let refund = store::ledger::append(
            &mut tx,
            head,
            &NewEntry::refund_of(
                entry.seq,
                &o.project_id,
                o.amount_fen,
                &counterparty,
                "订单过期后才付款，原路退回",
                "gateway:sandbox",
            ),
            now,
        )
        .await?;
        tx.commit().await.map_err(StoreError::from)?;
        tracing::warn!(order = %o.id, refund = refund.seq, "payment after the order expired: recorded and refunded");
        return Ok(Recorded::New(entry.seq));
    }
    if o.receipt_wanted {
        if let Some(sealed) = &o.donor_name {
            let receipt = ReceiptRow {
                number: super::receipts::number(entry.seq, now),
                entry_seq: entry.seq,
                donor_name: sealed.clone(),
                account_id: o.account_id.clone(),
                issued_at: now,
            };
            store::insert_receipt(&mut tx, &receipt).await?;
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Recorded::New(entry.seq))
}

/// Marks orders expired once their time (and a grace for late notifications) is over.
pub async fn expire_due(s: &AppState, now: i64) -> Result<u64, ApiError> {
    Ok(store::expire_orders(&s.db, now, 600).await?)
}
