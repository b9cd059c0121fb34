//! The facts about a household that the programs read. Sent as JSON by the UI to the API and
//! evaluated in the browser; nothing here identifies a person.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// Which assistance standard applies. Asked, never inferred from the street (the plan aims to
/// unify the two by 2025; the parameters may then converge without code change).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Residence {
    /// Urban (城市) standard.
    Urban,
    /// Rural (农村) standard.
    Rural,
}

/// An answer that may be "don't know". Unknown never passes silently: it leads to
/// "needs a caseworker".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriState {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Not known or not answered.
    #[default]
    Unknown,
}

/// Disability grade on the disability certificate (残疾人证); grades 1 and 2 are severe (重度).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisabilityGrade {
    /// No certified disability.
    #[default]
    None,
    /// Grade 1 (一级), the most severe.
    Grade1,
    /// Grade 2 (二级).
    Grade2,
    /// Grade 3 (三级).
    Grade3,
    /// Grade 4 (四级).
    Grade4,
}

impl DisabilityGrade {
    /// Any certified grade.
    pub fn is_disabled(self) -> bool {
        self != DisabilityGrade::None
    }

    /// Grade 1 or 2 (重度残疾).
    pub fn is_severe(self) -> bool {
        matches!(self, DisabilityGrade::Grade1 | DisabilityGrade::Grade2)
    }
}

/// Whether a child's parents can raise them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParentsStatus {
    /// At least one parent raises the child (or the member is not a child).
    #[default]
    Supported,
    /// Orphan (孤儿): both parents have died or are declared missing, or cannot be found.
    Orphan,
    /// De-facto unsupported (事实无人抚养): both parents are each severely disabled, severely
    /// ill, imprisoned, in compulsory drug rehabilitation, otherwise deprived of liberty or
    /// out of contact; or one has died or is missing and the other is in one of those situations.
    DeFactoUnsupported,
    /// The person answering is not sure.
    Unsure,
}

/// One member of the household (everyone who lives and shares income together).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Member {
    /// Age in completed years; used when `birth_date` is absent.
    pub age: Option<u16>,
    /// Date of birth; takes precedence over `age`.
    pub birth_date: Option<Date>,
    /// Certified disability grade.
    pub disability: DisabilityGrade,
    /// Has a severe illness (重病), e.g. one on the list of major diseases.
    pub severe_illness: bool,
    /// Able to work. Elderly people (60+), children under 16 and severely disabled people
    /// count as unable whatever is answered here.
    pub can_work: TriState,
    /// Currently a college (大专/本科) student.
    pub college_student: bool,
    /// This member's own monthly income in fen, if known. When absent: the household income for
    /// a one-person household, otherwise 0 (stated in the reasons where it matters).
    pub own_monthly_income_fen: Option<i64>,
    /// For a child: whether the parents can raise them.
    pub parents: ParentsStatus,
    /// Lives in a child-welfare institution (集中供养) rather than with family.
    pub in_welfare_institution: bool,
    /// Cannot look after themselves in daily life (生活不能自理).
    pub needs_daily_care: bool,
}

impl Member {
    /// Completed years on `date`: from the birth date if given, else the stated age.
    /// `None` when neither is given.
    pub fn age_on(&self, date: Date) -> Option<i64> {
        match (self.birth_date, self.age) {
            (Some(born), _) => Some(i64::from(born.years_until(date))),
            (None, Some(age)) => Some(i64::from(age)),
            (None, None) => None,
        }
    }
}

/// The asset questions of the means test. "Yes" to any means the assets exceed the limits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Assets {
    /// Savings, deposits and securities above the local limit.
    pub savings_over_limit: TriState,
    /// More housing than the one home lived in.
    pub extra_housing: TriState,
    /// A motor vehicle (other than a mobility vehicle for a disabled person).
    pub vehicle: TriState,
}

impl Assets {
    /// `Yes` if any answer shows assets over the limits, `No` if all three are within them,
    /// otherwise `Unknown`.
    pub fn over_limits(&self) -> TriState {
        let all = [self.savings_over_limit, self.extra_housing, self.vehicle];
        if all.contains(&TriState::Yes) {
            TriState::Yes
        } else if all.iter().all(|a| *a == TriState::No) {
            TriState::No
        } else {
            TriState::Unknown
        }
    }
}

/// Kind of eco-burial (生态安葬).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EcoBurial {
    /// Tree burial (树葬).
    Tree,
    /// Flower-bed burial (花坛葬).
    FlowerBed,
    /// Lawn burial (草坪葬).
    Lawn,
    /// Scattering at sea or on a river (海葬、江河撒散).
    Scattering,
}

/// A family member who has died, for the funeral programs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deceased {
    /// Household registration (户籍) in Wuhan.
    pub hukou_wuhan: TriState,
    /// Died in Wuhan.
    pub died_in_wuhan: TriState,
    /// Cremated (or to be cremated) in Wuhan.
    pub cremated_in_wuhan: TriState,
    /// Date of cremation, if it has taken place (for the 3-month claim window).
    pub cremation_date: Option<Date>,
    /// Eco-burial chosen, if any.
    pub eco_burial: Option<EcoBurial>,
}

/// Everything the pre-eligibility check asks about a household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    /// Urban or rural assistance standard.
    pub residence: Residence,
    /// The members, 1 to 20.
    pub members: Vec<Member>,
    /// Total household income per month in fen (after tax and social insurance), 0..=10,000,000.
    pub monthly_income_fen: i64,
    /// Someone legally bound to support (赡养、抚养、扶养义务人) exists and is able to.
    #[serde(default)]
    pub supporter_able: TriState,
    /// Out-of-pocket medical spending in the last 12 months, in fen (刚性医疗支出).
    #[serde(default)]
    pub medical_spending_12m_fen: i64,
    /// Education spending in the last 12 months, in fen (刚性教育支出).
    #[serde(default)]
    pub education_spending_12m_fen: i64,
    /// Basic life is in temporary difficulty because of a sudden event (accident, illness,
    /// disaster, epidemic…).
    #[serde(default)]
    pub sudden_hardship: bool,
    /// The situation is urgent (急难): help is needed now. Implies `sudden_hardship`.
    #[serde(default)]
    pub urgent: bool,
    /// Answers to the asset questions.
    #[serde(default)]
    pub assets: Assets,
    /// The household's registration (户籍) is in Wuhan.
    #[serde(default)]
    pub hukou_wuhan: TriState,
    /// A family member who has died, if the funeral programs are wanted.
    #[serde(default)]
    pub deceased: Option<Deceased>,
}

impl Household {
    /// A household with the given residence and members and income, everything else unanswered.
    pub fn new(residence: Residence, members: Vec<Member>, monthly_income_fen: i64) -> Household {
        Household {
            residence,
            members,
            monthly_income_fen,
            supporter_able: TriState::Unknown,
            medical_spending_12m_fen: 0,
            education_spending_12m_fen: 0,
            sudden_hardship: false,
            urgent: false,
            assets: Assets::default(),
            hukou_wuhan: TriState::Unknown,
            deceased: None,
        }
    }

    /// Medical plus education spending over the last 12 months.
    pub fn rigid_spending_12m_fen(&self) -> i64 {
        self.medical_spending_12m_fen
            .saturating_add(self.education_spending_12m_fen)
    }

    /// A member's own monthly income as the rules use it: the stated figure, else the household
    /// income for a one-person household, else 0.
    pub fn own_income_of(&self, member: &Member) -> i64 {
        match member.own_monthly_income_fen {
            Some(fen) => fen,
            None if self.members.len() == 1 => self.monthly_income_fen,
            None => 0,
        }
    }
}
