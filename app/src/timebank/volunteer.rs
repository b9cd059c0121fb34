//! 志愿时间银行 for residents: register as a real-name volunteer, sign up for activities,
//! check in by the activity's QR code, see hours and time credits, give credits to family.

use crate::account::{KioskDevice, SignedIn};
use crate::components::form::posted_error;
use crate::components::streets::{street_name, street_select};
use crate::page_data::page_data;
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use types::i18n::Locale;
use types::timebank::{
    CATEGORIES, Correction, RecordLine, RedeemOffer, VolunteerHome, category_name, hours,
};

#[component]
pub fn VolunteerPage() -> impl IntoView {
    let l = use_locale();
    let signed_in = use_context::<SignedIn>().is_some();
    let home = page_data::<types::timebank::VolunteerHome>();
    view! {
        <Title text=l.t("志愿时间银行", "Volunteer time bank") />
        <h1>{l.t("志愿时间银行", "Volunteer time bank")}</h1>
        <p class="page-links"><a href="/timebank/totals" rel="external" data-testid="totals-link">{l.t("全区志愿服务统计", "District totals")}</a></p>
        {match (signed_in, home) {
            (false, _) | (true, None) => view! {
                <p class="lead">{l.t("参加志愿服务，记录服务时长，积累时间积分，将来可兑换养老服务，也可转赠给家人。", "Volunteer, get your hours recorded, earn time credits for care later or give them to family.")}</p>
                <p><a class="button primary" href="/signin" data-testid="volunteer-sign-in">{l.t("先用手机号登录", "Sign in with your mobile number first")}</a></p>
            }.into_any(),
            (true, Some(h)) => match h.me.clone() {
                None => registration(l).into_any(),
                Some(_) => volunteer_home(l, h).into_any(),
            },
        }}
    }
}

