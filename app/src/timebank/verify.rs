//! 证明查验: anyone holding a volunteer service certificate checks that it is genuine and
//! unchanged. The page shows exactly what the certificate states (masked name and ID) and no more.

use crate::page_data::page_data;
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use types::timebank::{Certificate, category_name, hours};

#[component]
pub fn VerifyPage() -> impl IntoView {
    let l = use_locale();
    let found = page_data::<types::timebank::Verification>();
    view! {
        <Title text=l.t("志愿服务记录证明查验", "Check a volunteer service certificate") />
        <h1>{l.t("志愿服务记录证明查验", "Check a volunteer service certificate")}</h1>
        {match found {
            None => view! {
                <p class="lead">{l.t("请输入证明上的编号（如 ZY2026-ABCD-EFGH），或扫描证明上的二维码。", "Enter the number printed on the certificate (e.g. ZY2026-ABCD-EFGH), or scan its QR code.")}</p>
            }.into_any(),
            Some(v) => match (v.certificate.clone(), v.genuine) {
                (None, _) => view! {
                    <div class="error-summary" role="alert" data-testid="verify-unknown">
                        <h2>{l.t("查无此证明", "No such certificate")}</h2>
                        <p>{l.t("没有找到编号为 ", "No certificate has the number ")}<strong>{v.number.clone()}</strong>{l.t(" 的证明。请核对编号；证明可能是伪造的。", ". Check the number; the certificate may be forged.")}</p>
                    </div>
                }.into_any(),
                (Some(_), false) => view! {
                    <div class="error-summary" role="alert" data-testid="verify-broken">
                        <h2>{l.t("证明数据校验未通过", "This certificate fails its check")}</h2>
                        <p>{l.t("系统中的记录与出具时的签名不一致，请勿采信，并联系东西湖区民政局。", "The stored record no longer matches its seal: do not rely on it, and contact the Dongxihu civil-affairs bureau.")}</p>
                    </div>
                }.into_any(),
                (Some(c), true) => genuine(l, c, v.current, v.fingerprint.clone()).into_any(),
            },
        }}
        <form method="get" action="/verify" class="check-form">
            <div class="field">
                <label for="number">{l.t("证明编号", "Certificate number")}</label>
                <input id="number" name="number" type="text" autocomplete="off" data-testid="verify-number" />
            </div>
            <button type="submit" class="button primary" data-testid="verify-submit">{l.t("查验", "Check")}</button>
        </form>
    }
}

fn genuine(
    l: types::i18n::Locale,
    c: Certificate,
    current: bool,
    fingerprint: String,
) -> impl IntoView {
    view! {
        <div class="notice" role="status" data-testid="verify-genuine">
            <h2>{l.t("真实有效：本证明由东西湖区志愿服务记录系统出具，内容未被改动", "Genuine: issued by the Dongxihu volunteer record system and unchanged")}</h2>
        </div>
        {(!current).then(|| view! {
            <p class="hint" data-testid="verify-updated">{l.t("提示：此证明出具后，该志愿者的服务记录有更新（例如更正或新的服务）。下面是出具时的内容。", "Note: the volunteer's record has changed since this was issued (a correction or more service). Below is what it stated when issued.")}</p>
        })}
        <dl class="street-card" data-testid="verify-content">
            <dt>{l.t("证明编号", "Number")}</dt><dd>{c.number.clone()}</dd>
            <dt>{l.t("志愿者", "Volunteer")}</dt><dd data-testid="verify-name">{c.name_masked.clone()}</dd>
            <dt>{l.t("公民身份号码", "ID number")}</dt><dd data-testid="verify-id">{c.id_masked.clone()}</dd>
            <dt>{l.t("累计服务时长", "Total hours")}</dt><dd data-testid="verify-total">{hours(l, c.total_minutes)}</dd>
            <dt>{l.t("出具单位", "Issued by")}</dt><dd>{c.issuer.clone()}</dd>
            <dt>{l.t("出具日期", "Issued on")}</dt><dd>{c.issued_on.clone()}</dd>
            <dt>{l.t("数字指纹", "Fingerprint")}</dt><dd data-testid="verify-fingerprint">{fingerprint}</dd>
        </dl>
        <div class="table-wrap"><table class="data-table">
            <caption>{l.t("服务内容", "Service")}</caption>
            <thead><tr>
                <th scope="col">{l.t("记录单位", "Recorded by")}</th>
                <th scope="col">{l.t("服务类别", "Category")}</th>
                <th scope="col">{l.t("服务期间", "Period")}</th>
                <th scope="col">{l.t("次数", "Activities")}</th>
                <th scope="col">{l.t("时长", "Time")}</th>
            </tr></thead>
            <tbody>
                {c.lines.into_iter().map(|line| view! {
                    <tr>
                        <td>{line.organization}</td>
                        <td>{category_name(l, &line.category)}</td>
                        <td>{format!("{} – {}", line.from, line.to)}</td>
                        <td>{line.activities}</td>
                        <td>{hours(l, line.minutes)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></div>
        {(c.honour_minutes > 0).then(|| view! { <p>{l.t("其中荣誉时长：", "Of which honour hours: ")}{hours(l, c.honour_minutes)}</p> })}
    }
}
