//! Staff entry: sign-in with username, password and an authenticator code; the signed-in
//! staff member's role.

use crate::account::{PostedError, StaffSignedIn};
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffPage() -> impl IntoView {
    let l = use_locale();
    let staff = use_context::<StaffSignedIn>();
    view! {
        <Title text=l.t("工作人员入口", "Staff entry") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/">{l.t("首页", "Home")}</a>
        </nav>
        <h1>{l.t("工作人员入口", "Staff entry")}</h1>
        {match staff {
            Some(s) => view! {
                <dl class="street-card" data-testid="staff-who">
                    <dt>{l.t("已登录", "Signed in")}</dt>
                    <dd>{s.display_name.clone()}</dd>
                    <dt>{l.t("角色", "Role")}</dt>
                    <dd data-testid="staff-role">{s.role.label(l)}</dd>
                </dl>
                <ul class="staff-links" data-testid="staff-links">
                    {crate::account::staff_pages().filter(|p| p.menu.is_some() && p.roles.contains(&s.role)).map(|p| view! {
                        <li><a class="button" href=p.path rel="external">{p.label(l)}</a></li>
                    }).collect_view()}
                </ul>
                <p class="hint">{l.t("30 分钟无操作或登录满 12 小时后需要重新登录。", "You will need to sign in again after 30 minutes idle or 12 hours in all.")}</p>
                <form method="post" action="/staff/signout">
                    <button type="submit" class="button" data-testid="staff-sign-out">{l.t("退出登录", "Sign out")}</button>
                </form>
            }.into_any(),
            None => view! {
                <p class="lead">
                    {l.t(
                        "街道经办人、志愿服务协调员、慈善会工作人员、政策管理员和审计员在这里登录办理业务。",
                        "Caseworkers, volunteer coordinators, charity staff, policy administrators and auditors sign in here.",
                    )}
                </p>
                <p><a class="button primary" href="/staff/signin" data-testid="staff-sign-in-link">{l.t("工作人员登录", "Staff sign-in")}</a></p>
            }.into_any(),
        }}
        <p>
            <a href="/api/docs">{l.t("开放接口说明（供其他系统对接）", "Open API documentation (for other systems)")}</a>
        </p>
    }
}

#[component]
pub fn StaffSignInPage() -> impl IntoView {
    let l = use_locale();
    let error = use_context::<PostedError>();
    let invalid = error.is_some();
    view! {
        <Title text=l.t("工作人员登录", "Staff sign-in") />
        <h1>{l.t("工作人员登录", "Staff sign-in")}</h1>
        {error.map(|e| view! {
            <div class="error-summary" id="error-summary" role="alert" tabindex="-1" data-testid="error-summary">
                <h2>{l.t("登录失败", "Sign-in failed")}</h2>
                <ul><li><a href=format!("#{}", e.field)>{l.t_owned(&e.zh, &e.en)}</a></li></ul>
            </div>
        })}
        <form method="post" action="/staff/signin" class="check-form" novalidate>
            <div class="field">
                <label for="username">{l.t("用户名", "Username")}</label>
                <input id="username" name="username" type="text" autocomplete="username" data-testid="username"
                    aria-invalid=if invalid { "true" } else { "false" } />
            </div>
            <div class="field">
                <label for="password">{l.t("密码", "Password")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" data-testid="password" />
            </div>
            <div class="field">
                <label for="totp">{l.t("动态验证码（身份验证器中的 6 位数字）", "Authenticator code (6 digits)")}</label>
                <input id="totp" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
                    class="code-input" data-testid="totp" />
            </div>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="staff-sign-in">{l.t("登录", "Sign in")}</button>
            </div>
        </form>
        <p><a href="/staff/enrol" rel="external" data-testid="first-sign-in">{l.t("第一次登录，或账户被重置？使用登记码设置账户", "First sign-in, or your account was reset? Set it up with your enrolment code")}</a></p>
    }
}
