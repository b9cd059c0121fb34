//! The public charity pages (慈善捐赠): the middleware that gives each page its data, and the
//! forms posted without JavaScript — donate, pledge goods, confirm at the sandbox gateway — plus
//! the receipt and statement downloads.
//!
//! The browser remembers the orders it placed in the `donations` cookie (order numbers only,
//! never personal data); that is what lets it download the receipt of an order without an
//! account.

use crate::site::form::{form, show_error, value};

use crate::auth::AuthUser;
use crate::auth::cookies;
use crate::charity::{desk, donations, gateway, goods, projects, receipts};
use crate::clock::now;
use crate::error::ApiError;
use crate::site::page_loaders::{Loaded, PageLoaders, PageRequest};
use crate::state::AppState;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use types::page_data::PageData;

/// The cookie holding this browser's recent order numbers.
const ORDERS_COOKIE: &str = "donations";
/// How many order numbers the cookie keeps.
const ORDERS_KEPT: usize = 5;

pub fn routes(cfg: &crate::config::Config) -> Router<AppState> {
    let mut sandbox = Router::new();
    if cfg.payment_gateway() == crate::config::PaymentGateway::Sandbox {
        sandbox = sandbox.route("/pay/sandbox/{order}/confirm", post(confirm_payment));
    }
    Router::new()
        .merge(sandbox)
        .route("/charity/donate", post(donate))
        .route("/charity/pledge", post(pledge))
        // The page's own forms post to the page's address, so the re-rendered page hydrates
        // under the same route it was rendered for.
        .route("/charity/projects/{id}", post(project_form))
        .route("/charity/orders/{order}/receipt.pdf", get(order_receipt))
        .route("/charity/mine/receipts/{file}", get(my_receipt))
        .route("/charity/mine/statements/{file}", get(my_statement))
}

/// True when the request comes from a street-centre kiosk (its device setting cookie).
fn at_kiosk(headers: &HeaderMap) -> bool {
    cookies::get(headers, app::prefs::cookie::KIOSK).as_deref() == Some("1")
}

/// How long this browser may fetch an order's receipt without signing in (F16): on a kiosk, the
/// idle window (the next resident must not), elsewhere an hour.
fn receipt_window(s: &AppState, headers: &HeaderMap) -> i64 {
    if at_kiosk(headers) {
        i64::from(s.cfg.kiosk_idle_seconds + s.cfg.kiosk_warn_seconds)
    } else {
        3600
    }
}

/// The seal of one cookie entry: a keyed hash of the order number and its expiry, so that
/// knowing an order number (it is in the kiosk's QR code) is not enough to claim it.
fn order_seal(s: &AppState, order: &str, expires: i64) -> String {
    s.vault
        .lookup_hash(&format!("order-cookie:{order}:{expires}"))[..32]
        .to_string()
}

/// The entries of this browser's cookie that are sealed and not expired: (order number, entry).
fn my_entries<'a>(s: &AppState, cookie: &'a str) -> Vec<(&'a str, &'a str)> {
    let now = now();
    cookie
        .split('.')
        .filter_map(|entry| {
            let mut parts = entry.splitn(3, '-');
            let (order, expires, seal) = (parts.next()?, parts.next()?, parts.next()?);
            let expires: i64 = expires.parse().ok()?;
            let genuine = subtle::ConstantTimeEq::ct_eq(
                order_seal(s, order, expires).as_bytes(),
                seal.as_bytes(),
            );
            (is_order_no(order) && expires >= now && bool::from(genuine)).then_some((order, entry))
        })
        .collect()
}

/// The order numbers this browser placed (sealed entries, not expired).
fn my_orders(s: &AppState, headers: &HeaderMap) -> Vec<String> {
    let cookie = cookies::get(headers, ORDERS_COOKIE).unwrap_or_default();
    my_entries(s, &cookie)
        .into_iter()
        .map(|(order, _)| order.to_string())
        .collect()
}

