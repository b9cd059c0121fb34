//! The means test shared by the programs, computed once per household and date.
//!
//! Rounding: per-capita income is `floor(household income / members)` in whole fen; the monthly
//! share of rigid spending is `floor(12-month spending / months)`; the low-income line is
//! `floor(standard × percent / 100)`. Because the standard is a whole number of fen,
//! `floor(income / n) < standard` holds exactly when `income < standard × n`, so the floor never
//! changes who passes the test.

use std::cell::OnceCell;

use crate::date::Date;
use crate::error::PolicyError;
use crate::household::{Household, Member, Residence, TriState};
use crate::params::{ParamValue, ParameterSet};
use crate::result::Outcome;

/// Shared facts for one evaluation.
pub(crate) struct Ctx<'a> {
    pub h: &'a Household,
    pub date: Date,
    pub params: &'a ParameterSet,
    /// Members, at least 1 (an empty household is rejected by validation; this guards division).
    pub n: i64,
    /// Household income, at least 0.
    pub income: i64,
    /// `floor(income / n)`.
    pub per_capita: i64,
    /// Whether assets exceed the limits.
    pub assets_over: TriState,
    pub dibao: Result<ParamValue<'a>, PolicyError>,
    pub low_pct: Result<ParamValue<'a>, PolicyError>,
    pub lookback: Result<ParamValue<'a>, PolicyError>,
    hardship: OnceCell<Outcome>,
}

/// `Yes`/`No`/`Unknown` as met/not met/unknown for a criterion that passes on `No`.
pub(crate) fn passes_on_no(answer: TriState) -> Option<bool> {
    match answer {
        TriState::No => Some(true),
        TriState::Yes => Some(false),
        TriState::Unknown => None,
    }
}

/// `Yes`/`No`/`Unknown` as met/not met/unknown for a criterion that passes on `Yes`.
pub(crate) fn yes(answer: TriState) -> Option<bool> {
    match answer {
        TriState::Yes => Some(true),
        TriState::No => Some(false),
        TriState::Unknown => None,
    }
}

/// All criteria must hold: any failure → not; any unknown → caseworker; else likely.
pub(crate) fn all_of(criteria: &[Option<bool>]) -> Outcome {
    if criteria.contains(&Some(false)) {
        Outcome::LikelyNot
    } else if criteria.contains(&None) {
        Outcome::NeedsCaseworker
    } else {
        Outcome::LikelyEligible
    }
}

/// Any route suffices: any likely → likely; any caseworker → caseworker; else not.
pub(crate) fn any_of(outcomes: &[Outcome]) -> Outcome {
    if outcomes.contains(&Outcome::LikelyEligible) {
        Outcome::LikelyEligible
    } else if outcomes.contains(&Outcome::NeedsCaseworker) {
        Outcome::NeedsCaseworker
    } else {
        Outcome::LikelyNot
    }
}

/// An outcome used as a criterion of another program.
pub(crate) fn outcome_as_criterion(o: Outcome) -> Option<bool> {
    match o {
        Outcome::LikelyEligible => Some(true),
        Outcome::LikelyNot => Some(false),
        Outcome::NeedsCaseworker => None,
    }
}

