//! What the pages know about the visitor's sign-in, handed over by the server per request, and
//! the staff roles with the pages each may open.

/// A signed-in resident. Only the masked number ever reaches a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub phone_masked: String,
    pub consents: Vec<Consent>,
}

/// One consent as "my account" lists it (dates in Asia/Shanghai).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent {
    pub purpose: String,
    pub text_version: String,
    pub granted: String,
    pub withdrawn: Option<String>,
}

impl Consent {
    /// `purpose|version|granted|withdrawn` — carried in an `<html>` attribute for hydration.
    pub fn encode(list: &[Consent]) -> String {
        list.iter()
            .map(|c| {
                format!(
                    "{}|{}|{}|{}",
                    c.purpose,
                    c.text_version,
                    c.granted,
                    c.withdrawn.clone().unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    pub fn decode(s: &str) -> Vec<Consent> {
        s.split(';')
            .filter_map(|c| {
                let mut p = c.split('|');
                Some(Consent {
                    purpose: p.next()?.to_string(),
                    text_version: p.next()?.to_string(),
                    granted: p.next()?.to_string(),
                    withdrawn: p.next().filter(|w| !w.is_empty()).map(str::to_owned),
                })
            })
            .collect()
    }
}

/// Site-wide switches from the server's configuration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SiteFlags {
    /// The development outbox is on (never in production).
    pub dev_outbox: bool,
}

/// An error from a form posted to the server, shown at the top and at its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostedError {
    pub field: String,
    pub zh: String,
    pub en: String,
}

/// `<html>` attributes carrying these to the hydrating browser, so it renders what the server did.
pub mod attr {
    pub const SIGNED_IN: &str = "data-signed-in";
    pub const CONSENTS: &str = "data-consents";
    pub const DEV: &str = "data-dev";
    pub const ERROR_FIELD: &str = "data-error-field";
    pub const ERROR_ZH: &str = "data-error-zh";
    pub const ERROR_EN: &str = "data-error-en";
}

/// A signed-in member of staff (a different session from residents').
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffSignedIn {
    pub display_name: String,
    pub role: String,
}

pub mod staff_attr {
    pub const NAME: &str = "data-staff-name";
    pub const ROLE: &str = "data-staff-role";
}

/// The enrolled kiosk this page is shown on: its street centre is known to every flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KioskDevice {
    pub name: String,
    pub street_code: String,
}

pub mod kiosk_attr {
    pub const NAME: &str = "data-kiosk-name";
    pub const STREET: &str = "data-kiosk-street";
}

/// Every staff role, in the order administrators choose from.
pub const STAFF_ROLES: &[&str] = &[
    "system_admin",
    "policy_admin",
    "caseworker",
    "coordinator",
    "charity_staff",
    "auditor",
];

/// The role's name for people.
pub fn role_label(l: crate::i18n::Locale, role: &str) -> &'static str {
    match role {
        "system_admin" => l.t("系统管理员", "System administrator"),
        "policy_admin" => l.t("政策管理员", "Policy administrator"),
        "caseworker" => l.t("街道经办人", "Caseworker"),
        "coordinator" => l.t("志愿服务协调员", "Volunteer coordinator"),
        "charity_staff" => l.t("慈善会工作人员", "Charity staff"),
        "auditor" => l.t("审计员", "Auditor"),
        _ => l.t("工作人员", "Staff"),
    }
}

/// Who may read the audit log.
pub const AUDIT_READERS: &[&str] = &["auditor", "system_admin"];
/// Who administers staff accounts and kiosk devices.
pub const USER_ADMINS: &[&str] = &["system_admin"];
/// Volunteer coordinators (acting for their own organizations only).
pub const COORDINATORS: &[&str] = &["coordinator"];
/// Staff of the charity (projects, disbursements, goods, receipts).
pub const CHARITY_STAFF: &[&str] = &["charity_staff"];
/// Street caseworkers (their own street's cases only).
pub const CASEWORKERS: &[&str] = &["caseworker"];
/// Policy administrators (dated parameter values).
pub const POLICY_ADMINS: &[&str] = &["policy_admin"];
/// Who reads the plan dashboard (the indicators with exact counts, and its CSV).
pub const DASHBOARD_READERS: &[&str] = &["system_admin", "policy_admin", "caseworker", "auditor"];

/// A staff page: its path, the roles it allows (signed-out visitors are asked to sign in;
/// other roles are refused), and its name on the staff entry's menu (none for a page reached
/// from another, such as one case of the queue). Each feature lists its own (`STAFF_PAGES` in
/// its module here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaffPage {
    pub path: &'static str,
    pub roles: &'static [&'static str],
    pub menu: Option<(&'static str, &'static str)>,
}

impl StaffPage {
    /// The page's name for its link.
    pub fn label(&self, l: crate::i18n::Locale) -> &'static str {
        let (zh, en) = self.menu.unwrap_or(("工作人员页面", "Staff page"));
        l.t(zh, en)
    }
}

/// This feature's staff pages (accounts, kiosks, the audit log).
pub const STAFF_PAGES: &[StaffPage] = &[
    StaffPage {
        path: "/staff/users",
        roles: USER_ADMINS,
        menu: Some(("工作人员账户管理", "Staff accounts")),
    },
    StaffPage {
        path: "/staff/kiosks",
        roles: USER_ADMINS,
        menu: Some(("自助终端管理", "Kiosks")),
    },
    StaffPage {
        path: "/staff/audit",
        roles: AUDIT_READERS,
        menu: Some(("审计日志", "Audit log")),
    },
];

/// Every staff page, in the staff entry's order: each feature's list.
pub fn staff_pages() -> impl Iterator<Item = &'static StaffPage> {
    [
        STAFF_PAGES,
        crate::timebank::STAFF_PAGES,
        crate::charity::STAFF_PAGES,
        crate::cases::STAFF_PAGES,
        crate::parameters::STAFF_PAGES,
        crate::dashboard::STAFF_PAGES,
    ]
    .into_iter()
    .flatten()
}

/// The staff page at `path`, if it is one.
pub fn staff_page(path: &str) -> Option<&'static StaffPage> {
    staff_pages().find(|p| p.path == path)
}
