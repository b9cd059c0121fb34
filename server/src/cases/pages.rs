//! The case pages: the funeral claim form, the pre-application sent from the check's results,
//! the resident's cases and one case's page (add documents, slip, documents), and the street
//! caseworker's queue and desk. Forms are plain posts; a refusal shows the form again with the
//! message at its field and what was typed (files must be chosen again).

use crate::auth::AuthUser;
use crate::cases::api::{UPLOAD_LIMIT, file_response, read_multipart, uploads_of};
use crate::cases::documents::{self, Upload};
use crate::cases::funeral::{self, FuneralApplication};
use crate::cases::preapply::{self, PreApplication};
use crate::cases::workflow::{self, Action};
use crate::cases::{is_reference, normalize_reference, slip, views};
use crate::clock::now;
use crate::error::ApiError;
use crate::http::upload::Posted;
use crate::site::form::refused;
use crate::site::page_loaders::{Loaded, PageLoaders};
use crate::site::staff_gate::StaffPages;
use crate::site::staff_gate::authorize;
use crate::staff::StaffUser;
use crate::state::AppState;
use app::components::form::FormDraft;
use axum::Router;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use std::collections::HashMap;
use types::cases::{CasePage, StaffCasePage};
use types::page_data::PageData;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/funeral",
            post(claim).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/check/preapply", post(preapplication))
        .route(
            "/cases/{reference}",
            post(add_documents).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/cases/{reference}/slip.pdf", get(slip_pdf))
        .route("/cases/{reference}/documents/{id}", get(my_document))
        .route("/staff/case", post(act))
        .route("/staff/case/documents", get(staff_document))
}

/// The case page's notice for `?sent=1` (just sent) or `?added=N`.
fn notice_of(query: Option<&str>) -> Option<(String, String)> {
    let q: HashMap<String, String> =
        serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
    if q.contains_key("sent") {
        Some((
            "申请已提交。请记下受理编号，或打印、下载回执；办理进度会发短信告诉您。".into(),
            "Your application is sent. Note the reference, or print or download the slip; you get a text message at every step.".into(),
        ))
    } else {
        None
    }
}

/// `/cases` (`?ref=` finds a case) and `/cases/{reference}`: a signed-in resident's own cases
/// (signed out, the pages ask them to sign in); another's reference is "not found".
pub fn pages() -> PageLoaders {
    PageLoaders::new()
        .page("/cases", |s, page| async move {
            let r = normalize_reference(&page.query_value("ref"));
            if is_reference(&r) {
                return Ok(Loaded::Redirect(format!("/cases/{r}")));
            }
            Ok(match page.user {
                Some(u) => Loaded::data(views::mine(&s, &u, now()).await?),
                None => Loaded::Nothing,
            })
        })
        .page("/cases/{reference}", |s, page| async move {
            let Some(u) = page.user.as_ref() else {
                return Ok(Loaded::Nothing);
            };
            let case = views::for_applicant(&s, u, page.param("reference"), now()).await?;
            let notice = notice_of(page.query.as_deref());
            Ok(Loaded::data(CasePage { case, notice }))
        })
}

fn signed_in(parts: &Parts) -> Option<AuthUser> {
    parts.extensions.get::<AuthUser>().cloned()
}

fn please_sign_in() -> ApiError {
    ApiError::unauthorized(
        "unauthenticated",
        "请先用手机号登录",
        "Please sign in with your mobile number first",
    )
}

fn yes(v: &str) -> bool {
    v == "yes"
}

