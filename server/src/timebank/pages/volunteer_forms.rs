//! What the volunteer's forms do: register, sign up, family and gifts, check-in by QR or at a
//! kiosk, corrections, certificates, redeeming credits. Each answers with the page again, with
//! what it did or the error at its field.

use super::volunteer::{done, fail, resident_form};
use crate::auth::AuthUser;
use crate::clock::now;
use crate::error::ApiError;
use crate::site::form::value;
use crate::state::AppState;
use crate::timebank::{
    activities, certificates, checkin, credits, records, redemption, volunteers,
};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Redirect, Response};

pub async fn register(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs, user) = match resident_form(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let r = volunteers::Registration {
        name: value(&pairs, "name"),
        id_number: value(&pairs, "id_number"),
        street_code: value(&pairs, "street_code"),
        phone: None,
        skills: value(&pairs, "skills"),
        categories: pairs
            .iter()
            .filter(|(k, _)| k == "categories")
            .map(|(_, v)| v.clone())
            .collect(),
        consent: value(&pairs, "consent") == "yes",
    };
    match volunteers::register_self(&s, &user, &r, now()).await {
        Ok(_) => {
            done(
                &s,
                parts,
                &user,
                "登记成功，欢迎成为志愿者！",
                "Registered: welcome, volunteer!",
            )
            .await
        }
        Err(e) => fail(&s, parts, &user, "/volunteer", e, "name").await,
    }
}

pub async fn sign_up(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs, user) = match resident_form(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match activities::sign_up(&s, &user, &value(&pairs, "activity"), now()).await {
        Ok(status) if status == "waiting" => {
            done(
                &s,
                parts,
                &user,
                "名额已满，您已进入候补。",
                "The activity is full: you are on the waiting list.",
            )
            .await
        }
        Ok(_) => done(&s, parts, &user, "报名成功。", "You are signed up.").await,
        Err(e) => fail(&s, parts, &user, "/volunteer", e, "activities").await,
    }
}

pub async fn add_family(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs, user) = match resident_form(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let result = async {
        let me = crate::timebank::volunteer_of(&s, &user).await?;
        volunteers::link_family(&s, &me, &value(&pairs, "id_number"), now()).await
    }
    .await;
    match result {
        Ok(()) => {
            done(
                &s,
                parts,
                &user,
                "已发出请求。如果对方已登记为志愿者，对方在自己的“志愿服务”页面确认后，您就可以向其转赠积分。",
                "Request sent. If they are a registered volunteer, you can give them credits once they confirm on their own volunteer page.",
            )
            .await
        }
        Err(e) => fail(&s, parts, &user, "/volunteer", e, "relative_id").await,
    }
}

/// The relative confirms (`answer=confirm`) or declines a family request.
pub async fn answer_family(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs, user) = match resident_form(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let confirm = value(&pairs, "answer") == "confirm";
    let result = async {
        let me = crate::timebank::volunteer_of(&s, &user).await?;
        volunteers::answer_family(&s, &me, &value(&pairs, "requester"), confirm, now()).await
    }
    .await;
    let (zh, en) = if confirm {
        (
            "已确认为家人，对方可以向您转赠积分。",
            "Confirmed: they can now give you credits.",
        )
    } else {
        ("已拒绝该请求。", "Request declined.")
    };
    match result {
        Ok(()) => done(&s, parts, &user, zh, en).await,
        Err(e) => fail(&s, parts, &user, "/volunteer", e, "family-requests").await,
    }
}

pub async fn gift(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs, user) = match resident_form(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Ok(minutes) = value(&pairs, "minutes").parse::<i64>() else {
        let e = ApiError::field(
            "minutes",
            "请填写要转赠的分钟数（整数）",
            "Enter the minutes to give (a whole number)",
        );
        return fail(&s, parts, &user, "/volunteer", e, "minutes").await;
    };
    let g = credits::Gift {
        to: value(&pairs, "to"),
        minutes,
        idempotency_key: value(&pairs, "key"),
    };
    match credits::gift(&s, &user, &g, now()).await {
        Ok(()) => done(&s, parts, &user, "已转赠。", "Credits given.").await,
        Err(e) => fail(&s, parts, &user, "/volunteer", e, "minutes").await,
    }
}

pub async fn scan(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs, user) = match resident_form(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match checkin::scan(&s, &user, &value(&pairs, "token"), now()).await {
        Ok(scan) => {
            let (zh, en) = scan_notice(&scan);
            done(&s, parts, &user, &zh, &en).await
        }
        Err(e) => fail(&s, parts, &user, "/volunteer/scan", e, "token").await,
    }
}