impl<'a> Ctx<'a> {
    pub fn new(h: &'a Household, date: Date, params: &'a ParameterSet) -> Ctx<'a> {
        let n = (h.members.len() as i64).max(1);
        let income = h.monthly_income_fen.max(0);
        let dibao_id = match h.residence {
            Residence::Urban => crate::param_ids::DIBAO_STANDARD_URBAN,
            Residence::Rural => crate::param_ids::DIBAO_STANDARD_RURAL,
        };
        Ctx {
            h,
            date,
            params,
            n,
            income,
            per_capita: income / n,
            assets_over: h.assets.over_limits(),
            dibao: params.value_at(dibao_id, date),
            low_pct: params.value_at(crate::param_ids::LOW_INCOME_MULTIPLIER_PERCENT, date),
            lookback: params.value_at(crate::param_ids::EXPENDITURE_LOOKBACK_MONTHS, date),
            hardship: OnceCell::new(),
        }
    }

    /// A parameter in force on the evaluation date.
    pub fn param(&self, id: &str) -> Result<ParamValue<'a>, PolicyError> {
        self.params.value_at(id, self.date)
    }

    /// The 低保 standard for this household's residence type, in fen per person per month.
    pub fn dibao_std(&self) -> Option<i64> {
        self.dibao.as_ref().ok().map(|p| p.value)
    }

    /// Per-capita income strictly below the 低保 standard.
    pub fn below_dibao(&self) -> Option<bool> {
        self.dibao_std().map(|s| self.per_capita < s)
    }

    /// The low-income line per person per month.
    pub fn low_income_line(&self) -> Option<i64> {
        let s = self.dibao_std()?;
        let pct = self.low_pct.as_ref().ok()?.value;
        Some(s.saturating_mul(pct) / 100)
    }

    /// Per-capita income strictly below the low-income line.
    pub fn below_low_income(&self) -> Option<bool> {
        self.low_income_line().map(|line| self.per_capita < line)
    }

    /// Monthly share of the last 12 months' medical and education spending.
    pub fn rigid_monthly(&self) -> Option<i64> {
        let months = self.lookback.as_ref().ok()?.value.max(1);
        Some(self.h.rigid_spending_12m_fen().max(0) / months)
    }

    /// `floor(max(income − rigid monthly spending, 0) / n)`.
    pub fn adjusted_per_capita(&self) -> Option<i64> {
        self.rigid_monthly()
            .map(|r| (self.income - r).max(0) / self.n)
    }

    /// Expenditure-type poverty by income: not below the 低保 standard on income alone, but
    /// below it once rigid spending is taken off.
    pub fn expenditure_poor(&self) -> Option<bool> {
        let s = self.dibao_std()?;
        let spending = self.rigid_monthly()?;
        Some(spending > 0 && self.per_capita >= s && self.adjusted_per_capita()? < s)
    }

    /// Members who are severely disabled (grade 1-2) or severely ill.
    pub fn severe_members(&self) -> impl Iterator<Item = &'a Member> + 'a {
        self.h
            .members
            .iter()
            .filter(|m| m.disability.is_severe() || m.severe_illness)
    }

    /// Members who could be brought into 低保 as a single-person household (单人户): severe
    /// and with own income below the standard.
    pub fn single_person_candidates(&self) -> impl Iterator<Item = &'a Member> + 'a {
        let s = self.dibao_std().unwrap_or(0);
        let h = self.h;
        self.severe_members()
            .filter(move |m| h.own_income_of(m) < s)
    }

    /// Sum over single-person candidates of (standard − own income).
    pub fn single_person_amount(&self) -> i64 {
        let s = self.dibao_std().unwrap_or(0);
        self.single_person_candidates()
            .map(|m| s - self.h.own_income_of(m))
            .sum()
    }

    /// The asset test as a criterion.
    pub fn assets_ok(&self) -> Option<bool> {
        passes_on_no(self.assets_over)
    }

    /// 低保 for the whole household.
    pub fn dibao_whole(&self) -> Outcome {
        all_of(&[self.below_dibao(), self.assets_ok()])
    }

    /// Low-income or expenditure-type poor household (the precondition for 单人户).
    pub fn low_income_or_expenditure(&self) -> Option<bool> {
        match (self.below_low_income(), self.expenditure_poor()) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        }
    }

    /// 低保 as a single-person household for its severe members, when the household as a
    /// whole is not below the standard.
    pub fn dibao_single(&self) -> Outcome {
        let not_whole = self.below_dibao().map(|b| !b);
        let has_candidate = Some(self.single_person_candidates().next().is_some());
        all_of(&[
            not_whole,
            self.low_income_or_expenditure(),
            has_candidate,
            self.assets_ok(),
        ])
    }

    /// 低保 by either route.
    pub fn dibao_any(&self) -> Outcome {
        any_of(&[self.dibao_whole(), self.dibao_single()])
    }

    /// 低收入家庭: below the low-income line, not below the 低保 standard, assets within limits.
    pub fn low_income(&self) -> Outcome {
        let not_dibao = self.below_dibao().map(|b| !b);
        all_of(&[not_dibao, self.below_low_income(), self.assets_ok()])
    }

    /// 支出型贫困家庭.
    pub fn expenditure(&self) -> Outcome {
        all_of(&[self.expenditure_poor(), self.assets_ok()])
    }

    /// Any of the basic-living statuses: 低保 (either route), 特困, 低收入, 支出型.
    /// Computed once per evaluation.
    pub fn hardship(&self) -> Outcome {
        *self.hardship.get_or_init(|| {
            any_of(&[
                self.dibao_any(),
                super::tekun::household_outcome(self),
                self.low_income(),
                self.expenditure(),
            ])
        })
    }

    /// The household's Wuhan registration as a criterion.
    pub fn hukou_ok(&self) -> Option<bool> {
        yes(self.h.hukou_wuhan)
    }

    /// A member's age on the evaluation date (0 when not given; validation rejects that).
    pub fn age(&self, m: &Member) -> i64 {
        m.age_on(self.date).unwrap_or(0)
    }
}
