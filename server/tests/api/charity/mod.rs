//! Charity donations on SQLite and PostgreSQL: orders and the gateway's signed notifications
//! (idempotent, refusals change nothing), amounts and limits, disbursements with evidence,
//! refunds, goods, receipts, the disclosure clock, the reconciliation and tamper detection.

mod world;

use server::charity::{desk, donations, gateway, goods, ledger, projects, receipts};
use server::error::ApiError;
use world::*;

fn code(e: &ApiError) -> &'static str {
    e.code()
}

on_both_backends!(
    the_same_notification_ten_times_records_one_donation,
    |app| {
        let w = world(app).await;
        let o = donations::place_order(
            &w.s,
            &request(&w.project, 5_000, Some("张三"), true),
            None,
            t0(),
        )
        .await
        .unwrap();
        assert_eq!(o.status, "pending");
        assert_eq!(
            count(&w.s, "SELECT COUNT(*) FROM charity_entries").await,
            0,
            "an order alone records nothing"
        );
        let (body, sig) = signed(&w.s, &notification(&o.order_no, 5_000, t0() + 30));
        // Ten deliveries over HTTP, five of them at once: every one answers success, one records.
        let mut outcomes = Vec::new();
        for _ in 0..5 {
            let r = app
                .client
                .post(app.url("/api/v1/payments/notify"))
                .header(gateway::SIGNATURE_HEADER, &sig)
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            outcomes.push(r.json::<serde_json::Value>().await.unwrap());
        }
        let burst = (0..5).map(|_| {
            app.client
                .post(app.url("/api/v1/payments/notify"))
                .header(gateway::SIGNATURE_HEADER, &sig)
                .body(body.clone())
                .send()
        });
        for r in futures_join(burst).await {
            let r = r.unwrap();
            assert_eq!(r.status(), 200);
            outcomes.push(r.json::<serde_json::Value>().await.unwrap());
        }
        assert!(outcomes.iter().all(|o| o["code"] == "SUCCESS"));
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| o["outcome"] == "recorded")
                .count(),
            1
        );
        assert_eq!(count(&w.s, "SELECT COUNT(*) FROM charity_entries").await, 1);
        let status = donations::status(&w.s, &o.order_no, t0() + 40)
            .await
            .unwrap();
        assert_eq!(status.status, "paid");
        assert!(status.receipt_no.is_some(), "a receipt was asked for");
        let page = projects::page(&w.s, &w.project, t0()).await.unwrap();
        assert_eq!(page.project.raised_fen, 5_000);
        assert_eq!(
            page.ledger[0].counterparty, "张*",
            "donors are masked in public"
        );
        reconciles(&w.s).await;
    }
);

async fn futures_join<F: std::future::Future>(fs: impl Iterator<Item = F>) -> Vec<F::Output> {
    let handles: Vec<_> = fs.collect();
    let mut out = Vec::new();
    // Poll them together.
    let all = async {
        let mut set = Vec::new();
        for f in handles {
            set.push(f);
        }
        set
    }
    .await;
    let joined = join_all(all).await;
    out.extend(joined);
    out
}

