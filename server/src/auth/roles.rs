//! Roles and who may call what. Every API route states its audience here; the route walk test
//! calls every route as every kind of caller.

use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;

pub const STAFF_ROLES: &[&str] = app::account::STAFF_ROLES;

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Anyone,
    /// A signed-in resident (Bearer token or resident cookie).
    Resident,
    /// Signed-in staff with one of these roles.
    Staff(&'static [&'static str]),
}

/// Every API route: method, path, audience.
pub const API_ROUTES: &[(&str, &str, Audience)] = &[
    ("GET", "/healthz", Audience::Anyone),
    ("GET", "/readyz", Audience::Anyone),
    ("GET", "/api/v1/openapi.json", Audience::Anyone),
    ("GET", "/api/v1/street-offices", Audience::Anyone),
    ("POST", "/api/v1/eligibility/check", Audience::Anyone),
    ("GET", "/api/v1/policy/programs", Audience::Anyone),
    ("GET", "/api/v1/policy/parameters", Audience::Anyone),
    (
        "GET",
        "/api/v1/policy/parameters/{id}/history",
        Audience::Anyone,
    ),
    (
        "POST",
        "/api/v1/policy/parameters/{id}/versions",
        Audience::Staff(POLICY_ADMINS),
    ),
    ("POST", "/api/v1/auth/code", Audience::Anyone),
    ("POST", "/api/v1/auth/verify", Audience::Anyone),
    ("POST", "/api/v1/auth/refresh", Audience::Anyone),
    ("POST", "/api/v1/auth/sign-out", Audience::Resident),
    (
        "POST",
        "/api/v1/auth/sign-out-everywhere",
        Audience::Resident,
    ),
    ("GET", "/api/v1/me", Audience::Resident),
    ("GET", "/api/v1/me/consents", Audience::Resident),
    (
        "POST",
        "/api/v1/me/consents/{purpose}/withdraw",
        Audience::Resident,
    ),
    ("GET", "/api/v1/staff/users", Audience::Staff(USER_ADMINS)),
    ("POST", "/api/v1/staff/users", Audience::Staff(USER_ADMINS)),
    (
        "POST",
        "/api/v1/staff/users/{id}/role",
        Audience::Staff(USER_ADMINS),
    ),
    (
        "POST",
        "/api/v1/staff/users/{id}/end-sessions",
        Audience::Staff(USER_ADMINS),
    ),
    (
        "POST",
        "/api/v1/staff/users/{id}/reset",
        Audience::Staff(USER_ADMINS),
    ),
    (
        "POST",
        "/api/v1/staff/users/{id}/disable",
        Audience::Staff(USER_ADMINS),
    ),
    (
        "POST",
        "/api/v1/staff/users/{id}/enable",
        Audience::Staff(USER_ADMINS),
    ),
    ("GET", "/api/v1/kiosks", Audience::Staff(USER_ADMINS)),
    ("POST", "/api/v1/kiosks", Audience::Staff(USER_ADMINS)),
    ("POST", "/api/v1/kiosks/enrol", Audience::Anyone),
    (
        "POST",
        "/api/v1/kiosks/{id}/revoke",
        Audience::Staff(USER_ADMINS),
    ),
    ("POST", "/api/v1/timebank/volunteers", Audience::Resident),
    (
        "POST",
        "/api/v1/timebank/volunteers/assisted",
        Audience::Staff(REGISTRARS),
    ),
    ("GET", "/api/v1/timebank/me", Audience::Resident),
    ("POST", "/api/v1/timebank/me/family", Audience::Resident),
    ("GET", "/api/v1/timebank/me/family", Audience::Resident),
    (
        "POST",
        "/api/v1/timebank/me/family/{id}/answer",
        Audience::Resident,
    ),
    ("GET", "/api/v1/timebank/me/credits", Audience::Resident),
    ("POST", "/api/v1/timebank/me/gifts", Audience::Resident),
    (
        "POST",
        "/api/v1/timebank/organizations",
        Audience::Staff(USER_ADMINS),
    ),
    ("GET", "/api/v1/timebank/activities", Audience::Anyone),
    (
        "POST",
        "/api/v1/timebank/activities",
        Audience::Staff(COORDINATORS),
    ),
    (
        "POST",
        "/api/v1/timebank/activities/{id}/signup",
        Audience::Resident,
    ),
    (
        "POST",
        "/api/v1/timebank/activities/{id}/cancel-signup",
        Audience::Resident,
    ),
    (
        "GET",
        "/api/v1/timebank/activities/{id}/qr",
        Audience::Staff(COORDINATORS),
    ),
    (
        "POST",
        "/api/v1/timebank/activities/{id}/group-attendance",
        Audience::Staff(COORDINATORS),
    ),
    (
        "GET",
        "/api/v1/timebank/activities/{id}/attendance",
        Audience::Staff(COORDINATORS),
    ),
    (
        "POST",
        "/api/v1/timebank/activities/{id}/confirm",
        Audience::Staff(COORDINATORS),
    ),
    ("POST", "/api/v1/timebank/scan", Audience::Resident),
    ("GET", "/api/v1/timebank/me/corrections", Audience::Resident),
    (
        "POST",
        "/api/v1/timebank/me/corrections",
        Audience::Resident,
    ),
    (
        "GET",
        "/api/v1/timebank/corrections",
        Audience::Staff(COORDINATORS),
    ),
    (
        "POST",
        "/api/v1/timebank/corrections/{id}/decision",
        Audience::Staff(COORDINATORS),
    ),
    (
        "POST",
        "/api/v1/timebank/honour",
        Audience::Staff(USER_ADMINS),
    ),
    (
        "POST",
        "/api/v1/timebank/volunteers/release",
        Audience::Staff(USER_ADMINS),
    ),
    (
        "POST",
        "/api/v1/timebank/staff-volunteers",
        Audience::Staff(USER_ADMINS),
    ),
    (
        "GET",
        "/api/v1/timebank/me/certificates",
        Audience::Resident,
    ),
    (
        "POST",
        "/api/v1/timebank/me/certificates",
        Audience::Resident,
    ),
    (
        "GET",
        "/api/v1/timebank/me/certificates/{number}/pdf",
        Audience::Resident,
    ),
    ("GET", "/api/v1/certificates/{number}", Audience::Anyone),
    ("GET", "/api/v1/timebank/care-services", Audience::Anyone),
    (
        "POST",
        "/api/v1/timebank/me/redemptions",
        Audience::Resident,
    ),
    ("GET", "/api/v1/timebank/totals", Audience::Anyone),
    (
        "GET",
        "/api/v1/timebank/organizations/{id}/records.csv",
        Audience::Staff(COORDINATORS),
    ),
    (
        "GET",
        "/api/v1/dashboard",
        Audience::Staff(DASHBOARD_READERS),
    ),
    (
        "GET",
        "/api/v1/dashboard.csv",
        Audience::Staff(DASHBOARD_READERS),
    ),
    ("GET", "/api/v1/open-data", Audience::Anyone),
    ("GET", "/api/v1/open-data.csv", Audience::Anyone),
    ("GET", "/api/v1/audit", Audience::Staff(AUDIT_READERS)),
    (
        "GET",
        "/api/v1/audit/verify",
        Audience::Staff(AUDIT_READERS),
    ),
    ("GET", "/api/v1/charity", Audience::Anyone),
    (
        "POST",
        "/api/v1/charity/projects",
        Audience::Staff(CHARITY_STAFF),
    ),
    ("GET", "/api/v1/charity/projects/{id}", Audience::Anyone),
    (
        "POST",
        "/api/v1/charity/projects/{id}/status",
        Audience::Staff(CHARITY_STAFF),
    ),
    (
        "POST",
        "/api/v1/charity/projects/{id}/updates",
        Audience::Staff(CHARITY_STAFF),
    ),
    (
        "POST",
        "/api/v1/charity/projects/{id}/disbursements",
        Audience::Staff(CHARITY_STAFF),
    ),
    (
        "POST",
        "/api/v1/charity/donations/{seq}/refund",
        Audience::Staff(CHARITY_STAFF),
    ),
    ("GET", "/api/v1/charity/transparency", Audience::Anyone),
    ("GET", "/api/v1/charity/ledger.csv", Audience::Anyone),
    ("GET", "/api/v1/charity/reconciliation", Audience::Anyone),
    (
        "GET",
        "/api/v1/charity/disclosure",
        Audience::Staff(CHARITY_STAFF),
    ),
    ("POST", "/api/v1/charity/orders", Audience::Anyone),
    ("GET", "/api/v1/charity/orders/{order_no}", Audience::Anyone),
    ("POST", "/api/v1/charity/goods/pledges", Audience::Anyone),
    (
        "POST",
        "/api/v1/charity/goods/pledges/{id}/receive",
        Audience::Staff(CHARITY_STAFF),
    ),
    (
        "POST",
        "/api/v1/charity/goods/lots/{id}/hand-out",
        Audience::Staff(CHARITY_STAFF),
    ),
    (
        "GET",
        "/api/v1/charity/evidence/{id}",
        Audience::Staff(CHARITY_STAFF),
    ),
    (
        "GET",
        "/api/v1/charity/receipts/{number}/check",
        Audience::Anyone,
    ),
    ("GET", "/api/v1/charity/me/receipts", Audience::Resident),
    (
        "GET",
        "/api/v1/charity/me/receipts/{number}/pdf",
        Audience::Resident,
    ),
    (
        "GET",
        "/api/v1/charity/me/statements/{year}/pdf",
        Audience::Resident,
    ),
    (
        "POST",
        "/api/v1/payments/sandbox/{order_no}/pay",
        Audience::Anyone,
    ),
    ("POST", "/api/v1/payments/notify", Audience::Anyone),
    ("POST", "/api/v1/funeral/claims", Audience::Resident),
    ("POST", "/api/v1/preapplications", Audience::Resident),
    ("GET", "/api/v1/me/cases", Audience::Resident),
    ("GET", "/api/v1/me/cases/{reference}", Audience::Resident),
    (
        "POST",
        "/api/v1/me/cases/{reference}/documents",
        Audience::Resident,
    ),
    (
        "GET",
        "/api/v1/me/cases/{reference}/documents/{id}",
        Audience::Resident,
    ),
    (
        "GET",
        "/api/v1/me/cases/{reference}/slip.pdf",
        Audience::Resident,
    ),
    ("GET", "/api/v1/cases", Audience::Staff(CASEWORKERS)),
    (
        "GET",
        "/api/v1/cases/{reference}",
        Audience::Staff(CASEWORKERS),
    ),
    (
        "POST",
        "/api/v1/cases/{reference}/actions",
        Audience::Staff(CASEWORKERS),
    ),
    (
        "GET",
        "/api/v1/cases/{reference}/phone",
        Audience::Staff(CASEWORKERS),
    ),
    (
        "GET",
        "/api/v1/cases/{reference}/documents/{id}",
        Audience::Staff(CASEWORKERS),
    ),
];

