//! Policy administration: the parameters in force (the embedded defaults merged with the dated
//! values policy administrators added), adding a value, the history and the lists the pages and
//! the API show.
//!
//! The stored versions are append-only; this instance keeps the merged set and checks it against
//! the database's counter (`parameter_head`) through [`current`] — at most once per
//! [`FRESH_FOR_MS`], so a page view or a check costs no database round trip — so a value added on
//! another instance is used here within a second, and one added here at once.

use crate::error::ApiError;
use crate::services::staff::StaffUser;
use crate::services::{audit, shanghai_time};
use crate::state::AppState;
use crate::store::parameters::{self as store, NewVersion, VersionRow};
use crate::store::{Db, StoreError};
use app::check::CurrentParameters;
use app::policy_views::{HistoryLine, ParameterLine, VersionLine};
use policy::{Date, DatedValue, ParameterSet, Unit};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;

/// How long a check against the database's counter holds: another instance's new value is used
/// here at most this long after it was added.
pub const FRESH_FOR_MS: u64 = 1_000;

/// The longest source and note accepted (characters).
pub const MAX_SOURCE_CHARS: usize = 500;
pub const MAX_NOTE_CHARS: usize = 500;

/// The merged set this instance holds and the head counter it was built at.
pub struct Cache {
    inner: RwLock<(Option<i64>, CurrentParameters)>,
    /// When the counter was last read, in ms since `epoch` (0: never, or invalidated).
    checked_at: AtomicU64,
    epoch: Instant,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            checked_at: AtomicU64::new(0),
            epoch: Instant::now(),
            inner: RwLock::new((
                None,
                CurrentParameters {
                    set: app::check::merged(vec![]),
                    added: Arc::new(vec![]),
                },
            )),
        }
    }
}

impl Cache {
    /// The set as last loaded (the embedded one before the first load).
    pub fn cached(&self) -> Arc<ParameterSet> {
        self.read().1.set.clone()
    }

    fn now_ms(&self) -> u64 {
        // +1: a reading in the first millisecond is not "never".
        self.epoch.elapsed().as_millis() as u64 + 1
    }

    /// The held set if the counter was read less than [`FRESH_FOR_MS`] ago.
    fn fresh(&self) -> Option<CurrentParameters> {
        let at = self.checked_at.load(Ordering::Acquire);
        let (held, cached) = self.read();
        (at != 0 && held.is_some() && self.now_ms().saturating_sub(at) < FRESH_FOR_MS)
            .then_some(cached)
    }

    fn checked(&self) {
        self.checked_at.store(self.now_ms(), Ordering::Release);
    }

    /// The next use reads the counter again (after a value was added here).
    fn invalidate(&self) {
        self.checked_at.store(0, Ordering::Release);
    }

