//! 工作人员账户管理 (system admins): invite members by a one-time enrolment code (they set their
//! own password and authenticator), change roles, end sessions, reset a sign-in, disable.

use crate::account::{Role, STAFF_ROLES};
use crate::components::form::posted_error;
use crate::components::streets::{street_name, street_select};
use crate::prefs::use_locale;
use crate::staff::gate::gate;
use leptos::prelude::*;
use leptos_meta::Title;
use types::i18n::Locale;
use types::staff::{StaffInvite, StaffMember};

#[component]
pub fn StaffUsersPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("工作人员账户管理", "Staff accounts") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>
        </nav>
        <h1>{l.t("工作人员账户管理", "Staff accounts")}</h1>
        {match gate::<types::staff::UsersPage>(l) {
            Err(v) => v,
            Ok(types::staff::UsersPage { members, me, invite, notice }) => view! {
                {notice.map(|(zh, en)| view! { <p class="notice" role="status" data-testid="notice">{l.t_owned(&zh, &en)}</p> })}
                {invite.map(|i| invite_panel(l, i))}
                {posted_error(l, "未能完成", "Not done")}
                <h2>{l.t("全部账户", "All accounts")}</h2>
                <ul class="card-list" data-testid="staff-list">
                    {members.into_iter().map(|m| member_card(l, m, &me)).collect_view()}
                </ul>
                {new_member_form(l)}
                {honour_form(l)}
                {release_form(l)}
            }.into_any(),
        }}
    }
}

fn role_select(l: Locale, id: String, current: Role) -> impl IntoView {
    view! {
        <select id=id name="role">
            {STAFF_ROLES.iter().map(|r| view! {
                <option value=r.as_str() selected=*r == current>{r.label(l)}</option>
            }).collect_view()}
        </select>
    }
}

fn member_card(l: Locale, m: StaffMember, me: &str) -> impl IntoView {
    let own = m.id == me;
    let disabled = m.state == "disabled";
    let role_id = format!("role-{}", m.id);
    let street_id = format!("street-{}", m.id);
    let street = m.street_code.as_deref().map(|c| street_name(l, c));
    let status = match (m.state.as_str(), m.locked, m.live_sessions) {
        ("disabled", _, _) => l.t("已停用", "Disabled").to_string(),
        ("awaiting_enrolment", _, _) => l
            .t("等待本人用登记码设置", "Awaiting their enrolment")
            .to_string(),
        ("enrolment_expired", _, _) => l
            .t("登记码已过期，请重置", "Enrolment code expired: reset it")
            .to_string(),
        (_, true, _) => l
            .t(
                "已锁定（登录失败过多）",
                "Locked (too many failed sign-ins)",
            )
            .to_string(),
        (_, false, 0) => l.t("当前未登录", "Not signed in").to_string(),
        (_, false, n) => match l {
            Locale::Zh => format!("{n} 个登录中"),
            Locale::En => format!("{n} signed-in session(s)"),
        },
    };
    view! {
        <li class="card" data-testid="staff-member" data-username=m.username.clone()>
            <h3>{m.display_name.clone()}" "<span class="muted">"(" {m.username.clone()} ")"</span></h3>
            <dl class="street-card">
                <dt>{l.t("角色", "Role")}</dt><dd data-testid="member-role">{m.role.label(l)}</dd>
                {street.map(|s| view! { <dt>{l.t("街道", "Street")}</dt><dd>{s}</dd> })}
                <dt>{l.t("状态", "Status")}</dt><dd data-testid="member-status">{status}</dd>
            </dl>
            {(!own).then(|| view! {
                <form method="post" action="/staff/users/role" class="inline-form">
                    <input type="hidden" name="id" value=m.id.clone() />
                    <label for=role_id.clone()>{l.t("更改角色", "Change role")}</label>
                    {role_select(l, role_id.clone(), m.role)}
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
                <form method="post" action="/staff/users/reset" class="inline-form">
                    <input type="hidden" name="id" value=m.id.clone() />
                    <button type="submit" class="button" data-testid="reset-member">{l.t("重置密码和验证器", "Reset password and authenticator")}</button>
                </form>
                <form method="post" action="/staff/users/disabled" class="inline-form">
                    <input type="hidden" name="id" value=m.id.clone() />
                    <input type="hidden" name="disable" value=if disabled { "0" } else { "1" } />
                    <button type="submit" class="button" data-testid="toggle-disabled">
                        {if disabled { l.t("恢复使用", "Enable again") } else { l.t("停用账户", "Disable account") }}
                    </button>
                </form>
            })}
            {own.then(|| view! { <p class="hint">{l.t("这是您自己的账户。", "This is your own account.")}</p> })}
        </li>
    }
}

fn invite_panel(l: Locale, i: StaffInvite) -> impl IntoView {
    view! {
        <section class="enrolment" data-testid="invite" aria-labelledby="invite-title">
            <h2 id="invite-title">{l.t("登记码已生成", "Enrolment code issued")}</h2>
            <p>
                {l.t("请当面或通过可靠渠道把用户名和登记码交给 ", "Hand the username and this code, in person or by a trusted channel, to ")}
                <strong data-testid="invite-username">{i.username.clone()}</strong>
                {l.t("。本人在“工作人员首次登录”页面用它设置自己的密码和身份验证器；您不会看到两者。",
                     ". They use it on the staff first sign-in page to set their own password and authenticator; you will see neither.")}
            </p>
            <p class="big-code" data-testid="invite-code">{i.code}</p>
            <p class="hint">{l.t("只能使用一次，有效期至 ", "Works once, until ")}<span data-testid="invite-expires">{i.expires}</span>{l.t("（北京时间）。登记码只显示这一次。", " (Beijing time). It is shown only this once.")}</p>
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
                {role_select(l, "role".into(), Role::Caseworker)}
            </div>
            <div class="field">
                <label for="street_code">{l.t("所属街道（仅街道经办人）", "Street office (caseworkers only)")}</label>
                {street_select(l, "street_code", "street_code", l.t("无", "None"))}
            </div>
            <p class="hint">{l.t("创建后会生成一次性登记码，由本人设置密码和身份验证器。", "Creating the account issues a one-time enrolment code; the member sets their own password and authenticator.")}</p>
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

/// Releases a volunteer registration made with someone else's ID number (after seeing the real
/// person's ID card), so the real person can register.
fn release_form(l: Locale) -> impl IntoView {
    view! {
        <h2 id="release">{l.t("释放被冒用的志愿者登记", "Release a volunteer registration made with someone else's number")}</h2>
        <p class="hint">{l.t("本人持身份证到场、确认原登记不是本人所为时使用。原登记的服务记录保留，但不再属于原账户。", "When the person comes with their ID card and the registration was not theirs. Its service record stays, no longer under the account that made it.")}</p>
        <form method="post" action="/staff/volunteers/release" class="check-form" novalidate>
            <div class="field">
                <label for="release_id">{l.t("被冒用的身份证号码", "The ID number used")}</label>
                <input id="release_id" name="id_number" type="text" autocomplete="off" maxlength="18" data-testid="release-id" />
            </div>
            <div class="field">
                <label for="release_reason">{l.t("原因", "Why")}</label>
                <input id="release_reason" name="reason" type="text" data-testid="release-reason" />
            </div>
            <button type="submit" class="button" data-testid="release-submit">{l.t("释放登记", "Release")}</button>
        </form>
    }
}
