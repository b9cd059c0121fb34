//! The time: unix seconds now. Infrastructure below every feature (it imports none).

/// Unix seconds now (0 for a clock before 1970).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
