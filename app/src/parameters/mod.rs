//! 政策参数: every parameter in force and scheduled, for everyone (`public`), and the policy
//! administrators' desk for dated values (`desk`).

pub mod desk;
pub mod public;
