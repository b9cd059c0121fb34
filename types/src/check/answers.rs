//! The resident's answers as form fields (name → text), exactly what a `<form>` would post,
//! and their reading into a `policy::Household`. The same code runs in the browser (wasm) and,
//! without JavaScript, on the server.

use policy::{
    Assets, Date, Deceased, DisabilityGrade, EcoBurial, Household, LifeEvent, Member,
    ParentsStatus, QuestionId, Residence, TriState,
};
use std::collections::BTreeMap;

/// A problem with one answer, shown at the field and in the summary at the top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The form field (also the id of its input).
    pub field: String,
    pub zh: String,
    pub en: String,
}

impl Problem {
    fn new(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            field: field.into(),
            zh: zh.into(),
            en: en.into(),
        }
    }
}

pub const MAX_MEMBERS: usize = 20;
/// Above this a monthly amount is surely a typing mistake (10 million yuan).
const MAX_YUAN: i64 = 10_000_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers(pub BTreeMap<String, String>);

impl Answers {
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_default()
    }

    pub fn set(&mut self, key: &str, value: String) {
        if value.is_empty() {
            self.0.remove(key);
        } else {
            self.0.insert(key.to_string(), value);
        }
    }

    /// From `application/x-www-form-urlencoded` pairs; repeated `ev` values are joined.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Answers {
        let mut a = Answers::default();
        for (k, v) in pairs {
            if k == "ev" {
                let mut evs: Vec<String> = a
                    .get("ev")
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                if !evs.contains(&v) {
                    evs.push(v);
                }
                a.set("ev", evs.join(","));
            } else if !k.starts_with('_') {
                a.set(&k, v.trim().to_string());
            }
        }
        a
    }

    pub fn events(&self) -> Vec<LifeEvent> {
        self.get("ev")
            .split(',')
            .filter_map(event_from_key)
            .collect()
    }

    pub fn has_event(&self, e: LifeEvent) -> bool {
        self.events().contains(&e)
    }

    pub fn toggle_event(&mut self, e: LifeEvent, on: bool) {
        let mut evs = self.events();
        evs.retain(|x| *x != e);
        if on {
            evs.push(e);
        }
        evs.sort_by_key(|x| LifeEvent::ALL.iter().position(|y| y == x));
        self.set(
            "ev",
            evs.iter()
                .map(|e| event_key(*e))
                .collect::<Vec<_>>()
                .join(","),
        );
    }

    /// Members to ask about: the household size answered, within 1..=20.
    pub fn member_count(&self) -> usize {
        self.get("size")
            .parse::<usize>()
            .unwrap_or(1)
            .clamp(1, MAX_MEMBERS)
    }

    /// Encodes for a URL fragment (`#…`), which browsers never send to a server.
    /// The answers as form fields: one pair per answer, the life events one pair each.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .flat_map(|(k, v)| {
                if k == "ev" {
                    v.split(',')
                        .map(|e| ("ev".to_string(), e.to_string()))
                        .collect::<Vec<_>>()
                } else {
                    vec![(k.clone(), v.clone())]
                }
            })
            .collect()
    }

    pub fn to_fragment(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{}={}", pct(k), pct(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    pub fn from_fragment(s: &str) -> Answers {
        Answers::from_pairs(
            s.trim_start_matches('#')
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    (unpct(k), unpct(v))
                }),
        )
    }

    /// Checks the answers of some questions; empty when they can be read.
    pub fn problems_in(&self, questions: &[QuestionId], today: Date) -> Vec<Problem> {
        match self.read(questions, today) {
            Ok(_) => vec![],
            Err(p) => p,
        }
    }

    /// Reads the answers to `questions` into a household; what was not asked keeps its default
    /// ("unknown" for yes/no questions, which never passes silently).
    pub fn read(&self, questions: &[QuestionId], today: Date) -> Result<Household, Vec<Problem>> {
        use QuestionId as Q;
        let asked = |q: Q| questions.contains(&q);
        let mut problems = Vec::new();
        let residence = match self.get("residence").as_str() {
            "rural" => Residence::Rural,
            "urban" => Residence::Urban,
            _ if asked(Q::Residence) => {
                problems.push(Problem::new(
                    "residence",
                    "请选择城市或农村标准",
                    "Choose urban or rural",
                ));
                Residence::Urban
            }
            _ => Residence::Urban,
        };
        let n = match self.get("size").parse::<usize>() {
            Ok(n) if (1..=MAX_MEMBERS).contains(&n) => n,
            _ => {
                if asked(Q::HouseholdSize) {
                    problems.push(Problem::new(
                        "size",
                        "请填写 1 到 20 之间的人数",
                        "Enter a number of people from 1 to 20",
                    ));
                }
                1
            }
        };
        let mut members = vec![Member::default(); n];
        for (i, m) in members.iter_mut().enumerate() {
            let k = |name: &str| format!("{name}.{}", i + 1);
            if asked(Q::MemberAges) {
                match self.get(&k("age")).parse::<u16>() {
                    Ok(a) if a <= 130 => m.age = Some(a),
                    _ => problems.push(Problem::new(
                        k("age"),
                        format!("请填写第 {} 位成员的年龄（0 到 130 岁）", i + 1),
                        format!("Enter the age of member {} (0 to 130)", i + 1),
                    )),
                }
            }
            m.disability = match self.get(&k("dis")).as_str() {
                "1" => DisabilityGrade::Grade1,
                "2" => DisabilityGrade::Grade2,
                "3" => DisabilityGrade::Grade3,
                "4" => DisabilityGrade::Grade4,
                _ => DisabilityGrade::None,
            };
            m.severe_illness = self.get(&k("ill")) == "yes";
            m.can_work = tri(&self.get(&k("work")));
            m.college_student = self.get(&k("college")) == "yes";
            m.needs_daily_care = self.get(&k("care")) == "yes";
            m.parents = match self.get(&k("parents")).as_str() {
                "orphan" => ParentsStatus::Orphan,
                "de_facto" => ParentsStatus::DeFactoUnsupported,
                "unsure" => ParentsStatus::Unsure,
                _ => ParentsStatus::Supported,
            };
        }
        let income = self.money("income", asked(Q::MonthlyIncome), &mut problems);
        let mut h = Household::new(residence, members, income);
        h.supporter_able = tri(&self.get("supporter"));
        if asked(Q::RigidSpending) {
            h.medical_spending_12m_fen = self.money("medical", false, &mut problems);
            h.education_spending_12m_fen = self.money("education", false, &mut problems);
        }
        h.assets = Assets {
            savings_over_limit: tri(&self.get("savings")),
            extra_housing: tri(&self.get("housing")),
            vehicle: tri(&self.get("vehicle")),
        };
        h.sudden_hardship = self.get("sudden") == "yes";
        h.urgent = h.sudden_hardship && self.get("urgent") == "yes";
        h.hukou_wuhan = tri(&self.get("hukou"));
        if asked(Q::DeceasedRegistration) || asked(Q::Cremation) || asked(Q::EcoBurial) {
            let date = self.get("d_date");
            let cremation_date = if date.is_empty() {
                None
            } else {
                match Date::parse(&date) {
                    Ok(d) if d <= today => Some(d),
                    _ => {
                        problems.push(Problem::new(
                            "d_date",
                            "请填写真实的火化日期（不能晚于今天）",
                            "Enter the real cremation date (not after today)",
                        ));
                        None
                    }
                }
            };
            h.deceased = Some(Deceased {
                hukou_wuhan: tri(&self.get("d_hukou")),
                died_in_wuhan: tri(&self.get("d_died")),
                cremated_in_wuhan: tri(&self.get("d_cremated")),
                cremation_date,
                eco_burial: match self.get("eco").as_str() {
                    "tree" => Some(EcoBurial::Tree),
                    "flower_bed" => Some(EcoBurial::FlowerBed),
                    "lawn" => Some(EcoBurial::Lawn),
                    "scattering" => Some(EcoBurial::Scattering),
                    _ => None,
                },
            });
        }
        if problems.is_empty() {
            Ok(h)
        } else {
            Err(problems)
        }
    }

    /// Yuan as typed ("1200", "1,200.5") → fen.
    fn money(&self, key: &str, required: bool, problems: &mut Vec<Problem>) -> i64 {
        let raw = self.get(key).replace([',', '，', ' '], "");
        if raw.is_empty() {
            if required {
                problems.push(Problem::new(
                    key,
                    "请填写金额（没有就填 0）",
                    "Enter an amount (0 if none)",
                ));
            }
            return 0;
        }
        match parse_yuan(&raw) {
            Some(fen) if fen <= MAX_YUAN * 100 => fen,
            Some(_) => {
                problems.push(Problem::new(
                    key,
                    "金额过大，请核对（按元填写每月金额）",
                    "That amount is too large; enter yuan per month",
                ));
                0
            }
            None => {
                problems.push(Problem::new(
                    key,
                    "请填写不小于 0 的金额，最多两位小数",
                    "Enter an amount of 0 or more, at most two decimals",
                ));
                0
            }
        }
    }
}

