use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let l = use_locale();
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=l.t("页面不存在", "Page not found") />
        <h1>{l.t("没有找到这个页面", "We could not find this page")}</h1>
        <p>
            <a class="button primary" href="/">{l.t("回到首页", "Back to the start")}</a>
        </p>
    }
}
