//! After the restart: the time-credit ledger and the check-ins against what the volunteers were
//! told. Every acknowledged gift is one entry with both legs, every refused one none, and an
//! unanswered one both legs or none (its retry with the same key moves nothing twice); every
//! acknowledged check-in is there once, and a spent QR use always has its check-in; balances
//! equal their postings, none is negative; the audit log holds exactly one entry per gift and
//! per check-in, committed with it.

use super::load::{Answer, GiftTry, Tally, client, gift, scan};
use super::world::{EARNED, GIVERS, World};
use server::timebank::store::ledgers;
use sqlx::Row;
use std::collections::HashMap;

/// The postings (owner, minutes) of the gift entry with this key, sorted; None when absent.
async fn gift_entry(w: &World, g: &GiftTry) -> Option<Vec<(String, i64)>> {
    let key = format!("gift:{}:{}", w.givers[g.from].volunteer, g.key);
    let id: Option<String> =
        sqlx::query_scalar("SELECT id FROM credit_entries WHERE idempotency_key = $1")
            .bind(&key)
            .fetch_optional(&w.s.db.pool)
            .await
            .expect("entry");
    let id = id?;
    let rows = sqlx::query(
        "SELECT a.owner, p.minutes FROM credit_postings p JOIN credit_accounts a ON a.id = p.account_id \
         WHERE p.entry_id = $1 ORDER BY a.owner",
    )
    .bind(&id)
    .fetch_all(&w.s.db.pool)
    .await
    .expect("postings");
    Some(
        rows.iter()
            .map(|r| (r.get::<String, _>("owner"), r.get::<i64, _>("minutes")))
            .collect(),
    )
}

fn legs(w: &World, g: &GiftTry) -> Vec<(String, i64)> {
    let mut legs = vec![
        (w.givers[g.from].volunteer.clone(), -g.minutes),
        (w.givers[g.to].volunteer.clone(), g.minutes),
    ];
    legs.sort();
    legs
}

/// Checks the gifts; returns how many unanswered ones the retry found already done.
pub async fn check_gifts(w: &World, base: &str, tally: &Tally) -> usize {
    let c = client();
    let mut found_done = 0;
    let mut balance = [EARNED; GIVERS];
    let mut given: HashMap<(usize, usize, i64), i64> = HashMap::new();
    for g in &tally.gifts {
        let before = gift_entry(w, g).await;
        if let Some(postings) = &before {
            assert_eq!(*postings, legs(w, g), "gift {}: both legs, as asked", g.key);
        }
        let done = match &g.answer {
            Answer::Acked => {
                assert!(before.is_some(), "acknowledged gift {} is lost", g.key);
                true
            }
            Answer::Refused(409, code) if code == "insufficient_credits" => {
                assert!(before.is_none(), "refused gift {} was posted", g.key);
                false
            }
            Answer::Refused(..) => panic!("gift {} refused: {:?}", g.key, g.answer),
            Answer::Lost(_) => {
                // The phone retries with the same key: nothing moves twice.
                let again = gift(&c, base, &w.givers[g.from], &w.givers[g.to], g).await;
                match again {
                    Answer::Acked => {}
                    Answer::Refused(409, ref code) if code == "insufficient_credits" => {
                        assert!(before.is_none(), "gift {}: done, yet refused", g.key);
                    }
                    other => panic!("gift {}: retry answered {other:?}", g.key),
                }
                found_done += usize::from(before.is_some());
                let after = gift_entry(w, g).await;
                if let Some(postings) = &after {
                    assert_eq!(*postings, legs(w, g), "gift {}: retried", g.key);
                }
                assert_eq!(after.is_some(), again == Answer::Acked, "gift {}", g.key);
                after.is_some()
            }
        };
        if done {
            balance[g.from] -= g.minutes;
            balance[g.to] += g.minutes;
            *given.entry((g.from, g.to, g.minutes)).or_default() += 1;
        }
    }
    let entries: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM credit_entries WHERE kind = 'gift'")
            .fetch_one(&w.s.db.pool)
            .await
            .expect("gift entries");
    assert_eq!(
        entries,
        given.values().sum::<i64>(),
        "no gift in the ledger that nobody asked for"
    );
    for (i, p) in w.givers.iter().enumerate() {
        let credits: serde_json::Value = c
            .get(format!("{base}/api/v1/timebank/me/credits"))
            .bearer_auth(&p.bearer)
            .send()
            .await
            .expect("credits")
            .json()
            .await
            .expect("credits body");
        assert_eq!(
            credits["balance"].as_i64(),
            Some(balance[i]),
            "giver {i}: earned ± the gifts that went through: {credits}"
        );
        assert!(balance[i] >= 0, "giver {i}: negative balance");
    }

    let account_of: HashMap<String, usize> = w
        .givers
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("resident:{}", p.account), i))
        .collect();
    let volunteer_of: HashMap<String, usize> = w
        .givers
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("volunteer:{}", p.volunteer), i))
        .collect();
    let rows = sqlx::query(
        "SELECT actor, target, outcome FROM audit_log WHERE action = 'credits.gift' ORDER BY id",
    )
    .fetch_all(&w.s.db.pool)
    .await
    .expect("audit");
    let mut audited: HashMap<(usize, usize, i64), i64> = HashMap::new();
    for r in &rows {
        let (actor, target, outcome): (String, String, String) =
            (r.get("actor"), r.get("target"), r.get("outcome"));
        let minutes: i64 = outcome
            .trim_start_matches("ok: ")
            .trim_end_matches(" minutes")
            .parse()
            .unwrap_or_else(|_| panic!("audit outcome {outcome}"));
        *audited
            .entry((account_of[&actor], volunteer_of[&target], minutes))
            .or_default() += 1;
    }
    // Neither an audit entry of a gift that is not in the ledger, nor a gift without its entry.
    assert_eq!(
        audited, given,
        "audit entries of gifts (giver, receiver, minutes) against the gifts in the ledger"
    );
    found_done
}

