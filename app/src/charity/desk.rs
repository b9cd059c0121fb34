//! 慈善项目与款物 for the charity's staff: projects and their money, new projects, disclosure
//! (what the clock says is due, and the form to publish), disbursements with evidence, refunds,
//! goods to sign for and to hand out, and the ledger's reconciliation. Every form is a plain
//! HTML form posted to the server, so the desk works without JavaScript.

use crate::components::form::posted_error;
use crate::components::form::{field_error, invalid};
use crate::prefs::use_locale;
use crate::staff::gate::gate;
use leptos::prelude::*;
use leptos_meta::Title;
use types::charity::{
    CharityDesk, DeskDisbursement, DisclosureDue, GoodsPledge, GoodsStock, PAYEE_CATEGORIES,
    ProjectSummary, Reconciliation,
};
use types::i18n::Locale;
use types::money::yuan;

fn money(l: Locale, fen: i64) -> String {
    match l {
        // A no-break space: the amount and its unit stay on one line in narrow columns.
        Locale::Zh => format!("{}\u{a0}元", yuan(fen)),
        Locale::En => format!("¥{}", yuan(fen)),
    }
}

fn status_label(l: Locale, status: &str) -> &'static str {
    match status {
        "draft" => l.t("草稿", "Draft"),
        "open" => l.t("募捐中", "Open"),
        "closed" => l.t("已结束", "Closed"),
        "reported" => l.t("已结项公开", "Reported"),
        _ => l.t("未知", "Unknown"),
    }
}

fn due_label(l: Locale, kind: &str) -> &'static str {
    if kind == "final" {
        l.t("结项报告", "Final report")
    } else {
        l.t("进展公开", "Progress update")
    }
}

fn condition_label(l: Locale, condition: &str) -> &'static str {
    match condition {
        "new" => l.t("全新", "New"),
        "good" => l.t("较新", "Good"),
        _ => l.t("旧", "Used"),
    }
}

#[component]
pub fn CharityDeskPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("慈善项目与款物", "Charity projects and goods") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>
        </nav>
        <h1>{l.t("慈善项目与款物", "Charity projects and goods")}</h1>
        {match gate::<types::charity::CharityDesk>(l) {
            Err(v) => v,
            Ok(d) => desk(l, d).into_any(),
        }}
    }
}

fn desk(l: Locale, d: CharityDesk) -> impl IntoView {
    let CharityDesk {
        projects,
        due,
        pledges,
        stock,
        refundable,
        reconciliation,
        disbursements: lines,
        form_key,
        notice,
    } = d;
    view! {
        {notice.map(|(zh, en)| view! { <p class="notice" role="status" data-testid="notice">{l.t_owned(&zh, &en)}</p> })}
        {posted_error(l, "未能完成，没有做任何更改", "Not done; nothing was changed")}
        <nav aria-label=l.t("本页内容", "On this page")>
            <ul class="page-links">
                <li><a href="#projects">{l.t("项目", "Projects")}</a></li>
                <li><a href="#disclosure">{l.t("信息公开", "Disclosure")}</a></li>
                <li><a href="#disburse">{l.t("支出", "Disbursements")}</a></li>
                <li><a href="#refunds">{l.t("退款", "Refunds")}</a></li>
                <li><a href="#goods">{l.t("物资", "Goods")}</a></li>
                <li><a href="#reconciliation">{l.t("对账", "Reconciliation")}</a></li>
                <li><a href="#new-project">{l.t("新建项目", "New project")}</a></li>
            </ul>
        </nav>
        {projects_table(l, &projects).into_any()}
        {disclosure(l, due, &projects).into_any()}
        {disbursement_form(l, &projects, form_key).into_any()}
        {disbursement_lines(l, lines).into_any()}
        {refunds(l, refundable).into_any()}
        {goods_section(l, pledges, stock, &projects).into_any()}
        {reconciliation_view(l, reconciliation).into_any()}
        {new_project_form(l).into_any()}
    }
}

fn projects_table(l: Locale, projects: &[ProjectSummary]) -> impl IntoView + use<> {
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
                    <td>{money(l, p.goal_fen)}</td>
                    <td data-testid="project-raised">{money(l, p.raised_fen)}</td>
                    <td data-testid="project-disbursed">{money(l, p.disbursed_fen)}</td>
                    <td data-testid="project-balance">{money(l, p.balance_fen)}</td>
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
fn project_options(
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
                    Locale::Zh => format!("{}（余额 {}）", p.title, money(l, p.balance_fen)),
                    Locale::En => format!("{} (balance {})", p.title, money(l, p.balance_fen)),
                }
            } else {
                format!("{} · {}", p.title, status_label(l, &p.status))
            };
            view! { <option value=p.id.clone()>{label}</option> }
        })
        .collect_view()
}

