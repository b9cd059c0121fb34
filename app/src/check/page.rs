//! The check page: one form whose steps move in the browser (nothing is sent anywhere), or
//! through the server when JavaScript is off.

use super::answers::Answers;
use super::fields::{events_view, field_id, question_view};
use super::flow::{Action, CheckState, Screen, advance, screens, shows_field};
use super::results::{result_card, street_offices};
use super::summary::summary_view;
use super::{PostedCheck, parameters, today};
use crate::prefs::use_prefs;
use leptos::prelude::*;
use leptos_meta::Title;
use types::i18n::Locale;

#[component]
pub fn CheckPage() -> impl IntoView {
    let prefs = use_prefs();
    let l = prefs.locale;
    let one = prefs.large || prefs.kiosk;
    let initial = use_context::<PostedCheck>()
        .map(|p| p.0)
        .unwrap_or_default();
    let state = RwSignal::new(initial);
    let screen = Memo::new(move |_| {
        state.with(|s| {
            let list = screens(&s.answers, one);
            let step = s.step.min(list.len() - 1);
            (list[step], step)
        })
    });
    let total = Memo::new(move |_| state.with(|s| screens(&s.answers, one).len()));
    let problems = Memo::new(move |_| state.with(|s| s.problems.clone()));

    // Answers carried over from a kiosk in the URL fragment (never sent to the server).
    Effect::new(move |_| load_from_fragment(state, one));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let action = submit_action(&ev);
        state.update(|s| *s = advance(std::mem::take(s), action, one, today()));
        focus_after_step(!state.with_untracked(|s| s.problems.is_empty()));
    };

    view! {
        <Title text=l.t("救助政策自测", "Social assistance self-check") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/">{l.t("首页", "Home")}</a>
        </nav>
        <h1>{l.t("救助政策自测", "Social assistance self-check")}</h1>
        <p class="privacy-note">
            {l.t(
                "在您的设备上计算，您填写的内容不会发送给任何人。",
                "Computed on your device: nothing you enter is sent to anyone.",
            )}
        </p>
        <form method="post" action="/check" class="check-form" novalidate on:submit=on_submit data-testid="check-form">
            {move || {
                let (scr, step) = screen.get();
                (scr != Screen::Results).then(|| view! {
                    <p class="progress" data-testid="progress">{move || step_text(l, step + 1, total.get() - 1)}</p>
                })
            }}
            {move || error_summary(problems.get(), l)}
            {move || {
                let (scr, step) = screen.get();
                view! {
                    {screen_view(scr, state, l, one)}
                    {hidden_fields(state, scr, step)}
                    {nav_buttons(l, scr, step)}
                }
            }}
        </form>
        // Its own form, so outside the check's (forms do not nest).
        {move || (screen.get().0 == Screen::Results).then(|| preapply_section(state, l))}
    }
}

/// "Send to my street office" and the funeral claim link under the results.
fn preapply_section(state: RwSignal<CheckState>, l: Locale) -> Option<AnyView> {
    let answers = state.with_untracked(|s| s.answers.clone());
    let shown = policy::programs_for(&answers.events());
    let questions = super::flow::questions(&answers);
    let h = answers.read(&questions, today()).ok()?;
    let results: Vec<_> = evaluate_shown(&h, &questions, &shown)
        .ok()?
        .into_iter()
        .filter(|r| shown.contains(&r.program))
        .collect();
    Some(super::preapply::preapply_view(l, &answers, &results))
}

fn step_text(l: Locale, n: usize, m: usize) -> String {
    match l {
        Locale::Zh => format!("第 {n} 步，共 {m} 步"),
        Locale::En => format!("Step {n} of {m}"),
    }
}

