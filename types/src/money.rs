//! Money as integer fen (分; 1 yuan = 100 fen): display with thousands separators, parsing what a
//! person types, and the capital numerals (大写金额) printed on Chinese receipts.
//!
//! Pure functions without dependencies, used both on the server and in the browser.

/// The largest amount `parse_yuan` accepts: 10^13 fen (100 billion yuan). A guard against
/// overflow only; the real per-donation limit is checked elsewhere.
pub const PARSE_LIMIT_FEN: i64 = 10_000_000_000_000;

/// `"1,234.50"` and `925,800`: the engine's one format (`policy::text`), for pages and documents.
pub use policy::text::{grouped, yuan};

/// An amount with its unit for a page: `1,234.50 元` (a no-break space, so amount and unit stay
/// on one line in narrow columns) or `¥1,234.50`.
pub fn amount(l: crate::i18n::Locale, fen: i64) -> String {
    match l {
        crate::i18n::Locale::Zh => format!("{}\u{a0}元", yuan(fen)),
        crate::i18n::Locale::En => format!("¥{}", yuan(fen)),
    }
}

/// Why a typed amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Nothing was typed.
    Empty,
    /// Not a number (letters, misplaced separators, several points…).
    NotANumber,
    /// More than two decimals that are not zero.
    FractionOfFen,
    /// Zero or negative.
    NotPositive,
    /// Above [`PARSE_LIMIT_FEN`].
    TooLarge,
}

impl AmountError {
    /// The message in Chinese.
    pub fn zh(&self) -> &'static str {
        match self {
            AmountError::Empty => "请输入金额",
            AmountError::NotANumber => "金额格式不正确，请输入数字，例如 100 或 12.50",
            AmountError::FractionOfFen => "金额最多精确到分（小数点后两位）",
            AmountError::NotPositive => "金额必须大于零",
            AmountError::TooLarge => "金额过大，请核对后重新输入",
        }
    }

    /// The message in English.
    pub fn en(&self) -> &'static str {
        match self {
            AmountError::Empty => "Please enter an amount",
            AmountError::NotANumber => "That is not an amount: type a number such as 100 or 12.50",
            AmountError::FractionOfFen => "Amounts go to the fen at most (two decimals)",
            AmountError::NotPositive => "The amount must be greater than zero",
            AmountError::TooLarge => "The amount is too large; please check it",
        }
    }
}

impl std::fmt::Display for AmountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.en())
    }
}

impl std::error::Error for AmountError {}

/// Parses an amount in yuan as a person types it, into fen.
///
/// Accepted: surrounding spaces, a `¥`/`￥` prefix, a trailing `元`, a `+`/`-` sign (negative
/// amounts are refused as [`AmountError::NotPositive`]), full-width digits, point and comma,
/// commas as thousands separators (in groups of three, so `12,34` is refused rather than
/// misread), and up to two decimals; further decimals are accepted only when they are zeros.
pub fn parse_yuan(text: &str) -> Result<i64, AmountError> {
    // Fold full-width characters to ASCII first.
    let folded: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '＋' => '+',
            '￥' => '¥',
            other => other,
        })
        .collect();
    let mut rest = folded.trim();
    rest = rest.strip_suffix('元').unwrap_or(rest).trim_end();
    // Sign and currency sign in either order: "-¥5", "¥-5".
    let mut negative = false;
    let mut signed = false;
    let mut currency = false;
    loop {
        if !signed && let Some(r) = rest.strip_prefix(['-', '+']) {
            negative = rest.starts_with('-');
            signed = true;
            rest = r.trim_start();
        } else if !currency && let Some(r) = rest.strip_prefix('¥') {
            currency = true;
            rest = r.trim_start();
        } else {
            break;
        }
    }
    if rest.is_empty() {
        return Err(if signed || currency {
            AmountError::NotANumber
        } else {
            AmountError::Empty
        });
    }

    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    if !valid_whole(whole) {
        return Err(AmountError::NotANumber);
    }
    let fraction = fraction.unwrap_or("");
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || (whole.is_empty() && fraction.is_empty()) {
        return Err(AmountError::NotANumber);
    }
    if fraction.bytes().skip(2).any(|b| b != b'0') {
        return Err(AmountError::FractionOfFen);
    }

    // The value, or None once it passes the limit (long strings of digits cannot overflow).
    let mut fen: Option<i64> = Some(0);
    for b in whole.bytes().filter(u8::is_ascii_digit) {
        fen = fen
            .and_then(|v| v.checked_mul(10))
            .and_then(|v| v.checked_add(i64::from(b - b'0')))
            .filter(|v| *v <= PARSE_LIMIT_FEN);
    }
    let mut cents = fraction.bytes().chain([b'0', b'0']).take(2);
    let jiao = i64::from(cents.next().unwrap_or(b'0') - b'0');
    let fen_digit = i64::from(cents.next().unwrap_or(b'0') - b'0');
    let fen = fen
        .and_then(|v| v.checked_mul(100))
        .and_then(|v| v.checked_add(jiao * 10 + fen_digit));
    match fen {
        Some(0) => Err(AmountError::NotPositive),
        _ if negative => Err(AmountError::NotPositive),
        Some(v) if v <= PARSE_LIMIT_FEN => Ok(v),
        _ => Err(AmountError::TooLarge),
    }
}

