//! 审计日志 (auditors, system admins): browse and filter the append-only log and see whether
//! its hash chain is intact.

use crate::prefs::use_locale;
use crate::staff::gate::gate;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AuditPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t("审计日志", "Audit log") />
        <nav class="breadcrumb" aria-label=l.t("位置", "Breadcrumb")>
            <a href="/staff" rel="external">{l.t("工作人员入口", "Staff entry")}</a>
        </nav>
        <h1>{l.t("审计日志", "Audit log")}</h1>
        {match gate::<types::staff::AuditPage>(l) {
            Err(v) => v,
            Ok(types::staff::AuditPage { lines, actor, action, entries, first_broken, older }) => {
                let chain = match first_broken {
                    None => match l {
                        types::i18n::Locale::Zh => format!("哈希链完整：共 {entries} 条记录，未发现改动。"),
                        types::i18n::Locale::En => format!("Hash chain intact: {entries} entries, none altered."),
                    },
                    Some(id) => match l {
                        types::i18n::Locale::Zh => format!("哈希链断裂：第 {id} 号记录被改动过！"),
                        types::i18n::Locale::En => format!("Hash chain broken: entry {id} was altered!"),
                    },
                };
                let older_href = older.map(|id| {
                    let q = filter_query(&actor, &action);
                    format!("/staff/audit?before={id}{q}")
                });
                view! {
                    <p class=if first_broken.is_some() { "error-summary" } else { "notice" } data-testid="chain-state">{chain}</p>
                    <form method="get" action="/staff/audit" class="filter-form">
                        <div class="field">
                            <label for="actor">{l.t("操作者（如 staff:…）", "Actor (e.g. staff:…)")}</label>
                            <input id="actor" name="actor" type="text" value=actor.clone() data-testid="filter-actor" />
                        </div>
                        <div class="field">
                            <label for="action">{l.t("操作（如 staff.sign_in）", "Action (e.g. staff.sign_in)")}</label>
                            <input id="action" name="action" type="text" value=action.clone() data-testid="filter-action" />
                        </div>
                        <button type="submit" class="button primary" data-testid="filter">{l.t("筛选", "Filter")}</button>
                    </form>
                    <div class="table-wrap" tabindex="0" role="region" aria-label=l.t("审计记录表", "Audit entries")>
                        <table class="audit" data-testid="audit-table">
                            <thead><tr>
                                <th scope="col">"#"</th>
                                <th scope="col">{l.t("时间", "When")}</th>
                                <th scope="col">{l.t("操作者", "Actor")}</th>
                                <th scope="col">{l.t("操作", "Action")}</th>
                                <th scope="col">{l.t("对象", "Target")}</th>
                                <th scope="col">{l.t("结果", "Outcome")}</th>
                            </tr></thead>
                            <tbody>
                                {lines.into_iter().map(|a| view! {
                                    <tr data-testid="audit-row">
                                        <td>{a.id}</td><td>{a.at}</td><td>{a.actor}</td>
                                        <td data-testid="audit-action">{a.action}</td><td>{a.target}</td><td>{a.outcome}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {older_href.map(|h| view! { <p><a href=h rel="external" data-testid="older">{l.t("更早的记录", "Older entries")}</a></p> })}
                }.into_any()
            }
        }}
    }
}

/// `&actor=…&action=…` for the filters in use.
fn filter_query(actor: &str, action: &str) -> String {
    let enc = |v: &str| -> String {
        v.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let mut q = String::new();
    if !actor.is_empty() {
        q.push_str(&format!("&actor={}", enc(actor)));
    }
    if !action.is_empty() {
        q.push_str(&format!("&action={}", enc(action)));
    }
    q
}
