//! Projects of the charity: created by its staff with a goal, budget lines, dates and the filing
//! number of the campaign (备案编号); opened, closed, and reported on.

use super::{project, refuse, required, today};
use crate::audit;
use crate::charity::store::{self as store, ProjectRow, UpdateRow};
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use serde::Deserialize;
use types::charity::{BudgetLine, CharityHome, ProjectPage, ProjectSummary, ProjectUpdate};

/// What creating a project takes.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewProject {
    pub title: String,
    pub story: String,
    pub goal_fen: i64,
    pub filing_no: String,
    #[serde(default)]
    pub emergency: bool,
    /// YYYY-MM-DD.
    pub starts_on: String,
    pub ends_on: String,
    /// (label, amount in fen).
    #[serde(default)]
    pub budget: Vec<(String, i64)>,
}

const MAX_FEN: i64 = 1_000_000_000_000;

pub async fn create(
    s: &AppState,
    staff: &StaffUser,
    p: &NewProject,
    now: i64,
) -> Result<ProjectSummary, ApiError> {
    let title = required(&p.title, "title", 60, "项目名称", "project title")?;
    let story = required(&p.story, "story", 4000, "项目介绍", "project story")?;
    let filing_no = required(&p.filing_no, "filing_no", 40, "备案编号", "filing number")?;
    if p.goal_fen <= 0 || p.goal_fen > MAX_FEN {
        return Err(ApiError::field(
            "goal",
            "请填写大于 0 的筹款目标",
            "Enter a fundraising goal above 0",
        ));
    }
    let starts = policy::Date::parse(p.starts_on.trim())
        .map_err(|_| ApiError::field("starts_on", "请填写开始日期", "Enter the start date"))?;
    let ends = policy::Date::parse(p.ends_on.trim())
        .map_err(|_| ApiError::field("ends_on", "请填写结束日期", "Enter the end date"))?;
    if ends < starts {
        return Err(ApiError::field(
            "ends_on",
            "结束日期不能早于开始日期",
            "The end date cannot be before the start date",
        ));
    }
    let mut budget = Vec::new();
    for (label, amount) in &p.budget {
        let label = required(label, "budget", 40, "预算项目名称", "budget line name")?;
        if *amount <= 0 || *amount > MAX_FEN {
            return Err(ApiError::field(
                "budget",
                "预算金额须大于 0",
                "Budget amounts must be above 0",
            ));
        }
        budget.push((label, *amount));
    }
    let row = ProjectRow {
        id: format!("CP-{}", crate::text::readable_code()),
        title,
        story,
        goal_fen: p.goal_fen,
        filing_no,
        emergency: p.emergency,
        starts_on: starts.to_string(),
        ends_on: ends.to_string(),
        status: "draft".into(),
    };
    let mut tx = s.db.begin().await.map_err(crate::store::StoreError::from)?;
    store::insert_project(&mut tx, &row, &budget, &staff.id, now).await?;
    tx.commit().await.map_err(crate::store::StoreError::from)?;
    audit::record(
        s,
        &format!("staff:{}", staff.id),
        "charity.project.create",
        &row.id,
        "ok",
    )
    .await?;
    Ok(summary(&row, &Sums::default(), None))
}

/// Moves a project on: `open` (from draft), `closed` (from open). `reported` follows the final
/// report. Anything else is refused.
pub async fn set_status(
    s: &AppState,
    staff: &StaffUser,
    id: &str,
    to: &str,
    _now: i64,
) -> Result<(), ApiError> {
    let p = project(s, id).await?;
    let from = match to {
        "open" => "draft",
        "closed" => "open",
        _ => {
            return Err(ApiError::field(
                "status",
                "只能开启或结束项目",
                "A project can only be opened or closed here",
            ));
        }
    };
    if p.status != from || !store::set_status(&s.db, &p.id, from, to).await? {
        audit::record(
            s,
            &format!("staff:{}", staff.id),
            "charity.project.status",
            &p.id,
            "refused",
        )
        .await?;
        return Err(refuse(
            "project_status",
            &format!(
                "项目当前状态为“{}”，不能改为“{}”",
                status_zh(&p.status),
                status_zh(to)
            ),
            &format!("The project is {}; it cannot become {to}", p.status),
        ));
    }
    audit::record(
        s,
        &format!("staff:{}", staff.id),
        "charity.project.status",
        &p.id,
        to,
    )
    .await?;
    Ok(())
}

