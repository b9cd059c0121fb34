//! "Continue on my phone": a QR code of this page with the answers in the URL fragment (after
//! `#`), which browsers never send to a server. Drawn in the browser only.

use crate::prefs::use_locale;
use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// An SVG path of the dark modules, one unit per module, with a 4-module quiet zone.
pub fn qr_svg_path(text: &str) -> Option<(i32, String)> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = qr.size();
    let mut d = String::new();
    for y in 0..n {
        for x in 0..n {
            if qr.get_module(x, y) {
                d.push_str(&format!("M{},{}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    Some((n + 8, d))
}

#[component]
pub fn Handoff(path: String) -> impl IntoView {
    let l = use_locale();
    let qr = RwSignal::new(None::<(i32, String)>);
    let p = path.clone();
    Effect::new(move |_| {
        let origin = window().location().origin().unwrap_or_default();
        qr.set(qr_svg_path(&format!("{origin}{p}")));
    });
    view! {
        <section class="handoff">
            <h2>{l.t("在手机上继续", "Continue on my phone")}</h2>
            <p>
                {l.t(
                    "用手机扫描二维码，结果就会出现在您的手机上。答案只在二维码里，不经过服务器。",
                    "Scan the code with your phone to take these results with you. The answers are only in the code, never sent to the server.",
                )}
            </p>
            {move || qr.get().map(|(size, d)| view! {
                <svg class="qr" data-testid="handoff-qr" role="img" viewBox=format!("0 0 {size} {size}")
                    aria-label=l.t("结果二维码", "QR code of the results") data-url=format!("{path}")>
                    <rect width=size.to_string() height=size.to_string() fill="#ffffff" />
                    <path d=d fill="#000000" />
                </svg>
            })}
            <p class="print-row">
                <button type="button" class="button" on:click=move |_| print_page() data-testid="print">
                    {l.t("打印结果", "Print the results")}
                </button>
            </p>
        </section>
    }
}

fn print_page() {
    #[cfg(feature = "hydrate")]
    let _ = window().print();
}
