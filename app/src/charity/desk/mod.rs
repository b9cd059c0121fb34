//! 慈善项目与款物 for the charity's staff: projects and their money, new projects, disclosure
//! (what the clock says is due, and the form to publish), disbursements with evidence, refunds,
//! goods to sign for and to hand out, and the ledger's reconciliation. Every form is a plain
//! HTML form posted to the server, so the desk works without JavaScript.

mod disbursements;
mod disclosure;
mod goods;
mod projects;
mod reconciliation;

use crate::components::form::posted_error;
use crate::components::form::{field_error, invalid};
use crate::prefs::use_locale;
use crate::staff::gate::gate;
use disbursements::{disbursement_form, disbursement_lines, refunds};
use disclosure::disclosure;
use goods::goods_section;
use leptos::prelude::*;
use leptos_meta::Title;
use projects::{new_project_form, project_options, projects_table};
use reconciliation::reconciliation_view;
use types::charity::{
    CharityDesk, DeskDisbursement, DisclosureDue, GoodsPledge, GoodsStock, PAYEE_CATEGORIES,
    ProjectSummary, Reconciliation,
};
use types::i18n::Locale;
use types::money::amount;

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
