//! The disclosure clock of the Charity Law (《慈善法》第七十九条 and 《慈善组织信息公开办法》):
//! a project running more than six months publishes an update at least every three months
//! while it runs; an emergency project publishes an update at least every five days while it
//! runs; every project publishes a full final report within three months after it ends.

use policy::Date;

/// How often an emergency project must publish while it runs.
pub const EMERGENCY_UPDATE_DAYS: i64 = 5;
/// How often a long project must publish while it runs.
pub const UPDATE_MONTHS: u32 = 3;
/// A project running longer than this publishes periodic updates.
pub const LONG_PROJECT_MONTHS: u32 = 6;
/// The final report is due this long after the end.
pub const FINAL_REPORT_MONTHS: u32 = 3;

/// A project's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub starts_on: Date,
    pub ends_on: Date,
    /// Raised to respond to a major emergency (重大突发事件).
    pub emergency: bool,
}

/// What has to be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueKind {
    /// A periodic progress update while the project runs.
    Update,
    /// The full report after the project ends.
    FinalReport,
}

/// The next publication due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub kind: DueKind,
    /// The last day it may be published on time.
    pub due_on: Date,
    /// `today` is past `due_on`.
    pub overdue: bool,
}

/// What is due next on `today`, given the dates of published updates and (if any) of the final
/// report; None when nothing more is due (final report published).
///
/// While the project runs, the periodic clock counts from the later of the start and the last
/// update. When a periodic due date would fall after the end, or the project is short (six
/// months or less), or the project has ended, the final report is what is due.
pub fn next_due(
    s: &Schedule,
    updates: &[Date],
    final_report: Option<Date>,
    today: Date,
) -> Option<Due> {
    if final_report.is_some() {
        return None;
    }
    let final_due = saturate(s.ends_on.add_months(FINAL_REPORT_MONTHS));
    let last = updates
        .iter()
        .copied()
        .filter(|d| *d >= s.starts_on)
        .max()
        .unwrap_or(s.starts_on);
    // None past year 9999, which also means "after the end".
    let periodic = if today > s.ends_on {
        None
    } else if s.emergency {
        last.add_days(EMERGENCY_UPDATE_DAYS)
    } else if s
        .starts_on
        .add_months(LONG_PROJECT_MONTHS)
        .is_some_and(|six| s.ends_on > six)
    {
        last.add_months(UPDATE_MONTHS)
    } else {
        None
    };
    let (kind, due_on) = match periodic {
        Some(d) if d <= s.ends_on => (DueKind::Update, d),
        _ => (DueKind::FinalReport, final_due),
    };
    Some(Due {
        kind,
        due_on,
        overdue: today > due_on,
    })
}

/// The name of what is due, in Chinese and English.
pub fn label(kind: DueKind) -> (&'static str, &'static str) {
    match kind {
        DueKind::Update => ("进展公开", "progress update"),
        DueKind::FinalReport => ("结项报告", "final report"),
    }
}

/// A final report due past year 9999 is due on its last day (never reached in practice).
fn saturate(date: Option<Date>) -> Date {
    date.unwrap_or(LAST_DAY)
}

