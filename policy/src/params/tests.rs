use super::*;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn value(set: &ParameterSet, id: &str, date: &str) -> i64 {
    set.value_at(id, d(date)).unwrap().value
}

#[test]
fn embedded_files_load() {
    let set = ParameterSet::try_embedded().unwrap();
    assert!(set.parameters().len() >= 30);
    assert_eq!(set.earliest_date(), Some(d("2020-01-01")));
}

#[test]
fn every_figure_of_the_figures_page_is_present_with_its_dates() {
    let set = ParameterSet::embedded();
    let table: [(&str, [i64; 4]); 7] = [
        ("dibao.standard.urban", [83000, 87000, 91000, 94000]),
        ("dibao.standard.rural", [68000, 73000, 78000, 82000]),
        ("tekun.standard.urban", [166000, 174000, 182000, 188000]),
        ("tekun.standard.rural", [128000, 136000, 150000, 160000]),
        ("orphans.scattered", [166000, 174000, 182000, 188000]),
        (
            "orphans.de_facto_unsupported",
            [166000, 174000, 182000, 188000],
        ),
        ("orphans.institutional", [265600, 278400, 291200, 300800]),
    ];
    for (id, [y2020, y2021, y2022, y2023]) in table {
        assert_eq!(value(&set, id, "2020-01-01"), y2020, "{id}");
        assert_eq!(value(&set, id, "2020-12-31"), y2020, "{id}");
        assert_eq!(value(&set, id, "2021-01-01"), y2021, "{id}");
        assert_eq!(value(&set, id, "2022-03-31"), y2021, "{id}");
        assert_eq!(value(&set, id, "2022-04-01"), y2022, "{id}");
        assert_eq!(value(&set, id, "2022-12-31"), y2022, "{id}");
        assert_eq!(value(&set, id, "2023-01-01"), y2023, "{id}");
        assert_eq!(value(&set, id, "2030-06-01"), y2023, "{id}");
        let p = set.get(id).unwrap();
        assert!(p.history.iter().all(|v| !v.placeholder), "{id} is sourced");
        assert!(
            p.history[3]
                .note
                .as_deref()
                .unwrap()
                .contains("exact month to confirm"),
            "{id}"
        );
    }
}

#[test]
fn unknown_figures_are_placeholders() {
    let set = ParameterSet::embedded();
    for id in [
        "elderly.allowance.band1",
        "elderly.band1.min_age",
        "disability.living_subsidy",
        "disability.care_subsidy",
        "student.grant",
        "funeral.price.cremation",
        "funeral.eco_burial.tree",
        "low_income.multiplier_percent",
    ] {
        assert!(
            set.value_at(id, d("2024-06-01")).unwrap().placeholder,
            "{id}"
        );
    }
    for id in [
        "funeral.reimbursement_window_months",
        "temporary.max_months",
        "dibao.standard.urban",
    ] {
        assert!(
            !set.value_at(id, d("2024-06-01")).unwrap().placeholder,
            "{id}"
        );
    }
}

#[test]
fn errors_before_the_first_value_and_for_unknown_ids() {
    let set = ParameterSet::embedded();
    assert_eq!(
        set.value_at("dibao.standard.urban", d("2019-12-31")),
        Err(PolicyError::NoValueOnDate {
            id: "dibao.standard.urban".into(),
            date: d("2019-12-31"),
            first_effective: d("2020-01-01"),
        })
    );
    assert!(matches!(
        set.value_at("funeral.price.urn", d("2023-11-29")),
        Err(PolicyError::NoValueOnDate { .. })
    ));
    assert_eq!(
        set.value_at("no.such", d("2024-01-01")),
        Err(PolicyError::UnknownParameter {
            id: "no.such".into()
        })
    );
}

fn override_(id: &str, effective: &str, value: i64) -> DatedValue {
    DatedValue {
        id: id.into(),
        effective: d(effective),
        value,
        source: "民政局通知（测试）".into(),
        placeholder: false,
        note: None,
    }
}

