//! The time: unix seconds now, and the date and time in Asia/Shanghai for people.
//! Infrastructure below every feature (it imports none).

/// Unix seconds now (0 for a clock before 1970).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The current date and time in Asia/Shanghai, for people: `2026-11-28 14:05`.
pub fn shanghai_time(unix_seconds: i64) -> String {
    let local = unix_seconds + 8 * 3600;
    let date = policy::Date::shanghai_from_unix_millis(unix_seconds * 1000)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let secs = local.rem_euclid(86_400);
    format!("{date} {:02}:{:02}", secs / 3600, (secs % 3600) / 60)
}

/// Today's date in Asia/Shanghai.
pub fn today(unix_seconds: i64) -> policy::Date {
    policy::Date::shanghai_from_unix_millis(unix_seconds * 1000).expect("a clock after 1970")
}
