//! The steps of the check and how an answer moves between them. Pure: the browser runs it on
//! submit, and the server runs it for a form posted without JavaScript.

use super::answers::{Answers, Problem};
use policy::{Date, QuestionId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Which life events apply (several may).
    Events,
    /// One question (kiosks and 长辈版).
    Question(QuestionId),
    /// All questions on one page (phones).
    Group,
    Summary,
    Results,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckState {
    pub answers: Answers,
    pub step: usize,
    pub problems: Vec<Problem>,
}

/// The questions the chosen life events need, in asking order.
pub fn questions(a: &Answers) -> Vec<QuestionId> {
    let mut qs = policy::questions_for(&a.events());
    if a.get("sudden") != "yes" && !qs.is_empty() {
        // "Do you need help right now?" only follows a "yes" to a sudden hardship.
        qs.retain(|q| *q != QuestionId::Urgent);
    }
    qs
}

pub fn screens(a: &Answers, one_per_screen: bool) -> Vec<Screen> {
    let qs = questions(a);
    let mut s = vec![Screen::Events];
    if one_per_screen {
        s.extend(qs.into_iter().map(Screen::Question));
    } else if !qs.is_empty() {
        s.push(Screen::Group);
    }
    s.push(Screen::Summary);
    s.push(Screen::Results);
    s
}

/// The form fields a question owns (a trailing dot means one per household member).
pub fn keys_of(q: QuestionId) -> &'static [&'static str] {
    use QuestionId as Q;
    match q {
        Q::Residence => &["residence"],
        Q::HouseholdSize => &["size"],
        Q::MemberAges => &["age."],
        Q::MemberDisability => &["dis."],
        Q::MemberSevereIllness => &["ill."],
        Q::MemberCanWork => &["work."],
        Q::MonthlyIncome => &["income"],
        Q::Supporter => &["supporter"],
        Q::RigidSpending => &["medical", "education"],
        Q::Assets => &["savings", "housing", "vehicle"],
        Q::SuddenHardship => &["sudden"],
        Q::Urgent => &["urgent"],
        Q::Hukou => &["hukou"],
        Q::CollegeStudent => &["college."],
        Q::ChildParents => &["parents."],
        Q::DailyCare => &["care."],
        Q::DeceasedRegistration => &["d_hukou", "d_died"],
        Q::Cremation => &["d_cremated", "d_date"],
        Q::EcoBurial => &["eco"],
    }
}

/// Whether a field is shown as an input on this screen (else it travels as a hidden field).
pub fn shows_field(screen: Screen, a: &Answers, key: &str) -> bool {
    let owned = |q: QuestionId| {
        keys_of(q).iter().any(|k| {
            if k.ends_with('.') {
                key.starts_with(k)
            } else {
                key == *k
            }
        })
    };
    match screen {
        Screen::Events => key == "ev",
        Screen::Question(q) => owned(q),
        Screen::Group => questions(a).into_iter().any(owned),
        Screen::Summary | Screen::Results => false,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Next,
    Back,
    /// Jump back to a step to change an answer.
    Edit(usize),
    Restart,
}

impl Action {
    pub fn parse(s: &str) -> Action {
        match s {
            "back" => Action::Back,
            "restart" => Action::Restart,
            other => other
                .strip_prefix("edit:")
                .and_then(|n| n.parse().ok())
                .map(Action::Edit)
                .unwrap_or(Action::Next),
        }
    }
}

/// The problems that keep a screen from moving on.
pub fn problems_on(screen: Screen, a: &Answers, today: Date) -> Vec<Problem> {
    match screen {
        Screen::Events if a.events().is_empty() => vec![Problem {
            field: "ev-hardship".into(),
            zh: "请至少选择一项".into(),
            en: "Choose at least one".into(),
        }],
        Screen::Question(q) => a.problems_in(&[q], today),
        Screen::Group | Screen::Summary => a.problems_in(&questions(a), today),
        _ => vec![],
    }
}

pub fn advance(state: CheckState, action: Action, one_per_screen: bool, today: Date) -> CheckState {
    let list = screens(&state.answers, one_per_screen);
    let step = state.step.min(list.len() - 1);
    let to = |step: usize, problems| CheckState {
        answers: state.answers.clone(),
        step,
        problems,
    };
    match action {
        Action::Restart => CheckState::default(),
        Action::Back => to(step.saturating_sub(1), vec![]),
        Action::Edit(n) => to(n.min(list.len() - 1), vec![]),
        Action::Next => {
            let problems = problems_on(list[step], &state.answers, today);
            if problems.is_empty() {
                // The list may have changed with this answer (e.g. the urgent question).
                let list = screens(&state.answers, one_per_screen);
                to((step + 1).min(list.len() - 1), vec![])
            } else {
                to(step, problems)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use policy::LifeEvent;

    fn common_case() -> Answers {
        let mut a = Answers::default();
        a.toggle_event(LifeEvent::Hardship, true);
        a
    }

    #[test]
    fn the_common_case_asks_at_most_twelve_questions_one_per_screen() {
        let a = common_case();
        let s = screens(&a, true);
        let questions = s
            .iter()
            .filter(|s| matches!(s, Screen::Question(_)))
            .count();
        assert!(questions <= 12, "{questions}");
        assert_eq!(
            screens(&a, false).len(),
            4,
            "events, group, summary, results on a phone"
        );
    }

    #[test]
    fn next_with_a_missing_answer_stays_and_names_the_field() {
        let a = common_case();
        let today = Date::new(2026, 11, 28).unwrap();
        let s = advance(
            CheckState {
                answers: a,
                step: 1,
                problems: vec![],
            },
            Action::Next,
            true,
            today,
        );
        assert_eq!(s.step, 1);
        assert_eq!(s.problems[0].field, "residence");
    }

    #[test]
    fn events_screen_requires_a_choice() {
        let today = Date::new(2026, 11, 28).unwrap();
        let s = advance(CheckState::default(), Action::Next, true, today);
        assert_eq!(s.step, 0);
        assert_eq!(s.problems.len(), 1);
    }
}
