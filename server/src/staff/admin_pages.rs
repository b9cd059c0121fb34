//! The staff administration pages: each states its roles in `STAFF_PAGES`; the server computes
//! the page's data for the signed-in member of staff (audited by the services), and the forms
//! post here.

use crate::audit;
use crate::audit::browse::{self, Filter};
use crate::clock::now;
use crate::clock::shanghai_time;
use crate::error::ApiError;
use crate::kiosks::service::{self as kiosks, NewKioskForm};
use crate::site::form::{form, show_error, value};
use crate::site::staff_gate::{authorize, member, roles_of};
use crate::staff::StaffUser;
use crate::staff::admin::{self, NewMember, RoleChange};
use crate::state::AppState;
use app::staff_views::{AuditLine, KioskRegistration, PageData, StaffInvite};
use axum::extract::{Request, State};
use axum::http::{StatusCode, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

const AUDIT_PAGE: i64 = 100;

/// What the page at `path` shows this member of staff (reads are audited by the services).
pub(crate) async fn page_data(
    s: &AppState,
    who: &StaffUser,
    path: &str,
    query: Option<&str>,
    origin: &str,
) -> Result<PageData, ApiError> {
    let t = now();
    Ok(match path {
        "/staff/activities" => {
            crate::timebank::pages::coordinator::activities(s, who, None).await?
        }
        "/staff/activity" => {
            crate::timebank::pages::coordinator::desk(s, who, query, origin).await?
        }
        "/staff/charity" => crate::charity::desk_pages::desk(s, who).await?,
        "/staff/cases" | "/staff/case" => {
            crate::cases::pages::staff_page(s, who, path, query).await?
        }
        "/staff/policy" => crate::parameters::pages::desk(s, who).await?,
        "/staff/dashboard" => crate::dashboard::pages::staff_dashboard(s, query, t).await?,
        "/staff/users" => PageData::Users {
            members: admin::list(s, who, t).await?,
            me: who.id.clone(),
            invite: None,
            notice: None,
        },
        "/staff/kiosks" => PageData::Kiosks {
            kiosks: kiosks::list(s, t).await?,
            registered: None,
        },
        _ => {
            let q: Vec<(String, String)> =
                serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
            let actor = value(&q, "actor");
            let action = value(&q, "action");
            let filter = Filter {
                actor: Some(actor.clone()),
                action: Some(action.clone()),
                before: value(&q, "before").parse().ok(),
                limit: AUDIT_PAGE,
            };
            let rows = browse::browse(s, &who.id, &filter).await?;
            let chain = crate::audit::store::verify_since_checkpoint(&s.db).await?;
            let older = (rows.len() as i64 == AUDIT_PAGE)
                .then(|| rows.last().map(|r| r.id))
                .flatten();
            PageData::Audit {
                lines: rows
                    .into_iter()
                    .map(|r| AuditLine {
                        id: r.id,
                        at: shanghai_time(r.at),
                        actor: r.entry.actor,
                        action: r.entry.action,
                        target: r.entry.target,
                        outcome: r.entry.outcome,
                    })
                    .collect(),
                actor,
                action,
                entries: chain.entries,
                first_broken: chain.first_broken,
                older,
            }
        }
    })
}

/// For a staff page: refuses a signed-out visitor (401) or a role the page does not allow
/// (403, audited), else hands the page its data.
pub async fn load(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
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
    let (data, status) = if roles.contains(&who.role.as_str()) {
        let origin = crate::site::public_origin(&s, req.headers());
        match page_data(&s, &who, &path, req.uri().query(), &origin).await {
            Ok(d) => (d, StatusCode::OK),
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
        (PageData::Denied, StatusCode::FORBIDDEN)
    };
    req.extensions_mut().insert(data);
    let mut res = next.run(req).await;
    *res.status_mut() = status;
    res
}

/// Renders the page at `page` again with its fresh data changed by `change`.
async fn show(
    s: &AppState,
    mut parts: Parts,
    who: &StaffUser,
    page: &'static str,
    change: impl FnOnce(&mut PageData),
) -> Response {
    let mut data = match page_data(s, who, page, None, "").await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    change(&mut data);
    parts.uri = page.parse().expect("a static path");
    crate::site::render_with(s, parts, move || provide_context(data.clone())).await
}

async fn fail(
    s: &AppState,
    mut parts: Parts,
    who: &StaffUser,
    page: &'static str,
    e: ApiError,
    field: &str,
) -> Response {
    let data = match page_data(s, who, page, None, "").await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    parts.uri = page.parse().expect("a static path");
    parts.extensions.insert(data);
    show_error(s, parts, &e, field).await
}

pub async fn create_member(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/users").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let new = NewMember {
        username: value(&pairs, "username"),
        display_name: value(&pairs, "display_name"),
        role: value(&pairs, "role"),
        street_code: Some(value(&pairs, "street_code")),
    };
    match admin::create(&s, &who, &new, now()).await {
        Ok(invite) => show(&s, parts, &who, "/staff/users", |d| set_invite(d, invite)).await,
        Err(e) => fail(&s, parts, &who, "/staff/users", e, "username").await,
    }
}

fn set_invite(d: &mut PageData, i: StaffInvite) {
    if let PageData::Users { invite, .. } = d {
        *invite = Some(i);
    }
}

/// Resets a member's password and authenticator; the page shows the new enrolment code.
pub async fn reset_member(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/users").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match admin::reset(&s, &who, &value(&pairs, "id"), now()).await {
        Ok(invite) => show(&s, parts, &who, "/staff/users", |d| set_invite(d, invite)).await,
        Err(e) => fail(&s, parts, &who, "/staff/users", e, "username").await,
    }
}

