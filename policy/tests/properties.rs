//! Properties that must hold for every household, not just the golden ones.

use policy::{
    Assets, Date, Deceased, DisabilityGrade, EcoBurial, Household, Member, Outcome, ParameterSet,
    ParentsStatus, ProgramId, Residence, ResidentId, TriState, evaluate_all,
};
use proptest::prelude::*;

fn tri() -> impl Strategy<Value = TriState> {
    prop_oneof![
        Just(TriState::Yes),
        Just(TriState::No),
        Just(TriState::Unknown)
    ]
}

fn grade() -> impl Strategy<Value = DisabilityGrade> {
    prop_oneof![
        4 => Just(DisabilityGrade::None),
        1 => Just(DisabilityGrade::Grade1),
        1 => Just(DisabilityGrade::Grade2),
        1 => Just(DisabilityGrade::Grade3),
        1 => Just(DisabilityGrade::Grade4),
    ]
}

fn parents() -> impl Strategy<Value = ParentsStatus> {
    prop_oneof![
        4 => Just(ParentsStatus::Supported),
        1 => Just(ParentsStatus::Orphan),
        1 => Just(ParentsStatus::DeFactoUnsupported),
        1 => Just(ParentsStatus::Unsure),
    ]
}

prop_compose! {
    fn member()(
        age in 0u16..=105,
        disability in grade(),
        severe_illness in prop::bool::weighted(0.15),
        can_work in tri(),
        college_student in prop::bool::weighted(0.1),
        parents in parents(),
        in_welfare_institution in prop::bool::weighted(0.1),
        needs_daily_care in prop::bool::weighted(0.1),
    ) -> Member {
        Member {
            age: Some(age),
            disability,
            severe_illness,
            can_work,
            college_student,
            parents,
            in_welfare_institution,
            needs_daily_care,
            ..Member::default()
        }
    }
}

fn date() -> impl Strategy<Value = Date> {
    let first = Date::parse("2020-01-01").unwrap().ordinal();
    let last = Date::parse("2026-12-31").unwrap().ordinal();
    (first..=last).prop_map(|o| Date::from_ordinal(o).unwrap())
}

fn deceased() -> impl Strategy<Value = Option<Deceased>> {
    let eco = prop_oneof![
        Just(None),
        Just(Some(EcoBurial::Tree)),
        Just(Some(EcoBurial::FlowerBed)),
        Just(Some(EcoBurial::Lawn)),
        Just(Some(EcoBurial::Scattering)),
    ];
    prop::option::of(
        (tri(), tri(), tri(), eco).prop_map(|(h, d, c, e)| Deceased {
            hukou_wuhan: h,
            died_in_wuhan: d,
            cremated_in_wuhan: c,
            cremation_date: None,
            eco_burial: e,
        }),
    )
}

prop_compose! {
    fn household()(
        rural in any::<bool>(),
        members in prop::collection::vec(member(), 1..=6),
        income in 0i64..=1_500_000,
        supporter_able in tri(),
        medical in prop_oneof![Just(0i64), 0i64..=6_000_000],
        education in prop_oneof![Just(0i64), 0i64..=600_000],
        sudden_hardship in any::<bool>(),
        urgent in prop::bool::weighted(0.2),
        assets in (tri(), tri(), tri()),
        hukou_wuhan in tri(),
        deceased in deceased(),
    ) -> Household {
        Household {
            residence: if rural { Residence::Rural } else { Residence::Urban },
            members,
            monthly_income_fen: income,
            supporter_able,
            medical_spending_12m_fen: medical,
            education_spending_12m_fen: education,
            sudden_hardship,
            urgent,
            assets: Assets { savings_over_limit: assets.0, extra_housing: assets.1, vehicle: assets.2 },
            hukou_wuhan,
            deceased,
        }
    }
}

fn amounts(h: &Household, date: Date, params: &ParameterSet) -> Vec<(ProgramId, i64)> {
    evaluate_all(h, date, params)
        .expect("generated households are valid")
        .iter()
        .map(|r| (r.program, r.amount_fen()))
        .collect()
}

