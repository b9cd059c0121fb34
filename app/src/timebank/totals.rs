//! 全区志愿服务统计, public: this year's confirmed service hours, registered volunteers and
//! their share of the district's residents against the plan's 14 % target, and hours per month
//! as a server-drawn bar chart with its numbers in text. Works without JavaScript.

use crate::components::bar_chart::{BarRow, bar_chart};
use crate::page_data::page_data;
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use types::i18n::Locale;
use types::timebank::totals::{DistrictTotals, grouped, hours_decimal, month_name, percent_text};

#[component]
pub fn TotalsPage() -> impl IntoView {
    let l = use_locale();
    let totals = page_data::<types::timebank::totals::DistrictTotals>();
    view! {
        <Title text=l.t("全区志愿服务统计", "District volunteering totals") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/volunteer" rel="external">{l.t("志愿时间银行", "Volunteer time bank")}</a>
        </nav>
        <h1>{l.t("全区志愿服务统计", "District volunteering totals")}</h1>
        {match totals {
            Some(t) => figures(l, t).into_any(),
            None => view! {
                <p class="notice" role="status">{l.t("统计暂时无法显示，请稍后刷新。", "The figures cannot be shown just now; please reload shortly.")}</p>
            }.into_any(),
        }}
    }
}

/// Minutes as hours with one decimal and the unit: `12.5 小时`.
pub fn hours_text(l: Locale, minutes: i64) -> String {
    format!("{}{}", hours_decimal(minutes, 1), l.t(" 小时", " hours"))
}

/// How far the district is to the plan's target, in percent with one decimal: `42.5`.
pub fn progress_percent(t: &DistrictTotals) -> String {
    let permille = t.progress_permille();
    format!("{}.{}", permille / 10, permille % 10)
}

/// The volunteers' share of residents against the plan's target, as the progress bar says it.
pub fn progress_label(l: Locale, t: &DistrictTotals) -> String {
    let share = percent_text(t.share_ppm);
    let progress = progress_percent(t);
    match l {
        Locale::Zh => format!(
            "志愿者占常住人口 {share}%，目标 {}%：已完成目标的 {progress}%",
            t.target_percent
        ),
        Locale::En => format!(
            "Volunteers are {share}% of residents against a target of {}%: {progress}% of the way there",
            t.target_percent
        ),
    }
}

fn figures(l: Locale, t: DistrictTotals) -> impl IntoView {
    let share = percent_text(t.share_ppm);
    let permille = t.progress_permille();
    let progress = progress_percent(&t);
    let progress_label = progress_label(l, &t);
    view! {
        <p class="lead">
            {match l {
                Locale::Zh => format!("{} 年（截至 {}）", t.year, t.as_of),
                Locale::En => format!("{} (as of {})", t.year, t.as_of),
            }}
        </p>
        <dl class="figures" data-testid="totals-figures">
            <div>
                <dt>{l.t("本年已确认服务时长", "Confirmed service hours this year")}</dt>
                <dd data-testid="total-hours">{hours_text(l, t.minutes)}</dd>
            </div>
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
        </dl>
        <h2>{match l {
            Locale::Zh => format!("对照“十四五”目标 {}%", t.target_percent),
            Locale::En => format!("Against the plan's target of {}%", t.target_percent),
        }}</h2>
        <label for="share-progress" class="progress-label">{progress_label}</label>
        <progress id="share-progress" class="share-progress" max="1000" value=permille.to_string() data-testid="share-progress">
            {format!("{progress}%")}
        </progress>
        <h2 id="chart-heading">{match l {
            Locale::Zh => format!("{} 年每月服务时长", t.year),
            Locale::En => format!("Service hours per month, {}", t.year),
        }}</h2>
        {monthly_chart(l, &t.monthly_minutes, "chart", "monthly-chart")}
        {monthly_table(l, &t.monthly_minutes, "monthly-table")}
        <div class="sources" data-testid="sources">
            <p>
                {l.t("来源：常住人口 — ", "Source: population — ")}{t.population_source.clone()}
                {t.population_note.clone().map(|n| format!("{}{n}{}", l.t("（", " ("), l.t("）", ")")))}
            </p>
            <p>{l.t("来源：占比目标 — ", "Source: target — ")}{t.target_source.clone()}</p>
            <p>{l.t(
                "服务时长为协调员已确认的志愿服务记录（更正和冲销已计入），不含待确认的时长。",
                "Hours are the service records coordinators have confirmed (with corrections and reversals counted), not hours still awaiting confirmation.",
            )}</p>
        </div>
    }
}

/// One bar per month, its month and hours written above it (the shared bar chart).
/// The confirmed hours of each month so far as a table under its chart (the district totals
/// and the plan dashboard).
pub fn monthly_table(l: Locale, monthly: &[i64], testid: &'static str) -> impl IntoView + use<> {
    view! {
        <details class="chart-table">
            <summary>{l.t("以表格查看每月服务时长", "Show the hours per month as a table")}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label=l.t("每月服务时长表", "Hours per month table")>
                <table class="figures-table" data-testid=testid>
                    <caption>{l.t("每月已确认服务时长", "Confirmed service hours per month")}</caption>
                    <thead><tr>
                        <th scope="col">{l.t("月份", "Month")}</th>
                        <th scope="col">{l.t("服务时长（小时）", "Hours")}</th>
                    </tr></thead>
                    <tbody>
                        {monthly.iter().enumerate().map(|(i, m)| view! {
                            <tr><th scope="row">{month_name(l, i + 1)}</th><td>{hours_decimal(*m, 1)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

/// The confirmed hours of each month so far as a bar chart (`id` for its caption, `testid`).
pub fn monthly_chart(
    l: Locale,
    monthly: &[i64],
    id: &'static str,
    testid: &'static str,
) -> impl IntoView + use<> {
    let rows = monthly
        .iter()
        .enumerate()
        .map(|(i, m)| BarRow {
            label: format!("{} · {}", month_name(l, i + 1), hours_text(l, *m)),
            values: vec![Some(*m)],
        })
        .collect();
    bar_chart(
        id,
        testid,
        l.t(
            "每月已确认服务时长柱状图",
            "Bar chart of confirmed service hours per month",
        )
        .to_string(),
        vec![],
        rows,
        l.t("；", "; "),
    )
}
