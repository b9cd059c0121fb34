//! The coordinator's pages: their activities and each activity's desk (rotating QR code,
//! attendance, bulk confirmation). Forms post here; the services check the organization.

use crate::clock::now;
use crate::error::ApiError;
use crate::site::form::{form, show_error, value};
use crate::site::staff_gate::StaffPages;
use crate::site::staff_gate::authorize;
use crate::staff::StaffUser;
use crate::state::AppState;
use crate::timebank::activities::{self, NewActivityForm};
use crate::timebank::checkin::{self, Direction};
use crate::timebank::records;
use crate::timebank::store;
use crate::timebank::verification::{self, Confirmation};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use types::page_data::PageData;
use types::timebank::{ActivitiesPage, ActivityDesk, AttendanceLine, CoordinatedActivity};

fn coordinated(a: store::activities::ActivityRow, organization: &str) -> CoordinatedActivity {
    let view = activities::Activity::from(a.clone());
    CoordinatedActivity {
        id: a.id,
        organization: organization.to_string(),
        name: a.name,
        starts: view.starts,
        ends: view.ends,
        place: a.place,
        capacity: a.capacity,
        confirmed: a.confirmed,
        waiting: a.waiting,
    }
}

/// The coordinator's organizations, their activities and the overdue records.
pub async fn activities(
    s: &AppState,
    who: &StaffUser,
    notice: Option<(String, String)>,
) -> Result<ActivitiesPage, ApiError> {
    let organizations = store::volunteers::organizations_of(&s.db, &who.id).await?;
    let mut list = Vec::new();
    for (id, name) in &organizations {
        for a in store::activities::of_organization(&s.db, id).await? {
            list.push(coordinated(a, name));
        }
    }
    let mut overdue: Vec<(String, i64)> = Vec::new();
    for (_, name, _) in verification::overdue(s, who, now()).await? {
        match overdue.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => overdue.push((name, 1)),
        }
    }
    Ok(ActivitiesPage {
        organizations,
        activities: list,
        overdue,
        notice,
        corrections: records::open_for(s, who).await?,
    })
}

/// One activity's desk: a fresh QR token and the attendance (reads are the coordinator's own).
pub async fn desk(
    s: &AppState,
    who: &StaffUser,
    query: Option<&str>,
    origin: &str,
) -> Result<ActivityDesk, ApiError> {
    let q: Vec<(String, String)> =
        serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default();
    let id = value(&q, "id");
    let direction = if value(&q, "dir") == "out" {
        Direction::Out
    } else {
        Direction::In
    };
    let token = checkin::issue(s, who, &id, direction, now()).await?;
    let a = activities::get(s, &id).await?;
    let org = store::volunteers::organizations_of(&s.db, &who.id)
        .await?
        .into_iter()
        .find(|(oid, _)| *oid == a.organization_id)
        .map(|(_, n)| n)
        .unwrap_or_default();
    let attendance = verification::attendance_list(s, who, &id)
        .await?
        .into_iter()
        .map(|p| AttendanceLine {
            attendance_id: p.attendance_id,
            volunteer_name: p.volunteer_name,
            check_in: p.check_in,
            check_out: p.check_out,
            minutes: p.minutes,
            flagged: p.flagged,
            status: p.status,
        })
        .collect();
    let qr_url = format!("{origin}/volunteer/scan?t={}", token.token);
    Ok(ActivityDesk {
        activity: coordinated(a, &org),
        direction: if direction == Direction::Out {
            "out"
        } else {
            "in"
        }
        .into(),
        qr_url,
        attendance,
    })
}

