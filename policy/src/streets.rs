//! The 12 street offices of Dongxihu District (data in `policy/data/streets.toml`).
//! Addresses, opening hours and phone numbers are placeholders until the bureau supplies them.

use serde::{Deserialize, Serialize};

use crate::text::PLACEHOLDER_NOTICE;

/// A street office (街道办事处) where residents apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreetOffice {
    /// Stable identifier (pinyin), e.g. `wujiashan`.
    pub id: String,
    /// Chinese name, e.g. 吴家山街道.
    pub name_zh: String,
    /// English name (pinyin), e.g. Wujiashan Subdistrict.
    pub name_en: String,
    /// Address in Chinese.
    pub address_zh: String,
    /// Address in English.
    pub address_en: String,
    /// Opening hours in Chinese.
    pub hours_zh: String,
    /// Opening hours in English.
    pub hours_en: String,
    /// Telephone number.
    pub phone: String,
    /// True while address, hours and phone are placeholders.
    pub placeholder: bool,
}

/// All 12 street offices, in the order of the data file.
///
pub fn street_offices() -> Vec<StreetOffice> {
    crate::params::embedded::RAW_STREETS
        .iter()
        .map(|e| {
            let placeholder = e.address_zh.is_none() || e.hours_zh.is_none() || e.phone.is_none();
            let note_zh = PLACEHOLDER_NOTICE.zh.to_string();
            let note_en = PLACEHOLDER_NOTICE.en.to_string();
            StreetOffice {
                address_zh: e
                    .address_zh
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("武汉市东西湖区{}（地址{note_zh}）", e.name_zh)),
                address_en: e.address_en.map(str::to_owned).unwrap_or_else(|| {
                    format!("{}, Dongxihu District, Wuhan ({note_en})", e.name_en)
                }),
                hours_zh: e
                    .hours_zh
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("工作日办公（{note_zh}）")),
                hours_en: e
                    .hours_en
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("Working days ({note_en})")),
                phone: e
                    .phone
                    .map(str::to_owned)
                    .unwrap_or_else(|| "以街道公布为准 / to be published".to_owned()),
                placeholder,
                id: e.id.to_owned(),
                name_zh: e.name_zh.to_owned(),
                name_en: e.name_en.to_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_twelve_streets_with_placeholders_marked() {
        let streets = street_offices();
        assert_eq!(streets.len(), 12);
        let names: Vec<&str> = streets.iter().map(|s| s.name_zh.as_str()).collect();
        for expected in [
            "吴家山街道",
            "将军路街道",
            "慈惠街道",
            "走马岭街道",
            "径河街道",
            "长青街道",
            "辛安渡街道",
            "东山街道",
            "新沟镇街道",
            "柏泉街道",
            "金银湖街道",
            "常青花园新区街道",
        ] {
            assert!(names.contains(&expected), "{expected}");
        }
        assert!(
            streets
                .iter()
                .all(|s| s.placeholder && s.address_zh.contains("示例值"))
        );
        let mut ids: Vec<&str> = streets.iter().map(|s| s.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 12);
    }
}
