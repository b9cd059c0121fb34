//! 工作人员账户管理 (system admins): create accounts with authenticator enrolment by QR code,
//! change roles, end all of someone's sessions.

use super::staff::{gate, posted_error, street_name, street_select};
use crate::account::{STAFF_ROLES, role_label};
use crate::check::handoff::qr_svg_path;
use crate::i18n::Locale;
use crate::prefs::use_locale;
use crate::staff_views::{Enrolment, PageData, StaffMember};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffUsersPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("工作人员账户管理", "Staff accounts") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>
        </nav>
        <h1>{l.t("工作人员账户管理", "Staff accounts")}</h1>
        {match gate(l) {
            Err(v) => v,
            Ok(PageData::Users { members, me, enrolment, notice }) => view! {
                {notice.map(|(zh, en)| view! { <p class="notice" role="status" data-testid="notice">{l.t_owned(&zh, &en)}</p> })}
                {enrolment.map(|e| enrolment_panel(l, e))}
                {posted_error(l, "未能完成", "Not done")}
                <h2>{l.t("全部账户", "All accounts")}</h2>
                <ul class="card-list" data-testid="staff-list">
                    {members.into_iter().map(|m| member_card(l, m, &me)).collect_view()}
                </ul>
                {new_member_form(l)}
                {honour_form(l)}
            }.into_any(),
            Ok(_) => view! { <p>{l.t("页面数据有误。", "This page's data is wrong.")}</p> }.into_any(),
        }}
    }
}

fn role_select(l: Locale, id: String, current: String) -> impl IntoView {
    view! {
        <select id=id name="role">
            {STAFF_ROLES.iter().map(|r| view! {
                <option value=*r selected=*r == current.as_str()>{role_label(l, r)}</option>
            }).collect_view()}
        </select>
    }
}

