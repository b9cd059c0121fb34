//! Volunteers (real-name, personal fields sealed), organizations and their coordinators.

use crate::store::{Db, StoreError};
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct VolunteerRow {
    pub id: String,
    pub account_id: Option<String>,
    pub name_masked: String,
    pub id_masked: String,
    pub sex: String,
    pub birth_date: String,
    pub street_code: String,
    pub skills: String,
    pub categories: String,
    pub registered_at: i64,
}

const COLUMNS: &str = "id, account_id, name_masked, id_masked, sex, birth_date, street_code, skills, categories, registered_at";

fn row(r: &sqlx::any::AnyRow) -> Result<VolunteerRow, sqlx::Error> {
    Ok(VolunteerRow {
        id: r.try_get("id")?,
        account_id: r.try_get("account_id")?,
        name_masked: r.try_get("name_masked")?,
        id_masked: r.try_get("id_masked")?,
        sex: r.try_get("sex")?,
        birth_date: r.try_get("birth_date")?,
        street_code: r.try_get("street_code")?,
        skills: r.try_get("skills")?,
        categories: r.try_get("categories")?,
        registered_at: r.try_get("registered_at")?,
    })
}

pub struct NewVolunteer<'a> {
    pub id: &'a str,
    pub account_id: Option<&'a str>,
    pub name_sealed: &'a str,
    pub name_masked: &'a str,
    pub id_sealed: &'a str,
    pub id_hash: &'a str,
    pub id_masked: &'a str,
    pub sex: &'a str,
    pub birth_date: &'a str,
    pub street_code: &'a str,
    pub phone_sealed: Option<&'a str>,
    pub skills: &'a str,
    pub categories: &'a str,
    pub consent_version: &'a str,
    pub registered_by: &'a str,
}

/// Registers the volunteer with a credit account; false when the ID number or the account is
/// registered already.
pub async fn insert(db: &Db, v: &NewVolunteer<'_>, now: i64) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "INSERT INTO volunteers (id, account_id, name_sealed, name_masked, id_sealed, id_hash, id_masked, sex, birth_date, \
         street_code, phone_sealed, skills, categories, consent_version, registered_at, registered_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING",
    )
    .bind(v.id)
    .bind(v.account_id)
    .bind(v.name_sealed)
    .bind(v.name_masked)
    .bind(v.id_sealed)
    .bind(v.id_hash)
    .bind(v.id_masked)
    .bind(v.sex)
    .bind(v.birth_date)
    .bind(v.street_code)
    .bind(v.phone_sealed)
    .bind(v.skills)
    .bind(v.categories)
    .bind(v.consent_version)
    .bind(now)
    .bind(v.registered_by)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("INSERT INTO credit_accounts (id, owner, balance) VALUES ($1, $2, 0)")
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(v.id)
        .execute(&mut **tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn by_account(db: &Db, account_id: &str) -> Result<Option<VolunteerRow>, StoreError> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM volunteers WHERE account_id = $1"
    ))
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(r.as_ref().map(row).transpose()?)
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<VolunteerRow>, StoreError> {
    let r = sqlx::query(&format!("SELECT {COLUMNS} FROM volunteers WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(r.as_ref().map(row).transpose()?)
}

pub async fn by_id_hash(db: &Db, id_hash: &str) -> Result<Option<VolunteerRow>, StoreError> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM volunteers WHERE id_hash = $1"
    ))
    .bind(id_hash)
    .fetch_optional(&db.pool)
    .await?;
    Ok(r.as_ref().map(row).transpose()?)
}

pub async fn count(db: &Db) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM volunteers")
        .fetch_one(&db.pool)
        .await?)
}

/// Volunteers registered before `until` (unix seconds).
pub async fn count_registered_before(db: &Db, until: i64) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM volunteers WHERE registered_at < $1")
            .bind(until)
            .fetch_one(&db.pool)
            .await?,
    )
}

