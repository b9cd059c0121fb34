//! The frame of every page: skip link, header with the switches, main content, footer.

use super::{kiosk_idle::KioskIdle, prefs_bar::PrefsBar, read_aloud::ReadAloud};
use crate::prefs::use_prefs;
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let prefs = use_prefs();
    let l = prefs.locale;
    view! {
        <a class="skip-link" href="#main">{l.t("跳到主要内容", "Skip to main content")}</a>
        <header class="site-header">
            <a class="site-title" href="/">
                <span class="site-emblem" aria-hidden="true">"民"</span>
                <span>{l.t("东西湖民政自助服务", "Dongxihu Civil Affairs Self-Service")}</span>
            </a>
            <div class="header-tools">
                <a class="pref-button account-link" href="/account" data-testid="account-link">
                    {match use_context::<crate::account::SignedIn>() {
                        Some(_) => l.t("我的账户", "My account"),
                        None => l.t("登录", "Sign in"),
                    }}
                </a>
                <ReadAloud />
                <PrefsBar />
            </div>
        </header>
        {use_context::<crate::account::KioskDevice>().map(|k| view! {
            <p class="kiosk-device" data-testid="kiosk-device">{l.t("本机：", "This kiosk: ")}{k.name}</p>
        })}
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>
                {l.t(
                    "武汉市东西湖区民政局 · 服务热线请咨询所在街道",
                    "Civil Affairs Bureau of Dongxihu District, Wuhan · ask your street office for the service line",
                )}
            </p>
            <p>
                <a href="/policy/parameters" rel="external" data-testid="parameters-link">{l.t("政策参数与依据", "Policy parameters and sources")}</a>
                " · "
                <a href="/api/docs">{l.t("开放接口说明", "Open API documentation")}</a>
            </p>
        </footer>
        {prefs.kiosk.then(|| view! { <KioskIdle /> })}
    }
}
