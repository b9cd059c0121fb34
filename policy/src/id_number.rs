//! Resident identity card numbers (居民身份证号码, GB 11643-1999).
//!
//! 18 characters: 6-digit region code, 8-digit birth date, 3-digit sequence (odd 17th digit =
//! male), check character. A [`ResidentId`] can only be built by parsing. Its `Display` and
//! `Debug` show the masked form, so it cannot leak into logs by accident; errors never contain
//! the number.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::date::Date;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";
const PROVINCES: &[u8] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// Sex as encoded by the 17th digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Odd 17th digit.
    Male,
    /// Even 17th digit.
    Female,
}

/// Why an ID number was rejected. Never contains the number itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum IdError {
    /// Not 18 characters.
    WrongLength {
        /// Characters found.
        length: usize,
    },
    /// A character that is not a digit (or X in the last place).
    InvalidCharacter {
        /// 1-based position.
        position: usize,
    },
    /// The first two digits are not a province-level region code.
    InvalidRegion,
    /// Characters 7-14 are not a real date.
    InvalidBirthDate,
    /// The birth date is after today.
    BirthDateInFuture,
    /// The check character does not match.
    ChecksumMismatch,
}

impl IdError {
    /// Message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            IdError::WrongLength { length } => format!("身份证号码应为18位，当前为{length}位"),
            IdError::InvalidCharacter { position } => {
                format!("第{position}位字符无效：前17位应为数字，最后一位为数字或X")
            }
            IdError::InvalidRegion => "前两位不是有效的省级行政区划代码".to_owned(),
            IdError::InvalidBirthDate => "第7-14位不是有效的出生日期".to_owned(),
            IdError::BirthDateInFuture => "出生日期不能晚于今天".to_owned(),
            IdError::ChecksumMismatch => "校验码不正确，请核对号码".to_owned(),
        }
    }

    /// Message in English.
    pub fn message_en(&self) -> String {
        match self {
            IdError::WrongLength { length } => {
                format!("an ID number has 18 characters; {length} were given")
            }
            IdError::InvalidCharacter { position } => format!(
                "character {position} is invalid: the first 17 must be digits, the last a digit or X"
            ),
            IdError::InvalidRegion => {
                "the first two digits are not a valid province code".to_owned()
            }
            IdError::InvalidBirthDate => "characters 7-14 are not a valid date of birth".to_owned(),
            IdError::BirthDateInFuture => "the date of birth cannot be after today".to_owned(),
            IdError::ChecksumMismatch => {
                "the check character does not match; please check the number".to_owned()
            }
        }
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for IdError {}

/// A valid 18-character resident ID number (upper-case X).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ResidentId {
    number: String,
    birth: Date,
    sex: Sex,
}

/// The check character for the first 17 digits.
fn check_char(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

/// The full number for 17 leading digits, with its check character appended (for making test
/// and load data); None unless given exactly 17 ASCII digits.
pub fn with_check_character(first17: &str) -> Option<String> {
    let digits = first17.as_bytes();
    (digits.len() == 17 && digits.iter().all(u8::is_ascii_digit))
        .then(|| format!("{first17}{}", check_char(digits) as char))
}

impl ResidentId {
    /// Parses and checks an ID number: length, characters, province code, birth date (real and
    /// not after `today`), check character. Surrounding whitespace is ignored; a lower-case `x`
    /// is accepted and stored as `X`.
    pub fn parse(s: &str, today: Date) -> Result<ResidentId, IdError> {
        ResidentId::parse_inner(s, Some(today))
    }

    fn parse_inner(s: &str, today: Option<Date>) -> Result<ResidentId, IdError> {
        let s = s.trim();
        let length = s.chars().count();
        if length != 18 {
            return Err(IdError::WrongLength { length });
        }
        let mut number = String::with_capacity(18);
        for (i, c) in s.chars().enumerate() {
            match c {
                'x' | 'X' if i == 17 => number.push('X'),
                '0'..='9' => number.push(c),
                _ => return Err(IdError::InvalidCharacter { position: i + 1 }),
            }
        }
        // All 18 characters are ASCII now, so byte positions are character positions.
        let b = number.as_bytes();
        let province = (b[0] - b'0') * 10 + (b[1] - b'0');
        if !PROVINCES.contains(&province) {
            return Err(IdError::InvalidRegion);
        }
        let birth = Date::parse_compact(&number[6..14]).map_err(|_| IdError::InvalidBirthDate)?;
        if today.is_some_and(|t| birth > t) {
            return Err(IdError::BirthDateInFuture);
        }
        if check_char(&b[..17]) != b[17] {
            return Err(IdError::ChecksumMismatch);
        }
        let sex = if (b[16] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        };
        Ok(ResidentId { number, birth, sex })
    }

    /// Date of birth.
    pub fn birth_date(&self) -> Date {
        self.birth
    }

    /// Sex from the 17th digit.
    pub fn sex(&self) -> Sex {
        self.sex
    }

    /// Completed years on `date`.
    pub fn age_on(&self, date: Date) -> i32 {
        self.birth.years_until(date)
    }

    /// The 6-digit region code.
    pub fn region_code(&self) -> &str {
        &self.number[..6]
    }

    /// First 4 and last 4 characters with stars between: `4205**********123X`.
    pub fn masked(&self) -> String {
        format!("{}**********{}", &self.number[..4], &self.number[14..])
    }

    /// The full number, for encryption at rest or a keyed hash. Never show or log it.
    pub fn expose(&self) -> &str {
        &self.number
    }
}

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResidentId({})", self.masked())
    }
}

