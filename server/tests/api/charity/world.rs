//! What the charity tests share: a clock, charity staff, an open project, and helpers that
//! place orders and deliver the gateway's signed notifications.
#![allow(dead_code)]

use crate::support;
use server::auth::AuthUser;
use server::charity::donations::{self, DonationRequest, Notification, Recorded};
use server::charity::gateway;
use server::charity::projects::{self, NewProject};
use server::staff;
use server::state::AppState;

/// The tests' clock: now, read once (the server's own housekeeping runs on the real clock, so
/// orders must not be placed in the past).
pub fn t0() -> i64 {
    static NOW: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *NOW.get_or_init(server::clock::now)
}

pub fn today() -> policy::Date {
    server::clock::today(t0())
}

/// The test project runs from 19 days ago for eight months (longer than six: updates due).
pub fn starts_on() -> policy::Date {
    today().add_days(-19).unwrap()
}

pub struct World {
    pub s: AppState,
    pub staff: staff::StaffUser,
    pub project: String,
}

pub async fn charity_staff(s: &AppState, username: &str) -> staff::StaffUser {
    let spec = staff::StaffSpec {
        username,
        display_name: username,
        password: "Charity-Desk-2026",
        role: types::account::Role::CharityStaff,
        street: None,
    };
    staff::create(&s.db, &s.vault, &spec, None, t0())
        .await
        .unwrap();
    server::staff::store::by_username(&s.db, username)
        .await
        .unwrap()
        .unwrap()
        .into()
}

pub fn new_project(title: &str) -> NewProject {
    NewProject {
        title: title.into(),
        story: "为困难群众添置冬衣棉被。".into(),
        goal_fen: 10_000_000,
        filing_no: "53420112MJ0000000X-2026-001".into(),
        emergency: false,
        starts_on: starts_on().to_string(),
        ends_on: starts_on().add_months(8).unwrap().to_string(),
        budget: vec![("棉被采购".into(), 6_000_000), ("运输".into(), 1_000_000)],
    }
}

/// An open project (dates around both the test clock and today).
pub async fn open_project(s: &AppState, who: &staff::StaffUser, title: &str) -> String {
    let p = projects::create(s, who, &new_project(title), t0())
        .await
        .unwrap();
    projects::set_status(s, who, &p.id, "open", t0())
        .await
        .unwrap();
    p.id
}

pub async fn world(app: &support::TestApp) -> World {
    let s = AppState::new(support::test_config(&app.database_url), app.db.clone());
    let staff = charity_staff(&s, "charity-a").await;
    let project = open_project(&s, &staff, "冬季送温暖").await;
    World { s, staff, project }
}

pub fn request(
    project: &str,
    amount_fen: i64,
    name: Option<&str>,
    receipt: bool,
) -> DonationRequest {
    DonationRequest {
        project_id: project.into(),
        amount_fen,
        donor_name: name.map(str::to_owned),
        anonymous: name.is_none(),
        receipt_wanted: receipt,
        channel: "api".into(),
    }
}

pub fn notification(order_no: &str, amount_fen: i64, paid_at: i64) -> Notification {
    Notification {
        order_no: order_no.into(),
        amount_fen,
        txn_id: format!("SBX-{order_no}"),
        paid_at,
    }
}

/// Body and signature of a notification as the sandbox gateway sends it.
pub fn signed(s: &AppState, n: &Notification) -> (Vec<u8>, String) {
    let body = serde_json::to_vec(n).unwrap();
    let sig = gateway::sign(&s.cfg.sandbox_notify_key, &body);
    (body, sig)
}

/// Places an order and records its payment: the donation's ledger entry.
pub async fn donate(
    w: &World,
    amount_fen: i64,
    name: Option<&str>,
    receipt: bool,
    donor: Option<&AuthUser>,
) -> (String, i64) {
    let o = donations::place_order(
        &w.s,
        &request(&w.project, amount_fen, name, receipt),
        donor,
        t0(),
    )
    .await
    .unwrap();
    let (body, sig) = signed(&w.s, &notification(&o.order_no, amount_fen, t0() + 60));
    match gateway::notified(&w.s, &body, &sig, t0() + 61)
        .await
        .unwrap()
    {
        Recorded::New(seq) => (o.order_no, seq),
        Recorded::Repeated(_) => panic!("a first notification records a new donation"),
    }
}

pub async fn resident(s: &AppState, n: u32) -> AuthUser {
    let tokens = support::resident_tokens(s, &format!("1390000{n:04}"), &format!("ch-{n}")).await;
    server::auth::authenticate(s, &tokens.access, server::clock::now())
        .await
        .unwrap()
}

pub async fn reconciles(s: &AppState) {
    let r = server::charity::ledger::reconcile(s, t0()).await.unwrap();
    assert!(r.ok, "reconciliation problems: {:?}", r.problems);
}

pub async fn count(s: &AppState, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(&s.db.pool)
        .await
        .unwrap()
}
