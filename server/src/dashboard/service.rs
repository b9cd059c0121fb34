//! The plan dashboard (staff, exact figures) and the open-data page (public, small counts
//! suppressed): the plan's table 2 indicators the system measures, for one calendar year in
//! Asia/Shanghai, and the same figures as CSV. The volunteer figures are the time bank's own
//! district totals; the charity's balance is the projects' own.

use super::store;
use crate::charity::projects;
use crate::error::ApiError;
use crate::state::AppState;
use crate::streets::service as streets;
use crate::timebank::reports::{month_start, parse_year, push_line, text_cell, totals_for_year};
use policy::ProgramId;
use std::collections::BTreeMap;
use types::cases::CaseKind;
use types::dashboard::{
    CaseFigures, CaseLine, CharityFigures, Count, Dashboard, DecisionTime, KindCounts, days_text,
    kind_names, median_tenths_of_day,
};
use types::timebank::totals::{hours_decimal, month_name, percent_text};

/// The kinds of case the figures count, by their stored codes.
pub const KINDS: [&str; 2] = [
    CaseKind::Preapplication.as_str(),
    CaseKind::Funeral.as_str(),
];

/// The figures of the year asked for (this year when none), exact: for staff.
pub async fn staff(s: &AppState, year: Option<&str>, now: i64) -> Result<Dashboard, ApiError> {
    let year = parse_year(year, now)?;
    figures(s, year, now).await
}

/// The same figures for the public: case counts from 1 to 4 suppressed.
pub async fn open_data(s: &AppState, year: Option<&str>, now: i64) -> Result<Dashboard, ApiError> {
    Ok(staff(s, year, now).await?.for_public())
}

fn add(counts: &mut KindCounts, kind: &str, n: i64) {
    let slot = counts.of_kind_mut(kind);
    *slot = Count::Exact(slot.exact().unwrap_or(0) + n);
}

/// A program's id as the API writes it (`dibao`) and its names; an id the engine does not
/// know is shown as stored.
fn program_names(stored: &str) -> (String, String, String) {
    match ProgramId::ALL.iter().find(|p| format!("{p:?}") == stored) {
        Some(p) => {
            let key = serde_json::to_value(p)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_else(|| stored.to_string());
            let name = p.name();
            (key, name.zh.to_string(), name.en.to_string())
        }
        None => (stored.to_string(), stored.to_string(), stored.to_string()),
    }
}

/// Exact figures of `year` as known at `now`.
pub async fn figures(s: &AppState, year: i32, now: i64) -> Result<Dashboard, ApiError> {
    let volunteers = totals_for_year(s, year, now).await?;
    let bounds = (1..=13)
        .map(|m| month_start(year, m))
        .collect::<Result<Vec<_>, _>>()?;
    let (from, to) = (bounds[0], bounds[12]);

    let mut total = KindCounts::default();
    let mut by_street: Vec<CaseLine> = streets::list(&s.db)
        .await?
        .into_iter()
        .map(|st| CaseLine {
            key: st.code,
            name_zh: st.name_zh,
            name_en: st.name_en,
            counts: KindCounts::default(),
        })
        .collect();
    for (code, kind, n) in store::cases_by_street(&s.db, from, to).await? {
        add(&mut total, &kind, n);
        match by_street.iter_mut().find(|l| l.key == code) {
            Some(line) => add(&mut line.counts, &kind, n),
            None => {
                let mut line = CaseLine {
                    key: code.clone(),
                    name_zh: code.clone(),
                    name_en: code,
                    counts: KindCounts::default(),
                };
                add(&mut line.counts, &kind, n);
                by_street.push(line);
            }
        }
    }

    // Programs in the engine's order, then any other id as stored.
    let mut programs: BTreeMap<(usize, String), KindCounts> = BTreeMap::new();
    for (list, kind, n) in store::cases_by_programs(&s.db, from, to).await? {
        for id in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let rank = ProgramId::ALL
                .iter()
                .position(|p| format!("{p:?}") == id)
                .unwrap_or(usize::MAX);
            add(
                programs.entry((rank, id.to_string())).or_default(),
                &kind,
                n,
            );
        }
    }
    let by_program = programs
        .into_iter()
        .map(|((_, stored), counts)| {
            let (key, name_zh, name_en) = program_names(&stored);
            CaseLine {
                key,
                name_zh,
                name_en,
                counts,
            }
        })
        .collect();

    let months = volunteers.monthly_minutes.len();
    let mut by_month: Vec<CaseLine> = (1..=months)
        .map(|m| CaseLine {
            key: format!("{year:04}-{m:02}"),
            name_zh: month_name(types::i18n::Locale::Zh, m),
            name_en: month_name(types::i18n::Locale::En, m),
            counts: KindCounts::default(),
        })
        .collect();
    for (period, kind, n) in store::cases_by_period(&s.db, &bounds).await? {
        if let Some(line) = by_month.get_mut(period) {
            add(&mut line.counts, &kind, n);
        }
    }

    let durations = store::decision_seconds(&s.db, from, to).await?;
    let decision_times = KINDS
        .iter()
        .map(|kind| {
            let mut secs: Vec<i64> = durations
                .iter()
                .filter(|(k, _)| k == kind)
                .map(|(_, d)| *d)
                .collect();
            DecisionTime {
                kind: (*kind).to_string(),
                decided: Count::Exact(secs.len() as i64),
                median_tenths_of_day: median_tenths_of_day(&mut secs),
            }
        })
        .collect();

    let mut charity = CharityFigures::default();
    for (kind, fen) in store::charity_flows(&s.db, from, to).await? {
        match kind.as_str() {
            "donation" => charity.raised_fen = fen,
            "disbursement" => charity.disbursed_fen = fen,
            _ => charity.refunded_fen = fen,
        }
    }
    charity.balance_fen = projects::summaries(s, true)
        .await?
        .iter()
        .map(|p| p.balance_fen)
        .sum();

    Ok(Dashboard {
        year,
        as_of: volunteers.as_of.clone(),
        public: false,
        volunteers,
        cases: CaseFigures {
            total,
            by_program,
            by_street,
            by_month,
            decision_times,
        },
        charity,
    })
}

