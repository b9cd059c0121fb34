//! Checks a household before any rule runs: every problem becomes a [`FieldError`], never a panic.

use crate::date::Date;
use crate::error::{FieldError, FieldErrorCode};
use crate::household::Household;
use crate::params::ParameterSet;
use crate::text::yuan;

/// Most members a household may have.
pub const MAX_MEMBERS: usize = 20;
/// Highest monthly income accepted (100,000 yuan), in fen.
pub const MAX_MONTHLY_INCOME_FEN: i64 = 10_000_000;
/// Highest 12-month medical or education spending accepted (1,000,000 yuan), in fen.
pub const MAX_SPENDING_12M_FEN: i64 = 100_000_000;
/// Highest age accepted.
pub const MAX_AGE: i64 = 150;

/// All problems with `household` as of `date`; empty when it can be evaluated.
pub fn validate(household: &Household, date: Date, params: &ParameterSet) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_date(date, params, &mut errors);
    check_members(household, date, &mut errors);
    check_money(
        "monthly_income_fen",
        household.monthly_income_fen,
        MAX_MONTHLY_INCOME_FEN,
        &mut errors,
    );
    check_money(
        "medical_spending_12m_fen",
        household.medical_spending_12m_fen,
        MAX_SPENDING_12M_FEN,
        &mut errors,
    );
    check_money(
        "education_spending_12m_fen",
        household.education_spending_12m_fen,
        MAX_SPENDING_12M_FEN,
        &mut errors,
    );
    if let Some(cremated) = household.deceased.as_ref().and_then(|d| d.cremation_date)
        && cremated > date
    {
        errors.push(FieldError::new(
            "deceased.cremation_date",
            FieldErrorCode::DateInFuture,
            "火化日期不能晚于今天",
            "the cremation date cannot be after today",
        ));
    }
    errors
}

fn check_date(date: Date, params: &ParameterSet, errors: &mut Vec<FieldError>) {
    if let Some(first) = params.earliest_date()
        && date < first
    {
        errors.push(FieldError::new(
            "date",
            FieldErrorCode::DateBeforeParameters,
            format!("{first} 之前没有可用的政策标准"),
            format!("no policy figures are available before {first}"),
        ));
    }
}

fn check_members(household: &Household, date: Date, errors: &mut Vec<FieldError>) {
    let n = household.members.len();
    if n == 0 {
        errors.push(FieldError::new(
            "members",
            FieldErrorCode::HouseholdEmpty,
            "请至少填写一位家庭成员",
            "enter at least one household member",
        ));
    } else if n > MAX_MEMBERS {
        errors.push(FieldError::new(
            "members",
            FieldErrorCode::HouseholdTooLarge,
            format!("家庭成员最多 {MAX_MEMBERS} 人"),
            format!("a household has at most {MAX_MEMBERS} members"),
        ));
    }
    let mut own_total: i64 = 0;
    for (i, m) in household.members.iter().enumerate() {
        if let Some(born) = m.birth_date
            && born > date
        {
            errors.push(FieldError::new(
                format!("members[{i}].birth_date"),
                FieldErrorCode::DateInFuture,
                "出生日期不能晚于今天",
                "the date of birth cannot be after today",
            ));
        }
        match m.age_on(date) {
            None => errors.push(FieldError::new(
                format!("members[{i}].age"),
                FieldErrorCode::AgeMissing,
                "请填写年龄或出生日期",
                "enter an age or a date of birth",
            )),
            Some(age) if age > MAX_AGE => errors.push(FieldError::new(
                format!("members[{i}].age"),
                FieldErrorCode::AgeImplausible,
                format!("年龄不能超过 {MAX_AGE} 岁"),
                format!("age cannot exceed {MAX_AGE}"),
            )),
            Some(_) => {}
        }
        if let Some(own) = m.own_monthly_income_fen {
            let field = format!("members[{i}].own_monthly_income_fen");
            check_money(&field, own, MAX_MONTHLY_INCOME_FEN, errors);
            own_total = own_total.saturating_add(own.max(0));
        }
    }
    if own_total > household.monthly_income_fen && household.monthly_income_fen >= 0 {
        errors.push(FieldError::new(
            "monthly_income_fen",
            FieldErrorCode::OwnIncomeExceedsHousehold,
            "家庭成员个人收入之和不能超过家庭月收入",
            "members' own incomes add up to more than the household income",
        ));
    }
}

