//! Cases, their append-only events and their sealed documents (migration 0011).

use crate::store::{Db, StoreError, Unique};
use sqlx::Row;
use sqlx::any::AnyRow;
use types::cases::{CaseKind, CaseState};

/// A case as stored (sealed columns still sealed).
#[derive(Clone, Debug)]
pub struct CaseRow {
    pub id: String,
    pub reference: String,
    pub kind: CaseKind,
    pub street_code: String,
    pub state: CaseState,
    pub account_id: String,
    pub phone_hash: String,
    pub applicant: String,
    pub details: String,
    pub programs: String,
    pub claimed_fen: i64,
    pub estimate_fen: i64,
    pub decided_fen: Option<i64>,
    pub basis: Option<String>,
    pub deadline: Option<String>,
    pub submitted_at: i64,
    pub decided_at: Option<i64>,
    pub updated_at: i64,
}

/// A new case, with the deceased's look-up hash for a funeral claim.
#[derive(Clone, Debug)]
pub struct NewCase {
    pub row: CaseRow,
    pub deceased_hash: Option<String>,
}

#[derive(Clone, Debug)]
pub struct EventRow {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub actor_label: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub reason_zh: String,
    pub reason_en: String,
}

/// A document's description (the sealed content is read only when it is downloaded).
#[derive(Clone, Debug)]
pub struct DocumentRow {
    pub id: String,
    pub kind: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_by: String,
    pub uploaded_at: i64,
}

#[derive(Clone, Debug)]
pub struct NewDocument {
    pub id: String,
    pub kind: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub sealed: Vec<u8>,
    pub uploaded_by: String,
}

/// One state change: the event always, and the decision's amount and basis when it decides.
#[derive(Clone, Debug)]
pub struct Change {
    pub actor: String,
    pub actor_label: String,
    /// None for the event that creates the case.
    pub from_state: Option<CaseState>,
    pub to_state: CaseState,
    pub reason_zh: String,
    pub reason_en: String,
    pub decided: Option<(Option<i64>, Option<String>)>,
}

const COLUMNS: &str = "id, reference, kind, street_code, state, account_id, phone_hash, applicant, \
     details, programs, claimed_fen, estimate_fen, decided_fen, basis, deadline, submitted_at, \
     decided_at, updated_at";

/// A column holding one of a coded enum's codes; another value is a decoding error (the
/// program writes only its codes).
fn coded<T>(r: &AnyRow, column: &str, of: fn(&str) -> Option<T>) -> Result<T, sqlx::Error> {
    let code: String = r.try_get(column)?;
    of(&code).ok_or_else(|| sqlx::Error::Decode(format!("{column}: unknown code {code:?}").into()))
}

