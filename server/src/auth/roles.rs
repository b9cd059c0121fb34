//! Roles and who may call what: the staff roles, the role groups each route or page allows,
//! and the extractors that check them. Each API route states its audience where it is declared
//! (the feature's `api::routes()`); the route walk test calls every route as every kind of
//! caller.

use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;

pub use types::account::{Role, STAFF_ROLES};

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Anyone,
    /// A signed-in resident (Bearer token or resident cookie).
    Resident,
    /// Signed-in staff with one of these roles.
    Staff(&'static [Role]),
}

pub use types::account::{
    AUDIT_READERS, CASEWORKERS, CHARITY_STAFF, COORDINATORS, DASHBOARD_READERS, POLICY_ADMINS,
    REGISTRARS, USER_ADMINS, staff_page, staff_pages,
};

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
        allowed: &[Role],
        action: &str,
    ) -> Result<StaffUser, ApiError> {
        if allowed.contains(&self.0.role) {
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
    const ROLES: &'static [Role];
}

/// Names a role set as a type: `role_set!(Caseworkers = CASEWORKERS, "street caseworkers")`.
macro_rules! role_set {
    ($($name:ident = $roles:ident, $doc:literal;)*) => {$(
        #[doc = $doc]
        pub struct $name;
        impl Roles for $name {
            const ROLES: &'static [Role] = $roles;
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
