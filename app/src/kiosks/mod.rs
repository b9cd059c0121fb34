//! 自助终端管理 (system admins): register a kiosk for a street centre, see its one-time
//! enrolment code once, revoke it. And the kiosk's own enrolment page.

use crate::components::form::posted_error;
use crate::components::streets::{street_name, street_select};
use crate::prefs::use_locale;
use crate::staff::gate::gate;
use leptos::prelude::*;
use leptos_meta::Title;
use types::i18n::Locale;
use types::staff::Kiosk;

fn state_label(l: Locale, state: &str) -> &'static str {
    match state {
        "awaiting_enrolment" => l.t("等待登记", "Awaiting enrolment"),
        "code_expired" => l.t("登记码已过期", "Enrolment code expired"),
        "enrolled" => l.t("使用中", "In use"),
        "revoked" => l.t("已停用", "Revoked"),
        _ => l.t("未知", "Unknown"),
    }
}

#[component]
pub fn KiosksPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("自助终端管理", "Kiosks") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>
        </nav>
        <h1>{l.t("自助终端管理", "Kiosks")}</h1>
        {match gate::<types::staff::KiosksPage>(l) {
            Err(v) => v,
            Ok(types::staff::KiosksPage { kiosks, registered }) => view! {
                {registered.map(|r| view! {
                    <section class="enrolment" data-testid="kiosk-registered">
                        <h2>{l.t("终端已登记：请在终端上输入登记码", "Kiosk registered: enter this code on the kiosk")}</h2>
                        <p>{r.kiosk.name.clone()}</p>
                        <p class="big-code" data-testid="kiosk-code">{r.code}</p>
                        <p class="hint">
                            {l.t("在终端上打开 /kiosk/enrol 输入此码。登记码只能使用一次，有效期至 ", "Open /kiosk/enrol on the kiosk and enter it. It works once, until ")}
                            {r.expires}{l.t("。", ".")}
                        </p>
                    </section>
                })}
                {posted_error(l, "未能登记", "Not registered")}
                <h2>{l.t("全部终端", "All kiosks")}</h2>
                {kiosks.is_empty().then(|| view! { <p>{l.t("还没有登记任何终端。", "No kiosk is registered yet.")}</p> })}
                <ul class="card-list" data-testid="kiosk-list">
                    {kiosks.into_iter().map(|k| kiosk_card(l, k)).collect_view()}
                </ul>
                <h2>{l.t("登记新终端", "Register a kiosk")}</h2>
                <form method="post" action="/staff/kiosks" class="check-form" novalidate>
                    <div class="field">
                        <label for="name">{l.t("终端名称", "Kiosk name")}</label>
                        <input id="name" name="name" type="text" autocomplete="off" data-testid="kiosk-name" />
                    </div>
                    <div class="field">
                        <label for="street_code">{l.t("所在街道便民服务中心", "Street service centre")}</label>
                        {street_select(l, "street_code", "street_code", l.t("请选择", "Choose"))}
                    </div>
                    <div class="nav-buttons">
                        <button type="submit" class="button primary" data-testid="register-kiosk">{l.t("登记并生成登记码", "Register and get a code")}</button>
                    </div>
                </form>
            }.into_any(),
        }}
    }
}

fn kiosk_card(l: Locale, k: Kiosk) -> impl IntoView {
    let live = k.state != "revoked";
    view! {
        <li class="card" data-testid="kiosk" data-name=k.name.clone()>
            <h3>{k.name.clone()}</h3>
            <dl class="street-card">
                <dt>{l.t("街道", "Street")}</dt><dd>{street_name(l, &k.street_code)}</dd>
                <dt>{l.t("状态", "State")}</dt><dd data-testid="kiosk-state">{state_label(l, &k.state)}</dd>
                {k.enrolled_on.map(|d| view! { <dt>{l.t("登记日期", "Enrolled")}</dt><dd>{d}</dd> })}
            </dl>
            {live.then(|| view! {
                <form method="post" action="/staff/kiosks/revoke" class="inline-form">
                    <input type="hidden" name="id" value=k.id.clone() />
                    <button type="submit" class="button" data-testid="revoke-kiosk">{l.t("停用此终端", "Revoke this kiosk")}</button>
                </form>
            })}
        </li>
    }
}

/// On the kiosk: the one-time enrolment code from the system administrator.
#[component]
pub fn KioskEnrolPage() -> impl IntoView {
    let l = use_locale();
    let device = use_context::<crate::account::KioskDevice>();
    view! {
        <Title text=l.t("终端登记", "Kiosk enrolment") />
        <h1>{l.t("终端登记", "Kiosk enrolment")}</h1>
        {device.map(|d| view! {
            <p class="notice" data-testid="kiosk-enrolled">{l.t("本机已登记为：", "This kiosk is enrolled as: ")}{d.name}</p>
        })}
        {posted_error(l, "未能登记", "Not enrolled")}
        <form method="post" action="/kiosk/enrol" class="check-form" novalidate>
            <div class="field">
                <label for="code">{l.t("系统管理员给出的登记码", "The enrolment code from the system administrator")}</label>
                <input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" class="code-input" data-testid="enrol-code" />
            </div>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="enrol">{l.t("登记本机", "Enrol this kiosk")}</button>
            </div>
        </form>
    }
}

/// `/kiosk`: switches this device into kiosk mode, or out of it (same-origin form posts: a link
/// from anywhere must not change a device).
#[component]
pub fn KioskModePage() -> impl IntoView {
    let l = use_locale();
    let on = crate::prefs::use_prefs().kiosk;
    view! {
        <Title text=l.t("自助终端模式", "Kiosk mode") />
        <h1>{l.t("自助终端模式", "Kiosk mode")}</h1>
        <p data-testid="kiosk-mode-state">
            {if on {
                l.t("本机处于自助终端模式：无人操作时会提醒，随后清除所有内容并回到首页。",
                    "This device is in kiosk mode: when nobody touches it, it warns, then wipes everything and returns to the start.")
            } else {
                l.t("本机不在自助终端模式。街道服务中心的触摸屏终端应打开此模式。",
                    "This device is not in kiosk mode. Touch kiosks at street service centres should turn it on.")
            }}
        </p>
        <div class="nav-buttons">
            {if on {
                view! {
                    <form method="post" action="/kiosk/exit">
                        <button type="submit" class="button" data-testid="kiosk-exit">{l.t("退出自助终端模式", "Leave kiosk mode")}</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <form method="post" action="/kiosk">
                        <button type="submit" class="button primary" data-testid="kiosk-enter">{l.t("本机设为自助终端", "Make this device a kiosk")}</button>
                    </form>
                }.into_any()
            }}
        </div>
    }
}