pub use app::account::{
    AUDIT_READERS, CASEWORKERS, CHARITY_STAFF, COORDINATORS, DASHBOARD_READERS, POLICY_ADMINS,
    STAFF_PAGES, USER_ADMINS,
};
/// Who may register a volunteer on someone's behalf (assisted registration).
pub const REGISTRARS: &[&str] = &["coordinator", "caseworker"];

/// A signed-in member of staff (staff session cookie).
pub struct StaffAuth(pub StaffUser);

impl FromRequestParts<AppState> for StaffAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<StaffAuth, ApiError> {
        let name = crate::auth::cookies::staff_name(s);
        let Some(token) = crate::auth::cookies::get(&parts.headers, name) else {
            return Err(ApiError::unauthorized(
                "unauthenticated",
                "请先以工作人员身份登录",
                "Please sign in as staff first",
            ));
        };
        crate::auth::same_origin_for_cookies(parts)?;
        Ok(StaffAuth(
            crate::staff::authenticate(s, &token, crate::clock::now()).await?,
        ))
    }
}

impl StaffAuth {
    /// Refuses (403) unless the role is one of `allowed`; refusals are audited.
    pub async fn require(
        self,
        s: &AppState,
        allowed: &[&str],
        action: &str,
    ) -> Result<StaffUser, ApiError> {
        if allowed.contains(&self.0.role.as_str()) {
            return Ok(self.0);
        }
        let entry = crate::audit::store::AuditEntry {
            actor: format!("staff:{}", self.0.id),
            action: action.into(),
            target: "-".into(),
            outcome: format!("denied: role {}", self.0.role),
        };
        crate::audit::store::append(&s.db, &entry, crate::clock::now()).await?;
        Err(ApiError::rejected(
            StatusCode::FORBIDDEN,
            "forbidden",
            "您的角色无权进行此操作",
            "Your role may not do this",
        ))
    }
}