fn standard(params: &ParameterSet, id: &str, date: Date) -> i64 {
    params.value_at(id, date).unwrap().value
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn more_income_never_raises_an_amount(h in household(), extra in 1i64..=400_000, date in date()) {
        let params = ParameterSet::embedded();
        let mut richer = h.clone();
        richer.monthly_income_fen += extra;
        let before = amounts(&h, date, &params);
        let after = amounts(&richer, date, &params);
        for ((program, a), (_, b)) in before.iter().zip(&after) {
            prop_assert!(b <= a, "{program:?}: {a} fen at income {}, {b} fen at income {}",
                h.monthly_income_fen, richer.monthly_income_fen);
        }
    }

    #[test]
    fn amounts_are_never_negative_nor_above_the_standard_times_members(h in household(), date in date()) {
        let params = ParameterSet::embedded();
        let n = h.members.len() as i64;
        let (dibao_id, tekun_id) = match h.residence {
            Residence::Urban => ("dibao.standard.urban", "tekun.standard.urban"),
            Residence::Rural => ("dibao.standard.rural", "tekun.standard.rural"),
        };
        let dibao = standard(&params, dibao_id, date);
        let tekun = standard(&params, tekun_id, date);
        for r in evaluate_all(&h, date, &params).unwrap() {
            let fen = r.amount_fen();
            prop_assert!(fen >= 0, "{:?} negative", r.program);
            if r.outcome == Outcome::LikelyNot {
                prop_assert!(r.amount.is_none(), "{:?} likely not but has an amount", r.program);
            }
            match r.program {
                ProgramId::Dibao => prop_assert!(fen <= dibao * n, "dibao {fen} > {dibao} × {n}"),
                ProgramId::Tekun => prop_assert!(fen <= tekun * n, "tekun {fen} > {tekun} × {n}"),
                ProgramId::Temporary => prop_assert!(fen <= dibao * 12),
                _ => {}
            }
        }
    }

    #[test]
    fn dibao_income_test_is_strictly_below_standard_times_members(
        n in 1usize..=8, income in 0i64..=1_200_000, rural in any::<bool>(), date in date()
    ) {
        let params = ParameterSet::embedded();
        let members = vec![Member { age: Some(40), ..Member::default() }; n];
        let mut h = Household::new(if rural { Residence::Rural } else { Residence::Urban }, members, income);
        h.assets = Assets { savings_over_limit: TriState::No, extra_housing: TriState::No, vehicle: TriState::No };
        let id = if rural { "dibao.standard.rural" } else { "dibao.standard.urban" };
        let s = standard(&params, id, date);
        let results = evaluate_all(&h, date, &params).unwrap();
        let dibao = &results[0];
        prop_assert_eq!(dibao.program, ProgramId::Dibao);
        let eligible = income < s * n as i64;
        prop_assert_eq!(dibao.outcome == Outcome::LikelyEligible, eligible);
        if eligible {
            let pc = income / n as i64;
            prop_assert_eq!(dibao.amount_fen(), (s - pc) * n as i64);
        }
    }

    #[test]
    fn any_household_with_bad_numbers_gets_errors_not_a_panic(
        income in any::<i64>(), medical in any::<i64>(), n in 0usize..=30, date in date()
    ) {
        let params = ParameterSet::embedded();
        let members = vec![Member { age: Some(30), own_monthly_income_fen: Some(income), ..Member::default() }; n];
        let mut h = Household::new(Residence::Urban, members, income);
        h.medical_spending_12m_fen = medical;
        let valid_money = (0..=10_000_000).contains(&income) && (0..=100_000_000).contains(&medical);
        let own_ok = income.checked_mul(n as i64).is_some_and(|t| t <= income);
        let valid = valid_money && (1..=20).contains(&n) && own_ok;
        prop_assert_eq!(evaluate_all(&h, date, &params).is_ok(), valid);
    }

    #[test]
    fn generated_valid_id_numbers_parse(
        province in prop::sample::select(vec![11u8, 21, 31, 42, 44, 50, 65, 71, 81, 82]),
        birth in date(), seq in 0u32..1000
    ) {
        let body = format!("{province:02}0112{:04}{:02}{:02}{seq:03}", birth.year(), birth.month(), birth.day());
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = body.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
        let check = b"10X98765432"[(sum % 11) as usize] as char;
        let id = format!("{body}{check}");
        let parsed = ResidentId::parse(&id.to_lowercase(), birth).unwrap();
        prop_assert_eq!(parsed.birth_date(), birth);
        prop_assert_eq!(parsed.expose(), id.as_str());
        prop_assert_eq!(parsed.masked().chars().count(), 18);
        let wrong = if check == '0' { '1' } else { '0' };
        let bad = format!("{body}{wrong}");
        prop_assert!(ResidentId::parse(&bad, birth).is_err());
    }
}