fn is_order_no(text: &str) -> bool {
    text.len() <= 40 && text.starts_with("DN") && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The `donations` cookie with `order` added (a session cookie: gone when the browser closes);
/// each entry is `order-expiry-seal`.
fn remember_order(s: &AppState, headers: &HeaderMap, order: &str) -> HeaderValue {
    let expires = now() + receipt_window(s, headers);
    let cookie = cookies::get(headers, ORDERS_COOKIE).unwrap_or_default();
    let mut entries: Vec<String> = my_entries(s, &cookie)
        .into_iter()
        .filter(|(o, _)| *o != order)
        .map(|(_, entry)| entry.to_string())
        .collect();
    entries.push(format!(
        "{order}-{expires}-{}",
        order_seal(s, order, expires)
    ));
    let start = entries.len().saturating_sub(ORDERS_KEPT);
    let secure = if s.cfg.behind_tls { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{ORDERS_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax{secure}",
        entries[start..].join(".")
    ))
    .expect("order numbers, digits and hex")
}

fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The public charity pages' loaders; unknown projects and orders get the 404 page. The
/// sandbox gateway's payment page only while it is the gateway.
pub fn pages(cfg: &crate::config::Config) -> PageLoaders {
    let pages = PageLoaders::new()
        .page("/charity", |s, _| async move {
            Ok(Loaded::data(projects::home(&s).await?))
        })
        .page("/charity/transparency", |s, _| async move {
            Ok(Loaded::data(desk::transparency(&s, now()).await?))
        })
        .page("/charity/receipts/check", |s, page| async move {
            Ok(Loaded::data(receipt_check(&s, &page).await?))
        })
        .page("/charity/mine", |s, page| async move {
            Ok(match page.user {
                Some(user) => Loaded::data(receipts::mine(&s, &user).await?),
                None => Loaded::Nothing,
            })
        })
        .page("/charity/projects/{id}", |s, page| async move {
            Ok(Loaded::data(
                projects::page(&s, page.param("id"), now()).await?,
            ))
        })
        .page("/charity/orders/{order}", |s, page| async move {
            let order = donations::status(&s, page.param("order"), now()).await?;
            let receipt_here = my_orders(&s, &page.headers).contains(&order.order_no);
            Ok(Loaded::data(types::charity::OrderPage {
                order,
                receipt_here,
            }))
        });
    if cfg.payment_gateway() != crate::config::PaymentGateway::Sandbox {
        // Another gateway: the sandbox's page does not exist.
        return pages.page("/pay/sandbox/{order}", |_, _| async {
            Err(ApiError::NotFound)
        });
    }
    pages.page("/pay/sandbox/{order}", |s, page| async move {
        let p = payment_page(&s, &page.headers, page.param("order"), now()).await?;
        Ok(if p.paid_at_gateway || p.order.status == "paid" {
            // Paid: on to the donor's order page (the kiosk's refresh lands here too).
            Loaded::Redirect(format!("/charity/orders/{}", p.order.order_no))
        } else {
            Loaded::data(p)
        })
    })
}

async fn payment_page(
    s: &AppState,
    headers: &HeaderMap,
    order: &str,
    t: i64,
) -> Result<types::charity::PaymentPage, ApiError> {
    let o = donations::status(s, order, t).await?;
    let paid_at_gateway = gateway::paid_at_gateway(s, &o.order_no).await?;
    Ok(types::charity::PaymentPage {
        pay_url_absolute: format!("{}{}", crate::site::public_origin(s, headers), o.pay_url),
        order: o,
        paid_at_gateway,
    })
}

/// What checking a receipt found (None before a check); over-long input is not looked up.
async fn receipt_check(
    s: &AppState,
    page: &PageRequest,
) -> Result<Option<types::charity::ReceiptCheck>, ApiError> {
    let (number, code) = (page.query_value("number"), page.query_value("code"));
    if number.is_empty() && code.is_empty() {
        return Ok(None);
    }
    if number.len() > 40 || code.len() > 40 {
        return Ok(Some(types::charity::ReceiptCheck {
            number: String::new(),
            genuine: false,
            date: None,
            project_title: None,
            amount_fen: None,
            donor: None,
            voided_on: None,
        }));
    }
    Ok(Some(receipts::check(s, &number, &code).await?))
}

/// Renders the project's page again, with the error at its field.
async fn project_fail(
    s: &AppState,
    mut parts: Parts,
    project_id: &str,
    e: ApiError,
    field: &str,
    prefix: &str,
    draft: app::charity::DonationDraft,
) -> Response {
    let page = match projects::page(s, project_id, now()).await {
        Ok(p) => p,
        Err(ApiError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(other) => return other.into_response(),
    };
    parts.extensions.insert(PageData::new(page));
    parts.uri = format!("/charity/projects/{project_id}")
        .parse()
        .unwrap_or_else(|_| "/charity".parse().expect("a static path"));
    let (posted, status) = crate::site::form::posted(&e, field, prefix);
    let mut res = crate::site::render_with(s, parts, move || {
        leptos::prelude::provide_context(posted.clone());
        leptos::prelude::provide_context(draft.clone());
    })
    .await;
    *res.status_mut() = status;
    res
}

/// `POST /charity/donate`: place an order with the gateway and go to its payment page.
pub async fn donate(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return refused;
    }
    donate_form(s, parts, pairs).await
}

/// `POST /charity/projects/{id}`: the donation form (`form=donate`) or the goods pledge.
pub async fn project_form(
    State(s): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (parts, mut pairs) = form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return refused;
    }
    pairs.retain(|(k, _)| k != "project");
    pairs.push(("project".into(), id));
    if value(&pairs, "form") == "pledge" {
        pledge_form(s, parts, pairs).await
    } else {
        donate_form(s, parts, pairs).await
    }
}

