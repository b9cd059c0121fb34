//! What the charity's staff and the public see at a glance: the staff desk (projects, what the
//! disclosure clock says is due, goods to sign for and in stock, refundable donations) and the
//! public transparency figures.

use super::disclosure::{self, DueKind, Schedule};
use super::{goods, ledger, projects};
use crate::charity::store;
use crate::error::ApiError;
use crate::state::AppState;
use types::charity::{CharityDesk, DeskDisbursement, DisclosureDue, Transparency};

/// What each project still owes the public under the disclosure clock, most urgent first.
pub async fn due(s: &AppState, now: i64) -> Result<Vec<DisclosureDue>, ApiError> {
    let today = crate::clock::today(now);
    let updates = store::updates(&s.db, None).await?;
    let mut out = Vec::new();
    for p in store::projects(&s.db).await? {
        if p.status == "draft" {
            continue;
        }
        let (Ok(starts_on), Ok(ends_on)) = (
            policy::Date::parse(&p.starts_on),
            policy::Date::parse(&p.ends_on),
        ) else {
            continue;
        };
        let mine: Vec<_> = updates.iter().filter(|u| u.project_id == p.id).collect();
        let progress: Vec<policy::Date> = mine
            .iter()
            .filter(|u| u.kind == "update")
            .filter_map(|u| policy::Date::parse(&u.published_on).ok())
            .collect();
        let final_report = mine
            .iter()
            .find(|u| u.kind == "final")
            .and_then(|u| policy::Date::parse(&u.published_on).ok());
        let schedule = Schedule {
            starts_on,
            ends_on,
            emergency: p.emergency,
        };
        if let Some(d) = disclosure::next_due(&schedule, &progress, final_report, today) {
            out.push(DisclosureDue {
                project_id: p.id.clone(),
                title: p.title.clone(),
                kind: match d.kind {
                    DueKind::Update => "update".into(),
                    DueKind::FinalReport => "final".into(),
                },
                due_on: d.due_on.to_string(),
                overdue: d.overdue,
            });
        }
    }
    out.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(a.due_on.cmp(&b.due_on)));
    Ok(out)
}

pub async fn desk(s: &AppState, now: i64) -> Result<CharityDesk, ApiError> {
    let projects = projects::summaries(s, true).await?;
    let entries = store::ledger::entries(&s.db, None).await?;
    let refunded: std::collections::HashSet<i64> =
        entries.iter().filter_map(|e| e.reverses).collect();
    let refundable = entries
        .iter()
        .rev()
        .filter(|e| e.kind == "donation" && !refunded.contains(&e.seq))
        .take(20)
        .map(|e| {
            let title = projects
                .iter()
                .find(|p| p.id == e.project_id)
                .map(|p| p.title.clone())
                .unwrap_or_default();
            (
                e.seq,
                title,
                e.amount_fen,
                crate::clock::shanghai_time(e.at),
            )
        })
        .collect();
    let disbursements = entries
        .iter()
        .rev()
        .filter(|e| e.kind == "disbursement")
        .take(30)
        .map(|e| DeskDisbursement {
            seq: e.seq,
            at: crate::clock::shanghai_time(e.at),
            project_id: e.project_id.clone(),
            project_title: projects
                .iter()
                .find(|p| p.id == e.project_id)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            amount_fen: e.amount_fen,
            purpose: e.memo.clone(),
            payee: e.counterparty.clone(),
            budget_line: e.budget_line,
            evidence_id: e.evidence_id.clone(),
        })
        .collect();
    Ok(CharityDesk {
        disbursements,
        form_key: uuid::Uuid::new_v4().to_string(),
        due: due(s, now).await?,
        pledges: goods::open_pledges(s).await?,
        stock: goods::stock(s).await?,
        refundable,
        reconciliation: ledger::reconcile(s, now).await?,
        projects,
        notice: None,
    })
}

pub async fn transparency(s: &AppState, now: i64) -> Result<Transparency, ApiError> {
    let projects = projects::summaries(s, false).await?;
    // Sums and the latest lines from the database, not the whole ledger read here (F12).
    let sums = store::ledger::sums(&s.db).await?;
    let sum = |kind: &str| {
        sums.iter()
            .filter(|(_, k, _, _)| k == kind)
            .map(|(_, _, _, total)| total)
            .sum::<i64>()
    };
    let (raised, disbursed, refunded) = (sum("donation"), sum("disbursement"), sum("refund"));
    let daily_heads = store::ledger::daily_heads(&s.db, 30)
        .await?
        .into_iter()
        .map(|(day, seq, hash)| {
            (
                crate::clock::shanghai_time(day)[..10].to_string(),
                seq,
                hash,
            )
        })
        .collect();
    Ok(Transparency {
        charity: super::charity(s),
        raised_fen: raised,
        disbursed_fen: disbursed,
        refunded_fen: refunded,
        balance_fen: raised - disbursed - refunded,
        projects,
        ledger: store::ledger::latest(&s.db, 50)
            .await?
            .iter()
            .map(ledger::line)
            .collect(),
        goods: goods::lines(s, 50).await?,
        stock: goods::stock(s).await?,
        reconciliation: ledger::reconcile_public(s, now).await?,
        daily_heads,
    })
}
