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
    pub role: Role,
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

crate::coded_enum! {
    /// A staff role, stored and sent as its code.
    pub enum Role {
        SystemAdmin = "system_admin",
        PolicyAdmin = "policy_admin",
        Caseworker = "caseworker",
        Coordinator = "coordinator",
        CharityStaff = "charity_staff",
        Auditor = "auditor",
    }
}

impl Role {
    /// The role's name for people.
    pub fn label(self, l: crate::i18n::Locale) -> &'static str {
        match self {
            Role::SystemAdmin => l.t("系统管理员", "System administrator"),
            Role::PolicyAdmin => l.t("政策管理员", "Policy administrator"),
            Role::Caseworker => l.t("街道经办人", "Caseworker"),
            Role::Coordinator => l.t("志愿服务协调员", "Volunteer coordinator"),
            Role::CharityStaff => l.t("慈善会工作人员", "Charity staff"),
            Role::Auditor => l.t("审计员", "Auditor"),
        }
    }
}

/// Every staff role, in the order administrators choose from.
pub const STAFF_ROLES: &[Role] = Role::ALL;

/// Who may read the audit log.
pub const AUDIT_READERS: &[Role] = &[Role::Auditor, Role::SystemAdmin];
/// Who administers staff accounts and kiosk devices.
pub const USER_ADMINS: &[Role] = &[Role::SystemAdmin];
/// Volunteer coordinators (acting for their own organizations only).
pub const COORDINATORS: &[Role] = &[Role::Coordinator];
/// Staff of the charity (projects, disbursements, goods, receipts).
pub const CHARITY_STAFF: &[Role] = &[Role::CharityStaff];
/// Street caseworkers (their own street's cases only).
pub const CASEWORKERS: &[Role] = &[Role::Caseworker];
/// Policy administrators (dated parameter values).
pub const POLICY_ADMINS: &[Role] = &[Role::PolicyAdmin];
/// Who reads the plan dashboard (the indicators with exact counts, and its CSV).
pub const DASHBOARD_READERS: &[Role] = &[
    Role::SystemAdmin,
    Role::PolicyAdmin,
    Role::Caseworker,
    Role::Auditor,
];
/// Who may register a volunteer on someone's behalf (assisted registration).
pub const REGISTRARS: &[Role] = &[Role::Coordinator, Role::Caseworker];

/// A staff page: its path, the roles it allows (signed-out visitors are asked to sign in;
/// other roles are refused), and its name on the staff entry's menu (none for a page reached
/// from another, such as one case of the queue). Each feature lists its own (`STAFF_PAGES` in
/// its module here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaffPage {
    pub path: &'static str,
    pub roles: &'static [Role],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn every_role_has_a_name_and_its_code_round_trips() {
        for r in STAFF_ROLES {
            assert_eq!(Role::from_code(r.as_str()), Some(*r));
            assert_ne!(r.label(Locale::Zh), r.label(Locale::En), "{r}");
            assert_eq!(serde_json::to_string(r).unwrap(), format!("\"{r}\""));
        }
        assert_eq!(Role::from_code("admin"), None);
    }

    #[test]
    fn every_staff_page_is_listed_once_and_allows_some_role() {
        let mut paths: Vec<&str> = staff_pages().map(|p| p.path).collect();
        assert!(paths.iter().all(|p| p.starts_with("/staff/")));
        assert!(staff_pages().all(|p| !p.roles.is_empty()));
        let n = paths.len();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), n, "a path is listed twice");
        assert_eq!(
            staff_page("/staff/cases").map(|p| p.roles),
            Some(CASEWORKERS)
        );
    }
}
