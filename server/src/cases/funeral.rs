//! The funeral subsidy claim (丧葬补贴): a family member asks for the reimbursement of basic
//! funeral service fees paid for a cremation outside Wuhan (within the window after the
//! cremation) and for the eco-burial reward. The amounts come from the `policy` engine with the
//! standards in force; one claim per deceased person.

use super::documents::{self, Upload};
use super::{Applicant, new_reference, notify, refuse, seal_json};
use crate::auth::AuthUser;
use crate::cases::store::{self as store, CaseRow, Change, NewCase};
use crate::clock::today;
use crate::error::ApiError;
use crate::state::AppState;
use crate::text::required;
use policy::programs::funeral::ClaimWindow;
use policy::{
    Date, Deceased, EcoBurial, Household, ProgramId, ProgramResult, Residence, ResidentId, TriState,
};
use serde::{Deserialize, Serialize};
use types::cases::{BURIAL_TYPES, FUNERAL_ITEMS, RELATIONS};
use types::cases::{CaseKind, CaseState};

/// A funeral subsidy claim as the form or an API client sends it. Money in fen.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FuneralApplication {
    pub applicant_name: String,
    /// The applicant's resident ID number.
    pub applicant_id: String,
    /// One of `spouse`, `child`, `parent`, `sibling`, `relative`, `agent`.
    pub relation: String,
    pub deceased_name: String,
    /// The deceased's resident ID number: one claim per person.
    pub deceased_id: String,
    /// The deceased's household registration (户籍) is in Dongxihu District.
    pub hukou_wuhan: bool,
    /// The street office of that registration: the office that handles the claim.
    pub street_code: String,
    pub died_in_wuhan: bool,
    /// `YYYY-MM-DD`.
    pub death_date: String,
    pub death_certificate: String,
    pub cremated_in_wuhan: bool,
    pub cremation_place: String,
    /// `YYYY-MM-DD`.
    pub cremation_date: String,
    pub cremation_certificate: String,
    /// One of `ordinary`, `tree`, `flower_bed`, `lawn`, `scattering`.
    pub burial: String,
    /// Basic services used: `transport`, `cold_storage`, `cremation`, `urn`, `ash_storage`.
    #[serde(default)]
    pub items: Vec<String>,
    /// Basic service fees paid for a cremation outside Wuhan, to reimburse (0 when none).
    #[serde(default)]
    pub claimed_fen: i64,
    pub bank_name: String,
    /// The account the money is paid to: sealed, shown masked.
    pub bank_account: String,
}

/// What an application is worth by the standards in force, and on which standards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    pub reimbursement_fen: i64,
    pub eco_reward_fen: i64,
    /// The window to claim the reimbursement in (cremation outside Wuhan), as `policy` sets it.
    pub window: Option<ClaimWindow>,
    pub programs: Vec<ProgramId>,
    /// `(name, value, effective date)` of every standard used.
    pub basis: Vec<(String, String, String)>,
}

impl Estimate {
    pub fn total(&self) -> i64 {
        self.reimbursement_fen + self.eco_reward_fen
    }
}

fn yes(b: bool) -> TriState {
    if b { TriState::Yes } else { TriState::No }
}

fn eco(burial: &str) -> Option<EcoBurial> {
    match burial {
        "tree" => Some(EcoBurial::Tree),
        "flower_bed" => Some(EcoBurial::FlowerBed),
        "lawn" => Some(EcoBurial::Lawn),
        "scattering" => Some(EcoBurial::Scattering),
        _ => None,
    }
}

fn date_field(text: &str, field: &str, zh: &str, en: &str, today: Date) -> Result<Date, ApiError> {
    match Date::parse(text.trim()) {
        Ok(d) if d <= today => Ok(d),
        Ok(_) => Err(ApiError::field(
            field,
            &format!("{zh}不能晚于今天"),
            &format!("The {en} cannot be after today"),
        )),
        Err(_) => Err(ApiError::field(
            field,
            &format!("请填写{zh}，格式如 2026-10-08"),
            &format!("Enter the {en} as e.g. 2026-10-08"),
        )),
    }
}

