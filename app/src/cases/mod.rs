//! 申请: the funeral subsidy claim (`funeral`), a resident's own cases (`mine`, with the case
//! views the caseworker's desk shares) and the caseworker's queue and desk (`desk`).

pub mod desk;
pub mod funeral;
pub mod mine;
