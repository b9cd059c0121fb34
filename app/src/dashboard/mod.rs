//! 规划指标看板 (`/staff/dashboard`, staff, exact figures with a CSV download) and 民政数据公开
//! (`/open-data`, everyone, counts of cases from 1 to 4 shown as "<5"): the plan's table 2
//! indicators the system measures. Every chart is server-drawn SVG with its values written out
//! and patterns instead of colours, and every chart has its table. Works without JavaScript.

use crate::components::bar_chart::{BarRow, bar_chart};
use crate::page_data::page_data;
use crate::prefs::use_locale;
use crate::staff::gate::gate;
use leptos::prelude::*;
use leptos_meta::Title;
use types::dashboard::{CaseLine, Count, Dashboard, days_text, kind_label};
use types::i18n::Locale;
use types::money::yuan;
use types::timebank::totals::{grouped, hours_decimal, month_name, percent_text};

#[component]
pub fn StaffDashboardPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("规划指标看板", "Plan indicators dashboard") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>
        </nav>
        <h1>{l.t("规划指标看板", "Plan indicators dashboard")}</h1>
        {match gate::<types::dashboard::Dashboard>(l) {
            Err(v) => v,
            Ok(d) => figures(l, d, "/staff/dashboard").into_any(),
        }}
    }
}

#[component]
pub fn OpenDataPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("民政数据公开", "Civil-affairs open data") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/">{l.t("首页", "Home")}</a>
        </nav>
        <h1>{l.t("民政数据公开", "Civil-affairs open data")}</h1>
        {match page_data::<types::dashboard::Dashboard>() {
            Some(d) => figures(l, d, "/open-data").into_any(),
            None => unavailable(l).into_any(),
        }}
    }
}

fn unavailable(l: Locale) -> impl IntoView {
    view! {
        <p class="notice" role="status">{l.t("数据暂时无法显示，请稍后刷新。", "The figures cannot be shown just now; please reload shortly.")}</p>
    }
}

fn cases_text(l: Locale, c: Count) -> String {
    format!("{}{}", c.text(), l.t(" 件", ""))
}

fn hours_text(l: Locale, minutes: i64) -> String {
    format!("{}{}", hours_decimal(minutes, 1), l.t(" 小时", " hours"))
}

fn yuan_text(l: Locale, fen: i64) -> String {
    format!("{}{}", yuan(fen), l.t(" 元", " yuan"))
}

fn name(l: Locale, line: &CaseLine) -> String {
    l.t_owned(&line.name_zh, &line.name_en).to_string()
}

fn figures(l: Locale, d: Dashboard, page: &'static str) -> impl IntoView {
    let (csv, json) = if d.public {
        ("/api/v1/open-data.csv", "/api/v1/open-data")
    } else {
        ("/api/v1/dashboard.csv", "/api/v1/dashboard")
    };
    let csv = format!("{csv}?year={}", d.year);
    let json = format!("{json}?year={}", d.year);
    let year = d.year;
    view! {
        <form method="get" action=page class="filter-form year-form">
            <div class="field">
                <label for="year">{l.t("年份", "Year")}</label>
                <input id="year" name="year" type="number" inputmode="numeric" value=year.to_string() data-testid="year" />
            </div>
            <button type="submit" class="button">{l.t("查看", "Show")}</button>
        </form>
        <p class="lead" data-testid="period">
            {match l {
                Locale::Zh => format!("{} 年（截至 {}）", d.year, d.as_of),
                Locale::En => format!("{} (as of {})", d.year, d.as_of),
            }}
        </p>
        {d.public.then(|| view! {
            <div class="notice" data-testid="suppression-note">
                <p>{l.t(
                    "为保护个人信息，1 至 4 件的数字一律显示为“<5”（0 照常显示），办结不足 5 件时不公布办结用时：数字太小时，结合街道和月份就可能认出是哪一户。",
                    "To protect personal information, any count from 1 to 4 is shown as “<5” (0 is shown as 0), and the time to a decision is not published when fewer than 5 were decided: with a street and a month, a very small number could point to one family.",
                )}</p>
                <p>{l.t(
                    "标为“x”的数字也不公开（至少为 1）：否则用合计减去其他数字，就能算出某个“<5”是几。",
                    "A count marked “x” is withheld too (it is at least 1): otherwise the total minus the other counts would tell what a “<5” is.",
                )}</p>
                <p>{l.t(
                    "本页只有汇总数字，不含任何个人信息。",
                    "This page holds totals only, nothing about any person.",
                )}</p>
            </div>
        })}
        <p class="page-links">
            <a href=csv.clone() rel="external" download data-testid="csv-link">
                {l.t("下载 CSV 表格（UTF-8）", "Download as CSV (UTF-8)")}
            </a>
            " · "
            <a href=json rel="external" data-testid="json-link">{l.t("JSON 接口", "JSON API")}</a>
        </p>
        {volunteers(l, &d)}
        {cases(l, &d)}
        {decisions(l, &d)}
        {charity(l, &d)}
    }
}

