//! PDF donation receipts (慈善捐赠收据, 《慈善法》第三十八条) and a donor's yearly statement
//! (年度捐赠汇总), drawn with the crate's one-page PDF writer.

use crate::pdf::{PAGE_WIDTH, Page, document, qr_code, width, wrap};
use types::money::{capital, yuan};

/// Everything printed on one receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// Set when the donation was refunded: the receipt is printed as void, with the day.
    pub voided_on: Option<String>,
    pub number: String,
    pub verification_code: String,
    /// Where anyone can check the receipt; also drawn as a QR code.
    pub verify_url: String,
    /// Full name as the donor gave it.
    pub donor: String,
    /// The kind of property donated, e.g. "货币".
    pub kind_zh: String,
    pub amount_fen: i64,
    pub project_title: String,
    /// The project's filing number (备案编号).
    pub filing_no: String,
    pub charity_name: String,
    /// Unified social credit code (统一社会信用代码).
    pub charity_registration: String,
    /// The staff member who handled the donation (经办人).
    pub handler: String,
    /// YYYY-MM-DD.
    pub date: String,
}

/// One receipt on a yearly statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// Set when the donation was refunded: listed as such, not counted in the totals.
    pub voided_on: Option<String>,
    pub date: String,
    pub number: String,
    pub project_title: String,
    pub amount_fen: i64,
}

/// A donor's receipts of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub year: i32,
    pub donor: String,
    pub charity_name: String,
    pub charity_registration: String,
    pub lines: Vec<StatementLine>,
    pub issued_on: String,
}

const LEFT: f32 = 64.0;
const RIGHT: f32 = PAGE_WIDTH - 64.0;

