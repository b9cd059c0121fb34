//! Cases (一门受理): what the resident's pages, the caseworker's desk and the API show of an
//! application — one set of shapes for all three, and the names of states, relations, burial
//! types and documents in both languages.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// `(key, 中文, English)`.
pub type Choice = (&'static str, &'static str, &'static str);

crate::coded_enum! {
    /// The kinds of case.
    pub enum CaseKind {
        /// A pre-application for assistance, sent from the eligibility check.
        Preapplication = "preapplication",
        /// A funeral subsidy claim.
        Funeral = "funeral",
    }
}

crate::coded_enum! {
    /// The states a case moves through (their names: `CASE_STATES`).
    pub enum CaseState {
        Submitted = "submitted",
        Accepted = "accepted",
        MoreDocuments = "more_documents",
        Approved = "approved",
        Rejected = "rejected",
        Paid = "paid",
        Referred = "referred",
    }
}

impl CaseState {
    /// States in which the applicant may still add documents.
    pub const OPEN: &'static [CaseState] = &[
        CaseState::Submitted,
        CaseState::Accepted,
        CaseState::MoreDocuments,
    ];

    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }

    /// The state's name for people.
    pub fn label(self, l: Locale) -> String {
        label(l, CASE_STATES, self.as_str())
    }
}

crate::coded_enum! {
    /// What a caseworker does to a case (their names: `action_label`).
    pub enum CaseAction {
        Accept = "accept",
        RequestDocuments = "request_documents",
        Approve = "approve",
        Reject = "reject",
        Pay = "pay",
        Refer = "refer",
        /// An open funeral claim gives up its hold on the deceased's number (F6).
        Release = "release",
    }
}

/// The states a case moves through.
pub const CASE_STATES: &[Choice] = &[
    (
        "submitted",
        "已提交，等待受理",
        "Sent, waiting to be accepted",
    ),
    ("accepted", "已受理，正在审核", "Accepted, being reviewed"),
    ("more_documents", "需要补充材料", "More documents needed"),
    ("approved", "已批准", "Approved"),
    ("rejected", "未获批准", "Not approved"),
    ("paid", "已发放", "Paid"),
    ("referred", "已转办理", "Referred for handling"),
];

/// What a state means for the resident, in plain words.
pub fn state_next_step(l: Locale, state: &str) -> &'static str {
    match state {
        "submitted" => l.t(
            "街道经办人会在 5 个工作日内查看您的申请。",
            "A caseworker of the street office looks at it within 5 working days.",
        ),
        "accepted" => l.t(
            "材料已收到，经办人正在审核。",
            "Your documents are in; a caseworker is reviewing them.",
        ),
        "more_documents" => l.t(
            "请按经办人的说明补充材料：在本页上传，或带到街道便民服务中心。",
            "Please add what the caseworker asks for: upload it on this page or bring it to the street service centre.",
        ),
        "approved" => l.t(
            "已批准，钱款将转入您填写的银行账户。",
            "Approved: the money goes to the bank account you gave.",
        ),
        "paid" => l.t(
            "钱款已发放，请留意银行到账信息。",
            "The money has been paid; watch for it in your bank account.",
        ),
        "referred" => l.t(
            "已转给负责的科室办理，工作人员会电话联系您。",
            "Passed to the office that handles it; staff will phone you.",
        ),
        "rejected" => l.t(
            "如对结果有异议，可在 60 日内申请行政复议。",
            "If you disagree, you may apply for administrative review within 60 days.",
        ),
        _ => "",
    }
}

/// Relation of the applicant to the deceased.
pub const RELATIONS: &[Choice] = &[
    ("spouse", "配偶", "Spouse"),
    ("child", "子女", "Child"),
    ("parent", "父母", "Parent"),
    ("sibling", "兄弟姐妹", "Brother or sister"),
    ("relative", "其他亲属", "Other relative"),
    ("agent", "受托办理人", "Person acting for the family"),
];

/// How the ashes were laid to rest.
pub const BURIAL_TYPES: &[Choice] = &[
    (
        "ordinary",
        "骨灰寄存或公墓安葬",
        "Ash storage or a cemetery plot",
    ),
    ("tree", "树葬", "Tree burial"),
    ("flower_bed", "花坛葬", "Flower-bed burial"),
    ("lawn", "草坪葬", "Lawn burial"),
    (
        "scattering",
        "海葬或江河撒散",
        "Scattering at sea or on a river",
    ),
];

/// The basic funeral services (基本殡葬服务) a family may have used.
pub const FUNERAL_ITEMS: &[Choice] = &[
    ("transport", "遗体接运", "Transport of the body"),
    ("cold_storage", "遗体冷藏", "Cold storage"),
    ("cremation", "遗体火化", "Cremation"),
    ("urn", "骨灰盒", "Urn"),
    ("ash_storage", "骨灰寄存", "Ash storage"),
];

/// Kinds of document an application carries.
pub const DOCUMENT_KINDS: &[Choice] = &[
    ("death_certificate", "死亡证明", "Death certificate"),
    ("cremation_certificate", "火化证明", "Cremation certificate"),
    ("invoice", "殡葬费用发票", "Funeral invoice"),
    ("id_card", "申请人身份证", "Applicant's ID card"),
    ("relation_proof", "亲属关系证明", "Proof of relationship"),
    ("other", "其他材料", "Other document"),
];

