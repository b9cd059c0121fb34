//! The data the server hands to a page that depends on who is signed in or on the address
//! (staff pages, the volunteer's page, the resident's cases and receipts). Each page declares
//! its own type (in its feature's module here); the server's loader builds it, renders the page
//! with the value, and carries it to the hydrating browser as JSON in the page, where the page
//! decodes it as its own type. No list of every page's data: a page's decoder lives with the
//! page, so it ships in the page's own wasm module.

use serde::Serialize;
use std::any::Any;
use std::sync::Arc;

/// One page's data: the value the server renders with, and its JSON for the browser.
#[derive(Clone)]
pub struct PageData {
    value: Arc<dyn Any + Send + Sync>,
    json: Arc<str>,
}

impl PageData {
    pub fn new<T: Serialize + Send + Sync + 'static>(value: T) -> PageData {
        let json = serde_json::to_string(&value)
            .unwrap_or_default()
            .replace('<', "\\u003c");
        PageData {
            value: Arc::new(value),
            json: json.into(),
        }
    }

    /// The value, when it is of this page's type.
    pub fn get<T: Clone + 'static>(&self) -> Option<T> {
        self.value.downcast_ref::<T>().cloned()
    }

    /// JSON for a `<script type="application/json">` block: `<` escaped so no tag can end it.
    pub fn to_json(&self) -> &str {
        &self.json
    }
}

impl std::fmt::Debug for PageData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageData").finish_non_exhaustive()
    }
}

/// The id of the `<script>` element that carries it.
pub const PAGE_DATA_ID: &str = "page-data";

#[cfg(test)]
mod tests {
    use super::PageData;

    #[derive(Clone, Debug, PartialEq, serde::Serialize)]
    struct Desk {
        title: String,
    }

    #[test]
    fn a_page_reads_only_its_own_type() {
        let d = PageData::new(Desk {
            title: "</script><b>".into(),
        });
        assert_eq!(
            d.get::<Desk>(),
            Some(Desk {
                title: "</script><b>".into()
            })
        );
        assert_eq!(d.get::<String>(), None);
        assert!(!d.to_json().contains('<'), "{}", d.to_json());
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(d.to_json()).unwrap()["title"],
            "</script><b>"
        );
    }
}