    fn read(&self) -> (Option<i64>, CurrentParameters) {
        match self.inner.read() {
            Ok(g) => g.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn replace(&self, head: i64, current: CurrentParameters) {
        let mut g = match self.inner.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Never go back to an older set than one another request already loaded.
        if g.0.is_none_or(|h| h <= head) {
            *g = (Some(head), current);
        }
    }
}

/// Why a new value was refused. Each says so in Chinese and English, at its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("unknown parameter")]
    UnknownParameter,
    #[error("no source")]
    NoSource,
    #[error("source too long")]
    SourceTooLong,
    #[error("note too long")]
    NoteTooLong,
    #[error("no effective date")]
    NoDate,
    #[error("bad effective date")]
    BadDate,
    #[error("effective date not after {current}")]
    NotAfterCurrent { current: Date },
    #[error("no value")]
    NoValue,
    #[error("not a number")]
    NotANumber,
    #[error("negative")]
    Negative,
    #[error("fraction of a fen")]
    FractionOfFen,
    #[error("too large")]
    TooLarge,
}

impl Refusal {
    /// The stable code written to the audit log.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::UnknownParameter => "unknown_parameter",
            Refusal::NoSource => "no_source",
            Refusal::SourceTooLong => "source_too_long",
            Refusal::NoteTooLong => "note_too_long",
            Refusal::NoDate => "no_date",
            Refusal::BadDate => "bad_date",
            Refusal::NotAfterCurrent { .. } => "not_after_current",
            Refusal::NoValue => "no_value",
            Refusal::NotANumber => "not_a_number",
            Refusal::Negative => "negative",
            Refusal::FractionOfFen => "fraction_of_fen",
            Refusal::TooLarge => "too_large",
        }
    }

    pub fn field(&self) -> &'static str {
        match self {
            Refusal::UnknownParameter => "parameter",
            Refusal::NoSource | Refusal::SourceTooLong => "source",
            Refusal::NoteTooLong => "note",
            Refusal::NoDate | Refusal::BadDate | Refusal::NotAfterCurrent { .. } => "effective",
            Refusal::NoValue
            | Refusal::NotANumber
            | Refusal::Negative
            | Refusal::FractionOfFen
            | Refusal::TooLarge => "value",
        }
    }

    /// (Chinese, English).
    pub fn message(&self) -> (String, String) {
        let (zh, en) = match self {
            Refusal::UnknownParameter => (
                "没有这个参数，请从列表中选择",
                "No such parameter: choose one from the list",
            ),
            Refusal::NoSource => (
                "请填写依据（文件名称、文号或报道及日期）",
                "Enter the source (the notice, its number or the report, with its date)",
            ),
            Refusal::SourceTooLong => (
                "依据最多 500 个字",
                "The source takes at most 500 characters",
            ),
            Refusal::NoteTooLong => ("备注最多 500 个字", "The note takes at most 500 characters"),
            Refusal::NoDate => ("请填写生效日期", "Enter the effective date"),
            Refusal::BadDate => (
                "生效日期格式不正确，请写成 2026-07-01 这样的日期",
                "The effective date is not a date: write it like 2026-07-01",
            ),
            Refusal::NotAfterCurrent { current } => {
                return (
                    format!("生效日期必须晚于现行标准的生效日期（{current}）"),
                    format!("The effective date must be after the current value's ({current})"),
                );
            }
            Refusal::NoValue => ("请填写新标准", "Enter the new value"),
            Refusal::NotANumber => (
                "新标准必须是数字（金额按元填写，如 980 或 980.50；其他为整数）",
                "The new value must be a number (money in yuan such as 980 or 980.50; otherwise a whole number)",
            ),
            Refusal::Negative => ("新标准不能为负数", "The new value cannot be negative"),
            Refusal::FractionOfFen => (
                "金额最多精确到分（小数点后两位）",
                "Amounts go to the fen at most (two decimals)",
            ),
            Refusal::TooLarge => (
                "新标准过大，请核对",
                "The new value is too large; please check it",
            ),
        };
        (zh.to_string(), en.to_string())
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> ApiError {
        let (zh, en) = r.message();
        ApiError::field(r.field(), &zh, &en)
    }
}

/// A new value as the API sends it: `value` an integer in the parameter's unit (money in fen).
pub fn value_from_json(v: &serde_json::Value) -> Result<i64, Refusal> {
    match v {
        serde_json::Value::Null => Err(Refusal::NoValue),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) if i < 0 => Err(Refusal::Negative),
            Some(i) => Ok(i),
            None if n.as_f64().is_some_and(|f| f < 0.0) => Err(Refusal::Negative),
            None if n.as_u64().is_some() => Err(Refusal::TooLarge),
            None => Err(Refusal::NotANumber),
        },
        _ => Err(Refusal::NotANumber),
    }
}

/// A new value as typed in the form: money in yuan (`980`, `980.50`), other units a whole number.
pub fn value_from_form(unit: Unit, text: &str) -> Result<i64, Refusal> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Refusal::NoValue);
    }
    if t.starts_with(['-', '－', '−']) {
        return Err(Refusal::Negative);
    }
    if unit.is_money() {
        use app::money::AmountError;
        match app::money::parse_yuan(t) {
            Ok(fen) => Ok(fen),
            // Negatives were refused above: what is left is zero, a valid value.
            Err(AmountError::NotPositive) => Ok(0),
            Err(AmountError::Empty) => Err(Refusal::NoValue),
            Err(AmountError::FractionOfFen) => Err(Refusal::FractionOfFen),
            Err(AmountError::TooLarge) => Err(Refusal::TooLarge),
            Err(AmountError::NotANumber) => Err(Refusal::NotANumber),
        }
    } else {
        let t = t.strip_prefix('+').unwrap_or(t);
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Refusal::NotANumber);
        }
        t.parse::<i64>().map_err(|_| Refusal::TooLarge)
    }
}

