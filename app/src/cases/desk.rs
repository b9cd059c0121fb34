//! 本街道案件 for street caseworkers: the queue of their street (open cases with their deadlines,
//! then the latest closed ones) and one case's desk — what was sent (masked), the documents, the
//! steps so far, and the one form that takes the next step with the reason the applicant reads.

use super::mine::{documents_view, money_view, people_view, state_badge, steps_view};
use crate::components::form::posted_error;
use crate::components::form::{drafted, error_of};
use crate::prefs::use_locale;
use crate::staff::gate::gate;
use leptos::prelude::*;
use leptos_meta::Title;
use types::cases::StaffCasePage;
use types::cases::{CaseDetail, CaseSummary, action_label, kind_label};
use types::i18n::Locale;
use types::money::amount;

fn deadline_cell(l: Locale, c: &CaseSummary) -> String {
    match (c.deadline.as_deref(), c.days_left) {
        (Some(d), Some(n)) if n < 0 => {
            l.t_owned(&format!("{d}（已超期）"), &format!("{d} (overdue)"))
        }
        (Some(d), Some(n)) => l.t_owned(
            &format!("{d}（剩 {n} 天）"),
            &format!("{d} ({n} days left)"),
        ),
        (Some(d), None) => d.to_string(),
        _ => "—".to_string(),
    }
}

