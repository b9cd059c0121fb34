//! Redeeming credits for care, expiry, and check-in at a kiosk.

use super::assert_ledgers_sound;
use crate::timebank::world::*;
use server::timebank::checkin::{self, Direction};
use server::timebank::credits;
use server::timebank::redemption::{self, Redemption};
use server::timebank::verification::{self, Confirmation};

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
        server::timebank::activities::sign_up(&w.s, &w.v1, &w.activity, T0 - 7200)
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