async fn join_all<F: std::future::Future>(fs: Vec<F>) -> Vec<F::Output> {
    use std::pin::Pin;
    let mut pinned: Vec<Pin<Box<F>>> = fs.into_iter().map(Box::pin).collect();
    let mut results: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if results[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => results[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    results.into_iter().map(Option::unwrap).collect()
}

on_both_backends!(bad_notifications_are_refused_and_change_nothing, |app| {
    let w = world(app).await;
    let o = donations::place_order(&w.s, &request(&w.project, 8_800, None, false), None, t0())
        .await
        .unwrap();
    let post = |body: Vec<u8>, sig: String| {
        app.client
            .post(app.url("/api/v1/payments/notify"))
            .header(gateway::SIGNATURE_HEADER, sig)
            .body(body)
            .send()
    };
    // A bad signature.
    let (body, _) = signed(&w.s, &notification(&o.order_no, 8_800, t0() + 30));
    let r = post(body.clone(), "00".repeat(32)).await.unwrap();
    assert_eq!(r.status(), 403);
    let r = post(body.clone(), String::new()).await.unwrap();
    assert_eq!(r.status(), 403);
    // A signature of another body (the amount changed in transit).
    let (_, other_sig) = signed(&w.s, &notification(&o.order_no, 1, t0() + 30));
    assert_eq!(post(body.clone(), other_sig).await.unwrap().status(), 403);
    // Signed, but the wrong amount, an unknown order, or paid after the order expired.
    let (b, s) = signed(&w.s, &notification(&o.order_no, 8_801, t0() + 30));
    let r = post(b, s).await.unwrap();
    assert_eq!(r.status(), 409);
    let err: serde_json::Value = r.json().await.unwrap();
    assert_eq!(err["code"], "wrong_amount");
    assert!(err["message"]["zh"].as_str().unwrap().contains("金额"));
    let (b, s) = signed(&w.s, &notification("DN0000", 8_800, t0() + 30));
    assert_eq!(
        post(b, s)
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap()["code"],
        "unknown_order"
    );
    assert_eq!(count(&w.s, "SELECT COUNT(*) FROM charity_entries").await, 0);
    assert_eq!(
        donations::status(&w.s, &o.order_no, t0() + 60)
            .await
            .unwrap()
            .status,
        "pending"
    );
    // The genuine notification still works afterwards; the anonymous gift is recorded as 匿名.
    let (b, s) = signed(&w.s, &notification(&o.order_no, 8_800, t0() + 30));
    assert_eq!(post(b, s).await.unwrap().status(), 200);
    let page = projects::page(&w.s, &w.project, t0()).await.unwrap();
    assert_eq!(page.ledger[0].counterparty, "匿名");
    assert_eq!(
        donations::status(&w.s, &o.order_no, t0() + 60)
            .await
            .unwrap()
            .receipt_no,
        None
    );
    reconciles(&w.s).await;
});

on_both_backends!(
    amounts_and_projects_that_take_no_donation_are_refused,
    |app| {
        let w = world(app).await;
        for (amount, field) in [
            (0, "amount"),
            (-100, "amount"),
            (99, "amount"),
            (5_000_001, "amount"),
        ] {
            let e = donations::place_order(
                &w.s,
                &request(&w.project, amount, Some("李四"), false),
                None,
                t0(),
            )
            .await
            .unwrap_err();
            assert_eq!(e.for_form("x").0, field, "amount {amount}");
        }
        assert!(
            donations::place_order(
                &w.s,
                &request(&w.project, 100, Some("李四"), false),
                None,
                t0()
            )
            .await
            .is_ok()
        );
        assert!(
            donations::place_order(
                &w.s,
                &request(&w.project, 5_000_000, Some("李四"), false),
                None,
                t0()
            )
            .await
            .is_ok()
        );
        // A receipt needs a name; a named gift needs the name.
        let mut r = request(&w.project, 1_000, None, true);
        r.anonymous = true;
        assert_eq!(
            donations::place_order(&w.s, &r, None, t0())
                .await
                .unwrap_err()
                .for_form("x")
                .0,
            "receipt"
        );
        let mut r = request(&w.project, 1_000, None, false);
        r.anonymous = false;
        assert_eq!(
            donations::place_order(&w.s, &r, None, t0())
                .await
                .unwrap_err()
                .for_form("x")
                .0,
            "donor_name"
        );
        // Fractional fen and huge numbers through the API: a clear field error, nothing placed.
        let before = count(&w.s, "SELECT COUNT(*) FROM payment_orders").await;
        for amount in [
            serde_json::json!(100.5),
            serde_json::json!(1e30),
            serde_json::json!("100"),
        ] {
            let r = app
            .client
            .post(app.url("/api/v1/charity/orders"))
            .json(&serde_json::json!({"project_id": w.project, "amount_fen": amount, "donor_name": "王五"}))
            .send()
            .await
            .unwrap();
            assert_eq!(r.status(), 422, "amount {amount}");
            let body: serde_json::Value = r.json().await.unwrap();
            assert_eq!(body["fields"][0]["field"], "amount_fen");
        }
        assert_eq!(
            count(&w.s, "SELECT COUNT(*) FROM payment_orders").await,
            before
        );
        // A closed project and a draft take nothing.
        projects::set_status(&w.s, &w.staff, &w.project, "closed", t0())
            .await
            .unwrap();
        let e = donations::place_order(
            &w.s,
            &request(&w.project, 1_000, Some("李四"), false),
            None,
            t0(),
        )
        .await
        .unwrap_err();
        assert_eq!(code(&e), "project_not_open");
        let draft = projects::create(&w.s, &w.staff, &new_project("草稿项目"), t0())
            .await
            .unwrap();
        let e = donations::place_order(
            &w.s,
            &request(&draft.id, 1_000, Some("李四"), false),
            None,
            t0(),
        )
        .await
        .unwrap_err();
        assert_eq!(code(&e), "not_found");
        // The sandbox takes no payment for an order after it expired.
        let p2 = open_project(&w.s, &w.staff, "第二个项目").await;
        let o = donations::place_order(&w.s, &request(&p2, 1_000, Some("李四"), false), None, t0())
            .await
            .unwrap();
        assert_eq!(
            code(
                &gateway::pay(&w.s, &o.order_no, t0() + 16 * 60)
                    .await
                    .unwrap_err()
            ),
            "order_expired"
        );
        assert_eq!(
            donations::expire_due(&w.s, t0() + 30 * 60).await.unwrap() >= 1,
            true
        );
        assert_eq!(
            donations::status(&w.s, &o.order_no, t0() + 30 * 60)
                .await
                .unwrap()
                .status,
            "expired"
        );
        // But a payment the gateway took in time is recorded when its notification comes after
        // the expiry (issue 17, F8: money received is never dropped).
        let (b, s) = signed(&w.s, &notification(&o.order_no, 1_000, t0() + 60));
        assert!(matches!(
            gateway::notified(&w.s, &b, &s, t0() + 31 * 60)
                .await
                .unwrap(),
            donations::Recorded::New(_)
        ));
        assert_eq!(count(&w.s, "SELECT COUNT(*) FROM charity_entries").await, 1);
        reconciles(&w.s).await;
    }
);

const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

on_both_backends!(
    disbursements_need_evidence_and_money_and_refunds_reverse,
    |app| {
        let w = world(app).await;
        let (_, d1) = donate(&w, 30_000, Some("赵六"), false, None).await;
        donate(&w, 20_000, None, false, None).await;
        let d = |amount: i64| ledger::NewDisbursement {
            amount_fen: amount,
            purpose: "采购棉被 10 床".into(),
            payee_category: "supplier".into(),
            budget_line: Some(1),
            key: None,
        };
        let png = ledger::Evidence {
            file_name: "发票.png".into(),
            bytes: PNG.to_vec(),
        };
        // Above the balance; evidence that is not what it says; no evidence; a bad budget line.
        let e = ledger::disburse(&w.s, &w.staff, &w.project, &d(50_001), &png, t0())
            .await
            .unwrap_err();
        assert_eq!(code(&e), "above_balance");
        assert!(e.for_form("x").1.zh.contains("500.00"), "says the balance");
        let fake = ledger::Evidence {
            file_name: "发票.pdf".into(),
            bytes: b"just text".to_vec(),
        };
        assert_eq!(
            ledger::disburse(&w.s, &w.staff, &w.project, &d(100), &fake, t0())
                .await
                .unwrap_err()
                .for_form("x")
                .0,
            "evidence"
        );
        let none = ledger::Evidence {
            file_name: "x.pdf".into(),
            bytes: vec![],
        };
        assert_eq!(
            ledger::disburse(&w.s, &w.staff, &w.project, &d(100), &none, t0())
                .await
                .unwrap_err()
                .for_form("x")
                .0,
            "evidence"
        );
        let mut big = b"%PDF-".to_vec();
        big.resize(ledger::MAX_EVIDENCE_BYTES + 1, b' ');
        let big = ledger::Evidence {
            file_name: "big.pdf".into(),
            bytes: big,
        };
        assert_eq!(
            ledger::disburse(&w.s, &w.staff, &w.project, &d(100), &big, t0())
                .await
                .unwrap_err()
                .for_form("x")
                .0,
            "evidence"
        );
        let mut bad_line = d(100);
        bad_line.budget_line = Some(9);
        assert_eq!(
            ledger::disburse(&w.s, &w.staff, &w.project, &bad_line, &png, t0())
                .await
                .unwrap_err()
                .for_form("x")
                .0,
            "budget_line"
        );
        assert_eq!(
            count(&w.s, "SELECT COUNT(*) FROM charity_entries").await,
            2,
            "refusals change nothing"
        );
        // Exactly the balance is fine; the same form sent again (same key) records nothing more.
        let mut once = d(40_000);
        once.key = Some(uuid::Uuid::new_v4().to_string());
        ledger::disburse(&w.s, &w.staff, &w.project, &once, &png, t0())
            .await
            .unwrap();
        let e = ledger::disburse(&w.s, &w.staff, &w.project, &once, &png, t0())
            .await
            .unwrap_err();
        assert_eq!(code(&e), "already_recorded");
        let page = projects::page(&w.s, &w.project, t0()).await.unwrap();
        assert_eq!(page.project.balance_fen, 10_000);
        assert_eq!(page.budget[0].actual_fen, 40_000);
        assert_eq!(page.budget[1].actual_fen, 0);
        assert!(page.ledger[0].has_evidence);
        assert_eq!(page.ledger[0].counterparty, "物资供应商");
        // The first donation (300.00) is now above the balance: its refund is refused.
        assert_eq!(
            code(
                &ledger::refund(&w.s, &w.staff, d1, "捐赠人要求退款", t0())
                    .await
                    .unwrap_err()
            ),
            "above_balance"
        );
        let (_, d3) = donate(&w, 5_000, Some("钱七"), false, None).await;
        ledger::refund(&w.s, &w.staff, d3, "重复捐款，捐赠人要求退回", t0())
            .await
            .unwrap();
        assert_eq!(
            code(
                &ledger::refund(&w.s, &w.staff, d3, "再退一次", t0())
                    .await
                    .unwrap_err()
            ),
            "already_refunded"
        );
        let page = projects::page(&w.s, &w.project, t0()).await.unwrap();
        assert_eq!(page.project.refunded_fen, 5_000);
        assert_eq!(page.project.balance_fen, 10_000);
        assert_eq!(page.ledger[0].kind, "refund");
        // The CSV has every entry.
        let csv: String = futures_util::TryStreamExt::try_collect(ledger::csv_stream(w.s.clone()))
            .await
            .unwrap();
        assert_eq!(csv.lines().count(), 1 + 5);
        assert!(csv.contains("\"400.00\""));
        reconciles(&w.s).await;
    }
);

on_both_backends!(
    goods_are_signed_for_and_never_handed_out_above_stock,
    |app| {
        let w = world(app).await;
        let pledge = goods::NewPledge {
            category: "clothing".into(),
            description: "羽绒服（成人）".into(),
            quantity: 10,
            unit: "件".into(),
            condition: "good".into(),
            street_code: "wujiashan".into(),
            donor_name: Some("孙八".into()),
        };
        for (bad, field) in [
            (
                goods::NewPledge {
                    quantity: 0,
                    ..pledge.clone()
                },
                "quantity",
            ),
            (
                goods::NewPledge {
                    category: "weapons".into(),
                    ..pledge.clone()
                },
                "category",
            ),
            (
                goods::NewPledge {
                    street_code: "nowhere".into(),
                    ..pledge.clone()
                },
                "street_code",
            ),
            (
                goods::NewPledge {
                    condition: "broken".into(),
                    ..pledge.clone()
                },
                "condition",
            ),
        ] {
            assert_eq!(
                goods::pledge(&w.s, &bad, None, t0())
                    .await
                    .unwrap_err()
                    .for_form("x")
                    .0,
                field
            );
        }
        let id = goods::pledge(&w.s, &pledge, None, t0()).await.unwrap();
        assert_eq!(goods::open_pledges(&w.s).await.unwrap().len(), 1);
        let lot = goods::receive(&w.s, &w.staff, &id, 9, "一件拉链坏", t0())
            .await
            .unwrap();
        assert_eq!(
            code(
                &goods::receive(&w.s, &w.staff, &id, 9, "", t0())
                    .await
                    .unwrap_err()
            ),
            "already_received"
        );
        assert!(goods::open_pledges(&w.s).await.unwrap().is_empty());
        goods::hand_out(&w.s, &w.staff, &lot, 4, "吴家山街道困难老人", "", t0())
            .await
            .unwrap();
        let e = goods::hand_out(&w.s, &w.staff, &lot, 6, "吴家山街道困难老人", "", t0())
            .await
            .unwrap_err();
        assert_eq!(code(&e), "above_stock");
        assert!(e.for_form("x").1.zh.contains("剩余 5"));
        let stock = goods::stock(&w.s).await.unwrap();
        assert_eq!((stock[0].received, stock[0].remaining), (9, 5));
        let lines = goods::lines(&w.s, 10).await.unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].kind, "handed_out");
        assert_eq!(lines[1].recipient, "吴家山街道");
        reconciles(&w.s).await;
    }
);