/// A value as it arrives: read in the parameter's unit once the parameter is known.
#[derive(Debug, Clone)]
pub enum ValueInput {
    /// From the API: an integer in the parameter's unit (money in fen).
    Json(serde_json::Value),
    /// From the form: money in yuan, other units a whole number.
    Typed(String),
}

/// A value to add.
#[derive(Debug, Clone)]
pub struct NewValue {
    /// `YYYY-MM-DD`.
    pub effective: String,
    pub value: ValueInput,
    pub source: String,
    pub note: Option<String>,
}

/// The set in force, checked against the database: reloaded when a version was added since
/// (here or on another instance).
pub async fn current(s: &AppState) -> Result<CurrentParameters, ApiError> {
    if let Some(cached) = s.parameters.fresh() {
        return Ok(cached);
    }
    let head = store::head(&s.db).await?;
    let (held, cached) = s.parameters.read();
    if held == Some(head) {
        s.parameters.checked();
        return Ok(cached);
    }
    let (head, fresh) = load(&s.db).await?;
    s.parameters.replace(head, fresh.clone());
    s.parameters.checked();
    Ok(fresh)
}

/// Builds the set from the database: the embedded defaults merged with every stored version.
pub async fn load(db: &Db) -> Result<(i64, CurrentParameters), ApiError> {
    let head = store::head(db).await?;
    let rows = store::list(db).await?;
    let embedded = ParameterSet::embedded_shared();
    let mut added = Vec::with_capacity(rows.len());
    for r in rows {
        let Ok(effective) = Date::parse(&r.effective) else {
            tracing::warn!(
                seq = r.seq,
                "stored parameter version with a bad date skipped"
            );
            continue;
        };
        if embedded.get(&r.parameter_id).is_none() {
            // A parameter a later release removed: its versions no longer apply.
            tracing::warn!(
                seq = r.seq,
                "stored version of an unknown parameter skipped"
            );
            continue;
        }
        added.push(DatedValue {
            id: r.parameter_id,
            effective,
            value: r.value,
            source: r.source,
            placeholder: false,
            note: r.note,
        });
    }
    let mut set = embedded.clone();
    set.merge(added.clone())
        .map_err(|e| ApiError::Internal(format!("stored parameter versions: {e}")))?;
    Ok((
        head,
        CurrentParameters {
            set: Arc::new(set),
            added: Arc::new(added),
        },
    ))
}

/// Adds a dated value to a parameter. Refusals change nothing; accepted and refused attempts
/// are audited (ids and codes only).
pub async fn add_version(
    s: &AppState,
    who: &StaffUser,
    parameter_id: &str,
    v: &NewValue,
    now: i64,
) -> Result<HistoryLine, ApiError> {
    let actor = format!("staff:{}", who.id);
    let known = ParameterSet::embedded_shared().get(parameter_id).is_some();
    let target = if known { parameter_id } else { "unknown" };
    match try_add(s, who, parameter_id, v, now).await {
        Ok(line) => {
            s.parameters.invalidate();
            audit(
                s,
                &actor,
                "policy.version.add",
                target,
                &format!("accepted: seq {} from {}", line.seq, line.effective),
            )
            .await?;
            Ok(line)
        }
        Err(AddError::Refused(r)) => {
            tracing::info!(code = r.code(), "parameter version refused");
            audit(
                s,
                &actor,
                "policy.version.add",
                target,
                &format!("refused: {}", r.code()),
            )
            .await?;
            Err(r.into())
        }
        Err(AddError::Failed(e)) => Err(e),
    }
}

enum AddError {
    Refused(Refusal),
    Failed(ApiError),
}

impl From<Refusal> for AddError {
    fn from(r: Refusal) -> AddError {
        AddError::Refused(r)
    }
}

impl From<StoreError> for AddError {
    fn from(e: StoreError) -> AddError {
        AddError::Failed(e.into())
    }
}

