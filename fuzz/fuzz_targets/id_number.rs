//! `ResidentId::parse(s, today)` on arbitrary text and dates, with the invariants a parsed number
//! must keep.
//!
//! Input: three bytes (little-endian) choosing `today` among all dates 0001-01-01..=9999-12-31,
//! then the candidate number as text (invalid UTF-8 is read lossily).

#![no_main]

use libfuzzer_sys::fuzz_target;
use policy::id_number::with_check_character;
use policy::{Date, IdError, ResidentId, Sex};

fuzz_target!(|data: &[u8]| {
    let Some((today, rest)) = split_today(data) else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let parsed = ResidentId::parse(&text, today);

    // Deserialising checks the same things except the date against today.
    let json = serde_json::Value::String(text.to_string());
    let deserialized = serde_json::from_value::<ResidentId>(json);

    match parsed {
        Ok(id) => {
            check_valid(&id, &text, today);
            assert_eq!(deserialized.as_ref().ok(), Some(&id));
        }
        Err(e) => {
            check_error(e, &text);
            match deserialized {
                // The date is checked before the check character, so without a `today` only
                // the check character can still be wrong.
                Ok(id) => {
                    assert_eq!(e, IdError::BirthDateInFuture);
                    assert!(id.birth_date() > today);
                }
                Err(d) if e == IdError::BirthDateInFuture => {
                    assert_eq!(d.to_string(), IdError::ChecksumMismatch.to_string());
                }
                Err(d) => assert_eq!(d.to_string(), e.to_string()),
            }
        }
    }
});

fn split_today(data: &[u8]) -> Option<(Date, &[u8])> {
    let (head, rest) = data.split_first_chunk::<3>()?;
    let last = Date::new(9999, 12, 31).ok()?.ordinal();
    let raw = i64::from(u32::from_le_bytes([head[0], head[1], head[2], 0]));
    let today = Date::from_ordinal(raw % (last + 1)).expect("every ordinal up to 9999-12-31");
    Some((today, rest))
}

fn check_valid(id: &ResidentId, text: &str, today: Date) {
    let number = id.expose();
    let b = number.as_bytes();

    // The stored form is the trimmed input with a lower-case x made upper-case.
    assert_eq!(number.len(), 18);
    assert_eq!(number, text.trim().replace('x', "X"));
    assert!(b[..17].iter().all(u8::is_ascii_digit));
    assert!(b[17].is_ascii_digit() || b[17] == b'X');

    // The check character re-validates.
    assert_eq!(with_check_character(&number[..17]).as_deref(), Some(number));

    // A real birth date, the one written in characters 7-14, not after today.
    let birth = id.birth_date();
    assert_eq!(Date::parse_compact(&number[6..14]), Ok(birth));
    assert_eq!(
        Date::new(birth.year(), birth.month(), birth.day()),
        Ok(birth)
    );
    assert!(birth <= today);
    assert!(id.age_on(today) >= 0);
    assert_eq!(Date::from_ordinal(birth.ordinal()), Some(birth));

    let odd = (b[16] - b'0') % 2 == 1;
    assert_eq!(id.sex(), if odd { Sex::Male } else { Sex::Female });
    assert_eq!(id.region_code(), &number[..6]);

    // Parsing is idempotent.
    assert_eq!(ResidentId::parse(number, today).as_ref(), Ok(id));

    // Masking shows the first four and last four characters and nothing in between.
    let masked = id.masked();
    assert_eq!(masked.chars().count(), 18);
    assert_eq!(&masked[..4], &number[..4]);
    assert_eq!(&masked[4..14], "**********");
    assert_eq!(&masked[14..], &number[14..]);
    let display = id.to_string();
    let debug = format!("{id:?}");
    assert_eq!(display, masked);
    for shown in [&display, &debug] {
        assert!(shown.contains(&masked));
        assert!(longest_digit_run(shown) <= 4, "{shown}");
    }

    // Serialised as the full number (the server encrypts it), and read back the same.
    let json = serde_json::to_string(id).expect("a string serialises");
    assert_eq!(json, format!("\"{number}\""));
}

fn check_error(e: IdError, text: &str) {
    let trimmed = text.trim();
    match e {
        IdError::WrongLength { length } => {
            assert_eq!(length, trimmed.chars().count());
            assert_ne!(length, 18);
        }
        IdError::InvalidCharacter { position } => {
            assert!((1..=18).contains(&position));
            let c = trimmed
                .chars()
                .nth(position - 1)
                .expect("the position exists");
            assert!(!c.is_ascii_digit());
        }
        _ => assert_eq!(trimmed.chars().count(), 18),
    }
    // Both messages exist; the only digits they show are a length or a position, never the
    // number.
    assert!(!e.message_zh().is_empty());
    assert!(!e.message_en().is_empty());
    let quoted = match e {
        IdError::WrongLength { length } => length.to_string().len().max(2),
        _ => 2,
    };
    for message in [e.message_zh(), e.message_en(), e.to_string()] {
        assert!(longest_digit_run(&message) <= quoted, "{message}");
    }
}

fn longest_digit_run(s: &str) -> usize {
    s.split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}
