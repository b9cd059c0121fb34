//! Pre-applications (预申请): from the results of the eligibility check a resident sends, with
//! explicit consent, their answers and their contact to the street office of their street for
//! the programs they choose. The office phones them; nothing is decided online.

use super::{Applicant, new_reference, notify, seal_json};
use crate::auth::AuthUser;
use crate::cases::store::{self as store, CaseRow, Change, NewCase};
use crate::clock::today;
use crate::error::ApiError;
use crate::state::AppState;
use crate::text::required;
use policy::{ProgramId, ProgramResult};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use types::cases::{CaseKind, CaseState};
use types::check::answers::Answers;

/// The consent's purpose and text version, kept with the account's other consents.
pub const CONSENT_PURPOSE: &str = "preapplication";
pub const CONSENT_VERSION: &str = "2026-11";

/// A pre-application as the check's form or an API client sends it.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PreApplication {
    /// The street office to send it to.
    pub street_code: String,
    /// Program ids as the check names them (e.g. `Dibao`, `Temporary`).
    pub programs: Vec<String>,
    /// The check's answers (the same keys the check's form posts).
    pub answers: BTreeMap<String, String>,
    /// How the office should address the resident when it phones.
    pub name: String,
    /// The resident agrees to send their answers and contact to the street office.
    pub consent: bool,
}

/// Programs a pre-application can ask for: everything but the funeral programs (they have their
/// own claim).
pub fn program_by_name(name: &str) -> Option<ProgramId> {
    ProgramId::ALL
        .into_iter()
        .filter(|p| !matches!(p, ProgramId::FuneralWaiver | ProgramId::EcoBurialReward))
        .find(|p| format!("{p:?}") == name)
}

/// The check's results for the sealed answers, by the standards in force on `date`.
pub fn results(
    answers: &Answers,
    date: policy::Date,
    params: &policy::ParameterSet,
) -> Result<Vec<ProgramResult>, ApiError> {
    let questions = types::check::flow::questions(answers);
    let household = answers.read(&questions, date).map_err(|problems| {
        let first = problems.into_iter().next();
        ApiError::field(
            "answers",
            &first
                .as_ref()
                .map(|p| format!("自测的回答需要修改：{}", p.zh))
                .unwrap_or_else(|| "自测的回答不完整".into()),
            &first
                .map(|p| format!("An answer of the check needs correcting: {}", p.en))
                .unwrap_or_else(|| "The check's answers are incomplete".into()),
        )
    })?;
    policy::evaluate_all(&household, date, params).map_err(crate::check::service::field_errors)
}

/// Sends a pre-application to the chosen street's queue, recording the consent.
pub async fn send(
    s: &AppState,
    user: &AuthUser,
    p: &PreApplication,
    now: i64,
) -> Result<CaseRow, ApiError> {
    let result = send_checked(s, user, p, now).await;
    let outcome = match &result {
        Ok(c) => format!("ok: {}", c.reference),
        Err(e) => format!("refused: {}", e.code()),
    };
    let target = result.as_ref().map(|c| c.id.clone()).unwrap_or_default();
    crate::audit::record(s, &user.account_id, "case.preapply", &target, &outcome).await?;
    let c = result?;
    notify(s, &c, "预申请已送达街道，工作人员会电话联系您。", now).await?;
    Ok(c)
}

async fn send_checked(
    s: &AppState,
    user: &AuthUser,
    p: &PreApplication,
    now: i64,
) -> Result<CaseRow, ApiError> {
    if !p.consent {
        return Err(ApiError::field(
            "consent",
            "请先勾选同意，才能把您的回答和联系方式发送给街道",
            "Tick the consent first: only then are your answers and contact sent to the street office",
        ));
    }
    let name = required(&p.name, "name", 30, "称呼", "name to ask for")?;
    if !policy::street_offices()
        .iter()
        .any(|x| x.id == p.street_code)
    {
        return Err(ApiError::field(
            "street_code",
            "请选择您所在的街道",
            "Choose your street office",
        ));
    }
    let mut programs = Vec::new();
    for name in &p.programs {
        let Some(id) = program_by_name(name) else {
            return Err(ApiError::field(
                "programs",
                "请从自测结果中选择要预申请的项目",
                "Choose the programs from the check's results",
            ));
        };
        if !programs.contains(&id) {
            programs.push(id);
        }
    }
    if programs.is_empty() {
        return Err(ApiError::field(
            "programs",
            "请至少选择一个项目",
            "Choose at least one program",
        ));
    }
    let answers = Answers(p.answers.clone());
    let params = crate::parameters::current(s).await?.set;
    results(&answers, today(now), &params)?;
    let phone_hash = store::account_phone_hash(&s.db, &user.account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let applicant = Applicant {
        name,
        id_number: String::new(),
        relation: String::new(),
    };
    let row = CaseRow {
        id: uuid::Uuid::new_v4().to_string(),
        reference: new_reference(CaseKind::Preapplication, now),
        kind: CaseKind::Preapplication,
        street_code: p.street_code.clone(),
        state: CaseState::Submitted,
        account_id: user.account_id.clone(),
        phone_hash,
        applicant: seal_json(s, &applicant),
        details: seal_json(s, &p.answers),
        programs: programs
            .iter()
            .map(|x| format!("{x:?}"))
            .collect::<Vec<_>>()
            .join(","),
        claimed_fen: 0,
        estimate_fen: 0,
        decided_fen: None,
        basis: None,
        deadline: None,
        submitted_at: now,
        decided_at: None,
        updated_at: now,
    };
    let submitted = Change {
        actor: "applicant".into(),
        actor_label: "申请人".into(),
        from_state: None,
        to_state: CaseState::Submitted,
        reason_zh: "预申请已提交".into(),
        reason_en: "Pre-application sent".into(),
        decided: None,
    };
    let new = NewCase {
        row: row.clone(),
        deceased_hash: None,
    };
    store::insert(&s.db, &new, &submitted, &[])
        .await
        .map_err(crate::store::StoreError::from)?;
    crate::account::grant_consent(s, &user.account_id, CONSENT_PURPOSE, CONSENT_VERSION, now)
        .await?;
    Ok(row)
}

/// The answers sealed in a pre-application.
pub(crate) fn answers_of(s: &AppState, c: &CaseRow) -> Result<Answers, ApiError> {
    let text = s
        .vault
        .open(&c.details)
        .map_err(|e| ApiError::Internal(format!("answers of case {}: {e}", c.id)))?;
    serde_json::from_str::<BTreeMap<String, String>>(&text)
        .map(Answers)
        .map_err(|e| ApiError::Internal(format!("answers of case {}: {e}", c.id)))
}