/// Disables (`disable=1`) or enables again a member's account.
pub async fn set_disabled(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/users").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let disable = value(&pairs, "disable") == "1";
    match admin::set_disabled(&s, &who, &value(&pairs, "id"), disable, now()).await {
        Ok(()) => {
            let (zh, en) = if disable {
                (
                    "账户已停用，其全部登录已结束。",
                    "Account disabled; all its sessions have ended.",
                )
            } else {
                ("账户已恢复使用。", "Account enabled again.")
            };
            show(&s, parts, &who, "/staff/users", |d| set_notice(d, zh, en)).await
        }
        Err(e) => fail(&s, parts, &who, "/staff/users", e, "username").await,
    }
}

fn set_notice(d: &mut PageData, zh: &str, en: &str) {
    if let PageData::Users { notice, .. } = d {
        *notice = Some((zh.into(), en.into()));
    }
}

pub async fn change_role(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/users").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let change = RoleChange {
        role: value(&pairs, "role"),
        street_code: Some(value(&pairs, "street_code")),
    };
    match admin::change_role(&s, &who, &value(&pairs, "id"), &change).await {
        Ok(()) => {
            show(&s, parts, &who, "/staff/users", |d| {
                set_notice(
                    d,
                    "角色已更改，立即生效。",
                    "Role changed; it applies at once.",
                )
            })
            .await
        }
        Err(e) => fail(&s, parts, &who, "/staff/users", e, "role").await,
    }
}

pub async fn end_sessions(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/users").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match admin::end_sessions(&s, &who, &value(&pairs, "id"), now()).await {
        Ok(_) => {
            show(&s, parts, &who, "/staff/users", |d| {
                set_notice(d, "已结束其全部登录。", "All their sessions have ended.")
            })
            .await
        }
        Err(e) => fail(&s, parts, &who, "/staff/users", e, "username").await,
    }
}

/// A system admin records honour hours on a volunteer's service record.
pub async fn record_honour(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/users").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let Some(minutes) = crate::site::minutes_from_hours(&value(&pairs, "hours")) else {
        let e = ApiError::field(
            "minutes",
            "请填写正确的小时数，例如 10",
            "Enter the number of hours, e.g. 10",
        );
        return fail(&s, parts, &who, "/staff/users", e, "honour").await;
    };
    let h = crate::timebank::records::Honour {
        id_number: value(&pairs, "id_number"),
        minutes,
        reason: value(&pairs, "reason"),
    };
    match crate::timebank::records::add_honour(&s, &who, &h, now()).await {
        Ok(()) => {
            show(&s, parts, &who, "/staff/users", |d| {
                set_notice(d, "已记入荣誉时长。", "Honour hours recorded.")
            })
            .await
        }
        Err(e) => fail(&s, parts, &who, "/staff/users", e, "honour").await,
    }
}

/// A system admin releases a volunteer registration made with someone else's ID number.
pub async fn release_volunteer(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/users").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let r = crate::timebank::volunteers::Release {
        id_number: value(&pairs, "id_number"),
        reason: value(&pairs, "reason"),
    };
    match crate::timebank::volunteers::release(&s, &who, &r, now()).await {
        Ok(()) => {
            show(&s, parts, &who, "/staff/users", |d| {
                set_notice(
                    d,
                    "已释放该登记，本人现在可以用自己的身份证号码登记。",
                    "Released: the person can now register with their own ID number.",
                )
            })
            .await
        }
        Err(e) => fail(&s, parts, &who, "/staff/users", e, "release").await,
    }
}

fn set_registered(d: &mut PageData, r: KioskRegistration) {
    if let PageData::Kiosks { registered, .. } = d {
        *registered = Some(r);
    }
}

pub async fn register_kiosk(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/kiosks").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let new = NewKioskForm {
        name: value(&pairs, "name"),
        street_code: value(&pairs, "street_code"),
    };
    match kiosks::register(&s, &who, &new, now()).await {
        Ok(r) => show(&s, parts, &who, "/staff/kiosks", |d| set_registered(d, r)).await,
        Err(e) => fail(&s, parts, &who, "/staff/kiosks", e, "name").await,
    }
}

pub async fn revoke_kiosk(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/kiosks").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match kiosks::revoke(&s, &who, &value(&pairs, "id")).await {
        Ok(()) => Redirect::to("/staff/kiosks").into_response(),
        Err(e) => fail(&s, parts, &who, "/staff/kiosks", e, "name").await,
    }
}
