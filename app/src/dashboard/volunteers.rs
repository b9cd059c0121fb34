//! The time bank's indicators: volunteers, hours and activities, per month and per street.

use super::*;
use crate::timebank::totals::{monthly_chart, progress_label, progress_percent};

pub(super) fn volunteers(l: Locale, d: &Dashboard) -> impl IntoView + use<> {
    let t = d.volunteers.clone();
    let share = percent_text(t.share_ppm);
    let permille = t.progress_permille();
    let progress = progress_percent(&t);
    let progress_label = progress_label(l, &t);
    view! {
        <section aria-labelledby="volunteers-heading">
            <h2 id="volunteers-heading">{l.t("注册志愿者占常住人口", "Registered volunteers as a share of residents")}</h2>
            <dl class="figures" data-testid="volunteer-figures">
                <div>
                    <dt>{l.t("注册志愿者", "Registered volunteers")}</dt>
                    <dd data-testid="volunteers">{grouped(t.volunteers)}{l.t(" 人", "")}</dd>
                </div>
                <div>
                    <dt>{l.t("全区常住人口", "Resident population")}</dt>
                    <dd data-testid="population">{grouped(t.population)}{l.t(" 人", "")}</dd>
                </div>
                <div>
                    <dt>{l.t("志愿者占常住人口", "Volunteers as a share of residents")}</dt>
                    <dd data-testid="share">{format!("{share}%")}</dd>
                </div>
                <div>
                    <dt>{l.t("“十四五”目标", "Plan target")}</dt>
                    <dd data-testid="target">{format!("{}%", t.target_percent)}</dd>
                </div>
            </dl>
            <label for="share-progress" class="progress-label">{progress_label}</label>
            <progress id="share-progress" class="share-progress" max="1000" value=permille.to_string() data-testid="share-progress">
                {format!("{progress}%")}
            </progress>
            <div class="sources" data-testid="population-source">
                <p>
                    {match l {
                        Locale::Zh => format!("常住人口自 {} 起取 {} 人。来源：{}", t.population_effective, grouped(t.population), t.population_source),
                        Locale::En => format!("Population {} from {}. Source: {}", grouped(t.population), t.population_effective, t.population_source),
                    }}
                    {t.population_note.clone().map(|n| format!("{}{n}{}", l.t("（", " ("), l.t("）", ")")))}
                </p>
                <p>{l.t("来源：占比目标 — ", "Source: target — ")}{t.target_source.clone()}</p>
                {d.public.then(|| view! {
                    <p>{l.t(
                        "志愿者人数和服务时长已在“全区志愿服务统计”页公开，按实数显示。",
                        "Volunteer numbers and hours are published as they are on the district volunteering totals page.",
                    )}</p>
                })}
            </div>
            <h2 id="hours-heading">{match l {
                Locale::Zh => format!("{} 年志愿服务时长：{}", t.year, hours_text(l, t.minutes)),
                Locale::En => format!("Volunteer hours in {}: {}", t.year, hours_text(l, t.minutes)),
            }}</h2>
            {monthly_chart(l, &t.monthly_minutes, "hours-chart", "hours-chart")}
            {crate::timebank::totals::monthly_table(l, &t.monthly_minutes, "hours-table")}
        </section>
    }
}
