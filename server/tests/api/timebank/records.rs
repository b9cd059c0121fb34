//! After verification, on SQLite and PostgreSQL: corrections (第十三条), honour hours,
//! certificates and their public check, redeeming credits for care, expiry, kiosk check-in.

mod certificates;
mod corrections;
mod redemption;

use super::world::*;
use server::timebank::records::{self, CorrectionRequest, Decision};
use server::timebank::store::ledgers;

pub async fn net_minutes(w: &World, volunteer: &str) -> i64 {
    ledgers::service_records(&w.s.db, volunteer)
        .await
        .unwrap()
        .iter()
        .map(|r| r.minutes)
        .sum()
}

pub async fn assert_ledgers_sound(w: &World) {
    let (drifted, unbalanced) = ledgers::check(&w.s.db).await.unwrap();
    assert!(drifted.is_empty(), "drifted balances: {drifted:?}");
    assert!(unbalanced.is_empty(), "unbalanced entries: {unbalanced:?}");
}

pub async fn decide(
    w: &World,
    who: &server::staff::StaffUser,
    id: &str,
    accept: bool,
    reason: &str,
    at: i64,
) -> Result<records::Correction, server::error::ApiError> {
    let d = Decision {
        accept,
        reason: reason.into(),
    };
    records::decide(&w.s, who, id, &d, at).await
}

pub fn ask(record_id: i64, minutes: i64, reason: &str) -> CorrectionRequest {
    CorrectionRequest {
        record_id,
        minutes,
        reason: reason.into(),
    }
}
