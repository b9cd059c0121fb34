//! The pre-application sent from the check's results.

use super::*;

/// The pre-application form under the check's results: the answers travel as hidden fields,
/// the form's own fields start with `pre_`. A refusal shows the results again with the message.
pub async fn preapplication(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = crate::site::form::form(req).await;
    if let Some(r) = crate::site::refuse_cross_site(&parts) {
        return r;
    }
    let answers: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| !k.starts_with("pre_") && !k.starts_with('_'))
        .cloned()
        .collect();
    let p = PreApplication {
        street_code: crate::site::form::value(&pairs, "pre_street_code"),
        programs: pairs
            .iter()
            .filter(|(k, _)| k == "pre_programs")
            .map(|(_, v)| v.clone())
            .collect(),
        answers: types::check::answers::Answers::from_pairs(answers.clone()).0,
        name: crate::site::form::value(&pairs, "pre_name"),
        consent: crate::site::form::value(&pairs, "pre_consent") == "yes",
    };
    let result = match signed_in(&parts) {
        Some(user) => preapply::send(&s, &user, &p, now()).await,
        None => Err(please_sign_in()),
    };
    match result {
        Ok(c) => Redirect::to(&format!("/cases/{}?sent=1", c.reference)).into_response(),
        Err(e) => {
            let (posted, status) = crate::site::form::posted(&e, "consent", "pre_");
            let one = app::prefs::Prefs::from_cookie_header(
                parts
                    .headers
                    .get(axum::http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default(),
                app::prefs::KioskTiming::default(),
            );
            let a = types::check::answers::Answers::from_pairs(answers);
            let step = app::check::flow::screens(&a, one.large || one.kiosk).len() - 1;
            let state = app::check::flow::CheckState {
                answers: a,
                step,
                problems: vec![],
            };
            let draft = FormDraft(
                pairs
                    .iter()
                    .filter(|(k, _)| k.starts_with("pre_"))
                    .cloned()
                    .collect(),
            );
            let mut parts = parts;
            parts.uri = "/check".parse().expect("a static path");
            let mut res = crate::site::render_with(&s, parts, move || {
                provide_context(app::check::PostedCheck(state.clone()));
                provide_context(posted.clone());
                provide_context(draft.clone());
            })
            .await;
            *res.status_mut() = status;
            res
        }
    }
}
