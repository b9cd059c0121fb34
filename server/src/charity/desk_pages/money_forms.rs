//! The desk's money forms: a disbursement with its evidence (and the evidence's download), a
//! refund of a donation.

use super::*;

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