fn tri(s: &str) -> TriState {
    match s {
        "yes" => TriState::Yes,
        "no" => TriState::No,
        _ => TriState::Unknown,
    }
}

/// "1234.5" → 123450 fen; negative, malformed or more than two decimals → None.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    whole.checked_mul(100)?.checked_add(frac)
}

pub fn event_key(e: LifeEvent) -> &'static str {
    match e {
        LifeEvent::Hardship => "hardship",
        LifeEvent::ElderlyFamily => "elderly",
        LifeEvent::Disability => "disability",
        LifeEvent::Children => "children",
        LifeEvent::Bereavement => "bereavement",
        LifeEvent::SuddenDifficulty => "sudden",
    }
}

fn event_from_key(k: &str) -> Option<LifeEvent> {
    LifeEvent::ALL.into_iter().find(|e| event_key(*e) == k)
}

fn pct(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn unpct(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_parses_to_fen_and_refuses_negatives() {
        assert_eq!(parse_yuan("1200"), Some(120_000));
        assert_eq!(parse_yuan("0.5"), Some(50));
        assert_eq!(parse_yuan("12.34"), Some(1234));
        assert_eq!(parse_yuan("-1"), None);
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("abc"), None);
    }

    #[test]
    fn fragment_round_trips_chinese_and_symbols() {
        let mut a = Answers::default();
        a.set("ev", "hardship,elderly".into());
        a.set("income", "1,200.50 元".into());
        assert_eq!(Answers::from_fragment(&format!("#{}", a.to_fragment())), a);
    }

    #[test]
    fn household_size_out_of_range_is_a_problem_at_the_field() {
        let mut a = Answers::default();
        a.set("size", "21".into());
        let today = Date::new(2026, 1, 1).unwrap();
        let p = a.problems_in(&[QuestionId::HouseholdSize], today);
        assert_eq!(p[0].field, "size");
    }
}
