//! "Send to my street office" under the check's results: with explicit consent, the answers
//! and the resident's contact go to the street office as a pre-application for the programs
//! they tick. Only this form sends anything; the check itself stays on the device.

use super::answers::Answers;
use crate::account::SignedIn;
use crate::components::form::{drafted, error_of};
use leptos::prelude::*;
use policy::{Outcome, ProgramId, ProgramResult};
use types::i18n::Locale;

/// Programs a resident can pre-apply for from these results: the ones not "likely not", without
/// the funeral programs (they have their own claim form).
fn candidates(results: &[ProgramResult]) -> Vec<(String, String, String)> {
    results
        .iter()
        .filter(|r| r.outcome != Outcome::LikelyNot)
        .filter(|r| {
            !matches!(
                r.program,
                ProgramId::FuneralWaiver | ProgramId::EcoBurialReward
            )
        })
        .map(|r| {
            (
                format!("{:?}", r.program),
                r.name.zh.to_string(),
                r.name.en.to_string(),
            )
        })
        .collect()
}

pub fn preapply_view(l: Locale, answers: &Answers, results: &[ProgramResult]) -> AnyView {
    let programs = candidates(results);
    let funeral = results.iter().any(|r| {
        matches!(
            r.program,
            ProgramId::FuneralWaiver | ProgramId::EcoBurialReward
        ) && r.outcome != Outcome::LikelyNot
    });
    let funeral_link = funeral.then(|| view! {
        <p><a class="button" href="/funeral" rel="external" data-testid="funeral-apply-link">{l.t("网上申请丧葬补贴", "Claim the funeral subsidy online")}</a></p>
    });
    if programs.is_empty() {
        return view! { {funeral_link} }.into_any();
    }
    if use_context::<SignedIn>().is_none() {
        return view! {
            {funeral_link}
            <section class="preapply" aria-labelledby="preapply-heading">
                <h2 id="preapply-heading">{l.t("把结果发给街道（预申请）", "Send this to my street office (pre-application)")}</h2>
                <p data-testid="preapply-sign-in">{l.t(
                    "登录后，可以把这次自测的回答和您的手机号发给街道，工作人员会电话联系您。请先登录，再做一次自测。",
                    "Signed in, you can send these answers and your phone number to your street office, and staff will phone you. Sign in first, then do the check again.",
                )}</p>
                <p><a class="button" href="/signin" rel="external">{l.t("手机号登录", "Sign in with my phone")}</a></p>
            </section>
        }
        .into_any();
    }
    let here = use_context::<crate::account::KioskDevice>().map(|k| k.street_code);
    let street = Some(drafted("pre_street_code"))
        .filter(|s| !s.is_empty())
        .or(here)
        .unwrap_or_default();
    let hidden = answers
        .pairs()
        .into_iter()
        .map(|(k, v)| view! { <input type="hidden" name=k value=v /> })
        .collect_view();
    let err = |f: &str| error_of(l, f);
    let msg = |e: Option<String>, id: &'static str| {
        e.map(|e| view! { <p class="field-error" id=id>{e}</p> })
    };
    let (programs_err, name_err, street_err, consent_err) = (
        err("pre_programs"),
        err("pre_name"),
        err("pre_street_code"),
        err("pre_consent"),
    );
    view! {
        {funeral_link}
        <section class="preapply" aria-labelledby="preapply-heading">
            <h2 id="preapply-heading">{l.t("把结果发给街道（预申请）", "Send this to my street office (pre-application)")}</h2>
            <p>{l.t(
                "街道工作人员会电话联系您，告诉您要带什么材料、到哪里办。这不是正式申请，也不会改变任何结果。",
                "Staff of your street office will phone you and tell you what to bring and where. This is not a formal application and decides nothing.",
            )}</p>
            {crate::components::form::posted_error(l, "未能发送，请修改以下内容", "Not sent; please correct the following")}
            <form method="post" action="/check/preapply" class="check-form" novalidate data-testid="preapply-form">
                {hidden}
                <fieldset class="field" id="pre_programs">
                    <legend>{l.t("想预申请的项目", "Programs to pre-apply for")}</legend>
                    <div class="choices">
                        {programs.into_iter().map(|(id, zh, en)| {
                            let testid = format!("pre-program-{id}");
                            view! {
                                <label class="choice">
                                    <input type="checkbox" name="pre_programs" value=id data-testid=testid />
                                    <span>{l.t_owned(&zh, &en)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {msg(programs_err, "pre_programs-error")}
                </fieldset>
                <div class="field">
                    <label for="pre_name">{l.t("怎么称呼您（如：王阿姨）", "What to call you (e.g. Auntie Wang)")}</label>
                    <input id="pre_name" name="pre_name" type="text" maxlength="30" value=drafted("pre_name") data-testid="pre-name" />
                    {msg(name_err, "pre_name-error")}
                </div>
                <div class="field">
                    <label for="pre_street_code">{l.t("发给哪个街道", "Which street office")}</label>
                    <select id="pre_street_code" name="pre_street_code" data-testid="pre-street">
                        <option value="">{l.t("请选择", "Choose")}</option>
                        {policy::street_offices().into_iter().map(|s| {
                            let selected = s.id == street;
                            view! { <option value=s.id.clone() selected=selected>{l.t_owned(&s.name_zh, &s.name_en)}</option> }
                        }).collect_view()}
                    </select>
                    {msg(street_err, "pre_street_code-error")}
                </div>
                <div class="field" id="pre_consent">
                    <label class="choice">
                        <input type="checkbox" name="pre_consent" value="yes" data-testid="pre-consent" />
                        <span>{l.t(
                            "我同意把这次自测的回答、我的称呼和登录手机号发给所选街道，用于联系我办理救助。",
                            "I agree to send these answers, my name and my sign-in phone number to the chosen street office, to contact me about assistance.",
                        )}</span>
                    </label>
                    {msg(consent_err, "pre_consent-error")}
                </div>
                <p><button type="submit" class="button primary" data-testid="preapply-submit">{l.t("发送给街道", "Send to the street office")}</button></p>
            </form>
        </section>
    }
    .into_any()
}