/// Digits, optionally with commas between groups of three (the first group one to three
/// digits). The empty string is valid (".5").
fn valid_whole(whole: &str) -> bool {
    if !whole.contains(',') {
        return whole.bytes().all(|b| b.is_ascii_digit());
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// The amount in Chinese capital numerals as written on receipts and cheques, for example
/// 123456 fen → "壹仟贰佰叁拾肆元伍角陆分", 1050 → "壹拾元伍角整", 5 → "伍分", 0 → "零元整".
///
/// Meant for |fen| < 10^16; negatives get the prefix "负". A run of zeros inside the integer
/// part is one 零; zeros at the end of a four-digit group are not written, and where the next
/// group starts with a non-zero digit no 零 is written either (壹拾万柒仟元, the first form the
/// payment rules show). "整" closes an amount whose fen digit is 0.
pub fn capital(fen: i64) -> String {
    let magnitude = fen.unsigned_abs();
    let whole = magnitude / 100;
    let jiao = (magnitude / 10 % 10) as usize;
    let fen_digit = (magnitude % 10) as usize;
    let mut out = String::new();
    if fen < 0 {
        out.push('负');
    }
    if whole > 0 {
        integer(whole, &mut out);
        out.push('元');
    } else if jiao == 0 && fen_digit == 0 {
        out.push_str("零元");
    }
    if jiao > 0 {
        out.push(DIGITS[jiao]);
        out.push('角');
    } else if fen_digit > 0 && whole > 0 {
        out.push('零');
    }
    if fen_digit > 0 {
        out.push(DIGITS[fen_digit]);
        out.push('分');
    } else {
        out.push('整');
    }
    out
}

/// A positive integer: 亿 sections above 万 sections above four-digit groups.
fn integer(n: u64, out: &mut String) {
    const WAN: u64 = 10_000;
    const YI: u64 = 100_000_000;
    let (unit, base) = if n >= YI {
        ('亿', YI)
    } else if n >= WAN {
        ('万', WAN)
    } else {
        group(n, out);
        return;
    };
    integer(n / base, out);
    out.push(unit);
    let rest = n % base;
    if rest > 0 {
        // The lower part starts with zeros: one 零 stands for them.
        if rest < base / 10 {
            out.push('零');
        }
        integer(rest, out);
    }
}

/// 1..=9999 with 仟佰拾, one 零 for inner zeros and none at the end.
fn group(n: u64, out: &mut String) {
    const UNITS: [&str; 4] = ["仟", "佰", "拾", ""];
    let digits = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let mut started = false;
    let mut zero = false;
    for (d, unit) in digits.into_iter().zip(UNITS) {
        if d == 0 {
            zero = started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push(DIGITS[d as usize]);
        out.push_str(unit);
        started = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_has_separators_and_two_decimals() {
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(1), "0.01");
        assert_eq!(yuan(10), "0.10");
        assert_eq!(yuan(100), "1.00");
        assert_eq!(yuan(99_999), "999.99");
        assert_eq!(yuan(100_000), "1,000.00");
        assert_eq!(yuan(123_450), "1,234.50");
        assert_eq!(yuan(123_456_789), "1,234,567.89");
        assert_eq!(yuan(100_000_000), "1,000,000.00");
        assert_eq!(yuan(-123_450), "-1,234.50");
        assert_eq!(yuan(-5), "-0.05");
        assert_eq!(yuan(i64::MIN), "-92,233,720,368,547,758.08");
        assert_eq!(yuan(i64::MAX), "92,233,720,368,547,758.07");
    }

    #[test]
    fn parse_plain_amounts() {
        assert_eq!(parse_yuan("12"), Ok(1200));
        assert_eq!(parse_yuan("12.3"), Ok(1230));
        assert_eq!(parse_yuan("12.30"), Ok(1230));
        assert_eq!(parse_yuan("12.05"), Ok(1205));
        assert_eq!(parse_yuan("0.01"), Ok(1));
        assert_eq!(parse_yuan(".5"), Ok(50));
        assert_eq!(parse_yuan("12."), Ok(1200));
        assert_eq!(parse_yuan("007"), Ok(700));
        assert_eq!(
            parse_yuan("12.300"),
            Ok(1230),
            "zeros past the fen are exact"
        );
    }

    #[test]
    fn parse_decorations_and_full_width() {
        assert_eq!(parse_yuan("¥1,234.56"), Ok(123_456));
        assert_eq!(parse_yuan("￥1,234,567"), Ok(123_456_700));
        assert_eq!(parse_yuan("¥ 50"), Ok(5000));
        assert_eq!(parse_yuan("０．５"), Ok(50));
        assert_eq!(parse_yuan("１２３"), Ok(12_300));
        assert_eq!(parse_yuan("１，０００元"), Ok(100_000));
        assert_eq!(parse_yuan(" 8 元 "), Ok(800));
        assert_eq!(parse_yuan("\u{3000}8元\u{3000}"), Ok(800));
        assert_eq!(parse_yuan("+5"), Ok(500));
        assert_eq!(parse_yuan("¥20元"), Ok(2000));
    }

    #[test]
    fn parse_refusals() {
        assert_eq!(parse_yuan(""), Err(AmountError::Empty));
        assert_eq!(parse_yuan("   "), Err(AmountError::Empty));
        assert_eq!(parse_yuan("元"), Err(AmountError::Empty));
        assert_eq!(parse_yuan("¥"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("abc"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("12a"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("1.2.3"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("."), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("1 000"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("12,34"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("1234,567"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan(",123"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("1,234.5,6"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("1e5"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("--5"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("12.345"), Err(AmountError::FractionOfFen));
        assert_eq!(parse_yuan("0.001"), Err(AmountError::FractionOfFen));
        assert_eq!(parse_yuan("0"), Err(AmountError::NotPositive));
        assert_eq!(parse_yuan("0.00"), Err(AmountError::NotPositive));
        assert_eq!(parse_yuan("-5"), Err(AmountError::NotPositive));
        assert_eq!(parse_yuan("-¥5"), Err(AmountError::NotPositive));
        assert_eq!(parse_yuan("¥-5"), Err(AmountError::NotPositive));
        assert_eq!(parse_yuan("－５"), Err(AmountError::NotPositive));
    }

    #[test]
    fn parse_limit() {
        assert_eq!(parse_yuan("100000000000"), Ok(PARSE_LIMIT_FEN));
        assert_eq!(parse_yuan("100000000000.01"), Err(AmountError::TooLarge));
        assert_eq!(
            parse_yuan("99999999999999999999999999"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            parse_yuan("99999999999999999999999999x"),
            Err(AmountError::NotANumber)
        );
    }

    #[test]
    fn messages_exist_in_both_languages() {
        for e in [
            AmountError::Empty,
            AmountError::NotANumber,
            AmountError::FractionOfFen,
            AmountError::NotPositive,
            AmountError::TooLarge,
        ] {
            assert!(!e.zh().is_empty() && !e.en().is_empty());
            assert_eq!(e.to_string(), e.en());
        }
        assert_eq!(
            AmountError::FractionOfFen.zh(),
            "金额最多精确到分（小数点后两位）"
        );
    }

    #[test]
    fn capital_below_one_yuan() {
        assert_eq!(capital(0), "零元整");
        assert_eq!(capital(1), "壹分");
        assert_eq!(capital(5), "伍分");
        assert_eq!(capital(10), "壹角整");
        assert_eq!(capital(30), "叁角整");
        assert_eq!(capital(99), "玖角玖分");
    }

    #[test]
    fn capital_yuan_with_jiao_and_fen() {
        assert_eq!(capital(100), "壹元整");
        assert_eq!(capital(1000), "壹拾元整");
        assert_eq!(capital(1050), "壹拾元伍角整");
        assert_eq!(capital(1005), "壹拾元零伍分");
        assert_eq!(capital(10_010), "壹佰元壹角整");
        assert_eq!(capital(123_456), "壹仟贰佰叁拾肆元伍角陆分");
        assert_eq!(capital(123_450), "壹仟贰佰叁拾肆元伍角整");
        assert_eq!(capital(168_032), "壹仟陆佰捌拾元叁角贰分");
    }

    #[test]
    fn capital_zeros_inside_the_integer_part() {
        assert_eq!(capital(100_100), "壹仟零壹元整");
        assert_eq!(capital(10_100), "壹佰零壹元整");
        assert_eq!(capital(101_000), "壹仟零壹拾元整");
        assert_eq!(capital(999_900), "玖仟玖佰玖拾玖元整");
        assert_eq!(capital(1_000_000), "壹万元整");
        assert_eq!(capital(1_000_001), "壹万元零壹分");
        assert_eq!(capital(1_001_000), "壹万零壹拾元整");
        assert_eq!(capital(1_000_100), "壹万零壹元整");
        assert_eq!(capital(10_700_053), "壹拾万柒仟元伍角叁分");
        assert_eq!(capital(100_000_000), "壹佰万元整");
        assert_eq!(capital(1_000_000_100), "壹仟万零壹元整");
        assert_eq!(capital(1_000_100_000), "壹仟万壹仟元整");
        assert_eq!(capital(1_010_000_000), "壹仟零壹拾万元整");
    }

    #[test]
    fn capital_yi() {
        assert_eq!(capital(10_000_000_000), "壹亿元整");
        assert_eq!(capital(10_000_000_100), "壹亿零壹元整");
        assert_eq!(capital(10_001_000_000), "壹亿零壹万元整");
        // The 万 group is all zeros and left out.
        assert_eq!(capital(10_000_123_400), "壹亿零壹仟贰佰叁拾肆元整");
        assert_eq!(
            capital(12_345_678_900),
            "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整"
        );
        assert_eq!(capital(100_000_000_000), "壹拾亿元整");
        assert_eq!(capital(100_000_000_000_000), "壹万亿元整");
        assert_eq!(
            capital(9_999_999_999_999_999),
            "玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"
        );
    }

    #[test]
    fn capital_negative() {
        assert_eq!(capital(-123_450), "负壹仟贰佰叁拾肆元伍角整");
        assert_eq!(capital(-5), "负伍分");
        assert!(capital(i64::MIN).starts_with('负'));
    }

    #[test]
    fn parse_then_display_round_trip() {
        for fen in [1, 99, 100, 123_456, 100_000_000, PARSE_LIMIT_FEN] {
            assert_eq!(parse_yuan(&yuan(fen)), Ok(fen));
            assert_eq!(parse_yuan(&format!("¥{}", yuan(fen))), Ok(fen));
        }
    }
}