fn queue_table(
    l: Locale,
    rows: Vec<CaseSummary>,
    caption: &'static str,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
            <table class="data-table" data-testid=testid>
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{l.t("受理编号", "Reference")}</th>
                    <th scope="col">{l.t("事项", "Application")}</th>
                    <th scope="col">{l.t("状态", "State")}</th>
                    <th scope="col">{l.t("提交时间", "Sent")}</th>
                    <th scope="col">{l.t("期限", "Deadline")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|c| {
                        let href = format!("/staff/case?ref={}", c.reference);
                        let programs = c.programs.iter().map(|(zh, en)| l.t_owned(zh, en)).collect::<Vec<_>>().join(l.t("、", ", "));
                        view! {
                            <tr data-reference=c.reference.clone()>
                                <td><a href=href rel="external">{c.reference.clone()}</a></td>
                                <td>{kind_label(l, &c.kind)}<br /><span class="muted">{programs}</span></td>
                                <td>{state_badge(l, &c.state)}</td>
                                <td>{c.submitted.clone()}</td>
                                <td>{deadline_cell(l, &c)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn CaseQueuePage() -> impl IntoView {
    let l = use_locale();
    let body = match gate::<types::cases::CaseQueue>(l) {
        Ok(q) => {
            let street = l.t_owned(&q.street_zh, &q.street_en);
            view! {
                <p class="lead">{street}" · "{l.t("待办 ", "Open: ")}<strong data-testid="open-count">{q.open.len()}</strong></p>
                {if q.open.is_empty() {
                    view! { <p data-testid="queue-empty">{l.t("没有待办的案件。", "No open cases.")}</p> }.into_any()
                } else {
                    queue_table(l, q.open, l.t("待办案件", "Open cases"), "queue-open").into_any()
                }}
                {(!q.closed.is_empty()).then(|| queue_table(l, q.closed, l.t("最近办结", "Recently closed"), "queue-closed"))}
            }
            .into_any()
        }
        Err(v) => v,
    };
    view! {
        <Title text=l.t("本街道案件", "My street's cases") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>
        </nav>
        <h1>{l.t("本街道案件", "My street's cases")}</h1>
        {body}
    }
}

#[component]
pub fn StaffCasePage() -> impl IntoView {
    let l = use_locale();
    let body = match gate::<StaffCasePage>(l) {
        Ok(StaffCasePage::Open(p)) => desk(l, p.case, p.notice).into_any(),
        Ok(StaffCasePage::Refused { zh, en }) => view! {
            <h1>{l.t("办理案件", "Handle a case")}</h1>
            <p class="notice" role="alert" data-testid="case-refused">{l.t_owned(&zh, &en)}</p>
            <p><a class="button" href="/staff/cases" rel="external">{l.t("返回本街道案件", "Back to my street's cases")}</a></p>
        }
        .into_any(),
        Err(v) => v,
    };
    view! {
        <Title text=l.t("办理案件", "Handle a case") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>" › "
            <a href="/staff/cases" rel="external">{l.t("本街道案件", "My street's cases")}</a>
        </nav>
        {body}
    }
}

fn desk(l: Locale, c: CaseDetail, notice: Option<(String, String)>) -> impl IntoView {
    let s = c.summary.clone();
    let reference = s.reference.clone();
    let docs_base = format!("/staff/case/documents?ref={reference}&id=");
    view! {
        <h1>{kind_label(l, &s.kind)}" "<span class="case-ref" data-testid="case-reference">{reference.clone()}</span></h1>
        {notice.map(|(zh, en)| view! { <p class="notice" role="status" data-testid="case-notice">{l.t_owned(&zh, &en)}</p> })}
        {posted_error(l, "未能办理，没有做任何更改", "Not done; nothing was changed")}
        <p class="case-state">{state_badge(l, &s.state)}" · "{l.t("提交于 ", "Sent ")}{s.submitted.clone()}</p>
        {s.deadline.as_ref().map(|_| view! { <p data-testid="case-deadline">{l.t("报销期限：", "Claim by: ")}{deadline_cell(l, &s)}</p> })}
        {c.money.clone().map(|m| money_view(l, &m))}
        <section aria-labelledby="people-heading">
            <h2 id="people-heading">{l.t("申请信息", "Application")}</h2>
            {people_view(l, &c)}
            <p><a href=format!("/staff/case?ref={reference}&phone=1") rel="external" data-testid="reveal-phone">
                {l.t("显示完整电话号码（记入审计日志）", "Show the whole phone number (written to the audit log)")}
            </a></p>
        </section>
        <section aria-labelledby="docs-heading">
            <h2 id="docs-heading">{l.t("材料", "Documents")}</h2>
            {documents_view(l, &c.documents, &docs_base)}
        </section>
        <section aria-labelledby="steps-heading">
            <h2 id="steps-heading">{l.t("办理经过", "Steps so far")}</h2>
            {steps_view(l, &c.events)}
        </section>
        {(!c.actions.is_empty()).then(|| action_form(l, &reference, &c))}
    }
}

fn action_form(l: Locale, reference: &str, c: &CaseDetail) -> impl IntoView + use<> {
    let action_err = error_of(l, "action");
    let reason_err = error_of(l, "reason");
    let amount_err = error_of(l, "amount");
    let approve_amount = c
        .money
        .as_ref()
        .filter(|_| c.actions.iter().any(|a| a == "approve"))
        .and_then(|m| m.estimate_fen);
    let chosen = drafted("action");
    let action_by = action_err.is_some().then_some("action-error");
    let reason_by = reason_err.is_some().then_some("reason-error");
    let reason_invalid = if reason_err.is_some() {
        "true"
    } else {
        "false"
    };
    view! {
        <section aria-labelledby="act-heading">
            <h2 id="act-heading">{l.t("办理", "Take the next step")}</h2>
            <form method="post" action=format!("/staff/case?ref={reference}") class="check-form" novalidate data-testid="case-action-form">
                <fieldset class="field" id="action" aria-describedby=action_by>
                    <legend>{l.t("下一步", "Next step")}</legend>
                    <div class="choices">
                        {c.actions.iter().map(|a| {
                            let checked = chosen == *a;
                            view! {
                                <label class="choice">
                                    <input type="radio" name="action" value=a.clone() checked=checked data-testid=format!("action-{a}") />
                                    <span>{action_label(l, a)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {action_err.map(|e| view! { <p class="field-error" id="action-error">{e}</p> })}
                </fieldset>
                {approve_amount.map(|fen| view! {
                    <div class="field">
                        <label for="amount">{l.t("批准金额（元，仅“批准”时）", "Amount to approve (yuan, for “Approve”)")}</label>
                        <p class="hint" id="amount-hint">{l.t("按现行标准核定：", "By the standards in force: ")}{amount(l, fen)}</p>
                        <input id="amount" name="amount" type="text" inputmode="decimal" maxlength="12"
                            value=types::money::yuan(fen) aria-invalid=if amount_err.is_some() { "true" } else { "false" }
                            aria-describedby="amount-hint" data-testid="amount" />
                        {amount_err.clone().map(|e| view! { <p class="field-error" id="amount-error">{e}</p> })}
                    </div>
                })}
                <div class="field">
                    <label for="reason">{l.t("给申请人的说明（要求补充材料、不予批准、释放逝者身份证号时必填）", "What the applicant reads (required to ask for documents, to reject or to release the deceased's number)")}</label>
                    <textarea id="reason" name="reason" rows="3" maxlength="500"
                        aria-invalid=reason_invalid
                        aria-describedby=reason_by data-testid="reason">{drafted("reason")}</textarea>
                    {reason_err.map(|e| view! { <p class="field-error" id="reason-error">{e}</p> })}
                </div>
                <p><button type="submit" class="button primary" data-testid="case-act">{l.t("确认办理", "Confirm")}</button></p>
            </form>
        </section>
    }
}
