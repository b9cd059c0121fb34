//! Display preferences decided on the server (cookies) and rendered into `<html>`, so that the
//! hydrating browser reads exactly what the server used and hydration never mismatches.

use leptos::prelude::*;
use types::i18n::Locale;

/// Kiosk timing, given by the server's configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KioskTiming {
    pub idle_seconds: u32,
    pub warn_seconds: u32,
}

impl Default for KioskTiming {
    fn default() -> Self {
        KioskTiming {
            idle_seconds: 90,
            warn_seconds: 30,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Prefs {
    pub locale: Locale,
    /// 长辈版: large text and targets.
    pub large: bool,
    pub contrast: bool,
    /// This browser is a street-centre kiosk.
    pub kiosk: bool,
    pub timing: KioskTiming,
}

/// Cookie names, shared with the server's preference and kiosk handlers.
pub mod cookie {
    pub const LANG: &str = "lang";
    pub const LARGE: &str = "large";
    pub const CONTRAST: &str = "contrast";
    pub const KIOSK: &str = "kiosk";
}

impl Prefs {
    /// Reads preferences from a `Cookie:` header value.
    pub fn from_cookie_header(header: &str, timing: KioskTiming) -> Prefs {
        let mut p = Prefs {
            timing,
            ..Prefs::default()
        };
        for pair in header.split(';') {
            let (k, v) = pair.trim().split_once('=').unwrap_or((pair.trim(), ""));
            match k {
                cookie::LANG => p.locale = Locale::from_tag(v),
                cookie::LARGE => p.large = v == "1",
                cookie::CONTRAST => p.contrast = v == "1",
                cookie::KIOSK => p.kiosk = v == "1",
                _ => {}
            }
        }
        p
    }

    /// Classes on `<html>`; the stylesheet keys its themes off them.
    pub fn html_class(&self) -> String {
        let mut c = Vec::new();
        if self.large || self.kiosk {
            c.push("large");
        }
        if self.contrast {
            c.push("contrast");
        }
        if self.kiosk {
            c.push("kiosk");
        }
        c.join(" ")
    }

    /// The preferences this page was rendered with.
    #[cfg(feature = "ssr")]
    pub fn for_request() -> Prefs {
        let timing = use_context::<KioskTiming>().unwrap_or_default();
        let header = use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        Prefs::from_cookie_header(&header, timing)
    }

    /// The preferences the server rendered, read back from `<html>` attributes.
    #[cfg(not(feature = "ssr"))]
    pub fn for_request() -> Prefs {
        let Some(html) = document().document_element() else {
            return Prefs::default();
        };
        let attr = |name: &str| html.get_attribute(name).unwrap_or_default();
        let num = |name: &str, d: u32| attr(name).parse().unwrap_or(d);
        let class = attr("class");
        let has = |c: &str| class.split_whitespace().any(|x| x == c);
        Prefs {
            locale: Locale::from_tag(&attr("lang")),
            large: attr("data-large") == "1",
            contrast: has("contrast"),
            kiosk: has("kiosk"),
            timing: KioskTiming {
                idle_seconds: num("data-idle", 90),
                warn_seconds: num("data-warn", 30),
            },
        }
    }
}

/// The preferences of the page being rendered.
pub fn use_prefs() -> Prefs {
    use_context::<Prefs>().unwrap_or_default()
}

pub fn use_locale() -> Locale {
    use_prefs().locale
}
