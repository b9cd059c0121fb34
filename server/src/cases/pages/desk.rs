//! The street caseworker's pages: the queue, one case and its actions, its documents.

use super::*;

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
