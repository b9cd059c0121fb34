//! Resident sign-in through the browser: forms posted to the server, session cookies, and the
//! per-request look-up that tells the pages who is signed in.

use crate::account::{self, Tokens};
use crate::auth::cookies;
use crate::auth::tokens::ACCESS_SECONDS;
use crate::auth::tokens::REFRESH_SECONDS;
use crate::clock::now;
use crate::error::ApiError;
use crate::site::form::{form, show_error, value};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use types::account::{SignedIn, SiteFlags};

const SIGNIN_COOKIE: &str = "signin";

fn set_tokens(s: &AppState, res: &mut Response, t: &Tokens) {
    let h = res.headers_mut();
    h.append(
        header::SET_COOKIE,
        cookies::set(s, &cookies::access_name(s), &t.access, ACCESS_SECONDS),
    );
    h.append(
        header::SET_COOKIE,
        cookies::set(s, &cookies::refresh_name(s), &t.refresh, REFRESH_SECONDS),
    );
}

fn clear_tokens(s: &AppState, res: &mut Response) {
    for name in [cookies::access_name(s), cookies::refresh_name(s)] {
        res.headers_mut()
            .append(header::SET_COOKIE, crate::auth::cookies::clear(&s, &name));
    }
}

/// Step 1: the number. The code goes to the number; the number waits, sealed, in a cookie.
pub async fn send_code(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return refused;
    }
    let phone = value(&pairs, "phone");
    let client = crate::http::client::of(&parts);
    match account::request_code(&s, &phone, &client, now()).await {
        Ok(()) => {
            let normalized = account::parse_phone(&phone).unwrap_or_default();
            let mut res = Redirect::to("/signin/code").into_response();
            res.headers_mut().append(
                header::SET_COOKIE,
                cookies::set(&s, SIGNIN_COOKIE, &s.vault.seal(&normalized), 600),
            );
            res
        }
        Err(e) => show_error(&s, parts, &e, "phone").await,
    }
}

/// Step 2: the code. Right: signed in, on to "my account".
pub async fn check_code(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return refused;
    }
    let phone = cookies::get(&parts.headers, SIGNIN_COOKIE).and_then(|c| s.vault.open(&c).ok());
    let Some(phone) = phone else {
        let e = ApiError::field(
            "code",
            "请先填写手机号获取验证码",
            "First enter your number to get a code",
        );
        return show_error(&s, parts, &e, "code").await;
    };
    let consent = value(&pairs, "consent") == "yes";
    match account::verify_code(&s, &phone, &value(&pairs, "code"), consent, now()).await {
        Ok(tokens) => {
            let mut res = Redirect::to("/account").into_response();
            set_tokens(&s, &mut res, &tokens);
            res.headers_mut().append(
                header::SET_COOKIE,
                crate::auth::cookies::clear(&s, SIGNIN_COOKIE),
            );
            res
        }
        Err(e) => show_error(&s, parts, &e, "code").await,
    }
}

/// Ends the sign-in these cookies carry, if any (sign-out and the kiosk wipe).
pub async fn end_sign_in_from(s: &AppState, headers: &HeaderMap) {
    if let Some(refresh) = cookies::get(headers, &cookies::refresh_name(s)) {
        let _ = account::sign_out_by_refresh(s, &refresh, now()).await;
    }
    if let Some(user) = cookies::resident(s, headers).await {
        let _ = account::sign_out(s, &user, now()).await;
    }
}

pub async fn sign_out(State(s): State<AppState>, req: Request) -> Response {
    let (parts, _) = form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return refused;
    }
    end_sign_in_from(&s, &parts.headers).await;
    let mut res = Redirect::to("/").into_response();
    clear_tokens(&s, &mut res);
    res
}

pub async fn sign_out_everywhere(State(s): State<AppState>, req: Request) -> Response {
    let (parts, _) = form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return refused;
    }
    if let Some(user) = cookies::resident(&s, &parts.headers).await {
        let _ = account::sign_out_everywhere(&s, &user, now()).await;
    }
    let mut res = Redirect::to("/").into_response();
    clear_tokens(&s, &mut res);
    res
}

/// True for the requests that need to know who is signed in: pages and the documents they link
/// to (`….pdf`, `….csv`), not the static files (`/pkg/…`, `/sw.js`, `/favicon.ico`) or the API.
fn is_page(path: &str) -> bool {
    if path.starts_with("/pkg/") || path.starts_with("/api/") {
        return false;
    }
    match path
        .rsplit('/')
        .next()
        .and_then(|last| last.rsplit_once('.'))
    {
        None => true,
        Some((_, extension)) => matches!(extension, "pdf" | "csv"),
    }
}

