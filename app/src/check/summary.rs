//! The summary before the results: every answer in plain words, each with a way to change it.

use super::answers::Answers;
use super::fields::pick;
use super::flow::{Screen, keys_of, questions, screens};
use leptos::prelude::*;
use types::i18n::Locale;

fn word(l: Locale, v: &str) -> String {
    let w = match v {
        "yes" => l.t("是", "yes"),
        "no" => l.t("否", "no"),
        "unknown" | "unsure" => l.t("不清楚", "don't know"),
        "urban" => l.t("城市", "urban"),
        "rural" => l.t("农村", "rural"),
        "none" => l.t("无", "none"),
        "supported" => l.t("有父母抚养", "raised by a parent"),
        "orphan" => l.t("孤儿", "orphan"),
        "de_facto" => l.t("父母无法抚养", "parents unable"),
        _ => return v.to_string(),
    };
    w.to_string()
}

/// The answers of one question, e.g. "第 1 位成员: 45; 第 2 位成员: 43".
fn answer_line(l: Locale, a: &Answers, keys: &[&str]) -> String {
    let mut parts = Vec::new();
    for (k, v) in a.0.iter() {
        let owned = keys.iter().any(|p| {
            if p.ends_with('.') {
                k.starts_with(p)
            } else {
                k == p
            }
        });
        if owned {
            let label = match k.split_once('.') {
                Some((_, i)) => match l {
                    Locale::Zh => format!("第 {i} 位成员：",),
                    Locale::En => format!("member {i}: "),
                },
                None => String::new(),
            };
            parts.push(format!("{label}{}", word(l, v)));
        }
    }
    if parts.is_empty() {
        l.t("未填写", "not answered").to_string()
    } else {
        parts.join("；")
    }
}

pub fn summary_view(l: Locale, a: Answers, one_per_screen: bool) -> impl IntoView {
    let a = &a;
    let list = screens(a, one_per_screen);
    let step_of = |q| {
        list.iter()
            .position(|s| *s == Screen::Question(q))
            .or_else(|| list.iter().position(|s| *s == Screen::Group))
            .unwrap_or(0)
    };
    let events = a
        .events()
        .iter()
        .map(|e| pick(l, &e.label()))
        .collect::<Vec<_>>()
        .join("、");
    let rows = questions(a)
        .into_iter()
        .map(|q| {
            view! {
                <div class="summary-row">
                    <dt>{pick(l, &q.prompt())}</dt>
                    <dd>
                        {answer_line(l, a, keys_of(q))}
                        " "
                        <button type="submit" class="link-button" name="_nav" value=format!("edit:{}", step_of(q))>
                            {l.t("修改", "Change")}
                        </button>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <h2 id="step-heading" tabindex="-1">{l.t("请核对您的回答", "Check your answers")}</h2>
        <dl class="summary">
            <div class="summary-row">
                <dt>{l.t("您家的情况", "Your situation")}</dt>
                <dd>
                    {events}
                    " "
                    <button type="submit" class="link-button" name="_nav" value="edit:0">{l.t("修改", "Change")}</button>
                </dd>
            </div>
            {rows}
        </dl>
    }
}
