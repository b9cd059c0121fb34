//! Who may post a staff page's form: same-site, a signed-in member of staff, a role the page
//! allows (`STAFF_PAGES`). Below the pages: imports none of them.

use crate::audit;
use crate::auth::cookies;
use crate::auth::roles::STAFF_PAGES;
use crate::clock::now;
use crate::staff::{self, StaffUser};
use crate::state::AppState;
use axum::http::{StatusCode, request::Parts};
use axum::response::{IntoResponse, Redirect, Response};

pub(crate) async fn member(s: &AppState, headers: &axum::http::HeaderMap) -> Option<StaffUser> {
    let token = cookies::get(headers, cookies::staff_name(s))?;
    staff::authenticate(s, &token, now()).await.ok()
}

/// The roles of a staff page, if this path is one.
pub(crate) fn roles_of(path: &str) -> Option<&'static [&'static str]> {
    STAFF_PAGES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, roles)| *roles)
}

/// A form post on a staff page: same-site, signed in, a role the page allows.
pub(crate) async fn authorize(
    s: &AppState,
    parts: &Parts,
    page: &str,
) -> Result<StaffUser, Response> {
    if let Some(refused) = super::origin::refuse_cross_site(parts) {
        return Err(refused);
    }
    let roles = roles_of(page).unwrap_or_default();
    match member(s, &parts.headers).await {
        Some(who) if roles.contains(&who.role.as_str()) => Ok(who),
        Some(who) => {
            let _ =
                audit::record(s, &format!("staff:{}", who.id), "page.post", page, "denied").await;
            Err((
                StatusCode::FORBIDDEN,
                "您的角色无权进行此操作 / Your role may not do this",
            )
                .into_response())
        }
        None => Err(Redirect::to("/staff/signin").into_response()),
    }
}
