//! Assembling a [`ProgramResult`]: reasons, notes, the placeholder flag and the disclaimer.

use crate::error::PolicyError;
use crate::params::ParamValue;
use crate::result::{Amount, Outcome, Period, ProgramResult, Quantity, Reason, WhatWouldChange};
use crate::text::{Bilingual, DISCLAIMER, PLACEHOLDER_NOTICE, Yuan};

use super::ProgramId;

pub(crate) struct Builder {
    result: ProgramResult,
}

impl Builder {
    pub fn new(
        program: ProgramId,
        documents: &'static [Bilingual],
        where_to_apply: Bilingual,
    ) -> Builder {
        Builder {
            result: ProgramResult {
                program,
                name: program.name(),
                outcome: Outcome::LikelyNot,
                amount: None,
                uses_placeholder: false,
                reasons: Vec::with_capacity(4),
                documents: std::borrow::Cow::Borrowed(documents),
                where_to_apply,
                what_would_change: None,
                notes: Vec::new(),
                decided_by_civil_affairs: program.decided_by_civil_affairs(),
                disclaimer: DISCLAIMER,
            },
        }
    }

    pub fn reason(&mut self, reason: Reason) {
        self.result.reasons.push(reason);
    }

    /// A reason for a parameter with no value on the date (only reachable without validation).
    pub fn missing(&mut self, error: &PolicyError) {
        self.reason(Reason::new(
            Bilingual::owned(
                format!("该日期没有可用的政策参数：{}", error.message_zh()),
                format!("no policy figure for this date: {}", error.message_en()),
            ),
            None,
        ));
    }

    pub fn note(&mut self, note: Bilingual) {
        self.result.notes.push(note);
    }

    pub fn placeholder(&mut self) {
        self.result.uses_placeholder = true;
    }

    pub fn change(&mut self, change: WhatWouldChange) {
        self.result.what_would_change = Some(change);
    }

    pub fn finish(mut self, outcome: Outcome, amount: Option<Amount>) -> ProgramResult {
        let r = &mut self.result;
        r.outcome = outcome;
        r.amount = amount;
        if r.reasons
            .iter()
            .any(|x| x.parameter.as_ref().is_some_and(|p| p.placeholder))
        {
            r.uses_placeholder = true;
        }
        if r.uses_placeholder {
            r.notes.push(PLACEHOLDER_NOTICE);
        }
        self.result
    }
}

/// A monthly estimate, or `None` when it is zero.
pub(crate) fn monthly(fen: i64) -> Option<Amount> {
    (fen > 0).then_some(Amount {
        fen,
        period: Period::Monthly,
        up_to: false,
    })
}

/// A reason comparing a per-capita income with a per-person threshold.
pub(crate) fn per_capita_reason(
    criterion: Bilingual,
    per_capita: i64,
    threshold: i64,
    param: &ParamValue<'_>,
) -> Reason {
    Reason::new(criterion, Some(per_capita < threshold))
        .compare(
            Quantity::per_person_month(per_capita),
            Quantity::per_person_month(threshold),
        )
        .param(param.to_ref())
}

/// Headroom or shortfall for "per-capita income strictly below `line`" with `n` members:
/// the highest household income that passes is `line × n − 1` fen.
pub(crate) fn income_change(
    income: i64,
    n: i64,
    line: i64,
    what_zh: &str,
    what_en: &str,
) -> WhatWouldChange {
    let max_passing = line.saturating_mul(n) - 1;
    if income <= max_passing {
        let room = max_passing - income;
        WhatWouldChange {
            headroom_fen_per_month: Some(room),
            shortfall_fen_per_month: None,
            text: Bilingual::owned(
                format!("家庭月收入再增加 {} 元以内，仍低于{what_zh}。", Yuan(room)),
                format!(
                    "Household income could rise by up to {} yuan a month and still be below the {what_en}.",
                    Yuan(room)
                ),
            ),
        }
    } else {
        let gap = income - max_passing;
        WhatWouldChange {
            headroom_fen_per_month: None,
            shortfall_fen_per_month: Some(gap),
            text: Bilingual::owned(
                format!("家庭月收入需减少 {} 元才低于{what_zh}。", Yuan(gap)),
                format!(
                    "Household income would have to be {} yuan a month lower to be below the {what_en}.",
                    Yuan(gap)
                ),
            ),
        }
    }
}