pub async fn create(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/activities").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let f = NewActivityForm {
        organization_id: value(&pairs, "organization_id"),
        name: value(&pairs, "name"),
        date: value(&pairs, "date"),
        start: value(&pairs, "start"),
        end: value(&pairs, "end"),
        place: value(&pairs, "place"),
        content: value(&pairs, "content"),
        category: value(&pairs, "category"),
        capacity: value(&pairs, "capacity").parse().unwrap_or(0),
        organizer_unit: value(&pairs, "organizer_unit"),
        person_in_charge: value(&pairs, "person_in_charge"),
        earns_credits: value(&pairs, "earns_credits") == "yes",
    };
    let result = activities::create(&s, &who, &f, now()).await;
    let notice = result.as_ref().ok().map(|a| {
        (
            format!("已发布：{}", a.name),
            format!("Published: {}", a.name),
        )
    });
    answer(&s, parts, &who, notice, result.err(), "name").await
}

/// The coordinator's activities page again, with what the form did or the error at `field`.
async fn answer(
    s: &AppState,
    mut parts: axum::http::request::Parts,
    who: &StaffUser,
    notice: Option<(String, String)>,
    error: Option<ApiError>,
    field: &str,
) -> Response {
    let data = match self::activities(s, who, notice).await {
        Ok(d) => PageData::new(d),
        Err(e) => return e.into_response(),
    };
    parts.uri = "/staff/activities".parse().expect("a static path");
    match error {
        None => {
            crate::site::render_with(s, parts, move || {
                leptos::prelude::provide_context(data.clone())
            })
            .await
        }
        Some(e) => {
            parts.extensions.insert(data);
            show_error(s, parts, &e, field).await
        }
    }
}

/// Accepts or rejects a volunteer's correction request.
pub async fn decide_correction(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/activities").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let d = records::Decision {
        accept: value(&pairs, "accept") == "yes",
        reason: value(&pairs, "reason"),
    };
    let result = records::decide(&s, &who, &value(&pairs, "id"), &d, now()).await;
    let notice = result.as_ref().ok().map(|c| {
        if c.status == "accepted" {
            (
                format!("已同意更正：{}，{}", c.volunteer_name, c.activity),
                format!("Correction accepted: {}, {}", c.volunteer_name, c.activity),
            )
        } else {
            (
                format!("已驳回更正申请：{}，{}", c.volunteer_name, c.activity),
                format!("Correction rejected: {}, {}", c.volunteer_name, c.activity),
            )
        }
    });
    answer(&s, parts, &who, notice, result.err(), "corrections").await
}

/// Confirms the ticked attendance of one activity, then back to its desk.
pub async fn confirm(State(s): State<AppState>, req: Request) -> Response {
    let (mut parts, pairs) = form(req).await;
    let who = match authorize(&s, &parts, "/staff/activity").await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let activity = value(&pairs, "activity");
    let items: Vec<Confirmation> = pairs
        .iter()
        .filter(|(k, _)| k == "attendance")
        .map(|(_, v)| Confirmation {
            attendance_id: v.clone(),
            minutes: value(&pairs, &format!("minutes-{v}")).parse().ok(),
            reason: value(&pairs, &format!("reason-{v}")),
        })
        .collect();
    let back = format!("/staff/activity?id={activity}");
    match verification::confirm(&s, &who, &activity, &items, now()).await {
        Ok(_) => Redirect::to(&back).into_response(),
        Err(e) => {
            let origin = crate::site::public_origin(&s, &parts.headers);
            match desk(&s, &who, Some(&format!("id={activity}")), &origin).await {
                Ok(d) => {
                    parts.extensions.insert(PageData::new(d));
                }
                Err(e) => return e.into_response(),
            }
            parts.uri = back
                .parse()
                .unwrap_or_else(|_| "/staff/activities".parse().expect("a static path"));
            show_error(&s, parts, &e, "attendance").await
        }
    }
}

/// This module's form posts.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::post;
    axum::Router::new()
        .route("/staff/activities", post(create))
        .route("/staff/activity/confirm", post(confirm))
        .route("/staff/corrections/decide", post(decide_correction))
}

/// The coordinator's pages: the activities and one activity's desk.
pub fn staff_pages() -> StaffPages {
    StaffPages::new()
        .page("/staff/activities", |s, who, _| async move {
            activities(&s, &who, None).await
        })
        .page("/staff/activity", |s, who, q| async move {
            desk(&s, &who, q.query.as_deref(), &q.origin).await
        })
}
