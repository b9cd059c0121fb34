//! After verification, on SQLite and PostgreSQL: corrections (第十三条), honour hours,
//! certificates and their public check, redeeming credits for care, expiry, kiosk check-in.

mod support;
#[path = "timebank/world.rs"]
mod world;

use server::services::timebank::certificates;
use server::services::timebank::checkin::{self, Direction};
use server::services::timebank::credits;
use server::services::timebank::records::{self, CorrectionRequest, Decision, Honour};
use server::services::timebank::redemption::{self, Redemption};
use server::services::timebank::verification::{self, Confirmation};
use server::store::{ledgers, records as rstore};
use world::*;

async fn net_minutes(w: &World, volunteer: &str) -> i64 {
    ledgers::service_records(&w.s.db, volunteer)
        .await
        .unwrap()
        .iter()
        .map(|r| r.minutes)
        .sum()
}

async fn assert_ledgers_sound(w: &World) {
    let (drifted, unbalanced) = ledgers::check(&w.s.db).await.unwrap();
    assert!(drifted.is_empty(), "drifted balances: {drifted:?}");
    assert!(unbalanced.is_empty(), "unbalanced entries: {unbalanced:?}");
}

async fn decide(
    w: &World,
    who: &server::services::staff::StaffUser,
    id: &str,
    accept: bool,
    reason: &str,
    at: i64,
) -> Result<records::Correction, server::error::ApiError> {
    let d = Decision {
        accept,
        reason: reason.into(),
    };
    records::decide(&w.s, who, id, &d, at).await
}

fn ask(record_id: i64, minutes: i64, reason: &str) -> CorrectionRequest {
    CorrectionRequest {
        record_id,
        minutes,
        reason: reason.into(),
    }
}

on_both_backends!(
    an_accepted_correction_reverses_and_replaces_and_moves_the_credits,
    |app| {
        let w = world(app, 10).await;
        checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
        confirm_all(&w, T0 + 7200).await;
        let v1 = volunteer_id(&w, &w.v1).await;
        let original = ledgers::service_records(&w.s.db, &v1).await.unwrap()[0].clone();
        assert_eq!(original.minutes, 60);

        // Bad requests change nothing.
        for (bad, field) in [
            (ask(original.id, 90, " "), "reason"),
            (ask(original.id, 2000, "多干了"), "minutes"),
            (ask(original.id, 60, "一样"), "minutes"),
            (ask(999_999, 90, "不是我的"), "record_id"),
        ] {
            let e = records::request(&w.s, &w.v1, &bad, T0 + 8000)
                .await
                .unwrap_err();
            assert_eq!(e.code(), "validation", "{field}");
            assert!(format!("{e:?}").contains(field), "{e:?}");
        }
        // Another volunteer cannot ask about v1's record.
        assert_eq!(
            records::request(&w.s, &w.v2, &ask(original.id, 90, "x"), T0)
                .await
                .unwrap_err()
                .code(),
            "validation"
        );

        let c = records::request(
            &w.s,
            &w.v1,
            &ask(original.id, 90, "签退时忘了扫码，实际做到11点"),
            T0 + 8000,
        )
        .await
        .unwrap();
        assert_eq!(c.status, "open");
        assert_eq!(
            records::request(&w.s, &w.v1, &ask(original.id, 80, "再问一次"), T0 + 8100)
                .await
                .unwrap_err()
                .code(),
            "correction_open"
        );
        // The coordinator sees it; the other organization's coordinator neither sees nor decides it.
        assert_eq!(records::open_for(&w.s, &w.coord).await.unwrap().len(), 1);
        assert!(records::open_for(&w.s, &w.other).await.unwrap().is_empty());
        let accept = Decision {
            accept: true,
            reason: "与签到表核对属实".into(),
        };
        assert_eq!(
            records::decide(&w.s, &w.other, &c.id, &accept, T0 + 9000)
                .await
                .unwrap_err()
                .code(),
            "not_your_organization"
        );
        let no_reason = Decision {
            accept: true,
            reason: String::new(),
        };
        assert_eq!(
            records::decide(&w.s, &w.coord, &c.id, &no_reason, T0 + 9000)
                .await
                .unwrap_err()
                .code(),
            "validation"
        );
        assert_eq!(net_minutes(&w, &v1).await, 60, "nothing changed yet");

        let decided = records::decide(&w.s, &w.coord, &c.id, &accept, T0 + 9000)
            .await
            .unwrap();
        assert_eq!(decided.status, "accepted");
        let after = ledgers::service_records(&w.s.db, &v1).await.unwrap();
        let kinds: Vec<(&str, i64, Option<i64>)> = after
            .iter()
            .map(|r| (r.kind.as_str(), r.minutes, r.reverses))
            .collect();
        assert_eq!(
            kinds,
            [
                ("verified", 60, None),
                ("reversal", -60, Some(original.id)),
                ("correction", 90, Some(original.id)),
            ],
            "the original stays; a reversal and a replacement follow"
        );
        assert_eq!(credits::mine(&w.s, &w.v1).await.unwrap().balance, 90);
        assert_ledgers_sound(&w).await;
        assert_eq!(
            records::decide(&w.s, &w.coord, &c.id, &accept, T0 + 9100)
                .await
                .unwrap_err()
                .code(),
            "already_decided"
        );
        assert_eq!(
            records::request(&w.s, &w.v1, &ask(original.id, 100, "再改"), T0 + 9200)
                .await
                .unwrap_err()
                .code(),
            "not_correctable",
            "the reversed original cannot be corrected again"
        );

        // A request on the corrected entry, rejected: the record and credits stay as they are.
        let replacement = after.last().unwrap().id;
        let c2 = records::request(&w.s, &w.v1, &ask(replacement, 120, "想多记一点"), T0 + 9300)
            .await
            .unwrap();
        let rejected = decide(&w, &w.coord, &c2.id, false, "签到表显示11点离开", T0 + 9400)
            .await
            .unwrap();
        assert_eq!(rejected.status, "rejected");
        assert_eq!(
            rejected.decision_reason.as_deref(),
            Some("签到表显示11点离开")
        );
        assert_eq!(net_minutes(&w, &v1).await, 90);
        assert_eq!(credits::mine(&w.s, &w.v1).await.unwrap().balance, 90);
        let mine = records::mine(&w.s, &w.v1).await.unwrap();
        assert_eq!(
            mine.iter().map(|c| c.status.as_str()).collect::<Vec<_>>(),
            ["accepted", "rejected"]
        );
        // The ledgers refuse edits outright.
        assert!(
            sqlx::query("UPDATE corrections SET minutes = 1")
                .execute(&w.s.db.pool)
                .await
                .is_err()
        );
        assert!(
            sqlx::query("DELETE FROM correction_decisions")
                .execute(&w.s.db.pool)
                .await
                .is_err()
        );
    }
);

