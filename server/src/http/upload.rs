//! Multipart form posts with files (applications with their documents): text fields and files
//! read within limits, with one clear message when an upload is too large or broken.

use crate::error::ApiError;
use axum::extract::multipart::Multipart;
use axum::http::StatusCode;

/// A file field: its form name, the name the browser gave, and its bytes.
#[derive(Clone, Debug)]
pub struct FilePart {
    pub field: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// What a multipart post carried. Empty file fields (nothing chosen) are left out.
#[derive(Clone, Debug, Default)]
pub struct Posted {
    pub fields: Vec<(String, String)>,
    pub files: Vec<FilePart>,
}

impl Posted {
    pub fn value(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    pub fn values(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }
}

/// Reads every part; `file_field` tells file fields from text fields. A part larger than the
/// route's body limit or a broken upload is refused with `field`'s message.
pub async fn read(
    mut mp: Multipart,
    field: &str,
    max_file_bytes: usize,
    is_file: impl Fn(&str) -> bool,
) -> Result<Posted, ApiError> {
    let mb = max_file_bytes / (1024 * 1024);
    let too_big = || ApiError::field(field, &too_big_zh(mb), &too_big_en(mb));
    let broken = || {
        ApiError::field(
            field,
            "上传未完成，请重新选择文件后再提交",
            "The upload did not complete; choose the file again and resubmit",
        )
    };
    let mut out = Posted::default();
    loop {
        let part = match mp.next_field().await {
            Ok(Some(p)) => p,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_big()),
            Err(_) => return Err(broken()),
        };
        let name = part.name().unwrap_or_default().to_string();
        if is_file(&name) {
            let file_name = part.file_name().unwrap_or_default().to_string();
            let bytes = match part.bytes().await {
                Ok(b) => b,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_big()),
                Err(_) => return Err(broken()),
            };
            if bytes.len() > max_file_bytes {
                return Err(ApiError::field(&name, &too_big_zh(mb), &too_big_en(mb)));
            }
            if !bytes.is_empty() {
                out.files.push(FilePart {
                    field: name,
                    file_name,
                    bytes: bytes.to_vec(),
                });
            }
        } else {
            match part.text().await {
                Ok(t) => out.fields.push((name, t)),
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_big()),
                Err(_) => return Err(broken()),
            }
        }
    }
    Ok(out)
}

fn too_big_zh(mb: usize) -> String {
    format!("文件太大：每个文件最多 {mb} MB，请压缩照片或分页扫描")
}

fn too_big_en(mb: usize) -> String {
    format!("The file is too large: at most {mb} MB each; shrink the photo or scan fewer pages")
}
