//! The staff pages' gate: who may open a staff page or post its form (same-site, a signed-in
//! member of staff, a role the page allows: each feature's `types::<feature>::STAFF_PAGES`),
//! and the loaders each feature declares for its staff pages (`StaffPages`). Below the pages:
//! imports none of them.

use crate::audit;
use crate::auth::cookies;
use crate::auth::roles::{Role, staff_page};
use crate::clock::now;
use crate::error::ApiError;
use crate::staff::{self, StaffUser};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{StatusCode, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use types::page_data::PageData;

pub(crate) async fn member(s: &AppState, headers: &axum::http::HeaderMap) -> Option<StaffUser> {
    let token = cookies::get(headers, cookies::staff_name(s))?;
    staff::authenticate(s, &token, now()).await.ok()
}

/// The roles of a staff page, if this path is one.
pub(crate) fn roles_of(path: &str) -> Option<&'static [Role]> {
    staff_page(path).map(|p| p.roles)
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
        Some(who) if roles.contains(&who.role) => Ok(who),
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

/// What a staff page's loader is given besides the member: the query and the site's public
/// address (for links and QR codes the page shows).
#[derive(Clone, Debug)]
pub struct PageQuery {
    pub query: Option<String>,
    pub origin: String,
}

type LoadFuture = Pin<Box<dyn Future<Output = Result<PageData, ApiError>> + Send>>;
type Loader = Arc<dyn Fn(AppState, StaffUser, PageQuery) -> LoadFuture + Send + Sync>;

/// The staff pages' loaders by path. Each feature declares its own next to them (its pages
/// module's `staff_pages()`); the roles of each page are in its feature's `STAFF_PAGES`.
#[derive(Clone, Default)]
pub struct StaffPages(HashMap<&'static str, Loader>);

impl StaffPages {
    pub fn new() -> Self {
        Self::default()
    }

    /// The page at `path` shows what `load` computes for the signed-in member of staff (the
    /// services audit their reads): the page's own data type `T`.
    pub fn page<F, Fut, T>(mut self, path: &'static str, load: F) -> Self
    where
        F: Fn(AppState, StaffUser, PageQuery) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<T, ApiError>> + Send + 'static,
        T: serde::Serialize + Send + Sync + 'static,
    {
        let loader: Loader = Arc::new(move |s, who, q| {
            let data = load(s, who, q);
            Box::pin(async move { data.await.map(PageData::new) })
        });
        assert!(
            self.0.insert(path, loader).is_none(),
            "{path} has one loader"
        );
        self
    }

    pub fn merge(mut self, other: StaffPages) -> Self {
        for (path, loader) in other.0 {
            assert!(
                self.0.insert(path, loader).is_none(),
                "{path} has one loader"
            );
        }
        self
    }

    /// The paths with a loader.
    pub fn paths(&self) -> Vec<&'static str> {
        self.0.keys().copied().collect()
    }
}

/// For a staff page: refuses a signed-out visitor (401) or a role the page does not allow
/// (403, audited), else hands the page its data from its loader.
pub async fn load(
    State((s, pages)): State<(AppState, Arc<StaffPages>)>,
    mut req: Request,
    next: Next,
) -> Response {
    let Some(roles) = roles_of(req.uri().path()) else {
        return next.run(req).await;
    };
    if req.method() != axum::http::Method::GET {
        return next.run(req).await;
    }
    let path = req.uri().path().to_string();
    let Some(who) = member(&s, req.headers()).await else {
        let mut res = next.run(req).await;
        *res.status_mut() = StatusCode::UNAUTHORIZED;
        return res;
    };
    let (data, status) = if roles.contains(&who.role) {
        let Some(loader) = pages.0.get(path.as_str()) else {
            return ApiError::NotFound.into_response();
        };
        let q = PageQuery {
            origin: super::public_origin(&s, req.headers()),
            query: req.uri().query().map(str::to_owned),
        };
        match loader(s.clone(), who, q).await {
            Ok(d) => (Some(d), StatusCode::OK),
            Err(e) => return e.into_response(),
        }
    } else {
        let outcome = format!("denied: role {}", who.role);
        let _ = audit::record(
            &s,
            &format!("staff:{}", who.id),
            "page.open",
            &path,
            &outcome,
        )
        .await;
        (None, StatusCode::FORBIDDEN)
    };
    if let Some(data) = data {
        req.extensions_mut().insert(data);
    }
    let mut res = next.run(req).await;
    *res.status_mut() = status;
    res
}
