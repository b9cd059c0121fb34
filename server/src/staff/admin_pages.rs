//! The staff administration pages (accounts, kiosks, the audit log): their loaders
//! (`staff_pages`) and their forms. Each page states its roles in `types::account::STAFF_PAGES`.

use crate::audit::browse::{self, Filter};
use crate::clock::now;
use crate::clock::shanghai_time;
use crate::error::ApiError;
use crate::kiosks::service::{self as kiosks, NewKioskForm};
use crate::site::form::{form, show_error, value};
use crate::site::staff_gate::{StaffPages, authorize};
use crate::staff::StaffUser;
use crate::staff::admin::{self, NewMember, RoleChange};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;
use types::page_data::PageData;
use types::staff::{AuditLine, AuditPage, KioskRegistration, KiosksPage, StaffInvite, UsersPage};

const AUDIT_PAGE: i64 = 100;

/// The administration pages: staff accounts, kiosks and the audit log.
pub fn staff_pages() -> StaffPages {
    StaffPages::new()
        .page("/staff/users", |s, who, _| async move {
            users_page(&s, &who).await
        })
        .page(
            "/staff/kiosks",
            |s, _, _| async move { kiosks_page(&s).await },
        )
        .page("/staff/audit", |s, who, q| async move {
            audit_page(&s, &who, q.query.as_deref()).await
        })
}

async fn users_page(s: &AppState, who: &StaffUser) -> Result<UsersPage, ApiError> {
    Ok(UsersPage {
        members: admin::list(s, who, now()).await?,
        me: who.id.clone(),
        invite: None,
        notice: None,
    })
}

async fn kiosks_page(s: &AppState) -> Result<KiosksPage, ApiError> {
    Ok(KiosksPage {
        kiosks: kiosks::list(s, now()).await?,
        registered: None,
    })
}

/// The data of the accounts page or the kiosks page, to show again after a form.
enum Admin {
    Users(UsersPage),
    Kiosks(KiosksPage),
}

impl Admin {
    fn into_page_data(self) -> PageData {
        match self {
            Admin::Users(d) => PageData::new(d),
            Admin::Kiosks(d) => PageData::new(d),
        }
    }
}

/// The accounts page or the kiosks page, fresh.
async fn admin_page(s: &AppState, who: &StaffUser, page: &str) -> Result<Admin, ApiError> {
    Ok(match page {
        "/staff/kiosks" => Admin::Kiosks(kiosks_page(s).await?),
        _ => Admin::Users(users_page(s, who).await?),
    })
}

/// A page of the audit log, newest first (filtered by actor and action; older pages by
/// `before`), and whether its chain holds.
async fn audit_page(
    s: &AppState,
    who: &StaffUser,
    query: Option<&str>,
) -> Result<AuditPage, ApiError> {
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
    Ok(AuditPage {
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
    })
}

/// Renders the page at `page` again with its fresh data changed by `change`.
async fn show(
    s: &AppState,
    mut parts: Parts,
    who: &StaffUser,
    page: &'static str,
    change: impl FnOnce(&mut Admin),
) -> Response {
    let mut data = match admin_page(s, who, page).await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    change(&mut data);
    let data = data.into_page_data();
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
    let data = match admin_page(s, who, page).await {
        Ok(d) => d.into_page_data(),
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

fn set_invite(d: &mut Admin, i: StaffInvite) {
    if let Admin::Users(UsersPage { invite, .. }) = d {
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

fn set_notice(d: &mut Admin, zh: &str, en: &str) {
    if let Admin::Users(UsersPage { notice, .. }) = d {
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

fn set_registered(d: &mut Admin, r: KioskRegistration) {
    if let Admin::Kiosks(KiosksPage { registered, .. }) = d {
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

/// This module's form posts.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::post;
    axum::Router::new()
        .route("/staff/users", post(create_member))
        .route("/staff/users/role", post(change_role))
        .route("/staff/users/end-sessions", post(end_sessions))
        .route("/staff/users/reset", post(reset_member))
        .route("/staff/users/disabled", post(set_disabled))
        .route("/staff/kiosks", post(register_kiosk))
        .route("/staff/kiosks/revoke", post(revoke_kiosk))
        .route("/staff/honour", post(record_honour))
        .route("/staff/volunteers/release", post(release_volunteer))
}
