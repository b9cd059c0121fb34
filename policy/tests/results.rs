//! What a resident sees in a result: disclaimer, sources, notes, and that it travels intact.

use policy::{
    Assets, DISCLAIMER, Date, DatedValue, Deceased, DisabilityGrade, Household, LifeEvent, Member,
    Outcome, PLACEHOLDER_NOTICE, ParameterSet, ProgramId, ProgramResult, Residence, TriState,
    evaluate_all, programs_for,
};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn clean_assets() -> Assets {
    Assets {
        savings_over_limit: TriState::No,
        extra_housing: TriState::No,
        vehicle: TriState::No,
    }
}

fn family(income: i64) -> Household {
    let mut h = Household::new(
        Residence::Urban,
        vec![
            Member {
                age: Some(41),
                can_work: TriState::Yes,
                ..Member::default()
            },
            Member {
                age: Some(39),
                can_work: TriState::Yes,
                ..Member::default()
            },
            Member {
                age: Some(12),
                ..Member::default()
            },
        ],
        income,
    );
    h.assets = clean_assets();
    h.supporter_able = TriState::Yes;
    h
}

fn result(results: &[ProgramResult], id: ProgramId) -> &ProgramResult {
    results.iter().find(|r| r.program == id).unwrap()
}

#[test]
fn every_program_is_evaluated_once_in_order_with_the_disclaimer() {
    let params = ParameterSet::embedded();
    let results = evaluate_all(&family(150_000), d("2024-06-01"), &params).unwrap();
    let ids: Vec<ProgramId> = results.iter().map(|r| r.program).collect();
    assert_eq!(ids, ProgramId::ALL.to_vec());
    for r in &results {
        assert_eq!(r.disclaimer, DISCLAIMER);
        assert!(
            !r.where_to_apply.zh.is_empty() && !r.documents.is_empty(),
            "{:?}",
            r.program
        );
        assert!(!r.reasons.is_empty(), "{:?} gives no reason", r.program);
        let texts = r.reasons.iter().map(|x| &x.criterion).chain(&r.notes);
        for t in texts {
            assert!(
                !t.en.to_lowercase().contains("entitled") && !t.zh.contains("有权"),
                "{t:?}"
            );
        }
        assert_eq!(
            r.decided_by_civil_affairs,
            r.program.decided_by_civil_affairs()
        );
    }
}

#[test]
fn single_programs_match_evaluate_all() {
    let params = ParameterSet::embedded();
    let h = family(300_000);
    let all = evaluate_all(&h, d("2023-06-01"), &params).unwrap();
    for (id, r) in ProgramId::ALL.iter().zip(&all) {
        assert_eq!(&id.evaluate(&h, d("2023-06-01"), &params), r);
    }
    assert_eq!(
        policy::programs::dibao::evaluate(&h, d("2023-06-01"), &params),
        all[0]
    );
}

#[test]
fn reasons_cite_the_parameter_version_in_force() {
    let params = ParameterSet::embedded();
    let results = evaluate_all(&family(150_000), d("2022-06-01"), &params).unwrap();
    let dibao = result(&results, ProgramId::Dibao);
    let cited = dibao
        .reasons
        .iter()
        .find_map(|r| r.parameter.as_ref())
        .unwrap();
    assert_eq!(&*cited.id, "dibao.standard.urban");
    assert_eq!(cited.effective, d("2022-04-01"));
    assert!(cited.source.contains("2022-04-27"));
    assert!(!dibao.uses_placeholder);
    assert_eq!(dibao.amount.unwrap().fen, (91_000 - 50_000) * 3);
}

#[test]
fn placeholders_are_flagged_with_the_notice() {
    let params = ParameterSet::embedded();
    let mut h = family(0);
    h.hukou_wuhan = TriState::Yes;
    h.members.push(Member {
        age: Some(85),
        ..Member::default()
    });
    let results = evaluate_all(&h, d("2024-06-01"), &params).unwrap();
    let elderly = result(&results, ProgramId::ElderlyAllowance);
    assert_eq!(elderly.outcome, Outcome::LikelyEligible);
    assert!(elderly.uses_placeholder && elderly.notes.contains(&PLACEHOLDER_NOTICE));
    let dibao = result(&results, ProgramId::Dibao);
    assert!(!dibao.uses_placeholder && !dibao.notes.contains(&PLACEHOLDER_NOTICE));
}

#[test]
fn urgent_hardship_mentions_help_first() {
    let params = ParameterSet::embedded();
    let mut h = family(100_000);
    h.urgent = true;
    let results = evaluate_all(&h, d("2024-06-01"), &params).unwrap();
    let t = result(&results, ProgramId::Temporary);
    assert_eq!(t.outcome, Outcome::LikelyEligible);
    assert!(t.amount.unwrap().up_to);
    assert!(t.notes.iter().any(|n| n.zh.contains("先行救助")));
}