fn id_field(
    text: &str,
    field: &str,
    zh: &str,
    en: &str,
    today: Date,
) -> Result<ResidentId, ApiError> {
    ResidentId::parse(text, today).map_err(|e| {
        ApiError::field(
            field,
            &format!("{zh}：{}", e.message_zh()),
            &format!("{en}: {}", e.message_en()),
        )
    })
}

fn certificate(text: &str, field: &str, zh: &str, en: &str) -> Result<String, ApiError> {
    let v = required(text, field, 30, zh, en)?;
    if v.chars().count() < 4
        || !v.chars().all(|c| {
            c.is_ascii_alphanumeric() || c == '-' || c == '（' || c == '）' || c > '\u{4e00}'
        })
    {
        return Err(ApiError::field(
            field,
            &format!("{zh}应为 4 到 30 位的编号，请照证明上的编号填写"),
            &format!("The {en} is a number of 4 to 30 characters, as printed on the certificate"),
        ));
    }
    Ok(v)
}

fn choice(
    value: &str,
    list: &[types::cases::Choice],
    field: &str,
    zh: &str,
    en: &str,
) -> Result<(), ApiError> {
    if list.iter().any(|(k, _, _)| *k == value) {
        Ok(())
    } else {
        Err(ApiError::field(
            field,
            &format!("请选择{zh}"),
            &format!("Choose the {en}"),
        ))
    }
}

/// The household the engine sees for a claim.
fn household(a: &FuneralApplication, cremation: Date) -> Household {
    let mut h = Household::new(Residence::Urban, Vec::new(), 0);
    h.hukou_wuhan = yes(a.hukou_wuhan);
    h.deceased = Some(Deceased {
        hukou_wuhan: yes(a.hukou_wuhan),
        died_in_wuhan: yes(a.died_in_wuhan),
        cremated_in_wuhan: yes(a.cremated_in_wuhan),
        cremation_date: Some(cremation),
        eco_burial: eco(&a.burial),
    });
    h
}

