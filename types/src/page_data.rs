//! The page data the server hands to a page that depends on who is signed in (staff pages, the
//! volunteer's page, the resident's cases and receipts), carried to the hydrating browser as
//! JSON in the page.

use crate::staff::{AuditLine, Enrolment, Kiosk, KioskRegistration, StaffInvite, StaffMember};
use serde::{Deserialize, Serialize};

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
        activities: Vec<crate::timebank::CoordinatedActivity>,
        /// Pending records past the 10-working-day deadline: (activity, count).
        overdue: Vec<(String, i64)>,
        notice: Option<(String, String)>,
        /// Open correction requests of the coordinator's organizations.
        corrections: Vec<crate::timebank::Correction>,
    },
    /// One activity's desk: QR code and attendance.
    Desk(crate::timebank::ActivityDesk),
    /// A resident's own time-bank page.
    Volunteer(crate::timebank::VolunteerHome),
    /// What `/verify/{number}` found.
    Verify(crate::timebank::Verification),
    /// The public district totals of the time bank.
    Totals(crate::timebank::totals::DistrictTotals),
    /// `/charity`: the charity and its projects.
    CharityHome(crate::charity::CharityHome),
    /// `/charity/projects/{id}`: one project, with the donation and goods forms.
    CharityProject(Box<crate::charity::ProjectPage>),
    /// `/pay/sandbox/{order}`: the sandbox gateway's payment page.
    Payment(crate::charity::PaymentPage),
    /// `/charity/orders/{order}`: a donor follows their order; `receipt_here` when this browser
    /// placed it and may download its receipt.
    DonationOrder {
        order: crate::charity::OrderStatus,
        receipt_here: bool,
    },
    /// `/charity/transparency`: the public figures and the reconciliation.
    Transparency(Box<crate::charity::Transparency>),
    /// `/charity/receipts/check`: what checking a receipt found (None before a check).
    ReceiptCheck(Option<crate::charity::ReceiptCheck>),
    /// `/charity/mine`: a signed-in donor's receipts.
    DonorReceipts(crate::charity::DonorReceipts),
    /// `/staff/charity`: the charity staff's desk.
    CharityDesk(Box<crate::charity::CharityDesk>),
    /// The resident's own cases (`/cases`).
    MyCases(Vec<crate::cases::CaseSummary>),
    /// One of the resident's cases (`/cases/<reference>`); `notice` after an action.
    Case {
        case: Box<crate::cases::CaseDetail>,
        notice: Option<(String, String)>,
    },
    /// A caseworker's street queue (`/staff/cases`).
    CaseQueue(crate::cases::CaseQueue),
    /// A case the caseworker may not open or that does not exist: why, in both languages.
    CaseRefused { zh: String, en: String },
    /// One case on the caseworker's desk (`/staff/case?ref=`).
    StaffCase {
        case: Box<crate::cases::CaseDetail>,
        notice: Option<(String, String)>,
    },
    /// `/policy/parameters`: every parameter in force today and what is scheduled.
    PolicyParameters(crate::parameters::PublicParameters),
    /// `/staff/policy`: the policy administrators' desk.
    PolicyDesk(Box<crate::parameters::PolicyDesk>),
    /// `/staff/dashboard` (exact) and `/open-data` (small counts suppressed): the plan's
    /// indicators of a year.
    Dashboard(Box<crate::dashboard::Dashboard>),
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