pub async fn request_correction(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs, user) = match resident_form(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(minutes) = crate::site::minutes_from_hours(&value(&pairs, "hours")) else {
        let e = ApiError::field(
            "minutes",
            "请填写正确的小时数，例如 2.5",
            "Enter the right number of hours, e.g. 2.5",
        );
        return fail(&s, parts, &user, "/volunteer", e, "correction").await;
    };
    let r = records::CorrectionRequest {
        record_id: value(&pairs, "record").parse().unwrap_or(-1),
        minutes,
        reason: value(&pairs, "reason"),
    };
    match records::request(&s, &user, &r, now()).await {
        Ok(_) => {
            done(
                &s,
                parts,
                &user,
                "更正申请已提交，记录单位会尽快处理。",
                "Your correction request is sent; the organization will decide soon.",
            )
            .await
        }
        Err(e) => fail(&s, parts, &user, "/volunteer", e, "correction").await,
    }
}

/// Issues a certificate and sends the browser to its PDF.
pub async fn issue_certificate(State(s): State<AppState>, req: Request) -> Response {
    let (parts, _, user) = match resident_form(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match certificates::issue(&s, &user, now()).await {
        Ok(c) => Redirect::to(&format!("/volunteer/certificates/{}", c.number)).into_response(),
        Err(e) => fail(&s, parts, &user, "/volunteer", e, "certificates").await,
    }
}

/// One of the signed-in volunteer's certificates as a PDF.
pub async fn certificate_pdf(
    State(s): State<AppState>,
    axum::extract::Path(number): axum::extract::Path<String>,
    req: Request,
) -> Response {
    let Some(user) = req.extensions().get::<AuthUser>().cloned() else {
        return Redirect::to("/signin").into_response();
    };
    let origin = crate::site::public_origin(&s, req.headers());
    match certificates::pdf(&s, &user, &number, &origin).await {
        Ok(pdf) => crate::api::pdf_response("certificate", &number, pdf),
        Err(e) => e.into_response(),
    }
}

pub async fn redeem(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs, user) = match resident_form(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let r = redemption::Redemption {
        service: value(&pairs, "service"),
        idempotency_key: value(&pairs, "key"),
    };
    match redemption::redeem(&s, &user, &r, now()).await {
        Ok(c) => {
            done(
                &s,
                parts,
                &user,
                &format!("已兑换：{}。服务人员会与您联系。", c.name_zh),
                &format!("Redeemed: {}. The service will contact you.", c.name_en),
            )
            .await
        }
        Err(e) => fail(&s, parts, &user, "/volunteer", e, "redeem").await,
    }
}

/// At an enrolled kiosk, the signed-in volunteer checks in or out with one tap.
pub async fn kiosk_pass(State(s): State<AppState>, req: Request) -> Response {
    let kiosk = req
        .extensions()
        .get::<types::account::KioskDevice>()
        .cloned();
    let (parts, pairs, user) = match resident_form(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(kiosk) = kiosk else {
        let e = crate::timebank::conflict(
            "not_a_kiosk",
            "只有服务中心的自助机可以这样签到；请扫描协调员的二维码",
            "Only a service-centre kiosk can check you in this way; scan the coordinator's QR code",
        );
        return fail(&s, parts, &user, "/volunteer", e, "activities").await;
    };
    let dir = if value(&pairs, "dir") == "out" {
        checkin::Direction::Out
    } else {
        checkin::Direction::In
    };
    match checkin::at_kiosk(
        &s,
        &user,
        &kiosk.street_code,
        &value(&pairs, "activity"),
        dir,
        now(),
    )
    .await
    {
        Ok(scan) => {
            let (zh, en) = scan_notice(&scan);
            done(&s, parts, &user, &zh, &en).await
        }
        Err(e) => fail(&s, parts, &user, "/volunteer", e, "activities").await,
    }
}

/// What a check-in or check-out tells the volunteer.
fn scan_notice(scan: &checkin::Scan) -> (String, String) {
    match scan.minutes {
        None => (
            format!("已签到：{}", scan.activity_name),
            format!("Checked in: {}", scan.activity_name),
        ),
        Some(m) => (
            format!(
                "已签退：{}，本次 {m} 分钟，等待协调员确认",
                scan.activity_name
            ),
            format!(
                "Checked out: {}, {m} minutes, awaiting the coordinator's confirmation",
                scan.activity_name
            ),
        ),
    }
}

/// This module's form posts.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/volunteer/register", post(register))
        .route("/volunteer/signup", post(sign_up))
        .route("/volunteer/family", post(add_family))
        .route("/volunteer/family/answer", post(answer_family))
        .route("/volunteer/gift", post(gift))
        .route("/volunteer/scan", post(scan))
        .route("/volunteer/correction", post(request_correction))
        .route("/volunteer/certificate", post(issue_certificate))
        .route("/volunteer/certificates/{number}", get(certificate_pdf))
        .route("/volunteer/redeem", post(redeem))
        .route("/volunteer/kiosk-pass", post(kiosk_pass))
}
