//! A page's own data (`types::page_data`): on the server, the value its loader built; in the
//! browser, the JSON the server put in the page, decoded as the page's own type where the page
//! asks for it (so the decoder ships in the page's wasm module, not the shared one).

use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// The data of the page being rendered, when it is of type `T`.
pub fn page_data<T: DeserializeOwned + Clone + Send + Sync + 'static>() -> Option<T> {
    #[cfg(feature = "ssr")]
    {
        use_context::<types::page_data::PageData>()?.get::<T>()
    }
    #[cfg(not(feature = "ssr"))]
    {
        serde_json::from_str(&use_context::<PageJson>()?.0).ok()
    }
}

/// In the browser: the page data's JSON as the server rendered it, not yet decoded.
#[derive(Clone, Debug)]
pub struct PageJson(pub String);

/// In the browser: provides the page data's JSON from its `<script>` element.
#[cfg(not(feature = "ssr"))]
pub fn provide_from_document() {
    let json = document()
        .get_element_by_id(types::page_data::PAGE_DATA_ID)
        .and_then(|e| e.text_content());
    if let Some(json) = json {
        provide_context(PageJson(json));
    }
}

#[cfg(feature = "ssr")]
pub fn provide_from_document() {}