on_both_backends!(a_correction_cannot_take_back_credits_already_spent, |app| {
    let w = world(app, 10).await;
    checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
    confirm_all(&w, T0 + 7200).await;
    let v1 = volunteer_id(&w, &w.v1).await;
    let original = ledgers::service_records(&w.s.db, &v1).await.unwrap()[0].clone();
    // v1 (born 1958) spends 45 of the 60 minutes on errands.
    redemption::redeem(
        &w.s,
        &w.v1,
        &Redemption {
            service: "errands".into(),
            idempotency_key: "r1".into(),
        },
        T0 + 7300,
    )
    .await
    .unwrap();
    let c = records::request(&w.s, &w.v1, &ask(original.id, 0, "那天其实没去"), T0 + 8000)
        .await
        .unwrap();
    let e = decide(&w, &w.coord, &c.id, true, "核实未到场", T0 + 9000)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "credits_used");
    assert_eq!(net_minutes(&w, &v1).await, 60, "nothing was recorded");
    assert_eq!(records::mine(&w.s, &w.v1).await.unwrap()[0].status, "open");
    assert_ledgers_sound(&w).await;
});

on_both_backends!(honour_hours_are_recorded_but_earn_no_credits, |app| {
    let w = world(app, 10).await;
    let v2 = volunteer_id(&w, &w.v2).await;
    let honour = |minutes: i64, reason: &str, id: &str| Honour {
        id_number: id.into(),
        minutes,
        reason: reason.into(),
    };
    let id2 = id_number("19850704", "011");
    for (bad, field) in [
        (honour(0, "抗洪抢险表彰", &id2), "minutes"),
        (honour(120, "", &id2), "reason"),
        (honour(120, "表彰", "420112198507040000"), "id_number"),
        (
            honour(120, "表彰", &id_number("19700101", "123")),
            "id_number",
        ),
    ] {
        let e = records::add_honour(&w.s, &w.admin, &bad, T0)
            .await
            .unwrap_err();
        assert!(format!("{e:?}").contains(field), "{field}: {e:?}");
    }
    records::add_honour(
        &w.s,
        &w.admin,
        &honour(600, "2020年抗疫志愿服务表彰", &id2),
        T0,
    )
    .await
    .unwrap();
    let rows = ledgers::service_records(&w.s.db, &v2).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].kind.as_str(), rows[0].minutes), ("honour", 600));
    assert_eq!(rows[0].activity_id, None);
    assert_eq!(credits::mine(&w.s, &w.v2).await.unwrap().balance, 0);
    // Honour hours count on a certificate, and are named there.
    let c = certificates::issue(&w.s, &w.v2, T0 + 60).await.unwrap();
    assert_eq!((c.total_minutes, c.honour_minutes), (600, 600));
    // They cannot be "corrected" by the volunteer.
    assert_eq!(
        records::request(&w.s, &w.v2, &ask(rows[0].id, 700, "多记"), T0)
            .await
            .unwrap_err()
            .code(),
        "not_correctable"
    );
});

