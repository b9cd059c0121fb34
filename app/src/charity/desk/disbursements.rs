//! Disbursements: the form (with evidence), the lines paid out, and refunds of donations.

use super::*;

pub(super) fn disbursement_form(
    l: Locale,
    projects: &[ProjectSummary],
    key: String,
) -> impl IntoView + use<> {
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

pub(super) fn disbursement_lines(l: Locale, lines: Vec<DeskDisbursement>) -> impl IntoView {
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
                                <td data-testid="disbursement-amount">{amount(l, d.amount_fen)}</td>
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

pub(super) fn refunds(l: Locale, refundable: Vec<(i64, String, i64, String)>) -> impl IntoView {
    view! {
        <h2 id="refunds">{l.t("退款", "Refunds")}</h2>
        <p class="hint">{l.t("全额退还一笔捐款，记为冲销记录；每笔只能退一次，且不能超过项目余额。", "Refunds a donation in full as a reversing entry: once per donation, never above the project's balance.")}</p>
        {refundable.is_empty().then(|| view! { <p>{l.t("没有可退款的捐款。", "No donation to refund.")}</p> })}
        <ul class="card-list" data-testid="refundable">
            {refundable.into_iter().map(|(seq, title, fen, at)| {
                let reason_id = format!("refund-{seq}-reason");
                view! {
                    <li class="card" data-testid="refundable-line" data-seq=seq>
                        <h3>{match l {
                            Locale::Zh => format!("账本第 {seq} 条 · {}", amount(l, fen)),
                            Locale::En => format!("Entry {seq} · {}", amount(l, fen)),
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
