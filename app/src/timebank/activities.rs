//! 志愿服务活动 for coordinators: their organizations' activities, a new-activity form, the
//! overdue list, and each activity's desk with the rotating QR code and live attendance.

use crate::check::handoff::qr_svg_path;
use crate::components::form::posted_error;
use crate::prefs::use_locale;
use crate::staff::gate::gate;
use leptos::prelude::*;
use leptos_meta::Title;
use types::i18n::Locale;
use types::timebank::{ActivityDesk, CATEGORIES, Correction, hours};

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("志愿服务活动", "Volunteer activities") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>
        </nav>
        <h1>{l.t("志愿服务活动", "Volunteer activities")}</h1>
        {match gate::<types::timebank::ActivitiesPage>(l) {
            Err(v) => v,
            Ok(types::timebank::ActivitiesPage { organizations, activities, overdue, notice, corrections }) => view! {
                {notice.map(|(zh, en)| view! { <p class="notice" role="status" data-testid="notice">{l.t_owned(&zh, &en)}</p> })}
                {(!overdue.is_empty()).then(|| view! {
                    <div class="error-summary" data-testid="overdue">
                        <h2>{l.t("超过 10 个工作日未确认的记录", "Records unconfirmed for over 10 working days")}</h2>
                        <ul>{overdue.into_iter().map(|(name, n)| view! { <li>{name}" · "{n}</li> }).collect_view()}</ul>
                    </div>
                })}
                {posted_error(l, "未能完成", "Not done")}
                <h2>{l.t("我的组织的活动", "My organizations' activities")}</h2>
                {activities.is_empty().then(|| view! { <p>{l.t("还没有活动，请在下面发布。", "No activity yet: publish one below.")}</p> })}
                <ul class="card-list" data-testid="coordinated">
                    {activities.into_iter().map(|a| view! {
                        <li class="card" data-testid="coordinated-activity" data-name=a.name.clone()>
                            <h3>{a.name.clone()}</h3>
                            <p>{a.organization.clone()}" · "{format!("{} – {}", a.starts, &a.ends[11..])}" · "{a.place.clone()}</p>
                            <p>{l.t("已报名 ", "Signed up ")}{a.confirmed}"/"{a.capacity}{l.t("，候补 ", ", waiting ")}{a.waiting}</p>
                            <p><a class="button primary" rel="external" href=format!("/staff/activity?id={}", a.id) data-testid="open-desk">
                                {l.t("签到二维码和考勤", "QR code and attendance")}
                            </a></p>
                        </li>
                    }).collect_view()}
                </ul>
                {corrections_to_decide(l, corrections)}
                {records_downloads(l, &organizations)}
                {new_activity_form(l, organizations)}
            }.into_any(),
        }}
    }
}

