//! The last value computed, kept with the key it was computed for: infrastructure below every
//! feature (it imports none), held in `AppState`.

use std::sync::Mutex;

/// The last `T` computed and the key (a state fingerprint) it belongs to.
pub struct Latest<T>(Mutex<Option<(String, T)>>);

impl<T> Default for Latest<T> {
    fn default() -> Latest<T> {
        Latest(Mutex::new(None))
    }
}

impl<T: Clone> Latest<T> {
    /// The value kept for `key`, if the last one computed was for it.
    pub fn get(&self, key: &str) -> Option<T> {
        let g = self.0.lock().ok()?;
        g.as_ref().filter(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    /// Keeps `value` as computed for `key`.
    pub fn put(&self, key: String, value: T) {
        if let Ok(mut g) = self.0.lock() {
            *g = Some((key, value));
        }
    }
}
