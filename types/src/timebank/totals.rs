//! The district's volunteer figures: what the public totals page and its API show (one shape
//! for both), and how its numbers are written for people.

use serde::{Deserialize, Serialize};

/// Confirmed service and registered volunteers in the district this calendar year
/// (Asia/Shanghai), against the plan's target share of residents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistrictTotals {
    /// The calendar year counted.
    pub year: i32,
    /// The day the figures were computed for (`YYYY-MM-DD`, Asia/Shanghai).
    pub as_of: String,
    /// Net confirmed service this year, in minutes (reversals are negative records).
    pub minutes: i64,
    /// Net confirmed minutes per month, January first, up to the current month.
    pub monthly_minutes: Vec<i64>,
    /// Registered volunteers.
    pub volunteers: i64,
    /// The district's resident population (parameter `district.resident_population`).
    pub population: i64,
    /// The day the population figure is in force from (`YYYY-MM-DD`): a dated parameter.
    #[serde(default)]
    pub population_effective: String,
    pub population_source: String,
    /// A remark on the population figure (e.g. that it is quoted from a secondary source).
    pub population_note: Option<String>,
    /// Volunteers per million residents (so 14 % is 140 000).
    pub share_ppm: i64,
    /// The target share of residents, in percent (parameter `timebank.volunteer_share_target`).
    pub target_percent: i64,
    pub target_source: String,
}

impl DistrictTotals {
    /// How far the share has come towards the target, in thousandths (0..=1000).
    pub fn progress_permille(&self) -> i64 {
        let target_ppm = self.target_percent * 10_000;
        if target_ppm <= 0 {
            return 0;
        }
        (self.share_ppm.max(0) * 1000 / target_ppm).min(1000)
    }
}

/// Volunteers per million residents, rounded to the nearest.
pub fn share_ppm(volunteers: i64, population: i64) -> i64 {
    if population <= 0 {
        return 0;
    }
    (volunteers.max(0) * 1_000_000 + population / 2) / population
}

/// A share in parts per million as a percentage: `140000` → `14.00`, `2` → `0.0002`
/// (four decimals when the share is under a hundredth of a percent, so it never reads 0.00).
pub fn percent_text(ppm: i64) -> String {
    let ppm = ppm.max(0);
    if ppm >= 100 || ppm == 0 {
        let hundredths = (ppm + 50) / 100;
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    } else {
        format!("0.{ppm:04}")
    }
}

/// Minutes as decimal hours with `places` decimals (0 to 2), rounded half away from zero:
/// `90` → `1.5`, `50` → `0.83` (two places), `-30` → `-0.5`.
pub fn hours_decimal(minutes: i64, places: u32) -> String {
    let places = places.min(2);
    let scale = 10_i64.pow(places);
    let scaled = (minutes.abs() * scale + 30) / 60;
    let sign = if minutes < 0 && scaled > 0 { "-" } else { "" };
    if places == 0 {
        format!("{sign}{}", grouped(scaled))
    } else {
        format!(
            "{sign}{}.{:0width$}",
            grouped(scaled / scale),
            scaled % scale,
            width = places as usize
        )
    }
}

/// `925800` → `925,800` (the one digit grouping, `money`'s).
pub use crate::money::grouped;

/// A month's short name: `1月` / `Jan`.
pub fn month_name(l: crate::i18n::Locale, month: usize) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match l {
        crate::i18n::Locale::Zh => format!("{month}月"),
        crate::i18n::Locale::En => EN
            .get(month.wrapping_sub(1))
            .copied()
            .unwrap_or_default()
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_hours_read_as_people_expect() {
        assert_eq!(share_ppm(2, 925_800), 2);
        assert_eq!(share_ppm(129_612, 925_800), 140_000);
        assert_eq!(share_ppm(5, 0), 0);
        assert_eq!(percent_text(140_000), "14.00");
        assert_eq!(percent_text(2), "0.0002");
        assert_eq!(percent_text(0), "0.00");
        assert_eq!(percent_text(123_456), "12.35");
        assert_eq!(hours_decimal(90, 1), "1.5");
        assert_eq!(hours_decimal(50, 2), "0.83");
        assert_eq!(hours_decimal(-30, 2), "-0.50");
        assert_eq!(hours_decimal(0, 1), "0.0");
        assert_eq!(hours_decimal(60 * 1234, 0), "1,234");
        assert_eq!(grouped(925_800), "925,800");
        assert_eq!(grouped(-1_000), "-1,000");
        assert_eq!(grouped(12), "12");
        assert_eq!(month_name(crate::i18n::Locale::En, 12), "Dec");
        assert_eq!(month_name(crate::i18n::Locale::Zh, 3), "3月");
    }

    #[test]
    fn progress_is_the_share_of_the_target_capped_at_all_of_it() {
        let mut t = DistrictTotals {
            year: 2026,
            as_of: "2026-11-20".into(),
            minutes: 0,
            monthly_minutes: vec![],
            volunteers: 0,
            population: 1,
            population_effective: String::new(),
            population_source: String::new(),
            population_note: None,
            share_ppm: 70_000,
            target_percent: 14,
            target_source: String::new(),
        };
        assert_eq!(t.progress_permille(), 500);
        t.share_ppm = 300_000;
        assert_eq!(t.progress_permille(), 1000);
        t.target_percent = 0;
        assert_eq!(t.progress_permille(), 0);
    }
}