fn member_card(l: Locale, m: StaffMember, me: &str) -> impl IntoView {
    let own = m.id == me;
    let role_id = format!("role-{}", m.id);
    let street_id = format!("street-{}", m.id);
    let street = m.street_code.as_deref().map(|c| street_name(l, c));
    let status = match (m.locked, m.live_sessions) {
        (true, _) => l
            .t(
                "已锁定（登录失败过多）",
                "Locked (too many failed sign-ins)",
            )
            .to_string(),
        (false, 0) => l.t("当前未登录", "Not signed in").to_string(),
        (false, n) => match l {
            Locale::Zh => format!("{n} 个登录中"),
            Locale::En => format!("{n} signed-in session(s)"),
        },
    };
    view! {
        <li class="card" data-testid="staff-member" data-username=m.username.clone()>
            <h3>{m.display_name.clone()}" "<span class="muted">"(" {m.username.clone()} ")"</span></h3>
            <dl class="street-card">
                <dt>{l.t("角色", "Role")}</dt><dd data-testid="member-role">{role_label(l, &m.role)}</dd>
                {street.map(|s| view! { <dt>{l.t("街道", "Street")}</dt><dd>{s}</dd> })}
                <dt>{l.t("状态", "Status")}</dt><dd data-testid="member-status">{status}</dd>
            </dl>
            {(!own).then(|| view! {
                <form method="post" action="/staff/users/role" class="inline-form">
                    <input type="hidden" name="id" value=m.id.clone() />
                    <label for=role_id.clone()>{l.t("更改角色", "Change role")}</label>
                    {role_select(l, role_id.clone(), m.role.clone())}
                    <label for=street_id.clone()>{l.t("所属街道（经办人）", "Street (caseworkers)")}</label>
                    <select id=street_id name="street_code">
                        <option value="">{l.t("无", "None")}</option>
                        {policy::street_offices().into_iter().map(|s| {
                            let selected = m.street_code.as_deref() == Some(s.id.as_str());
                            let label = if l == Locale::Zh { s.name_zh } else { s.name_en };
                            view! { <option value=s.id selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit" class="button" data-testid="save-role">{l.t("保存角色", "Save role")}</button>
                </form>
                <form method="post" action="/staff/users/end-sessions" class="inline-form">
                    <input type="hidden" name="id" value=m.id.clone() />
                    <button type="submit" class="button" data-testid="end-sessions">{l.t("结束其全部登录", "End all their sessions")}</button>
                </form>
            })}
            {own.then(|| view! { <p class="hint">{l.t("这是您自己的账户。", "This is your own account.")}</p> })}
        </li>
    }
}

fn enrolment_panel(l: Locale, e: Enrolment) -> impl IntoView {
    let qr = qr_svg_path(&e.uri);
    view! {
        <section class="enrolment" data-testid="enrolment" aria-labelledby="enrolment-title">
            <h2 id="enrolment-title">{l.t("账户已创建：请绑定身份验证器", "Account created: set up the authenticator")}</h2>
            <p>
                {l.t("请让", "Ask ")}<strong>{e.username.clone()}</strong>
                {l.t(" 本人用手机上的身份验证器扫描下面的二维码。二维码只显示这一次，离开此页后无法再查看。",
                     " to scan this QR code with the authenticator app on their phone. It is shown only this once.")}
            </p>
            {qr.map(|(size, d)| view! {
                <svg class="qr" role="img" aria-label=l.t("身份验证器二维码", "Authenticator QR code")
                    viewBox=format!("0 0 {size} {size}") width="240" height="240" data-testid="enrolment-qr">
                    <rect width="100%" height="100%" fill="#fff" />
                    <path d=d fill="#000" />
                </svg>
            })}
            <p>{l.t("无法扫码时手动输入密钥：", "If scanning fails, type this key: ")}<code data-testid="enrolment-secret">{e.secret}</code></p>
        </section>
    }
}

fn new_member_form(l: Locale) -> impl IntoView {
    view! {
        <h2>{l.t("新建工作人员账户", "New staff account")}</h2>
        <form method="post" action="/staff/users" class="check-form" novalidate>
            <div class="field">
                <label for="username">{l.t("用户名（小写字母、数字、连字符）", "Username (lowercase letters, digits, hyphens)")}</label>
                <input id="username" name="username" type="text" autocomplete="off" data-testid="new-username" />
            </div>
            <div class="field">
                <label for="display_name">{l.t("姓名或岗位", "Name or post")}</label>
                <input id="display_name" name="display_name" type="text" autocomplete="off" data-testid="new-display-name" />
            </div>
            <div class="field">
                <label for="role">{l.t("角色", "Role")}</label>
                {role_select(l, "role".into(), "caseworker".into())}
            </div>
            <div class="field">
                <label for="street_code">{l.t("所属街道（仅街道经办人）", "Street office (caseworkers only)")}</label>
                {street_select(l, "street_code", "street_code", l.t("无", "None"))}
            </div>
            <div class="field">
                <label for="password">{l.t("初始密码（至少 8 位，不能是常见密码）", "First password (8+ characters, not a common one)")}</label>
                <input id="password" name="password" type="password" autocomplete="new-password" data-testid="new-password" />
            </div>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="create-member">{l.t("创建账户", "Create account")}</button>
            </div>
        </form>
    }
}

/// Honour hours (荣誉时长): recorded on a volunteer's service record, earning no time credits.
fn honour_form(l: Locale) -> impl IntoView {
    view! {
        <h2 id="honour">{l.t("记入荣誉时长", "Record honour hours")}</h2>
        <p class="hint">{l.t("用于表彰等情形：计入志愿服务记录和证明，不产生时间积分。", "For awards and the like: counted on the service record and certificates, earning no time credits.")}</p>
        <form method="post" action="/staff/honour" class="check-form" novalidate>
            <div class="field">
                <label for="id_number">{l.t("志愿者身份证号码", "Volunteer's ID number")}</label>
                <input id="id_number" name="id_number" type="text" autocomplete="off" maxlength="18" data-testid="honour-id" />
            </div>
            <div class="field">
                <label for="minutes">{l.t("时长（小时，如 10）", "Hours (e.g. 10)")}</label>
                <input id="minutes" name="hours" type="text" inputmode="decimal" data-testid="honour-hours" />
            </div>
            <div class="field">
                <label for="reason">{l.t("事由", "What it honours")}</label>
                <input id="reason" name="reason" type="text" data-testid="honour-reason" />
            </div>
            <button type="submit" class="button primary" data-testid="honour-submit">{l.t("记入", "Record")}</button>
        </form>
    }
}
