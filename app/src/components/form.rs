//! Form fields for forms posted to the server: a label, the control, an optional hint and the
//! server's message when this field was wrong (`PostedError`), wired with `aria-invalid` and
//! `aria-describedby`. What was typed comes back through [`FormDraft`] when the server shows the
//! form again (server side only; the hydrating browser keeps what the server rendered).

use crate::account::PostedError;
use leptos::prelude::*;
use types::cases::Choice;
use types::i18n::Locale;

/// The fields of a form as posted, handed back to re-render it after a refusal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormDraft(pub Vec<(String, String)>);

impl FormDraft {
    pub fn value(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn has(&self, name: &str, value: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && v == value)
    }
}

/// What was typed in `name`, if the form came back.
pub fn drafted(name: &str) -> String {
    use_context::<FormDraft>()
        .map(|d| d.value(name))
        .unwrap_or_default()
}

fn drafted_has(name: &str, value: &str) -> bool {
    use_context::<FormDraft>().is_some_and(|d| d.has(name, value))
}

/// The server's message for `id` as the paragraph under its field (`{id}-error`).
pub fn field_error(l: Locale, id: &str) -> Option<impl IntoView + use<>> {
    use_context::<PostedError>()
        .filter(|e| e.field == id)
        .map(|e| {
            view! {
                <p class="field-error" id=format!("{}-error", e.field) data-testid="field-error">
                    {l.t_owned(&e.zh, &e.en)}
                </p>
            }
        })
}

/// `aria-invalid` of the field `id`: "true" when the server refused it.
pub fn invalid(id: &str) -> &'static str {
    if use_context::<PostedError>().is_some_and(|e| e.field == id) {
        "true"
    } else {
        "false"
    }
}

/// The server's message for `id`, in the page's language.
pub fn error_of(l: Locale, id: &str) -> Option<String> {
    use_context::<PostedError>()
        .filter(|e| e.field == id)
        .map(|e| l.t_owned(&e.zh, &e.en))
}

fn described(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut parts = Vec::new();
    if error {
        parts.push(format!("{id}-error"));
    }
    if hint {
        parts.push(format!("{id}-hint"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn message(id: &str, error: Option<String>) -> impl IntoView + use<> {
    let eid = format!("{id}-error");
    error.map(|e| view! { <p class="field-error" id=eid>{e}</p> })
}

fn hint_view(id: &str, hint: Option<&'static str>) -> impl IntoView + use<> {
    let hid = format!("{id}-hint");
    hint.map(|h| view! { <p class="hint" id=hid>{h}</p> })
}

/// A text-like input (`kind`: text, tel, date, number…); `id` is also the posted name.
pub fn text_field(
    l: Locale,
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    hint: Option<&'static str>,
    max: usize,
) -> impl IntoView {
    let error = error_of(l, id);
    let invalid = if error.is_some() { "true" } else { "false" };
    let by = described(id, hint.is_some(), error.is_some());
    let inputmode = match kind {
        "tel" => Some("numeric"),
        _ => None,
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint_view(id, hint)}
            <input id=id name=id type=kind maxlength=max.to_string() value=drafted(id)
                inputmode=inputmode aria-invalid=invalid aria-describedby=by data-testid=id />
            {message(id, error)}
        </div>
    }
}

/// A drop-down of `choices`.
pub fn select_field(
    l: Locale,
    id: &'static str,
    label: &'static str,
    choices: Vec<(String, String)>,
    preset: Option<String>,
) -> impl IntoView {
    let error = error_of(l, id);
    let invalid = if error.is_some() { "true" } else { "false" };
    let by = described(id, false, error.is_some());
    let current = Some(drafted(id))
        .filter(|v| !v.is_empty())
        .or(preset)
        .unwrap_or_default();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id aria-invalid=invalid aria-describedby=by data-testid=id>
                <option value="">{l.t("请选择", "Choose")}</option>
                {choices.into_iter().map(|(value, text)| {
                    let selected = value == current;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            {message(id, error)}
        </div>
    }
}

/// `choices` of a fixed list, in the page's language.
pub fn choices_of(l: Locale, list: &[Choice]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, zh, en)| (k.to_string(), l.t(zh, en).to_string()))
        .collect()
}

/// Two big radio buttons, 是 / 否 (values `yes` / `no`).
pub fn yes_no(l: Locale, id: &'static str, legend: &'static str) -> impl IntoView {
    let error = error_of(l, id);
    let by = described(id, false, error.is_some());
    let current = drafted(id);
    view! {
        <fieldset class="field" id=id aria-describedby=by>
            <legend>{legend}</legend>
            <div class="choices">
                {[("yes", l.t("是", "Yes")), ("no", l.t("否", "No"))].into_iter().map(|(v, text)| {
                    let checked = current == v;
                    view! {
                        <label class="choice">
                            <input type="radio" name=id value=v checked=checked data-testid=format!("{id}-{v}") />
                            <span>{text}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            {message(id, error)}
        </fieldset>
    }
}

/// Checkboxes of `choices`, all posted under `id`.
pub fn checkboxes(
    l: Locale,
    id: &'static str,
    legend: &'static str,
    choices: Vec<(String, String)>,
) -> impl IntoView {
    let error = error_of(l, id);
    let by = described(id, false, error.is_some());
    view! {
        <fieldset class="field" id=id aria-describedby=by>
            <legend>{legend}</legend>
            <div class="choices">
                {choices.into_iter().map(|(value, text)| {
                    let checked = drafted_has(id, &value);
                    let testid = format!("{id}-{value}");
                    view! {
                        <label class="choice">
                            <input type="checkbox" name=id value=value checked=checked data-testid=testid />
                            <span>{text}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            {message(id, error)}
        </fieldset>
    }
}

/// A file chooser for photos and scans (JPEG, PNG or PDF); on phones it offers the camera.
pub fn file_field(
    l: Locale,
    id: &'static str,
    label: &'static str,
    required: bool,
) -> impl IntoView {
    let error = error_of(l, id);
    let invalid = if error.is_some() { "true" } else { "false" };
    let hint_id = format!("{id}-hint");
    let by = described(id, true, error.is_some());
    view! {
        <div class="field">
            <label for=id>
                {label}
                {(!required).then(|| view! { <span class="optional">{l.t("（可选）", " (optional)")}</span> })}
            </label>
            <p class="hint" id=hint_id>{l.t("照片或扫描件：JPG、PNG 或 PDF，最大 5 MB", "Photo or scan: JPG, PNG or PDF, at most 5 MB")}</p>
            <input id=id name=id type="file" accept="image/jpeg,image/png,application/pdf"
                aria-invalid=invalid aria-describedby=by data-testid=id />
            {message(id, error)}
        </div>
    }
}

/// The error summary of a form posted to the server, if any.
pub fn posted_error(
    l: types::i18n::Locale,
    title_zh: &'static str,
    title_en: &'static str,
) -> impl IntoView {
    use_context::<PostedError>().map(|e| view! {
        <div class="error-summary" id="error-summary" role="alert" tabindex="-1" data-testid="error-summary">
            <h2>{l.t(title_zh, title_en)}</h2>
            <ul><li><a href=format!("#{}", e.field)>{l.t_owned(&e.zh, &e.en)}</a></li></ul>
        </div>
    })
}