async fn donate_form(s: AppState, parts: Parts, pairs: Vec<(String, String)>) -> Response {
    let project_id = value(&pairs, "project");
    if !project_id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        || project_id.is_empty()
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let typed = value(&pairs, "amount");
    let preset = value(&pairs, "preset");
    let draft = app::charity::DonationDraft {
        amount: typed.clone(),
        preset: preset.clone(),
        name: value(&pairs, "donor_name"),
        anonymous: value(&pairs, "anonymous") == "yes",
        receipt: value(&pairs, "receipt") == "yes",
    };
    let text = if typed.is_empty() { preset } else { typed };
    if text.is_empty() {
        let e = ApiError::field(
            "amount",
            "请选择或填写捐款金额",
            "Choose or enter the amount to give",
        );
        return project_fail(&s, parts, &project_id, e, "amount", "", draft).await;
    }
    let amount_fen = match types::money::parse_yuan(&text) {
        Ok(f) => f,
        Err(err) => {
            let e = ApiError::field("amount", err.zh(), err.en());
            return project_fail(&s, parts, &project_id, e, "amount", "", draft).await;
        }
    };
    let user = parts.extensions.get::<AuthUser>().cloned();
    let r = donations::DonationRequest {
        project_id: project_id.clone(),
        amount_fen,
        donor_name: (!draft.anonymous && !draft.name.is_empty()).then(|| draft.name.clone()),
        anonymous: draft.anonymous,
        receipt_wanted: draft.receipt,
        channel: if at_kiosk(&parts.headers) {
            "kiosk"
        } else {
            "phone"
        }
        .into(),
    };
    match donations::place_order(&s, &r, user.as_ref(), now()).await {
        Ok(order) => {
            let mut res = see_other(&order.pay_url);
            res.headers_mut().append(
                header::SET_COOKIE,
                remember_order(&s, &parts.headers, &order.order_no),
            );
            res
        }
        Err(ApiError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => project_fail(&s, parts, &project_id, e, "amount", "", draft).await,
    }
}

/// `POST /charity/pledge`: pledge goods for drop-off; the page again with the pledge number.
pub async fn pledge(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return refused;
    }
    pledge_form(s, parts, pairs).await
}