pub fn status_zh(status: &str) -> &'static str {
    match status {
        "draft" => "草稿",
        "open" => "募捐中",
        "closed" => "已结束",
        "reported" => "已结项公开",
        _ => "未知",
    }
}

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewUpdate {
    /// `update` (progress) or `final` (the final report, after the project closed).
    pub kind: String,
    pub title: String,
    pub body: String,
}

/// Publishes a progress update or the final report; the final report marks the project reported.
pub async fn publish(
    s: &AppState,
    staff: &StaffUser,
    id: &str,
    u: &NewUpdate,
    now: i64,
) -> Result<(), ApiError> {
    let p = project(s, id).await?;
    let title = required(&u.title, "update_title", 60, "公开标题", "title")?;
    let body = required(&u.body, "update_body", 4000, "公开内容", "text")?;
    match (u.kind.as_str(), p.status.as_str()) {
        ("update", "open" | "closed") => {}
        ("final", "closed") => {}
        ("final", _) => {
            return Err(refuse(
                "project_not_closed",
                "项目结束后才能发布结项报告",
                "The final report comes after the project is closed",
            ));
        }
        ("update", _) => {
            return Err(refuse(
                "project_not_running",
                "草稿或已结项的项目不能发布进展",
                "Drafts and reported projects take no updates",
            ));
        }
        _ => {
            return Err(ApiError::field(
                "kind",
                "请选择进展公开或结项报告",
                "Choose a progress update or the final report",
            ));
        }
    }
    let row = UpdateRow {
        id: uuid::Uuid::new_v4().to_string(),
        project_id: p.id.clone(),
        kind: u.kind.clone(),
        title,
        body,
        published_on: today(now).to_string(),
    };
    store::insert_update(&s.db, &row, &staff.id, now).await?;
    if u.kind == "final" {
        store::set_status(&s.db, &p.id, "closed", "reported").await?;
    }
    audit::record(
        s,
        &format!("staff:{}", staff.id),
        "charity.project.publish",
        &p.id,
        &u.kind,
    )
    .await?;
    Ok(())
}

/// A demo project for development (never in production), open for a year from the first start,
/// so a newcomer sees the donation flow work.
pub async fn seed_demo(db: &crate::store::Db, now: i64) -> Result<(), ApiError> {
    if !store::projects(db).await?.is_empty() {
        return Ok(());
    }
    let start = today(now);
    let row = ProjectRow {
        id: "CP-DEMO-2026".into(),
        title: "困难群众冬季送温暖（演示项目）".into(),
        story: "为东西湖区困难老人和困境儿童添置棉被、冬衣和取暖用品。这是演示项目：捐款走模拟支付平台，不产生真实扣款。".into(),
        goal_fen: 20_000_000,
        filing_no: "（演示）53420112MJ0000000X-2026-DEMO".into(),
        emergency: false,
        starts_on: start.to_string(),
        ends_on: start.add_months(12).unwrap_or(start).to_string(),
        status: "open".into(),
    };
    let budget = [
        ("棉被冬衣采购".to_string(), 15_000_000),
        ("取暖用品".to_string(), 4_000_000),
        ("运输与发放".to_string(), 1_000_000),
    ];
    let mut tx = db.begin().await.map_err(crate::store::StoreError::from)?;
    store::insert_project(&mut tx, &row, &budget, "seed", now).await?;
    tx.commit().await.map_err(crate::store::StoreError::from)?;
    Ok(())
}

/// Money figures of one project, derived from its ledger entries.
#[derive(Clone, Debug, Default)]
pub struct Sums {
    pub raised: i64,
    pub disbursed: i64,
    pub refunded: i64,
    pub donations: i64,
}

pub async fn all_sums(s: &AppState) -> Result<std::collections::HashMap<String, Sums>, ApiError> {
    let mut out: std::collections::HashMap<String, Sums> = Default::default();
    for (project, kind, n, total) in store::ledger::sums(&s.db).await? {
        let e = out.entry(project).or_default();
        match kind.as_str() {
            "donation" => {
                e.raised = total;
                e.donations = n;
            }
            "disbursement" => e.disbursed = total,
            _ => e.refunded = total,
        }
    }
    Ok(out)
}

