//! Donation receipts (第三十八条): numbered after their ledger entry, sealed with a keyed code
//! printed on the paper and checked at `/charity/receipts/check`; a signed-in donor lists and
//! downloads their receipts and a statement per year (第四十二条).

use super::receipt_pdf::{self, Receipt, Statement, StatementLine};
use crate::auth::AuthUser;
use crate::charity::store::{self as store, ReceiptRow};
use crate::error::ApiError;
use crate::state::AppState;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use types::charity::{DonorReceipts, ReceiptCheck, ReceiptLine};

/// `JZ2026` and the entry's sequence number: unique because entries are.
pub fn number(entry_seq: i64, now: i64) -> String {
    format!("JZ{}{entry_seq:08}", crate::clock::today(now).year())
}

const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// The verification code printed on a receipt: a keyed hash of its number and amount, eight
/// characters people can read off paper.
pub fn code(secret: &str, number: &str, amount_fen: i64) -> String {
    let key = crate::pii::derive_key(secret, b"receipt-seal");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).expect("any key length");
    mac.update(format!("{number}|{amount_fen}").as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .take(8)
        .map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char)
        .collect()
}

/// The address a receipt's QR code carries.
pub fn check_path(number: &str, code: &str) -> String {
    format!("/charity/receipts/check?number={number}&code={code}")
}

async fn line_of(s: &AppState, r: &ReceiptRow) -> Result<(ReceiptLine, String, String), ApiError> {
    let e = store::ledger::entry_by_seq(&s.db, r.entry_seq)
        .await?
        .ok_or(ApiError::NotFound)?;
    let p = super::project(s, &e.project_id).await?;
    Ok((
        ReceiptLine {
            number: r.number.clone(),
            date: crate::clock::shanghai_time(r.issued_at)[..10].to_string(),
            project_title: p.title,
            amount_fen: e.amount_fen,
        },
        p.filing_no,
        e.kind,
    ))
}

/// Anyone holding the paper checks it: genuine when the number exists and the code matches.
pub async fn check(s: &AppState, number: &str, code_given: &str) -> Result<ReceiptCheck, ApiError> {
    let number = number.trim().to_uppercase();
    let not_genuine = ReceiptCheck {
        number: number.clone(),
        genuine: false,
        date: None,
        project_title: None,
        amount_fen: None,
        donor: None,
        voided_on: None,
    };
    let Some(r) = store::receipt_by_number(&s.db, &number).await? else {
        return Ok(not_genuine);
    };
    let (line, _, _) = line_of(s, &r).await?;
    // In constant time (L13): how long the comparison takes says nothing of how much matched.
    let expected = code(&s.record_secret, &r.number, line.amount_fen);
    let given = code_given.trim().to_uppercase();
    if !bool::from(subtle::ConstantTimeEq::ct_eq(
        expected.as_bytes(),
        given.as_bytes(),
    )) {
        return Ok(not_genuine);
    }
    let donor = s
        .vault
        .open(&r.donor_name)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(ReceiptCheck {
        number,
        genuine: true,
        date: Some(line.date),
        project_title: Some(line.project_title),
        amount_fen: Some(line.amount_fen),
        donor: Some(crate::pii::mask_name(&donor)),
        voided_on: refunded_on(s, r.entry_seq).await?,
    })
}

/// The day (Asia/Shanghai) the donation of this entry was refunded, if it was (F7): its receipt
/// is void from then on, on the check, the PDF and the yearly statement.
async fn refunded_on(s: &AppState, entry_seq: i64) -> Result<Option<String>, ApiError> {
    let at: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM charity_entries WHERE kind = 'refund' AND reverses = $1",
    )
    .bind(entry_seq)
    .fetch_optional(&s.db.pool)
    .await
    .map_err(crate::store::StoreError::from)?;
    Ok(at.map(|at| crate::clock::shanghai_time(at)[..10].to_string()))
}

/// A signed-in donor's receipts, newest first, and the years they gave in.
pub async fn mine(s: &AppState, user: &AuthUser) -> Result<DonorReceipts, ApiError> {
    let mut receipts = Vec::new();
    for r in store::receipts_of(&s.db, &user.account_id).await? {
        receipts.push(line_of(s, &r).await?.0);
    }
    let mut years: Vec<i32> = receipts
        .iter()
        .filter_map(|r| r.date[..4].parse().ok())
        .collect();
    years.dedup();
    Ok(DonorReceipts { receipts, years })
}

/// The PDF of one receipt: for its donor (signed in, or holding the order in this browser).
pub async fn pdf(
    s: &AppState,
    number: &str,
    may_see: impl Fn(&ReceiptRow) -> bool,
    origin: &str,
) -> Result<Vec<u8>, ApiError> {
    let r = store::receipt_by_number(&s.db, number.trim())
        .await?
        .ok_or(ApiError::NotFound)?;
    if !may_see(&r) {
        return Err(ApiError::NotFound);
    }
    let (line, filing_no, _) = line_of(s, &r).await?;
    let code = code(&s.record_secret, &r.number, line.amount_fen);
    let donor = s
        .vault
        .open(&r.donor_name)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let voided_on = refunded_on(s, r.entry_seq).await?;
    Ok(receipt_pdf::receipt(&Receipt {
        voided_on,
        verify_url: format!("{origin}{}", check_path(&r.number, &code)),
        number: r.number,
        verification_code: code,
        donor,
        kind_zh: "货币".into(),
        amount_fen: line.amount_fen,
        project_title: line.project_title,
        filing_no,
        charity_name: s.cfg.charity_name.clone(),
        charity_registration: s.cfg.charity_registration.clone(),
        handler: s.cfg.charity_handler.clone(),
        date: line.date,
    }))
}

/// The receipt of an order, for the browser that placed it.
pub async fn of_order(s: &AppState, order_no: &str) -> Result<Option<ReceiptRow>, ApiError> {
    let seq: Option<i64> =
        sqlx::query_scalar("SELECT seq FROM charity_entries WHERE order_id = $1")
            .bind(order_no)
            .fetch_optional(&s.db.pool)
            .await
            .map_err(crate::store::StoreError::from)?;
    match seq {
        Some(seq) => Ok(store::receipt_for_entry(&s.db, seq).await?),
        None => Ok(None),
    }
}

/// A signed-in donor's statement of one year.
pub async fn statement(
    s: &AppState,
    user: &AuthUser,
    year: i32,
    now: i64,
) -> Result<Vec<u8>, ApiError> {
    let rows = store::receipts_of(&s.db, &user.account_id).await?;
    let mut lines = Vec::new();
    let mut donor = String::new();
    for r in rows.iter().rev() {
        let (line, _, _) = line_of(s, r).await?;
        if !line.date.starts_with(&year.to_string()) {
            continue;
        }
        donor = s
            .vault
            .open(&r.donor_name)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        lines.push(StatementLine {
            voided_on: refunded_on(s, r.entry_seq).await?,
            date: line.date,
            number: line.number,
            project_title: line.project_title,
            amount_fen: line.amount_fen,
        });
    }
    if lines.is_empty() {
        return Err(ApiError::NotFound);
    }
    Ok(receipt_pdf::statement(&Statement {
        year,
        donor,
        charity_name: s.cfg.charity_name.clone(),
        charity_registration: s.cfg.charity_registration.clone(),
        lines,
        issued_on: crate::clock::today(now).to_string(),
    }))
}
