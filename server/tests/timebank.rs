//! The volunteer time bank on SQLite and PostgreSQL: real-name registration, activities with a
//! waiting list, QR check-in and check-out, verification, the two ledgers and gifts.

mod support;

use server::auth::AuthUser;
use server::services::timebank::activities::{self, NewActivityForm, NewOrganization};
use server::services::timebank::checkin::{self, Direction};
use server::services::timebank::credits::{self, Gift};
use server::services::timebank::verification::{self, Confirmation};
use server::services::timebank::volunteers::{self, Registration};
use server::services::{auth, staff};
use server::state::AppState;
use server::store::{ledgers, volunteers as vstore};

/// 2026-11-20 (a Friday) 10:00 in Shanghai: the tests' clock.
const T0: i64 = 1_795_140_000;

/// A valid GB 11643 number for Dongxihu (420112), born on `birth` (YYYYMMDD).
pub fn id_number(birth: &str, seq: &str) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let body = format!("420112{birth}{seq}");
    let sum: u32 = body
        .bytes()
        .zip(W)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    format!(
        "{body}{}",
        ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize]
    )
}

async fn resident(s: &AppState, n: u32) -> AuthUser {
    let phone = format!("1380000{n:04}");
    auth::request_code(s, &phone, &format!("tb-{n}"), auth::now())
        .await
        .unwrap();
    let (_, _, msg) = server::store::accounts::outbox_recent(&s.db, 1)
        .await
        .unwrap()
        .remove(0);
    let code: String = msg
        .split("验证码是 ")
        .nth(1)
        .unwrap()
        .chars()
        .take(6)
        .collect();
    let tokens = auth::verify_code(s, &phone, &code, true, auth::now())
        .await
        .unwrap();
    auth::authenticate(s, &tokens.access, auth::now())
        .await
        .unwrap()
}

