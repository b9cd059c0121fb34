//! 我的申请: the resident's cases, finding one by its reference, and one case's page — where it
//! stands and what happens next, every step with the reason in plain words, the documents (and a
//! form to add more while it is open), the money, and the slip to print.

use crate::account::SignedIn;
use crate::check::handoff::qr_svg_path;
use crate::components::form::posted_error;
use crate::components::form::{choices_of, file_field, select_field};
use crate::components::not_found::NotFound;
use crate::page_data::page_data;
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use types::cases::{
    self as cv, CASE_STATES, CaseDetail, CaseSummary, DOCUMENT_KINDS, kind_label, label,
    state_next_step,
};
use types::i18n::Locale;
use types::money::amount;

fn sign_in_first(l: Locale) -> impl IntoView {
    view! {
        <p class="lead" data-testid="cases-sign-in-first">{l.t(
            "请用申请时填写的手机号登录，登录后即可查看申请进度。",
            "Sign in with the mobile number you applied with to follow your applications.",
        )}</p>
        <p><a class="button primary" href="/signin" rel="external">{l.t("手机号登录", "Sign in with my phone")}</a></p>
    }
}

/// The state as a badge with its words (never colour alone).
pub fn state_badge(l: Locale, state: &str) -> impl IntoView + use<> {
    let text = label(l, CASE_STATES, state);
    view! { <span class=format!("badge state-{state}") data-testid="case-state" data-state=state.to_string()>{text}</span> }
}

fn deadline_text(l: Locale, c: &CaseSummary) -> Option<String> {
    let d = c.deadline.clone()?;
    Some(match (c.days_left, l) {
        (Some(n), Locale::Zh) if n >= 0 => format!("报销期限 {d}（还有 {n} 天）"),
        (Some(n), Locale::En) if n >= 0 => format!("Claim by {d} ({n} day(s) left)"),
        (Some(_), Locale::Zh) => format!("报销期限 {d}（已过）"),
        (Some(_), Locale::En) => format!("Claim by {d} (passed)"),
        (None, Locale::Zh) => format!("报销期限 {d}"),
        (None, Locale::En) => format!("Claim by {d}"),
    })
}

fn programs_text(l: Locale, c: &CaseSummary) -> String {
    c.programs
        .iter()
        .map(|(zh, en)| l.t_owned(zh, en))
        .collect::<Vec<_>>()
        .join(l.t("、", ", "))
}