/// Serialised as the full number (for the server, which encrypts it at rest).
impl Serialize for ResidentId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.number)
    }
}

/// Deserialising checks everything except "not in the future" (no clock in this crate); call
/// [`ResidentId::parse`] with today's date where that matters.
impl<'de> Deserialize<'de> for ResidentId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        ResidentId::parse_inner(&s, None).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2024-06-01").unwrap()
    }

    #[test]
    fn accepts_the_standard_examples() {
        let a = ResidentId::parse("11010519491231002X", today()).unwrap();
        assert_eq!(a.birth_date(), Date::parse("1949-12-31").unwrap());
        assert_eq!(a.sex(), Sex::Female);
        assert_eq!(a.age_on(today()), 74);
        assert_eq!(a.masked(), "1101**********002X");
        let b = ResidentId::parse("440524188001010014", today()).unwrap();
        assert_eq!(b.sex(), Sex::Male);
        assert_eq!(b.birth_date(), Date::parse("1880-01-01").unwrap());
        assert_eq!(b.region_code(), "440524");
    }

    #[test]
    fn normalises_lower_case_x_and_masks_in_debug() {
        let a = ResidentId::parse(" 11010519491231002x ", today()).unwrap();
        assert_eq!(a.expose(), "11010519491231002X");
        assert_eq!(format!("{a}"), "1101**********002X");
        assert!(!format!("{a:?}").contains("19491231"));
    }

    #[test]
    fn rejects_each_kind_of_error() {
        let t = today();
        assert_eq!(
            ResidentId::parse("1101051949123100", t),
            Err(IdError::WrongLength { length: 16 })
        );
        assert_eq!(
            ResidentId::parse("11010519491231002Y", t),
            Err(IdError::InvalidCharacter { position: 18 })
        );
        assert_eq!(
            ResidentId::parse("1101051949X231002X", t),
            Err(IdError::InvalidCharacter { position: 11 })
        );
        assert_eq!(
            ResidentId::parse("1１010519491231002X", t),
            Err(IdError::InvalidCharacter { position: 2 })
        );
        assert_eq!(
            ResidentId::parse("99010519491231002X", t),
            Err(IdError::InvalidRegion)
        );
        assert_eq!(
            ResidentId::parse("110105194902300021", t),
            Err(IdError::InvalidBirthDate)
        );
        assert_eq!(
            ResidentId::parse("110105194912310021", t),
            Err(IdError::ChecksumMismatch)
        );
        // A real checksum but a birth date after "today".
        let future = with_check("11010520300101002");
        assert_eq!(
            ResidentId::parse(&future, t),
            Err(IdError::BirthDateInFuture)
        );
        assert!(ResidentId::parse(&future, Date::parse("2030-01-01").unwrap()).is_ok());
    }

    #[test]
    fn every_province_code_in_the_list_is_accepted() {
        for p in PROVINCES {
            let id = with_check(&format!("{p:02}010519491231002"));
            assert!(ResidentId::parse(&id, today()).is_ok(), "{p}");
        }
        for p in [
            10, 16, 20, 24, 30, 38, 40, 47, 49, 55, 60, 66, 70, 72, 80, 83, 90,
        ] {
            let id = with_check(&format!("{p:02}010519491231002"));
            assert_eq!(
                ResidentId::parse(&id, today()),
                Err(IdError::InvalidRegion),
                "{p}"
            );
        }
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let e = IdError::ChecksumMismatch;
        assert!(e.message_zh().contains("校验码"));
        assert!(e.message_en().contains("check character"));
    }

    fn with_check(first17: &str) -> String {
        with_check_character(first17).unwrap()
    }

    #[test]
    fn the_check_character_is_appended_to_exactly_17_digits() {
        assert_eq!(
            with_check_character("42011219520308424").as_deref(),
            Some("420112195203084243")
        );
        assert_eq!(with_check_character("4201121952030842"), None);
        assert_eq!(with_check_character("42011219520308X24"), None);
    }
}
