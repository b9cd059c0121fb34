//! The acceptance slip (受理回执) a kiosk prints and a phone downloads: the reference, what was
//! sent to which office and when, how to follow it, and a QR code of the case's page. No name,
//! no ID number: whoever finds the slip still needs the applicant's phone to see the case.

use super::owned;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::pdf::{self, PAGE_HEIGHT, PAGE_WIDTH, Page};
use crate::state::AppState;
use types::cases::kind_label;
use types::i18n::Locale;

/// The slip of one of the resident's cases, as a PDF; `origin` makes the QR code's address.
pub async fn pdf(
    s: &AppState,
    user: &AuthUser,
    reference: &str,
    origin: &str,
    now: i64,
) -> Result<Vec<u8>, ApiError> {
    let c = owned(s, user, reference).await?;
    let sum = super::views::summary(&c, now);
    let mut p = Page::new();
    let cx = PAGE_WIDTH / 2.0;
    let mut y = PAGE_HEIGHT - 80.0;
    p.text_centered(cx, y, 20.0, "东西湖区民政局 · 受理回执");
    y -= 24.0;
    p.text_centered(
        cx,
        y,
        11.0,
        "Dongxihu District Civil Affairs Bureau · Acknowledgement",
    );
    y -= 22.0;
    p.line(60.0, y, PAGE_WIDTH - 60.0, y, 0.8);
    y -= 36.0;
    p.text(60.0, y, 13.0, "受理编号 Reference");
    p.text(220.0, y, 18.0, &c.reference);
    y -= 30.0;
    let rows = [
        (
            "申请事项 Application",
            format!(
                "{} / {}",
                kind_label(Locale::Zh, c.kind.as_str()),
                kind_label(Locale::En, c.kind.as_str())
            ),
        ),
        (
            "项目 Programs",
            sum.programs
                .iter()
                .map(|(zh, _)| zh.clone())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        (
            "受理街道 Street office",
            format!("{} / {}", sum.street_zh, sum.street_en),
        ),
        ("提交时间 Sent", sum.submitted.clone()),
        ("当前状态 State", c.state.label(Locale::Zh)),
    ];
    for (k, v) in rows {
        p.text(60.0, y, 11.0, k);
        y = p.paragraph(220.0, y, 11.0, PAGE_WIDTH - 280.0, &v) - 6.0;
    }
    if let Some(d) = &sum.deadline {
        p.text(60.0, y, 11.0, "报销期限 Claim by");
        p.text(220.0, y, 11.0, d);
        y -= 24.0;
    }
    y -= 10.0;
    let url = format!("{origin}/cases/{}", c.reference);
    pdf::qr_code(&mut p, 60.0, y, 130.0, &url);
    let tx = 210.0;
    let mut ty = y - 18.0;
    for line in [
        "查询进度：扫描左侧二维码，或打开",
        url.as_str(),
        "用申请时的手机号接收验证码登录后即可查看。",
        "To follow it: scan the code or open the address above,",
        "then sign in with the phone number used to apply.",
        "本回执不含个人信息，请妥善保管。",
    ] {
        ty = p.paragraph(tx, ty, 10.5, PAGE_WIDTH - tx - 50.0, line);
    }
    Ok(pdf::document(&p, &format!("受理回执 {}", c.reference)))
}
