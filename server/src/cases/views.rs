//! What a case looks like to its applicant and to its caseworker: the same shapes for pages and
//! API, personal data masked, money by the standards in force while open and fixed once decided.

use super::workflow;
use super::{applicant_of, funeral, of_my_street, owned, preapply, street_of};
use crate::auth::AuthUser;
use crate::cases::store::{self as store, CaseRow};
use crate::clock::{shanghai_time, today};
use crate::error::ApiError;
use crate::pii::mask_name;
use crate::staff::StaffUser;
use crate::state::AppState;
use policy::{Date, ProgramId, ResidentId};
use types::cases::{
    BURIAL_TYPES, CaseDetail, CaseDocument, CaseEvent, CaseKind, CaseMoney, CaseQueue, CaseState,
    CaseSummary, MaskedLine, RELATIONS, label,
};
use types::i18n::Locale;

const QUEUE_CLOSED_SHOWN: i64 = 50;

fn street_names(code: &str) -> (String, String) {
    policy::street_offices()
        .into_iter()
        .find(|s| s.id == code)
        .map(|s| (s.name_zh, s.name_en))
        .unwrap_or_else(|| (code.to_string(), code.to_string()))
}

fn program_names(programs: &str) -> Vec<(String, String)> {
    programs
        .split(',')
        .filter_map(|p| ProgramId::ALL.into_iter().find(|x| format!("{x:?}") == p))
        .map(|p| {
            let n = p.name();
            (n.zh.to_string(), n.en.to_string())
        })
        .collect()
}

/// A case in a list.
pub fn summary(c: &CaseRow, now: i64) -> CaseSummary {
    let (street_zh, street_en) = street_names(&c.street_code);
    let open = c.state.is_open();
    let days_left = c
        .deadline
        .as_deref()
        .and_then(|d| Date::parse(d).ok())
        .filter(|_| open)
        .map(|d| d.ordinal() - today(now).ordinal());
    CaseSummary {
        reference: c.reference.clone(),
        kind: c.kind.to_string(),
        street_code: c.street_code.clone(),
        street_zh,
        street_en,
        state: c.state.to_string(),
        programs: program_names(&c.programs),
        submitted: shanghai_time(c.submitted_at),
        deadline: c.deadline.clone(),
        days_left,
    }
}

fn line(zh: &str, en: &str, value: String) -> MaskedLine {
    MaskedLine {
        label_zh: zh.into(),
        label_en: en.into(),
        value,
    }
}

fn masked_id(text: &str) -> String {
    ResidentId::parse(text, Date::parse("9999-12-31").expect("a valid date"))
        .map(|id| id.masked())
        .unwrap_or_else(|_| "******".into())
}

fn both(zh: &str, en: String) -> String {
    format!("{zh} / {en}")
}

/// Masked "who is who" and the money of a funeral claim.
fn funeral_parts(
    s: &AppState,
    c: &CaseRow,
) -> Result<(Vec<MaskedLine>, Option<CaseMoney>), ApiError> {
    let applicant = applicant_of(s, c)?;
    let a = funeral::details_of(s, c)?;
    let zh = |list, key: &str| label(Locale::Zh, list, key);
    let en = |list, key: &str| label(Locale::En, list, key);
    let tail: String = a
        .bank_account
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let people = vec![
        line("申请人", "Applicant", mask_name(&applicant.name)),
        line(
            "申请人身份证号",
            "Applicant's ID number",
            masked_id(&applicant.id_number),
        ),
        line(
            "与逝者关系",
            "Relation",
            both(
                &zh(RELATIONS, &applicant.relation),
                en(RELATIONS, &applicant.relation),
            ),
        ),
        line("逝者", "Deceased", mask_name(&a.deceased_name)),
        line(
            "逝者身份证号",
            "Deceased's ID number",
            masked_id(&a.deceased_id),
        ),
        line("死亡日期", "Date of death", a.death_date.clone()),
        line(
            "火化",
            "Cremation",
            format!("{} · {}", a.cremation_place, a.cremation_date),
        ),
        line(
            "安葬方式",
            "Burial",
            both(&zh(BURIAL_TYPES, &a.burial), en(BURIAL_TYPES, &a.burial)),
        ),
        line(
            "收款账户",
            "Bank account",
            format!("{} · 尾号 {tail}", a.bank_name),
        ),
    ];
    let decided_basis: Option<Vec<(String, String, String)>> = c
        .basis
        .as_deref()
        .and_then(|b| serde_json::from_str(b).ok());
    let money = match (c.decided_fen, decided_basis) {
        (Some(decided), basis) => CaseMoney {
            claimed_fen: c.claimed_fen,
            estimate_fen: None,
            decided_fen: Some(decided),
            basis: basis.unwrap_or_default(),
        },
        (None, _) => {
            // The caller refreshed the held set: an open claim follows a value added just now.
            let params = crate::parameters::cached(s);
            let (estimate, basis) = funeral::estimate_of(s, c, &params)?;
            CaseMoney {
                claimed_fen: c.claimed_fen,
                estimate_fen: Some(estimate),
                decided_fen: None,
                basis,
            }
        }
    };
    Ok((people, Some(money)))
}

