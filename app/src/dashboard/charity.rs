//! The charity's indicators: donations received and paid out.

use super::*;

pub(super) fn charity(l: Locale, d: &Dashboard) -> impl IntoView + use<> {
    let c = d.charity.clone();
    let lines = [
        (l.t("募集", "Raised"), c.raised_fen, "raised"),
        (l.t("支出", "Disbursed"), c.disbursed_fen, "disbursed"),
        (l.t("退款", "Refunded"), c.refunded_fen, "refunded"),
    ];
    let rows = lines
        .iter()
        .map(|(label, fen, _)| BarRow {
            label: format!("{label} · {}", yuan_text(l, *fen)),
            values: vec![Some(*fen)],
        })
        .collect();
    view! {
        <section aria-labelledby="charity-heading">
            <h2 id="charity-heading">{match l {
                Locale::Zh => format!("{} 年慈善款", d.year),
                Locale::En => format!("Charity money in {}", d.year),
            }}</h2>
            <dl class="figures" data-testid="charity-figures">
                {lines.iter().map(|(label, fen, key)| view! {
                    <div><dt>{*label}</dt><dd data-testid=format!("charity-{key}")>{yuan_text(l, *fen)}</dd></div>
                }).collect_view()}
                <div>
                    <dt>{l.t("当前结余（全部项目）", "Held now (all projects)")}</dt>
                    <dd data-testid="charity-balance">{yuan_text(l, c.balance_fen)}</dd>
                </div>
            </dl>
            {bar_chart(
                "charity-chart",
                "charity-chart",
                l.t("本年慈善款募集、支出和退款柱状图", "Bar chart of charity money raised, disbursed and refunded in the year").to_string(),
                vec![],
                rows,
                l.t("；", "; "),
            )}
            <details class="chart-table">
                <summary>{l.t("以表格查看", "Show as a table")}</summary>
                <div class="table-wrap" tabindex="0" role="region" aria-label=l.t("慈善款表", "Charity money table")>
                    <table class="figures-table" data-testid="charity-table">
                        <caption>{l.t("本年慈善款（元）", "Charity money in the year (yuan)")}</caption>
                        <tbody>
                            {lines.iter().map(|(label, fen, _)| view! {
                                <tr><th scope="row">{*label}</th><td>{yuan(*fen)}</td></tr>
                            }).collect_view()}
                            <tr><th scope="row">{l.t("当前结余", "Held now")}</th><td>{yuan(c.balance_fen)}</td></tr>
                        </tbody>
                    </table>
                </div>
            </details>
            <p class="sources">
                {l.t("明细见", "Details: ")}
                <a href="/charity/transparency" rel="external">{l.t("慈善款物公开", "charity transparency")}</a>
            </p>
        </section>
    }
}
