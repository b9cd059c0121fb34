//! The volunteer's page: the server computes their time-bank view (forms: `volunteer_forms`).

use crate::auth::AuthUser;
use crate::clock::now;
use crate::error::ApiError;
use crate::site::form::{form, show_error};
use crate::site::page_loaders::{Loaded, PageLoaders};
use crate::state::AppState;
use crate::timebank::store;
use crate::timebank::{activities, certificates, checkin, credits, records, redemption};
use axum::extract::Request;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use types::page_data::PageData;
use types::timebank::{
    ActivityCard, CreditLine, RecordLine, RedeemOffer, VolunteerCard, VolunteerHome,
};

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
        let (mine, pass_now) = match &me {
            Some(v) => {
                let mine = store::activities::signup_status(&s.db, &a.id, &v.id).await?;
                let pass = checkin::kiosk_option(s, &v.id, &a, mine.as_deref(), t).await?;
                (mine, pass.map(|d| d.as_str().to_string()))
            }
            None => (None, None),
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
            pass_now,
        });
    }
    let (min_age, monthly_cap, expiry_months) = redemption::rules(s, t);
    let mut redeem = RedeemOffer {
        allowed: false,
        min_age,
        monthly_cap,
        expiry_months,
        services: store::records::care_services(&s.db).await?,
    };
    let Some(v) = me else {
        return Ok(VolunteerHome {
            me: None,
            activities: activities_list,
            records: vec![],
            pending_minutes: 0,
            balance: 0,
            statement: vec![],
            family: vec![],
            family_requests: vec![],
            gift_key: String::new(),
            notice,
            corrections: vec![],
            certificates: vec![],
            redeem,
        });
    };
    redeem.allowed = redemption::may_redeem(s, &v, t);
    let corrections = records::mine(s, user).await?;
    let ledger = store::ledgers::service_records(&s.db, &v.id).await?;
    let mut records = Vec::new();
    for r in &ledger {
        let activity = match &r.activity_id {
            Some(id) => store::activities::by_id(&s.db, id)
                .await?
                .map(|a| a.name)
                .unwrap_or_default(),
            None => "荣誉时长 honour hours".into(),
        };
        let reversed = ledger
            .iter()
            .any(|x| x.reverses == Some(r.id) && x.kind == "reversal");
        let open = corrections
            .iter()
            .any(|c| c.record_id == r.id && c.status == "open");
        records.push(RecordLine {
            id: r.id,
            date: crate::clock::shanghai_time(r.recorded_at)[..10].to_string(),
            activity,
            minutes: r.minutes,
            correctable: r.activity_id.is_some() && r.kind != "reversal" && !reversed && !open,
            kind: r.kind.clone(),
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
        family_requests: store::volunteers::family_requests(&s.db, &v.id).await?,
        gift_key: hex::encode(key),
        notice,
        corrections,
        certificates: certificates::mine(s, user)
            .await?
            .into_iter()
            .map(|c| (c.number, c.issued_on, c.total_minutes))
            .collect(),
        redeem,
    })
}

/// `/volunteer`: the signed-in resident's own time bank (signed out, the page asks them to
/// sign in).
pub fn pages() -> PageLoaders {
    PageLoaders::new().page("/volunteer", |s, page| async move {
        Ok(match page.user {
            Some(user) => Loaded::data(home(&s, &user, None).await?),
            None => Loaded::Nothing,
        })
    })
}

/// Renders `/volunteer` (or `page`) again with the error at its field.
pub(super) async fn fail(
    s: &AppState,
    mut parts: Parts,
    user: &AuthUser,
    page: &str,
    e: ApiError,
    field: &str,
) -> Response {
    if let Ok(h) = home(s, user, None).await {
        parts.extensions.insert(PageData::new(h));
    }
    parts.uri = page
        .parse()
        .unwrap_or_else(|_| "/volunteer".parse().expect("a static path"));
    show_error(s, parts, &e, field).await
}

pub(super) async fn done(
    s: &AppState,
    mut parts: Parts,
    user: &AuthUser,
    zh: &str,
    en: &str,
) -> Response {
    match home(s, user, Some((zh.into(), en.into()))).await {
        Ok(h) => {
            parts.uri = "/volunteer".parse().expect("a static path");
            crate::site::render_with(s, parts, move || {
                leptos::prelude::provide_context(PageData::new(h.clone()))
            })
            .await
        }
        Err(e) => e.into_response(),
    }
}

/// Same-site form from a signed-in resident, or the reason it is refused.
pub(super) async fn resident_form(
    req: Request,
) -> Result<(Parts, Vec<(String, String)>, AuthUser), Response> {
    let (parts, pairs) = form(req).await;
    if let Some(refused) = crate::site::refuse_cross_site(&parts) {
        return Err(refused);
    }
    match parts.extensions.get::<AuthUser>().cloned() {
        Some(user) => Ok((parts, pairs, user)),
        None => Err(Redirect::to("/signin").into_response()),
    }
}