/// A set of roles, named as a type so an extractor can carry it.
pub trait Roles {
    const ROLES: &'static [&'static str];
}

/// Names a role set as a type: `role_set!(Caseworkers = CASEWORKERS, "street caseworkers")`.
macro_rules! role_set {
    ($($name:ident = $roles:ident, $doc:literal;)*) => {$(
        #[doc = $doc]
        pub struct $name;
        impl Roles for $name {
            const ROLES: &'static [&'static str] = $roles;
        }
    )*};
}

role_set! {
    Caseworkers = CASEWORKERS, "Street caseworkers.";
    UserAdmins = USER_ADMINS, "Who administers staff accounts and kiosks.";
    Coordinators = COORDINATORS, "Volunteer coordinators (and who acts as one).";
    Registrars = REGISTRARS, "Who may register a volunteer on someone's behalf.";
    CharityDesk = CHARITY_STAFF, "The charity's staff.";
    PolicyAdmins = POLICY_ADMINS, "Who adds dated policy values.";
}

/// A member of staff with one of `R`'s roles, checked before the request body is read (a wrong
/// role is refused as such, whatever it sent); refusals are audited with the route.
pub struct StaffOf<R: Roles>(pub StaffUser, pub std::marker::PhantomData<R>);

impl<R: Roles + Send + Sync> FromRequestParts<AppState> for StaffOf<R> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<StaffOf<R>, ApiError> {
        let who = StaffAuth::from_request_parts(parts, s).await?;
        // The whole path as the client sent it (inside a nested router `uri` lacks its prefix).
        let path = parts
            .extensions
            .get::<axum::extract::OriginalUri>()
            .map_or_else(|| parts.uri.path().to_string(), |u| u.path().to_string());
        let action = format!("{} {path}", parts.method);
        Ok(StaffOf(
            who.require(s, R::ROLES, &action).await?,
            std::marker::PhantomData,
        ))
    }
}
