//! 政策参数, public: every parameter the check and the services use, with the value in force
//! today, the values scheduled to take effect later, and their sources. The server computes the
//! list (the same set the check uses); works without JavaScript.

use crate::page_data::page_data;
use crate::prefs::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use types::i18n::Locale;
use types::parameters::{ParameterLine, PublicParameters, VersionLine, value_text};

#[component]
pub fn ParametersPage() -> impl IntoView {
    let l = use_locale();
    let data = page_data::<types::parameters::PublicParameters>();
    view! {
        <Title text=l.t("政策参数", "Policy parameters") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/">{l.t("首页", "Home")}</a>
        </nav>
        <h1>{l.t("政策参数", "Policy parameters")}</h1>
        {match data {
            Some(p) => list(l, p).into_any(),
            None => view! {
                <p class="notice" role="status">{l.t("参数暂时无法显示，请稍后刷新。", "The parameters cannot be shown just now; please reload shortly.")}</p>
            }.into_any(),
        }}
    }
}

fn list(l: Locale, p: PublicParameters) -> impl IntoView {
    view! {
        <p class="lead">
            {match l {
                Locale::Zh => format!("自测和各项服务使用的标准，截至 {}。标为“已排定”的新标准自其生效日起使用。", p.as_of),
                Locale::En => format!("The standards the check and the services use, as of {}. Values marked “scheduled” apply from their date.", p.as_of),
            }}
        </p>
        <div class="table-wrap wide-table" tabindex="0" role="region" aria-label=l.t("政策参数", "Policy parameters")>
            {parameters_table(l, &p.parameters)}
        </div>
    }
}

/// The parameters with their value in force and what is scheduled (also on the staff desk).
pub fn parameters_table(l: Locale, lines: &[ParameterLine]) -> impl IntoView + use<> {
    let rows = lines
        .iter()
        .map(|p| {
            let name = l.t_owned(&p.name_zh, &p.name_en);
            let unit = p.unit;
            let current = p.current.as_ref().map(|v| version_cell(l, unit, v));
            let scheduled = p
                .scheduled
                .iter()
                .map(|v| view! { <li>{l.t("已排定：", "Scheduled: ")}{version_cell(l, unit, v)}</li> })
                .collect_view();
            view! {
                <tr data-testid="param-row" data-id=p.id.clone()>
                    <th scope="row">{name}<br /><small>{p.id.clone()}</small></th>
                    <td data-testid="param-current">
                        {current.unwrap_or_else(|| view! { <span>{l.t("暂无", "None yet")}</span> }.into_any())}
                    </td>
                    <td data-testid="param-scheduled">
                        {if p.scheduled.is_empty() {
                            view! { <span>{l.t("无", "None")}</span> }.into_any()
                        } else {
                            view! { <ul class="plain-list">{scheduled}</ul> }.into_any()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table" data-testid="parameters">
            <caption>{l.t("参数、现行标准与已排定的新标准", "Parameters, the value in force and scheduled values")}</caption>
            <thead>
                <tr>
                    <th scope="col">{l.t("参数", "Parameter")}</th>
                    <th scope="col">{l.t("现行标准", "In force")}</th>
                    <th scope="col">{l.t("已排定", "Scheduled")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn version_cell(l: Locale, unit: policy::Unit, v: &VersionLine) -> AnyView {
    let from = match l {
        Locale::Zh => format!("（{} 起）", v.effective),
        Locale::En => format!(" (from {})", v.effective),
    };
    view! {
        <span>
            <strong data-testid="param-value">{value_text(l, unit, v.value)}</strong>
            {from}
            {v.placeholder.then(|| view! { <em>{l.t("（示例值，以核定为准）", " (illustrative value, to be confirmed)")}</em> })}
            <br />
            <small>{l.t("依据：", "Source: ")}{v.source.clone()}</small>
            {v.note.clone().map(|n| view! { <br /><small>{n}</small> })}
        </span>
    }
    .into_any()
}