fn basis_of(
    results: &[&ProgramResult],
    params: &policy::ParameterSet,
) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    for r in results {
        for p in r.reasons.iter().filter_map(|x| x.parameter.as_ref()) {
            let Ok(v) = params.value_at(&p.id, p.effective) else {
                continue;
            };
            let value = if v.unit.is_money() {
                format!("{} 元", types::money::yuan(v.value))
            } else {
                v.value.to_string()
            };
            let line = (v.name_zh.to_string(), value, p.effective.to_string());
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}

/// The claim's worth on `date` by the standards in force then. `claimed_fen` is capped at the
/// basic services' standard price; outside the window nothing is reimbursed.
pub fn estimate(
    a: &FuneralApplication,
    cremation: Date,
    date: Date,
    params: &policy::ParameterSet,
) -> Estimate {
    let h = household(a, cremation);
    let waiver = ProgramId::FuneralWaiver.evaluate(&h, date, params);
    let eco_result = ProgramId::EcoBurialReward.evaluate(&h, date, params);
    // Without the standard in force there is no window: nothing is reimbursed.
    let window = (!a.cremated_in_wuhan)
        .then(|| ClaimWindow::of(cremation, date, params).ok())
        .flatten();
    let cap = waiver.amount.as_ref().map(|x| x.fen).unwrap_or(0);
    let in_window = window.is_some_and(|w| date <= w.last_day);
    let reimbursement_fen = if in_window {
        a.claimed_fen.clamp(0, cap)
    } else {
        0
    };
    let eco_reward_fen = eco_result
        .amount
        .as_ref()
        .filter(|_| eco_result.outcome != policy::Outcome::LikelyNot)
        .map(|x| x.fen)
        .unwrap_or(0);
    let mut programs = Vec::new();
    let mut used = Vec::new();
    if a.claimed_fen > 0 {
        programs.push(ProgramId::FuneralWaiver);
        used.push(&waiver);
    }
    if eco_reward_fen > 0 {
        programs.push(ProgramId::EcoBurialReward);
        used.push(&eco_result);
    }
    Estimate {
        reimbursement_fen,
        eco_reward_fen,
        window,
        programs,
        basis: basis_of(&used, params),
    }
}

/// Every rule of the form; the first that fails is the answer. Returns the cremation date.
fn validate(a: &FuneralApplication, today: Date) -> Result<Date, ApiError> {
    required(
        &a.applicant_name,
        "applicant_name",
        30,
        "申请人姓名",
        "applicant's name",
    )?;
    let applicant = id_field(
        &a.applicant_id,
        "applicant_id",
        "申请人身份证号",
        "Applicant's ID number",
        today,
    )?;
    choice(
        &a.relation,
        RELATIONS,
        "relation",
        "与逝者的关系",
        "relation to the deceased",
    )?;
    required(
        &a.deceased_name,
        "deceased_name",
        30,
        "逝者姓名",
        "name of the deceased",
    )?;
    let deceased = id_field(
        &a.deceased_id,
        "deceased_id",
        "逝者身份证号",
        "ID number of the deceased",
        today,
    )?;
    if applicant == deceased {
        return Err(ApiError::field(
            "deceased_id",
            "逝者的身份证号与申请人的相同，请核对",
            "The deceased's ID number is the applicant's; please check it",
        ));
    }
    if !a.hukou_wuhan {
        return Err(ApiError::field(
            "hukou_wuhan",
            "网上申请由逝者户籍所在街道受理，仅限东西湖区户籍；其他情况请到殡仪馆或户籍地咨询",
            "Online claims are handled by the street of the deceased's registration and are for Dongxihu registrations only; otherwise ask the funeral home or the place of registration",
        ));
    }
    if !policy::street_offices()
        .iter()
        .any(|s| s.id == a.street_code)
    {
        return Err(ApiError::field(
            "street_code",
            "请选择逝者户籍所在的街道",
            "Choose the street of the deceased's registration",
        ));
    }
    let death = date_field(
        &a.death_date,
        "death_date",
        "死亡日期",
        "date of death",
        today,
    )?;
    if death < deceased.birth_date() {
        return Err(ApiError::field(
            "death_date",
            "死亡日期早于身份证上的出生日期，请核对",
            "The date of death is before the birth date in the ID number; please check",
        ));
    }
    certificate(
        &a.death_certificate,
        "death_certificate",
        "死亡证明编号",
        "death certificate number",
    )?;
    required(
        &a.cremation_place,
        "cremation_place",
        60,
        "火化地点",
        "place of cremation",
    )?;
    let cremation = date_field(
        &a.cremation_date,
        "cremation_date",
        "火化日期",
        "date of cremation",
        today,
    )?;
    if cremation < death {
        return Err(ApiError::field(
            "cremation_date",
            "火化日期不能早于死亡日期",
            "The cremation cannot be before the death",
        ));
    }
    certificate(
        &a.cremation_certificate,
        "cremation_certificate",
        "火化证明编号",
        "cremation certificate number",
    )?;
    choice(
        &a.burial,
        BURIAL_TYPES,
        "burial",
        "安葬方式",
        "kind of burial",
    )?;
    if let Some(bad) = a
        .items
        .iter()
        .find(|i| !FUNERAL_ITEMS.iter().any(|(k, _, _)| k == i))
    {
        return Err(ApiError::field(
            "items",
            &format!("未知的殡葬服务项目：{bad}"),
            &format!("Unknown funeral service: {bad}"),
        ));
    }
    if a.claimed_fen < 0 {
        return Err(ApiError::field(
            "claimed",
            "报销金额不能为负数",
            "The amount to reimburse cannot be negative",
        ));
    }
    if a.cremated_in_wuhan && a.claimed_fen > 0 {
        return Err(ApiError::field(
            "claimed",
            "在武汉火化的，基本殡葬服务费已由殡仪馆直接减免，无需报销；请把报销金额留空",
            "For a cremation in Wuhan the basic fees were waived at the funeral home: nothing to reimburse; leave the amount empty",
        ));
    }
    required(&a.bank_name, "bank_name", 40, "开户银行", "bank")?;
    let digits: String = a
        .bank_account
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if !(12..=30).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::field(
            "bank_account",
            "银行账号应为 12 到 30 位数字",
            "The bank account number has 12 to 30 digits",
        ));
    }
    Ok(cremation)
}

