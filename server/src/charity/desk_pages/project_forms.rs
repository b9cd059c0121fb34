//! The desk's project forms: a new project with its budget, its status, publishing a
//! progress update or final report.

use super::*;

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

pub(super) async fn title_of(s: &AppState, id: &str) -> String {
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