on_both_backends!(
    receipts_are_numbered_checked_and_listed_for_their_donor,
    |app| {
        let w = world(app).await;
        let donor = resident(&w.s, 1).await;
        let (order, seq) = donate(&w, 123_456, Some("周九"), true, Some(&donor)).await;
        donate(&w, 2_000, Some("周九"), false, Some(&donor)).await;
        let mine = receipts::mine(&w.s, &donor).await.unwrap();
        assert_eq!(
            mine.receipts.len(),
            1,
            "only the gift with a receipt asked for"
        );
        let number = &mine.receipts[0].number;
        assert_eq!(number, &receipts::number(seq, t0()));
        assert_eq!(
            receipts::of_order(&w.s, &order)
                .await
                .unwrap()
                .unwrap()
                .number,
            *number
        );
        let code = receipts::code(&w.s.record_secret, number, 123_456);
        let ok = receipts::check(&w.s, number, &code.to_lowercase())
            .await
            .unwrap();
        assert!(ok.genuine);
        assert_eq!(ok.donor.as_deref(), Some("周*"));
        assert_eq!(ok.amount_fen, Some(123_456));
        let forged = receipts::check(&w.s, number, "ABCDEFGH").await.unwrap();
        assert!(!forged.genuine && forged.donor.is_none());
        let pdf = receipts::pdf(
            &w.s,
            number,
            |r| r.account_id.as_deref() == Some(&donor.account_id),
            "http://x",
        )
        .await
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let other = resident(&w.s, 2).await;
        assert!(
            receipts::pdf(
                &w.s,
                number,
                |r| r.account_id.as_deref() == Some(&other.account_id),
                "http://x"
            )
            .await
            .is_err()
        );
        let year = mine.years[0];
        assert!(
            receipts::statement(&w.s, &donor, year, t0())
                .await
                .unwrap()
                .starts_with(b"%PDF-")
        );
        assert!(receipts::statement(&w.s, &other, year, t0()).await.is_err());
        // The names are sealed at rest.
        let raw: Vec<String> = sqlx::query_scalar("SELECT donor_name FROM charity_receipts")
            .fetch_all(&w.s.db.pool)
            .await
            .unwrap();
        assert!(raw.iter().all(|n| !n.contains("周九")));
    }
);

