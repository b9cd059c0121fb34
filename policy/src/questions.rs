//! The questions of the pre-eligibility check, and which of them a set of life events needs.

use serde::{Deserialize, Serialize};

use crate::programs::ProgramId;
use crate::text::Bilingual;

/// One question (one screen on a kiosk). The order of the variants is the order they are asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionId {
    /// `residence`.
    Residence,
    /// `members` (how many).
    HouseholdSize,
    /// `members[].age` or `birth_date`.
    MemberAges,
    /// `members[].disability`.
    MemberDisability,
    /// `members[].severe_illness`.
    MemberSevereIllness,
    /// `members[].can_work`.
    MemberCanWork,
    /// `monthly_income_fen`.
    MonthlyIncome,
    /// `supporter_able`.
    Supporter,
    /// `medical_spending_12m_fen`, `education_spending_12m_fen`.
    RigidSpending,
    /// `assets` (three yes/no/don't-know answers on one screen).
    Assets,
    /// `sudden_hardship`.
    SuddenHardship,
    /// `urgent` (only asked after a "yes" to the sudden hardship).
    Urgent,
    /// `hukou_wuhan`.
    Hukou,
    /// `members[].college_student`.
    CollegeStudent,
    /// `members[].parents`, `members[].in_welfare_institution`.
    ChildParents,
    /// `members[].needs_daily_care`.
    DailyCare,
    /// `deceased.hukou_wuhan`, `deceased.died_in_wuhan`.
    DeceasedRegistration,
    /// `deceased.cremated_in_wuhan`, `deceased.cremation_date`.
    Cremation,
    /// `deceased.eco_burial`.
    EcoBurial,
}

impl QuestionId {
    /// The question as asked.
    pub const fn prompt(self) -> Bilingual {
        use QuestionId::*;
        match self {
            Residence => Bilingual::new(
                "您家适用城市还是农村低保标准？",
                "Does your household use the urban or the rural standard?",
            ),
            HouseholdSize => Bilingual::new(
                "家里共同生活的有几口人？",
                "How many people live and share income in your household?",
            ),
            MemberAges => Bilingual::new("每位家庭成员多大年纪？", "How old is each member?"),
            MemberDisability => Bilingual::new(
                "有没有家庭成员持残疾人证？几级？",
                "Does any member hold a disability certificate? Which grade?",
            ),
            MemberSevereIllness => Bilingual::new(
                "有没有家庭成员患重病？",
                "Does any member have a severe illness?",
            ),
            MemberCanWork => Bilingual::new("每位成员是否有劳动能力？", "Can each member work?"),
            MonthlyIncome => Bilingual::new(
                "全家每月总收入大约多少元？",
                "About how much does the household earn per month in total?",
            ),
            Supporter => Bilingual::new(
                "有没有有能力赡养、抚养您的法定义务人（如子女、父母、配偶）？",
                "Is there someone legally bound to support you (children, parents, spouse) who is able to?",
            ),
            RigidSpending => Bilingual::new(
                "近12个月自付的医疗费、教育费各多少元？",
                "How much did you pay yourselves for medical care and education in the last 12 months?",
            ),
            Assets => Bilingual::new(
                "家里存款是否超过规定、是否有第二套住房、是否有汽车？",
                "Are savings over the limit? Is there a second home? A car?",
            ),
            SuddenHardship => Bilingual::new(
                "最近是否因突发事件、意外或重病导致生活困难？",
                "Has a sudden event, accident or serious illness recently made life hard?",
            ),
            Urgent => Bilingual::new(
                "现在是否急需帮助（如无法维持基本生活）？",
                "Do you need help right now (basic needs not met)?",
            ),
            Hukou => Bilingual::new(
                "户籍（户口）是否在武汉市？",
                "Is your household registration (hukou) in Wuhan?",
            ),
            CollegeStudent => Bilingual::new(
                "有没有家庭成员正在读大学（专科、本科）？",
                "Is any member studying at college?",
            ),
            ChildParents => Bilingual::new(
                "孩子的父母是否都已去世、失踪，或无法抚养？",
                "Have the child's parents died, gone missing, or are they unable to raise the child?",
            ),
            DailyCare => Bilingual::new(
                "有没有成员生活不能自理？",
                "Does any member need help with daily living?",
            ),
            DeceasedRegistration => Bilingual::new(
                "逝者户籍是否在武汉？是否在武汉去世？",
                "Was the deceased registered in Wuhan? Did they die in Wuhan?",
            ),
            Cremation => Bilingual::new(
                "在哪里火化？火化日期是哪天？",
                "Where was the cremation, and on what date?",
            ),
            EcoBurial => Bilingual::new(
                "是否选择树葬、花坛葬、草坪葬或海葬等生态安葬？",
                "Was an eco-burial chosen (tree, flower bed, lawn, sea)?",
            ),
        }
    }
}