on_both_backends!(
    a_certificate_states_the_record_and_verify_tells_genuine_from_forged,
    |app| {
        let w = world(app, 10).await;
        assert_eq!(
            certificates::issue(&w.s, &w.v1, T0)
                .await
                .unwrap_err()
                .code(),
            "no_service_yet"
        );
        checked_in_and_out(&w, &w.v1, T0, T0 + 5400).await;
        confirm_all(&w, T0 + 7200).await;
        let c = certificates::issue(&w.s, &w.v1, T0 + 8000).await.unwrap();
        assert!(c.number.starts_with("ZY2026-"), "{}", c.number);
        assert_eq!(c.total_minutes, 90);
        assert_eq!(c.name_masked, "王**");
        assert!(c.id_masked.contains('*'));
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.lines[0].organization, "吴家山志愿服务站");
        assert_eq!(c.lines[0].category, "elderly");
        assert_eq!(
            (c.lines[0].from.as_str(), c.lines[0].activities),
            ("2026-11-20", 1)
        );

        // Anyone checks it, typed in lower case with spaces too.
        let v = certificates::verify(&w.s, &format!(" {} ", c.number.to_lowercase()))
            .await
            .unwrap();
        assert!(v.genuine && v.current);
        assert_eq!(v.certificate.as_ref(), Some(&c));
        assert_eq!(v.fingerprint.len(), 19);
        let unknown = certificates::verify(&w.s, "ZY2026-AAAA-BBBB")
            .await
            .unwrap();
        assert!(unknown.certificate.is_none() && !unknown.genuine);

        // A certificate whose stored content does not match its seal is not genuine.
        let forged = rstore::certificate_by_number(&w.s.db, &c.number)
            .await
            .unwrap()
            .unwrap();
        rstore::insert_certificate(
            &w.s.db,
            &rstore::CertificateRow {
                number: "ZY2026-FAKE-0001".into(),
                volunteer_id: volunteer_id(&w, &w.v2).await,
                content: forged
                    .content
                    .replace("\"total_minutes\":90", "\"total_minutes\":900"),
                ..forged
            },
        )
        .await
        .unwrap();
        let v = certificates::verify(&w.s, "ZY2026-FAKE-0001")
            .await
            .unwrap();
        assert!(!v.genuine, "a changed content fails its seal");

        // After a correction the certificate is still genuine, but no longer current.
        let v1 = volunteer_id(&w, &w.v1).await;
        let record = ledgers::service_records(&w.s.db, &v1).await.unwrap()[0].id;
        let corr = records::request(&w.s, &w.v1, &ask(record, 120, "实际两小时"), T0 + 9000)
            .await
            .unwrap();
        decide(&w, &w.coord, &corr.id, true, "属实", T0 + 9100)
            .await
            .unwrap();
        let v = certificates::verify(&w.s, &c.number).await.unwrap();
        assert!(v.genuine && !v.current);
        assert_eq!(v.certificate.unwrap().total_minutes, 90, "as issued");
        let newer = certificates::issue(&w.s, &w.v1, T0 + 9200).await.unwrap();
        assert_eq!(newer.total_minutes, 120);
        assert_eq!(
            certificates::mine(&w.s, &w.v1)
                .await
                .unwrap()
                .iter()
                .map(|c| c.total_minutes)
                .collect::<Vec<_>>(),
            [120, 90],
            "newest first"
        );

        // The PDF: only its owner gets it; it carries the masked ID, never the full number.
        let pdf = certificates::pdf(&w.s, &w.v1, &c.number, "https://dxh.example")
            .await
            .unwrap();
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(
            certificates::pdf(&w.s, &w.v2, &c.number, "https://dxh.example")
                .await
                .is_err()
        );
        let text = pdf_text(&pdf);
        if let Some(text) = text {
            assert!(text.contains("志愿服务记录证明"), "{text}");
            assert!(text.contains(&c.number));
            assert!(text.contains(&c.id_masked), "{text}");
            assert!(text.contains("1 小时 30 分"), "{text}");
            assert!(text.contains("吴家山志愿服务站"));
            assert!(text.contains("https://dxh.example/verify/"));
            assert!(!text.contains(&id_number("19580312", "002")));
        }
        let ucs2: String = id_number("19580312", "002")
            .chars()
            .map(|c| format!("{:04X}", c as u32))
            .collect();
        assert!(
            !String::from_utf8_lossy(&pdf).contains(&ucs2),
            "no full ID in the PDF"
        );
    }
);

