//! After the restart: the charity ledger against what the donors and the gateway were told.
//! Every acknowledged payment is one donation (with its receipt when one was asked for); every
//! order is either paid with exactly one donation or unpaid with none; the gateway's retry of
//! a notification that got no answer records it exactly once; the reconciliation passes.

use super::load::{Answer, Tally, client, notify};
use super::world::World;
use sqlx::Row;

async fn count(w: &World, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&w.s.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// (donations recorded for the order, their total, receipts issued for them)
async fn recorded(w: &World, order_no: &str) -> (i64, i64, i64) {
    let donations = count(
        w,
        "SELECT COUNT(*) FROM charity_entries WHERE order_id = $1",
        order_no,
    )
    .await;
    let total = count(
        w,
        "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) FROM charity_entries WHERE order_id = $1",
        order_no,
    )
    .await;
    let receipts = count(
        w,
        "SELECT COUNT(*) FROM charity_receipts r JOIN charity_entries e ON e.seq = r.entry_seq \
         WHERE e.order_id = $1",
        order_no,
    )
    .await;
    (donations, total, receipts)
}

/// Checks every order and donation; returns how many unanswered notifications had been
/// recorded before the kill.
pub async fn check(w: &World, base: &str, tally: &Tally) -> usize {
    let c = client();
    let mut found_done = 0;
    let mut notified = 0;
    for d in &tally.donations {
        assert!(
            !matches!(d.order, Answer::Refused(..)),
            "an order was refused: {d:?}"
        );
        let Some((order_no, body, sig, answer)) = &d.paid else {
            continue;
        };
        notified += 1;
        let before = recorded(w, order_no).await;
        match answer {
            Answer::Acked => {
                let expected = (1, d.amount_fen, i64::from(d.receipt_wanted));
                assert_eq!(
                    before, expected,
                    "order {order_no}: its acknowledged payment is one donation (and receipt)"
                );
            }
            Answer::Lost(_) => {
                // Half a payment is not possible: all of it or none of it.
                assert!(
                    before == (0, 0, 0) || before == (1, d.amount_fen, i64::from(d.receipt_wanted)),
                    "order {order_no}: unanswered payment half-recorded: {before:?}"
                );
                // The gateway retries until it hears success.
                let again = notify(&c, base, body, sig).await;
                assert_eq!(
                    again,
                    Answer::Acked,
                    "order {order_no}: retried notification"
                );
                found_done += usize::from(before.0 == 1);
            }
            Answer::Refused(..) => panic!("order {order_no}: notification refused: {answer:?}"),
        }
        let after = recorded(w, order_no).await;
        assert_eq!(
            after,
            (1, d.amount_fen, i64::from(d.receipt_wanted)),
            "order {order_no}: paid exactly once"
        );
        // The donor sees it paid, with its ledger entry.
        let status: serde_json::Value = c
            .get(format!("{base}/api/v1/charity/orders/{order_no}"))
            .send()
            .await
            .expect("order status")
            .json()
            .await
            .expect("order status body");
        assert_eq!(status["status"], "paid", "order {order_no}: {status}");
        assert!(status["entry_seq"].is_i64(), "order {order_no}: {status}");
        assert_eq!(
            status["receipt_no"].is_string(),
            d.receipt_wanted,
            "order {order_no}: {status}"
        );
    }

    // Every order of the project, including those whose placement got no answer: paid with
    // exactly one donation, or not paid with none.
    let rows = sqlx::query(
        "SELECT id, status, amount_fen FROM payment_orders WHERE project_id = $1 ORDER BY id",
    )
    .bind(&w.project)
    .fetch_all(&w.s.db.pool)
    .await
    .expect("orders");
    let mut paid = 0usize;
    let mut paid_total = 0i64;
    for r in &rows {
        let id: String = r.get("id");
        let status: String = r.get("status");
        let amount: i64 = r.get("amount_fen");
        let (donations, total, _) = recorded(w, &id).await;
        match status.as_str() {
            "paid" => {
                assert_eq!((donations, total), (1, amount), "paid order {id}");
                paid += 1;
                paid_total += amount;
            }
            _ => assert_eq!(donations, 0, "order {id} ({status}) has a donation"),
        }
    }
    assert_eq!(
        paid, notified,
        "exactly the orders whose payment was notified are paid"
    );
    let balance = count(
        w,
        "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) FROM charity_postings WHERE account = $1",
        &format!("project:{}", w.project),
    )
    .await;
    assert_eq!(balance, paid_total, "the project holds its paid orders");

    // The reconciliation anyone can run, over HTTP from the restarted server.
    let rec: serde_json::Value = c
        .get(format!("{base}/api/v1/charity/reconciliation"))
        .send()
        .await
        .expect("reconciliation")
        .json()
        .await
        .expect("reconciliation body");
    assert_eq!(rec["ok"], true, "charity reconciliation: {rec}");
    assert_eq!(rec["paid_orders"].as_u64(), Some(paid as u64), "{rec}");
    found_done
}
