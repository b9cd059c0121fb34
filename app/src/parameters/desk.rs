//! 政策参数管理 for policy administrators: every parameter with its value today and what is
//! scheduled, a form to add a new dated value (with its source), and the history of the values
//! added (who, when, old and new). A plain HTML form posted to the server: works without
//! JavaScript; a refusal changes nothing and says why in Chinese and English.

use super::public::parameters_table;
use crate::components::form::posted_error;
use crate::components::form::{field_error, invalid};
use crate::prefs::use_locale;
use crate::staff::gate::gate;
use leptos::prelude::*;
use leptos_meta::Title;
use types::i18n::Locale;
use types::parameters::{HistoryLine, ParameterLine, PolicyDesk, VersionDraft, value_text};

/// The form's fields are named `pv-{field}` in ids, so a refusal lands at its field.
const PREFIX: &str = "pv-";

#[component]
pub fn PolicyDeskPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("政策参数管理", "Policy parameters administration") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>
        </nav>
        <h1>{l.t("政策参数管理", "Policy parameters administration")}</h1>
        {match gate::<types::parameters::PolicyDesk>(l) {
            Err(v) => v,
            Ok(d) => desk(l, d).into_any(),
        }}
    }
}

fn desk(l: Locale, d: PolicyDesk) -> impl IntoView {
    let PolicyDesk {
        as_of,
        parameters,
        history,
        notice,
        draft,
    } = d;
    view! {
        {notice.map(|(zh, en)| view! { <p class="notice" role="status" data-testid="notice">{l.t_owned(&zh, &en)}</p> })}
        {posted_error(l, "未能添加，没有做任何更改", "Not added; nothing was changed")}
        <nav aria-label=l.t("本页内容", "On this page")>
            <ul class="page-links">
                <li><a href="#new-version">{l.t("添加新标准", "Add a value")}</a></li>
                <li><a href="#in-force">{l.t("现行标准", "In force")}</a></li>
                <li><a href="#history">{l.t("修改记录", "History")}</a></li>
                <li><a href="/policy/parameters" rel="external">{l.t("公开的参数页", "The public list")}</a></li>
            </ul>
        </nav>
        {form(l, &parameters, draft.unwrap_or_default()).into_any()}
        <h2 id="in-force">
            {match l {
                Locale::Zh => format!("现行标准（截至 {as_of}）"),
                Locale::En => format!("In force (as of {as_of})"),
            }}
        </h2>
        <div class="table-wrap wide-table" tabindex="0" role="region" aria-label=l.t("现行标准", "In force")>
            {parameters_table(l, &parameters)}
        </div>
        {history_view(l, history).into_any()}
    }
}

fn form(l: Locale, parameters: &[ParameterLine], draft: VersionDraft) -> impl IntoView + use<> {
    let id = |f: &str| format!("{PREFIX}{f}");
    let options = parameters
        .iter()
        .map(|p| {
            let unit = if p.unit.is_money() {
                l.t("元", "yuan").to_string()
            } else {
                l.t_owned(p.unit.suffix_zh(), p.unit.suffix_en())
            };
            let label = format!("{}（{}，{unit}）", l.t_owned(&p.name_zh, &p.name_en), p.id);
            view! { <option value=p.id.clone() selected=draft.parameter == p.id>{label}</option> }
        })
        .collect_view();
    view! {
        <h2 id="new-version">{l.t("添加新标准", "Add a new value")}</h2>
        <p>
            {l.t(
                "新标准自生效日起用于自测、接口和各项服务；生效日期必须晚于现行标准的生效日期，可以是将来的日期（排定）。已添加的标准不能修改或删除，如有错误请再添加一个更晚的标准。",
                "A new value applies to the check, the API and the services from its effective date, which must be after the current value's and may be in the future (scheduled). Added values cannot be edited or deleted: to correct one, add a later value.",
            )}
        </p>
        <form method="post" action="/staff/policy/versions" class="check-form" novalidate data-testid="version-form">
            <div class="field">
                <label for=id("parameter")>{l.t("参数", "Parameter")}</label>
                {field_error(l, &id("parameter"))}
                <select id=id("parameter") name="parameter" data-testid="pv-parameter" aria-invalid=invalid(&id("parameter"))>
                    <option value="">{l.t("请选择", "Choose one")}</option>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for=id("effective")>{l.t("生效日期", "Effective date")}</label>
                {field_error(l, &id("effective"))}
                <input id=id("effective") name="effective" type="date" value=draft.effective.clone()
                    data-testid="pv-effective" aria-invalid=invalid(&id("effective")) />
            </div>
            <div class="field">
                <label for=id("value")>{l.t("新标准（金额按元填写，如 980 或 980.50；其他按参数单位填写整数）", "New value (money in yuan, e.g. 980 or 980.50; otherwise a whole number in the parameter's unit)")}</label>
                {field_error(l, &id("value"))}
                <input id=id("value") name="value" type="text" inputmode="decimal" value=draft.value.clone()
                    data-testid="pv-value" aria-invalid=invalid(&id("value")) />
            </div>
            <div class="field">
                <label for=id("source")>{l.t("依据（文件名称、文号或报道及日期，必填）", "Source (notice, its number or report, with its date; required)")}</label>
                {field_error(l, &id("source"))}
                <input id=id("source") name="source" type="text" value=draft.source.clone()
                    data-testid="pv-source" aria-invalid=invalid(&id("source")) />
            </div>
            <div class="field">
                <label for=id("note")>{l.t("备注（可不填）", "Note (optional)")}</label>
                {field_error(l, &id("note"))}
                <input id=id("note") name="note" type="text" value=draft.note.clone()
                    data-testid="pv-note" aria-invalid=invalid(&id("note")) />
            </div>
            <div class="nav-buttons">
                <button type="submit" class="button primary" data-testid="pv-submit">{l.t("添加", "Add")}</button>
            </div>
        </form>
    }
}

fn history_view(l: Locale, history: Vec<HistoryLine>) -> impl IntoView {
    let empty = history.is_empty();
    let rows = history
        .into_iter()
        .map(|h| {
            let old = h
                .old
                .map(|v| value_text(l, h.unit, v))
                .unwrap_or_else(|| l.t("无", "none").to_string());
            let id = h.parameter_id.clone();
            view! {
                <tr data-testid="history-row" data-id=id>
                    <td>{h.at}</td>
                    <td>{h.who}</td>
                    <th scope="row">{h.parameter_id}</th>
                    <td>{h.effective}</td>
                    <td>{old}" → "<strong>{value_text(l, h.unit, h.new)}</strong></td>
                    <td>{h.source}{h.note.map(|n| view! { <br /><small>{n}</small> })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="history">{l.t("修改记录", "History")}</h2>
        {empty.then(|| view! { <p>{l.t("还没有添加过标准，以上均为系统内置的标准。", "No value added yet: the values above are the built-in ones.")}</p> })}
        <div class="table-wrap wide-table" tabindex="0" role="region" aria-label=l.t("修改记录", "History")>
            <table class="data-table" data-testid="history">
                <caption>{l.t("添加的标准（最新在前）", "Values added (newest first)")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{l.t("添加时间", "Added")}</th>
                        <th scope="col">{l.t("添加人", "By")}</th>
                        <th scope="col">{l.t("参数", "Parameter")}</th>
                        <th scope="col">{l.t("生效日期", "Effective")}</th>
                        <th scope="col">{l.t("原标准 → 新标准", "Old → new")}</th>
                        <th scope="col">{l.t("依据与备注", "Source and note")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
