//! The desk's projects: the table of projects with their money, the project `<select>`, and
//! the form for a new project.

use super::*;

pub(super) fn projects_table(l: Locale, projects: &[ProjectSummary]) -> impl IntoView + use<> {
    let rows = projects
        .iter()
        .map(|p| {
            let action = match p.status.as_str() {
                "draft" => Some(("open", l.t("开始募捐", "Open for donations"), "open-project")),
                "open" => Some(("closed", l.t("结束募捐", "Close"), "close-project")),
                _ => None,
            };
            let error_id = format!("status-{}-status", p.id);
            view! {
                <tr data-testid="project-row" data-id=p.id.clone() data-title=p.title.clone()>
                    <th scope="row">
                        {p.title.clone()}<br /><small>{p.id.clone()}</small>
                        {p.emergency.then(|| view! { <br /><strong>{l.t("应急项目", "Emergency")}</strong> })}
                    </th>
                    <td>{p.filing_no.clone()}</td>
                    <td data-testid="project-status">{status_label(l, &p.status)}</td>
                    <td>{p.starts_on.clone()}" –"<br />{p.ends_on.clone()}</td>
                    <td>{amount(l, p.goal_fen)}</td>
                    <td data-testid="project-raised">{amount(l, p.raised_fen)}</td>
                    <td data-testid="project-disbursed">{amount(l, p.disbursed_fen)}</td>
                    <td data-testid="project-balance">{amount(l, p.balance_fen)}</td>
                    <td>{p.last_report_on.clone().unwrap_or_else(|| l.t("尚未公开", "None yet").to_string())}</td>
                    <td>
                        {action.map(|(to, label, testid)| view! {
                            <form method="post" action="/staff/charity/status">
                                <input type="hidden" name="id" value=p.id.clone() />
                                <input type="hidden" name="to" value=to />
                                <button type="submit" class="button" id=error_id.clone() data-testid=testid>{label}</button>
                            </form>
                        })}
                        {field_error(l, &error_id)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="projects">{l.t("项目", "Projects")}</h2>
        {projects.is_empty().then(|| view! { <p>{l.t("还没有项目，请在本页最后新建。", "No project yet: create one at the end of this page.")}</p> })}
        <div class="table-wrap wide-table" tabindex="0" role="region" aria-label=l.t("项目列表", "Projects")>
            <table class="data-table" data-testid="projects">
                <caption>{l.t("全部项目（含草稿），金额由账本计算", "All projects (drafts too); amounts come from the ledger")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{l.t("项目", "Project")}</th>
                        <th scope="col">{l.t("备案编号", "Filing no.")}</th>
                        <th scope="col">{l.t("状态", "Status")}</th>
                        <th scope="col">{l.t("起止日期", "Dates")}</th>
                        <th scope="col">{l.t("目标", "Goal")}</th>
                        <th scope="col">{l.t("已筹", "Raised")}</th>
                        <th scope="col">{l.t("已支出", "Disbursed")}</th>
                        <th scope="col">{l.t("余额", "Balance")}</th>
                        <th scope="col">{l.t("最近公开", "Last report")}</th>
                        <th scope="col">{l.t("操作", "Action")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Options of a project `<select>`: projects that are not drafts.
pub(super) fn project_options(
    l: Locale,
    projects: &[ProjectSummary],
    with_balance: bool,
) -> impl IntoView + use<> {
    projects
        .iter()
        .filter(|p| p.status != "draft")
        .map(|p| {
            let label = if with_balance {
                match l {
                    Locale::Zh => format!("{}（余额 {}）", p.title, amount(l, p.balance_fen)),
                    Locale::En => format!("{} (balance {})", p.title, amount(l, p.balance_fen)),
                }
            } else {
                format!("{} · {}", p.title, status_label(l, &p.status))
            };
            view! { <option value=p.id.clone()>{label}</option> }
        })
        .collect_view()
}

pub(super) fn new_project_form(l: Locale) -> impl IntoView {
    let text = |id: &'static str,
                name: &'static str,
                zh: &'static str,
                en: &'static str,
                kind: &'static str,
                testid: &'static str| {
        view! {
            <div class="field">
                <label for=id>{l.t(zh, en)}</label>
                {field_error(l, id)}
                <input id=id name=name type=kind data-testid=testid aria-invalid=invalid(id) />
            </div>
        }
    };
    view! {
        <h2 id="new-project">{l.t("新建项目", "New project")}</h2>
        <p class="hint">{l.t("新项目先保存为草稿，核对后在项目表中点“开始募捐”。", "A new project is saved as a draft; open it from the projects table once checked.")}</p>
        <form method="post" action="/staff/charity/projects" class="check-form" novalidate>
            {text("new-title", "title", "项目名称", "Project title", "text", "new-title")}
            <div class="field">
                <label for="new-story">{l.t("项目介绍（面向捐赠人）", "Story (for donors)")}</label>
                {field_error(l, "new-story")}
                <textarea id="new-story" name="story" rows="6" data-testid="new-story" aria-invalid=invalid("new-story")></textarea>
            </div>
            {text("new-goal", "goal", "筹款目标（元）", "Fundraising goal (yuan)", "text", "new-goal")}
            {text("new-filing_no", "filing_no", "募捐方案备案编号", "Filing number of the campaign", "text", "new-filing")}
            <label class="choice" for="new-emergency">
                <input type="checkbox" id="new-emergency" name="emergency" value="yes" data-testid="new-emergency" />
                <span>{l.t("应急项目（重大突发事件，至少每 5 日公开一次进展）", "Emergency (major incident: progress disclosed at least every 5 days)")}</span>
            </label>
            {text("new-starts_on", "starts_on", "开始日期", "Start date", "date", "new-starts")}
            {text("new-ends_on", "ends_on", "结束日期", "End date", "date", "new-ends")}
            <div class="field">
                <label for="new-budget">{l.t("预算（每行一项：名称 金额（元），可不填）", "Budget (one line each: name amount in yuan; optional)")}</label>
                <p class="hint" id="new-budget-hint">{l.t("例如：助学金 50000", "E.g. Bursaries 50000")}</p>
                {field_error(l, "new-budget")}
                <textarea id="new-budget" name="budget" rows="4" aria-describedby="new-budget-hint" data-testid="new-budget" aria-invalid=invalid("new-budget")></textarea>
            </div>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="create-project">{l.t("保存为草稿", "Save as draft")}</button>
            </div>
        </form>
    }
}
