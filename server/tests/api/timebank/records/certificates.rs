//! Certificates, their PDF and the public check.

use super::{ask, decide};
use crate::timebank::world::*;
use server::timebank::certificates;
use server::timebank::records;
use server::timebank::store::{ledgers, records as rstore};

on_both_backends!(
    a_certificate_states_the_record_and_verify_tells_genuine_from_forged,
    |app| {
        let w = world(app, 10).await;
        assert_eq!(
            certificates::issue(&w.s, &w.v1, T0)
                .await
                .unwrap_err()
                .code(),
            "no_service_yet"
        );
        checked_in_and_out(&w, &w.v1, T0, T0 + 5400).await;
        confirm_all(&w, T0 + 7200).await;
        let c = certificates::issue(&w.s, &w.v1, T0 + 8000).await.unwrap();
        assert!(c.number.starts_with("ZY2026-"), "{}", c.number);
        assert_eq!(c.total_minutes, 90);
        assert_eq!(c.name_masked, "王**");
        assert!(c.id_masked.contains('*'));
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.lines[0].organization, "吴家山志愿服务站");
        assert_eq!(c.lines[0].category, "elderly");
        assert_eq!(
            (c.lines[0].from.as_str(), c.lines[0].activities),
            ("2026-11-20", 1)
        );

        // Anyone checks it, typed in lower case with spaces too.
        let v = certificates::verify(&w.s, &format!(" {} ", c.number.to_lowercase()))
            .await
            .unwrap();
        assert!(v.genuine && v.current);
        assert_eq!(v.certificate.as_ref(), Some(&c));
        assert_eq!(v.fingerprint.len(), 19);
        let unknown = certificates::verify(&w.s, "ZY2026-AAAA-BBBB")
            .await
            .unwrap();
        assert!(unknown.certificate.is_none() && !unknown.genuine);

        // A certificate whose stored content does not match its seal is not genuine.
        let forged = rstore::certificate_by_number(&w.s.db, &c.number)
            .await
            .unwrap()
            .unwrap();
        rstore::insert_certificate(
            &w.s.db,
            &rstore::CertificateRow {
                number: "ZY2026-FAKE-0001".into(),
                volunteer_id: volunteer_id(&w, &w.v2).await,
                content: forged
                    .content
                    .replace("\"total_minutes\":90", "\"total_minutes\":900"),
                ..forged
            },
        )
        .await
        .unwrap();
        let v = certificates::verify(&w.s, "ZY2026-FAKE-0001")
            .await
            .unwrap();
        assert!(!v.genuine, "a changed content fails its seal");

        // After a correction the certificate is still genuine, but no longer current.
        let v1 = volunteer_id(&w, &w.v1).await;
        let record = ledgers::service_records(&w.s.db, &v1).await.unwrap()[0].id;
        let corr = records::request(&w.s, &w.v1, &ask(record, 120, "实际两小时"), T0 + 9000)
            .await
            .unwrap();
        decide(&w, &w.coord, &corr.id, true, "属实", T0 + 9100)
            .await
            .unwrap();
        let v = certificates::verify(&w.s, &c.number).await.unwrap();
        assert!(v.genuine && !v.current);
        assert_eq!(v.certificate.unwrap().total_minutes, 90, "as issued");
        let newer = certificates::issue(&w.s, &w.v1, T0 + 9200).await.unwrap();
        assert_eq!(newer.total_minutes, 120);
        assert_eq!(
            certificates::mine(&w.s, &w.v1)
                .await
                .unwrap()
                .iter()
                .map(|c| c.total_minutes)
                .collect::<Vec<_>>(),
            [120, 90],
            "newest first"
        );

        // The PDF: only its owner gets it; it carries the masked ID, never the full number.
        let pdf = certificates::pdf(&w.s, &w.v1, &c.number, "https://dxh.example")
            .await
            .unwrap();
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(
            certificates::pdf(&w.s, &w.v2, &c.number, "https://dxh.example")
                .await
                .is_err()
        );
        let text = pdf_text(&pdf);
        if let Some(text) = text {
            assert!(text.contains("志愿服务记录证明"), "{text}");
            assert!(text.contains(&c.number));
            assert!(text.contains(&c.id_masked), "{text}");
            assert!(text.contains("1 小时 30 分"), "{text}");
            assert!(text.contains("吴家山志愿服务站"));
            assert!(text.contains("https://dxh.example/verify/"));
            assert!(!text.contains(&id_number("19580312", "002")));
        }
        let ucs2: String = id_number("19580312", "002")
            .chars()
            .map(|c| format!("{:04X}", c as u32))
            .collect();
        assert!(
            !String::from_utf8_lossy(&pdf).contains(&ucs2),
            "no full ID in the PDF"
        );
    }
);

/// The PDF's text as poppler reads it, when `pdftotext` is installed (the Makefile installs it).
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("cert-{}", uuid_like()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join("c.pdf");
    std::fs::write(&path, pdf).ok()?;
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn uuid_like() -> String {
    format!(
        "{}-{:?}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}