/// The PDF's text as poppler reads it, when `pdftotext` is installed (the Makefile installs it).
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("cert-{}", uuid_like()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join("c.pdf");
    std::fs::write(&path, pdf).ok()?;
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn uuid_like() -> String {
    format!(
        "{}-{:?}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

on_both_backends!(
    redeeming_care_follows_the_age_rule_the_cap_and_the_balance,
    |app| {
        let w = world(app, 10).await;
        checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
        checked_in_and_out(&w, &w.v2, T0, T0 + 3600).await;
        // The coordinator records a long day for v1 (1440 minutes, with a reason).
        let list = verification::attendance_list(&w.s, &w.coord, &w.activity)
            .await
            .unwrap();
        let v1 = volunteer_id(&w, &w.v1).await;
        let items: Vec<Confirmation> = list
            .iter()
            .map(|p| Confirmation {
                attendance_id: p.attendance_id.clone(),
                minutes: (p.volunteer_id == v1).then_some(1440),
                reason: "通宵值守".into(),
            })
            .collect();
        verification::confirm(&w.s, &w.coord, &w.activity, &items, T0 + 7200)
            .await
            .unwrap();
        let redeem = |service: &str, key: &str| Redemption {
            service: service.into(),
            idempotency_key: key.into(),
        };

        // v2 was born in 1985: below the age rule (60, a policy parameter).
        let e = redemption::redeem(&w.s, &w.v2, &redeem("meal_delivery", "a"), T0 + 8000)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "below_redeem_age");
        assert!(format!("{e:?}").contains("60"));
        assert_eq!(credits::mine(&w.s, &w.v2).await.unwrap().balance, 60);
        // Unknown service, missing key.
        assert_eq!(
            redemption::redeem(&w.s, &w.v1, &redeem("massage", "a"), T0 + 8000)
                .await
                .unwrap_err()
                .code(),
            "validation"
        );
        assert_eq!(
            redemption::redeem(&w.s, &w.v1, &redeem("errands", " "), T0 + 8000)
                .await
                .unwrap_err()
                .code(),
            "validation"
        );

        // v1 (born 1958) redeems ten half-days of escort: 1200 minutes, the monthly cap.
        for i in 0..10 {
            redemption::redeem(
                &w.s,
                &w.v1,
                &redeem("medical_escort", &format!("k{i}")),
                T0 + 8000 + i,
            )
            .await
            .unwrap();
        }
        // A retry with the same key redeems nothing more.
        redemption::redeem(&w.s, &w.v1, &redeem("medical_escort", "k9"), T0 + 8100)
            .await
            .unwrap();
        assert_eq!(credits::mine(&w.s, &w.v1).await.unwrap().balance, 240);
        let e = redemption::redeem(&w.s, &w.v1, &redeem("meal_delivery", "k10"), T0 + 8200)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "monthly_cap");
        assert_eq!(credits::mine(&w.s, &w.v1).await.unwrap().balance, 240);
        // Next month the cap starts again, but the balance is what it is.
        let next_month = T0 + 15 * 86_400;
        redemption::redeem(&w.s, &w.v1, &redeem("medical_escort", "m1"), next_month)
            .await
            .unwrap();
        redemption::redeem(&w.s, &w.v1, &redeem("medical_escort", "m2"), next_month)
            .await
            .unwrap();
        assert_eq!(
            redemption::redeem(&w.s, &w.v1, &redeem("meal_delivery", "m3"), next_month)
                .await
                .unwrap_err()
                .code(),
            "insufficient_credits"
        );
        assert_eq!(credits::mine(&w.s, &w.v1).await.unwrap().balance, 0);
        assert_ledgers_sound(&w).await;
    }
);

on_both_backends!(unused_credits_expire_oldest_first_once, |app| {
    let w = world(app, 10).await;
    checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
    confirm_all(&w, T0 + 7200).await;
    redemption::redeem(
        &w.s,
        &w.v1,
        &Redemption {
            service: "errands".into(),
            idempotency_key: "e".into(),
        },
        T0 + 8000,
    )
    .await
    .unwrap();
    // 58 months on nothing has expired; 62 months on, the 15 unused minutes have.
    let day = 86_400;
    assert_eq!(
        redemption::expire_due(&w.s, T0 + 58 * 30 * day)
            .await
            .unwrap(),
        0
    );
    assert_eq!(credits::mine(&w.s, &w.v1).await.unwrap().balance, 15);
    assert_eq!(
        redemption::expire_due(&w.s, T0 + 62 * 31 * day)
            .await
            .unwrap(),
        15
    );
    assert_eq!(
        redemption::expire_due(&w.s, T0 + 62 * 31 * day)
            .await
            .unwrap(),
        0,
        "once"
    );
    let statement = credits::mine(&w.s, &w.v1).await.unwrap();
    assert_eq!(statement.balance, 0);
    assert_eq!(statement.lines.last().unwrap().kind, "expire");
    assert_ledgers_sound(&w).await;
});

on_both_backends!(
    a_kiosk_of_the_activitys_street_checks_a_volunteer_in_and_out,
    |app| {
        let w = world(app, 10).await;
        server::services::timebank::activities::sign_up(&w.s, &w.v1, &w.activity, T0 - 7200)
            .await
            .unwrap();
        // A kiosk in another street cannot vouch for presence here.
        assert_eq!(
            checkin::at_kiosk(&w.s, &w.v1, "jiangjunlu", &w.activity, Direction::In, T0)
                .await
                .unwrap_err()
                .code(),
            "wrong_kiosk"
        );
        // Checking out first is refused.
        assert_eq!(
            checkin::at_kiosk(&w.s, &w.v1, "wujiashan", &w.activity, Direction::Out, T0)
                .await
                .unwrap_err()
                .code(),
            "not_checked_in"
        );
        let scan = checkin::at_kiosk(&w.s, &w.v1, "wujiashan", &w.activity, Direction::In, T0)
            .await
            .unwrap();
        assert_eq!(scan.minutes, None);
        assert_eq!(
            checkin::at_kiosk(
                &w.s,
                &w.v1,
                "wujiashan",
                &w.activity,
                Direction::In,
                T0 + 60
            )
            .await
            .unwrap_err()
            .code(),
            "already_checked_in"
        );
        let out = checkin::at_kiosk(
            &w.s,
            &w.v1,
            "wujiashan",
            &w.activity,
            Direction::Out,
            T0 + 5400,
        )
        .await
        .unwrap();
        assert_eq!(out.minutes, Some(90));
        let list = verification::attendance_list(&w.s, &w.coord, &w.activity)
            .await
            .unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].minutes, Some(90));
    }
);

