//! The Leptos UI: a folder per feature (its pages), shared components, preferences and languages,
//! every page's route (`routes`) and the page data reader (`page_data`).
//! Built with `ssr` into the server and with `hydrate` into the browser's WebAssembly.

pub mod account;
pub mod audit;
pub mod cases;
pub mod charity;
pub mod check;
pub mod components;
pub mod dashboard;
pub mod info;
pub mod kiosks;
pub mod page_data;
pub mod parameters;
pub mod prefs;
pub mod routes;
pub mod staff;
pub mod timebank;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title, provide_meta_context};
use leptos_router::components::Router;
use prefs::Prefs;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let prefs = Prefs::for_request();
    let signed_in = use_context::<account::SignedIn>();
    let consents = signed_in
        .as_ref()
        .map(|s| account::Consent::encode(&s.consents));
    let signed_in = signed_in.map(|s| s.phone_masked);
    let dev = use_context::<account::SiteFlags>()
        .unwrap_or_default()
        .dev_outbox;
    let error = use_context::<account::PostedError>();
    let staff = use_context::<account::StaffSignedIn>();
    let kiosk = use_context::<account::KioskDevice>();
    let page_data = use_context::<types::page_data::PageData>();
    let param_versions = use_context::<check::CurrentParameters>()
        .filter(|c| !c.added.is_empty())
        .map(|c| c.added_json());
    view! {
        <!DOCTYPE html>
        <html
            lang=prefs.locale.tag()
            class=prefs.html_class()
            data-large=if prefs.large { "1" } else { "0" }
            data-idle=prefs.timing.idle_seconds.to_string()
            data-warn=prefs.timing.warn_seconds.to_string()
            data-signed-in=signed_in
            data-consents=consents
            data-dev=if dev { "1" } else { "0" }
            data-error-field=error.as_ref().map(|e| e.field.clone())
            data-error-zh=error.as_ref().map(|e| e.zh.clone())
            data-error-en=error.map(|e| e.en)
            data-staff-name=staff.as_ref().map(|s| s.display_name.clone())
            data-staff-role=staff.map(|s| s.role.as_str())
            data-kiosk-name=kiosk.as_ref().map(|k| k.name.clone())
            data-kiosk-street=kiosk.map(|k| k.street_code)
        >
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HydrationScripts options />
                <link rel="manifest" href="/manifest.webmanifest" />
                <script src="/pwa.js" defer></script>
                <leptos_meta::MetaTags />
                {page_data.map(|data| view! {
                    <script type="application/json" id=types::page_data::PAGE_DATA_ID inner_html=data.to_json().to_string()></script>
                })}
                {param_versions.map(|json| view! {
                    <script type="application/json" id=check::PARAM_VERSIONS_ID inner_html=json></script>
                })}
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
    account::provide_from_document();
    account::provide_staff_from_document();
    account::provide_device();
    page_data::provide_from_document();
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
                <routes::PageRoutes />
            </Layout>
        </Router>
    }
}
