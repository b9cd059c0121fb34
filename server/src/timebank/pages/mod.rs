//! The time bank's pages: the volunteer's page and its forms, the coordinator's desk, the
//! district totals and the public certificate check.

pub mod coordinator;
pub mod totals;
pub mod verify;
pub mod volunteer;
pub mod volunteer_forms;

/// The loaders of the time bank's pages (the coordinator's are staff pages).
pub fn pages() -> crate::site::page_loaders::PageLoaders {
    volunteer::pages()
        .merge(verify::pages())
        .merge(totals::pages())
}

/// The time bank's form posts.
pub fn routes() -> axum::Router<crate::state::AppState> {
    coordinator::routes().merge(volunteer_forms::routes())
}
