//! The volunteer's pages: the server computes their time-bank view, and their forms post here.

use super::signin::{form, show_error, value};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::services::auth::now;
use crate::services::timebank::{activities, checkin, credits, volunteers};
use crate::state::AppState;
use crate::store;
use app::staff_views::PageData;
use app::volunteer_views::{ActivityCard, CreditLine, RecordLine, VolunteerCard, VolunteerHome};
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// Everything the volunteer's page shows.
async fn home(
    s: &AppState,
    user: &AuthUser,
    notice: Option<(String, String)>,
) -> Result<VolunteerHome, ApiError> {
    let t = now();
    let me = store::volunteers::by_account(&s.db, &user.account_id).await?;
    let mut activities_list = Vec::new();
    for a in activities::upcoming(s, t).await? {
        let mine = match &me {
            Some(v) => store::activities::signup_status(&s.db, &a.id, &v.id).await?,
            None => None,
        };
        activities_list.push(ActivityCard {
            id: a.id,
            name: a.name,
            starts: a.starts,
            ends: a.ends,
            place: a.place,
            category: a.category,
            places_left: a.places_left,
            waiting: a.waiting,
            mine,
        });
    }
    let Some(v) = me else {
        return Ok(VolunteerHome {
            me: None,
            activities: activities_list,
            records: vec![],
            pending_minutes: 0,
            balance: 0,
            statement: vec![],
            family: vec![],
            gift_key: String::new(),
            notice,
        });
    };
    let mut records = Vec::new();
    for r in store::ledgers::service_records(&s.db, &v.id).await? {
        let activity = match &r.activity_id {
            Some(id) => store::activities::by_id(&s.db, id)
                .await?
                .map(|a| a.name)
                .unwrap_or_default(),
            None => "荣誉时长 honour hours".into(),
        };
        records.push(RecordLine {
            date: crate::services::shanghai_time(r.recorded_at)[..10].to_string(),
            activity,
            minutes: r.minutes,
            kind: r.kind,
        });
    }
    let statement = credits::mine(s, user).await?;
    let mut key = [0u8; 16];
    getrandom::fill(&mut key).expect("the OS random source is available");
    Ok(VolunteerHome {
        me: Some(VolunteerCard {
            name_masked: v.name_masked.clone(),
            id_masked: v.id_masked.clone(),
            street_code: v.street_code.clone(),
            categories: v.categories.split(',').map(str::to_owned).collect(),
        }),
        activities: activities_list,
        records,
        pending_minutes: store::activities::pending_minutes(&s.db, &v.id).await?,
        balance: statement.balance,
        statement: statement
            .lines
            .into_iter()
            .map(|l| CreditLine {
                at: l.at,
                memo: l.memo,
                minutes: l.minutes,
            })
            .collect(),
        family: store::volunteers::family(&s.db, &v.id).await?,
        gift_key: hex::encode(key),
        notice,
    })
}

/// For `/volunteer`: the signed-in resident's time-bank view.
pub async fn load(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    if req.uri().path() != "/volunteer" || req.method() != axum::http::Method::GET {
        return next.run(req).await;
    }
    if let Some(user) = req.extensions().get::<AuthUser>().cloned() {
        match home(&s, &user, None).await {
            Ok(h) => {
                req.extensions_mut().insert(PageData::Volunteer(h));
            }
            Err(e) => return e.into_response(),
        }
    }
    next.run(req).await
}

/// Renders `/volunteer` (or `page`) again with the error at its field.
async fn fail(
    s: &AppState,
    mut parts: Parts,
    user: &AuthUser,
    page: &str,
    e: ApiError,
    field: &str,
) -> Response {
    if let Ok(h) = home(s, user, None).await {
        parts.extensions.insert(PageData::Volunteer(h));
    }
    parts.uri = page
        .parse()
        .unwrap_or_else(|_| "/volunteer".parse().expect("a static path"));
    show_error(s, parts, &e, field).await
}

async fn done(s: &AppState, mut parts: Parts, user: &AuthUser, zh: &str, en: &str) -> Response {
    match home(s, user, Some((zh.into(), en.into()))).await {
        Ok(h) => {
            parts.uri = "/volunteer".parse().expect("a static path");
            super::render_with(s, parts, move || {
                leptos::prelude::provide_context(PageData::Volunteer(h.clone()))
            })
            .await
        }
        Err(e) => e.into_response(),
    }
}

/// Same-site form from a signed-in resident, or the reason it is refused.
async fn resident_form(req: Request) -> Result<(Parts, Vec<(String, String)>, AuthUser), Response> {
    let (parts, pairs) = form(req).await;
    if let Some(refused) = super::refuse_cross_site(&parts) {
        return Err(refused);
    }
    match parts.extensions.get::<AuthUser>().cloned() {
        Some(user) => Ok((parts, pairs, user)),
        None => Err(Redirect::to("/signin").into_response()),
    }
}

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
        let me = crate::services::timebank::volunteer_of(&s, &user).await?;
        volunteers::link_family(&s, &me, &value(&pairs, "id_number"), now()).await
    }
    .await;
    match result {
        Ok(_) => done(&s, parts, &user, "已添加家人。", "Family member added.").await,
        Err(e) => fail(&s, parts, &user, "/volunteer", e, "relative_id").await,
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
            let (zh, en) = match scan.minutes {
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
            };
            done(&s, parts, &user, &zh, &en).await
        }
        Err(e) => fail(&s, parts, &user, "/volunteer/scan", e, "token").await,
    }
}