/// Checks the check-ins; returns how many unanswered ones the retry found already done.
pub async fn check_scans(w: &World, base: &str, tally: &Tally, token: &str) -> usize {
    let c = client();
    let mut found_done = 0;
    let attended = |v: String| async move {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM attendance WHERE activity_id = $1 AND volunteer_id = $2 \
             AND check_in IS NOT NULL",
        )
        .bind(&w.activity)
        .bind(v)
        .fetch_one(&w.s.db.pool)
        .await
        .expect("attendance");
        n
    };
    let mut checked_in = 0;
    for t in &tally.scans {
        let who = &w.checkers[t.checker];
        let before = attended(who.volunteer.clone()).await;
        match &t.answer {
            Answer::Acked => assert_eq!(before, 1, "acknowledged check-in {} lost", t.checker),
            Answer::Refused(..) => panic!("check-in {} refused: {:?}", t.checker, t.answer),
            Answer::Lost(_) => {
                // The volunteer scans the same code again.
                match scan(&c, base, who, token).await {
                    Answer::Acked => assert_eq!(before, 0, "checked in twice"),
                    // Checked in with this very code before the kill.
                    Answer::Refused(409, code)
                        if code == "already_checked_in" || code == "qr_used" =>
                    {
                        assert_eq!(before, 1, "refused as {code}, yet not checked in")
                    }
                    // Only if the test ran past the code's minute: the SQL below still checks
                    // that no use of it was spent without its check-in.
                    Answer::Refused(409, code) if code == "qr_expired" => {}
                    other => panic!(
                        "check-in {}: the retry answered {other:?} (checked in: {before})",
                        t.checker
                    ),
                }
                found_done += before as usize;
            }
        }
        checked_in += attended(who.volunteer.clone()).await;
    }
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attendance WHERE activity_id = $1")
        .bind(&w.activity)
        .fetch_one(&w.s.db.pool)
        .await
        .expect("attendance");
    assert_eq!(total, checked_in, "no check-in that nobody asked for");

    // A spent QR use always has its check-in (else the volunteer could never check in with it).
    let nonce = token.split('.').nth(3).expect("the token's nonce");
    let spent_without: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM qr_uses q WHERE q.nonce = $1 AND NOT EXISTS \
         (SELECT 1 FROM attendance a WHERE a.activity_id = $2 AND a.volunteer_id = q.volunteer_id)",
    )
    .bind(nonce)
    .bind(&w.activity)
    .fetch_one(&w.s.db.pool)
    .await
    .expect("qr uses");
    assert_eq!(spent_without, 0, "QR uses spent without their check-in");

    // One audit entry per check-in: none of a check-in that is not there, none missing.
    let volunteer_of: HashMap<String, &str> = w
        .checkers
        .iter()
        .map(|p| (format!("resident:{}", p.account), p.volunteer.as_str()))
        .collect();
    let actors: Vec<String> = sqlx::query_scalar(
        "SELECT actor FROM audit_log WHERE action = 'activity.check_in' AND target = $1",
    )
    .bind(format!("activity:{}", w.activity))
    .fetch_all(&w.s.db.pool)
    .await
    .expect("audit");
    let mut seen = std::collections::HashSet::new();
    for a in &actors {
        assert!(seen.insert(a.clone()), "{a} audited as checking in twice");
        assert_eq!(
            attended(volunteer_of[a].to_string()).await,
            1,
            "{a} audited, not there"
        );
    }
    assert_eq!(
        actors.len() as i64,
        total,
        "check-ins without their audit entry"
    );
    found_done
}

/// Both ledgers' own checks and the audit chain, through the library.
pub async fn check_ledgers(w: &World) {
    assert_eq!(
        ledgers::check(&w.s.db).await.expect("time-bank check"),
        (vec![], vec![]),
        "time-bank reconciliation: balances = postings, none negative, entries balanced"
    );
    let legless: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM credit_entries e WHERE \
         (SELECT COUNT(*) FROM credit_postings p WHERE p.entry_id = e.id) < 2",
    )
    .fetch_one(&w.s.db.pool)
    .await
    .expect("entries");
    assert_eq!(legless, 0, "credit entries without both legs");
    let negative: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM credit_accounts WHERE owner NOT LIKE 'bank:%' AND balance < 0",
    )
    .fetch_one(&w.s.db.pool)
    .await
    .expect("accounts");
    assert_eq!(negative, 0, "negative time-credit balances");
    let rec = server::charity::ledger::reconcile(&w.s, server::clock::now())
        .await
        .expect("charity reconciliation");
    assert!(rec.ok, "charity reconciliation: {:?}", rec.problems);
    let chain = server::audit::store::verify(&w.s.db).await.expect("audit");
    assert_eq!(chain.first_broken, None, "the audit chain holds");
}
