//! Street offices: where residents go and where applications are routed.

use super::store as streets;
use crate::error::ApiError;
use crate::store::Db;

pub use streets::StreetOfficeRow as StreetOffice;

pub async fn list(db: &Db) -> Result<Vec<StreetOffice>, ApiError> {
    Ok(streets::list(db).await?)
}
