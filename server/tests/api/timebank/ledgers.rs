//! The time bank's ledgers on SQLite and PostgreSQL: verification into the service record and
//! time credits, gifts to family, concurrent gifts.

use super::world::*;
use server::timebank::credits::{self, Gift};
use server::timebank::store::{ledgers, volunteers as vstore};
use server::timebank::verification::{self, Confirmation};
use server::timebank::volunteers;

on_both_backends!(
    confirmed_hours_become_a_service_record_and_credits_once,
    |app| {
        let w = world(app, 10).await;
        checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
        checked_in_and_out(&w, &w.v2, T0, T0 + 1800).await;
        let list = verification::attendance_list(&w.s, &w.coord, &w.activity)
            .await
            .unwrap();
        let v1_id = vstore::by_account(&w.s.db, &w.v1.account_id)
            .await
            .unwrap()
            .unwrap()
            .id;
        let v2_id = vstore::by_account(&w.s.db, &w.v2.account_id)
            .await
            .unwrap()
            .unwrap()
            .id;
        let att = |v: &str| {
            list.iter()
                .find(|p| p.volunteer_id == v)
                .unwrap()
                .attendance_id
                .clone()
        };

        // The coordinator is also volunteer v2: they cannot confirm their own hours.
        vstore::link_staff_volunteer(&w.s.db, &w.coord.id, &v2_id)
            .await
            .unwrap();
        let own = [Confirmation {
            attendance_id: att(&v2_id),
            minutes: None,
            reason: String::new(),
        }];
        assert_eq!(
            verification::confirm(&w.s, &w.coord, &w.activity, &own, T0 + 7200)
                .await
                .unwrap_err()
                .code(),
            "own_hours"
        );
        let no_reason = [Confirmation {
            attendance_id: att(&v1_id),
            minutes: Some(50),
            reason: " ".into(),
        }];
        assert!(matches!(
            verification::confirm(&w.s, &w.coord, &w.activity, &no_reason, T0 + 7200).await,
            Err(server::error::ApiError::Validation(_))
        ));
        assert_eq!(
            verification::confirm(&w.s, &w.other, &w.activity, &own, T0 + 7200)
                .await
                .unwrap_err()
                .code(),
            "not_your_organization"
        );
        assert!(
            ledgers::service_records(&w.s.db, &v1_id)
                .await
                .unwrap()
                .is_empty(),
            "refusals record nothing"
        );

        let adjust = [Confirmation {
            attendance_id: att(&v1_id),
            minutes: Some(50),
            reason: "提前离开 10 分钟".into(),
        }];
        assert_eq!(
            verification::confirm(&w.s, &w.coord, &w.activity, &adjust, T0 + 7200)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            verification::confirm(&w.s, &w.coord, &w.activity, &adjust, T0 + 7300)
                .await
                .unwrap_err()
                .code(),
            "already_verified"
        );
        let records = ledgers::service_records(&w.s.db, &v1_id).await.unwrap();
        assert_eq!(
            (records.len(), records[0].minutes, records[0].kind.as_str()),
            (1, 50, "adjusted")
        );
        let credits = credits::mine(&w.s, &w.v1).await.unwrap();
        assert_eq!(credits.balance, 50);
        assert_eq!(ledgers::check(&w.s.db).await.unwrap(), (vec![], vec![]));
    }
);

