//! A resident's sign-in and account: the sign-in pages (`signin`), "my account" (`page`), and
//! what the pages know about the visitor's sign-in: the shapes are `types::account`'s (the
//! server fills them per request); here, the browser reads them back from the page it hydrates.

pub use types::account::*;

pub mod page;
pub mod signin;

/// In the browser: reads the server's per-request facts back from `<html>` and provides them.
#[cfg(not(feature = "ssr"))]
pub fn provide_from_document() {
    use leptos::prelude::*;
    let Some(html) = document().document_element() else {
        return;
    };
    if let Some(m) = html.get_attribute(attr::SIGNED_IN) {
        let consents = Consent::decode(&html.get_attribute(attr::CONSENTS).unwrap_or_default());
        provide_context(SignedIn {
            phone_masked: m,
            consents,
        });
    }
    provide_context(SiteFlags {
        dev_outbox: html.get_attribute(attr::DEV).as_deref() == Some("1"),
    });
    if let Some(field) = html.get_attribute(attr::ERROR_FIELD) {
        provide_context(PostedError {
            field,
            zh: html.get_attribute(attr::ERROR_ZH).unwrap_or_default(),
            en: html.get_attribute(attr::ERROR_EN).unwrap_or_default(),
        });
    }
}

#[cfg(feature = "ssr")]
pub fn provide_from_document() {}

/// In the browser: the staff sign-in the server rendered with.
#[cfg(not(feature = "ssr"))]
pub fn provide_staff_from_document() {
    use leptos::prelude::*;
    let Some(html) = document().document_element() else {
        return;
    };
    if let (Some(display_name), Some(role)) = (
        html.get_attribute(staff_attr::NAME),
        html.get_attribute(staff_attr::ROLE)
            .and_then(|r| Role::from_code(&r)),
    ) {
        provide_context(StaffSignedIn { display_name, role });
    }
}

#[cfg(feature = "ssr")]
pub fn provide_staff_from_document() {}

/// In the browser: the kiosk device the server rendered with.
#[cfg(not(feature = "ssr"))]
pub fn provide_device() {
    use leptos::prelude::*;
    let Some(html) = document().document_element() else {
        return;
    };
    if let (Some(name), Some(street_code)) = (
        html.get_attribute(kiosk_attr::NAME),
        html.get_attribute(kiosk_attr::STREET),
    ) {
        provide_context(KioskDevice { name, street_code });
    }
}

#[cfg(feature = "ssr")]
pub fn provide_device() {}
