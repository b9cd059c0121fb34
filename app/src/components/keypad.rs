//! A large on-screen number keypad for kiosks: big keys that type into one input, for people
//! who find a touch keyboard small or confusing. Plain buttons; the input still accepts typing.

use crate::prefs::use_locale;
use leptos::prelude::*;

/// Changes the target input's value by one key press.
fn press(target: &'static str, key: &'static str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(input) = document()
            .get_element_by_id(target)
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let mut value = input.value();
        let max = input.max_length();
        match key {
            "back" => {
                value.pop();
            }
            "clear" => value.clear(),
            digit if max < 0 || value.chars().count() < max as usize => value.push_str(digit),
            _ => {}
        }
        input.set_value(&value);
        let _ = input.focus();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (target, key);
}

#[component]
pub fn Keypad(target: &'static str) -> impl IntoView {
    let l = use_locale();
    let digit = move |d: &'static str| {
        view! {
            <button type="button" class="key" data-testid=format!("key-{d}") on:click=move |_| press(target, d)>{d}</button>
        }
    };
    view! {
        <div class="keypad" role="group" aria-label=l.t("数字键盘", "Number keypad") data-testid="keypad">
            {["1", "2", "3", "4", "5", "6", "7", "8", "9"].map(digit).collect_view()}
            <button type="button" class="key key-word" data-testid="key-clear" on:click=move |_| press(target, "clear")>
                {l.t("清空", "Clear")}
            </button>
            {digit("0")}
            <button type="button" class="key key-word" data-testid="key-back" on:click=move |_| press(target, "back")>
                {l.t("删除", "Delete")}
            </button>
        </div>
    }
}