/// At most `max` wrapped lines; the last one ends in "…" when text was cut.
fn clipped(size: f32, max_width: f32, text: &str, max: usize) -> Vec<String> {
    let text = if text.trim().is_empty() {
        "—"
    } else {
        text.trim()
    };
    let mut lines = wrap(size, max_width, text);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && width(size, last) + size > max_width {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// The amount as printed in figures: "人民币 ¥1,234.50".
fn figures(fen: i64) -> String {
    format!("人民币 ¥{}", yuan(fen))
}

/// The receipt for one donation.
pub fn receipt(r: &Receipt) -> Vec<u8> {
    let mut p = Page::new();
    p.text_centered(PAGE_WIDTH / 2.0, 770.0, 26.0, "慈善捐赠收据");
    p.text_centered(PAGE_WIDTH / 2.0, 748.0, 11.0, "Charitable Donation Receipt");
    let number = format!("收据编号：{}", r.number);
    let date = format!("日期：{}", r.date);
    p.text(LEFT, 712.0, 11.0, &number);
    p.text(RIGHT - width(11.0, &date), 712.0, 11.0, &date);
    if let Some(day) = &r.voided_on {
        p.text_centered(
            PAGE_WIDTH / 2.0,
            728.0,
            14.0,
            &format!("【已作废】该笔捐款已于 {day} 退款 VOID: refunded on {day}"),
        );
    }

    let property = if r.kind_zh.trim() == "货币" {
        format!("货币　{}", figures(r.amount_fen))
    } else {
        format!("{}　折合{}", r.kind_zh.trim(), figures(r.amount_fen))
    };
    let words = format!("人民币{}", capital(r.amount_fen));
    // Label, value and the most lines the value may take, so that the table keeps clear of
    // the verification block below it.
    let rows = [
        ("捐赠人", r.donor.as_str(), 2),
        ("捐赠财产", property.as_str(), 2),
        ("金额（大写）", words.as_str(), 2),
        ("捐赠项目", r.project_title.as_str(), 3),
        ("项目备案编号", r.filing_no.as_str(), 1),
        ("慈善组织名称", r.charity_name.as_str(), 2),
        ("统一社会信用代码", r.charity_registration.as_str(), 1),
        ("经办人", r.handler.as_str(), 1),
    ];
    // A bordered two-column table.
    let (size, leading) = (12.0, 19.2);
    let split = LEFT + 120.0;
    let value_width = RIGHT - split - 16.0;
    let top = 700.0;
    let mut y = top;
    p.line(LEFT, y, RIGHT, y, 0.8);
    for (label, value, max) in rows {
        let lines = clipped(size, value_width, value, max);
        p.text(LEFT + 8.0, y - 20.0, size, label);
        for (i, line) in lines.iter().enumerate() {
            p.text(split + 8.0, y - 20.0 - i as f32 * leading, size, line);
        }
        y -= 12.0 + leading * lines.len() as f32;
        p.line(LEFT, y, RIGHT, y, 0.6);
    }
    for x in [LEFT, split, RIGHT] {
        p.line(x, top, x, y, if x == split { 0.6 } else { 0.8 });
    }

    y = p.paragraph(
        LEFT,
        y - 28.0,
        11.0,
        RIGHT - LEFT,
        "本收据由上述慈善组织依据《中华人民共和国慈善法》第三十八条向捐赠人开具。感谢您对慈善事业的支持！",
    );

    // Verification: code, explanation and URL on the left, the QR code on the right.
    let qr_size = 120.0;
    let qr_top = (y - 12.0).min(260.0);
    let text_width = RIGHT - qr_size - 16.0 - LEFT;
    p.text(
        LEFT,
        qr_top - 22.0,
        14.0,
        &format!("验证码：{}", r.verification_code),
    );
    let y = p.paragraph(
        LEFT,
        qr_top - 46.0,
        10.5,
        text_width,
        "扫描右侧二维码，或访问下列网址，核对收据编号和验证码，即可查验本收据的真实性：",
    );
    p.paragraph(LEFT, y, 9.5, text_width, &r.verify_url);
    qr_code(&mut p, RIGHT - qr_size, qr_top, qr_size, &r.verify_url);
    p.text_centered(
        RIGHT - qr_size / 2.0,
        qr_top - qr_size - 12.0,
        9.5,
        "扫码查验",
    );
    document(&p, &format!("慈善捐赠收据 {}", r.number))
}

/// A donor's yearly statement: one line per receipt, the total in figures and in capital
/// numerals. Lines that do not fit the page are counted in the total and noted.
pub fn statement(s: &Statement) -> Vec<u8> {
    let mut p = Page::new();
    p.text_centered(
        PAGE_WIDTH / 2.0,
        770.0,
        22.0,
        &format!("{}年度捐赠汇总", s.year),
    );
    p.text_centered(PAGE_WIDTH / 2.0, 748.0, 11.0, "Annual Donation Statement");
    let mut y = 712.0;
    for text in [
        format!("捐赠人：{}", s.donor.trim()),
        format!("慈善组织名称：{}", s.charity_name.trim()),
        format!("统一社会信用代码：{}", s.charity_registration.trim()),
        format!("出具日期：{}", s.issued_on),
    ] {
        for line in clipped(12.0, RIGHT - LEFT, &text, 2) {
            p.text(LEFT, y, 12.0, &line);
            y -= 19.2;
        }
    }
    y = p.paragraph(
        LEFT,
        y - 6.0,
        11.0,
        RIGHT - LEFT,
        &format!("{}年度，本组织向上述捐赠人开具的捐赠收据如下：", s.year),
    );

    // The table: date, receipt number, project, amount (right-aligned).
    let size = 10.5;
    let columns = [LEFT, LEFT + 72.0, LEFT + 200.0];
    let project_width = RIGHT - 100.0 - columns[2];
    let number_width = columns[2] - columns[1] - 8.0;
    y -= 4.0;
    p.line(LEFT, y, RIGHT, y, 0.8);
    y -= 16.0;
    for (x, head) in columns.iter().zip(["日期", "收据编号", "捐赠项目"]) {
        p.text(*x, y, 11.0, head);
    }
    let head = "金额（元）";
    p.text(RIGHT - width(11.0, head), y, 11.0, head);
    y -= 8.0;
    p.line(LEFT, y, RIGHT, y, 0.6);

    // Room kept below the rows for the totals and the note.
    let floor = 200.0;
    let mut shown = 0;
    for l in &s.lines {
        let number = clipped(9.5, number_width, &l.number, 2);
        let project = clipped(size, project_width, &l.project_title, 2);
        let extra = number.len().max(project.len()) - 1;
        let height = 18.0 + 14.0 * extra as f32;
        if y - height < floor {
            break;
        }
        let base = y - 18.0;
        p.text(columns[0], base, 9.5, &l.date);
        for (i, line) in number.iter().enumerate() {
            p.text(columns[1], base - 14.0 * i as f32, 9.5, line);
        }
        for (i, line) in project.iter().enumerate() {
            p.text(columns[2], base - 14.0 * i as f32, size, line);
        }
        let amount = match &l.voided_on {
            Some(day) => format!("已于 {day} 退款"),
            None => yuan(l.amount_fen),
        };
        p.text(RIGHT - width(size, &amount), base, size, &amount);
        y -= height;
        shown += 1;
    }
    y -= 8.0;
    p.line(LEFT, y, RIGHT, y, 0.6);

    let standing = s.lines.iter().filter(|l| l.voided_on.is_none());
    let total = standing
        .clone()
        .fold(0i64, |sum, l| sum.saturating_add(l.amount_fen));
    y -= 18.0;
    let voided = s.lines.len() - standing.count();
    let count = if voided > 0 {
        format!(
            "合计 {} 笔（另有 {voided} 笔已退款，不计入）",
            s.lines.len() - voided
        )
    } else {
        format!("合计 {} 笔", s.lines.len())
    };
    p.text(LEFT, y, 11.0, &count);
    let sum = yuan(total);
    p.text(RIGHT - width(11.0, &sum), y, 11.0, &sum);
    y -= 8.0;
    p.line(LEFT, y, RIGHT, y, 0.8);
    if shown < s.lines.len() {
        y -= 18.0;
        p.text(
            LEFT,
            y,
            10.5,
            &format!("（共 {} 笔，此页列出前 {} 笔）", s.lines.len(), shown),
        );
    }
    y -= 24.0;
    p.text(LEFT, y, 12.0, &format!("全年捐赠合计：{}", figures(total)));
    y -= 20.0;
    let words = format!("大写：人民币{}", capital(total));
    y = p.paragraph(LEFT, y, 12.0, RIGHT - LEFT, &words);
    p.paragraph(
        LEFT,
        y - 8.0,
        10.0,
        RIGHT - LEFT,
        "本汇总根据本组织开具的捐赠收据整理，每笔捐赠以对应的捐赠收据为准；各收据可凭收据编号和验证码在线查验。",
    );
    document(&p, &format!("{}年度捐赠汇总", s.year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_receipt() -> Receipt {
        Receipt {
            voided_on: None,
            number: "JZ202600000042".into(),
            verification_code: "K7M2-QX9P".into(),
            verify_url: "https://example.org/charity/receipts/JZ202600000042?code=K7M2QX9P".into(),
            donor: "欧阳明华".into(),
            kind_zh: "货币".into(),
            amount_fen: 123_450,
            project_title: "东西湖区困境儿童助学与课后陪伴计划（二〇二六年春季学期至秋季学期，覆盖全区各街道社区）".into(),
            filing_no: "53420112MJ0000000X-2026-001".into(),
            charity_name: "武汉市东西湖区慈善会".into(),
            charity_registration: "53420112MJ0000000X".into(),
            handler: "李娟".into(),
            date: "2026-03-08".into(),
        }
    }

    fn sample_statement(n: usize) -> Statement {
        Statement {
            year: 2026,
            donor: "欧阳明华".into(),
            charity_name: "武汉市东西湖区慈善会".into(),
            charity_registration: "53420112MJ0000000X".into(),
            lines: (0..n)
                .map(|i| StatementLine {
                    voided_on: None,
                    date: format!("2026-{:02}-15", i % 12 + 1),
                    number: format!("JZ2026{:08}", i + 1),
                    project_title: if i % 3 == 0 {
                        "东西湖区困境儿童助学与课后陪伴计划（春季学期至秋季学期）".into()
                    } else {
                        "社区助老餐桌".into()
                    },
                    amount_fen: 10_000 + i as i64 * 250,
                })
                .collect(),
            issued_on: "2027-01-10".into(),
        }
    }

    /// How the writer encodes text in the content stream.
    fn ucs2(text: &str) -> String {
        text.chars().map(|c| format!("{:04X}", c as u32)).collect()
    }

    /// The text poppler extracts, or None when `pdftotext` is not installed.
    fn pdf_text(pdf: &[u8], tag: &str) -> Option<String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let path =
            std::env::temp_dir().join(format!("charity-{tag}-{}-{nanos}.pdf", std::process::id()));
        std::fs::write(&path, pdf).ok()?;
        let out = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output();
        std::fs::remove_file(&path).ok();
        let out = out.ok()?;
        assert!(
            out.status.success(),
            "pdftotext: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    #[test]
    fn a_receipt_carries_what_the_law_asks_for() {
        let r = sample_receipt();
        let pdf = receipt(&r);
        assert!(pdf.starts_with(b"%PDF-"));
        let raw = String::from_utf8_lossy(&pdf);
        for needle in [
            "慈善捐赠收据",
            "欧阳明华",
            "壹仟贰佰叁拾肆元伍角整",
            "1,234.50",
            "JZ202600000042",
            "K7M2-QX9P",
            "经办人",
        ] {
            assert!(raw.contains(&ucs2(needle)), "{needle} in the content");
        }
        let Some(text) = pdf_text(&pdf, "receipt") else {
            println!("pdftotext is not installed: skipping the extracted-text checks");
            return;
        };
        for needle in [
            "慈善捐赠收据",
            "收据编号：JZ202600000042",
            "欧阳明华",
            "¥1,234.50",
            "人民币壹仟贰佰叁拾肆元伍角整",
            "53420112MJ0000000X",
            "李娟",
            "2026-03-08",
            "验证码：K7M2-QX9P",
            "扫描右侧二维码",
        ] {
            assert!(text.contains(needle), "{needle} in:\n{text}");
        }
    }

    #[test]
    fn long_receipt_fields_stay_on_the_page() {
        let mut r = sample_receipt();
        r.project_title = "助".repeat(400);
        r.donor = "某".repeat(60);
        r.verify_url = format!("https://example.org/{}", "x".repeat(200));
        let pdf = receipt(&r);
        assert!(pdf.starts_with(b"%PDF-"));
        let raw = String::from_utf8_lossy(&pdf);
        // Every text run starts inside the margins and ends before the right one.
        for line in raw.lines().filter(|l| l.starts_with("BT /F1 ")) {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let size: f32 = parts[2].parse().unwrap();
            let x: f32 = parts[4].parse().unwrap();
            let hex = line.split('<').nth(1).unwrap().split('>').next().unwrap();
            let text: String = hex
                .as_bytes()
                .chunks(4)
                .map(|c| {
                    let code = u32::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap();
                    char::from_u32(code).unwrap()
                })
                .collect();
            assert!(x >= LEFT - 0.01, "{text} starts at {x}");
            assert!(
                x + width(size, &text) <= RIGHT + 0.01,
                "{text} runs past the margin"
            );
        }
    }

    #[test]
    fn a_statement_lists_receipts_and_the_total() {
        let s = sample_statement(3);
        // 100.00 + 102.50 + 105.00
        let pdf = statement(&s);
        assert!(pdf.starts_with(b"%PDF-"));
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains(&ucs2("叁佰零柒元伍角整")));
        assert!(!raw.contains(&ucs2("此页列出前")));
        let Some(text) = pdf_text(&pdf, "statement") else {
            println!("pdftotext is not installed: skipping the extracted-text checks");
            return;
        };
        for needle in [
            "2026年度捐赠汇总",
            "欧阳明华",
            "JZ202600000001",
            "JZ202600000003",
            "102.50",
            "合计 3 笔",
            "307.50",
            "人民币叁佰零柒元伍角整",
        ] {
            assert!(text.contains(needle), "{needle} in:\n{text}");
        }
    }

    #[test]
    fn a_long_statement_notes_what_the_page_leaves_out() {
        let s = sample_statement(80);
        let total: i64 = s.lines.iter().map(|l| l.amount_fen).sum();
        let pdf = statement(&s);
        assert!(pdf.starts_with(b"%PDF-"));
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains(&ucs2(&capital(total))));
        assert!(raw.contains(&ucs2("（共 80 笔，此页列出前 ")));
        assert!(!raw.contains(&ucs2("JZ202600000080")));
        let Some(text) = pdf_text(&pdf, "statement-long") else {
            println!("pdftotext is not installed: skipping the extracted-text checks");
            return;
        };
        assert!(text.contains("（共 80 笔，此页列出前"), "{text}");
        assert!(text.contains(&capital(total)), "{text}");
        assert!(text.contains("JZ202600000001"), "{text}");
    }
}
