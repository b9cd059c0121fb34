//! Dated parameters: embedded defaults, look-up by date, and overrides merged by date.

pub(crate) mod embedded;
mod model;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::PolicyError;

pub use model::{DatedValue, ParamRef, ParamValue, Parameter, Unit, ValueVersion};

/// FNV-1a: parameter ids are short, trusted strings, so a simple fast hash is enough.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Index = HashMap<String, usize, BuildHasherDefault<Fnv>>;

/// All parameters with their histories. Parse once (e.g. [`ParameterSet::embedded`]) and reuse:
/// look-ups do not allocate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Parameter>", into = "Vec<Parameter>")]
pub struct ParameterSet {
    parameters: Vec<Parameter>,
    index: Index,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg(any(test, feature = "toml"))]
struct ParameterFile {
    #[serde(default)]
    parameter: Vec<Parameter>,
}

impl ParameterSet {
    /// The defaults embedded in the crate (policy/parameters/*.toml).
    ///
    /// # Panics
    /// Never in a released build: the embedded files are checked by this crate's tests.
    pub fn embedded() -> ParameterSet {
        match ParameterSet::try_embedded() {
            Ok(set) => set,
            Err(e) => panic!("embedded parameter files are invalid: {e}"),
        }
    }

    /// The embedded defaults, parsed once per process (or wasm instance) and shared.
    pub fn embedded_shared() -> &'static ParameterSet {
        static SET: std::sync::OnceLock<ParameterSet> = std::sync::OnceLock::new();
        SET.get_or_init(ParameterSet::embedded)
    }

    /// The embedded defaults, reporting a malformed file instead of panicking.
    pub fn try_embedded() -> Result<ParameterSet, PolicyError> {
        let mut all = Vec::with_capacity(embedded::RAW_PARAMETERS.len());
        for raw in embedded::RAW_PARAMETERS {
            let invalid = |message: String| PolicyError::InvalidParameterFile {
                file: raw.file.to_owned(),
                message,
            };
            let unit = Unit::from_key(raw.unit)
                .ok_or_else(|| invalid(format!("{}: unknown unit {}", raw.id, raw.unit)))?;
            let mut history = Vec::with_capacity(raw.history.len());
            for v in raw.history {
                history.push(ValueVersion {
                    effective: Date::parse(v.effective)
                        .map_err(|_| invalid(format!("{}: bad date {}", raw.id, v.effective)))?,
                    value: v.value,
                    source: v.source.into(),
                    placeholder: v.placeholder,
                    note: v.note.map(str::to_owned),
                });
            }
            all.push(Parameter {
                id: raw.id.into(),
                name_zh: raw.name_zh.to_owned(),
                name_en: raw.name_en.to_owned(),
                unit,
                history,
            });
        }
        ParameterSet::from_parameters(all)
    }

    /// Parses one family file (`[[parameter]]` tables with `[[parameter.history]]` versions).
    #[cfg(any(test, feature = "toml"))]
    pub fn parse_toml(file: &str, text: &str) -> Result<Vec<Parameter>, PolicyError> {
        toml::from_str::<ParameterFile>(text)
            .map(|f| f.parameter)
            .map_err(|e| PolicyError::InvalidParameterFile {
                file: file.to_owned(),
                message: e.message().to_owned(),
            })
    }

    /// Builds a set, checking ids are unique and each history is non-empty, has distinct dates,
    /// non-negative values and a source for every version. Histories are sorted by date.
    pub fn from_parameters(mut parameters: Vec<Parameter>) -> Result<ParameterSet, PolicyError> {
        let mut index = Index::with_capacity_and_hasher(parameters.len(), Default::default());
        for (i, p) in parameters.iter_mut().enumerate() {
            let invalid = |message: &str| PolicyError::InvalidParameter {
                id: p.id.to_string(),
                message: message.to_owned(),
            };
            if p.id.trim().is_empty() {
                return Err(invalid("empty id"));
            }
            if p.history.is_empty() {
                return Err(invalid("no values"));
            }
            p.history.sort_by_key(|v| v.effective);
            if p.history
                .windows(2)
                .any(|w| w[0].effective == w[1].effective)
            {
                return Err(invalid("two values with the same effective date"));
            }
            if p.history.iter().any(|v| v.value < 0) {
                return Err(invalid("negative value"));
            }
            if p.history.iter().any(|v| v.source.trim().is_empty()) {
                return Err(invalid("a value without a source"));
            }
            if index.insert(p.id.to_string(), i).is_some() {
                return Err(invalid("duplicate id"));
            }
        }
        Ok(ParameterSet { parameters, index })
    }

    /// All parameters, in file order.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// One parameter by id.
    pub fn get(&self, id: &str) -> Option<&Parameter> {
        self.index.get(id).map(|&i| &self.parameters[i])
    }

    /// The earliest date on which any parameter has a value.
    pub fn earliest_date(&self) -> Option<Date> {
        self.parameters
            .iter()
            .filter_map(|p| p.history.first())
            .map(|v| v.effective)
            .min()
    }

    /// The value in force on `date`: the latest version whose effective date is on or before it.
    pub fn value_at(&self, id: &str, date: Date) -> Result<ParamValue<'_>, PolicyError> {
        let p = self
            .get(id)
            .ok_or_else(|| PolicyError::UnknownParameter { id: id.to_owned() })?;
        let version = p
            .history
            .iter()
            .rev()
            .find(|v| v.effective <= date)
            .ok_or_else(|| PolicyError::NoValueOnDate {
                id: id.to_owned(),
                date,
                first_effective: p.history[0].effective,
            })?;
        Ok(ParamValue {
            id: &p.id,
            name_zh: &p.name_zh,
            name_en: &p.name_en,
            unit: p.unit,
            effective: version.effective,
            value: version.value,
            source: &version.source,
            placeholder: version.placeholder,
            note: version.note.as_deref(),
            shared_id: &p.id,
            shared_source: &version.source,
        })
    }

    /// Merges versions from outside (staff edits stored in the database) on top of the current
    /// ones. A version with the same parameter and effective date replaces the existing one;
    /// any other is inserted in date order. All or nothing: on error nothing changes.
    pub fn merge(&mut self, overrides: Vec<DatedValue>) -> Result<(), PolicyError> {
        for o in &overrides {
            let invalid = |message: &str| PolicyError::InvalidParameter {
                id: o.id.clone(),
                message: message.to_owned(),
            };
            if self.get(&o.id).is_none() {
                return Err(PolicyError::UnknownParameter { id: o.id.clone() });
            }
            if o.value < 0 {
                return Err(invalid("negative value"));
            }
            if o.source.trim().is_empty() {
                return Err(invalid("a value without a source"));
            }
        }
        for o in overrides {
            let Some(&i) = self.index.get(&o.id) else {
                continue;
            };
            let history = &mut self.parameters[i].history;
            let version = o.version();
            match history.binary_search_by_key(&o.effective, |v| v.effective) {
                Ok(pos) => history[pos] = version,
                Err(pos) => history.insert(pos, version),
            }
        }
        Ok(())
    }
}

impl TryFrom<Vec<Parameter>> for ParameterSet {
    type Error = PolicyError;
    fn try_from(parameters: Vec<Parameter>) -> Result<Self, Self::Error> {
        ParameterSet::from_parameters(parameters)
    }
}

impl From<ParameterSet> for Vec<Parameter> {
    fn from(set: ParameterSet) -> Self {
        set.parameters
    }
}

#[cfg(test)]
mod tests;
