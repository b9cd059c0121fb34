//! 规划指标看板 (`/staff/dashboard`, staff, exact figures with a CSV download) and 民政数据公开
//! (`/open-data`, everyone, counts of cases from 1 to 4 shown as "<5"): the plan's table 2
//! indicators the system measures. Every chart is server-drawn SVG with its values written out
//! and patterns instead of colours, and every chart has its table. Works without JavaScript.

mod cases;
mod charity;
mod volunteers;

use crate::components::bar_chart::{BarRow, bar_chart};
use crate::page_data::page_data;
use crate::prefs::use_locale;
use crate::staff::gate::gate;
use crate::timebank::totals::hours_text;
use cases::{cases, decisions};
use charity::charity;
use leptos::prelude::*;
use leptos_meta::Title;
use types::dashboard::{CaseLine, Count, Dashboard, days_text, kind_label};
use types::i18n::Locale;
use types::money::yuan;
use types::timebank::totals::{grouped, percent_text};
use volunteers::volunteers;

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
