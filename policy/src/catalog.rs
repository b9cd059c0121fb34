//! The program catalogue for the UI: names, short descriptions, related life events.

use serde::{Deserialize, Serialize};

use crate::programs::ProgramId;
use crate::questions::{QuestionId, questions_for_program};
use crate::text::Bilingual;

/// A life event the resident starts from on the first screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifeEvent {
    /// 生活困难 — hard to make ends meet.
    Hardship,
    /// 家中老人 — an elderly person in the family.
    ElderlyFamily,
    /// 残疾 — a disabled family member.
    Disability,
    /// 孩子 — children (orphans, students).
    Children,
    /// 家人去世 — a family member has died.
    Bereavement,
    /// 突发困难 — a sudden difficulty.
    SuddenDifficulty,
}

impl LifeEvent {
    /// All life events, in display order.
    pub const ALL: [LifeEvent; 6] = [
        LifeEvent::Hardship,
        LifeEvent::ElderlyFamily,
        LifeEvent::Disability,
        LifeEvent::Children,
        LifeEvent::Bereavement,
        LifeEvent::SuddenDifficulty,
    ];

    /// Label for the button.
    pub const fn label(self) -> Bilingual {
        match self {
            LifeEvent::Hardship => Bilingual::new("生活困难", "Hard to make ends meet"),
            LifeEvent::ElderlyFamily => Bilingual::new("家中老人", "Elderly family member"),
            LifeEvent::Disability => Bilingual::new("残疾", "Disability"),
            LifeEvent::Children => Bilingual::new("孩子", "Children"),
            LifeEvent::Bereavement => Bilingual::new("家人去世", "A family member has died"),
            LifeEvent::SuddenDifficulty => Bilingual::new("突发困难", "Sudden difficulty"),
        }
    }
}

/// One program as the UI lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramInfo {
    /// Program id.
    pub id: ProgramId,
    /// Name.
    pub name: Bilingual,
    /// One or two sentences on what it is.
    pub description: Bilingual,
    /// Life events it relates to.
    pub life_events: Vec<LifeEvent>,
    /// False for referrals decided by another department.
    pub decided_by_civil_affairs: bool,
    /// Questions it needs.
    pub questions: Vec<QuestionId>,
}

/// The life events a program relates to.
pub fn life_events_of(id: ProgramId) -> &'static [LifeEvent] {
    use LifeEvent::*;
    match id {
        ProgramId::Dibao => &[Hardship, Disability],
        ProgramId::Tekun => &[Hardship, ElderlyFamily, Disability, Children],
        ProgramId::LowIncome => &[Hardship],
        ProgramId::ExpenditurePoverty => &[Hardship, SuddenDifficulty],
        ProgramId::Temporary => &[Hardship, SuddenDifficulty],
        ProgramId::ElderlyAllowance => &[ElderlyFamily],
        ProgramId::DisabilityLiving | ProgramId::DisabilityCare => &[Disability],
        ProgramId::Orphan | ProgramId::DeFactoUnsupportedChild => &[Children],
        ProgramId::StudentGrant => &[Children],
        ProgramId::FuneralWaiver | ProgramId::EcoBurialReward => &[Bereavement],
        ProgramId::MedicalAssistance => &[Hardship, Disability, SuddenDifficulty],
        ProgramId::HousingAssistance | ProgramId::EmploymentAssistance => &[Hardship],
        ProgramId::EducationAssistance => &[Children],
    }
}

