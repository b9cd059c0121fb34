//! What the volunteer's own page shows (carried to the hydrating browser in the page data).

pub mod totals;

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
    /// `in` or `out` when the volunteer can check in or out at a kiosk right now.
    pub pass_now: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordLine {
    pub id: i64,
    pub date: String,
    pub activity: String,
    pub minutes: i64,
    /// `verified`, `adjusted`, `honour`, `reversal` or `correction`.
    pub kind: String,
    /// The volunteer may ask for this entry to be corrected.
    pub correctable: bool,
}

/// A correction request (第十三条), as the volunteer and the coordinator see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Correction {
    pub id: String,
    pub record_id: i64,
    pub activity: String,
    /// Minutes as recorded, and as asked for.
    pub recorded_minutes: i64,
    pub minutes: i64,
    pub reason: String,
    pub requested_at: String,
    /// `open`, `accepted` or `rejected`.
    pub status: String,
    pub decision_reason: Option<String>,
    /// The volunteer's masked name (for the coordinator).
    pub volunteer_name: String,
}

/// Redeeming credits for care: who may, the rules in force, and what is offered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedeemOffer {
    /// Old enough under the rule in force.
    pub allowed: bool,
    pub min_age: i64,
    pub monthly_cap: i64,
    pub expiry_months: i64,
    /// (code, Chinese, English, minutes).
    pub services: Vec<(String, String, String, i64)>,
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
    /// Confirmed family members credits can be given to: (volunteer id, masked name).
    pub family: Vec<(String, String)>,
    /// Volunteers asking this one to confirm them as family: (volunteer id, masked name).
    pub family_requests: Vec<(String, String)>,
    /// A fresh idempotency key for the gift form (a double submit gives once).
    pub gift_key: String,
    /// What the last action did.
    pub notice: Option<(String, String)>,
    pub corrections: Vec<Correction>,
    /// Issued certificates: (number, issue date, total minutes), newest first.
    pub certificates: Vec<(String, String, i64)>,
    pub redeem: RedeemOffer,
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

/// `/staff/activities`: a coordinator's activities and the organizations they act for
/// (id, name), pending records past the 10-working-day deadline (activity, count), what the last
/// action did, and the open correction requests of their organizations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivitiesPage {
    pub organizations: Vec<(String, String)>,
    pub activities: Vec<CoordinatedActivity>,
    pub overdue: Vec<(String, i64)>,
    pub notice: Option<(String, String)>,
    pub corrections: Vec<Correction>,
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

/// One line of a certificate: the service one organization recorded in one category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateLine {
    /// The recording unit (记录单位).
    pub organization: String,
    /// Category code (see `CATEGORIES`).
    pub category: String,
    /// First and last activity dates, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    pub activities: i64,
    pub minutes: i64,
}

/// What a certificate (志愿服务记录证明) states, exactly as issued and sealed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Certificate {
    pub number: String,
    pub name_masked: String,
    pub id_masked: String,
    /// Every recorded minute, honour hours included.
    pub total_minutes: i64,
    pub honour_minutes: i64,
    pub lines: Vec<CertificateLine>,
    /// The unit issuing the certificate.
    pub issuer: String,
    pub issued_on: String,
}

/// What `/verify/{number}` found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = CertificateVerification))]
pub struct Verification {
    pub number: String,
    /// None when no certificate has this number.
    pub certificate: Option<Certificate>,
    /// The stored content still matches its seal.
    pub genuine: bool,
    /// The volunteer's record still says the same today (false after a correction).
    pub current: bool,
    /// The fingerprint printed on the certificate.
    pub fingerprint: String,
}

/// A category's display name.
pub fn category_name(l: crate::i18n::Locale, code: &str) -> String {
    CATEGORIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, zh, en)| l.t(zh, en).to_string())
        .unwrap_or_else(|| code.to_string())
}

/// The time bank's staff pages: a coordinator's activities and one activity's desk.
pub const STAFF_PAGES: &[crate::account::StaffPage] = &[
    crate::account::StaffPage {
        path: "/staff/activities",
        roles: crate::account::COORDINATORS,
        menu: Some(("志愿服务活动", "Volunteer activities")),
    },
    crate::account::StaffPage {
        path: "/staff/activity",
        roles: crate::account::COORDINATORS,
        menu: None,
    },
];
