//! The parameter families and street offices compiled into the crate. `build.rs` reads
//! `policy/parameters/*.toml` and `policy/data/streets.toml` and writes them out as the statics
//! included here.

/// One parameter as written in its family file.
pub(crate) struct RawParameter {
    pub file: &'static str,
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub unit: &'static str,
    pub history: &'static [RawVersion],
}

/// One dated value as written in its family file.
pub(crate) struct RawVersion {
    pub effective: &'static str,
    pub value: i64,
    pub source: &'static str,
    pub placeholder: bool,
    pub note: Option<&'static str>,
}

/// One street office as written in `data/streets.toml`.
pub(crate) struct RawStreet {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub address_zh: Option<&'static str>,
    pub address_en: Option<&'static str>,
    pub hours_zh: Option<&'static str>,
    pub hours_en: Option<&'static str>,
    pub phone: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));
