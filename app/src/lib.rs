//! The Leptos UI: pages per flow, shared components, preferences and languages.
//! Built with `ssr` into the server and with `hydrate` into the browser's WebAssembly.

pub mod catalog;
pub mod check;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod prefs;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title, provide_meta_context};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};
use prefs::Prefs;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let prefs = Prefs::for_request();
    view! {
        <!DOCTYPE html>
        <html
            lang=prefs.locale.tag()
            class=prefs.html_class()
            data-large=if prefs.large { "1" } else { "0" }
            data-idle=prefs.timing.idle_seconds.to_string()
            data-warn=prefs.timing.warn_seconds.to_string()
        >
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HydrationScripts options />
                <link rel="manifest" href="/manifest.webmanifest" />
                <script src="/pwa.js" defer></script>
                <leptos_meta::MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let prefs = Prefs::for_request();
    provide_context(prefs);
    let l = prefs.locale;
    view! {
        <Link rel="stylesheet" href="/pkg/dongxihu.css" />
        <Link rel="icon" href="/favicon.svg" />
        <Meta name="description" content=l.t("东西湖区民政自助服务", "Dongxihu civil-affairs self-service") />
        <Title formatter=move |page: String| {
            if page.is_empty() {
                l.t("东西湖民政自助服务", "Dongxihu Civil Affairs Self-Service").to_string()
            } else {
                format!("{page} · {}", l.t("东西湖民政", "Dongxihu Civil Affairs"))
            }
        } />
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage />
                    <Route path=path!("/services/:id") view=pages::service::ServicePage />
                    <Route path=path!("/staff") view=pages::staff::StaffPage />
                    <Route path=path!("/check") view=check::page::CheckPage />
                </Routes>
            </Layout>
        </Router>
    }
}
