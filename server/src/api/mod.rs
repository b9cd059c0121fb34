//! `/api/v1`: the JSON API, plus health probes and the API documentation.

pub use crate::timebank::api::records::pdf_response;
mod docs;
pub(crate) mod extract;
mod health;
pub(crate) mod json;
pub mod openapi;

use crate::error::ApiError;
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

/// The API. The sandbox gateway's routes exist only when it is the configured gateway
/// (development mode): in production nobody can "pay" an order there.
pub fn router(cfg: &crate::config::Config) -> Router<AppState> {
    let mut v1 = Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/street-offices", get(crate::streets::api::list))
        .route("/auth/code", post(crate::account::api::send_code))
        .route("/auth/verify", post(crate::account::api::verify))
        .route("/auth/refresh", post(crate::account::api::refresh))
        .route("/auth/sign-out", post(crate::account::api::sign_out))
        .route(
            "/auth/sign-out-everywhere",
            post(crate::account::api::sign_out_everywhere),
        )
        .route("/me", get(crate::account::api::me))
        .route("/me/consents", get(crate::account::api::consents))
        .route(
            "/me/consents/{purpose}/withdraw",
            post(crate::account::api::withdraw),
        )
        .route(
            "/staff/users",
            get(crate::staff::api::list_users).post(crate::staff::api::create_user),
        )
        .route(
            "/staff/users/{id}/role",
            post(crate::staff::api::change_role),
        )
        .route(
            "/staff/users/{id}/reset",
            post(crate::staff::api::reset_user),
        )
        .route(
            "/staff/users/{id}/disable",
            post(crate::staff::api::disable_user),
        )
        .route(
            "/staff/users/{id}/enable",
            post(crate::staff::api::enable_user),
        )
        .route(
            "/staff/users/{id}/end-sessions",
            post(crate::staff::api::end_sessions),
        )
        .route(
            "/kiosks",
            get(crate::kiosks::api::list_kiosks).post(crate::kiosks::api::register_kiosk),
        )
        .route("/kiosks/enrol", post(crate::kiosks::api::enrol))
        .route(
            "/kiosks/{id}/revoke",
            post(crate::kiosks::api::revoke_kiosk),
        )
        .route("/timebank/volunteers", post(crate::timebank::api::register))
        .route(
            "/timebank/volunteers/assisted",
            post(crate::timebank::api::register_assisted),
        )
        .route("/timebank/me", get(crate::timebank::api::me))
        .route(
            "/timebank/me/family",
            get(crate::timebank::api::family).post(crate::timebank::api::add_family),
        )
        .route(
            "/timebank/me/family/{id}/answer",
            post(crate::timebank::api::answer_family),
        )
        .route(
            "/timebank/me/credits",
            get(crate::timebank::api::my_credits),
        )
        .route("/timebank/me/gifts", post(crate::timebank::api::gift))
        .route(
            "/timebank/organizations",
            post(crate::timebank::api::create_organization),
        )
        .route(
            "/timebank/activities",
            get(crate::timebank::api::upcoming).post(crate::timebank::api::create_activity),
        )
        .route(
            "/timebank/activities/{id}/signup",
            post(crate::timebank::api::sign_up),
        )
        .route(
            "/timebank/activities/{id}/cancel-signup",
            post(crate::timebank::api::cancel_signup),
        )
        .route(
            "/timebank/activities/{id}/qr",
            get(crate::timebank::api::qr),
        )
        .route(
            "/timebank/activities/{id}/group-attendance",
            post(crate::timebank::api::group_attendance),
        )
        .route(
            "/timebank/activities/{id}/attendance",
            get(crate::timebank::api::attendance),
        )
        .route(
            "/timebank/activities/{id}/confirm",
            post(crate::timebank::api::confirm),
        )
        .route("/timebank/scan", post(crate::timebank::api::scan))
        .route(
            "/timebank/me/corrections",
            get(crate::timebank::api::records::my_corrections)
                .post(crate::timebank::api::records::request_correction),
        )
        .route(
            "/timebank/corrections",
            get(crate::timebank::api::records::open_corrections),
        )
        .route(
            "/timebank/corrections/{id}/decision",
            post(crate::timebank::api::records::decide_correction),
        )
        .route(
            "/timebank/honour",
            post(crate::timebank::api::records::honour),
        )
        .route(
            "/timebank/volunteers/release",
            post(crate::timebank::api::records::release_volunteer),
        )
        .route(
            "/timebank/staff-volunteers",
            post(crate::timebank::api::records::link_staff_volunteer),
        )
        .route(
            "/timebank/me/certificates",
            get(crate::timebank::api::records::my_certificates)
                .post(crate::timebank::api::records::issue_certificate),
        )
        .route(
            "/timebank/me/certificates/{number}/pdf",
            get(crate::timebank::api::records::certificate_pdf),
        )
        .route(
            "/certificates/{number}",
            get(crate::timebank::api::records::verify_certificate),
        )
        .route(
            "/timebank/care-services",
            get(crate::timebank::api::records::care_services),
        )
        .route(
            "/timebank/me/redemptions",
            post(crate::timebank::api::records::redeem),
        )
        .route(
            "/timebank/totals",
            get(crate::timebank::api::reports::totals),
        )
        .route(
            "/timebank/organizations/{id}/records.csv",
            get(crate::timebank::api::reports::records_csv),
        )
        .route("/dashboard", get(crate::dashboard::api::staff))
        .route("/dashboard.csv", get(crate::dashboard::api::staff_csv))
        .route("/open-data", get(crate::dashboard::api::open_data))
        .route("/open-data.csv", get(crate::dashboard::api::open_data_csv))
        .route("/charity", get(crate::charity::api::home))
        .route(
            "/charity/projects",
            post(crate::charity::api::create_project),
        )
        .route("/charity/projects/{id}", get(crate::charity::api::project))
        .route(
            "/charity/projects/{id}/status",
            post(crate::charity::api::set_status),
        )
        .route(
            "/charity/projects/{id}/updates",
            post(crate::charity::api::publish),
        )
        .route(
            "/charity/projects/{id}/disbursements",
            post(crate::charity::api::disburse).layer(axum::extract::DefaultBodyLimit::max(
                crate::charity::api::DISBURSEMENT_BODY_LIMIT,
            )),
        )
        .route(
            "/charity/donations/{seq}/refund",
            post(crate::charity::api::refund),
        )
        .route(
            "/charity/transparency",
            get(crate::charity::api::transparency),
        )
        .route("/charity/ledger.csv", get(crate::charity::api::ledger_csv))
        .route(
            "/charity/reconciliation",
            get(crate::charity::api::reconciliation),
        )
        .route("/charity/disclosure", get(crate::charity::api::disclosure))
        .route("/charity/orders", post(crate::charity::api::place_order))
        .route(
            "/charity/orders/{order_no}",
            get(crate::charity::api::order),
        )
        .route("/charity/goods/pledges", post(crate::charity::api::pledge))
        .route(
            "/charity/goods/pledges/{id}/receive",
            post(crate::charity::api::receive),
        )
        .route(
            "/charity/goods/lots/{id}/hand-out",
            post(crate::charity::api::hand_out),
        )
        .route("/charity/evidence/{id}", get(crate::charity::api::evidence))
        .route(
            "/charity/receipts/{number}/check",
            get(crate::charity::api::check_receipt),
        )
        .route(
            "/charity/me/receipts",
            get(crate::charity::api::my_receipts),
        )
        .route(
            "/charity/me/receipts/{number}/pdf",
            get(crate::charity::api::receipt_pdf),
        )
        .route(
            "/charity/me/statements/{year}/pdf",
            get(crate::charity::api::statement_pdf),
        )
        .route(
            "/funeral/claims",
            post(crate::cases::api::claim).layer(axum::extract::DefaultBodyLimit::max(
                crate::cases::api::UPLOAD_LIMIT,
            )),
        )
        .route("/preapplications", post(crate::cases::api::preapplication))
        .route("/me/cases", get(crate::cases::api::my_cases))
        .route("/me/cases/{reference}", get(crate::cases::api::my_case))
        .route(
            "/me/cases/{reference}/documents",
            post(crate::cases::api::add_documents).layer(axum::extract::DefaultBodyLimit::max(
                crate::cases::api::UPLOAD_LIMIT,
            )),
        )
        .route(
            "/me/cases/{reference}/documents/{id}",
            get(crate::cases::api::my_document),
        )
        .route(
            "/me/cases/{reference}/slip.pdf",
            get(crate::cases::api::my_slip),
        )
        .route("/cases", get(crate::cases::api::queue))
        .route("/cases/{reference}", get(crate::cases::api::case))
        .route("/cases/{reference}/actions", post(crate::cases::api::act))
        .route("/cases/{reference}/phone", get(crate::cases::api::phone))
        .route(
            "/cases/{reference}/documents/{id}",
            get(crate::cases::api::document),
        )
        .route("/audit", get(crate::audit::api::list))
        .route("/audit/verify", get(crate::audit::api::verify))
        .route("/eligibility/check", post(crate::check::api::check))
        .route("/policy/programs", get(crate::check::api::programs))
        .route("/policy/parameters", get(crate::parameters::api::list))
        .route(
            "/policy/parameters/{id}/history",
            get(crate::parameters::api::history),
        )
        .route(
            "/policy/parameters/{id}/versions",
            post(crate::parameters::api::add_version),
        );
    if cfg.payment_gateway() == crate::config::PaymentGateway::Sandbox {
        v1 = v1
            .route(
                "/payments/sandbox/{order_no}/pay",
                post(crate::charity::api::sandbox_pay),
            )
            .route("/payments/notify", post(crate::charity::api::notify));
    }
    let v1 = v1.fallback(|| async { ApiError::NotFound });
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/api/docs", get(docs::page))
        .nest("/api/v1", v1)
}
