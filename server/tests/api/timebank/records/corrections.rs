//! Corrections (第十三条) and honour hours.

use super::{ask, assert_ledgers_sound, decide, net_minutes};
use crate::timebank::world::*;
use server::timebank::certificates;
use server::timebank::credits;
use server::timebank::records::{self, Decision, Honour};
use server::timebank::redemption::{self, Redemption};
use server::timebank::store::ledgers;

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
    a_coordinator_who_volunteers_cannot_decide_their_own_correction,
    |app| {
        let w = world(app, 10).await;
        checked_in_and_out(&w, &w.v2, T0, T0 + 3600).await;
        confirm_all(&w, T0 + 7200).await;
        let link = |staff_id: &str, id: &str| server::timebank::volunteers::StaffVolunteer {
            staff_id: staff_id.into(),
            id_number: id.into(),
        };
        let id2 = id_number("19850704", "011");
        let e = server::timebank::volunteers::link_staff(&w.s, &w.admin, &link("nobody", &id2))
            .await
            .unwrap_err();
        assert!(format!("{e:?}").contains("staff_id"));
        server::timebank::volunteers::link_staff(&w.s, &w.admin, &link(&w.coord.id, &id2))
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

// Issue 17, L3: two requests about one record sent at the same moment: one is taken, the other
// is refused, and only one can ever be accepted.
on_both_backends!(one_open_correction_per_record_even_at_once, |app| {
    let w = world(app, 10).await;
    checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
    confirm_all(&w, T0 + 7200).await;
    let v1 = volunteer_id(&w, &w.v1).await;
    let original = ledgers::service_records(&w.s.db, &v1).await.unwrap()[0].clone();
    let mut set = tokio::task::JoinSet::new();
    for minutes in [90, 100, 110, 120] {
        let (s, who) = (w.s.clone(), w.v1.clone());
        let a = ask(original.id, minutes, "多干了一会儿");
        set.spawn(async move { records::request(&s, &who, &a, T0 + 8000).await });
    }
    let mut taken = Vec::new();
    let mut refused = Vec::new();
    while let Some(r) = set.join_next().await {
        match r.unwrap() {
            Ok(c) => taken.push(c),
            Err(e) => refused.push(e.code()),
        }
    }
    assert_eq!(taken.len(), 1, "refused: {refused:?}");
    assert!(
        refused.iter().all(|c| *c == "correction_open"),
        "{refused:?}"
    );
    // Decided, the record takes a new request again.
    decide(&w, &w.coord, &taken[0].id, false, "核实无误", T0 + 9000)
        .await
        .unwrap();
    records::request(&w.s, &w.v1, &ask(original.id, 95, "再核对一次"), T0 + 9100)
        .await
        .expect("a new request after the decision");
});