/// The file's name: `dashboard-2026.csv` or `open-data-2026.csv`.
pub fn csv_filename(d: &Dashboard) -> String {
    let stem = if d.public { "open-data" } else { "dashboard" };
    format!("{stem}-{}.csv", d.year)
}

const HEADER: [&str; 5] = [
    "指标 / Indicator",
    "分项 / Breakdown",
    "项目 / Item",
    "数值 / Value",
    "单位 / Unit",
];

const CASES: &str = "件 / cases";
const PEOPLE: &str = "人 / people";

/// The figures as CSV: UTF-8 with a byte-order mark, CRLF lines, one figure a line. Text cells
/// go through the time bank's formula guard; numbers are written as computed.
pub fn csv(d: &Dashboard) -> String {
    let mut out = String::from("\u{FEFF}");
    push_line(&mut out, HEADER.iter().map(|h| text_cell(h)));
    let mut line = |indicator: &str, breakdown: &str, item: &str, value: String, unit: &str| {
        push_line(
            &mut out,
            [
                text_cell(indicator),
                text_cell(breakdown),
                text_cell(item),
                value,
                text_cell(unit),
            ]
            .into_iter(),
        );
    };
    let v = &d.volunteers;
    line("统计年份 / Year", "", "", d.year.to_string(), "");
    line("统计截至 / As of", "", "", d.as_of.clone(), "");
    line(
        "注册志愿者 / Registered volunteers",
        "",
        "",
        v.volunteers.to_string(),
        PEOPLE,
    );
    let population_source = match &v.population_note {
        Some(note) => format!("{}（{note}）", v.population_source),
        None => v.population_source.clone(),
    };
    line(
        "常住人口 / Resident population",
        "来源 / Source",
        &population_source,
        v.population.to_string(),
        PEOPLE,
    );
    line(
        "注册志愿者占常住人口 / Volunteers as a share of residents",
        "",
        "",
        percent_text(v.share_ppm),
        "%",
    );
    line(
        "“十四五”目标 / Plan target",
        "来源 / Source",
        &v.target_source,
        v.target_percent.to_string(),
        "%",
    );
    line(
        "已确认志愿服务时长 / Confirmed volunteer hours",
        "合计 / Total",
        "",
        hours_decimal(v.minutes, 2).replace(',', ""),
        "小时 / hours",
    );
    for (i, m) in v.monthly_minutes.iter().enumerate() {
        line(
            "已确认志愿服务时长 / Confirmed volunteer hours",
            "按月 / By month",
            &format!("{:04}-{:02}", d.year, i + 1),
            hours_decimal(*m, 2).replace(',', ""),
            "小时 / hours",
        );
    }
    for kind in KINDS {
        let (zh, en) = kind_names(kind);
        let indicator = format!("{zh} / {en}");
        let pick = |c: &KindCounts| {
            if kind == CaseKind::Funeral.as_str() {
                c.funeral
            } else {
                c.preapplications
            }
        };
        line(
            &indicator,
            "合计 / Total",
            "",
            pick(&d.cases.total).plain(),
            CASES,
        );
        for (breakdown, lines) in [
            ("按救助项目 / By program", &d.cases.by_program),
            ("按街道 / By street", &d.cases.by_street),
            ("按月 / By month", &d.cases.by_month),
        ] {
            for l in lines {
                let item = if breakdown.starts_with("按月") {
                    l.key.clone()
                } else if l.name_zh == l.name_en {
                    l.name_zh.clone()
                } else {
                    format!("{} / {}", l.name_zh, l.name_en)
                };
                line(&indicator, breakdown, &item, pick(&l.counts).plain(), CASES);
            }
        }
        if let Some(t) = d.cases.decision_times.iter().find(|t| t.kind == kind) {
            line(&indicator, "已办结 / Decided", "", t.decided.plain(), CASES);
            line(
                &indicator,
                "办结用时中位数 / Median time to decision",
                "",
                t.median_tenths_of_day.map(days_text).unwrap_or_default(),
                "天 / days",
            );
        }
    }
    let c = &d.charity;
    for (zh_en, fen) in [
        ("慈善募集 / Charity raised", c.raised_fen),
        ("慈善支出 / Charity disbursed", c.disbursed_fen),
        ("慈善退款 / Charity refunded", c.refunded_fen),
    ] {
        line(
            zh_en,
            "该年 / In the year",
            "",
            types::money::yuan(fen).replace(',', ""),
            "元 / yuan",
        );
    }
    line(
        "慈善结余 / Charity balance",
        "当前 / Now",
        "",
        types::money::yuan(c.balance_fen).replace(',', ""),
        "元 / yuan",
    );
    out
}
