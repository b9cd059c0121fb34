//! A readable page of the API, rendered from the same OpenAPI document.

use axum::Extension;
use axum::response::Html;
use std::fmt::Write;
use std::sync::Arc;
use utoipa::openapi::OpenApi;
use utoipa::openapi::path::{HttpMethod, Operation};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn operations(item: &utoipa::openapi::PathItem) -> Vec<(HttpMethod, &Operation)> {
    [
        (HttpMethod::Get, &item.get),
        (HttpMethod::Post, &item.post),
        (HttpMethod::Put, &item.put),
        (HttpMethod::Patch, &item.patch),
        (HttpMethod::Delete, &item.delete),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
    .collect()
}

fn method_name(m: &HttpMethod) -> &'static str {
    match m {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Put => "PUT",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Delete => "DELETE",
        _ => "OTHER",
    }
}

pub async fn page(Extension(doc): Extension<Arc<OpenApi>>) -> Html<String> {
    let mut body = String::new();
    for (path, item) in doc.paths.paths.iter() {
        for (method, op) in operations(item) {
            let summary = op
                .summary
                .as_deref()
                .or(op.description.as_deref())
                .unwrap_or("");
            let _ = write!(
                body,
                "<section class=\"api-op\"><h2><span class=\"method\">{}</span> <code>{}</code></h2><p>{}</p><ul>",
                method_name(&method),
                esc(path),
                esc(summary)
            );
            for (status, resp) in op.responses.responses.iter() {
                let desc = match resp {
                    utoipa::openapi::RefOr::T(r) => r.description.clone(),
                    utoipa::openapi::RefOr::Ref(r) => r.ref_location.clone(),
                };
                let _ = write!(
                    body,
                    "<li><strong>{}</strong> {}</li>",
                    esc(status),
                    esc(&desc)
                );
            }
            body.push_str("</ul></section>");
        }
    }
    Html(format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>开放接口说明 API · 东西湖民政</title><link rel=\"stylesheet\" href=\"/pkg/dongxihu.css\"></head>\
         <body><header class=\"site-header\"><a class=\"site-title\" href=\"/\">东西湖民政自助服务</a></header>\
         <main id=\"main\"><h1>开放接口说明 <span lang=\"en\">API documentation</span></h1>\
         <p>{}</p><p>机器可读文档 <span lang=\"en\">Machine-readable document</span>: \
         <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a></p>{}</main></body></html>",
        esc(doc.info.description.as_deref().unwrap_or("")),
        body
    ))
}
