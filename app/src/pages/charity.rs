//! 慈善捐赠, public: the charity and its projects, one project's page with the donation and
//! goods-pledge forms, the sandbox gateway's payment page, the donor's order page, the
//! transparency page, the receipt check and a signed-in donor's receipts.
//!
//! Every page is rendered on the server from `PageData` and works without JavaScript: forms post
//! to the server (`server/src/site/charity.rs`), pages that wait for a payment refresh themselves
//! with `<meta http-equiv="refresh">`. Amounts are integer fen, shown with [`yuan`].

use crate::account::{PostedError, SignedIn};
use crate::charity_views::{
    self as cv, Charity, GOODS_CATEGORIES, LedgerLine, PAYEE_CATEGORIES, ProjectSummary,
};
use crate::check::handoff::qr_svg_path;
use crate::i18n::Locale;
use crate::money::yuan;
use crate::pages::not_found::NotFound;
use crate::prefs::{use_locale, use_prefs};
use crate::staff_views::PageData;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// What the donor had typed, given back when the donation form is shown again with an error
/// (server side only; the hydrating browser keeps the values the server rendered).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DonationDraft {
    pub amount: String,
    pub preset: String,
    pub name: String,
    pub anonymous: bool,
    pub receipt: bool,
}

/// Preset amounts in yuan.
const PRESETS: [&str; 4] = ["10", "50", "100", "500"];

fn money(fen: i64) -> String {
    format!("¥{}", yuan(fen))
}

fn field_error(l: Locale, field: &str) -> Option<String> {
    use_context::<PostedError>()
        .filter(|e| e.field == field)
        .map(|e| l.t_owned(&e.zh, &e.en))
}

/// The error summary at the top of a form's page, if the form was posted with an error.
fn error_summary(l: Locale) -> impl IntoView {
    use_context::<PostedError>().map(|e| {
        view! {
            <div class="error-summary" id="error-summary" role="alert" tabindex="-1" data-testid="error-summary">
                <h2>{l.t("请修改以下内容", "Please correct the following")}</h2>
                <ul><li><a href=format!("#{}", e.field)>{l.t_owned(&e.zh, &e.en)}</a></li></ul>
            </div>
        }
    })
}

fn status_label(l: Locale, status: &str) -> &'static str {
    match status {
        "open" => l.t("募捐中", "Taking donations"),
        "closed" => l.t("已结束", "Ended"),
        "reported" => l.t("已结项公开", "Ended and reported"),
        "draft" => l.t("草稿", "Draft"),
        _ => l.t("未知", "Unknown"),
    }
}

fn kind_label(l: Locale, kind: &str) -> &'static str {
    match kind {
        "donation" => l.t("捐赠", "Donation"),
        "disbursement" => l.t("支出", "Disbursement"),
        "refund" => l.t("退款", "Refund"),
        _ => l.t("其他", "Other"),
    }
}

/// A ledger counterparty in the page's language (masked names stay as they are).
fn counterparty(l: Locale, text: &str) -> String {
    if l == Locale::Zh {
        return text.to_string();
    }
    if text == "匿名" {
        return "Anonymous".into();
    }
    PAYEE_CATEGORIES
        .iter()
        .find(|(_, zh, _)| *zh == text)
        .map(|(_, _, en)| en.to_string())
        .unwrap_or_else(|| text.to_string())
}

/// Raised against goal as a percentage with one decimal (not capped: 120.5 %).
fn percent(raised: i64, goal: i64) -> String {
    if goal <= 0 {
        return "0".into();
    }
    let pm = i128::from(raised.max(0)) * 1000 / i128::from(goal);
    format!("{}.{}", pm / 10, pm % 10)
}

/// The progress bar of a project with its figures in words, so colour is never the only signal.
fn progress(l: Locale, p: &ProjectSummary, id: String) -> impl IntoView + use<> {
    let text = match l {
        Locale::Zh => format!(
            "已筹 {} / 目标 {}（{}%）",
            money(p.raised_fen),
            money(p.goal_fen),
            percent(p.raised_fen, p.goal_fen)
        ),
        Locale::En => format!(
            "Raised {} of {} ({}%)",
            money(p.raised_fen),
            money(p.goal_fen),
            percent(p.raised_fen, p.goal_fen)
        ),
    };
    let permille = p.progress_permille();
    let for_id = id.clone();
    view! {
        <div class="raise">
            <label for=for_id class="raise-label" data-testid="raised-text">{text}</label>
            <progress id=id class="raise-bar" max="1000" value=permille.to_string() data-testid="raise-bar">
                {format!("{}.{}%", permille / 10, permille % 10)}
            </progress>
        </div>
    }
}

fn charity_card(l: Locale, c: Charity) -> AnyView {
    view! {
        <section class="charity-card" aria-labelledby="charity-name" data-testid="charity-card">
            <h2 id="charity-name">{c.name}</h2>
            <dl class="street-card">
                <dt>{l.t("统一社会信用代码", "Unified social credit code")}</dt>
                <dd data-testid="charity-registration">{c.registration}</dd>
                <dt>{l.t("公开募捐资格证书", "Public fundraising certificate")}</dt>
                <dd data-testid="charity-certificate">{c.fundraising_certificate}</dd>
                <dt>{l.t("联系方式", "Contact")}</dt>
                <dd>{c.contact}</dd>
            </dl>
        </section>
    }
    .into_any()
}

fn breadcrumb(l: Locale) -> AnyView {
    view! {
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/charity" rel="external">{l.t("慈善捐赠", "Charity donations")}</a>
        </nav>
    }
    .into_any()
}

/// A table inside a region that scrolls sideways on narrow screens (keyboard reachable).
fn scroll_region(label: &'static str, table: AnyView) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-label=label tabindex="0">{table}</div>
    }
}