/// The rules that depend on the standards in force (the window, the cap, something to claim).
fn check_worth(a: &FuneralApplication, e: &Estimate, today: Date) -> Result<(), ApiError> {
    if a.claimed_fen > 0 {
        if let Some(w) = e.window.filter(|w| today > w.last_day) {
            let (months, last) = (w.months, w.last_day);
            return Err(ApiError::field(
                "claimed",
                &format!(
                    "外地火化费用须在火化后 {months} 个月内申请报销，期限已于 {last} 截止，不能再报销"
                ),
                &format!(
                    "Fees for a cremation outside Wuhan are reimbursed only within {months} months; the period ended on {last}"
                ),
            ));
        }
        if e.reimbursement_fen < a.claimed_fen {
            let cap = types::money::yuan(e.reimbursement_fen);
            return Err(ApiError::field(
                "claimed",
                &format!("按现行基本殡葬服务收费标准，最多可报销 {cap} 元"),
                &format!("By the basic service prices in force, at most ¥{cap} can be reimbursed"),
            ));
        }
    }
    if e.total() == 0 {
        return Err(ApiError::field(
            "burial",
            "按您填写的情况没有需要网上申请的补贴：在武汉火化的基本服务费已在殡仪馆直接减免；生态安葬奖补或外地火化费用报销才在这里申请",
            "There is nothing to claim here for what you entered: basic fees of a cremation in Wuhan are waived at the funeral home; this form is for the eco-burial reward or reimbursing a cremation outside Wuhan",
        ));
    }
    Ok(())
}

fn documents_required(a: &FuneralApplication, uploads: &[Upload]) -> Result<(), ApiError> {
    let has = |k: &str| uploads.iter().any(|u| u.kind == k);
    for (kind, zh, en) in [
        ("death_certificate", "死亡证明", "death certificate"),
        ("cremation_certificate", "火化证明", "cremation certificate"),
    ] {
        if !has(kind) {
            return Err(ApiError::field(
                &format!("doc_{kind}"),
                &format!("请上传{zh}的照片或扫描件"),
                &format!("Upload a photo or scan of the {en}"),
            ));
        }
    }
    if a.claimed_fen > 0 && !has("invoice") {
        return Err(ApiError::field(
            "doc_invoice",
            "报销外地火化费用需上传殡葬费用发票",
            "Reimbursing a cremation outside Wuhan needs the funeral invoice",
        ));
    }
    Ok(())
}

/// Sends a claim: checked, estimated, sealed and put in the queue of the registration's street.
pub async fn apply(
    s: &AppState,
    user: &AuthUser,
    a: &FuneralApplication,
    uploads: &[Upload],
    now: i64,
) -> Result<CaseRow, ApiError> {
    let today = today(now);
    let result = apply_checked(s, user, a, uploads, now, today).await;
    let outcome = match &result {
        Ok(c) => format!("ok: {}", c.reference),
        Err(e) => format!("refused: {}", e.code()),
    };
    let target = result.as_ref().map(|c| c.id.clone()).unwrap_or_default();
    crate::audit::record(s, &user.account_id, "case.funeral_apply", &target, &outcome).await?;
    let c = result?;
    notify(s, &c, "已收到您的丧葬补贴申请，街道经办人会尽快办理。", now).await?;
    Ok(c)
}