fn registration(name: &str, id: &str) -> Registration {
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

async fn coordinator(s: &AppState, username: &str) -> staff::StaffUser {
    let spec = staff::StaffSpec {
        username,
        display_name: username,
        password: "Coordinate-2026",
        role: "coordinator",
        street: None,
    };
    staff::create(&s.db, &s.vault, &spec, None, T0)
        .await
        .unwrap();
    server::store::staff::by_username(&s.db, username)
        .await
        .unwrap()
        .unwrap()
        .into()
}

async fn admin(s: &AppState) -> staff::StaffUser {
    let spec = staff::StaffSpec {
        username: "tb-admin",
        display_name: "admin",
        password: "Administer-2026",
        role: "system_admin",
        street: None,
    };
    staff::create(&s.db, &s.vault, &spec, None, T0)
        .await
        .unwrap();
    server::store::staff::by_username(&s.db, "tb-admin")
        .await
        .unwrap()
        .unwrap()
        .into()
}

fn activity_form(org: &str, capacity: i64) -> NewActivityForm {
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

struct World {
    s: AppState,
    coord: staff::StaffUser,
    other: staff::StaffUser,
    activity: String,
    v1: AuthUser,
    v2: AuthUser,
}

async fn world(app: &support::TestApp, capacity: i64) -> World {
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
        coord,
        other,
        activity,
        v1,
        v2,
    }
}

on_both_backends!(
    registration_is_real_name_validated_encrypted_and_unique,
    |app| {
        let s = AppState::new(support::test_config(&app.database_url), app.db.clone());
        let user = resident(&s, 7).await;
        let id = id_number("19600101", "123");
        let mut bad = registration(
            "王秀英",
            &id.replace(&id[17..], if &id[17..] == "1" { "2" } else { "1" }),
        );
        bad.consent = false;
        bad.categories.clear();
        let err = volunteers::register_self(&s, &user, &bad, T0)
            .await
            .unwrap_err();
        let fields: Vec<String> = match err {
            server::error::ApiError::Validation(f) => f.into_iter().map(|f| f.field).collect(),
            e => panic!("{e:?}"),
        };
        assert_eq!(fields, ["id_number", "categories", "consent"]);
        assert_eq!(
            vstore::count(&s.db).await.unwrap(),
            0,
            "a refusal stores nothing"
        );

        let v = volunteers::register_self(&s, &user, &registration("王秀英", &id), T0)
            .await
            .unwrap();
        assert_eq!(v.name, "王**");
        assert_eq!(v.id_number, format!("{}**********{}", &id[..4], &id[14..]));
        assert_eq!((v.sex.as_str(), v.birth_date.as_str()), ("M", "1960-01-01"));
        let again =
            volunteers::register_self(&s, &resident(&s, 8).await, &registration("王秀英", &id), T0)
                .await
                .unwrap_err();
        assert_eq!(
            again.code(),
            "already_registered",
            "one ID number, one volunteer"
        );
        let raw: Vec<(String, String)> =
            sqlx::query_as("SELECT name_sealed, id_sealed FROM volunteers")
                .fetch_all(&s.db.pool)
                .await
                .unwrap();
        assert!(
            !raw[0].0.contains("王秀英") && !raw[0].1.contains(&id),
            "name and ID number are sealed at rest"
        );
        let consents = auth::consents(&s, &user).await.unwrap();
        assert!(
            consents
                .iter()
                .any(|c| c.purpose == "volunteer" && c.text_version == "volunteer-2026-11")
        );
    }
);

on_both_backends!(a_full_activity_has_a_waiting_list_that_moves_up, |app| {
    let w = world(app, 1).await;
    assert_eq!(
        activities::sign_up(&w.s, &w.v1, &w.activity, T0 - 7200)
            .await
            .unwrap(),
        "confirmed"
    );
    assert_eq!(
        activities::sign_up(&w.s, &w.v2, &w.activity, T0 - 7200)
            .await
            .unwrap(),
        "waiting"
    );
    assert_eq!(
        activities::sign_up(&w.s, &w.v2, &w.activity, T0 - 7200)
            .await
            .unwrap_err()
            .code(),
        "already_signed_up"
    );
    activities::cancel_signup(&w.s, &w.v1, &w.activity)
        .await
        .unwrap();
    let a = activities::get(&w.s, &w.activity).await.unwrap();
    assert_eq!(
        (a.confirmed, a.waiting),
        (1, 0),
        "the waiting volunteer moved up"
    );
    let status = server::store::activities::signup_status(
        &w.s.db,
        &w.activity,
        &vstore::by_account(&w.s.db, &w.v2.account_id)
            .await
            .unwrap()
            .unwrap()
            .id,
    )
    .await
    .unwrap();
    assert_eq!(status.as_deref(), Some("confirmed"));
    let err = activities::create(
        &w.s,
        &w.other,
        &activity_form(&a.organization_id, 5),
        T0 - 3600,
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "not_your_organization");
});

on_both_backends!(
    qr_check_in_and_out_refuse_forged_expired_replayed_and_out_of_order_scans,
    |app| {
        let w = world(app, 10).await;
        for v in [&w.v1, &w.v2] {
            activities::sign_up(&w.s, v, &w.activity, T0 - 7200)
                .await
                .unwrap();
        }
        let token = checkin::issue(&w.s, &w.coord, &w.activity, Direction::In, T0)
            .await
            .unwrap()
            .token;
        assert_eq!(
            checkin::issue(&w.s, &w.other, &w.activity, Direction::In, T0)
                .await
                .unwrap_err()
                .code(),
            "not_your_organization"
        );
        let forged = format!("{}0", &token[..token.len() - 1]);
        assert_eq!(
            checkin::scan(&w.s, &w.v1, &forged, T0)
                .await
                .unwrap_err()
                .code(),
            "bad_qr"
        );
        assert_eq!(
            checkin::scan(&w.s, &w.v1, &token, T0 + 61)
                .await
                .unwrap_err()
                .code(),
            "qr_expired"
        );
        let out_first = checkin::issue(&w.s, &w.coord, &w.activity, Direction::Out, T0)
            .await
            .unwrap()
            .token;
        assert_eq!(
            checkin::scan(&w.s, &w.v1, &out_first, T0)
                .await
                .unwrap_err()
                .code(),
            "not_checked_in"
        );
        checkin::scan(&w.s, &w.v1, &token, T0 + 5).await.unwrap();
        assert_eq!(
            checkin::scan(&w.s, &w.v1, &token, T0 + 6)
                .await
                .unwrap_err()
                .code(),
            "qr_used",
            "single use per volunteer"
        );
        checkin::scan(&w.s, &w.v2, &token, T0 + 7).await.unwrap();
        let out = checkin::issue(&w.s, &w.coord, &w.activity, Direction::Out, T0 + 5400)
            .await
            .unwrap()
            .token;
        let scan = checkin::scan(&w.s, &w.v1, &out, T0 + 5405).await.unwrap();
        assert_eq!(scan.minutes, Some(90));
        assert_eq!(
            checkin::scan(&w.s, &w.v1, &out, T0 + 5406)
                .await
                .unwrap_err()
                .code(),
            "already_checked_out"
        );
        // v2 forgets to check out: closed at the activity's end (12:00) and flagged.
        let list = verification::attendance_list(&w.s, &w.coord, &w.activity)
            .await
            .unwrap();
        let forgot = list
            .iter()
            .find(|p| p.minutes == Some(120) || p.flagged)
            .unwrap();
        assert!(forgot.flagged);
        let reads = server::store::audit::recent(&w.s.db, None, Some("attendance.read"), None, 10)
            .await
            .unwrap();
        assert_eq!(
            reads[0].entry.actor,
            format!("staff:{}", w.coord.id),
            "a coordinator's read of attendance is audited"
        );
        assert_eq!(forgot.check_out.as_deref(), Some("2026-11-20 12:00"));
    }
);

async fn checked_in_and_out(w: &World, v: &AuthUser, from: i64, to: i64) {
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

on_both_backends!(
    confirmed_hours_become_a_service_record_and_credits_once,
    |app| {
        let w = world(app, 10).await;
        checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
        checked_in_and_out(&w, &w.v2, T0, T0 + 1800).await;
        let list = verification::attendance_list(&w.s, &w.coord, &w.activity)
            .await
            .unwrap();
        let v1_id = vstore::by_account(&w.s.db, &w.v1.account_id)
            .await
            .unwrap()
            .unwrap()
            .id;
        let v2_id = vstore::by_account(&w.s.db, &w.v2.account_id)
            .await
            .unwrap()
            .unwrap()
            .id;
        let att = |v: &str| {
            list.iter()
                .find(|p| p.volunteer_id == v)
                .unwrap()
                .attendance_id
                .clone()
        };

        // The coordinator is also volunteer v2: they cannot confirm their own hours.
        vstore::link_staff_volunteer(&w.s.db, &w.coord.id, &v2_id)
            .await
            .unwrap();
        let own = [Confirmation {
            attendance_id: att(&v2_id),
            minutes: None,
            reason: String::new(),
        }];
        assert_eq!(
            verification::confirm(&w.s, &w.coord, &w.activity, &own, T0 + 7200)
                .await
                .unwrap_err()
                .code(),
            "own_hours"
        );
        let no_reason = [Confirmation {
            attendance_id: att(&v1_id),
            minutes: Some(50),
            reason: " ".into(),
        }];
        assert!(matches!(
            verification::confirm(&w.s, &w.coord, &w.activity, &no_reason, T0 + 7200).await,
            Err(server::error::ApiError::Validation(_))
        ));
        assert_eq!(
            verification::confirm(&w.s, &w.other, &w.activity, &own, T0 + 7200)
                .await
                .unwrap_err()
                .code(),
            "not_your_organization"
        );
        assert!(
            ledgers::service_records(&w.s.db, &v1_id)
                .await
                .unwrap()
                .is_empty(),
            "refusals record nothing"
        );

        let adjust = [Confirmation {
            attendance_id: att(&v1_id),
            minutes: Some(50),
            reason: "提前离开 10 分钟".into(),
        }];
        assert_eq!(
            verification::confirm(&w.s, &w.coord, &w.activity, &adjust, T0 + 7200)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            verification::confirm(&w.s, &w.coord, &w.activity, &adjust, T0 + 7300)
                .await
                .unwrap_err()
                .code(),
            "already_verified"
        );
        let records = ledgers::service_records(&w.s.db, &v1_id).await.unwrap();
        assert_eq!(
            (records.len(), records[0].minutes, records[0].kind.as_str()),
            (1, 50, "adjusted")
        );
        let credits = credits::mine(&w.s, &w.v1).await.unwrap();
        assert_eq!(credits.balance, 50);
        assert_eq!(ledgers::check(&w.s.db).await.unwrap(), (vec![], vec![]));
    }
);

on_both_backends!(
    gifts_move_credits_to_family_only_once_and_never_below_zero,
    |app| {
        let w = world(app, 10).await;
        checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
        let list = verification::attendance_list(&w.s, &w.coord, &w.activity)
            .await
            .unwrap();
        let items: Vec<Confirmation> = list
            .iter()
            .map(|p| Confirmation {
                attendance_id: p.attendance_id.clone(),
                minutes: None,
                reason: String::new(),
            })
            .collect();
        verification::confirm(&w.s, &w.coord, &w.activity, &items, T0 + 7200)
            .await
            .unwrap();
        let me = vstore::by_account(&w.s.db, &w.v1.account_id)
            .await
            .unwrap()
            .unwrap();
        let relative = vstore::by_account(&w.s.db, &w.v2.account_id)
            .await
            .unwrap()
            .unwrap();
        let gift = |minutes: i64, to: &str, key: &str| Gift {
            to: to.into(),
            minutes,
            idempotency_key: key.into(),
        };

        assert!(
            credits::gift(&w.s, &w.v1, &gift(10, &relative.id, "k0"), T0)
                .await
                .is_err(),
            "not yet family"
        );
        let linked = volunteers::link_family(&w.s, &me, &id_number("19850704", "011"), T0)
            .await
            .unwrap();
        assert_eq!(linked.id, relative.id);
        assert!(
            credits::gift(&w.s, &w.v1, &gift(10, &me.id, "k1"), T0)
                .await
                .is_err(),
            "not to oneself"
        );
        assert_eq!(
            credits::gift(&w.s, &w.v1, &gift(61, &relative.id, "k2"), T0)
                .await
                .unwrap_err()
                .code(),
            "insufficient_credits"
        );
        assert_eq!(
            credits::mine(&w.s, &w.v1).await.unwrap().balance,
            60,
            "a refused gift moves nothing"
        );
        credits::gift(&w.s, &w.v1, &gift(25, &relative.id, "k3"), T0)
            .await
            .unwrap();
        credits::gift(&w.s, &w.v1, &gift(25, &relative.id, "k3"), T0)
            .await
            .unwrap();
        assert_eq!(
            credits::mine(&w.s, &w.v1).await.unwrap().balance,
            35,
            "a retry with the same key moves nothing more"
        );
        assert_eq!(credits::mine(&w.s, &w.v2).await.unwrap().balance, 25);
        assert_eq!(ledgers::check(&w.s.db).await.unwrap(), (vec![], vec![]));
    }
);

on_both_backends!(concurrent_gifts_both_ways_keep_every_balance_sound, |app| {
    let w = world(app, 10).await;
    checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
    checked_in_and_out(&w, &w.v2, T0, T0 + 3600).await;
    let list = verification::attendance_list(&w.s, &w.coord, &w.activity)
        .await
        .unwrap();
    let items: Vec<Confirmation> = list
        .iter()
        .map(|p| Confirmation {
            attendance_id: p.attendance_id.clone(),
            minutes: None,
            reason: String::new(),
        })
        .collect();
    verification::confirm(&w.s, &w.coord, &w.activity, &items, T0 + 7200)
        .await
        .unwrap();
    let a = vstore::by_account(&w.s.db, &w.v1.account_id)
        .await
        .unwrap()
        .unwrap();
    let b = vstore::by_account(&w.s.db, &w.v2.account_id)
        .await
        .unwrap()
        .unwrap();
    volunteers::link_family(&w.s, &a, &id_number("19850704", "011"), T0)
        .await
        .unwrap();
    volunteers::link_family(&w.s, &b, &id_number("19580312", "002"), T0)
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..60 {
        let (s, from, to) = if i % 2 == 0 {
            (w.s.clone(), w.v1.clone(), b.id.clone())
        } else {
            (w.s.clone(), w.v2.clone(), a.id.clone())
        };
        tasks.push(tokio::spawn(async move {
            credits::gift(
                &s,
                &from,
                &Gift {
                    to,
                    minutes: 7,
                    idempotency_key: format!("c{i}"),
                },
                T0,
            )
            .await
        }));
    }
    for t in tasks {
        let r = t.await.unwrap();
        assert!(
            r.is_ok() || r.as_ref().unwrap_err().code() == "insufficient_credits",
            "{r:?}"
        );
    }
    let (x, y) = (
        credits::mine(&w.s, &w.v1).await.unwrap().balance,
        credits::mine(&w.s, &w.v2).await.unwrap().balance,
    );
    assert!(x >= 0 && y >= 0);
    assert_eq!(x + y, 120, "credits are neither made nor lost");
    assert_eq!(ledgers::check(&w.s.db).await.unwrap(), (vec![], vec![]));
});