fn volunteers(l: Locale, d: &Dashboard) -> impl IntoView + use<> {
    let t = d.volunteers.clone();
    let share = percent_text(t.share_ppm);
    let permille = t.progress_permille();
    let progress = format!("{}.{}", permille / 10, permille % 10);
    let progress_label = match l {
        Locale::Zh => format!(
            "志愿者占常住人口 {share}%，目标 {}%：已完成目标的 {progress}%",
            t.target_percent
        ),
        Locale::En => format!(
            "Volunteers are {share}% of residents against a target of {}%: {progress}% of the way there",
            t.target_percent
        ),
    };
    let hours_rows = t
        .monthly_minutes
        .iter()
        .enumerate()
        .map(|(i, m)| BarRow {
            label: format!("{} · {}", month_name(l, i + 1), hours_text(l, *m)),
            values: vec![Some(*m)],
        })
        .collect();
    view! {
        <section aria-labelledby="volunteers-heading">
            <h2 id="volunteers-heading">{l.t("注册志愿者占常住人口", "Registered volunteers as a share of residents")}</h2>
            <dl class="figures" data-testid="volunteer-figures">
                <div>
                    <dt>{l.t("注册志愿者", "Registered volunteers")}</dt>
                    <dd data-testid="volunteers">{grouped(t.volunteers)}{l.t(" 人", "")}</dd>
                </div>
                <div>
                    <dt>{l.t("全区常住人口", "Resident population")}</dt>
                    <dd data-testid="population">{grouped(t.population)}{l.t(" 人", "")}</dd>
                </div>
                <div>
                    <dt>{l.t("志愿者占常住人口", "Volunteers as a share of residents")}</dt>
                    <dd data-testid="share">{format!("{share}%")}</dd>
                </div>
                <div>
                    <dt>{l.t("“十四五”目标", "Plan target")}</dt>
                    <dd data-testid="target">{format!("{}%", t.target_percent)}</dd>
                </div>
            </dl>
            <label for="share-progress" class="progress-label">{progress_label}</label>
            <progress id="share-progress" class="share-progress" max="1000" value=permille.to_string() data-testid="share-progress">
                {format!("{progress}%")}
            </progress>
            <div class="sources" data-testid="population-source">
                <p>
                    {match l {
                        Locale::Zh => format!("常住人口自 {} 起取 {} 人。来源：{}", t.population_effective, grouped(t.population), t.population_source),
                        Locale::En => format!("Population {} from {}. Source: {}", grouped(t.population), t.population_effective, t.population_source),
                    }}
                    {t.population_note.clone().map(|n| format!("{}{n}{}", l.t("（", " ("), l.t("）", ")")))}
                </p>
                <p>{l.t("来源：占比目标 — ", "Source: target — ")}{t.target_source.clone()}</p>
                {d.public.then(|| view! {
                    <p>{l.t(
                        "志愿者人数和服务时长已在“全区志愿服务统计”页公开，按实数显示。",
                        "Volunteer numbers and hours are published as they are on the district volunteering totals page.",
                    )}</p>
                })}
            </div>
            <h2 id="hours-heading">{match l {
                Locale::Zh => format!("{} 年志愿服务时长：{}", t.year, hours_text(l, t.minutes)),
                Locale::En => format!("Volunteer hours in {}: {}", t.year, hours_text(l, t.minutes)),
            }}</h2>
            {bar_chart(
                "hours-chart",
                "hours-chart",
                l.t("每月已确认志愿服务时长柱状图", "Bar chart of confirmed volunteer hours per month").to_string(),
                vec![],
                hours_rows,
                l.t("；", "; "),
            )}
            <details class="chart-table">
                <summary>{l.t("以表格查看每月服务时长", "Show the hours per month as a table")}</summary>
                <div class="table-wrap" tabindex="0" role="region" aria-label=l.t("每月服务时长表", "Hours per month table")>
                    <table class="figures-table" data-testid="hours-table">
                        <caption>{l.t("每月已确认服务时长", "Confirmed service hours per month")}</caption>
                        <thead><tr>
                            <th scope="col">{l.t("月份", "Month")}</th>
                            <th scope="col">{l.t("服务时长（小时）", "Hours")}</th>
                        </tr></thead>
                        <tbody>
                            {t.monthly_minutes.iter().enumerate().map(|(i, m)| view! {
                                <tr><th scope="row">{month_name(l, i + 1)}</th><td>{hours_decimal(*m, 1)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </section>
    }
}

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

fn cases(l: Locale, d: &Dashboard) -> impl IntoView + use<> {
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

fn decisions(l: Locale, d: &Dashboard) -> impl IntoView + use<> {
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

fn charity(l: Locale, d: &Dashboard) -> impl IntoView + use<> {
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
