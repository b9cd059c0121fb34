//! 首次登录 (`/staff/enrol`): a new member, or one whose sign-in was reset, sets up their own
//! account with the one-time enrolment code their system administrator handed them: first the
//! username and code, then the authenticator (shown to them alone) and their own password.

use crate::check::handoff::qr_svg_path;
use crate::components::form::posted_error;
use crate::components::form::text_field;
use crate::page_data::page_data;
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use types::i18n::Locale;
use types::staff::Enrolment;

#[component]
pub fn StaffEnrolPage() -> impl IntoView {
    let l = use_locale();
    let step_two = page_data::<types::staff::EnrolPage>().map(|p| (p.enrolment, p.code));
    view! {
        <Title text=l.t("工作人员首次登录", "Staff first sign-in") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>
        </nav>
        <h1>{l.t("工作人员首次登录", "Staff first sign-in")}</h1>
        {posted_error(l, "未能完成", "Not done")}
        {match step_two {
            None => code_form(l).into_any(),
            Some((enrolment, code)) => set_up_form(l, enrolment, code).into_any(),
        }}
    }
}

fn code_form(l: Locale) -> impl IntoView {
    view! {
        <p class="lead">{l.t(
            "请输入系统管理员交给您的用户名和登记码。登记码只能使用一次，3 天内有效。",
            "Enter the username and enrolment code your system administrator gave you. The code works once, for 3 days.",
        )}</p>
        <form method="post" action="/staff/enrol" class="check-form" novalidate>
            {text_field(l, "username", l.t("用户名", "Username"), "text", None, 32)}
            {text_field(l, "enrol_code", l.t("登记码", "Enrolment code"), "text", Some(l.t("例如 K7QM-3XWP", "e.g. K7QM-3XWP")), 12)}
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="enrol-start">{l.t("下一步", "Next")}</button>
            </div>
        </form>
    }
}

fn set_up_form(l: Locale, e: Enrolment, code: String) -> impl IntoView {
    let qr = qr_svg_path(&e.uri);
    view! {
        <section class="enrolment" data-testid="enrolment" aria-labelledby="enrolment-title">
            <h2 id="enrolment-title">{l.t("第一步：绑定身份验证器", "Step 1: set up the authenticator")}</h2>
            <p>{l.t(
                "用手机上的身份验证器应用扫描二维码。二维码只给您本人看，请勿截图外传。",
                "Scan this QR code with the authenticator app on your phone. It is for you alone: do not share a screenshot.",
            )}</p>
            {qr.map(|(size, d)| view! {
                <svg class="qr" role="img" aria-label=l.t("身份验证器二维码", "Authenticator QR code")
                    viewBox=format!("0 0 {size} {size}") width="240" height="240" data-testid="enrolment-qr">
                    <rect width="100%" height="100%" fill="#fff" />
                    <path d=d fill="#000" />
                </svg>
            })}
            <p>{l.t("无法扫码时手动输入密钥：", "If scanning fails, type this key: ")}<code data-testid="enrolment-secret">{e.secret}</code></p>
        </section>
        <h2>{l.t("第二步：设置您自己的密码", "Step 2: choose your own password")}</h2>
        <form method="post" action="/staff/enrol/finish" class="check-form" novalidate>
            <input type="hidden" name="username" value=e.username />
            <input type="hidden" name="enrol_code" value=code />
            {text_field(l, "password", l.t("新密码", "New password"), "password", Some(l.t("至少 8 位，不能是常见密码；只有您自己知道", "8+ characters, not a common one; known only to you")), 128)}
            {text_field(l, "totp_code", l.t("身份验证器现在显示的 6 位数字", "The 6 digits the authenticator shows now"), "text", None, 6)}
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="enrol-finish">{l.t("完成并登录", "Finish and sign in")}</button>
            </div>
        </form>
    }
}