/// Tells the pages who is signed in: the access cookie if valid, else one rotation of the
/// refresh cookie (setting the new pair on the response).
pub async fn resolve_session(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    req.extensions_mut().insert(SiteFlags {
        dev_outbox: s.cfg.sms_sender() == crate::config::SmsSender::Outbox,
    });
    if !is_page(req.uri().path()) {
        return next.run(req).await;
    }
    let t = now();
    let mut user = cookies::resident(&s, req.headers()).await;
    let mut renewed = None;
    if user.is_none() {
        if let Some(refresh) = cookies::get(req.headers(), &cookies::refresh_name(&s)) {
            if let Ok(tokens) = account::refresh(&s, &refresh, t).await {
                user = crate::auth::authenticate(&s, &tokens.access, t).await.ok();
                renewed = Some(tokens);
            }
        }
    }
    if let Some(u) = &user {
        req.extensions_mut().insert(u.clone());
        if let (Ok(phone_masked), Ok(consents)) = (
            account::masked_phone(&s, u).await,
            account::consents(&s, u).await,
        ) {
            let consents = consents
                .into_iter()
                .map(|c| types::account::Consent {
                    purpose: c.purpose,
                    text_version: c.text_version,
                    granted: shanghai_date(c.granted_at),
                    withdrawn: c.withdrawn_at.map(shanghai_date),
                })
                .collect();
            req.extensions_mut().insert(SignedIn {
                phone_masked,
                consents,
            });
        }
    }
    if let Some(token) = cookies::get(req.headers(), crate::staff::pages::cookie_name(&s)) {
        if let Ok(member) = crate::staff::authenticate(&s, &token, t).await {
            req.extensions_mut().insert(types::account::StaffSignedIn {
                display_name: member.display_name,
                role: member.role,
            });
        }
    }
    let device = match cookies::get(req.headers(), cookies::kiosk_device_name(&s)) {
        Some(credential) => crate::kiosks::service::identify(&s, &credential)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    if let Some(k) = &device {
        req.extensions_mut().insert(types::account::KioskDevice {
            name: k.name.clone(),
            street_code: k.street_code.clone(),
        });
    }
    let on_kiosk = device.is_some()
        || cookies::get(req.headers(), app::prefs::cookie::KIOSK).as_deref() == Some("1");
    let held = (
        cookies::get(req.headers(), &cookies::access_name(&s)),
        cookies::get(req.headers(), &cookies::refresh_name(&s)),
    );
    let mut res = next.run(req).await;
    match (renewed, user.is_some() && on_kiosk) {
        // On a kiosk the sign-in cookies last only as long as the idle wipe (the idle time and
        // its countdown), counted from the latest page: even if the wipe never runs, the
        // browser forgets the sign-in by then.
        (renewed, true) => {
            let idle = i64::from(s.cfg.kiosk_idle_seconds) + i64::from(s.cfg.kiosk_warn_seconds);
            let (access, refresh) = match renewed {
                Some(t) => (Some(t.access), Some(t.refresh)),
                None => held,
            };
            let h = res.headers_mut();
            if let Some(a) = access {
                h.append(
                    header::SET_COOKIE,
                    cookies::set(&s, &cookies::access_name(&s), &a, idle),
                );
            }
            if let Some(r) = refresh {
                h.append(
                    header::SET_COOKIE,
                    cookies::set(&s, &cookies::refresh_name(&s), &r, idle),
                );
            }
        }
        (Some(tokens), false) => set_tokens(&s, &mut res, &tokens),
        (None, false) => {}
    }
    res
}

fn shanghai_date(unix_seconds: i64) -> String {
    policy::Date::shanghai_from_unix_millis(unix_seconds * 1000)
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// Withdraws the consent to keep the number: every sign-in ends.
pub async fn withdraw(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return refused;
    }
    if let Some(user) = cookies::resident(&s, &parts.headers).await {
        let _ = account::withdraw(&s, &user, &value(&pairs, "purpose"), now()).await;
    }
    let mut res = Redirect::to("/account").into_response();
    clear_tokens(&s, &mut res);
    res
}

/// Development only: the text messages the built-in sender would have sent.
pub async fn outbox(State(s): State<AppState>) -> Response {
    if s.cfg.sms_sender() != crate::config::SmsSender::Outbox {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let rows = crate::account::store::outbox_recent(&s.db, 20)
        .await
        .unwrap_or_default();
    let items: String = rows
        .iter()
        .map(|(at, to, msg)| {
            format!(
                "<li data-testid=\"outbox-item\"><strong>{to}</strong> ({at}): {}</li>",
                msg.replace('<', "&lt;")
            )
        })
        .collect();
    Html(format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>开发发件箱 Development outbox</title><link rel=\"stylesheet\" href=\"/pkg/dongxihu.css\"></head><body><main id=\"main\">\
         <h1>开发发件箱 <span lang=\"en\">Development outbox</span></h1><p>仅开发环境。<span lang=\"en\">Development only; off in production.</span></p>\
         <ol>{items}</ol><p><a href=\"/signin/code\">返回 <span lang=\"en\">Back</span></a></p></main></body></html>"
    ))
    .into_response()
}

/// This module's form posts, and the development outbox when it is the configured sender.
pub fn routes(cfg: &crate::config::Config) -> axum::Router<AppState> {
    use axum::routing::{get, post};
    let mut dev = axum::Router::new();
    if cfg.sms_sender() == crate::config::SmsSender::Outbox {
        dev = dev.route("/dev/outbox", get(outbox));
    }
    dev.route("/signin", post(send_code))
        .route("/signin/code", post(check_code))
        .route("/signout", post(sign_out))
        .route("/signout-everywhere", post(sign_out_everywhere))
        .route("/account/withdraw", post(withdraw))
}
