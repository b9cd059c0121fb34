//! The money ledger as the charity's staff and the public use it: disbursements with evidence,
//! refunds as reversing entries, the public lines, the CSV export and the reconciliation anyone
//! can run.

use super::{project, refuse, required};
use crate::audit;
use crate::charity::store::goods;
use crate::charity::store::ledger::{EntryRow, NewEntry, project_account};
use crate::charity::store::{self as store, EvidenceRow};
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use crate::store::StoreError;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use types::charity::{LedgerLine, PAYEE_CATEGORIES, Reconciliation};

pub fn line(e: &EntryRow) -> LedgerLine {
    LedgerLine {
        seq: e.seq,
        at: crate::clock::shanghai_time(e.at),
        project_id: e.project_id.clone(),
        kind: e.kind.clone(),
        amount_fen: e.amount_fen,
        counterparty: e.counterparty.clone(),
        memo: e.memo.clone(),
        has_evidence: e.evidence_id.is_some(),
        hash: e.hash[..16.min(e.hash.len())].to_string(),
    }
}

/// An uploaded evidence file (invoice, receipt, hand-over list).
#[derive(Clone, Debug)]
pub struct Evidence {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

pub const MAX_EVIDENCE_BYTES: usize = 5 * 1024 * 1024;

/// What the file's bytes say it is: PDF, JPEG or PNG; anything else is refused.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewDisbursement {
    pub amount_fen: i64,
    pub purpose: String,
    /// One of the payee categories (beneficiary, supplier, service, institution).
    pub payee_category: String,
    /// The budget line it counts against (1-based), if any.
    #[serde(default)]
    pub budget_line: Option<i64>,
    /// A UUID the form (or client) chose once: the same key again records nothing.
    #[serde(default)]
    pub key: Option<String>,
}

