//! Evaluating every program for a typical household: an urban family of three on a low income.
//! Parameters are parsed once, outside the measured loop, as a server or the browser would.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use policy::{Assets, Date, Household, Member, ParameterSet, Residence, TriState, evaluate_all};

fn typical_household() -> Household {
    let adult = |age| Member {
        age: Some(age),
        can_work: TriState::Yes,
        ..Member::default()
    };
    let mut h = Household::new(
        Residence::Urban,
        vec![
            adult(41),
            adult(39),
            Member {
                age: Some(12),
                ..Member::default()
            },
        ],
        150_000,
    );
    h.supporter_able = TriState::Yes;
    h.assets = Assets {
        savings_over_limit: TriState::No,
        extra_housing: TriState::No,
        vehicle: TriState::No,
    };
    h.hukou_wuhan = TriState::Yes;
    h
}

fn bench(c: &mut Criterion) {
    let params = ParameterSet::embedded();
    let household = typical_household();
    let date = Date::parse("2024-06-01").expect("valid date");
    c.bench_function("evaluate_all typical urban family of 3", |b| {
        b.iter(|| evaluate_all(black_box(&household), black_box(date), black_box(&params)))
    });
    c.bench_function(
        "ParameterSet::embedded (build from the compiled-in data)",
        |b| b.iter(ParameterSet::embedded),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
