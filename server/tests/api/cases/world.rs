//! What the case tests share: the clock, valid ID numbers, signed-in residents and caseworkers,
//! a funeral claim that is accepted as it stands, files by their content, a hand-made multipart
//! body (the test client has no multipart feature), and counts of what is stored.
#![allow(dead_code)]

use crate::support;
use serde_json::{Value, json};
use server::auth::totp;
use server::cases::funeral::{self, FuneralApplication};
use server::staff;
use server::state::AppState;

pub const CASEWORKER: &str = "wjs-caseworker";
pub const CASEWORKER_PASSWORD: &str = "Wujiashan-Case-2026";
pub const CASEWORKER_SECRET: &str = "KRSXG5DTMVRXEZLUKRSXG5DTMVRXEZLU";
pub const ADMIN: &str = "admin";
pub const ADMIN_PASSWORD: &str = "Dongxihu-Admin-2026";
pub const ADMIN_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// The applicant (born 1970-02-02) and the deceased (born 1950-01-01), both of Dongxihu.
pub fn applicant_id() -> String {
    id_number("42011219700202234")
}

pub fn deceased_id() -> String {
    id_number("42011219500101123")
}

pub fn id_number(first17: &str) -> String {
    policy::id_number::with_check_character(first17).expect("17 digits")
}

/// How the detail pages should show an ID number: the first 4 and the last 4 characters.
pub fn masked(id: &str) -> String {
    format!("{}**********{}", &id[..4], &id[14..])
}

pub fn state(app: &support::TestApp) -> AppState {
    AppState::new(support::test_config(&app.database_url), app.db.clone())
}

/// Today in Asia/Shanghai by the real clock (the server runs on it too).
pub fn today() -> policy::Date {
    server::clock::today(server::clock::now())
}

pub fn days_ago(n: i64) -> String {
    today().add_days(-n).unwrap().to_string()
}

/// A resident signed in by phone code; returns the access token.
pub async fn resident(s: &AppState, n: u32) -> String {
    support::resident_tokens(s, &format!("1360000{n:04}"), &format!("case-{n}"))
        .await
        .access
}

async fn staff_sign_in(s: &AppState, username: &str, password: &str, secret: &str) -> String {
    support::staff_sign_in(s, username, password, secret)
        .await
        .0
}

/// The demo caseworker of the street `wujiashan`.
pub async fn caseworker(s: &AppState) -> String {
    staff_sign_in(s, CASEWORKER, CASEWORKER_PASSWORD, CASEWORKER_SECRET).await
}

pub async fn admin(s: &AppState) -> String {
    staff_sign_in(s, ADMIN, ADMIN_PASSWORD, ADMIN_SECRET).await
}