/// Volunteers' correction requests (第十三条): accept or reject, always with a reason.
fn corrections_to_decide(l: Locale, corrections: Vec<Correction>) -> impl IntoView {
    view! {
        <h2 id="corrections">{l.t("服务记录更正申请", "Requests to correct the service record")}</h2>
        {corrections.is_empty().then(|| view! { <p>{l.t("没有待处理的更正申请。", "No request is waiting.")}</p> })}
        <ul class="card-list" data-testid="corrections">
            {corrections.into_iter().map(|c| {
                let reason_id = format!("reason-{}", c.id);
                view! {
                    <li class="card" data-testid="correction">
                        <h3>{c.volunteer_name.clone()}" · "{c.activity.clone()}</h3>
                        <dl class="street-card">
                            <dt>{l.t("记录的时长", "Recorded")}</dt><dd>{hours(l, c.recorded_minutes)}</dd>
                            <dt>{l.t("申请更正为", "Asks for")}</dt><dd data-testid="asked">{hours(l, c.minutes)}</dd>
                            <dt>{l.t("理由", "Reason")}</dt><dd>{c.reason.clone()}</dd>
                            <dt>{l.t("申请时间", "Asked on")}</dt><dd>{c.requested_at.clone()}</dd>
                        </dl>
                        <form method="post" action="/staff/corrections/decide" class="check-form" novalidate>
                            <input type="hidden" name="id" value=c.id.clone() />
                            <div class="field">
                                <label for=reason_id.clone()>{l.t("处理意见（必填，会告知志愿者）", "Your reason (required; the volunteer sees it)")}</label>
                                <input id=reason_id name="reason" type="text" data-testid="decision-reason" />
                            </div>
                            <div class="nav-buttons">
                                <button type="submit" name="accept" value="yes" class="button primary" data-testid="accept-correction">{l.t("同意更正", "Accept")}</button>
                                <button type="submit" name="accept" value="no" class="button" data-testid="reject-correction">{l.t("驳回", "Reject")}</button>
                            </div>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// One download per organization: its service records of this year as CSV, for the annual
/// report (a full page load, so the staff session cookie goes with it).
fn records_downloads(l: Locale, organizations: &[(String, String)]) -> impl IntoView + use<> {
    let year = crate::check::today().year();
    view! {
        <h2>{l.t("年度服务记录", "Annual service records")}</h2>
        <ul class="page-links" data-testid="records-downloads">
            {organizations.iter().map(|(id, name)| view! {
                <li>
                    <a rel="external" href=format!("/api/v1/timebank/organizations/{id}/records.csv?year={year}") data-testid="records-csv">
                        {match l {
                            Locale::Zh => format!("下载 {name} {year} 年服务记录（CSV 表格）"),
                            Locale::En => format!("Download {name}'s service records of {year} (CSV spreadsheet)"),
                        }}
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

fn new_activity_form(l: Locale, organizations: Vec<(String, String)>) -> impl IntoView {
    let field = |id: &'static str, zh: &'static str, en: &'static str, kind: &'static str| {
        view! {
            <div class="field">
                <label for=id>{l.t(zh, en)}</label>
                <input id=id name=id type=kind data-testid=format!("act-{id}") />
            </div>
        }
    };
    view! {
        <h2>{l.t("发布新活动", "New activity")}</h2>
        <form method="post" action="/staff/activities" class="check-form" novalidate>
            <div class="field">
                <label for="organization_id">{l.t("组织", "Organization")}</label>
                <select id="organization_id" name="organization_id">
                    {organizations.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </div>
            {field("name", "活动名称", "Name", "text")}
            {field("date", "日期（如 2026-12-05）", "Date (e.g. 2026-12-05)", "date")}
            {field("start", "开始时间", "Start time", "time")}
            {field("end", "结束时间", "End time", "time")}
            {field("place", "地点", "Place", "text")}
            {field("content", "服务内容", "What volunteers will do", "text")}
            <div class="field">
                <label for="category">{l.t("服务类别", "Category")}</label>
                <select id="category" name="category">
                    {CATEGORIES.iter().map(|(c, zh, en)| view! { <option value=*c>{l.t(zh, en)}</option> }).collect_view()}
                </select>
            </div>
            {field("capacity", "人数上限", "Places", "number")}
            {field("organizer_unit", "组织单位", "Organizing unit", "text")}
            {field("person_in_charge", "负责人", "Person in charge", "text")}
            <label class="choice" for="earns_credits">
                <input type="checkbox" id="earns_credits" name="earns_credits" value="yes" checked=true />
                <span>{l.t("时间银行互助活动（确认的时长计入时间积分）", "Time-bank mutual aid (confirmed hours earn time credits)")}</span>
            </label>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="create-activity">{l.t("发布活动", "Publish")}</button>
            </div>
        </form>
    }
}

#[component]
pub fn ActivityDeskPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("活动签到", "Activity check-in") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff/activities" rel="external">{l.t("志愿服务活动", "Volunteer activities")}</a>
        </nav>
        {match gate::<types::timebank::ActivityDesk>(l) {
            Err(v) => v,
            Ok(d) => desk(l, d).into_any(),
        }}
    }
}

/// Every 25 seconds, a fresh token from the API replaces the QR code (each is valid for 60).
fn keep_fresh(url: RwSignal<String>, activity: String, direction: String) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let api = format!("/api/v1/timebank/activities/{activity}/qr?direction={direction}");
        set_interval(
            move || {
                let api = api.clone();
                leptos::task::spawn_local(async move {
                    let Ok(res) = gloo_net::http::Request::get(&api).send().await else {
                        return;
                    };
                    let Ok(body) = res.json::<serde_json::Value>().await else {
                        return;
                    };
                    if let Some(token) = body["token"].as_str() {
                        let origin = window().location().origin().unwrap_or_default();
                        url.set(format!("{origin}/volunteer/scan?t={token}"));
                    }
                });
            },
            std::time::Duration::from_secs(25),
        );
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (url, activity, direction);
}

fn desk(l: Locale, d: ActivityDesk) -> impl IntoView {
    let url = RwSignal::new(d.qr_url.clone());
    keep_fresh(url, d.activity.id.clone(), d.direction.clone());
    let checking_in = d.direction == "in";
    let other = format!(
        "/staff/activity?id={}&dir={}",
        d.activity.id,
        if checking_in { "out" } else { "in" }
    );
    let id = d.activity.id.clone();
    view! {
        <h1>{d.activity.name.clone()}</h1>
        <p>{format!("{} – {}", d.activity.starts, &d.activity.ends[11..])}" · "{d.activity.place.clone()}</p>
        <section class="enrolment">
            <h2 data-testid="desk-direction">{if checking_in { l.t("扫码签到", "Scan to check in") } else { l.t("扫码签退", "Scan to check out") }}</h2>
            {move || {
                let u = url.get();
                qr_svg_path(&u).map(|(size, path)| view! {
                    <svg class="qr" role="img" aria-label=l.t("签到二维码", "Check-in QR code") viewBox=format!("0 0 {size} {size}")
                        width="320" height="320" data-testid="desk-qr" data-url=u.clone()>
                        <rect width="100%" height="100%" fill="#fff" />
                        <path d=path fill="#000" />
                    </svg>
                })
            }}
            <p class="hint">{l.t("二维码每 25 秒自动更新，每个二维码 60 秒内有效。", "The code refreshes every 25 seconds; each is valid for 60.")}</p>
            <p><a class="button" rel="external" href=other data-testid="switch-direction">
                {if checking_in { l.t("切换到签退", "Switch to check-out") } else { l.t("切换到签到", "Switch to check-in") }}
            </a></p>
        </section>
        <h2>{l.t("考勤与确认", "Attendance and confirmation")}</h2>
        <form method="post" action="/staff/activity/confirm" class="check-form">
            <input type="hidden" name="activity" value=id />
            <ul class="card-list" data-testid="attendance">
                {d.attendance.into_iter().map(|a| {
                    let cid = format!("att-{}", a.attendance_id);
                    let for_id = cid.clone();
                    let pending = a.status == "pending" && a.check_out.is_some();
                    view! {
                        <li class="card" data-testid="attendance-line">
                            <label class="choice" for=for_id>
                                <input type="checkbox" id=cid name="attendance" value=a.attendance_id.clone() disabled=!pending checked=pending />
                                <span>
                                    <strong>{a.volunteer_name.clone()}</strong>" · "{a.check_in.clone()}" – "
                                    {a.check_out.clone().map(|o| o[11..].to_string()).unwrap_or_else(|| l.t("未签退", "not checked out").to_string())}
                                    {a.minutes.map(|m| format!(" · {}", hours(l, m)))}
                                    {a.flagged.then(|| l.t("（未签退，已按活动结束时间记录，请核实）", " (forgot to check out: closed at the end, please check)"))}
                                    " · "<span data-testid="attendance-status">{if a.status == "verified" { l.t("已确认", "Confirmed") } else { l.t("待确认", "Pending") }}</span>
                                </span>
                            </label>
                            {pending.then(|| {
                                let (m, r) = (format!("minutes-{}", a.attendance_id), format!("reason-{}", a.attendance_id));
                                let (m2, r2) = (m.clone(), r.clone());
                                view! {
                                    <div class="inline-form">
                                        <label for=m.clone()>{l.t("调整为（分钟，可不填）", "Adjust to (minutes, optional)")}</label>
                                        <input id=m name=m2 type="text" inputmode="numeric" class="short" data-testid="adjust-minutes" />
                                        <label for=r.clone()>{l.t("调整原因", "Reason")}</label>
                                        <input id=r name=r2 type="text" data-testid="adjust-reason" />
                                    </div>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="submit" class="button primary" data-testid="confirm-hours">{l.t("确认所选时长", "Confirm the selected hours")}</button>
        </form>
    }
}
