//! The charity staff's desk (`/staff/charity`): its data and its forms. Every form is a plain
//! HTML form posted here; the answer is the desk again with what was done, or with the clear
//! message at the field that was wrong (a refusal changes nothing: the services see to that).

use crate::charity::ledger::{self, Evidence, MAX_EVIDENCE_BYTES, NewDisbursement};
use crate::charity::projects::{self, NewProject, NewUpdate};
use crate::charity::{desk as desk_service, goods};
use crate::clock::now;
use crate::error::ApiError;
use crate::site::staff_gate::StaffPages;
use crate::site::staff_gate::authorize;
use crate::staff::StaffUser;
use crate::state::AppState;
use axum::Router;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use types::charity::CharityDesk;
use types::money::parse_yuan;
use types::page_data::PageData;

const PAGE: &str = "/staff/charity";
/// Room for a 5 MB evidence file and the other fields of the form; a larger upload still gets
/// the page with the clear message (see `read_upload`).
const UPLOAD_LIMIT: usize = 6 * 1024 * 1024;
/// Text forms: a project story of 4000 Chinese characters is about 36 KB once URL-encoded.
const FORM_LIMIT: usize = 128 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/charity/projects", post(create))
        .route("/staff/charity/status", post(set_status))
        .route("/staff/charity/publish", post(publish))
        .route(
            "/staff/charity/disburse",
            post(disburse).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/staff/charity/refund", post(refund))
        .route("/staff/charity/receive", post(receive))
        .route("/staff/charity/hand-out", post(hand_out))
        .route("/staff/charity/evidence/{id}", get(evidence))
}

/// The desk's data (reads of the ledger and goods are the charity's, not personal records).
pub(crate) async fn desk(s: &AppState, _who: &StaffUser) -> Result<CharityDesk, ApiError> {
    fresh(s, None).await
}

/// The desk with `notice`.
async fn fresh(s: &AppState, notice: Option<(String, String)>) -> Result<CharityDesk, ApiError> {
    let mut d = desk_service::desk(s, now()).await?;
    d.notice = notice;
    Ok(d)
}

/// A text form's fields (a larger limit than the sign-in forms: project stories are long).
async fn text_form(req: Request) -> (Parts, Vec<(String, String)>) {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .unwrap_or_default();
    (
        parts,
        serde_urlencoded::from_bytes(&bytes).unwrap_or_default(),
    )
}

fn value(pairs: &[(String, String)], name: &str) -> String {
    crate::site::form::value(pairs, name)
}

/// The desk again, saying what was done.
async fn done(s: &AppState, mut parts: Parts, zh: String, en: String) -> Response {
    let d = match fresh(s, Some((zh, en))).await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    parts.uri = PAGE.parse().expect("a static path");
    let data = PageData::new(d);
    crate::site::render_with(s, parts, move || provide_context(data.clone())).await
}

/// The desk again with the error at its field: the form's fields are named `{prefix}{field}`,
/// and a refusal without a field goes to `{prefix}{default}`.
async fn failed(
    s: &AppState,
    mut parts: Parts,
    e: ApiError,
    prefix: &str,
    default: &str,
) -> Response {
    let (posted, status) = crate::site::form::posted(&e, default, prefix);
    let d = match fresh(s, None).await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    parts.uri = PAGE.parse().expect("a static path");
    let data = PageData::new(d);
    let mut res = crate::site::render_with(s, parts, move || {
        provide_context(data.clone());
        provide_context(posted.clone());
    })
    .await;
    *res.status_mut() = status;
    res
}

fn amount_error(field: &str, e: types::money::AmountError) -> ApiError {
    ApiError::field(field, e.zh(), e.en())
}

/// Budget lines typed one a line as `名称 金额`: the amount is the last word, in yuan.
pub fn parse_budget(text: &str) -> Result<Vec<(String, i64)>, ApiError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let n = i + 1;
        let bad = |zh: &str, en: &str| {
            ApiError::field(
                "budget",
                &format!("预算第 {n} 行{zh}：请写成“名称 金额（元）”，例如“助学金 50000”"),
                &format!(
                    "Budget line {n}: {en}. Write “name amount (yuan)”, e.g. “Bursaries 50000”"
                ),
            )
        };
        let Some(split) = line.rfind(|c: char| c.is_whitespace()) else {
            return Err(bad("缺少金额", "the amount is missing"));
        };
        let label = line[..split].trim();
        let amount = line[split..].trim();
        if label.is_empty() {
            return Err(bad("缺少名称", "the name is missing"));
        }
        match parse_yuan(amount) {
            Ok(fen) => out.push((label.to_string(), fen)),
            Err(e) => return Err(bad(&format!("的金额有误（{}）", e.zh()), e.en())),
        }
    }
    Ok(out)
}

