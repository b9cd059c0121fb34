//! What the charity pages and the charity API show: one set of shapes for both.

use serde::{Deserialize, Serialize};

/// The charity the online channel works for (configured by the bureau).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Charity {
    pub name: String,
    /// 统一社会信用代码.
    pub registration: String,
    /// 公开募捐资格证书 number.
    pub fundraising_certificate: String,
    pub contact: String,
}

/// A project with its derived money figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectSummary {
    pub id: String,
    pub title: String,
    /// 备案编号.
    pub filing_no: String,
    /// `draft`, `open`, `closed` or `reported`.
    pub status: String,
    pub emergency: bool,
    pub starts_on: String,
    pub ends_on: String,
    pub goal_fen: i64,
    pub raised_fen: i64,
    pub disbursed_fen: i64,
    pub refunded_fen: i64,
    pub balance_fen: i64,
    pub donations: i64,
    /// Date of the last published update or report.
    pub last_report_on: Option<String>,
}

impl ProjectSummary {
    /// Raised against goal in per mille, capped at 1000 (for the progress bar).
    pub fn progress_permille(&self) -> i64 {
        if self.goal_fen <= 0 {
            return 0;
        }
        ((i128::from(self.raised_fen) * 1000 / i128::from(self.goal_fen)) as i64).clamp(0, 1000)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetLine {
    pub label: String,
    pub budget_fen: i64,
    /// Disbursed against this line.
    pub actual_fen: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectUpdate {
    /// `update` or `final`.
    pub kind: String,
    pub title: String,
    pub body: String,
    pub published_on: String,
}

/// One ledger entry as the public sees it (donors masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerLine {
    pub seq: i64,
    /// Date and time, Asia/Shanghai.
    pub at: String,
    pub project_id: String,
    /// `donation`, `disbursement` or `refund`.
    pub kind: String,
    pub amount_fen: i64,
    /// 张*, 匿名, or the payee category of a disbursement.
    pub counterparty: String,
    /// Purpose of a disbursement, reason of a refund.
    pub memo: String,
    pub has_evidence: bool,
    /// The entry's link in the hash chain (first 16 hex digits).
    pub hash: String,
}

/// One line of the goods ledger (款物签收台账).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoodsLine {
    pub at: String,
    pub lot_id: String,
    /// `received` or `handed_out`.
    pub kind: String,
    pub category: String,
    pub description: String,
    pub quantity: i64,
    pub unit: String,
    /// The street centre that received it, or the project or beneficiary category it went to.
    pub recipient: String,
}

/// Goods at a street centre: one lot and its running stock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoodsStock {
    pub lot_id: String,
    pub category: String,
    pub description: String,
    pub unit: String,
    pub street_name: String,
    pub received: i64,
    pub remaining: i64,
}

/// A goods pledge waiting to be dropped off (staff view; donor not shown).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoodsPledge {
    pub id: String,
    pub category: String,
    pub description: String,
    pub quantity: i64,
    pub unit: String,
    /// `new`, `good` or `used`.
    pub condition: String,
    pub street_name: String,
    pub pledged_on: String,
}

/// Goods categories a pledge chooses from: (code, zh, en).
pub const GOODS_CATEGORIES: &[(&str, &str, &str)] = &[
    ("clothing", "衣物被褥", "Clothing and bedding"),
    ("food", "粮油食品", "Food"),
    ("study", "学习用品", "School supplies"),
    ("daily", "生活用品", "Household goods"),
    ("medical", "医疗康复用品", "Medical and rehabilitation aids"),
    ("other", "其他", "Other"),
];

pub fn goods_category_name(code: &str, en: bool) -> String {
    GOODS_CATEGORIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, zh, e)| if en { *e } else { *zh })
        .unwrap_or(code)
        .to_string()
}

/// Payee categories of a disbursement: (code, zh, en).
pub const PAYEE_CATEGORIES: &[(&str, &str, &str)] = &[
    ("beneficiary", "受助个人", "Individual beneficiaries"),
    ("supplier", "物资供应商", "Suppliers of goods"),
    ("service", "服务机构", "Service providers"),
    (
        "institution",
        "学校、医院等机构",
        "Schools, hospitals and other institutions",
    ),
];

/// The outcome of the ledger check anyone can run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reconciliation {
    pub ok: bool,
    pub entries: i64,
    pub projects: i64,
    pub paid_orders: i64,
    /// The hash of the last entry.
    pub head: String,
    /// Each problem found, in Chinese and English: (zh, en).
    #[cfg_attr(feature = "openapi", schema(schema_with = problem_pairs))]
    pub problems: Vec<(String, String)>,
    /// Date and time of the check, Asia/Shanghai.
    pub checked_at: String,
}

/// The OpenAPI schema of `Reconciliation::problems`: a list of `[zh, en]` pairs, spelled as
/// arrays of exactly two strings (the same set of values as a two-string tuple, without
/// `prefixItems`, which Schemathesis 4.32 cannot validate responses against at a schema's root).
#[cfg(feature = "openapi")]
fn problem_pairs() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, Object, Type};
    let pair = ArrayBuilder::new()
        .items(Object::with_type(Type::String))
        .min_items(Some(2))
        .max_items(Some(2))
        .description(Some("[zh, en]"));
    ArrayBuilder::new()
        .items(pair)
        .description(Some(
            "Each problem found, in Chinese and English: [zh, en].",
        ))
        .build()
}

