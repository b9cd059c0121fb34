//! Read-only sums and lists over the service record for reports: the district's confirmed
//! minutes per month, and an organization's records of a year for its annual report.

use crate::store::{Db, StoreError};
use sqlx::Row;

/// Net confirmed minutes recorded in each period `[bounds[i], bounds[i + 1])`, one figure per
/// period (reversals are negative records, so each sum is already net). One pass over the
/// records of the whole span.
pub async fn minutes_between(db: &Db, bounds: &[i64]) -> Result<Vec<i64>, StoreError> {
    let periods = bounds.len().saturating_sub(1);
    if periods == 0 {
        return Ok(vec![]);
    }
    // recorded_at < $2 → period 0, < $3 → period 1, …; the span is [$1, $last).
    let cases: String = (0..periods)
        .map(|i| format!("WHEN recorded_at < ${} THEN {i} ", i + 2))
        .collect();
    let sql = format!(
        "SELECT CAST(CASE {cases}END AS BIGINT) AS period, CAST(SUM(minutes) AS BIGINT) AS minutes \
         FROM service_records WHERE recorded_at >= $1 AND recorded_at < ${} GROUP BY 1",
        periods + 1
    );
    let mut query = sqlx::query(&sql);
    for b in bounds {
        query = query.bind(*b);
    }
    let mut out = vec![0; periods];
    for r in query.fetch_all(&db.pool).await? {
        let period: i64 = r.try_get("period")?;
        let minutes: i64 = r.try_get("minutes")?;
        if let Some(slot) = usize::try_from(period).ok().and_then(|p| out.get_mut(p)) {
            *slot = minutes;
        }
    }
    Ok(out)
}

/// One service record of an organization's activity, with what an annual report lists.
/// The volunteer appears only by their masked name.
#[derive(Clone, Debug)]
pub struct OrganizationRecord {
    pub id: i64,
    pub recorded_at: i64,
    pub minutes: i64,
    pub kind: String,
    pub activity_name: String,
    pub activity_starts_at: i64,
    pub category: String,
    pub place: String,
    pub organizer_unit: String,
    pub person_in_charge: String,
    pub volunteer_masked: String,
}

/// The records of the organization's activities recorded in `[from, to)`, oldest first.
pub async fn organization_records(
    db: &Db,
    organization_id: &str,
    from: i64,
    to: i64,
) -> Result<Vec<OrganizationRecord>, StoreError> {
    let rows = sqlx::query(
        "SELECT r.id, r.recorded_at, r.minutes, r.kind, a.name, a.starts_at, a.category, a.place, \
         a.organizer_unit, a.person_in_charge, v.name_masked \
         FROM service_records r JOIN activities a ON a.id = r.activity_id \
         JOIN volunteers v ON v.id = r.volunteer_id \
         WHERE a.organization_id = $1 AND r.recorded_at >= $2 AND r.recorded_at < $3 ORDER BY r.id",
    )
    .bind(organization_id)
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<_, sqlx::Error> {
            Ok(OrganizationRecord {
                id: r.try_get("id")?,
                recorded_at: r.try_get("recorded_at")?,
                minutes: r.try_get("minutes")?,
                kind: r.try_get("kind")?,
                activity_name: r.try_get("name")?,
                activity_starts_at: r.try_get("starts_at")?,
                category: r.try_get("category")?,
                place: r.try_get("place")?,
                organizer_unit: r.try_get("organizer_unit")?,
                person_in_charge: r.try_get("person_in_charge")?,
                volunteer_masked: r.try_get("name_masked")?,
            })
        })
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}