on_both_backends!(the_disclosure_clock_and_the_final_report, |app| {
    let w = world(app).await;
    // A project of more than six months owes an update three months after its start.
    let due = desk::due(&w.s, t0()).await.unwrap();
    let mine = due.iter().find(|d| d.project_id == w.project).unwrap();
    let first_due = starts_on().add_months(3).unwrap().to_string();
    assert_eq!(
        (mine.kind.as_str(), mine.due_on.as_str(), mine.overdue),
        ("update", first_due.as_str(), false)
    );
    let later = t0() + (3 * 31 + 1) * 86_400; // past that date
    assert!(
        desk::due(&w.s, later)
            .await
            .unwrap()
            .iter()
            .any(|d| d.project_id == w.project && d.overdue)
    );
    let final_early = projects::NewUpdate {
        kind: "final".into(),
        title: "结项".into(),
        body: "全部用完".into(),
    };
    assert_eq!(
        code(
            &projects::publish(&w.s, &w.staff, &w.project, &final_early, t0())
                .await
                .unwrap_err()
        ),
        "project_not_closed"
    );
    let update = projects::NewUpdate {
        kind: "update".into(),
        title: "第一批棉被已发放".into(),
        body: "发放 40 床。".into(),
    };
    projects::publish(&w.s, &w.staff, &w.project, &update, t0())
        .await
        .unwrap();
    let page = projects::page(&w.s, &w.project, t0()).await.unwrap();
    assert_eq!(page.project.last_report_on, Some(today().to_string()));
    let mine = desk::due(&w.s, t0())
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.project_id == w.project)
        .unwrap();
    assert_eq!(mine.due_on, today().add_months(3).unwrap().to_string());
    projects::set_status(&w.s, &w.staff, &w.project, "closed", t0())
        .await
        .unwrap();
    projects::publish(&w.s, &w.staff, &w.project, &final_early, t0())
        .await
        .unwrap();
    assert_eq!(
        projects::page(&w.s, &w.project, t0())
            .await
            .unwrap()
            .project
            .status,
        "reported"
    );
    assert!(
        desk::due(&w.s, t0())
            .await
            .unwrap()
            .iter()
            .all(|d| d.project_id != w.project)
    );
    // Status changes the workflow does not allow.
    assert_eq!(
        code(
            &projects::set_status(&w.s, &w.staff, &w.project, "open", t0())
                .await
                .unwrap_err()
        ),
        "project_status"
    );
});

