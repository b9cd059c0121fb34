//! What the time-bank tests share: a clock, valid ID numbers, signed-in residents and
//! coordinators, and a world with an organization, an activity and two volunteers.
#![allow(dead_code)]

use crate::support;
use server::auth::AuthUser;
use server::staff;
use server::state::AppState;
use server::timebank::activities::{self, NewActivityForm, NewOrganization};
use server::timebank::checkin::{self, Direction};
use server::timebank::store::ledgers;
use server::timebank::volunteers::{self, Registration};

/// 2026-11-20 (a Friday) 10:00 in Shanghai: the tests' clock.
pub const T0: i64 = 1_795_140_000;

/// A valid GB 11643 number for Dongxihu (420112), born on `birth` (YYYYMMDD).
pub fn id_number(birth: &str, seq: &str) -> String {
    policy::id_number::with_check_character(&format!("420112{birth}{seq}")).expect("17 digits")
}

pub async fn resident(s: &AppState, n: u32) -> AuthUser {
    let tokens = support::resident_tokens(s, &format!("1380000{n:04}"), &format!("tb-{n}")).await;
    server::auth::authenticate(s, &tokens.access, server::clock::now())
        .await
        .unwrap()
}

pub fn registration(name: &str, id: &str) -> Registration {
    Registration {
        name: name.into(),
        id_number: id.into(),
        street_code: "wujiashan".into(),
        phone: None,
        skills: "陪伴聊天".into(),
        categories: vec!["elderly".into()],
        consent: true,
    }
}

pub async fn coordinator(s: &AppState, username: &str) -> staff::StaffUser {
    let spec = staff::StaffSpec {
        username,
        display_name: username,
        password: "Coordinate-2026",
        role: types::account::Role::Coordinator,
        street: None,
    };
    staff::create(&s.db, &s.vault, &spec, None, T0)
        .await
        .unwrap();
    server::staff::store::by_username(&s.db, username)
        .await
        .unwrap()
        .unwrap()
        .into()
}

pub async fn admin(s: &AppState) -> staff::StaffUser {
    let spec = staff::StaffSpec {
        username: "tb-admin",
        display_name: "admin",
        password: "Administer-2026",
        role: types::account::Role::SystemAdmin,
        street: None,
    };
    staff::create(&s.db, &s.vault, &spec, None, T0)
        .await
        .unwrap();
    server::staff::store::by_username(&s.db, "tb-admin")
        .await
        .unwrap()
        .unwrap()
        .into()
}

pub fn activity_form(org: &str, capacity: i64) -> NewActivityForm {
    NewActivityForm {
        organization_id: org.into(),
        name: "陪伴独居老人".into(),
        date: "2026-11-20".into(),
        start: "09:30".into(),
        end: "12:00".into(),
        place: "吴家山街道养老服务中心".into(),
        content: "陪伴聊天、读报".into(),
        category: "elderly".into(),
        capacity,
        organizer_unit: "吴家山街道志愿服务站".into(),
        person_in_charge: "李老师".into(),
        earns_credits: true,
    }
}

pub struct World {
    pub s: AppState,
    pub admin: staff::StaffUser,
    pub coord: staff::StaffUser,
    pub other: staff::StaffUser,
    pub activity: String,
    pub v1: AuthUser,
    pub v2: AuthUser,
}

pub async fn world(app: &support::TestApp, capacity: i64) -> World {
    let s = AppState::new(support::test_config(&app.database_url), app.db.clone());
    ledgers::ensure_bank_accounts(&s.db).await.unwrap();
    let admin = admin(&s).await;
    let coord = coordinator(&s, "coord-a").await;
    let other = coordinator(&s, "coord-b").await;
    let org = activities::create_organization(
        &s,
        &admin,
        &NewOrganization {
            name: "吴家山志愿服务站".into(),
            street_code: Some("wujiashan".into()),
            coordinators: vec![coord.id.clone()],
        },
        T0,
    )
    .await
    .unwrap();
    activities::create_organization(
        &s,
        &admin,
        &NewOrganization {
            name: "将军路志愿服务站".into(),
            street_code: None,
            coordinators: vec![other.id.clone()],
        },
        T0,
    )
    .await
    .unwrap();
    let activity = activities::create(&s, &coord, &activity_form(&org.id, capacity), T0 - 3600)
        .await
        .unwrap()
        .id;
    let v1 = resident(&s, 1).await;
    let v2 = resident(&s, 2).await;
    volunteers::register_self(
        &s,
        &v1,
        &registration("王秀英", &id_number("19580312", "002")),
        T0,
    )
    .await
    .unwrap();
    volunteers::register_self(
        &s,
        &v2,
        &registration("李建国", &id_number("19850704", "011")),
        T0,
    )
    .await
    .unwrap();
    World {
        s,
        admin,
        coord,
        other,
        activity,
        v1,
        v2,
    }
}

/// The volunteer record id of a signed-in resident.
pub async fn volunteer_id(w: &World, user: &AuthUser) -> String {
    server::timebank::store::volunteers::by_account(&w.s.db, &user.account_id)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub async fn checked_in_and_out(w: &World, v: &AuthUser, from: i64, to: i64) {
    activities::sign_up(&w.s, v, &w.activity, T0 - 7200)
        .await
        .ok();
    let t = checkin::issue(&w.s, &w.coord, &w.activity, Direction::In, from)
        .await
        .unwrap()
        .token;
    checkin::scan(&w.s, v, &t, from).await.unwrap();
    let t = checkin::issue(&w.s, &w.coord, &w.activity, Direction::Out, to)
        .await
        .unwrap()
        .token;
    checkin::scan(&w.s, v, &t, to).await.unwrap();
}

/// The coordinator confirms every attendance of the world's activity as recorded.
pub async fn confirm_all(w: &World, at: i64) {
    use server::timebank::verification::{self, Confirmation};
    let items: Vec<Confirmation> = verification::attendance_list(&w.s, &w.coord, &w.activity)
        .await
        .unwrap()
        .into_iter()
        .map(|p| Confirmation {
            attendance_id: p.attendance_id,
            minutes: None,
            reason: String::new(),
        })
        .collect();
    verification::confirm(&w.s, &w.coord, &w.activity, &items, at)
        .await
        .unwrap();
}