fn description(id: ProgramId) -> Bilingual {
    match id {
        ProgramId::Dibao => Bilingual::new(
            "家庭人均收入低于低保标准的，按差额每月补足；重残、重病成员可参照“单人户”纳入。",
            "Tops up household income per person to the minimum living standard each month; severely \
             disabled or ill members may be covered as a single-person household.",
        ),
        ProgramId::Tekun => Bilingual::new(
            "无劳动能力、无生活来源、无人赡养抚养的老人、残疾人和未成年人，按特困标准供养。",
            "Support at the extreme-poverty standard for elderly, disabled and minor people who cannot \
             work, have no income and no one able to support them.",
        ),
        ProgramId::LowIncome => Bilingual::new(
            "收入略高于低保标准的家庭，可获得医疗、住房、教育、就业等专项救助。",
            "Households just above the dibao line can receive medical, housing, education and \
             employment assistance.",
        ),
        ProgramId::ExpenditurePoverty => Bilingual::new(
            "因医疗、教育等刚性支出过大导致生活困难的家庭。",
            "Households in hardship because of heavy medical or education spending.",
        ),
        ProgramId::Temporary => Bilingual::new(
            "遭遇突发事件、意外、重病等暂时困难的，一次性救助；急难可先行救助。",
            "A one-off payment after a sudden event, accident or illness; urgent cases are helped first.",
        ),
        ProgramId::ElderlyAllowance => Bilingual::new(
            "武汉户籍高龄老人按年龄段每月领取津贴。",
            "A monthly allowance for elderly Wuhan residents, by age band.",
        ),
        ProgramId::DisabilityLiving => Bilingual::new(
            "低保家庭中的残疾人每月领取生活补贴。",
            "A monthly living subsidy for disabled members of dibao households.",
        ),
        ProgramId::DisabilityCare => Bilingual::new(
            "一、二级重度残疾人每月领取护理补贴。",
            "A monthly care subsidy for people with a grade 1 or 2 disability.",
        ),
        ProgramId::Orphan => Bilingual::new(
            "孤儿按集中供养或散居标准每月领取基本生活费。",
            "A monthly allowance for orphans, in institutional or family care.",
        ),
        ProgramId::DeFactoUnsupportedChild => Bilingual::new(
            "父母无法履行抚养责任的儿童，参照散居孤儿标准保障。",
            "Children whose parents cannot raise them are supported like scattered orphans.",
        ),
        ProgramId::StudentGrant => Bilingual::new(
            "困难家庭的在读大学生每年领取助学金。",
            "A yearly grant for college students from hardship households.",
        ),
        ProgramId::FuneralWaiver => Bilingual::new(
            "免除遗体接运、冷藏、火化、骨灰盒、骨灰寄存等基本殡葬服务费；外地火化的3个月内报销。",
            "Waives the basic funeral services (transport, cold storage, cremation, urn, ash storage); \
             a cremation outside Wuhan is claimed back within 3 months.",
        ),
        ProgramId::EcoBurialReward => Bilingual::new(
            "选择树葬、花坛葬、草坪葬、海葬等生态安葬的给予奖补。",
            "A reward for tree, flower-bed, lawn or sea burial.",
        ),
        ProgramId::MedicalAssistance => Bilingual::new(
            "困难家庭的医疗费用救助，由医保部门办理。",
            "Help with medical costs for hardship households, handled by the healthcare security bureau.",
        ),
        ProgramId::HousingAssistance => Bilingual::new(
            "困难家庭的公租房、租赁补贴，由住房保障部门办理。",
            "Public rental housing or rent subsidy for hardship households, handled by the housing department.",
        ),
        ProgramId::EducationAssistance => Bilingual::new(
            "困难家庭学生的教育资助，由教育部门和学校办理。",
            "Education aid for students from hardship households, handled by schools and the education bureau.",
        ),
        ProgramId::EmploymentAssistance => Bilingual::new(
            "困难家庭劳动力的就业帮扶，由人社部门办理。",
            "Job help for working-age members of hardship households, handled by human resources.",
        ),
    }
}

/// Every program with its names, description, life events and questions.
pub fn programs_catalog() -> Vec<ProgramInfo> {
    ProgramId::ALL
        .iter()
        .map(|&id| ProgramInfo {
            id,
            name: id.name(),
            description: description(id),
            life_events: life_events_of(id).to_vec(),
            decided_by_civil_affairs: id.decided_by_civil_affairs(),
            questions: questions_for_program(id).to_vec(),
        })
        .collect()
}

/// The programs related to any of `events`, in display order.
pub fn programs_for(events: &[LifeEvent]) -> Vec<ProgramId> {
    ProgramId::ALL
        .iter()
        .copied()
        .filter(|&id| life_events_of(id).iter().any(|e| events.contains(e)))
        .collect()
}

/// The questions needed by the programs related to `events`, each once, in asking order.
pub fn questions_for(events: &[LifeEvent]) -> Vec<QuestionId> {
    let mut out: Vec<QuestionId> = programs_for(events)
        .into_iter()
        .flat_map(|p| questions_for_program(p).iter().copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}