on_both_backends!(a_tampered_ledger_is_detected, |app| {
    let w = world(app).await;
    donate(&w, 10_000, Some("吴十"), false, None).await;
    let (_, seq) = donate(&w, 20_000, Some("郑一"), false, None).await;
    donate(&w, 30_000, None, false, None).await;
    reconciles(&w.s).await;
    // The ledger refuses updates and deletes; someone with the database's keys drops that guard.
    let refused = sqlx::query("UPDATE charity_entries SET amount_fen = 1 WHERE seq = 2")
        .execute(&w.s.db.pool)
        .await;
    assert!(refused.is_err(), "append-only");
    let unguard = match w.s.db.backend {
        server::store::Backend::Sqlite => vec![
            "DROP TRIGGER charity_entries_no_update",
            "DROP TRIGGER charity_postings_no_update",
        ],
        server::store::Backend::Postgres => vec![
            "DROP TRIGGER charity_entries_no_change ON charity_entries",
            "DROP TRIGGER charity_postings_no_change ON charity_postings",
        ],
    };
    for sql in unguard {
        sqlx::query(sql).execute(&w.s.db.pool).await.unwrap();
    }
    sqlx::query("UPDATE charity_entries SET counterparty = '王*' WHERE seq = $1")
        .bind(seq)
        .execute(&w.s.db.pool)
        .await
        .unwrap();
    let r = ledger::reconcile(&w.s, t0()).await.unwrap();
    assert!(!r.ok);
    assert!(
        r.problems
            .iter()
            .any(|(zh, _)| zh.contains(&format!("第 {seq} 条记录的内容与其哈希不符"))),
        "{:?}",
        r.problems
    );
    // Moving money between postings is caught too (the sums still balance).
    sqlx::query("UPDATE charity_entries SET counterparty = '郑*' WHERE seq = $1")
        .bind(seq)
        .execute(&w.s.db.pool)
        .await
        .unwrap();
    reconciles(&w.s).await;
    sqlx::query("UPDATE charity_postings SET amount_fen = amount_fen * 2 WHERE entry_seq = 3")
        .execute(&w.s.db.pool)
        .await
        .unwrap();
    let r = ledger::reconcile(&w.s, t0()).await.unwrap();
    assert!(
        r.problems.iter().any(|(zh, _)| zh.contains("第 3 条")),
        "{:?}",
        r.problems
    );
    // And the public endpoint says so.
    let body: serde_json::Value = app
        .get("/api/v1/charity/reconciliation")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["ok"], false);
});

