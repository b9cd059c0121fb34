//! The payment gateway interface and the built-in sandbox gateway for demos and tests.
//!
//! A gateway takes an order with an expiry, shows the payer a payment page (a QR code on a
//! kiosk, a confirm page on a phone), and afterwards posts an asynchronous notification to
//! `/api/v1/payments/notify`, signed with HMAC-SHA256 over the exact body, retrying until the
//! merchant answers success. The sandbox behaves the same way: it keeps its own books
//! (`sandbox_payments`), delivers by HTTP to the configured notify URL, and retries deliveries
//! that failed from a background loop.

use super::donations::{self, Notification};
use crate::charity::store;
use crate::error::ApiError;
use crate::state::AppState;
use axum::http::StatusCode;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header carrying the notification's signature (hex HMAC-SHA256 of the body).
pub const SIGNATURE_HEADER: &str = "x-sandbox-signature";

fn key(secret: &str) -> [u8; 32] {
    crate::pii::derive_key(secret, b"sandbox-gateway")
}

/// The signature the sandbox puts on a body.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key(secret)).expect("any key length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Checks a notification's signature in constant time, then reads it.
pub fn verify(secret: &str, body: &[u8], signature: &str) -> Result<Notification, ApiError> {
    let bad = || {
        tracing::warn!("payment notification with a bad signature refused");
        ApiError::rejected(
            StatusCode::FORBIDDEN,
            "bad_signature",
            "通知签名无效，未处理",
            "The notification's signature is not valid; nothing was done",
        )
    };
    let sig = hex::decode(signature.trim()).map_err(|_| bad())?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key(secret)).expect("any key length");
    mac.update(body);
    mac.verify_slice(&sig).map_err(|_| bad())?;
    serde_json::from_slice(body)
        .map_err(|_| ApiError::BadRequest("notification body is not valid".into()))
}

/// The payer confirms on the sandbox's payment page: the gateway records the payment (once) and
/// sends its notification. Refused when the order is unknown, already paid or expired.
pub async fn pay(s: &AppState, order_no: &str, now: i64) -> Result<(), ApiError> {
    let o = store::order_by_id(&s.db, order_no.trim())
        .await?
        .ok_or(ApiError::NotFound)?;
    if o.status == "paid" {
        return Err(super::refuse(
            "already_paid",
            "该订单已支付",
            "This order is already paid",
        ));
    }
    if o.status != "pending" || now > o.expires_at {
        return Err(super::refuse(
            "order_expired",
            "订单已过期，请重新发起捐款",
            "The order has expired; please start the donation again",
        ));
    }
    let txn = format!("SBX{}", uuid::Uuid::new_v4().simple());
    if !store::sandbox_pay(&s.db, &o.id, o.amount_fen, &txn, now).await? {
        return Err(super::refuse(
            "already_paid",
            "该订单已支付",
            "This order is already paid",
        ));
    }
    let state = s.clone();
    let order = o.id.clone();
    tokio::spawn(async move {
        // A first delivery straight away, then a few quick retries; the loop picks up the rest.
        for wait in [0u64, 1, 2, 4] {
            tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
            if deliver_one(&state, &order).await {
                break;
            }
        }
    });
    Ok(())
}

/// True when the sandbox recorded the payment (its notification may still be on its way).
pub async fn paid_at_gateway(s: &AppState, order_no: &str) -> Result<bool, ApiError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sandbox_payments WHERE order_id = $1")
        .bind(order_no)
        .fetch_one(&s.db.pool)
        .await
        .map_err(crate::store::StoreError::from)?;
    Ok(n > 0)
}

/// Posts one payment's notification; true once the merchant answered success.
async fn deliver_one(s: &AppState, order_no: &str) -> bool {
    let Ok(pending) = store::sandbox_undelivered(&s.db).await else {
        return false;
    };
    let Some((order, amount, txn, paid_at, _)) = pending.into_iter().find(|p| p.0 == order_no)
    else {
        return true; // delivered meanwhile
    };
    deliver(
        s,
        &Notification {
            order_no: order,
            amount_fen: amount,
            txn_id: txn,
            paid_at,
        },
    )
    .await
}

async fn deliver(s: &AppState, n: &Notification) -> bool {
    let Some(url) = s.cfg.payment_notify_url.clone() else {
        return false;
    };
    let body = serde_json::to_vec(n).expect("a notification serializes");
    let signature = sign(&s.cfg.sandbox_notify_key, &body);
    let answer = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .header(SIGNATURE_HEADER, signature)
        .body(body)
        .timeout(std::time::Duration::from_secs(10))
        .send()
        .await;
    let ok = matches!(&answer, Ok(r) if r.status().is_success());
    let now = crate::clock::now();
    if let Err(e) = store::sandbox_attempt(&s.db, &n.order_no, ok.then_some(now)).await {
        tracing::warn!(error = %e, "sandbox could not note a delivery attempt");
    }
    if !ok {
        tracing::warn!(order = %n.order_no, "sandbox notification not acknowledged; will retry");
    }
    ok
}

/// Retries every undelivered notification (run by the background loop).
pub async fn redeliver(s: &AppState) -> usize {
    let Ok(pending) = store::sandbox_undelivered(&s.db).await else {
        return 0;
    };
    let mut delivered = 0;
    for (order_no, amount_fen, txn_id, paid_at, _) in pending {
        if deliver(
            s,
            &Notification {
                order_no,
                amount_fen,
                txn_id,
                paid_at,
            },
        )
        .await
        {
            delivered += 1;
        }
    }
    delivered
}

/// The merchant side: a notification arrives. Verifies the signature, then records the
/// donation once; a repeat answers success again so the gateway stops retrying.
pub async fn notified(
    s: &AppState,
    body: &[u8],
    signature: &str,
    now: i64,
) -> Result<donations::Recorded, ApiError> {
    let n = verify(&s.cfg.sandbox_notify_key, body, signature)?;
    donations::record_payment(s, &n, now).await
}
