//! The API's one error shape: `{code, message: {zh, en}, fields: [{field, message: {zh, en}}]}`.
//! Internal errors are logged with the request id and shown as a generic message quoting it.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: Message,
}

/// The JSON body of every error answer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `validation`, `not_found`, `internal`.
    pub code: String,
    pub message: Message,
    pub fields: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("not found")]
    NotFound,
    /// A refusal with its own status, code and message (401, 403, 429…).
    #[error("rejected: {code}")]
    Rejected {
        status: StatusCode,
        code: &'static str,
        message: Message,
    },
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> ApiError {
        ApiError::Internal(e.to_string())
    }
}

impl ApiError {
    pub fn rejected(status: StatusCode, code: &'static str, zh: &str, en: &str) -> ApiError {
        ApiError::Rejected {
            status,
            code,
            message: Message::new(zh, en),
        }
    }

    pub fn unauthorized(code: &'static str, zh: &str, en: &str) -> ApiError {
        ApiError::rejected(StatusCode::UNAUTHORIZED, code, zh, en)
    }

    pub fn field(field: &str, zh: &str, en: &str) -> ApiError {
        ApiError::Validation(vec![FieldError {
            field: field.into(),
            message: Message::new(zh, en),
        }])
    }

    /// The field and message a form shows for this error (internal ones are logged here).
    pub fn for_form(&self, default_field: &str) -> (String, Message) {
        if let ApiError::Internal(detail) | ApiError::Unavailable(detail) = self {
            tracing::error!(request_id = %crate::http::request_id::current(), error = %detail, "form request failed");
        }
        let (_, _, message, fields) = self.parts();
        match fields.into_iter().next() {
            Some(f) => (f.field, f.message),
            None => (default_field.to_string(), message),
        }
    }

    /// The stable machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        self.parts().1
    }

    fn parts(&self) -> (StatusCode, &'static str, Message, Vec<FieldError>) {
        match self {
            ApiError::Validation(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                Message::new(
                    "填写的内容有误，请按提示修改",
                    "Some answers need correcting; see the fields",
                ),
                fields.clone(),
            ),
            ApiError::BadRequest(why) => (
                StatusCode::BAD_REQUEST,
                "bad_request",
                Message::new(
                    format!("请求格式不正确：{why}"),
                    format!("The request is malformed: {why}"),
                ),
                vec![],
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                Message::new("没有这个接口或记录", "No such endpoint or record"),
                vec![],
            ),
            ApiError::Rejected {
                status,
                code,
                message,
            } => (*status, code, message.clone(), vec![]),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                Message::new(
                    "服务暂时不可用，请稍后再试",
                    "The service is unavailable; please try again shortly",
                ),
                vec![],
            ),
            ApiError::Internal(_) => {
                let id = crate::http::request_id::current();
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    Message::new(
                        format!("系统出错了，请稍后再试。如需帮助，请提供编号 {id}"),
                        format!(
                            "Something went wrong on our side; please try again. If you need help, quote reference {id}"
                        ),
                    ),
                    vec![],
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) | ApiError::Unavailable(detail) = &self {
            tracing::error!(request_id = %crate::http::request_id::current(), error = %detail, "request failed");
        }
        let (status, code, message, fields) = self.parts();
        (
            status,
            Json(ErrorBody {
                code: code.into(),
                message,
                fields,
            }),
        )
            .into_response()
    }
}