async fn try_add(
    s: &AppState,
    who: &StaffUser,
    parameter_id: &str,
    v: &NewValue,
    now: i64,
) -> Result<HistoryLine, AddError> {
    let Some(defaults) = ParameterSet::embedded_shared().get(parameter_id) else {
        return Err(Refusal::UnknownParameter.into());
    };
    let effective_text = v.effective.trim();
    if effective_text.is_empty() {
        return Err(Refusal::NoDate.into());
    }
    let effective = Date::parse(effective_text).map_err(|_| Refusal::BadDate)?;
    let value = match &v.value {
        ValueInput::Json(j) => value_from_json(j)?,
        ValueInput::Typed(t) => value_from_form(defaults.unit, t)?,
    };
    let source = v.source.trim();
    if source.is_empty() {
        return Err(Refusal::NoSource.into());
    }
    if source.chars().count() > MAX_SOURCE_CHARS {
        return Err(Refusal::SourceTooLong.into());
    }
    let note = v.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
        return Err(Refusal::NoteTooLong.into());
    }

    let mut tx = s.db.begin().await.map_err(StoreError::from)?;
    // Appends take turns from here: the versions read next cannot change under us.
    let seq = store::take_head(&mut tx).await?;
    let stored = store::of_parameter_in(&mut tx, parameter_id).await?;
    let mut history = defaults.history.clone();
    for r in &stored {
        if let Ok(d) = Date::parse(&r.effective) {
            let version = policy::ValueVersion {
                effective: d,
                value: r.value,
                source: Arc::from(r.source.as_str()),
                placeholder: false,
                note: r.note.clone(),
            };
            match history.binary_search_by_key(&d, |x| x.effective) {
                Ok(i) => history[i] = version,
                Err(i) => history.insert(i, version),
            }
        }
    }
    let latest = history.last().map(|x| (x.effective, x.value));
    if let Some((current, _)) = latest
        && effective <= current
    {
        return Err(Refusal::NotAfterCurrent { current }.into());
    }
    let previous = latest.map(|(_, value)| value);
    let effective_text = effective.to_string();
    store::insert(
        &mut tx,
        seq,
        &NewVersion {
            parameter_id,
            effective: &effective_text,
            value,
            source,
            note,
            created_by: &who.id,
            previous_value: previous,
        },
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    // This instance uses the new value at once (others on their next request).
    current(s).await.map_err(AddError::Failed)?;
    Ok(HistoryLine {
        seq,
        parameter_id: parameter_id.to_string(),
        who: if who.display_name.is_empty() {
            who.username.clone()
        } else {
            who.display_name.clone()
        },
        at: shanghai_time(now),
        effective: effective_text,
        old: previous,
        new: value,
        unit: defaults.unit,
        source: source.to_string(),
        note: note.map(str::to_owned),
    })
}

/// Every parameter as in force on `on`, with the versions scheduled after it.
pub fn lines(set: &ParameterSet, on: Date) -> Vec<ParameterLine> {
    let version = |v: &policy::ValueVersion| VersionLine {
        effective: v.effective.to_string(),
        value: v.value,
        source: v.source.to_string(),
        note: v.note.clone(),
        placeholder: v.placeholder,
    };
    set.parameters()
        .iter()
        .map(|p| ParameterLine {
            id: p.id.to_string(),
            name_zh: p.name_zh.clone(),
            name_en: p.name_en.clone(),
            unit: p.unit,
            current: p
                .history
                .iter()
                .rev()
                .find(|v| v.effective <= on)
                .map(version),
            scheduled: p
                .history
                .iter()
                .filter(|v| v.effective > on)
                .map(version)
                .collect(),
        })
        .collect()
}

/// The values added by staff, newest first; one parameter's only when `parameter_id` is given
/// (404 for an unknown parameter).
pub async fn history(
    s: &AppState,
    parameter_id: Option<&str>,
) -> Result<Vec<HistoryLine>, ApiError> {
    let embedded = ParameterSet::embedded_shared();
    if let Some(id) = parameter_id
        && embedded.get(id).is_none()
    {
        return Err(ApiError::NotFound);
    }
    let rows = store::list(&s.db).await?;
    Ok(rows
        .into_iter()
        .rev()
        .filter(|r| parameter_id.is_none_or(|id| r.parameter_id == id))
        .filter_map(|r| {
            let unit = embedded.get(&r.parameter_id)?.unit;
            Some(history_line(r, unit))
        })
        .collect())
}

fn history_line(r: VersionRow, unit: Unit) -> HistoryLine {
    HistoryLine {
        seq: r.seq,
        parameter_id: r.parameter_id,
        who: r.created_by_name,
        at: shanghai_time(r.created_at),
        effective: r.effective,
        old: r.previous_value,
        new: r.value,
        unit,
        source: r.source,
        note: r.note,
    }
}

/// Today in Asia/Shanghai.
pub fn today(now: i64) -> Date {
    Date::shanghai_from_unix_millis(now * 1000).expect("a clock after 1970")
}