fn case_row(r: &AnyRow) -> Result<CaseRow, sqlx::Error> {
    Ok(CaseRow {
        id: r.try_get("id")?,
        reference: r.try_get("reference")?,
        kind: coded(r, "kind", CaseKind::from_code)?,
        street_code: r.try_get("street_code")?,
        state: coded(r, "state", CaseState::from_code)?,
        account_id: r.try_get("account_id")?,
        phone_hash: r.try_get("phone_hash")?,
        applicant: r.try_get("applicant")?,
        details: r.try_get("details")?,
        programs: r.try_get("programs")?,
        claimed_fen: r.try_get("claimed_fen")?,
        estimate_fen: r.try_get("estimate_fen")?,
        decided_fen: r.try_get("decided_fen")?,
        basis: r.try_get("basis")?,
        deadline: r.try_get("deadline")?,
        submitted_at: r.try_get("submitted_at")?,
        decided_at: r.try_get("decided_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// One standing claim per deceased person (migration 0011: `deceased_hash TEXT UNIQUE`).
const ONE_STANDING_CLAIM: Unique = Unique {
    name: "cases_deceased_hash_key",
    table: "cases",
    column: "deceased_hash",
};

/// One approval per deceased person (migration 0023).
const ONE_APPROVAL: Unique = Unique {
    name: "cases_approved_deceased_hash_key",
    table: "cases",
    column: "approved_deceased_hash",
};

/// Whether a database error is the one-standing-claim-per-deceased constraint.
pub fn is_duplicate_deceased(e: &sqlx::Error) -> bool {
    ONE_STANDING_CLAIM.violated_by(e)
}

/// Whether a database error is the one-approval-per-deceased constraint.
pub fn is_approved_twice(e: &StoreError) -> bool {
    matches!(e, StoreError::Sql(e) if ONE_APPROVAL.violated_by(e))
}

/// Whether the claim still holds the deceased's number against other claims.
pub async fn holds_deceased(db: &Db, case_id: &str) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases WHERE id = $1 AND deceased_hash IS NOT NULL",
    )
    .bind(case_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// A caseworker's override (F6): the claim, still in `change.from_state`, gives the deceased's
/// number up so that another claim can be sent; the state stays and the event says why. False
/// (nothing written) when the case moved on or holds no number.
pub async fn release_deceased(
    db: &Db,
    case_id: &str,
    change: &Change,
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE cases SET released_deceased_hash = deceased_hash, deceased_hash = NULL, updated_at = $1 \
         WHERE id = $2 AND state = $3 AND deceased_hash IS NOT NULL",
    )
    .bind(now)
    .bind(case_id)
    .bind(change.from_state.map(CaseState::as_str))
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    insert_event_in(&mut tx, case_id, now, change).await?;
    tx.commit().await?;
    Ok(true)
}

async fn insert_document_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    case_id: &str,
    d: &NewDocument,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_documents (id, case_id, kind, content_type, size, sha256, sealed, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&d.id)
    .bind(case_id)
    .bind(&d.kind)
    .bind(&d.content_type)
    .bind(d.size)
    .bind(&d.sha256)
    .bind(d.sealed.clone())
    .bind(&d.uploaded_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_event_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    case_id: &str,
    now: i64,
    c: &Change,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_events (case_id, at, actor, actor_label, from_state, to_state, reason_zh, reason_en) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(case_id)
    .bind(now)
    .bind(&c.actor)
    .bind(&c.actor_label)
    .bind(c.from_state.map(|s| s.as_str().to_owned()))
    .bind(c.to_state.as_str())
    .bind(&c.reason_zh)
    .bind(&c.reason_en)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stores a new case with its first event and its documents, all or nothing. A second claim for
/// the same deceased person fails on the unique look-up hash (see [`is_duplicate_deceased`]).
pub async fn insert(
    db: &Db,
    new: &NewCase,
    submitted: &Change,
    documents: &[NewDocument],
) -> Result<(), sqlx::Error> {
    let c = &new.row;
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO cases (id, reference, kind, street_code, state, account_id, phone_hash, applicant, details, \
         deceased_hash, programs, claimed_fen, estimate_fen, deadline, submitted_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)",
    )
    .bind(&c.id)
    .bind(&c.reference)
    .bind(c.kind.as_str())
    .bind(&c.street_code)
    .bind(c.state.as_str())
    .bind(&c.account_id)
    .bind(&c.phone_hash)
    .bind(&c.applicant)
    .bind(&c.details)
    .bind(new.deceased_hash.clone())
    .bind(&c.programs)
    .bind(c.claimed_fen)
    .bind(c.estimate_fen)
    .bind(c.deadline.clone())
    .bind(c.submitted_at)
    .execute(&mut **tx)
    .await?;
    insert_event_in(&mut tx, &c.id, c.submitted_at, submitted).await?;
    for d in documents {
        insert_document_in(&mut tx, &c.id, d, c.submitted_at).await?;
    }
    tx.commit().await
}

pub async fn by_reference(db: &Db, reference: &str) -> Result<Option<CaseRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM cases WHERE reference = $1"))
        .bind(reference)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.as_ref().map(case_row).transpose()?)
}

/// A street office's cases, newest first (`open_only`: not yet decided).
pub async fn queue(
    db: &Db,
    street_code: &str,
    open_only: bool,
    limit: i64,
) -> Result<Vec<CaseRow>, StoreError> {
    let filter = if open_only {
        " AND state IN ('submitted', 'accepted', 'more_documents', 'approved')"
    } else {
        ""
    };
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM cases WHERE street_code = $1{filter} ORDER BY submitted_at DESC, reference LIMIT $2"
    ))
    .bind(street_code)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.iter().map(case_row).collect::<Result<_, _>>()?)
}

/// A resident's cases, newest first.
pub async fn of_account(db: &Db, account_id: &str) -> Result<Vec<CaseRow>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM cases WHERE account_id = $1 ORDER BY submitted_at DESC, reference"
    ))
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.iter().map(case_row).collect::<Result<_, _>>()?)
}

pub async fn events(db: &Db, case_id: &str) -> Result<Vec<EventRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT seq, at, actor, actor_label, from_state, to_state, reason_zh, reason_en \
         FROM case_events WHERE case_id = $1 ORDER BY seq",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            Ok(EventRow {
                seq: r.try_get("seq")?,
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                actor_label: r.try_get("actor_label")?,
                from_state: r.try_get("from_state")?,
                to_state: r.try_get("to_state")?,
                reason_zh: r.try_get("reason_zh")?,
                reason_en: r.try_get("reason_en")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?)
}

