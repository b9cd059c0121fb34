//! Street offices as stored: read by the street-office service.

use crate::store::{Db, StoreError};
use sqlx::Row;

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct StreetOfficeRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub address_zh: String,
    pub address_en: String,
    pub hours_zh: String,
    pub hours_en: String,
    pub phone: String,
    /// True while address, hours and phone are illustrative, not confirmed by the bureau.
    pub placeholder: bool,
}

pub async fn list(db: &Db) -> Result<Vec<StreetOfficeRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT code, name_zh, name_en, address_zh, address_en, hours_zh, hours_en, phone, placeholder \
         FROM street_offices ORDER BY sort_order",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(StreetOfficeRow {
                code: r.try_get("code")?,
                name_zh: r.try_get("name_zh")?,
                name_en: r.try_get("name_en")?,
                address_zh: r.try_get("address_zh")?,
                address_en: r.try_get("address_en")?,
                hours_zh: r.try_get("hours_zh")?,
                hours_en: r.try_get("hours_en")?,
                phone: r.try_get("phone")?,
                placeholder: r.try_get::<i64, _>("placeholder")? != 0,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

pub async fn count(db: &Db) -> Result<i64, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM street_offices")
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}

pub struct NewStreetOffice<'a> {
    pub code: &'a str,
    pub name_zh: &'a str,
    pub name_en: &'a str,
    pub address_zh: &'a str,
    pub address_en: &'a str,
    pub hours_zh: &'a str,
    pub hours_en: &'a str,
    pub phone: &'a str,
    pub placeholder: bool,
    pub sort_order: i64,
}

pub async fn insert(db: &Db, s: &NewStreetOffice<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO street_offices (code, name_zh, name_en, address_zh, address_en, hours_zh, hours_en, phone, placeholder, sort_order) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (code) DO NOTHING",
    )
    .bind(s.code)
    .bind(s.name_zh)
    .bind(s.name_en)
    .bind(s.address_zh)
    .bind(s.address_en)
    .bind(s.hours_zh)
    .bind(s.hours_en)
    .bind(s.phone)
    .bind(i64::from(s.placeholder))
    .bind(s.sort_order)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(())
}
