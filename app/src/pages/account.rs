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
