//! Request body limits and timeouts: what a client sending too much, or too slowly, is told,
//! and that it changes nothing. (Limits do not depend on the database: SQLite only.)

use crate::support;

use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The real router on a loopback port with a 1-second request timeout.
async fn spawn() -> (String, support::tempdir::TempDir) {
    let dir = support::tempdir::TempDir::new();
    let mut cfg = support::test_config(&format!("sqlite://{}/app.db", dir.0.display()));
    cfg.request_timeout_seconds = 1;
    cfg.seed_demo_setting = Some(false); // hashing the demo staff passwords is slow in a debug build
    let (db, _) = server::prepare_database(&cfg).await.expect("database");
    let url = support::serve(server::build_router(cfg, db)).await;
    let addr = url.trim_start_matches("http://").to_string();
    (addr, dir)
}

async fn assert_too_large(res: reqwest::Response) {
    assert_eq!(res.status(), 413);
    let body: Value = res.json().await.expect("a JSON error");
    assert_eq!(body["code"], "too_large");
    assert!(body["message"]["zh"].as_str().unwrap().contains("太大"));
    assert!(
        body["message"]["en"]
            .as_str()
            .unwrap()
            .contains("too large")
    );
}

/// Sends raw bytes and reads the answer.
async fn raw(addr: &str, request: &str) -> String {
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    // The server may answer before reading everything: a write error then is fine.
    let _ = conn.write_all(request.as_bytes()).await;
    read_answer(&mut conn).await
}

/// Reads until the status line, the headers and a JSON body's closing brace have arrived.
async fn read_answer(conn: &mut tokio::net::TcpStream) -> String {
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&answer);
        if text
            .split_once("\r\n\r\n")
            .is_some_and(|(_, body)| body.trim_end().ends_with('}'))
        {
            return text.into_owned();
        }
        let n = tokio::time::timeout(Duration::from_secs(10), conn.read(&mut buf))
            .await
            .expect("answered within 10 s")
            .unwrap_or(0);
        if n == 0 {
            return text.into_owned();
        }
        answer.extend_from_slice(&buf[..n]);
    }
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_a_bilingual_413() {
    let (addr, _dir) = spawn().await;
    let client = reqwest::Client::new();
    // 100 KB of JSON to the eligibility API (its limit is 64 KB): refused before it is parsed.
    let padding = "x".repeat(100 * 1024);
    let big = format!(
        r#"{{"household":{{"residence":"urban","members":[{{"age":30}}],"monthly_income_fen":0}},"note":"{padding}"}}"#
    );
    let res = client
        .post(format!("http://{addr}/api/v1/eligibility/check"))
        .header("content-type", "application/json")
        .body(big.clone())
        .send()
        .await
        .unwrap();
    assert_too_large(res).await;

    // The same without a Content-Length (chunked): noticed while reading.
    let mut chunked = String::new();
    for c in big.as_bytes().chunks(8 * 1024) {
        chunked.push_str(&format!(
            "{:x}\r\n{}\r\n",
            c.len(),
            String::from_utf8_lossy(c)
        ));
    }
    chunked.push_str("0\r\n\r\n");
    let answer = raw(
        &addr,
        &format!(
            "POST /api/v1/eligibility/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunked}"
        ),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"too_large\""), "{answer}");

    // A raw-body route (the payment gateway's notifications): the same answer, and no order
    // is touched.
    let res = client
        .post(format!("http://{addr}/api/v1/payments/notify"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_too_large(res).await;

    // A body under the limit is still served.
    let res = client
        .post(format!("http://{addr}/api/v1/eligibility/check"))
        .json(&serde_json::json!({"household": {"residence": "urban", "members": [{"age": 30}], "monthly_income_fen": 0}, "date": "2024-05-01"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn a_request_whose_body_never_arrives_is_answered_503_within_the_timeout() {
    let (addr, _dir) = spawn().await;
    let mut conn = tokio::net::TcpStream::connect(&addr).await.unwrap();
    // Announce 1,000 bytes, send 10, then stall (as a client on a dead connection would).
    conn.write_all(
        format!(
            "POST /api/v1/eligibility/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"househol"
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let started = Instant::now();
    let text = read_answer(&mut conn).await;
    let waited = started.elapsed();
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(text.contains("\"timeout\""), "{text}");
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
        "answered after {waited:?}"
    );
}
