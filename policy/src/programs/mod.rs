//! The programs, one module each, and [`evaluate_all`].
//!
//! Every program is a function `(household, date, params) -> ProgramResult`.

mod build;
mod context;

pub mod children;
pub mod dibao;
pub mod disability;
pub mod elderly;
pub mod funeral;
pub mod low_income;
pub mod referrals;
pub mod student;
pub mod tekun;
pub mod temporary;

use crate::date::Date;
use crate::error::FieldError;
use crate::household::Household;
use crate::params::ParameterSet;
use crate::result::ProgramResult;
use crate::text::Bilingual;
use crate::validate::validate;

use context::Ctx;

pub use crate::program_id::ProgramId;

impl ProgramId {
    /// All programs, in display order.
    pub const ALL: [ProgramId; 17] = [
        ProgramId::Dibao,
        ProgramId::Tekun,
        ProgramId::LowIncome,
        ProgramId::ExpenditurePoverty,
        ProgramId::Temporary,
        ProgramId::ElderlyAllowance,
        ProgramId::DisabilityLiving,
        ProgramId::DisabilityCare,
        ProgramId::Orphan,
        ProgramId::DeFactoUnsupportedChild,
        ProgramId::StudentGrant,
        ProgramId::FuneralWaiver,
        ProgramId::EcoBurialReward,
        ProgramId::MedicalAssistance,
        ProgramId::HousingAssistance,
        ProgramId::EducationAssistance,
        ProgramId::EmploymentAssistance,
    ];

    /// The program's name.
    pub const fn name(self) -> Bilingual {
        match self {
            ProgramId::Dibao => {
                Bilingual::new("最低生活保障（低保）", "Minimum living allowance (dibao)")
            }
            ProgramId::Tekun => {
                Bilingual::new("特困人员救助供养", "Support for people in extreme poverty")
            }
            ProgramId::LowIncome => Bilingual::new("低收入家庭认定", "Low-income household status"),
            ProgramId::ExpenditurePoverty => Bilingual::new(
                "支出型贫困家庭认定",
                "Expenditure-type poor household status",
            ),
            ProgramId::Temporary => Bilingual::new("临时救助", "Temporary assistance"),
            ProgramId::ElderlyAllowance => {
                Bilingual::new("高龄津贴", "Elderly (longevity) allowance")
            }
            ProgramId::DisabilityLiving => Bilingual::new(
                "困难残疾人生活补贴",
                "Living subsidy for disabled people in hardship",
            ),
            ProgramId::DisabilityCare => Bilingual::new(
                "重度残疾人护理补贴",
                "Care subsidy for severely disabled people",
            ),
            ProgramId::Orphan => Bilingual::new("孤儿基本生活保障", "Orphan allowance"),
            ProgramId::DeFactoUnsupportedChild => Bilingual::new(
                "事实无人抚养儿童基本生活保障",
                "Allowance for de-facto unsupported children",
            ),
            ProgramId::StudentGrant => Bilingual::new("大学生助学", "Grant for college students"),
            ProgramId::FuneralWaiver => {
                Bilingual::new("基本殡葬服务费用减免", "Basic funeral service fee waiver")
            }
            ProgramId::EcoBurialReward => Bilingual::new("生态安葬奖补", "Eco-burial reward"),
            ProgramId::MedicalAssistance => Bilingual::new("医疗救助", "Medical assistance"),
            ProgramId::HousingAssistance => Bilingual::new("住房救助", "Housing assistance"),
            ProgramId::EducationAssistance => Bilingual::new("教育救助", "Education assistance"),
            ProgramId::EmploymentAssistance => Bilingual::new("就业救助", "Employment assistance"),
        }
    }

    /// False for referrals that another department decides.
    pub const fn decided_by_civil_affairs(self) -> bool {
        !matches!(
            self,
            ProgramId::MedicalAssistance
                | ProgramId::HousingAssistance
                | ProgramId::EducationAssistance
                | ProgramId::EmploymentAssistance
        )
    }

    /// Evaluates this one program.
    pub fn evaluate(
        self,
        household: &Household,
        date: Date,
        params: &ParameterSet,
    ) -> ProgramResult {
        run(self, &Ctx::new(household, date, params))
    }
}

fn run(program: ProgramId, ctx: &Ctx<'_>) -> ProgramResult {
    match program {
        ProgramId::Dibao => dibao::assess(ctx),
        ProgramId::Tekun => tekun::assess(ctx),
        ProgramId::LowIncome => low_income::assess_low_income(ctx),
        ProgramId::ExpenditurePoverty => low_income::assess_expenditure(ctx),
        ProgramId::Temporary => temporary::assess(ctx),
        ProgramId::ElderlyAllowance => elderly::assess(ctx),
        ProgramId::DisabilityLiving => disability::assess_living(ctx),
        ProgramId::DisabilityCare => disability::assess_care(ctx),
        ProgramId::Orphan => children::assess_orphan(ctx),
        ProgramId::DeFactoUnsupportedChild => children::assess_de_facto(ctx),
        ProgramId::StudentGrant => student::assess(ctx),
        ProgramId::FuneralWaiver => funeral::assess_waiver(ctx),
        ProgramId::EcoBurialReward => funeral::assess_eco_burial(ctx),
        ProgramId::MedicalAssistance => referrals::assess_medical(ctx),
        ProgramId::HousingAssistance => referrals::assess_housing(ctx),
        ProgramId::EducationAssistance => referrals::assess_education(ctx),
        ProgramId::EmploymentAssistance => referrals::assess_employment(ctx),
    }
}

/// Validates the household, then evaluates every program on `date`, in [`ProgramId::ALL`] order.
pub fn evaluate_all(
    household: &Household,
    date: Date,
    params: &ParameterSet,
) -> Result<Vec<ProgramResult>, Vec<FieldError>> {
    let errors = validate(household, date, params);
    if !errors.is_empty() {
        return Err(errors);
    }
    let ctx = Ctx::new(household, date, params);
    Ok(ProgramId::ALL.iter().map(|&p| run(p, &ctx)).collect())
}