on_both_backends!(
    concurrent_paid_orders_each_record_exactly_one_donation,
    |app| {
        let w = world(app).await;
        let mut orders = Vec::new();
        for i in 0..40 {
            let o = donations::place_order(
                &w.s,
                &request(&w.project, 1_000 + i, None, false),
                None,
                t0(),
            )
            .await
            .unwrap();
            orders.push((o.order_no, 1_000 + i));
        }
        let mut tasks = Vec::new();
        for (order, amount) in &orders {
            for _ in 0..2 {
                let s = w.s.clone();
                let (b, sig) = signed(&s, &notification(order, *amount, t0() + 30));
                tasks.push(tokio::spawn(async move {
                    gateway::notified(&s, &b, &sig, t0() + 31).await
                }));
            }
        }
        let mut errors = Vec::new();
        for t in tasks {
            if let Err(e) = t.await.unwrap() {
                errors.push(format!("{e:?}"));
            }
        }
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            count(&w.s, "SELECT COUNT(*) FROM charity_entries").await,
            40
        );
        let r = ledger::reconcile(&w.s, t0()).await.unwrap();
        assert!(r.ok, "{:?}", r.problems);
        assert_eq!((r.entries, r.paid_orders), (40, 40));
        let page = projects::page(&w.s, &w.project, t0()).await.unwrap();
        assert_eq!(
            page.project.raised_fen,
            orders.iter().map(|o| o.1).sum::<i64>()
        );
    }
);