const LAST_DAY: Date = match Date::new(9999, 12, 31) {
    Ok(d) => d,
    Err(_) => panic!("9999-12-31 is a date"),
};

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn schedule(starts: &str, ends: &str, emergency: bool) -> Schedule {
        Schedule {
            starts_on: d(starts),
            ends_on: d(ends),
            emergency,
        }
    }

    fn due(kind: DueKind, on: &str, overdue: bool) -> Option<Due> {
        Some(Due {
            kind,
            due_on: d(on),
            overdue,
        })
    }

    #[test]
    fn exactly_six_months_is_a_short_project() {
        let s = schedule("2026-01-15", "2026-07-15", false);
        assert_eq!(
            next_due(&s, &[], None, d("2026-02-01")),
            due(DueKind::FinalReport, "2026-10-15", false)
        );
        // One day longer: updates every three months.
        let s = schedule("2026-01-15", "2026-07-16", false);
        assert_eq!(
            next_due(&s, &[], None, d("2026-02-01")),
            due(DueKind::Update, "2026-04-15", false)
        );
    }

    #[test]
    fn an_update_is_overdue_the_day_after_it_is_due() {
        let s = schedule("2026-01-01", "2026-12-31", false);
        assert_eq!(
            next_due(&s, &[], None, d("2026-04-01")),
            due(DueKind::Update, "2026-04-01", false)
        );
        assert_eq!(
            next_due(&s, &[], None, d("2026-04-02")),
            due(DueKind::Update, "2026-04-01", true)
        );
    }

    #[test]
    fn the_three_month_clock_counts_from_the_last_update() {
        let s = schedule("2026-01-01", "2026-12-31", false);
        let updates = [d("2026-03-20"), d("2026-06-10")];
        assert_eq!(
            next_due(&s, &updates, None, d("2026-07-01")),
            due(DueKind::Update, "2026-09-10", false)
        );
        // The order of the list does not matter.
        let updates = [d("2026-06-10"), d("2026-03-20")];
        assert_eq!(
            next_due(&s, &updates, None, d("2026-07-01")),
            due(DueKind::Update, "2026-09-10", false)
        );
        // The next three months reach past the end: the final report is what remains.
        let updates = [d("2026-10-05")];
        assert_eq!(
            next_due(&s, &updates, None, d("2026-11-01")),
            due(DueKind::FinalReport, "2027-03-31", false)
        );
    }

    #[test]
    fn the_emergency_clock_resets_at_each_update() {
        let s = schedule("2026-02-01", "2026-03-31", true);
        assert_eq!(
            next_due(&s, &[], None, d("2026-02-03")),
            due(DueKind::Update, "2026-02-06", false)
        );
        assert_eq!(
            next_due(&s, &[], None, d("2026-02-07")),
            due(DueKind::Update, "2026-02-06", true)
        );
        let updates = [d("2026-02-05")];
        assert_eq!(
            next_due(&s, &updates, None, d("2026-02-07")),
            due(DueKind::Update, "2026-02-10", false)
        );
        let updates = [d("2026-02-05"), d("2026-02-09")];
        assert_eq!(
            next_due(&s, &updates, None, d("2026-02-14")),
            due(DueKind::Update, "2026-02-14", false)
        );
        assert_eq!(
            next_due(&s, &updates, None, d("2026-02-15")),
            due(DueKind::Update, "2026-02-14", true)
        );
    }

    #[test]
    fn an_emergency_update_that_would_fall_after_the_end_gives_way_to_the_final_report() {
        let s = schedule("2026-02-01", "2026-02-28", true);
        let updates = [d("2026-02-25")];
        assert_eq!(
            next_due(&s, &updates, None, d("2026-02-26")),
            due(DueKind::FinalReport, "2026-05-28", false)
        );
    }

    #[test]
    fn updates_before_the_start_do_not_move_the_clock() {
        let s = schedule("2026-02-01", "2026-03-31", true);
        let updates = [d("2026-01-20")];
        assert_eq!(
            next_due(&s, &updates, None, d("2026-02-02")),
            due(DueKind::Update, "2026-02-06", false)
        );
    }

    #[test]
    fn the_final_report_is_due_three_months_after_the_end() {
        let s = schedule("2026-01-01", "2026-12-31", false);
        // On the last day the project still runs.
        assert_eq!(
            next_due(&s, &[d("2026-10-01")], None, d("2026-12-31")),
            due(DueKind::FinalReport, "2027-03-31", false)
        );
        // After the end the final report is due even if an update was missed.
        assert_eq!(
            next_due(&s, &[], None, d("2027-01-01")),
            due(DueKind::FinalReport, "2027-03-31", false)
        );
        assert_eq!(
            next_due(&s, &[], None, d("2027-03-31")),
            due(DueKind::FinalReport, "2027-03-31", false)
        );
        assert_eq!(
            next_due(&s, &[], None, d("2027-04-01")),
            due(DueKind::FinalReport, "2027-03-31", true)
        );
        // A short project ending on 30 November: the report is due on the last day of February.
        let s = schedule("2026-09-01", "2026-11-30", false);
        assert_eq!(
            next_due(&s, &[], None, d("2026-10-01")),
            due(DueKind::FinalReport, "2027-02-28", false)
        );
    }

    #[test]
    fn a_published_final_report_ends_the_clock() {
        let s = schedule("2026-01-01", "2026-12-31", false);
        assert_eq!(
            next_due(&s, &[], Some(d("2027-01-20")), d("2027-06-01")),
            None
        );
        let s = schedule("2026-02-01", "2026-03-31", true);
        assert_eq!(
            next_due(&s, &[], Some(d("2026-04-02")), d("2026-04-03")),
            None
        );
    }

    #[test]
    fn labels() {
        assert_eq!(label(DueKind::Update), ("进展公开", "progress update"));
        assert_eq!(label(DueKind::FinalReport), ("结项报告", "final report"));
    }

    #[test]
    fn dates_near_the_end_of_the_calendar_do_not_panic() {
        let s = schedule("9999-01-01", "9999-12-31", false);
        assert_eq!(
            next_due(&s, &[d("9999-11-01")], None, d("9999-12-31")),
            due(DueKind::FinalReport, "9999-12-31", false)
        );
    }
}
