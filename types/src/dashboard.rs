//! The plan dashboard (staff) and the open-data page (public): the plan's table 2 indicators
//! the system can measure, in one shape for the pages, the JSON API and the CSV export.
//!
//! On the open-data page every count of cases from 1 to 4 is published as "<5" (zero stays
//! zero), so that nobody can pick out one family's application from a street and a month, and
//! further counts are withheld (`x`) where the total minus the visible cells would give a
//! hidden one back (`suppression`).

use crate::timebank::totals::DistrictTotals;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub mod suppression;

/// Counts from 1 up to this are suppressed in public.
pub const SUPPRESS_BELOW: i64 = 5;

/// A count as published: exact, suppressed (1 to 4, open data only) or withheld (any count
/// from 1, open data only, so that a suppressed one cannot be worked out from the total). In
/// JSON an exact count is a number, a suppressed one the string `"<5"`, a withheld one `"x"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    Exact(i64),
    Suppressed,
    Withheld,
}

impl Default for Count {
    fn default() -> Count {
        Count::Exact(0)
    }
}

impl Count {
    /// `n` as the public may see it: 1 to 4 becomes suppressed.
    pub fn public(n: i64) -> Count {
        if (1..SUPPRESS_BELOW).contains(&n) {
            Count::Suppressed
        } else {
            Count::Exact(n)
        }
    }

    pub fn exact(self) -> Option<i64> {
        match self {
            Count::Exact(n) => Some(n),
            Count::Suppressed | Count::Withheld => None,
        }
    }

    /// `1,234`, `<5` or `x`.
    pub fn text(self) -> String {
        match self {
            Count::Exact(n) => crate::timebank::totals::grouped(n),
            hidden => hidden.plain(),
        }
    }

    /// For a CSV cell: `1234`, `<5` or `x`.
    pub fn plain(self) -> String {
        match self {
            Count::Exact(n) => n.to_string(),
            Count::Suppressed => SUPPRESSED.to_string(),
            Count::Withheld => WITHHELD.to_string(),
        }
    }
}

/// How a suppressed count is written everywhere.
pub const SUPPRESSED: &str = "<5";

/// How a withheld count is written everywhere.
pub const WITHHELD: &str = "x";

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Exact(n) => s.serialize_i64(*n),
            hidden => s.serialize_str(&hidden.plain()),
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(i64),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::N(n) => Ok(Count::Exact(n)),
            Raw::S(s) if s == SUPPRESSED => Ok(Count::Suppressed),
            Raw::S(s) if s == WITHHELD => Ok(Count::Withheld),
            Raw::S(other) => Err(serde::de::Error::custom(format!(
                "a count is a number, \"<5\" or \"x\", not {other:?}"
            ))),
        }
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Count {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        OneOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0)),
            )
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some([SUPPRESSED, WITHHELD])),
            )
            .description(Some(
                "A count: a number; on the open-data page \"<5\" when it is from 1 to 4, and \"x\" \
                 (withheld, at least 1) where the total minus the visible counts would give a \
                 \"<5\" back",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Count {}

/// Applications sent in the period: pre-applications (from the eligibility check) and
/// funeral subsidy claims, side by side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindCounts {
    pub preapplications: Count,
    pub funeral: Count,
}

impl KindCounts {
    /// The count of one kind of case: `funeral`, else pre-applications.
    pub fn of_kind_mut(&mut self, kind: &str) -> &mut Count {
        if kind == "funeral" {
            &mut self.funeral
        } else {
            &mut self.preapplications
        }
    }
}

/// One line of a breakdown (a program, a street, a month) with its two counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseLine {
    /// Program id (`dibao`), street code (`wujiashan`) or month (`2026-03`).
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub counts: KindCounts,
}

/// Time from sending to the decision, for one kind of case decided in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionTime {
    /// `preapplication` or `funeral`.
    pub kind: String,
    /// Cases decided (approved, rejected, paid or referred) in the period.
    pub decided: Count,
    /// The median in tenths of a day (`34` is 3.4 days); none when nothing was decided or,
    /// in public, when fewer than 5 were.
    pub median_tenths_of_day: Option<i64>,
}

/// The cases of the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseFigures {
    /// Sent in the period, by kind.
    pub total: KindCounts,
    /// By program asked for (a case asking for two programs counts under each).
    pub by_program: Vec<CaseLine>,
    /// By street office, every street listed.
    pub by_street: Vec<CaseLine>,
    /// By month sent (Asia/Shanghai), January first.
    pub by_month: Vec<CaseLine>,
    pub decision_times: Vec<DecisionTime>,
}

/// The charity's money: what came in and went out in the period, and what is held now.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CharityFigures {
    pub raised_fen: i64,
    pub disbursed_fen: i64,
    pub refunded_fen: i64,
    /// Held for all projects today (raised − disbursed − refunded since the start).
    pub balance_fen: i64,
}

/// The plan's indicators for one calendar year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub year: i32,
    /// The last day counted (`YYYY-MM-DD`, Asia/Shanghai).
    pub as_of: String,
    /// Open data: counts of cases from 1 to 4 are suppressed.
    pub public: bool,
    /// Volunteers, their share of residents against the target, and hours per month (as on
    /// `/timebank/totals`, which publishes them already).
    pub volunteers: DistrictTotals,
    pub cases: CaseFigures,
    pub charity: CharityFigures,
}

