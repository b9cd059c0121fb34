//! What the crash test needs before the server starts, written through the library on the
//! same database (the API has no way to create staff without their authenticator, nor to
//! mint a QR token without a staff session): charity staff and an open project; a coordinator,
//! an organization and an activity open for check-in now, with volunteers signed up for it;
//! and a ring of volunteers who earned time credits yesterday and may gift them to their two
//! neighbours (registered as family).

use super::support;
use server::auth::AuthUser;
use server::charity::projects::{self, NewProject};
use server::clock::shanghai_time;
use server::staff;
use server::state::AppState;
use server::timebank::activities::{self, NewActivityForm, NewOrganization};
use server::timebank::checkin::{self, Direction};
use server::timebank::verification::{self, Confirmation};
use server::timebank::volunteers::{self, Registration};

/// Volunteers who scan the check-in QR code, each once (the kill comes long before the last).
pub const CHECKERS: usize = 60;
/// Volunteers in the gift ring.
pub const GIVERS: usize = 6;
/// Minutes each of them earned yesterday.
pub const EARNED: i64 = 150;

/// A signed-in volunteer: their volunteer id, account and bearer token.
#[derive(Clone, Debug)]
pub struct Person {
    pub volunteer: String,
    pub account: String,
    pub bearer: String,
}

pub struct World {
    pub s: AppState,
    pub project: String,
    pub coord: staff::StaffUser,
    /// The activity open for check-in now.
    pub activity: String,
    pub checkers: Vec<Person>,
    /// Giver i may gift to givers i ± 1 (mod GIVERS).
    pub givers: Vec<Person>,
}

/// A valid GB 11643 number for Dongxihu (420112) born on `birth`, sequence `seq` (1-999).
fn id_number(birth: &str, seq: usize) -> String {
    policy::id_number::with_check_character(&format!("420112{birth}{seq:03}")).expect("17 digits")
}

async fn staff_member(s: &AppState, username: &str, role: &str) -> staff::StaffUser {
    let spec = staff::StaffSpec {
        username,
        display_name: username,
        password: "Crash-Test-Only-2026",
        role: types::account::Role::from_code(role).expect("a staff role"),
        street: None,
    };
    staff::create(&s.db, &s.vault, &spec, None, server::clock::now())
        .await
        .expect("staff created");
    server::staff::store::by_username(&s.db, username)
        .await
        .expect("staff read")
        .expect("staff exists")
        .into()
}

/// Resident `n` signs in (through the development outbox) and registers as a volunteer.
async fn volunteer(s: &AppState, n: usize, birth: &str) -> (Person, AuthUser, String) {
    let phone = format!("1390000{n:04}");
    let tokens = support::resident_tokens(s, &phone, &format!("crash-{n}")).await;
    let user = server::auth::authenticate(s, &tokens.access, server::clock::now())
        .await
        .expect("token accepted");
    let id = id_number(birth, n % 1000 + 1);
    let registration = Registration {
        name: format!("志愿者{n}"),
        id_number: id.clone(),
        street_code: "wujiashan".into(),
        phone: None,
        skills: "陪伴聊天".into(),
        categories: vec!["elderly".into()],
        consent: true,
    };
    let v = volunteers::register_self(s, &user, &registration, server::clock::now())
        .await
        .expect("volunteer registered");
    let person = Person {
        volunteer: v.id,
        account: user.account_id.clone(),
        bearer: tokens.access,
    };
    (person, user, id)
}

fn activity_form(org: &str, name: &str, date: &str, hours: (&str, &str)) -> NewActivityForm {
    NewActivityForm {
        organization_id: org.into(),
        name: name.into(),
        date: date.into(),
        start: hours.0.into(),
        end: hours.1.into(),
        place: "吴家山街道养老服务中心".into(),
        content: "崩溃恢复测试".into(),
        category: "elderly".into(),
        capacity: CHECKERS as i64,
        organizer_unit: "吴家山街道志愿服务站".into(),
        person_in_charge: "李老师".into(),
        earns_credits: true,
    }
}

async fn open_project(s: &AppState) -> String {
    let who = staff_member(s, "crash-charity", "charity_staff").await;
    let now = server::clock::now();
    let today = server::clock::today(now);
    let p = projects::create(
        s,
        &who,
        &NewProject {
            title: "崩溃恢复测试项目".into(),
            story: "Crash test only.".into(),
            goal_fen: 1_000_000_000,
            filing_no: "CRASH-TEST".into(),
            emergency: false,
            starts_on: today.add_days(-1).expect("date").to_string(),
            ends_on: today.add_days(30).expect("date").to_string(),
            budget: vec![],
        },
        now,
    )
    .await
    .expect("project created");
    projects::set_status(s, &who, &p.id, "open", now)
        .await
        .expect("project opened");
    p.id
}