pub async fn documents(db: &Db, case_id: &str) -> Result<Vec<DocumentRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, kind, content_type, size, uploaded_by, uploaded_at FROM case_documents \
         WHERE case_id = $1 ORDER BY uploaded_at, id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            Ok(DocumentRow {
                id: r.try_get("id")?,
                kind: r.try_get("kind")?,
                content_type: r.try_get("content_type")?,
                size: r.try_get("size")?,
                uploaded_by: r.try_get("uploaded_by")?,
                uploaded_at: r.try_get("uploaded_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?)
}

/// One document's type and sealed content, if it belongs to the case.
pub async fn document_content(
    db: &Db,
    case_id: &str,
    document_id: &str,
) -> Result<Option<(String, Vec<u8>)>, StoreError> {
    let row = sqlx::query(
        "SELECT content_type, sealed FROM case_documents WHERE case_id = $1 AND id = $2",
    )
    .bind(case_id)
    .bind(document_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(match row {
        Some(r) => Some((r.try_get("content_type")?, r.try_get("sealed")?)),
        None => None,
    })
}

/// Moves a case from `change.from_state` to `change.to_state` and appends the event, in one
/// transaction; false (and nothing written) when the case is no longer in `from_state`.
/// Documents added by the same step are stored with it.
pub async fn change_state(
    db: &Db,
    case_id: &str,
    change: &Change,
    documents: &[NewDocument],
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let done = match &change.decided {
        Some((amount, basis)) => sqlx::query(
            // An approval takes the deceased's number for good (F6): a second approval of a
            // claim for the same person fails on the unique index (see [`is_approved_twice`]).
            "UPDATE cases SET state = $1, updated_at = $2, decided_at = $2, decided_fen = $3, basis = $4, \
             approved_deceased_hash = CASE WHEN $1 = 'approved' \
               THEN COALESCE(deceased_hash, released_deceased_hash) ELSE approved_deceased_hash END \
             WHERE id = $5 AND state = $6",
        )
        .bind(change.to_state.as_str())
        .bind(now)
        .bind(*amount)
        .bind(basis.clone())
        .bind(case_id)
        .bind(change.from_state.map(CaseState::as_str))
        .execute(&mut **tx)
        .await?,
        None => sqlx::query(
            "UPDATE cases SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4",
        )
        .bind(change.to_state.as_str())
        .bind(now)
        .bind(case_id)
        .bind(change.from_state.map(CaseState::as_str))
        .execute(&mut **tx)
        .await?,
    };
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    if change.to_state == CaseState::Rejected {
        // The deceased's number is free for another claim (the unique hash holds only among
        // claims that still stand); the rejected claim keeps it for the record.
        sqlx::query(
            "UPDATE cases SET released_deceased_hash = deceased_hash, deceased_hash = NULL \
             WHERE id = $1 AND deceased_hash IS NOT NULL",
        )
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    }
    insert_event_in(&mut tx, case_id, now, change).await?;
    for d in documents {
        insert_document_in(&mut tx, case_id, d, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The kinds, digests and sizes of the documents a case holds.
pub async fn document_digests(
    db: &Db,
    case_id: &str,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    let rows = sqlx::query("SELECT kind, sha256, size FROM case_documents WHERE case_id = $1")
        .bind(case_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("kind")?, r.try_get("sha256")?, r.try_get("size")?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// Adds documents without changing the state, while the case is in one of `open_states`; false
/// (nothing stored) when it left them since it was read (L12: a case closed meanwhile takes no
/// documents).
pub async fn add_documents(
    db: &Db,
    case_id: &str,
    documents: &[NewDocument],
    open_states: &[CaseState],
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    // The states are this program's codes, never input.
    let states = open_states
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let open = sqlx::query(&format!(
        "UPDATE cases SET updated_at = $1 WHERE id = $2 AND state IN ({states})"
    ))
    .bind(now)
    .bind(case_id)
    .execute(&mut **tx)
    .await?;
    if open.rows_affected() != 1 {
        return Ok(false);
    }
    for d in documents {
        insert_document_in(&mut tx, case_id, d, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The look-up hash of an account's phone.
pub async fn account_phone_hash(db: &Db, account_id: &str) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT phone_hash FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(&db.pool)
            .await?,
    )
}
