//! Complementary suppression for open data (issue #17, L5).
//!
//! Hiding every count from 1 to 4 is not enough when the total is published too: the total
//! minus the visible cells of a breakdown gives back a hidden cell (8 cases, 7 in one street,
//! "<5" in the other: the other has 1). So after the small counts are hidden, further counts
//! are *withheld* (shown as `x`) until no small count can be worked out exactly from what is
//! published: the total, every breakdown that adds up to it (streets, months), "<5" meaning
//! 1 to 4 and `x` meaning at least 1.
//!
//! The reader's reasoning is modelled exactly: the total lies between the sums of each
//! breakdown's smallest and largest possible cells, and a cell between the total's bounds
//! minus the other cells' bounds. A count of 1 to 4 whose range is a single number is
//! disclosed, and one more count is withheld: preferably one that ends that disclosure, in
//! this order: a visible count of the same breakdown (smallest first), a "<5" of the same
//! breakdown, the total, a visible count of another breakdown, a "<5" of another breakdown.
//! Zeros stay visible (an `x` is never 0).

use super::{Count, SUPPRESS_BELOW};

/// What a reader can work out about one count: at least `lo`, at most `hi` (none: no bound).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Range {
    lo: i64,
    hi: Option<i64>,
}

impl Range {
    fn of(shown: Count) -> Range {
        match shown {
            Count::Exact(n) => Range { lo: n, hi: Some(n) },
            Count::Suppressed => Range {
                lo: 1,
                hi: Some(SUPPRESS_BELOW - 1),
            },
            Count::Withheld => Range { lo: 1, hi: None },
        }
    }

    fn meet(self, other: Range) -> Range {
        Range {
            lo: self.lo.max(other.lo),
            hi: match (self.hi, other.hi) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }

    fn sum(ranges: impl Iterator<Item = Range>) -> Range {
        ranges.fold(Range { lo: 0, hi: Some(0) }, |acc, r| Range {
            lo: acc.lo + r.lo,
            hi: acc.hi.zip(r.hi).map(|(a, b)| a + b),
        })
    }

    fn pinned(self) -> bool {
        self.hi == Some(self.lo)
    }
}

/// A published value: the total, or cell `.1` of breakdown `.0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum At {
    Total,
    Cell(usize, usize),
}

/// One kind of case as published: its total and the breakdowns that each add up to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    pub total: Count,
    pub parts: Vec<Vec<Count>>,
}

impl Published {
    fn get(&self, at: At) -> Count {
        match at {
            At::Total => self.total,
            At::Cell(p, c) => self.parts[p][c],
        }
    }

    fn withhold(&mut self, at: At) {
        match at {
            At::Total => self.total = Count::Withheld,
            At::Cell(p, c) => self.parts[p][c] = Count::Withheld,
        }
    }

    fn total_range(&self) -> Range {
        self.parts.iter().fold(Range::of(self.total), |r, part| {
            r.meet(Range::sum(part.iter().map(|c| Range::of(*c))))
        })
    }

    /// What a reader can work out about the value at `at`.
    fn range(&self, at: At) -> Range {
        let total = self.total_range();
        match at {
            At::Total => total,
            At::Cell(p, c) => {
                let others = Range::sum(
                    self.parts[p]
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != c)
                        .map(|(_, shown)| Range::of(*shown)),
                );
                Range::of(self.parts[p][c]).meet(Range {
                    lo: others.hi.map_or(i64::MIN, |h| total.lo - h),
                    hi: total.hi.map(|h| h - others.lo),
                })
            }
        }
    }
}

fn small(n: i64) -> bool {
    (1..SUPPRESS_BELOW).contains(&n)
}

