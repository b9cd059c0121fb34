//! The case indicators: pre-applications and funeral claims per line and street, and the
//! decisions with their time to decide.

use super::*;

/// A chart of pre-applications (solid) and funeral claims (hatched) per line, and its table.
fn breakdown(
    l: Locale,
    id: &'static str,
    heading: &'static str,
    title: String,
    first_column: &'static str,
    lines: &[CaseLine],
) -> impl IntoView + use<> {
    let pre = l.t("救助预申请", "pre-applications");
    let fun = l.t("殡葬补贴", "funeral claims");
    let rows = lines
        .iter()
        .map(|line| BarRow {
            label: format!(
                "{} · {pre} {} · {fun} {}",
                name(l, line),
                line.counts.preapplications.text(),
                line.counts.funeral.text()
            ),
            values: vec![
                line.counts.preapplications.exact(),
                line.counts.funeral.exact(),
            ],
        })
        .collect::<Vec<_>>();
    let empty = rows.is_empty();
    let table_rows = lines
        .iter()
        .map(|line| {
            view! {
                <tr data-key=line.key.clone()>
                    <th scope="row">{name(l, line)}</th>
                    <td>{line.counts.preapplications.text()}</td>
                    <td>{line.counts.funeral.text()}</td>
                </tr>
            }
        })
        .collect_view();
    let table_id = format!("{id}-table");
    view! {
        <h3>{heading}</h3>
        {if empty {
            view! { <p data-testid=format!("{id}-empty")>{l.t("本年还没有申请。", "No applications this year yet.")}</p> }.into_any()
        } else {
            bar_chart(
                id,
                id,
                title,
                vec![
                    l.t("救助预申请（实心）", "Pre-applications (solid)").to_string(),
                    l.t("殡葬补贴申请（斜线）", "Funeral claims (hatched)").to_string(),
                ],
                rows,
                l.t("；", "; "),
            ).into_any()
        }}
        <details class="chart-table">
            <summary>{l.t("以表格查看", "Show as a table")}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label=heading>
                <table class="figures-table" data-testid=table_id>
                    <caption>{heading}</caption>
                    <thead><tr>
                        <th scope="col">{first_column}</th>
                        <th scope="col">{l.t("救助预申请（件）", "Pre-applications")}</th>
                        <th scope="col">{l.t("殡葬补贴申请（件）", "Funeral claims")}</th>
                    </tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
        </details>
    }
}

pub(super) fn cases(l: Locale, d: &Dashboard) -> impl IntoView + use<> {
    let c = &d.cases;
    view! {
        <section aria-labelledby="cases-heading">
            <h2 id="cases-heading">{l.t("救助预申请和殡葬补贴申请", "Assistance pre-applications and funeral subsidy claims")}</h2>
            <dl class="figures" data-testid="case-figures">
                <div>
                    <dt>{kind_label(l, "preapplication")}</dt>
                    <dd data-testid="total-preapplications">{cases_text(l, c.total.preapplications)}</dd>
                </div>
                <div>
                    <dt>{kind_label(l, "funeral")}</dt>
                    <dd data-testid="total-funeral">{cases_text(l, c.total.funeral)}</dd>
                </div>
            </dl>
            <p class="hint">{l.t(
                "同一申请涉及几个救助项目时，在每个项目下各计一次。",
                "An application asking for several programs counts once under each.",
            )}</p>
            {breakdown(l, "program-chart", l.t("按救助项目", "By program"),
                l.t("各救助项目的申请数柱状图", "Bar chart of applications by program").to_string(),
                l.t("救助项目", "Program"), &c.by_program)}
            {breakdown(l, "street-chart", l.t("按街道", "By street"),
                l.t("各街道的申请数柱状图", "Bar chart of applications by street").to_string(),
                l.t("街道", "Street"), &c.by_street)}
            {breakdown(l, "month-chart", l.t("按月份", "By month"),
                l.t("每月申请数柱状图", "Bar chart of applications per month").to_string(),
                l.t("月份", "Month"), &c.by_month)}
        </section>
    }
}

pub(super) fn decisions(l: Locale, d: &Dashboard) -> impl IntoView + use<> {
    let times = d.cases.decision_times.clone();
    let median_text = |t: Option<i64>| match t {
        Some(t) => format!("{}{}", days_text(t), l.t(" 天", " days")),
        None => l.t("不公布或暂无", "not published or none yet").to_string(),
    };
    let rows = times
        .iter()
        .map(|t| BarRow {
            label: format!(
                "{} · {} · {}",
                kind_label(l, &t.kind),
                median_text(t.median_tenths_of_day),
                match l {
                    Locale::Zh => format!("已办结 {} 件", t.decided.text()),
                    Locale::En => format!("{} decided", t.decided.text()),
                }
            ),
            values: vec![t.median_tenths_of_day],
        })
        .collect();
    view! {
        <section aria-labelledby="decisions-heading">
            <h2 id="decisions-heading">{l.t("从提交到办结用时（中位数）", "Median time from sending to decision")}</h2>
            {bar_chart(
                "decision-chart",
                "decision-chart",
                l.t("各类申请办结用时中位数柱状图", "Bar chart of the median days to a decision by kind").to_string(),
                vec![],
                rows,
                l.t("；", "; "),
            )}
            <details class="chart-table">
                <summary>{l.t("以表格查看", "Show as a table")}</summary>
                <div class="table-wrap" tabindex="0" role="region" aria-label=l.t("办结用时表", "Time to decision table")>
                    <table class="figures-table" data-testid="decision-table">
                        <caption>{l.t("本年办结的申请：件数和用时中位数", "Applications decided this year: number and median time")}</caption>
                        <thead><tr>
                            <th scope="col">{l.t("类别", "Kind")}</th>
                            <th scope="col">{l.t("已办结（件）", "Decided")}</th>
                            <th scope="col">{l.t("用时中位数", "Median time")}</th>
                        </tr></thead>
                        <tbody>
                            {times.iter().map(|t| view! {
                                <tr data-kind=t.kind.clone()>
                                    <th scope="row">{kind_label(l, &t.kind)}</th>
                                    <td>{t.decided.text()}</td>
                                    <td data-testid=format!("median-{}", t.kind)>{median_text(t.median_tenths_of_day)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
            <p class="hint">{l.t(
                "办结指批准、不予批准、已发放或转有关部门办理；用时从居民提交算起，按自然日计。",
                "Decided means approved, refused, paid or referred; the time runs from sending, in calendar days.",
            )}</p>
        </section>
    }
}
