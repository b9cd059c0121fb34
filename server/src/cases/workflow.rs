//! The workflow: which action moves a case from which state to which, who says why, and the
//! one function that performs a caseworker's action (audited, told to the applicant).

use super::{funeral, notify, of_my_street, refuse};
use crate::cases::store::{self as store, Change};
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use serde::Deserialize;

use CaseAction::*;
use CaseState::*;
use types::cases::{CaseAction, CaseKind, CaseState};

/// `(action, states it starts from, state it leads to, kind it applies to or None for both)`.
const STEPS: &[(CaseAction, &[CaseState], CaseState, Option<CaseKind>)] = &[
    (Accept, &[Submitted], Accepted, None),
    (
        RequestDocuments,
        &[Submitted, Accepted],
        MoreDocuments,
        None,
    ),
    (Approve, &[Submitted, Accepted], Approved, None),
    (
        Reject,
        &[Submitted, Accepted, MoreDocuments],
        Rejected,
        None,
    ),
    (Pay, &[Approved], Paid, Some(CaseKind::Funeral)),
    (Refer, &[Approved], Referred, Some(CaseKind::Preapplication)),
];

/// An open funeral claim: the only kind whose hold on the deceased's number can be released
/// (the caseworker's override, F6: the family can send their own claim before the deadline
/// while this one is still checked; the state stays, the reason is recorded and audited).
fn may_release(c: &store::CaseRow) -> bool {
    c.kind == CaseKind::Funeral && c.state.is_open()
}

/// The actions a caseworker can take on this case: the workflow's steps, and the release while
/// an open funeral claim still holds the deceased's number.
pub async fn case_actions(s: &AppState, c: &store::CaseRow) -> Result<Vec<CaseAction>, ApiError> {
    let mut all = actions(c.kind, c.state);
    if may_release(c) && store::holds_deceased(&s.db, &c.id).await? {
        all.push(Release);
    }
    Ok(all)
}

/// The actions a caseworker can take on a case of `kind` in `state`.
pub fn actions(kind: CaseKind, state: CaseState) -> Vec<CaseAction> {
    STEPS
        .iter()
        .filter(|(_, from, _, k)| from.contains(&state) && k.is_none_or(|k| k == kind))
        .map(|(a, _, _, _)| *a)
        .collect()
}

/// An action as posted: one of the workflow's, or a clear refusal.
pub fn action_of(code: &str) -> Result<CaseAction, ApiError> {
    CaseAction::from_code(code).ok_or_else(unknown_action)
}

fn unknown_action() -> ApiError {
    ApiError::field("action", "未知的办理操作", "Unknown action on a case")
}

/// Where `action` leads from `state`, or a clear refusal.
pub fn next_state(
    kind: CaseKind,
    state: CaseState,
    action: CaseAction,
) -> Result<CaseState, ApiError> {
    let step = STEPS.iter().find(|(a, _, _, _)| *a == action);
    match step {
        Some((_, from, to, k)) if from.contains(&state) && k.is_none_or(|k| k == kind) => Ok(*to),
        _ => {
            let l = |loc| {
                (
                    types::cases::action_label(loc, action.as_str()),
                    state.label(loc),
                )
            };
            let (a_zh, s_zh) = l(types::i18n::Locale::Zh);
            let (a_en, s_en) = l(types::i18n::Locale::En);
            Err(refuse(
                "not_allowed",
                &format!("案件当前为“{s_zh}”，不能“{a_zh}”"),
                &format!("The case is “{s_en}”: “{a_en}” is not possible now"),
            ))
        }
    }
}

/// A caseworker's action: the action, the reason told to the applicant (required to ask for
/// documents or to reject), and for approving a funeral claim the amount in fen (at most the
/// estimate by the standards in force; the estimate when absent).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct Action {
    pub action: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub amount_fen: Option<i64>,
}

fn reason_needed(action: CaseAction) -> bool {
    matches!(action, RequestDocuments | Reject | Release)
}

/// The plain words the applicant reads when the caseworker wrote none.
fn default_reason(action: CaseAction, amount: Option<i64>) -> (String, String) {
    let yuan = amount.map(types::money::yuan).unwrap_or_default();
    match action {
        Accept => (
            "材料已收到，申请已受理".into(),
            "Your documents are in and the application is accepted".into(),
        ),
        Approve if amount.is_some() => (
            format!("经审核符合条件，批准 {yuan} 元"),
            format!("Checked and eligible: ¥{yuan} approved"),
        ),
        Approve => (
            "经初审符合申请条件".into(),
            "First review: the conditions to apply are met".into(),
        ),
        Pay => (
            format!("{yuan} 元已转入您填写的银行账户"),
            format!("¥{yuan} has been paid to the bank account you gave"),
        ),
        Refer => (
            "已转区民政局社会救助科办理，工作人员会电话联系您".into(),
            "Passed to the district bureau's social assistance section; staff will phone you"
                .into(),
        ),
        _ => (String::new(), String::new()),
    }
}