pub fn summary(p: &ProjectRow, sums: &Sums, last_report_on: Option<String>) -> ProjectSummary {
    ProjectSummary {
        id: p.id.clone(),
        title: p.title.clone(),
        filing_no: p.filing_no.clone(),
        status: p.status.clone(),
        emergency: p.emergency,
        starts_on: p.starts_on.clone(),
        ends_on: p.ends_on.clone(),
        goal_fen: p.goal_fen,
        raised_fen: sums.raised,
        disbursed_fen: sums.disbursed,
        refunded_fen: sums.refunded,
        balance_fen: sums.raised - sums.disbursed - sums.refunded,
        donations: sums.donations,
        last_report_on,
    }
}

/// Every project with its figures (drafts too when `with_drafts`): open first.
pub async fn summaries(s: &AppState, with_drafts: bool) -> Result<Vec<ProjectSummary>, ApiError> {
    let sums = all_sums(s).await?;
    let updates = store::updates(&s.db, None).await?;
    let mut out: Vec<ProjectSummary> = store::projects(&s.db)
        .await?
        .iter()
        .filter(|p| with_drafts || p.status != "draft")
        .map(|p| {
            let last = updates
                .iter()
                .find(|u| u.project_id == p.id)
                .map(|u| u.published_on.clone());
            summary(p, sums.get(&p.id).unwrap_or(&Sums::default()), last)
        })
        .collect();
    let rank = |st: &str| match st {
        "open" => 0,
        "draft" => 1,
        "closed" => 2,
        _ => 3,
    };
    out.sort_by_key(|p| rank(&p.status));
    Ok(out)
}

pub async fn home(s: &AppState) -> Result<CharityHome, ApiError> {
    Ok(CharityHome {
        charity: super::charity(s),
        projects: summaries(s, false).await?,
    })
}

/// True while the project takes donations: open, and today within its dates.
pub fn accepting(p: &ProjectRow, now: i64) -> bool {
    let t = today(now).to_string();
    p.status == "open" && p.starts_on <= t && t <= p.ends_on
}

/// The public page of a project (drafts are not public).
pub async fn page(s: &AppState, id: &str, now: i64) -> Result<ProjectPage, ApiError> {
    let p = project(s, id).await?;
    if p.status == "draft" {
        return Err(ApiError::NotFound);
    }
    let entries = store::ledger::entries(&s.db, Some(&p.id)).await?;
    let mut sums = Sums::default();
    for e in &entries {
        match e.kind.as_str() {
            "donation" => {
                sums.raised += e.amount_fen;
                sums.donations += 1;
            }
            "disbursement" => sums.disbursed += e.amount_fen,
            _ => sums.refunded += e.amount_fen,
        }
    }
    let budget = store::budget(&s.db, &p.id)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, (label, budget_fen))| BudgetLine {
            actual_fen: entries
                .iter()
                .filter(|e| e.kind == "disbursement" && e.budget_line == Some(i as i64 + 1))
                .map(|e| e.amount_fen)
                .sum(),
            label,
            budget_fen,
        })
        .collect();
    let updates: Vec<ProjectUpdate> = store::updates(&s.db, Some(&p.id))
        .await?
        .into_iter()
        .map(|u| ProjectUpdate {
            kind: u.kind,
            title: u.title,
            body: u.body,
            published_on: u.published_on,
        })
        .collect();
    let last = updates.first().map(|u| u.published_on.clone());
    let streets = crate::streets::service::list(&s.db)
        .await?
        .into_iter()
        .map(|o| (o.code, o.name_zh))
        .collect();
    Ok(ProjectPage {
        charity: super::charity(s),
        project: summary(&p, &sums, last),
        story: p.story.clone(),
        budget,
        updates,
        ledger: entries
            .iter()
            .rev()
            .take(100)
            .map(super::ledger::line)
            .collect(),
        limits: super::limits(s, now),
        streets,
        accepting: accepting(&p, now),
        notice: None,
    })
}
