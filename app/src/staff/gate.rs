//! The staff pages' gate: a page's data when the signed-in member of staff may see it.

use crate::account::StaffSignedIn;
use leptos::prelude::*;

/// The page's data when the signed-in member of staff may see it; otherwise the view that
/// says why not (sign in first, or the role may not: the server then hands the page no data).
pub fn gate<T>(l: types::i18n::Locale) -> Result<T, AnyView>
where
    T: serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
{
    if use_context::<StaffSignedIn>().is_none() {
        return Err(view! {
            <p class="lead" data-testid="staff-sign-in-first">{l.t("请先以工作人员身份登录。", "Please sign in as staff first.")}</p>
            <p><a class="button primary" href="/staff/signin" rel="external">{l.t("工作人员登录", "Staff sign-in")}</a></p>
        }
        .into_any());
    }
    crate::page_data::page_data::<T>().ok_or_else(|| {
        view! {
            <p class="lead" data-testid="staff-denied">{l.t("您的角色无权查看此页面。", "Your role may not see this page.")}</p>
            <p><a class="button" href="/staff" rel="external">{l.t("返回工作人员入口", "Back to the staff entry")}</a></p>
        }
        .into_any()
    })
}