/// Performs a caseworker's action on a case of their street. A refusal changes nothing; every
/// attempt is audited; the applicant gets a text message.
pub async fn act(
    s: &AppState,
    staff: &StaffUser,
    reference: &str,
    a: &Action,
    now: i64,
) -> Result<CaseState, ApiError> {
    let c = of_my_street(s, staff, reference).await?;
    let action = CaseAction::from_code(&a.action);
    let result = match action {
        Some(action) => act_on(s, staff, &c, action, a, now).await,
        None => Err(unknown_action()),
    };
    let outcome = match &result {
        Ok(to) => format!("ok: {} -> {to}", c.state),
        Err(e) => format!("refused: {}", e.code()),
    };
    let name = action.map_or("invalid", CaseAction::as_str);
    crate::audit::record(s, &staff.id, &format!("case.{name}"), &c.id, &outcome).await?;
    let to = result?;
    if action == Some(Release) {
        // The claim's state stays: nothing to tell the applicant by text message.
        return Ok(to);
    }
    let (zh, _) = last_reason(s, &c.id).await?;
    notify(
        s,
        &c,
        &format!("{}。{zh}", to.label(types::i18n::Locale::Zh)),
        now,
    )
    .await?;
    Ok(to)
}

async fn last_reason(s: &AppState, case_id: &str) -> Result<(String, String), ApiError> {
    Ok(store::events(&s.db, case_id)
        .await?
        .pop()
        .map(|e| (e.reason_zh, e.reason_en))
        .unwrap_or_default())
}

async fn act_on(
    s: &AppState,
    staff: &StaffUser,
    c: &store::CaseRow,
    action: CaseAction,
    a: &Action,
    now: i64,
) -> Result<CaseState, ApiError> {
    let to = if action == Release {
        c.state
    } else {
        next_state(c.kind, c.state, action)?
    };
    let reason = a.reason.trim();
    if reason_needed(action) && reason.chars().count() < 4 {
        return Err(ApiError::field(
            "reason",
            "请写明原因（至少 4 个字），申请人会看到这段话",
            "Write the reason (at least 4 characters); the applicant reads it",
        ));
    }
    if reason.chars().count() > 500 {
        return Err(ApiError::field(
            "reason",
            "原因最多 500 个字",
            "The reason takes at most 500 characters",
        ));
    }
    let decided = match (action, c.kind) {
        (Approve, CaseKind::Funeral) => {
            let params = crate::parameters::current(s).await?.set;
            let (estimate, basis) = funeral::estimate_of(s, c, &params)?;
            let amount = a.amount_fen.unwrap_or(estimate);
            if amount <= 0 || amount > estimate {
                let max = types::money::yuan(estimate);
                return Err(ApiError::field(
                    "amount",
                    &format!("批准金额应大于 0，且不超过按现行标准核定的 {max} 元"),
                    &format!(
                        "The approved amount must be above 0 and at most ¥{max}, the figure by the standards in force"
                    ),
                ));
            }
            let basis = serde_json::to_string(&basis)
                .map_err(|e| ApiError::Internal(format!("basis: {e}")))?;
            Some((Some(amount), Some(basis)))
        }
        (Approve, _) | (Reject, _) => Some((None, None)),
        _ => None,
    };
    let amount = match &decided {
        Some((amount, _)) => *amount,
        None => c.decided_fen,
    };
    let (zh, en) = if reason.is_empty() {
        default_reason(action, amount)
    } else {
        (reason.to_string(), reason.to_string())
    };
    let change = Change {
        actor: staff.id.clone(),
        actor_label: staff.display_name.clone(),
        from_state: Some(c.state),
        to_state: to,
        reason_zh: zh,
        reason_en: en,
        decided,
    };
    let changed = if action == Release {
        // The store releases only a hold still there (none: "changed meanwhile" below).
        if !may_release(c) {
            return Err(refuse(
                "not_allowed",
                "这件申请现在不占用逝者的身份证号，无需释放",
                "This claim does not hold the deceased's ID number now: nothing to release",
            ));
        }
        store::release_deceased(&s.db, &c.id, &change, now).await
    } else {
        store::change_state(&s.db, &c.id, &change, &[], now).await
    };
    let changed = match changed {
        Err(e) if store::is_approved_twice(&e) => {
            return Err(refuse(
                "already_approved",
                "已有另一件为同一位逝者的申请获批，这件不能再批准",
                "Another claim for the same deceased person has been approved: this one cannot be",
            ));
        }
        other => other?,
    };
    if !changed {
        return Err(refuse(
            "changed_meanwhile",
            "案件刚刚被其他人办理过，请刷新后再试",
            "Someone else has just acted on this case; reload it and try again",
        ));
    }
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_allows_only_its_steps() {
        use CaseKind::{Funeral, Preapplication};
        assert_eq!(
            actions(Funeral, Submitted),
            [Accept, RequestDocuments, Approve, Reject]
        );
        assert_eq!(actions(Funeral, Approved), [Pay]);
        assert_eq!(actions(Preapplication, Approved), [Refer]);
        assert!(actions(Funeral, Paid).is_empty());
        assert!(actions(Funeral, Rejected).is_empty());
        assert_eq!(
            next_state(Funeral, MoreDocuments, Reject).unwrap(),
            Rejected
        );
        assert!(next_state(Funeral, Paid, Approve).is_err());
        assert!(next_state(Preapplication, Approved, Pay).is_err());
        assert!(action_of("delete").is_err());
        assert_eq!(action_of("release").unwrap(), Release);
    }
}
