//! Documents of a case: photos or scans checked by their content (JPEG, PNG or PDF, never by the
//! name), size-limited, sealed before they reach the database and opened only for the case's
//! applicant or its street's caseworker.

use super::{notify, owned, refuse};
use crate::auth::AuthUser;
use crate::cases::store::{self as store, Change, NewDocument};
use crate::charity::ledger::sniff;
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use sha2::{Digest, Sha256};
use types::cases::CaseState;
use types::cases::DOCUMENT_KINDS;

/// Largest file: a phone photo of a certificate is 1–4 MB.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Most files in one application or one addition.
pub const MAX_FILES: usize = 8;
/// What one case may hold in all (F15): the storage is append-only, so it is bounded per case.
pub const MAX_CASE_FILES: i64 = 40;
pub const MAX_CASE_BYTES: i64 = 60 * 1024 * 1024;

/// A file as it arrived: the form field it came in (its kind) and its bytes.
#[derive(Clone, Debug)]
pub struct Upload {
    pub kind: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

fn file_error(kind: &str, zh: &str, en: &str) -> ApiError {
    ApiError::field(&format!("doc_{kind}"), zh, en)
}

/// Checks every upload and seals it; the first bad file refuses the whole submission.
pub fn prepare(
    s: &AppState,
    uploads: &[Upload],
    uploaded_by: &str,
) -> Result<Vec<NewDocument>, ApiError> {
    if uploads.len() > MAX_FILES {
        return Err(ApiError::field(
            "documents",
            &format!("一次最多上传 {MAX_FILES} 个文件"),
            &format!("At most {MAX_FILES} files at a time"),
        ));
    }
    let mut out = Vec::with_capacity(uploads.len());
    for u in uploads {
        if !DOCUMENT_KINDS.iter().any(|(k, _, _)| *k == u.kind) {
            return Err(ApiError::field(
                "documents",
                "未知的材料类型",
                "Unknown kind of document",
            ));
        }
        if u.bytes.len() > MAX_FILE_BYTES {
            return Err(file_error(
                &u.kind,
                "文件太大：每个文件最多 5 MB，请压缩照片或分页扫描",
                "The file is too large: at most 5 MB each; shrink the photo or scan fewer pages",
            ));
        }
        let Some(content_type) = sniff(&u.bytes) else {
            return Err(file_error(
                &u.kind,
                "文件内容不是 JPEG、PNG 图片或 PDF（与文件名无关），请重新拍照或扫描",
                "The file's content is not a JPEG or PNG image or a PDF (whatever its name); take the photo or scan again",
            ));
        };
        if !name_agrees(&u.file_name, content_type) {
            return Err(file_error(
                &u.kind,
                "文件名与内容不符（例如名为 .pdf 实为图片），请检查后重新选择",
                "The file's name does not match its content (e.g. named .pdf but an image); check it and choose again",
            ));
        }
        out.push(NewDocument {
            id: uuid::Uuid::new_v4().to_string(),
            kind: u.kind.clone(),
            content_type: content_type.to_string(),
            size: u.bytes.len() as i64,
            sha256: hex::encode(Sha256::digest(&u.bytes)),
            sealed: s.vault.seal_bytes(&u.bytes),
            uploaded_by: uploaded_by.to_string(),
        });
    }
    Ok(out)
}

/// A file name's extension, when it has a known one, must say what the content is.
fn name_agrees(file_name: &str, content_type: &str) -> bool {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => content_type == "application/pdf",
        "jpg" | "jpeg" => content_type == "image/jpeg",
        "png" => content_type == "image/png",
        _ => true,
    }
}

