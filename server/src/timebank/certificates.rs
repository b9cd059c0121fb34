//! Certificates of the volunteer service record (志愿服务记录证明, 第十四至十七条): free, on
//! request, stating the service time, the service content by category and period and the
//! recording units. Each is stored as issued and sealed with a keyed hash, so anyone holding
//! the paper can check at `/verify/{number}` that it is genuine and unchanged; the page shows
//! nothing the certificate does not.

use super::volunteer_of;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::timebank::store::records::{self, CertificateRow};
use crate::timebank::store::volunteers::VolunteerRow;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use types::timebank::{Certificate, CertificateLine, Verification, category_name, hours};

/// The unit issuing certificates.
pub const ISSUER: &str = "武汉市东西湖区民政局";

/// What the volunteer's record says today: total and honour minutes, and lines grouped by
/// recording unit and category.
async fn record_now(
    s: &AppState,
    v: &VolunteerRow,
) -> Result<(i64, i64, Vec<CertificateLine>), ApiError> {
    let honour = records::honour_minutes(&s.db, &v.id).await?;
    let mut lines: Vec<CertificateLine> = Vec::new();
    for a in records::net_by_activity(&s.db, &v.id).await? {
        let date = crate::clock::shanghai_time(a.starts_at)[..10].to_string();
        match lines
            .iter_mut()
            .find(|l| l.organization == a.organization && l.category == a.category)
        {
            Some(l) => {
                l.to = date;
                l.activities += 1;
                l.minutes += a.minutes;
            }
            None => lines.push(CertificateLine {
                organization: a.organization,
                category: a.category,
                from: date.clone(),
                to: date,
                activities: 1,
                minutes: a.minutes,
            }),
        }
    }
    let total = honour + lines.iter().map(|l| l.minutes).sum::<i64>();
    Ok((total, honour, lines))
}

fn seal_with(secret: &str, content: &str) -> String {
    let key = crate::pii::derive_key(secret, b"certificate-seal");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).expect("any key length");
    mac.update(content.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The fingerprint printed on the paper: the seal's first 16 hex digits in groups of four.
fn fingerprint(seal: &str) -> String {
    seal.chars()
        .take(16)
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>().to_uppercase())
        .collect::<Vec<_>>()
        .join("-")
}

