//! The district's street offices: where residents go and where applications are routed. `api`
//! lists them (`/api/v1/street-offices`); other features ask `service`; `store` holds the table
//! (`seed`: from `policy::streets` at the first start).

pub mod api;
pub mod seed;
pub mod service;
pub(crate) mod store;
