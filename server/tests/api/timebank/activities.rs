//! The time bank on SQLite and PostgreSQL: real-name registration, activities with a waiting
//! list, QR check-in and check-out.

use crate::support;

use super::world::*;
use server::account;
use server::state::AppState;
use server::timebank::activities;
use server::timebank::checkin::{self, Direction};
use server::timebank::store::volunteers as vstore;
use server::timebank::verification;
use server::timebank::volunteers;

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
        let consents = account::consents(&s, &user).await.unwrap();
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
    let status = server::timebank::store::activities::signup_status(
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
        // The last character changed (to one it is not: the token is random, so it may end in 0).
        let last = if token.ends_with('0') { '1' } else { '0' };
        let forged = format!("{}{last}", &token[..token.len() - 1]);
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
        let reads = server::audit::store::recent(&w.s.db, None, Some("attendance.read"), None, 10)
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

on_both_backends!(
    check_in_outside_the_hours_overlapping_sessions_and_bad_group_times_are_refused,
    |app| {
        let w = world(app, 10).await;
        let org = activities::get(&w.s, &w.activity)
            .await
            .unwrap()
            .organization_id;
        // A second activity at the same time, in another place.
        let mut form = activity_form(&org, 10);
        form.name = "社区助餐".into();
        let other = activities::create(&w.s, &w.coord, &form, T0 - 3600)
            .await
            .unwrap()
            .id;
        for a in [&w.activity, &other] {
            activities::sign_up(&w.s, &w.v1, a, T0 - 7200)
                .await
                .unwrap();
        }
        // 07:00 is before check-in opens (an hour before 09:30).
        let early = T0 - 3 * 3600;
        let t = checkin::issue(&w.s, &w.coord, &w.activity, Direction::In, early)
            .await
            .unwrap()
            .token;
        assert_eq!(
            checkin::scan(&w.s, &w.v1, &t, early)
                .await
                .unwrap_err()
                .code(),
            "outside_hours"
        );
        // Checked in to one, the volunteer cannot be at the other at the same time.
        let t = checkin::issue(&w.s, &w.coord, &w.activity, Direction::In, T0)
            .await
            .unwrap()
            .token;
        checkin::scan(&w.s, &w.v1, &t, T0).await.unwrap();
        let t = checkin::issue(&w.s, &w.coord, &other, Direction::In, T0 + 60)
            .await
            .unwrap()
            .token;
        assert_eq!(
            checkin::scan(&w.s, &w.v1, &t, T0 + 60)
                .await
                .unwrap_err()
                .code(),
            "overlap"
        );
        // Group attendance: times outside the activity, backwards, or overlapping are refused.
        let v1 = volunteer_id(&w, &w.v1).await;
        let v2 = volunteer_id(&w, &w.v2).await;
        let group = |ids: Vec<String>, from: &str, to: &str| checkin::GroupAttendance {
            volunteer_ids: ids,
            from: from.into(),
            to: to.into(),
        };
        for (g, field) in [
            (group(vec![v2.clone()], "07:00", "11:00"), "from"),
            (group(vec![v2.clone()], "11:00", "10:00"), "to"),
            (
                group(vec!["nobody".into()], "10:00", "11:00"),
                "volunteer_ids",
            ),
        ] {
            let e = checkin::record_group(&w.s, &w.coord, &other, &g)
                .await
                .unwrap_err();
            assert!(format!("{e:?}").contains(field), "{field}: {e:?}");
        }
        assert_eq!(
            checkin::record_group(&w.s, &w.coord, &other, &group(vec![v1], "10:00", "11:00"))
                .await
                .unwrap_err()
                .code(),
            "overlap"
        );
        assert_eq!(
            checkin::record_group(
                &w.s,
                &w.other,
                &other,
                &group(vec![v2.clone()], "10:00", "11:00")
            )
            .await
            .unwrap_err()
            .code(),
            "not_your_organization"
        );
        assert_eq!(
            checkin::record_group(&w.s, &w.coord, &other, &group(vec![v2], "10:00", "11:00"))
                .await
                .unwrap(),
            1
        );
    }
);

on_both_backends!(
    unconfirmed_records_past_ten_working_days_are_listed_and_impossible_times_refused,
    |app| {
        let w = world(app, 10).await;
        checked_in_and_out(&w, &w.v1, T0, T0 + 3600).await;
        // Friday 2026-11-20: the tenth working day after is Friday 12-04, so the record is still
        // on time that Sunday (12-06) and overdue on Monday 12-07.
        let day = 86_400;
        assert!(
            verification::overdue(&w.s, &w.coord, T0 + 16 * day)
                .await
                .unwrap()
                .is_empty()
        );
        let late = verification::overdue(&w.s, &w.coord, T0 + 17 * day)
            .await
            .unwrap();
        assert_eq!(late.len(), 1, "{late:?}");
        assert_eq!(late[0].1, "陪伴独居老人");
        assert!(
            verification::overdue(&w.s, &w.other, T0 + 17 * day)
                .await
                .unwrap()
                .is_empty(),
            "another organization's coordinator does not see them"
        );
        // Over 24 hours is refused at confirmation.
        let list = verification::attendance_list(&w.s, &w.coord, &w.activity)
            .await
            .unwrap();
        let too_long = [verification::Confirmation {
            attendance_id: list[0].attendance_id.clone(),
            minutes: Some(24 * 60 + 1),
            reason: "多算".into(),
        }];
        let e = verification::confirm(&w.s, &w.coord, &w.activity, &too_long, T0 + day)
            .await
            .unwrap_err();
        assert!(format!("{e:?}").contains("minutes"), "{e:?}");
        // Attendance for an activity that has not happened yet is refused.
        let org = activities::get(&w.s, &w.activity)
            .await
            .unwrap()
            .organization_id;
        let mut form = activity_form(&org, 10);
        form.date = "2030-06-01".into();
        let future = activities::create(&w.s, &w.coord, &form, T0)
            .await
            .unwrap()
            .id;
        let v2 = volunteer_id(&w, &w.v2).await;
        let g = checkin::GroupAttendance {
            volunteer_ids: vec![v2],
            from: "10:00".into(),
            to: "11:00".into(),
        };
        let e = checkin::record_group(&w.s, &w.coord, &future, &g)
            .await
            .unwrap_err();
        assert!(format!("{e:?}").contains("from"), "{e:?}");
    }
);