/// Records money going out of a project, with its evidence. Refused above the balance.
pub async fn disburse(
    s: &AppState,
    staff: &StaffUser,
    project_id: &str,
    d: &NewDisbursement,
    evidence: &Evidence,
    now: i64,
) -> Result<i64, ApiError> {
    let p = project(s, project_id).await?;
    let purpose = required(&d.purpose, "purpose", 200, "支出用途", "purpose")?;
    let Some((_, payee_zh, _)) = PAYEE_CATEGORIES
        .iter()
        .find(|(c, _, _)| *c == d.payee_category)
    else {
        return Err(ApiError::field(
            "payee_category",
            "请选择收款方类别",
            "Choose the payee category",
        ));
    };
    if d.amount_fen <= 0 {
        return Err(ApiError::field(
            "amount",
            "支出金额须大于 0",
            "The amount must be above 0",
        ));
    }
    if let Some(line) = d.budget_line {
        let lines = store::budget(&s.db, &p.id).await?;
        if line < 1 || line as usize > lines.len() {
            return Err(ApiError::field(
                "budget_line",
                "没有这个预算项目",
                "No such budget line",
            ));
        }
    }
    if evidence.bytes.is_empty() {
        return Err(ApiError::field(
            "evidence",
            "请上传支出凭证（发票、收据或签收单）",
            "Attach the evidence (invoice, receipt or hand-over list)",
        ));
    }
    if evidence.bytes.len() > MAX_EVIDENCE_BYTES {
        return Err(ApiError::field(
            "evidence",
            "凭证文件不能超过 5 MB",
            "The evidence file can be at most 5 MB",
        ));
    }
    let Some(content_type) = sniff(&evidence.bytes) else {
        return Err(ApiError::field(
            "evidence",
            "凭证须为 PDF、JPEG 或 PNG 文件",
            "Evidence must be a PDF, JPEG or PNG file",
        ));
    };
    let actor = format!("staff:{}", staff.id);
    let mut tx = s.db.begin().await.map_err(StoreError::from)?;
    let head = store::ledger::take_head(&mut tx).await?;
    let key = d
        .key
        .as_deref()
        .and_then(|k| uuid::Uuid::parse_str(k.trim()).ok())
        .unwrap_or_else(uuid::Uuid::new_v4)
        .to_string();
    if store::evidence(&s.db, &key).await?.is_some() {
        drop(tx);
        return Err(refuse(
            "already_recorded",
            "这笔支出已经记录过了（重复提交）",
            "This disbursement was recorded already (sent twice)",
        ));
    }
    let balance = store::ledger::balance_in(&mut tx, &p.id).await?;
    if d.amount_fen > balance {
        drop(tx);
        audit::record(
            s,
            &actor,
            "charity.disburse",
            &p.id,
            "refused: above balance",
        )
        .await?;
        return Err(refuse(
            "above_balance",
            &format!(
                "支出超过项目余额（余额 {} 元）",
                types::money::yuan(balance)
            ),
            &format!(
                "The amount is above the project's balance (¥{})",
                types::money::yuan(balance)
            ),
        ));
    }
    let evidence_row = EvidenceRow {
        id: key,
        file_name: evidence
            .file_name
            .chars()
            .filter(|c| !c.is_control())
            .take(100)
            .collect(),
        content_type: content_type.into(),
        sha256: hex::encode(Sha256::digest(&evidence.bytes)),
        bytes: evidence.bytes.clone(),
    };
    store::insert_evidence(&mut tx, &evidence_row, &staff.id, now).await?;
    let entry = store::ledger::append(
        &mut tx,
        head,
        &NewEntry {
            kind: "disbursement",
            project_id: &p.id,
            amount_fen: d.amount_fen,
            memo: &purpose,
            counterparty: payee_zh,
            order_id: None,
            reverses: None,
            evidence_id: Some(&evidence_row.id),
            budget_line: d.budget_line,
            recorded_by: &actor,
        },
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    audit::record(
        s,
        &actor,
        "charity.disburse",
        &format!("entry:{}", entry.seq),
        "ok",
    )
    .await?;
    Ok(entry.seq)
}

/// Refunds a donation in full as a reversing entry (once; never above the project's balance).
pub async fn refund(
    s: &AppState,
    staff: &StaffUser,
    seq: i64,
    reason: &str,
    now: i64,
) -> Result<i64, ApiError> {
    let reason = required(reason, "reason", 200, "退款原因", "reason")?;
    let Some(donation) = store::ledger::entry_by_seq(&s.db, seq)
        .await?
        .filter(|e| e.kind == "donation")
    else {
        return Err(ApiError::NotFound);
    };
    let actor = format!("staff:{}", staff.id);
    let mut tx = s.db.begin().await.map_err(StoreError::from)?;
    let head = store::ledger::take_head(&mut tx).await?;
    let refunded: Option<i64> =
        sqlx::query_scalar("SELECT seq FROM charity_entries WHERE reverses = $1")
            .bind(seq)
            .fetch_optional(&mut **tx)
            .await
            .map_err(StoreError::from)?;
    let balance = store::ledger::balance_in(&mut tx, &donation.project_id).await?;
    let refusal = if refunded.is_some() {
        Some(refuse(
            "already_refunded",
            "这笔捐款已退款",
            "This donation was refunded already",
        ))
    } else if donation.amount_fen > balance {
        Some(refuse(
            "above_balance",
            &format!(
                "退款超过项目余额（余额 {} 元）",
                types::money::yuan(balance)
            ),
            &format!(
                "The refund is above the project's balance (¥{})",
                types::money::yuan(balance)
            ),
        ))
    } else {
        None
    };
    if let Some(e) = refusal {
        drop(tx);
        audit::record(
            s,
            &actor,
            "charity.refund",
            &format!("entry:{seq}"),
            "refused",
        )
        .await?;
        return Err(e);
    }
    let entry = store::ledger::append(
        &mut tx,
        head,
        &NewEntry::refund_of(
            seq,
            &donation.project_id,
            donation.amount_fen,
            &donation.counterparty,
            &reason,
            &actor,
        ),
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    audit::record(s, &actor, "charity.refund", &format!("entry:{seq}"), "ok").await?;
    Ok(entry.seq)
}

/// Staff download an evidence file.
pub async fn evidence(s: &AppState, staff: &StaffUser, id: &str) -> Result<EvidenceRow, ApiError> {
    let row = store::evidence(&s.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    audit::record(
        s,
        &format!("staff:{}", staff.id),
        "charity.evidence.read",
        id,
        "ok",
    )
    .await?;
    Ok(row)
}

fn problem(out: &mut Vec<(String, String)>, zh: String, en: String) {
    out.push((zh, en));
}

/// The reconciliation: the hash chain is unbroken and ends at the head; every entry's postings
/// sum to zero; for every project, donations − disbursements − refunds = its balance, and no
/// balance is negative; every paid order has exactly one donation of its amount and no donation
/// lacks a paid order; every goods lot's stock is what its ledger says.
pub async fn reconcile(s: &AppState, now: i64) -> Result<Reconciliation, ApiError> {
    let entries = store::ledger::entries(&s.db, None).await?;
    let mut postings: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
    for (seq, account, amount) in store::ledger::postings(&s.db).await? {
        postings.entry(seq).or_default().push((account, amount));
    }
    let mut problems = Vec::new();
    let mut prev = store::ledger::GENESIS.to_string();
    let mut by_project: HashMap<String, i64> = HashMap::new();
    let mut balances: HashMap<String, i64> = HashMap::new();
    let mut donations_by_order: HashMap<String, (usize, i64)> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let expected_seq = i as i64 + 1;
        if e.seq != expected_seq {
            problem(
                &mut problems,
                format!("第 {expected_seq} 条记录缺失"),
                format!("Entry {expected_seq} is missing"),
            );
        }
        let ps = postings.get(&e.seq).cloned().unwrap_or_default();
        if e.prev_hash != prev {
            problem(
                &mut problems,
                format!("第 {} 条记录与前一条的链接断开", e.seq),
                format!("Entry {} does not link to the one before", e.seq),
            );
        }
        if store::ledger::link_hash(&e.prev_hash, e, &ps) != e.hash {
            problem(
                &mut problems,
                format!("第 {} 条记录的内容与其哈希不符（被改动过）", e.seq),
                format!("Entry {} does not match its hash (it was altered)", e.seq),
            );
        }
        if ps.is_empty() || ps.iter().map(|p| p.1).sum::<i64>() != 0 {
            problem(
                &mut problems,
                format!("第 {} 条记录的分录合计不为零", e.seq),
                format!("The postings of entry {} do not sum to zero", e.seq),
            );
        }
        prev = e.hash.clone();
        let signed = if e.kind == "donation" {
            e.amount_fen
        } else {
            -e.amount_fen
        };
        *by_project.entry(e.project_id.clone()).or_default() += signed;
        for (account, amount) in &ps {
            if let Some(p) = account.strip_prefix("project:") {
                *balances.entry(p.to_string()).or_default() += amount;
            }
        }
        if let Some(o) = &e.order_id {
            let d = donations_by_order.entry(o.clone()).or_default();
            d.0 += 1;
            d.1 = e.amount_fen;
        }
    }
    let head = store::ledger::head(&s.db).await?;
    if head.0 != entries.len() as i64 || head.1 != prev {
        problem(
            &mut problems,
            "账本末端与记录不符（有记录被删除或插入）".into(),
            "The ledger's head does not match its entries (an entry was removed or inserted)"
                .into(),
        );
    }
    if !store::ledger::head_sealed(&s.db).await? {
        problem(
            &mut problems,
            "账本末端的密钥封印不符（账本连同末端被改写）".into(),
            "The ledger head's keyed seal does not match (the ledger was rewritten with its head)"
                .into(),
        );
    }
    let projects = store::projects(&s.db).await?;
    for p in &projects {
        let derived = by_project.get(&p.id).copied().unwrap_or(0);
        let balance = balances.get(&p.id).copied().unwrap_or(0);
        if derived != balance {
            problem(
                &mut problems,
                format!("项目 {} 的收支与余额不符", p.id),
                format!(
                    "Project {}: donations less disbursements and refunds differ from its balance",
                    p.id
                ),
            );
        }
        if balance < 0 {
            problem(
                &mut problems,
                format!("项目 {} 余额为负", p.id),
                format!("Project {} has a negative balance", p.id),
            );
        }
    }
    let _ = project_account;
    let paid = store::paid_orders(&s.db).await?;
    for (order, amount) in &paid {
        match donations_by_order.get(order) {
            Some((1, a)) if a == amount => {}
            _ => problem(
                &mut problems,
                format!("已支付订单 {order} 没有恰好一笔对应的捐款"),
                format!("Paid order {order} does not have exactly one matching donation"),
            ),
        }
    }
    let paid_ids: std::collections::HashSet<&String> = paid.iter().map(|p| &p.0).collect();
    for order in donations_by_order.keys() {
        if !paid_ids.contains(order) {
            problem(
                &mut problems,
                format!("捐款对应的订单 {order} 未支付"),
                format!("A donation names order {order}, which is not paid"),
            );
        }
    }
    for lot in goods::drifted_lots(&s.db).await? {
        problem(
            &mut problems,
            format!("物资批次 {lot} 的库存与台账不符"),
            format!("Goods lot {lot}: the stock differs from its ledger"),
        );
    }
    Ok(Reconciliation {
        ok: problems.is_empty(),
        entries: entries.len() as i64,
        projects: projects.len() as i64,
        paid_orders: paid.len() as i64,
        head: prev,
        problems,
        checked_at: crate::clock::shanghai_time(now),
    })
}

fn csv_field(v: &str) -> String {
    // Quote every field; a leading formula character is defused for spreadsheets.
    let v = if v.starts_with(['=', '+', '-', '@']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    format!("\"{}\"", v.replace('"', "\"\""))
}

/// [`reconcile`] for the public pages: the last result while the ledger state is the same (its
/// `checked_at` says when it was made), so public pages do not walk the whole ledger on every
/// request (F12). Staff desks and `server charity-reconcile` check afresh.
pub async fn reconcile_public(s: &AppState, now: i64) -> Result<Reconciliation, ApiError> {
    let state = store::ledger::state_fingerprint(&s.db).await?;
    if let Some(r) = s.reconciliation.get(&state) {
        return Ok(r);
    }
    let fresh = reconcile(s, now).await?;
    s.reconciliation.put(state, fresh.clone());
    Ok(fresh)
}

/// Entries per page when the CSV is streamed.
const CSV_PAGE: i64 = 500;

/// The CSV's first line (a byte-order mark so spreadsheet programs read the Chinese).
const CSV_HEADER: &str = "\u{feff}序号 seq,时间 time,项目编号 project,项目 title,类型 kind,金额（元） amount,对方 counterparty,用途 memo,哈希 hash\n";

/// The whole ledger as CSV, streamed a page of entries at a time (F12): memory stays the same
/// however long the ledger grows.
pub fn csv_stream(
    s: AppState,
) -> impl futures_util::Stream<Item = Result<String, ApiError>> + Send + 'static {
    // (state, last seq written, project titles once read); None once the end was reached.
    let start = Some((s, 0i64, None::<HashMap<String, String>>));
    futures_util::stream::try_unfold(start, |at| async move {
        let Some((s, after, titles)) = at else {
            return Ok(None);
        };
        let Some(titles) = titles else {
            let titles = store::projects(&s.db)
                .await?
                .into_iter()
                .map(|p| (p.id, p.title))
                .collect();
            return Ok(Some((
                CSV_HEADER.to_string(),
                Some((s, after, Some(titles))),
            )));
        };
        let page = store::ledger::entries_after(&s.db, after, CSV_PAGE).await?;
        let Some(last) = page.last().map(|e| e.seq) else {
            return Ok(None);
        };
        let chunk: String = page.iter().map(|e| csv_line(e, &titles)).collect();
        let next = (page.len() as i64 == CSV_PAGE).then_some((s, last, Some(titles)));
        Ok(Some((chunk, next)))
    })
}

fn csv_line(e: &EntryRow, titles: &HashMap<String, String>) -> String {
    let kind = match e.kind.as_str() {
        "donation" => "捐赠 donation",
        "disbursement" => "支出 disbursement",
        _ => "退款 refund",
    };
    let row = [
        e.seq.to_string(),
        crate::clock::shanghai_time(e.at),
        e.project_id.clone(),
        titles.get(&e.project_id).cloned().unwrap_or_default(),
        kind.to_string(),
        types::money::yuan(e.amount_fen).replace(',', ""),
        e.counterparty.clone(),
        e.memo.clone(),
        e.hash.clone(),
    ];
    let mut line = row
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}
