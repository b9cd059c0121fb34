//! The public transparency page: totals, projects, ledger, goods, chain heads, reconciliation.

use super::*;

#[component]
pub fn TransparencyPage() -> impl IntoView {
    let l = use_locale();
    let t = page_data::<types::charity::Transparency>();
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
