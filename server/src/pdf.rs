//! A small PDF 1.4 writer for one-page Chinese documents such as certificates.
//!
//! Text uses the standard Adobe-GB1 CJK font STSong-Light with the UniGB-UCS2-H encoding: PDF
//! readers supply that font themselves, so nothing is embedded and a page stays a few kB. A
//! ToUnicode map makes the text searchable and copyable. Graphics are filled rectangles and
//! lines (rules, table borders, the modules of a QR code).

use std::fmt::Write;

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.0;
pub const PAGE_HEIGHT: f32 = 842.0;

/// One page's drawing operations.
#[derive(Default)]
pub struct Page {
    ops: String,
}

impl Page {
    pub fn new() -> Page {
        Page::default()
    }

    /// Text with its baseline starting at (x, y), in points from the bottom left.
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str) {
        let _ = writeln!(
            self.ops,
            "BT /F1 {size:.1} Tf {x:.2} {y:.2} Td <{}> Tj ET",
            ucs2_hex(text)
        );
    }

    /// Text centred on `cx`.
    pub fn text_centered(&mut self, cx: f32, y: f32, size: f32, text: &str) {
        self.text(cx - width(size, text) / 2.0, y, size, text);
    }

    /// Text wrapped to `max_width`, first baseline at `y`; returns the baseline below the last line.
    pub fn paragraph(&mut self, x: f32, y: f32, size: f32, max_width: f32, text: &str) -> f32 {
        let mut y = y;
        for line in wrap(size, max_width, text) {
            self.text(x, y, size, &line);
            y -= size * 1.6;
        }
        y
    }

    /// A filled black rectangle.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let _ = writeln!(self.ops, "{x:.2} {y:.2} {w:.2} {h:.2} re f");
    }

    /// A straight line.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        let _ = writeln!(
            self.ops,
            "{width:.2} w {x1:.2} {y1:.2} m {x2:.2} {y2:.2} l S"
        );
    }
}

/// The advance of `text` at `size`: CJK characters are one em, the others half an em (the
/// widths the font dictionary declares).
pub fn width(size: f32, text: &str) -> f32 {
    text.chars().map(|c| char_width(c) * size).sum()
}

fn char_width(c: char) -> f32 {
    if (c as u32) < 0x7f { 0.5 } else { 1.0 }
}

/// Breaks text into lines no wider than `max_width` (at any character: Chinese has no spaces).
pub fn wrap(size: f32, max_width: f32, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = char_width(c) * size;
        if used + w > max_width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// UCS-2 big-endian hex; characters outside the Basic Multilingual Plane become `?`.
fn ucs2_hex(text: &str) -> String {
    text.chars()
        .map(|c| {
            let code = u32::from(c);
            format!("{:04X}", if code > 0xFFFF { u32::from('?') } else { code })
        })
        .collect()
}

/// A text string for the document information dictionary (UTF-16BE with its byte-order mark).
fn info_string(text: &str) -> String {
    let mut hex = String::from("FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(hex, "{unit:04X}");
    }
    format!("<{hex}>")
}

const TO_UNICODE: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
1 beginbfrange <0000> <FFFF> <0000> endbfrange\n\
endcmap CMapName currentdict /CMap defineresource pop end end\n";

/// The finished one-page document.
pub fn document(page: &Page, title: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
             /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ),
        stream(&page.ops),
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H \
         /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>"
            .to_string(),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> \
         /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>"
            .to_string(),
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 \
         /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 \
         /CapHeight 880 /StemV 93 >>"
            .to_string(),
        stream(TO_UNICODE),
        format!(
            "<< /Title {} /Producer (Dongxihu civil affairs self-service) >>",
            info_string(title)
        ),
    ];
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = write!(table, "{o:010} 00000 n \n");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R /Info {} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1,
        objects.len()
    );
    out.extend_from_slice(table.as_bytes());
    out
}

fn stream(content: &str) -> String {
    format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

/// Draws a QR code for `text` with its top-left corner at (x, top), `size` points wide.
pub fn qr_code(page: &mut Page, x: f32, top: f32, size: f32, text: &str) {
    let Ok(qr) = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Medium) else {
        return;
    };
    let n = qr.size();
    let module = size / (n + 8) as f32; // a four-module quiet zone on each side
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if !qr.get_module(col, row) {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && qr.get_module(col, row) {
                col += 1;
            }
            page.rect(
                x + (start + 4) as f32 * module,
                top - (row + 5) as f32 * module,
                (col - start) as f32 * module,
                module,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cross_reference_table_points_at_every_object() {
        let mut page = Page::new();
        page.text(50.0, 800.0, 12.0, "志愿服务记录证明 ABC");
        qr_code(
            &mut page,
            400.0,
            200.0,
            120.0,
            "https://example.org/verify/X",
        );
        let pdf = document(&page, "证明");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        // Offsets count bytes (the binary comment in the header is not UTF-8).
        let table = String::from_utf8_lossy(&pdf[start..]);
        assert!(table.starts_with("xref"));
        for (i, line) in table.lines().skip(3).take(9).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            assert!(
                pdf[offset..].starts_with(format!("{} 0 obj", i + 1).as_bytes()),
                "object {}",
                i + 1
            );
        }
        // The text is in UCS-2: 志 is U+5FD7.
        assert!(text.contains("<5FD7"));
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width() {
        let lines = wrap(
            10.0,
            100.0,
            "兹证明志愿者在东西湖区参加志愿服务共计十二小时三十分钟。",
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(10.0, l) <= 100.0));
        assert_eq!(
            lines.concat(),
            "兹证明志愿者在东西湖区参加志愿服务共计十二小时三十分钟。"
        );
    }
}