// Issue 17, F8: money received is never dropped. A notification of a payment made in time that
// arrives after housekeeping expired the order records the donation; a payment made after the
// order expired is recorded and refunded at once; the reconciliation passes either way.
on_both_backends!(late_notifications_are_recorded_never_dropped, |app| {
    let w = world(app).await;
    let in_time = donations::place_order(
        &w.s,
        &request(&w.project, 2_000, Some("张三"), true),
        None,
        t0(),
    )
    .await
    .unwrap();
    let too_late = donations::place_order(
        &w.s,
        &request(&w.project, 3_000, Some("李四"), false),
        None,
        t0(),
    )
    .await
    .unwrap();
    assert!(donations::expire_due(&w.s, t0() + 60 * 60).await.unwrap() >= 2);
    let n = notification(&in_time.order_no, 2_000, t0() + 60);
    let recorded = donations::record_payment(&w.s, &n, t0() + 60 * 60)
        .await
        .unwrap();
    assert!(
        matches!(recorded, donations::Recorded::New(_)),
        "{recorded:?}"
    );
    let status = donations::status(&w.s, &in_time.order_no, t0() + 60 * 60)
        .await
        .unwrap();
    assert_eq!(status.status, "paid");
    assert!(
        status.receipt_no.is_some(),
        "the receipt asked for is issued"
    );

    let n = notification(&too_late.order_no, 3_000, t0() + 50 * 60);
    let recorded = donations::record_payment(&w.s, &n, t0() + 60 * 60)
        .await
        .unwrap();
    let donations::Recorded::New(seq) = recorded else {
        panic!("recorded: {recorded:?}")
    };
    let refunds = count(
        &w.s,
        &format!("SELECT COUNT(*) FROM charity_entries WHERE kind = 'refund' AND reverses = {seq}"),
    )
    .await;
    assert_eq!(refunds, 1, "the late payment is refunded");
    let page = projects::page(&w.s, &w.project, t0() + 60 * 60)
        .await
        .unwrap();
    assert_eq!(
        page.project.balance_fen, 2_000,
        "only the payment in time stays"
    );
    assert_eq!(page.project.refunded_fen, 3_000, "the late one went back");
    // Delivered again: nothing new.
    let again = donations::record_payment(&w.s, &n, t0() + 61 * 60)
        .await
        .unwrap();
    assert_eq!(again, donations::Recorded::Repeated(seq));
    reconciles(&w.s).await;
});

