//! 慈善捐赠, public: the charity and its projects, one project's page with the donation and
//! goods-pledge forms, the sandbox gateway's payment page, the donor's order page, the
//! transparency page, the receipt check and a signed-in donor's receipts.
//!
//! Every page is rendered on the server from its page data and works without JavaScript: forms post
//! to the server (`server/src/site/charity.rs`), pages that wait for a payment refresh themselves
//! with `<meta http-equiv="refresh">`. Amounts are integer fen, shown with [`yuan`].

use crate::account::{PostedError, SignedIn};
use crate::check::handoff::qr_svg_path;
use crate::components::not_found::NotFound;
use crate::page_data::page_data;
use crate::prefs::{use_locale, use_prefs};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use types::charity::{
    self as cv, Charity, GOODS_CATEGORIES, LedgerLine, PAYEE_CATEGORIES, ProjectSummary,
};
use types::i18n::Locale;
use types::money::yuan;

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
    let home = page_data::<types::charity::CharityHome>();
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

pub mod desk;
mod payment;
mod project;
mod receipts;
mod transparency;

pub use payment::{OrderPage, PaymentPage};
pub use project::ProjectPage;
pub use receipts::{MyReceiptsPage, ReceiptCheckPage};
pub use transparency::TransparencyPage;
