//! Reports of the time bank: the public district totals (this year's confirmed hours, the
//! volunteers' share of residents against the plan's target) and a coordinator's annual
//! export of their organization's service records as CSV (masked names only, audited).

use super::activities::{require_coordinator, shanghai_unix};
use crate::audit;
use crate::clock::shanghai_time;
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use crate::timebank::store::reports::{self as store, OrganizationRecord};
use policy::Date;
use types::timebank::CATEGORIES;
use types::timebank::totals::{DistrictTotals, hours_decimal, share_ppm};

pub const POPULATION: &str = policy::param_ids::DISTRICT_RESIDENT_POPULATION;
pub const SHARE_TARGET: &str = policy::param_ids::TIMEBANK_VOLUNTEER_SHARE_TARGET;
/// The first year a report can cover: the plan's first year and that of the national rules
/// on volunteer records.
pub const FIRST_YEAR: i32 = 2021;

/// Today in Asia/Shanghai.
fn today(now: i64) -> Result<Date, ApiError> {
    Date::shanghai_from_unix_millis(now.saturating_mul(1000))
        .ok_or_else(|| ApiError::Internal(format!("clock out of range: {now}")))
}

/// 00:00 in Asia/Shanghai on the first of `month` (13 is January of the next year).
pub fn month_start(year: i32, month: u32) -> Result<i64, ApiError> {
    let (year, month) = if month > 12 {
        (year + 1, month - 12)
    } else {
        (year, month)
    };
    shanghai_unix(&format!("{year:04}-{month:02}-01"), "00:00")
        .ok_or_else(|| ApiError::Internal(format!("no such month: {year}-{month}")))
}

/// The district's figures on the day of `now`.
pub async fn totals(s: &AppState, now: i64) -> Result<DistrictTotals, ApiError> {
    let year = i32::from(today(now)?.year());
    totals_for_year(s, year, now).await
}

/// The district's figures of `year` as known on the day of `now`: this year up to today, an
/// earlier year as at its 31 December (volunteers registered by then, the parameters in force
/// then), a later year as of today with no months yet.
pub async fn totals_for_year(
    s: &AppState,
    year: i32,
    now: i64,
) -> Result<DistrictTotals, ApiError> {
    let today = today(now)?;
    let this_year = i32::from(today.year());
    let (as_of, months) = match year.cmp(&this_year) {
        std::cmp::Ordering::Equal => (today, usize::from(today.month())),
        std::cmp::Ordering::Less => (
            u16::try_from(year)
                .ok()
                .and_then(|y| Date::new(y, 12, 31).ok())
                .ok_or_else(|| ApiError::Internal(format!("no such year: {year}")))?,
            12,
        ),
        std::cmp::Ordering::Greater => (today, 0),
    };
    let bounds = (1..=13)
        .map(|m| month_start(year, m))
        .collect::<Result<Vec<_>, _>>()?;
    let mut monthly = store::minutes_between(&s.db, &bounds).await?;
    let minutes = monthly.iter().sum();
    monthly.truncate(months);
    let volunteers = if year < this_year {
        crate::timebank::store::volunteers::count_registered_before(&s.db, bounds[12]).await?
    } else {
        crate::timebank::store::volunteers::count(&s.db).await?
    };
    let set = crate::parameters::cached(s);
    let parameter = |id: &str| {
        set.value_at(id, as_of)
            .map_err(|e| ApiError::Internal(format!("parameter {id}: {e}")))
    };
    let population = parameter(POPULATION)?;
    let target = parameter(SHARE_TARGET)?;
    Ok(DistrictTotals {
        year,
        as_of: as_of.to_string(),
        minutes,
        monthly_minutes: monthly,
        volunteers,
        population: population.value,
        population_effective: population.effective.to_string(),
        population_source: population.source.to_string(),
        population_note: population.note.map(str::to_owned),
        share_ppm: share_ppm(volunteers, population.value),
        target_percent: target.value,
        target_source: target.source.to_string(),
    })
}

/// The year asked for: this year when none is given, else a number from 2021 to next year.
pub fn parse_year(text: Option<&str>, now: i64) -> Result<i32, ApiError> {
    let this_year = i32::from(today(now)?.year());
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(this_year);
    };
    match text.parse::<i32>() {
        Ok(y) if (FIRST_YEAR..=this_year + 1).contains(&y) => Ok(y),
        _ => Err(ApiError::field(
            "year",
            &format!("年份须为 {FIRST_YEAR} 年至 {} 年之间的数字", this_year + 1),
            &format!(
                "The year must be a number from {FIRST_YEAR} to {}",
                this_year + 1
            ),
        )),
    }
}

/// An organization's service records of one year, as CSV.
#[derive(Clone, Debug)]
pub struct RecordsExport {
    pub year: i32,
    pub rows: usize,
    /// UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese), CRLF lines.
    pub csv: String,
}

