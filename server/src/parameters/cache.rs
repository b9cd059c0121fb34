//! The merged set this instance holds, checked against the database's counter at most once per
//! [`FRESH_FOR_MS`].

use policy::ParameterSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;
use types::check::CurrentParameters;

/// How long a check against the database's counter holds: another instance's new value is used
/// here at most this long after it was added.
pub const FRESH_FOR_MS: u64 = 1_000;

/// The merged set this instance holds and the head counter it was built at.
pub struct Cache {
    inner: RwLock<(Option<i64>, CurrentParameters)>,
    /// When the counter was last read, in ms since `epoch` (0: never, or invalidated).
    checked_at: AtomicU64,
    epoch: Instant,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            checked_at: AtomicU64::new(0),
            epoch: Instant::now(),
            inner: RwLock::new((
                None,
                CurrentParameters {
                    set: types::check::merged(vec![]),
                    added: Arc::new(vec![]),
                },
            )),
        }
    }
}

impl Cache {
    /// The set as last loaded (the embedded one before the first load).
    pub fn cached(&self) -> Arc<ParameterSet> {
        self.read().1.set.clone()
    }

    fn now_ms(&self) -> u64 {
        // +1: a reading in the first millisecond is not "never".
        self.epoch.elapsed().as_millis() as u64 + 1
    }

    /// The held set if the counter was read less than [`FRESH_FOR_MS`] ago.
    pub(super) fn fresh(&self) -> Option<CurrentParameters> {
        let at = self.checked_at.load(Ordering::Acquire);
        let (held, cached) = self.read();
        (at != 0 && held.is_some() && self.now_ms().saturating_sub(at) < FRESH_FOR_MS)
            .then_some(cached)
    }

    pub(super) fn checked(&self) {
        self.checked_at.store(self.now_ms(), Ordering::Release);
    }

    /// The next use reads the counter again (after a value was added here).
    pub(super) fn invalidate(&self) {
        self.checked_at.store(0, Ordering::Release);
    }

    pub(super) fn read(&self) -> (Option<i64>, CurrentParameters) {
        match self.inner.read() {
            Ok(g) => g.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub(super) fn replace(&self, head: i64, current: CurrentParameters) {
        let mut g = match self.inner.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Never go back to an older set than one another request already loaded.
        if g.0.is_none_or(|h| h <= head) {
            *g = (Some(head), current);
        }
    }
}
