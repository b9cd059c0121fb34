//! The inputs of each question, bound to the check's state. Plain form controls with names, so
//! the same markup posts without JavaScript.

use super::flow::CheckState;
use leptos::prelude::*;
use policy::{Bilingual, LifeEvent, QuestionId};
use types::i18n::Locale;

pub fn pick(l: Locale, b: &Bilingual) -> String {
    match l {
        Locale::Zh => b.zh.to_string(),
        Locale::En => b.en.to_string(),
    }
}

pub fn field_id(key: &str) -> String {
    key.replace('.', "-")
}

type Opt = (&'static str, &'static str, &'static str);
const YES_NO_UNKNOWN: &[Opt] = &[
    ("yes", "是", "Yes"),
    ("no", "否", "No"),
    ("unknown", "不清楚", "Don't know"),
];
const YES_NO: &[Opt] = &[("yes", "是", "Yes"), ("no", "否", "No")];
const RESIDENCE: &[Opt] = &[
    ("urban", "城市标准", "Urban standard"),
    ("rural", "农村标准", "Rural standard"),
];
const DISABILITY: &[Opt] = &[
    ("none", "无残疾人证", "No certificate"),
    ("1", "一级", "Grade 1"),
    ("2", "二级", "Grade 2"),
    ("3", "三级", "Grade 3"),
    ("4", "四级", "Grade 4"),
];
const PARENTS: &[Opt] = &[
    ("supported", "有父母抚养", "Raised by a parent"),
    ("orphan", "父母均去世或失踪", "Both parents died or missing"),
    (
        "de_facto",
        "父母无法抚养（重残、重病、服刑等）",
        "Parents unable to raise the child",
    ),
    ("unsure", "不清楚", "Not sure"),
];
const ECO: &[Opt] = &[
    ("none", "没有", "No"),
    ("tree", "树葬", "Tree burial"),
    ("flower_bed", "花坛葬", "Flower-bed burial"),
    ("lawn", "草坪葬", "Lawn burial"),
    (
        "scattering",
        "海葬或江河撒散",
        "Scattering at sea or on a river",
    ),
];

fn value_of(state: RwSignal<CheckState>, key: &str) -> String {
    state.with(|s| s.answers.get(key))
}

fn set(state: RwSignal<CheckState>, key: &str, v: String) {
    state.update(|s| s.answers.set(key, v));
}

/// The message under a field, if its answer has a problem.
fn field_error(state: RwSignal<CheckState>, key: String, l: Locale) -> impl IntoView {
    let id = format!("{}-error", field_id(&key));
    move || {
        state.with(|s| {
            s.problems.iter().find(|p| p.field == key).map(|p| {
                let text = l.t_owned(&p.zh, &p.en);
                view! { <p class="field-error" id=id.clone()><span aria-hidden="true">"⚠ "</span>{text}</p> }
            })
        })
    }
}

fn has_error(state: RwSignal<CheckState>, key: &str) -> bool {
    state.with(|s| s.problems.iter().any(|p| p.field == key))
}

pub fn text_field(
    state: RwSignal<CheckState>,
    key: String,
    label: String,
    unit: &'static str,
    numeric: bool,
) -> impl IntoView {
    let id = field_id(&key);
    let (k1, k2, k3, k4, k5) = (
        key.clone(),
        key.clone(),
        key.clone(),
        key.clone(),
        key.clone(),
    );
    let l = crate::prefs::use_locale();
    let err_id = format!("{id}-error");
    let label_for = id.clone();
    view! {
        <div class="field">
            <label for=label_for>{label}</label>
            <div class="input-row">
                <input
                    id=id
                    name=key
                    type="text"
                    inputmode=if numeric { "decimal" } else { "text" }
                    autocomplete="off"
                    value=move || value_of(state, &k1)
                    aria-invalid=move || if has_error(state, &k5) { "true" } else { "false" }
                    aria-describedby=move || has_error(state, &k4).then(|| err_id.clone())
                    on:input=move |ev| set(state, &k2, event_target_value(&ev))
                />
                <span class="unit">{unit}</span>
            </div>
            {field_error(state, k3.clone(), l)}
        </div>
    }
}

pub fn radio_group(
    state: RwSignal<CheckState>,
    key: String,
    legend: String,
    options: &'static [Opt],
) -> impl IntoView {
    let l = crate::prefs::use_locale();
    let radios = options
        .iter()
        .map(|(value, zh, en)| {
            let id = format!("{}-{value}", field_id(&key));
            let label_for = id.clone();
            let (k1, k2) = (key.clone(), key.clone());
            view! {
                <label class="choice" for=label_for>
                    <input
                        type="radio"
                        id=id
                        name=key.clone()
                        value=*value
                        checked=move || value_of(state, &k1) == *value
                        on:change=move |_| set(state, &k2, value.to_string())
                    />
                    <span>{l.t(zh, en)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field choices" id=field_id(&key)>
            <legend>{legend}</legend>
            {radios}
            {field_error(state, key.clone(), l)}
        </fieldset>
    }
}

pub fn checkbox(state: RwSignal<CheckState>, key: String, label: String) -> impl IntoView {
    let id = field_id(&key);
    let label_for = id.clone();
    let (k1, k2) = (key.clone(), key.clone());
    view! {
        <label class="choice" for=label_for>
            <input
                type="checkbox"
                id=id
                name=key
                value="yes"
                checked=move || value_of(state, &k1) == "yes"
                on:change=move |ev| set(state, &k2, if event_target_checked(&ev) { "yes".into() } else { String::new() })
            />
            <span>{label}</span>
        </label>
    }
}

pub fn select(
    state: RwSignal<CheckState>,
    key: String,
    label: String,
    options: &'static [Opt],
) -> impl IntoView {
    let l = crate::prefs::use_locale();
    let id = field_id(&key);
    let (k1, k2) = (key.clone(), key.clone());
    let label_for = id.clone();
    let opts = options
        .iter()
        .map(|(value, zh, en)| {
            let k = k1.clone();
            view! { <option value=*value selected=move || value_of(state, &k) == *value>{l.t(zh, en)}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=label_for>{label}</label>
            <select id=id name=key on:change=move |ev| set(state, &k2, event_target_value(&ev))>{opts}</select>
        </div>
    }
}

/// The life-event checkboxes of the first screen.
pub fn events_view(state: RwSignal<CheckState>, l: Locale) -> impl IntoView {
    let boxes = LifeEvent::ALL
        .into_iter()
        .map(|e| {
            let key = super::answers::event_key(e);
            let id = format!("ev-{key}");
            let label_for = id.clone();
            view! {
                <label class="choice event" for=label_for>
                    <input
                        type="checkbox"
                        id=id
                        name="ev"
                        value=key
                        checked=move || state.with(|s| s.answers.has_event(e))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.update(|s| s.answers.toggle_event(e, on));
                        }
                    />
                    <span>{pick(l, &e.label())}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field choices events" id="ev">
            <legend>{l.t("您家遇到了什么情况？可以选多项。", "What is your household going through? Choose all that apply.")}</legend>
            {boxes}
            {field_error(state, "ev-hardship".to_string(), l)}
        </fieldset>
    }
}

fn member_label(l: Locale, i: usize) -> String {
    match l {
        Locale::Zh => format!("第 {i} 位成员"),
        Locale::En => format!("Member {i}"),
    }
}

/// One row per household member, re-drawn only when the number of members changes.
fn per_member<V: IntoView + 'static>(
    state: RwSignal<CheckState>,
    row: impl Fn(usize) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let n = Memo::new(move |_| state.with(|s| s.answers.member_count()));
    move || (1..=n.get()).map(&row).collect_view()
}

pub fn question_view(q: QuestionId, state: RwSignal<CheckState>, l: Locale) -> AnyView {
    use QuestionId as Q;
    let prompt = pick(l, &q.prompt());
    match q {
        Q::Residence => radio_group(state, "residence".into(), prompt, RESIDENCE).into_any(),
        Q::HouseholdSize => text_field(state, "size".into(), prompt, l.t("人", "people"), true).into_any(),
        Q::MonthlyIncome => view! {
            {text_field(state, "income".into(), prompt, l.t("元/月", "yuan / month"), true)}
            <p class="hint">{l.t("包括工资、养老金、经营收入等，全家加在一起。", "Wages, pensions, business income… for everyone together.")}</p>
        }
        .into_any(),
        Q::Supporter => radio_group(state, "supporter".into(), prompt, YES_NO_UNKNOWN).into_any(),
        Q::RigidSpending => view! {
            <fieldset class="field" id="spending">
                <legend>{prompt}</legend>
                {text_field(state, "medical".into(), l.t("医疗费（自付）", "Medical (paid yourselves)").into(), l.t("元", "yuan"), true)}
                {text_field(state, "education".into(), l.t("教育费", "Education").into(), l.t("元", "yuan"), true)}
            </fieldset>
        }
        .into_any(),
        Q::Assets => view! {
            <div class="group" id="assets">
                <p class="group-title">{prompt}</p>
                {radio_group(state, "savings".into(), l.t("存款是否超过规定？", "Savings over the limit?").into(), YES_NO_UNKNOWN)}
                {radio_group(state, "housing".into(), l.t("是否有第二套住房？", "A second home?").into(), YES_NO_UNKNOWN)}
                {radio_group(state, "vehicle".into(), l.t("是否有汽车？", "A car?").into(), YES_NO_UNKNOWN)}
            </div>
        }
        .into_any(),
        Q::SuddenHardship => radio_group(state, "sudden".into(), prompt, YES_NO).into_any(),
        Q::Urgent => radio_group(state, "urgent".into(), prompt, YES_NO).into_any(),
        Q::Hukou => radio_group(state, "hukou".into(), prompt, YES_NO_UNKNOWN).into_any(),
        Q::DeceasedRegistration => view! {
            <div class="group" id="deceased">
                <p class="group-title">{prompt}</p>
                {radio_group(state, "d_hukou".into(), l.t("逝者户籍在武汉吗？", "Registered in Wuhan?").into(), YES_NO_UNKNOWN)}
                {radio_group(state, "d_died".into(), l.t("是在武汉去世的吗？", "Died in Wuhan?").into(), YES_NO_UNKNOWN)}
            </div>
        }
        .into_any(),
        Q::Cremation => view! {
            <div class="group" id="cremation">
                <p class="group-title">{prompt}</p>
                {radio_group(state, "d_cremated".into(), l.t("是在武汉火化的吗？", "Cremated in Wuhan?").into(), YES_NO_UNKNOWN)}
                {text_field(state, "d_date".into(), l.t("火化日期（如 2026-10-01）", "Cremation date (e.g. 2026-10-01)").into(), "", false)}
            </div>
        }
        .into_any(),
        Q::EcoBurial => radio_group(state, "eco".into(), prompt, ECO).into_any(),
        Q::MemberAges => member_group(prompt, per_member(state, move |i| {
            text_field(state, format!("age.{i}"), member_label(l, i), l.t("岁", "years"), true)
        })),
        Q::MemberDisability => member_group(prompt, per_member(state, move |i| {
            select(state, format!("dis.{i}"), member_label(l, i), DISABILITY)
        })),
        Q::MemberSevereIllness => member_group(prompt, per_member(state, move |i| {
            checkbox(state, format!("ill.{i}"), format!("{}{}", member_label(l, i), l.t("患重病", " has a severe illness")))
        })),
        Q::MemberCanWork => member_group(prompt, per_member(state, move |i| {
            radio_group(state, format!("work.{i}"), member_label(l, i), YES_NO_UNKNOWN)
        })),
        Q::CollegeStudent => member_group(prompt, per_member(state, move |i| {
            checkbox(state, format!("college.{i}"), format!("{}{}", member_label(l, i), l.t("在读大学", " studies at college")))
        })),
        Q::ChildParents => member_group(prompt, per_member(state, move |i| {
            select(state, format!("parents.{i}"), member_label(l, i), PARENTS)
        })),
        Q::DailyCare => member_group(prompt, per_member(state, move |i| {
            checkbox(state, format!("care.{i}"), format!("{}{}", member_label(l, i), l.t("生活不能自理", " needs help with daily living")))
        })),
    }
}

fn member_group(prompt: String, rows: impl IntoView + 'static) -> AnyView {
    view! {
        <div class="group members">
            <p class="group-title">{prompt}</p>
            {rows}
        </div>
    }
    .into_any()
}