/// The total and breakdowns (`parts`, each adding up to `total`) as the public may see them.
pub fn publish(total: i64, parts: &[Vec<i64>]) -> Published {
    let truth = |at: At| match at {
        At::Total => total,
        At::Cell(p, c) => parts[p][c],
    };
    let cells: Vec<At> = std::iter::once(At::Total)
        .chain(
            parts
                .iter()
                .enumerate()
                .flat_map(|(p, part)| (0..part.len()).map(move |c| At::Cell(p, c))),
        )
        .collect();
    let mut shown = Published {
        total: Count::public(total),
        parts: parts
            .iter()
            .map(|part| part.iter().map(|n| Count::public(*n)).collect())
            .collect(),
    };
    // Each round withholds one more value, so this ends after at most one round per value.
    for _ in 0..cells.len() {
        let Some(&disclosed) = cells
            .iter()
            .find(|at| small(truth(**at)) && shown.range(**at).pinned())
        else {
            break;
        };
        let own = match disclosed {
            At::Cell(p, _) => Some(p),
            At::Total => None,
        };
        let kind_of = |at: &At, want: Count| match (shown.get(*at), want) {
            (Count::Exact(n), Count::Exact(_)) => n > 0,
            (a, b) => a == b,
        };
        let in_part = |at: &At, mine: bool| match at {
            At::Cell(p, _) => (Some(*p) == own) == mine,
            At::Total => false,
        };
        let by_size = |mine: bool, want: Count| {
            let mut found: Vec<At> = cells
                .iter()
                .copied()
                .filter(|at| *at != disclosed && in_part(at, mine) && kind_of(at, want))
                .collect();
            found.sort_by_key(|at| truth(*at));
            found
        };
        let total_too = (shown.total != Count::Withheld && total > 0).then_some(At::Total);
        let candidates: Vec<At> = by_size(true, Count::Exact(0))
            .into_iter()
            .chain(by_size(true, Count::Suppressed))
            .chain(total_too)
            .chain(by_size(false, Count::Exact(0)))
            .chain(by_size(false, Count::Suppressed))
            .collect();
        let ends_it = candidates.iter().find(|at| {
            let mut trial = shown.clone();
            trial.withhold(**at);
            !trial.range(disclosed).pinned()
        });
        match ends_it.or(candidates.first()) {
            Some(at) => shown.withhold(*at),
            None => break,
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use Count::{Exact, Suppressed, Withheld};

    /// Every value of each published cell a reader cannot rule out, found by trying every
    /// table of counts up to `max` that shows the same: independent of the ranges above (L5).
    fn possible(shown: &Published, max: i64) -> Vec<Vec<Vec<i64>>> {
        let fits = |c: Count, n: i64| match c {
            Exact(v) => n == v,
            Suppressed => small(n),
            Withheld => n >= 1,
        };
        // For each breakdown, every way its cells can be filled, by total.
        let fillings: Vec<Vec<Vec<i64>>> = shown
            .parts
            .iter()
            .map(|part| {
                let mut all = vec![vec![]];
                for c in part {
                    all = all
                        .into_iter()
                        .flat_map(|prefix: Vec<i64>| {
                            (0..=max).filter(|n| fits(*c, *n)).map(move |n| {
                                let mut next = prefix.clone();
                                next.push(n);
                                next
                            })
                        })
                        .collect();
                }
                all
            })
            .collect();
        let totals: Vec<i64> = (0..=max * 12)
            .filter(|t| fits(shown.total, *t))
            .filter(|t| {
                fillings
                    .iter()
                    .all(|f| f.iter().any(|cells| cells.iter().sum::<i64>() == *t))
            })
            .collect();
        shown
            .parts
            .iter()
            .enumerate()
            .map(|(p, part)| {
                (0..part.len())
                    .map(|c| {
                        let mut values: Vec<i64> = fillings[p]
                            .iter()
                            .filter(|cells| totals.contains(&cells.iter().sum::<i64>()))
                            .map(|cells| cells[c])
                            .collect();
                        values.sort_unstable();
                        values.dedup();
                        values
                    })
                    .collect()
            })
            .collect()
    }

    fn assert_protected(total: i64, parts: &[Vec<i64>]) -> Published {
        let shown = publish(total, parts);
        // No cell is above the total; a reader who allows more only has more to choose from.
        let max = total.max(SUPPRESS_BELOW);
        let values = possible(&shown, max);
        for (p, part) in parts.iter().enumerate() {
            for (c, n) in part.iter().enumerate() {
                assert!(fits_shown(shown.parts[p][c], *n), "the truth is published");
                if small(*n) {
                    assert!(
                        values[p][c].len() > 1,
                        "{total} {parts:?} shown as {shown:?}: cell {p}/{c} ({n}) can only be {:?}",
                        values[p][c]
                    );
                }
            }
        }
        shown
    }

    fn fits_shown(c: Count, n: i64) -> bool {
        match c {
            Exact(v) => v == n,
            Suppressed => small(n),
            Withheld => n >= 1,
        }
    }

    #[test]
    fn the_total_minus_the_visible_streets_no_longer_gives_the_hidden_one() {
        // The review's example: 8 cases, 7 in one street and 1 in another, months 1, 6, 1.
        let shown = assert_protected(8, &[vec![7, 1, 0], vec![1, 6, 1, 0]]);
        assert_eq!(shown.total, Exact(8), "the total stays published");
        assert_eq!(shown.parts[0], [Withheld, Suppressed, Exact(0)]);
        assert_eq!(shown.parts[1], [Suppressed, Withheld, Suppressed, Exact(0)]);
    }

    #[test]
    fn nothing_more_is_withheld_than_needed() {
        // Two small cells that can each be 1 to 4 give nothing away.
        let shown = assert_protected(12, &[vec![9, 2, 1], vec![12]]);
        assert_eq!(shown.parts[0], [Exact(9), Suppressed, Suppressed]);
        assert_eq!(shown.parts[1], [Exact(12)]);
        // No small cell at all: everything exact.
        let shown = assert_protected(15, &[vec![5, 10, 0]]);
        assert_eq!(shown.parts[0], [Exact(5), Exact(10), Exact(0)]);
    }

    #[test]
    fn small_cells_that_add_up_to_their_bound_are_protected() {
        // 4 + 4 = 8 with nothing else: both "<5" would have to be 4.
        let shown = assert_protected(8, &[vec![4, 4], vec![8]]);
        assert_eq!(shown.total, Exact(8));
        assert!(shown.parts[0].contains(&Withheld));
        // A small total split into four ones: "<5" four times under "<5" means 1 each.
        assert_protected(4, &[vec![1, 1, 1, 1], vec![4]]);
        assert_protected(4, &[vec![1, 1, 1, 1], vec![1, 1, 1, 1]]);
        // A small total the months pin down: four months of "<5" under a "<5" total.
        assert_protected(4, &[vec![4, 0], vec![1, 1, 1, 1]]);
    }

    #[test]
    fn every_small_table_is_protected() {
        // Every table a reader could be shown, pseudo-randomly: streets and months that add up.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..400 {
            let cells = 1 + next(4) as usize;
            let streets: Vec<i64> = (0..cells)
                .map(|_| match next(3) {
                    0 => 0,
                    1 => 1 + next(4) as i64,
                    _ => next(9) as i64,
                })
                .collect();
            let total: i64 = streets.iter().sum();
            // The same cases spread over up to four months.
            let months_n = 1 + next(4) as usize;
            let mut months = vec![0; months_n];
            for _ in 0..total {
                months[next(months_n as u64) as usize] += 1;
            }
            assert_protected(total, &[streets, months]);
        }
    }
}
