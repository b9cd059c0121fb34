//! The loaders of the pages that are not staff pages (those are `staff_gate`'s): each feature
//! declares its own next to its form handlers (its pages module's `pages()`), by path pattern
//! (`/charity/projects/{id}`); one layer runs the loader of the page asked for and hands the page
//! its data. Below the pages: imports none of them.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use types::page_data::PageData;

/// What a page's loader is given: the signed-in resident (if any), the path's parameters, the
/// query and the request's headers.
#[derive(Clone, Debug)]
pub struct PageRequest {
    pub user: Option<AuthUser>,
    params: Vec<(String, String)>,
    pub query: Option<String>,
    pub headers: HeaderMap,
}

impl PageRequest {
    /// A parameter of the path pattern (`id` of `/charity/projects/{id}`).
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// The query's value of `name`, trimmed; empty when absent.
    pub fn query_value(&self, name: &str) -> String {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(self.query.as_deref().unwrap_or_default())
                .unwrap_or_default();
        crate::site::form::value(&pairs, name)
    }
}

/// What a loader found for its page.
pub enum Loaded {
    /// The page's data (of the page's own type).
    Data(PageData),
    /// The page's data, answered with this status (a certificate that does not exist: 404).
    DataWithStatus(PageData, StatusCode),
    /// Nothing to hand over (a signed-out visitor: the page asks them to sign in).
    Nothing,
    /// The page lives elsewhere (a search form's answer at its own address).
    Redirect(String),
}

impl Loaded {
    /// The page's data as the loader found it.
    pub fn data<T: serde::Serialize + Send + Sync + 'static>(value: T) -> Loaded {
        Loaded::Data(PageData::new(value))
    }
}

type LoadFuture = Pin<Box<dyn Future<Output = Result<Loaded, ApiError>> + Send>>;
type Loader = Arc<dyn Fn(AppState, PageRequest) -> LoadFuture + Send + Sync>;

/// The loaders by path pattern.
#[derive(Clone, Default)]
pub struct PageLoaders {
    loaders: Vec<(&'static str, Loader)>,
}

impl PageLoaders {
    pub fn new() -> Self {
        Self::default()
    }

    /// The page at `path` (a pattern) gets what `load` finds. `Err(NotFound)` shows the "not
    /// found" page with its status; any other error answers in the one error shape.
    pub fn page<F, Fut>(mut self, path: &'static str, load: F) -> Self
    where
        F: Fn(AppState, PageRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Loaded, ApiError>> + Send + 'static,
    {
        let loader: Loader = Arc::new(move |s, r| Box::pin(load(s, r)));
        self.loaders.push((path, loader));
        self
    }

    pub fn merge(mut self, other: PageLoaders) -> Self {
        self.loaders.extend(other.loaders);
        self
    }

    /// The patterns with a loader.
    pub fn paths(&self) -> Vec<&'static str> {
        self.loaders.iter().map(|(p, _)| *p).collect()
    }

    /// The router the layer matches with; a pattern declared twice is refused at start-up.
    pub fn into_router(self) -> matchit::Router<Loader> {
        let mut router = matchit::Router::new();
        for (path, loader) in self.loaders {
            if let Err(e) = router.insert(path, loader) {
                panic!("{path} has one loader: {e}");
            }
        }
        router
    }
}

/// For a page (GET) with a loader: runs it and hands the page its data.
pub async fn load(
    State((s, loaders)): State<(AppState, Arc<matchit::Router<Loader>>)>,
    mut req: Request,
    next: Next,
) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let (loader, params) = match loaders.at(req.uri().path()) {
        Ok(m) => (
            m.value.clone(),
            m.params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
        Err(_) => return next.run(req).await,
    };
    let page = PageRequest {
        user: req.extensions().get::<AuthUser>().cloned(),
        params,
        query: req.uri().query().map(str::to_owned),
        headers: req.headers().clone(),
    };
    let (data, status) = match loader(s, page).await {
        Ok(Loaded::Data(d)) => (Some(d), None),
        Ok(Loaded::DataWithStatus(d, status)) => (Some(d), Some(status)),
        Ok(Loaded::Nothing) => (None, None),
        Ok(Loaded::Redirect(to)) => return Redirect::to(&to).into_response(),
        // The page renders the ordinary "not found" page when it has no data.
        Err(ApiError::NotFound) => (None, Some(StatusCode::NOT_FOUND)),
        Err(e) => return e.into_response(),
    };
    if let Some(d) = data {
        req.extensions_mut().insert(d);
    }
    let mut res = next.run(req).await;
    if let Some(status) = status {
        *res.status_mut() = status;
    }
    res
}
