//! Rules as code for the Dongxihu District civil-affairs self-service: dated parameters,
//! programs and their explanations, resident ID numbers, the program catalogue and the street
//! offices. Pure Rust, no IO, no clock: it compiles to native and to wasm32, and money is
//! always integer fen.
//!
//! The engine never says "entitled": every result carries [`DISCLAIMER`].

pub mod catalog;
pub mod date;
pub mod error;
pub mod household;
pub mod id_number;
pub mod params;
/// Every parameter's id as a constant (`param_ids::CHARITY_DONATION_MIN`), generated from
/// `parameters/*.toml`: code that asks for a parameter by a misspelt id does not compile.
pub mod param_ids {
    include!(concat!(env!("OUT_DIR"), "/param_ids.rs"));
}
pub mod program_id;
pub mod programs;
pub mod questions;
pub mod result;
pub mod streets;
pub mod text;
pub mod validate;

pub use catalog::{LifeEvent, ProgramInfo, programs_catalog, programs_for, questions_for};
pub use date::{Date, DateError};
pub use error::{FieldError, FieldErrorCode, PolicyError};
pub use household::{
    Assets, Deceased, DisabilityGrade, EcoBurial, Household, Member, ParentsStatus, Residence,
    TriState,
};
pub use id_number::{IdError, ResidentId, Sex};
pub use params::{DatedValue, ParamRef, ParamValue, Parameter, ParameterSet, Unit, ValueVersion};
pub use programs::{ProgramId, evaluate_all};
pub use questions::QuestionId;
pub use result::{Amount, Outcome, Period, ProgramResult, Quantity, Reason, WhatWouldChange};
pub use streets::{StreetOffice, street_offices};
pub use text::{Bilingual, DISCLAIMER, PLACEHOLDER_NOTICE};
pub use validate::validate;