/// A caseworker of the street `jiangjunlu`, invited by the admin through the API, enrolled.
pub async fn other_caseworker(app: &support::TestApp, s: &AppState, admin: &str) -> String {
    let made = as_staff(app.client.post(app.url("/api/v1/staff/users")), admin)
        .json(
            &json!({"username": "jjl-caseworker", "display_name": "将军路街道经办人",
            "role": "caseworker", "street_code": "jiangjunlu"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let invite: Value = made.json().await.unwrap();
    let code = invite["code"].as_str().unwrap();
    support::enrol_invited(s, "jjl-caseworker", code, "Jiangjunlu-Case-2026").await
}

pub fn as_staff(req: reqwest::RequestBuilder, token: &str) -> reqwest::RequestBuilder {
    req.header("cookie", format!("staff={token}"))
}

/// A claim that is accepted as it stands: cremated outside Wuhan 20 days ago, 500 yuan of
/// basic fees to reimburse, street `wujiashan`.
pub fn claim() -> FuneralApplication {
    FuneralApplication {
        applicant_name: "张建国".into(),
        applicant_id: applicant_id(),
        relation: "child".into(),
        deceased_name: "张德明".into(),
        deceased_id: deceased_id(),
        hukou_wuhan: true,
        street_code: "wujiashan".into(),
        died_in_wuhan: false,
        death_date: days_ago(22),
        death_certificate: "HB2026-0012345".into(),
        cremated_in_wuhan: false,
        cremation_place: "长沙市殡仪馆".into(),
        cremation_date: days_ago(20),
        cremation_certificate: "CS-2026-88231".into(),
        burial: "ordinary".into(),
        items: vec!["transport".into(), "cremation".into(), "urn".into()],
        claimed_fen: 50_000,
        bank_name: "中国工商银行武汉东西湖支行".into(),
        bank_account: "6222 0212 3456 7890 123".into(),
    }
}

/// The most a claim like `a` can reimburse today: the engine's waiver total.
pub async fn cap(s: &AppState, a: &FuneralApplication) -> i64 {
    let mut big = a.clone();
    big.claimed_fen = i64::MAX / 4;
    let cremation = policy::Date::parse(&a.cremation_date).unwrap();
    let params = server::parameters::current(s).await.unwrap().set;
    funeral::estimate(&big, cremation, today(), &params).reimbursement_fen
}

pub fn pdf(marker: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n")
        .into_bytes()
}

pub fn jpeg(marker: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    b.extend_from_slice(b"JFIF\0");
    b.extend_from_slice(marker.as_bytes());
    b.extend_from_slice(&[0xFF, 0xD9]);
    b
}

pub fn png(marker: &str) -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    b.extend_from_slice(marker.as_bytes());
    b
}

/// A file part: `(form field, file name, bytes)`.
pub type File = (String, String, Vec<u8>);

pub fn file(field: &str, name: &str, bytes: Vec<u8>) -> File {
    (field.to_string(), name.to_string(), bytes)
}

/// The three documents of an outside-Wuhan claim, as PDFs.
pub fn documents() -> Vec<File> {
    vec![
        file("doc_death_certificate", "death.pdf", pdf("DEATH-CERT-7F3A")),
        file(
            "doc_cremation_certificate",
            "cremation.jpg",
            jpeg("CREMATION-CERT-91B2"),
        ),
        file("doc_invoice", "invoice.png", png("INVOICE-55C1")),
    ]
}

const BOUNDARY: &str = "----dongxihu-cases-test-boundary-5b1f";

/// A `multipart/form-data` body with text fields and files.
pub fn multipart(fields: &[(&str, String)], files: &[File]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (field, name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// Status and JSON body of an answer (Null when the body is not JSON).
pub async fn answer(r: reqwest::Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let text = r.text().await.unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Sends a funeral claim as a resident (`token` None: not signed in).
pub async fn post_claim(
    app: &support::TestApp,
    token: Option<&str>,
    a: &FuneralApplication,
    files: &[File],
) -> (u16, Value) {
    let (ct, body) = multipart(&[("application", serde_json::to_string(a).unwrap())], files);
    let mut req = app
        .client
        .post(app.url("/api/v1/funeral/claims"))
        .header("content-type", ct)
        .body(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    answer(req.send().await.unwrap()).await
}

pub async fn add_documents(
    app: &support::TestApp,
    token: &str,
    reference: &str,
    files: &[File],
) -> (u16, Value) {
    let (ct, body) = multipart(&[], files);
    let r = app
        .client
        .post(app.url(&format!("/api/v1/me/cases/{reference}/documents")))
        .bearer_auth(token)
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    answer(r).await
}

pub async fn resident_get(app: &support::TestApp, token: &str, path: &str) -> (u16, Value) {
    answer(
        app.client
            .get(app.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap(),
    )
    .await
}

pub async fn staff_get(app: &support::TestApp, token: &str, path: &str) -> (u16, Value) {
    answer(
        as_staff(app.client.get(app.url(path)), token)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// A caseworker's action on a case.
pub async fn act(
    app: &support::TestApp,
    token: &str,
    reference: &str,
    body: Value,
) -> (u16, Value) {
    answer(
        as_staff(
            app.client
                .post(app.url(&format!("/api/v1/cases/{reference}/actions"))),
            token,
        )
        .json(&body)
        .send()
        .await
        .unwrap(),
    )
    .await
}

pub async fn count(s: &AppState, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(&s.db.pool)
        .await
        .unwrap()
}

/// `(cases, case events, case documents)` stored.
pub async fn stored(s: &AppState) -> (i64, i64, i64) {
    (
        count(s, "SELECT COUNT(*) FROM cases").await,
        count(s, "SELECT COUNT(*) FROM case_events").await,
        count(s, "SELECT COUNT(*) FROM case_documents").await,
    )
}

/// The answer is a refusal in both languages; for a validation, `field` is among its fields
/// with its own message in both languages.
#[track_caller]
pub fn assert_field(status: u16, body: &Value, field: &str) {
    assert_eq!(status, 422, "expected 422 at {field}, got {status}: {body}");
    assert_eq!(body["code"], "validation", "{body}");
    assert_bilingual(body);
    let f = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .unwrap_or_else(|| panic!("field {field} in {body}"));
    assert!(!f["message"]["zh"].as_str().unwrap().is_empty(), "{body}");
    assert!(!f["message"]["en"].as_str().unwrap().is_empty(), "{body}");
}

/// A refusal with its own status and code, in both languages.
#[track_caller]
pub fn assert_refused(status: u16, body: &Value, expected: u16, code: &str) {
    assert_eq!(status, expected, "expected {expected} {code}: {body}");
    assert_eq!(body["code"], code, "{body}");
    assert_bilingual(body);
}

#[track_caller]
pub fn assert_bilingual(body: &Value) {
    assert!(
        !body["message"]["zh"]
            .as_str()
            .unwrap_or_default()
            .is_empty(),
        "message.zh in {body}"
    );
    assert!(
        !body["message"]["en"]
            .as_str()
            .unwrap_or_default()
            .is_empty(),
        "message.en in {body}"
    );
}

/// Sends the standard claim and returns its reference.
pub async fn sent_claim(app: &support::TestApp, token: &str) -> String {
    let (status, body) = post_claim(app, Some(token), &claim(), &documents()).await;
    assert_eq!(status, 201, "{body}");
    body["reference"].as_str().unwrap().to_string()
}

/// The answers of the check for an urban family of three, two working adults and a child,
/// 1,500 yuan a month (the end-to-end tests' common case: dibao likely).
pub fn dibao_answers() -> Value {
    json!({
        "ev": "hardship", "residence": "urban", "size": "3",
        "age.1": "40", "age.2": "38", "age.3": "12",
        "work.1": "yes", "work.2": "yes", "work.3": "no",
        "income": "1500", "supporter": "no", "medical": "0", "education": "0",
        "savings": "no", "housing": "no", "vehicle": "no", "hukou": "yes"
    })
}

pub async fn post_preapplication(app: &support::TestApp, token: &str, body: Value) -> (u16, Value) {
    answer(
        app.client
            .post(app.url("/api/v1/preapplications"))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// References in a caseworker's queue (open and closed).
pub fn queue_refs(q: &Value) -> Vec<String> {
    ["open", "closed"]
        .iter()
        .flat_map(|k| q[*k].as_array().cloned().unwrap_or_default())
        .map(|c| c["reference"].as_str().unwrap().to_string())
        .collect()
}

/// Every event says who, when, from which state and to which.
#[track_caller]
pub fn assert_events_complete(detail: &Value) {
    let events = detail["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for (i, e) in events.iter().enumerate() {
        assert!(!e["by"].as_str().unwrap().is_empty(), "who: {e}");
        assert!(!e["at"].as_str().unwrap().is_empty(), "when: {e}");
        assert!(!e["to"].as_str().unwrap().is_empty(), "to: {e}");
        if i == 0 {
            assert!(
                e["from"].is_null(),
                "the submission comes from nowhere: {e}"
            );
        } else {
            assert!(!e["from"].as_str().unwrap().is_empty(), "from: {e}");
            assert_eq!(
                e["from"],
                events[i - 1]["to"],
                "each step starts where the last ended"
            );
        }
    }
}

/// A policy administrator created for the test, signed in.
pub async fn policy_admin(s: &AppState) -> String {
    let t = server::clock::now();
    let secret = "ONSWG4TFORYG63DJMN4WC5DNNFXGS43U";
    let spec = staff::StaffSpec {
        username: "case-policy",
        display_name: "政策管理员",
        password: "Case-Policy-2026",
        role: types::account::Role::PolicyAdmin,
        street: None,
    };
    staff::create(&s.db, &s.vault, &spec, totp::from_base32(secret), t)
        .await
        .unwrap();
    staff_sign_in(s, "case-policy", "Case-Policy-2026", secret).await
}