impl Dashboard {
    /// The same figures with every case count of 1 to 4 suppressed, further counts withheld
    /// where the total minus the visible streets or months would give a suppressed one back,
    /// and the median time to a decision withheld when fewer than 5 were decided. Programs
    /// only lose their small counts: a case asking for two programs counts under each, so the
    /// program lines do not add up to the total.
    pub fn for_public(mut self) -> Dashboard {
        fn hide(c: &mut KindCounts) {
            for n in [&mut c.preapplications, &mut c.funeral] {
                if let Count::Exact(v) = *n {
                    *n = Count::public(v);
                }
            }
        }
        self.public = true;
        let cases = &mut self.cases;
        for kind in ["preapplication", "funeral"] {
            let exact = |c: &mut KindCounts| c.of_kind_mut(kind).exact().unwrap_or(0);
            let total = exact(&mut cases.total);
            let parts: Vec<Vec<i64>> = [&mut cases.by_street, &mut cases.by_month]
                .into_iter()
                .map(|lines| lines.iter_mut().map(|l| exact(&mut l.counts)).collect())
                .collect();
            let shown = suppression::publish(total, &parts);
            *cases.total.of_kind_mut(kind) = shown.total;
            for (lines, counts) in [&mut cases.by_street, &mut cases.by_month]
                .into_iter()
                .zip(shown.parts)
            {
                for (line, count) in lines.iter_mut().zip(counts) {
                    *line.counts.of_kind_mut(kind) = count;
                }
            }
        }
        for line in cases.by_program.iter_mut() {
            hide(&mut line.counts);
        }
        for d in &mut cases.decision_times {
            if let Count::Exact(v) = d.decided {
                d.decided = Count::public(v);
                if v < SUPPRESS_BELOW {
                    d.median_tenths_of_day = None;
                }
            }
        }
        self
    }
}

/// The median of durations in seconds, in tenths of a day rounded half up: the middle value,
/// or the mean of the two middle values.
pub fn median_tenths_of_day(seconds: &mut [i64]) -> Option<i64> {
    if seconds.is_empty() {
        return None;
    }
    seconds.sort_unstable();
    let n = seconds.len();
    // Twice the median, to stay in integers.
    let twice = if n % 2 == 1 {
        2 * seconds[n / 2]
    } else {
        seconds[n / 2 - 1] + seconds[n / 2]
    };
    // tenths = median / 8640 s, rounded: (twice / 2) / 8640 = twice / 17280.
    Some((twice.max(0) + 8_640) / 17_280)
}

/// `34` → `3.4`.
pub fn days_text(tenths: i64) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The name of a case kind in Chinese and English.
pub fn kind_names(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "funeral" => ("殡葬补贴申请", "Funeral subsidy claims"),
        _ => ("救助预申请", "Assistance pre-applications"),
    }
}

/// The name of a case kind in the page's language.
pub fn kind_label(l: crate::i18n::Locale, kind: &str) -> &'static str {
    let (zh, en) = kind_names(kind);
    l.t(zh, en)
}

/// The plan dashboard's staff page.
pub const STAFF_PAGES: &[crate::account::StaffPage] = &[crate::account::StaffPage {
    path: "/staff/dashboard",
    roles: crate::account::DASHBOARD_READERS,
    menu: Some(("规划指标看板", "Plan indicators dashboard")),
}];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_suppressed_and_zero_stays_zero() {
        assert_eq!(Count::public(0), Count::Exact(0));
        for n in 1..=4 {
            assert_eq!(Count::public(n), Count::Suppressed);
        }
        assert_eq!(Count::public(5), Count::Exact(5));
        assert_eq!(Count::Suppressed.text(), "<5");
        assert_eq!(Count::Exact(12_345).text(), "12,345");
        assert_eq!(Count::Exact(12_345).plain(), "12345");
    }

    #[test]
    fn counts_are_numbers_or_the_suppressed_mark_in_json() {
        let c = KindCounts {
            preapplications: Count::Exact(7),
            funeral: Count::Suppressed,
        };
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, r#"{"preapplications":7,"funeral":"<5"}"#);
        assert_eq!(serde_json::from_str::<KindCounts>(&json).unwrap(), c);
        assert!(serde_json::from_str::<Count>("\"3\"").is_err());
    }

    #[test]
    fn the_median_is_the_middle_in_tenths_of_a_day() {
        const DAY: i64 = 86_400;
        assert_eq!(median_tenths_of_day(&mut []), None);
        assert_eq!(median_tenths_of_day(&mut [3 * DAY]), Some(30));
        // 1, 2, 10 days → 2.0
        assert_eq!(
            median_tenths_of_day(&mut [10 * DAY, DAY, 2 * DAY]),
            Some(20)
        );
        // 1 and 2 days → 1.5
        assert_eq!(median_tenths_of_day(&mut [2 * DAY, DAY]), Some(15));
        // 0.25 day → 0.3 (rounded half up from 2.5 tenths)
        assert_eq!(median_tenths_of_day(&mut [DAY / 4]), Some(3));
        assert_eq!(days_text(34), "3.4");
        assert_eq!(days_text(5), "0.5");
    }
}