fn error_summary(problems: Vec<super::answers::Problem>, l: Locale) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        view! {
            <div class="error-summary" id="error-summary" role="alert" tabindex="-1" data-testid="error-summary">
                <h2>{l.t("请修改以下内容", "Please correct the following")}</h2>
                <ul>
                    {problems
                        .into_iter()
                        .map(|p| view! { <li><a href=format!("#{}", field_id(&p.field))>{l.t_owned(&p.zh, &p.en)}</a></li> })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

fn screen_view(scr: Screen, state: RwSignal<CheckState>, l: Locale, one: bool) -> AnyView {
    match scr {
        Screen::Events => {
            view! { <div id="step-heading" tabindex="-1">{events_view(state, l)}</div> }.into_any()
        }
        Screen::Question(q) => {
            view! { <div id="step-heading" tabindex="-1">{question_view(q, state, l)}</div> }
                .into_any()
        }
        Screen::Group => {
            let qs = state.with_untracked(|s| super::flow::questions(&s.answers));
            view! { <div id="step-heading" tabindex="-1">{qs.into_iter().map(|q| question_view(q, state, l)).collect_view()}</div> }.into_any()
        }
        Screen::Summary => {
            summary_view(l, state.with_untracked(|s| s.answers.clone()), one).into_any()
        }
        Screen::Results => results_view(state, l).into_any(),
    }
}

fn results_view(state: RwSignal<CheckState>, l: Locale) -> impl IntoView {
    let answers = state.with_untracked(|s| s.answers.clone());
    let events = answers.events();
    let shown = policy::programs_for(&events);
    let questions = super::flow::questions(&answers);
    let cards = match answers.read(&questions, today()) {
        Ok(h) => match evaluate_shown(&h, &questions, &shown) {
            Ok(results) => {
                let shown_results: Vec<_> = results
                    .into_iter()
                    .filter(|r| shown.contains(&r.program))
                    .collect();
                shown_results
                    .iter()
                    .map(|r| result_card(l, r))
                    .collect_view()
                    .into_any()
            }
            Err(errors) => view! {
                <ul class="error-summary">{errors.into_iter().map(|e| view! { <li>{l.t_owned(&e.message_zh, &e.message_en)}</li> }).collect_view()}</ul>
            }
            .into_any(),
        },
        Err(_) => view! { <p>{l.t("有回答需要修改，请返回上一步。", "Some answers need correcting; go back a step.")}</p> }.into_any(),
    };
    let handoff = format!("/check#{}", answers.to_fragment());
    view! {
        <h2 id="step-heading" tabindex="-1">{l.t("自测结果（估算）", "Your results (an estimate)")}</h2>
        <p class="disclaimer" data-testid="disclaimer">
            {super::fields::pick(l, &policy::DISCLAIMER)}"。"
            {super::fields::pick(l, &policy::text::ECONOMIC_CHECK_NOTE)}
        </p>
        <div class="results" data-testid="results">{cards}</div>
        <super::handoff::Handoff path=handoff />
        {street_offices(l)}
    }
}

/// The results of the programs shown. When the members were not asked about (a funeral-only
/// check: no ages), the household cannot pass the whole-household validation, and the programs
/// shown do not read the members: they are evaluated one by one.
fn evaluate_shown(
    h: &policy::Household,
    questions: &[policy::QuestionId],
    shown: &[policy::ProgramId],
) -> Result<Vec<policy::ProgramResult>, Vec<policy::FieldError>> {
    let params = parameters();
    if questions.contains(&policy::QuestionId::MemberAges) {
        policy::evaluate_all(h, today(), &params)
    } else {
        Ok(shown
            .iter()
            .map(|p| p.evaluate(h, today(), &params))
            .collect())
    }
}

/// Every answer not shown on this screen travels as a hidden field, so a form posted without
/// JavaScript carries the whole check (and nothing is kept on the server between steps).
fn hidden_fields(state: RwSignal<CheckState>, scr: Screen, step: usize) -> impl IntoView {
    let answers: Answers = state.with_untracked(|s| s.answers.clone());
    let hidden = answers
        .pairs()
        .into_iter()
        .filter(|(k, _)| !shows_field(scr, &answers, k))
        .map(|(k, v)| view! { <input type="hidden" name=k value=v /> })
        .collect_view();
    view! {
        <input type="hidden" name="_step" value=step.to_string() />
        {hidden}
    }
}

fn nav_buttons(l: Locale, scr: Screen, step: usize) -> impl IntoView {
    let next = match scr {
        Screen::Summary => l.t("查看结果", "See results"),
        _ => l.t("下一步", "Next"),
    };
    view! {
        <div class="nav-buttons">
            {(step > 0).then(|| view! {
                <button type="submit" class="button" name="_nav" value="back" data-testid="back">{l.t("返回上一步", "Back")}</button>
            })}
            {(scr != Screen::Results).then(|| view! {
                <button type="submit" class="button primary" name="_nav" value="next" data-testid="next">{next}</button>
            })}
            {(scr == Screen::Results).then(|| view! {
                <button type="submit" class="button" name="_nav" value="restart" data-testid="restart">{l.t("重新开始", "Start again")}</button>
            })}
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn submit_action(ev: &leptos::ev::SubmitEvent) -> Action {
    ev.submitter()
        .and_then(|b| b.get_attribute("value"))
        .map(|v| Action::parse(&v))
        .unwrap_or(Action::Next)
}

#[cfg(not(feature = "hydrate"))]
fn submit_action(_ev: &leptos::ev::SubmitEvent) -> Action {
    Action::Next
}

/// Moves focus to the error summary, or to the new step's heading, once it is drawn.
fn focus_after_step(has_problems: bool) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let id = if has_problems {
            "error-summary"
        } else {
            "step-heading"
        };
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = has_problems;
}

fn load_from_fragment(state: RwSignal<CheckState>, one: bool) {
    #[cfg(feature = "hydrate")]
    {
        let hash = window().location().hash().unwrap_or_default();
        if hash.len() > 1 {
            let answers = Answers::from_fragment(&hash);
            let step = screens(&answers, one).len() - 1;
            state.set(CheckState {
                answers,
                step,
                problems: vec![],
            });
            // Keep the answers out of the address bar and the history.
            if let Ok(h) = window().history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/check"));
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (state, one);
}