async fn pledge_form(s: AppState, mut parts: Parts, pairs: Vec<(String, String)>) -> Response {
    let project_id = value(&pairs, "project");
    let empty = app::charity::DonationDraft::default();
    // Anything but a whole number is refused by the service's own quantity check, in the
    // order of the form's fields.
    let quantity = value(&pairs, "quantity").parse::<i64>().unwrap_or(0);
    let street_code = value(&pairs, "street_code");
    let p = goods::NewPledge {
        category: value(&pairs, "category"),
        description: value(&pairs, "description"),
        quantity,
        unit: value(&pairs, "unit"),
        condition: value(&pairs, "condition"),
        street_code: street_code.clone(),
        donor_name: Some(value(&pairs, "pledge_name")).filter(|n| !n.is_empty()),
    };
    let user = parts.extensions.get::<AuthUser>().cloned();
    match goods::pledge(&s, &p, user.as_ref(), now()).await {
        Ok(number) => {
            let mut page = match projects::page(&s, &project_id, now()).await {
                Ok(page) => page,
                // Pledged all the same; show the number on the charity's home.
                Err(_) => {
                    return (
                        StatusCode::OK,
                        format!("认捐编号 / Pledge number: {number}"),
                    )
                        .into_response();
                }
            };
            let street = page
                .streets
                .iter()
                .find(|(c, _)| *c == street_code)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            let street_en = policy::street_offices()
                .into_iter()
                .find(|o| o.id == street_code)
                .map(|o| o.name_en.to_string())
                .unwrap_or_else(|| street.clone());
            page.notice = Some((
                format!(
                    "认捐已登记。请带上认捐编号 {number} 到{street}服务中心，工作人员签收后会记入款物台账。"
                ),
                format!(
                    "Pledge recorded. Please bring pledge number {number} to the {street_en} service centre; staff will sign for the goods and enter them in the goods ledger."
                ),
            ));
            parts.uri = format!("/charity/projects/{project_id}")
                .parse()
                .unwrap_or_else(|_| "/charity".parse().expect("a static path"));
            let data = PageData::new(page);
            crate::site::render_with(&s, parts, move || {
                leptos::prelude::provide_context(data.clone())
            })
            .await
        }
        // The pledge form's fields carry a `pledge_` prefix on the page.
        Err(e) => project_fail(&s, parts, &project_id, e, "form", "pledge_", empty).await,
    }
}

/// `POST /pay/sandbox/{order}/confirm`: the payer confirms at the sandbox gateway.
pub async fn confirm_payment(
    State(s): State<AppState>,
    Path(order): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return refused;
    }
    if !is_order_no(&order) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match gateway::pay(&s, &order, now()).await {
        Ok(()) => see_other(&format!("/charity/orders/{order}")),
        Err(ApiError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) if e.code() == "already_paid" => see_other(&format!("/charity/orders/{order}")),
        Err(e) => {
            let mut parts = parts;
            match payment_page(&s, &parts.headers, &order, now()).await {
                Ok(p) => {
                    parts.extensions.insert(PageData::new(p));
                }
                Err(other) => return other.into_response(),
            }
            parts.uri = format!("/pay/sandbox/{order}")
                .parse()
                .unwrap_or_else(|_| "/charity".parse().expect("a static path"));
            show_error(&s, parts, &e, "pay").await
        }
    }
}

/// `GET /charity/orders/{order}/receipt.pdf`: for the browser that placed the order.
pub async fn order_receipt(
    State(s): State<AppState>,
    Path(order): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !is_order_no(&order) || !my_orders(&s, &headers).contains(&order) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let receipt = match receipts::of_order(&s, &order).await {
        Ok(Some(r)) => r,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return e.into_response(),
    };
    let origin = crate::site::public_origin(&s, &headers);
    match receipts::pdf(&s, &receipt.number, |_| true, &origin).await {
        Ok(pdf) => crate::api::pdf_response("receipt", &receipt.number, pdf),
        Err(e) => e.into_response(),
    }
}

/// `GET /charity/mine/receipts/{number}.pdf`: one of the signed-in donor's receipts.
pub async fn my_receipt(
    State(s): State<AppState>,
    Path(file): Path<String>,
    req: Request,
) -> Response {
    let Some(user) = req.extensions().get::<AuthUser>().cloned() else {
        return see_other("/signin");
    };
    let Some(number) = file.strip_suffix(".pdf") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let origin = crate::site::public_origin(&s, req.headers());
    let mine = |r: &crate::charity::store::ReceiptRow| {
        r.account_id.as_deref() == Some(user.account_id.as_str())
    };
    match receipts::pdf(&s, number, mine, &origin).await {
        Ok(pdf) => crate::api::pdf_response("receipt", number, pdf),
        Err(e) => e.into_response(),
    }
}

/// `GET /charity/mine/statements/{year}.pdf`: the signed-in donor's statement of a year.
pub async fn my_statement(
    State(s): State<AppState>,
    Path(file): Path<String>,
    req: Request,
) -> Response {
    let Some(user) = req.extensions().get::<AuthUser>().cloned() else {
        return see_other("/signin");
    };
    let Some(year) = file
        .strip_suffix(".pdf")
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| (2000..=2100).contains(y))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match receipts::statement(&s, &user, year, now()).await {
        Ok(pdf) => crate::api::pdf_response("statement", &year.to_string(), pdf),
        Err(e) => e.into_response(),
    }
}