/// The questions one program needs.
pub fn questions_for_program(id: ProgramId) -> &'static [QuestionId] {
    use QuestionId::*;
    const MEANS: &[QuestionId] = &[Residence, HouseholdSize, MonthlyIncome, Assets];
    const HARDSHIP: &[QuestionId] = &[
        Residence,
        HouseholdSize,
        MemberAges,
        MemberDisability,
        MemberSevereIllness,
        MemberCanWork,
        MonthlyIncome,
        Supporter,
        RigidSpending,
        Assets,
    ];
    match id {
        ProgramId::Dibao => &[
            Residence,
            HouseholdSize,
            MemberDisability,
            MemberSevereIllness,
            MonthlyIncome,
            RigidSpending,
            Assets,
        ],
        ProgramId::Tekun => &[
            Residence,
            HouseholdSize,
            MemberAges,
            MemberDisability,
            MemberCanWork,
            MonthlyIncome,
            Supporter,
            Assets,
        ],
        ProgramId::LowIncome => MEANS,
        ProgramId::ExpenditurePoverty => &[
            Residence,
            HouseholdSize,
            MonthlyIncome,
            RigidSpending,
            Assets,
        ],
        ProgramId::Temporary => &[
            Residence,
            HouseholdSize,
            MonthlyIncome,
            RigidSpending,
            SuddenHardship,
            Urgent,
        ],
        ProgramId::ElderlyAllowance => &[HouseholdSize, MemberAges, Hukou],
        ProgramId::DisabilityLiving => &[
            Residence,
            HouseholdSize,
            MemberDisability,
            MemberSevereIllness,
            MonthlyIncome,
            RigidSpending,
            Assets,
            Hukou,
        ],
        ProgramId::DisabilityCare => &[HouseholdSize, MemberDisability, Hukou],
        ProgramId::Orphan => &[HouseholdSize, MemberAges, ChildParents],
        ProgramId::DeFactoUnsupportedChild => &[HouseholdSize, MemberAges, ChildParents],
        ProgramId::StudentGrant => &[
            Residence,
            HouseholdSize,
            MemberAges,
            MemberDisability,
            MemberSevereIllness,
            MemberCanWork,
            MonthlyIncome,
            Supporter,
            RigidSpending,
            Assets,
            Hukou,
            CollegeStudent,
        ],
        ProgramId::FuneralWaiver => &[DeceasedRegistration, Cremation],
        ProgramId::EcoBurialReward => &[DeceasedRegistration, EcoBurial],
        ProgramId::MedicalAssistance
        | ProgramId::HousingAssistance
        | ProgramId::EducationAssistance
        | ProgramId::EmploymentAssistance => HARDSHIP,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{LifeEvent, questions_for};

    #[test]
    fn the_common_case_needs_at_most_twelve_questions() {
        let q = questions_for(&[LifeEvent::Hardship]);
        assert!(q.len() <= 12, "{} questions: {q:?}", q.len());
        for needed in [
            QuestionId::Residence,
            QuestionId::HouseholdSize,
            QuestionId::MonthlyIncome,
            QuestionId::Assets,
        ] {
            assert!(q.contains(&needed));
        }
        assert!(!q.contains(&QuestionId::Cremation));
    }

    #[test]
    fn bereavement_asks_only_about_the_deceased() {
        let q = questions_for(&[LifeEvent::Bereavement]);
        assert_eq!(
            q,
            vec![
                QuestionId::DeceasedRegistration,
                QuestionId::Cremation,
                QuestionId::EcoBurial
            ]
        );
    }

    #[test]
    fn no_events_no_questions_and_every_program_has_questions() {
        assert!(questions_for(&[]).is_empty());
        for p in ProgramId::ALL {
            assert!(!questions_for_program(p).is_empty(), "{p:?}");
        }
        let all = questions_for(&LifeEvent::ALL);
        assert!(all.contains(&QuestionId::ChildParents) && all.contains(&QuestionId::EcoBurial));
    }
}
