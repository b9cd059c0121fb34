//! Bilingual text (Chinese first, English second) and the fixed sentences every result carries.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Text that is usually a compile-time constant but may be built at run time.
pub type Text = Cow<'static, str>;

/// A sentence in Chinese (zh-CN, shown first) and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    /// Simplified Chinese.
    pub zh: Text,
    /// English.
    pub en: Text,
}

impl Bilingual {
    /// Two constant strings.
    pub const fn new(zh: &'static str, en: &'static str) -> Bilingual {
        Bilingual {
            zh: Cow::Borrowed(zh),
            en: Cow::Borrowed(en),
        }
    }

    /// Two strings built at run time.
    pub fn owned(zh: String, en: String) -> Bilingual {
        Bilingual {
            zh: Cow::Owned(zh),
            en: Cow::Owned(en),
        }
    }
}

/// Shown with every result: the engine estimates, the street office decides.
pub const DISCLAIMER: Bilingual = Bilingual::new(
    "可能符合；街道在家庭经济状况核对后决定",
    "likely eligible; the street office decides after the household economic check",
);

/// Shown wherever a figure is a placeholder rather than a published amount.
pub const PLACEHOLDER_NOTICE: Bilingual = Bilingual::new(
    "示例值，以街道/民政局核定为准",
    "illustrative value, to be confirmed by the bureau",
);

/// The household economic check behind every means-tested decision (plan 一(一)1).
pub const ECONOMIC_CHECK_NOTE: Bilingual = Bilingual::new(
    "自测仅为估算：申请后将与16个部门联网核对家庭收入、财产和支出等30项数据。",
    "This is only an estimate: after you apply, 30 data items on income, assets and spending \
     are checked with 16 departments.",
);

/// Formats an amount of fen as yuan: thousands separators, always two decimals, a leading `-`
/// for negatives, e.g. `123450` → `"1,234.50"`. The one money format of the product (the
/// engine's explanations, the pages, the documents).
pub fn yuan(fen: i64) -> String {
    Yuan(fen).to_string()
}

/// Displays an amount of fen as [`yuan`] does, without allocating: `Yuan(91000)` → `910.00`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Yuan(pub i64);

impl std::fmt::Display for Yuan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let abs = self.0.unsigned_abs();
        if self.0 < 0 {
            f.write_str("-")?;
        }
        write!(f, "{}.{:02}", Grouped(abs / 100), abs % 100)
    }
}

/// `925800` → `925,800`: digits grouped by thousands, a leading `-` for negatives.
pub fn grouped(n: i64) -> String {
    let mut out = Grouped(n.unsigned_abs()).to_string();
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// Displays a whole number with its digits grouped by thousands.
struct Grouped(u64);

impl std::fmt::Display for Grouped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            n @ 0..1000 => write!(f, "{n}"),
            n => write!(f, "{},{:03}", Grouped(n / 1000), n % 1000),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_yuan() {
        assert_eq!(yuan(91000), "910.00");
        assert_eq!(yuan(1), "0.01");
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(-250), "-2.50");
        assert_eq!(yuan(123_456_789), "1,234,567.89");
        assert_eq!(yuan(100_000), "1,000.00");
        assert_eq!(yuan(99_999), "999.99");
        assert_eq!(yuan(-100_000_005), "-1,000,000.05");
        assert_eq!(yuan(i64::MIN), "-92,233,720,368,547,758.08");
        assert_eq!(grouped(925_800), "925,800");
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(-1_000), "-1,000");
    }
}