/// Ledger lines as a table; each row has the id `entry-{seq}` so a donor can be sent to theirs.
fn ledger_table(
    l: Locale,
    lines: Vec<LedgerLine>,
    titles: Option<Vec<(String, String)>>,
) -> AnyView {
    if lines.is_empty() {
        return view! { <p data-testid="ledger-empty">{l.t("暂无收支记录。", "No entries yet.")}</p> }.into_any();
    }
    let with_project = titles.is_some();
    let titles = titles.unwrap_or_default();
    let table = view! {
        <table class="charity-table ledger-table" data-testid="ledger">
            <caption>{l.t("收支明细（捐赠人已隐去姓名）", "Entries (donors' names masked)")}</caption>
            <thead><tr>
                <th scope="col">{l.t("序号", "No.")}</th>
                <th scope="col">{l.t("时间", "Time")}</th>
                {with_project.then(|| view! { <th scope="col">{l.t("项目", "Project")}</th> })}
                <th scope="col">{l.t("类型", "Kind")}</th>
                <th scope="col" class="num">{l.t("金额（元）", "Amount (¥)")}</th>
                <th scope="col">{l.t("捐赠人 / 收款方", "Donor / payee")}</th>
                <th scope="col">{l.t("用途或说明", "Purpose or note")}</th>
                <th scope="col">{l.t("哈希", "Hash")}</th>
            </tr></thead>
            <tbody>
                {lines.into_iter().map(|e| {
                    let title = titles.iter().find(|(id, _)| *id == e.project_id).map(|(_, t)| t.clone()).unwrap_or_else(|| e.project_id.clone());
                    let sign = if e.kind == "donation" { "" } else { "−" };
                    view! {
                        <tr id=format!("entry-{}", e.seq) data-testid="ledger-row" data-kind=e.kind.clone() data-seq=e.seq.to_string()>
                            <td>{e.seq}</td>
                            <td class="nowrap">{e.at.clone()}</td>
                            {with_project.then(|| view! { <td>{title}</td> })}
                            <td>{kind_label(l, &e.kind)}</td>
                            <td class="num" data-testid="ledger-amount">{format!("{sign}{}", yuan(e.amount_fen))}</td>
                            <td data-testid="ledger-counterparty">{counterparty(l, &e.counterparty)}</td>
                            <td>
                                {e.memo.clone()}
                                {e.has_evidence.then(|| view! { <span class="tag">{l.t("（附凭证）", " (evidence filed)")}</span> })}
                            </td>
                            <td><code>{e.hash.clone()}</code></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any();
    scroll_region(l.t("收支明细", "Entries"), table).into_any()
}

/* ---------------------------------------------------------------- /charity */

#[component]
pub fn CharityHomePage() -> impl IntoView {
    let l = use_locale();
    let home = match use_context::<PageData>() {
        Some(PageData::CharityHome(h)) => Some(h),
        _ => None,
    };
    view! {
        <Title text=l.t("慈善捐赠", "Charity donations") />
        <h1>{l.t("慈善捐赠", "Charity donations")}</h1>
        <p class="lead">{l.t(
            "每一笔捐款都记入公开账本：筹了多少、花在哪里、还剩多少，人人可查。",
            "Every gift goes into a public ledger: what was raised, where it went and what is left, open to all.",
        )}</p>
        {match home {
            None => view! {
                <p class="notice" role="status">{l.t("页面暂时无法显示，请稍后刷新。", "This page cannot be shown just now; please reload shortly.")}</p>
            }.into_any(),
            Some(h) => view! {
                {charity_card(l, h.charity)}
                <p class="page-links">
                    <a href="/charity/transparency" rel="external" data-testid="transparency-link">{l.t("信息公开与对账", "Transparency and reconciliation")}</a>
                    " · "
                    <a href="/charity/receipts/check" rel="external">{l.t("查验捐赠收据", "Check a receipt")}</a>
                    " · "
                    <a href="/charity/mine" rel="external">{l.t("我的捐赠收据", "My receipts")}</a>
                </p>
                <h2>{l.t("募捐项目", "Projects")}</h2>
                {h.projects.is_empty().then(|| view! { <p>{l.t("目前没有公开的募捐项目。", "No public project just now.")}</p> })}
                <ul class="card-list project-list" data-testid="projects">
                    {h.projects.into_iter().map(|p| project_card(l, p)).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

fn project_card(l: Locale, p: ProjectSummary) -> AnyView {
    let href = format!("/charity/projects/{}", p.id);
    let bar = progress(l, &p, format!("raise-{}", p.id));
    view! {
        <li class="card project-card" data-testid="project-card" data-id=p.id.clone() data-status=p.status.clone()>
            <h3><a href=href.clone() rel="external">{p.title.clone()}</a></h3>
            <p class="filing-line">{l.t("备案编号：", "Filing no.: ")}<span data-testid="filing-no">{p.filing_no.clone()}</span></p>
            <p>
                <span class=format!("status-tag status-{}", p.status)>{status_label(l, &p.status)}</span>
                {p.emergency.then(|| view! { <span class="status-tag status-emergency">{l.t("应急募捐", "Emergency appeal")}</span> })}
                " "
                <span class="dates">{format!("{} – {}", p.starts_on, p.ends_on)}</span>
            </p>
            {bar}
            <p>
                <a class="button primary" href=href rel="external">
                    {if p.status == "open" { l.t("查看并捐款", "See and give") } else { l.t("查看项目", "See the project") }}
                </a>
            </p>
        </li>
    }
    .into_any()
}

/* ------------------------------------------------------- /charity/projects/:id */

#[component]
pub fn ProjectPage() -> impl IntoView {
    let l = use_locale();
    match use_context::<PageData>() {
        Some(PageData::CharityProject(p)) => project_page(l, *p).into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

fn project_page(l: Locale, page: cv::ProjectPage) -> AnyView {
    let p = page.project.clone();
    let bar = progress(l, &p, "project-raise".into());
    let last = p.last_report_on.clone();
    view! {
        <Title text=p.title.clone() />
        {breadcrumb(l)}
        <h1 data-testid="project-title">{p.title.clone()}</h1>
        <p class="filing" data-testid="project-filing">
            {l.t("慈善组织公开募捐方案备案编号：", "Fundraising filing number: ")}
            <strong data-testid="filing-no">{p.filing_no.clone()}</strong>
        </p>
        {page.notice.clone().map(|(zh, en)| view! { <p class="notice" role="status" data-testid="notice">{l.t_owned(&zh, &en)}</p> })}
        {error_summary(l)}
        <p>
            <span class=format!("status-tag status-{}", p.status) data-testid="project-status">{status_label(l, &p.status)}</span>
            {p.emergency.then(|| view! { <span class="status-tag status-emergency">{l.t("应急募捐", "Emergency appeal")}</span> })}
            " "
            <span class="dates">{l.t("募捐期限 ", "Runs ")}{format!("{} – {}", p.starts_on, p.ends_on)}</span>
        </p>
        {bar}
        <dl class="figures charity-figures" data-testid="project-figures">
            <div><dt>{l.t("已筹", "Raised")}</dt><dd data-testid="raised">{money(p.raised_fen)}</dd></div>
            <div><dt>{l.t("已支出", "Spent")}</dt><dd>{money(p.disbursed_fen)}</dd></div>
            <div><dt>{l.t("已退款", "Refunded")}</dt><dd>{money(p.refunded_fen)}</dd></div>
            <div><dt>{l.t("结余", "Balance")}</dt><dd data-testid="balance">{money(p.balance_fen)}</dd></div>
            <div><dt>{l.t("捐赠笔数", "Donations")}</dt><dd>{p.donations}</dd></div>
        </dl>
        <h2>{l.t("项目介绍", "About the project")}</h2>
        <div class="story">
            {page.story.split('\n').filter(|s| !s.trim().is_empty()).map(|para| view! { <p>{para.to_string()}</p> }).collect_view()}
        </div>
        {if page.accepting {
            view! {
                {donation_form(l, &page)}
                {pledge_form(l, &page)}
            }.into_any()
        } else {
            view! {
                <p class="notice" data-testid="not-accepting">{l.t(
                    "该项目目前不接受捐款（未开始或已结束）。",
                    "This project is not taking donations (not started or already ended).",
                )}</p>
            }.into_any()
        }}
        <h2 id="budget">{l.t("预算与实际支出", "Budget and actual spending")}</h2>
        {budget_table(l, page.budget.clone())}
        <h2 id="updates">{l.t("项目进展公开", "Progress reports")}</h2>
        <p data-testid="last-report">
            {l.t("最近一次公开：", "Last published: ")}
            {last.unwrap_or_else(|| l.t("尚未发布", "none yet").to_string())}
        </p>
        <ul class="update-list" data-testid="updates">
            {page.updates.clone().into_iter().map(|u| view! {
                <li class="card" data-testid="update">
                    <h3>{u.title}
                        {(u.kind == "final").then(|| view! { <span class="status-tag">{l.t("结项报告", "Final report")}</span> })}
                    </h3>
                    <p class="dates">{u.published_on}</p>
                    {u.body.split('\n').filter(|s| !s.trim().is_empty()).map(|para| view! { <p>{para.to_string()}</p> }).collect_view()}
                </li>
            }).collect_view()}
        </ul>
        <h2 id="ledger">{l.t("项目账本", "Project ledger")}</h2>
        {ledger_table(l, page.ledger.clone(), None)}
        <p class="page-links">
            <a href="/charity/transparency" rel="external">{l.t("全部信息公开与对账", "All figures and the reconciliation")}</a>
        </p>
        {charity_card(l, page.charity.clone())}
    }
    .into_any()
}

fn budget_table(l: Locale, lines: Vec<cv::BudgetLine>) -> AnyView {
    if lines.is_empty() {
        return view! { <p>{l.t("未列预算明细。", "No budget lines.")}</p> }.into_any();
    }
    let table = view! {
        <table class="charity-table" data-testid="budget">
            <caption>{l.t("预算项目", "Budget lines")}</caption>
            <thead><tr>
                <th scope="col">{l.t("项目", "Line")}</th>
                <th scope="col" class="num">{l.t("预算（元）", "Budget (¥)")}</th>
                <th scope="col" class="num">{l.t("实际支出（元）", "Spent (¥)")}</th>
            </tr></thead>
            <tbody>
                {lines.into_iter().map(|b| view! {
                    <tr>
                        <th scope="row">{b.label}</th>
                        <td class="num">{yuan(b.budget_fen)}</td>
                        <td class="num">{yuan(b.actual_fen)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any();
    scroll_region(l.t("预算与实际支出", "Budget and spending"), table).into_any()
}

fn donation_form(l: Locale, page: &cv::ProjectPage) -> AnyView {
    let draft = use_context::<DonationDraft>().unwrap_or_default();
    let (min, max) = page.limits;
    let limits = match l {
        Locale::Zh => format!(
            "单笔 {} 至 {}；填写了其他金额时，以填写的金额为准。",
            money(min),
            money(max)
        ),
        Locale::En => format!(
            "From {} to {} per gift; an amount typed in wins over the buttons.",
            money(min),
            money(max)
        ),
    };
    let amount_err = field_error(l, "amount");
    let name_err = field_error(l, "donor_name");
    let receipt_err = field_error(l, "receipt");
    let signed_in = use_context::<SignedIn>().is_some();
    view! {
        <section class="donate" aria-labelledby="donate-heading">
            <h2 id="donate-heading">{l.t("我要捐款", "Give money")}</h2>
            <form method="post" action=format!("/charity/projects/{}", page.project.id) class="check-form donate-form" id="donate" novalidate>
                <input type="hidden" name="form" value="donate" />
                <fieldset class="field">
                    <legend>{l.t("捐款金额", "Amount")}</legend>
                    <div class="amount-presets">
                        {PRESETS.iter().map(|v| {
                            let id = format!("preset-{v}");
                            let for_id = id.clone();
                            view! {
                                <label class="choice preset" for=for_id>
                                    <input type="radio" id=id name="preset" value=*v checked=draft.preset == *v data-testid=format!("preset-{v}") />
                                    <span>{format!("¥{v}")}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    <label for="amount" class="amount-label">{l.t("其他金额（元）", "Another amount (yuan)")}</label>
                    <input id="amount" name="amount" type="text" inputmode="decimal" autocomplete="off" maxlength="20"
                        class="amount-input" value=draft.amount.clone()
                        aria-invalid=if amount_err.is_some() { "true" } else { "false" }
                        aria-describedby=if amount_err.is_some() { "amount-error amount-hint" } else { "amount-hint" }
                        data-testid="amount" />
                    <p class="hint" id="amount-hint" data-testid="limits">{limits}</p>
                    {amount_err.map(|e| view! { <p class="field-error" id="amount-error" data-testid="amount-error">{e}</p> })}
                </fieldset>
                <div class="field">
                    <label for="donor_name">{l.t("捐赠人姓名（开收据用，匿名可不填）", "Donor's name (for the receipt; leave empty if anonymous)")}</label>
                    <input id="donor_name" name="donor_name" type="text" autocomplete="name" maxlength="30" value=draft.name.clone()
                        aria-invalid=if name_err.is_some() { "true" } else { "false" }
                        aria-describedby=name_err.is_some().then_some("donor_name-error")
                        data-testid="donor-name" />
                    {name_err.map(|e| view! { <p class="field-error" id="donor_name-error">{e}</p> })}
                    <p class="hint">{l.t(
                        "公开账本只显示姓氏（如“张*”）；姓名加密保存，只用于开具收据。",
                        "The public ledger shows only the family name (e.g. 张*); the name is stored encrypted, only for the receipt.",
                    )}</p>
                </div>
                <label class="choice" for="anonymous">
                    <input type="checkbox" id="anonymous" name="anonymous" value="yes" checked=draft.anonymous data-testid="anonymous" />
                    <span>{l.t("匿名捐赠（账本显示“匿名”，不开收据）", "Give anonymously (the ledger shows “anonymous”; no receipt)")}</span>
                </label>
                <label class="choice" for="receipt">
                    <input type="checkbox" id="receipt" name="receipt" value="yes" checked=draft.receipt
                        aria-describedby=receipt_err.is_some().then_some("receipt-error") data-testid="receipt" />
                    <span>{l.t("需要捐赠收据（可用于个人所得税税前扣除）", "I want a donation receipt (usable for income-tax deduction)")}</span>
                </label>
                {receipt_err.map(|e| view! { <p class="field-error" id="receipt-error">{e}</p> })}
                {signed_in.then(|| view! {
                    <p class="hint">{l.t("您已登录：收据会同时保存在“我的捐赠收据”里。", "You are signed in: the receipt will also be kept under “My receipts”.")}</p>
                })}
                <div class="nav-buttons">
                    <button type="submit" class="button primary" data-testid="donate">{l.t("去支付", "Continue to payment")}</button>
                </div>
                <p class="hint">{l.t(
                    "下一步进入支付平台付款；付款成功后捐款才记入账本。",
                    "Next you pay at the payment platform; the gift enters the ledger once paid.",
                )}</p>
            </form>
        </section>
    }
    .into_any()
}

fn pledge_form(l: Locale, page: &cv::ProjectPage) -> AnyView {
    let err = |f: &str| field_error(l, f);
    let described = |e: &Option<String>, id: &'static str| e.is_some().then_some(id);
    let (cat_err, desc_err, qty_err, unit_err, cond_err, street_err, name_err, form_err) = (
        err("pledge_category"),
        err("pledge_description"),
        err("pledge_quantity"),
        err("pledge_unit"),
        err("pledge_condition"),
        err("pledge_street_code"),
        err("pledge_donor_name"),
        err("pledge_form"),
    );
    let msg = |e: Option<String>, id: &'static str| {
        e.map(|e| view! { <p class="field-error" id=id>{e}</p> })
    };
    view! {
        <section class="pledge" aria-labelledby="pledge-heading">
            <h2 id="pledge-heading">{l.t("捐赠物资", "Give goods")}</h2>
            <p>{l.t(
                "先在这里登记要捐的物品，再带着认捐编号送到所选的街道服务中心；工作人员签收后记入款物台账。",
                "Register what you will give here, then bring it with the pledge number to the street centre you choose; staff sign for it and enter it in the goods ledger.",
            )}</p>
            <form method="post" action=format!("/charity/projects/{}", page.project.id) class="check-form" id="pledge_form" novalidate>
                <input type="hidden" name="form" value="pledge" />
                {msg(form_err, "pledge_form-error")}
                <div class="field">
                    <label for="pledge_category">{l.t("物资类别", "Kind of goods")}</label>
                    <select id="pledge_category" name="category" aria-describedby=described(&cat_err, "pledge_category-error") data-testid="pledge-category">
                        <option value="">{l.t("请选择", "Choose")}</option>
                        {GOODS_CATEGORIES.iter().map(|(code, zh, en)| view! { <option value=*code>{l.t(zh, en)}</option> }).collect_view()}
                    </select>
                    {msg(cat_err, "pledge_category-error")}
                </div>
                <div class="field">
                    <label for="pledge_description">{l.t("物品说明（如：冬季棉被）", "What it is (e.g. winter quilts)")}</label>
                    <input id="pledge_description" name="description" type="text" maxlength="100"
                        aria-describedby=described(&desc_err, "pledge_description-error") data-testid="pledge-description" />
                    {msg(desc_err, "pledge_description-error")}
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="pledge_quantity">{l.t("数量", "Quantity")}</label>
                        <input id="pledge_quantity" name="quantity" type="text" inputmode="numeric" maxlength="6"
                            aria-describedby=described(&qty_err, "pledge_quantity-error") data-testid="pledge-quantity" />
                        {msg(qty_err, "pledge_quantity-error")}
                    </div>
                    <div class="field">
                        <label for="pledge_unit">{l.t("单位（件、箱、袋…）", "Unit (pieces, boxes…)")}</label>
                        <input id="pledge_unit" name="unit" type="text" maxlength="8"
                            aria-describedby=described(&unit_err, "pledge_unit-error") data-testid="pledge-unit" />
                        {msg(unit_err, "pledge_unit-error")}
                    </div>
                </div>
                <fieldset class="field" id="pledge_condition">
                    <legend>{l.t("新旧程度", "Condition")}</legend>
                    <div class="choices">
                        {[("new", "全新", "New"), ("good", "九成新", "As good as new"), ("used", "旧物（干净可用）", "Used (clean and usable)")].into_iter().map(|(v, zh, en)| {
                            let id = format!("condition-{v}");
                            let for_id = id.clone();
                            view! {
                                <label class="choice" for=for_id>
                                    <input type="radio" id=id name="condition" value=v data-testid=format!("pledge-condition-{v}") />
                                    <span>{l.t(zh, en)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {msg(cond_err, "pledge_condition-error")}
                </fieldset>
                <div class="field">
                    <label for="pledge_street_code">{l.t("送到哪个街道服务中心", "Street centre to bring it to")}</label>
                    <select id="pledge_street_code" name="street_code" aria-describedby=described(&street_err, "pledge_street_code-error") data-testid="pledge-street">
                        <option value="">{l.t("请选择", "Choose")}</option>
                        {page.streets.iter().map(|(code, name)| view! { <option value=code.clone()>{name.clone()}</option> }).collect_view()}
                    </select>
                    {msg(street_err, "pledge_street_code-error")}
                </div>
                <div class="field">
                    <label for="pledge_donor_name">{l.t("捐赠人姓名（可不填）", "Your name (optional)")}</label>
                    <input id="pledge_donor_name" name="pledge_name" type="text" autocomplete="name" maxlength="30"
                        aria-describedby=described(&name_err, "pledge_donor_name-error") data-testid="pledge-name" />
                    {msg(name_err, "pledge_donor_name-error")}
                </div>
                <div class="nav-buttons">
                    <button type="submit" class="button primary" data-testid="pledge">{l.t("登记认捐", "Register the pledge")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/* ------------------------------------------------------- /pay/sandbox/:order */

#[component]
pub fn PaymentPage() -> impl IntoView {
    let l = use_locale();
    match use_context::<PageData>() {
        Some(PageData::Payment(p)) => payment_page(l, p).into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

fn payment_page(l: Locale, p: cv::PaymentPage) -> AnyView {
    let kiosk = use_prefs().kiosk;
    let o = p.order.clone();
    let order_page = format!("/charity/orders/{}", o.order_no);
    let pay_error = field_error(l, "pay");
    let body = match o.status.as_str() {
        "expired" => view! {
            <p class="notice" role="status" data-testid="pay-expired">{l.t(
                "订单已过期，未扣款。如仍想捐款，请回到项目页重新发起。",
                "The order has expired; nothing was charged. To give, please start again from the project page.",
            )}</p>
            <p><a class="button primary" rel="external" href=format!("/charity/projects/{}", o.project_id)>{l.t("回到项目页", "Back to the project")}</a></p>
        }.into_any(),
        "paid" => view! {
            <p class="notice" role="status" data-testid="pay-done">{l.t("该订单已支付。", "This order is paid.")}</p>
            <p><a class="button primary" rel="external" href=order_page.clone()>{l.t("查看捐款结果", "See the donation")}</a></p>
        }.into_any(),
        _ if kiosk => {
            let url = p.pay_url_absolute.clone();
            view! {
                <Meta http_equiv="refresh" content="3" />
                <div class="pay-qr" data-testid="pay-qr-block" data-url=url.clone()>
                    <p class="pay-scan">{l.t("请用手机扫码支付", "Scan with your phone to pay")}</p>
                    {qr_svg_path(&url).map(|(size, path)| view! {
                        <svg class="qr pay-qr-code" role="img" aria-label=l.t("支付二维码", "Payment QR code")
                            viewBox=format!("0 0 {size} {size}") width="480" height="480" data-testid="pay-qr" data-url=url.clone()>
                            <rect width="100%" height="100%" fill="#fff" />
                            <path d=path fill="#000" />
                        </svg>
                    })}
                    <p class="hint">{l.t("付款完成后，本页会自动跳转。", "Once paid, this page moves on by itself.")}</p>
                    <p class="pay-url"><span>{l.t("支付地址：", "Payment address: ")}</span><span data-testid="pay-url">{url.clone()}</span></p>
                </div>
            }.into_any()
        }
        _ => view! {
            {pay_error.map(|e| view! {
                <div class="error-summary" id="error-summary" role="alert" tabindex="-1" data-testid="error-summary">
                    <h2>{l.t("未能支付", "Not paid")}</h2>
                    <p id="pay">{e}</p>
                </div>
            })}
            <form method="post" action=format!("/pay/sandbox/{}/confirm", o.order_no) class="pay-form">
                <button type="submit" class="button primary pay-button" data-testid="confirm-pay">
                    {l.t("确认支付 ", "Pay ")}{money(o.amount_fen)}
                </button>
            </form>
            <p class="hint">{l.t("这是演示用的模拟支付，不会真实扣款。", "This is a demo payment: no real money moves.")}</p>
        }.into_any(),
    };
    view! {
        <Title text=l.t("模拟支付平台（演示）", "Sandbox payment (demo)") />
        <section class="sandbox-gateway" aria-labelledby="gateway-title" data-testid="sandbox-gateway">
            <header class="gateway-bar">
                <span class="gateway-logo" aria-hidden="true">"¥"</span>
                <h1 id="gateway-title">{l.t("模拟支付平台（演示）", "Sandbox payment (demo)")}</h1>
            </header>
            <dl class="gateway-order">
                <dt>{l.t("收款方", "Payee")}</dt><dd>{l.t("慈善组织（网上募捐）", "The charity (online giving)")}</dd>
                <dt>{l.t("订单号", "Order number")}</dt><dd data-testid="pay-order">{o.order_no.clone()}</dd>
                <dt>{l.t("项目", "Project")}</dt><dd>{o.project_title.clone()}</dd>
                <dt>{l.t("金额", "Amount")}</dt><dd class="gateway-amount" data-testid="pay-amount">{money(o.amount_fen)}</dd>
                <dt>{l.t("请在此时间前支付", "Pay before")}</dt><dd>{o.expires.clone()}</dd>
            </dl>
            {body}
        </section>
    }
    .into_any()
}

/* ------------------------------------------------------- /charity/orders/:order */

#[component]
pub fn OrderPage() -> impl IntoView {
    let l = use_locale();
    match use_context::<PageData>() {
        Some(PageData::DonationOrder {
            order,
            receipt_here,
        }) => order_page(l, order, receipt_here).into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

fn order_page(l: Locale, o: cv::OrderStatus, receipt_here: bool) -> AnyView {
    let project = format!("/charity/projects/{}", o.project_id);
    let body = match o.status.as_str() {
        "paid" => {
            let entry = o.entry_seq.map(|seq| format!("{project}#entry-{seq}")).unwrap_or_else(|| format!("{project}#ledger"));
            let receipt = o.receipt_no.clone().map(|number| {
                if receipt_here {
                    view! {
                        <p>
                            {l.t("收据编号：", "Receipt number: ")}<strong data-testid="receipt-no">{number}</strong>
                        </p>
                        <p><a class="button primary" rel="external" download href=format!("/charity/orders/{}/receipt.pdf", o.order_no) data-testid="receipt-pdf">
                            {l.t("下载捐赠收据（PDF）", "Download the receipt (PDF)")}
                        </a></p>
                    }.into_any()
                } else {
                    view! {
                        <p data-testid="receipt-elsewhere">{l.t(
                            "收据已开具。请在捐款时使用的浏览器下载，或登录后在“我的捐赠收据”中下载。",
                            "The receipt is issued. Download it in the browser you gave from, or sign in and find it under “My receipts”.",
                        )}</p>
                    }.into_any()
                }
            });
            view! {
                <p class="notice success" role="status" data-testid="order-paid">{l.t("捐款成功，谢谢您的爱心！", "Thank you: your gift has arrived!")}</p>
                <dl class="street-card">
                    <dt>{l.t("金额", "Amount")}</dt><dd data-testid="order-amount">{money(o.amount_fen)}</dd>
                    <dt>{l.t("项目", "Project")}</dt><dd>{o.project_title.clone()}</dd>
                    <dt>{l.t("订单号", "Order number")}</dt><dd>{o.order_no.clone()}</dd>
                </dl>
                {receipt}
                <p><a class="button" rel="external" href=entry data-testid="ledger-link">{l.t("在项目账本中查看这笔捐款", "See this gift in the project's ledger")}</a></p>
                <p class="page-links"><a rel="external" href="/charity">{l.t("返回慈善捐赠首页", "Back to charity donations")}</a></p>
            }.into_any()
        }
        "expired" => view! {
            <p class="notice" role="status" data-testid="order-expired">{l.t(
                "订单已过期，没有扣款，也没有记入账本。如仍想捐款，请重新发起。",
                "The order expired: nothing was charged or recorded. To give, please start again.",
            )}</p>
            <p><a class="button primary" rel="external" href=project.clone()>{l.t("回到项目页", "Back to the project")}</a></p>
        }.into_any(),
        _ => view! {
            <Meta http_equiv="refresh" content="2" />
            <p class="notice waiting" role="status" data-testid="order-pending">
                <span class="spinner" aria-hidden="true"></span>
                {l.t("正在确认支付结果…", "Confirming the payment…")}
            </p>
            <p class="hint">{l.t("本页每 2 秒自动刷新。还没有付款？", "This page refreshes every 2 seconds. Not paid yet?")}
                " "<a rel="external" href=o.pay_url.clone()>{l.t("去支付", "Go to payment")}</a></p>
        }.into_any(),
    };
    view! {
        <Title text=l.t("捐款结果", "Your donation") />
        {breadcrumb(l)}
        <h1>{l.t("捐款结果", "Your donation")}</h1>
        {body}
    }
    .into_any()
}

/* ------------------------------------------------------- /charity/transparency */

#[component]
pub fn TransparencyPage() -> impl IntoView {
    let l = use_locale();
    let t = match use_context::<PageData>() {
        Some(PageData::Transparency(t)) => Some(*t),
        _ => None,
    };
    view! {
        <Title text=l.t("信息公开与对账", "Transparency") />
        {breadcrumb(l)}
        <h1>{l.t("信息公开与对账", "Transparency and reconciliation")}</h1>
        {match t {
            Some(t) => transparency(l, t).into_any(),
            None => view! { <p class="notice" role="status">{l.t("页面暂时无法显示，请稍后刷新。", "This page cannot be shown just now; please reload shortly.")}</p> }.into_any(),
        }}
    }
}

fn transparency(l: Locale, t: cv::Transparency) -> AnyView {
    let titles: Vec<(String, String)> = t
        .projects
        .iter()
        .map(|p| (p.id.clone(), p.title.clone()))
        .collect();
    let r = t.reconciliation.clone();
    let projects_table = view! {
        <table class="charity-table" data-testid="project-table">
            <caption>{l.t("各项目收支", "Each project's figures")}</caption>
            <thead><tr>
                <th scope="col">{l.t("项目", "Project")}</th>
                <th scope="col">{l.t("备案编号", "Filing no.")}</th>
                <th scope="col">{l.t("状态", "Status")}</th>
                <th scope="col" class="num">{l.t("目标", "Goal")}</th>
                <th scope="col" class="num">{l.t("已筹", "Raised")}</th>
                <th scope="col" class="num">{l.t("已支出", "Spent")}</th>
                <th scope="col" class="num">{l.t("已退款", "Refunded")}</th>
                <th scope="col" class="num">{l.t("结余", "Balance")}</th>
                <th scope="col">{l.t("最近一次公开", "Last report")}</th>
            </tr></thead>
            <tbody>
                {t.projects.clone().into_iter().map(|p| view! {
                    <tr data-testid="project-row" data-id=p.id.clone()>
                        <th scope="row"><a rel="external" href=format!("/charity/projects/{}", p.id)>{p.title.clone()}</a></th>
                        <td>{p.filing_no.clone()}</td>
                        <td>{status_label(l, &p.status)}</td>
                        <td class="num">{yuan(p.goal_fen)}</td>
                        <td class="num">{yuan(p.raised_fen)}</td>
                        <td class="num">{yuan(p.disbursed_fen)}</td>
                        <td class="num">{yuan(p.refunded_fen)}</td>
                        <td class="num">{yuan(p.balance_fen)}</td>
                        <td>{p.last_report_on.clone().unwrap_or_else(|| "—".into())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any();
    view! {
        <dl class="figures" data-testid="totals">
            <div><dt>{l.t("累计收到捐款", "Raised in all")}</dt><dd data-testid="total-raised">{money(t.raised_fen)}</dd></div>
            <div><dt>{l.t("累计支出", "Spent in all")}</dt><dd data-testid="total-disbursed">{money(t.disbursed_fen)}</dd></div>
            <div><dt>{l.t("累计退款", "Refunded in all")}</dt><dd>{money(t.refunded_fen)}</dd></div>
            <div><dt>{l.t("结余", "Balance")}</dt><dd data-testid="total-balance">{money(t.balance_fen)}</dd></div>
        </dl>
        <h2 id="reconciliation">{l.t("账本对账", "Ledger reconciliation")}</h2>
        {if r.ok {
            view! {
                <div class="notice success" role="status" data-testid="reconciliation" data-ok="true">
                    <p><strong>{l.t("✓ 对账通过", "✓ Reconciled")}</strong></p>
                    <p>{match l {
                        Locale::Zh => format!("共 {} 条记录、{} 个项目、{} 笔已付订单，哈希链完整，各项目收支相符。", r.entries, r.projects, r.paid_orders),
                        Locale::En => format!("{} entries, {} projects, {} paid orders: the hash chain is whole and every project balances.", r.entries, r.projects, r.paid_orders),
                    }}</p>
                    <p>{l.t("最新哈希：", "Latest hash: ")}<code class="hash" data-testid="head-hash">{r.head.clone()}</code></p>
                    <p class="hint">{l.t("核对时间：", "Checked at ")}{r.checked_at.clone()}</p>
                </div>
            }.into_any()
        } else {
            view! {
                <div class="error-summary" role="alert" data-testid="reconciliation" data-ok="false">
                    <h3>{l.t("✗ 对账发现问题", "✗ The reconciliation found problems")}</h3>
                    <ul>{r.problems.clone().into_iter().map(|(zh, en)| view! { <li>{l.t_owned(&zh, &en)}</li> }).collect_view()}</ul>
                    <p class="hint">{l.t("核对时间：", "Checked at ")}{r.checked_at.clone()}</p>
                </div>
            }.into_any()
        }}
        <h2>{l.t("各项目", "Projects")}</h2>
        {scroll_region(l.t("各项目收支", "Each project's figures"), projects_table)}
        <h2 id="ledger">{l.t("最新收支记录", "Latest entries")}</h2>
        <p class="page-links">
            <a href="/api/v1/charity/ledger.csv" rel="external" download data-testid="ledger-csv">{l.t("下载完整账本（CSV）", "Download the whole ledger (CSV)")}</a>
        </p>
        {ledger_table(l, t.ledger.clone(), Some(titles))}
        <h2 id="goods">{l.t("物资收发台账", "Goods received and handed out")}</h2>
        {goods_tables(l, t.goods.clone(), t.stock.clone())}
        <h2 id="chain">{l.t("每日账本哈希", "Daily ledger hashes")}</h2>
        <p class="hint">{l.t(
            "每天最后一条记录的哈希值；任何人保存后都可以日后比对，账本一旦被改动就对不上。",
            "The hash of each day's last entry: keep it and compare later; any change to the ledger would show.",
        )}</p>
        {if t.daily_heads.is_empty() {
            view! { <p>{l.t("暂无记录。", "None yet.")}</p> }.into_any()
        } else {
            scroll_region(l.t("每日账本哈希", "Daily ledger hashes"), view! {
                <table class="charity-table" data-testid="daily-heads">
                    <thead><tr>
                        <th scope="col">{l.t("日期", "Date")}</th>
                        <th scope="col" class="num">{l.t("最后序号", "Last no.")}</th>
                        <th scope="col">{l.t("哈希", "Hash")}</th>
                    </tr></thead>
                    <tbody>
                        {t.daily_heads.clone().into_iter().map(|(d, seq, hash)| view! {
                            <tr><td>{d}</td><td class="num">{seq}</td><td><code class="hash">{hash}</code></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()).into_any()
        }}
        {charity_card(l, t.charity.clone())}
    }
    .into_any()
}

fn goods_tables(l: Locale, goods: Vec<cv::GoodsLine>, stock: Vec<cv::GoodsStock>) -> AnyView {
    let lines = if goods.is_empty() {
        view! { <p>{l.t("暂无物资收发记录。", "No goods received or handed out yet.")}</p> }
            .into_any()
    } else {
        scroll_region(l.t("物资收发台账", "Goods ledger"), view! {
            <table class="charity-table" data-testid="goods">
                <thead><tr>
                    <th scope="col">{l.t("时间", "Time")}</th>
                    <th scope="col">{l.t("收 / 发", "In / out")}</th>
                    <th scope="col">{l.t("类别", "Kind")}</th>
                    <th scope="col">{l.t("物品", "Item")}</th>
                    <th scope="col" class="num">{l.t("数量", "Quantity")}</th>
                    <th scope="col">{l.t("接收点或去向", "Centre or recipient")}</th>
                </tr></thead>
                <tbody>
                    {goods.into_iter().map(|g| view! {
                        <tr>
                            <td class="nowrap">{g.at}</td>
                            <td>{if g.kind == "received" { l.t("签收", "Received") } else { l.t("发放", "Handed out") }}</td>
                            <td>{g.category}</td>
                            <td>{g.description}</td>
                            <td class="num">{format!("{} {}", g.quantity, g.unit)}</td>
                            <td>{g.recipient}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }.into_any()).into_any()
    };
    let stock_view = if stock.is_empty() {
        view! { <p>{l.t("暂无库存。", "No stock.")}</p> }.into_any()
    } else {
        scroll_region(
            l.t("物资库存", "Goods in stock"),
            view! {
                <table class="charity-table" data-testid="stock">
                    <caption>{l.t("库存", "In stock")}</caption>
                    <thead><tr>
                        <th scope="col">{l.t("批次", "Lot")}</th>
                        <th scope="col">{l.t("物品", "Item")}</th>
                        <th scope="col">{l.t("街道服务中心", "Street centre")}</th>
                        <th scope="col" class="num">{l.t("收到", "Received")}</th>
                        <th scope="col" class="num">{l.t("剩余", "Left")}</th>
                    </tr></thead>
                    <tbody>
                        {stock.into_iter().map(|s| view! {
                            <tr>
                                <td>{s.lot_id}</td>
                                <td>{format!("{} · {}", s.category, s.description)}</td>
                                <td>{s.street_name}</td>
                                <td class="num">{format!("{} {}", s.received, s.unit)}</td>
                                <td class="num">{format!("{} {}", s.remaining, s.unit)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        )
        .into_any()
    }
    .into_any();
    view! { {lines} {stock_view} }.into_any()
}

/* ------------------------------------------------------- /charity/receipts/check */

#[component]
pub fn ReceiptCheckPage() -> impl IntoView {
    let l = use_locale();
    let found = match use_context::<PageData>() {
        Some(PageData::ReceiptCheck(r)) => r,
        _ => None,
    };
    let query = leptos_router::hooks::use_query_map();
    let (number, code) = query.with_untracked(|q| {
        (
            q.get("number").unwrap_or_default(),
            q.get("code").unwrap_or_default(),
        )
    });
    view! {
        <Title text=l.t("查验捐赠收据", "Check a donation receipt") />
        {breadcrumb(l)}
        <h1>{l.t("查验捐赠收据", "Check a donation receipt")}</h1>
        <p class="lead">{l.t("输入收据上的编号和验证码，或扫描收据上的二维码。", "Enter the number and the code printed on the receipt, or scan its QR code.")}</p>
        <form method="get" action="/charity/receipts/check" class="check-form">
            <div class="field">
                <label for="number">{l.t("收据编号", "Receipt number")}</label>
                <input id="number" name="number" type="text" autocomplete="off" maxlength="40" value=number data-testid="check-number" />
            </div>
            <div class="field">
                <label for="code">{l.t("验证码（8 位）", "Verification code (8 characters)")}</label>
                <input id="code" name="code" type="text" autocomplete="off" maxlength="12" value=code data-testid="check-code" />
            </div>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="check-receipt">{l.t("查验", "Check")}</button>
            </div>
        </form>
        {found.map(|r| if r.genuine {
            view! {
                <section class="notice success" role="status" data-testid="receipt-genuine">
                    <h2>{l.t("✓ 收据真实有效", "✓ This receipt is genuine")}</h2>
                    <dl class="street-card">
                        <dt>{l.t("收据编号", "Number")}</dt><dd>{r.number.clone()}</dd>
                        <dt>{l.t("日期", "Date")}</dt><dd>{r.date.clone().unwrap_or_default()}</dd>
                        <dt>{l.t("项目", "Project")}</dt><dd>{r.project_title.clone().unwrap_or_default()}</dd>
                        <dt>{l.t("金额", "Amount")}</dt><dd data-testid="receipt-amount">{r.amount_fen.map(money).unwrap_or_default()}</dd>
                        <dt>{l.t("捐赠人", "Donor")}</dt><dd data-testid="receipt-donor">{r.donor.clone().unwrap_or_default()}</dd>
                    </dl>
                </section>
            }.into_any()
        } else {
            view! {
                <p class="error-summary" role="alert" data-testid="receipt-unknown">
                    {l.t("✗ 未找到该收据或验证码不符。", "✗ No such receipt, or the code does not match.")}
                </p>
            }.into_any()
        })}
    }
}

/* ------------------------------------------------------- /charity/mine */

#[component]
pub fn MyReceiptsPage() -> impl IntoView {
    let l = use_locale();
    let signed_in = use_context::<SignedIn>().is_some();
    let mine = match use_context::<PageData>() {
        Some(PageData::DonorReceipts(r)) => Some(r),
        _ => None,
    };
    view! {
        <Title text=l.t("我的捐赠收据", "My donation receipts") />
        {breadcrumb(l)}
        <h1>{l.t("我的捐赠收据", "My donation receipts")}</h1>
        {match (signed_in, mine) {
            (true, Some(r)) => view! {
                {r.receipts.is_empty().then(|| view! { <p data-testid="no-receipts">{l.t("还没有捐赠收据。登录后捐款并勾选“需要捐赠收据”，收据会保存在这里。", "No receipts yet. Give while signed in and tick “I want a receipt”: it will be kept here.")}</p> })}
                {(!r.receipts.is_empty()).then(|| scroll_region(l.t("我的捐赠收据", "My receipts"), view! {
                    <table class="charity-table" data-testid="my-receipts">
                        <thead><tr>
                            <th scope="col">{l.t("收据编号", "Number")}</th>
                            <th scope="col">{l.t("日期", "Date")}</th>
                            <th scope="col">{l.t("项目", "Project")}</th>
                            <th scope="col" class="num">{l.t("金额（元）", "Amount (¥)")}</th>
                            <th scope="col">{l.t("下载", "Download")}</th>
                        </tr></thead>
                        <tbody>
                            {r.receipts.clone().into_iter().map(|x| view! {
                                <tr data-testid="my-receipt" data-number=x.number.clone()>
                                    <td>{x.number.clone()}</td>
                                    <td>{x.date}</td>
                                    <td>{x.project_title}</td>
                                    <td class="num">{yuan(x.amount_fen)}</td>
                                    <td><a rel="external" download href=format!("/charity/mine/receipts/{}.pdf", x.number)>{l.t("收据 PDF", "Receipt PDF")}</a></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()))}
                {(!r.years.is_empty()).then(|| view! {
                    <h2>{l.t("年度捐赠汇总", "Yearly statements")}</h2>
                    <ul class="page-links" data-testid="statements">
                        {r.years.clone().into_iter().map(|y| view! {
                            <li><a rel="external" download href=format!("/charity/mine/statements/{y}.pdf")>
                                {match l { Locale::Zh => format!("{y} 年捐赠汇总（PDF）"), Locale::En => format!("Statement for {y} (PDF)") }}
                            </a></li>
                        }).collect_view()}
                    </ul>
                })}
            }.into_any(),
            _ => view! {
                <p class="lead">{l.t("登录后可查看和下载您的捐赠收据及年度汇总。", "Sign in to see and download your receipts and yearly statements.")}</p>
                <p><a class="button primary" href="/signin" data-testid="charity-sign-in">{l.t("先用手机号登录", "Sign in with your mobile number first")}</a></p>
                <p class="hint">{l.t("未登录时捐款的收据，请在捐款结果页下载。", "For a gift made while signed out, download the receipt from its result page.")}</p>
            }.into_any(),
        }}
    }
}
