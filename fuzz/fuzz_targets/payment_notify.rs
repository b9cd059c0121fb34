//! The payment notification: `gateway::verify(secret, body, signature)` and the body parsing
//! behind it.
//!
//! Input: one mode byte, then the rest.
//! - even mode: the rest is `signature` and `body`, split at the first newline; arbitrary
//!   signatures and bodies must be refused cleanly (almost always as a bad signature);
//! - odd mode: the rest is a body signed correctly with `gateway::sign`, so the parsing after
//!   the signature check is reached; it must accept exactly the bodies that are notifications,
//!   and the same body with a damaged signature must be refused.

#![no_main]

use libfuzzer_sys::fuzz_target;
use server::error::ApiError;
use server::charity::donations::Notification;
use server::charity::gateway;

const SECRET: &str = "fuzz-secret-not-used-anywhere-else";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        let (signature, body) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        let signature = String::from_utf8_lossy(signature);
        match gateway::verify(SECRET, body, &signature) {
            Ok(n) => {
                // Only possible with the right signature.
                assert!(signed_right(body, &signature));
                check_notification(&n, body);
            }
            Err(e) => check_refusal(&e, body, &signature),
        }
    } else {
        signed(rest, mode);
    }
});

fn signed(body: &[u8], mode: u8) {
    let signature = gateway::sign(SECRET, body);
    assert_eq!(signature.len(), 64);
    assert!(signature.bytes().all(|c| c.is_ascii_hexdigit()));

    let expected = serde_json::from_slice::<Notification>(body).ok();
    match gateway::verify(SECRET, body, &signature) {
        Ok(n) => {
            assert_eq!(Some(&n), expected.as_ref());
            check_notification(&n, body);
        }
        Err(ApiError::BadRequest(_)) => assert!(expected.is_none()),
        Err(other) => panic!("a correctly signed body was refused: {other:?}"),
    }

    // Surrounding whitespace and upper case hex are still the same signature.
    let padded = format!(" {}\t", signature.to_uppercase());
    assert_eq!(
        gateway::verify(SECRET, body, &padded).is_ok(),
        expected.is_some()
    );

    // One changed hex digit, a truncated signature, another secret: refused before parsing.
    let mut damaged = signature.clone().into_bytes();
    let at = usize::from(mode / 2) % damaged.len();
    damaged[at] = if damaged[at] == b'0' { b'1' } else { b'0' };
    let damaged = String::from_utf8(damaged).expect("hex is ASCII");
    for wrong in [&damaged[..], &signature[..62], ""] {
        let refused = gateway::verify(SECRET, body, wrong).expect_err("a wrong signature");
        check_refusal(&refused, body, wrong);
    }
    let refused = gateway::verify("another secret", body, &signature).expect_err("other secret");
    assert_eq!(refused.code(), "bad_signature");
}

fn check_notification(n: &Notification, body: &[u8]) {
    // What was read is what the body says: it reads back the same after a round trip.
    let again = serde_json::to_vec(n).expect("a notification serialises");
    let back: Notification = serde_json::from_slice(&again).expect("and reads back");
    assert_eq!(&back, n);
    // serde_json skips the fields a notification does not have without checking all of them
    // (UTF-8 inside their strings, the range of their numbers), so the body need not read as a
    // `Value`; when it does, it says the same.
    let Ok(original) = serde_json::from_slice::<serde_json::Value>(body) else {
        return;
    };
    let (amount, paid_at) = match &original {
        serde_json::Value::Array(fields) => (&fields[1], &fields[3]),
        _ => (&original["amount_fen"], &original["paid_at"]),
    };
    assert_eq!(amount.as_i64(), Some(n.amount_fen));
    assert_eq!(paid_at.as_i64(), Some(n.paid_at));
}

fn signed_right(body: &[u8], signature: &str) -> bool {
    signature.trim().to_ascii_lowercase() == gateway::sign(SECRET, body)
}

fn check_refusal(e: &ApiError, body: &[u8], signature: &str) {
    match e {
        ApiError::Rejected { .. } => assert_eq!(e.code(), "bad_signature"),
        ApiError::BadRequest(why) => {
            // Past the signature check only when the signature was right.
            assert!(signed_right(body, signature));
            assert!(!why.is_empty());
        }
        other => panic!("an unexpected refusal: {other:?}"),
    }
}
