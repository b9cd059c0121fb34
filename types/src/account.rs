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

/// Every staff page: path and the roles it allows (signed-out visitors are asked
/// to sign in; other roles are refused).
pub const STAFF_PAGES: &[(&str, &[&str])] = &[
    ("/staff/users", USER_ADMINS),
    ("/staff/kiosks", USER_ADMINS),
    ("/staff/audit", AUDIT_READERS),
    ("/staff/activities", COORDINATORS),
    ("/staff/activity", COORDINATORS),
    ("/staff/charity", CHARITY_STAFF),
    ("/staff/cases", CASEWORKERS),
    ("/staff/case", CASEWORKERS),
    ("/staff/policy", POLICY_ADMINS),
    ("/staff/dashboard", DASHBOARD_READERS),
];

/// The name of a staff page for its link.
pub fn staff_page_label(l: crate::i18n::Locale, path: &str) -> &'static str {
    match path {
        "/staff/users" => l.t("工作人员账户管理", "Staff accounts"),
        "/staff/kiosks" => l.t("自助终端管理", "Kiosks"),
        "/staff/audit" => l.t("审计日志", "Audit log"),
        "/staff/activities" => l.t("志愿服务活动", "Volunteer activities"),
        "/staff/charity" => l.t("慈善项目与款物", "Charity projects and goods"),
        "/staff/cases" => l.t("本街道案件", "My street's cases"),
        "/staff/policy" => l.t("政策参数管理", "Policy parameters"),
        "/staff/dashboard" => l.t("规划指标看板", "Plan indicators dashboard"),
        _ => l.t("工作人员页面", "Staff page"),
    }
}
