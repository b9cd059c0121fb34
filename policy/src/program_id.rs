//! The programs' names as a type, apart from the programs themselves so that results can name
//! a program without depending on the engine (`programs` adds what each one does).

use serde::{Deserialize, Serialize};

/// Every program the engine knows, in the order results are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgramId {
    /// 最低生活保障（低保）, including 单人户.
    Dibao,
    /// 特困人员救助供养.
    Tekun,
    /// 低收入家庭认定.
    LowIncome,
    /// 支出型贫困家庭认定.
    ExpenditurePoverty,
    /// 临时救助.
    Temporary,
    /// 高龄津贴.
    ElderlyAllowance,
    /// 困难残疾人生活补贴.
    DisabilityLiving,
    /// 重度残疾人护理补贴.
    DisabilityCare,
    /// 孤儿基本生活保障 (institutional or scattered).
    Orphan,
    /// 事实无人抚养儿童基本生活保障.
    DeFactoUnsupportedChild,
    /// 大学生助学.
    StudentGrant,
    /// 基本殡葬服务费用减免.
    FuneralWaiver,
    /// 生态安葬奖补.
    EcoBurialReward,
    /// 医疗救助 (referral: 医疗保障部门).
    MedicalAssistance,
    /// 住房救助 (referral: 住房保障部门).
    HousingAssistance,
    /// 教育救助 (referral: 教育部门).
    EducationAssistance,
    /// 就业救助 (referral: 人社部门).
    EmploymentAssistance,
}