/// The label of `key` in `list`, or the key itself.
pub fn label(l: Locale, list: &[Choice], key: &str) -> String {
    list.iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| l.t(zh, en).to_string())
        .unwrap_or_else(|| key.to_string())
}

/// The kinds of case.
pub fn kind_label(l: Locale, kind: &str) -> &'static str {
    match kind {
        "funeral" => l.t("丧葬补贴申请", "Funeral subsidy claim"),
        _ => l.t("救助预申请", "Pre-application for assistance"),
    }
}

/// A case in a list (the resident's cases, a street office's queue).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    pub reference: String,
    /// `funeral` or `preapplication`.
    pub kind: String,
    pub street_code: String,
    pub street_zh: String,
    pub street_en: String,
    pub state: String,
    /// Program names, Chinese and English.
    pub programs: Vec<(String, String)>,
    /// Date and time sent (Asia/Shanghai).
    pub submitted: String,
    /// Last day to act, when there is one (e.g. the 3-month reimbursement window).
    pub deadline: Option<String>,
    /// Whole days from today to the deadline (negative: passed).
    pub days_left: Option<i64>,
}

/// One step of a case's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseEvent {
    pub at: String,
    /// The caseworker's name, or 申请人 / Applicant.
    pub by: String,
    pub from: Option<String>,
    pub to: String,
    pub reason_zh: String,
    pub reason_en: String,
}

/// A document of a case (its content is downloaded separately, with authorisation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseDocument {
    pub id: String,
    pub kind: String,
    pub content_type: String,
    pub size: i64,
    /// `applicant` or `staff`.
    pub added_by: String,
    pub added: String,
}

/// A line of "who is who" on a case, always masked (张*, 4201********1234).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaskedLine {
    pub label_zh: String,
    pub label_en: String,
    pub value: String,
}

/// Money of a case: the estimate by the standards in force today while it is open, the fixed
/// decided amount once decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseMoney {
    /// Reimbursement asked for (cremation outside Wuhan), fen.
    pub claimed_fen: i64,
    /// What the standards in force today give, fen (open cases).
    pub estimate_fen: Option<i64>,
    /// What was approved, fen; never changed by later standards.
    pub decided_fen: Option<i64>,
    /// The standards the figure rests on: name, value text, effective date.
    pub basis: Vec<(String, String, String)>,
}

/// A whole case as its applicant or its caseworker sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub people: Vec<MaskedLine>,
    /// The applicant's phone: masked, or in full once their caseworker asked for it (audited).
    pub phone: String,
    pub money: Option<CaseMoney>,
    pub events: Vec<CaseEvent>,
    pub documents: Vec<CaseDocument>,
    /// What the reader may do next: for staff the workflow's actions (`accept`,
    /// `request_documents`, `approve`, `reject`, `pay`, `refer`); for the applicant
    /// `add_documents` while the case is open.
    pub actions: Vec<String>,
}

/// A caseworker's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseQueue {
    pub street_code: String,
    pub street_zh: String,
    pub street_en: String,
    pub open: Vec<CaseSummary>,
    pub closed: Vec<CaseSummary>,
}

/// `/cases/{reference}` (its applicant) and `/staff/case?ref=` (its caseworker): the case, and
/// what the last action did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePage {
    pub case: CaseDetail,
    pub notice: Option<(String, String)>,
}

/// `/staff/case?ref=`: the case, or why the caseworker may not open it (or that it does not
/// exist), in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffCasePage {
    Open(CasePage),
    Refused { zh: String, en: String },
}

/// The name of a staff action on a case.
pub fn action_label(l: Locale, action: &str) -> &'static str {
    match action {
        "accept" => l.t("受理", "Accept"),
        "request_documents" => l.t("要求补充材料", "Ask for documents"),
        "approve" => l.t("批准", "Approve"),
        "reject" => l.t("不予批准", "Reject"),
        "pay" => l.t("登记已发放", "Record payment"),
        "refer" => l.t("转办", "Refer"),
        "release" => l.t(
            "释放逝者身份证号（允许家属另行申请）",
            "Release the deceased's ID number (the family may claim)",
        ),
        _ => l.t("办理", "Handle"),
    }
}

/// The caseworker's staff pages: the street's queue and one case.
pub const STAFF_PAGES: &[crate::account::StaffPage] = &[
    crate::account::StaffPage {
        path: "/staff/cases",
        roles: crate::account::CASEWORKERS,
        menu: Some(("本街道案件", "My street's cases")),
    },
    crate::account::StaffPage {
        path: "/staff/case",
        roles: crate::account::CASEWORKERS,
        menu: None,
    },
];

#[cfg(test)]
mod coded_tests {
    use super::*;

    #[test]
    fn every_state_has_a_name_and_codes_round_trip() {
        for s in CaseState::ALL {
            assert_eq!(CaseState::from_code(s.as_str()), Some(*s));
            assert_ne!(s.label(Locale::Zh), s.as_str(), "{s} has a name");
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<CaseState>(&json).unwrap(), *s);
        }
        for a in CaseAction::ALL {
            assert_ne!(
                action_label(Locale::En, a.as_str()),
                "Handle",
                "{a} has a name"
            );
        }
        assert_eq!(CaseKind::from_code("funeral"), Some(CaseKind::Funeral));
        assert_eq!(CaseKind::from_code("Funeral"), None);
        assert!(serde_json::from_str::<CaseAction>("\"delete\"").is_err());
    }
}