pub async fn create(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = text_form(req).await;
    let who = match authorize(&s, &parts, PAGE).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let goal_fen = match parse_yuan(&value(&pairs, "goal")) {
        Ok(f) => f,
        Err(e) => return failed(&s, parts, amount_error("goal", e), "new-", "title").await,
    };
    let budget = match parse_budget(&value(&pairs, "budget")) {
        Ok(b) => b,
        Err(e) => return failed(&s, parts, e, "new-", "budget").await,
    };
    let p = NewProject {
        title: value(&pairs, "title"),
        story: value(&pairs, "story"),
        goal_fen,
        filing_no: value(&pairs, "filing_no"),
        emergency: value(&pairs, "emergency") == "yes",
        starts_on: value(&pairs, "starts_on"),
        ends_on: value(&pairs, "ends_on"),
        budget,
    };
    match projects::create(&s, &who, &p, now()).await {
        Ok(p) => {
            done(
                &s,
                parts,
                format!(
                    "已创建项目草稿“{}”（{}）。核对无误后请点“开始募捐”。",
                    p.title, p.id
                ),
                format!(
                    "Draft project “{}” ({}) created. Check it, then choose “Open for donations”.",
                    p.title, p.id
                ),
            )
            .await
        }
        Err(e) => failed(&s, parts, e, "new-", "title").await,
    }
}

pub async fn set_status(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = text_form(req).await;
    let who = match authorize(&s, &parts, PAGE).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let id = value(&pairs, "id");
    let to = value(&pairs, "to");
    match projects::set_status(&s, &who, &id, &to, now()).await {
        Ok(()) => {
            let title = title_of(&s, &id).await;
            let (zh, en) = if to == "open" {
                (
                    format!("“{title}”已开始募捐。"),
                    format!("“{title}” is open for donations."),
                )
            } else {
                (
                    format!("“{title}”已结束募捐。请在结束后按期发布结项报告。"),
                    format!("“{title}” is closed. Publish its final report in time."),
                )
            };
            done(&s, parts, zh, en).await
        }
        Err(e) => failed(&s, parts, e, &format!("status-{id}-"), "status").await,
    }
}

async fn title_of(s: &AppState, id: &str) -> String {
    crate::charity::store::project_by_id(&s.db, id)
        .await
        .ok()
        .flatten()
        .map(|p| p.title)
        .unwrap_or_else(|| id.to_string())
}

pub async fn publish(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = text_form(req).await;
    let who = match authorize(&s, &parts, PAGE).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let id = value(&pairs, "project");
    if id.is_empty() {
        let e = ApiError::field("project", "请选择项目", "Choose the project");
        return failed(&s, parts, e, "pub-", "project").await;
    }
    let u = NewUpdate {
        kind: value(&pairs, "kind"),
        title: value(&pairs, "update_title"),
        body: value(&pairs, "update_body"),
    };
    match projects::publish(&s, &who, &id, &u, now()).await {
        Ok(()) => {
            let title = title_of(&s, &id).await;
            let (zh, en) = if u.kind == "final" {
                (
                    format!("已发布“{title}”的结项报告，项目已结项公开。"),
                    format!("The final report of “{title}” is published; the project is reported."),
                )
            } else {
                (
                    format!("已发布“{title}”的进展公开。"),
                    format!("A progress update of “{title}” is published."),
                )
            };
            done(&s, parts, zh, en).await
        }
        Err(e) => failed(&s, parts, e, "pub-", "project").await,
    }
}

pub async fn disburse(
    State(s): State<AppState>,
    parts: Parts,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let who = match authorize(&s, &parts, PAGE).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let upload = match mp {
        Ok(mp) => {
            crate::http::upload::read(mp, "evidence", MAX_EVIDENCE_BYTES, |n| n == "evidence").await
        }
        Err(_) => Err(ApiError::field(
            "evidence",
            "请用页面上的表单上传支出凭证",
            "Use the form on the page to upload the evidence",
        )),
    };
    let upload = match upload {
        Ok(u) => u,
        Err(e) => return failed(&s, parts, e, "dis-", "evidence").await,
    };
    let pairs = &upload.fields;
    let project = value(pairs, "project");
    if project.is_empty() {
        let e = ApiError::field("project", "请选择项目", "Choose the project");
        return failed(&s, parts, e, "dis-", "project").await;
    }
    let amount_fen = match parse_yuan(&value(pairs, "amount")) {
        Ok(f) => f,
        Err(e) => return failed(&s, parts, amount_error("amount", e), "dis-", "amount").await,
    };
    let line = value(pairs, "budget_line");
    let budget_line = if line.is_empty() {
        None
    } else {
        match line.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                let e = ApiError::field(
                    "budget_line",
                    "预算项目请填序号（如 1），或留空",
                    "Enter the budget line's number (e.g. 1), or leave it empty",
                );
                return failed(&s, parts, e, "dis-", "budget_line").await;
            }
        }
    };
    let d = NewDisbursement {
        amount_fen,
        purpose: value(pairs, "purpose"),
        payee_category: value(pairs, "payee_category"),
        budget_line,
        key: Some(value(pairs, "key")),
    };
    let evidence = upload
        .files
        .into_iter()
        .next()
        .map(|f| Evidence {
            file_name: f.file_name,
            bytes: f.bytes,
        })
        .unwrap_or(Evidence {
            file_name: String::new(),
            bytes: Vec::new(),
        });
    match ledger::disburse(&s, &who, &project, &d, &evidence, now()).await {
        Ok(seq) => {
            let title = title_of(&s, &project).await;
            let amount = types::money::yuan(amount_fen);
            done(
                &s,
                parts,
                format!("已记录“{title}”支出 {amount} 元（账本第 {seq} 条），凭证已保存。"),
                format!("Disbursement of ¥{amount} from “{title}” recorded (ledger entry {seq}); its evidence is kept."),
            )
            .await
        }
        Err(e) => failed(&s, parts, e, "dis-", "amount").await,
    }
}

