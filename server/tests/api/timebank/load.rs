//! The time-credit ledger under load (issue #5), on SQLite and PostgreSQL: 200 gifts at once
//! among four volunteers who are each other's family, so every account both gives and receives
//! while other gifts touch it. Afterwards every balance equals the sum of its postings, none is
//! negative, no entry is unbalanced, and each balance is exactly its earned hours plus the gifts
//! that went through to it minus those it made.

use super::world::*;
use server::auth::AuthUser;
use server::timebank::credits::{self, Gift};
use server::timebank::store::{ledgers, volunteers as vstore};
use server::timebank::volunteers;
use std::sync::Arc;

const GIFTS: usize = 200;
/// Minutes each of the four volunteers earns before the gifts.
const EARNED: [i64; 4] = [60, 45, 30, 90];

on_both_backends!(
    two_hundred_concurrent_gifts_keep_every_balance_sound,
    |app| {
        let w = world(app, 10).await;
        let (v3, v4) = (resident(&w.s, 3).await, resident(&w.s, 4).await);
        let ids = [
            id_number("19580312", "002"),
            id_number("19850704", "011"),
            id_number("19720115", "021"),
            id_number("19900228", "032"),
        ];
        for (v, id) in [(&v3, &ids[2]), (&v4, &ids[3])] {
            volunteers::register_self(&w.s, v, &registration("张志强", id), T0)
                .await
                .unwrap();
        }
        let people: [AuthUser; 4] = [w.v1.clone(), w.v2.clone(), v3, v4];
        for (v, minutes) in people.iter().zip(EARNED) {
            checked_in_and_out(&w, v, T0, T0 + minutes * 60).await;
        }
        confirm_all(&w, T0 + 7200).await;
        let mut rows = Vec::new();
        for v in &people {
            rows.push(
                vstore::by_account(&w.s.db, &v.account_id)
                    .await
                    .unwrap()
                    .unwrap(),
            );
        }
        for (i, me) in rows.iter().enumerate() {
            for (j, id) in ids.iter().enumerate() {
                if i != j {
                    volunteers::link_family(&w.s, me, id, T0).await.unwrap();
                }
            }
        }
        for (i, me) in rows.iter().enumerate() {
            for (j, asker) in rows.iter().enumerate() {
                if i != j {
                    volunteers::answer_family(&w.s, me, &asker.id, true, T0)
                        .await
                        .unwrap();
                }
            }
        }

        // Gift i goes from volunteer i % 4 to one of the other three, 1 to 13 minutes; all 200 are
        // released together.
        let plan: Vec<(usize, usize, i64)> = (0..GIFTS)
            .map(|i| (i % 4, (i % 4 + 1 + (i / 4) % 3) % 4, 1 + 2 * (i % 7) as i64))
            .collect();
        let start = Arc::new(tokio::sync::Barrier::new(GIFTS));
        let mut tasks = Vec::new();
        for (i, &(from, to, minutes)) in plan.iter().enumerate() {
            let (s, user, start) = (w.s.clone(), people[from].clone(), start.clone());
            let gift = Gift {
                to: rows[to].id.clone(),
                minutes,
                idempotency_key: format!("load-{i}"),
            };
            tasks.push(tokio::spawn(async move {
                start.wait().await;
                credits::gift(&s, &user, &gift, T0).await
            }));
        }
        let mut expected = EARNED;
        let mut given = 0;
        for (t, &(from, to, minutes)) in tasks.into_iter().zip(&plan) {
            // Each gift is either given or refused for want of credits: never a failure.
            match t.await.unwrap() {
                Ok(()) => {
                    given += 1;
                    expected[from] -= minutes;
                    expected[to] += minutes;
                }
                Err(e) => assert_eq!(e.code(), "insufficient_credits", "{e:?}"),
            }
        }
        // Every gift given is in the audit log, whose chain holds.
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'credits.gift'")
                .fetch_one(&w.s.db.pool)
                .await
                .unwrap();
        assert_eq!(audited, given as i64, "one audit entry per gift given");
        let chain = server::audit::store::verify(&w.s.db).await.unwrap();
        assert_eq!(chain.first_broken, None);
        assert!(
            given >= GIFTS / 2,
            "only {given} of {GIFTS} gifts went through"
        );

        for (i, (v, row)) in people.iter().zip(&rows).enumerate() {
            let from_postings = credits::mine(&w.s, v).await.unwrap().balance;
            let cached: i64 =
                sqlx::query_scalar("SELECT balance FROM credit_accounts WHERE owner = $1")
                    .bind(&row.id)
                    .fetch_one(&w.s.db.pool)
                    .await
                    .unwrap();
            assert_eq!(
                cached, from_postings,
                "volunteer {i}: balance = sum of postings"
            );
            assert!(cached >= 0, "volunteer {i}: never negative");
            assert_eq!(
                cached, expected[i],
                "volunteer {i}: earned ± the gifts that went through"
            );
        }
        assert_eq!(
            expected.iter().sum::<i64>(),
            EARNED.iter().sum::<i64>(),
            "credits are neither made nor lost"
        );
        assert_eq!(ledgers::check(&w.s.db).await.unwrap(), (vec![], vec![]));
    }
);
