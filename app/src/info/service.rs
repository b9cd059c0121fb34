//! One resident service: what it is, what to bring, where to go.

use super::catalog;
use crate::components::not_found::NotFound;
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ServicePage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let Some(s) = catalog::find(&id) else {
        return view! { <NotFound /> }.into_any();
    };
    view! {
        <Title text=s.title(l) />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/">{l.t("首页", "Home")}</a>
        </nav>
        <h1>{s.title(l)}</h1>
        <p class="lead">{s.summary(l)}</p>
        <ul class="details">
            {s.details.iter().map(|d| view! { <li>{l.t(d.0, d.1)}</li> }).collect_view()}
        </ul>
        {(s.id == "volunteer").then(|| view! {
            <p><a class="button primary" href="/volunteer" rel="external" data-testid="open-timebank">{l.t("进入志愿时间银行", "Open the time bank")}</a></p>
            <p class="page-links"><a href="/timebank/totals" rel="external" data-testid="service-totals-link">{l.t("全区志愿服务统计", "District totals")}</a></p>
        })}
        {(s.id == "funeral").then(|| view! {
            <p><a class="button primary" href="/funeral" rel="external" data-testid="open-funeral">{l.t("网上申请丧葬补贴", "Claim the funeral subsidy online")}</a></p>
        })}
        {(s.id == "check").then(|| view! {
            <p><a class="button primary" href="/check" data-testid="start-check">{l.t("开始自测", "Start the check")}</a></p>
        })}
        <h2>{l.t("需要带的材料", "What to bring")}</h2>
        <ul class="checklist">
            {s.bring.iter().map(|d| view! { <li>{l.t(d.0, d.1)}</li> }).collect_view()}
        </ul>
        <h2>{l.t("到哪里办", "Where to go")}</h2>
        <p>
            {l.t(
                "到户籍所在街道的政务服务中心（一门受理）。网上办理随各项服务陆续开放。",
                "Go to the service centre of the street where your household is registered (one-window service). Online handling opens service by service.",
            )}
        </p>
    }
    .into_any()
}