/// The givers check in and out of yesterday's activity (2½ hours) and the coordinator
/// confirms: each earns EARNED minutes, as the time bank issues them.
async fn earn(s: &AppState, coord: &staff::StaffUser, org: &str, givers: &[AuthUser]) {
    let now = server::clock::now();
    let date = shanghai_time(now - 86_400)[..10].to_string();
    let start = activities::shanghai_unix(&date, "09:00").expect("time");
    let form = activity_form(org, "昨日探访（积分）", &date, ("09:00", "12:00"));
    let earning = activities::create(s, coord, &form, start - 86_400)
        .await
        .expect("earning activity")
        .id;
    let (t_in, t_out) = (start, start + EARNED * 60);
    let qr_in = checkin::issue(s, coord, &earning, Direction::In, t_in)
        .await
        .expect("QR in")
        .token;
    let qr_out = checkin::issue(s, coord, &earning, Direction::Out, t_out)
        .await
        .expect("QR out")
        .token;
    for user in givers {
        activities::sign_up(s, user, &earning, start - 3600)
            .await
            .expect("signed up");
        checkin::scan(s, user, &qr_in, t_in)
            .await
            .expect("checked in");
        checkin::scan(s, user, &qr_out, t_out)
            .await
            .expect("checked out");
    }
    let items: Vec<Confirmation> =
        server::timebank::store::activities::attendance_for(&s.db, &earning)
            .await
            .expect("attendance")
            .into_iter()
            .map(|a| Confirmation {
                attendance_id: a.id,
                minutes: None,
                reason: String::new(),
            })
            .collect();
    let confirmed = verification::confirm(s, coord, &earning, &items, start + 4 * 3600)
        .await
        .expect("hours confirmed");
    assert_eq!(confirmed as usize, givers.len());
}

pub async fn world(s: AppState) -> World {
    server::timebank::store::ledgers::ensure_bank_accounts(&s.db)
        .await
        .expect("bank accounts");
    let project = open_project(&s).await;
    let admin = staff_member(&s, "crash-admin", "system_admin").await;
    let coord = staff_member(&s, "crash-coord", "coordinator").await;
    let org = activities::create_organization(
        &s,
        &admin,
        &NewOrganization {
            name: "崩溃测试志愿服务队".into(),
            street_code: Some("wujiashan".into()),
            coordinators: vec![coord.id.clone()],
        },
        server::clock::now(),
    )
    .await
    .expect("organization")
    .id;

    // The activity takes check-ins now: the whole Shanghai day an hour from now (check-in opens
    // an hour before the start), whatever the time of day.
    let now = server::clock::now();
    let date = shanghai_time(now + 3600)[..10].to_string();
    let form = activity_form(
        &org,
        "重阳节集中服务（崩溃测试）",
        &date,
        ("00:00", "23:59"),
    );
    let activity = activities::create(&s, &coord, &form, now)
        .await
        .expect("activity")
        .id;
    let mut checkers = Vec::with_capacity(CHECKERS);
    for n in 0..CHECKERS {
        let (person, user, _) = volunteer(&s, n, "19800101").await;
        let status = activities::sign_up(&s, &user, &activity, server::clock::now())
            .await
            .expect("signed up");
        assert_eq!(status, "confirmed");
        checkers.push(person);
    }

    let mut givers = Vec::with_capacity(GIVERS);
    let mut users = Vec::with_capacity(GIVERS);
    let mut ids = Vec::with_capacity(GIVERS);
    for n in 0..GIVERS {
        let (person, user, id) = volunteer(&s, 5000 + n, "19600101").await;
        givers.push(person);
        users.push(user);
        ids.push(id);
    }
    earn(&s, &coord, &org, &users).await;
    for (i, user) in users.iter().enumerate() {
        let me = server::timebank::store::volunteers::by_account(&s.db, &user.account_id)
            .await
            .expect("volunteer read")
            .expect("volunteer exists");
        for j in [(i + 1) % GIVERS, (i + GIVERS - 1) % GIVERS] {
            volunteers::link_family(&s, &me, &ids[j], server::clock::now())
                .await
                .expect("family asked");
        }
    }
    // Each confirms the two who asked them (a link holds once the relative confirms it).
    for user in &users {
        let me = server::timebank::store::volunteers::by_account(&s.db, &user.account_id)
            .await
            .expect("volunteer read")
            .expect("volunteer exists");
        for (asker, _) in server::timebank::store::volunteers::family_requests(&s.db, &me.id)
            .await
            .expect("requests read")
        {
            volunteers::answer_family(&s, &me, &asker, true, server::clock::now())
                .await
                .expect("family confirmed");
        }
    }
    World {
        s,
        project,
        coord,
        activity,
        checkers,
        givers,
    }
}
