//! Resident sign-in: a mobile number, then the 6-digit code sent to it. Plain forms posted to
//! the server, so they work on any phone and on kiosks without JavaScript.

use crate::account::{PostedError, SiteFlags};
use crate::components::keypad::Keypad;
use crate::prefs::{use_locale, use_prefs};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn ErrorSummary() -> impl IntoView {
    let l = use_locale();
    use_context::<PostedError>().map(|e| {
        view! {
            <div class="error-summary" id="error-summary" role="alert" tabindex="-1" data-testid="error-summary">
                <h2>{l.t("请修改以下内容", "Please correct the following")}</h2>
                <ul><li><a href=format!("#{}", e.field)>{l.t_owned(&e.zh, &e.en)}</a></li></ul>
            </div>
        }
    })
}

fn field_error(field: &'static str) -> Option<String> {
    let l = use_locale();
    use_context::<PostedError>()
        .filter(|e| e.field == field)
        .map(|e| l.t_owned(&e.zh, &e.en))
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let l = use_locale();
    let kiosk = use_prefs().kiosk;
    let err = field_error("phone");
    view! {
        <Title text=l.t("登录", "Sign in") />
        <h1>{l.t("用手机号登录", "Sign in with your mobile number")}</h1>
        <p class="progress">{l.t("第 1 步，共 2 步", "Step 1 of 2")}</p>
        <ErrorSummary />
        <form method="post" action="/signin" class="check-form" novalidate>
            <div class="field">
                <label for="phone">{l.t("手机号码", "Mobile number")}</label>
                <input id="phone" name="phone" type="text" inputmode="numeric" autocomplete="tel" maxlength="16"
                    aria-invalid=if err.is_some() { "true" } else { "false" }
                    aria-describedby=err.is_some().then_some("phone-error") data-testid="phone" />
                {err.map(|e| view! { <p class="field-error" id="phone-error">{e}</p> })}
            </div>
            {kiosk.then(|| view! { <Keypad target="phone" /> })}
            <p class="hint">
                {l.t(
                    "我们只用这个号码为您登录、告诉您办理进度；号码加密保存，页面上只显示部分数字。",
                    "We use this number only to sign you in and tell you about your applications; it is stored encrypted and shown only in part.",
                )}
            </p>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="send-code">{l.t("获取验证码", "Send me a code")}</button>
            </div>
        </form>
    }
}

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let l = use_locale();
    let kiosk = use_prefs().kiosk;
    let err = field_error("code");
    let outbox = use_context::<SiteFlags>().unwrap_or_default().dev_outbox;
    view! {
        <Title text=l.t("输入验证码", "Enter the code") />
        <h1>{l.t("输入短信验证码", "Enter the code from the text message")}</h1>
        <p class="progress">{l.t("第 2 步，共 2 步", "Step 2 of 2")}</p>
        <ErrorSummary />
        <form method="post" action="/signin/code" class="check-form" novalidate>
            <div class="field">
                <label for="code">{l.t("6 位验证码（5 分钟内有效）", "6-digit code (valid for 5 minutes)")}</label>
                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
                    class="code-input"
                    aria-invalid=if err.is_some() { "true" } else { "false" }
                    aria-describedby=err.is_some().then_some("code-error") data-testid="code" />
                {err.map(|e| view! { <p class="field-error" id="code-error">{e}</p> })}
            </div>
            {kiosk.then(|| view! { <Keypad target="code" /> })}
            <label class="choice" for="consent">
                <input type="checkbox" id="consent" name="consent" value="yes" data-testid="consent" />
                <span>
                    {l.t(
                        "我同意东西湖区民政局加密保存我的手机号，只用于登录和告知办理进度（隐私说明 2026-11 版）。首次登录需要同意，可随时在“我的账户”撤回。",
                        "I agree that the Dongxihu civil-affairs bureau keeps my number, encrypted, only to sign me in and tell me about my applications (privacy notice 2026-11). Needed at the first sign-in; withdraw any time under My account.",
                    )}
                </span>
            </label>
            {field_error("consent").map(|e| view! { <p class="field-error" id="consent-error">{e}</p> })}
            <div class="nav-buttons">
                <a class="button" href="/signin">{l.t("重新获取", "Send a new code")}</a>
                <button type="submit" class="button primary" data-testid="sign-in">{l.t("登录", "Sign in")}</button>
            </div>
        </form>
        {outbox.then(|| view! {
            <p class="notice">
                {l.t("开发环境：短信不会真正发出，验证码在", "Development: no text is really sent; the code is in the")}
                " "<a href="/dev/outbox">{l.t("开发发件箱", "development outbox")}</a>
            </p>
        })}
    }
}