#[test]
fn tekun_notes_centralised_care_for_those_who_cannot_look_after_themselves() {
    let params = ParameterSet::embedded();
    let mut h = Household::new(
        Residence::Rural,
        vec![Member {
            age: Some(82),
            needs_daily_care: true,
            ..Member::default()
        }],
        0,
    );
    h.assets = clean_assets();
    h.supporter_able = TriState::No;
    let results = evaluate_all(&h, d("2024-06-01"), &params).unwrap();
    let t = result(&results, ProgramId::Tekun);
    assert_eq!(
        (t.outcome, t.amount_fen()),
        (Outcome::LikelyEligible, 160_000)
    );
    assert!(t.notes.iter().any(|n| n.zh.contains("集中供养")));
    assert!(t.reasons.iter().any(|r| r.member == Some(0)));
}

#[test]
fn single_person_rule_is_explained() {
    let params = ParameterSet::embedded();
    let mut h = family(300_000);
    h.members[2].disability = DisabilityGrade::Grade1;
    let results = evaluate_all(&h, d("2024-06-01"), &params).unwrap();
    let dibao = result(&results, ProgramId::Dibao);
    assert_eq!(
        (dibao.outcome, dibao.amount_fen()),
        (Outcome::LikelyEligible, 94_000)
    );
    assert!(
        dibao
            .reasons
            .iter()
            .any(|r| r.criterion.zh.contains("单人户") && r.met == Some(true))
    );
}

#[test]
fn staff_overrides_change_results_without_code_change() {
    let mut params = ParameterSet::embedded();
    params
        .merge(vec![DatedValue {
            id: "dibao.standard.urban".into(),
            effective: d("2024-07-01"),
            value: 100_000,
            source: "武汉市民政局通知（示例）".into(),
            placeholder: false,
            note: None,
        }])
        .unwrap();
    let before = evaluate_all(&family(150_000), d("2024-06-30"), &params).unwrap();
    let after = evaluate_all(&family(150_000), d("2024-07-01"), &params).unwrap();
    assert_eq!(before[0].amount_fen(), (94_000 - 50_000) * 3);
    assert_eq!(after[0].amount_fen(), (100_000 - 50_000) * 3);
    let cited = after[0]
        .reasons
        .iter()
        .find_map(|r| r.parameter.as_ref())
        .unwrap();
    assert_eq!(
        (cited.effective, &*cited.source),
        (d("2024-07-01"), "武汉市民政局通知（示例）")
    );
}

#[test]
fn funeral_claim_says_how_many_days_are_left() {
    let params = ParameterSet::embedded();
    let mut h = family(500_000);
    h.deceased = Some(Deceased {
        hukou_wuhan: TriState::Yes,
        died_in_wuhan: TriState::No,
        cremated_in_wuhan: TriState::No,
        cremation_date: Some(d("2024-01-31")),
        eco_burial: None,
    });
    let results = evaluate_all(&h, d("2024-04-20"), &params).unwrap();
    let f = result(&results, ProgramId::FuneralWaiver);
    assert_eq!(f.outcome, Outcome::LikelyEligible);
    let text = &f.what_would_change.as_ref().unwrap().text;
    assert!(
        text.zh.contains("10 天") && text.zh.contains("2024-04-30"),
        "{}",
        text.zh
    );
    assert!(f.documents.iter().any(|doc| doc.zh.contains("登记表")));
}

#[test]
fn households_and_results_survive_serialisation() {
    let params = ParameterSet::embedded();
    let mut h = family(300_000);
    h.members[0].birth_date = Some(d("1983-02-28"));
    h.deceased = Some(Deceased {
        hukou_wuhan: TriState::Yes,
        ..Deceased::default()
    });
    let text = toml::to_string(&h).unwrap();
    let back: Household = toml::from_str(&text).unwrap();
    assert_eq!(back, h);
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Wrapper {
        results: Vec<ProgramResult>,
    }
    let results = Wrapper {
        results: evaluate_all(&h, d("2024-06-01"), &params).unwrap(),
    };
    let text = toml::to_string(&results).unwrap();
    assert_eq!(toml::from_str::<Wrapper>(&text).unwrap(), results);
    let set_text = toml::to_string(&Wrapper2 {
        parameters: params.clone(),
    })
    .unwrap();
    assert_eq!(
        toml::from_str::<Wrapper2>(&set_text).unwrap().parameters,
        params
    );
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Wrapper2 {
    parameters: ParameterSet,
}

#[test]
fn the_hardship_life_event_lists_the_basic_programs() {
    let programs = programs_for(&[LifeEvent::Hardship]);
    for p in [
        ProgramId::Dibao,
        ProgramId::Tekun,
        ProgramId::LowIncome,
        ProgramId::Temporary,
    ] {
        assert!(programs.contains(&p));
    }
    assert!(!programs.contains(&ProgramId::FuneralWaiver));
    assert_eq!(policy::programs_catalog().len(), ProgramId::ALL.len());
}
