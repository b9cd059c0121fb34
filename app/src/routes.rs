//! Every page as a lazily loaded route, in groups. Built with `cargo leptos build --split`, each
//! group's views (and the renderer code monomorphised for them) go into a wasm module of their own
//! that the browser fetches with the first page of the group, so a resident's phone never
//! downloads the staff desks and the check's engine only comes with the check. Code two groups
//! share goes into chunks the splitter makes per set of groups that use it: few groups, few
//! chunks (one split point per page made hundreds of tiny files, and on a slow network their
//! round trips cost more than the bytes saved). Without `--split` everything stays in one module.

use leptos::prelude::*;
use leptos_router::LazyRoute;
use std::future::Future;

/// `page_groups! { group / preload_fn: Pages { Route => page::Component, … } … }`: per group, one
/// lazily loaded function that renders any of its pages, and per page a route type whose view
/// calls it. `preload_fn` is the name `#[lazy]` gives the group's preload function
/// (`__preload_` + group).
macro_rules! page_groups {
    ($($group:ident / $preload:ident : $pages:ident { $($route:ident => $page:path),* $(,)? })*) => {$(
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
    )*};
}

page_groups! {
    info / __preload_info: InfoPages {
        Home => crate::pages::home::HomePage,
        Service => crate::pages::service::ServicePage,
        Parameters => crate::pages::parameters::ParametersPage,
        OpenData => crate::pages::dashboard::OpenDataPage,
    }
    check / __preload_check: CheckPages {
        Check => crate::check::page::CheckPage,
    }
    account / __preload_account: AccountPages {
        SignIn => crate::pages::signin::SignInPage,
        SignInCode => crate::pages::signin::SignInCodePage,
        Account => crate::pages::account::AccountPage,
    }
    timebank / __preload_timebank: TimebankPages {
        Volunteer => crate::pages::volunteer::VolunteerPage,
        Scan => crate::pages::volunteer::ScanPage,
        Verify => crate::pages::verify::VerifyPage,
        Totals => crate::pages::totals::TotalsPage,
    }
    charity / __preload_charity: CharityPages {
        CharityHome => crate::pages::charity::CharityHomePage,
        Project => crate::pages::charity::ProjectPage,
        Order => crate::pages::charity::OrderPage,
        Payment => crate::pages::charity::PaymentPage,
        Transparency => crate::pages::charity::TransparencyPage,
        ReceiptCheck => crate::pages::charity::ReceiptCheckPage,
        MyReceipts => crate::pages::charity::MyReceiptsPage,
    }
    cases / __preload_cases: CasePages {
        Funeral => crate::pages::funeral::FuneralPage,
        MyCases => crate::pages::cases::MyCasesPage,
        Case => crate::pages::cases::CasePage,
    }
    staff / __preload_staff: StaffPages {
        Staff => crate::pages::staff::StaffPage,
        StaffSignIn => crate::pages::staff::StaffSignInPage,
        StaffEnrol => crate::pages::staff_enrol::StaffEnrolPage,
        StaffUsers => crate::pages::staff_users::StaffUsersPage,
        Kiosks => crate::pages::kiosks::KiosksPage,
        Audit => crate::pages::audit::AuditPage,
        KioskEnrol => crate::pages::kiosks::KioskEnrolPage,
        KioskMode => crate::pages::kiosks::KioskModePage,
        Activities => crate::pages::activities::ActivitiesPage,
        ActivityDesk => crate::pages::activities::ActivityDeskPage,
        CharityDesk => crate::pages::charity_desk::CharityDeskPage,
        CaseQueue => crate::pages::case_desk::CaseQueuePage,
        StaffCase => crate::pages::case_desk::StaffCasePage,
        PolicyDesk => crate::pages::policy_desk::PolicyDeskPage,
        StaffDashboard => crate::pages::dashboard::StaffDashboardPage,
    }
}
