//! Reference data for a fresh database: the district's street offices (from `policy`).

use super::store as streets;
use crate::store::{Db, StoreError};

/// What seeding created, printed at start-up.
#[derive(Debug, Default)]
pub struct Seeded {
    pub street_offices: usize,
    /// Demo staff sign-ins created (development only), one line each.
    pub staff: Vec<String>,
}

pub async fn seed_streets(db: &Db) -> Result<Seeded, StoreError> {
    let mut seeded = Seeded::default();
    if streets::count(db).await? == 0 {
        for (i, s) in policy::street_offices().iter().enumerate() {
            streets::insert(
                db,
                &streets::NewStreetOffice {
                    code: &s.id,
                    name_zh: &s.name_zh,
                    name_en: &s.name_en,
                    address_zh: &s.address_zh,
                    address_en: &s.address_en,
                    hours_zh: &s.hours_zh,
                    hours_en: &s.hours_en,
                    phone: &s.phone,
                    placeholder: s.placeholder,
                    sort_order: i as i64,
                },
            )
            .await?;
            seeded.street_offices += 1;
        }
    }
    Ok(seeded)
}
