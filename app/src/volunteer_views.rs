//! What the volunteer's own page shows (carried to the hydrating browser in the page data).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerCard {
    pub name_masked: String,
    pub id_masked: String,
    pub street_code: String,
    pub categories: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityCard {
    pub id: String,
    pub name: String,
    pub starts: String,
    pub ends: String,
    pub place: String,
    pub category: String,
    pub places_left: i64,
    pub waiting: i64,
    /// `confirmed`, `waiting` or `cancelled` when the volunteer signed up.
    pub mine: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordLine {
    pub date: String,
    pub activity: String,
    pub minutes: i64,
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditLine {
    pub at: String,
    pub memo: String,
    pub minutes: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerHome {
    /// None until the resident registers.
    pub me: Option<VolunteerCard>,
    pub activities: Vec<ActivityCard>,
    pub records: Vec<RecordLine>,
    /// Attendance waiting for the coordinator's confirmation, in minutes.
    pub pending_minutes: i64,
    pub balance: i64,
    pub statement: Vec<CreditLine>,
    /// Registered family members credits can be given to: (volunteer id, masked name).
    pub family: Vec<(String, String)>,
    /// A fresh idempotency key for the gift form (a double submit gives once).
    pub gift_key: String,
    /// What the last action did.
    pub notice: Option<(String, String)>,
}

/// Service categories: code, Chinese, English (the server checks against the same list).
pub const CATEGORIES: &[(&str, &str, &str)] = &[
    ("elderly", "为老服务", "Care for older people"),
    ("disability", "助残服务", "Support for disabled people"),
    ("children", "关爱儿童", "Caring for children"),
    ("community", "社区服务", "Community service"),
    ("civility", "文明实践", "Civic practice"),
    ("emergency", "应急救援", "Emergency relief"),
    ("environment", "环境保护", "Environment"),
];

/// `90` → `1 小时 30 分` / `1 h 30 min`.
pub fn hours(l: crate::i18n::Locale, minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match l {
        crate::i18n::Locale::Zh => format!("{h} 小时 {m} 分"),
        crate::i18n::Locale::En => format!("{h} h {m} min"),
    }
}

/// An activity as its coordinator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoordinatedActivity {
    pub id: String,
    pub organization: String,
    pub name: String,
    pub starts: String,
    pub ends: String,
    pub place: String,
    pub capacity: i64,
    pub confirmed: i64,
    pub waiting: i64,
}

/// One volunteer's attendance at an activity, for the coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceLine {
    pub attendance_id: String,
    pub volunteer_name: String,
    pub check_in: String,
    pub check_out: Option<String>,
    pub minutes: Option<i64>,
    /// Closed at the activity's end because the volunteer forgot to check out.
    pub flagged: bool,
    pub status: String,
}

/// The coordinator's activity desk: the rotating QR code and live attendance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDesk {
    pub activity: CoordinatedActivity,
    /// `in` or `out`.
    pub direction: String,
    /// The address the QR code carries (valid 60 seconds; the page refreshes every 30).
    pub qr_url: String,
    pub attendance: Vec<AttendanceLine>,
}
