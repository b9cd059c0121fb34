//! The ledger's reconciliation: totals per source and the hash chain's head.

use super::*;

pub(super) fn reconciliation_view(l: Locale, r: Reconciliation) -> impl IntoView {
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
