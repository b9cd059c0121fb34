//! The parameters in force (the embedded defaults merged with the dated values policy
//! administrators added), adding a value, the history and the lists the pages and the API show.

use super::input::{
    MAX_NOTE_CHARS, MAX_SOURCE_CHARS, NewValue, Refusal, ValueInput, value_from_form,
    value_from_json,
};
use super::store::{self, NewVersion, VersionRow};
use crate::audit;
use crate::clock::shanghai_time;
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use crate::store::{Db, StoreError};
use policy::{Date, DatedValue, ParameterSet, Unit};
use std::sync::Arc;
use types::check::CurrentParameters;
use types::parameters::{HistoryLine, ParameterLine, VersionLine};

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
            audit::record(
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
            audit::record(
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

/// The parameters this instance holds: the embedded ones merged with the versions policy
/// administrators added, as of the last refresh ([`current`] refreshes it,
/// and every page request and every check does). For a freshly checked set, use that.
pub fn cached(s: &AppState) -> Arc<ParameterSet> {
    s.parameters.cached()
}

/// Today in Asia/Shanghai.
pub fn today(now: i64) -> Date {
    Date::shanghai_from_unix_millis(now * 1000).expect("a clock after 1970")
}