/// The applicant adds documents to an open case. A case waiting for documents goes back to the
/// caseworker ("accepted") with the event saying so.
pub async fn add(
    s: &AppState,
    user: &AuthUser,
    reference: &str,
    uploads: &[Upload],
    now: i64,
) -> Result<usize, ApiError> {
    let c = owned(s, user, reference).await?;
    let closed = || {
        refuse(
            "case_closed",
            "这个申请已经办结，不能再补充材料；如有疑问请联系街道",
            "This application is closed and takes no more documents; contact the street office with any question",
        )
    };
    if !c.state.is_open() {
        return Err(closed());
    }
    if uploads.is_empty() {
        return Err(ApiError::field(
            "documents",
            "请选择要上传的文件",
            "Choose the file to upload",
        ));
    }
    let mut docs = prepare(s, uploads, "applicant")?;
    // The same file again as the same kind (the same bytes) is stored once per case; the same
    // scan may stand for another kind (a household register page as the relation proof).
    let held = store::document_digests(&s.db, &c.id).await?;
    let mut seen: std::collections::HashSet<(String, String)> = held
        .iter()
        .map(|(kind, digest, _)| (kind.clone(), digest.clone()))
        .collect();
    docs.retain(|d| seen.insert((d.kind.clone(), d.sha256.clone())));
    if docs.is_empty() {
        return Err(ApiError::field(
            "documents",
            "这些文件已经上传过了，无需再传",
            "These files are here already; there is no need to send them again",
        ));
    }
    let held_bytes: i64 = held.iter().map(|(_, _, size)| size).sum();
    let adding: i64 = docs.iter().map(|d| d.size).sum();
    if held.len() as i64 + docs.len() as i64 > MAX_CASE_FILES
        || held_bytes + adding > MAX_CASE_BYTES
    {
        return Err(refuse(
            "case_full",
            "这个申请的材料已经很多了，无法再上传；如还有材料，请带到街道窗口",
            "This application holds as many documents as it can take; bring any others to the street office",
        ));
    }
    let moved = if c.state == CaseState::MoreDocuments {
        let change = Change {
            actor: "applicant".into(),
            actor_label: "申请人".into(),
            from_state: Some(c.state),
            to_state: CaseState::Accepted,
            reason_zh: format!("申请人补充了 {} 份材料", docs.len()),
            reason_en: format!("The applicant added {} document(s)", docs.len()),
            decided: None,
        };
        store::change_state(&s.db, &c.id, &change, &docs, now).await?
    } else {
        false
    };
    if !moved && !store::add_documents(&s.db, &c.id, &docs, CaseState::OPEN, now).await? {
        return Err(closed()); // decided between the read and the write
    }
    crate::audit::record(
        s,
        &user.account_id,
        "case.add_documents",
        &c.id,
        &format!("ok: {}", docs.len()),
    )
    .await?;
    if moved {
        notify(s, &c, "补充材料已收到，经办人将继续审核。", now).await?;
    }
    Ok(docs.len())
}

/// A document's type and content for the case's applicant.
pub async fn for_applicant(
    s: &AppState,
    user: &AuthUser,
    reference: &str,
    document_id: &str,
) -> Result<(String, Vec<u8>), ApiError> {
    let c = owned(s, user, reference).await?;
    open(s, &c.id, document_id).await
}

/// A document's type and content for the caseworker of the case's street (audited).
pub async fn for_caseworker(
    s: &AppState,
    staff: &StaffUser,
    reference: &str,
    document_id: &str,
) -> Result<(String, Vec<u8>), ApiError> {
    let c = super::of_my_street(s, staff, reference).await?;
    let file = open(s, &c.id, document_id).await?;
    crate::audit::record(s, &staff.id, "case.document", &c.id, "ok").await?;
    Ok(file)
}

async fn open(
    s: &AppState,
    case_id: &str,
    document_id: &str,
) -> Result<(String, Vec<u8>), ApiError> {
    let Some((content_type, sealed)) =
        store::document_content(&s.db, case_id, document_id.trim()).await?
    else {
        return Err(ApiError::NotFound);
    };
    let bytes = s
        .vault
        .open_bytes(&sealed)
        .map_err(|e| ApiError::Internal(format!("document {document_id}: {e}")))?;
    Ok((content_type, bytes))
}

#[cfg(test)]
mod tests {
    use super::name_agrees;

    #[test]
    fn a_name_must_not_contradict_the_content() {
        assert!(name_agrees("death.pdf", "application/pdf"));
        assert!(name_agrees("IMG_0001.JPG", "image/jpeg"));
        assert!(name_agrees("scan", "image/png"));
        assert!(!name_agrees("death.pdf", "image/jpeg"));
        assert!(!name_agrees("photo.png", "application/pdf"));
    }
}