async fn apply_checked(
    s: &AppState,
    user: &AuthUser,
    a: &FuneralApplication,
    uploads: &[Upload],
    now: i64,
    today: Date,
) -> Result<CaseRow, ApiError> {
    let cremation = validate(a, today)?;
    let params = crate::parameters::current(s).await?.set;
    let e = estimate(a, cremation, today, &params);
    check_worth(a, &e, today)?;
    documents_required(a, uploads)?;
    let docs = documents::prepare(s, uploads, "applicant")?;
    let phone_hash = store::account_phone_hash(&s.db, &user.account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let deceased_id = ResidentId::parse(&a.deceased_id, today)
        .map(|id| id.expose().to_string())
        .unwrap_or_default();
    let applicant = Applicant {
        name: a.applicant_name.trim().to_string(),
        id_number: ResidentId::parse(&a.applicant_id, today)
            .map(|id| id.expose().to_string())
            .unwrap_or_default(),
        relation: a.relation.clone(),
    };
    let mut details = a.clone();
    details.applicant_name.clear();
    details.applicant_id.clear();
    details.deceased_id = deceased_id.clone();
    details.bank_account = a
        .bank_account
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let row = CaseRow {
        id: uuid::Uuid::new_v4().to_string(),
        reference: new_reference(CaseKind::Funeral, now),
        kind: CaseKind::Funeral,
        street_code: a.street_code.clone(),
        state: CaseState::Submitted,
        account_id: user.account_id.clone(),
        phone_hash,
        applicant: seal_json(s, &applicant),
        details: seal_json(s, &details),
        programs: e
            .programs
            .iter()
            .map(|p| format!("{p:?}"))
            .collect::<Vec<_>>()
            .join(","),
        claimed_fen: a.claimed_fen,
        estimate_fen: e.total(),
        decided_fen: None,
        basis: None,
        deadline: e.window.map(|w| w.last_day.to_string()),
        submitted_at: now,
        decided_at: None,
        updated_at: now,
    };
    let new = NewCase {
        row: row.clone(),
        deceased_hash: Some(s.vault.lookup_hash(&format!("deceased:{deceased_id}"))),
    };
    let submitted = Change {
        actor: "applicant".into(),
        actor_label: "申请人".into(),
        from_state: None,
        to_state: CaseState::Submitted,
        reason_zh: "申请已提交".into(),
        reason_en: "Application sent".into(),
        decided: None,
    };
    match store::insert(&s.db, &new, &submitted, &docs).await {
        Ok(()) => Ok(row),
        // Neutral (F6): the answer must not tell whoever typed a number that someone else
        // claimed for that person.
        Err(e) if store::is_duplicate_deceased(&e) => Err(refuse(
            "already_claimed",
            "这项申请无法在网上受理，请携带逝者和您本人的证件到逝者户籍所在街道当面办理",
            "This claim cannot be taken online; please bring the deceased's and your own papers to the street office of the registration",
        )),
        Err(e) => Err(crate::store::StoreError::from(e).into()),
    }
}

/// The claim as sealed in a case.
pub(crate) fn details_of(s: &AppState, c: &CaseRow) -> Result<FuneralApplication, ApiError> {
    let text = s
        .vault
        .open(&c.details)
        .map_err(|e| ApiError::Internal(format!("details of case {}: {e}", c.id)))?;
    serde_json::from_str(&text)
        .map_err(|e| ApiError::Internal(format!("details of case {}: {e}", c.id)))
}

/// A claim's worth by the standards in force on the day it was sent (a value added later with
/// an earlier effective date counts while the case is open; a decision fixes its amount), and
/// the standards used.
pub fn estimate_of(
    s: &AppState,
    c: &CaseRow,
    params: &policy::ParameterSet,
) -> Result<(i64, Vec<(String, String, String)>), ApiError> {
    let a = details_of(s, c)?;
    let cremation = Date::parse(&a.cremation_date)
        .map_err(|_| ApiError::Internal(format!("cremation date of case {}", c.id)))?;
    let e = estimate(&a, cremation, today(c.submitted_at), params);
    Ok((e.total(), e.basis))
}
