//! The coordinator's activities page, as a browser without JavaScript uses it: a form posted to
//! the page shows the page again with its data (what the form did, or the error at its field),
//! never the "your role may not see this page" of a page that lost its data.

use crate::support;

use server::auth::totp;
use server::staff;
use server::state::AppState;
use server::timebank::activities::{self, NewOrganization};

const SECRET: &str = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";

async fn post_as(
    app: &support::TestApp,
    token: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url(path))
        .header("origin", &app.addr)
        .header("cookie", format!("staff={token}"))
        .form(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

on_both_backends!(
    the_activities_page_shown_again_after_a_form_keeps_its_data,
    |app| {
        let s = AppState::new(support::test_config(&app.database_url), app.db.clone());
        let t = server::clock::now();
        let spec = staff::StaffSpec {
            username: "desk-coord",
            display_name: "吴家山协调员",
            password: "Coordinate-desk-2026",
            role: types::account::Role::Coordinator,
            street: None,
        };
        staff::create(&s.db, &s.vault, &spec, totp::from_base32(SECRET), t)
            .await
            .unwrap();
        let (token, coord) =
            support::staff_sign_in(&s, "desk-coord", "Coordinate-desk-2026", SECRET).await;
        let admin = crate::timebank::world::admin(&s).await;
        let org = activities::create_organization(
            &s,
            &admin,
            &NewOrganization {
                name: "吴家山志愿服务站".into(),
                street_code: Some("wujiashan".into()),
                coordinators: vec![coord.id.clone()],
            },
            t,
        )
        .await
        .unwrap();
        let date = server::clock::today(t + 2 * 86_400).to_string();
        let form = |name: &'static str| {
            vec![
                ("organization_id", org.id.clone()),
                ("name", name.to_string()),
                ("date", date.clone()),
                ("start", "09:30".into()),
                ("end", "11:30".into()),
                ("place", "吴家山街道养老服务中心".into()),
                ("content", "陪伴聊天".into()),
                ("category", "elderly".into()),
                ("capacity", "10".into()),
                ("organizer_unit", "吴家山街道志愿服务站".into()),
                ("person_in_charge", "李老师".into()),
                ("earns_credits", "yes".into()),
            ]
        };
        let published = form("读报给老人听");
        let published: Vec<(&str, &str)> =
            published.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, html) = post_as(app, &token, "/staff/activities", &published).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("已发布：读报给老人听"), "the notice shows");
        assert!(!html.contains("staff-denied"), "the page kept its data");
        assert!(
            html.contains(r#"id="page-data""#),
            "the browser gets the data too"
        );

        let nameless = form("");
        let nameless: Vec<(&str, &str)> = nameless.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, html) = post_as(app, &token, "/staff/activities", &nameless).await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("error-summary"), "the error shows at the top");
        assert!(!html.contains("staff-denied"), "the page kept its data");
        assert!(
            html.contains("读报给老人听"),
            "the activities are still listed"
        );
    }
);
