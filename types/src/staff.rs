//! What the staff administration pages and the API show: one set of shapes for both.

use serde::{Deserialize, Serialize};

/// A member of staff as administrators see them (no password, no TOTP secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: String,
    pub username: String,
    pub display_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "caseworker"))]
    pub role: crate::account::Role,
    /// The street office of a caseworker.
    pub street_code: Option<String>,
    /// Locked after 5 failed sign-ins (for 30 minutes).
    pub locked: bool,
    /// `active`, `awaiting_enrolment`, `enrolment_expired` or `disabled`.
    pub state: String,
    /// Sessions in use in the last 30 minutes.
    pub live_sessions: i64,
}

/// A one-time enrolment code for a new or reset account, shown once to the administrator, who
/// hands it to the member; with it the member sets their own password and authenticator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffInvite {
    pub user_id: String,
    pub username: String,
    /// e.g. `K7QM-3XWP`.
    pub code: String,
    /// Date and time (Asia/Shanghai) the code stops working.
    pub expires: String,
}

/// The authenticator a member is enrolling, shown once to the member themselves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enrolment {
    pub user_id: String,
    pub username: String,
    /// Base32 TOTP secret, for typing into an authenticator app.
    pub secret: String,
    /// The `otpauth://` address the QR code carries.
    pub uri: String,
}

/// A kiosk device at a street service centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Kiosk {
    pub id: String,
    pub name: String,
    pub street_code: String,
    /// `awaiting_enrolment`, `code_expired`, `enrolled` or `revoked`.
    pub state: String,
    /// Date (Asia/Shanghai) the device enrolled.
    pub enrolled_on: Option<String>,
}

/// A registered kiosk and its one-time enrolment code, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KioskRegistration {
    pub kiosk: Kiosk,
    pub code: String,
    /// Date and time (Asia/Shanghai) the code stops working.
    pub expires: String,
}

/// One audit entry as the auditor's page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    /// Date and time in Asia/Shanghai.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub outcome: String,
}

/// `/staff/users`: every account, the administrator's own id (their own role cannot be changed
/// here), the enrolment code just issued (a new account or a reset), what the last action did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersPage {
    pub members: Vec<StaffMember>,
    pub me: String,
    pub invite: Option<StaffInvite>,
    pub notice: Option<(String, String)>,
}

/// `/staff/kiosks`: every kiosk, and the one just registered with its code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KiosksPage {
    pub kiosks: Vec<Kiosk>,
    pub registered: Option<KioskRegistration>,
}

/// `/staff/audit`: a page of the log (newest first, filtered by actor and action), whether its
/// chain holds, and where the next (older) page starts, when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    pub actor: String,
    pub action: String,
    pub entries: u64,
    pub first_broken: Option<i64>,
    pub older: Option<i64>,
}

/// `/staff/enrol` after a right enrolment code: the authenticator to set up, and the code again
/// (carried in the second form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolPage {
    pub enrolment: Enrolment,
    pub code: String,
}
