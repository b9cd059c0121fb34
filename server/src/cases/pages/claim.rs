//! The funeral claim form and one case's page for its applicant: documents added later, the
//! acknowledgement slip, their own documents.

use super::*;

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
