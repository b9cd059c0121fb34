//! A horizontal bar chart drawn as SVG on the server: one row per item, its label with every
//! value written out above the bar, so nothing depends on colour or on seeing the bars. With
//! two series the bars stack: the first solid, the second hatched with an outline, and a legend
//! names both by their pattern. Lengths are in `em` and `%`, so the text follows the page's
//! size (长辈版, kiosk) and the bars the page's width. Screen readers get a title and a
//! description listing every row; each chart is shown with its table as well.

use leptos::prelude::*;

/// One row: what is written (the item and its values) and the value of each series (None
/// draws no bar: a suppressed count).
#[derive(Clone, Debug)]
pub struct BarRow {
    pub label: String,
    pub values: Vec<Option<i64>>,
}

/// The chart. `id` prefixes the ids of its title, description and pattern (unique per page);
/// `series` names the series for the legend (none shown for one series).
pub fn bar_chart(
    id: &str,
    testid: &'static str,
    title: String,
    series: Vec<String>,
    rows: Vec<BarRow>,
    separator: &'static str,
) -> impl IntoView + use<> {
    const ROW: f32 = 2.9;
    let max = rows
        .iter()
        .map(|r| r.values.iter().map(|v| v.unwrap_or(0).max(0)).sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let desc = rows
        .iter()
        .map(|r| r.label.clone())
        .collect::<Vec<_>>()
        .join(separator);
    let (title_id, desc_id, hatch_id) = (
        format!("{id}-title"),
        format!("{id}-desc"),
        format!("{id}-hatch"),
    );
    let hatch_url = format!("url(#{hatch_id})");
    let legend = (series.len() > 1).then(|| {
        view! {
            <ul class="chart-legend">
                {series.iter().enumerate().map(|(i, name)| view! {
                    <li><span class=if i == 0 { "swatch swatch-solid" } else { "swatch swatch-hatched" }></span>{name.clone()}</li>
                }).collect_view()}
            </ul>
        }
    });
    let height = format!("{:.1}em", ROW * rows.len() as f32 + 0.4);
    let (labelledby, describedby) = (title_id.clone(), desc_id.clone());
    view! {
        {legend}
        <svg class="bar-chart" role="img" aria-labelledby=labelledby aria-describedby=describedby
            width="100%" height=height data-testid=testid>
            <title id=title_id>{title}</title>
            <desc id=desc_id>{desc}</desc>
            <defs>
                <pattern id=hatch_id patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
                    <rect class="hatch" x="0" y="0" width="3" height="8" />
                </pattern>
            </defs>
            {rows.into_iter().enumerate().map(|(i, row)| {
                let top = ROW * i as f32;
                let mut start = 0_i64;
                let bars = row.values.iter().enumerate().map(|(s, v)| {
                    let n = v.unwrap_or(0).max(0);
                    let width = if n > 0 { (n * 1000 / max).max(5) } else { 0 };
                    let x = start;
                    let width = width.min(1000 - x);
                    start += width;
                    let pct = |p: i64| format!("{}.{}%", p / 10, p % 10);
                    let class = if s == 0 { "bar" } else { "bar-alt" };
                    let fill = (s > 0).then(|| hatch_url.clone());
                    view! {
                        <rect class=class x=pct(x) y=format!("{:.2}em", top + 1.5) height="1em"
                            width=pct(width) fill=fill data-value=v.map(|n| n.to_string()) />
                    }
                }).collect_view();
                view! {
                    <text class="bar-label" x="0" y=format!("{:.2}em", top + 1.1)>{row.label}</text>
                    {bars}
                }
            }).collect_view()}
        </svg>
    }
}