pub async fn refund(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = text_form(req).await;
    let who = match authorize(&s, &parts, PAGE).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let seq_text = value(&pairs, "seq");
    let prefix = format!("refund-{seq_text}-");
    let Ok(seq) = seq_text.parse::<i64>() else {
        return failed(&s, parts, ApiError::NotFound, &prefix, "reason").await;
    };
    match ledger::refund(&s, &who, seq, &value(&pairs, "reason"), now()).await {
        Ok(entry) => {
            done(
                &s,
                parts,
                format!("已退还账本第 {seq} 条的捐款（退款记为第 {entry} 条）。"),
                format!("The donation of ledger entry {seq} is refunded (refund entry {entry})."),
            )
            .await
        }
        Err(e) => failed(&s, parts, e, &prefix, "reason").await,
    }
}

/// A whole number typed in a quantity field (anything else is 0, which the services refuse
/// with their own message).
fn quantity(text: &str) -> i64 {
    text.trim().parse().unwrap_or(0)
}

pub async fn receive(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = text_form(req).await;
    let who = match authorize(&s, &parts, PAGE).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let pledge = value(&pairs, "pledge");
    let prefix = format!("receive-{pledge}-");
    let q = quantity(&value(&pairs, "quantity"));
    match goods::receive(&s, &who, &pledge, q, &value(&pairs, "note"), now()).await {
        Ok(lot) => {
            done(
                &s,
                parts,
                format!("已签收认捐 {pledge} 的物资，数量 {q}（批次 {lot}），已计入库存。"),
                format!("Goods of pledge {pledge} signed for: {q} (lot {lot}), now in stock."),
            )
            .await
        }
        Err(e) => failed(&s, parts, e, &prefix, "quantity").await,
    }
}

pub async fn hand_out(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = text_form(req).await;
    let who = match authorize(&s, &parts, PAGE).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let lot = value(&pairs, "lot");
    let prefix = format!("hand-{lot}-");
    let q = quantity(&value(&pairs, "quantity"));
    let recipient = value(&pairs, "recipient");
    match goods::hand_out(&s, &who, &lot, q, &recipient, &value(&pairs, "note"), now()).await {
        Ok(()) => {
            done(
                &s,
                parts,
                format!("已从批次 {lot} 发放 {q} 给“{recipient}”。"),
                format!("{q} handed out from lot {lot} to “{recipient}”."),
            )
            .await
        }
        Err(e) => failed(&s, parts, e, &prefix, "quantity").await,
    }
}

/// A disbursement's evidence file, for the charity's staff (an audited read).
pub async fn evidence(State(s): State<AppState>, parts: Parts, Path(id): Path<String>) -> Response {
    let who = match authorize(&s, &parts, PAGE).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    match ledger::evidence(&s, &who, &id).await {
        Ok(e) => {
            let extension = match e.content_type.as_str() {
                "application/pdf" => "pdf",
                "image/png" => "png",
                _ => "jpg",
            };
            // An ASCII name only: the uploaded name may carry anything.
            let disposition = format!(
                "inline; filename=\"evidence-{}.{extension}\"",
                &e.id[..8.min(e.id.len())]
            );
            (
                [
                    (header::CONTENT_TYPE, e.content_type),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "private, no-store".to_string()),
                    (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
                ],
                e.bytes,
            )
                .into_response()
        }
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_budget;

    #[test]
    fn budget_lines_are_name_then_yuan() {
        let b = parse_budget("助学金 50000\n\n  交通补助　1,200.50元 \n").expect("two lines");
        assert_eq!(
            b,
            vec![
                ("助学金".to_string(), 5_000_000),
                ("交通补助".to_string(), 120_050)
            ]
        );
        assert!(parse_budget("助学金").is_err());
        assert!(parse_budget("助学金 五万").is_err());
        assert!(parse_budget("50000").is_err());
        assert_eq!(parse_budget("").expect("none"), vec![]);
    }
}

/// The charity desk's page.
pub fn staff_pages() -> StaffPages {
    StaffPages::new().page(PAGE, |s, who, _| async move { desk(&s, &who).await })
}
