//! What the parameter pages and the policy API show: each parameter's value in force, what is
//! scheduled, and the history of the values staff added. One set of shapes for the public list,
//! the policy administrators' desk and the API.

use policy::Unit;
use serde::{Deserialize, Serialize};

/// One dated value of a parameter, for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionLine {
    /// First day it applies, `YYYY-MM-DD`.
    pub effective: String,
    /// In the parameter's unit (money in fen).
    pub value: i64,
    pub source: String,
    pub note: Option<String>,
    /// An illustrative value, not an official figure.
    pub placeholder: bool,
}

/// A parameter: the value in force on `as_of` and the values scheduled after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParameterLine {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub unit: Unit,
    /// None when the parameter has no value yet on that day.
    pub current: Option<VersionLine>,
    /// Versions taking effect after that day, soonest first.
    pub scheduled: Vec<VersionLine>,
}

/// One value a policy administrator added: who, when, old and new.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryLine {
    pub seq: i64,
    pub parameter_id: String,
    /// The staff member's display name (never personal data of residents).
    pub who: String,
    /// When it was added, Asia/Shanghai `YYYY-MM-DD HH:MM`.
    pub at: String,
    /// From when it applies, `YYYY-MM-DD`.
    pub effective: String,
    /// The value in force on that day before this one (None when there was none).
    pub old: Option<i64>,
    pub new: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub unit: Unit,
    pub source: String,
    pub note: Option<String>,
}

/// `/policy/parameters`: every parameter as in force on `as_of` (today in Asia/Shanghai).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicParameters {
    pub as_of: String,
    pub parameters: Vec<ParameterLine>,
}

/// `/staff/policy`: the parameters, the history of added values and what the last form did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyDesk {
    pub as_of: String,
    pub parameters: Vec<ParameterLine>,
    /// Newest first.
    pub history: Vec<HistoryLine>,
    pub notice: Option<(String, String)>,
    /// What the form held when it was refused, so nothing typed is lost.
    pub draft: Option<VersionDraft>,
}

/// The add-a-value form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDraft {
    pub parameter: String,
    pub effective: String,
    pub value: String,
    pub source: String,
    pub note: String,
}

/// A value in its unit for people: money in yuan with two decimals, other units as counted.
pub fn value_text(l: crate::i18n::Locale, unit: Unit, value: i64) -> String {
    let number = if unit.is_money() {
        crate::money::yuan(value)
    } else {
        value.to_string()
    };
    match l {
        crate::i18n::Locale::Zh => format!("{number}\u{a0}{}", unit.suffix_zh()),
        crate::i18n::Locale::En => format!("{number}\u{a0}{}", unit.suffix_en()),
    }
}

/// The policy administrators' staff page: their desk.
pub const STAFF_PAGES: &[crate::account::StaffPage] = &[crate::account::StaffPage {
    path: "/staff/policy",
    roles: crate::account::POLICY_ADMINS,
    menu: Some(("政策参数管理", "Policy parameters")),
}];