impl RecordsExport {
    pub fn filename(&self) -> String {
        format!("records-{}.csv", self.year)
    }
}

/// A coordinator of the organization exports its service records recorded in `year`
/// (Asia/Shanghai) for the annual report. An audited read; volunteers appear by masked name.
pub async fn export_records(
    s: &AppState,
    who: &StaffUser,
    organization_id: &str,
    year: Option<&str>,
    now: i64,
) -> Result<RecordsExport, ApiError> {
    require_coordinator(s, who, organization_id).await?;
    let year = parse_year(year, now)?;
    let records = store::organization_records(
        &s.db,
        organization_id,
        month_start(year, 1)?,
        month_start(year, 13)?,
    )
    .await?;
    let export = RecordsExport {
        year,
        rows: records.len(),
        csv: records_csv(&records),
    };
    audit::record(
        s,
        &format!("staff:{}", who.id),
        "records.export",
        &format!("organization:{organization_id}"),
        &format!("ok: {} rows", export.rows),
    )
    .await?;
    Ok(export)
}

const HEADER: [&str; 12] = [
    "记录编号 / Record no.",
    "记录日期 / Recorded on",
    "服务日期 / Service date",
    "活动名称 / Activity",
    "服务类别 / Category",
    "服务地点 / Place",
    "组织单位 / Organizing unit",
    "负责人 / Person in charge",
    "志愿者 / Volunteer",
    "服务时长（分钟） / Minutes",
    "服务时长（小时） / Hours",
    "记录类型 / Kind",
];

fn category_zh(code: &str) -> &str {
    CATEGORIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(code, |(_, zh, _)| zh)
}

fn kind_label(kind: &str) -> String {
    let zh = match kind {
        "verified" => "已确认",
        "adjusted" => "调整后确认",
        "correction" => "更正",
        "reversal" => "冲销",
        "honour" => "荣誉时长",
        other => return other.to_string(),
    };
    format!("{zh} ({kind})")
}

/// The whole file: byte-order mark, header, one line per record.
pub fn records_csv(records: &[OrganizationRecord]) -> String {
    let mut out = String::from("\u{FEFF}");
    push_line(&mut out, HEADER.iter().map(|h| text_cell(h)));
    for r in records {
        let date = |t: i64| shanghai_time(t).chars().take(10).collect::<String>();
        push_line(
            &mut out,
            [
                r.id.to_string(),
                date(r.recorded_at),
                date(r.activity_starts_at),
                text_cell(&r.activity_name),
                text_cell(category_zh(&r.category)),
                text_cell(&r.place),
                text_cell(&r.organizer_unit),
                text_cell(&r.person_in_charge),
                text_cell(&r.volunteer_masked),
                r.minutes.to_string(),
                hours_decimal(r.minutes, 2).replace(',', ""),
                text_cell(&kind_label(&r.kind)),
            ]
            .into_iter(),
        );
    }
    out
}

pub fn push_line(out: &mut String, cells: impl Iterator<Item = String>) {
    let line: Vec<String> = cells.collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// A text cell as RFC 4180 wants it, and safe to open in a spreadsheet: text that a program
/// would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
/// gets a leading apostrophe; a cell with a comma, quote or line break is quoted, its quotes
/// doubled. Numbers the report computes itself (minutes, hours) are written as they are.
pub fn text_cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(text_cell("陪伴老人"), "陪伴老人");
        assert_eq!(text_cell("读报, 聊天"), "\"读报, 聊天\"");
        assert_eq!(text_cell("他说\"你好\""), "\"他说\"\"你好\"\"\"");
        assert_eq!(text_cell("第一行\n第二行"), "\"第一行\n第二行\"");
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-1"), "'-1");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("a=b"), "a=b");
    }

    #[test]
    fn years_run_from_2021_to_next_year() {
        // 2026-11-20 in Shanghai.
        let now = 1_795_140_000;
        assert_eq!(parse_year(None, now).unwrap(), 2026);
        assert_eq!(parse_year(Some(" 2021 "), now).unwrap(), 2021);
        assert_eq!(parse_year(Some("2027"), now).unwrap(), 2027);
        for bad in ["2020", "2028", "abc", "2026.5", "-2026"] {
            assert_eq!(parse_year(Some(bad), now).unwrap_err().code(), "validation");
        }
    }

    #[test]
    fn months_start_at_midnight_in_shanghai() {
        // 2026-01-01 00:00 +08:00 is 2025-12-31 16:00 UTC.
        assert_eq!(month_start(2026, 1).unwrap(), 1_767_196_800);
        assert_eq!(
            month_start(2026, 13).unwrap(),
            month_start(2027, 1).unwrap()
        );
    }
}