/// The claim typed in the form (money in yuan there, fen here).
fn application_of(p: &Posted) -> Result<FuneralApplication, ApiError> {
    let claimed = p.value("claimed");
    let claimed_fen = if claimed.is_empty() {
        0
    } else {
        types::money::parse_yuan(&claimed)
            .map_err(|e| ApiError::field("claimed", e.zh(), e.en()))?
    };
    for (field, zh, en) in [
        (
            "hukou_wuhan",
            "户籍是否在东西湖区",
            "whether registered in Dongxihu",
        ),
        ("died_in_wuhan", "是否在武汉去世", "whether died in Wuhan"),
        (
            "cremated_in_wuhan",
            "是否在武汉火化",
            "whether cremated in Wuhan",
        ),
    ] {
        if p.value(field).is_empty() {
            return Err(ApiError::field(
                field,
                &format!("请选择{zh}"),
                &format!("Choose {en}"),
            ));
        }
    }
    Ok(FuneralApplication {
        applicant_name: p.value("applicant_name"),
        applicant_id: p.value("applicant_id"),
        relation: p.value("relation"),
        deceased_name: p.value("deceased_name"),
        deceased_id: p.value("deceased_id"),
        hukou_wuhan: yes(&p.value("hukou_wuhan")),
        street_code: p.value("street_code"),
        died_in_wuhan: yes(&p.value("died_in_wuhan")),
        death_date: p.value("death_date"),
        death_certificate: p.value("death_certificate"),
        cremated_in_wuhan: yes(&p.value("cremated_in_wuhan")),
        cremation_place: p.value("cremation_place"),
        cremation_date: p.value("cremation_date"),
        cremation_certificate: p.value("cremation_certificate"),
        burial: p.value("burial"),
        items: p.values("items"),
        claimed_fen,
        bank_name: p.value("bank_name"),
        bank_account: p.value("bank_account"),
    })
}

/// What the form gives back after a refusal: everything typed except the bank account and the
/// ID numbers (they are typed again rather than echoed into the page).
fn draft_of(p: &Posted) -> Vec<(String, String)> {
    p.fields
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "bank_account" | "applicant_id" | "deceased_id"))
        .cloned()
        .collect()
}

pub async fn claim(
    State(s): State<AppState>,
    parts: Parts,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    if let Some(r) = crate::site::refuse_cross_site(&parts) {
        return r;
    }
    let Some(user) = signed_in(&parts) else {
        return refused(&s, parts, please_sign_in(), "applicant_name", vec![], None).await;
    };
    let posted = match read_multipart(mp).await {
        Ok(p) => p,
        Err(e) => return refused(&s, parts, e, "doc_death_certificate", vec![], None).await,
    };
    let result = match application_of(&posted) {
        Ok(a) => funeral::apply(&s, &user, &a, &uploads_of(&posted), now()).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(c) => Redirect::to(&format!("/cases/{}?sent=1", c.reference)).into_response(),
        Err(e) => refused(&s, parts, e, "applicant_name", draft_of(&posted), None).await,
    }
}

