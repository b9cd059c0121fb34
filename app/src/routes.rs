//! Every page as a lazily loaded route, in groups. Built with `cargo leptos build --split`, each
//! group's views (and the renderer code monomorphised for them) go into a wasm module of their own
//! that the browser fetches with the first page of the group, so a resident's phone never
//! downloads the staff desks and the check's engine only comes with the check. Code two groups
//! share goes into chunks the splitter makes per set of groups that use it: few groups, few
//! chunks (one split point per page made hundreds of tiny files, and on a slow network their
//! round trips cost more than the bytes saved). Without `--split` everything stays in one module.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::{Lazy, LazyRoute, path};
use std::future::Future;

/// `page_groups! { group / preload_fn: Pages { Route "/path" => page::Component, … } … }`: per
/// group, one lazily loaded function that renders any of its pages, and per page a route type
/// whose view calls it; and `PageRoutes`, every page at its path. `preload_fn` is the name
/// `#[lazy]` gives the group's preload function (`__preload_` + group).
macro_rules! page_groups {
    ($($group:ident / $preload:ident : $pages:ident {
        $($route:ident $path:tt => $page:path),* $(,)?
    })*) => {
        /// Every page at its path (the rest is the "not found" page).
        #[component]
        pub fn PageRoutes() -> impl IntoView {
            view! {
                <Routes fallback=crate::components::not_found::NotFound>
                    $($(
                        <Route path=path!($path) view={Lazy::<$route>::new()} />
                    )*)*
                </Routes>
            }
        }

        $(
        #[doc = concat!("The pages of the `", stringify!($group), "` group.")]
        #[derive(Clone, Copy, Debug)]
        #[repr(u8)]
        pub enum $pages {
            $($route),*
        }

        #[doc = concat!("Renders a page of the `", stringify!($group), "` group; its own wasm module.")]
        #[leptos::lazy]
        fn $group(page: $pages) -> AnyView {
            match page {
                $($pages::$route => untrack(|| $page().into_any())),*
            }
        }

        $(
            #[doc = concat!("The route of `", stringify!($page), "`.")]
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                fn view(_this: Self) -> impl Future<Output = AnyView> {
                    $group($pages::$route)
                }

                fn preload() -> impl Future<Output = ()> {
                    async {
                        #[cfg(target_arch = "wasm32")]
                        $preload().await;
                    }
                }
            }
        )*
    )*
    };
}

page_groups! {
    info / __preload_info: InfoPages {
        Home "/" => crate::info::home::HomePage,
        Service "/services/:id" => crate::info::service::ServicePage,
        Parameters "/policy/parameters" => crate::parameters::public::ParametersPage,
        OpenData "/open-data" => crate::dashboard::OpenDataPage,
    }
    check / __preload_check: CheckPages {
        Check "/check" => crate::check::page::CheckPage,
    }
    account / __preload_account: AccountPages {
        SignIn "/signin" => crate::account::signin::SignInPage,
        SignInCode "/signin/code" => crate::account::signin::SignInCodePage,
        Account "/account" => crate::account::page::AccountPage,
    }
    timebank / __preload_timebank: TimebankPages {
        Volunteer "/volunteer" => crate::timebank::volunteer::VolunteerPage,
        Scan "/volunteer/scan" => crate::timebank::volunteer::ScanPage,
        Verify "/verify/:number?" => crate::timebank::verify::VerifyPage,
        Totals "/timebank/totals" => crate::timebank::totals::TotalsPage,
    }
    charity / __preload_charity: CharityPages {
        CharityHome "/charity" => crate::charity::CharityHomePage,
        Project "/charity/projects/:id" => crate::charity::ProjectPage,
        Order "/charity/orders/:order" => crate::charity::OrderPage,
        Payment "/pay/sandbox/:order" => crate::charity::PaymentPage,
        Transparency "/charity/transparency" => crate::charity::TransparencyPage,
        ReceiptCheck "/charity/receipts/check" => crate::charity::ReceiptCheckPage,
        MyReceipts "/charity/mine" => crate::charity::MyReceiptsPage,
    }
    cases / __preload_cases: CasePages {
        Funeral "/funeral" => crate::cases::funeral::FuneralPage,
        MyCases "/cases" => crate::cases::mine::MyCasesPage,
        Case "/cases/:reference" => crate::cases::mine::CasePage,
    }
    staff / __preload_staff: StaffPages {
        Staff "/staff" => crate::staff::entry::StaffPage,
        StaffSignIn "/staff/signin" => crate::staff::entry::StaffSignInPage,
        StaffEnrol "/staff/enrol" => crate::staff::enrol::StaffEnrolPage,
        StaffUsers "/staff/users" => crate::staff::users::StaffUsersPage,
        Kiosks "/staff/kiosks" => crate::kiosks::KiosksPage,
        Audit "/staff/audit" => crate::audit::AuditPage,
        KioskEnrol "/kiosk/enrol" => crate::kiosks::KioskEnrolPage,
        KioskMode "/kiosk" => crate::kiosks::KioskModePage,
        Activities "/staff/activities" => crate::timebank::activities::ActivitiesPage,
        ActivityDesk "/staff/activity" => crate::timebank::activities::ActivityDeskPage,
        CharityDesk "/staff/charity" => crate::charity::desk::CharityDeskPage,
        CaseQueue "/staff/cases" => crate::cases::desk::CaseQueuePage,
        StaffCase "/staff/case" => crate::cases::desk::StaffCasePage,
        PolicyDesk "/staff/policy" => crate::parameters::desk::PolicyDeskPage,
        StaffDashboard "/staff/dashboard" => crate::dashboard::StaffDashboardPage,
    }
}