fn disclosure(
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

fn disbursement_form(l: Locale, projects: &[ProjectSummary], key: String) -> impl IntoView + use<> {
    view! {
        <h2 id="disburse">{l.t("记录支出", "Record a disbursement")}</h2>
        <p class="hint">{l.t("每笔支出须附凭证（发票、收据或签收单），不能超过项目余额。", "Every disbursement needs its evidence (invoice, receipt or hand-over list) and cannot exceed the project's balance.")}</p>
        <form method="post" action="/staff/charity/disburse" enctype="multipart/form-data" class="check-form" novalidate>
            <input type="hidden" name="key" value=key />
            <div class="field">
                <label for="dis-project">{l.t("项目", "Project")}</label>
                {field_error(l, "dis-project")}
                <select id="dis-project" name="project" data-testid="dis-project" aria-invalid=invalid("dis-project")>
                    {project_options(l, projects, true)}
                </select>
            </div>
            <div class="field">
                <label for="dis-amount">{l.t("金额（元）", "Amount (yuan)")}</label>
                {field_error(l, "dis-amount")}
                <input id="dis-amount" name="amount" type="text" inputmode="decimal" class="short" data-testid="dis-amount" aria-invalid=invalid("dis-amount") />
            </div>
            <div class="field">
                <label for="dis-purpose">{l.t("用途", "Purpose")}</label>
                {field_error(l, "dis-purpose")}
                <input id="dis-purpose" name="purpose" type="text" maxlength="200" data-testid="dis-purpose" aria-invalid=invalid("dis-purpose") />
            </div>
            <div class="field">
                <label for="dis-payee_category">{l.t("收款方类别", "Payee category")}</label>
                {field_error(l, "dis-payee_category")}
                <select id="dis-payee_category" name="payee_category" data-testid="dis-payee" aria-invalid=invalid("dis-payee_category")>
                    {PAYEE_CATEGORIES.iter().map(|(c, zh, en)| view! { <option value=*c>{l.t(zh, en)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="dis-budget_line">{l.t("预算项目序号（可不填）", "Budget line number (optional)")}</label>
                {field_error(l, "dis-budget_line")}
                <input id="dis-budget_line" name="budget_line" type="text" inputmode="numeric" class="short" data-testid="dis-line" aria-invalid=invalid("dis-budget_line") />
            </div>
            <div class="field">
                <label for="dis-evidence">{l.t("凭证（PDF、JPEG 或 PNG，不超过 5 MB）", "Evidence (PDF, JPEG or PNG, at most 5 MB)")}</label>
                {field_error(l, "dis-evidence")}
                <input id="dis-evidence" name="evidence" type="file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" data-testid="dis-evidence" aria-invalid=invalid("dis-evidence") />
            </div>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="disburse">{l.t("记录支出", "Record")}</button>
            </div>
        </form>
    }
}

fn disbursement_lines(l: Locale, lines: Vec<DeskDisbursement>) -> impl IntoView {
    view! {
        <h3>{l.t("最近的支出", "Latest disbursements")}</h3>
        {lines.is_empty().then(|| view! { <p>{l.t("还没有支出。", "No disbursement yet.")}</p> })}
        {(!lines.is_empty()).then(|| view! {
            <div class="table-wrap wide-table" tabindex="0" role="region" aria-label=l.t("支出记录", "Disbursements")>
                <table class="data-table" data-testid="disbursements">
                    <caption>{l.t("最近的支出（账本记录，最新在前）", "Latest disbursements (ledger entries, newest first)")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{l.t("序号", "Entry")}</th>
                            <th scope="col">{l.t("时间", "Time")}</th>
                            <th scope="col">{l.t("项目", "Project")}</th>
                            <th scope="col">{l.t("金额", "Amount")}</th>
                            <th scope="col">{l.t("用途", "Purpose")}</th>
                            <th scope="col">{l.t("收款方", "Payee")}</th>
                            <th scope="col">{l.t("凭证", "Evidence")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {lines.into_iter().map(|d| view! {
                            <tr data-testid="disbursement-line" data-project=d.project_id.clone()>
                                <td>{d.seq}</td>
                                <td>{d.at.clone()}</td>
                                <td>{d.project_title.clone()}</td>
                                <td data-testid="disbursement-amount">{money(l, d.amount_fen)}</td>
                                <td data-testid="disbursement-purpose">
                                    {d.purpose.clone()}
                                    {d.budget_line.map(|n| match l {
                                        Locale::Zh => format!("（预算第 {n} 项）"),
                                        Locale::En => format!(" (budget line {n})"),
                                    })}
                                </td>
                                <td>{d.payee.clone()}</td>
                                <td>
                                    {d.evidence_id.clone().map(|id| view! {
                                        <a rel="external" target="_blank" href=format!("/staff/charity/evidence/{id}") data-testid="evidence-link">
                                            {l.t("查看凭证", "Open evidence")}
                                        </a>
                                    })}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

fn refunds(l: Locale, refundable: Vec<(i64, String, i64, String)>) -> impl IntoView {
    view! {
        <h2 id="refunds">{l.t("退款", "Refunds")}</h2>
        <p class="hint">{l.t("全额退还一笔捐款，记为冲销记录；每笔只能退一次，且不能超过项目余额。", "Refunds a donation in full as a reversing entry: once per donation, never above the project's balance.")}</p>
        {refundable.is_empty().then(|| view! { <p>{l.t("没有可退款的捐款。", "No donation to refund.")}</p> })}
        <ul class="card-list" data-testid="refundable">
            {refundable.into_iter().map(|(seq, title, amount, at)| {
                let reason_id = format!("refund-{seq}-reason");
                view! {
                    <li class="card" data-testid="refundable-line" data-seq=seq>
                        <h3>{match l {
                            Locale::Zh => format!("账本第 {seq} 条 · {}", money(l, amount)),
                            Locale::En => format!("Entry {seq} · {}", money(l, amount)),
                        }}</h3>
                        <p>{title}" · "{at}</p>
                        <form method="post" action="/staff/charity/refund" class="inline-form">
                            <input type="hidden" name="seq" value=seq />
                            <label for=reason_id.clone()>{l.t("退款原因", "Reason")}</label>
                            <input id=reason_id.clone() name="reason" type="text" maxlength="200" data-testid="refund-reason" aria-invalid=invalid(&reason_id) />
                            <button type="submit" class="button" data-testid="refund">{l.t("退款", "Refund")}</button>
                        </form>
                        {field_error(l, &reason_id)}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn goods_section(
    l: Locale,
    pledges: Vec<GoodsPledge>,
    stock: Vec<GoodsStock>,
    projects: &[ProjectSummary],
) -> impl IntoView + use<> {
    let groups = [
        l.t("困难老人", "Older people in need"),
        l.t("困境儿童", "Children in difficulty"),
        l.t("低保家庭", "Minimum-living-allowance families"),
        l.t("受灾群众", "People hit by disaster"),
        l.t("残疾人", "People with disabilities"),
    ];
    let recipients: Vec<String> = projects
        .iter()
        .filter(|p| p.status == "open" || p.status == "closed")
        .map(|p| p.title.clone())
        .chain(groups.iter().map(|g| g.to_string()))
        .collect();
    view! {
        <h2 id="goods">{l.t("物资", "Goods")}</h2>
        <datalist id="recipients">
            {recipients.into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
        </datalist>
        <h3>{l.t("待签收的认捐", "Pledges to sign for")}</h3>
        {pledges.is_empty().then(|| view! { <p>{l.t("没有待签收的认捐。", "No pledge is waiting.")}</p> })}
        <ul class="card-list" data-testid="pledges">
            {pledges.into_iter().map(|p| {
                let q_id = format!("receive-{}-quantity", p.id);
                let n_id = format!("receive-{}-note", p.id);
                view! {
                    <li class="card" data-testid="pledge" data-id=p.id.clone() data-description=p.description.clone()>
                        <h3>{p.description.clone()}" · "{p.quantity}" "{p.unit.clone()}</h3>
                        <dl class="street-card">
                            <dt>{l.t("认捐编号", "Pledge")}</dt><dd>{p.id.clone()}</dd>
                            <dt>{l.t("类别", "Kind")}</dt><dd>{p.category.clone()}</dd>
                            <dt>{l.t("新旧程度", "Condition")}</dt><dd>{condition_label(l, &p.condition)}</dd>
                            <dt>{l.t("送达", "Drop-off at")}</dt><dd>{p.street_name.clone()}</dd>
                            <dt>{l.t("认捐日期", "Pledged on")}</dt><dd>{p.pledged_on.clone()}</dd>
                        </dl>
                        <form method="post" action="/staff/charity/receive" class="check-form">
                            <input type="hidden" name="pledge" value=p.id.clone() />
                            <div class="inline-form">
                                <label for=q_id.clone()>{l.t("实收数量", "Quantity received")}</label>
                                <input id=q_id.clone() name="quantity" type="text" inputmode="numeric" class="short" value=p.quantity data-testid="receive-quantity" aria-invalid=invalid(&q_id) />
                                <span>{p.unit.clone()}</span>
                            </div>
                            {field_error(l, &q_id)}
                            <div class="inline-form">
                                <label for=n_id.clone()>{l.t("备注（可不填）", "Note (optional)")}</label>
                                <input id=n_id name="note" type="text" maxlength="200" data-testid="receive-note" />
                            </div>
                            <button type="submit" class="button primary" data-testid="receive">{l.t("签收", "Sign for")}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
        <h3>{l.t("库存", "Stock")}</h3>
        {stock.is_empty().then(|| view! { <p>{l.t("没有库存物资。", "Nothing in stock.")}</p> })}
        <ul class="card-list" data-testid="stock">
            {stock.into_iter().map(|s| {
                let q_id = format!("hand-{}-quantity", s.lot_id);
                let r_id = format!("hand-{}-recipient", s.lot_id);
                let n_id = format!("hand-{}-note", s.lot_id);
                let empty = s.remaining <= 0;
                view! {
                    <li class="card" data-testid="lot" data-id=s.lot_id.clone() data-description=s.description.clone()>
                        <h3>{s.description.clone()}</h3>
                        <dl class="street-card">
                            <dt>{l.t("批次", "Lot")}</dt><dd>{s.lot_id.clone()}</dd>
                            <dt>{l.t("类别", "Kind")}</dt><dd>{s.category.clone()}</dd>
                            <dt>{l.t("存放", "Kept at")}</dt><dd>{s.street_name.clone()}</dd>
                            <dt>{l.t("签收数量", "Received")}</dt><dd>{s.received}" "{s.unit.clone()}</dd>
                            <dt>{l.t("剩余", "Remaining")}</dt>
                            <dd><strong data-testid="stock-remaining">{s.remaining}</strong>" "{s.unit.clone()}</dd>
                        </dl>
                        {(!empty).then(|| view! {
                            <form method="post" action="/staff/charity/hand-out" class="check-form">
                                <input type="hidden" name="lot" value=s.lot_id.clone() />
                                <div class="inline-form">
                                    <label for=q_id.clone()>{l.t("发放数量", "Quantity")}</label>
                                    <input id=q_id.clone() name="quantity" type="text" inputmode="numeric" class="short" data-testid="hand-quantity" aria-invalid=invalid(&q_id) />
                                    <span>{s.unit.clone()}</span>
                                </div>
                                {field_error(l, &q_id)}
                                <div class="field">
                                    <label for=r_id.clone()>{l.t("发放对象（项目或受助群体）", "Recipient (project or group of beneficiaries)")}</label>
                                    {field_error(l, &r_id)}
                                    <input id=r_id.clone() name="recipient" type="text" list="recipients" maxlength="60" data-testid="hand-recipient" aria-invalid=invalid(&r_id) />
                                </div>
                                <div class="inline-form">
                                    <label for=n_id.clone()>{l.t("备注（可不填）", "Note (optional)")}</label>
                                    <input id=n_id name="note" type="text" maxlength="200" data-testid="hand-note" />
                                </div>
                                <button type="submit" class="button primary" data-testid="hand-out">{l.t("发放", "Hand out")}</button>
                            </form>
                        })}
                        {empty.then(|| view! { <p>{l.t("已全部发放。", "All handed out.")}</p> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn reconciliation_view(l: Locale, r: Reconciliation) -> impl IntoView {
    view! {
        <h2 id="reconciliation">{l.t("对账", "Reconciliation")}</h2>
        <div class=if r.ok { "notice" } else { "error-summary" } data-testid="reconciliation">
            {if r.ok {
                view! {
                    <p><strong data-testid="reconciliation-outcome">{l.t("✓ 对账通过", "✓ The ledger reconciles")}</strong></p>
                    <p>{match l {
                        Locale::Zh => format!("共 {} 条账本记录、{} 个项目、{} 笔已支付订单，哈希链完整，各项目余额相符。", r.entries, r.projects, r.paid_orders),
                        Locale::En => format!("{} ledger entries, {} projects, {} paid orders: the hash chain is whole and every balance matches.", r.entries, r.projects, r.paid_orders),
                    }}</p>
                }.into_any()
            } else {
                view! {
                    <p><strong data-testid="reconciliation-outcome">{l.t("✗ 对账发现问题", "✗ The reconciliation found problems")}</strong></p>
                    <ul data-testid="reconciliation-problems">
                        {r.problems.iter().map(|(zh, en)| view! { <li>{l.t_owned(zh, en)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p>
                {l.t("账本末端哈希：", "Ledger head: ")}<code class="hash" data-testid="reconciliation-head">{hash_chunks(&r.head)}</code>
            </p>
            <p>{l.t("核对时间：", "Checked at: ")}{r.checked_at.clone()}</p>
        </div>
        <p><a href="/charity/transparency" rel="external">{l.t("查看公开的收支与对账（信息公开页）", "See the public figures and reconciliation (transparency page)")}</a></p>
    }
}

/// A long hash in groups of 16 digits that may wrap between groups (phones are narrow).
fn hash_chunks(hash: &str) -> impl IntoView + use<> {
    let chunks: Vec<String> = hash
        .as_bytes()
        .chunks(16)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, c)| view! { {(i > 0).then(|| view! { <wbr /> })}{c} })
        .collect_view()
}

fn new_project_form(l: Locale) -> impl IntoView {
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