fn normalize(number: &str) -> String {
    number
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Issues a certificate of the signed-in volunteer's record as it stands.
pub async fn issue(s: &AppState, user: &AuthUser, now: i64) -> Result<Certificate, ApiError> {
    let me = volunteer_of(s, user).await?;
    let (total, honour, lines) = record_now(s, &me).await?;
    if total <= 0 {
        return Err(super::conflict(
            "no_service_yet",
            "您还没有已确认的服务时长，暂时不能出具证明",
            "You have no confirmed service yet, so there is nothing to certify",
        ));
    }
    let today = crate::clock::shanghai_time(now)[..10].to_string();
    let certificate = Certificate {
        number: format!("ZY{}-{}", &today[..4], crate::text::readable_code()),
        name_masked: me.name_masked.clone(),
        id_masked: me.id_masked.clone(),
        total_minutes: total,
        honour_minutes: honour,
        lines,
        issuer: ISSUER.into(),
        issued_on: today,
    };
    let content = serde_json::to_string(&certificate).expect("a certificate serializes");
    records::insert_certificate(
        &s.db,
        &CertificateRow {
            number: certificate.number.clone(),
            volunteer_id: me.id.clone(),
            seal: seal_with(&s.record_secret, &content),
            content,
            issued_at: now,
        },
    )
    .await?;
    crate::audit::record(
        s,
        &format!("resident:{}", user.account_id),
        "certificate.issue",
        &format!("certificate:{}", certificate.number),
        "ok",
    )
    .await?;
    Ok(certificate)
}

/// The volunteer's certificates, newest first.
pub async fn mine(s: &AppState, user: &AuthUser) -> Result<Vec<Certificate>, ApiError> {
    let me = volunteer_of(s, user).await?;
    Ok(records::certificates_of(&s.db, &me.id)
        .await?
        .iter()
        .filter_map(|c| serde_json::from_str(&c.content).ok())
        .collect())
}

/// Checks a certificate number: the content as issued, whether its seal holds (under the
/// current or a previous secret), and whether the record still says the same.
pub async fn verify(s: &AppState, number: &str) -> Result<Verification, ApiError> {
    let number = normalize(number);
    let Some(row) = records::certificate_by_number(&s.db, &number).await? else {
        return Ok(Verification {
            number,
            certificate: None,
            genuine: false,
            current: false,
            fingerprint: String::new(),
        });
    };
    let genuine = std::iter::once(&s.record_secret)
        .chain(std::iter::once(&s.cfg.secret))
        .chain(s.cfg.secret_previous.iter())
        .any(|secret| seal_with(secret, &row.content) == row.seal);
    let certificate: Option<Certificate> = serde_json::from_str(&row.content).ok();
    let current = match (
        &certificate,
        crate::timebank::store::volunteers::by_id(&s.db, &row.volunteer_id).await?,
    ) {
        (Some(c), Some(v)) => {
            let (total, honour, lines) = record_now(s, &v).await?;
            c.total_minutes == total && c.honour_minutes == honour && c.lines == lines
        }
        _ => false,
    };
    Ok(Verification {
        number,
        genuine: genuine && certificate.is_some(),
        certificate,
        current,
        fingerprint: fingerprint(&row.seal),
    })
}

/// The PDF of one of the volunteer's certificates; `origin` is where `/verify` is served.
pub async fn pdf(
    s: &AppState,
    user: &AuthUser,
    number: &str,
    origin: &str,
) -> Result<Vec<u8>, ApiError> {
    let me = volunteer_of(s, user).await?;
    let row = records::certificate_by_number(&s.db, &normalize(number))
        .await?
        .filter(|c| c.volunteer_id == me.id)
        .ok_or(ApiError::NotFound)?;
    let c: Certificate = serde_json::from_str(&row.content).map_err(|_| ApiError::NotFound)?;
    Ok(render(
        &c,
        &fingerprint(&row.seal),
        &format!("{origin}/verify/{}", c.number),
    ))
}

fn render(c: &Certificate, fingerprint: &str, verify_url: &str) -> Vec<u8> {
    use crate::pdf::{PAGE_WIDTH, Page, document, qr_code};
    let zh = types::i18n::Locale::Zh;
    let (left, right) = (64.0, PAGE_WIDTH - 64.0);
    let mut p = Page::new();
    p.text_centered(PAGE_WIDTH / 2.0, 760.0, 26.0, "志愿服务记录证明");
    p.text_centered(
        PAGE_WIDTH / 2.0,
        736.0,
        11.0,
        "Certificate of Volunteer Service Record",
    );
    p.text(left, 700.0, 11.0, &format!("证明编号：{}", c.number));
    p.text(
        right - 150.0,
        700.0,
        11.0,
        &format!("出具日期：{}", c.issued_on),
    );
    p.line(left, 690.0, right, 690.0, 0.8);
    let mut y = p.paragraph(
        left,
        660.0,
        13.0,
        right - left,
        &format!(
            "兹证明 {}（公民身份号码 {}）在东西湖区志愿服务记录系统中的志愿服务记录如下，累计志愿服务时长 {}。",
            c.name_masked,
            c.id_masked,
            hours(zh, c.total_minutes)
        ),
    );
    if c.honour_minutes > 0 {
        y = p.paragraph(
            left,
            y,
            13.0,
            right - left,
            &format!(
                "其中由管理员记入的荣誉时长 {}。",
                hours(zh, c.honour_minutes)
            ),
        );
    }
    // The table: recording unit, category, period, activities, time.
    let columns = [left, left + 160.0, left + 240.0, left + 345.0, left + 385.0];
    y -= 8.0;
    p.line(left, y + 14.0, right, y + 14.0, 0.6);
    for (x, head) in columns
        .iter()
        .zip(["记录单位", "服务类别", "服务期间", "次数", "服务时长"])
    {
        p.text(*x, y, 11.0, head);
    }
    y -= 8.0;
    p.line(left, y, right, y, 0.6);
    for l in &c.lines {
        y -= 18.0;
        let unit = crate::pdf::wrap(10.5, 165.0, &l.organization);
        p.text(
            columns[0],
            y,
            10.5,
            unit.first().map(String::as_str).unwrap_or(""),
        );
        p.text(columns[1], y, 10.5, &category_name(zh, &l.category));
        p.text(columns[2], y, 9.5, &format!("{}至{}", l.from, &l.to[5..]));
        p.text(columns[3], y, 10.5, &l.activities.to_string());
        p.text(columns[4], y, 10.5, &hours(zh, l.minutes));
        for more in unit.iter().skip(1) {
            y -= 14.0;
            p.text(columns[0], y, 10.5, more);
        }
        if y < 260.0 {
            y -= 18.0;
            p.text(left, y, 10.5, "（记录较多，完整内容请扫码查验）");
            break;
        }
    }
    y -= 8.0;
    p.line(left, y, right, y, 0.6);
    p.paragraph(
        left,
        y - 26.0,
        11.0,
        right - left,
        "本证明依据《志愿服务记录与证明出具办法（试行）》免费出具，服务时长以记录单位确认的记录为准。任何人可扫描右下角二维码或访问下方网址，输入证明编号查验本证明的真实性。",
    );
    p.text(left, 190.0, 12.0, &format!("出具单位：{}", c.issuer));
    p.text(left, 166.0, 10.5, &format!("数字指纹：{fingerprint}"));
    p.text(left, 146.0, 9.5, &format!("查验网址：{verify_url}"));
    qr_code(&mut p, right - 120.0, 230.0, 120.0, verify_url);
    p.text(right - 96.0, 104.0, 9.5, "扫码查验");
    document(&p, &format!("志愿服务记录证明 {}", c.number))
}

#[cfg(test)]
mod tests {
    use super::{fingerprint, normalize, seal_with};

    #[test]
    fn a_changed_content_breaks_the_seal() {
        let seal = seal_with("secret-a", r#"{"total_minutes":600}"#);
        assert_eq!(seal, seal_with("secret-a", r#"{"total_minutes":600}"#));
        assert_ne!(seal, seal_with("secret-a", r#"{"total_minutes":6000}"#));
        assert_ne!(seal, seal_with("secret-b", r#"{"total_minutes":600}"#));
        assert_eq!(fingerprint(&seal).len(), 19);
    }

    #[test]
    fn numbers_are_read_as_typed_on_paper() {
        assert_eq!(normalize(" zy2026-ab2c-d3ef "), "ZY2026-AB2C-D3EF");
        assert_eq!(normalize("ZY2026-AB2C-D3EF/../x"), "ZY2026-AB2C-D3EFX");
    }
}
