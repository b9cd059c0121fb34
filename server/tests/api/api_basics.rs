//! The API's basics, on SQLite and PostgreSQL: probes, directory, errors, OpenAPI, headers.

use serde_json::Value;

on_both_backends!(health_and_readiness_answer, |app| {
    let live = app.get("/healthz").await;
    assert_eq!(live.status(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.json::<Value>().await.unwrap()["status"], "ready");
});

on_both_backends!(street_offices_are_seeded_in_order, |app| {
    let res = app.get("/api/v1/street-offices").await;
    assert_eq!(res.status(), 200);
    let list: Vec<Value> = res.json().await.unwrap();
    assert_eq!(list.len(), 12, "all 12 Dongxihu street offices");
    assert_eq!(list[0]["name_zh"], "吴家山街道");
    assert!(list.iter().any(|s| s["name_zh"] == "常青花园新区街道"));
    assert!(
        list.iter().all(|s| s["placeholder"] == true),
        "contact details are marked unconfirmed"
    );
});

on_both_backends!(
    unknown_api_route_gets_the_error_shape_in_two_languages,
    |app| {
        let res = app.get("/api/v1/no-such-thing").await;
        assert_eq!(res.status(), 404);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "not_found");
        assert!(body["message"]["zh"].as_str().unwrap().contains("没有"));
        assert!(body["message"]["en"].as_str().unwrap().contains("No such"));
        assert!(body["fields"].as_array().unwrap().is_empty());
    }
);

on_both_backends!(openapi_document_lists_the_routes, |app| {
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for (path, method) in [
        ("/api/v1/street-offices", "get"),
        ("/api/v1/eligibility/check", "post"),
        ("/api/v1/policy/programs", "get"),
        ("/api/v1/policy/parameters", "get"),
        ("/api/v1/auth/code", "post"),
        ("/api/v1/auth/verify", "post"),
        ("/api/v1/auth/refresh", "post"),
        ("/api/v1/me", "get"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} is documented"
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    let page = app.get("/api/docs").await.text().await.unwrap();
    assert!(page.contains("/api/v1/street-offices"));
});

on_both_backends!(responses_carry_security_headers_and_compress, |app| {
    let res = app
        .client
        .get(app.url("/"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers();
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["content-encoding"], "br");
    assert!(
        h.get("strict-transport-security").is_none(),
        "no HSTS without TLS"
    );
});

on_both_backends!(
    preference_switch_sets_a_cookie_and_refuses_cross_site_posts,
    |app| {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let ok = client
            .post(app.url("/prefs"))
            .form(&[("name", "lang"), ("value", "en"), ("back", "/staff")])
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), 303);
        assert_eq!(ok.headers()["location"], "/staff");
        assert!(
            ok.headers()["set-cookie"]
                .to_str()
                .unwrap()
                .starts_with("lang=en")
        );

        let offsite = client
            .post(app.url("/prefs"))
            .form(&[
                ("name", "lang"),
                ("value", "en"),
                ("back", "//evil.example"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(
            offsite.headers()["location"],
            "/",
            "open redirects are refused"
        );

        let cross = client
            .post(app.url("/prefs"))
            .header("sec-fetch-site", "cross-site")
            .form(&[("name", "lang"), ("value", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(cross.status(), 403);
        assert!(cross.headers().get("set-cookie").is_none());
    }
);