fn registration(l: Locale) -> impl IntoView {
    view! {
        <p class="lead">{l.t("按照《志愿服务记录与证明出具办法》，志愿者需要实名登记。", "Volunteer records are kept under real names, as the national rules require.")}</p>
        {posted_error(l, "请修改以下内容", "Please correct the following")}
        <form method="post" action="/volunteer/register" class="check-form" novalidate>
            <div class="field">
                <label for="name">{l.t("姓名（与身份证一致）", "Name (as on your ID card)")}</label>
                <input id="name" name="name" type="text" autocomplete="name" data-testid="vol-name" />
            </div>
            <div class="field">
                <label for="id_number">{l.t("身份证号码（18 位）", "ID number (18 characters)")}</label>
                <input id="id_number" name="id_number" type="text" autocomplete="off" maxlength="18" data-testid="vol-id" />
                <p class="hint">{l.t("加密保存，只用于实名记录和出具证明；页面上只显示部分数字。", "Stored encrypted, used only for your record and certificates; shown only in part.")}</p>
            </div>
            <div class="field">
                <label for="street_code">{l.t("居住街道", "Street you live in")}</label>
                {street_select(l, "street_code", "street_code", l.t("请选择", "Choose"))}
            </div>
            <fieldset class="field" id="categories">
                <legend>{l.t("愿意参加的服务类别", "Services you would like to give")}</legend>
                {CATEGORIES.iter().map(|(code, zh, en)| {
                    let id = format!("cat-{code}");
                    let for_id = id.clone();
                    view! {
                        <label class="choice" for=for_id>
                            <input type="checkbox" id=id name="categories" value=*code />
                            <span>{l.t(zh, en)}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="skills">{l.t("特长（可不填）", "Skills (optional)")}</label>
                <input id="skills" name="skills" type="text" data-testid="vol-skills" />
            </div>
            <label class="choice" for="consent">
                <input type="checkbox" id="consent" name="consent" value="yes" data-testid="vol-consent" />
                <span>{l.t(
                    "我同意东西湖区民政局按《志愿服务记录与证明出具办法》加密保存我的实名信息和服务记录，只用于志愿服务记录、证明和统计，不作商业用途（说明 2026-11 版）。",
                    "I agree that the Dongxihu civil-affairs bureau keeps my real-name details and service record, encrypted, only for volunteer records, certificates and statistics, never commercially (notice 2026-11).",
                )}</span>
            </label>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="vol-register">{l.t("登记为志愿者", "Register as a volunteer")}</button>
            </div>
        </form>
    }
}

fn volunteer_home(l: Locale, h: VolunteerHome) -> impl IntoView {
    let me = h.me.clone().expect("registered");
    let confirmed: i64 = h.records.iter().map(|r| r.minutes).sum();
    let at_kiosk = use_context::<KioskDevice>().is_some();
    view! {
        {h.notice.clone().map(|(zh, en)| view! { <p class="notice" role="status" data-testid="notice">{l.t_owned(&zh, &en)}</p> })}
        {posted_error(l, "未能完成", "Not done")}
        <dl class="street-card" data-testid="volunteer-card">
            <dt>{l.t("志愿者", "Volunteer")}</dt><dd>{me.name_masked}</dd>
            <dt>{l.t("身份证号", "ID number")}</dt><dd data-testid="vol-id-masked">{me.id_masked}</dd>
            <dt>{l.t("街道", "Street")}</dt><dd>{street_name(l, &me.street_code)}</dd>
            <dt>{l.t("已确认服务时长", "Confirmed hours")}</dt><dd data-testid="confirmed-hours">{hours(l, confirmed)}</dd>
            <dt>{l.t("待确认", "Awaiting confirmation")}</dt><dd data-testid="pending-hours">{hours(l, h.pending_minutes)}</dd>
            <dt>{l.t("时间积分", "Time credits")}</dt><dd data-testid="balance">{hours(l, h.balance)}</dd>
        </dl>
        <h2>{l.t("近期活动", "Coming activities")}</h2>
        {h.activities.is_empty().then(|| view! { <p>{l.t("暂时没有可报名的活动。", "No activity to sign up for just now.")}</p> })}
        <ul class="card-list" data-testid="activities">
            {h.activities.into_iter().map(|a| {
                let status = a.mine.clone();
                view! {
                    <li class="card" data-testid="activity" data-name=a.name.clone()>
                        <h3>{a.name.clone()}</h3>
                        <dl class="street-card">
                            <dt>{l.t("时间", "When")}</dt><dd>{format!("{} – {}", a.starts, &a.ends[11..])}</dd>
                            <dt>{l.t("地点", "Where")}</dt><dd>{a.place.clone()}</dd>
                            <dt>{l.t("类别", "Category")}</dt><dd>{category_name(l, &a.category)}</dd>
                            <dt>{l.t("剩余名额", "Places left")}</dt><dd>{a.places_left}</dd>
                        </dl>
                        {(at_kiosk && a.pass_now.is_some()).then(|| {
                            let out = a.pass_now.as_deref() == Some("out");
                            view! {
                                <form method="post" action="/volunteer/kiosk-pass" class="inline-form">
                                    <input type="hidden" name="activity" value=a.id.clone() />
                                    <input type="hidden" name="dir" value=if out { "out" } else { "in" } />
                                    <button type="submit" class="button primary" data-testid="kiosk-pass">
                                        {if out { l.t("在本机签退", "Check out here") } else { l.t("在本机签到", "Check in here") }}
                                    </button>
                                </form>
                            }
                        })}
                        {match status.as_deref() {
                            Some("confirmed") => view! { <p class="notice" data-testid="signed-up">{l.t("已报名", "Signed up")}</p> }.into_any(),
                            Some("waiting") => view! { <p class="notice" data-testid="waiting">{l.t("候补中：有人取消时自动递补", "On the waiting list: you move up when someone cancels")}</p> }.into_any(),
                            _ => view! {
                                <form method="post" action="/volunteer/signup" class="inline-form">
                                    <input type="hidden" name="activity" value=a.id.clone() />
                                    <button type="submit" class="button primary" data-testid="sign-up">
                                        {if a.places_left > 0 { l.t("报名", "Sign up") } else { l.t("加入候补", "Join the waiting list") }}
                                    </button>
                                </form>
                            }.into_any(),
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="hint">{l.t("到达活动现场后，用手机扫描协调员出示的二维码签到；结束时再扫一次签退。", "At the activity, scan the coordinator's QR code with your phone to check in, and again to check out.")}</p>
        <h2 id="correction">{l.t("我的服务记录", "My service record")}</h2>
        {h.records.is_empty().then(|| view! { <p>{l.t("还没有已确认的服务记录。", "No confirmed service yet.")}</p> })}
        <ul class="record-list" data-testid="records">
            {h.records.into_iter().map(|r| record_line(l, r)).collect_view()}
        </ul>
        {corrections(l, h.corrections)}
        {certificates(l, h.certificates, confirmed > 0)}
        <h2>{l.t("时间积分明细", "Time credit statement")}</h2>
        <ul data-testid="statement">
            {h.statement.into_iter().map(|c| view! { <li>{c.at}" · "{c.memo}" · "{if c.minutes > 0 { "+" } else { "" }}{c.minutes}{l.t(" 分钟", " min")}</li> }).collect_view()}
        </ul>
        {redeem(l, h.redeem, h.gift_key.clone())}
        {family_requests(l, h.family_requests)}
        <h2>{l.t("转赠给家人", "Give credits to family")}</h2>
        <form method="post" action="/volunteer/family" class="check-form" novalidate>
            <div class="field">
                <label for="relative_id">{l.t("添加家人：家人的身份证号码（家人须已登记为志愿者，并在自己的页面确认）", "Add a family member: their ID number (they must be a registered volunteer and confirm on their own page)")}</label>
                <input id="relative_id" name="id_number" type="text" autocomplete="off" maxlength="18" data-testid="family-id" />
            </div>
            <button type="submit" class="button" data-testid="add-family">{l.t("添加家人", "Add family member")}</button>
        </form>
        {(!h.family.is_empty()).then(|| view! {
            <form method="post" action="/volunteer/gift" class="check-form" novalidate>
                <input type="hidden" name="key" value=h.gift_key.clone() />
                <div class="field">
                    <label for="to">{l.t("转赠给", "Give to")}</label>
                    <select id="to" name="to" data-testid="gift-to">
                        {h.family.iter().map(|(id, name)| view! { <option value=id.clone()>{name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="minutes">{l.t("分钟数", "Minutes")}</label>
                    <input id="minutes" name="minutes" type="text" inputmode="numeric" data-testid="gift-minutes" />
                </div>
                <button type="submit" class="button primary" data-testid="gift">{l.t("转赠", "Give")}</button>
            </form>
        })}
    }
}

fn kind_label(l: Locale, kind: &str) -> &'static str {
    match kind {
        "adjusted" => l.t("（协调员调整）", " (adjusted by the coordinator)"),
        "honour" => l.t("（荣誉时长）", " (honour hours)"),
        "reversal" => l.t(
            "（已更正，冲销原记录）",
            " (corrected: the original reversed)",
        ),
        "correction" => l.t("（更正后）", " (as corrected)"),
        _ => "",
    }
}

/// One entry of the service record, with a request-a-correction form where one may be asked.
fn record_line(l: Locale, r: RecordLine) -> impl IntoView {
    let hours_id = format!("hours-{}", r.id);
    let reason_id = format!("reason-{}", r.id);
    view! {
        <li data-testid="record" data-kind=r.kind.clone()>
            <span>{r.date}" · "{r.activity}" · "{hours(l, r.minutes)}{kind_label(l, &r.kind)}</span>
            {r.correctable.then(|| view! {
                <details class="correction">
                    <summary data-testid="ask-correction">{l.t("记录有误？申请更正", "Wrong? Ask for a correction")}</summary>
                    <form method="post" action="/volunteer/correction" class="check-form" novalidate>
                        <input type="hidden" name="record" value=r.id.to_string() />
                        <div class="field">
                            <label for=hours_id.clone()>{l.t("实际服务时长（小时，如 2.5）", "The right time (hours, e.g. 2.5)")}</label>
                            <input id=hours_id name="hours" type="text" inputmode="decimal" data-testid="correction-hours" />
                        </div>
                        <div class="field">
                            <label for=reason_id.clone()>{l.t("原因", "Why")}</label>
                            <input id=reason_id name="reason" type="text" data-testid="correction-reason" />
                        </div>
                        <button type="submit" class="button primary" data-testid="send-correction">{l.t("提交更正申请", "Send the request")}</button>
                    </form>
                </details>
            })}
        </li>
    }
}

fn corrections(l: Locale, list: Vec<Correction>) -> impl IntoView {
    (!list.is_empty()).then(|| view! {
        <h3>{l.t("我的更正申请", "My correction requests")}</h3>
        <ul data-testid="my-corrections">
            {list.into_iter().map(|c| {
                let status = match c.status.as_str() {
                    "accepted" => l.t("已同意", "accepted"),
                    "rejected" => l.t("已驳回", "rejected"),
                    _ => l.t("处理中", "waiting for a decision"),
                };
                view! {
                    <li data-testid="my-correction" data-status=c.status.clone()>
                        {c.activity}" · "{hours(l, c.recorded_minutes)}" → "{hours(l, c.minutes)}" · "{status}
                        {c.decision_reason.map(|r| view! { <span>{l.t("（意见：", " (reason: ")}{r}{l.t("）", ")")}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

/// 志愿服务记录证明: issue one (a PDF) and the list of those issued, each checkable online.
fn certificates(l: Locale, issued: Vec<(String, String, i64)>, has_service: bool) -> impl IntoView {
    view! {
        <h2 id="certificates">{l.t("志愿服务记录证明", "Certificate of volunteer service")}</h2>
        <p>{l.t("免费出具，写明服务时长、服务内容和记录单位，附查验二维码；任何单位都可以在网上查验真伪。", "Free. It states your hours, what you did and who recorded it, with a QR code anyone can use to check it online.")}</p>
        {if has_service {
            view! {
                <form method="post" action="/volunteer/certificate" class="inline-form">
                    <button type="submit" class="button primary" data-testid="issue-certificate">{l.t("出具证明（PDF）", "Issue a certificate (PDF)")}</button>
                </form>
            }.into_any()
        } else {
            view! { <p class="hint">{l.t("有了确认的服务时长后即可出具。", "You can have one once some hours are confirmed.")}</p> }.into_any()
        }}
        {(!issued.is_empty()).then(|| view! {
            <ul data-testid="certificates">
                {issued.into_iter().map(|(number, on, minutes)| view! {
                    <li data-testid="certificate" data-number=number.clone()>
                        {on}" · "{hours(l, minutes)}" · "
                        <a rel="external" href=format!("/volunteer/certificates/{number}") data-testid="certificate-pdf">{format!("{number} (PDF)")}</a>
                        " · "
                        <a rel="external" href=format!("/verify/{number}") data-testid="certificate-verify">{l.t("查验", "Check")}</a>
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}

/// Redeeming credits for care (members of the configured age).
fn redeem(l: Locale, offer: RedeemOffer, key: String) -> impl IntoView {
    let rules = match l {
        Locale::Zh => format!(
            "年满 {} 周岁的成员可以用时间积分兑换下列服务；每人每月最多兑换 {}；积分 {} 个月内未使用将过期。",
            offer.min_age,
            hours(l, offer.monthly_cap),
            offer.expiry_months
        ),
        Locale::En => format!(
            "Members aged {} or over can redeem credits for these services; at most {} a month; credits unused for {} months expire.",
            offer.min_age,
            hours(l, offer.monthly_cap),
            offer.expiry_months
        ),
    };
    view! {
        <h2 id="redeem">{l.t("兑换养老服务", "Redeem credits for care")}</h2>
        <p data-testid="redeem-rules">{rules}</p>
        <ul class="card-list" data-testid="care-services">
            {offer.services.into_iter().map(|(code, zh, en, minutes)| view! {
                <li class="card">
                    <span>{l.t_owned(&zh, &en)}" · "{hours(l, minutes)}</span>
                    {offer.allowed.then(|| view! {
                        <form method="post" action="/volunteer/redeem" class="inline-form">
                            <input type="hidden" name="service" value=code.clone() />
                            <input type="hidden" name="key" value=key.clone() />
                            <button type="submit" class="button" data-testid="redeem">{l.t("兑换", "Redeem")}</button>
                        </form>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The page a scanned activity QR code opens: one button to check in or out.
#[component]
pub fn ScanPage() -> impl IntoView {
    let l = use_locale();
    let signed_in = use_context::<SignedIn>().is_some();
    let token =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("t").unwrap_or_default());
    view! {
        <Title text=l.t("扫码签到", "Check in") />
        <h1>{l.t("扫码签到 / 签退", "Check in or out")}</h1>
        {posted_error(l, "未能签到", "Not checked in")}
        {if signed_in {
            view! {
                <form method="post" action="/volunteer/scan" class="check-form">
                    <input type="hidden" name="token" value=token />
                    <p>{l.t("请在 60 秒内确认。", "Please confirm within 60 seconds.")}</p>
                    <button type="submit" class="button primary" data-testid="confirm-scan">{l.t("确认", "Confirm")}</button>
                </form>
            }.into_any()
        } else {
            view! { <p><a class="button primary" href="/signin">{l.t("先用手机号登录", "Sign in with your mobile number first")}</a></p> }.into_any()
        }}
    }
}

/// Requests to confirm someone as family (F13): the link holds only once confirmed here.
fn family_requests(l: Locale, requests: Vec<(String, String)>) -> impl IntoView {
    (!requests.is_empty()).then(|| view! {
        <h2 id="family-requests">{l.t("家人请求", "Family requests")}</h2>
        <p class="hint">{l.t("确认后，对方可以向您转赠时间积分。不认识的人请拒绝。", "Once you confirm, they can give you time credits. Decline anyone you do not know.")}</p>
        <ul class="card-list" data-testid="family-requests">
            {requests.into_iter().map(|(id, name)| view! {
                <li class="card" data-testid="family-request">
                    <p>{l.t("请求添加您为家人：", "Asks to add you as family: ")}<strong>{name}</strong></p>
                    <form method="post" action="/volunteer/family/answer" class="inline-form">
                        <input type="hidden" name="requester" value=id.clone() />
                        <button type="submit" name="answer" value="confirm" class="button primary" data-testid="confirm-family">{l.t("确认是家人", "Confirm")}</button>
                        <button type="submit" name="answer" value="decline" class="button" data-testid="decline-family">{l.t("拒绝", "Decline")}</button>
                    </form>
                </li>
            }).collect_view()}
        </ul>
    })
}
