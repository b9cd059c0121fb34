//! What the staff administration pages and the API show: one set of shapes for both, and the
//! page data the server hands to a staff page (carried to the hydrating browser as JSON).

use serde::{Deserialize, Serialize};

/// A member of staff as administrators see them (no password, no TOTP secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: String,
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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

/// What a page shows that depends on who is signed in (staff pages, the volunteer's page),
/// computed by the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageData {
    Users {
        members: Vec<StaffMember>,
        /// The administrator's own id (their own role cannot be changed here).
        me: String,
        /// The enrolment code just issued (a new account or a reset).
        invite: Option<StaffInvite>,
        /// What the last action did, e.g. "role changed".
        notice: Option<(String, String)>,
    },
    Kiosks {
        kiosks: Vec<Kiosk>,
        registered: Option<KioskRegistration>,
    },
    Audit {
        lines: Vec<AuditLine>,
        actor: String,
        action: String,
        entries: u64,
        first_broken: Option<i64>,
        /// Where the next (older) page starts, when there is one.
        older: Option<i64>,
    },
    /// Signed in, but the role may not see this page.
    Denied,
    /// `/staff/enrol` after a right enrolment code: the authenticator to set up, and the code
    /// again (carried in the second form).
    StaffEnrol { enrolment: Enrolment, code: String },
    /// A coordinator's activities and the organizations they act for: (id, name).
    Activities {
        organizations: Vec<(String, String)>,
        activities: Vec<crate::volunteer_views::CoordinatedActivity>,
        /// Pending records past the 10-working-day deadline: (activity, count).
        overdue: Vec<(String, i64)>,
        notice: Option<(String, String)>,
        /// Open correction requests of the coordinator's organizations.
        corrections: Vec<crate::volunteer_views::Correction>,
    },
    /// One activity's desk: QR code and attendance.
    Desk(crate::volunteer_views::ActivityDesk),
    /// A resident's own time-bank page.
    Volunteer(crate::volunteer_views::VolunteerHome),
    /// What `/verify/{number}` found.
    Verify(crate::volunteer_views::Verification),
    /// The public district totals of the time bank.
    Totals(crate::totals_views::DistrictTotals),
    /// `/charity`: the charity and its projects.
    CharityHome(crate::charity_views::CharityHome),
    /// `/charity/projects/{id}`: one project, with the donation and goods forms.
    CharityProject(Box<crate::charity_views::ProjectPage>),
    /// `/pay/sandbox/{order}`: the sandbox gateway's payment page.
    Payment(crate::charity_views::PaymentPage),
    /// `/charity/orders/{order}`: a donor follows their order; `receipt_here` when this browser
    /// placed it and may download its receipt.
    DonationOrder {
        order: crate::charity_views::OrderStatus,
        receipt_here: bool,
    },
    /// `/charity/transparency`: the public figures and the reconciliation.
    Transparency(Box<crate::charity_views::Transparency>),
    /// `/charity/receipts/check`: what checking a receipt found (None before a check).
    ReceiptCheck(Option<crate::charity_views::ReceiptCheck>),
    /// `/charity/mine`: a signed-in donor's receipts.
    DonorReceipts(crate::charity_views::DonorReceipts),
    /// `/staff/charity`: the charity staff's desk.
    CharityDesk(Box<crate::charity_views::CharityDesk>),
    /// The resident's own cases (`/cases`).
    MyCases(Vec<crate::case_views::CaseSummary>),
    /// One of the resident's cases (`/cases/<reference>`); `notice` after an action.
    Case {
        case: Box<crate::case_views::CaseDetail>,
        notice: Option<(String, String)>,
    },
    /// A caseworker's street queue (`/staff/cases`).
    CaseQueue(crate::case_views::CaseQueue),
    /// A case the caseworker may not open or that does not exist: why, in both languages.
    CaseRefused { zh: String, en: String },
    /// One case on the caseworker's desk (`/staff/case?ref=`).
    StaffCase {
        case: Box<crate::case_views::CaseDetail>,
        notice: Option<(String, String)>,
    },
    /// `/policy/parameters`: every parameter in force today and what is scheduled.
    PolicyParameters(crate::policy_views::PublicParameters),
    /// `/staff/policy`: the policy administrators' desk.
    PolicyDesk(Box<crate::policy_views::PolicyDesk>),
    /// `/staff/dashboard` (exact) and `/open-data` (small counts suppressed): the plan's
    /// indicators of a year.
    Dashboard(Box<crate::dashboard_views::Dashboard>),
}

impl PageData {
    /// JSON for a `<script type="application/json">` block: `<` escaped so no tag can end it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    }

    pub fn from_json(s: &str) -> Option<PageData> {
        serde_json::from_str(s).ok()
    }
}

pub const PAGE_DATA_ID: &str = "staff-page-data";
