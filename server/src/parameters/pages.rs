//! The parameters on the pages: every page gets the set in force (the check evaluates with it,
//! in the browser too); the public list `/policy/parameters`; and the policy administrators'
//! desk `/staff/policy` with its form, posted without JavaScript.

use crate::clock::now;
use crate::error::ApiError;
use crate::parameters::{self, NewValue, ValueInput};
use crate::site::page_loaders::{Loaded, PageLoaders};
use crate::site::staff_gate::StaffPages;
use crate::site::staff_gate::authorize;
use crate::staff::StaffUser;
use crate::state::AppState;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use leptos::prelude::provide_context;
use types::page_data::PageData;
use types::parameters::{PolicyDesk, PublicParameters, VersionDraft};

pub const PUBLIC_PATH: &str = "/policy/parameters";
const DESK: &str = "/staff/policy";

pub fn routes() -> Router<AppState> {
    Router::new().route("/staff/policy/versions", post(add_version))
}

/// Every page: the parameters in force (checked against the database), for the check and for
/// the shell to hand to the browser. Static files
/// (a dot in the last segment) skip this.
pub async fn load(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let last = path.rsplit('/').next().unwrap_or_default();
    if path.starts_with("/pkg/") || last.contains('.') {
        return next.run(req).await;
    }
    let current = match parameters::current(&s).await {
        Ok(c) => c,
        Err(e) => {
            // The page still renders, with the set this instance last loaded.
            tracing::warn!(error = %e.code(), "parameters not refreshed");
            types::check::CurrentParameters {
                set: s.parameters.cached(),
                added: std::sync::Arc::new(vec![]),
            }
        }
    };
    req.extensions_mut().insert(current);
    next.run(req).await
}

/// `/policy/parameters`: every parameter in force today and what is scheduled.
pub fn pages() -> PageLoaders {
    PageLoaders::new().page(PUBLIC_PATH, |s, _| async move {
        // The parameters layer (outside the loaders) has just refreshed the held set.
        let set = parameters::cached(&s);
        let today = parameters::today(now());
        Ok(Loaded::data(PublicParameters {
            as_of: today.to_string(),
            parameters: parameters::lines(&set, today),
        }))
    })
}

/// The desk's data: the parameters as in force today and the history (parameter values are
/// public figures, not personal records).
pub(crate) async fn desk(
    s: &AppState,
    _who: &StaffUser,
) -> Result<types::parameters::PolicyDesk, ApiError> {
    fresh(s, None, None).await
}

async fn fresh(
    s: &AppState,
    notice: Option<(String, String)>,
    draft: Option<VersionDraft>,
) -> Result<PolicyDesk, ApiError> {
    let current = parameters::current(s).await?;
    let today = parameters::today(now());
    Ok(PolicyDesk {
        as_of: today.to_string(),
        parameters: parameters::lines(&current.set, today),
        history: parameters::history(s, None).await?,
        notice,
        draft,
    })
}

/// `POST /staff/policy/versions`: adds a value; the desk again with what was done, or with the
/// message at the field that was wrong (and the form as typed).
pub async fn add_version(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = crate::site::form::form(req).await;
    let who = match authorize(&s, &parts, DESK).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let value = |name: &str| crate::site::form::value(&pairs, name);
    let draft = VersionDraft {
        parameter: value("parameter"),
        effective: value("effective"),
        value: value("value"),
        source: value("source"),
        note: value("note"),
    };
    let v = NewValue {
        effective: draft.effective.clone(),
        value: ValueInput::Typed(draft.value.clone()),
        source: draft.source.clone(),
        note: Some(draft.note.clone()),
    };
    match parameters::add_version(&s, &who, &draft.parameter, &v, now()).await {
        Ok(line) => {
            let (zh, en) = match (parameters::today(now()).to_string(), &line.effective) {
                (today, from) if *from > today => (
                    format!("已排定：{} 自 {from} 起执行新标准。", line.parameter_id),
                    format!(
                        "Scheduled: {} takes the new value from {from}.",
                        line.parameter_id
                    ),
                ),
                (_, from) => (
                    format!("已添加：{} 自 {from} 起执行新标准。", line.parameter_id),
                    format!(
                        "Added: {} takes the new value from {from}.",
                        line.parameter_id
                    ),
                ),
            };
            render(&s, parts, Some((zh, en)), None, None).await
        }
        Err(e) => render(&s, parts, None, Some(draft), Some(e)).await,
    }
}

async fn render(
    s: &AppState,
    mut parts: Parts,
    notice: Option<(String, String)>,
    draft: Option<VersionDraft>,
    error: Option<ApiError>,
) -> Response {
    let desk = match fresh(s, notice, draft).await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    // The set may have changed since the request came in: the page carries the new one.
    if let Ok(current) = parameters::current(s).await {
        parts.extensions.insert(current);
    }
    parts.uri = DESK.parse().expect("a static path");
    let data = PageData::new(desk);
    let posted = error.map(|e| crate::site::form::posted(&e, "parameter", "pv-"));
    let status = posted.as_ref().map(|(_, status)| *status);
    let posted = posted.map(|(p, _)| p);
    let mut res = crate::site::render::render_with(s, parts, move || {
        provide_context(data.clone());
        if let Some(p) = &posted {
            provide_context(p.clone());
        }
    })
    .await;
    if let Some(status) = status {
        *res.status_mut() = status;
    }
    res
}

/// The policy administrators' desk.
pub fn staff_pages() -> StaffPages {
    StaffPages::new().page(DESK, |s, who, _| async move { desk(&s, &who).await })
}