fn check_money(field: &str, fen: i64, max: i64, errors: &mut Vec<FieldError>) {
    if fen < 0 {
        errors.push(FieldError::new(
            field,
            FieldErrorCode::Negative,
            "金额不能为负数",
            "the amount cannot be negative",
        ));
    } else if fen > max {
        errors.push(FieldError::new(
            field,
            FieldErrorCode::TooLarge,
            format!("金额不能超过 {} 元", yuan(max)),
            format!("the amount cannot exceed {} yuan", yuan(max)),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::household::{Member, Residence};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn adult() -> Member {
        Member {
            age: Some(40),
            ..Member::default()
        }
    }

    fn codes(h: &Household, date: &str) -> Vec<(String, FieldErrorCode)> {
        let params = ParameterSet::embedded();
        validate(h, d(date), &params)
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn accepts_an_ordinary_household() {
        let h = Household::new(Residence::Urban, vec![adult(), adult()], 150_000);
        assert!(codes(&h, "2024-05-01").is_empty());
    }

    #[test]
    fn rejects_bad_sizes_and_money() {
        let empty = Household::new(Residence::Urban, vec![], 0);
        assert_eq!(
            codes(&empty, "2024-05-01"),
            vec![("members".into(), FieldErrorCode::HouseholdEmpty)]
        );
        let big = Household::new(Residence::Urban, vec![adult(); 21], 0);
        assert_eq!(
            codes(&big, "2024-05-01")[0].1,
            FieldErrorCode::HouseholdTooLarge
        );
        let twenty = Household::new(Residence::Urban, vec![adult(); 20], 0);
        assert!(codes(&twenty, "2024-05-01").is_empty());
        let negative = Household::new(Residence::Urban, vec![adult()], -1);
        assert_eq!(
            codes(&negative, "2024-05-01")[0].1,
            FieldErrorCode::Negative
        );
        let rich = Household::new(Residence::Urban, vec![adult()], MAX_MONTHLY_INCOME_FEN + 1);
        assert_eq!(codes(&rich, "2024-05-01")[0].1, FieldErrorCode::TooLarge);
        let at_max = Household::new(Residence::Urban, vec![adult()], MAX_MONTHLY_INCOME_FEN);
        assert!(codes(&at_max, "2024-05-01").is_empty());
    }

    #[test]
    fn rejects_future_births_missing_ages_and_early_dates() {
        let baby = Member {
            birth_date: Some(d("2024-05-02")),
            ..Member::default()
        };
        let h = Household::new(Residence::Rural, vec![baby, Member::default()], 0);
        let found = codes(&h, "2024-05-01");
        assert!(found.contains(&("members[0].birth_date".into(), FieldErrorCode::DateInFuture)));
        assert!(found.contains(&("members[1].age".into(), FieldErrorCode::AgeMissing)));
        let ok = Household::new(Residence::Urban, vec![adult()], 0);
        assert_eq!(
            codes(&ok, "2019-12-31"),
            vec![("date".into(), FieldErrorCode::DateBeforeParameters)]
        );
        assert!(codes(&ok, "2020-01-01").is_empty());
    }

    #[test]
    fn own_incomes_cannot_exceed_the_household_income() {
        let earner = Member {
            own_monthly_income_fen: Some(60_000),
            ..adult()
        };
        let h = Household::new(Residence::Urban, vec![earner.clone(), earner], 100_000);
        assert_eq!(
            codes(&h, "2024-05-01")[0].1,
            FieldErrorCode::OwnIncomeExceedsHousehold
        );
    }
}