/// The public page of one project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectPage {
    pub charity: Charity,
    pub project: ProjectSummary,
    pub story: String,
    pub budget: Vec<BudgetLine>,
    pub updates: Vec<ProjectUpdate>,
    /// Newest first.
    pub ledger: Vec<LedgerLine>,
    /// Donation limits in force: (smallest, largest) in fen.
    pub limits: (i64, i64),
    /// Street centres taking goods: (code, name).
    pub streets: Vec<(String, String)>,
    /// True while donations are taken.
    pub accepting: bool,
    pub notice: Option<(String, String)>,
}

/// The charity's home: its projects.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CharityHome {
    pub charity: Charity,
    /// Open projects first, then closed and reported ones (drafts are not public).
    pub projects: Vec<ProjectSummary>,
}

/// A donation order as its donor follows it (no name).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderStatus {
    pub order_no: String,
    pub project_id: String,
    pub project_title: String,
    pub amount_fen: i64,
    /// `pending`, `paid` or `expired`.
    pub status: String,
    /// Date and time the order stops being payable, Asia/Shanghai.
    pub expires: String,
    /// The gateway's payment page for this order.
    pub pay_url: String,
    /// Set once paid, when a receipt was asked for.
    pub receipt_no: Option<String>,
    /// Where the ledger line of this donation is (its seq), once paid.
    pub entry_seq: Option<i64>,
}

/// `/charity/orders/{order}`: a donor follows their order; `receipt_here` when this browser
/// placed it and may download its receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPage {
    pub order: OrderStatus,
    pub receipt_here: bool,
}

/// The sandbox gateway's payment page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentPage {
    pub order: OrderStatus,
    /// The absolute address a phone opens to pay (what the kiosk's QR code carries).
    pub pay_url_absolute: String,
    /// True when the order was paid at the gateway (the notification may still be on its way).
    pub paid_at_gateway: bool,
}

/// The public transparency page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transparency {
    pub charity: Charity,
    pub raised_fen: i64,
    pub disbursed_fen: i64,
    pub refunded_fen: i64,
    pub balance_fen: i64,
    pub projects: Vec<ProjectSummary>,
    /// The latest entries, newest first.
    pub ledger: Vec<LedgerLine>,
    /// The latest goods lines, newest first.
    pub goods: Vec<GoodsLine>,
    pub stock: Vec<GoodsStock>,
    pub reconciliation: Reconciliation,
    /// The chain head at the end of each day: (date, last seq, hash), newest first.
    pub daily_heads: Vec<(String, i64, String)>,
}

/// One of a donor's receipts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptLine {
    pub number: String,
    pub date: String,
    pub project_title: String,
    pub amount_fen: i64,
}

/// A signed-in donor's receipts and the years with an annual statement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DonorReceipts {
    pub receipts: Vec<ReceiptLine>,
    pub years: Vec<i32>,
}

/// What checking a receipt's number and code found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptCheck {
    pub number: String,
    pub genuine: bool,
    pub date: Option<String>,
    pub project_title: Option<String>,
    pub amount_fen: Option<i64>,
    /// Masked: 张*.
    pub donor: Option<String>,
    /// Set when the donation was refunded (its date, Asia/Shanghai): the receipt is void.
    #[serde(default)]
    pub voided_on: Option<String>,
}

/// What is due under the disclosure clock for one project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisclosureDue {
    pub project_id: String,
    pub title: String,
    /// `update` or `final`.
    pub kind: String,
    pub due_on: String,
    pub overdue: bool,
}

/// One disbursement as the desk lists it, with its evidence for staff to open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskDisbursement {
    pub seq: i64,
    /// Date and time, Asia/Shanghai.
    pub at: String,
    pub project_id: String,
    pub project_title: String,
    pub amount_fen: i64,
    pub purpose: String,
    /// The payee category (zh), as the ledger records it.
    pub payee: String,
    pub budget_line: Option<i64>,
    pub evidence_id: Option<String>,
}

/// The charity staff's desk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharityDesk {
    pub projects: Vec<ProjectSummary>,
    pub due: Vec<DisclosureDue>,
    pub pledges: Vec<GoodsPledge>,
    pub stock: Vec<GoodsStock>,
    /// Recent donations that can be refunded: (seq, project title, amount, date).
    pub refundable: Vec<(i64, String, i64, String)>,
    pub reconciliation: Reconciliation,
    /// The latest disbursements, newest first.
    pub disbursements: Vec<DeskDisbursement>,
    /// A fresh key for the disbursement form: sending the same form twice records it once.
    pub form_key: String,
    pub notice: Option<(String, String)>,
}

/// The charity's staff page: its desk.
pub const STAFF_PAGES: &[crate::account::StaffPage] = &[crate::account::StaffPage {
    path: "/staff/charity",
    roles: crate::account::CHARITY_STAFF,
    menu: Some(("慈善项目与款物", "Charity projects and goods")),
}];
