//! Cases on SQLite and PostgreSQL: funeral subsidy claims (one per deceased, the reimbursement
//! window, documents checked by their content, bad fields), pre-applications from the check,
//! the street caseworker's queue and its isolation from other streets, the workflow with its
//! events, and decided amounts. Every refusal is checked to change nothing.

mod world;

use serde_json::{Value, json};
use world::*;

fn reference_shape(reference: &str, prefix: &str) {
    let year = today().year();
    let head = format!("{prefix}{year}-");
    assert!(reference.starts_with(&head), "{reference}");
    let rest = &reference[head.len()..];
    assert_eq!(rest.len(), 9, "{reference}");
    assert_eq!(&rest[4..5], "-", "{reference}");
    assert!(
        rest.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_uppercase() || c.is_ascii_digit()),
        "{reference}"
    );
}

fn line<'a>(detail: &'a Value, label_en: &str) -> &'a str {
    detail["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label_en"] == label_en)
        .unwrap_or_else(|| panic!("line {label_en} in {detail}"))["value"]
        .as_str()
        .unwrap()
}

on_both_backends!(a_funeral_claim_is_sent_followed_and_sealed, |app| {
    let s = state(app);
    let token = resident(&s, 1).await;
    let a = claim();
    assert!(
        a.claimed_fen < cap(&s, &a).await,
        "the claim stays under the cap of {}",
        cap(&s, &a).await
    );
    let (status, sent) = post_claim(app, Some(&token), &a, &documents()).await;
    assert_eq!(status, 201, "{sent}");
    let reference = sent["reference"].as_str().unwrap().to_string();
    reference_shape(&reference, "BZ");
    assert_eq!(sent["state"], "submitted");
    assert_eq!(stored(&s).await, (1, 1, 3));

    let (status, mine) = resident_get(app, &token, "/api/v1/me/cases").await;
    assert_eq!(status, 200);
    let mine = mine.as_array().unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["reference"], reference.as_str());
    assert_eq!(mine[0]["state"], "submitted");
    assert_eq!(mine[0]["kind"], "funeral");
    assert_eq!(mine[0]["street_code"], "wujiashan");
    assert!(
        mine[0]["deadline"].is_string(),
        "the reimbursement window's last day"
    );

    let (status, detail) =
        resident_get(app, &token, &format!("/api/v1/me/cases/{reference}")).await;
    assert_eq!(status, 200, "{detail}");
    let text = detail.to_string();
    assert_eq!(line(&detail, "Applicant"), "张**");
    assert_eq!(line(&detail, "Deceased"), "张**");
    for secret in [
        "张建国",
        "张德明",
        applicant_id().as_str(),
        deceased_id().as_str(),
        "6222021234567890123",
        "6222 0212 3456 7890 123",
    ] {
        assert!(!text.contains(secret), "{secret} shown in clear: {text}");
    }
    for label in ["Applicant's ID number", "Deceased's ID number"] {
        let v = line(&detail, label);
        assert!(v.contains('*'), "{label} masked: {v}");
    }
    assert!(line(&detail, "Bank account").ends_with("0123"));
    assert_eq!(detail["money"]["claimed_fen"], 50_000);
    assert_eq!(detail["money"]["estimate_fen"], 50_000);
    assert!(detail["money"]["decided_fen"].is_null());
    assert!(
        !detail["money"]["basis"].as_array().unwrap().is_empty(),
        "the standards used"
    );
    assert_eq!(detail["actions"], json!(["add_documents"]));
    assert_events_complete(&detail);
    assert_eq!(detail["events"][0]["to"], "submitted");
    let docs = detail["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    for (field, _, bytes) in documents() {
        let kind = field.trim_start_matches("doc_");
        let d = docs
            .iter()
            .find(|d| d["kind"] == kind)
            .unwrap_or_else(|| panic!("{kind} in {detail}"));
        assert_eq!(d["added_by"], "applicant");
        assert_eq!(d["size"], bytes.len() as i64);
        let got = app
            .client
            .get(app.url(&format!(
                "/api/v1/me/cases/{reference}/documents/{}",
                d["id"].as_str().unwrap()
            )))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(got.status(), 200);
        assert_eq!(
            got.headers()["content-type"].to_str().unwrap(),
            d["content_type"].as_str().unwrap()
        );
        assert_eq!(
            got.bytes().await.unwrap().to_vec(),
            bytes,
            "{kind} byte-identical"
        );
    }
    let types: Vec<&str> = docs
        .iter()
        .map(|d| d["content_type"].as_str().unwrap())
        .collect();
    for t in ["application/pdf", "image/jpeg", "image/png"] {
        assert!(types.contains(&t), "{t} from the content: {types:?}");
    }

    let slip = app
        .client
        .get(app.url(&format!("/api/v1/me/cases/{reference}/slip.pdf")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(slip.status(), 200);
    assert_eq!(slip.headers()["content-type"], "application/pdf");
    assert!(slip.bytes().await.unwrap().starts_with(b"%PDF"));

    // Another resident neither sees it nor its documents nor its slip.
    let stranger = resident(&s, 2).await;
    let (status, theirs) = resident_get(app, &stranger, "/api/v1/me/cases").await;
    assert_eq!(status, 200);
    assert_eq!(theirs, json!([]));
    for path in [
        format!("/api/v1/me/cases/{reference}"),
        format!("/api/v1/me/cases/{reference}/slip.pdf"),
        format!(
            "/api/v1/me/cases/{reference}/documents/{}",
            docs[0]["id"].as_str().unwrap()
        ),
    ] {
        let (status, _) = resident_get(app, &stranger, &path).await;
        assert_eq!(status, 404, "{path}");
    }

    // At rest: nothing personal and no file in clear.
    use sqlx::Row;
    let row = sqlx::query("SELECT applicant, details FROM cases")
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    let applicant: String = row.try_get("applicant").unwrap();
    let details: String = row.try_get("details").unwrap();
    for column in [&applicant, &details] {
        for secret in [
            "张建国",
            "张德明",
            applicant_id().as_str(),
            deceased_id().as_str(),
            "6222021234567890123",
            "62220212",
            "HB2026-0012345",
        ] {
            assert!(!column.contains(secret), "{secret} in clear at rest");
        }
    }
    let sealed: Vec<Vec<u8>> = sqlx::query_scalar("SELECT sealed FROM case_documents")
        .fetch_all(&s.db.pool)
        .await
        .unwrap();
    assert_eq!(sealed.len(), 3);
    for blob in &sealed {
        for marker in [
            "%PDF",
            "DEATH-CERT-7F3A",
            "CREMATION-CERT-91B2",
            "INVOICE-55C1",
            "JFIF",
        ] {
            assert!(
                !blob.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{marker} in clear at rest"
            );
        }
    }
});

on_both_backends!(id_numbers_show_their_first_four_and_last_four, |app| {
    // The detail masks an ID number as 4201**********123X (policy's `ResidentId::masked`), and
    // the case keeps the full number sealed for the caseworker's checks.
    let s = state(app);
    let token = resident(&s, 1).await;
    let reference = sent_claim(app, &token).await;
    let (_, detail) = resident_get(app, &token, &format!("/api/v1/me/cases/{reference}")).await;
    assert_eq!(
        line(&detail, "Deceased's ID number"),
        masked(&deceased_id()),
        "{detail}"
    );
    assert_eq!(
        line(&detail, "Applicant's ID number"),
        masked(&applicant_id()),
        "{detail}"
    );
    let sealed: String = sqlx::query_scalar("SELECT applicant FROM cases")
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    let opened = s.vault.open(&sealed).unwrap();
    assert!(
        opened.contains(&applicant_id()),
        "the sealed applicant keeps the full ID number: {opened}"
    );
});

on_both_backends!(one_claim_per_deceased_whoever_sends_it, |app| {
    let s = state(app);
    let first = resident(&s, 1).await;
    sent_claim(app, &first).await;
    let before = stored(&s).await;
    let (status, body) = post_claim(app, Some(&first), &claim(), &documents()).await;
    assert_refused(status, &body, 409, "already_claimed");
    let second = resident(&s, 2).await;
    let mut other = claim();
    other.applicant_name = "李秀兰".into();
    other.applicant_id = id_number("42011219720303246");
    other.relation = "spouse".into();
    let (status, body) = post_claim(app, Some(&second), &other, &documents()).await;
    assert_refused(status, &body, 409, "already_claimed");
    // The check character in lower case is the same person.
    let mut lower = claim();
    lower.deceased_id = deceased_id().to_lowercase();
    if lower.deceased_id != deceased_id() {
        let (status, body) = post_claim(app, Some(&second), &lower, &documents()).await;
        assert_refused(status, &body, 409, "already_claimed");
    }
    assert_eq!(stored(&s).await, before, "refusals store nothing");
    let (_, theirs) = resident_get(app, &second, "/api/v1/me/cases").await;
    assert_eq!(theirs, json!([]));
});

on_both_backends!(
    two_deceased_whose_numbers_share_the_masked_form_are_two_claims,
    |app| {
        // Another person, born on another day, whose number has the same first 4 and last 4
        // characters as the first claim's deceased (same sequence, same check character).
        let first = deceased_id();
        let twin = (1930..1960)
            .flat_map(|y| (1..=12).map(move |m| format!("420112{y}{m:02}15123")))
            .map(|f| id_number(&f))
            .find(|id| *id != first && id[14..] == first[14..])
            .expect("a number with the same last four characters");
        assert_eq!(masked(&twin), masked(&first));
        let s = state(app);
        let token = resident(&s, 1).await;
        sent_claim(app, &token).await;
        let mut other = claim();
        other.deceased_name = "王桂芳".into();
        other.deceased_id = twin.clone();
        let (status, body) = post_claim(app, Some(&token), &other, &documents()).await;
        assert_eq!(
            status, 201,
            "{twin} is another person than {first}, not a second claim: {body}"
        );
        assert_eq!(stored(&s).await.0, 2);
    }
);

on_both_backends!(the_reimbursement_window_and_something_to_claim, |app| {
    let s = state(app);
    let token = resident(&s, 1).await;

    // Cremated outside Wuhan four months ago: the 3-month window has closed.
    let mut late = claim();
    late.death_date = days_ago(127);
    late.cremation_date = days_ago(125);
    let (status, body) = post_claim(app, Some(&token), &late, &documents()).await;
    assert_field(status, &body, "claimed");
    assert_eq!(stored(&s).await, (0, 0, 0));

    // More than the basic services' standard prices.
    let mut greedy = claim();
    greedy.claimed_fen = cap(&s, &greedy).await + 100;
    let (status, body) = post_claim(app, Some(&token), &greedy, &documents()).await;
    assert_field(status, &body, "claimed");
    // An amount to reimburse needs the invoice.
    let (status, body) = post_claim(app, Some(&token), &claim(), &documents()[..2]).await;
    assert_field(status, &body, "doc_invoice");
    assert_eq!(stored(&s).await, (0, 0, 0));

    // Cremated in Wuhan: fees were waived at the funeral home; an amount is refused.
    let in_wuhan = |burial: &str, claimed_fen: i64| {
        let mut a = claim();
        a.died_in_wuhan = true;
        a.cremated_in_wuhan = true;
        a.cremation_place = "武汉市殡仪馆".into();
        a.burial = burial.into();
        a.claimed_fen = claimed_fen;
        a
    };
    let (status, body) =
        post_claim(app, Some(&token), &in_wuhan("tree", 30_000), &documents()).await;
    assert_field(status, &body, "claimed");
    // Ordinary burial in Wuhan and no amount: nothing to claim here.
    let (status, body) = post_claim(
        app,
        Some(&token),
        &in_wuhan("ordinary", 0),
        &documents()[..2],
    )
    .await;
    assert_field(status, &body, "burial");
    assert_eq!(stored(&s).await, (0, 0, 0));

    // A tree burial in Wuhan, no amount: the eco-burial reward, no invoice needed.
    let (status, body) =
        post_claim(app, Some(&token), &in_wuhan("tree", 0), &documents()[..2]).await;
    assert_eq!(status, 201, "{body}");
    let reference = body["reference"].as_str().unwrap();
    let (_, detail) = resident_get(app, &token, &format!("/api/v1/me/cases/{reference}")).await;
    assert_eq!(detail["money"]["claimed_fen"], 0);
    assert!(
        detail["money"]["estimate_fen"].as_i64().unwrap() > 0,
        "the eco reward: {detail}"
    );
    assert!(
        detail["summary"]["deadline"].is_null(),
        "no reimbursement window in Wuhan"
    );
    assert_eq!(stored(&s).await, (1, 1, 2));
});

on_both_backends!(files_are_judged_by_their_content_and_size, |app| {
    let s = state(app);
    let token = resident(&s, 1).await;
    let with_death = |name: &str, bytes: Vec<u8>| {
        let mut files = documents();
        files[0] = file("doc_death_certificate", name, bytes);
        files
    };
    // Text named .pdf.
    let (status, body) = post_claim(
        app,
        Some(&token),
        &claim(),
        &with_death("death.pdf", b"just some text, not a PDF".to_vec()),
    )
    .await;
    assert_field(status, &body, "doc_death_certificate");
    // A JPEG named .pdf.
    let (status, body) = post_claim(
        app,
        Some(&token),
        &claim(),
        &with_death("death.pdf", jpeg("PHOTO")),
    )
    .await;
    assert_field(status, &body, "doc_death_certificate");
    // Over 5 MB.
    let mut big = pdf("BIG");
    big.resize(5 * 1024 * 1024 + 1, b' ');
    let (status, body) =
        post_claim(app, Some(&token), &claim(), &with_death("death.pdf", big)).await;
    assert_field(status, &body, "doc_death_certificate");
    assert!(
        body["fields"][0]["message"]["en"]
            .as_str()
            .unwrap()
            .contains("5 MB"),
        "{body}"
    );
    // No cremation certificate.
    let without: Vec<File> = documents()
        .into_iter()
        .filter(|(f, _, _)| f != "doc_cremation_certificate")
        .collect();
    let (status, body) = post_claim(app, Some(&token), &claim(), &without).await;
    assert_field(status, &body, "doc_cremation_certificate");
    // An unknown kind of document.
    let mut odd = documents();
    odd.push(file("doc_selfie", "me.jpg", jpeg("ME")));
    let (status, body) = post_claim(app, Some(&token), &claim(), &odd).await;
    assert_field(status, &body, "documents");
    assert_eq!(stored(&s).await, (0, 0, 0), "refusals store nothing");
    let (_, mine) = resident_get(app, &token, "/api/v1/me/cases").await;
    assert_eq!(mine, json!([]));
    // The deceased can still be claimed for: refusals did not use the one claim.
    sent_claim(app, &token).await;
    assert_eq!(stored(&s).await, (1, 1, 3));
});

on_both_backends!(bad_fields_are_refused_at_the_field, |app| {
    let s = state(app);
    let token = resident(&s, 1).await;
    use server::cases::funeral::FuneralApplication;
    let cases: Vec<(&str, fn(&mut FuneralApplication))> = vec![
        ("deceased_id", |a| {
            let good = deceased_id();
            let wrong = if good.ends_with('1') { '2' } else { '1' };
            a.deceased_id = format!("{}{wrong}", &good[..17]);
        }),
        ("death_date", |a| {
            a.death_date = today().add_days(1).unwrap().to_string();
            a.cremation_date = today().add_days(2).unwrap().to_string();
        }),
        ("cremation_date", |a| {
            a.death_date = days_ago(20);
            a.cremation_date = days_ago(22);
        }),
        ("bank_account", |a| {
            a.bank_account = "6222ABCD34567890".into()
        }),
        ("applicant_id", |a| a.applicant_id = "42011219700202".into()),
        ("relation", |a| a.relation = "friend".into()),
        ("street_code", |a| a.street_code = "nowhere".into()),
        ("claimed", |a| a.claimed_fen = -1),
    ];
    for (field, change) in cases {
        let mut a = claim();
        change(&mut a);
        let (status, body) = post_claim(app, Some(&token), &a, &documents()).await;
        assert_field(status, &body, field);
    }
    // Not signed in.
    let (status, body) = post_claim(app, None, &claim(), &documents()).await;
    assert_eq!(status, 401, "{body}");
    assert_bilingual(&body);
    let (status, _) = answer(app.get("/api/v1/me/cases").await).await;
    assert_eq!(status, 401);
    assert_eq!(stored(&s).await, (0, 0, 0), "refusals store nothing");
});

on_both_backends!(a_caseworker_sees_only_their_own_streets_cases, |app| {
    let s = state(app);
    let token = resident(&s, 1).await;
    let reference = sent_claim(app, &token).await;
    let cw = caseworker(&s).await;
    let (status, queue) = staff_get(app, &cw, "/api/v1/cases").await;
    assert_eq!(status, 200, "{queue}");
    assert_eq!(queue["street_code"], "wujiashan");
    let open = queue["open"].as_array().unwrap();
    assert!(
        open.iter()
            .any(|c| c["reference"] == reference.as_str() && c["state"] == "submitted"),
        "{queue}"
    );
    let (status, detail) = staff_get(app, &cw, &format!("/api/v1/cases/{reference}")).await;
    assert_eq!(status, 200, "{detail}");
    // A funeral claim that holds the deceased's number can also release it (F6).
    assert_eq!(
        detail["actions"],
        json!([
            "accept",
            "request_documents",
            "approve",
            "reject",
            "release"
        ])
    );
    assert!(
        !detail.to_string().contains("张建国"),
        "masked for staff too"
    );
    let doc = detail["documents"][0]["id"].as_str().unwrap().to_string();
    let got = as_staff(
        app.client
            .get(app.url(&format!("/api/v1/cases/{reference}/documents/{doc}"))),
        &cw,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(got.status(), 200);
    assert!(!got.bytes().await.unwrap().is_empty());

    let admin = admin(&s).await;
    let other = other_caseworker(app, &s, &admin).await;
    let (status, theirs) = staff_get(app, &other, "/api/v1/cases").await;
    assert_eq!(status, 200);
    assert_eq!(theirs["street_code"], "jiangjunlu");
    assert!(!queue_refs(&theirs).contains(&reference), "{theirs}");
    let events_before = stored(&s).await;
    let (status, body) = staff_get(app, &other, &format!("/api/v1/cases/{reference}")).await;
    assert_refused(status, &body, 403, "other_street");
    let (status, body) = staff_get(
        app,
        &other,
        &format!("/api/v1/cases/{reference}/documents/{doc}"),
    )
    .await;
    assert_refused(status, &body, 403, "other_street");
    for action in [
        json!({"action": "approve", "amount_fen": 10_000}),
        json!({"action": "reject", "reason": "不符合条件，请到户籍地办理"}),
    ] {
        let (status, body) = act(app, &other, &reference, action).await;
        assert_refused(status, &body, 403, "other_street");
    }
    assert_eq!(stored(&s).await, events_before, "refusals change nothing");
    let (_, detail) = staff_get(app, &cw, &format!("/api/v1/cases/{reference}")).await;
    assert_eq!(detail["summary"]["state"], "submitted");
    // A resident is no caseworker; the unknown reference is not found.
    let (status, _) = answer(
        app.client
            .get(app.url("/api/v1/cases"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    let (status, _) = staff_get(app, &cw, "/api/v1/cases/BZ2026-AAAA-AAAA").await;
    assert_eq!(status, 404);

    // The refusals are in the audit log.
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'case.open' AND outcome LIKE 'refused%'"
        )
        .await,
        4
    );
    let (status, log) = staff_get(app, &admin, "/api/v1/audit?action=case.open").await;
    assert_eq!(status, 200, "{log}");
    let refused = log
        .as_array()
        .or_else(|| log["entries"].as_array())
        .unwrap_or_else(|| panic!("audit list: {log}"))
        .iter()
        .filter(|e| {
            e["outcome"]
                .as_str()
                .unwrap_or_default()
                .contains("refused")
        })
        .count();
    assert_eq!(refused, 4, "{log}");
});

on_both_backends!(
    the_workflow_moves_step_by_step_and_keeps_every_event,
    |app| {
        let s = state(app);
        let token = resident(&s, 1).await;
        let reference = sent_claim(app, &token).await;
        let cw = caseworker(&s).await;

        let before = stored(&s).await;
        for reason in [
            json!({"action": "request_documents"}),
            json!({"action": "request_documents", "reason": "  补 "}),
        ] {
            let (status, body) = act(app, &cw, &reference, reason).await;
            assert_field(status, &body, "reason");
        }
        let (status, body) = act(app, &cw, &reference, json!({"action": "reject"})).await;
        assert_field(status, &body, "reason");
        let (status, body) = act(app, &cw, &reference, json!({"action": "delete"})).await;
        assert_field(status, &body, "action");
        assert_eq!(stored(&s).await, before, "refusals change nothing");

        let why = "请补充申请人与逝者的亲属关系证明（户口簿或出生证明）";
        let (status, detail) = act(
            app,
            &cw,
            &reference,
            json!({"action": "request_documents", "reason": why}),
        )
        .await;
        assert_eq!(status, 200, "{detail}");
        assert_eq!(detail["summary"]["state"], "more_documents");
        let (_, mine) = resident_get(app, &token, &format!("/api/v1/me/cases/{reference}")).await;
        assert_eq!(mine["summary"]["state"], "more_documents");
        assert!(
            mine["events"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["reason_zh"] == why),
            "the applicant reads the reason: {mine}"
        );
        assert_eq!(mine["actions"], json!(["add_documents"]));

        let proof = pdf("RELATION-PROOF");
        let (status, mine) = add_documents(
            app,
            &token,
            &reference,
            &[file("doc_relation_proof", "hukou.pdf", proof.clone())],
        )
        .await;
        assert_eq!(status, 200, "{mine}");
        assert_eq!(mine["summary"]["state"], "accepted");
        let last = mine["events"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["by"], "申请人 / Applicant");
        assert_eq!(last["from"], "more_documents");
        assert_eq!(last["to"], "accepted");
        assert_eq!(mine["documents"].as_array().unwrap().len(), 4);
        assert_eq!(stored(&s).await, (1, 3, 4));

        let (_, detail) = staff_get(app, &cw, &format!("/api/v1/cases/{reference}")).await;
        let estimate = detail["money"]["estimate_fen"].as_i64().unwrap();
        assert_eq!(estimate, 50_000);
        let before = stored(&s).await;
        for amount in [estimate + 1, 0, -5] {
            let (status, body) = act(
                app,
                &cw,
                &reference,
                json!({"action": "approve", "amount_fen": amount}),
            )
            .await;
            assert_field(status, &body, "amount");
        }
        let (status, body) = act(app, &cw, &reference, json!({"action": "pay"})).await;
        assert_refused(status, &body, 409, "not_allowed");
        assert_eq!(stored(&s).await, before);

        let (status, detail) = act(
            app,
            &cw,
            &reference,
            json!({"action": "approve", "amount_fen": 45_000}),
        )
        .await;
        assert_eq!(status, 200, "{detail}");
        assert_eq!(detail["summary"]["state"], "approved");
        assert_eq!(detail["money"]["decided_fen"], 45_000);
        assert_eq!(detail["actions"], json!(["pay"]));
        let (status, detail) = act(app, &cw, &reference, json!({"action": "pay"})).await;
        assert_eq!(status, 200, "{detail}");
        assert_eq!(detail["summary"]["state"], "paid");
        assert_eq!(detail["actions"], json!([]));

        let before = stored(&s).await;
        for action in [
            json!({"action": "approve", "amount_fen": 45_000}),
            json!({"action": "refer"}),
            json!({"action": "pay"}),
            json!({"action": "reject", "reason": "材料不全，不予批准"}),
        ] {
            let (status, body) = act(app, &cw, &reference, action).await;
            assert_refused(status, &body, 409, "not_allowed");
        }
        let (status, body) = add_documents(
            app,
            &token,
            &reference,
            &[file("doc_other", "late.pdf", pdf("LATE"))],
        )
        .await;
        assert_refused(status, &body, 409, "case_closed");
        assert_eq!(stored(&s).await, before, "refusals change nothing");

        let (_, mine) = resident_get(app, &token, &format!("/api/v1/me/cases/{reference}")).await;
        assert_eq!(mine["summary"]["state"], "paid");
        assert_eq!(mine["actions"], json!([]));
        assert_events_complete(&mine);
        let path: Vec<&str> = mine["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["to"].as_str().unwrap())
            .collect();
        assert_eq!(
            path,
            [
                "submitted",
                "more_documents",
                "accepted",
                "approved",
                "paid"
            ]
        );
        let staff_events: Vec<&Value> = mine["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["by"] == "吴家山街道经办人")
            .collect();
        assert_eq!(staff_events.len(), 3, "{mine}");
        assert!(
            mine["events"][4]["reason_zh"]
                .as_str()
                .unwrap()
                .contains("450"),
            "the payment says how much: {mine}"
        );

        // A refer on a funeral case is never possible, whatever its state.
        let other = resident(&s, 2).await;
        let mut second = claim();
        second.deceased_id = id_number("42011219480808111");
        second.deceased_name = "刘大海".into();
        let (status, body) = post_claim(app, Some(&other), &second, &documents()).await;
        assert_eq!(status, 201, "{body}");
        let r2 = body["reference"].as_str().unwrap().to_string();
        let (status, body) = act(app, &cw, &r2, json!({"action": "approve"})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            body["money"]["decided_fen"], 50_000,
            "the estimate when no amount is given"
        );
        let (status, body) = act(app, &cw, &r2, json!({"action": "refer"})).await;
        assert_refused(status, &body, 409, "not_allowed");
    }
);

on_both_backends!(a_preapplication_goes_to_the_chosen_street, |app| {
    let s = state(app);
    let token = resident(&s, 1).await;
    let good = json!({"street_code": "wujiashan", "programs": ["Dibao"],
        "answers": dibao_answers(), "name": "陈美华", "consent": true});
    let with = |k: &str, v: Value| {
        let mut b = good.clone();
        b[k] = v;
        b
    };
    let (status, body) = post_preapplication(app, &token, with("consent", json!(false))).await;
    assert_field(status, &body, "consent");
    for programs in [
        json!(["Nonexistent"]),
        json!(["FuneralWaiver"]),
        json!(["EcoBurialReward"]),
        json!([]),
    ] {
        let (status, body) = post_preapplication(app, &token, with("programs", programs)).await;
        assert_field(status, &body, "programs");
    }
    let (status, body) =
        post_preapplication(app, &token, with("street_code", json!("nowhere"))).await;
    assert_field(status, &body, "street_code");
    let (status, body) =
        post_preapplication(app, &token, with("answers", json!({"ev": "hardship"}))).await;
    assert_field(status, &body, "answers");
    assert_eq!(stored(&s).await, (0, 0, 0), "refusals store nothing");
    let (_, consents) = resident_get(app, &token, "/api/v1/me/consents").await;
    assert!(
        !consents.to_string().contains("preapplication"),
        "no consent recorded by a refusal: {consents}"
    );
    let (status, _) = answer(
        app.client
            .post(app.url("/api/v1/preapplications"))
            .json(&good)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);

    let (status, sent) = post_preapplication(app, &token, good.clone()).await;
    assert_eq!(status, 201, "{sent}");
    let reference = sent["reference"].as_str().unwrap().to_string();
    reference_shape(&reference, "YS");
    assert_eq!(sent["state"], "submitted");
    let (_, consents) = resident_get(app, &token, "/api/v1/me/consents").await;
    assert!(
        consents
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["purpose"] == "preapplication" && c["withdrawn_at"].is_null()),
        "{consents}"
    );
    let (_, mine) = resident_get(app, &token, &format!("/api/v1/me/cases/{reference}")).await;
    assert_eq!(mine["summary"]["kind"], "preapplication");
    assert!(!mine.to_string().contains("陈美华"), "masked: {mine}");
    assert_eq!(line(&mine, "Name"), "陈**");
    assert!(mine["money"].is_null());

    let cw = caseworker(&s).await;
    let (_, queue) = staff_get(app, &cw, "/api/v1/cases").await;
    assert!(queue_refs(&queue).contains(&reference), "{queue}");
    let admin = admin(&s).await;
    let other = other_caseworker(app, &s, &admin).await;
    let (_, theirs) = staff_get(app, &other, "/api/v1/cases").await;
    assert!(!queue_refs(&theirs).contains(&reference), "{theirs}");

    let (status, body) = act(app, &cw, &reference, json!({"action": "refer"})).await;
    assert_refused(status, &body, 409, "not_allowed");
    let (status, detail) = act(app, &cw, &reference, json!({"action": "approve"})).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["summary"]["state"], "approved");
    assert_eq!(detail["actions"], json!(["refer"]));
    let (status, body) = act(app, &cw, &reference, json!({"action": "pay"})).await;
    assert_refused(status, &body, 409, "not_allowed");
    let (status, detail) = act(app, &cw, &reference, json!({"action": "refer"})).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["summary"]["state"], "referred");
    assert_events_complete(&detail);
    let (_, queue) = staff_get(app, &cw, "/api/v1/cases").await;
    assert!(
        queue["closed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["reference"] == reference.as_str() && c["state"] == "referred"),
        "{queue}"
    );
    let (_, mine) = resident_get(app, &token, &format!("/api/v1/me/cases/{reference}")).await;
    assert_eq!(mine["summary"]["state"], "referred");
    assert_eq!(stored(&s).await, (1, 3, 0));
});

on_both_backends!(a_decided_case_keeps_its_amount, |app| {
    let s = state(app);
    let token = resident(&s, 1).await;
    let reference = sent_claim(app, &token).await;
    let cw = caseworker(&s).await;
    let (status, detail) = act(
        app,
        &cw,
        &reference,
        json!({"action": "approve", "amount_fen": 30_000}),
    )
    .await;
    assert_eq!(status, 200, "{detail}");
    // A second claim (eco-burial: a tree) stays open. Then the policy administrator adds a
    // higher tree-burial reward from yesterday: the open claim's estimate follows it, the
    // decided one keeps its amount and the standards it used.
    let mut open = claim();
    open.deceased_id = id_number("42011219480303456");
    open.burial = "tree".into();
    open.claimed_fen = 0;
    let other = resident(&s, 2).await;
    let (status, body) = post_claim(app, Some(&other), &open, &documents()).await;
    assert_eq!(status, 201, "{body}");
    let open_ref = body["reference"].as_str().unwrap().to_string();
    let (_, before) = staff_get(app, &cw, &format!("/api/v1/cases/{open_ref}")).await;
    let estimate_before = before["money"]["estimate_fen"].as_i64().unwrap();
    assert!(estimate_before > 0, "{before}");
    let (_, decided_before) = staff_get(app, &cw, &format!("/api/v1/cases/{reference}")).await;
    let policy = policy_admin(&s).await;
    let yesterday = days_ago(1);
    let added = as_staff(
        app.client
            .post(app.url("/api/v1/policy/parameters/funeral.eco_burial.tree/versions")),
        &policy,
    )
    .json(
        &json!({"effective": yesterday, "value": estimate_before + 20_000,
        "source": "测试：新的树葬奖补标准", "note": "integration test"}),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(added.status(), 201, "{}", added.text().await.unwrap());
    let (_, after) = staff_get(app, &cw, &format!("/api/v1/cases/{open_ref}")).await;
    assert_eq!(
        after["money"]["estimate_fen"].as_i64().unwrap(),
        estimate_before + 20_000,
        "an open claim follows the standard in force: {after}"
    );
    let (_, decided_after) = staff_get(app, &cw, &format!("/api/v1/cases/{reference}")).await;
    assert_eq!(
        decided_after["money"], decided_before["money"],
        "a decided case never changes"
    );
    let (status, detail) = staff_get(app, &cw, &format!("/api/v1/cases/{reference}")).await;
    assert_eq!(status, 200);
    assert_eq!(detail["money"]["decided_fen"], 30_000);
    assert!(detail["money"]["estimate_fen"].is_null(), "{detail}");
    assert_eq!(detail["money"]["claimed_fen"], 50_000);
    assert!(
        !detail["money"]["basis"].as_array().unwrap().is_empty(),
        "the decision's standards are kept: {detail}"
    );
    let (_, mine) = resident_get(app, &token, &format!("/api/v1/me/cases/{reference}")).await;
    assert_eq!(mine["money"], detail["money"]);
    let decided: Option<i64> = sqlx::query_scalar("SELECT decided_fen FROM cases")
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    assert_eq!(decided, Some(30_000));
});

on_both_backends!(
    the_caseworker_reveals_the_contact_phone_and_it_is_audited,
    |app| {
        let s = state(app);
        let token = resident(&s, 7).await;
        let body = json!({"street_code": "wujiashan", "programs": ["Dibao"],
        "answers": dibao_answers(), "name": "陈美华", "consent": true});
        let (status, sent) = post_preapplication(app, &token, body).await;
        assert_eq!(status, 201, "{sent}");
        let reference = sent["reference"].as_str().unwrap().to_string();
        let cw = caseworker(&s).await;
        // The case shows the number masked; the reveal gives it whole and is audited.
        let (_, detail) = staff_get(app, &cw, &format!("/api/v1/cases/{reference}")).await;
        assert!(detail.to_string().contains("136****0007"), "{detail}");
        assert!(!detail.to_string().contains("13600000007"), "{detail}");
        let (status, contact) =
            staff_get(app, &cw, &format!("/api/v1/cases/{reference}/phone")).await;
        assert_eq!(status, 200, "{contact}");
        assert_eq!(contact["phone"], "13600000007");
        let admin = admin(&s).await;
        let other = other_caseworker(app, &s, &admin).await;
        let (status, refused) =
            staff_get(app, &other, &format!("/api/v1/cases/{reference}/phone")).await;
        assert_refused(status, &refused, 403, "other_street");
        assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'case.reveal_phone' AND outcome = 'ok'"
        )
        .await,
        1
    );
    }
);

/// The same deceased person's claim as [`claim`], sent by their spouse (F6).
fn spouse_s_claim() -> server::cases::funeral::FuneralApplication {
    let mut real = claim();
    real.applicant_name = "李秀兰".into();
    real.applicant_id = id_number("42011219720303246");
    real.relation = "spouse".into();
    real
}

// Issue 17, F6: a bogus claim made with someone's ID number does not block the real family once
// the street rejects it, and the refusal meanwhile does not say that a claim exists.
on_both_backends!(a_rejected_claim_does_not_block_the_real_family, |app| {
    let s = state(app);
    let stranger = resident(&s, 1).await;
    let bogus = sent_claim(app, &stranger).await;
    let family = resident(&s, 2).await;
    let real = spouse_s_claim();
    let (status, body) = post_claim(app, Some(&family), &real, &documents()).await;
    assert_refused(status, &body, 409, "already_claimed");
    let text = body["message"]["zh"].as_str().unwrap();
    assert!(!text.contains("已经有人申请"), "neutral: {text}");
    assert!(text.contains("街道"), "says where to go: {text}");

    let cw = caseworker(&s).await;
    let (status, body) = act(
        app,
        &cw,
        &bogus,
        json!({"action": "reject", "reason": "申请人与逝者无亲属关系"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post_claim(app, Some(&family), &real, &documents()).await;
    assert_eq!(
        status, 201,
        "the family's claim is taken after the rejection: {body}"
    );
    // Still one claim standing per deceased person.
    let (status, body) = post_claim(app, Some(&stranger), &claim(), &documents()).await;
    assert_refused(status, &body, 409, "already_claimed");
});

// Issue 17, F6 (override): while a first claim is still being checked, the street's caseworker
// can release its hold on the deceased's number (a reason required, audited, the state kept) so
// that the family claims before the deadline; only one of the two can ever be approved.
on_both_backends!(
    a_caseworker_can_let_the_family_claim_and_one_claim_only_is_approved,
    |app| {
        let s = state(app);
        let stranger = resident(&s, 1).await;
        let first = sent_claim(app, &stranger).await;
        let family = resident(&s, 2).await;
        let real = spouse_s_claim();
        let (status, body) = post_claim(app, Some(&family), &real, &documents()).await;
        assert_refused(status, &body, 409, "already_claimed");

        let cw = caseworker(&s).await;
        let (status, detail) = staff_get(app, &cw, &format!("/api/v1/cases/{first}")).await;
        assert_eq!(status, 200, "{detail}");
        assert!(
            detail["actions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "release"),
            "the desk offers the release: {detail}"
        );
        // Without a reason: refused at its field, nothing released.
        let (status, body) = act(app, &cw, &first, json!({"action": "release"})).await;
        assert_field(status, &body, "reason");
        let (status, body) = post_claim(app, Some(&family), &real, &documents()).await;
        assert_refused(status, &body, 409, "already_claimed");

        let (status, body) = act(
            app,
            &cw,
            &first,
            json!({"action": "release", "reason": "逝者配偶持户口簿到街道说明情况"}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let (_, detail) = staff_get(app, &cw, &format!("/api/v1/cases/{first}")).await;
        assert_eq!(
            detail["summary"]["state"], "submitted",
            "the first claim is still checked"
        );
        assert!(
            !detail["actions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "release"),
            "released once"
        );
        assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'case.release' AND outcome LIKE 'ok%'"
        )
        .await,
        1
    );
        let (status, body) = post_claim(app, Some(&family), &real, &documents()).await;
        assert_eq!(status, 201, "the family's claim is taken: {body}");
        let second = body["reference"].as_str().unwrap().to_string();

        // Both are decided on their merits, but only one is ever approved.
        let (status, body) = act(app, &cw, &second, json!({"action": "approve"})).await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = act(app, &cw, &first, json!({"action": "approve"})).await;
        assert_refused(status, &body, 409, "already_approved");
        let (_, detail) = staff_get(app, &cw, &format!("/api/v1/cases/{first}")).await;
        assert_eq!(detail["summary"]["state"], "submitted", "nothing changed");
        let (status, body) = act(
            app,
            &cw,
            &first,
            json!({"action": "reject", "reason": "已由逝者配偶申请并获批"}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
);

// Issue 17, L12: documents are not attached to a case that was decided between the read and
// the write: the store adds them only while the case is open, in the same transaction.
on_both_backends!(a_case_closed_meanwhile_takes_no_documents, |app| {
    let s = state(app);
    let token = resident(&s, 1).await;
    let reference = sent_claim(app, &token).await;
    let cw = caseworker(&s).await;
    let (status, body) = act(
        app,
        &cw,
        &reference,
        json!({"action": "reject", "reason": "不符合本地户籍条件"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let case_id: String = sqlx::query_scalar("SELECT id FROM cases")
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    let before = count(&s, "SELECT COUNT(*) FROM case_documents").await;
    let doc = server::cases::store::NewDocument {
        id: uuid::Uuid::new_v4().to_string(),
        kind: "invoice".into(),
        content_type: "application/pdf".into(),
        size: 4,
        sha256: "0".repeat(64),
        sealed: vec![1, 2, 3, 4],
        uploaded_by: "applicant".into(),
    };
    let added = server::cases::store::add_documents(
        &s.db,
        &case_id,
        &[doc],
        types::cases::CaseState::OPEN,
        server::clock::now(),
    )
    .await
    .unwrap();
    assert!(!added, "a rejected case takes no documents");
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM case_documents").await,
        before
    );
});

// Issue 17, F15: the same file sent again is stored once, and a case holds a bounded number of
// documents (the storage is append-only).
on_both_backends!(uploads_are_stored_once_and_bounded_per_case, |app| {
    let s = state(app);
    let token = resident(&s, 1).await;
    let reference = sent_claim(app, &token).await;
    let before = count(&s, "SELECT COUNT(*) FROM case_documents").await;
    let again = vec![file("doc_invoice", "invoice.pdf", pdf("F15-same"))];
    let (status, body) = add_documents(app, &token, &reference, &again).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = add_documents(app, &token, &reference, &again).await;
    assert_field(status, &body, "documents");
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM case_documents").await,
        before + 1,
        "stored once"
    );
    // The same scan as another kind of document is taken (a register page as the relation proof).
    let other_kind = vec![file("doc_relation_proof", "hukou.pdf", pdf("F15-same"))];
    let (status, body) = add_documents(app, &token, &reference, &other_kind).await;
    assert_eq!(status, 200, "{body}");
    let limit = server::cases::documents::MAX_CASE_FILES;
    let mut n = before + 2;
    let mut refused = None;
    for i in 0..limit {
        let files: Vec<_> = (0..8)
            .map(|j| file("doc_invoice", "invoice.pdf", pdf(&format!("F15-{i}-{j}"))))
            .collect();
        let (status, body) = add_documents(app, &token, &reference, &files).await;
        if status != 200 {
            refused = Some((status, body));
            break;
        }
        n += 8;
    }
    let (status, body) = refused.expect("the case fills up");
    assert_refused(status, &body, 409, "case_full");
    assert!(n <= limit, "{n}");
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM case_documents").await,
        n,
        "a refusal stores nothing"
    );
});