on_both_backends!(
    a_coordinator_who_volunteers_cannot_decide_their_own_correction,
    |app| {
        let w = world(app, 10).await;
        checked_in_and_out(&w, &w.v2, T0, T0 + 3600).await;
        confirm_all(&w, T0 + 7200).await;
        let link =
            |staff_id: &str, id: &str| server::services::timebank::volunteers::StaffVolunteer {
                staff_id: staff_id.into(),
                id_number: id.into(),
            };
        let id2 = id_number("19850704", "011");
        let e = server::services::timebank::volunteers::link_staff(
            &w.s,
            &w.admin,
            &link("nobody", &id2),
        )
        .await
        .unwrap_err();
        assert!(format!("{e:?}").contains("staff_id"));
        server::services::timebank::volunteers::link_staff(
            &w.s,
            &w.admin,
            &link(&w.coord.id, &id2),
        )
        .await
        .unwrap();
        let v2 = volunteer_id(&w, &w.v2).await;
        let record = ledgers::service_records(&w.s.db, &v2).await.unwrap()[0].id;
        let c = records::request(&w.s, &w.v2, &ask(record, 90, "多记半小时"), T0 + 8000)
            .await
            .unwrap();
        let e = decide(&w, &w.coord, &c.id, true, "自己批", T0 + 9000)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "own_hours");
        assert_eq!(net_minutes(&w, &v2).await, 60);
    }
);
