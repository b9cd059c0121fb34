//! Checking a receipt, and a signed-in donor's receipts and statements.

use super::*;

#[component]
pub fn ReceiptCheckPage() -> impl IntoView {
    let l = use_locale();
    let found = page_data::<Option<types::charity::ReceiptCheck>>().flatten();
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
            let voided = r.voided_on.clone();
            let class = if voided.is_some() { "notice" } else { "notice success" };
            view! {
                <section class=class role="status" data-testid="receipt-genuine">
                    {match voided {
                        Some(day) => view! {
                            <h2 data-testid="receipt-voided">{l.t("✗ 收据已作废", "✗ This receipt is void")}</h2>
                            <p>{l.t("收据是本会开具的，但该笔捐款已于 ", "The receipt was issued by the charity, but the donation was refunded on ")}{day}{l.t(" 退款，收据不再有效。", "; the receipt no longer stands.")}</p>
                        }.into_any(),
                        None => view! { <h2>{l.t("✓ 收据真实有效", "✓ This receipt is genuine")}</h2> }.into_any(),
                    }}
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
    let mine = page_data::<types::charity::DonorReceipts>();
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
