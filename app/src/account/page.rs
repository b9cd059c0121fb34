//! 我的账户: who is signed in (masked), signing out here or on every device.

use crate::account::SignedIn;
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let l = use_locale();
    let user = use_context::<SignedIn>();
    view! {
        <Title text=l.t("我的账户", "My account") />
        <h1>{l.t("我的账户", "My account")}</h1>
        {match user {
            Some(u) => view! {
                <dl class="street-card">
                    <dt>{l.t("登录手机号", "Signed in as")}</dt>
                    <dd data-testid="masked-phone">{u.phone_masked}</dd>
                </dl>
                <h2>{l.t("我同意过的事项", "What I agreed to")}</h2>
                <ul class="consents" data-testid="consents">
                    {u.consents.iter().map(|c| {
                        let what = if c.purpose == "account" {
                            l.t("保存手机号，用于登录和告知办理进度", "Keep my number to sign me in and tell me about my applications")
                        } else {
                            l.t("其他用途", "Another purpose")
                        };
                        let when = match (&c.withdrawn, l) {
                            (None, types::i18n::Locale::Zh) => format!("{} 同意（说明版本 {}）", c.granted, c.text_version),
                            (None, types::i18n::Locale::En) => format!("agreed {} (notice {})", c.granted, c.text_version),
                            (Some(w), types::i18n::Locale::Zh) => format!("{} 同意，{} 已撤回", c.granted, w),
                            (Some(w), types::i18n::Locale::En) => format!("agreed {}, withdrawn {}", c.granted, w),
                        };
                        let active = c.withdrawn.is_none();
                        let purpose = c.purpose.clone();
                        view! {
                            <li>
                                <strong>{what}</strong>" — "{when}
                                {active.then(|| view! {
                                    <form method="post" action="/account/withdraw" class="inline-form">
                                        <input type="hidden" name="purpose" value=purpose />
                                        <button type="submit" class="button" data-testid="withdraw">
                                            {l.t("撤回同意（将退出所有登录）", "Withdraw (signs you out everywhere)")}
                                        </button>
                                    </form>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="nav-buttons">
                    <form method="post" action="/signout"><button type="submit" class="button" data-testid="sign-out">{l.t("退出登录", "Sign out")}</button></form>
                    <form method="post" action="/signout-everywhere">
                        <button type="submit" class="button" data-testid="sign-out-everywhere">{l.t("退出所有设备上的登录", "Sign out on every device")}</button>
                    </form>
                </div>
            }.into_any(),
            None => view! {
                <p data-testid="signed-out">{l.t("您还没有登录。", "You are not signed in.")}</p>
                <p><a class="button primary" href="/signin">{l.t("登录", "Sign in")}</a></p>
            }.into_any(),
        }}
    }
}