/// The contact name and, for each program asked for, the check's result by today's standards.
fn preapplication_parts(
    s: &AppState,
    c: &CaseRow,
    now: i64,
) -> Result<(Vec<MaskedLine>, Option<CaseMoney>), ApiError> {
    let applicant = applicant_of(s, c)?;
    let mut people = vec![line("称呼", "Name", mask_name(&applicant.name))];
    let answers = preapply::answers_of(s, c)?;
    let asked: Vec<String> = c.programs.split(',').map(str::to_owned).collect();
    let params = crate::parameters::cached(s);
    if let Ok(results) = preapply::results(&answers, today(now), &params) {
        for r in results
            .iter()
            .filter(|r| asked.contains(&format!("{:?}", r.program)))
        {
            let amount = r
                .amount
                .as_ref()
                .map(|a| types::check::amount_text(Locale::Zh, a))
                .unwrap_or_default();
            let outcome = match r.outcome {
                policy::Outcome::LikelyEligible => "可能符合 / likely eligible",
                policy::Outcome::LikelyNot => "可能不符合 / likely not",
                policy::Outcome::NeedsCaseworker => "需工作人员判断 / needs a caseworker",
            };
            people.push(line(
                &format!("自测：{}", r.name.zh),
                &format!("Check: {}", r.name.en),
                format!("{outcome} {amount}").trim().to_string(),
            ));
        }
    }
    Ok((people, None))
}

async fn detail(
    s: &AppState,
    c: &CaseRow,
    actions: Vec<String>,
    now: i64,
) -> Result<CaseDetail, ApiError> {
    let (people, money) = if c.kind == CaseKind::Funeral {
        // Refreshes the held parameters (at most one read of a counter a second).
        crate::parameters::current(s).await?;
        funeral_parts(s, c)?
    } else {
        preapplication_parts(s, c, now)?
    };
    let phone = crate::pii::mask_phone(&applicant_phone(s, c).await?);
    let events = store::events(&s.db, &c.id)
        .await?
        .into_iter()
        .map(|e| CaseEvent {
            at: shanghai_time(e.at),
            by: if e.actor == "applicant" {
                "申请人 / Applicant".into()
            } else {
                e.actor_label
            },
            from: e.from_state,
            to: e.to_state,
            reason_zh: e.reason_zh,
            reason_en: e.reason_en,
        })
        .collect();
    let documents = store::documents(&s.db, &c.id)
        .await?
        .into_iter()
        .map(|d| CaseDocument {
            id: d.id,
            kind: d.kind,
            content_type: d.content_type,
            size: d.size,
            added_by: if d.uploaded_by == "applicant" {
                "applicant".into()
            } else {
                "staff".into()
            },
            added: shanghai_time(d.uploaded_at),
        })
        .collect();
    Ok(CaseDetail {
        summary: summary(c, now),
        people,
        phone,
        money,
        events,
        documents,
        actions,
    })
}

/// The phone the applicant signed in with (their contact for the case).
async fn applicant_phone(s: &AppState, c: &CaseRow) -> Result<String, ApiError> {
    crate::account::phone_of(s, &c.account_id)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("account of case {}", c.id)))
}

/// The applicant's whole phone number, for the caseworker who has to call them; every reveal is
/// audited.
pub async fn contact_phone(
    s: &AppState,
    staff: &StaffUser,
    reference: &str,
) -> Result<String, ApiError> {
    let c = of_my_street(s, staff, reference).await?;
    let phone = applicant_phone(s, &c).await?;
    crate::audit::record(s, &staff.id, "case.reveal_phone", &c.id, "ok").await?;
    Ok(phone)
}

/// The signed-in resident's cases, newest first.
pub async fn mine(s: &AppState, user: &AuthUser, now: i64) -> Result<Vec<CaseSummary>, ApiError> {
    Ok(store::of_account(&s.db, &user.account_id)
        .await?
        .iter()
        .map(|c| summary(c, now))
        .collect())
}

/// One of the resident's cases, whole.
pub async fn for_applicant(
    s: &AppState,
    user: &AuthUser,
    reference: &str,
    now: i64,
) -> Result<CaseDetail, ApiError> {
    let c = owned(s, user, reference).await?;
    let actions = if c.state.is_open() {
        vec!["add_documents".to_string()]
    } else {
        Vec::new()
    };
    detail(s, &c, actions, now).await
}

/// The caseworker's queue: their street's open cases (oldest deadline first) and the latest
/// closed ones. Reading it is audited.
pub async fn queue(s: &AppState, staff: &StaffUser, now: i64) -> Result<CaseQueue, ApiError> {
    let street = street_of(staff)?;
    let all = store::queue(&s.db, &street, false, 500 + QUEUE_CLOSED_SHOWN).await?;
    let (open, closed): (Vec<_>, Vec<_>) = all
        .iter()
        .partition(|c| c.state.is_open() || c.state == CaseState::Approved);
    let mut open: Vec<CaseSummary> = open.into_iter().map(|c| summary(c, now)).collect();
    open.sort_by_key(|c| (c.days_left.unwrap_or(i64::MAX), c.submitted.clone()));
    let closed = closed
        .into_iter()
        .take(QUEUE_CLOSED_SHOWN as usize)
        .map(|c| summary(c, now))
        .collect();
    crate::audit::record(s, &staff.id, "case.queue", &street, "ok").await?;
    let (street_zh, street_en) = street_names(&street);
    Ok(CaseQueue {
        street_code: street,
        street_zh,
        street_en,
        open,
        closed,
    })
}

/// One case of the caseworker's street, whole, with the actions the workflow allows (audited).
pub async fn for_caseworker(
    s: &AppState,
    staff: &StaffUser,
    reference: &str,
    now: i64,
) -> Result<CaseDetail, ApiError> {
    let c = of_my_street(s, staff, reference).await?;
    crate::audit::record(s, &staff.id, "case.open", &c.id, "ok").await?;
    let actions = workflow::case_actions(s, &c).await?;
    let actions = actions.iter().map(|a| a.as_str().to_string()).collect();
    detail(s, &c, actions, now).await
}