/// The PDF's text as poppler reads it.
fn pdf_text(pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("dongxihu-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by the Makefile)");
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// Issue 17, F7: a refunded donation's receipt checks as void (refunded on its day), its PDF says
// so, and the yearly statement lists it as refunded outside the total.
on_both_backends!(a_refunded_donations_receipt_is_void_everywhere, |app| {
    let w = world(app).await;
    let donor = resident(&w.s, 1).await;
    let (_, kept) = donate(&w, 10_000, Some("周小红"), true, Some(&donor)).await;
    let (_, refunded) = donate(&w, 2_500, Some("周小红"), true, Some(&donor)).await;
    ledger::refund(&w.s, &w.staff, refunded, "捐赠人要求退款", t0() + 120)
        .await
        .unwrap();
    let mine = receipts::mine(&w.s, &donor).await.unwrap();
    let number_of = |seq: i64| receipts::number(seq, t0());
    let void = number_of(refunded);
    let code = receipts::code(&w.s.record_secret, &void, 2_500);
    let check = receipts::check(&w.s, &void, &code).await.unwrap();
    assert!(check.genuine, "issued by the charity");
    assert!(check.voided_on.is_some(), "but void: {check:?}");
    let standing = number_of(kept);
    let code = receipts::code(&w.s.record_secret, &standing, 10_000);
    assert_eq!(
        receipts::check(&w.s, &standing, &code)
            .await
            .unwrap()
            .voided_on,
        None
    );

    let pdf = receipts::pdf(&w.s, &void, |_| true, "http://x")
        .await
        .unwrap();
    assert!(
        pdf_text(&pdf).contains("已作废"),
        "the receipt PDF says void"
    );
    let pdf = receipts::pdf(&w.s, &standing, |_| true, "http://x")
        .await
        .unwrap();
    assert!(!pdf_text(&pdf).contains("已作废"));
    let statement = pdf_text(
        &receipts::statement(&w.s, &donor, mine.years[0], t0())
            .await
            .unwrap(),
    );
    assert!(statement.contains("退款"), "{statement}");
    assert!(statement.contains("100.00"), "{statement}");
    assert!(
        statement.contains("壹佰元整"),
        "the total is the standing gift only: {statement}"
    );
});

// Issue 17, F12: the public pages reuse the reconciliation while the ledger state is the same and
// check afresh when it changes; the ledger CSV is streamed a page at a time, every entry in order.
on_both_backends!(
    the_public_reconciliation_is_reused_until_the_ledger_changes_and_the_csv_streams,
    |app| {
        let w = world(app).await;
        donate(&w, 1_000, None, false, None).await;
        let hour = 3_600;
        let first = ledger::reconcile_public(&w.s, t0()).await.unwrap();
        assert!(first.ok, "{:?}", first.problems);
        let again = ledger::reconcile_public(&w.s, t0() + hour).await.unwrap();
        assert_eq!(
            again.checked_at, first.checked_at,
            "the same ledger: the check is reused"
        );
        donate(&w, 2_000, None, false, None).await;
        let after = ledger::reconcile_public(&w.s, t0() + 2 * hour)
            .await
            .unwrap();
        assert_ne!(
            after.checked_at, first.checked_at,
            "a new donation: checked afresh"
        );
        assert_eq!(after.entries, 2);
        for i in 0..510 {
            donate(&w, 100 + i, None, false, None).await;
        }
        let r = app.get("/api/v1/charity/ledger.csv").await;
        assert_eq!(r.status(), 200);
        assert!(
            r.headers().get("content-length").is_none(),
            "streamed, not gathered first"
        );
        let text = r.text().await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines.len(),
            1 + 512,
            "a header and every entry, past the first page"
        );
        for (i, line) in lines[1..].iter().enumerate() {
            assert!(
                line.starts_with(&format!("\"{}\",", i + 1)),
                "in order: {line}"
            );
        }
    }
);