#[test]
fn merge_adds_later_values_and_replaces_same_date() {
    let mut set = ParameterSet::embedded();
    set.merge(vec![
        override_("dibao.standard.urban", "2024-07-01", 97000),
        override_("dibao.standard.rural", "2024-07-01", 97000),
        override_("elderly.allowance.band1", "2020-01-01", 6000),
    ])
    .unwrap();
    assert_eq!(value(&set, "dibao.standard.urban", "2024-06-30"), 94000);
    assert_eq!(value(&set, "dibao.standard.urban", "2024-07-01"), 97000);
    assert_eq!(
        value(&set, "dibao.standard.rural", "2024-07-01"),
        97000,
        "urban and rural converge"
    );
    let band1 = set
        .value_at("elderly.allowance.band1", d("2024-01-01"))
        .unwrap();
    assert_eq!((band1.value, band1.placeholder), (6000, false));
}

#[test]
fn merge_is_all_or_nothing() {
    let mut set = ParameterSet::embedded();
    let before = set.clone();
    let bad_id = set.merge(vec![
        override_("dibao.standard.urban", "2025-01-01", 1),
        override_("nope", "2025-01-01", 1),
    ]);
    assert_eq!(
        bad_id,
        Err(PolicyError::UnknownParameter { id: "nope".into() })
    );
    let negative = set.merge(vec![override_("dibao.standard.urban", "2025-01-01", -1)]);
    assert!(matches!(
        negative,
        Err(PolicyError::InvalidParameter { .. })
    ));
    let mut no_source = override_("dibao.standard.urban", "2025-01-01", 1);
    no_source.source = "  ".into();
    assert!(set.merge(vec![no_source]).is_err());
    assert_eq!(set, before);
}

#[test]
fn rejects_malformed_sets() {
    let text = r#"
[[parameter]]
id = "x"
name_zh = "x"
name_en = "x"
unit = "months"
[[parameter.history]]
effective = "2020-01-01"
value = 1
source = "s"
[[parameter.history]]
effective = "2020-01-01"
value = 2
source = "s"
"#;
    let parsed = ParameterSet::parse_toml("x.toml", text).unwrap();
    assert!(matches!(
        ParameterSet::from_parameters(parsed),
        Err(PolicyError::InvalidParameter { .. })
    ));
    let bad_unit = text.replace("months", "parsecs");
    assert!(matches!(
        ParameterSet::parse_toml("x.toml", &bad_unit),
        Err(PolicyError::InvalidParameterFile { .. })
    ));
    let bad_date = text.replace("2020-01-01", "2020-02-30");
    assert!(ParameterSet::parse_toml("x.toml", &bad_date).is_err());
}

#[test]
fn unsorted_history_is_sorted_on_load() {
    let text = r#"
[[parameter]]
id = "x"
name_zh = "x"
name_en = "x"
unit = "months"
[[parameter.history]]
effective = "2022-01-01"
value = 2
source = "s"
[[parameter.history]]
effective = "2020-01-01"
value = 1
source = "s"
"#;
    let set =
        ParameterSet::from_parameters(ParameterSet::parse_toml("x.toml", text).unwrap()).unwrap();
    assert_eq!(value(&set, "x", "2021-06-01"), 1);
    assert_eq!(value(&set, "x", "2022-06-01"), 2);
}

#[test]
fn build_time_data_equals_what_the_toml_files_say() {
    let set = ParameterSet::embedded();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("parameters");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut parsed = ParameterSet::parse_toml(&path.display().to_string(), &text).unwrap();
        for p in &mut parsed {
            p.history.sort_by_key(|v| v.effective);
            assert_eq!(set.get(&p.id), Some(&*p), "{}", p.id);
            seen += 1;
        }
    }
    assert_eq!(seen, set.parameters().len());
}
