//! Resident sign-in by mobile number and one-time code, tokens, rotation and sign-out, on
//! SQLite and PostgreSQL.

use crate::support;

use serde_json::{Value, json};
use server::account;
use server::account::store as accounts;
use server::state::AppState;

const PHONE: &str = "13812345678";

async fn latest_code(app: &support::TestApp) -> String {
    let (_, recipient, message) = accounts::outbox_recent(&app.db, 1).await.unwrap().remove(0);
    assert_eq!(
        recipient, "138****5678",
        "the outbox shows the number masked"
    );
    message
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .chars()
        .take(6)
        .collect()
}

async fn post(app: &support::TestApp, path: &str, body: Value) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(path))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn me(app: &support::TestApp, access: &str) -> (u16, Value) {
    let res = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn sign_in(app: &support::TestApp) -> Value {
    let (s, _) = post(app, "/api/v1/auth/code", json!({"phone": PHONE})).await;
    assert_eq!(s, 202);
    let code = latest_code(app).await;
    let (s, tokens) = post(
        app,
        "/api/v1/auth/verify",
        json!({"phone": PHONE, "code": code, "consent": true}),
    )
    .await;
    assert_eq!(s, 200, "{tokens}");
    tokens
}

fn state(app: &support::TestApp) -> AppState {
    AppState::new(support::test_config(&app.database_url), app.db.clone())
}

on_both_backends!(a_code_signs_in_and_the_number_is_stored_sealed, |app| {
    let tokens = sign_in(app).await;
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 900);
    let (s, body) = me(app, tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(s, 200);
    assert_eq!(body["phone"], "138****5678");
    let sealed: String = sqlx::query_scalar("SELECT phone_sealed FROM accounts")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let hash: String = sqlx::query_scalar("SELECT phone_hash FROM accounts")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(
        !sealed.contains("1381234") && !hash.contains("1381234"),
        "no number in clear at rest"
    );
});

on_both_backends!(consent_is_asked_once_recorded_and_can_be_withdrawn, |app| {
    post(app, "/api/v1/auth/code", json!({"phone": PHONE})).await;
    let code = latest_code(app).await;
    let (s, body) = post(
        app,
        "/api/v1/auth/verify",
        json!({"phone": PHONE, "code": code}),
    )
    .await;
    assert_eq!(
        (s, body["fields"][0]["field"].as_str()),
        (422, Some("consent")),
        "no sign-in without consent"
    );
    let tokens = {
        let st = state(app);
        let later = server::clock::now() + 61;
        account::request_code(&st, PHONE, "test", later)
            .await
            .unwrap();
        let code = latest_code(app).await;
        account::verify_code(&st, PHONE, &code, true, server::clock::now())
            .await
            .unwrap()
    };
    let list: Value = app
        .client
        .get(app.url("/api/v1/me/consents"))
        .bearer_auth(&tokens.access)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list[0]["purpose"], "account");
    assert_eq!(list[0]["text_version"], "account-2026-11");
    assert!(list[0]["withdrawn_at"].is_null());
    let res = app
        .client
        .post(app.url("/api/v1/me/consents/account/withdraw"))
        .bearer_auth(&tokens.access)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(
        me(app, &tokens.access).await.0,
        401,
        "withdrawing ends the sign-in"
    );
    let withdrawn: Option<i64> = sqlx::query_scalar("SELECT withdrawn_at FROM consents")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(
        withdrawn.is_some(),
        "the withdrawal is recorded, the record kept"
    );
});

on_both_backends!(bad_numbers_and_codes_are_refused_clearly, |app| {
    let (s, body) = post(app, "/api/v1/auth/code", json!({"phone": "12345"})).await;
    assert_eq!(s, 422);
    assert_eq!(body["fields"][0]["field"], "phone");
    assert!(
        body["fields"][0]["message"]["zh"]
            .as_str()
            .unwrap()
            .contains("11 位")
    );
    let (s, _) = post(app, "/api/v1/auth/code", json!({"phone": PHONE})).await;
    assert_eq!(s, 202);
    let (s, body) = post(app, "/api/v1/auth/code", json!({"phone": PHONE})).await;
    assert_eq!(s, 429, "one code per 60 seconds");
    assert_eq!(body["code"], "rate_limited");
    let (s, body) = post(
        app,
        "/api/v1/auth/verify",
        json!({"phone": PHONE, "code": "12ab"}),
    )
    .await;
    assert_eq!(
        (s, body["fields"][0]["field"].as_str()),
        (422, Some("code"))
    );
});

on_both_backends!(
    five_wrong_tries_kill_the_code_and_a_code_works_once,
    |app| {
        post(app, "/api/v1/auth/code", json!({"phone": PHONE})).await;
        let code = latest_code(app).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..5 {
            let (s, body) = post(
                app,
                "/api/v1/auth/verify",
                json!({"phone": PHONE, "code": wrong}),
            )
            .await;
            assert_eq!((s, body["code"].as_str()), (401, Some("code_wrong")));
        }
        let (s, body) = post(
            app,
            "/api/v1/auth/verify",
            json!({"phone": PHONE, "code": code}),
        )
        .await;
        assert_eq!(
            (s, body["code"].as_str()),
            (401, Some("code_expired")),
            "dead after 5 wrong tries"
        );

        let st = state(app);
        let later = server::clock::now() + 120;
        account::request_code(&st, PHONE, "test", later)
            .await
            .unwrap();
        let code = latest_code(app).await;
        assert!(
            account::verify_code(&st, PHONE, &code, true, later + 1)
                .await
                .is_ok()
        );
        let again = account::verify_code(&st, PHONE, &code, true, later + 2)
            .await
            .err()
            .unwrap();
        assert_eq!(again.code(), "code_expired", "single use");
    }
);

