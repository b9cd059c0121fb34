//! Start screen: the four resident services and the staff entry.

use super::catalog::SERVICES;
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let l = use_locale();
    let query = RwSignal::new(use_query_map().get_untracked().get("q").unwrap_or_default());
    let shown = move || {
        SERVICES
            .iter()
            .filter(|s| s.matches(&query.get()))
            .collect::<Vec<_>>()
    };
    view! {
        <Title text="" />
        <h1>{l.t("您好，请选择要办理的事项", "Hello — what would you like to do?")}</h1>
        <form class="service-search" method="get" action="/" role="search">
            <label for="service-q">{l.t("查找服务", "Find a service")}</label>
            <div class="search-row">
                <input
                    id="service-q"
                    name="q"
                    type="search"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                    data-testid="service-search"
                />
                <button type="submit" class="button">{l.t("查找", "Search")}</button>
            </div>
        </form>
        <ul class="service-grid" data-testid="service-list">
            <For each=shown key=|s| s.id let:s>
                <li class="service-card">
                    <a href=if s.id == "check" { "/check".to_string() } else { format!("/services/{}", s.id) }>
                        <span class="service-icon" aria-hidden="true">{s.icon}</span>
                        <span class="service-title">{s.title(l)}</span>
                        <span class="service-summary">{s.summary(l)}</span>
                    </a>
                </li>
            </For>
        </ul>
        <Show when=move || shown().is_empty()>
            <p class="notice" role="status">
                {l.t("没有找到相符的服务，请换个说法，或直接到街道服务中心咨询。", "No service matches; try other words, or ask at your street service centre.")}
            </p>
        </Show>
        <p class="page-links"><a href="/cases" rel="external" data-testid="my-cases-link">{l.t("我的申请：查询办理进度", "My applications: follow their progress")}</a></p>
        <p class="page-links"><a href="/charity" rel="external" data-testid="charity-link">{l.t("慈善捐赠：网上捐款、捐赠物资、账目公开", "Charity: give money or goods, see the open ledger")}</a></p>
        <p class="page-links"><a href="/open-data" rel="external" data-testid="open-data-link">{l.t("民政数据公开：规划指标汇总数字", "Open data: the plan's indicators in figures")}</a></p>
        <p class="staff-entry">
            <a href="/staff">{l.t("工作人员入口", "Staff entry")}</a>
        </p>
    }
}