#[component]
pub fn MyCasesPage() -> impl IntoView {
    let l = use_locale();
    let signed_in = use_context::<SignedIn>().is_some();
    let list = page_data::<Vec<types::cases::CaseSummary>>();
    view! {
        <Title text=l.t("我的申请", "My applications") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/">{l.t("首页", "Home")}</a>
        </nav>
        <h1>{l.t("我的申请", "My applications")}</h1>
        <form method="get" action="/cases" class="check-form lookup" data-testid="case-lookup">
            <div class="field">
                <label for="ref">{l.t("按受理编号查询（回执上的编号，如 BZ2026-7K3M-Q9XD）", "Find by reference (on your slip, e.g. BZ2026-7K3M-Q9XD)")}</label>
                <div class="input-row">
                    <input id="ref" name="ref" type="text" maxlength="20" autocapitalize="characters" data-testid="case-ref" />
                    <button type="submit" class="button">{l.t("查询", "Find")}</button>
                </div>
            </div>
        </form>
        {match (signed_in, list) {
            (false, _) => sign_in_first(l).into_any(),
            (true, Some(list)) if list.is_empty() => view! {
                <p data-testid="no-cases">{l.t("您还没有提交过申请。", "You have not sent any application yet.")}</p>
                <p><a href="/funeral" rel="external">{l.t("申请丧葬补贴", "Claim the funeral subsidy")}</a>" · "<a href="/check">{l.t("救助政策自测", "Social assistance self-check")}</a></p>
            }.into_any(),
            (true, Some(list)) => view! {
                <ul class="case-list" data-testid="case-list">
                    {list.into_iter().map(|c| {
                        let href = format!("/cases/{}", c.reference);
                        view! {
                            <li class="case-card">
                                <a href=href rel="external" class="case-ref">{c.reference.clone()}</a>
                                " "{state_badge(l, &c.state)}
                                <p>{kind_label(l, &c.kind)}" · "{programs_text(l, &c)}</p>
                                <p class="muted">{l.t_owned(&c.street_zh, &c.street_en)}" · "{c.submitted.clone()}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
            (true, None) => view! { <p>{l.t("暂时无法读取您的申请，请稍后再试。", "Your applications cannot be read just now; try again later.")}</p> }.into_any(),
        }}
    }
}

#[component]
pub fn CasePage() -> impl IntoView {
    let l = use_locale();
    let params = use_params_map();
    let reference = params.with_untracked(|p| p.get("reference").unwrap_or_default());
    match page_data::<types::cases::CasePage>() {
        Some(p) => case_view(l, p.case, p.notice).into_any(),
        _ if use_context::<SignedIn>().is_none() => view! {
            <Title text=l.t("申请进度", "Application") />
            <h1>{l.t("申请进度", "Application")}" "{reference}</h1>
            {sign_in_first(l)}
        }
        .into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

fn case_view(l: Locale, c: CaseDetail, notice: Option<(String, String)>) -> impl IntoView {
    let s = c.summary.clone();
    let reference = s.reference.clone();
    let slip = format!("/cases/{reference}/slip.pdf");
    let can_add = c.actions.iter().any(|a| a == "add_documents");
    let qr = RwSignal::new(None::<(i32, String)>);
    let path = format!("/cases/{reference}");
    Effect::new(move |_| {
        let origin = window().location().origin().unwrap_or_default();
        qr.set(qr_svg_path(&format!("{origin}{path}")));
    });
    view! {
        <Title text=format!("{} {}", l.t("申请进度", "Application"), reference) />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/">{l.t("首页", "Home")}</a>" › "<a href="/cases" rel="external">{l.t("我的申请", "My applications")}</a>
        </nav>
        <h1>{kind_label(l, &s.kind)}</h1>
        {notice.map(|(zh, en)| view! { <p class="notice" role="status" data-testid="case-notice">{l.t_owned(&zh, &en)}</p> })}
        {posted_error(l, "未能完成，没有做任何更改", "Not done; nothing was changed")}
        <section class="case-head" aria-labelledby="case-ref-heading">
            <h2 id="case-ref-heading">{l.t("受理编号", "Reference")}" "<span class="case-ref" data-testid="case-reference">{reference.clone()}</span></h2>
            <p class="case-state">{state_badge(l, &s.state)}</p>
            <p class="lead" data-testid="case-next-step">{state_next_step(l, &s.state)}</p>
            <p>{l.t("受理街道：", "Street office: ")}{l.t_owned(&s.street_zh, &s.street_en)}" · "{l.t("提交于 ", "Sent ")}{s.submitted.clone()}</p>
            {deadline_text(l, &s).map(|t| view! { <p data-testid="case-deadline">{t}</p> })}
            {c.money.clone().map(|m| money_view(l, &m))}
            <div class="slip">
                {move || qr.get().map(|(size, d)| view! {
                    <svg class="qr" role="img" viewBox=format!("0 0 {size} {size}") aria-label=l.t("查询进度的二维码", "QR code to follow this application")>
                        <rect width=size.to_string() height=size.to_string() fill="#ffffff" />
                        <path d=d fill="#000000" />
                    </svg>
                })}
                <p>
                    <a class="button" href=slip rel="external" data-testid="case-slip">{l.t("受理回执（PDF，可打印）", "Acknowledgement slip (PDF, to print)")}</a>
                </p>
            </div>
        </section>
        <section aria-labelledby="steps-heading">
            <h2 id="steps-heading">{l.t("办理经过", "Steps so far")}</h2>
            {steps_view(l, &c.events)}
        </section>
        <section aria-labelledby="people-heading">
            <h2 id="people-heading">{l.t("申请信息（已隐去部分内容）", "What was sent (partly hidden)")}</h2>
            {people_view(l, &c)}
        </section>
        <section aria-labelledby="docs-heading">
            <h2 id="docs-heading">{l.t("材料", "Documents")}</h2>
            {documents_view(l, &c.documents, &format!("/cases/{reference}/documents/"))}
            {can_add.then(|| add_documents_form(l, &reference))}
        </section>
    }
}

/// Every step of a case with who took it, when, and the reason in plain words.
pub fn steps_view(l: Locale, events: &[cv::CaseEvent]) -> impl IntoView + use<> {
    view! {
        <ol class="case-steps" data-testid="case-steps">
            {events.iter().map(|e| view! {
                <li data-state=e.to.clone()>
                    <strong>{label(l, CASE_STATES, &e.to)}</strong>" · "{e.at.clone()}" · "{e.by.clone()}
                    {(!e.reason_zh.is_empty()).then(|| view! { <p class="reason">{l.t_owned(&e.reason_zh, &e.reason_en)}</p> })}
                </li>
            }).collect_view()}
        </ol>
    }
}

pub fn money_view(l: Locale, m: &cv::CaseMoney) -> impl IntoView + use<> {
    let basis = m.basis.clone();
    view! {
        <dl class="case-money" data-testid="case-money">
            {(m.claimed_fen > 0).then(|| view! { <dt>{l.t("申请报销", "Reimbursement asked")}</dt><dd>{amount(l, m.claimed_fen)}</dd> })}
            {m.estimate_fen.map(|f| view! { <dt>{l.t("按现行标准估算", "By the standards in force")}</dt><dd data-testid="case-estimate">{amount(l, f)}</dd> })}
            {m.decided_fen.map(|f| view! { <dt>{l.t("批准金额", "Approved")}</dt><dd data-testid="case-decided">{amount(l, f)}</dd> })}
        </dl>
        {(!basis.is_empty()).then(|| view! {
            <details class="basis">
                <summary>{l.t("依据的标准", "Standards used")}</summary>
                <ul>{basis.into_iter().map(|(name, value, from)| view! { <li>{name}"：" {value}{l.t("（", " (from ")}{from}{l.t(" 起）", ")")}</li> }).collect_view()}</ul>
            </details>
        })}
    }
}

pub fn people_view(l: Locale, c: &CaseDetail) -> impl IntoView + use<> {
    view! {
        <dl class="case-people" data-testid="case-people">
            {c.people.iter().map(|p| view! { <dt>{l.t_owned(&p.label_zh, &p.label_en)}</dt><dd>{p.value.clone()}</dd> }).collect_view()}
            <dt>{l.t("联系电话", "Phone")}</dt><dd>{c.phone.clone()}</dd>
        </dl>
    }
}

pub fn documents_view(l: Locale, docs: &[cv::CaseDocument], base: &str) -> impl IntoView + use<> {
    if docs.is_empty() {
        return view! { <p>{l.t("还没有材料。", "No documents yet.")}</p> }.into_any();
    }
    view! {
        <ul class="case-documents" data-testid="case-documents">
            {docs.iter().map(|d| {
                let href = format!("{base}{}", d.id);
                let by = if d.added_by == "applicant" { l.t("申请人", "applicant") } else { l.t("工作人员", "staff") };
                view! {
                    <li>
                        <a href=href rel="external" target="_blank">{label(l, DOCUMENT_KINDS, &d.kind)}</a>
                        " · "{format!("{} KB", (d.size + 1023) / 1024)}" · "{by}" · "{d.added.clone()}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn add_documents_form(l: Locale, reference: &str) -> impl IntoView + use<> {
    view! {
        <form method="post" action=format!("/cases/{reference}") enctype="multipart/form-data" class="check-form" novalidate data-testid="add-documents">
            <h3>{l.t("补充材料", "Add a document")}</h3>
            {select_field(l, "kind", l.t("材料类型", "Kind of document"), choices_of(l, DOCUMENT_KINDS), None)}
            {file_field(l, "doc_file", l.t("文件", "File"), true)}
            <p><button type="submit" class="button primary" data-testid="add-documents-submit">{l.t("上传", "Upload")}</button></p>
        </form>
    }
}
