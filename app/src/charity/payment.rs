//! The sandbox gateway's payment page and the donor's order page.

use super::*;

#[component]
pub fn PaymentPage() -> impl IntoView {
    let l = use_locale();
    match page_data::<types::charity::PaymentPage>() {
        Some(p) => payment_page(l, p).into_any(),
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
    match page_data::<types::charity::OrderPage>() {
        Some(types::charity::OrderPage {
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
