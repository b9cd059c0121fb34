//! Result cards: outcome, estimated amount, reasons with their rule and source, documents,
//! where to apply and what would change the result. Always an estimate.

use super::fields::pick;
use leptos::prelude::*;
use policy::{Outcome, ProgramResult, Reason};
use types::check::amount_text;
use types::i18n::Locale;

fn outcome_text(l: Locale, o: Outcome) -> (&'static str, &'static str, &'static str) {
    match o {
        Outcome::LikelyEligible => ("eligible", "✓", l.t("可能符合", "Likely eligible")),
        Outcome::LikelyNot => ("not", "✗", l.t("可能不符合", "Likely not eligible")),
        Outcome::NeedsCaseworker => (
            "ask",
            "?",
            l.t("需要工作人员判断", "A caseworker needs to look"),
        ),
    }
}

fn reason_view(l: Locale, r: &Reason) -> impl IntoView {
    let (mark, met) = match r.met {
        Some(true) => ("✓", l.t("符合", "met")),
        Some(false) => ("✗", l.t("不符合", "not met")),
        None => ("?", l.t("待核实", "to be checked")),
    };
    let compare = match (&r.actual, &r.threshold) {
        (Some(a), Some(t)) => Some(match l {
            Locale::Zh => format!("您的情况：{}；标准：{}", a.display_zh(), t.display_zh()),
            Locale::En => format!("Yours: {}; rule: {}", a.display_en(), t.display_en()),
        }),
        (None, Some(t)) => Some(match l {
            Locale::Zh => format!("标准：{}", t.display_zh()),
            Locale::En => format!("Rule: {}", t.display_en()),
        }),
        _ => None,
    };
    let source = r.parameter.as_ref().map(|p| {
        let placeholder = p.placeholder.then(|| pick(l, &policy::PLACEHOLDER_NOTICE));
        match l {
            Locale::Zh => format!(
                "依据：{}（{} 起执行）{}",
                p.source,
                p.effective,
                placeholder.map(|t| format!("；{t}")).unwrap_or_default()
            ),
            Locale::En => format!(
                "Source: {} (in force from {}){}",
                p.source,
                p.effective,
                placeholder.map(|t| format!("; {t}")).unwrap_or_default()
            ),
        }
    });
    view! {
        <li class="reason">
            <span class="mark" aria-hidden="true">{mark}</span>
            <span class="visually-hidden">{met}": "</span>
            {pick(l, &r.criterion)}
            {compare.map(|c| view! { <span class="compare">{c}</span> })}
            {source.map(|s| view! { <span class="source">{s}</span> })}
        </li>
    }
}

pub fn result_card(l: Locale, r: &ProgramResult) -> impl IntoView {
    let (class, icon, label) = outcome_text(l, r.outcome);
    let amount = r.amount.as_ref().map(|a| amount_text(l, a));
    let change = r.what_would_change.as_ref().map(|w| pick(l, &w.text));
    view! {
        <article class=format!("result-card outcome-{class}") data-program=format!("{:?}", r.program)>
            <h3>{pick(l, &r.name)}</h3>
            <p class="outcome"><span aria-hidden="true">{icon}" "</span>{label}</p>
            {amount.map(|a| view! { <p class="amount">{a}</p> })}
            {r.uses_placeholder.then(|| view! { <p class="placeholder-note">{pick(l, &policy::PLACEHOLDER_NOTICE)}</p> })}
            <details>
                <summary>{l.t("为什么？", "Why?")}</summary>
                <ul class="reasons">{r.reasons.iter().map(|x| reason_view(l, x)).collect_view()}</ul>
                {r.notes.iter().map(|n| view! { <p class="note">{pick(l, n)}</p> }).collect_view()}
            </details>
            {change.map(|c| view! { <p class="change"><strong>{l.t("什么会改变结果：", "What would change this: ")}</strong>{c}</p> })}
            {(!r.documents.is_empty()).then(|| view! {
                <p class="docs-title">{l.t("需要带的材料：", "Bring:")}</p>
                <ul class="documents">{r.documents.iter().map(|d| view! { <li>{pick(l, d)}</li> }).collect_view()}</ul>
            })}
            <p class="where"><strong>{l.t("到哪里办：", "Where to apply: ")}</strong>{pick(l, &r.where_to_apply)}</p>
        </article>
    }
}

/// The street office chooser under the results: address, hours and phone of one's own street.
pub fn street_offices(l: Locale) -> impl IntoView {
    let offices = policy::street_offices();
    // On an enrolled kiosk the street centre it stands in is chosen already.
    let here = use_context::<crate::account::KioskDevice>().map(|k| k.street_code);
    let chosen = RwSignal::new(here.clone().unwrap_or_default());
    let list = offices.clone();
    view! {
        <section class="streets">
            <h2>{l.t("您所在的街道", "Your street office")}</h2>
            <label for="street">{l.t("选择街道，查看地址和办公时间", "Choose your street to see its address and hours")}</label>
            <select id="street" on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">{l.t("请选择", "Choose")}</option>
                {offices.iter().map(|s| {
                    let name = if l == Locale::Zh { s.name_zh.clone() } else { s.name_en.clone() };
                    let selected = here.as_deref() == Some(s.id.as_str());
                    view! { <option value=s.id.clone() selected=selected>{name}</option> }
                }).collect_view()}
            </select>
            {move || {
                let id = chosen.get();
                list.iter().find(|s| s.id == id).map(|s| {
                    let (addr, hours) = if l == Locale::Zh { (s.address_zh.clone(), s.hours_zh.clone()) } else { (s.address_en.clone(), s.hours_en.clone()) };
                    view! {
                        <dl class="street-card" data-testid="street-card">
                            <dt>{l.t("地址", "Address")}</dt><dd>{addr}</dd>
                            <dt>{l.t("办公时间", "Hours")}</dt><dd>{hours}</dd>
                            <dt>{l.t("电话", "Phone")}</dt><dd>{s.phone.clone()}</dd>
                        </dl>
                        {s.placeholder.then(|| view! { <p class="placeholder-note">{pick(l, &policy::PLACEHOLDER_NOTICE)}</p> })}
                    }
                })
            }}
        </section>
    }
}