on_both_backends!(codes_expire_after_five_minutes, |app| {
    let st = state(app);
    let t = server::clock::now();
    account::request_code(&st, PHONE, "test", t).await.unwrap();
    let code = latest_code(app).await;
    let late = account::verify_code(&st, PHONE, &code, true, t + 300)
        .await
        .err()
        .unwrap();
    assert_eq!(late.code(), "code_expired");
});

on_both_backends!(refresh_rotates_and_reuse_ends_the_sign_in, |app| {
    let first = sign_in(app).await;
    let (s, second) = post(
        app,
        "/api/v1/auth/refresh",
        json!({"refresh_token": first["refresh_token"]}),
    )
    .await;
    assert_eq!(s, 200);
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(
        me(app, second["access_token"].as_str().unwrap()).await.0,
        200
    );
    // The spent token comes back a minute later (past the grace two tabs get): someone holds a
    // copy, so the whole sign-in ends.
    sqlx::query("UPDATE refresh_tokens SET used_at = used_at - 60 WHERE used_at IS NOT NULL")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (s, body) = post(
        app,
        "/api/v1/auth/refresh",
        json!({"refresh_token": first["refresh_token"]}),
    )
    .await;
    assert_eq!((s, body["code"].as_str()), (401, Some("refresh_reused")));
    assert_eq!(
        me(app, second["access_token"].as_str().unwrap()).await.0,
        401
    );
    let (s, _) = post(
        app,
        "/api/v1/auth/refresh",
        json!({"refresh_token": second["refresh_token"]}),
    )
    .await;
    assert_eq!(s, 401);
});

on_both_backends!(sign_out_everywhere_ends_every_device_at_once, |app| {
    let phone_a = sign_in(app).await;
    let st = state(app);
    let later = server::clock::now() + 61;
    account::request_code(&st, PHONE, "kiosk", later)
        .await
        .unwrap();
    let code = latest_code(app).await;
    let kiosk = account::verify_code(&st, PHONE, &code, true, server::clock::now())
        .await
        .unwrap();
    assert_eq!(me(app, &kiosk.access).await.0, 200);
    let res = app
        .client
        .post(app.url("/api/v1/auth/sign-out-everywhere"))
        .bearer_auth(phone_a["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(
        me(app, &kiosk.access).await.0,
        401,
        "the other device is out at once"
    );
    assert_eq!(
        me(app, phone_a["access_token"].as_str().unwrap()).await.0,
        401
    );
});

on_both_backends!(forged_tokens_are_refused, |app| {
    use base64::Engine;
    let tokens = sign_in(app).await;
    let access = tokens["access_token"].as_str().unwrap();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let parts: Vec<&str> = access.split('.').collect();
    // alg: none with the same claims and no signature.
    let none = format!(
        "{}.{}.",
        b64.encode(r#"{"alg":"none","typ":"JWT"}"#),
        parts[1]
    );
    // The same claims with the subject changed, signature kept.
    let mut claims: Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
    claims["sub"] = json!("someone-else");
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        b64.encode(claims.to_string()),
        parts[2]
    );
    // Another algorithm (HS512) with a key the server does not use.
    let hs512 = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS512),
        &serde_json::from_slice::<Value>(&b64.decode(parts[1]).unwrap()).unwrap(),
        &jsonwebtoken::EncodingKey::from_secret(b"guess"),
    )
    .unwrap();
    for (what, token) in [
        ("alg none", none),
        ("tampered", tampered),
        ("HS512", hs512),
        ("garbage", "x.y.z".into()),
    ] {
        let (s, body) = me(app, &token).await;
        assert_eq!(s, 401, "{what}");
        assert_eq!(body["code"], "token_invalid", "{what}");
    }
    let res = app.client.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(res.status(), 401);
});

on_both_backends!(
    on_a_kiosk_the_sign_in_cookies_last_only_until_the_idle_wipe,
    |app| {
        let tokens = sign_in(app).await;
        let cookie = format!(
            "access={}; refresh={}",
            tokens["access_token"].as_str().unwrap(),
            tokens["refresh_token"].as_str().unwrap()
        );
        let cfg = support::test_config(&app.database_url);
        let wipe = cfg.kiosk_idle_seconds + cfg.kiosk_warn_seconds;
        let page = |extra: &str| {
            app.client
                .get(app.url("/account"))
                .header("cookie", format!("{cookie}{extra}"))
                .send()
        };
        let on_kiosk = page("; kiosk=1").await.unwrap();
        let set: Vec<String> = on_kiosk
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        for name in ["access=", "refresh="] {
            let c = set
                .iter()
                .find(|c| c.starts_with(name))
                .unwrap_or_else(|| panic!("{name} renewed: {set:?}"));
            assert!(c.contains(&format!("Max-Age={wipe};")), "{c}");
        }
        let elsewhere = page("").await.unwrap();
        assert!(
            elsewhere
                .headers()
                .get_all("set-cookie")
                .iter()
                .all(|v| !v.to_str().unwrap().starts_with("access=")),
            "on a phone the cookies keep their own lifetime"
        );
    }
);