on_both_backends!(
    gifts_move_credits_to_family_only_once_and_never_below_zero,
    |app| {
        let w = world(app, 10).await;
        checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
        confirm_all(&w, T0 + 7200).await;
        let me = vstore::by_account(&w.s.db, &w.v1.account_id)
            .await
            .unwrap()
            .unwrap();
        let relative = vstore::by_account(&w.s.db, &w.v2.account_id)
            .await
            .unwrap()
            .unwrap();
        let gift = |minutes: i64, to: &str, key: &str| Gift {
            to: to.into(),
            minutes,
            idempotency_key: key.into(),
        };

        assert!(
            credits::gift(&w.s, &w.v1, &gift(10, &relative.id, "k0"), T0)
                .await
                .is_err(),
            "not yet family"
        );
        volunteers::link_family(&w.s, &me, &id_number("19850704", "011"), T0)
            .await
            .unwrap();
        // F13: naming the relative only asks; the link holds once they confirm it.
        assert!(
            credits::gift(&w.s, &w.v1, &gift(10, &relative.id, "k-asked"), T0)
                .await
                .is_err(),
            "asked, not yet confirmed"
        );
        volunteers::answer_family(&w.s, &relative, &me.id, true, T0)
            .await
            .unwrap();
        assert!(
            credits::gift(&w.s, &w.v1, &gift(10, &me.id, "k1"), T0)
                .await
                .is_err(),
            "not to oneself"
        );
        assert_eq!(
            credits::gift(&w.s, &w.v1, &gift(61, &relative.id, "k2"), T0)
                .await
                .unwrap_err()
                .code(),
            "insufficient_credits"
        );
        assert_eq!(
            credits::mine(&w.s, &w.v1).await.unwrap().balance,
            60,
            "a refused gift moves nothing"
        );
        credits::gift(&w.s, &w.v1, &gift(25, &relative.id, "k3"), T0)
            .await
            .unwrap();
        credits::gift(&w.s, &w.v1, &gift(25, &relative.id, "k3"), T0)
            .await
            .unwrap();
        assert_eq!(
            credits::mine(&w.s, &w.v1).await.unwrap().balance,
            35,
            "a retry with the same key moves nothing more"
        );
        assert_eq!(credits::mine(&w.s, &w.v2).await.unwrap().balance, 25);
        assert_eq!(ledgers::check(&w.s.db).await.unwrap(), (vec![], vec![]));
    }
);

on_both_backends!(concurrent_gifts_both_ways_keep_every_balance_sound, |app| {
    let w = world(app, 10).await;
    checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
    checked_in_and_out(&w, &w.v2, T0, T0 + 3600).await;
    let list = verification::attendance_list(&w.s, &w.coord, &w.activity)
        .await
        .unwrap();
    let items: Vec<Confirmation> = list
        .iter()
        .map(|p| Confirmation {
            attendance_id: p.attendance_id.clone(),
            minutes: None,
            reason: String::new(),
        })
        .collect();
    verification::confirm(&w.s, &w.coord, &w.activity, &items, T0 + 7200)
        .await
        .unwrap();
    let a = vstore::by_account(&w.s.db, &w.v1.account_id)
        .await
        .unwrap()
        .unwrap();
    let b = vstore::by_account(&w.s.db, &w.v2.account_id)
        .await
        .unwrap()
        .unwrap();
    volunteers::link_family(&w.s, &a, &id_number("19850704", "011"), T0)
        .await
        .unwrap();
    volunteers::link_family(&w.s, &b, &id_number("19580312", "002"), T0)
        .await
        .unwrap();
    for (me, asker) in [(&b, &a), (&a, &b)] {
        volunteers::answer_family(&w.s, me, &asker.id, true, T0)
            .await
            .unwrap();
    }
    let mut tasks = Vec::new();
    for i in 0..60 {
        let (s, from, to) = if i % 2 == 0 {
            (w.s.clone(), w.v1.clone(), b.id.clone())
        } else {
            (w.s.clone(), w.v2.clone(), a.id.clone())
        };
        tasks.push(tokio::spawn(async move {
            credits::gift(
                &s,
                &from,
                &Gift {
                    to,
                    minutes: 7,
                    idempotency_key: format!("c{i}"),
                },
                T0,
            )
            .await
        }));
    }
    for t in tasks {
        let r = t.await.unwrap();
        assert!(
            r.is_ok() || r.as_ref().unwrap_err().code() == "insufficient_credits",
            "{r:?}"
        );
    }
    let (x, y) = (
        credits::mine(&w.s, &w.v1).await.unwrap().balance,
        credits::mine(&w.s, &w.v2).await.unwrap().balance,
    );
    assert!(x >= 0 && y >= 0);
    assert_eq!(x + y, 120, "credits are neither made nor lost");
    assert_eq!(ledgers::check(&w.s.db).await.unwrap(), (vec![], vec![]));
});