/// Family links for gifting credits: a volunteer names a relative by their ID number, which
/// asks the relative; the link holds once they confirm it ([`confirm_family`]).
pub async fn add_family(
    db: &Db,
    volunteer_id: &str,
    relative_id: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO family_links (volunteer_id, relative_id, linked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(volunteer_id)
        .bind(relative_id)
        .bind(now)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

pub async fn is_family(db: &Db, volunteer_id: &str, relative_id: &str) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM family_links WHERE volunteer_id = $1 AND relative_id = $2 \
         AND confirmed_at IS NOT NULL",
    )
    .bind(volunteer_id)
    .bind(relative_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

#[derive(Clone, Debug)]
pub struct OrganizationRow {
    pub id: String,
    pub name: String,
    pub street_code: Option<String>,
}

pub async fn insert_organization(
    db: &Db,
    id: &str,
    name: &str,
    street: Option<&str>,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query("INSERT INTO organizations (id, name, street_code, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING")
        .bind(id)
        .bind(name)
        .bind(street)
        .bind(now)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn organization_by_name(
    db: &Db,
    name: &str,
) -> Result<Option<OrganizationRow>, StoreError> {
    let r = sqlx::query("SELECT id, name, street_code FROM organizations WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await?;
    Ok(r.map(|r| -> Result<_, sqlx::Error> {
        Ok(OrganizationRow {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            street_code: r.try_get("street_code")?,
        })
    })
    .transpose()?)
}

/// The street an organization belongs to, if it is tied to one.
pub async fn organization_street(db: &Db, id: &str) -> Result<Option<String>, StoreError> {
    let street: Option<Option<String>> =
        sqlx::query_scalar("SELECT street_code FROM organizations WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(street.flatten())
}

pub async fn add_coordinator(
    db: &Db,
    organization_id: &str,
    staff_id: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO organization_coordinators (organization_id, staff_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(organization_id)
        .bind(staff_id)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

pub async fn coordinates(
    db: &Db,
    organization_id: &str,
    staff_id: &str,
) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organization_coordinators WHERE organization_id = $1 AND staff_id = $2")
        .bind(organization_id)
        .bind(staff_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}

/// The volunteer record of a member of staff, when they are a volunteer too.
pub async fn staff_volunteer(db: &Db, staff_id: &str) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT volunteer_id FROM staff_volunteers WHERE staff_id = $1")
            .bind(staff_id)
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// Releases a registration (L9): its ID look-up hash and account link move aside, so the real
/// person can register. False when there is no such registration standing.
pub async fn release(db: &Db, volunteer_id: &str, now: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE volunteers SET released_id_hash = id_hash, id_hash = 'released:' || id, \
         released_account_id = account_id, account_id = NULL, released_at = $2 \
         WHERE id = $1 AND released_at IS NULL",
    )
    .bind(volunteer_id)
    .bind(now)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn link_staff_volunteer(
    db: &Db,
    staff_id: &str,
    volunteer_id: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO staff_volunteers (staff_id, volunteer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(staff_id)
        .bind(volunteer_id)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(())
}

/// The volunteer's confirmed family members: (volunteer id, masked name).
pub async fn family(db: &Db, volunteer_id: &str) -> Result<Vec<(String, String)>, StoreError> {
    id_and_masked_name(
        db,
        "SELECT v.id, v.name_masked FROM family_links f JOIN volunteers v ON v.id = f.relative_id \
         WHERE f.volunteer_id = $1 AND f.confirmed_at IS NOT NULL ORDER BY f.linked_at",
        volunteer_id,
    )
    .await
}

/// Who asks this volunteer to confirm them as family: (their volunteer id, masked name).
pub async fn family_requests(
    db: &Db,
    relative_id: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    id_and_masked_name(
        db,
        "SELECT v.id, v.name_masked FROM family_links f JOIN volunteers v ON v.id = f.volunteer_id \
         WHERE f.relative_id = $1 AND f.confirmed_at IS NULL ORDER BY f.linked_at",
        relative_id,
    )
    .await
}

async fn id_and_masked_name(
    db: &Db,
    sql: &str,
    volunteer_id: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    let rows = sqlx::query(sql)
        .bind(volunteer_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| -> Result<_, sqlx::Error> { Ok((r.try_get("id")?, r.try_get("name_masked")?)) })
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

/// The relative confirms (`true`) or declines (the request is removed) `volunteer_id`'s request;
/// false when there is no such open request.
pub async fn answer_family(
    db: &Db,
    volunteer_id: &str,
    relative_id: &str,
    confirm: bool,
    now: i64,
) -> Result<bool, StoreError> {
    let sql = if confirm {
        "UPDATE family_links SET confirmed_at = $3 WHERE volunteer_id = $1 AND relative_id = $2 \
         AND confirmed_at IS NULL"
    } else {
        "DELETE FROM family_links WHERE volunteer_id = $1 AND relative_id = $2 \
         AND confirmed_at IS NULL AND $3 >= 0"
    };
    let done = sqlx::query(sql)
        .bind(volunteer_id)
        .bind(relative_id)
        .bind(now)
        .execute(&mut *db.writer().await?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The organizations a member of staff coordinates: (id, name).
pub async fn organizations_of(
    db: &Db,
    staff_id: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    let rows = sqlx::query(
        "SELECT o.id, o.name FROM organizations o JOIN organization_coordinators c ON c.organization_id = o.id \
         WHERE c.staff_id = $1 ORDER BY o.name",
    )
    .bind(staff_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<_, sqlx::Error> { Ok((r.try_get("id")?, r.try_get("name")?)) })
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}
