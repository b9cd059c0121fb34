//! Entry for caseworkers, coordinators, charity staff, policy admins and auditors.

use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("工作人员入口", "Staff entry") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/">{l.t("首页", "Home")}</a>
        </nav>
        <h1>{l.t("工作人员入口", "Staff entry")}</h1>
        <p class="lead">
            {l.t(
                "街道经办人、志愿服务协调员、慈善会工作人员、政策管理员和审计员在这里登录办理业务。",
                "Caseworkers, volunteer coordinators, charity staff, policy administrators and auditors sign in here.",
            )}
        </p>
        <p class="notice" role="status">
            {l.t(
                "工作人员登录（用户名、密码和动态验证码）尚未开通，请使用区民政局内部系统。",
                "Staff sign-in (username, password and authenticator code) is not open yet; please use the bureau's internal system.",
            )}
        </p>
        <p>
            <a href="/api/docs">{l.t("开放接口说明（供其他系统对接）", "Open API documentation (for other systems)")}</a>
        </p>
    }
}