pub async fn add_documents(
    State(s): State<AppState>,
    Path(reference): Path<String>,
    parts: Parts,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    if let Some(r) = crate::site::refuse_cross_site(&parts) {
        return r;
    }
    let Some(user) = signed_in(&parts) else {
        return Redirect::to("/signin").into_response();
    };
    let t = now();
    let result = match read_multipart(mp).await {
        Ok(p) => {
            let uploads: Vec<Upload> = p
                .files
                .iter()
                .map(|f| Upload {
                    kind: p.value("kind"),
                    file_name: f.file_name.clone(),
                    bytes: f.bytes.clone(),
                })
                .collect();
            if p.value("kind").is_empty() {
                Err(ApiError::field(
                    "kind",
                    "请选择材料类型",
                    "Choose the kind of document",
                ))
            } else {
                documents::add(&s, &user, &reference, &uploads, t).await
            }
        }
        Err(e) => Err(e),
    };
    let (notice, error) = match result {
        Ok(n) => (
            Some((
                format!("已上传 {n} 份材料。"),
                format!("{n} document(s) uploaded."),
            )),
            None,
        ),
        Err(e) => (None, Some(e)),
    };
    let case = match views::for_applicant(&s, &user, &reference, t).await {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let data = PageData::new(CasePage { case, notice });
    match error {
        // The form's one file field carries every file message.
        Some(e) => {
            let e = match e {
                ApiError::Validation(mut fields) => {
                    for f in &mut fields {
                        if f.field.starts_with("doc_") || f.field == "documents" {
                            f.field = "doc_file".into();
                        }
                    }
                    ApiError::Validation(fields)
                }
                other => other,
            };
            refused(&s, parts, e, "doc_file", vec![], Some(data)).await
        }
        None => crate::site::render_with(&s, parts, move || provide_context(data.clone())).await,
    }
}

pub async fn slip_pdf(
    State(s): State<AppState>,
    Path(reference): Path<String>,
    parts: Parts,
) -> Response {
    // A file's address (`.pdf`) skips the page session layer: read the cookie here.
    let Some(user) = crate::auth::cookies::resident(&s, &parts.headers).await else {
        return please_sign_in().into_response();
    };
    let origin = crate::site::public_origin(&s, &parts.headers);
    match slip::pdf(&s, &user, &reference, &origin, now()).await {
        Ok(pdf) => file_response("application/pdf".into(), pdf, "slip.pdf"),
        Err(e) => e.into_response(),
    }
}

pub async fn my_document(
    State(s): State<AppState>,
    Path((reference, id)): Path<(String, String)>,
    parts: Parts,
) -> Response {
    let Some(user) = signed_in(&parts) else {
        return please_sign_in().into_response();
    };
    match documents::for_applicant(&s, &user, &reference, &id).await {
        Ok((ct, bytes)) => file_response(ct, bytes, "document"),
        Err(e) => e.into_response(),
    }
}

/// The pre-application form under the check's results: the answers travel as hidden fields,
/// the form's own fields start with `pre_`. A refusal shows the results again with the message.
pub async fn preapplication(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = crate::site::form::form(req).await;
    if let Some(r) = crate::site::refuse_cross_site(&parts) {
        return r;
    }
    let answers: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| !k.starts_with("pre_") && !k.starts_with('_'))
        .cloned()
        .collect();
    let p = PreApplication {
        street_code: crate::site::form::value(&pairs, "pre_street_code"),
        programs: pairs
            .iter()
            .filter(|(k, _)| k == "pre_programs")
            .map(|(_, v)| v.clone())
            .collect(),
        answers: types::check::answers::Answers::from_pairs(answers.clone()).0,
        name: crate::site::form::value(&pairs, "pre_name"),
        consent: crate::site::form::value(&pairs, "pre_consent") == "yes",
    };
    let result = match signed_in(&parts) {
        Some(user) => preapply::send(&s, &user, &p, now()).await,
        None => Err(please_sign_in()),
    };
    match result {
        Ok(c) => Redirect::to(&format!("/cases/{}?sent=1", c.reference)).into_response(),
        Err(e) => {
            let (posted, status) = crate::site::form::posted(&e, "consent", "pre_");
            let one = app::prefs::Prefs::from_cookie_header(
                parts
                    .headers
                    .get(axum::http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default(),
                app::prefs::KioskTiming::default(),
            );
            let a = types::check::answers::Answers::from_pairs(answers);
            let step = app::check::flow::screens(&a, one.large || one.kiosk).len() - 1;
            let state = app::check::flow::CheckState {
                answers: a,
                step,
                problems: vec![],
            };
            let draft = FormDraft(
                pairs
                    .iter()
                    .filter(|(k, _)| k.starts_with("pre_"))
                    .cloned()
                    .collect(),
            );
            let mut parts = parts;
            parts.uri = "/check".parse().expect("a static path");
            let mut res = crate::site::render_with(&s, parts, move || {
                provide_context(app::check::PostedCheck(state.clone()));
                provide_context(posted.clone());
                provide_context(draft.clone());
            })
            .await;
            *res.status_mut() = status;
            res
        }
    }
}

/// The caseworker's page data: the queue, or one case (`?ref=`).
async fn case_page(
    s: &AppState,
    who: &StaffUser,
    query: Option<&str>,
) -> Result<StaffCasePage, ApiError> {
    let t = now();
    let q: HashMap<String, String> =
        serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
    let reference = q.get("ref").cloned().unwrap_or_default();
    match views::for_caseworker(s, who, &reference, t).await {
        Ok(mut case) => {
            if q.get("phone").is_some_and(|v| v == "1") {
                case.phone = views::contact_phone(s, who, &reference).await?;
            }
            Ok(StaffCasePage::Open(CasePage { case, notice: None }))
        }
        Err(ApiError::NotFound) => Ok(StaffCasePage::Refused {
            zh: "没有这个受理编号的案件".into(),
            en: "There is no case with this reference".into(),
        }),
        Err(ApiError::Rejected { message, .. }) => Ok(StaffCasePage::Refused {
            zh: message.zh,
            en: message.en,
        }),
        Err(e) => Err(e),
    }
}

pub async fn act(
    State(s): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    req: Request,
) -> Response {
    let (parts, pairs) = crate::site::form::form(req).await;
    let who = match authorize(&s, &parts, "/staff/case").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let reference = q.get("ref").cloned().unwrap_or_default();
    let amount = crate::site::form::value(&pairs, "amount");
    let action = crate::site::form::value(&pairs, "action");
    let t = now();
    let result = if action.is_empty() {
        Err(ApiError::field(
            "action",
            "请选择下一步",
            "Choose the next step",
        ))
    } else if action == "approve" && !amount.is_empty() {
        match types::money::parse_yuan(&amount) {
            Ok(fen) => Ok(Some(fen)),
            Err(e) => Err(ApiError::field("amount", e.zh(), e.en())),
        }
    } else {
        Ok(None)
    };
    let result = match result {
        Ok(amount_fen) => {
            let a = Action {
                action: action.clone(),
                reason: crate::site::form::value(&pairs, "reason"),
                amount_fen,
            };
            workflow::act(&s, &who, &reference, &a, t).await
        }
        Err(e) => Err(e),
    };
    let case = match views::for_caseworker(&s, &who, &reference, t).await {
        Ok(c) => c,
        Err(e) => {
            let (zh, en) = match &e {
                ApiError::Rejected { message, .. } => (message.zh.clone(), message.en.clone()),
                _ => (
                    "没有这个受理编号的案件".into(),
                    "There is no case with this reference".into(),
                ),
            };
            let (_, status) = crate::site::form::posted(&e, "action", "");
            let data = PageData::new(StaffCasePage::Refused { zh, en });
            let mut res =
                crate::site::render_with(&s, parts, move || provide_context(data.clone())).await;
            *res.status_mut() = status;
            return res;
        }
    };
    match result {
        Ok(to) => {
            let state = |l| to.label(l);
            let data = PageData::new(StaffCasePage::Open(CasePage {
                case,
                notice: Some((
                    format!(
                        "已办理：{}。申请人会收到短信。",
                        state(types::i18n::Locale::Zh)
                    ),
                    format!(
                        "Done: {}. The applicant gets a text message.",
                        state(types::i18n::Locale::En)
                    ),
                )),
            }));
            crate::site::render_with(&s, parts, move || provide_context(data.clone())).await
        }
        Err(e) => {
            let data = PageData::new(StaffCasePage::Open(CasePage { case, notice: None }));
            let draft = pairs.clone();
            refused(&s, parts, e, "action", draft, Some(data)).await
        }
    }
}

pub async fn staff_document(
    State(s): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    parts: Parts,
) -> Response {
    let who = match member_for_download(&s, &parts).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let reference = q.get("ref").cloned().unwrap_or_default();
    let id = q.get("id").cloned().unwrap_or_default();
    match documents::for_caseworker(&s, &who, &reference, &id).await {
        Ok((ct, bytes)) => file_response(ct, bytes, "document"),
        Err(e) => e.into_response(),
    }
}

/// A download is a GET: no same-site check (links open in a new tab), but the role is checked.
async fn member_for_download(s: &AppState, parts: &Parts) -> Result<StaffUser, Response> {
    let token = crate::auth::cookies::get(&parts.headers, crate::auth::cookies::staff_name(s))
        .ok_or_else(|| Redirect::to("/staff/signin").into_response())?;
    let who = crate::staff::authenticate(s, &token, now())
        .await
        .map_err(|e| e.into_response())?;
    if types::account::CASEWORKERS.contains(&who.role) {
        Ok(who)
    } else {
        Err((
            StatusCode::FORBIDDEN,
            "您的角色无权查看 / Your role may not see this",
        )
            .into_response())
    }
}

/// The caseworker's pages: the street's queue and one case.
pub fn staff_pages() -> StaffPages {
    StaffPages::new()
        .page("/staff/cases", |s, who, _| async move {
            views::queue(&s, &who, now()).await
        })
        .page("/staff/case", |s, who, q| async move {
            case_page(&s, &who, q.query.as_deref()).await
        })
}
