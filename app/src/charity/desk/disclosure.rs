//! What the disclosure clock says is due, and the form to publish a progress update or final
//! report.

use super::*;

pub(super) fn disclosure(
    l: Locale,
    due: Vec<DisclosureDue>,
    projects: &[ProjectSummary],
) -> impl IntoView + use<> {
    view! {
        <h2 id="disclosure">{l.t("信息公开", "Disclosure")}</h2>
        <p class="hint">
            {l.t(
                "《慈善法》第七十九条：募捐期超过六个月的，至少每三个月公开一次进展；应急项目至少每五日公开一次；募捐结束后三个月内公开结项报告。",
                "Charity Law art. 79: campaigns longer than six months publish progress at least every three months, emergency appeals at least every five days, and every campaign a final report within three months of its end.",
            )}
        </p>
        {due.is_empty().then(|| view! { <p data-testid="nothing-due">{l.t("目前没有待公开的事项。", "Nothing is due.")}</p> })}
        {(!due.is_empty()).then(|| view! {
            <div class="table-wrap wide-table" tabindex="0" role="region" aria-label=l.t("信息公开到期", "Disclosure due")>
                <table class="data-table" data-testid="due">
                    <caption>{l.t("待公开事项（逾期的在前）", "What is due (overdue first)")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{l.t("项目", "Project")}</th>
                            <th scope="col">{l.t("应公开", "Due")}</th>
                            <th scope="col">{l.t("截止日期", "By")}</th>
                            <th scope="col">{l.t("状态", "State")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {due.into_iter().map(|d| view! {
                            <tr data-testid="due-line" data-project=d.project_id.clone()>
                                <th scope="row">{d.title.clone()}</th>
                                <td>{due_label(l, &d.kind)}</td>
                                <td>{d.due_on.clone()}</td>
                                <td data-testid="due-state">
                                    {if d.overdue {
                                        view! { <strong class="field-error">{l.t("⚠ 已逾期", "⚠ Overdue")}</strong> }.into_any()
                                    } else {
                                        view! { <span>{l.t("未到期", "Not yet due")}</span> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        <h3 id="publish">{l.t("发布进展公开或结项报告", "Publish a progress update or the final report")}</h3>
        <form method="post" action="/staff/charity/publish" class="check-form" novalidate>
            <div class="field">
                <label for="pub-project">{l.t("项目", "Project")}</label>
                {field_error(l, "pub-project")}
                <select id="pub-project" name="project" data-testid="pub-project" aria-invalid=invalid("pub-project")>
                    {project_options(l, projects, false)}
                </select>
            </div>
            <fieldset class="field">
                <legend>{l.t("类别", "Kind")}</legend>
                {field_error(l, "pub-kind")}
                <label class="choice" for="pub-kind-update">
                    <input type="radio" id="pub-kind-update" name="kind" value="update" checked=true />
                    <span>{l.t("进展公开", "Progress update")}</span>
                </label>
                <label class="choice" for="pub-kind">
                    <input type="radio" id="pub-kind" name="kind" value="final" data-testid="pub-final" />
                    <span>{l.t("结项报告（项目结束后；发布后项目为“已结项公开”）", "Final report (after the project closed; it then becomes “reported”)")}</span>
                </label>
            </fieldset>
            <div class="field">
                <label for="pub-update_title">{l.t("标题", "Title")}</label>
                {field_error(l, "pub-update_title")}
                <input id="pub-update_title" name="update_title" type="text" maxlength="60" data-testid="pub-title" aria-invalid=invalid("pub-update_title") />
            </div>
            <div class="field">
                <label for="pub-update_body">{l.t("内容（收支情况、受益人数、进展）", "Text (money in and out, people helped, progress)")}</label>
                {field_error(l, "pub-update_body")}
                <textarea id="pub-update_body" name="update_body" rows="5" data-testid="pub-body" aria-invalid=invalid("pub-update_body")></textarea>
            </div>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="publish">{l.t("发布", "Publish")}</button>
            </div>
        </form>
    }
}
